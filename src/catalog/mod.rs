//! The catalog: seed files become facts. Parsing (`seed`), sentence
//! splitting (`segment`), character and number recognition (`mentions`,
//! `numbers`), the seed check (`check`). The import into SQLite is `crate::import`.

pub mod check;
pub mod mentions;
pub mod names;
pub mod numbers;
pub mod seed;
pub mod segment;
pub mod words;

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
                names: roster.find(recap.language, text),
                numbers: numbers::find_numbers(recap.language, text),
            });
        }
    }
    facts
}
