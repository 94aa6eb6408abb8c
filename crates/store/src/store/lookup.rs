//! What the catalog service reads into memory: the catalog snapshot (shows,
//! episodes, roster, appearances), every fact and every mention; and the
//! words of a search as the full-text index takes them.

use anyhow::Result;

use super::catalog::EpisodeRow;
use super::{Db, on};
use crate::model::{EpisodeKey, Language};

/// A show.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ShowRow {
    /// Row id.
    pub id: i64,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Whom its data is credited to.
    pub credits: Option<String>,
}

/// A recap of an episode.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecapRow {
    /// Episode row.
    pub episode_id: i64,
    /// Language code.
    pub language: String,
    /// Episode title as this recap gives it.
    pub title: String,
    /// Headline.
    pub headline: Option<String>,
    /// Source.
    pub source: Option<String>,
}

/// A character with aliases.
#[derive(Debug, Clone)]
pub struct CharacterRow {
    /// Row id.
    pub id: i64,
    /// Show row.
    pub show_id: i64,
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// person, role or production.
    pub kind: String,
    /// Actor.
    pub played_by: Option<String>,
    /// Production of a role.
    pub in_production: Option<String>,
    /// he, she or they, when the roster says.
    pub pronouns: Option<crate::model::Pronoun>,
    /// Their group, when the roster says.
    pub group: Option<String>,
    /// Who they are: roster text entries.
    pub about: Vec<AboutRow>,
    /// Aliases.
    pub aliases: Vec<String>,
}

/// One entry of a character's roster text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AboutRow {
    /// The episode it is told from; `None`: from the character's first
    /// appearance.
    pub from: Option<EpisodeKey>,
    /// Its language; `None`: the show's.
    pub language: Option<Language>,
    /// The text.
    pub text: String,
}

/// Everything the in-memory catalog index is built from.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Shows by slug.
    pub shows: Vec<ShowRow>,
    /// Episodes in show, season, episode order.
    pub episodes: Vec<EpisodeRow>,
    /// Recaps.
    pub recaps: Vec<RecapRow>,
    /// Characters in show and roster order.
    pub characters: Vec<CharacterRow>,
}

/// A fact as read from the database, to build [`Facts`] from.
#[derive(Debug, Clone)]
pub struct FactSource {
    /// Fact id.
    pub id: i64,
    /// Episode row.
    pub episode_id: i64,
    /// Section heading.
    pub section: Option<String>,
    /// Paragraph index.
    pub paragraph: i64,
    /// The sentence.
    pub text: String,
}

/// How many facts a page of [`fact_page`] holds.
pub const FACT_PAGE: i64 = 100_000;

/// The facts after id `after`, at most [`FACT_PAGE`] of them in id order,
/// and the id to read on from when there may be more. A page travels as
/// one JSON array: reading a million rows one by one costs several times
/// more than parsing them in one piece.
pub async fn fact_page(db: &Db, after: i64) -> Result<(Vec<FactSource>, Option<i64>)> {
    type Row = (i64, i64, Option<String>, i64, String);
    let (page, last, count): (Option<String>, Option<i64>, i64) = on!(
        db,
        sql = (
            "SELECT json_group_array(json_array(id, episode_id, section, paragraph, text)),
                max(id), count(*)
         FROM (SELECT id, episode_id, section, paragraph, text FROM facts
               WHERE id > $1 ORDER BY id LIMIT $2)",
            "SELECT CAST(json_agg(json_build_array(id, episode_id, section, paragraph, text))
             AS TEXT),
                max(id), count(*)
         FROM (SELECT id, episode_id, section, paragraph, text FROM facts
               WHERE id > $1 ORDER BY id LIMIT $2) AS page"
        ),
        |pool| sqlx::query_as(sql)
            .bind(after)
            .bind(FACT_PAGE)
            .fetch_one(pool)
            .await
    )?;
    let rows: Vec<Row> = serde_json::from_str(page.as_deref().unwrap_or("[]"))?;
    let mut facts: Vec<FactSource> = rows
        .into_iter()
        .map(|(id, episode_id, section, paragraph, text)| FactSource {
            id,
            episode_id,
            section,
            paragraph,
            text,
        })
        .collect();
    facts.sort_unstable_by_key(|f| f.id);
    Ok((facts, last.filter(|_| count == FACT_PAGE)))
}

/// Every mention, as (character row, fact id): one row per character.
pub async fn mentions(db: &Db) -> Result<Vec<(i64, i64)>> {
    let rows: Vec<(i64, String)> = on!(
        db,
        sql = (
            "SELECT character_id, group_concat(fact_id) FROM mentions GROUP BY character_id",
            "SELECT character_id, string_agg(CAST(fact_id AS TEXT), ',') FROM mentions
         GROUP BY character_id"
        ),
        |pool| sqlx::query_as(sql).fetch_all(pool).await
    )?;
    let mut out = Vec::new();
    for (character, facts) in rows {
        for fact in facts.split(',') {
            out.push((character, fact.parse()?));
        }
    }
    Ok(out)
}

