//! The terminal front end: commands written as in Discord's input box
//! (`/character name:Karen`, `/progress set episode:S01E12`), answered with
//! the reply the bot would give, spoiler markup visible. `/as` and
//! `/channel` switch member and channel, so one script can play several
//! members. Reading a script from a pipe, it prints no prompts.

use std::io::{BufRead, Write};

use anyhow::Result;

use crate::app::{App, Choice, Ctx, SuggestKind};
use crate::i18n::{Locale, n, s, t};
use crate::invoke::Call;
use crate::model::Language;
use crate::reply::Reply;
use crate::schema;

/// The server every console channel belongs to.
pub const CONSOLE_GUILD: u64 = 1;

/// A stable id for a console name (FNV-1a, kept positive for SQLite).
pub fn console_id(kind: &str, name: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in kind
        .bytes()
        .chain([b':'])
        .chain(name.to_lowercase().bytes())
    {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash >> 1
}

/// Who the console is acting as, and where.
#[derive(Debug, Clone)]
pub struct Session {
    /// Member name.
    pub user: String,
    /// Channel name.
    pub channel: String,
    /// Reply language.
    pub locale: Locale,
    /// Whether the member may manage channels and the server.
    pub manage: bool,
    /// The console's clock (ms since the epoch): virtual when reading a
    /// script, so `/wait` moves it and games play the same every time.
    pub clock_ms: i64,
    /// Whether the clock follows real time (an interactive session).
    pub real_time: bool,
    /// Names of the members the console has played, and of the channels
    /// it has named, by id.
    pub names: std::collections::HashMap<u64, String>,
}

/// Where a script's virtual clock starts (2026-01-01).
pub const SCRIPT_EPOCH_MS: i64 = 1_767_225_600_000;

impl Session {
    /// A session acting as `user` in `channel`.
    pub fn new(
        user: &str,
        channel: &str,
        locale: Locale,
        manage: bool,
        real_time: bool,
    ) -> Session {
        let mut session = Session {
            user: user.to_string(),
            channel: channel.to_string(),
            locale,
            manage,
            clock_ms: SCRIPT_EPOCH_MS,
            real_time,
            names: std::collections::HashMap::new(),
        };
        session
            .names
            .insert(console_id("user", user), user.to_string());
        session.name_channel(channel);
        session.tick_clock();
        session
    }

    fn tick_clock(&mut self) {
        if self.real_time {
            self.clock_ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64);
        }
    }

    /// Remembers a channel's name, to show its mentions by it.
    fn name_channel(&mut self, name: &str) -> u64 {
        let id = console_id("channel", name);
        self.names.insert(id, format!("#{name}"));
        id
    }

    /// Shows `<@id>` and `<#id>` mentions as the console's names of those
    /// members and channels.
    pub(crate) fn named(&self, text: &str) -> String {
        let mut out = text.to_string();
        // A name stands where a mention did: made inert, so a member
        // called `||x` cannot open markup in what is shown.
        for (id, name) in &self.names {
            let name = crate::spoiler::escape_markdown(name);
            out = out
                .replace(&format!("<@{id}>"), &name)
                .replace(&format!("<#{id}>"), &name);
        }
        out
    }

    /// The context `App` sees.
    pub(crate) fn ctx(&self) -> Ctx {
        Ctx {
            user: console_id("user", &self.user),
            channel: console_id("channel", &self.channel),
            guild: Some(CONSOLE_GUILD),
            locale: self.locale,
            can_manage_channel: self.manage,
            can_manage_guild: self.manage,
            thread_of: None,
        }
    }
}

/// A reply's picture, saved where the terminal can open it: the line that
/// says where.
fn saved(picture: &crate::reply::Picture, l: Locale) -> String {
    let path = std::env::temp_dir().join(format!("cliffhanger-{}", picture.name));
    match std::fs::write(&path, picture.png.as_slice()) {
        Ok(()) => t(
            l,
            "console-picture",
            &[s("path", path.display().to_string())],
        ),
        Err(e) => t(l, "console-picture-unsaved", &[s("error", e.to_string())]),
    }
}

