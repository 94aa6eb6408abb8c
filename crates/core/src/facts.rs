//! Every fact in memory, laid out by fact id, so lookups need no database:
//! a member's gate over a show is one range of positions in the sorted ids
//! (a fact id says show, episode order, language and position), an episode
//! is one range, a character is one sorted list of positions, and search
//! is an inverted index over the same positions.
//!
//! Texts are held as numbered pieces ([`crate::texts`]) rather than a
//! `String` each. The search tokenizer makes words of letters and digits,
//! folds case and diacritics, and stems
//! with the Snowball stemmers of `rust-stemmers` (English for English
//! recaps, German for German ones; a query word is looked up under both).
//! Ranking is bm25 over the latest matches within the gate. The database
//! stays the source of truth: this is rebuilt from
//! it whenever the catalog changes.

use std::collections::HashMap;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::kept::{self, Reader, Writer};
use crate::model::{EpisodeKey, Language, fact_ids_between, language_of_fact};
use crate::postings::{Cursor, Gathering, Postings, Term};
use crate::spoiler::Told;
use crate::store::lookup::FactSource;
use crate::texts::{Texts, TextsBuilder};

/// Start and end of a matched word in a search hit's text.
pub(crate) const MARK_START: char = '\u{e000}';
/// See [`MARK_START`].
pub(crate) const MARK_END: char = '\u{e001}';

/// How many of the latest matches within a gate a search ranks: its cost
/// stays flat however large the catalog grows, and the facts nearest where
/// the member is win ties.
pub(crate) const SEARCH_WINDOW: usize = 1000;

/// bm25's term-frequency saturation and length normalisation, as SQLite's.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// One fact, as the lookups show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Its id.
    pub id: i64,
    /// Its episode's row.
    pub episode_id: i64,
    /// Its episode's order in its show.
    pub episode_order: i64,
    /// Its recap's language.
    pub language: Language,
    /// The section it stands under.
    pub section: Option<Told>,
    /// Its paragraph in the recap.
    pub paragraph: i64,
    /// The sentence (for search hits: matched words between [`MARK_START`]
    /// and [`MARK_END`]).
    pub text: Told,
}

/// Every fact in memory.
#[derive(Debug, Default, PartialEq)]
pub struct Facts {
    ids: Vec<i64>,
    paragraphs: Vec<u16>,
    /// Index into `sections`, or `u32::MAX` for none.
    section_of: Vec<u32>,
    sections: Vec<Box<str>>,
    /// Text of fact `i`.
    texts: Texts,
    /// Words per fact, for bm25's length normalisation.
    lengths: Vec<u16>,
    /// Words in the facts before position `i` (one more entry than facts):
    /// the average length over any range of positions, a member's gate.
    words_before: Vec<u32>,
    terms: HashMap<Box<str>, Term>,
    /// Every term's postings, packed.
    postings: Postings,
    /// Facts naming each character (row id), ascending.
    characters: HashMap<i64, Vec<u32>>,
    /// Facts of each episode (row id).
    episodes: HashMap<i64, Range<u32>>,
    /// Where each episode's facts begin, and its row id, in order: the
    /// episode of a fact.
    episode_starts: Vec<(u32, i64)>,
}

/// Calls `f` with every word of `text` (letters and digits), folded (lower case, no diacritics) into a buffer
/// it reuses, with the word's byte range in `text`.
fn each_word(text: &str, mut f: impl FnMut(Range<usize>, &str)) {
    let mut word = String::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        word.extend(d.to_lowercase());
                    }
                });
            }
        } else if let Some(s) = start.take() {
            f(s..i, &word);
            word.clear();
        }
    }
    if let Some(s) = start {
        f(s..text.len(), &word);
    }
}

/// The words of `text`, as [`each_word`] finds them.
fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    each_word(text, |range, word| out.push((range, word.to_string())));
    out
}

/// The stemmers, one per language.
struct Stemmers {
    en: Stemmer,
    de: Stemmer,
}

/// The stemmers, made once for the process.
fn stemmers() -> &'static Stemmers {
    static STEMMERS: std::sync::OnceLock<Stemmers> = std::sync::OnceLock::new();
    STEMMERS.get_or_init(Stemmers::new)
}

