//! A fake Discord on 127.0.0.1: the REST API the bot calls and a websocket
//! gateway that pushes events to it. Every request is recorded (method,
//! path, JSON body, arrival time) so tests can assert on what the bot sent;
//! channels can be made to refuse posts (403, 404 or a 5xx).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use poise::serenity_prelude as serenity;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message as WsMessage;

/// The bot's application (and user) id.
pub const APP_ID: u64 = 900_000_000_000_000_001;
/// The server every interaction comes from.
pub const GUILD: u64 = 800_000_000_000_000_001;

/// The application's owner, as the API says.
pub const OWNER: u64 = 111_111_111_111_111_111;

/// A token the fake answers with 401 Unauthorized.
pub const REFUSED_TOKEN: &str = "refused-token";

/// `MANAGE_CHANNELS`, as Discord sends permissions.
pub const MANAGE_CHANNELS: u64 = 1 << 4;
/// `MANAGE_GUILD`.
pub const MANAGE_GUILD: u64 = 1 << 5;
/// `MANAGE_MESSAGES`.
pub const MANAGE_MESSAGES: u64 = 1 << 13;
/// What an ordinary member may do (view, send, read history, use commands).
pub const MEMBER: u64 = (1 << 10) | (1 << 11) | (1 << 16) | (1 << 31);

/// A member who may manage the channel and its messages (she starts and
/// stops games), for tests that drive the bot as a process.
pub const ALICE: Member = Member {
    id: 111_111_111_111_111_111,
    name: "alice",
    locale: "en-US",
    permissions: MEMBER | MANAGE_CHANNELS | MANAGE_MESSAGES,
};

/// A plain member, in British English.
pub const BOB: Member = Member {
    id: 222_222_222_222_222_222,
    name: "bob",
    locale: "en-GB",
    permissions: MEMBER,
};

/// A server member who uses the bot.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    pub id: u64,
    pub name: &'static str,
    /// Their Discord client's locale ("en-US", "de", ...).
    pub locale: &'static str,
    /// Their permissions in the channel (a bit set).
    pub permissions: u64,
}

/// One request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path without the query.
    pub path: String,
    pub body: Value,
    pub at: Instant,
    /// Its place among all requests.
    pub seq: usize,
    /// What the fake answered.
    pub response: Value,
}

impl Request {
    /// An interaction callback (the answer to one interaction).
    pub fn callback_of(&self, interaction: &str) -> bool {
        self.method == "POST"
            && self
                .path
                .starts_with(&format!("/api/v10/interactions/{interaction}/"))
    }

    /// A message posted to a channel.
    pub fn posted_in(&self, channel: u64) -> bool {
        self.method == "POST" && self.path == format!("/api/v10/channels/{channel}/messages")
    }

    /// The text of a message or reply: content, embed titles,
    /// descriptions, fields and footers.
    pub fn text(&self) -> String {
        let body = self.body.get("data").unwrap_or(&self.body);
        let mut out = Vec::new();
        if let Some(c) = body.get("content").and_then(Value::as_str) {
            out.push(c.to_string());
        }
        for embed in body
            .get("embeds")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for key in ["title", "description"] {
                if let Some(s) = embed.get(key).and_then(Value::as_str) {
                    out.push(s.to_string());
                }
            }
            for field in embed
                .get("fields")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                for key in ["name", "value"] {
                    if let Some(s) = field.get(key).and_then(Value::as_str) {
                        out.push(s.to_string());
                    }
                }
            }
            if let Some(s) = embed.pointer("/footer/text").and_then(Value::as_str) {
                out.push(s.to_string());
            }
        }
        out.join("\n")
    }

    /// Whether the message or reply is ephemeral (flag 64).
    pub fn ephemeral(&self) -> bool {
        let body = self.body.get("data").unwrap_or(&self.body);
        body.get("flags")
            .and_then(Value::as_u64)
            .is_some_and(|f| f & 64 != 0)
    }

    /// The buttons on it: (custom id, label, disabled).
    pub fn buttons(&self) -> Vec<(String, String, bool)> {
        let body = self.body.get("data").unwrap_or(&self.body);
        let mut out = Vec::new();
        for row in body
            .get("components")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for b in row
                .get("components")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                out.push((
                    b["custom_id"].as_str().unwrap_or_default().to_string(),
                    b["label"].as_str().unwrap_or_default().to_string(),
                    b["disabled"].as_bool().unwrap_or(false),
                ));
            }
        }
        out
    }
}

