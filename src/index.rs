//! The catalog in memory: shows, episodes, characters and the episodes each
//! character is named in. Lookups resolve what a member typed here, and gate
//! names by where they first appear, without touching the database.

use std::collections::HashMap;

use crate::model::EpisodeKey;
use crate::model::{Kind, Language};
use crate::spoiler::{NEVER, Told};
use crate::store::lookup::Snapshot;
use crate::text::{fold, match_folded};

/// The in-memory catalog.
#[derive(Debug, Default)]
pub struct Index {
    /// Shows in slug order.
    pub shows: Vec<Show>,
    /// Every fact, laid out for lookups.
    pub facts: crate::facts::Facts,
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
    /// The roster by folded name and alias: a name asked exactly needs no
    /// look at the rest of the roster.
    by_name: HashMap<String, Vec<usize>>,
}

/// An episode.
#[derive(Debug, Clone)]
pub struct Episode {
    /// Row id.
    pub id: i64,
    /// Its place in the show.
    pub key: EpisodeKey,
    /// Title.
    pub title: Told,
    /// Air date.
    pub aired: Option<Told>,
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
    pub title: Told,
    /// Headline.
    pub headline: Option<Told>,
    /// Source.
    pub source: Option<Told>,
}

/// A character, role or production.
#[derive(Debug, Clone)]
pub struct Character {
    /// Row id.
    pub id: i64,
    /// Slug.
    pub slug: String,
    /// Name, told where they are first named ([`NEVER`] if nowhere).
    pub name: Told,
    /// Kind.
    pub kind: Kind,
    /// Actor, told with the name.
    pub played_by: Option<Told>,
    /// Production of a role, told with the name.
    pub in_production: Option<Told>,
    /// Who they are: entries told from an episode each, in that order.
    pub about: Vec<About>,
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
        std::iter::once(self.name.unrendered()).chain(self.aliases.iter().map(String::as_str))
    }

    /// The roster text a member who has watched up to `watched` reads, in
    /// `language` when there is such an entry: the latest entry within
    /// their progress in that language, else in any language.
    pub fn about_for(&self, watched: Option<EpisodeKey>, language: Language) -> Option<&Told> {
        let within = |a: &&About| watched.is_some_and(|w| a.text.at() <= w);
        let latest = |lang: Option<Language>| {
            self.about
                .iter()
                .filter(within)
                .filter(|a| lang.is_none_or(|l| a.language == l))
                .max_by_key(|a| a.text.at())
        };
        latest(Some(language))
            .or_else(|| latest(None))
            .map(|a| &a.text)
    }
}

/// One entry of a character's roster text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    /// Its language.
    pub language: Language,
    /// The text, told from the episode the entry starts at.
    pub text: Told,
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
    pub fn from_snapshot(snapshot: Snapshot, facts: crate::facts::Facts) -> Index {
        let keys: HashMap<i64, EpisodeKey> = snapshot
            .episodes
            .iter()
            .map(|e| (e.id, EpisodeKey::new(e.season, e.episode)))
            .collect();
        let mut recaps: HashMap<i64, Vec<Recap>> = HashMap::new();
        for r in snapshot.recaps {
            let (Some(language), Some(&at)) =
                (Language::parse(&r.language), keys.get(&r.episode_id))
            else {
                continue;
            };
            let told = |text: String| Told::new(at, text);
            recaps.entry(r.episode_id).or_default().push(Recap {
                language,
                title: told(r.title),
                headline: r.headline.map(told),
                source: r.source.map(told),
            });
        }
        type Counts = [usize; Language::ALL.len()];
        let mut appearances: HashMap<i64, (Vec<EpisodeKey>, Vec<Counts>)> = HashMap::new();
        for (character, order, language, facts) in facts.appearances() {
            let (keys, counts) = appearances.entry(character).or_default();
            let key = EpisodeKey::from_order(order);
            if keys.last() != Some(&key) {
                keys.push(key);
                counts.push([0; Language::ALL.len()]);
            }
            if let Some(slot) = counts.last_mut().and_then(|c| c.get_mut(language)) {
                *slot = facts;
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
                by_name: HashMap::new(),
            })
            .collect();
        let position: HashMap<i64, usize> =
            shows.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        for e in snapshot.episodes {
            let Some(&i) = position.get(&e.show_id) else {
                continue;
            };
            let recaps = recaps.remove(&e.id).unwrap_or_default();
            let mut folded: Vec<String> = std::iter::once(e.title.as_str())
                .chain(recaps.iter().map(|r| r.title.unrendered()))
                .map(fold)
                .collect();
            folded.dedup();
            let key = EpisodeKey::new(e.season, e.episode);
            shows[i].episodes.push(Episode {
                key,
                recaps,
                folded,
                id: e.id,
                title: Told::new(key, e.title),
                aired: e.aired.map(|a| Told::new(key, a)),
            });
        }
        for c in snapshot.characters {
            let Some(&i) = position.get(&c.show_id) else {
                continue;
            };
            let (seen, facts) = appearances.remove(&c.id).unwrap_or_default();
            // A character is known from their earliest roster entry (the
            // roster's word for their first appearance), or else from the
            // first recap naming them; roster text is never told earlier.
            let first = c
                .about
                .iter()
                .filter_map(|a| a.from)
                .chain(seen.first().copied())
                .min()
                .unwrap_or(NEVER);
            let told = |text: String| Told::new(first, text);
            let about = c
                .about
                .into_iter()
                .map(|a| About {
                    language: a.language.unwrap_or(Language::En),
                    text: Told::new(a.from.map_or(first, |f| f.max(first)), a.text),
                })
                .collect();
            shows[i].characters.push(Character {
                kind: Kind::parse(&c.kind).unwrap_or(Kind::Person),
                folded: std::iter::once(&c.name)
                    .chain(&c.aliases)
                    .map(|n| fold(n))
                    .collect(),
                appearances: seen,
                facts,
                id: c.id,
                slug: c.slug,
                name: told(c.name),
                played_by: c.played_by.map(told),
                in_production: c.in_production.map(told),
                about,
                aliases: c.aliases,
            });
        }
        for show in &mut shows {
            show.episodes.sort_by_key(|e| e.key);
            for (i, c) in show.characters.iter().enumerate() {
                for name in &c.folded {
                    let entry = show.by_name.entry(name.trim().to_string()).or_default();
                    if !entry.contains(&i) {
                        entry.push(i);
                    }
                }
            }
        }
        Index { shows, facts }
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
        let query = fold(query);
        // A name asked exactly is the best match there can be.
        if let Some(exact) = self.by_name.get(query.trim()) {
            let found: Vec<&Character> = exact
                .iter()
                .map(|&i| &self.characters[i])
                .filter(|c| allowed(c))
                .collect();
            match found.len() {
                0 => {}
                1 => return Found::One(found[0]),
                _ => return Found::Several(found),
            }
        }
        best(&self.characters, &query, allowed, |c| {
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
                        .as_ref()
                        .is_some_and(|p| production.names().any(|n| n == p.unrendered()))
            })
            .collect()
    }
}
