//! Capitalised names in recaps that match no roster entry, so that `check`
//! can point a seed author at a character they forgot.
//!
//! English capitalises names and little else mid-sentence, so every
//! capitalised word there is a candidate. German capitalises every noun, so
//! a German candidate must look like a name: several capitalised words in a
//! row ("Joshua Safran"), or one named alongside a known character
//! ("Karen und Sam"); words after an article, a number or a genitive name
//! ("der Bühne", "1,80 Millionen", "Ivys Kleid") are nouns.

use super::mentions::NameMatch;
use super::words::GermanWords;
use crate::model::Language;

/// A capitalised run of words that no roster entry or other name covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownName {
    /// Byte offset in the sentence.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    capital: bool,
    /// Covered by a roster name or a known other name.
    known: bool,
    /// The known name ends in a genitive "s" ("Ivys").
    genitive: bool,
    /// Starts a sentence or a quotation, so its capital says nothing.
    initial: bool,
    /// Right after an opening bracket.
    bracketed: bool,
}

fn words(text: &str, known: &[NameMatch]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    // The known names in order, each with where it ends (its suffix too),
    // walked alongside the words: a sentence naming someone a thousand
    // times costs a thousand steps, not a thousand per word.
    let mut known: Vec<(usize, usize, bool)> = known
        .iter()
        .map(|m| (m.start, m.end + m.suffix.len(), m.suffix == "s"))
        .collect();
    known.sort_unstable();
    let mut next_known = 0;
    let is_part = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_part(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                let lead = word.len() - word.trim_start_matches(['\'', '’', '-']).len();
                let trail = word.len() - word.trim_end_matches(['\'', '’', '-']).len();
                let (s, e) = (s + lead, i - trail);
                start = None;
                if s >= e {
                    continue;
                }
                let word = &text[s..e];
                // Names that end before this word cover no later one.
                while known.get(next_known).is_some_and(|&(_, end, _)| end <= s) {
                    next_known += 1;
                }
                let cover = known[next_known..]
                    .iter()
                    .take_while(|&&(start, _, _)| start < e)
                    .find(|&&(_, end, _)| s < end);
                let before = text[..s].trim_end();
                // "Dr. Ford": the stop of a title opens no sentence.
                let after_title = before.strip_suffix('.').is_some_and(|b| {
                    let last = b
                        .rsplit(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or("");
                    ["Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Sgt", "Lt", "Det"].contains(&last)
                });
                let initial = !after_title
                    && (before.is_empty()
                        || before.ends_with([
                            '.', '!', '?', ':', ';', '"', '“', '„', '«', '»', '–', '—', '(', '[',
                        ]));
                out.push(Word {
                    start: s,
                    end: e,
                    capital: word.starts_with(char::is_uppercase)
                        && !word.chars().any(|c| c.is_ascii_digit()),
                    known: cover.is_some(),
                    genitive: cover.is_some_and(|&(_, _, genitive)| genitive),
                    initial,
                    bracketed: before.ends_with(['(', '[']),
                });
            }
            _ => {}
        }
    }
    out
}

