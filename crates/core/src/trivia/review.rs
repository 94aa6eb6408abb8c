//! The review loop: members report a question from its reveal, and
//! members who may manage the server go through the review list (reported
//! questions, and those nearly everyone or nobody gets right), approving
//! or retiring each. A retired question is never asked again there.

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::replies::{private, shown};
use crate::error::{Outcome, refuse};
use crate::i18n::{m, n, s, t};
use crate::quiz::generate::Question;
use crate::quiz::review::{self, Why};
use crate::reply::{Action, Does, Reply, Round};
use crate::request::Ctx;
use crate::services::Shared;
use crate::spoiler::{Gate, Style};
use crate::store::daily;
use crate::store::reviews::{self, Record, Verdict, scope_of};

/// Questions listed per page of the review list (the first in full).
const LISTED: usize = 5;

/// Whether `ctx`'s member may review this server's questions: members
/// who may manage the server, and anyone in their own direct messages.
fn may_review(ctx: &Ctx) -> bool {
    ctx.guild.is_none() || ctx.can_manage_guild
}

/// `/trivia report` and the reveal's Report button: the question of
/// `round` (the last one revealed in the channel without one) goes on the
/// server's review list. Private; one report per member per question.
pub async fn report(
    shared: &Shared,
    ctx: &Ctx,
    round: Option<Round>,
    now_ms: i64,
) -> Outcome<Reply> {
    let l = ctx.locale;
    let asked = match round {
        Some(r) => reviews::round(&shared.db, r.game, r.number as i64).await?,
        None => reviews::last_revealed(&shared.db, ctx.channel).await?,
    };
    let scope = scope_of(ctx.guild, ctx.channel);
    // A question still open, or a button from another server, reports
    // nothing.
    let Some(asked) = asked.filter(|a| a.revealed && a.scope == scope) else {
        return refuse(private(t(l, "trivia-report-none", &[])));
    };
    let key = if reviews::report(&shared.db, &asked, ctx.user, now_ms).await? {
        "trivia-reported"
    } else {
        "trivia-reported-already"
    };
    Ok(private(t(l, key, &[n("number", asked.number as usize)])))
}

/// `/trivia review`: the server's review list, the most urgent question in
/// full with its source fact and buttons to approve or retire it; with
/// `act`, that verdict on that question first.
pub(crate) async fn review(
    shared: &Shared,
    ctx: &Ctx,
    act: Option<(String, Verdict)>,
    now_ms: i64,
) -> Outcome<Reply> {
    let l = ctx.locale;
    if !may_review(ctx) {
        return refuse(private(t(l, "trivia-review-not-allowed", &[])));
    }
    let scope = scope_of(ctx.guild, ctx.channel);
    // Only questions wholly within the moderator's own progress exist
    // here: a later one is listed nowhere, counted nowhere, and its id
    // reads like one no bank has.
    let index = shared.sync().await?;
    let mut gates: HashMap<String, Gate> = HashMap::new();
    for show in &index.shows {
        gates.insert(show.slug.clone(), shared.gate(ctx, show.id).await?);
    }
    let visible = |q: &Question| within(&index, &gates, q);
    let guild = ctx.guild.unwrap_or(ctx.channel);
    let done = match act {
        Some((key, verdict)) => {
            let key = key.trim().to_lowercase();
            Some(decide(shared, ctx, (&gates, &index), &key, verdict, now_ms).await?)
        }
        None => None,
    };
    let records = reviews::records(&shared.db, Some(scope)).await?;
    let candidates = review::list(&records);
    let keys: Vec<&str> = candidates.iter().map(|(r, _)| r.key.as_str()).collect();
    let mut found = questions(shared, ctx.guild, &keys).await?;
    // A question the catalog no longer makes cannot be asked: nothing to
    // review.
    let listed: Vec<(&Record, Why, Question)> = candidates
        .into_iter()
        .filter_map(|(r, why)| Some((r, why, found.remove(&r.key).filter(|q| visible(q))?)))
        .collect();
    // Suggestions first (one may just have been decided).
    // Suggestions about later episodes than the moderator has watched are
    // not shown, but counted, so that none seems lost.
    let (still, all) = suggested(shared, guild, &gates, &index).await?;
    let unseen = all.saturating_sub(still.len());
    let mut reply = if still.is_empty() {
        review_reply(ctx, &gates, &listed, done)
    } else {
        let mut reply = suggestion_reply(l, &still);
        reply.lines.splice(0..0, done);
        reply
            .notes
            .push(t(l, "daily-suggestions-then", &[n("count", listed.len())]));
        reply
    };
    if unseen > 0 {
        reply
            .notes
            .push(t(l, "daily-suggestions-unseen", &[n("count", unseen)]));
    }
    Ok(reply)
}

