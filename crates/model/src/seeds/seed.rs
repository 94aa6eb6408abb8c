//! Seed format, version 1: reading `seeds/<show>/show.toml` and
//! `seeds/<show>/episodes/*.md` into plain values, with every problem reported
//! as `path:line:column: what to fix`.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::error::{SeedError, SeedErrors};
use crate::model::EpisodeKey;
use crate::model::{Kind, Language};
use crate::seeds::mentions::Roster;
use crate::text::{LineIndex, fold, is_slug, slugify};

/// The longest name or alias a roster may have: longer ones are no names,
/// and each would cost the name matcher at every start.
pub(crate) const MAX_NAME_CHARS: usize = 100;

pub(crate) use crate::model::seed::PIPELINE_VERSION;
pub use crate::model::seed::{
    AboutSeed, CharacterSeed, Paragraph, QuestionSeed, RecapFile, SeedSet, ShowSeed,
};

/// Episode code in the `S01E12` form.
pub fn episode_code(season: u32, episode: u32) -> String {
    format!("S{season:02}E{episode:02}")
}

fn content_hash(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(PIPELINE_VERSION.as_bytes());
    h.update([0]);
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads and validates every show under `dir`. All problems are collected;
/// any problem means nothing should be imported.
pub fn load_seeds(dir: &Path) -> Result<SeedSet, SeedErrors> {
    load_seeds_holding(dir, true)
}

/// [`load_seeds`], every recap checked whole and then held without its
/// text ([`RecapFile::shed_body`]): what an import reads, so that the
/// memory it takes does not grow with the catalog's text.
pub fn load_seeds_lean(dir: &Path) -> Result<SeedSet, SeedErrors> {
    load_seeds_holding(dir, false)
}

fn load_seeds_holding(dir: &Path, bodies: bool) -> Result<SeedSet, SeedErrors> {
    // Before any file is read: a file changed after this shows in the
    // next look, whether or not this read saw the change. Only a lean
    // read, an import's, records it.
    let look = if bodies { None } else { super::look::look(dir) };
    let mut errors = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            return Err(SeedErrors(vec![SeedError::file(
                dir,
                format!(
                    "cannot read the seeds folder ({e}); point --seeds (or SEEDS_DIR) at a folder that holds one folder per show"
                ),
            )]));
        }
    };
    let mut show_dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter(|p| !file_name(p).starts_with('.'))
        .collect();
    show_dirs.sort();

    let mut shows = Vec::new();
    for show_dir in &show_dirs {
        if let Some(show) = load_show(show_dir, bodies, &mut errors) {
            shows.push(show);
        }
    }
    if shows.is_empty() && errors.is_empty() {
        errors.push(SeedError::file(
            dir,
            "no shows here: each show is a folder with a show.toml and an episodes/ folder",
        ));
    }
    if errors.is_empty() {
        Ok(SeedSet { shows, look })
    } else {
        Err(SeedErrors(errors))
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn load_show(dir: &Path, bodies: bool, errors: &mut Vec<SeedError>) -> Option<ShowSeed> {
    let slug = file_name(dir);
    let before = errors.len();
    if !is_slug(&slug) {
        errors.push(SeedError::file(
            dir,
            format!(
                "the show folder name \"{slug}\" is not a valid slug: use lower-case letters, digits and dashes, e.g. \"{}\"",
                slugify(&slug)
            ),
        ));
    }
    let manifest_path = dir.join("show.toml");
    let manifest = match fs::read(&manifest_path) {
        Ok(bytes) => bytes,
        Err(_) => {
            errors.push(SeedError::file(
                dir,
                "this show folder has no show.toml: add one with at least a `title`",
            ));
            return None;
        }
    };
    let show = parse_show(&manifest_path, &manifest, &slug, errors);
    // Held without their text, recaps keep whom they name, for the roster
    // to read who is known from when.
    let roster = show
        .as_ref()
        .filter(|_| !bodies)
        .map(|s| Roster::with_others(&s.characters, &s.other_names));
    let hold = if bodies {
        Hold::Bodies
    } else {
        Hold::Lean(roster.as_ref())
    };
    let recaps = load_recaps(&dir.join("episodes"), hold, errors);
    let (questions, questions_hash) = load_questions(&dir.join("questions"), errors);
    if errors.len() > before {
        return None;
    }
    let mut show = show?;
    show.recaps = recaps;
    show.questions = questions;
    show.questions_hash = questions_hash;
    Some(show)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShow {
    title: Option<Spanned<String>>,
    network: Option<String>,
    years: Option<Spanned<toml::Value>>,
    #[serde(default)]
    other_names: Vec<String>,
    language: Option<Spanned<String>>,
    credits: Option<String>,
    #[serde(default)]
    characters: Vec<Spanned<RawCharacter>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCharacter {
    name: Option<Spanned<String>>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    kind: Option<Spanned<String>>,
    played_by: Option<String>,
    in_production: Option<Spanned<String>>,
    about: Option<Spanned<toml::Value>>,
    pronouns: Option<Spanned<String>>,
    group: Option<Spanned<String>>,
}

/// Reports problems at byte offsets of one file.
struct Reporter<'a> {
    path: &'a Path,
    text: &'a str,
    lines: LineIndex,
    /// Offset of the parsed part (the front matter) inside the file.
    base: usize,
}

impl<'a> Reporter<'a> {
    fn new(path: &'a Path, text: &'a str, base: usize) -> Self {
        Reporter {
            path,
            text,
            lines: LineIndex::new(text),
            base,
        }
    }

    fn at(&self, offset: usize, message: impl Into<String>) -> SeedError {
        let (line, column) = self.lines.position(self.text, self.base + offset);
        SeedError::at(self.path, line, column, message)
    }

    fn span(&self, span: Range<usize>, message: impl Into<String>) -> SeedError {
        self.at(span.start, message)
    }

    fn toml(&self, e: &toml::de::Error) -> SeedError {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().trim_end_matches('.').to_string();
        self.at(offset, format!("{message}: fix the TOML here"))
    }
}

fn decode_utf8<'a>(path: &Path, bytes: &'a [u8], errors: &mut Vec<SeedError>) -> Option<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            // A NUL or another control character is in no text anyone
            // means to publish, and PostgreSQL refuses NUL where SQLite
            // stores it: refused here, with its place, on both alike.
            let control = text
                .char_indices()
                .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
            if let Some((at, c)) = control {
                let (line, column) = LineIndex::new(text).position(text, at);
                errors.push(SeedError::at(
                    path,
                    line,
                    column,
                    format!(
                        "a control character (U+{:04X}) is here: remove it (seed files are plain text)",
                        c as u32
                    ),
                ));
                return None;
            }
            Some(text)
        }
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let text = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = LineIndex::new(text).position(text, text.len());
            errors.push(SeedError::at(
                path,
                line,
                column,
                "this file is not valid UTF-8: save it as UTF-8",
            ));
            None
        }
    }
}

