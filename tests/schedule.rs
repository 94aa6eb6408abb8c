//! What the bot does on a schedule. The question of the day: posted at
//! its local time across a change of the clocks, answered by button,
//! revealed with who got it, counted into streaks; late days said to be
//! late, days too late skipped, each day done once however many processes
//! find it due, and no question asked again before the bank has gone
//! round. Games set for later: checked when set, announced with a server
//! event, reminded, started on time as their setter's, called off. On
//! whichever backend the suite runs on.

mod support;

use std::sync::Arc;
use std::time::Duration;

use chrono::TimeZone;
use cliffhanger::app::{App, Ctx};
use cliffhanger::import::import_dir;
use cliffhanger::invoke::Call;
use cliffhanger::reply::{EventChange, Reply};
use serde_json::{Value, json};
use support::bot::Bot;
use support::fake_discord::{
    ALICE, BOB, FakeDiscord, GUILD, MANAGE_GUILD, MEMBER, Member, Request,
};

const CHANNEL: u64 = 500_000_000_000_000_001;

/// Manages the server: sets the question of the day.
const MODERATOR: Member = Member {
    id: 444_444_444_444_444_444,
    name: "mod",
    locale: "en-US",
    permissions: MEMBER | MANAGE_GUILD,
};

fn berlin(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    chrono_tz::Europe::Berlin
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .earliest()
        .unwrap()
        .timestamp_millis()
}

