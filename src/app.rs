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
use crate::spoiler::{EpisodeKey, Gate, NEVER, Style, Told, Visibility, mark};
use crate::store::Db;
use crate::store::lookup::{self, FactRow};
use crate::store::members::{self, Scope};
use crate::store::versions::{self, Versions};
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
    /// For a thread, the channel it belongs to: without a horizon of its
    /// own, a thread follows its channel's.
    pub thread_of: Option<u64>,
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

impl Choice {
    /// Discord's limit on an autocomplete choice: 100 characters for what
    /// is shown and for the value.
    pub const LIMIT: usize = 100;

    /// The choice cut to Discord's limits.
    fn fitted(self) -> Choice {
        let cut = |text: String| {
            if text.chars().count() <= Choice::LIMIT {
                text
            } else {
                let mut t: String = text.chars().take(Choice::LIMIT - 1).collect();
                t.push('…');
                t
            }
        };
        Choice {
            label: cut(self.label),
            value: cut(self.value),
        }
    }
}

/// The application core.
#[derive(Debug)]
pub struct App {
    db: Db,
    index: RwLock<Arc<Index>>,
    pub(crate) trivia: crate::trivia::Trivia,
    replies: crate::cache::ReplyCache,
    gates: crate::cache::GateCache,
    /// The database's versions as this process last saw them, and the
    /// files' stamp when it read them.
    seen: std::sync::Mutex<Versions>,
    stamp: std::sync::Mutex<Option<crate::store::Stamp>>,
    /// One catalog reload at a time.
    reloading: tokio::sync::Mutex<()>,
}

