//! `cliffhanger check`: validates the seeds without touching the database,
//! and points out names the roster does not cover.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::mentions::{Roster, Target};
use super::names::unknown_names;
use super::seed::{CharacterSeed, ShowSeed, load_seeds};
use super::{Kind, Language, analyze};
use crate::error::SeedError;
use crate::model::EpisodeKey;

/// A place in a seed file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// File.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// A capitalised name no roster entry covers.
#[derive(Debug, Clone, Serialize)]
pub struct UnknownNameReport {
    /// Show slug.
    pub show: String,
    /// The name as written.
    pub name: String,
    /// Where it occurs.
    pub occurrences: Vec<Place>,
}

/// A name that several characters share, so it tags none of them.
#[derive(Debug, Clone, Serialize)]
pub struct SharedNameReport {
    /// Show slug.
    pub show: String,
    /// The shared name.
    pub name: String,
    /// Who shares it.
    pub characters: Vec<String>,
    /// Where recaps use it (untagged there).
    pub occurrences: Vec<Place>,
}

/// Roster text that names something a member who may read it has not met:
/// a character, role or production first named later, or a later
/// episode's title.
#[derive(Debug, Clone, Serialize)]
pub struct RosterSpoilerReport {
    /// Show slug.
    pub show: String,
    /// Whose `about` entry it is.
    pub character: String,
    /// The episode the entry is read from.
    pub from: EpisodeKey,
    /// The entry's language.
    pub language: Language,
    /// The name or title it gives away.
    pub names: String,
    /// Where that first appears.
    pub first_appears: EpisodeKey,
    /// Where the `about` value is in show.toml.
    pub place: Place,
}

impl std::fmt::Display for RosterSpoilerReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}'s about entry from {} ({}) names \"{}\", which first appears in {}: move the entry to from = \"{}\" or later, or leave the name out",
            self.place,
            self.character,
            self.from,
            self.language.code(),
            self.names,
            self.first_appears,
            self.first_appears
        )
    }
}

/// What `check` found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// No errors: the seeds would import.
    pub valid: bool,
    /// Problems that stop an import.
    pub errors: Vec<SeedError>,
    /// Shows.
    pub shows: usize,
    /// Distinct episodes.
    pub episodes: usize,
    /// Recap files.
    pub recaps: usize,
    /// Facts the recaps would give.
    pub facts: usize,
    /// Character mentions in them.
    pub mentions: usize,
    /// Capitalised names that match no roster entry.
    pub unknown_names: Vec<UnknownNameReport>,
    /// Names shared by several characters.
    pub shared_names: Vec<SharedNameReport>,
    /// Roster text that tells more than its episode allows.
    pub roster_spoilers: Vec<RosterSpoilerReport>,
}

