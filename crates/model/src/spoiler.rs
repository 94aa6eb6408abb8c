//! The spoiler policy, in one place: episode order, what a member has
//! watched, what a channel may discuss, and what a reply may therefore show.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::model::EpisodeKey;

/// How one piece of content may appear in a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Visibility {
    /// Within the member's progress and the channel's horizon: plain text.
    Plain,
    /// Within the member's progress but past the channel's horizon: inside
    /// `||spoiler||` markup, so others in the channel choose whether to look.
    Spoiler,
    /// Past the member's own progress: withheld and counted, unless they ask
    /// to reveal it (privately, in spoiler markup).
    Hidden,
}

/// The gate for one member in one channel, for one show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Gate {
    /// How far the member has watched, if they said.
    pub progress: Option<EpisodeKey>,
    /// How far the channel may discuss (its own horizon, or the server's
    /// default), if anyone set it.
    pub horizon: Option<EpisodeKey>,
}

impl Gate {
    /// How far the member counts as having watched: their own progress,
    /// or, when they never said, the channel's horizon.
    pub fn watched(&self) -> Option<EpisodeKey> {
        self.progress.or(self.horizon)
    }

    /// The gate under which everything up to `upto` is plain and nothing
    /// past it shows: what a line wrapped whole is written under inside
    /// its wrap (up to the member's progress, or [`NEVER`] when revealed),
    /// or what "up to" is said of where only the plain part counts.
    pub fn plain_up_to(upto: Option<EpisodeKey>) -> Gate {
        Gate {
            progress: upto,
            horizon: upto,
        }
    }

    /// How far text is plain: within both the member's progress and the
    /// channel's horizon; `None` when nothing is.
    pub fn plain_upto(&self) -> Option<EpisodeKey> {
        match (self.watched(), self.horizon) {
            (Some(w), Some(h)) => Some(w.min(h)),
            _ => None,
        }
    }

    /// How content from episode `at` may appear.
    pub fn classify(&self, at: EpisodeKey) -> Visibility {
        match self.watched() {
            Some(w) if at <= w => match self.horizon {
                Some(h) if at <= h => Visibility::Plain,
                _ => Visibility::Spoiler,
            },
            _ => Visibility::Hidden,
        }
    }

    /// Whether anything at all can be shown without revealing.
    pub fn shows_anything(&self) -> bool {
        self.watched().is_some()
    }
}

/// Text from the catalog, with the episode it belongs to: a fact, a
/// section heading, an episode title or headline, a source, an air date, a
/// name, roster text, a question's prompt, choices and reveal.
///
/// Its words leave only through a [`Gate`]: [`Gate::show`] (plain, wrapped,
/// or withheld), [`Gate::plain`] (where markup cannot be shown) or
/// [`Gate::within_progress`] (private surfaces such as autocomplete). It
/// has no `Display`, and its `Debug` names the episode, not the words, so a
/// reply cannot be built from it by accident. Text that is not the
/// catalog's (the bot's own words, a show's title) is a plain `String`.
///
/// The core reads the words for matching and building questions with
/// [`Told::unrendered`]; a test keeps that call out of every module that
/// renders replies.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Told {
    at: EpisodeKey,
    text: String,
}

/// The episode of text that belongs to no episode the catalog orders (a
/// character never named in a recap): past any progress.
pub const NEVER: EpisodeKey = EpisodeKey {
    season: u32::MAX,
    episode: u32::MAX,
};

/// A [`Told`] as the database keeps it (a question of the day is stored
/// as it was asked, to be revealed a day later): the words with their
/// episode, which come back as a `Told`, gated as before. Nothing renders
/// this form.
#[derive(Serialize, Deserialize)]
struct Stored {
    season: u32,
    episode: u32,
    text: String,
}

impl Serialize for Told {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Stored {
            season: self.at.season,
            episode: self.at.episode,
            text: self.text.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Told {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = Stored::deserialize(deserializer)?;
        Ok(Told::new(
            EpisodeKey::new(stored.season, stored.episode),
            stored.text,
        ))
    }
}

impl fmt::Debug for Told {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Told({}, {} bytes)", self.at, self.text.len())
    }
}

impl Told {
    /// `text`, belonging to episode `at`.
    pub fn new(at: EpisodeKey, text: impl Into<String>) -> Told {
        Told {
            at,
            text: text.into(),
        }
    }

    /// The episode it belongs to.
    pub fn at(&self) -> EpisodeKey {
        self.at
    }

    /// The same words, belonging to `at` if that is later: what they say
    /// in the context of a later episode is that episode's.
    pub fn no_earlier_than(&self, at: EpisodeKey) -> Told {
        Told {
            at: self.at.max(at),
            text: self.text.clone(),
        }
    }

