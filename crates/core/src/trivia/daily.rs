//! The question of the day: a server's managers say where and when
//! (`/daily set`), and each day at that local time the bot posts one
//! question drawn within the channel's spoiler horizon, with a thread to
//! talk about it; members answer by button or `/daily answer` until the
//! next one, which first reveals the last answer and who got it. No
//! question comes back until the bank has gone round. Each day is one
//! action on the schedule, done in the transaction that stores its
//! question and posts, so it runs once whichever process finds it due; a
//! day found more than half a day late is skipped, saying so.

use chrono::{Duration, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use rand::seq::SliceRandom;

use super::Trivia;
use super::replies::{player, private, revealed, shown};
use crate::error::{Outcome, refuse};
use crate::i18n::{Locale, m, n, s, t};
use crate::index::Show;
use crate::model::Language;
use crate::quiz::game::{Mode, judge_typed, letter_index};
use crate::quiz::generate::{Question, QuestionKind, fit_to_gate};
use crate::quiz::matching::Judgement;
use crate::render::finish;
use crate::reply::{Buttons, Reply, Round};
use crate::request::Ctx;
use crate::services::Shared;
use crate::services::catalog::{episode_input, resolve_show};
use crate::spoiler::{Gate, Outside, Style, Told, truncate_balanced};
use crate::store::daily::{self, DailySettings, NewAsked, Step, Stepped};
use crate::store::games::Posting;
use crate::store::schedule::{self, DAILY, Due};

/// A question of the day found later than this (ms) is not posted: the
/// day is skipped, and the channel told.
const TOO_LATE_MS: i64 = 12 * 3_600_000;

/// A scheduled post later than this (ms) says how late.
pub(super) const LATE_NOTE_MS: i64 = 60_000;

/// How many times a day's posts are rendered again when horizons or the
/// catalog changed under them.
const STALE_TRIES: usize = 4;

/// The longest a choice is shown.
const CHOICE_MAX: usize = 200;

/// Options of `/daily set`.
#[derive(Debug, Clone, Default)]
pub struct DailyOptions {
    /// Where to post; default: where the command is given.
    pub channel: Option<u64>,
    /// The local time, "HH:MM".
    pub time: String,
    /// An IANA time zone.
    pub timezone: String,
    /// The show (slug or title).
    pub show: Option<String>,
    /// `choices` (default) or `typed`.
    pub mode: Option<Mode>,
}

/// Reads a time of day, "9:00", "09:00" or "21:30": minutes after
/// midnight.
pub(super) fn minute_of_day(text: &str) -> Option<i64> {
    let time = NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()?;
    Some(i64::from(time.hour() * 60 + time.minute()))
}

/// Reads a time zone: an IANA name ("Europe/Berlin", "America/New_York",
/// "UTC"), in any case.
pub(super) fn zone(text: &str) -> Option<Tz> {
    let text = text.trim();
    text.parse::<Tz>().ok().or_else(|| {
        chrono_tz::TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(text))
            .copied()
    })
}

/// The first moment after `after_ms` that is `minute` minutes past
/// midnight in `tz`, by its clocks that day: a time the clocks skip (the
/// hour lost in spring) is the moment they reach after it, a time they
/// pass twice (in autumn) the first.
pub(super) fn next_at(tz: Tz, minute: i64, after_ms: i64) -> i64 {
    let after = Utc
        .timestamp_millis_opt(after_ms)
        .single()
        .unwrap_or_default();
    let today = after.with_timezone(&tz).date_naive();
    for day in 0..=2 {
        let date = today + Duration::days(day);
        let wall = date.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(minute);
        if let Some(at) = local_moment(tz, wall).filter(|at| *at > after_ms) {
            return at;
        }
    }
    after_ms + 86_400_000
}

/// The moment the clocks of `tz` show `wall`: a time they skip (the hour
/// lost in spring) is the moment they reach after it, a time they pass
/// twice (in autumn) the first.
pub(super) fn local_moment(tz: Tz, wall: chrono::NaiveDateTime) -> Option<i64> {
    tz.from_local_datetime(&wall)
        .earliest()
        .or_else(|| {
            (1..=8)
                .map(|quarter| wall + Duration::minutes(15 * quarter))
                .find_map(|later| tz.from_local_datetime(&later).earliest())
        })
        .map(|t| t.timestamp_millis())
}

/// A moment as the server's clocks show it: "2026-12-08 09:00 (Europe/Berlin)".
pub(super) fn local(tz: Tz, at_ms: i64) -> String {
    let at = Utc
        .timestamp_millis_opt(at_ms)
        .single()
        .unwrap_or_default()
        .with_timezone(&tz);
    format!("{} ({})", at.format("%Y-%m-%d %H:%M"), tz.name())
}

