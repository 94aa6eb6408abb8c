//! Catalog text reaches a reply only through the spoiler gate. The type
//! `Told` has no `Display` and a `Debug` without its words; the one way to
//! read its words, `Told::unrendered`, is for matching and building
//! questions, and this test keeps it out of every module that renders.

use std::path::{Path, PathBuf};

/// Modules that may read a `Told`'s words: none of them builds a reply.
const MAY_READ_WORDS: &[&str] = &[
    // Where the type and the gate live.
    "crates/model/src/spoiler.rs",
    // Folding titles and names for matching what members type.
    "crates/core/src/index.rs",
    // Building questions from facts, judging typed answers.
    "crates/core/src/quiz/generate.rs",
    "crates/core/src/quiz/game.rs",
    // `cliffhanger questions`, for the seeds' authors.
    "crates/core/src/quiz/author.rs",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_matching_and_question_building_read_catalog_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "crates"] {
        sources(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "the sources were found");
    let mut offenders = Vec::new();
    for file in files {
        let name = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.contains(".unrendered()") && !MAY_READ_WORDS.contains(&name.as_str()) {
                offenders.push(format!("{name}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "catalog text read outside the gate (render it with Gate::show, Gate::plain or \
         Gate::within_progress):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn told_text_shows_no_words_when_debugged() {
    use cliffhanger::spoiler::{EpisodeKey, Told};
    let told = Told::new(EpisodeKey::new(2, 6), "Derek directs Hit List");
    let debug = format!("{told:?}");
    assert!(!debug.contains("Derek"), "{debug}");
    assert!(debug.contains("S02E06"), "{debug}");
}
