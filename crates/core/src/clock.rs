//! The time the bot goes by for games and the schedule: the system's
//! clock, or, where a test says so, a clock that stands still until it is
//! moved (a fortnight of questions of the day runs in seconds). Leases
//! between processes keep to the database's clock whatever this says.

use std::sync::atomic::{AtomicI64, Ordering};

use tokio::sync::Notify;

/// Not held: the system's clock.
const SYSTEM: i64 = i64::MIN;

/// The bot's clock.
#[derive(Debug)]
pub struct Clock {
    /// Where a held clock stands (ms since the epoch), or [`SYSTEM`].
    held: AtomicI64,
    /// Woken whenever a held clock moves.
    moved: Notify,
}

impl Default for Clock {
    fn default() -> Clock {
        Clock {
            held: AtomicI64::new(SYSTEM),
            moved: Notify::new(),
        }
    }
}

/// Now by the machine's clock, in ms since the epoch, whatever a
/// [`Clock`] is held at: for what is stamped, not played.
pub fn system_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Clock {
    /// Now, in ms since the epoch.
    pub fn now_ms(&self) -> i64 {
        match self.held.load(Ordering::SeqCst) {
            SYSTEM => system_now_ms(),
            held => held,
        }
    }

    /// Holds the clock at `at_ms`: it moves only when told.
    pub fn hold_at(&self, at_ms: i64) {
        self.held.store(at_ms.max(SYSTEM + 1), Ordering::SeqCst);
        self.moved.notify_waiters();
    }

    /// Moves a held clock on by `ms` (a clock not held is held first, at
    /// the system's time).
    pub fn advance(&self, ms: i64) {
        let now = self.now_ms();
        self.hold_at(now + ms.max(0));
    }

    /// Waits until a held clock is moved (forever, for the system's).
    pub async fn moved(&self) {
        self.moved.notified().await;
    }
}