/// A length of time in whole hours and minutes: "14 h 5 min".
pub(super) fn span(ms: i64) -> String {
    let minutes = (ms / 60_000).max(0);
    match (minutes / 60, minutes % 60) {
        (0, min) => format!("{min} min"),
        (h, 0) => format!("{h} h"),
        (h, min) => format!("{h} h {min} min"),
    }
}

/// Who sees the channel: the gate of a post there is its horizon alone.
pub(super) fn channel_ctx(guild: u64, channel: u64, locale: Locale) -> Ctx {
    Ctx {
        user: 0,
        channel,
        guild: Some(guild),
        locale,
        can_manage_channel: false,
        can_manage_guild: false,
        thread_of: None,
    }
}

fn mode_of(settings: &DailySettings) -> Mode {
    if settings.mode == "typed" {
        Mode::Typed
    } else {
        Mode::Choices
    }
}

/// The time zone a member wrote, or why it is none.
pub(super) fn time_zone(l: Locale, written: &str) -> Outcome<Tz> {
    match zone(written) {
        Some(tz) => Ok(tz),
        None => refuse(private(t(
            l,
            "daily-bad-timezone",
            &[s("timezone", written)],
        ))),
    }
}

/// The time of day (minutes after midnight) and time zone a member wrote,
/// or why they are none.
pub(super) fn time_of_day(l: Locale, time: &str, timezone: &str) -> Outcome<(i64, Tz)> {
    let Some(minute) = minute_of_day(time) else {
        return refuse(private(t(l, "daily-bad-time", &[s("time", time)])));
    };
    Ok((minute, time_zone(l, timezone)?))
}

impl Trivia {
    /// `/daily set`: where, when and in which time zone the server's
    /// question of the day is posted, from now on.
    pub async fn daily_set(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        opts: DailyOptions,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed_guild(ctx)?;
        let (minute, tz) = time_of_day(l, &opts.time, &opts.timezone)?;
        let index = shared.sync().await?;
        let show = resolve_show(&index, l, opts.show.as_deref())?;
        let channel = opts.channel.unwrap_or(ctx.channel);
        // A channel with no horizon has nothing a question may be about.
        let gate = shared
            .gate(&channel_ctx(guild, channel, l), show.id)
            .await?;
        let Some(up_to) = gate.plain_upto() else {
            return refuse(private(t(
                l,
                "daily-no-horizon",
                &[m("channel", format!("<#{channel}>"))],
            )));
        };
        let settings = DailySettings {
            guild: guild as i64,
            channel: channel as i64,
            at_minute: minute,
            timezone: tz.name().to_string(),
            show_id: Some(show.id),
            mode: match opts.mode.unwrap_or(Mode::Choices) {
                Mode::Choices => "choices",
                Mode::Typed => "typed",
            }
            .to_string(),
            locale: l.code().to_string(),
            set_by: ctx.user as i64,
            set_at: now_ms,
        };
        let mut first = next_at(tz, minute, now_ms);
        // One question a day: a day that has had its question already
        // (the time set again, later that day) gets the next one tomorrow.
        if let Some(open) = daily::open(&shared.db, guild).await?
            && local_date(tz, open.asked_at) == local_date(tz, first)
        {
            first = next_at(tz, minute, first);
        }
        daily::configure(&shared.db, &settings, first).await?;
        self.read_schedule(shared).await?;
        tracing::info!(guild, channel, at = %local(tz, first), "question of the day set");
        let mut reply = described(l, &settings, &show.title, Some(first));
        reply
            .notes
            .push(t(l, "daily-set-within", &[m("episode", up_to.to_string())]));
        Ok(reply.private())
    }

    /// `/daily show`: the server's question of the day, if it has one.
    pub async fn daily_show(&self, shared: &Shared, ctx: &Ctx) -> Outcome<Reply> {
        let l = ctx.locale;
        let Some(guild) = ctx.guild else {
            return refuse(private(t(l, "daily-needs-server", &[])));
        };
        let Some(settings) = daily::settings(&shared.db, guild).await? else {
            return Ok(private(t(l, "daily-none", &[])));
        };
        let index = shared.sync().await?;
        let title =
            show_of(&index, &settings).map_or_else(|| Outside::new(""), |s| s.title.clone());
        let next = schedule::next_for(&shared.db, DAILY, guild).await?;
        Ok(described(l, &settings, &title, next).private())
    }

