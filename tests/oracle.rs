//! The spoiler oracle: catalogs in which every episode's text of every kind
//! carries a token of its own (facts, titles, headlines, sections, sources,
//! air dates, names, actors, roster entries, hand-written questions), and
//! random members, channels, progress and horizons driving every command,
//! option and autocomplete through `App`, whole trivia games included.
//! Each reply is checked against rules 3 to 7 of the spoiler
//! policy in docs/spoilers.md (rules 1 and 2 are `tests/differential.rs`'s):
//!
//! 3. Nothing past a member's progress appears in a reply to them, unless
//!    they ask with `reveal:true`, which answers privately, inside
//!    `||spoiler||` markup.
//! 4. Nothing past the plain gate appears outside `||…||`.
//! 5. A later name, title or code reads exactly like an unknown one.
//! 6. The note on later episodes does not depend on what is hidden.
//! 7. A trivia game has one gate: plain text lies within both the
//!    channel's horizon, read anew before every post, and the starter's
//!    progress; anything else comes wrapped.
//!
//! A failing case is printed as a console script that replays it.

mod support;

use support::{capital, token};

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use cliffhanger::app::{
    App, Choice, Ctx, HorizonScope, ProgressAction, SpoilersAction, SuggestKind,
};
use cliffhanger::console::{CONSOLE_GUILD, console_id};
use cliffhanger::import::import_dir;
use cliffhanger::quiz::game::Mode;
use cliffhanger::reply::Reply;
use cliffhanger::seeds::Language;
use cliffhanger::spoiler::EpisodeKey;
use cliffhanger::trivia::StartOptions;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const LATER: &str = "Later episodes may tell more: add reveal:true to see them privately.";
const LATER_DE: &str =
    "Spätere Folgen erzählen vielleicht mehr: Mit aufdecken:true siehst du sie nur für dich.";

/// Catalogs generated per run, and cases (members' states) per catalog.
const CATALOGS: u64 = 5;
const CASES: usize = 500;

/// A token of no episode of a catalog of `len` episodes.
fn stray_token(len: usize) -> String {
    token(len + 3)
}

const TOKEN_LEN: usize = 8;

/// One generated catalog: its episodes in order and what it names.
struct Catalog {
    episodes: Vec<EpisodeKey>,
    /// Episode titles (English), by position.
    titles: Vec<String>,
    /// Air dates, by position: tokens of their own.
    dates: Vec<String>,
    /// Characters: (name, position of the episode they are known from).
    characters: Vec<(String, usize)>,
}

impl Catalog {
    /// Which episode a token (or date) in `text` belongs to, with where.
    fn tokens(&self, text: &str) -> Vec<(usize, usize)> {
        let lower = text.to_lowercase();
        let bytes = lower.as_bytes();
        let mut found = Vec::new();
        let mut i = 0;
        while i + TOKEN_LEN <= bytes.len() {
            if &bytes[i..i + 2] == b"qz"
                && bytes[i + 2..i + TOKEN_LEN - 1]
                    .iter()
                    .all(u8::is_ascii_lowercase)
                && bytes[i + TOKEN_LEN - 1] == b'k'
            {
                // Lower-casing keeps these ASCII bytes where they were.
                let word = &lower[i..i + TOKEN_LEN];
                if let Some(p) = (0..self.episodes.len()).find(|p| token(*p) == word) {
                    found.push((p, i));
                }
                i += TOKEN_LEN;
                continue;
            }
            i += 1;
        }
        for (p, date) in self.dates.iter().enumerate() {
            for (at, _) in text.match_indices(date.as_str()) {
                found.push((p, at));
            }
        }
        found
    }

    fn position(&self, key: EpisodeKey) -> Option<usize> {
        self.episodes.iter().position(|k| *k == key)
    }

    fn last(&self) -> EpisodeKey {
        *self.episodes.last().unwrap()
    }
}

const FIRST: [&str; 8] = [
    "Mara", "Jonas", "Pia", "Otto", "Lena", "Felix", "Nora", "Emil",
];
const OPINIONS: [&str; 5] = [
    "which, frankly, nobody in the audience saw coming",
    "and yes, the writers clearly love a big dramatic pause",
    "(bless the costume department for this one)",
    "a choice I am still arguing about with my couch",
    "and the whole thing lands better than it has any right to",
];

