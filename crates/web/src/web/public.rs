//! A server's public pages: its boards (all time, the last 30 days, each
//! season, each show), its recent games and each player's page. They are
//! served only once a manager turned them on (`/web public:true`), name
//! members by the display name stored when they played, leave out whoever
//! hid themself, and carry no catalog text but the titles of shows.
//!
//! A page is made once and served again until what it was made from
//! changes: a game there ends, a player changes, its settings change, the
//! catalog is reloaded, or (for the last 30 days) a minute passes.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::i18n::{Locale, n, t};
use crate::trivia::pages::{BoardLine, GameLine, PublicServer, Window};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::Web;
use super::layout::{encode, error_page, lang, locale_of, page, when, who};

/// How many pages are remembered (a board shows at most [`BOARD_LINES`]
/// lines, so each is some tens of kilobytes at most).
const PAGES: usize = 1_024;

/// How many lines a board page shows.
pub(crate) const BOARD_LINES: usize = 100;

/// What a remembered page was made from: the server's version, the
/// catalog's, and the minute for a page of the last 30 days.
type Made = (crate::store::web::Version, i64, i64);

/// A remembered page: what it shows (made from the values its address was
/// read as, never the address itself) and its language, then what it was
/// made from and its text.
type Remembered = lru::LruCache<(String, Locale), (Made, Body)>;

/// What a page is: HTML, or a picture.
#[derive(Clone)]
pub(crate) enum Body {
    /// A page.
    Html(Arc<str>),
    /// A PNG.
    Png(Arc<Vec<u8>>),
}

/// Pages made lately, by what they show and language; the pages being
/// made anew in the background; and how requests were served.
pub(crate) struct Pages {
    made: Mutex<Remembered>,
    making: Mutex<std::collections::HashSet<(String, Locale)>>,
    /// One page made in the background at a time, so that remaking pages
    /// after games end never takes the database from the requests.
    remaking: tokio::sync::Semaphore,
    /// Served as remembered.
    pub(crate) hits: AtomicU64,
    /// Served as remembered while made anew (games ended since).
    pub(crate) stale: AtomicU64,
    /// Made while the request waited.
    pub(crate) misses: AtomicU64,
}

impl std::fmt::Debug for Pages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let made = self.made.lock().map(|m| m.len()).unwrap_or(0);
        f.debug_struct("Pages").field("made", &made).finish()
    }
}

impl Pages {
    pub(crate) fn new() -> Pages {
        Pages {
            made: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(PAGES).expect("not zero"),
            )),
            making: Mutex::default(),
            remaking: tokio::sync::Semaphore::new(1),
            hits: AtomicU64::new(0),
            stale: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }
}

/// What went wrong making a page.
enum Refusal {
    /// No such page (or not public).
    Missing,
    /// A request the page cannot read.
    Bad,
    /// The database or catalog failed.
    Failed(anyhow::Error),
}

impl From<anyhow::Error> for Refusal {
    fn from(e: anyhow::Error) -> Refusal {
        Refusal::Failed(e)
    }
}

fn refused(l: Locale, r: Refusal) -> Response {
    match r {
        Refusal::Missing => error_page(l, StatusCode::NOT_FOUND, "web-not-found"),
        Refusal::Bad => error_page(l, StatusCode::BAD_REQUEST, "web-bad-request"),
        Refusal::Failed(e) => {
            tracing::error!(error = format!("{e:#}"), "a web page failed");
            error_page(l, StatusCode::INTERNAL_SERVER_ERROR, "web-failed")
        }
    }
}

/// A page or a picture as served.
fn made_response(made: Body) -> Response {
    match made {
        Body::Html(body) => html_response(body),
        Body::Png(png) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "no-cache"),
                (header::VARY, "Accept-Language"),
            ],
            png.to_vec(),
        )
            .into_response(),
    }
}

/// A page served as HTML.
fn html_response(body: Arc<str>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // Asked again each time: a page taken down or a member hidden
            // is gone at once, and the language follows the reader.
            (header::CACHE_CONTROL, "no-cache"),
            (header::VARY, "Accept-Language"),
        ],
        body.to_string(),
    )
        .into_response()
}

