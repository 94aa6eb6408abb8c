//! The real serenity/poise bot against a fake Discord on 127.0.0.1: what it
//! registers, what it answers, and how trivia games run on buttons.

mod support;

use std::sync::Arc;
use std::time::Duration;

use cliffhanger::app::App;
use cliffhanger::discord::Config;
use cliffhanger::import::import_dir;
use serde_json::{Value, json};
use support::bot::Bot;
use support::fake_discord::{
    APP_ID, FakeDiscord, GUILD, MANAGE_CHANNELS, MANAGE_GUILD, MANAGE_MESSAGES, MEMBER, Member,
    REFUSED_TOKEN, Request,
};

const ALICE: Member = Member {
    id: 111_111_111_111_111_111,
    name: "alice",
    locale: "en-US",
    permissions: MEMBER | MANAGE_CHANNELS | MANAGE_MESSAGES,
};
const BOB: Member = Member {
    id: 222_222_222_222_222_222,
    name: "bob",
    locale: "en-GB",
    permissions: MEMBER,
};
const GRETA: Member = Member {
    id: 333_333_333_333_333_333,
    name: "greta",
    locale: "de",
    permissions: MEMBER,
};
/// Manages the server: reviews its trivia questions.
const MODERATOR: Member = Member {
    id: 444_444_444_444_444_444,
    name: "mod",
    locale: "en-US",
    permissions: MEMBER | MANAGE_GUILD,
};
const CHANNEL: u64 = 500_000_000_000_000_001;
const OTHER: u64 = 500_000_000_000_000_002;

/// The options of a `set` subcommand naming an episode.
fn set_episode(episode: &str) -> Value {
    json!([{"name": "set", "type": 1, "options": [
        {"name": "episode", "type": 3, "value": episode}]}])
}

async fn bot(message_content: bool) -> Bot {
    bot_in(message_content, Some(GUILD)).await
}

async fn bot_in(message_content: bool, dev_guild: Option<u64>) -> Bot {
    bot_with(Config {
        dev_guild,
        message_content,
        ..Config::default()
    })
    .await
}

/// The bot with these settings (its token and Discord are the test's).
async fn bot_with(config: Config) -> Bot {
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    serve_with(db, tmp, config).await
}

/// The bot over a database already set up in `tmp`.
async fn serve_over(
    db: cliffhanger::store::Db,
    tmp: tempfile::TempDir,
    message_content: bool,
    dev_guild: Option<u64>,
) -> Bot {
    let config = Config {
        dev_guild,
        message_content,
        ..Config::default()
    };
    serve_with(db, tmp, config).await
}

async fn serve_with(db: cliffhanger::store::Db, tmp: tempfile::TempDir, config: Config) -> Bot {
    let app = Arc::new(App::with_seed(db, 7).await.unwrap());
    support::bot::serve(app, tmp, config).await
}

impl Bot {
    async fn horizon(&self, episode: &str) {
        let r = self
            .run(ALICE, CHANNEL, "spoilers", set_episode(episode))
            .await;
        assert!(r.text().contains(episode), "{}", r.text());
    }

    async fn progress(&self, who: Member, episode: &str) -> Request {
        self.run(who, CHANNEL, "progress", set_episode(episode))
            .await
    }

    /// Still serving: the bot answers /about.
    async fn still_serves(&self) {
        let r = self.run(BOB, CHANNEL, "about", json!([])).await;
        assert!(r.text().contains("Smash"), "{}", r.text());
        assert!(!self.task.is_finished());
    }
}

