//! Red-DiscordBot trivia lists: YAML mapping each question to its accepted
//! answers, with optional `AUTHOR`, `DESCRIPTION` and `CONFIG`. Every
//! answer is read as the string written (`1.10` stays "1.10", `yes` stays
//! "yes"), and a question may name its episode with a prefix ("S1E12: ...").

use std::collections::HashMap;
use std::path::Path;

use yaml_rust2::Event;
use yaml_rust2::parser::{MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::error::{SeedError, SeedErrors};
use crate::model::EpisodeKey;

/// One question of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedQuestion {
    /// The line it is on.
    pub line: usize,
    /// The question, without an episode prefix.
    pub prompt: String,
    /// The episode its prefix names.
    pub episode: Option<EpisodeKey>,
    /// Accepted answers; the first is the one revealed.
    pub answers: Vec<String>,
}

/// A whole list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RedList {
    /// `AUTHOR`.
    pub author: Option<String>,
    /// `DESCRIPTION`.
    pub description: Option<String>,
    /// The questions, in file order.
    pub questions: Vec<RedQuestion>,
    /// Questions listed more than once: the earlier line and the later one,
    /// whose answers are kept (as Red keeps the last of a key listed twice).
    pub listed_twice: Vec<(String, usize, usize)>,
}

#[derive(Default)]
struct Events(Vec<(Event, Marker)>);

impl MarkedEventReceiver for Events {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        self.0.push((ev, mark));
    }
}

/// Splits "S1E12: Who ...?" into its episode and the question.
fn episode_prefix(key: &str) -> (Option<EpisodeKey>, &str) {
    if let Some((code, rest)) = key.split_once([':', '|'])
        && let Some(episode) = EpisodeKey::parse(code)
        && !rest.trim().is_empty()
    {
        return (Some(episode), rest.trim());
    }
    (None, key.trim())
}

