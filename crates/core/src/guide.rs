//! Shows from an episode guide: TVmaze's public API (no key) gives a show,
//! its episodes with short HTML summaries, and its cast; they become a
//! seed folder (`show.toml` with a character per cast entry, one episode
//! file per episode) that imports like any other. Responses are cached on
//! disk, a 429 is waited out, and `--update` adds what appeared since
//! without touching a file a person has edited.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::seeds::toml_string;

/// Where TVmaze is, unless `TVMAZE_URL` says otherwise.
pub(crate) const DEFAULT_URL: &str = "https://api.tvmaze.com";

/// How long a cached response is used.
const CACHE_AGE: Duration = Duration::from_secs(24 * 3600);

/// Tries per request when the API answers 429 Too Many Requests.
const TRIES: u32 = 5;

/// The longest a 429's Retry-After is honoured.
const LONGEST_WAIT: Duration = Duration::from_secs(30);

/// The file in a show's folder that remembers what was written from the
/// guide, so `--update` can tell a person's edits.
pub(crate) const MANIFEST: &str = ".tvmaze.json";

/// The show to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    /// The best match for a name.
    Named(String),
    /// TVmaze's id.
    Id(u64),
}

/// A show as the guide gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideShow {
    /// TVmaze's id.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// Network or web channel.
    pub network: Option<String>,
    /// First and last year, as "2012–2013" (or "2012–" while running).
    pub years: Option<String>,
    /// Its page on TVmaze.
    pub url: String,
}

/// An episode as the guide gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GuideEpisode {
    /// Season.
    pub season: u32,
    /// Number in the season; `None` for a special.
    pub number: Option<u32>,
    /// Title.
    pub name: String,
    /// First air date, `YYYY-MM-DD`.
    pub airdate: Option<String>,
    /// The summary, as paragraphs of plain text.
    pub summary: Vec<String>,
}

/// A cast entry: a character and who plays them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CastEntry {
    /// The character.
    pub character: String,
    /// The actor.
    pub actor: String,
}

/// Reads TVmaze, with a disk cache.
pub struct Guide {
    base: String,
    client: reqwest::Client,
    cache: Option<PathBuf>,
    refresh: bool,
    /// How long an answer may take.
    wait: Duration,
}

/// How long the guide may take to answer a request.
const ANSWER_WITHIN: Duration = Duration::from_secs(30);

impl Guide {
    /// A reader of the guide at `base` (TVmaze's URL), caching in `cache`;
    /// with `refresh`, cached responses are not used (but are renewed).
    pub fn new(base: &str, cache: Option<PathBuf>, refresh: bool) -> Result<Guide, String> {
        Guide::waiting(base, cache, refresh, ANSWER_WITHIN)
    }

    /// [`Guide::new`], giving up on an answer after `wait`.
    pub(crate) fn waiting(
        base: &str,
        cache: Option<PathBuf>,
        refresh: bool,
        wait: Duration,
    ) -> Result<Guide, String> {
        let client = reqwest::Client::builder()
            .user_agent(concat!("cliffhanger/", env!("CARGO_PKG_VERSION")))
            .timeout(wait)
            .build()
            .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
        Ok(Guide {
            base: base.trim_end_matches('/').to_string(),
            client,
            cache,
            refresh,
            wait,
        })
    }

