//! The bot split over processes, through the fake Discord of the tests:
//! one process on SQLite, then 1, 2 and 4 processes on one PostgreSQL
//! database, each running its share of the shards. The same workload for
//! each: 8 servers spread over the shards, 32 channels with different
//! horizons, 500 members at different progress; first lookups
//! (`/character` with names as fans type them, `/search` over 5,000
//! distinct searches), then trivia answers (a game in every channel, each
//! click a different member). 8 calls in flight, each followed by a ping
//! to a poise bot that only answers "pong" (the floor) under the same load.
//! How many lookups the processes answered from remembered replies is
//! what they log when they stop. Everything (the bots, the fake Discord,
//! the floor and PostgreSQL) shares this machine's cores.
//!
//! `cargo bench --bench processes [-- EPISODES LOOKUPS CLICKS]`; the
//! PostgreSQL rows need `CLIFFHANGER_TEST_POSTGRES` (or `DATABASE_URL`) set
//! to a server where the user may create databases.

// Its bot with nothing behind it; what starts it beside an in-process
// bot is not used here.
#[allow(dead_code)]
#[path = "support/pong.rs"]
mod pong;
#[path = "../tests/support/mod.rs"]
mod support;
use support::fake_discord;

use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cliffhanger::app::{Ctx, HorizonScope, ProgressAction, SpoilersAction};
use cliffhanger::bench::{LookupSetup, episode_code, latency, synthetic_cast};
use cliffhanger::seeds::Language;
use fake_discord::{FakeDiscord, GUILD, MANAGE_CHANNELS, MEMBER, Member};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use tokio::io::AsyncReadExt;

const BOT_TOKEN: &str = "cliffhanger-token";
const IN_FLIGHT: usize = 8;
const SERVERS: u64 = 8;
const CHANNELS_PER_SERVER: u64 = 4;
const MEMBERS: u64 = 500;
const FIRST_CHANNEL: u64 = 700_000_000_000_000_000;
const FIRST_MEMBER: u64 = 444_444_444_444_000_000;
const STARTER: u64 = 800_000_000_000_000_000;
const PLAYERS: u64 = 900_000_000_000_000_000;

fn main() -> anyhow::Result<()> {
    let mut args = pong::start();
    let episodes = args.next().unwrap_or(300);
    let lookups = args.next().unwrap_or(1_500);
    let clicks = args.next().unwrap_or(1_500);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(run(episodes, lookups, clicks))
}

/// The server a channel belongs to.
fn server_of(channel: u64) -> u64 {
    GUILD + (((channel - FIRST_CHANNEL) / CHANNELS_PER_SERVER) << 22)
}

fn channels() -> Vec<u64> {
    (0..SERVERS * CHANNELS_PER_SERVER)
        .map(|c| FIRST_CHANNEL + c)
        .collect()
}

fn member(id: u64, german: bool) -> Member {
    Member {
        id,
        name: "member",
        locale: if german { "de" } else { "en-US" },
        permissions: MEMBER | MANAGE_CHANNELS,
    }
}

/// One timed call: what is sent, where.
#[derive(Debug, Clone)]
enum Call {
    Slash {
        who: u64,
        german: bool,
        channel: u64,
        name: &'static str,
        options: Value,
    },
    Click {
        who: u64,
        channel: u64,
        message: String,
        button: String,
    },
}

/// Sends `call` to the bots and waits for its answer: the time between,
/// and whether the answer was what a stored answer gets.
async fn send(fake: &FakeDiscord, call: &Call) -> (Duration, bool) {
    let mark = fake.mark();
    let (id, sent) = match call {
        Call::Slash {
            who,
            german,
            channel,
            name,
            options,
        } => fake.in_guild(server_of(*channel)).slash(
            member(*who, *german),
            *channel,
            name,
            options.clone(),
        ),
        Call::Click {
            who,
            channel,
            message,
            button,
        } => fake.in_guild(server_of(*channel)).click_at(
            member(*who, false),
            *channel,
            message,
            button,
        ),
    };
    let answer = fake
        .wait_for(mark, "an answer", |r| r.callback_of(&id))
        .await;
    (answer.at - sent, answer.text() == "Your answer is in.")
}

