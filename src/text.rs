//! Small text helpers shared by the catalog and, later, the lookups.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases `s` and removes diacritics ("Bühne" becomes "buhne").
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A stable identifier made from a name: "Ivy Lynn" becomes `ivy-lynn`,
/// "John F. Kennedy" becomes `john-f-kennedy`.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut dash = false;
    for c in fold(name).chars() {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
        } else {
            dash = true;
        }
    }
    slug
}

/// Whether `s` is usable as a slug: lower-case letters, digits and single dashes.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Whether `c` continues a word (letters and digits do; dashes, quotes and
/// punctuation do not).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Maps byte offsets of a text to 1-based line and column numbers (columns
/// count characters, as editors do).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and column of byte `offset` in the indexed `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// Whether `text` contains `name` as whole words (case and accents aside).
pub fn contains_name(text: &str, name: &str) -> bool {
    let (text, name) = (fold(text), fold(name));
    if name.is_empty() {
        return false;
    }
    text.match_indices(&name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_and_diacritics() {
        assert_eq!(fold("Bühne"), "buhne");
        assert_eq!(fold("ÄÖÜ éè"), "aou ee");
    }

    #[test]
    fn slugs_are_stable_and_plain() {
        assert_eq!(slugify("Ivy Lynn"), "ivy-lynn");
        assert_eq!(slugify("John F. Kennedy"), "john-f-kennedy");
        assert_eq!(slugify("  Hit List!  "), "hit-list");
        assert_eq!(slugify("Jürgen Müller"), "jurgen-muller");
        assert!(is_slug("smash"));
        assert!(is_slug("grey-s-anatomy2"));
        assert!(!is_slug("Smash"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }

    #[test]
    fn line_index_counts_characters() {
        let text = "ab\nüx\n\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 1), (1, 2));
        assert_eq!(idx.position(text, 3), (2, 1));
        // "ü" is two bytes: "x" is at byte 5 and is the second character.
        assert_eq!(idx.position(text, 5), (2, 2));
        assert_eq!(idx.position(text, 7), (3, 1));
        assert_eq!(idx.position(text, 8), (4, 1));
    }
}

/// How many typos a name of `len` characters tolerates.
pub fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// How well `query` matches `name` (both as the member and the roster
/// write them), lower is better: 0 the same (case and accents aside), 1 a
/// prefix of the name or of one of its words, 2 within a few typos of the
/// name or one of its words. `None` when it does not match.
pub fn match_score(query: &str, name: &str) -> Option<u8> {
    match_folded(&fold(query), &fold(name))
}

/// [`match_score`] for a query and a name already folded.
pub fn match_folded(q: &str, n: &str) -> Option<u8> {
    let (q, n) = (q.trim(), n.trim());
    if q.is_empty() {
        return None;
    }
    if q == n {
        return Some(0);
    }
    let words = || {
        n.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    if n.starts_with(q) || words().any(|w| w.starts_with(q)) {
        return Some(1);
    }
    let budget = typo_budget(q.chars().count());
    if budget == 0 {
        return None;
    }
    // The whole name, or any run of as many words as the query has. An
    // edit distance is at least the difference in length, so most names
    // are passed over without computing one.
    let q_len = q.chars().count();
    let close = |target: &str, len: usize| {
        len.abs_diff(q_len) <= budget && strsim::osa_distance(q, target) <= budget
    };
    if close(n, n.chars().count()) {
        return Some(2);
    }
    let all: Vec<&str> = words().collect();
    let span = q.split_whitespace().count().max(1).min(all.len().max(1));
    let found = all.windows(span).any(|w| {
        let len = w.iter().map(|x| x.chars().count()).sum::<usize>() + w.len() - 1;
        len.abs_diff(q_len) <= budget && close(&w.join(" "), len)
    });
    found.then_some(2)
}

#[cfg(test)]
mod match_tests {
    use super::*;

    #[test]
    fn names_match_tolerantly() {
        assert_eq!(match_score("karen", "Karen Cartwright"), Some(1));
        assert_eq!(match_score("Karen Cartwright", "Karen Cartwright"), Some(0));
        assert_eq!(match_score("Cartw", "Karen Cartwright"), Some(1));
        assert_eq!(match_score("Karne", "Karen"), Some(2));
        assert_eq!(
            match_score("dress rehersal", "The Dress Rehearsal"),
            Some(2)
        );
        assert_eq!(match_score("Buhne", "Bühne"), Some(0));
        assert_eq!(match_score("Tom", "Tim"), None, "no typos in short names");
        assert_eq!(match_score("Zorro", "Karen Cartwright"), None);
        assert_eq!(match_score("  ", "Karen"), None);
    }
}
