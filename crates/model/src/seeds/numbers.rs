//! Numbers in a sentence, read with the recap's own decimal convention:
//! "1,80" is 1.8 in a German recap, "4.48" is 4.48 in an English one, and
//! "1,000" / "1.000" are thousands.

use crate::model::Language;
use crate::text::is_word_char;

/// A number found in a sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NumberMention {
    /// Byte offset where the number starts.
    pub start: usize,
    /// Byte offset just past the number.
    pub end: usize,
    /// The number as written ("1,80").
    pub surface: String,
    /// Its value (1.8).
    pub value: f64,
    /// Digits after the decimal separator, so choices can be written alike.
    pub decimals: u32,
}

/// Finds the numbers in `text`.
pub(crate) fn find_numbers(language: Language, text: &str) -> Vec<NumberMention> {
    let (decimal, group) = match language {
        Language::En => ('.', ','),
        Language::De => (',', '.'),
    };
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || text[..i].chars().next_back().is_some_and(is_word_char) {
            i += 1;
            continue;
        }
        let start = i;
        let digits = |from: usize| {
            bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let mut end = start + digits(start);
        let mut integer: String = text[start..end].to_string();
        // Thousands groups: a separator followed by exactly three digits.
        while end < bytes.len() && bytes[end] == group as u8 && digits(end + 1) == 3 {
            let after = end + 4;
            if after < bytes.len() && bytes[after].is_ascii_digit() {
                break;
            }
            integer.push_str(&text[end + 1..after]);
            end = after;
        }
        let mut fraction = String::new();
        if end < bytes.len() && bytes[end] == decimal as u8 {
            let n = digits(end + 1);
            if n > 0 {
                fraction = text[end + 1..end + 1 + n].to_string();
                end += 1 + n;
            }
        }
        let followed_by_word = text[end..].chars().next().is_some_and(is_word_char);
        if !followed_by_word {
            let literal = if fraction.is_empty() {
                integer.clone()
            } else {
                format!("{integer}.{fraction}")
            };
            if let Ok(value) = literal.parse::<f64>() {
                found.push(NumberMention {
                    start,
                    end,
                    surface: text[start..end].to_string(),
                    value,
                    decimals: fraction.len() as u32,
                });
            }
        }
        i = end.max(start + 1);
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i].is_ascii_alphabetic()) {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(language: Language, text: &str) -> Vec<(String, f64, u32)> {
        find_numbers(language, text)
            .into_iter()
            .map(|n| (n.surface, n.value, n.decimals))
            .collect()
    }

    #[test]
    fn german_decimal_comma() {
        assert_eq!(
            values(
                Language::De,
                "Nur noch 1,80 Millionen Zuschauer. Zu Beginn waren es 4,48."
            ),
            vec![("1,80".into(), 1.8, 2), ("4,48".into(), 4.48, 2)]
        );
        assert_eq!(
            values(Language::De, "1.000 Gäste"),
            vec![("1.000".into(), 1000.0, 0)]
        );
    }

    #[test]
    fn english_decimal_point_and_groups() {
        assert_eq!(
            values(Language::En, "It drew 4.48 million, then 1,000,000 and 7."),
            vec![
                ("4.48".into(), 4.48, 2),
                ("1,000,000".into(), 1_000_000.0, 0),
                ("7".into(), 7.0, 0)
            ]
        );
    }

    #[test]
    fn numbers_inside_words_are_not_numbers() {
        assert!(values(Language::En, "S01E12 and 4K and 90s").is_empty());
        assert_eq!(
            values(Language::En, "Season 2, episode 11"),
            vec![("2".into(), 2.0, 0), ("11".into(), 11.0, 0)]
        );
    }
}