    /// `/daily off`: no more questions of the day here (answers and the
    /// board are kept).
    pub async fn daily_off(&self, shared: &Shared, ctx: &Ctx, now_ms: i64) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed_guild(ctx)?;
        let was_on = daily::switch_off(&shared.db, guild, now_ms).await?;
        self.read_schedule(shared).await?;
        let key = if was_on { "daily-off" } else { "daily-none" };
        Ok(private(t(l, key, &[])))
    }

    /// A click on a question of the day's button.
    pub(crate) async fn daily_click(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        id: i64,
        choice: usize,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let Some(guild) = ctx.guild else {
            return refuse(private(t(l, "daily-needs-server", &[])));
        };
        let Some((asked, revealed)) = daily::asked(&shared.db, guild, id).await? else {
            return refuse(private(t(l, "daily-nothing-open", &[])));
        };
        if revealed {
            return refuse(private(t(l, "daily-closed", &[])));
        }
        let question: Question = stored(&asked.question)?;
        let Some(picked) = question.choices.get(choice) else {
            return refuse(private(t(l, "daily-nothing-open", &[])));
        };
        let letter = letter(choice);
        let correct = *picked == question.answer;
        self.daily_take(shared, ctx, asked.id, (&letter, correct), now_ms)
            .await
    }

    /// `/daily answer`: a letter, or the answer typed, to the open
    /// question of the day.
    pub async fn daily_answer(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        text: &str,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let Some(guild) = ctx.guild else {
            return refuse(private(t(l, "daily-needs-server", &[])));
        };
        let Some(asked) = daily::open(&shared.db, guild).await? else {
            return refuse(private(t(l, "daily-nothing-open", &[])));
        };
        let question: Question = stored(&asked.question)?;
        // A letter picks a choice where there are choices; otherwise the
        // answer is read as typed.
        let picked = letter_index(text, question.choices.len());
        let (given, correct) = match picked {
            Some(i) => (letter(i), question.choices[i] == question.answer),
            None => match judge_typed(&question, text) {
                Judgement::Several => {
                    return refuse(private(t(l, "daily-answer-unclear", &[])));
                }
                verdict => (text.trim().to_string(), verdict == Judgement::Correct),
            },
        };
        self.daily_take(shared, ctx, asked.id, (&given, correct), now_ms)
            .await
    }

    async fn daily_take(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        id: i64,
        (given, correct): (&str, bool),
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        if !daily::answer(&shared.db, id, ctx.user, (given, correct), now_ms).await? {
            return refuse(private(t(l, "daily-already", &[])));
        }
        // Right or wrong is told with the next question, to everyone at
        // once: nobody can pass the answer on.
        Ok(private(t(l, "daily-answered", &[s("answer", given)])))
    }

    /// `/daily leaderboard`: who got the most questions of the day right,
    /// and their streaks (days in a row right).
    pub async fn daily_leaderboard(&self, shared: &Shared, ctx: &Ctx) -> Outcome<Reply> {
        let l = ctx.locale;
        let Some(guild) = ctx.guild else {
            return refuse(private(t(l, "daily-needs-server", &[])));
        };
        let record = daily::record(&shared.db, guild).await?;
        let board = standings(&record);
        let mut reply = Reply {
            title: Some(t(l, "daily-board-title", &[])),
            ..Reply::default()
        };
        if board.is_empty() {
            reply.lines.push(t(l, "daily-board-empty", &[]));
        }
        for (place, line) in board.iter().take(10).enumerate() {
            reply.lines.push(t(
                l,
                "daily-board-line",
                &[
                    n("place", place + 1),
                    m("player", player(line.user)),
                    n("right", line.right),
                    n("streak", line.streak),
                    n("best", line.best),
                ],
            ));
        }
        reply
            .notes
            .push(t(l, "daily-board-days", &[n("days", record.len())]));
        Ok(reply)
    }

    /// Does every action of the schedule due by `now_ms` (questions of
    /// the day, scheduled games and their reminders, rewatches' steps): what each channel is
    /// told. An action another process did first is left to it.
    pub(crate) async fn daily_tick(
        &self,
        shared: &Shared,
        now_ms: i64,
    ) -> anyhow::Result<Vec<(u64, Vec<Reply>)>> {
        // The clock ticks for every game's deadline: the schedule is read
        // only when something on it is due, or when what this process
        // knows of it is older than a lease renewal (another process may
        // have put something on it).
        use std::sync::atomic::Ordering;
        let read_lately =
            super::real_now_ms() - self.schedule_read.load(Ordering::SeqCst) < self.renew_ms();
        if read_lately && self.scheduled.load(Ordering::SeqCst) > now_ms {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for due in schedule::due(&shared.db, now_ms).await? {
            let done = match due.kind.as_str() {
                DAILY => self.daily_run(shared, &due, now_ms).await,
                schedule::GAME | schedule::REMINDER => self.planned_run(shared, &due, now_ms).await,
                schedule::REWATCH => self.rewatch_run(shared, &due, now_ms).await,
                schedule::ANNOUNCE => self.announce_run(shared, &due, now_ms).await,
                _ => continue,
            };
            match done {
                Ok(Some(posted)) => out.push(posted),
                Ok(None) => {}
                Err(e) => tracing::warn!(
                    guild = due.guild,
                    error = format!("{e:#}"),
                    kind = due.kind,
                    "a scheduled action could not be done; trying again at the next tick"
                ),
            }
        }
        self.read_schedule(shared).await?;
        Ok(out)
    }

    /// Reads when the schedule's next action is due, for the clock.
    pub(crate) async fn read_schedule(&self, shared: &Shared) -> anyhow::Result<Option<i64>> {
        use std::sync::atomic::Ordering;
        let next = schedule::next_due(&shared.db).await?;
        self.scheduled
            .store(next.unwrap_or(i64::MAX), Ordering::SeqCst);
        self.schedule_read
            .store(super::real_now_ms(), Ordering::SeqCst);
        Ok(next)
    }

    /// One day's question: rendered, then stored with its posts; rendered
    /// again when horizons changed meanwhile.
    async fn daily_run(
        &self,
        shared: &Shared,
        due: &Due,
        now_ms: i64,
    ) -> anyhow::Result<Option<(u64, Vec<Reply>)>> {
        let guild = due.guild as u64;
        for _ in 0..STALE_TRIES {
            shared.sync().await?;
            let known = shared.known();
            let plan = self.daily_plan(shared, due, now_ms).await?;
            let posting = Posting {
                holder: (self.owner, self.lease_ms()),
                channel: plan.channel,
                replies: plan.replies.iter().collect(),
                rendered_at: known,
            };
            let asks = plan.asks.as_ref().map(|(question, lap, json)| NewAsked {
                id: due.id,
                channel: plan.channel,
                show_id: plan.show_id,
                question_key: &question.key,
                lap: *lap,
                question: json,
            });
            let step = Step {
                action: due.id,
                outcome: plan.outcome,
                guild,
                at: now_ms,
                reveals: plan.reveals,
                from_queue: plan.from_queue,
                asks,
                next_due: plan.next_due,
                posting,
            };
            match daily::step(&shared.db, &step).await? {
                Stepped::Taken => return Ok(None),
                Stepped::Stale(seen) => shared.saw(seen).await?,
                Stepped::Stored { posts, .. } => {
                    tracing::info!(guild, outcome = plan.outcome, "question of the day done");
                    let mut replies = plan.replies;
                    for (reply, post) in replies.iter_mut().zip(posts) {
                        reply.post = Some(post);
                    }
                    return Ok((!replies.is_empty()).then_some((plan.channel, replies)));
                }
            }
        }
        anyhow::bail!("horizons kept changing while a question of the day was stored")
    }

    /// What one day does: its outcome, what it reveals and asks, its posts.
    async fn daily_plan(&self, shared: &Shared, due: &Due, now_ms: i64) -> anyhow::Result<Plan> {
        let guild = due.guild as u64;
        let Some(settings) = daily::settings(&shared.db, guild).await? else {
            return Ok(Plan::nothing("cancelled"));
        };
        let l = Locale::from_tag(&settings.locale);
        let tz = zone(&settings.timezone).unwrap_or(chrono_tz::UTC);
        let channel = settings.channel as u64;
        let late = now_ms - due.due_at;
        let next_due = next_at(tz, settings.at_minute, now_ms.max(due.due_at));
        let mut plan = Plan {
            outcome: "posted",
            channel,
            show_id: 0,
            reveals: None,
            asks: None,
            from_queue: None,
            next_due: Some(next_due),
            replies: Vec::new(),
        };
        if late > TOO_LATE_MS {
            plan.outcome = "skipped";
            plan.replies.push(Reply::line(t(
                l,
                "daily-skipped",
                &[
                    s("due", local(tz, due.due_at)),
                    s("late", span(late)),
                    s("next", local(tz, next_due)),
                ],
            )));
            return Ok(self.fitted(l, plan));
        }
        let index = shared.sync().await?;
        let Some(show) = show_of(&index, &settings) else {
            return Ok(Plan::nothing("cancelled"));
        };
        plan.show_id = show.id;
        let posted_in = channel_ctx(guild, channel, l);
        if let Some((open, reveal)) = yesterday(shared, guild, &posted_in).await? {
            plan.reveals = Some(open);
            plan.replies.push(reveal);
        }
        let gate = shared.gate(&posted_in, show.id).await?;
        let drawn = match gate.plain_upto() {
            Some(up_to) => {
                self.daily_draw(shared, guild, show, up_to, &settings)
                    .await?
            }
            None => None,
        };
        let Some((mut question, lap, from_queue)) = drawn else {
            plan.outcome = "no-question";
            let why = match gate.plain_upto() {
                Some(_) => "daily-no-question",
                None => "daily-no-horizon-now",
            };
            let channel = m("channel", format!("<#{channel}>"));
            plan.replies.push(Reply::line(t(l, why, &[channel])));
            return Ok(self.fitted(l, plan));
        };
        let mode = mode_of(&settings);
        if mode == Mode::Typed {
            // Typed, no choice is shown, so none can be answered by its
            // letter.
            question.choices.clear();
        }
        let mut ask = asked(l, &gate, &question, Round::daily(due.id), mode);
        ask.thread = Some(t(
            l,
            "daily-thread",
            &[s("date", local_date(tz, due.due_at))],
        ));
        if late > LATE_NOTE_MS {
            plan.outcome = "late";
            ask.notes.push(t(l, "daily-late", &[s("late", span(late))]));
        }
        ask.notes
            .push(t(l, "daily-until", &[s("next", local(tz, next_due))]));
        plan.replies.push(ask);
        let json = serde_json::to_string(&question)?;
        plan.asks = Some((question, lap, json));
        plan.from_queue = from_queue;
        Ok(self.fitted(l, plan))
    }

    fn fitted(&self, l: Locale, mut plan: Plan) -> Plan {
        plan.replies = plan.replies.into_iter().map(|r| finish(l, r)).collect();
        plan
    }

    /// A question for today: from the show's bank within the channel's
    /// horizon, in the daily's language where it has any, none the server
    /// retired and none asked since the bank last went round. Returns it
    /// with the round it belongs to.
    async fn daily_draw(
        &self,
        shared: &Shared,
        guild: u64,
        show: &Show,
        up_to: crate::model::EpisodeKey,
        settings: &DailySettings,
    ) -> anyhow::Result<Option<(Question, i64, Option<i64>)>> {
        let (lap, asked) = daily::lap(&shared.db, guild, show.id).await?;
        // The server's own questions first, oldest first, once the horizon
        // reaches their episode.
        for own in daily::queue(&shared.db, guild, "queued").await? {
            if own.episode_order <= up_to.order() {
                return Ok(Some((stored(&own.question)?, lap.max(1), Some(own.id))));
            }
        }
        let bank = shared.catalog.question_bank(&shared.db, show).await?;
        let retired = crate::store::reviews::retired(
            &shared.db,
            crate::store::reviews::scope_of(Some(guild), settings.channel as u64),
        )
        .await?;
        let mode = mode_of(settings);
        let last = show.episodes.last().map(|e| e.key);
        let language = Language::parse(&settings.locale);
        let within = |q: &&Question| {
            let in_scope = match q.episode {
                Some(e) => e <= up_to,
                None => last.is_some_and(|last| up_to >= last),
            };
            // Typed, a which-episode question is an episode code to type:
            // fair, but no fun as a day's only question.
            let fits_mode = mode == Mode::Choices || q.kind != QuestionKind::WhichEpisode;
            in_scope && fits_mode && !retired.contains(&q.key)
        };
        let mut candidates: Vec<&Question> = bank.iter().filter(within).collect();
        if candidates.iter().any(|q| Some(q.language) == language) {
            candidates.retain(|q| Some(q.language) == language);
        }
        let fresh: Vec<&Question> = candidates
            .iter()
            .filter(|q| !asked.contains(&q.key))
            .copied()
            .collect();
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        // One that fits the channel's horizon (a which-episode question
        // needs episodes around its answer), in random order.
        let mut pick = |mut pool: Vec<&Question>| {
            pool.shuffle(&mut *rng);
            pool.into_iter()
                .find_map(|q| fit_to_gate(show, up_to, q, &mut *rng))
        };
        // When nothing this round has not asked fits, the bank went round:
        // the next round begins.
        let last = asked.last();
        Ok(match pick(fresh) {
            Some(q) => Some((q, lap.max(1), None)),
            // A new round does not begin with the question that ended the
            // last one, where there is another.
            None => {
                let others: Vec<&Question> = candidates
                    .iter()
                    .filter(|q| Some(&q.key) != last)
                    .copied()
                    .collect();
                pick(others)
                    .or_else(|| pick(candidates))
                    .map(|q| (q, lap + 1, None))
            }
        })
    }
}

