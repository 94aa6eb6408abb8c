//! The Discord front end, on serenity and poise: slash commands over the
//! core ([`App`]), answer buttons and typed answers for trivia, one error
//! hook, and a clean shutdown.

pub mod commands;
pub mod localize;
pub mod messages;
pub mod posts;
mod relay;
mod watch;

use std::future::Future;
use std::sync::Arc;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;

use crate::app::{App, Ctx};
use crate::i18n::{Locale, s, t};
use crate::quiz::game::Mode;
use crate::reply::Does;
use crate::store::reviews::Verdict;
use posts::Posts;

/// What commands fail with.
pub(crate) type Error = anyhow::Error;
/// A command's context.
pub(crate) type Context<'a> = poise::Context<'a, Data, Error>;

/// The bot's settings, from the environment (and `.env`) or the command
/// line of `cliffhanger run`. A value that cannot be right is refused,
/// naming its variable, before anything is touched.
#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// The bot's token (Developer Portal -> your application -> Bot).
    #[arg(
        long,
        env = "DISCORD_TOKEN",
        hide_env_values = true,
        default_value = ""
    )]
    pub token: String,
    /// A base URL that takes every Discord API call instead of
    /// discord.com (a shared rate-limit proxy, or a fake Discord in tests).
    #[arg(long = "proxy-url", env = "DISCORD_PROXY_URL", value_parser = proxy_url)]
    pub proxy_url: Option<String>,
    /// Register the commands in this server only (instant updates while
    /// developing); globally otherwise.
    #[arg(long = "dev-guild", env = "DEV_GUILD_ID", value_parser = server_id)]
    pub dev_guild: Option<u64>,
    /// Ask for the privileged Message Content intent (typed trivia answers).
    #[arg(
        long = "message-content",
        env = "DISCORD_MESSAGE_CONTENT",
        value_parser = flag,
        default_value = "false",
        num_args = 0..=1,
        default_missing_value = "true"
    )]
    pub message_content: bool,
    /// Ask for the privileged Server Members intent, to hear when members
    /// leave (the web pages then show them as departed).
    #[arg(
        long = "server-members",
        env = "DISCORD_SERVER_MEMBERS",
        value_parser = flag,
        default_value = "false",
        num_args = 0..=1,
        default_missing_value = "true"
    )]
    pub server_members: bool,
    /// Work that takes longer than this many milliseconds is deferred, so
    /// that Discord hears back within its three seconds.
    #[arg(
        long = "defer-after-ms",
        env = "DISCORD_DEFER_MS",
        value_parser = defer_after,
        default_value = "1500"
    )]
    pub defer_after: std::time::Duration,
    /// The bot's owners (user ids), who may use /catalog and are told when
    /// changed seeds do not load; the application's owner when none.
    #[arg(long = "owner", env = "OWNER_IDS", value_delimiter = ',', value_parser = user_id)]
    pub owners: Vec<u64>,
    /// Every this many hours, the shows made from an episode guide are
    /// written again from it (new episodes and air dates, which
    /// `/announce` tells of; edited files are left alone), and the seeds
    /// watcher imports what changed. 0: never.
    #[arg(
        long = "guide-refresh-hours",
        env = "GUIDE_REFRESH_HOURS",
        default_value = "24"
    )]
    pub guide_refresh_hours: u64,
    /// The seeds folder to watch: changed files are imported while the bot
    /// runs (set by the command line, not an option of its own).
    #[arg(skip)]
    pub seeds: Option<std::path::PathBuf>,
    /// With `DISCORD_PROXY_URL` a shared rate-limit proxy: pass every call
    /// through a local relay that retries the proxy's 429s (a few times,
    /// after the `retry_after` it asks for, at most 10 s). Each call then
    /// takes one loopback hop more.
    #[arg(
        long = "proxy-retries",
        env = "DISCORD_PROXY_RETRIES",
        value_parser = flag,
        default_value = "false",
        num_args = 0..=1,
        default_missing_value = "true",
        requires = "proxy_url"
    )]
    pub proxy_retries: bool,
    /// Start only these shards, `FIRST..=LAST` (both included) or one
    /// number; with `--shard-count`. Without it: every shard Discord
    /// recommends, in this process.
    #[arg(long, env = "SHARDS", value_parser = shard_range, requires = "shard_count")]
    pub shards: Option<std::ops::RangeInclusive<u32>>,
    /// How many shards the bot runs in all processes together.
    #[arg(long, env = "SHARD_COUNT", value_parser = shard_count, requires = "shards")]
    pub shard_count: Option<u32>,
}

