//! Replies to lookups, remembered: a fan server asks about the same
//! characters and scenes again and again. A reply is reused only for the
//! same question under the same gates and the same catalog, so the spoiler
//! policy is applied exactly as if it were made anew.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use lru::LruCache;

use crate::i18n::Locale;
use crate::index::Index;
use crate::reply::Reply;
use crate::spoiler::Gate;

/// Replies kept at most; the least recently used go first.
pub(crate) const CAPACITY: usize = 2048;

/// Which lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// `/episode`.
    Episode,
    /// `/character`.
    Character,
    /// `/search`.
    Search,
}

/// Everything a lookup's reply depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LookupKey {
    /// Which lookup.
    pub lookup: Lookup,
    /// What was typed (trimmed; replies quote it).
    pub input: String,
    /// The show option, if given.
    pub show: Option<String>,
    /// Whether later facts were asked for.
    pub reveal: bool,
    /// The reply's language.
    pub locale: Locale,
    /// The member's gate for every show of the catalog, in order.
    pub gates: Vec<Gate>,
    /// The catalog the reply was made from (its address; the entry holds
    /// the catalog, so the address is not reused while it is kept).
    pub catalog: usize,
}

/// The remembered replies, the least recently used forgotten first when
/// full. A reply is keyed by the gates it was made under, so a change of
/// progress or horizon needs no forgetting here: the member's next question
/// has another key.
#[derive(Debug)]
pub(crate) struct ReplyCache {
    entries: Mutex<LruCache<LookupKey, (Arc<Index>, Reply)>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl Default for ReplyCache {
    fn default() -> Self {
        ReplyCache {
            entries: Mutex::new(LruCache::new(
                NonZeroUsize::new(CAPACITY).expect("a capacity above zero"),
            )),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }
}

impl ReplyCache {
    fn entries(&self) -> std::sync::MutexGuard<'_, LruCache<LookupKey, (Arc<Index>, Reply)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The reply made earlier for this question, if any.
    pub(crate) fn get(&self, question: &LookupKey) -> Option<Reply> {
        let found = self.entries().get(question).map(|(_, reply)| reply.clone());
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Questions answered from memory and made anew, since the start.
    pub(crate) fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// Keeps a reply made from `catalog`. Replies of an older catalog are
    /// forgotten at once (they could never be asked for again).
    pub(crate) fn put(&self, question: LookupKey, catalog: Arc<Index>, reply: Reply) {
        let mut entries = self.entries();
        if entries
            .peek_lru()
            .is_some_and(|(_, (old, _))| !Arc::ptr_eq(old, &catalog))
        {
            entries.clear();
        }
        entries.put(question, (catalog, reply));
    }

    /// Forgets everything.
    pub(crate) fn clear(&self) {
        self.entries().clear();
    }

    /// How many replies are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries().len()
    }
}

/// Gates kept at most; the least recently used go first.
pub(crate) const GATE_CAPACITY: usize = 16_384;

/// Who asks where, about which show: (member, channel, the channel of a
/// thread, server, show).
pub(crate) type GateKey = (u64, u64, Option<u64>, Option<u64>, i64);

/// Which remembered gates a change of progress or horizon touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Touched {
    /// A member's progress in a show.
    Member(u64, i64),
    /// A channel's horizon in a show (and so its threads').
    Channel(u64, i64),
    /// A server's default horizon in a show.
    Server(u64, i64),
    /// Anything (a change another process made: which, is not known).
    Everything,
}

impl Touched {
    fn touches(&self, key: &GateKey) -> bool {
        let &(user, channel, parent, guild, show) = key;
        match *self {
            Touched::Member(u, s) => user == u && show == s,
            Touched::Channel(c, s) => (channel == c || parent == Some(c)) && show == s,
            Touched::Server(g, s) => guild == Some(g) && show == s,
            Touched::Everything => true,
        }
    }
}

/// Members' gates, read once from the database and kept until what they
/// are read from changes, here or in another process (`Shared::sync`).
#[derive(Debug)]
pub(crate) struct GateCache {
    entries: Mutex<LruCache<GateKey, Gate>>,
    /// Counts the changes, so that a gate read across one is not kept.
    generation: AtomicU64,
}

impl Default for GateCache {
    fn default() -> Self {
        GateCache {
            entries: Mutex::new(LruCache::new(
                NonZeroUsize::new(GATE_CAPACITY).expect("a capacity above zero"),
            )),
            generation: AtomicU64::new(0),
        }
    }
}

impl GateCache {
    fn entries(&self) -> std::sync::MutexGuard<'_, LruCache<GateKey, Gate>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The kept gate, if any.
    pub(crate) fn get(&self, key: &GateKey) -> Option<Gate> {
        self.entries().get(key).copied()
    }

    /// What to pass to [`GateCache::put`] for a gate about to be read.
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Keeps a gate read since `generation`, unless something changed
    /// meanwhile.
    pub(crate) fn put(&self, key: GateKey, gate: Gate, generation: u64) {
        let mut entries = self.entries();
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        entries.put(key, gate);
    }

    /// A progress or horizon changed: the gates it touches are read anew.
    pub(crate) fn forget(&self, touched: Touched) {
        let mut entries = self.entries();
        self.generation.fetch_add(1, Ordering::SeqCst);
        if touched == Touched::Everything {
            entries.clear();
            return;
        }
        let gone: Vec<GateKey> = entries
            .iter()
            .filter(|(key, _)| touched.touches(key))
            .map(|(key, _)| *key)
            .collect();
        for key in gone {
            entries.pop(&key);
        }
    }

    /// How many gates are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_gate_cache_forgets_the_least_recently_used() {
        let cache = GateCache::default();
        let key = |n: u64| (n, 1, None, Some(2), 3);
        let generation = cache.generation();
        for n in 0..GATE_CAPACITY as u64 {
            cache.put(key(n), Gate::default(), generation);
        }
        // Member 0 asked again lately; member 1 did not.
        assert!(cache.get(&key(0)).is_some());
        cache.put(key(GATE_CAPACITY as u64), Gate::default(), generation);
        assert_eq!(cache.len(), GATE_CAPACITY);
        assert!(cache.get(&key(0)).is_some());
        assert!(cache.get(&key(1)).is_none());
        assert!(cache.get(&key(GATE_CAPACITY as u64)).is_some());
    }
}