impl Stemmers {
    fn new() -> Self {
        Stemmers {
            en: Stemmer::create(Algorithm::English),
            de: Stemmer::create(Algorithm::German),
        }
    }

    fn stem(&self, language: Language, word: &str) -> String {
        match language {
            Language::En => self.en.stem(word).into_owned(),
            Language::De => self.de.stem(word).into_owned(),
        }
    }
}

impl Facts {
    /// Builds the index from every fact in id order, and every mention as
    /// (character row, fact id).
    #[cfg(test)]
    pub(crate) fn build(facts: Vec<FactSource>, mentions: &[(i64, i64)]) -> Facts {
        let mut builder = FactsBuilder::default();
        builder.add(facts);
        builder.finish(mentions)
    }

    /// (character row, episode order, language index, facts) for every
    /// episode and recap language a character is named in, in that order
    /// for each character.
    pub(crate) fn appearances(&self) -> Vec<(i64, i64, usize, usize)> {
        let mut out = Vec::new();
        for (&character, positions) in &self.characters {
            let start = out.len();
            for &p in positions {
                let id = self.ids[p as usize];
                let order = crate::model::order_of_fact(id);
                let language = language_of_fact(id) as usize;
                match out[start..].last_mut() {
                    Some((_, o, l, n)) if *o == order && *l == language => *n += 1,
                    _ => out.push((character, order, language, 1)),
                }
            }
        }
        out
    }

    /// How many facts are held.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Bytes held, roughly: texts, postings and the per-fact columns.
    pub fn heap_bytes(&self) -> usize {
        self.heap_parts().iter().map(|(_, bytes)| bytes).sum()
    }

