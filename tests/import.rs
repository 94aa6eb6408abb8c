//! Importing: all or nothing, nothing written when nothing changed, a
//! changed recap replaces its own facts only, identities survive.

mod support;

use std::fs;
use std::path::Path;

use cliffhanger::import::{Change, ImportError, Refreshed, import_dir, refresh, seeds_as_imported};
use cliffhanger::store::Db;
use support::{dump, edit, open, scratch};

/// (id, language, text) of every fact.
async fn facts(db: &Db) -> Vec<(i64, String, String)> {
    support::on_db!(db, |pool| sqlx::query_as(
        "SELECT id, language, text FROM facts ORDER BY id"
    )
    .fetch_all(pool)
    .await)
    .unwrap()
}

async fn ids(db: &Db, sql: &'static str) -> Vec<(i64, String)> {
    support::on_db!(db, |pool| sqlx::query_as(sql).fetch_all(pool).await).unwrap()
}

async fn import_seeds(
    dir: &Path,
    seeds: &Path,
) -> Result<cliffhanger::import::ImportReport, ImportError> {
    let db = open(dir).await;
    let result = import_dir(&db, seeds).await;
    db.close().await;
    result
}

#[tokio::test]
async fn unchanged_reimport_writes_nothing() {
    let (tmp, seeds) = scratch();
    let first = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert_eq!(first.totals.shows, 1);
    assert_eq!(first.totals.episodes, 2);
    assert_eq!(first.totals.recaps, 2);
    assert_eq!(first.totals.facts, 48);
    assert!(first.rows_written > 48);
    let before = dump(tmp.path()).await;
    assert!(before.contains("[facts] 48 rows"), "the dump sees the data");

    let again = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert_eq!(again.changed, vec![]);
    assert_eq!(again.rows_written, 0);
    assert_eq!(again.totals, first.totals);
    assert!(dump(tmp.path()).await == before, "the database changed");
}

/// Each broken seed must fail with its place and leave the database as it was.
#[tokio::test]
async fn broken_seed_files_fail_with_their_place_and_change_nothing() {
    let cases: &[(&str, &str, &str, &str, usize, &str)] = &[
        // (file, replace, with, expected path suffix, line, message part)
        (
            "show.toml",
            "title = \"Smash\"",
            "title = \"Smash",
            "smash/show.toml",
            0,
            "fix the TOML",
        ),
        (
            "show.toml",
            "name = \"Dev Sundaram\"\n",
            "",
            "smash/show.toml",
            1,
            "has no `name`",
        ),
        (
            "show.toml",
            "kind = \"role\"",
            "kind = \"rolle\"",
            "smash/show.toml",
            0,
            "kind \"rolle\"",
        ),
        (
            "show.toml",
            "in_production = \"Bombshell\"",
            "in_production = \"Bombshel\"",
            "smash/show.toml",
            0,
            "names no production",
        ),
        (
            "show.toml",
            "pronouns = \"she\"",
            "pronouns = \"her\"",
            "smash/show.toml",
            0,
            "pronouns = \"her\" is not one of \"he\", \"she\" or \"they\"",
        ),
        (
            "show.toml",
            "{ from = \"S01E01\", text = \"A newcomer from Iowa, waiting",
            "{ from = \"the pilot\", text = \"A newcomer from Iowa, waiting",
            "smash/show.toml",
            1,
            "`about` entry 1 has from = \"the pilot\", which is no episode code",
        ),
        (
            "show.toml",
            "{ from = \"S01E01\", language = \"de\", text = \"Eine Newcomerin",
            "{ from = \"S01E01\", language = \"fr\", text = \"Eine Newcomerin",
            "smash/show.toml",
            2,
            "`about` entry 2 has language = \"fr\"",
        ),
        (
            "episodes/s01e12.en.md",
            "language = \"en\"",
            "language = \"fr\"",
            "s01e12.en.md",
            5,
            "unknown language \"fr\"",
        ),
        (
            "episodes/s01e12.en.md",
            "title = \"Publicity\"\n",
            "",
            "s01e12.en.md",
            2,
            "no `title`",
        ),
        (
            "episodes/s01e12.en.md",
            "season = 1\n",
            "season = 0\n",
            "s01e12.en.md",
            2,
            "season 0 (a special) has no place in the watch order yet",
        ),
        (
            "episodes/s01e12.en.md",
            "episode = 12",
            "episode = twelve",
            "s01e12.en.md",
            3,
            "fix the TOML",
        ),
        (
            "episodes/s02e11.de.md",
            "+++\n\nTom",
            "\nTom",
            "s02e11.de.md",
            1,
            "never closed",
        ),
        (
            "episodes/s02e11.de.md",
            "Tom wacht auf.",
            "Tom wacht auf.\n\n### Szene",
            "s02e11.de.md",
            12,
            "`## Section`",
        ),
        // A NUL byte: PostgreSQL would refuse it where SQLite stores it,
        // so both refuse it here, with its place.
        (
            "episodes/s02e11.de.md",
            "Tom wacht auf.",
            "Tom wacht\u{0} auf.",
            "s02e11.de.md",
            10,
            "a control character (U+0000)",
        ),
    ];
    for (file, from, to, path_end, line, message) in cases {
        let (tmp, seeds) = scratch();
        import_seeds(tmp.path(), &seeds).await.unwrap();
        let before = dump(tmp.path()).await;

        // In show.toml, which grows, the place is given as lines before
        // the edited one.
        let original = std::fs::read_to_string(seeds.join("smash").join(file)).unwrap();
        let line = &if *file == "show.toml" {
            let edited = original[..original.find(from).unwrap()]
                .matches('\n')
                .count()
                + 1;
            edited - line
        } else {
            *line
        };
        edit(&seeds.join("smash").join(file), from, to);
        let err = match import_seeds(tmp.path(), &seeds).await {
            Err(ImportError::Seeds(e)) => e,
            other => panic!("{file}: expected a seed error, got {other:?}"),
        };
        let e = &err.0[0];
        assert!(e.path.ends_with(path_end), "{file}: {e}");
        assert_eq!(e.line, Some(*line), "{file}: {e}");
        assert!(e.column.is_some(), "{file}: {e}");
        assert!(e.message.contains(message), "{file}: {e}");
        let shown = e.to_string();
        assert!(shown.contains(&format!("{path_end}:{line}:")), "{shown}");
        assert!(
            dump(tmp.path()).await == before,
            "{file}: the database changed"
        );
    }
}

