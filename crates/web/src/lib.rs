//! The web front end of cliffhanger: each server's public pages, the
//! moderators' desk behind Discord's login, and pictures of boards, over
//! the core's `App`.
//!
//! It depends on the core's façade alone.

pub(crate) use cliffhanger_core::*;

pub mod web;

pub use web::{Limiter, Sessions, Web, WebConfig, listen, router, serve, serve_web};