fn reply_type(r: &Request) -> u64 {
    r.body["type"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_has_every_command_with_german_names_and_descriptions() {
    let bot = bot(false).await;
    let put = bot.fake.wait_ready().await;
    assert_eq!(
        put.path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD}/commands"),
        "commands go to the development server when it is set"
    );
    let commands = put.body.as_array().unwrap();
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "episode",
            "character",
            "search",
            "progress",
            "spoilers",
            "trivia",
            "daily",
            "rewatch",
            "announce",
            "about",
            "web",
            "catalog"
        ]
    );
    let german: Vec<&str> = commands
        .iter()
        .map(|c| c["name_localizations"]["de"].as_str().unwrap())
        .collect();
    assert_eq!(
        german,
        [
            "folge",
            "figur",
            "suche",
            "fortschritt",
            "spoiler",
            "quiz",
            "tagesfrage",
            "rewatch",
            "ankündigen",
            "info",
            "web",
            "katalog"
        ]
    );
    // The owners' command is hidden from all but administrators.
    let catalog = commands.iter().find(|c| c["name"] == "catalog").unwrap();
    assert_eq!(catalog["default_member_permissions"], "8");
    // Every command, subcommand and option has both languages.
    fn check(node: &Value, path: &str) {
        for key in ["description", "description_localizations"] {
            assert!(!node[key].is_null(), "{path} has no {key}");
        }
        assert!(
            node["description_localizations"]["de"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "{path}"
        );
        assert!(node["name_localizations"]["de"].is_string(), "{path}");
        for option in node["options"].as_array().into_iter().flatten() {
            check(option, &format!("{path} {}", option["name"]));
            for choice in option["choices"].as_array().into_iter().flatten() {
                assert!(
                    choice["name_localizations"]["de"].is_string(),
                    "{path} {choice}"
                );
            }
        }
    }
    for command in commands {
        check(command, command["name"].as_str().unwrap());
    }
    let trivia = &commands[5];
    let subs: Vec<(&str, &str)> = trivia["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap(),
                o["name_localizations"]["de"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        subs,
        [
            ("start", "starten"),
            ("schedule", "planen"),
            ("answer", "antworten"),
            ("hint", "tipp"),
            ("skip", "überspringen"),
            ("stop", "beenden"),
            ("leaderboard", "bestenliste"),
            ("season", "saison"),
            ("pack", "paket"),
            ("stats", "statistik"),
            ("privacy", "privatsphäre"),
            ("report", "melden"),
            ("review", "prüfen")
        ]
    );
    // A group's subcommands go to Discord as a subcommand group.
    let schedule = &trivia["options"][1];
    assert_eq!(schedule["type"], 2);
    let in_group: Vec<(&str, &str, i64)> = schedule["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap(),
                o["name_localizations"]["de"].as_str().unwrap(),
                o["type"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        in_group,
        [
            ("add", "neu", 1),
            ("list", "liste", 1),
            ("cancel", "absagen", 1)
        ]
    );
    let mode = trivia["options"][0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "mode")
        .unwrap();
    assert_eq!(
        mode["choices"][1]["name_localizations"]["de"],
        "Getippte Antworten"
    );
    // /spoilers is for moderators by default.
    assert_eq!(commands[4]["default_member_permissions"], "16");
    // Only non-privileged intents: no Message Content (1 << 15).
    let intents = bot.fake.identify().unwrap()["intents"].as_u64().unwrap();
    assert_eq!(intents & (1 << 15), 0);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lookups_answer_in_german_withhold_past_progress_and_reveal_privately() {
    let bot = bot(false).await;
    bot.horizon("S01E12").await;
    let r = bot.progress(GRETA, "S01E12").await;
    assert!(r.ephemeral(), "progress is personal");
    assert_eq!(r.text(), "Du hast Smash bis S01E12 „Publicity“ geschaut.");

    let r = bot
        .run(
            GRETA,
            CHANNEL,
            "character",
            json!([{"name": "name", "type": 3, "value": "Karen"}]),
        )
        .await;
    assert_eq!(reply_type(&r), 4);
    assert!(!r.ephemeral(), "lookups are public");
    let text = r.text();
    assert!(text.contains("Karen Cartwright"), "{text}");
    assert!(text.contains("Gespielt von Katharine McPhee"), "{text}");
    assert!(
        text.contains("Spätere Folgen erzählen vielleicht mehr: Mit aufdecken:true siehst du sie nur für dich."),
        "{text}"
    );
    assert!(!text.contains("||"), "{text}");
    assert!(!text.contains("Jimmy"), "{text}");

    let r = bot
        .run(
            GRETA,
            CHANNEL,
            "character",
            json!([{"name": "name", "type": 3, "value": "Karen"},
                   {"name": "reveal", "type": 5, "value": true}]),
        )
        .await;
    assert!(r.ephemeral(), "a reveal is only for the asker");
    let text = r.text();
    assert!(text.contains("||"), "{text}");
    let wrapped = text
        .lines()
        .find(|l| l.contains("Jimmy und Karen werfen Derek vor"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        wrapped.contains("||") && wrapped.matches("||").count() % 2 == 0,
        "{wrapped}"
    );

    // English for everyone else.
    let r = bot
        .run(
            BOB,
            CHANNEL,
            "character",
            json!([{"name": "name", "type": 3, "value": "Karen"}]),
        )
        .await;
    assert!(
        r.text().contains("Played by Katharine McPhee"),
        "{}",
        r.text()
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_development_server_commands_are_registered_globally() {
    let bot = bot_in(false, None).await;
    let put = bot.fake.wait_ready().await;
    assert_eq!(put.path, format!("/api/v10/applications/{APP_ID}/commands"));
    assert_eq!(
        put.body.as_array().unwrap().len(),
        cliffhanger::schema::COMMANDS.len()
    );
    bot.stop().await;
}

/// The names an autocomplete answer offers.
async fn completions(bot: &Bot, who: Member, partial: &str) -> Vec<String> {
    offered(
        bot,
        who,
        "character",
        json!([{"name": "name", "type": 3, "value": partial, "focused": true}]),
    )
    .await
}

async fn offered(bot: &Bot, who: Member, command: &str, options: Value) -> Vec<String> {
    let mark = bot.fake.mark();
    let id = bot.fake.autocomplete(who, CHANNEL, command, options);
    let r = bot
        .fake
        .wait_for(mark, "autocomplete choices", |r| r.callback_of(&id))
        .await;
    assert_eq!(reply_type(&r), 8);
    r.body["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_only_what_the_member_has_reached() {
    let bot = bot(false).await;
    bot.progress(BOB, "S01E12").await;
    bot.progress(ALICE, "S02E11").await;
    let early = completions(&bot, BOB, "J").await;
    let late = completions(&bot, ALICE, "J").await;
    assert!(
        late.iter().any(|n| n.contains("Jimmy")),
        "a member at S02E11 is offered Jimmy: {late:?}"
    );
    assert!(
        !early.iter().any(|n| n.contains("Jimmy")),
        "a member at S01E12 is not: {early:?}"
    );
    let karen = completions(&bot, BOB, "Kar").await;
    assert!(
        karen.iter().any(|n| n.contains("Karen Cartwright")),
        "{karen:?}"
    );
    // Episodes: the later one is not offered to a member who has not seen it.
    let episode =
        |partial: &str| json!([{"name": "episode", "type": 3, "value": partial, "focused": true}]);
    let early = offered(&bot, BOB, "episode", episode("S0")).await;
    let late = offered(&bot, ALICE, "episode", episode("S0")).await;
    assert!(early.iter().any(|e| e.contains("S01E12")), "{early:?}");
    assert!(!early.iter().any(|e| e.contains("S02E11")), "{early:?}");
    assert!(late.iter().any(|e| e.contains("S02E11")), "{late:?}");
    // Shows are no spoilers.
    let shows = offered(
        &bot,
        BOB,
        "character",
        json!([{"name": "name", "type": 3, "value": ""},
               {"name": "show", "type": 3, "value": "sm", "focused": true}]),
    )
    .await;
    assert!(shows.iter().any(|s| s.contains("Smash")), "{shows:?}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spoilers_is_refused_to_a_member_without_manage_channels() {
    let bot = bot(false).await;
    let r = bot
        .run(BOB, CHANNEL, "spoilers", set_episode("S02E11"))
        .await;
    assert!(r.ephemeral());
    assert_eq!(
        r.text(),
        "Only members who may manage this channel can change its spoiler horizon."
    );
    // Nothing changed: the channel still has no horizon.
    let r = bot
        .run(
            BOB,
            CHANNEL,
            "spoilers",
            json!([{"name": "show", "type": 1, "options": []}]),
        )
        .await;
    assert!(!r.text().contains("S02E11"), "{}", r.text());
    bot.stop().await;
}

/// The last question posted in a channel since `mark`: the request and
/// its message id.
async fn next_question(bot: &Bot, mark: usize, channel: u64) -> (Request, String) {
    bot.fake.next_question(mark, channel).await
}

async fn click(bot: &Bot, who: Member, channel: u64, message: &str, custom_id: &str) -> Request {
    let mark = bot.fake.mark();
    let id = bot.fake.click(who, channel, message, custom_id);
    bot.fake
        .wait_for(mark, "an answer to a click", |r| r.callback_of(&id))
        .await
}

async fn start_game(bot: &Bot, channel: u64, questions: u64) -> Request {
    bot.run(
        ALICE,
        channel,
        "trivia",
        json!([{"name": "start", "type": 1, "options": [
            {"name": "questions", "type": 4, "value": questions},
            {"name": "seconds", "type": 4, "value": 60}]}]),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trivia_game_on_buttons_between_two_members() {
    let bot = bot(false).await;
    bot.horizon("S02E11").await;
    let mark = bot.fake.mark();
    let started = start_game(&bot, CHANNEL, 2).await;
    assert!(!started.ephemeral());
    assert!(
        started.text().starts_with("Trivia: 2 questions from Smash"),
        "{}",
        started.text()
    );

    let (q1, m1) = next_question(&bot, mark, CHANNEL).await;
    let buttons = q1.buttons();
    assert!(buttons.len() >= 2, "{buttons:?}");
    assert!(buttons.iter().all(|(_, _, disabled)| !disabled));
    assert_eq!(buttons[0].1, "A");
    assert!(q1.text().contains("Question 1/2"), "{}", q1.text());

    // Alice answers A, Bob answers B: each is told privately.
    let r = click(&bot, ALICE, CHANNEL, &m1, &buttons[0].0).await;
    assert!(r.ephemeral());
    assert_eq!(r.text(), "Your answer is in.");
    let mark = bot.fake.mark();
    let r = click(&bot, BOB, CHANNEL, &m1, &buttons[1].0).await;
    assert!(r.ephemeral());
    // Everyone has answered: the reveal, question 1's buttons disabled,
    // then question 2.
    let reveal = bot
        .fake
        .wait_for(mark, "the reveal", |r| {
            r.posted_in(CHANNEL) && r.text().starts_with("Answer: ")
        })
        .await;
    let disabled = bot
        .fake
        .wait_for(mark, "question 1's buttons disabled", |r| {
            r.method == "PATCH" && r.path.ends_with(&format!("/messages/{m1}"))
        })
        .await;
    assert!(
        disabled.buttons().iter().all(|(_, _, d)| *d),
        "{:?}",
        disabled.buttons()
    );
    let (q2, m2) = next_question(&bot, mark, CHANNEL).await;
    assert!(q2.text().contains("Question 2/2"), "{}", q2.text());
    assert!(q2.seq > reveal.seq);

    // A click on question 1 now: a private "round over", not a failure.
    let stale = click(&bot, BOB, CHANNEL, &m1, &buttons[2 % buttons.len()].0).await;
    assert!(stale.ephemeral());
    assert_eq!(
        stale.text(),
        "This round is over: wait for the next question."
    );
    // So is a button that was never the bot's.
    let forged = click(&bot, BOB, CHANNEL, &m2, "trivia:x:1:0").await;
    assert!(forged.ephemeral());

    let b2 = q2.buttons();
    let mark = bot.fake.mark();
    click(&bot, ALICE, CHANNEL, &m2, &b2[0].0).await;
    click(&bot, BOB, CHANNEL, &m2, &b2[0].0).await;
    let board = bot
        .fake
        .wait_for(mark, "the final scoreboard", |r| {
            r.posted_in(CHANNEL) && r.text().contains("Game over!")
        })
        .await;
    bot.fake
        .wait_for(mark, "question 2's buttons disabled", |r| {
            r.method == "PATCH" && r.path.ends_with(&format!("/messages/{m2}"))
        })
        .await;
    let text = board.text();
    assert!(text.contains(&format!("<@{}>", ALICE.id)), "{text}");
    assert!(text.contains(&format!("<@{}>", BOB.id)), "{text}");
    // Nobody is pinged by the scoreboard.
    assert_eq!(board.body["allowed_mentions"]["parse"], json!([]));

    // What the board says is what was stored.
    let stored: Vec<(i64, i64)> = support::on_db!(bot.app.db(), |pool| sqlx::query_as(
        "SELECT user_id, CAST(SUM(points) AS BIGINT) FROM answers GROUP BY user_id ORDER BY 2 DESC, user_id",
    )
    .fetch_all(pool).await)
    .unwrap();
    assert_eq!(stored.len(), 2);
    for (rank, (user, points)) in stored.iter().enumerate() {
        let line = format!("{}. <@{}> · {} points", rank + 1, *user as u64, points);
        assert!(text.contains(&line), "{line} in {text}");
    }
    let status: String = support::on_db!(bot.app.db(), |pool| sqlx::query_scalar(
        "SELECT status FROM games"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(status, "finished");
    // The game is over: its old buttons say so privately.
    let late = click(&bot, ALICE, CHANNEL, &m2, &b2[1].0).await;
    assert!(late.ephemeral());
    assert_eq!(
        late.text(),
        "This round is over: wait for the next question."
    );
    bot.stop().await;
}

/// Waits until the channel's game has ended.
async fn game_ends(bot: &Bot, channel: u64) {
    for _ in 0..500 {
        if bot.app.trivia_mode(channel).await.is_none() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the game in {channel} is still running");
}

async fn status_of_games(bot: &Bot) -> Vec<(i64, String)> {
    support::on_db!(bot.app.db(), |pool| sqlx::query_as(
        "SELECT channel_id, status FROM games ORDER BY id"
    )
    .fetch_all(pool)
    .await)
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_that_refuses_posts_ends_its_game_and_keeps_the_scores() {
    let bot = bot(false).await;
    bot.horizon("S02E11").await;
    // Channel one: the bot loses the right to post after the first answers.
    let mark = bot.fake.mark();
    start_game(&bot, CHANNEL, 3).await;
    let (q1, m1) = next_question(&bot, mark, CHANNEL).await;
    let b = q1.buttons();
    click(&bot, ALICE, CHANNEL, &m1, &b[0].0).await;
    bot.fake.refuse(CHANNEL, Some(403));
    let mark = bot.fake.mark();
    click(&bot, BOB, CHANNEL, &m1, &b[1].0).await;
    bot.fake
        .wait_for(mark, "a refused post", |r| r.posted_in(CHANNEL))
        .await;
    // The game ended as stopped, with both answers stored.
    game_ends(&bot, CHANNEL).await;
    assert_eq!(
        status_of_games(&bot).await,
        [(CHANNEL as i64, "stopped".into())]
    );
    let answers: i64 = support::on_db!(bot.app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM answers"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(answers, 2);
    bot.still_serves().await;

    // Channel two is gone altogether (404) when the first question comes.
    bot.fake.refuse(OTHER, Some(404));
    let mark = bot.fake.mark();
    let r = bot
        .run(
            ALICE,
            OTHER,
            "trivia",
            json!([{"name": "start", "type": 1, "options": [
                {"name": "up_to", "type": 3, "value": "S01E12"},
                {"name": "spoilers", "type": 5, "value": true}]}]),
        )
        .await;
    assert!(!r.ephemeral(), "{}", r.text());
    bot.fake
        .wait_for(mark, "a post to the vanished channel", |r| {
            r.posted_in(OTHER)
        })
        .await;
    game_ends(&bot, OTHER).await;
    let statuses = status_of_games(&bot).await;
    assert_eq!(statuses[1], (OTHER as i64, "stopped".into()));
    bot.still_serves().await;

    // Once the first channel is open again, a new game runs there.
    bot.fake.refuse(CHANNEL, None);
    let mark = bot.fake.mark();
    start_game(&bot, CHANNEL, 1).await;
    next_question(&bot, mark, CHANNEL).await;
    bot.stop().await;
}

/// A one-question typed game in CHANNEL: the answer to /trivia start and
/// the question posted.
async fn start_typed(bot: &Bot) -> (Request, Request) {
    bot.horizon("S02E11").await;
    let mark = bot.fake.mark();
    let r = bot
        .run(
            ALICE,
            CHANNEL,
            "trivia",
            json!([{"name": "start", "type": 1, "options": [
                {"name": "questions", "type": 4, "value": 1},
                {"name": "mode", "type": 4, "value": 1}]}]),
        )
        .await;
    let question = bot
        .fake
        .wait_for(mark, "a typed question", |r| {
            r.posted_in(CHANNEL) && r.text().contains("Type your answer.")
        })
        .await;
    (r, question)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_mode_without_message_content_says_how_to_answer() {
    let bot = bot(false).await;
    let (r, question) = start_typed(&bot).await;
    assert!(
        r.text().contains("answer with /trivia answer"),
        "{}",
        r.text()
    );
    assert!(question.buttons().is_empty());
    // A message in the channel is not read; /trivia answer is.
    bot.fake.message(BOB, CHANNEL, "Karen");
    let r = bot
        .run(
            BOB,
            CHANNEL,
            "trivia",
            json!([{"name": "answer", "type": 1, "options": [
                {"name": "text", "type": 3, "value": "Karen"}]}]),
        )
        .await;
    assert!(
        r.ephemeral() || r.text().starts_with("Answer: "),
        "{}",
        r.text()
    );
    let answers: Vec<(i64, String)> = support::on_db!(bot.app.db(), |pool| sqlx::query_as(
        "SELECT user_id, answer FROM answers"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(answers, [(BOB.id as i64, "Karen".to_string())]);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_mode_with_message_content_reads_the_channel() {
    let bot = bot(true).await;
    let intents = bot.fake.identify().unwrap()["intents"].as_u64().unwrap();
    assert_ne!(intents & (1 << 15), 0, "Message Content is asked for");
    let (r, _) = start_typed(&bot).await;
    assert!(!r.text().contains("/trivia answer"), "{}", r.text());
    bot.fake.message(BOB, CHANNEL, "Karen Cartwright");
    let mut stored = Vec::new();
    for _ in 0..500 {
        stored = support::on_db!(bot.app.db(), |pool| sqlx::query_scalar::<_, String>(
            "SELECT answer FROM answers"
        )
        .fetch_all(pool)
        .await)
        .unwrap();
        if !stored.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(stored, ["Karen Cartwright"]);
    bot.stop().await;
}

/// A typed answer that cannot be stored is answered in the channel, in
/// reply to the member's message: no private reply can reach them there,
/// and without one they would think it counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_answer_that_could_not_be_saved_is_told_to_try_again() {
    let bot = bot(true).await;
    start_typed(&bot).await;
    support::inject_fault(bot.app.db(), "INSERT", "answers", "TRUE").await;
    let mark = bot.fake.mark();
    let message = bot.fake.message(BOB, CHANNEL, "Karen Cartwright");
    let told = bot
        .fake
        .wait_for(mark, "a try again in the channel", |r| {
            r.posted_in(CHANNEL) && r.text().contains("try again")
        })
        .await;
    assert_eq!(
        told.body["message_reference"]["message_id"].as_str(),
        Some(message.to_string().as_str()),
        "{:?}",
        told.body
    );
    assert_eq!(told.body["allowed_mentions"]["parse"], json!([]));
    support::remove_fault(bot.app.db(), "answers").await;
    let stored: i64 = support::on_db!(bot.app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM answers"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(stored, 0, "nothing counted");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_the_bot_ends_running_games_and_tells_their_channels() {
    let bot = bot(false).await;
    bot.horizon("S02E11").await;
    let mark = bot.fake.mark();
    start_game(&bot, CHANNEL, 5).await;
    let (q1, m1) = next_question(&bot, mark, CHANNEL).await;
    click(&bot, ALICE, CHANNEL, &m1, &q1.buttons()[0].0).await;
    let fake = bot.fake.clone();
    let app = bot.app.clone();
    let mark = fake.mark();
    bot.stop().await;
    let told = fake
        .wait_for(mark, "the shutdown scoreboard", |r| {
            r.posted_in(CHANNEL) && r.text().contains("shutting down")
        })
        .await;
    assert!(
        told.text().contains("The bot is shutting down"),
        "{}",
        told.text()
    );
    let status: String = support::on_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT status FROM games"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(status, "stopped");
}

/// The binary, pointed at the fake: a refused token and an unreachable
/// Discord each give one clear line and exit code 1.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_or_connection_is_one_clear_line() {
    let fake = FakeDiscord::start().await;
    let tmp = tempfile::tempdir().unwrap();
    for (token, proxy, expected) in [
        (REFUSED_TOKEN, fake.url(), "Discord refused the token"),
        (
            "any-token",
            "http://127.0.0.1:9".to_string(),
            "could not connect to Discord",
        ),
    ] {
        let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
            .current_dir(tmp.path())
            .env("DISCORD_TOKEN", token)
            .env("DISCORD_PROXY_URL", proxy)
            .env("DATABASE_URL", support::db_url(tmp.path()))
            .env("SEEDS_DIR", support::real_seeds())
            .env("RUST_LOG", "off")
            .output()
            .await
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        let last = stderr.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("cliffhanger: ") && last.contains(expected),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Settings that cannot be right are named before anything connects; an
/// empty one (`DEV_GUILD_ID=` as .env.example has it) is not set.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_bot_setting_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    for (variable, value) in [
        ("DEV_GUILD_ID", "my-server"),
        ("DISCORD_MESSAGE_CONTENT", "sometimes"),
        ("DISCORD_PROXY_URL", "localhost:8080"),
        ("DISCORD_DEFER_MS", "soon"),
    ] {
        let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
            .current_dir(tmp.path())
            .env("DISCORD_TOKEN", "any-token")
            .env(variable, value)
            .env("DATABASE_URL", support::db_url(tmp.path()))
            .env("SEEDS_DIR", support::real_seeds())
            .output()
            .await
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        // A setting that cannot be right is a usage error, as on the
        // command line: exit code 2, the variable and its value named.
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.lines().count() <= 3
                && stderr.contains(&format!("{variable} "))
                && stderr.contains(&format!("“{value}”")),
            "{stderr}"
        );
        assert!(!tmp.path().join("test.db").exists(), "nothing was touched");
    }
    // Left empty, as .env.example has them: not set, so the bot goes on to
    // connect (here to nothing).
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .current_dir(tmp.path())
        .env("DISCORD_TOKEN", "any-token")
        .env("DEV_GUILD_ID", "")
        .env("DISCORD_MESSAGE_CONTENT", " ")
        .env("DISCORD_PROXY_URL", "http://127.0.0.1:9")
        .env("DATABASE_URL", support::db_url(tmp.path()))
        .env("SEEDS_DIR", support::real_seeds())
        .env("RUST_LOG", "off")
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("could not connect to Discord"), "{stderr}");
}

/// The binary shuts down cleanly on SIGTERM.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_binary_cleanly() {
    let fake = FakeDiscord::start().await;
    let tmp = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .current_dir(tmp.path())
        .env("DISCORD_TOKEN", "test-token")
        .env("DISCORD_PROXY_URL", fake.url())
        .env("DEV_GUILD_ID", GUILD.to_string())
        .env("DATABASE_URL", support::db_url(tmp.path()))
        .env("SEEDS_DIR", support::real_seeds())
        .env("RUST_LOG", "off")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    fake.wait_ready().await;
    // A game is running when the signal comes.
    let mark = fake.mark();
    let (id, _) = fake.slash(ALICE, CHANNEL, "spoilers", set_episode("S02E11"));
    fake.wait_for(mark, "the horizon set", |r| r.callback_of(&id))
        .await;
    let (id, _) = fake.slash(
        ALICE,
        CHANNEL,
        "trivia",
        json!([{"name": "start", "type": 1, "options": []}]),
    );
    fake.wait_for(mark, "a question", |r| {
        r.posted_in(CHANNEL) && !r.buttons().is_empty()
    })
    .await;
    assert!(fake.since(mark).iter().any(|r| r.callback_of(&id)));
    let mark = fake.mark();
    let pid = child.id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .expect("the bot exits after SIGTERM")
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let told = fake.since(mark);
    assert!(
        told.iter()
            .any(|r| r.posted_in(CHANNEL) && r.text().contains("shutting down")),
        "the channel is told"
    );
    // The buttons of the open question are disabled.
    assert!(told.iter().any(|r| r.method == "PATCH"));
    let db = support::open(tmp.path()).await;
    let status: String = support::on_db!(db, |pool| sqlx::query_scalar("SELECT status FROM games")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(status, "stopped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_are_explained_and_never_left_unanswered() {
    let bot = bot(false).await;
    // An option of the wrong type (a client with stale commands).
    let r = bot
        .run(
            ALICE,
            CHANNEL,
            "trivia",
            json!([{"name": "start", "type": 1, "options": [
                {"name": "questions", "type": 3, "value": "many"}]}]),
        )
        .await;
    assert!(r.ephemeral(), "{}", r.text());
    assert!(!r.text().is_empty());
    // A command the bot does not have.
    let r = bot.run(GRETA, CHANNEL, "nonsense", json!([])).await;
    assert!(r.ephemeral());
    assert_eq!(
        r.text(),
        "Dieser Befehl hat sich geändert, seit dein Discord ihn geladen hat. Bitte versuche es gleich noch einmal."
    );
    // Something breaks inside: an apology with an id.
    bot.app.db().close().await;
    let r = bot
        .run(
            ALICE,
            CHANNEL,
            "character",
            json!([{"name": "name", "type": 3, "value": "Karen"}]),
        )
        .await;
    assert!(r.ephemeral());
    let text = r.text();
    let id = text
        .strip_prefix("Something went wrong on my side (error ")
        .and_then(|rest| rest.strip_suffix("). Please try again."))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        id.len() == 8 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    assert!(!bot.task.is_finished());
}

/// Runs the built `cliffhanger` binary as a second process on the database
/// in `dir` (its seeds in `dir/seeds`), and returns what it printed.
fn second_process(dir: &std::path::Path, args: &[&str], script: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .args(args)
        .current_dir(dir)
        .env("DATABASE_URL", support::db_url(dir))
        .env("SEEDS_DIR", dir.join("seeds"))
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{args:?}: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_made_by_another_process_are_honoured_by_the_running_bot() {
    use cliffhanger::console::console_id;
    let (tmp, seeds) = support::scratch();
    let db = cliffhanger::store::Db::connect(&support::db_url(tmp.path()))
        .await
        .unwrap();
    import_dir(&db, &seeds).await.unwrap();
    let dir = tmp.path().to_path_buf();
    let bot = serve_over(db, tmp, false, Some(GUILD)).await;
    // The console's member "carla" in its channel "general", on Discord.
    let carla = Member {
        id: console_id("user", "carla"),
        name: "carla",
        locale: "en-US",
        permissions: MEMBER,
    };
    let general = console_id("channel", "general");
    let karen = json!([{"name": "name", "type": 3, "value": "Karen"}]);
    let r = bot.run(carla, general, "character", karen.clone()).await;
    assert!(
        r.text().starts_with("Nothing can be shown yet"),
        "{}",
        r.text()
    );

    // Progress and the horizon, set in the console: another process.
    let out = second_process(
        &dir,
        &["console", "--user", "carla", "--channel", "general"],
        "/progress set episode:S01E12\n/spoilers set episode:S01E12\n",
    );
    assert!(out.contains("may now discuss Smash up to S01E12"), "{out}");
    let r = bot.run(carla, general, "character", karen.clone()).await;
    let text = r.text();
    assert!(text.contains("Karen Cartwright"), "{text}");
    assert!(
        text.contains("Which Karen does and then accepts a standing ovation")
            && !text.contains("||"),
        "the console's gates are the bot's: {text}"
    );

    // The horizon lowered in the console: the bot wraps what lies past it.
    second_process(
        &dir,
        &["console", "--user", "carla", "--channel", "general"],
        "/spoilers set episode:S01E01\n",
    );
    let r = bot.run(carla, general, "character", karen.clone()).await;
    assert!(
        r.text()
            .contains("||**S01E12** Which Karen does and then accepts a standing ovation"),
        "{}",
        r.text()
    );

    // A catalog imported by another process: the running bot answers from it.
    let search = json!([{"name": "query", "type": 3, "value": "zeppelin"}]);
    let r = bot.run(carla, general, "search", search.clone()).await;
    assert!(
        r.text()
            .contains("Nothing this channel may discuss matches “zeppelin”"),
        "{}",
        r.text()
    );
    support::edit(
        &dir.join("seeds/smash/episodes/s01e12.en.md"),
        "And she impresses everyone.",
        "And she impresses everyone, zeppelin and all.",
    );
    let out = second_process(&dir, &["import"], "");
    assert!(out.contains("recap"), "{out}");
    let r = bot.run(carla, general, "search", search).await;
    assert!(
        r.text().contains("**zeppelin**"),
        "the bot reads the new catalog without a restart: {}",
        r.text()
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roster_text_follows_the_members_language_and_progress() {
    let bot = bot(false).await;
    bot.horizon("S02E11").await;
    let karen = json!([{"name": "name", "type": 3, "value": "Karen"}]);
    // A German member at S01E12: the pilot's entry, in German.
    bot.progress(GRETA, "S01E12").await;
    let text = bot
        .run(GRETA, CHANNEL, "character", karen.clone())
        .await
        .text();
    assert!(
        text.contains("Eine Newcomerin aus Iowa, die in New York kellnert"),
        "{text}"
    );
    assert!(!text.contains("Hit List"), "{text}");
    // An English member at S01E12 reads the English entry.
    bot.progress(BOB, "S01E12").await;
    let text = bot
        .run(BOB, CHANNEL, "character", karen.clone())
        .await
        .text();
    assert!(
        text.contains("A newcomer from Iowa, waiting tables"),
        "{text}"
    );
    assert!(!text.contains("Hit List"), "{text}");
    // Further along, the season-2 entry.
    bot.progress(GRETA, "S02E11").await;
    let text = bot.run(GRETA, CHANNEL, "character", karen).await.text();
    assert!(text.contains("Hauptrolle in Hit List"), "{text}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_follows_its_channels_horizon_unless_it_has_its_own() {
    const THREAD: u64 = 500_000_000_000_000_077;
    let bot = bot(false).await;
    bot.fake.thread(THREAD, CHANNEL);
    bot.horizon("S01E12").await;
    bot.progress(BOB, "S02E11").await;
    let karen = json!([{"name": "name", "type": 3, "value": "Karen"}]);
    // In the thread, the channel's horizon holds: season 2 is wrapped.
    let text = bot
        .run(BOB, THREAD, "character", karen.clone())
        .await
        .text();
    assert!(
        text.contains("**S01E12** Which Karen does and then accepts"),
        "within the channel's horizon, plain: {text}"
    );
    assert!(
        text.contains("||**S02E11** (German) Jimmy und Karen werfen Derek vor"),
        "past the channel's horizon, wrapped: {text}"
    );
    // A horizon of the thread's own takes over there.
    let r = bot
        .run(ALICE, THREAD, "spoilers", set_episode("S02E11"))
        .await;
    assert!(r.text().contains("S02E11"), "{}", r.text());
    let text = bot
        .run(BOB, THREAD, "character", karen.clone())
        .await
        .text();
    assert!(
        text.contains("Jimmy und Karen werfen Derek vor")
            && !text.contains("||**S02E11** (German) Jimmy und"),
        "{text}"
    );
    // The channel itself is unchanged.
    let text = bot.run(BOB, CHANNEL, "character", karen).await.text();
    assert!(
        text.contains("||**S02E11** (German) Jimmy und Karen werfen Derek vor"),
        "{text}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_closed_while_its_question_is_being_posted_gets_its_buttons_disabled() {
    let bot = bot(false).await;
    bot.horizon("S02E11").await;
    let mark = bot.fake.mark();
    start_game(&bot, CHANNEL, 3).await;
    let (q1, m1) = next_question(&bot, mark, CHANNEL).await;
    let b1 = q1.buttons();
    // From now on the channel's posts take a while to go through.
    bot.fake.slow_posts(CHANNEL, Duration::from_millis(700));
    click(&bot, ALICE, CHANNEL, &m1, &b1[0].0).await;
    let mark = bot.fake.mark();
    click(&bot, BOB, CHANNEL, &m1, &b1[1].0).await;
    // The reveal is through; question 2 is on its way when Alice skips it.
    bot.fake
        .wait_for(mark, "the reveal", |r| {
            r.posted_in(CHANNEL) && r.text().starts_with("Answer: ")
        })
        .await;
    let skip = json!([{"name": "skip", "type": 1, "options": []}]);
    bot.run(ALICE, CHANNEL, "trivia", skip).await;
    let (q2, m2) = next_question(&bot, mark, CHANNEL).await;
    assert!(q2.text().contains("Question 2/3"), "{}", q2.text());
    let disabled = bot
        .fake
        .wait_for(mark, "question 2's buttons disabled", |r| {
            r.method == "PATCH" && r.path.ends_with(&format!("/messages/{m2}"))
        })
        .await;
    assert!(
        disabled.buttons().iter().all(|(_, _, d)| *d),
        "{:?}",
        disabled.buttons()
    );
    bot.stop().await;
}

/// Who sees an answer is known before the work starts: a slow command is
/// deferred as its answer will be shown (here every command is slow), a
/// public lookup stays public, a revealing or personal one private, and a
/// refusal of a public lookup does not take the public message's place.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deferred_answer_is_shown_as_its_command_says() {
    let bot = bot_with(Config {
        dev_guild: Some(GUILD),
        defer_after: Duration::ZERO,
        ..Config::default()
    })
    .await;
    let moderator = cliffhanger::app::Ctx {
        user: ALICE.id,
        channel: CHANNEL,
        guild: Some(GUILD),
        locale: cliffhanger::i18n::Locale::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    };
    let set = cliffhanger::app::SpoilersAction::Set("S01E12".into());
    let scope = cliffhanger::app::HorizonScope::Channel;
    bot.app
        .spoilers(&moderator, set, scope, None)
        .await
        .unwrap();
    let ask = |options: Value| async {
        let mark = bot.fake.mark();
        let (id, _) = bot.fake.slash(ALICE, CHANNEL, "character", options);
        let token = format!("token-{id}");
        let callback = bot
            .fake
            .wait_for(mark, "the deferral", |r| r.callback_of(&id))
            .await;
        assert_eq!(callback.body["type"], 5, "deferred: {:?}", callback.body);
        let followup = |r: &Request| r.method == "POST" && r.path.ends_with(&token);
        bot.fake.wait_for(mark, "the answer", followup).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let answers: Vec<Request> = bot.fake.since(mark).into_iter().filter(followup).collect();
        (callback, answers)
    };
    // Public: deferred publicly, answered publicly.
    let (deferral, answers) = ask(json!([{"name": "name", "type": 3, "value": "Karen"}])).await;
    assert!(!deferral.ephemeral());
    assert_eq!(answers.len(), 1);
    assert!(!answers[0].ephemeral() && answers[0].text().contains("Karen"));
    // Revealing: private from the start.
    let (deferral, answers) = ask(json!([{"name": "name", "type": 3, "value": "Karen"},
                                         {"name": "reveal", "type": 5, "value": true}]))
    .await;
    assert!(deferral.ephemeral());
    assert!(answers.iter().all(Request::ephemeral));
    // A refusal of a public lookup: the public message only says the
    // answer went privately; the refusal follows privately.
    let (deferral, answers) = ask(json!([{"name": "name", "type": 3, "value": "Jimmy"}])).await;
    assert!(!deferral.ephemeral());
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert!(!answers[0].ephemeral());
    assert_eq!(answers[0].text(), "The answer was sent to you privately.");
    assert!(answers[1].ephemeral() && answers[1].text().contains("Jimmy"));
    // Personal: private from the start.
    let mark = bot.fake.mark();
    let (id, _) = bot.fake.slash(
        ALICE,
        CHANNEL,
        "progress",
        json!([{"name": "show", "type": 1, "options": []}]),
    );
    let deferral = bot
        .fake
        .wait_for(mark, "the deferral", |r| r.callback_of(&id))
        .await;
    assert_eq!(deferral.body["type"], 5);
    assert!(deferral.ephemeral());
    bot.stop().await;
}

/// The review loop on Discord: the reveal's Report button (private, once
/// per member), `/trivia review` for moderators only, its Retire button,
/// and a retired question left out of the next game.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_is_reported_from_its_reveal_and_retired_by_a_moderator() {
    let bot = bot(false).await;
    bot.horizon("S02E11").await;
    let mark = bot.fake.mark();
    start_game(&bot, CHANNEL, 1).await;
    let (q1, m1) = next_question(&bot, mark, CHANNEL).await;
    let mark = bot.fake.mark();
    click(&bot, ALICE, CHANNEL, &m1, &q1.buttons()[0].0).await;
    click(&bot, BOB, CHANNEL, &m1, &q1.buttons()[1].0).await;
    let reveal = bot
        .fake
        .wait_for(mark, "the reveal", |r| {
            r.posted_in(CHANNEL) && r.text().starts_with("Answer: ")
        })
        .await;
    let reveal_id = reveal.response["id"].as_str().unwrap().to_string();
    let report = reveal.buttons();
    assert_eq!(report.len(), 1, "{report:?}");
    let (report_id, label, disabled) = &report[0];
    assert_eq!(label, "Report");
    assert!(!disabled);
    assert!(report_id.starts_with("report:"), "{report_id}");

    let r = click(&bot, BOB, CHANNEL, &reveal_id, report_id).await;
    assert!(r.ephemeral());
    assert_eq!(
        r.text(),
        "Thanks: question 1 is reported, and this server's moderators will look at it."
    );
    let r = click(&bot, BOB, CHANNEL, &reveal_id, report_id).await;
    assert!(r.ephemeral());
    assert_eq!(r.text(), "You have reported this question already.");
    let r = click(&bot, GRETA, CHANNEL, &reveal_id, report_id).await;
    assert!(r.ephemeral());
    assert!(
        r.text().starts_with("Danke: Frage 1 ist gemeldet"),
        "{}",
        r.text()
    );
    let forged = click(&bot, BOB, CHANNEL, &reveal_id, "report:999:1").await;
    assert!(forged.ephemeral());
    assert_eq!(
        forged.text(),
        "There is no revealed question here to report."
    );

    let review = json!([{"name": "review", "type": 1, "options": []}]);
    let r = bot.run(BOB, CHANNEL, "trivia", review.clone()).await;
    assert!(r.ephemeral());
    assert_eq!(
        r.text(),
        "Only members who may manage this server can review its trivia questions."
    );
    let r = bot.run(MODERATOR, CHANNEL, "trivia", review.clone()).await;
    assert!(r.ephemeral());
    let text = r.text();
    assert!(text.contains("Trivia review · 1 question"), "{text}");
    assert!(text.contains("Reported by 2 members."), "{text}");
    assert!(text.contains("From S0"), "{text}");
    let buttons = r.buttons();
    let labels: Vec<&str> = buttons.iter().map(|(_, l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Approve", "Retire"]);
    let key = buttons[1]
        .0
        .strip_prefix("review:retire:")
        .unwrap()
        .to_string();
    assert!(text.contains(&format!("Question id: {key}")), "{text}");
    // The list is an ephemeral reply, which the fake keeps no message
    // for; its buttons are pressed as if on a posted one (the bot reads
    // only their ids).
    let message = reveal_id.clone();

    // A member without the right cannot press the moderator's button.
    let r = click(&bot, BOB, CHANNEL, &message, &buttons[1].0).await;
    assert!(r.ephemeral());
    assert!(
        r.text().starts_with("Only members who may manage"),
        "{}",
        r.text()
    );
    let r = click(&bot, MODERATOR, CHANNEL, &message, &buttons[1].0).await;
    assert!(r.ephemeral());
    let text = r.text();
    assert!(
        text.contains(&format!(
            "Retired {key}: it will not be asked on this server again."
        )),
        "{text}"
    );
    assert!(text.contains("Trivia review · 0 questions"), "{text}");
    let verdict: (String, i64) = support::on_db!(bot.app.db(), |pool| sqlx::query_as(
        "SELECT verdict, by_user FROM question_verdicts WHERE question_key = $1"
    )
    .bind(&key)
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(verdict, ("retired".to_string(), MODERATOR.id as i64));

    // Every question up to S02E11 but the retired one.
    game_ends(&bot, CHANNEL).await;
    let index = bot.app.index();
    let bank = cliffhanger::quiz::bank(bot.app.db(), &index.shows[0])
        .await
        .unwrap();
    // Which-episode questions are asked where the gate's episodes let their
    // answer's place be drawn fairly, the others always.
    let always = bank
        .iter()
        .filter(|q| q.kind != cliffhanger::quiz::generate::QuestionKind::WhichEpisode)
        .count();
    let started = start_game(&bot, CHANNEL, 50).await;
    let asked: usize = started
        .text()
        .strip_prefix("Trivia: ")
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        (always - 1..bank.len()).contains(&asked),
        "{} of {}",
        started.text(),
        bank.len()
    );
    bot.run(
        ALICE,
        CHANNEL,
        "trivia",
        json!([{"name": "stop", "type": 1, "options": []}]),
    )
    .await;
    bot.stop().await;
}

/// The running bot imports changed seeds: a recap added to the folder is
/// shown at the next `/episode`; a broken file leaves the catalog serving
/// as it was, and the owner (the application's, Alice) is told in a direct
/// message; `/catalog` is refused to everyone else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_seeds_are_imported_while_the_bot_runs() {
    let (tmp, seeds) = support::scratch();
    let db = support::open(tmp.path()).await;
    import_dir(&db, &seeds).await.unwrap();
    let bot = serve_with(
        db,
        tmp,
        Config {
            dev_guild: Some(GUILD),
            seeds: Some(seeds.clone()),
            ..Config::default()
        },
    )
    .await;
    bot.horizon("S02E11").await;
    bot.progress(ALICE, "S02E11").await;
    let episode = |code: &str| json!([{"name": "episode", "type": 3, "value": code}, {"name": "reveal", "type": 5, "value": true}]);
    let r = bot.run(ALICE, CHANNEL, "episode", episode("S01E13")).await;
    assert!(!r.text().contains("Boston"), "{}", r.text());

    std::fs::write(
        seeds.join("smash/episodes/s01e13.en.md"),
        "+++\nseason = 1\nepisode = 13\ntitle = \"Tech\"\nlanguage = \"en\"\n+++\n\n\
         Eileen tells the whole company that Bombshell opens in Boston on Friday.\n",
    )
    .unwrap();
    let mut shown = String::new();
    for _ in 0..50 {
        let r = bot.run(ALICE, CHANNEL, "episode", episode("S01E13")).await;
        shown = r.text();
        if shown.contains("opens in Boston on Friday") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(shown.contains("opens in Boston on Friday"), "{shown}");

    // A broken recap: the owner hears of it, the catalog keeps serving.
    let mark = bot.fake.mark();
    std::fs::write(
        seeds.join("smash/episodes/s01e14.en.md"),
        "+++\nseason = one\nepisode = 14\ntitle = \"Previews\"\nlanguage = \"en\"\n+++\n\nTom frets.\n",
    )
    .unwrap();
    let told = bot
        .fake
        .wait_for(mark, "a direct message to the owner", |r| {
            r.method == "POST"
                && r.path
                    .strip_prefix("/api/v10/channels/")
                    .and_then(|p| p.strip_suffix("/messages"))
                    .and_then(|c| c.parse().ok())
                    .and_then(|c| bot.fake.dm_with(c))
                    == Some(ALICE.id)
        })
        .await;
    assert!(told.text().contains("do not load"), "{}", told.text());
    assert!(told.text().contains("s01e14.en.md:2:"), "{}", told.text());
    let r = bot.run(ALICE, CHANNEL, "episode", episode("S01E13")).await;
    assert!(
        r.text().contains("opens in Boston on Friday"),
        "{}",
        r.text()
    );

    let status = json!([{"name": "status", "type": 1, "options": []}]);
    let r = bot.run(ALICE, CHANNEL, "catalog", status.clone()).await;
    assert!(r.ephemeral());
    let text = r.text();
    assert!(
        text.contains("Last import: the seed files changed"),
        "{text}"
    );
    assert!(
        text.contains("The seeds do not load, so the catalog in use is unchanged. 1 problem within your progress:"),
        "{text}"
    );
    let reload = json!([{"name": "reload", "type": 1, "options": []}]);
    let r = bot.run(BOB, CHANNEL, "catalog", reload.clone()).await;
    assert!(r.ephemeral());
    assert_eq!(r.text(), "Only the bot's owners can do that.");

    // Fixed, and reloaded by hand.
    std::fs::remove_file(seeds.join("smash/episodes/s01e14.en.md")).unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    let r = bot.run(ALICE, CHANNEL, "catalog", reload).await;
    assert!(r.ephemeral());
    let text = r.text();
    assert!(
        text.contains("Last import: asked for with /catalog reload"),
        "{text}"
    );
    assert!(text.contains("Imported."), "{text}");
    bot.stop().await;
}

/// A process runs the shards it is given: it identifies as shard 1 of 2;
/// without a range, as the one shard Discord recommends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shard_range_is_what_the_bot_identifies_as() {
    let ranged = bot_with(Config {
        dev_guild: Some(GUILD),
        shards: Some(1..=1),
        shard_count: Some(2),
        ..Config::default()
    })
    .await;
    let identify = ranged.fake.identify().expect("the bot identified");
    assert_eq!(identify["shard"], json!([1, 2]));
    ranged.stop().await;
    let bot = bot(false).await;
    let identify = bot.fake.identify().expect("the bot identified");
    assert_eq!(identify["shard"], json!([0, 1]));
    bot.stop().await;
}

/// One process running both shards of two: each identifies, and each
/// server's commands arrive on the connection of the shard that owns it
/// and are answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_servers_events_arrive_on_the_shard_that_owns_it() {
    use support::fake_discord::shard_of;
    let bot = bot_with(Config {
        shards: Some(0..=1),
        shard_count: Some(2),
        ..Config::default()
    })
    .await;
    // Both shards connect (the second after Discord's identify delay).
    for _ in 0..200 {
        if bot.fake.identifies().len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut shards: Vec<Value> = bot
        .fake
        .identifies()
        .iter()
        .map(|i| i["shard"].clone())
        .collect();
    shards.sort_by_key(|s| s[0].as_u64());
    assert_eq!(shards, vec![json!([0, 2]), json!([1, 2])]);
    let other_guild = GUILD + (1 << 22);
    assert_ne!(shard_of(GUILD, 2), shard_of(other_guild, 2));
    for guild in [GUILD, other_guild] {
        let fake = bot.fake.in_guild(guild);
        let mark = fake.mark();
        let (id, _) = fake.slash(BOB, CHANNEL, "about", json!([]));
        let r = fake
            .wait_for(mark, "an answer to /about", |r| r.callback_of(&id))
            .await;
        assert!(r.text().contains("Smash"), "{guild}: {}", r.text());
    }
    bot.stop().await;
}

/// Behind a shared rate-limit proxy with retries on, a 429 for a post is
/// waited out and the post is made: the question of a game arrives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_from_the_rate_limit_proxy_is_waited_out() {
    let bot = bot_with(Config {
        dev_guild: Some(GUILD),
        proxy_retries: true,
        ..Config::default()
    })
    .await;
    bot.horizon("S02E11").await;
    let mark = bot.fake.mark();
    bot.fake.rate_limit_once(CHANNEL, 0.3);
    start_game(&bot, CHANNEL, 1).await;
    let (q1, _) = next_question(&bot, mark, CHANNEL).await;
    assert!(q1.text().contains("Question 1/1"), "{}", q1.text());
    let posts: Vec<Request> = bot
        .fake
        .since(mark)
        .into_iter()
        .filter(|r| r.posted_in(CHANNEL))
        .collect();
    assert!(
        posts.len() >= 2,
        "the refused post and the one that went through: {posts:?}"
    );
    assert!(
        posts[1].at.duration_since(posts[0].at) >= Duration::from_millis(250),
        "it waited as asked"
    );
    bot.stop().await;
}

/// Runs `/trivia review` as the moderator in `channel`.
async fn review_list(bot: &Bot, channel: u64) -> Request {
    let review = json!([{"name": "review", "type": 1, "options": []}]);
    bot.run(MODERATOR, channel, "trivia", review).await
}

/// On Discord too, the review list is the moderator's own progress: a
/// question from past it is neither shown (not even wrapped) nor counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_list_leaves_out_questions_past_the_moderators_progress() {
    let bot = bot(false).await;
    bot.horizon("S02E11").await;
    let mark = bot.fake.mark();
    start_game(&bot, CHANNEL, 8).await;
    let mut mark = mark;
    let mut episodes = Vec::new();
    for _ in 0..8 {
        let (q, m) = next_question(&bot, mark, CHANNEL).await;
        episodes.push(q.text().lines().next().unwrap_or_default().to_string());
        // The reveal and the next question both come after this.
        mark = bot.fake.mark();
        click(&bot, ALICE, CHANNEL, &m, &q.buttons()[0].0).await;
        click(&bot, BOB, CHANNEL, &m, &q.buttons()[1].0).await;
        let reveal = bot
            .fake
            .wait_for(mark, "the reveal", |r| {
                r.posted_in(CHANNEL) && r.text().starts_with("Answer: ")
            })
            .await;
        let id = reveal.response["id"].as_str().unwrap().to_string();
        let report = reveal.buttons()[0].0.clone();
        click(&bot, BOB, CHANNEL, &id, &report).await;
    }
    assert!(
        episodes.iter().any(|e| e.contains("S02E11")),
        "a later question was asked: {episodes:?}"
    );
    // At S02E11 the moderator sees every reported question.
    bot.run(MODERATOR, CHANNEL, "progress", set_episode("S02E11"))
        .await;
    let all = review_list(&bot, CHANNEL).await.text();
    // At S01E12, in a channel at S01E05: only those from S01E12.
    bot.run(MODERATOR, CHANNEL, "progress", set_episode("S01E12"))
        .await;
    bot.run(ALICE, OTHER, "spoilers", set_episode("S01E05"))
        .await;
    let r = review_list(&bot, OTHER).await;
    assert!(r.ephemeral());
    let text = r.text();
    assert!(!text.contains("S02E11"), "{text}");
    for later in ["Jimmy", "Kyle", "Hit List", " und "] {
        assert!(!text.contains(later), "{later}: {text}");
    }
    let count = |t: &str| -> usize {
        t.split("Trivia review · ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(usize::MAX)
    };
    assert_eq!(count(&all), 8, "{all}");
    assert!(count(&text) < count(&all), "{text}\n---\n{all}");
    bot.stop().await;
}

/// A public `/episode` past the channel's horizon: the embed's title, where
/// no spoiler markup shows, holds neither the code nor the title, and every
/// name of the cast is wrapped, even one met long before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_episode_past_the_horizon_keeps_its_code_and_cast_wrapped() {
    let bot = bot(false).await;
    bot.horizon("S01E12").await;
    bot.progress(BOB, "S02E11").await;
    let r = bot
        .run(
            BOB,
            CHANNEL,
            "episode",
            json!([{"name": "episode", "type": 3, "value": "S02E11"}]),
        )
        .await;
    assert!(!r.ephemeral());
    let body = r.body.get("data").unwrap_or(&r.body);
    let title = body.pointer("/embeds/0/title").and_then(Value::as_str);
    assert_eq!(title, Some("Episode"), "{body}");
    let text = r.text();
    assert!(
        text.contains("||**S02E11 · The Dress Rehearsal**||"),
        "{text}"
    );
    let plain = support::markup::plain_projection(&text);
    for spoiler in [
        "S02E11",
        "Karen Cartwright",
        "Derek Wills",
        "Dress Rehearsal",
    ] {
        assert!(text.contains(spoiler), "{spoiler}: {text}");
        assert!(!plain.contains(spoiler), "{spoiler} plain: {plain}");
    }
    bot.stop().await;
}

/// The options of a `set` subcommand naming an episode of one show.
fn set_episode_of(episode: &str, show: &str) -> Value {
    json!([{"name": "set", "type": 1, "options": [
        {"name": "episode", "type": 3, "value": episode},
        {"name": "show", "type": 3, "value": show}]}])
}

/// A second show titled with spoiler bars: in a search over both shows,
/// the title is inert, and every wrap after it stays a wrap as Discord
/// reads the message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_show_title_with_spoiler_bars_leaves_the_wraps_as_they_are() {
    let (tmp, seeds) = support::scratch();
    support::add_cursed_show(&seeds);
    let db = support::open(tmp.path()).await;
    import_dir(&db, &seeds).await.unwrap();
    let bot = serve_over(db, tmp, false, Some(GUILD)).await;
    for (episode, show) in [("S01E05", "smash"), ("S01E01", "cursed")] {
        let r = bot
            .run(ALICE, CHANNEL, "spoilers", set_episode_of(episode, show))
            .await;
        assert!(r.text().contains(episode), "{}", r.text());
    }
    for (episode, show) in [("S02E11", "smash"), ("S01E01", "cursed")] {
        bot.run(BOB, CHANNEL, "progress", set_episode_of(episode, show))
            .await;
    }
    let r = bot
        .run(
            BOB,
            CHANNEL,
            "search",
            json!([{"name": "query", "type": 3, "value": "Karen bakery"}]),
        )
        .await;
    let text = r.text();
    assert!(text.contains("Cursed \\|\\| Show"), "{text}");
    let plain = support::markup::plain_projection(&text);
    assert!(plain.contains("Cursed || Show"), "{plain}");
    assert!(
        text.contains("S01E12") || text.contains("S02E11"),
        "later hits, wrapped: {text}"
    );
    for code in ["S01E12", "S02E11", "Smash"] {
        assert!(!plain.contains(code), "{code} reads plain: {plain}");
    }
    bot.stop().await;
}

/// A game of two questions started in `CHANNEL`: question 1's message id
/// and its buttons.
async fn first_round(bot: &Bot) -> (String, Vec<(String, String, bool)>) {
    let mark = bot.fake.mark();
    start_game(bot, CHANNEL, 2).await;
    let (q1, m1) = next_question(bot, mark, CHANNEL).await;
    (m1, q1.buttons())
}

/// The answer to click `id` when its work was slow: an acknowledgement
/// that shows nothing, then a private follow-up. Returns the follow-up.
async fn acknowledged_then_told(bot: &Bot, mark: usize, id: &str) -> Request {
    let ack = bot
        .fake
        .wait_for(mark, "the acknowledgement", |r| r.callback_of(id))
        .await;
    assert_eq!(ack.body["type"], 6, "acknowledged: {:?}", ack.body);
    let token = format!("token-{id}");
    let told = bot
        .fake
        .wait_for(mark, "the answer as a follow-up", |r| {
            r.method == "POST" && r.path.contains("/webhooks/") && r.path.contains(&token)
        })
        .await;
    assert!(told.ephemeral(), "{:?}", told.body);
    assert!(told.seq > ack.seq);
    told
}

/// Question 1's result and then question 2 are posted in `CHANNEL` after
/// `mark`.
async fn round_one_closes(bot: &Bot, mark: usize) {
    bot.fake
        .wait_for(mark, "the reveal", |r| {
            r.posted_in(CHANNEL) && r.text().starts_with("Answer: ")
        })
        .await;
    let (q2, _) = next_question(bot, mark, CHANNEL).await;
    assert!(q2.text().contains("Question 2/2"), "{}", q2.text());
}

/// A click whose own reply Discord refuses (it came after the 3 seconds)
/// still brings the channel what it caused: the round's result and the
/// next question are posted, and the answer counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_click_whose_reply_is_refused_still_posts_the_round() {
    let bot = bot(false).await;
    bot.horizon("S02E11").await;
    let (m1, buttons) = first_round(&bot).await;
    click(&bot, ALICE, CHANNEL, &m1, &buttons[0].0).await;

    // Bob's click is the last of the round, and its reply is refused.
    bot.fake.refuse_callbacks(true);
    let mark = bot.fake.mark();
    let id = bot.fake.click(BOB, CHANNEL, &m1, &buttons[1].0);
    bot.fake
        .wait_for(mark, "the refused reply", |r| r.callback_of(&id))
        .await;
    round_one_closes(&bot, mark).await;
    let answers: Vec<(i64,)> = support::on_db!(bot.app.db(), |pool| sqlx::query_as(
        "SELECT user_id FROM answers ORDER BY user_id"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(answers.len(), 2, "both answers are stored: {answers:?}");
}

/// A game whose first round both members answer while Discord answers
/// the channel's posts with `status`: the bot, and the mark before the
/// clicks.
async fn round_one_answered_while_refused(status: u16) -> (Bot, usize) {
    let bot = bot(false).await;
    bot.horizon("S02E11").await;
    let (m1, buttons) = first_round(&bot).await;
    bot.fake.refuse(CHANNEL, Some(status));
    let mark = bot.fake.mark();
    click(&bot, ALICE, CHANNEL, &m1, &buttons[0].0).await;
    click(&bot, BOB, CHANNEL, &m1, &buttons[1].0).await;
    (bot, mark)
}

/// Posts Discord fails to take wait in the outbox and go out, in order
/// and once each, when it takes posts again; the clicks meanwhile are
/// answered as usual.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_discord_refused_go_out_in_order_once_it_takes_them_again() {
    let (bot, mark) = round_one_answered_while_refused(502).await;
    // Tried, refused, and tried again.
    for _ in 0..2 {
        let seen = bot.fake.mark();
        bot.fake
            .wait_for(seen, "a refused post", |r| {
                r.posted_in(CHANNEL) && r.response.get("id").is_none()
            })
            .await;
    }
    // The starter skips question 2 while it still waits: the skip's
    // result cannot overtake it, so it waits too, and the starter is told
    // the skip counted.
    let skip = json!([{"name": "skip", "type": 1, "options": []}]);
    let r = bot.run(ALICE, CHANNEL, "trivia", skip).await;
    assert!(r.ephemeral(), "{}", r.text());
    bot.fake.refuse(CHANNEL, None);
    round_one_closes(&bot, mark).await;
    bot.fake
        .wait_for(mark, "the end of the game", |r| {
            r.posted_in(CHANNEL) && r.text().contains("Game over")
        })
        .await;
    let posted: Vec<String> = bot
        .fake
        .since(mark)
        .iter()
        .filter(|r| r.posted_in(CHANNEL) && r.response.get("id").is_some())
        .map(Request::text)
        .collect();
    assert_eq!(posted.len(), 4, "each once: {posted:#?}");
    assert!(posted[0].starts_with("Answer: "), "{posted:#?}");
    assert!(posted[1].contains("Question 2/2"), "{posted:#?}");
    assert!(posted[2].starts_with("Answer: "), "{posted:#?}");
    assert!(posted[3].contains("Game over"), "{posted:#?}");
    bot.stop().await;
}

/// A post Discord refuses for good (not a 5xx) is dropped rather than
/// tried for ever: the channel's later posts go out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_refused_for_good_holds_up_nothing_after_it() {
    let (bot, mark) = round_one_answered_while_refused(400).await;
    bot.fake
        .wait_for(mark, "both posts tried", |r| {
            r.posted_in(CHANNEL) && r.text().contains("Question 2/2")
        })
        .await;
    bot.fake.refuse(CHANNEL, None);
    // Question 2 times out (60 s), so the game is stopped instead.
    let mark = bot.fake.mark();
    let stop = json!([{"name": "stop", "type": 1, "options": []}]);
    bot.run(ALICE, CHANNEL, "trivia", stop).await;
    game_ends(&bot, CHANNEL).await;
    let tried = bot
        .fake
        .since(mark)
        .iter()
        .filter(|r| r.posted_in(CHANNEL))
        .count();
    assert_eq!(tried, 0, "nothing refused is tried again");
    let waiting: i64 = support::on_db!(bot.app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(waiting, 0);
    bot.stop().await;
}

/// When the work behind a click is slow, the click is acknowledged at
/// once (an update that shows nothing) and the member's private answer
/// follows it; the game goes on as usual.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_click_is_acknowledged_first_and_answered_after() {
    let bot = bot_with(Config {
        dev_guild: Some(GUILD),
        defer_after: Duration::ZERO,
        ..Config::default()
    })
    .await;
    // Commands are deferred too here: their answers follow the deferral.
    let mark = bot.fake.mark();
    bot.fake
        .slash(ALICE, CHANNEL, "spoilers", set_episode("S02E11"));
    bot.fake
        .wait_for(mark, "the horizon set", |r| {
            r.path.contains("/webhooks/") && r.text().contains("S02E11")
        })
        .await;
    let (m1, buttons) = first_round(&bot).await;

    let mark = bot.fake.mark();
    let id = bot.fake.click(ALICE, CHANNEL, &m1, &buttons[0].0);
    let answer = acknowledged_then_told(&bot, mark, &id).await;
    assert_eq!(answer.text(), "Your answer is in.");

    let mark = bot.fake.mark();
    bot.fake.click(BOB, CHANNEL, &m1, &buttons[1].0);
    round_one_closes(&bot, mark).await;
}

/// The answers locked past Discord's deadline while a member clicks (on
/// SQLite the write lock, on PostgreSQL the table): the click is
/// acknowledged while the lock is still held, the member is then told
/// privately that the answer did not count, and once the lock is gone the
/// same click counts and the round goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_click_on_locked_answers_is_acknowledged_in_time_and_told_to_try_again() {
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    let url = support::db_url(tmp.path());
    let bot = serve_with(
        db,
        tmp,
        Config {
            dev_guild: Some(GUILD),
            ..Config::default()
        },
    )
    .await;
    bot.horizon("S02E11").await;
    let (m1, buttons) = first_round(&bot).await;
    click(&bot, ALICE, CHANNEL, &m1, &buttons[0].0).await;

    let (other, held) = support::hold_answers_lock(&url).await;
    let mark = bot.fake.mark();
    let id = bot.fake.click(BOB, CHANNEL, &m1, &buttons[1].0);
    // Acknowledged with nothing to show yet: the answer is still waiting.
    let told = acknowledged_then_told(&bot, mark, &id).await;
    assert_eq!(
        told.text(),
        "Your answer could not be saved just now, so it does not count yet: please try again."
    );
    drop(held);
    other.close().await;

    // Now the same click counts: the round closes and the next one comes.
    let mark = bot.fake.mark();
    bot.fake.click(BOB, CHANNEL, &m1, &buttons[1].0);
    round_one_closes(&bot, mark).await;
}

/// A restart over a database that holds a catalog serves it at once and
/// looks the seeds over behind it: a recap edited while the bot was down
/// is found a moment after the bot is up.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_serves_its_catalog_at_once_and_brings_in_edited_seeds_behind_it() {
    let fake = FakeDiscord::start().await;
    let tmp = tempfile::tempdir().unwrap();
    let seeds = tmp.path().join("seeds");
    support::copy_dir(&support::real_seeds(), &seeds);
    let db = support::open(tmp.path()).await;
    cliffhanger::import::import_dir(&db, &seeds).await.unwrap();
    db.close().await;
    let recap = seeds.join("smash/episodes/s01e12.en.md");
    let text = std::fs::read_to_string(&recap).unwrap();
    assert!(text.contains("This week, Smash"));
    std::fs::write(
        &recap,
        text.replacen("This week, Smash", "This week, Zanzibarish Smash", 1),
    )
    .unwrap();

    let log = tmp.path().join("stderr.txt");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .current_dir(tmp.path())
        .env("DISCORD_TOKEN", "test-token")
        .env("DISCORD_PROXY_URL", fake.url())
        .env("DEV_GUILD_ID", GUILD.to_string())
        .env("DATABASE_URL", support::db_url(tmp.path()))
        .env("SEEDS_DIR", &seeds)
        .env("RUST_LOG", "off")
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    fake.wait_ready().await;
    for (command, episode) in [("progress", "S02E11"), ("spoilers", "S02E11")] {
        let mark = fake.mark();
        let (id, _) = fake.slash(ALICE, CHANNEL, command, set_episode(episode));
        fake.wait_for(mark, "the episode set", |r| r.callback_of(&id))
            .await;
    }
    let mut found = String::new();
    for _ in 0..60 {
        let mark = fake.mark();
        let (id, _) = fake.slash(
            ALICE,
            CHANNEL,
            "search",
            json!([{"name": "query", "type": 3, "value": "Zanzibarish"}]),
        );
        found = fake
            .wait_for(mark, "the search", |r| r.callback_of(&id))
            .await
            .text();
        if found.contains("Zanzibarish") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    child.kill().await.unwrap();
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(
        found.contains("Zanzibarish"),
        "never found: {found}\n{said}"
    );
    assert!(
        said.contains("the seeds are looked over behind it"),
        "{said}"
    );
    assert!(said.contains("seeds looked over: 1 change"), "{said}");
}
