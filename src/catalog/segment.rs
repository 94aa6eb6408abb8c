//! Sentence splitting. `sentencex` does the language-aware work
//! (abbreviations, initials, quotes); a few repairs on top keep German
//! ordinals ("die 2. Staffel") and bracketed asides in one sentence.

use crate::model::Language;

/// Byte ranges of the sentences in `text`, trimmed of surrounding spaces.
pub fn sentences(language: Language, text: &str) -> Vec<(usize, usize)> {
    let base = text.as_ptr() as usize;
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for s in sentencex::segment(language.code(), text) {
        let start = s.as_ptr() as usize - base;
        let (start, end) = trim(text, start, start + s.len());
        if start == end {
            continue;
        }
        match pieces.last_mut() {
            Some(last) if must_join(language, &text[last.0..last.1], &text[start..end]) => {
                last.1 = end;
            }
            _ => pieces.push((start, end)),
        }
    }
    pieces
}

fn trim(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let s = &text[start..end];
    start += s.len() - s.trim_start().len();
    end -= s.len() - s.trim_end().len();
    (start, end.max(start))
}

/// Whether the split between `prev` and `next` is a false one.
fn must_join(language: Language, prev: &str, next: &str) -> bool {
    // A bracket left open: the sentence goes on inside it.
    let open = prev.matches(['(', '[']).count();
    let close = prev.matches([')', ']']).count();
    if open > close {
        return true;
    }
    // A single capital initial ("John F. Kennedy") followed by a name.
    let last_word = prev.rsplit(' ').next().unwrap_or("");
    let mut chars = last_word.chars();
    if let (Some(c), Some('.'), None) = (chars.next(), chars.next(), chars.next())
        && c.is_uppercase()
        && prev.len() > 2
        && next.starts_with(char::is_uppercase)
    {
        return true;
    }
    // German ordinals: "die 2. Staffel", "am 3. April".
    if language == Language::De
        && let Some(number) = last_word.strip_suffix('.')
        && !number.is_empty()
        && number.len() <= 3
        && number.chars().all(|c| c.is_ascii_digit())
    {
        let before = prev[..prev.len() - last_word.len()].trim_end();
        let word_before = before.rsplit(' ').next().unwrap_or("").to_lowercase();
        return GERMAN_ORDINAL_LEADS.contains(&word_before.as_str())
            || next.starts_with(char::is_lowercase);
    }
    false
}

/// Words after which "2." is an ordinal, not the end of a sentence.
const GERMAN_ORDINAL_LEADS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "am", "im", "vom", "zum", "zur", "beim", "bis", "ab",
    "seit", "ihre", "ihrer", "ihrem", "ihren", "seine", "seiner", "seinem", "seinen", "jede",
    "jeder", "jedem", "eine", "einer", "einem", "einen", "dieser", "diese", "diesem", "diesen",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn split(language: Language, text: &str) -> Vec<&str> {
        sentences(language, text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn initials_and_abbreviations_stay_in_their_sentence() {
        assert_eq!(
            split(
                Language::De,
                "Ivys Kleid in der Szene mit John F. Kennedy. Tom wacht auf."
            ),
            vec![
                "Ivys Kleid in der Szene mit John F. Kennedy.",
                "Tom wacht auf."
            ]
        );
        assert_eq!(
            split(
                Language::En,
                "Karen sings (i.e. ballads), she says. Then Tom leaves."
            ),
            vec!["Karen sings (i.e. ballads), she says.", "Then Tom leaves."]
        );
        assert_eq!(
            split(Language::De, "Sie singt z. B. Lieder. Das ist gut."),
            vec!["Sie singt z. B. Lieder.", "Das ist gut."]
        );
    }

    #[test]
    fn quotes_and_brackets_do_not_split() {
        assert_eq!(
            split(
                Language::En,
                "\"Go home. Now,\" grumbles the cop. Then he leaves."
            ),
            vec!["\"Go home. Now,\" grumbles the cop.", "Then he leaves."]
        );
        assert_eq!(
            split(Language::De, "Er sagt: „Nein. Niemals!“ Dann geht er."),
            vec!["Er sagt: „Nein. Niemals!“", "Dann geht er."]
        );
        assert_eq!(
            split(
                Language::En,
                "Ivy texts Karen (who, remember. appears as Marilyn) that she can stay. Done."
            ),
            vec![
                "Ivy texts Karen (who, remember. appears as Marilyn) that she can stay.",
                "Done."
            ]
        );
    }

    #[test]
    fn german_ordinals_and_numbers() {
        assert_eq!(
            split(
                Language::De,
                "Danach kommt die 2. Staffel. Sie endet am 3. April. Es waren 4,48."
            ),
            vec![
                "Danach kommt die 2. Staffel.",
                "Sie endet am 3. April.",
                "Es waren 4,48."
            ]
        );
        assert_eq!(
            split(Language::De, "Es waren 5. Dann kam Tom."),
            vec!["Es waren 5.", "Dann kam Tom."]
        );
    }
}
