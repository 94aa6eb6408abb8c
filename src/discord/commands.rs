//! The slash commands. Each one turns its options into a call on the core
//! and its replies into Discord messages; names, descriptions and their
//! German twins come from the Fluent files (see `localize`).

use std::future::Future;

use poise::serenity_prelude as serenity;

use super::{Context, Data, Error, core_ctx, render};
use crate::app::{Choice, HorizonScope, ProgressAction, SpoilersAction, SuggestKind};
use crate::cache::Lookup;
use crate::i18n::t;
use crate::model::Language;
use crate::quiz::game::Mode;
use crate::reply::Reply;
use crate::schema;
use crate::store::reviews::Verdict;
use crate::trivia::StartOptions;

/// Every command, in the order they are registered.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![
        episode(),
        character(),
        search(),
        progress(),
        spoilers(),
        trivia(),
        about(),
        catalog(),
    ]
}

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
    send(ctx, replies, deferred).await?;
    tracing::debug!(
        command = %ctx.command().qualified_name,
        work_ms = worked.as_secs_f64() * 1000.0,
        total_ms = began.elapsed().as_secs_f64() * 1000.0,
        "answered"
    );
    Ok(())
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
            ctx.send(render::create_reply(&Reply::line(t(
                l,
                "answered-privately",
                &[],
            ))))
            .await,
        );
    }
    let sent = ctx.send(render::create_reply(&first)).await;
    if sent.is_err() && was_post {
        // Taken out of the outbox for the answer: the channel still sees
        // it.
        public.insert(0, first.clone());
    }
    answer(sent);
    for reply in replies {
        if reply.private {
            closes.extend(reply.closes);
            answer(ctx.send(render::create_reply(&reply)).await);
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

async fn ac_episode(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggest(ctx, SuggestKind::Episode, partial).await
}

async fn ac_progress_episode(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    suggest(ctx, SuggestKind::ProgressEpisode, partial).await
}

async fn ac_character(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggest(ctx, SuggestKind::Character, partial).await
}

async fn ac_show(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggest(ctx, SuggestKind::Show, partial).await
}

/// `/episode`, `/character` and `/search`: public unless revealing.
async fn lookup(
    ctx: Context<'_>,
    kind: Lookup,
    input: String,
    show: Option<String>,
    reveal: Option<bool>,
) -> Result<(), Error> {
    let reveal = reveal.unwrap_or(false);
    let c = core_ctx(ctx);
    let app = &ctx.data().app;
    respond(ctx, reveal, async {
        let show = show.as_deref();
        Ok(vec![match kind {
            Lookup::Episode => app.episode(&c, &input, show, reveal).await?,
            Lookup::Character => app.character(&c, &input, show, reveal).await?,
            Lookup::Search => app.search(&c, &input, show, reveal).await?,
        }])
    })
    .await
}

/// An episode's recap, as far as you have watched.
#[poise::command(slash_command)]
pub async fn episode(
    ctx: Context<'_>,
    #[autocomplete = "ac_episode"]
    #[max_length = 200]
    episode: String,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
    reveal: Option<bool>,
) -> Result<(), Error> {
    lookup(ctx, Lookup::Episode, episode, show, reveal).await
}

/// Who someone is and what happened to them.
#[poise::command(slash_command)]
pub async fn character(
    ctx: Context<'_>,
    #[autocomplete = "ac_character"]
    #[max_length = 200]
    name: String,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
    reveal: Option<bool>,
) -> Result<(), Error> {
    lookup(ctx, Lookup::Character, name, show, reveal).await
}

/// Search over the recaps.
#[poise::command(slash_command)]
pub async fn search(
    ctx: Context<'_>,
    #[max_length = 200] query: String,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
    reveal: Option<bool>,
) -> Result<(), Error> {
    lookup(ctx, Lookup::Search, query, show, reveal).await
}

/// How far you have watched.
#[poise::command(
    slash_command,
    subcommands("progress_set", "progress_show", "progress_clear"),
    subcommand_required
)]
pub async fn progress(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

async fn run_progress(
    ctx: Context<'_>,
    action: ProgressAction,
    show: Option<String>,
) -> Result<(), Error> {
    let c = core_ctx(ctx);
    respond(ctx, false, async {
        Ok(vec![
            ctx.data().app.progress(&c, action, show.as_deref()).await?,
        ])
    })
    .await
}

/// Set how far you have watched.
#[poise::command(slash_command, rename = "set")]
pub async fn progress_set(
    ctx: Context<'_>,
    #[autocomplete = "ac_progress_episode"]
    #[max_length = 200]
    episode: String,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
) -> Result<(), Error> {
    run_progress(ctx, ProgressAction::Set(episode), show).await
}

/// Show how far you have watched.
#[poise::command(slash_command, rename = "show")]
pub async fn progress_show(
    ctx: Context<'_>,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
) -> Result<(), Error> {
    run_progress(ctx, ProgressAction::Show, show).await
}

/// Forget how far you have watched.
#[poise::command(slash_command, rename = "clear")]
pub async fn progress_clear(
    ctx: Context<'_>,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
) -> Result<(), Error> {
    run_progress(ctx, ProgressAction::Clear, show).await
}

/// Which horizon `/spoilers` works on.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Scope {
    /// This channel.
    #[name = "channel"]
    Channel,
    /// The server's default.
    #[name = "server"]
    Server,
}

