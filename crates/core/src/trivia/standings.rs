//! Standings: a member's own trivia figures, and a server's leaderboard.

use super::render::{player, ranked};
use super::{Trivia, dm_channel};
use crate::error::Outcome;
use crate::i18n::{m, n, s, t};
use crate::reply::Reply;
use crate::request::Ctx;
use crate::services::Shared;
use crate::services::catalog::resolve_show;
use crate::store::games;

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
        let leaders =
            games::leaderboard(&shared.db, ctx.guild, dm_channel(ctx), show.id, None).await?;
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

    /// `/trivia leaderboard`: this server's standings for a show, all time
    /// or over the last 30 days.
    pub(crate) async fn leaderboard(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        show: Option<&str>,
        last_30_days: bool,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let index = shared.sync().await?;
        let show = resolve_show(&index, l, show)?;
        let since = last_30_days.then(|| now_ms - 30 * 24 * 3600 * 1000);
        let period = t(
            l,
            if last_30_days {
                "trivia-period-30d"
            } else {
                "trivia-period-all"
            },
            &[],
        );
        let leaders =
            games::leaderboard(&shared.db, ctx.guild, dm_channel(ctx), show.id, since).await?;
        let mut reply = Reply {
            title: Some(t(
                l,
                "trivia-leaderboard",
                &[s("show", &show.title), s("period", period.clone())],
            )),
            ..Reply::default()
        };
        if leaders.is_empty() {
            reply.lines.push(t(
                l,
                "trivia-no-leaders",
                &[s("show", &show.title), s("period", period)],
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
}
