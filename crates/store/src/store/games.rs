//! Trivia tables: games, the questions asked, every answer, and the
//! leaderboards computed from them.

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::versions::{self, Versions};
use super::{Conn, Db, lite_now, on, on_conn, pg_now};

/// A game about to start.
#[derive(Debug, Clone)]
pub struct NewGame {
    /// Server, if any.
    pub guild: Option<u64>,
    /// Channel.
    pub channel: u64,
    /// Show row.
    pub show_id: i64,
    /// Who started it.
    pub starter: u64,
    /// `choices` or `typed`.
    pub mode: &'static str,
    /// Questions it will ask.
    pub questions: usize,
    /// Seconds per question.
    pub seconds: u32,
    /// Last episode order in scope.
    pub up_to: i64,
    /// Whether it goes past the channel's horizon.
    pub spoilers: bool,
    /// Language filter.
    pub language: Option<&'static str>,
    /// When it started (ms since the epoch).
    pub started_at: i64,
}

/// One member's line on a leaderboard.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Leader {
    /// The member.
    #[sqlx(rename = "user_id", try_from = "i64")]
    pub user: u64,
    /// Points.
    pub points: i64,
    /// Games played.
    pub games: i64,
    /// Games won (top scorer of a finished game).
    pub wins: i64,
    /// Questions answered.
    pub answered: i64,
    /// Questions answered correctly.
    pub correct: i64,
}

/// How long a game's lease lasts past its last renewal (ms), unless the
/// process is told otherwise (`GAME_LEASE_SECONDS`). Renewed every third
/// of it, so a process that dies has its games found within a lease and
/// a renewal: 40 s.
pub const DEFAULT_LEASE_MS: i64 = 30_000;

/// The statement that records a new game, its lease ending `$13` ms from
/// now.
macro_rules! insert_game {
    ($now:expr) => {
        concat!(
            "INSERT INTO games (guild_id, channel_id, show_id, starter, mode, questions, seconds,
                                up_to, spoilers, language, status, started_at, owner, lease_until)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'running', $11, $12, ",
            $now,
            " + $13) RETURNING id"
        )
    };
}

