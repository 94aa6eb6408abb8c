//! A German word list, for `check`: German capitalises every noun, so a
//! lone capitalised word is a name only when it is no German word ("dem
//! verwöhnten Star Terry"). The list is a spelling dictionary read at run
//! time (Debian's `wngerman`, one word per line), never bundled.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Where the list is looked for, unless `CLIFFHANGER_GERMAN_WORDS` names a
/// file.
pub(crate) const DEFAULT_PATH: &str = "/usr/share/dict/ngerman";

/// English words German recaps use as nouns, which German spelling lists
/// leave out.
const LOANWORDS: &[&str] = &[
    "Cast",
    "Casting",
    "Castings",
    "Date",
    "Dates",
    "Callback",
    "Callbacks",
    "Workshop",
    "Workshops",
    "Preview",
    "Previews",
    "Showrunner",
    "Cliffhanger",
    "Finale",
    "Pitch",
    "Dinner",
    "Party",
    "Partys",
    "Song",
    "Songs",
    "Star",
    "Stars",
    "Team",
    "Teams",
    "Job",
    "Jobs",
    "Demo",
    "Demos",
    "Single",
    "Singles",
    "Storyline",
    "Plot",
    "Twist",
    "Flashback",
];

/// Endings of German nouns that no name has.
const NOUN_ENDINGS: &[&str] = &[
    "keit", "keiten", "heit", "heiten", "ung", "ungen", "schaft", "schaften", "tion", "tionen",
    "ität", "itäten", "nis", "nisse", "ismus",
];

/// The environment variable naming another list.
pub(crate) const PATH_VARIABLE: &str = "CLIFFHANGER_GERMAN_WORDS";

/// A German word list: its capitalised words as written, and every word in
/// lower case (the lists keep a word once, so a noun that is also a verb
/// form, "Rolle" and "rolle", may be there in lower case only).
#[derive(Debug, Clone, Default)]
pub struct GermanWords {
    nouns: HashSet<String>,
    lower: HashSet<String>,
}

/// Why no list could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The file looked for.
    pub path: PathBuf,
    /// What went wrong.
    pub reason: String,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no German word list at {} ({}): lone German first names are not looked for. \
             Install Debian's wngerman (apt-get install wngerman), or set {PATH_VARIABLE} \
             to a word list with one word per line",
            self.path.display(),
            self.reason
        )
    }
}

impl GermanWords {
    /// The list named by `CLIFFHANGER_GERMAN_WORDS`, or Debian's.
    pub(crate) fn load() -> Result<GermanWords, Missing> {
        let path = std::env::var_os(PATH_VARIABLE)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_PATH));
        GermanWords::read(&path)
    }

    /// The list in `path`, one word per line.
    pub fn read(path: &Path) -> Result<GermanWords, Missing> {
        let missing = |reason: String| Missing {
            path: path.to_path_buf(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| missing(e.to_string()))?;
        let words = GermanWords::from_words(text.lines());
        if words.nouns.is_empty() {
            return Err(missing("it holds no capitalised words".to_string()));
        }
        Ok(words)
    }

    /// A list of these words (and the English nouns German recaps use).
    pub(crate) fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> GermanWords {
        let mut list = GermanWords::default();
        for word in words
            .into_iter()
            .chain(LOANWORDS.iter().copied())
            .map(str::trim)
            .filter(|w| !w.is_empty())
        {
            if word.starts_with(char::is_uppercase) {
                list.nouns.insert(word.to_string());
            }
            list.lower.insert(word.to_lowercase());
        }
        list
    }

    /// Whether `word` is in the list, in any case.
    fn has(&self, word: &str) -> bool {
        self.nouns.contains(word) || self.lower.contains(&word.to_lowercase())
    }

    /// Whether `head` can open a compound: a word of the list, with its
    /// linking letters ("Arbeits|platz", "Serien|ende"), or a verb's stem
    /// ("Schreib|tisch"); not a scrap of a name before a name the list
    /// holds ("Mer|edith", "Cris|tina").
    fn opens_compound(&self, head: &str) -> bool {
        self.knows(head) || self.has(&format!("{head}en")) || self.has(&format!("{head}n"))
    }

    /// Whether `word` (capitalised, as written in a recap) is a German
    /// word: in the list, in a genitive or plural form of one ("Stars"),
    /// or a compound ending in one ("Nebelmaschine", "Deko-Flugzeug").
    pub(crate) fn knows(&self, word: &str) -> bool {
        let word = word.trim_end_matches(['\'', '’']);
        if self.has(word) {
            return true;
        }
        for ending in ["s", "es", "n", "en", "e"] {
            if let Some(stem) = word.strip_suffix(ending)
                && self.has(stem)
            {
                return true;
            }
        }
        // Endings only nouns have: "Verletzlichkeit", "Besetzung".
        if NOUN_ENDINGS
            .iter()
            .any(|e| word.len() > e.len() + 2 && word.ends_with(e))
        {
            return true;
        }
        if let Some((_, last)) = word.rsplit_once('-') {
            return !last.is_empty() && self.knows(last);
        }
        // A compound: three letters or more, then a word of four or more
        // ("Nebenrolle", "Serienende"; not "Frank" for "rank"), or a noun
        // of three ("Probentag").
        word.char_indices()
            .skip(3)
            .map(|(i, _)| (&word[..i], &word[i..]))
            .any(|(head, rest)| match rest.chars().count() {
                // A noun of three letters ends a compound only after a
                // word ("Proben|tag"): "Cla|ire" is Claire, no Ire.
                3 => {
                    let mut chars = rest.chars();
                    let noun: String = chars
                        .next()
                        .map(|c| c.to_uppercase().chain(chars).collect())
                        .unwrap_or_default();
                    self.nouns.contains(&noun) && self.knows(head)
                }
                n => n >= 4 && self.has(rest) && self.opens_compound(head),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_their_forms_and_compounds_are_words_and_names_are_not() {
        let words = GermanWords::from_words([
            "Bühne",
            "Star",
            "Maschine",
            "Flugzeug",
            "laufen",
            "rolle",
            "rank",
            "Nebel",
            "neben",
            "Arbeit",
            "Platz",
            "schreiben",
            "Tisch",
        ]);
        for word in [
            "Arbeitsplatz",
            "Schreibtisch",
            "Bühne",
            "Stars",
            "Bühnen",
            "Nebelmaschine",
            "Deko-Flugzeug",
            "Rolle",
            "Nebenrolle",
            "Verletzlichkeit",
            "Besetzungen",
        ] {
            assert!(words.knows(word), "{word}");
        }
        // A three-letter noun ends a compound only after a word.
        let words = GermanWords::from_words(["Probe", "Tag", "Ire"]);
        assert!(words.knows("Probentag"));
        assert!(!words.knows("Claire"));
        let words = GermanWords::from_words([
            "Bühne", "Star", "Maschine", "Flugzeug", "laufen", "rolle", "rank", "Ire",
        ]);
        for name in ["Terry", "Karen", "Derek", "Frank", "Claire"] {
            assert!(!words.knows(name), "{name}");
        }
        // A name ending in a name the list holds is no compound.
        let words = GermanWords::from_words(["Edith", "Tina", "Bühne"]);
        for name in ["Meredith", "Cristina"] {
            assert!(!words.knows(name), "{name}");
        }
        assert!(words.knows("Edith"));
    }

    #[test]
    fn a_missing_list_says_how_to_get_one() {
        let err = GermanWords::read(Path::new("/nonexistent/ngerman")).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("apt-get install wngerman"), "{text}");
        assert!(text.contains(PATH_VARIABLE), "{text}");
    }
}
