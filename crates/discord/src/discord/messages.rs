//! Replies as Discord messages: short plain replies as message text, the
//! rest as one embed; trivia questions with lettered answer buttons.

use poise::serenity_prelude as serenity;

use crate::reply::{Buttons, Does, Reply, Round, limits};

/// Custom ids of answer buttons start with this.
const BUTTON_PREFIX: &str = "trivia";

/// Embed colour: a stage-curtain red.
const COLOUR: u32 = 0x00B2_2234;

/// The custom id of one answer button: game, round and choice (A = 0).
pub(crate) fn button_id(round: Round, choice: usize) -> String {
    format!("{BUTTON_PREFIX}:{}:{}:{choice}", round.game, round.number)
}

/// Reads a button's custom id back; `None` for anything not made by
/// [`button_id`].
pub(crate) fn parse_button_id(id: &str) -> Option<(Round, usize)> {
    let mut parts = id.split(':');
    if parts.next()? != BUTTON_PREFIX {
        return None;
    }
    let game: i64 = parts.next()?.parse().ok()?;
    let number: usize = parts.next()?.parse().ok()?;
    let choice: usize = parts.next()?.parse().ok()?;
    // Round 0 is a question of the day's (`Round::daily`).
    if parts.next().is_some() || game <= 0 || choice >= 26 {
        return None;
    }
    Some((Round { game, number }, choice))
}

/// The answer buttons (A, B, C, ...), enabled or not.
pub(crate) fn buttons(b: Buttons, disabled: bool) -> Vec<serenity::CreateActionRow> {
    let row = (0..b.count.min(5))
        .map(|choice| {
            let letter = char::from(b'A' + choice as u8);
            serenity::CreateButton::new(button_id(b.round, choice))
                .label(letter.to_string())
                .style(serenity::ButtonStyle::Primary)
                .disabled(disabled)
        })
        .collect();
    vec![serenity::CreateActionRow::Buttons(row)]
}

/// Custom ids of report buttons start with this.
const REPORT_PREFIX: &str = "report";
/// Custom ids of review buttons start with this.
const REVIEW_PREFIX: &str = "review";

/// The custom id of an action button.
pub(crate) fn action_id(does: &Does) -> String {
    match does {
        Does::Report(round) => format!("{REPORT_PREFIX}:{}:{}", round.game, round.number),
        Does::Approve(key) => format!("{REVIEW_PREFIX}:approve:{key}"),
        Does::Retire(key) => format!("{REVIEW_PREFIX}:retire:{key}"),
    }
}

/// Reads an action button's custom id back; `None` for anything not made
/// by [`action_id`].
pub(crate) fn parse_action_id(id: &str) -> Option<Does> {
    let mut parts = id.split(':');
    let does = match parts.next()? {
        REPORT_PREFIX => {
            let game: i64 = parts.next()?.parse().ok()?;
            let number: usize = parts.next()?.parse().ok()?;
            if game <= 0 || number == 0 {
                return None;
            }
            Does::Report(Round { game, number })
        }
        REVIEW_PREFIX => {
            let verdict = parts.next()?;
            let key = parts.next()?;
            if key.is_empty() || key.len() > 64 || !key.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            match verdict {
                "approve" => Does::Approve(key.to_string()),
                "retire" => Does::Retire(key.to_string()),
                _ => return None,
            }
        }
        _ => return None,
    };
    parts.next().is_none().then_some(does)
}

/// A reply's rows of buttons: its answer buttons, then its actions.
fn components(reply: &Reply) -> Vec<serenity::CreateActionRow> {
    let mut rows = reply.buttons.map(|b| buttons(b, false)).unwrap_or_default();
    if !reply.actions.is_empty() {
        let row = reply
            .actions
            .iter()
            .take(5)
            .map(|a| {
                let style = match a.does {
                    Does::Report(_) => serenity::ButtonStyle::Secondary,
                    Does::Approve(_) => serenity::ButtonStyle::Success,
                    Does::Retire(_) => serenity::ButtonStyle::Danger,
                };
                serenity::CreateButton::new(action_id(&a.does))
                    .label(&a.label)
                    .style(style)
            })
            .collect();
        rows.push(serenity::CreateActionRow::Buttons(row));
    }
    rows
}

/// How a reply is shown.
pub(crate) enum Shape {
    /// As message text.
    Text(String),
    /// As one embed.
    Embed(Box<serenity::CreateEmbed>),
}

