//! Errors. A seed author's: each names the file, the line and the column,
//! and says in a plain sentence what is wrong. A request's ([`Failure`]):
//! either a reply that tells the member what to change, or an internal
//! error the front end logs with an id.

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

impl SeedErrors {
    /// The problems, one a line, the lines after the first indented: for a
    /// message that says what they stopped.
    pub fn listed(&self) -> String {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        lines.join("\n  ")
    }
}

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

/// Why a request got no answer of its own: the member is told why, in
/// their language ([`Failure::Told`]), or something inside broke
/// ([`Failure::Internal`]). Services return it with `?`; the façade turns a
/// `Told` into the reply once, for every front end.
#[derive(Debug)]
pub enum Failure {
    /// A reply that explains what to change (an unknown name, a missing
    /// permission, a write to try again).
    Told(Box<crate::reply::Reply>),
    /// A database or other internal error.
    Internal(anyhow::Error),
}

/// What a service returns.
pub type Outcome<T> = Result<T, Failure>;

/// Ends a request with `reply` as its answer.
pub fn refuse<T>(reply: crate::reply::Reply) -> Outcome<T> {
    Err(Failure::Told(Box::new(reply)))
}

impl From<crate::reply::Reply> for Failure {
    fn from(reply: crate::reply::Reply) -> Self {
        Failure::Told(Box::new(reply))
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Internal(e)
    }
}

impl From<sqlx::Error> for Failure {
    fn from(e: sqlx::Error) -> Self {
        Failure::Internal(e.into())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Told(reply) => {
                let title = reply.title.iter().map(String::as_str);
                let text: Vec<&str> = title
                    .chain(reply.lines.iter().map(String::as_str))
                    .collect();
                write!(f, "told the member: {}", text.join(" / "))
            }
            Failure::Internal(e) => write!(f, "{e:#}"),
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::Told(_) => None,
            Failure::Internal(e) => Some(e.as_ref()),
        }
    }
}

impl Failure {
    /// The member's answer: the reply that explains, or the internal error
    /// for the front end to log and apologise for.
    pub fn into_reply(self) -> anyhow::Result<crate::reply::Reply> {
        match self {
            Failure::Told(reply) => Ok(*reply),
            Failure::Internal(e) => Err(e),
        }
    }

    /// For answers made of several replies.
    pub fn into_replies(self) -> anyhow::Result<Vec<crate::reply::Reply>> {
        self.into_reply().map(|r| vec![r])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_says_what_the_member_was_told_or_what_broke() {
        let told = Failure::from(crate::reply::Reply::line("No episode S09E01."));
        assert_eq!(told.to_string(), "told the member: No episode S09E01.");
        assert!(std::error::Error::source(&told).is_none());
        let broke = Failure::from(anyhow::anyhow!("disk full").context("storing an answer"));
        assert_eq!(broke.to_string(), "storing an answer: disk full");
        let source = std::error::Error::source(&broke).unwrap();
        assert_eq!(source.to_string(), "storing an answer");
    }

    #[test]
    fn display_has_path_line_and_column() {
        let e = SeedError::at(Path::new("seeds/x/show.toml"), 3, 7, "bad thing");
        assert_eq!(e.to_string(), "seeds/x/show.toml:3:7: bad thing");
        let e = SeedError::file(Path::new("seeds/x"), "no show.toml");
        assert_eq!(e.to_string(), "seeds/x: no show.toml");
    }
}
