//! A trivia game as a pure state machine: the caller passes the time (in
//! milliseconds, any origin) and the random source, and gets back what
//! happened. Timers, messages and storage belong to the driver, so games run
//! in virtual time in tests.

use std::collections::{BTreeMap, HashMap, HashSet};

use rand::Rng;
use rand::seq::SliceRandom;
use serde::Serialize;

use super::generate::{Question, QuestionKind};
use super::matching::{Judgement, judge, judge_number};
use crate::spoiler::Told;

/// How answers are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Lettered choices, one answer per member per question.
    Choices,
    /// Typed answers, one guess per message.
    Typed,
}

/// What a game is set up with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GameSettings {
    /// Questions to ask (1 to 50).
    pub questions: usize,
    /// Seconds per question (5 to 120).
    pub seconds: u32,
    /// How answers are given.
    pub mode: Mode,
}

impl Default for GameSettings {
    fn default() -> Self {
        GameSettings {
            questions: 10,
            seconds: 20,
            mode: Mode::Choices,
        }
    }
}

/// A pool of questions up to this size is drawn from whole.
const WHOLE_POOL: usize = 4096;

/// Points for a correct answer.
pub(crate) const BASE_POINTS: u32 = 100;
/// Most points for speed (an instant answer; none at the deadline).
pub(crate) const SPEED_POINTS: u32 = 50;
/// Points per earlier correct answer in an unbroken streak.
pub(crate) const STREAK_STEP: u32 = 10;
/// Most points a streak adds.
pub(crate) const STREAK_MAX: u32 = 50;
/// What taking a hint costs the taker, from that question's points.
pub(crate) const HINT_COST: u32 = 50;

/// One member's standing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// Points so far.
    pub points: u32,
    /// Questions answered correctly.
    pub correct: u32,
    /// Questions answered at all.
    pub answered: u32,
    /// Correct answers in a row, up to now.
    pub streak: u32,
    /// Milliseconds taken by their correct answers (breaks ties).
    pub time_ms: u64,
}

/// A correct answer, as the reveal lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Award {
    /// The member.
    pub player: u64,
    /// Points for this question.
    pub points: u32,
    /// Milliseconds after the question was asked.
    pub after_ms: u64,
}

/// Why an action was turned down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// Only one answer per member per question, in choices mode.
    AlreadyAnswered,
    /// Not a letter of the choices on offer.
    NoSuchChoice,
    /// Only the starter or members who may manage messages.
    NotAllowed,
    /// One hint per question.
    HintTaken,
    /// The game is over.
    Over,
}

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A question is asked.
    Asked {
        /// 1-based number of the question.
        number: usize,
        /// Of how many.
        of: usize,
        /// The question.
        question: Box<Question>,
        /// The choices on offer (lettered A, B, ... in this order).
        choices: Vec<Told>,
        /// When time is up.
        deadline_ms: u64,
    },
    /// An answer counted (for the record: front ends show no verdict
    /// before the reveal, and say nothing of a wrong typed guess).
    Taken {
        /// The member.
        player: u64,
        /// Whether it was right.
        correct: bool,
        /// Milliseconds after the question was asked.
        after_ms: u64,
    },
    /// A typed message named several candidates: it counts as no guess.
    Ignored {
        /// The member.
        player: u64,
    },
    /// The answer is revealed.
    Revealed {
        /// 1-based number of the question.
        number: usize,
        /// The question.
        question: Box<Question>,
        /// Who got it, fastest first, with their points.
        awards: Vec<Award>,
        /// Whether it was skipped (no points).
        skipped: bool,
    },
    /// A hint: choices taken away, or the answer's first letter.
    Hint {
        /// Who asked.
        player: u64,
        /// Choices removed (choices mode).
        removed: Vec<Told>,
        /// The answer's first letter (typed mode).
        first_letter: Option<Told>,
    },
    /// The game ended with every question asked.
    Finished {
        /// Standings, best first.
        scoreboard: Vec<(u64, Standing)>,
        /// The top scorer.
        winner: Option<u64>,
    },
    /// The game was stopped early.
    Stopped {
        /// Who stopped it.
        by: u64,
        /// Standings, best first.
        scoreboard: Vec<(u64, Standing)>,
    },
    /// An action was turned down.
    Refused {
        /// The member.
        player: u64,
        /// Why.
        reason: Refusal,
    },
}

