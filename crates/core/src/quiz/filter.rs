//! Which facts questions are made from. Recaps are reviews: the writer's
//! opinions, questions to the reader, scraps before a list and sentences
//! about "he" or "she" from the one before read badly as trivia, so each
//! fact is judged first, and the reason for every skip is kept
//! (`cliffhanger questions --why`).

use std::ops::Range;

use crate::model::Language;

/// What stands for the missing part of a sentence.
pub const BLANK: &str = "_____";

/// Why a fact makes no questions, the first that applies in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    /// A question or an exclamation.
    Asks,
    /// Not a whole sentence on its own: a scrap, a label before a list,
    /// words going on in lower case.
    Fragment,
    /// The writer speaks: first or second person, a hedge, an aside to
    /// the reader.
    Voice,
    /// Its subject is "he", "she" or "they" from the sentence before.
    Pronoun,
    /// It names nobody from the roster.
    NoName,
}

impl Skip {
    /// The reason as `questions --why` and the tests write it.
    pub fn reason(self) -> &'static str {
        match self {
            Skip::Asks => "asks",
            Skip::Fragment => "fragment",
            Skip::Voice => "voice",
            Skip::Pronoun => "pronoun",
            Skip::NoName => "no-name",
        }
    }
}

/// Fewer words than this make a scrap ("Absolutely.", "Nice touch.").
const MIN_WORDS: usize = 3;

/// Phrases in which the writer speaks, lower case.
const VOICE_PHRASES_EN: &[&str] = &["of course", "at least", "to be fair", "needless to say"];
const VOICE_PHRASES_DE: &[&str] = &[
    "man darf",
    "man kann",
    "hätte man",
    "mal ehrlich",
    "zum glück",
];

/// Words in which the writer speaks, lower case.
const VOICE_EN: &[&str] = &[
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "we're",
    "we've",
    "we'll",
    "we'd",
    "us",
    "our",
    "ours",
    "you",
    "you're",
    "you've",
    "you'll",
    "you'd",
    "your",
    "yours",
    "let's",
    "probably",
    "maybe",
    "perhaps",
    "honestly",
    "frankly",
    "sorry",
    "apparently",
    "hopefully",
    "thankfully",
    "sadly",
    "alas",
    "ugh",
    "yikes",
    "wow",
    "hey",
    "um",
];
const VOICE_DE: &[&str] = &[
    "ich",
    "mich",
    "mir",
    "mein",
    "meine",
    "meiner",
    "meinem",
    "meinen",
    "wir",
    "uns",
    "unser",
    "unsere",
    "unserer",
    "unserem",
    "unseren",
    "du",
    "dich",
    "dir",
    "dein",
    "deine",
    "euch",
    "euer",
    "eure",
    "vermutlich",
    "wahrscheinlich",
    "vielleicht",
    "wohl",
    "ehrlich",
    "immerhin",
    "leider",
    "hoffentlich",
    "naja",
    "tja",
    "ach",
    "oje",
    "jedenfalls",
    "übrigens",
    "natürlich",
];

/// Subject pronouns standing for someone named earlier, lower case.
const PRONOUNS_EN: &[&str] = &["he", "she", "they", "he's", "she's", "they're"];
const PRONOUNS_DE: &[&str] = &["er", "sie"];

/// Words around a number that make it about the show, not its story:
/// its episodes and seasons, its ratings, dates ([`CALENDAR`]) and years.
const META_BEFORE: &[&str] = &[
    "episode", "episodes", "season", "seasons", "chapter", "part", "folge", "folgen", "staffel",
    "staffeln", "teil", "kapitel",
];
const META_AFTER: &[&str] = &[
    "episode",
    "episodes",
    "season",
    "seasons",
    "viewers",
    "million",
    "millionen",
    "zuschauer",
    "folgen",
    "staffeln",
];

