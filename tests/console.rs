//! The built `cliffhanger console`, fed a script on standard input.

mod support;

use std::path::Path;

use support::console;

const SCRIPT: &str = "\
# Two members in #general; alice moderates, bob does not.
/as alice
/progress set episode:S01E12
/spoilers set episode:S01E12
/character Karen
/character Jimmy
/as bob manage:false
/spoilers set episode:S02E11
/episode S02E11
/search query:kale
/as alice
/episode episode:S02E11 reveal:true
/suggest character Ji
/channel spoilers
/search Leo run away
/locale de
/progress show
/charakter Karen
/quit
/progress show
";

const TRANSCRIPT: &str = "\
Now acting as alice.

[only you can see this]
You have watched Smash up to S01E12.

This channel may now discuss Smash up to S01E12.

== Karen Cartwright ==
Character · Played by Katharine McPhee
A newcomer from Iowa, waiting tables in New York, who competes with Ivy for the part of Marilyn in Tom and Julia's new musical about Marilyn Monroe.
Appears in: S01E12

**Timeline**
**S01E12** Derek, in a moment of deep intimacy, tells Karen that he sees her as Marilyn in his head whenever Rebecca Duvall is performing.
**S01E12** Which Karen does and then accepts a standing ovation from the clubbers.
**S01E12** The next day, Duvall suggests that Karen sing a new song that is the writer's answer to so much of the star's complaints.
**S01E12** Dev, waiting at home for Karen, discovers her pictures online and is not amused.
**S01E12** Then again, Duvall had warned Karen earlier that a boyfriend \"might be a problem\" going forward.
**S01E12** With Duvall taking Karen under her wing and stealing the spotlight away from Ivy, the shunned former-Marilyn devises an ingenious plan to get back under Derek's good graces in rehearsals.
**S01E12** The director being uber-annoyed with Duvall, sneaky Ivy texts Karen (who, remember, appears as Marilyn to Derek in visions) that she doesn't need to come to rehearsal anymore.
**S01E12** When the time comes for the new song to be performed by Karen, Ivy can readily jump in.
(Later episodes may tell more: add reveal:true to see them privately.)

[only you can see this]
Nothing about “Jimmy” up to S01E12.
(Add reveal:true to look past S01E12, privately.)

Now acting as bob, who may not manage channels.

[only you can see this]
Only members who may manage this channel can change its spoiler horizon.

[only you can see this]
S02E11 is past where you are (S01E12).
(Add reveal:true to look past S01E12, privately.)

== Search: kale ==
**S01E12** After some complaining to Eileen, she puts Ellis on **kale** shake duty.
**S01E12** Not only is Rebecca demanding changes to the script (i.e. more scenes, less singing), she is also constantly late, doesn't want to rehearse in the order planned by the director and she enlists production people to make **kale** shakes for her.
(Later episodes may tell more: add reveal:true to see them privately.)

Now acting as alice.
";

