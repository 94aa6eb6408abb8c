//! Two bot processes with different shard ranges on one PostgreSQL and one
//! fake Discord: each serves the servers of its shard, what a member sets
//! through one is honoured by the other, a process killed with SIGKILL
//! has its game ended by the other within the lease, with its points, and
//! a catalog import by a third process reaches both.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::fake_discord::{ALICE, BOB, FakeDiscord, GUILD, Member, Request, shard_of};

/// A channel of each server.
const CHANNEL_A: u64 = 500_000_000_000_000_001;
const CHANNEL_B: u64 = 500_000_000_000_000_002;
/// How long a game's lease lasts in these processes (s).
const LEASE: u64 = 3;

/// One bot process serving `shard` of two.
fn spawn_bot(dir: &Path, url: &str, fake: &FakeDiscord, shard: u64) -> tokio::process::Child {
    let range = format!("{shard}..={shard}");
    let args = ["--shards", &range, "--shard-count", "2"];
    support::spawn_bot(dir, url, &fake.url(), LEASE, &args)
}

/// A slash command in `channel` of the fake's server; its answer.
async fn run(fake: &FakeDiscord, who: Member, channel: u64, name: &str, options: Value) -> Request {
    let mark = fake.mark();
    let (id, _) = fake.slash(who, channel, name, options);
    fake.wait_for(mark, name, |r| r.callback_of(&id)).await
}

fn set_episode(episode: &str) -> Value {
    json!([{"name": "set", "type": 1, "options": [
        {"name": "episode", "type": 3, "value": episode}]}])
}

/// Starts a game of two questions in `channel`; the first question and
/// its message id.
async fn start_game(fake: &FakeDiscord, channel: u64) -> (Request, String) {
    run(fake, ALICE, channel, "spoilers", set_episode("S02E11")).await;
    let mark = fake.mark();
    let started = run(
        fake,
        ALICE,
        channel,
        "trivia",
        json!([{"name": "start", "type": 1, "options": [
            {"name": "questions", "type": 4, "value": 2},
            {"name": "seconds", "type": 4, "value": 120}]}]),
    )
    .await;
    assert!(
        started.text().starts_with("Trivia: 2 questions"),
        "{}",
        started.text()
    );
    fake.next_question(mark, channel).await
}

