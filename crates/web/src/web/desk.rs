//! The moderators' desk, behind "Log in with Discord" (OAuth2, scopes
//! identify and guilds): for each server the member may manage, what the
//! bot's manager commands show and do there (reported questions,
//! horizons, the question of the day, rewatches, scheduled games, packs,
//! the public pages). Every list is the reply of a command, under the
//! moderator's own gate, and every form is a command of the schema, its
//! fields made from its options: the desk does what the commands do and
//! nothing else. Whether the member may manage the server is asked of
//! Discord again on every request.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::app::Ctx;
use crate::i18n::{Locale, lookup, t};
use crate::invoke::Call;
use crate::reply::{Does, Reply};
use crate::schema::{self, CommandSpec, OptionKind};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::Web;
use super::layout::{encode, error_page, lang, locale_of, page};
use super::session::{STATE_COOKIE, Session, cookie_value, random_token, same};

/// Discord's `ADMINISTRATOR` permission.
const ADMINISTRATOR: u64 = 1 << 3;
/// Discord's `MANAGE_GUILD` permission.
const MANAGE_GUILD: u64 = 1 << 5;

/// Discord's OAuth2, as the operator configured it.
#[derive(Clone)]
pub(crate) struct OAuth {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    /// Where members are sent to log in.
    pub(crate) authorize: String,
    /// Discord's API, for the token and the member's servers.
    pub(crate) api: String,
    /// Where Discord sends members back (`{base}/callback`).
    pub(crate) redirect: String,
    pub(crate) http: reqwest::Client,
}

impl std::fmt::Debug for OAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        f.debug_struct("OAuth")
            .field("client_id", &self.client_id)
            .field("authorize", &self.authorize)
            .field("api", &self.api)
            .field("redirect", &self.redirect)
            .finish()
    }
}

/// A server as Discord lists it for a member.
#[derive(Debug, Clone, Deserialize)]
struct Guild {
    id: String,
    name: String,
    #[serde(default)]
    owner: bool,
    #[serde(default)]
    permissions: Option<String>,
}

impl Guild {
    fn managed(&self) -> bool {
        let bits: u64 = self
            .permissions
            .as_deref()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        self.owner || bits & (ADMINISTRATOR | MANAGE_GUILD) != 0
    }
}

/// Why Discord could not say.
enum Asked {
    /// The member's token no longer holds: they must log in again.
    LoggedOut,
    /// Discord asks to wait this long.
    Wait(u64),
    /// Discord refused the request as made (a login code used already).
    Refused,
    /// Anything else.
    Failed(String),
}

impl OAuth {
    fn authorize_url(&self, state: &str) -> String {
        format!(
            "{}?response_type=code&client_id={}&scope={}&redirect_uri={}&state={}&prompt=none",
            self.authorize,
            encode(&self.client_id),
            encode("identify guilds"),
            encode(&self.redirect),
            encode(state)
        )
    }

    /// Sends a request to Discord: its JSON, or why not.
    async fn json(&self, request: reqwest::RequestBuilder) -> Result<serde_json::Value, Asked> {
        let response = request
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .map_err(|e| Asked::Failed(e.without_url().to_string()))?;
        let status = response.status().as_u16();
        let retry = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(1, |s| s.ceil() as u64);
        let body = response
            .text()
            .await
            .map_err(|e| Asked::Failed(e.without_url().to_string()))?;
        match status {
            200..=299 => serde_json::from_str(&body).map_err(|e| Asked::Failed(e.to_string())),
            401 | 403 => Err(Asked::LoggedOut),
            400 => Err(Asked::Refused),
            429 => Err(Asked::Wait(retry)),
            other => Err(Asked::Failed(format!("Discord answered {other}"))),
        }
    }

