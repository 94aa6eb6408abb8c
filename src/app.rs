//! `App`: every use-case the front ends offer, over one Discord-free core.
//! Each one resolves what the member typed, asks the spoiler gate how each
//! piece may appear, and answers with a [`Reply`] cut to Discord's limits.

use std::sync::{Arc, RwLock};

use anyhow::Result;
use serde::Serialize;

use crate::cache::{Lookup, Question};
use crate::catalog::{Kind, Language};
use crate::i18n::{Arg, Locale, n, s, t};
use crate::index::{Character, Episode, Found, Index, Show, key_of_order, order_of_key};
use crate::reply::{Field, Reply};
use crate::spoiler::{EpisodeKey, Gate, Visibility, escape_markdown, mark};
use crate::store::Db;
use crate::store::lookup::{self, FactRow};
use crate::store::members::{self, Scope};
use crate::text::match_score;

/// Who asks, where, and what they may do: plain values, so the core never
/// sees a Discord type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctx {
    /// The member (a Discord user id).
    pub user: u64,
    /// The channel the command came from.
    pub channel: u64,
    /// The server, or `None` in a direct message.
    pub guild: Option<u64>,
    /// The language to answer in.
    pub locale: Locale,
    /// Whether the member may manage this channel.
    pub can_manage_channel: bool,
    /// Whether the member may manage the server.
    pub can_manage_guild: bool,
}

/// What `/progress` should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressAction {
    /// Watched up to and including this episode (a code or a title).
    Set(String),
    /// Say where the member is.
    Show,
    /// Forget it.
    Clear,
}

/// What `/spoilers` should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpoilersAction {
    /// Safe to discuss up to this episode (a code or a title).
    Set(String),
    /// Say what applies here.
    Show,
    /// Remove it.
    Clear,
}

/// Which horizon `/spoilers` changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HorizonScope {
    /// This channel's own.
    Channel,
    /// The server's default for channels without one.
    Server,
}

/// What an autocomplete is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestKind {
    /// An episode to look up.
    Episode,
    /// An episode to set progress or a horizon to.
    ProgressEpisode,
    /// A show.
    Show,
    /// A character to look up.
    Character,
}

/// An autocomplete choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// What the member sees.
    pub label: String,
    /// What the option receives.
    pub value: String,
}

/// The application core.
#[derive(Debug)]
pub struct App {
    db: Db,
    index: RwLock<Arc<Index>>,
    pub(crate) trivia: crate::trivia::Trivia,
    replies: crate::cache::ReplyCache,
    gates: crate::cache::GateCache,
}

