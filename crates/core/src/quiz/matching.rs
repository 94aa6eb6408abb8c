//! Typed answers, judged the way players mean them: case, accents and
//! punctuation aside ("theo!" is Theo, "dr wily" is Dr. Wily), leading
//! articles ignored, `&` the same as "and"/"und", number words the same as
//! digits, any alias of a character, a few typos in longer answers, whole
//! words only ("air" is not in "chair"), and a message with several guesses
//! in it counts as none.

use crate::model::Language;
use crate::text::fold;

/// How a typed guess fares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// It names the answer.
    Correct,
    /// It does not.
    Wrong,
    /// It names more than one candidate: counted as no guess at all.
    Several,
}

const ARTICLES: &[&str] = &[
    "the", "a", "an", "der", "die", "das", "den", "dem", "des", "ein", "eine",
];

const EN_UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
const EN_TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const DE_UNITS: &[&str] = &[
    "null", "eins", "zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "neun", "zehn",
    "elf", "zwolf", "dreizehn", "vierzehn", "funfzehn", "sechzehn", "siebzehn", "achtzehn",
    "neunzehn", "zwanzig",
];
const DE_TENS: &[&str] = &[
    "", "", "zwanzig", "dreissig", "vierzig", "funfzig", "sechzig", "siebzig", "achtzig", "neunzig",
];

/// A number word (folded) as its value: "twelve", "zwolf", "twenty-one",
/// "einundzwanzig", "hundred".
fn number_word(word: &str) -> Option<u32> {
    let word = word.replace('ß', "ss");
    let unit = |w: &str| {
        EN_UNITS
            .iter()
            .position(|u| *u == w)
            .or_else(|| DE_UNITS.iter().position(|u| *u == w))
            .or_else(|| (w == "ein" || w == "eine").then_some(1))
            .map(|n| n as u32)
    };
    let tens = |w: &str| {
        EN_TENS
            .iter()
            .position(|t| !t.is_empty() && *t == w)
            .or_else(|| DE_TENS.iter().position(|t| !t.is_empty() && *t == w))
            .map(|n| n as u32 * 10)
    };
    if let Some(n) = unit(&word).or_else(|| tens(&word)) {
        return Some(n);
    }
    if word == "hundred" || word == "hundert" {
        return Some(100);
    }
    // twenty-one (joined by the tokenizer as "twenty" "one" too)
    if let Some((t, u)) = word.split_once('-') {
        return Some(tens(t)? + unit(u).filter(|n| *n < 10)?);
    }
    // einundzwanzig
    if let Some((u, t)) = word.split_once("und") {
        return Some(tens(t)? + unit(u).filter(|n| (1..10).contains(n))?);
    }
    None
}

/// A guess or an answer as comparable words: folded, punctuation gone,
/// `&`/"und" as "and", number words as digits, a leading article dropped.
pub(crate) fn normalize(text: &str) -> Vec<String> {
    let folded = fold(text).replace('&', " and ");
    let mut words: Vec<String> = Vec::new();
    for raw in folded.split(|c: char| c.is_whitespace() || c == '/' || c == '_') {
        // Keep digits with their separators together ("1,80"), drop the
        // rest of the punctuation ("dr." -> "dr", "theo!" -> "theo").
        let word: String = raw
            .char_indices()
            .filter(|&(i, c)| {
                c.is_alphanumeric()
                    || c == '-'
                    || ((c == ',' || c == '.')
                        && raw[..i]
                            .chars()
                            .next_back()
                            .is_some_and(|p| p.is_ascii_digit())
                        && raw[i + 1..]
                            .chars()
                            .next()
                            .is_some_and(|n| n.is_ascii_digit()))
            })
            .map(|(_, c)| c)
            .collect();
        let word = word.trim_matches('-').to_string();
        if word.is_empty() {
            continue;
        }
        let word = if word == "und" {
            "and".to_string()
        } else {
            word
        };
        match number_word(&word) {
            Some(n) => words.push(n.to_string()),
            None if word.contains('-') && !word.chars().any(|c| c.is_ascii_digit()) => words
                .extend(
                    word.split('-')
                        .filter(|w| !w.is_empty())
                        .map(str::to_string),
                ),
            None => words.push(word),
        }
    }
    // "twenty one" -> 21
    let mut merged: Vec<String> = Vec::new();
    for w in words {
        if let (Some(last), Ok(unit)) = (merged.last(), w.parse::<u32>())
            && let Ok(tens) = last.parse::<u32>()
            && tens >= 20
            && tens % 10 == 0
            && tens < 100
            && unit < 10
        {
            let n = tens + unit;
            merged.pop();
            merged.push(n.to_string());
            continue;
        }
        merged.push(w);
    }
    if merged.len() > 1 && ARTICLES.contains(&merged[0].as_str()) {
        merged.remove(0);
    }
    merged
}