/// Reads `FIRST..=LAST` (or `FIRST..LAST+1`, or one shard number).
fn shard_range(v: &str) -> Result<std::ops::RangeInclusive<u32>, String> {
    let v = v.trim();
    let number = |s: &str| s.trim().parse::<u32>().ok();
    let range = if let Some((a, b)) = v.split_once("..=") {
        number(a).zip(number(b)).map(|(a, b)| a..=b)
    } else if let Some((a, b)) = v.split_once("..") {
        number(a)
            .zip(number(b).and_then(|b| b.checked_sub(1)))
            .map(|(a, b)| a..=b)
    } else {
        number(v).map(|a| a..=a)
    };
    range.filter(|r| r.start() <= r.end()).ok_or_else(|| {
        format!("SHARDS must be a shard range such as 0..=3, or one shard number, not “{v}”")
    })
}

fn shard_count(v: &str) -> Result<u32, String> {
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("SHARD_COUNT must be a number of shards (1 or more), not “{v}”"))
}

impl Config {
    /// The shards this process runs and the total, when they are set: the
    /// range must fall inside the total.
    pub fn shard_plan(&self) -> anyhow::Result<Option<(std::ops::RangeInclusive<u32>, u32)>> {
        match (&self.shards, self.shard_count) {
            (Some(range), Some(count)) => {
                if *range.end() >= count {
                    anyhow::bail!(
                        "SHARDS {}..={} goes past SHARD_COUNT {count}: shards are numbered 0 to {}",
                        range.start(),
                        range.end(),
                        count - 1
                    );
                }
                Ok(Some((range.clone(), count)))
            }
            _ => Ok(None),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: String::new(),
            proxy_url: None,
            dev_guild: None,
            message_content: false,
            server_members: false,
            defer_after: std::time::Duration::from_millis(1500),
            owners: Vec::new(),
            guide_refresh_hours: 24,
            seeds: None,
            proxy_retries: false,
            shards: None,
            shard_count: None,
        }
    }
}

fn user_id(v: &str) -> Result<u64, String> {
    v.trim()
        .parse::<u64>()
        .ok()
        .filter(|u| *u > 0)
        .ok_or_else(|| {
            format!("OWNER_IDS must be user ids (numbers) separated by commas, not “{v}”")
        })
}

fn server_id(v: &str) -> Result<u64, String> {
    v.trim()
        .parse::<u64>()
        .ok()
        .filter(|g| *g > 0)
        .ok_or_else(|| format!("DEV_GUILD_ID must be a server id (a number), not “{v}”"))
}

fn flag(v: &str) -> Result<bool, String> {
    match v.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        _ => Err(format!(
            "DISCORD_MESSAGE_CONTENT takes true or false, not “{v}”"
        )),
    }
}

fn proxy_url(v: &str) -> Result<String, String> {
    let v = v.trim();
    if v.starts_with("http://") || v.starts_with("https://") {
        Ok(v.trim_end_matches('/').to_string())
    } else {
        Err(format!(
            "DISCORD_PROXY_URL must be an http:// or https:// base URL, not “{v}”"
        ))
    }
}

fn defer_after(v: &str) -> Result<std::time::Duration, String> {
    match v.trim().parse::<u64>() {
        Ok(ms) if ms <= 2500 => Ok(std::time::Duration::from_millis(ms)),
        _ => Err(format!(
            "DISCORD_DEFER_MS must be a number of milliseconds up to 2500 (Discord waits 3 seconds), not “{v}”"
        )),
    }
}

/// What every command can reach.
#[derive(Debug)]
pub struct Data {
    /// The core.
    pub app: Arc<App>,
    /// Trivia messages and the game clock.
    pub posts: Arc<Posts>,
    /// Whether message texts are readable (typed answers).
    pub message_content: bool,
    /// When to defer a command that is still working.
    pub defer_after: std::time::Duration,
    /// The bot's owners.
    pub owners: Arc<std::collections::HashSet<u64>>,
    /// Fetches the files members upload with a command.
    pub downloads: reqwest::Client,
}

