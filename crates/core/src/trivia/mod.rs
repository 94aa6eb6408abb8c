//! The trivia driver: one game per channel over the pure engine
//! ([`crate::quiz::game`]), every step written to the database as it
//! happens, every event turned into a reply. Time comes from the caller
//! (milliseconds since the epoch), so the bot passes the clock and the
//! console its own.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use anyhow::Result;
use rand::SeedableRng;
use rand::rngs::StdRng;

mod announce;
mod daily;
mod list;
mod packs;
pub mod pages;
mod planned;
mod replies;
pub mod review;
mod rewatch;
mod standings;
pub use standings::{Period, SeasonAction};

use crate::error::{Outcome, refuse};
use crate::i18n::{Locale, m, n, s, t};
use crate::index::Show;
use crate::model::{EpisodeKey, Language};
use crate::quiz::game::{Event, Game, GameSettings, Mode};
use crate::quiz::generate::{Question, fit_to_gate};
use crate::render::finish;
use crate::reply::{Reply, Round};
use crate::request::Ctx;
use crate::services::Shared;
use crate::services::catalog::{episode_input, resolve_show};
use crate::spoiler::Gate;
use crate::store::games::{self, NewGame};
use crate::store::outbox;
pub use announce::AnnounceOptions;
pub use daily::{DailyOptions, OwnQuestion};
pub use list::{ListFile, ListImported};
pub use packs::{PackOptions, UPLOAD_MAX, Upload};
pub use planned::PlanOptions;
pub use replies::player;
use replies::{private, render};
pub use rewatch::{RewatchAction, RewatchOptions};

/// Options of `/trivia start`, all optional (kept with a game set to
/// start later).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StartOptions {
    /// The show (slug or title).
    pub show: Option<String>,
    /// The last episode in scope (code or title); default and maximum: the
    /// channel's horizon.
    pub up_to: Option<String>,
    /// Questions (1 to 50; default 10).
    pub questions: Option<usize>,
    /// Seconds per question (5 to 120; default 20).
    pub seconds: Option<u32>,
    /// `choices` (default) or `typed`.
    pub mode: Option<Mode>,
    /// Only questions in this language (default: all).
    pub language: Option<Language>,
    /// Allow a scope past the channel's horizon (wrapped in spoiler tags).
    pub spoilers: bool,
    /// Only the questions of this pack of the server's own.
    #[serde(default)]
    pub pack: Option<String>,
}

/// A running game.
#[derive(Debug)]
struct Running {
    id: i64,
    game: Game,
    /// The starter, where they started it: the game's gate is theirs in
    /// this channel, read anew before every post, so text is plain only
    /// within both the channel's current horizon and the starter's
    /// progress.
    starter: Ctx,
    /// The show's row.
    show_id: i64,
    locale: Locale,
    /// After a failed write, no second try before this moment (ms).
    retry_at: i64,
    /// Ended from outside (its channel was lost, the bot is stopping).
    ended: bool,
}

impl Running {
    /// The next moment the game needs a tick.
    fn due(&self) -> i64 {
        match self.game.deadline_ms() {
            Some(d) if !self.ended => (d as i64).max(self.retry_at),
            _ => i64::MAX,
        }
    }

    fn is_over(&self) -> bool {
        self.ended || self.game.is_over()
    }
}

/// One channel's game: its state behind its own lock, and what the clock
/// and the message handler need without taking it.
#[derive(Debug)]
struct Slot {
    /// The game's row.
    id: i64,
    game: tokio::sync::Mutex<Running>,
    /// [`Running::due`] as of its last step.
    due: AtomicI64,
    /// How answers are given.
    mode: Mode,
    /// The starter where they started it, and the show: what the game's
    /// gate is read from, before its lock is taken.
    starter: Ctx,
    show_id: i64,
}

/// The games of every channel, and the random source they draw from. The
/// map is locked only to find, insert or remove a game; each game has its
/// own lock, so one slow game holds up no other channel.
#[derive(Debug)]
pub struct Trivia {
    running: std::sync::Mutex<HashMap<u64, Arc<Slot>>>,
    rng: std::sync::Mutex<StdRng>,
    /// This process, as the owner of the games it runs.
    owner: i64,
    /// When this process last renewed its games' leases (real ms).
    renewed: AtomicI64,
    /// How long a lease of this process's games lasts (ms).
    lease_ms: AtomicI64,
    /// What the channels of games cut off by a stopped process are to be
    /// told, at the next tick.
    notices: std::sync::Mutex<Vec<(u64, Reply)>>,
    /// Whether this process posts what stopped processes left unposted.
    takes_over_posts: std::sync::atomic::AtomicBool,
    /// When the schedule's next action is due, as last read (`i64::MAX`:
    /// nothing is on it).
    scheduled: AtomicI64,
    /// When the schedule was last read (real ms).
    schedule_read: AtomicI64,
    /// How long a game's start waits for its show's question bank while
    /// it is being built (ms) before saying so.
    bank_wait_ms: AtomicI64,
    /// Members' and servers' names this process stored for the web pages.
    noted: std::sync::Mutex<pages::Noted>,
    /// Where the web pages are served (no trailing slash), if they are.
    web_url: std::sync::Mutex<Option<String>>,
}