fn problem(locale: Locale, id: &str, args: &[Arg<'_>]) -> Reply {
    Reply::line(t(locale, id, args)).private()
}

/// A private answer that what was asked lies past the member (or does not
/// exist: the two are never told apart), with the hint that reveal looks
/// further.
fn withheld(locale: Locale, id: &str, args: &[Arg<'_>], gate: &Gate) -> Reply {
    let mut reply = problem(locale, id, args);
    let w = watched_code(gate);
    reply
        .notes
        .push(t(locale, "gate-look-further", &[s("episode", w)]));
    reply
}

/// The member's progress as a code, wrapped where the channel may not
/// discuss that far.
fn watched_code(gate: &Gate) -> String {
    gate.watched()
        .and_then(|w| gate.code(w, false))
        .unwrap_or_default()
}

/// "Did you mean: S01E12 “Publicity”, ...?" Candidates are only ever
/// episodes within the member's progress.
fn did_you_mean(locale: Locale, gate: &Gate, episodes: &[&Episode], reveal: bool) -> Reply {
    let choices: Vec<String> = episodes
        .iter()
        .filter_map(|e| {
            let title = gate.show(title_in(e, locale), Style::Plain, reveal)?;
            Some(format!("{} {}", e.key, quoted(locale, &title)))
        })
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

/// A title in the locale's quotation marks.
fn quoted(locale: Locale, text: &str) -> String {
    t(locale, "quoted", &[s("text", text)])
}

fn language_name(locale: Locale, language: Language) -> String {
    t(locale, &format!("language-{}", language.code()), &[])
}

/// The member's progress as words: "up to S01E12", its code wrapped
/// where the channel may not discuss that far.
fn upto(locale: Locale, gate: &Gate) -> String {
    match watched_code(gate) {
        code if code.is_empty() => code,
        code => t(locale, "gate-up-to", &[s("episode", code)]),
    }
}

/// Gated items shown one by one, each as its gate allows; withheld ones
/// are left out.
fn list(gate: &Gate, items: &[&Told], reveal: bool) -> String {
    items
        .iter()
        .filter_map(|told| gate.show(told, Style::Plain, reveal))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Episode codes shown one by one: past the channel's horizon wrapped,
/// past the member's progress left out (unless revealed).
fn codes(gate: &Gate, keys: &[EpisodeKey], reveal: bool) -> Vec<String> {
    keys.iter()
        .filter_map(|k| match gate.classify(*k) {
            Visibility::Hidden if !reveal => None,
            v => Some(mark(v, &k.to_string())),
        })
        .collect()
}

/// The one note on later episodes: the same sentence whenever the member
/// is behind the show's last catalogued episode, whatever was asked.
fn later_note(l: Locale, reply: &mut Reply, shows: &[(&Show, Gate)], reveal: bool) {
    if reveal {
        reply.notes.push(t(l, "gate-revealed-all", &[]));
        return;
    }
    let behind = shows.iter().any(|(show, gate)| {
        show.episodes
            .last()
            .is_some_and(|last| gate.watched().is_none_or(|w| w < last.key))
    });
    if behind {
        reply.notes.push(t(l, "gate-later", &[]));
    }
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
        let seen = versions::read(&db).await?;
        let index = Index::from_snapshot(lookup::snapshot(&db).await?);
        // Games cut off by a restart: interrupted, their points kept.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        // Games whose process stopped renewing their lease: interrupted,
        // their points kept. Live games of another process are left alone.
        let interrupted = crate::store::games::interrupt_abandoned(&db, now).await?;
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
            seen: std::sync::Mutex::new(seen),
            stamp: std::sync::Mutex::new(None),
            reloading: tokio::sync::Mutex::new(()),
        })
    }

    fn seen(&self) -> Versions {
        *self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Brings what this process remembers up to date with the database, and
    /// returns the catalog to answer from. Every request starts here: one
    /// look-up of the versions table, so a change made by another process
    /// (the console, an import, a second bot) is honoured at once.
    pub async fn sync(&self) -> Result<Arc<Index>> {
        // Nothing committed anywhere since the last look: nothing to read.
        // The stamp is taken before the read and kept only once what the
        // read found is dealt with, so a commit after it, or a request
        // arriving meanwhile, reads again.
        let stamp = self.db.stamp();
        if stamp.is_some() && *self.stamp.lock().unwrap_or_else(|e| e.into_inner()) == stamp {
            return Ok(self.index());
        }
        let now = versions::read(&self.db).await?;
        let before = self.seen();
        if now.gates != before.gates {
            self.gates.forget();
            self.seen.lock().unwrap_or_else(|e| e.into_inner()).gates = now.gates;
        }
        if now.catalog != before.catalog {
            self.reload().await?;
        }
        *self.stamp.lock().unwrap_or_else(|e| e.into_inner()) = stamp;
        Ok(self.index())
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Reads the catalog into memory again, if it changed since it was
    /// last read (by this process or another).
    pub async fn reload(&self) -> Result<()> {
        let _one_at_a_time = self.reloading.lock().await;
        // The version first: a change made while the snapshot is read is
        // seen at the next request.
        let version = versions::read(&self.db).await?.catalog;
        if version == self.seen().catalog {
            return Ok(());
        }
        let index = Index::from_snapshot(lookup::snapshot(&self.db).await?);
        *self.index.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(index);
        self.replies.clear();
        self.trivia.forget_banks().await;
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).catalog = version;
        tracing::info!(version, "catalog reloaded");
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
        let index = self.sync().await?;
        // Any change of progress or horizon from here on, in this process
        // or (seen by the sync below) in another, bumps the generation.
        let generation = self.gates.generation();
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
        // Kept only when made from the question's catalog under the gates
        // of its key: nothing changed meanwhile, by generation, not by value
        // (a gate changed and changed back may have made this reply). The
        // work read its gates from the gate cache, which changes only with
        // the generation (a local write, a change another process made and
        // a request saw, or the cache starting over), and its catalog from
        // `index`: a reply made while another process changed something
        // nobody has seen yet was made under the key's gates and catalog.
        if Arc::ptr_eq(&index, &self.index()) && self.gates.generation() == generation {
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
        let key = (ctx.user, ctx.channel, ctx.thread_of, ctx.guild, show_id);
        if let Some(gate) = self.gates.get(&key) {
            return Ok(gate);
        }
        let generation = self.gates.generation();
        let [progress, channel, server] = members::gate_inputs(
            &self.db,
            ctx.user,
            ctx.channel,
            ctx.thread_of,
            ctx.guild,
            show_id,
        )
        .await?;
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
                let w = watched_code(&gate);
                return Ok(withheld(
                    l,
                    "episode-past-progress",
                    &[s("episode", key.to_string()), s("watched", w)],
                    &gate,
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
                Found::Several(list) => {
                    return Ok(did_you_mean(l, &gate, &list, reveal));
                }
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
                            s("upto", upto(l, &gate)),
                        ],
                        &gate,
                    ));
                }
            },
        };
        let facts = lookup::episode_facts(&self.db, episode.id).await?;
        let mut reply = episode_reply(l, show, episode, &facts, &gate, reveal);
        later_note(l, &mut reply, &[(show, gate)], reveal);
        Ok(finish(l, reply))
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
        let met = |c: &Character| reveal || watched.is_some_and(|w| c.name.at() <= w);
        let character = match show.find_character(name, met) {
            Found::One(c) => c,
            Found::Several(found) => {
                let names: Vec<&Told> = found.iter().map(|c| &c.name).collect();
                return Ok(problem(
                    l,
                    "character-ambiguous",
                    &[s("name", name), s("choices", list(&gate, &names, reveal))],
                ));
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
                    &[s("name", name), s("upto", upto(l, &gate))],
                    &gate,
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
        let mut reply = character_reply(l, show, character, &gate, &facts, reveal);
        later_note(l, &mut reply, &[(show, gate)], reveal);
        Ok(finish(l, reply))
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
        let mut gated: Vec<(&Show, Gate)> = Vec::with_capacity(shows.len());
        for show in &shows {
            gated.push((show, self.gate(ctx, show.id).await?));
        }
        if !reveal && gated.iter().all(|(_, g)| !g.shows_anything()) {
            return Ok(problem(l, "gate-nothing-set", &[]));
        }
        let mut hits: Vec<(f64, &Show, Gate, FactRow)> = Vec::new();
        for (show, gate) in &gated {
            let upto_order = match gate.watched() {
                _ if reveal => None,
                Some(w) => Some(order_of_key(w)),
                None => continue,
            };
            for (fact, rank) in
                lookup::search(&self.db, show.id, &fts, upto_order, HITS as i64).await?
            {
                hits.push((rank, show, *gate, fact));
            }
        }
        hits.sort_by(|a, b| a.0.total_cmp(&b.0));
        hits.truncate(HITS);
        let mut reply = Reply {
            private: reveal,
            title: Some(t(l, "search-title", &[s("query", query.trim())])),
            ..Reply::default()
        };
        for (_, show, gate, fact) in &hits {
            let key = gate.code(fact.text.at(), reveal).unwrap_or_default();
            let code = if shows.len() > 1 {
                format!("{} {key}", show.title)
            } else {
                key
            };
            if let Some(text) = gate.show(&fact.text, Style::Highlighted, reveal) {
                reply.lines.push(format!("**{code}** {text}"));
            }
        }
        if reply.lines.is_empty() {
            let last_gate = gated.last().map(|(_, g)| *g).unwrap_or_default();
            reply.lines.push(if shows.len() == 1 && !reveal {
                t(
                    l,
                    "search-no-hits",
                    &[s("query", query.trim()), s("upto", upto(l, &last_gate))],
                )
            } else {
                t(l, "search-no-hits-any", &[s("query", query.trim())])
            });
        }
        later_note(l, &mut reply, &gated, reveal);
        Ok(finish(l, reply))
    }

    /// Reads an episode as a member wrote it: any code (they are declaring
    /// what they have seen, or what a channel may discuss), or a title
    /// matched only among the episodes within `watched`, so a later title
    /// reads exactly like one that does not exist. The title is returned
    /// only for an episode within `watched`.
    pub(crate) fn episode_input<'a>(
        show: &'a Show,
        l: Locale,
        input: &str,
        gate: &Gate,
    ) -> Result<(EpisodeKey, Option<&'a Told>), Reply> {
        let watched = gate.watched();
        let input = input.trim();
        if input.is_empty() {
            return Err(problem(l, "error-empty-episode", &[]));
        }
        let within = |k: EpisodeKey| watched.is_some_and(|w| k <= w);
        if let Some(key) = EpisodeKey::parse(input) {
            let title = show
                .episode(key)
                .filter(|e| within(e.key))
                .map(|e| title_in(e, l));
            return Ok((key, title));
        }
        match show.find_episode(input, |e| within(e.key)) {
            Found::One(e) => Ok((e.key, Some(title_in(e, l)))),
            Found::Several(list) => Err(did_you_mean(l, gate, &list, false)),
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
        let index = self.sync().await?;
        let show = match Self::resolve_show(&index, l, show) {
            Ok(show) => show,
            Err(reply) => return Ok(reply),
        };
        let own = members::progress(&self.db, ctx.user, show.id).await?;
        // A title only ever for an episode the member had already reached
        // (their progress, or with none the channel's horizon).
        let gate = self.gate(ctx, show.id).await?;
        let title_of = |title: Option<&Told>| {
            title
                .and_then(|t| gate.show(t, Style::Plain, false))
                .map_or_else(String::new, |t| format!(" {}", quoted(l, &t)))
        };
        let reply = match action {
            ProgressAction::Set(input) => {
                let (key, title) = match Self::episode_input(show, l, &input, &gate) {
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
                        s("title", title_of(title)),
                    ],
                ))
            }
            ProgressAction::Show => match own {
                Some(key) => Reply::line(t(
                    l,
                    "progress-show",
                    &[
                        s("show", show.title.clone()),
                        s("episode", key.to_string()),
                        s("title", title_of(show.episode(key).map(|e| title_in(e, l)))),
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
        Ok(finish(l, reply.private()))
    }

    /// `/spoilers`: what a channel (or the server by default) may discuss.
    pub async fn spoilers(
        &self,
        ctx: &Ctx,
        action: SpoilersAction,
        scope: HorizonScope,
        show: Option<&str>,
    ) -> Result<Reply> {
        let reply = self.spoilers_reply(ctx, action, scope, show).await?;
        Ok(finish(ctx.locale, reply))
    }

    async fn spoilers_reply(
        &self,
        ctx: &Ctx,
        action: SpoilersAction,
        scope: HorizonScope,
        show: Option<&str>,
    ) -> Result<Reply> {
        let l = ctx.locale;
        let index = self.sync().await?;
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
                let gate = self.gate(ctx, show.id).await?;
                let (key, _) = match Self::episode_input(show, l, &input, &gate) {
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
                let [_, own, server] = members::gate_inputs(
                    &self.db,
                    ctx.user,
                    ctx.channel,
                    ctx.thread_of,
                    ctx.guild,
                    show.id,
                )
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
        let index = self.sync().await?;
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
            return Ok(scored
                .into_iter()
                .take(MAX)
                .map(|(_, c)| c.fitted())
                .collect());
        }
        let Ok(show) = Self::resolve_show(&index, l, show) else {
            return Ok(Vec::new());
        };
        let gate = self.gate(ctx, show.id).await?;
        let partial = partial.trim();
        let mut scored: Vec<(u8, usize, Choice)> = Vec::new();
        match kind {
            SuggestKind::Episode | SuggestKind::ProgressEpisode => {
                for (i, e) in show.episodes.iter().enumerate() {
                    // Later episodes: codes only, and only to set progress.
                    let title = gate.within_progress(title_in(e, l));
                    if kind == SuggestKind::Episode && title.is_none() {
                        continue;
                    }
                    let code = e.key.to_string();
                    let score = if partial.is_empty()
                        || code.to_lowercase().starts_with(&partial.to_lowercase())
                        || EpisodeKey::parse(partial) == Some(e.key)
                    {
                        Some(0)
                    } else {
                        title.and_then(|title| match_score(partial, title))
                    };
                    if let Some(score) = score {
                        let label = match title {
                            Some(title) => format!("{code} · {title}"),
                            None => code.clone(),
                        };
                        scored.push((score, i, Choice { label, value: code }));
                    }
                }
            }
            SuggestKind::Show => {}
            SuggestKind::Character => {
                for (i, c) in show.characters.iter().enumerate() {
                    let Some(name) = gate.within_progress(&c.name) else {
                        continue;
                    };
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
                                label: name.to_string(),
                                value: name.to_string(),
                            },
                        ));
                    }
                }
            }
        }
        scored.sort_by_key(|(score, i, _)| (*score, *i));
        Ok(scored
            .into_iter()
            .take(MAX)
            .map(|(_, _, c)| c.fitted())
            .collect())
    }
}