/// A question of the server's own (`/daily queue`, `/daily suggest`).
#[derive(Debug, Clone, Default)]
pub struct OwnQuestion {
    /// The question.
    pub question: String,
    /// Its answer.
    pub answer: String,
    /// Wrong answers, one to three, separated by ";".
    pub wrong: String,
    /// The episode it is about (code or title): asked once the channel's
    /// horizon reaches it, and hidden from who has not watched it.
    pub episode: String,
}

impl Trivia {
    /// `/daily queue add` (a manager's question, asked before the bank) and
    /// `/daily suggest` (a member's, on the review desk until a manager
    /// approves it).
    pub(crate) async fn daily_own(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        own: OwnQuestion,
        suggest: bool,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = if suggest {
            managing(ctx, true, "daily-not-allowed")?
        } else {
            managed_guild(ctx)?
        };
        let index = shared.sync().await?;
        let settings = daily::settings(&shared.db, guild).await?;
        let show = match settings.as_ref().and_then(|s| show_of(&index, s)) {
            Some(show) => show,
            None => resolve_show(&index, l, None)?,
        };
        let gate = shared.gate(ctx, show.id).await?;
        let (episode, _) = episode_input(show, l, &own.episode, &gate)?;
        if show.episode(episode).is_none() {
            return refuse(private(t(
                l,
                "daily-own-unknown-episode",
                &[s("episode", episode.to_string()), s("show", &show.title)],
            )));
        }
        let (question, answer) = (own.question.trim(), own.answer.trim());
        let wrong: Vec<&str> = own
            .wrong
            .split(';')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        if question.is_empty() || answer.is_empty() {
            return refuse(private(t(l, "daily-own-empty", &[])));
        }
        let mut distinct: Vec<String> = wrong.iter().map(|w| w.to_lowercase()).collect();
        distinct.sort();
        distinct.dedup();
        if wrong.is_empty()
            || wrong.len() > 3
            || distinct.len() < wrong.len()
            || distinct.contains(&answer.to_lowercase())
        {
            return refuse(private(t(l, "daily-own-wrong", &[])));
        }
        let told = |text: &str| Told::new(episode, text);
        let mut choices: Vec<Told> = std::iter::once(answer)
            .chain(wrong.iter().copied())
            .map(told)
            .collect();
        choices.shuffle(&mut *self.rng.lock().unwrap_or_else(|e| e.into_inner()));
        // "s", for suggested: no bank key (hex) begins so.
        let key = format!(
            "s{}",
            crate::model::question_key(&["daily", &guild.to_string(), question, answer]).0
        );
        let q = Question {
            key: key.clone(),
            show: show.slug.clone(),
            episode: Some(episode),
            language: l,
            kind: QuestionKind::Written,
            prompt: told(question),
            answer: told(answer),
            accepted: Vec::new(),
            choices,
            source: format!("daily:{}", ctx.user),
            fact: None,
            context: None,
            lead: None,
            lead_fact: None,
            score: None,
            also_in: Vec::new(),
        };
        let queued = daily::Queued {
            id: 0,
            question_key: key,
            question: serde_json::to_string(&q).map_err(anyhow::Error::from)?,
            episode_order: episode.order(),
            by_user: ctx.user as i64,
        };
        let status = if suggest { "suggested" } else { "queued" };
        daily::enqueue(&shared.db, guild, &queued, status, now_ms).await?;
        let said = if suggest {
            "daily-suggested"
        } else {
            "daily-queued"
        };
        Ok(private(t(l, said, &[s("episode", episode.to_string())])))
    }
}