    /// Trades a login's code for the member's token.
    async fn token(&self, code: &str) -> Result<String, Asked> {
        let form = format!(
            "grant_type=authorization_code&code={}&redirect_uri={}&client_id={}&client_secret={}",
            encode(code),
            encode(&self.redirect),
            encode(&self.client_id),
            encode(&self.client_secret)
        );
        let answer = self
            .json(
                self.http
                    .post(format!("{}/oauth2/token", self.api))
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(form),
            )
            .await?;
        answer["access_token"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| Asked::Failed("no access token in Discord's answer".into()))
    }

    /// Who the token is: id and name.
    async fn me(&self, token: &str) -> Result<(u64, String), Asked> {
        let me = self
            .json(
                self.http
                    .get(format!("{}/users/@me", self.api))
                    .bearer_auth(token),
            )
            .await?;
        let id = me["id"]
            .as_str()
            .and_then(|i| i.parse().ok())
            .ok_or_else(|| Asked::Failed("no user id in Discord's answer".into()))?;
        let name = me["global_name"]
            .as_str()
            .or(me["username"].as_str())
            .unwrap_or("")
            .to_string();
        Ok((id, name))
    }

    /// The servers the member may manage, as Discord says now.
    async fn managed(&self, token: &str) -> Result<Vec<(u64, String)>, Asked> {
        let answer = self
            .json(
                self.http
                    .get(format!("{}/users/@me/guilds", self.api))
                    .bearer_auth(token),
            )
            .await?;
        let guilds: Vec<Guild> =
            serde_json::from_value(answer).map_err(|e| Asked::Failed(e.to_string()))?;
        Ok(guilds
            .into_iter()
            .filter(Guild::managed)
            .filter_map(|g| Some((g.id.parse().ok()?, g.name)))
            .collect())
    }
}

fn html_page(markup: Markup) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        markup.into_string(),
    )
        .into_response()
}

fn redirect(to: &str, cookie: Option<String>) -> Response {
    let mut response =
        (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response();
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn asked_failed(l: Locale, asked: Asked) -> Response {
    match asked {
        Asked::LoggedOut => redirect(&format!("/desk?lang={}", lang(l)), None),
        Asked::Wait(seconds) => {
            let mut r = error_page(l, StatusCode::SERVICE_UNAVAILABLE, "web-desk-discord-busy");
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        Asked::Refused => error_page(l, StatusCode::FORBIDDEN, "web-desk-login-failed"),
        Asked::Failed(why) => {
            tracing::warn!(why, "Discord could not answer the desk");
            error_page(l, StatusCode::BAD_GATEWAY, "web-desk-discord-failed")
        }
    }
}

/// The login page.
fn login_page(l: Locale) -> Response {
    let title = t(l, "web-desk-title", &[]);
    html_page(page(
        l,
        &title,
        "/desk",
        html! {
            h1 { (title) }
            p { (t(l, "web-desk-login-text", &[])) }
            p { a.button href={ "/login?lang=" (lang(l)) } { (t(l, "web-desk-login", &[])) } }
        },
    ))
}

fn unconfigured(l: Locale) -> Response {
    error_page(l, StatusCode::SERVICE_UNAVAILABLE, "web-desk-unconfigured")
}

/// `GET /desk`: the servers the member may manage, or the way to log in.
pub(crate) async fn desk(State(web): State<Arc<Web>>, headers: HeaderMap, uri: Uri) -> Response {
    let l = locale_of(&headers, uri.query());
    let Some(oauth) = &web.oauth else {
        return unconfigured(l);
    };
    let Some(session) = web.sessions.of(&headers) else {
        return login_page(l);
    };
    let managed = match oauth.managed(&session.token).await {
        Ok(m) => m,
        Err(Asked::LoggedOut) => {
            web.sessions.end(&headers);
            return login_page(l);
        }
        Err(e) => return asked_failed(l, e),
    };
    let mut servers = Vec::new();
    for (guild, name) in managed {
        match web.app.server_seen(guild).await {
            Ok(true) => servers.push((guild, name)),
            Ok(false) => {}
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), "the desk could not read a server");
                return error_page(l, StatusCode::INTERNAL_SERVER_ERROR, "web-failed");
            }
        }
    }
    let title = t(l, "web-desk-title", &[]);
    html_page(page(
        l,
        &title,
        "/desk",
        html! {
            h1 { (title) }
            p { (t(l, "web-desk-hello", &[])) " " strong { (session.name) } }
            @if servers.is_empty() {
                p.muted { (t(l, "web-desk-no-servers", &[])) }
            } @else {
                ul { @for (guild, name) in &servers {
                    li { a href={ "/desk/" (guild) "?lang=" (lang(l)) } { (name) } }
                } }
            }
            (logout_form(l, &session))
        },
    ))
}

