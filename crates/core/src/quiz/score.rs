//! How good a question a sentence makes, as a score built from named
//! signals. Recaps as fans publish them are reviews: beside the plot they
//! hold the writer's verdicts, hedges, jokes, talk of the season, the
//! writers and next week's promo, and sentences that only make sense after
//! the one before. None of that is a fair question, and no one of these
//! signals proves it, so each weighs in and the bank keeps only questions
//! scoring at least [`THRESHOLD`]. What is told by two sources for the
//! same episode (two recaps, English and German) is plot, not opinion, and
//! counts for a question. `cliffhanger questions --why` prints each
//! candidate's score and signals.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::model::Language;

/// A question is kept with a score of at least this. Chosen on the tuning
/// part of the published-recap corpus (`eval/`): below it, the blind read
/// found more bad questions than good ones.
pub const THRESHOLD: f32 = 0.5;

/// Every score starts here.
const BASE: f32 = 1.0;

/// One thing that speaks for or against a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    /// The writer judges ("predictably", "hot mess", "endlich", "leider").
    Evaluative,
    /// A hedge or modal: the writer guesses ("may or may not", "dürfte",
    /// "wohl").
    Hedge,
    /// Talk of the show rather than in it: the season, the writers,
    /// viewers, ratings, promos, next week.
    Meta,
    /// A comparison with another season, character or anything else
    /// ("starting to look like", "wie damals").
    Comparison,
    /// Its subject is a bare reference to the sentence before ("His buzz",
    /// "This", "Die Anwesenheit von").
    BareSubject,
    /// Someone it does not name: a "him", "her" or "them" beside at most
    /// one name, or a "that", "the same", "again" pointing at what was told
    /// before ("whatever Peter said to him", "that hallway").
    PointsBack,
    /// Not the first sentence of its paragraph, and asked without the
    /// sentence before it (which would give the answer away, or needs its
    /// own before it): it most likely goes on from that one. A question
    /// shown with the sentence before it does not carry this.
    LaterInParagraph,
    /// Very long: a question that takes long to read and holds several
    /// events.
    Long,
    /// The other names in it point to the answer (a tie of long standing).
    Predictable,
    /// Told for the same episode by another recap too.
    Corroborated,
    /// It describes rather than tells (English): its verb is "is",
    /// "are", "was" or "were" with no participle after it ("Jesse … is
    /// an exercise in contrasts", "Badger is a complete idiot"): a
    /// reading of a character or a standing state, not something that
    /// happens.
    Describes,
    /// Most of the other sentences of its paragraph are the writer's
    /// voice (verdicts, hedges, talk of the show, questions to the
    /// reader): a paragraph of opinion, where a plain-worded sentence is
    /// most likely a reading of the story rather than the story.
    AmongOpinions,
    /// A state or a habit rather than an event ("has hated him for so
    /// long", "constantly", "immer wieder"): it holds in many episodes,
    /// so which one it happens in has no answer. Which-episode only.
    Ongoing,
}

impl Signal {
    /// What it adds to the score.
    pub(crate) fn weight(self) -> f32 {
        match self {
            Signal::Evaluative => -0.6,
            Signal::Hedge => -0.7,
            Signal::Meta => -0.7,
            Signal::Comparison => -0.4,
            Signal::BareSubject => -0.6,
            Signal::PointsBack => -0.6,
            Signal::LaterInParagraph => -0.6,
            Signal::Long => -0.3,
            Signal::Predictable => -0.4,
            Signal::Corroborated => 0.5,
            Signal::AmongOpinions => -0.6,
            Signal::Describes => -0.6,
            Signal::Ongoing => -0.6,
        }
    }

    /// Its name, as `--why` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Evaluative => "evaluative",
            Signal::Hedge => "hedge",
            Signal::Meta => "meta",
            Signal::Comparison => "comparison",
            Signal::BareSubject => "bare-subject",
            Signal::PointsBack => "points-back",
            Signal::LaterInParagraph => "later-in-paragraph",
            Signal::Long => "long",
            Signal::Predictable => "predictable",
            Signal::Ongoing => "ongoing",
            Signal::Corroborated => "corroborated",
            Signal::AmongOpinions => "among-opinions",
            Signal::Describes => "describes",
        }
    }
}

/// A question's score and what made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// The sum of [`BASE`] and every signal's weight.
    pub total: f32,
    /// The signals found, each once.
    pub signals: Vec<Signal>,
}