impl Trivia {
    /// `/daily queue list`: the server's own questions waiting to be
    /// asked, oldest first; those past where the manager has watched are
    /// counted, not shown.
    pub(crate) async fn daily_queue_list(&self, shared: &Shared, ctx: &Ctx) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed_guild(ctx)?;
        let index = shared.sync().await?;
        let queued = daily::queue(&shared.db, guild, "queued").await?;
        let mut reply = private(t(l, "daily-queue-title", &[n("count", queued.len())]));
        let mut unseen = 0;
        for own in &queued {
            let q: Question = serde_json::from_str(&own.question).map_err(anyhow::Error::from)?;
            let Some(show) = index.show(&q.show) else {
                unseen += 1;
                continue;
            };
            let gate = shared.gate(ctx, show.id).await?;
            let level = q.level(show.episodes.last().map(|e| e.key));
            let seen = level.is_some_and(|level| gate.watched().is_some_and(|w| level <= w));
            if !seen {
                unseen += 1;
                continue;
            }
            let episode = q
                .episode
                .and_then(|e| gate.code(e, true))
                .unwrap_or_default();
            reply.lines.push(t(
                l,
                "daily-queue-line",
                &[
                    n("id", own.id as usize),
                    m("episode", episode),
                    m(
                        "question",
                        shown(&gate, &q.prompt, crate::spoiler::Style::Plain),
                    ),
                ],
            ));
        }
        if unseen > 0 {
            reply
                .lines
                .push(t(l, "daily-queue-unseen", &[n("count", unseen)]));
        }
        if queued.is_empty() {
            reply.lines.push(t(l, "daily-queue-empty", &[]));
        }
        Ok(reply)
    }

    /// `/daily queue remove`: a queued question taken off the queue.
    pub(crate) async fn daily_queue_remove(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        id: i64,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed_guild(ctx)?;
        if daily::unqueue(&shared.db, guild, id, (ctx.user, now_ms)).await? {
            Ok(private(t(
                l,
                "daily-queue-removed",
                &[n("id", id as usize)],
            )))
        } else {
            refuse(private(t(
                l,
                "daily-queue-no-such",
                &[n("id", id as usize)],
            )))
        }
    }
}