/// Runs `calls`, `IN_FLIGHT` at a time, each followed by a ping to the
/// floor: (call times, ping times, stored answers acknowledged, seconds).
async fn measure(
    bot: &FakeDiscord,
    pong: &FakeDiscord,
    calls: Vec<Call>,
) -> (Vec<Duration>, Vec<Duration>, usize, f64) {
    let started = Instant::now();
    let queue = Arc::new(std::sync::Mutex::new(calls.into_iter()));
    let mut workers = Vec::new();
    for _ in 0..IN_FLIGHT {
        let (queue, bot, pong) = (queue.clone(), bot.clone(), pong.clone());
        workers.push(tokio::spawn(async move {
            let (mut timed, mut floor, mut acked) = (Vec::new(), Vec::new(), 0);
            loop {
                let next = queue.lock().unwrap().next();
                let Some(call) = next else { break };
                let (t, stored) = send(&bot, &call).await;
                timed.push(t);
                acked += usize::from(stored);
                let channel = match &call {
                    Call::Slash { channel, .. } | Call::Click { channel, .. } => *channel,
                };
                let ping = Call::Slash {
                    who: FIRST_MEMBER,
                    german: false,
                    channel,
                    name: "ping",
                    options: json!([]),
                };
                floor.push(send(&pong, &ping).await.0);
            }
            (timed, floor, acked)
        }));
    }
    let (mut timed, mut floor, mut acked) = (Vec::new(), Vec::new(), 0);
    for w in workers {
        let (t, f, a) = w.await.expect("a worker");
        timed.extend(t);
        floor.extend(f);
        acked += a;
    }
    (timed, floor, acked, started.elapsed().as_secs_f64())
}

/// One row of the report.
struct Row {
    backend: &'static str,
    processes: u64,
    lookups_per_s: f64,
    lookup_p99: f64,
    lookup_floor_p99: f64,
    answers_per_s: f64,
    answer_p99: f64,
    answer_floor_p99: f64,
    stored: i64,
    clicks: usize,
    hits: u64,
    misses: u64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Sets the members' progress and the channels' horizons, through an app
/// of this process on the same database.
async fn populate(setup: &LookupSetup, episodes: usize) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(5);
    let ctx = |user: u64, channel: u64| Ctx {
        user,
        channel,
        guild: Some(server_of(channel)),
        locale: Language::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    };
    for m in 0..MEMBERS {
        let at = episode_code(rng.random_range(episodes / 10..episodes));
        let set = ProgressAction::Set(at);
        setup
            .app
            .progress(&ctx(FIRST_MEMBER + m, FIRST_CHANNEL), set, None)
            .await?;
    }
    for channel in channels() {
        let at = episode_code(rng.random_range(episodes / 20..episodes / 2));
        let set = SpoilersAction::Set(at);
        setup
            .app
            .spoilers(&ctx(STARTER, channel), set, HorizonScope::Channel, None)
            .await?;
    }
    Ok(())
}

/// Starts `n` bot processes, process `i` running shard `i` of `n`.
fn spawn_bots(setup: &LookupSetup, fake: &FakeDiscord, n: u64) -> Vec<tokio::process::Child> {
    (0..n)
        .map(|i| {
            let range = format!("{i}..={i}");
            tokio::process::Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
                .args(["run", "--shards", &range, "--shard-count", &n.to_string()])
                .current_dir(setup.dir.path())
                .env("DISCORD_TOKEN", BOT_TOKEN)
                .env("DISCORD_PROXY_URL", fake.url())
                .env("DATABASE_URL", &setup.url)
                .env("SEEDS_DIR", setup.dir.path().join("seeds"))
                .env("RUST_LOG", "cliffhanger::discord=info")
                // Plain fields (`hits=3`) for the count read at the end.
                .env("NO_COLOR", "1")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .kill_on_drop(true)
                .spawn()
                .expect("the bot starts")
        })
        .collect()
}