/// What this channel may discuss.
#[poise::command(
    slash_command,
    subcommands("spoilers_set", "spoilers_show", "spoilers_clear"),
    subcommand_required,
    default_member_permissions = "MANAGE_CHANNELS"
)]
pub async fn spoilers(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

async fn run_spoilers(
    ctx: Context<'_>,
    action: SpoilersAction,
    scope: Option<Scope>,
    show: Option<String>,
) -> Result<(), Error> {
    let scope = match scope {
        Some(Scope::Server) => HorizonScope::Server,
        _ => HorizonScope::Channel,
    };
    // Checked here too: Discord's default permission is only a default
    // that server admins can change.
    let c = core_ctx(ctx);
    respond(ctx, false, async {
        Ok(vec![
            ctx.data()
                .app
                .spoilers(&c, action, scope, show.as_deref())
                .await?,
        ])
    })
    .await
}

/// Set the spoiler horizon.
#[poise::command(slash_command, rename = "set")]
pub async fn spoilers_set(
    ctx: Context<'_>,
    #[autocomplete = "ac_progress_episode"]
    #[max_length = 200]
    episode: String,
    scope: Option<Scope>,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
) -> Result<(), Error> {
    run_spoilers(ctx, SpoilersAction::Set(episode), scope, show).await
}

/// Show the spoiler horizon.
#[poise::command(slash_command, rename = "show")]
pub async fn spoilers_show(
    ctx: Context<'_>,
    scope: Option<Scope>,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
) -> Result<(), Error> {
    run_spoilers(ctx, SpoilersAction::Show, scope, show).await
}

/// Remove the spoiler horizon.
#[poise::command(slash_command, rename = "clear")]
pub async fn spoilers_clear(
    ctx: Context<'_>,
    scope: Option<Scope>,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
) -> Result<(), Error> {
    run_spoilers(ctx, SpoilersAction::Clear, scope, show).await
}

/// How trivia answers are given.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum AnswerMode {
    /// Buttons.
    #[name = "choices"]
    Choices,
    /// Typed messages.
    #[name = "typed"]
    Typed,
}

/// A recap language.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum RecapLanguage {
    /// English.
    #[name = "en"]
    En,
    /// German.
    #[name = "de"]
    De,
}

/// Which leaderboard.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Period {
    /// Everything.
    #[name = "all"]
    All,
    /// The last 30 days.
    #[name = "recent"]
    Recent,
}

