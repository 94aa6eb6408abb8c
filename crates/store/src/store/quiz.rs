//! Quiz reads: a show's facts with their mentions and numbers, the raw
//! material the question bank is generated from.

use std::collections::HashMap;

use anyhow::Result;

use super::{Db, on, on_conn};

/// A character named in a fact.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QuizMention {
    /// Character row.
    pub character_id: i64,
    /// Byte offset of the name.
    #[sqlx(rename = "start_byte", try_from = "i64")]
    pub start: usize,
    /// Byte offset past the name.
    #[sqlx(rename = "end_byte", try_from = "i64")]
    pub end: usize,
    /// Possessive ending after it.
    pub suffix: String,
}

/// A number in a fact.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct QuizNumber {
    /// Byte offset.
    #[sqlx(rename = "start_byte", try_from = "i64")]
    pub start: usize,
    /// Byte offset past it.
    #[sqlx(rename = "end_byte", try_from = "i64")]
    pub end: usize,
    /// As written.
    pub surface: String,
    /// Value.
    pub value: f64,
    /// Digits after the decimal separator.
    #[sqlx(try_from = "i64")]
    pub decimals: u32,
}

/// A fact with what was found in it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct QuizFact {
    /// Row id.
    pub id: i64,
    /// Its episode's order in the show.
    pub episode_order: i64,
    /// Language code.
    pub language: String,
    /// Section heading.
    pub section: Option<String>,
    /// Its paragraph in the recap.
    pub paragraph: i64,
    /// The sentence.
    pub text: String,
    /// Characters named in it, left to right.
    #[sqlx(skip)]
    pub mentions: Vec<QuizMention>,
    /// Numbers in it, left to right.
    #[sqlx(skip)]
    pub numbers: Vec<QuizNumber>,
}

/// A row of mentions or numbers, with the fact it belongs to.
#[derive(sqlx::FromRow)]
struct OfFact<T> {
    fact_id: i64,
    #[sqlx(flatten)]
    found: T,
}

/// How many facts a show has.
pub async fn fact_count(db: &Db, show_id: i64) -> Result<i64> {
    let (n,): (i64,) = on!(db, |pool| sqlx::query_as(
        "SELECT COUNT(*) FROM facts WHERE show_id = $1"
    )
    .bind(show_id)
    .fetch_one(pool)
    .await)?;
    Ok(n)
}

/// The facts of a show whose id is a multiple of `every` (all, for 1), in
/// id order, with mentions and numbers.
pub async fn show_facts(db: &Db, show_id: i64, every: i64) -> Result<Vec<QuizFact>> {
    let every = every.max(1);
    // The sample's ids first (one pass over the show's facts), then only
    // their rows, mentions and numbers.
    let ids: Vec<i64> = on!(db, |pool| sqlx::query_scalar(
        "SELECT id FROM facts WHERE show_id = $1 AND id % $2 = 0 ORDER BY id"
    )
    .bind(show_id)
    .bind(every)
    .fetch_all(pool)
    .await)?;
    let ids = serde_json::to_string(&ids)?;
    let facts: Vec<QuizFact> = on!(
        db,
        sql = (
            "SELECT id, episode_order, language, section, paragraph, text FROM facts
         WHERE id IN (SELECT value FROM json_each($1)) ORDER BY id",
            "SELECT id, episode_order, language, section, paragraph, text FROM facts
         WHERE id IN (SELECT CAST(value AS BIGINT)
                 FROM json_array_elements_text(CAST($1 AS JSON)) AS r (value)) ORDER BY id"
        ),
        |pool| sqlx::query_as(sql).bind(&ids).fetch_all(pool).await
    )?;
    let mentions: Vec<OfFact<QuizMention>> = on!(db, sql = (
        "SELECT m.fact_id, m.character_id, m.start_byte, m.end_byte, m.suffix
         FROM mentions m
         WHERE m.fact_id IN (SELECT value FROM json_each($1)) ORDER BY m.fact_id, m.start_byte",
        "SELECT m.fact_id, m.character_id, m.start_byte, m.end_byte, m.suffix
         FROM mentions m
         WHERE m.fact_id IN (SELECT CAST(value AS BIGINT)
                 FROM json_array_elements_text(CAST($1 AS JSON)) AS r (value)) ORDER BY m.fact_id, m.start_byte"
    ), |pool| sqlx::query_as(sql)
    .bind(&ids)
    .fetch_all(pool)
    .await)?;
    let numbers: Vec<OfFact<QuizNumber>> = on!(db, sql = (
        "SELECT n.fact_id, n.start_byte, n.end_byte, n.surface, n.value, n.decimals
         FROM numbers n
         WHERE n.fact_id IN (SELECT value FROM json_each($1)) ORDER BY n.fact_id, n.start_byte",
        "SELECT n.fact_id, n.start_byte, n.end_byte, n.surface, n.value, n.decimals
         FROM numbers n
         WHERE n.fact_id IN (SELECT CAST(value AS BIGINT)
                 FROM json_array_elements_text(CAST($1 AS JSON)) AS r (value)) ORDER BY n.fact_id, n.start_byte"
    ), |pool| sqlx::query_as(sql)
    .bind(&ids)
    .fetch_all(pool)
    .await)?;
    let mut by_fact: HashMap<i64, (Vec<QuizMention>, Vec<QuizNumber>)> = HashMap::new();
    for m in mentions {
        by_fact.entry(m.fact_id).or_default().0.push(m.found);
    }
    for n in numbers {
        by_fact.entry(n.fact_id).or_default().1.push(n.found);
    }
    Ok(facts
        .into_iter()
        .map(|mut fact| {
            (fact.mentions, fact.numbers) = by_fact.remove(&fact.id).unwrap_or_default();
            fact
        })
        .collect())
}