/// Writes a show whose every piece of text carries its episode's token.
fn write_catalog(dir: &Path, rng: &mut StdRng) -> Catalog {
    let show = dir.join("oracle");
    std::fs::create_dir_all(show.join("episodes")).unwrap();
    std::fs::create_dir_all(show.join("questions")).unwrap();
    let seasons = [rng.random_range(3..=5), rng.random_range(2..=4)];
    let mut episodes = Vec::new();
    for (s, n) in seasons.iter().enumerate() {
        for e in 1..=*n {
            episodes.push(EpisodeKey::new(s as u32 + 1, e));
        }
    }
    // Characters known from spread-out episodes, several from the first.
    let mut characters = Vec::new();
    for (c, first) in FIRST.iter().enumerate() {
        let known = if c < 3 {
            0
        } else {
            rng.random_range(0..episodes.len())
        };
        characters.push((format!("{first} {}", capital(&token(known))), known));
    }
    let mut manifest = String::from("title = \"Oracle\"\n");
    for (name, known) in &characters {
        let (first, last) = name.split_once(' ').unwrap();
        let k = episodes[*known];
        let later = (*known + 1..episodes.len())
            .nth(rng.random_range(0..episodes.len()))
            .map(|later| {
                format!(
                    "  {{ from = \"{}\", text = \"{first} is changed for good by {}.\" }},\n",
                    episodes[later],
                    token(later)
                )
            })
            .unwrap_or_default();
        let _ = write!(
            manifest,
            "\n[[characters]]\nname = \"{name}\"\naliases = [\"{last}\"]\nplayed_by = \"Actor {}\"\nabout = [\n  {{ from = \"{k}\", text = \"{first} arrives, {} in tow.\" }},\n  {{ from = \"{k}\", language = \"de\", text = \"{first} kommt an, mit {} im Gepäck.\" }},\n{later}]\n",
            capital(&token(*known)),
            token(*known),
            token(*known),
        );
    }
    std::fs::write(show.join("show.toml"), &manifest).unwrap();
    let mut titles = Vec::new();
    let mut dates = Vec::new();
    let mut questions = String::new();
    for (p, key) in episodes.iter().enumerate() {
        let tok = token(p);
        let title = format!("The {} Affair", capital(&tok));
        let date = format!("2031-{:02}-{:02}", p / 28 + 1, p % 28 + 1);
        let met: Vec<&String> = characters
            .iter()
            .filter(|(_, known)| *known <= p)
            .map(|(n, _)| n)
            .collect();
        let mut languages = vec![Language::En];
        if rng.random_bool(0.4) {
            languages.push(Language::De);
        }
        for language in languages {
            let mut text = format!(
                "+++\nseason = {}\nepisode = {}\ntitle = \"{}\"\nlanguage = \"{}\"\naired = {date}\nsource = \"Recap Weekly {tok}\"\n+++\n\n# {} headline {tok}\n",
                key.season,
                key.episode,
                if language == Language::De {
                    format!("Die {} Affäre", capital(&tok))
                } else {
                    title.clone()
                },
                language.code(),
                capital(&tok),
            );
            for section in 0..2 {
                let _ = write!(text, "\n## Part {section} of {tok}\n\n");
                for s in 0..4 {
                    let a = met[rng.random_range(0..met.len())];
                    let b = met[rng.random_range(0..met.len())];
                    let sentence =
                        support::recap_sentence(rng, language, s % 4, a, b, &tok, &OPINIONS);
                    text.push_str(&sentence);
                    text.push(if s % 2 == 1 { '\n' } else { ' ' });
                    if s % 2 == 1 {
                        text.push('\n');
                    }
                }
            }
            std::fs::write(
                show.join("episodes")
                    .join(format!("{key}.{}.md", language.code())),
                text,
            )
            .unwrap();
        }
        let _ = write!(
            questions,
            "\n[[questions]]\nepisode = \"{key}\"\nprompt = \"Which secret does the {} episode keep?\"\nanswer = \"Secret {tok} one\"\nwrong = [\"Secret {tok} two\", \"Secret {tok} three\", \"Secret {tok} four\"]\n",
            capital(&tok)
        );
        titles.push(title);
        dates.push(date);
    }
    std::fs::write(show.join("questions").join("oracle.toml"), questions).unwrap();
    Catalog {
        episodes,
        titles,
        dates,
        characters,
    }
}