#[derive(Debug, Clone)]
struct Round {
    asked_ms: u64,
    deadline_ms: u64,
    choices: Vec<Told>,
    /// Choices mode: each member's one answer (index, time). Typed mode:
    /// members who got it (time).
    answers: BTreeMap<u64, (Option<usize>, u64)>,
    correct: BTreeMap<u64, u64>,
    hinted: HashSet<u64>,
    hint_given: bool,
}

/// A game in one channel.
#[derive(Debug, Clone)]
pub struct Game {
    /// Who started it.
    pub starter: u64,
    /// How it was set up.
    pub settings: GameSettings,
    /// The questions drawn, shared: a copy of the game (worked on before
    /// a step is stored) costs no copy of them.
    questions: std::sync::Arc<[Question]>,
    current: usize,
    round: Option<Round>,
    players: BTreeMap<u64, Standing>,
    over: bool,
}

impl Game {
    /// Starts a game: draws up to `settings.questions` distinct questions
    /// from `bank` (those whose keys are in `recent` only when nothing else
    /// is left), in random order, and asks the first. A bank too small gives
    /// a shorter game; an empty one gives no game.
    pub fn start(
        starter: u64,
        settings: GameSettings,
        bank: &[Question],
        recent: &HashSet<String>,
        now_ms: u64,
        rng: &mut impl Rng,
    ) -> Option<(Game, Vec<Event>)> {
        Game::start_within(
            starter,
            settings,
            bank,
            |_| true,
            |q, _| {
                (q.kind != QuestionKind::WhichEpisode || q.choices.len() >= 2).then(|| q.clone())
            },
            recent,
            now_ms,
            rng,
        )
    }

