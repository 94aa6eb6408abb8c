//! A server's web pages, seen from the bot: `/web` turns its public pages
//! on or off and says where they are, `/trivia privacy` hides a member from
//! them, and the names they show are stored as members play. What the
//! pages read is here too, as plain figures and names: the only catalog
//! text on them is the titles of shows, which no episode gates.

use std::num::NonZeroUsize;

use super::Trivia;
use super::daily::managing_for;
use super::replies::private;
use crate::card::{self, Card};
use crate::error::Outcome;
use crate::i18n::{Locale, m, t};
use crate::reply::Picture;
use crate::reply::Reply;
use crate::request::Ctx;
use crate::services::Shared;
use crate::store::seasons::{self, Season};
use crate::store::web::{self, Ended, Scope, Span, Standing};

/// How many members' names a process remembers as stored, so that a
/// member who plays on is not written again at every answer.
const NAMES_REMEMBERED: usize = 100_000;

/// Names already stored, by server and member; and servers' names.
pub(super) struct Noted {
    players: lru::LruCache<(u64, u64), Box<str>>,
    servers: lru::LruCache<u64, Box<str>>,
    channels: lru::LruCache<(u64, u64), Option<Box<str>>>,
}

impl std::fmt::Debug for Noted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Noted")
            .field("players", &self.players.len())
            .field("servers", &self.servers.len())
            .field("channels", &self.channels.len())
            .finish()
    }
}

impl Noted {
    pub(super) fn new() -> Noted {
        let size = NonZeroUsize::new(NAMES_REMEMBERED).expect("not zero");
        Noted {
            players: lru::LruCache::new(size),
            servers: lru::LruCache::new(NonZeroUsize::new(10_000).expect("not zero")),
            channels: lru::LruCache::new(size),
        }
    }
}

/// Who a line of a page is about, as the page may show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// By the display name stored when they played; `departed` when they
    /// have left the server since.
    Named {
        /// Their display name.
        name: String,
        /// Their id, for the link to their page.
        user: u64,
        /// They left the server.
        departed: bool,
    },
    /// A member whose name was never stored (they played before the bot
    /// stored names): shown by the end of their id.
    Unnamed {
        /// Their id.
        user: u64,
    },
    /// A member who asked not to be shown.
    Hidden,
}

impl Shown {
    fn of(user: u64, name: Option<&str>, hidden: bool, departed: bool) -> Shown {
        match name {
            _ if hidden => Shown::Hidden,
            Some(name) if !name.trim().is_empty() => Shown::Named {
                name: name.to_string(),
                user,
                departed,
            },
            _ => Shown::Unnamed { user },
        }
    }
}

/// A public server as its pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicServer {
    /// Its id.
    pub guild: u64,
    /// Its name, when the bot has seen it.
    pub name: Option<String>,
    /// The shows of the catalog: id and title.
    pub shows: Vec<(i64, String)>,
    /// Its trivia seasons, latest first.
    pub seasons: Vec<Season>,
}

/// Which games a board counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Window {
    /// Every game.
    All,
    /// Games of the last 30 days.
    Recent,
    /// Games of the season of this name.
    Season(String),
}

/// One line of a public board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardLine {
    /// Its place, from 1, among the members shown.
    pub rank: usize,
    /// Who.
    pub who: Shown,
    /// Points, games, wins, correct and answered.
    pub points: i64,
    /// Games played.
    pub games: i64,
    /// Finished games won.
    pub wins: i64,
    /// Questions answered correctly.
    pub correct: i64,
    /// Questions answered.
    pub answered: i64,
}

/// A game that ended, as a public page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GameLine {
    /// When it ended (ms).
    pub ended_at: i64,
    /// Its show's title.
    pub show: String,
    /// How many answered.
    pub players: i64,
    /// Who won, for a finished game with a winner.
    pub winner: Option<Shown>,
    /// It was stopped or cut off rather than played to its end.
    pub cut_short: bool,
}

/// A member's own public page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayerPage {
    /// Who.
    pub who: Shown,
    /// Their place on the board of all time, and how many are on it.
    pub rank: (usize, usize),
    /// Their totals over all time.
    pub totals: BoardLine,
    /// Their latest games.
    pub games: Vec<GameLine>,
}

