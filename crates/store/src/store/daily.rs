//! A server's question of the day: where and when it is posted, each
//! question asked with what it was, who answered what, and the step that
//! posts one (the last one's reveal, the new one, the next day's place on
//! the schedule) in a single transaction.

use anyhow::Result;

use super::games::Posting;
use super::schedule::{self, DAILY};
use super::{Conn, Db, on, on_conn, versions};

/// Where and when a server's question of the day is posted.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DailySettings {
    /// The server.
    #[sqlx(rename = "guild_id")]
    pub guild: i64,
    /// The channel it is posted in.
    #[sqlx(rename = "channel_id")]
    pub channel: i64,
    /// Minutes after local midnight.
    pub at_minute: i64,
    /// An IANA time zone ("Europe/Berlin").
    pub timezone: String,
    /// The show it asks about; `None`: the catalog's only show.
    pub show_id: Option<i64>,
    /// "choices" or "typed".
    pub mode: String,
    /// The language its posts are written in ("en", "de").
    pub locale: String,
    /// Who set it.
    pub set_by: i64,
    /// When (ms).
    pub set_at: i64,
}

/// A server's question of the day, if it has one.
pub async fn settings(db: &Db, guild: u64) -> Result<Option<DailySettings>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT guild_id, channel_id, at_minute, timezone, show_id, mode, locale, set_by, set_at
         FROM daily_settings WHERE guild_id = $1"
    )
    .bind(guild as i64)
    .fetch_optional(pool)
    .await)?)
}

/// Sets a server's question of the day, the first one due at `first_due`
/// (whatever was on the schedule for it before is cancelled), in one
/// transaction.
pub async fn configure(db: &Db, s: &DailySettings, first_due: i64) -> Result<()> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    on_conn!(&mut conn, |cx| sqlx::query(
        "INSERT INTO daily_settings
           (guild_id, channel_id, at_minute, timezone, show_id, mode, locale, set_by, set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (guild_id) DO UPDATE SET channel_id = $2, at_minute = $3,
           timezone = $4, show_id = $5, mode = $6, locale = $7, set_by = $8, set_at = $9"
    )
    .bind(s.guild)
    .bind(s.channel)
    .bind(s.at_minute)
    .bind(&s.timezone)
    .bind(s.show_id)
    .bind(&s.mode)
    .bind(&s.locale)
    .bind(s.set_by)
    .bind(s.set_at)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    let guild = s.guild as u64;
    schedule::reset_daily(&mut conn, (DAILY, guild), first_due, s.set_at).await?;
    tx.commit().await
}

/// Ends a server's question of the day (its questions and answers are
/// kept): whether it had one.
pub async fn switch_off(db: &Db, guild: u64, at: i64) -> Result<bool> {
    schedule::switch_off_daily(db, ("daily_settings", DAILY), guild, at).await
}

/// One question of the day as it was asked.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Asked {
    /// Its row.
    pub id: i64,
    /// Where it was posted.
    #[sqlx(rename = "channel_id")]
    pub channel: i64,
    /// The show.
    pub show_id: i64,
    /// The question's key in the show's bank.
    pub question_key: String,
    /// The round of the bank it belongs to.
    pub lap: i64,
    /// When it was posted (ms).
    pub asked_at: i64,
    /// The question as asked (JSON, the core's).
    pub question: String,
}

/// The question of the day still open in `guild` (posted, not yet
/// revealed), if any.
pub async fn open(db: &Db, guild: u64) -> Result<Option<Asked>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT id, channel_id, show_id, question_key, lap, asked_at, question
         FROM daily_questions WHERE guild_id = $1 AND revealed = 0
         ORDER BY id DESC LIMIT 1"
    )
    .bind(guild as i64)
    .fetch_optional(pool)
    .await)?)
}

/// A question of the day by its row, in `guild`.
pub async fn asked(db: &Db, guild: u64, id: i64) -> Result<Option<(Asked, bool)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        asked: Asked,
        revealed: i64,
    }
    let row: Option<Row> = on!(db, |pool| sqlx::query_as(
        "SELECT id, channel_id, show_id, question_key, lap, asked_at, question, revealed
         FROM daily_questions WHERE guild_id = $1 AND id = $2"
    )
    .bind(guild as i64)
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(|r| (r.asked, r.revealed != 0)))
}

/// The round of the bank `guild` is in for `show_id`, and the keys of the
/// questions it has asked in it, in the order asked.
pub async fn lap(db: &Db, guild: u64, show_id: i64) -> Result<(i64, Vec<String>)> {
    let rows: Vec<(i64, String)> = on!(db, |pool| sqlx::query_as(
        "SELECT lap, question_key FROM daily_questions
         WHERE guild_id = $1 AND show_id = $2
           AND lap = (SELECT COALESCE(MAX(lap), 0) FROM daily_questions
                      WHERE guild_id = $1 AND show_id = $2)
         ORDER BY id"
    )
    .bind(guild as i64)
    .bind(show_id)
    .fetch_all(pool)
    .await)?;
    let lap = rows.first().map_or(0, |(lap, _)| *lap);
    Ok((lap, rows.into_iter().map(|(_, key)| key).collect()))
}

