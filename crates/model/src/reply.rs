//! The renderer-neutral reply every use-case returns. It is shaped like a
//! Discord embed, and [`Reply::fit`] cuts it to Discord's limits (keeping
//! spoiler markup balanced), so the console shows exactly what the bot sends.

use serde::{Deserialize, Serialize};

use crate::spoiler::truncate_balanced;

/// Discord's limits on one message.
pub mod limits {
    /// Message content.
    pub const CONTENT: usize = 2000;
    /// Embed title.
    pub(crate) const TITLE: usize = 256;
    /// Embed description.
    pub const DESCRIPTION: usize = 4096;
    /// Fields per embed.
    pub(crate) const FIELDS: usize = 25;
    /// Field name.
    pub(crate) const FIELD_NAME: usize = 256;
    /// Field value.
    pub(crate) const FIELD_VALUE: usize = 1024;
    /// Embed footer.
    pub(crate) const FOOTER: usize = 2048;
    /// Everything in one embed together.
    pub const EMBED_TOTAL: usize = 6000;
}

/// A named block of lines (an embed field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// Heading (plain text: Discord shows no spoiler markup here).
    pub name: String,
    /// Lines of the body, joined with newlines.
    pub lines: Vec<String>,
}

/// What a front end shows in answer to a command.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// Only the asking member may see it (ephemeral in Discord).
    pub private: bool,
    /// Heading (plain text: Discord shows no spoiler markup in titles).
    pub title: Option<String>,
    /// Lines of the main text, with markup (`**bold**`, `||spoiler||`).
    pub lines: Vec<String>,
    /// Further blocks.
    pub fields: Vec<Field>,
    /// Notes under the reply: the later-episodes note, hints, cut notices.
    pub notes: Vec<String>,
    /// Whether [`Reply::fit`] had to leave something out.
    pub cut: bool,
    /// Answer buttons under the message (a trivia question in choices mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buttons: Option<Buttons>,
    /// The trivia round whose answer buttons this reply closes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes: Option<Round>,
    /// A private reply the member must get even where nothing can answer
    /// them privately (a typed answer written in the channel): there it is
    /// said in the channel, in reply to their message. It says nothing of
    /// the catalog.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub must_reach: bool,
    /// Buttons that are not answers: reporting a question, a moderator's
    /// verdict on one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// A thread to open from the post once it is out, with this name: the
    /// place to talk about it (a question of the day's), following the
    /// channel's spoiler horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    /// A Discord scheduled event the front end makes or removes with the
    /// reply (a game set to start later), where it has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Box<EventChange>>,
    /// A picture that goes with it (a board's card), attached where the
    /// front end can. Never stored: only a reply to the asking member has
    /// one.
    #[serde(skip)]
    pub picture: Option<Picture>,
    /// Where it waits in the outbox until it is posted: a channel post
    /// stored with the game step that made it. The front end that posts
    /// it says so ([`crate::app::App::trivia_posted`]).
    #[serde(skip)]
    pub post: Option<i64>,
}

/// A change to a server's scheduled events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventChange {
    /// Make an event for scheduled game `plan`; the front end says which
    /// event it made ([`crate::reply`] readers: `App::trivia_event_made`).
    Make {
        /// The scheduled game's row.
        plan: i64,
        /// Its name ("Trivia: Smash").
        name: String,
        /// What it is, for the event's page.
        description: String,
        /// Where (shown as the event's location).
        location: String,
        /// When it starts and ends (ms since the epoch).
        start_ms: i64,
        /// When it ends.
        end_ms: i64,
    },
    /// Remove this event (its game was called off).
    Remove(u64),
}

/// A button under a reply that is not an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// What it does.
    pub does: Does,
    /// Its label, in the member's language.
    pub label: String,
}

/// What an [`Action`] button does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Does {
    /// Reports the question of this round.
    Report(Round),
    /// Keeps the question with this key and takes it off the review list.
    Approve(String),
    /// Never asks the question with this key again in this server.
    Retire(String),
}

impl Does {
    /// The console command that does the same (in English).
    pub fn command(&self) -> String {
        self.command_in(crate::i18n::Locale::En)
    }

    /// The console command that does the same, by its names in `l`.
    pub fn command_in(&self, l: crate::i18n::Locale) -> String {
        use crate::i18n::{m, t};
        match self {
            Does::Report(_) => t(l, "console-do-report", &[]),
            Does::Approve(key) => t(
                l,
                "console-do-review",
                &[m("question", key.as_str()), m("action", "approve")],
            ),
            Does::Retire(key) => t(
                l,
                "console-do-review",
                &[m("question", key.as_str()), m("action", "retire")],
            ),
        }
    }
}