impl Score {
    /// The score of these signals.
    pub fn of(signals: Vec<Signal>) -> Score {
        let mut unique: Vec<Signal> = Vec::new();
        for s in signals {
            if !unique.contains(&s) {
                unique.push(s);
            }
        }
        Score {
            total: BASE + unique.iter().map(|s| s.weight()).sum::<f32>(),
            signals: unique,
        }
    }

    /// The same with one more signal.
    pub(crate) fn with(&self, signal: Signal) -> Score {
        let mut signals = self.signals.clone();
        signals.push(signal);
        Score::of(signals)
    }

    /// Whether the question is asked.
    pub fn kept(&self) -> bool {
        self.total >= THRESHOLD
    }

    /// "0.40: evaluative, later-in-paragraph".
    pub fn explained(&self) -> String {
        let names: Vec<&str> = self.signals.iter().map(|s| s.name()).collect();
        format!(
            "{:.2}: {}",
            self.total,
            if names.is_empty() {
                "no signal".to_string()
            } else {
                names.join(", ")
            }
        )
    }
}

/// Words in which the writer judges, lower case.
const EVALUATIVE_EN: &[&str] = &[
    "predictably",
    "unsurprisingly",
    "surprisingly",
    "inevitably",
    "obviously",
    "thankfully",
    "sadly",
    "unfortunately",
    "mercifully",
    "hilariously",
    "hilarious",
    "ridiculous",
    "ridiculously",
    "absurd",
    "awkward",
    "awkwardly",
    "adorable",
    "gorgeous",
    "amazing",
    "terrible",
    "awful",
    "brilliant",
    "delightful",
    "cringe",
    "cringeworthy",
    "annoying",
    "insufferable",
    "poor",
    "mess",
    "snark",
    "smug",
    "lovely",
    "stunning",
    "weird",
    "dumb",
    "stupid",
    "silly",
    "boring",
    "worst",
    "beloved",
    "big fat",
    "bless",
    "of course",
    "yet again",
    "once again",
    "as usual",
    "for some reason",
    "somehow",
    "basically",
    "literally",
    "totally",
    "pretty good",
    "pretty much",
    "beautiful",
    "beautifully",
    "heartbreaking",
    "chilling",
    "creepy",
    "perfect",
    "perfectly",
    "incredible",
    "wonderful",
    "wonderfully",
    "scary",
    "funny",
    "sweet",
    "tragic",
    "powerful",
    "brilliantly",
    "masterful",
    "iconic",
    "epic",
    "favorite",
    "favourite",
    "kind of",
    "sort of",
];
const EVALUATIVE_DE: &[&str] = &[
    "endlich",
    "natürlich",
    "leider",
    "zum glück",
    "glücklicherweise",
    "erwartungsgemäß",
    "überraschenderweise",
    "herrlich",
    "peinlich",
    "grandios",
    "großartig",
    "wunderbar",
    "schrecklich",
    "furchtbar",
    "nervig",
    "nervt",
    "albern",
    "lächerlich",
    "köstlich",
    "genial",
    "schade",
    "langweilig",
    "mal wieder",
    "wie immer",
    "wieder einmal",
    "ausgerechnet",
    "immerhin",
    "übrigens",
    "eigentlich",
    "ziemlich",
    "irgendwie",
    "ehrlich gesagt",
    "man glaubt es kaum",
    "arme",
    "armen",
    "wunderbar",
    "spannend",
    "grandiose",
    "gruselig",
    "herzzerreißend",
    "großartige",
];

/// Hedges and modals: the writer guesses.
const HEDGE_EN: &[&str] = &[
    "may",
    "might",
    "probably",
    "perhaps",
    "maybe",
    "possibly",
    "apparently",
    "seemingly",
    "seems",
    "seem",
    "likely",
    "presumably",
    "supposedly",
    "guess",
    "wonder",
    "may or may not",
];
const HEDGE_DE: &[&str] = &[
    "dürfte",
    "dürften",
    "wohl",
    "vielleicht",
    "vermutlich",
    "wahrscheinlich",
    "anscheinend",
    "scheinbar",
    "scheint",
    "scheinen",
    "möglicherweise",
    "offenbar",
];

