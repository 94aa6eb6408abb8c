//! The question bank, generated from the facts. Deterministic: the same
//! catalog gives the same bank, questions keep their keys, and choices their
//! order. Every question belongs to the episode of the fact it came from.
//!
//! Quality rules, enforced for every question generated:
//! - the prompt never contains the answer or any alias of it;
//! - the choices are distinct, and the answer is among them exactly once;
//! - there are three wrong choices, or the question is not generated;
//! - a wrong choice never comes from after the question's episode (it would
//!   spoil a name or a title), and is never someone named in the prompt;
//! - a blank that would be unguessable (too little left around it) is
//!   skipped.

use std::collections::{HashMap, HashSet};

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::i18n::{self, t};
use crate::index::{Character, Show};
use crate::model::EpisodeKey;
use crate::model::Language;
use crate::spoiler::{NEVER, Told};
use crate::store::quiz::{QuizFact, QuizMention, QuizNumber};

use super::pronouns::Pronoun;
use super::score::{self, Score, Signal};
use crate::text::{contains_name, fold, without_asides};

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// A character blanked out of a sentence.
    Who,
    /// A number blanked out of a sentence.
    Number,
    /// The episode a sentence comes from.
    WhichEpisode,
    /// The character who says a quoted line.
    WhoSaidIt,
    /// Hand-written in the seeds.
    Written,
    /// From an imported trivia list.
    Imported,
}

/// One question of the bank.
/// Serialised only to be stored as asked (a question of the day), never
/// to be shown: its texts stay [`Told`] both ways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Stable identity (from the show, the kind, the sentence and the answer).
    pub key: String,
    /// Show slug.
    pub show: String,
    /// The episode it belongs to: its spoiler level. `None` for an imported
    /// question whose list named no episode: it counts as spoiling the whole
    /// show.
    pub episode: Option<EpisodeKey>,
    /// The language of the prompt.
    pub language: Language,
    /// What it asks for.
    pub kind: QuestionKind,
    /// The question as shown.
    pub prompt: Told,
    /// The answer, as revealed.
    pub answer: Told,
    /// Other answers accepted when typed (a character's aliases).
    pub accepted: Vec<Told>,
    /// The choices, the answer among them once.
    pub choices: Vec<Told>,
    /// Where it came from (a fact's id, or a file and line).
    pub source: String,
    /// The fact it came from, for the reveal.
    pub fact: Option<Told>,
    /// The recap section, for context.
    pub context: Option<Told>,
    /// The sentence before the question's own, shown above the prompt
    /// when the question's sentence goes on from it ("His buzz is quickly
    /// harshed when _____ …" after the sentence telling of the buzz).
    pub lead: Option<Told>,
    /// The sentence the lead is, as the recap tells it (with any actor in
    /// brackets): what a game compares with other questions' sentences.
    pub lead_fact: Option<Told>,
    /// How good a question it is, and why (generated questions only); not
    /// stored with a question asked.
    #[serde(skip)]
    pub score: Option<Score>,
    /// For a which-episode question, the other episodes that tell much the
    /// same: a game whose gate reaches one of them does not ask it.
    pub also_in: Vec<EpisodeKey>,
}

impl Question {
    /// The latest episode any of its words belong to (prompt, answer,
    /// choices, accepted answers, source fact, section): how far a member
    /// must have watched before any of it may be shown to them. An
    /// imported question that names no episode belongs to the show's
    /// `last` episode.
    pub(crate) fn level(&self, last: Option<EpisodeKey>) -> Option<EpisodeKey> {
        let own = self.episode.or(last)?;
        let parts = [&self.prompt, &self.answer]
            .into_iter()
            .chain(&self.choices)
            .chain(&self.accepted)
            .chain(self.fact.iter())
            .chain(self.context.iter())
            .chain(self.lead.iter())
            .chain(self.lead_fact.iter());
        Some(parts.map(Told::at).fold(own, EpisodeKey::max))
    }

    /// Bytes it holds on the heap, roughly (its texts, and what each
    /// allocation costs besides).
    pub fn heap_bytes(&self) -> usize {
        const PER_ALLOCATION: usize = 32;
        let told = |t: &Told| t.unrendered().len() + PER_ALLOCATION;
        self.key.len()
            + self.show.len()
            + self.source.len()
            + 3 * PER_ALLOCATION
            + told(&self.prompt)
            + told(&self.answer)
            + self.accepted.iter().map(told).sum::<usize>()
            + self.choices.iter().map(told).sum::<usize>()
            + (self.accepted.capacity() + self.choices.capacity()) * std::mem::size_of::<Told>()
            + self.fact.as_ref().map_or(0, told)
            + self.context.as_ref().map_or(0, told)
            + self.lead.as_ref().map_or(0, told)
            + self.lead_fact.as_ref().map_or(0, told)
    }
}

/// Choices a question offers: one answer and three wrong ones.
pub(crate) const CHOICES: usize = 4;

/// What stands for the missing part of a sentence.
pub use super::filter::BLANK;

/// Words a prompt needs besides its blank to be guessable at all.
const MIN_WORDS: usize = 6;

/// Words that make a prompt guessable without any other anchor.
const RICH_WORDS: usize = 10;

fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric) && !w.contains(BLANK))
        .count()
}

/// Why a fact makes no questions (see [`super::filter`]), if it does not:
/// `pronouns` are those the recaps give the characters
/// ([`super::pronouns::of_show`]).
pub(crate) fn skipped(
    language: Language,
    fact: &QuizFact,
    pronouns: &HashMap<i64, super::pronouns::Pronoun>,
) -> Option<super::filter::Skip> {
    let names: Vec<std::ops::Range<usize>> = fact.mentions.iter().map(|m| m.start..m.end).collect();
    super::filter::judge(language, &fact.text, &names).or_else(|| {
        let named: Vec<i64> = fact.mentions.iter().map(|m| m.character_id).collect();
        super::pronouns::unresolved(language, &fact.text, &named, pronouns)
            .then_some(super::filter::Skip::Pronoun)
    })
}

/// Builds the bank of one show from its facts: the questions whose score
/// reaches [`score::THRESHOLD`].
pub fn generate(show: &Show, facts: &[QuizFact]) -> Vec<Question> {
    made(show, facts, |q| q.score.as_ref().is_none_or(Score::kept))
}

/// Every question the facts make, each with its score, asked or not: of
/// the blanks of one sentence only the best, and no fact the filter
/// skips.
pub fn candidates(show: &Show, facts: &[QuizFact]) -> Vec<Question> {
    made(show, facts, |_| true)
}

/// The questions the facts make that `keep` keeps, each key once (the
/// first question made with it, kept or not, takes it): those left out
/// are dropped as they are made, never held all together.
fn made(show: &Show, facts: &[QuizFact], keep: impl Fn(&Question) -> bool) -> Vec<Question> {
    let reading = Reading::new(show, facts);
    let mut bank = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for i in 0..facts.len() {
        for q in reading.questions_of(i) {
            if seen.insert(q.key.clone()) && keep(&q) {
                bank.push(q);
            }
        }
    }
    bank
}

/// What the questions of a show's facts are made with: the show's
/// characters and the tables read once from all its facts.
struct Reading<'a> {
    show: &'a Show,
    facts: &'a [QuizFact],
    characters: HashMap<i64, &'a Character>,
    candidates: Candidates<'a>,
    places: Vec<usize>,
    /// What the filter says of each fact, read once.
    skips: Vec<Option<super::filter::Skip>>,
    corroborated: Vec<bool>,
    among_opinions: Vec<bool>,
    recurring: Recurring,
    titles: Titles,
}

/// How fact `i` stands to the sentence before it: that sentence as a
/// lead, whether fact `i` is asked only with it (its "he" or "she" is
/// someone from there), and whether the two together name someone that
/// "he" or "she" fits.
struct Before<'f> {
    lead: Option<Lead<'f>>,
    needed: bool,
    resolved: bool,
}

/// The sentence before a fact, read once for all the questions the fact
/// makes: its text as shown, whether it may be shown at all, and how many
/// characters it names.
struct Lead<'f> {
    fact: &'f QuizFact,
    text: String,
    /// A told sentence of some length that does not itself lean on the one
    /// before it.
    fit: bool,
    named: usize,
}

impl<'f> Lead<'f> {
    /// `before` (the `place`-th sentence of its paragraph, which the filter
    /// judged `skip`) as a lead.
    fn of(
        show: &Show,
        before: &'f QuizFact,
        place: usize,
        skip: Option<super::filter::Skip>,
        language: Language,
    ) -> Self {
        use super::filter::Skip;
        // Not a question or an exclamation to the reader ("Wer hat im Clan
        // das Sagen?"), not a scrap, not a paragraph of its own; not one
        // the filter skips as asking, as a fragment or as standing on a
        // pronoun, nor one whose subject points back ("And Omar, well,
        // …"): it would not make the pair whole.
        let told = before.text.trim_end_matches(|c: char| {
            matches!(c, ')' | '\'') || c.is_whitespace() || is_quotation_mark(c)
        });
        let named = before
            .mentions
            .iter()
            .map(|m| m.character_id)
            .collect::<HashSet<i64>>()
            .len();
        let points_back = score::of_sentence_naming(language, &before.text, place, named)
            .iter()
            .any(|s| matches!(s, Signal::BareSubject | Signal::PointsBack));
        let fit = (LEAD_MIN_WORDS..=LEAD_MAX_WORDS).contains(&words(&before.text))
            && !told.ends_with(['?', '!'])
            && !matches!(skip, Some(Skip::Pronoun | Skip::Asks | Skip::Fragment))
            && !points_back;
        Lead {
            fact: before,
            text: story_text(show, &before.text),
            fit,
            named,
        }
    }
}

impl<'a> Reading<'a> {
    fn new(show: &'a Show, facts: &'a [QuizFact]) -> Self {
        let candidates = Candidates::new(show, facts);
        let places = places_in_paragraphs(facts);
        let skips: Vec<_> = facts
            .iter()
            .map(|f| Language::parse(&f.language).and_then(|l| skipped(l, f, &candidates.pronouns)))
            .collect();
        Reading {
            show,
            facts,
            characters: show.characters.iter().map(|c| (c.id, c)).collect(),
            among_opinions: among_opinions(facts, &places, &skips),
            skips,
            corroborated: corroborated(facts),
            recurring: Recurring::new(facts),
            titles: Titles::new(titles_told(show)),
            candidates,
            places,
        }
    }

