//! Trivia: the question bank (generated from the recaps, written in the
//! seeds, imported from lists) and the judging of typed answers.

pub mod author;
pub mod filter;
pub mod game;
pub mod generate;
pub mod matching;
pub mod pronouns;
pub mod red;
pub mod review;
pub mod score;

use anyhow::Result;

use crate::index::Show;
use crate::store::Db;
use generate::Question;

/// The facts a show's generated questions are drawn from, at most: a show
/// with more uses an even sample of its facts (one in every few of each
/// recap), so a bank of a long-running show is built in seconds and held
/// in tens of megabytes, and still has questions about every episode.
pub(crate) const BANK_FACTS: i64 = 30_000;

/// One fact in every this many goes into the bank, for a show of `facts`.
pub fn sample_every(facts: i64) -> i64 {
    ((facts + BANK_FACTS - 1) / BANK_FACTS).max(1)
}

/// The facts a show's generated questions are drawn from: all of them, or
/// past [`BANK_FACTS`] a sample.
async fn bank_facts(db: &Db, show: &Show) -> Result<Vec<crate::store::quiz::QuizFact>> {
    let every = sample_every(crate::store::quiz::fact_count(db, show.id).await?);
    crate::store::quiz::show_facts(db, show.id, every).await
}

/// The facts a show's questions are drawn from that make none, each with
/// the reason: (episode, language, text, reason), in fact order.
pub async fn skipped_facts(
    db: &Db,
    show: &Show,
) -> Result<Vec<(crate::model::EpisodeKey, String, String, filter::Skip)>> {
    let facts = bank_facts(db, show).await?;
    let pronouns = pronouns::of_show(show, &facts);
    // A sentence leaning on the one before may still make a question,
    // asked with that sentence above it.
    let made: std::collections::HashSet<String> = generate::candidates(show, &facts)
        .into_iter()
        .map(|q| q.source)
        .collect();
    Ok(facts
        .into_iter()
        .filter(|f| !made.contains(&format!("fact {}", f.id)))
        .filter_map(|f| {
            let language = crate::model::Language::parse(&f.language)?;
            let skip = generate::skipped(language, &f, &pronouns)?;
            let episode = crate::model::EpisodeKey::from_order(f.episode_order);
            Some((episode, f.language, f.text, skip))
        })
        .collect())
}

/// Every question a show's facts make, each with its score, asked or not
/// (`questions --why`).
pub async fn scored(db: &Db, show: &Show) -> Result<Vec<Question>> {
    let facts = bank_facts(db, show).await?;
    Ok(generate::candidates(show, &facts))
}

/// The whole bank of a show: the questions generated from its facts (a
/// sample of them past [`BANK_FACTS`]), then the hand-written and imported
/// ones.
/// The questions are made on a blocking thread, so that the requests
/// served meanwhile are not held up.
pub async fn bank(db: &Db, show: &Show) -> Result<Vec<Question>> {
    let facts = bank_facts(db, show).await?;
    let owned = show.clone();
    let mut bank = tokio::task::spawn_blocking(move || generate::generate(&owned, &facts)).await?;
    for q in crate::store::quiz::stored_questions(db, show.id).await? {
        bank.push(generate::from_stored(show, &q));
    }
    Ok(bank)
}

/// A bank as kept in the database: its questions with their scores, as
/// JSON (a question's own form leaves its score out).
pub fn write_kept(bank: &[Question]) -> Result<String> {
    let kept: Vec<(&Question, &Option<score::Score>)> =
        bank.iter().map(|q| (q, &q.score)).collect();
    Ok(serde_json::to_string(&kept)?)
}

/// A bank kept by [`write_kept`].
pub fn read_kept(text: &str) -> Result<Vec<Question>> {
    let kept: Vec<(Question, Option<score::Score>)> = serde_json::from_str(text)?;
    Ok(kept
        .into_iter()
        .map(|(mut q, score)| {
            q.score = score;
            q
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_running_show_is_sampled_evenly() {
        assert_eq!(sample_every(0), 1);
        assert_eq!(sample_every(BANK_FACTS), 1);
        assert_eq!(sample_every(BANK_FACTS + 1), 2);
        assert_eq!(sample_every(1_000_800), 34);
        // One in every 34 of each recap of 60 sentences: every recap has
        // one or two in the bank, whatever its episode.
        for episode in 1..200 {
            let ids =
                (0..60).map(|p| crate::model::fact_id(1, episode, crate::model::Language::En, p));
            let kept = ids.filter(|id| id % 34 == 0).count();
            assert!((1..=2).contains(&kept), "episode {episode}: {kept}");
        }
    }
}
