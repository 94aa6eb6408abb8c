//! What a start would otherwise make again from rows, kept for the next
//! start by the build that made it, at a catalog version: each show's
//! question bank (as JSON) and the facts laid out for lookups (in the core's
//! binary form, in parts).

use anyhow::Result;

use super::{Db, on, on_conn};

/// The size of one part of the kept facts: small enough for a statement
/// of either backend, large enough that a million facts are a few dozen.
pub const PART: usize = 8 << 20;

/// `show`'s question bank as `maker` made it at catalog version
/// `version` (its questions as JSON), if it was kept.
pub async fn kept_bank(db: &Db, show: i64, version: i64, maker: &str) -> Result<Option<String>> {
    Ok(on!(db, |pool| sqlx::query_scalar(
        "SELECT questions FROM kept_banks
         WHERE show_id = $1 AND catalog_version = $2 AND maker = $3"
    )
    .bind(show)
    .bind(version)
    .bind(maker)
    .fetch_optional(pool)
    .await)?)
}

/// Keeps `show`'s question bank as `maker` made it at catalog version
/// `version`, in place of every bank kept for the show before: one
/// transaction, so a reader finds the old bank or the new, never none
/// half-written. A show the catalog no longer has keeps nothing.
pub async fn keep_bank(
    db: &Db,
    show: i64,
    (version, maker): (i64, &str),
    questions: &str,
    at: i64,
) -> Result<()> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_interactive().await?;
    let mut conn = tx.conn();
    on_conn!(&mut conn, |cx| sqlx::query(
        "DELETE FROM kept_banks WHERE show_id = $1"
    )
    .bind(show)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    on_conn!(&mut conn, |cx| sqlx::query(
        "INSERT INTO kept_banks (show_id, catalog_version, maker, made_at, questions)
         SELECT id, $2, $3, $4, $5 FROM shows WHERE id = $1"
    )
    .bind(show)
    .bind(version)
    .bind(maker)
    .bind(at)
    .bind(questions)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}

/// The facts as `maker` kept them at catalog `version`, their parts put
/// back together one at a time (no part is held twice), if they were kept.
pub async fn kept_facts(db: &Db, version: i64, maker: &str) -> Result<Option<Vec<u8>>> {
    let mut whole: Option<Vec<u8>> = None;
    for part in 0_i64.. {
        let bytes: Option<Vec<u8>> = on!(db, |pool| sqlx::query_scalar(
            "SELECT bytes FROM kept_facts
             WHERE catalog_version = $1 AND maker = $2 AND part = $3"
        )
        .bind(version)
        .bind(maker)
        .bind(part)
        .fetch_optional(pool)
        .await)?;
        match (bytes, &mut whole) {
            (None, _) => break,
            (Some(bytes), None) => whole = Some(bytes),
            (Some(bytes), Some(whole)) => whole.extend_from_slice(&bytes),
        }
    }
    Ok(whole)
}

/// Keeps the facts as `maker` made them at catalog `version`, their parts
/// as they come from `parts` (until it closes), in place of every form
/// kept before, in one transaction: a reader finds the old form or the
/// new whole, never half of one (and a form cut short by its writer fails
/// its checksum when read).
pub async fn keep_facts(
    db: &Db,
    (version, maker): (i64, &str),
    mut parts: tokio::sync::mpsc::Receiver<Vec<u8>>,
    at: i64,
) -> Result<()> {
    let _turn = db.turn_to_write().await;
    let mut tx = db.begin_interactive().await?;
    let mut conn = tx.conn();
    on_conn!(&mut conn, |cx| sqlx::query("DELETE FROM kept_facts")
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
    let mut part = 0_i64;
    while let Some(bytes) = parts.recv().await {
        on_conn!(&mut conn, |cx| sqlx::query(
            "INSERT INTO kept_facts (catalog_version, maker, part, made_at, bytes)
             VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(version)
        .bind(maker)
        .bind(part)
        .bind(at)
        .bind(&bytes)
        .execute(&mut **cx)
        .await
        .map(|r| r.rows_affected()))?;
        part += 1;
    }
    tx.commit().await?;
    Ok(())
}

/// How the seeds folder `folder` looked when `maker` last imported it
/// into the catalog, if it was recorded and the catalog has not changed
/// since: its print.
pub async fn seeds_look(db: &Db, folder: &str, maker: &str) -> Result<Option<String>> {
    Ok(on!(db, |pool| sqlx::query_scalar(
        "SELECT l.print FROM seed_looks l, versions v
         WHERE l.folder = $1 AND l.maker = $2
           AND v.name = 'catalog' AND v.value = l.catalog_version"
    )
    .bind(folder)
    .bind(maker)
    .fetch_optional(pool)
    .await)?)
}

/// Records how `folder` looked when `maker` read its seeds, inside the
/// import's transaction and after its writes, with the catalog's version
/// as that import leaves it.
pub async fn record_seeds_look(
    conn: &mut super::Conn<'_>,
    folder: &str,
    (print, maker): (&str, &str),
    at: i64,
) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "INSERT INTO seed_looks (folder, print, maker, catalog_version, looked_at)
         SELECT $1, $2, $3, value, $4 FROM versions WHERE name = 'catalog'
         ON CONFLICT (folder) DO UPDATE SET print = excluded.print, maker = excluded.maker,
             catalog_version = excluded.catalog_version, looked_at = excluded.looked_at"
    )
    .bind(folder)
    .bind(print)
    .bind(maker)
    .bind(at)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets how `folder` looked: its next import reads every file.
pub async fn forget_seeds_look(conn: &mut super::Conn<'_>, folder: &str) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "DELETE FROM seed_looks WHERE folder = $1"
    )
    .bind(folder)
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
