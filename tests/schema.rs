//! One command schema: the slash commands registered on Discord and the
//! console's commands both say what `cliffhanger::schema` says, option by
//! option and choice by choice, and the console takes nothing else.

mod support;

use cliffhanger::console::{ParseError, parse};
use cliffhanger::schema::{COMMANDS, CommandSpec, OptionKind};
use serde_json::Value;

/// Discord's option types.
const SUB_COMMAND: u64 = 1;
const SUB_COMMAND_GROUP: u64 = 2;
const STRING: u64 = 3;
const INTEGER: u64 = 4;
const BOOLEAN: u64 = 5;
const CHANNEL: u64 = 7;

fn registered() -> Vec<Value> {
    let commands = cliffhanger::discord::commands::all();
    cliffhanger::discord::commands::registration(&commands)
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn options(v: &Value) -> Vec<Value> {
    v["options"].as_array().cloned().unwrap_or_default()
}

/// One registered command (or subcommand) against its schema entry.
fn same(path: &str, registered: &Value, spec: &CommandSpec) {
    let opts = options(registered);
    if !spec.subcommands.is_empty() {
        let names: Vec<&str> = opts.iter().map(|o| o["name"].as_str().unwrap()).collect();
        let expected: Vec<&str> = spec.subcommands.iter().map(|s| s.name).collect();
        assert_eq!(names, expected, "{path}: subcommands");
        for (o, sub) in opts.iter().zip(spec.subcommands) {
            // A subcommand with subcommands of its own is a group.
            let kind = if sub.subcommands.is_empty() {
                SUB_COMMAND
            } else {
                SUB_COMMAND_GROUP
            };
            assert_eq!(o["type"], kind, "{path} {}", sub.name);
            same(&format!("{path} {}", sub.name), o, sub);
        }
        return;
    }
    let names: Vec<&str> = opts.iter().map(|o| o["name"].as_str().unwrap()).collect();
    let expected: Vec<&str> = spec.options.iter().map(|o| o.name).collect();
    // Discord lists required options first; the schema's order is the
    // console's (the first takes positional text), so compare as sets and
    // check the required ones lead.
    let mut sorted_names = names.clone();
    sorted_names.sort_unstable();
    let mut sorted_expected = expected.clone();
    sorted_expected.sort_unstable();
    assert_eq!(sorted_names, sorted_expected, "{path}: options");
    for o in &opts {
        let name = o["name"].as_str().unwrap();
        let want = spec.option(name).unwrap();
        let what = format!("{path} {name}:");
        assert_eq!(
            o["required"].as_bool().unwrap_or(false),
            want.required,
            "{what} required"
        );
        assert_eq!(
            o["autocomplete"].as_bool().unwrap_or(false),
            want.suggest.is_some(),
            "{what} autocomplete"
        );
        match want.kind {
            OptionKind::Text => {
                assert_eq!(o["type"], STRING, "{what} text");
                assert_eq!(
                    o["max_length"].as_u64(),
                    Some(cliffhanger::schema::TEXT_MAX as u64),
                    "{what} max_length"
                );
                assert!(
                    o.get("choices").is_none_or(Value::is_null)
                        || o["choices"].as_array().is_some_and(Vec::is_empty),
                    "{what} no choices"
                );
            }
            OptionKind::Integer { min, max } => {
                assert_eq!(o["type"], INTEGER, "{what} integer");
                assert_eq!(o["min_value"].as_f64(), Some(min as f64), "{what} min");
                assert_eq!(o["max_value"].as_f64(), Some(max as f64), "{what} max");
            }
            OptionKind::Boolean => assert_eq!(o["type"], BOOLEAN, "{what} boolean"),
            OptionKind::File => assert_eq!(o["type"], 11, "{what} attachment"),
            OptionKind::Channel => {
                assert_eq!(o["type"], CHANNEL, "{what} channel");
                // Text and announcement channels: where the bot posts.
                assert_eq!(
                    o["channel_types"],
                    serde_json::json!([0, 5]),
                    "{what} kinds"
                );
            }
            OptionKind::Choice(choices) => {
                let got: Vec<&str> = o["choices"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{what} has no choices: {o}"))
                    .iter()
                    .map(|c| c["name"].as_str().unwrap())
                    .collect();
                assert_eq!(got, choices.to_vec(), "{what} choices");
            }
        }
    }
}

#[test]
fn discord_registers_exactly_the_schemas_commands() {
    let registered = registered();
    let names: Vec<&str> = registered
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    assert_eq!(names, expected);
    for (r, spec) in registered.iter().zip(COMMANDS) {
        same(spec.name, r, spec);
    }
}

/// Every command, subcommand and option the schema has, as console lines.
fn lines_of(spec: &CommandSpec, prefix: &str, out: &mut Vec<(String, &'static str, OptionKind)>) {
    if !spec.subcommands.is_empty() {
        for sub in spec.subcommands {
            lines_of(sub, &format!("{prefix} {}", sub.name), out);
        }
        return;
    }
    for o in spec.options {
        out.push((prefix.to_string(), o.name, o.kind));
    }
}

#[test]
fn the_console_takes_every_option_and_choice_and_nothing_else() {
    let mut all = Vec::new();
    for c in COMMANDS {
        lines_of(c, &format!("/{}", c.name), &mut all);
    }
    assert!(all.len() > 30, "{}", all.len());
    for (prefix, option, kind) in &all {
        let values: Vec<String> = match kind {
            OptionKind::Text => vec!["Karen".into()],
            OptionKind::Integer { min, max } => vec![min.to_string(), max.to_string()],
            OptionKind::Boolean => vec!["true".into(), "false".into()],
            OptionKind::Choice(choices) => choices.iter().map(|c| c.to_string()).collect(),
            OptionKind::Channel => vec!["#quiz".into()],
            OptionKind::File => vec!["packs/bombshell.yaml".into()],
        };
        for value in values {
            let line = format!("{prefix} {option}:{value}");
            let c = parse(&line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
            assert_eq!(
                c.options,
                vec![(option.to_string(), value.clone())],
                "{line}"
            );
        }
        // An option of another subcommand is no option here.
        let line = format!("{prefix} nosuchoption:1");
        assert!(
            matches!(parse(&line), Err(ParseError::UnknownOption { .. })),
            "{line}"
        );
    }
    // Options of one subcommand are not taken by another.
    assert!(matches!(
        parse("/progress show episode:S01E12"),
        Err(ParseError::UnknownOption { .. })
    ));
    assert!(matches!(
        parse("/trivia answer choice:B"),
        Err(ParseError::UnknownOption { .. })
    ));
}

/// Every command the schema declares reaches a service through the one
/// dispatcher both front ends use: none falls through to "this command
/// has changed", which a command declared and never wired would get.
#[tokio::test]
async fn every_declared_command_reaches_the_core() {
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    cliffhanger::import::import_dir(&db, std::path::Path::new("seeds"))
        .await
        .unwrap();
    let app = cliffhanger::app::App::new(db).await.unwrap();
    let ctx = cliffhanger::app::Ctx {
        user: 1,
        channel: 2,
        guild: Some(3),
        locale: cliffhanger::i18n::Locale::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    };
    let unknown = |path: &str| {
        cliffhanger::i18n::t(
            cliffhanger::i18n::Locale::En,
            "error-unknown-command",
            &[cliffhanger::i18n::s("command", format!("/{path}"))],
        )
    };
    // Every command that runs: a group's subcommands, not the group.
    fn leaves(
        spec: &'static CommandSpec,
        path: Vec<&'static str>,
        out: &mut Vec<Vec<&'static str>>,
    ) {
        let mut path = path;
        path.push(spec.name);
        if spec.subcommands.is_empty() {
            out.push(path);
        } else {
            for sub in spec.subcommands {
                leaves(sub, path.clone(), out);
            }
        }
    }
    let mut paths: Vec<Vec<&str>> = Vec::new();
    for c in COMMANDS {
        leaves(c, Vec::new(), &mut paths);
    }
    assert!(
        paths.contains(&vec!["trivia", "schedule", "add"]),
        "{paths:?}"
    );
    assert!(paths.len() > 20, "{paths:?}");
    for path in &paths {
        let call = cliffhanger::invoke::Call::new(path, Vec::<(&str, String)>::new());
        let replies = app.invoke(&ctx, &call, 1_000).await.unwrap();
        assert!(!replies.is_empty(), "{path:?}");
        let text = replies[0].to_text("");
        assert!(
            !text.contains(&unknown(&path.join(" "))),
            "{path:?}: {text}"
        );
    }
    // A path the schema does not have is said to be unknown.
    let call = cliffhanger::invoke::Call::new(&["nonsense"], Vec::<(&str, String)>::new());
    let replies = app.invoke(&ctx, &call, 1_000).await.unwrap();
    assert!(replies[0].to_text("").contains(&unknown("nonsense")));
}