impl Trivia {
    /// `/web`: whether this server's pages are public and where, or turns
    /// them on or off (server managers).
    pub(crate) async fn web(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        public: Option<bool>,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = match public {
            Some(_) => managing_for(
                ctx,
                ctx.can_manage_guild,
                ("web-needs-server", "web-not-allowed"),
            )?,
            None => managing_for(ctx, true, ("web-needs-server", "web-not-allowed"))?,
        };
        if let Some(public) = public {
            web::set_public(&shared.db, guild, public, ctx.user, now_ms).await?;
        }
        let public = web::server(&shared.db, guild)
            .await?
            .is_some_and(|s| s.public);
        let base = self.web_url();
        let mut reply = match (public, &base) {
            (true, Some(base)) => private(t(
                l,
                "web-public-on",
                &[m("url", format!("{base}/s/{guild}"))],
            )),
            (true, None) => private(t(l, "web-public-on-unserved", &[])),
            (false, _) => private(t(l, "web-public-off", &[])),
        };
        if let Some(base) = &base {
            reply
                .notes
                .push(t(l, "web-desk", &[m("url", format!("{base}/desk"))]));
        }
        Ok(reply)
    }

    /// `/trivia privacy`: whether the member is shown on this server's
    /// pages, or hides or shows them.
    pub(crate) async fn privacy(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        hidden: Option<bool>,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managing_for(ctx, true, ("web-needs-server", "web-needs-server"))?;
        if let Some(hidden) = hidden {
            web::set_hidden(&shared.db, guild, ctx.user, hidden, now_ms).await?;
        }
        let hidden = web::hidden(&shared.db, guild, ctx.user).await?;
        Ok(private(t(
            l,
            if hidden {
                "privacy-hidden"
            } else {
                "privacy-shown"
            },
            &[],
        )))
    }

    /// Stores how `user` is called in `guild` (and the server's name), as
    /// the front end sees them now, and the channel they used it in,
    /// unless this process stored just that.
    pub(crate) async fn note(
        &self,
        shared: &Shared,
        (guild, server_name): (u64, Option<&str>),
        channel: Option<(u64, Option<&str>)>,
        (user, name): (u64, &str),
        now_ms: i64,
    ) -> anyhow::Result<()> {
        let name = name.trim();
        let server_name = server_name.map(str::trim).filter(|n| !n.is_empty());
        let (player_known, server_known, channel_known) = {
            let mut noted = self.noted.lock().expect("names");
            let player = noted.players.get(&(guild, user)).map(|n| &**n == name);
            let server = match server_name {
                Some(s) => noted.servers.get(&guild).is_some_and(|n| &**n == s),
                None => true,
            };
            let channel = match channel {
                Some((id, label)) => noted
                    .channels
                    .get(&(guild, id))
                    .is_some_and(|n| n.as_deref() == label || label.is_none()),
                None => true,
            };
            (player == Some(true) || name.is_empty(), server, channel)
        };
        if !(player_known && server_known) {
            web::note(
                &shared.db,
                guild,
                server_name.filter(|_| !server_known),
                (user, name),
                now_ms,
            )
            .await?;
        }
        if !channel_known && let Some(channel) = channel {
            web::note_channel(&shared.db, guild, channel, now_ms).await?;
        }
        let mut noted = self.noted.lock().expect("names");
        if !name.is_empty() {
            noted.players.put((guild, user), name.into());
        }
        if let Some(s) = server_name {
            noted.servers.put(guild, s.into());
        }
        if let Some((id, label)) = channel {
            noted.channels.put((guild, id), label.map(Into::into));
        }
        Ok(())
    }

    /// A member left `guild`: its pages show them as departed.
    pub(crate) async fn departed(
        &self,
        shared: &Shared,
        guild: u64,
        user: u64,
        now_ms: i64,
    ) -> anyhow::Result<()> {
        self.noted
            .lock()
            .expect("names")
            .players
            .pop(&(guild, user));
        web::depart(&shared.db, guild, user, now_ms).await
    }
}

