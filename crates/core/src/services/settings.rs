//! Progress and horizons: how far a member has watched (private to them)
//! and what a channel, or a server by default, may discuss.

use crate::cache::Touched;
use crate::error::{Outcome, refuse};
use crate::i18n::{m, s, t};
use crate::render::{problem, quoted, title_in};
use crate::reply::Reply;
use crate::request::{Ctx, HorizonScope, ProgressAction, SpoilersAction};
use crate::spoiler::{Style, Told};
use crate::store::members::{self, Scope};

use super::Shared;
use super::catalog::{episode_input, resolve_show};

/// `/progress`: how far the member has watched a show.
pub async fn progress(
    shared: &Shared,
    ctx: &Ctx,
    action: ProgressAction,
    show: Option<&str>,
) -> Outcome<Reply> {
    let l = ctx.locale;
    let index = shared.sync().await?;
    let show = resolve_show(&index, l, show)?;
    let own = members::progress(&shared.db, ctx.user, show.id).await?;
    // A title only ever for an episode the member had already reached
    // (their progress, or with none the channel's horizon).
    let gate = shared.gate(ctx, show.id).await?;
    let title_of = |title: Option<&Told>| {
        title
            .and_then(|t| gate.show(t, Style::Plain, false))
            .map_or_else(String::new, |t| format!(" {}", quoted(l, &t)))
    };
    let reply = match action {
        ProgressAction::Set(input) => {
            let (key, title) = episode_input(show, l, &input, &gate)?;
            // Setting it oneself ends following a rewatch.
            crate::store::rewatch::unfollow(&shared.db, ctx.user, show.id).await?;
            let step = members::set_progress(&shared.db, ctx.user, show.id, key).await?;
            shared
                .gates
                .changed(step, Touched::Member(ctx.user, show.id));
            Reply::line(t(
                l,
                "progress-set",
                &[
                    s("show", &show.title),
                    s("episode", key.to_string()),
                    m("title", title_of(title)),
                ],
            ))
        }
        ProgressAction::Show => match own {
            Some(key) => Reply::line(t(
                l,
                "progress-show",
                &[
                    s("show", &show.title),
                    s("episode", key.to_string()),
                    m("title", title_of(show.episode(key).map(|e| title_in(e, l)))),
                ],
            )),
            None => Reply::line(t(l, "progress-none", &[s("show", &show.title)])),
        },
        ProgressAction::Clear => {
            crate::store::rewatch::unfollow(&shared.db, ctx.user, show.id).await?;
            let (step, _) = members::clear_progress(&shared.db, ctx.user, show.id).await?;
            shared
                .gates
                .changed(step, Touched::Member(ctx.user, show.id));
            Reply::line(t(l, "progress-cleared", &[s("show", &show.title)]))
        }
    };
    // Progress is personal.
    Ok(reply.private())
}

/// `/spoilers`: what a channel (or the server by default) may discuss.
pub async fn spoilers(
    shared: &Shared,
    ctx: &Ctx,
    action: SpoilersAction,
    scope: HorizonScope,
    show: Option<&str>,
) -> Outcome<Reply> {
    let l = ctx.locale;
    let index = shared.sync().await?;
    let show = resolve_show(&index, l, show)?;
    let target = match (scope, ctx.guild) {
        (HorizonScope::Channel, _) => Scope::Channel(ctx.channel),
        (HorizonScope::Server, Some(guild)) => Scope::Guild(guild),
        (HorizonScope::Server, None) => {
            return refuse(problem(l, "error-no-permission-server", &[]));
        }
    };
    let allowed = match scope {
        HorizonScope::Channel => ctx.can_manage_channel,
        HorizonScope::Server => ctx.can_manage_guild,
    };
    let denied = match scope {
        HorizonScope::Channel => "error-no-permission-channel",
        HorizonScope::Server => "error-no-permission-server",
    };
    let title = &show.title;
    match action {
        SpoilersAction::Set(input) => {
            if !allowed {
                return refuse(problem(l, denied, &[]));
            }
            let gate = shared.gate(ctx, show.id).await?;
            let (key, _) = episode_input(show, l, &input, &gate)?;
            let step = members::set_horizon(&shared.db, target, show.id, key, ctx.user).await?;
            shared.gates.changed(step, touched(target, show.id));
            let id = match scope {
                HorizonScope::Channel => "spoilers-set-channel",
                HorizonScope::Server => "spoilers-set-server",
            };
            // Said in the channel, by code only: a title can be a spoiler.
            Ok(Reply::line(t(
                l,
                id,
                &[s("show", title), s("episode", key.to_string())],
            )))
        }
        SpoilersAction::Show => {
            let [_, own, server] = members::gate_inputs(
                &shared.db,
                ctx.user,
                ctx.channel,
                ctx.thread_of,
                ctx.guild,
                show.id,
            )
            .await?;
            let line = match (own, server) {
                (Some(h), _) => t(
                    l,
                    "spoilers-show-channel",
                    &[s("show", title), s("episode", h.to_string())],
                ),
                (None, Some(h)) => t(
                    l,
                    "spoilers-show-server",
                    &[s("show", title), s("episode", h.to_string())],
                ),
                (None, None) => t(l, "spoilers-none", &[s("show", title)]),
            };
            Ok(Reply::line(line).private())
        }
        SpoilersAction::Clear => {
            if !allowed {
                return refuse(problem(l, denied, &[]));
            }
            let (step, _) = members::clear_horizon(&shared.db, target, show.id).await?;
            shared.gates.changed(step, touched(target, show.id));
            let id = match scope {
                HorizonScope::Channel => "spoilers-cleared-channel",
                HorizonScope::Server => "spoilers-cleared-server",
            };
            Ok(Reply::line(t(l, id, &[s("show", title)])))
        }
    }
}

/// The remembered gates a horizon touches.
fn touched(scope: Scope, show_id: i64) -> Touched {
    match scope {
        Scope::Channel(channel) => Touched::Channel(channel, show_id),
        Scope::Guild(guild) => Touched::Server(guild, show_id),
    }
}
