//! The differential spoiler oracle. Two catalogs that agree on everything a
//! member may see must give that member the same replies. So each generated
//! catalog is imported twice, whole and cut, into two databases; an `App`
//! is opened on each with the same trivia seed, and the same random
//! members (locales, permissions), channels, threads, direct messages,
//! progress, horizons and commands drive both. The rules it checks, in
//! words for docs/spoilers.md:
//!
//! - **Nothing hidden changes a reply.** A reply to a member depends only
//!   on what lies within their progress: the catalog cut after their
//!   progress gives them the same reply, byte for byte (title, lines,
//!   fields, notes, buttons, whether it is private), for every command,
//!   option, autocomplete and trivia step, and for the owner's
//!   diagnostics. Only what is designed to look further differs: answers
//!   with `reveal:true`, trivia with `spoilers:true`, and the later codes
//!   `/progress set` offers.
//! - **Nothing past the plain gate changes the plain text.** What a
//!   channel reads of a reply without opening a spoiler, its *plain
//!   projection*, depends only on what lies within the plain gate: the
//!   catalog cut at the channel's horizon gives the same words outside
//!   spoilers, in the same order, to a member who has watched past it.
//!   The projection reads markup as Discord does (`||` pairs matched left
//!   to right, across lines; escaped `\|` and inline code literal), and
//!   every run of spoilers, with the whitespace between them, is one `▒`.
//!   Where a spoiler stands, or whether one does, may differ; the words
//!   around it may not.
//!
//! How a catalog is cut after the episode P (the progress oracle) or at
//! the horizon H (the horizon oracle): every later episode's recaps are
//! gone and one neutral episode stands in their place, with the next code,
//! a title and a sentence that name nobody (so the note on later episodes
//! reads the same); every character first met later is gone from
//! show.toml, and so are roster entries (`about`) and hand-written
//! questions of later episodes. The roster is written in the order
//! characters are met, one line per entry, so nothing before the cut moves
//! in the files (the owner's diagnostics give lines). Both seed folders
//! are read through one path, a link pointed at either, as question keys
//! and diagnostics carry the seeds' path. A second show, in some catalogs,
//! is the same in both; show titles carry markup (`||`, `*`, `_`,
//! backticks) in some.
//!
//! The progress oracle's members have watched up to P at most (mostly P,
//! some less, some have said nothing; where a horizon past P would stand in
//! for unsaid progress, the member first says where they are); horizons are
//! anything. The horizon oracle's horizons lie up to H, and its members
//! have watched up to H or the whole show: `/progress set` takes any code,
//! one the catalog lacks too, so both apps store the same last code.
//! (Progress between H and the end would change the note on later episodes
//! by design: that is the progress oracle's rule.) There, an episode past H
//! that the member has watched is asked of the cut app as its neutral
//! stand-in, with what was typed read alike; names a later character
//! shares, autocomplete (the member's own) and direct messages past H are
//! left to the progress oracle. Games outsiders who watched everything
//! played in the server (questions before and, for the progress oracle,
//! after the cut) are written into both databases for `/trivia review`.
//!
//! A failing case panics with the difference and a console script that
//! replays it; both seed folders and the whole script are kept under the
//! target folder. For finding more than the first difference:
//! `DIFF_ONLY=review,search` runs only those operations (progress and
//! horizon changes still run, compared only when named), `DIFF_SKIP=...`
//! leaves some out (progress, spoilers, episode, character, search, about,
//! suggest, show, trivia, board, report, review, catalog);
//! `DIFF_KEEP_GOING=1` prints differences (three per operation and
//! catalog) and fails at the end; `DIFF_PLAIN_TITLES=1` gives the shows
//! titles without markup, `DIFF_UNIQUE_ALIASES=1` gives no two characters
//! a shared alias, and `DIFF_CATALOGS=N` runs N catalogs.

mod support;

/// The same request to the full catalog and to the cut one, each
/// expecting an answer: `(full, cut)`.
macro_rules! both {
    ($runner:ident, |$app:ident| $call:expr) => {{
        let $app = &$runner.full;
        let full = $call.await.unwrap();
        let $app = &$runner.cut;
        let cut = $call.await.unwrap();
        (full, cut)
    }};
}

use support::{capital, token};

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use cliffhanger::app::{
    App, Choice, Ctx, HorizonScope, ProgressAction, SpoilersAction, SuggestKind,
};
use cliffhanger::console::{CONSOLE_GUILD, SCRIPT_EPOCH_MS, console_id};
use cliffhanger::import::import_dir;
use cliffhanger::quiz::game::Mode;
use cliffhanger::reply::{Does, Reply, Round};
use cliffhanger::seeds::Language;
use cliffhanger::services::reload::{ImportOutcome as Imported, LastImport, Trigger};
use cliffhanger::spoiler::{EpisodeKey, Gate};
use cliffhanger::store::Db;
use cliffhanger::store::games::{self, NewGame, Write as Step};
use cliffhanger::store::reviews::{self, AskedRound, Verdict};
use cliffhanger::trivia::StartOptions;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Catalogs per test, and cases (a member, a place, a few commands) per
/// catalog.
const CATALOGS: u64 = 10;
const CASES: usize = 600;

// ---------------------------------------------------------------------------
// Generated catalogs
// ---------------------------------------------------------------------------

const FIRST: [&str; 6] = ["Leo", "Mara", "Jonas", "Pia", "Otto", "Nora"];
const LAST: [&str; 10] = [
    "Houston", "Kemp", "Vance", "Okafor", "Brandt", "Sousa", "Lind", "Marsh", "Quill", "Ferro",
];
/// Family names that several characters share.
const FAMILY: [&str; 2] = ["Houston", "Kemp"];
const GROUPS: [&str; 3] = ["stage", "backstage/writers", "home"];
const PRONOUNS: [&str; 3] = ["he", "she", "they"];
/// Show titles: markup in titles is no catalog text, and must not unsettle
/// the markup around it.
const MAIN_TITLES: [&str; 6] = [
    "Oracle",
    "Oracle",
    "Oracle || Files",
    "The *Oracle*",
    "Oracle `Live`",
    "Oracle_Nights",
];
const SECOND_TITLES: [&str; 5] = [
    "Cursed || Show",
    "Second *Sight*",
    "Tick`s Tock",
    "Snake_Eyes",
    "Pipe | Dream",
];
const OPINIONS: [&str; 4] = [
    "which, frankly, nobody saw coming",
    "and yes, the writers love a dramatic pause",
    "a choice I am still arguing about with my couch",
    "and it lands better than it has any right to",
];
/// The neutral episode that stands for everything after a cut.
const NEUTRAL_TITLE: &str = "The Quiet Affair";
const NEUTRAL_TEXT: &str = "Nothing much happens this week, and the whole town stays home.";

/// A roster entry.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    aliases: Vec<String>,
    /// The position of the episode they are first met in.
    known: usize,
    kind: &'static str,
    in_production: Option<String>,
    pronouns: Option<&'static str>,
    group: Option<&'static str>,
    played_by: Option<String>,
    /// (episode position, language, text).
    about: Vec<(usize, Language, String)>,
}

impl Person {
    /// How a recap names them: the full name or an alias.
    fn named(&self, rng: &mut StdRng) -> String {
        if self.aliases.is_empty() || rng.random_bool(0.5) {
            self.name.clone()
        } else {
            self.aliases[rng.random_range(0..self.aliases.len())].clone()
        }
    }
}

/// One episode: its files' text, generated once, so the whole catalog and
/// the cut one write the same bytes for it.
#[derive(Debug, Clone)]
struct Episode {
    key: EpisodeKey,
    title: String,
    title_de: String,
    /// (language, recap body after the front matter's closing line).
    recaps: Vec<(Language, String)>,
    aired: String,
    source: String,
    question: String,
}

#[derive(Debug, Clone)]
struct ShowSpec {
    slug: &'static str,
    title: String,
    people: Vec<Person>,
    episodes: Vec<Episode>,
}

/// A catalog: the show the cut applies to, and maybe a second one, which
/// both catalogs hold whole.
#[derive(Debug, Clone)]
struct Spec {
    main: ShowSpec,
    second: Option<ShowSpec>,
}

/// A breakage written into both seed folders alike, for the owner's
/// diagnostics; only ever in what lies before the cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Broken {
    No,
    /// A role before the cut names a production that does not exist.
    Production,
    /// The recap of the episode at this position has a bad date.
    Aired(usize),
}

fn people(rng: &mut StdRng, episodes: usize, count: usize, productions: bool) -> Vec<Person> {
    // With DIFF_UNIQUE_ALIASES no two characters share an alias.
    let unique = std::env::var_os("DIFF_UNIQUE_ALIASES").is_some();
    let mut out: Vec<Person> = Vec::new();
    while out.len() < count {
        let known = if out.len() < 3 {
            0
        } else {
            rng.random_range(0..episodes)
        };
        let first = FIRST[rng.random_range(0..FIRST.len())];
        let last = if rng.random_bool(0.35) {
            FAMILY[rng.random_range(0..FAMILY.len())]
        } else {
            LAST[rng.random_range(0..LAST.len())]
        };
        let name = format!("{first} {last}");
        if out.iter().any(|p| p.name == name) {
            continue;
        }
        let mut aliases = Vec::new();
        if rng.random_bool(0.6) {
            aliases.push(first.to_string());
        }
        if rng.random_bool(0.3) {
            aliases.push(last.to_string());
        }
        if unique {
            aliases.retain(|a| {
                !out.iter()
                    .any(|p| p.aliases.contains(a) || p.name.split(' ').any(|n| n == a))
            });
        }
        out.push(person(rng, name, aliases, known, episodes));
    }
    if unique {
        // Nor a name an alias of another.
        let names: Vec<String> = out.iter().map(|p| p.name.clone()).collect();
        for p in &mut out {
            p.aliases.retain(|a| {
                !names
                    .iter()
                    .any(|n| n != &p.name && n.split(' ').any(|w| w == a))
            });
        }
    }
    // A namesake first met at the very end: an alias shared with someone
    // met at the start.
    if rng.random_bool(0.6)
        && !unique
        && let Some(early) = out
            .iter()
            .find(|p| p.known == 0 && !p.aliases.is_empty())
            .cloned()
    {
        let alias = early.aliases[0].clone();
        let name = format!("{alias} {}", LAST[rng.random_range(0..LAST.len())]);
        if !out.iter().any(|p| p.name == name) && !early.name.ends_with(&alias) {
            out.push(person(rng, name, vec![alias], episodes - 1, episodes));
        }
    }
    if productions {
        let late = rng.random_range(0..episodes);
        for (production, role, known) in [("Starfall", "Duchess", 0), ("Moonrise", "Admiral", late)]
        {
            let mut p = person(rng, production.to_string(), Vec::new(), known, episodes);
            p.kind = "production";
            p.played_by = None;
            p.pronouns = None;
            p.group = None;
            out.push(p);
            let role_known = rng.random_range(known..episodes);
            let mut r = person(rng, role.to_string(), Vec::new(), role_known, episodes);
            r.kind = "role";
            r.in_production = Some(production.to_string());
            out.push(r);
        }
    }
    out
}

