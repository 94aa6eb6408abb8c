//! `cliffhanger check`: validates the seeds without touching the database,
//! and points out names the roster does not cover.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::mentions::{Roster, Target};
use super::names::unknown_names;
use super::seed::{CharacterSeed, RecapFile, ShowSeed, load_seeds};
use super::words::GermanWords;
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
    /// The name, possessives folded in ("Frank's" and "Franks" count as
    /// "Frank").
    pub name: String,
    /// The episode of its first occurrence.
    pub first_episode: EpisodeKey,
    /// Where it occurs, in file order.
    pub occurrences: Vec<Place>,
    /// Of those, how many stand where names stand: with a possessive
    /// ("Blake's"), or after a title or part ("Star Lyle", "Dr. Ross").
    pub name_like: usize,
    /// Of those, how many open a bracket: an actor, named after their part
    /// ("Karen (Katharine McPhee)").
    pub bracketed: usize,
    /// The actor most often named in brackets right after it ("Lissabon
    /// (Itziar Ituño)").
    pub played_by: Option<String>,
}

/// A roster entry `check --suggest-roster` offers.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// Show slug.
    pub show: String,
    /// The name.
    pub name: String,
    /// How often the recaps name it.
    pub times: usize,
    /// The episode of its first occurrence.
    pub first_episode: EpisodeKey,
    /// Where it first occurs.
    pub first: Option<Place>,
    /// Who plays the part, as the recaps name them in brackets.
    pub played_by: Option<String>,
}

/// Words that open a run of capitalised words without being part of the
/// name after them ("Poor Jesse", "Is Hopper", "Killing Emilio").
const NOT_NAME_LEADS: &[&str] = &[
    "Poor",
    "Is",
    "Was",
    "Did",
    "Does",
    "Do",
    "Has",
    "Had",
    "Except",
    "Killing",
    "Each",
    "Every",
    "It's",
    "Its",
    "Dear",
    "Oh",
    "Yes",
    "No",
    "Not",
    "Why",
    "How",
    "What",
    "Who",
    "Where",
    "When",
    "Today",
    "Tonight",
    "Meanwhile",
    "Written",
    "Directed",
    "Rating",
    "Episode",
    "Season",
    "Chapter",
    "Part",
    "Also",
    "Even",
    "Only",
    "Just",
    "Arme",
    "Armer",
    "Armen",
    "Eine",
    "Ein",
    "Einer",
    "Der",
    "Die",
    "Das",
    "Den",
    "Dem",
    "Des",
    "Familie",
    "Bruder",
    "Schwester",
];

/// Capitalised words that are no one's name.
const NOT_NAMES: &[&str] = &[
    "Episode",
    "Season",
    "Chapter",
    "Staffel",
    "Folge",
    "Teil",
    "Today",
    "Tonight",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
    "Januar",
    "Februar",
    "März",
    "Juni",
    "Juli",
    "Oktober",
    "Dezember",
    "Netflix",
    "Christmas",
    "Weihnachten",
    "God",
    "Gott",
    "Life",
    "Imitation",
];

/// Words before a name that say it is one: titles and parts.
const TITLES: &[&str] = &[
    "Star",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Lord",
    "Lady",
    "Sir",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Frau",
    "Herr",
    "Onkel",
    "Tante",
    "Detective",
    "Agent",
    "Officer",
    "Sheriff",
    "Chief",
    "Coach",
    "Professor",
    "Regisseur",
    "Regisseurin",
    "Produzent",
    "Produzentin",
    "Autor",
    "Autorin",
    "Kommissar",
    "Kommissarin",
];

