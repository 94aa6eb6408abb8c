//! The `cliffhanger` binary: import and check as a seed author runs them.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use support::{DefaultDatabase, edit, scratch};

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
    assert_eq!(
        tmp.path().join("cliffhanger.db").exists(),
        support::postgres().is_none(),
        "the default database is created (a file on SQLite, none on PostgreSQL)"
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

/// `migrate` makes the tables and says so, touching nothing else; a second
/// run finds them up to date.
#[test]
fn migrate_brings_the_schema_up_to_date_and_touches_nothing_else() {
    let (tmp, _) = scratch();
    for _ in 0..2 {
        let o = run(tmp.path(), &["migrate"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("is up to date:"), "{out}");
        let (applied, known) = out
            .split("is up to date: ")
            .nth(1)
            .and_then(|rest| rest.split(" migrations").next())
            .and_then(|n| n.split_once(" of "))
            .unwrap();
        assert_eq!(applied, known, "{out}");
        assert!(applied.parse::<u32>().unwrap() >= 1, "{out}");
    }
    // No catalog was imported.
    let totals = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let url = support::db_url_of(tmp.path(), "cliffhanger.db");
        let db = cliffhanger::store::Db::connect(&url).await.unwrap();
        let totals = db.totals().await.unwrap();
        db.close().await;
        totals
    });
    assert_eq!(totals.shows, 0);
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
        out.contains(
            "\"Blake Sorensen\" (1 time, first in S01E12) at seeds/smash/episodes/s01e12.en.md:32:"
        ),
        "{out}"
    );
    assert!(
        out.contains("\"Sam\" (1 time, first in S02E11) at seeds/smash/episodes/s02e11.de.md:10:"),
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
    let line = std::fs::read_to_string(seeds.join("smash/show.toml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("kind = \"musical\""))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "seeds/smash/show.toml:{line}:8: \"Bombshell\" has kind \"musical\""
        )),
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
    // 7 who-is-missing questions from the German recap, one a sentence
    // (the viewer figures and the network's plans name nobody in the story
    // and make none, nor does "Derek, Jimmy und Karen": any of the three
    // fits each blank; of "Jimmy und Karen werfen Derek vor" only one blank
    // is asked; "Außerdem sorgt sich _____ um Jimmy" goes on from a
    // sentence naming Karen, so it is asked neither with it nor without),
    // 7 which-episode questions (on sentences that tell of something that
    // happens once; their choices are drawn when a game asks them), 1
    // written in the seeds.
    assert_eq!(bank.len(), 15);
    assert_eq!(
        bank.iter().filter(|q| q["kind"] == "which_episode").count(),
        7
    );
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
        // A which-episode question draws its choices when asked: the bank
        // holds the answer and the episodes before it.
        if q["kind"] == "which_episode" {
            assert_eq!(choices.len(), 2, "{q}");
        } else {
            assert_eq!(choices.len(), 4);
        }
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
    assert!(out.contains("S01E12 [en] Who · New Song"), "{out}");
    assert!(out.contains("<- answer"), "{out}");
    assert!(out.trim_end().ends_with("13 questions"), "{out}");
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

/// A small show for `check`: one English recap naming someone twice (once
/// with a possessive), one German recap naming someone once, alone.
fn mini_show(dir: &Path) -> std::path::PathBuf {
    let seeds = dir.join("seeds");
    std::fs::create_dir_all(seeds.join("mini/episodes")).unwrap();
    std::fs::write(
        seeds.join("mini/show.toml"),
        "title = \"Mini\"\n\n[[characters]]\nname = \"Karen Cartwright\"\naliases = [\"Karen\"]\n\
         played_by = \"Katharine McPhee\"\n",
    )
    .unwrap();
    std::fs::write(
        seeds.join("mini/episodes/s01e01.en.md"),
        "+++\nseason = 1\nepisode = 1\ntitle = \"One\"\nlanguage = \"en\"\n+++\n\n\
         Karen (Katharine McPhee) meets Blake at the audition.\n\n\
         Then Karen sings Blake's song, and the room goes quiet.\n",
    )
    .unwrap();
    std::fs::write(
        seeds.join("mini/episodes/s01e02.de.md"),
        "+++\nseason = 1\nepisode = 2\ntitle = \"Zwei\"\nlanguage = \"de\"\n+++\n\n\
         Karen steht auf der Bühne.\n\n\
         Dann zickt dem verwöhnten Star Lyle der Schuh, und Karen probt die Szene.\n",
    )
    .unwrap();
    seeds
}