    /// Bytes held by each structure, roughly (a hash map's entries at
    /// their capacity, with what an allocation costs besides).
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        const PER_ALLOCATION: usize = 32;
        let postings: usize = self.postings.heap_bytes()
            + self
                .terms
                .keys()
                .map(|t| t.len() + PER_ALLOCATION)
                .sum::<usize>();
        let map = |entries: usize, entry: usize| entries * (entry + 1);
        let characters: usize = self
            .characters
            .values()
            .map(|l| l.capacity() * 4 + PER_ALLOCATION)
            .sum();
        vec![
            ("texts' pieces", self.texts.heap_bytes().0),
            ("texts", self.texts.heap_bytes().1),
            ("fact ids", self.ids.capacity() * 8),
            (
                "paragraphs and sections",
                self.paragraphs.capacity() * 2
                    + self.section_of.capacity() * 4
                    + self
                        .sections
                        .iter()
                        .map(|s| s.len() + PER_ALLOCATION)
                        .sum::<usize>(),
            ),
            (
                "lengths",
                self.lengths.capacity() * 2 + self.words_before.capacity() * 4,
            ),
            (
                "search postings",
                postings
                    + map(
                        self.terms.capacity(),
                        std::mem::size_of::<(Box<str>, Term)>(),
                    ),
            ),
            (
                "characters' facts",
                characters
                    + map(
                        self.characters.capacity(),
                        std::mem::size_of::<(i64, Vec<u32>)>(),
                    ),
            ),
            (
                "episodes' facts",
                map(
                    self.episodes.capacity(),
                    std::mem::size_of::<(i64, Range<u32>)>(),
                ) + self.episode_starts.capacity() * 16,
            ),
        ]
    }

    fn text(&self, position: u32) -> String {
        self.texts.get(position)
    }

    /// The row id of the episode a fact belongs to.
    fn episode_of(&self, position: u32) -> i64 {
        let at = self
            .episode_starts
            .partition_point(|(start, _)| *start <= position);
        self.episode_starts[at - 1].1
    }

    /// The positions of a show's facts from episode order `from` to `to`.
    fn gated(&self, show_id: i64, from: i64, to: i64) -> Range<u32> {
        let (lo, hi) = fact_ids_between(show_id, from, to);
        let a = self.ids.partition_point(|id| *id < lo);
        let b = self.ids.partition_point(|id| *id <= hi);
        a as u32..b as u32
    }

    fn fact(&self, position: u32, text: String) -> Fact {
        let p = position as usize;
        let id = self.ids[p];
        let order = crate::model::order_of_fact(id);
        let at = EpisodeKey::from_order(order);
        Fact {
            id,
            episode_id: self.episode_of(position),
            episode_order: order,
            language: language_of_fact(id),
            section: self
                .sections
                .get(self.section_of[p] as usize)
                .map(|s| Told::new(at, s.to_string())),
            paragraph: i64::from(self.paragraphs[p]),
            text: Told::new(at, text),
        }
    }

    /// Every fact of an episode, by language and position.
    pub fn episode(&self, episode_id: i64) -> Vec<Fact> {
        self.episodes
            .get(&episode_id)
            .map(|r| r.clone().map(|p| self.fact(p, self.text(p))).collect())
            .unwrap_or_default()
    }

    /// How many facts of a show lie up to episode order `upto`.
    pub(crate) fn count_upto(&self, show_id: i64, upto: i64) -> usize {
        self.gated(show_id, 0, upto).len()
    }

    /// The facts naming a character up to episode order `upto`, in episode
    /// order, at most `limit`, keeping those `take(episode_order, language)`
    /// accepts.
    pub fn character(
        &self,
        character_id: i64,
        upto: i64,
        take: impl Fn(i64, Language) -> bool,
        limit: usize,
    ) -> Vec<Fact> {
        let Some(list) = self.characters.get(&character_id) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for &p in list {
            let id = self.ids[p as usize];
            let order = crate::model::order_of_fact(id);
            if order > upto {
                break;
            }
            if take(order, language_of_fact(id)) {
                out.push(self.fact(p, self.text(p)));
                if out.len() == limit {
                    break;
                }
            }
        }
        out
    }

    /// Whether a fact of episode order `order`, in `language`, names the
    /// character: a look at the few ids of that episode and language in
    /// their sorted list.
    pub(crate) fn names_in(&self, character_id: i64, order: i64, language: Language) -> bool {
        let Some(list) = self.characters.get(&character_id) else {
            return false;
        };
        let Some(&first) = list.first() else {
            return false;
        };
        let show = crate::model::show_of_fact(self.ids[first as usize]);
        let lo = crate::model::fact_id(show, order, language, 0);
        let hi = lo + crate::model::MAX_POSITIONS - 1;
        let at = list.partition_point(|p| self.ids[*p as usize] < lo);
        list.get(at).is_some_and(|p| self.ids[*p as usize] <= hi)
    }

    /// The stems a query's words are looked up under.
    fn query_terms(&self, words: &[String]) -> Vec<&str> {
        let stemmers = stemmers();
        let mut terms: Vec<&str> = Vec::new();
        for word in words {
            for (_, folded) in self::words(word) {
                for language in Language::ALL {
                    let stem = stemmers.stem(language, &folded);
                    if let Some((name, _)) = self.terms.get_key_value(stem.as_str())
                        && !terms.contains(&&**name)
                    {
                        terms.push(name);
                    }
                }
            }
        }
        terms
    }

    /// The best-ranked facts of a show matching any of `words`, up to
    /// episode order `upto` (all when `None`), with matched words marked:
    /// bm25 over the latest [`SEARCH_WINDOW`] matches within the gate, the
    /// lower the better, ties to the earlier fact.
    pub fn search(
        &self,
        show_id: i64,
        words: &[String],
        upto: Option<i64>,
        limit: usize,
    ) -> Vec<(Fact, f64)> {
        self.search_between(show_id, words, 0, upto, limit)
    }

    /// [`Facts::search`] over the episodes from order `from` on (up to
    /// `upto`): ranked by what those episodes hold alone.
    pub(crate) fn search_between(
        &self,
        show_id: i64,
        words: &[String],
        from: i64,
        upto: Option<i64>,
        limit: usize,
    ) -> Vec<(Fact, f64)> {
        let gate = self.gated(show_id, from, upto.unwrap_or(i64::MAX));
        let terms = self.query_terms(words);
        if terms.is_empty() || gate.is_empty() {
            return Vec::new();
        }
        // bm25's statistics (how many facts, how many match each term, how
        // long a fact is on average) are the gate's: what the member may
        // not see changes no rank.
        let n = f64::from(gate.end - gate.start);
        let words = self.words_before[gate.end as usize] - self.words_before[gate.start as usize];
        let words = f64::from(words);
        let average_length = (words / n).max(1.0);
        // Each term's matches within the gate, read from the latest back,
        // all terms together, until SEARCH_WINDOW facts have been scored.
        struct List<'a> {
            matches: Cursor<'a>,
            idf: f64,
        }
        let mut lists: Vec<List> = terms
            .iter()
            .map(|t| {
                let matches = self.postings.within(self.terms[*t], gate.clone());
                let df = matches.within() as f64;
                List {
                    matches,
                    idf: ((n - df + 0.5) / (df + 0.5)).ln().max(1e-6),
                }
            })
            .collect();
        let mut ranked: Vec<(u32, f64)> = Vec::with_capacity(SEARCH_WINDOW);
        while ranked.len() < SEARCH_WINDOW {
            let Some(f) = lists
                .iter_mut()
                .filter_map(|l| l.matches.peek().map(|(f, _)| f))
                .max()
            else {
                break;
            };
            let length = f64::from(self.lengths[f as usize]);
            let norm = K1 * (1.0 - B + B * length / average_length);
            let mut score = 0.0;
            for l in &mut lists {
                if let Some((at, count)) = l.matches.peek()
                    && at == f
                {
                    let tf = f64::from(count);
                    score -= l.idf * tf * (K1 + 1.0) / (tf + norm);
                    l.matches.advance();
                }
            }
            ranked.push((f, score));
        }
        let order = |a: &(u32, f64), b: &(u32, f64)| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_by(order);
        ranked
            .into_iter()
            .map(|(p, score)| {
                let language = language_of_fact(self.ids[p as usize]);
                let text = self.marked(p, language, &terms);
                (self.fact(p, text), score)
            })
            .collect()
    }

    /// A fact's text with the words that match `terms` marked.
    fn marked(&self, position: u32, language: Language, terms: &[&str]) -> String {
        let stemmers = stemmers();
        let text = self.text(position);
        // Snowball's stemmers change only a word's ending, so a stem
        // begins with its word's first letter: a word whose first letter
        // begins no term is not stemmed at all.
        let firsts: Vec<char> = terms.iter().filter_map(|t| first_letter(t)).collect();
        let mut out = String::with_capacity(text.len() + 16);
        let mut at = 0;
        each_word(&text, |range, word| {
            if first_letter(word).is_some_and(|c| firsts.contains(&c))
                && terms.contains(&stemmers.stem(language, word).as_str())
            {
                out.push_str(&text[at..range.start]);
                out.push(MARK_START);
                out.push_str(&text[range.clone()]);
                out.push(MARK_END);
                at = range.end;
            }
        });
        out.push_str(&text[at..]);
        out
    }
}