/// Stops the processes with SIGTERM; the lookups they answered from
/// remembered replies and made anew, as they log it.
async fn stop_bots(children: Vec<tokio::process::Child>) -> (u64, u64) {
    let (mut hits, mut misses) = (0, 0);
    for mut child in children {
        if let Some(pid) = child.id() {
            let _ = std::process::Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
        }
        let mut log = String::new();
        if let Some(mut err) = child.stderr.take() {
            let _ = err.read_to_string(&mut log).await;
        }
        let _ = child.wait().await;
        let number = |key: &str| -> u64 {
            log.lines()
                .filter(|l| l.contains("remembered replies"))
                .filter_map(|l| l.split(key).nth(1))
                .filter_map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                .filter_map(|n| n.parse::<u64>().ok())
                .sum()
        };
        hits += number("hits=");
        misses += number("misses=");
    }
    (hits, misses)
}

/// One configuration: `n` processes on the database at `url` (a SQLite
/// file of the setup's own when `None`).
async fn configuration(
    url: Option<String>,
    n: u64,
    episodes: usize,
    lookups: usize,
    clicks: usize,
) -> anyhow::Result<Row> {
    let setup = match &url {
        Some(url) => LookupSetup::at(url, episodes, STARTER, FIRST_CHANNEL, GUILD).await?,
        None => LookupSetup::new(episodes, STARTER, FIRST_CHANNEL, GUILD).await?,
    };
    populate(&setup, episodes).await?;
    let backend = setup.app.db().backend().name();
    let fake = FakeDiscord::start().await;
    tokio::spawn(pong::pong_bot(fake.url(), GUILD));
    let children = spawn_bots(&setup, &fake, n);
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let ours = fake
            .identifies()
            .iter()
            .filter(|i| i["token"].as_str().is_some_and(|t| t.ends_with(BOT_TOKEN)))
            .count() as u64;
        if ours == n && fake.connected(pong::PONG_TOKEN) {
            break;
        }
        anyhow::ensure!(Instant::now() < deadline, "the bots did not connect");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (bot, pong) = (fake.to_bot(BOT_TOKEN), fake.to_bot(pong::PONG_TOKEN));

    // Lookups as fans make them.
    let cast = synthetic_cast(episodes, 7);
    let mut rng = StdRng::seed_from_u64(9);
    let channels = channels();
    let next_lookup = |rng: &mut StdRng| {
        let search = rng.random_bool(0.5);
        let u: f64 = rng.random();
        let c = &cast[(u.powi(3) * cast.len() as f64) as usize % cast.len()];
        Call::Slash {
            who: FIRST_MEMBER + rng.random_range(0..MEMBERS),
            german: rng.random_range(0..10) < 3,
            channel: *channels.choose(rng).unwrap(),
            name: if search { "search" } else { "character" },
            options: if search {
                let q = setup.queries.choose(rng).cloned().unwrap_or_default();
                json!([{"name": "query", "type": 3, "value": q}])
            } else {
                let name = if rng.random_bool(0.3) {
                    c.alias.clone()
                } else {
                    c.name.clone()
                };
                json!([{"name": "name", "type": 3, "value": name}])
            },
        }
    };
    let warm: Vec<Call> = (0..lookups / 10).map(|_| next_lookup(&mut rng)).collect();
    measure(&bot, &pong, warm).await;
    let stream: Vec<Call> = (0..lookups).map(|_| next_lookup(&mut rng)).collect();
    let (timed, floor, _, seconds) = measure(&bot, &pong, stream).await;
    let (lookup, lookup_floor) = (latency("", timed), latency("", floor));
    let lookups_per_s = lookups as f64 / seconds;

    // A game in every channel, started through the process serving it.
    let mut open = Vec::new();
    for &channel in &channels {
        let mark = fake.mark();
        bot.in_guild(server_of(channel)).slash(
            member(STARTER, false),
            channel,
            "trivia",
            json!([{"name": "start", "type": 1, "options": [
                {"name": "questions", "type": 4, "value": 50},
                {"name": "seconds", "type": 4, "value": 120}]}]),
        );
        let (q, message) = bot.next_question(mark, channel).await;
        let buttons: Vec<String> = q.buttons().into_iter().map(|(id, _, _)| id).collect();
        open.push((channel, message, buttons));
    }
    let db = cliffhanger::store::Db::connect(&setup.url).await?;
    let stored_before = cliffhanger::store::games::answer_count(&db).await?;
    let answers: Vec<Call> = (0..clicks)
        .map(|k| {
            let (channel, message, buttons) = &open[k % open.len()];
            Call::Click {
                who: PLAYERS + k as u64,
                channel: *channel,
                message: message.clone(),
                button: buttons[k % buttons.len()].clone(),
            }
        })
        .collect();
    let (timed, floor, _acked, seconds) = measure(&bot, &pong, answers).await;
    let stored = cliffhanger::store::games::answer_count(&db).await? - stored_before;
    db.close().await;
    let (answer, answer_floor) = (latency("", timed), latency("", floor));
    let (hits, misses) = stop_bots(children).await;
    setup.app.db().close().await;
    Ok(Row {
        backend,
        processes: n,
        lookups_per_s,
        lookup_p99: ms(lookup.p99),
        lookup_floor_p99: ms(lookup_floor.p99),
        answers_per_s: stored as f64 / seconds,
        answer_p99: ms(answer.p99),
        answer_floor_p99: ms(answer_floor.p99),
        stored,
        clicks,
        hits,
        misses,
    })
}

