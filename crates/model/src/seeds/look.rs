//! How a seeds folder looks from its files' metadata alone: every entry's
//! name, kind, size, times of change and inode, hashed into one print.
//! Reading a million facts' worth of recaps to find that none of them
//! changed takes seconds; looking at their metadata takes milliseconds.
//! An import records the print its seeds were read under, and a start
//! whose folder still looks the same reads nothing.
//!
//! A file written in the same tick of the clock as the look could change
//! again within that tick and keep every figure: a print is only
//! [`Look::settled`] when nothing in the folder changed in the
//! [`SETTLE_MS`] before it was taken, as the index of a version control
//! system trusts a file's times only once they are older than the index.

use std::fs;
use std::io;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::model::seed::PIPELINE_VERSION;
pub use crate::model::seed::{Look, SETTLE_MS};

/// Folders deeper than this are not looked into (a link that loops).
const DEEPEST: usize = 8;

/// Without a time of change that no copy can set back (Unix's ctime), a
/// file replaced by one of the same size and time would look unchanged:
/// no look is taken, and every start reads the folder.
#[cfg(not(unix))]
pub fn look(_dir: &Path) -> Option<Look> {
    None
}

/// Looks at every entry under `dir` (following links, as the seed reader
/// does), now. `None` when the folder cannot be walked whole.
#[cfg(unix)]
pub fn look(dir: &Path) -> Option<Look> {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let folder = dir.canonicalize().ok()?.to_string_lossy().into_owned();
    let mut hash = Sha256::new();
    hash.update(PIPELINE_VERSION.as_bytes());
    let mut newest = i64::MIN;
    walk(dir, Path::new(""), 0, &mut hash, &mut newest).ok()?;
    Some(Look {
        folder,
        print: hash.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        newest_ms: newest,
        taken_ms: now_ms,
    })
}

#[cfg(unix)]
fn walk(
    dir: &Path,
    rel: &Path,
    depth: usize,
    hash: &mut Sha256,
    newest: &mut i64,
) -> io::Result<()> {
    if depth > DEEPEST {
        return Err(io::Error::other("seeds folders nested too deep"));
    }
    let mut entries: Vec<_> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    for name in entries {
        let path = dir.join(&name);
        let meta = fs::metadata(&path)?;
        let rel = rel.join(&name);
        let (changed_ms, figures) = figures(&meta);
        *newest = (*newest).max(changed_ms);
        hash.update(rel.as_os_str().as_encoded_bytes());
        hash.update([0, u8::from(meta.is_dir())]);
        for f in figures {
            hash.update(f.to_le_bytes());
        }
        if meta.is_dir() {
            walk(&path, &rel, depth + 1, hash, newest)?;
        }
    }
    Ok(())
}

/// The latest of an entry's times of change (ms), and the figures that
/// tell one version of it from another.
#[cfg(unix)]
fn figures(meta: &fs::Metadata) -> (i64, [i64; 7]) {
    use std::os::unix::fs::MetadataExt;
    let ms = |s: i64, ns: i64| s * 1000 + ns / 1_000_000;
    let changed = ms(meta.mtime(), meta.mtime_nsec()).max(ms(meta.ctime(), meta.ctime_nsec()));
    (
        changed,
        [
            meta.size() as i64,
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec(),
            meta.ino() as i64,
            meta.dev() as i64,
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_print_changes_with_any_file_and_not_without_one() {
        let tmp = tempfile::tempdir().unwrap();
        let episodes = tmp.path().join("show").join("episodes");
        fs::create_dir_all(&episodes).unwrap();
        fs::write(episodes.join("s01e01.md"), "one").unwrap();
        let first = look(tmp.path()).unwrap();
        assert_eq!(first.print, look(tmp.path()).unwrap().print);
        assert!(!first.settled(), "just written: not yet to be trusted");
        assert!(
            Look {
                taken_ms: first.newest_ms + SETTLE_MS + 1,
                ..first.clone()
            }
            .settled()
        );

        // The same size, written again: its times of change moved.
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(episodes.join("s01e01.md"), "two").unwrap();
        let rewritten = look(tmp.path()).unwrap();
        assert_ne!(first.print, rewritten.print);

        fs::write(episodes.join("s01e02.md"), "").unwrap();
        let added = look(tmp.path()).unwrap();
        assert_ne!(rewritten.print, added.print);

        fs::rename(episodes.join("s01e02.md"), episodes.join("s01e03.md")).unwrap();
        assert_ne!(added.print, look(tmp.path()).unwrap().print);

        assert!(look(&tmp.path().join("missing")).is_none());
    }
}
