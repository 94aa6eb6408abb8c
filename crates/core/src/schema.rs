//! The commands the bot offers, once: every command, subcommand and option
//! with its type, range and choices. The console reads its commands from
//! here, and a test walks the Discord registration to prove it says the
//! same, so the two front ends cannot drift apart.

use crate::request::SuggestKind;

/// The most characters a text option takes (Discord is told, as
/// `max_length`, and the console holds to it): names, titles, answers and
/// searches all fit, and no pasted wall of text reaches the core.
pub const TEXT_MAX: usize = 200;

/// What an option takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// Any text.
    Text,
    /// A whole number in a range.
    Integer {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// true or false.
    Boolean,
    /// One of these values.
    Choice(&'static [&'static str]),
    /// A text channel of the server (Discord offers the server's; the
    /// console takes a name and makes its id as `/channel` does). It
    /// reaches the core as the channel's id.
    Channel,
    /// A file (Discord takes an upload; the console, a path). It reaches
    /// the core as its file name, with its bytes beside the options.
    File,
}

/// One option of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    /// Its name.
    pub name: &'static str,
    /// What it takes.
    pub kind: OptionKind,
    /// Whether the command needs it.
    pub required: bool,
    /// What Discord suggests as it is typed, if anything.
    pub suggest: Option<SuggestKind>,
}

/// Who sees a command's answer, known before any work is done, so a slow
/// command is deferred as its answer will be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The channel.
    Public,
    /// Only the member who asked.
    Private,
    /// The channel, or only the member when they ask with `reveal:true`.
    PublicUnlessRevealed,
}

/// A command, or one subcommand of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    /// Its name.
    pub name: &'static str,
    /// Its subcommands (then it takes no options of its own).
    pub subcommands: &'static [CommandSpec],
    /// Its options, the first taking text written straight after the
    /// command in the console.
    pub options: &'static [OptionSpec],
    /// Who sees its answer (for a command with subcommands, theirs count).
    pub answer: Answer,
    /// Who finds it in Discord's command list, by default (a server can
    /// change it): the core still checks who may use it.
    pub listed_for: Listed,
}

/// Who finds a command in Discord's list unless a server says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// Everyone.
    Everyone,
    /// Members who may manage channels.
    ChannelManagers,
    /// Administrators.
    Administrators,
}

const fn text(name: &'static str) -> OptionSpec {
    OptionSpec {
        name,
        kind: OptionKind::Text,
        required: false,
        suggest: None,
    }
}

const fn required(o: OptionSpec) -> OptionSpec {
    OptionSpec {
        required: true,
        ..o
    }
}

const fn suggested(kind: SuggestKind, o: OptionSpec) -> OptionSpec {
    OptionSpec {
        suggest: Some(kind),
        ..o
    }
}

const fn kind(name: &'static str, kind: OptionKind) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required: false,
        suggest: None,
    }
}

const fn command(name: &'static str, options: &'static [OptionSpec]) -> CommandSpec {
    CommandSpec {
        name,
        subcommands: &[],
        options,
        answer: Answer::Public,
        listed_for: Listed::Everyone,
    }
}

const fn group(name: &'static str, subcommands: &'static [CommandSpec]) -> CommandSpec {
    CommandSpec {
        name,
        subcommands,
        options: &[],
        answer: Answer::Public,
        listed_for: Listed::Everyone,
    }
}

const fn answered(answer: Answer, c: CommandSpec) -> CommandSpec {
    CommandSpec { answer, ..c }
}

const fn listed_for(listed_for: Listed, c: CommandSpec) -> CommandSpec {
    CommandSpec { listed_for, ..c }
}

const fn private(c: CommandSpec) -> CommandSpec {
    answered(Answer::Private, c)
}

const fn lookup(c: CommandSpec) -> CommandSpec {
    answered(Answer::PublicUnlessRevealed, c)
}