impl App {
    /// `/about`: what is loaded, show by show, counting only what the
    /// asking member may see (so it confirms no later episode).
    pub async fn about(&self, ctx: &Ctx) -> Result<Reply> {
        let l = ctx.locale;
        let index = self.sync().await?;
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
        for show in &index.shows {
            let watched = self.gate(ctx, show.id).await?.watched();
            let within = |k: EpisodeKey| watched.is_some_and(|w| k <= w);
            let episodes: Vec<&Episode> = show.episodes.iter().filter(|e| within(e.key)).collect();
            let facts = match watched {
                Some(w) => lookup::facts_upto(&self.db, show.id, order_of_key(w)).await?,
                None => 0,
            };
            let last = show.episodes.last().map(|e| e.key);
            let questions = self
                .question_bank(show)
                .await?
                .iter()
                .filter(|q| q.episode.or(last).is_some_and(within))
                .count();
            let mut languages: Vec<Language> = episodes
                .iter()
                .flat_map(|e| e.recaps.iter().map(|r| r.language))
                .collect();
            languages.sort();
            languages.dedup();
            let names: Vec<String> = languages
                .iter()
                .map(|lang| language_name(l, *lang))
                .collect();
            reply.lines.push(t(
                l,
                "about-show",
                &[
                    s("title", show.title.clone()),
                    n("episodes", episodes.len()),
                    n("facts", facts as usize),
                    n("recaps", episodes.iter().map(|e| e.recaps.len()).sum()),
                    s("languages", names.join(", ")),
                    n("questions", questions),
                ],
            ));
        }
        reply.notes.push(t(l, "about-languages", &[]));
        Ok(finish(l, reply))
    }
}