/// The roster entries worth offering, most named first: each name
/// cleared of words that lead it without being part of it ("Poor Jesse"
/// is Jesse), leaving out phrases with a possessive inside ("Mike's Mom",
/// "Ulrichs Vater"), acronyms, single letters, months, days and other
/// words that are nobody's name, actors (named in brackets after their
/// part), and names met once that stand nowhere names stand.
pub fn suggestions(unknown: &[UnknownNameReport]) -> Vec<Suggestion> {
    let mut merged: BTreeMap<(String, String), Suggestion> = BTreeMap::new();
    let names: std::collections::HashSet<(&str, &str)> = unknown
        .iter()
        .map(|u| (u.show.as_str(), u.name.as_str()))
        .collect();
    for u in unknown {
        let mut words: Vec<&str> = u.name.split_whitespace().collect();
        while words.first().is_some_and(|w| NOT_NAME_LEADS.contains(w)) {
            words.remove(0);
        }
        let Some(last) = words.last() else { continue };
        let possessive_inside = words[..words.len() - 1].iter().any(|w| {
            w.ends_with("'s")
                || w.ends_with("’s")
                || w.strip_suffix('s')
                    .is_some_and(|stem| names.contains(&(u.show.as_str(), stem)))
        });
        let acronym = words.len() == 1
            && last.chars().count() <= 4
            && last.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
        let single_letter = words.len() == 1 && last.chars().count() == 1;
        // "Dr", "Teil": a title or a word for a part of the show alone;
        // but a title someone plays is their name ("der Professor
        // (Álvaro Morte)").
        let not_a_name = words.len() == 1
            && (NOT_NAMES.contains(last) || (TITLES.contains(last) && u.played_by.is_none()));
        let actor = u.bracketed * 2 > u.occurrences.len();
        let stands_as_name = u.occurrences.len() > 1 || words.len() > 1 || u.name_like > 0;
        if possessive_inside || acronym || single_letter || not_a_name || actor || !stands_as_name {
            continue;
        }
        let name = words.join(" ");
        let entry = merged
            .entry((u.show.clone(), name.clone()))
            .or_insert_with(|| Suggestion {
                show: u.show.clone(),
                name,
                times: 0,
                first_episode: u.first_episode,
                first: u.occurrences.first().cloned(),
                played_by: None,
            });
        if entry.played_by.is_none() {
            entry.played_by.clone_from(&u.played_by);
        }
        entry.times += u.occurrences.len();
        if u.first_episode < entry.first_episode {
            entry.first_episode = u.first_episode;
            entry.first = u.occurrences.first().cloned();
        }
    }
    let mut out: Vec<Suggestion> = merged.into_values().collect();
    out.sort_by(|a, b| {
        a.show
            .cmp(&b.show)
            .then(b.times.cmp(&a.times))
            .then(a.name.cmp(&b.name))
    });
    out
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
    /// What the check could not do, and why (no German word list).
    pub notes: Vec<String>,
    /// Whether any recap is German.
    #[serde(skip)]
    german: bool,
}

/// Validates the seeds under `dir` and reports on their names, with the
/// German word list of the machine ([`GermanWords::load`]) for German
/// recaps; without one, says so in the report's notes.
pub fn check(dir: &Path) -> CheckReport {
    match GermanWords::load() {
        Ok(words) => check_with(dir, Some(&words)),
        Err(missing) => {
            let mut report = check_with(dir, None);
            if report.german {
                report.notes.push(missing.to_string());
            }
            report
        }
    }
}

/// [`check`] with this German word list (or none).
pub fn check_with(dir: &Path, dictionary: Option<&GermanWords>) -> CheckReport {
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
        notes: Vec::new(),
        german: false,
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
        check_show(show, dictionary, &mut report);
    }
    report
}

/// What a show's names are, for reading its recaps: its roster, the names
/// that are not characters, and every name either knows.
struct Names<'a> {
    roster: &'a Roster,
    others: &'a Roster,
    known: &'a std::collections::HashSet<&'a str>,
}