fn text(replies: &[Reply]) -> String {
    replies
        .iter()
        .map(|r| r.to_text("(private)"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// An app over a fresh database with the bundled seeds, the channel's
/// horizon at the last episode.
async fn app_in(dir: &std::path::Path) -> App {
    let db = support::open(dir).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    let app = App::with_seed(db, 7).await.unwrap();
    let horizon = Call::new(&["spoilers", "set"], [("episode", "S02E11".to_string())]);
    app.invoke(&support::moderator(1), &horizon, 0)
        .await
        .unwrap();
    app
}

async fn call(app: &App, ctx: &Ctx, path: &[&str], options: &[(&str, &str)], now: i64) -> String {
    let call = Call::new(path, options.iter().map(|(k, v)| (*k, v.to_string())));
    text(&app.invoke(ctx, &call, now).await.unwrap())
}

/// Sets a question of the day at 09:00 Berlin in the moderator's channel.
async fn set_daily(app: &App, now: i64) -> String {
    let options = [("time", "09:00"), ("timezone", "Europe/Berlin")];
    call(
        app,
        &support::moderator(1),
        &["daily", "set"],
        &options,
        now,
    )
    .await
}

/// What the channels are told at `now`.
async fn tick(app: &App, now: i64) -> String {
    let out = app.trivia_tick(now).await.unwrap();
    let posts: Vec<i64> = out
        .iter()
        .flat_map(|(_, r)| r)
        .filter_map(|r| r.post)
        .collect();
    app.trivia_posted(&posts).await.unwrap();
    out.iter()
        .map(|(_, replies)| text(replies))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[tokio::test]
async fn only_a_manager_sets_it_and_only_where_a_horizon_says_what_may_be_asked() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    let mut member = support::moderator(5);
    member.can_manage_guild = false;
    let options = [("time", "09:00"), ("timezone", "Europe/Berlin")];
    let said = call(&app, &member, &["daily", "set"], &options, now).await;
    assert!(
        said.contains("Only members who may manage the server"),
        "{said}"
    );
    let mut elsewhere = support::moderator(1);
    elsewhere.channel = 99;
    let said = call(&app, &elsewhere, &["daily", "set"], &options, now).await;
    assert!(said.contains("has no spoiler horizon"), "{said}");
    for (time, zone, refusal) in [
        ("25:00", "Europe/Berlin", "is not a time of day"),
        ("9am", "Europe/Berlin", "is not a time of day"),
        ("09:00", "Berlin", "is not a time zone I know"),
    ] {
        let options = [("time", time), ("timezone", zone)];
        let said = call(
            &app,
            &support::moderator(1),
            &["daily", "set"],
            &options,
            now,
        )
        .await;
        assert!(said.contains(refusal), "{time} {zone}: {said}");
    }
    // Nothing was set by any of them.
    let said = call(&app, &member, &["daily", "show"], &[], now).await;
    assert!(said.contains("no question of the day"), "{said}");
    let said = set_daily(&app, now).await;
    assert!(
        said.contains("every day at 09:00 (Europe/Berlin)"),
        "{said}"
    );
    assert!(said.contains("Next: 2026-12-08 09:00"), "{said}");
}

#[tokio::test]
async fn a_late_day_says_how_late_and_a_day_too_late_is_skipped() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    set_daily(&app, berlin(2026, 12, 7, 12, 0)).await;
    // Nothing before its time.
    assert_eq!(tick(&app, berlin(2026, 12, 8, 8, 59)).await, "");
    // The bot was away until 11:30: posted, saying so.
    let said = tick(&app, berlin(2026, 12, 8, 11, 30)).await;
    assert!(said.contains("Question of the day"), "{said}");
    assert!(said.contains("Posted 2 h 30 min late"), "{said}");
    // Away from before the next one until the evening after it: skipped,
    // saying so, and the one after that comes on time.
    let said = tick(&app, berlin(2026, 12, 9, 22, 0)).await;
    assert!(
        said.contains("due 2026-12-09 09:00 (Europe/Berlin) was skipped: I was away for 13 h"),
        "{said}"
    );
    assert!(!said.contains("Yesterday's question"), "{said}");
    let said = tick(&app, berlin(2026, 12, 10, 9, 0)).await;
    assert!(said.contains("Yesterday's question"), "{said}");
    assert!(!said.contains("late"), "{said}");
    let outcomes: Vec<(Option<String>,)> = support::on_db!(app.db(), |pool| sqlx::query_as(
        "SELECT outcome FROM schedule ORDER BY due_at"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    let outcomes: Vec<&str> = outcomes
        .iter()
        .map(|(o,)| o.as_deref().unwrap_or("-"))
        .collect();
    assert_eq!(outcomes, ["late", "skipped", "posted", "-"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_day_is_done_once_when_two_processes_find_it_due() {
    let (tmp, _) = support::scratch();
    let first = Arc::new(app_in(tmp.path()).await);
    let second = Arc::new(
        App::with_seed(support::open(tmp.path()).await, 8)
            .await
            .unwrap(),
    );
    set_daily(&first, berlin(2026, 12, 7, 12, 0)).await;
    // The second hears of it at once (else within a lease renewal).
    second.next_scheduled().await.unwrap();
    for day in 8..=12 {
        let at = berlin(2026, 12, day, 9, 0);
        let (a, b) = tokio::join!(
            {
                let app = first.clone();
                async move { tick(&app, at).await }
            },
            {
                let app = second.clone();
                async move { tick(&app, at).await }
            }
        );
        let both = format!("{a}\n{b}");
        assert_eq!(
            both.matches("**Question of the day ·").count(),
            1,
            "day {day}: {both}"
        );
    }
    let (asked,): (i64,) = support::on_db!(first.db(), |pool| sqlx::query_as(
        "SELECT COUNT(*) FROM daily_questions"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(asked, 5);
}

#[tokio::test]
async fn no_question_comes_back_until_the_bank_has_gone_round() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    set_daily(&app, berlin(2026, 12, 7, 12, 0)).await;
    let days = 40;
    for day in 0..days {
        let at = berlin(2026, 12, 8, 9, 0) + day * 86_400_000;
        let said = tick(&app, at).await;
        assert!(said.contains("Question of the day"), "day {day}: {said}");
    }
    let rows: Vec<(String, i64)> = support::on_db!(app.db(), |pool| sqlx::query_as(
        "SELECT question_key, lap FROM daily_questions ORDER BY id"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(rows.len(), days as usize);
    let laps: std::collections::BTreeSet<i64> = rows.iter().map(|(_, lap)| *lap).collect();
    assert!(
        laps.len() >= 2,
        "the bank went round within {days} days: {laps:?}"
    );
    for lap in laps {
        let keys: Vec<&String> = rows
            .iter()
            .filter(|(_, l)| *l == lap)
            .map(|(k, _)| k)
            .collect();
        let distinct: std::collections::HashSet<&&String> = keys.iter().collect();
        assert_eq!(
            distinct.len(),
            keys.len(),
            "round {lap} asked a question twice"
        );
    }
    // A round is the whole bank: the first asked every question the
    // second begins again with.
    let first: std::collections::HashSet<&String> = rows
        .iter()
        .filter(|(_, l)| *l == 1)
        .map(|(k, _)| k)
        .collect();
    assert!(
        rows.iter()
            .filter(|(_, l)| *l == 2)
            .all(|(k, _)| first.contains(k))
    );
}

/// The bot on the fake Discord, its clock held at `start`.
async fn bot_at(start: i64) -> Bot {
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    let app = Arc::new(App::with_seed(db, 7).await.unwrap());
    app.clock().hold_at(start);
    let config = cliffhanger::discord::Config {
        dev_guild: Some(GUILD),
        ..cliffhanger::discord::Config::default()
    };
    support::bot::serve(app, tmp, config).await
}

/// The letter of the open question of the day's answer, and of a wrong
/// choice.
async fn letters(bot: &Bot) -> (usize, usize) {
    let (json,): (String,) = support::on_db!(bot.app.db(), |pool| sqlx::query_as(
        "SELECT question FROM daily_questions WHERE revealed = 0"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let q: Value = serde_json::from_str(&json).unwrap();
    let choices = q["choices"].as_array().unwrap();
    let right = choices.iter().position(|c| *c == q["answer"]).unwrap();
    (right, (right + 1) % choices.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fortnight_of_questions_of_the_day_across_the_clocks_going_back() {
    // Berlin's clocks go back on 25 October 2026.
    let bot = bot_at(berlin(2026, 10, 20, 12, 0)).await;
    let horizon = json!([{"name": "set", "type": 1, "options": [
        {"name": "episode", "type": 3, "value": "S02E11"}]}]);
    bot.run(ALICE, CHANNEL, "spoilers", horizon).await;
    let set = json!([{"name": "set", "type": 1, "options": [
        {"name": "time", "type": 3, "value": "09:00"},
        {"name": "timezone", "type": 3, "value": "Europe/Berlin"},
        {"name": "channel", "type": 7, "value": CHANNEL.to_string()}]}]);
    let answer = bot.run(MODERATOR, CHANNEL, "daily", set).await;
    assert!(answer.ephemeral());
    assert!(
        answer.text().contains("Next: 2026-10-21 09:00"),
        "{}",
        answer.text()
    );

    for (n, day) in (21..=31).chain(1..=3).enumerate() {
        let month = if day > 20 { 10 } else { 11 };
        // A minute before its time: nothing.
        let mark = bot.fake.mark();
        bot.app.clock().hold_at(berlin(2026, month, day, 8, 59));
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert!(
            !bot.fake.since(mark).iter().any(|r| r.posted_in(CHANNEL)),
            "nothing before 09:00 on day {day}"
        );
        // At its time, by the clocks of Berlin that day.
        bot.app.clock().hold_at(berlin(2026, month, day, 9, 0));
        let posted = bot
            .fake
            .wait_for(mark, "the question of the day", |r| {
                r.posted_in(CHANNEL) && r.text().contains("Question of the day ·")
            })
            .await;
        // The last answer is revealed first, in a post of its own.
        let text: Vec<String> = bot
            .fake
            .since(mark)
            .iter()
            .filter(|r| r.posted_in(CHANNEL))
            .map(Request::text)
            .collect();
        let text = text.join("\n");
        if n > 0 {
            assert!(text.contains("Yesterday's question"), "{text}");
            assert!(text.contains(&format!("<@{}>", BOB.id)), "{text}");
        }
        // A thread to talk about it, named for the day.
        let message = posted.response["id"].as_str().unwrap().to_string();
        let thread = bot
            .fake
            .wait_for(mark, "a thread for the question", |r| {
                r.method == "POST" && r.path.ends_with(&format!("/messages/{message}/threads"))
            })
            .await;
        let name = format!("Question of the day 2026-{month:02}-{day:02}");
        assert_eq!(thread.body["name"], name);
        // Bob answers right every day; Alice wrong on the fifth.
        let (right, wrong) = letters(&bot).await;
        let buttons = posted.buttons();
        for (who, choice) in [(BOB, right), (ALICE, if n == 4 { wrong } else { right })] {
            let clicked = bot.fake.mark();
            let id = bot.fake.click(who, CHANNEL, &message, &buttons[choice].0);
            let ack = bot
                .fake
                .wait_for(clicked, "the answer's acknowledgement", |r| {
                    r.callback_of(&id)
                })
                .await;
            assert!(ack.ephemeral(), "{}", ack.text());
            assert!(ack.text().contains("Your answer is in"), "{}", ack.text());
        }
    }
    // Fourteen days, thirteen revealed: Bob right on all, Alice's run
    // broken on the fifth.
    let board = bot
        .run(
            BOB,
            CHANNEL,
            "daily",
            json!([{"name": "leaderboard", "type": 1, "options": []}]),
        )
        .await;
    let lines = board.text();
    assert!(
        lines.contains(&format!("1. <@{}>: 13 right · streak 13 (best 13)", BOB.id)),
        "{lines}"
    );
    assert!(
        lines.contains(&format!("2. <@{}>: 12 right · streak 8 (best 8)", ALICE.id)),
        "{lines}"
    );
    bot.stop().await;
}

/// Two bot processes on one database, both killed while Discord is taking
/// the day's post; a third finds the post unposted and sends it again:
/// the channel has it once, with one thread.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_posted_as_its_processes_are_killed_appears_once() {
    const LEASE: u64 = 2;
    let (tmp, _) = support::scratch();
    let url = support::db_url(tmp.path());
    let fake = FakeDiscord::start().await;
    let mut first = support::spawn_bot(tmp.path(), &url, &fake.url(), LEASE, &[]);
    fake.wait_ready().await;
    let run = |who: Member, name: &'static str, options: Value| {
        let fake = &fake;
        async move {
            let mark = fake.mark();
            let (id, _) = fake.slash(who, CHANNEL, name, options);
            fake.wait_for(mark, name, |r| r.callback_of(&id)).await
        }
    };
    let horizon = json!([{"name": "set", "type": 1, "options": [
        {"name": "episode", "type": 3, "value": "S02E11"}]}]);
    run(ALICE, "spoilers", horizon).await;
    let set = json!([{"name": "set", "type": 1, "options": [
        {"name": "time", "type": 3, "value": "09:00"},
        {"name": "timezone", "type": 3, "value": "Europe/Berlin"}]}]);
    let answer = run(MODERATOR, "daily", set).await;
    assert!(answer.text().contains("Next:"), "{}", answer.text());
    let mark = fake.mark();
    let mut second = support::spawn_bot(tmp.path(), &url, &fake.url(), LEASE, &[]);
    fake.wait_for(mark, "the second process's registration", |r| {
        r.method == "PUT" && r.path.ends_with("/commands")
    })
    .await;

    // Discord takes the channel's posts slowly; the day falls due now.
    fake.slow_posts(CHANNEL, Duration::from_secs(4));
    let db = cliffhanger::store::Db::connect(&url).await.unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    support::on_db!(&db, |pool| sqlx::query(
        "UPDATE schedule SET due_at = $1 WHERE outcome IS NULL"
    )
    .bind(now - 1)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
    // One of them stores the day and sends its post; both die while
    // Discord is taking it.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let (asked,): (i64,) = support::on_db!(&db, |pool| sqlx::query_as(
            "SELECT COUNT(*) FROM daily_questions"
        )
        .fetch_one(pool)
        .await)
        .unwrap();
        if asked == 1 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the day is stored");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    for bot in [&mut first, &mut second] {
        bot.start_kill().unwrap();
        bot.wait().await.unwrap();
    }
    let posted = fake
        .wait_for(mark, "the post Discord took from a dead process", |r| {
            r.posted_in(CHANNEL) && r.text().contains("Question of the day ·")
        })
        .await;
    let message = posted.response["id"].as_str().unwrap().to_string();
    let (waiting,): (i64,) =
        support::on_db!(&db, |pool| sqlx::query_as("SELECT COUNT(*) FROM outbox")
            .fetch_one(pool)
            .await)
        .unwrap();
    assert_eq!(waiting, 1, "its process died before noting it went out");

    // A third process posts what they left: the same message, once.
    fake.slow_posts(CHANNEL, Duration::ZERO);
    let again = fake.mark();
    let mut third = support::spawn_bot(tmp.path(), &url, &fake.url(), LEASE, &[]);
    let resent = fake
        .wait_for(again, "the post sent again", |r| {
            r.posted_in(CHANNEL) && r.text().contains("Question of the day ·")
        })
        .await;
    assert_eq!(
        resent.response["id"].as_str().unwrap(),
        message,
        "the same message"
    );
    fake.wait_for(again, "its thread", |r| {
        r.method == "POST" && r.path.ends_with(&format!("/messages/{message}/threads"))
    })
    .await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (waiting,): (i64,) =
            support::on_db!(&db, |pool| sqlx::query_as("SELECT COUNT(*) FROM outbox")
                .fetch_one(pool)
                .await)
            .unwrap();
        if waiting == 0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the outbox empties");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let messages: std::collections::BTreeSet<String> = fake
        .since(mark)
        .iter()
        .filter(|r| r.posted_in(CHANNEL) && r.text().contains("Question of the day ·"))
        .filter_map(|r| r.response["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    let (asked,): (i64,) = support::on_db!(&db, |pool| sqlx::query_as(
        "SELECT COUNT(*) FROM daily_questions"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(asked, 1, "the day was done once");
    third.start_kill().unwrap();
    let _ = third.wait().await;
    db.close().await;
}

/// Sets a game of two questions for 2026-12-10 20:00 Berlin in the
/// moderator's channel.
async fn schedule_game(app: &App, ctx: &Ctx, now: i64) -> Vec<Reply> {
    let call = Call::new(
        &["trivia", "schedule", "add"],
        [
            ("at", "2026-12-10 20:00".to_string()),
            ("timezone", "Europe/Berlin".to_string()),
            ("questions", "2".to_string()),
        ],
    );
    app.invoke(ctx, &call, now).await.unwrap()
}

#[tokio::test]
async fn a_game_set_for_later_is_reminded_and_starts_on_time_as_its_setters() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    let moderator = support::moderator(1);
    // Refused as `/trivia start` would refuse it, or for its time.
    let mut member = support::moderator(5);
    member.can_manage_channel = false;
    let said = text(&schedule_game(&app, &member, now).await);
    assert!(
        said.contains("Only members who may manage this channel"),
        "{said}"
    );
    for (at, refusal) in [
        ("2026-12-01 20:00", "has passed"),
        ("2027-06-01 20:00", "at most 60 days ahead"),
        ("Thursday", "is not a time"),
    ] {
        let options = [("at", at), ("timezone", "Europe/Berlin")];
        let said = call(
            &app,
            &moderator,
            &["trivia", "schedule", "add"],
            &options,
            now,
        )
        .await;
        assert!(said.contains(refusal), "{at}: {said}");
    }
    let options = [
        ("at", "20:00"),
        ("timezone", "Europe/Berlin"),
        ("up_to", "S09E09"),
    ];
    let said = call(
        &app,
        &moderator,
        &["trivia", "schedule", "add"],
        &options,
        now,
    )
    .await;
    assert!(said.starts_with("(private)"), "{said}");
    assert!(!said.contains("is set"), "{said}");

    let replies = schedule_game(&app, &moderator, now).await;
    let said = text(&replies);
    assert!(
        said.contains("Trivia game #1 is set: 2 questions about Smash in <#2>, starting 2026-12-10 20:00 (Europe/Berlin)"),
        "{said}"
    );
    assert!(!replies[0].private, "the channel sees it");
    match replies[0].event.as_deref() {
        Some(EventChange::Make {
            plan,
            name,
            start_ms,
            ..
        }) => {
            assert_eq!((*plan, name.as_str()), (1, "Trivia: Smash"));
            assert_eq!(*start_ms, berlin(2026, 12, 10, 20, 0));
        }
        other => panic!("no event to make: {other:?}"),
    }
    let listed = call(&app, &member, &["trivia", "schedule", "list"], &[], now).await;
    assert!(
        listed.contains("#1 · 2026-12-10 20:00 (Europe/Berlin) · <#2> · Smash"),
        "{listed}"
    );

    assert_eq!(tick(&app, berlin(2026, 12, 10, 19, 44)).await, "");
    let said = tick(&app, berlin(2026, 12, 10, 19, 45)).await;
    assert!(said.contains("Trivia starts here in 15 min"), "{said}");
    assert_eq!(tick(&app, berlin(2026, 12, 10, 19, 59)).await, "");
    let said = tick(&app, berlin(2026, 12, 10, 20, 0)).await;
    assert!(said.contains("Trivia: 2 questions"), "{said}");
    assert!(said.contains("Set up by <@1>"), "{said}");
    assert!(said.contains("Question 1/2"), "{said}");
    assert!(app.trivia_mode(2).await.is_some(), "the game runs");
    let listed = call(&app, &member, &["trivia", "schedule", "list"], &[], now).await;
    assert!(listed.contains("No game is set"), "{listed}");
}

#[tokio::test]
async fn a_game_called_off_never_starts_and_one_found_too_late_says_so() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    let moderator = support::moderator(1);
    schedule_game(&app, &moderator, now).await;
    schedule_game(&app, &moderator, now).await;
    app.trivia_event_made(1, 99).await.unwrap();
    let call_off = Call::new(&["trivia", "schedule", "cancel"], [("id", "1".to_string())]);
    let replies = app.invoke(&moderator, &call_off, now).await.unwrap();
    assert!(
        text(&replies).contains("Game #1 in <#2> is called off"),
        "{}",
        text(&replies)
    );
    assert_eq!(replies[0].event.as_deref(), Some(&EventChange::Remove(99)));
    let again = text(&app.invoke(&moderator, &call_off, now).await.unwrap());
    assert!(again.contains("has started or was called off"), "{again}");
    let unknown = Call::new(&["trivia", "schedule", "cancel"], [("id", "7".to_string())]);
    let said = text(&app.invoke(&moderator, &unknown, now).await.unwrap());
    assert!(said.contains("No game #7"), "{said}");
    // Game #2 is found two hours late: it does not start, and says so.
    let said = tick(&app, berlin(2026, 12, 10, 22, 0)).await;
    assert!(
        said.contains(
            "Game #2, set for 2026-12-10 20:00 (Europe/Berlin), did not start: I was away for 2 h"
        ),
        "{said}"
    );
    assert_eq!(
        said.matches("Game #").count(),
        1,
        "#1 is not heard of: {said}"
    );
    assert!(app.trivia_mode(2).await.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_game_has_its_event_and_starts_on_time_on_discord() {
    let bot = bot_at(berlin(2026, 12, 7, 12, 0)).await;
    let horizon = json!([{"name": "set", "type": 1, "options": [
        {"name": "episode", "type": 3, "value": "S02E11"}]}]);
    bot.run(ALICE, CHANNEL, "spoilers", horizon).await;
    let mark = bot.fake.mark();
    let set = json!([{"name": "schedule", "type": 2, "options": [
        {"name": "add", "type": 1, "options": [
            {"name": "at", "type": 3, "value": "2026-12-10 20:00"},
            {"name": "timezone", "type": 3, "value": "Europe/Berlin"},
            {"name": "questions", "type": 4, "value": 2}]}]}]);
    let answer = bot.run(ALICE, CHANNEL, "trivia", set).await;
    assert!(!answer.ephemeral());
    assert!(
        answer.text().contains("Trivia game #1 is set"),
        "{}",
        answer.text()
    );
    let event = bot
        .fake
        .wait_for(mark, "the server event", |r| {
            r.method == "POST"
                && r.path
                    .ends_with(&format!("/guilds/{GUILD}/scheduled-events"))
        })
        .await;
    assert_eq!(event.body["name"], "Trivia: Smash");
    assert_eq!(
        event.body["scheduled_start_time"],
        "2026-12-10T19:00:00.000Z"
    );
    assert_eq!(event.body["entity_type"], 3);

    let mark = bot.fake.mark();
    bot.app.clock().hold_at(berlin(2026, 12, 10, 19, 45));
    bot.fake
        .wait_for(mark, "the reminder", |r| {
            r.posted_in(CHANNEL) && r.text().contains("Trivia starts here in 15 min")
        })
        .await;
    let mark = bot.fake.mark();
    bot.app.clock().hold_at(berlin(2026, 12, 10, 20, 0));
    let (question, _) = bot.fake.next_question(mark, CHANNEL).await;
    assert!(
        question.text().contains("Question 1/2"),
        "{}",
        question.text()
    );
    assert!(!question.buttons().is_empty());
    bot.stop().await;
}

#[tokio::test]
async fn a_rewatch_moves_the_channels_horizon_and_its_followers_step_by_step() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    // A channel with no horizon yet.
    let mut moderator = support::moderator(1);
    moderator.channel = 9;
    let mut member = support::moderator(5);
    member.channel = 9;
    member.can_manage_channel = false;
    let start = [
        ("first", "S01E12"),
        ("at", "20:00"),
        ("timezone", "Europe/Berlin"),
        ("every", "7"),
    ];
    let said = call(&app, &member, &["rewatch", "start"], &start, now).await;
    assert!(
        said.contains("Only members who may manage this channel"),
        "{said}"
    );
    let said = call(&app, &moderator, &["rewatch", "start"], &start, now).await;
    assert!(
        said.contains("one episode every 7 days at 20:00 (Europe/Berlin), from S01E12. The first step comes 2026-12-07 20:00"),
        "{said}"
    );
    let again = call(&app, &moderator, &["rewatch", "start"], &start, now).await;
    assert!(again.contains("has a rewatch already"), "{again}");
    let said = call(&app, &member, &["progress", "follow"], &[], now).await;
    assert!(
        said.contains("now follows this channel's rewatch"),
        "{said}"
    );

    assert_eq!(tick(&app, berlin(2026, 12, 7, 19, 59)).await, "");
    let said = tick(&app, berlin(2026, 12, 7, 20, 0)).await;
    assert!(
        said.contains("Rewatch: this time: S01E12 “Publicity”"),
        "{said}"
    );
    assert!(said.contains("[thread: S01E12 · Publicity]"), "{said}");
    let horizon = call(&app, &member, &["spoilers", "show"], &[], now).await;
    assert!(horizon.contains("S01E12"), "{horizon}");
    let progress = call(&app, &member, &["progress", "show"], &[], now).await;
    assert!(progress.contains("S01E12"), "{progress}");

    let status = call(&app, &member, &["rewatch", "status"], &[], now).await;
    assert!(
        status.contains(
            "next episode from S02E11, 2026-12-14 20:00 (Europe/Berlin). One member follows it."
        ),
        "{status}"
    );
    let said = call(&app, &member, &["rewatch", "skip"], &[], now).await;
    assert!(said.contains("Only members who may manage"), "{said}");
    let said = call(&app, &moderator, &["rewatch", "skip"], &[], now).await;
    assert!(said.contains("it comes 2026-12-21 20:00"), "{said}");
    assert_eq!(tick(&app, berlin(2026, 12, 14, 20, 0)).await, "");
    let said = tick(&app, berlin(2026, 12, 21, 20, 0)).await;
    assert!(said.contains("Rewatch: this time: S02E11"), "{said}");
    // The show's last episode: the rewatch is complete with this step.
    assert!(said.contains("the rewatch of Smash is complete"), "{said}");
    let progress = call(&app, &member, &["progress", "show"], &[], now).await;
    assert!(progress.contains("S02E11"), "{progress}");
    assert_eq!(tick(&app, berlin(2026, 12, 28, 20, 0)).await, "");
    let status = call(&app, &member, &["rewatch", "status"], &[], now).await;
    assert!(status.contains("This channel has no rewatch"), "{status}");
    // Setting one's own progress ends following.
    call(
        &app,
        &member,
        &["progress", "set"],
        &[("episode", "S01E12")],
        now,
    )
    .await;
    let (following,): (i64,) = support::on_db!(app.db(), |pool| sqlx::query_as(
        "SELECT COUNT(*) FROM rewatch_followers"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(following, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rewatch_step_opens_a_thread_per_episode_and_runs_a_round_on_discord() {
    let bot = bot_at(berlin(2026, 12, 7, 12, 0)).await;
    let start = json!([{"name": "start", "type": 1, "options": [
        {"name": "first", "type": 3, "value": "S01E12"},
        {"name": "at", "type": 3, "value": "20:00"},
        {"name": "timezone", "type": 3, "value": "Europe/Berlin"},
        {"name": "per", "type": 4, "value": 2},
        {"name": "trivia", "type": 5, "value": true}]}]);
    let answer = bot.run(ALICE, CHANNEL, "rewatch", start).await;
    assert!(
        answer.text().contains("Rewatch of Smash"),
        "{}",
        answer.text()
    );
    let mark = bot.fake.mark();
    bot.app.clock().hold_at(berlin(2026, 12, 7, 20, 0));
    let (question, _) = bot.fake.next_question(mark, CHANNEL).await;
    assert!(
        question.text().contains("Question 1/"),
        "{}",
        question.text()
    );
    let posts: Vec<Request> = bot
        .fake
        .since(mark)
        .into_iter()
        .filter(|r| r.posted_in(CHANNEL))
        .collect();
    let texts: Vec<String> = posts.iter().map(Request::text).collect();
    assert!(
        texts[0].contains("this time, 2 episodes: S01E12 “Publicity”, S02E11"),
        "{texts:#?}"
    );
    // One thread for each episode, from its own post.
    for post in &posts[1..3] {
        let message = post.response["id"].as_str().unwrap().to_string();
        bot.fake
            .wait_for(mark, "an episode's thread", |r| {
                r.method == "POST" && r.path.ends_with(&format!("/messages/{message}/threads"))
            })
            .await;
    }
    bot.stop().await;
}

/// The moderator of server 3 in `channel`, in `locale`.
fn moderator_in(channel: u64, locale: cliffhanger::model::Language) -> Ctx {
    let mut ctx = support::moderator(1);
    ctx.channel = channel;
    ctx.locale = locale;
    ctx
}

#[tokio::test]
async fn a_question_revealed_in_a_channel_it_moved_to_keeps_to_that_channels_horizon() {
    use cliffhanger::model::Language::{De, En};
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    // Channel 2 may discuss S02E11 (`app_in`); channel 8 only S01E12.
    let low = moderator_in(8, En);
    call(
        &app,
        &low,
        &["spoilers", "set"],
        &[("episode", "S01E12")],
        now,
    )
    .await;
    // In German: the German recap is S02E11's, so its question is too.
    let german = moderator_in(2, De);
    let options = [("time", "09:00"), ("timezone", "Europe/Berlin")];
    call(&app, &german, &["daily", "set"], &options, now).await;
    let first = tick(&app, berlin(2026, 12, 8, 9, 0)).await;
    assert!(first.contains("Frage des Tages · S02E11"), "{first}");
    let moved = [
        ("time", "09:00"),
        ("timezone", "Europe/Berlin"),
        ("channel", "8"),
    ];
    call(&app, &german, &["daily", "set"], &moved, now).await;
    let said = tick(&app, berlin(2026, 12, 9, 9, 0)).await;
    assert!(said.contains("Die Frage von gestern"), "{said}");
    assert!(
        !said.contains("Aus S02E11"),
        "S02E11 is past #8's horizon: {said}"
    );
    assert!(said.contains("Aus ||S02E11||"), "{said}");
}

#[tokio::test]
async fn set_again_the_question_of_the_day_still_comes_and_once_a_day() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    set_daily(&app, now).await;
    // The same time again, and off and on: the day is still on.
    set_daily(&app, now).await;
    call(&app, &support::moderator(1), &["daily", "off"], &[], now).await;
    set_daily(&app, now).await;
    let said = tick(&app, berlin(2026, 12, 8, 9, 0)).await;
    assert_eq!(said.matches("**Question of the day ·").count(), 1, "{said}");
    // Set later the same day: the next question is tomorrow's.
    let later = [("time", "10:00"), ("timezone", "Europe/Berlin")];
    let set = call(&app, &support::moderator(1), &["daily", "set"], &later, now).await;
    assert!(set.contains("Next: 2026-12-09 10:00"), "{set}");
    assert_eq!(tick(&app, berlin(2026, 12, 8, 10, 0)).await, "");
}

#[tokio::test]
async fn a_typed_question_of_the_day_takes_no_letters() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    let typed = [
        ("time", "09:00"),
        ("timezone", "Europe/Berlin"),
        ("mode", "typed"),
    ];
    call(&app, &support::moderator(1), &["daily", "set"], &typed, now).await;
    tick(&app, berlin(2026, 12, 8, 9, 0)).await;
    // Every letter, from four members: none is an answer.
    for (user, letter) in [(11, "A"), (12, "B"), (13, "C"), (14, "D")] {
        let said = call(
            &app,
            &support::moderator(user),
            &["daily", "answer"],
            &[("text", letter)],
            now,
        )
        .await;
        assert!(said.contains("Your answer is in"), "{said}");
    }
    let said = tick(&app, berlin(2026, 12, 9, 9, 0)).await;
    assert!(said.contains("Nobody got it"), "{said}");
}

#[tokio::test]
async fn a_rewatch_paused_and_resumed_goes_on_and_ends_with_its_last_episode() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    let moderator = support::moderator(1);
    let unknown = [
        ("first", "S09E09"),
        ("at", "20:00"),
        ("timezone", "Europe/Berlin"),
    ];
    let said = call(&app, &moderator, &["rewatch", "start"], &unknown, now).await;
    assert!(
        said.contains("Smash has no episode S09E09 in the catalog"),
        "{said}"
    );
    let start = [
        ("first", "S01E12"),
        ("at", "20:00"),
        ("timezone", "Europe/Berlin"),
        ("per", "2"),
    ];
    call(&app, &moderator, &["rewatch", "start"], &start, now).await;
    call(&app, &moderator, &["rewatch", "pause"], &[], now).await;
    let said = call(&app, &moderator, &["rewatch", "resume"], &[], now).await;
    assert!(
        said.contains("the next step comes 2026-12-07 20:00"),
        "{said}"
    );
    // A step put off stays put off through a pause.
    let said = call(&app, &moderator, &["rewatch", "skip"], &[], now).await;
    assert!(said.contains("it comes 2026-12-14 20:00"), "{said}");
    call(&app, &moderator, &["rewatch", "pause"], &[], now).await;
    let said = call(&app, &moderator, &["rewatch", "resume"], &[], now).await;
    assert!(
        said.contains("the next step comes 2026-12-14 20:00"),
        "{said}"
    );
    assert_eq!(tick(&app, berlin(2026, 12, 7, 20, 0)).await, "");
    let said = tick(&app, berlin(2026, 12, 14, 20, 0)).await;
    assert!(said.contains("this time, 2 episodes"), "{said}");
    assert!(
        said.contains("That is the last episode: the rewatch of Smash is complete"),
        "{said}"
    );
    let status = call(&app, &moderator, &["rewatch", "status"], &[], now).await;
    assert!(status.contains("This channel has no rewatch"), "{status}");
}

#[tokio::test]
async fn a_seasons_name_is_its_own_and_shows_as_written() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    let moderator = support::moderator(1);
    let start = [("name", "Season_1 *2026*")];
    call(
        &app,
        &moderator,
        &["trivia", "season", "start"],
        &start,
        now,
    )
    .await;
    let board = app
        .invoke(
            &moderator,
            &Call::new(
                &["trivia", "leaderboard"],
                [("period", "season".to_string())],
            ),
            now,
        )
        .await
        .unwrap();
    assert_eq!(
        board[0].title.as_deref(),
        Some("Leaderboard · Smash · season “Season\\_1 \\*2026\\*”")
    );
    call(&app, &moderator, &["trivia", "season", "end"], &[], now).await;
    let again = call(
        &app,
        &moderator,
        &["trivia", "season", "start"],
        &start,
        now,
    )
    .await;
    assert!(again.contains("has had a season"), "{again}");
}

#[tokio::test]
async fn the_servers_own_questions_come_first_and_suggestions_after_review() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    set_daily(&app, now).await;
    let moderator = support::moderator(1);
    let mut member = support::moderator(5);
    member.can_manage_guild = false;
    let own = [
        ("question", "Which song ends the first act of Bombshell?"),
        ("answer", "Let Me Be Your Star"),
        ("wrong", "Touch Me; Caught in the Storm"),
        ("episode", "S01E12"),
    ];
    let said = call(&app, &member, &["daily", "queue", "add"], &own, now).await;
    assert!(
        said.contains("Only members who may manage the server"),
        "{said}"
    );
    for wrong in ["let me be your star", "Touch Me; touch me"] {
        let mut bad = own;
        bad[2] = ("wrong", wrong);
        let said = call(&app, &member, &["daily", "suggest"], &bad, now).await;
        assert!(
            said.contains("Give one to three wrong answers"),
            "{wrong}: {said}"
        );
    }
    // A suggestion about a later episode than a moderator has watched is
    // not theirs to see, nor to decide.
    let mut later = own;
    later[0] = ("question", "Who slips out of the dress at the rehearsal?");
    later[3] = ("episode", "S02E11");
    call(&app, &member, &["daily", "suggest"], &later, now).await;
    let mut behind = support::moderator(6);
    behind.channel = 8;
    call(
        &app,
        &behind,
        &["progress", "set"],
        &[("episode", "S01E12")],
        now,
    )
    .await;
    let said = call(&app, &member, &["daily", "suggest"], &own, now).await;
    assert!(said.contains("on the server's review list"), "{said}");
    // The later one is not shown to a moderator behind it, but counted.
    let review = call(&app, &behind, &["trivia", "review"], &[], now).await;
    assert!(!review.contains("dress"), "{review}");
    assert!(
        review.contains("One suggested question is about an episode past where you have watched"),
        "{review}"
    );
    // Not asked before a manager approves it.
    let day = tick(&app, berlin(2026, 12, 8, 9, 0)).await;
    assert!(!day.contains("Bombshell?"), "{day}");
    let review = call(&app, &moderator, &["trivia", "review"], &[], now).await;
    assert!(
        review.contains("Suggested questions of the day · 2"),
        "{review}"
    );
    assert!(
        review.contains("Which song ends the first act of Bombshell?"),
        "{review}"
    );
    assert!(
        review.contains("Suggested by <@5>, about S01E12"),
        "{review}"
    );
    let (key,): (String,) = support::on_db!(app.db(), |pool| sqlx::query_as(
        "SELECT question_key FROM daily_queue WHERE episode_order = 10012"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let approve = [("question", key.as_str()), ("action", "approve")];
    let (hidden,): (String,) = support::on_db!(app.db(), |pool| sqlx::query_as(
        "SELECT question_key FROM daily_queue WHERE episode_order > 10012"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert!(hidden.starts_with('s'), "{hidden}");
    let peek = [("question", hidden.as_str()), ("action", "approve")];
    let said = call(&app, &behind, &["trivia", "review"], &peek, now).await;
    assert!(
        said.contains("No question in the bank has the id"),
        "{said}"
    );
    let said = call(&app, &behind, &["trivia", "review"], &[], now).await;
    assert!(
        said.contains("Suggested questions of the day · 1"),
        "{said}"
    );
    assert!(!said.contains("dress"), "{said}");
    let said = call(&app, &moderator, &["trivia", "review"], &approve, now).await;
    assert!(said.contains("Approved: it joins the queue"), "{said}");
    // The later one still waits, for who has watched that far.
    assert!(
        said.contains("Suggested questions of the day · 1"),
        "{said}"
    );
    let again = call(&app, &moderator, &["trivia", "review"], &approve, now).await;
    assert!(again.contains("was decided already"), "{again}");
    // A question of the bank is decided while a suggestion waits.
    let index = app.index();
    let bank = app.question_bank(&index.shows[0]).await.unwrap();
    let bank_key = bank
        .iter()
        .find(|q| q.episode == Some(cliffhanger::model::EpisodeKey::new(1, 12)))
        .map(|q| q.key.clone())
        .unwrap();
    let retire = [("question", bank_key.as_str()), ("action", "retire")];
    let said = call(&app, &moderator, &["trivia", "review"], &retire, now).await;
    assert!(said.contains(&format!("Retired {bank_key}")), "{said}");
    assert!(
        said.contains("Suggested questions of the day · 1"),
        "{said}"
    );
    let retire = [("question", hidden.as_str()), ("action", "retire")];
    call(&app, &moderator, &["trivia", "review"], &retire, now).await;
    let day = tick(&app, berlin(2026, 12, 9, 9, 0)).await;
    assert!(
        day.contains("Which song ends the first act of Bombshell?"),
        "{day}"
    );
    assert!(day.contains("Let Me Be Your Star"), "{day}");
    // Asked once: the next day draws from the bank again.
    let day = tick(&app, berlin(2026, 12, 10, 9, 0)).await;
    let asked_again = day
        .matches("Which song ends the first act of Bombshell?")
        .count();
    assert_eq!(asked_again, 1, "only in the reveal: {day}");
}

#[tokio::test]
async fn queued_questions_are_listed_within_the_managers_progress_and_can_be_taken_off() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let now = berlin(2026, 12, 7, 12, 0);
    set_daily(&app, now).await;
    let moderator = support::moderator(1);
    let early = [
        ("question", "Which song ends the first act of Bombshell?"),
        ("answer", "Let Me Be Your Star"),
        ("wrong", "Touch Me; Caught in the Storm"),
        ("episode", "S01E12"),
    ];
    let mut late = early;
    late[0] = ("question", "Who slips out of the dress at the rehearsal?");
    late[3] = ("episode", "S02E11");
    for own in [&early, &late] {
        let said = call(&app, &moderator, &["daily", "queue", "add"], own, now).await;
        assert!(said.contains("Queued"), "{said}");
    }
    // A second manager who has watched up to S01E12 sees the first only.
    let mut behind = support::moderator(6);
    behind.channel = 8;
    let set = [("episode", "S01E12")];
    call(&app, &behind, &["progress", "set"], &set, now).await;
    let listed = call(&app, &behind, &["daily", "queue", "list"], &[], now).await;
    assert!(
        listed.contains("2 questions of the server's own are queued"),
        "{listed}"
    );
    assert!(
        // (Wrapped: this channel has no horizon, and the text is past it.)
        listed.contains("#1 · ||S01E12|| · ||Which song ends the first act of Bombshell?||"),
        "{listed}"
    );
    assert!(!listed.contains("dress"), "{listed}");
    assert!(
        listed.contains("One of them is about an episode past where you have watched"),
        "{listed}"
    );
    let mut member = support::moderator(5);
    member.can_manage_guild = false;
    let refused = call(&app, &member, &["daily", "queue", "list"], &[], now).await;
    assert!(
        refused.contains("Only members who may manage the server"),
        "{refused}"
    );
    let refused = call(
        &app,
        &member,
        &["daily", "queue", "remove"],
        &[("id", "1")],
        now,
    )
    .await;
    assert!(
        refused.contains("Only members who may manage the server"),
        "{refused}"
    );
    let removed = call(
        &app,
        &behind,
        &["daily", "queue", "remove"],
        &[("id", "1")],
        now,
    )
    .await;
    assert!(
        removed.contains("Question #1 is off the queue"),
        "{removed}"
    );
    let again = call(
        &app,
        &behind,
        &["daily", "queue", "remove"],
        &[("id", "1")],
        now,
    )
    .await;
    assert!(again.contains("No question #1 is queued"), "{again}");
    // The removed question is never asked: the day asks the other one
    // (the daily channel's horizon reaches S02E11), and none is left.
    let day = tick(&app, berlin(2026, 12, 8, 9, 0)).await;
    assert!(!day.contains("Bombshell?"), "{day}");
    assert!(day.contains("Who slips out of the dress"), "{day}");
    let listed = call(&app, &moderator, &["daily", "queue", "list"], &[], now).await;
    assert!(
        listed.contains("No question of the server's own is queued"),
        "{listed}"
    );
}

/// Seeds with a third season's first episode airing on `aired`.
fn seeds_with_new_episode(dir: &std::path::Path, aired: &str) -> std::path::PathBuf {
    let seeds = dir.join("seeds");
    support::copy_dir(&support::real_seeds(), &seeds);
    std::fs::write(
        seeds.join("smash/episodes/s03e01.en.md"),
        format!(
            "+++\nseason = 3\nepisode = 1\ntitle = \"The Comeback\"\nlanguage = \"en\"\n\
             aired = {aired}\n+++\n\nKaren Cartwright returns to Broadway for a new show.\n"
        ),
    )
    .unwrap();
    seeds
}

#[tokio::test]
async fn a_new_episode_is_told_on_its_day_once_behind_the_channels_horizon() {
    let (tmp, _) = support::scratch();
    let seeds = seeds_with_new_episode(tmp.path(), "2026-12-08");
    let db = support::open(tmp.path()).await;
    import_dir(&db, &seeds).await.unwrap();
    let app = App::with_seed(db, 7).await.unwrap();
    let moderator = support::moderator(1);
    let now = berlin(2026, 12, 7, 12, 0);
    call(
        &app,
        &moderator,
        &["spoilers", "set"],
        &[("episode", "S02E11")],
        now,
    )
    .await;
    let mut member = support::moderator(5);
    member.can_manage_guild = false;
    let set = [("timezone", "Europe/Berlin"), ("time", "20:00")];
    let refused = call(&app, &member, &["announce", "set"], &set, now).await;
    assert!(
        refused.contains("Only members who may manage the server"),
        "{refused}"
    );
    let said = call(&app, &moderator, &["announce", "set"], &set, now).await;
    assert!(
        said.contains("New episodes of Smash are told in <#2> at 20:00 (Europe/Berlin)"),
        "{said}"
    );
    // (Past the horizon: wrapped, even the date.)
    assert!(
        said.contains("Next to air: ||S03E01|| on ||2026-12-08||"),
        "{said}"
    );
    // Nothing airs today (the episodes of 2012 and 2013 are not told).
    let day = tick(&app, berlin(2026, 12, 7, 20, 0)).await;
    assert!(day.is_empty(), "{day}");
    // On its day, at the time: told once, its title wrapped past the
    // channel's horizon (which stays), its thread named by its code only.
    let at = berlin(2026, 12, 8, 20, 0);
    let out = app.trivia_tick(at).await.unwrap();
    assert_eq!(out.len(), 1, "{out:?}");
    let (channel, posts) = &out[0];
    assert_eq!(*channel, 2);
    assert_eq!(posts.len(), 1);
    assert!(
        text(posts).contains("New episode of Smash today: **S03E01** “||The Comeback||”."),
        "{}",
        text(posts)
    );
    assert_eq!(posts[0].thread.as_deref(), Some("S03E01"));
    let ids: Vec<i64> = posts.iter().filter_map(|r| r.post).collect();
    app.trivia_posted(&ids).await.unwrap();
    let horizon = call(&app, &moderator, &["spoilers", "show"], &[], at).await;
    assert!(horizon.contains("S02E11"), "{horizon}");
    // A second process finds nothing left to tell; neither does the next
    // day.
    let second = App::with_seed(support::open(tmp.path()).await, 8)
        .await
        .unwrap();
    assert!(tick(&second, at + 60_000).await.is_empty());
    assert!(tick(&app, berlin(2026, 12, 9, 20, 0)).await.is_empty());
    let shown = call(&app, &moderator, &["announce", "show"], &[], at).await;
    assert!(shown.contains("Next look: "), "{shown}");
    // What was told is not "next to air" any more.
    assert!(
        shown.contains("No episode of Smash has an air date ahead"),
        "{shown}"
    );
    let off = call(&app, &moderator, &["announce", "off"], &[], at).await;
    assert!(off.contains("no longer told"), "{off}");
    let shown = call(&app, &moderator, &["announce", "show"], &[], at).await;
    assert!(shown.contains("not told of new episodes"), "{shown}");
}