#[test]
fn a_piped_script_plays_two_members_through_the_spoiler_gate() {
    let (tmp, _) = support::scratch();
    let (out, err, code) = console(tmp.path(), &[], SCRIPT);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("catalog ready"), "{err}");
    assert!(!out.contains("> "), "no prompts when reading a script");
    assert!(out.starts_with(TRANSCRIPT), "got:\n{out}");

    let rest = &out[TRANSCRIPT.len()..];
    // The revealed episode: private, its code and title wrapped with every
    // paragraph.
    let end = rest
        .find("(Revealed only to you, in spoiler tags.)")
        .expect("a revealed reply");
    let revealed = &rest[..end];
    assert!(
        revealed.starts_with(
            "\n[only you can see this]\n== Episode ==\n||**S02E11 · The Dress Rehearsal**||"
        ),
        "{revealed}"
    );
    assert!(
        revealed.contains("||Aired 2013-04-13 · Source: German recap, outlet unknown||"),
        "{revealed}"
    );
    // That someone is in S02E11 is S02E11's news: the cast, Karen (met by
    // S01E12) as Jimmy (first named in S02E11), is wrapped with its label.
    assert!(
        revealed.contains("||Characters: Karen Cartwright, ") && revealed.contains("Jimmy Collins"),
        "{revealed}"
    );
    let paragraphs: Vec<&str> = revealed
        .lines()
        .skip_while(|l| !l.starts_with("||Characters: "))
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(paragraphs.len(), 9, "nine paragraphs: {paragraphs:#?}");
    assert!(
        paragraphs
            .iter()
            .all(|p| p.starts_with("||") && p.ends_with("||")),
        "{paragraphs:#?}"
    );
    // Nothing offered for "Ji" at S01E12.
    assert!(rest.contains("\n\n(no suggestions)\n\n"), "{rest}");
    // #spoilers has no horizon: alice's own progress stands, all wrapped.
    assert!(rest.contains("Now in #spoilers."));
    assert!(
        rest.contains("== Search: Leo run away ==\nNothing this channel may discuss matches “Leo run away”.\n||**S01E12** **Leo**, Julia's annoying son, has **run** **away**.||"),
        "{rest}"
    );
    // German from /locale on, including for a mistyped command; /quit ends it.
    assert!(rest.contains("Antworten jetzt auf Deutsch."));
    assert!(
        // #spoilers has no horizon: even the title of a watched episode is
        // wrapped.
        rest.contains(
            "[nur für dich sichtbar]\nDu hast Smash bis S01E12 „||Publicity||“ geschaut."
        ),
        "{rest}"
    );
    assert!(
        rest.trim_end()
            .ends_with("/charakter kenne ich nicht. Versuch /help."),
        "{rest}"
    );
}

#[test]
fn the_console_remembers_members_across_runs_and_speaks_german() {
    let (tmp, _) = support::scratch();
    let (_, err, code) = console(
        tmp.path(),
        &["--user", "carla"],
        "/progress set episode:S01E12\n",
    );
    assert_eq!(code, Some(0), "{err}");
    let (out, _, _) = console(
        tmp.path(),
        &["--user", "Carla", "--locale", "de", "--channel", "offtopic"],
        "/character Karen\n/spoilers show\n",
    );
    assert!(
        out.contains("||**Karen Cartwright**||"),
        "no horizon in #offtopic: {out}"
    );
    assert!(
        out.contains("Spätere Folgen erzählen vielleicht mehr: Mit aufdecken:true siehst du sie nur für dich."),
        "{out}"
    );
    assert!(
        out.contains("Hier ist für Smash kein Spoiler-Horizont gesetzt"),
        "{out}"
    );
}

#[test]
fn broken_seeds_are_reported_and_the_stored_catalog_is_used() {
    let (tmp, seeds) = support::scratch();
    let (_, _, code) = console(tmp.path(), &[], "/progress set episode:S01E12\n");
    assert_eq!(code, Some(0));
    support::edit(
        &seeds.join("smash/episodes/s01e12.en.md"),
        "language = \"en\"",
        "language = \"xx\"",
    );
    let (out, err, code) = console(
        tmp.path(),
        &["--no-manage"],
        "/character Leo\n/spoilers set episode:S01E12\n",
    );
    assert_eq!(code, Some(0));
    assert!(
        err.contains("s01e12.en.md:5:12: unknown language \"xx\""),
        "{err}"
    );
    assert!(
        err.contains("carrying on with the catalog already in"),
        "{err}"
    );
    assert!(out.contains("Leo Houston"), "{out}");
    assert!(
        out.contains("Only members who may manage this channel"),
        "{out}"
    );

    // With no catalog at all, there is nothing to start.
    let empty = tempfile::tempdir().unwrap();
    support::copy_dir(&seeds, &empty.path().join("seeds"));
    let (_, err, code) = console(empty.path(), &[], "/help\n");
    assert_eq!(code, Some(1));
    assert!(err.contains("the database has no catalog either"), "{err}");
}

