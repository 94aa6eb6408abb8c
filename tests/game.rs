//! The trivia engine in virtual time: scoring, reveals, controls.

use std::collections::HashSet;

use cliffhanger::quiz::game::{Event, Game, GameSettings, Mode, Refusal, Standing};
use cliffhanger::quiz::generate::{Question, QuestionKind};
use cliffhanger::seeds::Language;
use cliffhanger::spoiler::{EpisodeKey, Told};
use rand::SeedableRng;
use rand::rngs::StdRng;

const ALICE: u64 = 1;
const BOB: u64 = 2;
const CARLA: u64 = 3;

fn told(text: impl Into<String>) -> Told {
    Told::new(EpisodeKey::new(1, 12), text)
}

fn question(n: usize) -> Question {
    Question {
        key: format!("q{n}"),
        show: "smash".into(),
        episode: Some(EpisodeKey::new(1, 12)),
        language: Language::En,
        kind: QuestionKind::Who,
        prompt: told(format!("Who is missing? Question {n}, _____ sings.")),
        answer: told("Karen Cartwright"),
        accepted: vec![told("Karen")],
        choices: vec![
            told("Ivy Lynn"),
            told("Karen Cartwright"),
            told("Derek Wills"),
            told("Tom Levitt"),
        ],
        source: format!("fact {n}"),
        fact: Some(told(format!("Question {n}, Karen sings."))),
        context: None,
        lead: None,
        lead_fact: None,
        score: None,
        also_in: Vec::new(),
    }
}

fn bank(n: usize) -> Vec<Question> {
    (1..=n).map(question).collect()
}

fn rng() -> StdRng {
    StdRng::seed_from_u64(5)
}

/// The letter of the answer among the choices just asked.
fn letter_of(events: &[Event], right: bool) -> String {
    let (choices, answer) = events
        .iter()
        .rev()
        .find_map(|e| match e {
            Event::Asked {
                choices, question, ..
            } => Some((choices.clone(), question.answer.clone())),
            _ => None,
        })
        .expect("a question was asked");
    let i = choices
        .iter()
        .position(|c| (*c == answer) == right)
        .unwrap();
    ((b'A' + i as u8) as char).to_string()
}

fn start(settings: GameSettings, n: usize) -> (Game, Vec<Event>, StdRng) {
    let mut rng = rng();
    let (game, events) =
        Game::start(ALICE, settings, &bank(n), &HashSet::new(), 0, &mut rng).unwrap();
    (game, events, rng)
}

fn standing(board: &[(u64, Standing)], player: u64) -> Standing {
    board.iter().find(|(p, _)| *p == player).unwrap().1.clone()
}

