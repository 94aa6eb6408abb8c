//! Autocomplete: episodes, characters and shows, gated like replies, so
//! nothing the member has not reached is offered.

use anyhow::Result;

use crate::model::EpisodeKey;
use crate::render::title_in;
use crate::request::{Choice, Ctx, SuggestKind};
use crate::text::{NameQuery, fold, match_score};

use super::Shared;
use super::catalog::resolve_show;

/// Autocomplete candidates, gated like replies: nothing the member has
/// not reached is offered.
pub async fn suggest(
    shared: &Shared,
    ctx: &Ctx,
    kind: SuggestKind,
    partial: &str,
    show: Option<&str>,
) -> Result<Vec<Choice>> {
    const MAX: usize = 25;
    let l = ctx.locale;
    let index = shared.sync().await?;
    if kind == SuggestKind::Show {
        // Shows are no spoilers: every one is offered.
        let mut scored: Vec<(u8, Choice)> = index
            .shows
            .iter()
            .filter_map(|s| {
                let score = if partial.trim().is_empty() {
                    Some(0)
                } else {
                    [s.slug.as_str(), s.title.raw()]
                        .iter()
                        .filter_map(|n| match_score(partial, n))
                        .min()
                };
                score.map(|score| {
                    (
                        score,
                        Choice {
                            label: s.title.raw().to_string(),
                            value: s.slug.clone(),
                        },
                    )
                })
            })
            .collect();
        scored.sort_by_key(|(score, _)| *score);
        return Ok(scored
            .into_iter()
            .take(MAX)
            .map(|(_, c)| c.fitted())
            .collect());
    }
    let Ok(show) = resolve_show(&index, l, show) else {
        return Ok(Vec::new());
    };
    let gate = shared.gate(ctx, show.id).await?;
    let partial = partial.trim();
    // Folded and measured once, not once per episode.
    let query = NameQuery::new(partial);
    let mut scored: Vec<(u8, usize, Choice)> = Vec::new();
    match kind {
        SuggestKind::Episode | SuggestKind::ProgressEpisode => {
            for (i, e) in show.episodes.iter().enumerate() {
                // Later episodes: codes only, and only to set progress.
                let title = gate.within_progress(title_in(e, l));
                if kind == SuggestKind::Episode && title.is_none() {
                    continue;
                }
                let code = e.key.to_string();
                let score = if partial.is_empty()
                    || code.to_lowercase().starts_with(&partial.to_lowercase())
                    || EpisodeKey::parse(partial) == Some(e.key)
                {
                    Some(0)
                } else {
                    title.and_then(|title| query.score(&fold(title)))
                };
                if let Some(score) = score {
                    let label = match title {
                        Some(title) => format!("{code} · {title}"),
                        None => code.clone(),
                    };
                    scored.push((score, i, Choice { label, value: code }));
                }
            }
        }
        SuggestKind::Show => {}
        SuggestKind::Character => {
            let matched: Vec<(usize, u8)> = if partial.is_empty() {
                (0..show.characters.len()).map(|i| (i, 0)).collect()
            } else {
                show.match_characters(&query)
            };
            for (i, score) in matched {
                let Some(name) = gate.within_progress(&show.characters[i].name) else {
                    continue;
                };
                scored.push((
                    score,
                    i,
                    Choice {
                        label: name.to_string(),
                        value: name.to_string(),
                    },
                ));
            }
        }
    }
    scored.sort_by_key(|(score, i, _)| (*score, *i));
    Ok(scored
        .into_iter()
        .take(MAX)
        .map(|(_, _, c)| c.fitted())
        .collect())
}
