//! The database: `Db` owns the pool of one of two backends, SQLite (the
//! embedded default) or PostgreSQL (for many processes), chosen by the URL.
//! Every SQL statement of the project lives in this module, grouped by
//! table. A statement both backends read alike is written once, with `$1`
//! placeholders, and run on either through [`on!`]; where they differ,
//! each backend gets its own text (see "Adding a query" in docs/development.md).

pub mod announce;
pub mod catalog;
pub mod daily;
pub mod games;
pub mod kept;
pub mod lookup;
pub mod members;
pub mod outbox;
pub mod packs;
pub mod planned;
pub mod quiz;
pub mod reviews;
pub mod rewatch;
pub mod schedule;
pub mod seasons;
pub mod versions;
pub mod web;

mod listen;

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Serialize;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, SqliteConnection, SqlitePool};

/// The SQLite migrations in `migrations/sqlite/`, built into the binary.
static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");

/// The PostgreSQL migrations in `migrations/postgres/`.
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

/// Runs `$body` on whichever backend `$value` (a [`Pool`] or a [`Conn`],
/// named by `$kind`) holds, with `$handle` bound to it. The body is
/// compiled once per backend, so its statement must read the same on
/// both; `$sql = (lite, pg)` binds `$sql` to the text of the backend at
/// hand where they differ. Used through [`on!`] and [`on_conn!`].
macro_rules! on_backend {
    ($kind:ident, $value:expr, |$handle:ident| $body:expr) => {
        $crate::store::on_backend!($kind, $value, _sql = ((), ()), |$handle| $body)
    };
    ($kind:ident, $value:expr, $sql:ident = ($lite:expr, $pg:expr), |$handle:ident| $body:expr) => {
        match $value {
            $crate::store::$kind::Lite($handle) => {
                let $sql = $lite;
                $body
            }
            $crate::store::$kind::Pg($handle) => {
                let $sql = $pg;
                $body
            }
        }
    };
}
pub(crate) use on_backend;

/// [`on_backend!`] for a [`Db`]: `$pool` is bound to its pool.
macro_rules! on {
    ($db:expr, $($rest:tt)*) => {
        $crate::store::on_backend!(Pool, $db.pool(), $($rest)*)
    };
}
pub(crate) use on;

/// [`on_backend!`] for a [`Conn`]: `$c` is bound to the backend's
/// connection, inside whatever transaction it is in (run a statement on
/// it with `.execute(&mut **$c)`).
macro_rules! on_conn {
    ($conn:expr, $($rest:tt)*) => {
        $crate::store::on_backend!(Conn, $conn, $($rest)*)
    };
}
pub(crate) use on_conn;

/// Now, in ms since the epoch, by the database's clock: leases are
/// given and judged on one clock, whatever machine each process runs on
/// and whatever clock its games run on (the console's is virtual). On
/// SQLite the database's clock is the machine's.
macro_rules! lite_now {
    () => {
        "CAST(unixepoch('subsec') * 1000 AS INTEGER)"
    };
}
pub(crate) use lite_now;

/// [`lite_now!`] on PostgreSQL: the server's clock.
macro_rules! pg_now {
    () => {
        "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
    };
}
pub(crate) use pg_now;

/// The pool of one backend.
#[derive(Debug, Clone)]
pub enum Pool {
    /// SQLite: a file (or memory), one process or several on one machine.
    Lite(SqlitePool),
    /// PostgreSQL: any number of processes on any number of machines.
    Pg(PgPool),
}