fn person(
    rng: &mut StdRng,
    name: String,
    aliases: Vec<String>,
    known: usize,
    episodes: usize,
) -> Person {
    let first = name.split(' ').next().unwrap_or(&name).to_string();
    let mut about = vec![
        (
            known,
            Language::En,
            format!("{first} arrives, {} in tow.", token(known)),
        ),
        (
            known,
            Language::De,
            format!("{first} kommt an, mit {} im Gepäck.", token(known)),
        ),
    ];
    if known + 1 < episodes && rng.random_bool(0.5) {
        let later = rng.random_range(known + 1..episodes);
        about.push((
            later,
            Language::En,
            format!("{first} is changed for good by {}.", token(later)),
        ));
    }
    Person {
        name,
        aliases,
        known,
        kind: "person",
        in_production: None,
        pronouns: rng
            .random_bool(0.6)
            .then(|| PRONOUNS[rng.random_range(0..PRONOUNS.len())]),
        group: rng
            .random_bool(0.5)
            .then(|| GROUPS[rng.random_range(0..GROUPS.len())]),
        played_by: Some(format!("Actor {}", capital(&token(known + 13)))),
        about,
    }
}

fn show_spec(
    rng: &mut StdRng,
    slug: &'static str,
    title: String,
    seasons: &[u32],
    base: usize,
    count: usize,
    productions: bool,
) -> ShowSpec {
    let mut keys = Vec::new();
    for (s, n) in seasons.iter().enumerate() {
        for e in 1..=*n {
            keys.push(EpisodeKey::new(s as u32 + 1, e));
        }
    }
    let people = people(rng, keys.len(), count, productions);
    let mut episodes = Vec::new();
    for (p, key) in keys.iter().enumerate() {
        let tok = token(base + p);
        let met: Vec<&Person> = people.iter().filter(|c| c.known <= p).collect();
        let mut languages = vec![Language::En];
        if rng.random_bool(0.4) {
            languages.push(Language::De);
        }
        let mut recaps = Vec::new();
        for language in languages {
            let mut text = format!("\n# {} headline {tok}\n", capital(&tok));
            for section in 0..2 {
                let _ = write!(text, "\n## Part {section} of {tok}\n\n");
                for s in 0..4 {
                    let a = met[rng.random_range(0..met.len())].named(rng);
                    let b = met[rng.random_range(0..met.len())].named(rng);
                    let kind = rng.random_range(0..6) + s;
                    text.push_str(&support::recap_sentence(
                        rng, language, kind, &a, &b, &tok, &OPINIONS,
                    ));
                    text.push(if s % 2 == 1 { '\n' } else { ' ' });
                    if s % 2 == 1 {
                        text.push('\n');
                    }
                }
            }
            recaps.push((language, text));
        }
        let question = format!(
            "\n[[questions]]\nepisode = \"{key}\"\nprompt = \"Which secret does the {} episode keep?\"\nanswer = \"Secret {tok} one\"\nwrong = [\"Secret {tok} two\", \"Secret {tok} three\", \"Secret {tok} four\"]\n",
            capital(&tok)
        );
        episodes.push(Episode {
            key: *key,
            title: format!("The {} Affair", capital(&tok)),
            title_de: format!("Die {} Affäre", capital(&tok)),
            recaps,
            aired: format!("2031-{:02}-{:02}", p / 28 + 1, p % 28 + 1),
            source: format!("Recap Weekly {tok}"),
            question,
        });
    }
    ShowSpec {
        slug,
        title,
        people,
        episodes,
    }
}

impl Spec {
    fn generate(rng: &mut StdRng, plain_titles: bool) -> Spec {
        let seasons = [rng.random_range(3..=5), rng.random_range(2..=4)];
        let title = if plain_titles {
            "Oracle".to_string()
        } else {
            MAIN_TITLES[rng.random_range(0..MAIN_TITLES.len())].to_string()
        };
        let productions = rng.random_bool(0.5);
        let count = rng.random_range(7..=10);
        let main = show_spec(rng, "oracle", title, &seasons, 0, count, productions);
        let second = rng.random_bool(0.6).then(|| {
            let title = if plain_titles {
                "Cursed Show".to_string()
            } else {
                SECOND_TITLES[rng.random_range(0..SECOND_TITLES.len())].to_string()
            };
            let seasons = [rng.random_range(2..=3)];
            show_spec(rng, "cursed", title, &seasons, 14, 3, false)
        });
        Spec { main, second }
    }

    /// Writes the catalog into `root`, the main show cut after the episode
    /// at `cut` when given.
    fn write(&self, root: &Path, cut: Option<usize>, broken: Broken) {
        self.main.write(root, cut, broken);
        if let Some(second) = &self.second {
            second.write(root, None, Broken::No);
        }
    }
}

impl ShowSpec {
    fn write(&self, root: &Path, cut: Option<usize>, broken: Broken) {
        let dir = root.join(self.slug);
        std::fs::create_dir_all(dir.join("episodes")).unwrap();
        std::fs::create_dir_all(dir.join("questions")).unwrap();
        let keep = cut.unwrap_or(self.episodes.len() - 1);
        // The roster in the order characters are met, so that cutting it
        // moves no earlier entry to another line; entries on one line each,
        // later ones last.
        let mut roster: Vec<&Person> = self.people.iter().filter(|p| p.known <= keep).collect();
        roster.sort_by_key(|p| p.known);
        let broken_role = roster
            .iter()
            .find(|p| p.kind == "role")
            .map(|p| p.name.clone());
        let mut manifest = format!("title = \"{}\"\n", self.title);
        for p in &roster {
            let _ = write!(manifest, "\n[[characters]]\nname = \"{}\"\n", p.name);
            let aliases: Vec<String> = p.aliases.iter().map(|a| format!("\"{a}\"")).collect();
            let _ = writeln!(manifest, "aliases = [{}]", aliases.join(", "));
            let _ = writeln!(manifest, "kind = \"{}\"", p.kind);
            if let Some(production) = &p.in_production {
                let production =
                    if broken == Broken::Production && broken_role == Some(p.name.clone()) {
                        "Nowhere Revue"
                    } else {
                        production
                    };
                let _ = writeln!(manifest, "in_production = \"{production}\"");
            }
            if let Some(pronouns) = p.pronouns {
                let _ = writeln!(manifest, "pronouns = \"{pronouns}\"");
            }
            if let Some(group) = p.group {
                let _ = writeln!(manifest, "group = \"{group}\"");
            }
            if let Some(actor) = &p.played_by {
                let _ = writeln!(manifest, "played_by = \"{actor}\"");
            }
            let mut about: Vec<&(usize, Language, String)> =
                p.about.iter().filter(|(at, _, _)| *at <= keep).collect();
            about.sort_by_key(|(at, _, _)| *at);
            let entries: Vec<String> = about
                .iter()
                .map(|(at, language, text)| {
                    format!(
                        "{{ from = \"{}\", language = \"{}\", text = \"{text}\" }}",
                        self.episodes[*at].key,
                        language.code()
                    )
                })
                .collect();
            let _ = writeln!(manifest, "about = [{}]", entries.join(", "));
        }
        std::fs::write(dir.join("show.toml"), manifest).unwrap();
        let mut questions = String::new();
        for (p, e) in self.episodes.iter().enumerate().take(keep + 1) {
            for (language, body) in &e.recaps {
                let aired = if broken == Broken::Aired(p) {
                    "2031-13-45".to_string()
                } else {
                    e.aired.clone()
                };
                let title = match language {
                    Language::De => &e.title_de,
                    Language::En => &e.title,
                };
                let text = format!(
                    "+++\nseason = {}\nepisode = {}\ntitle = \"{title}\"\nlanguage = \"{}\"\naired = {aired}\nsource = \"{}\"\n+++\n{body}",
                    e.key.season,
                    e.key.episode,
                    language.code(),
                    e.source,
                );
                std::fs::write(
                    dir.join("episodes")
                        .join(format!("{}.{}.md", e.key, language.code())),
                    text,
                )
                .unwrap();
            }
            questions.push_str(&e.question);
        }
        if let Some(cut) = cut {
            let key = self.episodes[cut + 1].key;
            std::fs::write(
                dir.join("episodes").join(format!("{key}.en.md")),
                format!(
                    "+++\nseason = {}\nepisode = {}\ntitle = \"{NEUTRAL_TITLE}\"\nlanguage = \"en\"\n+++\n\n{NEUTRAL_TEXT}\n",
                    key.season, key.episode
                ),
            )
            .unwrap();
        }
        std::fs::write(dir.join("questions").join("written.toml"), questions).unwrap();
    }
}

// ---------------------------------------------------------------------------
// What a channel reads
// ---------------------------------------------------------------------------

/// The length of the run of `c` at `i`.
fn run_of(chars: &[char], i: usize, c: char) -> usize {
    chars[i..].iter().take_while(|x| **x == c).count()
}