/// The right letter of each question of a scripted game, learnt from a
/// dry run: the console's dice are seeded and its clock virtual when it
/// reads a script, so the same start asks the same questions with the same
/// choices.
fn right_letters(dir: &Path, setup: &str, questions: usize) -> Vec<char> {
    let dry = format!("{setup}{}", "/wait 10\n".repeat(questions));
    let (out, err, code) = console(dir, &[], &dry);
    assert_eq!(code, Some(0), "{err}");
    let mut letters = Vec::new();
    let mut choices: Vec<(char, String)> = Vec::new();
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("**").and_then(|l| l.split_once(")** ")) {
            let letter = rest.0.chars().next().unwrap();
            choices.push((letter, rest.1.replace('\\', "")));
        } else if let Some(answer) = line
            .strip_prefix("Answer: **")
            .and_then(|a| a.strip_suffix("**"))
        {
            let answer = answer.replace('\\', "");
            let (letter, _) = choices
                .iter()
                .find(|(_, c)| *c == answer)
                .expect("the answer is a choice");
            letters.push(*letter);
            choices.clear();
        }
    }
    assert_eq!(letters.len(), questions, "{out}");
    letters
}

/// Two members play a whole game from a script, and the scoreboard shows
/// the points the rules give.
#[test]
fn two_members_play_a_scripted_game() {
    let (tmp, _) = support::scratch();
    let setup = "/as alice\n/spoilers set episode:S02E11\n/trivia start questions:3 seconds:10\n";
    let right = right_letters(tmp.path(), setup, 3);
    let wrong = |c: char| if c == 'A' { 'B' } else { 'A' };
    // A fresh database for the game itself (the dry run's questions would
    // count as recently asked).
    let (tmp, _) = support::scratch();
    let script = format!(
        "{setup}/as bob\n/trivia answer {}\n/as alice\n/trivia answer {}\n/trivia answer {}\n/wait 4\n\
         /as bob\n/trivia answer text:{}\n/trivia hint\n/trivia answer {}\n/as alice\n/trivia answer {}\n\
         /trivia leaderboard\n",
        right[0],
        wrong(right[0]),
        right[1],
        right[1],
        right[2],
        right[2]
    );
    let (out, err, code) = console(tmp.path(), &[], &script);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Trivia: 3 questions from Smash up to S02E11, 10 seconds each."),
        "{out}"
    );
    assert!(out.contains("**Question 1/3 · S0"), "{out}");
    // Bob first at once (150); then Alice at once (150) and Bob after four
    // of ten seconds with a streak (100 + 30 + 10); then both at once, Bob
    // with a hint (150 + 20 - 50), Alice with a streak (150 + 10).
    assert!(out.contains("Got it: bob +150"), "{out}");
    assert!(out.contains("Got it: alice +150, bob +140"), "{out}");
    assert!(
        out.contains("(The hint costs bob 50 points on this question.)"),
        "{out}"
    );
    assert!(out.contains("Got it: alice +160, bob +120"), "{out}");
    let end = out.find("**Game over!**").expect("the game ends");
    let scoreboard: Vec<&str> = out[end..].lines().take(4).collect();
    assert_eq!(
        scoreboard,
        vec![
            "**Game over!**",
            "bob wins with 410 points!",
            "1. bob · 410 points (3/3 right)",
            "2. alice · 310 points (2/3 right)",
        ]
    );
    assert!(
        out.contains("== Leaderboard · Smash · all time =="),
        "{out}"
    );
    assert!(
        out.contains("1. bob · 410 points · 1 game · 1 win · 100% right"),
        "{out}"
    );
    assert!(
        out.contains("2. alice · 310 points · 1 game · 0 wins · 66% right"),
        "{out}"
    );
}

#[test]
fn the_german_discord_names_work_in_the_console_too() {
    use cliffhanger::console::parse;
    let c = parse("/figur name:Karen aufdecken:true").unwrap();
    assert_eq!(c.name, "character");
    assert_eq!(
        c.options,
        [
            ("name".to_string(), "Karen".to_string()),
            ("reveal".to_string(), "true".to_string())
        ]
    );
    let c = parse("/fortschritt setzen folge:S01E12").unwrap();
    assert_eq!(
        (c.name.as_str(), c.sub.as_deref()),
        ("progress", Some("set"))
    );
    assert_eq!(c.options, [("episode".to_string(), "S01E12".to_string())]);
    let c = parse("/quiz starten fragen:5 bis:S01E12 spoiler:true").unwrap();
    assert_eq!(
        (c.name.as_str(), c.sub.as_deref()),
        ("trivia", Some("start"))
    );
    let keys: Vec<&str> = c.options.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["questions", "up_to", "spoilers"]);
    // A subcommand of a group, by its German words and by its English.
    for line in [
        "/quiz planen neu um:20:00 zeitzone:Europe/Berlin fragen:3",
        "/trivia schedule add at:20:00 timezone:Europe/Berlin questions:3",
    ] {
        let c = parse(line).unwrap();
        assert_eq!(
            (c.name.as_str(), c.sub.as_deref()),
            ("trivia", Some("schedule add")),
            "{line}"
        );
        let keys: Vec<&str> = c.options.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["at", "timezone", "questions"], "{line}");
    }
    let c = parse("/tagesfrage reihe entfernen nummer:3").unwrap();
    assert_eq!(c.sub.as_deref(), Some("queue remove"));
    assert_eq!(
        parse("/trivia schedule"),
        Err(cliffhanger::console::ParseError::MissingSubcommand(
            "/trivia schedule".into()
        ))
    );
    // English names work as before, and unknown ones are still refused.
    assert_eq!(parse("/character Karen").unwrap().name, "character");
    assert!(parse("/figuren Karen").is_err());
}

