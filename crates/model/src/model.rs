//! The shared keys every layer speaks, defined once: languages, roster
//! kinds, an episode's place in its show and its encoding as one number,
//! fact ids, and question keys. It imports nothing from the rest of the
//! crate but the text helpers.

pub mod seed;

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language recaps can be written in (and the bot can speak).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

/// How the recaps refer to a character: "he" or "she" (er, sie), or
/// "they". Wrong choices for a blank share the answer's, so that the
/// grammar around the blank fits them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pronoun {
    /// he, him, his; er, ihn, ihm, sein.
    He,
    /// she, her; sie, ihr.
    She,
    /// they, them, their.
    They,
}

impl Pronoun {
    /// How show.toml and the database write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Pronoun::He => "he",
            Pronoun::She => "she",
            Pronoun::They => "they",
        }
    }

    /// Reads a pronoun as show.toml writes it.
    pub fn parse(s: &str) -> Option<Pronoun> {
        [Pronoun::He, Pronoun::She, Pronoun::They]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// An episode's place in its show: ordered by season, then episode.
/// Serialised as its code, `S01E12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EpisodeKey {
    /// Season number.
    pub season: u32,
    /// Episode number within the season.
    pub episode: u32,
}

impl EpisodeKey {
    /// The episode `episode` of season `season`.
    pub fn new(season: u32, episode: u32) -> Self {
        EpisodeKey { season, episode }
    }

    /// Reads an episode code: `S1E12`, `s01e12`, `S01 E12`, `1x12`.
    pub fn parse(code: &str) -> Option<EpisodeKey> {
        let code = code.trim().to_ascii_lowercase();
        let (season, episode) = if let Some(rest) = code.strip_prefix('s') {
            let (s, e) = rest.split_once('e')?;
            (s.trim(), e.trim())
        } else {
            let (s, e) = code.split_once('x')?;
            (s.trim(), e.trim())
        };
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
        if !digits(season) || !digits(episode) {
            return None;
        }
        Some(EpisodeKey::new(season.parse().ok()?, episode.parse().ok()?))
    }
}

/// Episodes per season in the order encoding ([`EpisodeKey::order`]).
const ORDER_BASE: i64 = 10_000;

impl EpisodeKey {
    /// The episode's place in its show as one sortable number, as the
    /// database stores it.
    pub fn order(self) -> i64 {
        i64::from(self.season) * ORDER_BASE + i64::from(self.episode)
    }

    /// The key of an order number made by [`EpisodeKey::order`].
    pub fn from_order(order: i64) -> EpisodeKey {
        EpisodeKey::new((order / ORDER_BASE) as u32, (order % ORDER_BASE) as u32)
    }
}

impl Serialize for EpisodeKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EpisodeKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        EpisodeKey::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("not an episode code: {code}")))
    }
}

impl fmt::Display for EpisodeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "S{:02}E{:02}", self.season, self.episode)
    }
}

/// Sentences a recap may have: the room each recap has among fact ids.
pub const MAX_POSITIONS: i64 = 50_000;

/// A fact's id says where it sits: its show, its episode's order, its
/// recap's language and its position. Everything a member may see of a show
/// is then one range of ids, which search applies while it reads its own
/// entries, and an unchanged sentence keeps its id.
pub fn fact_id(show_id: i64, episode_order: i64, language: Language, position: i64) -> i64 {
    let language = Language::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or(0) as i64;
    (show_id * 100_000_000 + episode_order) * 100_000 + language * MAX_POSITIONS + position
}

/// The show a fact id encodes.
pub fn show_of_fact(id: i64) -> i64 {
    id / 100_000 / 100_000_000
}

/// The episode order a fact id encodes.
pub fn order_of_fact(id: i64) -> i64 {
    (id / 100_000) % 100_000_000
}

/// The language a fact id encodes.
pub fn language_of_fact(id: i64) -> Language {
    Language::ALL[((id % 100_000) / MAX_POSITIONS) as usize % Language::ALL.len()]
}

/// The ids of every fact of a show from episode order `from` to `to`, both
/// included.
pub fn fact_ids_between(show_id: i64, from: i64, to: i64) -> (i64, i64) {
    let to = to.min(99_999_999);
    let from = from.clamp(0, 99_999_999);
    (
        fact_id(show_id, from, Language::ALL[0], 0),
        fact_id(show_id, to, Language::ALL[0], 0) + 99_999,
    )
}

/// A question's key: the first eight bytes of the SHA-256 of its parts (each
/// ended by a NUL), as hex, and the same bytes as a number to seed what is
/// drawn for it, so a question is the same wherever and whenever it is made.
pub fn question_key(parts: &[&str]) -> (String, u64) {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let seed = u64::from_le_bytes(digest[..8].try_into().expect("eight bytes"));
    (hex, seed)
}