/// The language to answer in, from the interaction.
pub(crate) fn locale(ctx: Context<'_>) -> Locale {
    Locale::from_tag(ctx.locale().unwrap_or("en"))
}

/// The member's permissions in this channel, as Discord computed them for
/// the interaction.
fn permissions(ctx: Context<'_>) -> Option<serenity::Permissions> {
    match ctx {
        poise::Context::Application(a) => a.interaction.member.as_ref()?.permissions,
        poise::Context::Prefix(_) => None,
    }
}

/// Whether the member may skip or stop anybody's game.
pub(crate) fn may_manage_messages(ctx: Context<'_>) -> bool {
    ctx.guild_id().is_none() || permissions(ctx).is_some_and(|p| p.manage_messages())
}

/// For an interaction in a thread, the channel the thread belongs to
/// (whose horizon it follows). A channel's own parent is its category,
/// which has no horizon: only threads count.
fn thread_parent(channel: Option<&serenity::PartialChannel>) -> Option<u64> {
    let channel = channel?;
    matches!(
        channel.kind,
        serenity::ChannelType::PublicThread
            | serenity::ChannelType::PrivateThread
            | serenity::ChannelType::NewsThread
    )
    .then_some(channel.parent_id?.get())
}

fn member_ctx(
    user: serenity::UserId,
    channel: serenity::ChannelId,
    guild: Option<serenity::GuildId>,
    locale: &str,
    permissions: Option<serenity::Permissions>,
    thread_of: Option<u64>,
) -> Ctx {
    Ctx {
        thread_of,
        user: user.get(),
        channel: channel.get(),
        guild: guild.map(|g| g.get()),
        locale: Locale::from_tag(locale),
        // In a direct message the member is among themselves.
        can_manage_channel: guild.is_none() || permissions.is_some_and(|p| p.manage_channels()),
        can_manage_guild: permissions.is_some_and(|p| p.manage_guild()),
    }
}

/// The core's view of who asks, where.
pub(crate) fn core_ctx(ctx: Context<'_>) -> Ctx {
    member_ctx(
        ctx.author().id,
        ctx.channel_id(),
        ctx.guild_id(),
        ctx.locale().unwrap_or("en"),
        permissions(ctx),
        match ctx {
            poise::Context::Application(a) => thread_parent(a.interaction.channel.as_ref()),
            poise::Context::Prefix(_) => None,
        },
    )
}

/// Who used the bot where, for the server's web pages and desk: the
/// member's name there, and the channel (with its name, when Discord sent
/// it).
pub(crate) struct Seen<'a> {
    pub(crate) guild: Option<serenity::GuildId>,
    pub(crate) channel: (serenity::ChannelId, Option<&'a str>),
    pub(crate) user: &'a serenity::User,
    /// Their nickname in the server, when they have one.
    pub(crate) nick: Option<&'a str>,
}

/// Stores, off the way of the reply, what [`Seen`] says (and the server's
/// name, when the cache has it).
pub(crate) fn note_player(cache: &serenity::Cache, app: &Arc<App>, seen: Seen<'_>) {
    let Some(guild) = seen.guild else {
        return;
    };
    if seen.user.bot {
        return;
    }
    let name = seen
        .nick
        .map(str::to_string)
        .unwrap_or_else(|| seen.user.display_name().to_string());
    let server = guild.name(cache);
    let (channel, channel_name) = (seen.channel.0.get(), seen.channel.1.map(str::to_string));
    let (app, user) = (app.clone(), seen.user.id.get());
    tokio::spawn(async move {
        let noted = app
            .note_player(
                (guild.get(), server.as_deref()),
                Some((channel, channel_name.as_deref())),
                (user, &name),
            )
            .await;
        if let Err(e) = noted {
            tracing::warn!(error = %e, "could not store a player's name");
        }
    });
}

/// A short id to quote in an apology and find in the log.
/// Done once `wait` has passed, at once for none: when an interaction
/// still working is deferred (a command) or acknowledged (a click).
async fn deferral_clock(wait: std::time::Duration) {
    if !wait.is_zero() {
        tokio::time::sleep(wait).await;
    }
}

fn error_id() -> String {
    format!("{:08x}", rand::random::<u32>())
}