/// One show of the seeds into `report`: its counts, roster spoilers,
/// unknown names and names its roster shares.
fn check_show(show: &ShowSeed, dictionary: Option<&GermanWords>, report: &mut CheckReport) {
    let roster = Roster::of_show(show);
    // Names that are not characters: the show's other names, and the
    // actors of the roster (recaps name them in brackets).
    let not_characters: Vec<String> = show
        .other_names
        .iter()
        .cloned()
        .chain(show.characters.iter().filter_map(|c| c.played_by.clone()))
        .collect();
    let others = Roster::new(&other_names(&show.title, &not_characters));
    // Every name the roster and other_names know, for "Marilyns".
    let known_names: std::collections::HashSet<&str> = show
        .characters
        .iter()
        .flat_map(|c| std::iter::once(&c.name).chain(&c.aliases))
        .chain(&not_characters)
        .map(String::as_str)
        .collect();
    let mut unknown: BTreeMap<String, Vec<Seen>> = BTreeMap::new();
    let mut shared: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    let mut episodes: Vec<(u32, u32)> = show.recaps.iter().map(|r| (r.season, r.episode)).collect();
    episodes.dedup();
    report.episodes += episodes.len();
    report.recaps += show.recaps.len();
    let first = first_appearances(show, &roster);
    report
        .roster_spoilers
        .extend(roster_spoilers(show, &roster, &first));
    let names = Names {
        roster: &roster,
        others: &others,
        known: &known_names,
    };
    for recap in &show.recaps {
        scan_recap(recap, &names, dictionary, report, &mut unknown, &mut shared);
    }
    report
        .unknown_names
        .extend(fold_genitives(unknown).into_iter().map(|(name, mut seen)| {
            seen.sort();
            UnknownNameReport {
                show: show.slug.clone(),
                name,
                first_episode: seen[0].0,
                name_like: seen.iter().filter(|s| s.2).count(),
                bracketed: seen.iter().filter(|s| s.3).count(),
                played_by: most_common(seen.iter().filter_map(|s| s.4.clone())),
                occurrences: seen.into_iter().map(|(_, place, ..)| place).collect(),
            }
        }));
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

/// One recap's facts: counted, and every capitalised name in them that no
/// roster entry or other name knows, or that the roster shares, noted
/// where it stands.
fn scan_recap(
    recap: &RecapFile,
    names: &Names<'_>,
    dictionary: Option<&GermanWords>,
    report: &mut CheckReport,
    unknown: &mut BTreeMap<String, Vec<Seen>>,
    shared: &mut BTreeMap<String, Vec<Place>>,
) {
    let key = EpisodeKey::new(recap.season, recap.episode);
    report.german |= recap.language == Language::De;
    let facts = analyze(recap, names.roster);
    if let Some(e) = super::too_many_sentences(recap, &facts) {
        report.valid = false;
        report.errors.push(e);
    }
    for fact in facts {
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
        known.extend(names.others.find(recap.language, &fact.text));
        for u in unknown_names(recap.language, &fact.text, &known, dictionary) {
            let name = without_possessive(&fact.text[u.start..u.end]);
            // "two Marilyns", "Ivys": a known name with an "s".
            if name
                .strip_suffix('s')
                .is_some_and(|base| names.known.contains(base))
            {
                continue;
            }
            let (name_like, bracketed, played) = how_it_stands(&fact.text, u.start..u.end);
            unknown.entry(name.to_string()).or_default().push((
                key,
                place(u.start),
                name_like,
                bracketed,
                played,
            ));
        }
    }
}

/// Where each roster entry of `show` first appears: its earliest `about`
/// entry says so, or else the first recap naming it.
fn first_appearances(show: &ShowSeed, roster: &Roster) -> Vec<Option<EpisodeKey>> {
    let mut first: Vec<Option<EpisodeKey>> = show
        .characters
        .iter()
        .map(|c| c.about.iter().filter_map(|a| a.from).min())
        .collect();
    for recap in &show.recaps {
        let key = EpisodeKey::new(recap.season, recap.episode);
        for fact in analyze(recap, roster) {
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
    first
}

/// How an unknown name at `at` in `text` stands: where names stand (after
/// a title, before an actor in brackets, with a possessive), whether it
/// opens a bracket, and the actor named in brackets after it.
fn how_it_stands(text: &str, at: std::ops::Range<usize>) -> (bool, bool, Option<String>) {
    let raw = &text[at.clone()];
    let before = text[..at.start].trim_end();
    let after = &text[at.end..];
    let titled = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| TITLES.contains(&w));
    let played = super::names::played_by(text, at.end);
    let name_like = titled
        || played.is_some()
        || raw != without_possessive(raw)
        || after.starts_with("'s")
        || after.starts_with("’s");
    (name_like, before.ends_with('('), played.map(str::to_string))
}

/// One place an unknown name is met: its episode and place, whether it
/// stands where names stand, whether it opens a bracket, and the actor
/// named in brackets after it.
type Seen = (EpisodeKey, Place, bool, bool, Option<String>);

/// The value met most often (the first of those met as often).
fn most_common(values: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(seen, _)| *seen == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
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
            let mut known: Vec<String> = Vec::new();
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
                } else if earliest <= from {
                    known.push(m.name);
                }
            }
            for (key, title) in &titles {
                // A later episode named like something the roster has by
                // then ("Bombshell", the musical, long before the episode
                // of that name) gives nothing away.
                let named_earlier = known.iter().any(|n| contains_words(n, title));
                if *key > from && !named_earlier && contains_words(&entry.text, title) {
                    out.push(report(title, *key));
                }
            }
        }
    }
    out
}

