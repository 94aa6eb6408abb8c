//! The web front end: each server's public pages (boards, recent games,
//! players), the moderators' desk behind Discord's login, and pictures of
//! boards. Pages are made on the server, readable without JavaScript, in
//! English and German; they reach the core only through `App`, as the
//! Discord front end and the console do.

use std::net::SocketAddr;
use std::sync::Arc;

use crate::app::App;
use anyhow::Context as _;
use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

mod desk;
mod layout;
mod limit;
mod public;
mod session;

pub use limit::Limiter;
pub use session::Sessions;

/// Where and how the web pages are served.
#[derive(Clone, clap::Args)]
pub struct WebConfig {
    /// Serve the web pages on this address (`127.0.0.1:8080`); none when
    /// unset.
    #[arg(long = "web-addr", env = "WEB_ADDR")]
    pub addr: Option<SocketAddr>,
    /// The address people reach the pages at (`https://trivia.example.org`),
    /// behind a proxy that ends TLS; `http://` and the address above when
    /// unset.
    #[arg(long = "web-url", env = "WEB_URL")]
    pub url: Option<String>,
    /// Requests one address may make per minute before it is told to slow
    /// down (429).
    #[arg(long = "web-rate", env = "WEB_RATE_PER_MINUTE", default_value_t = 600)]
    pub rate_per_minute: u32,
    /// Behind a proxy: take the client's address from the last hop of
    /// `X-Forwarded-For` (only when the proxy sets it; otherwise anyone
    /// could claim any address).
    #[arg(
        long = "web-trust-proxy",
        env = "WEB_TRUST_PROXY",
        default_value_t = false
    )]
    pub trust_proxy: bool,
    /// The key that signs session cookies (32 characters or more); a random
    /// one for each start when unset, so that logins end with the process.
    #[arg(long = "web-secret", env = "WEB_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
    /// The application's OAuth2 client id, for the moderators' login.
    #[arg(long = "oauth-client-id", env = "DISCORD_CLIENT_ID")]
    pub client_id: Option<String>,
    /// The application's OAuth2 client secret.
    #[arg(
        long = "oauth-client-secret",
        env = "DISCORD_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub client_secret: Option<String>,
    /// Where members are sent to log in with Discord.
    #[arg(
        long = "oauth-authorize-url",
        env = "DISCORD_OAUTH_AUTHORIZE_URL",
        default_value = "https://discord.com/oauth2/authorize"
    )]
    pub authorize_url: String,
    /// Discord's API, for the login's token and the member's servers.
    #[arg(
        long = "oauth-api-url",
        env = "DISCORD_OAUTH_API_URL",
        default_value = "https://discord.com/api/v10"
    )]
    pub api_url: String,
}

impl std::fmt::Debug for WebConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secrets are never written out.
        f.debug_struct("WebConfig")
            .field("addr", &self.addr)
            .field("url", &self.url)
            .field("rate_per_minute", &self.rate_per_minute)
            .field("trust_proxy", &self.trust_proxy)
            .field("secret", &self.secret.as_ref().map(|_| "…"))
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "…"))
            .field("authorize_url", &self.authorize_url)
            .field("api_url", &self.api_url)
            .finish()
    }
}

/// The fewest characters a session key may have.
pub const SECRET_MIN: usize = 32;

impl WebConfig {
    /// The pages on a free loopback port, with no rate limit and no login
    /// (for benchmarks).
    pub fn local() -> WebConfig {
        WebConfig {
            addr: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
            url: None,
            rate_per_minute: 0,
            trust_proxy: false,
            secret: None,
            client_id: None,
            client_secret: None,
            authorize_url: "https://discord.com/oauth2/authorize".into(),
            api_url: "https://discord.com/api/v10".into(),
        }
    }