/// Talk of the show rather than in it.
const META_EN: &[&str] = &[
    "season",
    "episode",
    "episodes",
    "series",
    "viewers",
    "audience",
    "fans",
    "ratings",
    "rating",
    "promo",
    "promos",
    "preview",
    "next week",
    "last week",
    "this week",
    "recap",
    "finale",
    "premiere",
    "storyline",
    "network",
    "tonight",
    "soundtrack",
    "previously",
    "song that plays",
    "music cue",
    "theme song",
    "portrayed by",
    "played by",
];
const META_DE: &[&str] = &[
    "staffel",
    "folge",
    "folgen",
    "episode",
    "serie",
    "drehbuch",
    "zuschauer",
    "fans",
    "quote",
    "quoten",
    "vorschau",
    "nächste woche",
    "nächsten woche",
    "letzte woche",
    "letzten woche",
    "diese woche",
    "finale",
    "handlung",
    "handlungsstrang",
    "sender",
    "review",
    "rückblick",
    "bisher geschah",
    "zuvor bei",
    "gespielt von",
    "dargestellt von",
    "verkörpert von",
];

/// Comparisons.
const COMPARISON_EN: &[&str] = &[
    "look like",
    "looks like",
    "looking like",
    "as if",
    "reminiscent",
    "than ever",
    "compared",
    "unlike",
    "like a",
    "like the",
    "just like",
];
const COMPARISON_DE: &[&str] = &[
    "wie damals",
    "als ob",
    "im vergleich",
    "anders als",
    "wie ein",
    "wie eine",
];

/// First words that refer back to the sentence before.
const BARE_EN: &[&str] = &[
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "which",
    "such",
    "it",
    "so",
    "and",
    "but",
    "still",
    "instead",
    "neither",
    "both",
    "each",
    "either",
    "suddenly",
    "thus",
    "hence",
    "therefore",
];
const BARE_DE: &[&str] = &[
    "sein",
    "seine",
    "seinen",
    "seinem",
    "seiner",
    "ihr",
    "ihre",
    "ihren",
    "ihrem",
    "ihrer",
    "dies",
    "diese",
    "dieser",
    "dieses",
    "dabei",
    "dafür",
    "damit",
    "darauf",
    "daraufhin",
    "deshalb",
    "doch",
    "auch",
    "und",
    "aber",
    "trotzdem",
    "stattdessen",
    "es",
    "danach",
    "dort",
    "daher",
    "dadurch",
    "dazu",
    "darum",
    "selbst",
];

/// A German sentence opening with "Die Anwesenheit von", "Der Grund für":
/// an abstract noun and a preposition pointing at something told before.
const BARE_DE_PHRASES: &[&str] = &[
    "die anwesenheit",
    "der grund",
    "die rede",
    "das problem",
    "die sache",
];

/// Words that stand for someone named before, English and German.
const OBJECT_PRONOUNS_EN: &[&str] = &["him", "them", "himself", "herself", "themselves"];
const OBJECT_PRONOUNS_DE: &[&str] = &["ihn", "ihm", "ihnen", "ihr"];

/// Words that point at what was told before.
const BACK_EN: &[&str] = &[
    "that hallway",
    "the same",
    "again",
    "as well",
    "turns out",
    "it turns out",
    "whatever",
    "the latter",
    "the former",
    "the other",
    "she says",
    "he says",
    "they say",
    "in other words",
    "in return",
    "the incident",
    "the answer",
    "the thing",
    "do that",
    "did that",
    "the news",
    "the scene",
    "this scene",
    "the idea",
    "the plan",
    "the deal",
    "his friend",
    "her friend",
    "hearing this",
    "learning this",
    "seeing this",
    "after this",
    "because of this",
    "all this",
    "all of this",
    // Something told in the sentence before, named as known.
    "the lesson",
    "the advice",
    "the offer",
    "the request",
    "the warning",
    "the conversation",
];
const BACK_DE: &[&str] = &[
    "wieder",
    "erneut",
    "ebenfalls",
    "derselbe",
    "dieselbe",
    "dasselbe",
    "sagt sie",
    "sagt er",
    "davon",
    "darüber",
    "daraufhin",
    "den mann",
    "der mann",
    "dem mann",
    "die frau",
    "der frau",
    "die tat",
    "die beiden",
    "dessen",
    "deren",
    "dennoch",
    "jedoch",
    "dorthin",
    "zu ihm",
    "zu ihr",
    "dies",
    "das hört",
    "das erfährt",
    "den rat",
    "das angebot",
    "die bitte",
    "die warnung",
    "das gespräch",
    "den vorschlag",
];

