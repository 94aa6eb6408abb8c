//! Finding characters in sentences: every name and alias of the roster,
//! longest match first, on word boundaries, with English possessives
//! ("Derek's", "Julia’s"), German genitive -s ("Ivys", "Marilyn Monroes")
//! and hyphenated forms ("former-Marilyn").

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::model::seed::{CharacterSeed, RecapFile, ShowSeed};
use crate::model::{EpisodeKey, Language};
use crate::spoiler::NEVER;
use crate::text::is_word_char;

/// What a matched name refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One character (an index into the roster).
    Character(usize),
    /// A name several characters share: tagged as none of them. With no
    /// owner, a name that is nobody's (the show's `other_names`).
    Shared(Vec<usize>),
}

/// A name found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    /// Byte offset where the name starts.
    pub start: usize,
    /// Byte offset just past the name (before any possessive ending).
    pub end: usize,
    /// A possessive or genitive ending right after the name: "'s", "’s", "s", "'".
    pub suffix: String,
    /// The name as the roster writes it.
    pub name: String,
    /// Who it refers to.
    pub target: Target,
}

/// The names of one show's roster, ready for matching.
#[derive(Debug, Clone)]
pub struct Roster {
    matcher: Option<AhoCorasick>,
    names: Vec<String>,
    targets: Vec<Target>,
    /// From which episode each character is known, by roster place: a name
    /// several characters share is theirs only from then on.
    known: Vec<EpisodeKey>,
}

impl Roster {
    /// A show's roster, each character known from their earliest roster
    /// entry or the first recap that names them by a name of their own
    /// (whoever else shares an alias). A name shared by several characters
    /// tags, in a recap of episode E, the one known by E, and nobody while
    /// two are: so a character met later never changes how an earlier
    /// sentence is read.
    ///
    /// The show's `other_names` are matched too, and tag nobody: "Michael
    /// Jackson" there keeps the alias "Michael" from tagging him.
    pub fn of_show(show: &ShowSeed) -> Self {
        let mut roster = Roster::with_others(&show.characters, &show.other_names);
        if roster.shared_names().is_empty() {
            return roster;
        }
        let mut known: Vec<EpisodeKey> = show
            .characters
            .iter()
            .map(|c| c.about.iter().filter_map(|a| a.from).min().unwrap_or(NEVER))
            .collect();
        for recap in &show.recaps {
            let at = EpisodeKey::new(recap.season, recap.episode);
            // A recap held without its text kept whom it names.
            let named = if recap.has_body() {
                roster.characters_named(recap)
            } else {
                recap.names.clone()
            };
            for i in named {
                known[i] = known[i].min(at);
            }
        }
        roster.known = known;
        roster
    }

    /// The roster positions of the characters `recap`'s text names by a
    /// name of their own, in order, each once.
    pub(crate) fn characters_named(&self, recap: &RecapFile) -> Vec<usize> {
        let mut named: Vec<usize> = recap
            .paragraphs
            .iter()
            .flat_map(|p| self.find(recap.language, &p.text))
            .filter_map(|m| match m.target {
                Target::Character(i) => Some(i),
                Target::Shared(_) => None,
            })
            .collect();
        named.sort_unstable();
        named.dedup();
        named
    }

    /// Builds the matcher from every character's name and aliases, every
    /// character known from the start.
    pub fn new(characters: &[CharacterSeed]) -> Self {
        Roster::with_others(characters, &[])
    }

    /// [`Roster::new`], with names that are no character's (`other_names`)
    /// matched too: found where they stand, longest first as any name,
    /// they tag nobody.
    pub(crate) fn with_others(characters: &[CharacterSeed], others: &[String]) -> Self {
        let mut owners: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for (i, c) in characters.iter().enumerate() {
            for name in std::iter::once(&c.name).chain(&c.aliases) {
                let list = owners.entry(name.as_str()).or_insert_with(|| {
                    order.push(name.as_str());
                    Vec::new()
                });
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        // A name that is a character's stays theirs.
        for name in others {
            owners.entry(name.as_str()).or_insert_with(|| {
                order.push(name.as_str());
                Vec::new()
            });
        }
        let names: Vec<String> = order.iter().map(|s| s.to_string()).collect();
        let targets = order
            .iter()
            .map(|n| match owners[n].as_slice() {
                [one] => Target::Character(*one),
                many => Target::Shared(many.to_vec()),
            })
            .collect();
        let matcher = (!names.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                // Built in time linear in the names (a DFA's build grows
                // far faster with a long name), and as fast to search.
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&names)
                .expect("roster names build a matcher")
        });
        Roster {
            matcher,
            names,
            targets,
            known: vec![EpisodeKey::new(0, 0); characters.len()],
        }
    }