    /// What is wrong with these settings, in one line naming the variable,
    /// before anything is served.
    pub fn check(&self) -> Result<(), String> {
        if let Some(secret) = &self.secret
            && secret.chars().count() < SECRET_MIN
        {
            return Err(format!(
                "WEB_SECRET is {} characters long: give it {SECRET_MIN} or more (a long random string)",
                secret.chars().count()
            ));
        }
        if let Some(url) = &self.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(format!("WEB_URL “{url}” is not an http(s) address"));
        }
        if self.client_id.is_some() != self.client_secret.is_some() {
            return Err(
                "DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET go together: set both for the desk, or neither"
                    .into(),
            );
        }
        Ok(())
    }

    /// The base address of the pages, without a trailing slash.
    pub fn base_url(&self) -> Option<String> {
        match (&self.url, self.addr) {
            (Some(url), _) => Some(url.trim_end_matches('/').to_string()),
            (None, Some(addr)) => Some(format!("http://{addr}")),
            (None, None) => None,
        }
    }

    /// Whether the pages are reached over TLS (cookies are then `Secure`).
    pub fn secure(&self) -> bool {
        self.url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

/// What every request sees.
#[derive(Debug)]
pub struct Web {
    /// The core.
    pub app: Arc<App>,
    /// Requests per address.
    pub limiter: Limiter,
    /// Whether the client's address comes from `X-Forwarded-For`.
    pub trust_proxy: bool,
    /// Pages made lately, with what they were made from.
    pub(crate) pages: public::Pages,
    /// Who is logged in to the desk.
    pub(crate) sessions: Sessions,
    /// Discord's login, when it is configured.
    pub(crate) oauth: Option<desk::OAuth>,
}

impl Web {
    /// How the public pages' requests were served so far: as remembered,
    /// as remembered while made anew behind, and made while waiting.
    pub fn counts(&self) -> (u64, u64, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (
            self.pages.hits.load(Relaxed),
            self.pages.stale.load(Relaxed),
            self.pages.misses.load(Relaxed),
        )
    }

    /// The pages over `app`, as `config` says.
    pub fn new(app: Arc<App>, config: &WebConfig) -> Arc<Web> {
        let oauth = match (&config.client_id, &config.client_secret, config.base_url()) {
            (Some(id), Some(secret), Some(base)) => Some(desk::OAuth {
                client_id: id.clone(),
                client_secret: secret.clone(),
                authorize: config.authorize_url.trim_end_matches('/').to_string(),
                api: config.api_url.trim_end_matches('/').to_string(),
                redirect: format!("{base}/callback"),
                http: reqwest::Client::new(),
            }),
            _ => None,
        };
        if config.secret.is_none() && oauth.is_some() {
            tracing::warn!("WEB_SECRET is not set: logins to the desk end when this process does");
        }
        Arc::new(Web {
            app,
            limiter: Limiter::new(config.rate_per_minute),
            trust_proxy: config.trust_proxy,
            pages: public::Pages::new(),
            sessions: Sessions::new(config.secret.as_deref(), config.secure()),
            oauth,
        })
    }
}

/// Every route, with the headers and limits every response gets.
pub fn router(web: Arc<Web>) -> Router {
    Router::new()
        .route("/", get(public::home))
        .route("/site.css", get(layout::stylesheet))
        .route("/site.js", get(layout::script))
        .route("/s/{guild}", get(public::board))
        .route("/s/{guild}/games", get(public::games))
        .route("/s/{guild}/board.png", get(public::picture))
        .route("/s/{guild}/players/{user}", get(public::player))
        .route("/desk", get(desk::desk))
        .route("/desk/{guild}", get(desk::server).post(desk::act))
        .route("/login", get(desk::login))
        .route("/callback", get(desk::callback))
        .route("/logout", post(desk::logout))
        .fallback(public::not_found)
        .layer(middleware::from_fn_with_state(web.clone(), limit_requests))
        .layer(middleware::from_fn(secure_headers))
        .with_state(web)
}

/// Binds `config.addr`, so that an address already taken (or a setting
/// that cannot be right) is said at once.
pub async fn listen(config: &WebConfig) -> anyhow::Result<tokio::net::TcpListener> {
    config.check().map_err(|e| anyhow::anyhow!(e))?;
    let addr = config.addr.context("WEB_ADDR is not set")?;
    tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr} (WEB_ADDR)"))
}

/// Serves the pages on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    config: &WebConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let addr = listener.local_addr()?;
    tracing::info!(%addr, url = config.base_url().unwrap_or_default(), "serving the web pages");
    serve_web(listener, Web::new(app, config), shutdown).await
}

/// Serves `web` on `listener` until `shutdown` completes.
pub async fn serve_web(
    listener: tokio::net::TcpListener,
    web: Arc<Web>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    axum::serve(
        listener,
        router(web).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .context("serving the web pages")
}

/// The policy every page is served under: nothing from elsewhere, no
/// inline script or style, no framing; the one script (`/site.js`) may
/// send the desk's forms to this site alone.
const CSP: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; \
                   style-src 'self'; img-src 'self'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";

async fn secure_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // Every page answers in the reader's language, and an error may not
    // stand once the server's pages change: none is kept by a cache as
    // it is, unless its handler said otherwise (the stylesheet, the
    // script, a board's picture).
    if !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// The client's address: the connection's, or behind a trusted proxy the
/// last address it added to `X-Forwarded-For`.
fn client(web: &Web, peer: Option<SocketAddr>, headers: &HeaderMap) -> Option<std::net::IpAddr> {
    if web.trust_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .and_then(|a| a.trim().parse().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    peer.map(|p| p.ip())
}

async fn limit_requests(State(web): State<Arc<Web>>, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let address = client(&web, peer, request.headers());
    match web.limiter.admit(address, std::time::Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let locale = layout::locale_of(request.headers(), request.uri().query());
            let mut response =
                layout::error_page(locale, StatusCode::TOO_MANY_REQUESTS, "web-too-many")
                    .into_response();
            if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        }
    }
}