/// A folded word's first letter as its stem begins (the German stemmer
/// writes ß as ss).
fn first_letter(word: &str) -> Option<char> {
    word.chars().next().map(|c| if c == 'ß' { 's' } else { c })
}

/// The kept form's first bytes: its kind and layout. A change to what
/// [`Facts`] holds changes it, and an older form is then made anew.
const KEPT_MAGIC: &[u8; 8] = b"facts\x00\x00\x03";

impl Facts {
    /// The facts in the kept form ([`crate::kept`]), to be read at the next
    /// start instead of every fact's row, handed to `out` in parts of
    /// `part` bytes.
    pub(crate) fn to_kept(&self, part: usize, out: impl FnMut(Vec<u8>)) {
        let mut w = Writer::new(KEPT_MAGIC, part, out);
        w.i64s(&self.ids);
        w.u16s(&self.paragraphs);
        w.u32s(&self.section_of);
        w.len(self.sections.len());
        self.sections.iter().for_each(|s| w.str(s));
        self.texts.to_kept(&mut w);
        w.u16s(&self.lengths);
        w.u32s(&self.words_before);
        self.postings.to_kept(&mut w);
        w.len(self.terms.len());
        for (name, term) in &self.terms {
            w.str(name);
            term.to_kept(&mut w);
        }
        w.len(self.characters.len());
        for (character, positions) in &self.characters {
            w.i64(*character);
            w.u32s(positions);
        }
        w.len(self.episodes.len());
        for (episode, range) in &self.episodes {
            w.i64(*episode);
            w.u32(range.start);
            w.u32(range.end);
        }
        w.finish();
    }

