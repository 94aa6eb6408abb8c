//! The catalog in memory: shows, episodes, characters and the episodes each
//! character is named in. Lookups resolve what a member typed here, and gate
//! names by where they first appear, without touching the database.

use std::collections::HashMap;

use crate::catalog::{Kind, Language};
use crate::spoiler::EpisodeKey;
use crate::store::lookup::Snapshot;
use crate::text::{fold, match_folded};

/// The in-memory catalog.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Shows in slug order.
    pub shows: Vec<Show>,
}

/// A show.
#[derive(Debug, Clone)]
pub struct Show {
    /// Row id.
    pub id: i64,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Episodes in order.
    pub episodes: Vec<Episode>,
    /// Roster in show.toml order.
    pub characters: Vec<Character>,
}

/// An episode.
#[derive(Debug, Clone)]
pub struct Episode {
    /// Row id.
    pub id: i64,
    /// Its place in the show.
    pub key: EpisodeKey,
    /// Title.
    pub title: String,
    /// Air date.
    pub aired: Option<String>,
    /// Its recaps, by language.
    pub recaps: Vec<Recap>,
    /// Its titles, folded for matching.
    folded: Vec<String>,
}

/// A recap of an episode.
#[derive(Debug, Clone)]
pub struct Recap {
    /// Language.
    pub language: Language,
    /// The title this recap gives the episode.
    pub title: String,
    /// Headline.
    pub headline: Option<String>,
    /// Source.
    pub source: Option<String>,
}

/// A character, role or production.
#[derive(Debug, Clone)]
pub struct Character {
    /// Row id.
    pub id: i64,
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Actor.
    pub played_by: Option<String>,
    /// Production of a role.
    pub in_production: Option<String>,
    /// Who they are.
    pub about: Option<String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Episodes they are named in, in order.
    pub appearances: Vec<EpisodeKey>,
    /// For each appearance, how many facts of each language name them.
    pub facts: Vec<[usize; Language::ALL.len()]>,
    /// Name and aliases, folded for matching.
    folded: Vec<String>,
}

impl Character {
    /// The first episode naming them.
    pub fn first_seen(&self) -> Option<EpisodeKey> {
        self.appearances.first().copied()
    }

    /// Name and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// How many facts naming them lie after `after`, counting for each
    /// episode only the languages `take(episode, language)` accepts.
    pub fn facts_after(
        &self,
        after: EpisodeKey,
        take: impl Fn(EpisodeKey, Language) -> bool,
    ) -> usize {
        let from = self.appearances.partition_point(|k| *k <= after);
        self.appearances[from..]
            .iter()
            .zip(&self.facts[from..])
            .map(|(key, counts)| {
                Language::ALL
                    .iter()
                    .zip(counts)
                    .filter(|(l, _)| take(*key, **l))
                    .map(|(_, n)| n)
                    .sum::<usize>()
            })
            .sum()
    }
}

