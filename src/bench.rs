//! Benchmarks on synthetic data, run with `cliffhanger bench ...`; they
//! print figures and assert nothing.

use std::fmt;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use crate::import::{ImportError, import_dir};
use crate::store::Db;

const FIRST: &[&str] = &[
    "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Henry", "Ida", "Jonas", "Kira",
    "Lukas", "Mona", "Nico", "Olga", "Paul", "Rosa", "Simon", "Tara", "Viktor",
];
const THINGS_EN: &[&str] = &[
    "dress",
    "script",
    "fog machine",
    "plane",
    "song",
    "review",
    "contract",
    "costume",
];
const THINGS_DE: &[&str] = &[
    "Kleid",
    "Drehbuch",
    "Nebelmaschine",
    "Flugzeug",
    "Lied",
    "Kritik",
    "Vertrag",
    "Kostüm",
];
const ADJ_EN: &[&str] = &[
    "broken",
    "brilliant",
    "late",
    "too long",
    "a disaster",
    "perfect",
];

/// Syllables of the synthetic family names and of the recaps' other words.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mer", "tin", "sa", "vo", "ren", "dal", "bri", "nu", "wes", "fan", "gor", "pi",
    "lu", "ster",
];

/// A word made of syllables, from a number.
fn word_of(mut n: usize) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            return w;
        }
    }
}

/// Someone of the synthetic cast: a few leads in nearly every episode,
/// recurring characters for long arcs, and a long tail of guests who come
/// for an episode or four.
#[derive(Debug, Clone)]
pub struct CastMember {
    /// Full name.
    pub name: String,
    /// First name and initial ("Anna K.").
    pub alias: String,
    /// The episodes they are in.
    pub arc: std::ops::Range<usize>,
    /// How often they are named, against the others in the episode.
    pub weight: f64,
}

/// The cast of a synthetic show of `episodes` episodes.
pub fn synthetic_cast(episodes: usize, seed: u64) -> Vec<CastMember> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    let mut cast = Vec::new();
    let mut family = 0usize;
    let mut person = |arc: std::ops::Range<usize>, weight: f64, cast: &mut Vec<CastMember>| {
        let first = FIRST[family % FIRST.len()];
        let last = word_of(family / FIRST.len() + 7);
        let mut chars = last.chars();
        let last: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect();
        family += 1;
        cast.push(CastMember {
            name: format!("{first} {last}"),
            alias: format!("{first} {}.", &last[..1]),
            arc,
            weight,
        });
    };
    for _ in 0..6 {
        person(0..episodes, 12.0, &mut cast);
    }
    for _ in 0..24 {
        let length = rng.random_range(episodes / 5..=episodes / 2).max(1);
        let start = rng.random_range(0..=episodes.saturating_sub(length));
        person(start..start + length, 3.0, &mut cast);
    }
    for _ in 0..(episodes / 4).max(8) {
        let length = rng.random_range(1..=4).min(episodes.max(1));
        let start = rng.random_range(0..=episodes.saturating_sub(length));
        person(start..start + length, 2.0, &mut cast);
    }
    cast
}

/// The synthetic recaps' other words: 3,000 of them, the first far more
/// often than the last.
fn vocabulary_word(rng: &mut StdRng) -> String {
    let u: f64 = rng.random();
    word_of((u.powi(3) * 3000.0) as usize + 40)
}

/// Writes a synthetic show with `episodes` episodes (an English recap each,
/// a German one for every fifth) of `sentences` sentences into `dir`, with
/// the cast of [`synthetic_cast`].
pub fn write_synthetic_seeds(
    dir: &Path,
    episodes: usize,
    sentences: usize,
    seed: u64,
) -> Result<()> {
    let show = dir.join("benchmark");
    fs::create_dir_all(show.join("episodes"))?;
    let cast = synthetic_cast(episodes, seed);
    let mut manifest = String::from("title = \"Benchmark\"\nnetwork = \"Synthetic\"\n");
    for c in &cast {
        manifest.push_str(&format!(
            "\n[[characters]]\nname = \"{}\"\naliases = [\"{}\"]\nkind = \"person\"\n",
            c.name, c.alias
        ));
    }
    fs::write(show.join("show.toml"), manifest)?;

    let mut rng = StdRng::seed_from_u64(seed);
    for n in 0..episodes {
        let (season, episode) = (n / 22 + 1, n % 22 + 1);
        let here: Vec<&CastMember> = cast.iter().filter(|c| c.arc.contains(&n)).collect();
        let someone = |rng: &mut StdRng| {
            let c = here
                .choose_weighted(rng, |c| c.weight)
                .map_or(&cast[0], |c| *c);
            if rng.random_range(0..4) == 0 {
                c.alias.as_str()
            } else {
                c.name.as_str()
            }
        };
        let mut languages = vec!["en"];
        if n % 5 == 0 {
            languages.push("de");
        }
        for language in languages {
            let mut text = format!(
                "+++\nseason = {season}\nepisode = {episode}\ntitle = \"Episode {n}\"\nlanguage = \"{language}\"\n+++\n\n# Recap {n}\n"
            );
            for s in 0..sentences {
                if s % 15 == 0 {
                    text.push_str(&format!("\n## Part {}\n\n", s / 15 + 1));
                } else if s % 5 == 0 {
                    text.push_str("\n\n");
                } else {
                    text.push(' ');
                }
                let a = someone(&mut rng);
                let b = someone(&mut rng);
                let (w1, w2) = (vocabulary_word(&mut rng), vocabulary_word(&mut rng));
                let millions = rng.random_range(100..900) as f64 / 100.0;
                let sentence = if language == "en" {
                    let thing = THINGS_EN.choose(&mut rng).copied().unwrap_or("song");
                    match rng.random_range(0..4) {
                        0 => format!(
                            "{a} tells {b} that the {w1} {thing} is {}.",
                            ADJ_EN.choose(&mut rng).copied().unwrap_or("late")
                        ),
                        1 => format!(
                            "{a}'s {thing} falls apart at the {w1} preview, and {b} laughs."
                        ),
                        2 => format!(
                            "Only {millions:.2} million viewers saw {a} argue with {b} about the {w1} {w2}."
                        ),
                        _ => format!(
                            "Meanwhile, {a} asks {b} (i.e. the director) to rewrite the {thing} for the {w2}."
                        ),
                    }
                } else {
                    let thing = THINGS_DE.choose(&mut rng).copied().unwrap_or("Lied");
                    let number = format!("{millions:.2}").replace('.', ",");
                    match rng.random_range(0..3) {
                        0 => format!("{a} und {b} streiten sich über das {w1} {thing}."),
                        1 => format!("Dann rutscht {a}s {thing} in der Szene mit {b} herunter."),
                        _ => format!(
                            "Nur noch {number} Millionen Zuschauer sahen, wie {a} mit {b} über {w2} sprach."
                        ),
                    }
                };
                text.push_str(&sentence);
            }
            text.push('\n');
            fs::write(
                show.join("episodes")
                    .join(format!("s{season:02}e{episode:02}.{language}.md")),
                text,
            )?;
        }
    }
    Ok(())
}

