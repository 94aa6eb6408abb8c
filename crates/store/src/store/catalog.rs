//! Catalog tables: shows, episodes, recaps, characters, aliases, facts,
//! mentions and numbers.

use std::collections::HashMap;

use super::{Conn, Db, on, on_conn};
use crate::model::seed::{AboutSeed, CharacterSeed, QuestionSeed, RecapFile, ShowSeed};
use anyhow::Result;
use serde::Serialize;

/// A show as stored.
#[derive(Debug, Clone)]
pub struct StoredShow {
    /// Row id.
    pub id: i64,
    /// Hash of the show.toml it was imported from.
    pub manifest_hash: String,
    /// Hash of the question files it was imported from.
    pub questions_hash: String,
}

/// A character as stored: what [`characters`] and the lookups' snapshot
/// read (every column, [`character_columns!`]), with its aliases.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct StoredCharacter {
    /// Row id.
    pub id: i64,
    /// Show row.
    pub show_id: i64,
    /// Stable identity inside the show.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// person, role or production.
    pub kind: String,
    /// Actor.
    pub played_by: Option<String>,
    /// Production of a role.
    pub in_production: Option<String>,
    /// he, she or they, when the roster says.
    pub pronouns: Option<String>,
    /// Their group, when the roster says.
    #[sqlx(rename = "cast_group")]
    pub group: Option<String>,
    /// Who they are: the entries as [`about_json`] writes them.
    pub about: Option<String>,
    /// Order in show.toml.
    pub position: i64,
    /// Aliases, sorted (read apart: [`aliases_by_character`]).
    #[sqlx(skip)]
    pub aliases: Vec<String>,
}

impl StoredCharacter {
    /// Whether the stored row says the same as `seed` at `position`.
    pub fn matches(&self, seed: &CharacterSeed, position: usize) -> bool {
        let mut aliases = seed.aliases.clone();
        aliases.sort();
        self.name == seed.name
            && self.kind == seed.kind.as_str()
            && self.played_by == seed.played_by
            && self.in_production == seed.in_production
            && self.pronouns.as_deref() == seed.pronouns.map(|p| p.as_str())
            && self.group == seed.group
            && self.about == about_json(&seed.about)
            && self.position == position as i64
            && self.aliases == aliases
    }
}

/// An episode.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EpisodeRow {
    /// Row id.
    pub id: i64,
    /// Show row.
    pub show_id: i64,
    /// Season.
    #[sqlx(try_from = "i64")]
    pub season: u32,
    /// Episode.
    #[sqlx(try_from = "i64")]
    pub episode: u32,
    /// Title.
    pub title: String,
    /// Air date.
    pub aired: Option<String>,
}

/// A recap as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredRecap {
    /// Row id.
    pub id: i64,
    /// Season number.
    #[sqlx(try_from = "i64")]
    pub season: u32,
    /// Episode number.
    #[sqlx(try_from = "i64")]
    pub episode: u32,
    /// Language code.
    pub language: String,
    /// File it came from.
    pub path: String,
    /// Hash of that file.
    pub content_hash: String,
}

/// A fact ready to insert, with its mentions and numbers.
#[derive(Debug, Clone)]
pub struct NewFact {
    /// Row id (see [`fact_id`]).
    pub id: i64,
    /// Recap row.
    pub recap_id: i64,
    /// Episode row.
    pub episode_id: i64,
    /// Show row.
    pub show_id: i64,
    /// The episode's place in its show (see [`episode_order`]).
    pub episode_order: i64,
    /// Language code.
    pub language: &'static str,
    /// Section heading.
    pub section: Option<String>,
    /// Paragraph index.
    pub paragraph: i64,
    /// Sentence index in the recap.
    pub position: i64,
    /// The sentence.
    pub text: String,
    /// Mentions in it.
    pub mentions: Vec<NewMention>,
    /// Numbers in it.
    pub numbers: Vec<NewNumber>,
}

/// A character mention to insert.
#[derive(Debug, Clone)]
pub struct NewMention {
    /// Character row.
    pub character_id: i64,
    /// Byte offset of the name.
    pub start: i64,
    /// Byte offset past the name.
    pub end: i64,
    /// Possessive ending after it.
    pub suffix: String,
}