fn check_in(dir: &Path, args: &[&str], words: Option<&str>) -> Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"));
    command
        .args(args)
        .current_dir(dir)
        .env("SEEDS_DIR", "seeds")
        .default_database(dir)
        .env("RUST_LOG", "warn");
    match words {
        Some(path) => command.env("CLIFFHANGER_GERMAN_WORDS", path),
        None => command.env("CLIFFHANGER_GERMAN_WORDS", "/nonexistent/german-words"),
    };
    command.output().unwrap()
}

#[test]
fn check_folds_possessives_skips_actors_and_finds_a_lone_german_name() {
    let tmp = tempfile::tempdir().unwrap();
    mini_show(tmp.path());
    let words = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/german-words.txt"
    );
    let o = check_in(tmp.path(), &["check"], Some(words));
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    // "Blake" and "Blake's": one name, named twice.
    assert!(
        out.contains(
            "mini: \"Blake\" (2 times, first in S01E01) at seeds/mini/episodes/s01e01.en.md:8:"
        ),
        "{out}"
    );
    assert!(!out.contains("Blake's"), "{out}");
    // The actor in brackets is the roster's played_by.
    assert!(!out.contains("Katharine"), "{out}");
    // A German name alone after a noun, which no dictionary knows.
    assert!(
        out.contains(
            "mini: \"Lyle\" (1 time, first in S01E02) at seeds/mini/episodes/s01e02.de.md:10:"
        ),
        "{out}"
    );
    for noun in ["\"Star\"", "\"Schuh\"", "\"Szene\"", "\"Bühne\""] {
        assert!(!out.contains(noun), "{noun}: {out}");
    }
    // Without a word list, it says so, and how to get one.
    let o = check_in(tmp.path(), &["check"], None);
    let out = stdout(&o);
    assert!(!out.contains("\"Lyle\""), "{out}");
    assert!(
        out.contains("Note: no German word list at /nonexistent/german-words"),
        "{out}"
    );
    assert!(out.contains("apt-get install wngerman"), "{out}");
}

#[test]
fn check_suggests_roster_entries_and_writes_them() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = mini_show(tmp.path());
    let words = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/german-words.txt"
    );
    let o = check_in(tmp.path(), &["check", "--suggest-roster"], Some(words));
    let out = stdout(&o);
    assert!(
        out.contains("Roster entries for mini (paste into its show.toml):"),
        "{out}"
    );
    assert!(
        out.contains(
            "# \"Blake\": named 2 times, first in S01E01 (seeds/mini/episodes/s01e01.en.md:8:"
        ),
        "{out}"
    );
    assert!(
        out.contains("[[characters]]\nname = \"Lyle\"\nkind = \"person\"\n"),
        "{out}"
    );
    let before = std::fs::read_to_string(seeds.join("mini/show.toml")).unwrap();
    assert!(!before.contains("Blake"), "suggesting writes nothing");

    let o = check_in(
        tmp.path(),
        &["check", "--suggest-roster", "--write"],
        Some(words),
    );
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.contains("Added 2 roster entries to seeds/mini/show.toml."),
        "{out}"
    );
    let after = std::fs::read_to_string(seeds.join("mini/show.toml")).unwrap();
    assert!(after.starts_with(&before), "the roster is appended to");
    // Now every name is on the roster.
    let o = check_in(tmp.path(), &["check", "--json"], Some(words));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["unknown_names"], Value::Array(vec![]));
    let o = check_in(tmp.path(), &["check", "--suggest-roster"], Some(words));
    assert!(
        stdout(&o).contains("No roster entries to suggest."),
        "{}",
        stdout(&o)
    );
}

#[test]
fn roster_entries_that_would_not_load_leave_show_toml_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = mini_show(tmp.path());
    let before = std::fs::read_to_string(seeds.join("mini/show.toml")).unwrap();
    // A second Karen Cartwright: the same slug twice.
    let err = cliffhanger::seeds::check::append_roster_entries(
        &seeds,
        "mini",
        "[[characters]]\nname = \"Karen Cartwright\"\nkind = \"person\"\n",
    )
    .unwrap_err();
    assert!(err.contains("is unchanged"), "{err}");
    assert!(err.contains("a second character with the slug"), "{err}");
    let after = std::fs::read_to_string(seeds.join("mini/show.toml")).unwrap();
    assert_eq!(after, before);
    assert!(!seeds.join("mini/show.toml.new").exists());
}

