//! `App`: the thin façade the front ends call. It holds the services
//! (`crate::services` and `crate::trivia`), passes each request to the one
//! that owns it, and turns a refusal ([`Failure::Told`]) into the member's
//! reply, cut to Discord's limits, in one place for every front end.

use std::sync::Arc;

use anyhow::Result;

use crate::cache::Lookup;
use crate::error::{Failure, Outcome};
use crate::index::{Index, Show};
use crate::quiz::game::Mode;
use crate::quiz::generate::Question;
use crate::render::finish;
use crate::reply::{Reply, Round};
use crate::services::Shared;
use crate::services::lookups::Lookups;
use crate::services::{settings, suggest};
use crate::spoiler::Gate;
use crate::store::Db;
use crate::trivia::pages::{self, BoardLine, GameLine, PlayerPage, PublicServer, Window};
use crate::trivia::{ListFile, ListImported, Period, StartOptions, Trivia};

pub use crate::request::{Choice, Ctx, HorizonScope, ProgressAction, SpoilersAction, SuggestKind};

/// The application core.
#[derive(Debug)]
pub struct App {
    pub(crate) shared: Shared,
    lookups: Lookups,
    pub(crate) trivia: Trivia,
    reloads: crate::services::reload::Reloads,
    clock: crate::clock::Clock,
}

/// The member's answer, fitted: a refusal is an answer too.
pub(crate) fn one(ctx: &Ctx, outcome: Outcome<Reply>) -> Result<Reply> {
    let reply = outcome.or_else(Failure::into_reply)?;
    Ok(finish(ctx.locale, reply))
}

/// The member's answers, fitted.
pub(crate) fn many(ctx: &Ctx, outcome: Outcome<Vec<Reply>>) -> Result<Vec<Reply>> {
    let replies = outcome.or_else(Failure::into_replies)?;
    Ok(replies.into_iter().map(|r| finish(ctx.locale, r)).collect())
}

impl App {
    /// An app over `db`, with the catalog loaded into memory.
    pub async fn new(db: Db) -> Result<App> {
        App::with_trivia(db, Trivia::random()).await
    }

    /// An app whose trivia games draw from a seeded random source, so a
    /// scripted session plays the same way every time: it is returned once
    /// the question banks are built, so that its first line finds them so.
    pub async fn with_seed(db: Db, seed: u64) -> Result<App> {
        use rand::SeedableRng;
        let app =
            App::with_trivia(db, Trivia::new(rand::rngs::StdRng::seed_from_u64(seed))).await?;
        app.banks_built().await?;
        Ok(app)
    }

    async fn with_trivia(db: Db, trivia: Trivia) -> Result<App> {
        crate::services::catalog::settle_allocator();
        let shared = Shared::open(db).await?;
        trivia.interrupt_abandoned(&shared).await?;
        trivia.read_schedule(&shared).await?;
        Ok(App {
            shared,
            lookups: Lookups::default(),
            trivia,
            reloads: Default::default(),
            clock: Default::default(),
        })
    }

    /// Brings what this process remembers up to date with the database, and
    /// returns the catalog to answer from.
    pub async fn sync(&self) -> Result<Arc<Index>> {
        self.shared.sync().await
    }

    /// The clock games and the schedule go by (the system's, unless a
    /// test holds it).
    pub fn clock(&self) -> &crate::clock::Clock {
        &self.clock
    }

