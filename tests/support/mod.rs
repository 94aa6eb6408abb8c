//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cliffhanger::store::Db;

pub mod fake_discord;

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

/// Every row of every table of the database in `dir` (the full-text
/// index's own tables included), in a canonical text form: two dumps are
/// equal exactly when the database holds the same data.
pub async fn dump(dir: &Path) -> String {
    let db = open(dir).await;
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let mut out = String::new();
    for table in tables {
        if table == "facts_fts" {
            // The virtual table reads through to facts; its shadow tables
            // (facts_fts_data, ...) are dumped on their own.
            continue;
        }
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
            .bind(&table)
            .fetch_all(db.pool())
            .await
            .unwrap();
        let row = columns
            .iter()
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let sql = format!("SELECT {row} FROM \"{table}\" ORDER BY 1");
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_all(db.pool())
            .await
            .unwrap();
        out.push_str(&format!("[{table}] {} rows\n", rows.len()));
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    db.close().await;
    out
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

/// Runs the built binary in `dir` with a clean environment for its settings.
pub fn run_cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("SEEDS_DIR")
        .env_remove("DISCORD_TOKEN")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

/// Runs `cliffhanger console` in `dir` (its database and seeds there) with
/// `script` on standard input: (stdout, stderr, exit code).
pub fn console(dir: &Path, args: &[&str], script: &str) -> (String, String, Option<i32>) {
    console_bytes(dir, args, script.as_bytes())
}

/// [`console`] with any bytes on standard input.
pub fn console_bytes(dir: &Path, args: &[&str], script: &[u8]) -> (String, String, Option<i32>) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .arg("console")
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("SEEDS_DIR")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(script).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

/// A scratch folder whose seeds are the real ones plus the test recaps in
/// `tests/fixtures/smash-more` (a season-1 finale, a season-2 episode in
/// English and German).
pub fn scratch_with_more_recaps() -> (tempfile::TempDir, PathBuf) {
    let (tmp, seeds) = scratch();
    let more = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smash-more");
    copy_dir(&more, &seeds.join("smash/episodes"));
    (tmp, seeds)
}

/// Every file under `dir` with its bytes, by path: to prove a command
/// left a folder as it was.
pub fn dump_dir(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Runs `command` with `input` on its standard input, and waits for it.
pub fn run_with_input(command: &mut Command, input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}