/// Everything a member reads in a reply, in parts: each part is one piece
/// of markup (spoiler tags do not cross parts). The first part is the
/// embed title, where markup cannot show.
fn parts(r: &Reply) -> Vec<String> {
    let mut parts = vec![r.title.clone().unwrap_or_default(), r.description()];
    for f in &r.fields {
        parts.push(f.name.clone());
        parts.push(f.lines.join("\n"));
    }
    parts.push(r.footer());
    parts
}

/// Whether byte `at` of `text` lies inside `||…||`.
fn wrapped(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let mut inside = false;
    let mut i = 0;
    while i < at.min(bytes.len()) {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i..].starts_with(b"||") {
            inside = !inside;
            i += 2;
            continue;
        }
        i += 1;
    }
    inside
}

/// The gate a reply was made under, as positions in the catalog:
/// `watched` (rule 3) and `plain` (rule 4), `None` for nothing.
#[derive(Debug, Clone, Copy)]
struct Seen {
    watched: Option<EpisodeKey>,
    plain: Option<EpisodeKey>,
    /// Past `watched`, text may come wrapped (reveal:true, a spoilers game).
    revealing: bool,
}

/// What a member typed in a command line (`/cmd a:x y z b:w`): every
/// option's value, longest first.
fn typed_in(line: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut rest = line;
    while let Some((_, after)) = rest.split_once(':') {
        // The value runs to the next " name:" or the end.
        let end = after
            .match_indices(' ')
            .find(|(i, _)| {
                after[i + 1..].split_once(':').is_some_and(|(name, _)| {
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
                })
            })
            .map_or(after.len(), |(i, _)| i);
        values.push(after[..end].to_string());
        rest = &after[end..];
    }
    values.retain(|v| !v.is_empty());
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    values
}

/// `what` is the command line: what the member typed there is echoed
/// back as they wrote it, which tells them nothing.
fn check(catalog: &Catalog, seen: Seen, r: &Reply, what: &str) -> Result<(), String> {
    check_under(catalog, seen, r, what, false)
}

/// Where a lookup answers with text the member did not type, an episode
/// code beside it counts as that episode's text too: a plain "S02E07"
/// tells the channel a later episode matters.
fn names_codes(what: &str) -> bool {
    what.starts_with("/character") || what.starts_with("/search")
}

/// [`check`] for what a trivia game posts: rule 7, the game's own gate.
fn check_game(catalog: &Catalog, seen: Seen, r: &Reply, what: &str) -> Result<(), String> {
    check_under(catalog, seen, r, what, true)
}

fn check_under(
    catalog: &Catalog,
    seen: Seen,
    r: &Reply,
    what: &str,
    game: bool,
) -> Result<(), String> {
    let typed = typed_in(what);
    for (n, part) in parts(r).iter().enumerate() {
        let mut part = part.clone();
        for t in &typed {
            part = part.replace(t, "…");
        }
        let mut found = catalog.tokens(&part);
        if game || names_codes(what) {
            for (p, key) in catalog.episodes.iter().enumerate() {
                found.extend(part.match_indices(&key.to_string()).map(|(at, _)| (p, at)));
            }
        }
        for (p, at) in found {
            let key = catalog.episodes[p];
            let within = |limit: Option<EpisodeKey>| limit.is_some_and(|l| key <= l);
            let is_wrapped = n > 0 && wrapped(&part, at);
            // Past progress: only in a revealing reply, private and wrapped;
            // in a game, only when it was started with spoilers.
            let allowed_past = if game {
                seen.revealing
            } else {
                seen.revealing && r.private && is_wrapped
            };
            if !within(seen.watched) && !allowed_past {
                let rule = if game { "rule 7" } else { "rule 3" };
                return Err(format!(
                    "{rule}: {what}: {key} is past the progress that gates it ({:?}) and shows in: {part}",
                    seen.watched
                ));
            }
            if !within(seen.plain) && !is_wrapped {
                let rule = if game { "rule 7" } else { "rule 4" };
                return Err(format!(
                    "{rule}: {what}: {key} is past the plain gate ({:?}) and shows outside ||…|| in: {part}",
                    seen.plain
                ));
            }
        }
    }
    Ok(())
}

