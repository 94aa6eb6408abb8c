//! Plain-text recaps, as sites publish them (a headline line, headings on
//! lines of their own, paragraphs), turned into seed files: front matter,
//! an optional `# headline`, `## Section` headings and the paragraphs as
//! written.

use crate::model::{EpisodeKey, Language};

/// What a seed file says about its recap besides the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecapMeta {
    /// The episode.
    pub episode: EpisodeKey,
    /// The episode's title.
    pub title: String,
    /// The recap's language.
    pub language: Language,
    /// First air date, `YYYY-MM-DD`, if known.
    pub aired: Option<String>,
    /// Where the recap comes from.
    pub source: Option<String>,
}

/// How a plain recap was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The seed file.
    pub text: String,
    /// The headline found, if any.
    pub headline: Option<String>,
    /// The section headings found, in order.
    pub headings: Vec<String>,
    /// Paragraphs (list items count one each).
    pub paragraphs: usize,
}

/// Why a plain recap could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PlainError {
    /// Nothing but blank lines.
    Empty,
    /// The text already is a seed file (front matter).
    AlreadySeed,
}

impl std::fmt::Display for PlainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlainError::Empty => write!(f, "the recap is empty"),
            PlainError::AlreadySeed => write!(
                f,
                "the recap starts with +++ front matter: it is a seed file already; copy it into the show's episodes folder instead"
            ),
        }
    }
}

/// The longest a headline or a heading may be, in words.
const HEADING_WORDS: usize = 12;

/// Whether `line` reads as a title rather than a sentence: short, and not
/// ending as sentences do.
fn title_like(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.split_whitespace().count() <= HEADING_WORDS
        && line.chars().count() <= 100
        && !line.ends_with(['.', '!', '?', '…', ',', ';', ':', '"', '“', '”', '„'])
        && line
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "'‘\"“„".contains(c))
        && !is_item(line)
}

/// Whether `line` reads as a page's headline: a title, or a short line
/// ending as headlines do, in "!", "?", "…" or a quotation ("Run, Walt,
/// Run!", "Who Took Will?", "Holly, Jolly…").
fn headline_like(line: &str) -> bool {
    let line = line.trim();
    title_like(line)
        || (line.split_whitespace().count() <= HEADING_WORDS
            && line.chars().count() <= 100
            && line.starts_with(|c: char| {
                c.is_uppercase() || c.is_ascii_digit() || "'‘\"“„".contains(c)
            })
            && line.ends_with(['!', '?', '…', '"', '“', '”'])
            && !is_item(line))
}

/// Whether `line` is a label and its value rather than a heading
/// ("Written By: David Benioff", "MVP: Hank", "Rating 4 out of 5").
fn label_like(line: &str) -> bool {
    let line = line.trim();
    let scored = line.chars().any(|c| c.is_ascii_digit())
        && [" out of ", " von ", "/10", "/5", " of 5", " of 10"]
            .iter()
            .any(|w| line.contains(w));
    line.contains(": ") || scored
}

/// Whether `line` is a list item ("- ", "* ", "• ").
fn is_item(line: &str) -> bool {
    let line = line.trim_start();
    ["- ", "* ", "• "].iter().any(|m| line.starts_with(m))
}

