//! cliffhanger: a spoiler-safe Discord bot for TV fan servers.
//!
//! Episode recaps in `seeds/<show>/` become facts in SQLite or PostgreSQL;
//! `App` answers questions about them through the spoiler policy in
//! renderer-neutral replies, for the console and the Discord bot alike.
//!
//! The layers are crates (`docs/architecture.md`): `cliffhanger-model`,
//! `cliffhanger-store`, `cliffhanger-core`, `cliffhanger-discord` and
//! `cliffhanger-web`. This
//! crate holds the console, the command line's benchmarks and the binary,
//! and re-exports the layers under the names the code has always used.

pub use cliffhanger_core::*;
pub use cliffhanger_discord::discord;
pub use cliffhanger_web as web;

pub mod bench;
pub mod console;