/// Whether `text` holds `words` on word boundaries.
/// A name without its possessive ending: "Frank's", "Frank’s", "Jones'".
fn without_possessive(name: &str) -> &str {
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|end| name.strip_suffix(end))
        .filter(|base| !base.is_empty())
        .unwrap_or(name)
}

/// German genitives folded into their names: "Franks" counts as "Frank"
/// where "Frank" is found too.
fn fold_genitives<T>(mut names: BTreeMap<String, Vec<T>>) -> BTreeMap<String, Vec<T>> {
    let genitives: Vec<String> = names
        .keys()
        .filter(|n| {
            n.strip_suffix('s')
                .is_some_and(|base| !base.is_empty() && names.contains_key(base))
        })
        .cloned()
        .collect();
    // Longest first: "Ross" folds into "Ros" before "Ros" folds into "Ro".
    let mut genitives = genitives;
    genitives.sort_by_key(|g| std::cmp::Reverse(g.len()));
    for genitive in genitives {
        let base = &genitive[..genitive.len() - 1];
        if names.contains_key(base)
            && let Some(seen) = names.remove(&genitive)
        {
            names.entry(base.to_string()).or_default().extend(seen);
        }
    }
    names
}

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

/// The roster entries for `chosen` suggestions, as show.toml text, by
/// show: each says how often it is named and where first.
pub fn roster_entries(chosen: &[Suggestion]) -> BTreeMap<String, String> {
    let mut by_show: BTreeMap<String, String> = BTreeMap::new();
    // Two names with one slug ("Müller", "Muller") would clash: the first
    // only.
    let mut slugs: std::collections::HashSet<(String, String)> = Default::default();
    for u in chosen {
        if !slugs.insert((u.show.clone(), crate::text::slugify(&u.name))) {
            continue;
        }
        let text = by_show.entry(u.show.clone()).or_default();
        let times = match u.times {
            1 => "once".to_string(),
            n => format!("{n} times"),
        };
        let first = u
            .first
            .as_ref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        text.push_str(&format!(
            "\n# \"{}\": named {times}, first in {}{first}. Not a character? Put it in other_names instead.\n\
             [[characters]]\nname = {}\nkind = \"person\"\n",
            u.name,
            u.first_episode,
            super::toml_string(&u.name)
        ));
        if let Some(actor) = &u.played_by {
            text.push_str(&format!("played_by = {}\n", super::toml_string(actor)));
        }
    }
    by_show
}

