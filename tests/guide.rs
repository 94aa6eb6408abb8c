//! `cliffhanger show new` against a local server shaped like TVmaze's
//! API: no network.

mod support;
use support::DefaultDatabase;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// What the fake guide serves, and what it was asked.
#[derive(Default)]
struct State {
    /// Requests by path.
    asked: HashMap<String, usize>,
    /// The third episode has aired (and the second has a summary now).
    later: bool,
}

fn episodes(later: bool) -> String {
    let mut list = vec![
        r#"{"id": 11, "season": 1, "number": 1, "name": "Pilot", "airdate": "2012-02-06",
            "summary": "<p>Karen &amp; Ivy audition for <i>Marilyn</i>.</p><p>Tom&#39;s song wins.</p>"}"#
            .to_string(),
        format!(
            r#"{{"id": 12, "season": 1, "number": 2, "name": "The Callback", "airdate": "2012-02-13",
                "summary": {}}}"#,
            if later { r#""<p>Derek calls Karen back.</p>""# } else { "null" }
        ),
        r#"{"id": 13, "season": 1, "number": null, "name": "Behind the Music", "airdate": "2012-03-01",
            "summary": "<p>A look behind the scenes.</p>"}"#
            .to_string(),
    ];
    if later {
        list.push(
            r#"{"id": 14, "season": 1, "number": 3, "name": "Enter Mr. DiMaggio", "airdate": "2012-02-20",
                "summary": "<p>Eileen wants a star.</p>"}"#
                .to_string(),
        );
    }
    format!("[{}]", list.join(","))
}

const SHOW: &str = r#"{"id": 1, "name": "Smash", "url": "https://www.tvmaze.com/shows/1/smash",
    "premiered": "2012-02-06", "ended": "2013-05-26", "network": {"name": "NBC"}}"#;

const CAST: &str = r#"[
    {"person": {"name": "Katharine McPhee"}, "character": {"name": "Karen Cartwright"}},
    {"person": {"name": "Megan Hilty"}, "character": {"name": "Ivy Lynn"}},
    {"person": {"name": "Debra Messing"}, "character": {"name": "Julia Houston"}},
    {"person": {"name": "Christian Borle"}, "character": {"name": "Tom Levitt"}},
    {"person": {"name": "Jack Davenport"}, "character": {"name": "Derek Wills"}},
    {"person": {"name": "Anjelica Huston"}, "character": {"name": "Eileen Rand"}}
]"#;

