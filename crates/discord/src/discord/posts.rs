//! Trivia messages posted to channels: the answer buttons of each open
//! round (so they can be disabled at the reveal), the clock that reveals
//! rounds whose time is up, and what happens when a channel cannot be
//! posted to any more.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use tokio::sync::{Mutex, Notify};

use super::messages;
use crate::app::App;
use crate::reply::{Buttons, Reply, Round};

/// How soon posts that failed are tried again.
const RETRY_POSTS: Duration = Duration::from_secs(1);

/// Where one round's buttons are.
#[derive(Debug, Clone, Copy)]
struct Posted {
    channel: serenity::ChannelId,
    message: serenity::MessageId,
    buttons: Buttons,
}

/// The answer buttons the bot has out, by round.
#[derive(Debug, Default)]
struct Book {
    /// Posted, and still open.
    open: HashMap<Round, Posted>,
    /// Being posted right now.
    posting: HashSet<Round>,
    /// Closed while they were being posted: disabled as soon as the post
    /// is through.
    closed_early: HashSet<Round>,
}

/// The trivia messages the bot has posted and the clock that drives games.
#[derive(Debug)]
pub struct Posts {
    app: Arc<App>,
    book: Mutex<Book>,
    /// Each channel's turn to be posted to.
    lanes: Mutex<HashMap<u64, Arc<Mutex<()>>>>,
    /// Channels with posts waiting after a failed try, and when to try
    /// again.
    behind: Mutex<HashMap<u64, tokio::time::Instant>>,
    /// Replies not in the outbox waiting behind a channel's failed post.
    held: Mutex<HashMap<u64, Vec<Reply>>>,
    /// Woken whenever a game may have a new deadline.
    wake: Notify,
}

/// Disables a posted round's buttons.
async fn disable(http: &serenity::Http, round: Round, posted: Posted) {
    let edit = serenity::EditMessage::new().components(messages::buttons(posted.buttons, true));
    if let Err(e) = posted
        .channel
        .edit_message(http, posted.message, edit)
        .await
    {
        tracing::warn!(error = %e, game = round.game, round = round.number, "could not disable answer buttons");
    }
}

/// Opens a thread from a post, to talk about it there; where threads
/// cannot be opened the post stands alone in the channel.
async fn open_thread(
    http: &serenity::Http,
    channel: serenity::ChannelId,
    message: serenity::MessageId,
    name: &str,
) {
    let name: String = name.chars().take(100).collect();
    let thread = serenity::CreateThread::new(name)
        .auto_archive_duration(serenity::AutoArchiveDuration::OneDay);
    if let Err(e) = channel
        .create_thread_from_message(http, message, thread)
        .await
    {
        tracing::warn!(channel = channel.get(), error = %e, "could not open a thread from a post");
    }
}

/// Whether a failed post may go through if tried again: Discord in
/// trouble (5xx), a rate limit, or no answer at all; any other refusal
/// stands.
fn passing(error: &serenity::Error) -> bool {
    match error {
        serenity::Error::Http(e) => e
            .status_code()
            .is_none_or(|s| s.is_server_error() || s.as_u16() == 429),
        serenity::Error::Io(_) => true,
        _ => false,
    }
}

/// Whether a failed request means the channel is gone or closed to the bot.
fn channel_lost(error: &serenity::Error) -> bool {
    match error {
        serenity::Error::Http(e) => e
            .status_code()
            .is_some_and(|s| s.as_u16() == 403 || s.as_u16() == 404),
        _ => false,
    }
}

impl Posts {
    /// Nothing posted yet.
    pub fn new(app: Arc<App>) -> Posts {
        Posts {
            app,
            book: Mutex::new(Book::default()),
            lanes: Mutex::new(HashMap::new()),
            behind: Mutex::new(HashMap::new()),
            held: Mutex::new(HashMap::new()),
            wake: Notify::new(),
        }
    }

    /// Disables the buttons of these rounds.
    pub async fn close(&self, http: &serenity::Http, rounds: impl IntoIterator<Item = Round>) {
        for round in rounds {
            let posted = {
                let mut book = self.book.lock().await;
                let posted = book.open.remove(&round);
                if posted.is_none() && book.posting.contains(&round) {
                    // Its question is still on its way: disabled on arrival.
                    book.closed_early.insert(round);
                }
                posted
            };
            if let Some(posted) = posted {
                disable(http, round, posted).await;
            }
        }
    }

