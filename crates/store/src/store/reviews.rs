//! The review loop's records: reports of questions, verdicts on them, and
//! how each question has been answered, per server (the scope: a server's
//! id, or a direct message's channel).

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::{Db, on};

/// A moderator's decision on a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Keep it, and take it off the review list.
    Approved,
    /// Never ask it again in this server.
    Retired,
}

impl Verdict {
    /// How the database and commands write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Approved => "approved",
            Verdict::Retired => "retired",
        }
    }

    /// Reads a verdict; also the command's words "approve" and "retire".
    pub fn parse(s: &str) -> Option<Verdict> {
        match s.trim().to_lowercase().as_str() {
            "approved" | "approve" => Some(Verdict::Approved),
            "retired" | "retire" => Some(Verdict::Retired),
            _ => None,
        }
    }
}

/// What is known of one question in one scope (or all, summed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The question's key.
    pub key: String,
    /// Times it was asked and revealed.
    pub asked: i64,
    /// Members who answered it, counted once per round.
    pub players: i64,
    /// Of them, those who got it right.
    pub correct: i64,
    /// Members who reported it.
    pub reports: i64,
    /// When it was last reported (ms), if ever.
    pub last_report: Option<i64>,
    /// The verdict on it and when it was given, if any.
    pub verdict: Option<(Verdict, i64)>,
}

/// The scope of a game or a request: its server, or its channel where
/// there is no server.
pub fn scope_of(guild: Option<u64>, channel: u64) -> i64 {
    guild.unwrap_or(channel) as i64
}

/// A round as the review loop needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskedRound {
    /// The game.
    pub game: i64,
    /// The round's number.
    pub number: i64,
    /// The game's channel.
    pub channel: u64,
    /// The game's scope.
    pub scope: i64,
    /// The question asked.
    pub key: String,
    /// Whether its answer has been shown.
    pub revealed: bool,
}

type RoundRow = (i64, i64, i64, Option<i64>, String, Option<i64>);

fn asked_round((game, number, channel, guild, key, revealed): RoundRow) -> AskedRound {
    AskedRound {
        game,
        number,
        channel: channel as u64,
        scope: scope_of(guild.map(|g| g as u64), channel as u64),
        key,
        revealed: revealed.is_some(),
    }
}

/// One round of one game.
pub async fn round(db: &Db, game: i64, number: i64) -> Result<Option<AskedRound>> {
    let row: Option<RoundRow> = on!(db, |pool| sqlx::query_as(
        "SELECT r.game_id, r.number, g.channel_id, g.guild_id, r.question_key, r.revealed_at
         FROM rounds r JOIN games g ON g.id = r.game_id
         WHERE r.game_id = $1 AND r.number = $2",
    )
    .bind(game)
    .bind(number)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(asked_round))
}

/// The round revealed last in a channel.
pub async fn last_revealed(db: &Db, channel: u64) -> Result<Option<AskedRound>> {
    let row: Option<RoundRow> = on!(db, |pool| sqlx::query_as(
        "SELECT r.game_id, r.number, g.channel_id, g.guild_id, r.question_key, r.revealed_at
         FROM rounds r JOIN games g ON g.id = r.game_id
         WHERE g.channel_id = $1 AND r.revealed_at IS NOT NULL
         ORDER BY r.revealed_at DESC, r.game_id DESC, r.number DESC LIMIT 1",
    )
    .bind(channel as i64)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(asked_round))
}

