//! The model of cliffhanger: what a show, an episode, a character and a fact
//! are; text typed by the spoiler it carries; the replies every front end
//! renders; settings; and the seed format that recaps are written in.
//!
//! The lowest layer: it names no other crate of the bot.

pub mod config;
pub mod error;
pub mod i18n;
pub mod model;
pub mod reply;
pub mod seeds;
pub mod spoiler;
pub mod text;
