//! Lookup replies, rendered by pure functions: the catalog's text reaches
//! them as `Told` and leaves only through the member's [`Gate`].

use crate::facts::Fact;
use crate::i18n::{Arg, Locale, m, n, s, t};
use crate::index::{Character, Episode, Show};
use crate::model::{EpisodeKey, Kind, Language};
use crate::reply::{Field, Reply};
use crate::spoiler::{Gate, NEVER, Style, Told, Visibility, mark, wrap};

pub(crate) fn problem(locale: Locale, id: &str, args: &[Arg<'_>]) -> Reply {
    Reply::line(t(locale, id, args)).private()
}

/// A private answer that what was asked lies past the member (or does not
/// exist: the two are never told apart), with the hint that reveal looks
/// further.
pub(crate) fn withheld(locale: Locale, id: &str, args: &[Arg<'_>], gate: &Gate) -> Reply {
    let mut reply = problem(locale, id, args);
    let w = watched_code(gate);
    reply
        .notes
        .push(t(locale, "gate-look-further", &[m("episode", w)]));
    reply
}

/// The member's progress as a code, wrapped where the channel may not
/// discuss that far.
pub(crate) fn watched_code(gate: &Gate) -> String {
    gate.watched()
        .and_then(|w| gate.code(w, false))
        .unwrap_or_default()
}

/// "Did you mean: S01E12 “Publicity”, ...?" Candidates are only ever
/// episodes within the member's progress.
pub(crate) fn did_you_mean(
    locale: Locale,
    gate: &Gate,
    episodes: &[&Episode],
    reveal: bool,
) -> Reply {
    let choices: Vec<String> = episodes
        .iter()
        .filter_map(|e| {
            let title = gate.show(title_in(e, locale), Style::Plain, reveal)?;
            let code = gate.code(e.key, reveal)?;
            Some(format!("{code} {}", quoted(locale, &title)))
        })
        .collect();
    problem(
        locale,
        "episode-did-you-mean",
        &[m("choices", choices.join(", "))],
    )
}

/// Cuts a reply to Discord's limits, saying in `locale` what was left
/// out: the one place replies are fitted, for every front end.
pub(crate) fn finish(locale: Locale, mut reply: Reply) -> Reply {
    reply.fit(|count| t(locale, "gate-cut", &[n("count", count)]));
    reply
}

/// A title in the locale's quotation marks.
pub(crate) fn quoted(locale: Locale, text: &str) -> String {
    t(locale, "quoted", &[m("text", text)])
}

pub(crate) fn language_name(locale: Locale, language: Language) -> String {
    t(locale, &format!("language-{}", language.code()), &[])
}

/// The member's progress as words: "up to S01E12", its code wrapped
/// where the channel may not discuss that far.
pub(crate) fn upto(locale: Locale, gate: &Gate) -> String {
    match watched_code(gate) {
        code if code.is_empty() => code,
        code => t(locale, "gate-up-to", &[m("episode", code)]),
    }
}

/// Gated items shown one by one, each as its gate allows; withheld ones
/// are left out.
pub fn list(gate: &Gate, items: &[&Told], reveal: bool) -> String {
    items
        .iter()
        .filter_map(|told| gate.show(told, Style::Plain, reveal))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How long the "Appears in" line may grow: a character of a long-running
/// show keeps its timeline below it whatever the count.
pub(crate) const APPEARANCES_BUDGET: usize = 600;

/// Where a character appears, as runs of the show's episodes
/// ("S01E01–S01E12, S02E03"), each run within one visibility: wrapped past
/// the channel's horizon, left out past the member's progress (unless
/// revealed). Past [`APPEARANCES_BUDGET`], the first and the latest runs
/// with "…" between them.
pub(crate) fn appearances(gate: &Gate, c: &Character, reveal: bool) -> String {
    // Runs of consecutive episodes of the show: the next appearance is in
    // the episode after the last one's place.
    let mut runs: Vec<(Visibility, EpisodeKey, EpisodeKey)> = Vec::new();
    let mut last_place: Option<u32> = None;
    for (k, &place) in c.appearances.iter().zip(&c.places) {
        let v = gate.classify(*k);
        if v == Visibility::Hidden && !reveal {
            last_place = None;
            continue;
        }
        let here = (place != u32::MAX).then_some(place);
        match runs.last_mut() {
            Some((rv, _, end))
                if *rv == v
                    && here.is_some()
                    && last_place.zip(here).is_some_and(|(a, b)| b == a + 1) =>
            {
                *end = *k;
            }
            _ => runs.push((v, *k, *k)),
        }
        last_place = here;
    }
    let show_run = |(v, from, to): &(Visibility, EpisodeKey, EpisodeKey)| {
        let text = if from == to {
            from.to_string()
        } else {
            format!("{from}–{to}")
        };
        mark(*v, &text)
    };
    // All the runs when they fit the budget; else the first runs, then the
    // latest, each within half of it. Only what is shown is written out.
    let mut whole: Vec<String> = Vec::new();
    let mut used = 0;
    for run in &runs {
        let shown = show_run(run);
        used += shown.chars().count() + 2;
        if used > APPEARANCES_BUDGET + 2 {
            break;
        }
        whole.push(shown);
    }
    if whole.len() == runs.len() {
        return whole.join(", ");
    }
    let half = APPEARANCES_BUDGET / 2;
    let mut head = Vec::new();
    used = 0;
    for shown in whole {
        used += shown.chars().count() + 2;
        if used > half {
            break;
        }
        head.push(shown);
    }
    let mut tail = Vec::new();
    used = 0;
    for run in runs.iter().rev() {
        let shown = show_run(run);
        used += shown.chars().count() + 2;
        if used > half {
            break;
        }
        tail.push(shown);
    }
    tail.reverse();
    format!("{} … {}", head.join(", "), tail.join(", "))
}

/// The one note on later episodes: the same sentence whenever the member
/// is behind the show's last catalogued episode, whatever was asked.
pub(crate) fn later_note(l: Locale, reply: &mut Reply, shows: &[(&Show, Gate)], reveal: bool) {
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

/// The episode's title as a recap in `locale` gives it, else its own.
pub(crate) fn title_in(episode: &Episode, locale: Locale) -> &Told {
    episode
        .recaps
        .iter()
        .find(|r| r.language == locale)
        .map_or(&episode.title, |r| &r.title)
}

/// An episode's recaps, every piece through the member's gate. The caller
/// has checked the episode is within their progress, or `reveal`.
pub(crate) fn episode_reply(
    l: Locale,
    show: &Show,
    episode: &Episode,
    facts: &[Fact],
    gate: &Gate,
    reveal: bool,
) -> Reply {
    if gate.classify(episode.key) != Visibility::Plain {
        return episode_past_the_horizon(l, show, episode, facts, reveal);
    }
    let mut reply = Reply {
        private: reveal,
        ..Reply::default()
    };
    let code = episode.key.to_string();
    let title = title_in(episode, l);
    if let Some(plain) = gate.plain(title) {
        reply.title = Some(format!("{code} · {plain}"));
    }
    // The member's language first.
    let mut recaps: Vec<_> = episode.recaps.iter().collect();
    recaps.sort_by_key(|r| r.language != l);
    let mut meta = Vec::new();
    if let Some(date) = episode
        .aired
        .as_ref()
        .and_then(|d| gate.show(d, Style::Plain, reveal))
    {
        meta.push(t(l, "episode-aired", &[m("date", date)]));
    }
    if let Some(source) = recaps
        .first()
        .and_then(|r| r.source.as_ref())
        .and_then(|src| gate.show(src, Style::Plain, reveal))
    {
        meta.push(t(l, "episode-source", &[m("source", source)]));
    }
    if !meta.is_empty() {
        reply.lines.push(meta.join(" · "));
    }
    // That someone is in this episode is this episode's news, whenever
    // they were first met.
    let names: Vec<Told> = show
        .characters_in(episode.key)
        .iter()
        .map(|c| c.name.no_earlier_than(episode.key))
        .collect();
    let names = list(gate, &names.iter().collect::<Vec<_>>(), reveal);
    reply.lines.push(if names.is_empty() {
        t(l, "episode-no-characters", &[])
    } else {
        t(l, "episode-characters", &[m("names", names)])
    });
    let shown = Shown { gate, reveal };
    for (i, recap) in recaps.iter().enumerate() {
        let blocks = sections(facts, recap.language);
        if i == 0 {
            let headline = recap.headline.as_ref();
            main_recap(
                &mut reply,
                shown,
                headline.and_then(|h| shown.styled(h, Style::Italic)),
                blocks,
            );
        } else {
            let label = t(
                l,
                "episode-other-language",
                &[s("language", language_name(l, recap.language))],
            );
            other_recap(&mut reply, shown, &label, blocks);
        }
    }
    reply
}

/// An episode past the channel's horizon (or revealed past the member's
/// progress): everything it says is the episode's, down to whether it has
/// an air date, how many characters it names or which languages its
/// recaps are in, so the whole of it goes inside spoiler markup, line by
/// line, under a title that names nothing ("Episode"; Discord shows no
/// markup in titles). The caller has checked the member may see it.
fn episode_past_the_horizon(
    l: Locale,
    show: &Show,
    episode: &Episode,
    facts: &[Fact],
    reveal: bool,
) -> Reply {
    // Read as if plain, then wrapped whole.
    let open = Gate::plain_up_to(Some(NEVER));
    let inner = episode_reply(l, show, episode, facts, &open, false);
    let mut lines = Vec::new();
    lines.extend(inner.title.map(|title| format!("**{title}**")));
    lines.extend(inner.lines);
    for field in inner.fields {
        lines.push(String::new());
        lines.push(format!("**{}**", field.name));
        lines.extend(field.lines);
    }
    Reply {
        private: reveal,
        title: Some(t(l, "episode-heading", &[])),
        lines: lines
            .into_iter()
            .map(|line| {
                if line.trim().is_empty() {
                    line
                } else {
                    wrap(&line)
                }
            })
            .collect(),
        ..Reply::default()
    }
}

/// A recap's sections, each with its paragraphs of sentences.
type Sections<'a> = Vec<(Option<&'a Told>, Vec<Vec<&'a Told>>)>;

/// The facts of one recap (by language), grouped as the recap has them.
fn sections(facts: &[Fact], language: Language) -> Sections<'_> {
    let mut blocks: Sections<'_> = Vec::new();
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
    blocks
}

/// The gate a reply is rendered through.
#[derive(Clone, Copy)]
struct Shown<'a> {
    gate: &'a Gate,
    reveal: bool,
}

impl Shown<'_> {
    fn styled(&self, told: &Told, style: Style) -> Option<String> {
        self.gate.show(told, style, self.reveal)
    }

    /// Paragraphs, each shown as a whole.
    fn paragraphs(&self, paragraphs: Vec<Vec<&Told>>) -> Vec<String> {
        paragraphs
            .iter()
            .filter_map(|sentences| self.styled(&Told::join(sentences, " ")?, Style::Plain))
            .collect()
    }
}

/// The recap in the member's language: the body of the reply.
fn main_recap(reply: &mut Reply, shown: Shown<'_>, headline: Option<String>, blocks: Sections<'_>) {
    if let Some(headline) = headline {
        reply.lines.push(String::new());
        reply.lines.push(headline);
    }
    for (section, paragraphs) in blocks {
        reply.lines.push(String::new());
        reply
            .lines
            .extend(section.and_then(|h| shown.styled(h, Style::Bold)));
        reply.lines.extend(shown.paragraphs(paragraphs));
    }
}

/// A recap in another language: a field per section, labelled with it.
fn other_recap(reply: &mut Reply, shown: Shown<'_>, label: &str, blocks: Sections<'_>) {
    for (section, paragraphs) in blocks {
        let mut lines = Vec::new();
        // Field names show no markup: a section goes there only plain.
        let name = match section {
            Some(section) => match shown.gate.plain(section) {
                Some(plain) => format!("{label} · {plain}"),
                None => {
                    lines.extend(shown.styled(section, Style::Bold));
                    label.to_string()
                }
            },
            None => label.to_string(),
        };
        lines.extend(shown.paragraphs(paragraphs));
        reply.fields.push(Field { name, lines });
    }
}

/// Who a character is, what they play, where they appear, and the facts
/// about them, every piece through the member's gate.
pub(crate) fn character_reply(
    l: Locale,
    show: &Show,
    c: &Character,
    gate: &Gate,
    facts: &[Fact],
    reveal: bool,
) -> Reply {
    let mut reply = Reply {
        private: reveal,
        ..Reply::default()
    };
    character_who(l, c, gate, reveal, &mut reply);
    character_where(l, show, c, gate, reveal, &mut reply);
    character_timeline(l, gate, facts, reveal, &mut reply);
    reply
}

/// A character's name, what they are (and who plays them), and who they
/// are as far as the channel may discuss, then as far as the member has
/// watched (wrapped).
fn character_who(l: Locale, c: &Character, gate: &Gate, reveal: bool, reply: &mut Reply) {
    let shown = |told: &Told| gate.show(told, Style::Plain, reveal);
    match gate.plain(&c.name) {
        Some(name) => reply.title = Some(name.to_string()),
        None => reply.lines.extend(gate.show(&c.name, Style::Bold, reveal)),
    }
    let mut kind = match c.kind {
        Kind::Person => t(l, "character-kind-person", &[]),
        Kind::Role => match c.in_production.as_ref().and_then(shown) {
            Some(p) => t(l, "character-kind-role", &[m("production", p)]),
            None => t(l, "character-kind-role-plain", &[]),
        },
        Kind::Production => t(l, "character-kind-production", &[]),
    };
    if let Some(actor) = c.played_by.as_ref().and_then(shown) {
        kind.push_str(" · ");
        kind.push_str(&t(l, "character-played-by", &[m("actor", actor)]));
    }
    reply.lines.push(kind);
    // Who they are as far as the channel may discuss, plain; then, if the
    // member has watched further, who they are by then, wrapped.
    let watched = if reveal { Some(NEVER) } else { gate.watched() };
    let plain_about = c.about_for(gate.plain_upto(), l);
    if let Some(about) = plain_about.and_then(shown) {
        reply.lines.push(about);
    }
    if let Some(about) = c.about_for(watched, l)
        && Some(about) != plain_about
        && let Some(about) = shown(about)
    {
        reply.lines.push(about);
    }
}

/// The roles a production holds and the episodes a character appears
/// in: plain where any is, else wrapped whole.
fn character_where(
    l: Locale,
    show: &Show,
    c: &Character,
    gate: &Gate,
    reveal: bool,
    reply: &mut Reply,
) {
    // A line that holds only what the channel may not discuss is wrapped
    // whole, its label too: that there is anything to list is news.
    // Such a line is written as the member may see it, with nothing inside
    // wrapped on its own: what lies past their progress is left out.
    let plain_at = |at: EpisodeKey| gate.classify(at) == Visibility::Plain;
    let within = Gate::plain_up_to(if reveal { Some(NEVER) } else { gate.watched() });
    if c.kind == Kind::Production {
        let roles: Vec<&Told> = show.roles_of(c).into_iter().map(|r| &r.name).collect();
        let line = if roles.iter().any(|r| plain_at(r.at())) {
            Some(list(gate, &roles, reveal)).filter(|r| !r.is_empty())
        } else {
            Some(list(&within, &roles, false))
                .filter(|r| !r.is_empty())
                .map(|r| wrap(&t(l, "character-roles", &[m("names", r)])))
        };
        if let Some(line) = line {
            reply.lines.push(if line.starts_with("||") {
                line
            } else {
                t(l, "character-roles", &[m("names", line)])
            });
        }
    }
    if c.appearances.iter().any(|k| plain_at(*k)) {
        let episodes = appearances(gate, c, reveal);
        reply
            .lines
            .push(t(l, "character-appears-in", &[m("episodes", episodes)]));
    } else {
        let episodes = appearances(&within, c, false);
        if !episodes.is_empty() {
            reply.lines.push(wrap(&t(
                l,
                "character-appears-in",
                &[m("episodes", episodes)],
            )));
        }
    }
}

/// The facts about a character, each through the gate: plain, or wrapped
/// whole past the horizon; a line saying there are none so far where no
/// fact is plain.
fn character_timeline(l: Locale, gate: &Gate, facts: &[Fact], reveal: bool, reply: &mut Reply) {
    let shown = |told: &Told| gate.show(told, Style::Plain, reveal);
    reply.lines.push(String::new());
    reply
        .lines
        .push(format!("**{}**", t(l, "character-timeline", &[])));
    let mut any_plain = false;
    let open = Gate::plain_up_to(Some(NEVER));
    for f in facts {
        // A fact from a recap in another language says so, inside its
        // gate: which language an episode's recap is in is that episode's.
        let told = if f.language == l {
            f.text.clone()
        } else {
            let language = language_name(l, f.language);
            f.text.map(|text| format!("({language}) {text}"))
        };
        match gate.visibility(&told) {
            Visibility::Plain => {
                if let Some(text) = shown(&told) {
                    let code = f.text.at();
                    reply.lines.push(format!("**{code}** {text}"));
                    any_plain = true;
                }
            }
            // Past the horizon (or revealed), the line is wrapped whole.
            Visibility::Spoiler | Visibility::Hidden => {
                if shown(&told).is_some()
                    && let Some(text) = open.show(&told, Style::Plain, false)
                {
                    reply
                        .lines
                        .push(wrap(&format!("**{}** {text}", f.text.at())));
                }
            }
        }
    }
    if !any_plain {
        // Said as far as the channel may read: what follows it, if
        // anything, is wrapped.
        let plain = match gate.plain_upto() {
            Some(p) => Gate::plain_up_to(Some(p)),
            None => *gate,
        };
        let line = t(l, "character-no-facts", &[m("upto", upto(l, &plain))]);
        let at = reply.lines.len()
            - reply
                .lines
                .iter()
                .rev()
                .take_while(|x| x.starts_with("||"))
                .count();
        reply.lines.insert(at, line);
    }
}