/// A number to insert.
#[derive(Debug, Clone)]
pub struct NewNumber {
    /// Byte offset.
    pub start: i64,
    /// Byte offset past it.
    pub end: i64,
    /// As written.
    pub surface: String,
    /// Value.
    pub value: f64,
    /// Digits after the decimal separator.
    pub decimals: i64,
}

/// Mentions of one character across the catalog.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MentionCount {
    /// Show slug.
    #[sqlx(rename = "show_slug")]
    pub show: String,
    /// Character slug.
    pub slug: String,
    /// Character name.
    pub name: String,
    /// person, role or production.
    pub kind: String,
    /// Number of mentions.
    pub mentions: i64,
}

/// Rows changed on this connection since it was opened.
pub async fn total_changes(conn: &mut Conn<'_>) -> Result<i64> {
    // PostgreSQL counts what the current transaction did, per table.
    Ok(on_conn!(
        conn,
        sql = (
            "SELECT total_changes()",
            "SELECT CAST(COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) AS BIGINT)
         FROM pg_stat_xact_user_tables"
        ),
        |cx| sqlx::query_scalar(sql).fetch_one(&mut **cx).await
    )?)
}

/// Every stored show by slug.
pub async fn shows(conn: &mut Conn<'_>) -> Result<HashMap<String, StoredShow>> {
    /// A show's row as the import reads it.
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        slug: String,
        manifest_hash: String,
        questions_hash: String,
    }
    let rows: Vec<Row> = on_conn!(conn, |cx| sqlx::query_as(
        "SELECT id, slug, manifest_hash, questions_hash FROM shows"
    )
    .fetch_all(&mut **cx)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.slug,
                StoredShow {
                    id: r.id,
                    manifest_hash: r.manifest_hash,
                    questions_hash: r.questions_hash,
                },
            )
        })
        .collect())
}