/// Records a new game owned by `owner`; returns its id, or `None` when a
/// game is running in that channel already (started by any process).
pub async fn create(db: &Db, g: &NewGame, owner: i64, lease_ms: i64) -> Result<Option<i64>> {
    let made: Result<i64, sqlx::Error> = on!(
        db,
        sql = (insert_game!(lite_now!()), insert_game!(pg_now!())),
        |pool| sqlx::query_scalar(sql)
            .bind(g.guild.map(|g| g as i64))
            .bind(g.channel as i64)
            .bind(g.show_id)
            .bind(g.starter as i64)
            .bind(g.mode)
            .bind(g.questions as i64)
            .bind(g.seconds as i64)
            .bind(g.up_to)
            .bind(g.spoilers)
            .bind(g.language)
            .bind(g.started_at)
            .bind(owner)
            .bind(lease_ms)
            .fetch_one(pool)
            .await
    );
    match made {
        Ok(id) => Ok(Some(id)),
        // Only the one-running-game index says "a game runs here": any
        // other clash is a fault to report.
        Err(sqlx::Error::Database(e))
            if e.is_unique_violation()
                && e.constraint()
                    .map_or(e.message().contains("games.channel_id"), |c| {
                        c == "games_one_running_per_channel"
                    }) =>
        {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// One thing a game writes as it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// A question was asked.
    Asked {
        /// Its number in the game, from 1.
        number: usize,
        /// The question's key.
        key: String,
    },
    /// A member's answer, with its verdict.
    Answered {
        /// The question's number.
        number: usize,
        /// The member.
        user: u64,
        /// What they answered.
        answer: String,
        /// Whether it was right.
        correct: bool,
        /// Milliseconds after the question was asked.
        after_ms: u64,
    },
    /// A question was revealed, with the points it gave (to each member's
    /// correct answer).
    Revealed {
        /// The question's number.
        number: usize,
        /// Whether it was skipped.
        skipped: bool,
        /// Points per member.
        points: Vec<(u64, u32)>,
    },
    /// The game ended.
    Ended {
        /// finished, stopped or interrupted.
        status: &'static str,
        /// The top scorer of a finished game.
        winner: Option<u64>,
    },
}

/// Writes what one step of a game did, all or nothing, in one transaction,
/// and returns the versions of gates and catalog as of that commit (what
/// the step's replies may then be rendered under). The game's state in
/// memory changes only after this succeeds, so a failed write leaves the
/// game as it was. (Leases are renewed apart, for
/// all of a process's games at once: [`renew_leases`].)
pub async fn apply(db: &Db, game: i64, writes: &[Write], at: i64) -> Result<Versions> {
    let _turn = db.turn_to_write().await;
    // A member's answer, the most common step, is one statement, its own
    // transaction, and reads the versions as it commits: one round trip
    // (on SQLite; on PostgreSQL its wait for locks is bounded in a
    // transaction of its own).
    if let [answered @ Write::Answered { .. }] = writes
        && !db.is_postgres()
    {
        return answer(db, game, answered, at).await;
    }
    let mut tx = db.begin_interactive().await?;
    let mut conn = tx.conn();
    for w in writes {
        write(&mut conn, game, w, at).await?;
    }
    let seen = versions::read_in(&mut conn).await?;
    tx.commit().await?;
    Ok(seen)
}

pub use super::outbox::Posting;

/// What became of a step stored with its posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// Stored: the versions as it committed, and the posts' places in the
    /// outbox, in order.
    Stored {
        /// The versions as of the commit.
        seen: Versions,
        /// The outbox rows of the posts.
        posts: Vec<i64>,
    },
    /// Nothing stored: progress, horizons or the catalog changed since the
    /// posts were rendered (now at these versions). Render them again and
    /// store anew, so nothing posted is staler than its step.
    Stale(Versions),
}

/// Stores a step as [`apply`] does, and in the same transaction the posts
/// it makes: a step is stored with its posts or not at all.
pub async fn apply_posting(
    db: &Db,
    game: i64,
    writes: &[Write],
    at: i64,
    posting: &Posting<'_>,
) -> Result<Applied> {
    if posting.replies.is_empty() {
        let seen = apply(db, game, writes, at).await?;
        return Ok(Applied::Stored {
            seen,
            posts: Vec::new(),
        });
    }
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_interactive().await?;
    let mut conn = tx.conn();
    for w in writes {
        write(&mut conn, game, w, at).await?;
    }
    let seen = versions::read_in(&mut conn).await?;
    if seen != posting.rendered_at {
        // Dropped unstored: rolled back.
        return Ok(Applied::Stale(seen));
    }
    let posts = super::outbox::put(
        &mut conn,
        posting.holder,
        Some(game),
        posting.channel,
        &posting.replies,
    )
    .await?;
    tx.commit().await?;
    Ok(Applied::Stored { seen, posts })
}

/// The statement that stores a member's answer and reads the versions as
/// of it, with its arguments bound, for either backend.
macro_rules! answer_statement {
    ($game:expr, $w:expr, $at:expr) => {{
        let Write::Answered {
            number,
            user,
            answer,
            correct,
            after_ms,
        } = $w
        else {
            anyhow::bail!("not an answer: {:?}", $w);
        };
        sqlx::query_as(
            "INSERT INTO answers (game_id, number, user_id, answer, correct, after_ms,
                 answered_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             RETURNING (SELECT value FROM versions WHERE name = 'gates'),
                       (SELECT value FROM versions WHERE name = 'catalog')",
        )
        .bind($game)
        .bind(*number as i64)
        .bind(*user as i64)
        .bind(answer)
        .bind(correct)
        .bind(*after_ms as i64)
        .bind($at)
    }};
}

/// Stores a member's answer (`w`, a [`Write::Answered`]) and returns the
/// versions as of that statement: one round trip.
async fn answer(db: &Db, game: i64, w: &Write, at: i64) -> Result<Versions> {
    let (gates, catalog): (i64, i64) = on!(db, |pool| answer_statement!(game, w, at)
        .fetch_one(pool)
        .await)?;
    Ok(Versions { gates, catalog })
}

/// [`answer`] inside a transaction.
async fn answer_in(conn: &mut Conn<'_>, game: i64, w: &Write, at: i64) -> Result<Versions> {
    let (gates, catalog): (i64, i64) = on_conn!(conn, |cx| answer_statement!(game, w, at)
        .fetch_one(&mut **cx)
        .await)?;
    Ok(Versions { gates, catalog })
}

/// One write of a game step (a reveal is several statements: call it in a
/// transaction).
async fn write(tx: &mut Conn<'_>, game: i64, w: &Write, at: i64) -> Result<()> {
    match w {
        Write::Asked { number, key } => {
            on_conn!(tx, |cx| {
                sqlx::query(
                    "INSERT INTO rounds (game_id, number, question_key, asked_at) VALUES ($1,
                     $2, $3, $4)",
                )
                .bind(game)
                .bind(*number as i64)
                .bind(key)
                .bind(at)
                .execute(&mut **cx)
                .await
                .map(|r| r.rows_affected())
            })?;
        }
        Write::Answered { .. } => {
            answer_in(tx, game, w, at).await?;
        }
        Write::Revealed {
            number,
            skipped,
            points,
        } => {
            on_conn!(tx, |cx| {
                sqlx::query(
                    "UPDATE rounds SET revealed_at = $1, skipped = $2 WHERE game_id = $3 AND
                     number = $4",
                )
                .bind(at)
                .bind(skipped)
                .bind(game)
                .bind(*number as i64)
                .execute(&mut **cx)
                .await
                .map(|r| r.rows_affected())
            })?;
            for (user, p) in points {
                on_conn!(tx, |cx| {
                    sqlx::query(
                        "UPDATE answers SET points = $1 WHERE game_id = $2 AND
                         number = $3 AND user_id = $4 AND correct = TRUE",
                    )
                    .bind(i64::from(*p))
                    .bind(game)
                    .bind(*number as i64)
                    .bind(*user as i64)
                    .execute(&mut **cx)
                    .await
                    .map(|r| r.rows_affected())
                })?;
            }
        }
        Write::Ended { status, winner } => {
            let ended = on_conn!(tx, |cx| {
                sqlx::query(
                    "UPDATE games SET status = $1, ended_at = $2, winner = $3
                     WHERE id = $4 AND status = 'running'",
                )
                .bind(status)
                .bind(at)
                .bind(winner.map(|w| w as i64))
                .bind(game)
                .execute(&mut **cx)
                .await
                .map(|r| r.rows_affected())
            })?;
            if ended == 1 {
                super::web::tally(tx, game).await?;
            }
        }
    }
    Ok(())
}

