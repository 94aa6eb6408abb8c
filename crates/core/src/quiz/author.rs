//! The question bank as its seed authors read it (`cliffhanger questions`):
//! every question of every episode, ungated. This is the one place where a
//! question's words are written out without the spoiler gate, for the
//! people who wrote the seeds, never for a member.

use serde::Serialize;

use super::generate::{Question, QuestionKind};
use crate::model::EpisodeKey;
use crate::model::Language;
use crate::spoiler::Told;

/// A question as `questions --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorView {
    /// Stable identity.
    pub key: String,
    /// Show slug.
    pub show: String,
    /// The episode it spoils; `null` for the whole show.
    pub episode: Option<EpisodeKey>,
    /// Language.
    pub language: Language,
    /// What it asks for.
    pub kind: QuestionKind,
    /// The question.
    pub prompt: String,
    /// The answer.
    pub answer: String,
    /// Other answers taken when typed.
    pub accepted: Vec<String>,
    /// The lettered choices.
    pub choices: Vec<String>,
    /// Where it came from.
    pub source: String,
    /// The fact it came from.
    pub fact: Option<String>,
    /// The recap section.
    pub context: Option<String>,
    /// The sentence before, shown above the prompt.
    pub lead: Option<String>,
    /// Its score and the signals behind it ("0.90: later-in-paragraph"),
    /// for a generated question.
    pub score: Option<String>,
}

fn words(told: &Told) -> String {
    told.unrendered().to_string()
}

impl AuthorView {
    /// The whole of `q`.
    pub fn of(q: &Question) -> AuthorView {
        AuthorView {
            key: q.key.clone(),
            show: q.show.clone(),
            episode: q.episode,
            language: q.language,
            kind: q.kind,
            prompt: words(&q.prompt),
            answer: words(&q.answer),
            accepted: q.accepted.iter().map(words).collect(),
            choices: q.choices.iter().map(words).collect(),
            source: q.source.clone(),
            fact: q.fact.as_ref().map(words),
            context: q.context.as_ref().map(words),
            lead: q.lead.as_ref().map(words),
            score: q.score.as_ref().map(|s| s.explained()),
        }
    }

    /// The question as a few lines of text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let context = self
            .context
            .as_deref()
            .map(|c| format!(" · {c}"))
            .unwrap_or_default();
        let at = self
            .episode
            .map_or_else(|| "whole show".to_string(), |e| e.to_string());
        let score = self
            .score
            .as_deref()
            .map(|s| format!("; score {s}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{at} [{}] {:?}{context} ({}{score})\n",
            self.language.code(),
            self.kind,
            self.source
        ));
        if let Some(lead) = &self.lead {
            out.push_str(&format!("  ({lead})\n"));
        }
        out.push_str(&format!("  {}\n", self.prompt));
        if self.choices.is_empty() {
            out.push_str(&format!("    answer: {} (typed only)\n", self.answer));
        }
        for (letter, choice) in ('A'..).zip(&self.choices) {
            let mark = if *choice == self.answer {
                "  <- answer"
            } else {
                ""
            };
            out.push_str(&format!("    {letter}) {choice}{mark}\n"));
        }
        if !self.accepted.is_empty() {
            out.push_str(&format!("  also accepted: {}\n", self.accepted.join(", ")));
        }
        out
    }
}