/// What the import benchmark measured.
#[derive(Debug, Clone)]
pub struct ImportFigures {
    /// Episodes generated.
    pub episodes: i64,
    /// Recap files.
    pub recaps: i64,
    /// Facts imported.
    pub facts: i64,
    /// Mentions imported.
    pub mentions: i64,
    /// First import into an empty database.
    pub first: Duration,
    /// Re-import with nothing changed.
    pub unchanged: Duration,
    /// Rows the unchanged re-import wrote.
    pub unchanged_rows: i64,
    /// Re-import with one recap changed.
    pub one_changed: Duration,
    /// Rows that re-import wrote.
    pub one_changed_rows: i64,
    /// Peak resident memory of the process, in KiB (Linux only).
    pub peak_rss_kib: Option<u64>,
    /// `check`, then `import` into a fresh database, of one recap whose
    /// one line of [`LONG_LINE`] characters names a character thousands
    /// of times.
    pub long_line_check: Duration,
    /// See [`ImportFigures::long_line_check`].
    pub long_line_import: Duration,
}

/// Characters on the one line of the long-line figure.
pub(crate) const LONG_LINE: usize = 1_000_000;

impl fmt::Display for ImportFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.first.as_secs_f64();
        writeln!(
            f,
            "synthetic seeds: {} episodes, {} recaps, {} facts, {} mentions",
            self.episodes, self.recaps, self.facts, self.mentions
        )?;
        writeln!(
            f,
            "first import:      {:>9.1} ms  ({:.0} facts/s)",
            secs * 1000.0,
            self.facts as f64 / secs
        )?;
        writeln!(
            f,
            "unchanged import:  {:>9.1} ms  ({} rows written)",
            self.unchanged.as_secs_f64() * 1000.0,
            self.unchanged_rows
        )?;
        writeln!(
            f,
            "one recap changed: {:>9.1} ms  ({} rows written)",
            self.one_changed.as_secs_f64() * 1000.0,
            self.one_changed_rows
        )?;
        writeln!(
            f,
            "one {} MB line naming one character {} times: check {:.1} ms, import {:.1} ms (check/import {:.2})",
            LONG_LINE / 1_000_000,
            LONG_LINE / LONG_LINE_PHRASE.len() * 2,
            self.long_line_check.as_secs_f64() * 1000.0,
            self.long_line_import.as_secs_f64() * 1000.0,
            self.long_line_check.as_secs_f64() / self.long_line_import.as_secs_f64().max(1e-9)
        )?;
        if let Some(kib) = self.peak_rss_kib {
            writeln!(f, "peak memory:       {:>9.1} MiB", kib as f64 / 1024.0)?;
        }
        Ok(())
    }
}

/// What the long line repeats: a roster name twice, and a name that is
/// on no roster, so `check` has names to look for all along it.
const LONG_LINE_PHRASE: &str = "Anna Adler meets Zoltan today and Anna Adler laughs ";

/// `check`, then `import` into a fresh database, of a show whose one recap
/// is one line of [`LONG_LINE`] characters.
async fn time_long_line(dir: &Path) -> Result<(Duration, Duration)> {
    let show = dir.join("longline");
    fs::create_dir_all(show.join("episodes"))?;
    fs::write(
        show.join("show.toml"),
        "title = \"Long line\"\n\n[[characters]]\nname = \"Anna Adler\"\nkind = \"person\"\n",
    )?;
    let line = LONG_LINE_PHRASE.repeat(LONG_LINE / LONG_LINE_PHRASE.len());
    fs::write(
        show.join("episodes/s01e01.en.md"),
        format!(
            "+++\nseason = 1\nepisode = 1\ntitle = \"One\"\nlanguage = \"en\"\n+++\n\n{line}\n"
        ),
    )?;
    let start = Instant::now();
    let report = crate::seeds::check::check(dir);
    let check = start.elapsed();
    if !report.valid {
        bail!("the long-line seeds do not check: {:?}", report.errors);
    }
    let url = format!("sqlite://{}", dir.join("long.db").display());
    let db = Db::connect(&url).await?;
    let (import, _) = timed_import(&db, dir).await?;
    db.close().await;
    Ok((check, import))
}