/// Stores a member's answer to question `id`: whether it is their first
/// (a second answer changes nothing).
pub async fn answer(
    db: &Db,
    id: i64,
    user: u64,
    (answer, correct): (&str, bool),
    at: i64,
) -> Result<bool> {
    let _turn = db.turn_to_write().await;
    let stored = on!(db, |pool| sqlx::query(
        "INSERT INTO daily_answers (question_id, user_id, answer, correct, answered_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (question_id, user_id) DO NOTHING"
    )
    .bind(id)
    .bind(user as i64)
    .bind(answer)
    .bind(i64::from(correct))
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(stored == 1)
}

/// Who answered question `id`, in the order they did, and whether right.
pub async fn answers(db: &Db, id: i64) -> Result<Vec<(u64, bool)>> {
    let rows: Vec<(i64, i64)> = on!(db, |pool| sqlx::query_as(
        "SELECT user_id, correct FROM daily_answers WHERE question_id = $1
         ORDER BY answered_at, user_id"
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(user, correct)| (user as u64, correct != 0))
        .collect())
}

/// Every revealed question of `guild` in the order asked, each with the
/// members who got it right: what streaks and the daily board are
/// counted from.
pub async fn record(db: &Db, guild: u64) -> Result<Vec<(i64, Vec<u64>)>> {
    let rows: Vec<(i64, Option<i64>)> = on!(db, |pool| sqlx::query_as(
        "SELECT q.id, a.user_id FROM daily_questions q
         LEFT JOIN daily_answers a ON a.question_id = q.id AND a.correct = 1
         WHERE q.guild_id = $1 AND q.revealed = 1 ORDER BY q.id, a.user_id"
    )
    .bind(guild as i64)
    .fetch_all(pool)
    .await)?;
    let mut out: Vec<(i64, Vec<u64>)> = Vec::new();
    for (question, user) in rows {
        if out.last().is_none_or(|(q, _)| *q != question) {
            out.push((question, Vec::new()));
        }
        if let (Some(user), Some((_, users))) = (user, out.last_mut()) {
            users.push(user as u64);
        }
    }
    Ok(out)
}

/// A question to ask.
#[derive(Debug, Clone)]
pub struct NewAsked<'a> {
    /// Its row: the scheduled action that asks it, so its buttons can be
    /// made before it is stored.
    pub id: i64,
    /// Where it is posted.
    pub channel: u64,
    /// The show.
    pub show_id: i64,
    /// Its key in the show's bank.
    pub question_key: &'a str,
    /// The round of the bank it belongs to.
    pub lap: i64,
    /// The question as asked (JSON).
    pub question: &'a str,
}

/// One run of a server's question of the day.
#[derive(Debug)]
pub struct Step<'a> {
    /// The scheduled action it does.
    pub action: i64,
    /// What becomes of it ("posted", "late", "skipped", "no-question").
    pub outcome: &'a str,
    /// The server.
    pub guild: u64,
    /// When it runs (ms).
    pub at: i64,
    /// The question it reveals.
    pub reveals: Option<i64>,
    /// The question it asks.
    pub asks: Option<NewAsked<'a>>,
    /// When the next one is due.
    pub next_due: Option<i64>,
    /// The queued question it asks, if it asks one of the server's own.
    pub from_queue: Option<i64>,
    /// What it posts.
    pub posting: Posting<'a>,
}

/// What became of a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stepped {
    /// Stored: the new question's row and the posts' places in the outbox.
    Stored {
        /// The question asked, if one was.
        asked: Option<i64>,
        /// The outbox rows of the posts, in order.
        posts: Vec<i64>,
    },
    /// Another process did this action first: nothing was stored.
    Taken,
    /// Nothing stored: progress, horizons or the catalog changed since
    /// the posts were rendered (now at these versions).
    Stale(super::versions::Versions),
}

