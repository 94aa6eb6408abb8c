//! Games set to start later (`/trivia schedule`): each a row with the
//! options it starts with, and two actions on the schedule, a reminder
//! and the start, that name it. Calling one off takes both off the
//! schedule; the row stays, for the record.

use anyhow::Result;

use super::games::Posting;
use super::schedule::{self, GAME, REMINDER};
use super::{Db, on};

/// A game set to start later.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Planned {
    /// Its row.
    pub id: i64,
    /// The server.
    #[sqlx(rename = "guild_id")]
    pub guild: i64,
    /// The channel it starts in.
    #[sqlx(rename = "channel_id")]
    pub channel: i64,
    /// Who set it: it starts as theirs.
    pub starter: i64,
    /// The language its posts are in.
    pub locale: String,
    /// `/trivia start`'s options and the time zone it was set in (JSON,
    /// the core's).
    pub options: String,
    /// When it starts (ms).
    pub starts_at: i64,
    /// The Discord scheduled event made for it, if one was.
    pub event_id: Option<i64>,
}

/// Sets a game to start at `p.starts_at`, reminded at `remind_at`: its
/// row and both actions, in one transaction. Returns its row.
pub async fn plan(db: &Db, p: &Planned, remind_at: Option<i64>, now: i64) -> Result<i64> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    let id: i64 = super::on_conn!(&mut conn, |cx| sqlx::query_scalar(
        "INSERT INTO scheduled_games
           (guild_id, channel_id, starter, locale, options, starts_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(p.guild)
    .bind(p.channel)
    .bind(p.starter)
    .bind(&p.locale)
    .bind(&p.options)
    .bind(p.starts_at)
    .bind(now)
    .fetch_one(&mut **cx)
    .await)?;
    let guild = p.guild as u64;
    schedule::add(&mut conn, (GAME, guild, id), p.starts_at).await?;
    if let Some(at) = remind_at {
        schedule::add(&mut conn, (REMINDER, guild, id), at).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// What a read of scheduled games selects, from `scheduled_games g`.
macro_rules! columns {
    () => {
        "SELECT g.id, g.guild_id, g.channel_id, g.starter, g.locale, g.options,
           g.starts_at, g.event_id FROM scheduled_games g "
    };
}

/// Scheduled game `id` of `guild`.
pub async fn get(db: &Db, guild: u64, id: i64) -> Result<Option<Planned>> {
    Ok(on!(db, |pool| sqlx::query_as(concat!(
        columns!(),
        "WHERE g.guild_id = $1 AND g.id = $2"
    ))
    .bind(guild as i64)
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

/// The games of `guild` still to start, soonest first.
pub async fn upcoming(db: &Db, guild: u64) -> Result<Vec<Planned>> {
    Ok(on!(db, |pool| sqlx::query_as(concat!(
        columns!(),
        "JOIN schedule s ON s.kind = $2 AND s.guild_id = g.guild_id AND s.ref_id = g.id
         WHERE g.guild_id = $1 AND s.outcome IS NULL ORDER BY g.starts_at, g.id"
    ))
    .bind(guild as i64)
    .bind(GAME)
    .fetch_all(pool)
    .await)?)
}

/// Calls game `id` of `guild` off: whether it was still to start.
pub async fn call_off(db: &Db, guild: u64, id: i64, at: i64) -> Result<bool> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    let pending: i64 = super::on_conn!(&mut conn, |cx| sqlx::query_scalar(
        "SELECT COUNT(*) FROM schedule
         WHERE kind = $1 AND guild_id = $2 AND ref_id = $3 AND outcome IS NULL"
    )
    .bind(GAME)
    .bind(guild as i64)
    .bind(id)
    .fetch_one(&mut **cx)
    .await)?;
    schedule::cancel(&mut conn, (GAME, guild, id), at).await?;
    schedule::cancel(&mut conn, (REMINDER, guild, id), at).await?;
    tx.commit().await?;
    Ok(pending > 0)
}

/// Notes the Discord scheduled event made for game `id`.
pub async fn event_made(db: &Db, id: i64, event: u64) -> Result<()> {
    let _turn = db.turn_to_write().await;
    on!(db, |pool| sqlx::query(
        "UPDATE scheduled_games SET event_id = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(event as i64)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Does action `action` with `outcome` at `at`, storing what it posts
/// in the same transaction: whether this process is the one that did it
/// (and the posts' places in the outbox), or another did first.
pub async fn act(
    db: &Db,
    (action, outcome, at): (i64, &str, i64),
    posting: &Posting<'_>,
) -> Result<Option<Vec<i64>>> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    if !schedule::take(&mut conn, action, outcome, at).await? {
        return Ok(None);
    }
    let posts = super::outbox::put_scheduled(&mut conn, posting).await?;
    tx.commit().await?;
    Ok(Some(posts))
}
