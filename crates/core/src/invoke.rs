//! One way into the core for every command the bot offers. A front end
//! turns what a member typed or clicked into a [`Call`] (the command's path
//! and its options as written, checked against `schema::COMMANDS`), and
//! [`App::invoke`] runs it: this is the one place where a command meets the
//! service that answers it, for Discord and the console alike.

use std::collections::BTreeMap;

use anyhow::Result;

use crate::app::{App, HorizonScope, ProgressAction, SpoilersAction, one};
use crate::i18n::t;
use crate::model::Language;
use crate::quiz::game::Mode;
use crate::reply::Reply;
use crate::request::Ctx;
use crate::store::reviews::Verdict;
use crate::trivia::{
    AnnounceOptions, DailyOptions, OwnQuestion, PackOptions, Period, PlanOptions, RewatchAction,
    RewatchOptions, SeasonAction, StartOptions, Upload,
};

/// A command as a member gave it.
#[derive(Debug, Clone, Default)]
pub struct Call {
    /// Its name and subcommand: `["trivia", "start"]`.
    pub path: Vec<String>,
    /// Its options by name, as written (a number as digits, a flag as
    /// "true" or "false"), each already one the schema lets it take.
    pub options: BTreeMap<String, String>,
    /// The member may manage messages where they ask (skip or stop a game
    /// someone else started).
    pub manages_messages: bool,
    /// The member owns the bot (`/catalog`).
    pub owner: bool,
    /// Answers typed into the channel reach the bot (on Discord, only with
    /// the Message Content intent).
    pub reads_typed_answers: bool,
    /// The files given to file options, by option name (the option itself
    /// holds the file's name).
    pub files: BTreeMap<String, Upload>,
}

impl Call {
    /// A call of `path` with these options, by a member with no powers.
    pub fn new<'a>(path: &[&str], options: impl IntoIterator<Item = (&'a str, String)>) -> Call {
        Call {
            path: path.iter().map(|p| p.to_string()).collect(),
            options: options
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            ..Call::default()
        }
    }

    fn text(&self, key: &str) -> Option<String> {
        self.options.get(key).cloned()
    }

    /// An option's text, empty when not given.
    fn words(&self, key: &str) -> String {
        self.text(key).unwrap_or_default()
    }

    /// A channel option: its id.
    fn channel(&self, key: &str) -> Option<u64> {
        self.options.get(key).and_then(|c| c.trim().parse().ok())
    }

    /// Whether a flag is given and true.
    pub fn flag(&self, key: &str) -> bool {
        self.options
            .get(key)
            .is_some_and(|v| crate::schema::flag(v) == Some(true))
    }

    /// A flag as given, or `None` when the member left it out.
    pub fn flag_given(&self, key: &str) -> Option<bool> {
        self.options.get(key).and_then(|v| crate::schema::flag(v))
    }

    /// A whole number; one that is not (which the schema's range check
    /// turns down before it gets here) reads as 0.
    fn number(&self, key: &str) -> Option<u64> {
        self.options
            .get(key)
            .map(|v| v.trim().parse::<u64>().unwrap_or(0))
    }

    fn choice(&self, key: &str) -> Option<String> {
        self.options.get(key).map(|v| v.trim().to_lowercase())
    }

    /// How a game or a question of the day takes answers, if the member
    /// said.
    fn mode(&self) -> Option<Mode> {
        match self.choice("mode").as_deref() {
            Some("typed") => Some(Mode::Typed),
            Some(_) => Some(Mode::Choices),
            None => None,
        }
    }
}

