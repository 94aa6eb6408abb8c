//! Answer buttons under load, through the fake Discord of the tests: games
//! running in 1,000 channels at once, clicks from many members kept 8 in
//! flight, each timed from the click leaving the fake to the bot's private
//! acknowledgement arriving there, beside a poise bot that only answers
//! "pong" (the floor) under the same load, interleaved. Answers are counted
//! from the database: only those stored count.
//!
//! `cargo bench --bench trivia_clicks [-- CHANNELS CLICKS_PER_CHANNEL]`

#[allow(dead_code)]
#[path = "../tests/support/fake_discord.rs"]
mod fake_discord;
#[path = "support/pong.rs"]
mod pong;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cliffhanger::app::{Ctx, HorizonScope, SpoilersAction};
use cliffhanger::bench::{LookupSetup, latency};
use cliffhanger::seeds::Language;
use fake_discord::{FakeDiscord, GUILD, MANAGE_CHANNELS, MEMBER, Member};
use pong::both_bots;
use serde_json::json;

const BOT_TOKEN: &str = "cliffhanger-token";
const IN_FLIGHT: usize = 8;
const FIRST_CHANNEL: u64 = 700_000_000_000_000_000;
const STARTER: u64 = 800_000_000_000_000_000;
const PLAYERS: u64 = 900_000_000_000_000_000;

fn member(id: u64) -> Member {
    Member {
        id,
        name: "player",
        locale: "en-US",
        permissions: MEMBER | MANAGE_CHANNELS,
    }
}

/// A running game's first question: its channel, message and buttons.
struct Open {
    channel: u64,
    message: String,
    buttons: Vec<String>,
}

fn main() -> anyhow::Result<()> {
    let mut args = pong::start();
    let channels = args.next().unwrap_or(1_000);
    let per_channel = args.next().unwrap_or(12);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(run(channels, per_channel))
}

/// Runs `work` on `items` with `IN_FLIGHT` of them at once.
async fn in_flight<T: Send + 'static, R: Send + 'static>(
    items: Vec<T>,
    work: impl Fn(T) -> futures_util::future::BoxFuture<'static, R> + Send + Sync + 'static,
) -> Vec<R> {
    let items = Arc::new(std::sync::Mutex::new(items.into_iter().collect::<Vec<_>>()));
    let work = Arc::new(work);
    let mut workers = Vec::new();
    for _ in 0..IN_FLIGHT {
        let items = items.clone();
        let work = work.clone();
        workers.push(tokio::spawn(async move {
            let mut out = Vec::new();
            loop {
                let Some(item) = items.lock().unwrap().pop() else {
                    break;
                };
                out.push(work(item).await);
            }
            out
        }));
    }
    let mut out = Vec::new();
    for w in workers {
        out.extend(w.await.expect("a worker"));
    }
    out
}