/// Rule 6: a successful lookup says "later episodes may tell more" exactly
/// when the member is behind the catalog's last episode.
fn check_later_note(
    catalog: &Catalog,
    seen: Seen,
    r: &Reply,
    reveal: bool,
    what: &str,
) -> Result<(), String> {
    let says = r.notes.iter().any(|n| n == LATER || n == LATER_DE);
    if reveal || r.private {
        return if says {
            Err(format!(
                "rule 6: {what}: a private or revealing reply with the later note"
            ))
        } else {
            Ok(())
        };
    }
    let behind = seen.watched.is_none_or(|w| w < catalog.last());
    if says != behind {
        return Err(format!(
            "rule 6: {what}: later note {says}, but behind the last episode is {behind} ({:?}): {:?}",
            seen.watched, r.notes
        ));
    }
    Ok(())
}

/// Rule 5: the reply for a later thing, with what was typed blanked out,
/// equals the reply for an unknown one.
fn same_as_unknown(
    later: &Reply,
    later_input: &str,
    unknown: &Reply,
    unknown_input: &str,
    what: &str,
) -> Result<(), String> {
    let blank = |r: &Reply, input: &str| -> Vec<String> {
        parts(r).iter().map(|p| p.replace(input, "…")).collect()
    };
    if blank(later, later_input) != blank(unknown, unknown_input)
        || later.private != unknown.private
    {
        return Err(format!(
            "rule 5: {what}: \"{later_input}\" (later) reads {:?}, \"{unknown_input}\" (unknown) reads {:?}",
            parts(later),
            parts(unknown)
        ));
    }
    Ok(())
}

fn same_choices(later: &[Choice], unknown: &[Choice], what: &str) -> Result<(), String> {
    if later != unknown {
        return Err(format!(
            "rule 5: {what}: autocomplete offers {later:?} for a later name, {unknown:?} for an unknown one"
        ));
    }
    Ok(())
}

struct Oracle {
    app: App,
    catalog: Catalog,
    rng: StdRng,
    /// The case so far, as console lines.
    script: Vec<String>,
    now: i64,
    /// Running games: channel -> (starter, spoilers).
    /// Running games: channel -> (starter, spoilers, the starter's
    /// progress when it started: its scope without spoilers).
    games: HashMap<u64, (Ctx, bool, Option<EpisodeKey>)>,
}

const USERS: [&str; 4] = ["ada", "ben", "cleo", "dev"];
const CHANNELS: [&str; 3] = ["general", "spoilers", "s1-only"];

impl Oracle {
    fn ctx(&self, user: &str, channel: &str, locale: Language, manage: bool) -> Ctx {
        Ctx {
            user: console_id("user", user),
            channel: console_id("channel", channel),
            guild: Some(CONSOLE_GUILD),
            locale,
            can_manage_channel: manage,
            can_manage_guild: manage,
            thread_of: None,
        }
    }

    async fn seen(&self, ctx: &Ctx, revealing: bool) -> Seen {
        let show = self.app.index().shows[0].id;
        let gate = self.app.gate(ctx, show).await.unwrap();
        let plain = match (gate.watched(), gate.horizon) {
            (Some(w), Some(h)) => Some(w.min(h)),
            _ => None,
        };
        Seen {
            watched: gate.watched(),
            plain,
            revealing,
        }
    }

    /// An episode code a member might type: in the catalog, past it, or
    /// between.
    fn code(&mut self) -> EpisodeKey {
        match self.rng.random_range(0..6) {
            0 => EpisodeKey::new(self.rng.random_range(1..=3), self.rng.random_range(1..=9)),
            _ => self.catalog.episodes[self.rng.random_range(0..self.catalog.episodes.len())],
        }
    }

    fn fail(&self, why: String) -> ! {
        panic!(
            "{why}\n\nReplay it with `cargo run -- console` over the generated catalog:\n{}",
            self.script.join("\n")
        );
    }