/// Short replies without a title or fields read best as plain text (which
/// also renders member mentions); everything else becomes an embed.
pub(crate) fn shape(reply: &Reply) -> Shape {
    if reply.title.is_none() && reply.fields.is_empty() && reply.picture.is_none() {
        let mut lines = reply.lines.clone();
        // Discord's small print.
        lines.extend(reply.notes.iter().map(|n| format!("-# {n}")));
        let text = lines.join("\n");
        if text.chars().count() <= limits::CONTENT {
            return Shape::Text(text);
        }
    }
    let mut embed = serenity::CreateEmbed::new()
        .colour(COLOUR)
        .description(reply.description());
    if let Some(title) = &reply.title {
        embed = embed.title(title);
    }
    for field in &reply.fields {
        embed = embed.field(&field.name, field.lines.join("\n"), false);
    }
    if !reply.notes.is_empty() {
        embed = embed.footer(serenity::CreateEmbedFooter::new(reply.footer()));
    }
    // The picture is attached to the message and shown in its embed.
    if let Some(picture) = &reply.picture {
        embed = embed.image(format!("attachment://{}", picture.name));
    }
    Shape::Embed(Box::new(embed))
}

/// Nobody is pinged by the bot's messages: mentions show as names only.
pub(crate) fn no_pings() -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
}

/// Fills any of Discord's message builders (they share these methods but
/// no trait) with a reply: its text or embed, and its buttons; nobody is
/// pinged.
macro_rules! filled {
    ($builder:expr, $reply:expr, $attach:ident) => {{
        let reply: &Reply = $reply;
        let mut out = $builder.allowed_mentions(no_pings());
        out = match shape(reply) {
            Shape::Text(text) => out.content(text),
            Shape::Embed(embed) => out.embed(*embed),
        };
        let rows = components(reply);
        if !rows.is_empty() {
            out = out.components(rows);
        }
        if let Some(picture) = &reply.picture {
            out = out.$attach(serenity::CreateAttachment::bytes(
                picture.png.to_vec(),
                picture.name.clone(),
            ));
        }
        out
    }};
}

/// A reply to an interaction (ephemeral when private).
pub(crate) fn create_reply(reply: &Reply) -> poise::CreateReply {
    filled!(
        poise::CreateReply::default().ephemeral(reply.private),
        reply,
        attachment
    )
}

/// A reply to a button click (ephemeral when private).
pub(crate) fn interaction_message(reply: &Reply) -> serenity::CreateInteractionResponseMessage {
    filled!(
        serenity::CreateInteractionResponseMessage::new().ephemeral(reply.private),
        reply,
        add_file
    )
}

/// A reply sent after a click was acknowledged (ephemeral when private).
pub(crate) fn followup_message(reply: &Reply) -> serenity::CreateInteractionResponseFollowup {
    filled!(
        serenity::CreateInteractionResponseFollowup::new().ephemeral(reply.private),
        reply,
        add_file
    )
}

/// A message posted to a channel.
pub(crate) fn create_message(reply: &Reply) -> serenity::CreateMessage {
    filled!(serenity::CreateMessage::new(), reply, add_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_ids_round_trip_and_reject_anything_else() {
        let round = Round {
            game: 42,
            number: 3,
        };
        for does in [
            Does::Report(round),
            Does::Approve("0a1b2c3d4e5f6071".to_string()),
            Does::Retire("0a1b2c3d4e5f6071".to_string()),
        ] {
            assert_eq!(parse_action_id(&action_id(&does)), Some(does));
        }
        assert_eq!(action_id(&Does::Report(round)), "report:42:3");
        for bad in [
            "",
            "report",
            "report:0:1",
            "report:42:0",
            "report:42:3:1",
            "review:keep:abc",
            "review:retire:",
            "review:retire:a b",
            "review:retire:abc:def",
            "trivia:42:3:2",
        ] {
            assert_eq!(parse_action_id(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn button_ids_round_trip_and_reject_anything_else() {
        let round = Round {
            game: 42,
            number: 3,
        };
        assert_eq!(button_id(round, 2), "trivia:42:3:2");
        assert_eq!(parse_button_id("trivia:42:3:2"), Some((round, 2)));
        // A question of the day's.
        let daily = Round::daily(7);
        assert_eq!(parse_button_id(&button_id(daily, 1)), Some((daily, 1)));
        for bad in [
            "",
            "trivia",
            "trivia:42:3",
            "trivia:42:3:2:1",
            "quiz:42:3:2",
            "trivia:x:3:2",
            "trivia:-1:3:2",
            "trivia:42:3:26",
            "trivia:42:3:-1",
        ] {
            assert_eq!(parse_button_id(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn short_plain_replies_are_text_and_others_embeds() {
        let mut reply = Reply::line("**Hello** <@1>");
        reply.notes.push("a note".into());
        match shape(&reply) {
            Shape::Text(text) => assert_eq!(text, "**Hello** <@1>\n-# a note"),
            Shape::Embed(_) => panic!("expected text"),
        }
        reply.title = Some("Karen".into());
        assert!(matches!(shape(&reply), Shape::Embed(_)));
        let long = Reply::line("x".repeat(limits::CONTENT + 1));
        assert!(matches!(shape(&long), Shape::Embed(_)));
    }
}