#[tokio::test]
async fn a_second_recap_of_the_same_episode_and_language_is_refused() {
    let (tmp, seeds) = scratch();
    let episodes = seeds.join("smash/episodes");
    fs::copy(
        episodes.join("s01e12.en.md"),
        episodes.join("publicity-copy.en.md"),
    )
    .unwrap();
    let err = match import_seeds(tmp.path(), &seeds).await {
        Err(ImportError::Seeds(e)) => e,
        other => panic!("expected a seed error, got {other:?}"),
    };
    assert_eq!(err.0.len(), 1);
    let e = &err.0[0];
    assert!(e.path.ends_with("s01e12.en.md"), "{e}");
    assert_eq!((e.line, e.column), (Some(1), Some(1)));
    assert!(
        e.message.contains("a second English recap of S01E12"),
        "{e}"
    );
    assert!(e.message.contains("publicity-copy.en.md"), "{e}");
    // Nothing was created either.
    let db = open(tmp.path()).await;
    assert_eq!(db.totals().await.unwrap().shows, 0);
}

#[tokio::test]
async fn a_failure_inside_the_transaction_rolls_everything_back() {
    let (tmp, seeds) = scratch();
    import_seeds(tmp.path(), &seeds).await.unwrap();
    // Make the database refuse one fact of the German recap, then change
    // both recaps: the English one would import fine on its own.
    let db = open(tmp.path()).await;
    support::inject_fault(&db, "INSERT", "facts", "NEW.text LIKE '%Tom schläft%'").await;
    let before = facts(&db).await;
    db.close().await;
    let all = dump(tmp.path()).await;

    edit(
        &seeds.join("smash/episodes/s01e12.en.md"),
        "Let's see",
        "Let us see",
    );
    edit(
        &seeds.join("smash/episodes/s02e11.de.md"),
        "Tom wacht auf.",
        "Tom schläft.",
    );
    match import_seeds(tmp.path(), &seeds).await {
        Err(ImportError::Database(e)) => assert!(format!("{e:#}").contains("injected"), "{e:#}"),
        other => panic!("expected a database error, got {other:?}"),
    }
    assert!(dump(tmp.path()).await == all, "the database changed");
    let db = open(tmp.path()).await;
    assert_eq!(facts(&db).await, before);
}