/// `guild` as its public pages show it, or `None` when its pages are not
/// public.
pub(crate) async fn public_server(
    shared: &Shared,
    guild: u64,
) -> anyhow::Result<Option<PublicServer>> {
    let Some(server) = web::server(&shared.db, guild).await? else {
        return Ok(None);
    };
    if !server.public {
        return Ok(None);
    }
    let index = shared.sync().await?;
    Ok(Some(PublicServer {
        guild,
        name: server.name,
        shows: index
            .shows
            .iter()
            .map(|s| (s.id, s.title.raw().to_string()))
            .collect(),
        seasons: seasons::all(&shared.db, guild).await?,
    }))
}

/// A member as a card names them.
fn label(l: Locale, who: &Shown) -> String {
    match who {
        Shown::Named { name, .. } => name.clone(),
        Shown::Unnamed { user } => format!("{} …{}", t(l, "web-unnamed", &[]), user % 10_000),
        Shown::Hidden => t(l, "web-hidden-player", &[]),
    }
}

/// The card of `guild`'s board over `span`: its top ten and the leaders'
/// points day by day, headed by the server's name and `subtitle`. Members
/// who hid themselves are left off, as on the pages.
pub(crate) async fn card_of(
    shared: &Shared,
    guild: u64,
    span: Span,
    (subtitle, l): (String, Locale),
) -> anyhow::Result<Card> {
    let title = web::server(&shared.db, guild)
        .await?
        .and_then(|s| s.name)
        .unwrap_or_else(|| t(l, "web-server-unnamed", &[]));
    let board = lines(web::board(&shared.db, guild, span).await?);
    let mut series = Vec::new();
    for line in board.iter().take(card::FOLLOWED) {
        let (Shown::Named { user, .. } | Shown::Unnamed { user }) = &line.who else {
            continue;
        };
        let mut total = 0;
        let days = web::points_by_day(&shared.db, guild, *user, span)
            .await?
            .into_iter()
            .map(|(day, points)| {
                total += points;
                (day, total)
            })
            .collect();
        series.push((label(l, &line.who), days));
    }
    Ok(Card {
        title,
        subtitle,
        lines: board
            .iter()
            .take(card::LINES)
            .map(|b| (b.rank, label(l, &b.who), b.points))
            .collect(),
        chart_title: t(l, "web-card-chart", &[]),
        series,
        empty: t(l, "web-board-empty", &[]),
    })
}

/// A card drawn as a PNG, off the async threads.
pub(crate) async fn picture(card: Card) -> anyhow::Result<Picture> {
    let png = tokio::task::spawn_blocking(move || card::png(&card)).await??;
    Ok(Picture {
        name: "board.png".into(),
        png: std::sync::Arc::new(png),
    })
}

/// What a window is called on a page and a card.
pub fn window_label(l: Locale, window: &Window) -> String {
    match window {
        Window::All => t(l, "web-period-all", &[]),
        Window::Recent => t(l, "web-period-30d", &[]),
        Window::Season(name) => name.clone(),
    }
}

/// The card of a public board as a PNG; `None` for a season or show the
/// server does not have.
pub(crate) async fn public_card(
    shared: &Shared,
    server: &PublicServer,
    (window, show): (&Window, Option<i64>),
    (l, now_ms): (Locale, i64),
) -> anyhow::Result<Option<Picture>> {
    if show.is_some_and(|id| !server.shows.iter().any(|(s, _)| *s == id)) {
        return Ok(None);
    }
    let Some(span) = span_of(server, window, show, now_ms) else {
        return Ok(None);
    };
    let mut subtitle = window_label(l, window);
    let shown = show.or_else(|| (server.shows.len() == 1).then(|| server.shows[0].0));
    if let Some((_, title)) = server.shows.iter().find(|(id, _)| Some(*id) == shown) {
        subtitle = format!("{subtitle} · {title}");
    }
    let card = card_of(shared, server.guild, span, (subtitle, l)).await?;
    Ok(Some(picture(card).await?))
}