fn peak_rss_kib() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn timed_import(db: &Db, dir: &Path) -> Result<(Duration, crate::import::ImportReport)> {
    let start = Instant::now();
    let report = match import_dir(db, dir).await {
        Ok(r) => r,
        Err(ImportError::Seeds(e)) => bail!("the synthetic seeds are invalid: {e}"),
        Err(ImportError::Database(e)) => return Err(e),
    };
    Ok((start.elapsed(), report))
}

/// Runs the import benchmark in a temporary folder.
pub async fn import(episodes: usize, sentences: usize) -> Result<ImportFigures> {
    let tmp = tempfile::tempdir().context("cannot create a temporary folder")?;
    let seeds = tmp.path().join("seeds");
    write_synthetic_seeds(&seeds, episodes, sentences, 42)?;
    let url = format!("sqlite://{}", tmp.path().join("bench.db").display());
    let db = Db::connect(&url).await?;

    let (first, report) = timed_import(&db, &seeds).await?;
    let (unchanged, again) = timed_import(&db, &seeds).await?;
    let one = seeds.join("benchmark/episodes/s01e01.en.md");
    let mut text = fs::read_to_string(&one)?;
    text.push_str("\nAnna Adler takes a bow.\n");
    fs::write(&one, text)?;
    let (one_changed, changed) = timed_import(&db, &seeds).await?;
    db.close().await;
    let (long_line_check, long_line_import) = time_long_line(&tmp.path().join("long")).await?;
    Ok(ImportFigures {
        episodes: report.totals.episodes,
        recaps: report.totals.recaps,
        facts: report.totals.facts,
        mentions: report.totals.mentions,
        first,
        unchanged,
        unchanged_rows: again.rows_written,
        one_changed,
        one_changed_rows: changed.rows_written,
        peak_rss_kib: peak_rss_kib(),
        long_line_check,
        long_line_import,
    })
}

/// Latency percentiles of one use-case.
#[derive(Debug, Clone)]
pub struct Latency {
    /// Use-case name.
    pub name: &'static str,
    /// Calls measured.
    pub calls: usize,
    /// Median.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest call.
    pub max: Duration,
}

/// What the lookup benchmark measured.
#[derive(Debug, Clone)]
pub struct LookupFigures {
    /// Facts in the catalog.
    pub facts: i64,
    /// Episodes in the catalog.
    pub episodes: i64,
    /// Latencies, one entry per use-case.
    pub latencies: Vec<Latency>,
    /// From opening the imported database to serving.
    pub ready: Duration,
    /// From opening the imported database to the first lookup's reply.
    pub first_reply: Duration,
    /// From opening the imported database to the question bank built.
    pub bank_ready: Duration,
    /// A restart, the bank kept by the first start: to serving, and to
    /// the question bank.
    pub restart: (Duration, Duration),
    /// A search of 6,000 characters of one word.
    pub long_query: Duration,
    /// `check` of a roster with a 100 KB alias.
    pub long_alias: Duration,
    /// The facts' memory as the index counts it, structure by structure.
    pub index_parts: Vec<(&'static str, usize)>,
    /// Resident memory once serving, and after the calls.
    pub rss_idle: Option<u64>,
    /// See `rss_idle`.
    pub rss_after: Option<u64>,
    /// Resident memory with the question bank built.
    pub rss_bank: Option<u64>,
    /// The question bank's own size, as its questions count it.
    pub bank_bytes: usize,
    /// How long the question bank took to build.
    pub bank_built: Duration,
    /// Resident memory with a trivia game running as well.
    pub rss_game: Option<u64>,
    /// Peak resident memory of the process, in KiB (Linux only).
    pub peak_rss_kib: Option<u64>,
}

impl fmt::Display for LookupFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "synthetic catalog: {} episodes, {} facts; member halfway through, channel horizon a quarter in",
            self.episodes, self.facts
        )?;
        let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
        writeln!(
            f,
            "start to serving {:.2} s, to the first reply {:.2} s, to the question bank {:.2} s; facts in memory {:.1} MiB; resident {} once serving, {} after the calls, {} with the question bank built (the bank itself {:.0} MiB, {:.2} s more to wait for it after the calls), {} with a game running",
            self.ready.as_secs_f64(),
            self.first_reply.as_secs_f64(),
            self.bank_ready.as_secs_f64(),
            mib(self.index_parts.iter().map(|(_, b)| *b as u64).sum()),
            self.rss_idle
                .map_or("?".into(), |b| format!("{:.0} MiB", mib(b))),
            self.rss_after
                .map_or("?".into(), |b| format!("{:.0} MiB", mib(b))),
            self.rss_bank
                .map_or("?".into(), |b| format!("{:.0} MiB", mib(b))),
            mib(self.bank_bytes as u64),
            self.bank_built.as_secs_f64(),
            self.rss_game
                .map_or("?".into(), |b| format!("{:.0} MiB", mib(b))),
        )?;
        writeln!(
            f,
            "a restart (the question bank kept by the first start): to serving {:.2} s, to the question bank {:.2} s",
            self.restart.0.as_secs_f64(),
            self.restart.1.as_secs_f64()
        )?;
        if let Some(kib) = self.peak_rss_kib {
            writeln!(f, "peak memory: {:.1} MiB", kib as f64 / 1024.0)?;
        }
        let parts: Vec<String> = self
            .index_parts
            .iter()
            .map(|(what, b)| format!("{what} {:.1}", mib(*b as u64)))
            .collect();
        writeln!(
            f,
            "facts in memory by structure (MiB): {}",
            parts.join(", ")
        )?;
        writeln!(
            f,
            "worst inputs: a search of 6,000 characters {:.3} ms; check of a roster with a 100 KB alias {:.3} ms",
            self.long_query.as_secs_f64() * 1000.0,
            self.long_alias.as_secs_f64() * 1000.0
        )?;
        for l in &self.latencies {
            writeln!(
                f,
                "{:<10} {:>6} calls   p50 {:>7.3} ms   p99 {:>7.3} ms   max {:>7.3} ms",
                l.name,
                l.calls,
                l.p50.as_secs_f64() * 1000.0,
                l.p99.as_secs_f64() * 1000.0,
                l.max.as_secs_f64() * 1000.0
            )?;
        }
        Ok(())
    }
}