/// Whether question `q` lies wholly within the moderator's progress in
/// its show (`gates` by show slug): only those exist on the review desk.
fn within(index: &crate::index::Index, gates: &HashMap<String, Gate>, q: &Question) -> bool {
    let Some(show) = index.shows.iter().find(|sh| sh.slug == q.show) else {
        return false;
    };
    let last = show.episodes.last().map(|e| e.key);
    let watched = gates.get(&q.show).and_then(Gate::watched);
    q.level(last)
        .is_some_and(|level| watched.is_some_and(|w| level <= w))
}

/// One verdict from the review desk: on a suggested question of the day
/// (its key begins with "s", which no bank key, hex, does) or on a bank
/// question; what the moderator is told, or the refusal of a key they may
/// not see (one past their progress reads like one that never was).
async fn decide(
    shared: &Shared,
    ctx: &Ctx,
    (gates, index): (&HashMap<String, Gate>, &crate::index::Index),
    key: &str,
    verdict: Verdict,
    now_ms: i64,
) -> Outcome<String> {
    let l = ctx.locale;
    let guild = ctx.guild.unwrap_or(ctx.channel);
    if key.starts_with('s') {
        let (waiting, _) = suggested(shared, guild, gates, index).await?;
        if !waiting.iter().any(|(own, ..)| own.question_key == key) {
            let id = if daily::decided(&shared.db, guild, key).await? {
                "daily-suggestion-decided"
            } else {
                "trivia-review-unknown"
            };
            return refuse(private(t(l, id, &[s("question", key)])));
        }
        let approve = verdict == Verdict::Approved;
        daily::decide(&shared.db, guild, key, approve, (ctx.user, now_ms)).await?;
        let said = if approve {
            "daily-suggestion-approved"
        } else {
            "daily-suggestion-rejected"
        };
        return Ok(t(l, said, &[]));
    }
    if !questions(shared, ctx.guild, &[key])
        .await?
        .values()
        .any(|q| within(index, gates, q))
    {
        return refuse(private(t(
            l,
            "trivia-review-unknown",
            &[s("question", key)],
        )));
    }
    let scope = scope_of(ctx.guild, ctx.channel);
    reviews::decide(&shared.db, scope, key, verdict, ctx.user, now_ms).await?;
    Ok(t(
        l,
        match verdict {
            Verdict::Approved => "trivia-review-approved",
            Verdict::Retired => "trivia-review-retired",
        },
        &[s("question", key)],
    ))
}

/// The review list as the moderator reads it: what was just decided, the
/// most urgent question in full under its show's gate with the buttons
/// to decide it, then the next few.
fn review_reply(
    ctx: &Ctx,
    gates: &HashMap<String, Gate>,
    listed: &[(&Record, Why, Question)],
    done: Option<String>,
) -> Reply {
    let l = ctx.locale;
    let mut reply = Reply {
        private: true,
        title: Some(t(l, "trivia-review-title", &[n("count", listed.len())])),
        ..Reply::default()
    };
    reply.lines.extend(done);
    let Some((first, why, q)) = listed.first() else {
        reply.lines.push(t(l, "trivia-review-empty", &[]));
        return reply;
    };
    let gate = gates.get(&q.show).copied().unwrap_or_default();
    let text = |told: &crate::spoiler::Told, style: Style| shown(&gate, told, style);
    reply.lines.extend(in_full(l, &gate, q));
    if let (Some(fact), Some(e)) = (&q.fact, q.episode) {
        reply.lines.push(t(
            l,
            "trivia-from",
            &[
                m("episode", gate.code(e, true).unwrap_or_default()),
                m("fact", text(fact, Style::Plain)),
            ],
        ));
    }
    reply.lines.push(why_line(ctx, first, *why));
    reply.lines.push(t(
        l,
        "trivia-review-id",
        &[s("question", first.key.clone())],
    ));
    for (record, why, q) in listed.iter().skip(1).take(LISTED - 1) {
        // Each under the gate of its own show.
        let Some(gate) = gates.get(&q.show) else {
            continue;
        };
        let prompt = shown(gate, &q.prompt, Style::Plain);
        reply.fields.push(crate::reply::Field {
            name: record.key.clone(),
            lines: vec![prompt, why_line(ctx, record, *why)],
        });
    }
    reply.actions = verdicts(l, &first.key);
    reply
}

/// A question to decide on, in full under `gate`: its prompt, its
/// choices and its answer.
fn in_full(l: crate::i18n::Locale, gate: &Gate, q: &Question) -> Vec<String> {
    let text = |told: &crate::spoiler::Told, style: Style| shown(gate, told, style);
    let mut lines = vec![format!("**{}**", text(&q.prompt, Style::Plain))];
    for (letter, choice) in ('A'..).zip(&q.choices) {
        lines.push(format!("{letter}) {}", text(choice, Style::Plain)));
    }
    lines.push(t(
        l,
        "trivia-answer-is",
        &[m("answer", text(&q.answer, Style::Bold))],
    ));
    lines
}

