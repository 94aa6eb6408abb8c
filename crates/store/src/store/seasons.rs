//! A server's trivia seasons: a name and the time between its start and
//! its end, over which a board is counted beside the board of all time.

use anyhow::Result;

use super::{Db, on, on_conn};

/// A season.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Season {
    /// Its name.
    pub name: String,
    /// When it began (ms).
    pub started_at: i64,
    /// When it ended, if it has.
    pub ended_at: Option<i64>,
}

/// The season `guild` is in, if any.
pub async fn open(db: &Db, guild: u64) -> Result<Option<Season>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT name, started_at, ended_at FROM trivia_seasons
         WHERE guild_id = $1 AND ended_at IS NULL ORDER BY id DESC LIMIT 1"
    )
    .bind(guild as i64)
    .fetch_optional(pool)
    .await)?)
}

/// `guild`'s latest season called `name` (in any case).
pub async fn named(db: &Db, guild: u64, name: &str) -> Result<Option<Season>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT name, started_at, ended_at FROM trivia_seasons
         WHERE guild_id = $1 AND LOWER(name) = LOWER($2) ORDER BY id DESC LIMIT 1"
    )
    .bind(guild as i64)
    .bind(name)
    .fetch_optional(pool)
    .await)?)
}

/// Every season of `guild`, latest first.
pub async fn all(db: &Db, guild: u64) -> Result<Vec<Season>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT name, started_at, ended_at FROM trivia_seasons
         WHERE guild_id = $1 ORDER BY id DESC"
    )
    .bind(guild as i64)
    .fetch_all(pool)
    .await)?)
}

/// Begins season `name` in `guild` at `at`, unless one is running there
/// (then `false`).
pub async fn begin(db: &Db, guild: u64, name: &str, by: u64, at: i64) -> Result<bool> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    let running: i64 = on_conn!(&mut conn, |cx| sqlx::query_scalar(
        "SELECT COUNT(*) FROM trivia_seasons WHERE guild_id = $1 AND ended_at IS NULL"
    )
    .bind(guild as i64)
    .fetch_one(&mut **cx)
    .await)?;
    if running > 0 {
        return Ok(false);
    }
    on_conn!(&mut conn, |cx| {
        sqlx::query(
        "INSERT INTO trivia_seasons (guild_id, name, started_at, started_by) VALUES ($1, $2, $3, $4)"
    )
    .bind(guild as i64)
    .bind(name)
    .bind(at)
    .bind(by as i64)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    Ok(true)
}

/// Ends the season `guild` is in at `at`: the season, if one was running.
pub async fn end(db: &Db, guild: u64, at: i64) -> Result<Option<Season>> {
    let Some(season) = open(db, guild).await? else {
        return Ok(None);
    };
    let _turn = db.turn_to_write().await;
    on!(db, |pool| sqlx::query(
        "UPDATE trivia_seasons SET ended_at = $2 WHERE guild_id = $1 AND ended_at IS NULL"
    )
    .bind(guild as i64)
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(Some(Season {
        ended_at: Some(at),
        ..season
    }))
}