fn logout_form(l: Locale, session: &Session) -> Markup {
    html! {
        form.inline method="post" action={ "/logout?lang=" (lang(l)) } {
            input type="hidden" name="csrf" value=(session.csrf);
            button type="submit" { (t(l, "web-desk-logout", &[])) }
        }
    }
}

/// `GET /login`: off to Discord, with a state only this browser holds.
pub(crate) async fn login(State(web): State<Arc<Web>>, headers: HeaderMap, uri: Uri) -> Response {
    let l = locale_of(&headers, uri.query());
    let Some(oauth) = &web.oauth else {
        return unconfigured(l);
    };
    let state = format!("{}-{}", random_token(), lang(l));
    let cookie = web.sessions.cookie(
        STATE_COOKIE,
        &web.sessions.sign(&state),
        Duration::from_secs(600),
    );
    redirect(&oauth.authorize_url(&state), Some(cookie))
}

#[derive(Debug, Deserialize)]
pub(crate) struct Back {
    code: Option<String>,
    state: Option<String>,
}

/// `GET /callback`: Discord sends the member back with a code.
pub(crate) async fn callback(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<Back>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let held = cookie_value(&headers, STATE_COOKIE);
    let held = held.as_deref().and_then(|c| web.sessions.verify(c));
    let l = match held.and_then(|s| s.rsplit_once('-')) {
        Some((_, "de")) => Locale::De,
        _ => locale_of(&headers, uri.query()),
    };
    let Some(oauth) = &web.oauth else {
        return unconfigured(l);
    };
    let Ok(Query(back)) = query else {
        return error_page(l, StatusCode::BAD_REQUEST, "web-desk-login-failed");
    };
    let (Some(code), Some(state), Some(held)) = (back.code, back.state, held) else {
        return error_page(l, StatusCode::FORBIDDEN, "web-desk-login-failed");
    };
    if !same(&state, held) {
        return error_page(l, StatusCode::FORBIDDEN, "web-desk-login-failed");
    }
    let token = match oauth.token(&code).await {
        Ok(t) => t,
        // Discord refused the application itself: the operator's to mend.
        Err(Asked::LoggedOut) => {
            tracing::error!(
                "Discord refused the desk's client id or secret (DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET)"
            );
            return error_page(l, StatusCode::FORBIDDEN, "web-desk-login-failed");
        }
        Err(e) => return asked_failed(l, e),
    };
    let (user, name) = match oauth.me(&token).await {
        Ok(me) => me,
        Err(e) => return asked_failed(l, e),
    };
    let cookie = web.sessions.begin(user, name, token);
    let mut response = redirect(&format!("/desk?lang={}", lang(l)), Some(cookie));
    if let Ok(v) = HeaderValue::from_str(&web.sessions.removal(STATE_COOKIE)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

#[derive(Debug, Deserialize)]
pub(crate) struct Csrf {
    csrf: Option<String>,
}

/// `POST /logout`.
pub(crate) async fn logout(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    uri: Uri,
    form: Result<Form<Csrf>, axum::extract::rejection::FormRejection>,
) -> Response {
    let l = locale_of(&headers, uri.query());
    let Some(session) = web.sessions.of(&headers) else {
        return redirect(&format!("/desk?lang={}", lang(l)), None);
    };
    let given = form.ok().and_then(|Form(f)| f.csrf).unwrap_or_default();
    if !same(&given, &session.csrf) {
        return error_page(l, StatusCode::FORBIDDEN, "web-desk-forged");
    }
    web.sessions.end(&headers);
    redirect(
        &format!("/?lang={}", lang(l)),
        Some(web.sessions.removal(super::session::COOKIE)),
    )
}

/// A part of a server's desk: what it shows (commands run as the
/// moderator) and the commands it offers as forms.
struct Section {
    heading: &'static str,
    shows: &'static [(&'static str, &'static [(&'static str, &'static str)])],
    forms: &'static [&'static str],
    /// Where what it shows is asked.
    each: Each,
}

/// Where a section's commands are asked: once for the server, or in each
/// channel of a kind, each channel's answer under its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Each {
    /// Once.
    Server,
    /// In each channel the bot saw used.
    Channel,
    /// In each channel with a rewatch.
    Rewatch,
}

