//! A server's own trivia packs: a manager uploads a file (a Red trivia list
//! or a question file of the seed format), it is checked as
//! `trivia-import` checks a list (every problem with its line; nothing
//! stored unless all is well), and its questions join the server's games
//! about its show, each behind its episode like any other question.
//! `/trivia start pack:NAME` plays one pack alone.

use std::path::Path;

use super::Trivia;
use super::replies::{player, private};
use crate::error::{Outcome, refuse};
use crate::i18n::{Locale, m, n, s, t};
use crate::index::Show;
use crate::model::{EpisodeKey, Language};
use crate::quiz::generate::Question;
use crate::reply::Reply;
use crate::request::Ctx;
use crate::services::Shared;
use crate::services::catalog::resolve_show;
use crate::store::packs::{self, Pack, PackQuestion};

/// The largest file a pack may be (Red's biggest bundled list is a
/// fraction of it).
pub const UPLOAD_MAX: usize = 1 << 20;

/// The most questions one pack may hold.
const PACK_QUESTIONS_MAX: usize = 5_000;

/// The most packs a server may keep.
const PACKS_MAX: usize = 50;

/// The most problems a refusal lists (then how many more there are).
const PROBLEMS_SHOWN: usize = 10;

/// A file a member gave a command: its name and its bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Upload {
    /// Its file name, as uploaded.
    pub name: String,
    /// What it holds.
    pub bytes: Vec<u8>,
}

/// `/trivia pack upload`'s options.
#[derive(Debug, Clone, Default)]
pub struct PackOptions {
    /// The file.
    pub file: Upload,
    /// The show its questions are about.
    pub show: Option<String>,
    /// The episode every question without its own belongs to.
    pub episode: Option<String>,
    /// Or the last episode of this season.
    pub season: Option<u64>,
    /// The language of a Red list's questions (a question file says its
    /// own).
    pub language: Option<Language>,
}

/// A pack's name from its file's: the name without its extension, in
/// lower case, made of letters, digits, `-` and `_`.
fn pack_name(file: &str) -> Option<String> {
    let stem = Path::new(file).file_stem()?.to_str()?;
    let name: String = stem
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    // Not beginning or ending with a dash or an underscore, which read as
    // markup or options.
    let name = name.trim_matches(['-', '_']).to_string();
    (!name.is_empty()).then_some(name)
}

/// The server a member acts for, where they may manage it.
fn managed(ctx: &Ctx) -> Outcome<u64> {
    super::daily::managing_for(
        ctx,
        ctx.can_manage_guild,
        ("pack-needs-server", "pack-not-allowed"),
    )
}

/// A pack's file refused, with its problems (the first few of them).
fn refused_file(l: Locale, file: &str, problems: Vec<String>) -> Reply {
    let count = problems.len();
    let mut reply = private(t(l, "pack-refused", &[s("file", file), n("count", count)]));
    reply.lines.extend(
        problems
            .into_iter()
            .take(PROBLEMS_SHOWN)
            .map(|p| format!("`{}`", p.replace('`', "'"))),
    );
    if count > PROBLEMS_SHOWN {
        reply.lines.push(t(
            l,
            "pack-more-problems",
            &[n("count", count - PROBLEMS_SHOWN)],
        ));
    }
    reply
}

/// An upload's kind (a Red list or a question file, by its extension)
/// and its text, or why it is neither: too big, not text.
fn upload_text(l: Locale, upload: &Upload) -> Outcome<(bool, &str)> {
    let file = upload.name.as_str();
    let extension = Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    let red = match extension.as_deref() {
        Some("yaml" | "yml") => true,
        Some("toml") => false,
        _ => return refuse(private(t(l, "pack-bad-kind", &[s("file", file)]))),
    };
    if upload.bytes.len() > UPLOAD_MAX {
        return refuse(private(t(
            l,
            "pack-too-big",
            &[s("file", file), n("max", UPLOAD_MAX >> 10)],
        )));
    }
    let Ok(text) = std::str::from_utf8(&upload.bytes) else {
        return refuse(private(t(l, "pack-not-text", &[s("file", file)])));
    };
    Ok((red, text.strip_prefix('\u{feff}').unwrap_or(text)))
}