/// p50, p99 and the maximum of `samples`.
pub fn latency(name: &'static str, mut samples: Vec<Duration>) -> Latency {
    samples.sort();
    let at = |q: f64| {
        samples[((samples.len() as f64 * q).ceil() as usize)
            .saturating_sub(1)
            .min(samples.len() - 1)]
    };
    Latency {
        name,
        calls: samples.len(),
        p50: at(0.50),
        p99: at(0.99),
        max: samples[samples.len() - 1],
    }
}

/// The code of the `n`th synthetic episode (from 0).
pub fn episode_code(n: usize) -> String {
    format!("S{:02}E{:02}", n / 22 + 1, n % 22 + 1)
}

/// A synthetic catalog in a temporary database, with one member halfway
/// through it and their channel's horizon a quarter in: what the lookup
/// benchmarks measure against.
pub struct LookupSetup {
    /// The core over the catalog.
    pub app: crate::app::App,
    /// The member, in the channel.
    pub ctx: crate::app::Ctx,
    /// Character names to look up.
    pub names: Vec<String>,
    /// Search queries.
    pub queries: Vec<String>,
    /// What the database holds.
    pub totals: crate::store::Totals,
    /// From opening the imported database to serving.
    pub ready: Duration,
    /// From opening the imported database to the first lookup's reply.
    pub first_reply: Duration,
    /// From opening the imported database to every question bank built
    /// (in the background, while the first replies are served).
    pub bank_ready: Duration,
    /// The database's URL.
    pub url: String,
    /// Holds the seeds (`seeds/`) and a SQLite database.
    pub dir: tempfile::TempDir,
}

impl LookupSetup {
    /// `episodes` episodes of 60 sentences; `user` in `channel` of `guild`.
    pub async fn new(episodes: usize, user: u64, channel: u64, guild: u64) -> Result<LookupSetup> {
        LookupSetup::importing(episodes, user, channel, guild, None, None).await
    }

    /// [`LookupSetup::new`] in the database at `url` (which must be empty)
    /// instead of a SQLite file of its own.
    pub async fn at(
        url: &str,
        episodes: usize,
        user: u64,
        channel: u64,
        guild: u64,
    ) -> Result<LookupSetup> {
        LookupSetup::importing(episodes, user, channel, guild, None, Some(url)).await
    }