/// How long a game's start waits for a question bank being built, unless
/// set otherwise: well inside Discord's 3 seconds, and long enough for the
/// bank of a show of some ten thousand facts.
const BANK_WAIT_MS: i64 = 2_000;

/// What a game stopped from outside (a lost channel, a shutdown, a start
/// that lost a race) writes.
const STOPPED: games::Write = games::Write::Ended {
    status: "stopped",
    winner: None,
};

/// How often a step is rendered and stored again when progress or
/// horizons changed under it, before it counts as failed.
const STALE_TRIES: usize = 4;

/// What became of a game step.
enum Step {
    /// Nothing was stored: the game stays as it was.
    Unstored(anyhow::Error),
    /// Stored (the game moves on), with its replies, or what went wrong
    /// making them after the commit.
    Stored(Result<Vec<Reply>>),
}

/// A pause before a failed write of a game is tried again (ms).
const RETRY_MS: i64 = 1_000;

use crate::clock::system_now_ms as real_now_ms;

impl Trivia {
    /// Games drawing from `rng`.
    pub fn new(rng: StdRng) -> Trivia {
        // Random: processes in containers on many machines share process
        // ids, and may start in the same millisecond.
        let owner = rand::random::<i64>() & i64::MAX;
        Trivia {
            running: std::sync::Mutex::new(HashMap::new()),
            rng: std::sync::Mutex::new(rng),
            owner,
            renewed: AtomicI64::new(real_now_ms()),
            lease_ms: AtomicI64::new(games::DEFAULT_LEASE_MS),
            notices: Default::default(),
            takes_over_posts: Default::default(),
            scheduled: AtomicI64::new(i64::MAX),
            schedule_read: AtomicI64::new(0),
            bank_wait_ms: AtomicI64::new(BANK_WAIT_MS),
            noted: std::sync::Mutex::new(pages::Noted::new()),
            web_url: Default::default(),
        }
    }

    /// Sets how long the leases of this process's games last: a process
    /// that dies has its games found by another within this and a third
    /// of it.
    pub fn set_lease(&self, lease: std::time::Duration) {
        let ms = i64::try_from(lease.as_millis())
            .unwrap_or(i64::MAX)
            .max(300);
        self.lease_ms.store(ms, Ordering::SeqCst);
    }

    /// Sets where the server's web pages are served (`https://host`), for
    /// `/web` to say; `None` when they are not.
    pub fn set_web_url(&self, url: Option<&str>) {
        *self.web_url.lock().expect("web url") = url.map(|u| u.trim_end_matches('/').to_string());
    }

    fn web_url(&self) -> Option<String> {
        self.web_url.lock().expect("web url").clone()
    }

    /// Sets how long a game's start waits for a question bank still being
    /// built (at start or after a reload) before telling the member so.
    pub fn set_bank_wait(&self, wait: std::time::Duration) {
        let ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
        self.bank_wait_ms.store(ms, Ordering::SeqCst);
    }

    fn lease_ms(&self) -> i64 {
        self.lease_ms.load(Ordering::SeqCst)
    }

    /// How often this process renews its games' leases, and how long a
    /// clock with no game due waits before it looks again (real ms): the
    /// games other processes left behind are found, and their channels
    /// told, within this and a lease.
    pub fn renew_ms(&self) -> i64 {
        self.lease_ms() / 3
    }

    /// Games drawing from the system's randomness.
    pub(crate) fn random() -> Trivia {
        Trivia::new(StdRng::from_os_rng())
    }

    /// Games whose process stopped renewing their lease (a restart, a
    /// crash): interrupted, their points kept. Live games of another
    /// process are left alone.
    pub(crate) async fn interrupt_abandoned(&self, shared: &Shared) -> Result<()> {
        let interrupted = games::interrupt_abandoned(&shared.db, real_now_ms()).await?;
        if !interrupted.is_empty() {
            tracing::info!(
                interrupted = interrupted.len(),
                "trivia games cut off by a restart were marked interrupted"
            );
        }
        self.recover(shared, interrupted).await;
        Ok(())
    }

    /// Takes over what stopped processes left unposted (posts whose lease
    /// ran out, and every post of the games just found abandoned), to be
    /// posted at the next tick, before anything else this process has to
    /// tell those channels; then each interrupted game's channel is told,
    /// with the points that stand. Only a process that posts to channels
    /// ([`Trivia::take_over_posts`]) takes posts over.
    async fn recover(&self, shared: &Shared, interrupted: Vec<(i64, u64, Option<String>)>) {
        if self.takes_over_posts.load(Ordering::SeqCst) {
            let games: Vec<i64> = interrupted.iter().map(|(game, ..)| *game).collect();
            let claimed = outbox::claim(&shared.db, self.owner, self.lease_ms(), &games)
                .await
                .unwrap_or_else(|e| {
                    tracing::warn!(
                        error = format!("{e:#}"),
                        "could not take over the posts of stopped processes"
                    );
                    Vec::new()
                });
            if !claimed.is_empty() {
                tracing::info!(
                    posts = claimed.len(),
                    "posts a stopped process left unposted are posted now"
                );
                let mut notices = self.notices.lock().unwrap_or_else(|e| e.into_inner());
                let later = std::mem::take(&mut *notices);
                notices.extend(claimed.into_iter().map(|post| {
                    let mut reply = post.reply;
                    reply.post = Some(post.id);
                    (post.channel, reply)
                }));
                notices.extend(later);
            }
        }
        self.tell_interrupted(shared, interrupted).await;
    }

