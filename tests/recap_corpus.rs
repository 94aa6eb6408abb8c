//! Recaps written for the tests in the style of review sites (opinions,
//! asides, bullet lists, quoted lines, actors in brackets), English and
//! German, in `tests/recaps/`, with what a careful reader expects of each
//! sentence in `expect.toml`: here, that the recaps are cut into the
//! sentences and list items a reader sees.

use std::collections::BTreeMap;
use std::path::Path;

use cliffhanger::catalog::analyze;
use cliffhanger::catalog::mentions::{Roster, Target};
use cliffhanger::catalog::seed::load_seeds;
use cliffhanger::quiz::filter::judge;
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

/// The verdict of the question filter on every fact of the corpus, beside
/// the expected one: (recap, text, expected, judged).
fn verdicts() -> Vec<(String, String, String, String)> {
    let seeds = load_seeds(&corpus()).unwrap();
    let show = &seeds.shows[0];
    let roster = Roster::new(&show.characters);
    let expected = expected();
    let mut out = Vec::new();
    let mut next = 0;
    for r in &show.recaps {
        for f in analyze(r, &roster) {
            let names: Vec<std::ops::Range<usize>> = f
                .names
                .iter()
                .filter(|m| matches!(m.target, Target::Character(_)))
                .map(|m| m.start..m.end)
                .collect();
            let judged = judge(r.language, &f.text, &names).map_or("keep", |s| s.reason());
            let e = &expected[next];
            next += 1;
            let wanted = e.reason.clone().unwrap_or_else(|| e.verdict.clone());
            out.push((e.recap.clone(), e.text.clone(), wanted, judged.to_string()));
        }
    }
    out
}

#[test]
fn the_question_filter_agrees_with_a_careful_reader() {
    let verdicts = verdicts();
    let total = verdicts.len();
    let same = verdicts.iter().filter(|(_, _, e, j)| e == j).count();
    let kept: Vec<_> = verdicts.iter().filter(|(_, _, _, j)| j == "keep").collect();
    let kept_wrongly = kept.iter().filter(|(_, _, e, _)| e != "keep").count();
    let wanted_kept = verdicts.iter().filter(|(_, _, e, _)| e == "keep").count();
    let kept_rightly = kept.len() - kept_wrongly;
    let report: Vec<String> = verdicts
        .iter()
        .filter(|(_, _, e, j)| e != j)
        .map(|(r, t, e, j)| format!("{r}: expected {e}, judged {j}: {t}"))
        .collect();
    let summary = format!(
        "{same} of {total} verdicts agree; {} kept, {kept_wrongly} of them should not be; \
         {kept_rightly} of {wanted_kept} good facts kept\n{}",
        kept.len(),
        report.join("\n")
    );
    // What is kept makes the questions: at most one in twenty should not
    // be (5 of 137 when written).
    assert!(kept_wrongly * 20 <= kept.len(), "{summary}");
    // Nearly all a reader would ask about is kept (132 of 133).
    assert!(kept_rightly * 10 >= wanted_kept * 9, "{summary}");
    // And the reasons agree for nearly every fact (261 of 273).
    assert!(same * 100 >= total * 93, "{summary}");
}
