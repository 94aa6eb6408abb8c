//! What a server's web pages read: whether they are public, who its players
//! are as the bot last saw them, its boards and its recent games. Nothing
//! here reads the catalog's text: the pages it feeds are outside the
//! spoiler gate.

use anyhow::Result;

use super::{Conn, Db, on, on_conn};

/// A server as its pages show it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Server {
    /// Its name when the bot last saw it, if it has.
    pub name: Option<String>,
    /// Whether a manager turned its public pages on.
    pub public: bool,
}

/// One line of a board: a player's totals over the games counted.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Standing {
    /// The member.
    #[sqlx(rename = "user_id", try_from = "i64")]
    pub user: u64,
    /// Their display name when they last played, if it was stored.
    pub name: Option<String>,
    /// They asked not to be shown.
    pub hidden: bool,
    /// They left the server.
    pub departed: bool,
    /// Points.
    pub points: i64,
    /// Games played.
    pub games: i64,
    /// Finished games they won.
    pub wins: i64,
    /// Questions answered.
    pub answered: i64,
    /// Questions answered correctly.
    pub correct: i64,
}

/// A game that ended, as a page lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Ended {
    /// Its row.
    pub id: i64,
    /// Its show.
    pub show_id: i64,
    /// When it began and ended (ms).
    pub started_at: i64,
    /// When it ended (ms).
    pub ended_at: i64,
    /// `finished`, `stopped` or `interrupted`.
    pub status: String,
    /// The top scorer of a finished game.
    pub winner: Option<i64>,
    /// How many answered.
    pub players: i64,
}

/// Which games a board counts: one show's or every show's, over a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// One show's, or every show's.
    pub show: Option<i64>,
    /// Which of its games.
    pub scope: Scope,
}

/// Which of a server's games a board counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    /// Every game.
    #[default]
    All,
    /// The games begun in the season that began at this moment (ms): a
    /// season's games are counted to it as each ends, so its end need not
    /// be known here.
    Season(i64),
    /// The games begun on this day (days since the epoch, UTC) or later.
    SinceDay(i64),
}

impl Scope {
    /// The totals' kind and range of buckets a board sums.
    fn buckets(self) -> (&'static str, i64, i64) {
        match self {
            Scope::All => ("all", 0, 0),
            Scope::Season(started_at) => ("season", started_at, started_at),
            Scope::SinceDay(day) => ("day", day, i64::MAX),
        }
    }

    /// The day buckets a chart over this scope sums: their first and
    /// last day (since the epoch, UTC), and the season they are of, if
    /// one alone.
    fn days(self) -> (i64, i64, Option<i64>) {
        match self {
            Scope::All => (i64::MIN, i64::MAX, None),
            Scope::Season(started_at) => (i64::MIN, i64::MAX, Some(started_at)),
            Scope::SinceDay(day) => (day, i64::MAX, None),
        }
    }
}

/// A day in ms: the totals' day buckets are days since the epoch, UTC.
pub const DAY_MS: i64 = 86_400_000;

/// What a remembered page of `guild` depends on: its last ended game,
/// its revision (every change to its settings and players), whether it is
/// public, and its seasons. Each is one index lookup, so a page can be
/// checked on every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, sqlx::FromRow)]
pub struct Version {
    /// When its last game ended.
    pub ended: Option<i64>,
    /// Its revision (none: the bot never saw it).
    pub revision: Option<i64>,
    /// Whether its pages are public.
    pub public: Option<bool>,
    /// Its latest season.
    pub season: Option<i64>,
    /// When its latest season ended.
    pub season_ended: Option<i64>,
}

/// What `guild`'s pages depend on now.
pub async fn version(db: &Db, guild: u64) -> Result<Version> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT (SELECT MAX(ended_at) FROM games WHERE guild_id = $1) AS ended,
                (SELECT revision FROM web_servers WHERE guild_id = $1) AS revision,
                (SELECT public FROM web_servers WHERE guild_id = $1) AS public,
                (SELECT MAX(id) FROM trivia_seasons WHERE guild_id = $1) AS season,
                (SELECT MAX(ended_at) FROM trivia_seasons WHERE guild_id = $1) AS season_ended"
    )
    .bind(guild as i64)
    .fetch_one(pool)
    .await)?)
}

/// Counts a change to `guild`'s settings or players in its revision.
async fn bump(db: &Db, guild: u64, at: i64) -> Result<()> {
    on!(db, |pool| sqlx::query(
        "INSERT INTO web_servers (guild_id, changed_at, revision) VALUES ($1, $2, 1)
         ON CONFLICT (guild_id) DO UPDATE
           SET revision = web_servers.revision + 1, changed_at = excluded.changed_at"
    )
    .bind(guild as i64)
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The server's page settings, if the bot has seen it.
pub async fn server(db: &Db, guild: u64) -> Result<Option<Server>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT name, public FROM web_servers WHERE guild_id = $1"
    )
    .bind(guild as i64)
    .fetch_optional(pool)
    .await)?)
}

