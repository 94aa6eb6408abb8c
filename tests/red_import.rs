//! Importing a Red-DiscordBot trivia list through the built binary.

mod support;

use std::path::Path;
use std::process::Output;

use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    support::run_cli(dir, args)
}

fn imported(dir: &Path) -> Vec<Value> {
    let o = run(dir, &["questions", "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bank: Value = serde_json::from_slice(&o.stdout).unwrap();
    bank.as_array()
        .unwrap()
        .iter()
        .filter(|q| q["kind"] == "imported")
        .cloned()
        .collect()
}

const LIST: &str = r#"AUTHOR: A fan server
DESCRIPTION: Season 1 only
CONFIG:
  max_score: 5
  delay: 20
"Who takes Karen clubbing?":
- Rebecca Duvall
- Rebecca
- Duvall
Which Broadway version did the fog machine run?:
- 1.10
Is Leo Julia's son?:
- yes
"S2E11: Whose dress slips off in the JFK scene?":
- Ivy Lynn
- Ivy
"#;

#[test]
fn a_red_list_imports_with_answers_as_written() {
    let (tmp, _) = support::scratch();
    std::fs::write(tmp.path().join("smash.yaml"), LIST).unwrap();
    let o = run(
        tmp.path(),
        &[
            "trivia-import",
            "smash.yaml",
            "--format",
            "red",
            "--show",
            "smash",
            "--season",
            "1",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Imported 4 questions from smash.yaml into Smash (4 with an episode, 0 spoiling the whole show)"), "{out}");

    let bank = imported(tmp.path());
    assert_eq!(bank.len(), 4);
    let by_prompt = |p: &str| {
        bank.iter()
            .find(|q| q["prompt"] == p)
            .unwrap_or_else(|| panic!("{p}: {bank:#?}"))
    };
    let clubbing = by_prompt("Who takes Karen clubbing?");
    assert_eq!(clubbing["answer"], "Rebecca Duvall");
    assert_eq!(
        clubbing["accepted"],
        serde_json::json!(["Rebecca", "Duvall"])
    );
    // --season 1: the last episode of season 1 in the catalog.
    assert_eq!(clubbing["episode"], "S01E12");
    assert_eq!(clubbing["source"], "smash.yaml:6");
    assert_eq!(
        clubbing["choices"],
        serde_json::json!([]),
        "no wrong choices: typed only"
    );
    assert_eq!(
        by_prompt("Which Broadway version did the fog machine run?")["answer"],
        "1.10"
    );
    assert_eq!(by_prompt("Is Leo Julia's son?")["answer"], "yes");
    // The prefix names the episode, and is not part of the question.
    assert_eq!(
        by_prompt("Whose dress slips off in the JFK scene?")["episode"],
        "S02E11"
    );

    // Without a flag or a prefix, a question spoils the whole show; importing
    // the same file again replaces its questions.
    let o = run(
        tmp.path(),
        &[
            "trivia-import",
            "smash.yaml",
            "--format",
            "red",
            "--show",
            "smash",
        ],
    );
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("(1 with an episode, 3 spoiling the whole show; replaced 4")
    );
    let bank = imported(tmp.path());
    assert_eq!(bank.len(), 4);
    assert_eq!(bank.iter().filter(|q| q["episode"].is_null()).count(), 3);
}

#[test]
fn a_broken_list_imports_nothing() {
    let (tmp, _) = support::scratch();
    std::fs::write(tmp.path().join("good.yaml"), LIST).unwrap();
    assert!(
        run(
            tmp.path(),
            &[
                "trivia-import",
                "good.yaml",
                "--format",
                "red",
                "--show",
                "smash"
            ]
        )
        .status
        .success()
    );
    let before = imported(tmp.path());

    // The second question has no answers, and a later line is not YAML.
    std::fs::write(
        tmp.path().join("good.yaml"),
        "Q1?:\n- a\nQ2?: []\nQ3?:\n- b\n",
    )
    .unwrap();
    let o = run(
        tmp.path(),
        &[
            "trivia-import",
            "good.yaml",
            "--format",
            "red",
            "--show",
            "smash",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("good.yaml:3:1: \"Q2?\" has no answers"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(
        imported(tmp.path()),
        before,
        "the earlier import is untouched"
    );

    std::fs::write(tmp.path().join("bad.yaml"), "Q1?:\n- a\nQ2?: [b\n").unwrap();
    let o = run(
        tmp.path(),
        &[
            "trivia-import",
            "bad.yaml",
            "--format",
            "red",
            "--show",
            "smash",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("bad.yaml:4:"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    std::fs::write(tmp.path().join("valid.yaml"), LIST).unwrap();
    let o = run(
        tmp.path(),
        &[
            "trivia-import",
            "valid.yaml",
            "--format",
            "red",
            "--show",
            "lost",
        ],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("there is no show \"lost\""));
    let o = run(
        tmp.path(),
        &[
            "trivia-import",
            "valid.yaml",
            "--format",
            "red",
            "--show",
            "smash",
            "--season",
            "7",
        ],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("Smash has no episodes of season 7"));
    assert_eq!(imported(tmp.path()), before);
}

/// Questions of `list.yaml` in the running app's bank.
async fn listed(app: &cliffhanger::app::App) -> usize {
    let index = app.index();
    app.question_bank(&index.shows[0])
        .await
        .unwrap()
        .iter()
        .filter(|q| q.source.contains("list.yaml"))
        .count()
}

#[tokio::test]
async fn a_list_imported_by_another_process_reaches_a_running_bank() {
    let (tmp, seeds) = support::scratch();
    let db = cliffhanger::store::Db::connect(&support::db_url_of(tmp.path(), "cliffhanger.db"))
        .await
        .unwrap();
    cliffhanger::import::import_dir(&db, &seeds).await.unwrap();
    let app = cliffhanger::app::App::new(db).await.unwrap();
    assert_eq!(listed(&app).await, 0);
    std::fs::write(tmp.path().join("list.yaml"), LIST).unwrap();
    let o = run(
        tmp.path(),
        &[
            "trivia-import",
            "list.yaml",
            "--format",
            "red",
            "--show",
            "smash",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The running process sees the new catalog version at its next request
    // (on PostgreSQL, the next after the import's notification reached it).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        app.sync().await.unwrap();
        if listed(&app).await == 4 || std::time::Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert_eq!(listed(&app).await, 4);
}

#[test]
fn a_question_listed_twice_is_imported_once_with_its_last_answers() {
    let (tmp, _) = support::scratch();
    let list = "Who takes Karen clubbing?:\n- Ivy\nWhat is the musical called?:\n- Bombshell\nWho takes Karen clubbing?:\n- Rebecca Duvall\n";
    std::fs::write(tmp.path().join("twice.yaml"), list).unwrap();
    let o = run(
        tmp.path(),
        &[
            "trivia-import",
            "twice.yaml",
            "--format",
            "red",
            "--show",
            "smash",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Imported 2 questions"), "{out}");
    assert!(
        out.contains("twice.yaml:5: \"Who takes Karen clubbing?\" is listed on line 1 too: the answers of line 5 are kept"),
        "{out}"
    );
    let bank = imported(tmp.path());
    let clubbing: Vec<&Value> = bank
        .iter()
        .filter(|q| q["prompt"] == "Who takes Karen clubbing?")
        .collect();
    assert_eq!(clubbing.len(), 1);
    assert_eq!(clubbing[0]["answer"], "Rebecca Duvall");
}
