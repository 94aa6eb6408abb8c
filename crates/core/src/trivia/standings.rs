//! Standings: a member's own trivia figures, and a server's leaderboard.

use super::replies::{player, ranked};
use super::{Trivia, dm_channel};
use crate::error::{Outcome, refuse};
use crate::i18n::{m, n, s, t};
use crate::reply::Reply;
use crate::request::Ctx;
use crate::services::Shared;
use crate::services::catalog::resolve_show;
use crate::store::web::{DAY_MS, Scope, Span};
use crate::store::{games, seasons};

impl Trivia {
    /// `/trivia stats`: the member's own figures on this server for a show
    /// (private).
    pub(crate) async fn stats(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        show: Option<&str>,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let index = shared.sync().await?;
        let show = resolve_show(&index, l, show)?;
        let leaders = games::leaderboard(
            &shared.db,
            ctx.guild,
            dm_channel(ctx),
            show.id,
            (None, None),
        )
        .await?;
        let mut reply = Reply {
            title: Some(t(l, "trivia-stats-title", &[s("show", &show.title)])),
            private: true,
            ..Reply::default()
        };
        match leaders.iter().position(|x| x.user == ctx.user) {
            None => reply
                .lines
                .push(t(l, "trivia-stats-none", &[s("show", &show.title)])),
            Some(i) => {
                let x = &leaders[i];
                let accuracy = if x.answered > 0 {
                    x.correct * 100 / x.answered
                } else {
                    0
                };
                reply.lines.push(t(
                    l,
                    "trivia-stats",
                    &[
                        n("points", x.points.max(0) as usize),
                        n("games", x.games as usize),
                        n("wins", x.wins as usize),
                        n("correct", x.correct as usize),
                        n("answered", x.answered as usize),
                        n("accuracy", accuracy as usize),
                        n("rank", i + 1),
                        n("of", leaders.len()),
                    ],
                ));
            }
        }
        Ok(reply)
    }

    /// `/trivia leaderboard`: this server's standings for a show, all time,
    /// over the last 30 days, or over a season.
    pub(crate) async fn leaderboard(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        show: Option<&str>,
        (period, picture): (Period, bool),
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let index = shared.sync().await?;
        let show = resolve_show(&index, l, show)?;
        // The games counted, as the leaderboard and as the card read them.
        let (window, scope, period) = match period {
            Period::All => ((None, None), Scope::All, t(l, "trivia-period-all", &[])),
            // Today and the 29 days before it (UTC), as the web pages count.
            Period::Recent => {
                let day = now_ms.div_euclid(DAY_MS) - 29;
                (
                    (Some(day * DAY_MS), None),
                    Scope::SinceDay(day),
                    t(l, "trivia-period-30d", &[]),
                )
            }
            Period::Season(name) => {
                let season = self.season_of(shared, ctx, name.as_deref()).await?;
                let label = t(l, "trivia-period-season", &[s("season", &season.name)]);
                let scope = Scope::Season(season.started_at);
                ((Some(season.started_at), season.ended_at), scope, label)
            }
        };
        let leaders =
            games::leaderboard(&shared.db, ctx.guild, dm_channel(ctx), show.id, window).await?;
        let mut reply = Reply {
            title: Some(t(
                l,
                "trivia-leaderboard",
                &[s("show", &show.title), m("period", period.clone())],
            )),
            ..Reply::default()
        };
        // The board as a picture: a server's, as its web page has it.
        if picture && let Some(guild) = ctx.guild {
            let span = Span {
                show: Some(show.id),
                scope,
            };
            let subtitle = format!("{period} · {}", show.title.raw());
            let card = super::pages::card_of(shared, guild, span, (subtitle, l)).await?;
            reply.picture = Some(super::pages::picture(card).await?);
        }
        if leaders.is_empty() {
            reply.lines.push(t(
                l,
                "trivia-no-leaders",
                &[s("show", &show.title), m("period", period)],
            ));
        }
        let line = |rank: usize, x: &games::Leader| {
            let accuracy = if x.answered > 0 {
                x.correct * 100 / x.answered
            } else {
                0
            };
            t(
                l,
                "trivia-leader",
                &[
                    n("rank", rank),
                    m("player", player(x.user)),
                    n("points", x.points.max(0) as usize),
                    n("games", x.games as usize),
                    n("wins", x.wins as usize),
                    n("accuracy", accuracy as usize),
                ],
            )
        };
        reply
            .lines
            .extend(ranked(l, &leaders, |x| x.user == ctx.user, line));
        Ok(crate::render::finish(l, reply))
    }