    async fn case(&mut self) {
        let user = USERS[self.rng.random_range(0..USERS.len())];
        let channel = CHANNELS[self.rng.random_range(0..CHANNELS.len())];
        let locale = if self.rng.random_bool(0.3) {
            Language::De
        } else {
            Language::En
        };
        let manage = self.rng.random_bool(0.5);
        self.script.push(format!(
            "/as {user} manage:{manage}\n/channel {channel}\n/locale {}",
            locale.code()
        ));
        let ctx = self.ctx(user, channel, locale, manage);
        // Change someone's progress or a horizon now and then.
        match self.rng.random_range(0..10) {
            0..=2 => {
                let code = self.code();
                let input = if self.rng.random_bool(0.3) {
                    self.catalog.titles[self.catalog.position(code).unwrap_or(0)].clone()
                } else {
                    code.to_string()
                };
                let line = format!("/progress set episode:{input}");
                self.script.push(line.clone());
                let r = self
                    .app
                    .progress(&ctx, ProgressAction::Set(input), None)
                    .await
                    .unwrap();
                let seen = self.seen(&ctx, false).await;
                if let Err(e) = check(&self.catalog, seen, &r, &line) {
                    self.fail(e);
                }
            }
            3 => {
                self.script.push("/progress clear".into());
                self.app
                    .progress(&ctx, ProgressAction::Clear, None)
                    .await
                    .unwrap();
            }
            4..=5 => {
                let code = self.code();
                let scope = if self.rng.random_bool(0.7) {
                    HorizonScope::Channel
                } else {
                    HorizonScope::Server
                };
                self.script.push(format!(
                    "/spoilers set episode:{code}{}",
                    if scope == HorizonScope::Server {
                        " scope:server"
                    } else {
                        ""
                    }
                ));
                let r = self
                    .app
                    .spoilers(&ctx, SpoilersAction::Set(code.to_string()), scope, None)
                    .await
                    .unwrap();
                let seen = self.seen(&ctx, false).await;
                if let Err(e) = check(&self.catalog, seen, &r, "/spoilers set") {
                    self.fail(e);
                }
            }
            6 => {
                self.script.push("/spoilers clear".into());
                self.app
                    .spoilers(&ctx, SpoilersAction::Clear, HorizonScope::Channel, None)
                    .await
                    .unwrap();
            }
            _ => {}
        }
        for _ in 0..self.rng.random_range(1..=4) {
            self.lookup(&ctx).await;
        }
        self.later_reads_like_unknown(&ctx).await;
        if self.rng.random_bool(0.3) {
            self.trivia(&ctx).await;
        }
    }