async fn say_privately(ctx: Context<'_>, text: String) {
    let reply = poise::CreateReply::default()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(messages::no_pings());
    if let Err(e) = ctx.send(reply).await {
        tracing::warn!(error = %e, "could not tell the member about an error");
    }
}

/// The one error hook: members get a localized explanation of what they
/// did wrong, or an apology with an id that is also in the log.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    use poise::FrameworkError as F;
    match error {
        F::Command { error, ctx, .. } => {
            let id = error_id();
            tracing::error!(%id, command = %ctx.command().qualified_name, error = ?error, "command failed");
            say_privately(ctx, t(locale(ctx), "error-internal", &[s("id", id)])).await;
        }
        F::CommandPanic { payload, ctx, .. } => {
            let id = error_id();
            tracing::error!(%id, command = %ctx.command().qualified_name, ?payload, "command panicked");
            say_privately(ctx, t(locale(ctx), "error-internal", &[s("id", id)])).await;
        }
        F::ArgumentParse {
            error, input, ctx, ..
        } => {
            let input = input.unwrap_or_default();
            tracing::info!(%error, %input, "an option could not be read");
            say_privately(
                ctx,
                t(locale(ctx), "error-bad-argument", &[s("input", input)]),
            )
            .await;
        }
        F::CommandStructureMismatch {
            description, ctx, ..
        } => {
            tracing::warn!(description, "a command arrived in an outdated shape");
            let ctx = poise::Context::Application(ctx);
            say_privately(ctx, t(locale(ctx), "error-outdated-command", &[])).await;
        }
        F::SubcommandRequired { ctx } => {
            say_privately(ctx, t(locale(ctx), "error-outdated-command", &[])).await;
        }
        F::MissingUserPermissions { ctx, .. } => {
            say_privately(ctx, t(locale(ctx), "error-no-permission-channel", &[])).await;
        }
        F::UnknownInteraction {
            interaction,
            framework,
            ..
        } => {
            tracing::warn!(command = %interaction.data.name, "a command this bot does not have");
            let text = t(
                Locale::from_tag(&interaction.locale),
                "error-outdated-command",
                &[],
            );
            let reply = serenity::CreateInteractionResponseMessage::new()
                .content(text)
                .ephemeral(true);
            let response = serenity::CreateInteractionResponse::Message(reply);
            if let Err(e) = interaction
                .create_response(&framework.serenity_context.http, response)
                .await
            {
                tracing::warn!(error = %e, "could not answer an unknown command");
            }
        }
        F::EventHandler { error, event, .. } => {
            let id = error_id();
            tracing::error!(%id, event = event.snake_case_name(), error = ?error, "event handling failed");
        }
        F::Setup { error, .. } => {
            tracing::error!(error = ?error, "start-up failed");
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!(error = %e, "error while handling an error");
            }
        }
    }
}

/// Button clicks and typed answers: the events that are not commands.
async fn on_event(
    ctx: &serenity::Context,
    event: &serenity::FullEvent,
    data: &Data,
) -> Result<(), Error> {
    match event {
        serenity::FullEvent::InteractionCreate {
            interaction: serenity::Interaction::Component(press),
        } => on_button(ctx, data, press).await,
        serenity::FullEvent::Message { new_message } => on_message(ctx, data, new_message).await,
        // Sent only with the Server Members intent (DISCORD_SERVER_MEMBERS).
        serenity::FullEvent::GuildMemberRemoval { guild_id, user, .. } => {
            Ok(data.app.player_left(guild_id.get(), user.id.get()).await?)
        }
        _ => Ok(()),
    }
}

/// What a button does, by its id: a trivia answer, a report, a
/// moderator's verdict; the replies it brings about.
async fn pressed(data: &Data, who: &Ctx, id: &str) -> Result<Vec<crate::reply::Reply>, Error> {
    let now = data.app.now_ms();
    Ok(
        match (messages::parse_button_id(id), messages::parse_action_id(id)) {
            (Some((round, choice)), _) => data.app.trivia_click(who, round, choice, now).await?,
            (None, Some(Does::Report(round))) => {
                vec![data.app.trivia_report(who, Some(round), now).await?]
            }
            (None, Some(Does::Approve(key))) => {
                let act = Some((key, Verdict::Approved));
                vec![data.app.trivia_review(who, act, now).await?]
            }
            (None, Some(Does::Retire(key))) => {
                let act = Some((key, Verdict::Retired));
                vec![data.app.trivia_review(who, act, now).await?]
            }
            (None, None) => {
                vec![crate::reply::Reply::line(t(who.locale, "trivia-bad-button", &[])).private()]
            }
        },
    )
}

