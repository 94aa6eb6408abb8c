//! The floor every gateway benchmark compares against: a poise bot with one
//! command, `/ping`, that answers "pong" with nothing behind it.

use poise::serenity_prelude as serenity;

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
