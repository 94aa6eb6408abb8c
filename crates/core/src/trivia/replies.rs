//! Trivia replies, rendered by pure functions: what happened in a game
//! becomes what the channel and the member are told, every piece of catalog
//! text through the game's gate.

use crate::i18n::{Locale, m, n, t};
use crate::quiz::game::{Event, Mode, Refusal, Standing};
use crate::quiz::generate::{Question, QuestionKind};
use crate::reply::{Action, Buttons, Does, Reply, Round, limits};
use crate::spoiler::{Gate, Style, Told, truncate_balanced};

use super::Running;

/// A member, as Discord writes a mention (front ends may render names).
pub fn player(id: u64) -> String {
    format!("<@{id}>")
}

/// The top ten of a ranking, then the asker's own place when they are
/// further down: always short enough for one message.
pub(super) fn ranked<T>(
    locale: Locale,
    ranking: &[T],
    is_asker: impl Fn(&T) -> bool,
    line: impl Fn(usize, &T) -> String,
) -> Vec<String> {
    let mut lines: Vec<String> = ranking
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, x)| line(i + 1, x))
        .collect();
    if let Some(i) = ranking.iter().position(is_asker).filter(|i| *i >= 10) {
        lines.push(t(
            locale,
            "trivia-your-rank",
            &[n("rank", i + 1), n("of", ranking.len())],
        ));
    }
    lines
}

/// What a channel is told of its game, cut off when the process running
/// it stopped: the points that stand, best first.
pub(super) fn interrupted(l: Locale, points: std::collections::HashMap<u64, i64>) -> Reply {
    let mut board: Vec<(u64, i64)> = points.into_iter().collect();
    board.sort_by_key(|(p, pts)| (std::cmp::Reverse(*pts), *p));
    let mut reply = Reply::line(format!("**{}**", t(l, "trivia-interrupted", &[])));
    reply.lines.extend(ranked(
        l,
        &board,
        |_| false,
        |rank, (p, pts)| {
            t(
                l,
                "trivia-interrupted-rank",
                &[
                    n("rank", rank),
                    m("player", player(*p)),
                    n("points", (*pts).max(0) as usize),
                ],
            )
        },
    ));
    reply
}

pub(super) fn private(line: String) -> Reply {
    Reply::line(line).private()
}

/// Text in a game: plain within the game's gate, wrapped otherwise (what
/// lies past the starter's progress is in scope only with spoilers:true).
pub(super) fn shown(gate: &Gate, told: &Told, style: Style) -> String {
    gate.show(told, style, true).unwrap_or_default()
}

impl Running {
    pub(super) fn scoreboard(
        &self,
        asker: u64,
        heading: String,
        board: &[(u64, Standing)],
        winner: Option<Option<u64>>,
    ) -> Reply {
        let l = self.locale;
        let mut reply = Reply::line(format!("**{heading}**"));
        if let Some(winner) = winner {
            reply.lines.push(
                match winner.and_then(|w| board.iter().find(|(p, _)| *p == w)) {
                    Some((p, st)) => t(
                        l,
                        "trivia-winner",
                        &[m("player", player(*p)), n("points", st.points as usize)],
                    ),
                    None => t(l, "trivia-no-winner", &[]),
                },
            );
        }
        let line = |rank: usize, (p, st): &(u64, Standing)| {
            t(
                l,
                "trivia-rank",
                &[
                    n("rank", rank),
                    m("player", player(*p)),
                    n("points", st.points as usize),
                    n("correct", st.correct as usize),
                    n("answered", st.answered as usize),
                ],
            )
        };
        reply
            .lines
            .extend(ranked(l, board, |(p, _)| *p == asker, line));
        reply
    }
}