#[test]
fn speed_and_streaks_score_and_the_top_scorer_wins() {
    let settings = GameSettings {
        questions: 3,
        seconds: 20,
        mode: Mode::Choices,
    };
    let (mut game, mut last, mut rng) = start(settings, 3);
    assert!(matches!(
        &last[0],
        Event::Asked {
            number: 1,
            of: 3,
            deadline_ms: 20_000,
            ..
        }
    ));

    // Q1: Bob right at 0 s, Alice wrong at 5 s (both played: reveal at once).
    let right = letter_of(&last, true);
    let wrong = letter_of(&last, false);
    assert_eq!(
        game.answer(BOB, &right, 0, &mut rng),
        vec![Event::Taken {
            player: BOB,
            correct: true,
            after_ms: 0
        }]
    );
    last = game.answer(ALICE, &wrong, 5_000, &mut rng);
    let Event::Revealed {
        number: 1,
        awards,
        skipped: false,
        question,
    } = &last[1]
    else {
        panic!("{last:#?}")
    };
    assert_eq!(awards.len(), 1);
    assert_eq!(
        (awards[0].player, awards[0].points, awards[0].after_ms),
        (BOB, 150, 0)
    );
    assert_eq!(
        question
            .fact
            .as_ref()
            .map(|f| f.unrendered().ends_with("Karen sings.")),
        Some(true)
    );

    // Q2 was asked at the reveal, at 5 s. Bob right 10 s later: 100 + 25
    // for speed + 10 for a streak of one; Alice 15 s later: 100 + 12.
    let right = letter_of(&last, true);
    game.answer(BOB, &right, 5_000 + 10_000, &mut rng);
    last = game.answer(ALICE, &right, 5_000 + 15_000, &mut rng);
    let Event::Revealed { awards, .. } = &last[1] else {
        panic!("{last:#?}")
    };
    let points: Vec<(u64, u32)> = awards.iter().map(|a| (a.player, a.points)).collect();
    assert_eq!(points, vec![(BOB, 135), (ALICE, 112)]);

    // Q3: nobody answers; time runs out; the game is over.
    let asked_at = 20_000;
    assert!(game.tick(asked_at + 19_999, &mut rng).is_empty());
    last = game.tick(asked_at + 20_000, &mut rng);
    let Event::Revealed { awards, .. } = &last[0] else {
        panic!("{last:#?}")
    };
    assert!(awards.is_empty());
    let Event::Finished { scoreboard, winner } = &last[1] else {
        panic!("{last:#?}")
    };
    assert_eq!(*winner, Some(BOB));
    let bob = standing(scoreboard, BOB);
    assert_eq!(
        (bob.points, bob.correct, bob.answered, bob.streak),
        (285, 2, 2, 0)
    );
    let alice = standing(scoreboard, ALICE);
    assert_eq!((alice.points, alice.correct, alice.answered), (112, 1, 2));
    assert!(game.is_over());
    assert_eq!(
        game.answer(BOB, "A", 60_000, &mut rng),
        vec![Event::Refused {
            player: BOB,
            reason: Refusal::Over
        }]
    );
}

#[test]
fn one_answer_per_member_and_late_answers_count_for_nothing() {
    let settings = GameSettings {
        questions: 2,
        seconds: 10,
        mode: Mode::Choices,
    };
    let (mut game, last, mut rng) = start(settings, 2);
    let right = letter_of(&last, true);
    game.answer(BOB, &right, 1_000, &mut rng);
    assert_eq!(
        game.answer(BOB, &right, 2_000, &mut rng),
        vec![Event::Refused {
            player: BOB,
            reason: Refusal::AlreadyAnswered
        }]
    );
    assert_eq!(
        game.answer(CARLA, "Z", 2_000, &mut rng),
        vec![Event::Refused {
            player: CARLA,
            reason: Refusal::NoSuchChoice
        }]
    );
    // Alice answers after time is up: the question is revealed, her answer
    // is not carried to the next one.
    let late = game.answer(ALICE, &right, 10_500, &mut rng);
    assert!(matches!(&late[0], Event::Revealed { number: 1, .. }));
    assert!(matches!(&late[1], Event::Asked { number: 2, .. }));
    assert_eq!(late.len(), 2);
    let board = game.scoreboard();
    assert_eq!(standing(&board, ALICE).points, 0);
    assert_eq!(standing(&board, BOB).points, 145);
}

#[test]
fn typed_answers_are_judged_and_several_guesses_ignored() {
    let settings = GameSettings {
        questions: 1,
        seconds: 20,
        mode: Mode::Typed,
    };
    let (mut game, last, mut rng) = start(settings, 1);
    assert!(
        matches!(&last[0], Event::Asked { choices, .. } if choices.is_empty()),
        "no choices shown when typed"
    );
    assert_eq!(
        game.answer(BOB, "Karen or Ivy", 1_000, &mut rng),
        vec![Event::Ignored { player: BOB }]
    );
    assert_eq!(
        game.answer(BOB, "Ivy", 2_000, &mut rng),
        vec![Event::Taken {
            player: BOB,
            correct: false,
            after_ms: 2_000
        }],
        "a wrong guess is recorded, and the round goes on"
    );
    assert_eq!(
        game.answer(BOB, "karen!", 4_000, &mut rng),
        vec![Event::Taken {
            player: BOB,
            correct: true,
            after_ms: 4_000
        }]
    );
    let end = game.answer(ALICE, "Karen Cartwrigth", 6_000, &mut rng);
    assert_eq!(
        end[0],
        Event::Taken {
            player: ALICE,
            correct: true,
            after_ms: 6_000
        }
    );
    let Event::Revealed { awards, .. } = &end[1] else {
        panic!("{end:#?}")
    };
    assert_eq!(
        awards
            .iter()
            .map(|a| (a.player, a.points))
            .collect::<Vec<_>>(),
        vec![(BOB, 140), (ALICE, 135)]
    );
    assert!(matches!(
        &end[2],
        Event::Finished {
            winner: Some(BOB),
            ..
        }
    ));
}