/// Checks one recap file's text as if it were at `path`, before it is
/// written there: its problems, or the recap.
pub fn check_recap_text(path: &Path, text: &str) -> Result<RecapFile, SeedErrors> {
    let mut errors = Vec::new();
    match parse_recap(path, text.as_bytes(), &mut errors) {
        Some(recap) if errors.is_empty() => Ok(recap),
        _ => Err(SeedErrors(errors)),
    }
}

/// Checks a `show.toml` text for the show `slug` as if it were at `path`,
/// before it is written there.
pub fn check_show_text(path: &Path, text: &str, slug: &str) -> Result<(), SeedErrors> {
    let mut errors = Vec::new();
    match parse_show(path, text.as_bytes(), slug, &mut errors) {
        Some(_) if errors.is_empty() => Ok(()),
        _ => Err(SeedErrors(errors)),
    }
}

fn parse_show(
    path: &Path,
    bytes: &[u8],
    slug: &str,
    errors: &mut Vec<SeedError>,
) -> Option<ShowSeed> {
    let text = decode_utf8(path, bytes, errors)?;
    let rep = Reporter::new(path, text, 0);
    let raw: RawShow = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            errors.push(rep.toml(&e));
            return None;
        }
    };
    let before = errors.len();
    let title = match raw.title {
        Some(t) if !t.get_ref().trim().is_empty() => t.into_inner().trim().to_string(),
        Some(t) => {
            errors.push(rep.span(t.span(), "the show's `title` is empty: give its name"));
            String::new()
        }
        None => {
            errors.push(rep.at(0, "show.toml has no `title`: add e.g. title = \"Smash\""));
            String::new()
        }
    };
    let years = raw.years.and_then(|y| {
        let span = y.span();
        match y.into_inner() {
            toml::Value::String(s) => Some(s),
            toml::Value::Integer(n) => Some(n.to_string()),
            toml::Value::Array(a) if a.len() == 2 && a.iter().all(|v| v.is_integer()) => {
                Some(format!("{}–{}", a[0], a[1]))
            }
            _ => {
                errors.push(rep.span(
                    span,
                    "`years` must be a text such as \"2012–2013\", a year, or [first, last]",
                ));
                None
            }
        }
    });

    let language = match raw.language {
        None => Language::En,
        Some(l) => match Language::parse(l.get_ref()) {
            Some(language) => language,
            None => {
                errors.push(rep.span(
                    l.span(),
                    format!(
                        "the show's `language` is \"{}\": use \"en\" or \"de\"",
                        l.get_ref()
                    ),
                ));
                Language::En
            }
        },
    };
    let mut characters: Vec<CharacterSeed> = Vec::new();
    let mut spans = Vec::new();
    let mut production_spans = Vec::new();
    for raw_char in raw.characters {
        let span = raw_char.span();
        let raw_char = raw_char.into_inner();
        let production_span = raw_char.in_production.as_ref().map(Spanned::span);
        if let Some(c) = parse_character(&rep, span.clone(), raw_char, language, errors) {
            characters.push(c);
            production_spans.push(production_span.unwrap_or(span.clone()));
            spans.push(span);
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in characters.iter().enumerate() {
        if let Some(&first) = seen.get(c.slug.as_str()) {
            let (line, _) = rep.lines.position(text, spans[first].start);
            errors.push(rep.span(
                spans[i].clone(),
                format!(
                    "a second character with the slug \"{}\" (the first is \"{}\" on line {line}): give one of them a different `name` or `slug`",
                    c.slug, characters[first].name
                ),
            ));
        } else {
            seen.insert(&c.slug, i);
        }
    }
    let productions: Vec<&CharacterSeed> = characters
        .iter()
        .filter(|c| c.kind == Kind::Production)
        .collect();
    // Cross-references only mean something once every entry is readable:
    // a production with a bad `kind` would make its roles look orphaned.
    let entries_ok = errors.len() == before;
    for (i, c) in characters.iter().enumerate().filter(|_| entries_ok) {
        let Some(prod) = &c.in_production else {
            continue;
        };
        let known = productions
            .iter()
            .any(|p| &p.name == prod || p.aliases.iter().any(|a| a == prod));
        if !known {
            let names: Vec<&str> = productions.iter().map(|p| p.name.as_str()).collect();
            let listed = if names.is_empty() {
                "there are none yet: add it as a character with kind = \"production\"".to_string()
            } else {
                format!("the productions are: {}", names.join(", "))
            };
            errors.push(rep.span(
                production_spans[i].clone(),
                format!(
                    "\"{}\" is in_production \"{prod}\", which names no production of this show; {listed}",
                    c.name
                ),
            ));
        }
    }
    if errors.len() > before {
        return None;
    }
    Some(ShowSeed {
        slug: slug.to_string(),
        manifest_path: path.to_path_buf(),
        manifest_hash: content_hash(bytes),
        title,
        network: raw.network.filter(|n| !n.trim().is_empty()),
        credits: raw.credits.filter(|c| !c.trim().is_empty()),
        years,
        other_names: raw.other_names,
        characters,
        recaps: Vec::new(),
        questions: Vec::new(),
        questions_hash: String::new(),
    })
}

fn parse_character(
    rep: &Reporter<'_>,
    span: Range<usize>,
    raw: RawCharacter,
    language: Language,
    errors: &mut Vec<SeedError>,
) -> Option<CharacterSeed> {
    let before = errors.len();
    let name = match raw.name {
        Some(n) if n.get_ref().trim().chars().count() > MAX_NAME_CHARS => {
            errors.push(rep.span(
                n.span(),
                format!(
                    "this `name` is {} characters long; a name has at most {MAX_NAME_CHARS}",
                    n.get_ref().trim().chars().count()
                ),
            ));
            return None;
        }
        Some(n) if !n.get_ref().trim().is_empty() => n.into_inner().trim().to_string(),
        Some(n) => {
            errors.push(rep.span(
                n.span(),
                "this character's `name` is empty: give their full name",
            ));
            return None;
        }
        None => {
            errors.push(rep.span(
                span,
                "this character has no `name`: every [[characters]] entry needs one, e.g. name = \"Karen Cartwright\"",
            ));
            return None;
        }
    };
    let kind = match raw.kind {
        None => Kind::Person,
        Some(k) => match Kind::parse(k.get_ref()) {
            Some(kind) => kind,
            None => {
                errors.push(rep.span(
                    k.span(),
                    format!(
                        "\"{name}\" has kind \"{}\": use \"person\", \"role\" (a part in a show-within-the-show) or \"production\"",
                        k.get_ref()
                    ),
                ));
                Kind::Person
            }
        },
    };
    let slug = match raw.slug {
        Some(s) if is_slug(s.get_ref()) => s.into_inner(),
        Some(s) => {
            errors.push(rep.span(
                s.span(),
                format!(
                    "the slug \"{}\" is not valid: use lower-case letters, digits and dashes, e.g. \"{}\"",
                    s.get_ref(),
                    slugify(s.get_ref())
                ),
            ));
            String::new()
        }
        None => slugify(&name),
    };
    if slug.is_empty() && errors.len() == before {
        errors.push(rep.span(
            span.clone(),
            format!("\"{name}\" has no letters or digits to make a slug from: add a `slug`"),
        ));
    }
    let mut aliases: Vec<String> = Vec::new();
    for a in raw.aliases {
        let alias = a.get_ref().trim();
        if alias.is_empty() {
            errors.push(rep.span(
                a.span(),
                format!("\"{name}\" has an empty alias: remove it or write the name"),
            ));
        } else if alias.chars().count() > MAX_NAME_CHARS {
            errors.push(rep.span(
                a.span(),
                format!(
                    "an alias of \"{name}\" is {} characters long; a name has at most {MAX_NAME_CHARS}",
                    alias.chars().count()
                ),
            ));
        } else if alias != name && !aliases.iter().any(|x| x == alias) {
            aliases.push(alias.to_string());
        }
    }
    let in_production = match raw.in_production {
        Some(p) if kind != Kind::Role => {
            errors.push(rep.span(
                p.span(),
                format!(
                    "\"{name}\" is a {}, and only roles belong to a production: remove `in_production` or set kind = \"role\"",
                    kind.as_str()
                ),
            ));
            None
        }
        Some(p) => Some(p.into_inner().trim().to_string()),
        None => None,
    };
    let pronouns = match raw.pronouns {
        Some(p) => match crate::model::Pronoun::parse(p.get_ref().trim()) {
            Some(pronoun) => Some(pronoun),
            None => {
                errors.push(rep.span(
                    p.span(),
                    format!(
                        "\"{name}\": pronouns = \"{}\" is not one of \"he\", \"she\" or \"they\"",
                        p.get_ref()
                    ),
                ));
                None
            }
        },
        None => None,
    };
    let group = match raw.group {
        Some(g) if g.get_ref().trim().is_empty() => {
            errors.push(rep.span(
                g.span(),
                format!("\"{name}\": `group` is empty: name the group or leave it out"),
            ));
            None
        }
        Some(g) => Some(g.into_inner().trim().to_lowercase()),
        None => None,
    };
    let about_place = raw.about.as_ref().map_or((0, 0), |a| {
        rep.lines.position(rep.text, rep.base + a.span().start)
    });
    let about = match raw.about {
        Some(value) => parse_about(rep, &name, value, language, errors),
        None => Vec::new(),
    };
    if errors.len() > before {
        return None;
    }
    Some(CharacterSeed {
        slug,
        name,
        aliases,
        kind,
        played_by: raw.played_by.filter(|s| !s.trim().is_empty()),
        in_production,
        pronouns,
        group,
        about,
        about_place,
    })
}

/// Reads `about`: a plain string (from the first appearance, in the show's
/// language), or a list of entries `{ from = "S01E01", text = "...",
/// language = "de" }`.
fn parse_about(
    rep: &Reporter<'_>,
    name: &str,
    value: Spanned<toml::Value>,
    show_language: Language,
    errors: &mut Vec<SeedError>,
) -> Vec<AboutSeed> {
    let span = value.span();
    let fail = |errors: &mut Vec<SeedError>, message: String| {
        errors.push(rep.span(span.clone(), message));
    };
    let entries = match value.into_inner() {
        toml::Value::String(text) if text.trim().is_empty() => return Vec::new(),
        toml::Value::String(text) => {
            return vec![AboutSeed {
                from: None,
                language: show_language,
                text: text.trim().to_string(),
            }];
        }
        toml::Value::Array(entries) => entries,
        _ => {
            fail(
                errors,
                format!(
                    "\"{name}\" has an `about` that is neither a text nor a list: write about = \"...\" or about = [{{ from = \"S01E01\", text = \"...\" }}]"
                ),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        let n = i + 1;
        let toml::Value::Table(mut table) = entry else {
            fail(
                errors,
                format!(
                    "\"{name}\": `about` entry {n} is not a table: write {{ from = \"S01E01\", text = \"...\" }}"
                ),
            );
            continue;
        };
        let from = match table.remove("from") {
            Some(toml::Value::String(code)) => match EpisodeKey::parse(&code) {
                Some(key) => Some(key),
                None => {
                    fail(
                        errors,
                        format!(
                            "\"{name}\": `about` entry {n} has from = \"{code}\", which is no episode code: write e.g. \"S01E01\""
                        ),
                    );
                    continue;
                }
            },
            None => {
                fail(
                    errors,
                    format!(
                        "\"{name}\": `about` entry {n} has no `from`: say from which episode a member may read it, e.g. from = \"S01E01\""
                    ),
                );
                continue;
            }
            Some(_) => {
                fail(
                    errors,
                    format!(
                        "\"{name}\": `about` entry {n} has a `from` that is not a text: write e.g. from = \"S01E01\""
                    ),
                );
                continue;
            }
        };
        let text = match table.remove("text") {
            Some(toml::Value::String(t)) if !t.trim().is_empty() => t.trim().to_string(),
            _ => {
                fail(
                    errors,
                    format!(
                        "\"{name}\": `about` entry {n} has no `text`: write what a member who has watched up to {} may read",
                        from.map(|f| f.to_string()).unwrap_or_default()
                    ),
                );
                continue;
            }
        };
        let language = match table.remove("language") {
            None => show_language,
            Some(toml::Value::String(code)) => match Language::parse(&code) {
                Some(l) => l,
                None => {
                    fail(
                        errors,
                        format!(
                            "\"{name}\": `about` entry {n} has language = \"{code}\": use \"en\" or \"de\""
                        ),
                    );
                    continue;
                }
            },
            Some(_) => {
                fail(
                    errors,
                    format!(
                        "\"{name}\": `about` entry {n} has a `language` that is not a text: use \"en\" or \"de\""
                    ),
                );
                continue;
            }
        };
        if let Some(key) = table.keys().next() {
            fail(
                errors,
                format!(
                    "\"{name}\": `about` entry {n} has an unknown key `{key}`: an entry takes from, text and language"
                ),
            );
            continue;
        }
        if out
            .iter()
            .any(|a: &AboutSeed| a.from == from && a.language == language)
        {
            fail(
                errors,
                format!(
                    "\"{name}\": `about` entry {n} repeats an entry from {} in the same language: merge them",
                    from.map(|f| f.to_string()).unwrap_or_default()
                ),
            );
            continue;
        }
        out.push(AboutSeed {
            from,
            language,
            text,
        });
    }
    out
}

/// What is kept of each recap once it is checked.
#[derive(Clone, Copy)]
enum Hold<'a> {
    /// Everything.
    Bodies,
    /// All but its text, and whom it names of this roster.
    Lean(Option<&'a Roster>),
}

/// Reads and checks the recaps at `paths`, in order: those that parse,
/// and every problem found.
fn read_recaps(paths: &[PathBuf], hold: Hold<'_>) -> (Vec<RecapFile>, Vec<SeedError>) {
    let mut recaps = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match fs::read(path) {
            Ok(bytes) => {
                if let Some(mut r) = parse_recap(path, &bytes, &mut errors) {
                    if let Hold::Lean(roster) = hold {
                        // Only where names are shared does the roster
                        // read them ([`Roster::of_show`]).
                        let names = roster
                            .filter(|roster| !roster.shared_names().is_empty())
                            .map(|roster| roster.characters_named(&r))
                            .unwrap_or_default();
                        r.shed_body(names);
                    }
                    recaps.push(r);
                }
            }
            Err(e) => errors.push(SeedError::file(path, format!("cannot read this file: {e}"))),
        }
    }
    (recaps, errors)
}

fn load_recaps(dir: &Path, hold: Hold<'_>, errors: &mut Vec<SeedError>) -> Vec<RecapFile> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    // Read and checked on every core, a run of files each; the recaps and
    // their problems come back in the files' order.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let per_thread = paths.len().div_ceil(threads).max(1);
    let read: Vec<(Vec<RecapFile>, Vec<SeedError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(per_thread)
            .map(|paths| scope.spawn(move || read_recaps(paths, hold)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("reading a recap does not panic"))
            .collect()
    });
    let mut recaps = Vec::with_capacity(paths.len());
    for (read, problems) in read {
        recaps.extend(read);
        errors.extend(problems);
    }
    let mut seen: BTreeMap<(u32, u32, Language), &Path> = BTreeMap::new();
    for r in &recaps {
        let key = (r.season, r.episode, r.language);
        if let Some(first) = seen.get(&key) {
            errors.push(SeedError::at(
                &r.path,
                1,
                1,
                format!(
                    "a second {} recap of {}: {} has it already; keep one, or fix `season`, `episode` or `language`",
                    r.language.name(),
                    episode_code(r.season, r.episode),
                    first.display()
                ),
            ));
        } else {
            seen.insert(key, &r.path);
        }
    }
    recaps.sort_by_key(|r| (r.season, r.episode, r.language));
    recaps
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestions {
    #[serde(default)]
    questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    episode: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    prompt: Option<Spanned<String>>,
    answer: Option<Spanned<String>>,
    #[serde(default)]
    accepted: Vec<String>,
    #[serde(default)]
    wrong: Vec<Spanned<String>>,
}

/// Reads every `questions/*.toml` of a show; returns the questions and a
/// hash of the files.
fn load_questions(dir: &Path, errors: &mut Vec<SeedError>) -> (Vec<QuestionSeed>, String) {
    let Ok(entries) = fs::read_dir(dir) else {
        return (Vec::new(), String::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return (Vec::new(), String::new());
    }
    let mut questions = Vec::new();
    let mut hash = Sha256::new();
    for path in paths {
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                errors.push(SeedError::file(
                    &path,
                    format!("cannot read this file: {e}"),
                ));
                continue;
            }
        };
        hash.update(file_name(&path).as_bytes());
        hash.update([0]);
        hash.update(&bytes);
        if let Some(text) = decode_utf8(&path, &bytes, errors) {
            questions.extend(parse_questions(&path, text, errors));
        }
    }
    let hash = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    (questions, hash)
}

/// Reads one question file (a show's `questions/*.toml`, or a server's
/// uploaded pack) on its own: its questions, or every error with its line.
pub fn parse_question_file(path: &Path, text: &str) -> Result<Vec<QuestionSeed>, SeedErrors> {
    let mut errors = Vec::new();
    let questions = parse_questions(path, text, &mut errors);
    if errors.is_empty() {
        Ok(questions)
    } else {
        Err(SeedErrors(errors))
    }
}

fn parse_questions(path: &Path, text: &str, errors: &mut Vec<SeedError>) -> Vec<QuestionSeed> {
    let rep = Reporter::new(path, text, 0);
    let raw: RawQuestions = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            errors.push(rep.toml(&e));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for entry in raw.questions {
        let span = entry.span();
        let q = entry.into_inner();
        let before = errors.len();
        let required = |field: &str, v: Option<Spanned<String>>, errors: &mut Vec<SeedError>| {
            match v {
                Some(v) if !v.get_ref().trim().is_empty() => Some(v),
                Some(v) => {
                    errors.push(rep.span(v.span(), format!("`{field}` is empty")));
                    None
                }
                None => {
                    errors.push(rep.span(
                    span.clone(),
                    format!("this question has no `{field}`: every [[questions]] entry needs episode, prompt and answer"),
                ));
                    None
                }
            }
        };
        let episode = required("episode", q.episode, errors).and_then(|e| {
            let key = EpisodeKey::parse(e.get_ref());
            if key.is_none() {
                errors.push(rep.span(
                    e.span(),
                    format!(
                        "\"{}\" is not an episode code: write it as S01E12 or 1x12",
                        e.get_ref()
                    ),
                ));
            }
            key
        });
        let language = match q.language {
            None => Some(Language::En),
            Some(l) => Language::parse(l.get_ref()).or_else(|| {
                errors.push(rep.span(
                    l.span(),
                    format!(
                        "unknown language \"{}\": questions can be in \"en\" or \"de\"",
                        l.get_ref()
                    ),
                ));
                None
            }),
        };
        let prompt = required("prompt", q.prompt, errors);
        let answer = required("answer", q.answer, errors);
        let (Some(episode), Some(language), Some(prompt), Some(answer)) =
            (episode, language, prompt, answer)
        else {
            continue;
        };
        let answer_text = answer.get_ref().trim().to_string();
        let accepted: Vec<String> = q
            .accepted
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        if let Some(given) = std::iter::once(&answer_text)
            .chain(&accepted)
            .find(|a| crate::text::contains_name(prompt.get_ref(), a))
        {
            errors.push(rep.span(
                prompt.span(),
                format!("the prompt gives the answer away (it contains \"{given}\"): reword it"),
            ));
        }
        let mut seen = vec![fold(&answer_text)];
        let mut wrong = Vec::new();
        for w in &q.wrong {
            let text = w.get_ref().trim();
            if text.is_empty() || seen.contains(&fold(text)) {
                errors.push(rep.span(
                    w.span(),
                    format!("the wrong choice \"{text}\" is empty, the answer, or given twice: every choice must differ"),
                ));
            } else {
                seen.push(fold(text));
                wrong.push(text.to_string());
            }
        }
        if errors.len() > before {
            continue;
        }
        out.push(QuestionSeed {
            path: path.to_path_buf(),
            line: rep.lines.position(text, span.start).0,
            episode,
            language,
            prompt: prompt.get_ref().trim().to_string(),
            answer: answer_text,
            accepted,
            wrong,
        });
    }
    out
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFront {
    season: Option<Spanned<i64>>,
    episode: Option<Spanned<i64>>,
    title: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    aired: Option<Spanned<toml::Value>>,
    source: Option<String>,
    /// The episode is known (from an episode guide) but has no recap text
    /// yet: the body may be empty.
    #[serde(default)]
    no_recap_yet: bool,
}

/// Splits a recap file into (front matter, its offset, body, its offset).
fn split_front_matter(text: &str) -> Result<(&str, usize, &str, usize), (usize, &'static str)> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err((
            0,
            "a recap must start with a `+++` line that opens its TOML front matter (season, episode, title, language)",
        ));
    }
    offset += first.len();
    let front_start = offset;
    for line in lines {
        if line.trim_end() == "+++" {
            let front = &text[front_start..offset];
            let body_start = offset + line.len();
            return Ok((front, front_start, &text[body_start..], body_start));
        }
        offset += line.len();
    }
    Err((
        0,
        "the front matter opened by `+++` is never closed: add a `+++` line after it",
    ))
}

