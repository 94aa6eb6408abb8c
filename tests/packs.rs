//! A server's own trivia packs: uploaded by a manager as a file (a Red
//! list or a question file), checked whole (a broken file is refused with
//! its line, and nothing is stored), replaced by a file of the same name,
//! played alone or among the show's questions in that server only, each
//! question behind its episode; on the real bot over the fake Discord, the
//! file is fetched from the upload. On whichever backend the suite runs on.

mod support;

use std::sync::Arc;

use cliffhanger::app::{App, Ctx};
use cliffhanger::import::import_dir;
use cliffhanger::invoke::Call;
use cliffhanger::reply::Reply;
use cliffhanger::trivia::Upload;
use serde_json::json;
use support::fake_discord::{ALICE, BOB, GUILD, MANAGE_GUILD, MEMBER, Member};

const CHANNEL: u64 = 500_000_000_000_000_001;

const MODERATOR: Member = Member {
    id: 444_444_444_444_444_444,
    name: "mod",
    locale: "en-US",
    permissions: MEMBER | MANAGE_GUILD,
};

/// A Red list: three questions of S01E12, one of S02E11, one of the whole
/// show, one listed twice (the later answers are kept).
const RED: &str = r#"AUTHOR: fans
"S1E12: Who sings Let Me Be Your Star at the end of the first season?":
  - Karen
  - Karen Cartwright
"S1E12: Who directs Bombshell?":
  - Derek
"S1E12: Which musical opens in Boston?":
  - Bombshell
"S2E11: Which show does Jimmy write?":
  - Hit List
What is Julia's husband called?:
  - Frank
What is Julia's husband called?:
  - Frank Houston
"#;

/// The same list with a line YAML cannot read (line 4).
const BROKEN: &str =
    "AUTHOR: fans\n\"S1E12: Who directs Bombshell?\":\n  - Derek\nWho: is: this:\n  - x\n";

/// A question file with written wrong answers.
const OWN: &str = r#"[[questions]]
episode = "S01E12"
prompt = "Which song does the first season end with?"
answer = "Let Me Be Your Star"
wrong = ["Touch Me", "Smash!", "The 20th Century Fox Mambo"]
"#;

