//! The core's services, each the one owner of its state: the catalog in
//! memory ([`catalog`]), members' gates ([`gates`]), lookups and their
//! remembered replies ([`lookups`]), progress and horizons ([`settings`]),
//! autocomplete ([`suggest`]). Trivia is `crate::trivia`. [`Shared`] is
//! what every request reads first: the database, the catalog and the gates,
//! brought up to date with what other processes wrote.

pub mod catalog;
pub mod gates;
pub mod lookups;
pub mod reload;
pub mod settings;
pub mod suggest;

use std::sync::{Arc, Mutex};

use anyhow::Result;

use crate::index::Index;
use crate::request::Ctx;
use crate::spoiler::Gate;
use crate::store::versions::{self, Versions};
use crate::store::{Db, Stamp};

pub use catalog::Catalog;
pub use gates::Gates;

/// The database, the catalog and the gates: what every service reads.
#[derive(Debug)]
pub struct Shared {
    /// The database.
    pub db: Db,
    /// The catalog in memory, and the question banks made from it.
    pub catalog: Catalog,
    /// Members' gates, remembered.
    pub gates: Gates,
    /// The database files' stamp when the versions were last read.
    stamp: Mutex<Option<Stamp>>,
}

impl Shared {
    /// Reads the catalog and the versions of what is remembered.
    pub(crate) async fn open(db: Db) -> Result<Shared> {
        let now = versions::read(&db).await?;
        let catalog = Catalog::load(&db, now.catalog).await?;
        // Lookups are served from the first request; games wait for
        // their show's bank only if it is not built by then.
        catalog.build_banks(&db);
        Ok(Shared {
            db,
            catalog,
            gates: Gates::new(now.gates),
            stamp: Mutex::new(None),
        })
    }

    /// Brings what this process remembers up to date with the database, and
    /// returns the catalog to answer from. Every request starts here: a
    /// look at the database files' stamp, and only when something was
    /// committed since, one read of the versions table, so a change made by
    /// another process (the console, an import, a second bot) is honoured
    /// at once.
    pub async fn sync(&self) -> Result<Arc<Index>> {
        // The stamp is taken before the read and kept only once what the
        // read found is dealt with, so a commit after it, or a request
        // arriving meanwhile, reads again.
        let stamp = self.db.stamp();
        if stamp.is_some() && *self.stamp.lock().unwrap_or_else(|e| e.into_inner()) == stamp {
            return Ok(self.catalog.index());
        }
        let now = versions::read(&self.db).await?;
        self.saw(now).await?;
        *self.stamp.lock().unwrap_or_else(|e| e.into_inner()) = stamp;
        Ok(self.catalog.index())
    }

    /// Brings what this process remembers up to `now`, versions read from
    /// the database (by [`Shared::sync`], or as a write committed).
    pub(crate) async fn saw(&self, now: Versions) -> Result<()> {
        self.gates.saw(now.gates);
        if now.catalog != self.catalog.version() {
            self.catalog.reload(&self.db).await?;
        }
        Ok(())
    }

    /// The versions of gates and catalog this process answers from: what
    /// it renders now is at least as fresh as these.
    pub(crate) fn known(&self) -> Versions {
        Versions {
            gates: self.gates.version(),
            catalog: self.catalog.version(),
        }
    }

    /// The catalog as it is now.
    pub fn index(&self) -> Arc<Index> {
        self.catalog.index()
    }

    /// The gate for a member in a channel, for one show.
    pub async fn gate(&self, ctx: &Ctx, show_id: i64) -> Result<Gate> {
        self.gates.gate(&self.db, ctx, show_id).await
    }
}