const SHOW: OptionSpec = suggested(SuggestKind::Show, text("show"));
const REVEAL: OptionSpec = kind("reveal", OptionKind::Boolean);
const SCOPE: OptionSpec = kind("scope", OptionKind::Choice(&["channel", "server"]));
const UP_TO: OptionSpec = suggested(SuggestKind::Episode, text("up_to"));
const QUESTIONS: OptionSpec = kind("questions", OptionKind::Integer { min: 1, max: 50 });
const SECONDS: OptionSpec = kind("seconds", OptionKind::Integer { min: 5, max: 120 });
const MODE: OptionSpec = kind("mode", OptionKind::Choice(&["choices", "typed"]));
const LANGUAGE: OptionSpec = kind("language", OptionKind::Choice(&["en", "de"]));
const SPOILERS: OptionSpec = kind("spoilers", OptionKind::Boolean);
const PACK: OptionSpec = text("pack");
/// A question of the server's own: `/daily queue` and `/daily suggest`.
const OWN_QUESTION: &[OptionSpec] = &[
    required(text("question")),
    required(text("answer")),
    required(text("wrong")),
    required(suggested(SuggestKind::Episode, text("episode"))),
];
/// What a listed thing is known by (a game set for later, a queued
/// question).
const ID: OptionSpec = kind(
    "id",
    OptionKind::Integer {
        min: 1,
        max: 1_000_000_000,
    },
);
const EPISODE_TO_SET: OptionSpec =
    required(suggested(SuggestKind::ProgressEpisode, text("episode")));

/// The slash commands, as Discord registers them.
pub const COMMANDS: &[CommandSpec] = &[
    lookup(command(
        "episode",
        &[
            required(suggested(SuggestKind::Episode, text("episode"))),
            SHOW,
            REVEAL,
        ],
    )),
    lookup(command(
        "character",
        &[
            required(suggested(SuggestKind::Character, text("name"))),
            SHOW,
            REVEAL,
        ],
    )),
    lookup(command("search", &[required(text("query")), SHOW, REVEAL])),
    group(
        "progress",
        &[
            private(command("set", &[EPISODE_TO_SET, SHOW])),
            private(command("show", &[SHOW])),
            private(command("clear", &[SHOW])),
            private(command("follow", &[])),
        ],
    ),
    listed_for(
        Listed::ChannelManagers,
        group(
            "spoilers",
            &[
                command("set", &[EPISODE_TO_SET, SCOPE, SHOW]),
                private(command("show", &[SCOPE, SHOW])),
                command("clear", &[SCOPE, SHOW]),
            ],
        ),
    ),
    group(
        "trivia",
        &[
            command(
                "start",
                &[
                    SHOW, UP_TO, QUESTIONS, SECONDS, MODE, LANGUAGE, SPOILERS, PACK,
                ],
            ),
            group(
                "schedule",
                &[
                    command(
                        "add",
                        &[
                            required(text("at")),
                            required(text("timezone")),
                            SHOW,
                            UP_TO,
                            QUESTIONS,
                            SECONDS,
                            MODE,
                            LANGUAGE,
                            SPOILERS,
                            PACK,
                        ],
                    ),
                    private(command("list", &[])),
                    command("cancel", &[required(ID)]),
                ],
            ),
            private(command("answer", &[required(text("text"))])),
            command("hint", &[]),
            command("skip", &[]),
            command("stop", &[]),
            command(
                "leaderboard",
                &[
                    SHOW,
                    kind("period", OptionKind::Choice(&["all", "recent", "season"])),
                    text("season"),
                    kind("picture", OptionKind::Boolean),
                ],
            ),
            group(
                "season",
                &[
                    command("start", &[required(text("name"))]),
                    command("end", &[]),
                    command("list", &[]),
                ],
            ),
            group(
                "pack",
                &[
                    private(command(
                        "upload",
                        &[
                            required(kind("file", OptionKind::File)),
                            SHOW,
                            suggested(SuggestKind::Episode, text("episode")),
                            kind("season", OptionKind::Integer { min: 1, max: 100 }),
                            LANGUAGE,
                        ],
                    )),
                    private(command("list", &[])),
                    private(command("remove", &[required(text("name"))])),
                ],
            ),
            private(command("stats", &[SHOW])),
            private(command("privacy", &[kind("hidden", OptionKind::Boolean)])),
            private(command("report", &[])),
            private(command(
                "review",
                &[
                    text("question"),
                    kind("action", OptionKind::Choice(&["approve", "retire"])),
                ],
            )),
        ],
    ),
    group(
        "daily",
        &[
            private(command(
                "set",
                &[
                    required(text("time")),
                    required(text("timezone")),
                    kind("channel", OptionKind::Channel),
                    SHOW,
                    MODE,
                ],
            )),
            private(command("show", &[])),
            private(command("off", &[])),
            private(command("answer", &[required(text("text"))])),
            command("leaderboard", &[]),
            group(
                "queue",
                &[
                    private(command("add", OWN_QUESTION)),
                    private(command("list", &[])),
                    private(command("remove", &[required(ID)])),
                ],
            ),
            private(command("suggest", OWN_QUESTION)),
        ],
    ),
    group(
        "rewatch",
        &[
            command(
                "start",
                &[
                    required(suggested(SuggestKind::Episode, text("first"))),
                    required(text("at")),
                    required(text("timezone")),
                    SHOW,
                    kind("per", OptionKind::Integer { min: 1, max: 10 }),
                    kind("every", OptionKind::Integer { min: 1, max: 28 }),
                    kind("channel", OptionKind::Channel),
                    kind("trivia", OptionKind::Boolean),
                ],
            ),
            private(command("status", &[])),
            command("pause", &[]),
            command("resume", &[]),
            command("skip", &[]),
            command("stop", &[]),
        ],
    ),
    group(
        "announce",
        &[
            private(command(
                "set",
                &[
                    required(text("timezone")),
                    text("time"),
                    kind("channel", OptionKind::Channel),
                    SHOW,
                ],
            )),
            private(command("show", &[])),
            private(command("off", &[])),
        ],
    ),
    command("about", &[]),
    private(command("web", &[kind("public", OptionKind::Boolean)])),
    listed_for(
        Listed::Administrators,
        group(
            "catalog",
            &[
                private(command("reload", &[])),
                private(command("status", &[])),
            ],
        ),
    ),
];