/// A PNG that goes with a reply.
#[derive(Clone, PartialEq, Eq)]
pub struct Picture {
    /// Its file name (`board.png`).
    pub name: String,
    /// Its bytes.
    pub png: std::sync::Arc<Vec<u8>>,
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Picture({}, {} bytes)", self.name, self.png.len())
    }
}

/// One question of one trivia game.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Round {
    /// The game's id.
    pub game: i64,
    /// The question's number in the game, from 1.
    pub number: usize,
}

impl Round {
    /// The answer buttons of question of the day `id`: number 0, which no
    /// round of a game has, so the two never share buttons.
    pub fn daily(id: i64) -> Round {
        Round {
            game: id,
            number: 0,
        }
    }

    /// Whether these are a question of the day's.
    pub fn is_daily(&self) -> bool {
        self.number == 0
    }
}

/// Lettered answer buttons, A to the `count`th letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buttons {
    /// The round they answer.
    pub round: Round,
    /// How many choices.
    pub count: usize,
}

impl Reply {
    /// A reply of one line.
    pub fn line(text: impl Into<String>) -> Reply {
        Reply {
            lines: vec![text.into()],
            ..Reply::default()
        }
    }

    /// The same reply, only for the asking member.
    pub fn private(mut self) -> Reply {
        self.private = true;
        self
    }

    /// The main text.
    pub fn description(&self) -> String {
        self.lines.join("\n")
    }

    /// The notes as one footer text.
    pub fn footer(&self) -> String {
        self.notes.join(" ")
    }

    /// Cuts the reply to Discord's embed limits: whole lines go first (from
    /// the end), a single over-long line is shortened with its markup kept
    /// balanced. When anything was cut, `cut_note(n)` (n = lines left out,
    /// 0 when only shortened) is added to the notes.
    pub fn fit(&mut self, cut_note: impl Fn(usize) -> String) {
        let mut dropped = 0;
        let mut shortened = false;
        if let Some(title) = &self.title {
            let (t, was_cut) = truncate_balanced(title, limits::TITLE);
            shortened |= was_cut;
            self.title = Some(t);
        }
        // Room for the notes, including a cut notice.
        let reserve = 200 + self.footer().chars().count().min(limits::FOOTER);
        dropped += fit_lines(
            &mut self.lines,
            limits::DESCRIPTION.min(limits::EMBED_TOTAL - reserve),
            &mut shortened,
        );
        if self.fields.len() > limits::FIELDS {
            dropped += self
                .fields
                .drain(limits::FIELDS..)
                .map(|f| f.lines.len())
                .sum::<usize>();
        }
        for field in &mut self.fields {
            let (name, was_cut) = truncate_balanced(&field.name, limits::FIELD_NAME);
            shortened |= was_cut;
            field.name = name;
            dropped += fit_lines(&mut field.lines, limits::FIELD_VALUE, &mut shortened);
        }
        // The embed as a whole: drop fields from the end, then lines.
        while self.total() + reserve > limits::EMBED_TOTAL {
            if let Some(field) = self.fields.pop() {
                dropped += field.lines.len().max(1);
            } else if self.lines.pop().is_some() {
                dropped += 1;
            } else {
                break;
            }
        }
        if dropped > 0 || shortened {
            self.cut = true;
            self.notes.push(cut_note(dropped));
        }
        let footer = self.footer();
        if footer.chars().count() > limits::FOOTER {
            let (f, _) = truncate_balanced(&footer, limits::FOOTER);
            self.notes = vec![f];
        }
    }

    /// Characters in the embed, counted as Discord counts them.
    pub fn total(&self) -> usize {
        let title = self.title.as_ref().map_or(0, |t| t.chars().count());
        let description = self.description().chars().count();
        let fields: usize = self
            .fields
            .iter()
            .map(|f| f.name.chars().count() + f.lines.join("\n").chars().count())
            .sum();
        title + description + fields + self.footer().chars().count()
    }

    /// Whether Discord would take it as it is: every part within its limit
    /// (an embed's, and as message text when it has no title or fields).
    pub fn within_limits(&self) -> bool {
        let count = |t: &str| t.chars().count();
        self.title
            .as_ref()
            .is_none_or(|t| count(t) <= limits::TITLE)
            && count(&self.description()) <= limits::DESCRIPTION
            && self.fields.len() <= limits::FIELDS
            && self.fields.iter().all(|f| {
                count(&f.name) <= limits::FIELD_NAME
                    && count(&f.lines.join("\n")) <= limits::FIELD_VALUE
            })
            && count(&self.footer()) <= limits::FOOTER
            && self.total() <= limits::EMBED_TOTAL
    }