    /// Posts public trivia replies to a channel, in order, each closing
    /// the round it closes as its turn comes. What waits in the outbox is
    /// the source of truth: under the channel's turn, every post this
    /// process holds for the channel goes out in the order stored (so one
    /// stored by a step whose delivery has not come yet, or that failed
    /// before, goes out once, in its place), then the replies that were
    /// never stored. A post leaves the outbox once Discord has it; one
    /// Discord cannot take now stays, with everything after it, and the
    /// clock tries again shortly; one Discord refuses for good is
    /// dropped. When the channel is gone or the bot may no longer post
    /// there, its game ends (scores kept) and the rest is dropped;
    /// everyone else is unaffected.
    pub(crate) async fn deliver(&self, http: &serenity::Http, channel: u64, replies: Vec<Reply>) {
        let lane = self.lane(channel).await;
        {
            let _turn = lane.lock().await;
            self.deliver_in_turn(http, channel, replies).await;
        }
        // A channel with nothing waiting and nobody waiting for its turn
        // gives its lane back.
        let mut lanes = self.lanes.lock().await;
        if Arc::strong_count(&lane) == 2 && !self.behind.lock().await.contains_key(&channel) {
            lanes.remove(&channel);
        }
    }

    /// [`Posts::deliver`], its turn taken.
    async fn deliver_in_turn(&self, http: &serenity::Http, channel: u64, replies: Vec<Reply>) {
        let held = self.held.lock().await.remove(&channel).unwrap_or_default();
        let unstored: Vec<Reply> = held
            .into_iter()
            .chain(replies.into_iter().filter(|r| r.post.is_none()))
            .collect();
        let stored = match self.app.trivia_unposted(channel).await {
            Ok(stored) => stored,
            Err(e) => {
                tracing::warn!(
                    channel,
                    error = format!("{e:#}"),
                    "could not read the posts a channel is owed"
                );
                self.behind(channel, unstored).await;
                return;
            }
        };
        let queue = stored.into_iter().chain(unstored).collect();
        match self.post_in_order(http, channel, queue).await {
            Ok(()) => {
                self.behind.lock().await.remove(&channel);
            }
            Err(rest) => self.behind(channel, rest).await,
        }
        self.wake.notify_one();
    }

    /// The channel's posts wait for another try, with `unstored`, the
    /// replies of its queue that are not in the outbox.
    async fn behind(&self, channel: u64, unstored: Vec<Reply>) {
        let again = tokio::time::Instant::now() + RETRY_POSTS;
        self.behind.lock().await.insert(channel, again);
        if !unstored.is_empty() {
            self.held
                .lock()
                .await
                .entry(channel)
                .or_default()
                .extend(unstored);
        }
        self.wake.notify_one();
    }