    /// [`Game::start`] with only the questions `in_scope` accepts.
    ///
    /// Each question drawn passes through `fit`, which may draw what it
    /// shows anew for this game (a which-episode question's choices, from
    /// within the game's gate) or leave it out (`None`).
    ///
    /// A game mixes kinds: no kind takes more than half of it while the
    /// bank has others to offer.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn start_within<R: Rng>(
        starter: u64,
        settings: GameSettings,
        bank: &[Question],
        in_scope: impl Fn(&Question) -> bool,
        fit: impl Fn(&Question, &mut R) -> Option<Question>,
        recent: &HashSet<String>,
        now_ms: u64,
        rng: &mut R,
    ) -> Option<(Game, Vec<Event>)> {
        // Sample what is needed rather than shuffling the whole bank: fresh
        // questions first, recently asked ones only to fill up.
        let wanted = settings.questions.clamp(1, 50);
        let usable = |q: &Question| {
            (settings.mode == Mode::Typed
                || q.choices.len() >= 2
                || q.kind == QuestionKind::WhichEpisode)
                && in_scope(q)
        };
        let drawn = draw(bank, usable, recent, wanted, rng);
        let questions = pick(bank, &drawn, wanted, fit, rng);
        if questions.is_empty() {
            return None;
        }
        // The starter plays from the start; anyone who answers joins.
        let players = BTreeMap::from([(starter, Standing::default())]);
        let mut game = Game {
            starter,
            settings: GameSettings {
                questions: questions.len(),
                seconds: settings.seconds.clamp(5, 120),
                mode: settings.mode,
            },
            questions: questions.into(),
            current: 0,
            round: None,
            players,
            over: false,
        };
        let events = vec![game.ask(now_ms, rng)];
        Some((game, events))
    }

    fn ask(&mut self, now_ms: u64, rng: &mut impl Rng) -> Event {
        let question = &self.questions[self.current];
        let mut choices = question.choices.clone();
        choices.shuffle(rng);
        let deadline_ms = now_ms + u64::from(self.settings.seconds) * 1000;
        self.round = Some(Round {
            asked_ms: now_ms,
            deadline_ms,
            choices: choices.clone(),
            answers: BTreeMap::new(),
            correct: BTreeMap::new(),
            hinted: HashSet::new(),
            hint_given: false,
        });
        Event::Asked {
            number: self.current + 1,
            of: self.questions.len(),
            question: Box::new(question.clone()),
            choices: if self.settings.mode == Mode::Choices {
                choices
            } else {
                Vec::new()
            },
            deadline_ms,
        }
    }

    /// The 1-based number of the question being asked (or last asked).
    pub(crate) fn current_number(&self) -> usize {
        (self.current + 1).min(self.questions.len())
    }

    /// The choices on offer for the question being asked.
    pub(crate) fn current_choices(&self) -> &[Told] {
        self.round.as_ref().map_or(&[], |r| &r.choices)
    }

    /// Whether the game is over.
    pub fn is_over(&self) -> bool {
        self.over
    }

    /// When the current question's time is up.
    pub(crate) fn deadline_ms(&self) -> Option<u64> {
        self.round.as_ref().map(|r| r.deadline_ms)
    }

    /// The standings so far, best first.
    pub fn scoreboard(&self) -> Vec<(u64, Standing)> {
        let mut board: Vec<(u64, Standing)> =
            self.players.iter().map(|(p, s)| (*p, s.clone())).collect();
        board.sort_by(|a, b| {
            b.1.points
                .cmp(&a.1.points)
                .then(a.1.time_ms.cmp(&b.1.time_ms))
                .then(a.0.cmp(&b.0))
        });
        board
    }

    /// A member's answer: a letter in choices mode, any text in typed mode.
    pub fn answer(
        &mut self,
        player: u64,
        text: &str,
        now_ms: u64,
        rng: &mut impl Rng,
    ) -> Vec<Event> {
        if self.over {
            return vec![Event::Refused {
                player,
                reason: Refusal::Over,
            }];
        }
        // Time was up before this answer came: it belonged to a question
        // that is now revealed, and counts for nothing.
        let mut events = self.tick(now_ms, rng);
        if !events.is_empty() {
            return events;
        }
        let question = self.questions[self.current].clone();
        let mode = self.settings.mode;
        let round = self.round.as_mut().expect("a question is being asked");
        self.players.entry(player).or_default();
        // One answer a question in choices mode; typed, guesses until one
        // is right.
        let already = match mode {
            Mode::Choices => round.answers.contains_key(&player),
            Mode::Typed => round.correct.contains_key(&player),
        };
        let taken = if already {
            Err(Event::Refused {
                player,
                reason: Refusal::AlreadyAnswered,
            })
        } else {
            match mode {
                Mode::Choices => take_choice(round, &question, player, text, now_ms),
                Mode::Typed => take_typed(round, &question, player, text, now_ms),
            }
        };
        match taken {
            Ok(event) => events.push(event),
            Err(event) => {
                events.push(event);
                return events;
            }
        }
        // Everyone playing has answered (typed: has got it): reveal now. The
        // first question stays open for its whole time while only one member
        // plays, so that others can join in.
        let joined = self.players.len() >= 2 || self.current > 0;
        let done = joined
            && match mode {
                Mode::Choices => self.players.keys().all(|p| round.answers.contains_key(p)),
                Mode::Typed => self.players.keys().all(|p| round.correct.contains_key(p)),
            };
        if done {
            events.extend(self.reveal(false, now_ms, rng));
        }
        events
    }

    /// Advances time: reveals the question when its time is up.
    pub fn tick(&mut self, now_ms: u64, rng: &mut impl Rng) -> Vec<Event> {
        match &self.round {
            Some(r) if !self.over && now_ms >= r.deadline_ms => self.reveal(false, now_ms, rng),
            _ => Vec::new(),
        }
    }

    fn reveal(&mut self, skipped: bool, now_ms: u64, rng: &mut impl Rng) -> Vec<Event> {
        let round = self.round.take().expect("a question is being asked");
        let window = (round.deadline_ms - round.asked_ms).max(1);
        let mut awards = Vec::new();
        for (player, standing) in self.players.iter_mut() {
            let answered = round.answers.contains_key(player);
            match round.correct.get(player).filter(|_| !skipped) {
                Some(&after) => {
                    let speed =
                        (u64::from(SPEED_POINTS) * window.saturating_sub(after) / window) as u32;
                    let streak = (standing.streak * STREAK_STEP).min(STREAK_MAX);
                    let hint = if round.hinted.contains(player) {
                        HINT_COST
                    } else {
                        0
                    };
                    let points = (BASE_POINTS + speed + streak).saturating_sub(hint);
                    standing.points += points;
                    standing.correct += 1;
                    standing.answered += 1;
                    standing.streak += 1;
                    standing.time_ms += after;
                    awards.push(Award {
                        player: *player,
                        points,
                        after_ms: after,
                    });
                }
                None if skipped => {}
                None => {
                    standing.streak = 0;
                    if answered {
                        standing.answered += 1;
                    }
                }
            }
        }
        awards.sort_by_key(|a| (a.after_ms, a.player));
        let mut events = vec![Event::Revealed {
            number: self.current + 1,
            question: Box::new(self.questions[self.current].clone()),
            awards,
            skipped,
        }];
        self.current += 1;
        if self.current == self.questions.len() {
            self.over = true;
            let scoreboard = self.scoreboard();
            let winner = scoreboard
                .first()
                .filter(|(_, s)| s.points > 0)
                .map(|(p, _)| *p);
            events.push(Event::Finished { scoreboard, winner });
        } else {
            events.push(self.ask(now_ms, rng));
        }
        events
    }

    /// Why `player` may not stop or skip, if they may not: the game is over,
    /// or they neither started it nor may manage messages.
    fn control_refused(&self, player: u64, may_manage: bool) -> Option<Vec<Event>> {
        let reason = if self.over {
            Refusal::Over
        } else if player != self.starter && !may_manage {
            Refusal::NotAllowed
        } else {
            return None;
        };
        Some(vec![Event::Refused { player, reason }])
    }

    /// Skips the current question (no points): the starter, or members who
    /// may manage messages.
    pub fn skip(
        &mut self,
        player: u64,
        may_manage: bool,
        now_ms: u64,
        rng: &mut impl Rng,
    ) -> Vec<Event> {
        if let Some(refused) = self.control_refused(player, may_manage) {
            return refused;
        }
        self.reveal(true, now_ms, rng)
    }

    /// Stops the game, keeping every point: the starter, or members who may
    /// manage messages.
    pub fn stop(&mut self, player: u64, may_manage: bool) -> Vec<Event> {
        if let Some(refused) = self.control_refused(player, may_manage) {
            return refused;
        }
        self.over = true;
        self.round = None;
        vec![Event::Stopped {
            by: player,
            scoreboard: self.scoreboard(),
        }]
    }

    /// A hint for the current question, once per question: two wrong
    /// choices removed (choices mode) or the first letter (typed mode). The
    /// member who asks gives up [`HINT_COST`] points of this question.
    pub fn hint(&mut self, player: u64, now_ms: u64, rng: &mut impl Rng) -> Vec<Event> {
        if self.over {
            return vec![Event::Refused {
                player,
                reason: Refusal::Over,
            }];
        }
        let mut events = self.tick(now_ms, rng);
        if self.over {
            return events;
        }
        let answer = self.questions[self.current].answer.clone();
        let mode = self.settings.mode;
        let round = self.round.as_mut().expect("a question is being asked");
        if round.hint_given {
            events.push(Event::Refused {
                player,
                reason: Refusal::HintTaken,
            });
            return events;
        }
        round.hint_given = true;
        round.hinted.insert(player);
        self.players.entry(player).or_default();
        match mode {
            Mode::Choices => {
                let mut wrong: Vec<Told> = round
                    .choices
                    .iter()
                    .filter(|c| **c != answer)
                    .cloned()
                    .collect();
                wrong.shuffle(rng);
                wrong.truncate(2);
                events.push(Event::Hint {
                    player,
                    removed: wrong,
                    first_letter: None,
                });
            }
            Mode::Typed => events.push(Event::Hint {
                player,
                removed: Vec::new(),
                first_letter: answer
                    .unrendered()
                    .chars()
                    .find(|c| c.is_alphanumeric())
                    .map(|c| answer.map(|_| c.to_string())),
            }),
        }
        events
    }
}