/// One connection of either backend, for the statements of a transaction.
#[derive(Debug)]
pub enum Conn<'c> {
    /// SQLite.
    Lite(&'c mut SqliteConnection),
    /// PostgreSQL.
    Pg(&'c mut PgConnection),
}

/// A transaction of either backend.
#[derive(Debug)]
pub enum Tx {
    /// SQLite.
    Lite(sqlx::Transaction<'static, sqlx::Sqlite>),
    /// PostgreSQL.
    Pg(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Tx {
    /// The transaction's connection.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Lite(tx) => Conn::Lite(&mut *tx),
            Tx::Pg(tx) => Conn::Pg(&mut *tx),
        }
    }

    /// Commits it.
    pub(crate) async fn commit(self) -> Result<()> {
        match self {
            Tx::Lite(tx) => tx.commit().await?,
            Tx::Pg(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

/// Which backend a database is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// The backend a database URL names, or why it names none.
    pub(crate) fn of_url(url: &str) -> Result<Backend> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => anyhow::bail!(
                "\"{}\" is no database URL this bot reads: it takes sqlite://FILE \
                 (such as sqlite://cliffhanger.db) or postgres://USER@HOST/DATABASE",
                shown(url)
            ),
        }
    }

    /// Its name, as the start-up log gives it.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// The database behind the bot.
#[derive(Debug, Clone)]
pub struct Db {
    pool: Pool,
    /// The database file, if it is one (not in memory).
    file: Option<std::path::PathBuf>,
    /// What this process has heard of other processes' commits, on
    /// PostgreSQL.
    heard: Option<std::sync::Arc<listen::Heard>>,
    /// Whether the rows a transaction writes can be counted: always on
    /// SQLite; on PostgreSQL only while the server collects statistics
    /// (`track_counts`, on by default).
    counts_rows: bool,
    /// Hot writes of this process take turns here on SQLite, in order,
    /// instead of in SQLite's busy handler, which sleeps for milliseconds
    /// between tries.
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// An import's page cache: 64 MiB, since a large import touches many index
/// pages and a small cache makes it spill to disk.
const IMPORT_CACHE: &str = "PRAGMA cache_size = -65536";

/// The page cache of a connection that serves (see `Db::connect`).
const SERVING_CACHE: &str = "PRAGMA cache_size = -2048";

/// What tells a process that another one committed: on SQLite, what the
/// file system says of the database's files; on PostgreSQL, how many
/// notifications it has heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    /// In WAL mode every commit bumps the change counter in the `-shm`
    /// file's header (what `PRAGMA data_version` reads) and appends to the
    /// `-wal` file; a checkpoint rewrites the main file.
    Files {
        /// Modification time and length of the main file and the log.
        files: [(Option<std::time::SystemTime>, u64); 2],
        /// The first 48 bytes of the `-shm` file: the WAL index header.
        header: [u8; 48],
    },
    /// Notifications heard (every commit of the versions notifies), and
    /// one more each time the listener connected again.
    Heard(u64),
}

/// How much the catalog holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, sqlx::FromRow)]
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
    /// Opens the database at `url` and brings its schema up to date:
    /// `sqlite://cliffhanger.db` (created when missing) or
    /// `postgres://user@host/database` (which must exist).
    pub async fn connect(url: &str) -> Result<Db> {
        match Backend::of_url(url)? {
            Backend::Sqlite => Self::connect_sqlite(url).await,
            Backend::Postgres => Self::connect_postgres(url).await,
        }
    }

    async fn connect_sqlite(url: &str) -> Result<Db> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| {
                format!("\"{url}\" is not a SQLite database URL (try sqlite://cliffhanger.db)")
            })?
            .create_if_missing(true)
            .foreign_keys(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            // 2 MiB of page cache per connection: lookups read from memory,
            // not from here, and what is read from here (members, gates,
            // games) is a few pages a request. An import's connection
            // takes more while it writes (`IMPORT_CACHE`).
            .pragma("cache_size", "-2048")
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
            match Self::open_sqlite(url, options.clone(), in_memory, file).await {
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

    async fn open_sqlite(
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
        SQLITE_MIGRATIONS
            .run(&pool)
            .await
            .with_context(|| format!("cannot bring the database {url} up to date"))?;
        if !in_memory {
            tokio::spawn(checkpoints(pool.clone()));
        }
        Ok(Db {
            pool: Pool::Lite(pool),
            file,
            heard: None,
            counts_rows: true,
            writer: Default::default(),
        })
    }

    async fn connect_postgres(url: &str) -> Result<Db> {
        let options = PgConnectOptions::from_str(url).with_context(|| {
            format!(
                "\"{}\" is not a PostgreSQL database URL (try postgres://localhost/cliffhanger)",
                shown(url)
            )
        })?;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone())
            .await
            .map_err(|e| anyhow::anyhow!(pg_connect_error(url, &options, &e)))?;
        // The migrator holds an advisory lock while it runs: processes
        // starting together take turns, and the later ones find it done.
        POSTGRES_MIGRATIONS
            .run(&pool)
            .await
            .with_context(|| format!("cannot bring the database {} up to date", shown(url)))?;
        let counts_rows: bool = sqlx::query_scalar("SELECT current_setting('track_counts') = 'on'")
            .fetch_one(&pool)
            .await?;
        if !counts_rows {
            tracing::warn!(
                "track_counts is off on this PostgreSQL: imports cannot count the rows they \
                 write, so every import tells the other processes to reload"
            );
        }
        let heard = listen::Heard::start(pool.clone()).await;
        Ok(Db {
            pool: Pool::Pg(pool),
            file: None,
            heard: Some(heard),
            counts_rows,
            writer: Default::default(),
        })
    }

    /// Whether the rows a transaction writes can be counted (see
    /// `catalog::total_changes`).
    pub fn counts_rows(&self) -> bool {
        self.counts_rows
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Lite(_) => Backend::Sqlite,
            Pool::Pg(_) => Backend::Postgres,
        }
    }

    /// What tells whether another process committed since: when it is the
    /// same as before, none has (on SQLite a `stat` of two files, on
    /// PostgreSQL a counter; no query). `None` when nothing tells: a
    /// database in memory, which only this process sees, or a PostgreSQL
    /// listener that is reconnecting (every request then reads the
    /// versions).
    pub fn stamp(&self) -> Option<Stamp> {
        if let Some(heard) = &self.heard {
            return heard.stamp();
        }
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
        Some(Stamp::Files {
            files: [of(file), of(&sibling("-wal"))],
            header,
        })
    }

    /// Waits for this process's turn to write (see `writer`), on SQLite.
    /// PostgreSQL takes concurrent writers as they come: no turn.
    pub(crate) async fn turn_to_write(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.pool {
            Pool::Lite(_) => Some(self.writer.lock().await),
            Pool::Pg(_) => None,
        }
    }

    /// The connection pool.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Starts a transaction.
    pub(crate) async fn begin(&self) -> Result<Tx> {
        Ok(match &self.pool {
            Pool::Lite(pool) => Tx::Lite(pool.begin().await?),
            Pool::Pg(pool) => Tx::Pg(pool.begin_with(PG_BEGIN).await?),
        })
    }

    /// Starts a transaction for work a member is waiting on (a game's
    /// step): on PostgreSQL a lock held elsewhere is waited for at most
    /// five seconds ([`INTERACTIVE_LOCK_SQL`]), then the step fails and the member is
    /// told to try again; on SQLite the busy timeout bounds the wait.
    pub(crate) async fn begin_interactive(&self) -> Result<Tx> {
        let mut tx = self.begin().await?;
        if let Tx::Pg(c) = &mut tx {
            sqlx::query(INTERACTIVE_LOCK_SQL).execute(&mut **c).await?;
        }
        Ok(tx)
    }

    /// Whether this is a PostgreSQL database.
    pub(crate) fn is_postgres(&self) -> bool {
        matches!(self.pool, Pool::Pg(_))
    }

    /// Starts a transaction that writes from its first statement: on
    /// SQLite it holds the write lock from the start, so it never has to
    /// upgrade a read lock, which can fail when another writer is busy.
    pub async fn begin_writing(&self) -> Result<Tx> {
        Ok(match &self.pool {
            Pool::Lite(pool) => Tx::Lite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Pg(pool) => Tx::Pg(pool.begin_with(PG_BEGIN).await?),
        })
    }

    /// Starts the transaction of a catalog import, which only one process
    /// at a time may run: the others wait for it here, then find its work
    /// done. On SQLite the write lock is that lock, and the connection gets
    /// a larger page cache while it writes ([`Db::end_import`] gives it
    /// back); on PostgreSQL an advisory lock, held until the transaction
    /// ends.
    pub async fn begin_import(&self) -> Result<Tx> {
        let mut tx = self.begin_writing().await?;
        match &mut tx {
            Tx::Lite(c) => {
                sqlx::query(IMPORT_CACHE).execute(&mut **c).await?;
            }
            Tx::Pg(c) => {
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(IMPORT_LOCK)
                    .execute(&mut **c)
                    .await?;
            }
        }
        Ok(tx)
    }

    /// Ends an import begun by [`Db::begin_import`]: commits it.
    pub async fn end_import(&self, mut tx: Tx) -> Result<()> {
        if let Tx::Lite(c) = &mut tx {
            sqlx::query(SERVING_CACHE).execute(&mut **c).await?;
        }
        tx.commit().await?;
        // This process's own import: its stamp moves now, not when the
        // notification of it comes back (a request in between would
        // answer from the catalog before it).
        if let Some(heard) = &self.heard {
            heard.own_commit();
        }
        Ok(())
    }

    /// Whether [`Db::close`] was called: work still under way then (a
    /// question bank nobody waits for) ends quietly.
    pub fn is_closed(&self) -> bool {
        match &self.pool {
            Pool::Lite(pool) => pool.is_closed(),
            Pool::Pg(pool) => pool.is_closed(),
        }
    }

    /// Closes every connection, so the database files are complete on disk.
    pub async fn close(&self) {
        match &self.pool {
            Pool::Lite(pool) => pool.close().await,
            Pool::Pg(pool) => pool.close().await,
        }
    }

    /// The migrations the database has had, and how many this build knows
    /// (the same, once it is open: opening brings it up to date).
    pub async fn schema(&self) -> Result<(i64, usize)> {
        let applied: i64 = on!(self, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE"
        )
        .fetch_one(pool)
        .await)?;
        let known = match self.pool {
            Pool::Lite(_) => SQLITE_MIGRATIONS.iter().count(),
            Pool::Pg(_) => POSTGRES_MIGRATIONS.iter().count(),
        };
        Ok((applied, known))
    }

    /// Whether a catalog was imported here: a fact stored (one index
    /// lookup, where [`Db::totals`] counts every row).
    pub async fn has_catalog(&self) -> Result<bool> {
        let (found,): (bool,) = on!(self, |pool| sqlx::query_as(
            "SELECT EXISTS (SELECT 1 FROM facts)"
        )
        .fetch_one(pool)
        .await)?;
        Ok(found)
    }

    /// Counts what the catalog holds.
    pub async fn totals(&self) -> Result<Totals> {
        Ok(on!(self, |pool| sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM shows) AS shows,
                    (SELECT COUNT(*) FROM episodes) AS episodes,
                    (SELECT COUNT(*) FROM recaps) AS recaps,
                    (SELECT COUNT(*) FROM characters) AS characters,
                    (SELECT COUNT(*) FROM facts) AS facts,
                    (SELECT COUNT(*) FROM mentions) AS mentions,
                    (SELECT COUNT(*) FROM numbers) AS numbers",
        )
        .fetch_one(pool)
        .await)?)
    }
}

