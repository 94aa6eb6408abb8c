//! Lookups: `/episode`, `/character`, `/search` and `/about`, each a
//! question resolved against the catalog in memory, gated, read from the
//! database where it needs facts, and rendered by `crate::render`. Replies
//! are remembered for the same question under the same gates and catalog.

use std::sync::Arc;

use crate::cache::{Lookup, LookupKey, ReplyCache};
use crate::error::{Outcome, refuse};
use crate::facts::Fact;
use crate::i18n::{m, n, s, t};
use crate::index::{Character, Episode, Found, Index, Show};
use crate::model::{EpisodeKey, Language};
use crate::render::{
    character_reply, did_you_mean, episode_reply, finish, language_name, later_note, list, problem,
    upto, watched_code, withheld,
};
use crate::reply::Reply;
use crate::request::Ctx;
use crate::spoiler::{Gate, NEVER, Style, Told, wrap};
use crate::store::lookup;

use super::Shared;
use super::catalog::resolve_show;

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

/// What a lookup was asked, as the remembered replies are keyed.
struct Asking<'a> {
    lookup: Lookup,
    input: &'a str,
    show: Option<&'a str>,
    reveal: bool,
}

impl<'a> Asking<'a> {
    fn new(lookup: Lookup, input: &'a str, show: Option<&'a str>, reveal: bool) -> Self {
        Asking {
            lookup,
            input,
            show,
            reveal,
        }
    }
}

/// The lookups service: what it owns is the remembered replies.
#[derive(Debug, Default)]
pub(crate) struct Lookups {
    replies: ReplyCache,
}

impl Lookups {
    /// Forgets every remembered reply.
    pub fn forget_replies(&self) {
        self.replies.clear();
    }

    /// Questions answered from the remembered replies and made anew, since
    /// the start.
    pub(crate) fn counts(&self) -> (u64, u64) {
        self.replies.counts()
    }

    /// How many replies are remembered.
    #[cfg(test)]
    pub(crate) fn remembered_count(&self) -> usize {
        self.replies.len()
    }