/// What one day does.
struct Plan {
    outcome: &'static str,
    channel: u64,
    show_id: i64,
    reveals: Option<i64>,
    /// The question asked, its round of the bank, and it as stored.
    asks: Option<(Question, i64, String)>,
    /// The question of the server's own it asks, if it asks one.
    from_queue: Option<i64>,
    next_due: Option<i64>,
    replies: Vec<Reply>,
}

impl Plan {
    /// A day that does nothing (its question of the day is gone).
    fn nothing(outcome: &'static str) -> Plan {
        Plan {
            outcome,
            channel: 0,
            show_id: 0,
            reveals: None,
            asks: None,
            from_queue: None,
            next_due: None,
            replies: Vec::new(),
        }
    }
}

/// The server a manager acts for, or why they may not.
fn managed_guild(ctx: &Ctx) -> Outcome<u64> {
    managing(ctx, ctx.can_manage_guild, "daily-not-allowed")
}

/// The server a member acts for, where they `may` (or else the message
/// `refusal`): what the bot does on a server's schedule belongs to a
/// server.
pub(super) fn managing(ctx: &Ctx, may: bool, refusal: &str) -> Outcome<u64> {
    managing_for(ctx, may, ("daily-needs-server", refusal))
}

/// [`managing`], with what to say outside a server (`needs_server`) and
/// to a member who may not (`refusal`): every feature of a server's own
/// (packs, announcements) says it in its own words.
pub(super) fn managing_for(
    ctx: &Ctx,
    may: bool,
    (needs_server, refusal): (&str, &str),
) -> Outcome<u64> {
    let l = ctx.locale;
    let Some(guild) = ctx.guild else {
        return refuse(private(t(l, needs_server, &[])));
    };
    if !may {
        return refuse(private(t(l, refusal, &[])));
    }
    Ok(guild)
}

