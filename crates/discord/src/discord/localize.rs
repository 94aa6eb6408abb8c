//! Command names and descriptions from the Fluent files: the English text
//! is what Discord shows by default, the German one goes out as the `de`
//! localization. Ids follow the command path:
//!
//! - `cmd-trivia-start` / `cmd-trivia-start-desc`: a (sub)command,
//! - `cmd-trivia-start-opt-seconds` / `...-desc`: one of its options,
//! - `choice-typed`: a choice, wherever it is offered.

use std::borrow::Cow;

use super::{Data, Error};
use crate::i18n::lookup;
use crate::model::Language;

/// Discord's own locale tag for German.
const DISCORD_DE: &str = "de";

/// Most characters in a description.
const DESCRIPTION_MAX: usize = 100;

/// Whether Discord accepts `name` as a command or option name.
fn valid_name(name: &str) -> bool {
    let chars = name.chars().count();
    (1..=32).contains(&chars)
        && name
            .chars()
            .all(|c| c == '-' || c == '_' || (c.is_alphanumeric() && !c.is_uppercase()))
}

struct Texts<'a> {
    problems: &'a mut Vec<String>,
}

impl Texts<'_> {
    fn get(&mut self, language: Language, id: &str) -> String {
        lookup(language, id).unwrap_or_else(|| {
            self.problems
                .push(format!("locales/{}/main.ftl has no {id}", language.code()));
            id.to_string()
        })
    }

    fn name(&mut self, code_name: &str, id: &str) -> Cow<'static, str> {
        let en = self.get(Language::En, id);
        if en != code_name {
            self.problems.push(format!(
                "{id} is “{en}” in English but the command is called “{code_name}”"
            ));
        }
        let de = self.get(Language::De, id);
        if !valid_name(&de) {
            self.problems
                .push(format!("{id}: “{de}” is not a valid Discord name"));
        }
        Cow::Owned(de)
    }

    fn description(&mut self, id: &str) -> (String, String) {
        let en = self.get(Language::En, id);
        let de = self.get(Language::De, id);
        for text in [&en, &de] {
            let len = text.chars().count();
            if len == 0 || len > DESCRIPTION_MAX {
                self.problems.push(format!(
                    "{id}: descriptions take 1 to 100 characters, not {len}"
                ));
            }
        }
        (en, de)
    }
}

fn pair(
    text: impl Into<Cow<'static, str>>,
) -> Cow<'static, [(Cow<'static, str>, Cow<'static, str>)]> {
    Cow::Owned(vec![(Cow::Borrowed(DISCORD_DE), text.into())])
}

fn apply(texts: &mut Texts<'_>, prefix: &str, command: &mut poise::Command<Data, Error>) {
    let path = format!("{prefix}{}", command.name);
    let id = format!("cmd-{path}");
    command.name_localizations = pair(texts.name(&command.name, &id));
    let (en, de) = texts.description(&format!("{id}-desc"));
    command.description = Some(Cow::Owned(en));
    command.description_localizations = pair(de);
    for parameter in &mut command.parameters {
        let id = format!("{id}-opt-{}", parameter.name);
        parameter.name_localizations = pair(texts.name(&parameter.name, &id));
        let (en, de) = texts.description(&format!("{id}-desc"));
        parameter.description = Some(Cow::Owned(en));
        parameter.description_localizations = pair(de);
        let mut choices = parameter.choices.to_vec();
        for choice in &mut choices {
            let id = format!("choice-{}", choice.name);
            let en = texts.get(Language::En, &id);
            let de = texts.get(Language::De, &id);
            choice.name = Cow::Owned(en);
            choice.localizations = pair(de);
        }
        parameter.choices = Cow::Owned(choices);
    }
    let prefix = format!("{path}-");
    for sub in &mut command.subcommands {
        apply(texts, &prefix, sub);
    }
}

/// Gives every command, option and choice its English description and
/// its German name and description. Returns what is missing or invalid
/// (empty when the Fluent files are complete).
pub(crate) fn localize(commands: &mut [poise::Command<Data, Error>]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut texts = Texts {
        problems: &mut problems,
    };
    for command in commands {
        apply(&mut texts, "", command);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_option_and_choice_is_localized_and_valid() {
        let mut commands = super::super::commands::all();
        let problems = localize(&mut commands);
        assert!(problems.is_empty(), "{problems:#?}");
        let trivia = commands.iter().find(|c| c.name == "trivia").unwrap();
        assert_eq!(trivia.name_localizations[0].1, "quiz");
        let start = trivia
            .subcommands
            .iter()
            .find(|c| c.name == "start")
            .unwrap();
        let mode = start.parameters.iter().find(|p| p.name == "mode").unwrap();
        assert_eq!(mode.choices.len(), 2);
        assert!(mode.choices.iter().all(|c| !c.localizations.is_empty()));
    }

    #[test]
    fn discord_names_are_checked() {
        assert!(valid_name("überspringen"));
        assert!(valid_name("up_to"));
        assert!(!valid_name("Folge"));
        assert!(!valid_name("zwei worte"));
        assert!(!valid_name(""));
        assert!(!valid_name(&"x".repeat(33)));
    }
}