    /// The guide at `TVMAZE_URL` (or TVmaze itself), caching under
    /// `CLIFFHANGER_CACHE_DIR` (or the user's cache folder).
    pub fn from_env(refresh: bool) -> Result<Guide, String> {
        let base = std::env::var("TVMAZE_URL").unwrap_or_else(|_| DEFAULT_URL.to_string());
        let cache = std::env::var_os("CLIFFHANGER_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("cliffhanger"))
            })
            .or_else(|| {
                std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/cliffhanger"))
            })
            .map(|d| d.join("tvmaze"));
        Guide::new(&base, cache, refresh)
    }

    fn cache_file(&self, path: &str) -> Option<PathBuf> {
        let name: String = format!("{}{path}", self.base)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        self.cache.as_ref().map(|d| d.join(format!("{name}.json")))
    }

    /// What went wrong with a request, a timeout said as one.
    fn failed(&self, url: &str, doing: &str, e: &reqwest::Error) -> String {
        if e.is_timeout() {
            format!(
                "{url} did not answer within {} s: try again later",
                self.wait.as_secs_f64()
            )
        } else {
            format!("cannot {doing} {url}: {e}")
        }
    }

    /// GET `path`: `Ok(None)` for a 404.
    async fn get(&self, path: &str) -> Result<Option<Value>, String> {
        let cached = self.cache_file(path);
        if !self.refresh
            && let Some(file) = &cached
            && let Ok(meta) = std::fs::metadata(file)
            && meta
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age < CACHE_AGE)
            && let Ok(text) = std::fs::read_to_string(file)
            && let Ok(value) = serde_json::from_str(&text)
        {
            return Ok(Some(value));
        }
        let url = format!("{}{path}", self.base);
        let mut wait = Duration::from_millis(500);
        for attempt in 1..=TRIES {
            let response = self
                .client
                .get(&url)
                .send()
                .await
                .map_err(|e| self.failed(&url, "reach", &e))?;
            let status = response.status();
            if status == reqwest::StatusCode::TOO_MANY_REQUESTS && attempt < TRIES {
                let asked = response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                let pause = asked.unwrap_or(wait).min(LONGEST_WAIT);
                tracing::info!(url, seconds = pause.as_secs_f64(), "TVmaze asks to wait");
                tokio::time::sleep(pause).await;
                wait *= 2;
                continue;
            }
            if status == reqwest::StatusCode::NOT_FOUND {
                return Ok(None);
            }
            if !status.is_success() {
                return Err(format!("{url} answered {status}"));
            }
            let text = response
                .text()
                .await
                .map_err(|e| self.failed(&url, "read", &e))?;
            let value: Value = serde_json::from_str(&text)
                .map_err(|e| format!("{url} sent something that is not JSON: {e}"))?;
            if let Some(file) = &cached {
                // A cache that cannot be written only costs a request.
                let _ = std::fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))
                    .and_then(|()| std::fs::write(file, &text));
            }
            return Ok(Some(value));
        }
        Err(format!(
            "{url} kept answering 429 Too Many Requests; try again later"
        ))
    }

    /// The show: the best match for a name, or by id.
    pub async fn show(&self, which: &Which) -> Result<GuideShow, String> {
        let (path, missing) = match which {
            Which::Named(name) => (
                format!("/singlesearch/shows?q={}", encode(name)),
                format!("TVmaze knows no show called \"{name}\""),
            ),
            Which::Id(id) => (format!("/shows/{id}"), format!("TVmaze has no show {id}")),
        };
        let value = self.get(&path).await?.ok_or(missing)?;
        parse_show(&value)
            .ok_or_else(|| format!("TVmaze's answer for {path} has no show id or name"))
    }

    /// The show's episodes, specials included, in the guide's order.
    pub(crate) async fn episodes(&self, id: u64) -> Result<Vec<GuideEpisode>, String> {
        let value = self
            .get(&format!("/shows/{id}/episodes?specials=1"))
            .await?
            .ok_or_else(|| format!("TVmaze has no episodes for show {id}"))?;
        let list = value
            .as_array()
            .ok_or_else(|| "TVmaze's episode list is not a list".to_string())?;
        Ok(list.iter().filter_map(parse_episode).collect())
    }

    /// The show's cast.
    pub(crate) async fn cast(&self, id: u64) -> Result<Vec<CastEntry>, String> {
        let Some(value) = self.get(&format!("/shows/{id}/cast")).await? else {
            return Ok(Vec::new());
        };
        Ok(value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| {
                Some(CastEntry {
                    character: plain(c["character"]["name"].as_str()?),
                    actor: plain(c["person"]["name"].as_str()?),
                })
            })
            .filter(|c| !c.character.is_empty())
            .collect())
    }
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

fn parse_show(v: &Value) -> Option<GuideShow> {
    let id = v["id"].as_u64()?;
    let name = plain(v["name"].as_str()?);
    let network = v["network"]["name"]
        .as_str()
        .or_else(|| v["webChannel"]["name"].as_str())
        .map(plain);
    let year = |key: &str| v[key].as_str().and_then(|d| d.get(..4)).map(str::to_string);
    let years = year("premiered").map(|first| match year("ended") {
        Some(last) if last == first => first,
        Some(last) => format!("{first}–{last}"),
        None => format!("{first}–"),
    });
    Some(GuideShow {
        id,
        name,
        network,
        years,
        url: v["url"].as_str().map_or_else(
            || format!("https://www.tvmaze.com/shows/{id}"),
            str::to_string,
        ),
    })
}

