//! The catalog in memory: shows, episodes, the roster and appearances
//! (reloaded when the catalog's version changes, whoever imported), each
//! show's question bank, and resolving the show a member named.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use anyhow::Result;

use crate::error::{Failure, Outcome, refuse};
use crate::facts::FactsBuilder;
use crate::i18n::{Locale, s};
use crate::index::{Found, Index, Show};
use crate::model::EpisodeKey;
use crate::quiz::generate::Question;
use crate::render::{did_you_mean, problem, title_in};
use crate::spoiler::{Gate, Told};
use crate::store::Db;
use crate::store::lookup;
use crate::store::versions;

/// A show's question bank: built once, in the background from the moment
/// the catalog is read, so that no lookup ever waits for it.
#[derive(Debug, Default)]
struct Bank {
    built: tokio::sync::OnceCell<Arc<Vec<Question>>>,
    /// Whether a build was started in the background (and has not failed).
    started: std::sync::atomic::AtomicBool,
}

/// A show's bank at catalog `version`: the one kept in the database when
/// this build made it at that version, else made ([`crate::quiz::bank`],
/// giving the memory its making took back) and kept for the next start.
async fn build_bank(db: &Db, show: &Show, version: i64) -> Result<Arc<Vec<Question>>> {
    let began = std::time::Instant::now();
    let maker = crate::kept::maker();
    match crate::store::kept::kept_bank(db, show.id, version, maker).await {
        Ok(Some(kept)) => match crate::quiz::read_kept(&kept) {
            Ok(bank) => {
                tracing::info!(show = %show.slug, questions = bank.len(), elapsed = ?began.elapsed(), "question bank read as kept");
                return Ok(Arc::new(bank));
            }
            Err(e) => {
                tracing::warn!(show = %show.slug, error = %e, "the kept question bank cannot be read: making it anew");
            }
        },
        Ok(None) => {}
        Err(e) => {
            tracing::warn!(show = %show.slug, error = ?e, "the kept question bank cannot be read: making it anew");
        }
    }
    let bank = crate::quiz::bank(db, show).await?;
    give_back_freed_memory();
    tracing::info!(show = %show.slug, questions = bank.len(), elapsed = ?began.elapsed(), "question bank built");
    // Kept for the next start; a bank that cannot be kept is made again
    // then, and this one serves meanwhile.
    let kept = async {
        let text = crate::quiz::write_kept(&bank)?;
        crate::store::kept::keep_bank(
            db,
            show.id,
            (version, maker),
            &text,
            crate::clock::system_now_ms(),
        )
        .await
    };
    if let Err(e) = kept.await
        && !db.is_closed()
    {
        tracing::warn!(show = %show.slug, error = ?e, "the question bank could not be kept");
    }
    Ok(Arc::new(bank))
}

/// Hands the memory freed after a large piece of work (reading the
/// catalog: its pages of rows, the builder's maps; building a question
/// bank: every candidate; importing the seeds) back to the system: glibc keeps freed memory for
/// later use otherwise, and the process would stay resident at its peak.
pub(crate) fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the allocator's top
    // and in its free lists; it touches nothing in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Has glibc serve every allocation of a megabyte or more from pages of its
/// own, given back the moment it is freed. glibc otherwise raises that
/// threshold each time a large block is freed, up to 32 MiB, and the
/// large buffers a start makes and drops (a page of rows, a builder's
/// lists) then come from its heaps, where what stays behind them keeps
/// their pages. Set once, before the first such buffer.
pub fn settle_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        // SAFETY: mallopt only changes how later allocations are served.
        ONCE.call_once(|| unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        });
    }
}

/// The catalog as the database holds it at `version`: shows, episodes and
/// roster, and every fact laid out for lookups: as this build kept them
/// at that version, else read from every fact's row (built on a blocking
/// thread: the one long piece of work of a start or a reload), and then
/// `true`, for them to be kept.
async fn read_index(db: &Db, version: i64) -> Result<(Index, bool)> {
    let began = std::time::Instant::now();
    if let Some(index) = read_kept_index(db, version).await {
        tracing::info!(
            facts = index.facts.len(),
            total_ms = began.elapsed().as_millis() as u64,
            "catalog read into memory as kept"
        );
        return Ok((index, false));
    }
    // The facts page by page, each page added to the index on a blocking
    // thread while the next is read; the snapshot and the mentions beside.
    let facts = async {
        let mut builder = FactsBuilder::default();
        let mut after = i64::MIN;
        loop {
            let (page, next) = lookup::fact_page(db, after).await?;
            builder = tokio::task::spawn_blocking(move || {
                builder.add(page);
                builder
            })
            .await?;
            match next {
                Some(next) => after = next,
                None => return Ok::<_, anyhow::Error>(builder),
            }
        }
    };
    let (snapshot, builder, mentions) =
        tokio::try_join!(lookup::snapshot(db), facts, lookup::mentions(db))?;
    let read = began.elapsed();
    let index = tokio::task::spawn_blocking(move || {
        let facts = builder.finish(&mentions);
        Index::from_snapshot(snapshot, facts)
    })
    .await?;
    give_back_freed_memory();
    tracing::info!(
        facts = index.facts.len(),
        read_and_built_ms = read.as_millis() as u64,
        total_ms = began.elapsed().as_millis() as u64,
        "catalog read into memory"
    );
    Ok((index, true))
}