const SECTIONS: &[Section] = &[
    Section {
        heading: "web-desk-review",
        shows: &[("trivia review", &[])],
        forms: &[],
        each: Each::Server,
    },
    Section {
        heading: "web-desk-horizons",
        shows: &[("spoilers show", &[("scope", "server")])],
        forms: &[],
        each: Each::Server,
    },
    Section {
        heading: "web-desk-channel-horizons",
        shows: &[("spoilers show", &[("scope", "channel")])],
        forms: &["spoilers set", "spoilers clear"],
        each: Each::Channel,
    },
    Section {
        heading: "web-desk-daily",
        shows: &[("daily show", &[]), ("daily queue list", &[])],
        forms: &[
            "daily set",
            "daily off",
            "daily queue add",
            "daily queue remove",
        ],
        each: Each::Server,
    },
    Section {
        heading: "web-desk-rewatch",
        shows: &[("rewatch status", &[])],
        forms: &[
            "rewatch pause",
            "rewatch resume",
            "rewatch skip",
            "rewatch stop",
        ],
        each: Each::Rewatch,
    },
    Section {
        heading: "web-desk-schedule",
        shows: &[("trivia schedule list", &[])],
        forms: &["trivia schedule cancel"],
        each: Each::Server,
    },
    Section {
        heading: "web-desk-packs",
        shows: &[("trivia pack list", &[])],
        forms: &["trivia pack remove"],
        each: Each::Server,
    },
    Section {
        heading: "web-desk-pages",
        shows: &[("web", &[])],
        forms: &["web"],
        each: Each::Server,
    },
];

/// The commands a desk form may run: those its sections offer, and the
/// verdicts on reported questions.
fn may_run(path: &str) -> bool {
    path == "trivia review" || SECTIONS.iter().any(|s| s.forms.contains(&path))
}

/// A command of the schema by its words (`"daily queue add"`).
fn spec_of(path: &str) -> Option<&'static CommandSpec> {
    let mut words = path.split(' ');
    let top = schema::find(words.next()?)?;
    let rest: Vec<&str> = words.collect();
    if rest.is_empty() {
        Some(top)
    } else {
        top.at(&rest.join(" "))
    }
}

/// Commands that act on the channel they are used in (a horizon, a
/// rewatch), which the desk asks for.
fn needs_channel(path: &str) -> bool {
    path.starts_with("spoilers ") || path.starts_with("rewatch ")
}

/// The server's channels the bot saw used: id and name.
type Channels = [(u64, Option<String>)];

/// A channel as the desk names it: `#name`, or its id when the bot never
/// saw its name.
fn channel_label(id: u64, name: Option<&str>) -> String {
    match name {
        Some(n) => format!("#{n}"),
        None => id.to_string(),
    }
}

/// A choice of the server's channels.
fn channel_select(name: &str, channels: &Channels, required: bool) -> Markup {
    html! {
        select name=(name) required[required] {
            option value="" { "" }
            @for (id, label) in channels {
                option value=(id) { (channel_label(*id, label.as_deref())) }
            }
        }
    }
}

