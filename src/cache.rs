//! Replies to lookups, remembered: a fan server asks about the same
//! characters and scenes again and again. A reply is reused only for the
//! same question under the same gates and the same catalog, so the spoiler
//! policy is applied exactly as if it were made anew.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::i18n::Locale;
use crate::index::Index;
use crate::reply::Reply;
use crate::spoiler::Gate;

/// Replies kept at most; when full, the cache starts over.
pub const CAPACITY: usize = 2048;

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
pub struct Question {
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

/// The remembered replies.
#[derive(Debug, Default)]
pub struct ReplyCache {
    entries: Mutex<HashMap<Question, (Arc<Index>, Reply)>>,
}

impl ReplyCache {
    /// The reply made earlier for this question, if any.
    pub fn get(&self, question: &Question) -> Option<Reply> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(question).map(|(_, reply)| reply.clone())
    }

    /// Keeps a reply made from `catalog`.
    pub fn put(&self, question: Question, catalog: Arc<Index>, reply: Reply) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(question, (catalog, reply));
    }

    /// Forgets everything (the catalog changed).
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// How many replies are kept.
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Gates kept at most; when full, the cache starts over.
pub const GATE_CAPACITY: usize = 16_384;

/// Who asks where, about which show: (member, channel, the channel of a
/// thread, server, show).
pub type GateKey = (u64, u64, Option<u64>, Option<u64>, i64);

/// Members' gates, read once from the database and kept until any
/// progress or horizon changes, here or in another process (`App::sync`).
#[derive(Debug, Default)]
pub struct GateCache {
    entries: Mutex<HashMap<GateKey, Gate>>,
    /// Counts the changes, so that a gate read across one is not kept.
    generation: AtomicU64,
}

impl GateCache {
    /// The kept gate, if any.
    pub fn get(&self, key: &GateKey) -> Option<Gate> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(key).copied()
    }

    /// What to pass to [`GateCache::put`] for a gate about to be read.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Keeps a gate read since `generation`, unless something changed
    /// meanwhile.
    pub fn put(&self, key: GateKey, gate: Gate, generation: u64) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        if entries.len() >= GATE_CAPACITY {
            // Starting over is a change of generation: a reply being made
            // from a gate dropped here is not kept.
            self.generation.fetch_add(1, Ordering::SeqCst);
            entries.clear();
        }
        entries.insert(key, gate);
    }

    /// A progress or horizon changed: every gate is read anew.
    pub fn forget(&self) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        self.generation.fetch_add(1, Ordering::SeqCst);
        entries.clear();
    }
}