/// Words that tell of a state or a habit, not an event.
const ONGOING_EN: &[&str] = &[
    "always",
    "constantly",
    "for so long",
    "for years",
    "ongoing",
    "continues to",
    "keeps",
    "still",
    "usually",
    "often",
    "biggest problem",
    "is struggling",
    "has been",
    "have been",
    // The backstory: what happened before the show, told in passing.
    "had been",
    "ago",
    "used to",
    "years earlier",
    "years before",
    "back when",
    // Who someone is, where they live, what they do day after day: the
    // set-up of the show, not what happens in one episode.
    "regularly",
    "every day",
    "every week",
    "each week",
    "lives in",
    "works as",
    "known for",
];
const ONGOING_DE: &[&str] = &[
    "immer wieder",
    "immer noch",
    "vor jahren",
    "seit jahren",
    "damals",
    "früher",
    "noch immer",
    "ständig",
    "seit langem",
    "weiterhin",
    "nach wie vor",
    "schon lange",
    "oft",
    "meistens",
    "regelmäßig",
    "tagtäglich",
    "jeden tag",
    "jede woche",
    "stets",
    "lebt in",
    "leben in",
    "arbeitet als",
    "arbeiten als",
    "bekannt für",
];

/// Whether `text`, outside its quotations, tells of a state or a habit
/// ([`Signal::Ongoing`]).
pub(crate) fn ongoing(language: Language, text: &str) -> bool {
    let words = lower_words(&super::filter::outside_quotes(text));
    let list = match language {
        Language::En => ONGOING_EN,
        Language::De => ONGOING_DE,
    };
    list.iter().any(|p| has(&words, p))
}

/// More words than this make a long question.
const LONG_WORDS: usize = 40;

/// Lower-case words of `text`, in order, apostrophes kept inside words.
pub(crate) fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

/// Whether the phrase (one word or several) is in `words`.
fn has(words: &[String], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    // "last week's" is "last week" too.
    let same = |a: &String, b: &&str| a == b || a.strip_suffix("'s").is_some_and(|a| a == *b);
    words
        .windows(parts.len())
        .any(|w| w.iter().zip(&parts).all(|(a, b)| same(a, b)))
}

/// German: an article or "dieser" standing alone for someone told of
/// before ("Nachdem der bei Brody auf Granit beißt", "lässt dieser sich
/// … schildern"): followed by a word that cannot start what it names,
/// and not after a comma (where it opens a relative clause).
fn demonstrative_de(told: &str) -> bool {
    const STANDS_ALONE: &[&str] = &[
        "der", "die", "den", "dem", "dieser", "diese", "diesem", "diesen",
    ];
    const CANNOT_FOLLOW: &[&str] = &[
        "bei", "mit", "von", "zu", "auf", "an", "für", "über", "nach", "vor", "aus", "sich", "ihm",
        "ihn", "ihr", "ihnen", "er", "es", "jedoch", "aber", "dann", "nun", "sofort", "nicht",
        "auch", "noch", "schon", "hat", "ist", "wird", "will", "kann", "muss", "soll",
    ];
    let tokens: Vec<&str> = told.split_whitespace().collect();
    tokens.windows(2).enumerate().any(|(i, pair)| {
        let after_comma = i > 0 && tokens[i - 1].ends_with(',');
        let word = pair[0]
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        let next = pair[1].trim_matches(|c: char| !c.is_alphabetic());
        !after_comma
            && !pair[0].ends_with([',', '.', ';', ':'])
            && STANDS_ALONE.contains(&word.as_str())
            && CANNOT_FOLLOW.contains(&next)
    })
}

/// The signals of a sentence (in `language`, the `place`-th of its
/// paragraph), read outside its quotations: what people in the story say
/// is not the writer's voice.
pub(crate) fn of_sentence(language: Language, text: &str, place: usize) -> Vec<Signal> {
    of_sentence_naming(language, text, place, 2)
}

