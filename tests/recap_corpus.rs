//! Recaps written for the tests in the style of review sites (opinions,
//! asides, bullet lists, quoted lines, actors in brackets), English and
//! German, in `tests/recaps/`, with what a careful reader expects of each
//! sentence in `expect.toml`: here, that the recaps are cut into the
//! sentences and list items a reader sees.

use std::collections::BTreeMap;
use std::path::Path;

use cliffhanger::catalog::analyze;
use cliffhanger::catalog::mentions::Roster;
use cliffhanger::catalog::seed::load_seeds;
use cliffhanger::text::without_asides;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expected {
    fact: Vec<ExpectedFact>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct ExpectedFact {
    recap: String,
    text: String,
    verdict: String,
    reason: Option<String>,
    kind: Option<String>,
}

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recaps")
}

fn expected() -> Vec<ExpectedFact> {
    let text = std::fs::read_to_string(corpus().join("smash/expect.toml")).unwrap();
    toml::from_str::<Expected>(&text).unwrap().fact
}

/// Every recap's sentences as the import cuts them, actors' names in
/// brackets dropped as the questions drop them, by recap.
fn cut() -> BTreeMap<String, Vec<String>> {
    let seeds = load_seeds(&corpus()).unwrap();
    let show = &seeds.shows[0];
    let roster = Roster::new(&show.characters);
    let actor = |aside: &str| {
        show.characters
            .iter()
            .any(|c| c.played_by.as_deref() == Some(aside))
    };
    show.recaps
        .iter()
        .map(|r| {
            let name = format!("s{:02}e{:02}.{}", r.season, r.episode, r.language.code());
            let texts = analyze(r, &roster)
                .into_iter()
                .map(|f| without_asides(&f.text, actor))
                .collect();
            (name, texts)
        })
        .collect()
}

#[test]
fn recaps_are_cut_into_the_sentences_and_items_a_reader_sees() {
    let expected = expected();
    let cut = cut();
    let mut wanted: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in &expected {
        wanted
            .entry(f.recap.clone())
            .or_default()
            .push(f.text.clone());
    }
    assert_eq!(
        cut.keys().collect::<Vec<_>>(),
        wanted.keys().collect::<Vec<_>>()
    );
    let mut wrong = Vec::new();
    for (recap, texts) in &wanted {
        let got = &cut[recap];
        for t in texts {
            if !got.contains(t) {
                wrong.push(format!("{recap}: not cut as expected: {t}"));
            }
        }
        for g in got {
            if !texts.contains(g) {
                wrong.push(format!("{recap}: cut where nobody expects it: {g}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn check_takes_actors_and_words_opening_an_item_or_aside_for_no_names() {
    let report = cliffhanger::catalog::check::check(&corpus().join("."));
    assert!(report.valid);
    let seeds = load_seeds(&corpus()).unwrap();
    let actors: Vec<&str> = seeds.shows[0]
        .characters
        .iter()
        .filter_map(|c| c.played_by.as_deref())
        .collect();
    let reported: Vec<&str> = report
        .unknown_names
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    for name in &reported {
        assert!(
            !actors.iter().any(|a| a.ends_with(name)),
            "the actor {name} is reported"
        );
        assert!(
            !["Also", "But", "So", "Und", "Aber", "Doch"].contains(name),
            "{name} is reported"
        );
    }
    // The corpus names actors in brackets and opens items with such words.
    assert!(actors.len() > 10);
}