fn problem(locale: Locale, id: &str, args: &[Arg<'_>]) -> Reply {
    Reply::line(t(locale, id, args)).private()
}

/// A private answer that what was asked lies past the member (or does not
/// exist: the two are never told apart), with the hint that reveal looks
/// further.
fn withheld(locale: Locale, id: &str, args: &[Arg<'_>], watched: Option<EpisodeKey>) -> Reply {
    let mut reply = problem(locale, id, args);
    let w = watched.map(|w| w.to_string()).unwrap_or_default();
    reply
        .notes
        .push(t(locale, "gate-look-further", &[s("episode", w)]));
    reply
}

/// "Did you mean: S01E12 “Publicity”, ...?"
fn did_you_mean(locale: Locale, episodes: &[&Episode]) -> Reply {
    let choices: Vec<String> = episodes
        .iter()
        .map(|e| format!("{} {}", e.key, quoted(locale, &title_in(e, locale))))
        .collect();
    problem(
        locale,
        "episode-did-you-mean",
        &[s("choices", choices.join(", "))],
    )
}

/// What every lookup starts from: the catalog, the show asked about and
/// the member's gate for it.
struct Asked {
    index: Arc<Index>,
    show: usize,
    gate: Gate,
}

impl Asked {
    fn show(&self) -> &Show {
        &self.index.shows[self.show]
    }
}

fn finish(locale: Locale, mut reply: Reply) -> Reply {
    reply.fit(|count| t(locale, "gate-cut", &[n("count", count)]));
    reply
}

/// Puts the matched words of a search hit (between U+E000 and U+E001) in bold.
fn highlight(text: &str) -> String {
    escape_markdown(text).replace(['\u{e000}', '\u{e001}'], "**")
}

/// A title in the locale's quotation marks.
fn quoted(locale: Locale, text: &str) -> String {
    t(locale, "quoted", &[s("text", text)])
}

fn language_name(locale: Locale, language: Language) -> String {
    t(locale, &format!("language-{}", language.code()), &[])
}

/// The member's progress as words: "up to S01E12".
fn upto(locale: Locale, watched: Option<EpisodeKey>) -> String {
    watched.map_or_else(String::new, |w| {
        t(locale, "gate-up-to", &[s("episode", w.to_string())])
    })
}

/// Items shown one by one: marked each when the line itself is plain,
/// or left bare when the whole line will be wrapped.
fn list(line_visibility: Visibility, items: Vec<(Visibility, String)>) -> String {
    items
        .into_iter()
        .map(|(v, text)| {
            if line_visibility == Visibility::Plain {
                mark(v, &text)
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl App {
    /// An app over `db`, with the catalog loaded into memory.
    pub async fn new(db: Db) -> Result<App> {
        App::with_trivia(db, crate::trivia::Trivia::random()).await
    }

    /// An app whose trivia games draw from a seeded random source, so a
    /// scripted session plays the same way every time.
    pub async fn with_seed(db: Db, seed: u64) -> Result<App> {
        use rand::SeedableRng;
        App::with_trivia(
            db,
            crate::trivia::Trivia::new(rand::rngs::StdRng::seed_from_u64(seed)),
        )
        .await
    }

    async fn with_trivia(db: Db, trivia: crate::trivia::Trivia) -> Result<App> {
        let index = Index::from_snapshot(lookup::snapshot(&db).await?);
        // Games cut off by a restart: interrupted, their points kept.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        let interrupted = crate::store::games::interrupt_running(&db, now).await?;
        if interrupted > 0 {
            tracing::info!(
                interrupted,
                "trivia games cut off by a restart were marked interrupted"
            );
        }
        Ok(App {
            db,
            index: RwLock::new(Arc::new(index)),
            trivia,
            replies: crate::cache::ReplyCache::default(),
            gates: crate::cache::GateCache::default(),
        })
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Reads the catalog into memory again (after an import).
    pub async fn reload(&self) -> Result<()> {
        let index = Index::from_snapshot(lookup::snapshot(&self.db).await?);
        *self.index.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(index);
        self.replies.clear();
        self.trivia.forget_banks().await;
        Ok(())
    }

    /// Forgets every remembered lookup reply (benchmarks measure the work
    /// of making one).
    pub fn forget_replies(&self) {
        self.replies.clear();
    }

    /// The catalog as it is now.
    pub fn index(&self) -> Arc<Index> {
        self.index.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A lookup's reply: the one made earlier for the same question under
    /// the same gates and catalog, or `fresh`, then kept.
    async fn remembered(
        &self,
        lookup: Lookup,
        ctx: &Ctx,
        input: &str,
        show: Option<&str>,
        reveal: bool,
        fresh: impl std::future::Future<Output = Result<Reply>>,
    ) -> Result<Reply> {
        let index = self.index();
        let gates = self.gates(ctx, &index).await?;
        let question = Question {
            lookup,
            input: input.trim().to_string(),
            show: show.map(|s| s.trim().to_string()),
            reveal,
            locale: ctx.locale,
            gates,
            catalog: Arc::as_ptr(&index) as usize,
        };
        if let Some(reply) = self.replies.get(&question) {
            return Ok(reply);
        }
        let reply = fresh.await?;
        // Kept only when made from the question's catalog and gates (none
        // changed meanwhile).
        if Arc::ptr_eq(&index, &self.index()) && self.gates(ctx, &index).await? == question.gates {
            self.replies.put(question, index, reply.clone());
        }
        Ok(reply)
    }

    async fn gates(&self, ctx: &Ctx, index: &Index) -> Result<Vec<Gate>> {
        let mut gates = Vec::with_capacity(index.shows.len());
        for show in &index.shows {
            gates.push(self.gate(ctx, show.id).await?);
        }
        Ok(gates)
    }

    /// The gate for a member in a channel, for one show.
    pub async fn gate(&self, ctx: &Ctx, show_id: i64) -> Result<Gate> {
        let key = (ctx.user, ctx.channel, ctx.guild, show_id);
        if let Some(gate) = self.gates.get(&key) {
            return Ok(gate);
        }
        let generation = self.gates.generation();
        let [progress, channel, server] =
            members::gate_inputs(&self.db, ctx.user, ctx.channel, ctx.guild, show_id).await?;
        let horizon = match ctx.guild {
            // A direct message: nobody else reads it.
            None => progress,
            Some(_) => channel.or(server),
        };
        let gate = Gate { progress, horizon };
        self.gates.put(key, gate, generation);
        Ok(gate)
    }

    pub(crate) fn resolve_show<'a>(
        index: &'a Index,
        locale: Locale,
        show: Option<&str>,
    ) -> Result<&'a Show, Reply> {
        let names = || {
            index
                .shows
                .iter()
                .map(|s| s.slug.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match show.map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => index.show(q).ok_or_else(|| {
                problem(
                    locale,
                    "error-unknown-show",
                    &[s("show", q), s("shows", names())],
                )
            }),
            None => match index.shows.as_slice() {
                [] => Err(problem(locale, "error-no-shows", &[])),
                [one] => Ok(one),
                [first, ..] => Err(problem(
                    locale,
                    "error-choose-show",
                    &[s("example", first.slug.clone()), s("shows", names())],
                )),
            },
        }
    }

    /// Resolves the show, checks the member typed something (`empty` says
    /// what is missing otherwise), and reads their gate; without `reveal`,
    /// a gate that shows nothing ends the lookup here.
    async fn ask(
        &self,
        ctx: &Ctx,
        show: Option<&str>,
        input: &str,
        empty: &str,
        reveal: bool,
    ) -> Result<Result<Asked, Reply>> {
        let l = ctx.locale;
        let index = self.index();
        let position = match Self::resolve_show(&index, l, show) {
            Ok(found) => index
                .shows
                .iter()
                .position(|s| s.id == found.id)
                .unwrap_or(0),
            Err(reply) => return Ok(Err(reply)),
        };
        if input.trim().is_empty() {
            return Ok(Err(problem(l, empty, &[])));
        }
        let gate = self.gate(ctx, index.shows[position].id).await?;
        if !reveal && !gate.shows_anything() {
            return Ok(Err(problem(l, "gate-nothing-set", &[])));
        }
        Ok(Ok(Asked {
            index,
            show: position,
            gate,
        }))
    }

    /// `/episode`: an episode's recap(s), by code or title.
    pub async fn episode(
        &self,
        ctx: &Ctx,
        query: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Result<Reply> {
        let fresh = self.episode_fresh(ctx, query, show, reveal);
        self.remembered(Lookup::Episode, ctx, query, show, reveal, fresh)
            .await
    }

    async fn episode_fresh(
        &self,
        ctx: &Ctx,
        query: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Result<Reply> {
        let l = ctx.locale;
        let asked = match self
            .ask(ctx, show, query, "error-empty-episode", reveal)
            .await?
        {
            Ok(asked) => asked,
            Err(reply) => return Ok(reply),
        };
        let (show, gate, query) = (asked.show(), asked.gate, query.trim());
        let watched = gate.watched();
        let within = |k: EpisodeKey| reveal || watched.is_some_and(|w| k <= w);
        let episode = match EpisodeKey::parse(query) {
            // Past the member's progress: the same answer whether or not the
            // catalog has it, so nothing is confirmed by omission.
            Some(key) if !within(key) => {
                let w = watched.map(|w| w.to_string()).unwrap_or_default();
                return Ok(withheld(
                    l,
                    "episode-past-progress",
                    &[s("episode", key.to_string()), s("watched", w)],
                    watched,
                ));
            }
            Some(key) => match show.episode(key) {
                Some(e) => e,
                None => {
                    return Ok(problem(
                        l,
                        "episode-not-found-any",
                        &[s("show", show.title.clone()), s("input", query)],
                    ));
                }
            },
            None => match show.find_episode(query, |e| within(e.key)) {
                Found::One(e) => e,
                Found::Several(list) => return Ok(did_you_mean(l, &list)),
                Found::Nothing if reveal => {
                    return Ok(problem(
                        l,
                        "episode-not-found-any",
                        &[s("show", show.title.clone()), s("input", query)],
                    ));
                }
                Found::Nothing => {
                    return Ok(withheld(
                        l,
                        "episode-not-found",
                        &[
                            s("show", show.title.clone()),
                            s("input", query),
                            s("upto", upto(l, watched)),
                        ],
                        watched,
                    ));
                }
            },
        };
        let facts = lookup::episode_facts(&self.db, episode.id).await?;
        Ok(finish(
            l,
            self.episode_reply(l, show, episode, &facts, gate.classify(episode.key), reveal),
        ))
    }

    fn episode_reply(
        &self,
        l: Locale,
        show: &Show,
        episode: &Episode,
        facts: &[FactRow],
        vis: Visibility,
        reveal: bool,
    ) -> Reply {
        let mut reply = Reply {
            private: reveal,
            ..Reply::default()
        };
        let code = episode.key.to_string();
        let title = title_in(episode, l);
        if vis == Visibility::Plain {
            reply.title = Some(format!("{code} · {title}"));
        } else {
            // Discord shows no spoiler markup in titles.
            reply.title = Some(code);
            reply
                .lines
                .push(mark(vis, &format!("**{}**", escape_markdown(&title))));
        }
        let mut recaps: Vec<_> = episode.recaps.iter().collect();
        recaps.sort_by_key(|r| r.language != l);
        let mut meta = Vec::new();
        if let Some(date) = &episode.aired {
            meta.push(t(l, "episode-aired", &[s("date", date.clone())]));
        }
        if let Some(source) = recaps.first().and_then(|r| r.source.clone()) {
            meta.push(t(
                l,
                "episode-source",
                &[s("source", escape_markdown(&source))],
            ));
        }
        if !meta.is_empty() {
            reply.lines.push(meta.join(" · "));
        }
        let names: Vec<String> = show
            .characters_in(episode.key)
            .iter()
            .map(|c| c.name.clone())
            .collect();
        reply.lines.push(if names.is_empty() {
            t(l, "episode-no-characters", &[])
        } else {
            mark(
                vis,
                &t(l, "episode-characters", &[s("names", names.join(", "))]),
            )
        });
        for (i, recap) in recaps.iter().enumerate() {
            let language = recap.language.code();
            let mut blocks: Vec<(Option<&str>, Vec<String>)> = Vec::new();
            let mut paragraph = -1;
            for f in facts.iter().filter(|f| f.language == language) {
                let section = f.section.as_deref();
                if blocks.last().is_none_or(|(s, _)| *s != section) {
                    blocks.push((section, Vec::new()));
                    paragraph = -1;
                }
                let (_, paragraphs) = blocks.last_mut().expect("a block was just pushed");
                if f.paragraph != paragraph {
                    paragraphs.push(String::new());
                    paragraph = f.paragraph;
                }
                let text = paragraphs.last_mut().expect("a paragraph was just pushed");
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&f.text);
            }
            let render = |paragraphs: Vec<String>| -> Vec<String> {
                paragraphs
                    .iter()
                    .map(|p| mark(vis, &escape_markdown(p)))
                    .collect()
            };
            if i == 0 {
                if let Some(headline) = &recap.headline {
                    reply.lines.push(String::new());
                    reply
                        .lines
                        .push(mark(vis, &format!("*{}*", escape_markdown(headline))));
                }
                for (section, paragraphs) in blocks {
                    reply.lines.push(String::new());
                    if let Some(section) = section {
                        reply
                            .lines
                            .push(mark(vis, &format!("**{}**", escape_markdown(section))));
                    }
                    reply.lines.extend(render(paragraphs));
                }
            } else {
                let label = t(
                    l,
                    "episode-other-language",
                    &[s("language", language_name(l, recap.language))],
                );
                for (section, paragraphs) in blocks {
                    let mut lines = Vec::new();
                    let name = match section {
                        Some(section) if vis == Visibility::Plain => format!("{label} · {section}"),
                        Some(section) => {
                            lines.push(mark(vis, &format!("**{}**", escape_markdown(section))));
                            label.clone()
                        }
                        None => label.clone(),
                    };
                    lines.extend(render(paragraphs));
                    reply.fields.push(Field { name, lines });
                }
            }
        }
        if reveal {
            reply.notes.push(t(l, "gate-revealed-all", &[]));
        }
        reply
    }

    /// `/character`: who someone is and what happened to them, in episode
    /// order, as far as the member may see.
    pub async fn character(
        &self,
        ctx: &Ctx,
        name: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Result<Reply> {
        let fresh = self.character_fresh(ctx, name, show, reveal);
        self.remembered(Lookup::Character, ctx, name, show, reveal, fresh)
            .await
    }

    async fn character_fresh(
        &self,
        ctx: &Ctx,
        name: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Result<Reply> {
        let l = ctx.locale;
        let asked = match self
            .ask(ctx, show, name, "error-empty-name", reveal)
            .await?
        {
            Ok(asked) => asked,
            Err(reply) => return Ok(reply),
        };
        let (show, gate, name) = (asked.show(), asked.gate, name.trim());
        let watched = gate.watched();
        // Only characters the member has met are candidates: a later one
        // gets the same answer as a name nobody has.
        let met = |c: &Character| {
            reveal
                || c.first_seen()
                    .is_some_and(|f| watched.is_some_and(|w| f <= w))
        };
        let character = match show.find_character(name, met) {
            Found::One(c) => c,
            Found::Several(list) => {
                let names: Vec<(Visibility, String)> = list
                    .iter()
                    .map(|c| {
                        (
                            c.first_seen()
                                .map_or(Visibility::Hidden, |f| gate.classify(f)),
                            c.name.clone(),
                        )
                    })
                    .collect();
                let mut reply = problem(
                    l,
                    "character-ambiguous",
                    &[s("name", name), s("choices", list_names(names))],
                );
                reply.private = true;
                return Ok(reply);
            }
            Found::Nothing if reveal => {
                return Ok(problem(
                    l,
                    "character-not-found",
                    &[s("show", show.title.clone()), s("name", name)],
                ));
            }
            Found::Nothing => {
                return Ok(withheld(
                    l,
                    "character-nothing",
                    &[s("name", name), s("upto", upto(l, watched))],
                    watched,
                ));
            }
        };
        let upto_order = if reveal {
            i64::MAX
        } else {
            watched.map_or(0, order_of_key)
        };
        // One language per episode: the member's, where the episode has it.
        let take = |order: i64, language: Language| {
            language == l
                || show
                    .episode(key_of_order(order))
                    .is_none_or(|e| e.recaps.iter().all(|r| r.language != l))
        };
        let facts = lookup::character_facts(&self.db, character.id, upto_order, take, 40).await?;
        let hidden = match watched {
            Some(w) if !reveal => {
                character.facts_after(w, |key, language| take(order_of_key(key), language))
            }
            _ => 0,
        };
        Ok(finish(
            l,
            self.character_reply(l, show, character, &gate, &facts, hidden, reveal),
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn character_reply(
        &self,
        l: Locale,
        show: &Show,
        c: &Character,
        gate: &Gate,
        facts: &[FactRow],
        hidden: usize,
        reveal: bool,
    ) -> Reply {
        let vis = c
            .first_seen()
            .map_or(Visibility::Hidden, |f| gate.classify(f));
        let visible = |v: Visibility| reveal || v != Visibility::Hidden;
        let mut reply = Reply {
            private: reveal,
            hidden,
            ..Reply::default()
        };
        if vis == Visibility::Plain {
            reply.title = Some(c.name.clone());
        } else {
            reply
                .lines
                .push(mark(vis, &format!("**{}**", escape_markdown(&c.name))));
        }
        let mut kind = match c.kind {
            Kind::Person => t(l, "character-kind-person", &[]),
            Kind::Role => match &c.in_production {
                Some(p) => t(l, "character-kind-role", &[s("production", p.clone())]),
                None => t(l, "character-kind-role-plain", &[]),
            },
            Kind::Production => t(l, "character-kind-production", &[]),
        };
        if let Some(actor) = &c.played_by {
            kind.push_str(" · ");
            kind.push_str(&t(l, "character-played-by", &[s("actor", actor.clone())]));
        }
        reply.lines.push(mark(vis, &escape_markdown(&kind)));
        if let Some(about) = &c.about {
            reply.lines.push(mark(vis, &escape_markdown(about)));
        }
        if c.kind == Kind::Production {
            let roles: Vec<(Visibility, String)> = show
                .roles_of(c)
                .into_iter()
                .map(|r| {
                    (
                        r.first_seen()
                            .map_or(Visibility::Hidden, |f| gate.classify(f)),
                        r.name.clone(),
                    )
                })
                .filter(|(v, _)| visible(*v))
                .collect();
            if !roles.is_empty() {
                reply.lines.push(mark(
                    vis,
                    &t(l, "character-roles", &[s("names", list(vis, roles))]),
                ));
            }
        }
        let episodes: Vec<(Visibility, String)> = c
            .appearances
            .iter()
            .map(|k| (gate.classify(*k), k.to_string()))
            .filter(|(v, _)| visible(*v))
            .collect();
        if !episodes.is_empty() {
            reply.lines.push(mark(
                vis,
                &t(
                    l,
                    "character-appears-in",
                    &[s("episodes", list(vis, episodes))],
                ),
            ));
        }
        reply.lines.push(String::new());
        reply
            .lines
            .push(format!("**{}**", t(l, "character-timeline", &[])));
        if facts.is_empty() {
            reply.lines.push(t(
                l,
                "character-no-facts",
                &[s("upto", upto(l, gate.watched()))],
            ));
        }
        for f in facts {
            let key = key_of_order(f.episode_order);
            reply.lines.push(format!(
                "**{key}** {}",
                mark(gate.classify(key), &escape_markdown(&f.text))
            ));
        }
        self.hidden_notes(l, &mut reply, hidden, reveal);
        reply
    }

    fn hidden_notes(&self, l: Locale, reply: &mut Reply, hidden: usize, reveal: bool) {
        if hidden >= lookup::COUNT_CAP as usize {
            // Counting stopped at the cap.
            reply
                .notes
                .push(t(l, "gate-hidden-many", &[n("count", hidden - 1)]));
            reply
                .notes
                .push(t(l, "gate-reveal-hint", &[n("count", hidden)]));
        } else if hidden > 0 {
            reply.notes.push(t(l, "gate-hidden", &[n("count", hidden)]));
            reply
                .notes
                .push(t(l, "gate-reveal-hint", &[n("count", hidden)]));
        }
        if reveal {
            reply.notes.push(t(l, "gate-revealed-all", &[]));
        }
    }

    /// `/search`: full-text search over the facts the member may see, best
    /// first, matched words in bold.
    pub async fn search(
        &self,
        ctx: &Ctx,
        query: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Result<Reply> {
        let fresh = self.search_fresh(ctx, query, show, reveal);
        self.remembered(Lookup::Search, ctx, query, show, reveal, fresh)
            .await
    }

    async fn search_fresh(
        &self,
        ctx: &Ctx,
        query: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Result<Reply> {
        const HITS: usize = 10;
        let l = ctx.locale;
        let index = self.index();
        let shows: Vec<&Show> = match show.map(str::trim).filter(|q| !q.is_empty()) {
            Some(_) => match Self::resolve_show(&index, l, show) {
                Ok(show) => vec![show],
                Err(reply) => return Ok(reply),
            },
            None if index.shows.is_empty() => return Ok(problem(l, "error-no-shows", &[])),
            None => index.shows.iter().collect(),
        };
        let Some(fts) = lookup::fts_query(query) else {
            return Ok(problem(l, "error-empty-query", &[]));
        };
        let mut hits: Vec<(f64, &Show, Gate, FactRow)> = Vec::new();
        let mut hidden = 0usize;
        let mut anything_set = false;
        let mut last_watched = None;
        for show in &shows {
            let gate = self.gate(ctx, show.id).await?;
            let watched = gate.watched();
            anything_set |= watched.is_some();
            last_watched = watched;
            let upto_order = if reveal {
                None
            } else {
                match watched {
                    Some(w) => Some(order_of_key(w)),
                    None => {
                        hidden +=
                            lookup::search_count_after(&self.db, show.id, &fts, -1).await? as usize;
                        continue;
                    }
                }
            };
            // The ranked hits and the count of what lies past the member are
            // independent: ask for both at once.
            let count = async {
                match upto_order {
                    Some(order) => lookup::search_count_after(&self.db, show.id, &fts, order).await,
                    None => Ok(0),
                }
            };
            let (found, later) = tokio::join!(
                lookup::search(&self.db, show.id, &fts, upto_order, HITS as i64),
                count
            );
            for (fact, rank) in found? {
                hits.push((rank, show, gate, fact));
            }
            hidden += later? as usize;
        }
        if !reveal && !anything_set {
            let mut reply = problem(l, "gate-nothing-set", &[]);
            reply.hidden = hidden;
            return Ok(reply);
        }
        hits.sort_by(|a, b| a.0.total_cmp(&b.0));
        hits.truncate(HITS);
        let mut reply = Reply {
            private: reveal,
            hidden,
            title: Some(t(l, "search-title", &[s("query", query.trim())])),
            ..Reply::default()
        };
        for (_, show, gate, fact) in &hits {
            let key = key_of_order(fact.episode_order);
            let code = if shows.len() > 1 {
                format!("{} {key}", show.title)
            } else {
                key.to_string()
            };
            reply.lines.push(format!(
                "**{code}** {}",
                mark(gate.classify(key), &highlight(&fact.text))
            ));
        }
        if hits.is_empty() {
            reply.lines.push(if shows.len() == 1 && !reveal {
                t(
                    l,
                    "search-no-hits",
                    &[s("query", query.trim()), s("upto", upto(l, last_watched))],
                )
            } else {
                t(l, "search-no-hits-any", &[s("query", query.trim())])
            });
        }
        self.hidden_notes(l, &mut reply, hidden, reveal);
        Ok(finish(l, reply))
    }

    /// Reads an episode as a member wrote it (a code, or a title matched
    /// among every episode: they are declaring what they have seen).
    pub(crate) fn episode_input(
        show: &Show,
        l: Locale,
        input: &str,
    ) -> Result<(EpisodeKey, Option<String>), Reply> {
        let input = input.trim();
        if input.is_empty() {
            return Err(problem(l, "error-empty-episode", &[]));
        }
        if let Some(key) = EpisodeKey::parse(input) {
            return Ok((key, show.episode(key).map(|e| title_in(e, l))));
        }
        match show.find_episode(input, |_| true) {
            Found::One(e) => Ok((e.key, Some(title_in(e, l)))),
            Found::Several(list) => Err(did_you_mean(l, &list)),
            Found::Nothing => Err(problem(l, "error-bad-episode", &[s("input", input)])),
        }
    }

    /// `/progress`: how far the member has watched a show.
    pub async fn progress(
        &self,
        ctx: &Ctx,
        action: ProgressAction,
        show: Option<&str>,
    ) -> Result<Reply> {
        let l = ctx.locale;
        let index = self.index();
        let show = match Self::resolve_show(&index, l, show) {
            Ok(show) => show,
            Err(reply) => return Ok(reply),
        };
        let title_of = |key: EpisodeKey| {
            show.episode(key)
                .map_or_else(String::new, |e| format!(" {}", quoted(l, &title_in(e, l))))
        };
        let reply = match action {
            ProgressAction::Set(input) => {
                let (key, _) = match Self::episode_input(show, l, &input) {
                    Ok(found) => found,
                    Err(reply) => return Ok(reply),
                };
                members::set_progress(&self.db, ctx.user, show.id, key).await?;
                self.gates.forget();
                Reply::line(t(
                    l,
                    "progress-set",
                    &[
                        s("show", show.title.clone()),
                        s("episode", key.to_string()),
                        s("title", title_of(key)),
                    ],
                ))
            }
            ProgressAction::Show => match members::progress(&self.db, ctx.user, show.id).await? {
                Some(key) => Reply::line(t(
                    l,
                    "progress-show",
                    &[
                        s("show", show.title.clone()),
                        s("episode", key.to_string()),
                        s("title", title_of(key)),
                    ],
                )),
                None => Reply::line(t(l, "progress-none", &[s("show", show.title.clone())])),
            },
            ProgressAction::Clear => {
                members::clear_progress(&self.db, ctx.user, show.id).await?;
                self.gates.forget();
                Reply::line(t(l, "progress-cleared", &[s("show", show.title.clone())]))
            }
        };
        // Progress is personal.
        Ok(reply.private())
    }

    /// `/spoilers`: what a channel (or the server by default) may discuss.
    pub async fn spoilers(
        &self,
        ctx: &Ctx,
        action: SpoilersAction,
        scope: HorizonScope,
        show: Option<&str>,
    ) -> Result<Reply> {
        let l = ctx.locale;
        let index = self.index();
        let show = match Self::resolve_show(&index, l, show) {
            Ok(show) => show,
            Err(reply) => return Ok(reply),
        };
        let target = match (scope, ctx.guild) {
            (HorizonScope::Channel, _) => Scope::Channel(ctx.channel),
            (HorizonScope::Server, Some(guild)) => Scope::Guild(guild),
            (HorizonScope::Server, None) => {
                return Ok(problem(l, "error-no-permission-server", &[]));
            }
        };
        let allowed = match scope {
            HorizonScope::Channel => ctx.can_manage_channel,
            HorizonScope::Server => ctx.can_manage_guild,
        };
        let denied = match scope {
            HorizonScope::Channel => "error-no-permission-channel",
            HorizonScope::Server => "error-no-permission-server",
        };
        let title = show.title.clone();
        match action {
            SpoilersAction::Set(input) => {
                if !allowed {
                    return Ok(problem(l, denied, &[]));
                }
                let (key, _) = match Self::episode_input(show, l, &input) {
                    Ok(found) => found,
                    Err(reply) => return Ok(reply),
                };
                members::set_horizon(&self.db, target, show.id, key, ctx.user).await?;
                self.gates.forget();
                let id = match scope {
                    HorizonScope::Channel => "spoilers-set-channel",
                    HorizonScope::Server => "spoilers-set-server",
                };
                // Said in the channel, by code only: a title can be a spoiler.
                Ok(Reply::line(t(
                    l,
                    id,
                    &[s("show", title), s("episode", key.to_string())],
                )))
            }
            SpoilersAction::Show => {
                let [_, own, server] =
                    members::gate_inputs(&self.db, ctx.user, ctx.channel, ctx.guild, show.id)
                        .await?;
                let line = match (own, server) {
                    (Some(h), _) => t(
                        l,
                        "spoilers-show-channel",
                        &[s("show", title), s("episode", h.to_string())],
                    ),
                    (None, Some(h)) => t(
                        l,
                        "spoilers-show-server",
                        &[s("show", title), s("episode", h.to_string())],
                    ),
                    (None, None) => t(l, "spoilers-none", &[s("show", title)]),
                };
                Ok(Reply::line(line).private())
            }
            SpoilersAction::Clear => {
                if !allowed {
                    return Ok(problem(l, denied, &[]));
                }
                members::clear_horizon(&self.db, target, show.id).await?;
                self.gates.forget();
                let id = match scope {
                    HorizonScope::Channel => "spoilers-cleared-channel",
                    HorizonScope::Server => "spoilers-cleared-server",
                };
                Ok(Reply::line(t(l, id, &[s("show", title)])))
            }
        }
    }

    /// Autocomplete candidates, gated like replies: nothing the member has
    /// not reached is offered.
    pub async fn suggest(
        &self,
        ctx: &Ctx,
        kind: SuggestKind,
        partial: &str,
        show: Option<&str>,
    ) -> Result<Vec<Choice>> {
        const MAX: usize = 25;
        let l = ctx.locale;
        let index = self.index();
        if kind == SuggestKind::Show {
            // Shows are no spoilers: every one is offered.
            let mut scored: Vec<(u8, Choice)> = index
                .shows
                .iter()
                .filter_map(|s| {
                    let score = if partial.trim().is_empty() {
                        Some(0)
                    } else {
                        [s.slug.as_str(), s.title.as_str()]
                            .iter()
                            .filter_map(|n| match_score(partial, n))
                            .min()
                    };
                    score.map(|score| {
                        (
                            score,
                            Choice {
                                label: s.title.clone(),
                                value: s.slug.clone(),
                            },
                        )
                    })
                })
                .collect();
            scored.sort_by_key(|(score, _)| *score);
            return Ok(scored.into_iter().take(MAX).map(|(_, c)| c).collect());
        }
        let Ok(show) = Self::resolve_show(&index, l, show) else {
            return Ok(Vec::new());
        };
        let watched = self.gate(ctx, show.id).await?.watched();
        let seen = |k: EpisodeKey| watched.is_some_and(|w| k <= w);
        let partial = partial.trim();
        let mut scored: Vec<(u8, usize, Choice)> = Vec::new();
        match kind {
            SuggestKind::Episode | SuggestKind::ProgressEpisode => {
                for (i, e) in show.episodes.iter().enumerate() {
                    let title_shown = seen(e.key);
                    if kind == SuggestKind::Episode && !title_shown {
                        continue;
                    }
                    let code = e.key.to_string();
                    let title = title_in(e, l);
                    let score = if partial.is_empty()
                        || code.to_lowercase().starts_with(&partial.to_lowercase())
                        || EpisodeKey::parse(partial) == Some(e.key)
                    {
                        Some(0)
                    } else if title_shown {
                        match_score(partial, &title)
                    } else {
                        None
                    };
                    if let Some(score) = score {
                        let label = if title_shown {
                            format!("{code} · {title}")
                        } else {
                            code.clone()
                        };
                        scored.push((score, i, Choice { label, value: code }));
                    }
                }
            }
            SuggestKind::Show => {}
            SuggestKind::Character => {
                for (i, c) in show.characters.iter().enumerate() {
                    if !c.first_seen().is_some_and(seen) {
                        continue;
                    }
                    let score = if partial.is_empty() {
                        Some(0)
                    } else {
                        c.names()
                            .filter_map(|name| match_score(partial, name))
                            .min()
                    };
                    if let Some(score) = score {
                        scored.push((
                            score,
                            i,
                            Choice {
                                label: c.name.clone(),
                                value: c.name.clone(),
                            },
                        ));
                    }
                }
            }
        }
        scored.sort_by_key(|(score, i, _)| (*score, *i));
        Ok(scored.into_iter().take(MAX).map(|(_, _, c)| c).collect())
    }
}

impl App {
    /// `/about`: what is loaded, show by show.
    pub async fn about(&self, ctx: &Ctx) -> Result<Reply> {
        let l = ctx.locale;
        let index = self.index();
        let mut reply = Reply {
            title: Some(t(
                l,
                "about-title",
                &[s("version", env!("CARGO_PKG_VERSION"))],
            )),
            ..Reply::default()
        };
        if index.shows.is_empty() {
            reply.lines.push(t(l, "about-empty", &[]));
        }
        let facts = lookup::facts_per_show(&self.db).await?;
        for show in &index.shows {
            let mut languages: Vec<Language> = show
                .episodes
                .iter()
                .flat_map(|e| e.recaps.iter().map(|r| r.language))
                .collect();
            languages.sort();
            languages.dedup();
            let names: Vec<String> = languages
                .iter()
                .map(|lang| language_name(l, *lang))
                .collect();
            let questions = self.question_bank(show).await?.len();
            reply.lines.push(t(
                l,
                "about-show",
                &[
                    s("title", show.title.clone()),
                    n("episodes", show.episodes.len()),
                    n("facts", facts.get(&show.id).copied().unwrap_or(0) as usize),
                    n("recaps", show.episodes.iter().map(|e| e.recaps.len()).sum()),
                    s("languages", names.join(", ")),
                    n("questions", questions),
                ],
            ));
        }
        reply.notes.push(t(l, "about-languages", &[]));
        Ok(finish(l, reply))
    }
}

/// A list of names, each marked by its own visibility.
fn list_names(names: Vec<(Visibility, String)>) -> String {
    list(Visibility::Plain, names)
}

/// The episode's title as a recap in `locale` gives it, else its own.
fn title_in(episode: &Episode, locale: Locale) -> String {
    episode
        .recaps
        .iter()
        .find(|r| r.language == locale)
        .map_or_else(|| episode.title.clone(), |r| r.title.clone())
}