/// Whether the number at `at` in `text` is about the story ("three
/// callbacks", "12 minutes"), not about the show ("Episode 2", "season 1",
/// "4,48 Millionen Zuschauer", "27. Februar", "2012").
pub(crate) fn story_number(text: &str, at: Range<usize>, value: f64) -> bool {
    let year = value.fract() == 0.0 && (1900.0..=2100.0).contains(&value);
    // One of a pair ("a 60/40 split", "24-7", "3:2"): the other says what
    // it is, and an episode or a score is no story's number anyway.
    let paired = text[..at.start].ends_with(['/', '-', ':', '–'])
        || text[at.end..].starts_with(['/', '-', ':', '–'])
            && text[at.end..]
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit());
    let before = words(&text[..at.start]);
    let after = words(&text[at.end..]);
    let meta_before = before
        .last()
        .is_some_and(|(_, w)| META_BEFORE.contains(&w.as_str()));
    let meta_after = after
        .first()
        .is_some_and(|(_, w)| META_AFTER.contains(&w.as_str()) || CALENDAR.contains(&w.as_str()));
    !(year || paired || meta_before || meta_after)
}

/// Why the fact `text` (in `language`, naming roster characters at
/// `names`) makes no questions, or `None` when it makes good ones.
pub fn judge(language: Language, text: &str, names: &[Range<usize>]) -> Option<Skip> {
    let text = text.trim();
    // The writer's words, not those of the people quoted.
    let told = outside_quotes(text);
    let last = told.trim_end().chars().next_back();
    if matches!(last, Some('?' | '!')) {
        return Some(Skip::Asks);
    }
    if fragment(text) {
        return Some(Skip::Fragment);
    }
    let words: Vec<(usize, String)> = words(&told);
    let (voice, phrases) = match language {
        Language::En => (VOICE_EN, VOICE_PHRASES_EN),
        Language::De => (VOICE_DE, VOICE_PHRASES_DE),
    };
    let lower = told.to_lowercase();
    // A "!" or "?" inside the sentence is the writer's aside ("— subtle,
    // Karen! —", "(or was it?)").
    let aside = told
        .trim_end()
        .trim_end_matches(['!', '?', '.'])
        .contains(['!', '?']);
    if aside
        || words.iter().any(|(_, w)| voice.contains(&w.as_str()))
        || phrases.iter().any(|p| lower.contains(p))
    {
        return Some(Skip::Voice);
    }
    if label(text, names) {
        return Some(Skip::Fragment);
    }
    let pronouns = match language {
        Language::En => PRONOUNS_EN,
        Language::De => PRONOUNS_DE,
    };
    // Whoever is referred to first: a pronoun before any name stands for
    // someone from the sentence before.
    let first_pronoun = words
        .iter()
        .find(|(_, w)| pronouns.contains(&w.as_str()))
        .map(|(at, _)| *at);
    let first_name = names.iter().map(|r| r.start).min();
    match (first_pronoun, first_name) {
        (Some(p), Some(n)) if p < n => return Some(Skip::Pronoun),
        (Some(_), None) => return Some(Skip::Pronoun),
        _ => {}
    }
    if names.is_empty() {
        return Some(Skip::NoName);
    }
    if leans_on_before(language, text, &words, names) {
        return Some(Skip::Fragment);
    }
    None
}

/// Whether `text` reads as a scrap rather than a whole sentence.
fn fragment(text: &str) -> bool {
    let first = text.chars().next();
    if first.is_some_and(|c| c.is_lowercase() || matches!(c, '—' | '–' | '…' | '-'))
        || text.starts_with("...")
    {
        return true;
    }
    text.trim_end().ends_with(':') || words(text).len() < MIN_WORDS || title_case(text)
}