/// A click: acknowledged within Discord's 3 seconds whatever the work
/// does (at once when the work is slow, the member's answer following
/// privately), and the posts the click brings about (a round's result,
/// the next question) delivered on every path, whether or not the
/// member's own reply got through.
async fn on_button(
    ctx: &serenity::Context,
    data: &Data,
    press: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    let who = member_ctx(
        press.user.id,
        press.channel_id,
        press.guild_id,
        &press.locale,
        press.member.as_ref().and_then(|m| m.permissions),
        thread_parent(press.channel.as_ref()),
    );
    note_player(
        &ctx.cache,
        &data.app,
        Seen {
            guild: press.guild_id,
            channel: (
                press.channel_id,
                press.channel.as_ref().and_then(|c| c.name.as_deref()),
            ),
            user: &press.user,
            nick: press.member.as_ref().and_then(|m| m.nick.as_deref()),
        },
    );
    let work = pressed(data, &who, &press.data.custom_id);
    tokio::pin!(work);
    let clock = deferral_clock(data.defer_after);
    let mut acknowledged = false;
    let mut failures: Vec<Error> = Vec::new();
    let outcome = tokio::select! {
        biased;
        () = clock => {
            match press
                .create_response(&ctx.http, serenity::CreateInteractionResponse::Acknowledge)
                .await
            {
                Ok(()) => acknowledged = true,
                Err(e) => failures.push(Error::from(e).context("acknowledging a slow button")),
            }
            work.await
        }
        done = &mut work => done,
    };
    let replies = outcome.unwrap_or_else(|error| {
        // Nothing was stored: the member is told to try again, in time.
        let id = error_id();
        tracing::error!(%id, error = ?error, "a button failed");
        vec![crate::reply::Reply::line(t(who.locale, "error-internal", &[s("id", id)])).private()]
    });
    let (private, public): (Vec<_>, Vec<_>) = replies.into_iter().partition(|r| r.private);
    let answer = private.split_first().map(|(first, more)| {
        let mut reply = first.clone();
        for r in more {
            reply.lines.extend(r.lines.iter().cloned());
        }
        reply
    });
    let answered = match (answer, acknowledged) {
        (Some(reply), true) => press
            .create_followup(&ctx.http, messages::followup_message(&reply))
            .await
            .map(|_| ()),
        (Some(reply), false) => {
            let response =
                serenity::CreateInteractionResponse::Message(messages::interaction_message(&reply));
            press.create_response(&ctx.http, response).await
        }
        (None, true) => Ok(()),
        (None, false) => {
            press
                .create_response(&ctx.http, serenity::CreateInteractionResponse::Acknowledge)
                .await
        }
    };
    if let Err(e) = answered {
        failures.push(Error::from(e).context("answering a button"));
    }
    if !public.is_empty() {
        data.posts
            .deliver(&ctx.http, press.channel_id.get(), public)
            .await;
    }
    match failures.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

async fn on_message(
    ctx: &serenity::Context,
    data: &Data,
    message: &serenity::Message,
) -> Result<(), Error> {
    if message.author.bot || !data.message_content || message.content.trim().is_empty() {
        return Ok(());
    }
    if data.app.trivia_mode(message.channel_id.get()).await != Some(Mode::Typed) {
        return Ok(());
    }
    let who = member_ctx(
        message.author.id,
        message.channel_id,
        message.guild_id,
        "en",
        None,
        // A typed answer is judged under the game's own gate (its
        // starter's), whatever this says.
        None,
    );
    note_player(
        &ctx.cache,
        &data.app,
        Seen {
            guild: message.guild_id,
            channel: (message.channel_id, None),
            user: &message.author,
            nick: message.member.as_ref().and_then(|m| m.nick.as_deref()),
        },
    );
    let replies = data
        .app
        .trivia_answer(&who, &message.content, data.app.now_ms())
        .await?;
    // A message cannot be answered privately: what the channel sees, and
    // what the member must hear (an answer to try again), said in reply
    // to their message.
    let (private, public): (Vec<_>, Vec<_>) = replies.into_iter().partition(|r| r.private);
    for reply in private.iter().filter(|r| r.must_reach) {
        let answer = messages::create_message(reply).reference_message(message);
        if let Err(e) = message.channel_id.send_message(&ctx.http, answer).await {
            tracing::warn!(error = %e, "could not answer a typed answer in its channel");
        }
    }
    if !public.is_empty() {
        data.posts
            .deliver(&ctx.http, message.channel_id.get(), public)
            .await;
    }
    Ok(())
}

/// The framework: commands localized from the Fluent files, the error
/// hook, and start-up (command registration, the trivia clock).
pub(crate) fn framework(
    config: &Config,
    app: Arc<App>,
    posts: Arc<Posts>,
) -> poise::Framework<Data, Error> {
    let mut commands = commands::all();
    for problem in localize::localize(&mut commands) {
        tracing::warn!("{problem}");
    }
    let dev_guild = config.dev_guild;
    let message_content = config.message_content;
    let defer_after = config.defer_after;
    let configured_owners = config.owners.clone();
    let seeds = config.seeds.clone();
    let guide_refresh = config.guide_refresh_hours;
    let downloads = downloads(config);
    poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands,
            on_error: |error| Box::pin(on_error(error)),
            event_handler: |framework, event| {
                Box::pin(on_event(framework.serenity_context, event, framework.user_data))
            },
            allowed_mentions: Some(messages::no_pings()),
            initialize_owners: false,
            ..Default::default()
        })
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                let commands = &framework.options().commands;
                // A failed registration is logged, not fatal: the commands
                // of an earlier start still work.
                let json = commands::registration(commands);
                let registered = match dev_guild {
                    Some(guild) => {
                        ctx.http.create_guild_commands(serenity::GuildId::new(guild), &json).await
                    }
                    None => ctx.http.create_global_commands(&json).await,
                };
                match registered {
                    Ok(_) => tracing::info!(commands = commands.len(), guild = ?dev_guild, "commands registered"),
                    Err(e) => tracing::error!(error = %e, "command registration failed"),
                }
                tracing::info!(user = %ready.user.name, "connected to Discord");
                posts.clone().start(ctx.http.clone()).await;
                let owners = Arc::new(owners_of(&ctx.http, configured_owners).await);
                if let Some(dir) = seeds {
                    match watch::start(&dir, app.clone(), ctx.http.clone(), owners.clone()) {
                        Ok(()) => {
                            tracing::info!(seeds = %dir.display(), "watching the seeds");
                            if guide_refresh > 0 {
                                watch::refresh_guides(&dir, std::time::Duration::from_secs(guide_refresh * 3600));
                            }
                        }
                        Err(e) => tracing::error!(error = %e, seeds = %dir.display(), "cannot watch the seeds; /catalog reload still works"),
                    }
                }
                Ok(Data {
                    app,
                    posts,
                    message_content,
                    defer_after,
                    owners,
                    downloads,
                })
            })
        })
        .build()
}