#[test]
fn stop_skip_and_hint_have_their_rules() {
    let settings = GameSettings {
        questions: 3,
        seconds: 20,
        mode: Mode::Choices,
    };
    let (mut game, last, mut rng) = start(settings, 3);

    // Only the starter or a member who may manage messages.
    assert_eq!(
        game.stop(BOB, false),
        vec![Event::Refused {
            player: BOB,
            reason: Refusal::NotAllowed
        }]
    );
    assert_eq!(
        game.skip(BOB, false, 1_000, &mut rng),
        vec![Event::Refused {
            player: BOB,
            reason: Refusal::NotAllowed
        }]
    );

    // A hint takes away two wrong choices, never the answer; one per question.
    let hint = game.hint(BOB, 1_000, &mut rng);
    let Event::Hint { removed, .. } = &hint[0] else {
        panic!("{hint:#?}")
    };
    assert_eq!(removed.len(), 2);
    assert!(!removed.contains(&told("Karen Cartwright")));
    assert_eq!(
        game.hint(ALICE, 1_500, &mut rng),
        vec![Event::Refused {
            player: ALICE,
            reason: Refusal::HintTaken
        }]
    );
    // It costs the taker: Bob right at once gets 150 - 50.
    let right = letter_of(&last, true);
    game.answer(BOB, &right, 2_000, &mut rng);
    let reveal = game.answer(ALICE, &right, 2_000, &mut rng);
    let Event::Revealed { awards, .. } = &reveal[1] else {
        panic!("{reveal:#?}")
    };
    assert_eq!(
        awards
            .iter()
            .map(|a| (a.player, a.points))
            .collect::<Vec<_>>(),
        vec![(ALICE, 145), (BOB, 95)]
    );

    // The starter skips: no points for anyone, the next question comes.
    let right = letter_of(&reveal, true);
    game.answer(BOB, &right, 3_000, &mut rng);
    let skipped = game.skip(ALICE, false, 4_000, &mut rng);
    assert!(
        matches!(&skipped[0], Event::Revealed { number: 2, skipped: true, awards, .. } if awards.is_empty())
    );
    assert_eq!(standing(&game.scoreboard(), BOB).points, 95);

    // A moderator stops it; every point is kept.
    let stopped = game.stop(CARLA, true);
    let Event::Stopped { by, scoreboard } = &stopped[0] else {
        panic!("{stopped:#?}")
    };
    assert_eq!(*by, CARLA);
    assert_eq!(scoreboard[0].0, ALICE);
    assert_eq!(scoreboard[0].1.points, 145);
    assert!(game.is_over());
}

#[test]
fn questions_never_repeat_and_recent_ones_come_last() {
    let mut rng = rng();
    let recent: HashSet<String> = ["q1", "q2", "q3"].iter().map(|s| s.to_string()).collect();
    let settings = GameSettings {
        questions: 4,
        seconds: 5,
        mode: Mode::Choices,
    };
    let (mut game, mut events, _) = {
        let (g, e) = Game::start(ALICE, settings, &bank(5), &recent, 0, &mut rng).unwrap();
        (g, e, ())
    };
    let mut asked = Vec::new();
    let mut now = 0;
    loop {
        for e in &events {
            if let Event::Asked { question, .. } = e {
                asked.push(question.key.clone());
            }
        }
        if game.is_over() {
            break;
        }
        now += 5_000;
        events = game.tick(now, &mut rng);
    }
    assert_eq!(asked.len(), 4);
    assert_eq!(
        asked.iter().collect::<HashSet<_>>().len(),
        4,
        "no repeats: {asked:?}"
    );
    let mut first_two: Vec<&str> = asked[..2].iter().map(String::as_str).collect();
    first_two.sort();
    assert_eq!(
        first_two,
        vec!["q4", "q5"],
        "fresh questions first: {asked:?}"
    );
    // A bank with fewer questions than asked for gives a shorter game; an
    // empty one gives none.
    assert!(Game::start(ALICE, settings, &[], &HashSet::new(), 0, &mut rng).is_none());
    let (short, _) = Game::start(ALICE, settings, &bank(2), &HashSet::new(), 0, &mut rng).unwrap();
    assert_eq!(short.settings.questions, 2);
}

