//! Importing a seed set into the database: all or nothing, in one
//! transaction. Unchanged files write nothing; a changed recap replaces its
//! own facts only; a changed roster tags every fact of its show again.
//! Shows, episodes, recaps and characters keep their row ids across imports.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::error::SeedErrors;
use crate::model::{EpisodeKey, Language, fact_id};
use crate::seeds::mentions::{NameMatch, Roster, Target};
use crate::seeds::seed::{RecapFile, SeedSet, ShowSeed, episode_code, load_seeds_lean, with_body};
use crate::seeds::{FactDraft, analyze};
use crate::spoiler::NEVER;
use crate::store::catalog::{self as sql, MentionCount, NewFact, NewMention, NewNumber};
use crate::store::kept;
use crate::store::{Conn, Db, Totals};

/// One thing an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A new show.
    ShowAdded { show: String },
    /// show.toml changed.
    ShowUpdated { show: String },
    /// A new character.
    CharacterAdded { show: String, character: String },
    /// A character's name, aliases or details changed.
    CharacterUpdated { show: String, character: String },
    /// A character left the roster.
    CharacterRemoved { show: String, character: String },
    /// A new episode.
    EpisodeAdded { show: String, episode: String },
    /// An episode's title or air date changed.
    EpisodeUpdated { show: String, episode: String },
    /// An episode lost its last recap.
    EpisodeRemoved { show: String, episode: String },
    /// A new recap.
    RecapAdded {
        show: String,
        episode: String,
        language: String,
        path: String,
        facts: usize,
    },
    /// A recap's file changed: its facts were replaced.
    RecapUpdated {
        show: String,
        episode: String,
        language: String,
        path: String,
        facts: usize,
    },
    /// An unchanged recap moved to another file.
    RecapMoved {
        show: String,
        episode: String,
        language: String,
        from: String,
        to: String,
    },
    /// A recap's file is gone.
    RecapRemoved {
        show: String,
        episode: String,
        language: String,
    },
    /// The roster changed, so facts that were kept were tagged again.
    MentionsRetagged {
        show: String,
        facts: usize,
        mentions: usize,
    },
    /// The hand-written question files changed.
    QuestionsReplaced { show: String, questions: usize },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::ShowAdded { show } => write!(f, "added show {show}"),
            Change::ShowUpdated { show } => write!(f, "updated show {show} (show.toml changed)"),
            Change::CharacterAdded { show, character } => write!(f, "{show}: added {character}"),
            Change::CharacterUpdated { show, character } => {
                write!(f, "{show}: updated {character}")
            }
            Change::CharacterRemoved { show, character } => {
                write!(f, "{show}: removed {character}")
            }
            Change::EpisodeAdded { show, episode } => write!(f, "{show} {episode}: added episode"),
            Change::EpisodeUpdated { show, episode } => {
                write!(f, "{show} {episode}: updated title or air date")
            }
            Change::EpisodeRemoved { show, episode } => {
                write!(f, "{show} {episode}: removed episode (no recap left)")
            }
            Change::RecapAdded {
                show,
                episode,
                language,
                path,
                facts,
            } => {
                write!(
                    f,
                    "{show} {episode} [{language}]: added {facts} facts from {path}"
                )
            }
            Change::RecapUpdated {
                show,
                episode,
                language,
                path,
                facts,
            } => {
                write!(
                    f,
                    "{show} {episode} [{language}]: replaced with {facts} facts from {path}"
                )
            }
            Change::RecapMoved {
                show,
                episode,
                language,
                from,
                to,
            } => {
                write!(
                    f,
                    "{show} {episode} [{language}]: moved from {from} to {to}"
                )
            }
            Change::RecapRemoved {
                show,
                episode,
                language,
            } => {
                write!(f, "{show} {episode} [{language}]: removed (file gone)")
            }
            Change::QuestionsReplaced { show, questions } => {
                write!(f, "{show}: {questions} hand-written questions")
            }
            Change::MentionsRetagged {
                show,
                facts,
                mentions,
            } => {
                write!(
                    f,
                    "{show}: tagged {facts} kept facts again ({mentions} mentions)"
                )
            }
        }
    }
}

