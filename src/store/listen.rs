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

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;

use super::Stamp;

/// The channel the versions table notifies.
pub const CHANNEL: &str = "cliffhanger";

/// What the listener has heard.
#[derive(Debug, Default)]
pub struct Heard {
    /// Notifications heard, plus reconnects.
    count: AtomicU64,
    /// Whether the listener is connected and listening now.
    listening: AtomicBool,
}

impl Heard {
    /// Starts listening on `pool`'s database; returns once the listener
    /// has connected (or failed to, in which case it goes on trying in the
    /// background and there is no stamp until it succeeds).
    pub async fn start(pool: PgPool) -> Arc<Heard> {
        let heard = Arc::new(Heard::default());
        let (ready, started) = tokio::sync::oneshot::channel();
        tokio::spawn(listen(pool, Arc::clone(&heard), ready));
        let _ = tokio::time::timeout(Duration::from_secs(5), started).await;
        heard
    }

    /// The stamp: `None` while the listener is not listening.
    pub fn stamp(&self) -> Option<Stamp> {
        // The count is read first and bumped before `listening` is set
        // again: a reconnect between the two reads is seen at the next.
        let count = self.count.load(Ordering::Acquire);
        self.listening
            .load(Ordering::Acquire)
            .then_some(Stamp::Heard(count))
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
            continue;
        }
        wait = Duration::from_millis(100);
        heard.count.fetch_add(1, Ordering::AcqRel);
        heard.listening.store(true, Ordering::Release);
        if let Some(ready) = ready.take() {
            let _ = ready.send(());
        }
        loop {
            match listener.try_recv().await {
                Ok(Some(_)) => {
                    heard.count.fetch_add(1, Ordering::AcqRel);
                }
                Err(sqlx::Error::PoolClosed) => {
                    heard.listening.store(false, Ordering::Release);
                    return;
                }
                Ok(None) | Err(_) => {
                    heard.listening.store(false, Ordering::Release);
                    tracing::warn!("lost the connection that hears other processes' changes");
                    break;
                }
            }
        }
    }
    heard.listening.store(false, Ordering::Release);
}
