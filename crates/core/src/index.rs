//! The catalog in memory: shows, episodes, characters and the episodes each
//! character is named in. Lookups resolve what a member typed here, and gate
//! names by where they first appear, without touching the database.

use std::collections::HashMap;

use crate::model::EpisodeKey;
use crate::model::{Kind, Language};
use crate::spoiler::{NEVER, Outside, Told};
use crate::store::lookup::Snapshot;
use crate::text::{NameQuery, NameTable, fold};

/// The in-memory catalog.
#[derive(Debug, Default)]
pub struct Index {
    /// Shows in slug order.
    pub shows: Vec<Show>,
    /// Every fact, laid out for lookups.
    pub facts: crate::facts::Facts,
    /// Slugs and titles, by show place.
    show_names: NameTable,
}

/// A show.
#[derive(Debug, Clone)]
pub struct Show {
    /// Row id.
    pub id: i64,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: Outside,
    /// Whom its data is credited to (show.toml's `credits`).
    pub credits: Option<Outside>,
    /// Episodes in order.
    pub episodes: Vec<Episode>,
    /// Roster in show.toml order.
    pub characters: Vec<Character>,
    /// The roster by folded name and alias: a name asked exactly needs no
    /// look at the rest of the roster.
    by_name: HashMap<String, Vec<usize>>,
    /// Names and aliases of the roster, by roster place.
    names: NameTable,
    /// Episode titles (in every recap's language), by episode place.
    titles: NameTable,
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
}

impl Episode {
    /// The day it aired (YYYY-MM-DD), for the schedule to know when to
    /// tell a channel of it: a reply shows the date through the gate.
    pub fn air_day(&self) -> Option<&str> {
        self.aired.as_ref().map(Told::unrendered)
    }
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
    /// How the recaps refer to them, when the roster says (quiz choices
    /// only; never shown).
    pub pronouns: Option<crate::model::Pronoun>,
    /// Their group, when the roster says (quiz choices only).
    pub group: Option<String>,
    /// Who they are: entries told from an episode each, in that order.
    pub about: Vec<About>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Episodes they are named in, in order.
    pub appearances: Vec<EpisodeKey>,
    /// For each appearance, the episode's place in the show's episodes
    /// (`u32::MAX` for one the catalog does not hold).
    pub places: Vec<u32>,
    /// For each appearance, how many facts of each language name them.
    pub facts: Vec<[usize; Language::ALL.len()]>,
}

impl Character {
    /// Name and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.unrendered()).chain(self.aliases.iter().map(String::as_str))
    }

    /// The roster text a member who has watched up to `watched` reads, in
    /// `language` when there is such an entry: the latest entry within
    /// their progress in that language, else in any language.
    pub(crate) fn about_for(
        &self,
        watched: Option<EpisodeKey>,
        language: Language,
    ) -> Option<&Told> {
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
pub(crate) enum Found<'a, T> {
    /// Exactly one match (or one clearly best).
    One(&'a T),
    /// Several equally good matches.
    Several(Vec<&'a T>),
    /// Nothing.
    Nothing,
}

/// Where each of `keys` (in order) lies among `episodes` (in order), found
/// by walking the two together; `u32::MAX` where it is not there.
fn places_of(episodes: &[Episode], keys: &[EpisodeKey]) -> Vec<u32> {
    let mut at = 0;
    keys.iter()
        .map(|k| {
            at += episodes[at..].partition_point(|e| e.key < *k);
            match episodes.get(at) {
                Some(e) if e.key == *k => u32::try_from(at).unwrap_or(u32::MAX),
                _ => u32::MAX,
            }
        })
        .collect()
}

/// The best matches of `query` among `items` allowed by `allowed`, judged
/// by their names in `names` (owners are places in `items`).
fn best<'a, T>(
    items: &'a [T],
    names: &NameTable,
    query: &NameQuery,
    allowed: impl Fn(&T) -> bool,
) -> Found<'a, T> {
    let mut best_score = u8::MAX;
    let mut found: Vec<&T> = Vec::new();
    names.each_best(query, |owner, score| {
        let Some(item) = items.get(owner as usize) else {
            return;
        };
        if score > best_score || !allowed(item) {
            return;
        }
        if score < best_score {
            best_score = score;
            found.clear();
        }
        found.push(item);
    });
    match found.len() {
        0 => Found::Nothing,
        1 => Found::One(found[0]),
        _ => Found::Several(found),
    }
}

