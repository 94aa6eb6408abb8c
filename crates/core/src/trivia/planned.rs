//! Games set to start later (`/trivia schedule`): checked as `/trivia
//! start` checks its options, announced in the channel with a Discord
//! scheduled event, reminded a quarter of an hour before, and started on
//! time as the game of whoever set it. Each reminder and start is an
//! action on the schedule, done once whichever process finds it due; a
//! start found more than an hour late is called off, saying so.

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::daily::{
    LATE_NOTE_MS, local, local_moment, managing, minute_of_day, next_at, span, time_zone, zone,
};
use super::replies::{player, private};
use super::{StartOptions, Trivia, scope_of, settings_of};
use crate::error::{Failure, Outcome, refuse};
use crate::i18n::{Locale, m, n, s, t};
use crate::reply::{EventChange, Reply};
use crate::request::Ctx;
use crate::services::Shared;
use crate::services::catalog::resolve_show;
use crate::store::games::Posting;
use crate::store::planned::{self, Planned};
use crate::store::schedule::{Due, GAME, REMINDER};

/// A start found later than this (ms) does not happen: the channel is
/// told.
const TOO_LATE_MS: i64 = 3_600_000;

/// The reminder comes this long (ms) before the start.
const REMIND_BEFORE_MS: i64 = 15 * 60_000;

/// A game may be set at most this far ahead (ms): 60 days.
const FURTHEST_MS: i64 = 60 * 86_400_000;

/// Options of `/trivia schedule`.
#[derive(Debug, Clone, Default)]
pub struct PlanOptions {
    /// When: "2026-12-10 20:00", or "20:00" for the next time the clocks
    /// show it.
    pub at: String,
    /// An IANA time zone.
    pub timezone: String,
    /// What `/trivia start` would be given.
    pub start: StartOptions,
}

/// What a scheduled game keeps of its options.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kept {
    timezone: String,
    start: StartOptions,
}

/// The moment `at` names in `tz`, after `now_ms`.
fn moment(tz: Tz, at: &str, now_ms: i64) -> Option<i64> {
    let at = at.trim();
    if let Some(minute) = minute_of_day(at) {
        return Some(next_at(tz, minute, now_ms));
    }
    let wall = NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").ok()?;
    local_moment(tz, wall)
}

/// The server a channel manager acts for, or why they may not (the
/// message `refusal`).
pub(super) fn managed_channel(ctx: &Ctx, refusal: &str) -> Outcome<u64> {
    managing(ctx, ctx.can_manage_channel, refusal)
}

impl Trivia {
    /// `/trivia schedule add`: a game set to start later in this channel,
    /// its options checked now as `/trivia start` would check them.
    pub(crate) async fn plan_game(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        opts: PlanOptions,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed_channel(ctx, "planned-not-allowed")?;
        let tz = time_zone(l, &opts.timezone)?;
        let Some(starts_at) = moment(tz, &opts.at, now_ms) else {
            return refuse(private(t(l, "planned-bad-time", &[s("at", &opts.at)])));
        };
        if starts_at <= now_ms {
            return refuse(private(t(
                l,
                "planned-past",
                &[s("at", local(tz, starts_at))],
            )));
        }
        if starts_at > now_ms + FURTHEST_MS {
            return refuse(private(t(l, "planned-too-far", &[n("days", 60)])));
        }
        let settings = settings_of(l, &opts.start)?;
        let index = shared.sync().await?;
        let show = resolve_show(&index, l, opts.start.show.as_deref())?;
        let gate = shared.gate(ctx, show.id).await?;
        scope_of(l, show, &gate, &opts.start)?;
        // A pack the server does not have would only fail at the start.
        let pack = opts.start.pack.as_deref().map(|p| p.trim().to_lowercase());
        if let Some(pack) = &pack {
            let known = crate::store::packs::list(&shared.db, guild).await?;
            if !known
                .iter()
                .any(|p| &p.name == pack && p.show_id == show.id)
            {
                return refuse(private(t(
                    l,
                    "pack-unknown-for-show",
                    &[s("pack", pack), s("show", &show.title)],
                )));
            }
        }
        let kept = Kept {
            timezone: tz.name().to_string(),
            start: opts.start,
        };
        let row = Planned {
            id: 0,
            guild: guild as i64,
            channel: ctx.channel as i64,
            starter: ctx.user as i64,
            locale: l.code().to_string(),
            options: serde_json::to_string(&kept).map_err(anyhow::Error::from)?,
            starts_at,
            event_id: None,
        };
        let remind_at = Some(starts_at - REMIND_BEFORE_MS).filter(|at| *at > now_ms);
        let id = planned::plan(&shared.db, &row, remind_at, now_ms).await?;
        self.read_schedule(shared).await?;
        let when = local(tz, starts_at);
        let mut reply = Reply::line(t(
            l,
            "planned-set",
            &[
                n("id", id as usize),
                m("channel", format!("<#{}>", ctx.channel)),
                s("show", &show.title),
                n("count", settings.questions),
                s("when", &when),
            ],
        ));
        if let Some(pack) = &pack {
            reply.notes.push(t(l, "planned-pack", &[s("pack", pack)]));
        }
        if remind_at.is_some() {
            reply.notes.push(t(l, "planned-remind-note", &[]));
        }
        let seconds = i64::from(settings.seconds) * settings.questions as i64;
        reply.event = Some(Box::new(EventChange::Make {
            plan: id,
            name: t(l, "planned-event-name", &[s("show", &show.title)]),
            description: t(
                l,
                "planned-event-description",
                &[n("count", settings.questions), s("show", &show.title)],
            ),
            location: t(l, "planned-event-location", &[]),
            start_ms: starts_at,
            end_ms: starts_at + (seconds + 300) * 1000,
        }));
        Ok(reply)
    }

