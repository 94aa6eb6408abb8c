//! The catalog as its authors wrote it: shows, rosters, recaps and
//! hand-written questions, as the seed parser reads them and the store
//! writes them.

use std::path::PathBuf;

use crate::model::{EpisodeKey, Kind, Language};
use crate::text::LineIndex;

/// Bumped whenever the way recaps become facts changes, so that content
/// hashes change with it and the next import rebuilds every recap.
pub const PIPELINE_VERSION: &str = "cliffhanger-catalog-1";

/// How long before a look the folder must have been still for the look
/// to be trusted: longer than any file system's tick (FAT's is 2 s).
pub const SETTLE_MS: i64 = 2_500;

/// A seeds folder's print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Look {
    /// The folder, as its canonical path.
    pub folder: String,
    /// The hash of every entry's metadata, with the pipeline's version.
    pub print: String,
    /// The latest time any entry changed (content or metadata), in ms.
    pub newest_ms: i64,
    /// When the look was taken, in ms since the epoch.
    pub taken_ms: i64,
}

impl Look {
    /// Whether nothing in the folder changed within [`SETTLE_MS`] of the
    /// look: only then may the print stand for the files' contents.
    pub fn settled(&self) -> bool {
        self.newest_ms < self.taken_ms - SETTLE_MS
    }
}

/// Every show found under a seeds folder.
#[derive(Debug, Clone)]
pub struct SeedSet {
    /// Shows in slug order.
    pub shows: Vec<ShowSeed>,
    /// How the folder looked just before it was read for an import (see
    /// `crate::seeds::look`): the import records it, and a later start
    /// whose folder looks the same reads nothing. `None` for a read that
    /// keeps every recap's text (a check), which no import records.
    pub look: Option<Look>,
}

/// One show: its manifest and its recaps.
#[derive(Debug, Clone)]
pub struct ShowSeed {
    /// The folder name, which is the show's stable identity.
    pub slug: String,
    /// `seeds/<slug>/show.toml`.
    pub manifest_path: PathBuf,
    /// Hash of the manifest (with the pipeline version).
    pub manifest_hash: String,
    /// Display title.
    pub title: String,
    /// Network that aired it, if given.
    pub network: Option<String>,
    /// Whom the show's data is credited to ("Episode guide: TVmaze,
    /// https://…, CC BY-SA 4.0"), shown in /about.
    pub credits: Option<String>,
    /// Years it ran, as written ("2012–2013").
    pub years: Option<String>,
    /// Capitalised names in recaps that are not characters.
    pub other_names: Vec<String>,
    /// The roster, in manifest order.
    pub characters: Vec<CharacterSeed>,
    /// The recaps, in (season, episode, language) order.
    pub recaps: Vec<RecapFile>,
    /// Hand-written trivia questions, in file and line order.
    pub questions: Vec<QuestionSeed>,
    /// Hash of every question file (names and bytes).
    pub questions_hash: String,
}

/// A hand-written trivia question from `questions/*.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSeed {
    /// The file it is in.
    pub path: PathBuf,
    /// The line its `[[questions]]` entry starts on.
    pub line: usize,
    /// Its spoiler level.
    pub episode: EpisodeKey,
    /// The language of prompt and answers.
    pub language: Language,
    /// The question.
    pub prompt: String,
    /// The answer, as revealed.
    pub answer: String,
    /// Other answers accepted when typed.
    pub accepted: Vec<String>,
    /// Wrong choices; with fewer than three the question is asked typed only.
    pub wrong: Vec<String>,
}

/// A character, role or production of a show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharacterSeed {
    /// Stable identity inside the show.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Other names it goes by in recaps.
    pub aliases: Vec<String>,
    /// Person, role or production.
    pub kind: Kind,
    /// The actor, for people.
    pub played_by: Option<String>,
    /// The production a role belongs to (the production's name).
    pub in_production: Option<String>,
    /// How the recaps refer to them, when show.toml says.
    pub pronouns: Option<crate::model::Pronoun>,
    /// The part of the story they belong to ("stage", "creative",
    /// "family"...), when show.toml says: quiz choices come from one group.
    pub group: Option<String>,
    /// Who they are: entries told from an episode each, in manifest order.
    pub about: Vec<AboutSeed>,
    /// Where the `about` value starts in show.toml (1-based line and
    /// column), for reports on its entries.
    pub about_place: (usize, usize),
}

/// One entry of a character's `about`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AboutSeed {
    /// The episode from which a member reads it; `None` (a plain string):
    /// from the character's first appearance.
    pub from: Option<EpisodeKey>,
    /// Its language (the show's, unless the entry says).
    pub language: Language,
    /// The text.
    pub text: String,
}

/// One recap file of one episode in one language.
#[derive(Debug, Clone)]
pub struct RecapFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Hash of the file's bytes (with the pipeline version).
    pub hash: String,
    /// Season number, from 1 (specials are refused: they have no place in
    /// the watch order yet).
    pub season: u32,
    /// Episode number within the season.
    pub episode: u32,
    /// Episode title as this recap gives it.
    pub title: String,
    /// Language of the recap.
    pub language: Language,
    /// First air date, `YYYY-MM-DD`.
    pub aired: Option<String>,
    /// Where the recap comes from.
    pub source: Option<String>,
    /// The optional `# headline`.
    pub headline: Option<String>,
    /// Paragraphs of the body, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The whole file, for mapping offsets back to lines.
    pub text: String,
    pub(crate) lines: LineIndex,
    /// Whether `text` and `paragraphs` were let go after the file was
    /// checked ([`RecapFile::shed_body`]).
    pub(crate) shed: bool,
    /// Once the body is shed: the roster positions of the characters it
    /// names, where the show has names several characters share (what
    /// [`crate::seeds::mentions::Roster::of_show`] reads of a recap).
    pub(crate) names: Vec<usize>,
}

impl RecapFile {
    /// Lets go of the text and paragraphs, keeping what says which recap
    /// this is, its hash and `names`, the roster positions of the
    /// characters it names: a catalog's recaps are checked whole and then
    /// held this way, and read again only where they are analysed.
    pub(crate) fn shed_body(&mut self, names: Vec<usize>) {
        self.names = names;
        self.text = String::new();
        self.paragraphs = Vec::new();
        self.lines = LineIndex::new("");
        self.shed = true;
    }

    /// Whether the text and paragraphs are here.
    pub fn has_body(&self) -> bool {
        !self.shed
    }

    /// 1-based line and column in the file of byte `offset` of paragraph `p`.
    pub(crate) fn position(&self, p: &Paragraph, offset: usize) -> (usize, usize) {
        self.lines.position(&self.text, p.file_offset(offset))
    }
}

/// A paragraph: consecutive text lines joined by single spaces.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// The `## Section` it stands under, if any.
    pub section: Option<String>,
    /// The joined text.
    pub text: String,
    /// (offset in `text`, offset in the file) where each source line starts.
    pub(crate) pieces: Vec<(usize, usize)>,
}

impl Paragraph {
    /// The file offset of byte `offset` of the joined text.
    pub(crate) fn file_offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|&(joined, _)| joined <= offset);
        let (joined, file) = self.pieces[i.saturating_sub(1)];
        file + offset.saturating_sub(joined)
    }
}