    /// [`LookupSetup::new`], the import run by `importer` (this program's
    /// binary) in a process of its own, so this one's memory is what
    /// serving takes, not what importing left behind.
    pub(crate) async fn importing(
        episodes: usize,
        user: u64,
        channel: u64,
        guild: u64,
        importer: Option<&Path>,
        database: Option<&str>,
    ) -> Result<LookupSetup> {
        use crate::app::{App, Ctx, HorizonScope, ProgressAction, SpoilersAction};
        use crate::model::Language;

        let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
        let seeds = dir.path().join("seeds");
        write_synthetic_seeds(&seeds, episodes, 60, 7)?;
        let url = database.map_or_else(
            || format!("sqlite://{}", dir.path().join("bench.db").display()),
            str::to_string,
        );
        let db = Db::connect(&url).await?;
        let totals = match importer {
            None => timed_import(&db, &seeds).await?.1.totals,
            Some(exe) => {
                db.close().await;
                let out = std::process::Command::new(exe)
                    .args(["import", "--json"])
                    .env("DATABASE_URL", &url)
                    .env("SEEDS_DIR", &seeds)
                    .env("RUST_LOG", "off")
                    .output()
                    .context("cannot run the import")?;
                if !out.status.success() {
                    bail!(
                        "the import failed: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
                let db = Db::connect(&url).await?;
                let totals = db.totals().await?;
                db.close().await;
                totals
            }
        };
        db.close().await;
        // What a start costs once the catalog is imported: the database
        // opened, the catalog and every fact read into memory.
        let started = Instant::now();
        let db = Db::connect(&url).await?;
        let app = App::new(db).await?;
        let ready = started.elapsed();
        let ctx = Ctx {
            user,
            channel,
            guild: Some(guild),
            locale: Language::En,
            can_manage_channel: true,
            can_manage_guild: true,
            thread_of: None,
        };
        // The first reply a member gets (the bank still being built), then
        // the banks; what follows is measured on a process fully started.
        app.episode(&ctx, "S01E01", None, true).await?;
        let first_reply = started.elapsed();
        app.banks_built().await?;
        let bank_ready = started.elapsed();
        app.progress(&ctx, ProgressAction::Set(episode_code(episodes / 2)), None)
            .await?;
        app.spoilers(
            &ctx,
            SpoilersAction::Set(episode_code(episodes / 4)),
            HorizonScope::Channel,
            None,
        )
        .await?;
        // Names as fans ask: the leads far more often than the guests,
        // sometimes by the roster's short name.
        let cast = synthetic_cast(episodes, 7);
        let mut rng = StdRng::seed_from_u64(3);
        let names = (0..500)
            .map(|_| {
                let u: f64 = rng.random();
                let c = &cast[((u.powi(3)) * cast.len() as f64) as usize % cast.len()];
                if rng.random_range(0..4) == 0 {
                    c.alias.clone()
                } else {
                    c.name.clone()
                }
            })
            .collect();
        // Distinct searches of one to four words.
        let mut queries: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while queries.len() < 5000 {
            let words = rng.random_range(1..=4);
            let q: Vec<String> = (0..words)
                .map(|_| match rng.random_range(0..3) {
                    0 => THINGS_EN
                        .choose(&mut rng)
                        .copied()
                        .unwrap_or("song")
                        .to_string(),
                    1 => cast[rng.random_range(0..cast.len().min(30))].name.clone(),
                    _ => vocabulary_word(&mut rng),
                })
                .collect();
            let q = q.join(" ");
            if seen.insert(q.clone()) {
                queries.push(q);
            }
        }
        Ok(LookupSetup {
            app,
            ctx,
            names,
            queries,
            totals,
            ready,
            first_reply,
            bank_ready,
            url,
            dir,
        })
    }
}

/// Runs the lookup benchmark: `episodes` synthetic episodes of 60 sentences,
/// `calls` calls of each use-case through `App`.
pub async fn lookups(episodes: usize, calls: usize) -> Result<LookupFigures> {
    let exe = std::env::current_exe().ok();
    let setup = LookupSetup::importing(episodes, 1, 2, 3, exe.as_deref(), None).await?;
    let (app, ctx, names, queries, report) = (
        &setup.app,
        &setup.ctx,
        &setup.names,
        &setup.queries,
        &setup.totals,
    );
    let code = episode_code;
    let rss_idle = current_rss_bytes();
    let mut rng = StdRng::seed_from_u64(11);
    let mut samples: [Vec<Duration>; 3] = Default::default();
    for i in 0..calls + calls / 10 {
        let warm = i < calls / 10;
        // Each call makes its reply anew: remembered replies would measure
        // a map lookup (the gateway benchmark shows those).
        app.forget_replies();
        let name = names.choose(&mut rng).map_or("Anna Adler", String::as_str);
        let start = Instant::now();
        app.character(ctx, name, None, false).await?;
        let character = start.elapsed();
        let episode = code(rng.random_range(0..episodes));
        app.forget_replies();
        let start = Instant::now();
        app.episode(ctx, &episode, None, false).await?;
        let episode = start.elapsed();
        let query = queries.choose(&mut rng).map_or("song", String::as_str);
        app.forget_replies();
        let start = Instant::now();
        app.search(ctx, query, None, false).await?;
        let search = start.elapsed();
        if !warm {
            samples[0].push(character);
            samples[1].push(episode);
            samples[2].push(search);
        }
    }
    let rss_after = current_rss_bytes();
    let index_parts = app.index().facts.heap_parts();
    // The worst inputs fuzzing found: a search of 6,000 characters of one
    // word, and (below) a roster with a 100 KB alias.
    let wall = "viewers ".repeat(750);
    let start = Instant::now();
    app.search(ctx, &wall, None, false).await?;
    let long_query = start.elapsed();
    let long_alias = time_check_with_long_alias(episodes.min(50))?;
    // The show's question bank built, then a game running in the
    // member's channel.
    let index = app.index();
    let mut bank_bytes = 0;
    let bank_started = Instant::now();
    if let Some(show) = index.shows.first() {
        let bank = app.question_bank(show).await?;
        bank_bytes = bank
            .iter()
            .map(|q| q.heap_bytes() + std::mem::size_of_val(q))
            .sum();
    }
    let bank_built = bank_started.elapsed();
    let rss_bank = current_rss_bytes();
    let opts = crate::trivia::StartOptions {
        questions: Some(10),
        ..crate::trivia::StartOptions::default()
    };
    let started = app.trivia_start(ctx, opts, 1_767_225_600_000).await?;
    anyhow::ensure!(
        started.iter().any(|r| r.buttons.is_some()),
        "no game started: {started:?}"
    );
    let rss_game = current_rss_bytes();
    app.db().close().await;
    // The peak of one serving process (the restart below holds a second
    // catalog beside the first).
    let peak_rss_kib = peak_rss_kib();
    // A restart on the same database, as a bot's after an update of its
    // host: the catalog read again, the bank read as the first start kept
    // it.
    let restarted = Instant::now();
    let again = crate::app::App::new(Db::connect(&setup.url).await?).await?;
    let restart_ready = restarted.elapsed();
    again.banks_built().await?;
    let restart = (restart_ready, restarted.elapsed());
    again.db().close().await;
    let [character, episode, search] = samples;
    Ok(LookupFigures {
        restart,
        bank_bytes,
        bank_built,
        rss_bank,
        rss_game,
        long_query,
        long_alias,
        ready: setup.ready,
        peak_rss_kib,
        first_reply: setup.first_reply,
        bank_ready: setup.bank_ready,
        index_parts,
        rss_idle,
        rss_after,
        facts: report.facts,
        episodes: report.episodes,
        latencies: vec![
            latency("character", character),
            latency("episode", episode),
            latency("search", search),
        ],
    })
}

/// `check` over a synthetic show whose roster has a 100 KB alias.
fn time_check_with_long_alias(episodes: usize) -> Result<Duration> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    write_synthetic_seeds(dir.path(), episodes, 20, 7)?;
    let manifest = dir.path().join("benchmark/show.toml");
    let text = fs::read_to_string(&manifest)?;
    let alias = "Ka".repeat(50_000);
    let text = text.replacen("aliases = [", &format!("aliases = [\"{alias}\", "), 1);
    fs::write(&manifest, text)?;
    let start = Instant::now();
    let report = crate::seeds::check::check(dir.path());
    let took = start.elapsed();
    if report.valid {
        bail!("a roster with a 100 KB alias was taken as valid");
    }
    Ok(took)
}

/// What the trivia benchmark measured.
#[derive(Debug, Clone)]
pub struct TriviaFigures {
    /// Facts in the synthetic catalog.
    pub facts: i64,
    /// Questions in its bank.
    pub questions: usize,
    /// Time to build the bank (read the facts, generate).
    pub bank: Duration,
    /// Resident memory once the bank is built.
    pub rss_bank: Option<u64>,
    /// Games run at once.
    pub games: usize,
    /// Resident memory the games took, per game, in bytes.
    pub bytes_per_game: Option<u64>,
    /// Answers the engine judged.
    pub answers: usize,
    /// Time the engine took for them.
    pub engine: Duration,
    /// Answers taken through App, each stored.
    pub stored_answers: usize,
    /// Time App took for them.
    pub stored: Duration,
}

impl fmt::Display for TriviaFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "question bank: {} questions from {} facts (one in {} of them) in {:.1} ms, resident memory {} after building it",
            self.questions,
            self.facts,
            crate::quiz::sample_every(self.facts),
            self.bank.as_secs_f64() * 1000.0,
            self.rss_bank.map_or("?".into(), |b| format!(
                "{:.0} MiB",
                b as f64 / (1024.0 * 1024.0)
            ))
        )?;
        if let Some(bytes) = self.bytes_per_game {
            writeln!(
                f,
                "{} games at once: {:.1} KiB each",
                self.games,
                bytes as f64 / 1024.0
            )?;
        }
        writeln!(
            f,
            "engine: {} answers in {:.1} ms ({:.0} answers/s)",
            self.answers,
            self.engine.as_secs_f64() * 1000.0,
            self.answers as f64 / self.engine.as_secs_f64()
        )?;
        writeln!(
            f,
            "through App, every answer stored: {} answers in {:.1} ms ({:.0} answers/s)",
            self.stored_answers,
            self.stored.as_secs_f64() * 1000.0,
            self.stored_answers as f64 / self.stored.as_secs_f64()
        )
    }
}