/// Reads a plain recap: blocks of lines between blank lines are
/// paragraphs (each line one, where the text has no blank lines at all);
/// a first line that reads as a title is the headline; a one-line block
/// that reads as a title, with text after it, is a section heading.
pub(crate) fn convert(plain: &str, meta: &RecapMeta) -> Result<Converted, PlainError> {
    let text = plain.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(PlainError::Empty);
    }
    if text.trim_start().starts_with("+++") {
        return Err(PlainError::AlreadySeed);
    }
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let blank_lines = lines.iter().any(|l| l.trim().is_empty());
    // Blocks of lines, each a paragraph (list items apart).
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in &lines {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else if !blank_lines || is_item(line) {
            // A list goes on while items follow items.
            let list_goes_on = is_item(line) && current.iter().all(|l| is_item(l));
            if !current.is_empty() && !list_goes_on {
                blocks.push(std::mem::take(&mut current));
            }
            current.push(line.trim());
            if !blank_lines && !is_item(line) {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            if current.first().is_some_and(|l| is_item(l)) {
                blocks.push(std::mem::take(&mut current));
            }
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    // A headline: the first line, reading as a title, with text after it
    // (in its block or the next).
    let mut headline = None;
    let mut start = 0;
    if (blocks.len() > 1 || blocks[0].len() > 1) && headline_like(blocks[0][0]) {
        headline = Some(blocks[0][0].to_string());
        blocks[0].remove(0);
        if blocks[0].is_empty() {
            start = 1;
        }
    }
    let mut body = String::new();
    let mut headings = Vec::new();
    let mut paragraphs = 0;
    for (i, block) in blocks.iter().enumerate().skip(start) {
        let last = i + 1 == blocks.len();
        if block.is_empty() {
            continue;
        }
        if block.len() == 1 && title_like(block[0]) && !label_like(block[0]) && !last && blank_lines
        {
            headings.push(block[0].to_string());
            body.push_str(&format!("## {}\n\n", block[0]));
            continue;
        }
        if block.iter().all(|l| is_item(l)) {
            for item in block {
                // Items as the seed format writes them.
                let text = item.trim_start()[2..].trim_start();
                body.push_str("- ");
                body.push_str(text);
                body.push('\n');
            }
            paragraphs += block.len();
        } else {
            // One line: a wrapped line starting "15. Mai" is no list item.
            body.push_str(&block.join(" "));
            body.push('\n');
            paragraphs += 1;
        }
        body.push('\n');
    }
    let mut out = String::from("+++\n");
    out.push_str(&format!("season = {}\n", meta.episode.season));
    out.push_str(&format!("episode = {}\n", meta.episode.episode));
    out.push_str(&format!("title = {}\n", super::toml_string(&meta.title)));
    out.push_str(&format!("language = \"{}\"\n", meta.language.code()));
    if let Some(aired) = &meta.aired {
        out.push_str(&format!("aired = {aired}\n"));
    }
    if let Some(source) = &meta.source {
        out.push_str(&format!("source = {}\n", super::toml_string(source)));
    }
    out.push_str("+++\n\n");
    if let Some(h) = &headline {
        out.push_str(&format!("# {h}\n\n"));
    }
    out.push_str(body.trim_end());
    out.push('\n');
    Ok(Converted {
        text: out,
        headline,
        headings,
        paragraphs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(language: Language) -> RecapMeta {
        RecapMeta {
            episode: EpisodeKey::new(1, 12),
            title: "Publicity".to_string(),
            language,
            aired: Some("2012-04-23".to_string()),
            source: Some("A \"site\"".to_string()),
        }
    }

    #[test]
    fn a_headline_headings_paragraphs_and_items_are_found() {
        let plain = "'Smash' Recap: Stealing the Limelight\n\
                     Ever wondered what a PG show makes of clubbing? This week we found out.\n\n\
                     Club Song\n\n\
                     Derek tells Karen she is his Marilyn.\nThen they go out.\n\n\
                     - Karen sings.\n- Dev sulks.\n\n\
                     New Song\n\n\
                     Duvall suggests a new song.\n";
        let c = convert(plain, &meta(Language::En)).unwrap();
        assert_eq!(
            c.headline.as_deref(),
            Some("'Smash' Recap: Stealing the Limelight")
        );
        assert_eq!(c.headings, vec!["Club Song", "New Song"]);
        assert_eq!(c.paragraphs, 5);
        assert!(c.text.starts_with(
            "+++\nseason = 1\nepisode = 12\ntitle = \"Publicity\"\nlanguage = \"en\"\naired = 2012-04-23\nsource = \"A \\\"site\\\"\"\n+++\n\n# 'Smash' Recap: Stealing the Limelight\n\n"
        ), "{}", c.text);
        assert!(c.text.contains("## Club Song\n\nDerek tells Karen she is his Marilyn. Then they go out.\n\n- Karen sings.\n- Dev sulks.\n\n## New Song\n\nDuvall suggests a new song.\n"), "{}", c.text);
    }

    #[test]
    fn a_headline_may_end_as_headlines_do_and_a_label_is_no_heading() {
        let plain = "Run, Walt, Run!\n\n\
                     Walt drives the RV into the desert.\n\n\
                     Written By: Vince Gilligan\n\n\
                     Jesse cooks.\n\n\
                     Rating 4 out of 5\n\n\
                     Hank is promoted.\n";
        let c = convert(plain, &meta(Language::En)).unwrap();
        assert_eq!(c.headline.as_deref(), Some("Run, Walt, Run!"));
        assert!(c.headings.is_empty(), "{:?}", c.headings);
        let c = convert(
            "Who Took Will?\n\nJoyce calls the police.\n",
            &meta(Language::En),
        )
        .unwrap();
        assert_eq!(c.headline.as_deref(), Some("Who Took Will?"));
        // A sentence is no headline, whatever it ends in.
        let c = convert(
            "Will goes missing after a long night of Dungeons and Dragons with his three friends in the basement!\n\nJoyce calls.\n",
            &meta(Language::En),
        )
        .unwrap();
        assert_eq!(c.headline, None);
    }

    #[test]
    fn without_blank_lines_every_line_is_a_paragraph_and_no_heading() {
        let plain = "Tom steht auf der Bühne. Er wacht auf.\nDie Vorpremieren laufen.\nKurz\n";
        let c = convert(plain, &meta(Language::De)).unwrap();
        assert_eq!(c.headline, None);
        assert!(c.headings.is_empty());
        assert_eq!(c.paragraphs, 3);
        assert!(c.text.ends_with("+++\n\nTom steht auf der Bühne. Er wacht auf.\n\nDie Vorpremieren laufen.\n\nKurz\n"), "{}", c.text);
    }

    #[test]
    fn empty_text_and_seed_files_are_refused() {
        assert_eq!(
            convert(" \n\n", &meta(Language::En)),
            Err(PlainError::Empty)
        );
        assert_eq!(
            convert("+++\nseason = 1\n+++\n", &meta(Language::En)),
            Err(PlainError::AlreadySeed)
        );
    }
}

/// A plain recap to add to a show's seeds.
#[derive(Debug, Clone)]
pub struct AddRecap<'a> {
    /// The show's slug (its folder in the seeds).
    pub show: &'a str,
    /// The episode code as given ("S01E12", "1x12").
    pub episode: &'a str,
    /// The language as given ("en", "de").
    pub language: &'a str,
    /// The episode's title; taken from another recap of the episode when
    /// not given.
    pub title: Option<&'a str>,
    /// The air date; taken from another recap of the episode when not
    /// given.
    pub aired: Option<&'a str>,
    /// Where the recap comes from.
    pub source: Option<&'a str>,
    /// Replace a recap of the same episode and language.
    pub force: bool,
    /// The plain text.
    pub text: &'a str,
}

/// What adding a recap did.
#[derive(Debug, Clone)]
pub struct Added {
    /// The seed file written.
    pub path: std::path::PathBuf,
    /// How the text was read.
    pub converted: Converted,
    /// Whether it replaced a recap.
    pub replaced: bool,
}

/// Turns a plain recap into a seed file of its show, refusing an unknown
/// show, a bad episode code or language, an empty text, or an existing
/// recap of that episode and language (unless `force`). The file is kept
/// only if the seeds still load; otherwise what was there is put back and
/// the problems are returned.
pub fn add(seeds: &std::path::Path, r: &AddRecap<'_>) -> Result<Added, String> {
    let (episode, language) = read_options(r)?;
    let show_dir = seeds.join(r.show);
    if !show_dir.join("show.toml").is_file() {
        return Err(no_such_show(seeds, r.show));
    }
    // What the other recaps of the episode say of it.
    let loaded = super::seed::load_seeds(seeds).map_err(|e| {
        format!(
            "the seeds do not load as they are; fix them first:\n  {}",
            e.listed()
        )
    })?;
    let siblings: Vec<&crate::model::seed::RecapFile> = loaded
        .shows
        .iter()
        .filter(|s| s.slug == r.show)
        .flat_map(|s| &s.recaps)
        .filter(|f| f.season == episode.season && f.episode == episode.episode)
        .collect();
    let title = match r.title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => siblings.first().map(|f| f.title.clone()).ok_or_else(|| {
            format!("no recap of {episode} gives its title yet: give it with --title")
        })?,
    };
    let aired = r
        .aired
        .map(str::to_string)
        .or_else(|| siblings.iter().find_map(|f| f.aired.clone()));
    let meta = RecapMeta {
        episode,
        title,
        language,
        aired,
        source: r.source.map(str::to_string),
    };
    let converted = convert(r.text, &meta).map_err(|e| e.to_string())?;
    let same = siblings.iter().find(|f| f.language == language);
    // The recap it replaces keeps its file name.
    let path = same.map_or_else(
        || {
            show_dir.join("episodes").join(format!(
                "s{:02}e{:02}.{}.md",
                episode.season,
                episode.episode,
                language.code()
            ))
        },
        |f| f.path.clone(),
    );
    // The episode guide's summary gives way to a recap without asking.
    let summary = same.is_some_and(|f| f.source.as_deref() == Some(super::GUIDE_SOURCE));
    if let Some(existing) = same
        && !r.force
        && !summary
    {
        return Err(format!(
            "{} has a {} recap already ({}): add --force to replace it",
            episode,
            language.code(),
            existing.path.display()
        ));
    }
    // A file of that name that is not this episode's recap is someone
    // else's: never written over.
    if same.is_none() && path.exists() {
        return Err(format!(
            "{} exists and is not a {} recap of {episode}: move it, or name the episode it is",
            path.display(),
            language.code()
        ));
    }
    // The file alone is checked before it is written, so that a watcher
    // of the seeds never sees a broken one.
    if let Err(e) = super::seed::check_recap_text(&path, &converted.text) {
        return Err(format!(
            "the recap would not load, so nothing was written:\n  {}",
            e.listed()
        ));
    }
    let replaced = write_checked(seeds, &show_dir, &path, &converted.text)?;
    Ok(Added {
        path,
        converted,
        replaced,
    })
}

/// The episode and language `r` names, once its show's slug and its air
/// date are seen to be well formed; or what is wrong with them.
fn read_options(r: &AddRecap<'_>) -> Result<(EpisodeKey, Language), String> {
    let episode = EpisodeKey::parse(r.episode).ok_or_else(|| {
        format!(
            "\"{}\" is not an episode code: write it as S01E12 or 1x12",
            r.episode
        )
    })?;
    let language = Language::parse(r.language.trim())
        .ok_or_else(|| format!("\"{}\" is not a language: use en or de", r.language))?;
    if !crate::text::is_slug(r.show) {
        return Err(format!(
            "\"{}\" is not a show's slug: use the show's folder name, e.g. \"{}\"",
            r.show,
            crate::text::slugify(r.show)
        ));
    }
    if let Some(aired) = r.aired
        && !(aired.len() == 10
            && aired.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            }))
    {
        return Err(format!(
            "\"{aired}\" is not an air date: write it as 2012-04-23"
        ));
    }
    Ok((episode, language))
}