#[tokio::test]
async fn a_changed_recap_replaces_only_its_own_facts() {
    let (tmp, seeds) = scratch();
    import_seeds(tmp.path(), &seeds).await.unwrap();
    let db = open(tmp.path()).await;
    let before = facts(&db).await;
    let episodes = ids(&db, "SELECT id, title FROM episodes ORDER BY id").await;
    let characters = ids(&db, "SELECT id, slug FROM characters ORDER BY id").await;
    db.close().await;

    edit(
        &seeds.join("smash/episodes/s01e12.en.md"),
        "And she impresses everyone.",
        "And she impresses everyone. Tom applauds.",
    );
    let report = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert_eq!(
        report.changed,
        vec![Change::RecapUpdated {
            show: "smash".into(),
            episode: "S01E12".into(),
            language: "en".into(),
            path: seeds
                .join("smash/episodes/s01e12.en.md")
                .display()
                .to_string(),
            facts: 28,
        }]
    );

    let db = open(tmp.path()).await;
    let after = facts(&db).await;
    let german = |f: &Vec<(i64, String, String)>| {
        f.iter()
            .filter(|x| x.1 == "de")
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        german(&after),
        german(&before),
        "German facts kept their ids and text"
    );
    let english: Vec<&str> = after
        .iter()
        .filter(|x| x.1 == "en")
        .map(|x| x.2.as_str())
        .collect();
    assert_eq!(english.len(), 28);
    assert_eq!(english[26], "Tom applauds.");
    // Fact ids follow (show, episode, language, position): the sentences
    // before the new one keep theirs, the ones after it moved up by one.
    let ids_of = |f: &Vec<(i64, String, String)>| {
        f.iter()
            .filter(|x| x.1 == "en")
            .map(|x| x.0)
            .collect::<Vec<_>>()
    };
    let (old, new) = (ids_of(&before), ids_of(&after));
    assert_eq!(new.len(), old.len() + 1);
    assert_eq!(&new[..old.len()], &old[..]);
    assert_eq!(new[27], old[26] + 1);
    let texts_before: Vec<&str> = before
        .iter()
        .filter(|x| x.1 == "en")
        .map(|x| x.2.as_str())
        .collect();
    assert_eq!(&english[..26], &texts_before[..26]);
    assert_eq!(english[27], texts_before[26]);
    assert_eq!(
        ids(&db, "SELECT id, title FROM episodes ORDER BY id").await,
        episodes
    );
    assert_eq!(
        ids(&db, "SELECT id, slug FROM characters ORDER BY id").await,
        characters
    );
    // The new sentence is tagged, and the search index follows the facts.
    let tom: i64 = support::on_db!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM mentions m JOIN facts f ON f.id = m.fact_id WHERE f.text = 'Tom applauds.'",
    )
    .fetch_one(pool).await)
    .unwrap();
    assert_eq!(tom, 1);
}

