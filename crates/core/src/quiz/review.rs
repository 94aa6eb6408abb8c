//! Which questions a server's moderators should look at: those members
//! reported, and those nearly everyone or nobody gets right.

use crate::store::reviews::{Record, Verdict};

/// Answers a question needs before its correct rate says anything.
pub(crate) const MIN_PLAYERS: i64 = 5;
/// At or above this share of right answers (percent), a question is too
/// easy: the choices give it away.
pub(crate) const TOO_EASY: i64 = 90;
/// At or below this share, too hard: often a question that cannot be
/// answered from what it says.
pub(crate) const TOO_HARD: i64 = 10;

/// Why a question is on the review list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Members reported it (this many).
    Reported(i64),
    /// Nearly everyone gets it right.
    TooEasy,
    /// Nearly nobody does.
    TooHard,
}

/// The share of right answers in percent, once enough have answered.
pub fn correct_rate(r: &Record) -> Option<i64> {
    (r.players >= MIN_PLAYERS).then(|| (r.correct * 100 + r.players / 2) / r.players)
}

/// Why `r` needs a look, if it does. A verdict settles a question until
/// it is reported again after it; a retired one is never listed.
pub(crate) fn why(r: &Record) -> Option<Why> {
    let reported_since = match r.verdict {
        Some((Verdict::Retired, _)) => return None,
        Some((Verdict::Approved, at)) => r.last_report.is_some_and(|last| last > at),
        None => r.reports > 0,
    };
    if reported_since {
        return Some(Why::Reported(r.reports));
    }
    if r.verdict.is_some() {
        return None;
    }
    match correct_rate(r)? {
        rate if rate >= TOO_EASY => Some(Why::TooEasy),
        rate if rate <= TOO_HARD => Some(Why::TooHard),
        _ => None,
    }
}

/// The review list, most urgent first: the most reported, then the
/// furthest from a fair rate, then the most played.
pub fn list(records: &[Record]) -> Vec<(&Record, Why)> {
    let mut listed: Vec<(&Record, Why)> =
        records.iter().filter_map(|r| Some((r, why(r)?))).collect();
    listed.sort_by_key(|(r, why)| {
        let reports = match why {
            Why::Reported(n) => *n,
            _ => 0,
        };
        let off = correct_rate(r).map_or(0, |rate| (rate - 50).abs());
        (
            std::cmp::Reverse(reports),
            std::cmp::Reverse(off),
            std::cmp::Reverse(r.players),
            r.key.clone(),
        )
    });
    listed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(key: &str, players: i64, correct: i64, reports: i64) -> Record {
        Record {
            key: key.to_string(),
            asked: 1,
            players,
            correct,
            reports,
            last_report: (reports > 0).then_some(1_000),
            verdict: None,
        }
    }

    #[test]
    fn reported_easy_and_hard_questions_are_listed_worst_first() {
        let records = [
            record("fair", 10, 5, 0),
            record("easy", 10, 10, 0),
            record("hard", 20, 1, 0),
            record("few", 4, 4, 0),
            record("once", 10, 5, 1),
            record("twice", 0, 0, 2),
        ];
        let listed: Vec<(&str, Why)> = list(&records)
            .into_iter()
            .map(|(r, w)| (r.key.as_str(), w))
            .collect();
        assert_eq!(
            listed,
            vec![
                ("twice", Why::Reported(2)),
                ("once", Why::Reported(1)),
                ("easy", Why::TooEasy),
                ("hard", Why::TooHard),
            ]
        );
    }

    #[test]
    fn a_verdict_settles_a_question_until_it_is_reported_again() {
        let mut r = record("q", 10, 10, 1);
        r.verdict = Some((Verdict::Approved, 2_000));
        assert_eq!(why(&r), None, "approved after the report, and easy");
        r.last_report = Some(3_000);
        r.reports = 2;
        assert_eq!(why(&r), Some(Why::Reported(2)));
        r.verdict = Some((Verdict::Retired, 4_000));
        assert_eq!(why(&r), None, "retired: never asked, never listed");
    }

    #[test]
    fn the_rate_needs_enough_answers() {
        assert_eq!(correct_rate(&record("q", 4, 4, 0)), None);
        assert_eq!(correct_rate(&record("q", 5, 4, 0)), Some(80));
        assert_eq!(correct_rate(&record("q", 3 * MIN_PLAYERS, 1, 0)), Some(7));
    }
}
