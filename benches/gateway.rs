//! Time from a gateway event to the bot's interaction callback, through the
//! fake Discord of the tests, for `/character` and `/search` over a
//! synthetic catalog of more than 100,000 facts, side by side with a
//! minimal poise bot that only answers "pong" (the floor).
//!
//! `cargo bench --bench gateway [-- EPISODES CALLS]`

#[allow(dead_code)]
#[path = "../tests/support/fake_discord.rs"]
mod fake_discord;
#[path = "support/pong.rs"]
mod pong;

use std::sync::Arc;
use std::time::{Duration, Instant};

use cliffhanger::bench::{LookupSetup, latency};
use fake_discord::{FakeDiscord, GUILD, MEMBER, Member};
use pong::{PONG_TOKEN, pong_bot};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde_json::json;

const BOT_TOKEN: &str = "cliffhanger-token";
const MEMBER_ID: u64 = 444_444_444_444_444_444;
const CHANNEL: u64 = 600_000_000_000_000_001;

/// Sends one command and returns the time to its callback.
async fn call(fake: &FakeDiscord, name: &str, options: serde_json::Value) -> Duration {
    let member = Member {
        id: MEMBER_ID,
        name: "bench",
        locale: "en-US",
        permissions: MEMBER,
    };
    let mark = fake.mark();
    let (id, sent) = fake.slash(member, CHANNEL, name, options);
    let answer = fake
        .wait_for(mark, &format!("an answer to /{name}"), |r| {
            r.callback_of(&id)
        })
        .await;
    assert_eq!(answer.body["type"], 4, "/{name} answered without deferring");
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

async fn run(episodes: usize, calls: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    let setup = LookupSetup::new(episodes, MEMBER_ID, CHANNEL, GUILD).await?;
    println!(
        "catalog: {} facts in {} episodes, ready in {:.1} s",
        setup.totals.facts,
        setup.totals.episodes,
        started.elapsed().as_secs_f64()
    );
    let LookupSetup {
        app,
        names,
        queries,
        dir: _dir,
        ..
    } = setup;
    let app = Arc::new(app);
    let fake = FakeDiscord::start().await;
    let config = cliffhanger::discord::Config {
        token: BOT_TOKEN.into(),
        proxy_url: Some(fake.url()),
        dev_guild: Some(GUILD),
        message_content: false,
        ..cliffhanger::discord::Config::default()
    };
    tokio::spawn(cliffhanger::discord::serve(
        config,
        app,
        std::future::pending(),
    ));
    tokio::spawn(pong_bot(fake.url(), GUILD));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !(fake.connected(BOT_TOKEN) && fake.connected(PONG_TOKEN)) {
        anyhow::ensure!(Instant::now() < deadline, "the bots did not connect");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Both have registered their commands (setup is over).
    while fake
        .requests()
        .iter()
        .filter(|r| r.method == "PUT" && r.path.ends_with("/commands"))
        .count()
        < 2
    {
        anyhow::ensure!(Instant::now() < deadline, "the bots did not register");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let bot = fake.to_bot(BOT_TOKEN);
    let pong = fake.to_bot(PONG_TOKEN);

    let mut rng = StdRng::seed_from_u64(5);
    let warm = calls / 10;
    let mut samples: [Vec<Duration>; 3] = Default::default();
    // Calls that ask something for the first time (the bot cannot have
    // remembered the reply), measured apart.
    let mut asked = std::collections::HashSet::new();
    let mut first: [Vec<Duration>; 2] = Default::default();
    for i in 0..warm + calls {
        // Interleaved, so both bots see the same machine.
        let floor = call(&pong, "ping", json!([])).await;
        let name = names.choose(&mut rng).expect("names");
        let character = call(
            &bot,
            "character",
            json!([{"name": "name", "type": 3, "value": name}]),
        )
        .await;
        let query = queries.choose(&mut rng).expect("queries");
        let search = call(
            &bot,
            "search",
            json!([{"name": "query", "type": 3, "value": query}]),
        )
        .await;
        let new_name = asked.insert(("character", name.clone()));
        let new_query = asked.insert(("search", query.clone()));
        if i >= warm {
            samples[0].push(floor);
            samples[1].push(character);
            samples[2].push(search);
            if new_name {
                first[0].push(character);
            }
            if new_query {
                first[1].push(search);
            }
        }
    }
    if std::env::var_os("GATEWAY_BENCH_DEBUG").is_some() {
        for (i, d) in samples[1].iter().enumerate() {
            if d.as_millis() > 10 {
                eprintln!("slow character call {i}: {d:?} search {:?}", samples[2][i]);
            }
        }
    }
    let [floor, character, search] = samples;
    let floor = latency("pong (floor)", floor);
    println!(
        "gateway event -> interaction callback, {} calls each after {warm} warm-up calls:",
        floor.calls
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {:<14} p50 {:>7.3} ms   p99 {:>7.3} ms   max {:>7.3} ms",
        floor.name,
        ms(floor.p50),
        ms(floor.p99),
        ms(floor.max)
    );
    for figures in [latency("/character", character), latency("/search", search)] {
        println!(
            "  {:<14} p50 {:>7.3} ms   p99 {:>7.3} ms   max {:>7.3} ms   p50 {:.2}x, p99 {:.2}x the floor",
            figures.name,
            ms(figures.p50),
            ms(figures.p99),
            ms(figures.max),
            ms(figures.p50) / ms(floor.p50),
            ms(figures.p99) / ms(floor.p99),
        );
    }
    for (name, firsts) in ["/character", "/search"].into_iter().zip(first) {
        if firsts.is_empty() {
            println!("  {name}: every measured call repeated an earlier question");
            continue;
        }
        let f = latency(name, firsts);
        println!(
            "  {:<14} asked for the first time: {} of {} calls, p50 {:.3} ms, max {:.3} ms",
            f.name,
            f.calls,
            floor.calls,
            ms(f.p50),
            ms(f.max)
        );
    }
    Ok(())
}
