//! The core of cliffhanger: the catalog in memory, the spoiler gate on
//! every lookup, trivia, the services, and `App`, the façade both front
//! ends call.
//!
//! The front ends depend on this crate alone; what they need of the layers
//! below is re-exported here.

pub use cliffhanger_model::{config, error, i18n, model, reply, seeds, spoiler, text};
pub use cliffhanger_store::store;

pub mod app;
pub mod cache;
pub mod card;
pub mod clock;
pub mod facts;
pub mod guide;
pub mod import;
pub mod index;
pub mod invoke;
pub mod kept;
pub(crate) mod postings;
pub mod quiz;
pub mod render;
pub mod request;
pub mod schema;
pub mod services;
pub(crate) mod texts;
pub mod trivia;