fn current_rss_bytes() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace()
        .nth(1)?
        .parse::<u64>()
        .ok()
        .map(|kib| kib * 1024)
}

/// Runs the trivia benchmark: the bank of an `episodes`-episode synthetic
/// catalog, `games` engine games of ten questions played by five members,
/// and `stored_games` games through App.
pub async fn trivia(episodes: usize, games: usize, stored_games: usize) -> Result<TriviaFigures> {
    use crate::app::{App, Ctx, HorizonScope, SpoilersAction};
    use crate::model::Language;
    use crate::quiz::game::{Event, Game, GameSettings, Mode};
    use crate::trivia::StartOptions;
    use std::collections::HashSet;

    let tmp = tempfile::tempdir().context("cannot create a temporary folder")?;
    let seeds = tmp.path().join("seeds");
    write_synthetic_seeds(&seeds, episodes, 60, 3)?;
    let url = format!("sqlite://{}", tmp.path().join("bench.db").display());
    let db = Db::connect(&url).await?;
    let (_, report) = timed_import(&db, &seeds).await?;
    let app = App::with_seed(db, 1).await?;
    let index = app.index();
    let show = &index.shows[0];
    let start = Instant::now();
    let bank = crate::quiz::bank(app.db(), show).await?;
    let rss_bank = current_rss_bytes();
    let bank_time = start.elapsed();

    // Engine games, all at once.
    let settings = GameSettings {
        questions: 10,
        seconds: 20,
        mode: Mode::Choices,
    };
    let mut rng = StdRng::seed_from_u64(9);
    let before = current_rss_bytes();
    let mut running = Vec::with_capacity(games);
    for g in 0..games {
        let (game, _) = Game::start(g as u64, settings, &bank, &HashSet::new(), 0, &mut rng)
            .context("the synthetic bank has questions")?;
        running.push(game);
    }
    let after = current_rss_bytes();
    let letters = ["A", "B", "C", "D"];
    let mut answers = 0;
    let start = Instant::now();
    for round in 0..10u64 {
        for (g, game) in running.iter_mut().enumerate() {
            for p in 0..5u64 {
                let player = g as u64 * 10 + p;
                let events = game.answer(
                    player,
                    letters[(p as usize + g) % 4],
                    round * 20_000 + p * 500,
                    &mut rng,
                );
                answers += events
                    .iter()
                    .filter(|e| matches!(e, Event::Taken { .. }))
                    .count();
            }
            game.tick(round * 20_000 + 20_000, &mut rng);
        }
    }
    let engine = start.elapsed();
    let bytes_per_game = before
        .zip(after)
        .map(|(b, a)| a.saturating_sub(b) / games.max(1) as u64);
    drop(running);

    // Games through App: every question and answer written to the database
    // (the bank was built above; App keeps its own, built here untimed).
    app.question_bank(show).await?;
    let start = Instant::now();
    for g in 0..stored_games as u64 {
        let ctx = |user: u64| Ctx {
            user,
            channel: 1_000 + g,
            guild: Some(1),
            locale: Language::En,
            can_manage_channel: true,
            can_manage_guild: true,
            thread_of: None,
        };
        app.spoilers(
            &ctx(1),
            SpoilersAction::Set("S02E01".into()),
            HorizonScope::Channel,
            None,
        )
        .await?;
        let opts = StartOptions {
            questions: Some(10),
            ..StartOptions::default()
        };
        let now = 1_767_225_600_000i64;
        app.trivia_start(&ctx(1), opts, now).await?;
        for round in 0..10i64 {
            for p in 1..=5u64 {
                app.trivia_answer(
                    &ctx(p),
                    letters[p as usize % 4],
                    now + round * 20_000 + p as i64 * 500,
                )
                .await?;
            }
        }
    }
    let stored = start.elapsed();
    // Only answers that were stored count: one given after its round
    // closed is refused, and is not an answer stored.
    let stored_answers = crate::store::games::answer_count(app.db()).await? as usize;
    app.db().close().await;
    Ok(TriviaFigures {
        rss_bank,
        facts: report.totals.facts,
        questions: bank.len(),
        bank: bank_time,
        games,
        bytes_per_game,
        answers,
        engine,
        stored_answers,
        stored,
    })
}

