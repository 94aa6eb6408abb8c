//! cliffhanger: a spoiler-safe Discord bot for TV fan servers.
//!
//! Episode recaps in `seeds/<show>/` become facts in SQLite (`catalog`,
//! `store`); the front ends answer questions about them without spoiling
//! what a member has not watched yet.

pub mod bench;
pub mod catalog;
pub mod config;
pub mod error;
pub mod store;
pub mod text;
