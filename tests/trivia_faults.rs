//! Trivia when things go wrong: a write that fails leaves the game as it
//! was, a channel that fails does not hold up the others, and a second
//! process on the same database leaves live games alone. Failures are
//! injected with SQLite triggers that abort the write.

mod support;
use support::DefaultDatabase;

use cliffhanger::app::{App, Ctx, HorizonScope, SpoilersAction};
use cliffhanger::import::import_dir;
use cliffhanger::reply::Reply;
use cliffhanger::seeds::Language;
use cliffhanger::store::Db;
use cliffhanger::trivia::StartOptions;

const ALICE: u64 = 1;
const BOB: u64 = 2;
const NOW: i64 = 1_767_225_600_000;

fn ctx(user: u64, channel: u64) -> Ctx {
    Ctx {
        user,
        channel,
        guild: Some(100),
        locale: Language::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    }
}

fn text(replies: &[Reply]) -> String {
    replies
        .iter()
        .map(Reply::description)
        .collect::<Vec<_>>()
        .join("\n\n")
}

async fn app_in(dir: &std::path::Path, seeds: &std::path::Path) -> App {
    let db = support::open(dir).await;
    import_dir(&db, seeds).await.unwrap();
    App::with_seed(db, 7).await.unwrap()
}

/// A game of `questions` in `channel`, started by Alice, safe to S02E11.
async fn game(app: &App, channel: u64, questions: usize) -> Vec<Reply> {
    app.spoilers(
        &ctx(ALICE, channel),
        SpoilersAction::Set("S02E11".into()),
        HorizonScope::Channel,
        None,
    )
    .await
    .unwrap();
    let opts = StartOptions {
        questions: Some(questions),
        seconds: Some(20),
        ..StartOptions::default()
    };
    let r = app
        .trivia_start(&ctx(ALICE, channel), opts, NOW)
        .await
        .unwrap();
    assert!(text(&r).starts_with("Trivia: "), "{}", text(&r));
    r
}

async fn count(db: &Db, sql: &str) -> i64 {
    let (n,): (i64,) = support::on_db!(db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.to_string()
    ))
    .fetch_one(pool)
    .await)
    .unwrap();
    n
}

/// The status of the one game stored.
async fn status(db: &Db) -> String {
    support::on_db!(db, |pool| sqlx::query_scalar("SELECT status FROM games")
        .fetch_one(pool)
        .await)
    .unwrap()
}

#[tokio::test]
async fn an_answer_that_cannot_be_stored_does_not_count_and_can_be_given_again() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app_in(tmp.path(), &support::real_seeds()).await;
    game(&app, 10, 2).await;
    support::inject_fault(app.db(), "INSERT", "answers", "TRUE").await;
    let r = app
        .trivia_answer(&ctx(BOB, 10), "A", NOW + 1_000)
        .await
        .unwrap();
    assert_eq!(
        text(&r),
        "Your answer could not be saved just now, so it does not count yet: please try again."
    );
    assert!(r[0].private);
    support::remove_fault(app.db(), "answers").await;
    // The game is as it was: Bob has not answered yet.
    let r = app
        .trivia_answer(&ctx(BOB, 10), "A", NOW + 2_000)
        .await
        .unwrap();
    assert_eq!(text(&r), "Your answer is in.");
    assert_eq!(count(app.db(), "SELECT COUNT(*) FROM answers").await, 1);
    // Alice answers too: the round closes, and the points the channel is
    // shown are the points stored.
    let r = app
        .trivia_answer(&ctx(ALICE, 10), "B", NOW + 3_000)
        .await
        .unwrap();
    assert!(text(&r).contains("Answer: "), "{}", text(&r));
    let stored = count(
        app.db(),
        "SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) FROM answers WHERE number = 1",
    )
    .await;
    let shown: i64 = r
        .iter()
        .flat_map(|r| r.lines.iter())
        .filter_map(|l| l.split_once(" +").map(|(_, p)| p))
        .flat_map(|p| p.split(", ").next())
        .filter_map(|p| p.trim_end_matches('.').parse::<i64>().ok())
        .sum();
    assert_eq!(stored, shown, "{}", text(&r));
}

