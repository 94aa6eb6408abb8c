//! The `cliffhanger` command line.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use std::io::IsTerminal;

use cliffhanger::app::App;
use cliffhanger::bench;
use cliffhanger::config::Settings;
use cliffhanger::console::{self, Session};
use cliffhanger::error::Failure;
use cliffhanger::import::{ImportReport, Progress, import_telling};
use cliffhanger::quiz::author::AuthorView;
use cliffhanger::seeds::Language;
use cliffhanger::seeds::check::{CheckReport, check};
use cliffhanger::seeds::seed::{SeedSet, load_seeds_lean};
use cliffhanger::spoiler::EpisodeKey;
use cliffhanger::store::Db;

/// A spoiler-safe Discord bot for TV fan servers: episode recaps become
/// facts, lookups and trivia, gated by how far each member has watched.
#[derive(Debug, Parser)]
#[command(name = "cliffhanger", version)]
struct Cli {
    #[command(flatten)]
    settings: Settings,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the bot (the default): import the seeds, then connect to Discord.
    Run {
        #[command(flatten)]
        bot: cliffhanger::discord::Config,
        #[command(flatten)]
        web: cliffhanger::web::WebConfig,
    },
    /// Serve only the web pages (WEB_ADDR), for a bot split over processes
    /// on one PostgreSQL database: the others run the bot.
    Web {
        #[command(flatten)]
        web: cliffhanger::web::WebConfig,
    },
    /// Create the database's tables, or bring them up to date, and say so;
    /// nothing else is touched. Every command does this first; run it once
    /// before starting several processes on a new database.
    Migrate,
    /// Count the boards of the web pages anew from every stored answer:
    /// for games stored by other means than a game (history brought in),
    /// or to check the totals kept as games end.
    Recount {
        /// Only this server (its id); every server with games when left out.
        #[arg(long)]
        server: Option<u64>,
    },
    /// Import the seeds into the database and print what changed.
    Import {
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Validate the seeds without writing anything, and list names in the
    /// recaps that match no roster entry. Exits 1 when the seeds are invalid.
    Check {
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Print a `[[characters]]` entry for the names in the recaps that
        /// look like characters' (named more than once, or where names
        /// stand), most named first, ready to paste into show.toml.
        #[arg(long, conflicts_with = "json")]
        suggest_roster: bool,
        /// With `--suggest-roster`: append the entries to each show's
        /// show.toml (kept only if the seeds still load): those named with
        /// `--only`, or, at a terminal, those picked one by one.
        #[arg(long, requires = "suggest_roster")]
        write: bool,
        /// With `--write`: only these suggested names (repeat it, or
        /// separate them with commas); `SHOW:NAME` for one show's.
        #[arg(long, requires = "write", value_delimiter = ',', value_name = "NAME")]
        only: Vec<String>,
    },
    /// Try everything the bot does in the terminal: commands as in
    /// Discord (`/character name:Karen`), replies as the bot would give them.
    /// Reads a script from standard input when it is not a terminal.
    Console {
        /// The member to act as.
        #[arg(long, default_value = "player")]
        user: String,
        /// The channel to act in.
        #[arg(long, default_value = "general")]
        channel: String,
        /// The language of replies: en or de.
        #[arg(long, default_value = "en", value_parser = ["en", "de"])]
        locale: String,
        /// Act as a member who may not manage channels or the server.
        #[arg(long)]
        no_manage: bool,
    },
    /// Print the trivia question bank, so seed authors can read what the
    /// bot will ask (the seeds are imported first).
    Questions {
        /// Only this show (slug).
        #[arg(long)]
        show: Option<String>,
        /// Only this episode (S01E12, 1x12).
        #[arg(long)]
        episode: Option<String>,
        /// Print a JSON array of questions.
        #[arg(long)]
        json: bool,
        /// Print the facts that make no questions, each with the reason,
        /// then every question the others make with its score and the
        /// signals behind it, asked or not, and the counts.
        #[arg(long, conflicts_with = "json")]
        why: bool,
        /// Only what a game whose gate reaches this episode asks, with the
        /// choices it would draw (which-episode questions draw theirs from
        /// within the gate).
        #[arg(long, value_name = "CODE", conflicts_with_all = ["why", "review"])]
        up_to: Option<String>,
        /// Print only this many questions, drawn at random, for a quick
        /// read.
        #[arg(long, value_name = "N")]
        sample: Option<usize>,
        /// The draw of `--sample` (the same seed, the same questions).
        #[arg(long, requires = "sample", value_name = "S")]
        seed: Option<u64>,
        /// Print the questions that need a look, worst first: reported by
        /// members, or answered right by nearly everyone or nearly nobody.
        #[arg(long, conflicts_with_all = ["json", "why", "sample"])]
        review: bool,
        /// With `--review`: only this server's games, reports and verdicts
        /// (its id; a direct message's channel id).
        #[arg(long, requires = "review", value_name = "ID")]
        server: Option<u64>,
    },
    /// Import a trivia list into a show's question bank. Re-importing the
    /// same file replaces its questions; a bad file imports nothing.
    TriviaImport {
        /// The list file.
        file: std::path::PathBuf,
        /// The list's format (Red-DiscordBot's Trivia YAML).
        #[arg(long, value_parser = ["red"])]
        format: String,
        /// The show the questions are about (slug).
        #[arg(long)]
        show: String,
        /// Every question belongs to this episode (unless it names its own
        /// with an "S1E12:" prefix).
        #[arg(long, conflicts_with = "season")]
        episode: Option<String>,
        /// Every question belongs to the last episode of this season.
        #[arg(long)]
        season: Option<u32>,
        /// The language the questions are in: en or de.
        #[arg(long, default_value = "en", value_parser = ["en", "de"])]
        language: String,
    },
    /// Start a show's seeds from an episode guide.
    Show {
        #[command(subcommand)]
        what: ShowCommand,
    },
    /// Add recaps to a show's seeds.
    Recap {
        #[command(subcommand)]
        what: RecapCommand,
    },
    /// Measure performance on synthetic data and print the figures.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
}

#[derive(Debug, Subcommand)]
enum ShowCommand {
    /// Write seeds/SLUG from TVmaze's episode guide (TVMAZE_URL points
    /// elsewhere): show.toml with its cast, and an episode file per
    /// episode with its summary as a short recap.
    New {
        /// The show's folder name in the seeds (lower case, digits, dashes).
        slug: String,
        /// The show's name, as TVmaze's search finds it.
        #[arg(long, conflicts_with = "tvmaze_id", required_unless_present_any = ["tvmaze_id", "update"])]
        tvmaze: Option<String>,
        /// The show's TVmaze id.
        #[arg(long)]
        tvmaze_id: Option<u64>,
        /// Add the episodes that appeared since, renew files nobody has
        /// edited, and leave edited ones alone.
        #[arg(long)]
        update: bool,
    },
}

#[derive(Debug, Subcommand)]
enum RecapCommand {
    /// Turn a plain-text recap (a headline line, headings on lines of
    /// their own, paragraphs) into a seed file of a show, and check it.
    Add {
        /// The plain recap; "-" reads it from standard input.
        file: String,
        /// The show (its folder in the seeds).
        #[arg(long)]
        show: String,
        /// The episode: S01E12 or 1x12.
        #[arg(long)]
        episode: String,
        /// The recap's language: en or de.
        #[arg(long)]
        language: String,
        /// The episode's title (default: another recap's of the episode).
        #[arg(long)]
        title: Option<String>,
        /// The first air date, YYYY-MM-DD (default: another recap's).
        #[arg(long)]
        aired: Option<String>,
        /// Where the recap comes from (a site, an author).
        #[arg(long)]
        source: Option<String>,
        /// Replace the recap of that episode and language if there is one.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Import a synthetic seed set into a fresh database, then re-import it
    /// unchanged and with one recap changed.
    Import {
        /// Episodes to generate.
        #[arg(long, default_value_t = 1000)]
        episodes: usize,
        /// Sentences per recap.
        #[arg(long, default_value_t = 60)]
        sentences: usize,
    },
    /// Generate the question bank of a synthetic catalog, run many trivia
    /// games at once, and measure memory per game and answers per second.
    Trivia {
        /// Episodes of the synthetic catalog.
        #[arg(long, default_value_t = 1000)]
        episodes: usize,
        /// Games to run at once in the engine.
        #[arg(long, default_value_t = 10_000)]
        games: usize,
        /// Games to play through App, every answer stored.
        #[arg(long, default_value_t = 100)]
        stored_games: usize,
    },
    /// Build a synthetic catalog (default over 100,000 facts) and measure
    /// the latency of character, episode and search lookups through App.
    Lookups {
        /// Episodes to generate (60 facts each, plus a German recap for
        /// every fifth).
        #[arg(long, default_value_t = 1700)]
        episodes: usize,
        /// Calls of each lookup to measure.
        #[arg(long, default_value_t = 2000)]
        calls: usize,
    },
    /// Serve the public pages of a server with many stored games over HTTP
    /// on loopback and time the requests people make, beside a static page;
    /// then draw the board's card.
    Web {
        /// Games stored for the server.
        #[arg(long, default_value_t = 100_000)]
        games: usize,
        /// Players among them.
        #[arg(long, default_value_t = 100)]
        players: usize,
        /// Page requests to time.
        #[arg(long, default_value_t = 2000)]
        requests: usize,
    },
    /// Write the synthetic show the benchmarks use as a seeds folder, to
    /// time `import` and a start on it from outside.
    Seeds {
        /// The folder to write (one show folder, `benchmark`, inside it).
        out: std::path::PathBuf,
        /// Episodes to generate.
        #[arg(long, default_value_t = 1000)]
        episodes: usize,
        /// Sentences per recap.
        #[arg(long, default_value_t = 60)]
        sentences: usize,
    },
}

/// Every variable the program reads its settings from: those its
/// command line declares (`env = ...`), in every subcommand, so a new
/// setting is covered the day it is declared.
fn settings() -> Vec<String> {
    fn walk(command: &clap::Command, out: &mut Vec<String>) {
        for arg in command.get_arguments() {
            if let Some(name) = arg.get_env() {
                out.push(name.to_string_lossy().into_owned());
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&<Cli as clap::CommandFactory>::command(), &mut out);
    out.sort();
    out.dedup();
    out
}

fn main() -> ExitCode {
    cliffhanger::services::catalog::settle_allocator();
    // A missing .env is fine: the environment and the defaults stand.
    let _ = dotenvy::dotenv();
    // A setting left empty (`DEV_GUILD_ID=` in .env) is not set.
    for name in settings() {
        if std::env::var_os(&name).is_some_and(|v| v.to_string_lossy().trim().is_empty()) {
            // SAFETY: no other thread exists yet (the runtime starts below),
            // so nothing reads the environment meanwhile.
            unsafe { std::env::remove_var(&name) };
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let mut cli = Cli::parse();
    if cli.command.is_none() {
        // No command: `run`, its settings read from the environment.
        cli = Cli::parse_from(std::env::args_os().chain([std::ffi::OsString::from("run")]));
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cliffhanger: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cliffhanger: {e:#}");
            ExitCode::FAILURE
        }
    };
    // What is left running (a question bank still being built for a
    // command that never needed it) ends with the process, unwaited.
    runtime.shutdown_background();
    code
}

async fn run(cli: Cli) -> Result<ExitCode> {
    let settings = cli.settings;
    let Some(command) = cli.command else {
        anyhow::bail!("no command given");
    };
    match command {
        Command::Run { bot, web } => run_bot(&settings, bot, web).await,
        Command::Web { web } => web_command(&settings, web).await,
        Command::Migrate => migrate_command(&settings).await,
        Command::Recount { server } => recount_command(&settings, server).await,
        Command::Import { json } => import_command(&settings, json).await,
        Command::Check {
            json,
            suggest_roster,
            write,
            only,
        } => check_command(&settings, json, suggest_roster, write, &only),
        Command::Console {
            user,
            channel,
            locale,
            no_manage,
        } => {
            let language = Language::from_tag(&locale);
            console_command(&settings, &user, &channel, language, !no_manage).await
        }
        Command::Questions {
            show,
            episode,
            json,
            why,
            sample,
            seed,
            review,
            server,
            up_to,
        } => {
            let output = match (json, why, review) {
                (true, _, _) => Listing::Json,
                (_, true, _) => Listing::Why,
                (_, _, true) => Listing::Review(server),
                _ => Listing::Text,
            };
            let sample = sample.map(|n| (n, seed.unwrap_or_else(rand::random)));
            let (show, episode) = (show.as_deref(), episode.as_deref());
            questions(&settings, show, episode, output, sample, up_to.as_deref()).await
        }
        Command::TriviaImport {
            file,
            format: _,
            show,
            episode,
            season,
            language,
        } => {
            trivia_import(
                &settings,
                &file,
                &show,
                episode.as_deref(),
                season,
                &language,
            )
            .await
        }
        Command::Show {
            what:
                ShowCommand::New {
                    slug,
                    tvmaze,
                    tvmaze_id,
                    update,
                },
        } => {
            let which = match (tvmaze, tvmaze_id) {
                (_, Some(id)) => cliffhanger::guide::Which::Id(id),
                (Some(name), None) => cliffhanger::guide::Which::Named(name),
                // --update reads the id the folder was made from.
                (None, None) => cliffhanger::guide::Which::Id(0),
            };
            show_new(&settings, &slug, &which, update).await
        }
        Command::Recap {
            what:
                RecapCommand::Add {
                    file,
                    show,
                    episode,
                    language,
                    title,
                    aired,
                    source,
                    force,
                },
        } => recap_add(
            &settings,
            &file,
            cliffhanger::seeds::plain::AddRecap {
                show: &show,
                episode: &episode,
                language: &language,
                title: title.as_deref(),
                aired: aired.as_deref(),
                source: source.as_deref(),
                force,
                text: "",
            },
        ),
        Command::Bench { what } => bench_command(what).await,
    }
}

/// `cliffhanger migrate`: migrates the database and says how it stands.
async fn migrate_command(settings: &Settings) -> Result<ExitCode> {
    let db = Db::connect(&settings.database_url).await?;
    let schema = db.schema().await;
    let backend = db.backend().name();
    db.close().await;
    let (applied, known) = schema?;
    println!(
        "{} ({backend}) is up to date: {applied} of {known} migrations applied.",
        cliffhanger::store::shown(&settings.database_url)
    );
    Ok(ExitCode::SUCCESS)
}

/// `cliffhanger recount [--server ID]`: the boards' totals counted anew.
async fn recount_command(settings: &Settings, server: Option<u64>) -> Result<ExitCode> {
    use cliffhanger::store::web;
    let db = Db::connect(&settings.database_url).await?;
    let counted = async {
        let servers = match server {
            Some(id) => vec![id],
            None => web::servers_with_games(&db).await?,
        };
        let now = cliffhanger::clock::system_now_ms();
        for id in &servers {
            web::recount(&db, *id, now).await?;
        }
        anyhow::Ok(servers.len())
    }
    .await;
    db.close().await;
    let counted = counted?;
    let servers = if counted == 1 { "server" } else { "servers" };
    println!("Boards counted anew from every answer: {counted} {servers}.");
    Ok(ExitCode::SUCCESS)
}

/// `cliffhanger bench …`: runs one benchmark and prints its figures.
async fn bench_command(what: BenchCommand) -> Result<ExitCode> {
    let figures = match what {
        BenchCommand::Import {
            episodes,
            sentences,
        } => bench::import(episodes, sentences).await?.to_string(),
        BenchCommand::Trivia {
            episodes,
            games,
            stored_games,
        } => bench::trivia(episodes, games, stored_games)
            .await?
            .to_string(),
        BenchCommand::Lookups { episodes, calls } => {
            bench::lookups(episodes, calls).await?.to_string()
        }
        BenchCommand::Web {
            games,
            players,
            requests,
        } => bench::web(games, players, requests).await?.to_string(),
        BenchCommand::Seeds {
            out,
            episodes,
            sentences,
        } => {
            bench::write_synthetic_seeds(&out, episodes, sentences, 42)?;
            format!(
                "wrote {episodes} synthetic episodes to {}\n",
                out.join("benchmark").display()
            )
        }
    };
    print!("{figures}");
    Ok(ExitCode::SUCCESS)
}

/// A spinner saying what is being done, at a terminal; nothing elsewhere.
fn spinner(what: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message(what.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// An import's progress: a bar of the recaps written, at a terminal and
/// once there are any to write; nothing elsewhere.
struct RecapBar(indicatif::ProgressBar);

impl RecapBar {
    fn new() -> RecapBar {
        let style = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {pos}/{len} recaps, {elapsed} so far, about {eta} to go",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        RecapBar(
            indicatif::ProgressBar::hidden()
                .with_style(style)
                .with_message("analysing and writing"),
        )
    }
}

impl Progress for RecapBar {
    fn recaps(&self, total: u64) {
        if total > 0 && self.0.is_hidden() && std::io::stderr().is_terminal() {
            self.0
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.0.inc_length(total);
    }
    fn written(&self, n: u64) {
        self.0.inc(n);
    }
}

impl Drop for RecapBar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Imports `seeds` into `db`, with a progress bar at a terminal.
async fn import_with_bar(db: &Db, seeds: &SeedSet) -> Result<ImportReport> {
    import_telling(db, seeds, &RecapBar::new()).await
}

/// `cliffhanger import`.
async fn import_command(settings: &Settings, json: bool) -> Result<ExitCode> {
    let Some(seeds) = load(settings) else {
        return Ok(ExitCode::FAILURE);
    };
    let db = Db::connect(&settings.database_url).await?;
    let report = import_with_bar(&db, &seeds).await;
    db.close().await;
    let report = report?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_import(settings, &report);
    }
    Ok(ExitCode::SUCCESS)
}

/// `cliffhanger check`.
fn check_command(
    settings: &Settings,
    json: bool,
    suggest_roster: bool,
    write: bool,
    only: &[String],
) -> Result<ExitCode> {
    use cliffhanger::seeds::check::{
        Suggestion, append_roster_entries, roster_entries, suggestions,
    };
    let report = check(&settings.seeds_dir);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_check(settings, &report);
    }
    if suggest_roster && report.valid {
        let offered = suggestions(&report.unknown_names);
        // Which to write: those named, or those picked at the terminal, or
        // (piped, none named) every one offered.
        let chosen: Vec<Suggestion> = if !write {
            offered.clone()
        } else if !only.is_empty() {
            let folded = |n: &str| cliffhanger::text::fold(n.trim());
            // "NAME", or "SHOW:NAME" for one show's.
            let matches = |n: &str, o: &Suggestion| match n.split_once(':') {
                Some((show, name)) => show.trim() == o.show && folded(name) == folded(&o.name),
                None => folded(n) == folded(&o.name),
            };
            let unknown: Vec<&String> = only
                .iter()
                .filter(|n| !offered.iter().any(|o| matches(n, o)))
                .collect();
            if !unknown.is_empty() {
                let names: Vec<&str> = offered.iter().map(|o| o.name.as_str()).collect();
                eprintln!(
                    "cliffhanger: --only names what is not suggested: {}; the suggestions are: {}",
                    unknown
                        .iter()
                        .map(|n| format!("“{n}”"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    names.join(", ")
                );
                return Ok(ExitCode::from(2));
            }
            offered
                .iter()
                .filter(|o| only.iter().any(|n| matches(n, o)))
                .cloned()
                .collect()
        } else if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
            pick(&offered)?
        } else {
            offered.clone()
        };
        let entries = roster_entries(&chosen);
        if entries.is_empty() {
            println!("\nNo roster entries to suggest.");
        }
        for (slug, text) in &entries {
            if write {
                match append_roster_entries(&settings.seeds_dir, slug, text) {
                    Ok(path) => {
                        let added = text.matches("[[characters]]").count();
                        println!(
                            "\nAdded {added} roster {} to {}.",
                            if added == 1 { "entry" } else { "entries" },
                            path.display()
                        );
                    }
                    Err(problem) => {
                        eprintln!("cliffhanger: {problem}");
                        return Ok(ExitCode::FAILURE);
                    }
                }
            } else {
                println!("\nRoster entries for {slug} (paste into its show.toml):\n{text}");
            }
        }
    }
    Ok(if report.valid && report.roster_spoilers.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Asks at the terminal, name by name, which suggestions to write.
fn pick(
    offered: &[cliffhanger::seeds::check::Suggestion],
) -> Result<Vec<cliffhanger::seeds::check::Suggestion>> {
    use std::io::{BufRead, Write};
    let mut chosen = Vec::new();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    for o in offered {
        print!(
            "Add “{}” to {} (named {} time{})? [y/N] ",
            o.name,
            o.show,
            o.times,
            if o.times == 1 { "" } else { "s" }
        );
        std::io::stdout().flush()?;
        let Some(answer) = lines.next().transpose()? else {
            break;
        };
        if matches!(answer.trim(), "y" | "Y" | "yes" | "j" | "ja") {
            chosen.push(o.clone());
        }
    }
    Ok(chosen)
}

/// `cliffhanger show new`: a show's seeds from the episode guide.
async fn show_new(
    settings: &Settings,
    slug: &str,
    which: &cliffhanger::guide::Which,
    update: bool,
) -> Result<ExitCode> {
    let asking = spinner("asking the episode guide and writing the show");
    let outcome = match cliffhanger::guide::Guide::from_env(update) {
        Ok(guide) => {
            cliffhanger::guide::write_show(&guide, &settings.seeds_dir, slug, which, update).await
        }
        Err(e) => Err(e),
    };
    asking.finish_and_clear();
    let w = match outcome {
        Ok(w) => w,
        Err(problem) => {
            eprintln!("cliffhanger: {problem}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let dir = settings.seeds_dir.join(slug);
    println!(
        "{} {} from TVmaze: {} written{}.",
        if update { "Updated" } else { "Made" },
        dir.display(),
        count(w.written.len(), "file"),
        if w.empty > 0 {
            format!(
                " ({} with no summary, so no recap yet)",
                count(w.empty, "episode")
            )
        } else {
            String::new()
        }
    );
    if !w.kept.is_empty() {
        println!(
            "Edited since they were written, so left alone: {}.",
            w.kept.join(", ")
        );
    }
    if !w.specials.is_empty() {
        println!("Specials have no place in the watch order and were skipped:");
        for special in &w.specials {
            println!("  {special}");
        }
    }
    println!(
        "Episode guide data: TVmaze, CC BY-SA 4.0 (credited in {}/show.toml and /about).",
        dir.display()
    );
    println!(
        "Next: cliffhanger check --suggest-roster, then add recaps with cliffhanger recap add."
    );
    Ok(ExitCode::SUCCESS)
}

/// `cliffhanger recap add`: a plain recap becomes a seed file, then the
/// seeds are checked and what the check says of the new recap is shown.
fn recap_add(
    settings: &Settings,
    file: &str,
    request: cliffhanger::seeds::plain::AddRecap<'_>,
) -> Result<ExitCode> {
    let text = if file == "-" {
        let mut text = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
            eprintln!("cliffhanger: cannot read the recap from standard input: {e}");
            return Ok(ExitCode::FAILURE);
        }
        text
    } else {
        match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("cliffhanger: cannot read {file}: {e}");
                return Ok(ExitCode::FAILURE);
            }
        }
    };
    let request = cliffhanger::seeds::plain::AddRecap {
        text: &text,
        ..request
    };
    let added = match cliffhanger::seeds::plain::add(&settings.seeds_dir, &request) {
        Ok(added) => added,
        Err(problem) => {
            eprintln!("cliffhanger: {problem}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let c = &added.converted;
    println!(
        "{} {}: {}{}, {}.",
        if added.replaced { "Replaced" } else { "Wrote" },
        added.path.display(),
        c.headline
            .as_ref()
            .map(|h| format!("headline \"{h}\", "))
            .unwrap_or_default(),
        if c.headings.is_empty() {
            "no section headings".to_string()
        } else {
            format!(
                "{} ({})",
                count(c.headings.len(), "section heading"),
                c.headings.join(", ")
            )
        },
        count(c.paragraphs, "paragraph")
    );
    let report = check(&settings.seeds_dir);
    let here: Vec<_> = report
        .unknown_names
        .iter()
        .filter(|u| u.occurrences.iter().any(|p| p.path == added.path))
        .collect();
    if here.is_empty() {
        println!("Every capitalised name in it is on the roster or in other_names.");
    } else {
        println!(
            "Names in it that match no roster entry (cliffhanger check --suggest-roster writes entries for them):"
        );
        for u in here {
            println!("  \"{}\" ({})", u.name, count(u.occurrences.len(), "time"));
        }
    }
    for note in &report.notes {
        println!("Note: {note}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `cliffhanger console`: the console, its games' leases kept while it
/// waits for input, and its games ended on Ctrl-C as at the end of input.
async fn console_command(
    settings: &Settings,
    user: &str,
    channel: &str,
    locale: Language,
    manage: bool,
) -> Result<ExitCode> {
    let Some(app) = start(settings, (!std::io::stdin().is_terminal()).then_some(0)).await? else {
        return Ok(ExitCode::FAILURE);
    };
    let interactive = std::io::stdin().is_terminal();
    let mut session = Session::new(user, channel, locale, manage, interactive);
    let app = std::sync::Arc::new(app);
    // The console's games keep their leases while it waits for input.
    {
        let app = app.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(10)).await;
                app.keep_leases().await;
            }
        });
    }
    // Ctrl-C ends the console's games with their points saved, as
    // the end of input and /quit do.
    {
        let app = app.clone();
        let mut session = session.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                if session.real_time {
                    session.clock_ms = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_millis() as i64);
                }
                match console::end_games(&app, &session).await {
                    Ok(ended) if !ended.is_empty() => println!("\n{ended}"),
                    Ok(_) => {}
                    Err(e) => {
                        eprintln!("cliffhanger: could not end the running games: {e:#}")
                    }
                }
                app.db().close().await;
                std::process::exit(130);
            }
        });
    }
    console::run(
        &app,
        &mut session,
        std::io::stdin().lock(),
        std::io::stdout().lock(),
        interactive,
    )
    .await?;
    app.db().close().await;
    Ok(ExitCode::SUCCESS)
}

/// Reads and validates the seeds (holding each recap without its text
/// until the import analyses it), printing every problem when they are bad.
fn load(settings: &Settings) -> Option<SeedSet> {
    let reading = spinner("checking the seeds");
    let loaded = load_seeds_lean(&settings.seeds_dir);
    reading.finish_and_clear();
    match loaded {
        Ok(seeds) => Some(seeds),
        Err(errors) => {
            eprint!("cliffhanger: {errors}");
            None
        }
    }
}

/// Start-up shared by the bot and the console: import the seeds (an
/// unchanged set writes nothing), then load the catalog. Broken seeds are
/// reported and the catalog already in the database is used; with nothing
/// there either, there is nothing to start.
async fn start(settings: &Settings, seed: Option<u64>) -> Result<Option<App>> {
    Ok(start_with(settings, seed, false).await?.map(|(app, _)| app))
}

/// [`start`], or for a serving process (`behind`) over a database that
/// holds a catalog already: that catalog loaded at once, and `true` for
/// the seeds to be looked over behind it ([`seeds_behind`]), so a restart
/// answers in well under a second however many seed files there are.
async fn start_with(
    settings: &Settings,
    seed: Option<u64>,
    behind: bool,
) -> Result<Option<(App, bool)>> {
    use cliffhanger::services::reload::{ImportOutcome, LastImport, Trigger};
    let db = Db::connect(&settings.database_url).await?;
    let at_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    if behind && db.has_catalog().await? {
        let app = App::new(db).await?;
        app.set_seeds(&settings.seeds_dir);
        app.trivia()
            .set_lease(std::time::Duration::from_secs(settings.game_lease_seconds));
        eprintln!(
            "cliffhanger: serving the catalog in {}; the seeds are looked over behind it",
            cliffhanger::store::shown(&settings.database_url)
        );
        return Ok(Some((app, true)));
    }
    let loaded = if cliffhanger::import::seeds_as_imported(&db, &settings.seeds_dir).await? {
        None
    } else {
        let reading = spinner("checking the seeds");
        let loaded = load_seeds_lean(&settings.seeds_dir);
        reading.finish_and_clear();
        Some(loaded)
    };
    let outcome = match loaded {
        None => {
            eprintln!(
                "cliffhanger: catalog ready in {}; the seeds look as they did when it was imported",
                cliffhanger::store::shown(&settings.database_url),
            );
            Some(ImportOutcome::Imported { changes: 0 })
        }
        Some(loaded) => imported(settings, &db, loaded).await?,
    };
    let Some(outcome) = outcome else {
        db.close().await;
        return Ok(None);
    };

    let app = match seed {
        Some(seed) => App::with_seed(db, seed).await?,
        None => App::new(db).await?,
    };
    app.set_seeds(&settings.seeds_dir);
    app.trivia()
        .set_lease(std::time::Duration::from_secs(settings.game_lease_seconds));
    app.record_import(LastImport {
        at_ms,
        trigger: Trigger::Start,
        outcome,
    })
    .await;
    Ok(Some((app, false)))
}

/// Imports the seeds as read (or, when they do not load, says so and
/// carries on with the catalog the database holds): what became of them,
/// or `None` when there is no catalog to start with.
async fn imported(
    settings: &Settings,
    db: &Db,
    loaded: Result<SeedSet, cliffhanger::error::SeedErrors>,
) -> Result<Option<cliffhanger::services::reload::ImportOutcome>> {
    use cliffhanger::services::reload::ImportOutcome;
    Ok(match loaded {
        Ok(seeds) => {
            let report = import_with_bar(db, &seeds).await?;
            eprintln!(
                "cliffhanger: catalog ready in {}: {}, {}, {} ({} imported now)",
                cliffhanger::store::shown(&settings.database_url),
                count(report.totals.shows, "show"),
                count(report.totals.episodes, "episode"),
                count(report.totals.facts, "fact"),
                count(report.changed.len(), "change")
            );
            Some(ImportOutcome::Imported {
                changes: report.changed.len(),
            })
        }
        Err(errors) => {
            eprint!("cliffhanger: {errors}");
            let totals = db.totals().await?;
            if totals.facts == 0 {
                eprintln!(
                    "cliffhanger: the database has no catalog either; fix the seeds and start again."
                );
                return Ok(None);
            }
            eprintln!(
                "cliffhanger: carrying on with the catalog already in {} ({}).",
                cliffhanger::store::shown(&settings.database_url),
                count(totals.facts, "fact")
            );
            Some(ImportOutcome::Refused(errors.0))
        }
    })
}

/// Imports the seeds behind a process already serving (see
/// [`start_with`]): what changed comes in as the seeds watcher brings an
/// edit, and the next request reads it; seeds that do not load leave the
/// catalog in use, and say why.
fn seeds_behind(app: &std::sync::Arc<App>) {
    use cliffhanger::services::reload::{ImportOutcome, Trigger};
    let app = app.clone();
    tokio::spawn(async move {
        let now = app.now_ms();
        let last = app.reload_catalog(Trigger::Start, now).await;
        // Stopped before it was done: nothing went wrong.
        if app.db().is_closed() {
            return;
        }
        match last.outcome {
            ImportOutcome::Imported { changes } => {
                eprintln!(
                    "cliffhanger: seeds looked over: {}",
                    count(changes, "change")
                );
            }
            ImportOutcome::Refused(problems) => {
                eprintln!(
                    "cliffhanger: the seeds do not load ({}); serving the catalog as it was",
                    count(problems.len(), "problem")
                );
            }
            ImportOutcome::Failed(why) => {
                eprintln!("cliffhanger: the seeds could not be imported: {why}");
            }
        }
    });
}

/// How `questions` lists what it finds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Listing {
    /// The questions, readably.
    Text,
    /// The questions as JSON.
    Json,
    /// The facts that make none, and why.
    Why,
    /// The questions that need a look (in one server's games, or all).
    Review(Option<u64>),
}

async fn questions(
    settings: &Settings,
    show: Option<&str>,
    episode: Option<&str>,
    output: Listing,
    sample: Option<(usize, u64)>,
    up_to: Option<&str>,
) -> Result<ExitCode> {
    let (Ok(up_to), Ok(episode)) = (code_option("--up-to ", up_to), code_option("", episode))
    else {
        return Ok(ExitCode::FAILURE);
    };
    let Some(app) = start(settings, None).await? else {
        return Ok(ExitCode::FAILURE);
    };
    let index = app.index();
    let shows: Vec<_> = match show {
        Some(slug) => match index.show(slug) {
            Some(s) => vec![s],
            None => {
                eprintln!("cliffhanger: there is no show \"{slug}\" in the catalog");
                return Ok(ExitCode::FAILURE);
            }
        },
        None => index.shows.iter().collect(),
    };
    if output == Listing::Why {
        return why_list(&app, &shows, episode).await;
    }
    let mut bank = Vec::new();
    // The draw of which-episode choices for `--up-to`: the same seed, the
    // same choices.
    let mut rng = {
        use rand::SeedableRng;
        rand::rngs::StdRng::seed_from_u64(sample.map_or(0, |(_, seed)| seed))
    };
    for s in shows {
        let last = s.episodes.last().map(|e| e.key);
        let making = spinner(&format!("making the questions of {}", s.slug));
        let made = app.question_bank(s).await?;
        making.finish_and_clear();
        for q in made.iter().cloned() {
            if episode.is_some_and(|e| q.episode != Some(e)) {
                continue;
            }
            match up_to {
                None => bank.push(q),
                Some(up_to) if q.episode.or(last).is_some_and(|e| e <= up_to) => {
                    bank.extend(cliffhanger::quiz::generate::fit_to_gate(
                        s, up_to, &q, &mut rng,
                    ));
                }
                Some(_) => {}
            }
        }
    }
    if let Listing::Review(server) = output {
        return review_list(app.db(), &bank, server).await;
    }
    app.db().close().await;
    if let Some((n, seed)) = sample {
        use rand::SeedableRng;
        use rand::seq::SliceRandom;
        bank.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
        bank.truncate(n);
        eprintln!("cliffhanger: {} drawn with --seed {seed}", bank.len());
    }
    let bank: Vec<AuthorView> = bank.iter().map(AuthorView::of).collect();
    if output == Listing::Json {
        println!("{}", serde_json::to_string_pretty(&bank)?);
        return Ok(ExitCode::SUCCESS);
    }
    for q in &bank {
        println!("{}", q.text());
    }
    println!("{}", count(bank.len(), "question"));
    Ok(ExitCode::SUCCESS)
}

/// An episode code given with `option` (its flag and a space, or nothing
/// for a bare `--episode`), read; an error is said on standard error.
fn code_option(option: &str, code: Option<&str>) -> std::result::Result<Option<EpisodeKey>, ()> {
    match code.map(|e| (e, EpisodeKey::parse(e))) {
        Some((e, None)) => {
            eprintln!(
                "cliffhanger: {option}\"{e}\" is not an episode code: write it as S01E12 or 1x12"
            );
            Err(())
        }
        Some((_, key)) => Ok(key),
        None => Ok(None),
    }
}

/// `questions --why`: the facts that make no questions, each with its
/// reason, then every question the others make with its score and the
/// signals behind it, asked or not, and the counts.
async fn why_list(
    app: &App,
    shows: &[&cliffhanger::index::Show],
    episode: Option<EpisodeKey>,
) -> Result<ExitCode> {
    let mut reasons: std::collections::BTreeMap<&str, usize> = Default::default();
    for s in shows {
        for (key, language, text, skip) in cliffhanger::quiz::skipped_facts(app.db(), s).await? {
            if episode.is_some_and(|e| e != key) {
                continue;
            }
            println!("{} {key} {language} [{}] {text}", s.slug, skip.reason());
            *reasons.entry(skip.reason()).or_default() += 1;
        }
    }
    // Every question the other facts make, with its score and the
    // signals behind it, asked or not.
    let (mut asked, mut dropped) = (0, 0);
    let mut signals: std::collections::BTreeMap<&str, usize> = Default::default();
    for s in shows {
        for q in cliffhanger::quiz::scored(app.db(), s).await? {
            if episode.is_some_and(|e| q.episode != Some(e)) {
                continue;
            }
            let Some(score) = &q.score else { continue };
            let verdict = if score.kept() {
                asked += 1;
                "asked"
            } else {
                dropped += 1;
                "dropped"
            };
            for signal in &score.signals {
                *signals.entry(signal.name()).or_default() += 1;
            }
            let view = AuthorView::of(&q);
            let lead = view.lead.map(|l| format!("({l}) ")).unwrap_or_default();
            println!(
                "{} {} {:?} {verdict} [{}] {lead}{}",
                s.slug,
                q.episode.map(|e| e.to_string()).unwrap_or_default(),
                q.kind,
                score.explained(),
                view.prompt
            );
        }
    }
    app.db().close().await;
    let total: usize = reasons.values().sum();
    println!("{} make no questions", count(total, "fact"));
    for (reason, n) in reasons {
        println!("  {reason}: {n}");
    }
    println!(
        "{} scored: {asked} asked (score at least {}), {dropped} dropped",
        count(asked + dropped, "question"),
        cliffhanger::quiz::score::THRESHOLD
    );
    for (signal, n) in signals {
        println!("  {signal}: {n}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `questions --review`: the questions members reported, and those nearly
/// everyone or nearly nobody gets right, worst first, with their figures.
async fn review_list(
    db: &cliffhanger::store::Db,
    bank: &[cliffhanger::quiz::generate::Question],
    server: Option<u64>,
) -> Result<ExitCode> {
    use cliffhanger::quiz::review::{self, Why};
    let records = cliffhanger::store::reviews::records(db, server.map(|s| s as i64)).await?;
    db.close().await;
    let by_key: std::collections::HashMap<&str, _> =
        bank.iter().map(|q| (q.key.as_str(), q)).collect();
    let mut shown = 0;
    for (r, why) in review::list(&records) {
        let Some(q) = by_key.get(r.key.as_str()) else {
            continue;
        };
        let rate = review::correct_rate(r)
            .map(|rate| format!("{rate}% right"))
            .unwrap_or_else(|| "too few answers for a rate".to_string());
        let why = match why {
            Why::Reported(n) => format!("reported by {}", count(n as usize, "member")),
            Why::TooEasy => "too easy".to_string(),
            Why::TooHard => "too hard".to_string(),
        };
        println!(
            "{} · {why} · asked {} · {} of {} answers right · {rate}",
            r.key,
            count(r.asked as usize, "time"),
            r.correct,
            r.players
        );
        println!("{}", AuthorView::of(q).text());
        shown += 1;
    }
    println!("{} to review", count(shown, "question"));
    Ok(ExitCode::SUCCESS)
}

async fn trivia_import(
    settings: &Settings,
    file: &std::path::Path,
    slug: &str,
    episode: Option<&str>,
    season: Option<u32>,
    language: &str,
) -> Result<ExitCode> {
    let fail = |message: String| {
        eprintln!("cliffhanger: {message}");
        Ok(ExitCode::FAILURE)
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => return fail(format!("cannot read {}: {e}", file.display())),
    };
    let flag_episode = match episode.map(|e| (e, EpisodeKey::parse(e))) {
        Some((e, None)) => {
            return fail(format!(
                "\"{e}\" is not an episode code: write it as S01E12 or 1x12"
            ));
        }
        Some((_, key)) => key,
        None => None,
    };
    let Some(app) = start(settings, None).await? else {
        return Ok(ExitCode::FAILURE);
    };
    let language = Language::parse(language).unwrap_or(Language::En);
    let outcome = app
        .import_trivia_list(cliffhanger::trivia::ListFile {
            file,
            text: &text,
            show: slug,
            episode: flag_episode,
            season,
            language,
        })
        .await;
    app.db().close().await;
    let imported = match outcome.map_err(Failure::into_reply) {
        Ok(imported) => imported,
        Err(problem) => {
            let problem = problem?.description();
            eprint!("cliffhanger: {problem}");
            if !problem.ends_with('\n') {
                eprintln!();
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    let whole = imported.questions - imported.with_episode;
    println!(
        "Imported {} from {} into {} ({} with an episode, {} spoiling the whole show{}).",
        count(imported.questions, "question"),
        file.display(),
        imported.show,
        imported.with_episode,
        whole,
        if imported.replaced > 0 {
            format!(
                "; replaced {} from an earlier import of this file",
                imported.replaced
            )
        } else {
            String::new()
        }
    );
    for (prompt, earlier, later) in &imported.listed_twice {
        println!(
            "{}:{later}: \"{prompt}\" is listed on line {earlier} too: the answers of line {later} are kept, as Red keeps them.",
            file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Exit code when the bot cannot run for want of a token.
const NO_TOKEN: u8 = 2;

async fn run_bot(
    settings: &Settings,
    mut config: cliffhanger::discord::Config,
    web: cliffhanger::web::WebConfig,
) -> Result<ExitCode> {
    config.token = config.token.trim().to_string();
    config.seeds = Some(settings.seeds_dir.clone());
    if let Err(e) = web.check() {
        eprintln!("cliffhanger: {e}");
        return Ok(ExitCode::from(2));
    }
    if let Err(e) = config.shard_plan() {
        eprintln!("cliffhanger: {e}");
        return Ok(ExitCode::from(NO_TOKEN));
    }
    // The first run on a new machine: someone at a terminal gets the
    // console on the bundled show, and a line on how to connect.
    if config.token.is_empty() && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
    {
        eprintln!(
            "No DISCORD_TOKEN, so here is the console: everything the bot does, on the bundled show \
             (/help lists the commands). To connect to Discord, put a bot token in .env (see \"On Discord\" in docs/operating.md)."
        );
        return console_command(settings, "player", "general", Language::En, true).await;
    }
    if config.token.is_empty() {
        eprintln!(
            "DISCORD_TOKEN is not set, so the bot cannot connect to Discord.\n\
             To run it: copy .env.example to .env and put your bot's token after DISCORD_TOKEN=\n\
             (Discord Developer Portal -> your application -> Bot -> Reset Token).\n\
             \n\
             Meanwhile, everything the bot does works offline in the console:\n\
             \x20 cargo run -- console   try /progress set episode:S01E12, /character Karen, /help\n\
             \x20 cargo run -- check     validate the seed recaps and list unknown names\n\
             \x20 cargo run -- import    import them and see facts and mentions per character"
        );
        return Ok(ExitCode::from(NO_TOKEN));
    }
    let Some((app, behind)) = start_with(settings, None, true).await? else {
        return Ok(ExitCode::FAILURE);
    };
    let app = std::sync::Arc::new(app);
    if behind {
        seeds_behind(&app);
    }
    app.trivia().set_web_url(web.base_url().as_deref());
    let pages = match web.addr {
        Some(_) => {
            let Some(listener) = listen_for_pages(&web).await else {
                return Ok(ExitCode::FAILURE);
            };
            let (app, web) = (app.clone(), web.clone());
            Some(tokio::spawn(async move {
                if let Err(e) =
                    cliffhanger::web::serve(listener, app, &web, shutdown_signal()).await
                {
                    tracing::error!(error = format!("{e:#}"), "the web pages stopped");
                }
            }))
        }
        None => None,
    };
    let outcome = cliffhanger::discord::serve(config, app.clone(), shutdown_signal()).await;
    if let Some(pages) = pages {
        pages.abort();
    }
    app.db().close().await;
    match outcome {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("cliffhanger: {e:#}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The web pages' address bound, or `None` having said why not.
async fn listen_for_pages(web: &cliffhanger::web::WebConfig) -> Option<tokio::net::TcpListener> {
    match cliffhanger::web::listen(web).await {
        Ok(l) => Some(l),
        Err(e) => {
            eprintln!("cliffhanger: {e:#}");
            None
        }
    }
}

/// `cliffhanger web`: the web pages alone, until Ctrl-C or SIGTERM.
async fn web_command(settings: &Settings, web: cliffhanger::web::WebConfig) -> Result<ExitCode> {
    if web.addr.is_none() {
        eprintln!(
            "cliffhanger: WEB_ADDR is not set: give the address to serve on, as WEB_ADDR=127.0.0.1:8080 or --web-addr"
        );
        return Ok(ExitCode::from(2));
    }
    if let Err(e) = web.check() {
        eprintln!("cliffhanger: {e}");
        return Ok(ExitCode::from(2));
    }
    let Some(listener) = listen_for_pages(&web).await else {
        return Ok(ExitCode::FAILURE);
    };
    let Some((app, behind)) = start_with(settings, None, true).await? else {
        return Ok(ExitCode::FAILURE);
    };
    let app = std::sync::Arc::new(app);
    if behind {
        seeds_behind(&app);
    }
    app.trivia().set_web_url(web.base_url().as_deref());
    let outcome = cliffhanger::web::serve(listener, app.clone(), &web, shutdown_signal()).await;
    app.db().close().await;
    match outcome {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("cliffhanger: {e:#}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// "1 show", "2 shows".
fn count(n: impl TryInto<i64>, noun: &str) -> String {
    let n: i64 = n.try_into().unwrap_or(i64::MAX);
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn print_import(settings: &Settings, r: &ImportReport) {
    let t = &r.totals;
    println!(
        "Imported {} into {}",
        settings.seeds_dir.display(),
        cliffhanger::store::shown(&settings.database_url)
    );
    println!(
        "  {}, {}, {}, {}, {}, {}, {}",
        count(t.shows, "show"),
        count(t.episodes, "episode"),
        count(t.recaps, "recap"),
        count(t.characters, "character"),
        count(t.facts, "fact"),
        count(t.mentions, "mention"),
        count(t.numbers, "number")
    );
    println!("\nMentions per character:");
    let width = r
        .mentions_by_character
        .iter()
        .map(|m| m.name.chars().count())
        .max()
        .unwrap_or(0);
    for m in &r.mentions_by_character {
        println!(
            "  {:<8} {:<width$}  {:<10} {:>5}",
            m.show, m.name, m.kind, m.mentions
        );
    }
    if r.changed.is_empty() {
        println!("\nNothing changed: the database already matches the seeds.");
    } else {
        println!("\nChanged ({} rows written):", r.rows_written);
        for c in &r.changed {
            println!("  {c}");
        }
    }
    for show in &r.shows_not_in_seeds {
        println!(
            "\nNote: the database has a show \"{show}\" that the seeds no longer have; it was kept as it is."
        );
    }
}

fn print_check(settings: &Settings, r: &CheckReport) {
    let dir = settings.seeds_dir.display();
    if !r.valid {
        println!(
            "{dir} is not valid: {} problem{} to fix before it can be imported:",
            r.errors.len(),
            if r.errors.len() == 1 { "" } else { "s" }
        );
        for e in &r.errors {
            println!("  {e}");
        }
        return;
    }
    println!(
        "{dir} {}: {}, {}, {}, {}, {}.",
        if r.roster_spoilers.is_empty() {
            "is valid"
        } else {
            "loads, but its roster tells more than some episodes allow (listed below)"
        },
        count(r.shows, "show"),
        count(r.episodes, "episode"),
        count(r.recaps, "recap"),
        count(r.facts, "fact"),
        count(r.mentions, "mention")
    );
    if !r.shared_names.is_empty() {
        println!("\nNames several characters share (tagged as none of them):");
        for s in &r.shared_names {
            let used = if s.occurrences.is_empty() {
                "not used in any recap".to_string()
            } else {
                let places: Vec<String> = s.occurrences.iter().map(ToString::to_string).collect();
                format!("untagged at {}", places.join(", "))
            };
            println!(
                "  {}: \"{}\" is a name of {}; {used}",
                s.show,
                s.name,
                s.characters.join(" and ")
            );
        }
    }
    if !r.roster_spoilers.is_empty() {
        println!(
            "\nRoster text that tells more than its episode allows (members who may read it have not met these yet):"
        );
        for s in &r.roster_spoilers {
            println!("  {s}");
        }
    }
    if r.unknown_names.is_empty() {
        println!("\nEvery capitalised name in the recaps is on the roster or in other_names.");
    } else {
        println!(
            "\nCapitalised names that match no roster entry (add them to show.toml as characters, or to other_names):"
        );
        for u in &r.unknown_names {
            let places: Vec<String> = u.occurrences.iter().map(ToString::to_string).collect();
            println!(
                "  {}: \"{}\" ({}, first in {}) at {}",
                u.show,
                u.name,
                count(u.occurrences.len(), "time"),
                u.first_episode,
                places.join(", ")
            );
        }
    }
    for note in &r.notes {
        println!("\nNote: {note}");
    }
}