/// [`of_sentence`] for a sentence naming `names` characters.
pub(crate) fn of_sentence_naming(
    language: Language,
    text: &str,
    place: usize,
    names: usize,
) -> Vec<Signal> {
    let told = super::filter::outside_quotes(text);
    let words = lower_words(&told);
    let (evaluative, hedge, meta, comparison, bare) = match language {
        Language::En => (EVALUATIVE_EN, HEDGE_EN, META_EN, COMPARISON_EN, BARE_EN),
        Language::De => (EVALUATIVE_DE, HEDGE_DE, META_DE, COMPARISON_DE, BARE_DE),
    };
    let mut signals = Vec::new();
    let any = |list: &[&str]| list.iter().any(|p| has(&words, p));
    if any(evaluative) {
        signals.push(Signal::Evaluative);
    }
    if any(hedge) {
        signals.push(Signal::Hedge);
    }
    if any(meta) {
        signals.push(Signal::Meta);
    }
    if any(comparison) {
        signals.push(Signal::Comparison);
    }
    let first = words.first().map(String::as_str).unwrap_or_default();
    let opening = words.iter().take(2).cloned().collect::<Vec<_>>().join(" ");
    // An English sentence opening on a gerund is a scrap of the one
    // before ("Yelling at Skyler about …").
    let gerund = language == Language::En && first.len() > 5 && first.ends_with("ing");
    if bare.contains(&first)
        || gerund
        || (language == Language::De && BARE_DE_PHRASES.contains(&opening.as_str()))
    {
        signals.push(Signal::BareSubject);
    }
    let (objects, back) = match language {
        Language::En => (OBJECT_PRONOUNS_EN, BACK_EN),
        Language::De => (OBJECT_PRONOUNS_DE, BACK_DE),
    };
    if (names <= 1 && any(objects))
        || any(back)
        || (language == Language::De && demonstrative_de(&told))
    {
        signals.push(Signal::PointsBack);
    }
    if place > 0 {
        signals.push(Signal::LaterInParagraph);
    }
    // (In English only: a German review tells the story in states as
    // often as in events, "Claire ist auf der Suche nach Ian".)
    if language == Language::En && describes(&told) {
        signals.push(Signal::Describes);
    }
    if text.split_whitespace().count() > LONG_WORDS {
        signals.push(Signal::Long);
    }
    signals
}

/// Words a sentence's verb is "be" by.
const BE: &[&str] = &["is", "are", "was", "were"];

/// Words after "is" that make it an event, not a description: participles
/// that do not end in "-ed" ("is found", "was shot"), "is about to", "is
/// back", "is on his way".
const EVENT_AFTER_BE: &[&str] = &[
    "found", "shot", "taken", "given", "seen", "told", "left", "caught", "thrown", "beaten",
    "born", "bitten", "brought", "sent", "held", "kept", "made", "put", "hit", "hurt", "stolen",
    "struck", "driven", "forced", "led", "known", "sold", "bought", "done", "gone", "run", "about",
    "going", "able", "back", "out", "off", "set", "met", "won", "lost", "torn", "to", "on", "in",
    "at", "with", "there", "here", "not", "also", "now", "then",
];

/// Whether an English sentence (`told`, outside its quotations)
/// describes: the first verb of its opening words is a form of "be" with
/// nothing after it that makes it an event (a participle, "is going to",
/// "is about to", "is back").
fn describes(told: &str) -> bool {
    // The verb of the main clause stands within the opening words ("Jesse
    // Pinkman, Walt's former student, is").
    const OPENING: usize = 10;
    let words = lower_words(told);
    let Some(at) = words
        .iter()
        .take(OPENING)
        .position(|w| BE.contains(&w.as_str()))
    else {
        return false;
    };
    words.get(at + 1).is_some_and(|next| {
        !(next.ends_with("ed") || next.ends_with("ing") || EVENT_AFTER_BE.contains(&next.as_str()))
    })
}

/// Whether signals of a sentence show the writer's voice: a verdict, a
/// hedge, talk of the show or a comparison.
pub(crate) fn voiced(signals: &[Signal]) -> bool {
    signals.iter().any(|s| {
        matches!(
            s,
            Signal::Evaluative | Signal::Hedge | Signal::Meta | Signal::Comparison
        )
    })
}

