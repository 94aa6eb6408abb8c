//! Rewatches: a channel watching a show again together, a few episodes a
//! step. Each step is an action on the schedule; the transaction that
//! does it moves the channel's horizon, the progress of the members who
//! follow the rewatch, the rewatch's place and its next step, and stores
//! the step's posts, all or nothing.

use anyhow::Result;

use super::games::Posting;
use super::schedule::{self, REWATCH};
use super::versions::{self, Versions};
use super::{Conn, Db, on, on_conn};
use crate::model::EpisodeKey;

/// A rewatch.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Rewatch {
    /// Its row.
    pub id: i64,
    /// The server.
    #[sqlx(rename = "guild_id")]
    pub guild: i64,
    /// The channel that watches.
    #[sqlx(rename = "channel_id")]
    pub channel: i64,
    /// The show.
    pub show_id: i64,
    /// The episode order (`EpisodeKey::order`) the next step begins at.
    pub next_order: i64,
    /// Episodes a step.
    pub per_step: i64,
    /// Days between steps.
    pub every_days: i64,
    /// Minutes after local midnight a step comes at.
    pub at_minute: i64,
    /// An IANA time zone.
    pub timezone: String,
    /// Whether a step runs a short trivia round (1) or not (0).
    pub trivia: i64,
    /// The language its posts are in.
    pub locale: String,
    /// Who started it.
    pub started_by: i64,
    /// "running", "paused", "stopped" or "done".
    pub status: String,
}

macro_rules! columns {
    () => {
        "SELECT id, guild_id, channel_id, show_id, next_order, per_step, every_days, at_minute,
           timezone, trivia, locale, started_by, status FROM rewatches "
    };
}

/// The rewatch of `channel` that is running or paused, if any.
pub async fn of_channel(db: &Db, channel: u64) -> Result<Option<Rewatch>> {
    Ok(on!(db, |pool| sqlx::query_as(concat!(
        columns!(),
        "WHERE channel_id = $1 AND status IN ('running', 'paused') ORDER BY id DESC LIMIT 1"
    ))
    .bind(channel as i64)
    .fetch_optional(pool)
    .await)?)
}

/// The rewatches of `guild` that are running or paused, by channel.
pub async fn in_guild(db: &Db, guild: u64) -> Result<Vec<Rewatch>> {
    Ok(on!(db, |pool| sqlx::query_as(concat!(
        columns!(),
        "WHERE guild_id = $1 AND status IN ('running', 'paused') ORDER BY channel_id, id"
    ))
    .bind(guild as i64)
    .fetch_all(pool)
    .await)?)
}