/// The choice a letter names ("b" is the second), among `count`.
pub fn letter_index(text: &str, count: usize) -> Option<usize> {
    let text = text.trim();
    let mut chars = text.chars();
    let letter = chars.next()?.to_ascii_uppercase();
    if chars.next().is_some() {
        return None;
    }
    (letter as usize)
        .checked_sub('A' as usize)
        .filter(|i| *i < count)
}

/// Whether a typed answer is `question`'s: its answer, a name it also
/// goes by, a number near enough; or one that fits several choices.
pub fn judge_typed(question: &Question, text: &str) -> Judgement {
    if question.kind == QuestionKind::Number {
        return judge_number(text, question.answer.unrendered(), question.language);
    }
    let words = |told: &[Told]| -> Vec<String> {
        told.iter().map(|t| t.unrendered().to_string()).collect()
    };
    let others: Vec<Told> = question
        .choices
        .iter()
        .filter(|c| **c != question.answer)
        .cloned()
        .collect();
    judge(
        text,
        question.answer.unrendered(),
        &words(&question.accepted),
        &words(&others),
    )
}

/// A letter answered in choices mode: taken, or why not (no such
/// choice).
fn take_choice(
    round: &mut Round,
    question: &Question,
    player: u64,
    text: &str,
    now_ms: u64,
) -> Result<Event, Event> {
    let Some(index) = letter_index(text, round.choices.len()) else {
        return Err(Event::Refused {
            player,
            reason: Refusal::NoSuchChoice,
        });
    };
    let after = now_ms - round.asked_ms;
    round.answers.insert(player, (Some(index), after));
    let correct = round.choices[index] == question.answer;
    if correct {
        round.correct.insert(player, after);
    }
    Ok(Event::Taken {
        player,
        correct,
        after_ms: after,
    })
}