    /// Facts from their kept form, checked whole: every position within
    /// the facts, every text within the arena and on a character's
    /// boundary, so nothing read can make a lookup fail.
    pub(crate) fn from_kept(bytes: &[u8]) -> kept::Read<Facts> {
        let refused = |what: &str| kept::Refused(format!("{what} does not fit the facts"));
        let mut r = Reader::open(bytes, KEPT_MAGIC)?;
        let ids = r.i64s("ids")?;
        let n = ids.len();
        let paragraphs = r.u16s("paragraphs")?;
        let section_of = r.u32s("sections of facts")?;
        let section_count = r.len(8, "sections")?;
        let mut sections = Vec::with_capacity(section_count);
        for _ in 0..section_count {
            sections.push(Box::from(r.str("a section")?));
        }
        let texts = Texts::from_kept(&mut r, n)?;
        let lengths = r.u16s("lengths")?;
        let words_before = r.u32s("words before")?;
        let fits = |p: &u32| (*p as usize) < n;
        if [paragraphs.len(), section_of.len(), lengths.len()]
            .iter()
            .any(|len| *len != n)
            || words_before.len() != n + 1
            || !words_before.is_sorted()
            || !ids.is_sorted()
            || section_of
                .iter()
                .any(|s| *s != u32::MAX && *s as usize >= sections.len())
        {
            return Err(refused("a column"));
        }
        let postings = Postings::from_kept(&mut r)?;
        let term_count = r.len(16, "terms")?;
        let mut terms = HashMap::with_capacity(term_count);
        for _ in 0..term_count {
            let name = Box::from(r.str("a term")?);
            let term = Term::from_kept(&mut r)?;
            if !postings.fits(term, n) {
                return Err(refused("a term's postings"));
            }
            terms.insert(name, term);
        }
        let character_count = r.len(16, "characters")?;
        let mut characters = HashMap::with_capacity(character_count);
        for _ in 0..character_count {
            let character = r.i64("a character")?;
            let positions = r.u32s("a character's facts")?;
            if !positions.iter().all(fits) {
                return Err(refused("a character's facts"));
            }
            characters.insert(character, positions);
        }
        let episode_count = r.len(16, "episodes")?;
        let mut episodes = HashMap::with_capacity(episode_count);
        for _ in 0..episode_count {
            let episode = r.i64("an episode")?;
            let (start, end) = (r.u32("an episode")?, r.u32("an episode")?);
            if start > end || end as usize > n {
                return Err(refused("an episode's facts"));
            }
            episodes.insert(episode, start..end);
        }
        r.end()?;
        let episode_starts = starts_of(&episodes);
        if n > 0 && episode_starts.first().is_none_or(|(start, _)| *start != 0) {
            return Err(refused("the first episode"));
        }
        Ok(Facts {
            ids,
            paragraphs,
            section_of,
            sections,
            texts,
            lengths,
            words_before,
            terms,
            postings,
            characters,
            episodes,
            episode_starts,
        })
    }
}

/// Where each episode's facts begin, in order.
fn starts_of(episodes: &HashMap<i64, Range<u32>>) -> Vec<(u32, i64)> {
    let mut starts: Vec<(u32, i64)> = episodes
        .iter()
        .filter(|(_, r)| !r.is_empty())
        .map(|(e, r)| (r.start, *e))
        .collect();
    starts.sort_unstable();
    starts
}

/// Builds [`Facts`] a page of facts at a time, so that only one page of
/// rows is ever held beside the index.
#[derive(Default)]
pub(crate) struct FactsBuilder {
    out: Facts,
    section_ids: HashMap<String, u32>,
    /// A word seen before is not stemmed again, per language.
    stems: [HashMap<String, u32>; 2],
    term_names: Vec<Box<str>>,
    term_ids: HashMap<String, u32>,
    postings: Vec<Gathering>,
    /// A fact's terms and how often each comes (a fact has few words).
    in_fact: Vec<(u32, u8)>,
    total_words: u32,
    texts: TextsBuilder,
}

