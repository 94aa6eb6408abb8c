//! The `cliffhanger` binary: import and check as a seed author runs them.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use support::{edit, scratch};

/// Runs the binary in `dir` with a clean environment for its settings.
fn run(dir: &Path, args: &[&str]) -> Output {
    support::run_cli(dir, args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_json_reports_totals_and_changes() {
    let (tmp, _) = scratch();
    let first = run(tmp.path(), &["import", "--json"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let v: Value = serde_json::from_str(&stdout(&first)).unwrap();
    assert_eq!(v["shows"], 1);
    assert_eq!(v["episodes"], 2);
    assert_eq!(v["recaps"], 2);
    assert_eq!(v["facts"], 48);
    assert_eq!(v["mentions"], 60);
    let changed = v["changed"].as_array().unwrap();
    assert!(
        changed
            .iter()
            .any(|c| c["change"] == "recap_added" && c["episode"] == "S02E11" && c["facts"] == 21)
    );
    let karen = v["mentions_by_character"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Karen Cartwright")
        .unwrap();
    assert_eq!(karen["mentions"], 11);
    assert!(
        tmp.path().join("cliffhanger.db").exists(),
        "the default database is created"
    );

    let again = run(tmp.path(), &["import", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(v["changed"], Value::Array(vec![]));
    assert_eq!(v["rows_written"], 0);
    assert_eq!(v["facts"], 48);

    let text = run(tmp.path(), &["import"]);
    assert!(
        stdout(&text).contains("Nothing changed"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn database_and_seeds_come_from_flags_or_environment() {
    let (tmp, seeds) = scratch();
    let moved = tmp.path().join("elsewhere");
    std::fs::rename(&seeds, &moved).unwrap();
    let o = run(
        tmp.path(),
        &[
            "--seeds",
            "elsewhere",
            "--database",
            "sqlite://other.db",
            "import",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(tmp.path().join("other.db").exists());

    let o = Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .args(["check", "--json"])
        .current_dir(tmp.path())
        .env("SEEDS_DIR", "elsewhere")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));

    let o = run(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("cannot read the seeds folder"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_is_clean_on_the_real_seeds() {
    let (tmp, _) = scratch();
    let o = run(tmp.path(), &["check", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["facts"], 48);
    assert_eq!(v["unknown_names"], Value::Array(vec![]));
    let shared = v["shared_names"].as_array().unwrap();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0]["name"], "Houston");
    assert_eq!(
        shared[0]["characters"],
        serde_json::json!(["Julia Houston", "Leo Houston"])
    );
    assert!(
        !tmp.path().join("cliffhanger.db").exists(),
        "check writes nothing"
    );
}

#[test]
fn check_points_at_names_missing_from_the_roster() {
    let (tmp, seeds) = scratch();
    edit(
        &seeds.join("smash/episodes/s01e12.en.md"),
        "And she impresses everyone.",
        "And she impresses everyone, even Blake Sorensen.",
    );
    edit(
        &seeds.join("smash/episodes/s02e11.de.md"),
        "Tom wacht auf.",
        "Tom und Sam wachen auf. Die Szene mit Houston folgt.",
    );
    let o = run(tmp.path(), &["check"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "names to add are warnings: {}",
        stdout(&o)
    );
    let out = stdout(&o);
    assert!(
        out.contains("\"Blake Sorensen\" at seeds/smash/episodes/s01e12.en.md:32:"),
        "{out}"
    );
    assert!(
        out.contains("\"Sam\" at seeds/smash/episodes/s02e11.de.md:10:"),
        "{out}"
    );
    assert!(out.contains("\"Houston\" is a name of Julia Houston and Leo Houston; untagged at seeds/smash/episodes/s02e11.de.md:10:"), "{out}");
    // German nouns are not names.
    assert!(!out.contains("\"Szene\""), "{out}");
}

#[test]
fn check_and_import_fail_on_a_broken_seed() {
    let (tmp, seeds) = scratch();
    edit(
        &seeds.join("smash/show.toml"),
        "kind = \"production\"",
        "kind = \"musical\"",
    );
    let o = run(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("1 problem to fix"), "{out}");
    assert!(
        out.contains("seeds/smash/show.toml:413:8: \"Bombshell\" has kind \"musical\""),
        "{out}"
    );
    let o = run(tmp.path(), &["import"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nothing was imported"),
        "{}",
        stderr(&o)
    );
    assert!(
        !tmp.path().join("cliffhanger.db").exists(),
        "a failed import creates no database"
    );
}

#[test]
fn running_without_a_token_says_how_to_set_one() {
    let (tmp, _) = scratch();
    let o = run(tmp.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("DISCORD_TOKEN is not set"), "{err}");
    assert!(err.contains(".env.example"), "{err}");
    assert!(err.contains("cargo run -- console"), "{err}");
    assert!(
        !tmp.path().join("cliffhanger.db").exists(),
        "nothing is touched without a token"
    );
    let o = run(tmp.path(), &["run"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn questions_json_lists_the_bank() {
    let (tmp, _) = scratch();
    let o = run(tmp.path(), &["questions", "--json", "--episode", "2x11"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bank: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let bank = bank.as_array().unwrap();
    // 13 generated from the German recap (the viewer figures and the
    // network's plans name nobody in the story and make none, nor does
    // "Derek, Jimmy und Karen": any of the three fits each blank; nor
    // Derek in "Jimmy und Karen werfen ___ vor": the season-1 recap names
    // him with Karen again and again, and none of the wrong choices), 1
    // written in the seeds.
    assert_eq!(bank.len(), 14);
    assert!(
        bank.iter()
            .any(|q| q["kind"] == "written" && q["answer"] == "Nackt auf der Bühne zu stehen")
    );
    for q in bank {
        assert_eq!(q["episode"], "S02E11");
        assert_eq!(q["language"], "de");
        for field in ["kind", "prompt", "answer", "source"] {
            assert!(q[field].is_string(), "{field}: {q}");
        }
        let choices = q["choices"].as_array().unwrap();
        assert_eq!(choices.len(), 4);
        assert!(choices.contains(&q["answer"]));
    }
    let why = run(tmp.path(), &["questions", "--why", "--episode", "2x11"]);
    let out = stdout(&why);
    assert!(
        out.contains(
            "S02E11 de [no-name] Nur noch 1,80 Millionen Zuschauer verfolgten diese Episode."
        ),
        "{out}"
    );
    assert!(out.contains("9 facts make no questions"), "{out}");
    let text = run(tmp.path(), &["questions", "--episode", "S01E12"]);
    let out = stdout(&text);
    assert!(out.contains("S01E12 [en] Who · Runaway Son"), "{out}");
    assert!(out.contains("<- answer"), "{out}");
    assert!(out.trim_end().ends_with("25 questions"), "{out}");
    assert!(
        out.contains("S01E12 [en] Written (seeds/smash/questions/smash.toml:8)"),
        "{out}"
    );
    // A sample: as many as asked, the same for the same seed.
    let sample = |seed: &str| {
        stdout(&run(
            tmp.path(),
            &["questions", "--sample", "3", "--seed", seed],
        ))
    };
    let (a, b, c) = (sample("7"), sample("7"), sample("8"));
    assert!(a.trim_end().ends_with("\n3 questions"), "{a}");
    assert_eq!(a, b);
    assert_ne!(a, c);
    let bad = run(tmp.path(), &["questions", "--episode", "twelve"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("\"twelve\" is not an episode code"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn check_flags_roster_text_that_names_a_later_character() {
    let (tmp, seeds) = scratch();
    // Karen's pilot entry gives away a season-2 character.
    edit(
        &seeds.join("smash/show.toml"),
        "waiting tables in New York, who competes",
        "waiting tables in New York and later falls for Jimmy Collins, who competes",
    );
    let o = run(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Karen Cartwright's about entry from S01E01 (en) names \"Jimmy Collins\", which first appears in S02E01: move the entry to from = \"S02E01\" or later, or leave the name out"),
        "{out}"
    );
    assert!(out.contains("seeds/smash/show.toml:"), "{out}");
    // The seeds still import: the check is for their authors.
    let o = run(tmp.path(), &["check", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["roster_spoilers"][0]["names"], "Jimmy Collins");
    assert_eq!(report["roster_spoilers"][0]["from"], "S01E01");
}

#[test]
fn the_smash_roster_tells_nothing_before_its_time() {
    let (tmp, _) = scratch();
    let o = run(tmp.path(), &["check", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["roster_spoilers"], serde_json::json!([]), "{report}");
    assert_eq!(o.status.code(), Some(0));
}