/// The catalog with its facts as this build kept them at `version`, if it
/// did and they are whole; `None` (the rows to be read) otherwise.
async fn read_kept_index(db: &Db, version: i64) -> Option<Index> {
    let refused = |e: &dyn std::fmt::Display| {
        tracing::warn!(error = %e, "the kept facts cannot be read: reading every fact's row");
    };
    let bytes = match crate::store::kept::kept_facts(db, version, crate::kept::maker()).await {
        Ok(bytes) => bytes?,
        Err(e) => {
            refused(&format!("{e:#}"));
            return None;
        }
    };
    let snapshot = lookup::snapshot(db).await.ok()?;
    let facts = tokio::task::spawn_blocking(move || crate::facts::Facts::from_kept(&bytes))
        .await
        .ok()?;
    give_back_freed_memory();
    match facts {
        Ok(facts) => Some(Index::from_snapshot(snapshot, facts)),
        Err(e) => {
            refused(&e);
            None
        }
    }
}

/// Keeps the facts of `index`, read from rows at catalog `version`, for
/// the next start, in the background: unless the catalog moved on while
/// they were read (they might then hold some of the next version), or
/// they were kept already.
fn keep_index(db: &Db, version: i64, index: Arc<Index>) {
    let db = db.clone();
    tokio::spawn(async move {
        let kept = async {
            if versions::read(&db).await?.catalog != version {
                return Ok(());
            }
            // Written part by part as the form is made: a few parts are
            // held at a time, never the whole.
            let (parts, written) = tokio::sync::mpsc::channel(2);
            let making = tokio::task::spawn_blocking(move || {
                index.facts.to_kept(crate::store::kept::PART, |part| {
                    // A closed channel: the keeping failed, and says why.
                    let _ = parts.blocking_send(part);
                });
            });
            crate::store::kept::keep_facts(
                &db,
                (version, crate::kept::maker()),
                written,
                crate::clock::system_now_ms(),
            )
            .await?;
            making.await?;
            give_back_freed_memory();
            anyhow::Ok(())
        };
        if let Err(e) = kept.await
            && !db.is_closed()
        {
            tracing::warn!(error = ?e, "the facts could not be kept for the next start");
        }
    });
}

/// The catalog service.
#[derive(Debug)]
pub struct Catalog {
    index: RwLock<Arc<Index>>,
    /// The catalog version `index` was read at.
    version: Mutex<i64>,
    /// One reload at a time.
    reloading: tokio::sync::Mutex<()>,
    /// Each show's question bank, built once per catalog, in the
    /// background from the moment the catalog is read.
    banks: Mutex<HashMap<i64, Arc<Bank>>>,
}

impl Catalog {
    /// The catalog as the database holds it, at `version`.
    pub(crate) async fn load(db: &Db, version: i64) -> Result<Catalog> {
        let (index, from_rows) = read_index(db, version).await?;
        let index = Arc::new(index);
        if from_rows {
            keep_index(db, version, index.clone());
        }
        Ok(Catalog {
            index: RwLock::new(index),
            version: Mutex::new(version),
            reloading: tokio::sync::Mutex::new(()),
            banks: Mutex::new(HashMap::new()),
        })
    }

