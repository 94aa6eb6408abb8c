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
        out.contains("== Episode ==\n||**S01E15 · Bombshell**||\n||Aired 2012-05-14 · Source: Curtain Call Weekly||"),
        "{out}"
    );
    assert!(!out.contains("\nAired 2012-05-14"), "{out}");
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
            // The prompt, and the sentence it goes on from when that is
            // shown above it (in italics).
            let mut lines = lines.peekable();
            while let Some(line) = lines.next_if(|l| !l.starts_with("**A)**")) {
                let line = line.trim_matches('*');
                assert!(line.starts_with("||") && line.ends_with("||"), "{block}");
            }
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

// Six leaks that no later word gives away: each reply below depended on
// what the member may not see. Each test compares what a member is told
// with what the same member is told where the hidden part is different or
// missing, or reads the reply as Discord renders it.

/// The trivia questions a script's reports leave on the review list, then
/// what a moderator at S01E12 in a channel at S01E05, and one with neither
/// progress nor horizon, read there.
#[test]
fn the_review_list_holds_only_questions_within_the_moderators_progress() {
    let mut script = String::from(
        "/as ann manage:true\n/channel later\n/progress set episode:S02E11\n/spoilers set episode:S02E11\n/trivia start questions:12 seconds:10 mode:choices\n",
    );
    for _ in 0..12 {
        script.push_str("/wait 11\n/trivia report\n");
    }
    script.push_str("/trivia review\n");
    script.push_str("/as mia manage:true\n/channel early\n/progress set episode:S01E12\n/spoilers set episode:S01E05\n/trivia review\n");
    script.push_str("/as zed manage:true\n/channel nothing\n/trivia review\n");
    let out = play(&script);
    let reviews: Vec<&str> = out.split("== Trivia review").skip(1).collect();
    assert_eq!(reviews.len(), 3, "{out}");
    // Ann, who has watched it all, has later questions on her list: ones
    // Mia's lacks.
    let ids = |r: &str| -> Vec<String> {
        r.lines()
            .filter_map(|l| {
                l.strip_prefix("Question id: ")
                    .or_else(|| l.strip_prefix("-- ").and_then(|x| x.strip_suffix(" --")))
            })
            .map(str::to_string)
            .collect()
    };
    let later_id = ids(reviews[0])
        .into_iter()
        .find(|id| !reviews[1].contains(id.as_str()))
        .expect("a question on Ann's list and not on Mia's");
    // Mia reads none of them, not even wrapped; her count is hers.
    for later in ["S01E15", "S02E06", "S02E11", "Ana Vargas", "Jimmy", "Kyle"] {
        assert!(!reviews[1].contains(later), "{later}: {}", reviews[1]);
    }
    let count = |r: &str| -> usize {
        r.split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(usize::MAX)
    };
    assert!(count(reviews[1]) < count(reviews[0]), "{out}");
    // Zed has said nothing of how far he has watched: nothing is listed.
    assert!(
        reviews[2].starts_with(" · 0 questions =="),
        "{}",
        reviews[2]
    );
    // Acting on a question past her progress reads as an unknown id.
    let later_id = later_id.as_str();
    let acted = play(&format!(
        "{script}/as mia manage:true\n/channel early\n/trivia review question:{later_id} action:retire\n/trivia review question:0000000000000000 action:retire\n"
    ));
    // The last two replies, each "[only you can see this]" and one line.
    let lines: Vec<&str> = acted.lines().filter(|l| !l.is_empty()).collect();
    let (later, unknown) = (lines[lines.len() - 3], lines[lines.len() - 1]);
    assert!(later.contains(later_id), "{acted}");
    assert_eq!(
        later.replace(later_id, "ID"),
        unknown.replace("0000000000000000", "ID"),
        "{acted}"
    );
}

#[test]
fn an_episode_past_the_channels_horizon_shows_its_code_and_cast_only_wrapped() {
    let out = play(
        "/as mia manage:true\n/progress set episode:S02E06\n/spoilers set episode:S01E12\n/episode The Fringe\n",
    );
    let reply = out.split("\n== ").last().unwrap();
    assert!(
        reply.starts_with("Episode ==\n||**S02E06 · The Fringe**||"),
        "{reply}"
    );
    // Every line is wrapped whole: whether it has an air date, how many
    // it names, which languages it is told in is the episode's too.
    let body: Vec<&str> = reply
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('('))
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(body.len() > 3, "{reply}");
    for line in &body {
        assert!(line.starts_with("||") && line.ends_with("||"), "{line}");
    }
    assert!(
        body.iter()
            .any(|l| l.starts_with("||Characters: ") && l.contains("Karen Cartwright")),
        "{reply}"
    );
    let plain = support::markup::plain_projection(reply);
    for hidden in ["S02E06", "Fringe", "Karen", "Characters", "German"] {
        assert!(!plain.contains(hidden), "{hidden}: {plain}");
    }
}

