//! Rewatches: a channel watches a show again together, `per` episodes
//! every `every` days at a local time. Each step moves the channel's
//! spoiler horizon on to the last episode it reaches (and the progress of
//! the members who follow the rewatch), says which episodes are up, opens
//! a thread for each, and, if asked, runs a short round of trivia about
//! the show so far. Each step is an action on the schedule, done once
//! whichever process finds it due.

use super::daily::{LATE_NOTE_MS, local, next_at, span, time_of_day, zone};
use super::planned::managed_channel;
use super::replies::private;
use super::{StartOptions, Trivia};
use crate::error::{Failure, Outcome, refuse};
use crate::i18n::{Locale, m, n, s, t};
use crate::index::{Episode, Show};
use crate::reply::Reply;
use crate::request::Ctx;
use crate::services::Shared;
use crate::services::catalog::{episode_input, resolve_show};
use crate::spoiler::{EpisodeKey, Gate};
use crate::store::games::Posting;
use crate::store::rewatch::{self, Rewatch, Step};
use crate::store::schedule::{self, Due, REWATCH};

/// Questions in a step's round.
const ROUND_QUESTIONS: usize = 5;

/// Options of `/rewatch start`.
#[derive(Debug, Clone, Default)]
pub struct RewatchOptions {
    /// The show (slug or title).
    pub show: Option<String>,
    /// The first episode (code or title).
    pub first: String,
    /// Episodes a step (default 1).
    pub per: Option<u64>,
    /// Days between steps (default 7).
    pub every: Option<u64>,
    /// The local time of day, "HH:MM".
    pub at: String,
    /// An IANA time zone.
    pub timezone: String,
    /// Where; default: where the command is given.
    pub channel: Option<u64>,
    /// A short trivia round at each step.
    pub trivia: bool,
}

/// What `/rewatch` does to the channel's rewatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RewatchAction {
    /// Says where it stands.
    Status,
    /// Holds it: no step until it is resumed.
    Pause,
    /// Goes on, the next step at the next time the clocks show its time.
    Resume,
    /// Puts the next step off by one period (a holiday week).
    Skip,
    /// Ends it; the horizon stays where it is.
    Stop,
}

/// A step's episodes, as a reply names them: "S01E03 “Pilot”".
fn named(l: Locale, gate: &Gate, episode: &Episode) -> String {
    let title = gate.plain(&episode.title).unwrap_or_default();
    t(
        l,
        "rewatch-episode-name",
        &[s("code", episode.key.to_string()), m("title", title)],
    )
}

impl Trivia {
    /// `/rewatch start`: a channel watches a show again, step by step.
    pub(crate) async fn rewatch_start(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        opts: RewatchOptions,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed_channel(ctx, "rewatch-not-allowed")?;
        let (minute, tz) = time_of_day(l, &opts.at, &opts.timezone)?;
        let index = shared.sync().await?;
        let show = resolve_show(&index, l, opts.show.as_deref())?;
        let gate = shared.gate(ctx, show.id).await?;
        let (first, _) = episode_input(show, l, &opts.first, &gate)?;
        // A rewatch steps through the catalog's episodes: it begins at one.
        if show.episode(first).is_none() {
            return refuse(private(t(
                l,
                "rewatch-unknown-episode",
                &[s("episode", first.to_string()), s("show", &show.title)],
            )));
        }
        let channel = opts.channel.unwrap_or(ctx.channel);
        let (per, every) = (opts.per.unwrap_or(1), opts.every.unwrap_or(7));
        let row = Rewatch {
            id: 0,
            guild: guild as i64,
            channel: channel as i64,
            show_id: show.id,
            next_order: first.order(),
            per_step: per as i64,
            every_days: every as i64,
            at_minute: minute,
            timezone: tz.name().to_string(),
            trivia: i64::from(opts.trivia),
            locale: l.code().to_string(),
            started_by: ctx.user as i64,
            status: "running".to_string(),
        };
        let due = next_at(tz, minute, now_ms);
        if rewatch::start(&shared.db, &row, due, now_ms)
            .await?
            .is_none()
        {
            return refuse(private(t(
                l,
                "rewatch-already",
                &[m("channel", format!("<#{channel}>"))],
            )));
        }
        self.read_schedule(shared).await?;
        Ok(Reply::line(t(
            l,
            "rewatch-started",
            &[
                s("show", &show.title),
                m("channel", format!("<#{channel}>")),
                n("per", per as usize),
                n("every", every as usize),
                s("time", format!("{:02}:{:02}", minute / 60, minute % 60)),
                s("timezone", tz.name()),
                s("first", first.to_string()),
                s("when", local(tz, due)),
            ],
        )))
    }

