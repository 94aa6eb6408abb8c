//! The schedule: every timed action the bot takes on its own (a question
//! of the day), with the moment it is due. An action is done by the
//! transaction that stores what it brings about: that transaction marks
//! the action with its outcome only where no outcome is there yet, so of
//! two processes that find it due, one does it and the other's work rolls
//! back. Done actions stay, with their outcome and when they ran.

use anyhow::Result;

use super::{Conn, Db, on, on_conn};

/// The kind of a question of the day.
pub const DAILY: &str = "daily";
/// The kind of a scheduled game's start (its row is the action's `ref_id`).
pub const GAME: &str = "game";
/// The kind of a scheduled game's reminder.
pub const REMINDER: &str = "reminder";
/// The kind of a rewatch's step (its row is the action's `ref_id`).
pub const REWATCH: &str = "rewatch";
/// The kind of a day's telling of new episodes.
pub const ANNOUNCE: &str = "announce";

/// An action that is due.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Due {
    /// Its row.
    pub id: i64,
    /// What it is ([`DAILY`]).
    pub kind: String,
    /// The server it is for.
    #[sqlx(rename = "guild_id")]
    pub guild: i64,
    /// What it is for (a scheduled game's row; 0 for a question of the
    /// day).
    pub ref_id: i64,
    /// When it was due (ms since the epoch).
    pub due_at: i64,
}

/// Puts `kind` for `guild` (and what `ref_id` names) on the schedule at
/// `due_at`, unless it is there already; one cancelled for that moment
/// (set again as it was, resumed) is due again.
pub async fn add(
    conn: &mut Conn<'_>,
    (kind, guild, ref_id): (&str, u64, i64),
    due_at: i64,
) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "INSERT INTO schedule (kind, guild_id, ref_id, due_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, guild_id, ref_id, due_at) DO UPDATE
           SET outcome = NULL, ran_at = NULL WHERE schedule.outcome = 'cancelled'"
    )
    .bind(kind)
    .bind(guild as i64)
    .bind(ref_id)
    .bind(due_at)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Takes every action of `kind` for `guild` (and what `ref_id` names)
/// still to come off the schedule (kept, as cancelled at `at`).
pub async fn cancel(
    conn: &mut Conn<'_>,
    (kind, guild, ref_id): (&str, u64, i64),
    at: i64,
) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "UPDATE schedule SET outcome = 'cancelled', ran_at = $4
         WHERE kind = $1 AND guild_id = $2 AND ref_id = $3 AND outcome IS NULL"
    )
    .bind(kind)
    .bind(guild as i64)
    .bind(ref_id)
    .bind(at)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks action `id` done with `outcome` at `at`, if nothing else did:
/// whether this transaction is the one that does it. On PostgreSQL a
/// second transaction marking the same action waits for the first and
/// then finds it done; on SQLite the write lock lets one at a time in.
pub async fn take(conn: &mut Conn<'_>, id: i64, outcome: &str, at: i64) -> Result<bool> {
    let changed = on_conn!(conn, |cx| sqlx::query(
        "UPDATE schedule SET outcome = $2, ran_at = $3 WHERE id = $1 AND outcome IS NULL"
    )
    .bind(id)
    .bind(outcome)
    .bind(at)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(changed == 1)
}

/// The actions due by `now`, earliest first.
pub async fn due(db: &Db, now: i64) -> Result<Vec<Due>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT id, kind, guild_id, ref_id, due_at FROM schedule
         WHERE outcome IS NULL AND due_at <= $1 ORDER BY due_at, id"
    )
    .bind(now)
    .fetch_all(pool)
    .await)?)
}

/// When the next action is due, if any is.
pub async fn next_due(db: &Db) -> Result<Option<i64>> {
    let (next,): (Option<i64>,) = on!(db, |pool| sqlx::query_as(
        "SELECT MIN(due_at) FROM schedule WHERE outcome IS NULL"
    )
    .fetch_one(pool)
    .await)?;
    Ok(next)
}

/// When `guild`'s next action of `kind` is due, if one is.
pub async fn next_for(db: &Db, kind: &str, guild: u64) -> Result<Option<i64>> {
    let (next,): (Option<i64>,) = on!(db, |pool| sqlx::query_as(
        "SELECT MIN(due_at) FROM schedule
         WHERE outcome IS NULL AND kind = $1 AND guild_id = $2"
    )
    .bind(kind)
    .bind(guild as i64)
    .fetch_one(pool)
    .await)?;
    Ok(next)
}

/// When the next action of `kind` for `guild` and what `ref_id` names is
/// due, if one is.
pub async fn next_of(db: &Db, (kind, guild, ref_id): (&str, u64, i64)) -> Result<Option<i64>> {
    let (next,): (Option<i64>,) = on!(db, |pool| sqlx::query_as(
        "SELECT MIN(due_at) FROM schedule
         WHERE outcome IS NULL AND kind = $1 AND guild_id = $2 AND ref_id = $3"
    )
    .bind(kind)
    .bind(guild as i64)
    .bind(ref_id)
    .fetch_one(pool)
    .await)?;
    Ok(next)
}

/// When the latest action of `kind` for `guild` and what `ref_id` names
/// that was cancelled had been due, if one was.
pub async fn last_cancelled(
    db: &Db,
    (kind, guild, ref_id): (&str, u64, i64),
) -> Result<Option<i64>> {
    Ok(on!(db, |pool| sqlx::query_scalar(
        "SELECT due_at FROM schedule
         WHERE kind = $1 AND guild_id = $2 AND ref_id = $3 AND outcome = 'cancelled'
         ORDER BY id DESC LIMIT 1"
    )
    .bind(kind)
    .bind(guild as i64)
    .bind(ref_id)
    .fetch_optional(pool)
    .await)?)
}

/// The outcomes of `guild`'s actions of `kind`, oldest first: when each
/// was due, when it ran, and what became of it.
pub async fn outcomes(db: &Db, kind: &str, guild: u64) -> Result<Vec<(i64, i64, String)>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT due_at, ran_at, outcome FROM schedule
         WHERE kind = $1 AND guild_id = $2 AND outcome IS NOT NULL AND ran_at IS NOT NULL
         ORDER BY due_at, id"
    )
    .bind(kind)
    .bind(guild as i64)
    .fetch_all(pool)
    .await)?)
}
/// A server's daily action of `kind` set again: what was due for it is
/// cancelled, and the next is due at `first_due`.
pub async fn reset_daily(
    conn: &mut Conn<'_>,
    (kind, guild): (&str, u64),
    first_due: i64,
    at: i64,
) -> Result<()> {
    cancel(conn, (kind, guild, 0), at).await?;
    add(conn, (kind, guild, 0), first_due).await
}

/// Ends a server's daily action of `kind`: its settings row in `table`
/// (keyed by `guild_id`) removed and what was due cancelled, in one
/// transaction. Whether it had one.
pub async fn switch_off_daily(
    db: &Db,
    (table, kind): (&'static str, &str),
    guild: u64,
    at: i64,
) -> Result<bool> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    // `table` is one of the store's own names, never a member's words.
    let sql = format!("DELETE FROM {table} WHERE guild_id = $1");
    let removed = on_conn!(&mut conn, |cx| sqlx::query(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(guild as i64)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    cancel(&mut conn, (kind, guild, 0), at).await?;
    tx.commit().await?;
    Ok(removed > 0)
}