/// What `bench web` measured.
#[derive(Debug, Clone)]
pub struct WebFigures {
    /// Games stored for the server.
    pub games: usize,
    /// Players among them.
    pub players: usize,
    /// Time to store them (the setup, not measured further).
    pub setup: Duration,
    /// Public pages served as remembered.
    pub hits: Latency,
    /// Served as remembered while made anew behind (games ended since).
    pub stale: Option<Latency>,
    /// Made while the request waited: each page's first request.
    pub misses: Latency,
    /// Every page request, whatever served it.
    pub all: Latency,
    /// The stylesheet, a static page, asked between them: the floor.
    pub floor: Latency,
    /// Games that ended while the requests ran.
    pub ended_meanwhile: usize,
    /// The card of a board of `players` (its top ten and five leaders
    /// followed over a year), drawn as a PNG.
    pub card: Latency,
    /// The same card as SVG only (no drawing): the card's floor.
    pub card_svg: Latency,
    /// The PNG's size.
    pub card_bytes: usize,
}

impl fmt::Display for WebFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        writeln!(
            f,
            "public pages of one server: {} stored games, {} players (stored in {:.1} s); {} games ended while requests ran",
            self.games,
            self.players,
            self.setup.as_secs_f64(),
            self.ended_meanwhile
        )?;
        let total = self.all.calls.max(1) as f64;
        let mut rows = vec![
            (&self.hits, "as remembered"),
            (&self.misses, "made while waiting"),
        ];
        if let Some(stale) = &self.stale {
            rows.insert(1, (stale, "remembered, made anew behind"));
        }
        for (l, what) in rows {
            writeln!(
                f,
                "  {:<30} {:>6} requests ({:>5.1}%)  p50 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms",
                what,
                l.calls,
                l.calls as f64 * 100.0 / total,
                ms(l.p50),
                ms(l.p99),
                ms(l.max)
            )?;
        }
        for (l, what) in [
            (&self.all, "every page request"),
            (&self.floor, "static page (floor)"),
        ] {
            writeln!(
                f,
                "  {:<30} {:>6} requests           p50 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms",
                what,
                l.calls,
                ms(l.p50),
                ms(l.p99),
                ms(l.max)
            )?;
        }
        writeln!(
            f,
            "  page p99 / static p99: {:.2}x (goal: p99 under 20 ms: {})",
            ms(self.all.p99) / ms(self.floor.p99).max(0.001),
            if ms(self.all.p99) < 20.0 {
                "met"
            } else {
                "NOT met"
            }
        )?;
        writeln!(
            f,
            "board card, {} players: PNG p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms ({} bytes); SVG alone p50 {:.3} ms; goal under 50 ms: {}",
            self.players,
            ms(self.card.p50),
            ms(self.card.p99),
            ms(self.card.max),
            self.card_bytes,
            ms(self.card_svg.p50),
            if ms(self.card.p99) < 50.0 {
                "met"
            } else {
                "NOT met"
            }
        )
    }
}

/// SQL that stores `count` ended games of server 1 from game id `first`,
/// `step` ms apart from `t0`, each with three of `players` answering five
/// questions (about half right).
fn games_sql(
    first: usize,
    count: usize,
    players: usize,
    (t0, step): (i64, i64),
    show: i64,
) -> [String; 2] {
    let games = format!(
        "WITH RECURSIVE n(i) AS (SELECT {first} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {end})
         INSERT INTO games (id, guild_id, channel_id, show_id, starter, mode, questions, seconds,
                            up_to, status, started_at, ended_at, winner)
         SELECT i + 1, 1, 10 + i % 5, {show}, 1000 + i % {players}, 'choices', 5, 20, 10001,
                'finished', {t0} + i * {step}, {t0} + i * {step} + 60000,
                1000 + (i * 7) % {players}
         FROM n",
        end = first + count
    );
    let answers = format!(
        "WITH RECURSIVE n(i) AS (SELECT {a} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {b})
         INSERT INTO answers (game_id, number, user_id, answer, correct, points, after_ms, answered_at)
         SELECT i / 15 + 1, (i % 15) / 3 + 1, 1000 + ((i / 15) * 7 + i % 3) % {players}, 'x',
                (i / 3 + i) % 2 = 1, CASE WHEN (i / 3 + i) % 2 = 1 THEN 100 ELSE 0 END, 1000,
                {t0} + (i / 15) * {step} + 30000
         FROM n",
        a = first * 15,
        b = (first + count) * 15
    );
    [games, answers]
}