    /// Now, by [`App::clock`] (ms since the epoch).
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.shared.db
    }

    /// Reads the catalog into memory again, if it changed.
    pub async fn reload(&self) -> Result<()> {
        self.shared.catalog.reload(&self.shared.db).await
    }

    /// The catalog as it is now.
    pub fn index(&self) -> Arc<Index> {
        self.shared.index()
    }

    /// The gate for a member in a channel, for one show.
    pub async fn gate(&self, ctx: &Ctx, show_id: i64) -> Result<Gate> {
        self.shared.gate(ctx, show_id).await
    }

    /// Waits until every show's question bank is built (they are built in
    /// the background from the moment the catalog is read; lookups never
    /// wait for them, a game's start only briefly).
    pub async fn banks_built(&self) -> Result<()> {
        for show in &self.index().shows {
            self.question_bank(show).await?;
        }
        Ok(())
    }

    /// Whether `show`'s question bank is built yet (its building is
    /// started if it is not).
    pub fn bank_is_built(&self, show: &Show) -> bool {
        self.shared
            .catalog
            .bank_if_built(&self.shared.db, show)
            .is_some()
    }

    /// A show's whole question bank.
    pub async fn question_bank(&self, show: &Show) -> Result<Arc<Vec<Question>>> {
        self.shared
            .catalog
            .question_bank(&self.shared.db, show)
            .await
    }

    /// `/episode`: an episode's recap(s), by code or title.
    pub async fn episode(
        &self,
        ctx: &Ctx,
        query: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Result<Reply> {
        let outcome = self.lookup(ctx, Lookup::Episode, query, show, reveal);
        one(ctx, outcome.await)
    }

    /// `/character`: who someone is and what happened to them, as far as
    /// the member may see.
    pub async fn character(
        &self,
        ctx: &Ctx,
        name: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Result<Reply> {
        let outcome = self.lookup(ctx, Lookup::Character, name, show, reveal);
        one(ctx, outcome.await)
    }

    /// `/search`: search over the facts the member may see.
    pub async fn search(
        &self,
        ctx: &Ctx,
        query: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Result<Reply> {
        let outcome = self.lookup(ctx, Lookup::Search, query, show, reveal);
        one(ctx, outcome.await)
    }

    async fn lookup(
        &self,
        ctx: &Ctx,
        lookup: Lookup,
        input: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Outcome<Reply> {
        let shared = &self.shared;
        let outcome = self
            .lookups
            .answer(shared, ctx, lookup, input, show, reveal);
        outcome.await
    }

    /// `/about`: what is loaded, as far as the member may see.
    pub async fn about(&self, ctx: &Ctx) -> Result<Reply> {
        one(ctx, self.lookups.about(&self.shared, ctx).await)
    }

    /// Forgets every remembered lookup reply (benchmarks measure the work
    /// of making one).
    pub fn forget_replies(&self) {
        self.lookups.forget_replies();
    }

    /// Lookups answered from remembered replies and made anew, since the
    /// start (benchmarks report the hit rate).
    pub fn lookup_counts(&self) -> (u64, u64) {
        self.lookups.counts()
    }

    /// `/progress`: how far the member has watched a show.
    pub async fn progress(
        &self,
        ctx: &Ctx,
        action: ProgressAction,
        show: Option<&str>,
    ) -> Result<Reply> {
        one(
            ctx,
            settings::progress(&self.shared, ctx, action, show).await,
        )
    }

    /// `/spoilers`: what a channel (or the server by default) may discuss.
    pub async fn spoilers(
        &self,
        ctx: &Ctx,
        action: SpoilersAction,
        scope: HorizonScope,
        show: Option<&str>,
    ) -> Result<Reply> {
        one(
            ctx,
            settings::spoilers(&self.shared, ctx, action, scope, show).await,
        )
    }

    /// Autocomplete candidates, gated like replies.
    pub async fn suggest(
        &self,
        ctx: &Ctx,
        kind: SuggestKind,
        partial: &str,
        show: Option<&str>,
    ) -> Result<Vec<Choice>> {
        suggest::suggest(&self.shared, ctx, kind, partial, show).await
    }

    /// `/trivia start`: a game in this channel.
    pub async fn trivia_start(
        &self,
        ctx: &Ctx,
        opts: StartOptions,
        now_ms: i64,
    ) -> Result<Vec<Reply>> {
        many(
            ctx,
            self.trivia.start(&self.shared, ctx, opts, now_ms).await,
        )
    }

    /// `/trivia answer`: a letter in choices mode, any text in typed mode.
    pub async fn trivia_answer(&self, ctx: &Ctx, text: &str, now_ms: i64) -> Result<Vec<Reply>> {
        many(
            ctx,
            self.trivia.answer(&self.shared, ctx, text, now_ms).await,
        )
    }

    /// An answer button.
    pub async fn trivia_click(
        &self,
        ctx: &Ctx,
        round: Round,
        choice: usize,
        now_ms: i64,
    ) -> Result<Vec<Reply>> {
        let outcome = self.trivia.click(&self.shared, ctx, round, choice, now_ms);
        many(ctx, outcome.await)
    }

    /// How the game in a channel takes answers, if one runs there.
    pub async fn trivia_mode(&self, channel: u64) -> Option<Mode> {
        self.trivia.mode(channel).await
    }

    /// `/trivia hint`.
    pub async fn trivia_hint(&self, ctx: &Ctx, now_ms: i64) -> Result<Vec<Reply>> {
        many(ctx, self.trivia.hint(&self.shared, ctx, now_ms).await)
    }

    /// `/trivia skip`.
    pub async fn trivia_skip(
        &self,
        ctx: &Ctx,
        may_manage: bool,
        now_ms: i64,
    ) -> Result<Vec<Reply>> {
        let outcome = self.trivia.skip(&self.shared, ctx, may_manage, now_ms);
        many(ctx, outcome.await)
    }

    /// `/trivia stop`.
    pub async fn trivia_stop(
        &self,
        ctx: &Ctx,
        may_manage: bool,
        now_ms: i64,
    ) -> Result<Vec<Reply>> {
        let outcome = self.trivia.stop(&self.shared, ctx, may_manage, now_ms);
        many(ctx, outcome.await)
    }

    /// Stores how a member is called in a server (and the server's name),
    /// and the channel they used the bot in (with its name, when known),
    /// for its web pages and desk; the front ends say so as members use
    /// the bot.
    pub async fn note_player(
        &self,
        (guild, server_name): (u64, Option<&str>),
        channel: Option<(u64, Option<&str>)>,
        (user, name): (u64, &str),
    ) -> Result<()> {
        let now = self.now_ms();
        self.trivia
            .note(
                &self.shared,
                (guild, server_name),
                channel,
                (user, name),
                now,
            )
            .await
    }

    /// The channels of `guild` the bot saw used: id and name when known.
    pub async fn server_channels(&self, guild: u64) -> Result<Vec<(u64, Option<String>)>> {
        Ok(crate::store::web::channels(&self.shared.db, guild)
            .await?
            .into_iter()
            .map(|(id, name)| (id as u64, name))
            .collect())
    }

    /// The channels of `guild` with a rewatch running or paused.
    pub async fn rewatch_channels(&self, guild: u64) -> Result<Vec<u64>> {
        let mut channels: Vec<u64> = crate::store::rewatch::in_guild(&self.shared.db, guild)
            .await?
            .into_iter()
            .map(|r| r.channel as u64)
            .collect();
        channels.dedup();
        Ok(channels)
    }

    /// A member left a server: its pages show them as departed.
    pub async fn player_left(&self, guild: u64, user: u64) -> Result<()> {
        let now = self.now_ms();
        self.trivia.departed(&self.shared, guild, user, now).await
    }

    /// What a remembered page of `guild` depends on: it changes whenever a
    /// game there ends, a player, a setting or a season changes, or the
    /// catalog is reloaded (by any process).
    pub async fn page_version(&self, guild: u64) -> Result<(crate::store::web::Version, i64)> {
        self.shared.sync().await?;
        let catalog = self.shared.catalog.version();
        Ok((
            crate::store::web::version(&self.shared.db, guild).await?,
            catalog,
        ))
    }

    /// Whether the bot has seen `guild` (a member used it there, or its
    /// pages were set).
    pub async fn server_seen(&self, guild: u64) -> Result<bool> {
        Ok(crate::store::web::server(&self.shared.db, guild)
            .await?
            .is_some())
    }

    /// `guild` as its public pages show it, or `None` when they are off.
    pub async fn public_server(&self, guild: u64) -> Result<Option<PublicServer>> {
        pages::public_server(&self.shared, guild).await
    }

    /// A public board of `server` over `window`, for one show or all;
    /// `None` for a season or show it does not have.
    pub async fn public_board(
        &self,
        server: &PublicServer,
        window: &Window,
        show: Option<i64>,
        now_ms: i64,
    ) -> Result<Option<Vec<BoardLine>>> {
        pages::public_board(&self.shared, server, (window, show), now_ms).await
    }

    /// The card of a public board of `server` as a PNG; `None` for a
    /// season or show it does not have.
    pub async fn public_card(
        &self,
        server: &PublicServer,
        (window, show): (&Window, Option<i64>),
        l: crate::i18n::Locale,
    ) -> Result<Option<crate::reply::Picture>> {
        let now = self.now_ms();
        pages::public_card(&self.shared, server, (window, show), (l, now)).await
    }

    /// `server`'s latest ended games, newest first.
    pub async fn public_games(&self, server: &PublicServer, limit: i64) -> Result<Vec<GameLine>> {
        pages::public_games(&self.shared, server, limit).await
    }

    /// A member's public page, or `None` when they hid or never played.
    pub async fn public_player(
        &self,
        server: &PublicServer,
        user: u64,
    ) -> Result<Option<PlayerPage>> {
        pages::public_player(&self.shared, server, user).await
    }

    /// `/trivia stats`: the member's own figures (private).
    pub async fn trivia_stats(&self, ctx: &Ctx, show: Option<&str>) -> Result<Reply> {
        one(ctx, self.trivia.stats(&self.shared, ctx, show).await)
    }

    /// `/trivia leaderboard`.
    pub async fn trivia_leaderboard(
        &self,
        ctx: &Ctx,
        show: Option<&str>,
        last_30_days: bool,
        now_ms: i64,
    ) -> Result<Reply> {
        let period = if last_30_days {
            Period::Recent
        } else {
            Period::All
        };
        let outcome = self
            .trivia
            .leaderboard(&self.shared, ctx, show, (period, false), now_ms);
        one(ctx, outcome.await)
    }

    /// `/trivia report` and the reveal's Report button: the question of
    /// `round` (the last revealed in the channel without one) goes on the
    /// server's review list (private).
    pub async fn trivia_report(
        &self,
        ctx: &Ctx,
        round: Option<Round>,
        now_ms: i64,
    ) -> Result<Reply> {
        let outcome = crate::trivia::review::report(&self.shared, ctx, round, now_ms);
        one(ctx, outcome.await)
    }

    /// `/trivia review`: the server's review list, after the verdict `act`
    /// if one is given (private; members who may manage the server).
    pub async fn trivia_review(
        &self,
        ctx: &Ctx,
        act: Option<(String, crate::store::reviews::Verdict)>,
        now_ms: i64,
    ) -> Result<Reply> {
        let outcome = crate::trivia::review::review(&self.shared, ctx, act, now_ms);
        one(ctx, outcome.await)
    }

    /// The games of this process.
    pub fn trivia(&self) -> &Trivia {
        &self.trivia
    }

    /// The seeds folder the catalog is imported from, for reloads.
    pub fn set_seeds(&self, dir: &std::path::Path) {
        self.reloads.set_seeds(dir);
    }

    /// Records an import made before the app existed (at start-up).
    pub async fn record_import(&self, last: crate::services::reload::LastImport) {
        self.reloads.record(last).await;
    }

    /// Imports the seeds again (the files changed): the catalog in use
    /// changes only if they load.
    pub async fn reload_catalog(
        &self,
        trigger: crate::services::reload::Trigger,
        now_ms: i64,
    ) -> crate::services::reload::LastImport {
        self.reloads.reload(&self.shared, trigger, now_ms).await
    }

    /// `/catalog status`, or with `reload` `/catalog reload`: for the bot's
    /// owners (`owner`), private.
    pub async fn catalog(
        &self,
        ctx: &Ctx,
        owner: bool,
        reload: bool,
        now_ms: i64,
    ) -> Result<Reply> {
        let outcome = crate::services::reload::catalog(
            &self.shared,
            &self.reloads,
            ctx,
            owner,
            reload,
            now_ms,
        );
        one(ctx, outcome.await)
    }

    /// What an owner is told in a direct message when the seed files
    /// changed but do not load: the problems as far as they have watched.
    pub async fn catalog_alert(
        &self,
        owner: u64,
        last: &crate::services::reload::LastImport,
    ) -> Result<String> {
        let ctx = Ctx {
            user: owner,
            channel: owner,
            guild: None,
            locale: crate::i18n::Locale::En,
            can_manage_channel: true,
            can_manage_guild: true,
            thread_of: None,
        };
        let mut lines = vec![crate::i18n::t(ctx.locale, "catalog-owner-alert", &[])];
        lines.extend(crate::services::reload::describe(&self.shared, &ctx, last).await?);
        Ok(lines.join("\n"))
    }

    /// Rounds whose time is up, in every channel: what each channel is told.
    pub async fn trivia_tick(&self, now_ms: i64) -> Result<Vec<(u64, Vec<Reply>)>> {
        self.trivia.tick(&self.shared, now_ms).await
    }

    /// These trivia posts went out to their channels (or were shown): they
    /// leave the outbox, and are not posted again.
    pub async fn trivia_posted(&self, posts: &[i64]) -> Result<()> {
        self.trivia.posted(&self.shared, posts).await
    }

    /// This process posts to channels: from now on it also posts what
    /// stopped processes left unposted, starting with what waits now.
    pub async fn trivia_take_over_posts(&self) {
        self.trivia.take_over_posts(&self.shared).await
    }

    /// The trivia posts this process still owes `channel`, in order.
    pub async fn trivia_unposted(&self, channel: u64) -> Result<Vec<Reply>> {
        self.trivia.unposted(&self.shared, channel).await
    }

    /// Renews the leases of this process's games.
    pub async fn keep_leases(&self) {
        self.trivia.keep_leases(&self.shared).await
    }

    /// A channel that can no longer be posted to: its game ends as stopped.
    pub async fn trivia_abandon(&self, channel: u64, now_ms: i64) -> Result<bool> {
        self.trivia.abandon(&self.shared, channel, now_ms).await
    }

    /// Ends every game (shutting down), points kept.
    pub async fn trivia_shutdown(&self, now_ms: i64) -> Result<Vec<(u64, Reply)>> {
        self.trivia.shutdown(&self.shared, now_ms).await
    }

    /// The front end made Discord scheduled event `event` for scheduled
    /// game `plan` (a reply's `EventChange::Make`).
    pub async fn trivia_event_made(&self, plan: i64, event: u64) -> Result<()> {
        self.trivia
            .planned_event_made(&self.shared, plan, event)
            .await
    }

    /// When the schedule's next action is due (a question of the day), as
    /// the database has it now.
    pub async fn next_scheduled(&self) -> Result<Option<i64>> {
        self.trivia.read_schedule(&self.shared).await
    }

    /// The earliest deadline among running games and the schedule, by
    /// [`App::clock`].
    pub async fn trivia_next_deadline(&self) -> Option<i64> {
        self.trivia.next_deadline().await
    }

    /// Imports a trivia list into a show's question bank: what was
    /// imported, or why nothing was (for the command line to print).
    pub async fn import_trivia_list(&self, list: ListFile<'_>) -> Outcome<ListImported> {
        self.trivia.import_list(&self.shared, list).await
    }
}
