//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use cliffhanger::store::Db;

/// The project's real seeds.
pub fn real_seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A scratch folder with a copy of the real seeds in `seeds/`.
pub fn scratch() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = tmp.path().join("seeds");
    copy_dir(&real_seeds(), &seeds);
    (tmp, seeds)
}

/// The database URL of a file in `dir`.
pub fn db_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("test.db").display())
}

/// Opens the database in `dir`.
pub async fn open(dir: &Path) -> Db {
    Db::connect(&db_url(dir)).await.unwrap()
}

/// Every byte of the database in `dir` (main file and any journal), read
/// after all connections are closed.
pub fn db_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = fs::read(dir.join("test.db")).unwrap();
    for ext in ["test.db-wal", "test.db-shm"] {
        if let Ok(more) = fs::read(dir.join(ext)) {
            bytes.extend(more);
        }
    }
    bytes
}

/// Replaces `from` with `to` in a file, which must contain `from`.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}
