//! `check` says what `import` does: over seed sets broken at random (a
//! byte changed, a line dropped or doubled, a control character, a front
//! matter number mangled), both accept or both refuse, and where they
//! refuse, at the same first place. Runs on the suite's backend, so on
//! PostgreSQL too.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use cliffhanger::import::{ImportError, import_dir};
use cliffhanger::seeds::check::check_with;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use support::{open, scratch};

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// One random break of one random seed file.
fn mangle(rng: &mut StdRng, seeds: &Path) -> String {
    let all = files(seeds);
    let path = &all[rng.random_range(0..all.len())];
    let mut bytes = fs::read(path).unwrap();
    let at = rng.random_range(0..bytes.len().max(1));
    let what = match rng.random_range(0..6) {
        0 => {
            bytes.insert(at.min(bytes.len()), 0);
            "a NUL"
        }
        1 => {
            bytes.insert(at.min(bytes.len()), 0x07);
            "a bell"
        }
        2 => {
            // A line dropped.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let lines: Vec<&str> = text.lines().collect();
            let drop = rng.random_range(0..lines.len().max(1));
            bytes = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes();
            "a line dropped"
        }
        3 => {
            // A line doubled.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let mut lines: Vec<&str> = text.lines().collect();
            let twice = rng.random_range(0..lines.len().max(1));
            if let Some(line) = lines.get(twice).copied() {
                lines.insert(twice, line);
            }
            bytes = lines.join("\n").into_bytes();
            "a line doubled"
        }
        4 => {
            // A number in the file changed.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let digits: Vec<usize> = text
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if let Some(&i) = digits.get(rng.random_range(0..digits.len().max(1))) {
                let replacement = ["0", "x", "99999", "-1"][rng.random_range(0..4)];
                bytes = format!("{}{}{}", &text[..i], replacement, &text[i + 1..]).into_bytes();
            }
            "a number changed"
        }
        _ => {
            // A byte changed to another printable one, or to invalid UTF-8.
            if let Some(b) = bytes.get_mut(at) {
                *b = [b'"', b'[', b'=', b'+', 0xff][rng.random_range(0..5)];
            }
            "a byte changed"
        }
    };
    fs::write(path, &bytes).unwrap();
    format!("{what} in {}", path.strip_prefix(seeds).unwrap().display())
}

/// The first problem as `file:line:column`, the file's name only.
fn place(path: &Path, line: Option<usize>, column: Option<usize>) -> String {
    format!(
        "{}:{}:{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        line.unwrap_or(0),
        column.unwrap_or(0)
    )
}

#[tokio::test]
async fn check_and_import_agree_on_broken_seeds() {
    let mut rng = StdRng::seed_from_u64(23);
    let mut refused = 0;
    for case in 0..60 {
        let (tmp, seeds) = scratch();
        let broken = mangle(&mut rng, &seeds);
        let report = check_with(&seeds, None);
        let db = open(tmp.path()).await;
        let imported = import_dir(&db, &seeds).await;
        db.close().await;
        match (&imported, report.valid) {
            (Ok(_), true) => {}
            (Err(ImportError::Seeds(errors)), false) => {
                refused += 1;
                let from_import = &errors.0[0];
                let from_check = &report.errors[0];
                assert_eq!(
                    place(&from_check.path, from_check.line, from_check.column),
                    place(&from_import.path, from_import.line, from_import.column),
                    "case {case}, {broken}: check said {from_check}, import said {from_import}"
                );
            }
            (other, valid) => {
                panic!("case {case}, {broken}: check said valid = {valid}, import said {other:?}")
            }
        }
    }
    // The breaks are real: most seed sets were refused.
    assert!(
        refused >= 20,
        "only {refused} of 60 broken seed sets were refused"
    );
}