    /// `/trivia schedule list`: the server's games still to start.
    pub(crate) async fn planned_list(&self, shared: &Shared, ctx: &Ctx) -> Outcome<Reply> {
        let l = ctx.locale;
        let Some(guild) = ctx.guild else {
            return refuse(private(t(l, "daily-needs-server", &[])));
        };
        let games = planned::upcoming(&shared.db, guild).await?;
        let mut reply = Reply {
            title: Some(t(l, "planned-list-title", &[])),
            ..Reply::default()
        };
        if games.is_empty() {
            reply.lines.push(t(l, "planned-none", &[]));
        }
        let index = shared.sync().await?;
        for game in games.iter().take(20) {
            let kept: Kept = serde_json::from_str(&game.options).map_err(anyhow::Error::from)?;
            let tz = zone(&kept.timezone).unwrap_or(chrono_tz::UTC);
            let show = resolve_show(&index, l, kept.start.show.as_deref())
                .map(|show| show.title.raw().to_string())
                .ok();
            reply.lines.push(t(
                l,
                "planned-line",
                &[
                    n("id", game.id as usize),
                    s("when", local(tz, game.starts_at)),
                    m("channel", format!("<#{}>", game.channel)),
                    s("show", show.unwrap_or_default()),
                    m("player", player(game.starter as u64)),
                ],
            ));
        }
        Ok(reply.private())
    }

    /// `/trivia schedule cancel`: calls a game set to start later off.
    pub(crate) async fn call_off(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        id: i64,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed_channel(ctx, "planned-not-allowed")?;
        let Some(game) = planned::get(&shared.db, guild, id).await? else {
            return refuse(private(t(l, "planned-unknown", &[n("id", id as usize)])));
        };
        if !planned::call_off(&shared.db, guild, id, now_ms).await? {
            return refuse(private(t(
                l,
                "planned-not-pending",
                &[n("id", id as usize)],
            )));
        }
        self.read_schedule(shared).await?;
        let mut reply = Reply::line(t(
            l,
            "planned-called-off",
            &[
                n("id", id as usize),
                m("channel", format!("<#{}>", game.channel)),
            ],
        ));
        reply.event = game
            .event_id
            .map(|e| Box::new(EventChange::Remove(e as u64)));
        Ok(reply)
    }

    /// The front end made Discord event `event` for scheduled game
    /// `plan`: noted, to remove it if the game is called off.
    pub(crate) async fn planned_event_made(
        &self,
        shared: &Shared,
        plan: i64,
        event: u64,
    ) -> anyhow::Result<()> {
        planned::event_made(&shared.db, plan, event).await
    }

