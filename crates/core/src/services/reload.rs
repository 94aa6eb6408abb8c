//! The live catalog: the seeds imported again while the bot runs (when
//! the files change, or when an owner asks), and what the last import did.
//! An import is all or nothing, so a broken edit leaves the catalog in use
//! as it was; every request reads the new one once it is committed.

use std::path::{Path, PathBuf};

use tokio::sync::Mutex;

use super::Shared;
use crate::error::{SeedError, refuse};
use crate::i18n::{n, s, t};
use crate::import::{ImportError, Refreshed, refresh};
use crate::index::Index;
use crate::model::EpisodeKey;
use crate::reply::Reply;
use crate::request::Ctx;
use crate::spoiler::escape_markdown;

/// Problems listed in a reply, at most; the log has them all.
const LISTED: usize = 10;

/// What set an import off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Start-up.
    Start,
    /// The seed files changed.
    Watch,
    /// An owner's `/catalog reload`.
    Command,
}

impl Trigger {
    fn key(self) -> &'static str {
        match self {
            Trigger::Start => "catalog-trigger-start",
            Trigger::Watch => "catalog-trigger-watch",
            Trigger::Command => "catalog-trigger-command",
        }
    }
}

/// How an import ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Imported: this many changes.
    Imported {
        /// Changes written.
        changes: usize,
    },
    /// The seeds have problems (each with its place); nothing changed.
    Refused(Vec<SeedError>),
    /// The database failed; nothing changed.
    Failed(String),
}

/// The last import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastImport {
    /// When it ran (ms since the epoch).
    pub at_ms: i64,
    /// What set it off.
    pub trigger: Trigger,
    /// How it ended.
    pub outcome: ImportOutcome,
}

/// The seeds folder and the last import of it; one import at a time.
#[derive(Debug, Default)]
pub struct Reloads {
    last: Mutex<Option<LastImport>>,
    running: Mutex<()>,
    seeds: std::sync::Mutex<Option<PathBuf>>,
}

impl Reloads {
    /// Where the seeds are, for reloads (set once the bot knows).
    pub fn set_seeds(&self, dir: &Path) {
        *self.seeds.lock().unwrap_or_else(|e| e.into_inner()) = Some(dir.to_path_buf());
    }

    fn seeds(&self) -> Option<PathBuf> {
        self.seeds.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Records an import made elsewhere (the one at start-up).
    pub(crate) async fn record(&self, last: LastImport) {
        *self.last.lock().await = Some(last);
    }

    /// The last import, if any.
    pub(crate) async fn last(&self) -> Option<LastImport> {
        self.last.lock().await.clone()
    }

    /// Imports the seeds again, after any import already running. The
    /// catalog in use changes only if the import succeeds.
    pub async fn reload(&self, shared: &Shared, trigger: Trigger, now_ms: i64) -> LastImport {
        let _one = self.running.lock().await;
        let outcome = match self.seeds() {
            None => ImportOutcome::Failed("no seeds folder is known".to_string()),
            Some(dir) => match refresh(&shared.db, &dir).await {
                Ok(Refreshed::AsImported) => ImportOutcome::Imported { changes: 0 },
                Ok(Refreshed::Imported(report)) => {
                    tracing::info!(changes = report.changed.len(), ?trigger, "catalog imported");
                    ImportOutcome::Imported {
                        changes: report.changed.len(),
                    }
                }
                Err(ImportError::Seeds(errors)) => {
                    for p in &errors.0 {
                        tracing::warn!(problem = %p, "the seeds changed but do not load; the catalog in use is unchanged");
                    }
                    ImportOutcome::Refused(errors.0)
                }
                Err(e) => {
                    tracing::error!(error = %e, "the catalog import failed; the catalog in use is unchanged");
                    ImportOutcome::Failed(format!("{e:#}"))
                }
            },
        };
        // The seeds read and weighed are let go, also when a bot that is
        // serving already looks them over.
        super::catalog::give_back_freed_memory();
        let last = LastImport {
            at_ms: now_ms,
            trigger,
            outcome,
        };
        *self.last.lock().await = Some(last.clone());
        last
    }
}

/// The episode a seed problem belongs to, as the catalog in use orders
/// them: a recap's problem to its episode (read from the file's name), any
/// other file's (show.toml holds every episode's roster) to the show's last
/// episode. `None` when the file is no show's the catalog has.
fn problem_level(index: &Index, p: &SeedError) -> Option<(i64, EpisodeKey)> {
    let show = index.shows.iter().find(|show| {
        p.path
            .components()
            .any(|c| c.as_os_str().to_string_lossy() == show.slug)
    })?;
    let stem = p
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let in_episodes = p
        .path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "episodes");
    let own = in_episodes
        .then(|| stem.split('.').next().and_then(EpisodeKey::parse))
        .flatten();
    let at = own.or_else(|| show.episodes.last().map(|e| e.key))?;
    Some((show.id, at))
}