/// Serves the public pages of a server with `games` stored games among
/// `players` players, over HTTP on loopback, and times `requests` page
/// requests of the kinds people make (boards, recent games, players'
/// pages, the picture), a static page between each as the floor, while a
/// game ends every fiftieth request; then draws the board's card.
pub async fn web(games: usize, players: usize, requests: usize) -> Result<WebFigures> {
    use crate::app::App;
    let players = players.max(3);
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let seeds = dir.path().join("seeds");
    write_synthetic_seeds(&seeds, 22, 10, 5)?;
    let url = format!("sqlite://{}", dir.path().join("web.db").display());
    let db = Db::connect(&url).await?;
    import_dir(&db, &seeds).await?;
    let app = std::sync::Arc::new(App::new(db).await?);
    let show = app.index().shows[0].id;
    let started = Instant::now();
    let now = app.now_ms();
    let year = 365 * 24 * 3600 * 1000_i64;
    let step = (year / games.max(1) as i64).max(1);
    let t0 = now - year;
    let run = |sql: String| {
        let db = app.db().clone();
        async move {
            match db.pool() {
                crate::store::Pool::Lite(p) => {
                    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(p).await?;
                }
                crate::store::Pool::Pg(p) => {
                    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(p).await?;
                }
            }
            anyhow::Ok(())
        }
    };
    for sql in games_sql(0, games, players, (t0, step), show) {
        run(sql).await?;
    }
    // Games stored by hand are counted into the boards' totals as an
    // import of history would be.
    crate::store::web::recount(app.db(), 1, app.now_ms()).await?;
    for p in 0..players {
        let name = format!("Player {p}");
        app.note_player(
            (1, Some("Benchmark server")),
            None,
            (1000 + p as u64, &name),
        )
        .await?;
    }
    app.trivia().set_web_url(Some("http://127.0.0.1"));
    let ctx = crate::app::Ctx {
        user: 1,
        channel: 10,
        guild: Some(1),
        locale: crate::model::Language::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    };
    let on = crate::invoke::Call::new(&["web"], [("public", "true".to_string())]);
    app.invoke(&ctx, &on, now).await?;
    let setup = started.elapsed();

    let config = crate::web::WebConfig::local();
    let listener = crate::web::listen(&config).await?;
    let base = format!("http://{}", listener.local_addr()?);
    let web = crate::web::Web::new(app.clone(), &config);
    let served = web.clone();
    tokio::spawn(
        async move { crate::web::serve_web(listener, served, std::future::pending()).await },
    );
    let client = reqwest::Client::new();
    let pages: Vec<String> = {
        let mut p = vec![
            "/s/1".to_string(),
            "/s/1".into(),
            "/s/1?period=recent".into(),
            "/s/1/games".into(),
            "/s/1/board.png".into(),
        ];
        p.extend((0..5).map(|i| format!("/s/1/players/{}", 1000 + (i * 13) % players)));
        p
    };
    let (mut hits, mut stale, mut misses, mut all, mut floor) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut ended = 0;
    for i in 0..requests {
        if i > 0 && i % 50 == 0 {
            for sql in games_sql(games + ended, 1, players, (app.now_ms() - 60_000, 1), show) {
                run(sql).await?;
            }
            // As the game's end would, in a transaction of its own.
            crate::store::web::add_ended(app.db(), (games + ended + 1) as i64).await?;
            ended += 1;
        }
        let page = &pages[i % pages.len()];
        let before = web.counts();
        let start = Instant::now();
        let response = client.get(format!("{base}{page}")).send().await?;
        let status = response.status();
        response.bytes().await?;
        let took = start.elapsed();
        if !status.is_success() {
            bail!("{page} answered {status}");
        }
        let after = web.counts();
        all.push(took);
        if after.2 > before.2 {
            misses.push(took);
        } else if after.1 > before.1 {
            stale.push(took);
        } else {
            hits.push(took);
        }
        let start = Instant::now();
        client
            .get(format!("{base}/site.css"))
            .send()
            .await?
            .bytes()
            .await?;
        floor.push(start.elapsed());
    }

    // The card of a board of `players`, followed over a year.
    let card = crate::card::Card {
        title: "Benchmark server".into(),
        subtitle: "All time · Benchmark".into(),
        lines: (0..players)
            .map(|p| (p + 1, format!("Player {p}"), (players - p) as i64 * 100))
            .collect(),
        chart_title: "Points of the leaders, day by day".into(),
        series: (0..crate::card::FOLLOWED)
            .map(|p| {
                let days = (0..365)
                    .map(|d| (20_000 + d, (d + 1) * (100 - p as i64 * 10)))
                    .collect();
                (format!("Player {p}"), days)
            })
            .collect(),
        empty: String::new(),
    };
    let (mut drawn, mut svg) = (Vec::new(), Vec::new());
    let mut bytes = 0;
    for _ in 0..100 {
        let start = Instant::now();
        let png = crate::card::png(&card)?;
        drawn.push(start.elapsed());
        bytes = png.len();
        let start = Instant::now();
        std::hint::black_box(crate::card::svg(&card));
        svg.push(start.elapsed());
    }
    Ok(WebFigures {
        games,
        players,
        setup,
        hits: latency("hits", hits),
        stale: (!stale.is_empty()).then(|| latency("stale", stale)),
        misses: latency("misses", misses),
        all: latency("all", all),
        floor: latency("static", floor),
        ended_meanwhile: ended,
        card: latency("card", drawn),
        card_svg: latency("svg", svg),
        card_bytes: bytes,
    })
}