/// The show a server's question of the day asks about.
fn show_of<'a>(index: &'a crate::index::Index, settings: &DailySettings) -> Option<&'a Show> {
    match settings.show_id {
        Some(id) => index.shows.iter().find(|s| s.id == id),
        None => index.shows.first(),
    }
}

/// A question of the day as it was stored when asked.
fn stored(json: &str) -> anyhow::Result<Question> {
    use anyhow::Context;
    serde_json::from_str(json).context("a stored question of the day cannot be read")
}

/// A choice's letter.
fn letter(choice: usize) -> String {
    char::from(b'A' + (choice.min(25) as u8)).to_string()
}

/// A day as the server's clocks show it: "2026-12-08".
pub(super) fn local_date(tz: Tz, at_ms: i64) -> String {
    Utc.timestamp_millis_opt(at_ms)
        .single()
        .unwrap_or_default()
        .with_timezone(&tz)
        .format("%Y-%m-%d")
        .to_string()
}

/// A server's question of the day, described.
fn described(l: Locale, settings: &DailySettings, title: &Outside, next: Option<i64>) -> Reply {
    let tz = zone(&settings.timezone).unwrap_or(chrono_tz::UTC);
    let time = format!(
        "{:02}:{:02}",
        settings.at_minute / 60,
        settings.at_minute % 60
    );
    let mut reply = Reply::line(t(
        l,
        "daily-described",
        &[
            m("channel", format!("<#{}>", settings.channel)),
            s("time", time),
            s("timezone", &settings.timezone),
            s("show", title),
            s("mode", t(l, &format!("daily-mode-{}", settings.mode), &[])),
        ],
    ));
    if let Some(next) = next {
        reply
            .lines
            .push(t(l, "daily-next", &[s("next", local(tz, next))]));
    }
    reply
}

/// The day's question as the channel sees it.
fn asked(l: Locale, gate: &Gate, question: &Question, round: Round, mode: Mode) -> Reply {
    // A question asking for its episode does not name it.
    let code = question
        .episode
        .filter(|_| question.kind != QuestionKind::WhichEpisode)
        .and_then(|e| gate.code(e, true))
        .unwrap_or_else(|| "—".to_string());
    let mut reply = Reply::line(format!(
        "**{}**",
        t(l, "daily-heading", &[m("episode", code)])
    ));
    if let Some(lead) = &question.lead {
        reply
            .lines
            .push(format!("*{}*", shown(gate, lead, Style::Plain)));
    }
    reply
        .lines
        .push(shown(gate, &question.prompt, Style::Plain));
    if mode == Mode::Choices && !question.choices.is_empty() {
        for (letter, choice) in ('A'..).zip(&question.choices) {
            let (choice, _) = truncate_balanced(&shown(gate, choice, Style::Plain), CHOICE_MAX);
            reply.lines.push(format!("**{letter})** {choice}"));
        }
        reply.buttons = Some(Buttons {
            round,
            count: question.choices.len(),
        });
        reply.notes.push(t(l, "daily-how-choices", &[]));
    } else {
        reply.notes.push(t(l, "daily-how-typed", &[]));
    }
    reply
}