/// The episode's title as a recap in `locale` gives it, else its own.
fn title_in(episode: &Episode, locale: Locale) -> &Told {
    episode
        .recaps
        .iter()
        .find(|r| r.language == locale)
        .map_or(&episode.title, |r| &r.title)
}

/// An episode's recaps, every piece through the member's gate. The caller
/// has checked the episode is within their progress, or `reveal`.
fn episode_reply(
    l: Locale,
    show: &Show,
    episode: &Episode,
    facts: &[FactRow],
    gate: &Gate,
    reveal: bool,
) -> Reply {
    let mut reply = Reply {
        private: reveal,
        ..Reply::default()
    };
    let code = episode.key.to_string();
    let title = title_in(episode, l);
    match gate.plain(title) {
        Some(plain) => reply.title = Some(format!("{code} · {plain}")),
        None => {
            // Discord shows no spoiler markup in titles.
            reply.title = Some(code);
            reply.lines.extend(gate.show(title, Style::Bold, reveal));
        }
    }
    let mut recaps: Vec<_> = episode.recaps.iter().collect();
    recaps.sort_by_key(|r| r.language != l);
    let mut meta = Vec::new();
    if let Some(date) = episode
        .aired
        .as_ref()
        .and_then(|d| gate.show(d, Style::Plain, reveal))
    {
        meta.push(t(l, "episode-aired", &[s("date", date)]));
    }
    if let Some(source) = recaps
        .first()
        .and_then(|r| r.source.as_ref())
        .and_then(|src| gate.show(src, Style::Plain, reveal))
    {
        meta.push(t(l, "episode-source", &[s("source", source)]));
    }
    if !meta.is_empty() {
        reply.lines.push(meta.join(" · "));
    }
    let names: Vec<&Told> = show
        .characters_in(episode.key)
        .iter()
        .map(|c| &c.name)
        .collect();
    let names = list(gate, &names, reveal);
    reply.lines.push(if names.is_empty() {
        t(l, "episode-no-characters", &[])
    } else {
        t(l, "episode-characters", &[s("names", names)])
    });
    for (i, recap) in recaps.iter().enumerate() {
        let language = recap.language.code();
        // Sections, each with its paragraphs of sentences.
        let mut blocks: Vec<(Option<&Told>, Vec<Vec<&Told>>)> = Vec::new();
        let mut paragraph = -1;
        for f in facts.iter().filter(|f| f.language == language) {
            let section = f.section.as_ref();
            if blocks.last().is_none_or(|(s, _)| *s != section) {
                blocks.push((section, Vec::new()));
                paragraph = -1;
            }
            let (_, paragraphs) = blocks.last_mut().expect("a block was just pushed");
            if f.paragraph != paragraph {
                paragraphs.push(Vec::new());
                paragraph = f.paragraph;
            }
            paragraphs
                .last_mut()
                .expect("a paragraph was just pushed")
                .push(&f.text);
        }
        let render = |paragraphs: Vec<Vec<&Told>>| -> Vec<String> {
            paragraphs
                .iter()
                .filter_map(|sentences| {
                    gate.show(&Told::join(sentences, " ")?, Style::Plain, reveal)
                })
                .collect()
        };
        let heading = |section: &Told| gate.show(section, Style::Bold, reveal);
        if i == 0 {
            if let Some(headline) = recap
                .headline
                .as_ref()
                .and_then(|h| gate.show(h, Style::Italic, reveal))
            {
                reply.lines.push(String::new());
                reply.lines.push(headline);
            }
            for (section, paragraphs) in blocks {
                reply.lines.push(String::new());
                reply.lines.extend(section.and_then(heading));
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
                // Field names show no markup: a section goes there only plain.
                let name = match section {
                    Some(section) => match gate.plain(section) {
                        Some(plain) => format!("{label} · {plain}"),
                        None => {
                            lines.extend(heading(section));
                            label.clone()
                        }
                    },
                    None => label.clone(),
                };
                lines.extend(render(paragraphs));
                reply.fields.push(Field { name, lines });
            }
        }
    }
    reply
}

