//! The versions of what replies depend on (the migrations' `versions`
//! table): progress and horizons ('gates', bumped by triggers) and the
//! catalog ('catalog', bumped by every import in its own transaction).

use anyhow::Result;

use super::{Conn, Db, on, on_conn};

/// The versions as one process last saw them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Versions {
    /// Progress and horizons.
    pub gates: i64,
    /// Shows, episodes, recaps, roster, facts and questions.
    pub catalog: i64,
}

const READ: &str = "SELECT name, value FROM versions";

fn versions(rows: Vec<(String, i64)>) -> Versions {
    let mut v = Versions::default();
    for (name, value) in rows {
        match name.as_str() {
            "gates" => v.gates = value,
            "catalog" => v.catalog = value,
            _ => {}
        }
    }
    v
}

/// Reads both versions (one look-up of a two-row table).
pub async fn read(db: &Db) -> Result<Versions> {
    let rows = on!(db, |pool| sqlx::query_as(READ).fetch_all(pool).await)?;
    Ok(versions(rows))
}

/// Reads both versions on `conn` (inside its transaction, if it has one).
pub(crate) async fn read_in(conn: &mut Conn<'_>) -> Result<Versions> {
    let rows = on_conn!(conn, |cx| sqlx::query_as(READ).fetch_all(&mut **cx).await)?;
    Ok(versions(rows))
}

/// Marks the catalog changed, inside the transaction that changed it.
pub async fn catalog_changed(conn: &mut Conn<'_>) -> Result<()> {
    on_conn!(conn, |cx| sqlx::query(
        "UPDATE versions SET value = value + 1 WHERE name = 'catalog'"
    )
    .execute(&mut **cx)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks progress and horizons changed without saying what changed, as a
/// hand edit of the database would: every process forgets every gate.
pub async fn gates_changed(db: &Db) -> Result<()> {
    on!(db, |pool| sqlx::query(
        "UPDATE versions SET value = value + 1 WHERE name = 'gates'"
    )
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
