//! Trivia lists written by hand (Red-DiscordBot's format) imported into a
//! show's question bank.

use super::Trivia;
use crate::error::{Outcome, refuse};
use crate::model::Language;
use crate::reply::Reply;
use crate::services::Shared;

/// A trivia list to import, and where its questions belong.
#[derive(Debug, Clone, Copy)]
pub struct ListFile<'a> {
    /// The file, as reports name it.
    pub file: &'a std::path::Path,
    /// Its text.
    pub text: &'a str,
    /// The show (slug).
    pub show: &'a str,
    /// Every question belongs to this episode, unless it names its own.
    pub episode: Option<crate::model::EpisodeKey>,
    /// Or to the last episode of this season.
    pub season: Option<u32>,
    /// The language the questions are in.
    pub language: Language,
}

/// What importing a trivia list did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListImported {
    /// The show's title.
    pub show: String,
    /// Questions imported.
    pub questions: usize,
    /// Of which tied to an episode (the others spoil the whole show).
    pub with_episode: usize,
    /// Questions of an earlier import of the same file, replaced.
    pub replaced: u64,
    /// Questions the file lists more than once (words, earlier line, later
    /// line): the later is imported.
    pub listed_twice: Vec<(String, usize, usize)>,
}

impl Trivia {
    /// Imports a Red-DiscordBot trivia list (`text`, read from `file`) into
    /// a show's question bank, replacing an earlier import of the same
    /// file. A question's episode is its own `S1E12:` prefix, else
    /// `episode`, else the last catalogued episode of `season`; with none,
    /// it spoils the whole show. Bad input is an `Err` with what to fix,
    /// and nothing is written.
    pub(crate) async fn import_list(
        &self,
        shared: &Shared,
        list: ListFile<'_>,
    ) -> Outcome<ListImported> {
        let ListFile {
            file,
            text,
            show,
            episode,
            season,
            language,
        } = list;
        let list = match crate::quiz::red::parse(file, text) {
            Ok(list) => list,
            Err(errors) => return refuse(Reply::line(errors.to_string())),
        };
        let index = shared.sync().await?;
        let Some(show) = index.show(show) else {
            return refuse(Reply::line(format!(
                "there is no show \"{show}\" in the catalog"
            )));
        };
        let season_end = match season {
            None => None,
            Some(n) => match show.episodes.iter().rev().find(|e| e.key.season == n) {
                Some(e) => Some(e.key),
                None => {
                    return refuse(Reply::line(format!(
                        "{} has no episodes of season {n} in the catalog",
                        show.title.raw()
                    )));
                }
            },
        };
        let questions: Vec<crate::store::quiz::NewListQuestion> = list
            .questions
            .iter()
            .map(|q| crate::store::quiz::NewListQuestion {
                line: q.line,
                episode_order: q
                    .episode
                    .or(episode)
                    .or(season_end)
                    .map(crate::model::EpisodeKey::order),
                language: language.code(),
                prompt: q.prompt.clone(),
                answer: q.answers[0].clone(),
                accepted: q.answers[1..].to_vec(),
            })
            .collect();
        let replaced = crate::store::quiz::replace_list(
            &shared.db,
            show.id,
            &show.slug,
            &file.to_string_lossy(),
            &questions,
        )
        .await?;
        // The catalog's version moved: this process reads it again too.
        shared.sync().await?;
        Ok(ListImported {
            show: show.title.raw().to_string(),
            questions: questions.len(),
            with_episode: questions
                .iter()
                .filter(|q| q.episode_order.is_some())
                .count(),
            replaced,
            listed_twice: list.listed_twice,
        })
    }
}