/// A parsed console line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The command, without the slash.
    pub name: String,
    /// A subcommand (`set`, `show`, `clear`), for those that have them.
    pub sub: Option<String>,
    /// Text not given to any option.
    pub positional: String,
    /// Options in the order written.
    pub options: Vec<(String, String)>,
}

/// A command, subcommand or option name in German.
fn german(id: &str) -> Option<String> {
    crate::i18n::lookup(Language::De, id)
}

/// `/help`: every command the console takes, written from the one command
/// schema, so it cannot drift from what the console and Discord take: each
/// command and option by its name in `l` (the console takes both
/// languages' names), optional options in brackets, each with what it
/// does (Discord's description).
pub fn help(l: Locale) -> String {
    let named = |id: &str, name: &str| match l {
        Language::De => german(id).unwrap_or_else(|| name.to_string()),
        Language::En => name.to_string(),
    };
    let mut lines = vec![t(l, "console-help-heading", &[])];
    let mut add = |spec: &schema::CommandSpec, words: &str, id: &str, description: String| {
        let mut usage = format!("  /{words}");
        for option in spec.options {
            let name = named(&format!("{id}-opt-{}", option.name), option.name);
            let value = match option.kind {
                schema::OptionKind::Text => "…".to_string(),
                schema::OptionKind::Integer { min, max } => format!("{min}–{max}"),
                schema::OptionKind::Boolean => "true|false".to_string(),
                schema::OptionKind::Choice(choices) => choices.join("|"),
                schema::OptionKind::Channel => "#…".to_string(),
                schema::OptionKind::File => "path".to_string(),
            };
            usage.push_str(&if option.required {
                format!(" {name}:{value}")
            } else {
                format!(" [{name}:{value}]")
            });
        }
        lines.push(usage);
        lines.push(format!("      {description}"));
    };
    // Every command that runs, a group's subcommands under its words.
    let mut todo: Vec<(&schema::CommandSpec, String, String)> = schema::COMMANDS
        .iter()
        .rev()
        .map(|spec| {
            let id = format!("cmd-{}", spec.name);
            (spec, named(&id, spec.name), id)
        })
        .collect();
    while let Some((spec, words, id)) = todo.pop() {
        if spec.subcommands.is_empty() {
            add(spec, &words, &id, t(l, &format!("{id}-desc"), &[]));
        }
        for sub in spec.subcommands.iter().rev() {
            let id = format!("{id}-{}", sub.name);
            todo.push((sub, format!("{words} {}", named(&id, sub.name)), id));
        }
    }
    for spec in schema::CONSOLE_ONLY {
        let id = format!("console-cmd-{}", spec.name);
        add(spec, spec.name, &id, t(l, &format!("{id}-desc"), &[]));
    }
    lines.join("\n")
}

/// The options a command (or one of its subcommands) takes, from the one
/// command schema; the first takes positional text.
fn options_of(command: &str, sub: Option<&str>) -> Option<Vec<&'static str>> {
    let spec = schema::find(command)?;
    let spec = match sub {
        Some(sub) => spec.at(sub)?,
        None => spec,
    };
    Some(spec.options.iter().map(|o| o.name).collect())
}

/// The subcommands of a command or group as written (`trivia schedule`),
/// from the command schema.
fn subcommands_of(written: &str) -> Vec<&'static str> {
    let (name, sub) = split_path(written);
    let spec = schema::find(name).and_then(|c| match sub {
        Some(sub) => c.at(sub),
        None => Some(c),
    });
    spec.map_or_else(Vec::new, |c| c.subcommands.iter().map(|s| s.name).collect())
}

