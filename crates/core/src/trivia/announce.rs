//! New episodes told to a channel: `/announce set` picks the channel, the
//! show and a local time; on the day an episode airs (its air date in the
//! seeds, which `show new --update` keeps current for a show made from an
//! episode guide), the channel is told at that time, with a thread for
//! the episode. The channel's horizon stays where its moderators put it:
//! an episode past it is named by its code, its title wrapped.

use super::Trivia;
use super::daily::{channel_ctx, local, local_date, next_at, time_of_day};
use super::replies::{private, shown};
use crate::error::{Outcome, refuse};
use crate::i18n::{Locale, m, s, t};
use crate::reply::Reply;
use crate::request::Ctx;
use crate::services::Shared;
use crate::services::catalog::resolve_show;
use crate::spoiler::{Gate, Style};
use crate::store::announce::{self, AnnounceSettings};
use crate::store::games::Posting;
use crate::store::schedule::{self, ANNOUNCE, Due};

/// The local time a channel is told, unless the manager says.
const DEFAULT_TIME: &str = "20:00";

/// `/announce set`'s options.
#[derive(Debug, Clone, Default)]
pub struct AnnounceOptions {
    /// The channel told (default: where the command is used).
    pub channel: Option<u64>,
    /// The show (default: the only one).
    pub show: Option<String>,
    /// The local time on the day an episode airs (default 20:00).
    pub time: Option<String>,
    /// The time zone the time is in.
    pub timezone: String,
}

/// The server a manager acts for, or why they may not.
fn managed(ctx: &Ctx) -> Outcome<u64> {
    super::daily::managing_for(
        ctx,
        ctx.can_manage_guild,
        ("announce-needs-server", "announce-not-allowed"),
    )
}

impl Trivia {
    /// `/announce set`: where and when the server hears of new episodes.
    pub(crate) async fn announce_set(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        opts: AnnounceOptions,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed(ctx)?;
        let time = opts.time.as_deref().unwrap_or(DEFAULT_TIME);
        let (minute, tz) = time_of_day(l, time, &opts.timezone)?;
        let index = shared.sync().await?;
        let show = resolve_show(&index, l, opts.show.as_deref())?;
        let channel = opts.channel.unwrap_or(ctx.channel);
        let today = local_date(tz, now_ms);
        let settings = AnnounceSettings {
            guild: guild as i64,
            channel: channel as i64,
            show_id: show.id,
            at_minute: minute,
            timezone: tz.name().to_string(),
            locale: l.code().to_string(),
            since_day: today.clone(),
            set_by: ctx.user as i64,
            set_at: now_ms,
        };
        let first = next_at(tz, minute, now_ms);
        announce::configure(&shared.db, &settings, first).await?;
        self.read_schedule(shared).await?;
        let mut reply = private(t(
            l,
            "announce-set",
            &[
                s("show", &show.title),
                m("channel", format!("<#{channel}>")),
                s("time", time.trim()),
                s("timezone", tz.name()),
            ],
        ));
        let gate = shared.gate(ctx, show.id).await?;
        let told = announce::told(&shared.db, guild, show.id).await?;
        reply.lines.push(next_airing(l, &gate, show, &today, &told));
        Ok(reply)
    }

    /// `/announce show`: where and when the server hears of new episodes.
    pub(crate) async fn announce_show(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let Some(guild) = ctx.guild else {
            return refuse(private(t(l, "announce-needs-server", &[])));
        };
        let Some(settings) = announce::settings(&shared.db, guild).await? else {
            return Ok(private(t(l, "announce-none", &[])));
        };
        let index = shared.sync().await?;
        let Some(show) = index.shows.iter().find(|sh| sh.id == settings.show_id) else {
            return Ok(private(t(l, "announce-none", &[])));
        };
        let tz = super::daily::zone(&settings.timezone).unwrap_or(chrono_tz::UTC);
        let gate = shared.gate(ctx, show.id).await?;
        let told = announce::told(&shared.db, guild, show.id).await?;
        let mut reply = private(t(
            l,
            "announce-set",
            &[
                s("show", &show.title),
                m("channel", format!("<#{}>", settings.channel)),
                s(
                    "time",
                    format!(
                        "{:02}:{:02}",
                        settings.at_minute / 60,
                        settings.at_minute % 60
                    ),
                ),
                s("timezone", tz.name()),
            ],
        ));
        let next = schedule::next_for(&shared.db, ANNOUNCE, guild).await?;
        if let Some(next) = next {
            reply
                .lines
                .push(t(l, "announce-next-look", &[s("at", local(tz, next))]));
        }
        reply
            .lines
            .push(next_airing(l, &gate, show, &local_date(tz, now_ms), &told));
        Ok(reply)
    }