/// A headline written in title case ("Ford Requires A Blood Sacrifice In
/// Trompe L'Oeil"): its small words are capitalised too, which a sentence's
/// are not.
fn title_case(text: &str) -> bool {
    let told = outside_quotes(text);
    let words: Vec<&str> = told
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .collect();
    const SMALL: &[&str] = &[
        "a", "an", "the", "in", "on", "at", "of", "to", "for", "with", "and", "or", "is", "are",
    ];
    let small_capitalised = words
        .iter()
        .skip(1)
        .filter(|w| SMALL.contains(&w.to_lowercase().as_str()) && w.starts_with(char::is_uppercase))
        .count();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    words.len() >= 4 && small_capitalised >= 1 && capitalised * 10 >= words.len() * 8
}

/// Verbs that answer what was said before: without the line they answer,
/// the sentence says too little ("Tom counters that …", "Julia hält
/// dagegen").
const ANSWERING_EN: &[&str] = &["replies", "retorts", "counters", "responds", "answers"];
const ANSWERING_DE: &[&str] = &[
    "widerspricht",
    "kontert",
    "antwortet",
    "entgegnet",
    "erwidert",
];

/// Words for a pair named in the sentence before: "die beiden", "the two".
const PAIR_EN: &[&str] = &["the two", "both of them", "the pair", "the couple"];
const PAIR_DE: &[&str] = &["die beiden", "beide "];

/// Labels that point back: "Der Grund: …", "The reason: …".
const BACK_LABELS: &[&str] = &["the reason:", "der grund:", "grund:", "why?"];

/// Whether `text` answers or goes on from the sentence before it: an
/// answering verb with no quotation of its own, a pair it does not name,
/// or a label pointing back.
fn leans_on_before(
    language: Language,
    text: &str,
    words: &[(usize, String)],
    names: &[Range<usize>],
) -> bool {
    let lower = text.to_lowercase();
    if BACK_LABELS.iter().any(|l| lower.starts_with(l)) {
        return true;
    }
    let (answering, pair) = match language {
        Language::En => (ANSWERING_EN, PAIR_EN),
        Language::De => (ANSWERING_DE, PAIR_DE),
    };
    let quoted = text.contains(['"', '“', '”', '„', '«', '»']);
    let has = |word: &str| words.iter().any(|(_, w)| w == word);
    let answers = words.iter().any(|(_, w)| answering.contains(&w.as_str()))
        || (language == Language::De && has("hält") && has("dagegen"));
    if !quoted && answers {
        return true;
    }
    names.len() < 2 && pair.iter().any(|p| lower.contains(p))
}

/// Whether `text` is a label and what it labels ("Songs this week:
/// four."), not a label introducing a quote or naming someone after it.
fn label(text: &str, names: &[Range<usize>]) -> bool {
    let Some(colon) = text.find(':') else {
        return false;
    };
    let label_words = text[..colon].split_whitespace().count();
    let after = text[colon + 1..].trim_start();
    let quoted = after.starts_with(['"', '“', '„', '«', '»', '\'']);
    let names_after = names.iter().any(|r| r.start > colon);
    label_words <= 4 && !quoted && !names_after
}

/// Words for a person's part in the story or in someone's life: beside a
/// blank they say who fits it ("the record producer ___", "her mother
/// ___", "___, Ivys Mitbewohnerin,"), and often that only one choice does.
const ROLES_EN: &[&str] = &[
    "mother",
    "mom",
    "father",
    "dad",
    "son",
    "daughter",
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "fiancé",
    "fiancée",
    "fiance",
    "fiancee",
    "ex",
    "ex-husband",
    "ex-wife",
    "brother",
    "sister",
    "producer",
    "director",
    "writer",
    "composer",
    "lyricist",
    "assistant",
    "roommate",
    "star",
    "actress",
    "actor",
    "critic",
    "editor",
    "dramaturg",
    "choreographer",
    "agent",
    "lawyer",
    "boy",
    "girl",
    "singer",
    "dancer",
    "understudy",
    "diva",
    "bartender",
    "boss",
    "co-star",
    "investor",
    "comedian",
    "newcomer",
    "man",
    "woman",
    "guy",
    "lady",
];
const ROLES_DE: &[&str] = &[
    "mutter",
    "vater",
    "sohn",
    "tochter",
    "mann",
    "ehemann",
    "frau",
    "ehefrau",
    "freund",
    "freundin",
    "verlobter",
    "verlobte",
    "verlobten",
    "ex",
    "bruder",
    "schwester",
    "produzent",
    "produzentin",
    "regisseur",
    "regisseurin",
    "autor",
    "autorin",
    "komponist",
    "komponistin",
    "assistent",
    "assistentin",
    "mitbewohner",
    "mitbewohnerin",
    "star",
    "schauspieler",
    "schauspielerin",
    "sänger",
    "sängerin",
    "tänzer",
    "tänzerin",
    "kritiker",
    "kritikerin",
    "chef",
    "chefin",
    "diva",
    "choreograf",
    "choreografin",
    "zweitbesetzung",
];