/// Commands only the console has: to act as another member, move, change
/// language, move its clock, and see autocomplete.
pub const CONSOLE_ONLY: &[CommandSpec] = &[
    command("suggest", &[text("character"), text("episode"), SHOW]),
    command(
        "wait",
        &[kind(
            "seconds",
            OptionKind::Integer {
                min: 0,
                max: 86_400,
            },
        )],
    ),
    command("as", &[text("name"), kind("manage", OptionKind::Boolean)]),
    command("channel", &[text("name")]),
    command(
        "locale",
        &[kind("locale", OptionKind::Choice(&["en", "de"]))],
    ),
    command("help", &[]),
    command("quit", &[]),
    command("exit", &[]),
];

/// Whether the answer to a command (its name and subcommand, as in
/// `["trivia", "stats"]`) is for the asking member only. Unknown commands
/// are answered privately.
pub fn answers_privately(path: &[&str], reveal: bool) -> bool {
    let mut spec = path.first().and_then(|name| find(name));
    for sub in path.iter().skip(1) {
        spec = spec.and_then(|c| c.sub(sub));
    }
    match spec.map(|c| c.answer) {
        Some(Answer::Public) => false,
        Some(Answer::PublicUnlessRevealed) => reveal,
        Some(Answer::Private) | None => true,
    }
}