/// One member's line on the daily board.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Standing {
    user: u64,
    right: usize,
    /// Days in a row right, up to the last one revealed.
    streak: usize,
    /// The longest such run.
    best: usize,
}

/// The daily board from the revealed questions in order, each with who
/// got it right: most right first, then the longer streak.
fn standings(record: &[(i64, Vec<u64>)]) -> Vec<Standing> {
    let mut by_user: std::collections::BTreeMap<u64, Standing> = Default::default();
    for (_, right) in record {
        for standing in by_user.values_mut() {
            if !right.contains(&standing.user) {
                standing.streak = 0;
            }
        }
        for user in right {
            let standing = by_user.entry(*user).or_insert(Standing {
                user: *user,
                right: 0,
                streak: 0,
                best: 0,
            });
            standing.right += 1;
            standing.streak += 1;
            standing.best = standing.best.max(standing.streak);
        }
    }
    let mut board: Vec<Standing> = by_user.into_values().collect();
    board.sort_by(|a, b| {
        (b.right, b.streak, b.best)
            .cmp(&(a.right, a.streak, a.best))
            .then(a.user.cmp(&b.user))
    });
    board
}

/// The question of the day still open in `guild`, with its reveal naming
/// who got it right, rendered for where it is posted (the daily's channel
/// now, which may not be where the question was asked).
async fn yesterday(
    shared: &Shared,
    guild: u64,
    posted_in: &Ctx,
) -> anyhow::Result<Option<(i64, Reply)>> {
    let Some(open) = daily::open(&shared.db, guild).await? else {
        return Ok(None);
    };
    let l = posted_in.locale;
    let question: Question = stored(&open.question)?;
    let gate = shared.gate(posted_in, open.show_id).await?;
    let right: Vec<String> = daily::answers(&shared.db, open.id)
        .await?
        .into_iter()
        .filter(|(_, correct)| *correct)
        .map(|(user, _)| player(user))
        .collect();
    let mut reveal = revealed(l, &gate, &question, false, &right);
    reveal.lines.insert(
        0,
        format!(
            "**{}** {}",
            t(l, "daily-last-heading", &[]),
            shown(&gate, &question.prompt, Style::Plain)
        ),
    );
    reveal.closes = Some(Round::daily(open.id));
    Ok(Some((open.id, reveal)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        tz.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .earliest()
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn the_next_local_time_keeps_to_the_clocks_across_daylight_saving() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // 09:00 before and after the clocks go back (25 October 2026).
        let before = at(berlin, 2026, 10, 24, 9, 0);
        let after = next_at(berlin, 9 * 60, before);
        assert_eq!(after, at(berlin, 2026, 10, 25, 9, 0));
        assert_eq!(after - before, 25 * 3_600_000, "that day has 25 hours");
        // Spring: 29 March 2026 has 23 hours.
        let before = at(berlin, 2026, 3, 28, 9, 0);
        assert_eq!(next_at(berlin, 9 * 60, before) - before, 23 * 3_600_000);
        // 02:30 does not exist that morning: the clocks' next moment.
        let night = at(berlin, 2026, 3, 28, 12, 0);
        assert_eq!(
            next_at(berlin, 2 * 60 + 30, night),
            at(berlin, 2026, 3, 29, 3, 0)
        );
        // Later today when the time is still to come, else tomorrow.
        let morning = at(berlin, 2026, 12, 7, 8, 0);
        assert_eq!(
            next_at(berlin, 9 * 60, morning),
            at(berlin, 2026, 12, 7, 9, 0)
        );
        assert_eq!(
            next_at(berlin, 7 * 60, morning),
            at(berlin, 2026, 12, 8, 7, 0)
        );
    }

    #[test]
    fn times_and_zones_are_read_as_written() {
        assert_eq!(minute_of_day("9:05"), Some(545));
        assert_eq!(minute_of_day("21:30"), Some(1290));
        assert_eq!(minute_of_day("24:00"), None);
        assert_eq!(minute_of_day("9am"), None);
        assert_eq!(
            zone("europe/berlin").map(|z| z.name()),
            Some("Europe/Berlin")
        );
        assert_eq!(zone("UTC").map(|z| z.name()), Some("UTC"));
        assert!(zone("Mars/Olympus").is_none());
    }

    #[test]
    fn a_missed_day_ends_a_streak_and_the_best_run_stays() {
        let record = vec![
            (1, vec![7, 8]),
            (2, vec![7, 8]),
            (3, vec![8]),
            (4, vec![7, 8]),
        ];
        let board = standings(&record);
        assert_eq!(
            board,
            vec![
                Standing {
                    user: 8,
                    right: 4,
                    streak: 4,
                    best: 4
                },
                Standing {
                    user: 7,
                    right: 3,
                    streak: 1,
                    best: 2
                },
            ]
        );
    }
}