#[tokio::test]
async fn a_reveal_that_cannot_be_stored_is_retried_and_other_channels_go_on() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app_in(tmp.path(), &support::real_seeds()).await;
    game(&app, 10, 2).await;
    game(&app, 20, 2).await;
    let first: i64 = count(app.db(), "SELECT id FROM games WHERE channel_id = 10").await;
    support::inject_fault(
        app.db(),
        "UPDATE",
        "rounds",
        &format!("OLD.game_id = {first}"),
    )
    .await;
    // Time is up in both channels: channel 20 is revealed, channel 10 is
    // not announced, and stays at its question.
    let out = app.trivia_tick(NOW + 21_000).await.unwrap();
    let channels: Vec<u64> = out.iter().map(|(c, _)| *c).collect();
    assert_eq!(channels, vec![20]);
    assert!(text(&out[0].1).contains("Answer: "));
    assert_eq!(
        count(
            app.db(),
            &format!(
                "SELECT COUNT(*) FROM rounds WHERE game_id = {first} AND revealed_at IS NOT NULL"
            )
        )
        .await,
        0
    );
    // The clock comes back for it shortly.
    let due = app.trivia_next_deadline().await.unwrap();
    assert!(due <= NOW + 22_000 + 20_000, "{due}");
    // Still failing: still nothing said.
    let out = app.trivia_tick(NOW + 22_500).await.unwrap();
    assert!(out.iter().all(|(c, _)| *c != 10), "{out:?}");
    support::remove_fault(app.db(), "rounds").await;
    let out = app.trivia_tick(NOW + 24_000).await.unwrap();
    let ten: Vec<&Reply> = out
        .iter()
        .filter(|(c, _)| *c == 10)
        .flat_map(|(_, r)| r)
        .collect();
    assert!(
        ten.iter().any(|r| r.description().contains("Answer: ")),
        "{out:?}"
    );
    assert_eq!(
        count(
            app.db(),
            &format!(
                "SELECT COUNT(*) FROM rounds WHERE game_id = {first} AND revealed_at IS NOT NULL"
            )
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_second_process_leaves_live_games_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let first = app_in(tmp.path(), &support::real_seeds()).await;
    game(&first, 10, 2).await;
    // A second process starts on the same database: the console, the
    // questions command, a restart overlapping the old bot.
    let second = App::new(support::open(tmp.path()).await).await.unwrap();
    assert_eq!(status(second.db()).await, "running");
    // The first process plays on, and every answer is stored.
    let r = first
        .trivia_answer(&ctx(BOB, 10), "A", NOW + 1_000)
        .await
        .unwrap();
    assert_eq!(text(&r), "Your answer is in.");
    // A process that stopped renewing its lease (killed): its game is
    // marked interrupted by the next process to start.
    support::on_db!(first.db(), |pool| sqlx::query(
        "UPDATE games SET lease_until = 0"
    )
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let third = App::new(support::open(tmp.path()).await).await.unwrap();
    assert_eq!(status(third.db()).await, "interrupted");
    // The stalled process ending its game later does not write over that.
    first
        .trivia_stop(&ctx(ALICE, 10), true, NOW + 2_000)
        .await
        .unwrap();
    assert_eq!(status(third.db()).await, "interrupted");
}

/// A restart overlap: the old process still runs a game in a channel when
/// a new one serving the same server is asked to start another there. It
/// is refused, whatever each process holds in memory, and the old game
/// plays on; once that game is over, a new one may start.
#[tokio::test]
async fn one_channel_never_runs_two_games_across_processes() {
    let tmp = tempfile::tempdir().unwrap();
    let old = app_in(tmp.path(), &support::real_seeds()).await;
    game(&old, 10, 2).await;
    let new = App::with_seed(support::open(tmp.path()).await, 8)
        .await
        .unwrap();
    let opts = StartOptions {
        questions: Some(2),
        seconds: Some(20),
        ..StartOptions::default()
    };
    let r = new
        .trivia_start(&ctx(BOB, 10), opts.clone(), NOW + 500)
        .await
        .unwrap();
    assert_eq!(text(&r), "A game is already running in this channel.");
    assert!(r[0].private);
    assert_eq!(
        count(
            new.db(),
            "SELECT COUNT(*) FROM games WHERE channel_id = 10 AND status = 'running'"
        )
        .await,
        1
    );
    assert_eq!(count(new.db(), "SELECT COUNT(*) FROM games").await, 1);
    let r = old
        .trivia_answer(&ctx(BOB, 10), "A", NOW + 1_000)
        .await
        .unwrap();
    assert_eq!(text(&r), "Your answer is in.");
    old.trivia_stop(&ctx(ALICE, 10), true, NOW + 2_000)
        .await
        .unwrap();
    let r = new
        .trivia_start(&ctx(BOB, 10), opts, NOW + 3_000)
        .await
        .unwrap();
    assert!(text(&r).starts_with("Trivia: "), "{}", text(&r));
}

#[test]
fn processes_starting_together_on_a_new_database_all_get_it() {
    let (tmp, _) = support::scratch();
    let children: Vec<std::process::Child> = (0..6)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
                .arg("import")
                .current_dir(tmp.path())
                .default_database(tmp.path())
                .env_remove("SEEDS_DIR")
                .env("RUST_LOG", "warn")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lookups_and_other_games_go_on_while_a_question_bank_is_built() {
    // Two shows: the real one, and a large synthetic one whose question
    // bank takes a while to build; a process starting over them builds
    // both banks in the background.
    let seeds = tempfile::tempdir().unwrap();
    support::copy_dir(&support::real_seeds(), seeds.path());
    cliffhanger::bench::write_synthetic_seeds(seeds.path(), 300, 60, 3).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    import_dir(&db, seeds.path()).await.unwrap();
    let app = App::new(db).await.unwrap();
    let index = app.index();
    let large = index.show("benchmark").unwrap();
    // A lookup about the large show is answered at once, its bank still
    // being built.
    let mut dm = ctx(ALICE, 501);
    dm.guild = None;
    app.progress(
        &dm,
        cliffhanger::app::ProgressAction::Set("S05E10".into()),
        Some("benchmark"),
    )
    .await
    .unwrap();
    let found = app
        .search(&dm, "the", Some("benchmark"), false)
        .await
        .unwrap();
    assert!(found.lines.len() > 1, "{:?}", found.lines);
    assert!(
        !app.bank_is_built(large),
        "the lookup was answered before the bank was built"
    );
    // /about does not wait for it either.
    let about = app.about(&dm).await.unwrap();
    assert!(
        about
            .lines
            .iter()
            .any(|l| l.contains("trivia questions still being made")),
        "{:?}",
        about.lines
    );
    // A game of it started meanwhile says so, when it cannot wait.
    app.trivia().set_bank_wait(std::time::Duration::ZERO);
    app.spoilers(
        &ctx(ALICE, 10),
        SpoilersAction::Set("S05E10".into()),
        HorizonScope::Channel,
        Some("benchmark"),
    )
    .await
    .unwrap();
    let large_game = || StartOptions {
        show: Some("benchmark".into()),
        questions: Some(3),
        ..StartOptions::default()
    };
    let early = app
        .trivia_start(&ctx(ALICE, 10), large_game(), NOW)
        .await
        .unwrap();
    assert!(
        text(&early).contains("still being made"),
        "{}",
        text(&early)
    );
    // A game of the small show, in another channel, plays on.
    app.trivia()
        .set_bank_wait(std::time::Duration::from_secs(60));
    app.spoilers(
        &ctx(ALICE, 20),
        SpoilersAction::Set("S02E11".into()),
        HorizonScope::Channel,
        Some("smash"),
    )
    .await
    .unwrap();
    let small = StartOptions {
        show: Some("smash".into()),
        questions: Some(3),
        seconds: Some(20),
        ..StartOptions::default()
    };
    let r = app.trivia_start(&ctx(ALICE, 20), small, NOW).await.unwrap();
    assert!(text(&r).starts_with("Trivia: "), "{}", text(&r));
    let r = app
        .trivia_answer(&ctx(BOB, 20), "A", NOW + 500)
        .await
        .unwrap();
    assert_eq!(text(&r), "Your answer is in.");
    // Once built, the large show's game starts.
    app.banks_built().await.unwrap();
    assert!(app.bank_is_built(large));
    let started = app
        .trivia_start(&ctx(ALICE, 10), large_game(), NOW)
        .await
        .unwrap();
    assert!(text(&started).starts_with("Trivia: "), "{}", text(&started));
}

#[tokio::test]
async fn a_direct_messages_leaderboard_holds_its_own_games_only() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app_in(tmp.path(), &support::real_seeds()).await;
    // Two members, each playing alone in their direct messages with the bot.
    for (user, channel) in [(ALICE, 501), (BOB, 502)] {
        let mut dm = ctx(user, channel);
        dm.guild = None;
        app.progress(
            &dm,
            cliffhanger::app::ProgressAction::Set("S02E11".into()),
            None,
        )
        .await
        .unwrap();
        let opts = StartOptions {
            questions: Some(1),
            ..StartOptions::default()
        };
        app.trivia_start(&dm, opts, NOW).await.unwrap();
        app.trivia_answer(&dm, "A", NOW + 1_000).await.unwrap();
    }
    let mut dm = ctx(ALICE, 501);
    dm.guild = None;
    let board = app
        .trivia_leaderboard(&dm, None, false, NOW + 5_000)
        .await
        .unwrap();
    let text = board.description();
    assert!(text.contains(&format!("<@{ALICE}>")), "{text}");
    assert!(
        !text.contains(&format!("<@{BOB}>")),
        "Bob's own games are his: {text}"
    );
}

/// A lock held elsewhere on the answers (another process's long
/// transaction, an operator's `LOCK TABLE`) holds a member's answer up for
/// a bounded time only: the answer fails while the lock is still held, and
/// the member is told to try again, instead of waiting for its release.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_waits_for_a_lock_held_elsewhere_only_so_long() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app_in(tmp.path(), &support::real_seeds()).await;
    game(&app, 10, 2).await;
    // Another connection takes the answers table (on SQLite, the write
    // lock) and keeps it until the answer has failed.
    let (other, held) = support::hold_answers_lock(&support::db_url(tmp.path())).await;
    let answered = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        app.trivia_answer(&ctx(BOB, 10), "A", NOW + 1_000),
    )
    .await
    .expect("the answer waited for the lock to be released")
    .unwrap();
    assert_eq!(
        text(&answered),
        "Your answer could not be saved just now, so it does not count yet: please try again."
    );
    drop(held);
    other.close().await;
    // Once the lock is gone, the same answer is taken.
    let r = app
        .trivia_answer(&ctx(BOB, 10), "A", NOW + 2_000)
        .await
        .unwrap();
    assert_eq!(text(&r), "Your answer is in.");
}