fn text(replies: &[Reply]) -> String {
    replies
        .iter()
        .map(|r| r.to_text("(private)"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

async fn app_in(dir: &std::path::Path) -> App {
    let db = support::open(dir).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    App::with_seed(db, 7).await.unwrap()
}

async fn call(app: &App, ctx: &Ctx, path: &[&str], options: &[(&str, &str)]) -> String {
    let call = Call::new(path, options.iter().map(|(k, v)| (*k, v.to_string())));
    text(&app.invoke(ctx, &call, 1_000).await.unwrap())
}

async fn upload(app: &App, ctx: &Ctx, name: &str, body: &str, options: &[(&str, &str)]) -> String {
    let mut call = Call::new(
        &["trivia", "pack", "upload"],
        std::iter::once(("file", name.to_string()))
            .chain(options.iter().map(|(k, v)| (*k, v.to_string()))),
    );
    call.files.insert(
        "file".into(),
        Upload {
            name: name.into(),
            bytes: body.as_bytes().to_vec(),
        },
    );
    text(&app.invoke(ctx, &call, 1_000).await.unwrap())
}

async fn stored_questions(app: &App) -> i64 {
    let (n,): (i64,) = support::on_db!(app.db(), |pool| sqlx::query_as(
        "SELECT COUNT(*) FROM pack_questions"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    n
}

#[tokio::test]
async fn a_pack_is_checked_whole_replaced_by_name_and_kept_to_managers() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let manager = support::moderator(1);
    let said = upload(&app, &manager, "Bombshell.yaml", RED, &[]).await;
    assert!(
        said.contains("Pack “bombshell” is ready: 5 questions about Smash (4 tied to an episode, 1 spoiling the whole show)"),
        "{said}"
    );
    assert!(
        said.contains("listed on line 11 and line 13: the answers of line 13 are kept"),
        "{said}"
    );
    assert_eq!(stored_questions(&app).await, 5);
    // A broken file is refused with its line, and the pack it would
    // replace stays whole.
    let said = upload(&app, &manager, "bombshell.yaml", BROKEN, &[]).await;
    assert!(said.contains("bombshell.yaml was not added"), "{said}");
    assert!(said.contains("bombshell.yaml:4:"), "{said}");
    assert!(said.contains("Nothing was stored"), "{said}");
    assert_eq!(stored_questions(&app).await, 5);
    // So is one that names an episode the show does not have.
    let bad = OWN.replace("S01E12", "S09E01");
    let said = upload(&app, &manager, "own.toml", &bad, &[]).await;
    assert!(
        said.contains("own.toml:1: S09E01 is not an episode of Smash"),
        "{said}"
    );
    for (file, body, why) in [
        ("notes.txt", RED, "neither a Red trivia list"),
        ("latin1.yaml", "\u{0}", ""),
    ] {
        if why.is_empty() {
            let mut call = Call::new(&["trivia", "pack", "upload"], [("file", file.to_string())]);
            call.files.insert(
                "file".into(),
                Upload {
                    name: file.into(),
                    bytes: vec![0xff, 0xfe, b'x'],
                },
            );
            let said = text(&app.invoke(&manager, &call, 1_000).await.unwrap());
            assert!(said.contains("is not UTF-8 text"), "{said}");
        } else {
            let said = upload(&app, &manager, file, body, &[]).await;
            assert!(said.contains(why), "{said}");
        }
    }
    // Only managers add and remove packs; anyone may list them.
    let mut member = support::moderator(2);
    member.can_manage_guild = false;
    let said = upload(&app, &member, "mine.yaml", RED, &[]).await;
    assert!(
        said.contains("Only members who may manage the server"),
        "{said}"
    );
    let said = call(
        &app,
        &member,
        &["trivia", "pack", "remove"],
        &[("name", "bombshell")],
    )
    .await;
    assert!(
        said.contains("Only members who may manage the server"),
        "{said}"
    );
    let listed = call(&app, &member, &["trivia", "pack", "list"], &[]).await;
    assert!(listed.contains("This server has one pack"), "{listed}");
    assert!(
        listed.contains("**bombshell** · 5 questions · Smash · by <@1>"),
        "{listed}"
    );
    // Uploaded again under its name, with an episode for the questions
    // that have none: replaced, not added.
    let said = upload(
        &app,
        &manager,
        "bombshell.yaml",
        RED,
        &[("episode", "S01E12")],
    )
    .await;
    assert!(said.contains("(5 tied to an episode, 0 spoiling"), "{said}");
    assert!(
        said.contains("It replaces the earlier pack of that name (5 questions)"),
        "{said}"
    );
    assert_eq!(stored_questions(&app).await, 5);
    // Another server has packs of its own.
    let mut elsewhere = support::moderator(1);
    elsewhere.guild = Some(99);
    let listed = call(&app, &elsewhere, &["trivia", "pack", "list"], &[]).await;
    assert!(listed.contains("This server has no packs"), "{listed}");
    let said = call(
        &app,
        &manager,
        &["trivia", "pack", "remove"],
        &[("name", "Bombshell")],
    )
    .await;
    assert!(said.contains("Pack “bombshell” is removed"), "{said}");
    assert_eq!(stored_questions(&app).await, 0);
    let said = call(
        &app,
        &manager,
        &["trivia", "pack", "remove"],
        &[("name", "bombshell")],
    )
    .await;
    assert!(
        said.contains("This server has no pack “bombshell”"),
        "{said}"
    );
}

#[tokio::test]
async fn a_packs_questions_are_played_behind_their_episodes_in_their_server_only() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let manager = support::moderator(1);
    upload(&app, &manager, "bombshell.yaml", RED, &[]).await;
    upload(&app, &manager, "own.toml", OWN, &[]).await;
    let horizon = [("episode", "S01E12")];
    call(&app, &manager, &["spoilers", "set"], &horizon).await;
    // Alone: typed (a Red list has no wrong answers), and only what the
    // channel has watched: the three of S01E12, not S02E11's, not the one
    // about the whole show.
    let start = [("pack", "Bombshell"), ("questions", "10"), ("seconds", "5")];
    let started = call(&app, &manager, &["trivia", "start"], &start).await;
    assert!(
        started.contains("Trivia: 3 questions from Smash up to S01E12"),
        "{started}"
    );
    assert!(started.contains("Type your answer"), "{started}");
    assert!(
        !started.contains("Hit List") && !started.contains("Jimmy"),
        "{started}"
    );
    call(&app, &manager, &["trivia", "stop"], &[]).await;
    // Among the show's questions, with buttons: the question file's
    // question (it has wrong answers) comes up.
    let mut played = call(&app, &manager, &["trivia", "start"], &[("questions", "50")]).await;
    for _ in 0..60 {
        let next = call(&app, &manager, &["trivia", "skip"], &[]).await;
        played.push_str(&next);
        if next.contains("No game is running") {
            break;
        }
    }
    assert!(
        played.contains("Game over") || played.contains("Nobody scored"),
        "{played}"
    );
    let seen = played.contains("Which song does the first season end with?");
    assert!(!played.contains("Hit List"), "{played}");
    assert!(seen, "the pack's question joins the server's games");
    // Another server plays without them, and has no pack of that name.
    let mut elsewhere = support::moderator(1);
    elsewhere.guild = Some(99);
    elsewhere.channel = 77;
    let horizon = [("episode", "S02E11")];
    call(&app, &elsewhere, &["spoilers", "set"], &horizon).await;
    let said = call(
        &app,
        &elsewhere,
        &["trivia", "start"],
        &[("pack", "bombshell")],
    )
    .await;
    assert!(
        said.contains("This server has no pack “bombshell” about Smash"),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pack_uploaded_on_discord_is_fetched_checked_and_played() {
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    let app = Arc::new(App::with_seed(db, 7).await.unwrap());
    let config = cliffhanger::discord::Config {
        dev_guild: Some(GUILD),
        ..cliffhanger::discord::Config::default()
    };
    let bot = support::bot::serve(app, tmp, config).await;
    // Discord is told the option takes a file.
    let registered = bot
        .fake
        .since(0)
        .into_iter()
        .find(|r| r.method == "PUT" && r.path.ends_with("/commands"))
        .unwrap();
    let trivia = registered
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "trivia")
        .unwrap()
        .clone();
    let pack = trivia["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "pack")
        .unwrap()
        .clone();
    assert_eq!(pack["type"], 2);
    assert_eq!(pack["options"][0]["name"], "upload");
    assert_eq!(pack["options"][0]["options"][0]["type"], 11);

    let horizon = json!([{"name": "set", "type": 1, "options": [
        {"name": "episode", "type": 3, "value": "S01E12"}]}]);
    bot.run(ALICE, CHANNEL, "spoilers", horizon).await;
    let send = |file: serde_json::Value| {
        let mark = bot.fake.mark();
        let options = json!([{"name": "pack", "type": 2, "options": [
            {"name": "upload", "type": 1, "options": [
                {"name": "file", "type": 11, "value": file["id"].clone()}]}]}]);
        let id = bot
            .fake
            .slash_with_files(MODERATOR, CHANNEL, "trivia", options, &[file]);
        (mark, id)
    };
    // A broken file: refused with its line, privately.
    let (mark, id) = send(bot.fake.upload("bombshell.yaml", BROKEN));
    let answer = bot
        .fake
        .wait_for(mark, "the refusal", |r| r.callback_of(&id))
        .await;
    assert!(answer.ephemeral());
    assert!(
        answer.text().contains("bombshell.yaml:4:"),
        "{}",
        answer.text()
    );
    // The good one, fetched from its upload.
    let (mark, id) = send(bot.fake.upload("bombshell.yaml", RED));
    let answer = bot
        .fake
        .wait_for(mark, "the pack's answer", |r| r.callback_of(&id))
        .await;
    assert!(
        answer
            .text()
            .contains("Pack “bombshell” is ready: 5 questions"),
        "{}",
        answer.text()
    );
    assert!(
        bot.fake
            .since(mark)
            .iter()
            .any(|r| r.method == "GET" && r.path.starts_with("/attachments/")),
        "the file was fetched from where Discord keeps it"
    );
    // A member may not add one.
    let mark = bot.fake.mark();
    let file = bot.fake.upload("mine.yaml", RED);
    let options = json!([{"name": "pack", "type": 2, "options": [
        {"name": "upload", "type": 1, "options": [
            {"name": "file", "type": 11, "value": file["id"].clone()}]}]}]);
    let id = bot
        .fake
        .slash_with_files(BOB, CHANNEL, "trivia", options, &[file]);
    let answer = bot
        .fake
        .wait_for(mark, "the refusal", |r| r.callback_of(&id))
        .await;
    assert!(
        answer
            .text()
            .contains("Only members who may manage the server"),
        "{}",
        answer.text()
    );
    // Played alone in the channel.
    let start = json!([{"name": "start", "type": 1, "options": [
        {"name": "pack", "type": 3, "value": "bombshell"},
        {"name": "questions", "type": 4, "value": 3}]}]);
    let mark = bot.fake.mark();
    bot.run(ALICE, CHANNEL, "trivia", start).await;
    let question = bot
        .fake
        .wait_for(mark, "the first question", |r| {
            r.posted_in(CHANNEL) && r.text().contains("Question 1/3")
        })
        .await;
    let asked = question.text();
    assert!(
        [
            "Let Me Be Your Star",
            "Who directs Bombshell?",
            "Which musical opens in Boston?"
        ]
        .iter()
        .any(|q| asked.contains(q)),
        "{asked}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_packs_question_is_reported_reviewed_and_a_missing_pack_refused_when_set() {
    let (tmp, _) = support::scratch();
    let app = app_in(tmp.path()).await;
    let manager = support::moderator(1);
    upload(&app, &manager, "bombshell.yaml", RED, &[]).await;
    call(
        &app,
        &manager,
        &["spoilers", "set"],
        &[("episode", "S01E12")],
    )
    .await;
    call(
        &app,
        &manager,
        &["progress", "set"],
        &[("episode", "S01E12")],
    )
    .await;
    // Buttons on a pack of typed questions: said plainly.
    let said = call(
        &app,
        &manager,
        &["trivia", "start"],
        &[("pack", "bombshell"), ("mode", "choices")],
    )
    .await;
    assert!(said.contains("has no wrong answers written"), "{said}");
    // Played, reported, and found on the review desk like any question.
    let start = [("pack", "bombshell"), ("questions", "1")];
    let started = call(&app, &manager, &["trivia", "start"], &start).await;
    assert!(started.contains("Question 1/1"), "{started}");
    call(&app, &manager, &["trivia", "skip"], &[]).await;
    let reported = call(&app, &manager, &["trivia", "report"], &[]).await;
    assert!(reported.contains("is reported"), "{reported}");
    let review = call(&app, &manager, &["trivia", "review"], &[]).await;
    assert!(
        !review.contains("no question here has been reported"),
        "{review}"
    );
    let (key,): (String,) = support::on_db!(app.db(), |pool| sqlx::query_as(
        "SELECT question_key FROM rounds LIMIT 1"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert!(key.starts_with('p'), "{key}");
    assert!(review.contains(&key), "{review}");
    // A game set for later names a pack the server has, or is refused.
    let set = [
        ("at", "20:00"),
        ("timezone", "Europe/Berlin"),
        ("pack", "ghost"),
    ];
    let said = call(&app, &manager, &["trivia", "schedule", "add"], &set).await;
    assert!(
        said.contains("This server has no pack “ghost” about Smash"),
        "{said}"
    );
    let set = [
        ("at", "20:00"),
        ("timezone", "Europe/Berlin"),
        ("pack", "Bombshell"),
    ];
    let said = call(&app, &manager, &["trivia", "schedule", "add"], &set).await;
    assert!(
        said.contains("Only the questions of pack “bombshell”"),
        "{said}"
    );
}
