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
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Maps byte offsets of a text to 1-based line and column numbers (columns
/// count characters, as editors do). Every [`CHECKPOINT`] bytes it keeps
/// how many characters of its line came before, so a column is counted
/// from the nearest checkpoint: places on one long line cost the same
/// wherever they are, not their distance from the line's start.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters of its line before it), in order.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two checkpoints of a [`LineIndex`].
const CHECKPOINT: usize = 4096;

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let mut checkpoints = Vec::new();
        let mut line_chars = 0;
        let mut next = CHECKPOINT;
        for (i, c) in text.char_indices() {
            if i >= next {
                checkpoints.push((i, line_chars));
                next = i + CHECKPOINT;
            }
            line_chars += 1;
            if c == '\n' {
                starts.push(i + 1);
                line_chars = 0;
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// The 1-based line and column of byte `offset` in the indexed `text`.
    pub(crate) fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        // The last checkpoint on this line at or before the offset.
        let k = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        let (from, before) = match k.checked_sub(1).map(|k| self.checkpoints[k]) {
            Some((at, chars)) if at >= start => (at, chars),
            _ => (start, 0),
        };
        let column = text
            .get(from..offset)
            .map_or(offset - from, |s| s.chars().count())
            + before;
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod line_index_tests {
    use super::LineIndex;

    #[test]
    fn columns_count_characters_on_long_lines_too() {
        let long = "ä".repeat(10_000) + "x" + &"b".repeat(9_000) + "\nzz";
        let index = LineIndex::new(&long);
        let x = long.find('x').unwrap();
        assert_eq!(index.position(&long, x), (1, 10_001));
        assert_eq!(index.position(&long, long.len() - 1), (2, 2));
        assert_eq!(index.position(&long, 0), (1, 1));
        // The same as counting from the line's start, everywhere.
        for offset in (0..long.len())
            .step_by(997)
            .filter(|&o| long.is_char_boundary(o))
        {
            let start = long[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = long[..offset].matches('\n').count() + 1;
            let column = long[start..offset].chars().count() + 1;
            assert_eq!(index.position(&long, offset), (line, column), "at {offset}");
        }
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

/// The lower-case words of `s` as speech is read: punctuation trimmed, and
/// a verb of two words in [`SPEECH_VERBS`] made one ("shoots back"), so
/// that "Ryan shoots him down" has no speech verb.
pub fn speech_words(s: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in s.split_whitespace() {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if w.is_empty() {
            continue;
        }
        if let Some(last) = words.last_mut() {
            let two = |v: &&str| {
                v.len() == last.len() + 1 + w.len()
                    && v.starts_with(last.as_str())
                    && v.ends_with(w.as_str())
                    && v.as_bytes()[last.len()] == b' '
            };
            if SPEECH_VERBS.iter().any(two) {
                last.push(' ');
                last.push_str(&w);
                continue;
            }
        }
        words.push(w);
    }
    words
}

/// Verbs that attribute a quoted line to its speaker ("…," Tom says;
/// „…“, sagt Julia), lower case, English and German.
pub const SPEECH_VERBS: &[&str] = &[
    "says",
    "said",
    "asks",
    "asked",
    "tells",
    "told",
    "grumbles",
    "replies",
    "shouts",
    "whispers",
    "adds",
    "explains",
    "admits",
    "insists",
    "sagt",
    "sagte",
    "fragt",
    "ruft",
    "meint",
    "antwortet",
    "erklärt",
    "flüstert",
    "murmelt",
    "gesteht",
    "quips",
    "muses",
    "notes",
    "snaps",
    "sobs",
    "cries",
    "jokes",
    "declares",
    "announces",
    "warns",
    "mutters",
    "sighs",
    "retorts",
    "yells",
    "screams",
    "deadpans",
    "protests",
    "begs",
    "pleads",
    "laments",
    "responds",
    "answers",
    "counters",
    "scoffs",
    "teases",
    "confesses",
    "observes",
    "reminds",
    "wonders",
    // "… ," Cameron shoots back (two words, one verb: "Ryan shoots him
    // down" says nothing).
    "shoots back",
    "shot back",
    "fires back",
    "fired back",
    "snaps back",
    "snapped back",
    "advises",
    "advised",
    "admitted",
    "replied",
    "added",
    "explained",
    "insisted",
    "snapped",
    "whispered",
    "shouted",
    "yelled",
    "muttered",
    "warned",
    "declared",
    "announced",
    "joked",
    "quipped",
    "mused",
    "retorted",
    "responded",
    "answered",
    "countered",
    "scoffed",
    "confessed",
    "lamented",
    "interrupts",
    "clarifies",
    "snarks",
    "brüllt",
    "seufzt",
    "schimpft",
    "witzelt",
    "kontert",
    "schreit",
    "jammert",
    "verkündet",
    "warnt",
    "klagt",
    "stöhnt",
    "lästert",
    "spottet",
    "betont",
    "responds",
    "reminds",
    "counters",
    "scoffs",
    "snarls",
    "growls",
    "barks",
    "confesses",
    "confides",
    "demands",
    "boasts",
    "promises",
    "threatens",
    "assures",
    "informs",
    "exclaims",
    "remarks",
    "observes",
    "wonders",
    "teases",
    "orders",
    "erwidert",
    "entgegnet",
    "droht",
    "verspricht",
    "befiehlt",
    "beteuert",
    "bemerkt",
    "versichert",
    "zischt",
    "faucht",
    "verrät",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asides_naming_someone_listed_are_dropped() {
        let actors = |n: &str| ["Jack Davenport", "Megan Hilty"].contains(&n);
        assert_eq!(
            without_asides(
                "Derek (Jack Davenport) and Ivy (Megan Hilty) argue.",
                actors
            ),
            "Derek and Ivy argue."
        );
        assert_eq!(
            without_asides("Her parents (Becky Ann Baker) visit (finally).", actors),
            "Her parents (Becky Ann Baker) visit (finally)."
        );
        assert_eq!(
            without_asides("Ivy (Megan Hilty", actors),
            "Ivy (Megan Hilty"
        );
    }

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

/// `text` without the bracketed asides that `is_name` accepts whole
/// ("Derek (Jack Davenport) leaves" becomes "Derek leaves"), each with the
/// space before it.
pub fn without_asides(text: &str, is_name: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let inside = &rest[open + 1..];
        let Some(close) = inside.find(')') else {
            break;
        };
        if is_name(inside[..close].trim()) {
            out.push_str(rest[..open].trim_end_matches(' '));
        } else {
            out.push_str(&rest[..open + 1 + close + 1]);
        }
        rest = &inside[close + 1..];
    }
    out.push_str(rest);
    out
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
/// name or of a run of its words. `None` when it does not match.
pub fn match_score(query: &str, name: &str) -> Option<u8> {
    match_folded(&fold(query), &fold(name))
}

/// [`match_score`] for a query and a name already folded.
pub fn match_folded(q: &str, n: &str) -> Option<u8> {
    NameQuery::folded(q.to_string()).score(n)
}

/// Which symbols a text holds, as bits: letters and digits one each, the
/// space one, anything else sharing the rest. An edit changes at most two
/// bits (a substitution: one symbol gone, one come), so two texts whose
/// bits differ in more than `2k` places are more than `k` edits apart.
fn symbols(text: &str) -> u64 {
    text.chars().fold(0, |bits, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            ' ' => 36,
            _ => 37 + c as u32 % 27,
        };
        bits | 1 << bit
    })
}

/// Where each character occurs in a text of at most 64 characters, as
/// bits: what the bit-parallel edit distance reads for every character of
/// the other text.
#[derive(Debug, Clone)]
struct Occurrences {
    ascii: [u64; 128],
    other: Vec<(char, u64)>,
    len: usize,
}

impl Occurrences {
    /// `None` for a text longer than 64 characters.
    fn new(text: &str) -> Option<Occurrences> {
        let mut found = Occurrences {
            ascii: [0; 128],
            other: Vec::new(),
            len: 0,
        };
        for (i, c) in text.chars().enumerate() {
            if i == 64 {
                return None;
            }
            let bit = 1u64 << i;
            match usize::try_from(u32::from(c)).ok().filter(|&c| c < 128) {
                Some(c) => found.ascii[c] |= bit,
                None => match found.other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, bits)) => *bits |= bit,
                    None => found.other.push((c, bit)),
                },
            }
            found.len = i + 1;
        }
        Some(found)
    }

    fn of(&self, c: char) -> u64 {
        match usize::try_from(u32::from(c)).ok().filter(|&c| c < 128) {
            Some(c) => self.ascii[c],
            None => self
                .other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |(_, bits)| *bits),
        }
    }

    /// The optimal string alignment distance (insertions, deletions,
    /// substitutions and swaps of neighbours) from this text to `other`,
    /// one column of the table at a time as bits (Hyyrö's bit-parallel
    /// algorithm): a few word operations per character of `other`.
    fn distance(&self, other: &str) -> usize {
        if self.len == 0 {
            return other.chars().count();
        }
        let last = 1u64 << (self.len - 1);
        let (mut vp, mut vn, mut d0, mut pm_before) = (u64::MAX, 0u64, 0u64, 0u64);
        let mut distance = self.len;
        for c in other.chars() {
            let pm = self.of(c);
            let swapped = ((!d0 & pm) << 1) & pm_before;
            d0 = (((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn | swapped;
            let hp = vn | !(d0 | vp);
            let hn = d0 & vp;
            if hp & last != 0 {
                distance += 1;
            }
            if hn & last != 0 {
                distance -= 1;
            }
            let hp = (hp << 1) | 1;
            let hn = hn << 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
            pm_before = pm;
        }
        distance
    }
}

/// What a member typed, folded and measured once for matching against a
/// [`NameTable`].
#[derive(Debug, Clone)]
pub struct NameQuery {
    text: String,
    /// Where its characters occur, for edit distances (`None` past 64).
    occurrences: Option<Box<Occurrences>>,
    chars: usize,
    symbols: u64,
    words: usize,
    budget: usize,
}

impl NameQuery {
    /// Folds `query` ([`fold`]) and measures it.
    pub fn new(query: &str) -> NameQuery {
        NameQuery::folded(fold(query))
    }

    /// Measures a query already folded.
    pub fn folded(query: String) -> NameQuery {
        let text = query.trim().to_string();
        let chars = text.chars().count();
        NameQuery {
            occurrences: Occurrences::new(&text).map(Box::new),
            symbols: symbols(&text),
            words: text.split_whitespace().count().max(1),
            budget: typo_budget(chars),
            chars,
            text,
        }
    }

    /// The folded query, trimmed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// How this query matches one name, already folded (see
    /// [`match_score`]): what a [`NameTable`] finds for many names at once,
    /// read directly, for a query scored against a few names.
    pub fn score(&self, name: &str) -> Option<u8> {
        let (q, n) = (self.text.as_str(), name.trim());
        if q.is_empty() {
            return None;
        }
        if q == n {
            return Some(0);
        }
        let words: Vec<&str> = n
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if n.starts_with(q) || words.iter().any(|w| w.starts_with(q)) {
            return Some(1);
        }
        if self.budget == 0 {
            return None;
        }
        let close =
            |t: &str| self.may_be_close(t.chars().count(), symbols(t)) && self.within_budget(t);
        if close(n) {
            return Some(2);
        }
        // Any run of as many words as the query has, joined by one space.
        let span = self.words.min(words.len().max(1));
        words
            .windows(span)
            .any(|run| close(&run.join(" ")))
            .then_some(2)
    }

    /// Whether a text of `chars` characters holding `symbols` may lie
    /// within the typo budget: an edit distance is at least the difference
    /// in length, and at least half the symbols held by one text only.
    fn may_be_close(&self, chars: usize, symbols: u64) -> bool {
        chars.abs_diff(self.chars) <= self.budget
            && (self.symbols ^ symbols).count_ones() as usize <= 2 * self.budget
    }

    /// Whether `text` is within the typo budget of this query.
    fn within_budget(&self, text: &str) -> bool {
        match &self.occurrences {
            Some(o) => o.distance(text) <= self.budget,
            None => strsim::osa_distance(&self.text, text) <= self.budget,
        }
    }
}

/// One text a query is matched against: a whole name, or a run of its
/// words joined by one space.
#[derive(Debug, Clone)]
struct Target {
    owner: u32,
    /// Where its text lies in the arena.
    start: u32,
    end: u32,
}

/// A text as the typo search reads it: its length, symbols and target.
#[derive(Debug, Clone, Copy)]
struct Measured {
    chars: u32,
    target: u32,
    symbols: u64,
}

/// The texts compared for typos with queries of some numbers of words,
/// by length.
#[derive(Debug, Clone)]
struct Group {
    /// Queries of this many words or more compare them...
    from_words: usize,
    /// ...and of at most this many.
    to_words: usize,
    by_length: Vec<Measured>,
}

/// The names of many owners (a roster, a show's episode titles), folded
/// and indexed for matching: whole names and words sorted by text, so
/// that those a query begins are found by binary search, and every text a
/// typo search compares grouped by the query lengths that compare it and
/// sorted by its own length, so that a query reads only texts of about
/// its length, rules most of them out by their symbols, and computes an
/// edit distance for the few left.
#[derive(Debug, Clone, Default)]
pub struct NameTable {
    arena: String,
    targets: Vec<Target>,
    /// Whole names (true) and single words (false), by text.
    by_text: Vec<(u32, bool)>,
    groups: Vec<Group>,
}

impl NameTable {
    /// The table of `names`, (owner, name) pairs, folded here.
    pub fn new<'a>(names: impl IntoIterator<Item = (u32, &'a str)>) -> NameTable {
        let mut table = NameTable::default();
        // (from words, to words) → texts
        let mut groups: std::collections::BTreeMap<(usize, usize), Vec<Measured>> =
            std::collections::BTreeMap::new();
        let mut texts: Vec<(u32, bool)> = Vec::new();
        for (owner, name) in names {
            let name = fold(name);
            let name = name.trim();
            let words: Vec<&str> = name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            // The whole name: begun by, and compared with, any query.
            let whole = table.push(owner, name);
            texts.push((whole.target, true));
            groups.entry((1, usize::MAX)).or_default().push(whole);
            // Runs of its words: a query of n words is compared with the
            // runs of n, or with all of them for a name of fewer words.
            for span in 1..=words.len() {
                for run in words.windows(span) {
                    let text = run.join(" ");
                    let single = span == 1;
                    // A run that is the whole name is compared as such.
                    if text == name {
                        continue;
                    }
                    let measured = table.push(owner, &text);
                    if single {
                        texts.push((measured.target, false));
                    }
                    let to = if span == words.len() {
                        usize::MAX
                    } else {
                        span
                    };
                    groups.entry((span, to)).or_default().push(measured);
                }
            }
        }
        texts.sort_by(|a, b| table.text(a.0).cmp(table.text(b.0)));
        table.by_text = texts;
        table.groups = groups
            .into_iter()
            .map(|((from_words, to_words), mut by_length)| {
                by_length.sort_by_key(|m| m.chars);
                Group {
                    from_words,
                    to_words,
                    by_length,
                }
            })
            .collect();
        table
    }

    fn push(&mut self, owner: u32, text: &str) -> Measured {
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let start = self.arena.len();
        self.arena.push_str(text);
        self.targets.push(Target {
            owner,
            start: to_u32(start),
            end: to_u32(self.arena.len()),
        });
        Measured {
            chars: to_u32(text.chars().count()),
            target: to_u32(self.targets.len() - 1),
            symbols: symbols(text),
        }
    }

    fn text(&self, target: u32) -> &str {
        let t = &self.targets[target as usize];
        &self.arena[t.start as usize..t.end as usize]
    }

    /// Calls `found(owner, score)` once for every owner with a name that
    /// `query` matches, with its best score (see [`match_score`]), owners
    /// in increasing order.
    pub fn each_best(&self, query: &NameQuery, mut found: impl FnMut(u32, u8)) {
        let q = query.text.as_str();
        if q.is_empty() {
            return;
        }
        let mut scores: Vec<(u32, u8)> = Vec::new();
        // The whole name asked, or the start of it or of one of its words.
        let from = self.by_text.partition_point(|&(t, _)| self.text(t) < q);
        for &(t, whole) in &self.by_text[from..] {
            let text = self.text(t);
            if !text.starts_with(q) {
                break;
            }
            let exact = whole && text == q;
            scores.push((self.targets[t as usize].owner, u8::from(!exact)));
        }
        // Within the typo budget: the whole name, or a run of as many words
        // as the query has.
        if query.budget > 0 {
            let (shortest, longest) = (
                query.chars.saturating_sub(query.budget),
                query.chars + query.budget,
            );
            for group in &self.groups {
                if !(group.from_words..=group.to_words).contains(&query.words) {
                    continue;
                }
                let texts = &group.by_length;
                let from = texts.partition_point(|m| (m.chars as usize) < shortest);
                for m in &texts[from..] {
                    if m.chars as usize > longest {
                        break;
                    }
                    if query.may_be_close(m.chars as usize, m.symbols)
                        && query.within_budget(self.text(m.target))
                    {
                        scores.push((self.targets[m.target as usize].owner, 2));
                    }
                }
            }
        }
        scores.sort_unstable();
        let mut last = None;
        for (owner, score) in scores {
            if last != Some(owner) {
                found(owner, score);
                last = Some(owner);
            }
        }
    }
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

    /// The plain reading of [`match_score`]: every name and run of words
    /// compared by edit distance, nothing skipped.
    fn plain_score(q: &str, n: &str) -> Option<u8> {
        let (q, n) = (fold(q), fold(n));
        let (q, n) = (q.trim(), n.trim());
        if q.is_empty() {
            return None;
        }
        if q == n {
            return Some(0);
        }
        let words: Vec<&str> = n
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if n.starts_with(q) || words.iter().any(|w| w.starts_with(q)) {
            return Some(1);
        }
        let budget = typo_budget(q.chars().count());
        if budget == 0 {
            return None;
        }
        if strsim::osa_distance(q, n) <= budget {
            return Some(2);
        }
        let span = q.split_whitespace().count().max(1).min(words.len().max(1));
        words
            .windows(span)
            .any(|w| strsim::osa_distance(q, &w.join(" ")) <= budget)
            .then_some(2)
    }

    fn len_of(rng: &mut rand::rngs::StdRng, below: usize) -> usize {
        use rand::Rng;
        rng.random_range(0..below)
    }

    #[test]
    fn the_bit_parallel_distance_agrees_with_the_table() {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let alphabet: Vec<char> = "abeü ".chars().collect();
        let mut rng = StdRng::seed_from_u64(9);
        let mut close = 0;
        for round in 0..5_000 {
            // Short texts mostly, and some up to the 64 characters it takes.
            let len = if round % 10 == 0 {
                50 + len_of(&mut rng, 15)
            } else {
                len_of(&mut rng, 9)
            };
            let a: Vec<char> = (0..len)
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect();
            let mut b = a.clone();
            for _ in 0..rng.random_range(0..4) {
                let at = rng.random_range(0..=b.len());
                match rng.random_range(0..3) {
                    0 if at < b.len() => {
                        b.remove(at);
                    }
                    1 => b.insert(at, alphabet[rng.random_range(0..alphabet.len())]),
                    _ if at + 1 < b.len() => b.swap(at, at + 1),
                    _ => {}
                }
            }
            let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
            let table = strsim::osa_distance(&a, &b);
            let bits = Occurrences::new(&a).expect("at most 64 characters");
            assert_eq!(bits.distance(&b), table, "{a:?} {b:?}");
            close += usize::from(table <= 2);
        }
        assert!(close > 1_000, "{close}");
        assert!(Occurrences::new(&"a".repeat(65)).is_none());
    }

    #[test]
    fn a_table_finds_every_owner_the_plain_reading_finds() {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let syllables = ["an", "na", "ka", "ren", "lo", "mer", "dal", "ü", "é"];
        let mut rng = StdRng::seed_from_u64(17);
        let word = |rng: &mut StdRng| -> String {
            (0..rng.random_range(1..=3))
                .map(|_| syllables[rng.random_range(0..syllables.len())])
                .collect()
        };
        let mut roster: Vec<(u32, String)> = Vec::new();
        for owner in 0..300u32 {
            for _ in 0..rng.random_range(1..=3) {
                let words: Vec<String> = (0..rng.random_range(1..=3))
                    .map(|_| word(&mut rng))
                    .collect();
                let joiner = [" ", " ", ". ", "-"][rng.random_range(0..4)];
                roster.push((owner, words.join(joiner)));
            }
        }
        let table = NameTable::new(roster.iter().map(|(o, n)| (*o, n.as_str())));
        let mut matched = 0;
        for _ in 0..400 {
            let query: String = (0..rng.random_range(1..=3))
                .map(|_| word(&mut rng))
                .collect::<Vec<_>>()
                .join(" ");
            let mut plain: Vec<(u32, u8)> = Vec::new();
            for (owner, name) in &roster {
                if let Some(score) = plain_score(&query, name) {
                    match plain.last_mut() {
                        Some((o, s)) if o == owner => *s = (*s).min(score),
                        _ => plain.push((*owner, score)),
                    }
                }
            }
            let mut found = Vec::new();
            table.each_best(&NameQuery::new(&query), |o, s| found.push((o, s)));
            assert_eq!(found, plain, "{query:?}");
            matched += found.len();
        }
        assert!(matched > 400, "{matched}");
    }

    #[test]
    fn skipping_names_that_cannot_be_close_changes_no_score() {
        // Names and queries from a small alphabet, so that near misses,
        // transpositions, umlauts and punctuation all come up often.
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let alphabet: Vec<char> = "aabeinorstüé .-'".chars().collect();
        let mut rng = StdRng::seed_from_u64(5);
        let mut agreed = [0usize; 4];
        for _ in 0..20_000 {
            let len = 3 + len_of(&mut rng, 12);
            let name: String = (0..len)
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect();
            // Half the queries are the name with a few edits.
            let query: String = if rng.random_bool(0.5) {
                let mut q: Vec<char> = name.chars().collect();
                for _ in 0..rng.random_range(1..=3) {
                    let at = rng.random_range(0..q.len().max(1));
                    match rng.random_range(0..3) {
                        0 if !q.is_empty() => {
                            q.remove(at);
                        }
                        1 => q.insert(at, 'x'),
                        _ if at + 1 < q.len() => q.swap(at, at + 1),
                        _ => {}
                    }
                }
                q.into_iter().collect()
            } else {
                let len = 2 + len_of(&mut rng, 10);
                (0..len)
                    .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                    .collect()
            };
            let plain = plain_score(&query, &name);
            assert_eq!(
                match_score(&query, &name),
                plain,
                "{query:?} against {name:?}"
            );
            agreed[plain.map_or(3, usize::from)] += 1;
        }
        // Every outcome came up, the typo matches most of all.
        assert!(agreed.iter().all(|&n| n > 50), "{agreed:?}");
    }
}