fn parse_recap(path: &Path, bytes: &[u8], errors: &mut Vec<SeedError>) -> Option<RecapFile> {
    let text = decode_utf8(path, bytes, errors)?;
    let (front, front_at, body, body_at) = match split_front_matter(text) {
        Ok(parts) => parts,
        Err((at, message)) => {
            errors.push(Reporter::new(path, text, 0).at(at, message));
            return None;
        }
    };
    let rep = Reporter::new(path, text, front_at);
    let raw: RawFront = match toml::from_str(front) {
        Ok(raw) => raw,
        Err(e) => {
            errors.push(rep.toml(&e));
            return None;
        }
    };
    let before = errors.len();
    let mut number = |field: &str, v: Option<Spanned<i64>>, min: i64| -> u32 {
        match v {
            None => {
                errors.push(rep.at(
                    0,
                    format!("the front matter has no `{field}`: add e.g. {field} = 1"),
                ));
                0
            }
            Some(n) if *n.get_ref() < min || *n.get_ref() > 9999 => {
                errors.push(rep.span(
                    n.span(),
                    format!(
                        "`{field}` is {}: it must be a whole number from {min} to 9999",
                        n.get_ref()
                    ),
                ));
                0
            }
            Some(n) => *n.get_ref() as u32,
        }
    };
    // Specials (season 0) have no place in the watch order yet: ordered
    // by season they would come before S01E01, so any member would read
    // them, whenever they aired. Refused until they can say where they go.
    let special = raw
        .season
        .as_ref()
        .filter(|n| *n.get_ref() == 0)
        .map(Spanned::span);
    let season = match special {
        Some(_) => 0,
        None => number("season", raw.season, 1),
    };
    let episode = number("episode", raw.episode, 1);
    if let Some(span) = special {
        errors.push(rep.span(
            span,
            "season 0 (a special) has no place in the watch order yet, so it cannot be kept from members who have not seen it: leave specials out for now",
        ));
    }
    let title = match raw.title {
        Some(t) if !t.get_ref().trim().is_empty() => t.into_inner().trim().to_string(),
        Some(t) => {
            errors.push(rep.span(t.span(), "the episode `title` is empty: give the title"));
            String::new()
        }
        None => {
            errors.push(rep.at(
                0,
                "the front matter has no `title`: add the episode's title, e.g. title = \"Publicity\"",
            ));
            String::new()
        }
    };
    let language = match raw.language {
        None => {
            errors.push(rep.at(
                0,
                "the front matter has no `language`: add language = \"en\" or language = \"de\"",
            ));
            None
        }
        Some(l) => match Language::parse(l.get_ref()) {
            Some(lang) => Some(lang),
            None => {
                errors.push(rep.span(
                    l.span(),
                    format!(
                        "unknown language \"{}\": recaps can be in \"en\" (English) or \"de\" (German)",
                        l.get_ref()
                    ),
                ));
                None
            }
        },
    };
    let aired = raw.aired.and_then(|a| {
        let span = a.span();
        let date = match a.into_inner() {
            toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.date,
            toml::Value::String(s) => s.parse::<toml::value::Datetime>().ok().and_then(|d| d.date),
            _ => None,
        };
        match date {
            Some(d) => Some(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
            None => {
                errors.push(rep.span(span, "`aired` must be a date such as 2012-04-23"));
                None
            }
        }
    });
    let (headline, paragraphs) = parse_body(path, text, body, body_at, errors);
    if paragraphs.is_empty() && errors.len() == before && !raw.no_recap_yet {
        let (line, column) = LineIndex::new(text).position(text, body_at);
        errors.push(SeedError::at(
            path,
            line,
            column,
            "this recap has no text after its front matter: write the recap below the closing `+++`",
        ));
    }
    if errors.len() > before {
        return None;
    }
    Some(RecapFile {
        path: path.to_path_buf(),
        hash: content_hash(bytes),
        season,
        episode,
        title,
        language: language?,
        aired,
        source: raw.source.filter(|s| !s.trim().is_empty()),
        headline,
        paragraphs,
        text: text.to_string(),
        lines: LineIndex::new(text),
        shed: false,
        names: Vec::new(),
    })
}

/// `r` with its text and paragraphs: itself, or, when they were shed, its
/// file read again, which must be as it was checked.
pub fn with_body(r: &RecapFile) -> Result<std::borrow::Cow<'_, RecapFile>, SeedErrors> {
    if r.has_body() {
        return Ok(std::borrow::Cow::Borrowed(r));
    }
    let bytes = fs::read(&r.path).map_err(|e| {
        SeedErrors(vec![SeedError::file(
            &r.path,
            format!("cannot read this file again: {e}"),
        )])
    })?;
    let mut errors = Vec::new();
    match parse_recap(&r.path, &bytes, &mut errors) {
        Some(full) if errors.is_empty() && full.hash == r.hash => Ok(std::borrow::Cow::Owned(full)),
        _ => Err(SeedErrors(vec![SeedError::file(
            &r.path,
            "this file changed while it was being imported: nothing was written; import again",
        )])),
    }
}