    /// The questions fact `i` makes, each with its score.
    fn questions_of(&self, i: usize) -> Vec<Question> {
        let fact = &self.facts[i];
        let Some(language) = Language::parse(&fact.language) else {
            return Vec::new();
        };
        let pronouns = &self.candidates.pronouns;
        let sentence = sentence_before(self.facts, &self.places, i);
        let mut before = Before {
            lead: sentence
                .map(|(b, place)| Lead::of(self.show, b, place, self.skips[i - 1], language)),
            needed: false,
            resolved: true,
        };
        if let Some(skip) = self.skips[i] {
            // `"…," she says` after a sentence naming only her: the line
            // is hers, though the sentence leans on the one before.
            if skip == super::filter::Skip::Pronoun
                && let Some(mut q) = said_by_the_one_before(
                    self.show,
                    &self.candidates,
                    self.facts,
                    i,
                    language,
                    &self.characters,
                )
            {
                let told = score::of_sentence_naming(language, &fact.text, 0, 2)
                    .into_iter()
                    .filter(|s| !matches!(s, Signal::BareSubject | Signal::PointsBack))
                    .collect();
                q.score = Some(Score::of(told));
                return vec![q];
            }
            // A sentence whose "he" or "she" is someone from the sentence
            // before is asked only with that sentence shown above it.
            if skip != super::filter::Skip::Pronoun || sentence.is_none() {
                return Vec::new();
            }
            before.needed = true;
            // "She then hands Tobias the keys" after a sentence naming
            // only Oskar: the pair names no one she can be.
            let named: Vec<i64> = fact
                .mentions
                .iter()
                .chain(sentence.iter().flat_map(|(b, _)| &b.mentions))
                .map(|m| m.character_id)
                .collect();
            before.resolved = !super::pronouns::unresolved(language, &fact.text, &named, pronouns);
        }
        let base = self.base_score(i, language);
        let episode = EpisodeKey::from_order(fact.episode_order);
        let show = self.show;
        let mut made: Vec<(Option<Question>, Score)> = Vec::new();
        if let Some((q, s)) = self.best_blank(i, language, &base, &before) {
            made.push((Some(q), s));
        }
        for n in &fact.numbers {
            made.push((number(show, fact, language, episode, n), base.clone()));
        }
        // "Jimmy has hated Howard for so long": a state, not an event of
        // one episode.
        let mut which_score = base.clone();
        if score::ongoing(language, &fact.text) {
            which_score = which_score.with(Signal::Ongoing);
        }
        let which = which_episode(show, fact, language, episode).map(|mut q| {
            q.also_in = self.recurring.also_in(i);
            q
        });
        made.push((which, which_score));
        let said = who_said_it(
            show,
            &self.candidates,
            fact,
            language,
            episode,
            &self.characters,
        );
        made.push((said, base));
        made.into_iter()
            .filter_map(|(q, score)| {
                let mut q = q?;
                let score = self.with_lead(&mut q, &score, &before, language);
                (!before.needed || q.lead.is_some()).then(|| {
                    q.score = Some(score);
                    q
                })
            })
            .collect()
    }

    /// The score of fact `i`'s sentence before any blank is chosen.
    fn base_score(&self, i: usize, language: Language) -> Score {
        let fact = &self.facts[i];
        let distinct: HashSet<i64> = fact.mentions.iter().map(|m| m.character_id).collect();
        let mut signals =
            score::of_sentence_naming(language, &fact.text, self.places[i], distinct.len());
        if self.corroborated[i] {
            signals.push(Signal::Corroborated);
        }
        if self.among_opinions[i] {
            signals.push(Signal::AmongOpinions);
        }
        // "Thus far in Succession, …", "Everyone's in crisis mode in “Sad
        // Sack Wasp Trap”": a sentence naming the show or an episode by
        // its title speaks of the show; to a which-episode question the
        // title would also answer it, or point at another episode.
        if self.titles.named_in(&fact.text) {
            signals.push(Signal::Meta);
        }
        Score::of(signals)
    }

    /// The best blank of fact `i`'s sentence, with the sentence before
    /// counted: the best scored, then the one the recaps name most (a fan
    /// knows them best), then the first named.
    fn best_blank(
        &self,
        i: usize,
        language: Language,
        base: &Score,
        before: &Before<'_>,
    ) -> Option<(Question, Score)> {
        let fact = &self.facts[i];
        let episode = EpisodeKey::from_order(fact.episode_order);
        let named: HashSet<i64> = fact.mentions.iter().map(|m| m.character_id).collect();
        // Someone the sentence shown above names is no wrong choice: the
        // sentence tells whether it is them.
        let in_lead: HashSet<i64> = before
            .lead
            .iter()
            .flat_map(|lead| &lead.fact.mentions)
            .map(|m| m.character_id)
            .collect();
        let mut best: Option<(Question, Score, usize)> = None;
        for m in &fact.mentions {
            let Some(c) = self.characters.get(&m.character_id) else {
                continue;
            };
            let Some((mut q, predictable)) = who(
                self.show,
                &self.candidates,
                fact,
                language,
                episode,
                m,
                c,
                (&named, &in_lead),
            ) else {
                continue;
            };
            let s = if predictable {
                base.with(Signal::Predictable)
            } else {
                base.clone()
            };
            let s = self.with_lead(&mut q, &s, before, language);
            let named_in = self.candidates.named_by(c, episode);
            if best
                .as_ref()
                .is_none_or(|(_, b, n)| s.total > b.total || (s.total == b.total && named_in > *n))
            {
                best = Some((q, s, named_in));
            }
        }
        best.map(|(q, s, _)| (q, s))
    }

    /// `q`'s score with the sentence before shown when it may be (the
    /// same whenever it is asked: shown again, it changes nothing).
    fn with_lead(
        &self,
        q: &mut Question,
        score: &Score,
        before: &Before<'_>,
        language: Language,
    ) -> Score {
        match &before.lead {
            // Who says a line is asked with the line alone, which leans on
            // nothing: whom the words around it point at ("Lenora tells
            // him: …") is not shown.
            _ if q.kind == QuestionKind::WhoSaidIt => Score::of(
                score
                    .signals
                    .iter()
                    .copied()
                    .filter(|s| {
                        !matches!(
                            s,
                            Signal::LaterInParagraph | Signal::PointsBack | Signal::BareSubject
                        )
                    })
                    .collect(),
            ),
            // The sentence before does not say who "she" is: no lead.
            Some(_) if before.needed && !before.resolved => score.clone(),
            Some(lead) => led(self.show, q, lead, before.needed, language, score),
            None => score.clone(),
        }
    }
}

/// The sentence told just before fact `i` in its paragraph, with its
/// place there, if `i` is not the paragraph's first.
fn sentence_before<'f>(
    facts: &'f [QuizFact],
    places: &[usize],
    i: usize,
) -> Option<(&'f QuizFact, usize)> {
    let before = facts.get(i.checked_sub(1)?)?;
    // Ids of one recap's sentences follow one another: a gap is a
    // sentence left out (a sampled bank), and the one before is not known.
    (places[i] > 0 && before.id + 1 == facts[i].id).then_some((before, places[i - 1]))
}

/// Shows the sentence before `q`'s own above its prompt, so that a
/// sentence going on from it ("His buzz is quickly harshed when _____
/// …") is asked with what it goes on from, and returns the question's
/// score with that lead: what pointed back no longer counts against it,
/// unless the lead points further back itself. No lead is shown that
/// is long, or gives the answer away (names the one missing, holds the
/// number, names the episode): the question is then asked as it was.
fn led(
    show: &Show,
    q: &mut Question,
    lead: &Lead<'_>,
    stands_on_pronoun: bool,
    language: Language,
    score: &Score,
) -> Score {
    // Whom a "he", "his" or "der" stands for is clear only where the
    // lead names one character: none, and it is someone off the roster
    // (the director, the writer); two, and either.
    let pointing = stands_on_pronoun
        || score
            .signals
            .iter()
            .any(|s| matches!(s, Signal::BareSubject | Signal::PointsBack));
    if !lead.fit
        || (pointing && lead.named != 1)
        || gives_away(show, q, lead.fact, &lead.text, language)
    {
        return score.clone();
    }
    let episode = q.episode.unwrap_or(NEVER);
    q.lead = Some(Told::new(episode, lead.text.clone()));
    q.lead_fact = Some(Told::new(episode, lead.fact.text.clone()));
    let leans = |s: &Signal| {
        matches!(
            s,
            Signal::BareSubject | Signal::PointsBack | Signal::LaterInParagraph
        )
    };
    Score::of(
        score
            .signals
            .iter()
            .copied()
            .filter(|s| !leans(s))
            .collect(),
    )
}

/// Whether the sentence before, shown as `lead`, would tell `q`'s answer:
/// it names the character missing in any form the recaps do ("Reeds
/// Boot" is Tobias Reed's), holds the number in any notation ("four",
/// "1000" for "1,000"), or names the episode, its apostrophes whatever
/// they are.
fn gives_away(
    show: &Show,
    q: &Question,
    before: &QuizFact,
    lead: &str,
    language: Language,
) -> bool {
    let answer = q.answer.unrendered();
    let forms = || {
        std::iter::once(&q.answer)
            .chain(&q.accepted)
            .map(Told::unrendered)
    };
    match q.kind {
        QuestionKind::Number => lead.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            super::matching::judge_number(w, answer, language)
                == super::matching::Judgement::Correct
        }),
        QuestionKind::WhichEpisode => {
            let titles = Titles::new(forms().map(title_key).collect());
            titles.named_in(lead) || forms().any(|title| echoes_title(lead, title))
        }
        _ => {
            let named = show
                .characters
                .iter()
                .find(|c| c.name.unrendered() == answer)
                .is_some_and(|c| before.mentions.iter().any(|m| m.character_id == c.id));
            named || forms().any(|a| contains_name(lead, a))
        }
    }
}

/// Whether `c` opens or closes a quotation, in any language's marks.
fn is_quotation_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '»' | '«' | '‘' | '’' | '‚' | '‛' | '›' | '‹'
    )
}

/// A lead longer than this is not shown.
const LEAD_MAX_WORDS: usize = 40;