/// A command's words (`["trivia", "pack"]`) as a member of language `l`
/// says them (`quiz paket`).
fn spoken(l: Locale, words: &[&str]) -> String {
    (1..=words.len())
        .map(|n| {
            let id = format!("cmd-{}", words[..n].join("-"));
            match l {
                Language::De => german(&id).unwrap_or_else(|| words[n - 1].to_string()),
                Language::En => words[n - 1].to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A command as written (`/trivia schedule add`): its name and the words
/// of its subcommand.
fn split_path(written: &str) -> (&str, Option<&str>) {
    let written = written.trim().trim_start_matches('/');
    match written.split_once(' ') {
        Some((name, sub)) => (name, Some(sub.trim())),
        None => (written, None),
    }
}

/// The options as written (`/progress set`): the command and subcommand.
fn options_listed(written: &str) -> String {
    let (name, sub) = split_path(written);
    options_of(name, sub).unwrap_or_default().join(", ")
}

/// Whether every option's value is one its option takes (the range of a
/// number, the choices of a choice), with the same words as Discord.
fn check_values(c: &Command, locale: Locale) -> Result<(), String> {
    let Some(spec) = schema::find(&c.name) else {
        return Ok(());
    };
    let spec = c.sub.as_deref().and_then(|s| spec.at(s)).unwrap_or(spec);
    let mut given: Vec<(&str, String)> = c
        .options
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    if let Some(main) = spec.options.first()
        && !c.positional.is_empty()
    {
        given.push((main.name, c.positional.clone()));
    }
    let command = match &c.sub {
        Some(sub) => format!("/{} {sub}", c.name),
        None => format!("/{}", c.name),
    };
    // A channel is named here, and becomes an id as the call is made.
    schema::check_given(spec, &command, &given, locale, |v| {
        !channel_name(v).is_empty()
    })
}

/// A line the console cannot take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// `/foo`.
    UnknownCommand(String),
    /// `/character nmae:Karen`.
    UnknownOption { command: String, option: String },
    /// `/progress` without set, show or clear.
    MissingSubcommand(String),
}

/// Reads a console line: `/command [sub] [text] [key:value ...]`. An
/// option's value runs to the next option, so values may hold spaces.
pub fn parse(line: &str) -> Result<Command, ParseError> {
    let line = line.trim().trim_start_matches('/');
    let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let name = name.to_lowercase();
    let name = if schema::find(&name).is_some() {
        name
    } else {
        // The bot's commands go by their German names too (from the
        // Fluent files), as on Discord.
        schema::COMMANDS
            .iter()
            .find(|c| german(&format!("cmd-{}", c.name)).is_some_and(|de| de == name))
            .map_or(name, |c| c.name.to_string())
    };
    if schema::find(&name).is_none() {
        return Err(ParseError::UnknownCommand(format!("/{name}")));
    }
    let mut rest = rest.trim();
    // A subcommand, and one of a group, each by its own name or its
    // German one.
    let mut spec =
        schema::find(&name).ok_or_else(|| ParseError::UnknownCommand(format!("/{name}")))?;
    let mut words: Vec<&str> = Vec::new();
    while !spec.subcommands.is_empty() {
        let (word, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let word = word.to_lowercase();
        let id = std::iter::once(name.as_str())
            .chain(words.iter().copied())
            .collect::<Vec<_>>()
            .join("-");
        let found = spec.subcommands.iter().find(|s| {
            s.name == word || german(&format!("cmd-{id}-{}", s.name)).is_some_and(|de| de == word)
        });
        let Some(found) = found else {
            let written = std::iter::once(name.as_str())
                .chain(words.iter().copied())
                .collect::<Vec<_>>()
                .join(" ");
            return Err(ParseError::MissingSubcommand(format!("/{written}")));
        };
        words.push(found.name);
        spec = found;
        rest = after.trim();
    }
    let sub = (!words.is_empty()).then(|| words.join(" "));
    let (positional, options) = read_options(&name, &words, sub.as_deref(), rest)?;
    Ok(Command {
        name,
        sub,
        positional,
        options,
    })
}

/// The text after `/name words…`: its positional part and its options,
/// each option found at a word beginning `key:` (by its own name or its
/// German one) and running to the next.
fn read_options(
    name: &str,
    words: &[&str],
    sub: Option<&str>,
    rest: &str,
) -> Result<(String, Vec<(String, String)>), ParseError> {
    let known = options_of(name, sub).unwrap_or_default();
    // Each option by its own name and by its German one.
    let mut paths = vec![name.to_string()];
    if !words.is_empty() {
        paths.push(format!("{name}-{}", words.join("-")));
    }
    let mut spellings: Vec<(String, &str)> = known.iter().map(|k| (k.to_string(), *k)).collect();
    for key in &known {
        for path in &paths {
            if let Some(de) = german(&format!("cmd-{path}-opt-{key}")).filter(|de| de != key) {
                spellings.push((de, key));
            }
        }
    }
    // Where each known option starts: at a word beginning "key:".
    let mut starts: Vec<(usize, usize, &str)> = Vec::new();
    let mut at_word = true;
    for (i, c) in rest.char_indices() {
        if at_word
            && let Some((spelled, key)) = spellings.iter().find(|(k, _)| {
                rest[i..].len() > k.len()
                    && rest[i..].starts_with(k.as_str())
                    && rest[i + k.len()..].starts_with(':')
            })
        {
            starts.push((i, spelled.len(), key));
        }
        at_word = c.is_whitespace();
    }
    let first = starts.first().map_or(rest.len(), |(i, _, _)| *i);
    let positional = rest[..first].trim().to_string();
    if let Some((word, _)) = positional.split_once(':')
        && !word.is_empty()
        && !word.contains(char::is_whitespace)
        && word.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    {
        return Err(ParseError::UnknownOption {
            command: match sub {
                Some(sub) => format!("/{name} {sub}"),
                None => format!("/{name}"),
            },
            option: word.to_string(),
        });
    }
    let mut options = Vec::new();
    for (k, (i, len, key)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(rest.len(), |(j, _, _)| *j);
        let value = rest[i + len + 1..end].trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        options.push((key.to_string(), value.to_string()));
    }
    Ok((positional, options))
}

impl Command {
    /// An option's value, or the positional text for the main option.
    fn value(&self, key: &str) -> Option<String> {
        self.values()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    /// Every option given, the last of a name winning, and the positional
    /// text as the main option where that is not given by name.
    fn values(&self) -> Vec<(&str, String)> {
        let mut found: Vec<(&str, String)> = Vec::new();
        for (k, v) in &self.options {
            found.retain(|(name, _)| name != k);
            found.push((k.as_str(), v.clone()));
        }
        let main = options_of(&self.name, self.sub.as_deref()).and_then(|o| o.first().copied());
        if let Some(main) = main
            && !self.positional.is_empty()
            && !found.iter().any(|(k, _)| *k == main)
        {
            found.push((main, self.positional.clone()));
        }
        found
    }

    fn flag(&self, key: &str, locale: Locale) -> Result<bool, String> {
        match self.value(key).map(|v| (schema::flag(&v), v)) {
            None => Ok(false),
            Some((Some(flag), _)) => Ok(flag),
            Some((None, v)) => Err(t(
                locale,
                "error-bad-flag",
                &[s("option", key), s("value", v.to_lowercase())],
            )),
        }
    }
}

/// What the console does with one line.
enum Outcome {
    Replies(Vec<Reply>),
    Text(String),
    Quit,
}

/// Runs commands from `input` until it ends or `/quit`, writing replies to
/// `output`. With `interactive`, greets and prompts.
pub async fn run(
    app: &App,
    session: &mut Session,
    input: impl BufRead,
    mut output: impl Write,
    interactive: bool,
) -> Result<()> {
    if interactive {
        writeln!(
            output,
            "{}",
            t(
                session.locale,
                "console-welcome",
                &[s("user", &*session.user), s("channel", &*session.channel)]
            )
        )?;
        write!(output, "{}@#{}> ", session.user, session.channel)?;
        output.flush()?;
    }
    let mut first = true;
    let mut input = input;
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        if input.read_until(b'\n', &mut bytes)? == 0 {
            break;
        }
        // A line that is not UTF-8 is refused on its own; the session goes on.
        let line = match std::str::from_utf8(&bytes) {
            Ok(line) => line.to_string(),
            Err(_) => format!("\u{0}{}", String::from_utf8_lossy(&bytes)),
        };
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            if interactive {
                write!(output, "{}@#{}> ", session.user, session.channel)?;
                output.flush()?;
            }
            continue;
        }
        let marker = t(session.locale, "console-private", &[]);
        let outcome = match trimmed.strip_prefix('\u{0}') {
            Some(_) => Outcome::Text(t(session.locale, "console-not-utf8", &[])),
            None => execute(app, session, trimmed).await,
        };
        let shown: Vec<i64> = match &outcome {
            Outcome::Replies(replies) => replies.iter().filter_map(|r| r.post).collect(),
            Outcome::Quit | Outcome::Text(_) => Vec::new(),
        };
        let text = match outcome {
            Outcome::Quit => break,
            Outcome::Text(text) => session.named(&text),
            Outcome::Replies(replies) => replies
                .iter()
                .map(|r| {
                    let mut text = session.named(&r.to_text_in(&marker, session.locale));
                    if let Some(picture) = &r.picture {
                        text.push('\n');
                        text.push_str(&saved(picture, session.locale));
                    }
                    text
                })
                .collect::<Vec<_>>()
                .join("\n\n"),
        };
        // A line with nothing to say (a wrong typed guess) prints nothing.
        if !text.is_empty() {
            if !first && !interactive {
                writeln!(output)?;
            }
            first = false;
            writeln!(output, "{text}")?;
        }
        // Shown: the console's channel has them.
        if let Err(e) = app.trivia_posted(&shown).await {
            tracing::warn!(
                error = format!("{e:#}"),
                "shown trivia posts stay in the outbox"
            );
        }
        if interactive {
            write!(output, "\n{}@#{}> ", session.user, session.channel)?;
            output.flush()?;
        }
    }
    // The input ended, or /quit: the console's games end with their points
    // saved, and their channels' scoreboards are shown.
    let ended = end_games(app, session).await?;
    if !ended.is_empty() {
        if !first && !interactive {
            writeln!(output)?;
        }
        writeln!(output, "{ended}")?;
    }
    Ok(())
}

/// Ends every game the console is running (its points saved) and returns
/// the scoreboards, as the console shows them.
pub async fn end_games(app: &App, session: &Session) -> Result<String> {
    let marker = t(session.locale, "console-private", &[]);
    Ok(app
        .trivia_shutdown(session.clock_ms)
        .await?
        .iter()
        .map(|(_, reply)| session.named(&reply.to_text_in(&marker, session.locale)))
        .collect::<Vec<_>>()
        .join("\n\n"))
}

async fn execute(app: &App, session: &mut Session, line: &str) -> Outcome {
    let l = session.locale;
    if !line.starts_with('/') {
        return Outcome::Text(t(l, "error-unknown-command", &[s("command", line)]));
    }
    let command = match parse(line) {
        Ok(c) => c,
        Err(ParseError::UnknownCommand(c)) => {
            return Outcome::Text(t(l, "error-unknown-command", &[s("command", c)]));
        }
        Err(ParseError::UnknownOption { command, option }) => {
            let options = options_listed(&command);
            return Outcome::Text(t(
                l,
                "error-unknown-option",
                &[
                    s("command", command),
                    s("option", option),
                    s("options", options),
                ],
            ));
        }
        Err(ParseError::MissingSubcommand(c)) => {
            // Said with the names of the member's language.
            let words: Vec<&str> = c.trim_start_matches('/').split(' ').collect();
            let choices: Vec<String> = subcommands_of(&words.join(" "))
                .into_iter()
                .map(|sub| spoken(l, &[words.as_slice(), &[sub]].concat()))
                .map(|path| path.rsplit(' ').next().unwrap_or_default().to_string())
                .collect();
            return Outcome::Text(t(
                l,
                "error-bad-subcommand",
                &[
                    s("command", format!("/{}", spoken(l, &words))),
                    s("choices", choices.join(", ")),
                ],
            ));
        }
    };
    if let Err(text) = check_values(&command, l) {
        return Outcome::Text(text);
    }
    match dispatch(app, session, &command).await {
        Ok(outcome) => outcome,
        Err(e) => {
            let id = console_id("error", &format!("{e:#}")) % 100_000;
            tracing::error!(error = format!("{e:#}"), id, "a console command failed");
            Outcome::Text(t(l, "error-internal", &[s("id", id.to_string())]))
        }
    }
}

async fn dispatch(app: &App, session: &mut Session, c: &Command) -> Result<Outcome> {
    session.tick_clock();
    // The member as the server's web pages name them.
    let ctx = session.ctx();
    let channel = session.channel.clone();
    app.note_player(
        (CONSOLE_GUILD, Some("console")),
        Some((ctx.channel, Some(&channel))),
        (ctx.user, &session.user),
    )
    .await?;
    // Reveals that came due before this line come first.
    let due = if c.name == "wait" {
        Vec::new()
    } else {
        ticked(app, session).await?
    };
    let outcome = dispatch_line(app, session, c).await?;
    if due.is_empty() {
        return Ok(outcome);
    }
    Ok(match outcome {
        Outcome::Replies(rs) => Outcome::Replies(due.into_iter().chain(rs).collect()),
        Outcome::Text(text) => {
            Outcome::Replies(due.into_iter().chain([Reply::line(text)]).collect())
        }
        Outcome::Quit => Outcome::Quit,
    })
}

async fn dispatch_line(app: &App, session: &mut Session, c: &Command) -> Result<Outcome> {
    let l = session.locale;
    let text = |key: &str| c.value(key).unwrap_or_default();
    Ok(match c.name.as_str() {
        "suggest" => suggest(app, session, c).await?,
        "wait" => wait(app, session, &text("seconds")).await?,
        "as" => act_as(session, c),
        "channel" => {
            let name = text("name").trim_start_matches('#').to_string();
            if name.is_empty() {
                return Ok(Outcome::Text(t(l, "error-empty-name", &[])));
            }
            session.name_channel(&name);
            session.channel = name;
            Outcome::Text(t(l, "console-channel", &[s("channel", &*session.channel)]))
        }
        "locale" => {
            session.locale = Locale::from_tag(&text("locale"));
            Outcome::Text(t(session.locale, "console-locale", &[]))
        }
        "help" => Outcome::Text(help(l)),
        "quit" | "exit" => Outcome::Quit,
        // Every other command is the bot's, run as Discord runs it. Whoever
        // runs the console owns the bot, and reads what is typed.
        _ => {
            let mut path = vec![c.name.as_str()];
            path.extend(c.sub.iter().flat_map(|s| s.split(' ')));
            let mut call = Call::new(&path, with_channel_ids(session, c));
            match files_of(c, l) {
                Ok(files) => call.files = files,
                // Only the member sees what was wrong with their file, as
                // on Discord.
                Err(text) => return Ok(Outcome::Replies(vec![Reply::line(text).private()])),
            }
            call.manages_messages = session.manage;
            call.owner = true;
            call.reads_typed_answers = true;
            Outcome::Replies(app.invoke(&session.ctx(), &call, session.clock_ms).await?)
        }
    })
}

/// The files a command's file options name, read from disk as Discord
/// would take them from an upload; what is wrong, otherwise.
fn files_of(
    c: &Command,
    l: Locale,
) -> std::result::Result<std::collections::BTreeMap<String, crate::trivia::Upload>, String> {
    let mut files = std::collections::BTreeMap::new();
    let Some(spec) = schema::find(&c.name)
        .and_then(|spec| c.sub.as_deref().map_or(Some(spec), |sub| spec.at(sub)))
    else {
        return Ok(files);
    };
    for (key, value) in c.values() {
        if spec.option(key).map(|o| o.kind) != Some(schema::OptionKind::File) {
            continue;
        }
        let path = std::path::Path::new(value.trim());
        let name = path
            .file_name()
            .map_or_else(|| value.clone(), |n| n.to_string_lossy().into_owned());
        let too_big = || {
            t(
                l,
                "pack-too-big",
                &[s("file", &name), n("max", crate::trivia::UPLOAD_MAX >> 10)],
            )
        };
        let unreadable = |reason: String| {
            t(
                l,
                "error-file-unreadable",
                &[s("file", path.display().to_string()), s("reason", reason)],
            )
        };
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(unreadable(t(l, "error-not-a-file", &[])));
            }
            Ok(meta) if meta.len() > crate::trivia::UPLOAD_MAX as u64 => return Err(too_big()),
            Ok(_) => {}
            Err(e) => return Err(unreadable(e.to_string())),
        }
        // Read no more than a file may be, whatever it said its size was.
        let mut bytes = Vec::new();
        let read = std::fs::File::open(path).and_then(|f| {
            use std::io::Read;
            f.take(crate::trivia::UPLOAD_MAX as u64 + 1)
                .read_to_end(&mut bytes)
        });
        match read {
            Ok(_) if bytes.len() > crate::trivia::UPLOAD_MAX => return Err(too_big()),
            Ok(_) => {
                files.insert(key.to_string(), crate::trivia::Upload { name, bytes });
            }
            Err(e) => return Err(unreadable(e.to_string())),
        }
    }
    Ok(files)
}

/// A channel as written in the console ("#quiz", "quiz").
fn channel_name(written: &str) -> &str {
    written.trim().trim_start_matches('#').trim()
}

/// The options of a bot command, each channel named by its id, as
/// Discord gives it.
fn with_channel_ids<'c>(session: &mut Session, c: &'c Command) -> Vec<(&'c str, String)> {
    let spec = schema::find(&c.name).map(|spec| {
        c.sub
            .as_deref()
            .and_then(|sub| spec.at(sub))
            .unwrap_or(spec)
    });
    c.values()
        .into_iter()
        .map(
            |(key, value)| match spec.and_then(|spec| spec.option(key)) {
                Some(o) if o.kind == schema::OptionKind::Channel => {
                    (key, session.name_channel(channel_name(&value)).to_string())
                }
                _ => (key, value),
            },
        )
        .collect()
}