    /// The reply as plain text, markup visible, for the console.
    pub fn to_text(&self, private_marker: &str) -> String {
        self.to_text_in(private_marker, crate::i18n::Locale::En)
    }

    /// [`Reply::to_text`], the commands of its buttons named in `l`.
    pub fn to_text_in(&self, private_marker: &str, l: crate::i18n::Locale) -> String {
        let mut out = Vec::new();
        if self.private {
            out.push(private_marker.to_string());
        }
        if let Some(title) = &self.title {
            out.push(format!("== {title} =="));
        }
        out.extend(self.lines.iter().cloned());
        for field in &self.fields {
            out.push(format!("-- {} --", field.name));
            out.extend(field.lines.iter().cloned());
        }
        if !self.notes.is_empty() {
            out.push(format!("({})", self.footer()));
        }
        for action in &self.actions {
            out.push(format!("[{}: {}]", action.label, action.does.command_in(l)));
        }
        if let Some(thread) = &self.thread {
            out.push(format!("[thread: {thread}]"));
        }
        match self.event.as_deref() {
            Some(EventChange::Make { name, .. }) => out.push(format!("[event: {name}]")),
            Some(EventChange::Remove(_)) => out.push("[event removed]".to_string()),
            None => {}
        }
        out.join("\n")
    }
}

/// Keeps as many whole lines as fit in `limit` characters (joined with
/// newlines); shortens the first line when even it does not fit (and says so
/// in `shortened`). Returns how many lines were dropped.
fn fit_lines(lines: &mut Vec<String>, limit: usize, shortened: &mut bool) -> usize {
    let mut used = 0;
    for (i, line) in lines.iter_mut().enumerate() {
        let len = line.chars().count() + usize::from(i > 0);
        if used + len <= limit {
            used += len;
            continue;
        }
        if i == 0 {
            let (short, _) = truncate_balanced(line, limit);
            *line = short;
            *shortened = true;
            let dropped = lines.len() - 1;
            lines.truncate(1);
            return dropped;
        }
        let dropped = lines.len() - i;
        lines.truncate(i);
        return dropped;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spoiler::is_balanced;

    #[test]
    fn a_long_reply_is_cut_to_the_limits_with_balanced_markup() {
        let line = format!("**S01E12** ||{}||", "Leo runs away. ".repeat(20));
        let mut reply = Reply {
            title: Some("T".repeat(300)),
            lines: vec![line.clone(); 40],
            fields: (0..30)
                .map(|i| Field {
                    name: format!("Field {i}"),
                    lines: vec![line.clone(); 5],
                })
                .collect(),
            notes: vec!["3 facts hidden.".into()],
            ..Reply::default()
        };
        reply.fit(|n| format!("{n} lines cut."));
        assert!(reply.cut);
        assert!(reply.title.as_ref().unwrap().chars().count() <= limits::TITLE);
        assert!(reply.description().chars().count() <= limits::DESCRIPTION);
        assert!(reply.fields.len() <= limits::FIELDS);
        for f in &reply.fields {
            assert!(f.lines.join("\n").chars().count() <= limits::FIELD_VALUE);
            assert!(is_balanced(&f.lines.join("\n")));
        }
        assert!(reply.total() <= limits::EMBED_TOTAL, "{}", reply.total());
        assert!(is_balanced(&reply.description()));
        assert!(reply.notes.last().unwrap().ends_with("lines cut."));
    }

    #[test]
    fn one_huge_line_is_shortened_not_dropped() {
        let mut reply = Reply::line(format!("||{}||", "x".repeat(5000)));
        reply.fit(|n| format!("{n} cut"));
        assert_eq!(reply.lines.len(), 1);
        assert!(reply.lines[0].chars().count() <= limits::DESCRIPTION);
        assert!(is_balanced(&reply.lines[0]));
        assert!(reply.lines[0].ends_with("…||"));
        assert!(reply.cut);
        assert_eq!(
            reply.notes,
            vec!["0 cut"],
            "no line was left out, one was shortened"
        );
    }

    #[test]
    fn a_short_reply_is_untouched() {
        let mut reply = Reply::line("hello");
        let before = reply.clone();
        reply.fit(|n| format!("{n}"));
        assert_eq!(reply, before);
    }
}