impl Trivia {
    /// `/trivia pack upload`: checks the file whole and stores it as the
    /// server's pack of its name, replacing the one of that name.
    pub(crate) async fn pack_upload(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        opts: PackOptions,
        now_ms: i64,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed(ctx)?;
        let file = opts.file.name.as_str();
        let Some(name) = pack_name(file) else {
            return refuse(private(t(l, "pack-bad-name", &[s("file", file)])));
        };
        let (red, text) = upload_text(l, &opts.file)?;
        let index = shared.sync().await?;
        let show = resolve_show(&index, l, opts.show.as_deref())?;
        let default_episode = default_episode(l, show, &opts)?;
        let (questions, twice) = if red {
            read_red(l, show, file, text, &opts, default_episode)?
        } else {
            (read_toml(l, show, file, text)?, Vec::new())
        };
        if questions.len() > PACK_QUESTIONS_MAX {
            return refuse(private(t(
                l,
                "pack-too-many",
                &[
                    s("file", file),
                    n("count", questions.len()),
                    n("max", PACK_QUESTIONS_MAX),
                ],
            )));
        }
        let existing = packs::list(&shared.db, guild).await?;
        if existing.len() >= PACKS_MAX && !existing.iter().any(|p| p.name == name) {
            return refuse(private(t(l, "pack-full", &[n("max", PACKS_MAX)])));
        }
        let pack = Pack {
            id: 0,
            name: name.clone(),
            show_id: show.id,
            file: file.to_string(),
            questions: questions.len() as i64,
            by_user: ctx.user as i64,
            uploaded_at: now_ms,
        };
        let replaced = packs::replace(&shared.db, guild, &pack, &questions).await?;
        let with_episode = questions
            .iter()
            .filter(|q| q.episode_order.is_some())
            .count();
        let mut reply = private(t(
            l,
            "pack-uploaded",
            &[
                s("pack", &name),
                n("count", questions.len()),
                s("show", show.title.raw()),
                n("episodes", with_episode),
                n("whole", questions.len() - with_episode),
            ],
        ));
        if let Some(earlier) = replaced {
            reply.lines.push(t(
                l,
                "pack-replaced",
                &[n("count", earlier.max(0) as usize)],
            ));
        }
        for (prompt, earlier, later) in twice.iter().take(PROBLEMS_SHOWN) {
            reply.lines.push(t(
                l,
                "pack-listed-twice",
                &[
                    s("question", prompt),
                    n("earlier", *earlier),
                    n("later", *later),
                ],
            ));
        }
        reply
            .lines
            .push(t(l, "pack-how-to-play", &[s("pack", &name)]));
        Ok(reply)
    }

    /// `/trivia pack list`: the server's packs (names and counts only: no
    /// question is shown).
    pub(crate) async fn pack_list(&self, shared: &Shared, ctx: &Ctx) -> Outcome<Reply> {
        let l = ctx.locale;
        let Some(guild) = ctx.guild else {
            return refuse(private(t(l, "pack-needs-server", &[])));
        };
        let index = shared.sync().await?;
        let all = packs::list(&shared.db, guild).await?;
        let mut reply = private(t(l, "pack-list-title", &[n("count", all.len())]));
        for pack in &all {
            let show = index
                .shows
                .iter()
                .find(|sh| sh.id == pack.show_id)
                .map_or_else(|| "?".to_string(), |sh| sh.title.raw().to_string());
            reply.lines.push(t(
                l,
                "pack-list-line",
                &[
                    s("pack", &pack.name),
                    n("count", pack.questions.max(0) as usize),
                    s("show", show),
                    m("player", player(pack.by_user as u64)),
                ],
            ));
        }
        if all.is_empty() {
            reply.lines.push(t(l, "pack-list-empty", &[]));
        }
        Ok(reply)
    }

    /// `/trivia pack remove`: a pack and its questions gone from the
    /// server (a game already drawn keeps the questions it drew).
    pub(crate) async fn pack_remove(
        &self,
        shared: &Shared,
        ctx: &Ctx,
        name: &str,
    ) -> Outcome<Reply> {
        let l = ctx.locale;
        let guild = managed(ctx)?;
        let name = name.trim().to_lowercase();
        if packs::remove(&shared.db, guild, &name).await? {
            Ok(private(t(l, "pack-removed", &[s("pack", &name)])))
        } else {
            refuse(private(t(l, "pack-unknown", &[s("pack", &name)])))
        }
    }
}

/// The episode a Red list's questions belong to when they do not name
/// their own: the `episode` option, or the last of `season`.
fn default_episode(l: Locale, show: &Show, opts: &PackOptions) -> Outcome<Option<EpisodeKey>> {
    if let Some(written) = opts.episode.as_deref().filter(|e| !e.trim().is_empty()) {
        let key = EpisodeKey::parse(written.trim()).filter(|key| show.episode(*key).is_some());
        return match key {
            Some(key) => Ok(Some(key)),
            None => refuse(private(t(
                l,
                "daily-own-unknown-episode",
                &[s("episode", written.trim()), s("show", show.title.raw())],
            ))),
        };
    }
    match opts.season {
        None => Ok(None),
        Some(season) => match show
            .episodes
            .iter()
            .rev()
            .find(|e| u64::from(e.key.season) == season)
        {
            Some(e) => Ok(Some(e.key)),
            None => refuse(private(t(
                l,
                "pack-no-season",
                &[s("show", show.title.raw()), n("season", season as usize)],
            ))),
        },
    }
}