/// A numeric value, if the words are just a number. Separators are read
/// the way a player means them: with both kinds the last is the decimal
/// one; a separator that repeats, or is the recap language's thousands
/// separator followed by three digits, groups thousands; any other single
/// separator is decimal ("1.8" and "1,8" alike).
fn numeric(words: &[String], language: Language) -> Option<f64> {
    let [word] = words else { return None };
    if !word
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || !word.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let group = match language {
        Language::En => ',',
        Language::De => '.',
    };
    let separators: Vec<(usize, char)> = word
        .char_indices()
        .filter(|(_, c)| !c.is_ascii_digit())
        .collect();
    let decimal_at = match separators.as_slice() {
        [] => None,
        [(i, c)] => {
            let thousands = *c == group && word.len() - i - 1 == 3;
            (!thousands).then_some(*i)
        }
        many => {
            let (last_i, last_c) = many[many.len() - 1];
            let mixed = many.iter().any(|(_, c)| *c != last_c);
            mixed.then_some(last_i)
        }
    };
    let plain: String = word
        .char_indices()
        .filter_map(|(i, c)| match c {
            '0'..='9' => Some(c),
            _ if Some(i) == decimal_at => Some('.'),
            _ => None,
        })
        .collect();
    plain.parse().ok()
}

/// Typos an answer tolerates: none up to four letters, one up to eight,
/// two beyond; none at all when it holds a digit (a typo there is another
/// number).
fn typo_budget(form: &[String]) -> usize {
    if form.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
        return 0;
    }
    match form.iter().map(|w| w.chars().count()).sum::<usize>() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether the message lists things: a comma, slash, semicolon or bar that
/// is not inside a number.
fn lists(guess: &str) -> bool {
    guess.char_indices().any(|(i, c)| {
        matches!(c, ',' | ';' | '/' | '|')
            && !(guess[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit())
                && guess[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_digit()))
    })
}

/// Whether `words` (a whole guess, or part of one) is within the typo
/// budget of `form`.
fn close(words: &[String], form: &[String]) -> bool {
    if words.len() != form.len() {
        return false;
    }
    let (a, b) = (words.join(" "), form.join(" "));
    a == b || strsim::osa_distance(&a, &b) <= typo_budget(form)
}

/// Whether `form` stands in `guess` as whole words.
fn contains(guess: &[String], form: &[String]) -> bool {
    !form.is_empty() && guess.windows(form.len()).any(|w| close(w, form))
}

/// Judges a typed guess against the answer, the other names it is known by,
/// and the other candidates (wrong choices): naming one of those as well
/// makes the message several guesses.
///
/// Answers are compared as written: "1.1" is not "1.10" (a version, a
/// time); number questions compare values with [`judge_number`].
pub fn judge(guess: &str, answer: &str, accepted: &[String], others: &[String]) -> Judgement {
    let g = normalize(guess);
    if g.is_empty() {
        return Judgement::Wrong;
    }
    let forms: Vec<Vec<String>> = std::iter::once(answer)
        .chain(accepted.iter().map(String::as_str))
        .map(normalize)
        .filter(|f| !f.is_empty())
        .collect();
    if forms.iter().any(|f| close(&g, f)) {
        return Judgement::Correct;
    }
    let names_answer = forms.iter().any(|f| contains(&g, f));
    let names_other = others
        .iter()
        .map(|o| normalize(o))
        .filter(|o| !o.is_empty() && !forms.contains(o))
        .any(|o| contains(&g, &o) || o.iter().any(|w| w.chars().count() > 3 && g.contains(w)));
    let listed = lists(guess) || g.iter().any(|w| w == "or" || w == "oder");
    match (names_answer, names_other || listed) {
        (true, false) => Judgement::Correct,
        (true, true) => Judgement::Several,
        (false, _) if names_other && listed => Judgement::Several,
        _ => Judgement::Wrong,
    }
}

