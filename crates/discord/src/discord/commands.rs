//! The slash commands. Each one turns its options into a call on the core
//! and its replies into Discord messages; names, descriptions and their
//! German twins come from the Fluent files (see `localize`).

use std::future::Future;

use poise::serenity_prelude as serenity;

use std::borrow::Cow;

use super::{Context, Data, Error, core_ctx, messages};
use crate::app::{Choice, SuggestKind};
use crate::i18n::{s, t};
use crate::invoke::Call;
use crate::reply::{EventChange, Reply};
use crate::schema::{self, CommandSpec, Listed, OptionKind, OptionSpec};

/// Runs the work, deferring the interaction if it is slow, and sends what
/// it returns. Who sees the answer is the command's (`schema`), known
/// before the work starts: a slow command is deferred that way, so a
/// public answer stays public and a private one private.
async fn respond(
    ctx: Context<'_>,
    reveal: bool,
    work: impl Future<Output = anyhow::Result<Vec<Reply>>>,
) -> Result<(), Error> {
    let began = std::time::Instant::now();
    let path: Vec<&str> = ctx.command().qualified_name.split(' ').collect();
    let private = schema::answers_privately(&path, reveal);
    tokio::pin!(work);
    let mut deferred = None;
    let clock = super::deferral_clock(ctx.data().defer_after);
    let replies = tokio::select! {
        // The clock first: with no time to wait, every command is deferred.
        biased;
        () = clock => {
            let acknowledged = if private {
                ctx.defer_ephemeral().await
            } else {
                ctx.defer().await
            };
            // The work goes on whatever became of the deferral: what it
            // stores is told, and what the channel must see is posted.
            match acknowledged {
                Ok(()) => deferred = Some(private),
                Err(e) => tracing::warn!(error = %e, "a slow command could not be deferred"),
            }
            work.await?
        }
        done = &mut work => done?,
    };
    let worked = began.elapsed();
    let events: Vec<EventChange> = replies
        .iter()
        .filter_map(|r| r.event.as_deref().cloned())
        .collect();
    let sent = send(ctx, replies, deferred).await;
    // What the core stored stands whatever became of the answer: the
    // server's events follow it.
    if let Some(guild) = ctx.guild_id() {
        for change in events {
            change_event(ctx, guild, change).await;
        }
    }
    sent?;
    tracing::debug!(
        command = %ctx.command().qualified_name,
        work_ms = worked.as_secs_f64() * 1000.0,
        total_ms = began.elapsed().as_secs_f64() * 1000.0,
        "answered"
    );
    Ok(())
}