#[derive(Default)]
struct Inner {
    requests: Vec<Request>,
    /// Channels that refuse posts, with the status they answer.
    refuse: HashMap<u64, u16>,
    /// Messages posted, by id, as sent back.
    messages: HashMap<u64, Value>,
    /// Threads, with the channel each belongs to.
    threads: HashMap<u64, u64>,
    /// Messages sent with a nonce Discord holds to (`enforce_nonce`), by
    /// channel and nonce: the same nonce again gets the same message back
    /// and posts nothing.
    nonces: HashMap<(u64, String), Value>,
    /// Files members uploaded, by the path their URL names.
    files: HashMap<String, String>,
    /// Channels whose posts are answered only after a while.
    slow: HashMap<u64, Duration>,
    /// Channels whose next post is refused with a 429 asking to wait this
    /// many seconds.
    limited: HashMap<u64, f64>,
    /// Direct message channels, with the user each is with.
    dms: HashMap<u64, u64>,
    /// The channel of each interaction, by its token (follow-ups go there).
    tokens: HashMap<String, u64>,
    /// Interaction answers are refused as Discord refuses one that came
    /// after its 3 seconds (404, "Unknown interaction").
    refuse_callbacks: bool,
    next_id: u64,
    identify: Option<Value>,
    /// Every IDENTIFY, in order.
    identifies: Vec<Value>,
    /// Each connected bot's shard connections, by the token it identified
    /// with.
    gateways: HashMap<String, Vec<Connection>>,
    /// The bot that connected last.
    latest: Option<String>,
    /// Who logs in next through the OAuth2 authorize page (nobody: the
    /// member refuses).
    oauth_next: Option<Member>,
    /// OAuth2 codes given out, with who they are for and the address they
    /// were sent back to.
    oauth_codes: HashMap<String, (Member, String)>,
    /// The application's OAuth2 client id and secret, when a test says.
    oauth_client: Option<(String, String)>,
    /// OAuth2 tokens given out, with who they are for.
    oauth_tokens: HashMap<String, Member>,
    /// The servers each member is in, as `/users/@me/guilds` lists them:
    /// (server, name, permissions there). Unset: the fake's own server,
    /// with their permissions.
    oauth_guilds: HashMap<u64, Vec<(u64, String, u64)>>,
}

/// One shard's gateway connection.
struct Connection {
    /// Its shard id and the bot's shard count.
    shard: (u64, u64),
    /// Frames to send it.
    tx: mpsc::UnboundedSender<String>,
    /// Its last sequence number.
    seq: u64,
}

/// The shard a server's events go to, as Discord computes it.
pub fn shard_of(guild: u64, count: u64) -> u64 {
    (guild >> 22) % count.max(1)
}

/// The fake: start one per test.
#[derive(Clone)]
pub struct FakeDiscord {
    http_port: u16,
    ws_port: u16,
    inner: Arc<Mutex<Inner>>,
    /// The bot events go to (by token); the one that connected last when
    /// `None`.
    target: Option<String>,
    /// The server events come from.
    guild: u64,
}

fn snowflake(id: u64) -> Value {
    Value::String(id.to_string())
}

