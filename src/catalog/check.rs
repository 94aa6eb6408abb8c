//! `cliffhanger check`: validates the seeds without touching the database,
//! and points out names the roster does not cover.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::mentions::{Roster, Target};
use super::names::unknown_names;
use super::seed::{CharacterSeed, load_seeds};
use super::{Kind, analyze};
use crate::error::SeedError;

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
        let others = Roster::new(&other_names(&show.title, &show.other_names));
        let mut unknown: BTreeMap<String, Vec<Place>> = BTreeMap::new();
        let mut shared: BTreeMap<String, Vec<Place>> = BTreeMap::new();
        let mut episodes: Vec<(u32, u32)> =
            show.recaps.iter().map(|r| (r.season, r.episode)).collect();
        episodes.dedup();
        report.episodes += episodes.len();
        report.recaps += show.recaps.len();
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
            about: None,
        })
        .collect()
}