/// Turns `guild`'s public pages on or off.
pub async fn set_public(db: &Db, guild: u64, public: bool, by: u64, at: i64) -> Result<()> {
    let _turn = db.turn_to_write().await;
    on!(db, |pool| {
        sqlx::query(
        "INSERT INTO web_servers (guild_id, public, set_by, changed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guild_id) DO UPDATE
           SET public = excluded.public, set_by = excluded.set_by, changed_at = excluded.changed_at"
    )
    .bind(guild as i64)
    .bind(public)
    .bind(by as i64)
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected())
    })?;
    bump(db, guild, at).await
}

/// Stores a member's display name in `guild` (and the server's name, when
/// known) as the bot sees them now; a member seen is no longer departed.
/// Writes nothing when nothing changed.
pub async fn note(
    db: &Db,
    guild: u64,
    server_name: Option<&str>,
    (user, name): (u64, &str),
    at: i64,
) -> Result<()> {
    let _turn = db.turn_to_write().await;
    let changed = on!(db, |pool| sqlx::query(
        "INSERT INTO players (guild_id, user_id, name, changed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guild_id, user_id) DO UPDATE
           SET name = excluded.name, departed = FALSE, changed_at = excluded.changed_at
           WHERE players.name <> excluded.name OR players.departed"
    )
    .bind(guild as i64)
    .bind(user as i64)
    .bind(name)
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    let mut renamed = 0;
    if let Some(server_name) = server_name {
        renamed = on!(db, |pool| sqlx::query(
            "INSERT INTO web_servers (guild_id, name, changed_at) VALUES ($1, $2, $3)
             ON CONFLICT (guild_id) DO UPDATE
               SET name = excluded.name, changed_at = excluded.changed_at
               WHERE web_servers.name IS NULL OR web_servers.name <> excluded.name"
        )
        .bind(guild as i64)
        .bind(server_name)
        .bind(at)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    }
    if changed + renamed > 0 {
        bump(db, guild, at).await?;
    }
    Ok(())
}

/// Stores that `channel` (called `name`, when known) is one of `guild`'s:
/// the desk offers, and takes, only these.
pub async fn note_channel(
    db: &Db,
    guild: u64,
    (channel, name): (u64, Option<&str>),
    at: i64,
) -> Result<()> {
    let _turn = db.turn_to_write().await;
    on!(db, |pool| {
        sqlx::query(
        "INSERT INTO server_channels (guild_id, channel_id, name, changed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guild_id, channel_id) DO UPDATE
           SET name = COALESCE(excluded.name, server_channels.name), changed_at = excluded.changed_at
           WHERE excluded.name IS NOT NULL
             AND (server_channels.name IS NULL OR server_channels.name <> excluded.name)"
    )
    .bind(guild as i64)
    .bind(channel as i64)
    .bind(name)
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The channels of `guild` the bot saw used, with their names when known.
pub async fn channels(db: &Db, guild: u64) -> Result<Vec<(i64, Option<String>)>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT channel_id, name FROM server_channels WHERE guild_id = $1
         ORDER BY name, channel_id"
    )
    .bind(guild as i64)
    .fetch_all(pool)
    .await)?)
}

/// Hides a member from `guild`'s pages, or shows them again; a member not
/// yet seen is stored without a name.
pub async fn set_hidden(db: &Db, guild: u64, user: u64, hidden: bool, at: i64) -> Result<()> {
    let _turn = db.turn_to_write().await;
    on!(db, |pool| {
        sqlx::query(
        "INSERT INTO players (guild_id, user_id, name, hidden, changed_at) VALUES ($1, $2, '', $3, $4)
         ON CONFLICT (guild_id, user_id) DO UPDATE
           SET hidden = excluded.hidden, changed_at = excluded.changed_at"
    )
    .bind(guild as i64)
    .bind(user as i64)
    .bind(hidden)
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected())
    })?;
    bump(db, guild, at).await
}

/// Whether a member hid themself from `guild`'s pages.
pub async fn hidden(db: &Db, guild: u64, user: u64) -> Result<bool> {
    let hidden: Option<bool> = on!(db, |pool| sqlx::query_scalar(
        "SELECT hidden FROM players WHERE guild_id = $1 AND user_id = $2"
    )
    .bind(guild as i64)
    .bind(user as i64)
    .fetch_optional(pool)
    .await)?;
    Ok(hidden.unwrap_or(false))
}