/// Serves the page `what` of `guild`, from memory when nothing it was
/// made from has changed, else made by `make` and remembered. A server
/// whose pages are not public has none, remembered or not.
///
/// When the only change is games that ended since (no setting, player,
/// season or catalog change), the page remembered is served at once and
/// made anew in the background, once at a time: a busy server's board is
/// at most one making behind its games, and never behind a member who hid
/// or a server that closed its pages.
async fn served<F, Fut>(
    web: &Arc<Web>,
    guild: &str,
    (what, l): (String, Locale),
    moving: bool,
    make: F,
) -> Response
where
    F: FnOnce(PublicServer) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Body, Refusal>> + Send,
{
    let Ok(guild) = guild.parse::<u64>() else {
        return refused(l, Refusal::Missing);
    };
    let (version, catalog) = match web.app.page_version(guild).await {
        Ok(v) => v,
        Err(e) => return refused(l, Refusal::Failed(e)),
    };
    if version.public != Some(true) {
        return refused(l, Refusal::Missing);
    }
    let minute = if moving { web.app.now_ms() / 60_000 } else { 0 };
    let made: Made = (version, catalog, minute);
    let key = (format!("{guild}/{what}"), l);
    let remembered = web.pages.made.lock().expect("pages").get(&key).cloned();
    if let Some((was, body)) = remembered {
        if was == made {
            web.pages.hits.fetch_add(1, Ordering::Relaxed);
            return made_response(body);
        }
        let only_games = crate::store::web::Version {
            ended: version.ended,
            ..was.0
        } == version
            && (was.1, was.2) == (catalog, minute);
        if only_games {
            web.pages.stale.fetch_add(1, Ordering::Relaxed);
            let first = web.pages.making.lock().expect("making").insert(key.clone());
            if first {
                let web = web.clone();
                tokio::spawn(async move {
                    let Ok(_turn) = web.pages.remaking.acquire().await else {
                        return;
                    };
                    let outcome = make_page(&web, guild, make).await;
                    if let Ok(body) = outcome {
                        web.pages
                            .made
                            .lock()
                            .expect("pages")
                            .put(key.clone(), (made, body));
                    }
                    web.pages.making.lock().expect("making").remove(&key);
                });
            }
            return made_response(body);
        }
    }
    web.pages.misses.fetch_add(1, Ordering::Relaxed);
    match make_page(web, guild, make).await {
        Ok(body) => {
            web.pages
                .made
                .lock()
                .expect("pages")
                .put(key, (made, body.clone()));
            made_response(body)
        }
        Err(r) => refused(l, r),
    }
}

/// Makes a page of `guild` (none when its pages are not public).
async fn make_page<F, Fut>(web: &Web, guild: u64, make: F) -> Result<Body, Refusal>
where
    F: FnOnce(PublicServer) -> Fut,
    Fut: Future<Output = Result<Body, Refusal>>,
{
    let server = web
        .app
        .public_server(guild)
        .await?
        .ok_or(Refusal::Missing)?;
    make(server).await
}

/// `/`: what the pages are, and the way to the desk.
pub(crate) async fn home(headers: HeaderMap, uri: Uri) -> Response {
    let l = locale_of(&headers, uri.query());
    let title = t(l, "web-home-title", &[]);
    let body = html! {
        h1 { (title) }
        p { (t(l, "web-home-text", &[])) }
        p { a href={ "/desk?lang=" (lang(l)) } { (t(l, "web-desk-link", &[])) } }
    };
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page(l, &title, "/", body).into_string(),
    )
        .into_response()
}

pub(crate) async fn not_found(headers: HeaderMap, uri: Uri) -> Response {
    error_page(
        locale_of(&headers, uri.query()),
        StatusCode::NOT_FOUND,
        "web-not-found",
    )
}

/// What a board shows, as the address says.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct BoardQuery {
    period: Option<String>,
    season: Option<String>,
    show: Option<String>,
}

impl BoardQuery {
    fn window(&self) -> Result<Window, Refusal> {
        match (self.period.as_deref(), &self.season) {
            (None | Some("season"), Some(season)) => Ok(Window::Season(season.clone())),
            // The running season, or the latest: named once the server's
            // seasons are read (see `named`).
            (Some("season"), None) => Ok(Window::Season(String::new())),
            (None | Some("all"), None) => Ok(Window::All),
            (Some("recent"), None) => Ok(Window::Recent),
            // A season with another period asks two things at once.
            _ => Err(Refusal::Bad),
        }
    }

    fn show(&self) -> Result<Option<i64>, Refusal> {
        match self.show.as_deref() {
            None | Some("") => Ok(None),
            Some(id) => id.parse().map(Some).map_err(|_| Refusal::Bad),
        }
    }
}

/// `window` with a season asked without its name named: the server's
/// running season, or its latest; a server without seasons has none.
fn named(window: Window, server: &PublicServer) -> Result<Window, Refusal> {
    match window {
        Window::Season(name) if name.is_empty() => server
            .seasons
            .first()
            .map(|s| Window::Season(s.name.clone()))
            .ok_or(Refusal::Missing),
        window => Ok(window),
    }
}

