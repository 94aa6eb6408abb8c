//! Trivia games through `App` on the real seeds, in virtual time.

mod support;

use cliffhanger::app::{App, Ctx, HorizonScope, SpoilersAction};
use cliffhanger::import::import_dir;
use cliffhanger::quiz::game::Mode;
use cliffhanger::quiz::generate::Question;
use cliffhanger::reply::Reply;
use cliffhanger::seeds::Language;
use cliffhanger::trivia::StartOptions;

const ALICE: u64 = 1;
const BOB: u64 = 2;
const NOW: i64 = 1_767_225_600_000;
const DAY: i64 = 24 * 3600 * 1000;

fn ctx(user: u64) -> Ctx {
    Ctx {
        user,
        channel: 10,
        guild: Some(100),
        locale: Language::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    }
}

async fn setup(dir: &std::path::Path) -> App {
    let db = support::open(dir).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    App::with_seed(db, 7).await.unwrap()
}

async fn horizon(app: &App, episode: &str) {
    app.spoilers(
        &ctx(ALICE),
        SpoilersAction::Set(episode.into()),
        HorizonScope::Channel,
        None,
    )
    .await
    .unwrap();
}

async fn bank(app: &App) -> Vec<Question> {
    let index = app.index();
    cliffhanger::quiz::bank(app.db(), &index.shows[0])
        .await
        .unwrap()
}

/// The question a reply asks, looked up in the bank, and its choice lines.
fn asked<'a>(
    replies: &'a [Reply],
    bank: &'a [Question],
) -> Option<(&'a Question, Vec<&'a str>, &'a Reply)> {
    let reply = replies.iter().rev().find(|r| {
        r.lines
            .first()
            .is_some_and(|l| l.starts_with("**Question "))
    })?;
    // The prompt stands just before the choices (after the sentence it
    // goes on from, when that is shown too).
    let at = reply
        .lines
        .iter()
        .position(|l| l.starts_with("**A)**"))
        .unwrap_or(2);
    let prompt = reply.lines[at - 1].replace('\\', "");
    let prompt = prompt.trim_matches('|');
    let q = bank
        .iter()
        .find(|q| q.prompt.unrendered() == prompt)
        .expect("the asked prompt is in the bank");
    let choices: Vec<&str> = reply
        .lines
        .iter()
        .filter(|l| l.starts_with("**") && l.contains(")** "))
        .map(String::as_str)
        .collect();
    Some((q, choices, reply))
}

/// The letter of the right (or a wrong) choice.
fn letter(q: &Question, choices: &[&str], right: bool) -> String {
    let i = choices
        .iter()
        .position(|c| {
            let text = c.split_once(")** ").unwrap().1.replace('\\', "");
            (text.trim_matches('|') == q.answer.unrendered()) == right
        })
        .unwrap();
    ((b'A' + i as u8) as char).to_string()
}

