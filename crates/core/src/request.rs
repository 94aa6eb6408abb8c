//! What a member asks, in plain values: who and where ([`Ctx`]), and the
//! choices a command carries. No Discord type reaches the core.

use serde::Serialize;

use crate::i18n::Locale;

/// Who asks, where, and what they may do: plain values, so the core never
/// sees a Discord type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctx {
    /// The member (a Discord user id).
    pub user: u64,
    /// The channel the command came from.
    pub channel: u64,
    /// The server, or `None` in a direct message.
    pub guild: Option<u64>,
    /// The language to answer in.
    pub locale: Locale,
    /// Whether the member may manage this channel.
    pub can_manage_channel: bool,
    /// Whether the member may manage the server.
    pub can_manage_guild: bool,
    /// For a thread, the channel it belongs to: without a horizon of its
    /// own, a thread follows its channel's.
    pub thread_of: Option<u64>,
}

/// What `/progress` should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressAction {
    /// Watched up to and including this episode (a code or a title).
    Set(String),
    /// Say where the member is.
    Show,
    /// Forget it.
    Clear,
}

/// What `/spoilers` should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpoilersAction {
    /// Safe to discuss up to this episode (a code or a title).
    Set(String),
    /// Say what applies here.
    Show,
    /// Remove it.
    Clear,
}

/// Which horizon `/spoilers` changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HorizonScope {
    /// This channel's own.
    Channel,
    /// The server's default for channels without one.
    Server,
}

/// What an autocomplete is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestKind {
    /// An episode to look up.
    Episode,
    /// An episode to set progress or a horizon to.
    ProgressEpisode,
    /// A show.
    Show,
    /// A character to look up.
    Character,
}

/// An autocomplete choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// What the member sees.
    pub label: String,
    /// What the option receives.
    pub value: String,
}

impl Choice {
    /// Discord's limit on an autocomplete choice: 100 characters for what
    /// is shown and for the value.
    pub const LIMIT: usize = 100;

    /// The choice cut to Discord's limits.
    pub(crate) fn fitted(self) -> Choice {
        let cut = |text: String| {
            if text.chars().count() <= Choice::LIMIT {
                text
            } else {
                let mut t: String = text.chars().take(Choice::LIMIT - 1).collect();
                t.push('…');
                t
            }
        };
        Choice {
            label: cut(self.label),
            value: cut(self.value),
        }
    }
}