#[test]
fn a_line_that_is_not_utf8_is_refused_and_the_session_goes_on() {
    let (tmp, _) = support::scratch();
    let mut script = b"/progress set episode:S01E12\n".to_vec();
    script.extend_from_slice(b"/character Kar\xff\xfeen\n");
    script.extend_from_slice(b"/progress show\n");
    let (out, err, code) = support::console_bytes(tmp.path(), &[], &script);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("That line is not valid UTF-8 text, so it was skipped."),
        "{out}"
    );
    assert!(
        out.trim_end()
            .rsplit("\n\n")
            .next()
            .is_some_and(|last| last.contains("You have watched Smash up to S01E12")),
        "the next line still ran: {out}"
    );
}

#[test]
fn the_consoles_game_ends_with_its_points_when_the_input_ends_or_on_quit() {
    for ending in ["", "/quit\n"] {
        let (tmp, _) = support::scratch();
        let script = format!(
            "/spoilers set episode:S02E11\n/trivia start questions:5 seconds:20\n/trivia answer A\n{ending}"
        );
        let (out, err, code) = console(tmp.path(), &[], &script);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            out.contains("this game ends here, and every point stands"),
            "{ending:?}: {out}"
        );
        let rt = tokio::runtime::Runtime::new().unwrap();
        let status: Vec<String> = rt.block_on(async {
            // The console's own database, in the folder it ran in.
            let url = support::db_url_of(tmp.path(), "cliffhanger.db");
            let db = cliffhanger::store::Db::connect(&url).await.unwrap();
            support::on_db!(db, |pool| sqlx::query_scalar("SELECT status FROM games")
                .fetch_all(pool)
                .await)
            .unwrap()
        });
        assert_eq!(status, vec!["stopped".to_string()], "{ending:?}");
    }
}

#[test]
fn the_leaderboard_period_takes_discords_choices() {
    let (tmp, _) = support::scratch();
    let (out, err, code) = console(
        tmp.path(),
        &[],
        "/trivia leaderboard period:recent\n/trivia leaderboard period:all\n/trivia leaderboard period:30d\n",
    );
    assert_eq!(code, Some(0), "{err}");
    let blocks: Vec<&str> = out.split("\n\n").collect();
    assert!(
        blocks[0].contains("last 30 days"),
        "recent is the last 30 days: {out}"
    );
    assert!(blocks[1].contains("all time"), "{out}");
    assert!(
        blocks[2].contains("period is one of all, recent, season, not “30d”."),
        "{out}"
    );
}

#[test]
fn option_values_are_checked_against_the_command_schema() {
    let (tmp, _) = support::scratch();
    let (out, err, code) = console(
        tmp.path(),
        &[],
        "/spoilers set episode:S01E12 scope:guild\n/trivia start questions:99\n/trivia start mode:fast\n/spoilers show\n",
    );
    assert_eq!(code, Some(0), "{err}");
    let blocks: Vec<&str> = out.split("\n\n").collect();
    assert_eq!(
        blocks[0].trim(),
        "scope is one of channel, server, not “guild”.",
        "{out}"
    );
    assert!(
        blocks[1].contains("questions must be a whole number from 1 to 50"),
        "{out}"
    );
    assert!(
        blocks[2].contains("mode is one of choices, typed, not “fast”."),
        "{out}"
    );
    assert!(
        blocks[3].contains("No spoiler horizon is set here"),
        "nothing was set: {out}"
    );
}