fn text(replies: &[Reply]) -> String {
    replies
        .iter()
        .map(|r| r.to_text("[private]"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[tokio::test]
async fn the_scope_stops_at_the_channel_horizon() {
    let tmp = tempfile::tempdir().unwrap();
    let app = setup(tmp.path()).await;
    // No horizon: no game unless told how far, and that it may spoil.
    let r = app
        .trivia_start(&ctx(ALICE), StartOptions::default(), NOW)
        .await
        .unwrap();
    assert!(
        text(&r).contains("This channel has no spoiler horizon"),
        "{}",
        text(&r)
    );

    horizon(&app, "S01E12").await;
    let past = StartOptions {
        up_to: Some("S02E11".into()),
        ..StartOptions::default()
    };
    let r = app.trivia_start(&ctx(ALICE), past, NOW).await.unwrap();
    assert!(
        text(&r).contains("S02E11 is past what this game may show plainly (up to S01E12"),
        "{}",
        text(&r)
    );
    assert!(r[0].private);

    // Within the horizon: every question from S01E12 a game can ask (a
    // which-episode question needs four episodes in its gate), nothing
    // wrapped.
    let opts = StartOptions {
        questions: Some(50),
        seconds: Some(5),
        ..StartOptions::default()
    };
    let mut replies = app.trivia_start(&ctx(ALICE), opts, NOW).await.unwrap();
    assert!(
        text(&replies).starts_with("Trivia: 6 questions from Smash up to S01E12, 5 seconds each."),
        "{}",
        text(&replies)
    );
    let mut now = NOW;
    let mut seen = 0;
    while !text(&replies).contains("Game over!") {
        for r in &replies {
            if r.lines[0].starts_with("**Question ") {
                seen += 1;
                assert!(r.lines[0].contains(" · S01E12"), "{:?}", r.lines);
                assert!(!r.description().contains("||"), "{:?}", r.lines);
            }
        }
        now += 5_000;
        replies = app
            .trivia_tick(now)
            .await
            .unwrap()
            .into_iter()
            .flat_map(|(_, r)| r)
            .collect();
    }
    assert_eq!(seen, 6);
    assert!(
        text(&replies).contains("Nobody scored."),
        "{}",
        text(&replies)
    );
}

#[tokio::test]
async fn past_the_horizon_questions_and_reveals_are_wrapped() {
    let tmp = tempfile::tempdir().unwrap();
    let app = setup(tmp.path()).await;
    horizon(&app, "S01E12").await;
    let bank = bank(&app).await;
    let opts = StartOptions {
        up_to: Some("S02E11".into()),
        spoilers: true,
        questions: Some(50),
        language: Some(Language::De),
        mode: Some(Mode::Choices),
        ..StartOptions::default()
    };
    let first = app.trivia_start(&ctx(ALICE), opts, NOW).await.unwrap();
    assert!(
        text(&first).starts_with("Trivia: 8 questions from Smash up to ||S02E11||"),
        "{}",
        text(&first)
    );
    let (q, choices, reply) = asked(&first, &bank).unwrap();
    assert!(
        reply.lines[0].contains(" · ||S02E11||"),
        "{:?}",
        reply.lines
    );
    assert!(
        reply.lines[1].starts_with("||") && reply.lines[1].ends_with("||"),
        "{:?}",
        reply.lines
    );
    assert!(
        choices
            .iter()
            .all(|c| c.split_once(")** ").unwrap().1.starts_with("||")),
        "{choices:?}"
    );
    let right = letter(q, &choices, true);
    app.trivia_answer(&ctx(ALICE), &right, NOW + 2_000)
        .await
        .unwrap();
    // A lone player's first question stays open for its whole time.
    let replies: Vec<Reply> = app
        .trivia_tick(NOW + 30_000)
        .await
        .unwrap()
        .into_iter()
        .flat_map(|(_, replies)| replies)
        .collect();
    let reveal = replies
        .iter()
        .find(|r| r.lines[0].starts_with("Answer: "))
        .unwrap();
    assert_eq!(
        reveal.lines[0],
        format!(
            "Answer: ||**{}**||",
            q.answer.unrendered().replace('_', "\\_")
        )
    );
    if q.fact.is_some() {
        assert!(
            reveal.lines[1].starts_with("From ||S02E11||: ||"),
            "{:?}",
            reveal.lines
        );
    }
    // 20 seconds by default: 100 + 45 for answering after two.
    assert_eq!(
        reveal.lines.last().unwrap(),
        &format!("Got it: <@{ALICE}> +145")
    );
}

#[tokio::test]
async fn a_game_cut_off_by_a_restart_keeps_its_points() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let app = setup(tmp.path()).await;
        horizon(&app, "S01E12").await;
        let bank = bank(&app).await;
        let opts = StartOptions {
            questions: Some(3),
            ..StartOptions::default()
        };
        let replies = app.trivia_start(&ctx(ALICE), opts, NOW).await.unwrap();
        let (q, choices, _) = asked(&replies, &bank).unwrap();
        app.trivia_answer(&ctx(BOB), &letter(q, &choices, true), NOW)
            .await
            .unwrap();
        let replies = app
            .trivia_answer(&ctx(ALICE), &letter(q, &choices, false), NOW + 1_000)
            .await
            .unwrap();
        assert!(
            text(&replies).contains(&format!("Got it: <@{BOB}> +150")),
            "{}",
            text(&replies)
        );
        assert!(text(&replies).contains("Question 2/3"));
        // The process ends here, mid-game, and its lease on the game runs
        // out.
        support::on_db!(app.db(), |pool| sqlx::query(
            "UPDATE games SET lease_until = 0"
        )
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
        .unwrap();
        app.db().close().await;
    }
    let db = support::open(tmp.path()).await;
    let app = App::with_seed(db, 7).await.unwrap();
    // The game, rebuilt from what was stored: interrupted, no winner, and
    // the points of its revealed question intact.
    let game: i64 = support::on_db!(app.db(), |pool| sqlx::query_scalar("SELECT id FROM games")
        .fetch_one(pool)
        .await)
    .unwrap();
    let (status, winner) = cliffhanger::store::games::game_status(app.db(), game)
        .await
        .unwrap();
    assert_eq!((status.as_str(), winner), ("interrupted", None));
    // Its channel is told at the next tick, with the points that stand.
    let told = app.trivia_tick(NOW + 60_000).await.unwrap();
    let (channel, replies) = told
        .iter()
        .find(|(_, r)| text(r).contains("cut off"))
        .expect("the channel is told");
    assert_eq!(*channel, ctx(ALICE).channel);
    assert_eq!(
        replies[0].lines,
        vec![
            "**The trivia game here was cut off: the bot running it stopped. Every point stands.**"
                .to_string(),
            format!("1. <@{BOB}> · 150 points"),
            format!("2. <@{ALICE}> · 0 points"),
        ]
    );
    // Once.
    let again = app.trivia_tick(NOW + 61_000).await.unwrap();
    assert!(again.iter().all(|(_, r)| !text(r).contains("cut off")));
    let points = cliffhanger::store::games::game_points(app.db(), game)
        .await
        .unwrap();
    assert_eq!(
        points,
        std::collections::HashMap::from([(BOB, 150), (ALICE, 0)])
    );
    let board = app
        .trivia_leaderboard(&ctx(BOB), None, false, NOW)
        .await
        .unwrap();
    assert_eq!(
        board.lines[0],
        format!("1. <@{BOB}> · 150 points · 1 game · 0 wins · 100% right")
    );
    assert_eq!(
        board.lines[1],
        format!("2. <@{ALICE}> · 0 points · 1 game · 0 wins · 0% right")
    );
    // The channel is free for a new game.
    let r = app.trivia_answer(&ctx(BOB), "A", NOW).await.unwrap();
    assert!(text(&r).contains("No game is running in this channel"));
}

/// Plays a whole game: Bob answers every question right at `delay` ms,
/// Alice every one wrong.
async fn play(app: &App, bank: &[Question], start: i64, delay: i64) -> String {
    let opts = StartOptions {
        questions: Some(2),
        seconds: Some(10),
        ..StartOptions::default()
    };
    let mut replies = app.trivia_start(&ctx(ALICE), opts, start).await.unwrap();
    let mut now = start;
    let letters = |replies: &[Reply]| {
        asked(replies, bank)
            .map(|(q, choices, _)| (letter(q, &choices, true), letter(q, &choices, false)))
    };
    while let Some((right, wrong)) = letters(&replies) {
        app.trivia_answer(&ctx(BOB), &right, now + delay)
            .await
            .unwrap();
        replies = app
            .trivia_answer(&ctx(ALICE), &wrong, now + delay)
            .await
            .unwrap();
        now += delay;
        if text(&replies).contains("Game over!") {
            break;
        }
    }
    text(&replies)
}

#[tokio::test]
async fn leaderboards_count_points_games_wins_and_accuracy() {
    let tmp = tempfile::tempdir().unwrap();
    let app = setup(tmp.path()).await;
    horizon(&app, "S01E12").await;
    let bank = bank(&app).await;

    // Forty days ago, and today.
    let old = play(&app, &bank, NOW - 40 * DAY, 0).await;
    assert!(
        old.contains(&format!("<@{BOB}> wins with 310 points!")),
        "{old}"
    );
    let new = play(&app, &bank, NOW, 5_000).await;
    // 100 + 25 for speed, then 100 + 25 + 10 for the streak.
    assert!(
        new.contains(&format!("<@{BOB}> wins with 260 points!")),
        "{new}"
    );
    assert!(
        new.contains(&format!("1. <@{BOB}> · 260 points (2/2 right)")),
        "{new}"
    );

    let all = app
        .trivia_leaderboard(&ctx(ALICE), None, false, NOW)
        .await
        .unwrap();
    assert_eq!(all.title.as_deref(), Some("Leaderboard · Smash · all time"));
    assert_eq!(
        all.lines[0],
        format!("1. <@{BOB}> · 570 points · 2 games · 2 wins · 100% right")
    );
    assert_eq!(
        all.lines[1],
        format!("2. <@{ALICE}> · 0 points · 2 games · 0 wins · 0% right")
    );
    let recent = app
        .trivia_leaderboard(&ctx(ALICE), None, true, NOW)
        .await
        .unwrap();
    assert_eq!(
        recent.lines[0],
        format!("1. <@{BOB}> · 260 points · 1 game · 1 win · 100% right")
    );

    // Recently asked questions are avoided: the two games asked four
    // different questions.
    let asked: Vec<String> = support::on_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT question_key FROM rounds"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(asked.len(), 4);
    assert_eq!(
        asked.iter().collect::<std::collections::HashSet<_>>().len(),
        4
    );

    // Each member's own figures, privately.
    let stats = app.trivia_stats(&ctx(BOB), None).await.unwrap();
    assert!(stats.private);
    assert_eq!(stats.title.as_deref(), Some("Your trivia · Smash"));
    assert_eq!(
        stats.lines,
        vec!["570 points in 2 games, 2 wins, 4 of 4 answered right (100%). Place 1 of 2 on this server.".to_string()]
    );
    let stats = app.trivia_stats(&ctx(ALICE), None).await.unwrap();
    assert_eq!(
        stats.lines,
        vec![
            "0 points in 2 games, 0 wins, 0 of 4 answered right (0%). Place 2 of 2 on this server."
                .to_string()
        ]
    );

    // Another server's leaderboard is its own.
    let mut elsewhere = ctx(ALICE);
    elsewhere.guild = Some(999);
    let other = app
        .trivia_leaderboard(&elsewhere, None, false, NOW)
        .await
        .unwrap();
    assert_eq!(
        other.lines,
        vec!["Nobody has played Smash trivia here yet (all time).".to_string()]
    );
}

#[tokio::test]
async fn games_end_cleanly_when_a_channel_goes_or_the_bot_stops() {
    let tmp = tempfile::tempdir().unwrap();
    let app = setup(tmp.path()).await;
    let bank = bank(&app).await;
    let mut other = ctx(ALICE);
    other.channel = 11;
    for c in [ctx(ALICE), other.clone()] {
        app.spoilers(
            &c,
            SpoilersAction::Set("S01E12".into()),
            HorizonScope::Channel,
            None,
        )
        .await
        .unwrap();
    }
    let replies = app
        .trivia_start(&ctx(ALICE), StartOptions::default(), NOW)
        .await
        .unwrap();
    let (q, choices, _) = asked(&replies, &bank).unwrap();
    app.trivia_answer(&ctx(BOB), &letter(q, &choices, true), NOW)
        .await
        .unwrap();
    app.trivia_answer(&ctx(ALICE), &letter(q, &choices, true), NOW)
        .await
        .unwrap();
    app.trivia_start(&other, StartOptions::default(), NOW)
        .await
        .unwrap();

    // Channel 10 is gone: its game ends, its points are kept, and the other
    // channel's game goes on.
    assert!(app.trivia_abandon(10, NOW + 1_000).await.unwrap());
    assert!(!app.trivia_abandon(10, NOW + 1_000).await.unwrap());
    let statuses: Vec<(i64, String)> = support::on_db!(app.db(), |pool| sqlx::query_as(
        "SELECT channel_id, status FROM games ORDER BY channel_id"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(
        statuses,
        vec![(10, "stopped".to_string()), (11, "running".to_string())]
    );
    // Both answered right at once: a tie on points, ordered by member.
    let board = app
        .trivia_leaderboard(&ctx(BOB), None, false, NOW)
        .await
        .unwrap();
    assert_eq!(
        board.lines,
        vec![
            format!("1. <@{ALICE}> · 150 points · 1 game · 0 wins · 100% right"),
            format!("2. <@{BOB}> · 150 points · 1 game · 0 wins · 100% right"),
        ]
    );
    assert!(text(&app.trivia_hint(&other, NOW + 2_000).await.unwrap()).starts_with("Hint: not "));

    // Shutting down: every game ends, and each channel is told.
    let told = app.trivia_shutdown(NOW + 3_000).await.unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].0, 11);
    assert_eq!(
        told[0].1.lines[0],
        "**The bot is shutting down: this game ends here, and every point stands.**"
    );
    let running: i64 = support::on_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM games WHERE status = 'running'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(running, 0);
    assert!(app.trivia_shutdown(NOW + 4_000).await.unwrap().is_empty());
}

/// Runs `/trivia season` or `/trivia leaderboard` as `who`.
async fn season_call(
    app: &App,
    who: Ctx,
    path: &[&str],
    options: &[(&str, &str)],
    at: i64,
) -> String {
    let call =
        cliffhanger::invoke::Call::new(path, options.iter().map(|(k, v)| (*k, v.to_string())));
    text(&app.invoke(&who, &call, at).await.unwrap())
}

#[tokio::test]
async fn a_season_has_a_board_of_its_own_beside_all_time() {
    let tmp = tempfile::tempdir().unwrap();
    let app = setup(tmp.path()).await;
    horizon(&app, "S01E12").await;
    let bank = bank(&app).await;
    let manager = ctx(ALICE);
    let mut member = ctx(BOB);
    member.can_manage_guild = false;
    let start = [("name", "Winter")];
    let said = season_call(
        &app,
        member,
        &["trivia", "season", "start"],
        &start,
        NOW - 3 * DAY,
    )
    .await;
    assert!(
        said.contains("Only members who may manage the server"),
        "{said}"
    );
    // A game before the season, one in it, and one after it ended.
    play(&app, &bank, NOW - 5 * DAY, 0).await;
    let said = season_call(
        &app,
        manager.clone(),
        &["trivia", "season", "start"],
        &start,
        NOW - 3 * DAY,
    )
    .await;
    assert!(said.contains("Season “Winter” has begun"), "{said}");
    let again = season_call(
        &app,
        manager.clone(),
        &["trivia", "season", "start"],
        &start,
        NOW - 3 * DAY,
    )
    .await;
    assert!(again.contains("is running: end it first"), "{again}");
    play(&app, &bank, NOW - 2 * DAY, 5_000).await;
    let board = season_call(
        &app,
        ctx(BOB),
        &["trivia", "leaderboard"],
        &[("period", "season")],
        NOW,
    )
    .await;
    assert!(board.contains("season “Winter”"), "{board}");
    assert!(board.contains("1 game · 1 win"), "{board}");
    let end: [(&str, &str); 0] = [];
    let said = season_call(
        &app,
        manager.clone(),
        &["trivia", "season", "end"],
        &end,
        NOW - DAY,
    )
    .await;
    assert!(said.contains("Season “Winter” has ended"), "{said}");
    assert!(
        said.contains(&format!("1. <@{BOB}> · 260 points · 1 game")),
        "{said}"
    );
    play(&app, &bank, NOW, 5_000).await;
    // The season's board stays as it ended; all time counts all three.
    let board = season_call(
        &app,
        ctx(BOB),
        &["trivia", "leaderboard"],
        &[("season", "winter")],
        NOW,
    )
    .await;
    assert!(
        board.contains(&format!("1. <@{BOB}> · 260 points · 1 game")),
        "{board}"
    );
    let all = season_call(&app, ctx(BOB), &["trivia", "leaderboard"], &[], NOW).await;
    assert!(all.contains("3 games"), "{all}");
    let none = season_call(
        &app,
        ctx(BOB),
        &["trivia", "leaderboard"],
        &[("period", "season")],
        NOW,
    )
    .await;
    assert!(none.contains("No season is running"), "{none}");
    let unknown = season_call(
        &app,
        ctx(BOB),
        &["trivia", "leaderboard"],
        &[("season", "Summer")],
        NOW,
    )
    .await;
    assert!(
        unknown.contains("There is no season “Summer” here. Seasons: Winter"),
        "{unknown}"
    );
    let list = season_call(&app, ctx(BOB), &["trivia", "season", "list"], &[], NOW).await;
    assert!(list.contains("Winter"), "{list}");
}