async fn run(episodes: usize, lookups: usize, clicks: usize) -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{cores} cores shared by the bots, PostgreSQL, the fake Discord and the floor; \
         {episodes} episodes, {SERVERS} servers, {} channels, {MEMBERS} members; \
         {lookups} lookups and {clicks} answers per row, {IN_FLIGHT} in flight, each followed by a ping",
        SERVERS * CHANNELS_PER_SERVER
    );
    let server = std::env::var("CLIFFHANGER_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(support::postgres);
    let mut plan: Vec<(Option<String>, u64)> = vec![(None, 1)];
    match &server {
        Some(server) => {
            for n in [1, 2, 4] {
                plan.push((
                    Some(support::fresh_postgres(server, &format!("bench {n}"))),
                    n,
                ));
            }
        }
        None => println!(
            "(no PostgreSQL: set CLIFFHANGER_TEST_POSTGRES=postgres://USER@HOST/postgres for its rows)"
        ),
    }
    println!(
        "{:<11} {:>9} | {:>10} {:>14} {:>7} | {:>10} {:>14} {:>7} | {:>8} | {:>8}",
        "backend",
        "processes",
        "lookups/s",
        "p99 ms (floor)",
        "p99 x",
        "answers/s",
        "p99 ms (floor)",
        "p99 x",
        "stored",
        "hit rate"
    );
    for (url, n) in plan {
        let row = configuration(url, n, episodes, lookups, clicks).await?;
        println!(
            "{:<11} {:>9} | {:>10.0} {:>6.2} ({:>5.2}) {:>6.2}x | {:>10.0} {:>6.2} ({:>5.2}) {:>6.2}x | {:>8} | {:>3.0}% of {}",
            row.backend,
            row.processes,
            row.lookups_per_s,
            row.lookup_p99,
            row.lookup_floor_p99,
            row.lookup_p99 / row.lookup_floor_p99,
            row.answers_per_s,
            row.answer_p99,
            row.answer_floor_p99,
            row.answer_p99 / row.answer_floor_p99,
            format!("{}/{}", row.stored, row.clicks),
            100.0 * row.hits as f64 / (row.hits + row.misses).max(1) as f64,
            row.hits + row.misses,
        );
    }
    Ok(())
}
