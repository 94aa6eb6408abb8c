//! The catalog: seed files become facts. Parsing (`seed`), sentence
//! splitting (`segment`), character and number recognition (`mentions`,
//! `numbers`), the seed check (`check`) and the import into SQLite (`import`).

pub mod check;
pub mod import;
pub mod mentions;
pub mod names;
pub mod numbers;
pub mod seed;
pub mod segment;

use serde::Serialize;

use mentions::{NameMatch, Roster};
use numbers::NumberMention;
use seed::RecapFile;

/// A language recaps can be written in (and the bot can speak).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// German.
    De,
}

impl Language {
    /// Every supported language.
    pub const ALL: [Language; 2] = [Language::En, Language::De];

    /// The ISO 639-1 code, as seed files and the database write it.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
        }
    }

    /// The language's English name.
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::De => "German",
        }
    }

    /// Reads a language code.
    pub fn parse(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// What a roster entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A character of the show.
    Person,
    /// A part inside a show-within-the-show (Marilyn in Bombshell).
    Role,
    /// A show-within-the-show (Bombshell).
    Production,
}

impl Kind {
    /// How seeds and the database write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Role => "role",
            Kind::Production => "production",
        }
    }

    /// Reads a kind.
    pub fn parse(s: &str) -> Option<Kind> {
        [Kind::Person, Kind::Role, Kind::Production]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

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