/// Reads a list; every problem is reported with its line and column.
pub fn parse(path: &Path, text: &str) -> Result<RedList, SeedErrors> {
    let at =
        |mark: &Marker, message: String| SeedError::at(path, mark.line(), mark.col() + 1, message);
    // YAML has no place for control characters (a NUL would end the
    // parse early and drop the rest of the file unseen).
    if let Some((i, c)) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        let line = text[..i].matches('\n').count() + 1;
        let col = text[..i]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        return Err(SeedErrors(vec![SeedError::at(
            path,
            line,
            col,
            format!(
                "a control character (U+{:04X}) cannot be in a trivia list",
                u32::from(c)
            ),
        )]));
    }
    let mut events = Events::default();
    // Every document, so that one following the list is seen and refused.
    if let Err(e) = Parser::new_from_str(text).load(&mut events, true) {
        return Err(SeedErrors(vec![at(
            e.marker(),
            format!("{}: this is not valid YAML here", e.info()),
        )]));
    }
    let mut it = events
        .0
        .into_iter()
        .skip_while(|(e, _)| matches!(e, Event::StreamStart | Event::DocumentStart));
    let mut errors = Vec::new();
    let mut list = RedList::default();
    match it.next() {
        Some((Event::MappingStart(..), _)) => {}
        Some((_, mark)) => {
            return Err(SeedErrors(vec![at(
                &mark,
                "a trivia list maps each question to a list of its answers (\"Who takes Karen clubbing?\": [Rebecca Duvall])".into(),
            )]));
        }
        None => {
            return Err(SeedErrors(vec![SeedError::file(
                path,
                "the list is empty: add questions",
            )]));
        }
    }
    // Each question's place in `list.questions`, by its words exactly (as
    // YAML keys are: "ultimate" and "Ultimate" are two questions to Red).
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Answers given an anchor (`&name`), for the aliases (`*name`) that
    // repeat them, as Red's loader resolves them.
    let mut anchors: HashMap<usize, Vec<String>> = HashMap::new();
    while let Some((key, mark)) = it.next() {
        let key = match key {
            Event::MappingEnd => break,
            Event::Scalar(key, ..) => key,
            other => {
                errors.push(at(
                    &mark,
                    "a question must be plain text, not a list or a mapping".into(),
                ));
                skip_node(&mut it, depth_of(&other));
                if let Some((value, _)) = it.next() {
                    skip_node(&mut it, depth_of(&value));
                }
                continue;
            }
        };
        let Some((value, value_mark)) = it.next() else {
            break;
        };
        match key.as_str() {
            "AUTHOR" | "DESCRIPTION" => match value {
                Event::Scalar(v, ..) => {
                    if key == "AUTHOR" {
                        list.author = Some(v);
                    } else {
                        list.description = Some(v);
                    }
                }
                other => {
                    errors.push(at(&value_mark, format!("{key} must be plain text")));
                    skip_node(&mut it, depth_of(&other));
                }
            },
            "CONFIG" => skip_node(&mut it, depth_of(&value)),
            _ => {
                let (episode, prompt) = episode_prefix(&key);
                if prompt.is_empty() {
                    errors.push(at(&mark, "this question is empty".into()));
                }

                let mut answers = Vec::new();
                let mut misshapen = false;
                let unknown_alias = |m: &Marker, errors: &mut Vec<SeedError>| {
                    errors.push(at(
                        m,
                        "this alias (*name) repeats no answer or list of answers anchored (&name) before it".into(),
                    ));
                };
                match value {
                    Event::Scalar(answer, _, anchor, _) => {
                        if anchor > 0 {
                            anchors.insert(anchor, vec![answer.clone()]);
                        }
                        answers.push(answer);
                    }
                    Event::Alias(id) => match anchors.get(&id) {
                        Some(repeated) => answers.extend(repeated.iter().cloned()),
                        None => {
                            unknown_alias(&value_mark, &mut errors);
                            misshapen = true;
                        }
                    },
                    Event::SequenceStart(list_anchor, _) => {
                        loop {
                            match it.next() {
                                Some((Event::SequenceEnd, _)) | None => break,
                                Some((Event::Scalar(answer, _, anchor, _), _)) => {
                                    if anchor > 0 {
                                        anchors.insert(anchor, vec![answer.clone()]);
                                    }
                                    answers.push(answer);
                                }
                                Some((Event::Alias(id), m)) => match anchors.get(&id) {
                                    Some(repeated) => answers.extend(repeated.iter().cloned()),
                                    None => {
                                        unknown_alias(&m, &mut errors);
                                        misshapen = true;
                                    }
                                },
                                Some((other, m)) => {
                                    errors.push(at(
                                        &m,
                                        "an answer must be plain text, not a list or a mapping"
                                            .into(),
                                    ));
                                    skip_node(&mut it, depth_of(&other));
                                    misshapen = true;
                                }
                            }
                        }
                        if list_anchor > 0 {
                            anchors.insert(list_anchor, answers.clone());
                        }
                    }
                    other => {
                        errors.push(at(
                            &value_mark,
                            format!("\"{prompt}\" needs a list of answers"),
                        ));
                        skip_node(&mut it, depth_of(&other));
                        misshapen = true;
                    }
                }
                answers.retain(|a| !a.trim().is_empty());
                if answers.is_empty() && !misshapen {
                    errors.push(at(
                        &mark,
                        format!("\"{prompt}\" has no answers: list at least one under it"),
                    ));
                }
                let question = RedQuestion {
                    line: mark.line(),
                    prompt: prompt.to_string(),
                    episode,
                    answers,
                };
                // Listed again: the later one stands, in the earlier's place.
                match seen.get(prompt) {
                    Some(&i) => {
                        let earlier = std::mem::replace(&mut list.questions[i], question);
                        list.listed_twice
                            .push((prompt.to_string(), earlier.line, mark.line()));
                    }
                    None => {
                        seen.insert(prompt.to_string(), list.questions.len());
                        list.questions.push(question);
                    }
                }
            }
        }
    }
    // One document: a second one (`---`), or text after its end (`...`),
    // is not silently dropped.
    for (event, mark) in it {
        if !matches!(event, Event::DocumentEnd | Event::StreamEnd) {
            errors.push(at(
                &mark,
                "a trivia list is one YAML document: nothing may follow it (a second `---`, or text after `...`)".into(),
            ));
            break;
        }
    }
    if errors.is_empty() && list.questions.is_empty() {
        errors.push(SeedError::file(path, "the list has no questions"));
    }
    if errors.is_empty() {
        Ok(list)
    } else {
        Err(SeedErrors(errors))
    }
}