/// Stores one run of a question of the day, all or nothing: the action
/// marked done, the last question revealed, the new one, its posts, and
/// the next day's place on the schedule.
pub async fn step(db: &Db, step: &Step<'_>) -> Result<Stepped> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    if !schedule::take(&mut conn, step.action, step.outcome, step.at).await? {
        return Ok(Stepped::Taken);
    }
    let seen = versions::read_in(&mut conn).await?;
    if seen != step.posting.rendered_at {
        return Ok(Stepped::Stale(seen));
    }
    if let Some(id) = step.reveals {
        reveal(&mut conn, id).await?;
    }
    let asked = match &step.asks {
        Some(q) => Some(insert(&mut conn, step.guild, q, step.at).await?),
        None => None,
    };
    if let Some(id) = step.from_queue {
        on_conn!(&mut conn, |cx| sqlx::query(
            "UPDATE daily_queue SET status = 'asked' WHERE id = $1"
        )
        .bind(id)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
    }
    if let Some(due) = step.next_due {
        schedule::add(&mut conn, (DAILY, step.guild, 0), due).await?;
    }
    let posts = super::outbox::put_scheduled(&mut conn, &step.posting).await?;
    tx.commit().await?;
    Ok(Stepped::Stored { asked, posts })
}

async fn reveal(conn: &mut Conn<'_>, id: i64) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "UPDATE daily_questions SET revealed = 1 WHERE id = $1"
    )
    .bind(id)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

async fn insert(conn: &mut Conn<'_>, guild: u64, q: &NewAsked<'_>, at: i64) -> Result<i64> {
    Ok(on_conn!(conn, |cx| sqlx::query_scalar(
        "INSERT INTO daily_questions
           (id, guild_id, channel_id, show_id, question_key, lap, asked_at, question)
         VALUES ($8, $1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(guild as i64)
    .bind(q.channel as i64)
    .bind(q.show_id)
    .bind(q.question_key)
    .bind(q.lap)
    .bind(at)
    .bind(q.question)
    .bind(q.id)
    .fetch_one(&mut **cx)
    .await)?)
}

/// A question of the server's own for the question of the day.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Queued {
    /// Its row.
    pub id: i64,
    /// Its key (on the review desk).
    pub question_key: String,
    /// The question (JSON, the core's).
    pub question: String,
    /// Its episode's order: asked once the horizon reaches it.
    pub episode_order: i64,
    /// Who wrote it.
    pub by_user: i64,
}

/// Adds a question of the server's own: `queued` (a manager's) or
/// `suggested` (a member's, for a manager to approve).
pub async fn enqueue(db: &Db, guild: u64, q: &Queued, status: &str, at: i64) -> Result<i64> {
    let _turn = db.turn_to_write().await;
    Ok(on!(db, |pool| sqlx::query_scalar(
        "INSERT INTO daily_queue
           (guild_id, question_key, question, episode_order, status, by_user, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(guild as i64)
    .bind(&q.question_key)
    .bind(&q.question)
    .bind(q.episode_order)
    .bind(status)
    .bind(q.by_user)
    .bind(at)
    .fetch_one(pool)
    .await)?)
}

/// `guild`'s questions of its own with this status, oldest first.
pub async fn queue(db: &Db, guild: u64, status: &str) -> Result<Vec<Queued>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT id, question_key, question, episode_order, by_user FROM daily_queue
         WHERE guild_id = $1 AND status = $2 ORDER BY id"
    )
    .bind(guild as i64)
    .bind(status)
    .fetch_all(pool)
    .await)?)
}

/// Takes queued question `id` of `guild` off the queue (it is not asked);
/// whether it was waiting there.
pub async fn unqueue(db: &Db, guild: u64, id: i64, (by, at): (u64, i64)) -> Result<bool> {
    let _turn = db.turn_to_write().await;
    let changed = on!(db, |pool| sqlx::query(
        "UPDATE daily_queue SET status = 'removed', decided_by = $3, decided_at = $4
         WHERE guild_id = $1 AND id = $2 AND status = 'queued'"
    )
    .bind(guild as i64)
    .bind(id)
    .bind(by as i64)
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(changed > 0)
}

/// Whether suggestion `key` of `guild` was decided already (queued,
/// asked or rejected).
pub async fn decided(db: &Db, guild: u64, key: &str) -> Result<bool> {
    let n: i64 = on!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM daily_queue
         WHERE guild_id = $1 AND question_key = $2 AND status <> 'suggested'"
    )
    .bind(guild as i64)
    .bind(key)
    .fetch_one(pool)
    .await)?;
    Ok(n > 0)
}

/// A manager's verdict on suggestion `key` of `guild`: queued, or
/// rejected. Whether it was waiting for one.
pub async fn decide(
    db: &Db,
    guild: u64,
    key: &str,
    approve: bool,
    (by, at): (u64, i64),
) -> Result<bool> {
    let _turn = db.turn_to_write().await;
    let changed = on!(db, |pool| sqlx::query(
        "UPDATE daily_queue SET status = $3, decided_by = $4, decided_at = $5
         WHERE guild_id = $1 AND question_key = $2 AND status = 'suggested'"
    )
    .bind(guild as i64)
    .bind(key)
    .bind(if approve { "queued" } else { "rejected" })
    .bind(by as i64)
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(changed > 0)
}