    /// The season a board is asked for: the one running, or the latest
    /// of that name.
    async fn season_of(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        name: Option<&str>,
    ) -> Outcome<seasons::Season> {
        let l = ctx.locale;
        let Some(guild) = ctx.guild else {
            return refuse(Reply::line(t(l, "daily-needs-server", &[])).private());
        };
        let found = match name {
            Some(name) => seasons::named(&shared.db, guild, name.trim()).await?,
            None => seasons::open(&shared.db, guild).await?,
        };
        match (found, name) {
            (Some(season), _) => Ok(season),
            (None, None) => refuse(Reply::line(t(l, "season-none-running", &[])).private()),
            (None, Some(name)) => {
                let known: Vec<String> = seasons::all(&shared.db, guild)
                    .await?
                    .into_iter()
                    .map(|s| s.name)
                    .collect();
                let said = if known.is_empty() {
                    t(l, "season-unknown-none", &[s("season", name)])
                } else {
                    let seasons = s("seasons", known.join(", "));
                    t(l, "season-unknown", &[s("season", name), seasons])
                };
                refuse(Reply::line(said).private())
            }
        }
    }

    /// `/trivia season`: a server's managers begin a season, end it (its
    /// board is shown), or list the seasons.
    pub(crate) async fn season(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        (action, name): (SeasonAction, Option<String>),
        now_ms: i64,
    ) -> Outcome<Vec<Reply>> {
        let l = ctx.locale;
        let Some(guild) = ctx.guild else {
            return refuse(Reply::line(t(l, "daily-needs-server", &[])).private());
        };
        if action != SeasonAction::List && !ctx.can_manage_guild {
            return refuse(Reply::line(t(l, "season-not-allowed", &[])).private());
        }
        match action {
            SeasonAction::Start => {
                let Some(name) = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty())
                else {
                    return refuse(Reply::line(t(l, "season-needs-name", &[])).private());
                };
                if let Some(running) = seasons::open(&shared.db, guild).await? {
                    let said = t(l, "season-already", &[s("season", running.name)]);
                    return refuse(Reply::line(said).private());
                }
                // A name names one season: its board stays reachable by it.
                if seasons::named(&shared.db, guild, &name).await?.is_some() {
                    let said = t(l, "season-name-taken", &[s("season", &name)]);
                    return refuse(Reply::line(said).private());
                }
                if !seasons::begin(&shared.db, guild, &name, ctx.user, now_ms).await? {
                    // Another began one meanwhile.
                    let said = t(l, "season-already", &[s("season", &name)]);
                    return refuse(Reply::line(said).private());
                }
                Ok(vec![Reply::line(t(
                    l,
                    "season-started",
                    &[s("season", name)],
                ))])
            }
            SeasonAction::End => {
                let Some(season) = seasons::end(&shared.db, guild, now_ms).await? else {
                    return refuse(Reply::line(t(l, "season-none-running", &[])).private());
                };
                let ended = Reply::line(t(l, "season-ended", &[s("season", &season.name)]));
                let board = self
                    .leaderboard(
                        shared,
                        ctx,
                        None,
                        (Period::Season(Some(season.name)), false),
                        now_ms,
                    )
                    .await;
                // With several shows the board needs one named: the end
                // stands without it.
                Ok(std::iter::once(ended).chain(board.ok()).collect())
            }
            SeasonAction::List => {
                let all = seasons::all(&shared.db, guild).await?;
                let mut reply = Reply {
                    title: Some(t(l, "season-list-title", &[])),
                    private: true,
                    ..Reply::default()
                };
                if all.is_empty() {
                    reply.lines.push(t(l, "season-list-empty", &[]));
                }
                for season in all.iter().take(20) {
                    let key = if season.ended_at.is_some() {
                        "season-line-ended"
                    } else {
                        "season-line-running"
                    };
                    reply.lines.push(t(l, key, &[s("season", &season.name)]));
                }
                Ok(vec![reply])
            }
        }
    }
}

/// Which games a board counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Period {
    /// All of them.
    All,
    /// Those of the last 30 days.
    Recent,
    /// Those of a season: the one running, or the latest of this name.
    Season(Option<String>),
}

/// What `/trivia season` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeasonAction {
    /// Begins one.
    Start,
    /// Ends the one running.
    End,
    /// Lists them.
    List,
}