/// Days and months: capitalised before a name without being its title
/// ("on Monday Karen").
const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
];

/// Whether the name at `at` in `text` stands beside a word for its part
/// ("the record producer Jerry", "Jerry, Eileen's ex-husband,", "Karens
/// Verlobter Dev"): blanked, that word fits one choice and gives the
/// answer, so the name is not blanked. `titles` are the words the recaps
/// use as titles elsewhere, which are titles at a sentence's opening too.
pub(crate) fn named_by_role(
    language: Language,
    text: &str,
    at: Range<usize>,
    titles: &std::collections::HashSet<String>,
) -> bool {
    let is_role = |word: &str| role_word(language, word);
    // Right before: "producer Jerry".
    let before = &text[..at.start];
    if before.ends_with(|c: char| c.is_whitespace())
        && before.split_whitespace().next_back().is_some_and(is_role)
    {
        return true;
    }
    // A title right before, whatever it is: a capitalised word that does
    // not open the sentence ("Detective _____", "Sir _____", "Jarl
    // _____"), or opens it and is a title elsewhere ("Detective _____
    // gelingt"), says which of the choices bears it.
    if title_before(text, at.start).is_some_and(|(word, opens)| !opens || titles.contains(word)) {
        return true;
    }
    // An aside right after: "Jerry, her ex-husband," or "Jerry (Eileen's
    // ex)", "Bobby, the record producer who heard her": a determiner or a
    // possessive, then the part within a few words.
    let after = &text[at.end..];
    let Some(aside) = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(" ("))
    else {
        return false;
    };
    let aside = aside
        .split([',', ')', ';', ':', '.'])
        .next()
        .unwrap_or_default();
    let words: Vec<&str> = aside.split_whitespace().take(4).collect();
    let Some(first) = words.first() else {
        return false;
    };
    let determiners: &[&str] = match language {
        Language::En => &["the", "a", "an", "her", "his", "their"],
        Language::De => &[
            "der", "die", "das", "ein", "eine", "sein", "seine", "ihr", "ihre", "dem", "den",
        ],
    };
    let possessive = first.ends_with("'s")
        || first.ends_with("’s")
        || (language == Language::De
            && first.ends_with('s')
            && first.starts_with(char::is_uppercase));
    (determiners.contains(&first.to_lowercase().as_str()) || possessive || is_role(first))
        && words.iter().any(|w| is_role(w))
}

/// The capitalised word right before the name starting at `start`, and
/// whether it opens the sentence: "Detective" in "Later Detective Hays" (not
/// opening) and in "Detective Hays finds" (opening, where it may as well
/// be "Then"). One word, a capital then lower-case letters, not a day or a
/// month.
pub(crate) fn title_before(text: &str, start: usize) -> Option<(&str, bool)> {
    let before = &text[..start];
    if !before.ends_with(' ') || before.ends_with("  ") {
        return None;
    }
    let mut words = before.split_whitespace().rev();
    let last = words.next()?;
    let earlier = words.next();
    let title = last.chars().count() >= 2
        && last.starts_with(char::is_uppercase)
        && last.chars().skip(1).all(char::is_lowercase)
        && !CALENDAR.contains(&last.to_lowercase().as_str());
    let opens = earlier
        .is_none_or(|w| w.ends_with(['.', '!', '?', ':', ';', '"', '“', '”', '„', '»', '«', ')']));
    title.then_some((last, opens))
}