/// Marks a member as gone from `guild` (they stay on its boards as such).
pub async fn depart(db: &Db, guild: u64, user: u64, at: i64) -> Result<()> {
    let _turn = db.turn_to_write().await;
    let changed = on!(db, |pool| sqlx::query(
        "UPDATE players SET departed = TRUE, changed_at = $3
         WHERE guild_id = $1 AND user_id = $2 AND NOT departed"
    )
    .bind(guild as i64)
    .bind(user as i64)
    .bind(at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    if changed > 0 {
        bump(db, guild, at).await?;
    }
    Ok(())
}

/// `guild`'s board over the games that ended within `span`, best first
/// (hidden members included, for the page to leave out), from the board
/// totals: a row per player and show (and day, for days).
pub async fn board(db: &Db, guild: u64, span: Span) -> Result<Vec<Standing>> {
    let (kind, from, to) = span.scope.buckets();
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT t.user_id,
                CAST(SUM(t.points) AS BIGINT) AS points,
                CAST(SUM(t.games) AS BIGINT) AS games,
                CAST(SUM(t.answered) AS BIGINT) AS answered,
                CAST(SUM(t.correct) AS BIGINT) AS correct,
                CAST(SUM(t.wins) AS BIGINT) AS wins,
                p.name, COALESCE(p.hidden, FALSE) AS hidden,
                COALESCE(p.departed, FALSE) AS departed
         FROM board_totals t
         LEFT JOIN players p ON p.guild_id = t.guild_id AND p.user_id = t.user_id
         WHERE t.guild_id = $1 AND t.kind = $2 AND t.bucket >= $3 AND t.bucket <= $4
           AND (CAST($5 AS BIGINT) IS NULL OR t.show_id = $5)
         GROUP BY t.user_id, p.name, p.hidden, p.departed
         ORDER BY 2 DESC, 6 DESC, 1"
    )
    .bind(guild as i64)
    .bind(kind)
    .bind(from)
    .bind(to)
    .bind(span.show)
    .fetch_all(pool)
    .await)?)
}

/// `user`'s points in `guild` day by day (days since the epoch, UTC, by
/// when each game began) over the games within `span`, oldest first.
pub async fn points_by_day(db: &Db, guild: u64, user: u64, span: Span) -> Result<Vec<(i64, i64)>> {
    let (from, to, season) = span.scope.days();
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT bucket AS day, CAST(SUM(points) AS BIGINT) AS points
         FROM board_totals
         WHERE guild_id = $1 AND user_id = $2 AND kind = 'day'
           AND (CAST($6 AS BIGINT) IS NULL OR season = $6)
           AND bucket >= $3 AND bucket <= $4
           AND (CAST($5 AS BIGINT) IS NULL OR show_id = $5)
         GROUP BY bucket
         ORDER BY 1"
    )
    .bind(guild as i64)
    .bind(user as i64)
    .bind(from)
    .bind(to)
    .bind(span.show)
    .bind(season)
    .fetch_all(pool)
    .await)?)
}

/// `guild`'s latest ended games, newest first, with how many played; with
/// `user`, only the games they answered in.
pub async fn recent(db: &Db, guild: u64, user: Option<u64>, limit: i64) -> Result<Vec<Ended>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT g.id, g.show_id, g.started_at, g.ended_at, g.status, g.winner,
                (SELECT COUNT(DISTINCT a.user_id) FROM answers a WHERE a.game_id = g.id)
                  AS players
         FROM games g
         WHERE g.guild_id = $1 AND g.ended_at IS NOT NULL
           AND (CAST($2 AS BIGINT) IS NULL
                OR EXISTS (SELECT 1 FROM answers a WHERE a.game_id = g.id AND a.user_id = $2))
         ORDER BY g.ended_at DESC, g.id DESC LIMIT $3"
    )
    .bind(guild as i64)
    .bind(user.map(|u| u as i64))
    .bind(limit)
    .fetch_all(pool)
    .await)?)
}

/// The players of `guild` by id, for the members a page names (winners
/// of recent games): `(user, name, hidden, departed)`.
pub async fn players(db: &Db, guild: u64) -> Result<Vec<(i64, String, bool, bool)>> {
    Ok(on!(db, |pool| sqlx::query_as(
        "SELECT user_id, name, hidden, departed FROM players WHERE guild_id = $1"
    )
    .bind(guild as i64)
    .fetch_all(pool)
    .await)?)
}