/// The review loop from the console: a member reports a revealed question
/// (once), a moderator reviews and retires it, the command line lists it,
/// and no later game in the server asks it again.
#[test]
fn a_reported_question_is_reviewed_retired_and_never_asked_again() {
    let (tmp, _) = support::scratch();
    let first = "/as alice\n/spoilers set episode:S01E12\n/trivia start questions:1 seconds:5\n\
                 /wait 6\n/as bob manage:false\n/trivia report\n/trivia report\n/trivia review\n\
                 /locale de\n/trivia report\n/locale en\n/as alice\n/trivia review\n";
    let (out, err, code) = console(tmp.path(), &[], first);
    assert_eq!(code, Some(0), "{err}");
    // The reveal carries the report button, as the console's command.
    assert!(out.contains("\n[Report: /trivia report]\n"), "{out}");
    let prompt = out
        .lines()
        .skip_while(|l| !l.starts_with("**Question 1/1"))
        .nth(1)
        .expect("the question")
        .to_string();
    assert!(
        out.contains(
            "Thanks: question 1 is reported, and this server's moderators will look at it."
        ),
        "{out}"
    );
    assert!(
        out.contains("You have reported this question already."),
        "{out}"
    );
    assert!(out.contains("Du hast diese Frage schon gemeldet."), "{out}");
    assert!(
        out.contains("Only members who may manage this server can review its trivia questions."),
        "{out}"
    );
    // The moderator's list: the question in full, why, and its buttons.
    let list = &out[out
        .find("== Trivia review · 1 question ==")
        .expect("the list")..];
    assert!(list.contains(&format!("**{prompt}**")), "{list}");
    assert!(list.contains("\nAnswer: **"), "{list}");
    // A question made from a fact shows it; one written in the seeds has
    // none to show.
    let written = std::fs::read_to_string(tmp.path().join("seeds/smash/questions/smash.toml"))
        .unwrap()
        .contains(&prompt);
    assert!(written || list.contains("\nFrom S01E12: "), "{list}");
    assert!(list.contains("Reported by one member."), "{list}");
    let id = list
        .lines()
        .find_map(|l| l.strip_prefix("Question id: "))
        .expect("the question's id")
        .to_string();
    assert!(
        list.contains(&format!(
            "[Retire: /trivia review question:{id} action:retire]"
        )),
        "{list}"
    );

    // The command line lists it too.
    let o = support::run_cli(tmp.path(), &["questions", "--review"]);
    let cli = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{cli}");
    assert!(
        cli.contains(&format!("{id} · reported by 1 member · asked 1 time")),
        "{cli}"
    );
    assert!(cli.trim_end().ends_with("1 question to review"), "{cli}");

    // Retired: off the list, and a game of every question in scope asks
    // all but it.
    let second = format!(
        "/as bob manage:false\n/trivia review question:{id} action:retire\n/as alice\n\
         /trivia review question:nosuchquestion action:retire\n\
         /trivia review question:{id} action:retire\n/trivia start questions:50 seconds:5\n{}",
        "/wait 6\n".repeat(30)
    );
    let (out, err, code) = console(tmp.path(), &[], &second);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Only members who may manage this server can review its trivia questions."),
        "{out}"
    );
    assert!(
        out.contains("No question in the bank has the id “nosuchquestion”"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "Retired {id}: it will not be asked on this server again."
        )),
        "{out}"
    );
    assert!(out.contains("== Trivia review · 0 questions =="), "{out}");
    // 6 questions a game up to S01E12 can ask (which-episode questions
    // need more than one episode in the gate), one retired.
    assert!(
        out.contains("Trivia: 5 questions from Smash up to S01E12"),
        "{out}"
    );
    assert!(out.contains("**Question 5/5"), "{out}");
    assert!(
        !out.contains(&prompt),
        "the retired question is asked: {out}"
    );
}