/// Reads what [`super::catalog::about_json`] wrote. A plain text (stored before entries
/// existed) is one entry from the first appearance, in no set language.
pub fn about_entries(stored: Option<&str>) -> Vec<AboutRow> {
    let Some(stored) = stored else {
        return Vec::new();
    };
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str::<serde_json::Value>(stored)
    else {
        return vec![AboutRow {
            from: None,
            language: None,
            text: stored.to_string(),
        }];
    };
    list.iter()
        .filter_map(|entry| {
            Some(AboutRow {
                from: entry["from"]
                    .as_str()
                    .and_then(crate::model::EpisodeKey::parse),
                language: entry["language"]
                    .as_str()
                    .and_then(crate::model::Language::parse),
                text: entry["text"].as_str()?.to_string(),
            })
        })
        .collect()
}

/// Reads the catalog snapshot.
pub async fn snapshot(db: &Db) -> Result<Snapshot> {
    let shows: Vec<ShowRow> = on!(db, |pool| sqlx::query_as(
        "SELECT id, slug, title, credits FROM shows ORDER BY slug"
    )
    .fetch_all(pool)
    .await)?;
    let episodes: Vec<EpisodeRow> = on!(db, |pool| {
        sqlx::query_as(
            "SELECT id, show_id, season, episode, title, aired FROM episodes ORDER BY
             show_id, season, episode",
        )
        .fetch_all(pool)
        .await
    })?;
    let recaps: Vec<RecapRow> = on!(db, |pool| {
        sqlx::query_as(
            "SELECT episode_id, language, title, headline, source FROM recaps
             ORDER BY episode_id, language",
        )
        .fetch_all(pool)
        .await
    })?;
    let characters: Vec<super::catalog::StoredCharacter> =
        on!(db, |pool| sqlx::query_as(concat!(
            "SELECT ",
            super::catalog::character_columns!(),
            " FROM characters ORDER BY show_id, position"
        ))
        .fetch_all(pool)
        .await)?;
    let aliases: Vec<(i64, String)> = on!(db, |pool| sqlx::query_as(
        "SELECT character_id, alias FROM aliases ORDER BY alias"
    )
    .fetch_all(pool)
    .await)?;
    let mut by_character = super::catalog::aliases_by_character(aliases);
    Ok(Snapshot {
        shows,
        episodes,
        recaps,
        characters: characters
            .into_iter()
            .map(|c| CharacterRow {
                aliases: by_character.remove(&c.id).unwrap_or_default(),
                id: c.id,
                show_id: c.show_id,
                slug: c.slug,
                name: c.name,
                kind: c.kind,
                played_by: c.played_by,
                in_production: c.in_production,
                pronouns: c.pronouns.as_deref().and_then(crate::model::Pronoun::parse),
                group: c.group,
                about: about_entries(c.about.as_deref()),
            })
            .collect(),
    })
}

/// Words too common to search for.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "did", "do", "does", "for", "from",
    "had", "has", "have", "he", "her", "his", "how", "i", "in", "is", "it", "its", "of", "on",
    "or", "she", "so", "that", "the", "their", "them", "they", "this", "to", "was", "were", "what",
    "when", "where", "which", "who", "why", "with", "you", "aber", "als", "am", "auch", "auf",
    "aus", "bei", "das", "dass", "dem", "den", "der", "des", "die", "ein", "eine", "einen", "er",
    "es", "für", "hat", "ich", "im", "in", "ist", "mit", "nicht", "sich", "sie", "und", "von",
    "warum", "was", "wer", "wie", "wo", "zu", "zum", "zur",
];

/// Terms a search uses at most.
pub const MAX_TERMS: usize = 12;

/// Words longer than this are no words a recap has.
const MAX_TERM_CHARS: usize = 40;

/// The words of a search, any of which may match: lower case,
/// common words dropped unless nothing else is left, at most
/// [`MAX_TERMS`] distinct ones.
pub fn query_words(input: &str) -> Vec<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let content: Vec<&String> = words
        .iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect();
    let chosen: Vec<&String> = if content.is_empty() {
        words.iter().collect()
    } else {
        content
    };
    // A query's cost grows with its terms: the first few distinct ones
    // are what a member means, however long the text pasted.
    let mut seen = std::collections::HashSet::new();
    chosen
        .into_iter()
        .filter(|w| w.chars().count() <= MAX_TERM_CHARS && seen.insert(w.as_str()))
        .take(MAX_TERMS)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_dropped_unless_nothing_else_is_left() {
        assert_eq!(query_words("why did Leo run away?"), ["leo", "run", "away"]);
        assert_eq!(query_words("the"), ["the"]);
        assert_eq!(query_words("\"kale* OR ("), ["kale"]);
        assert!(query_words(" ?! ").is_empty());
        assert_eq!(query_words("Bühne"), ["bühne"]);
    }

    #[test]
    fn a_pasted_wall_of_text_searches_its_first_distinct_words() {
        let words: Vec<String> = (0..1500).map(|i| format!("word{}", i % 40)).collect();
        let chosen = query_words(&words.join(" "));
        assert_eq!(chosen.len(), MAX_TERMS, "{chosen:?}");
        assert_eq!(chosen[..2], ["word0", "word1"]);
        assert!(query_words(&"x".repeat(6000)).is_empty());
    }
}