#[tokio::test]
async fn a_changed_roster_tags_kept_facts_again_and_keeps_identities() {
    let (tmp, seeds) = scratch();
    import_seeds(tmp.path(), &seeds).await.unwrap();
    let db = open(tmp.path()).await;
    let before = facts(&db).await;
    let karen: i64 = support::on_db!(db, |pool| sqlx::query_scalar(
        "SELECT id FROM characters WHERE slug = 'karen-cartwright'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    db.close().await;

    // A new character, and Dev loses his short name.
    let show = seeds.join("smash/show.toml");
    let text = fs::read_to_string(&show).unwrap();
    fs::write(
        &show,
        format!("{text}\n[[characters]]\nname = \"Paparazzi\"\nkind = \"person\"\n").replace(
            "aliases = [\"Dev\", \"Sundaram\"]",
            "aliases = [\"Sundaram\"]",
        ),
    )
    .unwrap();
    edit(&show, "\"Tequila\",", "");
    let report = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert!(report.changed.contains(&Change::ShowUpdated {
        show: "smash".into()
    }));
    assert!(report.changed.contains(&Change::CharacterAdded {
        show: "smash".into(),
        character: "Paparazzi".into()
    }));
    assert!(report.changed.contains(&Change::CharacterUpdated {
        show: "smash".into(),
        character: "Dev Sundaram".into()
    }));
    assert!(
        report
            .changed
            .iter()
            .any(|c| matches!(c, Change::MentionsRetagged { facts: 48, .. }))
    );
    assert!(
        !report
            .changed
            .iter()
            .any(|c| matches!(c, Change::RecapUpdated { .. }))
    );

    let db = open(tmp.path()).await;
    assert_eq!(facts(&db).await, before, "facts kept their ids");
    let karen_after: i64 = support::on_db!(db, |pool| sqlx::query_scalar(
        "SELECT id FROM characters WHERE slug = 'karen-cartwright'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(karen_after, karen);
    let dev: i64 = support::on_db!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM mentions m JOIN characters c ON c.id = m.character_id WHERE c.slug = 'dev-sundaram'",
    )
    .fetch_one(pool).await)
    .unwrap();
    assert_eq!(dev, 0, "\"Dev\" no longer tags Dev Sundaram");
    let by_name = report
        .mentions_by_character
        .iter()
        .find(|m| m.name == "Karen Cartwright")
        .unwrap();
    assert_eq!(by_name.mentions, 11);
}

#[tokio::test]
async fn moved_and_removed_recaps() {
    let (tmp, seeds) = scratch();
    import_seeds(tmp.path(), &seeds).await.unwrap();
    let episodes = seeds.join("smash/episodes");

    fs::rename(
        episodes.join("s01e12.en.md"),
        episodes.join("publicity.en.md"),
    )
    .unwrap();
    let report = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert!(
        matches!(report.changed.as_slice(), [Change::RecapMoved { episode, .. }] if episode == "S01E12"),
        "{:?}",
        report.changed
    );
    assert_eq!(report.rows_written, 1);

    fs::remove_file(episodes.join("s02e11.de.md")).unwrap();
    let report = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert_eq!(
        report.changed,
        vec![
            Change::RecapRemoved {
                show: "smash".into(),
                episode: "S02E11".into(),
                language: "de".into()
            },
            Change::EpisodeRemoved {
                show: "smash".into(),
                episode: "S02E11".into()
            },
        ]
    );
    assert_eq!(report.totals.facts, 27);
    assert_eq!(report.totals.episodes, 1);
    assert_eq!(report.totals.characters, 27);
}

#[tokio::test]
async fn a_second_language_recap_joins_its_episode() {
    let (tmp, seeds) = scratch();
    import_seeds(tmp.path(), &seeds).await.unwrap();
    fs::write(
        seeds.join("smash/episodes/s01e12.de.md"),
        "+++\nseason = 1\nepisode = 12\ntitle = \"Publicity\"\nlanguage = \"de\"\n+++\n\nLeo läuft weg. Julias Sohn schläft bei einem Freund.\n",
    )
    .unwrap();
    let report = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert_eq!(report.totals.episodes, 2);
    assert_eq!(report.totals.recaps, 3);
    assert_eq!(report.totals.facts, 50);
    assert!(
        matches!(report.changed.as_slice(), [Change::RecapAdded { language, facts: 2, .. }] if language == "de")
    );
}

#[tokio::test]
async fn the_benchmark_seed_set_imports_and_reimports_without_writes() {
    // Correctness of what `cliffhanger bench import` measures, at a small
    // size; its speed is only ever printed by the benchmark itself.
    let figures = cliffhanger::bench::import(25, 10).await.unwrap();
    // 25 English recaps and a German one for episodes 0, 5, 10, 15 and 20.
    assert_eq!(figures.episodes, 25);
    assert_eq!(figures.recaps, 30);
    // Ten sentences each.
    assert_eq!(figures.facts, 300);
    assert!(
        figures.mentions >= 2 * 300,
        "every synthetic sentence names two characters"
    );
    assert_eq!(figures.unchanged_rows, 0);
    // The changed recap's 10 facts gave way to 11, with their mentions.
    assert!(
        figures.one_changed_rows > 21,
        "{}",
        figures.one_changed_rows
    );
}

#[tokio::test]
async fn a_changed_question_file_replaces_only_the_questions() {
    let (tmp, seeds) = scratch();
    let first = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert!(first.changed.contains(&Change::QuestionsReplaced {
        show: "smash".into(),
        questions: 3
    }));
    let db = open(tmp.path()).await;
    let before = facts(&db).await;
    db.close().await;

    edit(
        &seeds.join("smash/questions/smash.toml"),
        "\"Espresso\"",
        "\"Cold brew\"",
    );
    let report = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert_eq!(
        report.changed,
        vec![Change::QuestionsReplaced {
            show: "smash".into(),
            questions: 3
        }]
    );
    let db = open(tmp.path()).await;
    assert_eq!(facts(&db).await, before);
    let wrong: Vec<String> = support::on_db!(db, |pool| sqlx::query_scalar(
        "SELECT wrong FROM questions ORDER BY line"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(wrong[1], "[\"Tequila shots\",\"Green tea\",\"Cold brew\"]");

    // Without question files, the show has none.
    db.close().await;
    fs::remove_dir_all(seeds.join("smash/questions")).unwrap();
    let report = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert_eq!(
        report.changed,
        vec![Change::QuestionsReplaced {
            show: "smash".into(),
            questions: 0
        }]
    );
}

/// Two processes importing different seeds into one new database at once
/// take turns (SQLite's write lock, PostgreSQL's advisory lock): both
/// succeed, neither sees a half-written catalog, and what stays is the
/// catalog of the one that went second, whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_of_two_processes_at_once_take_turns() {
    let (tmp, seeds) = scratch();
    let more = tmp.path().join("more");
    support::copy_dir(&seeds, &more);
    support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smash-more"),
        &more.join("smash/episodes"),
    );
    let (first, second) = (open(tmp.path()).await, open(tmp.path()).await);
    let (a, b) = tokio::join!(import_dir(&first, &seeds), import_dir(&second, &more));
    let (a, b) = (a.unwrap(), b.unwrap());
    let episodes = first.totals().await.unwrap().episodes;
    assert!(episodes == 2 || episodes == 4, "{episodes} episodes");
    // Whichever went second left its own seeds whole: importing them again
    // changes nothing.
    let last = if episodes == 4 { &more } else { &seeds };
    let again = import_dir(&first, last).await.unwrap();
    assert!(again.changed.is_empty(), "{:?}", again.changed);
    assert_eq!(again.rows_written, 0);
    assert!(a.totals.episodes >= 2 && b.totals.episodes >= 2);
    first.close().await;
    second.close().await;
}

/// An import holds each recap without its text once it is checked, and
/// reads it again to analyse it: a file edited in between is not imported
/// half old, half new; the import stops with the file's name and writes
/// nothing.
#[tokio::test]
async fn a_recap_changed_after_its_check_stops_the_import_and_writes_nothing() {
    let (tmp, seeds) = scratch();
    let db = open(tmp.path()).await;
    let checked = cliffhanger::seeds::seed::load_seeds_lean(&seeds).unwrap();
    assert!(
        checked.shows[0].recaps.iter().all(|r| !r.has_body()),
        "the recaps are held without their text"
    );
    edit(
        &seeds.join("smash/episodes/s02e11.de.md"),
        "Tom wacht auf.",
        "Tom schläft.",
    );
    let err = cliffhanger::import::import(&db, &checked)
        .await
        .expect_err("the file changed after it was checked");
    let said = format!("{err:#}");
    assert!(
        said.contains("s02e11.de.md") && said.contains("changed while it was being imported"),
        "{said}"
    );
    // A problem of the seeds, with its place, as a reload reports it.
    assert!(
        matches!(ImportError::from_import(err), ImportError::Seeds(_)),
        "{said}"
    );
    assert_eq!(db.totals().await.unwrap().facts, 0, "nothing was written");
    db.close().await;
    // Imported again, it is read as it is now.
    let report = import_seeds(tmp.path(), &seeds).await.unwrap();
    assert_eq!(report.totals.facts, 48);
    let db = open(tmp.path()).await;
    assert!(
        facts(&db)
            .await
            .iter()
            .any(|(_, _, text)| text == "Tom schläft.")
    );
    db.close().await;
}

/// Held without their text, the recaps still say whom they name: a name
/// two characters share ("Houston") is tagged as the one known by then
/// exactly as when every recap is held whole.
#[tokio::test]
async fn an_import_of_recaps_held_without_their_text_writes_what_a_whole_one_does() {
    let (lean, seeds) = scratch();
    // Leo is known only from the recap that names him in full, Julia from
    // the roster: "Houston" there is either of them, so it tags neither.
    edit(
        &seeds.join("smash/show.toml"),
        r#"  { from = "S01E01", text = "Julia's teenage son." },
  { from = "S01E01", language = "de", text = "Julias Sohn im Teenageralter." },
"#,
        "",
    );
    edit(
        &seeds.join("smash/episodes/s02e11.de.md"),
        "Tom wacht auf.",
        "Tom wacht auf. Leo Houston lacht. Houston schläft.",
    );
    import_seeds(lean.path(), &seeds).await.unwrap();
    let whole = tempfile::tempdir().unwrap();
    let db = open(whole.path()).await;
    let loaded = cliffhanger::seeds::seed::load_seeds(&seeds).unwrap();
    assert!(loaded.shows[0].recaps.iter().all(|r| r.has_body()));
    cliffhanger::import::import(&db, &loaded).await.unwrap();
    db.close().await;
    // Every table but the migrations' own record (which says when each ran).
    let catalog = |dump: String| {
        dump.split("\n[")
            .filter(|table| !table.contains("_sqlx_migrations]"))
            .collect::<Vec<_>>()
            .join("\n[")
    };
    let (a, b) = (
        catalog(dump(lean.path()).await),
        catalog(dump(whole.path()).await),
    );
    assert!(
        a.contains("[mentions]") && !a.contains("_sqlx_migrations"),
        "{a}"
    );
    assert!(a == b, "the two imports differ");
    let db = open(lean.path()).await;
    let houston: Vec<(i64, String)> = ids(
        &db,
        "SELECT m.fact_id, c.slug FROM mentions m JOIN characters c ON c.id = m.character_id
         JOIN facts f ON f.id = m.fact_id WHERE f.text = 'Houston schläft.'",
    )
    .await;
    assert_eq!(houston, vec![], "a name both share tags neither");
    db.close().await;
}

/// A folder whose files were all left alone since the catalog imported
/// it is not read again; any change to a file, a file added, or a change
/// to the catalog made elsewhere reads it whole again.
#[tokio::test]
async fn seeds_that_look_as_they_did_at_their_import_are_not_read_again() {
    let (tmp, seeds) = scratch();
    let db = open(tmp.path()).await;
    // Just written: a look at them is not yet trusted, and nothing is
    // recorded for them.
    import_dir(&db, &seeds).await.unwrap();
    assert!(!seeds_as_imported(&db, &seeds).await.unwrap());
    // Once still for longer than any file system's tick, an import
    // records how the folder looked.
    std::thread::sleep(std::time::Duration::from_millis(
        cliffhanger::seeds::look::SETTLE_MS as u64 + 200,
    ));
    let again = import_dir(&db, &seeds).await.unwrap();
    assert_eq!(again.changed, vec![]);
    assert!(seeds_as_imported(&db, &seeds).await.unwrap());
    assert!(matches!(
        refresh(&db, &seeds).await.unwrap(),
        Refreshed::AsImported
    ));

    // A recap edited: read whole, and its change imported.
    edit(
        &seeds.join("smash/episodes/s01e12.en.md"),
        "And she impresses everyone.",
        "And she impresses everyone. Tom applauds.",
    );
    assert!(!seeds_as_imported(&db, &seeds).await.unwrap());
    let Refreshed::Imported(report) = refresh(&db, &seeds).await.unwrap() else {
        panic!("an edited recap must be read");
    };
    assert_eq!(report.changed.len(), 1, "{:?}", report.changed);
    // Read so just after the edit, the look is not trusted yet: the next
    // start reads the folder again, and finds nothing more to do.
    let Refreshed::Imported(report) = refresh(&db, &seeds).await.unwrap() else {
        panic!("a look taken just after an edit must not be trusted");
    };
    assert_eq!(report.changed, vec![]);

    // A file added beside the recaps, even one no import reads.
    std::thread::sleep(std::time::Duration::from_millis(
        cliffhanger::seeds::look::SETTLE_MS as u64 + 200,
    ));
    import_dir(&db, &seeds).await.unwrap();
    assert!(seeds_as_imported(&db, &seeds).await.unwrap());
    fs::write(seeds.join("smash/notes.txt"), "a note").unwrap();
    assert!(!seeds_as_imported(&db, &seeds).await.unwrap());
    fs::remove_file(seeds.join("smash/notes.txt")).unwrap();

    // The catalog changed by an import of another folder: this one is
    // read again, whatever it looks like.
    std::thread::sleep(std::time::Duration::from_millis(
        cliffhanger::seeds::look::SETTLE_MS as u64 + 200,
    ));
    import_dir(&db, &seeds).await.unwrap();
    assert!(seeds_as_imported(&db, &seeds).await.unwrap());
    let other = tmp.path().join("other");
    support::copy_dir(&seeds, &other);
    edit(
        &other.join("smash/episodes/s01e12.en.md"),
        "And she impresses everyone.",
        "And she impresses everyone. Ivy sulks.",
    );
    import_dir(&db, &other).await.unwrap();
    assert!(!seeds_as_imported(&db, &seeds).await.unwrap());
    let Refreshed::Imported(report) = refresh(&db, &seeds).await.unwrap() else {
        panic!("a catalog changed elsewhere must be read against the folder");
    };
    assert!(
        report
            .changed
            .iter()
            .any(|c| matches!(c, Change::RecapUpdated { episode, .. } if episode == "S01E12")),
        "{:?}",
        report.changed
    );
    db.close().await;
}