impl FactsBuilder {
    /// Adds facts that come after every fact added before, in id order.
    pub fn add(&mut self, facts: Vec<FactSource>) {
        let out = &mut self.out;
        for f in facts {
            let position = out.ids.len() as u32;
            let language = language_of_fact(f.id);
            out.ids.push(f.id);
            out.paragraphs
                .push(u16::try_from(f.paragraph).unwrap_or(u16::MAX));
            out.section_of.push(match f.section {
                None => u32::MAX,
                Some(s) => {
                    let next = out.sections.len() as u32;
                    *self.section_ids.entry(s).or_insert_with_key(|s| {
                        out.sections.push(s.as_str().into());
                        next
                    })
                }
            });
            let range = out
                .episodes
                .entry(f.episode_id)
                .or_insert(position..position);
            range.end = position + 1;
            self.in_fact.clear();
            let mut length = 0u32;
            let cache = &mut self.stems[language as usize];
            let (stemmers, term_ids, term_names, postings, in_fact) = (
                stemmers(),
                &mut self.term_ids,
                &mut self.term_names,
                &mut self.postings,
                &mut self.in_fact,
            );
            each_word(&f.text, |_, word| {
                length += 1;
                let term = match cache.get(word) {
                    Some(&term) => term,
                    None => {
                        let stem = stemmers.stem(language, word);
                        let term = *term_ids.entry(stem).or_insert_with_key(|stem| {
                            term_names.push(stem.as_str().into());
                            postings.push(Gathering::default());
                            (term_names.len() - 1) as u32
                        });
                        cache.insert(word.to_string(), term);
                        term
                    }
                };
                match in_fact.iter_mut().find(|(t, _)| *t == term) {
                    Some((_, count)) => *count = count.saturating_add(1),
                    None => in_fact.push((term, 1)),
                }
            });
            for &(term, count) in in_fact.iter() {
                postings[term as usize].push(position, count);
            }
            out.words_before.push(self.total_words);
            self.total_words = self.total_words.saturating_add(length);
            out.lengths.push(length.min(u32::from(u16::MAX)) as u16);
            self.texts.push(&f.text);
        }
    }