/// The owners: those configured, or else the application's owner (and
/// its team's members).
async fn owners_of(http: &serenity::Http, configured: Vec<u64>) -> std::collections::HashSet<u64> {
    if !configured.is_empty() {
        return configured.into_iter().collect();
    }
    match http.get_current_application_info().await {
        Ok(info) => {
            let mut owners: std::collections::HashSet<u64> =
                info.owner.iter().map(|u| u.id.get()).collect();
            if let Some(team) = info.team {
                owners.extend(team.members.iter().map(|m| m.user.id.get()));
            }
            if owners.is_empty() {
                tracing::warn!("the application has no owner to tell; set OWNER_IDS");
            }
            owners
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the application's owner; set OWNER_IDS");
            Default::default()
        }
    }
}

/// The client that fetches uploaded files from Discord's file host: like
/// the API client, it goes straight there when a proxy stands in for
/// Discord, and gives up on a file after 20 seconds.
fn downloads(config: &Config) -> reqwest::Client {
    let mut builder = reqwest::Client::builder().timeout(std::time::Duration::from_secs(20));
    if config.proxy_url.is_some() {
        builder = builder.no_proxy();
    }
    builder.build().unwrap_or_default()
}

/// The HTTP client: through the proxy when one is set (serenity's own rate
/// limiter is then off, as the proxy limits for everyone).
fn http(config: &Config, relay: Option<&str>) -> anyhow::Result<serenity::Http> {
    let mut builder = serenity::HttpBuilder::new(&config.token);
    if let Some(proxy) = relay.or(config.proxy_url.as_deref()) {
        let client = reqwest::Client::builder()
            .no_proxy()
            .tcp_nodelay(true)
            .build()
            .context("building the HTTP client")?;
        builder = builder
            .proxy(proxy.trim_end_matches('/'))
            .ratelimiter_disabled(true)
            .client(client);
    }
    Ok(builder.build())
}