/// `/suggest`: what autocomplete would offer.
async fn suggest(app: &App, session: &Session, c: &Command) -> Result<Outcome> {
    let show = c.value("show");
    let show = show.as_deref();
    let (kind, partial) = match (c.value("character"), c.value("episode")) {
        (Some(p), _) => (SuggestKind::Character, p),
        (None, Some(p)) => (SuggestKind::Episode, p),
        // "/suggest show:sm": the show option alone asks for shows.
        (None, None) if c.positional.is_empty() && c.value("show").is_some() => {
            (SuggestKind::Show, c.value("show").unwrap_or_default())
        }
        (None, None) if c.positional.to_lowercase().starts_with("show") => {
            let partial = c.positional.get(4..).unwrap_or("").trim().to_string();
            (SuggestKind::Show, partial)
        }
        (None, None) => {
            // "/suggest character Ka" or "/suggest episode S0".
            let (what, partial) = c.positional.split_once(' ').unwrap_or((&c.positional, ""));
            let kind = if what.eq_ignore_ascii_case("episode") {
                SuggestKind::Episode
            } else {
                SuggestKind::Character
            };
            (kind, partial.to_string())
        }
    };
    let choices = app.suggest(&session.ctx(), kind, &partial, show).await?;
    Ok(Outcome::Text(render_choices(&choices, session.locale)))
}