/// A database URL as it may be shown (in a log, an error): its password,
/// if it has one, replaced by `***`.
pub fn shown(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) if user_info.contains(':') => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{path}")
        }
        _ => url.to_string(),
    }
}

/// What went wrong connecting to PostgreSQL, said so that the one who
/// runs the bot knows what to do.
fn pg_connect_error(url: &str, options: &PgConnectOptions, e: &sqlx::Error) -> String {
    let place = format!("{}:{}", options.get_host(), options.get_port());
    let database = options.get_database().unwrap_or("(the user's own)");
    let user = options.get_username();
    match e {
        sqlx::Error::Database(d) if d.code().as_deref() == Some("3D000") => format!(
            "the database \"{database}\" does not exist on PostgreSQL at {place}: \
             create it (createdb -h {host} -p {port} -O {user} {database})",
            host = options.get_host(),
            port = options.get_port(),
        ),
        sqlx::Error::Database(d) if matches!(d.code().as_deref(), Some("28P01" | "28000")) => {
            format!(
                "PostgreSQL at {place} refused the user \"{user}\": {}",
                d.message()
            )
        }
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => format!(
            "cannot reach PostgreSQL at {place} ({}): is it running, and is that its address?",
            shown(url)
        ),
        other => format!("cannot open the database {}: {other}", shown(url)),
    }
}