    /// `/episode` (an episode's recaps, by code or title), `/character`
    /// (who someone is and what happened to them, in episode order) and
    /// `/search` (full text, best first, matched words in bold), each as far
    /// as the member may see: the reply made earlier for the same question
    /// under the same gates and catalog, or made now.
    pub async fn answer(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        lookup: Lookup,
        input: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Outcome<Reply> {
        let fresh = async {
            match lookup {
                Lookup::Episode => self.episode_fresh(shared, ctx, input, show, reveal).await,
                Lookup::Character => self.character_fresh(shared, ctx, input, show, reveal).await,
                Lookup::Search => self.search_fresh(shared, ctx, input, show, reveal).await,
            }
        };
        let asking = Asking::new(lookup, input, show, reveal);
        self.remembered(shared, ctx, asking, fresh).await
    }

    /// A lookup's reply: the one made earlier for the same question under
    /// the same gates and catalog, or `fresh`, then kept.
    async fn remembered(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        asking: Asking<'_>,
        fresh: impl std::future::Future<Output = Outcome<Reply>>,
    ) -> Outcome<Reply> {
        let Asking {
            lookup,
            input,
            show,
            reveal,
        } = asking;
        let index = shared.sync().await?;
        // Any change of progress or horizon from here on, in this process
        // or (seen by the sync below) in another, bumps the generation.
        let generation = shared.gates.generation();
        let gates = shared.gates.all(&shared.db, ctx, &index).await?;
        let question = LookupKey {
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
        // Cut to Discord's limits once, before it is kept.
        let reply = finish(ctx.locale, fresh.await?);
        // Kept only when made from the question's catalog under the gates
        // of its key: nothing changed meanwhile, by generation, not by value
        // (a gate changed and changed back may have made this reply). The
        // work read its gates from the gate cache, which changes only with
        // the generation (a local write, a change another process made and
        // a request saw, or the cache starting over), and its catalog from
        // `index`: a reply made while another process changed something
        // nobody has seen yet was made under the key's gates and catalog.
        if Arc::ptr_eq(&index, &shared.index()) && shared.gates.generation() == generation {
            self.replies.put(question, index, reply.clone());
        }
        Ok(reply)
    }

    /// Resolves the show, checks the member typed something (`empty` says
    /// what is missing otherwise), and reads their gate; without `reveal`,
    /// a gate that shows nothing ends the lookup here.
    async fn ask(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        show: Option<&str>,
        input: &str,
        empty: &str,
        reveal: bool,
    ) -> Outcome<Asked> {
        let l = ctx.locale;
        let index = shared.index();
        let found = resolve_show(&index, l, show)?;
        let position = index
            .shows
            .iter()
            .position(|s| s.id == found.id)
            .unwrap_or(0);
        if input.trim().is_empty() {
            return refuse(problem(l, empty, &[]));
        }
        let gate = shared.gate(ctx, index.shows[position].id).await?;
        if !reveal && !gate.shows_anything() {
            return refuse(problem(l, "gate-nothing-set", &[]));
        }
        Ok(Asked {
            index,
            show: position,
            gate,
        })
    }

    async fn episode_fresh(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        query: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let asked = self
            .ask(shared, ctx, show, query, "error-empty-episode", reveal)
            .await?;
        let (show, gate, query) = (asked.show(), asked.gate, query.trim());
        let watched = gate.watched();
        let within = |k: EpisodeKey| reveal || watched.is_some_and(|w| k <= w);
        let episode = match EpisodeKey::parse(query) {
            // Past the member's progress: the same answer whether or not the
            // catalog has it, so nothing is confirmed by omission.
            Some(key) if !within(key) => {
                let w = watched_code(&gate);
                return refuse(withheld(
                    l,
                    "episode-past-progress",
                    &[s("episode", key.to_string()), m("watched", w)],
                    &gate,
                ));
            }
            Some(key) => match show.episode(key) {
                Some(e) => e,
                None => {
                    return refuse(problem(
                        l,
                        "episode-not-found-any",
                        &[s("show", &show.title), s("input", query)],
                    ));
                }
            },
            None => match show.find_episode(query, |e| within(e.key)) {
                Found::One(e) => e,
                Found::Several(list) => {
                    return refuse(did_you_mean(l, &gate, &list, reveal));
                }
                Found::Nothing if reveal => {
                    return refuse(problem(
                        l,
                        "episode-not-found-any",
                        &[s("show", &show.title), s("input", query)],
                    ));
                }
                Found::Nothing => {
                    return refuse(withheld(
                        l,
                        "episode-not-found",
                        &[
                            s("show", &show.title),
                            s("input", query),
                            m("upto", upto(l, &gate)),
                        ],
                        &gate,
                    ));
                }
            },
        };
        let facts = asked.index.facts.episode(episode.id);
        let mut reply = episode_reply(l, show, episode, &facts, &gate, reveal);
        later_note(l, &mut reply, &[(show, gate)], reveal);
        Ok(reply)
    }

    async fn character_fresh(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        name: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let asked = self
            .ask(shared, ctx, show, name, "error-empty-name", reveal)
            .await?;
        let (show, gate, name) = (asked.show(), asked.gate, name.trim());
        let watched = gate.watched();
        // Only characters the member has met are candidates: a later one
        // gets the same answer as a name nobody has.
        let met = |c: &Character| reveal || watched.is_some_and(|w| c.name.at() <= w);
        let character = match show.find_character(name, met) {
            Found::One(c) => c,
            Found::Several(found) => {
                let names: Vec<&Told> = found.iter().map(|c| &c.name).collect();
                return refuse(problem(
                    l,
                    "character-ambiguous",
                    &[s("name", name), m("choices", list(&gate, &names, reveal))],
                ));
            }
            Found::Nothing if reveal => {
                return refuse(problem(
                    l,
                    "character-not-found",
                    &[s("show", &show.title), s("name", name)],
                ));
            }
            Found::Nothing => {
                return refuse(withheld(
                    l,
                    "character-nothing",
                    &[s("name", name), m("upto", upto(l, &gate))],
                    &gate,
                ));
            }
        };
        let upto_order = if reveal {
            i64::MAX
        } else {
            watched.map_or(0, EpisodeKey::order)
        };
        // One language per episode: the member's, where that episode tells
        // of them in it; else the other (marked as such), rather than
        // nothing.
        let facts = &asked.index.facts;
        let take = |order: i64, language: Language| {
            language == l || !facts.names_in(character.id, order, l)
        };
        let facts = facts.character(character.id, upto_order, take, 40);
        let mut reply = character_reply(l, show, character, &gate, &facts, reveal);
        later_note(l, &mut reply, &[(show, gate)], reveal);
        Ok(reply)
    }

    async fn search_fresh(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        query: &str,
        show: Option<&str>,
        reveal: bool,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let index = shared.index();
        let shows: Vec<&Show> = match show.map(str::trim).filter(|q| !q.is_empty()) {
            Some(_) => vec![resolve_show(&index, l, show)?],
            None if index.shows.is_empty() => return refuse(problem(l, "error-no-shows", &[])),
            None => index.shows.iter().collect(),
        };
        let words = lookup::query_words(query);
        if words.is_empty() {
            return refuse(problem(l, "error-empty-query", &[]));
        }
        let mut gated: Vec<(&Show, Gate)> = Vec::with_capacity(shows.len());
        for show in &shows {
            gated.push((show, shared.gate(ctx, show.id).await?));
        }
        if !reveal && gated.iter().all(|(_, g)| !g.shows_anything()) {
            return refuse(problem(l, "gate-nothing-set", &[]));
        }
        let (plain, later) = search_hits(&index.facts, &gated, &words, reveal);
        let mut reply = search_reply(l, query, &gated, &plain, &later, reveal);
        later_note(l, &mut reply, &gated, reveal);
        Ok(reply)
    }

    /// `/about`: what is loaded, show by show, counting only what the
    /// asking member may see and the channel may discuss (so it confirms no
    /// later episode).
    pub async fn about(&self, shared: &Shared, ctx: &Ctx) -> Outcome<Reply> {
        let l = ctx.locale;
        let index = shared.sync().await?;
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
            // Counted as far as the member has watched; said in the
            // channel, the line is wrapped whole where that is past what
            // the channel may discuss.
            let gate = shared.gate(ctx, show.id).await?;
            let watched = gate.watched();
            if watched.is_none() {
                // Nothing watched and no horizon: counts of nothing read
                // as broken; say how to begin.
                reply
                    .lines
                    .push(t(l, "about-show-unwatched", &[s("title", &show.title)]));
                continue;
            }
            let wrapped = gate.plain_upto() != watched;
            let within = |k: EpisodeKey| watched.is_some_and(|w| k <= w);
            let episodes: Vec<&Episode> = show.episodes.iter().filter(|e| within(e.key)).collect();
            let facts = match watched {
                Some(w) => index.facts.count_upto(show.id, w.order()),
                None => 0,
            };
            let last = show.episodes.last().map(|e| e.key);
            // Counted once the bank is built: /about never waits for it.
            let questions = match shared.catalog.bank_if_built(&shared.db, show) {
                Some(bank) => n(
                    "questions",
                    bank.iter()
                        .filter(|q| q.episode.or(last).is_some_and(within))
                        .count(),
                ),
                None => s("questions", "building"),
            };
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
            let line = t(
                l,
                "about-show",
                &[
                    s("title", &show.title),
                    n("episodes", episodes.len()),
                    n("facts", facts as usize),
                    n("recaps", episodes.iter().map(|e| e.recaps.len()).sum()),
                    s("languages", names.join(", ")),
                    questions,
                ],
            );
            reply.lines.push(if wrapped { wrap(&line) } else { line });
            if let Some(credits) = &show.credits {
                reply.lines.push(t(
                    l,
                    "about-credits",
                    &[s("title", &show.title), s("credits", credits)],
                ));
            }
        }
        reply.notes.push(t(l, "about-languages", &[]));
        Ok(reply)
    }
}

/// A search hit: its rank, its show, the show's gate and the fact.
type Hit<'i> = (f64, &'i Show, Gate, Fact);