/// Nor one shorter than this.
const LEAD_MIN_WORDS: usize = 5;

/// Whether each fact sits in a paragraph of opinion: of the other
/// sentences of its paragraph (two at least), more than half are the
/// writer's voice ([`score::voiced`], or skipped as the writer speaking
/// or asking). Which paragraph a sentence is in is the recap's own, so
/// nothing outside its episode decides it.
fn among_opinions(
    facts: &[QuizFact],
    places: &[usize],
    skips: &[Option<super::filter::Skip>],
) -> Vec<bool> {
    use super::filter::Skip;
    let voiced: Vec<bool> = facts
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let Some(language) = Language::parse(&f.language) else {
                return false;
            };
            matches!(skips[i], Some(Skip::Voice | Skip::Asks))
                || score::voiced(&score::of_sentence(language, &f.text, places[i]))
        })
        .collect();
    let mut out = vec![false; facts.len()];
    let mut start = 0;
    while start < facts.len() {
        // A paragraph: the facts from a place 0 to the next one.
        let end = (start + 1..facts.len())
            .find(|&j| places[j] == 0)
            .unwrap_or(facts.len());
        let count = voiced[start..end].iter().filter(|v| **v).count();
        for i in start..end {
            let others = end - start - 1;
            let voiced_others = count - usize::from(voiced[i]);
            out[i] = others >= 2 && voiced_others * 2 > others;
        }
        start = end;
    }
    out
}

/// Each fact's place in its paragraph (0 for the first sentence), for
/// facts in id order.
fn places_in_paragraphs(facts: &[QuizFact]) -> Vec<usize> {
    let mut out = Vec::with_capacity(facts.len());
    let mut last: Option<(i64, &str, i64)> = None;
    let mut place = 0;
    for f in facts {
        let here = (f.episode_order, f.language.as_str(), f.paragraph);
        place = if last == Some(here) { place + 1 } else { 0 };
        out.push(place);
        last = Some(here);
    }
    out
}

/// Whether each fact is told by another recap of its episode too (in the
/// other language, or by another source): the same characters together,
/// or one of them with the same number.
fn corroborated(facts: &[QuizFact]) -> Vec<bool> {
    type Telling<'a> = (usize, &'a str, HashSet<i64>, Vec<f64>);
    let mut by_episode: HashMap<i64, Vec<Telling<'_>>> = HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        by_episode.entry(f.episode_order).or_default().push((
            i,
            f.language.as_str(),
            f.mentions.iter().map(|m| m.character_id).collect(),
            f.numbers.iter().map(|n| n.value).collect(),
        ));
    }
    let mut out = vec![false; facts.len()];
    for told in by_episode.values() {
        for (i, language, names, numbers) in told {
            out[*i] = told.iter().any(|(_, other, o_names, o_numbers)| {
                other != language && score::same_event((names, numbers), (o_names, o_numbers))
            });
        }
    }
    out
}

/// A word in more facts than this is common: it finds no sentence
/// telling the same event. (Counted over the whole show, so what lies
/// past a game's gate can make a word common; only a show past a few
/// hundred facts a word comes near it.)
const COMMON_WORD: usize = 400;

/// Stands in [`Question::also_in`] for an event told all the time: before
/// any gate, so no game asks which episode it is from.
const EVERYWHERE: EpisodeKey = EpisodeKey {
    season: 0,
    episode: 0,
};

/// Facts that tell what happens in many episodes ("who's going to play
/// Marilyn?", "Jimmy throws a tantrum"): a question asking in which
/// episode it happens has more than one answer where the gate holds two
/// of them.
struct Recurring {
    /// Each fact's significant words, folded.
    words: Vec<HashSet<String>>,
    /// For each word, the facts holding it.
    postings: HashMap<String, Vec<usize>>,
    episodes: Vec<i64>,
    languages: Vec<String>,
}

impl Recurring {
    fn new(facts: &[QuizFact]) -> Self {
        let words: Vec<HashSet<String>> =
            facts.iter().map(|f| significant_words(&f.text)).collect();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            for word in w {
                postings.entry(word.clone()).or_default().push(i);
            }
        }
        Recurring {
            words,
            postings,
            episodes: facts.iter().map(|f| f.episode_order).collect(),
            languages: facts.iter().map(|f| f.language.clone()).collect(),
        }
    }

    /// The other episodes with a fact, in the same language, that shares
    /// half of the words that say something with fact `i` (of the words
    /// the two hold together). Whether two facts are alike is theirs
    /// alone: no count over the catalog decides it, so what lies past a
    /// game's gate changes nothing within it.
    fn also_in(&self, i: usize) -> Vec<EpisodeKey> {
        let mine = &self.words[i];
        if mine.is_empty() {
            return Vec::new();
        }
        // A fact sharing half of the union holds at least one of any
        // half-plus-one of these words: the rarest are looked up.
        let mut probes: Vec<&String> = mine.iter().collect();
        probes.sort_by_key(|w| (self.postings.get(*w).map_or(0, Vec::len), *w));
        probes.truncate(mine.len() / 2 + 1);
        // A sentence whose rarest words are in hundreds of facts tells
        // what happens all the time: asked in no game.
        if probes
            .first()
            .is_some_and(|w| self.postings.get(*w).map_or(0, Vec::len) > COMMON_WORD)
        {
            return vec![EVERYWHERE];
        }
        let mut candidates: HashSet<usize> = HashSet::new();
        for word in probes {
            let list = self.postings.get(word).map_or(&[][..], Vec::as_slice);
            // Past the common words the pairs would cost more than they
            // tell: the rarer probes have found what they can.
            if list.len() > COMMON_WORD {
                break;
            }
            for &j in list {
                if self.episodes[j] != self.episodes[i] && self.languages[j] == self.languages[i] {
                    candidates.insert(j);
                }
            }
        }
        let shared: HashMap<usize, usize> = candidates
            .into_iter()
            .map(|j| (j, self.words[j].intersection(mine).count()))
            .collect();
        let mut out: Vec<EpisodeKey> = shared
            .iter()
            .filter(|(j, n)| {
                let union = mine.len() + self.words[**j].len() - **n;
                **n * 2 >= union.max(1)
            })
            .map(|(j, _)| EpisodeKey::from_order(self.episodes[*j]))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Wrong choices offered to [`finish`], nearest first: more than it needs,
/// so that those it rules out leave enough.
const SPARE_WRONG: usize = 6;

/// How many of the nearest characters are kept for each episode.
const KEPT_RANKED: usize = 64;

/// A blank whose answer the recaps name with the sentence's other
/// characters at least this often, and this many times as often as with
/// any wrong choice, is given away by them.
const LOPSIDED_TIES: usize = 2;
const LOPSIDED_RATIO: usize = 4;

/// How many fitting characters, nearest first, are weighed by prominence
/// for a blank's wrong choices.
const PROMINENCE_POOL: usize = 24;

/// Wrong-choice candidates: for each episode, the characters met by then,
/// nearest to it first, ranked once and kept.
struct Candidates<'a> {
    show: &'a Show,
    ranked: std::cell::RefCell<HashMap<EpisodeKey, std::rc::Rc<Vec<&'a Character>>>>,
    folded: HashMap<i64, Vec<String>>,
    /// What the recaps call each character, where they say it clearly.
    pronouns: HashMap<i64, super::pronouns::Pronoun>,
    /// For each pair of characters (lower id first), the episode order of
    /// every fact naming both, in order.
    together: HashMap<(i64, i64), Vec<i64>>,
    /// For each character, the facts naming them up to each appearance:
    /// entry `i` counts those of the first `i` appearances.
    named: HashMap<i64, Vec<u32>>,
    /// Words the recaps put before a name as a title, seen where they
    /// cannot be a sentence's opening word ("Later Detective Hays"): at
    /// the opening too they are titles ("Detective _____ finds").
    titles: HashSet<String>,
}

