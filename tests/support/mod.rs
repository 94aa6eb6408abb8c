//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cliffhanger::store::{Db, Pool};

pub mod bot;
pub mod browser;
pub mod fake_discord;
pub mod markup;

/// The token of the episode at position `i` of a generated catalog (the
/// spoiler oracles'): "qz", five letters, "k", found case-insensitively.
/// Any two tokens below 26 differ in all five letters, so no typo
/// tolerance confuses them.
pub fn token(i: usize) -> String {
    let l = |n: usize| char::from(b'a' + (n % 26) as u8);
    format!(
        "qz{}{}{}{}{}k",
        l(i),
        l(7 * i + 3),
        l(11 * i + 5),
        l(15 * i + 7),
        l(19 * i + 9)
    )
}

/// `word` with its first letter in upper case.
pub fn capital(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The project's real seeds.
pub fn real_seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A scratch folder with a copy of the real seeds in `seeds/`.
pub fn scratch() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = tmp.path().join("seeds");
    copy_dir(&real_seeds(), &seeds);
    (tmp, seeds)
}

/// The PostgreSQL server the tests run against: `DATABASE_URL` when it
/// names one (`.ci/run` runs the whole suite a second time so), else none
/// and the tests run on SQLite. Its user may create databases.
pub fn postgres() -> Option<String> {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| url.starts_with("postgres://") || url.starts_with("postgresql://"))
}

/// The PostgreSQL server for the tests that need one whatever the
/// backend of the suite: `CLIFFHANGER_TEST_POSTGRES`, else `DATABASE_URL`
/// when it names one. Without one such a test says on the terminal that
/// it was skipped (past the test harness's capture) and passes, except
/// where `CLIFFHANGER_REQUIRE_POSTGRES` is set (as `.ci/run` does): there
/// it fails.
pub fn postgres_for(test: &str) -> Option<String> {
    let server = std::env::var("CLIFFHANGER_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.is_empty())
        .or_else(postgres);
    if server.is_none() {
        assert!(
            std::env::var_os("CLIFFHANGER_REQUIRE_POSTGRES").is_none(),
            "{test} needs PostgreSQL, and CLIFFHANGER_REQUIRE_POSTGRES says it must run: \
             set CLIFFHANGER_TEST_POSTGRES=postgres://USER@HOST/DATABASE"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: it needs PostgreSQL; set CLIFFHANGER_TEST_POSTGRES or \
             DATABASE_URL to postgres://USER@HOST/DATABASE (`.ci/run` starts a server)"
        );
    }
    server
}

/// A fresh database of its own on the PostgreSQL server `server`, named
/// after `tag`: its URL.
pub fn fresh_postgres(server: &str, tag: &str) -> String {
    fresh_database(server, tag)
}

/// The database named `file` in `dir`: on SQLite that file; on PostgreSQL
/// a database of its own, made empty on first use and named after the
/// pair, so the same (dir, file) is the same database for every process
/// of a test and different pairs never meet.
pub fn db_url_of(dir: &Path, file: &str) -> String {
    let Some(server) = postgres() else {
        return format!("sqlite://{}", dir.join(file).display());
    };
    static MADE: std::sync::Mutex<Vec<(PathBuf, String)>> = std::sync::Mutex::new(Vec::new());
    let key = dir.join(file);
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, url)) = made.iter().find(|(k, _)| *k == key) {
        return url.clone();
    }
    let url = fresh_database(&server, &key);
    made.push((key, url.clone()));
    url
}

/// Makes a database anew on `server`, named after this process and `tag`,
/// on a thread of its own (a test may be inside a runtime already); its
/// URL.
fn fresh_database(server: &str, tag: impl std::hash::Hash) -> String {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    tag.hash(&mut hasher);
    let name = format!(
        "cliffhanger_test_{}_{:016x}",
        std::process::id(),
        hasher.finish()
    );
    let server = server.to_string();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            sweep(&server).await;
            cliffhanger::store::fresh_postgres_database(&server, &name)
                .await
                .unwrap_or_else(|e| panic!("{e:#}"))
        })
    })
    .join()
    .unwrap()
}