    async fn lookup(&mut self, ctx: &Ctx) {
        let reveal = self.rng.random_bool(0.25);
        let seen = self.seen(ctx, reveal).await;
        let (line, r) = match self.rng.random_range(0..8) {
            7 => {
                if self.rng.random_bool(0.5) {
                    (
                        "/progress show".to_string(),
                        self.app
                            .progress(ctx, ProgressAction::Show, None)
                            .await
                            .unwrap(),
                    )
                } else {
                    (
                        "/spoilers show".to_string(),
                        self.app
                            .spoilers(ctx, SpoilersAction::Show, HorizonScope::Channel, None)
                            .await
                            .unwrap(),
                    )
                }
            }
            0 => {
                let code = self.code();
                let input = if self.rng.random_bool(0.3) {
                    self.catalog.titles[self.catalog.position(code).unwrap_or(0)].clone()
                } else {
                    code.to_string()
                };
                (
                    format!("/episode episode:{input} reveal:{reveal}"),
                    self.app.episode(ctx, &input, None, reveal).await.unwrap(),
                )
            }
            1 | 2 => {
                let (name, _) = self.catalog.characters
                    [self.rng.random_range(0..self.catalog.characters.len())]
                .clone();
                let input = if self.rng.random_bool(0.5) {
                    name.split_once(' ').unwrap().0.to_string()
                } else {
                    name
                };
                (
                    format!("/character name:{input} reveal:{reveal}"),
                    self.app.character(ctx, &input, None, reveal).await.unwrap(),
                )
            }
            3 | 4 => {
                let words = [
                    token(self.rng.random_range(0..self.catalog.episodes.len())),
                    "coffees".to_string(),
                    "secret floor".to_string(),
                    "Mitternacht".to_string(),
                ];
                let query = words[self.rng.random_range(0..words.len())].clone();
                (
                    format!("/search query:{query} reveal:{reveal}"),
                    self.app.search(ctx, &query, None, reveal).await.unwrap(),
                )
            }
            5 => {
                let r = self.app.about(ctx).await.unwrap();
                // Counted only as far as the member may see.
                let n = self
                    .catalog
                    .episodes
                    .iter()
                    .filter(|k| seen.watched.is_some_and(|w| **k <= w))
                    .count();
                let first = r.lines.first().cloned().unwrap_or_default();
                let counted = first
                    .split_once(": ")
                    .and_then(|(_, rest)| rest.split(' ').next())
                    .and_then(|n| n.parse::<usize>().ok());
                // Nothing watched and no horizon: no count at all, only
                // how to begin.
                let fits = match seen.watched {
                    None => {
                        counted.is_none()
                            && (first.contains("/progress set")
                                || first.contains("/fortschritt setzen"))
                    }
                    Some(_) => counted == Some(n),
                };
                if !fits {
                    self.script.push("/about".into());
                    self.fail(format!(
                        "rule 6: /about counts {counted:?} episodes for a member who may see {n}: {first}"
                    ));
                }
                ("/about".to_string(), r)
            }
            _ => {
                let kinds = [
                    (SuggestKind::Episode, "episode"),
                    (SuggestKind::ProgressEpisode, "progress"),
                    (SuggestKind::Character, "character"),
                ];
                let (kind, name) = kinds[self.rng.random_range(0..kinds.len())];
                let partial = match self.rng.random_range(0..3) {
                    0 => String::new(),
                    1 => "S0".to_string(),
                    _ => "The".to_string(),
                };
                self.script.push(format!("/suggest {name} {partial}"));
                let choices = self.app.suggest(ctx, kind, &partial, None).await.unwrap();
                for c in &choices {
                    for (p, _) in self.catalog.tokens(&c.label) {
                        let key = self.catalog.episodes[p];
                        if seen.watched.is_none_or(|w| key > w) {
                            self.fail(format!(
                                "rule 3: autocomplete offers {} ({key}) past {:?}",
                                c.label, seen.watched
                            ));
                        }
                    }
                }
                return;
            }
        };
        self.script.push(line.clone());
        if let Err(e) = check(&self.catalog, seen, &r, &line) {
            self.fail(e);
        }
        let lookup = ["/character", "/search", "/episode"]
            .iter()
            .any(|c| line.starts_with(c));
        if lookup && let Err(e) = check_later_note(&self.catalog, seen, &r, reveal, &line) {
            self.fail(e);
        }
    }