/// Makes or removes a server's scheduled event (a game set to start
/// later): where Discord refuses, the game still starts on time.
async fn change_event(ctx: Context<'_>, guild: serenity::GuildId, change: EventChange) {
    let http = &ctx.serenity_context().http;
    match change {
        EventChange::Make {
            plan,
            name,
            description,
            location,
            start_ms,
            end_ms,
        } => {
            let (Ok(start), Ok(end)) = (
                serenity::Timestamp::from_millis(start_ms),
                serenity::Timestamp::from_millis(end_ms),
            ) else {
                return;
            };
            let event = serenity::CreateScheduledEvent::new(
                serenity::ScheduledEventType::External,
                name,
                start,
            )
            .end_time(end)
            .location(location)
            .description(description);
            match guild.create_scheduled_event(http, event).await {
                Ok(made) => {
                    if let Err(e) = ctx.data().app.trivia_event_made(plan, made.id.get()).await {
                        tracing::warn!(
                            error = format!("{e:#}"),
                            "a scheduled event was made but not noted"
                        );
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not make a scheduled event"),
            }
        }
        EventChange::Remove(event) => {
            if let Err(e) = guild
                .delete_scheduled_event(http, serenity::ScheduledEventId::new(event))
                .await
            {
                tracing::warn!(error = %e, "could not remove a scheduled event");
            }
        }
    }
}

/// The first reply answers the interaction, private ones follow it, and
/// public trivia messages are posted to the channel (their buttons are
/// tracked there). After a public deferral, a private first reply (a
/// refusal) cannot take the deferred message's place, which everyone sees:
/// that message says only that the answer went privately, and the reply
/// follows it privately.
async fn send(ctx: Context<'_>, replies: Vec<Reply>, deferred: Option<bool>) -> Result<(), Error> {
    let data = ctx.data();
    let http = &ctx.serenity_context().http;
    let l = super::locale(ctx);
    // Rounds closed by what answers the interaction itself; delivered
    // replies close their own.
    let mut closes = Vec::new();
    let mut public = Vec::new();
    let mut replies = replies.into_iter();
    let noted = || Reply::line(t(l, "trivia-answer-noted", &[])).private();
    let mut first = replies.next().unwrap_or_else(noted);
    // A channel post that answers the command (a reveal after /trivia
    // skip) is the answer only where everyone sees it and nothing posted
    // before it still waits; otherwise it goes out with the channel's
    // posts, in its place, and the member is told their command counted.
    let mut was_post = false;
    if let Some(post) = first.post {
        let answer_is_public = deferred != Some(true);
        let channel = ctx.channel_id().get();
        if answer_is_public && data.posts.take_for_answer(channel, post).await {
            first.post = None;
            was_post = true;
        } else {
            public.push(std::mem::replace(&mut first, noted()));
        }
    }
    closes.extend(first.closes);
    // The member's own replies first; one that fails (the interaction
    // gone) holds up nothing the channel must see.
    let mut failed: Option<Error> = None;
    let mut answer = |sent: Result<poise::ReplyHandle<'_>, serenity::Error>| {
        if let Err(e) = sent {
            failed.get_or_insert(e.into());
        }
    };
    if deferred == Some(false) && first.private {
        answer(
            ctx.send(messages::create_reply(&Reply::line(t(
                l,
                "answered-privately",
                &[],
            ))))
            .await,
        );
    }
    let sent = ctx.send(messages::create_reply(&first)).await;
    if sent.is_err() && was_post {
        // Taken out of the outbox for the answer: the channel still sees
        // it.
        public.insert(0, first.clone());
    }
    answer(sent);
    for reply in replies {
        if reply.private {
            closes.extend(reply.closes);
            answer(ctx.send(messages::create_reply(&reply)).await);
        } else {
            public.push(reply);
        }
    }
    // The member has their answer; now the buttons of a closed round.
    data.posts.close(http, closes).await;
    if !public.is_empty() {
        data.posts
            .deliver(http, ctx.channel_id().get(), public)
            .await;
    }
    data.posts.wake();
    failed.map_or(Ok(()), Err)
}

/// The value of another option of the command being completed.
fn sibling(options: &[serenity::CommandDataOption], name: &str) -> Option<String> {
    options.iter().find_map(|o| match &o.value {
        serenity::CommandDataOptionValue::SubCommand(inner)
        | serenity::CommandDataOptionValue::SubCommandGroup(inner) => sibling(inner, name),
        serenity::CommandDataOptionValue::String(v) if o.name == name => Some(v.clone()),
        serenity::CommandDataOptionValue::Autocomplete { value, .. } if o.name == name => {
            Some(value.clone())
        }
        _ => None,
    })
}

async fn suggest(
    ctx: Context<'_>,
    kind: SuggestKind,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let show = match ctx {
        poise::Context::Application(a) => sibling(&a.interaction.data.options, "show"),
        poise::Context::Prefix(_) => None,
    };
    let show = show.filter(|_| kind != SuggestKind::Show);
    let choices: Vec<Choice> = ctx
        .data()
        .app
        .suggest(&core_ctx(ctx), kind, partial, show.as_deref())
        .await
        .unwrap_or_else(|e| {
            tracing::error!(error = ?e, "autocomplete failed");
            Vec::new()
        });
    serenity::CreateAutocompleteResponse::new().set_choices(
        choices
            .into_iter()
            .map(|c| {
                serenity::AutocompleteChoice::new(truncate(&c.label, 100), truncate(&c.value, 100))
            })
            .collect(),
    )
}

/// Discord's limit on choice names and values.
fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Every command of the schema (`schema::COMMANDS`), in its order: what
/// Discord registers ([`registration`]) and what the bot runs. Nothing
/// here names a command: each one is run by [`run`], which reads its
/// options as the schema declares them and hands it to the core.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    schema::COMMANDS.iter().map(command_of).collect()
}

fn command_of(spec: &'static CommandSpec) -> poise::Command<Data, Error> {
    let mut parameters: Vec<_> = spec.options.iter().map(parameter_of).collect();
    // Discord takes the required options first.
    parameters.sort_by_key(|p| !p.required);
    poise::Command {
        name: Cow::Borrowed(spec.name),
        qualified_name: Cow::Borrowed(spec.name),
        identifying_name: Cow::Borrowed(spec.name),
        source_code_name: Cow::Borrowed(spec.name),
        slash_action: Some(slash),
        subcommands: spec.subcommands.iter().map(command_of).collect(),
        subcommand_required: !spec.subcommands.is_empty(),
        parameters,
        default_member_permissions: match spec.listed_for {
            Listed::Everyone => serenity::Permissions::empty(),
            Listed::ChannelManagers => serenity::Permissions::MANAGE_CHANNELS,
            Listed::Administrators => serenity::Permissions::ADMINISTRATOR,
        },
        custom_data: Box::new(spec),
        ..Default::default()
    }
}