    /// Characters who share a name with another, by roster place, with the
    /// episode each is known from.
    pub fn sharing(&self) -> Vec<(usize, EpisodeKey)> {
        let mut out: Vec<(usize, EpisodeKey)> = self
            .shared_names()
            .iter()
            .flat_map(|(_, owners)| owners.iter().map(|o| (*o, self.known[*o])))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Every name in a sentence of episode `at`'s recap, as [`Roster::find`]
    /// finds them, a shared name resolved among the characters known by
    /// then.
    pub fn find_at(&self, language: Language, text: &str, at: EpisodeKey) -> Vec<NameMatch> {
        let mut found = self.find(language, text);
        for m in &mut found {
            if let Target::Shared(owners) = &m.target {
                let known: Vec<usize> = owners
                    .iter()
                    .copied()
                    .filter(|o| self.known[*o] <= at)
                    .collect();
                m.target = match known.as_slice() {
                    [one] => Target::Character(*one),
                    _ => Target::Shared(known),
                };
            }
        }
        found
    }

    /// Names that belong to more than one character, with their owners.
    pub(crate) fn shared_names(&self) -> Vec<(&str, &[usize])> {
        self.names
            .iter()
            .zip(&self.targets)
            .filter_map(|(n, t)| match t {
                Target::Shared(owners) if owners.len() > 1 => Some((n.as_str(), owners.as_slice())),
                _ => None,
            })
            .collect()
    }

    /// Every name in `text`, left to right, the longest one where several
    /// start at the same place, never two overlapping.
    pub(crate) fn find(&self, language: Language, text: &str) -> Vec<NameMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new();
        for m in matcher.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            if text[..start].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            let last = text[..end].chars().next_back();
            let Some(suffix_len) = ending(language, last, &text[end..]) else {
                continue;
            };
            candidates.push((start, end, suffix_len, m.pattern().as_usize()));
        }
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut found: Vec<NameMatch> = Vec::new();
        let mut taken_until = 0;
        for (start, end, suffix_len, pattern) in candidates {
            if start < taken_until {
                continue;
            }
            taken_until = end + suffix_len;
            found.push(NameMatch {
                start,
                end,
                suffix: text[end..end + suffix_len].to_string(),
                name: self.names[pattern].clone(),
                target: self.targets[pattern].clone(),
            });
        }
        found
    }
}

/// Whether a name ending in `last` may end where `rest` begins, and how long
/// its possessive ending is. `None` when the name runs on into a longer word.
fn ending(language: Language, last: Option<char>, rest: &str) -> Option<usize> {
    let Some(c) = rest.chars().next() else {
        return Some(0);
    };
    if c == '\'' || c == '’' {
        let quote = c.len_utf8();
        let mut after = rest[quote..].chars();
        return match after.next() {
            // Julia's, Julia’s
            Some('s') if !after.next().is_some_and(is_word_char) => Some(quote + 1),
            // Ellis' (only names ending in an s sound take a bare apostrophe)
            next if !next.is_some_and(is_word_char)
                && last.is_some_and(|l| matches!(l, 's' | 'x' | 'z')) =>
            {
                Some(quote)
            }
            _ => Some(0),
        };
    }
    if !is_word_char(c) {
        return Some(0);
    }
    // German genitive: Ivys, Marilyn Monroes.
    let genitive =
        language == Language::De && c == 's' && !rest[1..].chars().next().is_some_and(is_word_char);
    genitive.then_some(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn character(name: &str, aliases: &[&str]) -> CharacterSeed {
        CharacterSeed {
            slug: crate::text::slugify(name),
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            kind: Kind::Person,
            played_by: None,
            in_production: None,
            pronouns: None,
            group: None,
            about: Vec::new(),
            about_place: (0, 0),
        }
    }

    fn roster() -> Roster {
        Roster::new(&[
            character("Tom Levitt", &["Tom"]),
            character("Dev Sundaram", &["Dev"]),
            character("Julia Houston", &["Julia", "Houston"]),
            character("Leo Houston", &["Leo", "Houston"]),
            character("Ivy Lynn", &["Ivy"]),
            character("Marilyn Monroe", &["Marilyn"]),
            character("Ellis Boyd", &["Ellis"]),
        ])
    }

    fn names(language: Language, text: &str) -> Vec<(String, String)> {
        roster()
            .find(language, text)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.suffix))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn whole_words_only() {
        assert!(names(Language::En, "Tomorrow the Device breaks.").is_empty());
        assert!(names(Language::En, "Atom and Devs.").is_empty());
        assert_eq!(
            names(Language::En, "Tom and Dev."),
            pairs(&[("Tom", ""), ("Dev", "")])
        );
    }

    #[test]
    fn possessives_genitives_and_hyphens() {
        assert_eq!(
            names(
                Language::En,
                "Derek's and Julia's and Julia’s son, Ellis' desk."
            ),
            pairs(&[("Julia", "'s"), ("Julia", "’s"), ("Ellis", "'")])
        );
        assert_eq!(
            names(
                Language::De,
                "Ivys Kleid und die Verletzlichkeit Marilyn Monroes."
            ),
            pairs(&[("Ivy", "s"), ("Marilyn Monroe", "s")])
        );
        // The German genitive is not read into English text.
        assert!(names(Language::En, "Ivys dress").is_empty());
        assert_eq!(
            names(Language::En, "the shunned former-Marilyn devises"),
            pairs(&[("Marilyn", "")])
        );
    }

    #[test]
    fn longest_name_wins_and_shared_names_tag_nobody() {
        let r = roster();
        let found = r.find(Language::En, "Julia Houston met Houston and Leo.");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].name, "Julia Houston");
        assert_eq!(found[0].target, Target::Character(2));
        assert_eq!(found[1].name, "Houston");
        assert_eq!(found[1].target, Target::Shared(vec![2, 3]));
        assert_eq!(found[2].target, Target::Character(3));
        assert_eq!(r.shared_names(), vec![("Houston", &[2usize, 3][..])]);
    }

    #[test]
    fn other_names_win_over_aliases() {
        let characters = vec![character("Michael Swift", &["Michael"])];
        let r = Roster::with_others(&characters, &["Michael Jackson".to_string()]);
        let found = r.find(Language::En, "Michael sings Michael Jackson all night.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].target, Target::Character(0));
        assert_eq!(found[1].name, "Michael Jackson");
        assert_eq!(found[1].target, Target::Shared(Vec::new()));
        assert!(r.shared_names().is_empty());
    }
}