/// `/wait`: moves the console's clock, and says what the games in this
/// channel do meanwhile.
async fn wait(app: &App, session: &mut Session, seconds: &str) -> Result<Outcome> {
    let seconds: i64 = seconds.trim().parse().unwrap_or(0).clamp(0, 24 * 3600);
    let until = session.clock_ms + seconds * 1000;
    let mut replies = Vec::new();
    // What comes due on the way happens at its own moment, not all at the
    // end: a question of the day at its time, and each question of a game
    // when the one before runs out, so a long wait plays a game through.
    let mut last = None;
    loop {
        let scheduled = app.next_scheduled().await?;
        let deadline = app.trivia_next_deadline().await;
        let Some(due) = [scheduled, deadline]
            .into_iter()
            .flatten()
            .filter(|d| *d <= until)
            .min()
        else {
            break;
        };
        // A moment that stays due after its tick has nothing more to do.
        if last == Some(due) {
            break;
        }
        last = Some(due);
        session.clock_ms = session.clock_ms.max(due);
        replies.extend(ticked(app, session).await?);
    }
    session.clock_ms = until;
    replies.extend(ticked(app, session).await?);
    Ok(Outcome::Replies(replies))
}

/// What the games do up to the console's clock, in the console's channel.
/// The posts of other channels (games the console is not looking at) are
/// not shown, and not kept to be shown later.
async fn ticked(app: &App, session: &Session) -> Result<Vec<Reply>> {
    let channel = console_id("channel", &session.channel);
    let mut here = Vec::new();
    let mut elsewhere = Vec::new();
    for (ch, replies) in app.trivia_tick(session.clock_ms).await? {
        if ch == channel {
            here.extend(replies);
        } else {
            elsewhere.extend(replies.iter().filter_map(|r| r.post));
        }
    }
    app.trivia_posted(&elsewhere).await?;
    Ok(here)
}

