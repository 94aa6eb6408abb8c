//! Settings, from the command line or the environment (`.env` is read by
//! `main` with dotenvy before anything else).

use std::path::PathBuf;

/// Where the database is when nothing says otherwise.
pub(crate) const DEFAULT_DATABASE_URL: &str = "sqlite://cliffhanger.db";

/// Where the seeds are when nothing says otherwise.
pub(crate) const DEFAULT_SEEDS_DIR: &str = "seeds";

/// Settings shared by every command.
#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// Database URL: sqlite://FILE (created when missing) or
    /// postgres://USER@HOST/DATABASE for many processes.
    #[arg(long = "database", env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    /// Folder of seed recaps, one sub-folder per show.
    #[arg(long = "seeds", env = "SEEDS_DIR", default_value = DEFAULT_SEEDS_DIR, global = true)]
    pub seeds_dir: PathBuf,

    /// How long a trivia game's lease lasts, in seconds: when a process
    /// dies, another ends its games (points kept) within this and a third.
    #[arg(long = "game-lease", env = "GAME_LEASE_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600), global = true)]
    pub game_lease_seconds: u64,
}