    /// Rule 5 for names, titles and codes, in every command that resolves
    /// them.
    async fn later_reads_like_unknown(&mut self, ctx: &Ctx) {
        let seen = self.seen(ctx, false).await;
        let past = |k: EpisodeKey| seen.watched.is_none_or(|w| k > w);
        let later: Vec<usize> = (0..self.catalog.episodes.len())
            .filter(|p| past(self.catalog.episodes[*p]))
            .collect();
        let Some(&p) = later.first() else {
            return;
        };
        let key = self.catalog.episodes[p];
        let title = self.catalog.titles[p].clone();
        let unknown_title = format!(
            "The {} Affair",
            capital(&stray_token(self.catalog.episodes.len()))
        );
        let unknown_code = EpisodeKey::new(9, 99);
        self.script.push(format!(
            "/episode episode:{title}\n/episode episode:{unknown_title}\n/episode episode:{key}\n/episode episode:{unknown_code}"
        ));
        let a = self.app.episode(ctx, &title, None, false).await.unwrap();
        let b = self
            .app
            .episode(ctx, &unknown_title, None, false)
            .await
            .unwrap();
        if let Err(e) = same_as_unknown(&a, &title, &b, &unknown_title, "/episode by title") {
            self.fail(e);
        }
        let a = self
            .app
            .episode(ctx, &key.to_string(), None, false)
            .await
            .unwrap();
        let b = self
            .app
            .episode(ctx, &unknown_code.to_string(), None, false)
            .await
            .unwrap();
        if let Err(e) = same_as_unknown(
            &a,
            &key.to_string(),
            &b,
            &unknown_code.to_string(),
            "/episode by code",
        ) {
            self.fail(e);
        }
        let later_name = self
            .catalog
            .characters
            .iter()
            .find(|(_, known)| past(self.catalog.episodes[*known]))
            .map(|(n, _)| n.clone());
        if let Some(name) = later_name {
            let unknown = format!(
                "Xaver {}",
                capital(&stray_token(self.catalog.episodes.len()))
            );
            self.script
                .push(format!("/character name:{name}\n/character name:{unknown}"));
            let a = self.app.character(ctx, &name, None, false).await.unwrap();
            let b = self
                .app
                .character(ctx, &unknown, None, false)
                .await
                .unwrap();
            if let Err(e) = same_as_unknown(&a, &name, &b, &unknown, "/character") {
                self.fail(e);
            }
            let first = name.split_once(' ').unwrap().0;
            let a = self
                .app
                .suggest(ctx, SuggestKind::Character, first, None)
                .await
                .unwrap();
            let b = self
                .app
                .suggest(ctx, SuggestKind::Character, "Xaver", None)
                .await
                .unwrap();
            // Another character may share no first name: every first name
            // is one character's.
            if let Err(e) = same_choices(&a, &b, "character autocomplete") {
                self.fail(e);
            }
        }
        let a = self
            .app
            .suggest(ctx, SuggestKind::Episode, &title, None)
            .await
            .unwrap();
        let b = self
            .app
            .suggest(ctx, SuggestKind::Episode, &unknown_title, None)
            .await
            .unwrap();
        if let Err(e) = same_choices(&a, &b, "episode autocomplete") {
            self.fail(e);
        }
        let opts = |up_to: &str| StartOptions {
            up_to: Some(up_to.to_string()),
            questions: Some(1),
            ..StartOptions::default()
        };
        if !self.games.contains_key(&ctx.channel) {
            let a = self
                .app
                .trivia_start(ctx, opts(&title), self.now)
                .await
                .unwrap();
            let b = self
                .app
                .trivia_start(ctx, opts(&unknown_title), self.now)
                .await
                .unwrap();
            self.script.push(format!(
                "/trivia start up_to:{title} questions:1\n/trivia start up_to:{unknown_title} questions:1"
            ));
            match (a.as_slice(), b.as_slice()) {
                ([a], [b]) => {
                    if let Err(e) = same_as_unknown(a, &title, b, &unknown_title, "/trivia start up_to")
                    {
                        self.fail(e);
                    }
                }
                _ => self.fail(format!(
                    "rule 5: /trivia start up_to a later or unknown title started a game: {a:?} {b:?}"
                )),
            }
        }
        let a = self
            .app
            .progress(ctx, ProgressAction::Set(title.clone()), None)
            .await
            .unwrap();
        let b = self
            .app
            .progress(ctx, ProgressAction::Set(unknown_title.clone()), None)
            .await
            .unwrap();
        if let Err(e) = same_as_unknown(&a, &title, &b, &unknown_title, "/progress set by title") {
            self.fail(e);
        }
    }

    /// A game's gate now: plain within the channel's current horizon and the
    /// starter's current progress; nothing past the starter's progress at
    /// the start unless it was started with spoilers.
    async fn game_seen(&self, channel: u64) -> Option<Seen> {
        let (starter, spoilers, at_start) = self.games.get(&channel)?.clone();
        let now = self.seen(&starter, spoilers).await;
        Some(Seen {
            watched: at_start,
            plain: now.plain,
            revealing: spoilers,
        })
    }