/// Runs `sql` on `db`, returning the rows it changed.
/// Puts `questions` (JSON) in place of every kept bank.
async fn set_kept_bank(db: &Db, questions: &str) {
    let sql = format!(
        "UPDATE kept_banks SET questions = '{}'",
        questions.replace('\'', "''")
    );
    exec(db, &sql).await;
}

async fn exec(db: &Db, sql: &str) -> u64 {
    let sql = sql.to_string();
    support::on_db!(db, |pool| sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
    .unwrap()
}

/// The kept bank's text of every show, by show.
async fn kept(db: &Db) -> Vec<(i64, i64, String)> {
    support::on_db!(db, |pool| sqlx::query_as(
        "SELECT show_id, catalog_version, questions FROM kept_banks ORDER BY show_id"
    )
    .fetch_all(pool)
    .await)
    .unwrap()
}

#[tokio::test]
async fn a_restart_reads_the_bank_it_kept_and_makes_it_anew_when_it_cannot_be_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    let first = App::new(db).await.unwrap();
    let show = first.index().shows[0].clone();
    let made = first.question_bank(&show).await.unwrap();
    assert!(made.len() > 5, "{}", made.len());
    assert!(
        made.iter().any(|q| q.score.is_some()),
        "generated questions carry their scores"
    );
    first.db().close().await;

    // Kept as made, scores and all.
    let db = support::open(tmp.path()).await;
    let rows = kept(&db).await;
    assert_eq!(rows.len(), 1, "one bank kept for the one show");
    let version = rows[0].1;
    assert_eq!(
        cliffhanger::quiz::read_kept(&rows[0].2).unwrap(),
        made.as_slice()
    );
    // A restart reads it: a mark put in the kept text comes back.
    let marked = rows[0].2.replacen(&made[0].key, "kept-mark", 1);
    assert_ne!(marked, rows[0].2);
    set_kept_bank(&db, &marked).await;
    let second = App::new(db).await.unwrap();
    let read = second.question_bank(&show).await.unwrap();
    assert_eq!(read[0].key, "kept-mark", "the restart made the bank again");
    assert_eq!(read.len(), made.len());
    second.db().close().await;

    // Unreadable: made anew, and kept again in its place.
    let db = support::open(tmp.path()).await;
    set_kept_bank(&db, "[{\"not\": \"a question\"}]").await;
    let third = App::new(db).await.unwrap();
    assert_eq!(
        third.question_bank(&show).await.unwrap().as_slice(),
        made.as_slice()
    );
    third.db().close().await;
    let db = support::open(tmp.path()).await;
    assert_eq!(
        cliffhanger::quiz::read_kept(&kept(&db).await[0].2).unwrap(),
        made.as_slice()
    );

    // Kept for an older catalog: not read; the bank of the catalog as it
    // is now replaces it.
    set_kept_bank(&db, &marked).await;
    exec(
        &db,
        "UPDATE versions SET value = value + 1 WHERE name = 'catalog'",
    )
    .await;
    let fourth = App::new(db).await.unwrap();
    let anew = fourth.question_bank(&show).await.unwrap();
    assert_eq!(
        anew.as_slice(),
        made.as_slice(),
        "made anew for the new catalog"
    );
    fourth.db().close().await;
    let db = support::open(tmp.path()).await;
    let rows = kept(&db).await;
    assert_eq!(rows.len(), 1, "the older bank is replaced: {rows:?}");
    assert_eq!(rows[0].1, version + 1);
}