/// The games a window counts, or `None` for a season the server never had.
fn span_of(server: &PublicServer, window: &Window, show: Option<i64>, now_ms: i64) -> Option<Span> {
    let scope = match window {
        Window::All => Scope::All,
        // Today and the 29 days before it (UTC).
        Window::Recent => Scope::SinceDay(now_ms.div_euclid(web::DAY_MS) - 29),
        Window::Season(name) => {
            let season = server
                .seasons
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(name))?;
            Scope::Season(season.started_at)
        }
    };
    Some(Span { show, scope })
}

fn lines(standings: Vec<Standing>) -> Vec<BoardLine> {
    standings
        .into_iter()
        .filter(|s| !s.hidden)
        .enumerate()
        .map(|(i, s)| BoardLine {
            rank: i + 1,
            who: Shown::of(s.user, s.name.as_deref(), s.hidden, s.departed),
            points: s.points.max(0),
            games: s.games,
            wins: s.wins,
            correct: s.correct,
            answered: s.answered,
        })
        .collect()
}

/// A public board: the members shown, best first. `None` for a season or
/// show the server does not have.
pub(crate) async fn public_board(
    shared: &Shared,
    server: &PublicServer,
    (window, show): (&Window, Option<i64>),
    now_ms: i64,
) -> anyhow::Result<Option<Vec<BoardLine>>> {
    if show.is_some_and(|id| !server.shows.iter().any(|(s, _)| *s == id)) {
        return Ok(None);
    }
    let Some(span) = span_of(server, window, show, now_ms) else {
        return Ok(None);
    };
    Ok(Some(lines(
        web::board(&shared.db, server.guild, span).await?,
    )))
}

/// Who each member named on a page is, as the page may show them.
async fn people(
    shared: &Shared,
    guild: u64,
) -> anyhow::Result<std::collections::HashMap<u64, Shown>> {
    Ok(web::players(&shared.db, guild)
        .await?
        .into_iter()
        .map(|(user, name, hidden, departed)| {
            let user = user as u64;
            (user, Shown::of(user, Some(&name), hidden, departed))
        })
        .collect())
}

fn game_lines(
    server: &PublicServer,
    ended: Vec<Ended>,
    people: &std::collections::HashMap<u64, Shown>,
) -> Vec<GameLine> {
    let who = |user: u64| {
        people
            .get(&user)
            .cloned()
            .unwrap_or(Shown::Unnamed { user })
    };
    ended
        .into_iter()
        .map(|g| GameLine {
            ended_at: g.ended_at,
            show: server
                .shows
                .iter()
                .find(|(id, _)| *id == g.show_id)
                .map(|(_, title)| title.clone())
                .unwrap_or_default(),
            players: g.players,
            winner: g
                .winner
                .filter(|_| g.status == "finished")
                .map(|w| who(w as u64)),
            cut_short: g.status != "finished",
        })
        .collect()
}

/// The server's latest games, newest first.
pub(crate) async fn public_games(
    shared: &Shared,
    server: &PublicServer,
    limit: i64,
) -> anyhow::Result<Vec<GameLine>> {
    let ended = web::recent(&shared.db, server.guild, None, limit).await?;
    let people = people(shared, server.guild).await?;
    Ok(game_lines(server, ended, &people))
}

/// A member's page, or `None` when they hid themself or never played.
pub(crate) async fn public_player(
    shared: &Shared,
    server: &PublicServer,
    user: u64,
) -> anyhow::Result<Option<PlayerPage>> {
    if web::hidden(&shared.db, server.guild, user).await? {
        return Ok(None);
    }
    let board = lines(web::board(&shared.db, server.guild, Span::default()).await?);
    let Some(place) = board.iter().position(|b| match &b.who {
        Shown::Named { user: u, .. } | Shown::Unnamed { user: u } => *u == user,
        Shown::Hidden => false,
    }) else {
        return Ok(None);
    };
    let ended = web::recent(&shared.db, server.guild, Some(user), 20).await?;
    let people = people(shared, server.guild).await?;
    Ok(Some(PlayerPage {
        who: board[place].who.clone(),
        rank: (place + 1, board.len()),
        totals: board[place].clone(),
        games: game_lines(server, ended, &people),
    }))
}