/// A game of three questions of `bank`, five seconds each, drawn with
/// `seed`: the game, the events of its start and its random source.
fn three_of(bank: &[Question], seed: u64) -> (Game, Vec<Event>, StdRng) {
    let mut rng = StdRng::seed_from_u64(seed);
    let settings = GameSettings {
        questions: 3,
        seconds: 5,
        mode: Mode::Choices,
    };
    let (game, events) = Game::start(ALICE, settings, bank, &HashSet::new(), 0, &mut rng).unwrap();
    (game, events, rng)
}

/// The questions a game asks, in order, played to its end without
/// answers, from the events of its start.
fn played_out(game: &mut Game, mut events: Vec<Event>, rng: &mut StdRng) -> Vec<Question> {
    let mut asked = Vec::new();
    let mut now = 0;
    loop {
        for e in &events {
            if let Event::Asked { question, .. } = e {
                asked.push(question.as_ref().clone());
            }
        }
        if game.is_over() {
            return asked;
        }
        now += 5_000;
        events = game.tick(now, rng);
    }
}

#[test]
fn a_sentence_shown_above_one_question_is_asked_by_no_other() {
    // Question 2 shows question 1's sentence above its own: asked in one
    // game, one would tell the other its answer.
    let bank: Vec<Question> = (1..=4)
        .map(|n| {
            let mut q = question(n);
            q.fact = Some(told(format!("Sentence {n}, Karen sings.")));
            if n == 2 {
                q.lead = Some(told("Sentence 1, Karen sings."));
                q.lead_fact = q.lead.clone();
            }
            q
        })
        .collect();
    for seed in 0..30 {
        let (mut game, events, mut rng) = three_of(&bank, seed);
        let keys: HashSet<String> = played_out(&mut game, events, &mut rng)
            .into_iter()
            .map(|q| q.key)
            .collect();
        assert_eq!(keys.len(), 3);
        assert!(
            !(keys.contains("q1") && keys.contains("q2")),
            "seed {seed}: {keys:?}"
        );
    }
}

#[test]
fn one_sentence_gives_one_question_a_game_until_the_others_run_out() {
    // Six questions from three sentences, two blanks each.
    let bank: Vec<Question> = (1..=6)
        .map(|n| {
            let mut q = question(n);
            q.fact = Some(told(format!("Sentence {}, Karen sings.", n.div_ceil(2))));
            q
        })
        .collect();
    // The sentences of the questions a game asks, in order.
    let facts_of = |game: &mut Game, events: Vec<Event>, rng: &mut StdRng| -> Vec<String> {
        played_out(game, events, rng)
            .iter()
            .map(|q| q.fact.as_ref().unwrap().unrendered().to_string())
            .collect()
    };
    for seed in 0..20 {
        let (mut game, events, mut rng) = three_of(&bank, seed);
        let settings = game.settings;
        let facts = facts_of(&mut game, events, &mut rng);
        assert_eq!(facts.len(), 3);
        assert_eq!(
            facts.iter().collect::<HashSet<_>>().len(),
            3,
            "three sentences, one question each: {facts:?}"
        );
        // Asked for more than there are sentences: the rest fill up.
        let settings = GameSettings {
            questions: 6,
            ..settings
        };
        let (mut game, events) =
            Game::start(ALICE, settings, &bank, &HashSet::new(), 0, &mut rng).unwrap();
        let facts = facts_of(&mut game, events, &mut rng);
        assert_eq!(facts.len(), 6);
        assert_eq!(
            facts[..3].iter().collect::<HashSet<_>>().len(),
            3,
            "{facts:?}"
        );
    }
}
