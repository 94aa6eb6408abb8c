//! The store of cliffhanger: one API over SQLite and PostgreSQL for the
//! catalog, members, games, reviews and the outbox.
//!
//! It stands on the model and nothing above it.

pub(crate) use cliffhanger_model::{model, reply};

pub mod store;
