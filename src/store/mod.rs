//! The database: `Db` owns the SQLite pool; every SQL statement of the
//! project lives in this module, grouped by table.

pub mod catalog;
pub mod games;
pub mod lookup;
pub mod members;
pub mod quiz;
pub mod versions;

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Serialize;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// The migrations in `migrations/`, built into the binary.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The database behind the bot.
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
}

/// How much the catalog holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Shows.
    pub shows: i64,
    /// Episodes with at least one recap.
    pub episodes: i64,
    /// Recaps (one per episode and language).
    pub recaps: i64,
    /// Characters, roles and productions.
    pub characters: i64,
    /// Facts (recap sentences).
    pub facts: i64,
    /// Character mentions in facts.
    pub mentions: i64,
    /// Numbers in facts.
    pub numbers: i64,
}

impl Db {
    /// Opens (creating it when missing) the database at `url`, such as
    /// `sqlite://cliffhanger.db`, and brings its schema up to date.
    pub async fn connect(url: &str) -> Result<Db> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| {
                format!("\"{url}\" is not a SQLite database URL (try sqlite://cliffhanger.db)")
            })?
            .create_if_missing(true)
            .foreign_keys(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            // 64 MiB of page cache per connection: a large import touches many
            // index pages, and the default 2 MiB makes it spill to disk.
            .pragma("cache_size", "-65536");
        // An in-memory database exists once per connection: keep just one.
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(if in_memory { 1 } else { 4 })
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open the database {url}"))?;
        MIGRATOR
            .run(&pool)
            .await
            .with_context(|| format!("cannot bring the database {url} up to date"))?;
        Ok(Db { pool })
    }

    /// The connection pool.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Closes every connection, so the database files are complete on disk.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Counts what the catalog holds.
    pub async fn totals(&self) -> Result<Totals> {
        let row: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM shows), (SELECT COUNT(*) FROM episodes),
                    (SELECT COUNT(*) FROM recaps), (SELECT COUNT(*) FROM characters),
                    (SELECT COUNT(*) FROM facts), (SELECT COUNT(*) FROM mentions),
                    (SELECT COUNT(*) FROM numbers)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(Totals {
            shows: row.0,
            episodes: row.1,
            recaps: row.2,
            characters: row.3,
            facts: row.4,
            mentions: row.5,
            numbers: row.6,
        })
    }
}