/// Every fact's text of the first episode of the first show, as `app` holds
/// them in memory.
fn first_episode(app: &App) -> Vec<String> {
    let index = app.index();
    let episode = index.shows[0].episodes[0].id;
    index
        .facts
        .episode(episode)
        .iter()
        .map(|f| f.text.unrendered().to_string())
        .collect()
}

/// The size of each kept part of the facts, once the background keeping
/// has written them (waiting up to ten seconds).
async fn kept_parts(db: &Db) -> Vec<i64> {
    for _ in 0..100 {
        let sizes: Vec<i64> = support::on_db!(db, |pool| sqlx::query_scalar(
            "SELECT CAST(length(bytes) AS BIGINT) FROM kept_facts ORDER BY part"
        )
        .fetch_all(pool)
        .await)
        .unwrap();
        if sizes.iter().all(|s| *s > 100) && !sizes.is_empty() {
            return sizes;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the facts were never kept");
}

#[tokio::test]
async fn a_restart_reads_the_facts_it_kept_and_every_row_when_they_are_damaged() {
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    let first = App::new(db).await.unwrap();
    let read = first_episode(&first);
    assert!(read.len() > 5, "{read:?}");
    assert!(!kept_parts(first.db()).await.is_empty());
    first.db().close().await;

    // A fact's row changed by hand, the catalog's version left alone: a
    // start that reads the kept facts does not see it.
    let db = support::open(tmp.path()).await;
    exec(
        &db,
        "UPDATE facts SET text = 'Changed by hand.' WHERE id = (SELECT MIN(id) FROM facts)",
    )
    .await;
    let second = App::new(db).await.unwrap();
    assert_eq!(first_episode(&second), read, "the restart read the rows");
    second.db().close().await;

    // Cut short: refused by its checksum, every row read (the change seen),
    // and the facts kept anew, whole.
    let db = support::open(tmp.path()).await;
    exec(&db, "UPDATE kept_facts SET bytes = substr(bytes, 1, 100)").await;
    let third = App::new(db).await.unwrap();
    let anew = first_episode(&third);
    assert!(
        anew.iter().any(|t| t == "Changed by hand."),
        "the damaged facts were read: {anew:?}"
    );
    assert_eq!(anew.len(), read.len());
    assert!(!kept_parts(third.db()).await.is_empty());
    third.db().close().await;
}
