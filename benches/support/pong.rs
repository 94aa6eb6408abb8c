//! The floor every gateway benchmark compares against: a poise bot with one
//! command, `/ping`, that answers "pong" with nothing behind it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use poise::serenity_prelude as serenity;

use super::fake_discord::FakeDiscord;

/// The token the pong bot connects with.
pub const PONG_TOKEN: &str = "pong-token";

type PongContext<'a> = poise::Context<'a, (), anyhow::Error>;

/// Answers "pong".
#[poise::command(slash_command)]
async fn ping(ctx: PongContext<'_>) -> Result<(), anyhow::Error> {
    ctx.say("pong").await?;
    Ok(())
}

/// The floor: a poise bot with one command and nothing behind it.
pub async fn pong_bot(proxy: String, guild: u64) -> anyhow::Result<()> {
    let client = reqwest::Client::builder().no_proxy().build()?;
    let http = serenity::HttpBuilder::new(PONG_TOKEN)
        .proxy(proxy)
        .ratelimiter_disabled(true)
        .client(client)
        .build();
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: vec![ping()],
            initialize_owners: false,
            ..Default::default()
        })
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                poise::builtins::register_in_guild(
                    ctx,
                    &framework.options().commands,
                    serenity::GuildId::new(guild),
                )
                .await?;
                Ok(())
            })
        })
        .build();
    let mut client =
        serenity::ClientBuilder::new_with_http(http, serenity::GatewayIntents::non_privileged())
            .framework(framework)
            .await?;
    client.start().await?;
    Ok(())
}

/// Logs what goes wrong to standard error, as `RUST_LOG` asks (warnings
/// by default), and reads the whole-number arguments after `--`.
pub fn start() -> impl Iterator<Item = usize> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .filter_map(|a| a.parse::<usize>().ok())
}

/// The real bot (over `app`, connecting with `token`) and the pong bot,
/// both connected to `fake` and their commands registered: setup is over.
/// Returns the fake as each bot sees it.
pub async fn both_bots(
    fake: &FakeDiscord,
    app: Arc<cliffhanger::app::App>,
    token: &str,
    guild: u64,
) -> anyhow::Result<(FakeDiscord, FakeDiscord)> {
    let config = cliffhanger::discord::Config {
        token: token.into(),
        proxy_url: Some(fake.url()),
        dev_guild: Some(guild),
        message_content: false,
        ..cliffhanger::discord::Config::default()
    };
    tokio::spawn(cliffhanger::discord::serve(
        config,
        app,
        std::future::pending(),
    ));
    tokio::spawn(pong_bot(fake.url(), guild));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !(fake.connected(token) && fake.connected(PONG_TOKEN)) {
        anyhow::ensure!(Instant::now() < deadline, "the bots did not connect");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
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
    Ok((fake.to_bot(token), fake.to_bot(PONG_TOKEN)))
}