/// The command's words in `l`, as a slash command.
fn spoken(l: Locale, path: &str) -> String {
    let words: Vec<&str> = path.split(' ').collect();
    let mut out = Vec::new();
    for n in 1..=words.len() {
        let id = format!("cmd-{}", words[..n].join("-"));
        out.push(lookup(l, &id).unwrap_or_else(|| words[n - 1].to_string()));
    }
    format!("/{}", out.join(" "))
}

/// A command's form: a field per option, as its kind takes.
fn command_form(l: Locale, guild: u64, path: &str, (csrf, channels): (&str, &Channels)) -> Markup {
    let Some(spec) = spec_of(path) else {
        return html! {};
    };
    let id = path.replace(' ', "-");
    let described = lookup(l, &format!("cmd-{id}-desc")).unwrap_or_default();
    html! {
        form.command method="post" action={ "/desk/" (guild) "?lang=" (lang(l)) } data-in-place {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="path" value=(path);
            fieldset {
                legend { code { (spoken(l, path)) } " " span.muted { (described) } }
                @if needs_channel(path) {
                    label { (t(l, "web-desk-channel", &[])) " "
                        (channel_select("desk_channel", channels, false)) }
                }
                @for option in spec.options {
                    @if option.kind != OptionKind::File {
                        (field(l, &id, option, channels))
                    }
                }
                button type="submit" { (spoken(l, path)) }
            }
        }
    }
}

fn field(l: Locale, id: &str, option: &schema::OptionSpec, channels: &Channels) -> Markup {
    let label = lookup(l, &format!("cmd-{id}-opt-{}", option.name)).unwrap_or(option.name.into());
    let hint = lookup(l, &format!("cmd-{id}-opt-{}-desc", option.name)).unwrap_or_default();
    let name = option.name;
    html! {
        label title=(hint) {
            (label) @if option.required { " *" } " "
            @match option.kind {
                OptionKind::Integer { min, max } => {
                    input type="number" name=(name) min=(min) max=(max) required[option.required];
                }
                OptionKind::Boolean => {
                    select name=(name) required[option.required] {
                        option value="" { "" }
                        option value="true" { "true" }
                        option value="false" { "false" }
                    }
                }
                OptionKind::Choice(choices) => {
                    select name=(name) required[option.required] {
                        @if !option.required { option value="" { "" } }
                        @for c in choices { option value=(c) { (c) } }
                    }
                }
                OptionKind::Channel => {
                    (channel_select(name, channels, option.required))
                }
                _ => {
                    input type="text" name=(name) maxlength=(schema::TEXT_MAX) required[option.required];
                }
            }
        }
    }
}

/// A reply's markup (`**bold**`, `*italic*`, `||spoiler||`, backslash
/// escapes, mentions) as HTML, every other character escaped.
pub(crate) fn markup_html(text: &str) -> Markup {
    let mut out = String::new();
    let mut open: Vec<&str> = Vec::new();
    let toggle = |out: &mut String, open: &mut Vec<&str>, tag: &'static str, start: &str| {
        if open.last() == Some(&tag) {
            open.pop();
            out.push_str(&format!("</{tag}>"));
        } else {
            open.push(tag);
            out.push_str(start);
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' if next.is_some() => {
                escape_into(&mut out, next.unwrap_or_default());
                i += 2;
                continue;
            }
            '*' if next == Some('*') => {
                toggle(&mut out, &mut open, "strong", "<strong>");
                i += 2;
                continue;
            }
            '|' if next == Some('|') => {
                toggle(
                    &mut out,
                    &mut open,
                    "span",
                    "<span class=\"spoiler\" tabindex=\"0\">",
                );
                i += 2;
                continue;
            }
            '*' => toggle(&mut out, &mut open, "em", "<em>"),
            '`' => toggle(&mut out, &mut open, "code", "<code>"),
            '<' if matches!(next, Some('@' | '#')) => {
                let end = chars[i..].iter().position(|c| *c == '>');
                let inner: Option<String> = end.map(|e| chars[i + 2..i + e].iter().collect());
                match inner.filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())) {
                    Some(id) => {
                        out.push(next.unwrap_or('@'));
                        out.push_str(&id);
                        i += 3 + id.len();
                        continue;
                    }
                    None => escape_into(&mut out, c),
                }
            }
            other => escape_into(&mut out, other),
        }
        i += 1;
    }
    while let Some(tag) = open.pop() {
        out.push_str(&format!("</{tag}>"));
    }
    PreEscaped(out)
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