/// Drops, once per test process, the databases of test processes that
/// have ended (their names carry the process id), so test runs against a
/// long-lived server do not pile them up.
async fn sweep(server: &str) {
    static SWEPT: std::sync::Once = std::sync::Once::new();
    let mut first = false;
    SWEPT.call_once(|| first = true);
    if !first {
        return;
    }
    use sqlx::Connection;
    let Ok(mut admin) = sqlx::PgConnection::connect(server).await else {
        return;
    };
    let admin = &mut admin;
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT datname::text FROM pg_database
         WHERE datname LIKE 'cliffhanger\\_test\\_%' OR datname LIKE 'cliffhanger\\_unit\\_%'",
    )
    .fetch_all(&mut *admin)
    .await
    .unwrap_or_default();
    for name in names {
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        let ended = pid.is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists());
        if ended {
            let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut *admin)
                .await;
        }
    }
}

/// The database URL of the tests' database in `dir`.
pub fn db_url(dir: &Path) -> String {
    db_url_of(dir, "test.db")
}

/// Points a command at the database a process started in `dir` uses when
/// given none: the file `cliffhanger.db` there on SQLite (so
/// `DATABASE_URL` is removed), its own database on PostgreSQL.
pub fn default_database(command: &mut Command, dir: &Path) {
    if postgres().is_some() {
        command.env("DATABASE_URL", db_url_of(dir, "cliffhanger.db"));
    } else {
        command.env_remove("DATABASE_URL");
    }
}

/// [`default_database`] in a chain of `Command` settings.
pub trait DefaultDatabase {
    /// See [`default_database`].
    fn default_database(&mut self, dir: &Path) -> &mut Self;
}

impl DefaultDatabase for Command {
    fn default_database(&mut self, dir: &Path) -> &mut Self {
        default_database(self, dir);
        self
    }
}

/// Opens the database in `dir`.
pub async fn open(dir: &Path) -> Db {
    Db::connect(&db_url(dir)).await.unwrap()
}

/// Every row of every table of the database in `dir` (on SQLite the
/// full-text index's own tables included), in a canonical text form: two
/// dumps are equal exactly when the database holds the same data. How a
/// seeds folder looked when it was read (`seed_looks`) is left out: it
/// records the reading, not what was read, and a read that writes nothing
/// still records it.
pub async fn dump(dir: &Path) -> String {
    let db = open(dir).await;
    let out = match db.pool() {
        Pool::Lite(pool) => dump_sqlite(pool).await,
        Pool::Pg(pool) => dump_postgres(pool).await,
    };
    db.close().await;
    out
}

/// The statement that reads every row of `table` as one line of text,
/// each column as `quote` writes it.
fn rows_as_text(table: &str, columns: &[String], quote: impl Fn(&str) -> String) -> String {
    let row = columns
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(" || ',' || ");
    format!("SELECT {row} FROM \"{table}\" ORDER BY 1")
}

/// One table's rows in [`dump`]'s form.
fn dump_table(out: &mut String, table: &str, rows: Vec<String>) {
    out.push_str(&format!("[{table}] {} rows\n", rows.len()));
    for r in rows {
        out.push_str(&r);
        out.push('\n');
    }
}

async fn dump_sqlite(pool: &sqlx::SqlitePool) -> String {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .fetch_all(pool)
            .await
            .unwrap();
    let mut out = String::new();
    for table in tables.into_iter().filter(|t| t != "seed_looks") {
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
            .bind(&table)
            .fetch_all(pool)
            .await
            .unwrap();
        let sql = rows_as_text(&table, &columns, |c| format!("quote(\"{c}\")"));
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_all(pool)
            .await
            .unwrap();
        dump_table(&mut out, &table, rows);
    }
    out
}

async fn dump_postgres(pool: &sqlx::PgPool) -> String {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = String::new();
    for table in tables.into_iter().filter(|t| t != "seed_looks") {
        let columns: Vec<String> = sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        let sql = rows_as_text(&table, &columns, |c| {
            format!("quote_nullable(CAST(\"{c}\" AS TEXT))")
        });
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_all(pool)
            .await
            .unwrap();
        dump_table(&mut out, &table, rows);
    }
    out
}