/// Appends `entries` to a show's `show.toml` under `dir` (the seeds
/// folder), and checks the seeds still load; if they do not, the file is
/// put back as it was and the problems are returned.
pub fn append_roster_entries(dir: &Path, slug: &str, entries: &str) -> Result<PathBuf, String> {
    let path = dir.join(slug).join("show.toml");
    let before = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut after = before.clone();
    if !after.ends_with('\n') {
        after.push('\n');
    }
    after.push_str(
        "\n# Names the recaps use that the roster did not have, added by\n\
         # `cliffhanger check --write`: give each character its full name,\n\
         # aliases, played_by and about, or move it to other_names.\n",
    );
    after.push_str(entries);
    if let Err(e) = super::seed::check_show_text(&path, &after, slug) {
        return Err(format!(
            "the new entries would not load, so {} is unchanged:\n  {}",
            path.display(),
            e.listed()
        ));
    }
    super::write_whole(&path, &after)?;
    if let Err(e) = load_seeds(dir) {
        super::write_whole(&path, &before)?;
        return Err(format!(
            "the new entries would not load, so {} is unchanged:\n  {}",
            path.display(),
            e.listed()
        ));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(name: &str, times: usize, name_like: usize, bracketed: usize) -> UnknownNameReport {
        UnknownNameReport {
            show: "s".into(),
            name: name.into(),
            first_episode: EpisodeKey::new(1, 1),
            occurrences: (0..times)
                .map(|i| Place {
                    path: "s/episodes/s01e01.en.md".into(),
                    line: i + 1,
                    column: 1,
                })
                .collect(),
            name_like,
            bracketed,
            played_by: None,
        }
    }

    #[test]
    fn suggestions_are_names_ranked_by_how_often_they_are_named() {
        let offered = suggestions(&[
            unknown("Jesse", 5, 0, 0),
            unknown("Poor Jesse", 2, 0, 0),
            unknown("Walt", 9, 0, 0),
            unknown("Mike's Mom", 2, 0, 0),
            unknown("Ulrich", 3, 0, 0),
            unknown("Ulrichs Vater", 2, 0, 0),
            unknown("Aaron Paul", 2, 0, 2),
            unknown("DNA", 3, 0, 0),
            unknown("O", 4, 0, 0),
            unknown("November", 2, 0, 0),
            unknown("Episode", 3, 0, 0),
            unknown("Lyle", 1, 1, 0),
            unknown("Albuquerque", 1, 0, 0),
            unknown("Skinny Pete", 1, 0, 0),
        ]);
        let names: Vec<(&str, usize)> =
            offered.iter().map(|o| (o.name.as_str(), o.times)).collect();
        assert_eq!(
            names,
            vec![
                ("Walt", 9),
                ("Jesse", 7),
                ("Ulrich", 3),
                ("Lyle", 1),
                ("Skinny Pete", 1)
            ]
        );
    }

    #[test]
    fn genitives_fold_into_their_names_even_in_chains() {
        let names: BTreeMap<String, Vec<u32>> = [
            ("Ro", vec![1]),
            ("Ros", vec![2]),
            ("Ross", vec![3]),
            ("Frank", vec![4]),
            ("Franks", vec![5]),
        ]
        .into_iter()
        .map(|(n, v)| (n.to_string(), v))
        .collect();
        let folded = fold_genitives(names);
        assert_eq!(folded["Frank"], vec![4, 5]);
        assert!(!folded.contains_key("Franks"));
        let mut ro = folded["Ro"].clone();
        ro.sort();
        assert_eq!(ro, vec![1, 2, 3]);
        assert_eq!(without_possessive("Frank’s"), "Frank");
        assert_eq!(without_possessive("Jones'"), "Jones");
        assert_eq!(without_possessive("'s"), "'s");
    }
}