/// Inserts a show, returning its row id.
pub async fn insert_show(conn: &mut Conn<'_>, show: &ShowSeed) -> Result<i64> {
    Ok(on_conn!(conn, |cx| sqlx::query_scalar(
        "INSERT INTO shows (slug, title, network, credits, years, manifest_hash)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&show.slug)
    .bind(&show.title)
    .bind(&show.network)
    .bind(&show.credits)
    .bind(&show.years)
    .bind(&show.manifest_hash)
    .fetch_one(&mut **cx)
    .await)?)
}

/// Updates a show's manifest fields.
pub async fn update_show(conn: &mut Conn<'_>, id: i64, show: &ShowSeed) -> Result<()> {
    on_conn!(conn, |cx| {
        sqlx::query(
            "UPDATE shows SET title = $1, network = $2, credits = $3, years = $4,
             manifest_hash = $5 WHERE id = $6",
        )
        .bind(&show.title)
        .bind(&show.network)
        .bind(&show.credits)
        .bind(&show.years)
        .bind(&show.manifest_hash)
        .bind(id)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The columns of a character's row, for `SELECT`s that read all of them.
macro_rules! character_columns {
    () => {
        "id, show_id, slug, name, kind, played_by, in_production, pronouns, cast_group, about, position"
    };
}
pub(crate) use character_columns;

/// The stored roster of a show, with aliases.
pub async fn characters(conn: &mut Conn<'_>, show_id: i64) -> Result<Vec<StoredCharacter>> {
    let mut rows: Vec<StoredCharacter> = on_conn!(conn, |cx| sqlx::query_as(concat!(
        "SELECT ",
        character_columns!(),
        " FROM characters WHERE show_id = $1 ORDER BY position"
    ))
    .bind(show_id)
    .fetch_all(&mut **cx)
    .await)?;
    let aliases: Vec<(i64, String)> = on_conn!(conn, |cx| {
        sqlx::query_as(
            "SELECT a.character_id, a.alias FROM aliases a
             JOIN characters c ON c.id = a.character_id
             WHERE c.show_id = $1 ORDER BY a.alias",
        )
        .bind(show_id)
        .fetch_all(&mut **cx)
        .await
    })?;
    let mut by_id = aliases_by_character(aliases);
    for c in &mut rows {
        c.aliases = by_id.remove(&c.id).unwrap_or_default();
    }
    Ok(rows)
}

/// (character row, alias) pairs, in alias order, as each character's list.
pub fn aliases_by_character(pairs: Vec<(i64, String)>) -> HashMap<i64, Vec<String>> {
    let mut by_id: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, alias) in pairs {
        by_id.entry(id).or_default().push(alias);
    }
    by_id
}

/// A character's `about` entries as stored: a JSON list of `{from,
/// language, text}` (`from` an episode code, or null for the character's
/// first appearance); `None` when there are none.
pub fn about_json(entries: &[AboutSeed]) -> Option<String> {
    if entries.is_empty() {
        return None;
    }
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|a| {
            serde_json::json!({
                "from": a.from.map(|f| f.to_string()),
                "language": a.language.code(),
                "text": a.text,
            })
        })
        .collect();
    Some(serde_json::Value::Array(list).to_string())
}

/// Inserts a character with its aliases, returning its row id.
pub async fn insert_character(
    conn: &mut Conn<'_>,
    show_id: i64,
    position: usize,
    c: &CharacterSeed,
) -> Result<i64> {
    let id = on_conn!(conn, |cx| {
        sqlx::query_scalar(
        "INSERT INTO characters
           (show_id, slug, name, kind, played_by, in_production, pronouns, cast_group, about, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(show_id)
    .bind(&c.slug)
    .bind(&c.name)
    .bind(c.kind.as_str())
    .bind(&c.played_by)
    .bind(&c.in_production)
    .bind(c.pronouns.map(|p| p.as_str()))
    .bind(&c.group)
    .bind(about_json(&c.about))
    .bind(position as i64)
    .fetch_one(&mut **cx)
    .await
    })?;
    set_aliases(conn, id, &c.aliases).await?;
    Ok(id)
}

/// Rewrites a character's fields and aliases, keeping its row id.
pub async fn update_character(
    conn: &mut Conn<'_>,
    id: i64,
    position: usize,
    c: &CharacterSeed,
) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "UPDATE characters SET name = $1, kind = $2, played_by = $3, in_production = $4,
           pronouns = $5, cast_group = $6, about = $7, position = $8
         WHERE id = $9",
    )
    .bind(&c.name)
    .bind(c.kind.as_str())
    .bind(&c.played_by)
    .bind(&c.in_production)
    .bind(c.pronouns.map(|p| p.as_str()))
    .bind(&c.group)
    .bind(about_json(&c.about))
    .bind(position as i64)
    .bind(id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    set_aliases(conn, id, &c.aliases).await
}

async fn set_aliases(conn: &mut Conn<'_>, id: i64, aliases: &[String]) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "DELETE FROM aliases WHERE character_id = $1"
    )
    .bind(id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    for alias in aliases {
        on_conn!(conn, |cx| sqlx::query(
            "INSERT INTO aliases (character_id, alias) VALUES ($1, $2)"
        )
        .bind(id)
        .bind(alias)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Deletes a character (and its mentions).
pub async fn delete_character(conn: &mut Conn<'_>, id: i64) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "DELETE FROM characters WHERE id = $1"
    )
    .bind(id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The stored episodes of a show.
pub async fn episodes(conn: &mut Conn<'_>, show_id: i64) -> Result<Vec<EpisodeRow>> {
    Ok(on_conn!(conn, |cx| {
        sqlx::query_as(
            "SELECT id, show_id, season, episode, title, aired FROM episodes WHERE show_id = $1
             ORDER BY season, episode",
        )
        .bind(show_id)
        .fetch_all(&mut **cx)
        .await
    })?)
}

/// An episode to insert: season, number, title and air date.
pub type NewEpisode<'a> = (u32, u32, &'a str, Option<&'a str>);

/// Inserts a show's new episodes in batches; returns the row id of each,
/// by (season, episode).
pub async fn insert_episodes(
    conn: &mut Conn<'_>,
    show_id: i64,
    episodes: &[NewEpisode<'_>],
) -> Result<HashMap<(u32, u32), i64>> {
    let mut ids = HashMap::with_capacity(episodes.len());
    for chunk in episodes.chunks(BATCH) {
        let rows: Vec<(i64, u32, u32, &str, Option<&str>)> = chunk
            .iter()
            .map(|&(season, episode, title, aired)| (show_id, season, episode, title, aired))
            .collect();
        let json = serde_json::to_string(&rows)?;
        let made: Vec<(i64, i64, i64)> = on_conn!(
            conn,
            sql = (
                "INSERT INTO episodes (show_id, season, episode, title, aired)
                 SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4
                 FROM jsonb_each(jsonb($1))
                 RETURNING id, season, episode",
                "INSERT INTO episodes (show_id, season, episode, title, aired)
                 SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT),
                        CAST(value ->> 2 AS BIGINT), value ->> 3, value ->> 4
                 FROM json_array_elements(CAST($1 AS JSON)) AS r (value)
                 RETURNING id, season, episode"
            ),
            |cx| sqlx::query_as(sql).bind(&json).fetch_all(&mut **cx).await
        )?;
        for (id, season, episode) in made {
            ids.insert((season as u32, episode as u32), id);
        }
    }
    Ok(ids)
}

/// Updates an episode's title and air date.
pub async fn update_episode(
    conn: &mut Conn<'_>,
    id: i64,
    title: &str,
    aired: Option<&str>,
) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "UPDATE episodes SET title = $1, aired = $2 WHERE id = $3"
    )
    .bind(title)
    .bind(aired)
    .bind(id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Deletes an episode (and everything of it).
pub async fn delete_episode(conn: &mut Conn<'_>, id: i64) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query("DELETE FROM episodes WHERE id = $1")
        .bind(id)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The stored recaps of a show.
pub async fn recaps(conn: &mut Conn<'_>, show_id: i64) -> Result<Vec<StoredRecap>> {
    Ok(on_conn!(conn, |cx| sqlx::query_as(
        "SELECT r.id, e.season, e.episode, r.language, r.path, r.content_hash
         FROM recaps r JOIN episodes e ON e.id = r.episode_id WHERE e.show_id = $1",
    )
    .bind(show_id)
    .fetch_all(&mut **cx)
    .await)?)
}

/// Inserts recaps in batches, each with its episode row; returns their
/// row ids in the order given.
pub async fn insert_recaps(conn: &mut Conn<'_>, recaps: &[(i64, &RecapFile)]) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(recaps.len());
    for chunk in recaps.chunks(BATCH) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(episode_id, r)| {
                (
                    episode_id,
                    r.language.code(),
                    &r.title,
                    &r.headline,
                    &r.source,
                    r.path.to_string_lossy(),
                    &r.hash,
                )
            })
            .collect();
        let json = serde_json::to_string(&rows)?;
        // Each recap is found again by its episode and language, which
        // are unique together.
        let made: Vec<(i64, i64, String)> = on_conn!(
            conn,
            sql = (
                "INSERT INTO recaps (episode_id, language, title, headline, source, path,
                                     content_hash)
                 SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4,
                        value ->> 5, value ->> 6
                 FROM jsonb_each(jsonb($1))
                 RETURNING id, episode_id, language",
                "INSERT INTO recaps (episode_id, language, title, headline, source, path,
                                     content_hash)
                 SELECT CAST(value ->> 0 AS BIGINT), value ->> 1, value ->> 2, value ->> 3,
                        value ->> 4, value ->> 5, value ->> 6
                 FROM json_array_elements(CAST($1 AS JSON)) AS r (value)
                 RETURNING id, episode_id, language"
            ),
            |cx| sqlx::query_as(sql).bind(&json).fetch_all(&mut **cx).await
        )?;
        let by_key: HashMap<(i64, String), i64> = made
            .into_iter()
            .map(|(id, episode_id, language)| ((episode_id, language), id))
            .collect();
        for (episode_id, r) in chunk {
            let key = (*episode_id, r.language.code().to_string());
            ids.push(*by_key.get(&key).ok_or_else(|| {
                anyhow::anyhow!(
                    "a recap just inserted was not returned: {}",
                    r.path.display()
                )
            })?);
        }
    }
    Ok(ids)
}

/// Rewrites a recap's fields after its file changed, deleting its facts.
/// Returns how many facts were deleted.
pub async fn replace_recap(conn: &mut Conn<'_>, id: i64, r: &RecapFile) -> Result<u64> {
    let deleted = on_conn!(conn, |cx| sqlx::query(
        "DELETE FROM facts WHERE recap_id = $1"
    )
    .bind(id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    on_conn!(conn, |cx| {
        sqlx::query(
            "UPDATE recaps SET title = $1, headline = $2, source = $3, path = $4,
             content_hash = $5 WHERE id = $6",
        )
        .bind(&r.title)
        .bind(&r.headline)
        .bind(&r.source)
        .bind(r.path.to_string_lossy())
        .bind(&r.hash)
        .bind(id)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(deleted)
}

/// Records that an unchanged recap now lives at another path.
pub async fn move_recap(conn: &mut Conn<'_>, id: i64, path: &str) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "UPDATE recaps SET path = $1 WHERE id = $2"
    )
    .bind(path)
    .bind(id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Deletes a recap and its facts.
pub async fn delete_recap(conn: &mut Conn<'_>, id: i64) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query("DELETE FROM recaps WHERE id = $1")
        .bind(id)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces a show's hand-written questions, recording the hash of the
/// files they came from.
pub async fn replace_seed_questions(
    conn: &mut Conn<'_>,
    show_id: i64,
    slug: &str,
    hash: &str,
    questions: &[QuestionSeed],
) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "DELETE FROM questions WHERE show_id = $1 AND origin = 'seed'"
    )
    .bind(show_id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    for q in questions {
        let path = q.path.to_string_lossy();
        let key = crate::model::question_key(&[slug, "seed", &path, &q.prompt, &q.answer]).0;
        on_conn!(conn, |cx| {
            sqlx::query(
                "INSERT INTO questions (key, show_id, origin, path, line, episode_order,
                 language, prompt, answer, accepted, wrong)
             VALUES ($1, $2, 'seed', $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(key)
            .bind(show_id)
            .bind(path.as_ref())
            .bind(q.line as i64)
            .bind(q.episode.order())
            .bind(q.language.code())
            .bind(&q.prompt)
            .bind(&q.answer)
            .bind(serde_json::to_string(&q.accepted)?)
            .bind(serde_json::to_string(&q.wrong)?)
            .execute(&mut **cx)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
    on_conn!(conn, |cx| sqlx::query(
        "UPDATE shows SET questions_hash = $1 WHERE id = $2"
    )
    .bind(hash)
    .bind(show_id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Rows per batch: each batch travels as one JSON array that SQLite
/// unpacks with `jsonb_each`, which costs a fraction of binding every
/// value of every row (read as JSONB once, each row's values are found
/// without parsing its text again for every column).
const BATCH: usize = 5000;

/// Runs `sql`, which reads its rows from `jsonb_each(jsonb($1))` (on
/// PostgreSQL, `json_array_elements`), once per batch of
/// `rows`, each batch bound as one JSON array.
async fn insert_batches<T: Serialize>(
    conn: &mut Conn<'_>,
    (lite, pg): (&'static str, &'static str),
    rows: &[T],
) -> Result<()> {
    for chunk in rows.chunks(BATCH) {
        on_conn!(conn, sql = (lite, pg), |cx| sqlx::query(sql)
            .bind(serde_json::to_string(chunk)?)
            .execute(&mut **cx)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Inserts facts with their mentions and numbers, and indexes them.
pub async fn insert_facts(conn: &mut Conn<'_>, facts: &[NewFact]) -> Result<()> {
    let rows: Vec<_> = facts
        .iter()
        .map(|f| {
            (
                f.id,
                f.recap_id,
                f.episode_id,
                f.show_id,
                f.episode_order,
                f.language,
                f.section.as_deref(),
                f.paragraph,
                f.position,
                f.text.as_str(),
            )
        })
        .collect();
    insert_batches(
        conn,
        (
            "INSERT INTO facts (id, recap_id, episode_id, show_id, episode_order, language,
                                section, paragraph, position, text)
             SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
                    value ->> 6, value ->> 7, value ->> 8, value ->> 9
             FROM jsonb_each(jsonb($1))",
            "INSERT INTO facts (id, recap_id, episode_id, show_id, episode_order, language,
                                section, paragraph, position, text)
             SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT),
                    CAST(value ->> 2 AS BIGINT), CAST(value ->> 3 AS BIGINT),
                    CAST(value ->> 4 AS BIGINT), value ->> 5, value ->> 6,
                    CAST(value ->> 7 AS BIGINT), CAST(value ->> 8 AS BIGINT), value ->> 9
             FROM json_array_elements(CAST($1 AS JSON)) AS r (value)",
        ),
        &rows,
    )
    .await?;
    let mentions: Vec<(i64, i64, &NewMention)> = facts
        .iter()
        .flat_map(|f| f.mentions.iter().map(move |m| (f.id, f.episode_order, m)))
        .collect();
    insert_mentions(conn, &mentions).await?;
    let numbers: Vec<_> = facts
        .iter()
        .flat_map(|f| {
            f.numbers.iter().map(move |n| {
                (
                    f.id,
                    n.start,
                    n.end,
                    n.surface.as_str(),
                    n.value,
                    n.decimals,
                )
            })
        })
        .collect();
    insert_batches(
        conn,
        (
            "INSERT INTO numbers (fact_id, start_byte, end_byte, surface, value, decimals)
             SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
             FROM jsonb_each(jsonb($1))",
            "INSERT INTO numbers (fact_id, start_byte, end_byte, surface, value, decimals)
             SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT),
                    CAST(value ->> 2 AS BIGINT), value ->> 3,
                    CAST(value ->> 4 AS DOUBLE PRECISION), CAST(value ->> 5 AS BIGINT)
             FROM json_array_elements(CAST($1 AS JSON)) AS r (value)",
        ),
        &numbers,
    )
    .await
}

/// Inserts mentions, each with the id and episode order of its fact.
pub async fn insert_mentions(
    conn: &mut Conn<'_>,
    mentions: &[(i64, i64, &NewMention)],
) -> Result<()> {
    let rows: Vec<_> = mentions
        .iter()
        .map(|(fact_id, order, m)| {
            (
                *fact_id,
                m.character_id,
                *order,
                m.start,
                m.end,
                m.suffix.as_str(),
            )
        })
        .collect();
    insert_batches(
        conn,
        (
            "INSERT INTO mentions (fact_id, character_id, episode_order, start_byte, end_byte,
                                   suffix)
             SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
             FROM jsonb_each(jsonb($1))",
            "INSERT INTO mentions (fact_id, character_id, episode_order, start_byte, end_byte,
                                   suffix)
             SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT),
                    CAST(value ->> 2 AS BIGINT), CAST(value ->> 3 AS BIGINT),
                    CAST(value ->> 4 AS BIGINT), value ->> 5
             FROM json_array_elements(CAST($1 AS JSON)) AS r (value)",
        ),
        &rows,
    )
    .await
}

/// A stored fact, as tagging it again reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TaggableFact {
    /// Row id.
    pub id: i64,
    /// Its episode's order number.
    pub episode_order: i64,
    /// Language code.
    pub language: String,
    /// The sentence.
    pub text: String,
}

/// Facts of a show, for tagging them again.
pub async fn show_facts(conn: &mut Conn<'_>, show_id: i64) -> Result<Vec<TaggableFact>> {
    Ok(on_conn!(conn, |cx| sqlx::query_as(
        "SELECT id, episode_order, language, text FROM facts WHERE show_id = $1 ORDER BY id",
    )
    .bind(show_id)
    .fetch_all(&mut **cx)
    .await)?)
}

/// The earliest episode order each character of a show is tagged in, by
/// character row.
pub async fn first_mentions(conn: &mut Conn<'_>, show_id: i64) -> Result<Vec<(i64, i64)>> {
    Ok(on_conn!(conn, |cx| sqlx::query_as(
        "SELECT m.character_id, MIN(m.episode_order) FROM mentions m
         JOIN characters c ON c.id = m.character_id
         WHERE c.show_id = $1 GROUP BY m.character_id",
    )
    .bind(show_id)
    .fetch_all(&mut **cx)
    .await)?)
}

/// Deletes the mentions of the given facts.
pub async fn delete_mentions(conn: &mut Conn<'_>, fact_ids: &[i64]) -> Result<u64> {
    let mut deleted = 0;
    for chunk in fact_ids.chunks(BATCH) {
        deleted += on_conn!(
            conn,
            sql = (
                "DELETE FROM mentions WHERE fact_id IN (SELECT value FROM json_each($1))",
                "DELETE FROM mentions WHERE fact_id IN
                   (SELECT CAST(value AS BIGINT)
                    FROM json_array_elements_text(CAST($1 AS JSON)) AS r (value))"
            ),
            |cx| sqlx::query(sql)
                .bind(serde_json::to_string(chunk)?)
                .execute(&mut **cx)
                .await
                .map(|r| r.rows_affected())
        )?;
    }
    Ok(deleted)
}

/// Mentions per character, in show and roster order.
pub async fn mention_counts(db: &Db) -> Result<Vec<MentionCount>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT s.slug AS show_slug, c.slug, c.name, c.kind, COUNT(m.fact_id) AS mentions
         FROM characters c JOIN shows s ON s.id = c.show_id
         LEFT JOIN mentions m ON m.character_id = c.id
         GROUP BY c.id, s.slug ORDER BY s.slug, c.position",
    )
    .fetch_all(pool)
    .await)?)
}