fn heading(l: Locale, server: &PublicServer) -> String {
    match &server.name {
        Some(name) => name.clone(),
        None => t(l, "web-server-unnamed", &[]),
    }
}

/// The way between a server's pages.
fn server_nav(l: Locale, server: &PublicServer, here: &str) -> Markup {
    let g = server.guild;
    let links = [
        (format!("/s/{g}"), t(l, "web-boards", &[])),
        (format!("/s/{g}/games"), t(l, "web-recent-games", &[])),
    ];
    html! {
        nav {
            @for (href, label) in &links {
                @if href == here { strong { (label) } }
                @else { a href={ (href) "?lang=" (lang(l)) } { (label) } }
            }
        }
    }
}

/// A board's choices: period, season, show; the one shown is not a link.
fn board_choices(l: Locale, server: &PublicServer, window: &Window, show: Option<i64>) -> Markup {
    let g = server.guild;
    let href = |w: &Window, s: Option<i64>| {
        let mut q = vec![format!("lang={}", lang(l))];
        match w {
            Window::All => {}
            Window::Recent => q.push("period=recent".into()),
            Window::Season(name) => q.push(format!("season={}", encode(name))),
        }
        if let Some(s) = s {
            q.push(format!("show={s}"));
        }
        format!("/s/{g}?{}", q.join("&"))
    };
    let mut windows = vec![
        (Window::All, t(l, "web-period-all", &[])),
        (Window::Recent, t(l, "web-period-30d", &[])),
    ];
    for season in &server.seasons {
        windows.push((Window::Season(season.name.clone()), season.name.clone()));
    }
    html! {
        nav aria-label=(t(l, "web-period", &[])) {
            @for (w, label) in &windows {
                @if w == window { strong { (label) } } @else { a href=(href(w, show)) { (label) } }
            }
        }
        @if server.shows.len() > 1 {
            nav aria-label=(t(l, "web-show", &[])) {
                @if show.is_none() { strong { (t(l, "web-all-shows", &[])) } }
                @else { a href=(href(window, None)) { (t(l, "web-all-shows", &[])) } }
                @for (id, title) in &server.shows {
                    @if show == Some(*id) { strong { (title) } }
                    @else { a href=(href(window, Some(*id))) { (title) } }
                }
            }
        }
    }
}

/// The address of a board's picture.
fn picture_src(l: Locale, guild: u64, window: &Window, show: Option<i64>) -> String {
    let mut q = vec![format!("lang={}", lang(l))];
    match window {
        Window::All => {}
        Window::Recent => q.push("period=recent".into()),
        Window::Season(name) => q.push(format!("season={}", encode(name))),
    }
    if let Some(s) = show {
        q.push(format!("show={s}"));
    }
    format!("/s/{guild}/board.png?{}", q.join("&"))
}

fn board_table(l: Locale, guild: u64, lines: &[BoardLine]) -> Markup {
    html! {
        @if lines.is_empty() {
            p.muted { (t(l, "web-board-empty", &[])) }
        } @else {
            table {
                thead { tr {
                    th.n { "#" }
                    th { (t(l, "web-player", &[])) }
                    th.n { (t(l, "web-points", &[])) }
                    th.n { (t(l, "web-games", &[])) }
                    th.n { (t(l, "web-wins", &[])) }
                    th.n { (t(l, "web-correct", &[])) }
                } }
                tbody {
                    @for line in lines {
                        tr {
                            td.n { (line.rank) }
                            td { (who(l, guild, &line.who)) }
                            td.n { (line.points) }
                            td.n { (line.games) }
                            td.n { (line.wins) }
                            td.n { (line.correct) " / " (line.answered) }
                        }
                    }
                }
            }
        }
    }
}