/// The capitalised names in `text` that `known` (roster and other names,
/// as found by the matcher) does not cover. With a German word list, a
/// lone German word that is in no dictionary is a name too ("dem
/// verwöhnten Star Terry").
pub(crate) fn unknown_names(
    language: Language,
    text: &str,
    known: &[NameMatch],
    dictionary: Option<&GermanWords>,
) -> Vec<UnknownName> {
    let words = words(text, known);
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i].capital || words[i].known {
            i += 1;
            continue;
        }
        // A run of capitalised words, one space apart.
        let mut j = i + 1;
        while j < words.len()
            && words[j].capital
            && !words[j].known
            && text[words[j - 1].end..words[j].start] == *" "
        {
            j += 1;
        }
        let mut run = &words[i..j];
        i = j;
        // A sentence's first word is capitalised anyway, and so is one
        // word alone opening an aside ("(Also, …"); a run of them after a
        // bracket is a name ("(Jack Davenport)"), and so is one opening a
        // sentence in English unless it starts with a word sentences start
        // with ("Tom Levitt thinks", but "In New York", "Did I"). German
        // capitalises the noun after any first word ("Zu Beginn").
        let whole_name = language == Language::En
            && run.len() > 1
            && !opens_sentences(&text[run[0].start..run[0].end])
            && !run[1..].iter().any(|w| is_pronoun(&text[w.start..w.end]));
        // "(Itziar Ituño)": a bracket holding only capitalised words is
        // one name, whatever language and however its first word reads.
        let whole_bracket = run[0].bracketed && text[run[run.len() - 1].end..].starts_with(')');
        // "Lissabon (Itziar Ituño)": the words before an actor in
        // brackets are a part, even a word the dictionary knows.
        let played = played_by(text, run[run.len() - 1].end).is_some();
        let opening = run[0].initial
            && !whole_name
            && !whole_bracket
            && (!played || opens_sentences(&text[run[0].start..run[0].end]));
        if opening || (run[0].bracketed && run.len() == 1 && !whole_bracket) {
            run = &run[1..];
        }
        let Some(first) = run.first() else { continue };
        if is_pronoun(&text[first.start..first.end]) && run.len() == 1 {
            continue;
        }
        // The run is what is left of words[..j] at its end.
        let index = j - run.len();
        if played && language == Language::De && run.len() > 1 {
            // "Lissabons Ex Ehemann Alberto (Miquel García Borda)": the
            // part is the words at the end no dictionary knows, else the
            // last word ("der Professor").
            let unknown_tail = run
                .iter()
                .rev()
                .take_while(|w| dictionary.is_none_or(|d| !d.knows(&text[w.start..w.end])))
                .count();
            run = &run[run.len() - unknown_tail.max(1)..];
        }
        let Some(first) = run.first() else { continue };
        let is_name = played
            || whole_bracket
            || match language {
                Language::En => true,
                Language::De => {
                    !after_article_or_number(text, &words, index)
                        && (run.len() > 1 || beside_known_name(text, &words, index))
                }
            };
        if is_name {
            found.push(UnknownName {
                start: first.start,
                end: run[run.len() - 1].end,
            });
        } else if let Some(dictionary) = dictionary.filter(|_| language == Language::De) {
            // The words of the run no dictionary knows, each stretch of
            // them one name.
            let mut k = 0;
            while k < run.len() {
                if dictionary.knows(&text[run[k].start..run[k].end]) {
                    k += 1;
                    continue;
                }
                let begin = k;
                while k < run.len() && !dictionary.knows(&text[run[k].start..run[k].end]) {
                    k += 1;
                }
                found.push(UnknownName {
                    start: run[begin].start,
                    end: run[k - 1].end,
                });
            }
        }
    }
    found
}

/// The actor named in brackets right after `end` ("Lissabon (Itziar
/// Ituño)"): two to five capitalised words (particles aside) and nothing
/// else; one word in brackets is more often an acronym ("(RECNY)").
pub(crate) fn played_by(text: &str, end: usize) -> Option<&str> {
    let inner = text.get(end..)?.strip_prefix(" (")?;
    let close = inner.find(')')?;
    let actor = &inner[..close];
    let words: Vec<&str> = actor.split(' ').collect();
    // "Rodrigo de la Serna", "Ludwig van Beethoven"
    const PARTICLES: &[&str] = &[
        "de", "la", "del", "da", "di", "van", "von", "der", "le", "du",
    ];
    let fits = (2..=5).contains(&words.len())
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            (w.starts_with(char::is_uppercase) || PARTICLES.contains(w))
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'' || c == '’')
        });
    fits.then_some(actor)
}

/// Words that open sentences without being names, English and German.
fn opens_sentences(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "Then",
        "When",
        "After",
        "Before",
        "But",
        "And",
        "So",
        "Also",
        "Meanwhile",
        "Later",
        "Now",
        "Still",
        "While",
        "As",
        "If",
        "Once",
        "Back",
        "Over",
        "By",
        "For",
        "From",
        "With",
        "Without",
        "Even",
        "Only",
        "This",
        "That",
        "These",
        "Those",
        "Der",
        "Die",
        "Das",
        "Den",
        "Dem",
        "Ein",
        "Eine",
        "Im",
        "Am",
        "Auf",
        "Bei",
        "Mit",
        "Nach",
        "Vor",
        "Zum",
        "Zur",
        "Dann",
        "Als",
        "Wenn",
        "Und",
        "Aber",
        "Doch",
        "Auch",
        "Noch",
        "Nur",
        "Schon",
        "Danach",
        "Später",
        "Inzwischen",
        "Währenddessen",
        "Dabei",
        "Diese",
        "Dieser",
        "Dieses",
    ];
    OPENERS.contains(&word)
}

fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "I" | "I'm" | "I'll" | "I've" | "I'd" | "I’m" | "I’ll" | "I’ve" | "I’d"
    )
}

/// German: "der Bühne", "den gesamten Cast", "1,80 Millionen", "Ivys Kleid".
fn after_article_or_number(text: &str, words: &[Word], index: usize) -> bool {
    let mut k = index;
    let mut adjectives = 0;
    while k > 0 {
        k -= 1;
        let w = words[k];
        let word = &text[w.start..w.end];
        if w.genitive && k + 1 == index {
            return true;
        }
        if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
        let lower = word.to_lowercase();
        // Nouns joined by "und": "an allen Ecken und Enden".
        if k + 1 == index
            && matches!(lower.as_str(), "und" | "oder" | "sowie")
            && k > 0
            && words[k - 1].capital
            && !words[k - 1].known
        {
            return after_article_or_number(text, words, k - 1);
        }
        if GERMAN_DETERMINERS.contains(&lower.as_str())
            || GERMAN_DETERMINER_STEMS
                .iter()
                .any(|stem| lower.strip_prefix(stem).is_some_and(|rest| rest.len() <= 2))
        {
            return true;
        }
        // Adjectives between the article and the noun: "den gesamten Cast".
        let adjective = !w.capital
            && ["e", "en", "em", "er", "es"]
                .iter()
                .any(|e| lower.ends_with(e))
            && adjectives < 3;
        if !adjective {
            return false;
        }
        adjectives += 1;
    }
    false
}

/// German: "Karen und Sam", "Sam, Karen".
fn beside_known_name(text: &str, words: &[Word], index: usize) -> bool {
    let joined = |a: &Word, b: &Word| {
        let between = text[a.end..b.start].trim();
        between.is_empty() || between == ","
    };
    let conj = |w: &Word| matches!(&text[w.start..w.end], "und" | "oder" | "mit" | "sowie");
    let prev = index.checked_sub(1).map(|k| words[k]);
    let next = words.get(index + 1).copied();
    let w = words[index];
    if let Some(p) = prev
        && p.known
        && joined(&p, &w)
    {
        return true;
    }
    if let Some(n) = next
        && n.known
        && joined(&w, &n)
    {
        return true;
    }
    if let (Some(p), Some(pp)) = (prev, index.checked_sub(2).map(|k| words[k]))
        && conj(&p)
        && pp.known
    {
        return true;
    }
    if let (Some(n), Some(nn)) = (next, words.get(index + 2))
        && conj(&n)
        && nn.known
    {
        return true;
    }
    false
}

/// Articles, article contractions and quantifiers: what follows them is a noun.
const GERMAN_DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "am", "im", "zum", "zur", "vom", "beim", "ins", "ans", "aufs", "kein", "keine", "keinen",
    "keinem", "keiner", "keines", "allen", "alle", "beiden", "beide", "einige", "einigen",
    "mehrere", "viele", "vielen", "wenige", "wenigen",
];

