//! The outbox: what a game step posts to its channel, stored in the
//! step's own transaction and deleted once posted. Each post is held by a
//! process under a lease, as games are: the process that stored it posts
//! it and renews the lease while it runs; once the lease runs out (the
//! process died), or its game is found abandoned, another process claims
//! it and posts it. Posts of a channel go out in the order of their ids.

use anyhow::{Context, Result};

use super::versions::Versions;
use super::{Conn, Db, lite_now, on, on_conn, pg_now};
use crate::reply::Reply;

/// One stored post.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// Its row: posts of a channel go out in this order.
    pub id: i64,
    /// Where it goes.
    pub channel: u64,
    /// The game whose step made it; `None` for a post of the schedule
    /// (a question of the day).
    pub game: Option<i64>,
    /// What it says.
    pub reply: Reply,
}

/// The statement that stores one post, its lease ending `$5` ms from now.
macro_rules! insert_post {
    ($now:expr) => {
        concat!(
            "INSERT INTO outbox (channel_id, game_id, reply, owner, lease_until)
             VALUES ($1, $2, $3, $4, ",
            $now,
            " + $5) RETURNING id"
        )
    };
}

/// Stores the posts of one step of `game` (or of the schedule), inside
/// the step's transaction, held by `owner`. Returns their ids, in order.
pub async fn put(
    conn: &mut Conn<'_>,
    (owner, lease_ms): (i64, i64),
    game: Option<i64>,
    channel: u64,
    replies: &[&Reply],
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(replies.len());
    for reply in replies {
        let body = serde_json::to_string(reply)?;
        let id: i64 = on_conn!(
            conn,
            sql = (insert_post!(lite_now!()), insert_post!(pg_now!())),
            |cx| sqlx::query_scalar(sql)
                .bind(channel as i64)
                .bind(game)
                .bind(&body)
                .bind(owner)
                .bind(lease_ms)
                .fetch_one(&mut **cx)
                .await
        )?;
        ids.push(id);
    }
    Ok(ids)
}

/// What a step (of a game, or of the schedule) posts to its channel,
/// stored with it in the outbox.
#[derive(Debug)]
pub struct Posting<'a> {
    /// The process that will post them, and how long it holds them (ms).
    pub holder: (i64, i64),
    /// Where they go.
    pub channel: u64,
    /// The channel's posts, in order.
    pub replies: Vec<&'a Reply>,
    /// The versions they were rendered under.
    pub rendered_at: Versions,
}

/// Stores the posts of a scheduled action (no game's), inside its
/// transaction. Returns their ids, in order.
pub(crate) async fn put_scheduled(conn: &mut Conn<'_>, posting: &Posting<'_>) -> Result<Vec<i64>> {
    put(
        conn,
        posting.holder,
        None,
        posting.channel,
        &posting.replies,
    )
    .await
}

type Row = (i64, i64, Option<i64>, String);

fn posts(rows: Vec<Row>) -> Result<Vec<Post>> {
    let mut posts = rows
        .into_iter()
        .map(|(id, channel, game, body)| {
            let reply = serde_json::from_str(&body)
                .with_context(|| format!("post {id} of the outbox cannot be read"))?;
            Ok(Post {
                id,
                channel: channel as u64,
                game,
                reply,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    posts.sort_by_key(|p| p.id);
    Ok(posts)
}

/// The posts `owner` holds for `channel`, in order.
pub async fn pending(db: &Db, owner: i64, channel: u64) -> Result<Vec<Post>> {
    let rows: Vec<Row> = on!(db, |pool| sqlx::query_as(
        "SELECT id, channel_id, game_id, reply FROM outbox
         WHERE owner = $1 AND channel_id = $2 ORDER BY id"
    )
    .bind(owner)
    .bind(channel as i64)
    .fetch_all(pool)
    .await)?;
    posts(rows)
}

/// These posts went out (or their channel is gone): they are forgotten.
pub async fn done(db: &Db, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(ids)?;
    on!(
        db,
        sql = (
            "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each($1))",
            "DELETE FROM outbox WHERE id IN (SELECT CAST(value AS BIGINT)
               FROM json_array_elements_text(CAST($1 AS JSON)) AS r (value))"
        ),
        |pool| sqlx::query(sql)
            .bind(&ids)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    )?;
    Ok(())
}

/// The channel cannot be posted to any more: nothing is kept for it.
pub async fn forget_channel(db: &Db, channel: u64) -> Result<()> {
    on!(db, |pool| sqlx::query(
        "DELETE FROM outbox WHERE channel_id = $1"
    )
    .bind(channel as i64)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Renews the leases of every post `owner` holds.
pub async fn renew(db: &Db, owner: i64, lease_ms: i64) -> Result<()> {
    on!(
        db,
        sql = (
            concat!(
                "UPDATE outbox SET lease_until = ",
                lite_now!(),
                " + $1 WHERE owner = $2"
            ),
            concat!(
                "UPDATE outbox SET lease_until = ",
                pg_now!(),
                " + $1 WHERE owner = $2"
            )
        ),
        |pool| sqlx::query(sql)
            .bind(lease_ms)
            .bind(owner)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    )?;
    Ok(())
}

/// Makes `owner` the holder of every post whose lease ran out, and of
/// every post of these `games` (found abandoned), and returns them in
/// order.
pub async fn claim(db: &Db, owner: i64, lease_ms: i64, games: &[i64]) -> Result<Vec<Post>> {
    let games = serde_json::to_string(games)?;
    let rows: Vec<Row> = on!(
        db,
        sql = (
            concat!(
                "UPDATE outbox SET owner = $1, lease_until = ",
                lite_now!(),
                " + $2 WHERE owner <> $1 AND (lease_until < ",
                lite_now!(),
                " OR game_id IN (SELECT value FROM json_each($3)))
                 RETURNING id, channel_id, game_id, reply"
            ),
            concat!(
                "UPDATE outbox SET owner = $1, lease_until = ",
                pg_now!(),
                " + $2 WHERE owner <> $1 AND (lease_until < ",
                pg_now!(),
                " OR game_id IN (SELECT CAST(value AS BIGINT)
                     FROM json_array_elements_text(CAST($3 AS JSON)) AS r (value)))
                 RETURNING id, channel_id, game_id, reply"
            )
        ),
        |pool| sqlx::query_as(sql)
            .bind(owner)
            .bind(lease_ms)
            .bind(&games)
            .fetch_all(pool)
            .await
    )?;
    posts(rows)
}