/// Renews for `lease_ms` from now the lease of the running games `games`
/// that `owner` holds: only games a process holds in memory stay its own,
/// so a row it could not start or end properly runs out and is ended.
pub async fn renew_leases(db: &Db, owner: i64, games: &[i64], lease_ms: i64) -> Result<()> {
    if games.is_empty() {
        return Ok(());
    }
    on!(
        db,
        sql = (
            concat!(
                "UPDATE games SET lease_until = ",
                lite_now!(),
                " + $1 WHERE owner = $2 AND status = 'running'
                   AND id IN (SELECT value FROM json_each($3))"
            ),
            concat!(
                "UPDATE games SET lease_until = ",
                pg_now!(),
                " + $1 WHERE owner = $2 AND status = 'running'
                   AND id IN (SELECT CAST(value AS BIGINT)
                              FROM json_array_elements_text(CAST($3 AS JSON)) AS r (value))"
            )
        ),
        |pool| sqlx::query(sql)
            .bind(lease_ms)
            .bind(owner)
            .bind(serde_json::to_string(games)?)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    )?;
    Ok(())
}

/// Marks interrupted every running game whose owner stopped renewing its
/// lease (a process that was killed or restarted): their revealed
/// questions keep their points. Live games of other processes are left
/// alone.
/// Returns each such game: its id, channel and language, if it had one.
pub async fn interrupt_abandoned(db: &Db, at: i64) -> Result<Vec<(i64, u64, Option<String>)>> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_interactive().await?;
    let mut conn = tx.conn();
    let rows: Vec<(i64, i64, Option<String>)> = on_conn!(
        &mut conn,
        sql = (
            concat!(
                "UPDATE games SET status = 'interrupted', ended_at = $1
                 WHERE status = 'running' AND (lease_until IS NULL OR lease_until < ",
                lite_now!(),
                ") RETURNING id, channel_id, language"
            ),
            concat!(
                "UPDATE games SET status = 'interrupted', ended_at = $1
                 WHERE status = 'running' AND (lease_until IS NULL OR lease_until < ",
                pg_now!(),
                ") RETURNING id, channel_id, language"
            )
        ),
        |cx| sqlx::query_as(sql).bind(at).fetch_all(&mut **cx).await
    )?;
    for (game, ..) in &rows {
        super::web::tally(&mut conn, *game).await?;
    }
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(id, channel, language)| (id, channel as u64, language))
        .collect())
}

/// How many answers are stored, in every game.
pub async fn answer_count(db: &Db) -> Result<i64> {
    let (n,): (i64,) = on!(db, |pool| sqlx::query_as("SELECT COUNT(*) FROM answers")
        .fetch_one(pool)
        .await)?;
    Ok(n)
}

