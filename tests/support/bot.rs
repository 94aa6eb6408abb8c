//! The real bot (serenity and poise over the core) serving the fake
//! Discord in the test's own process.

use std::sync::Arc;
use std::time::Duration;

use cliffhanger::app::App;
use cliffhanger::discord::Config;
use serde_json::Value;
use tokio::sync::oneshot;

use super::fake_discord::{FakeDiscord, Member, Request};

/// A bot serving a fake Discord until it is stopped.
pub struct Bot {
    /// The fake Discord it serves.
    pub fake: FakeDiscord,
    /// Its core.
    pub app: Arc<App>,
    stop: Option<oneshot::Sender<()>>,
    /// Its serving task.
    pub task: tokio::task::JoinHandle<anyhow::Result<()>>,
    _tmp: tempfile::TempDir,
}

/// Serves `app` (its database in `tmp`) on a new fake Discord with these
/// settings (the token and Discord are the test's); returns once its
/// commands are registered.
pub async fn serve(app: Arc<App>, tmp: tempfile::TempDir, config: Config) -> Bot {
    let fake = FakeDiscord::start().await;
    let config = Config {
        token: "test-token".into(),
        proxy_url: Some(fake.url()),
        ..config
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(cliffhanger::discord::serve(config, app.clone(), async {
        let _ = stopped.await;
    }));
    fake.wait_ready().await;
    Bot {
        fake,
        app,
        stop: Some(stop),
        task,
        _tmp: tmp,
    }
}

impl Bot {
    /// Runs a slash command and returns the bot's answer to it.
    pub async fn run(&self, who: Member, channel: u64, name: &str, options: Value) -> Request {
        let mark = self.fake.mark();
        let (id, _) = self.fake.slash(who, channel, name, options);
        self.fake
            .wait_for(mark, &format!("an answer to /{name}"), |r| {
                r.callback_of(&id)
            })
            .await
    }

    /// Stops the bot; it must stop cleanly.
    pub async fn stop(mut self) {
        self.stop.take().unwrap().send(()).unwrap();
        let outcome = tokio::time::timeout(Duration::from_secs(20), self.task)
            .await
            .expect("the bot stops");
        outcome.unwrap().unwrap();
    }
}