    /// The catalog as it is now.
    pub fn index(&self) -> Arc<Index> {
        self.index.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The version of the catalog in memory.
    pub(crate) fn version(&self) -> i64 {
        *self.version.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the catalog into memory again, if it changed since it was
    /// last read (by this process or another).
    pub async fn reload(&self, db: &Db) -> Result<()> {
        let _one_at_a_time = self.reloading.lock().await;
        // The version first: a change made while the snapshot is read is
        // seen at the next request.
        let version = versions::read(db).await?.catalog;
        if version == self.version() {
            return Ok(());
        }
        let (index, from_rows) = read_index(db, version).await?;
        let index = Arc::new(index);
        if from_rows {
            keep_index(db, version, index.clone());
        }
        {
            // The banks are emptied as the catalog is swapped, under their
            // lock: no request finds the new catalog with an old bank.
            // The version too: a bank taken from the emptied map is made
            // for the version of the catalog it is made from.
            let mut banks = self.banks.lock().unwrap_or_else(|e| e.into_inner());
            *self.index.write().unwrap_or_else(|e| e.into_inner()) = index;
            *self.version.lock().unwrap_or_else(|e| e.into_inner()) = version;
            banks.clear();
        }
        self.build_banks(db);
        tracing::info!(version, "catalog reloaded");
        Ok(())
    }

    fn bank(&self, show_id: i64) -> Arc<Bank> {
        self.banks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(show_id)
            .or_default()
            .clone()
    }

    /// Starts building the question bank of every show of the catalog in
    /// the background, where it is not built or being built already.
    pub(crate) fn build_banks(&self, db: &Db) {
        let index = self.index();
        for show in &index.shows {
            self.start_bank(db, show);
        }
    }

    /// Starts building `show`'s bank in the background, unless it is built
    /// or being built; a build that fails is logged and started again by
    /// the next request that needs it.
    fn start_bank(&self, db: &Db, show: &Show) {
        use std::sync::atomic::Ordering;
        let bank = self.bank(show.id);
        if bank.built.initialized() || bank.started.swap(true, Ordering::AcqRel) {
            return;
        }
        // Built from the show as the catalog now has it, whatever catalog
        // the request that asked for it was answering from.
        let show = self.current(show);
        let version = self.version();
        let db = db.clone();
        tokio::spawn(async move {
            let built = bank
                .built
                .get_or_try_init(|| build_bank(&db, &show, version))
                .await;
            if let Err(e) = built {
                bank.started.store(false, Ordering::Release);
                // A command that ended before it was built closed the
                // database under it: nothing went wrong.
                if !db.is_closed() {
                    tracing::warn!(show = %show.slug, error = ?e, "the question bank could not be built");
                }
            }
        });
    }

    /// A show's question bank if it is built already; else `None`, and it
    /// is being built.
    pub fn bank_if_built(&self, db: &Db, show: &Show) -> Option<Arc<Vec<Question>>> {
        self.start_bank(db, show);
        self.bank(show.id).built.get().cloned()
    }

    /// A show's whole question bank, waiting for it to be built; kept
    /// until the catalog is reloaded.
    pub async fn question_bank(&self, db: &Db, show: &Show) -> Result<Arc<Vec<Question>>> {
        self.start_bank(db, show);
        let bank = self.bank(show.id);
        Ok(bank
            .built
            .get_or_try_init(|| async {
                let show = self.current(show);
                build_bank(db, &show, self.version()).await
            })
            .await?
            .clone())
    }

    /// `show` as the catalog in memory has it now (itself, when the
    /// catalog no longer has it).
    fn current(&self, show: &Show) -> Show {
        let index = self.index();
        index
            .shows
            .iter()
            .find(|s| s.id == show.id)
            .unwrap_or(show)
            .clone()
    }

    /// A show's question bank once the background build has made it,
    /// waiting no longer than `wait`: `None` when it is still being built
    /// by then. The request never builds it itself, so giving up on the
    /// wait leaves the build going on.
    pub async fn question_bank_within(
        &self,
        db: &Db,
        show: &Show,
        wait: std::time::Duration,
    ) -> Option<Arc<Vec<Question>>> {
        self.start_bank(db, show);
        let bank = self.bank(show.id);
        let waiting = async {
            loop {
                if let Some(built) = bank.built.get() {
                    return built.clone();
                }
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        };
        match bank.built.get() {
            Some(built) => Some(built.clone()),
            None => tokio::time::timeout(wait, waiting).await.ok(),
        }
    }
}

/// The show a member named, or the only one; an unknown name or a choice
/// left open is told, with the shows there are.
pub(crate) fn resolve_show<'a>(
    index: &'a Index,
    locale: Locale,
    show: Option<&str>,
) -> Outcome<&'a Show> {
    let names = || {
        index
            .shows
            .iter()
            .map(|s| s.slug.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let told = |id: &str, args: &[crate::i18n::Arg<'_>]| Failure::from(problem(locale, id, args));
    match show.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => index
            .show(q)
            .ok_or_else(|| told("error-unknown-show", &[s("show", q), s("shows", names())])),
        None => match index.shows.as_slice() {
            [] => Err(told("error-no-shows", &[])),
            [one] => Ok(one),
            [first, ..] => Err(told(
                "error-choose-show",
                &[s("example", first.slug.clone()), s("shows", names())],
            )),
        },
    }
}

/// Reads an episode as a member wrote it: any code (they are declaring
/// what they have seen, or what a channel may discuss), or a title
/// matched only among the episodes within `watched`, so a later title
/// reads exactly like one that does not exist. The title is returned
/// only for an episode within `watched`.
pub(crate) fn episode_input<'a>(
    show: &'a Show,
    l: Locale,
    input: &str,
    gate: &Gate,
) -> Outcome<(EpisodeKey, Option<&'a Told>)> {
    let watched = gate.watched();
    let input = input.trim();
    if input.is_empty() {
        return refuse(problem(l, "error-empty-episode", &[]));
    }
    let within = |k: EpisodeKey| watched.is_some_and(|w| k <= w);
    if let Some(key) = EpisodeKey::parse(input) {
        let title = show
            .episode(key)
            .filter(|e| within(e.key))
            .map(|e| title_in(e, l));
        return Ok((key, title));
    }
    match show.find_episode(input, |e| within(e.key)) {
        Found::One(e) => Ok((e.key, Some(title_in(e, l)))),
        Found::Several(list) => refuse(did_you_mean(l, gate, &list, false)),
        Found::Nothing => refuse(problem(l, "error-bad-episode", &[s("input", input)])),
    }
}