    /// From now on this process posts what stopped processes left
    /// unposted: a front end that posts to channels says so once, at
    /// start. What is waiting is taken over at once.
    pub async fn take_over_posts(&self, shared: &Shared) {
        self.takes_over_posts.store(true, Ordering::SeqCst);
        self.recover(shared, Vec::new()).await;
    }

    /// Each interrupted game's channel is told, with the points that
    /// stand; the buttons of its last question are closed.
    async fn tell_interrupted(&self, shared: &Shared, games: Vec<(i64, u64, Option<String>)>) {
        for (game, channel, language) in games {
            let locale = Locale::from_tag(language.as_deref().unwrap_or("en"));
            let read = async {
                let points = games::game_points(&shared.db, game).await?;
                let last = games::last_asked(&shared.db, game).await?;
                Ok::<_, anyhow::Error>((points, last))
            };
            let (points, last) = match read.await {
                Ok(read) => read,
                Err(e) => {
                    tracing::warn!(
                        game,
                        error = format!("{e:#}"),
                        "the points of an interrupted game could not be read"
                    );
                    continue;
                }
            };
            let mut notice = replies::interrupted(locale, points);
            notice.closes = last.map(|number| Round { game, number });
            self.notices
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((channel, notice));
        }
    }

    /// These posts went out: they leave the outbox.
    pub async fn posted(&self, shared: &Shared, posts: &[i64]) -> Result<()> {
        outbox::done(&shared.db, posts).await
    }