    /// `/rewatch status`, `pause`, `resume`, `skip` and `stop`, for the
    /// channel's rewatch.
    pub(crate) async fn rewatch_manage(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        action: RewatchAction,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let channel = ctx.thread_of.unwrap_or(ctx.channel);
        let Some(r) = rewatch::of_channel(&shared.db, channel).await? else {
            return refuse(private(t(l, "rewatch-none", &[])));
        };
        let tz = zone(&r.timezone).unwrap_or(chrono_tz::UTC);
        let next = schedule::next_of(&shared.db, (REWATCH, r.guild as u64, r.id)).await?;
        if action != RewatchAction::Status {
            managed_channel(ctx, "rewatch-not-allowed")?;
        }
        let (key, status, due) = match (action, r.status.as_str()) {
            (RewatchAction::Status, _) => {
                let followers = rewatch::followers(&shared.db, r.id).await?;
                let when = next.map_or_else(|| t(l, "rewatch-paused-now", &[]), |d| local(tz, d));
                let from = EpisodeKey::from_order(r.next_order).to_string();
                return Ok(private(t(
                    l,
                    "rewatch-status",
                    &[
                        m("channel", format!("<#{}>", r.channel)),
                        s("from", from),
                        n("per", r.per_step as usize),
                        s("when", when),
                        n("followers", followers as usize),
                    ],
                )));
            }
            (RewatchAction::Pause, "running") => ("rewatch-paused", "paused", None),
            (RewatchAction::Resume, "paused") => {
                // A step put off before the pause stays put off.
                let key = (REWATCH, r.guild as u64, r.id);
                let put_off = schedule::last_cancelled(&shared.db, key)
                    .await?
                    .filter(|due| *due > now_ms);
                let due = next_at(tz, r.at_minute, now_ms).max(put_off.unwrap_or(0));
                ("rewatch-resumed", "running", Some(due))
            }
            (RewatchAction::Skip, "running") => {
                let from = next.unwrap_or(now_ms);
                let due = next_at(tz, r.at_minute, from + (r.every_days - 1) * 86_400_000);
                ("rewatch-skipped", "running", Some(due))
            }
            (RewatchAction::Stop, _) => ("rewatch-stopped", "stopped", None),
            (RewatchAction::Pause | RewatchAction::Skip, _) => {
                return refuse(private(t(l, "rewatch-is-paused", &[])));
            }
            (RewatchAction::Resume, _) => {
                return refuse(private(t(l, "rewatch-is-running", &[])));
            }
        };
        rewatch::set_status(&shared.db, &r, status, due, now_ms).await?;
        self.read_schedule(shared).await?;
        let when = due.map(|d| local(tz, d)).unwrap_or_default();
        Ok(Reply::line(t(l, key, &[s("when", when)])))
    }

    /// `/progress follow`: the member's progress follows the channel's
    /// rewatch, from where it stands now.
    pub(crate) async fn rewatch_follow(&self, shared: &Shared, ctx: &Ctx) -> Outcome<Reply> {
        let l = ctx.locale;
        let channel = ctx.thread_of.unwrap_or(ctx.channel);
        let Some(r) = rewatch::of_channel(&shared.db, channel).await? else {
            return refuse(private(t(l, "rewatch-none", &[])));
        };
        let index = shared.sync().await?;
        let Some(show) = index.shows.iter().find(|s| s.id == r.show_id) else {
            return refuse(private(t(l, "rewatch-none", &[])));
        };
        // Where the channel stands: the episode before the next step's.
        let reached = show
            .episodes
            .iter()
            .map(|e| e.key)
            .rfind(|k| k.order() < r.next_order);
        let seen = rewatch::follow(&shared.db, r.id, ctx.user, show.id, reached).await?;
        shared.saw(seen).await?;
        Ok(private(match reached {
            Some(at) => t(
                l,
                "rewatch-following",
                &[s("show", &show.title), s("episode", at.to_string())],
            ),
            // Nothing reached yet: their own progress is cleared, and the
            // channel's horizon counts for them until the first step.
            None => t(
                l,
                "rewatch-following-from",
                &[
                    s("show", &show.title),
                    s("episode", EpisodeKey::from_order(r.next_order).to_string()),
                ],
            ),
        }))
    }

