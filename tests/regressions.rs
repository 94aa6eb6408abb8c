//! What fans found leaking, each replayed through the console over the real
//! seeds plus three more recaps (`tests/fixtures/smash-more`: the season-1
//! finale S01E15, and S02E06 "The Fringe" in English and German).

mod support;

use support::{console, scratch_with_more_recaps};

/// Runs `script` in the console over the seeds with the extra recaps.
fn play(script: &str) -> String {
    let (tmp, _) = scratch_with_more_recaps();
    let (out, err, code) = console(tmp.path(), &[], script);
    assert_eq!(code, Some(0), "{err}");
    out
}

/// The replies, one block per command (blank-line separated).
fn blocks(out: &str) -> Vec<&str> {
    out.split("\n\n").collect()
}

const AT_S01E12: &str =
    "/as mia manage:true\n/progress set episode:S01E12\n/spoilers set episode:S01E12\n";

#[test]
fn roster_text_says_nothing_of_later_episodes_in_either_language() {
    let out = play(&format!(
        "{AT_S01E12}/character Karen\n/character Derek\n/character Tom\n/locale de\n/character Karen\n"
    ));
    for later in ["Hit List", "later", "Boston", "Jimmy", "Kyle", "später"] {
        assert!(!out.contains(later), "{later}:\n{out}");
    }
    assert!(
        out.contains("Eine Newcomerin aus Iowa, die in New York kellnert"),
        "German members read the German entry:\n{out}"
    );
}

#[test]
fn the_aired_and_source_line_goes_through_the_gate() {
    // Watched to S02E06, in a channel safe to S01E12: S01E15 is wrapped,
    // its air date and source too.
    let out = play(
        "/as mia manage:true\n/progress set episode:S02E06\n/spoilers set episode:S01E12\n/episode S01E15\n/episode S01E12 reveal:true\n",
    );
    assert!(
        out.contains("== Episode ==\n||**S01E15 · Bombshell**||\nAired ||2012-05-14|| · Source: ||Curtain Call Weekly||"),
        "{out}"
    );
    assert!(!out.contains("Source: Curtain"), "{out}");
    // Within the gate, the line is plain.
    assert!(out.contains("Aired 2012-04-23 · Source: BuddyTV"), "{out}");
}

#[test]
fn trivia_headers_wrap_section_headings_past_the_gate() {
    // No horizon at all: everything in a game comes wrapped.
    let out = play(
        "/as mia manage:true\n/progress set episode:S02E06\n/trivia start up_to:S01E15 spoilers:true questions:5 seconds:20\n/trivia skip\n/trivia skip\n/trivia skip\n/trivia skip\n",
    );
    let headers: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("**Question "))
        .collect();
    assert_eq!(headers.len(), 5, "{out}");
    for h in &headers {
        if let Some((_, section)) = h.split_once("** · ") {
            assert!(
                section.starts_with("||") && section.ends_with("||"),
                "a section heading outside the gate shows plain: {h}"
            );
        }
    }
    assert!(
        headers.iter().any(|h| h.contains("** · ||")),
        "some questions have a section: {headers:?}"
    );
}

#[test]
fn a_lowered_horizon_takes_effect_at_the_next_post_of_a_running_game() {
    let out = play(
        "/as mia manage:true\n/progress set episode:S02E06\n/spoilers set episode:S02E06\n\
         /trivia start up_to:S02E06 questions:8 seconds:20\n\
         /spoilers set episode:S01E01\n\
         /trivia skip\n/trivia skip\n/trivia skip\n/trivia skip\n/trivia skip\n/trivia skip\n/trivia skip\n/trivia skip\n",
    );
    let lowered = out
        .find("This channel may now discuss Smash up to S01E01.")
        .expect("the horizon was lowered");
    let after = &out[lowered..];
    // Every question and reveal posted after it: all from past S01E01,
    // so wrapped, whatever the game's horizon was at its start.
    let mut seen = 0;
    for block in blocks(after) {
        let mut lines = block.lines();
        let Some(first) = lines.next() else { continue };
        if first.starts_with("**Question ") {
            seen += 1;
            let prompt = lines.next().unwrap_or_default();
            assert!(
                prompt.starts_with("||") && prompt.ends_with("||"),
                "{block}"
            );
            for choice in lines.filter(|l| l.starts_with("**") && l.contains(")** ")) {
                let text = choice.split_once(")** ").unwrap().1;
                assert!(text.starts_with("||"), "{block}");
            }
        }
        if first.starts_with("Answer: ") {
            assert!(first.starts_with("Answer: ||"), "{block}");
        }
    }
    assert!(seen >= 7, "questions after the change: {seen}\n{out}");
}

