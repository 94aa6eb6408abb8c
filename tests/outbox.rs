//! A bot process killed between storing what a click brought about and
//! posting it, on whichever backend the suite runs on: what it stored is
//! posted by the next process, each post once and in order, and the game
//! is then said to be cut off.

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::fake_discord::{ALICE, BOB, FakeDiscord, Member, Request};

const CHANNEL: u64 = 500_000_000_000_000_001;
/// How long a game's lease lasts in these processes (s).
const LEASE: u64 = 2;
/// Discord's time to answer an interaction.
const DEADLINE: Duration = Duration::from_secs(3);

async fn run(fake: &FakeDiscord, who: Member, name: &str, options: Value) -> Request {
    let mark = fake.mark();
    let (id, _) = fake.slash(who, CHANNEL, name, options);
    fake.wait_for(mark, name, |r| r.callback_of(&id)).await
}

/// A message the fake accepted (a refused one has no id).
fn accepted_in(r: &Request, channel: u64) -> bool {
    r.posted_in(channel) && r.response.get("id").is_some()
}

/// The outbox's posts, in order: their texts.
async fn outbox(db: &cliffhanger::store::Db) -> Vec<String> {
    let rows: Vec<(String,)> = support::on_db!(db, |pool| sqlx::query_as(
        "SELECT reply FROM outbox ORDER BY id"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    rows.into_iter().map(|(reply,)| reply).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_killed_process_stored_is_posted_once_and_in_order_by_the_next() {
    let (tmp, _) = support::scratch();
    let url = support::db_url(tmp.path());
    let fake = FakeDiscord::start().await;
    let mut first = support::spawn_bot(tmp.path(), &url, &fake.url(), LEASE, &[]);
    fake.wait_ready().await;
    let horizon = json!([{"name": "set", "type": 1, "options": [
        {"name": "episode", "type": 3, "value": "S02E11"}]}]);
    run(&fake, ALICE, "spoilers", horizon).await;
    let mark = fake.mark();
    run(
        &fake,
        ALICE,
        "trivia",
        json!([{"name": "start", "type": 1, "options": [
            {"name": "questions", "type": 4, "value": 2},
            {"name": "seconds", "type": 4, "value": 120}]}]),
    )
    .await;
    let (q1, m1) = fake.next_question(mark, CHANNEL).await;
    let buttons = q1.buttons();

    // Discord stops taking the channel's posts; both members answer, the
    // second answer ends the round. Each click is answered in time.
    fake.refuse(CHANNEL, Some(503));
    let mark = fake.mark();
    for who in [ALICE, BOB] {
        let clicked = fake.mark();
        let before = Instant::now();
        let id = fake.click(who, CHANNEL, &m1, &buttons[0].0);
        let answer = fake
            .wait_for(clicked, "an answer to a click", |r| r.callback_of(&id))
            .await;
        assert!(answer.at - before < DEADLINE, "{:?}", answer.at - before);
    }
    // The round's result was tried, and refused.
    fake.wait_for(mark, "a refused post", |r| {
        r.posted_in(CHANNEL) && r.response.get("id").is_none()
    })
    .await;
    // The process dies with the result and the next question stored, not
    // posted.
    first.start_kill().unwrap();
    first.wait().await.unwrap();
    assert!(
        !fake.since(mark).iter().any(|r| accepted_in(r, CHANNEL)),
        "nothing reached the channel"
    );
    let db = cliffhanger::store::Db::connect(&url).await.unwrap();
    let waiting = outbox(&db).await;
    assert_eq!(waiting.len(), 2, "{waiting:?}");
    assert!(waiting[0].contains("Answer: "), "{}", waiting[0]);
    assert!(waiting[1].contains("Question 2/2"), "{}", waiting[1]);

    // Discord is back, and another process starts.
    fake.refuse(CHANNEL, None);
    let mark = fake.mark();
    let mut second = support::spawn_bot(tmp.path(), &url, &fake.url(), LEASE, &[]);
    let notice = fake
        .try_wait_for(mark, Duration::from_secs(LEASE * 4 + 20), &|r: &Request| {
            accepted_in(r, CHANNEL) && r.text().contains("was cut off")
        })
        .await
        .expect("the next process tells the channel the game was cut off");
    let posted: Vec<Request> = fake
        .since(mark)
        .into_iter()
        .filter(|r| accepted_in(r, CHANNEL))
        .collect();
    let texts: Vec<String> = posted.iter().map(Request::text).collect();
    assert_eq!(posted.len(), 3, "each post once: {texts:#?}");
    assert!(texts[0].starts_with("Answer: "), "{texts:#?}");
    assert!(texts[1].contains("Question 2/2"), "{texts:#?}");
    assert_eq!(posted[2].seq, notice.seq);
    // Both points of question 1 stand in the notice.
    assert_eq!(
        notice.text().matches(" points").count(),
        2,
        "{}",
        notice.text()
    );
    // Question 2's buttons are closed as the game is said to be over.
    let q2 = posted[1].response["id"].as_str().unwrap().to_string();
    let closed = fake
        .wait_for(mark, "question 2's buttons disabled", |r| {
            r.method == "PATCH" && r.path.ends_with(&format!("/messages/{q2}"))
        })
        .await;
    assert!(closed.seq > posted[1].seq);
    assert!(closed.buttons().iter().all(|(_, _, disabled)| *disabled));
    // Posted: nothing is left to post again.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !outbox(&db).await.is_empty() {
        assert!(Instant::now() < deadline, "the outbox empties");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    second.start_kill().unwrap();
    let _ = second.wait().await;
    db.close().await;
}
