//! What the recaps call each character, "he" or "she", read from the
//! sentences that name only them: a wrong choice the grammar around the
//! blank rules out ("___ tries to convince Derek … his argument" among
//! three women) gives the answer away.

use std::collections::HashMap;

use crate::model::Language;
use crate::store::quiz::QuizFact;

pub use crate::model::Pronoun;

/// Words that stand for a man, and for a woman, lower case.
fn pronoun_of(language: Language, word: &str) -> Option<Pronoun> {
    match language {
        Language::En => match word {
            "he" | "him" | "his" | "himself" => Some(Pronoun::He),
            "she" | "her" | "hers" | "herself" => Some(Pronoun::She),
            _ => None,
        },
        Language::De => match word {
            "er" | "ihn" | "ihm" | "sein" | "seine" | "seiner" | "seinem" | "seinen" => {
                Some(Pronoun::He)
            }
            // "sie" is also "they", "ihr" also "their": read only where one
            // person is named, as the others are.
            "sie" | "ihr" | "ihre" | "ihrer" | "ihrem" | "ihren" => Some(Pronoun::She),
            _ => None,
        },
    }
}

/// Each character named alone in at least two facts whose pronouns lean
/// clearly one way (at least twice as often as the other), by row id.
pub fn infer(facts: &[QuizFact]) -> HashMap<i64, Pronoun> {
    let mut counts: HashMap<i64, [usize; 2]> = HashMap::new();
    for fact in facts {
        let Some(language) = Language::parse(&fact.language) else {
            continue;
        };
        let [first, rest @ ..] = fact.mentions.as_slice() else {
            continue;
        };
        if rest.iter().any(|m| m.character_id != first.character_id) {
            continue;
        }
        let entry = counts.entry(first.character_id).or_default();
        for word in fact
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            match pronoun_of(language, &word.to_lowercase()) {
                Some(Pronoun::He) => entry[0] += 1,
                Some(Pronoun::She) => entry[1] += 1,
                Some(Pronoun::They) | None => {}
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(id, [he, she])| match (he, she) {
            _ if he >= 2 && he >= 2 * she.max(1) => Some((id, Pronoun::He)),
            _ if she >= 2 && she >= 2 * he.max(1) => Some((id, Pronoun::She)),
            _ => None,
        })
        .collect()
}

/// Whether `text` says "he", "she", "his", "her" (er, sie, sein, ihr...)
/// of anyone, or names a part ("Regisseur", "mother"): then the grammar
/// around a blank in it may fit one pronoun only.
pub fn gendered(language: Language, text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .any(|w| {
            let lower = w.to_lowercase();
            pronoun_of(language, &lower).is_some()
                // Words only a woman or only a man is said to be.
                || ["pregnant", "pregnancy", "schwanger", "schwangerschaft"].contains(&lower.as_str())
                // "macht ___ zum neuen Regisseur", "her boyfriend": the
                // words for parts mostly say man or woman too.
                || super::filter::role_word(language, w)
        })
}

/// Each character's pronoun: the roster's where show.toml gives one,
/// otherwise what the recaps say ([`infer`]).
pub fn of_show(show: &crate::index::Show, facts: &[QuizFact]) -> HashMap<i64, Pronoun> {
    let mut found = infer(facts);
    for c in &show.characters {
        if let Some(p) = c.pronouns {
            found.insert(c.id, p);
        }
    }
    found
}

/// Whether `text` (naming the characters `named`) says "he" or "she" of
/// someone it does not name: a "him" among women only stands for a man
/// from the sentence before, and a question on it cannot be answered from
/// the sentence. Characters whose pronoun is not known could be anyone.
/// German "sie" and "ihr" are also "they" and "their", so only the forms
/// of "er" are read there.
pub fn unresolved(
    language: Language,
    text: &str,
    named: &[i64],
    pronouns: &HashMap<i64, Pronoun>,
) -> bool {
    let told = super::filter::outside_quotes(text);
    let mut said = [false; 2];
    for word in told
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        match pronoun_of(language, &word.to_lowercase()) {
            Some(Pronoun::He) => said[0] = true,
            Some(Pronoun::She) if language == Language::En => said[1] = true,
            _ => {}
        }
    }
    let fits = |p: Pronoun| {
        named
            .iter()
            .any(|id| pronouns.get(id).is_none_or(|known| *known == p))
    };
    (said[0] && !fits(Pronoun::He)) || (said[1] && !fits(Pronoun::She))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::quiz::QuizMention;

    fn fact(language: &str, text: &str, who: &[(i64, &str)]) -> QuizFact {
        QuizFact {
            paragraph: 0,
            id: 1,
            episode_order: 10_001,
            language: language.to_string(),
            section: None,
            text: text.to_string(),
            mentions: who
                .iter()
                .map(|(id, name)| {
                    let start = text.find(name).unwrap();
                    QuizMention {
                        character_id: *id,
                        start,
                        end: start + name.len(),
                        suffix: String::new(),
                    }
                })
                .collect(),
            numbers: Vec::new(),
        }
    }

    #[test]
    fn a_pronoun_nobody_named_fits_is_unresolved() {
        let known = HashMap::from([(1, Pronoun::He), (2, Pronoun::She), (4, Pronoun::She)]);
        let en = Language::En;
        // "him" with two women named: someone from the sentence before.
        assert!(unresolved(
            en,
            "Karen and Julia catch him snooping.",
            &[2, 4],
            &known
        ));
        assert!(!unresolved(
            en,
            "Karen tells Derek she loves him.",
            &[2, 1],
            &known
        ));
        // Someone whose pronoun is not known could be him.
        assert!(!unresolved(
            en,
            "Karen and Sam catch him snooping.",
            &[2, 3],
            &known
        ));
        // Inside a quotation it is the speaker's.
        assert!(!unresolved(
            en,
            "\"I told him,\" Karen says to Julia.",
            &[2, 4],
            &known
        ));
        assert!(unresolved(
            Language::De,
            "Karen wirft ihn raus.",
            &[2],
            &known
        ));
        assert!(!unresolved(
            Language::De,
            "Derek sagt, sie solle gehen.",
            &[1],
            &known
        ));
    }

    #[test]
    fn a_sentence_with_he_or_she_is_gendered() {
        assert!(gendered(Language::En, "___ tells Derek his plan."));
        assert!(gendered(Language::De, "___ sagt, dass sie geht."));
        assert!(!gendered(Language::En, "___ and Tom argue about the show."));
        assert!(!gendered(Language::De, "___ und Tom streiten."));
        assert!(gendered(
            Language::De,
            "Eileen macht ___ zum neuen Regisseur."
        ));
        // Words that only begin like one.
        assert!(!gendered(Language::En, "___ shelves the hero's heresy."));
    }

    #[test]
    fn pronouns_are_read_where_one_character_is_named() {
        let facts = [
            fact(
                "en",
                "Derek says he wants the number cut from his show.",
                &[(1, "Derek")],
            ),
            fact(
                "en",
                "Karen says she is ready, and her voice proves it.",
                &[(2, "Karen")],
            ),
            fact("de", "Karen merkt, dass sie zu spät ist.", &[(2, "Karen")]),
            fact(
                "de",
                "Tom glaubt, er habe den Song verloren.",
                &[(3, "Tom")],
            ),
            // Two named: says nothing about either.
            fact(
                "en",
                "Derek tells Karen she is not ready for him.",
                &[(1, "Derek"), (2, "Karen")],
            ),
        ];
        let found = infer(&facts);
        assert_eq!(found.get(&1), Some(&Pronoun::He));
        assert_eq!(found.get(&2), Some(&Pronoun::She));
        // Once is not enough.
        assert_eq!(found.get(&3), None);
    }
}