/// Points each member earned in one game, from the stored answers.
pub async fn game_points(db: &Db, game: i64) -> Result<HashMap<u64, i64>> {
    let rows: Vec<(i64, i64)> = on!(db, |pool| {
        sqlx::query_as(
            "SELECT user_id, CAST(SUM(points) AS BIGINT) FROM answers WHERE game_id = $1
             GROUP BY user_id",
        )
        .bind(game)
        .fetch_all(pool)
        .await
    })?;
    Ok(rows.into_iter().map(|(u, p)| (u as u64, p)).collect())
}

/// The number of the last question a game asked, if any.
pub async fn last_asked(db: &Db, game: i64) -> Result<Option<usize>> {
    let last: Option<i64> = on!(db, |pool| sqlx::query_scalar(
        "SELECT MAX(number) FROM rounds WHERE game_id = $1"
    )
    .bind(game)
    .fetch_one(pool)
    .await)?;
    Ok(last.map(|n| n as usize))
}

/// How a game stands in the database: its status and winner.
pub async fn game_status(db: &Db, game: i64) -> Result<(String, Option<u64>)> {
    let (status, winner): (String, Option<i64>) = on!(db, |pool| sqlx::query_as(
        "SELECT status, winner FROM games WHERE id = $1"
    )
    .bind(game)
    .fetch_one(pool)
    .await)?;
    Ok((status, winner.map(|w| w as u64)))
}

/// Keys of the questions asked lately in a channel, newest first.
pub async fn recent_questions(db: &Db, channel: u64, limit: i64) -> Result<HashSet<String>> {
    let keys: Vec<String> = on!(db, |pool| sqlx::query_scalar(
        "SELECT r.question_key FROM rounds r JOIN games g ON g.id = r.game_id
         WHERE g.channel_id = $1 ORDER BY r.asked_at DESC LIMIT $2",
    )
    .bind(channel as i64)
    .bind(limit)
    .fetch_all(pool)
    .await)?;
    Ok(keys.into_iter().collect())
}

/// The leaderboard's statement, the server's games picked by
/// `guild_id $server`.
macro_rules! leaderboard_sql {
    ($server:literal) => {
        concat!(
            "SELECT a.user_id,
                    CAST(SUM(a.points) AS BIGINT) AS points,
                    COUNT(DISTINCT a.game_id) AS games,
                    (SELECT COUNT(*) FROM games w
                      WHERE w.winner = a.user_id AND w.status = 'finished' AND w.show_id = $2
                        AND w.guild_id ",
            $server,
            " AND w.started_at >= $3 AND w.started_at < $5
                        AND (CAST($4 AS BIGINT) IS NULL OR w.channel_id = $4)) AS wins,
                    COUNT(DISTINCT a.game_id || ':' || a.number) AS answered,
                    COUNT(DISTINCT CASE WHEN a.correct = TRUE THEN a.game_id || ':' || a.number END)
                      AS correct
             FROM answers a JOIN games g ON g.id = a.game_id
             WHERE g.guild_id ",
            $server,
            " AND g.show_id = $2 AND g.started_at >= $3 AND g.started_at < $5
               AND (CAST($4 AS BIGINT) IS NULL OR g.channel_id = $4)
             GROUP BY a.user_id
             ORDER BY 2 DESC, 4 DESC, 1"
        )
    };
}

/// A server's leaderboard for a show, over games started from `since`
/// and before `until` (ms since the epoch; without bound when `None`), best
/// first; with `channel`, only that channel's games (a direct message has
/// no server: its games are its own).
pub async fn leaderboard(
    db: &Db,
    guild: Option<u64>,
    channel: Option<u64>,
    show_id: i64,
    (since, until): (Option<i64>, Option<i64>),
) -> Result<Vec<Leader>> {
    // A server's games, or a direct message's (no server): two texts, so
    // that each compares the server as the games_by_guild index can use.
    let sql = match guild {
        Some(_) => leaderboard_sql!("= $1"),
        None => leaderboard_sql!("IS NULL AND CAST($1 AS BIGINT) IS NULL"),
    };
    Ok(on!(db, |pool| sqlx::query_as(sql)
        .bind(guild.map(|g| g as i64))
        .bind(show_id)
        .bind(since.unwrap_or(i64::MIN))
        .bind(channel.map(|c| c as i64))
        .bind(until.unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await)?)
}