/// Replaces `from` with `to` in a file, which must contain `from`.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Runs the built binary in `dir` with a clean environment for its settings.
pub fn run_cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .args(args)
        .current_dir(dir)
        .default_database(dir)
        .env_remove("SEEDS_DIR")
        .env_remove("DISCORD_TOKEN")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

/// Runs `cliffhanger console` in `dir` (its database and seeds there) with
/// `script` on standard input: (stdout, stderr, exit code).
pub fn console(dir: &Path, args: &[&str], script: &str) -> (String, String, Option<i32>) {
    console_bytes(dir, args, script.as_bytes())
}

/// [`console`] with any bytes on standard input.
pub fn console_bytes(dir: &Path, args: &[&str], script: &[u8]) -> (String, String, Option<i32>) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .arg("console")
        .args(args)
        .current_dir(dir)
        .default_database(dir)
        .env_remove("SEEDS_DIR")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(script).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

/// Adds to `seeds` a second show titled with spoiler bars, "Cursed ||
/// Show", whose one episode names a Karen of its own.
pub fn add_cursed_show(seeds: &Path) {
    let cursed = seeds.join("cursed");
    std::fs::create_dir_all(cursed.join("episodes")).unwrap();
    std::fs::write(
        cursed.join("show.toml"),
        "title = \"Cursed || Show\"\n\n[[characters]]\nname = \"Karen Smith\"\naliases = [\"Karen\"]\nkind = \"person\"\n",
    )
    .unwrap();
    std::fs::write(
        cursed.join("episodes/s01e01.en.md"),
        "+++\nseason = 1\nepisode = 1\ntitle = \"Pilot\"\nlanguage = \"en\"\n+++\n\nKaren Smith opens a bakery. The street is quiet. Rain falls all week. A dog barks twice. The mayor cuts a ribbon. Nobody comes on Monday.\n",
    )
    .unwrap();
}

/// A scratch folder whose seeds are the real ones plus the test recaps in
/// `tests/fixtures/smash-more` (a season-1 finale, a season-2 episode in
/// English and German).
pub fn scratch_with_more_recaps() -> (tempfile::TempDir, PathBuf) {
    let (tmp, seeds) = scratch();
    let more = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smash-more");
    copy_dir(&more, &seeds.join("smash/episodes"));
    (tmp, seeds)
}