    /// A rewatch's step that is due: what its channel is told.
    pub(super) async fn rewatch_run(
        &self,
        shared: &Shared,
        due: &Due,
        now_ms: i64,
    ) -> anyhow::Result<Option<(u64, Vec<Reply>)>> {
        let r = rewatch::get(&shared.db, due.ref_id).await?;
        let index = shared.sync().await?;
        let show = r
            .as_ref()
            .and_then(|r| index.shows.iter().find(|s| s.id == r.show_id));
        let (Some(r), Some(show)) = (r.filter(|r| r.status == "running"), show) else {
            return self
                .do_action(shared, due, "cancelled", 0, Vec::new(), now_ms)
                .await;
        };
        let l = Locale::from_tag(&r.locale);
        let tz = zone(&r.timezone).unwrap_or(chrono_tz::UTC);
        let channel = r.channel as u64;
        let episodes: Vec<&Episode> = show
            .episodes
            .iter()
            .filter(|e| e.key.order() >= r.next_order)
            .take(r.per_step.max(1) as usize)
            .collect();
        let last = episodes.last().map(|e| e.key);
        // What the channel may see once the step is stored.
        let gate = Gate {
            progress: None,
            horizon: last,
        };
        let late = now_ms - due.due_at;
        let (posts, next) = match last {
            None => (
                vec![Reply::line(t(l, "rewatch-done", &[s("show", &show.title)]))],
                None,
            ),
            Some(last) => {
                let posts = step_posts(l, show, &episodes, &gate, late);
                // After the show's last episode, the rewatch is complete
                // with this step.
                let from = due.due_at.max(now_ms) + (r.every_days - 1) * 86_400_000;
                let next = show
                    .episodes
                    .iter()
                    .find(|e| e.key > last)
                    .map(|after| (after.key.order(), next_at(tz, r.at_minute, from)));
                (posts, next)
            }
        };
        let mut posts = posts;
        let posting = Posting {
            holder: (self.owner, self.lease_ms()),
            channel,
            replies: posts.iter().collect(),
            rendered_at: shared.known(),
        };
        let step = Step {
            action: (due.id, if last.is_some() { "posted" } else { "done" }),
            at: now_ms,
            rewatch: &r,
            reaches: last,
            next,
            posting,
        };
        let Some((ids, seen)) = rewatch::step(&shared.db, &step).await? else {
            return Ok(None);
        };
        for (post, id) in posts.iter_mut().zip(ids) {
            post.post = Some(id);
        }
        // The horizon moved: this process reads it anew at once (the
        // others as they hear of it).
        shared.saw(seen).await?;
        if let (Some(last), true) = (last, r.trivia != 0) {
            let round = self.rewatch_round(shared, (&r, &show.slug), last, now_ms);
            posts.extend(round.await?);
        }
        Ok(Some((channel, posts)))
    }

    /// A short round about the show up to where the rewatch has reached,
    /// as the game of whoever started the rewatch; where it cannot start
    /// (a game runs there), the step goes on without it.
    async fn rewatch_round(
        &self,
        shared: &Shared,
        (r, show): (&Rewatch, &str),
        last: EpisodeKey,
        now_ms: i64,
    ) -> anyhow::Result<Vec<Reply>> {
        let starter = Ctx {
            user: r.started_by as u64,
            channel: r.channel as u64,
            guild: Some(r.guild as u64),
            locale: Locale::from_tag(&r.locale),
            can_manage_channel: true,
            can_manage_guild: false,
            thread_of: None,
        };
        let opts = StartOptions {
            show: Some(show.to_string()),
            up_to: Some(last.to_string()),
            questions: Some(ROUND_QUESTIONS),
            ..StartOptions::default()
        };
        match self.start(shared, &starter, opts, now_ms).await {
            Ok(replies) => Ok(replies),
            Err(Failure::Told(refusal)) => {
                tracing::info!(rewatch = r.id, "a rewatch's round could not start");
                let l = starter.locale;
                let mut said = Reply::line(t(l, "rewatch-no-round", &[]));
                said.lines.extend(refusal.lines);
                Ok(vec![said])
            }
            Err(Failure::Internal(e)) => Err(e),
        }
    }
}

/// A step's posts: a header naming the episodes it reaches (late by
/// `late` ms), then one post per episode with its own thread; the header
/// says so when the step reaches the show's last episode.
fn step_posts(l: Locale, show: &Show, episodes: &[&Episode], gate: &Gate, late: i64) -> Vec<Reply> {
    let names: Vec<String> = episodes.iter().map(|e| named(l, gate, e)).collect();
    let mut header = Reply::line(t(
        l,
        "rewatch-step",
        &[n("count", names.len()), m("episodes", names.join(", "))],
    ));
    if late > LATE_NOTE_MS {
        header
            .notes
            .push(t(l, "daily-late", &[s("late", span(late))]));
    }
    let reaches_end = episodes
        .last()
        .is_some_and(|last| show.episodes.last().is_some_and(|e| e.key == last.key));
    if reaches_end {
        header
            .lines
            .push(t(l, "rewatch-last-step", &[s("show", &show.title)]));
    }
    let mut posts = vec![header];
    for episode in episodes {
        let mut post = Reply::line(t(
            l,
            "rewatch-thread-post",
            &[m("episode", named(l, gate, episode))],
        ));
        post.thread = Some(gate.thread_name(episode.key, &episode.title));
        posts.push(post);
    }
    posts
}
