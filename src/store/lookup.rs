//! Read queries behind the lookups: the catalog snapshot `App` keeps in
//! memory, and the fact queries, each bounded by an episode order so the
//! spoiler gate is applied in SQL, not after fetching everything.

use anyhow::Result;

use super::Db;
use crate::model::EpisodeKey;
use crate::model::Language;
use crate::model::{MAX_POSITIONS, fact_ids_between, language_of_fact};
use crate::spoiler::Told;

/// A show.
#[derive(Debug, Clone)]
pub struct ShowRow {
    /// Row id.
    pub id: i64,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
}

/// An episode.
#[derive(Debug, Clone)]
pub struct EpisodeRow {
    /// Row id.
    pub id: i64,
    /// Show row.
    pub show_id: i64,
    /// Season.
    pub season: u32,
    /// Episode.
    pub episode: u32,
    /// Title.
    pub title: String,
    /// Air date.
    pub aired: Option<String>,
}

/// A recap of an episode.
#[derive(Debug, Clone)]
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
    /// (character row, episode order, language index, facts) for every
    /// episode and recap language a character is named in, in that order.
    pub appearances: Vec<(i64, i64, i64, i64)>,
}

/// A fact as the lookups show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRow {
    /// Row id.
    pub id: i64,
    /// Episode row.
    pub episode_id: i64,
    /// The episode's order in its show.
    pub episode_order: i64,
    /// Language code.
    pub language: String,
    /// Section heading.
    pub section: Option<Told>,
    /// Paragraph index in its recap.
    pub paragraph: i64,
    /// The sentence (for search hits: with matched words between U+E000
    /// and U+E001).
    pub text: Told,
}

type FactTuple = (i64, i64, i64, String, Option<String>, i64, String);

fn fact(row: FactTuple) -> FactRow {
    let at = EpisodeKey::from_order(row.2);
    FactRow {
        id: row.0,
        episode_id: row.1,
        episode_order: row.2,
        language: row.3,
        section: row.4.map(|s| Told::new(at, s)),
        paragraph: row.5,
        text: Told::new(at, row.6),
    }
}

/// Reads the catalog snapshot.
pub async fn snapshot(db: &Db) -> Result<Snapshot> {
    let pool = db.pool();
    let shows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, slug, title FROM shows ORDER BY slug")
            .fetch_all(pool)
            .await?;
    let episodes: Vec<(i64, i64, i64, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, show_id, season, episode, title, aired FROM episodes ORDER BY show_id, season, episode",
    )
    .fetch_all(pool)
    .await?;
    type RecapTuple = (i64, String, String, Option<String>, Option<String>);
    let recaps: Vec<RecapTuple> =
        sqlx::query_as("SELECT episode_id, language, title, headline, source FROM recaps ORDER BY episode_id, language")
            .fetch_all(pool)
            .await?;
    type CharTuple = (
        i64,
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let characters: Vec<CharTuple> = sqlx::query_as(
        "SELECT id, show_id, slug, name, kind, played_by, in_production, about
         FROM characters ORDER BY show_id, position",
    )
    .fetch_all(pool)
    .await?;
    let aliases: Vec<(i64, String)> =
        sqlx::query_as("SELECT character_id, alias FROM aliases ORDER BY alias")
            .fetch_all(pool)
            .await?;
    let appearances: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT character_id, episode_order, (fact_id % 100000) / ?1, COUNT(DISTINCT fact_id)
         FROM mentions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    )
    .bind(MAX_POSITIONS)
    .fetch_all(pool)
    .await?;
    let mut by_character: std::collections::HashMap<i64, Vec<String>> =
        std::collections::HashMap::new();
    for (id, alias) in aliases {
        by_character.entry(id).or_default().push(alias);
    }
    Ok(Snapshot {
        shows: shows
            .into_iter()
            .map(|(id, slug, title)| ShowRow { id, slug, title })
            .collect(),
        episodes: episodes
            .into_iter()
            .map(|(id, show_id, season, episode, title, aired)| EpisodeRow {
                id,
                show_id,
                season: season as u32,
                episode: episode as u32,
                title,
                aired,
            })
            .collect(),
        recaps: recaps
            .into_iter()
            .map(|(episode_id, language, title, headline, source)| RecapRow {
                episode_id,
                language,
                title,
                headline,
                source,
            })
            .collect(),
        characters: characters
            .into_iter()
            .map(
                |(id, show_id, slug, name, kind, played_by, in_production, about)| CharacterRow {
                    aliases: by_character.remove(&id).unwrap_or_default(),
                    id,
                    show_id,
                    slug,
                    name,
                    kind,
                    played_by,
                    in_production,
                    about: super::catalog::about_entries(about.as_deref()),
                },
            )
            .collect(),
        appearances,
    })
}

/// How many facts a show has up to episode order `upto`.
pub async fn facts_upto(db: &Db, show_id: i64, upto: i64) -> Result<i64> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM facts WHERE show_id = ? AND episode_order <= ?")
            .bind(show_id)
            .bind(upto)
            .fetch_one(db.pool())
            .await?;
    Ok(count)
}

/// Every fact of an episode, by language and position.
pub async fn episode_facts(db: &Db, episode_id: i64) -> Result<Vec<FactRow>> {
    let rows: Vec<FactTuple> = sqlx::query_as(
        "SELECT id, episode_id, episode_order, language, section, paragraph, text
         FROM facts WHERE episode_id = ? ORDER BY language, position",
    )
    .bind(episode_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(fact).collect())
}