    /// `/announce off`: no more announcements (what was told stays told).
    pub(crate) async fn announce_off(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed(ctx)?;
        let was_on = announce::switch_off(&shared.db, guild, now_ms).await?;
        self.read_schedule(shared).await?;
        let key = if was_on {
            "announce-off"
        } else {
            "announce-none"
        };
        Ok(private(t(l, key, &[])))
    }

    /// A day's telling that is due: the episodes that aired by that day
    /// (since announcements were set) and were not told yet, each in a
    /// post with its thread; the next day's telling set.
    pub(super) async fn announce_run(
        &self,
        shared: &Shared,
        due: &Due,
        now_ms: i64,
    ) -> anyhow::Result<Option<(u64, Vec<Reply>)>> {
        let Some(settings) = announce::settings(&shared.db, due.guild as u64).await? else {
            return self
                .do_action(shared, due, "cancelled", 0, Vec::new(), now_ms)
                .await;
        };
        let guild = settings.guild as u64;
        let channel = settings.channel as u64;
        let l = Locale::from_tag(&settings.locale);
        let tz = super::daily::zone(&settings.timezone).unwrap_or(chrono_tz::UTC);
        let next_due = next_at(tz, settings.at_minute, due.due_at.max(now_ms));
        let index = shared.sync().await?;
        let show = index.shows.iter().find(|sh| sh.id == settings.show_id);
        let today = local_date(tz, due.due_at);
        let told = announce::told(&shared.db, guild, settings.show_id).await?;
        let aired: Vec<&crate::index::Episode> = show
            .map(|show| {
                show.episodes
                    .iter()
                    .filter(|e| {
                        e.air_day().is_some_and(|day| {
                            day >= settings.since_day.as_str() && day <= today.as_str()
                        })
                    })
                    .filter(|e| !told.contains(&e.key.order()))
                    .collect()
            })
            .unwrap_or_default();
        // What the channel may see: its horizon, as its moderators left it.
        let gate = shared
            .gate(&channel_ctx(guild, channel, l), settings.show_id)
            .await?;
        let mut posts = Vec::new();
        for episode in &aired {
            let aired_today = episode.air_day() == Some(today.as_str());
            let day = episode
                .aired
                .as_ref()
                .map(|a| shown(&gate, a, Style::Plain))
                .unwrap_or_default();
            let title = shown(&gate, &episode.title, Style::Plain);
            let mut post = Reply::line(t(
                l,
                if aired_today {
                    "announce-aired-today"
                } else {
                    "announce-aired"
                },
                &[
                    s("show", show.map(|sh| sh.title.raw()).unwrap_or_default()),
                    s("code", episode.key.to_string()),
                    m("title", title),
                    m("day", day),
                ],
            ));
            // A thread's name is plain text: the title only where the
            // channel may read it.
            post.thread = Some(gate.thread_name(episode.key, &episode.title));
            posts.push(post);
        }
        let orders: Vec<i64> = aired.iter().map(|e| e.key.order()).collect();
        let outcome = if posts.is_empty() {
            "nothing"
        } else {
            "posted"
        };
        let posting = Posting {
            holder: (self.owner, self.lease_ms()),
            channel,
            replies: posts.iter().collect(),
            rendered_at: shared.known(),
        };
        let Some(ids) = announce::tell(
            &shared.db,
            (due.id, outcome, now_ms),
            (guild, settings.show_id, &orders),
            next_due,
            &posting,
        )
        .await?
        else {
            return Ok(None);
        };
        for (post, id) in posts.iter_mut().zip(ids) {
            post.post = Some(id);
        }
        Ok((!posts.is_empty()).then_some((channel, posts)))
    }
}

/// The episode of `show` to air soonest on or after `day` and not told
/// yet (of those `told`), as a line (its code and date as `gate` lets the
/// member read them); or that the show has no air dates ahead.
fn next_airing(
    l: Locale,
    gate: &Gate,
    show: &crate::index::Show,
    day: &str,
    told: &[i64],
) -> String {
    let next = show
        .episodes
        .iter()
        .filter(|e| !told.contains(&e.key.order()))
        .filter_map(|e| Some((e.air_day()?, e)))
        .filter(|(aired, _)| *aired >= day)
        .min_by_key(|(aired, e)| (*aired, e.key))
        .map(|(_, e)| e);
    match next.and_then(|e| Some((e.key, e.aired.as_ref()?))) {
        Some((key, aired)) => t(
            l,
            "announce-next-episode",
            &[
                m("code", gate.code(key, true).unwrap_or_default()),
                m("day", shown(gate, aired, Style::Plain)),
            ],
        ),
        None => t(l, "announce-no-dates", &[s("show", &show.title)]),
    }
}
