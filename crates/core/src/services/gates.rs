//! Members' gates: how far each has watched and what each channel may
//! discuss, read once and remembered until any of it changes.

use std::sync::Mutex;

use anyhow::Result;

use crate::cache::{GateCache, Touched};
use crate::index::Index;
use crate::request::Ctx;
use crate::spoiler::Gate;
use crate::store::Db;
use crate::store::members::{self, Step};

/// The gates service.
#[derive(Debug)]
pub struct Gates {
    cache: GateCache,
    /// The version of progress and horizons the cache agrees with.
    version: Mutex<i64>,
}

impl Gates {
    /// Gates of a database whose progress and horizons are at `version`.
    pub fn new(version: i64) -> Gates {
        Gates {
            cache: GateCache::default(),
            version: Mutex::new(version),
        }
    }

    /// The database's progress and horizons are at `version`: when that is
    /// not the one the remembered gates were read at, they are forgotten.
    pub(crate) fn saw(&self, version: i64) {
        let mut seen = self.version.lock().unwrap_or_else(|e| e.into_inner());
        if *seen != version {
            self.cache.forget(Touched::Everything);
            *seen = version;
        }
    }

    /// The version of progress and horizons the remembered gates are at
    /// least as fresh as.
    pub(crate) fn version(&self) -> i64 {
        *self.version.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// This process changed a progress or a horizon (`step`: the version
    /// on both sides of its write). When its write was the only change
    /// since this process last looked, only the gates it touched are read
    /// anew; otherwise, all of them.
    pub(crate) fn changed(&self, step: Step, touched: Touched) {
        let mut seen = self.version.lock().unwrap_or_else(|e| e.into_inner());
        let alone = *seen == step.before && step.after <= step.before + 1;
        self.cache
            .forget(if alone { touched } else { Touched::Everything });
        *seen = step.after;
    }

    /// How many gates are remembered.
    #[cfg(test)]
    pub(crate) fn remembered(&self) -> usize {
        self.cache.len()
    }

    /// Counts the changes: a reply made while it moved is not kept.
    pub(crate) fn generation(&self) -> u64 {
        self.cache.generation()
    }

    /// The gate for a member in a channel, for one show.
    pub async fn gate(&self, db: &Db, ctx: &Ctx, show_id: i64) -> Result<Gate> {
        let key = (ctx.user, ctx.channel, ctx.thread_of, ctx.guild, show_id);
        if let Some(gate) = self.cache.get(&key) {
            return Ok(gate);
        }
        let generation = self.cache.generation();
        let [progress, channel, server] =
            members::gate_inputs(db, ctx.user, ctx.channel, ctx.thread_of, ctx.guild, show_id)
                .await?;
        let horizon = match ctx.guild {
            // A direct message: nobody else reads it.
            None => progress,
            Some(_) => channel.or(server),
        };
        let gate = Gate { progress, horizon };
        self.cache.put(key, gate, generation);
        Ok(gate)
    }

    /// The member's gate for every show of the catalog, in order.
    pub async fn all(&self, db: &Db, ctx: &Ctx, index: &Index) -> Result<Vec<Gate>> {
        let mut gates = Vec::with_capacity(index.shows.len());
        for show in &index.shows {
            gates.push(self.gate(db, ctx, show.id).await?);
        }
        Ok(gates)
    }
}