fn parse_body(
    path: &Path,
    text: &str,
    body: &str,
    body_at: usize,
    errors: &mut Vec<SeedError>,
) -> (Option<String>, Vec<Paragraph>) {
    let lines_index = LineIndex::new(text);
    let err = |errors: &mut Vec<SeedError>, at: usize, message: &str| {
        let (line, column) = lines_index.position(text, at);
        errors.push(SeedError::at(path, line, column, message));
    };
    let mut headline = None;
    let mut section: Option<String> = None;
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    let mut offset = body_at;
    for raw_line in body.split_inclusive('\n') {
        let at = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end();
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            paragraphs.extend(current.take());
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('#') {
            if rest.starts_with("##") {
                err(
                    errors,
                    at + indent,
                    "only `# headline` and `## Section` headings are allowed in a recap: use `##` for sections",
                );
                continue;
            }
            if let Some(title) = rest.strip_prefix("# ") {
                paragraphs.extend(current.take());
                let title = title.trim();
                if title.is_empty() {
                    err(
                        errors,
                        at + indent,
                        "this `##` section heading has no title",
                    );
                } else {
                    section = Some(title.to_string());
                }
                continue;
            }
            if let Some(title) = rest.strip_prefix(' ') {
                if headline.is_some() {
                    err(
                        errors,
                        at + indent,
                        "a second `# headline`: a recap has at most one; use `##` for sections",
                    );
                } else if !paragraphs.is_empty() || current.is_some() || section.is_some() {
                    err(
                        errors,
                        at + indent,
                        "the `# headline` must come before the recap text: move it up or make it a `##` section",
                    );
                } else if !title.trim().is_empty() {
                    headline = Some(title.trim().to_string());
                }
                continue;
            }
        }
        // A list item is a paragraph of its own, read without its marker;
        // the lines after it that are not items go on with it.
        let (trimmed, indent) = match list_marker(trimmed) {
            Some(marker) => {
                paragraphs.extend(current.take());
                (&trimmed[marker..], indent + marker)
            }
            None => (trimmed, indent),
        };
        let p = current.get_or_insert_with(|| Paragraph {
            section: section.clone(),
            text: String::new(),
            pieces: Vec::new(),
        });
        if !p.text.is_empty() {
            p.text.push(' ');
        }
        p.pieces.push((p.text.len(), at + indent));
        p.text.push_str(&apostrophes(trimmed));
    }
    paragraphs.extend(current);
    (headline, paragraphs)
}