/// Whether `a` and `b` tell the same thing, as far as names and numbers
/// show across languages: at least two characters in common, or one and a
/// number.
pub(crate) fn same_event(a: (&HashSet<i64>, &[f64]), b: (&HashSet<i64>, &[f64])) -> bool {
    let names = a.0.intersection(b.0).count();
    let numbers = a.1.iter().any(|x| b.1.iter().any(|y| (x - y).abs() < 1e-9));
    names >= 2 || (names >= 1 && numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals(language: Language, text: &str) -> Vec<Signal> {
        of_sentence(language, text, 0)
    }

    #[test]
    fn what_this_points_at_and_who_plays_whom_are_found() {
        let en = |t| signals(Language::En, t);
        let de = |t| signals(Language::De, t);
        assert!(
            en("After hearing this, Martin decides to go back to the West.")
                .contains(&Signal::PointsBack)
        );
        assert!(de("Dies führt dazu, dass Rath allein ermittelt.").contains(&Signal::PointsBack));
        assert!(
            en("Jane (portrayed by Woodley) makes friends with Madeline.").contains(&Signal::Meta)
        );
        assert!(de("Greta (gespielt von Leonie Benesch) putzt die Villa.").contains(&Signal::Meta));
        assert!(!en("Martin decides to go back to the West.").contains(&Signal::PointsBack));
    }

    #[test]
    fn commentary_is_found_in_either_language() {
        let en = |t| signals(Language::En, t);
        let de = |t| signals(Language::De, t);
        assert!(
            en("Suddenly, Karen's starting to look like a pretty good match for Season 1 Hot Mess Ivy.")
                .contains(&Signal::Evaluative)
        );
        assert!(
            en("Suddenly, Karen's starting to look like a pretty good match for Season 1 Hot Mess Ivy.")
                .contains(&Signal::Comparison)
        );
        assert!(
            en("And since Sam currently has nothing to do, he may or may not call.")
                .contains(&Signal::Hedge)
        );
        assert!(
            de("Aber auch zwischen Karen und Scott dürfte noch einiges passieren.")
                .contains(&Signal::Hedge)
        );
        assert!(
            en("Jimmy, predictably, throws a big fat temper tantrum.")
                .contains(&Signal::Evaluative)
        );
        assert!(en("Next week's promo shows Ivy in tears.").contains(&Signal::Meta));
        assert!(
            en("His buzz is quickly harshed when Tom quietly informs him.")
                .contains(&Signal::BareSubject)
        );
        assert!(
            de("Die Anwesenheit von Jimmy sorgt jedoch bei ihr für jede Menge Ablenkung.")
                .contains(&Signal::BareSubject)
        );
        // Plot, plainly told, has no signal.
        assert!(en("Derek fires Ivy after the rehearsal and hires Karen.").is_empty());
        assert!(de("Eileen entscheidet sich für die alte Fassung von Bombshell.").is_empty());
        // What people say is theirs, not the writer's.
        assert!(en("\"Maybe we should just quit,\" Tom tells Julia over breakfast.").is_empty());
    }

    #[test]
    fn what_points_back_is_found_in_either_language() {
        let back =
            |language, text| of_sentence_naming(language, text, 0, 2).contains(&Signal::PointsBack);
        assert!(back(
            Language::De,
            "Nachdem der bei Nicholas Brody auf Granit beißt, übernimmt Carrie."
        ));
        assert!(back(
            Language::De,
            "Nach der Landung lässt dieser sich von Saul und Quinn alles schildern."
        ));
        // A relative clause after a comma, an article before its noun.
        assert!(!back(
            Language::De,
            "Carrie trifft Saul, der bei der Botschaft wartet, vor dem Hotel."
        ));
        assert!(!back(Language::De, "Carrie trifft Saul in der Botschaft."));
        assert!(back(Language::En, "Jimmy hands the plan to Kim."));
        assert!(
            of_sentence_naming(Language::En, "After last week's fight, Kim leaves.", 0, 2)
                .contains(&Signal::Meta)
        );
    }

    #[test]
    fn states_and_habits_are_ongoing() {
        assert!(ongoing(
            Language::En,
            "Jimmy has hated Howard for so long, making him the focus."
        ));
        assert!(ongoing(
            Language::De,
            "Carrie misstraut Brody nach wie vor."
        ));
        assert!(!ongoing(
            Language::En,
            "Jimmy punches Howard in the car park."
        ));
        // The backstory, told in passing.
        assert!(ongoing(
            Language::En,
            "Lianne Mars, V's mom, left eight months ago."
        ));
        assert!(ongoing(
            Language::De,
            "Damals verlor Rath seinen Bruder im Krieg."
        ));
        // A character saying it is not the writer telling it.
        assert!(!ongoing(
            Language::En,
            "\"I always win,\" Jimmy says to Kim."
        ));
    }

    #[test]
    fn the_score_adds_each_signal_once() {
        let s = Score::of(vec![Signal::Hedge, Signal::Hedge, Signal::Corroborated]);
        assert_eq!(s.signals, vec![Signal::Hedge, Signal::Corroborated]);
        assert!((s.total - (BASE - 0.7 + 0.5)).abs() < 1e-6);
        assert!(s.kept());
        assert!(!Score::of(vec![Signal::Hedge, Signal::Evaluative]).kept());
        assert_eq!(
            Score::of(vec![Signal::Meta]).explained(),
            "0.30: meta".to_string()
        );
    }
}