impl FakeDiscord {
    /// Starts the API and the gateway on free loopback ports.
    pub async fn start() -> FakeDiscord {
        let http = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let ws = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let fake = FakeDiscord {
            http_port: http.local_addr().unwrap().port(),
            ws_port: ws.local_addr().unwrap().port(),
            inner: Arc::new(Mutex::new(Inner {
                next_id: 1_000_000_000_000_000_000,
                ..Inner::default()
            })),
            target: None,
            guild: GUILD,
        };
        let f = fake.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = http.accept().await {
                // Small writes go out at once (no Nagle delay against the
                // peer's delayed acknowledgements).
                let _ = stream.set_nodelay(true);
                tokio::spawn(f.clone().serve_http(stream));
            }
        });
        let f = fake.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = ws.accept().await {
                let _ = stream.set_nodelay(true);
                tokio::spawn(f.clone().serve_gateway(stream));
            }
        });
        fake
    }

    /// The same fake, its events coming from another server.
    pub fn in_guild(&self, guild: u64) -> FakeDiscord {
        FakeDiscord {
            guild,
            ..self.clone()
        }
    }

    /// The same fake, sending events to the bot with this token (when
    /// several bots are connected).
    pub fn to_bot(&self, token: &str) -> FakeDiscord {
        FakeDiscord {
            target: Some(token.to_string()),
            ..self.clone()
        }
    }

    /// Whether a bot with this token has identified.
    pub fn connected(&self, token: &str) -> bool {
        self.inner.lock().unwrap().gateways.contains_key(token)
    }

    /// The base URL to give the bot as its proxy.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.http_port)
    }

    fn next_id(&self) -> u64 {
        let mut inner = self.inner.lock().unwrap();
        inner.next_id += 1;
        inner.next_id
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.inner.lock().unwrap().requests.clone()
    }

    /// How many requests so far (to wait for later ones).
    pub fn mark(&self) -> usize {
        self.inner.lock().unwrap().requests.len()
    }

    /// Requests since `mark`.
    pub fn since(&self, mark: usize) -> Vec<Request> {
        self.inner.lock().unwrap().requests[mark..].to_vec()
    }

    /// Answers posts to `channel` only after `delay` (a slow network).
    pub fn slow_posts(&self, channel: u64, delay: Duration) {
        self.inner.lock().unwrap().slow.insert(channel, delay);
    }

    /// Makes `thread` a public thread of `parent`: interactions in it say
    /// so, as Discord's do.
    pub fn thread(&self, thread: u64, parent: u64) {
        self.inner.lock().unwrap().threads.insert(thread, parent);
    }

    /// Refuses every interaction answer from now on (or accepts them
    /// again), as Discord does with one that missed its 3 seconds.
    pub fn refuse_callbacks(&self, on: bool) {
        self.inner.lock().unwrap().refuse_callbacks = on;
    }

    /// Makes `channel` answer posts with `status`: 403 or 404 (the channel
    /// is closed to the bot, or gone), or a 5xx (Discord in trouble, the
    /// post not made); `None` lets it accept them again.
    pub fn refuse(&self, channel: u64, status: Option<u16>) {
        let mut inner = self.inner.lock().unwrap();
        match status {
            Some(s) => inner.refuse.insert(channel, s),
            None => inner.refuse.remove(&channel),
        };
    }

    /// The IDENTIFY payload the bot sent, once it has.
    pub fn identify(&self) -> Option<Value> {
        self.inner.lock().unwrap().identify.clone()
    }

    /// Every IDENTIFY so far, in order.
    pub fn identifies(&self) -> Vec<Value> {
        self.inner.lock().unwrap().identifies.clone()
    }

    /// Waits for the first request since `mark` that matches.
    pub async fn wait_for(
        &self,
        mark: usize,
        what: &str,
        matches: impl Fn(&Request) -> bool,
    ) -> Request {
        self.try_wait_for(mark, Duration::from_secs(20), &matches)
            .await
            .unwrap_or_else(|| {
                let seen: Vec<String> = self
                    .since(mark)
                    .iter()
                    .map(|r| format!("{} {} {}", r.method, r.path, r.body))
                    .collect();
                panic!("the bot never sent {what}; it sent:\n{}", seen.join("\n"))
            })
    }

    /// Waits up to `limit` for the first request since `mark` that matches.
    pub async fn try_wait_for(
        &self,
        mark: usize,
        limit: Duration,
        matches: &impl Fn(&Request) -> bool,
    ) -> Option<Request> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(found) = self.since(mark).into_iter().find(|r| matches(r)) {
                return Some(found);
            }
            if Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    /// Waits for the first trivia question posted in `channel` since
    /// `mark`: the request, and the posted message's id.
    pub async fn next_question(&self, mark: usize, channel: u64) -> (Request, String) {
        let r = self
            .wait_for(mark, "a question with answer buttons", |r| {
                r.posted_in(channel)
                    && r.response["id"].is_string()
                    && r.buttons()
                        .iter()
                        .any(|(id, _, _)| id.starts_with("trivia:"))
            })
            .await;
        let id = r.response["id"].as_str().unwrap_or_default().to_string();
        (r, id)
    }

    /// Waits until the bot has connected and registered its commands.
    pub async fn wait_ready(&self) -> Request {
        self.wait_for(0, "its command registration", |r| {
            r.method == "PUT" && r.path.ends_with("/commands")
        })
        .await
    }

    /// Pushes a dispatch event through the gateway; returns when it went.
    pub fn dispatch(&self, event: &str, d: Value) -> Instant {
        let mut inner = self.inner.lock().unwrap();
        let token = self.target.clone().or_else(|| inner.latest.clone());
        let connections = token
            .and_then(|t| inner.gateways.get_mut(&t))
            .expect("the bot is not connected");
        // A server's events go to the shard that owns it; direct messages
        // to shard 0.
        let guild = d["guild_id"].as_str().and_then(|g| g.parse::<u64>().ok());
        let count = connections.first().map_or(1, |c| c.shard.1);
        let shard = guild.map_or(0, |g| shard_of(g, count));
        let connection = connections
            .iter_mut()
            .find(|c| c.shard.0 == shard)
            .unwrap_or_else(|| panic!("no connection of the bot owns shard {shard}"));
        connection.seq += 1;
        let (gateway, seq) = (connection.tx.clone(), connection.seq);
        let frame = json!({"op": 0, "s": seq, "t": event, "d": d}).to_string();
        let at = Instant::now();
        gateway.send(frame).expect("the gateway connection is gone");
        at
    }

    fn interaction(
        &self,
        kind: u8,
        who: Member,
        channel: u64,
        data: Value,
        message: Option<Value>,
    ) -> (String, Value) {
        let id = self.next_id();
        let d = json!({
            "id": snowflake(id),
            "application_id": snowflake(APP_ID),
            "type": kind,
            "data": data,
            "guild_id": snowflake(self.guild),
            "channel_id": snowflake(channel),
            "member": {
                "user": {"id": snowflake(who.id), "username": who.name, "discriminator": "0",
                         "global_name": who.name, "avatar": null},
                "roles": [], "deaf": false, "mute": false, "flags": 0,
                "joined_at": "2025-01-01T00:00:00.000000+00:00",
                "permissions": who.permissions.to_string(),
            },
            "token": format!("token-{id}"),
            "version": 1,
            "locale": who.locale,
            "guild_locale": "en-US",
            "app_permissions": "2248473465835073",
            "entitlements": [],
            "attachment_size_limit": 10_485_760,
        });
        let mut d = d;
        if let Some(message) = message {
            d["message"] = message;
        }
        self.inner
            .lock()
            .unwrap()
            .tokens
            .insert(format!("token-{id}"), channel);
        // The channel, as Discord sends it partly: a thread names its parent.
        let parent = self.inner.lock().unwrap().threads.get(&channel).copied();
        d["channel"] = match parent {
            Some(parent) => json!({"id": snowflake(channel), "type": 11, "name": "a thread",
                                   "parent_id": snowflake(parent),
                                   "thread_metadata": {"archived": false, "auto_archive_duration": 1440,
                                                       "archive_timestamp": "2026-11-21T12:00:00.000000+00:00",
                                                       "locked": false}}),
            None => json!({"id": snowflake(channel), "type": 0, "name": "a channel"}),
        };
        // A payload serenity cannot read would be dropped silently.
        if let Err(e) = serde_json::from_value::<serenity::Interaction>(d.clone()) {
            panic!("the fake built an interaction serenity cannot read: {e}\n{d:#}");
        }
        (id.to_string(), d)
    }

    fn command_data(name: &str, options: Value) -> Value {
        json!({"id": "700000000000000001", "name": name, "type": 1, "options": options})
    }

    /// A slash command; `options` as Discord nests them (subcommands
    /// included). Returns the interaction id and when it was sent.
    pub fn slash(
        &self,
        who: Member,
        channel: u64,
        name: &str,
        options: Value,
    ) -> (String, Instant) {
        let (id, d) = self.interaction(2, who, channel, Self::command_data(name, options), None);
        let at = self.dispatch("INTERACTION_CREATE", d);
        (id, at)
    }

    /// A file a member uploads with a command: the attachment Discord
    /// puts in the command's `resolved` data (its URL served here).
    pub fn upload(&self, name: &str, text: &str) -> Value {
        let id = self.next_id();
        let path = format!("/attachments/{id}/{name}");
        self.inner
            .lock()
            .unwrap()
            .files
            .insert(path.clone(), text.to_string());
        let url = format!("{}{path}", self.url());
        json!({"id": snowflake(id), "filename": name, "size": text.len(), "url": url,
               "proxy_url": url})
    }

    /// A slash command with files uploaded to its file options (their
    /// values name the attachments by id).
    pub fn slash_with_files(
        &self,
        who: Member,
        channel: u64,
        name: &str,
        options: Value,
        files: &[Value],
    ) -> String {
        let mut data = Self::command_data(name, options);
        let attachments: serde_json::Map<String, Value> = files
            .iter()
            .map(|f| (f["id"].as_str().unwrap().to_string(), f.clone()))
            .collect();
        data["resolved"] = json!({ "attachments": attachments });
        let (id, d) = self.interaction(2, who, channel, data, None);
        self.dispatch("INTERACTION_CREATE", d);
        id
    }

    /// An autocomplete request; the focused option carries
    /// `"focused": true`.
    pub fn autocomplete(&self, who: Member, channel: u64, name: &str, options: Value) -> String {
        let (id, d) = self.interaction(4, who, channel, Self::command_data(name, options), None);
        self.dispatch("INTERACTION_CREATE", d);
        id
    }

    /// The next post to `channel` is answered 429, "wait `seconds`", as a
    /// shared rate-limit proxy does when the bot's limit is used up.
    pub fn rate_limit_once(&self, channel: u64, seconds: f64) {
        self.inner.lock().unwrap().limited.insert(channel, seconds);
    }

    /// The user a direct message channel is with, if it is one.
    pub fn dm_with(&self, channel: u64) -> Option<u64> {
        self.inner.lock().unwrap().dms.get(&channel).copied()
    }

    /// A click on a button of a message the bot posted.
    pub fn click(&self, who: Member, channel: u64, message_id: &str, custom_id: &str) -> String {
        self.click_at(who, channel, message_id, custom_id).0
    }

    /// [`FakeDiscord::click`], with when the click went out.
    pub fn click_at(
        &self,
        who: Member,
        channel: u64,
        message_id: &str,
        custom_id: &str,
    ) -> (String, Instant) {
        let message = self
            .inner
            .lock()
            .unwrap()
            .messages
            .get(&message_id.parse::<u64>().unwrap())
            .cloned()
            .expect("a message the bot posted");
        let data = json!({"custom_id": custom_id, "component_type": 2});
        let (id, d) = self.interaction(3, who, channel, data, Some(message));
        let at = self.dispatch("INTERACTION_CREATE", d);
        (id, at)
    }

    /// A member's message in a channel; its id.
    pub fn message(&self, who: Member, channel: u64, content: &str) -> u64 {
        let id = self.next_id();
        let mut m = self.message_json(id, channel, content, json!([]));
        m["author"] = json!({"id": snowflake(who.id), "username": who.name,
                             "discriminator": "0", "avatar": null, "global_name": who.name});
        m["guild_id"] = snowflake(self.guild);
        if let Err(e) = serde_json::from_value::<serenity::Message>(m.clone()) {
            panic!("the fake built a message serenity cannot read: {e}\n{m:#}");
        }
        self.dispatch("MESSAGE_CREATE", m);
        id
    }

    fn message_json(&self, id: u64, channel: u64, content: &str, embeds: Value) -> Value {
        json!({
            "id": snowflake(id),
            "channel_id": snowflake(channel),
            "author": {"id": snowflake(APP_ID), "username": "cliffhanger", "discriminator": "0",
                       "avatar": null, "global_name": null, "bot": true},
            "content": content,
            "timestamp": "2026-11-21T12:00:00.000000+00:00",
            "edited_timestamp": null,
            "tts": false,
            "mention_everyone": false,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": embeds,
            "pinned": false,
            "type": 0,
        })
    }

    /// What the API answers: status and JSON body.
    fn route(&self, method: &str, path: &str, body: &Value) -> (u16, Value) {
        let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
        match (method, parts.as_slice()) {
            ("GET", ["gateway"]) => (
                200,
                json!({"url": format!("ws://127.0.0.1:{}", self.ws_port)}),
            ),
            // One shard recommended.
            ("GET", ["gateway", "bot"]) => (
                200,
                json!({"url": format!("ws://127.0.0.1:{}", self.ws_port), "shards": 1,
                       "session_start_limit": {"total": 1000, "remaining": 1000,
                                               "reset_after": 0, "max_concurrency": 1}}),
            ),
            ("GET", ["users", "@me"]) => (
                200,
                json!({"id": snowflake(APP_ID), "username": "cliffhanger", "discriminator": "0",
                       "avatar": null, "bot": true, "verified": true, "mfa_enabled": false}),
            ),
            ("GET", ["oauth2", "applications", "@me"]) => (
                200,
                json!({"id": snowflake(APP_ID), "name": "cliffhanger", "description": "",
                       "bot_public": true, "bot_require_code_grant": false, "verify_key": "00",
                       "icon": null, "flags": 0,
                       "owner": {"id": snowflake(OWNER), "username": "owner", "discriminator": "0",
                                 "avatar": null}}),
            ),
            // A direct message channel with a user.
            ("POST", ["users", "@me", "channels"]) => {
                let user = body["recipient_id"].as_str().unwrap_or("0").to_string();
                let id = self.next_id();
                self.inner
                    .lock()
                    .unwrap()
                    .dms
                    .insert(id, user.parse().unwrap_or(0));
                (
                    200,
                    json!({"id": snowflake(id), "type": 1, "last_message_id": null,
                           "recipients": [{"id": user, "username": "someone", "discriminator": "0",
                                           "avatar": null}]}),
                )
            }
            (
                "PUT",
                ["applications", _, "commands"] | ["applications", _, "guilds", _, "commands"],
            ) => {
                let echoed: Vec<Value> = body
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|mut c| {
                        c["id"] = snowflake(self.next_id());
                        c["application_id"] = snowflake(APP_ID);
                        c["version"] = snowflake(1);
                        c["type"] = json!(1);
                        c
                    })
                    .collect();
                (200, Value::Array(echoed))
            }
            ("POST", ["interactions", _, _, "callback"]) => {
                if self.inner.lock().unwrap().refuse_callbacks {
                    return (
                        404,
                        json!({"message": "Unknown interaction", "code": 10062}),
                    );
                }
                (204, Value::Null)
            }
            ("POST", ["channels", channel, "messages"]) => {
                let channel: u64 = channel.parse().unwrap_or(0);
                if let Some(seconds) = self.inner.lock().unwrap().limited.remove(&channel) {
                    return (
                        429,
                        json!({"message": "You are being rate limited.", "retry_after": seconds,
                               "global": false}),
                    );
                }
                if let Some(status) = self.inner.lock().unwrap().refuse.get(&channel).copied() {
                    let (message, code) = match status {
                        403 => ("Missing Access", 50001),
                        404 => ("Unknown Channel", 10003),
                        _ => ("Service Unavailable", 0),
                    };
                    return (status, json!({"message": message, "code": code}));
                }
                let nonce = body
                    .get("nonce")
                    .and_then(Value::as_str)
                    .filter(|_| body.get("enforce_nonce") == Some(&json!(true)))
                    .map(|nonce| (channel, nonce.to_string()));
                if let Some(key) = &nonce
                    && let Some(sent) = self.inner.lock().unwrap().nonces.get(key)
                {
                    return (200, sent.clone());
                }
                let message = self.store_message(channel, body);
                if let Some(key) = nonce {
                    self.inner
                        .lock()
                        .unwrap()
                        .nonces
                        .insert(key, message.clone());
                }
                (200, message)
            }
            // A thread opened from a message: it follows its channel.
            ("POST", ["channels", channel, "messages", _, "threads"]) => {
                let parent: u64 = channel.parse().unwrap_or(0);
                let id = self.next_id();
                self.inner.lock().unwrap().threads.insert(id, parent);
                (
                    201,
                    json!({"id": snowflake(id), "type": 11, "guild_id": snowflake(self.guild),
                           "parent_id": snowflake(parent), "name": body["name"].clone(),
                           "position": 0, "nsfw": false, "permission_overwrites": [],
                           "thread_metadata": {"archived": false,
                               "auto_archive_duration": body["auto_archive_duration"].clone(),
                               "archive_timestamp": "2026-11-21T12:00:00.000000+00:00",
                               "locked": false}}),
                )
            }
            // A server's scheduled event, echoed back as Discord makes it.
            ("POST", ["guilds", guild, "scheduled-events"]) => {
                let id = self.next_id();
                (
                    200,
                    json!({"id": snowflake(id), "guild_id": guild, "channel_id": null,
                           "creator_id": snowflake(APP_ID), "name": body["name"].clone(),
                           "description": body["description"].clone(),
                           "scheduled_start_time": body["scheduled_start_time"].clone(),
                           "scheduled_end_time": body["scheduled_end_time"].clone(),
                           "privacy_level": 2, "status": 1, "entity_type": 3,
                           "entity_id": null, "entity_metadata": body["entity_metadata"].clone(),
                           "user_count": 0, "image": null}),
                )
            }
            ("DELETE", ["guilds", _, "scheduled-events", _]) => (204, Value::Null),
            ("PATCH", ["channels", channel, "messages", id]) => {
                let channel: u64 = channel.parse().unwrap_or(0);
                let mut m = self.message_json(id.parse().unwrap_or(0), channel, "", json!([]));
                if let Some(old) = self
                    .inner
                    .lock()
                    .unwrap()
                    .messages
                    .get(&id.parse().unwrap_or(0))
                {
                    m = old.clone();
                }
                (200, m)
            }
            ("POST", ["webhooks", _, token]) => {
                let channel = self.channel_of(token);
                (200, self.store_message(channel, body))
            }
            ("GET" | "PATCH", ["webhooks", _, token, "messages", _]) => {
                let channel = self.channel_of(token);
                (200, self.store_message(channel, body))
            }
            _ => (404, json!({"message": "404: Not Found", "code": 0})),
        }
    }

    /// The channel an interaction's follow-ups go to.
    fn channel_of(&self, token: &str) -> u64 {
        self.inner
            .lock()
            .unwrap()
            .tokens
            .get(token)
            .copied()
            .unwrap_or(1)
    }

    fn store_message(&self, channel: u64, body: &Value) -> Value {
        let id = self.next_id();
        let content = body.get("content").and_then(Value::as_str).unwrap_or("");
        let embeds = body.get("embeds").cloned().unwrap_or(json!([]));
        let m = self.message_json(id, channel, content, embeds);
        self.inner.lock().unwrap().messages.insert(id, m.clone());
        m
    }

    /// The client id and secret the token exchange holds the bot to.
    pub fn oauth_client(&self, id: &str, secret: &str) {
        self.inner.lock().unwrap().oauth_client = Some((id.into(), secret.into()));
    }

    /// Who logs in at the next visit of the OAuth2 authorize page.
    pub fn log_in_as(&self, who: Member) {
        self.inner.lock().unwrap().oauth_next = Some(who);
    }

    /// The servers `user` is in and may do what there, as Discord tells
    /// an application they logged in to.
    pub fn member_of(&self, user: u64, guilds: &[(u64, &str, u64)]) {
        self.inner.lock().unwrap().oauth_guilds.insert(
            user,
            guilds
                .iter()
                .map(|(g, n, p)| (*g, n.to_string(), *p))
                .collect(),
        );
    }

    /// The OAuth2 side: the authorize page (a redirect back with a code,
    /// or with an error when nobody is to log in), the token exchange, and
    /// what a member's token may read. `None` for every other route.
    fn oauth(
        &self,
        method: &str,
        target: &str,
        token: &str,
        raw: &[u8],
    ) -> Option<(u16, Value, Option<String>)> {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let param = |text: &str, key: &str| -> Option<String> {
            text.split('&').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                (k == key).then(|| percent_decode(v))
            })
        };
        let mut inner = self.inner.lock().unwrap();
        match (method, path) {
            ("GET", "/oauth2/authorize") => {
                let back = param(query, "redirect_uri").unwrap_or_default();
                let state = param(query, "state").unwrap_or_default();
                let client = inner.oauth_client.as_ref().map(|(id, _)| id.clone());
                let asked_right = param(query, "response_type").as_deref() == Some("code")
                    && param(query, "scope").as_deref() == Some("identify guilds")
                    && client.is_none_or(|id| param(query, "client_id") == Some(id));
                let location = match inner.oauth_next {
                    _ if !asked_right => {
                        format!(
                            "{back}?error=invalid_request&state={}",
                            percent_encode(&state)
                        )
                    }
                    Some(member) => {
                        let code = format!("code-{}-{}", member.id, inner.oauth_codes.len());
                        inner
                            .oauth_codes
                            .insert(code.clone(), (member, back.clone()));
                        format!("{back}?code={code}&state={}", percent_encode(&state))
                    }
                    None => format!(
                        "{back}?error=access_denied&state={}",
                        percent_encode(&state)
                    ),
                };
                Some((302, Value::Null, Some(location)))
            }
            ("POST", "/api/v10/oauth2/token") => {
                let form = String::from_utf8_lossy(raw).to_string();
                let client_right = inner.oauth_client.clone().is_none_or(|(id, secret)| {
                    param(&form, "client_id") == Some(id)
                        && param(&form, "client_secret") == Some(secret)
                });
                if !client_right {
                    return Some((401, json!({"error": "invalid_client"}), None));
                }
                let member = param(&form, "code")
                    .and_then(|c| inner.oauth_codes.remove(&c))
                    .filter(|(_, back)| param(&form, "redirect_uri").as_ref() == Some(back))
                    .map(|(member, _)| member);
                Some(match member {
                    Some(member) => {
                        let token = format!("oauth-{}-{}", member.id, inner.oauth_tokens.len());
                        inner.oauth_tokens.insert(token.clone(), member);
                        (
                            200,
                            json!({"access_token": token, "token_type": "Bearer",
                                     "expires_in": 604800, "scope": "identify guilds"}),
                            None,
                        )
                    }
                    None => (400, json!({"error": "invalid_grant"}), None),
                })
            }
            ("GET", "/api/v10/users/@me") | ("GET", "/api/v10/users/@me/guilds")
                if token.starts_with("Bearer ") =>
            {
                let member = inner
                    .oauth_tokens
                    .get(token.trim_start_matches("Bearer "))
                    .copied();
                let Some(member) = member else {
                    return Some((
                        401,
                        json!({"message": "401: Unauthorized", "code": 0}),
                        None,
                    ));
                };
                if path.ends_with("/guilds") {
                    let guilds = inner
                        .oauth_guilds
                        .get(&member.id)
                        .cloned()
                        .unwrap_or_else(|| vec![(GUILD, "Fake server".into(), member.permissions)]);
                    let listed: Vec<Value> = guilds
                        .iter()
                        .map(|(g, name, perms)| {
                            json!({"id": g.to_string(), "name": name,
                                                       "owner": false,
                                                       "permissions": perms.to_string()})
                        })
                        .collect();
                    Some((200, Value::Array(listed), None))
                } else {
                    Some((
                        200,
                        json!({"id": member.id.to_string(), "username": member.name,
                                      "global_name": member.name, "locale": member.locale}),
                        None,
                    ))
                }
            }
            _ => None,
        }
    }

    async fn serve_http(self, stream: TcpStream) {
        let (read, mut write) = stream.into_split();
        let mut reader = BufReader::new(read);
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let mut words = line.split_whitespace();
            let method = words.next().unwrap_or("").to_string();
            let target = words.next().unwrap_or("").to_string();
            let mut length = 0usize;
            let mut token = String::new();
            let mut content_type = String::new();
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).await.unwrap_or(0) == 0 {
                    return;
                }
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap_or(0);
                }
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("authorization")
                {
                    token = value.trim().to_string();
                }
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("content-type")
                {
                    content_type = value.trim().to_string();
                }
            }
            let mut raw = vec![0; length];
            if reader.read_exact(&mut raw).await.is_err() {
                return;
            }
            let at = Instant::now();
            if let Some((status, answer, location)) = self.oauth(&method, &target, &token, &raw) {
                let text = if answer.is_null() {
                    String::new()
                } else {
                    answer.to_string()
                };
                let location = location
                    .map(|l| format!("location: {l}\r\n"))
                    .unwrap_or_default();
                let response = format!(
                    "HTTP/1.1 {status} {}\r\ncontent-type: application/json\r\n{location}content-length: {}\r\n\r\n{text}",
                    match status {
                        200 => "OK",
                        302 => "Found",
                        400 => "Bad Request",
                        _ => "Unauthorized",
                    },
                    text.len()
                );
                if write.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
                continue;
            }
            let body: Value = match content_type.split_once("boundary=") {
                Some((_, boundary)) => multipart(&raw, boundary.trim_matches('"')),
                None => serde_json::from_slice(&raw).unwrap_or(Value::Null),
            };
            let path = target.split('?').next().unwrap_or("").to_string();
            let slow = path
                .strip_prefix("/api/v10/channels/")
                .and_then(|rest| rest.strip_suffix("/messages"))
                .and_then(|channel| channel.parse::<u64>().ok())
                .filter(|_| method == "POST")
                .and_then(|channel| self.inner.lock().unwrap().slow.get(&channel).copied());
            if let Some(delay) = slow {
                tokio::time::sleep(delay).await;
            }
            let file = if method == "GET" {
                self.inner.lock().unwrap().files.get(&path).cloned()
            } else {
                None
            };
            let (status, answer) = if file.is_some() {
                (200, Value::Null)
            } else if token == format!("Bot {REFUSED_TOKEN}") {
                (401, json!({"message": "401: Unauthorized", "code": 0}))
            } else {
                self.route(&method, &path, &body)
            };
            {
                let mut inner = self.inner.lock().unwrap();
                let seq = inner.requests.len();
                inner.requests.push(Request {
                    method,
                    path,
                    body,
                    at,
                    seq,
                    response: answer.clone(),
                });
            }
            let text = if let Some(file) = file {
                file
            } else if answer.is_null() {
                String::new()
            } else {
                answer.to_string()
            };
            let retry_after = answer
                .get("retry_after")
                .and_then(Value::as_f64)
                .map(|s| format!("retry-after: {s}\r\n"))
                .unwrap_or_default();
            let response = format!(
                "HTTP/1.1 {status} {}\r\ncontent-type: application/json\r\n{retry_after}content-length: {}\r\n\r\n{text}",
                match status {
                    200 => "OK",
                    204 => "No Content",
                    401 => "Unauthorized",
                    403 => "Forbidden",
                    429 => "Too Many Requests",
                    _ => "Not Found",
                },
                text.len()
            );
            if write.write_all(response.as_bytes()).await.is_err() {
                return;
            }
        }
    }

    async fn serve_gateway(self, stream: TcpStream) {
        let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
            return;
        };
        let (mut sink, mut source) = ws.split();
        let (tx, mut rx) = mpsc::unbounded_channel::<String>();
        let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}}).to_string();
        if sink.send(WsMessage::Text(hello)).await.is_err() {
            return;
        }
        loop {
            tokio::select! {
                incoming = source.next() => {
                    let Some(Ok(WsMessage::Text(text))) = incoming else { return };
                    let Ok(frame) = serde_json::from_str::<Value>(&text) else { continue };
                    match frame["op"].as_u64() {
                        Some(1) => {
                            let _ = sink.send(WsMessage::Text(json!({"op": 11}).to_string())).await;
                        }
                        Some(2) => {
                            let ready = {
                                let mut inner = self.inner.lock().unwrap();
                                inner.identify = Some(frame["d"].clone());
                                inner.identifies.push(frame["d"].clone());
                                let token = frame["d"]["token"].as_str().unwrap_or("");
                                let token = token.strip_prefix("Bot ").unwrap_or(token).to_string();
                                let shard = (
                                    frame["d"]["shard"][0].as_u64().unwrap_or(0),
                                    frame["d"]["shard"][1].as_u64().unwrap_or(1),
                                );
                                let connections = inner.gateways.entry(token.clone()).or_default();
                                // A shard that identifies again replaces its old connection.
                                connections.retain(|c| c.shard.0 != shard.0);
                                connections.push(Connection { shard, tx: tx.clone(), seq: 1 });
                                inner.latest = Some(token);
                                json!({"op": 0, "s": 1, "t": "READY", "d": {
                                    "v": 10,
                                    "user": {"id": snowflake(APP_ID), "username": "cliffhanger",
                                             "discriminator": "0", "avatar": null, "bot": true},
                                    "guilds": [],
                                    "session_id": "fake-session",
                                    "resume_gateway_url": format!("ws://127.0.0.1:{}", self.ws_port),
                                    "application": {"id": snowflake(APP_ID), "flags": 0},
                                }})
                            };
                            if sink.send(WsMessage::Text(ready.to_string())).await.is_err() {
                                return;
                            }
                        }
                        _ => {}
                    }
                }
                outgoing = rx.recv() => {
                    let Some(frame) = outgoing else { return };
                    if sink.send(WsMessage::Text(frame)).await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

/// A query or form value as written, percent-decoded.
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

/// A value for a query, percent-encoded.
fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A multipart body as Discord takes files: its `payload_json` part as the
/// body, with the files sent listed under `"_files"` (name and size).
fn multipart(raw: &[u8], boundary: &str) -> Value {
    let text = String::from_utf8_lossy(raw);
    let mut body = Value::Null;
    let mut files = Vec::new();
    for part in text.split(&format!("--{boundary}")) {
        let Some((head, content)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        if head.contains("name=\"payload_json\"") {
            body = serde_json::from_str(content).unwrap_or(Value::Null);
        } else if let Some(at) = head.find("filename=\"") {
            let name = head[at + 10..].split('"').next().unwrap_or("").to_string();
            // The bytes as sent (a PNG is not text: counted from the raw
            // body, not the lossy text).
            let start = raw
                .windows(head.len())
                .position(|w| w == head.as_bytes())
                .map(|p| p + head.len() + 4)
                .unwrap_or(0);
            let end = raw[start..]
                .windows(boundary.len() + 4)
                .position(|w| w == format!("\r\n--{boundary}").as_bytes())
                .map_or(raw.len(), |p| start + p);
            files.push(json!({"name": name, "size": end - start,
                              "png": raw[start..end].starts_with(b"\x89PNG")}));
        }
    }
    if let Value::Object(map) = &mut body {
        map.insert("_files".into(), Value::Array(files));
    }
    body
}