/// Rewatch `id`.
pub async fn get(db: &Db, id: i64) -> Result<Option<Rewatch>> {
    Ok(on!(db, |pool| sqlx::query_as(concat!(
        columns!(),
        "WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

/// Starts a rewatch, its first step due at `first_due`: its row, unless
/// the channel has one running or paused already (`None`).
pub async fn start(db: &Db, r: &Rewatch, first_due: i64, now: i64) -> Result<Option<i64>> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    let busy: i64 = on_conn!(&mut conn, |cx| sqlx::query_scalar(
        "SELECT COUNT(*) FROM rewatches
         WHERE channel_id = $1 AND status IN ('running', 'paused')"
    )
    .bind(r.channel)
    .fetch_one(&mut **cx)
    .await)?;
    if busy > 0 {
        return Ok(None);
    }
    let id: i64 = on_conn!(&mut conn, |cx| {
        sqlx::query_scalar(
        "INSERT INTO rewatches (guild_id, channel_id, show_id, next_order, per_step, every_days,
           at_minute, timezone, trivia, locale, started_by, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'running', $12) RETURNING id"
    )
    .bind(r.guild)
    .bind(r.channel)
    .bind(r.show_id)
    .bind(r.next_order)
    .bind(r.per_step)
    .bind(r.every_days)
    .bind(r.at_minute)
    .bind(&r.timezone)
    .bind(r.trivia)
    .bind(&r.locale)
    .bind(r.started_by)
    .bind(now)
    .fetch_one(&mut **cx)
    .await
    })?;
    schedule::add(&mut conn, (REWATCH, r.guild as u64, id), first_due).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Sets a rewatch's status, its next step (if any) due at `next_due`, in
/// one transaction: what was on the schedule for it is cancelled first.
pub async fn set_status(
    db: &Db,
    r: &Rewatch,
    status: &str,
    next_due: Option<i64>,
    now: i64,
) -> Result<()> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    on_conn!(&mut conn, |cx| sqlx::query(
        "UPDATE rewatches SET status = $2 WHERE id = $1"
    )
    .bind(r.id)
    .bind(status)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    let key = (REWATCH, r.guild as u64, r.id);
    schedule::cancel(&mut conn, key, now).await?;
    if let Some(due) = next_due {
        schedule::add(&mut conn, key, due).await?;
    }
    tx.commit().await
}

/// Makes `user` follow rewatch `id`, their progress set to `at` now (or
/// cleared, when the rewatch has reached nothing yet): the versions as it
/// committed (progress changed).
pub async fn follow(
    db: &Db,
    id: i64,
    user: u64,
    show_id: i64,
    at: Option<EpisodeKey>,
) -> Result<Versions> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    on_conn!(&mut conn, |cx| sqlx::query(
        "INSERT INTO rewatch_followers (rewatch_id, user_id) VALUES ($1, $2)
         ON CONFLICT (rewatch_id, user_id) DO NOTHING"
    )
    .bind(id)
    .bind(user as i64)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    match at {
        Some(at) => set_progress(&mut conn, user, show_id, at).await?,
        None => {
            on_conn!(&mut conn, |cx| sqlx::query(
                "DELETE FROM progress WHERE user_id = $1 AND show_id = $2"
            )
            .bind(user as i64)
            .bind(show_id)
            .execute(&mut **cx)
            .await
            .map(|r| r.rows_affected()))?;
        }
    }
    let seen = versions::read_in(&mut conn).await?;
    tx.commit().await?;
    Ok(seen)
}

/// Stops `user` following any rewatch of `show_id` (they set their own
/// progress).
pub async fn unfollow(db: &Db, user: u64, show_id: i64) -> Result<()> {
    let _turn = db.turn_to_write().await;
    on!(db, |pool| sqlx::query(
        "DELETE FROM rewatch_followers WHERE user_id = $1
         AND rewatch_id IN (SELECT id FROM rewatches WHERE show_id = $2)"
    )
    .bind(user as i64)
    .bind(show_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many members follow rewatch `id`.
pub async fn followers(db: &Db, id: i64) -> Result<i64> {
    Ok(on!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM rewatch_followers WHERE rewatch_id = $1"
    )
    .bind(id)
    .fetch_one(pool)
    .await)?)
}

async fn set_progress(conn: &mut Conn<'_>, user: u64, show_id: i64, at: EpisodeKey) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "INSERT INTO progress (user_id, show_id, season, episode) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, show_id) DO UPDATE SET season = excluded.season,
             episode = excluded.episode, updated_at = excluded.updated_at"
    )
    .bind(user as i64)
    .bind(show_id)
    .bind(i64::from(at.season))
    .bind(i64::from(at.episode))
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// One step of a rewatch.
#[derive(Debug)]
pub struct Step<'a> {
    /// The scheduled action it does, and what becomes of it.
    pub action: (i64, &'a str),
    /// When it runs (ms).
    pub at: i64,
    /// The rewatch.
    pub rewatch: &'a Rewatch,
    /// The last episode it reaches: the channel's horizon and its
    /// followers' progress from now on (`None`: a step that moves nothing).
    pub reaches: Option<EpisodeKey>,
    /// Where the next step begins, and when it is due (`None`: the
    /// rewatch is done).
    pub next: Option<(i64, i64)>,
    /// What it posts.
    pub posting: Posting<'a>,
}

/// Does one step, all or nothing: the posts' places in the outbox and the
/// versions as it committed (the horizon moved), or `None` when another
/// process did it first.
pub async fn step(db: &Db, step: &Step<'_>) -> Result<Option<(Vec<i64>, Versions)>> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    let (action, outcome) = step.action;
    if !schedule::take(&mut conn, action, outcome, step.at).await? {
        return Ok(None);
    }
    let r = step.rewatch;
    if let Some(at) = step.reaches {
        on_conn!(&mut conn, |cx| sqlx::query(
            "INSERT INTO channel_horizons (channel_id, show_id, season, episode, set_by)
                 VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (channel_id, show_id) DO UPDATE SET season = excluded.season,
                 episode = excluded.episode, set_by = excluded.set_by,
                 updated_at = excluded.updated_at"
        )
        .bind(r.channel)
        .bind(r.show_id)
        .bind(i64::from(at.season))
        .bind(i64::from(at.episode))
        .bind(r.started_by)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
        let users: Vec<i64> = on_conn!(&mut conn, |cx| sqlx::query_scalar(
            "SELECT user_id FROM rewatch_followers WHERE rewatch_id = $1"
        )
        .bind(r.id)
        .fetch_all(&mut **cx)
        .await)?;
        for user in users {
            set_progress(&mut conn, user as u64, r.show_id, at).await?;
        }
    }
    let (next_order, status) = match step.next {
        Some((order, _)) => (order, "running"),
        None => (r.next_order, "done"),
    };
    on_conn!(&mut conn, |cx| sqlx::query(
        "UPDATE rewatches SET next_order = $2, status = $3 WHERE id = $1"
    )
    .bind(r.id)
    .bind(next_order)
    .bind(status)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    if let Some((_, due)) = step.next {
        schedule::add(&mut conn, (REWATCH, r.guild as u64, r.id), due).await?;
    }
    let posts = super::outbox::put_scheduled(&mut conn, &step.posting).await?;
    let seen = versions::read_in(&mut conn).await?;
    tx.commit().await?;
    Ok(Some((posts, seen)))
}