/// A typed answer: taken, right or wrong, or ignored (it fits several
/// choices).
fn take_typed(
    round: &mut Round,
    question: &Question,
    player: u64,
    text: &str,
    now_ms: u64,
) -> Result<Event, Event> {
    let verdict = judge_typed(question, text);
    let after = now_ms - round.asked_ms;
    match verdict {
        Judgement::Several => Err(Event::Ignored { player }),
        Judgement::Correct => {
            round.correct.insert(player, after);
            round.answers.insert(player, (None, after));
            Ok(Event::Taken {
                player,
                correct: true,
                after_ms: after,
            })
        }
        Judgement::Wrong => {
            round.answers.entry(player).or_insert((None, after));
            Ok(Event::Taken {
                player,
                correct: false,
                after_ms: after,
            })
        }
    }
}

/// The bank's usable questions (`usable`), fresh and recently asked apart,
/// each pool drawn a few times what a game of `wanted` needs, in random
/// order (a small pool whole).
fn draw<R: Rng>(
    bank: &[Question],
    usable: impl Fn(&Question) -> bool,
    recent: &HashSet<String>,
    wanted: usize,
    rng: &mut R,
) -> Vec<Vec<usize>> {
    let (fresh, stale): (Vec<usize>, Vec<usize>) = (0..bank.len())
        .filter(|&i| usable(&bank[i]))
        .partition(|&i| !recent.contains(&bank[i].key));
    // A few times what is needed, in random order, from each pool; from
    // the fresh, one question per sentence first (several blanks of one
    // sentence in one game read as the same question), then the others
    // to fill up; then the same from the stale.
    [fresh, stale]
        .into_iter()
        .map(|pool| {
            // Some drawn may not fit the game (a which-episode question
            // whose gate has too few episodes around it): a small pool
            // is taken whole, in random order.
            let take = if pool.len() <= WHOLE_POOL {
                pool.len()
            } else {
                (wanted * 8).min(pool.len())
            };
            rand::seq::index::sample(rng, pool.len(), take)
                .into_iter()
                .map(|i| pool[i])
                .collect()
        })
        .collect()
}

/// Up to `wanted` questions of the pools `drawn`, each as `fit` makes it
/// for this game: from the fresh first, one question per sentence shown
/// and no kind above half while others are left, then loosening those,
/// then the same from the recently asked.
fn pick<R: Rng>(
    bank: &[Question],
    drawn: &[Vec<usize>],
    wanted: usize,
    fit: impl Fn(&Question, &mut R) -> Option<Question>,
    rng: &mut R,
) -> Vec<Question> {
    let per_kind = wanted.div_ceil(2).max(1);
    let mut questions: Vec<Question> = Vec::with_capacity(wanted);
    let mut sentences: HashSet<&str> = HashSet::new();
    let mut kinds: HashMap<QuestionKind, usize> = HashMap::new();
    let mut keys: HashSet<&str> = HashSet::new();
    let mut tried: HashSet<usize> = HashSet::new();
    // From the fresh: one question per sentence (no sentence shown by
    // two questions) and kinds mixed, then
    // one per sentence, then any; then the same from the stale.
    let passes = [
        (0, true, true),
        (0, true, false),
        (0, false, false),
        (1, true, true),
        (1, true, false),
        (1, false, false),
    ];
    for (pool, one_per_sentence, mixed) in passes {
        for &i in &drawn[pool] {
            if questions.len() == wanted {
                break;
            }
            let q = &bank[i];
            // The sentences it shows: its own, and the one before
            // when that is shown too, which would tell another
            // question of the game its answer.
            let shown: Vec<&str> = q
                .fact
                .iter()
                .chain(q.lead_fact.iter())
                .map(|f| f.unrendered())
                .collect();
            if keys.contains(q.key.as_str())
                || tried.contains(&i)
                || (one_per_sentence && shown.iter().any(|s| sentences.contains(s)))
                || (mixed && kinds.get(&q.kind).is_some_and(|n| *n >= per_kind))
            {
                continue;
            }
            tried.insert(i);
            let Some(fitted) = fit(q, rng) else {
                continue;
            };
            sentences.extend(shown);
            *kinds.entry(q.kind).or_default() += 1;
            keys.insert(q.key.as_str());
            questions.push(fitted);
        }
    }
    questions
}