    async fn trivia(&mut self, ctx: &Ctx) {
        if !self.games.contains_key(&ctx.channel) {
            let spoilers = self.rng.random_bool(0.3);
            let up_to = self.rng.random_bool(0.4).then(|| self.code().to_string());
            let mode = if self.rng.random_bool(0.7) {
                Mode::Choices
            } else {
                Mode::Typed
            };
            let opts = StartOptions {
                up_to: up_to.clone(),
                questions: Some(self.rng.random_range(1..=4)),
                seconds: Some(20),
                mode: Some(mode),
                spoilers,
                ..StartOptions::default()
            };
            self.script.push(format!(
                "/trivia start questions:{} seconds:20 mode:{}{}{}",
                opts.questions.unwrap(),
                if mode == Mode::Choices {
                    "choices"
                } else {
                    "typed"
                },
                up_to.map(|u| format!(" up_to:{u}")).unwrap_or_default(),
                if spoilers { " spoilers:true" } else { "" }
            ));
            let replies = self.app.trivia_start(ctx, opts, self.now).await.unwrap();
            let started = replies.iter().any(|r| !r.private);
            let seen = self.seen(ctx, spoilers).await;
            let line = self.script.last().cloned().unwrap_or_default();
            for r in &replies {
                if let Err(e) = check_game(&self.catalog, seen, r, &line) {
                    self.fail(e);
                }
            }
            if started {
                self.games
                    .insert(ctx.channel, (ctx.clone(), spoilers, seen.watched));
            }
            return;
        }
        let channel = ctx.channel;
        let (line, replies) = match self.rng.random_range(0..6) {
            0 | 1 => {
                let letter = ["A", "B", "C", "D", "Secret"][self.rng.random_range(0..5)];
                (
                    format!("/trivia answer {letter}"),
                    self.app.trivia_answer(ctx, letter, self.now).await.unwrap(),
                )
            }
            2 => (
                "/trivia hint".to_string(),
                self.app.trivia_hint(ctx, self.now).await.unwrap(),
            ),
            3 => (
                "/trivia skip".to_string(),
                self.app
                    .trivia_skip(ctx, ctx.can_manage_channel, self.now)
                    .await
                    .unwrap(),
            ),
            4 => (
                "/trivia stop".to_string(),
                self.app
                    .trivia_stop(ctx, ctx.can_manage_channel, self.now)
                    .await
                    .unwrap(),
            ),
            _ => {
                self.now += 21_000;
                self.script.push("/wait 21".into());
                let mut out = Vec::new();
                for (channel, replies) in self.app.trivia_tick(self.now).await.unwrap() {
                    if let Some(seen) = self.game_seen(channel).await {
                        for r in &replies {
                            if let Err(e) =
                                check_game(&self.catalog, seen, r, "a reveal or question")
                            {
                                let game = self.games.get(&channel).map(|g| (g.0.user, g.1, g.2));
                                self.fail(format!("{e}\n(game in channel {channel}: {game:?})"));
                            }
                        }
                    }
                    out.extend(replies);
                }
                let _ = out;
                (
                    "/trivia leaderboard".to_string(),
                    vec![
                        self.app
                            .trivia_leaderboard(ctx, None, false, self.now)
                            .await
                            .unwrap(),
                        self.app.trivia_stats(ctx, None).await.unwrap(),
                    ],
                )
            }
        };
        self.script.push(line.clone());
        let Some(seen) = self.game_seen(channel).await else {
            return;
        };
        for r in &replies {
            if let Err(e) = check_game(&self.catalog, seen, r, &line) {
                self.fail(e);
            }
        }
        // Games that ended (finished, stopped) leave the map.
        let channels: Vec<u64> = self.games.keys().copied().collect();
        for channel in channels {
            if self.app.trivia_mode(channel).await.is_none() {
                self.games.remove(&channel);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_reply_tells_a_member_more_than_the_gate_allows() {
    let mut checked = 0;
    for seed in 0..CATALOGS {
        let mut rng = StdRng::seed_from_u64(0x5eed_0000 + seed);
        let seeds = tempfile::tempdir().unwrap();
        let catalog = write_catalog(seeds.path(), &mut rng);
        let tmp = tempfile::tempdir().unwrap();
        let db = support::open(tmp.path()).await;
        let report = import_dir(&db, seeds.path()).await.unwrap();
        assert!(report.totals.facts > 40, "{report:?}");
        let app = App::with_seed(db, seed).await.unwrap();
        let mut oracle = Oracle {
            app,
            catalog,
            rng,
            script: vec![format!(
                "# catalog seed {seed}: tests/oracle.rs write_catalog"
            )],
            now: 1_800_000_000_000,
            games: HashMap::new(),
        };
        for _ in 0..CASES {
            oracle.case().await;
            checked += 1;
            // Keep the printed script to the case that failed and what led
            // to it in this catalog.
            if oracle.script.len() > 400 {
                oracle.script.drain(1..200);
            }
        }
    }
    assert_eq!(checked, CATALOGS as usize * CASES);
}