/// Trivia about the show.
#[poise::command(
    slash_command,
    subcommands(
        "trivia_start",
        "trivia_answer",
        "trivia_hint",
        "trivia_skip",
        "trivia_stop",
        "trivia_leaderboard",
        "trivia_stats",
        "trivia_report",
        "trivia_review"
    ),
    subcommand_required
)]
pub async fn trivia(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Start a game in this channel.
#[poise::command(slash_command, rename = "start")]
#[allow(clippy::too_many_arguments)]
pub async fn trivia_start(
    ctx: Context<'_>,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
    #[autocomplete = "ac_episode"]
    #[max_length = 200]
    up_to: Option<String>,
    #[min = 1]
    #[max = 50]
    questions: Option<u32>,
    #[min = 5]
    #[max = 120]
    seconds: Option<u32>,
    mode: Option<AnswerMode>,
    language: Option<RecapLanguage>,
    spoilers: Option<bool>,
) -> Result<(), Error> {
    let c = core_ctx(ctx);
    let mode = mode.map(|m| match m {
        AnswerMode::Choices => Mode::Choices,
        AnswerMode::Typed => Mode::Typed,
    });
    let opts = StartOptions {
        show,
        up_to,
        questions: questions.map(|q| q as usize),
        seconds,
        mode,
        language: language.map(|l| match l {
            RecapLanguage::En => Language::En,
            RecapLanguage::De => Language::De,
        }),
        spoilers: spoilers.unwrap_or(false),
    };
    let data = ctx.data();
    respond(ctx, false, async {
        let mut replies = data
            .app
            .trivia_start(&c, opts, super::posts::now_ms())
            .await?;
        // Without the Message Content intent typed answers cannot be read:
        // say how to answer instead of ignoring them.
        if mode == Some(Mode::Typed)
            && !data.message_content
            && replies.first().is_some_and(|r| !r.private)
        {
            replies[0]
                .notes
                .push(t(c.locale, "trivia-typed-needs-command", &[]));
        }
        Ok(replies)
    })
    .await
}

/// Answer the current question (typed mode).
#[poise::command(slash_command, rename = "answer")]
pub async fn trivia_answer(
    ctx: Context<'_>,
    #[max_length = 200] text: String,
) -> Result<(), Error> {
    let c = core_ctx(ctx);
    respond(ctx, false, async {
        ctx.data()
            .app
            .trivia_answer(&c, &text, super::posts::now_ms())
            .await
    })
    .await
}

/// Take a hint (costs points).
#[poise::command(slash_command, rename = "hint")]
pub async fn trivia_hint(ctx: Context<'_>) -> Result<(), Error> {
    let c = core_ctx(ctx);
    respond(ctx, false, async {
        ctx.data().app.trivia_hint(&c, super::posts::now_ms()).await
    })
    .await
}

/// Skip the current question.
#[poise::command(slash_command, rename = "skip")]
pub async fn trivia_skip(ctx: Context<'_>) -> Result<(), Error> {
    let c = core_ctx(ctx);
    let may = super::may_manage_messages(ctx);
    respond(ctx, false, async {
        ctx.data()
            .app
            .trivia_skip(&c, may, super::posts::now_ms())
            .await
    })
    .await
}

/// Stop the game.
#[poise::command(slash_command, rename = "stop")]
pub async fn trivia_stop(ctx: Context<'_>) -> Result<(), Error> {
    let c = core_ctx(ctx);
    let may = super::may_manage_messages(ctx);
    respond(ctx, false, async {
        ctx.data()
            .app
            .trivia_stop(&c, may, super::posts::now_ms())
            .await
    })
    .await
}

/// The server's best players.
#[poise::command(slash_command, rename = "leaderboard")]
pub async fn trivia_leaderboard(
    ctx: Context<'_>,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
    period: Option<Period>,
) -> Result<(), Error> {
    let c = core_ctx(ctx);
    let recent = matches!(period, Some(Period::Recent));
    respond(ctx, false, async {
        Ok(vec![
            ctx.data()
                .app
                .trivia_leaderboard(&c, show.as_deref(), recent, super::posts::now_ms())
                .await?,
        ])
    })
    .await
}

/// Your own trivia figures.
#[poise::command(slash_command, rename = "stats")]
pub async fn trivia_stats(
    ctx: Context<'_>,
    #[autocomplete = "ac_show"]
    #[max_length = 200]
    show: Option<String>,
) -> Result<(), Error> {
    let c = core_ctx(ctx);
    respond(ctx, false, async {
        Ok(vec![
            ctx.data().app.trivia_stats(&c, show.as_deref()).await?,
        ])
    })
    .await
}

/// Report the question just revealed.
#[poise::command(slash_command, rename = "report")]
pub async fn trivia_report(ctx: Context<'_>) -> Result<(), Error> {
    let c = core_ctx(ctx);
    respond(ctx, false, async {
        Ok(vec![
            ctx.data()
                .app
                .trivia_report(&c, None, super::posts::now_ms())
                .await?,
        ])
    })
    .await
}

/// A moderator's verdict on a question.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum ReviewAction {
    /// Keep it.
    #[name = "approve"]
    Approve,
    /// Never ask it here again.
    #[name = "retire"]
    Retire,
}