/// The facts with these ids, in id order (that is episode, language,
/// position order).
pub async fn facts_by_id(db: &Db, ids: &[i64]) -> Result<Vec<FactRow>> {
    let rows: Vec<FactTuple> = sqlx::query_as(
        "SELECT id, episode_id, episode_order, language, section, paragraph, text
         FROM facts WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
    )
    .bind(serde_json::to_string(ids)?)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(fact).collect())
}

/// The facts naming a character up to episode order `upto`, in episode
/// order, at most `limit`, keeping those `take(episode_order, language)`
/// accepts (so no episode is told twice in two languages). Reads the
/// mention index in order and stops as soon as it has enough.
pub async fn character_facts(
    db: &Db,
    character_id: i64,
    upto: i64,
    take: impl Fn(i64, Language) -> bool,
    limit: usize,
) -> Result<Vec<FactRow>> {
    let batch = (limit * 4).max(64) as i64;
    let mut ids: Vec<i64> = Vec::new();
    let mut after = (-1i64, -1i64);
    loop {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT episode_order, fact_id FROM mentions
             WHERE character_id = ?1 AND episode_order <= ?2 AND (episode_order, fact_id) > (?3, ?4)
             ORDER BY episode_order, fact_id LIMIT ?5",
        )
        .bind(character_id)
        .bind(upto)
        .bind(after.0)
        .bind(after.1)
        .bind(batch)
        .fetch_all(db.pool())
        .await?;
        for &(order, id) in &rows {
            if take(order, language_of_fact(id)) && ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        match rows.last() {
            Some(&last) if ids.len() < limit && rows.len() as i64 == batch => after = last,
            _ => break,
        }
    }
    ids.truncate(limit);
    facts_by_id(db, &ids).await
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

/// Turns what a member typed into an FTS5 query: every word quoted (so no
/// character of theirs is FTS syntax), common words dropped unless nothing
/// else is left, any word may match; ranking puts facts matching more of
/// them first. At most [`MAX_TERMS`] distinct words count.
pub fn fts_query(input: &str) -> Option<String> {
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
    let terms: Vec<String> = chosen
        .iter()
        .filter(|w| w.chars().count() <= MAX_TERM_CHARS && seen.insert(w.as_str()))
        .take(MAX_TERMS)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" OR "))
}

/// How many of the latest matches (within what the member may see) search
/// ranks: the cost of a search stays flat however large the catalog grows,
/// and the facts nearest where the member is win ties.
pub const SEARCH_WINDOW: i64 = 1000;

/// The best-ranked facts of a show matching an FTS query, up to episode
/// order `upto` (all when `None`), with matched words marked.
///
/// The gate is an id range (see [`fact_id`]) that the full-text index
/// applies as it reads its own entries; bm25 ranks the latest
/// [`SEARCH_WINDOW`] matches in that range, and only the facts that made the
/// cut are read and highlighted.
pub async fn search(
    db: &Db,
    show_id: i64,
    query: &str,
    upto: Option<i64>,
    limit: i64,
) -> Result<Vec<(FactRow, f64)>> {
    let (lo, hi) = fact_ids_between(show_id, 0, upto.unwrap_or(i64::MAX));
    let ranked: Vec<(i64, f64)> = sqlx::query_as(
        "SELECT id, rank FROM (
             SELECT rowid AS id, bm25(facts_fts) AS rank FROM facts_fts
             WHERE facts_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3
             ORDER BY rowid DESC LIMIT ?4)
         ORDER BY rank, id LIMIT ?5",
    )
    .bind(query)
    .bind(lo)
    .bind(hi)
    .bind(SEARCH_WINDOW)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    if ranked.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
    let (first, last) = (
        ids.iter().min().copied().unwrap_or(lo),
        ids.iter().max().copied().unwrap_or(hi),
    );
    let rows: Vec<FactTuple> = sqlx::query_as(
        "SELECT f.id, f.episode_id, f.episode_order, f.language, f.section, f.paragraph,
                highlight(facts_fts, 0, char(57344), char(57345))
         FROM facts_fts CROSS JOIN facts f ON f.id = facts_fts.rowid
         WHERE facts_fts MATCH ?1 AND facts_fts.rowid BETWEEN ?2 AND ?3
           AND facts_fts.rowid IN (SELECT value FROM json_each(?4))",
    )
    .bind(query)
    .bind(first)
    .bind(last)
    .bind(serde_json::to_string(&ids)?)
    .fetch_all(db.pool())
    .await?;
    let mut by_id: std::collections::HashMap<i64, FactRow> =
        rows.into_iter().map(|r| (r.0, fact(r))).collect();
    Ok(ranked
        .into_iter()
        .filter_map(|(id, rank)| by_id.remove(&id).map(|f| (f, rank)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_and_common_words_dropped() {
        assert_eq!(
            fts_query("why did Leo run away?").as_deref(),
            Some("\"leo\" OR \"run\" OR \"away\"")
        );
        assert_eq!(fts_query("the").as_deref(), Some("\"the\""));
        assert_eq!(fts_query("\"kale* OR (").as_deref(), Some("\"kale\""));
        assert_eq!(fts_query(" ?! "), None);
        assert_eq!(fts_query("Bühne").as_deref(), Some("\"bühne\""));
    }

    #[test]
    fn a_pasted_wall_of_text_searches_its_first_distinct_words() {
        let words: Vec<String> = (0..1500).map(|i| format!("word{}", i % 40)).collect();
        let query = fts_query(&words.join(" ")).unwrap();
        assert_eq!(query.matches(" OR ").count(), MAX_TERMS - 1, "{query}");
        assert!(query.starts_with("\"word0\" OR \"word1\""), "{query}");
        assert_eq!(fts_query(&"x".repeat(6000)), None);
    }
}