impl<'a> Candidates<'a> {
    fn new(show: &'a Show, facts: &[QuizFact]) -> Self {
        let mut together: HashMap<(i64, i64), Vec<i64>> = HashMap::new();
        let mut titles = HashSet::new();
        for fact in facts {
            for m in &fact.mentions {
                if let Some((word, false)) = super::filter::title_before(&fact.text, m.start) {
                    titles.insert(word.to_string());
                }
            }
            let mut ids: Vec<i64> = fact.mentions.iter().map(|m| m.character_id).collect();
            ids.sort_unstable();
            ids.dedup();
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    together
                        .entry((*a, *b))
                        .or_default()
                        .push(fact.episode_order);
                }
            }
        }
        for orders in together.values_mut() {
            orders.sort_unstable();
        }
        let named = show
            .characters
            .iter()
            .map(|c| {
                let mut sum = 0u32;
                let mut counts = Vec::with_capacity(c.facts.len() + 1);
                counts.push(0);
                for per_language in &c.facts {
                    sum += per_language.iter().sum::<usize>() as u32;
                    counts.push(sum);
                }
                (c.id, counts)
            })
            .collect();
        Candidates {
            show,
            together,
            titles,
            named,
            pronouns: super::pronouns::of_show(show, facts),
            ranked: Default::default(),
            folded: show
                .characters
                .iter()
                .map(|c| (c.id, c.names().map(fold).collect()))
                .collect(),
        }
    }

    /// How often the recaps before `episode` name `a` in one sentence with
    /// each of `others`, summed: how closely the story ties them. Only
    /// earlier episodes count: a tie of long standing (a marriage, an
    /// affair) gives a blank away, the episode's own story is what a
    /// question asks about.
    fn ties(&self, a: i64, others: &HashSet<i64>, episode: EpisodeKey) -> usize {
        let order = episode.order();
        others
            .iter()
            .filter(|o| **o != a)
            .filter_map(|o| self.together.get(&(a.min(*o), a.max(*o))))
            .map(|orders| orders.partition_point(|x| *x < order))
            .sum()
    }

    /// Whether two characters share a name (a family name: "Frank Houston"
    /// and "Julia Houston").
    fn share_a_name(&self, a: i64, b: i64) -> bool {
        match (self.folded.get(&a), self.folded.get(&b)) {
            (Some(x), Some(y)) => x.iter().any(|n| y.contains(n)),
            _ => false,
        }
    }

    /// Characters met by `episode`, nearest appearance first, then in
    /// roster order.
    fn ranked(&self, episode: EpisodeKey) -> std::rc::Rc<Vec<&'a Character>> {
        if let Some(r) = self.ranked.borrow().get(&episode) {
            return r.clone();
        }
        let mut met = self.all_ranked(episode);
        // Only the nearest are kept for every episode: a roster of thousands
        // ranked for each of thousands of episodes would not fit in memory.
        met.truncate(KEPT_RANKED);
        met.shrink_to_fit();
        let ranked = std::rc::Rc::new(met);
        self.ranked.borrow_mut().insert(episode, ranked.clone());
        ranked
    }

    /// Every character met by `episode`, nearest appearance first, then in
    /// roster order.
    fn all_ranked(&self, episode: EpisodeKey) -> Vec<&'a Character> {
        let order = episode.order();
        let distance = |c: &Character| {
            let i = c.appearances.partition_point(|k| *k < episode);
            [i.checked_sub(1), Some(i)]
                .into_iter()
                .flatten()
                .filter_map(|j| c.appearances.get(j))
                .map(|k| (k.order() - order).abs())
                .min()
                .unwrap_or(i64::MAX)
        };
        let mut met: Vec<(i64, usize, &'a Character)> = self
            .show
            .characters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.name.at() <= episode)
            .map(|(i, c)| (distance(c), i, c))
            .collect();
        met.sort_by_key(|(d, i, _)| (*d, *i));
        met.into_iter().map(|(_, _, c)| c).collect()
    }

    /// How many facts name `c` up to `episode`: what a member who has
    /// watched that far has read of them.
    fn named_by(&self, c: &Character, episode: EpisodeKey) -> usize {
        let met = c.appearances.partition_point(|k| *k <= episode);
        self.named
            .get(&c.id)
            .map_or(0, |counts| counts[met] as usize)
    }

    /// Up to [`SPARE_WRONG`] characters that could stand where `c` does,
    /// met by `episode`, not named in the sentence, sharing no name with
    /// `c`: of the same kind and group (and pronoun, where the sentence is
    /// `gendered`: says "he", "her"...), and as prominent by then
    /// as `c` as can be found (a minor character among the four leads is
    /// the one to pick), nearest appearance first among equals.
    fn wrong(
        &self,
        c: &Character,
        episode: EpisodeKey,
        named: &HashSet<i64>,
        gendered: bool,
    ) -> Vec<&'a Character> {
        let kept = self.ranked(episode);
        let mut whole: Option<Vec<&'a Character>> = None;
        // The answer's group first; where it has too few to offer (three
        // of the four women on stage named in the sentence), its wider
        // group, then any, still of the pronoun the grammar asks for: a
        // choice that is unlikely beats one the sentence rules out.
        let mut found = Vec::new();
        for widest in [0, 1, 2] {
            found = self.pick_wrong(c, episode, named, gendered, &kept, widest);
            if found.len() >= CHOICES - 1 {
                return found;
            }
            if kept.len() == KEPT_RANKED {
                // A kind rare among the nearest (a role, a production):
                // the whole roster, for this question only.
                let all = whole.get_or_insert_with(|| self.all_ranked(episode));
                found = self.pick_wrong(c, episode, named, gendered, all, widest);
                if found.len() >= CHOICES - 1 {
                    return found;
                }
            }
        }
        found
    }

    /// Of `ranked`, up to [`SPARE_WRONG`] that could stand where `c` does
    /// ([`Candidates::wrong`]), of a group at most `widest` apart from the
    /// answer's, the most like it first.
    fn pick_wrong(
        &self,
        c: &Character,
        episode: EpisodeKey,
        named: &HashSet<i64>,
        gendered: bool,
        ranked: &[&'a Character],
        widest: u8,
    ) -> Vec<&'a Character> {
        let prominence = |o: &Character| -> u32 {
            let met = o.appearances.partition_point(|k| *k <= episode);
            let facts = self.named.get(&o.id).map_or(0, |counts| counts[met]);
            (facts + 1).ilog2()
        };
        let own_prominence = prominence(c);
        // Someone last seen in an earlier season does not belong in this
        // season's scene.
        let stale = |o: &Character| -> u32 {
            let met = o.appearances.partition_point(|k| *k <= episode);
            let last = met.checked_sub(1).map(|i| o.appearances[i]);
            if last.is_some_and(|k| k.season == episode.season) {
                0
            } else {
                2
            }
        };
        // Tied to the others named as closely as the answer: "___ and
        // Michael kiss" offers those the story pairs with Michael too.
        let tie = |o: &Character| (self.ties(o.id, named, episode) as u32 + 1).ilog2();
        let own_tie = tie(c);
        // How far apart two groups are: 0 the same, 1 the same before a
        // "/" ("backstage/writers" and "backstage/producers"), 2 others.
        let apart_from_answer = |o: &Character| -> u8 {
            match (&c.group, &o.group) {
                (None, _) => 0,
                (Some(a), Some(b)) if a == b => 0,
                (Some(a), Some(b)) if a.split('/').next() == b.split('/').next() => 1,
                _ => 2,
            }
        };
        // 0 called as the answer is, 1 where the recaps say of one of the
        // two only, 2 called otherwise.
        let own_pronoun = self.pronouns.get(&c.id);
        let unlike = |o: &Character| -> u8 {
            match (own_pronoun, self.pronouns.get(&o.id)) {
                (Some(a), Some(b)) if a == b => 0,
                (None, None) => 0,
                (Some(_), Some(_)) => 2,
                _ => 1,
            }
        };
        let mut found: Vec<(u32, &'a Character)> = ranked
            .iter()
            .filter(|o| o.kind == c.kind && o.id != c.id && !named.contains(&o.id))
            // "he" or "she" around the blank fits the answer: it
            // fits every choice, as far as the roster or the recaps
            // say (where they do not, a "she" among choices of whom
            // only the answer is known to be a woman gives it away:
            // no choice is offered, and the question is not asked).
            .filter(|o| {
                !gendered
                    || match (self.pronouns.get(&c.id), self.pronouns.get(&o.id)) {
                        (Some(a), Some(b)) => a == b,
                        _ => false,
                    }
            })
            // A singer among writers stands out: an answer with a
            // group is offered beside its group.
            .filter(|o| apart_from_answer(o) <= widest)
            .filter(|o| !self.share_a_name(c.id, o.id))
            .take(PROMINENCE_POOL)
            .map(|o| {
                let apart =
                    prominence(o).abs_diff(own_prominence) + tie(o).abs_diff(own_tie) + stale(o);
                (apart, *o)
            })
            .collect();
        // The answer's group first, then those the recaps call as
        // they call the answer (the one woman among three men stands
        // out even where the sentence says no "she"), then the most
        // like it in ties to the sentence and prominence; stable:
        // nearest appearance first among equals.
        found.sort_by_key(|(apart, o)| (apart_from_answer(o), unlike(o), *apart));
        found.truncate(SPARE_WRONG);
        found.into_iter().map(|(_, o)| o).collect()
    }
}

#[allow(clippy::too_many_arguments)]
fn finish(
    show: &Show,
    fact: &QuizFact,
    language: Language,
    episode: EpisodeKey,
    kind: QuestionKind,
    prompt: String,
    answer: String,
    accepted: Vec<String>,
    wrong: Vec<String>,
    seed_parts: &[&str],
) -> Option<Question> {
    let prompt = story_text(show, &prompt);
    // No wrong choice shares a word with the prompt: "The Fringe" beside
    // a sentence about the Winter Fringe would be the one to pick or the
    // one to rule out.
    let in_prompt = significant_words(&prompt);
    let mut choices = vec![answer.clone()];
    for w in wrong {
        if !choices.iter().any(|c| fold(c) == fold(&w))
            && significant_words(&w).is_disjoint(&in_prompt)
        {
            choices.push(w);
        }
    }
    // A which-episode question's choices are drawn when it is asked.
    if choices.len() < CHOICES && kind != QuestionKind::WhichEpisode {
        return None;
    }
    choices.truncate(CHOICES);
    // The prompt gives nothing away.
    if std::iter::once(&answer)
        .chain(&accepted)
        .any(|a| contains_name(&prompt, a))
    {
        return None;
    }
    // The recap's section heading is shown with the question, unless it
    // gives the answer: "Eileen Goes Slumming" over a blank for Eileen,
    // "Twelve Hours Earlier" over a missing number.
    let context = fact
        .section
        .clone()
        .filter(|section| {
            // A recap's heading belongs to its episode ("Episode Two",
            // a scene's name): shown with a which-episode question, it
            // would point at the answer.
            !matches!(kind, QuestionKind::Number | QuestionKind::WhichEpisode)
                && !std::iter::once(&answer)
                    .chain(&accepted)
                    .any(|a| contains_name(section, a))
        })
        .map(|c| Told::new(episode, c));
    let kind_name = format!("{kind:?}");
    let mut parts = vec![
        show.slug.as_str(),
        kind_name.as_str(),
        fact.text.as_str(),
        answer.as_str(),
    ];
    parts.extend_from_slice(seed_parts);
    let (key, seed) = crate::model::question_key(&parts);
    choices.shuffle(&mut StdRng::seed_from_u64(seed));
    let told = |text: String| Told::new(episode, text);
    Some(Question {
        key,
        show: show.slug.clone(),
        episode: Some(episode),
        language,
        kind,
        prompt: told(prompt),
        answer: told(answer),
        accepted: accepted.into_iter().map(told).collect(),
        choices: choices.into_iter().map(told).collect(),
        source: format!("fact {}", fact.id),
        fact: Some(told(fact.text.clone())),
        context,
        lead: None,
        lead_fact: None,
        score: None,
        also_in: Vec::new(),
    })
}

/// `text` without the actors named in brackets, who are no part of the
/// story: the roster's, and any name of two or three capitalised words
/// there ("(Bryan Cranston)").
fn story_text(show: &Show, text: &str) -> String {
    without_asides(text, |aside| {
        let words: Vec<&str> = aside.split_whitespace().collect();
        let looks_like_a_name = (2..=3).contains(&words.len())
            && words.iter().all(|w| {
                w.starts_with(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-')
            });
        looks_like_a_name
            || show.characters.iter().any(|c| {
                c.played_by
                    .as_ref()
                    .is_some_and(|a| a.unrendered() == aside)
            })
    })
}

/// The words of `text` that say something (four letters or more),
/// folded.
fn significant_words(text: &str) -> HashSet<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_string)
        .collect()
}

