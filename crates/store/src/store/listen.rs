//! On PostgreSQL, how a process hears of other processes' commits: every
//! change of the versions table notifies the channel `cliffhanger`
//! (`migrations/postgres`), and a listener in each process counts what it
//! hears. The count is the process's [`Stamp`]: the same count means
//! nothing was committed since, so a request need not read the versions.
//!
//! Notifications sent while a listener is disconnected are lost: after
//! every reconnect the count moves on by one as well, so the next request
//! reads the versions and reloads whatever changed meanwhile. While it is
//! disconnected there is no stamp, and every request reads the versions.
//!
//! A connection can also die without a word (a partition, a firewall that
//! drops idle connections, a failover): the listener would wait for ever
//! and the stamp would never move. So every process sends a ping on the
//! channel every [`PING`], and a listener that has heard nothing, ping or
//! change, for two of them gives no stamp and connects again.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;

use super::Stamp;

/// The channel the versions table notifies.
pub(crate) const CHANNEL: &str = "cliffhanger";

/// How often each process pings the channel.
const PING: Duration = Duration::from_secs(5);

/// What a ping says (a change says which version moved).
const PING_PAYLOAD: &str = "ping";

/// The top bit of [`Heard::state`]: the listener is listening.
const LISTENING: u64 = 1 << 63;

/// What the listener has heard.
#[derive(Debug, Default)]
pub(crate) struct Heard {
    /// Changes heard, plus reconnects, with [`LISTENING`] set while the
    /// listener listens: one word, so a look at it sees both as they were
    /// together.
    state: AtomicU64,
    /// When the listener last heard anything, ping or change (ms since
    /// the epoch).
    last_heard_ms: AtomicI64,
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Heard {
    /// Starts listening on `pool`'s database, and pinging; returns once
    /// the listener has connected (or failed to, in which case it goes on
    /// trying in the background and there is no stamp until it succeeds).
    pub async fn start(pool: PgPool) -> Arc<Heard> {
        let heard = Arc::new(Heard::default());
        let (ready, started) = tokio::sync::oneshot::channel();
        tokio::spawn(listen(pool.clone(), Arc::clone(&heard), ready));
        tokio::spawn(ping(pool));
        let _ = tokio::time::timeout(Duration::from_secs(5), started).await;
        heard
    }

    /// The stamp: `None` while the listener is not listening, or has
    /// heard nothing for two pings.
    pub fn stamp(&self) -> Option<Stamp> {
        let state = self.state.load(Ordering::Acquire);
        let quiet = now_ms() - self.last_heard_ms.load(Ordering::Acquire);
        (state & LISTENING != 0 && quiet <= 2 * PING.as_millis() as i64)
            .then_some(Stamp::Heard(state & !LISTENING))
    }

    /// Something was heard now.
    fn heard(&self) {
        self.last_heard_ms.store(now_ms(), Ordering::Release);
    }

    /// Listening (again): the count moves on, so whatever was missed while
    /// not listening is read at the next request.
    fn listening(&self) {
        self.heard();
        let state = self.state.load(Ordering::Acquire) & !LISTENING;
        self.state.store((state + 1) | LISTENING, Ordering::Release);
    }

    /// This process committed a change: the count moves on at once.
    pub(crate) fn own_commit(&self) {
        self.state.fetch_add(1, Ordering::AcqRel);
    }

    /// Not listening.
    fn deaf(&self) {
        self.state.fetch_and(!LISTENING, Ordering::AcqRel);
    }
}

/// Pings the channel every [`PING`] until the database is closed.
async fn ping(pool: PgPool) {
    while !pool.is_closed() {
        tokio::time::sleep(PING).await;
        let sent = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(PING_PAYLOAD)
            .execute(&pool)
            .await;
        if let Err(e) = sent {
            tracing::debug!(error = %e, "could not ping the other processes' channel");
        }
    }
}

/// Listens until the database is closed, connecting again after every
/// loss.
async fn listen(pool: PgPool, heard: Arc<Heard>, ready: tokio::sync::oneshot::Sender<()>) {
    let mut ready = Some(ready);
    let mut wait = Duration::from_millis(100);
    while !pool.is_closed() {
        let mut listener = match PgListener::connect_with(&pool).await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for other processes' changes; trying again");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(5));
                continue;
            }
        };
        // A lost connection is reported at once, not mended inside the
        // listener, so that every reconnect is counted here.
        listener.eager_reconnect(false);
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "cannot listen for other processes' changes; trying again");
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(5));
            continue;
        }
        heard.listening();
        if let Some(ready) = ready.take() {
            let _ = ready.send(());
        }
        loop {
            // Silence for two pings: the connection is taken for dead
            // (this listener is dropped, so its wait may be cut short).
            let silence = tokio::time::sleep(2 * PING);
            let next = tokio::select! {
                next = listener.try_recv() => next,
                () = silence => {
                    tracing::warn!("heard nothing from the database for two pings; listening again");
                    break;
                }
            };
            match next {
                Ok(Some(n)) => {
                    heard.heard();
                    if n.payload() != PING_PAYLOAD {
                        heard.state.fetch_add(1, Ordering::AcqRel);
                    }
                    wait = Duration::from_millis(100);
                }
                Err(sqlx::Error::PoolClosed) => {
                    heard.deaf();
                    return;
                }
                Ok(None) | Err(_) => {
                    tracing::warn!("lost the connection that hears other processes' changes");
                    break;
                }
            }
        }
        heard.deaf();
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(5));
    }
    heard.deaf();
}