/// Turns what happened in a game into replies, every piece of catalog text
/// through the game's gate as it is now (a lowered horizon takes effect at
/// the next post). Pure: what had to be stored was stored before. What the
/// channel reads is in the game's language; what answers the member who
/// acted (`asker`, with their language) is in theirs.
pub(super) fn render(
    state: &Running,
    gate: &Gate,
    (asker, own): (u64, Locale),
    events: Vec<Event>,
    now_ms: i64,
) -> Vec<Reply> {
    let l = state.locale;
    let mut replies = Vec::new();
    for event in events {
        match event {
            Event::Asked {
                number,
                of,
                question,
                choices,
                deadline_ms,
            } => {
                let seconds = (deadline_ms as i64 - now_ms).max(0) / 1000;
                let asked = Asked {
                    number,
                    of,
                    question: &question,
                    choices: &choices,
                    seconds,
                };
                replies.push(asked.render(state, gate));
            }
            Event::Taken { player: p, .. } => {
                if p == asker && state.game.settings.mode == Mode::Choices {
                    replies.push(private(t(own, "trivia-taken", &[])));
                }
            }
            Event::Ignored { .. } => replies.push(private(t(own, "trivia-ignored", &[]))),
            Event::Revealed {
                number,
                question,
                awards,
                skipped,
            } => {
                let who: Vec<String> = awards
                    .iter()
                    .map(|a| format!("{} +{}", player(a.player), a.points))
                    .collect();
                let mut reply = revealed(l, gate, &question, skipped, &who);
                let round = Round {
                    game: state.id,
                    number,
                };
                reply.closes = Some(round);
                // Unfair, wrong or giving itself away: any member may say so.
                reply.actions.push(Action {
                    does: Does::Report(round),
                    label: t(l, "trivia-report-button", &[]),
                });
                replies.push(reply);
            }
            Event::Hint {
                player: p,
                removed,
                first_letter,
            } => {
                let l = if p == asker { own } else { l };
                replies.push(hint(l, gate, p, &removed, first_letter.as_ref()));
            }
            Event::Finished { scoreboard, winner } => {
                replies.push(state.scoreboard(
                    asker,
                    t(l, "trivia-finished", &[]),
                    &scoreboard,
                    Some(winner),
                ));
            }
            Event::Stopped { by, scoreboard } => {
                let heading = t(l, "trivia-stopped", &[m("player", player(by))]);
                let mut reply = state.scoreboard(asker, heading, &scoreboard, None);
                reply.closes = Some(Round {
                    game: state.id,
                    number: state.game.current_number(),
                });
                replies.push(reply);
            }
            Event::Refused { reason, .. } => {
                let choices = state.game.current_choices().len();
                replies.push(private(refused(own, reason, choices)));
            }
        }
    }
    replies
}

/// A choice, at most, as a question shows it (characters).
const CHOICE_MAX: usize = 300;
/// A question's section heading, at most.
const CONTEXT_MAX: usize = 300;
/// Kept free beside a question's lines for its notes (the time left, a
/// cut notice).
const NOTES_ROOM: usize = 400;

/// A question as it is asked.
struct Asked<'a> {
    number: usize,
    of: usize,
    question: &'a Question,
    choices: &'a [Told],
    seconds: i64,
}