/// What an import did and what the database holds afterwards.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// Totals in the database after the import.
    #[serde(flatten)]
    pub totals: Totals,
    /// Mentions per character.
    pub mentions_by_character: Vec<MentionCount>,
    /// What this run wrote; empty when nothing changed.
    pub changed: Vec<Change>,
    /// Database rows this run inserted, updated or deleted.
    pub rows_written: i64,
    /// Shows in the database that the seeds no longer have (kept as they are).
    pub shows_not_in_seeds: Vec<String>,
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The seed files have problems; nothing was written.
    #[error("{0}")]
    Seeds(#[from] SeedErrors),
    /// The database failed; the transaction was rolled back.
    #[error(transparent)]
    Database(#[from] anyhow::Error),
}

impl ImportError {
    /// An import's failure: a seed file found changed when it was read
    /// again is a problem of the seeds (with its place), anything else
    /// the database's.
    pub fn from_import(e: anyhow::Error) -> ImportError {
        match e.downcast::<SeedErrors>() {
            Ok(seeds) => ImportError::Seeds(seeds),
            Err(e) => ImportError::Database(e),
        }
    }
}

/// Whether the seeds folder `dir` looks, entry by entry, as it did when
/// this build last imported it into this catalog (and the catalog has
/// not changed since): then importing it again would read every recap to
/// write nothing. Another build reads it whole: it may import otherwise.
pub async fn seeds_as_imported(db: &Db, dir: &Path) -> Result<bool> {
    let Some(look) = crate::seeds::look::look(dir) else {
        return Ok(false);
    };
    let recorded = kept::seeds_look(db, &look.folder, crate::kept::maker()).await?;
    Ok(recorded.as_deref() == Some(look.print.as_str()))
}

/// What bringing the catalog up to its seeds did.
#[derive(Debug)]
pub enum Refreshed {
    /// The folder looks as it did when this catalog last imported it:
    /// nothing was read.
    AsImported,
    /// The seeds were read and imported.
    Imported(ImportReport),
}

/// Brings the catalog up to the seeds under `dir`: nothing is read when
/// the folder looks as it did when this catalog last imported it
/// ([`seeds_as_imported`]), else [`import_dir`].
pub async fn refresh(db: &Db, dir: &Path) -> Result<Refreshed, ImportError> {
    if seeds_as_imported(db, dir).await? {
        return Ok(Refreshed::AsImported);
    }
    import_dir(db, dir).await.map(Refreshed::Imported)
}

/// Reads the seeds under `dir` and imports them.
pub async fn import_dir(db: &Db, dir: &Path) -> Result<ImportReport, ImportError> {
    let seeds = load_seeds_lean(dir)?;
    import(db, &seeds).await.map_err(ImportError::from_import)
}

/// What a long import tells as it goes: the command line shows it as a
/// progress bar at a terminal.
pub trait Progress: Send + Sync {
    /// Recaps to analyse and write, in all.
    fn recaps(&self, total: u64);
    /// `n` more recaps written.
    fn written(&self, n: u64);
}

/// Tells nothing.
struct Quiet;

impl Progress for Quiet {
    fn recaps(&self, _: u64) {}
    fn written(&self, _: u64) {}
}

/// Imports a validated seed set in one transaction. Recaps whose bodies
/// were shed ([`load_seeds_lean`]) are read again as they are analysed,
/// a batch at a time, so the memory an import takes does not grow with
/// the catalog's text.
pub async fn import(db: &Db, seeds: &SeedSet) -> Result<ImportReport> {
    import_telling(db, seeds, &Quiet).await
}

/// [`import`], telling `progress` how far it is.
pub async fn import_telling(
    db: &Db,
    seeds: &SeedSet,
    progress: &dyn Progress,
) -> Result<ImportReport> {
    let started = std::time::Instant::now();
    let rosters: Vec<Arc<Roster>> = seeds
        .shows
        .iter()
        .map(|show| Arc::new(Roster::of_show(show)))
        .collect();
    let (stored, changed, rows_written) =
        write_changes(db, seeds, &rosters, progress, started).await?;

    let in_seeds: HashSet<&str> = seeds.shows.iter().map(|s| s.slug.as_str()).collect();
    let mut shows_not_in_seeds: Vec<String> = stored
        .into_keys()
        .filter(|s| !in_seeds.contains(s.as_str()))
        .collect();
    shows_not_in_seeds.sort();
    Ok(ImportReport {
        totals: db.totals().await?,
        mentions_by_character: sql::mention_counts(db).await?,
        changed,
        rows_written,
        shows_not_in_seeds,
    })
}

/// Recaps analysed and written together: enough to keep every core busy,
/// few enough that their facts take little memory.
const RECAPS_PER_BATCH: usize = 256;

/// Analyses `recaps` on every core (reading again any whose body was
/// shed): the facts of each, in order, or the first recap's problem.
fn analyze_all(recaps: &[RecapFile], roster: &Roster) -> Result<Vec<Vec<FactDraft>>, SeedErrors> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let per_thread = recaps.len().div_ceil(threads).max(1);
    let analyzed: Vec<Result<Vec<FactDraft>, SeedErrors>> = std::thread::scope(|scope| {
        let handles: Vec<_> = recaps
            .chunks(per_thread)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|r| {
                            let r = with_body(r)?;
                            let facts = analyze(&r, roster);
                            match crate::seeds::too_many_sentences(&r, &facts) {
                                Some(e) => Err(SeedErrors(vec![e])),
                                None => Ok(facts),
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("recap analysis does not panic"))
            .collect()
    });
    analyzed.into_iter().collect()
}

/// Starts analysing a batch on the blocking threads, while the batch
/// before it is written.
fn analyze_batch(
    batch: &[Written<'_>],
    roster: &Arc<Roster>,
) -> tokio::task::JoinHandle<Result<Vec<Vec<FactDraft>>, SeedErrors>> {
    let recaps: Vec<RecapFile> = batch.iter().map(|w| w.recap.clone()).collect();
    let roster = Arc::clone(roster);
    tokio::task::spawn_blocking(move || analyze_all(&recaps, &roster))
}

fn mentions_of(names: &[NameMatch], char_ids: &[i64]) -> Vec<NewMention> {
    names
        .iter()
        .filter_map(|m| match m.target {
            Target::Character(i) => Some(NewMention {
                character_id: char_ids[i],
                start: m.start as i64,
                end: m.end as i64,
                suffix: m.suffix.clone(),
            }),
            Target::Shared(_) => None,
        })
        .collect()
}

/// Writes every show's changes in one transaction that holds the write
/// lock from its start; returns the shows as they were stored before and
/// what changed.
async fn write_changes(
    db: &Db,
    seeds: &SeedSet,
    rosters: &[Arc<Roster>],
    progress: &dyn Progress,
    started: std::time::Instant,
) -> Result<(HashMap<String, sql::StoredShow>, Vec<Change>, i64)> {
    // Only one process imports at a time; another one waits here, and
    // then finds what this one wrote.
    let mut import = db.begin_import().await?;
    let mut tx = import.conn();
    let changes_before = sql::total_changes(&mut tx).await?;
    let stored = sql::shows(&mut tx).await?;
    let mut changed = Vec::new();
    for (show, roster) in seeds.shows.iter().zip(rosters) {
        import_show(
            &mut tx,
            show,
            roster,
            stored.get(&show.slug),
            progress,
            &mut changed,
        )
        .await
        .with_context(|| format!("importing show {} failed; nothing was written", show.slug))?;
    }
    let rows_written = sql::total_changes(&mut tx).await? - changes_before;
    tracing::debug!(rows_written, elapsed = ?started.elapsed(), "wrote the changes");
    if rows_written > 0 || !changed.is_empty() || !db.counts_rows() {
        // Every process serving this catalog reloads it at its next request.
        crate::store::versions::catalog_changed(&mut tx).await?;
    }
    match &seeds.look {
        Some(look) if look.settled() => {
            let by = (look.print.as_str(), crate::kept::maker());
            kept::record_seeds_look(&mut tx, &look.folder, by, look.taken_ms).await?;
        }
        Some(look) => kept::forget_seeds_look(&mut tx, &look.folder).await?,
        None => {}
    }
    db.end_import(import).await?;
    tracing::debug!(elapsed = ?started.elapsed(), "committed");
    Ok((stored, changed, rows_written))
}

/// Imports one show inside the import's transaction: its row, roster,
/// episodes, recaps (only those whose content changed are analysed and
/// written again), their facts and its questions.
async fn import_show(
    tx: &mut Conn<'_>,
    show: &ShowSeed,
    roster: &Arc<Roster>,
    stored: Option<&sql::StoredShow>,
    progress: &dyn Progress,
    changed: &mut Vec<Change>,
) -> Result<()> {
    let slug = show.slug.clone();
    let (show_id, roster_changed) = match stored {
        None => {
            changed.push(Change::ShowAdded { show: slug.clone() });
            (sql::insert_show(tx, show).await?, true)
        }
        Some(s) if s.manifest_hash == show.manifest_hash => (s.id, false),
        Some(s) => {
            sql::update_show(tx, s.id, show).await?;
            changed.push(Change::ShowUpdated { show: slug.clone() });
            (s.id, true)
        }
    };
    let char_ids = sync_characters(tx, show, show_id, roster_changed, changed).await?;
    let episodes = sync_episodes(tx, show, show_id, changed).await?;
    let ids = Ids {
        show: show_id,
        episodes: &episodes.ids,
        characters: &char_ids,
    };
    // Who shares a name is read by who is known by each episode: when
    // that moved (a recap now names someone earlier, or no longer does),
    // the facts this import keeps are read again too.
    let known_moved = match stored {
        Some(_) if !roster_changed => {
            shared_known_moved(tx, show, roster, show_id, &char_ids).await?
        }
        _ => false,
    };
    let written = sync_recaps(tx, show, &ids, changed).await?;
    for e in &episodes.gone {
        sql::delete_episode(tx, e.id).await?;
        changed.push(Change::EpisodeRemoved {
            show: slug.clone(),
            episode: episode_code(e.season, e.episode),
        });
    }
    // Replaced and removed recaps have lost their facts by now, so what the
    // show still holds is exactly what this import keeps.
    if (roster_changed || known_moved) && stored.is_some() {
        retag(tx, show, roster, show_id, &char_ids, changed).await?;
    }
    progress.recaps(written.len() as u64);
    write_facts(tx, &slug, roster, &ids, &written, (progress, changed)).await?;
    if stored.map_or("", |s| s.questions_hash.as_str()) != show.questions_hash {
        sql::replace_seed_questions(tx, show_id, &slug, &show.questions_hash, &show.questions)
            .await?;
        changed.push(Change::QuestionsReplaced {
            show: slug,
            questions: show.questions.len(),
        });
    }
    Ok(())
}

/// The rows a show's facts point at.
struct Ids<'a> {
    show: i64,
    /// Episode row by (season, episode).
    episodes: &'a HashMap<(u32, u32), i64>,
    /// Character row by roster position.
    characters: &'a [i64],
}

/// A show's episodes after [`sync_episodes`].
struct Episodes {
    /// Row by (season, episode), for every episode a recap has.
    ids: HashMap<(u32, u32), i64>,
    /// Stored episodes no recap has any more, to delete once their recaps
    /// are gone.
    gone: Vec<crate::store::catalog::EpisodeRow>,
}

/// One row per (season, episode) a recap has, titled by the English
/// recap when there is one; titles and air dates that changed are updated.
async fn sync_episodes(
    tx: &mut Conn<'_>,
    show: &ShowSeed,
    show_id: i64,
    changed: &mut Vec<Change>,
) -> Result<Episodes> {
    let slug = &show.slug;
    let mut wanted: BTreeMap<(u32, u32), (&str, Option<&str>)> = BTreeMap::new();
    for r in &show.recaps {
        let entry = wanted
            .entry((r.season, r.episode))
            .or_insert((r.title.as_str(), r.aired.as_deref()));
        if r.language == Language::En {
            entry.0 = &r.title;
        }
        if entry.1.is_none() {
            entry.1 = r.aired.as_deref();
        }
    }
    let mut ids: HashMap<(u32, u32), i64> = HashMap::new();
    let mut gone = Vec::new();
    for e in sql::episodes(tx, show_id).await? {
        match wanted.get(&(e.season, e.episode)) {
            None => {
                gone.push(e);
                continue;
            }
            Some((title, aired)) if e.title != *title || e.aired.as_deref() != *aired => {
                sql::update_episode(tx, e.id, title, *aired).await?;
                changed.push(Change::EpisodeUpdated {
                    show: slug.clone(),
                    episode: episode_code(e.season, e.episode),
                });
            }
            Some(_) => {}
        }
        ids.insert((e.season, e.episode), e.id);
    }
    let new: Vec<sql::NewEpisode> = wanted
        .iter()
        .filter(|(key, _)| !ids.contains_key(key))
        .map(|(&(season, episode), &(title, aired))| (season, episode, title, aired))
        .collect();
    ids.extend(sql::insert_episodes(tx, show_id, &new).await?);
    changed.extend(
        new.iter()
            .map(|&(season, episode, ..)| Change::EpisodeAdded {
                show: slug.clone(),
                episode: episode_code(season, episode),
            }),
    );
    Ok(Episodes { ids, gone })
}

/// Adds, replaces, moves and removes recaps; returns every recap added or
/// replaced, whose facts are written once the old ones are gone.
async fn sync_recaps<'s>(
    tx: &mut Conn<'_>,
    show: &'s ShowSeed,
    ids: &Ids<'_>,
    changed: &mut Vec<Change>,
) -> Result<Vec<Written<'s>>> {
    let slug = &show.slug;
    let mut stored_recaps: HashMap<(u32, u32, String), sql::StoredRecap> =
        sql::recaps(tx, ids.show)
            .await?
            .into_iter()
            .map(|r| ((r.season, r.episode, r.language.clone()), r))
            .collect();
    // Recaps to write, each with its row once it has one, and whether it
    // replaces a stored one.
    let mut written: Vec<(&'s RecapFile, Option<i64>, bool)> = Vec::new();
    for r in &show.recaps {
        let language = r.language.code().to_string();
        let path = r.path.to_string_lossy().into_owned();
        match stored_recaps.remove(&(r.season, r.episode, language.clone())) {
            Some(old) if old.content_hash == r.hash => {
                if old.path != path {
                    sql::move_recap(tx, old.id, &path).await?;
                    changed.push(Change::RecapMoved {
                        show: slug.clone(),
                        episode: episode_code(r.season, r.episode),
                        language,
                        from: old.path,
                        to: path,
                    });
                }
            }
            Some(old) => {
                sql::replace_recap(tx, old.id, r).await?;
                written.push((r, Some(old.id), true));
            }
            None => written.push((r, None, false)),
        }
    }
    let new: Vec<(i64, &RecapFile)> = written
        .iter()
        .filter(|(_, id, _)| id.is_none())
        .map(|(r, ..)| (ids.episodes[&(r.season, r.episode)], *r))
        .collect();
    let mut new_ids = sql::insert_recaps(tx, &new).await?.into_iter();
    let mut rows = Vec::with_capacity(written.len());
    for (recap, id, replaced) in written {
        let recap_id = match id {
            Some(id) => id,
            None => new_ids.next().context("a new recap has a row")?,
        };
        rows.push(Written {
            recap,
            recap_id,
            episode_id: ids.episodes[&(recap.season, recap.episode)],
            replaced,
        });
    }
    for (_, old) in stored_recaps {
        sql::delete_recap(tx, old.id).await?;
        changed.push(Change::RecapRemoved {
            show: slug.clone(),
            episode: episode_code(old.season, old.episode),
            language: old.language,
        });
    }
    Ok(rows)
}