// Checked in the core: only members who may manage the server.
/// Reported and lopsided questions: approve or retire them.
#[poise::command(slash_command, rename = "review")]
pub async fn trivia_review(
    ctx: Context<'_>,
    #[max_length = 200] question: Option<String>,
    action: Option<ReviewAction>,
) -> Result<(), Error> {
    let c = core_ctx(ctx);
    let act = match (question, action) {
        (Some(q), Some(a)) => Some((
            q,
            match a {
                ReviewAction::Approve => Verdict::Approved,
                ReviewAction::Retire => Verdict::Retired,
            },
        )),
        (None, None) => None,
        _ => {
            let text = t(c.locale, "trivia-review-both", &[]);
            return respond(ctx, false, async { Ok(vec![Reply::line(text).private()]) }).await;
        }
    };
    respond(ctx, false, async {
        Ok(vec![
            ctx.data()
                .app
                .trivia_review(&c, act, super::posts::now_ms())
                .await?,
        ])
    })
    .await
}

/// What is loaded.
#[poise::command(slash_command)]
pub async fn about(ctx: Context<'_>) -> Result<(), Error> {
    let c = core_ctx(ctx);
    respond(ctx, false, async {
        Ok(vec![ctx.data().app.about(&c).await?])
    })
    .await
}

// Hidden from everyone but administrators in the command list (a default
// a server can change), and refused by the core to anyone but an owner.
/// The bot's catalog, for its owners.
#[poise::command(
    slash_command,
    subcommands("catalog_reload", "catalog_status"),
    subcommand_required,
    default_member_permissions = "ADMINISTRATOR"
)]
pub async fn catalog(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

async fn run_catalog(ctx: Context<'_>, reload: bool) -> Result<(), Error> {
    let c = core_ctx(ctx);
    let owner = ctx.data().owners.contains(&ctx.author().id.get());
    respond(ctx, false, async {
        Ok(vec![
            ctx.data()
                .app
                .catalog(&c, owner, reload, super::posts::now_ms())
                .await?,
        ])
    })
    .await
}

/// Import the seed files again.
#[poise::command(slash_command, rename = "reload")]
pub async fn catalog_reload(ctx: Context<'_>) -> Result<(), Error> {
    run_catalog(ctx, true).await
}

/// What is loaded, and the last import and its problems.
#[poise::command(slash_command, rename = "status")]
pub async fn catalog_status(ctx: Context<'_>) -> Result<(), Error> {
    run_catalog(ctx, false).await
}