/// `/as`: acts as another member, who may or may not manage channels.
fn act_as(session: &mut Session, c: &Command) -> Outcome {
    let l = session.locale;
    let name = c.value("name").unwrap_or_default();
    if name.is_empty() {
        return Outcome::Text(t(l, "error-empty-name", &[]));
    }
    session.manage = match c.flag("manage", l) {
        Ok(_) if c.value("manage").is_none() => true,
        Ok(m) => m,
        Err(message) => return Outcome::Text(message),
    };
    session
        .names
        .insert(console_id("user", &name), name.clone());
    session.user = name;
    let manage = if session.manage {
        String::new()
    } else {
        t(l, "console-as-no-manage", &[])
    };
    Outcome::Text(t(
        l,
        "console-as",
        &[s("user", &*session.user), s("manage", manage)],
    ))
}

fn render_choices(choices: &[Choice], locale: Locale) -> String {
    if choices.is_empty() {
        return t(locale, "console-no-suggestions", &[]);
    }
    choices
        .iter()
        .map(|c| format!("- {}", c.label))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(c: &Command) -> Vec<(&str, &str)> {
        c.options
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn commands_parse_like_discord_input() {
        let c = parse("/character name:Rebecca Duvall reveal:true").unwrap();
        assert_eq!(c.name, "character");
        assert_eq!(
            opts(&c),
            vec![("name", "Rebecca Duvall"), ("reveal", "true")]
        );
        let c = parse("/progress set episode:S01E12").unwrap();
        assert_eq!(
            (c.sub.as_deref(), opts(&c)),
            (Some("set"), vec![("episode", "S01E12")])
        );
        let c = parse("/search why did Leo run away show:smash").unwrap();
        assert_eq!(c.positional, "why did Leo run away");
        assert_eq!(c.value("query").as_deref(), Some("why did Leo run away"));
        assert_eq!(c.value("show").as_deref(), Some("smash"));
        let c = parse("/episode S02E11 reveal:true").unwrap();
        assert_eq!(c.value("episode").as_deref(), Some("S02E11"));
        let c = parse("/search query:\"kale shakes\"").unwrap();
        assert_eq!(c.value("query").as_deref(), Some("kale shakes"));
        // A colon inside a value is no option.
        let c = parse("/search query:time: 10 minutes").unwrap();
        assert_eq!(c.value("query").as_deref(), Some("time: 10 minutes"));
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        assert_eq!(
            parse("/dance"),
            Err(ParseError::UnknownCommand("/dance".into()))
        );
        assert_eq!(
            parse("/character nmae:Karen"),
            Err(ParseError::UnknownOption {
                command: "/character".into(),
                option: "nmae".into()
            })
        );
        assert_eq!(
            parse("/progress S01E12"),
            Err(ParseError::MissingSubcommand("/progress".into()))
        );
        let c = parse("/episode S01E12 reveal:maybe").unwrap();
        assert!(
            c.flag("reveal", Locale::En)
                .unwrap_err()
                .contains("“maybe”")
        );
    }

    #[test]
    fn console_ids_are_stable_and_distinct() {
        assert_eq!(console_id("user", "Alice"), console_id("user", "alice"));
        assert_ne!(console_id("user", "alice"), console_id("user", "bob"));
        assert_ne!(
            console_id("user", "general"),
            console_id("channel", "general")
        );
        assert!(console_id("user", "x") < (1 << 63));
    }
}