fn parameter_of(option: &'static OptionSpec) -> poise::CommandParameter<Data, Error> {
    let choices = match option.kind {
        OptionKind::Choice(choices) => choices
            .iter()
            .map(|c| poise::CommandParameterChoice {
                name: Cow::Borrowed(*c),
                localizations: Cow::Borrowed(&[]),
                __non_exhaustive: (),
            })
            .collect(),
        _ => Vec::new(),
    };
    // (A whole number's range is the schema's, set in `registration`: a
    // type setter cannot carry it.)
    let type_setter: fn(serenity::CreateCommandOption) -> serenity::CreateCommandOption =
        match option.kind {
            OptionKind::Text => |b| {
                b.kind(serenity::CommandOptionType::String)
                    .max_length(schema::TEXT_MAX as u16)
            },
            OptionKind::Boolean => |b| b.kind(serenity::CommandOptionType::Boolean),
            OptionKind::File => |b| b.kind(serenity::CommandOptionType::Attachment),
            // Text channels (and announcement channels) the bot can post in.
            OptionKind::Channel => |b| {
                b.kind(serenity::CommandOptionType::Channel)
                    .channel_types(vec![
                        serenity::ChannelType::Text,
                        serenity::ChannelType::News,
                    ])
            },
            // Choices go to Discord as numbers, their places in the list.
            OptionKind::Integer { .. } | OptionKind::Choice(_) => {
                |b| b.kind(serenity::CommandOptionType::Integer)
            }
        };
    poise::CommandParameter {
        name: Cow::Borrowed(option.name),
        name_localizations: Cow::Borrowed(&[]),
        description: None,
        description_localizations: Cow::Borrowed(&[]),
        required: option.required,
        channel_types: None,
        choices: Cow::Owned(choices),
        type_setter: Some(type_setter),
        autocomplete_callback: option.suggest.map(|_| autocomplete as _),
        __non_exhaustive: (),
    }
}

/// What Discord is told: `commands` (localized) as JSON, each whole-number
/// option with the schema's range.
pub fn registration(commands: &[poise::Command<Data, Error>]) -> serde_json::Value {
    let builders = poise::builtins::create_application_commands(commands);
    let mut json = serde_json::to_value(&builders).unwrap_or_default();
    if let Some(list) = json.as_array_mut() {
        for (command, spec) in list.iter_mut().zip(schema::COMMANDS) {
            set_ranges(command, spec);
        }
    }
    json
}

fn set_ranges(json: &mut serde_json::Value, spec: &CommandSpec) {
    let Some(options) = json
        .get_mut("options")
        .and_then(serde_json::Value::as_array_mut)
    else {
        return;
    };
    for option in options {
        let name = option["name"].as_str().unwrap_or_default().to_string();
        if let Some(sub) = spec.sub(&name) {
            set_ranges(option, sub);
        } else if let Some(OptionKind::Integer { min, max }) = spec.option(&name).map(|o| o.kind) {
            option["min_value"] = min.into();
            option["max_value"] = max.into();
        }
    }
}

