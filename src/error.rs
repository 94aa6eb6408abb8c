//! Errors a seed author has to fix: each names the file, the line and the
//! column, and says in a plain sentence what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// One problem in a seed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeedError {
    /// The file (or folder) the problem is in.
    pub path: PathBuf,
    /// 1-based line, when the problem has a place inside the file.
    pub line: Option<usize>,
    /// 1-based column (in characters), when the problem has a place.
    pub column: Option<usize>,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl SeedError {
    /// A problem at `line`:`column` of `path`.
    pub fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        SeedError {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }

    /// A problem with a whole file or folder.
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        SeedError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a seed set; importing stops before writing anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedErrors(pub Vec<SeedError>);

impl fmt::Display for SeedErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(
            f,
            "the seeds have {n} problem{}; nothing was imported:",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SeedErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_path_line_and_column() {
        let e = SeedError::at(Path::new("seeds/x/show.toml"), 3, 7, "bad thing");
        assert_eq!(e.to_string(), "seeds/x/show.toml:3:7: bad thing");
        let e = SeedError::file(Path::new("seeds/x"), "no show.toml");
        assert_eq!(e.to_string(), "seeds/x: no show.toml");
    }
}