/// What a reader sees of `text`, markup parsed as Discord parses it,
/// without opening spoilers: an escaped character is itself; inline code
/// (a run of backticks to the next run of the same length) is literal;
/// `||` opens a spoiler that closes at the next unescaped `||` after at
/// least one character, across lines, or is literal when none follows.
/// Every maximal run of spoilers, with the whitespace between them, is one
/// `▒`.
fn projection(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(char::is_ascii_punctuation) {
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '`' {
            let n = run_of(&chars, i, '`');
            let mut j = i + n;
            let mut close = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let m = run_of(&chars, j, '`');
                    if m == n && j > i + n {
                        close = Some(j);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            match close {
                Some(j) => {
                    out.extend(&chars[i + n..j]);
                    i = j + n;
                }
                None => {
                    out.extend(&chars[i..i + n]);
                    i += n;
                }
            }
            continue;
        }
        if c == '|' && chars.get(i + 1) == Some(&'|') {
            let mut k = i + 2;
            let mut close = None;
            while k + 1 < chars.len() {
                if chars[k] == '\\' {
                    k += 2;
                    continue;
                }
                if chars[k] == '|' && chars[k + 1] == '|' && k > i + 2 {
                    close = Some(k);
                    break;
                }
                k += 1;
            }
            match close {
                Some(k) => {
                    out.push('▒');
                    i = k + 2;
                }
                None => {
                    out.extend(['|', '|']);
                    i += 2;
                }
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    // One placeholder for spoilers with only whitespace between them.
    let mut collapsed = String::new();
    let mut i = 0;
    while i < out.len() {
        if out[i] == '▒' {
            let mut j = i + 1;
            loop {
                let k = j + out[j..].iter().take_while(|c| c.is_whitespace()).count();
                if out.get(k) == Some(&'▒') {
                    j = k + 1;
                } else {
                    break;
                }
            }
            collapsed.push('▒');
            i = j;
            continue;
        }
        collapsed.push(out[i]);
        i += 1;
    }
    collapsed
}

/// What a channel reads of a reply, part by part as Discord shows it: a
/// short reply without title or fields is one message text (its notes in
/// small print), anything else an embed, whose title, field names and
/// footer show no markup.
fn plain_parts(r: &Reply) -> Vec<String> {
    let mut parts = vec![format!("private: {}", r.private)];
    let mut text = r.lines.clone();
    text.extend(r.notes.iter().map(|n| format!("-# {n}")));
    let text = text.join("\n");
    if r.title.is_none() && r.fields.is_empty() && text.chars().count() <= 2000 {
        parts.push(projection(&text));
    } else {
        parts.extend(r.title.clone());
        parts.push(projection(&r.description()));
        for f in &r.fields {
            parts.push(f.name.clone());
            parts.push(projection(&f.lines.join("\n")));
        }
        parts.push(r.footer());
    }
    if let Some(b) = r.buttons {
        parts.push(format!("buttons: {} for {:?}", b.count, b.round));
    }
    for a in &r.actions {
        parts.push(format!("button: {} {}", a.label, a.does.command()));
    }
    parts
}

/// The words of a plain projection, in order: where a spoiler stands, and
/// the punctuation around it, are set aside.
fn words(parts: &[String]) -> Vec<String> {
    parts
        .iter()
        .flat_map(|p| {
            p.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Replies compared
// ---------------------------------------------------------------------------

/// What one operation returned.
#[derive(Debug, Clone, PartialEq)]
enum Out {
    Reply(Box<Reply>),
    Replies(Vec<Reply>),
    Choices(Vec<Choice>),
    /// What each channel was told (trivia's clock).
    Posts(Vec<(u64, Vec<Reply>)>),
}

impl Out {
    fn replies(&self) -> Vec<&Reply> {
        match self {
            Out::Reply(r) => vec![&**r],
            Out::Replies(rs) => rs.iter().collect(),
            Out::Choices(_) => Vec::new(),
            Out::Posts(posts) => posts.iter().flat_map(|(_, rs)| rs).collect(),
        }
    }

    fn count(&self) -> usize {
        match self {
            Out::Choices(_) => 1,
            other => other.replies().len().max(1),
        }
    }

    /// Every string in it with `from` written `to`.
    fn blanked(&self, from: &str, to: &str) -> Out {
        if from.is_empty() {
            return self.clone();
        }
        let fix = |r: &Reply| {
            let mut r = r.clone();
            let s = |t: &String| t.replace(from, to);
            r.title = r.title.as_ref().map(s);
            r.lines = r.lines.iter().map(s).collect();
            r.notes = r.notes.iter().map(s).collect();
            for f in &mut r.fields {
                f.name = s(&f.name);
                f.lines = f.lines.iter().map(s).collect();
            }
            r
        };
        match self {
            Out::Reply(r) => Out::Reply(Box::new(fix(r))),
            Out::Replies(rs) => Out::Replies(rs.iter().map(fix).collect()),
            Out::Choices(cs) => Out::Choices(cs.clone()),
            Out::Posts(posts) => Out::Posts(
                posts
                    .iter()
                    .map(|(c, rs)| (*c, rs.iter().map(fix).collect()))
                    .collect(),
            ),
        }
    }

    /// The plain projection, as lines to read and as words to compare.
    fn plain(&self) -> (String, Vec<String>) {
        let mut shown = Vec::new();
        let mut all = Vec::new();
        let mut add = |label: String, r: &Reply| {
            let parts = plain_parts(r);
            shown.push(label);
            shown.extend(
                parts
                    .iter()
                    .map(|p| format!("  {}", p.replace('\n', "\n  "))),
            );
            all.extend(parts);
        };
        match self {
            Out::Choices(cs) => {
                for c in cs {
                    shown.push(format!("choice: {} = {}", c.label, c.value));
                    all.push(format!("{} {}", c.label, c.value));
                }
            }
            Out::Posts(posts) => {
                for (channel, rs) in posts {
                    for r in rs {
                        add(format!("in channel {channel}:"), r);
                    }
                }
            }
            other => {
                for r in other.replies() {
                    add("reply:".to_string(), r);
                }
            }
        }
        (shown.join("\n"), words(&all))
    }
}

/// A line diff of `a` and `b`: `-` only in the whole catalog's, `+` only in
/// the cut one's, with three lines of context.
fn diff(a: &str, b: &str) -> String {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut lines: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            lines.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            lines.push(('-', a[i]));
            i += 1;
        } else {
            lines.push(('+', b[j]));
            j += 1;
        }
    }
    let near = |k: usize| {
        lines[k.saturating_sub(3)..(k + 4).min(lines.len())]
            .iter()
            .any(|(c, _)| *c != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (c, line)) in lines.iter().enumerate() {
        if near(k) {
            if skipped {
                out.push_str("  ...\n");
                skipped = false;
            }
            let _ = writeln!(out, "{c} {line}");
        } else {
            skipped = true;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The two apps and the cases
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Oracle {
    /// Cut after P; members have watched up to P at most.
    Progress,
    /// Cut at the horizon H; horizons stand at H at most, members may have
    /// watched everything; plain projections compared.
    Horizon,
}

/// Operations, as `DIFF_ONLY` and `DIFF_SKIP` name them.
const OPERATIONS: [&str; 13] = [
    "progress",
    "spoilers",
    "episode",
    "character",
    "search",
    "about",
    "suggest",
    "show",
    "trivia",
    "board",
    "report",
    "review",
    "catalog",
];

/// Operations a case picks from, with their weights.
const QUERIES: [(&str, u32); 11] = [
    ("episode", 12),
    ("character", 14),
    ("search", 14),
    ("about", 3),
    ("suggest", 8),
    ("show", 4),
    ("trivia", 18),
    ("board", 3),
    ("report", 3),
    ("review", 5),
    ("catalog", 2),
];

fn listed(var: &str) -> Option<Vec<String>> {
    let value = std::env::var(var).ok().filter(|v| !v.trim().is_empty())?;
    let names: Vec<String> = value.split(',').map(|s| s.trim().to_string()).collect();
    for name in &names {
        assert!(
            OPERATIONS.contains(&name.as_str()),
            "{var}: no operation \"{name}\"; the operations are {OPERATIONS:?}"
        );
    }
    Some(names)
}

/// Which operations run and are compared.
#[derive(Debug, Clone)]
struct Filter {
    only: Option<Vec<String>>,
    skip: Vec<String>,
}

impl Filter {
    fn from_env() -> Filter {
        Filter {
            only: listed("DIFF_ONLY"),
            skip: listed("DIFF_SKIP").unwrap_or_default(),
        }
    }

    fn on(&self, op: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| o == op))
            && !self.skip.iter().any(|s| s == op)
    }

    fn filtered(&self) -> bool {
        self.only.is_some() || !self.skip.is_empty()
    }
}

const USERS: [&str; 5] = ["ada", "ben", "cleo", "dev", "eve"];

/// Where a member asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Channel(&'static str),
    /// A thread and the channel it belongs to.
    Thread(&'static str, &'static str),
    Direct,
}

const PLACES: [Place; 6] = [
    Place::Channel("general"),
    Place::Channel("spoilers"),
    Place::Channel("s1-only"),
    Place::Thread("general-chat", "general"),
    Place::Thread("spoilers-chat", "spoilers"),
    Place::Direct,
];

/// Who asks, where: as the apps see it and as the console writes it.
#[derive(Debug, Clone)]
struct Who {
    ctx: Ctx,
    user: &'static str,
    place: Place,
    manage: bool,
}

fn who(user: &'static str, place: Place, locale: Language, manage: bool) -> Who {
    let (channel, guild, thread_of) = match place {
        Place::Channel(name) => (console_id("channel", name), Some(CONSOLE_GUILD), None),
        Place::Thread(name, parent) => (
            console_id("channel", name),
            Some(CONSOLE_GUILD),
            Some(console_id("channel", parent)),
        ),
        Place::Direct => (console_id("dm", user), None, None),
    };
    Who {
        ctx: Ctx {
            user: console_id("user", user),
            channel,
            guild,
            locale,
            can_manage_channel: manage,
            can_manage_guild: manage,
            thread_of,
        },
        user,
        place,
        manage,
    }
}

/// The two apps, the catalog behind them, and the case so far.
struct World {
    oracle: Oracle,
    full: App,
    cut: App,
    spec: Spec,
    /// The cut: the position of P (or H) in the main show.
    at: usize,
    /// Both apps' seeds folder: a link to one folder or the other, so
    /// that paths (in question keys, in the owner's diagnostics) agree.
    link: PathBuf,
    full_dir: PathBuf,
    cut_dir: PathBuf,
    /// The scratch folder: seeds, link, databases.
    tmp: tempfile::TempDir,
    main_id: i64,
    second_id: Option<i64>,
    rng: StdRng,
    script: Vec<String>,
    now: i64,
    catalog: u64,
    case: usize,
    compared: usize,
    by_op: BTreeMap<&'static str, usize>,
    filter: Filter,
    /// Keys of the main show's question bank (the whole catalog's), with
    /// their episodes.
    bank: Vec<(String, Option<EpisodeKey>)>,
    /// The question the last review showed first.
    reviewed: Option<String>,
    /// The last round each channel was asked, and the last one revealed.
    asked: HashMap<u64, Round>,
    revealed: HashMap<u64, Round>,
    /// The console session the script is at.
    session: Option<(String, Place, Language, bool)>,
    /// Differences found, by operation (with `DIFF_KEEP_GOING`).
    differences: BTreeMap<&'static str, usize>,
    /// How the two question banks differ up to the cut, if they do.
    banks: Option<String>,
}

/// Points the seeds link at `dir`.
fn point(link: &Path, dir: &Path) {
    let _ = std::fs::remove_file(link);
    std::os::unix::fs::symlink(dir, link).unwrap();
}

/// Writes what an outsider's games left behind into `db`: players who
/// have watched the whole show, in a channel no case visits, answering and
/// reporting questions of `keys` (each: the key, how its players did, and
/// reports). The same rows go into both databases.
async fn outsiders(db: &Db, show_id: i64, keys: &[(String, usize, usize)], last: EpisodeKey) {
    let channel = console_id("channel", "late-night");
    let players: Vec<u64> = ["zoe", "yan", "xia", "wes", "val", "uma"]
        .iter()
        .map(|u| console_id("user", u))
        .collect();
    let started = SCRIPT_EPOCH_MS - 86_400_000;
    let game = NewGame {
        guild: Some(CONSOLE_GUILD),
        channel,
        show_id,
        starter: players[0],
        mode: "choices",
        questions: keys.len(),
        seconds: 20,
        up_to: last.order(),
        spoilers: true,
        language: None,
        started_at: started,
    };
    let id = games::create(db, &game, 7, 86_400_000)
        .await
        .unwrap()
        .expect("the outsiders' channel is free");
    for (i, (key, how, reports)) in keys.iter().enumerate() {
        let number = i + 1;
        let at = started + 60_000 * i as i64;
        let asked = Step::Asked {
            number,
            key: key.clone(),
        };
        games::apply(db, id, &[asked], at).await.unwrap();
        let mut points = Vec::new();
        for (j, player) in players.iter().enumerate() {
            // All right (too easy), all wrong (too hard), or some of each.
            let correct = match how % 3 {
                0 => true,
                1 => false,
                _ => j % 2 == 0,
            };
            let answer = Step::Answered {
                number,
                user: *player,
                answer: "A".to_string(),
                correct,
                after_ms: 1_000 + j as u64,
            };
            games::apply(db, id, &[answer], at + 1_000).await.unwrap();
            if correct {
                points.push((*player, 100));
            }
        }
        let revealed = Step::Revealed {
            number,
            skipped: false,
            points,
        };
        games::apply(db, id, &[revealed], at + 20_000)
            .await
            .unwrap();
        let round = AskedRound {
            game: id,
            number: number as i64,
            channel,
            scope: CONSOLE_GUILD as i64,
            key: key.clone(),
            revealed: true,
        };
        for player in players.iter().take(*reports) {
            reviews::report(db, &round, *player, at + 30_000)
                .await
                .unwrap();
        }
    }
    let end = Step::Ended {
        status: "finished",
        winner: Some(players[0]),
    };
    games::apply(db, id, &[end], started + 3_600_000)
        .await
        .unwrap();
}

impl World {
    async fn open(oracle: Oracle, catalog: u64, filter: Filter) -> World {
        let base = match oracle {
            Oracle::Progress => 0xd1ff_0000,
            Oracle::Horizon => 0xd1ff_1000,
        };
        let mut rng = StdRng::seed_from_u64(base + catalog);
        let plain_titles = std::env::var_os("DIFF_PLAIN_TITLES").is_some();
        let spec = Spec::generate(&mut rng, plain_titles);
        let episodes = spec.main.episodes.len();
        let at = rng.random_range(0..episodes - 1);
        let tmp = tempfile::tempdir().unwrap();
        let full_dir = tmp.path().join("full");
        let cut_dir = tmp.path().join("cut");
        let link = tmp.path().join("seeds");
        spec.write(&full_dir, None, Broken::No);
        spec.write(&cut_dir, Some(at), Broken::No);
        let mut apps = Vec::new();
        for (dir, file) in [(&full_dir, "full.db"), (&cut_dir, "cut.db")] {
            let db = Db::connect(&support::db_url_of(tmp.path(), file))
                .await
                .unwrap();
            point(&link, dir);
            let report = import_dir(&db, &link)
                .await
                .unwrap_or_else(|e| panic!("catalog {catalog} ({file}) does not import: {e}"));
            // Seeded alike, as the console seeds a script's games.
            let app = App::with_seed(db, 0).await.unwrap();
            app.trivia()
                .set_lease(std::time::Duration::from_secs(86_400));
            app.set_seeds(&link);
            app.record_import(LastImport {
                at_ms: SCRIPT_EPOCH_MS,
                trigger: Trigger::Start,
                outcome: Imported::Imported {
                    changes: report.changed.len(),
                },
            })
            .await;
            apps.push(app);
        }
        let cut = apps.pop().unwrap();
        let full = apps.pop().unwrap();
        let index = full.index();
        let id_of = |slug: &str| index.shows.iter().find(|s| s.slug == slug).map(|s| s.id);
        let main_id = id_of("oracle").unwrap();
        let second_id = id_of("cursed");
        let main = index.shows.iter().find(|s| s.id == main_id).unwrap();
        let bank: Vec<(String, Option<EpisodeKey>)> = full
            .question_bank(main)
            .await
            .unwrap()
            .iter()
            .map(|q| (q.key.clone(), q.episode))
            .collect();
        let last = spec.main.episodes.last().unwrap().key;
        let cut_key = spec.main.episodes[at].key;
        // The questions up to the cut, as each app's bank has them: where
        // they differ, a game (and /about's count) will.
        let mut banks = Vec::new();
        for app in [&full, &cut] {
            let index = app.index();
            let main = index.shows.iter().find(|s| s.id == main_id).unwrap();
            let mut out = String::new();
            for q in app.question_bank(main).await.unwrap().iter() {
                if q.episode.is_some_and(|e| e <= cut_key) {
                    let choices: Vec<&str> = q.choices.iter().map(|c| c.unrendered()).collect();
                    let _ = writeln!(
                        out,
                        "{} {} {:?}: {} {choices:?}",
                        q.key,
                        q.episode.map(|e| e.to_string()).unwrap_or_default(),
                        q.kind,
                        q.prompt.unrendered()
                    );
                }
            }
            banks.push(out);
        }
        let banks = (banks[0] != banks[1]).then(|| diff(&banks[0], &banks[1]));
        // What outsiders who have seen everything played: questions up to
        // the cut, and (for the progress oracle) past it.
        let mut keys = Vec::new();
        let early: Vec<&(String, Option<EpisodeKey>)> = bank
            .iter()
            .filter(|(_, e)| e.is_some_and(|e| e <= cut_key))
            .collect();
        let late: Vec<&(String, Option<EpisodeKey>)> = bank
            .iter()
            .filter(|(_, e)| e.is_some_and(|e| e > cut_key))
            .collect();
        for k in 0..6 {
            let pool = if oracle == Oracle::Progress && k % 2 == 1 && !late.is_empty() {
                &late
            } else {
                &early
            };
            if pool.is_empty() {
                continue;
            }
            let (key, _) = pool[rng.random_range(0..pool.len())];
            if keys.iter().any(|(k, _, _)| k == key) {
                continue;
            }
            keys.push((key.clone(), rng.random_range(0..3), rng.random_range(0..4)));
        }
        for app in [&full, &cut] {
            outsiders(app.db(), main_id, &keys, last).await;
        }
        // Each database as the first case finds it, for a replay (SQLite).
        for (app, name) in [(&full, "full"), (&cut, "cut")] {
            if let cliffhanger::store::Pool::Lite(pool) = app.db().pool() {
                let path = tmp.path().join(format!("{name}-start.db"));
                let sql = format!("VACUUM INTO '{}'", path.display());
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(pool)
                    .await
                    .unwrap();
            }
        }
        let mut world = World {
            oracle,
            full,
            cut,
            spec,
            at,
            link,
            full_dir,
            cut_dir,
            tmp,
            main_id,
            second_id,
            rng,
            script: Vec::new(),
            now: SCRIPT_EPOCH_MS,
            catalog,
            case: 0,
            compared: 0,
            by_op: BTreeMap::new(),
            filter,
            bank,
            reviewed: None,
            asked: HashMap::new(),
            revealed: HashMap::new(),
            session: None,
            differences: BTreeMap::new(),
            banks,
        };
        world.script.push(format!(
            "# {:?} oracle, catalog {catalog}: the main show cut after {} ({} of {} episodes)",
            oracle,
            cut_key,
            at + 1,
            episodes
        ));
        world
    }

    fn cut_key(&self) -> EpisodeKey {
        self.spec.main.episodes[self.at].key
    }

    fn last_key(&self) -> EpisodeKey {
        self.spec.main.episodes.last().unwrap().key
    }

    /// The neutral episode's code (the next after the cut).
    fn neutral_key(&self) -> EpisodeKey {
        self.spec.main.episodes[self.at + 1].key
    }

    fn position(&self, key: EpisodeKey) -> Option<usize> {
        self.spec.main.episodes.iter().position(|e| e.key == key)
    }

    // --- failing --------------------------------------------------------

    /// A difference: with `DIFF_KEEP_GOING` it is printed and counted
    /// (three at most per operation) and the case goes on; otherwise the
    /// test fails with it.
    fn fail(&mut self, op: &'static str, line: &str, what: &Who, body: String) {
        let keep_going = std::env::var_os("DIFF_KEEP_GOING").is_some();
        let seen = self.differences.entry(op).or_default();
        *seen += 1;
        if keep_going && *seen > 3 {
            return;
        }
        let kind = match self.oracle {
            Oracle::Progress => "progress",
            Oracle::Horizon => "horizon",
        };
        let place = match what.place {
            Place::Channel(c) => format!("#{c}"),
            Place::Thread(t, p) => format!("thread #{t} of #{p}"),
            Place::Direct => "a direct message".to_string(),
        };
        let kept = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("differential")
            .join(format!("{kind}-{}", self.catalog));
        let _ = std::fs::remove_dir_all(&kept);
        support::copy_dir(&self.full_dir, &kept.join("full"));
        support::copy_dir(&self.cut_dir, &kept.join("cut"));
        for name in ["full", "cut"] {
            let start = self.tmp.path().join(format!("{name}-start.db"));
            let _ = std::fs::copy(start, kept.join(format!("{name}.db")));
        }
        let script = self.script.join("\n");
        let _ = std::fs::write(kept.join("script.txt"), format!("{script}\n"));
        let tail: Vec<&str> = script.lines().collect();
        let tail = tail[tail.len().saturating_sub(40)..].join("\n");
        let mut body = body;
        if let Some(banks) = self
            .banks
            .as_ref()
            .filter(|_| ["trivia", "about", "board", "report", "review"].contains(&op))
        {
            let lines: Vec<&str> = banks.lines().take(30).collect();
            let _ = write!(
                body,
                "\nThe two question banks differ up to the cut already (key, episode, kind: prompt, choices):\n{}\n",
                lines.join("\n")
            );
        }
        let report = format!(
            "{kind} oracle: {op} differs between the whole catalog and the one cut {} {} \
             (catalog {}, case {} of {CASES}, {} replies compared before it)\n\
             as {} (manage {}, {}) in {place}:\n{line}\n\n{body}\n\
             Replay it (the last lines of the script; all of it, and both seed folders, in {}):\n{tail}\n\n\
             cd {} && for c in full cut; do cargo run -q --manifest-path {}/Cargo.toml -- --seeds $c --database sqlite://$c.db console < script.txt > $c.out; done; diff full.out cut.out\n\
             (the databases are as the first case found them, the outsiders' games in them; the console has no threads or direct messages)",
            match self.oracle {
                Oracle::Progress => "after",
                Oracle::Horizon => "at the horizon",
            },
            self.cut_key(),
            self.catalog,
            self.case,
            self.compared,
            what.user,
            what.manage,
            what.ctx.locale.code(),
            kept.display(),
            kept.display(),
            env!("CARGO_MANIFEST_DIR"),
        );
        if !keep_going {
            panic!("{report}");
        }
        eprintln!("\n=====================================================\n{report}");
    }

    /// Compares what the two apps returned for one operation.
    fn compare(&mut self, op: &'static str, line: &str, what: &Who, full: Out, cut: Out) {
        self.compare_as(op, line, what, full, cut, None);
    }

    /// [`World::compare`], with what was typed in each app (`blank`: the
    /// whole catalog's input, the cut one's) read alike.
    fn compare_as(
        &mut self,
        op: &'static str,
        line: &str,
        what: &Who,
        full: Out,
        cut: Out,
        blank: Option<(&str, &str)>,
    ) {
        if !self.filter.on(op) {
            return;
        }
        let (full, cut) = match blank {
            Some((a, b)) => (full.blanked(a, "…"), cut.blanked(b, "…")),
            None => (full, cut),
        };
        match self.oracle {
            Oracle::Progress => {
                if full != cut {
                    let d = diff(&format!("{full:#?}"), &format!("{cut:#?}"));
                    self.fail(
                        op,
                        line,
                        what,
                        format!("--- whole catalog\n+++ cut catalog\n{d}"),
                    );
                }
            }
            Oracle::Horizon => {
                let (a, wa) = full.plain();
                let (b, wb) = cut.plain();
                if wa != wb {
                    let d = diff(&a, &b);
                    let at = wa.iter().zip(&wb).take_while(|(x, y)| x == y).count();
                    self.fail(
                        op,
                        line,
                        what,
                        format!(
                            "The plain projections (▒: spoilers) read differently from word {at} \
                             ({:?} against {:?}):\n--- whole catalog\n+++ cut catalog\n{d}",
                            wa.get(at),
                            wb.get(at)
                        ),
                    );
                }
            }
        }
        self.compared += full.count();
        *self.by_op.entry(op).or_default() += full.count();
    }

    // --- who and where ---------------------------------------------------

    fn say(&mut self, line: impl Into<String>) {
        self.script.push(line.into());
        if self.script.len() > 4000 {
            self.script.drain(1..2000);
        }
    }

    /// Writes the console lines that make `w` the one acting.
    fn act_as(&mut self, w: &Who) {
        let session = (w.user.to_string(), w.place, w.ctx.locale, w.manage);
        if self.session.as_ref() == Some(&session) {
            return;
        }
        let channel = match w.place {
            Place::Channel(c) => {
                format!("/channel {c}")
            }
            Place::Thread(t, p) => {
                format!("# in a thread of #{p}, which the console cannot show\n/channel {t}")
            }
            Place::Direct => format!(
                "# in a direct message with the bot, which the console cannot show\n/channel dm-{}",
                w.user
            ),
        };
        self.say(format!(
            "/as {} manage:{}\n{channel}\n/locale {}",
            w.user,
            w.manage,
            w.ctx.locale.code()
        ));
        self.session = Some(session);
    }

    async fn gate(&self, app: &App, ctx: &Ctx) -> Gate {
        app.gate(ctx, self.main_id).await.unwrap()
    }

    /// How far the member counts as having watched the main show here.
    async fn watched(&self, w: &Who) -> Option<EpisodeKey> {
        let a = self.gate(&self.full, &w.ctx).await;
        let b = self.gate(&self.cut, &w.ctx).await;
        assert_eq!(a, b, "the two apps' gates parted: {:?}", w.ctx);
        a.watched()
    }

    /// Whether the member has watched past the cut (the horizon oracle's
    /// members who may).
    async fn past_cut(&self, w: &Who) -> bool {
        self.watched(w).await.is_some_and(|k| k > self.cut_key())
    }

    fn show_option(&mut self) -> Option<String> {
        let r: f64 = self.rng.random();
        match self.second_id {
            Some(_) if r < 0.85 => Some("oracle".to_string()),
            Some(_) if r < 0.95 => Some("cursed".to_string()),
            Some(_) => None,
            None if r < 0.8 => None,
            None if r < 0.95 => Some("oracle".to_string()),
            None => Some(self.spec.main.title.clone()),
        }
    }

    /// Whether `show` names the main show (or leaves it to be the only
    /// one).
    fn main_show(&self, show: Option<&str>) -> bool {
        match show {
            Some("cursed") => false,
            Some(_) => true,
            None => self.second_id.is_none(),
        }
    }

    fn with_show(line: String, show: &Option<String>) -> String {
        match show {
            Some(s) => format!("{line} show:{s}"),
            None => line,
        }
    }

    /// A code as a member might type it: in the catalog, between, past it.
    fn any_code(&mut self) -> EpisodeKey {
        let episodes = &self.spec.main.episodes;
        match self.rng.random_range(0..8) {
            0 => EpisodeKey::new(self.rng.random_range(1..=3), self.rng.random_range(1..=9)),
            1 => EpisodeKey::new(9, 99),
            _ => episodes[self.rng.random_range(0..episodes.len())].key,
        }
    }

    /// A code up to the cut, mostly the cut itself.
    fn code_to_cut(&mut self) -> EpisodeKey {
        if self.rng.random_bool(0.6) {
            self.cut_key()
        } else {
            self.spec.main.episodes[self.rng.random_range(0..=self.at)].key
        }
    }

    /// A title of the episode at `p`: its English one, or its German one
    /// where it has a German recap.
    fn title_of(&mut self, p: usize) -> String {
        let e = &self.spec.main.episodes[p];
        let german = e.recaps.iter().any(|(l, _)| *l == Language::De);
        if german && self.rng.random_bool(0.4) {
            e.title_de.clone()
        } else {
            e.title.clone()
        }
    }

    // --- one case --------------------------------------------------------

    async fn case(&mut self) {
        self.case += 1;
        let user = USERS[self.rng.random_range(0..USERS.len())];
        let mut place = PLACES[self.rng.random_range(0..PLACES.len())];
        let locale = if self.rng.random_bool(0.3) {
            Language::De
        } else {
            Language::En
        };
        let manage = self.rng.random_bool(0.5);
        let mut w = who(user, place, locale, manage);
        // In a direct message the horizon is the member's progress: past
        // the cut it would be a plain gate past it.
        if self.oracle == Oracle::Horizon && place == Place::Direct && self.past_cut(&w).await {
            place = Place::Channel("general");
            w = who(user, place, locale, manage);
        }
        self.act_as(&w);
        // Titles are read within what the member has watched: so before
        // they are typed too.
        self.keep_within_cut(&w).await;
        match self.rng.random_range(0..10) {
            0..=2 => self.set_progress(&w).await,
            3 => self.clear_progress(&w).await,
            4 | 5 => self.set_horizon(&w).await,
            6 => self.clear_horizon(&w).await,
            _ => {}
        }
        if self.oracle == Oracle::Horizon && w.place == Place::Direct && self.past_cut(&w).await {
            // Progress set past the cut just now, in a direct message: go
            // on in a channel.
            w = who(user, Place::Channel("general"), locale, manage);
            self.act_as(&w);
        }
        self.keep_within_cut(&w).await;
        let enabled: Vec<(&str, u32)> = QUERIES
            .iter()
            .copied()
            .filter(|(op, _)| self.filter.on(op))
            .collect();
        if enabled.is_empty() {
            return;
        }
        let total: u32 = enabled.iter().map(|(_, weight)| weight).sum();
        for _ in 0..self.rng.random_range(1..=3) {
            let mut pick = self.rng.random_range(0..total);
            let op = enabled
                .iter()
                .find(|(_, weight)| {
                    if pick < *weight {
                        true
                    } else {
                        pick -= weight;
                        false
                    }
                })
                .map(|(op, _)| *op)
                .unwrap();
            match op {
                "episode" => self.episode(&w).await,
                "character" => self.character(&w).await,
                "search" => self.search(&w).await,
                "about" => self.about(&w).await,
                "suggest" => self.suggest(&w).await,
                "show" => self.show(&w).await,
                "trivia" => self.trivia(&w).await,
                "board" => self.board(&w).await,
                "report" => self.report(&w).await,
                "review" => self.review(&w).await,
                _ => self.owner(&w).await,
            }
        }
    }

    /// The progress oracle's members have watched up to the cut at most:
    /// where the channel's horizon stands in for progress past it, the
    /// member says how far they are.
    async fn keep_within_cut(&mut self, w: &Who) {
        if self.oracle != Oracle::Progress {
            return;
        }
        if self.watched(w).await.is_some_and(|k| k > self.cut_key()) {
            let code = self.code_to_cut().to_string();
            let show = self.second_id.map(|_| "oracle".to_string());
            self.progress_to(w, code, show).await;
        }
    }

    // --- progress and horizons --------------------------------------------

    async fn progress_to(&mut self, w: &Who, input: String, show: Option<String>) {
        let line = Self::with_show(format!("/progress set episode:{input}"), &show);
        self.say(line.clone());
        let action = ProgressAction::Set(input);
        let (full, cut) = both!(self, |app| app.progress(
            &w.ctx,
            action.clone(),
            show.as_deref()
        ));
        self.compare(
            "progress",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    async fn set_progress(&mut self, w: &Who) {
        if self.second_id.is_some() && self.rng.random_bool(0.2) {
            let n = self.spec.second.as_ref().unwrap().episodes.len();
            let code = EpisodeKey::new(1, self.rng.random_range(1..=n as u32)).to_string();
            return self.progress_to(w, code, Some("cursed".into())).await;
        }
        let show = self.second_id.map(|_| "oracle".to_string());
        let input = match self.oracle {
            Oracle::Progress => match self.rng.random_range(0..10) {
                // A title: within the cut, or later (read as unknown).
                0 => {
                    let p = self.rng.random_range(0..self.spec.main.episodes.len());
                    self.title_of(p)
                }
                1 | 2 => {
                    let p = self.rng.random_range(0..=self.at);
                    self.title_of(p)
                }
                _ => self.code_to_cut().to_string(),
            },
            Oracle::Horizon => {
                let past = self.past_cut(w).await;
                match self.rng.random_range(0..10) {
                    0..=3 => self.last_key().to_string(),
                    4 | 5 => {
                        let p = self.rng.random_range(0..=self.at);
                        self.title_of(p)
                    }
                    // A later title reads as unknown to a member who has
                    // not watched it.
                    6 if !past => {
                        let p = self.rng.random_range(0..self.spec.main.episodes.len());
                        self.title_of(p)
                    }
                    _ => self.code_to_cut().to_string(),
                }
            }
        };
        self.progress_to(w, input, show).await;
    }

    async fn clear_progress(&mut self, w: &Who) {
        let show = match self.second_id {
            Some(_) if self.rng.random_bool(0.2) => Some("cursed".to_string()),
            Some(_) => Some("oracle".to_string()),
            None => None,
        };
        let line = Self::with_show("/progress clear".to_string(), &show);
        self.say(line.clone());
        let (full, cut) = both!(self, |app| app.progress(
            &w.ctx,
            ProgressAction::Clear,
            show.as_deref()
        ));
        self.compare(
            "progress",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    async fn set_horizon(&mut self, w: &Who) {
        let (show, input) = if self.second_id.is_some() && self.rng.random_bool(0.2) {
            let n = self.spec.second.as_ref().unwrap().episodes.len();
            let code = EpisodeKey::new(1, self.rng.random_range(1..=n as u32));
            (Some("cursed".to_string()), code.to_string())
        } else {
            let show = self.second_id.map(|_| "oracle".to_string());
            let input = match self.oracle {
                Oracle::Progress => {
                    if self.rng.random_bool(0.2) {
                        let p = self.rng.random_range(0..self.spec.main.episodes.len());
                        self.title_of(p)
                    } else {
                        self.any_code().to_string()
                    }
                }
                Oracle::Horizon => {
                    let past = self.past_cut(w).await;
                    match self.rng.random_range(0..10) {
                        0 | 1 => {
                            let p = self.rng.random_range(0..=self.at);
                            self.title_of(p)
                        }
                        2 if !past => {
                            let p = self.rng.random_range(0..self.spec.main.episodes.len());
                            self.title_of(p)
                        }
                        _ => self.code_to_cut().to_string(),
                    }
                }
            };
            (show, input)
        };
        let (scope, flag) = self.horizon_scope();
        let line = Self::with_show(format!("/spoilers set episode:{input}{flag}"), &show);
        self.say(line.clone());
        let action = SpoilersAction::Set(input);
        let (full, cut) = both!(self, |app| app.spoilers(
            &w.ctx,
            action.clone(),
            scope,
            show.as_deref()
        ));
        self.compare(
            "spoilers",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    /// A horizon's scope, the channel's more often than the server's, and
    /// how the console line says it.
    fn horizon_scope(&mut self) -> (HorizonScope, &'static str) {
        if self.rng.random_bool(0.7) {
            (HorizonScope::Channel, "")
        } else {
            (HorizonScope::Server, " scope:server")
        }
    }

    async fn clear_horizon(&mut self, w: &Who) {
        let show = self.second_id.map(|_| "oracle".to_string());
        let (scope, flag) = self.horizon_scope();
        let line = Self::with_show(format!("/spoilers clear{flag}"), &show);
        self.say(line.clone());
        let (full, cut) = both!(self, |app| app.spoilers(
            &w.ctx,
            SpoilersAction::Clear,
            scope,
            show.as_deref()
        ));
        self.compare(
            "spoilers",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    // --- lookups ---------------------------------------------------------

    async fn episode(&mut self, w: &Who) {
        let show = self.show_option();
        let n = self.spec.main.episodes.len();
        let (input, position) = match self.rng.random_range(0..10) {
            0..=4 => {
                let code = self.any_code();
                (code.to_string(), self.position(code))
            }
            5..=7 => {
                let p = self.rng.random_range(0..n);
                (self.title_of(p), Some(p))
            }
            8 => ("The".to_string(), None),
            _ => {
                let p = self.rng.random_range(0..n);
                (capital(&token(p)), Some(p))
            }
        };
        // Past the horizon and within the member's progress, the whole
        // catalog has the episode and the cut one only its neutral
        // stand-in: the cut app is asked about that one, and what each was
        // typed reads alike.
        let mut cut_input = input.clone();
        if self.oracle == Oracle::Horizon
            && self.main_show(show.as_deref())
            && let Some(p) = position.filter(|p| *p > self.at)
            && self
                .watched(w)
                .await
                .is_some_and(|k| k >= self.spec.main.episodes[p].key)
        {
            cut_input = if EpisodeKey::parse(&input).is_some() {
                self.neutral_key().to_string()
            } else {
                NEUTRAL_TITLE.to_string()
            };
        }
        let line = Self::with_show(format!("/episode episode:{input}"), &show);
        self.say(line.clone());
        let full = self
            .full
            .episode(&w.ctx, &input, show.as_deref(), false)
            .await
            .unwrap();
        let cut = self
            .cut
            .episode(&w.ctx, &cut_input, show.as_deref(), false)
            .await
            .unwrap();
        let blank = (cut_input != input).then_some((input.as_str(), cut_input.as_str()));
        self.compare_as(
            "episode",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
            blank,
        );
    }

    /// A name as a member might type it: a full name, an alias, a first
    /// name, the start of a name, a typo, or a name nobody has; with
    /// `exact`, only whole names and aliases of characters met up to the
    /// cut that no later character shares.
    fn name(&mut self, exact: bool) -> Option<String> {
        let people = &self.spec.main.people;
        if exact {
            let at = self.at;
            let later: Vec<String> = people
                .iter()
                .filter(|p| p.known > at)
                .flat_map(|p| {
                    std::iter::once(p.name.to_lowercase())
                        .chain(p.aliases.iter().map(|a| a.to_lowercase()))
                })
                .collect();
            let names: Vec<String> = people
                .iter()
                .filter(|p| p.known <= at)
                .flat_map(|p| std::iter::once(p.name.clone()).chain(p.aliases.iter().cloned()))
                .filter(|n| !later.contains(&n.to_lowercase()))
                .collect();
            if names.is_empty() {
                return None;
            }
            return Some(names[self.rng.random_range(0..names.len())].clone());
        }
        let p = &people[self.rng.random_range(0..people.len())];
        let first = p.name.split(' ').next().unwrap_or(&p.name).to_string();
        Some(match self.rng.random_range(0..8) {
            0 | 1 => p.name.clone(),
            2 if !p.aliases.is_empty() => {
                p.aliases[self.rng.random_range(0..p.aliases.len())].clone()
            }
            2 | 3 => first,
            4 => p.name.chars().take(3).collect(),
            5 => {
                // One letter changed.
                let mut chars: Vec<char> = p.name.chars().collect();
                let i = self.rng.random_range(1..chars.len());
                chars[i] = if chars[i] == 'x' { 'y' } else { 'x' };
                chars.into_iter().collect()
            }
            6 => p.name.to_lowercase(),
            _ => "Xaver Stone".to_string(),
        })
    }

    async fn character(&mut self, w: &Who) {
        let show = self.show_option();
        let exact = self.oracle == Oracle::Horizon
            && self.main_show(show.as_deref())
            && self.past_cut(w).await;
        // A member who has watched past the horizon may mean a later
        // character by a partial name or a typo; the cut catalog has no
        // such character to offer.
        let Some(input) = self.name(exact) else {
            return;
        };
        let line = Self::with_show(format!("/character name:{input}"), &show);
        self.say(line.clone());
        let (full, cut) = both!(self, |app| app.character(
            &w.ctx,
            &input,
            show.as_deref(),
            false
        ));
        self.compare(
            "character",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    fn query(&mut self) -> String {
        let n = self.spec.main.episodes.len();
        let mut words = Vec::new();
        for _ in 0..self.rng.random_range(1..=3) {
            let word = match self.rng.random_range(0..10) {
                0 | 1 => token(self.rng.random_range(0..n)),
                2 => {
                    let p = &self.spec.main.people
                        [self.rng.random_range(0..self.spec.main.people.len())];
                    p.name.split(' ').next().unwrap_or(&p.name).to_string()
                }
                k => [
                    "coffees",
                    "secret floor",
                    "plan",
                    "party song",
                    "dancers midnight",
                    "letter",
                    "Mitternacht",
                    "stairs",
                ][k - 2]
                    .to_string(),
            };
            words.push(word);
        }
        words.join(" ")
    }

    async fn search(&mut self, w: &Who) {
        let show = match self.second_id {
            Some(_) => match self.rng.random_range(0..10) {
                0..=4 => None,
                5..=8 => Some("oracle".to_string()),
                _ => Some("cursed".to_string()),
            },
            None => self.show_option(),
        };
        let query = self.query();
        let line = Self::with_show(format!("/search query:{query}"), &show);
        self.say(line.clone());
        let (full, cut) = both!(self, |app| app.search(
            &w.ctx,
            &query,
            show.as_deref(),
            false
        ));
        self.compare(
            "search",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    async fn about(&mut self, w: &Who) {
        self.say("/about");
        let (full, cut) = both!(self, |app| app.about(&w.ctx));
        self.compare(
            "about",
            "/about",
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    async fn suggest(&mut self, w: &Who) {
        let show = self.show_option();
        // Autocomplete is the member's own and shows what lies within
        // their progress plainly: past the horizon it is no plain text.
        if self.oracle == Oracle::Horizon
            && self.main_show(show.as_deref())
            && self.past_cut(w).await
        {
            return;
        }
        let kinds = [
            (SuggestKind::Episode, "episode"),
            (SuggestKind::ProgressEpisode, "progress"),
            (SuggestKind::Character, "character"),
            (SuggestKind::Show, "show"),
        ];
        let (kind, name) = kinds[self.rng.random_range(0..kinds.len())];
        let partial = match (kind, self.rng.random_range(0..5)) {
            (_, 0) => String::new(),
            (SuggestKind::Character, _) => {
                let name = self.name(false).unwrap_or_default();
                let keep = self.rng.random_range(1..=name.chars().count().max(1));
                name.chars().take(keep).collect()
            }
            (SuggestKind::Show, _) => {
                ["cur", "orac", "sh"][self.rng.random_range(0..3)].to_string()
            }
            (_, 1) => "S0".to_string(),
            (_, 2) => "The".to_string(),
            (_, 3) => self.any_code().to_string(),
            _ => capital(&token(
                self.rng.random_range(0..self.spec.main.episodes.len()),
            ))[..4]
                .to_string(),
        };
        let line = match kind {
            SuggestKind::ProgressEpisode => format!(
                "# autocomplete of /progress set episode:{partial}, which the console cannot show"
            ),
            _ => Self::with_show(format!("/suggest {name} {partial}"), &show),
        };
        self.say(line.clone());
        let mut full = self
            .full
            .suggest(&w.ctx, kind, &partial, show.as_deref())
            .await
            .unwrap();
        let mut cut = self
            .cut
            .suggest(&w.ctx, kind, &partial, show.as_deref())
            .await
            .unwrap();
        if kind == SuggestKind::ProgressEpisode && self.main_show(show.as_deref()) {
            // By design (rule 3 of docs/spoilers.md) progress is offered every
            // code, later ones too: those past the cut are set aside.
            let cut_key = self.cut_key();
            for choices in [&mut full, &mut cut] {
                choices.retain(|c| EpisodeKey::parse(&c.value).is_none_or(|k| k <= cut_key));
            }
        }
        self.compare("suggest", &line, w, Out::Choices(full), Out::Choices(cut));
    }

    async fn show(&mut self, w: &Who) {
        let show = self.show_option();
        let (line, full, cut) = if self.rng.random_bool(0.6) {
            let line = Self::with_show("/progress show".to_string(), &show);
            let (full, cut) = both!(self, |app| app.progress(
                &w.ctx,
                ProgressAction::Show,
                show.as_deref()
            ));
            (line, full, cut)
        } else {
            let line = Self::with_show("/spoilers show".to_string(), &show);
            let scope = HorizonScope::Channel;
            let (full, cut) = both!(self, |app| app.spoilers(
                &w.ctx,
                SpoilersAction::Show,
                scope,
                show.as_deref()
            ));
            (line, full, cut)
        };
        self.say(line.clone());
        self.compare(
            "show",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    // --- trivia ----------------------------------------------------------

    /// Notes the rounds a channel was asked and revealed, from the whole
    /// catalog's replies (the cut one's are the same, or the case fails).
    fn note_rounds(&mut self, channel: u64, replies: &[&Reply]) {
        for r in replies {
            if let Some(b) = r.buttons {
                self.asked.insert(channel, b.round);
            }
            for a in &r.actions {
                if let Does::Report(round) = a.does {
                    self.revealed.insert(channel, round);
                }
            }
        }
    }

    async fn trivia(&mut self, w: &Who) {
        let channel = w.ctx.channel;
        let running = self.full.trivia_mode(channel).await;
        let cut_running = self.cut.trivia_mode(channel).await;
        if running != cut_running {
            let what = format!(
                "A game runs here in one app and not the other: {running:?} against {cut_running:?}"
            );
            self.fail("trivia", "(the games parted earlier)", w, what);
            return;
        }
        // One game at a time: the clock reveals the games due in an order
        // of its own (a map's), and each reveal draws from the one seeded
        // source, so two games due at once would part the two apps.
        let elsewhere = self.games_running().await;
        if (running.is_none() && !elsewhere) || (running.is_some() && self.rng.random_bool(0.1)) {
            return self.start(w).await;
        }
        let now = self.now;
        let (line, full, cut) = match self.rng.random_range(0..9) {
            0..=2 => {
                let text = match self.rng.random_range(0..6) {
                    0..=2 => ["A", "B", "C", "D"][self.rng.random_range(0..4)].to_string(),
                    3 => self.name(false).unwrap_or_default(),
                    4 => format!(
                        "Secret {} one",
                        token(self.rng.random_range(0..self.spec.main.episodes.len()))
                    ),
                    _ => self.rng.random_range(2..90).to_string(),
                };
                let line = format!("/trivia answer text:{text}");
                let (full, cut) = both!(self, |app| app.trivia_answer(&w.ctx, &text, now));
                (line, Out::Replies(full), Out::Replies(cut))
            }
            3 => {
                let Some(round) = self.asked.get(&channel).copied() else {
                    return;
                };
                let choice = self.rng.random_range(0..5);
                let letter = char::from(b'A' + choice as u8);
                let line = format!(
                    "/trivia answer text:{letter}\n# (a click on button {letter} of round {round:?})"
                );
                let (full, cut) = both!(self, |app| app.trivia_click(&w.ctx, round, choice, now));
                (line, Out::Replies(full), Out::Replies(cut))
            }
            4 => {
                let (full, cut) = both!(self, |app| app.trivia_hint(&w.ctx, now));
                (
                    "/trivia hint".to_string(),
                    Out::Replies(full),
                    Out::Replies(cut),
                )
            }
            5 => {
                let may = w.ctx.can_manage_channel;
                let (full, cut) = both!(self, |app| app.trivia_skip(&w.ctx, may, now));
                (
                    "/trivia skip".to_string(),
                    Out::Replies(full),
                    Out::Replies(cut),
                )
            }
            6 => {
                let may = w.ctx.can_manage_channel;
                let (full, cut) = both!(self, |app| app.trivia_stop(&w.ctx, may, now));
                (
                    "/trivia stop".to_string(),
                    Out::Replies(full),
                    Out::Replies(cut),
                )
            }
            _ => {
                self.now += 21_000;
                let now = self.now;
                // Which channel is told first is no part of what it is told.
                let mut full = self.full.trivia_tick(now).await.unwrap();
                let mut cut = self.cut.trivia_tick(now).await.unwrap();
                full.sort_by_key(|(channel, _)| *channel);
                cut.sort_by_key(|(channel, _)| *channel);
                ("/wait 21".to_string(), Out::Posts(full), Out::Posts(cut))
            }
        };
        self.say(line.clone());
        match &full {
            Out::Posts(posts) => {
                for (c, rs) in posts.clone() {
                    self.note_rounds(c, &rs.iter().collect::<Vec<_>>());
                }
            }
            other => {
                let rs: Vec<Reply> = other.replies().into_iter().cloned().collect();
                self.note_rounds(channel, &rs.iter().collect::<Vec<_>>());
            }
        }
        self.compare("trivia", &line, w, full, cut);
    }

    /// Whether a game runs anywhere a case goes.
    async fn games_running(&self) -> bool {
        let mut channels: Vec<u64> = PLACES
            .iter()
            .filter_map(|p| match p {
                Place::Channel(c) | Place::Thread(c, _) => Some(console_id("channel", c)),
                Place::Direct => None,
            })
            .collect();
        channels.extend(USERS.iter().map(|u| console_id("dm", u)));
        for channel in channels {
            if self.full.trivia_mode(channel).await.is_some() {
                return true;
            }
        }
        false
    }

    async fn start(&mut self, w: &Who) {
        let show = self.show_option();
        let past = self.past_cut(w).await;
        let up_to = match self.rng.random_range(0..10) {
            0..=3 => None,
            4..=6 => Some(self.code_to_cut().to_string()),
            7 => {
                let p = self.rng.random_range(0..=self.at);
                Some(self.title_of(p))
            }
            // Past the cut: refused, as past the horizon (or read as an
            // unknown title by a member who has not watched it).
            8 => Some(self.any_code().to_string()),
            _ if !past || !self.main_show(show.as_deref()) => {
                let p = self.rng.random_range(0..self.spec.main.episodes.len());
                Some(self.title_of(p))
            }
            _ => None,
        };
        let mode = if self.rng.random_bool(0.7) {
            Mode::Choices
        } else {
            Mode::Typed
        };
        let language = match self.rng.random_range(0..6) {
            0 => Some(Language::De),
            1 => Some(Language::En),
            _ => None,
        };
        let opts = StartOptions {
            show: show.clone(),
            up_to: up_to.clone(),
            questions: Some(self.rng.random_range(1..=4)),
            seconds: Some(20),
            mode: Some(mode),
            language,
            spoilers: false,
            pack: None,
        };
        let line = Self::with_show(
            format!(
                "/trivia start questions:{} seconds:20 mode:{}{}{}",
                opts.questions.unwrap(),
                if mode == Mode::Choices {
                    "choices"
                } else {
                    "typed"
                },
                up_to.map(|u| format!(" up_to:{u}")).unwrap_or_default(),
                language
                    .map(|l| format!(" language:{}", l.code()))
                    .unwrap_or_default(),
            ),
            &show,
        );
        self.say(line.clone());
        let (full, cut) = both!(self, |app| app.trivia_start(&w.ctx, opts.clone(), self.now));
        self.note_rounds(w.ctx.channel, &full.iter().collect::<Vec<_>>());
        self.compare("trivia", &line, w, Out::Replies(full), Out::Replies(cut));
    }

    async fn board(&mut self, w: &Who) {
        let show = self.show_option();
        let (line, full, cut) = if self.rng.random_bool(0.6) {
            let recent = self.rng.random_bool(0.3);
            let line = Self::with_show(
                format!(
                    "/trivia leaderboard{}",
                    if recent { " period:recent" } else { "" }
                ),
                &show,
            );
            let (full, cut) = both!(self, |app| app.trivia_leaderboard(
                &w.ctx,
                show.as_deref(),
                recent,
                self.now
            ));
            (line, full, cut)
        } else {
            let line = Self::with_show("/trivia stats".to_string(), &show);
            let (full, cut) = both!(self, |app| app.trivia_stats(&w.ctx, show.as_deref()));
            (line, full, cut)
        };
        self.say(line.clone());
        self.compare(
            "board",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    async fn report(&mut self, w: &Who) {
        let round = if self.rng.random_bool(0.5) {
            self.revealed.get(&w.ctx.channel).copied()
        } else {
            None
        };
        let line = match round {
            Some(r) => format!("/trivia report\n# (the Report button of round {r:?})"),
            None => "/trivia report".to_string(),
        };
        self.say(line.clone());
        let (full, cut) = both!(self, |app| app.trivia_report(&w.ctx, round, self.now));
        self.compare(
            "report",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    async fn review(&mut self, w: &Who) {
        let act = match self.rng.random_range(0..10) {
            0..=5 => None,
            k => {
                let verdict = if k % 2 == 0 {
                    Verdict::Approved
                } else {
                    Verdict::Retired
                };
                let cut_key = self.cut_key();
                // The question the list showed, or one the member could
                // have met in a game.
                let within: Vec<&(String, Option<EpisodeKey>)> = self
                    .bank
                    .iter()
                    .filter(|(_, e)| e.is_some_and(|e| e <= cut_key))
                    .collect();
                let key = match (&self.reviewed, within.is_empty()) {
                    (Some(key), _) if self.rng.random_bool(0.7) => key.clone(),
                    (_, false) => within[self.rng.random_range(0..within.len())].0.clone(),
                    _ => return,
                };
                Some((key, verdict))
            }
        };
        let line = match &act {
            Some((key, verdict)) => format!(
                "/trivia review question:{key} action:{}",
                if *verdict == Verdict::Approved {
                    "approve"
                } else {
                    "retire"
                }
            ),
            None => "/trivia review".to_string(),
        };
        self.say(line.clone());
        let (full, cut) = both!(self, |app| app.trivia_review(&w.ctx, act.clone(), self.now));
        self.reviewed = full.actions.iter().find_map(|a| match &a.does {
            Does::Approve(key) => Some(key.clone()),
            _ => None,
        });
        self.compare(
            "review",
            &line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    // --- the owner's catalog ---------------------------------------------

    /// `/catalog status` or `/catalog reload` in both apps, each reading
    /// its own seeds through the link.
    async fn catalog(&mut self, w: &Who, reload: bool, line: &str) {
        point(&self.link, &self.full_dir);
        let full = self
            .full
            .catalog(&w.ctx, true, reload, self.now)
            .await
            .unwrap();
        point(&self.link, &self.cut_dir);
        let cut = self
            .cut
            .catalog(&w.ctx, true, reload, self.now)
            .await
            .unwrap();
        self.compare(
            "catalog",
            line,
            w,
            Out::Reply(Box::new(full)),
            Out::Reply(Box::new(cut)),
        );
    }

    async fn owner(&mut self, w: &Who) {
        match self.rng.random_range(0..10) {
            0..=5 => {
                self.say("/catalog status");
                self.catalog(w, false, "/catalog status").await;
            }
            6..=8 => {
                self.say("/catalog reload");
                self.catalog(w, true, "/catalog reload").await;
            }
            _ => {
                // The seeds broken the same way in both folders, before the
                // cut; reloaded, looked at, mended, reloaded.
                let has_role = self
                    .spec
                    .main
                    .people
                    .iter()
                    .any(|p| p.kind == "role" && p.known <= self.at);
                let broken = if has_role && self.rng.random_bool(0.6) {
                    Broken::Production
                } else {
                    Broken::Aired(self.rng.random_range(0..=self.at))
                };
                self.spec.write(&self.full_dir, None, broken);
                self.spec.write(&self.cut_dir, Some(self.at), broken);
                let note = format!("# the seeds broken ({broken:?}) in both folders");
                self.say(format!("{note}\n/catalog reload"));
                self.catalog(w, true, &format!("{note}\n/catalog reload"))
                    .await;
                self.say("/catalog status");
                self.catalog(w, false, &format!("{note}\n/catalog status"))
                    .await;
                self.spec.write(&self.full_dir, None, Broken::No);
                self.spec.write(&self.cut_dir, Some(self.at), Broken::No);
                self.say("# the seeds mended\n/catalog reload");
                self.catalog(w, true, "/catalog reload (mended)").await;
            }
        }
    }
}

async fn run(oracle: Oracle) {
    let filter = Filter::from_env();
    let began = std::time::Instant::now();
    let (mut cases, mut compared) = (0, 0);
    let mut by_op: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut differences: BTreeMap<&'static str, usize> = BTreeMap::new();
    // DIFF_CATALOGS=N for a longer run.
    let catalogs: u64 = std::env::var("DIFF_CATALOGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CATALOGS);
    for catalog in 0..catalogs {
        let mut world = World::open(oracle, catalog, filter.clone()).await;
        for _ in 0..CASES {
            world.case().await;
        }
        cases += world.case;
        compared += world.compared;
        for (op, n) in &world.by_op {
            *by_op.entry(op).or_default() += n;
        }
        for (op, n) in &world.differences {
            *differences.entry(op).or_default() += n;
        }
    }
    eprintln!(
        "{oracle:?} oracle: {cases} cases, {compared} replies compared in {:.1} s: {by_op:?}",
        began.elapsed().as_secs_f64()
    );
    assert!(
        differences.is_empty(),
        "{oracle:?} oracle: replies differ, by operation: {differences:?}"
    );
    assert_eq!(cases, catalogs as usize * CASES);
    assert!(
        compared >= cases,
        "only {compared} replies compared in {cases} cases"
    );
    // Every operation that runs was compared, many times over.
    for op in OPERATIONS {
        if filter.on(op) {
            let n = by_op.get(op).copied().unwrap_or(0);
            assert!(
                n >= 20 || (filter.filtered() && n > 0),
                "{op}: only {n} replies compared"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_hidden_changes_a_reply() {
    run(Oracle::Progress).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_past_the_horizon_changes_the_plain_text() {
    run(Oracle::Horizon).await;
}

#[test]
fn plain_projections_read_markup_as_discord_does() {
    assert_eq!(projection("a ||b|| c"), "a ▒ c");
    // Runs of spoilers with whitespace between them are one.
    assert_eq!(projection("a ||b|| ||c||\n||d|| e"), "a ▒ e");
    assert_eq!(projection("**||S02E01||** ||x||"), "**▒** ▒");
    // Escaped pipes are text.
    assert_eq!(projection("a \\|\\| b ||c||"), "a || b ▒");
    // An unpaired || is text; pairs are matched left to right, across lines.
    assert_eq!(
        projection("Cursed || Show S01E01\nOracle ||S02E01|| ||later||"),
        "Cursed ▒S02E01▒later||"
    );
    assert_eq!(projection("a || b"), "a || b");
    // Inline code is literal: its pipes open nothing.
    assert_eq!(projection("Tick`s ||x|| `||y||"), "Ticks ||x|| ▒");
    assert_eq!(
        words(&["**S01E02** Leo, ▒ and Mara.".to_string()]),
        ["S01E02", "Leo", "and", "Mara"]
    );
}