/// Who a character is, what they play, where they appear, and the facts
/// about them, every piece through the member's gate.
fn character_reply(
    l: Locale,
    show: &Show,
    c: &Character,
    gate: &Gate,
    facts: &[FactRow],
    reveal: bool,
) -> Reply {
    let mut reply = Reply {
        private: reveal,
        ..Reply::default()
    };
    match gate.plain(&c.name) {
        Some(name) => reply.title = Some(name.to_string()),
        None => reply.lines.extend(gate.show(&c.name, Style::Bold, reveal)),
    }
    let shown = |told: &Told| gate.show(told, Style::Plain, reveal);
    let mut kind = match c.kind {
        Kind::Person => t(l, "character-kind-person", &[]),
        Kind::Role => match c.in_production.as_ref().and_then(shown) {
            Some(p) => t(l, "character-kind-role", &[s("production", p)]),
            None => t(l, "character-kind-role-plain", &[]),
        },
        Kind::Production => t(l, "character-kind-production", &[]),
    };
    if let Some(actor) = c.played_by.as_ref().and_then(shown) {
        kind.push_str(" · ");
        kind.push_str(&t(l, "character-played-by", &[s("actor", actor)]));
    }
    reply.lines.push(kind);
    let watched = if reveal { Some(NEVER) } else { gate.watched() };
    if let Some(about) = c.about_for(watched, l).and_then(shown) {
        reply.lines.push(about);
    }
    if c.kind == Kind::Production {
        let roles: Vec<&Told> = show.roles_of(c).into_iter().map(|r| &r.name).collect();
        let roles = list(gate, &roles, reveal);
        if !roles.is_empty() {
            reply
                .lines
                .push(t(l, "character-roles", &[s("names", roles)]));
        }
    }
    let episodes = codes(gate, &c.appearances, reveal);
    if !episodes.is_empty() {
        reply.lines.push(t(
            l,
            "character-appears-in",
            &[s("episodes", episodes.join(", "))],
        ));
    }
    reply.lines.push(String::new());
    reply
        .lines
        .push(format!("**{}**", t(l, "character-timeline", &[])));
    let mut any = false;
    for f in facts {
        if let Some(text) = shown(&f.text) {
            let code = gate.code(f.text.at(), reveal).unwrap_or_default();
            reply.lines.push(format!("**{code}** {text}"));
            any = true;
        }
    }
    if !any {
        reply
            .lines
            .push(t(l, "character-no-facts", &[s("upto", upto(l, gate))]));
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            user: 1,
            channel: 2,
            guild: None,
            locale: Locale::En,
            can_manage_channel: true,
            can_manage_guild: true,
            thread_of: None,
        }
    }

    async fn seeded() -> App {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        crate::catalog::import::import_dir(&db, &seeds)
            .await
            .unwrap();
        App::new(db).await.unwrap()
    }

    #[tokio::test]
    async fn a_reply_made_while_a_gate_changed_and_changed_back_is_not_kept() {
        let app = seeded().await;
        let set = |e: &str| ProgressAction::Set(e.to_string());
        app.progress(&ctx(), set("S01E12"), None).await.unwrap();
        // Made while the gate went S01E12 -> S02E11 -> S01E12: equal by
        // value before and after, but not the gate it was made under.
        let made_meanwhile = async {
            app.progress(&ctx(), set("S02E11"), None).await.unwrap();
            let reply = Reply::line("made at S02E11");
            app.progress(&ctx(), set("S01E12"), None).await.unwrap();
            Ok(reply)
        };
        let r = app
            .remembered(
                Lookup::Character,
                &ctx(),
                "Karen",
                None,
                false,
                made_meanwhile,
            )
            .await
            .unwrap();
        assert_eq!(r.description(), "made at S02E11");
        let again = app.character(&ctx(), "Karen", None, false).await.unwrap();
        assert_ne!(again.description(), "made at S02E11");
        assert!(again.description().contains("Karen"), "{again:?}");
        // A reply made with nothing changing meanwhile is kept.
        let kept = app.character(&ctx(), "Karen", None, false).await.unwrap();
        assert_eq!(kept, again);
        assert!(!app.replies.is_empty());
    }
}
