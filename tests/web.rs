//! The web pages over HTTP, served as the bot serves them: a server's
//! public pages exist only once a manager turned them on; they name members
//! as stored when they played, escaped, leave out whoever hid, mark whoever
//! left, count the period and show asked for, and carry no catalog text but
//! show titles; every response has the strict headers, speaks the
//! browser's language, and an address past its rate is told to wait. On
//! whichever backend the suite runs on.

mod support;

use std::sync::Arc;

use cliffhanger::app::{App, Ctx};
use cliffhanger::import::import_dir;
use cliffhanger::invoke::Call;
use cliffhanger::web::WebConfig;

const GUILD: u64 = 3;
const OTHER_GUILD: u64 = 4;
const DAY: i64 = 24 * 3600 * 1000;

fn member(user: u64, manages: bool) -> Ctx {
    Ctx {
        can_manage_channel: manages,
        can_manage_guild: manages,
        ..support::moderator(user)
    }
}

async fn app_in(dir: &std::path::Path) -> Arc<App> {
    let db = support::open(dir).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    Arc::new(App::with_seed(db, 7).await.unwrap())
}

/// Serves `app`'s pages on a free port, `rate` requests a minute per
/// address; their base address.
async fn serve(app: Arc<App>, rate: u32) -> String {
    let config = web_config(&["--web-addr", "127.0.0.1:0", "--web-rate", &rate.to_string()]);
    let listener = cliffhanger::web::listen(&config).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        cliffhanger::web::serve(listener, app, &config, std::future::pending())
            .await
            .unwrap();
    });
    base
}

/// The web pages' settings from these arguments, the rest as by default.
fn web_config(args: &[&str]) -> WebConfig {
    #[derive(clap::Parser)]
    struct Only {
        #[command(flatten)]
        web: WebConfig,
    }
    <Only as clap::Parser>::parse_from(std::iter::once("web").chain(args.iter().copied())).web
}

async fn invoke(app: &App, ctx: &Ctx, path: &[&str], options: &[(&str, &str)]) -> String {
    let call = Call::new(path, options.iter().map(|(k, v)| (*k, v.to_string())));
    app.invoke(ctx, &call, app.now_ms())
        .await
        .unwrap()
        .iter()
        .map(|r| r.to_text("(private)"))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn sql(app: &App, sql: String) {
    match app.db().pool() {
        cliffhanger::store::Pool::Lite(pool) => {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(pool)
                .await
                .unwrap();
        }
        cliffhanger::store::Pool::Pg(pool) => {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(pool)
                .await
                .unwrap();
        }
    }
}

/// A game of `guild` that ended `ended` ms after the epoch, with each
/// player's answers as (user, number, right, points); the top scorer of a
/// finished game wins.
async fn game(
    app: &App,
    guild: u64,
    (status, ended): (&str, i64),
    answers: &[(u64, i64, bool, i64)],
) -> i64 {
    let show = app.index().shows[0].id;
    let id: i64 = {
        let next = format!(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM games WHERE {}",
            "1 = 1"
        );
        match app.db().pool() {
            cliffhanger::store::Pool::Lite(p) => {
                sqlx::query_scalar(sqlx::AssertSqlSafe(next))
                    .fetch_one(p)
                    .await
            }
            cliffhanger::store::Pool::Pg(p) => {
                sqlx::query_scalar(sqlx::AssertSqlSafe(next))
                    .fetch_one(p)
                    .await
            }
        }
        .unwrap()
    };
    let mut totals: std::collections::BTreeMap<u64, i64> = Default::default();
    for (user, _, _, points) in answers {
        *totals.entry(*user).or_default() += points;
    }
    let winner = totals
        .iter()
        .max_by_key(|(_, p)| **p)
        .filter(|_| status == "finished")
        .map_or("NULL".to_string(), |(u, _)| u.to_string());
    sql(
        app,
        format!(
            "INSERT INTO games (id, guild_id, channel_id, show_id, starter, mode, questions, seconds,
                                up_to, status, started_at, ended_at, winner)
             VALUES ({id}, {guild}, 2, {show}, 1, 'typed', 5, 20, 10012, '{status}',
                     {}, {ended}, {winner})",
            ended - 60_000
        ),
    )
    .await;
    for (user, number, right, points) in answers {
        sql(
            app,
            format!(
                "INSERT INTO answers (game_id, number, user_id, answer, correct, points, after_ms,
                                      answered_at)
                 VALUES ({id}, {number}, {user}, 'x', {right}, {points}, 1000, {ended})"
            ),
        )
        .await;
    }
    cliffhanger::store::web::add_ended(app.db(), id)
        .await
        .unwrap();
    id
}

