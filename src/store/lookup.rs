//! Read queries behind the lookups: the catalog snapshot `App` keeps in
//! memory, and the fact queries, each bounded by an episode order so the
//! spoiler gate is applied in SQL, not after fetching everything.

use anyhow::Result;

use super::Db;

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
    /// Who they are.
    pub about: Option<String>,
    /// Aliases.
    pub aliases: Vec<String>,
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
    /// (character row, episode order) for every episode a character is
    /// named in, in character, episode order.
    pub appearances: Vec<(i64, i64)>,
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
    pub section: Option<String>,
    /// Paragraph index in its recap.
    pub paragraph: i64,
    /// The sentence (for search hits: with matched words between U+E000
    /// and U+E001).
    pub text: String,
}

type FactTuple = (i64, i64, i64, String, Option<String>, i64, String);

fn fact(row: FactTuple) -> FactRow {
    FactRow {
        id: row.0,
        episode_id: row.1,
        episode_order: row.2,
        language: row.3,
        section: row.4,
        paragraph: row.5,
        text: row.6,
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
    let appearances: Vec<(i64, i64)> =
        sqlx::query_as("SELECT DISTINCT character_id, episode_order FROM mentions ORDER BY character_id, episode_order")
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
                    about,
                },
            )
            .collect(),
        appearances,
    })
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

/// The facts naming a character up to episode order `upto`, in episode
/// order, at most `limit`. Where an episode has a recap in `language`, only
/// that recap's facts are taken (no episode is told twice).
pub async fn character_facts(
    db: &Db,
    character_id: i64,
    upto: i64,
    language: &str,
    limit: i64,
) -> Result<Vec<FactRow>> {
    let rows: Vec<FactTuple> = sqlx::query_as(
        "SELECT DISTINCT f.id, f.episode_id, f.episode_order, f.language, f.section, f.paragraph, f.text
         FROM mentions m JOIN facts f ON f.id = m.fact_id
         WHERE m.character_id = ?1 AND m.episode_order <= ?2
           AND (f.language = ?3 OR NOT EXISTS (
                SELECT 1 FROM recaps r WHERE r.episode_id = f.episode_id AND r.language = ?3))
         ORDER BY m.episode_order, m.fact_id
         LIMIT ?4",
    )
    .bind(character_id)
    .bind(upto)
    .bind(language)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(fact).collect())
}

/// How many facts naming a character lie after episode order `after`
/// (counted like [`character_facts`] would show them).
pub async fn character_facts_after(
    db: &Db,
    character_id: i64,
    after: i64,
    language: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(DISTINCT m.fact_id)
         FROM mentions m JOIN facts f ON f.id = m.fact_id
         WHERE m.character_id = ?1 AND m.episode_order > ?2
           AND (f.language = ?3 OR NOT EXISTS (
                SELECT 1 FROM recaps r WHERE r.episode_id = f.episode_id AND r.language = ?3))",
    )
    .bind(character_id)
    .bind(after)
    .bind(language)
    .fetch_one(db.pool())
    .await?)
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

/// Turns what a member typed into an FTS5 query: every word quoted (so no
/// character of theirs is FTS syntax), common words dropped unless nothing
/// else is left, any word may match; ranking puts facts matching more of
/// them first.
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
    let terms: Vec<String> = chosen.iter().map(|w| format!("\"{w}\"")).collect();
    (!terms.is_empty()).then(|| terms.join(" OR "))
}

/// The best-ranked facts of a show matching an FTS query, up to episode
/// order `upto` (all when `None`), with matched words marked.
pub async fn search(
    db: &Db,
    show_id: i64,
    query: &str,
    upto: Option<i64>,
    limit: i64,
) -> Result<Vec<(FactRow, f64)>> {
    type Hit = (i64, i64, i64, String, Option<String>, i64, String, f64);
    let rows: Vec<Hit> = sqlx::query_as(
        "SELECT f.id, f.episode_id, f.episode_order, f.language, f.section, f.paragraph,
                highlight(facts_fts, 0, char(57344), char(57345)), bm25(facts_fts)
         FROM facts_fts JOIN facts f ON f.id = facts_fts.rowid
         WHERE facts_fts MATCH ?1 AND f.show_id = ?2 AND f.episode_order <= ?3
         ORDER BY bm25(facts_fts), f.episode_order, f.id
         LIMIT ?4",
    )
    .bind(query)
    .bind(show_id)
    .bind(upto.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, episode_id, episode_order, language, section, paragraph, text, rank)| {
                (
                    fact((
                        id,
                        episode_id,
                        episode_order,
                        language,
                        section,
                        paragraph,
                        text,
                    )),
                    rank,
                )
            },
        )
        .collect())
}

/// How many facts of a show match an FTS query after episode order `after`.
pub async fn search_count_after(db: &Db, show_id: i64, query: &str, after: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM facts_fts JOIN facts f ON f.id = facts_fts.rowid
         WHERE facts_fts MATCH ?1 AND f.show_id = ?2 AND f.episode_order > ?3",
    )
    .bind(query)
    .bind(show_id)
    .bind(after)
    .fetch_one(db.pool())
    .await?)
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
}
