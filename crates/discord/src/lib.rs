//! The Discord front end of cliffhanger: slash commands and buttons turned
//! into calls on the core's `App`, replies rendered as Discord messages.
//!
//! It depends on the core's façade alone.

pub(crate) use cliffhanger_core::*;

pub mod discord;
