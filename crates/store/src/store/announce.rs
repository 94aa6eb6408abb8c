//! New episodes told to a channel (`/announce`): where and when a server
//! hears of them, and which it has heard of. Each day's telling is an
//! action on the schedule, done in one transaction with the episodes it
//! marks told, its posts and the next day's action, so an episode is told
//! once however many processes find the day due.

use anyhow::Result;

use super::games::Posting;
use super::schedule::{self, ANNOUNCE};
use super::{Db, on, on_conn};

/// Where and when a server hears of new episodes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnnounceSettings {
    /// The server.
    #[sqlx(rename = "guild_id")]
    pub guild: i64,
    /// The channel told.
    #[sqlx(rename = "channel_id")]
    pub channel: i64,
    /// The show.
    pub show_id: i64,
    /// Minutes after local midnight, on the day an episode airs.
    pub at_minute: i64,
    /// An IANA time zone ("Europe/Berlin").
    pub timezone: String,
    /// The language its posts are written in.
    pub locale: String,
    /// The local day it was set (YYYY-MM-DD): episodes that aired before
    /// are not told.
    pub since_day: String,
    /// Who set it.
    pub set_by: i64,
    /// When (ms).
    pub set_at: i64,
}

/// A server's announcements, if it has them.
pub async fn settings(db: &Db, guild: u64) -> Result<Option<AnnounceSettings>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT guild_id, channel_id, show_id, at_minute, timezone, locale, since_day, set_by,
                set_at
         FROM announce_settings WHERE guild_id = $1"
    )
    .bind(guild as i64)
    .fetch_optional(pool)
    .await)?)
}

/// Sets a server's announcements, the first telling due at `first_due`
/// (what was on the schedule for them before is cancelled).
pub async fn configure(db: &Db, s: &AnnounceSettings, first_due: i64) -> Result<()> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    on_conn!(&mut conn, |cx| sqlx::query(
        "INSERT INTO announce_settings
           (guild_id, channel_id, show_id, at_minute, timezone, locale, since_day, set_by, set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (guild_id) DO UPDATE SET channel_id = $2, show_id = $3, at_minute = $4,
           timezone = $5, locale = $6, since_day = $7, set_by = $8, set_at = $9"
    )
    .bind(s.guild)
    .bind(s.channel)
    .bind(s.show_id)
    .bind(s.at_minute)
    .bind(&s.timezone)
    .bind(&s.locale)
    .bind(&s.since_day)
    .bind(s.set_by)
    .bind(s.set_at)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    let guild = s.guild as u64;
    schedule::reset_daily(&mut conn, (ANNOUNCE, guild), first_due, s.set_at).await?;
    tx.commit().await
}

/// Ends a server's announcements: whether it had them.
pub async fn switch_off(db: &Db, guild: u64, at: i64) -> Result<bool> {
    schedule::switch_off_daily(db, ("announce_settings", ANNOUNCE), guild, at).await
}

/// The episodes (orders) of `show_id` that `guild` has been told of.
pub async fn told(db: &Db, guild: u64, show_id: i64) -> Result<Vec<i64>> {
    Ok(on!(db, |pool| sqlx::query_scalar(
        "SELECT episode_order FROM announced WHERE guild_id = $1 AND show_id = $2"
    )
    .bind(guild as i64)
    .bind(show_id)
    .fetch_all(pool)
    .await)?)
}

/// One day's telling: action `action` done at `at`, the `episodes` of
/// `show_id` marked told, the posts stored, the next day's action set at
/// `next_due`. The posts' ids, or `None` when another process did it.
pub async fn tell(
    db: &Db,
    (action, outcome, at): (i64, &str, i64),
    (guild, show_id, episodes): (u64, i64, &[i64]),
    next_due: i64,
    posting: &Posting<'_>,
) -> Result<Option<Vec<i64>>> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    if !schedule::take(&mut conn, action, outcome, at).await? {
        return Ok(None);
    }
    for order in episodes {
        on_conn!(&mut conn, |cx| sqlx::query(
            "INSERT INTO announced (guild_id, show_id, episode_order, announced_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"
        )
        .bind(guild as i64)
        .bind(show_id)
        .bind(*order)
        .bind(at)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
    }
    schedule::add(&mut conn, (ANNOUNCE, guild, 0), next_due).await?;
    let posts = super::outbox::put_scheduled(&mut conn, posting).await?;
    tx.commit().await?;
    Ok(Some(posts))
}