fn parse_episode(v: &Value) -> Option<GuideEpisode> {
    Some(GuideEpisode {
        season: u32::try_from(v["season"].as_u64()?).ok()?,
        number: v["number"].as_u64().and_then(|n| u32::try_from(n).ok()),
        name: plain(v["name"].as_str().unwrap_or_default()),
        airdate: v["airdate"]
            .as_str()
            .filter(|d| d.len() == 10 && d.chars().all(|c| c.is_ascii_digit() || c == '-'))
            .map(str::to_string),
        summary: v["summary"].as_str().map(paragraphs).unwrap_or_default(),
    })
}

/// A name or title as plain text: whatever HTML the guide put in it
/// dropped, entities decoded, on one line.
fn plain(html: &str) -> String {
    paragraphs(html).join(" ")
}

/// HTML as plain paragraphs: a paragraph per `<p>` (or `<br>`), tags
/// dropped with what a `<script>` or `<style>` holds, entities decoded,
/// white space collapsed.
pub(crate) fn paragraphs(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_lowercase();
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        if matches!(name, "p" | "br" | "div" | "li") {
            text.push('\n');
        }
        rest = &rest[open + close + 1..];
        if !closing && matches!(name, "script" | "style") {
            // Code, not text: skipped to its end tag (or the end).
            let end = format!("</{name}");
            rest = match rest.to_ascii_lowercase().find(&end) {
                Some(at) => rest[at..].find('>').map_or("", |gt| &rest[at + gt + 1..]),
                None => "",
            };
        }
    }
    text.push_str(rest);
    decode_entities(&text)
        .split('\n')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|i| *i <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let entity = &after[..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            "rsquo" => Some('’'),
            "lsquo" => Some('‘'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What `show new` wrote, and what it did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The show.
    pub show: String,
    /// Files written (new or renewed), relative to the show's folder.
    pub written: Vec<String>,
    /// Files a person edited since they were written: left alone.
    pub kept: Vec<String>,
    /// Specials (no number), which have no place in the watch order.
    pub specials: Vec<String>,
    /// Episodes with no summary, written without a recap text.
    pub empty: usize,
}

/// What was written from the guide, by file, with each file's hash.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Manifest {
    show_id: u64,
    files: BTreeMap<String, String>,
}