/// The statement that adds to the board totals the ended games of a
/// server chosen by `$games` (a condition on `g`, the games, with `$1`):
/// per player, show and bucket (every game, the season the game began in,
/// the day it began on). Games outside a server (a direct message's) have
/// no board.
macro_rules! add_to_totals {
    ($games:literal) => {
        concat!(
            "WITH s AS (
               SELECT g.id, g.guild_id, g.show_id, g.started_at, a.user_id,
                      CAST(SUM(a.points) AS BIGINT) AS points,
                      COUNT(DISTINCT a.number) AS answered,
                      COUNT(DISTINCT CASE WHEN a.correct = TRUE THEN a.number END) AS correct,
                      CASE WHEN g.status = 'finished' AND g.winner = a.user_id THEN 1 ELSE 0 END
                        AS won,
                      COALESCE((SELECT MAX(t.started_at) FROM trivia_seasons t
                                WHERE t.guild_id = g.guild_id AND t.started_at <= g.started_at
                                  AND (t.ended_at IS NULL OR t.ended_at > g.started_at)), 0)
                        AS season
               FROM games g JOIN answers a ON a.game_id = g.id
               WHERE g.guild_id IS NOT NULL AND g.ended_at IS NOT NULL AND ",
            $games,
            "
               GROUP BY g.id, a.user_id),
             k AS (
               SELECT s.*, 'all' AS kind, CAST(0 AS BIGINT) AS bucket,
                      CAST(0 AS BIGINT) AS in_season FROM s
               UNION ALL
               SELECT s.*, 'day', s.started_at / 86400000, s.season FROM s
               UNION ALL
               SELECT s.*, 'season', s.season, 0 FROM s WHERE s.season <> 0)
             INSERT INTO board_totals (guild_id, kind, bucket, season, show_id, user_id, points,
                                       games, answered, correct, wins)
             SELECT guild_id, kind, bucket, in_season, show_id, user_id,
                    CAST(SUM(points) AS BIGINT), COUNT(*), CAST(SUM(answered) AS BIGINT),
                    CAST(SUM(correct) AS BIGINT), CAST(SUM(won) AS BIGINT)
             FROM k
             WHERE TRUE
             GROUP BY guild_id, kind, bucket, in_season, show_id, user_id
             -- Rows in one order, so two games ending at once lock the
             -- rows they share in the same order.
             ORDER BY guild_id, kind, bucket, in_season, show_id, user_id
             ON CONFLICT (guild_id, kind, bucket, season, show_id, user_id) DO UPDATE SET
               points = board_totals.points + excluded.points,
               games = board_totals.games + excluded.games,
               answered = board_totals.answered + excluded.answered,
               correct = board_totals.correct + excluded.correct,
               wins = board_totals.wins + excluded.wins"
        )
    };
}

/// Adds the ended game `game` to its server's board totals, in the
/// transaction that ended it: call it once, when the game's row turned
/// from running to ended.
pub(crate) async fn tally(conn: &mut Conn<'_>, game: i64) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(add_to_totals!("g.id = $1"))
        .bind(game)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Adds to the board totals the game `game`, stored ended by other means
/// than a game's end (history brought in, benchmarks): once per game.
pub async fn add_ended(db: &Db, game: i64) -> Result<()> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_interactive().await?;
    tally(&mut tx.conn(), game).await?;
    tx.commit().await?;
    Ok(())
}

/// Every server with a game stored.
pub async fn servers_with_games(db: &Db) -> Result<Vec<u64>> {
    let ids: Vec<i64> = on!(db, |pool| sqlx::query_scalar(
        "SELECT DISTINCT guild_id FROM games WHERE guild_id IS NOT NULL ORDER BY 1"
    )
    .fetch_all(pool)
    .await)?;
    Ok(ids.into_iter().map(|id| id as u64).collect())
}

/// Counts `guild`'s board totals anew from its stored games and answers,
/// in one transaction: for games stored ended by other means than a game
/// (history brought in, benchmarks), and to check the running totals.
/// The server's pages are made anew.
pub async fn recount(db: &Db, guild: u64, at: i64) -> Result<()> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_interactive().await?;
    let mut conn = tx.conn();
    // No game's end adds to the totals between their removal and their
    // count (on SQLite the write turn keeps them apart already).
    on_conn!(
        &mut conn,
        sql = (
            "SELECT 1",
            "LOCK TABLE board_totals IN SHARE ROW EXCLUSIVE MODE"
        ),
        |cx| sqlx::query(sql)
            .execute(&mut **cx)
            .await
            .map(|r| r.rows_affected())
    )?;
    on_conn!(&mut conn, |cx| sqlx::query(
        "DELETE FROM board_totals WHERE guild_id = $1"
    )
    .bind(guild as i64)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    on_conn!(&mut conn, |cx| sqlx::query(add_to_totals!(
        "g.guild_id = $1"
    ))
    .bind(guild as i64)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    drop(_turn);
    // Pages remembered from the old totals are made anew.
    bump(db, guild, at).await
}