/// The schema's entry of the command being run or completed.
fn spec_of(ctx: Context<'_>) -> Option<&'static CommandSpec> {
    ctx.command()
        .custom_data
        .downcast_ref::<&'static CommandSpec>()
        .copied()
}

fn slash(
    ctx: poise::ApplicationContext<'_, Data, Error>,
) -> BoxFuture<'_, Result<(), poise::FrameworkError<'_, Data, Error>>> {
    Box::pin(async move {
        run(ctx)
            .await
            .map_err(|error| poise::FrameworkError::new_command(ctx.into(), error))
    })
}

/// Runs a command: its options, read as the schema says and checked
/// against it, go to the core with what the member may do here.
async fn run(actx: poise::ApplicationContext<'_, Data, Error>) -> Result<(), Error> {
    let ctx = poise::Context::Application(actx);
    let Some(spec) = spec_of(ctx) else {
        return Ok(());
    };
    let c = core_ctx(ctx);
    let data = ctx.data();
    let mut call = match call_of(ctx, spec, actx.args) {
        Ok(call) => call,
        Err(input) => {
            let text = t(c.locale, "error-bad-argument", &[s("input", input)]);
            return respond(ctx, false, async { Ok(vec![Reply::line(text).private()]) }).await;
        }
    };
    if let Err(text) = fetch_files(ctx, &mut call, actx.args).await {
        return respond(ctx, false, async { Ok(vec![Reply::line(text).private()]) }).await;
    }
    call.manages_messages = super::may_manage_messages(ctx);
    call.owner = data.owners.contains(&ctx.author().id.get());
    call.reads_typed_answers = data.message_content;
    let interaction = &actx.interaction;
    super::note_player(
        &ctx.serenity_context().cache,
        &data.app,
        super::Seen {
            guild: ctx.guild_id(),
            channel: (
                ctx.channel_id(),
                interaction.channel.as_ref().and_then(|c| c.name.as_deref()),
            ),
            user: ctx.author(),
            nick: interaction.member.as_ref().and_then(|m| m.nick.as_deref()),
        },
    );
    let reveal = call.flag("reveal");
    respond(ctx, reveal, async {
        data.app.invoke(&c, &call, data.app.now_ms()).await
    })
    .await
}

/// Fetches the files given to the command's file options into the call;
/// what to tell the member when one is too big or cannot be fetched.
async fn fetch_files(
    ctx: Context<'_>,
    call: &mut Call,
    args: &[serenity::ResolvedOption<'_>],
) -> Result<(), String> {
    let l = super::locale(ctx);
    for arg in args {
        let serenity::ResolvedValue::Attachment(file) = &arg.value else {
            continue;
        };
        let name = file.filename.clone();
        if file.size as usize > crate::trivia::UPLOAD_MAX {
            return Err(t(
                l,
                "pack-too-big",
                &[
                    s("file", &name),
                    crate::i18n::n("max", crate::trivia::UPLOAD_MAX >> 10),
                ],
            ));
        }
        let fetched = async {
            let response = ctx
                .data()
                .downloads
                .get(&file.url)
                .send()
                .await?
                .error_for_status()?;
            response.bytes().await
        };
        match fetched.await {
            // Discord gave the size; the file host is held to it too.
            Ok(bytes) if bytes.len() <= crate::trivia::UPLOAD_MAX => {
                call.files.insert(
                    arg.name.to_string(),
                    crate::trivia::Upload {
                        name,
                        bytes: bytes.to_vec(),
                    },
                );
            }
            Ok(_) => {
                return Err(t(
                    l,
                    "pack-too-big",
                    &[
                        s("file", &name),
                        crate::i18n::n("max", crate::trivia::UPLOAD_MAX >> 10),
                    ],
                ));
            }
            Err(e) => {
                tracing::warn!(error = %e, file = %name, "could not fetch an uploaded file");
                return Err(t(l, "error-file-unfetched", &[s("file", &name)]));
            }
        }
    }
    Ok(())
}

/// The options of a command as written, each one the schema lets it
/// take; what does not fit (a client with stale commands), otherwise.
fn call_of(
    ctx: Context<'_>,
    spec: &CommandSpec,
    args: &[serenity::ResolvedOption<'_>],
) -> Result<Call, String> {
    let path: Vec<&str> = ctx.command().qualified_name.split(' ').collect();
    let mut options = Vec::new();
    for arg in args {
        let shown = || format!("{}:{:?}", arg.name, arg.value);
        let option = spec.option(arg.name).ok_or_else(shown)?;
        let value = match (&arg.value, option.kind) {
            (serenity::ResolvedValue::String(text), OptionKind::Text) => text.to_string(),
            (serenity::ResolvedValue::Boolean(flag), OptionKind::Boolean) => flag.to_string(),
            (serenity::ResolvedValue::Integer(n), OptionKind::Integer { .. }) => n.to_string(),
            (serenity::ResolvedValue::Integer(n), OptionKind::Choice(choices)) => {
                usize::try_from(*n)
                    .ok()
                    .and_then(|i| choices.get(i))
                    .ok_or_else(shown)?
                    .to_string()
            }
            (serenity::ResolvedValue::String(text), OptionKind::Choice(_)) => text.to_string(),
            (serenity::ResolvedValue::Attachment(file), OptionKind::File) => file.filename.clone(),
            (serenity::ResolvedValue::Channel(channel), OptionKind::Channel) => {
                channel.id.to_string()
            }
            (
                serenity::ResolvedValue::Unresolved(serenity::Unresolved::Channel(id)),
                OptionKind::Channel,
            ) => id.to_string(),
            _ => return Err(shown()),
        };
        if option.kind.check(&value).is_err() {
            return Err(value);
        }
        options.push((option.name, value));
    }
    Ok(Call::new(&path, options))
}

fn autocomplete<'a>(
    ctx: poise::ApplicationContext<'a, Data, Error>,
    partial: &'a str,
) -> BoxFuture<'a, serenity::CreateAutocompleteResponse> {
    Box::pin(async move {
        let focused = ctx.interaction.data.autocomplete().map(|o| o.name);
        let kind = spec_of(ctx.into())
            .zip(focused)
            .and_then(|(spec, name)| spec.option(name))
            .and_then(|o| o.suggest);
        match kind {
            Some(kind) => suggest(ctx.into(), kind, partial).await,
            None => serenity::CreateAutocompleteResponse::new(),
        }
    })
}

/// A boxed future, as poise takes its callbacks.
type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + Send + 'a>>;
