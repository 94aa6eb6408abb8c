//! Trivia: the question bank generated from the recaps.

pub mod generate;
pub mod matching;