/// A question from a seed file or an imported list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredQuestion {
    /// Stable identity.
    pub key: String,
    /// `seed` or `red`.
    pub origin: String,
    /// The file it came from.
    pub path: String,
    /// Its line there.
    pub line: i64,
    /// Its episode's order, or `None` when it counts as spoiling the whole show.
    pub episode_order: Option<i64>,
    /// Language code.
    pub language: String,
    /// The question.
    pub prompt: String,
    /// The answer.
    pub answer: String,
    /// Other accepted answers.
    pub accepted: Vec<String>,
    /// Wrong choices.
    pub wrong: Vec<String>,
}

/// The stored questions of a show, by file and line.
pub async fn stored_questions(db: &Db, show_id: i64) -> Result<Vec<StoredQuestion>> {
    type Row = (
        String,
        String,
        String,
        i64,
        Option<i64>,
        String,
        String,
        String,
        String,
        String,
    );
    let rows: Vec<Row> = on!(db, |pool| {
        sqlx::query_as(
        "SELECT key, origin, path, line, episode_order, language, prompt, answer, accepted, wrong
         FROM questions WHERE show_id = $1 ORDER BY origin DESC, path, line",
    )
    .bind(show_id)
    .fetch_all(pool)
    .await
    })?;
    rows.into_iter()
        .map(
            |(
                key,
                origin,
                path,
                line,
                episode_order,
                language,
                prompt,
                answer,
                accepted,
                wrong,
            )| {
                Ok(StoredQuestion {
                    key,
                    origin,
                    path,
                    line,
                    episode_order,
                    language,
                    prompt,
                    answer,
                    accepted: serde_json::from_str(&accepted)?,
                    wrong: serde_json::from_str(&wrong)?,
                })
            },
        )
        .collect()
}

/// A question of an imported list, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewListQuestion {
    /// Its line in the list.
    pub line: usize,
    /// Its episode's order, or `None` for the whole show.
    pub episode_order: Option<i64>,
    /// Language code.
    pub language: &'static str,
    /// The question.
    pub prompt: String,
    /// The answer revealed.
    pub answer: String,
    /// Other accepted answers.
    pub accepted: Vec<String>,
}

/// Replaces every question imported from the list at `path` into a show,
/// in one transaction; returns how many the list had before.
pub async fn replace_list(
    db: &Db,
    show_id: i64,
    slug: &str,
    path: &str,
    questions: &[NewListQuestion],
) -> Result<u64> {
    // A catalog write: under the import's lock, so two replaces of one
    // list (or a replace and an import) take turns.
    let mut tx = db.begin_import().await?;
    let mut conn = tx.conn();
    let replaced = on_conn!(&mut conn, |cx| sqlx::query(
        "DELETE FROM questions WHERE show_id = $1 AND origin = 'red' AND path = $2"
    )
    .bind(show_id)
    .bind(path)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    for q in questions {
        let key = crate::model::question_key(&[slug, "red", path, &q.prompt, &q.answer]).0;
        on_conn!(&mut conn, |cx| {
            sqlx::query(
                "INSERT INTO questions (key, show_id, origin, path, line, episode_order,
                 language, prompt, answer, accepted)
             VALUES ($1, $2, 'red', $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(key)
            .bind(show_id)
            .bind(path)
            .bind(q.line as i64)
            .bind(q.episode_order)
            .bind(q.language)
            .bind(&q.prompt)
            .bind(&q.answer)
            .bind(serde_json::to_string(&q.accepted)?)
            .execute(&mut **cx)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
    super::versions::catalog_changed(&mut conn).await?;
    db.end_import(tx).await?;
    Ok(replaced)
}