/// Serves the fake guide on a free port; returns its URL.
fn serve(state: Arc<Mutex<State>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // The headers, up to the blank line.
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (status, body, extra) = {
                let mut s = state.lock().unwrap();
                let times = {
                    let n = s.asked.entry(path.clone()).or_default();
                    *n += 1;
                    *n
                };
                match path.as_str() {
                    "/singlesearch/shows?q=Smash" | "/shows/1" => ("200 OK", SHOW.to_string(), ""),
                    // The first ask for the episodes is one too many.
                    "/shows/1/episodes?specials=1" if times == 1 => (
                        "429 Too Many Requests",
                        "{}".to_string(),
                        "Retry-After: 1\r\n",
                    ),
                    "/shows/1/episodes?specials=1" => ("200 OK", episodes(s.later), ""),
                    "/shows/1/cast" => ("200 OK", CAST.to_string(), ""),
                    _ => ("404 Not Found", "{}".to_string(), ""),
                }
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

fn cli(dir: &Path, url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cliffhanger"))
        .args(args)
        .current_dir(dir)
        .env("SEEDS_DIR", "seeds")
        .env("TVMAZE_URL", url)
        .env("CLIFFHANGER_CACHE_DIR", dir.join("cache"))
        .default_database(dir)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn a_show_from_the_episode_guide_imports_and_updates_without_touching_edits() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("seeds")).unwrap();
    let state = Arc::new(Mutex::new(State::default()));
    let url = serve(state.clone());

    let o = cli(dir, &url, &["show", "new", "smash", "--tvmaze", "Smash"]);
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("Made seeds/smash from TVmaze: 3 files written (1 episode with no summary, so no recap yet)."),
        "{out}"
    );
    assert!(
        out.contains("  S01 special \"Behind the Music\" (2012-03-01)"),
        "{out}"
    );
    // The 429 was waited out, and asked again.
    assert_eq!(
        state.lock().unwrap().asked["/shows/1/episodes?specials=1"],
        2
    );

    let show = std::fs::read_to_string(dir.join("seeds/smash/show.toml")).unwrap();
    assert!(
        show.contains("title = \"Smash\"\nnetwork = \"NBC\"\nyears = \"2012–2013\"\n"),
        "{show}"
    );
    assert!(
        show.contains("credits = \"Episode guide: TVmaze (https://www.tvmaze.com/shows/1/smash), CC BY-SA 4.0\""),
        "{show}"
    );
    assert!(
        show.contains("[[characters]]\nname = \"Karen Cartwright\"\naliases = [\"Karen\"]\nkind = \"person\"\nplayed_by = \"Katharine McPhee\"\n"),
        "{show}"
    );
    let pilot = std::fs::read_to_string(dir.join("seeds/smash/episodes/s01e01.en.md")).unwrap();
    assert_eq!(
        pilot,
        "+++\nseason = 1\nepisode = 1\ntitle = \"Pilot\"\nlanguage = \"en\"\naired = 2012-02-06\nsource = \"TVmaze\"\n+++\n\n\
         Karen & Ivy audition for Marilyn.\n\nTom's song wins.\n"
    );
    assert!(!dir.join("seeds/smash/episodes/s01e00.en.md").exists());

    // It imports, and /about credits the guide.
    let o = cli(dir, &url, &["import"]);
    assert!(o.status.success(), "{}", text(&o));
    let mut console = Command::new(env!("CARGO_BIN_EXE_cliffhanger"));
    console
        .arg("console")
        .current_dir(dir)
        .env("SEEDS_DIR", "seeds")
        .default_database(dir);
    let o = support::run_with_input(
        &mut console,
        b"/progress set episode:S01E02\n/spoilers set episode:S01E02\n/about\n/character Karen\n",
    );
    let out = text(&o);
    assert!(
        out.contains(
            "Smash data: Episode guide: TVmaze (https\\://www.tvmaze.com/shows/1/smash), CC BY-SA 4.0"
        ),
        "{out}"
    );
    assert!(out.contains("Played by Katharine McPhee"), "{out}");

    // A second show from the same answers: read from the cache.
    let asked = state.lock().unwrap().asked.values().sum::<usize>();
    let o = cli(
        dir,
        &url,
        &["show", "new", "smash-again", "--tvmaze-id", "1"],
    );
    assert!(o.status.success(), "{}", text(&o));
    let asked_again = state.lock().unwrap().asked.values().sum::<usize>();
    assert_eq!(asked_again, asked + 1, "only /shows/1 was new to the cache");
    std::fs::remove_dir_all(dir.join("seeds/smash-again")).unwrap();

    // A fan's recap of the pilot takes the place of the guide's summary.
    std::fs::write(
        dir.join("pilot.txt"),
        "Karen sings for Derek at midnight, and Ivy finds out.\n",
    )
    .unwrap();
    let o = cli(
        dir,
        &url,
        &[
            "recap",
            "add",
            "pilot.txt",
            "--show",
            "smash",
            "--episode",
            "S01E01",
            "--language",
            "en",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).starts_with("Replaced seeds/smash/episodes/s01e01.en.md"),
        "{}",
        text(&o)
    );
    let pilot = std::fs::read_to_string(dir.join("seeds/smash/episodes/s01e01.en.md")).unwrap();
    assert!(pilot.contains("title = \"Pilot\""), "{pilot}");

    // Later: a new episode, a summary for the second; a person edited the
    // pilot's recap.
    state.lock().unwrap().later = true;
    let edited = format!("{pilot}\nA line a fan added.\n");
    std::fs::write(dir.join("seeds/smash/episodes/s01e01.en.md"), &edited).unwrap();
    let o = cli(dir, &url, &["show", "new", "smash", "--update"]);
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("Updated seeds/smash from TVmaze: 2 files written."),
        "{out}"
    );
    assert!(
        out.contains("Edited since they were written, so left alone: episodes/s01e01.en.md."),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("seeds/smash/episodes/s01e01.en.md")).unwrap(),
        edited
    );
    assert!(
        std::fs::read_to_string(dir.join("seeds/smash/episodes/s01e02.en.md"))
            .unwrap()
            .ends_with("+++\n\nDerek calls Karen back.\n")
    );
    assert!(dir.join("seeds/smash/episodes/s01e03.en.md").exists());
    let o = cli(dir, &url, &["import"]);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn an_unknown_show_or_an_existing_folder_is_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("seeds")).unwrap();
    let url = serve(Arc::new(Mutex::new(State::default())));
    let o = cli(
        dir,
        &url,
        &["show", "new", "nothing", "--tvmaze", "Nothing Like It"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("TVmaze knows no show called \"Nothing Like It\""),
        "{}",
        text(&o)
    );
    assert!(!dir.join("seeds/nothing").exists());
    let o = cli(dir, &url, &["show", "new", "Bad Slug", "--tvmaze", "Smash"]);
    assert!(
        text(&o).contains("\"Bad Slug\" is not a show slug"),
        "{}",
        text(&o)
    );
    std::fs::create_dir_all(dir.join("seeds/smash")).unwrap();
    let o = cli(dir, &url, &["show", "new", "smash", "--tvmaze", "Smash"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("seeds/smash exists already: add --update"),
        "{}",
        text(&o)
    );
    let o = cli(dir, &url, &["show", "new", "smash", "--update"]);
    assert!(
        text(&o).contains("was not made from the episode guide"),
        "{}",
        text(&o)
    );
    assert_eq!(
        std::fs::read_dir(dir.join("seeds/smash")).unwrap().count(),
        0
    );
}

/// What the bot's timer does: every show made from the guide is written
/// again from it (a new episode with its air date appears), and a folder
/// not made from the guide is left alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shows_made_from_the_guide_are_renewed_together() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("seeds")).unwrap();
    support::copy_dir(
        &support::real_seeds().join("smash"),
        &dir.join("seeds/written"),
    );
    let state = Arc::new(Mutex::new(State::default()));
    let url = serve(state.clone());
    let made = tokio::task::spawn_blocking({
        let (dir, url) = (dir.to_path_buf(), url.clone());
        move || cli(&dir, &url, &["show", "new", "smash", "--tvmaze", "Smash"])
    })
    .await
    .unwrap();
    assert!(made.status.success(), "{}", text(&made));
    assert_eq!(
        cliffhanger::guide::guide_shows(&dir.join("seeds")),
        ["smash"]
    );
    let third = dir.join("seeds/smash/episodes/s01e03.en.md");
    assert!(!third.exists());
    state.lock().unwrap().later = true;
    let guide = cliffhanger::guide::Guide::new(&url, None, true).unwrap();
    let renewed = cliffhanger::guide::refresh_all(&guide, &dir.join("seeds")).await;
    assert_eq!(renewed.len(), 1);
    let (show, written) = &renewed[0];
    assert_eq!(show, "smash");
    let written = written.as_ref().unwrap();
    assert!(
        written.written.iter().any(|f| f.ends_with("s01e03.en.md")),
        "{written:?}"
    );
    let text = std::fs::read_to_string(&third).unwrap();
    assert!(text.contains("aired = 2012-02-20"), "{text}");
}
