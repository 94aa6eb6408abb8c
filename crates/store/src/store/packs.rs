//! A server's own trivia packs (`/trivia pack`): each a named file a
//! manager uploaded, with its questions, played in that server only. An
//! upload under a name the server has already used replaces that pack,
//! questions and all, in one transaction: a game never sees half of one.

use anyhow::Result;

use super::{Conn, Db, on, on_conn};

/// A pack as the server's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Pack {
    /// Its row.
    pub id: i64,
    /// Its name, unique on the server.
    pub name: String,
    /// The show its questions are about.
    pub show_id: i64,
    /// The file it came from.
    pub file: String,
    /// How many questions it has.
    pub questions: i64,
    /// Who uploaded it.
    pub by_user: i64,
    /// When (ms).
    pub uploaded_at: i64,
}

/// One question of a pack.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PackQuestion {
    /// The pack's name.
    pub pack: String,
    /// Its line in the file.
    pub line: i64,
    /// Its episode's order, or `None` for the whole show.
    pub episode_order: Option<i64>,
    /// Language code.
    pub language: String,
    /// The question.
    pub prompt: String,
    /// The answer revealed.
    pub answer: String,
    /// Other accepted answers (JSON list).
    pub accepted: String,
    /// Wrong choices written with it (JSON list).
    pub wrong: String,
}

/// Stores pack `pack.name` of `guild` with its questions, replacing the
/// server's pack of that name. Returns how many questions the pack it
/// replaced had (`None` when it is new).
pub async fn replace(
    db: &Db,
    guild: u64,
    pack: &Pack,
    questions: &[PackQuestion],
) -> Result<Option<i64>> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    let earlier: Option<(i64, i64)> = on_conn!(&mut conn, |cx| sqlx::query_as(
        "SELECT id, questions FROM packs WHERE guild_id = $1 AND name = $2"
    )
    .bind(guild as i64)
    .bind(&pack.name)
    .fetch_optional(&mut **cx)
    .await)?;
    if let Some((id, _)) = earlier {
        delete(&mut conn, id).await?;
    }
    let id: i64 = on_conn!(&mut conn, |cx| sqlx::query_scalar(
        "INSERT INTO packs (guild_id, name, show_id, file, questions, by_user, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(guild as i64)
    .bind(&pack.name)
    .bind(pack.show_id)
    .bind(&pack.file)
    .bind(questions.len() as i64)
    .bind(pack.by_user)
    .bind(pack.uploaded_at)
    .fetch_one(&mut **cx)
    .await)?;
    for q in questions {
        on_conn!(&mut conn, |cx| sqlx::query(
            "INSERT INTO pack_questions
               (pack_id, line, episode_order, language, prompt, answer, accepted, wrong)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(id)
        .bind(q.line)
        .bind(q.episode_order)
        .bind(&q.language)
        .bind(&q.prompt)
        .bind(&q.answer)
        .bind(&q.accepted)
        .bind(&q.wrong)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
    }
    tx.commit().await?;
    Ok(earlier.map(|(_, n)| n))
}

async fn delete(conn: &mut Conn<'_>, id: i64) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "DELETE FROM pack_questions WHERE pack_id = $1"
    )
    .bind(id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    on_conn!(conn, |cx| sqlx::query("DELETE FROM packs WHERE id = $1")
        .bind(id)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// `guild`'s packs, by name.
pub async fn list(db: &Db, guild: u64) -> Result<Vec<Pack>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT id, name, show_id, file, questions, by_user, uploaded_at FROM packs
         WHERE guild_id = $1 ORDER BY name"
    )
    .bind(guild as i64)
    .fetch_all(pool)
    .await)?)
}

/// Removes `guild`'s pack `name` with its questions; whether there was one.
pub async fn remove(db: &Db, guild: u64, name: &str) -> Result<bool> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    let id: Option<i64> = on_conn!(&mut conn, |cx| sqlx::query_scalar(
        "SELECT id FROM packs WHERE guild_id = $1 AND name = $2"
    )
    .bind(guild as i64)
    .bind(name)
    .fetch_optional(&mut **cx)
    .await)?;
    let Some(id) = id else {
        return Ok(false);
    };
    delete(&mut conn, id).await?;
    tx.commit().await?;
    Ok(true)
}

/// The questions of `guild`'s packs about show `show_id` (of pack `only`,
/// when given), in the order of their files.
pub async fn questions(
    db: &Db,
    guild: u64,
    show_id: i64,
    only: Option<&str>,
) -> Result<Vec<PackQuestion>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT p.name AS pack, q.line, q.episode_order, q.language, q.prompt, q.answer,
                q.accepted, q.wrong
         FROM pack_questions q JOIN packs p ON p.id = q.pack_id
         WHERE p.guild_id = $1 AND p.show_id = $2 AND p.name = COALESCE($3, p.name)
         ORDER BY p.name, q.line"
    )
    .bind(guild as i64)
    .bind(show_id)
    .bind(only)
    .fetch_all(pool)
    .await)?)
}