const GERMAN_DETERMINER_STEMS: &[&str] = &[
    "dies", "jen", "jed", "welch", "sein", "ihr", "mein", "dein", "unser", "euer",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(language: Language, text: &str, known: &[&str]) -> Vec<String> {
        let known: Vec<NameMatch> = known
            .iter()
            .filter_map(|k| {
                let start = text.find(k)?;
                let end = start + k.len();
                let suffix = if language == Language::De && text[end..].starts_with('s') {
                    "s"
                } else {
                    ""
                };
                Some(NameMatch {
                    start,
                    end,
                    suffix: suffix.into(),
                    name: k.to_string(),
                    target: super::super::mentions::Target::Character(0),
                })
            })
            .collect();
        unknown_names(language, text, &known, None)
            .into_iter()
            .map(|u| text[u.start..u.end].to_string())
            .collect()
    }

    #[test]
    fn a_name_opening_a_sentence_is_a_name_but_not_its_opener() {
        assert_eq!(
            unknown(
                Language::En,
                "Tom Levitt thinks the show needs Ivy.",
                &["Ivy"]
            ),
            vec!["Tom Levitt"]
        );
        assert_eq!(
            unknown(Language::En, "In New York, Karen waits.", &["Karen"]),
            vec!["New York"]
        );
        assert!(unknown(Language::En, "Then Karen sings.", &["Karen"]).is_empty());
        // The stop after "Dr" ends no sentence.
        assert_eq!(
            unknown(Language::En, "Karen calls Dr. Ford at night.", &["Karen"]),
            vec!["Dr", "Ford"]
        );
    }

    #[test]
    fn english_capitalised_words_are_candidates() {
        assert_eq!(
            unknown(
                Language::En,
                "Karen meets Kyle Bishop and I think Sam too.",
                &["Karen"]
            ),
            vec!["Kyle Bishop", "Sam"]
        );
        assert!(
            unknown(
                Language::En,
                "Then Karen sings. \"I'm fine,\" she says.",
                &["Karen"]
            )
            .is_empty()
        );
    }

    #[test]
    fn a_lone_german_name_is_found_with_a_word_list() {
        let dictionary = GermanWords::from_words(["Star", "Bühne", "Kleid"]);
        let text = "Dann zickt dem verwöhnten Star Terry das Kleid auf der Bühne.";
        let found: Vec<&str> = unknown_names(Language::De, text, &[], Some(&dictionary))
            .into_iter()
            .map(|u| &text[u.start..u.end])
            .collect();
        assert_eq!(found, vec!["Terry"]);
        // Without a list, only names in runs or beside known ones.
        assert!(unknown_names(Language::De, text, &[], None).is_empty());
    }

    #[test]
    fn a_part_before_an_actor_in_brackets_is_a_name() {
        let dictionary = GermanWords::from_words(["Lissabon", "Professor", "Ehemann", "Ex"]);
        let found = |text: &'static str| -> Vec<&'static str> {
            unknown_names(Language::De, text, &[], Some(&dictionary))
                .into_iter()
                .map(|u| &text[u.start..u.end])
                .collect()
        };
        let text = "Dazu holt der Professor (Álvaro Morte) Lissabons Ex Ehemann Alberto (Miquel García Borda), und Lissabon (Itziar Ituño) flieht.";
        assert_eq!(
            found(text),
            vec![
                "Professor",
                "Álvaro Morte",
                "Alberto",
                "Miquel García Borda",
                "Lissabon",
                "Itziar Ituño"
            ]
        );
        assert_eq!(
            played_by(text, text.find(" (Itz").unwrap()),
            Some("Itziar Ituño")
        );
        // Opening a sentence, the whole part is kept, but not an opener.
        assert_eq!(
            found("Es beginnt. Dana Brody (Morgan Saylor) geht. Dann Carrie (Claire Danes) auch."),
            vec!["Dana Brody", "Morgan Saylor", "Carrie", "Claire Danes"]
        );
        // An aside in brackets is not an actor.
        assert_eq!(played_by("Kim (who else?) wins", 3), None);
        assert_eq!(
            played_by("Palermo (Rodrigo de la Serna) wins", 7),
            Some("Rodrigo de la Serna")
        );
        assert_eq!(
            unknown(Language::En, "Meanwhile Kim (Rhea Seehorn) wins.", &[]),
            vec!["Kim", "Rhea Seehorn"]
        );
    }

    #[test]
    fn german_nouns_are_not_names() {
        let text = "Tom steht auf der Bühne und rutscht auch noch Ivys Kleid in den gesamten Cast, nur 1,80 Millionen Zuschauer an allen Ecken und Enden Probleme.";
        assert!(unknown(Language::De, text, &["Tom", "Ivy"]).is_empty());
        assert_eq!(
            unknown(
                Language::De,
                "Dann singen Karen und Sam mit Kyle Bishop.",
                &["Karen"]
            ),
            vec!["Sam", "Kyle Bishop"]
        );
    }
}