    /// A reminder or a start that is due: what its channel is told.
    pub(super) async fn planned_run(
        &self,
        shared: &Shared,
        due: &Due,
        now_ms: i64,
    ) -> anyhow::Result<Option<(u64, Vec<Reply>)>> {
        let guild = due.guild as u64;
        let game = planned::get(&shared.db, guild, due.ref_id).await?;
        let Some((game, kept)) = game
            .map(|g| serde_json::from_str::<Kept>(&g.options).map(|kept| (g, kept)))
            .transpose()?
        else {
            self.do_action(shared, due, "cancelled", 0, Vec::new(), now_ms)
                .await?;
            return Ok(None);
        };
        let l = Locale::from_tag(&game.locale);
        let tz = zone(&kept.timezone).unwrap_or(chrono_tz::UTC);
        let channel = game.channel as u64;
        let late = now_ms - due.due_at;
        if due.kind == REMINDER {
            // A reminder after the start it reminds of is no reminder.
            let (outcome, posts) = if now_ms >= game.starts_at {
                ("skipped", Vec::new())
            } else {
                let left = span(game.starts_at - now_ms);
                let text = t(
                    l,
                    "planned-reminder",
                    &[s("left", left), s("when", local(tz, game.starts_at))],
                );
                ("posted", vec![Reply::line(text)])
            };
            return self
                .do_action(shared, due, outcome, channel, posts, now_ms)
                .await;
        }
        debug_assert_eq!(due.kind, GAME);
        if late > TOO_LATE_MS {
            let text = t(
                l,
                "planned-too-late",
                &[
                    n("id", game.id as usize),
                    s("when", local(tz, game.starts_at)),
                    s("late", span(late)),
                ],
            );
            let posts = vec![Reply::line(text)];
            return self
                .do_action(shared, due, "skipped", channel, posts, now_ms)
                .await;
        }
        let taken = self.do_action(shared, due, "started", channel, Vec::new(), now_ms);
        if taken.await?.is_none() {
            // Another process is starting it.
            return Ok(None);
        }
        let starter = Ctx {
            user: game.starter as u64,
            channel,
            guild: Some(guild),
            locale: l,
            can_manage_channel: true,
            can_manage_guild: false,
            thread_of: None,
        };
        let mut replies = match self.start(shared, &starter, kept.start, now_ms).await {
            Ok(replies) => replies,
            Err(Failure::Told(refusal)) => {
                // Said in the channel: everyone was waiting for it.
                let mut said = Reply::line(t(
                    l,
                    "planned-could-not-start",
                    &[n("id", game.id as usize)],
                ));
                said.lines.extend(refusal.lines);
                vec![said]
            }
            Err(Failure::Internal(e)) => return Err(e),
        };
        if let Some(first) = replies.first_mut() {
            first.notes.push(t(
                l,
                "planned-started-by",
                &[m("player", player(game.starter as u64))],
            ));
            if late > LATE_NOTE_MS {
                first
                    .notes
                    .push(t(l, "daily-late", &[s("late", span(late))]));
            }
        }
        Ok(Some((channel, replies)))
    }

    /// Does `due` with `outcome`, storing `posts` for `channel` with it:
    /// the posts as stored, or `None` when another process did it first.
    pub(super) async fn do_action(
        &self,
        shared: &Shared,
        due: &Due,
        outcome: &str,
        channel: u64,
        posts: Vec<Reply>,
        now_ms: i64,
    ) -> anyhow::Result<Option<(u64, Vec<Reply>)>> {
        let posting = Posting {
            holder: (self.owner, self.lease_ms()),
            channel,
            replies: posts.iter().collect(),
            rendered_at: shared.known(),
        };
        let Some(ids) = planned::act(&shared.db, (due.id, outcome, now_ms), &posting).await? else {
            return Ok(None);
        };
        let mut posts = posts;
        for (reply, id) in posts.iter_mut().zip(ids) {
            reply.post = Some(id);
        }
        Ok(Some((channel, posts)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_game_is_set_by_date_and_time_or_by_time_alone() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let now = berlin
            .with_ymd_and_hms(2026, 12, 7, 21, 0, 0)
            .unwrap()
            .timestamp_millis();
        let at = |y, mo, d, h, mi| {
            berlin
                .with_ymd_and_hms(y, mo, d, h, mi, 0)
                .unwrap()
                .timestamp_millis()
        };
        assert_eq!(
            moment(berlin, "2026-12-10 20:00", now),
            Some(at(2026, 12, 10, 20, 0))
        );
        // A time alone: the next time the clocks show it.
        assert_eq!(moment(berlin, "20:00", now), Some(at(2026, 12, 8, 20, 0)));
        assert_eq!(moment(berlin, "22:15", now), Some(at(2026, 12, 7, 22, 15)));
        assert_eq!(moment(berlin, "tomorrow", now), None);
        assert_eq!(moment(berlin, "2026-13-01 20:00", now), None);
    }
}