/// The status of the game in `channel`, read from the database.
async fn status_in(db: &cliffhanger::store::Db, channel: u64) -> String {
    support::on_db!(db, |pool| sqlx::query_scalar(
        "SELECT status FROM games WHERE channel_id = $1 ORDER BY id DESC LIMIT 1"
    )
    .bind(channel as i64)
    .fetch_one(pool)
    .await)
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_one_database_and_take_over_each_others_games() {
    let Some(server) = support::postgres_for("two_processes_share_one_database") else {
        return;
    };
    let url = support::fresh_postgres(&server, "two processes");
    let (tmp, _) = support::scratch();
    let fake = FakeDiscord::start().await;
    // Server A is on shard 0 of 2, server B on shard 1.
    let guild_a = (0..)
        .map(|i| GUILD + (i << 22))
        .find(|g| shard_of(*g, 2) == 0)
        .unwrap();
    let guild_b = (0..)
        .map(|i| GUILD + (i << 22))
        .find(|g| shard_of(*g, 2) == 1)
        .unwrap();
    let (a, b) = (fake.in_guild(guild_a), fake.in_guild(guild_b));

    // Both start at once on a new database: they migrate and import in
    // turns.
    let mut first = spawn_bot(tmp.path(), &url, &fake, 0);
    let mut second = spawn_bot(tmp.path(), &url, &fake, 1);
    let deadline = Instant::now() + Duration::from_secs(60);
    while fake.identifies().len() < 2 {
        assert!(Instant::now() < deadline, "both processes identify");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut shards: Vec<Value> = fake
        .identifies()
        .iter()
        .map(|i| i["shard"].clone())
        .collect();
    shards.sort_by_key(|s| s[0].as_u64());
    assert_eq!(shards, vec![json!([0, 2]), json!([1, 2])]);
    // Each serves its own server.
    for (fake, guild) in [(&a, guild_a), (&b, guild_b)] {
        let about = run(fake, BOB, CHANNEL_A, "about", json!([])).await;
        assert!(about.text().contains("Smash"), "{guild}: {}", about.text());
    }

    // Bob's progress, set through the first process, is honoured by the
    // second at once, though it had his gate in memory.
    let karen = json!([{"name": "name", "type": 3, "value": "Karen"}]);
    let before = run(&b, BOB, CHANNEL_B, "character", karen.clone()).await;
    assert!(
        !before.text().contains("Derek, in a moment"),
        "{}",
        before.text()
    );
    let set = run(&a, BOB, CHANNEL_A, "progress", set_episode("S01E12")).await;
    assert!(set.text().contains("S01E12"), "{}", set.text());
    let after = run(&b, BOB, CHANNEL_B, "character", karen.clone()).await;
    assert!(
        after.text().contains("Derek, in a moment"),
        "{}",
        after.text()
    );

    // A catalog import by a third process reaches both.
    let more = tmp.path().join("more");
    support::copy_dir(&tmp.path().join("seeds"), &more);
    support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smash-more"),
        &more.join("smash/episodes"),
    );
    let imported = std::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .args(["import"])
        .current_dir(tmp.path())
        .env("DATABASE_URL", &url)
        .env("SEEDS_DIR", &more)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    // What /about counts is what Bob has watched: the three new episodes
    // once his progress (set through the second process) reaches them.
    let set = run(&b, BOB, CHANNEL_B, "progress", set_episode("S02E11")).await;
    assert!(set.text().contains("S02E11"), "{}", set.text());
    for fake in [&a, &b] {
        let about = run(fake, BOB, CHANNEL_A, "about", json!([])).await;
        assert!(
            about.text().contains("Smash: 4 episodes"),
            "{}",
            about.text()
        );
    }

    // A game in each server, one on each process.
    let (q_a, m_a) = start_game(&a, CHANNEL_A).await;
    start_game(&b, CHANNEL_B).await;
    // Question 1 in server A is answered by both and revealed: points.
    let buttons = q_a.buttons();
    let mark = fake.mark();
    for who in [ALICE, BOB] {
        let clicked = a.mark();
        let id = a.click(who, CHANNEL_A, &m_a, &buttons[0].0);
        a.wait_for(clicked, "an answer to a click", |r| r.callback_of(&id))
            .await;
    }
    fake.wait_for(mark, "question 2", |r| {
        r.posted_in(CHANNEL_A) && r.text().contains("Question 2/2")
    })
    .await;
    let db = cliffhanger::store::Db::connect(&url).await.unwrap();
    let points: Vec<(i64, i64)> = support::on_db!(db, |pool| sqlx::query_as(
        "SELECT user_id, CAST(SUM(points) AS BIGINT) FROM answers GROUP BY user_id"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(points.len(), 2, "{points:?}");

    // The first process is killed: no shutdown, no goodbye.
    let mark = fake.mark();
    first.start_kill().unwrap();
    first.wait().await.unwrap();
    let killed = Instant::now();
    let notice = fake
        .try_wait_for(mark, Duration::from_secs(LEASE * 4), &|r: &Request| {
            r.posted_in(CHANNEL_A) && r.text().contains("was cut off")
        })
        .await
        .expect("the other process ends the game and tells its channel");
    let took = killed.elapsed();
    assert!(
        took <= Duration::from_secs(LEASE + LEASE / 3 + 2),
        "{took:?}"
    );
    assert_eq!(status_in(&db, CHANNEL_A).await, "interrupted");
    // With the points question 1 gave, as stored.
    for (user, points) in &points {
        let line = format!("<@{user}> · {points} points");
        assert!(notice.text().contains(&line), "{line} in {}", notice.text());
    }
    // The second process's game goes on, and it keeps serving.
    assert_eq!(status_in(&db, CHANNEL_B).await, "running");
    let about = run(&b, BOB, CHANNEL_B, "about", json!([])).await;
    assert!(about.text().contains("Smash"), "{}", about.text());
    assert!(
        second.try_wait().unwrap().is_none(),
        "the second process runs on"
    );
    second.start_kill().unwrap();
    let _ = second.wait().await;
    db.close().await;
}