#[test]
fn later_titles_are_never_candidates() {
    let out = play(&format!(
        "{AT_S01E12}/progress set episode:The\n/progress set episode:Nonexistent\n\
         /trivia start up_to:Fringe\n/trivia start up_to:Zzyzxq\n/episode The Fringe\n/episode Zzyzxq Qqq\n"
    ));
    assert!(
        !out.contains("Did you mean"),
        "no later title is offered:\n{out}"
    );
    assert!(!out.contains("S02E06"), "{out}");
    assert!(!out.contains("Dress Rehearsal"), "{out}");
    let b = blocks(&out);
    let reply = |input: &str| {
        b.iter()
            .find(|x| x.contains(&format!("“{input}”")))
            .unwrap_or_else(|| panic!("a reply quoting {input}: {out}"))
            .trim()
            .replace(input, "…")
    };
    assert_eq!(reply("The"), reply("Nonexistent"));
    assert_eq!(reply("Fringe"), reply("Zzyzxq"));
    assert_eq!(reply("The Fringe"), reply("Zzyzxq Qqq"));
}

#[test]
fn the_note_on_later_episodes_is_the_same_whatever_is_hidden() {
    let out = play(&format!(
        "{AT_S01E12}/search engagement\n/search pregnant\n/search Jimmy\n/character Leo\n/character Rebecca\n"
    ));
    let notes: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with('(') && l.ends_with(')'))
        .collect();
    assert_eq!(notes.len(), 5, "{out}");
    assert!(
        notes
            .iter()
            .all(|n| *n == "(Later episodes may tell more: add reveal:true to see them privately.)"),
        "{notes:#?}"
    );
    assert!(!out.contains("hidden"), "{out}");
}

#[test]
fn about_counts_only_what_the_member_may_see() {
    let out = play(&format!("{AT_S01E12}/about\n"));
    assert!(
        out.contains("Smash: 1 episode, 27 facts from 1 recap (English), "),
        "{out}"
    );
}

#[test]
fn trivia_keeps_within_the_starters_own_progress() {
    // A member at S01E12 starts a game in a channel safe to S02E11.
    let out = play(
        "/as mod manage:true\n/progress set episode:S02E11\n/spoilers set episode:S02E11\n\
         /as mia\n/progress set episode:S01E12\n\
         /trivia start questions:6 seconds:20\n\
         /trivia skip\n/trivia skip\n/trivia skip\n/trivia skip\n/trivia skip\n/trivia skip\n",
    );
    assert!(
        out.contains("questions from Smash up to S01E12"),
        "the scope is the narrower of the two:\n{out}"
    );
    for line in out.lines().filter(|l| l.starts_with("**Question ")) {
        assert!(line.contains(" · S01E12**"), "{line}");
    }
    assert!(!out.contains("Jimmy"), "{out}");
    // Past the starter's progress only with spoilers:true, and then wrapped.
    let out = play(
        "/as mod manage:true\n/spoilers set episode:S02E11\n\
         /as mia\n/progress set episode:S01E12\n/trivia start up_to:S02E11 questions:3\n",
    );
    assert!(
        out.contains("S02E11 is past what this game may show plainly (up to S01E12"),
        "{out}"
    );
}