async fn run(channels: usize, per_channel: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    let setup = LookupSetup::new(200, STARTER, FIRST_CHANNEL, GUILD).await?;
    let app = Arc::new(setup.app);
    // Every channel may discuss the whole synthetic show.
    for c in 0..channels as u64 {
        let ctx = Ctx {
            user: STARTER,
            channel: FIRST_CHANNEL + c,
            guild: Some(GUILD),
            locale: Language::En,
            can_manage_channel: true,
            can_manage_guild: true,
            thread_of: None,
        };
        app.spoilers(
            &ctx,
            SpoilersAction::Set("S09E22".into()),
            HorizonScope::Channel,
            None,
        )
        .await?;
    }
    let fake = FakeDiscord::start().await;
    let (bot, pong) = both_bots(&fake, app.clone(), BOT_TOKEN, GUILD).await?;

    // A game in every channel: 50 questions of 120 seconds, so the first
    // question stays open while members answer (the starter never does).
    let starts: Vec<u64> = (0..channels as u64).map(|c| FIRST_CHANNEL + c).collect();
    let opened = {
        let bot = bot.clone();
        in_flight(starts, move |channel| {
            let bot = bot.clone();
            Box::pin(async move {
                let mark = bot.mark();
                bot.slash(
                    member(STARTER),
                    channel,
                    "trivia",
                    json!([{"name": "start", "type": 1, "options": [
                        {"name": "questions", "type": 4, "value": 50},
                        {"name": "seconds", "type": 4, "value": 120}]}]),
                );
                let (q, message) = bot.next_question(mark, channel).await;
                Open {
                    channel,
                    message,
                    buttons: q.buttons().into_iter().map(|(id, _, _)| id).collect(),
                }
            })
        })
        .await
    };
    let setup_s = started.elapsed().as_secs_f64();
    println!(
        "{} games running in {} channels, {} facts, ready in {setup_s:.1} s",
        opened.len(),
        channels,
        setup.totals.facts
    );
    let stored_before: i64 = cliffhanger::store::games::answer_count(app.db()).await?;

    // Clicks: each channel's question answered by `per_channel` members,
    // the channels in turn, each click followed by a ping to the floor.
    let opened = Arc::new(opened);
    let mut work = Vec::new();
    for k in 0..per_channel {
        for i in 0..opened.len() {
            work.push((k, i));
        }
    }
    work.reverse();
    let clicks = work.len();
    let refused = Arc::new(AtomicUsize::new(0));
    let timed = Instant::now();
    let samples = {
        let (bot, pong, opened, refused) =
            (bot.clone(), pong.clone(), opened.clone(), refused.clone());
        in_flight(work, move |(k, i)| {
            let (bot, pong, opened, refused) =
                (bot.clone(), pong.clone(), opened.clone(), refused.clone());
            Box::pin(async move {
                let open = &opened[i];
                let who = member(PLAYERS + k as u64 * 10_000 + i as u64);
                let button = &open.buttons[(k + i) % open.buttons.len()];
                let mark = bot.mark();
                let (id, sent) = bot.click_at(who, open.channel, &open.message, button);
                let ack = bot
                    .wait_for(mark, "an acknowledgement", |r| r.callback_of(&id))
                    .await;
                if ack.text() != "Your answer is in." {
                    refused.fetch_add(1, Ordering::SeqCst);
                }
                let click = ack.at - sent;
                let mark = pong.mark();
                let (id, sent) = pong.slash(who, open.channel, "ping", json!([]));
                let answer = pong.wait_for(mark, "pong", |r| r.callback_of(&id)).await;
                (click, answer.at - sent)
            })
        })
        .await
    };
    let elapsed = timed.elapsed().as_secs_f64();
    let stored: i64 = cliffhanger::store::games::answer_count(app.db()).await?;
    let stored = stored - stored_before;
    let (clicks_t, pings): (Vec<Duration>, Vec<Duration>) = samples.into_iter().unzip();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let floor = latency("pong (floor)", pings);
    let click = latency("click -> ack", clicks_t);
    println!(
        "{clicks} clicks, {IN_FLIGHT} in flight, across {} channels ({} per channel), each followed by a ping:",
        opened.len(),
        per_channel
    );
    println!(
        "  {:<14} p50 {:>7.3} ms   p99 {:>7.3} ms   max {:>7.3} ms",
        floor.name,
        ms(floor.p50),
        ms(floor.p99),
        ms(floor.max)
    );
    println!(
        "  {:<14} p50 {:>7.3} ms   p99 {:>7.3} ms   max {:>7.3} ms   p50 {:.2}x, p99 {:.2}x the floor",
        click.name,
        ms(click.p50),
        ms(click.p99),
        ms(click.max),
        ms(click.p50) / ms(floor.p50),
        ms(click.p99) / ms(floor.p99),
    );
    println!(
        "  answers stored: {stored} of {clicks} clicks ({} acknowledged otherwise), {:.0} stored answers/s over {elapsed:.1} s (pings included)",
        refused.load(Ordering::SeqCst),
        stored as f64 / elapsed
    );
    Ok(())
}
