//! Time from a gateway event to the bot's interaction callback, through the
//! fake Discord of the tests, for `/character` and `/search`, side by side
//! with a minimal poise bot that only answers "pong" (the floor), 8 calls
//! in flight. The workload is a server's: 500 members at different
//! progress in 20 channels with different horizons, English and German,
//! names drawn leads-first with short names, partial names and typos,
//! 5,000 distinct searches. Three runs: every reply made anew (misses),
//! every question asked just before (hits), and the stream as it comes
//! (the mix), with the remembered replies' hit rate.
//!
//! `cargo bench --bench gateway [-- EPISODES CALLS]`

#[allow(dead_code)]
#[path = "../tests/support/fake_discord.rs"]
mod fake_discord;
#[path = "support/pong.rs"]
mod pong;

use std::sync::Arc;
use std::time::{Duration, Instant};

use cliffhanger::app::{App, Ctx, HorizonScope, ProgressAction, SpoilersAction};
use cliffhanger::bench::{LookupSetup, episode_code, latency, synthetic_cast};
use fake_discord::{FakeDiscord, GUILD, MEMBER, Member};
use pong::both_bots;
use rand::Rng;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde_json::json;

const BOT_TOKEN: &str = "cliffhanger-token";
const FIRST_MEMBER: u64 = 444_444_444_444_000_000;
const FIRST_CHANNEL: u64 = 600_000_000_000_000_001;
const MEMBERS: u64 = 500;
const CHANNELS: u64 = 20;
const IN_FLIGHT: usize = 8;

/// One call: who asks what, where.
#[derive(Debug, Clone)]
struct Call {
    member: u64,
    german: bool,
    channel: u64,
    command: &'static str,
    input: String,
}

/// Sends one command as `who` and returns the time to its callback.
async fn call(fake: &FakeDiscord, c: &Call) -> Duration {
    let member = Member {
        id: c.member,
        name: "bench",
        locale: if c.german { "de" } else { "en-US" },
        permissions: MEMBER,
    };
    let options = match c.command {
        "character" => json!([{"name": "name", "type": 3, "value": c.input}]),
        "search" => json!([{"name": "query", "type": 3, "value": c.input}]),
        _ => json!([]),
    };
    let mark = fake.mark();
    let (id, sent) = fake.slash(member, c.channel, c.command, options);
    let answer = fake
        .wait_for(mark, &format!("an answer to /{}", c.command), |r| {
            r.callback_of(&id)
        })
        .await;
    assert_eq!(
        answer.body["type"], 4,
        "/{} answered without deferring",
        c.command
    );
    answer.at - sent
}