/// A reply as the desk shows it; its verdict buttons as forms.
fn reply_html(l: Locale, guild: u64, reply: &Reply, csrf: &str) -> Markup {
    html! {
        div.reply {
            @if let Some(title) = &reply.title { h3 { (title) } }
            @for line in &reply.lines { p { (markup_html(line)) } }
            @for f in &reply.fields {
                h4 { (f.name) }
                @for line in &f.lines { p { (markup_html(line)) } }
            }
            @for note in &reply.notes { p.muted { (markup_html(note)) } }
            @for action in &reply.actions {
                @match &action.does {
                    Does::Approve(key) | Does::Retire(key) => {
                        form.inline method="post" action={ "/desk/" (guild) "?lang=" (lang(l)) } data-in-place {
                            input type="hidden" name="csrf" value=(csrf);
                            input type="hidden" name="path" value="trivia review";
                            input type="hidden" name="question" value=(key);
                            input type="hidden" name="action"
                                value=(if matches!(action.does, Does::Approve(_)) { "approve" } else { "retire" });
                            button type="submit" { (action.label) }
                        }
                    }
                    Does::Report(_) => {}
                }
            }
        }
    }
}

/// The moderator as the core sees them on the desk of `guild`: they may
/// manage it (Discord just said so), in `channel` when a command acts on
/// one.
fn moderator(session: &Session, guild: u64, channel: u64, l: Locale) -> Ctx {
    Ctx {
        user: session.user,
        channel,
        guild: Some(guild),
        locale: l,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    }
}

/// The session and the server's name when the member may manage `guild`
/// now; the response to give otherwise.
async fn allowed(
    web: &Web,
    headers: &HeaderMap,
    l: Locale,
    guild: &str,
) -> Result<(Session, u64, String), Response> {
    let Some(oauth) = &web.oauth else {
        return Err(unconfigured(l));
    };
    let Some(session) = web.sessions.of(headers) else {
        return Err(redirect(&format!("/desk?lang={}", lang(l)), None));
    };
    let Ok(guild) = guild.parse::<u64>() else {
        return Err(error_page(l, StatusCode::NOT_FOUND, "web-not-found"));
    };
    let managed = match oauth.managed(&session.token).await {
        Ok(m) => m,
        Err(Asked::LoggedOut) => {
            web.sessions.end(headers);
            return Err(redirect(&format!("/desk?lang={}", lang(l)), None));
        }
        Err(e) => return Err(asked_failed(l, e)),
    };
    let Some((_, name)) = managed.into_iter().find(|(g, _)| *g == guild) else {
        return Err(error_page(l, StatusCode::FORBIDDEN, "web-desk-not-yours"));
    };
    // A server the bot was never used in has no desk: nothing there to
    // manage, and no row is written for it.
    match web.app.server_seen(guild).await {
        Ok(true) => Ok((session, guild, name)),
        Ok(false) => Err(error_page(l, StatusCode::NOT_FOUND, "web-not-found")),
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "the desk could not read a server");
            Err(error_page(
                l,
                StatusCode::INTERNAL_SERVER_ERROR,
                "web-failed",
            ))
        }
    }
}