    /// Whether a post that answers a command may go out as the command's
    /// answer (taken out of the outbox first, so nothing posts it twice):
    /// not while the channel's earlier posts are waiting, since it would
    /// overtake them.
    pub(crate) async fn take_for_answer(&self, channel: u64, post: i64) -> bool {
        let lane = self.lane(channel).await;
        let _turn = lane.lock().await;
        if self.behind.lock().await.contains_key(&channel) {
            return false;
        }
        match self.app.trivia_posted(&[post]).await {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(
                    channel,
                    error = format!("{e:#}"),
                    "a post stays in the outbox to go out in order"
                );
                false
            }
        }
    }

    /// Posts `replies` in order. When Discord cannot take one stored in
    /// the outbox now, returns the replies not stored that were still to
    /// go: they wait with it.
    async fn post_in_order(
        &self,
        http: &serenity::Http,
        channel: u64,
        replies: Vec<Reply>,
    ) -> Result<(), Vec<Reply>> {
        let id = serenity::ChannelId::new(channel);
        let mut queue = replies.into_iter();
        while let Some(reply) = queue.next() {
            self.close(http, reply.closes).await;
            if let Some(buttons) = reply.buttons {
                self.book.lock().await.posting.insert(buttons.round);
            }
            let mut message = messages::create_message(&reply);
            if let Some(post) = reply.post {
                // Discord takes a post of the outbox once, however often
                // it is sent: one sent again after a crash between
                // Discord's answer and the outbox's delete is not
                // posted twice.
                message = message
                    .nonce(serenity::Nonce::String(format!("post-{post}")))
                    .enforce_nonce(true);
            }
            let sent = id.send_message(http, message).await;
            let closed_early = match reply.buttons {
                Some(buttons) => {
                    let mut book = self.book.lock().await;
                    book.posting.remove(&buttons.round);
                    book.closed_early.remove(&buttons.round)
                }
                None => false,
            };
            match sent {
                Ok(message) => {
                    if let Some(name) = &reply.thread {
                        open_thread(http, id, message.id, name).await;
                    }
                    self.done(channel, reply.post).await;
                    if let Some(buttons) = reply.buttons {
                        let posted = Posted {
                            channel: id,
                            message: message.id,
                            buttons,
                        };
                        if closed_early {
                            disable(http, buttons.round, posted).await;
                        } else {
                            self.book.lock().await.open.insert(buttons.round, posted);
                        }
                    }
                }
                Err(e) if channel_lost(&e) => {
                    tracing::warn!(channel, error = %e, "channel cannot be posted to: ending its game");
                    self.forget_channel(id).await;
                    if let Err(e) = self.app.trivia_abandon(channel, self.app.now_ms()).await {
                        tracing::error!(
                            channel,
                            error = format!("{e:#}"),
                            "could not end the game of a lost channel"
                        );
                    }
                    return Ok(());
                }
                Err(e) if passing(&e) => {
                    tracing::warn!(channel, error = %e, "could not post a trivia message; trying again shortly");
                    let rest = std::iter::once(reply).chain(queue);
                    return Err(rest.filter(|r| r.post.is_none()).collect());
                }
                Err(e) => {
                    // Refused for good (a malformed post, an archived
                    // thread): trying again would hold up the channel.
                    tracing::warn!(channel, error = %e, "Discord refused a trivia message; it is dropped");
                    self.done(channel, reply.post).await;
                }
            }
        }
        Ok(())
    }

    /// A post went out, or will never: it leaves the outbox.
    async fn done(&self, channel: u64, post: Option<i64>) {
        if let Some(post) = post
            && let Err(e) = self.app.trivia_posted(&[post]).await
        {
            // It may go out again: at least once, never lost.
            tracing::warn!(
                channel,
                error = format!("{e:#}"),
                "a post went out but stays in the outbox"
            );
        }
    }

    /// The turn of one channel: its posts go out one delivery at a time.
    async fn lane(&self, channel: u64) -> Arc<Mutex<()>> {
        self.lanes.lock().await.entry(channel).or_default().clone()
    }

    /// Tries again the channels whose posts are waiting, once their pause
    /// is over; returns when the next one's is.
    async fn catch_up(&self, http: &serenity::Http) -> Option<tokio::time::Instant> {
        let now = tokio::time::Instant::now();
        let due: Vec<u64> = self
            .behind
            .lock()
            .await
            .iter()
            .filter(|(_, again)| **again <= now)
            .map(|(channel, _)| *channel)
            .collect();
        for channel in due {
            self.deliver(http, channel, Vec::new()).await;
        }
        self.behind.lock().await.values().min().copied()
    }

    async fn forget_channel(&self, channel: serenity::ChannelId) {
        self.book
            .lock()
            .await
            .open
            .retain(|_, p| p.channel != channel);
    }

    /// A game started or moved on: its deadline may be the next one.
    pub(crate) fn wake(&self) {
        self.wake.notify_one();
    }

    /// Connected: posts what stopped processes left unposted, then runs
    /// the clock, and renews this process's leases on a task of its own,
    /// so a clock held up by a slow channel never lets them run out.
    pub async fn start(self: Arc<Self>, http: Arc<serenity::Http>) {
        self.app.trivia_take_over_posts().await;
        let app = self.app.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(app.trivia().renew_ms() as u64 / 2)).await;
                app.keep_leases().await;
            }
        });
        tokio::spawn(self.run_clock(http));
    }

    /// Reveals rounds whose time is up, for as long as the bot runs.
    pub(crate) async fn run_clock(self: Arc<Self>, http: Arc<serenity::Http>) {
        loop {
            let retry = self.catch_up(&http).await;
            // Nothing due here: look again soon all the same, for games
            // another process left behind and actions it put on the
            // schedule.
            let soon = Duration::from_millis(self.app.trivia().renew_ms() as u64);
            let wait = match self.app.trivia_next_deadline().await {
                // A game busy with a member's step is skipped by a tick and
                // stays due: look again shortly rather than at once.
                Some(deadline) => {
                    Duration::from_millis((deadline - self.app.now_ms()).max(5) as u64).min(soon)
                }
                None => soon,
            };
            // Posts waiting after a failed try are tried again soon.
            let wait = retry.map_or(wait, |again| {
                wait.min(again.saturating_duration_since(tokio::time::Instant::now()))
            });
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = self.wake.notified() => continue,
                // A held clock (a test's) was moved on.
                () = self.app.clock().moved() => {}
            }
            match self.app.trivia_tick(self.app.now_ms()).await {
                Ok(updates) => {
                    for (channel, replies) in updates {
                        self.deliver(&http, channel, replies).await;
                    }
                }
                Err(e) => {
                    tracing::error!(
                        error = format!("{e:#}"),
                        "trivia clock failed; trying again shortly"
                    );
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    /// The bot is stopping: every game ends with its scores saved, and each
    /// channel is told.
    pub(crate) async fn shut_down(&self, http: &serenity::Http) {
        match self.app.trivia_shutdown(self.app.now_ms()).await {
            Ok(ended) => {
                for (channel, reply) in ended {
                    self.deliver(http, channel, vec![reply]).await;
                }
            }
            Err(e) => tracing::error!(error = format!("{e:#}"), "could not end the running games"),
        }
    }
}