    /// New words made from these, belonging to the same episode.
    pub fn map(&self, f: impl FnOnce(&str) -> String) -> Told {
        Told {
            at: self.at,
            text: f(&self.text),
        }
    }

    /// Several pieces as one (sentences of a paragraph), belonging to the
    /// latest of their episodes; `None` when there are none.
    pub fn join(parts: &[&Told], separator: &str) -> Option<Told> {
        let at = parts.iter().map(|p| p.at).max()?;
        let text = parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(separator);
        Some(Told { at, text })
    }

    /// The words, for matching, comparing and building questions inside
    /// the core. Never for a reply: replies go through a [`Gate`].
    pub fn unrendered(&self) -> &str {
        &self.text
    }
}

/// Text that is not the catalog's gated text but reaches replies: a show's
/// title, its credits. It has no `Display`: a reply takes it through
/// [`crate::i18n::s`], which makes it inert, or [`Outside::inert`]; what
/// is not markup (autocomplete labels, matching, the terminal) reads
/// [`Outside::raw`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Outside(String);

impl Outside {
    pub fn new(text: impl Into<String>) -> Outside {
        Outside(text.into())
    }

    /// The words as they are, where no markup is read.
    pub fn raw(&self) -> &str {
        &self.0
    }

    /// The words for a reply: every markup character escaped.
    pub fn inert(&self) -> String {
        escape_markdown(&self.0)
    }
}

impl From<&Outside> for String {
    /// The raw words, for [`crate::i18n::s`], which escapes them.
    fn from(o: &Outside) -> String {
        o.0.clone()
    }
}

/// How gated text is set in a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// As it is.
    Plain,
    /// In `**bold**`.
    Bold,
    /// In `*italics*`.
    Italic,
    /// A search hit: the words between U+E000 and U+E001 in bold.
    Highlighted,
}

impl Gate {
    /// How `told` may appear.
    pub fn visibility(&self, told: &Told) -> Visibility {
        self.classify(told.at)
    }

    /// `told` as a reply may show it, markdown escaped and set in `style`:
    /// plain within the gate, wrapped in `||spoiler||` past the channel's
    /// horizon, and past the member's progress withheld (`None`), unless
    /// `reveal`, when it too comes wrapped.
    pub fn show(&self, told: &Told, style: Style, reveal: bool) -> Option<String> {
        let visibility = self.visibility(told);
        if visibility == Visibility::Hidden && !reveal {
            return None;
        }
        let text = escape_markdown(&told.text);
        let styled = match style {
            Style::Plain => text,
            Style::Bold => format!("**{text}**"),
            Style::Italic => format!("*{text}*"),
            Style::Highlighted => text.replace(['\u{e000}', '\u{e001}'], "**"),
        };
        Some(mark(visibility, &styled))
    }

    /// An episode's code as a reply may show it beside text of that
    /// episode: plain within the gate, wrapped past the channel's horizon
    /// (a code alone tells the channel a later episode matters), withheld
    /// past the member's progress unless `reveal`.
    pub fn code(&self, at: EpisodeKey, reveal: bool) -> Option<String> {
        match self.classify(at) {
            Visibility::Hidden if !reveal => None,
            v => Some(mark(v, &at.to_string())),
        }
    }

    /// `told`'s words where no spoiler markup can be shown (an embed's
    /// title, a field's name), escaped: only when plain.
    pub fn plain(&self, told: &Told) -> Option<String> {
        (self.visibility(told) == Visibility::Plain).then(|| escape_markdown(&told.text))
    }

    /// The name of a thread about the episode `at` titled `title`: its
    /// code, and its title where the gate lets it be read plainly. Discord
    /// shows a thread's name as written (no markup, no pings), so the
    /// words are not escaped; lines are joined and the name kept to
    /// Discord's 100 characters.
    pub fn thread_name(&self, at: EpisodeKey, title: &Told) -> String {
        let code = at.to_string();
        if self.visibility(title) != Visibility::Plain || title.text.trim().is_empty() {
            return code;
        }
        let words = title.text.split_whitespace().collect::<Vec<_>>().join(" ");
        format!("{code} · {words}").chars().take(100).collect()
    }

    /// `told`'s words for the member alone (autocomplete, a private
    /// answer): within their progress, else `None`.
    pub fn within_progress<'a>(&self, told: &'a Told) -> Option<&'a str> {
        (self.visibility(told) != Visibility::Hidden).then_some(told.text.as_str())
    }
}

/// Wraps text in Discord's spoiler markup.
pub fn wrap(text: &str) -> String {
    format!("||{text}||")
}