/// Whether the options `given` to `spec` (called `command` in what is
/// said) are what Discord's client would let through: every required one
/// there, each a value its kind takes. What is wrong, in the member's
/// words, otherwise. `channel_named` says whether a front end takes a
/// value that is not a channel's id as a channel's name.
pub fn check_given(
    spec: &CommandSpec,
    command: &str,
    given: &[(&str, String)],
    locale: crate::i18n::Locale,
    channel_named: impl Fn(&str) -> bool,
) -> Result<(), String> {
    use crate::i18n::{n, s, t};
    if let Some(missing) = spec
        .options
        .iter()
        .find(|o| o.required && !given.iter().any(|(name, _)| *name == o.name))
    {
        return Err(t(
            locale,
            "error-missing-option",
            &[s("command", command), s("option", missing.name)],
        ));
    }
    for (name, value) in given {
        let Some(option) = spec.option(name) else {
            continue;
        };
        let value = value.clone();
        match option.kind.check(&value) {
            Ok(()) => {}
            Err(Refused::Range(min, max)) => {
                return Err(t(
                    locale,
                    "trivia-bad-number",
                    &[
                        s("option", *name),
                        n("min", min as usize),
                        n("max", max as usize),
                    ],
                ));
            }
            Err(Refused::Flag) => {
                return Err(t(
                    locale,
                    "error-bad-flag",
                    &[s("option", *name), s("value", value)],
                ));
            }
            Err(Refused::TooLong(max)) => {
                return Err(t(
                    locale,
                    "error-too-long",
                    &[s("option", *name), n("max", max)],
                ));
            }
            Err(Refused::Channel) if channel_named(&value) => {}
            Err(Refused::Channel) => {
                return Err(t(
                    locale,
                    "error-bad-channel",
                    &[s("option", *name), s("value", value)],
                ));
            }
            Err(Refused::File) => {
                return Err(t(locale, "error-no-file", &[s("option", *name)]));
            }
            Err(Refused::Choice(choices)) => {
                return Err(t(
                    locale,
                    "error-bad-choice",
                    &[
                        s("option", *name),
                        s("value", value.trim()),
                        s("choices", choices.join(", ")),
                    ],
                ));
            }
        }
    }
    Ok(())
}

/// A command by name, Discord's first.
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().chain(CONSOLE_ONLY).find(|c| c.name == name)
}

impl CommandSpec {
    /// A subcommand by name.
    pub fn sub(&self, name: &str) -> Option<&'static CommandSpec> {
        self.subcommands.iter().find(|c| c.name == name)
    }

    /// A subcommand, or a subcommand of a group, by its words
    /// (`"schedule add"`).
    pub fn at(&self, words: &str) -> Option<&'static CommandSpec> {
        let mut words = words.split_whitespace();
        let mut spec = self.sub(words.next()?)?;
        for word in words {
            spec = spec.sub(word)?;
        }
        Some(spec)
    }

    /// An option by name.
    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|o| o.name == name)
    }
}

impl OptionKind {
    /// Whether `value` (as written) is something this option takes; the
    /// reason it is not, otherwise.
    pub fn check(&self, value: &str) -> Result<(), Refused> {
        let v = value.trim();
        match self {
            OptionKind::Text if value.chars().count() > TEXT_MAX => Err(Refused::TooLong(TEXT_MAX)),
            OptionKind::Text => Ok(()),
            OptionKind::Channel if v.is_empty() || v.parse::<u64>().is_err() => {
                Err(Refused::Channel)
            }
            OptionKind::Channel => Ok(()),
            OptionKind::File if v.is_empty() => Err(Refused::File),
            OptionKind::File => Ok(()),
            OptionKind::Integer { min, max } => match v.parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => Ok(()),
                _ => Err(Refused::Range(*min, *max)),
            },
            OptionKind::Boolean => flag(v).map(|_| ()).ok_or(Refused::Flag),
            OptionKind::Choice(choices) => {
                if choices.iter().any(|c| c.eq_ignore_ascii_case(v)) {
                    Ok(())
                } else {
                    Err(Refused::Choice(choices))
                }
            }
        }
    }
}

/// A flag as written ("true", "yes", "on", "1", "ja" and their
/// opposites), or `None` when it is neither.
pub fn flag(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "true" | "yes" | "on" | "1" | "ja" => Some(true),
        "false" | "no" | "off" | "0" | "nein" => Some(false),
        _ => None,
    }
}

/// Why a value does not fit its option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Outside the range.
    Range(i64, i64),
    /// Not true or false.
    Flag,
    /// None of the choices.
    Choice(&'static [&'static str]),
    /// Longer than this many characters.
    TooLong(usize),
    /// Not a channel.
    Channel,
    /// No file.
    File,
}