/// What each episode's recaps say of themselves, told from their episode.
fn recaps_by_episode(
    rows: Vec<crate::store::lookup::RecapRow>,
    keys: &HashMap<i64, EpisodeKey>,
) -> HashMap<i64, Vec<Recap>> {
    let mut recaps: HashMap<i64, Vec<Recap>> = HashMap::new();
    for r in rows {
        let (Some(language), Some(&at)) = (Language::parse(&r.language), keys.get(&r.episode_id))
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
    recaps
}

/// Facts naming a character in one episode, by recap language.
type Counts = [usize; Language::ALL.len()];

/// Each character's episodes, in order, with the facts naming them there.
fn appearances_by_character(
    facts: &crate::facts::Facts,
) -> HashMap<i64, (Vec<EpisodeKey>, Vec<Counts>)> {
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
    appearances
}

/// A character as the index holds it: known from their earliest roster
/// entry (the roster's word for their first appearance), or else from the
/// first recap naming them; roster text is never told earlier.
fn character_of(
    c: crate::store::lookup::CharacterRow,
    (seen, facts): (Vec<EpisodeKey>, Vec<Counts>),
) -> Character {
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
    Character {
        kind: Kind::parse(&c.kind).unwrap_or(Kind::Person),
        appearances: seen,
        places: Vec::new(),
        facts,
        id: c.id,
        slug: c.slug,
        name: told(c.name),
        played_by: c.played_by.map(told),
        in_production: c.in_production.map(told),
        pronouns: c.pronouns,
        group: c.group,
        about,
        aliases: c.aliases,
    }
}

impl Show {
    /// Once its episodes and characters are in: episodes in order, and
    /// the tables that find an episode by title and a character by name.
    fn index_names(&mut self) {
        self.episodes.sort_by_key(|e| e.key);
        self.titles = NameTable::new((0u32..).zip(&self.episodes).flat_map(|(place, e)| {
            let mut titles: Vec<&str> = std::iter::once(e.title.unrendered())
                .chain(e.recaps.iter().map(|r| r.title.unrendered()))
                .collect();
            titles.dedup();
            titles.into_iter().map(move |t| (place, t))
        }));
        for c in &mut self.characters {
            c.places = places_of(&self.episodes, &c.appearances);
        }
        self.names = NameTable::new(
            (0u32..)
                .zip(&self.characters)
                .flat_map(|(place, c)| c.names().map(move |n| (place, n))),
        );
        for (place, c) in self.characters.iter().enumerate() {
            for name in c.names() {
                let entry = self
                    .by_name
                    .entry(fold(name).trim().to_string())
                    .or_default();
                if !entry.contains(&place) {
                    entry.push(place);
                }
            }
        }
    }
}

impl Index {
    /// Builds the index from a database snapshot.
    pub(crate) fn from_snapshot(snapshot: Snapshot, facts: crate::facts::Facts) -> Index {
        let keys: HashMap<i64, EpisodeKey> = snapshot
            .episodes
            .iter()
            .map(|e| (e.id, EpisodeKey::new(e.season, e.episode)))
            .collect();
        let mut recaps = recaps_by_episode(snapshot.recaps, &keys);
        let mut appearances = appearances_by_character(&facts);
        let mut shows: Vec<Show> = snapshot
            .shows
            .into_iter()
            .map(|s| Show {
                names: NameTable::default(),
                titles: NameTable::default(),
                id: s.id,
                slug: s.slug,
                title: Outside::new(s.title),
                credits: s.credits.map(Outside::new),
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
            let key = EpisodeKey::new(e.season, e.episode);
            shows[i].episodes.push(Episode {
                key,
                recaps,
                id: e.id,
                title: Told::new(key, e.title),
                aired: e.aired.map(|a| Told::new(key, a)),
            });
        }
        for c in snapshot.characters {
            let Some(&i) = position.get(&c.show_id) else {
                continue;
            };
            let seen = appearances.remove(&c.id).unwrap_or_default();
            shows[i].characters.push(character_of(c, seen));
        }
        let show_names = NameTable::new(
            (0u32..)
                .zip(&shows)
                .flat_map(|(place, s)| [(place, s.slug.as_str()), (place, s.title.raw())]),
        );
        for show in &mut shows {
            show.index_names();
        }
        Index {
            shows,
            facts,
            show_names,
        }
    }

    /// The show with this slug (or title, tolerantly).
    pub fn show(&self, query: &str) -> Option<&Show> {
        self.shows.iter().find(|s| s.slug == query).or_else(|| {
            match best(
                &self.shows,
                &self.show_names,
                &NameQuery::new(query),
                |_| true,
            ) {
                Found::One(s) => Some(s),
                _ => None,
            }
        })
    }
}

impl Show {
    /// How well `query` matches each character's name or an alias (see
    /// [`crate::text::match_score`]): (roster place, score) for those it
    /// matches, in roster order.
    pub(crate) fn match_characters(&self, query: &NameQuery) -> Vec<(usize, u8)> {
        let mut out = Vec::new();
        self.names
            .each_best(query, |place, score| out.push((place as usize, score)));
        out
    }

    /// The episode at `key`.
    pub fn episode(&self, key: EpisodeKey) -> Option<&Episode> {
        self.episodes
            .binary_search_by_key(&key, |e| e.key)
            .ok()
            .map(|i| &self.episodes[i])
    }

    /// Episodes whose title matches `query`, among those `allowed`.
    pub(crate) fn find_episode(
        &self,
        query: &str,
        allowed: impl Fn(&Episode) -> bool,
    ) -> Found<'_, Episode> {
        best(
            &self.episodes,
            &self.titles,
            &NameQuery::new(query),
            allowed,
        )
    }

    /// Characters whose name or an alias matches `query`, among those
    /// `allowed`.
    pub(crate) fn find_character(
        &self,
        query: &str,
        allowed: impl Fn(&Character) -> bool,
    ) -> Found<'_, Character> {
        let query = NameQuery::new(query);
        // A name asked exactly is the best match there can be.
        if let Some(exact) = self.by_name.get(query.as_str()) {
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
        best(&self.characters, &self.names, &query, allowed)
    }

    /// The characters named in an episode, in roster order.
    pub(crate) fn characters_in(&self, key: EpisodeKey) -> Vec<&Character> {
        self.characters
            .iter()
            .filter(|c| c.appearances.binary_search(&key).is_ok())
            .collect()
    }

    /// The roles of a production, in roster order.
    pub(crate) fn roles_of(&self, production: &Character) -> Vec<&Character> {
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