/// Validates the seeds under `dir` and reports on their names.
pub fn check(dir: &Path) -> CheckReport {
    let mut report = CheckReport {
        valid: true,
        errors: Vec::new(),
        shows: 0,
        episodes: 0,
        recaps: 0,
        facts: 0,
        mentions: 0,
        unknown_names: Vec::new(),
        shared_names: Vec::new(),
        roster_spoilers: Vec::new(),
    };
    let seeds = match load_seeds(dir) {
        Ok(seeds) => seeds,
        Err(e) => {
            report.valid = false;
            report.errors = e.0;
            return report;
        }
    };
    report.shows = seeds.shows.len();
    for show in &seeds.shows {
        let roster = Roster::new(&show.characters);
        // Names that are not characters: the show's other names, and the
        // actors of the roster (recaps name them in brackets).
        let not_characters: Vec<String> = show
            .other_names
            .iter()
            .cloned()
            .chain(show.characters.iter().filter_map(|c| c.played_by.clone()))
            .collect();
        let others = Roster::new(&other_names(&show.title, &not_characters));
        let mut unknown: BTreeMap<String, Vec<Place>> = BTreeMap::new();
        let mut shared: BTreeMap<String, Vec<Place>> = BTreeMap::new();
        let mut episodes: Vec<(u32, u32)> =
            show.recaps.iter().map(|r| (r.season, r.episode)).collect();
        episodes.dedup();
        report.episodes += episodes.len();
        report.recaps += show.recaps.len();
        // Where each roster entry first appears: its earliest `about`
        // entry says so, or else the first recap naming it.
        let mut first: Vec<Option<EpisodeKey>> = show
            .characters
            .iter()
            .map(|c| c.about.iter().filter_map(|a| a.from).min())
            .collect();
        for recap in &show.recaps {
            let key = EpisodeKey::new(recap.season, recap.episode);
            for fact in analyze(recap, &roster) {
                for m in &fact.names {
                    let owners = match &m.target {
                        Target::Character(i) => std::slice::from_ref(i),
                        Target::Shared(all) => all.as_slice(),
                    };
                    for &i in owners {
                        first[i] = Some(first[i].map_or(key, |f| f.min(key)));
                    }
                }
            }
        }
        report
            .roster_spoilers
            .extend(roster_spoilers(show, &roster, &first));
        for recap in &show.recaps {
            for fact in analyze(recap, &roster) {
                let paragraph = &recap.paragraphs[fact.paragraph];
                let place = |offset: usize| {
                    let (line, column) = recap.position(paragraph, fact.offset + offset);
                    Place {
                        path: recap.path.clone(),
                        line,
                        column,
                    }
                };
                report.facts += 1;
                for m in &fact.names {
                    match &m.target {
                        Target::Character(_) => report.mentions += 1,
                        Target::Shared(_) => shared
                            .entry(m.name.clone())
                            .or_default()
                            .push(place(m.start)),
                    }
                }
                let mut known = fact.names.clone();
                known.extend(others.find(recap.language, &fact.text));
                for u in unknown_names(recap.language, &fact.text, &known) {
                    unknown
                        .entry(fact.text[u.start..u.end].to_string())
                        .or_default()
                        .push(place(u.start));
                }
            }
        }
        report
            .unknown_names
            .extend(
                unknown
                    .into_iter()
                    .map(|(name, occurrences)| UnknownNameReport {
                        show: show.slug.clone(),
                        name,
                        occurrences,
                    }),
            );
        for (name, owners) in roster.shared_names() {
            report.shared_names.push(SharedNameReport {
                show: show.slug.clone(),
                name: name.to_string(),
                characters: owners
                    .iter()
                    .map(|&i| show.characters[i].name.clone())
                    .collect(),
                occurrences: shared.remove(name).unwrap_or_default(),
            });
        }
    }
    report
}

/// Every `about` entry that names a character first named after the
/// entry's episode, or the title of a later episode.
fn roster_spoilers(
    show: &ShowSeed,
    roster: &Roster,
    first: &[Option<EpisodeKey>],
) -> Vec<RosterSpoilerReport> {
    let titles: Vec<(EpisodeKey, &str)> = show
        .recaps
        .iter()
        .map(|r| (EpisodeKey::new(r.season, r.episode), r.title.as_str()))
        .collect();
    let mut out = Vec::new();
    for (c, character) in show.characters.iter().enumerate() {
        for entry in &character.about {
            let Some(from) = entry.from.or(first[c]) else {
                continue;
            };
            let report = |names: &str, first_appears: EpisodeKey| RosterSpoilerReport {
                show: show.slug.clone(),
                character: character.name.clone(),
                from,
                language: entry.language,
                names: names.to_string(),
                first_appears,
                place: Place {
                    path: show.manifest_path.clone(),
                    line: character.about_place.0,
                    column: character.about_place.1,
                },
            };
            let mut flagged: Vec<String> = Vec::new();
            for m in roster.find(entry.language, &entry.text) {
                let owners = match &m.target {
                    Target::Character(i) => vec![*i],
                    Target::Shared(all) => all.clone(),
                };
                // A shared name gives away only what all its owners would.
                let Some(earliest) = owners
                    .iter()
                    .map(|&i| first[i])
                    .collect::<Option<Vec<_>>>()
                    .and_then(|f| f.into_iter().min())
                else {
                    continue;
                };
                if earliest > from && !flagged.contains(&m.name) {
                    out.push(report(&m.name, earliest));
                    flagged.push(m.name);
                }
            }
            for (key, title) in &titles {
                if *key > from && contains_words(&entry.text, title) {
                    out.push(report(title, *key));
                }
            }
        }
    }
    out
}

/// Whether `text` holds `words` on word boundaries.
fn contains_words(text: &str, words: &str) -> bool {
    !words.trim().is_empty()
        && text.match_indices(words).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + words.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// The show's title and its `other_names`, as pseudo-characters for matching.
fn other_names(title: &str, names: &[String]) -> Vec<CharacterSeed> {
    std::iter::once(title)
        .chain(names.iter().map(String::as_str))
        .map(|n| CharacterSeed {
            slug: String::new(),
            name: n.to_string(),
            aliases: Vec::new(),
            kind: Kind::Production,
            played_by: None,
            in_production: None,
            pronouns: None,
            group: None,
            about: Vec::new(),
            about_place: (0, 0),
        })
        .collect()
}