fn hash(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The roster: a character per cast entry, played by its actor, with its
/// first name as an alias where no one else in the cast shares it.
pub(crate) fn roster(show: &GuideShow, cast: &[CastEntry]) -> String {
    let mut out = format!(
        "# {} ({}), from TVmaze's episode guide: {}\n\
         # TVmaze's data is licensed CC BY-SA 4.0 and is to be credited with a\n\
         # link; `credits` does that in /about.\n\n",
        comment(&show.name),
        comment(
            &[show.network.clone(), show.years.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        ),
        comment(&show.url)
    );
    out.push_str(&format!("title = {}\n", toml_string(&show.name)));
    if let Some(network) = &show.network {
        out.push_str(&format!("network = {}\n", toml_string(network)));
    }
    if let Some(years) = &show.years {
        out.push_str(&format!("years = {}\n", toml_string(years)));
    }
    out.push_str(&format!(
        "credits = {}\n",
        toml_string(&format!(
            "Episode guide: TVmaze ({}), CC BY-SA 4.0",
            show.url
        ))
    ));
    let network: Vec<&String> = show.network.iter().collect();
    out.push_str(&format!(
        "other_names = [{}]\n",
        network
            .iter()
            .map(|n| toml_string(n))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let first = |name: &str| name.split_whitespace().next().unwrap_or("").to_string();
    let mut firsts: HashMap<String, usize> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    let entries: Vec<&CastEntry> = cast
        .iter()
        .filter(|c| seen.insert(crate::text::slugify(&c.character)))
        .collect();
    for c in &entries {
        *firsts.entry(first(&c.character)).or_default() += 1;
    }
    for c in entries {
        out.push_str(&format!(
            "\n[[characters]]\nname = {}\n",
            toml_string(&c.character)
        ));
        let f = first(&c.character);
        if c.character.split_whitespace().count() > 1
            && firsts.get(&f) == Some(&1)
            && first_name_like(&f)
        {
            out.push_str(&format!("aliases = [{}]\n", toml_string(&f)));
        }
        out.push_str("kind = \"person\"\n");
        out.push_str(&format!("played_by = {}\n", toml_string(&c.actor)));
    }
    out
}

/// Words that open a character's name without being their first name.
const NOT_FIRST_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Sir",
    "Lady",
    "Lord",
    "Young",
    "Old",
    "Little",
    "Big",
    "Detective",
    "Officer",
    "Agent",
    "Captain",
    "Doctor",
    "Professor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Father",
    "Mother",
    "Uncle",
    "Aunt",
    "Judge",
    "Nurse",
];

/// Whether `word` can stand for a character alone: a capitalised name,
/// not a title or an article ("The", "Dr.").
fn first_name_like(word: &str) -> bool {
    word.chars().count() >= 2
        && word.starts_with(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !NOT_FIRST_NAMES.contains(&word)
}

/// One line of a TOML comment: control characters and line breaks as
/// spaces.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// An episode's seed file: its front matter, and its summary as the
/// recap (nothing when the guide has none).
pub(crate) fn episode_file(e: &GuideEpisode, number: u32) -> String {
    let mut out = format!(
        "+++\nseason = {}\nepisode = {number}\ntitle = {}\nlanguage = \"en\"\n",
        e.season,
        toml_string(if e.name.is_empty() {
            "Untitled"
        } else {
            &e.name
        })
    );
    if let Some(aired) = &e.airdate {
        out.push_str(&format!("aired = {aired}\n"));
    }
    out.push_str(&format!(
        "source = {}\n",
        toml_string(crate::seeds::GUIDE_SOURCE)
    ));
    if e.summary.is_empty() {
        // Known from the guide; its recap is still to come.
        out.push_str("no_recap_yet = true\n");
    }
    out.push_str("+++\n");
    for p in &e.summary {
        out.push('\n');
        out.push_str(p);
        out.push('\n');
    }
    out
}

/// The shows of `seeds` made from the episode guide (their folders keep
/// the guide's manifest), by folder name.
pub fn guide_shows(seeds: &Path) -> Vec<String> {
    let mut slugs: Vec<String> = std::fs::read_dir(seeds)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().join(MANIFEST).is_file())
        .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
        .collect();
    slugs.sort();
    slugs
}

/// Writes every show of `seeds` made from the guide again, as `show new
/// --update` does (new episodes and changed air dates; files a person
/// edited are left alone): what each one wrote, or why it could not.
pub async fn refresh_all(guide: &Guide, seeds: &Path) -> Vec<(String, Result<Written, String>)> {
    let mut done = Vec::new();
    for slug in guide_shows(seeds) {
        let written = write_show(guide, seeds, &slug, &Which::Id(0), true).await;
        done.push((slug, written));
    }
    done
}

/// Writes the seed folder `seeds/<slug>` from the guide. A new show must
/// not have a folder yet; with `update`, files written before and not
/// edited since are renewed, new episodes added, and edited files kept.
/// The result is checked to load; on failure, what was there is put back.
pub async fn write_show(
    guide: &Guide,
    seeds: &Path,
    slug: &str,
    which: &Which,
    update: bool,
) -> Result<Written, String> {
    check_slug(slug)?;
    let dir = seeds.join(slug);
    let manifest_path = dir.join(MANIFEST);
    let old: Option<Manifest> = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    may_write(&dir, update, old.is_some())?;
    let which = match (&old, which) {
        (Some(m), _) if update => Which::Id(m.show_id),
        (_, w) => w.clone(),
    };
    let show = guide.show(&which).await?;
    let episodes = guide.episodes(show.id).await?;
    let cast = guide.cast(show.id).await?;

    let (files, mut written) = seed_files(&show, &cast, &episodes);
    // What is there now, to put back if the result would not load.
    let mut before: Vec<(PathBuf, Option<String>)> = Vec::new();
    let mut manifest = Manifest {
        show_id: show.id,
        files: BTreeMap::new(),
    };
    check_before_writing(seeds, &dir, slug, &files)?;
    let made_dir = !dir.exists();
    let outcome = write_files(
        &dir,
        &files,
        old.as_ref(),
        &mut manifest,
        &mut written,
        &mut before,
    )
    .and_then(|()| {
        crate::seeds::seed::load_seeds(seeds).map_err(|e| {
            format!(
                "what the guide gives would not load, so nothing was kept:\n  {}",
                e.listed()
            )
        })
    });
    if let Err(problem) = outcome {
        return Err(put_back(&before, made_dir, &dir, problem));
    }
    let manifest_text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    crate::seeds::write_whole(&manifest_path, &manifest_text)?;
    Ok(written)
}

/// A show's slug names its folder: nothing else, no path, is taken.
fn check_slug(slug: &str) -> Result<(), String> {
    if crate::text::is_slug(slug) {
        return Ok(());
    }
    Err(format!(
        "\"{slug}\" is not a show slug: use lower-case letters, digits and dashes, e.g. \"{}\"",
        crate::text::slugify(slug)
    ))
}

/// Whether a show's folder `dir` may be written: a new folder for a new
/// show, and with `update` one the guide made before.
fn may_write(dir: &Path, update: bool, made_by_guide: bool) -> Result<(), String> {
    match (dir.exists(), update, made_by_guide) {
        (true, false, _) => Err(format!(
            "{} exists already: add --update to add what the guide has new",
            dir.display()
        )),
        (false, true, _) => Err(format!(
            "{} does not exist: leave out --update to make it",
            dir.display()
        )),
        (true, true, false) => Err(format!(
            "{} was not made from the episode guide (it has no {MANIFEST}): nothing to update",
            dir.display()
        )),
        _ => Ok(()),
    }
}

/// The files of a show from the guide (`show.toml`, one recap per
/// numbered episode) and what is said of them: episodes with no summary,
/// specials left out.
fn seed_files(
    show: &GuideShow,
    cast: &[CastEntry],
    episodes: &[GuideEpisode],
) -> (Vec<(String, String)>, Written) {
    let mut files: Vec<(String, String)> = vec![("show.toml".to_string(), roster(show, cast))];
    let mut written = Written {
        show: show.name.clone(),
        ..Written::default()
    };
    let mut numbered: HashSet<(u32, u32)> = HashSet::new();
    for e in episodes {
        match e.number {
            Some(n) if e.season > 0 && n > 0 && numbered.insert((e.season, n)) => {
                if e.summary.is_empty() {
                    written.empty += 1;
                }
                files.push((
                    format!("episodes/s{:02}e{n:02}.en.md", e.season),
                    episode_file(e, n),
                ));
            }
            _ => written.specials.push(format!(
                "S{:02} special \"{}\"{}",
                e.season,
                e.name,
                e.airdate
                    .as_ref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            )),
        }
    }
    (files, written)
}

/// The seeds load as they are, and every file the guide gives is checked
/// on its own, before anything is written.
fn check_before_writing(
    seeds: &Path,
    dir: &Path,
    slug: &str,
    files: &[(String, String)],
) -> Result<(), String> {
    // The seeds must load before anything is written: a failure after the
    // writes is then theirs, and is taken back.
    if dir.exists()
        && let Err(e) = crate::seeds::seed::load_seeds(seeds)
    {
        return Err(format!(
            "the seeds do not load as they are; fix them first:\n  {}",
            e.listed()
        ));
    }
    // Every file alone is checked before any is written, so that a
    // watcher of the seeds never sees a broken one.
    for (name, text) in files {
        let path = dir.join(name);
        let checked = if name == "show.toml" {
            crate::seeds::seed::check_show_text(&path, text, slug)
        } else {
            crate::seeds::seed::check_recap_text(&path, text).map(|_| ())
        };
        if let Err(e) = checked {
            return Err(format!(
                "what the guide gives would not load, so nothing was written:\n  {}",
                e.listed()
            ));
        }
    }
    Ok(())
}

/// Puts back what was there before a write that failed with `problem`,
/// every file that can be, and says what could not be.
fn put_back(
    before: &[(PathBuf, Option<String>)],
    made_dir: bool,
    dir: &Path,
    problem: String,
) -> String {
    let mut unrestored = Vec::new();
    for (path, text) in before.iter().rev() {
        let restored = match text {
            Some(t) => crate::seeds::write_whole(path, t),
            None => std::fs::remove_file(path).map_err(|e| e.to_string()),
        };
        if let Err(e) = restored {
            unrestored.push(e);
        }
    }
    if made_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    if unrestored.is_empty() {
        return problem;
    }
    format!(
        "{problem}\nand some files could not be put back:\n  {}",
        unrestored.join("\n  ")
    )
}

/// A file as it is now: `Ok(None)` when there is none, `Err` when it
/// cannot be read as text (then it is a person's, and left alone).
fn read_existing(path: &Path) -> Result<Option<String>, ()> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(_) => Err(()),
    }
}

/// Writes the guide's files into `dir`, but not over a file a person
/// edited (or deleted) since the guide wrote it; what each written file
/// held before goes into `before`.
fn write_files(
    dir: &Path,
    files: &[(String, String)],
    old: Option<&Manifest>,
    manifest: &mut Manifest,
    written: &mut Written,
    before: &mut Vec<(PathBuf, Option<String>)>,
) -> Result<(), String> {
    std::fs::create_dir_all(dir.join("episodes"))
        .map_err(|e| format!("cannot create {}: {e}", dir.join("episodes").display()))?;
    for (name, text) in files {
        let path = dir.join(name);
        let recorded = old.and_then(|m| m.files.get(name));
        let existing = read_existing(&path);
        let untouched = match (&existing, recorded) {
            // New to the guide, or never written.
            (Ok(None), None) => true,
            // Written, then deleted by a person: they meant it.
            (Ok(None), Some(_)) => false,
            (Ok(Some(now)), Some(h)) => *h == hash(now),
            (Ok(Some(_)), None) | (Err(()), _) => false,
        };
        if !untouched {
            written.kept.push(name.clone());
            if let Some(h) = recorded {
                manifest.files.insert(name.clone(), h.clone());
            }
            continue;
        }
        manifest.files.insert(name.clone(), hash(text));
        let current = existing.ok().flatten();
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        before.push((path.clone(), current));
        crate::seeds::write_whole(&path, text)?;
        written.written.push(name.clone());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_guide_that_does_not_answer_is_said_to_have_timed_out() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        // Takes the connection and says nothing.
        let held = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.unwrap();
            tokio::time::sleep(Duration::from_secs(5)).await;
            drop(socket);
        });
        let guide = Guide::waiting(&url, None, true, Duration::from_millis(300)).unwrap();
        let err = guide.get("/shows/1").await.unwrap_err();
        assert!(err.contains("did not answer within 0.3 s"), "{err}");
        held.abort();
    }

    #[test]
    fn summaries_become_plain_paragraphs() {
        assert_eq!(
            paragraphs(
                "<p>Karen &amp; Ivy <b>audition</b>.</p><p>Tom&#39;s song&nbsp;wins.<br>Derek&#x2019;s not.</p>"
            ),
            vec!["Karen & Ivy audition.", "Tom's song wins.", "Derek’s not."]
        );
        assert!(paragraphs("").is_empty());
        // Code is no text, and a name keeps no tags.
        assert_eq!(
            paragraphs(
                "<p>Karen sings.<script>alert('x')</script> Ivy <STYLE>p { }</style>cries.</p>"
            ),
            vec!["Karen sings. Ivy cries."]
        );
        assert_eq!(plain("<b>Smash</b> &amp; <i>Co</i>"), "Smash & Co");
        assert_eq!(
            paragraphs("No tags & no entity;"),
            vec!["No tags & no entity;"]
        );
    }

    #[test]
    fn the_roster_has_a_character_per_cast_entry_with_unshared_first_names() {
        let show = GuideShow {
            id: 7,
            name: "Smash".into(),
            network: Some("NBC".into()),
            years: Some("2012–2013".into()),
            url: "https://www.tvmaze.com/shows/7/smash".into(),
        };
        let cast = [
            CastEntry {
                character: "Karen Cartwright".into(),
                actor: "Katharine McPhee".into(),
            },
            CastEntry {
                character: "Julia Houston".into(),
                actor: "Debra Messing".into(),
            },
            CastEntry {
                character: "Julia Roberts".into(),
                actor: "Someone".into(),
            },
            CastEntry {
                character: "Karen Cartwright".into(),
                actor: "A Double".into(),
            },
            CastEntry {
                character: "Dennis".into(),
                actor: "Phillip Spaeth".into(),
            },
        ];
        let text = roster(&show, &cast);
        let parsed: toml::Value = toml::from_str(&text).unwrap();
        let characters = parsed["characters"].as_array().unwrap();
        assert_eq!(characters.len(), 4, "{text}");
        assert_eq!(characters[0]["aliases"][0].as_str(), Some("Karen"));
        assert!(
            characters[1].get("aliases").is_none(),
            "Julia is shared: {text}"
        );
        assert!(characters[3].get("aliases").is_none(), "one word: {text}");
        assert_eq!(
            characters[0]["played_by"].as_str(),
            Some("Katharine McPhee")
        );
        assert!(
            parsed["credits"]
                .as_str()
                .unwrap()
                .contains("https://www.tvmaze.com/shows/7/smash")
        );
    }
}