/// Puts `text` in the markup its visibility asks for: plain text as it is,
/// anything else (a revealed hidden item too) inside `||spoiler||`.
pub fn mark(visibility: Visibility, text: &str) -> String {
    match visibility {
        Visibility::Plain => text.to_string(),
        Visibility::Spoiler | Visibility::Hidden => wrap(text),
    }
}

/// Makes text inert in Discord markup: recap text, a show's title, what a
/// member typed. Every character Discord reads as markup is escaped with a
/// backslash (which Discord honours before any punctuation): spoiler bars,
/// emphasis, strike-through and code (`|`, `*`, `_`, `~`, backtick), quotes,
/// headings and list items (`>`, `#`, `-`), masked links (`[`, `]`),
/// mentions, channels, emoji and timestamps (`<`, `@`), and the `:` of a
/// web address, so nothing in it can open or close a spoiler, ping anyone
/// or become a link.
pub fn escape_markdown(text: &str) -> String {
    // Everything escaped is ASCII, so the text is read byte by byte (a
    // byte of a longer character is never one of them), and what lies
    // between two escapes is copied whole.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    // At the start of a line (spaces aside), where a list item begins.
    let mut line_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped = match b {
            b'\\' | b'*' | b'_' | b'~' | b'`' | b'|' | b'>' | b'#' | b'[' | b']' | b'<' | b'@' => {
                true
            }
            b'-' | b'+' => line_start,
            b':' => bytes[i + 1..].starts_with(b"//"),
            _ => false,
        };
        if escaped {
            out.push_str(&text[copied..i]);
            out.push('\\');
            copied = i;
        }
        line_start = b == b'\n' || (line_start && b == b' ');
    }
    out.push_str(&text[copied..]);
    out
}

/// Markup pairs that must stay balanced when text is cut.
const PAIRS: [&str; 2] = ["||", "**"];

/// Cuts `text` to at most `limit` characters, ending with "…" when cut, and
/// closes any `||` or `**` the cut left open. Escaped markup (`\|`, `\*`) is
/// not counted. Returns the text and whether it was cut.
pub fn truncate_balanced(text: &str, limit: usize) -> (String, bool) {
    if text.chars().count() <= limit {
        return (text.to_string(), false);
    }
    // Room for the ellipsis and for closing both kinds of markup.
    let budget = limit.saturating_sub(1 + 2 * PAIRS.len());
    let mut out = String::new();
    let mut open: Vec<&str> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut count = 0;
    while let Some((i, c)) = chars.next() {
        if count >= budget {
            break;
        }
        if c == '\\' {
            // An escape and what it escapes are kept together.
            if let Some((_, next)) = chars.next() {
                if count + 2 > budget {
                    break;
                }
                out.push(c);
                out.push(next);
                count += 2;
            }
            continue;
        }
        if let Some(pair) = PAIRS.iter().find(|p| text[i..].starts_with(**p)) {
            if count + 2 > budget {
                break;
            }
            if open.last() == Some(pair) {
                open.pop();
            } else if open.contains(pair) {
                // Crossed markup ("||a **b|| c**"): leave it to the renderer.
            } else {
                open.push(pair);
            }
            out.push_str(pair);
            chars.next();
            count += 2;
            continue;
        }
        out.push(c);
        count += 1;
    }
    // Do not leave a dangling half-word of markup behind.
    let trimmed = out.trim_end().to_string();
    out = trimmed;
    out.push('…');
    while let Some(pair) = open.pop() {
        out.push_str(pair);
    }
    (out, true)
}