/// The desk of one server, with what a form just did on top.
async fn server_page(
    web: &Web,
    l: Locale,
    (session, guild, name): (&Session, u64, &str),
    done: Option<Markup>,
) -> Response {
    let listed = async {
        let now = web.app.now_ms();
        let channels = web.app.server_channels(guild).await?;
        let rewatches = web.app.rewatch_channels(guild).await?;
        let mut sections = Vec::new();
        for section in SECTIONS {
            // Each place asked: the channel (0 for the server) and what
            // it is headed by.
            let places: Vec<(u64, Option<String>)> = match section.each {
                Each::Server => vec![(0, None)],
                Each::Channel => channels
                    .iter()
                    .map(|(id, name)| (*id, Some(channel_label(*id, name.as_deref()))))
                    .collect(),
                Each::Rewatch => rewatches
                    .iter()
                    .map(|id| {
                        let name = channels
                            .iter()
                            .find(|(c, _)| c == id)
                            .and_then(|(_, n)| n.as_deref());
                        (*id, Some(channel_label(*id, name)))
                    })
                    .collect(),
            };
            let mut asked = Vec::new();
            if places.is_empty() {
                let none = match section.each {
                    Each::Rewatch => "web-desk-no-rewatch",
                    _ => "web-desk-no-channel",
                };
                asked.push((None, vec![Reply::line(t(l, none, &[]))]));
            }
            for (channel, heading) in places {
                let ctx = moderator(session, guild, channel, l);
                let mut replies = Vec::new();
                for (path, options) in section.shows {
                    let words: Vec<&str> = path.split(' ').collect();
                    let call = Call::new(&words, options.iter().map(|(k, v)| (*k, v.to_string())));
                    replies.extend(web.app.invoke(&ctx, &call, now).await?);
                }
                asked.push((heading, replies));
            }
            sections.push((section, asked));
        }
        anyhow::Ok((channels, sections))
    };
    let (channels, sections) = match listed.await {
        Ok(x) => x,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "the desk could not list");
            return error_page(l, StatusCode::INTERNAL_SERVER_ERROR, "web-failed");
        }
    };
    let title = format!("{} · {name}", t(l, "web-desk-title", &[]));
    html_page(page(
        l,
        &title,
        &format!("/desk/{guild}"),
        html! {
            h1 { (name) }
            nav { a href={ "/desk?lang=" (lang(l)) } { (t(l, "web-desk-all-servers", &[])) } }
            @if let Some(done) = done {
                section.done aria-live="polite" { (done) }
            }
            @for (section, asked) in &sections {
                section {
                    h2 { (t(l, section.heading, &[])) }
                    @for (heading, replies) in asked {
                        @if let Some(heading) = heading { h3 { (heading) } }
                        @for reply in replies { (reply_html(l, guild, reply, &session.csrf)) }
                    }
                    @for path in section.forms { (command_form(l, guild, path, (&session.csrf, &channels))) }
                }
            }
            (logout_form(l, session))
        },
    ))
}

/// `GET /desk/{guild}`.
pub(crate) async fn server(
    State(web): State<Arc<Web>>,
    Path(guild): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let l = locale_of(&headers, uri.query());
    match allowed(&web, &headers, l, &guild).await {
        Ok((session, guild, name)) => server_page(&web, l, (&session, guild, &name), None).await,
        Err(r) => r,
    }
}

/// `POST /desk/{guild}`: runs one of the desk's commands as the moderator.
pub(crate) async fn act(
    State(web): State<Arc<Web>>,
    Path(guild): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    form: Result<Form<HashMap<String, String>>, axum::extract::rejection::FormRejection>,
) -> Response {
    let l = locale_of(&headers, uri.query());
    let (session, guild, name) = match allowed(&web, &headers, l, &guild).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let Ok(Form(mut fields)) = form else {
        return error_page(l, StatusCode::BAD_REQUEST, "web-bad-request");
    };
    let given = fields.remove("csrf").unwrap_or_default();
    if !same(&given, &session.csrf) {
        return error_page(l, StatusCode::FORBIDDEN, "web-desk-forged");
    }
    let path = fields.remove("path").unwrap_or_default();
    let Some(spec) = spec_of(&path).filter(|_| may_run(&path)) else {
        return error_page(l, StatusCode::BAD_REQUEST, "web-bad-request");
    };
    let done = match run(&web, l, (&session, guild), (&path, spec), fields).await {
        Ok(replies) => html! {
            h2 { (t(l, "web-desk-done", &[])) }
            @for r in &replies { (reply_html(l, guild, r, &session.csrf)) }
        },
        Err(said) => html! { h2 { (t(l, "web-desk-not-done", &[])) } p.refused { (said) } },
    };
    server_page(&web, l, (&session, guild, &name), Some(done)).await
}

