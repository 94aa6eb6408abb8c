//! Member tables: watch progress and spoiler horizons.

use anyhow::Result;

use super::Db;
use crate::model::EpisodeKey;

/// Where a horizon applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One channel.
    Channel(u64),
    /// Every channel of a server that sets none of its own.
    Guild(u64),
}

fn key(row: Option<(i64, i64)>) -> Option<EpisodeKey> {
    row.map(|(s, e)| EpisodeKey::new(s as u32, e as u32))
}

/// A member's progress in a show.
pub async fn progress(db: &Db, user: u64, show_id: i64) -> Result<Option<EpisodeKey>> {
    let row =
        sqlx::query_as("SELECT season, episode FROM progress WHERE user_id = ? AND show_id = ?")
            .bind(user as i64)
            .bind(show_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(key(row))
}

/// The version of progress and horizons before and after one write of
/// them: one more after than before means this write was the only change
/// between, so only what it touched need be read anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Before the write.
    pub before: i64,
    /// After it.
    pub after: i64,
}

async fn gates_version(conn: &mut sqlx::SqliteConnection) -> Result<i64> {
    let (v,): (i64,) = sqlx::query_as("SELECT value FROM versions WHERE name = 'gates'")
        .fetch_one(conn)
        .await?;
    Ok(v)
}

/// Runs `write` in a transaction that holds the write lock from its start,
/// with the gates version read on both sides of it; returns its rows.
async fn stepped(
    db: &Db,
    write: sqlx::query::Query<'_, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
) -> Result<(Step, u64)> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.pool().begin_with("BEGIN IMMEDIATE").await?;
    let before = gates_version(&mut tx).await?;
    let rows = write.execute(&mut *tx).await?.rows_affected();
    let after = gates_version(&mut tx).await?;
    tx.commit().await?;
    Ok((Step { before, after }, rows))
}

/// Sets a member's progress in a show.
pub async fn set_progress(db: &Db, user: u64, show_id: i64, at: EpisodeKey) -> Result<Step> {
    let write = sqlx::query(
        "INSERT INTO progress (user_id, show_id, season, episode) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, show_id) DO UPDATE SET season = excluded.season,
             episode = excluded.episode, updated_at = excluded.updated_at",
    )
    .bind(user as i64)
    .bind(show_id)
    .bind(at.season as i64)
    .bind(at.episode as i64);
    Ok(stepped(db, write).await?.0)
}

/// Clears a member's progress in a show; returns whether there was any.
pub async fn clear_progress(db: &Db, user: u64, show_id: i64) -> Result<(Step, bool)> {
    let write = sqlx::query("DELETE FROM progress WHERE user_id = ? AND show_id = ?")
        .bind(user as i64)
        .bind(show_id);
    let (step, rows) = stepped(db, write).await?;
    Ok((step, rows > 0))
}

/// In one round trip: a member's progress, the channel's horizon and the
/// server's default horizon, for one show.
pub async fn gate_inputs(
    db: &Db,
    user: u64,
    channel: u64,
    parent: Option<u64>,
    guild: Option<u64>,
    show_id: i64,
) -> Result<[Option<EpisodeKey>; 3]> {
    type N = Option<i64>;
    // A thread's own horizon, else its parent channel's.
    let row: (N, N, N, N, N, N) = sqlx::query_as(
        "SELECT p.season, p.episode, COALESCE(c.season, pc.season), COALESCE(c.episode, pc.episode),
                g.season, g.episode
         FROM (SELECT 1)
         LEFT JOIN progress p ON p.user_id = ?1 AND p.show_id = ?4
         LEFT JOIN channel_horizons c ON c.channel_id = ?2 AND c.show_id = ?4
         LEFT JOIN channel_horizons pc ON pc.channel_id = ?5 AND pc.show_id = ?4
         LEFT JOIN guild_horizons g ON g.guild_id = ?3 AND g.show_id = ?4",
    )
    .bind(user as i64)
    .bind(channel as i64)
    .bind(guild.map(|g| g as i64))
    .bind(show_id)
    .bind(parent.map(|p| p as i64))
    .fetch_one(db.pool())
    .await?;
    let row: [N; 6] = [row.0, row.1, row.2, row.3, row.4, row.5];
    let pair = |i: usize| key(row[i].zip(row[i + 1]));
    Ok([pair(0), pair(2), pair(4)])
}

/// Sets the horizon of a scope.
pub async fn set_horizon(
    db: &Db,
    scope: Scope,
    show_id: i64,
    at: EpisodeKey,
    by: u64,
) -> Result<Step> {
    let sql = match scope {
        Scope::Channel(_) => {
            "INSERT INTO channel_horizons (channel_id, show_id, season, episode, set_by) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (channel_id, show_id) DO UPDATE SET season = excluded.season,
                 episode = excluded.episode, set_by = excluded.set_by, updated_at = excluded.updated_at"
        }
        Scope::Guild(_) => {
            "INSERT INTO guild_horizons (guild_id, show_id, season, episode, set_by) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (guild_id, show_id) DO UPDATE SET season = excluded.season,
                 episode = excluded.episode, set_by = excluded.set_by, updated_at = excluded.updated_at"
        }
    };
    let (Scope::Channel(id) | Scope::Guild(id)) = scope;
    let write = sqlx::query(sql)
        .bind(id as i64)
        .bind(show_id)
        .bind(at.season as i64)
        .bind(at.episode as i64)
        .bind(by as i64);
    Ok(stepped(db, write).await?.0)
}

/// Clears the horizon of a scope; returns whether there was one.
pub async fn clear_horizon(db: &Db, scope: Scope, show_id: i64) -> Result<(Step, bool)> {
    let (sql, id) = match scope {
        Scope::Channel(id) => (
            "DELETE FROM channel_horizons WHERE channel_id = ? AND show_id = ?",
            id,
        ),
        Scope::Guild(id) => (
            "DELETE FROM guild_horizons WHERE guild_id = ? AND show_id = ?",
            id,
        ),
    };
    let write = sqlx::query(sql).bind(id as i64).bind(show_id);
    let (step, rows) = stepped(db, write).await?;
    Ok((step, rows > 0))
}