/// The buttons that approve or retire the question with `key`.
fn verdicts(l: crate::i18n::Locale, key: &str) -> Vec<Action> {
    vec![
        Action {
            does: Does::Approve(key.to_string()),
            label: t(l, "trivia-review-approve", &[]),
        },
        Action {
            does: Does::Retire(key.to_string()),
            label: t(l, "trivia-review-retire", &[]),
        },
    ]
}

/// The questions of the day members suggested that the moderator may
/// see (within their progress), oldest first, each with its question and
/// the gate of its show; and how many are waiting in all.
async fn suggested(
    shared: &Shared,
    guild: u64,
    gates: &HashMap<String, Gate>,
    index: &crate::index::Index,
) -> Result<(Vec<(daily::Queued, Question, Gate)>, usize)> {
    let mut visible = Vec::new();
    let waiting = daily::queue(&shared.db, guild, "suggested").await?;
    let all = waiting.len();
    for own in waiting {
        let q: Question = serde_json::from_str(&own.question)?;
        let last = index
            .shows
            .iter()
            .find(|sh| sh.slug == q.show)
            .and_then(|sh| sh.episodes.last().map(|e| e.key));
        let gate = gates.get(&q.show).copied().unwrap_or_default();
        if q.level(last)
            .is_some_and(|level| gate.watched().is_some_and(|w| level <= w))
        {
            visible.push((own, q, gate));
        }
    }
    Ok((visible, all))
}

/// The suggestions as the moderator reads them: the oldest in full with
/// the buttons to decide it, then the next few.
fn suggestion_reply(l: crate::i18n::Locale, waiting: &[(daily::Queued, Question, Gate)]) -> Reply {
    let mut reply = Reply {
        private: true,
        title: Some(t(
            l,
            "daily-suggestions-title",
            &[n("count", waiting.len())],
        )),
        ..Reply::default()
    };
    let Some((own, q, gate)) = waiting.first() else {
        return reply;
    };
    reply.lines = in_full(l, gate, q);
    let by = |own: &daily::Queued, q: &Question, gate: &Gate| {
        let episode = q
            .episode
            .and_then(|e| gate.code(e, true))
            .unwrap_or_default();
        t(
            l,
            "daily-suggested-by",
            &[
                m("player", super::replies::player(own.by_user as u64)),
                m("episode", episode),
            ],
        )
    };
    reply.lines.push(by(own, q, gate));
    reply.lines.push(t(
        l,
        "trivia-review-id",
        &[s("question", own.question_key.clone())],
    ));
    for (own, q, gate) in waiting.iter().skip(1).take(LISTED - 1) {
        reply.fields.push(crate::reply::Field {
            name: own.question_key.clone(),
            lines: vec![shown(gate, &q.prompt, Style::Plain), by(own, q, gate)],
        });
    }
    reply.actions = verdicts(l, &own.question_key);
    reply
}

/// Why a question is listed, with how it has been answered.
fn why_line(ctx: &Ctx, r: &Record, why: Why) -> String {
    let l = ctx.locale;
    let rate = review::correct_rate(r).unwrap_or(0) as usize;
    let answered = [
        n("correct", r.correct as usize),
        n("players", r.players as usize),
        n("rate", rate),
    ];
    match why {
        Why::Reported(count) => {
            let mut line = t(l, "trivia-review-reported", &[n("count", count as usize)]);
            if r.players > 0 {
                line.push(' ');
                line.push_str(&t(l, "trivia-review-answered", &answered));
            }
            line
        }
        Why::TooEasy => t(l, "trivia-review-easy", &answered),
        Why::TooHard => t(l, "trivia-review-hard", &answered),
    }
}

/// The questions with these keys in the shows' banks and the server's
/// packs, by key.
async fn questions(
    shared: &Shared,
    guild: Option<u64>,
    keys: &[&str],
) -> Result<HashMap<String, Question>> {
    let wanted: HashSet<&str> = keys.iter().copied().collect();
    let mut found = HashMap::new();
    if wanted.is_empty() {
        return Ok(found);
    }
    let index = shared.sync().await?;
    for show in &index.shows {
        let bank = shared.catalog.question_bank(&shared.db, show).await?;
        for q in bank.iter().filter(|q| wanted.contains(q.key.as_str())) {
            found.insert(q.key.clone(), q.clone());
        }
        // A pack's keys begin with "p", which no bank key (hex) does.
        if let Some(guild) = guild
            && wanted.iter().any(|k| k.starts_with('p'))
        {
            let own = super::packs::pack_questions(shared, guild, show, None).await?;
            for q in own.into_iter().filter(|q| wanted.contains(q.key.as_str())) {
                found.insert(q.key.clone(), q);
            }
        }
    }
    Ok(found)
}