/// Whether the mention `m` stands in a list of three names or more, joined
/// by commas, "and", "und", "&" or "sowie".
fn in_list_of_names(text: &str, mentions: &[QuizMention], m: &QuizMention) -> bool {
    let joined = |a: &QuizMention, b: &QuizMention| {
        let between = text[a.end + a.suffix.len()..b.start].trim();
        between.is_empty()
            || [",", "and", ", and", "und", "&", "sowie", "or", "oder"].contains(&between)
    };
    let mut sorted: Vec<&QuizMention> = mentions.iter().collect();
    sorted.sort_by_key(|o| o.start);
    let Some(at) = sorted.iter().position(|o| std::ptr::eq(*o, m)) else {
        return false;
    };
    // The run of joined names around it.
    let mut first = at;
    while first > 0 && joined(sorted[first - 1], sorted[first]) {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < sorted.len() && joined(sorted[last], sorted[last + 1]) {
        last += 1;
    }
    last - first + 1 >= 3
}

fn blanked(text: &str, start: usize, end: usize) -> String {
    format!("{}{BLANK}{}", &text[..start], &text[end..])
}

/// Whether the name at `m` (of `c`) can be blanked at all: named once,
/// not one of a list, and with nothing beside it that tells who it is (a
/// relative's family name, a title or the word for a part, an article, a
/// number that is part of the name).
fn blankable(
    candidates: &Candidates<'_>,
    fact: &QuizFact,
    language: Language,
    m: &QuizMention,
    c: &Character,
) -> bool {
    // Named twice: blanking one would leave the other.
    if fact
        .mentions
        .iter()
        .filter(|o| o.character_id == c.id)
        .count()
        > 1
    {
        return false;
    }
    // One of a list of names ("Derek, Eileen, Tom and Julia argue"):
    // any of the others' partners fits the blank as well.
    if in_list_of_names(&fact.text, &fact.mentions, m) {
        return false;
    }
    // A relative named beside the blank ("Frank ... ___ throws herself into
    // his arms"): the family name they share says who it is.
    if fact
        .mentions
        .iter()
        .any(|o| o.character_id != c.id && candidates.share_a_name(c.id, o.character_id))
    {
        return false;
    }
    // "the record producer ___": the word for the part names the answer.
    if super::filter::named_by_role(language, &fact.text, m.start..m.end, &candidates.titles) {
        return false;
    }
    // "der ___", "the ___": a name after an article is a word for a part
    // ("der Professor") or a family ("die Brodys"), and a blank there
    // fits it alone.
    if after_article(language, &fact.text[..m.start]) {
        return false;
    }
    // "Krazy ___" or "___ 8": a name with a number is one name.
    let number_after = fact.numbers.iter().any(|n| n.start == m.end + 1)
        && fact.text.get(m.end..m.end + 1) == Some(" ");
    !number_after
}

/// A who-is-missing question blanking `m`, and whether the other names
/// make its answer predictable.
#[allow(clippy::too_many_arguments)]
fn who(
    show: &Show,
    candidates: &Candidates<'_>,
    fact: &QuizFact,
    language: Language,
    episode: EpisodeKey,
    m: &QuizMention,
    c: &Character,
    (named, in_lead): (&HashSet<i64>, &HashSet<i64>),
) -> Option<(Question, bool)> {
    if !blankable(candidates, fact, language, m, c) {
        return None;
    }
    let sentence = blanked(&fact.text, m.start, m.end);
    let others = fact.mentions.len() > 1 || !fact.numbers.is_empty();
    let n = words(&sentence);
    if n < MIN_WORDS || (!others && n < RICH_WORDS) {
        return None;
    }
    let gendered = super::pronouns::gendered(language, &sentence);
    let mut wrong = candidates.wrong(c, episode, named, gendered);
    // "warns the Kettlemans": someone the sentence speaks of in a form
    // the roster does not tag is no wrong choice.
    let folded = fold(&sentence);
    let words: Vec<&str> = folded.split(|ch: char| !ch.is_alphanumeric()).collect();
    wrong.retain(|o| !spoken_of(&words, o) && !in_lead.contains(&o.id));
    // The others named point to the answer: the story so far ties them to
    // it far more than to any wrong choice ("news about ___ and Michael"
    // when only Julia has been with Michael).
    let own = candidates.ties(c.id, named, episode);
    if own >= LOPSIDED_TIES
        && wrong
            .iter()
            .take(CHOICES - 1)
            .all(|o| candidates.ties(o.id, named, episode) * LOPSIDED_RATIO < own)
    {
        return None;
    }
    // Tied to the answer by the story at all, and more than to any wrong
    // choice: a guess from the company it keeps is likely right.
    let predictable = own >= 1
        && wrong
            .iter()
            .take(CHOICES - 1)
            .all(|o| candidates.ties(o.id, named, episode) * 2 <= own);
    let prompt = t(language, "quiz-who", &[i18n::m("sentence", sentence)]);
    let q = finish(
        show,
        fact,
        language,
        episode,
        QuestionKind::Who,
        prompt,
        c.name.unrendered().to_string(),
        c.aliases.clone(),
        wrong
            .iter()
            .map(|o| o.name.unrendered().to_string())
            .collect(),
        &[&m.start.to_string()],
    )?;
    Some((q, predictable))
}

/// Whether `before` ends with an article.
fn after_article(language: Language, before: &str) -> bool {
    let last = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let articles: &[&str] = match language {
        Language::En => &["the", "a", "an"],
        // With the articles a preposition takes in ("vom", "zum", "beim").
        Language::De => &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "vom", "zum", "zur", "beim", "im", "am", "ins", "ans", "aufs",
        ],
    };
    before.ends_with(' ') && articles.contains(&last.as_str())
}

/// Whether the number at `start` follows a name with one space between,
/// as part of it ("Krazy 8").
fn part_of_a_name(fact: &QuizFact, start: usize) -> bool {
    fact.mentions
        .iter()
        .any(|m| m.suffix.is_empty() && fact.text.get(m.end..start) == Some(" "))
}

/// Writes `value` the way the recap writes numbers.
fn write_number(value: f64, decimals: u32, language: Language, grouped: bool) -> String {
    let text = format!("{value:.*}", decimals as usize);
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let (decimal, group) = match language {
        Language::En => ('.', ','),
        Language::De => (',', '.'),
    };
    let mut int_part = int.to_string();
    if grouped && int.len() > 3 {
        let digits: Vec<char> = int.chars().collect();
        int_part = String::new();
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                int_part.push(group);
            }
            int_part.push(*d);
        }
    }
    match frac {
        Some(f) => format!("{int_part}{decimal}{f}"),
        None => int_part,
    }
}