/// Whether `word` names a person's part in the story or in someone's life
/// ("producer", "mother", "Regisseur"), punctuation aside.
pub fn role_word(language: Language, word: &str) -> bool {
    let roles = match language {
        Language::En => ROLES_EN,
        Language::De => ROLES_DE,
    };
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    roles.contains(&word.to_lowercase().as_str())
}

/// `text` with what stands between quotation marks blanked out (spaces of
/// the same length), so offsets stay.
pub(crate) fn outside_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside: Option<char> = None;
    for c in text.chars() {
        let close = match inside {
            Some(open) => {
                let closes = match open {
                    '"' => c == '"',
                    '“' => c == '”',
                    '„' => c == '“' || c == '”',
                    '«' => c == '»',
                    '»' => c == '«',
                    _ => false,
                };
                if closes {
                    inside = None;
                }
                true
            }
            None => {
                if matches!(c, '"' | '“' | '„' | '«' | '»') {
                    inside = Some(c);
                    out.push(c);
                    continue;
                }
                false
            }
        };
        if close && inside.is_some() {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// The words of `text` in lower case, apostrophes kept inside them, each
/// with its byte offset.
fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = text[s..i]
                    .trim_matches(['\'', '’'])
                    .replace('’', "'")
                    .to_lowercase();
                if !word.is_empty() {
                    out.push((s, word));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(language: Language, text: &str, names: &[&str]) -> Option<&'static str> {
        let ranges: Vec<Range<usize>> = names
            .iter()
            .map(|n| {
                let at = text.find(n).expect("the name is in the text");
                at..at + n.len()
            })
            .collect();
        judge(language, text, &ranges).map(Skip::reason)
    }

    #[test]
    fn questions_and_exclamations_are_skipped_but_not_quoted_ones() {
        assert_eq!(
            judged(
                Language::En,
                "Is every episode going to open inside Karen's head?",
                &["Karen"]
            ),
            Some("asks")
        );
        assert_eq!(
            judged(Language::De, "Endlich geht es in den Probenraum!", &[]),
            Some("asks")
        );
        assert_eq!(
            judged(
                Language::En,
                "Tom quips, \"Who needs a second act?\"",
                &["Tom"]
            ),
            None
        );
    }

    #[test]
    fn a_headline_in_title_case_is_a_fragment() {
        assert!(title_case(
            "Ford Requires A Blood Sacrifice In Trompe L'Oeil."
        ));
        assert!(!title_case("Ford asks Bernard for a sacrifice in the lab."));
        // German capitalises nouns, not its small words.
        assert!(!title_case("Tokio und Helsinki hören den Kampf im Keller."));
    }

    #[test]
    fn scraps_and_labels_are_fragments() {
        assert_eq!(judged(Language::En, "Absolutely.", &[]), Some("fragment"));
        assert_eq!(judged(Language::En, "Other notes:", &[]), Some("fragment"));
        assert_eq!(
            judged(Language::En, "Songs this week: four.", &[]),
            Some("fragment")
        );
        assert_eq!(
            judged(Language::En, "and yes, Derek is still smug.", &["Derek"]),
            Some("fragment")
        );
        assert_eq!(
            judged(Language::De, "Julias Laune: im Keller.", &["Julia"]),
            Some("fragment")
        );
        assert_eq!(
            judged(
                Language::En,
                "Also: Eileen is still trying to pry money loose.",
                &["Eileen"]
            ),
            None
        );
        assert_eq!(
            judged(
                Language::En,
                "Leo takes it hard: \"My sister is waiting for us in China.\"",
                &["Leo"]
            ),
            None
        );
    }

    #[test]
    fn the_writer_speaking_is_voice_but_a_character_quoted_is_not() {
        assert_eq!(
            judged(
                Language::En,
                "I think Karen nailed the audition.",
                &["Karen"]
            ),
            Some("voice")
        );
        assert_eq!(
            judged(Language::En, "Let's be honest, Ivy was robbed.", &["Ivy"]),
            Some("voice")
        );
        assert_eq!(
            judged(
                Language::De,
                "Ich finde, Derek übertreibt mal wieder.",
                &["Derek"]
            ),
            Some("voice")
        );
        assert_eq!(
            judged(
                Language::De,
                "Tom ist vermutlich eifersüchtig auf Sam.",
                &["Tom", "Sam"]
            ),
            Some("voice")
        );
        assert_eq!(
            judged(
                Language::En,
                "\"I'm not gonna lie to you,\" Derek tells Karen.",
                &["Derek", "Karen"]
            ),
            None
        );
    }

    #[test]
    fn a_pronoun_before_any_name_is_from_the_sentence_before() {
        assert_eq!(
            judged(
                Language::En,
                "He then introduces her to Ivy in the hall.",
                &["Ivy"]
            ),
            Some("pronoun")
        );
        assert_eq!(
            judged(
                Language::En,
                "They sleep together after the rehearsal.",
                &[]
            ),
            Some("pronoun")
        );
        assert_eq!(
            judged(Language::De, "Am Ende sagt er doch noch zu.", &[]),
            Some("pronoun")
        );
        assert_eq!(
            judged(
                Language::En,
                "Karen says she will be there after rehearsal.",
                &["Karen"]
            ),
            None
        );
        assert_eq!(
            judged(
                Language::De,
                "Auf der Gala spricht Eileen die Präsidentin an.",
                &["Eileen"]
            ),
            None
        );
    }

    #[test]
    fn a_sentence_naming_nobody_from_the_roster_is_no_name() {
        assert_eq!(
            judged(
                Language::En,
                "The ratings slipped by roughly a quarter from the pilot.",
                &[]
            ),
            Some("no-name")
        );
        assert_eq!(
            judged(
                Language::En,
                "Derek choreographs a mambo for the callback.",
                &["Derek"]
            ),
            None
        );
    }

    #[test]
    fn numbers_about_the_show_are_not_about_the_story() {
        let at = |text: &str, n: &str| {
            let start = text.find(n).unwrap();
            start..start + n.len()
        };
        let story = |text: &str, n: &str, value: f64| story_number(text, at(text, n), value);
        assert!(story("Karen gets three callbacks in 12 days.", "12", 12.0));
        assert!(!story("Episode 2 picks up a few days later.", "2", 2.0));
        assert!(!story(
            "Nur noch 1,80 Millionen Zuschauer sahen zu.",
            "1,80",
            1.8
        ));
        assert!(!story("Folge 4 lief am 27. Februar 2012.", "4", 4.0));
        assert!(!story("Folge 4 lief am 27. Februar 2012.", "27", 27.0));
        assert!(!story("Folge 4 lief am 27. Februar 2012.", "2012", 2012.0));
        assert!(!story("The ratings fell in season 1 again.", "1", 1.0));
        // One of a pair gives the other away.
        let split = "Donny wants a 60/40 split of the money.";
        assert!(!story(split, "60", 60.0));
        assert!(!story(split, "40", 40.0));
        assert!(story("Ted gives 12-year-old Henry a ball.", "12", 12.0));
    }

    #[test]
    fn a_sentence_answering_or_going_on_from_the_one_before_is_a_fragment() {
        let at = |language: Language, text: &str, names: &[&str]| {
            let ranges: Vec<Range<usize>> = names
                .iter()
                .map(|n| {
                    let start = text.find(n).unwrap();
                    start..start + n.len()
                })
                .collect();
            judge(language, text, &ranges).map(|s| s.reason())
        };
        let en = Language::En;
        let de = Language::De;
        assert_eq!(
            at(
                en,
                "Tom counters that the song was never finished.",
                &["Tom"]
            ),
            Some("fragment")
        );
        assert_eq!(
            at(
                de,
                "Julia hält dagegen, die Affäre habe Derek angefangen.",
                &["Julia", "Derek"]
            ),
            Some("fragment")
        );
        assert_eq!(
            at(de, "Der Grund: Kyle hat gelogen.", &["Kyle"]),
            Some("fragment")
        );
        assert_eq!(
            at(de, "Dann streiten die beiden mit Karen.", &["Karen"]),
            Some("fragment")
        );
        // The answered line is there, or the pair is named.
        assert_eq!(
            at(en, "\"Never,\" Tom replies to Julia.", &["Tom", "Julia"]),
            None
        );
        assert_eq!(
            at(
                de,
                "Karen und Jimmy streiten, aber die beiden versöhnen sich.",
                &["Karen", "Jimmy"]
            ),
            None
        );
        // "dagegen" alone is "on the other hand".
        assert_eq!(
            at(
                de,
                "Jimmys Songs funktionieren, Kyles Buch dagegen nicht.",
                &["Jimmy", "Kyle"]
            ),
            None
        );
    }

    #[test]
    fn a_name_beside_the_word_for_its_part_is_named_by_role() {
        let at = |language: Language, text: &str, name: &str| {
            let start = text.find(name).unwrap();
            named_by_role(
                language,
                text,
                start..start + name.len(),
                &Default::default(),
            )
        };
        let en = Language::En;
        let de = Language::De;
        assert!(at(
            en,
            "Eileen hires the record producer Jerry for it.",
            "Jerry"
        ));
        assert!(at(en, "Then her mother Leigh sings.", "Leigh"));
        assert!(at(en, "Jerry, her ex-husband, calls.", "Jerry"));
        assert!(at(en, "Dev (Karen's fiancé) is jealous.", "Dev"));
        assert!(at(de, "Karens Verlobter Dev ist eifersüchtig.", "Dev"));
        assert!(at(de, "Leigh, Ivys Mutter, singt.", "Leigh"));
        assert!(at(
            en,
            "Karen sings for Bobby, the record producer who heard her at the party.",
            "Bobby"
        ));
        // An aside that is a clause, not a part.
        assert!(!at(en, "Karen calls Jerry, who tells her mother.", "Jerry"));
        // A verb or a preposition before it, or an aside that is no part.
        assert!(!at(en, "Eileen tells Jerry to leave.", "Jerry"));
        assert!(!at(en, "Then Leigh, who never listens, sings.", "Leigh"));
        assert!(!at(
            en,
            "Derek, Eileen and Tom argue about the director.",
            "Eileen"
        ));
        assert!(!at(de, "Eileen trifft Jerry in der Bar.", "Jerry"));
        // The aside says someone else's part: still too long to be one.
        assert!(!at(
            en,
            "Ivy, after a long night with a bottle and a stage manager, sings.",
            "Ivy"
        ));
        // A title, whatever it is, names its bearer.
        assert!(at(en, "Later Detective Hays finds the bike.", "Hays"));
        assert!(at(
            de,
            "Dann fordert Jarl Haraldson den Zweikampf.",
            "Haraldson"
        ));
        // A capitalised word opening the sentence, or a day, is no title.
        assert!(!at(en, "Meanwhile Philip meets Nina.", "Philip"));
        assert!(!at(en, "“Go,” Philip says.", "Philip"));
        assert!(!at(en, "It happens on Monday Karen says.", "Karen"));
    }

    #[test]
    fn quotes_are_blanked_in_place() {
        let text = "Tom says „Nein. Ich gehe!“ und geht.";
        let out = outside_quotes(text);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("Ich"));
        assert!(out.ends_with("und geht."));
    }
}