/// The gateway intents: the non-privileged ones, plus Message Content only
/// when the configuration asks for it.
pub(crate) fn intents(config: &Config) -> serenity::GatewayIntents {
    let mut intents = serenity::GatewayIntents::non_privileged();
    if config.message_content {
        intents |= serenity::GatewayIntents::MESSAGE_CONTENT;
    }
    if config.server_members {
        intents |= serenity::GatewayIntents::GUILD_MEMBERS;
    }
    intents
}

/// Connects and serves until `shutdown` completes (then every running game
/// ends with its scores saved and its channel told) or the connection
/// fails for good.
pub async fn serve(
    config: Config,
    app: Arc<App>,
    shutdown: impl Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    if let Some(dir) = &config.seeds {
        app.set_seeds(dir);
    }
    let posts = Arc::new(Posts::new(app.clone()));
    let backend = app.db().backend().name();
    let served = app.clone();
    let framework = framework(&config, app, posts.clone());
    // Behind a shared proxy, requests go through a relay that retries its
    // 429s.
    let relay = match &config.proxy_url {
        Some(proxy) if config.proxy_retries => Some(relay::start(proxy).await?),
        _ => None,
    };
    let mut client =
        serenity::ClientBuilder::new_with_http(http(&config, relay.as_deref())?, intents(&config))
            .framework(framework)
            .await
            .context("setting up the Discord client")?;
    let http = client.http.clone();
    // serenity retries a failing gateway for ever: check the token and the
    // connection first, so that a mistake is one clear line.
    let me = http
        .get_current_user()
        .await
        .map_err(|e| anyhow::anyhow!(describe(&e)))?;
    tracing::info!(bot = %me.name, "token accepted");
    let shards = client.shard_manager.clone();
    let plan = config.shard_plan()?;
    match &plan {
        Some((range, count)) => tracing::info!(
            first = range.start(),
            last = range.end(),
            count,
            backend,
            "serving shards {}..={} of {count} on {backend}",
            range.start(),
            range.end()
        ),
        None => tracing::info!(
            backend,
            "serving every shard Discord recommends on {backend}"
        ),
    }
    let started = async {
        match plan {
            // serenity's range runs up to and including its end.
            Some((range, count)) => {
                client
                    .start_shard_range(*range.start()..*range.end(), count)
                    .await
            }
            None => client.start_autosharded().await,
        }
    };
    tokio::select! {
        outcome = started => outcome.map_err(|e| anyhow::anyhow!(describe(&e))),
        () = shutdown => {
            let (hits, misses) = served.lookup_counts();
            tracing::info!(
                hits,
                misses,
                "shutting down; {hits} lookups were answered from remembered replies, {misses} made anew"
            );
            posts.shut_down(&http).await;
            shards.shutdown_all().await;
            Ok(())
        }
    }
}

/// One line for a connection that failed.
fn describe(error: &serenity::Error) -> String {
    match error {
        serenity::Error::Gateway(serenity::GatewayError::InvalidAuthentication) => {
            "Discord refused the token (DISCORD_TOKEN): check it in the Developer Portal".into()
        }
        serenity::Error::Http(e) if e.status_code().is_some_and(|s| s.as_u16() == 401) => {
            "Discord refused the token (DISCORD_TOKEN): check it in the Developer Portal".into()
        }
        serenity::Error::Gateway(serenity::GatewayError::DisallowedGatewayIntents) => {
            "Discord refused the Message Content intent: enable it for the bot in the Developer Portal, or set DISCORD_MESSAGE_CONTENT=false".into()
        }
        other => format!("could not connect to Discord: {other}"),
    }
}