/// A recap this import writes, with its rows.
struct Written<'s> {
    recap: &'s RecapFile,
    recap_id: i64,
    episode_id: i64,
    /// Whether it replaces a stored recap (else it is new).
    replaced: bool,
}

/// Analyses and writes the facts of the recaps `written`, a batch at a
/// time, the next batch analysed while one is written.
async fn write_facts(
    tx: &mut Conn<'_>,
    slug: &str,
    roster: &Arc<Roster>,
    ids: &Ids<'_>,
    written: &[Written<'_>],
    (progress, changed): (&dyn Progress, &mut Vec<Change>),
) -> Result<()> {
    let batches: Vec<&[Written]> = written.chunks(RECAPS_PER_BATCH).collect();
    let mut next = batches.first().map(|batch| analyze_batch(batch, roster));
    for (i, batch) in batches.iter().enumerate() {
        let analyzed = next.take().context("every batch is analysed")?.await?;
        next = batches.get(i + 1).map(|batch| analyze_batch(batch, roster));
        let mut facts = Vec::new();
        for (w, drafts) in batch.iter().zip(analyzed?) {
            let count = drafts.len();
            facts.extend(facts_of(w, drafts, ids));
            let (show, episode) = (
                slug.to_string(),
                episode_code(w.recap.season, w.recap.episode),
            );
            let language = w.recap.language.code().to_string();
            let path = w.recap.path.to_string_lossy().into_owned();
            changed.push(if w.replaced {
                Change::RecapUpdated {
                    show,
                    episode,
                    language,
                    path,
                    facts: count,
                }
            } else {
                Change::RecapAdded {
                    show,
                    episode,
                    language,
                    path,
                    facts: count,
                }
            });
        }
        sql::insert_facts(tx, &facts).await?;
        progress.written(batch.len() as u64);
    }
    Ok(())
}

/// A recap's analysed sentences as rows, each with the id that says where
/// it sits.
fn facts_of(w: &Written<'_>, facts: Vec<FactDraft>, ids: &Ids<'_>) -> Vec<NewFact> {
    let r = w.recap;
    let order = EpisodeKey::new(r.season, r.episode).order();
    facts
        .into_iter()
        .map(|f| NewFact {
            id: fact_id(ids.show, order, r.language, f.position as i64),
            recap_id: w.recap_id,
            episode_id: w.episode_id,
            show_id: ids.show,
            episode_order: order,
            language: r.language.code(),
            section: f.section,
            paragraph: f.paragraph as i64,
            position: f.position as i64,
            mentions: mentions_of(&f.names, ids.characters),
            numbers: f
                .numbers
                .into_iter()
                .map(|n| NewNumber {
                    start: n.start as i64,
                    end: n.end as i64,
                    surface: n.surface,
                    value: n.value,
                    decimals: n.decimals as i64,
                })
                .collect(),
            text: f.text,
        })
        .collect()
}

/// Brings the stored roster in line with show.toml; returns the row id of
/// every seed character, in roster order.
async fn sync_characters(
    tx: &mut Conn<'_>,
    show: &ShowSeed,
    show_id: i64,
    roster_changed: bool,
    changed: &mut Vec<Change>,
) -> Result<Vec<i64>> {
    let mut stored: HashMap<String, sql::StoredCharacter> = sql::characters(tx, show_id)
        .await?
        .into_iter()
        .map(|c| (c.slug.clone(), c))
        .collect();
    let mut ids = Vec::with_capacity(show.characters.len());
    for (position, c) in show.characters.iter().enumerate() {
        let id = match stored.remove(&c.slug) {
            Some(old) if !roster_changed || old.matches(c, position) => old.id,
            Some(old) => {
                sql::update_character(tx, old.id, position, c).await?;
                changed.push(Change::CharacterUpdated {
                    show: show.slug.clone(),
                    character: c.name.clone(),
                });
                old.id
            }
            None => {
                changed.push(Change::CharacterAdded {
                    show: show.slug.clone(),
                    character: c.name.clone(),
                });
                sql::insert_character(tx, show_id, position, c).await?
            }
        };
        ids.push(id);
    }
    for (_, old) in stored {
        sql::delete_character(tx, old.id).await?;
        changed.push(Change::CharacterRemoved {
            show: show.slug.clone(),
            character: old.name,
        });
    }
    Ok(ids)
}

/// Whether a character who shares a name is known from another episode
/// than the stored tags imply (their earliest roster entry, or else their
/// earliest tag: a shared name is only ever theirs from then on).
async fn shared_known_moved(
    tx: &mut Conn<'_>,
    show: &ShowSeed,
    roster: &Roster,
    show_id: i64,
    char_ids: &[i64],
) -> Result<bool> {
    let sharing = roster.sharing();
    if sharing.is_empty() {
        return Ok(false);
    }
    let first: HashMap<i64, i64> = sql::first_mentions(tx, show_id)
        .await?
        .into_iter()
        .collect();
    Ok(sharing.iter().any(|&(i, known)| {
        let declared = show.characters[i].about.iter().filter_map(|a| a.from).min();
        let tagged = first.get(&char_ids[i]).map(|o| EpisodeKey::from_order(*o));
        let stored = declared.into_iter().chain(tagged).min().unwrap_or(NEVER);
        stored != known
    }))
}

/// Tags the facts of a show that this import kept, against the new roster.
async fn retag(
    tx: &mut Conn<'_>,
    show: &ShowSeed,
    roster: &Roster,
    show_id: i64,
    char_ids: &[i64],
    changed: &mut Vec<Change>,
) -> Result<()> {
    let kept = sql::show_facts(tx, show_id).await?;
    if kept.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = kept.iter().map(|f| f.id).collect();
    sql::delete_mentions(tx, &ids).await?;
    let mut mentions: Vec<(i64, i64, NewMention)> = Vec::new();
    for f in &kept {
        let language = Language::parse(&f.language).unwrap_or(Language::En);
        let at = EpisodeKey::from_order(f.episode_order);
        for m in mentions_of(&roster.find_at(language, &f.text, at), char_ids) {
            mentions.push((f.id, f.episode_order, m));
        }
    }
    let refs: Vec<(i64, i64, &NewMention)> = mentions
        .iter()
        .map(|(id, order, m)| (*id, *order, m))
        .collect();
    sql::insert_mentions(tx, &refs).await?;
    changed.push(Change::MentionsRetagged {
        show: show.slug.clone(),
        facts: kept.len(),
        mentions: mentions.len(),
    });
    Ok(())
}