/// The board an address asks for: its window and show.
fn asked(
    query: Result<Query<BoardQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<(Window, Option<i64>), Refusal> {
    let Ok(Query(query)) = query else {
        return Err(Refusal::Bad);
    };
    Ok((query.window()?, query.show()?))
}

/// `/s/{guild}`: a board.
pub(crate) async fn board(
    State(web): State<Arc<Web>>,
    Path(guild): Path<String>,
    query: Result<Query<BoardQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let l = locale_of(&headers, uri.query());
    let (window, show) = match asked(query) {
        Ok(asked) => asked,
        Err(r) => return refused(l, r),
    };
    let moving = window == Window::Recent;
    let app = web.app.clone();
    let what = format!("board {window:?} {show:?}");
    served(&web, &guild, (what, l), moving, move |server| async move {
        let window = named(window, &server)?;
        let lines = app
            .public_board(&server, &window, show, app.now_ms())
            .await?
            .ok_or(Refusal::Missing)?;
        let title = heading(l, &server);
        let here = format!("/s/{}", server.guild);
        let body = html! {
            h1 { (title) }
            (server_nav(l, &server, &here))
            (board_choices(l, &server, &window, show))
            @if !lines.is_empty() {
                img.card src=(picture_src(l, server.guild, &window, show))
                    alt=(t(l, "web-card-alt", &[])) width="800";
            }
            (board_table(l, server.guild, &lines[..lines.len().min(BOARD_LINES)]))
            @if lines.len() > BOARD_LINES {
                p.muted { (t(l, "web-board-more", &[n("count", lines.len() - BOARD_LINES)])) }
            }
        };
        Ok(Body::Html(
            page(l, &title, &here, body).into_string().into(),
        ))
    })
    .await
}

/// `/s/{guild}/board.png`: a board as a picture, at an address that stays
/// (for embedding elsewhere).
pub(crate) async fn picture(
    State(web): State<Arc<Web>>,
    Path(guild): Path<String>,
    query: Result<Query<BoardQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let l = locale_of(&headers, uri.query());
    let (window, show) = match asked(query) {
        Ok(asked) => asked,
        Err(r) => return refused(l, r),
    };
    let moving = window == Window::Recent;
    let app = web.app.clone();
    let what = format!("picture {window:?} {show:?}");
    served(&web, &guild, (what, l), moving, move |server| async move {
        let window = named(window, &server)?;
        let png = app
            .public_card(&server, (&window, show), l)
            .await?
            .ok_or(Refusal::Missing)?;
        Ok(Body::Png(png.png))
    })
    .await
}

fn games_table(l: Locale, guild: u64, games: &[GameLine], several_shows: bool) -> Markup {
    html! {
        @if games.is_empty() {
            p.muted { (t(l, "web-games-empty", &[])) }
        } @else {
            table {
                thead { tr {
                    th { (t(l, "web-ended", &[])) }
                    @if several_shows { th { (t(l, "web-show", &[])) } }
                    th.n { (t(l, "web-players", &[])) }
                    th { (t(l, "web-winner", &[])) }
                } }
                tbody {
                    @for game in games {
                        tr {
                            td { (when(l, game.ended_at)) }
                            @if several_shows { td { (game.show) } }
                            td.n { (game.players) }
                            td {
                                @match (&game.winner, game.cut_short) {
                                    (_, true) => span.muted { (t(l, "web-cut-short", &[])) },
                                    (Some(w), false) => (who(l, guild, w)),
                                    (None, false) => span.muted { (t(l, "web-no-winner", &[])) },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `/s/{guild}/games`: the latest games.
pub(crate) async fn games(
    State(web): State<Arc<Web>>,
    Path(guild): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let l = locale_of(&headers, uri.query());
    let app = web.app.clone();
    served(
        &web,
        &guild,
        ("games".into(), l),
        false,
        move |server| async move {
            let games = app.public_games(&server, 50).await?;
            let title = heading(l, &server);
            let here = format!("/s/{}/games", server.guild);
            let body = html! {
                h1 { (title) }
                (server_nav(l, &server, &here))
                h2 { (t(l, "web-recent-games", &[])) }
                (games_table(l, server.guild, &games, server.shows.len() > 1))
            };
            Ok(Body::Html(
                page(l, &title, &here, body).into_string().into(),
            ))
        },
    )
    .await
}

/// `/s/{guild}/players/{user}`: a player's page.
pub(crate) async fn player(
    State(web): State<Arc<Web>>,
    Path((guild, user)): Path<(String, String)>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let l = locale_of(&headers, uri.query());
    let Ok(user) = user.parse::<u64>() else {
        return refused(l, Refusal::Missing);
    };
    let app = web.app.clone();
    served(
        &web,
        &guild,
        (format!("player {user}"), l),
        false,
        move |server| async move {
            let player = app
                .public_player(&server, user)
                .await?
                .ok_or(Refusal::Missing)?;
            let title = heading(l, &server);
            let here = format!("/s/{}/players/{user}", server.guild);
            let x = &player.totals;
            let body = html! {
                h1 { (who(l, server.guild, &player.who)) }
                (server_nav(l, &server, &here))
                p { (t(l, "web-player-rank", &[n("rank", player.rank.0), n("of", player.rank.1)])) }
                p { (t(l, "web-player-totals", &[
                    n("points", x.points as usize), n("games", x.games as usize),
                    n("wins", x.wins as usize), n("correct", x.correct as usize),
                    n("answered", x.answered as usize),
                ])) }
                h2 { (t(l, "web-their-games", &[])) }
                (games_table(l, server.guild, &player.games, server.shows.len() > 1))
            };
            Ok(Body::Html(
                page(l, &title, &here, body).into_string().into(),
            ))
        },
    )
    .await
}
