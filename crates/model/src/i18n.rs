//! The bot's own words in English and German (Fluent files in `locales/`),
//! chosen from the interaction's locale.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::model::Language;

/// The language replies are written in.
pub type Locale = Language;

impl Language {
    /// The locale for a Discord locale tag ("de", "en-US", "en-GB", ...):
    /// German for German, English otherwise.
    pub fn from_tag(tag: &str) -> Locale {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Language::parse(&primary).unwrap_or(Language::En)
    }
}

const SOURCES: [(Language, &str); 2] = [
    (Language::En, include_str!("../../../locales/en/main.ftl")),
    (Language::De, include_str!("../../../locales/de/main.ftl")),
];

struct Bundles {
    en: FluentBundle<FluentResource>,
    de: FluentBundle<FluentResource>,
}

fn bundle(language: Language, source: &str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = language
        .code()
        .parse()
        .expect("language codes are valid tags");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Discord shows the text as it is: no Unicode isolation marks.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
        panic!(
            "locales/{}/main.ftl does not parse: {errors:?}",
            language.code()
        )
    });
    bundle.add_resource(resource).unwrap_or_else(|errors| {
        panic!(
            "locales/{}/main.ftl has duplicates: {errors:?}",
            language.code()
        )
    });
    bundle
}

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| Bundles {
    en: bundle(Language::En, SOURCES[0].1),
    de: bundle(Language::De, SOURCES[1].1),
});

/// An argument of a message.
pub type Arg<'a> = (&'a str, FluentValue<'a>);

/// The message `id` in `locale`, with its arguments filled in. A message
/// missing from German falls back to English; one missing everywhere comes
/// back as its id, so a mistake shows instead of crashing.
pub fn t(locale: Locale, id: &str, args: &[Arg<'_>]) -> String {
    let bundles = &*BUNDLES;
    let primary = match locale {
        Language::En => &bundles.en,
        Language::De => &bundles.de,
    };
    for bundle in [primary, &bundles.en] {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, ?errors, "a message did not format cleanly");
        }
        return text.into_owned();
    }
    tracing::error!(id, "no such message");
    id.to_string()
}

/// The message `id` in exactly `locale`, without arguments and without
/// falling back to English (for command names and descriptions).
pub fn lookup(locale: Locale, id: &str) -> Option<String> {
    let bundles = &*BUNDLES;
    let bundle = match locale {
        Language::En => &bundles.en,
        Language::De => &bundles.de,
    };
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, None, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// A text argument from outside the bot's own markup: a show's title or
/// credits, what a member typed, a file's path, an error's words. It is
/// made inert ([`crate::spoiler::escape_markdown`]), so nothing in it can
/// open or close Discord markup (a `||` in a show's title cannot turn the
/// reply's spoiler wraps inside out). Markup the bot made itself goes in
/// with [`m`].
pub fn s<'a>(name: &'a str, value: impl Into<String>) -> Arg<'a> {
    (
        name,
        FluentValue::from(crate::spoiler::escape_markdown(&value.into())),
    )
}

/// A text argument the bot made itself and that is set as it is: catalog
/// text that came through a gate (already escaped, perhaps wrapped),
/// episode codes, mentions, another message, or a question's words before
/// its gate escapes them.
pub fn m<'a>(name: &'a str, value: impl Into<String>) -> Arg<'a> {
    (name, FluentValue::from(value.into()))
}

/// A number argument (selects plural forms).
pub fn n(name: &str, value: usize) -> Arg<'_> {
    (name, FluentValue::from(value))
}

/// The ids of every message in `locale`'s file, sorted.
#[cfg(test)]
pub(crate) fn message_ids(locale: Locale) -> Vec<String> {
    let source = SOURCES
        .iter()
        .find(|(l, _)| *l == locale)
        .map_or("", |(_, s)| s);
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    let mut ids: Vec<String> = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_messages() {
        let en = message_ids(Language::En);
        assert!(en.len() > 40, "{}", en.len());
        assert_eq!(en, message_ids(Language::De));
    }

    #[test]
    fn plurals_and_arguments() {
        assert_eq!(
            t(Language::En, "gate-cut", &[n("count", 1)]),
            "Shortened to fit Discord's limits: 1 more line left out."
        );
        assert_eq!(
            t(Language::En, "gate-cut", &[n("count", 4)]),
            "Shortened to fit Discord's limits: 4 more lines left out."
        );
        assert_eq!(
            t(Language::De, "progress-cleared", &[s("show", "Smash")]),
            "Dein Stand für Smash ist gelöscht."
        );
        assert_eq!(t(Language::En, "no-such-message", &[]), "no-such-message");
    }

    /// "1 questions" cannot be written: a count next to a counted noun
    /// stands in a plural selector (a limit, `$max`, is never one).
    #[test]
    fn counted_nouns_follow_their_counts() {
        let nouns = [
            "questions",
            "episodes",
            "games",
            "packs",
            "facts",
            "Fragen",
            "Folgen",
            "Spiele",
            "Pakete",
            "Fakten",
        ];
        for (language, text) in SOURCES {
            let mut selecting = 0usize;
            for (i, line) in text.lines().enumerate() {
                if line.trim_start().starts_with('}') {
                    selecting = selecting.saturating_sub(1);
                }
                if selecting == 0 {
                    for noun in nouns {
                        for (at, _) in line.match_indices(&format!(" }} {noun}")) {
                            let before = &line[..at];
                            let variable = before.rsplit("{ $").next().unwrap_or_default();
                            assert!(
                                variable == "max",
                                "{language:?} line {}: a count before “{noun}” outside a plural selector: {line}",
                                i + 1
                            );
                        }
                    }
                }
                selecting += line.matches("->").count();
            }
        }
    }

    #[test]
    fn discord_locale_tags() {
        assert_eq!(Language::from_tag("de"), Language::De);
        assert_eq!(Language::from_tag("en-US"), Language::En);
        assert_eq!(Language::from_tag("fr"), Language::En);
    }
}