/// Makes the database `name` on the PostgreSQL server at `server` (the URL
/// of any database there whose user may create databases) anew and empty,
/// dropping one of that name first; returns its URL. For tests and
/// benchmarks that need a database of their own.
pub async fn fresh_postgres_database(server: &str, name: &str) -> Result<String> {
    use sqlx::Connection;
    let mut admin = PgConnection::connect(server)
        .await
        .with_context(|| format!("cannot reach PostgreSQL at {}", shown(server)))?;
    for sql in [
        format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
        format!("CREATE DATABASE \"{name}\""),
    ] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(&mut admin)
            .await?;
    }
    admin.close().await?;
    let base = server.split('?').next().unwrap_or(server);
    let root = base.rsplit_once('/').map_or(base, |(root, _)| root);
    Ok(format!("{root}/{name}"))
}

/// A new, empty database for a unit test: in memory on SQLite, or, when
/// `DATABASE_URL` names a PostgreSQL server (as the suite's second pass
/// does), a database of its own there.
#[cfg(any(test, feature = "test-support"))]
pub async fn scratch() -> Db {
    let server = std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| Backend::of_url(url).ok() == Some(Backend::Postgres));
    let Some(server) = server else {
        return Db::connect("sqlite::memory:").await.unwrap();
    };
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "cliffhanger_unit_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    );
    let url = fresh_postgres_database(&server, &name).await.unwrap();
    Db::connect(&url).await.unwrap()
}