/// Where a question's own episode is not one of the show's: the problem,
/// with the question's line.
fn unknown_episode(file: &str, line: usize, key: EpisodeKey, show: &Show) -> String {
    format!(
        "{file}:{line}: {key} is not an episode of {} in the catalog",
        show.title.raw()
    )
}

type Read = (Vec<PackQuestion>, Vec<(String, usize, usize)>);

/// A Red trivia list's questions, each with its episode.
fn read_red(
    l: Locale,
    show: &Show,
    file: &str,
    text: &str,
    opts: &PackOptions,
    default_episode: Option<EpisodeKey>,
) -> Outcome<Read> {
    let list = match crate::quiz::red::parse(Path::new(file), text) {
        Ok(list) => list,
        Err(errors) => {
            let problems = errors.0.iter().map(ToString::to_string).collect();
            return refuse(refused_file(l, file, problems));
        }
    };
    let problems: Vec<String> = list
        .questions
        .iter()
        .filter_map(|q| q.episode.map(|e| (q.line, e)))
        .filter(|(_, e)| show.episode(*e).is_none())
        .map(|(line, e)| unknown_episode(file, line, e, show))
        .collect();
    if !problems.is_empty() {
        return refuse(refused_file(l, file, problems));
    }
    let language = opts.language.unwrap_or(l);
    let questions = list
        .questions
        .iter()
        .map(|q| PackQuestion {
            pack: String::new(),
            line: q.line as i64,
            episode_order: q.episode.or(default_episode).map(EpisodeKey::order),
            language: language.code().to_string(),
            prompt: q.prompt.clone(),
            answer: q.answers[0].clone(),
            accepted: json(&q.answers[1..]),
            wrong: json::<String>(&[]),
        })
        .collect();
    Ok((questions, list.listed_twice))
}

/// A question file's questions (each names its episode).
fn read_toml(l: Locale, show: &Show, file: &str, text: &str) -> Outcome<Vec<PackQuestion>> {
    let parsed = match crate::seeds::seed::parse_question_file(Path::new(file), text) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let problems = errors.0.iter().map(ToString::to_string).collect();
            return refuse(refused_file(l, file, problems));
        }
    };
    let problems: Vec<String> = parsed
        .iter()
        .filter(|q| show.episode(q.episode).is_none())
        .map(|q| unknown_episode(file, q.line, q.episode, show))
        .collect();
    if !problems.is_empty() {
        return refuse(refused_file(l, file, problems));
    }
    if parsed.is_empty() {
        return refuse(refused_file(
            l,
            file,
            vec![format!("{file}: the file has no [[questions]]")],
        ));
    }
    Ok(parsed
        .into_iter()
        .map(|q| PackQuestion {
            pack: String::new(),
            line: q.line as i64,
            episode_order: Some(q.episode.order()),
            language: q.language.code().to_string(),
            prompt: q.prompt,
            answer: q.answer,
            accepted: json(&q.accepted),
            wrong: json(&q.wrong),
        })
        .collect())
}

fn json<T: serde::Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string())
}

/// The questions of `guild`'s packs about `show` (of pack `only`, when
/// given), as the bank holds questions: keyed apart from the bank's ("p",
/// which no bank key begins with), told at their episodes.
pub(super) async fn pack_questions(
    shared: &Shared,
    guild: u64,
    show: &Show,
    only: Option<&str>,
) -> anyhow::Result<Vec<Question>> {
    let only = only.map(|p| p.trim().to_lowercase());
    let stored = packs::questions(&shared.db, guild, show.id, only.as_deref()).await?;
    stored
        .into_iter()
        .map(|q| {
            let key = format!(
                "p{}",
                crate::model::question_key(&[
                    "pack",
                    &guild.to_string(),
                    &q.pack,
                    &q.prompt,
                    &q.answer
                ])
                .0
            );
            let stored = crate::store::quiz::StoredQuestion {
                key,
                origin: "pack".to_string(),
                path: format!("pack {}", q.pack),
                line: q.line,
                episode_order: q.episode_order,
                language: q.language,
                prompt: q.prompt,
                answer: q.answer,
                accepted: serde_json::from_str(&q.accepted)?,
                wrong: serde_json::from_str(&q.wrong)?,
            };
            Ok(crate::quiz::generate::from_stored(show, &stored))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packs_name_comes_from_its_file() {
        assert_eq!(pack_name("Bombshell.yaml").as_deref(), Some("bombshell"));
        assert_eq!(
            pack_name("season one quiz.TOML").as_deref(),
            Some("season-one-quiz")
        );
        assert_eq!(pack_name("../../x`||y.yaml").as_deref(), Some("xy"));
        assert_eq!(pack_name(".yaml").as_deref(), Some("yaml"));
        assert_eq!(pack_name("||.yaml"), None);
        assert_eq!(pack_name("# head.yaml").as_deref(), Some("head"));
    }
}