/// Records a member's report of the question of `round`; `false` when
/// they had reported that question in that scope already.
pub async fn report(db: &Db, round: &AskedRound, user: u64, at: i64) -> Result<bool> {
    let done = on!(db, |pool| {
        sqlx::query(
        "INSERT INTO question_reports (scope, question_key, user_id, game_id, number, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (scope, question_key, user_id) DO NOTHING",
    )
    .bind(round.scope)
    .bind(&round.key)
    .bind(user as i64)
    .bind(round.game)
    .bind(round.number)
    .bind(at)
    .execute(pool)
    .await.map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

/// Records a verdict on a question in a scope, replacing an earlier one.
pub async fn decide(
    db: &Db,
    scope: i64,
    key: &str,
    verdict: Verdict,
    by: u64,
    at: i64,
) -> Result<()> {
    on!(db, |pool| {
        sqlx::query(
        "INSERT INTO question_verdicts (scope, question_key, verdict, by_user, decided_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (scope, question_key) DO UPDATE
         SET verdict = excluded.verdict, by_user = excluded.by_user, decided_at = excluded.decided_at",
    )
    .bind(scope)
    .bind(key)
    .bind(verdict.as_str())
    .bind(by as i64)
    .bind(at)
    .execute(pool)
    .await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The questions retired in a scope.
pub async fn retired(db: &Db, scope: i64) -> Result<HashSet<String>> {
    let keys: Vec<String> = on!(db, |pool| sqlx::query_scalar(
        "SELECT question_key FROM question_verdicts WHERE scope = $1 AND verdict = 'retired'",
    )
    .bind(scope)
    .fetch_all(pool)
    .await)?;
    Ok(keys.into_iter().collect())
}

/// Every question asked or reported in `scope` (every scope together when
/// `None`, verdicts left out), with how it was answered.
pub async fn records(db: &Db, scope: Option<i64>) -> Result<Vec<Record>> {
    /// How often a question was asked, to how many, how many got it.
    #[derive(sqlx::FromRow)]
    struct Played {
        question_key: String,
        asked: i64,
        players: i64,
        correct: i64,
    }
    /// How often a question was reported, and when last.
    #[derive(sqlx::FromRow)]
    struct Reported {
        question_key: String,
        reports: i64,
        last_reported: i64,
    }
    /// A moderator's verdict on a question, and when.
    #[derive(sqlx::FromRow)]
    struct Decided {
        question_key: String,
        verdict: String,
        decided_at: i64,
    }
    let mut by_key: HashMap<String, Record> = HashMap::new();
    let played: Vec<Played> = on!(db, |pool| sqlx::query_as(
        "SELECT r.question_key,
                COUNT(DISTINCT r.game_id || ':' || r.number) AS asked,
                COUNT(DISTINCT a.game_id || ':' || a.number || ':' || a.user_id) AS players,
                COUNT(DISTINCT CASE WHEN a.correct = TRUE
                      THEN a.game_id || ':' || a.number || ':' || a.user_id END) AS correct
         FROM rounds r JOIN games g ON g.id = r.game_id
         LEFT JOIN answers a ON a.game_id = r.game_id AND a.number = r.number
         WHERE r.revealed_at IS NOT NULL
           AND (CAST($1 AS BIGINT) IS NULL OR COALESCE(g.guild_id, g.channel_id) = $1)
         GROUP BY r.question_key",
    )
    .bind(scope)
    .fetch_all(pool)
    .await)?;
    for p in played {
        let r = by_key.entry(p.question_key.clone()).or_default();
        r.key = p.question_key;
        r.asked = p.asked;
        r.players = p.players;
        r.correct = p.correct;
    }
    let reported: Vec<Reported> = on!(db, |pool| sqlx::query_as(
        "SELECT question_key, COUNT(*) AS reports, MAX(reported_at) AS last_reported
         FROM question_reports
         WHERE CAST($1 AS BIGINT) IS NULL OR scope = $1 GROUP BY question_key",
    )
    .bind(scope)
    .fetch_all(pool)
    .await)?;
    for p in reported {
        let r = by_key.entry(p.question_key.clone()).or_default();
        r.key = p.question_key;
        r.reports = p.reports;
        r.last_report = Some(p.last_reported);
    }
    if let Some(scope) = scope {
        let decided: Vec<Decided> = on!(db, |pool| sqlx::query_as(
            "SELECT question_key, verdict, decided_at
             FROM question_verdicts WHERE scope = $1",
        )
        .bind(scope)
        .fetch_all(pool)
        .await)?;
        for d in decided {
            if let (Some(r), Some(v)) =
                (by_key.get_mut(&d.question_key), Verdict::parse(&d.verdict))
            {
                r.verdict = Some((v, d.decided_at));
            }
        }
    }
    let mut records: Vec<Record> = by_key.into_values().collect();
    records.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(records)
}