/// The page at `url` once it says `text` (a page made anew in the
/// background), or as it is after two seconds.
async fn eventually(url: &str, text: &str) -> String {
    let mut page = String::new();
    for _ in 0..40 {
        page = get(url).await.1;
        if words(&page).contains(text) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    page
}

async fn get(url: &str) -> (u16, String) {
    get_in(url, "en-US,en;q=0.9").await
}

async fn get_in(url: &str, languages: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .get(url)
        .header("accept-language", languages)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The text of a page without its tags, spaces run together.
fn words(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn a_servers_pages_are_found_only_while_a_manager_has_them_public() {
    let (_tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    app.trivia()
        .set_web_url(Some("https://trivia.example.org/"));
    let base = serve(app.clone(), 0).await;
    game(
        &app,
        GUILD,
        ("finished", app.now_ms()),
        &[(11, 1, true, 100)],
    )
    .await;
    app.note_player((GUILD, Some("Smash fans")), None, (11, "Karen"))
        .await
        .unwrap();

    for page in ["", "/games", "/players/11"] {
        let (status, _) = get(&format!("{base}/s/{GUILD}{page}")).await;
        assert_eq!(status, 404, "{page} before the server opted in");
    }
    let refused = invoke(&app, &member(12, false), &["web"], &[("public", "true")]).await;
    assert!(
        refused.contains("Only members who may manage the server"),
        "{refused}"
    );
    assert_eq!(get(&format!("{base}/s/{GUILD}")).await.0, 404);
    let asked = invoke(&app, &member(12, false), &["web"], &[]).await;
    assert!(asked.contains("not public"), "{asked}");

    let on = invoke(&app, &member(1, true), &["web"], &[("public", "true")]).await;
    assert!(
        on.contains(&format!("https://trivia.example.org/s/{GUILD}")),
        "{on}"
    );
    for page in ["", "/games", "/players/11"] {
        let (status, body) = get(&format!("{base}/s/{GUILD}{page}")).await;
        assert_eq!(status, 200, "{page} once public");
        assert!(words(&body).contains("Smash fans"), "{page}: {body}");
    }
    // Another server's pages stay shut.
    game(
        &app,
        OTHER_GUILD,
        ("finished", app.now_ms()),
        &[(11, 1, true, 50)],
    )
    .await;
    assert_eq!(get(&format!("{base}/s/{OTHER_GUILD}")).await.0, 404);
    assert_eq!(get(&format!("{base}/s/not-a-server")).await.0, 404);

    // Turned off again: gone at once, though the page was made before.
    invoke(&app, &member(1, true), &["web"], &[("public", "false")]).await;
    assert_eq!(get(&format!("{base}/s/{GUILD}")).await.0, 404);
    // Outside a server there is nothing to turn on.
    let dm = Ctx {
        guild: None,
        ..member(1, true)
    };
    assert!(
        invoke(&app, &dm, &["web"], &[("public", "true")])
            .await
            .contains("belong to a server")
    );
}

#[tokio::test]
async fn a_board_names_players_as_stored_escaped_without_the_hidden_and_with_the_departed() {
    let (_tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    let base = serve(app.clone(), 0).await;
    invoke(&app, &member(1, true), &["web"], &[("public", "true")]).await;
    let now = app.now_ms();
    // 21 tops the board of all time with an old game; this month, 22 leads.
    game(
        &app,
        GUILD,
        ("finished", now - 90 * DAY),
        &[(21, 1, true, 500)],
    )
    .await;
    game(
        &app,
        GUILD,
        ("finished", now - DAY),
        &[
            (22, 1, true, 300),
            (23, 1, false, 0),
            (23, 2, true, 200),
            (24, 1, true, 250),
        ],
    )
    .await;
    game(
        &app,
        GUILD,
        ("stopped", now - 3_600_000),
        &[(24, 1, true, 100)],
    )
    .await;
    let nasty = "<script>alert(\"x\")</script> & Co\u{1b}[31m\u{7}";
    for (user, name) in [(21, nasty), (22, "Ivy"), (23, "Tom"), (24, "Derek")] {
        app.note_player((GUILD, Some("Smash <fans>")), None, (user, name))
            .await
            .unwrap();
    }
    invoke(
        &app,
        &member(24, false),
        &["trivia", "privacy"],
        &[("hidden", "true")],
    )
    .await;
    app.player_left(GUILD, 23).await.unwrap();

    let (status, all) = get(&format!("{base}/s/{GUILD}")).await;
    assert_eq!(status, 200);
    assert!(!all.contains("<script>"), "a name is never markup: {all}");
    assert!(
        !all.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
        "a control character on the page: {all:?}"
    );
    assert!(
        all.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"),
        "{all}"
    );
    assert!(all.contains("Smash &lt;fans&gt;"), "{all}");
    let text = words(&all);
    assert!(
        !text.contains("Derek"),
        "a hidden member is left off: {text}"
    );
    assert!(
        text.contains(
            "1 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co[31m 500 1 1 1 / 1"
        ),
        "{text}"
    );
    assert!(text.contains("2 Ivy 300 1 1 1 / 1"), "{text}");
    assert!(
        text.contains("3 Tom (left the server) 200 1 0 1 / 2"),
        "{text}"
    );

    let (_, recent) = get(&format!("{base}/s/{GUILD}?period=recent")).await;
    let recent = words(&recent);
    assert!(recent.contains("1 Ivy 300"), "{recent}");
    assert!(
        !recent.contains("alert"),
        "the old game is out of the 30 days: {recent}"
    );

    assert_eq!(
        get(&format!("{base}/s/{GUILD}?period=someday")).await.0,
        400
    );
    assert_eq!(get(&format!("{base}/s/{GUILD}?show=x")).await.0, 400);
    assert_eq!(get(&format!("{base}/s/{GUILD}?show=999999")).await.0, 404);
    assert_eq!(get(&format!("{base}/s/{GUILD}?season=Spring")).await.0, 404);
    let show = app.index().shows[0].id;
    assert_eq!(get(&format!("{base}/s/{GUILD}?show={show}")).await.0, 200);

    // A season counts only its own games.
    invoke(
        &app,
        &member(1, true),
        &["trivia", "season", "start"],
        &[("name", "Spring & Summer")],
    )
    .await;
    let (_, all_time) = get(&format!("{base}/s/{GUILD}")).await;
    assert!(
        all_time.contains("season=Spring%20%26%20Summer"),
        "a new season's board is offered at once: {all_time}"
    );
    let (status, season) = get(&format!("{base}/s/{GUILD}?season=Spring%20%26%20Summer")).await;
    assert_eq!(status, 200, "{season}");
    // A season asked without its name is the running one; with another
    // period, the address asks two things at once.
    let (status, running) = get(&format!("{base}/s/{GUILD}?period=season")).await;
    assert_eq!(status, 200, "{running}");
    assert!(words(&running).contains("No games have ended here in this period yet."));
    assert_eq!(
        get(&format!(
            "{base}/s/{GUILD}?period=all&season=Spring%20%26%20Summer"
        ))
        .await
        .0,
        400
    );
    assert!(words(&season).contains("No games have ended here in this period yet."));
    game(
        &app,
        GUILD,
        ("finished", app.now_ms() + 120_000),
        &[(22, 1, true, 40)],
    )
    .await;
    // A game that ended since: the page remembered is served while it is
    // made anew, then the new one.
    let url = format!("{base}/s/{GUILD}?season=Spring%20%26%20Summer");
    let (_, first) = get(&url).await;
    assert!(
        words(&first).contains("No games have ended here in this period yet.")
            || words(&first).contains("1 Ivy 40 1 1 1 / 1"),
        "{first}"
    );
    let season = eventually(&url, "1 Ivy 40 1 1 1 / 1").await;
    assert!(words(&season).contains("1 Ivy 40 1 1 1 / 1"), "{season}");

    // The games list: the winner by name, a game cut short said so, the
    // hidden member's game without their name.
    let (_, games) = get(&format!("{base}/s/{GUILD}/games")).await;
    let games = words(&games);
    assert!(games.contains("Ivy"), "{games}");
    assert!(games.contains("stopped before the end"), "{games}");
    assert!(!games.contains("Derek"), "{games}");

    // A player's page; a hidden one's and a stranger's are not there.
    let (status, ivy) = get(&format!("{base}/s/{GUILD}/players/22")).await;
    assert_eq!(status, 200);
    assert!(words(&ivy).contains("Place 2 of 3"), "{ivy}");
    assert_eq!(get(&format!("{base}/s/{GUILD}/players/24")).await.0, 404);
    assert_eq!(get(&format!("{base}/s/{GUILD}/players/99")).await.0, 404);
    // Shown again when they ask.
    invoke(
        &app,
        &member(24, false),
        &["trivia", "privacy"],
        &[("hidden", "false")],
    )
    .await;
    assert_eq!(get(&format!("{base}/s/{GUILD}/players/24")).await.0, 200);
    let board = get(&format!("{base}/s/{GUILD}")).await.1;
    assert!(words(&board).contains("Derek"), "{board}");
    // And hidden again: off the page remembered at once, nothing else
    // having changed.
    invoke(
        &app,
        &member(24, false),
        &["trivia", "privacy"],
        &[("hidden", "true")],
    )
    .await;
    let board = get(&format!("{base}/s/{GUILD}")).await.1;
    assert!(!words(&board).contains("Derek"), "{board}");
}

#[tokio::test]
async fn pages_carry_no_catalog_text_but_show_titles() {
    let (_tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    let base = serve(app.clone(), 0).await;
    let alice = member(1, true);
    invoke(&app, &alice, &["web"], &[("public", "true")]).await;
    // A real game: a question asked, answered, revealed.
    invoke(&app, &alice, &["spoilers", "set"], &[("episode", "S01E12")]).await;
    let now = app.now_ms();
    let call = Call::new(
        &["trivia", "start"],
        [
            ("questions", "1".to_string()),
            ("seconds", "5".to_string()),
            ("mode", "typed".to_string()),
        ],
    );
    let asked: String = app
        .invoke(&alice, &call, now)
        .await
        .unwrap()
        .iter()
        .map(|r| r.to_text(""))
        .collect::<Vec<_>>()
        .join("\n");
    let prompt = asked
        .lines()
        .skip_while(|l| !l.starts_with("**Question 1/1"))
        .nth(1)
        .unwrap_or_else(|| panic!("the question in {asked}"))
        .trim_matches('*')
        .to_string();
    app.trivia_answer(&member(21, false), "a guess", now + 1_000)
        .await
        .unwrap();
    let revealed: String = app
        .trivia_tick(now + 6_000)
        .await
        .unwrap()
        .iter()
        .flat_map(|(_, replies)| replies.iter().map(|r| r.to_text("")))
        .collect::<Vec<_>>()
        .join("\n");
    let answer = revealed
        .split("Answer: **")
        .nth(1)
        .and_then(|rest| rest.split("**").next())
        .expect("the answer")
        .to_string();
    app.note_player((GUILD, None), None, (21, "Tester"))
        .await
        .unwrap();
    let index = app.index();
    let mut pages = String::new();
    for page in ["", "/games", "/players/21", "?period=recent"] {
        let (status, body) = get(&format!("{base}/s/{GUILD}{page}")).await;
        assert_eq!(status, 200, "{page}");
        pages.push_str(&unescape(&words(&body)));
    }
    assert!(pages.contains("Tester"), "the player is: {pages}");
    assert!(
        !pages.contains(&prompt),
        "the question {prompt} on a public page"
    );
    assert!(
        !pages.contains(&answer),
        "the answer {answer} on a public page"
    );
    let titles: Vec<&str> = index
        .shows
        .iter()
        .flat_map(|s| &s.episodes)
        .map(|e| e.title.unrendered())
        .collect();
    assert!(!titles.is_empty());
    for title in titles {
        assert!(
            !pages.contains(title),
            "episode title {title} on a public page"
        );
    }
}

/// Plays a game of `questions` questions in choices mode in `ctx`'s
/// channel from `now`, each answered A, B, C and D by members 21 to 24
/// (one of them right), revealed five seconds on; the time after it.
async fn play(app: &App, ctx: &Ctx, questions: usize, mut now: i64) -> i64 {
    let call = Call::new(
        &["trivia", "start"],
        [
            ("questions", questions.to_string()),
            ("seconds", "5".to_string()),
            ("mode", "choices".to_string()),
        ],
    );
    let started = app.invoke(ctx, &call, now).await.unwrap();
    assert!(
        started
            .iter()
            .any(|r| r.to_text("").contains("Question 1/")),
        "{started:?}"
    );
    for _ in 0..questions {
        for (i, letter) in ["A", "B", "C", "D"].iter().enumerate() {
            let player = Ctx {
                channel: ctx.channel,
                ..member(21 + i as u64, false)
            };
            app.trivia_answer(&player, letter, now + 1_000)
                .await
                .unwrap();
        }
        now += 6_000;
        app.trivia_tick(now).await.unwrap();
    }
    now + 1_000
}

#[tokio::test]
async fn the_boards_totals_kept_as_games_end_agree_with_a_count_of_every_answer() {
    use cliffhanger::store::web::{self, Scope, Span};
    let (_tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    let alice = member(1, true);
    invoke(&app, &alice, &["spoilers", "set"], &[("episode", "S01E12")]).await;
    let mut now = play(&app, &alice, 2, app.now_ms()).await;
    let season = invoke(
        &app,
        &alice,
        &["trivia", "season", "start"],
        &[("name", "Spring")],
    )
    .await;
    assert!(season.contains("Spring"), "{season}");
    now = play(&app, &alice, 3, now.max(app.now_ms())).await;
    // One stopped part way, one left running by a process that died.
    let call = Call::new(
        &["trivia", "start"],
        [
            ("questions", "3".to_string()),
            ("mode", "choices".to_string()),
        ],
    );
    app.invoke(&alice, &call, now).await.unwrap();
    app.trivia_answer(&member(22, false), "B", now + 500)
        .await
        .unwrap();
    invoke(&app, &alice, &["trivia", "stop"], &[]).await;
    let elsewhere = Ctx {
        channel: alice.channel + 1,
        ..alice.clone()
    };
    invoke(
        &app,
        &elsewhere,
        &["spoilers", "set"],
        &[("episode", "S01E12")],
    )
    .await;
    app.invoke(&elsewhere, &call, now + 1_000).await.unwrap();
    app.trivia_answer(
        &Ctx {
            channel: elsewhere.channel,
            ..member(23, false)
        },
        "C",
        now + 2_000,
    )
    .await
    .unwrap();
    sql(
        &app,
        "UPDATE games SET lease_until = 0 WHERE status = 'running'".into(),
    )
    .await;
    let interrupted = cliffhanger::store::games::interrupt_abandoned(app.db(), now + 3_000)
        .await
        .unwrap();
    assert_eq!(interrupted.len(), 1);

    let started = app.now_ms() - 3_600_000;
    let show = app.index().shows[0].id;
    let spring_start = cliffhanger::store::seasons::open(app.db(), GUILD)
        .await
        .unwrap()
        .expect("the season")
        .started_at;
    let spring = Scope::Season(spring_start);
    let spans = [
        Span::default(),
        Span {
            show: Some(show),
            scope: Scope::All,
        },
        Span {
            show: None,
            scope: spring,
        },
        Span {
            show: None,
            scope: Scope::SinceDay(started.div_euclid(web::DAY_MS) - 29),
        },
        Span {
            show: Some(show + 1_000),
            scope: Scope::All,
        },
    ];
    let mut kept = Vec::new();
    for span in spans {
        kept.push(web::board(app.db(), GUILD, span).await.unwrap());
    }
    let chart = web::points_by_day(app.db(), GUILD, 21, Span::default())
        .await
        .unwrap();
    // Each board as a count of every answer says it (the text
    // leaderboard's query, over the same games).
    let counted = |board: &[web::Standing]| {
        board
            .iter()
            .map(|s| (s.user, s.points, s.games, s.wins, s.answered, s.correct))
            .collect::<Vec<_>>()
    };
    for (span, window) in [(1, (None, None)), (2, (Some(spring_start), None))] {
        let leaders =
            cliffhanger::store::games::leaderboard(app.db(), Some(GUILD), None, show, window)
                .await
                .unwrap();
        let expected: Vec<_> = leaders
            .iter()
            .map(|l| (l.user, l.points, l.games, l.wins, l.answered, l.correct))
            .collect();
        assert_eq!(counted(&kept[span]), expected, "{:?}", spans[span]);
    }
    // A season's chart adds up to its board, its first day's earlier
    // games left out.
    for user in [21, 22, 23, 24] {
        let season_chart: i64 = web::points_by_day(app.db(), GUILD, user, spans[2])
            .await
            .unwrap()
            .iter()
            .map(|(_, p)| p)
            .sum();
        let on_board = kept[2]
            .iter()
            .find(|s| s.user == user)
            .map_or(0, |s| s.points);
        assert_eq!(season_chart, on_board, "member {user}");
    }
    let all = &kept[0];
    assert_eq!(all.len(), 4, "four players: {all:?}");
    assert_eq!(all.iter().map(|s| s.games).max(), Some(3), "{all:?}");
    assert!(all.iter().map(|s| s.points).sum::<i64>() > 0, "{all:?}");
    assert_eq!(
        all.iter().map(|s| s.answered).sum::<i64>(),
        4 * (2 + 3) + 2,
        "{all:?}"
    );
    let in_season: i64 = kept[2].iter().map(|s| s.answered).sum();
    assert_eq!(in_season, 4 * 3 + 2, "the season's games: {:?}", kept[2]);
    assert!(kept[4].is_empty(), "another show's board: {:?}", kept[4]);

    // Counted anew, and as the migration counts the games played before
    // the totals were kept: the same.
    web::recount(app.db(), GUILD, app.now_ms()).await.unwrap();
    for (span, before) in spans.iter().zip(&kept) {
        let counted = web::board(app.db(), GUILD, *span).await.unwrap();
        assert_eq!(&counted, before, "{span:?}");
    }
    assert_eq!(
        web::points_by_day(app.db(), GUILD, 21, Span::default())
            .await
            .unwrap(),
        chart
    );
    let migration = std::fs::read_to_string(
        if matches!(app.db().pool(), cliffhanger::store::Pool::Pg(_)) {
            "migrations/postgres/0009_board_totals.sql"
        } else {
            "migrations/sqlite/0018_board_totals.sql"
        },
    )
    .unwrap();
    let backfill = &migration[migration.find("WITH s AS").expect("the migration's count")..];
    sql(&app, "DELETE FROM board_totals".into()).await;
    sql(&app, backfill.to_string()).await;
    for (span, before) in spans.iter().zip(&kept) {
        let counted = web::board(app.db(), GUILD, *span).await.unwrap();
        assert_eq!(&counted, before, "the migration's count: {span:?}");
    }
}

/// HTML's escapes undone, to compare with the catalog's words.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn every_response_has_the_strict_headers_and_the_readers_language() {
    let (_tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    let base = serve(app.clone(), 0).await;
    invoke(&app, &member(1, true), &["web"], &[("public", "true")]).await;
    for page in [format!("/s/{GUILD}"), "/".into(), "/nowhere".into()] {
        let response = reqwest::get(format!("{base}{page}")).await.unwrap();
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{page}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{page}: {csp}");
        assert!(csp.contains("script-src 'self';"), "{page}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["x-frame-options"], "DENY");
    }
    // The one script comes from the site itself, as script.
    let page = get(&format!("{base}/s/{GUILD}")).await.1;
    assert!(
        page.contains("<script src=\"/site.js\" defer></script>"),
        "{page}"
    );
    assert!(!page.contains("<script>"), "no inline script: {page}");
    let script = reqwest::get(format!("{base}/site.js")).await.unwrap();
    assert_eq!(script.status(), 200);
    assert_eq!(
        script.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(script.text().await.unwrap().contains("data-in-place"));
    let page = reqwest::get(format!("{base}/s/{GUILD}")).await.unwrap();
    assert_eq!(page.headers()["vary"], "Accept-Language");
    assert_eq!(page.headers()["cache-control"], "no-cache");
    let (_, german) = get_in(&format!("{base}/s/{GUILD}"), "de-DE,de;q=0.9,en;q=0.5").await;
    assert!(german.contains("<html lang=\"de\">"), "{german}");
    assert!(words(&german).contains("Gesamt"), "{german}");
    let (_, asked) = get_in(&format!("{base}/s/{GUILD}?lang=en"), "de-DE").await;
    assert!(
        words(&asked).contains("All time"),
        "the switch wins: {asked}"
    );
    // The reader's weights: the language weighed highest, none at q=0.
    for (asked, html) in [
        ("en;q=0.5, de;q=0.9", "<html lang=\"de\">"),
        ("de;q=0, en;q=0.1", "<html lang=\"en\">"),
        ("de-AT, en;q=0.8", "<html lang=\"de\">"),
        ("fr, de;q=0.3", "<html lang=\"de\">"),
    ] {
        let (_, page) = get_in(&format!("{base}/s/{GUILD}"), asked).await;
        assert!(page.contains(html), "{asked}: {page}");
    }
    // Error pages vary by language and are not kept by caches either.
    let response = reqwest::Client::new()
        .get(format!("{base}/s/{OTHER_GUILD}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["vary"], "Accept-Language");
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let (status, missing) = get_in(&format!("{base}/s/{OTHER_GUILD}"), "de").await;
    assert_eq!(status, 404);
    assert!(
        words(&missing).contains("Diese Seite gibt es nicht"),
        "{missing}"
    );
}

#[tokio::test]
async fn an_address_past_its_rate_is_told_when_to_come_back() {
    let (_tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    let base = serve(app, 3).await;
    for _ in 0..3 {
        assert_eq!(get(&format!("{base}/")).await.0, 200);
    }
    let response = reqwest::get(format!("{base}/")).await.unwrap();
    assert_eq!(response.status().as_u16(), 429);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
}

/// A browser: keeps cookies, follows redirects itself (so the test sees
/// each hop's cookies), sends the language it reads.
struct Browser {
    http: reqwest::Client,
    cookies: std::collections::BTreeMap<String, String>,
}

impl Browser {
    fn new() -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: Default::default(),
        }
    }

    fn keep(&mut self, response: &reqwest::Response) {
        for set in response.headers().get_all("set-cookie") {
            let set = set.to_str().unwrap();
            assert!(set.contains("HttpOnly"), "{set}");
            let (pair, _) = set.split_once(';').unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if set.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.into(), value.into());
            }
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Follows redirects from `response`: the last status and page.
    async fn follow(&mut self, mut response: reqwest::Response) -> (u16, String) {
        for _ in 0..10 {
            self.keep(&response);
            if !response.status().is_redirection() {
                break;
            }
            let to = response.headers()["location"].to_str().unwrap().to_string();
            let to = match to.starts_with("http") {
                true => to,
                false => {
                    let url = response.url();
                    format!(
                        "{}://{}{to}",
                        url.scheme(),
                        url.host_str().unwrap().to_string() + &format!(":{}", url.port().unwrap())
                    )
                }
            };
            response = self
                .http
                .get(&to)
                .header("cookie", self.cookie_header())
                .send()
                .await
                .unwrap();
        }
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    async fn get(&mut self, url: &str) -> (u16, String) {
        let response = self
            .http
            .get(url)
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.follow(response).await
    }

    async fn post(&mut self, url: &str, form: &[(&str, &str)]) -> (u16, String) {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let response = self
            .http
            .post(url)
            .header("cookie", self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        self.follow(response).await
    }
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b.is_ascii_alphanumeric() {
            true => (b as char).to_string(),
            false => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of the first hidden field called `name` in a page.
fn hidden(page: &str, name: &str) -> String {
    let at = page
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no {name} in {page}"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// The pages with Discord's login pointed at the fake: their base address.
async fn serve_with_login(app: Arc<App>, fake: &FakeDiscord) -> String {
    fake.oauth_client("900000000000000001", "shh");
    let bind = web_config(&["--web-addr", "127.0.0.1:0"]);
    let listener = cliffhanger::web::listen(&bind).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let config = web_config(&[
        "--web-addr",
        "127.0.0.1:0",
        "--web-url",
        &base,
        "--web-secret",
        "a key of the server that is long enough",
        "--oauth-client-id",
        "900000000000000001",
        "--oauth-client-secret",
        "shh",
        "--oauth-authorize-url",
        &format!("{}/oauth2/authorize", fake.url()),
        "--oauth-api-url",
        &format!("{}/api/v10", fake.url()),
    ]);
    tokio::spawn(async move {
        cliffhanger::web::serve(listener, app, &config, std::future::pending())
            .await
            .unwrap();
    });
    base
}

use support::fake_discord::{BOB, FakeDiscord, GUILD as FAKE_GUILD, MANAGE_GUILD, MEMBER, Member};

const MODERATOR: Member = Member {
    id: 444_444_444_444_444_444,
    name: "Mod <i>erator</i>",
    locale: "en-US",
    permissions: MEMBER | MANAGE_GUILD,
};

/// In the fake's server, channel 2.
fn in_fake_guild(user: u64, manages: bool) -> Ctx {
    Ctx {
        guild: Some(FAKE_GUILD),
        ..member(user, manages)
    }
}

/// A question asked in the fake's server and reported by a member; its
/// prompt.
async fn reported_question(app: &App) {
    let alice = in_fake_guild(1, true);
    invoke(app, &alice, &["spoilers", "set"], &[("episode", "S01E12")]).await;
    let now = app.now_ms();
    let call = Call::new(
        &["trivia", "start"],
        [("questions", "1".to_string()), ("seconds", "5".to_string())],
    );
    app.invoke(&alice, &call, now).await.unwrap();
    app.trivia_tick(now + 6_000).await.unwrap();
    let said = invoke(
        app,
        &in_fake_guild(BOB.id, false),
        &["trivia", "report"],
        &[],
    )
    .await;
    assert!(said.contains("is reported"), "{said}");
}

#[tokio::test]
async fn a_moderator_logs_in_with_discord_and_reviews_under_their_own_gate() {
    let (_tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    let fake = FakeDiscord::start().await;
    let base = serve_with_login(app.clone(), &fake).await;
    app.note_player(
        (FAKE_GUILD, Some("Smash fans")),
        Some((2, Some("general"))),
        (BOB.id, "bob"),
    )
    .await
    .unwrap();
    reported_question(&app).await;

    let mut moderator = Browser::new();
    let (status, page) = moderator.get(&format!("{base}/desk")).await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/login?lang=en\""), "{page}");
    // Logged in through Discord: the servers they manage and the bot knows.
    fake.log_in_as(MODERATOR);
    let (status, page) = moderator.get(&format!("{base}/login")).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        words(&page).contains("Logged in as Mod &lt;i&gt;erator&lt;/i&gt;"),
        "{page}"
    );
    assert!(
        page.contains(&format!("href=\"/desk/{FAKE_GUILD}?lang=en\"")),
        "{page}"
    );

    // The desk: the reported question under the moderator's own gate.
    // They have not said how far they watched: a question of S01E12 is
    // not on their desk at all.
    let desk = format!("{base}/desk/{FAKE_GUILD}");
    let (status, page) = moderator.get(&desk).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        words(&page).contains("Reported questions Trivia review · 0 questions"),
        "{page}"
    );
    assert!(!page.contains("name=\"question\" value="), "{page}");
    invoke(
        &app,
        &in_fake_guild(MODERATOR.id, true),
        &["progress", "set"],
        &[("episode", "S01E12")],
    )
    .await;
    let (_, page) = moderator.get(&desk).await;
    let review = &page
        [page.find("Reported questions").unwrap()..page.find("default spoiler horizon").unwrap()];
    assert!(
        words(review).contains("Trivia review · 1 question"),
        "within their progress: {review}"
    );
    assert!(
        words(review).contains("Reported by one member."),
        "{review}"
    );
    let question = hidden(&page, "question");
    let csrf = hidden(&page, "csrf");

    // A form with a forged token does nothing.
    let (status, _) = moderator
        .post(
            &desk,
            &[
                ("csrf", "forged"),
                ("path", "trivia review"),
                ("question", &question),
                ("action", "approve"),
            ],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = moderator
        .post(
            &desk,
            &[
                ("path", "trivia review"),
                ("question", &question),
                ("action", "approve"),
            ],
        )
        .await;
    assert_eq!(status, 403, "no token at all");
    // Nor does a command the desk does not offer.
    let (status, _) = moderator
        .post(&desk, &[("csrf", &csrf), ("path", "catalog reload")])
        .await;
    assert_eq!(status, 400);
    let (status, page) = moderator
        .post(
            &desk,
            &[
                ("csrf", &csrf),
                ("path", "trivia review"),
                ("question", &question),
                ("action", "approve"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{page}");
    assert!(words(&page).contains("Done"), "{page}");
    let listed = invoke(
        &app,
        &in_fake_guild(MODERATOR.id, true),
        &["trivia", "review"],
        &[],
    )
    .await;
    assert!(listed.contains("Nothing to review"), "approved: {listed}");

    // A form from the schema: the server's horizon, checked as the
    // command's options are.
    let (status, page) = moderator
        .post(
            &desk,
            &[
                ("csrf", &csrf),
                ("path", "spoilers set"),
                ("episode", "S01E12"),
                ("scope", "galaxy"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        words(&page).contains("galaxy"),
        "the wrong choice is named: {page}"
    );
    let (_, page) = moderator
        .post(
            &desk,
            &[
                ("csrf", &csrf),
                ("path", "spoilers set"),
                ("episode", "S01E12"),
            ],
        )
        .await;
    assert!(words(&page).contains("Pick the channel"), "{page}");
    let (_, page) = moderator
        .post(
            &desk,
            &[
                ("csrf", &csrf),
                ("path", "spoilers set"),
                ("episode", "S01E12"),
                ("scope", "server"),
            ],
        )
        .await;
    assert!(words(&page).contains("up to S01E12"), "{page}");

    // Only the server's own channels, as the bot saw them used: one of
    // another server's is refused, though its id is a channel's.
    app.note_player(
        (OTHER_GUILD, Some("Elsewhere")),
        Some((77, Some("theirs"))),
        (5, "eve"),
    )
    .await
    .unwrap();
    assert!(
        page.contains("<option value=\"2\">#general</option>"),
        "{page}"
    );
    assert!(!page.contains("theirs"), "{page}");
    let (_, page) = moderator
        .post(
            &desk,
            &[
                ("csrf", &csrf),
                ("path", "spoilers set"),
                ("episode", "S01E12"),
                ("desk_channel", "77"),
            ],
        )
        .await;
    assert!(
        words(&page).contains("not a channel the bot has seen used in this server"),
        "{page}"
    );
    let (_, page) = moderator
        .post(
            &desk,
            &[
                ("csrf", &csrf),
                ("path", "daily set"),
                ("time", "09:00"),
                ("timezone", "Europe/Berlin"),
                ("channel", "77"),
            ],
        )
        .await;
    assert!(
        words(&page).contains("not a channel the bot has seen used in this server"),
        "{page}"
    );
    let (_, page) = moderator
        .post(
            &desk,
            &[
                ("csrf", &csrf),
                ("path", "spoilers set"),
                ("episode", "S01E12"),
                ("desk_channel", "2"),
            ],
        )
        .await;
    assert!(words(&page).contains("up to S01E12"), "{page}");
    // Each channel's horizon under its name.
    let (_, page) = moderator.get(&desk).await;
    let shown = words(&page);
    let each =
        &shown[shown.find("Each channel").unwrap()..shown.find("Question of the day").unwrap()];
    assert!(
        each.contains("#general This channel may discuss Smash up to S01E12"),
        "{each}"
    );

    // A rewatch of the server: its status on the desk, held from there.
    let said = invoke(
        &app,
        &in_fake_guild(1, true),
        &["rewatch", "start"],
        &[
            ("first", "S01E12"),
            ("at", "20:00"),
            ("timezone", "Europe/Berlin"),
        ],
    )
    .await;
    assert!(!said.contains("Only"), "{said}");
    let (_, page) = moderator.get(&desk).await;
    let rewatch = &page
        [page.find("<h2>Rewatch</h2>").unwrap()..page.find("<h2>Scheduled games</h2>").unwrap()];
    assert!(
        !words(rewatch).contains("No rewatch is running"),
        "{rewatch}"
    );
    let (_, page) = moderator
        .post(
            &desk,
            &[
                ("csrf", &csrf),
                ("path", "rewatch pause"),
                ("desk_channel", "2"),
            ],
        )
        .await;
    assert!(words(&page).contains("Done"), "{page}");
    let status = invoke(&app, &in_fake_guild(1, true), &["rewatch", "status"], &[]).await;
    assert!(status.to_lowercase().contains("paused"), "{status}");

    // A server the member manages but the bot was never used in: no desk.
    fake.member_of(
        MODERATOR.id,
        &[
            (FAKE_GUILD, "Fake server", MEMBER | MANAGE_GUILD),
            (999, "Empty", MANAGE_GUILD),
        ],
    );
    assert_eq!(moderator.get(&format!("{base}/desk/999")).await.0, 404);
    let (status, _) = moderator
        .post(
            &format!("{base}/desk/999"),
            &[("csrf", &csrf), ("path", "web"), ("public", "true")],
        )
        .await;
    assert_eq!(status, 404);
    assert!(
        !app.server_seen(999).await.unwrap(),
        "nothing was written for it"
    );

    // A member who may not manage the server: not theirs.
    let mut bob = Browser::new();
    fake.log_in_as(BOB);
    let (status, page) = bob.get(&format!("{base}/login")).await;
    assert_eq!(status, 200);
    assert!(!page.contains(&format!("/desk/{FAKE_GUILD}")), "{page}");
    assert_eq!(bob.get(&desk).await.0, 403);
    let bob_csrf = hidden(&page, "csrf");
    let (status, _) = bob
        .post(
            &desk,
            &[("csrf", &bob_csrf), ("path", "web"), ("public", "true")],
        )
        .await;
    assert_eq!(status, 403);

    // Asked again on every request: the moderator who lost the right is
    // turned away at once, their session notwithstanding.
    fake.member_of(MODERATOR.id, &[(FAKE_GUILD, "Fake server", MEMBER)]);
    assert_eq!(moderator.get(&desk).await.0, 403);

    // Logged out: the session is gone.
    let (status, _) = moderator
        .post(&format!("{base}/logout"), &[("csrf", "forged")])
        .await;
    assert_eq!(status, 403);
    let (status, _) = moderator
        .post(&format!("{base}/logout"), &[("csrf", &csrf)])
        .await;
    assert_eq!(status, 200);
    assert!(!moderator.cookies.contains_key("cliffhanger_session"));
    let (_, page) = moderator.get(&format!("{base}/desk")).await;
    assert!(page.contains("Log in with Discord"), "{page}");
}

#[tokio::test]
async fn a_login_not_started_here_is_refused() {
    let (_tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    let fake = FakeDiscord::start().await;
    let base = serve_with_login(app.clone(), &fake).await;
    let mut browser = Browser::new();
    // Back from Discord with a code, but no state cookie from this site.
    let (status, _) = browser
        .get(&format!("{base}/callback?code=code-1-0&state=abc-en"))
        .await;
    assert_eq!(status, 403);
    // A state cookie whose signature is not the server's.
    browser.cookies.insert(
        "cliffhanger_login".into(),
        "abc-en.bm90IGEgc2lnbmF0dXJl".into(),
    );
    let (status, _) = browser
        .get(&format!("{base}/callback?code=code-1-0&state=abc-en"))
        .await;
    assert_eq!(status, 403);
    // The member refused at Discord: back without a code.
    let (status, _) = browser.get(&format!("{base}/login")).await;
    assert_eq!(status, 403);
    // Without the login configured, the desk says so.
    let plain = serve(app, 0).await;
    assert_eq!(get(&format!("{plain}/desk")).await.0, 503);
}

#[tokio::test]
async fn the_board_as_a_picture_on_discord_and_at_a_stable_address() {
    let (tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    let base = serve(app.clone(), 0).await;
    game(
        &app,
        FAKE_GUILD,
        ("finished", app.now_ms()),
        &[(BOB.id, 1, true, 100)],
    )
    .await;
    app.note_player(
        (FAKE_GUILD, Some("Smash fans")),
        None,
        (BOB.id, "Bob the Builder"),
    )
    .await
    .unwrap();
    let config = cliffhanger::discord::Config {
        dev_guild: Some(FAKE_GUILD),
        ..cliffhanger::discord::Config::default()
    };
    let bot = support::bot::serve(app.clone(), tmp, config).await;
    let answer = bot
        .run(
            BOB,
            2,
            "trivia",
            serde_json::json!([{"name": "leaderboard", "type": 1, "options": [
                {"name": "picture", "type": 5, "value": true}]}]),
        )
        .await;
    let files = answer.body["_files"].as_array().expect("sent with a file");
    assert_eq!(files.len(), 1, "{}", answer.body);
    assert_eq!(files[0]["name"], "board.png");
    assert_eq!(files[0]["png"], true);
    let embed = &answer.body["data"]["embeds"][0];
    assert_eq!(embed["image"]["url"], "attachment://board.png", "{embed}");
    bot.stop().await;

    // The same card on the web, once the pages are public.
    let url = format!("{base}/s/{FAKE_GUILD}/board.png");
    assert_eq!(get(&url).await.0, 404);
    invoke(
        &app,
        &in_fake_guild(1, true),
        &["web"],
        &[("public", "true")],
    )
    .await;
    let response = reqwest::get(&url).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert!(response.bytes().await.unwrap().starts_with(b"\x89PNG"));
    let (_, page) = get(&format!("{base}/s/{FAKE_GUILD}")).await;
    assert!(
        page.contains(&format!("src=\"/s/{FAKE_GUILD}/board.png")),
        "{page}"
    );
    assert_eq!(
        get(&format!("{base}/s/{FAKE_GUILD}/board.png?period=never"))
            .await
            .0,
        400
    );
}

/// Waits until the browser's page says `text` (after a navigation or a
/// form); the page.
async fn shown(browser: &support::browser::Browser, text: &str) -> String {
    let mut page = String::new();
    for _ in 0..100 {
        page = browser.source().await;
        if page.contains(text) {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "the browser never showed {text:?} (at {}): {page}",
        browser.url().await
    );
}

/// In headless Chromium: a moderator logs in through Discord's login (the
/// fake's), approves a reported question on the desk, and sees the public
/// board with its picture. Screenshots of the desk and the board are left
/// in `target/test-artefacts/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_real_browser_a_moderator_logs_in_approves_and_the_board_is_public() {
    let Some(browser) = support::browser::Browser::start().await else {
        return;
    };
    let artefacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artefacts");
    let (_tmp, dir) = support::scratch();
    let app = app_in(&dir).await;
    let fake = FakeDiscord::start().await;
    let base = serve_with_login(app.clone(), &fake).await;
    app.note_player(
        (FAKE_GUILD, Some("Smash fans")),
        Some((2, Some("general"))),
        (BOB.id, "Bob the Builder"),
    )
    .await
    .unwrap();
    reported_question(&app).await;
    invoke(
        &app,
        &in_fake_guild(MODERATOR.id, true),
        &["progress", "set"],
        &[("episode", "S01E12")],
    )
    .await;
    game(
        &app,
        FAKE_GUILD,
        ("finished", app.now_ms()),
        &[(BOB.id, 1, true, 100)],
    )
    .await;

    fake.log_in_as(MODERATOR);
    browser.open(&format!("{base}/desk")).await;
    shown(&browser, "Log in with Discord").await;
    browser.click("a[href^=\"/login\"]").await;
    shown(&browser, "Logged in as").await;
    browser
        .click(&format!("a[href^=\"/desk/{FAKE_GUILD}\"]"))
        .await;
    shown(&browser, "Trivia review · 1 question").await;
    browser.screenshot(&artefacts.join("desk.png")).await;
    // The verdict comes back in place: the page is not loaded anew.
    browser
        .execute("window.sameDocument = true; return true;")
        .await;
    browser
        .click("input[name=\"action\"][value=\"approve\"] ~ button")
        .await;
    let done = shown(&browser, "<h2>Done</h2>").await;
    assert!(done.contains("Trivia review · 0 questions"), "{done}");
    assert_eq!(
        browser
            .execute("return window.sameDocument === true;")
            .await,
        serde_json::json!(true),
        "the desk was loaded anew"
    );
    let url = browser.url().await;
    assert!(url.contains(&format!("/desk/{FAKE_GUILD}?")), "{url}");

    // The public pages, turned on from the desk's own form.
    browser.open(&format!("{base}/desk/{FAKE_GUILD}")).await;
    shown(&browser, "Public pages").await;
    browser
        .click("form:has(input[name=\"path\"][value=\"web\"]) select[name=\"public\"] option[value=\"true\"]")
        .await;
    browser
        .click("form:has(input[name=\"path\"][value=\"web\"]) button")
        .await;
    shown(&browser, "trivia pages are public").await;
    browser.open(&format!("{base}/s/{FAKE_GUILD}")).await;
    let board = shown(&browser, "Bob the Builder").await;
    assert!(board.contains("board.png"), "{board}");
    browser.screenshot(&artefacts.join("board.png")).await;
    browser.close().await;
    for shot in ["desk.png", "board.png"] {
        let bytes = std::fs::read(artefacts.join(shot)).unwrap();
        assert!(bytes.len() > 10_000, "{shot} is a real screenshot");
    }
}
