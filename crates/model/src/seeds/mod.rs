//! The seed format: seed files become facts. Parsing (`seed`), sentence
//! splitting (`segment`), character and number recognition (`mentions`,
//! `numbers`), the seed check (`check`). The import into SQLite is `crate::import`.

pub mod check;
pub mod look;
pub mod mentions;
pub mod names;
pub mod numbers;
pub mod plain;
pub mod seed;
pub mod segment;
pub mod words;

use crate::model::EpisodeKey;
use mentions::{NameMatch, Roster};
use numbers::NumberMention;
use seed::RecapFile;

pub use crate::model::{Kind, Language};

/// One sentence of a recap, analysed and ready to store.
#[derive(Debug, Clone)]
pub struct FactDraft {
    /// The `## Section` it stands under.
    pub section: Option<String>,
    /// Index of its paragraph in the recap.
    pub paragraph: usize,
    /// Index of the sentence in the recap.
    pub position: usize,
    /// Byte offset of the sentence in its paragraph.
    pub offset: usize,
    /// The sentence.
    pub text: String,
    /// Names found in it (including shared names, which tag nobody).
    pub names: Vec<NameMatch>,
    /// Numbers found in it.
    pub numbers: Vec<NumberMention>,
}

/// The limit on a recap's size that `check` and `import` both apply: a
/// recap has room for [`crate::model::MAX_POSITIONS`] sentences among
/// fact ids. The problem is placed at the first sentence over it.
pub fn too_many_sentences(
    recap: &RecapFile,
    facts: &[FactDraft],
) -> Option<crate::error::SeedError> {
    let limit = crate::model::MAX_POSITIONS as usize;
    let over = facts.get(limit)?;
    let (line, column) = recap.position(&recap.paragraphs[over.paragraph], over.offset);
    Some(crate::error::SeedError::at(
        &recap.path,
        line,
        column,
        format!(
            "this recap has {} sentences, more than the {limit} a recap may have (the first one over is here): split the episode's recap",
            facts.len()
        ),
    ))
}

/// Splits a recap into sentences and finds the names and numbers in each.
pub fn analyze(recap: &RecapFile, roster: &Roster) -> Vec<FactDraft> {
    let mut facts = Vec::new();
    for (p, paragraph) in recap.paragraphs.iter().enumerate() {
        for (start, end) in segment::sentences(recap.language, &paragraph.text) {
            let text = &paragraph.text[start..end];
            facts.push(FactDraft {
                section: paragraph.section.clone(),
                paragraph: p,
                position: facts.len(),
                offset: start,
                text: text.to_string(),
                names: roster.find_at(
                    recap.language,
                    text,
                    EpisodeKey::new(recap.season, recap.episode),
                ),
                numbers: numbers::find_numbers(recap.language, text),
            });
        }
    }
    facts
}

/// The `source` of an episode file written from the episode guide: a
/// summary that a recap replaces without asking.
pub const GUIDE_SOURCE: &str = "TVmaze";

/// Replaces a seed file's contents whole: written beside it, then renamed
/// over it, so a reader (an import, a watcher) never sees half of it.
pub fn write_whole(path: &std::path::Path, text: &str) -> Result<(), String> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".new");
    let temporary = std::path::PathBuf::from(temporary);
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            format!("cannot write {}: {e}", path.display())
        })
}

/// A TOML basic string: quoted, with backslashes, quotes and control
/// characters escaped.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
