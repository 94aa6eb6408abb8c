//! Trivia: the question bank (generated from the recaps, written in the
//! seeds, imported from lists) and the judging of typed answers.

pub mod author;
pub mod game;
pub mod generate;
pub mod matching;
pub mod red;

use anyhow::Result;

use crate::index::Show;
use crate::store::Db;
use generate::Question;

/// The whole bank of a show: the questions generated from its facts, then
/// the hand-written and imported ones.
pub async fn bank(db: &Db, show: &Show) -> Result<Vec<Question>> {
    let facts = crate::store::quiz::show_facts(db, show.id).await?;
    let mut bank = generate::generate(show, &facts);
    for q in crate::store::quiz::stored_questions(db, show.id).await? {
        bank.push(generate::from_stored(show, &q));
    }
    Ok(bank)
}