/// How a transaction begins on PostgreSQL: read committed, whatever the
/// server's default, since the import lock and the gates' step rely on it
/// (a statement sees what committed before it, not before its
/// transaction began).
const PG_BEGIN: &str = "BEGIN ISOLATION LEVEL READ COMMITTED";

/// The longest a game's step waits for a lock on PostgreSQL, as the
/// transaction is told.
const INTERACTIVE_LOCK_SQL: &str = "SET LOCAL lock_timeout = '5s'";

/// The key of the advisory lock a catalog import holds on PostgreSQL.
const IMPORT_LOCK: i64 = 0x636c_6966_6669_6d70;

#[cfg(test)]
mod tests {
    use super::*;

    impl Db {
        fn lite(&self) -> &SqlitePool {
            match &self.pool {
                Pool::Lite(pool) => pool,
                Pool::Pg(_) => panic!("not SQLite"),
            }
        }
    }

    #[test]
    fn a_password_is_never_shown() {
        assert_eq!(
            shown("postgres://bob:s3cr%40t@db.example:5432/cliffhanger"),
            "postgres://bob:***@db.example:5432/cliffhanger"
        );
        assert_eq!(
            shown("postgres://bob@db.example/cliffhanger"),
            "postgres://bob@db.example/cliffhanger"
        );
        assert_eq!(shown("sqlite://cliffhanger.db"), "sqlite://cliffhanger.db");
        assert_eq!(
            shown("postgres://bob:pw@host/db?options=-c%20a%3Db"),
            "postgres://bob:***@host/db?options=-c%20a%3Db"
        );
    }

    #[test]
    fn a_url_of_another_database_is_refused_by_name() {
        let e = Backend::of_url("mysql://root@localhost/cliffhanger").unwrap_err();
        assert!(e.to_string().contains("sqlite://FILE"), "{e}");
        assert_eq!(
            Backend::of_url("postgresql://h/d").unwrap(),
            Backend::Postgres
        );
        assert_eq!(Backend::of_url("sqlite::memory:").unwrap(), Backend::Sqlite);
    }

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
            sqlx::query("UPDATE versions SET value = $1 WHERE name = 'gates'")
                .bind(i + 1)
                .execute(theirs.lite())
                .await
                .unwrap();
            let now = ours.stamp().unwrap();
            assert_ne!(now, last, "commit {i} went unseen");
            last = now;
        }
        // A checkpoint that restarts the log is a change too.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(theirs.lite())
            .await
            .unwrap();
        sqlx::query("UPDATE versions SET value = 100 WHERE name = 'gates'")
            .execute(theirs.lite())
            .await
            .unwrap();
        assert_ne!(ours.stamp().unwrap(), last);
        let memory = Db::connect("sqlite::memory:").await.unwrap();
        assert_eq!(memory.stamp(), None);
    }
}