/// Runs a desk command: its fields checked as the schema says, then the
/// command as the moderator; the replies, or what was wrong.
async fn run(
    web: &Web,
    l: Locale,
    (session, guild): (&Session, u64),
    (path, spec): (&str, &CommandSpec),
    mut fields: HashMap<String, String>,
) -> Result<Vec<Reply>, String> {
    // Only channels of this server (as the bot saw them used): on Discord
    // the client offers no other, and a channel's horizon or rewatch is
    // keyed by the channel alone.
    let known = web.app.server_channels(guild).await.map_err(|e| {
        tracing::error!(error = format!("{e:#}"), "the desk could not read channels");
        t(l, "web-failed", &[])
    })?;
    let ours = |value: &str| -> Result<u64, String> {
        value
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|id| known.iter().any(|(k, _)| k == id))
            .ok_or_else(|| t(l, "web-desk-bad-channel", &[]))
    };
    let channel = fields
        .remove("desk_channel")
        .filter(|c| !c.trim().is_empty() && needs_channel(path));
    let channel = match channel {
        Some(c) => ours(&c)?,
        None => 0,
    };
    for option in spec
        .options
        .iter()
        .filter(|o| o.kind == OptionKind::Channel)
    {
        if let Some(value) = fields.get(option.name).filter(|v| !v.trim().is_empty()) {
            ours(value)?;
        }
    }
    let given: Vec<(&str, String)> = fields
        .iter()
        .filter(|(k, v)| spec.option(k).is_some() && !v.trim().is_empty())
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    schema::check_given(spec, &spoken(l, path), &given, l, |_| false)?;
    let scope_server = fields.get("scope").is_some_and(|s| s == "server");
    if needs_channel(path) && channel == 0 && !(scope_server && path.starts_with("spoilers ")) {
        return Err(t(l, "web-desk-needs-channel", &[]));
    }
    let words: Vec<&str> = path.split(' ').collect();
    let mut call = Call::new(&words, given);
    call.manages_messages = true;
    let ctx = moderator(session, guild, channel, l);
    web.app
        .invoke(&ctx, &call, web.app.now_ms())
        .await
        .map_err(|e| {
            tracing::error!(error = format!("{e:#}"), path, "a desk command failed");
            t(l, "web-failed", &[])
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_markup_becomes_html_and_nothing_else_does() {
        let html = markup_html("**Q1** ||Karen <b>|| \\*not\\* *it* <@123> <#45> `x` & <script>")
            .into_string();
        assert_eq!(
            html,
            "<strong>Q1</strong> <span class=\"spoiler\" tabindex=\"0\">Karen &lt;b&gt;</span> \
             *not* <em>it</em> @123 #45 <code>x</code> &amp; &lt;script&gt;"
        );
        // What is left open is closed.
        assert_eq!(
            markup_html("**a ||b").into_string(),
            "<strong>a <span class=\"spoiler\" tabindex=\"0\">b</span></strong>"
        );
    }

    #[test]
    fn every_desk_form_is_a_command_of_the_schema() {
        for section in SECTIONS {
            for path in section
                .forms
                .iter()
                .chain(section.shows.iter().map(|(p, _)| p))
            {
                assert!(spec_of(path).is_some(), "{path}");
            }
        }
        assert!(may_run("trivia review"));
        assert!(!may_run("catalog reload"));
        assert!(!may_run("trivia start"));
    }
}