/// `/help` is written from the command schema: in each language it shows
/// every command, subcommand and option by the name the console takes in
/// that language, each command with its description, and the console
/// takes every line of usage it shows.
#[test]
fn help_lists_every_command_and_option_the_console_takes() {
    use cliffhanger::console::{help, parse};
    use cliffhanger::model::Language;
    use cliffhanger::schema::{COMMANDS, CONSOLE_ONLY};

    let (tmp, _) = support::scratch();
    let (out, err, code) = console(tmp.path(), &[], "/help\n/locale de\n/help\n");
    assert_eq!(code, Some(0), "{err}");
    for language in [Language::En, Language::De] {
        let text = help(language);
        assert!(out.contains(&text), "the console prints the help");
        let usages: Vec<&str> = text.lines().filter(|l| l.starts_with("  /")).collect();
        let descriptions: Vec<&str> = text.lines().filter(|l| l.starts_with("      ")).collect();
        fn leaves_of(c: &cliffhanger::schema::CommandSpec) -> usize {
            c.subcommands.iter().map(leaves_of).sum::<usize>().max(1)
        }
        let leaves: usize = COMMANDS.iter().map(leaves_of).sum::<usize>() + CONSOLE_ONLY.len();
        assert_eq!(usages.len(), leaves, "{text}");
        assert_eq!(descriptions.len(), leaves, "{text}");
        for d in &descriptions {
            assert!(!d.contains("-desc") && d.trim().len() > 3, "{d}");
        }
        for usage in &usages {
            // The usage as a command line, each option given a value of
            // its kind, parses to the command it names, with every option.
            let line: String = usage
                .split_whitespace()
                .map(|word| {
                    let word = word.trim_start_matches('[').trim_end_matches(']');
                    match word.split_once(':') {
                        Some((name, value)) => {
                            let value = value.split(['|', '–']).next().unwrap();
                            let value = if value == "…" { "S01E01" } else { value };
                            format!("{name}:{value}")
                        }
                        None => word.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            let parsed = parse(&line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
            let given = usage.matches(':').count();
            assert_eq!(parsed.options.len(), given, "{line}: {parsed:?}");
        }
    }
    // English names, and the German names in the German help.
    let en = help(Language::En);
    assert!(en.contains("/trivia start [show:…]"), "{en}");
    assert!(en.contains("/trivia answer text:…"), "{en}");
    let de = help(Language::De);
    assert!(de.contains("/quiz starten [serie:…]"), "{de}");
    drop(tmp);
}

/// The console posts to no channel, so it takes over nothing another
/// process left in the outbox: a post whose lease ran out waits for a
/// bot, however long the console runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_leaves_other_processes_posts_for_a_bot() {
    let (tmp, _) = support::scratch();
    let (_, err, code) = console(tmp.path(), &[], "/about\n");
    assert_eq!(code, Some(0), "{err}");
    let url = support::db_url_of(tmp.path(), "cliffhanger.db");
    let db = cliffhanger::store::Db::connect(&url).await.unwrap();
    let reply = serde_json::to_string(&cliffhanger::reply::Reply::line("left behind")).unwrap();
    support::on_db!(db, |pool| sqlx::query(
        "INSERT INTO outbox (channel_id, game_id, reply, owner, lease_until)
         VALUES (7, 1, $1, 42, 0)"
    )
    .bind(&reply)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
    let (_, err, code) = console(tmp.path(), &[], "/wait 30\n/about\n/channel 7\n/wait 30\n");
    assert_eq!(code, Some(0), "{err}");
    let left: Vec<(i64,)> = support::on_db!(db, |pool| sqlx::query_as("SELECT owner FROM outbox")
        .fetch_all(pool)
        .await)
    .unwrap();
    assert_eq!(left, vec![(42,)]);
    db.close().await;
}

#[test]
fn a_file_option_reads_a_file_and_no_more_than_a_file_may_be() {
    let (tmp, _) = support::scratch();
    let (out, err, code) = console(
        tmp.path(),
        &[],
        "/as mod manage:true\n/trivia pack upload file:/dev/zero\n/trivia pack upload\n\
         /trivia pack upload file:nowhere.yaml\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("[only you can see this]\nCannot read /dev/zero: it is not a file."),
        "{out}"
    );
    assert!(
        out.contains("/trivia pack upload needs file: give it as file:…"),
        "{out}"
    );
    assert!(
        out.contains("[only you can see this]\nCannot read nowhere.yaml:"),
        "{out}"
    );
}
