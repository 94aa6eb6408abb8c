//! Autocomplete: episodes, characters and shows, gated like replies, so
//! nothing the member has not reached is offered.

use anyhow::Result;

use crate::i18n::Locale;
use crate::index::{Index, Show};
use crate::model::EpisodeKey;
use crate::render::title_in;
use crate::request::{Choice, Ctx, SuggestKind};
use crate::spoiler::Gate;
use crate::text::{NameQuery, fold, match_score};

use super::Shared;
use super::catalog::resolve_show;

/// Most suggestions Discord shows.
const MAX: usize = 25;

/// Autocomplete candidates, gated like replies: nothing the member has
/// not reached is offered.
pub async fn suggest(
    shared: &Shared,
    ctx: &Ctx,
    kind: SuggestKind,
    partial: &str,
    show: Option<&str>,
) -> Result<Vec<Choice>> {
    let l = ctx.locale;
    let index = shared.sync().await?;
    if kind == SuggestKind::Show {
        return Ok(shows(&index, partial));
    }
    let Ok(show) = resolve_show(&index, l, show) else {
        return Ok(Vec::new());
    };
    let gate = shared.gate(ctx, show.id).await?;
    let partial = partial.trim();
    let mut scored = match kind {
        SuggestKind::Episode | SuggestKind::ProgressEpisode => {
            episodes(show, &gate, kind == SuggestKind::Episode, partial, l)
        }
        SuggestKind::Character => characters(show, &gate, partial),
        SuggestKind::Show => Vec::new(),
    };
    scored.sort_by_key(|(score, i, _)| (*score, *i));
    Ok(scored
        .into_iter()
        .take(MAX)
        .map(|(_, _, c)| c.fitted())
        .collect())
}

/// Every show whose slug or title matches: shows are no spoilers.
fn shows(index: &Index, partial: &str) -> Vec<Choice> {
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
    scored
        .into_iter()
        .take(MAX)
        .map(|(_, c)| c.fitted())
        .collect()
}

/// Episodes matching by code or title, each with its score and place.
/// Past the member's progress an episode is offered by its code alone,
/// and only where `titled_only` is off (setting progress).
fn episodes(
    show: &Show,
    gate: &Gate,
    titled_only: bool,
    partial: &str,
    l: Locale,
) -> Vec<(u8, usize, Choice)> {
    // Folded and measured once, not once per episode.
    let query = NameQuery::new(partial);
    let mut scored = Vec::new();
    for (i, e) in show.episodes.iter().enumerate() {
        let title = gate.within_progress(title_in(e, l));
        if titled_only && title.is_none() {
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
    scored
}

/// Characters the member has met whose names match, each with its score
/// and place in the roster.
fn characters(show: &Show, gate: &Gate, partial: &str) -> Vec<(u8, usize, Choice)> {
    let matched: Vec<(usize, u8)> = if partial.is_empty() {
        (0..show.characters.len()).map(|i| (i, 0)).collect()
    } else {
        show.match_characters(&NameQuery::new(partial))
    };
    matched
        .into_iter()
        .filter_map(|(i, score)| {
            let name = gate.within_progress(&show.characters[i].name)?;
            let choice = Choice {
                label: name.to_string(),
                value: name.to_string(),
            };
            Some((score, i, choice))
        })
        .collect()
}