/// The reply to an owner about an import, as far as they may see: a seed
/// problem is quoted only when its file belongs to an episode within their
/// progress (see [`problem_level`]); the others are neither quoted nor
/// counted, and one sentence, the same whatever is hidden, says where all
/// of them are listed.
pub(crate) async fn describe(
    shared: &Shared,
    ctx: &Ctx,
    last: &LastImport,
) -> anyhow::Result<Vec<String>> {
    let l = ctx.locale;
    let mut lines = vec![t(l, last.trigger.key(), &[s("at", clock(last.at_ms))])];
    match &last.outcome {
        // How many changes an import wrote counts later episodes too: the
        // owner is told that it went in, not how much.
        ImportOutcome::Imported { .. } => lines.push(t(l, "catalog-imported", &[])),
        ImportOutcome::Refused(problems) => {
            let index = shared.index();
            let mut visible = Vec::new();
            for p in problems {
                if let Some((show, at)) = problem_level(&index, p)
                    && shared
                        .gate(ctx, show)
                        .await?
                        .watched()
                        .is_some_and(|w| at <= w)
                {
                    visible.push(p);
                }
            }
            lines.push(t(l, "catalog-refused", &[n("problems", visible.len())]));
            lines.extend(
                visible
                    .iter()
                    .take(LISTED)
                    .map(|p| format!("- {}", escape_markdown(&p.to_string()))),
            );
            if visible.len() > LISTED {
                lines.push(t(
                    l,
                    "catalog-more-problems",
                    &[n("more", visible.len() - LISTED)],
                ));
            }
            lines.push(t(l, "catalog-problems-elsewhere", &[]));
        }
        ImportOutcome::Failed(why) => lines.push(t(l, "catalog-failed", &[s("why", why.clone())])),
    }
    Ok(lines)
}

/// A time as UTC "2026-11-30 09:41:07".
fn clock(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    // Days since 1970-01-01 to a civil date (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// `/catalog status` and `/catalog reload`, for the bot's owners only.
pub async fn catalog(
    shared: &Shared,
    reloads: &Reloads,
    ctx: &Ctx,
    owner: bool,
    reload: bool,
    now_ms: i64,
) -> crate::error::Outcome<Reply> {
    let l = ctx.locale;
    if !owner {
        return refuse(Reply::line(t(l, "catalog-owners-only", &[])).private());
    }
    let last = if reload {
        Some(reloads.reload(shared, Trigger::Command, now_ms).await)
    } else {
        reloads.last().await
    };
    let index = shared.sync().await?;
    // Counted as /about counts: only what the owner may see, the line
    // wrapped where that is past what the channel may discuss.
    let (mut episodes, mut facts, mut wrapped) = (0, 0, false);
    for show in &index.shows {
        let gate = shared.gate(ctx, show.id).await?;
        wrapped |= gate.plain_upto() != gate.watched();
        if let Some(w) = gate.watched() {
            episodes += show.episodes.iter().filter(|e| e.key <= w).count();
            facts += index.facts.count_upto(show.id, w.order()) as usize;
        }
    }
    let mut reply = Reply {
        private: true,
        title: Some(t(l, "catalog-title", &[])),
        ..Reply::default()
    };
    let loaded = t(
        l,
        "catalog-loaded",
        &[
            n("shows", index.shows.len()),
            n("episodes", episodes),
            n("facts", facts),
        ],
    );
    reply.lines.push(if wrapped {
        crate::spoiler::wrap(&loaded)
    } else {
        loaded
    });
    if let Some(dir) = reloads.seeds() {
        reply.lines.push(t(
            l,
            "catalog-seeds",
            &[s("dir", dir.display().to_string())],
        ));
    }
    match last {
        Some(last) => reply.lines.extend(describe(shared, ctx, &last).await?),
        None => reply.lines.push(t(l, "catalog-no-import", &[])),
    }
    Ok(reply)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc() {
        assert_eq!(clock(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(clock(1_796_031_667_000), "2026-11-30 09:41:07 UTC");
        assert_eq!(clock(951_782_400_000), "2000-02-29 00:00:00 UTC");
    }
}