/// The seeds' two recaps as their sites published them, made seed files
/// again by `recap add`: exactly the files in `seeds/`.
#[test]
fn recap_add_turns_the_plain_seed_recaps_into_the_seed_files() {
    let (tmp, seeds) = scratch();
    let episodes = seeds.join("smash/episodes");
    let original_en = std::fs::read_to_string(episodes.join("s01e12.en.md")).unwrap();
    let original_de = std::fs::read_to_string(episodes.join("s02e11.de.md")).unwrap();
    std::fs::remove_file(episodes.join("s01e12.en.md")).unwrap();
    std::fs::remove_file(episodes.join("s02e11.de.md")).unwrap();
    let plain = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain");
    let en = plain.join("s01e12.en.txt");
    let o = run(
        tmp.path(),
        &[
            "recap",
            "add",
            en.to_str().unwrap(),
            "--show",
            "smash",
            "--episode",
            "S01E12",
            "--language",
            "en",
            "--title",
            "Publicity",
            "--aired",
            "2012-04-23",
            "--source",
            "BuddyTV, \"'Smash' Recap: Stealing the Limelight\"",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(
            "Wrote seeds/smash/episodes/s01e12.en.md: headline \"'Smash' Recap: Stealing the Limelight\", \
             5 section headings (Club Song, New Song, Kale Shakes, Runaway Son, Back in the Race), 6 paragraphs."
        ),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read_to_string(episodes.join("s01e12.en.md")).unwrap(),
        original_en
    );
    // German, from standard input, no headings.
    let mut recap = Command::new(env!("CARGO_BIN_EXE_cliffhanger"));
    recap
        .args([
            "recap",
            "add",
            "-",
            "--show",
            "smash",
            "--episode",
            "2x11",
            "--language",
            "de",
            "--title",
            "The Dress Rehearsal",
            "--aired",
            "2013-04-13",
            "--source",
            "German recap, outlet unknown",
        ])
        .current_dir(tmp.path())
        .env_remove("SEEDS_DIR");
    let o = support::run_with_input(
        &mut recap,
        &std::fs::read(plain.join("s02e11.de.txt")).unwrap(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("no section headings, 9 paragraphs."),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read_to_string(episodes.join("s02e11.de.md")).unwrap(),
        original_de
    );
    // And they import.
    let o = run(tmp.path(), &["import"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn recap_add_refuses_bad_input_and_writes_nothing() {
    let (tmp, seeds) = scratch();
    // A recap of S01E14 in a file named as if it were S01E13's.
    std::fs::write(
        seeds.join("smash/episodes/s01e13.de.md"),
        "+++\nseason = 1\nepisode = 14\ntitle = \"Previews\"\nlanguage = \"de\"\n+++\n\nTom zweifelt.\n",
    )
    .unwrap();
    let before = support::dump_dir(&seeds);
    let plain = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain/s02e11.de.txt");
    let file = plain.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--show",
                "smsh",
                "--episode",
                "S02E12",
                "--language",
                "de",
                "--title",
                "X",
            ],
            "there is no show \"smsh\" in seeds (shows there: smash)",
        ),
        (
            &[
                "--show",
                "smash",
                "--episode",
                "S2",
                "--language",
                "de",
                "--title",
                "X",
            ],
            "\"S2\" is not an episode code: write it as S01E12 or 1x12",
        ),
        (
            &[
                "--show",
                "smash",
                "--episode",
                "S02E12",
                "--language",
                "fr",
                "--title",
                "X",
            ],
            "\"fr\" is not a language: use en or de",
        ),
        (
            &["--show", "smash", "--episode", "S02E11", "--language", "de"],
            "S02E11 has a de recap already (seeds/smash/episodes/s02e11.de.md): add --force to replace it",
        ),
        (
            &["--show", "smash", "--episode", "S02E12", "--language", "de"],
            "no recap of S02E12 gives its title yet: give it with --title",
        ),
        (
            &[
                "--show",
                "smash",
                "--episode",
                "S02E12",
                "--language",
                "de",
                "--title",
                "X",
                "--aired",
                "soon",
            ],
            "\"soon\" is not an air date: write it as 2012-04-23",
        ),
        (
            &[
                "--show",
                "../smash",
                "--episode",
                "S02E12",
                "--language",
                "de",
                "--title",
                "X",
            ],
            "\"../smash\" is not a show's slug",
        ),
        (
            &[
                "--show",
                "smash",
                "--episode",
                "S01E13",
                "--language",
                "de",
                "--title",
                "X",
            ],
            "seeds/smash/episodes/s01e13.de.md exists and is not a de recap of S01E13",
        ),
        (
            &[
                "--show",
                "smash",
                "--episode",
                "S00E01",
                "--language",
                "de",
                "--title",
                "X",
            ],
            "the recap would not load, so nothing was written",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["recap", "add", file];
        all.extend_from_slice(args);
        let o = run(tmp.path(), &all);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert_eq!(
            support::dump_dir(&seeds),
            before,
            "{args:?} changed the seeds"
        );
    }
    // With --force, the recap is replaced in place.
    let o = run(
        tmp.path(),
        &[
            "recap",
            "add",
            file,
            "--show",
            "smash",
            "--episode",
            "S02E11",
            "--language",
            "de",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Replaced seeds/smash/episodes/s02e11.de.md"),
        "{}",
        stdout(&o)
    );
}

/// The first run at a terminal, with no token: the console on the bundled
/// show, and a line on how to connect (run under a pseudo-terminal by
/// util-linux's `script`).
#[test]
fn the_first_run_at_a_terminal_opens_the_console() {
    let (tmp, _) = scratch();
    let mut bot = Command::new("script");
    bot.args(["-qec", env!("CARGO_BIN_EXE_cliffhanger"), "/dev/null"])
        .current_dir(tmp.path())
        .env_remove("DISCORD_TOKEN")
        .default_database(tmp.path())
        .env_remove("SEEDS_DIR")
        .env("RUST_LOG", "warn");
    // util-linux's script runs the bot under a terminal.
    let o = support::run_with_input(&mut bot, b"/about\n/quit\n");
    let out = stdout(&o);
    assert!(
        out.contains("No DISCORD_TOKEN, so here is the console"),
        "{out}"
    );
    assert!(out.contains("== cliffhanger "), "{out}");
    assert!(out.contains("Smash: "), "{out}");
}

#[test]
fn a_shard_range_past_the_shard_count_is_refused() {
    let (tmp, _) = scratch();
    let o = Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .args(["run", "--shards", "2..=3", "--shard-count", "2"])
        .current_dir(tmp.path())
        .env("DISCORD_TOKEN", "a-token")
        .default_database(tmp.path())
        .env_remove("SEEDS_DIR")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("SHARDS 2..=3 goes past SHARD_COUNT 2: shards are numbered 0 to 1"),
        "{}",
        stderr(&o)
    );
    assert!(
        !tmp.path().join("cliffhanger.db").exists(),
        "nothing is touched"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .args(["run", "--shards", "three", "--shard-count", "4"])
        .current_dir(tmp.path())
        .env("DISCORD_TOKEN", "a-token")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("SHARDS must be a shard range such as 0..=3"),
        "{}",
        stderr(&o)
    );
}

/// `check` refuses what `import` refuses, at the same place: a recap with
/// more sentences than a recap has room for among fact ids, and a NUL.
#[test]
fn check_and_import_refuse_the_same_recaps_at_the_same_place() {
    let cases = [
        (
            ["Karl geht."; 50_001].join(" "),
            "more than the 50000 a recap may have",
        ),
        (
            "Karl geht.\n\nKarl\u{0} kommt.".to_string(),
            "a control character (U+0000)",
        ),
    ];
    for (body, message) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let show = tmp.path().join("seeds/big");
        std::fs::create_dir_all(show.join("episodes")).unwrap();
        std::fs::write(show.join("show.toml"), "title = \"Big\"\n").unwrap();
        std::fs::write(
            show.join("episodes/s01e01.en.md"),
            format!(
                "+++\nseason = 1\nepisode = 1\ntitle = \"One\"\nlanguage = \"en\"\n+++\n\n{body}\n"
            ),
        )
        .unwrap();
        let checked = run(tmp.path(), &["check"]);
        assert_eq!(checked.status.code(), Some(1), "{}", stdout(&checked));
        let imported = run(tmp.path(), &["import"]);
        assert!(!imported.status.success());
        // The place: file, line and column, the same in both.
        let place = |text: &str| -> String {
            let line = text
                .lines()
                .find(|l| l.contains(message))
                .unwrap_or_else(|| panic!("{message} not in {text}"))
                .to_string();
            let at = line.find("s01e01.en.md:").unwrap();
            line[at..].split(": ").next().unwrap().to_string()
        };
        let from_check = place(&stdout(&checked));
        let from_import = place(&stderr(&imported));
        assert_eq!(from_check, from_import);
        assert!(from_check.starts_with("s01e01.en.md:"), "{from_check}");
    }
}