/// Three plausible wrong values near `n`, in the recap's notation.
fn plausible(n: &QuizNumber, language: Language, seed: u64) -> Vec<String> {
    let grouped = n.surface.contains(match language {
        Language::En => ',',
        Language::De => '.',
    }) && n.decimals == 0;
    let step = 10f64.powi(-(n.decimals as i32));
    let mut candidates: Vec<f64> = if n.value.abs() < 10.0 && n.decimals == 0 {
        [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0]
            .iter()
            .map(|d| n.value + d)
            .collect()
    } else {
        [0.5, 0.75, 0.9, 1.1, 1.25, 1.5]
            .iter()
            .map(|f| n.value * f)
            .collect()
    };
    candidates.shuffle(&mut StdRng::seed_from_u64(seed));
    let answer = write_number(n.value, n.decimals, language, grouped);
    let mut out: Vec<String> = Vec::new();
    for v in candidates {
        let v = (v / step).round() * step;
        if v < 0.0 || (n.value > 0.0 && v <= 0.0) {
            continue;
        }
        // As many digits as the answer: "6" beside "11" is the odd one out.
        if v.abs().trunc().to_string().len() != n.value.abs().trunc().to_string().len() {
            continue;
        }
        let text = write_number(v, n.decimals, language, grouped);
        if text != answer && !out.contains(&text) {
            out.push(text);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

fn number(
    show: &Show,
    fact: &QuizFact,
    language: Language,
    episode: EpisodeKey,
    n: &QuizNumber,
) -> Option<Question> {
    if fact.text.matches(n.surface.as_str()).count() > 1
        || !super::filter::story_number(&fact.text, n.start..n.end, n.value)
        || part_of_a_name(fact, n.start)
    {
        return None;
    }
    let sentence = blanked(&fact.text, n.start, n.end);
    if words(&sentence) < MIN_WORDS {
        return None;
    }
    let (_, seed) = crate::model::question_key(&[&show.slug, &fact.text, &n.surface]);
    let wrong = plausible(n, language, seed);
    let prompt = t(language, "quiz-number", &[i18n::m("sentence", sentence)]);
    finish(
        show,
        fact,
        language,
        episode,
        QuestionKind::Number,
        prompt,
        n.surface.clone(),
        Vec::new(),
        wrong,
        &[&n.start.to_string()],
    )
}

/// The show's title and its episode titles a sentence could name as
/// such, lower case:
/// those of two words or more, or one long word that is nobody's name
/// ("Marco" is a title and a character).
fn titles_told(show: &Show) -> Vec<String> {
    let names: HashSet<String> = show
        .characters
        .iter()
        .flat_map(|c| std::iter::once(c.name.unrendered().to_string()).chain(c.aliases.clone()))
        .map(|n| fold(&n))
        .collect();
    let mut titles: Vec<String> = show
        .episodes
        .iter()
        .flat_map(|e| std::iter::once(&e.title).chain(e.recaps.iter().map(|r| &r.title)))
        .map(|t| title_key(t.unrendered().trim()))
        .chain(std::iter::once(title_key(show.title.raw().trim())))
        .filter(|t| {
            let words = t.split_whitespace().count();
            (words >= 2 || t.chars().count() >= 8) && !names.contains(t)
        })
        .collect();
    titles.sort();
    titles.dedup();
    titles
}

/// Whether a text holds a word that begins with a word of `c`'s name or
/// aliases of four letters or more ("Kettlemans", "Brodys").
/// `text`'s words are given folded ([`fold`]), split once for all the
/// choices a question weighs.
fn spoken_of(words: &[&str], c: &Character) -> bool {
    std::iter::once(c.name.unrendered())
        .chain(c.aliases.iter().map(String::as_str))
        .flat_map(|n| {
            fold(n)
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .any(|part| words.iter().any(|w| w.starts_with(part.as_str())))
}

/// Text folded for finding titles in it, its apostrophes all one.
fn title_key(text: &str) -> String {
    fold(text).replace('’', "'")
}

/// Words of a title too common to tell it: articles, pronouns, words for
/// a part of a show ("Episode 3", "Folge 2"), folded.
const COMMON_IN_TITLES: &[&str] = &[
    "with", "that", "this", "from", "into", "have", "what", "when", "where", "which", "your",
    "they", "them", "their", "there", "about", "after", "before", "over", "under", "some", "then",
    "than", "will", "just", "like", "more", "most", "only", "also", "been", "were", "does",
    "episode", "part", "chapter", "eine", "einer", "einem", "einen", "eines", "dass", "sich",
    "nicht", "noch", "auch", "aber", "oder", "wenn", "dann", "doch", "nach", "unter", "uber",
    "folge", "teil", "kapitel", "sein", "seine", "ihre", "ihren", "alle", "alles", "wird", "sind",
    "immer", "mehr", "ganz", "viel", "sehr",
];

/// Whether `text` holds a word of the episode title `title`: a word of
/// four letters or more, not a common one, within a word of the text
/// ("Kane" in "Kanes", "Schmerz" in "Schmerzmedikamente"), or a word of
/// the text of five letters or more within one of the title ("Unglück"
/// in "Zugunglück").
fn echoes_title(text: &str, title: &str) -> bool {
    let split = |s: &str| -> Vec<String> {
        fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !COMMON_IN_TITLES.contains(w))
            .map(str::to_string)
            .collect()
    };
    let told = split(text);
    split(title).iter().any(|t| {
        told.iter().any(|w| {
            (t.chars().count() >= 4 && w.contains(t.as_str()))
                || (w.chars().count() >= 5 && t.contains(w.as_str()))
        })
    })
}

/// Titles ([`title_key`]) to find in sentences as whole words: a show of
/// thousands of episodes has thousands, each sentence is searched for all
/// of them at once.
struct Titles(Option<aho_corasick::AhoCorasick>);

impl Titles {
    fn new(titles: Vec<String>) -> Titles {
        let titles: Vec<String> = titles.into_iter().filter(|t| !t.is_empty()).collect();
        if titles.is_empty() {
            return Titles(None);
        }
        Titles(aho_corasick::AhoCorasick::new(&titles).ok())
    }

    /// Whether `text` names one of the titles as whole words.
    fn named_in(&self, text: &str) -> bool {
        let Some(matcher) = &self.0 else {
            return false;
        };
        let text = title_key(text);
        matcher.find_overlapping_iter(&text).any(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }
}

fn title_in(show: &Show, key: EpisodeKey, language: Language) -> Option<String> {
    let e = show.episode(key)?;
    Some(
        e.recaps
            .iter()
            .find(|r| r.language == language)
            .map_or(&e.title, |r| &r.title)
            .unrendered()
            .to_string(),
    )
}

fn which_episode(
    show: &Show,
    fact: &QuizFact,
    language: Language,
    episode: EpisodeKey,
) -> Option<Question> {
    // (Whether a game's gate holds episodes enough to choose from is the
    // game's to see: [`fit_to_gate`].)
    if words(&fact.text) < 8 {
        return None;
    }
    // Something that happens once: two characters together, a number, a
    // quoted line, or a name of a place or thing. "Joyce refuses to
    // believe that Will is gone" could be any episode's.
    let names: HashSet<i64> = fact.mentions.iter().map(|m| m.character_id).collect();
    let quoted = fact.text.contains(['"', '“', '„', '«', '»']);
    // (German writes every noun with a capital: there, names alone count.)
    let named_thing = language == Language::En
        && fact.text.split_whitespace().skip(1).any(|w| {
            let at = w.as_ptr() as usize - fact.text.as_ptr() as usize;
            w.starts_with(char::is_uppercase)
                && !fact
                    .mentions
                    .iter()
                    .any(|m| (m.start..m.end + m.suffix.len() + 1).contains(&at))
        });
    let anchored = names.len() >= 2 || !fact.numbers.is_empty() || quoted || named_thing;
    if !anchored {
        return None;
    }
    // Titles are shown with their codes, which place each in the season.
    let coded = |key: EpisodeKey| Some(format!("{} ({key})", title_in(show, key, language)?));
    let title = title_in(show, episode, language)?;
    // "Schmerzmedikamente" under "Der Schmerz", "Kane" under "Return of
    // the Kane": a word of the title in the sentence tells the answer.
    if echoes_title(&fact.text, &title) {
        return None;
    }
    let answer = coded(episode)?;
    // A game draws the choices it shows anew from within its gate
    // ([`fit_to_gate`]); in the bank the nearest earlier episodes stand for
    // them (never a later one: what the bank holds is the question's own
    // episode's), as many as there are.
    let wrong: Vec<String> = show
        .episodes
        .iter()
        .rev()
        .filter(|e| e.key < episode)
        .filter_map(|e| coded(e.key))
        .take(SPARE_WRONG)
        .collect();
    // A sentence that is a quotation already has its marks.
    let quoted = fact.text.starts_with(['"', '“', '„', '«', '»', '\'']);
    let prompt = t(
        language,
        if quoted {
            "quiz-which-episode-quoted"
        } else {
            "quiz-which-episode"
        },
        &[i18n::m("sentence", fact.text.clone())],
    );
    finish(
        show,
        fact,
        language,
        episode,
        QuestionKind::WhichEpisode,
        prompt,
        answer,
        vec![title, episode.to_string()],
        wrong,
        &[],
    )
}

/// A which-episode question as a game whose gate reaches `up_to` asks it:
/// three wrong episodes drawn now from within the gate, before and after
/// the answer, so that the answer's place in episode order among the four
/// is uniform. The answer's place is drawn first; where the gate has too
/// few episodes on one side for it, the question is not asked in this
/// game (`None`), which keeps every place equally likely. Any other
/// question comes back as it is.
pub fn fit_to_gate(
    show: &Show,
    up_to: EpisodeKey,
    q: &Question,
    rng: &mut impl rand::Rng,
) -> Option<Question> {
    if q.kind != QuestionKind::WhichEpisode {
        return Some(q.clone());
    }
    let answer = q.episode?;
    // What happens in another episode of the gate too has two answers.
    if q.also_in.iter().any(|k| *k <= up_to) {
        return None;
    }
    let within: Vec<EpisodeKey> = show
        .episodes
        .iter()
        .map(|e| e.key)
        .filter(|k| *k <= up_to && title_in(show, *k, q.language).is_some())
        .collect();
    let at = within.iter().position(|k| *k == answer)?;
    let before = rng.random_range(0..CHOICES);
    let after = CHOICES - 1 - before;
    if at < before || within.len() - 1 - at < after {
        return None;
    }
    let mut wrong: Vec<EpisodeKey> = rand::seq::index::sample(rng, at, before)
        .into_iter()
        .map(|i| within[i])
        .collect();
    wrong.extend(
        rand::seq::index::sample(rng, within.len() - 1 - at, after)
            .into_iter()
            .map(|i| within[at + 1 + i]),
    );
    let coded = |key: EpisodeKey| {
        let title = title_in(show, key, q.language)?;
        Some(Told::new(key, format!("{title} ({key})")))
    };
    let mut choices = vec![q.answer.clone()];
    for key in wrong {
        choices.push(coded(key)?);
    }
    choices.shuffle(rng);
    let mut fitted = q.clone();
    fitted.choices = choices;
    Some(fitted)
}

/// Words before a name that attribute the quotation after it: "this gem
/// from Eileen: “…”", "von Eileen an Tom: „…“".
const FROM: &[&str] = &["from", "von", "by"];

/// Words that may stand between a speaker's name and the speech verb
/// ("…," Tom finally says), or between the verb and whom it is said to.
const BY_THE_WAY: &[&str] = &[
    "then",
    "finally",
    "simply",
    "later",
    "again",
    "also",
    "dann",
    "nur",
    "noch",
    "schließlich",
];

/// Words after which a quotation is no longer the speaker's own line but
/// a report of what was said ("tells Jesse that Gretchen called it …").
const REPORTED: &[&str] = &["that", "dass", "about", "über", "what", "was", "how", "wie"];

/// The words of `s` around a quotation, lower case, their punctuation
/// trimmed: what a speaker's name and verb are read from.
/// A word that may stand between a speaker and the verb ("then asks",
/// "obliviously asked", "said grimly"): one of [`BY_THE_WAY`] or an
/// English adverb in "-ly".
fn by_the_way(word: &str) -> bool {
    BY_THE_WAY.contains(&word) || (word.len() > 4 && word.ends_with("ly"))
}

/// Who says the quotation at `whole` (its marks included) in `text`: a
/// character named with a speech verb right before or after it ("…,"
/// grumbles Tom; "…," Tom quips; Tom says: "…"; Walt tells Jesse, "…";
/// „…“, so Walter), or introduced with "from" ("this gem from Eileen:
/// "…"").
fn speaker<'m>(
    text: &str,
    mentions: &'m [QuizMention],
    (whole_start, whole_end): (usize, usize),
) -> Option<&'m QuizMention> {
    let bare = |s: &str| {
        s.trim()
            .trim_matches(|c: char| c == ',' || c == ':')
            .trim()
            .to_lowercase()
    };
    let is_verb = |w: &str| crate::text::SPEECH_VERBS.contains(&w);
    // A speech verb, maybe after a word like "then", maybe followed by
    // whom it is said to ("tells Jesse", "asks him", "says to Skyler"),
    // and nothing else: the words between a name and its line.
    let verb_then_listener = |s: &str| {
        let w = crate::text::speech_words(s);
        let at = w.iter().position(|w| is_verb(w));
        match at {
            Some(at) => {
                at <= 1
                    && w[..at].iter().all(|w| by_the_way(w))
                    && w.len() - at <= 4
                    && !w[at + 1..]
                        .iter()
                        .any(|w| is_verb(w) || REPORTED.contains(&w.as_str()))
                    && !s.contains(['.', ';', '!', '?'])
            }
            None => false,
        }
    };
    let last_word = |s: &str| {
        let word: String = s
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        word.chars().rev().collect::<String>().to_lowercase()
    };
    mentions.iter().find(|m| {
        let after_name = m.end + m.suffix.len();
        if m.start >= whole_end {
            let between = &text[whole_end..m.start];
            let b = bare(between);
            // "…," grumbles Tom  |  "…," Tom quips  |  "…," Tom then
            // says  |  „…“, so Walter
            let after: Vec<String> = crate::text::speech_words(&text[after_name..])
                .into_iter()
                .take(2)
                .collect();
            (is_verb(&b) || b == "so")
                || (b.is_empty()
                    && after.first().is_some_and(|w| {
                        is_verb(w) || (by_the_way(w) && after.get(1).is_some_and(|w| is_verb(w)))
                    }))
        } else if after_name <= whole_start {
            let between = &text[after_name..whole_start];
            // Tom says: "…"  |  Walt tells Jesse, "…"  |  this gem from
            // Eileen: "…"  |  von Eileen an Tom: „…“
            let to_someone = {
                let b = bare(between);
                (b.starts_with("an ") || b.starts_with("to ")) && b.split_whitespace().count() <= 3
            };
            // Holder: "…", as a script gives a line, opening the sentence.
            let script = between.trim() == ":" && text[..m.start].trim().is_empty();
            verb_then_listener(between)
                || script
                || ((bare(between).is_empty() || to_someone)
                    && FROM.contains(&last_word(&text[..m.start]).as_str()))
        } else {
            false
        }
    })
}

/// The quotations in `text` with at least three words, in order: (start,
/// end) of the quoted words, and of the whole quotation with its marks.
/// A closing ’ is told from an apostrophe ("Walt’s") by what follows it.
fn quotations(text: &str) -> Vec<((usize, usize), (usize, usize))> {
    let mut found = Vec::new();
    for (open, close) in [
        ('“', '”'),
        ('„', '“'),
        ('"', '"'),
        ('«', '»'),
        ('»', '«'),
        ('‘', '’'),
    ] {
        let mut from = 0;
        while let Some(a) = text[from..].find(open).map(|a| a + from) {
            let inner = a + open.len_utf8();
            let closing = text[inner..]
                .match_indices(close)
                .map(|(i, _)| inner + i)
                .find(|&b| {
                    close != '’'
                        || !text[b + close.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                });
            let Some(b) = closing else { break };
            from = b + close.len_utf8();
            let quoted = text[inner..b].trim_end_matches([',', '.', '!', '?', ' ']);
            if quoted.split_whitespace().count() >= 3 {
                found.push(((inner, inner + quoted.len()), (a, b + close.len_utf8())));
            }
        }
    }
    found.sort();
    // „…“ and “…” share a mark: keep the first of overlapping ones.
    let mut kept: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for q in found {
        if kept.last().is_none_or(|last| q.1.0 >= last.1.1) {
            kept.push(q);
        }
    }
    kept
}

fn who_said_it(
    show: &Show,
    candidates: &Candidates<'_>,
    fact: &QuizFact,
    language: Language,
    episode: EpisodeKey,
    characters: &HashMap<i64, &Character>,
) -> Option<Question> {
    let (line, speaker) = quotations(&fact.text)
        .into_iter()
        .find_map(|(words, whole)| Some((words, speaker(&fact.text, &fact.mentions, whole)?)))?;
    let c = characters.get(&speaker.character_id)?;
    said_by(show, candidates, fact, language, episode, c, line)
}

/// "…," she says  |  „…“, sagt er  |  She tells him: "…": the pronoun
/// that says the quotation at `whole` in `text`.
fn pronoun_speaker(
    language: Language,
    text: &str,
    (start, end): (usize, usize),
) -> Option<Pronoun> {
    let subject = |w: &str| match (language, w) {
        (Language::En, "he") | (Language::De, "er") => Some(Pronoun::He),
        (Language::En, "she") | (Language::De, "sie") => Some(Pronoun::She),
        _ => None,
    };
    let is_verb = |w: &str| crate::text::SPEECH_VERBS.contains(&w);
    let after: Vec<String> = crate::text::speech_words(&text[end..])
        .into_iter()
        .take(2)
        .collect();
    let after_pronoun = match after.as_slice() {
        // "…," she says  |  „…“, sagt sie
        [a, b, ..] if is_verb(b) => subject(a),
        [a, b, ..] if is_verb(a) => subject(b),
        _ => None,
    };
    let before = crate::text::speech_words(&text[..start]);
    let before_pronoun = match before.as_slice() {
        // She says: "…"  |  He tells Jimmy, "…"
        [a, b, rest @ ..] if is_verb(b) && rest.len() <= 2 => subject(a),
        // … as she says, "…"  |  … and then she asks, "…"
        [.., a, b] if is_verb(b) => subject(a),
        _ => None,
    };
    after_pronoun.or(before_pronoun)
}

/// A who-said-it whose speaker is a "she" or "he" (`"…," she says`): the
/// one character of that pronoun the nearest sentence before, in the same
/// paragraph, names ("Joe tries to sell her on the idea … “…,” he tells
/// her"), passing over sentences that name nobody it could be ("She
/// remains unimpressed by Joe"), up to three back. The sentence itself
/// names nobody else who could be the pronoun, and the sentence that
/// gives the speaker names nobody else who could.
fn said_by_the_one_before(
    show: &Show,
    candidates: &Candidates<'_>,
    facts: &[QuizFact],
    i: usize,
    language: Language,
    characters: &HashMap<i64, &Character>,
) -> Option<Question> {
    const BACK: usize = 3;
    let fact = &facts[i];
    let (line, pronoun) = quotations(&fact.text)
        .into_iter()
        .find_map(|(line, whole)| Some((line, pronoun_speaker(language, &fact.text, whole)?)))?;
    let could_be = |id: i64| candidates.pronouns.get(&id).is_none_or(|p| *p == pronoun);
    if fact
        .mentions
        .iter()
        .any(|m| (m.start < line.0 || m.end > line.1) && could_be(m.character_id))
    {
        return None;
    }
    let mut speaker = None;
    for back in 1..=BACK {
        let before = facts.get(i.checked_sub(back)?)?;
        if before.episode_order != fact.episode_order
            || before.language != fact.language
            || before.paragraph != fact.paragraph
        {
            return None;
        }
        let ids: HashSet<i64> = before
            .mentions
            .iter()
            .map(|m| m.character_id)
            .filter(|&id| could_be(id))
            .collect();
        match ids.len() {
            0 => continue,
            1 => {
                let id = *ids.iter().next()?;
                // Known to be the pronoun, not merely not known otherwise.
                if candidates.pronouns.get(&id) != Some(&pronoun) {
                    return None;
                }
                speaker = Some(id);
                break;
            }
            _ => return None,
        }
    }
    let first_id = speaker?;
    let c = characters.get(&first_id)?;
    said_by(
        show,
        candidates,
        fact,
        language,
        EpisodeKey::from_order(fact.episode_order),
        c,
        line,
    )
}

/// A line anyone could have said ("I'm paying attention", "Das ist nicht
/// fair"): a few words that name nothing, neither a number nor, in
/// English, a capitalised word past the first ("I" aside). German
/// capitalises every noun, so there only a number or a name counts.
fn anyones_line(language: Language, line: &str) -> bool {
    const ENOUGH: usize = 5;
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() >= ENOUGH || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
        return false;
    }
    let names_something = |w: &&&str| {
        language == Language::En
            && w.chars().next().is_some_and(char::is_uppercase)
            && **w != "I"
            && !w.starts_with("I'")
            && !w.starts_with("I’")
    };
    !words.iter().skip(1).any(|w| names_something(&w))
}

/// The who-said-it question for the words at `line` of `fact`, said by
/// `c`.
fn said_by(
    show: &Show,
    candidates: &Candidates<'_>,
    fact: &QuizFact,
    language: Language,
    episode: EpisodeKey,
    c: &Character,
    (q_start, q_end): (usize, usize),
) -> Option<Question> {
    let line = &fact.text[q_start..q_end];
    let in_quote: HashSet<i64> = fact
        .mentions
        .iter()
        .filter(|m| m.start >= q_start && m.end <= q_end)
        .map(|m| m.character_id)
        .collect();
    if in_quote.is_empty() && anyones_line(language, line) {
        return None;
    }
    // A line can say who speaks ("I'm his mother", "Ich bin seine
    // Mutter"): then the same pronouns only. Any other line is asked
    // among whoever fits, those called as the speaker is first.
    let gendered = super::pronouns::speaker_gendered(language, line);
    let wrong = candidates.wrong(c, episode, &in_quote, gendered);
    let prompt = t(language, "quiz-who-said-it", &[i18n::m("line", line)]);
    finish(
        show,
        fact,
        language,
        episode,
        QuestionKind::WhoSaidIt,
        prompt,
        c.name.unrendered().to_string(),
        c.aliases.clone(),
        wrong
            .iter()
            .map(|o| o.name.unrendered().to_string())
            .collect(),
        &[],
    )
}

/// A question from the seeds or an imported list, as the bank holds it:
/// with three wrong choices or more it gets lettered choices (in an order
/// fixed by its key), otherwise it is asked typed only.
pub(crate) fn from_stored(show: &Show, q: &crate::store::quiz::StoredQuestion) -> Question {
    let mut choices = Vec::new();
    if q.wrong.len() >= 3 {
        // Four choices, like every question: three of the wrong answers
        // written (the same three for the same question), so a question
        // always fits the four answer buttons.
        let (_, seed) = crate::model::question_key(&[&q.key]);
        let mut rng = StdRng::seed_from_u64(seed);
        let mut wrong = q.wrong.clone();
        wrong.shuffle(&mut rng);
        wrong.truncate(CHOICES - 1);
        choices.push(q.answer.clone());
        choices.extend(wrong);
        choices.shuffle(&mut rng);
    }
    let episode = q.episode_order.map(EpisodeKey::from_order);
    // A question that spoils the whole show is told at its last episode.
    let at = episode
        .or_else(|| show.episodes.last().map(|e| e.key))
        .unwrap_or(NEVER);
    let told = |text: &String| Told::new(at, text.clone());
    Question {
        key: q.key.clone(),
        show: show.slug.clone(),
        episode,
        language: Language::parse(&q.language).unwrap_or(Language::En),
        kind: if q.origin == "red" || q.origin == "pack" {
            QuestionKind::Imported
        } else {
            QuestionKind::Written
        },
        prompt: told(&q.prompt),
        answer: told(&q.answer),
        accepted: q.accepted.iter().map(told).collect(),
        choices: choices.iter().map(told).collect(),
        source: format!("{}:{}", q.path, q.line),
        fact: None,
        context: None,
        lead: None,
        lead_fact: None,
        score: None,
        also_in: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_holding_a_word_of_the_title_echoes_it() {
        assert!(echoes_title(
            "Meredith gibt ihm Schmerzmedikamente.",
            "Der Schmerz"
        ));
        assert!(echoes_title(
            "Nach dem Unglück wird George operiert.",
            "Zugunglück"
        ));
        assert!(echoes_title(
            "Keith blamed Jake Kane for the murder.",
            "Return of the Kane"
        ));
        assert!(echoes_title(
            "Veronica finds the credit card slips.",
            "Credit Where Credit's Due"
        ));
        // Common words and short ones tell nothing.
        assert!(!echoes_title(
            "Rath trifft Charlotte in der Episode vor dem Club.",
            "Episode 3"
        ));
        assert!(!echoes_title(
            "After that, Wallace runs to the car.",
            "After the Con"
        ));
        assert!(!echoes_title(
            "Lynette packt die Koffer.",
            "Reden ist Silber, Schweigen ist Gold"
        ));
    }

    #[test]
    fn names_are_found_as_whole_words() {
        assert!(contains_name("Then Karen's song", "Karen"));
        assert!(contains_name("the shunned former-Marilyn", "Marilyn"));
        assert!(!contains_name("Tomorrow", "Tom"));
        assert!(contains_name("KÁREN sings", "Karen"));
    }

    #[test]
    fn numbers_are_written_in_the_recaps_notation() {
        assert_eq!(write_number(1.8, 2, Language::De, false), "1,80");
        assert_eq!(write_number(4.48, 2, Language::En, false), "4.48");
        assert_eq!(write_number(1500000.0, 0, Language::En, true), "1,500,000");
        assert_eq!(write_number(1500.0, 0, Language::De, true), "1.500");
        let n = QuizNumber {
            start: 0,
            end: 4,
            surface: "1,80".into(),
            value: 1.8,
            decimals: 2,
        };
        let wrong = plausible(&n, Language::De, 7);
        assert_eq!(wrong.len(), 3);
        assert!(
            wrong
                .iter()
                .all(|w| w.contains(',') && w.len() == 4 && w != "1,80"),
            "{wrong:?}"
        );
    }

    /// Each of `names` where it first stands in `text`, as a mention of
    /// the character numbered by its place in `names`.
    fn mentions(text: &str, names: &[&str]) -> Vec<QuizMention> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let start = text.find(n).unwrap();
                QuizMention {
                    character_id: i as i64,
                    start,
                    end: start + n.len(),
                    suffix: String::new(),
                }
            })
            .collect()
    }

    #[test]
    fn a_name_in_a_list_of_three_or_more_is_not_blanked() {
        let text = "Derek, Eileen, Tom and Julia argue about the second act.";
        let m = mentions(text, &["Derek", "Eileen", "Tom", "Julia"]);
        assert!(m.iter().all(|x| in_list_of_names(text, &m, x)));
        let text = "Derek und Karen proben, während Tom zusieht.";
        let m = mentions(text, &["Derek", "Karen", "Tom"]);
        assert!(m.iter().all(|x| !in_list_of_names(text, &m, x)));
    }

    #[test]
    fn speakers_are_found_the_ways_recaps_attribute_lines() {
        let who = |text: &str, names: &[&str]| -> Option<String> {
            let mentions = mentions(text, names);
            quotations(text)
                .into_iter()
                .find_map(|(_, whole)| speaker(text, &mentions, whole))
                .map(|m| names[m.character_id as usize].to_string())
        };
        let said = |text: &str, names: &[&str]| who(text, names);
        assert_eq!(
            said("\"Go home right now,\" grumbles Tom.", &["Tom"]).as_deref(),
            Some("Tom")
        );
        assert_eq!(
            said("\"Go home right now,\" Tom quips to Ivy.", &["Tom", "Ivy"]).as_deref(),
            Some("Tom")
        );
        assert_eq!(
            said(
                "Holder obliviously asked, \"How did you know about the cake?\"",
                &["Holder"]
            )
            .as_deref(),
            Some("Holder")
        );
        assert_eq!(
            said("Holder: \"That makes two of us, huh?\"", &["Holder"]).as_deref(),
            Some("Holder")
        );
        assert_eq!(
            said(
                "Linden advised, \"Maybe it's time to let go of the past.\"",
                &["Linden"]
            )
            .as_deref(),
            Some("Linden")
        );
        assert_eq!(
            said(
                "\"Can I get you a pencil from the warehouse?\" Ryan shoots him down.",
                &["Ryan"]
            ),
            None
        );
        assert_eq!(
            said(
                "\"Yeah, but do you matter?\" Cameron shoots back.",
                &["Cameron"]
            )
            .as_deref(),
            Some("Cameron")
        );
        assert_eq!(
            said(
                "\"Nobody pays attention to anything I do,\" Cameron laments.",
                &["Cameron"]
            )
            .as_deref(),
            Some("Cameron")
        );
        assert_eq!(
            said("Eileen declares: \"We open on Friday.\"", &["Eileen"]).as_deref(),
            Some("Eileen")
        );
        assert_eq!(
            said(
                "Best line, this gem from Eileen: \"Tell Julia it is cocktail attire.\"",
                &["Eileen", "Julia"]
            )
            .as_deref(),
            Some("Eileen")
        );
        assert_eq!(
            said(
                "Bester Satz, von Eileen an Tom: „Sag Julia, es ist Cocktailkleidung.“",
                &["Eileen", "Tom", "Julia"]
            )
            .as_deref(),
            Some("Eileen")
        );
        assert_eq!(
            said("„Sie verschmilzt mit der Couch“, klagt Tom.", &["Tom"]).as_deref(),
            Some("Tom")
        );
        assert_eq!(
            said(
                "Walt tells Jesse, \"We need a bigger lab.\"",
                &["Walt", "Jesse"]
            )
            .as_deref(),
            Some("Walt")
        );
        assert_eq!(
            said("„Ich bin die Gefahr“, so Walter.", &["Walter"]).as_deref(),
            Some("Walter")
        );
        assert_eq!(
            said("‘I am the one who knocks,’ Walt finally says.", &["Walt"]).as_deref(),
            Some("Walt")
        );
        // A report of what someone said is the other one's line.
        assert_eq!(
            said(
                "Walt tells Jesse that Gretchen said \"we are done here\" to him.",
                &["Walt", "Jesse", "Gretchen"]
            )
            .as_deref(),
            Some("Gretchen")
        );
        assert_eq!(
            said(
                "Walt tells Jesse that \"we are done here\" is final.",
                &["Walt", "Jesse"]
            ),
            None
        );
        // A name beside a quotation without a speech verb says nothing.
        assert_eq!(
            said("Derek hums \"Let Me Be Your Star\" all day.", &["Derek"]),
            None
        );
    }

    #[test]
    fn a_sentence_naming_an_episode_title_is_found() {
        let titles = Titles::new(vec![
            title_key("The Legend of Tennessee Moltisanti"),
            title_key("Trompe L'Oeil"),
            title_key("Pilot"),
        ]);
        assert!(titles.named_in("In The Legend of Tennessee Moltisanti, Livia talks."));
        assert!(titles.named_in("Requires a blood sacrifice in Trompe L’Oeil."));
        assert!(!titles.named_in("Livia talks to the legend."));
        // A title inside a longer word is not named; the same title as a
        // word of its own further on is.
        assert!(!titles.named_in("The pilots land."));
        assert!(titles.named_in("The pilots land in the Pilot."));
        assert!(!Titles::new(Vec::new()).named_in("Pilot"));
    }

    #[test]
    fn a_name_after_an_article_is_no_blank() {
        assert!(after_article(Language::De, "Dann ruft der "));
        assert!(after_article(Language::En, "Jimmy calls the "));
        assert!(!after_article(Language::De, "Dann ruft Tokio "));
        // An article a preposition takes in: "vom _____" is a man.
        assert!(after_article(Language::De, "wird vom "));
        assert!(!after_article(Language::De, "wird von "));
        // "Theo" is not "the".
        assert!(!after_article(Language::En, "Theo"));
    }

    #[test]
    fn lines_said_by_he_or_she() {
        let by = |language: Language, text: &str| {
            let (_, whole) = quotations(text)[0];
            pronoun_speaker(language, text, whole)
        };
        assert_eq!(
            by(Language::En, "\"We are done here,\" she says."),
            Some(Pronoun::She)
        );
        assert_eq!(
            by(Language::En, "He tells Jimmy: \"We are done here.\""),
            Some(Pronoun::He)
        );
        assert_eq!(
            by(Language::De, "„Ich bin raus“, sagt sie."),
            Some(Pronoun::She)
        );
        assert_eq!(
            by(Language::De, "Er fragt: „Wer war das?“"),
            Some(Pronoun::He)
        );
        assert_eq!(
            by(
                Language::En,
                "Tami keeps counseling him as she says, \"Okay, as long as you take it.\""
            ),
            Some(Pronoun::She)
        );
        // A line nobody is said to say, or one a long clause introduces.
        assert_eq!(
            by(Language::En, "\"We are done here,\" reads the sign."),
            None
        );
        assert_eq!(
            by(
                Language::En,
                "She looks at the door for a long time and then says \"We are done here.\""
            ),
            None
        );
    }

    #[test]
    fn quotations_with_a_speaker_verb() {
        let text = "\"I'm not gonna lie to you,\" grumbles the cop.";
        let ((a, b), (_, end)) = quotations(text)[0];
        assert_eq!(&text[a..b], "I'm not gonna lie to you");
        assert_eq!(&text[end..], " grumbles the cop.");
        assert!(quotations("He said \"no\" again.").is_empty());
        // A closing ’ is not the apostrophe of "Walt’s".
        let text = "‘Walt’s not coming back,’ Skyler says.";
        let ((a, b), _) = quotations(text)[0];
        assert_eq!(&text[a..b], "Walt’s not coming back");
    }
}
