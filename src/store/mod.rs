//! The database: `Db` owns the SQLite pool; every SQL statement of the
//! project lives in this module, grouped by table.

pub mod catalog;
pub mod games;
pub mod lookup;
pub mod members;
pub mod quiz;
pub mod reviews;
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
    /// The database file, if it is one (not in memory).
    file: Option<std::path::PathBuf>,
    /// Hot writes of this process take turns here, in order, instead of in
    /// SQLite's busy handler, which sleeps for milliseconds between tries.
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// An import's page cache: 64 MiB, since a large import touches many index
/// pages and a small cache makes it spill to disk.
pub const IMPORT_CACHE: &str = "PRAGMA cache_size = -65536";

/// The page cache of a connection that serves (see `Db::connect`).
pub const SERVING_CACHE: &str = "PRAGMA cache_size = -8192";

/// What the file system says of a database's files: a commit by any
/// process changes it. In WAL mode every commit bumps the change counter
/// in the `-shm` file's header (what `PRAGMA data_version` reads) and
/// appends to the `-wal` file; a checkpoint rewrites the main file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    files: [(Option<std::time::SystemTime>, u64); 2],
    /// The first 48 bytes of the `-shm` file: the WAL index header.
    header: [u8; 48],
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

/// Copies the write-ahead log back into the database now and then, in the
/// background: a commit never pays for a checkpoint. Passive, so it waits
/// for no reader or writer. Ends when the pool is closed; the last
/// connection to close checkpoints what is left.
async fn checkpoints(pool: SqlitePool) {
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if pool.is_closed() {
            return;
        }
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            if pool.is_closed() {
                return;
            }
            tracing::debug!(error = %e, "a background checkpoint did not run");
        }
    }
}

/// Whether opening failed only because another process was creating or
/// migrating the same database at that moment: the database was busy, or
/// a migration met what the other process's copy of it had just made (a
/// table, a column, its row in the migrations table).
fn lost_a_race(e: &anyhow::Error) -> bool {
    let text = format!("{e:#}");
    [
        "database is locked",
        "busy",
        "already exists",
        "duplicate column",
        "UNIQUE constraint failed: _sqlx_migrations",
    ]
    .iter()
    .any(|sign| text.contains(sign))
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
            // 8 MiB of page cache per connection: lookups read from memory,
            // not from here. An import's connection takes more while it
            // writes (`IMPORT_CACHE`).
            .pragma("cache_size", "-8192")
            // Checkpoints run off the request path (`checkpoints` below),
            // not inside whichever commit crosses the threshold.
            .pragma("wal_autocheckpoint", "0");
        // An in-memory database exists once per connection: keep just one.
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        // Processes starting together on a new database race to create it
        // and to migrate it: the loser of a race sees "database is locked"
        // or "table ... already exists" (each migration is one
        // transaction, so nothing is half-applied). It waits and tries
        // again, and then finds the work done.
        let mut attempt = 0u64;
        loop {
            let file = (!in_memory).then(|| options.get_filename().to_path_buf());
            match Self::open(url, options.clone(), in_memory, file).await {
                Ok(db) => return Ok(db),
                Err(e) if attempt < 40 && lost_a_race(&e) => {
                    attempt += 1;
                    let jitter = u64::from(std::process::id()) % 37;
                    tokio::time::sleep(Duration::from_millis(25 * attempt.min(8) + jitter)).await;
                }
                Err(e) => return Err(e),
            }
        }
    }

    async fn open(
        url: &str,
        options: SqliteConnectOptions,
        in_memory: bool,
        file: Option<std::path::PathBuf>,
    ) -> Result<Db> {
        let pool = SqlitePoolOptions::new()
            .max_connections(if in_memory { 1 } else { 4 })
            // A connection to a local file does not go stale: testing it
            // with a ping before each use was a second round trip to its
            // worker thread for every query.
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open the database {url}"))?;
        MIGRATOR
            .run(&pool)
            .await
            .with_context(|| format!("cannot bring the database {url} up to date"))?;
        let db = Db {
            pool,
            file,
            writer: Default::default(),
        };
        if !in_memory {
            tokio::spawn(checkpoints(db.pool.clone()));
        }
        Ok(db)
    }

    /// The database files' stamp: when it is the same as before, no process
    /// has committed anything since (a `stat` of two files, no query).
    /// `None` for a database in memory, which only this process sees.
    pub fn stamp(&self) -> Option<Stamp> {
        let file = self.file.as_ref()?;
        let of = |path: &std::path::Path| {
            std::fs::metadata(path).map_or((None, 0), |m| (m.modified().ok(), m.len()))
        };
        let sibling = |suffix: &str| {
            let mut path = file.clone().into_os_string();
            path.push(suffix);
            std::path::PathBuf::from(path)
        };
        let mut header = [0u8; 48];
        if let Ok(mut shm) = std::fs::File::open(sibling("-shm")) {
            use std::io::Read;
            let _ = shm.read(&mut header);
        }
        Some(Stamp {
            files: [of(file), of(&sibling("-wal"))],
            header,
        })
    }

    /// Waits for this process's turn to write (see `writer`).
    pub async fn turn_to_write(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.writer.lock().await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_commit_of_any_connection_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("s.db").display());
        let ours = Db::connect(&url).await.unwrap();
        let theirs = Db::connect(&url).await.unwrap();
        let mut last = ours.stamp().unwrap();
        assert_eq!(ours.stamp().unwrap(), last, "nothing committed");
        for i in 0..50 {
            // Many small commits in a row, faster than file times tick.
            sqlx::query("UPDATE versions SET value = ? WHERE name = 'gates'")
                .bind(i + 1)
                .execute(theirs.pool())
                .await
                .unwrap();
            let now = ours.stamp().unwrap();
            assert_ne!(now, last, "commit {i} went unseen");
            last = now;
        }
        // A checkpoint that restarts the log is a change too.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(theirs.pool())
            .await
            .unwrap();
        sqlx::query("UPDATE versions SET value = 100 WHERE name = 'gates'")
            .execute(theirs.pool())
            .await
            .unwrap();
        assert_ne!(ours.stamp().unwrap(), last);
        let memory = Db::connect("sqlite::memory:").await.unwrap();
        assert_eq!(memory.stamp(), None);
    }
}
