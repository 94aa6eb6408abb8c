//! Member tables: watch progress and spoiler horizons.

use anyhow::Result;

use super::{Conn, Db, on, on_conn};
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
    let row = on!(db, |pool| sqlx::query_as(
        "SELECT season, episode FROM progress WHERE user_id = $1 AND show_id = $2"
    )
    .bind(user as i64)
    .bind(show_id)
    .fetch_optional(pool)
    .await)?;
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

/// The gates version, locked on PostgreSQL until the transaction ends,
/// so that no other writer's step falls between this read and the write.
async fn gates_version(conn: &mut Conn<'_>) -> Result<i64> {
    let (v,): (i64,) = on_conn!(
        conn,
        sql = (
            "SELECT value FROM versions WHERE name = 'gates'",
            "SELECT value FROM versions WHERE name = 'gates' FOR UPDATE"
        ),
        |cx| sqlx::query_as(sql).fetch_one(&mut **cx).await
    )?;
    Ok(v)
}

/// One write of progress or a horizon: a statement and its arguments.
struct Write {
    sql: &'static str,
    args: Vec<i64>,
}

/// Runs `write` in a transaction that writes from its start, with the
/// gates version read on both sides of it; returns its rows.
async fn stepped(db: &Db, write: Write) -> Result<(Step, u64)> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_writing().await?;
    let mut conn = tx.conn();
    let before = gates_version(&mut conn).await?;
    let rows = on_conn!(&mut conn, |cx| {
        let mut q = sqlx::query(write.sql);
        for a in &write.args {
            q = q.bind(*a);
        }
        q.execute(&mut **cx).await.map(|r| r.rows_affected())
    })?;
    let after = gates_version(&mut conn).await?;
    tx.commit().await?;
    Ok((Step { before, after }, rows))
}

/// Sets a member's progress in a show.
pub async fn set_progress(db: &Db, user: u64, show_id: i64, at: EpisodeKey) -> Result<Step> {
    let write = Write {
        sql: "INSERT INTO progress (user_id, show_id, season, episode) VALUES ($1, $2, $3, $4)
              ON CONFLICT (user_id, show_id) DO UPDATE SET season = excluded.season,
                  episode = excluded.episode, updated_at = excluded.updated_at",
        args: vec![user as i64, show_id, at.season as i64, at.episode as i64],
    };
    Ok(stepped(db, write).await?.0)
}

/// Clears a member's progress in a show; returns whether there was any.
pub async fn clear_progress(db: &Db, user: u64, show_id: i64) -> Result<(Step, bool)> {
    let write = Write {
        sql: "DELETE FROM progress WHERE user_id = $1 AND show_id = $2",
        args: vec![user as i64, show_id],
    };
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
    /// A member's progress, the channel's horizon (a thread's own, else
    /// its parent channel's) and the server's, as seasons and episodes.
    #[derive(sqlx::FromRow)]
    struct Row {
        progress_season: Option<i64>,
        progress_episode: Option<i64>,
        channel_season: Option<i64>,
        channel_episode: Option<i64>,
        guild_season: Option<i64>,
        guild_episode: Option<i64>,
    }
    let row: Row = on!(db, |pool| {
        sqlx::query_as(
            "SELECT p.season AS progress_season, p.episode AS progress_episode,
                COALESCE(c.season, pc.season) AS channel_season,
                COALESCE(c.episode, pc.episode) AS channel_episode,
                g.season AS guild_season, g.episode AS guild_episode
         FROM (SELECT 1) AS one
         LEFT JOIN progress p ON p.user_id = $1 AND p.show_id = $4
         LEFT JOIN channel_horizons c ON c.channel_id = $2 AND c.show_id = $4
         LEFT JOIN channel_horizons pc ON pc.channel_id = $5 AND pc.show_id = $4
         LEFT JOIN guild_horizons g ON g.guild_id = $3 AND g.show_id = $4",
        )
        .bind(user as i64)
        .bind(channel as i64)
        .bind(guild.map(|g| g as i64))
        .bind(show_id)
        .bind(parent.map(|p| p as i64))
        .fetch_one(pool)
        .await
    })?;
    Ok([
        key(row.progress_season.zip(row.progress_episode)),
        key(row.channel_season.zip(row.channel_episode)),
        key(row.guild_season.zip(row.guild_episode)),
    ])
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
            "INSERT INTO channel_horizons (channel_id, show_id, season, episode, set_by)
                 VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (channel_id, show_id) DO UPDATE SET season = excluded.season,
                 episode = excluded.episode, set_by = excluded.set_by, updated_at = excluded.updated_at"
        }
        Scope::Guild(_) => {
            "INSERT INTO guild_horizons (guild_id, show_id, season, episode, set_by)
                 VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (guild_id, show_id) DO UPDATE SET season = excluded.season,
                 episode = excluded.episode, set_by = excluded.set_by, updated_at = excluded.updated_at"
        }
    };
    let (Scope::Channel(id) | Scope::Guild(id)) = scope;
    let write = Write {
        sql,
        args: vec![
            id as i64,
            show_id,
            at.season as i64,
            at.episode as i64,
            by as i64,
        ],
    };
    Ok(stepped(db, write).await?.0)
}

/// Clears the horizon of a scope; returns whether there was one.
pub async fn clear_horizon(db: &Db, scope: Scope, show_id: i64) -> Result<(Step, bool)> {
    let (sql, id) = match scope {
        Scope::Channel(id) => (
            "DELETE FROM channel_horizons WHERE channel_id = $1 AND show_id = $2",
            id,
        ),
        Scope::Guild(id) => (
            "DELETE FROM guild_horizons WHERE guild_id = $1 AND show_id = $2",
            id,
        ),
    };
    let write = Write {
        sql,
        args: vec![id as i64, show_id],
    };
    let (step, rows) = stepped(db, write).await?;
    Ok((step, rows > 0))
}
