//! cliffhanger: a spoiler-safe Discord bot for TV fan servers.
//!
//! Episode recaps in `seeds/<show>/` become facts in SQLite (`catalog`,
//! `store`); `App` answers questions about them through the spoiler policy
//! (`spoiler`) in renderer-neutral replies (`reply`), for the console and
//! the Discord bot alike.

pub mod app;
pub mod bench;
pub mod cache;
pub mod catalog;
pub mod config;
pub mod console;
pub mod discord;
pub mod error;
pub mod facts;
pub mod guide;
pub mod i18n;
pub mod import;
pub mod index;
pub mod invoke;
pub mod model;
pub mod quiz;
pub mod render;
pub mod reply;
pub mod request;
pub mod schema;
pub mod services;
pub mod spoiler;
pub mod store;
pub mod text;
pub mod trivia;