impl App {
    /// Runs a command of `schema::COMMANDS` for `ctx`, at `now_ms`: the
    /// replies to send, the first answering the member.
    pub async fn invoke(&self, ctx: &Ctx, call: &Call, now_ms: i64) -> Result<Vec<Reply>> {
        let path: Vec<&str> = call.path.iter().map(String::as_str).collect();
        let show = call.text("show");
        let show = show.as_deref();
        let reveal = call.flag("reveal");
        let one = |reply: Reply| Ok(vec![reply]);
        match path.as_slice() {
            ["episode"] => one(self
                .episode(ctx, &call.words("episode"), show, reveal)
                .await?),
            ["character"] => one(self
                .character(ctx, &call.words("name"), show, reveal)
                .await?),
            ["search"] => one(self.search(ctx, &call.words("query"), show, reveal).await?),
            ["progress", "follow"] => {
                let outcome = self.trivia.rewatch_follow(&self.shared, ctx).await;
                one(crate::app::one(ctx, outcome)?)
            }
            ["progress", sub] => {
                let action = match *sub {
                    "set" => ProgressAction::Set(call.words("episode")),
                    "clear" => ProgressAction::Clear,
                    _ => ProgressAction::Show,
                };
                one(self.progress(ctx, action, show).await?)
            }
            ["spoilers", sub] => {
                let action = match *sub {
                    "set" => SpoilersAction::Set(call.words("episode")),
                    "clear" => SpoilersAction::Clear,
                    _ => SpoilersAction::Show,
                };
                let scope = match call.choice("scope").as_deref() {
                    Some("server") => HorizonScope::Server,
                    _ => HorizonScope::Channel,
                };
                one(self.spoilers(ctx, action, scope, show).await?)
            }
            ["trivia", "start"] => self.invoke_start(ctx, call, now_ms).await,
            ["trivia", "schedule", sub] => self.invoke_planned(ctx, call, sub, now_ms).await,
            ["trivia", "answer"] => self.trivia_answer(ctx, &call.words("text"), now_ms).await,
            ["trivia", "hint"] => self.trivia_hint(ctx, now_ms).await,
            ["trivia", "skip"] => self.trivia_skip(ctx, call.manages_messages, now_ms).await,
            ["trivia", "stop"] => self.trivia_stop(ctx, call.manages_messages, now_ms).await,
            ["trivia", "pack", sub] => {
                let (trivia, shared) = (&self.trivia, &self.shared);
                let outcome = match *sub {
                    "upload" => {
                        let opts = PackOptions {
                            file: call.files.get("file").cloned().unwrap_or_default(),
                            show: call.text("show"),
                            episode: call.text("episode"),
                            season: call.number("season"),
                            language: call.choice("language").and_then(|l| Language::parse(&l)),
                        };
                        trivia.pack_upload(shared, ctx, opts, now_ms).await
                    }
                    "remove" => trivia.pack_remove(shared, ctx, &call.words("name")).await,
                    _ => trivia.pack_list(shared, ctx).await,
                };
                one(crate::app::one(ctx, outcome)?)
            }
            ["trivia", "stats"] => one(self.trivia_stats(ctx, show).await?),
            ["trivia", "report"] => one(self.trivia_report(ctx, None, now_ms).await?),
            ["trivia", "review"] => {
                let act = match (call.text("question"), call.choice("action")) {
                    (Some(q), Some(a)) => Verdict::parse(&a).map(|v| (q, v)),
                    (None, None) => None,
                    _ => {
                        return one(Reply::line(t(ctx.locale, "trivia-review-both", &[])).private());
                    }
                };
                one(self.trivia_review(ctx, act, now_ms).await?)
            }
            ["trivia", "leaderboard"] => {
                let period = match (call.choice("period").as_deref(), call.text("season")) {
                    (_, Some(name)) => Period::Season(Some(name)),
                    (Some("season"), None) => Period::Season(None),
                    (Some("recent"), None) => Period::Recent,
                    _ => Period::All,
                };
                let picture = call.flag("picture");
                let board =
                    self.trivia
                        .leaderboard(&self.shared, ctx, show, (period, picture), now_ms);
                one(crate::app::one(ctx, board.await)?)
            }
            ["trivia", "season", sub] => {
                let action = match *sub {
                    "start" => SeasonAction::Start,
                    "end" => SeasonAction::End,
                    _ => SeasonAction::List,
                };
                let season = (action, call.text("name"));
                let outcome = self.trivia.season(&self.shared, ctx, season, now_ms).await;
                crate::app::many(ctx, outcome)
            }
            ["daily", "queue", "list"] => {
                let outcome = self.trivia.daily_queue_list(&self.shared, ctx).await;
                one(crate::app::one(ctx, outcome)?)
            }
            ["daily", "queue", "remove"] => {
                let id = call.number("id").unwrap_or(0) as i64;
                let outcome = self
                    .trivia
                    .daily_queue_remove(&self.shared, ctx, id, now_ms)
                    .await;
                one(crate::app::one(ctx, outcome)?)
            }
            ["daily", "queue", "add"] => self.invoke_daily(ctx, call, "queue", now_ms).await,
            ["daily", sub] => self.invoke_daily(ctx, call, sub, now_ms).await,
            ["rewatch", sub] => self.invoke_rewatch(ctx, call, sub, now_ms).await,
            ["announce", sub] => {
                let (trivia, shared) = (&self.trivia, &self.shared);
                let outcome = match *sub {
                    "set" => {
                        let opts = AnnounceOptions {
                            channel: call.channel("channel"),
                            show: call.text("show"),
                            time: call.text("time").filter(|t| !t.trim().is_empty()),
                            timezone: call.words("timezone"),
                        };
                        trivia.announce_set(shared, ctx, opts, now_ms).await
                    }
                    "off" => trivia.announce_off(shared, ctx, now_ms).await,
                    _ => trivia.announce_show(shared, ctx, now_ms).await,
                };
                one(crate::app::one(ctx, outcome)?)
            }
            ["web"] => {
                let outcome = self
                    .trivia
                    .web(&self.shared, ctx, call.flag_given("public"), now_ms);
                one(crate::app::one(ctx, outcome.await)?)
            }
            ["trivia", "privacy"] => {
                let outcome =
                    self.trivia
                        .privacy(&self.shared, ctx, call.flag_given("hidden"), now_ms);
                one(crate::app::one(ctx, outcome.await)?)
            }
            ["about"] => one(self.about(ctx).await?),
            ["catalog", sub] => one(self
                .catalog(ctx, call.owner, *sub == "reload", now_ms)
                .await?),
            _ => one(Reply::line(t(
                ctx.locale,
                "error-unknown-command",
                &[crate::i18n::s("command", format!("/{}", path.join(" ")))],
            ))
            .private()),
        }
    }

