//! Sentence splitting. `sentencex` does the language-aware work
//! (abbreviations, initials, quotes); a few repairs on top keep German
//! ordinals ("die 2. Staffel"), bracketed asides and dash asides ("— and
//! who could blame her! —") in one sentence, and end one at a bracket
//! closed after its full stop ("(It did not go well.) Derek leaves.").

use crate::model::Language;

/// Byte ranges of the sentences in `text`, trimmed of surrounding spaces.
pub(crate) fn sentences(language: Language, text: &str) -> Vec<(usize, usize)> {
    let base = text.as_ptr() as usize;
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let split = sentencex::segment(language.code(), text)
        .into_iter()
        .flat_map(|s| {
            let start = s.as_ptr() as usize - base;
            after_closed_brackets(s)
                .into_iter()
                .map(move |(a, b)| (start + a, start + b))
        });
    for (start, end) in split {
        let (start, end) = trim(text, start, end);
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

/// `piece` cut after every bracket closed right after a sentence's end
/// and followed by a new sentence ("…went well.) Derek"), as byte ranges.
fn after_closed_brackets(piece: &str) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    let bytes = piece.as_bytes();
    for (i, _) in piece.match_indices([')', ']']) {
        let ended = i > 0 && matches!(bytes[i - 1], b'.' | b'!' | b'?');
        let next = piece[i + 1..].trim_start();
        let spaced = next.len() < piece.len() - i - 1;
        if ended && spaced && next.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '„')
        {
            cuts.push(i + 1);
        }
    }
    cuts.push(piece.len());
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Whether the split between `prev` and `next` is a false one.
fn must_join(language: Language, prev: &str, next: &str) -> bool {
    // A bracket left open: the sentence goes on inside it.
    let open = prev.matches(['(', '[']).count();
    let close = prev.matches([')', ']']).count();
    if open > close {
        return true;
    }
    // A "!" or "?" that ends a dash aside ("— what a night! — and"), or
    // words going on in lower case: the sentence goes on.
    if prev.ends_with(['!', '?', '…'])
        && (next.starts_with(['—', '–']) || next.starts_with(char::is_lowercase))
    {
        return true;
    }
    // A quoted question or exclamation and who says it: "You never told
    // me?" Dev shouts.
    let unquoted = prev.trim_end_matches(['"', '”', '“', '„', '»', '«', '\'', '’']);
    // A speech verb among the first few words, "shouts" or "shoots back".
    let head = next
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let speech = crate::text::speech_words(&head)
        .iter()
        .take(3)
        .any(|w| crate::text::SPEECH_VERBS.contains(&w.as_str()));
    if unquoted.len() < prev.len() && unquoted.ends_with(['!', '?', '…']) && speech {
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
    fn a_quoted_question_stays_with_who_says_it() {
        assert_eq!(
            split(
                Language::En,
                "Karen lets it slip. \"You never told me?\" Dev shouts, and she walks out."
            ),
            vec![
                "Karen lets it slip.",
                "\"You never told me?\" Dev shouts, and she walks out."
            ]
        );
        assert_eq!(
            split(
                Language::En,
                "Joe smiles. \"But do you matter?\" Cameron shoots back. Joe leaves."
            ),
            vec![
                "Joe smiles.",
                "\"But do you matter?\" Cameron shoots back.",
                "Joe leaves."
            ]
        );
        assert_eq!(
            split(Language::De, "„Wirklich?“ fragt Tom. Dann geht er."),
            vec!["„Wirklich?“ fragt Tom.", "Dann geht er."]
        );
        // A quoted question and a new sentence.
        assert_eq!(
            split(Language::En, "\"Why?\" Karen leaves the room."),
            vec!["\"Why?\"", "Karen leaves the room."]
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
    fn asides_keep_their_sentence_and_a_closed_bracket_ends_one() {
        assert_eq!(
            split(
                Language::En,
                "Karen — after all that mambo practice! — goes home. Ivy stays."
            ),
            vec![
                "Karen — after all that mambo practice! — goes home.",
                "Ivy stays."
            ]
        );
        assert_eq!(
            split(
                Language::En,
                "Tom sulks – who wouldn't? – and leaves. Then Julia calls."
            ),
            vec![
                "Tom sulks – who wouldn't? – and leaves.",
                "Then Julia calls."
            ]
        );
        assert_eq!(
            split(
                Language::En,
                "Ivy sings it in Bombshell. (It did not go well.) Derek delivers the news."
            ),
            vec![
                "Ivy sings it in Bombshell.",
                "(It did not go well.)",
                "Derek delivers the news."
            ]
        );
        assert_eq!(
            split(Language::En, "Karen sings (i.e. ballads) all night."),
            vec!["Karen sings (i.e. ballads) all night."]
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