impl Asked<'_> {
    fn render(&self, state: &Running, gate: &Gate) -> Reply {
        let l = state.locale;
        let question = self.question;
        // A question asking for its episode does not name it.
        let code = question
            .episode
            .filter(|_| question.kind != QuestionKind::WhichEpisode)
            .and_then(|e| gate.code(e, true))
            .unwrap_or_else(|| "—".to_string());
        let heading = t(
            l,
            "trivia-question",
            &[
                n("number", self.number),
                n("of", self.of),
                m("episode", code),
            ],
        );
        let context = question
            .context
            .as_ref()
            .map(|c| format!(" · {}", shown(gate, c, Style::Plain)))
            .unwrap_or_default();
        let (context, _) = truncate_balanced(&context, CONTEXT_MAX);
        let mut reply = Reply::line(format!("**{heading}**{context}"));
        let choices: Vec<String> = ('A'..)
            .zip(self.choices)
            .map(|(letter, choice)| {
                let (choice, _) = truncate_balanced(&shown(gate, choice, Style::Plain), CHOICE_MAX);
                format!("**{letter})** {choice}")
            })
            .collect();
        // The choices and the time always show: a long prompt is what gives
        // way, so the question can still be answered.
        let used: usize = reply.lines[0].chars().count()
            + choices.iter().map(|c| c.chars().count() + 1).sum::<usize>();
        let room = limits::DESCRIPTION.min(limits::EMBED_TOTAL - NOTES_ROOM) - used - 1;
        // The sentence the question's goes on from, above it, gives way
        // before the prompt does.
        if let Some(lead) = &question.lead {
            let (lead, _) = truncate_balanced(&shown(gate, lead, Style::Plain), room / 3);
            reply.lines.push(format!("*{lead}*"));
        }
        let room =
            room.saturating_sub(reply.lines[1..].iter().map(|l| l.chars().count() + 1).sum());
        let (prompt, _) = truncate_balanced(&shown(gate, &question.prompt, Style::Plain), room);
        reply.lines.push(prompt);
        reply.lines.extend(choices);
        if self.choices.is_empty() {
            reply.lines.push(t(l, "trivia-typed", &[]));
        } else {
            reply.buttons = Some(Buttons {
                round: Round {
                    game: state.id,
                    number: self.number,
                },
                count: self.choices.len(),
            });
        }
        reply.notes.push(t(
            l,
            "trivia-seconds",
            &[n("seconds", self.seconds as usize)],
        ));
        reply
    }
}

/// The answer, the fact it came from, and who got it (`who`, with points).
pub(super) fn revealed(
    l: Locale,
    gate: &Gate,
    question: &Question,
    skipped: bool,
    who: &[String],
) -> Reply {
    let mut reply = Reply::line(t(
        l,
        "trivia-answer-is",
        &[m("answer", shown(gate, &question.answer, Style::Bold))],
    ));
    if let (Some(fact), Some(e)) = (&question.fact, question.episode) {
        reply.lines.push(t(
            l,
            "trivia-from",
            &[
                m("episode", gate.code(e, true).unwrap_or_default()),
                m("fact", shown(gate, fact, Style::Plain)),
            ],
        ));
    }
    reply.lines.push(if skipped {
        t(l, "trivia-skipped", &[])
    } else if who.is_empty() {
        t(l, "trivia-nobody", &[])
    } else {
        t(l, "trivia-got-it", &[m("players", who.join(", "))])
    });
    reply
}

/// A hint: the choices taken away, or the answer's first letter.
fn hint(l: Locale, gate: &Gate, by: u64, removed: &[Told], first_letter: Option<&Told>) -> Reply {
    let mut reply = Reply::line(match first_letter {
        Some(c) => t(
            l,
            "trivia-hint-letter",
            &[m("letter", shown(gate, c, Style::Plain))],
        ),
        None => {
            let names: Vec<String> = removed
                .iter()
                .map(|r| shown(gate, r, Style::Plain))
                .collect();
            t(l, "trivia-hint-removed", &[m("choices", names.join(", "))])
        }
    });
    reply.notes.push(t(
        l,
        "trivia-hint-cost",
        &[
            m("player", player(by)),
            n("points", crate::quiz::game::HINT_COST as usize),
        ],
    ));
    reply
}

/// Why an answer or a request was refused (`choices`: how many there are).
fn refused(l: Locale, reason: Refusal, choices: usize) -> String {
    let letters: Vec<String> = ('A'..).take(choices).map(|c| c.to_string()).collect();
    match reason {
        Refusal::AlreadyAnswered => t(l, "trivia-refused-already", &[]),
        Refusal::NoSuchChoice => t(
            l,
            "trivia-refused-choice",
            &[m("letters", letters.join(", "))],
        ),
        Refusal::NotAllowed => t(l, "trivia-refused-not-allowed", &[]),
        Refusal::HintTaken => t(l, "trivia-refused-hint", &[]),
        Refusal::Over => t(l, "trivia-refused-over", &[]),
    }
}