    /// `/daily`: the question of the day.
    async fn invoke_daily(
        &self,
        ctx: &Ctx,
        call: &Call,
        sub: &str,
        now_ms: i64,
    ) -> Result<Vec<Reply>> {
        let (daily, shared) = (&self.trivia, &self.shared);
        let outcome = match sub {
            "set" => {
                let opts = DailyOptions {
                    channel: call.channel("channel"),
                    time: call.words("time"),
                    timezone: call.words("timezone"),
                    show: call.text("show"),
                    mode: call.mode(),
                };
                daily.daily_set(shared, ctx, opts, now_ms).await
            }
            "off" => daily.daily_off(shared, ctx, now_ms).await,
            "answer" => {
                let text = call.words("text");
                daily.daily_answer(shared, ctx, &text, now_ms).await
            }
            "leaderboard" => daily.daily_leaderboard(shared, ctx).await,
            "queue" | "suggest" => {
                let own = OwnQuestion {
                    question: call.words("question"),
                    answer: call.words("answer"),
                    wrong: call.words("wrong"),
                    episode: call.words("episode"),
                };
                let suggest = sub == "suggest";
                daily.daily_own(shared, ctx, own, suggest, now_ms).await
            }
            _ => daily.daily_show(shared, ctx).await,
        };
        Ok(vec![one(ctx, outcome)?])
    }

    /// `/rewatch`: a channel watching a show again, step by step.
    async fn invoke_rewatch(
        &self,
        ctx: &Ctx,
        call: &Call,
        sub: &str,
        now_ms: i64,
    ) -> Result<Vec<Reply>> {
        let (trivia, shared) = (&self.trivia, &self.shared);
        let action = match sub {
            "start" => {
                let opts = RewatchOptions {
                    show: call.text("show"),
                    first: call.words("first"),
                    per: call.number("per"),
                    every: call.number("every"),
                    at: call.words("at"),
                    timezone: call.words("timezone"),
                    channel: call.channel("channel"),
                    trivia: call.flag("trivia"),
                };
                let outcome = trivia.rewatch_start(shared, ctx, opts, now_ms).await;
                return Ok(vec![one(ctx, outcome)?]);
            }
            "pause" => RewatchAction::Pause,
            "resume" => RewatchAction::Resume,
            "skip" => RewatchAction::Skip,
            "stop" => RewatchAction::Stop,
            _ => RewatchAction::Status,
        };
        let outcome = trivia.rewatch_manage(shared, ctx, action, now_ms).await;
        Ok(vec![one(ctx, outcome)?])
    }

    /// `/trivia start`'s options, as given to it or to `/trivia schedule`.
    fn start_options(call: &Call) -> StartOptions {
        StartOptions {
            show: call.text("show"),
            up_to: call.text("up_to"),
            questions: call.number("questions").map(|q| q as usize),
            seconds: call
                .number("seconds")
                .map(|s| s.min(u64::from(u32::MAX)) as u32),
            mode: call.mode(),
            language: call.choice("language").and_then(|l| Language::parse(&l)),
            spoilers: call.flag("spoilers"),
            pack: call.text("pack").filter(|p| !p.trim().is_empty()),
        }
    }

    /// `/trivia schedule add`, `list` and `cancel`: games set to start
    /// later.
    async fn invoke_planned(
        &self,
        ctx: &Ctx,
        call: &Call,
        sub: &str,
        now_ms: i64,
    ) -> Result<Vec<Reply>> {
        let (trivia, shared) = (&self.trivia, &self.shared);
        let outcome = match sub {
            "add" => {
                let opts = PlanOptions {
                    at: call.words("at"),
                    timezone: call.words("timezone"),
                    start: App::start_options(call),
                };
                trivia.plan_game(shared, ctx, opts, now_ms).await
            }
            "cancel" => {
                let id = call.number("id").unwrap_or(0) as i64;
                trivia.call_off(shared, ctx, id, now_ms).await
            }
            _ => trivia.planned_list(shared, ctx).await,
        };
        Ok(vec![one(ctx, outcome)?])
    }

    /// `/trivia start`.
    async fn invoke_start(&self, ctx: &Ctx, call: &Call, now_ms: i64) -> Result<Vec<Reply>> {
        let mode = call.mode();
        let opts = App::start_options(call);
        let mut replies = self.trivia_start(ctx, opts, now_ms).await?;
        // Where typed answers cannot be read, say how to answer instead of
        // ignoring them.
        if mode == Some(Mode::Typed)
            && !call.reads_typed_answers
            && replies.first().is_some_and(|r| !r.private)
        {
            replies[0]
                .notes
                .push(t(ctx.locale, "trivia-typed-needs-command", &[]));
        }
        Ok(replies)
    }
}
