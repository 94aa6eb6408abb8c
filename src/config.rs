//! Settings, from the command line or the environment (`.env` is read by
//! `main` with dotenvy before anything else).

use std::path::PathBuf;

/// Where the database is when nothing says otherwise.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://cliffhanger.db";

/// Where the seeds are when nothing says otherwise.
pub const DEFAULT_SEEDS_DIR: &str = "seeds";

/// Settings shared by every command.
#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// SQLite database URL; the file is created when missing.
    #[arg(long = "database", env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    /// Folder of seed recaps, one sub-folder per show.
    #[arg(long = "seeds", env = "SEEDS_DIR", default_value = DEFAULT_SEEDS_DIR, global = true)]
    pub seeds_dir: PathBuf,
}