    /// The index, with every mention as (character row, fact id).
    pub(crate) fn finish(self, mentions: &[(i64, i64)]) -> Facts {
        let mut out = self.out;
        out.texts = self.texts.finish();
        out.words_before.push(self.total_words);
        let mut terms = HashMap::with_capacity(self.term_names.len());
        for (name, gathered) in self.term_names.into_iter().zip(self.postings) {
            terms.insert(name, out.postings.add_gathered(&gathered));
        }
        out.terms = terms;
        out.postings.shrink_to_fit();
        for &(character, fact) in mentions {
            if let Ok(position) = out.ids.binary_search(&fact) {
                out.characters
                    .entry(character)
                    .or_default()
                    .push(position as u32);
            }
        }
        for list in out.characters.values_mut() {
            list.sort_unstable();
            list.dedup();
            list.shrink_to_fit();
        }
        out.episode_starts = starts_of(&out.episodes);
        out.paragraphs.shrink_to_fit();
        out.section_of.shrink_to_fit();
        out.ids.shrink_to_fit();
        out.lengths.shrink_to_fit();
        out.words_before.shrink_to_fit();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fact_id;
    use crate::store::lookup::FactSource;

    fn source(id: i64, text: &str) -> FactSource {
        FactSource {
            id,
            episode_id: id / 100_000,
            section: None,
            paragraph: 0,
            text: text.to_string(),
        }
    }

    #[test]
    fn an_empty_catalogs_kept_form_reads_back() {
        let none = Facts::build(Vec::new(), &[]);
        let kept = kept::whole(|out| none.to_kept(64, out));
        assert_eq!(Facts::from_kept(&kept).unwrap(), none);
    }

    #[test]
    fn the_kept_form_reads_back_the_same_facts_and_refuses_what_does_not_fit() {
        let en = |order: i64, pos: i64| fact_id(1, order, Language::En, pos);
        let mut sectioned = source(en(10_002, 0), "Leo ran away again, and again.");
        sectioned.section = Some("Act Two".into());
        let facts = Facts::build(
            vec![
                source(en(10_001, 0), "Leo runs away from home."),
                source(en(10_001, 1), "Die Bühne gehört Julia."),
                sectioned,
            ],
            &[(7, en(10_001, 0)), (7, en(10_002, 0))],
        );
        let kept = kept::whole(|out| facts.to_kept(64, out));
        assert_eq!(kept, kept::whole(|out| facts.to_kept(1 << 20, out)));
        assert_eq!(Facts::from_kept(&kept).unwrap(), facts);
        let back = Facts::from_kept(&kept).unwrap();
        assert_eq!(
            back.search(1, &["ran".to_string()], None, 10).len(),
            facts.search(1, &["ran".to_string()], None, 10).len()
        );
        // Damaged anywhere, cut short, or of another layout: refused.
        for at in [0, 9, kept.len() / 2, kept.len() - 1] {
            let mut damaged = kept.clone();
            damaged[at] ^= 1;
            assert!(Facts::from_kept(&damaged).is_err(), "byte {at}");
        }
        assert!(Facts::from_kept(&kept[..kept.len() - 8]).is_err());
        // Well formed, but a posting past the facts: refused, not read.
        let mut wrong = facts;
        let past = wrong.postings.add(&[99], &[1]);
        *wrong.terms.values_mut().next().unwrap() = past;
        assert!(Facts::from_kept(&kept::whole(|out| wrong.to_kept(64, out))).is_err());
    }

    #[test]
    fn every_stem_begins_with_its_words_first_letter() {
        // What marking a hit relies on, read over the seeds' recaps in
        // both languages and words whose endings the stemmers rewrite.
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let mut text = String::from(
            "dying lying tying skies skis news ies yelling yvonne ugly early only \
             gently häuser größer ßa straße übung äußerst generously",
        );
        for show in std::fs::read_dir(&seeds).unwrap() {
            let episodes = show.unwrap().path().join("episodes");
            for recap in std::fs::read_dir(episodes).into_iter().flatten() {
                text.push(' ');
                text.push_str(&std::fs::read_to_string(recap.unwrap().path()).unwrap());
            }
        }
        let stemmers = stemmers();
        let mut seen = 0;
        each_word(&text, |_, word| {
            for language in Language::ALL {
                let stem = stemmers.stem(language, word);
                assert_eq!(first_letter(&stem), first_letter(word), "{word} -> {stem}");
            }
            seen += 1;
        });
        assert!(seen > 800, "{seen} words read");
    }

    #[test]
    fn words_fold_case_and_diacritics_and_keep_their_place() {
        let found = words("Die Bühne, KÁREN's 2nd-act!");
        let names: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(names, ["die", "buhne", "karen", "s", "2nd", "act"]);
        assert_eq!(&"Die Bühne, KÁREN's 2nd-act!"[found[1].0.clone()], "Bühne");
    }

    #[test]
    fn search_stems_ranks_gates_and_marks() {
        let en = |order: i64, pos: i64| fact_id(1, order, Language::En, pos);
        let de = |order: i64, pos: i64| fact_id(1, order, Language::De, pos);
        let facts = Facts::build(
            vec![
                source(en(10_001, 0), "Leo runs away from home."),
                source(en(10_001, 1), "Julia is running late again."),
                source(de(10_001, 0), "Tom steht auf der Bühne."),
                source(en(10_002, 0), "Leo ran away again, and again."),
            ],
            &[(7, en(10_001, 0)), (7, en(10_002, 0))],
        );
        let words = |q: &str| vec![q.to_string()];
        // Up to S01E01 only: the later fact is past the gate.
        let hits = facts.search(1, &words("running"), Some(10_001), 10);
        let everything = crate::spoiler::Gate {
            progress: Some(EpisodeKey::new(99, 99)),
            horizon: Some(EpisodeKey::new(99, 99)),
        };
        let shown = |f: &Fact| everything.show(&f.text, crate::spoiler::Style::Highlighted, false);
        let texts: Vec<String> = hits.iter().filter_map(|(f, _)| shown(f)).collect();
        assert_eq!(
            texts,
            [
                "Leo **runs** away from home.",
                "Julia is **running** late again."
            ]
        );
        // Diacritics folded, German stemmed.
        let hits = facts.search(1, &words("Buhne"), None, 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(
            shown(&hits[0].0).as_deref(),
            Some("Tom steht auf der **Bühne**.")
        );
        // Nothing of another show.
        assert!(facts.search(2, &words("Leo"), None, 10).is_empty());
        // A character's facts, gated by order.
        let take = |_: i64, _: Language| true;
        assert_eq!(facts.character(7, 10_001, take, 10).len(), 1);
        assert_eq!(facts.character(7, 10_002, take, 10).len(), 2);
        assert_eq!(facts.count_upto(1, 10_001), 3);
        assert_eq!(facts.episode(en(10_001, 0) / 100_000).len(), 3);
    }

    #[test]
    fn names_in_tells_which_episode_and_language_name_a_character() {
        let en = fact_id(1, 10_001, Language::En, 0);
        let de = fact_id(1, 10_001, Language::De, 0);
        let later = fact_id(1, 10_002, Language::De, 3);
        let facts = Facts::build(
            vec![
                source(en, "Karen sings."),
                source(de, "Ivy singt."),
                source(later, "Karen tanzt."),
            ],
            &[(7, en), (7, later), (8, de)],
        );
        assert!(facts.names_in(7, 10_001, Language::En));
        assert!(!facts.names_in(7, 10_001, Language::De));
        assert!(facts.names_in(7, 10_002, Language::De));
        assert!(!facts.names_in(7, 10_003, Language::En));
        assert!(!facts.names_in(9, 10_001, Language::En));
    }

    #[test]
    fn search_ranks_the_latest_window_of_matches_by_bm25() {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        // Words far more and far less common, so that some queries match
        // more facts than the window holds and some only a few.
        let vocabulary = [
            "song",
            "stage",
            "kale",
            "diva",
            "rehearsal",
            "bombshell",
            "hit",
        ];
        let mut rng = StdRng::seed_from_u64(23);
        let mut sources = Vec::new();
        let mut texts = Vec::new();
        for order in 10_001..10_301 {
            for pos in 0..12 {
                let words: Vec<&str> = (0..rng.random_range(2..9))
                    .map(|_| {
                        let u: f64 = rng.random();
                        vocabulary[(u * u * vocabulary.len() as f64) as usize]
                    })
                    .collect();
                let text = words.join(" ");
                let id = fact_id(1, order, Language::En, pos);
                sources.push(source(id, &text));
                texts.push((id, text));
            }
        }
        let facts = Facts::build(sources, &[]);
        for (query, upto) in [
            (vec!["song"], 10_300),
            (vec!["song", "hit"], 10_150),
            (vec!["bombshell", "diva", "kale"], 10_300),
            (vec!["hit"], 10_020),
        ] {
            // bm25 over every fact in the gate, read plainly: its
            // statistics too are the gate's alone.
            let gated: Vec<&(i64, String)> = texts
                .iter()
                .filter(|(id, _)| crate::model::order_of_fact(*id) <= upto)
                .collect();
            let n = gated.len() as f64;
            let average = gated
                .iter()
                .map(|(_, t)| t.split(' ').count())
                .sum::<usize>() as f64
                / n;
            let df: Vec<usize> = query
                .iter()
                .map(|w| {
                    gated
                        .iter()
                        .filter(|(_, t)| t.split(' ').any(|x| x == *w))
                        .count()
                })
                .collect();
            let mut plain: Vec<(i64, f64)> = gated
                .iter()
                .filter_map(|(id, t)| {
                    let length = t.split(' ').count() as f64;
                    let mut score = 0.0;
                    let mut any = false;
                    for (w, d) in query.iter().zip(&df) {
                        let tf = t.split(' ').filter(|x| x == w).count() as f64;
                        if tf > 0.0 {
                            any = true;
                            let d = *d as f64;
                            let idf = ((n - d + 0.5) / (d + 0.5)).ln().max(1e-6);
                            let norm = K1 * (1.0 - B + B * length / average);
                            score -= idf * tf * (K1 + 1.0) / (tf + norm);
                        }
                    }
                    any.then_some((*id, score))
                })
                .collect();
            // Only the latest window of matches is ranked.
            let keep = plain.len().saturating_sub(SEARCH_WINDOW);
            let mut plain = plain.split_off(keep);
            plain.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            plain.truncate(10);
            let words: Vec<String> = query.iter().map(|w| w.to_string()).collect();
            let found = facts.search(1, &words, Some(upto), 10);
            let found_ids: Vec<i64> = found.iter().map(|(f, _)| f.id).collect();
            let plain_ids: Vec<i64> = plain.iter().map(|(id, _)| *id).collect();
            assert_eq!(found_ids, plain_ids, "{query:?} up to {upto}");
            for ((_, a), (_, b)) in found.iter().zip(&plain) {
                assert!((a - b).abs() < 1e-9, "{a} {b}");
            }
        }
    }
}