fn main() -> anyhow::Result<()> {
    let mut args = pong::start();
    let episodes = args.next().unwrap_or(1_700);
    let calls = args.next().unwrap_or(2_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(run(episodes, calls))
}

/// Names as fans type them: the leads far more often than the guests, by
/// full name, short name, first name alone, or with a typo.
fn name_asked(cast: &[cliffhanger::bench::CastMember], rng: &mut StdRng) -> String {
    let u: f64 = rng.random();
    let c = &cast[(u.powi(3) * cast.len() as f64) as usize % cast.len()];
    match rng.random_range(0..10) {
        0..=4 => c.name.clone(),
        5 | 6 => c.alias.clone(),
        7 => c.name.split(' ').next().unwrap_or(&c.name).to_string(),
        _ => {
            // Two letters of the family name swapped.
            let mut chars: Vec<char> = c.name.chars().collect();
            let at = chars.len() - 2;
            chars.swap(at, at - 1);
            chars.into_iter().collect()
        }
    }
}

/// Sets the members' progress and the channels' horizons.
async fn server(app: &App, episodes: usize, rng: &mut StdRng) -> anyhow::Result<()> {
    let ctx = |user: u64, channel: u64| Ctx {
        user,
        channel,
        guild: Some(GUILD),
        locale: cliffhanger::i18n::Locale::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    };
    for m in 0..MEMBERS {
        let at = episode_code(rng.random_range(episodes / 10..episodes));
        let set = ProgressAction::Set(at);
        app.progress(&ctx(FIRST_MEMBER + m, FIRST_CHANNEL), set, None)
            .await?;
    }
    for c in 0..CHANNELS {
        let at = episode_code(rng.random_range(episodes / 20..episodes / 2));
        let set = SpoilersAction::Set(at);
        let scope = HorizonScope::Channel;
        app.spoilers(&ctx(FIRST_MEMBER, FIRST_CHANNEL + c), set, scope, None)
            .await?;
    }
    Ok(())
}

/// What happens just before each measured call.
#[derive(Clone)]
enum Before {
    /// Nothing: the remembered replies as they are.
    Nothing,
    /// The remembered replies are forgotten: the reply is made anew.
    Forget(Arc<App>),
    /// The same question is asked once, unmeasured: the reply is remembered.
    AskFirst,
}

/// Runs `calls` with `IN_FLIGHT` at a time, each after a ping to the floor
/// bot. Returns (floor, call) times.
async fn measure(
    bot: &FakeDiscord,
    pong: &FakeDiscord,
    calls: Vec<Call>,
    before: Before,
) -> (Vec<Duration>, Vec<(Call, Duration)>) {
    let queue = Arc::new(std::sync::Mutex::new(calls.into_iter()));
    let mut workers = Vec::new();
    for _ in 0..IN_FLIGHT {
        let (queue, before, bot, pong) = (queue.clone(), before.clone(), bot.clone(), pong.clone());
        workers.push(tokio::spawn(async move {
            let mut floor = Vec::new();
            let mut timed = Vec::new();
            loop {
                let next = queue.lock().unwrap().next();
                let Some(c) = next else { break };
                let ping = Call {
                    command: "ping",
                    input: String::new(),
                    ..c.clone()
                };
                floor.push(call(&pong, &ping).await);
                match &before {
                    Before::Nothing => {}
                    Before::Forget(app) => app.forget_replies(),
                    Before::AskFirst => {
                        call(&bot, &c).await;
                    }
                }
                let t = call(&bot, &c).await;
                timed.push((c, t));
            }
            (floor, timed)
        }));
    }
    let (mut floor, mut timed) = (Vec::new(), Vec::new());
    for w in workers {
        let (f, t) = w.await.expect("a worker");
        floor.extend(f);
        timed.extend(t);
    }
    (floor, timed)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(title: &str, floor: Vec<Duration>, timed: &[(Call, Duration)]) {
    let floor = latency("pong (floor)", floor);
    println!("{title}:");
    println!(
        "  {:<12} p50 {:>7.3} ms   p99 {:>7.3} ms",
        floor.name,
        ms(floor.p50),
        ms(floor.p99)
    );
    for command in ["character", "search"] {
        let samples: Vec<Duration> = timed
            .iter()
            .filter(|(c, _)| c.command == command)
            .map(|(_, t)| *t)
            .collect();
        if samples.is_empty() {
            continue;
        }
        let f = latency("", samples);
        println!(
            "  /{:<11} p50 {:>7.3} ms   p99 {:>7.3} ms   ({} calls)   p50 {:.2}x, p99 {:.2}x the floor",
            command,
            ms(f.p50),
            ms(f.p99),
            f.calls,
            ms(f.p50) / ms(floor.p50),
            ms(f.p99) / ms(floor.p99),
        );
    }
}

async fn run(episodes: usize, calls: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    let setup = LookupSetup::new(episodes, FIRST_MEMBER, FIRST_CHANNEL, GUILD).await?;
    println!(
        "catalog: {} facts in {} episodes, ready in {:.1} s",
        setup.totals.facts,
        setup.totals.episodes,
        started.elapsed().as_secs_f64()
    );
    let LookupSetup {
        app,
        queries,
        dir: _dir,
        ..
    } = setup;
    let mut rng = StdRng::seed_from_u64(5);
    server(&app, episodes, &mut rng).await?;
    let cast = synthetic_cast(episodes, 7);
    let app = Arc::new(app);
    let fake = FakeDiscord::start().await;
    let (bot, pong) = both_bots(&fake, app.clone(), BOT_TOKEN, GUILD).await?;

    let next_call = |rng: &mut StdRng| {
        let search = rng.random_bool(0.5);
        Call {
            member: FIRST_MEMBER + rng.random_range(0..MEMBERS),
            german: rng.random_range(0..10) < 3,
            channel: FIRST_CHANNEL + rng.random_range(0..CHANNELS),
            command: if search { "search" } else { "character" },
            input: if search {
                queries.choose(rng).cloned().unwrap_or_default()
            } else {
                name_asked(&cast, rng)
            },
        }
    };
    let stream: Vec<Call> = (0..calls / 10 + calls)
        .map(|_| next_call(&mut rng))
        .collect();
    let (warm, stream) = stream.split_at(calls / 10);
    // Warm-up: connections, pages, gates.
    measure(&bot, &pong, warm.to_vec(), Before::Nothing).await;

    // Misses: every reply made anew.
    let forget = Before::Forget(app.clone());
    let (floor, misses) = measure(&bot, &pong, stream.to_vec(), forget).await;
    report(
        &format!("every reply made anew (misses), {IN_FLIGHT} in flight"),
        floor,
        &misses,
    );
    // Hits: each question asked just before (that first asking unmeasured).
    let (floor, hits) = measure(&bot, &pong, stream.to_vec(), Before::AskFirst).await;
    report("every question asked just before (hits)", floor, &hits);
    // The mix: the stream as it comes, the remembered replies as they are.
    let (hits_before, misses_before) = app.lookup_counts();
    let mix: Vec<Call> = (0..calls).map(|_| next_call(&mut rng)).collect();
    let (floor, mixed) = measure(&bot, &pong, mix, Before::Nothing).await;
    let (hits_after, misses_after) = app.lookup_counts();
    let (h, m) = (hits_after - hits_before, misses_after - misses_before);
    report(
        &format!(
            "the stream as it comes (the mix): {:.0}% answered from remembered replies ({h} of {})",
            100.0 * h as f64 / (h + m).max(1) as f64,
            h + m
        ),
        floor,
        &mixed,
    );
    Ok(())
}