/// The length of the list marker ("- ", "* ", "+ ", "1. ", "2) ") a line
/// starts with, spaces after it included.
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match line.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=3).contains(&digits)
            && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) =>
        {
            digits + 1
        }
        _ => return None,
    };
    let rest = &line[marker..];
    let spaces = rest.len() - rest.trim_start().len();
    (spaces > 0 && !rest.trim_start().is_empty()).then_some(marker + spaces)
}

/// `text` with every ‘ between two letters (a typed apostrophe, "Ivy‘s")
/// made the apostrophe ’ it stands for: as an opening quote it would glue
/// sentences together. Both take three bytes, so every offset stays.
fn apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('‘') {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let out: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let letter = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| c.is_alphabetic())
            };
            if c == '‘' && letter(i.checked_sub(1)) && letter(Some(i + 1)) {
                '’'
            } else {
                c
            }
        })
        .collect();
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_are_paragraphs_without_their_markers() {
        assert_eq!(list_marker("- Also: Eileen pays."), Some(2));
        assert_eq!(list_marker("*   Songs: four."), Some(4));
        assert_eq!(list_marker("12. Tom leaves."), Some(4));
        assert_eq!(list_marker("3) Tom leaves."), Some(3));
        assert_eq!(list_marker("-- not a list"), None);
        assert_eq!(list_marker("2012 was the year."), None);
        assert_eq!(list_marker("-"), None);
        assert_eq!(list_marker("— an aside"), None);
        let r = recap(&format!(
            "{FRONT}\nOther notes:\n\n- Eileen pays.\n* Tom\n  leaves.\nStill Tom.\n"
        ))
        .unwrap();
        let texts: Vec<&str> = r.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Other notes:", "Eileen pays.", "Tom leaves. Still Tom."]
        );
    }

    #[test]
    fn a_typed_apostrophe_is_an_apostrophe() {
        assert_eq!(
            apostrophes("Ivy‘s corner, ‘quoted’"),
            "Ivy’s corner, ‘quoted’"
        );
        assert_eq!(apostrophes("Ivy‘s").len(), "Ivy‘s".len());
    }

    fn recap(text: &str) -> Result<RecapFile, Vec<SeedError>> {
        let mut errors = Vec::new();
        let r = parse_recap(Path::new("x.md"), text.as_bytes(), &mut errors);
        if errors.is_empty() {
            Ok(r.unwrap())
        } else {
            Err(errors)
        }
    }

    const FRONT: &str = "+++\nseason = 1\nepisode = 2\ntitle = \"Pilot\"\nlanguage = \"en\"\n+++\n";

    #[test]
    fn body_has_headline_sections_and_joined_paragraphs() {
        let r = recap(&format!(
            "{FRONT}\n# Head line\n\nIntro one.\nstill intro.\n\n## Part A\n\nA text.\n\n## Part B\nB text.\n"
        ))
        .unwrap();
        assert_eq!(r.headline.as_deref(), Some("Head line"));
        let got: Vec<(Option<&str>, &str)> = r
            .paragraphs
            .iter()
            .map(|p| (p.section.as_deref(), p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (None, "Intro one. still intro."),
                (Some("Part A"), "A text."),
                (Some("Part B"), "B text."),
            ]
        );
        // Six front-matter lines, a blank, the headline, a blank: "Intro" opens
        // line 10 and "still" opens line 11.
        let p = &r.paragraphs[0];
        assert_eq!(r.position(p, p.text.find("still").unwrap()), (11, 1));
        assert_eq!(r.position(p, 6), (10, 7));
    }

    #[test]
    fn front_matter_problems_have_places() {
        let e = recap("season = 1\n").unwrap_err();
        assert_eq!(e[0].line, Some(1));
        assert!(e[0].message.contains("+++"), "{}", e[0].message);

        let e = recap("+++\nseason = 1\n").unwrap_err();
        assert!(e[0].message.contains("never closed"));

        let e =
            recap("+++\nseason = 1\nepisode = 2\ntitle = \"P\"\nlanguage = \"fr\"\n+++\nText.\n")
                .unwrap_err();
        assert_eq!((e[0].line, e[0].column), (Some(5), Some(12)));
        assert!(e[0].message.contains("unknown language \"fr\""));

        let e = recap("+++\nseason = 1\nepisode = 2\nlanguage = \"en\"\n+++\nText.\n").unwrap_err();
        assert!(e[0].message.contains("no `title`"));

        let e =
            recap("+++\nseason = 1\nepisode = \"two\"\ntitle = \"P\"\n+++\nText.\n").unwrap_err();
        assert_eq!(e[0].line, Some(3), "{}", e[0]);

        let e = recap(&format!("{FRONT}\n")).unwrap_err();
        assert!(e[0].message.contains("no text"));

        let e = recap(&format!("{FRONT}Text.\n\n# Late headline\n")).unwrap_err();
        assert_eq!(e[0].line, Some(9));
        assert!(e[0].message.contains("before the recap text"));

        let e = recap(&format!("{FRONT}### Deep\nText.\n")).unwrap_err();
        assert!(e[0].message.contains("`## Section`"));
    }

    #[test]
    fn aired_accepts_dates_only() {
        let ok = recap("+++\nseason = 1\nepisode = 2\ntitle = \"P\"\nlanguage = \"de\"\naired = 2012-04-23\n+++\nT.\n")
            .unwrap();
        assert_eq!(ok.aired.as_deref(), Some("2012-04-23"));
        let ok = recap("+++\nseason = 1\nepisode = 2\ntitle = \"P\"\nlanguage = \"de\"\naired = \"2012-04-23\"\n+++\nT.\n")
            .unwrap();
        assert_eq!(ok.aired.as_deref(), Some("2012-04-23"));
        let e = recap("+++\nseason = 1\nepisode = 2\ntitle = \"P\"\nlanguage = \"de\"\naired = \"April\"\n+++\nT.\n")
            .unwrap_err();
        assert_eq!(e[0].line, Some(6));
    }
}