/// Every file under `dir` with its bytes, by path: to prove a command
/// left a folder as it was.
pub fn dump_dir(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Runs `command` with `input` on its standard input, and waits for it.
pub fn run_with_input(command: &mut Command, input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Runs `$body` on the backend of `$db` (a `Db`) with `$pool` bound to its
/// pool: the body is compiled for each backend, so its SQL must read the
/// same on both (`$1` placeholders, no dialect of either).
#[macro_export]
macro_rules! on_db {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db.pool() {
            cliffhanger::store::Pool::Lite($pool) => $body,
            cliffhanger::store::Pool::Pg($pool) => $body,
        }
    };
}

/// One sentence of a generated recap about `a` and `b`, the oracles'
/// catalogs' (variants 0 to 5 in English, 0 to 2 in German; the token
/// `tok` marks the episode it belongs to), with one of `opinions` where a
/// recap's writer judges.
pub fn recap_sentence(
    rng: &mut rand::rngs::StdRng,
    language: cliffhanger::seeds::Language,
    variant: usize,
    a: &str,
    b: &str,
    tok: &str,
    opinions: &[&str],
) -> String {
    use cliffhanger::seeds::Language;
    use rand::Rng;
    match (language, variant % 6) {
        (Language::En, 0) => format!(
            "{a} tells {b} about the {tok} plan over {} coffees, {}.",
            rng.random_range(2..40),
            opinions[rng.random_range(0..opinions.len())]
        ),
        (Language::En, 1) => format!(
            "\"We cannot keep the {tok} secret much longer,\" says {a}, while {b} stares at the floor."
        ),
        (Language::En, 2) => format!(
            "Meanwhile {a} rehearses the {tok} number with {} dancers until midnight.",
            rng.random_range(3..90)
        ),
        (Language::En, 3) => {
            format!("In the end {b} walks out of the {tok} party, and honestly, good for them.")
        }
        (Language::En, 4) => {
            format!("{a} finds the {tok} letter in the secret drawer and hides it from {b}.")
        }
        (Language::En, _) => {
            format!("{b} sings the {tok} song at the party while {a} drinks coffee on the stairs.")
        }
        (Language::De, 0) => format!(
            "{a} erzählt {b} beim Kaffee vom Plan {tok}, und zwar {} Minuten lang.",
            rng.random_range(2..40)
        ),
        (Language::De, 1) => {
            format!("„Das Geheimnis {tok} hält nicht mehr lange“, sagt {a}, während {b} schweigt.")
        }
        (Language::De, _) => format!(
            "Danach probt {a} die Nummer {tok} mit {} Leuten bis Mitternacht.",
            rng.random_range(3..90)
        ),
    }
}

/// A lock on the answers table taken from a connection of its own to the
/// database at `url` (on PostgreSQL the table itself, on SQLite the write
/// lock), held until the returned transaction is dropped: another
/// process's long transaction, as a member's answer meets it.
pub async fn hold_answers_lock(url: &str) -> (Db, cliffhanger::store::Tx) {
    use cliffhanger::store::Tx;
    let other = Db::connect(url).await.unwrap();
    let mut held = other.begin_writing().await.unwrap();
    match &mut held {
        Tx::Pg(c) => {
            sqlx::query("LOCK TABLE answers IN ACCESS EXCLUSIVE MODE")
                .execute(&mut **c)
                .await
                .unwrap();
        }
        Tx::Lite(c) => {
            sqlx::query("DELETE FROM answers WHERE 0")
                .execute(&mut **c)
                .await
                .unwrap();
        }
    }
    (other, held)
}

/// Makes every write of `event` ("INSERT" or "UPDATE") on `table` fail
/// where `when` holds (SQL over `NEW` and `OLD`), with a trigger of the
/// database's own kind: the fault tests' way to break a write.
pub async fn inject_fault(db: &Db, event: &str, table: &str, when: &str) {
    let statements = match db.pool() {
        Pool::Lite(_) => vec![format!(
            "CREATE TRIGGER injected BEFORE {event} ON {table} WHEN {when}
             BEGIN SELECT RAISE(ABORT, 'injected'); END"
        )],
        Pool::Pg(_) => vec![
            "CREATE FUNCTION injected() RETURNS trigger LANGUAGE plpgsql AS
             $$ BEGIN RAISE EXCEPTION 'injected'; END $$"
                .to_string(),
            format!(
                "CREATE TRIGGER injected BEFORE {event} ON {table} FOR EACH ROW
                 WHEN ({when}) EXECUTE FUNCTION injected()"
            ),
        ],
    };
    for sql in statements {
        on_db!(db, |pool| sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .unwrap();
    }
}

/// Removes the fault [`inject_fault`] made on `table`.
pub async fn remove_fault(db: &Db, table: &str) {
    let sql = match db.pool() {
        Pool::Lite(_) => "DROP TRIGGER injected".to_string(),
        Pool::Pg(_) => format!("DROP TRIGGER injected ON {table}; DROP FUNCTION injected()"),
    };
    on_db!(db, |pool| sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
}
#[allow(unused_imports)]
pub use on_db;

/// A bot process started in `dir` (its seeds in `dir/seeds`) over the
/// database `url`, against the fake Discord at `discord`, its games'
/// leases lasting `lease` seconds; `args` after `run`. Killed when
/// dropped.
pub fn spawn_bot(
    dir: &Path,
    url: &str,
    discord: &str,
    lease: u64,
    args: &[&str],
) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .arg("run")
        .args(args)
        .current_dir(dir)
        .env("DISCORD_TOKEN", "test-token")
        .env("DISCORD_PROXY_URL", discord)
        .env("DATABASE_URL", url)
        .env("SEEDS_DIR", dir.join("seeds"))
        .env("GAME_LEASE_SECONDS", lease.to_string())
        .env("RUST_LOG", "cliffhanger=info")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// A member (`user`) of server 3 in channel 2, in English, who may
/// manage the channel and the server: the asker of tests that call `App`
/// directly.
pub fn moderator(user: u64) -> cliffhanger::app::Ctx {
    cliffhanger::app::Ctx {
        user,
        channel: 2,
        guild: Some(3),
        locale: cliffhanger::model::Language::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    }
}
