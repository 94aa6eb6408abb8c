//! The seeds folder, watched while the bot runs: a change (debounced, so
//! a whole save or copy counts once) imports the seeds again. A broken
//! edit leaves the catalog in use as it was; its problems are logged with
//! their places, and the bot's owners are told in a direct message.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use notify::{RecursiveMode, Watcher};
use poise::serenity_prelude as serenity;

use crate::app::App;
use crate::services::reload::{ImportOutcome, LastImport, Trigger};

/// Quiet time after a change before importing: editors and copies write
/// in several steps.
const SETTLE: Duration = Duration::from_millis(400);

/// How long every seed file must keep its size and time before it is
/// read: past the pauses editors make between the parts of one save.
const STABLE: Duration = Duration::from_millis(800);

/// How long after start the shows made from an episode guide are first
/// written again (a bot restarted often still keeps them current).
const FIRST_REFRESH: Duration = Duration::from_secs(60);

/// Keeps the shows of `dir` made from an episode guide current for as
/// long as the process runs: soon after start and then every `every`,
/// each is written again as `show new --update` writes it, and the
/// watcher imports what changed. A guide that cannot be reached is
/// logged and tried again at the next turn.
pub fn refresh_guides(dir: &Path, every: Duration) {
    let dir = dir.to_path_buf();
    tokio::spawn(async move {
        let mut wait = FIRST_REFRESH.min(every);
        loop {
            tokio::time::sleep(wait).await;
            wait = every;
            if crate::guide::guide_shows(&dir).is_empty() {
                continue;
            }
            let guide = match crate::guide::Guide::from_env(true) {
                Ok(guide) => guide,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot reach the episode guide");
                    continue;
                }
            };
            for (show, written) in crate::guide::refresh_all(&guide, &dir).await {
                match written {
                    Ok(w) => tracing::info!(
                        show,
                        written = w.written.len(),
                        kept = w.kept.len(),
                        "renewed from the episode guide"
                    ),
                    Err(e) => {
                        tracing::warn!(show, error = %e, "could not renew from the episode guide")
                    }
                }
            }
        }
    });
}

/// Watches `dir` for as long as the process runs.
pub fn start(
    dir: &Path,
    app: Arc<App>,
    http: Arc<serenity::Http>,
    owners: Arc<HashSet<u64>>,
) -> notify::Result<()> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let again = tx.clone();
    let folder = dir.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
            && event.paths.iter().any(|p| seed_file(p))
        {
            let _ = tx.send(());
        }
    })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;
    tokio::spawn(async move {
        // The watcher lives as long as this task.
        let _watcher = watcher;
        // The problems the owners were last told of: told once, not at
        // every save while the seeds stay broken.
        let mut told: Option<ImportOutcome> = None;
        while rx.recv().await.is_some() {
            // Let the writes settle: whatever else arrives meanwhile is the
            // same change.
            loop {
                tokio::time::sleep(SETTLE).await;
                let mut more = false;
                while rx.try_recv().is_ok() {
                    more = true;
                }
                if !more {
                    break;
                }
            }
            // Quiet is not done: an editor may pause halfway through a
            // save. Read only once every seed file's size and time have
            // stayed the same over [`STABLE`].
            let mut before = snapshot(&folder);
            loop {
                tokio::time::sleep(STABLE).await;
                while rx.try_recv().is_ok() {}
                let now = snapshot(&folder);
                if now == before {
                    break;
                }
                before = now;
            }
            let last = app.reload_catalog(Trigger::Watch, app.now_ms()).await;
            // Written to while it was read: read it again once it settles.
            if snapshot(&folder) != before {
                let _ = again.send(());
            }
            if let ImportOutcome::Imported { changes } = &last.outcome {
                tracing::info!(changes, "the seeds changed: imported");
                told = None;
                continue;
            }
            if told.as_ref() != Some(&last.outcome) {
                tell_owners(&app, &http, &owners, &last).await;
                told = Some(last.outcome.clone());
            }
        }
    });
    Ok(())
}

/// Each seed file under `dir` with its size and modification time: two
/// equal snapshots a settle time apart say nothing is being written.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
    let mut out = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                folders.push(path);
            } else if seed_file(&path) {
                out.insert(path, (meta.len(), meta.modified().ok()));
            }
        }
    }
    out
}

/// Whether a changed path is part of the seeds: not a temporary file
/// being written (`*.new`), an editor's swap or backup file, or a hidden
/// one (`.tvmaze.json`).
fn seed_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !(name.starts_with('.')
        || name.starts_with('~')
        || name.ends_with(".new")
        || name.ends_with(".swp")
        || name.ends_with('~'))
}

/// A direct message to each owner: the seeds do not load, with the
/// problems as far as that owner has watched.
async fn tell_owners(app: &App, http: &serenity::Http, owners: &HashSet<u64>, last: &LastImport) {
    for owner in owners {
        let text = match app.catalog_alert(*owner, last).await {
            Ok(text) => text,
            Err(e) => {
                tracing::warn!(owner, error = %e, "could not say what stops the seeds");
                continue;
            }
        };
        let text: String = text.chars().take(crate::reply::limits::CONTENT).collect();
        let sent = async {
            let channel = serenity::UserId::new(*owner)
                .create_dm_channel(http)
                .await?;
            channel
                .send_message(
                    http,
                    serenity::CreateMessage::new()
                        .content(&text)
                        .allowed_mentions(super::messages::no_pings()),
                )
                .await
        }
        .await;
        if let Err(e) = sent {
            tracing::warn!(owner, error = %e, "could not tell an owner that the seeds do not load");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_changes_with_a_seed_file_and_not_with_an_editors_swap_file() {
        let dir = tempfile::tempdir().unwrap();
        let episodes = dir.path().join("smash/episodes");
        std::fs::create_dir_all(&episodes).unwrap();
        std::fs::write(episodes.join("s01e01.en.md"), "half").unwrap();
        let first = snapshot(dir.path());
        assert_eq!(first.len(), 1);
        assert_eq!(snapshot(dir.path()), first);
        std::fs::write(episodes.join(".s01e01.en.md.swp"), "editor").unwrap();
        assert_eq!(snapshot(dir.path()), first);
        std::fs::write(episodes.join("s01e01.en.md"), "half and the rest").unwrap();
        assert_ne!(snapshot(dir.path()), first);
    }
}
