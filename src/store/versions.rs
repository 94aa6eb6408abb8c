//! The versions of what replies depend on (`migrations/0005_versions.sql`):
//! progress and horizons ('gates', bumped by triggers) and the catalog
//! ('catalog', bumped by every import in its own transaction).

use anyhow::Result;
use sqlx::SqliteConnection;

use super::Db;

/// The versions as one process last saw them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Versions {
    /// Progress and horizons.
    pub gates: i64,
    /// Shows, episodes, recaps, roster, facts and questions.
    pub catalog: i64,
}

/// Reads both versions (one look-up of a two-row table).
pub async fn read(db: &Db) -> Result<Versions> {
    let mut conn = db.pool().acquire().await?;
    read_in(&mut conn).await
}

/// Reads both versions on `conn` (inside its transaction, if it has one).
pub async fn read_in(conn: &mut SqliteConnection) -> Result<Versions> {
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT name, value FROM versions")
        .fetch_all(conn)
        .await?;
    let mut v = Versions::default();
    for (name, value) in rows {
        match name.as_str() {
            "gates" => v.gates = value,
            "catalog" => v.catalog = value,
            _ => {}
        }
    }
    Ok(v)
}

/// Marks the catalog changed, inside the transaction that changed it.
pub async fn catalog_changed(conn: &mut SqliteConnection) -> Result<()> {
    sqlx::query("UPDATE versions SET value = value + 1 WHERE name = 'catalog'")
        .execute(conn)
        .await?;
    Ok(())
}