/// What resolving a typed name found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<'a, T> {
    /// Exactly one match (or one clearly best).
    One(&'a T),
    /// Several equally good matches.
    Several(Vec<&'a T>),
    /// Nothing.
    Nothing,
}

/// The key of an episode order number.
pub fn key_of_order(order: i64) -> EpisodeKey {
    EpisodeKey::new((order / 10_000) as u32, (order % 10_000) as u32)
}

/// The order number of an episode key.
pub fn order_of_key(key: EpisodeKey) -> i64 {
    crate::store::catalog::episode_order(key.season, key.episode)
}

/// The best matches of `query` (folded) among `items` allowed by
/// `allowed`, judged by the folded names `names` gives each.
fn best<'a, T, N>(
    items: &'a [T],
    query: &str,
    allowed: impl Fn(&T) -> bool,
    names: N,
) -> Found<'a, T>
where
    N: Fn(&'a T) -> Vec<&'a str>,
{
    let mut best_score = u8::MAX;
    let mut found: Vec<&T> = Vec::new();
    for item in items.iter().filter(|i| allowed(i)) {
        let Some(score) = names(item)
            .into_iter()
            .filter_map(|n| match_folded(query, n))
            .min()
        else {
            continue;
        };
        if score < best_score {
            best_score = score;
            found.clear();
        }
        if score == best_score {
            found.push(item);
        }
    }
    match found.len() {
        0 => Found::Nothing,
        1 => Found::One(found[0]),
        _ => Found::Several(found),
    }
}

impl Index {
    /// Builds the index from a database snapshot.
    pub fn from_snapshot(snapshot: Snapshot) -> Index {
        let mut recaps: HashMap<i64, Vec<Recap>> = HashMap::new();
        for r in snapshot.recaps {
            let Some(language) = Language::parse(&r.language) else {
                continue;
            };
            recaps.entry(r.episode_id).or_default().push(Recap {
                language,
                title: r.title,
                headline: r.headline,
                source: r.source,
            });
        }
        type Counts = [usize; Language::ALL.len()];
        let mut appearances: HashMap<i64, (Vec<EpisodeKey>, Vec<Counts>)> = HashMap::new();
        for (character, order, language, facts) in snapshot.appearances {
            let (keys, counts) = appearances.entry(character).or_default();
            let key = key_of_order(order);
            if keys.last() != Some(&key) {
                keys.push(key);
                counts.push([0; Language::ALL.len()]);
            }
            if let Some(slot) = counts.last_mut().and_then(|c| c.get_mut(language as usize)) {
                *slot = facts as usize;
            }
        }
        let mut shows: Vec<Show> = snapshot
            .shows
            .into_iter()
            .map(|s| Show {
                id: s.id,
                slug: s.slug,
                title: s.title,
                episodes: Vec::new(),
                characters: Vec::new(),
            })
            .collect();
        let position: HashMap<i64, usize> =
            shows.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        for e in snapshot.episodes {
            let Some(&i) = position.get(&e.show_id) else {
                continue;
            };
            let recaps = recaps.remove(&e.id).unwrap_or_default();
            let mut folded: Vec<String> = std::iter::once(&e.title)
                .chain(recaps.iter().map(|r| &r.title))
                .map(|t| fold(t))
                .collect();
            folded.dedup();
            shows[i].episodes.push(Episode {
                key: EpisodeKey::new(e.season, e.episode),
                recaps,
                folded,
                id: e.id,
                title: e.title,
                aired: e.aired,
            });
        }
        for c in snapshot.characters {
            let Some(&i) = position.get(&c.show_id) else {
                continue;
            };
            shows[i].characters.push(Character {
                kind: Kind::parse(&c.kind).unwrap_or(Kind::Person),
                folded: std::iter::once(&c.name)
                    .chain(&c.aliases)
                    .map(|n| fold(n))
                    .collect(),
                appearances: Vec::new(),
                facts: Vec::new(),
                id: c.id,
                slug: c.slug,
                name: c.name,
                played_by: c.played_by,
                in_production: c.in_production,
                about: c.about,
                aliases: c.aliases,
            });
        }
        for show in &mut shows {
            show.episodes.sort_by_key(|e| e.key);
            for c in &mut show.characters {
                (c.appearances, c.facts) = appearances.remove(&c.id).unwrap_or_default();
            }
        }
        Index { shows }
    }

    /// The show with this slug (or title, tolerantly).
    pub fn show(&self, query: &str) -> Option<&Show> {
        self.shows.iter().find(|s| s.slug == query).or_else(|| {
            match best(
                &self.shows,
                query,
                |_| true,
                |s| vec![s.slug.as_str(), s.title.as_str()],
            ) {
                Found::One(s) => Some(s),
                _ => None,
            }
        })
    }
}

impl Show {
    /// The episode at `key`.
    pub fn episode(&self, key: EpisodeKey) -> Option<&Episode> {
        self.episodes
            .binary_search_by_key(&key, |e| e.key)
            .ok()
            .map(|i| &self.episodes[i])
    }

    /// Episodes whose title matches `query`, among those `allowed`.
    pub fn find_episode(
        &self,
        query: &str,
        allowed: impl Fn(&Episode) -> bool,
    ) -> Found<'_, Episode> {
        best(&self.episodes, &fold(query), allowed, |e| {
            e.folded.iter().map(String::as_str).collect()
        })
    }

    /// Characters whose name or an alias matches `query`, among those
    /// `allowed`.
    pub fn find_character(
        &self,
        query: &str,
        allowed: impl Fn(&Character) -> bool,
    ) -> Found<'_, Character> {
        best(&self.characters, &fold(query), allowed, |c| {
            c.folded.iter().map(String::as_str).collect()
        })
    }

    /// The characters named in an episode, in roster order.
    pub fn characters_in(&self, key: EpisodeKey) -> Vec<&Character> {
        self.characters
            .iter()
            .filter(|c| c.appearances.binary_search(&key).is_ok())
            .collect()
    }

    /// The roles of a production, in roster order.
    pub fn roles_of(&self, production: &Character) -> Vec<&Character> {
        self.characters
            .iter()
            .filter(|c| {
                c.kind == Kind::Role
                    && c.in_production
                        .as_deref()
                        .is_some_and(|p| production.names().any(|n| n == p))
            })
            .collect()
    }
}