    /// What this process still has to post to `channel`, in order: posts
    /// whose first try failed.
    pub async fn unposted(&self, shared: &Shared, channel: u64) -> Result<Vec<Reply>> {
        Ok(outbox::pending(&shared.db, self.owner, channel)
            .await?
            .into_iter()
            .map(|post| {
                let mut reply = post.reply;
                reply.post = Some(post.id);
                reply
            })
            .collect())
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Slot>>> {
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every running game, by channel (the map is not held while they are
    /// worked on).
    fn all(&self) -> Vec<(u64, Arc<Slot>)> {
        self.map().iter().map(|(c, s)| (*c, s.clone())).collect()
    }

    fn slot(&self, channel: u64) -> Option<Arc<Slot>> {
        self.map().get(&channel).cloned()
    }

    /// After a step: the clock learns the game's next deadline, and a game
    /// that is over leaves the map.
    fn stepped(&self, channel: u64, slot: &Arc<Slot>, state: &Running) {
        slot.due.store(state.due(), Ordering::SeqCst);
        if state.is_over() {
            let mut map = self.map();
            if map.get(&channel).is_some_and(|s| Arc::ptr_eq(s, slot)) {
                map.remove(&channel);
            }
        }
    }
}

impl Trivia {
    /// `/trivia start`: a game in this channel, its scope gated by the
    /// channel's spoiler horizon.
    pub async fn start(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        opts: StartOptions,
        now_ms: i64,
    ) -> Outcome<Vec<Reply>> {
        let l = ctx.locale;
        let settings = settings_of(l, &opts)?;
        if self.slot(ctx.channel).is_some() {
            return refuse(private(t(l, "trivia-already-running", &[])));
        }
        let index = shared.sync().await?;
        let show: &Show = resolve_show(&index, l, opts.show.as_deref())?;
        // One gate for the game: the channel's horizon and the starter's
        // progress; plain only within both.
        let gate = shared.gate(ctx, show.id).await?;
        let up_to = scope_of(l, show, &gate, &opts)?;
        let (game, events) = self
            .draw_game(shared, ctx, (show, up_to), &opts, settings, now_ms)
            .await?;
        let started = Reply::line(t(
            l,
            "trivia-started",
            &[
                n("count", game.settings.questions),
                s("show", &show.title),
                // Said in the channel: wrapped past what it may discuss.
                m("episode", gate.code(up_to, true).unwrap_or_default()),
                n("seconds", game.settings.seconds as usize),
            ],
        ));
        let asked = self
            .open(shared, ctx, (show.id, up_to, &opts), (game, events), now_ms)
            .await?;
        Ok(std::iter::once(started).chain(asked).collect())
    }

    /// A new game's questions, drawn from the show's bank within its scope
    /// and language, leaving out what the server retired and what this
    /// channel was asked lately; refused when too few remain.
    async fn draw_game(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        (show, up_to): (&Show, EpisodeKey),
        opts: &StartOptions,
        settings: GameSettings,
        now_ms: i64,
    ) -> Outcome<(Game, Vec<Event>)> {
        let l = ctx.locale;
        // The server's own packs about the show join the bank; a pack
        // asked for by name is played alone.
        let own = match ctx.guild {
            Some(guild) => packs::pack_questions(shared, guild, show, opts.pack.as_deref()).await?,
            None => Vec::new(),
        };
        if let Some(pack) = &opts.pack
            && own.is_empty()
        {
            return refuse(private(t(
                l,
                "pack-unknown-for-show",
                &[s("pack", pack.trim()), s("show", &show.title)],
            )));
        }
        // The show's bank, unless one pack is played alone: waited for a
        // moment while it is still being built, then the member is told.
        let bank = match opts.pack {
            Some(_) => None,
            None => {
                let wait = std::time::Duration::from_millis(
                    self.bank_wait_ms.load(Ordering::SeqCst) as u64,
                );
                let within = shared.catalog.question_bank_within(&shared.db, show, wait);
                let Some(bank) = within.await else {
                    return refuse(private(t(
                        l,
                        "trivia-bank-building",
                        &[s("show", &show.title)],
                    )));
                };
                Some(bank)
            }
        };
        let pool: std::borrow::Cow<[Question]> = match &bank {
            None => own.into(),
            Some(bank) if own.is_empty() => bank.as_slice().into(),
            Some(bank) => bank.iter().cloned().chain(own).collect::<Vec<_>>().into(),
        };
        let recent = games::recent_questions(&shared.db, ctx.channel, 200).await?;
        // Retired by the server's moderators: never asked there again.
        let retired = crate::store::reviews::retired(
            &shared.db,
            crate::store::reviews::scope_of(ctx.guild, ctx.channel),
        )
        .await?;
        let last = show.episodes.last().map(|e| e.key);
        let in_scope = |q: &Question| {
            let within = match q.episode {
                Some(e) => e <= up_to,
                None => last.is_some_and(|last| up_to >= last),
            };
            within
                && opts.language.is_none_or(|lang| q.language == lang)
                && !retired.contains(&q.key)
        };
        // A pack of questions written without wrong answers (a Red list)
        // is played typed unless the member chose otherwise.
        let settings = if opts.mode.is_none()
            && opts.pack.is_some()
            && !pool.iter().any(|q| q.choices.len() >= 2 && in_scope(q))
        {
            GameSettings {
                mode: Mode::Typed,
                ..settings
            }
        } else {
            settings
        };
        let fit = |q: &Question, rng: &mut StdRng| fit_to_gate(show, up_to, q, rng);
        // A pack played with buttons that has only typed questions in scope
        // says so, rather than that nothing fits.
        let typed_only = settings.mode == Mode::Choices
            && opts.pack.is_some()
            && pool.iter().any(&in_scope)
            && !pool.iter().any(|q| q.choices.len() >= 2 && in_scope(q));
        match self.draw(ctx.user, settings, &pool, in_scope, fit, &recent, now_ms) {
            Some(drawn) => Ok(drawn),
            None if typed_only => refuse(private(t(
                l,
                "pack-typed-only",
                &[s("pack", opts.pack.as_deref().unwrap_or_default().trim())],
            ))),
            None => {
                let language = opts
                    .language
                    .map(|lang| format!(" ({})", t(l, &format!("language-{}", lang.code()), &[])))
                    .unwrap_or_default();
                refuse(private(t(
                    l,
                    "trivia-no-questions",
                    &[
                        s("show", &show.title),
                        s("episode", up_to.to_string()),
                        m("language", language),
                    ],
                )))
            }
        }
    }

    /// Opens a drawn game in the member's channel: its row, then its first
    /// question stored (waiting to be posted) before anyone sees it, then
    /// its place among the running games. A game whose question could not
    /// be stored ends at once; one that lost a race for the channel to
    /// another start ends, and its question is never posted.
    async fn open(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        (show_id, up_to, opts): (i64, EpisodeKey, &StartOptions),
        (game, events): (Game, Vec<Event>),
        now_ms: i64,
    ) -> Outcome<Vec<Reply>> {
        let l = ctx.locale;
        let new_game = NewGame {
            guild: ctx.guild,
            channel: ctx.channel,
            show_id,
            starter: ctx.user,
            mode: match game.settings.mode {
                Mode::Choices => "choices",
                Mode::Typed => "typed",
            },
            questions: game.settings.questions,
            seconds: game.settings.seconds,
            up_to: up_to.order(),
            spoilers: opts.spoilers,
            language: opts.language.map(Language::code),
            started_at: now_ms,
        };
        let Some(id) = games::create(&shared.db, &new_game, self.owner, self.lease_ms()).await?
        else {
            // A game runs here already, started by another process.
            return refuse(private(t(l, "trivia-already-running", &[])));
        };
        let state = Running {
            id,
            game,
            starter: ctx.clone(),
            show_id,
            locale: l,
            retry_at: 0,
            ended: false,
        };
        let writes = writes_of(&events, 0, None);
        let step = self
            .store_step(
                shared,
                (id, ctx.channel, l),
                (ctx, show_id),
                &writes,
                now_ms,
                |gate| render(&state, gate, (ctx.user, ctx.locale), events.clone(), now_ms),
            )
            .await;
        let asked = match step {
            Step::Unstored(e) => {
                if let Err(e) = games::apply(&shared.db, id, &[STOPPED], now_ms).await {
                    tracing::warn!(
                        game = id,
                        error = format!("{e:#}"),
                        "a game that could not start stays running until its lease ends"
                    );
                }
                return Err(e.into());
            }
            Step::Stored(asked) => asked?,
        };
        if !self.register(ctx.channel, state) {
            // Another start in this channel got there first.
            games::apply(&shared.db, id, &[STOPPED], now_ms).await?;
            let unposted: Vec<i64> = asked.iter().filter_map(|r| r.post).collect();
            crate::store::outbox::done(&shared.db, &unposted).await?;
            return refuse(private(t(l, "trivia-already-running", &[])));
        }
        Ok(asked)
    }

    /// A game's questions, drawn from `bank` within its scope, avoiding
    /// what the channel was asked lately; `None` when too few remain.
    #[allow(clippy::too_many_arguments)]
    fn draw(
        &self,
        starter: u64,
        settings: GameSettings,
        bank: &[Question],
        in_scope: impl Fn(&Question) -> bool,
        fit: impl Fn(&Question, &mut StdRng) -> Option<Question>,
        recent: &std::collections::HashSet<String>,
        now_ms: i64,
    ) -> Option<(Game, Vec<Event>)> {
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        Game::start_within(
            starter,
            settings,
            bank,
            in_scope,
            fit,
            recent,
            now_ms as u64,
            &mut *rng,
        )
    }

    /// Puts a started game in its channel's place, unless another got there
    /// first.
    fn register(&self, channel: u64, state: Running) -> bool {
        let slot = Arc::new(Slot {
            id: state.id,
            due: AtomicI64::new(state.due()),
            mode: state.game.settings.mode,
            starter: state.starter.clone(),
            show_id: state.show_id,
            game: tokio::sync::Mutex::new(state),
        });
        let mut map = self.map();
        if map.contains_key(&channel) {
            return false;
        }
        map.insert(channel, slot);
        true
    }

    /// `/trivia answer`: a letter in choices mode, any text in typed mode.
    pub async fn answer(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        text: &str,
        now_ms: i64,
    ) -> Outcome<Vec<Reply>> {
        self.act(
            shared,
            ctx,
            now_ms,
            |game, rng| game.answer(ctx.user, text, now_ms as u64, rng),
            Some(text),
            None,
        )
        .await
    }

    /// A click on an answer button: `choice` counts from 0 (A). A button of
    /// a round that is over, or of another game, gets a private "this round
    /// is over".
    pub(crate) async fn click(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        round: Round,
        choice: usize,
        now_ms: i64,
    ) -> Outcome<Vec<Reply>> {
        if round.is_daily() {
            let taken = self.daily_click(shared, ctx, round.game, choice, now_ms);
            return Ok(vec![taken.await?]);
        }
        let letter = u8::try_from(choice)
            .ok()
            .filter(|c| *c < 26)
            .map_or_else(|| "?".to_string(), |c| char::from(b'A' + c).to_string());
        self.act(
            shared,
            ctx,
            now_ms,
            |game, rng| game.answer(ctx.user, &letter, now_ms as u64, rng),
            Some(&letter),
            Some(round),
        )
        .await
    }

    /// How answers are given in the channel's running game, if any.
    pub(crate) async fn mode(&self, channel: u64) -> Option<Mode> {
        self.slot(channel).map(|slot| slot.mode)
    }

    /// `/trivia hint`.
    pub async fn hint(&self, shared: &Shared, ctx: &Ctx, now_ms: i64) -> Outcome<Vec<Reply>> {
        self.act(
            shared,
            ctx,
            now_ms,
            |game, rng| game.hint(ctx.user, now_ms as u64, rng),
            None,
            None,
        )
        .await
    }

    /// `/trivia skip`: the starter, or members who may manage messages.
    pub async fn skip(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        may_manage: bool,
        now_ms: i64,
    ) -> Outcome<Vec<Reply>> {
        self.act(
            shared,
            ctx,
            now_ms,
            |game, rng| game.skip(ctx.user, may_manage, now_ms as u64, rng),
            None,
            None,
        )
        .await
    }

    /// `/trivia stop`: the starter, or members who may manage messages.
    pub async fn stop(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        may_manage: bool,
        now_ms: i64,
    ) -> Outcome<Vec<Reply>> {
        self.act(
            shared,
            ctx,
            now_ms,
            |game, _| game.stop(ctx.user, may_manage),
            None,
            None,
        )
        .await
    }

    async fn act(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        now_ms: i64,
        act: impl FnOnce(&mut Game, &mut StdRng) -> Vec<Event>,
        answer: Option<&str>,
        expected: Option<Round>,
    ) -> Outcome<Vec<Reply>> {
        let l = ctx.locale;
        let Some(slot) = self.slot(ctx.channel) else {
            return refuse(private(t(
                l,
                if expected.is_some() {
                    "trivia-round-over"
                } else {
                    "trivia-no-game"
                },
                &[],
            )));
        };
        let mut state = slot.game.lock().await;
        if let Some(round) = expected {
            // A button of a finished round, or of an older game.
            let open = state.id == round.game
                && state.game.current_number() == round.number
                && state.game.deadline_ms().is_some();
            if !open {
                return refuse(private(t(l, "trivia-round-over", &[])));
            }
        }
        if state.is_over() {
            return refuse(private(t(l, "trivia-no-game", &[])));
        }
        let number = state.game.current_number();
        // The step is worked out on a copy; the game changes only once what
        // it must store is stored.
        let mut next = state.game.clone();
        let events = {
            let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
            act(&mut next, &mut rng)
        };
        let writes = writes_of(&events, number, answer);
        let step = self
            .advance(
                shared,
                (ctx.channel, &slot),
                &mut state,
                (next, events, &writes),
                (ctx.user, ctx.locale),
                now_ms,
            )
            .await;
        let replies = match step {
            Step::Unstored(e) => {
                tracing::warn!(
                    game = state.id,
                    error = format!("{e:#}"),
                    "a trivia step could not be stored; the game is as it was"
                );
                let mut again = private(t(l, "trivia-try-again", &[]));
                again.must_reach = true;
                return refuse(again);
            }
            Step::Stored(replies) => replies,
        };
        // Stored: the game has moved on.
        self.stepped(ctx.channel, &slot, &state);
        Ok(replies?)
    }

    /// Stores a step of a game (`writes`, none for a step that changes
    /// nothing stored) with what it posts to its channel, in one
    /// transaction. `render` makes the step's replies under the game's
    /// gate; those for the channel are stored in the outbox, marked with
    /// their place there, and rendered under versions at least as fresh
    /// as the step's commit (rendered again if anything changed meanwhile).
    async fn store_step(
        &self,
        shared: &Shared,
        (game, channel, locale): (i64, u64, Locale),
        (starter, show_id): (&Ctx, i64),
        writes: &[games::Write],
        now_ms: i64,
        render: impl Fn(&Gate) -> Vec<Reply>,
    ) -> Step {
        // Every reply cut to Discord's limits, as the front ends show it.
        let fitted = |gate: &Gate| -> Vec<Reply> {
            render(gate)
                .into_iter()
                .map(|r| finish(locale, r))
                .collect()
        };
        let gated = || async {
            shared.sync().await?;
            let known = shared.known();
            let gate = shared.gate(starter, show_id).await?;
            Ok::<_, anyhow::Error>((known, fitted(&gate)))
        };
        if writes.is_empty() {
            return Step::Stored(gated().await.map(|(_, replies)| replies));
        }
        for _ in 0..STALE_TRIES {
            let (known, mut replies) = match gated().await {
                Ok(rendered) => rendered,
                Err(e) => return Step::Unstored(e),
            };
            let posting = games::Posting {
                holder: (self.owner, self.lease_ms()),
                channel,
                replies: replies.iter().filter(|r| !r.private).collect(),
                rendered_at: known,
            };
            match games::apply_posting(&shared.db, game, writes, now_ms, &posting).await {
                Err(e) => return Step::Unstored(e),
                Ok(games::Applied::Stale(seen)) => {
                    if let Err(e) = shared.saw(seen).await {
                        return Step::Unstored(e);
                    }
                }
                Ok(games::Applied::Stored { seen, posts }) => {
                    let fresh = seen == known;
                    let mut posts = posts.into_iter();
                    for reply in replies.iter_mut().filter(|r| !r.private) {
                        reply.post = posts.next();
                    }
                    if fresh {
                        return Step::Stored(Ok(replies));
                    }
                    // Stored alone with nothing for the channel (a member's
                    // answer): their own reply is made again under the
                    // versions of its commit.
                    return Step::Stored(
                        async {
                            shared.saw(seen).await?;
                            let gate = shared.gate(starter, show_id).await?;
                            Ok(fitted(&gate))
                        }
                        .await,
                    );
                }
            }
        }
        Step::Unstored(anyhow::anyhow!(
            "progress or horizons kept changing while a game step was stored"
        ))
    }

    /// Advances every game to `now_ms`: questions whose time is up are
    /// revealed. Returns the replies for each channel. A game whose step
    /// cannot be stored stays as it was and is tried again shortly; the
    /// other channels go on.
    pub async fn tick(&self, shared: &Shared, now_ms: i64) -> Result<Vec<(u64, Vec<Reply>)>> {
        self.keep_leases(shared).await;
        shared.sync().await?;
        let slots = self.all();
        // The channels of games another process left are told first.
        let mut out: Vec<(u64, Vec<Reply>)> =
            std::mem::take(&mut *self.notices.lock().unwrap_or_else(|e| e.into_inner()))
                .into_iter()
                .map(|(channel, reply)| (channel, vec![reply]))
                .collect();
        for (channel, slot) in slots {
            if slot.due.load(Ordering::SeqCst) > now_ms {
                continue;
            }
            // A game busy with a member's step is left for the next tick:
            // the clock waits for no single game.
            let Ok(mut state) = slot.game.try_lock() else {
                continue;
            };
            match self
                .tick_one(shared, (channel, &slot), &mut state, now_ms)
                .await
            {
                Ok(Some(replies)) => out.push((channel, replies)),
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(
                        channel,
                        game = state.id,
                        error = format!("{e:#}"),
                        "a reveal could not be stored; trying again shortly"
                    );
                    state.retry_at = now_ms + RETRY_MS;
                }
            }
            self.stepped(channel, &slot, &state);
        }
        // Then what the schedule has due (a question of the day); a
        // schedule that cannot be read holds up no game.
        match self.daily_tick(shared, now_ms).await {
            Ok(posted) => out.extend(posted),
            Err(e) => tracing::warn!(
                error = format!("{e:#}"),
                "the schedule could not be read; trying again at the next tick"
            ),
        }
        Ok(out)
    }

    async fn tick_one(
        &self,
        shared: &Shared,
        (channel, slot): (u64, &Slot),
        state: &mut Running,
        now_ms: i64,
    ) -> Result<Option<Vec<Reply>>> {
        if now_ms < state.retry_at || state.is_over() {
            return Ok(None);
        }
        let mut next = state.game.clone();
        let events = {
            let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
            next.tick(now_ms as u64, &mut *rng)
        };
        if events.is_empty() {
            return Ok(None);
        }
        let number = state.game.current_number();
        let writes = writes_of(&events, number, None);
        let starter = state.game.starter;
        let step = self
            .advance(
                shared,
                (channel, slot),
                state,
                (next, events, &writes),
                (starter, state.locale),
                now_ms,
            )
            .await;
        match step {
            Step::Unstored(e) => Err(e),
            Step::Stored(replies) => {
                state.retry_at = 0;
                replies.map(Some)
            }
        }
    }

    /// Moves a game on to `next` (reached by `events`, storing `writes`)
    /// once the step is stored with its posts, rendered for `viewer`; a
    /// step that could not be stored leaves the game as it was.
    async fn advance(
        &self,
        shared: &Shared,
        (channel, slot): (u64, &Slot),
        state: &mut Running,
        (next, events, writes): (Game, Vec<Event>, &[games::Write]),
        viewer: (u64, Locale),
        now_ms: i64,
    ) -> Step {
        let before = std::mem::replace(&mut state.game, next);
        let step = {
            let state: &Running = state;
            self.store_step(
                shared,
                (state.id, channel, state.locale),
                (&slot.starter, slot.show_id),
                writes,
                now_ms,
                |gate| render(state, gate, viewer, events.clone(), now_ms),
            )
            .await
        };
        if let Step::Unstored(_) = step {
            state.game = before;
        }
        step
    }

    /// Renews the leases of this process's games now and then, and marks
    /// interrupted the games of processes that stopped renewing theirs.
    /// The clock calls it; a front end with no clock running (the console
    /// waiting for input) calls it on a timer.
    pub async fn keep_leases(&self, shared: &Shared) {
        let now = real_now_ms();
        if now - self.renewed.load(Ordering::SeqCst) < self.renew_ms() {
            return;
        }
        self.renewed.store(now, Ordering::SeqCst);
        let held: Vec<i64> = self.map().values().map(|slot| slot.id).collect();
        if let Err(e) = games::renew_leases(&shared.db, self.owner, &held, self.lease_ms()).await {
            tracing::warn!(
                error = format!("{e:#}"),
                "could not renew the leases of running games"
            );
        }
        if let Err(e) = outbox::renew(&shared.db, self.owner, self.lease_ms()).await {
            tracing::warn!(
                error = format!("{e:#}"),
                "could not renew the leases of posts waiting to go out"
            );
        }
        let games = match games::interrupt_abandoned(&shared.db, now).await {
            Ok(games) => {
                if !games.is_empty() {
                    tracing::info!(
                        n = games.len(),
                        "games whose process stopped were marked interrupted"
                    );
                }
                games
            }
            Err(e) => {
                tracing::warn!(
                    error = format!("{e:#}"),
                    "could not look for abandoned games"
                );
                Vec::new()
            }
        };
        self.recover(shared, games).await;
    }

    /// Ends the game of a channel that is gone, or where the bot may no
    /// longer post: stored as stopped, its points kept, and whatever
    /// waited to be posted there dropped. Returns whether there was a game.
    pub(crate) async fn abandon(&self, shared: &Shared, channel: u64, now_ms: i64) -> Result<bool> {
        // Nothing waiting for it can be posted any more.
        outbox::forget_channel(&shared.db, channel).await?;
        let Some(slot) = self.slot(channel) else {
            return Ok(false);
        };
        let mut state = slot.game.lock().await;
        if state.is_over() {
            return Ok(false);
        }
        let stop = [STOPPED];
        games::apply(&shared.db, state.id, &stop, now_ms).await?;
        state.ended = true;
        self.stepped(channel, &slot, &state);
        tracing::info!(
            channel,
            game = state.id,
            "trivia game ended: its channel cannot be posted to"
        );
        Ok(true)
    }

    /// Ends every running game (the bot is shutting down): each is stored as
    /// stopped with its points, and each channel gets its scoreboard. A game
    /// that cannot be stored is left to its lease, and the others go on.
    pub(crate) async fn shutdown(&self, shared: &Shared, now_ms: i64) -> Result<Vec<(u64, Reply)>> {
        let slots = self.all();
        let mut out = Vec::new();
        for (channel, slot) in slots {
            let mut state = slot.game.lock().await;
            if state.is_over() {
                continue;
            }
            let stop = [STOPPED];
            if let Err(e) = games::apply(&shared.db, state.id, &stop, now_ms).await {
                tracing::error!(
                    channel,
                    game = state.id,
                    error = format!("{e:#}"),
                    "could not end a game at shutdown"
                );
                continue;
            }
            state.ended = true;
            self.stepped(channel, &slot, &state);
            let board = state.game.scoreboard();
            let heading = t(state.locale, "trivia-shutdown", &[]);
            let mut reply = state.scoreboard(state.game.starter, heading, &board, None);
            reply.closes = Some(Round {
                game: state.id,
                number: state.game.current_number(),
            });
            out.push((channel, reply));
        }
        out.sort_by_key(|(channel, _)| *channel);
        Ok(out)
    }

    /// The earliest moment a running game or the schedule needs a tick
    /// (by the game clock).
    pub(crate) async fn next_deadline(&self) -> Option<i64> {
        let scheduled = self.scheduled.load(Ordering::SeqCst);
        let due = self
            .map()
            .values()
            .map(|s| s.due.load(Ordering::SeqCst))
            .chain([scheduled])
            .filter(|d| *d != i64::MAX)
            .min()?;
        Some(due)
    }
}

/// The game's settings from `/trivia start`'s options, each within its
/// range.
fn settings_of(l: Locale, opts: &StartOptions) -> Outcome<GameSettings> {
    let number = |option: &str, v: Option<u64>, min: u64, max: u64, default: u64| match v {
        None => Ok(default),
        Some(v) if (min..=max).contains(&v) => Ok(v),
        Some(_) => refuse(private(t(
            l,
            "trivia-bad-number",
            &[
                s("option", option),
                n("min", min as usize),
                n("max", max as usize),
            ],
        ))),
    };
    Ok(GameSettings {
        questions: number("questions", opts.questions.map(|q| q as u64), 1, 50, 10)? as usize,
        seconds: number("seconds", opts.seconds.map(u64::from), 5, 120, 20)? as u32,
        mode: opts.mode.unwrap_or(Mode::Choices),
    })
}

/// The last episode a game may ask about: `up_to` as the member wrote it,
/// or where the channel may discuss and the starter has watched. Past that,
/// only with `spoilers:true`.
fn scope_of(l: Locale, show: &Show, gate: &Gate, opts: &StartOptions) -> Outcome<EpisodeKey> {
    let plain_to = gate.horizon.zip(gate.watched()).map(|(h, w)| h.min(w));
    let up_to = match &opts.up_to {
        Some(input) => episode_input(show, l, input, gate)?.0,
        None => match plain_to.or(gate.watched().filter(|_| opts.spoilers)) {
            Some(k) => k,
            None => return refuse(private(t(l, "trivia-no-horizon", &[]))),
        },
    };
    if plain_to.is_none_or(|h| up_to > h) && !opts.spoilers {
        return refuse(private(match plain_to {
            Some(h) => t(
                l,
                "trivia-past-horizon",
                &[s("episode", up_to.to_string()), s("horizon", h.to_string())],
            ),
            None => t(l, "trivia-no-horizon", &[]),
        }));
    }
    Ok(up_to)
}

/// In a direct message, its channel: its games are its member's own, not
/// every direct message's.
fn dm_channel(ctx: &Ctx) -> Option<u64> {
    ctx.guild.is_none().then_some(ctx.channel)
}

/// What a step of a game must store: the questions asked, the answers taken
/// (with `answer`, the text given, for question `number`), the reveals and
/// the end.
fn writes_of(events: &[Event], number: usize, answer: Option<&str>) -> Vec<games::Write> {
    let mut writes = Vec::new();
    for event in events {
        match event {
            Event::Asked {
                number, question, ..
            } => writes.push(games::Write::Asked {
                number: *number,
                key: question.key.clone(),
            }),
            Event::Taken {
                player,
                correct,
                after_ms,
            } => {
                if let Some(text) = answer {
                    writes.push(games::Write::Answered {
                        number,
                        user: *player,
                        answer: text.to_string(),
                        correct: *correct,
                        after_ms: *after_ms,
                    });
                }
            }
            Event::Revealed {
                number,
                awards,
                skipped,
                ..
            } => writes.push(games::Write::Revealed {
                number: *number,
                skipped: *skipped,
                points: awards.iter().map(|a| (a.player, a.points)).collect(),
            }),
            Event::Finished { winner, .. } => writes.push(games::Write::Ended {
                status: "finished",
                winner: *winner,
            }),
            Event::Stopped { .. } => writes.push(games::Write::Ended {
                status: "stopped",
                winner: None,
            }),
            Event::Ignored { .. } | Event::Hint { .. } | Event::Refused { .. } => {}
        }
    }
    writes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{HorizonScope, SpoilersAction};
    use crate::services::settings;

    fn ctx(channel: u64) -> Ctx {
        Ctx {
            user: 1,
            channel,
            guild: Some(3),
            locale: Locale::En,
            can_manage_channel: true,
            can_manage_guild: true,
            thread_of: None,
        }
    }

    #[tokio::test]
    async fn the_clock_waits_for_no_single_game() {
        let db = crate::store::scratch().await;
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        crate::import::import_dir(&db, &seeds).await.unwrap();
        let shared = Shared::open(db).await.unwrap();
        let trivia = Trivia::new(StdRng::seed_from_u64(1));
        for channel in [10, 20] {
            settings::spoilers(
                &shared,
                &ctx(channel),
                SpoilersAction::Set("S02E11".into()),
                HorizonScope::Channel,
                None,
            )
            .await
            .unwrap();
            let opts = StartOptions {
                questions: Some(2),
                seconds: Some(20),
                ..StartOptions::default()
            };
            trivia.start(&shared, &ctx(channel), opts, 0).await.unwrap();
        }
        // Channel 10's game is busy (a member's step holds it).
        let busy = trivia.slot(10).unwrap();
        let held = busy.game.lock().await;
        let out = trivia.tick(&shared, 21_000).await.unwrap();
        assert_eq!(
            out.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            vec![20],
            "channel 20 is revealed while 10 is busy"
        );
        drop(held);
        // Once free, channel 10 is revealed at the next tick.
        let out = trivia.tick(&shared, 21_010).await.unwrap();
        assert_eq!(out.iter().map(|(c, _)| *c).collect::<Vec<_>>(), vec![10]);
    }
}