/// What to tell someone who named a show `seeds` does not hold.
fn no_such_show(seeds: &std::path::Path, show: &str) -> String {
    let mut shows: Vec<String> = std::fs::read_dir(seeds)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("show.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    shows.sort();
    format!(
        "there is no show \"{}\" in {} (shows there: {}); start one with its show.toml",
        show,
        seeds.display(),
        if shows.is_empty() {
            "none".to_string()
        } else {
            shows.join(", ")
        }
    )
}

/// Writes `text` to `path` in `show_dir` and keeps it only if the seeds
/// still load; otherwise puts back what was there. Whether it replaced a
/// file.
fn write_checked(
    seeds: &std::path::Path,
    show_dir: &std::path::Path,
    path: &std::path::Path,
    text: &str,
) -> Result<bool, String> {
    let before = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    std::fs::create_dir_all(show_dir.join("episodes"))
        .map_err(|e| format!("cannot create {}: {e}", show_dir.join("episodes").display()))?;
    super::write_whole(path, text)?;
    if let Err(e) = super::seed::load_seeds(seeds) {
        match &before {
            Some(text) => super::write_whole(path, text)?,
            None => std::fs::remove_file(path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?,
        }
        return Err(format!(
            "the recap would not load, so nothing was written:\n  {}",
            e.listed()
        ));
    }
    Ok(before.is_some())
}