/// How deep a node opened by `event` goes (0 for a scalar).
fn depth_of(event: &Event) -> usize {
    match event {
        Event::SequenceStart(..) | Event::MappingStart(..) => 1,
        _ => 0,
    }
}

/// Skips the rest of a node whose opening event was already read.
fn skip_node(it: &mut impl Iterator<Item = (Event, Marker)>, mut depth: usize) {
    while depth > 0 {
        match it.next() {
            Some((Event::SequenceStart(..) | Event::MappingStart(..), _)) => depth += 1,
            Some((Event::SequenceEnd | Event::MappingEnd, _)) => depth -= 1,
            Some(_) => {}
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_as_written() {
        let list = parse(
            Path::new("l.yaml"),
            "AUTHOR: A fan server\nCONFIG:\n  max_score: 5\n  x: [1, {a: b}]\nWhich version?:\n- 1.10\n- yes\n- 007\n\"S1E12: Who takes Karen clubbing?\":\n- Rebecca Duvall\n- Duvall\n",
        )
        .unwrap();
        assert_eq!(list.author.as_deref(), Some("A fan server"));
        assert_eq!(list.questions.len(), 2);
        assert_eq!(list.questions[0].answers, vec!["1.10", "yes", "007"]);
        assert_eq!(list.questions[0].line, 5);
        assert_eq!(list.questions[1].episode, EpisodeKey::parse("S01E12"));
        assert_eq!(list.questions[1].prompt, "Who takes Karen clubbing?");
    }

    #[test]
    fn broken_lists_say_where() {
        let e = parse(Path::new("l.yaml"), "Q1?:\n- a\nQ2?: [\n").unwrap_err();
        assert_eq!(e.0[0].line, Some(4), "{e}");
        let e = parse(Path::new("l.yaml"), "Q1?: []\n").unwrap_err();
        assert!(e.0[0].message.contains("has no answers"), "{e}");
        let e = parse(Path::new("l.yaml"), "- a\n- b\n").unwrap_err();
        assert!(e.0[0].message.contains("maps each question"), "{e}");
    }

    #[test]
    fn a_question_listed_twice_keeps_its_last_answers_in_its_first_place() {
        let list = parse(Path::new("l.yaml"), "Q?: [a]\nR?: [c]\nQ?: [b]\nq?: [d]\n").unwrap();
        let prompts: Vec<(&str, &[String])> = list
            .questions
            .iter()
            .map(|q| (q.prompt.as_str(), q.answers.as_slice()))
            .collect();
        // A key differing in case is another question, as it is to Red.
        assert_eq!(
            prompts,
            [
                ("Q?", &["b".to_string()][..]),
                ("R?", &["c".to_string()][..]),
                ("q?", &["d".to_string()][..])
            ]
        );
        assert_eq!(list.listed_twice, [("Q?".to_string(), 1, 3)]);
    }

    #[test]
    fn a_list_is_read_whole_or_refused() {
        let path = Path::new("list.yaml");
        for (text, line) in [
            ("\"S1E12: a?\":\n  - a\n---\n\"S9E9: bad\": [x]\n", 3),
            ("\"S1E12: a?\":\n  - a\n...\nthis is not yaml\n", 4),
            ("\"S1E12: a?\":\n  - a\n\u{0}\"S1E12: b?\":\n  - b\n", 3),
        ] {
            let errors = parse(path, text).unwrap_err();
            assert_eq!(errors.0.len(), 1, "{text:?}: {errors}");
            assert!(
                errors.to_string().contains(&format!("list.yaml:{line}:")),
                "{text:?}: {errors}"
            );
        }
    }

    #[test]
    fn anchored_answers_are_repeated_by_their_aliases() {
        let text = "\"Who directs Bombshell?\": &derek\n  - Derek\n  - Derek Wills\n\
                    \"Who directs it again?\": *derek\n\
                    \"Who writes it?\":\n  - &tom Tom\n  - *tom\n";
        let list = parse(Path::new("a.yaml"), text).unwrap();
        assert_eq!(list.questions[1].answers, ["Derek", "Derek Wills"]);
        assert_eq!(list.questions[2].answers, ["Tom", "Tom"]);
        let broken = parse(Path::new("a.yaml"), "\"Who?\": *nobody\n").unwrap_err();
        assert_eq!(broken.0.len(), 1, "{broken}");
    }
}