#[test]
fn a_show_title_with_markup_cannot_turn_the_wraps_off() {
    let (tmp, seeds) = scratch_with_more_recaps();
    support::add_cursed_show(&seeds);
    let (out, err, code) = support::console(
        tmp.path(),
        &[],
        "/as mia manage:true\n/progress set episode:S01E15 show:smash\n/progress set episode:S01E01 show:cursed\n/spoilers set episode:S01E05 show:smash\n/spoilers set episode:S01E01 show:cursed\n/search query:Karen bakery\n",
    );
    assert_eq!(code, Some(0), "{err}");
    let reply = out.rsplit("\n\n").next().unwrap();
    assert!(reply.contains("Cursed \\|\\| Show"), "{reply}");
    // Read as Discord reads it: nothing of S01E12 or S01E15 outside a
    // spoiler.
    let plain = support::markup::plain_projection(reply);
    assert!(reply.contains("S01E12"), "{reply}");
    for code in ["S01E12", "S01E15", "Smash"] {
        assert!(!plain.contains(code), "{code} reads plain: {plain}");
    }
}

/// Leo Kemp, met in S02E06, also goes by "Leo".
const LEO_KEMP: &str = "\n[[characters]]\nname = \"Leo Kemp\"\naliases = [\"Leo\"]\nkind = \"person\"\nabout = [\n  { from = \"S02E06\", text = \"A stagehand at the Fringe.\" },\n]\n";

#[test]
fn a_later_characters_alias_changes_nothing_before_them() {
    let script = format!(
        "{AT_S01E12}/character Leo Houston\n/episode S01E12\n/search query:Leo\n/suggest character Leo\n"
    );
    let without = play(&script);
    let (tmp, seeds) = scratch_with_more_recaps();
    let manifest = seeds.join("smash/show.toml");
    let mut toml = std::fs::read_to_string(&manifest).unwrap();
    toml.push_str(LEO_KEMP);
    std::fs::write(&manifest, toml).unwrap();
    let (with, err, code) = support::console(tmp.path(), &[], &script);
    assert_eq!(code, Some(0), "{err}");
    assert!(without.contains("Appears in: S01E12"), "{without}");
    assert_eq!(with, without);
}

#[test]
fn search_ranks_the_same_whatever_lies_past_the_member() {
    let script = format!(
        "{AT_S01E12}/search query:Ellis Leo\n/search query:Derek Karen\n/search query:Julia\n"
    );
    let with_later = play(&script);
    let (tmp, _) = support::scratch();
    let (without_later, err, code) = support::console(tmp.path(), &[], &script);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(with_later, without_later);
}

#[test]
fn an_owner_is_told_of_broken_seeds_only_as_far_as_they_have_watched() {
    let (tmp, seeds) = scratch_with_more_recaps();
    let script = format!("{AT_S01E12}/about\n/catalog status\n");
    let (first, err, code) = support::console(tmp.path(), &[], &script);
    assert_eq!(code, Some(0), "{err}");
    // Break a later recap and show.toml (where every episode's roster is).
    let later = seeds.join("smash/episodes/s02e06.en.md");
    let text = std::fs::read_to_string(&later).unwrap();
    std::fs::write(&later, text.replacen("season = 2", "season = two", 1)).unwrap();
    let manifest = seeds.join("smash/show.toml");
    let toml = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        toml.replacen(
            "name = \"Jimmy Collins\"",
            "name = \"Jimmy Collins\"\nname = \"Jimmy Collins\"",
            1,
        ),
    )
    .unwrap();
    let (out, err, code) = support::console(tmp.path(), &[], &script);
    assert_eq!(code, Some(0), "{err}");
    let status = out.rsplit("== Catalog ==").next().unwrap();
    assert!(status.contains("The seeds do not load"), "{status}");
    for hidden in ["Jimmy", "s02e06", "S02E06", "two"] {
        assert!(!status.contains(hidden), "{hidden}: {status}");
    }
    // The counts are /about's.
    let about = first
        .split("== cliffhanger")
        .nth(1)
        .and_then(|a| a.lines().nth(1))
        .unwrap()
        .to_string();
    let episodes = about.split(": ").nth(1).unwrap().split(' ').next().unwrap();
    assert!(
        status.contains(&format!(", {episodes} episode")),
        "{about} / {status}"
    );
}