/// Judges a typed guess at a number question: the same value in either
/// notation counts ("1.8", "1,8" and "1,80" alike), and so does a number
/// word ("zwölf" for 12).
pub(crate) fn judge_number(guess: &str, answer: &str, language: Language) -> Judgement {
    let Some(answer) = numeric(&normalize(answer), language) else {
        return judge(guess, answer, &[], &[]);
    };
    let values: Vec<f64> = normalize(guess)
        .iter()
        .filter_map(|w| numeric(std::slice::from_ref(w), language))
        .collect();
    match values.as_slice() {
        [one] if (one - answer).abs() < 1e-9 => Judgement::Correct,
        [_, _, ..] => Judgement::Several,
        _ => Judgement::Wrong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Judgement::*;

    fn j(guess: &str, answer: &str) -> Judgement {
        judge(guess, answer, &[], &[])
    }

    #[test]
    fn reds_known_failures() {
        assert_eq!(j("theo!", "Theo"), Correct);
        assert_eq!(j("dr wily", "Dr. Wily"), Correct);
        assert_eq!(j("Dr. Wily", "dr wily"), Correct);
        assert_eq!(j("chair", "air"), Wrong);
        assert_eq!(j("a chair", "air"), Wrong);
        assert_eq!(j("Tom & Julia", "Tom and Julia"), Correct);
        assert_eq!(j("tom und julia", "Tom and Julia"), Correct);
        // Read as the string written, never as a boolean or a float.
        assert_eq!(j("yes", "yes"), Correct);
        assert_eq!(j("1.10", "1.10"), Correct);
        assert_eq!(j("1.1", "1.10"), Wrong, "a version, not a value");
    }

    #[test]
    fn several_guesses_count_as_none() {
        let others = ["Ivy Lynn".to_string(), "Derek Wills".to_string()];
        let v = |g: &str| judge(g, "Karen Cartwright", &["Karen".into()], &others);
        assert_eq!(v("karen"), Correct);
        assert_eq!(v("I think it's Karen"), Correct);
        assert_eq!(v("Karen or Ivy"), Several);
        assert_eq!(v("karen ivy derek"), Several);
        assert_eq!(v("Karen, Bob"), Several);
        assert_eq!(v("Ivy"), Wrong);
        assert_eq!(v("Ivy, Derek"), Several);
    }

    #[test]
    fn articles_accents_numbers_and_typos() {
        assert_eq!(j("Diva", "The Diva"), Correct);
        assert_eq!(j("die Diva", "The Diva"), Correct);
        assert_eq!(j("twelve", "12"), Correct);
        assert_eq!(j("twenty-one", "21"), Correct);
        assert_eq!(j("twenty one", "21"), Correct);
        assert_eq!(judge("zwölf", "12", &[], &[]), Correct);
        assert_eq!(judge("einundzwanzig", "21", &[], &[]), Correct);
        assert_eq!(judge_number("1.8", "1,80", Language::De), Correct);
        assert_eq!(judge_number("1,8", "1,80", Language::De), Correct);
        assert_eq!(
            judge_number("1,80 Millionen", "1,80", Language::De),
            Correct
        );
        assert_eq!(judge_number("1,7", "1,80", Language::De), Wrong);
        assert_eq!(judge_number("1,7 oder 1,8", "1,80", Language::De), Several);
        assert_eq!(judge_number("zwölf", "12", Language::De), Correct);
        assert_eq!(judge_number("4.48", "4.48", Language::En), Correct);
        assert_eq!(judge_number("1,000", "1000", Language::En), Correct);
        assert_eq!(j("Buhne", "Bühne"), Correct);
        // No typos up to four letters, one up to eight, two beyond.
        assert_eq!(j("Tim", "Tom"), Wrong);
        assert_eq!(j("Karne", "Karen"), Correct);
        assert_eq!(j("Kraen", "Karen"), Correct);
        assert_eq!(j("Krane", "Karen"), Wrong);
        assert_eq!(j("Rebeca Duval", "Rebecca Duvall"), Correct);
        assert_eq!(j("Rebeka Dufal", "Rebecca Duvall"), Wrong);
    }

    #[test]
    fn aliases_count_and_german_cases() {
        let aliases = ["Ivy".to_string(), "Lynn".to_string()];
        assert_eq!(judge("ivy", "Ivy Lynn", &aliases, &[]), Correct);
        // "Ivy" has three letters: no typo is tolerated.
        assert_eq!(judge("Ivi", "Ivy Lynn", &aliases, &[]), Wrong);
        assert_eq!(
            judge("Ivy Lyn", "Ivy Lynn", &aliases, &[]),
            Correct,
            "one typo in seven letters"
        );
        assert_eq!(judge("Frau Lynn", "Ivy Lynn", &aliases, &[]), Correct);
        assert_eq!(judge("Marilyn Monroe", "Marilyn Monroe", &[], &[]), Correct);
        assert_eq!(
            judge("die Nebelmaschine", "Nebelmaschine", &[], &[]),
            Correct
        );
        assert_eq!(
            judge(
                "Nebelmaschine und Flugzeug",
                "Nebelmaschine",
                &[],
                &["Flugzeug".into()]
            ),
            Several
        );
    }
}