/// Whether every `||` and `**` in `text` is closed (escaped ones aside).
pub fn is_balanced(text: &str) -> bool {
    let mut counts = [0usize; PAIRS.len()];
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if let Some(k) = PAIRS
            .iter()
            .position(|p| bytes[i..].starts_with(p.as_bytes()))
        {
            counts[k] += 1;
            i += 2;
            continue;
        }
        i += 1;
    }
    counts.iter().all(|n| n % 2 == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: u32, e: u32) -> Option<EpisodeKey> {
        Some(EpisodeKey::new(s, e))
    }

    /// The escape read character by character, as it was written first:
    /// what the byte-wise reading must agree with.
    fn escaped_char_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        let mut line_start = true;
        while let Some(c) = rest.chars().next() {
            let escaped = match c {
                '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '<' | '@' => true,
                '-' | '+' => line_start,
                ':' => rest[1..].starts_with("//"),
                _ => false,
            };
            if escaped {
                out.push('\\');
            }
            out.push(c);
            line_start = c == '\n' || (line_start && c == ' ');
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    #[test]
    fn the_escape_agrees_with_a_reading_character_by_character() {
        use rand::{Rng, SeedableRng};
        let alphabet: Vec<char> = "\\*_~`|>#[]<@-+:/ \n aZ9éßЖ日🎭\u{301}".chars().collect();
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..20_000 {
            let len = rng.random_range(0..24);
            let text: String = (0..len)
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect();
            assert_eq!(
                escape_markdown(&text),
                escaped_char_by_char(&text),
                "{text:?}"
            );
        }
        assert_eq!(
            escape_markdown("- a\n  + b http://x [y](z) ||s||"),
            "\\- a\n  \\+ b http\\://x \\[y\\](z) \\|\\|s\\|\\|"
        );
    }

    #[test]
    fn a_threads_name_is_plain_words_within_the_gate_and_the_code_past_it() {
        let at = EpisodeKey::new(3, 2);
        let title = Told::new(at, "||Ivy Dies|| *bold*\n@everyone");
        let within = Gate {
            progress: None,
            horizon: Some(at),
        };
        assert_eq!(
            within.thread_name(at, &title),
            "S03E02 · ||Ivy Dies|| *bold* @everyone"
        );
        let before = Gate {
            progress: None,
            horizon: Some(EpisodeKey::new(2, 11)),
        };
        assert_eq!(before.thread_name(at, &title), "S03E02");
        let long = Told::new(at, "x".repeat(300));
        assert_eq!(within.thread_name(at, &long).chars().count(), 100);
    }

    #[test]
    fn episode_codes() {
        for code in ["S1E12", "s01e12", "S01 E12", "1x12", " s1e12 ", "01x12"] {
            assert_eq!(EpisodeKey::parse(code), key(1, 12), "{code}");
        }
        for code in [
            "S1",
            "E12",
            "12",
            "Sx",
            "s1e",
            "Publicity",
            "s1e12e",
            "1x12x",
        ] {
            assert_eq!(EpisodeKey::parse(code), None, "{code}");
        }
        assert_eq!(EpisodeKey::new(2, 3).to_string(), "S02E03");
        assert!(EpisodeKey::new(1, 22) < EpisodeKey::new(2, 1));
    }

    #[test]
    fn the_gate() {
        let (e1, e12, e211) = (
            EpisodeKey::new(1, 1),
            EpisodeKey::new(1, 12),
            EpisodeKey::new(2, 11),
        );
        // Member at S01E12 in a channel safe to S01E01.
        let g = Gate {
            progress: key(1, 12),
            horizon: key(1, 1),
        };
        assert_eq!(g.classify(e1), Visibility::Plain);
        assert_eq!(g.classify(e12), Visibility::Spoiler);
        assert_eq!(g.classify(e211), Visibility::Hidden);
        // Progress unset: the channel's horizon stands for it.
        let g = Gate {
            progress: None,
            horizon: key(1, 12),
        };
        assert_eq!(g.classify(e12), Visibility::Plain);
        assert_eq!(g.classify(e211), Visibility::Hidden);
        // Horizon unset: nothing is plain.
        let g = Gate {
            progress: key(2, 11),
            horizon: None,
        };
        assert_eq!(g.classify(e1), Visibility::Spoiler);
        assert_eq!(g.classify(e211), Visibility::Spoiler);
        // Nothing set: nothing is shown.
        let g = Gate {
            progress: None,
            horizon: None,
        };
        assert!(!g.shows_anything());
        assert_eq!(g.classify(e1), Visibility::Hidden);
        // A horizon past the member's progress does not widen it.
        let g = Gate {
            progress: key(1, 1),
            horizon: key(2, 11),
        };
        assert_eq!(g.classify(e12), Visibility::Hidden);
    }

    #[test]
    fn escaping_keeps_recap_text_from_opening_markup() {
        assert_eq!(escape_markdown("a *b* c|d_"), "a \\*b\\* c\\|d\\_");
        assert!(is_balanced(&wrap(&escape_markdown("one || two"))));
    }

    #[test]
    fn cutting_keeps_markup_balanced() {
        let text =
            "**S01E12** ||Leo, Julia's annoying son, has run away.|| and ||**more** text here||";
        for limit in 1..text.chars().count() + 2 {
            let (cut, was_cut) = truncate_balanced(text, limit);
            assert!(
                cut.chars().count() <= limit.max(1 + 2 * PAIRS.len()),
                "{limit}: {cut}"
            );
            assert!(is_balanced(&cut), "{limit}: {cut}");
            assert_eq!(was_cut, limit < text.chars().count(), "{limit}");
        }
        let (cut, _) = truncate_balanced("||abcdefghij||", 9);
        assert_eq!(cut, "||ab…||");
        let (cut, _) = truncate_balanced("x \\|\\| ||secret||", 8);
        assert!(is_balanced(&cut), "{cut}");
    }
}