/// Hits past the channel's horizon listed, at most, wrapped.
const LATER_HITS: usize = 5;

/// Hits listed, at most.
const HITS: usize = 10;

/// The hits of `words` in each show under its gate: those the channel may
/// read, and those past its horizon within the member's progress, best
/// first, at most [`HITS`] and [`LATER_HITS`].
fn search_hits<'i>(
    facts: &crate::facts::Facts,
    gated: &[(&'i Show, Gate)],
    words: &[String],
    reveal: bool,
) -> (Vec<Hit<'i>>, Vec<Hit<'i>>) {
    // What the channel may read is found and ranked within the plain
    // gate alone, so nothing it may not discuss moves a plain hit; what
    // lies past its horizon, within the member's progress, is a list
    // of its own below, every line of it wrapped whole (its show and
    // code too). With reveal:true, one list, privately.
    let mut plain: Vec<Hit<'i>> = Vec::new();
    let mut later: Vec<Hit<'i>> = Vec::new();
    for &(show, gate) in gated {
        if reveal {
            for (fact, rank) in facts.search(show.id, words, None, HITS) {
                plain.push((rank, show, gate, fact));
            }
            continue;
        }
        let Some(watched) = gate.watched() else {
            continue;
        };
        let plain_upto = gate.plain_upto();
        if let Some(p) = plain_upto {
            for (fact, rank) in facts.search(show.id, words, Some(p.order()), HITS) {
                plain.push((rank, show, gate, fact));
            }
        }
        if plain_upto.is_none_or(|p| p < watched) {
            let from = plain_upto.map_or(0, |p| p.order() + 1);
            for (fact, rank) in
                facts.search_between(show.id, words, from, Some(watched.order()), LATER_HITS)
            {
                later.push((rank, show, gate, fact));
            }
        }
    }
    for hits in [&mut plain, &mut later] {
        hits.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    plain.truncate(HITS);
    later.truncate(LATER_HITS);
    (plain, later)
}

/// The reply to `/search` for `query`: the plain hits, a line when there
/// are none, then the wrapped ones.
fn search_reply(
    l: Language,
    query: &str,
    gated: &[(&Show, Gate)],
    plain: &[Hit<'_>],
    later: &[Hit<'_>],
    reveal: bool,
) -> Reply {
    let mut reply = Reply {
        private: reveal,
        title: Some(t(l, "search-title", &[s("query", query.trim())])),
        ..Reply::default()
    };
    let many = gated.len() > 1;
    for (_, show, gate, fact) in plain {
        let key = gate.code(fact.text.at(), reveal).unwrap_or_default();
        let code = if many {
            format!("{} {key}", show.title.inert())
        } else {
            key
        };
        if let Some(text) = gate.show(&fact.text, Style::Highlighted, reveal) {
            reply.lines.push(format!("**{code}** {text}"));
        }
    }
    // A member who has watched past what the channel may discuss reads
    // hits from past it (wrapped) below the plain ones: where none is
    // plain, the line says so of the plain part alone, the same
    // sentence whatever lies past it.
    let past_horizon = !reveal
        && gated.iter().any(|(_, g)| {
            g.watched()
                .is_some_and(|w| g.plain_upto().is_none_or(|p| p < w))
        });
    if reply.lines.is_empty() && past_horizon {
        let upto = match gated.last().and_then(|(_, g)| g.plain_upto()) {
            Some(p) if gated.len() == 1 => {
                format!(" ({})", t(l, "gate-up-to", &[m("episode", p.to_string())]))
            }
            _ => String::new(),
        };
        reply.lines.push(t(
            l,
            "search-no-plain-hits",
            &[s("query", query.trim()), m("upto", upto)],
        ));
    }
    if reply.lines.is_empty() {
        let last_gate = gated.last().map(|(_, g)| *g).unwrap_or_default();
        reply.lines.push(if gated.len() == 1 && !reveal {
            t(
                l,
                "search-no-hits",
                &[s("query", query.trim()), m("upto", upto(l, &last_gate))],
            )
        } else {
            t(l, "search-no-hits-any", &[s("query", query.trim())])
        });
    }
    // Read as if plain, then wrapped whole.
    let open = Gate::plain_up_to(Some(NEVER));
    for (_, show, _, fact) in later {
        let key = fact.text.at().to_string();
        let code = if many {
            format!("{} {key}", show.title.inert())
        } else {
            key
        };
        if let Some(text) = open.show(&fact.text, Style::Highlighted, false) {
            reply.lines.push(wrap(&format!("**{code}** {text}")));
        }
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use crate::request::ProgressAction;
    use crate::services::settings;

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

    async fn seeded() -> Shared {
        let db = crate::store::scratch().await;
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        crate::import::import_dir(&db, &seeds).await.unwrap();
        Shared::open(db).await.unwrap()
    }

    #[tokio::test]
    async fn a_reply_made_while_a_gate_changed_and_changed_back_is_not_kept() {
        let shared = seeded().await;
        let lookups = Lookups::default();
        let set = |e: &str| ProgressAction::Set(e.to_string());
        let me = ctx();
        let progress = |e: &'static str| settings::progress(&shared, &me, set(e), None);
        progress("S01E12").await.unwrap();
        // Made while the gate went S01E12 -> S02E11 -> S01E12: equal by
        // value before and after, but not the gate it was made under.
        let made_meanwhile = async {
            progress("S02E11").await.unwrap();
            let reply = Reply::line("made at S02E11");
            progress("S01E12").await.unwrap();
            Ok(reply)
        };
        let r = lookups
            .remembered(
                &shared,
                &ctx(),
                Asking::new(Lookup::Character, "Karen", None, false),
                made_meanwhile,
            )
            .await
            .unwrap();
        assert_eq!(r.description(), "made at S02E11");
        let character = || lookups.answer(&shared, &me, Lookup::Character, "Karen", None, false);
        let again = character().await.unwrap();
        assert_ne!(again.description(), "made at S02E11");
        assert!(again.description().contains("Karen"), "{again:?}");
        // A reply made with nothing changing meanwhile is kept.
        let kept = character().await.unwrap();
        assert_eq!(kept, again);
        assert_eq!(lookups.remembered_count(), 1);
    }

    #[tokio::test]
    async fn a_change_of_progress_forgets_only_that_members_gates() {
        let shared = seeded().await;
        let member = |user: u64, channel: u64| Ctx {
            user,
            channel,
            guild: Some(9),
            ..ctx()
        };
        let show = shared.index().shows[0].id;
        for (user, channel) in [(1, 2), (1, 3), (4, 2), (5, 3)] {
            shared.gate(&member(user, channel), show).await.unwrap();
        }
        assert_eq!(shared.gates.remembered(), 4);
        let set = ProgressAction::Set("S01E12".to_string());
        settings::progress(&shared, &member(1, 2), set, None)
            .await
            .unwrap();
        // Member 1's gates (in both channels) are read anew; the others stay.
        assert_eq!(shared.gates.remembered(), 2);
        shared.sync().await.unwrap();
        assert_eq!(shared.gates.remembered(), 2, "its own change is not news");
        let horizon = crate::request::SpoilersAction::Set("S01E12".to_string());
        let scope = crate::request::HorizonScope::Channel;
        shared.gate(&member(1, 2), show).await.unwrap();
        shared.gate(&member(1, 3), show).await.unwrap();
        settings::spoilers(&shared, &member(4, 2), horizon, scope, None)
            .await
            .unwrap();
        // Channel 2's gates go, channel 3's stay.
        assert_eq!(shared.gates.remembered(), 2);
        // A change made elsewhere says nothing of what it touched: all go.
        crate::store::versions::gates_changed(&shared.db)
            .await
            .unwrap();
        shared
            .saw(crate::store::versions::read(&shared.db).await.unwrap())
            .await
            .unwrap();
        assert_eq!(shared.gates.remembered(), 0);
    }
}
