//! The spoiler policy through `App`, on the real seeds: S01E12 "Publicity"
//! (English) and S02E11 "The Dress Rehearsal" (German).

mod support;

use cliffhanger::app::{App, Ctx, HorizonScope, ProgressAction, SpoilersAction, SuggestKind};
use cliffhanger::import::import_dir;
use cliffhanger::reply::Reply;
use cliffhanger::seeds::Language;
use cliffhanger::spoiler::is_balanced;

const ALICE: u64 = 1;
const BOB: u64 = 2;
const GENERAL: u64 = 10;
const SERVER: u64 = 100;
const LATER: &str = "Later episodes may tell more: add reveal:true to see them privately.";

fn ctx(user: u64) -> Ctx {
    Ctx {
        user,
        channel: GENERAL,
        guild: Some(SERVER),
        locale: Language::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    }
}

async fn app_over(seeds: &std::path::Path) -> (tempfile::TempDir, App) {
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    import_dir(&db, seeds).await.unwrap();
    (tmp, App::new(db).await.unwrap())
}

async fn app() -> (tempfile::TempDir, App) {
    app_over(&support::real_seeds()).await
}

async fn progress(app: &App, user: u64, episode: &str) {
    let r = app
        .progress(&ctx(user), ProgressAction::Set(episode.into()), None)
        .await
        .unwrap();
    assert!(
        r.description().starts_with("You have watched Smash up to"),
        "{r:?}"
    );
}

async fn horizon(app: &App, episode: &str) {
    app.spoilers(
        &ctx(ALICE),
        SpoilersAction::Set(episode.into()),
        HorizonScope::Channel,
        None,
    )
    .await
    .unwrap();
}

/// Everything a member would read in the reply.
fn all_text(r: &Reply) -> String {
    let mut text = r.title.clone().unwrap_or_default();
    text.push('\n');
    text.push_str(&r.description());
    for f in &r.fields {
        text.push('\n');
        text.push_str(&f.name);
        text.push('\n');
        text.push_str(&f.lines.join("\n"));
    }
    text.push('\n');
    text.push_str(&r.footer());
    text
}

/// The timeline lines of a character reply (they start with a bold code).
fn timeline(r: &Reply) -> Vec<&str> {
    r.lines
        .iter()
        .filter(|l| l.starts_with("**S0") || l.starts_with("||**S0"))
        .map(String::as_str)
        .collect()
}

#[tokio::test]
async fn a_member_at_s01e12_sees_publicity_and_not_the_dress_rehearsal() {
    let (_tmp, app) = app().await;
    progress(&app, ALICE, "S01E12").await;
    horizon(&app, "S01E12").await;

    let r = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert!(!r.private);
    assert_eq!(r.title.as_deref(), Some("Karen Cartwright"));
    let lines = timeline(&r);
    // Karen is named in eight sentences of the English S01E12 recap.
    assert_eq!(lines.len(), 8, "{lines:#?}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("**S01E12** ") && !l.contains("||")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Which Karen does and then accepts a standing ovation"))
    );
    let text = all_text(&r);
    assert!(!text.contains("Jimmy"), "{text}");
    assert!(!text.contains("S02E11"), "{text}");
    // The member is behind the catalog's last episode: one sentence,
    // whatever is or is not hidden.
    assert_eq!(r.notes, vec![LATER.to_string()]);

    // The same through search and episode.
    let r = app.search(&ctx(ALICE), "Bühne", None, false).await.unwrap();
    assert_eq!(r.notes, vec![LATER.to_string()]);
    assert!(
        r.description()
            .contains("No fact matches “Bühne” up to S01E12."),
        "{r:?}"
    );
    let r = app
        .episode(&ctx(ALICE), "S01E12", None, false)
        .await
        .unwrap();
    assert_eq!(r.title.as_deref(), Some("S01E12 · Publicity"));
    assert!(
        r.description()
            .contains("Leo, Julia's annoying son, has run away.")
    );
    assert!(!r.description().contains("||"));
}

#[tokio::test]
async fn revealing_is_private_and_wrapped() {
    let (_tmp, app) = app().await;
    progress(&app, ALICE, "S01E12").await;
    horizon(&app, "S01E12").await;

    let r = app
        .character(&ctx(ALICE), "Karen", None, true)
        .await
        .unwrap();
    assert!(r.private, "a revealing reply is only for the member");
    assert!(!r.footer().contains("Later episodes"), "{}", r.footer());
    let later: Vec<&str> = timeline(&r)
        .into_iter()
        .filter(|l| l.starts_with("||**S02E11**"))
        .collect();
    assert_eq!(later.len(), 3);
    for line in &later {
        // Revealed: the line is wrapped whole, its code too.
        assert!(line.ends_with("||"), "{line}");
    }
    assert!(later[0].contains("Jimmy und Karen werfen Derek vor"));
    // What the member had already seen stays plain.
    assert!(
        timeline(&r)
            .iter()
            .any(|l| l.starts_with("**S01E12** ") && !l.contains("||"))
    );

    let r = app
        .episode(&ctx(ALICE), "S02E11", None, true)
        .await
        .unwrap();
    assert!(r.private);
    assert_eq!(
        r.title.as_deref(),
        Some("Episode"),
        "neither the title nor the code is shown bare"
    );
    assert_eq!(
        r.lines.first().map(String::as_str),
        Some("||**S02E11 · The Dress Rehearsal**||")
    );
    let paragraphs: Vec<&String> = r.lines.iter().filter(|l| l.contains("Bühne")).collect();
    assert!(!paragraphs.is_empty());
    assert!(
        paragraphs
            .iter()
            .all(|p| p.starts_with("||") && p.ends_with("||"))
    );
}

#[tokio::test]
async fn a_channel_horizon_behind_the_member_wraps_the_difference() {
    let (_tmp, app) = app().await;
    progress(&app, ALICE, "S02E11").await;
    horizon(&app, "S01E12").await;

    let r = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert!(!r.private);
    assert!(r.notes.is_empty(), "at the last episode: {:?}", r.notes);
    let lines = timeline(&r);
    assert_eq!(lines.len(), 8 + 3);
    for line in &lines {
        if line.starts_with("**S01E12**") {
            assert!(!line.contains("||"), "{line}");
        } else {
            assert!(
                line.starts_with("||**S02E11** ") && line.ends_with("||"),
                "{line}"
            );
        }
    }
    // Jimmy first appears past the horizon: his whole card is wrapped, his
    // name is no title.
    let r = app
        .character(&ctx(ALICE), "Jimmy", None, false)
        .await
        .unwrap();
    assert_eq!(r.title, None);
    assert!(
        r.lines[0].starts_with("||**Jimmy Collins**||"),
        "{:?}",
        r.lines
    );
    assert!(
        r.lines
            .iter()
            .filter(|l| !l.is_empty()
                && !l.starts_with("**Timeline")
                // Said of what the channel may discuss, the same for anyone.
                && !l.starts_with("No facts about them up to S01E12"))
            .all(|l| l.contains("||")),
        "{:?}",
        r.lines
    );
}

#[tokio::test]
async fn no_progress_and_no_horizon_shows_nothing_in_plain_text() {
    let (_tmp, app) = app().await;
    for r in [
        app.character(&ctx(BOB), "Karen", None, false)
            .await
            .unwrap(),
        app.episode(&ctx(BOB), "S01E12", None, false).await.unwrap(),
        app.search(&ctx(BOB), "kale", None, false).await.unwrap(),
    ] {
        assert!(
            r.description().starts_with("Nothing can be shown yet"),
            "{r:?}"
        );
        assert!(!all_text(&r).contains("Karen Cartwright"));
        assert!(!all_text(&r).contains("kale shake"));
    }
    let r = app.search(&ctx(BOB), "kale", None, false).await.unwrap();
    assert!(
        r.notes.is_empty(),
        "no count of what is hidden: {:?}",
        r.notes
    );

    // Progress but no horizon: everything is wrapped, nothing plain.
    progress(&app, BOB, "S02E11").await;
    let r = app.search(&ctx(BOB), "Karen", None, false).await.unwrap();
    assert!(!r.lines.is_empty());
    // Nothing plain matches (the one line says so of what the channel may
    // discuss), and every hit is wrapped whole.
    assert_eq!(
        r.lines[0],
        "Nothing this channel may discuss matches “Karen”."
    );
    for line in &r.lines[1..] {
        assert!(line.starts_with("||") && line.ends_with("||"), "{line}");
    }

    // A channel horizon alone stands for an unset progress.
    horizon(&app, "S01E12").await;
    let r = app.character(&ctx(3), "Leo", None, false).await.unwrap();
    assert_eq!(r.title.as_deref(), Some("Leo Houston"));
    assert!(timeline(&r).iter().all(|l| !l.contains("||")));
}

#[tokio::test]
async fn a_later_character_is_not_confirmed_by_omission() {
    let (_tmp, app) = app().await;
    progress(&app, ALICE, "S01E12").await;
    horizon(&app, "S01E12").await;

    let jimmy = app
        .character(&ctx(ALICE), "Jimmy", None, false)
        .await
        .unwrap();
    assert_eq!(jimmy.description(), "Nothing about “Jimmy” up to S01E12.");
    assert_eq!(
        jimmy.footer(),
        "Add reveal:true to look past S01E12, privately."
    );
    let text = all_text(&jimmy);
    assert!(
        !text.contains("S02E11") && !text.contains("Collins") && !text.contains("Hit List"),
        "{text}"
    );
    // A name nobody has gets the very same answer.
    let zorro = app
        .character(&ctx(ALICE), "Jimmx", None, false)
        .await
        .unwrap();
    assert_eq!(zorro.description(), "Nothing about “Jimmx” up to S01E12.");
    assert_eq!(zorro.footer(), jimmy.footer());
    // The same for an episode past the member, whether it exists or not.
    let real = app
        .episode(&ctx(ALICE), "S02E11", None, false)
        .await
        .unwrap();
    let unknown = app
        .episode(&ctx(ALICE), "S03E01", None, false)
        .await
        .unwrap();
    assert_eq!(real.description(), "S02E11 is past where you are (S01E12).");
    assert_eq!(
        unknown.description(),
        "S03E01 is past where you are (S01E12)."
    );
    assert!(!all_text(&real).contains("Rehearsal"));
    // A title from later is not matched either.
    let r = app
        .episode(&ctx(ALICE), "The Dress Rehearsal", None, false)
        .await
        .unwrap();
    assert_eq!(
        r.description(),
        "No episode of Smash matches “The Dress Rehearsal” up to S01E12."
    );

    // Suggestions are gated the same way.
    let ji = app
        .suggest(&ctx(ALICE), SuggestKind::Character, "Ji", None)
        .await
        .unwrap();
    assert!(ji.iter().all(|c| !c.label.contains("Jimmy")), "{ji:?}");
    let ka = app
        .suggest(&ctx(ALICE), SuggestKind::Character, "Ka", None)
        .await
        .unwrap();
    assert_eq!(
        ka.first().map(|c| c.label.as_str()),
        Some("Karen Cartwright")
    );
    let all: Vec<String> = app
        .suggest(&ctx(ALICE), SuggestKind::Character, "", None)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert!(all.contains(&"Rebecca Duvall".to_string()));
    // Tom and Bombshell are known from S01E01 by their roster entries;
    // these first appear in season 2.
    assert!(all.contains(&"Tom Levitt".to_string()));
    for later in [
        "Jimmy Collins",
        "Kyle Bishop",
        "Hit List",
        "The Diva",
        "Richard Francis",
    ] {
        assert!(
            !all.contains(&later.to_string()),
            "{later} is offered: {all:?}"
        );
    }
    let episodes = app
        .suggest(&ctx(ALICE), SuggestKind::Episode, "", None)
        .await
        .unwrap();
    assert_eq!(episodes.len(), 1);
    assert_eq!(episodes[0].label, "S01E12 · Publicity");
    let progress_choices = app
        .suggest(&ctx(ALICE), SuggestKind::ProgressEpisode, "S0", None)
        .await
        .unwrap();
    let labels: Vec<&str> = progress_choices.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        vec!["S01E12 · Publicity", "S02E11"],
        "later titles stay hidden"
    );

    // With reveal, Jimmy is found, privately.
    let r = app
        .character(&ctx(ALICE), "Jimmy", None, true)
        .await
        .unwrap();
    assert!(r.private);
    assert!(r.lines[0].contains("Jimmy Collins"));
}

#[tokio::test]
async fn searching_finds_the_facts_about_a_question() {
    let (_tmp, app) = app().await;
    progress(&app, ALICE, "S02E11").await;
    horizon(&app, "S02E11").await;
    let r = app
        .search(&ctx(ALICE), "why did Leo run away", None, false)
        .await
        .unwrap();
    assert_eq!(
        r.lines[0],
        "**S01E12** **Leo**, Julia's annoying son, has **run** **away**."
    );
    assert_eq!(r.title.as_deref(), Some("Search: why did Leo run away"));
    let r = app.search(&ctx(ALICE), "kale", None, false).await.unwrap();
    assert_eq!(r.lines.len(), 2);
    assert!(r.lines.iter().all(|l| l.contains("**kale**")));
    let r = app.search(&ctx(ALICE), "Buhne", None, false).await.unwrap();
    assert_eq!(r.lines.len(), 2);
    assert!(
        r.lines
            .iter()
            .all(|l| l.starts_with("**S02E11**") && l.contains("**Bühne**"))
    );
}

#[tokio::test]
async fn lookups_tolerate_codes_titles_and_typos() {
    let (_tmp, app) = app().await;
    progress(&app, ALICE, "S02E11").await;
    horizon(&app, "S02E11").await;
    for query in ["S1E12", "s01e12", "1x12", "publicity", "Publicty"] {
        let r = app.episode(&ctx(ALICE), query, None, false).await.unwrap();
        assert_eq!(r.title.as_deref(), Some("S01E12 · Publicity"), "{query}");
    }
    let r = app
        .episode(&ctx(ALICE), "dress rehersal", None, false)
        .await
        .unwrap();
    assert_eq!(r.title.as_deref(), Some("S02E11 · The Dress Rehearsal"));
    let r = app
        .episode(&ctx(ALICE), "S01E12", None, false)
        .await
        .unwrap();
    assert!(r.description().contains("Aired 2012-04-23"));
    assert!(
        r.description()
            .contains("Characters: Karen Cartwright, Ivy Lynn, Derek Wills")
    );
    assert!(r.lines.contains(&"**Kale Shakes**".to_string()));
    for (query, name) in [
        ("Karne", "Karen Cartwright"),
        ("duvall", "Rebecca Duvall"),
        ("Marilyn", "Marilyn Monroe"),
        ("JFK", "John F. Kennedy"),
    ] {
        let r = app
            .character(&ctx(ALICE), query, None, false)
            .await
            .unwrap();
        assert_eq!(r.title.as_deref(), Some(name), "{query}: {r:?}");
    }
    // "Houston" names two characters: the member is asked which.
    let r = app
        .character(&ctx(ALICE), "Houston", None, false)
        .await
        .unwrap();
    assert_eq!(
        r.description(),
        "“Houston” could be: Julia Houston, Leo Houston. Say which."
    );
    // A production lists its roles; a role names its production.
    let r = app
        .character(&ctx(ALICE), "Bombshell", None, false)
        .await
        .unwrap();
    assert!(
        r.description()
            .contains("Roles: Marilyn Monroe, John F. Kennedy"),
        "{}",
        r.description()
    );
    let r = app
        .character(&ctx(ALICE), "Diva", None, false)
        .await
        .unwrap();
    assert!(r.description().contains("Role in Hit List"));
}

#[tokio::test]
async fn only_members_who_may_manage_the_channel_set_its_horizon() {
    let (_tmp, app) = app().await;
    let mut bob = ctx(BOB);
    bob.can_manage_channel = false;
    bob.can_manage_guild = false;
    let r = app
        .spoilers(
            &bob,
            SpoilersAction::Set("S02E11".into()),
            HorizonScope::Channel,
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        r.description(),
        "Only members who may manage this channel can change its spoiler horizon."
    );
    assert!(r.private);
    let r = app
        .spoilers(&bob, SpoilersAction::Clear, HorizonScope::Server, None)
        .await
        .unwrap();
    assert!(
        r.description()
            .starts_with("Only members who may manage this server")
    );
    let r = app
        .spoilers(&bob, SpoilersAction::Show, HorizonScope::Channel, None)
        .await
        .unwrap();
    assert!(
        r.description()
            .starts_with("No spoiler horizon is set here")
    );

    // A server default stands behind channels without their own.
    app.spoilers(
        &ctx(ALICE),
        SpoilersAction::Set("1x12".into()),
        HorizonScope::Server,
        None,
    )
    .await
    .unwrap();
    let r = app
        .spoilers(&bob, SpoilersAction::Show, HorizonScope::Channel, None)
        .await
        .unwrap();
    assert_eq!(
        r.description(),
        "This channel follows the server default: Smash up to S01E12."
    );
    let r = app.character(&bob, "Dev", None, false).await.unwrap();
    assert_eq!(r.title.as_deref(), Some("Dev Sundaram"));
}

#[tokio::test]
async fn progress_is_set_shown_and_cleared_by_code_or_title() {
    let (_tmp, app) = app().await;
    let set = |e: &str| ProgressAction::Set(e.to_string());
    // With nothing watched, a title is no candidate: a code sets it, and
    // the reply names no title the member had not reached.
    let r = app
        .progress(&ctx(ALICE), set("Publicity"), None)
        .await
        .unwrap();
    let unknown = app
        .progress(&ctx(ALICE), set("Pubicitly Stunt"), None)
        .await
        .unwrap();
    assert_eq!(
        r.description().replace("Publicity", "X"),
        unknown.description().replace("Pubicitly Stunt", "X"),
        "a title past the member reads like one that does not exist"
    );
    let r = app
        .progress(&ctx(ALICE), set("S01E12"), None)
        .await
        .unwrap();
    assert_eq!(r.description(), "You have watched Smash up to S01E12.");
    assert!(r.private);
    // Within their progress, a title resolves and is named: wrapped, as
    // this channel has no horizon, then plain once it has one.
    let r = app
        .progress(&ctx(ALICE), set("Publicity"), None)
        .await
        .unwrap();
    assert_eq!(
        r.description(),
        "You have watched Smash up to S01E12 “||Publicity||”."
    );
    horizon(&app, "S01E12").await;
    let r = app
        .progress(&ctx(ALICE), set("Publicity"), None)
        .await
        .unwrap();
    assert_eq!(
        r.description(),
        "You have watched Smash up to S01E12 “Publicity”."
    );
    // A later title stays unknown.
    let r = app
        .progress(&ctx(ALICE), set("The Dress Rehearsal"), None)
        .await
        .unwrap();
    assert!(
        r.description()
            .starts_with("“The Dress Rehearsal” is not an episode I know of"),
        "{}",
        r.description()
    );
    let r = app
        .progress(&ctx(ALICE), set("S01E20"), None)
        .await
        .unwrap();
    assert_eq!(r.description(), "You have watched Smash up to S01E20.");
    let r = app
        .progress(&ctx(ALICE), set("the pilot of doom"), None)
        .await
        .unwrap();
    assert!(
        r.description()
            .starts_with("“the pilot of doom” is not an episode I know of")
    );
    let r = app
        .progress(&ctx(ALICE), ProgressAction::Show, None)
        .await
        .unwrap();
    assert_eq!(r.description(), "You have watched Smash up to S01E20.");
    let r = app
        .progress(&ctx(ALICE), ProgressAction::Clear, None)
        .await
        .unwrap();
    assert_eq!(r.description(), "Your progress for Smash is cleared.");
    let r = app
        .progress(&ctx(ALICE), ProgressAction::Show, None)
        .await
        .unwrap();
    assert!(
        r.description()
            .starts_with("You have not set your progress for Smash.")
    );
    let r = app
        .progress(&ctx(ALICE), ProgressAction::Show, Some("lost"))
        .await
        .unwrap();
    assert_eq!(
        r.description(),
        "There is no show “lost” in the catalog. Shows: smash."
    );
}

#[tokio::test]
async fn replies_speak_german_for_a_german_locale() {
    let (_tmp, app) = app().await;
    let mut de = ctx(ALICE);
    de.locale = Language::De;
    horizon(&app, "S01E12").await;
    let r = app
        .progress(&de, ProgressAction::Set("S01E12".into()), None)
        .await
        .unwrap();
    assert_eq!(
        r.description(),
        "Du hast Smash bis S01E12 „Publicity“ geschaut."
    );
    let r = app.character(&de, "Karen", None, false).await.unwrap();
    assert!(
        r.footer()
            .contains("Spätere Folgen erzählen vielleicht mehr"),
        "{}",
        r.footer()
    );
    assert!(
        r.lines
            .iter()
            .any(|l| l.starts_with("Figur · Gespielt von Katharine McPhee")),
        "{:?}",
        r.lines
    );
}

#[tokio::test]
async fn cutting_a_long_reply_keeps_spoiler_markup_balanced() {
    // A recap far longer than one message, read by a member without a
    // channel horizon, so every paragraph is wrapped.
    let (tmp, seeds) = support::scratch();
    let sentence =
        "Karen sings a long song about Ivy and the director, and the | pipes || stay escaped. ";
    let mut text =
        String::from("+++\nseason = 1\nepisode = 1\ntitle = \"Pilot\"\nlanguage = \"en\"\n+++\n\n");
    for section in 0..12 {
        text.push_str(&format!("## Part {section}\n\n{}\n\n", sentence.repeat(12)));
    }
    std::fs::write(seeds.join("smash/episodes/s01e01.en.md"), text).unwrap();
    let (_db_dir, app) = app_over(&seeds).await;
    drop(tmp);
    let mut dm = ctx(ALICE);
    dm.guild = None;
    let mut channel = ctx(ALICE);
    channel.channel = 99;
    app.progress(&dm, ProgressAction::Set("S01E12".into()), None)
        .await
        .unwrap();

    for r in [
        app.episode(&channel, "S01E01", None, false).await.unwrap(),
        app.character(&channel, "Karen", None, false).await.unwrap(),
        app.episode(&channel, "S02E11", None, true).await.unwrap(),
    ] {
        assert!(is_balanced(&r.description()), "{}", r.description());
        for f in &r.fields {
            assert!(is_balanced(&f.lines.join("\n")));
        }
        assert!(r.description().chars().count() <= 4096);
        assert!(r.total() <= 6000);
    }
    let r = app.episode(&channel, "S01E01", None, false).await.unwrap();
    assert!(r.cut);
    assert!(
        r.footer().contains("Shortened to fit Discord's limits:"),
        "{}",
        r.footer()
    );
    assert!(
        r.lines
            .iter()
            .skip(3)
            .filter(|l| !l.is_empty())
            .all(|l| l.starts_with("||") && l.ends_with("||"))
    );
    // In a direct message only the member reads it: nothing is wrapped.
    let r = app.episode(&dm, "S01E01", None, false).await.unwrap();
    assert!(!r.description().contains("||K"));
}

#[tokio::test]
async fn a_search_with_thousands_of_later_matches_says_no_more_than_one_with_none() {
    // 120 synthetic episodes: "the" is in most of their 7,200 sentences.
    let seeds = tempfile::tempdir().unwrap();
    cliffhanger::bench::write_synthetic_seeds(seeds.path(), 120, 60, 1).unwrap();
    let (_tmp, app) = app_over(seeds.path()).await;
    let mut dm = ctx(ALICE);
    dm.guild = None;
    app.progress(&dm, ProgressAction::Set("S01E01".into()), None)
        .await
        .unwrap();
    let r = app.search(&dm, "the", None, false).await.unwrap();
    // Thousands of later matches, and the note says no more than for none.
    assert_eq!(r.notes, vec![LATER.to_string()]);
    let rare = app.search(&dm, "zyzzyva", None, false).await.unwrap();
    assert_eq!(rare.notes, r.notes);
    assert_eq!(r.lines.len(), 10);
    assert!(
        r.lines.iter().all(|l| l.starts_with("**S01E01** ")),
        "{:?}",
        r.lines
    );
}

#[tokio::test]
async fn about_says_what_is_loaded_and_shows_are_suggested() {
    let (_tmp, app) = app().await;
    // The questions are counted once the bank is built.
    app.banks_built().await.unwrap();
    // Counted only as far as the member may see and the channel discuss.
    horizon(&app, "S02E11").await;
    progress(&app, BOB, "S01E12").await;
    let r = app.about(&ctx(BOB)).await.unwrap();
    assert!(
        r.lines[0].starts_with("Smash: 1 episode, ") && !r.lines[0].contains("German"),
        "{:?}",
        r.lines
    );
    progress(&app, ALICE, "S02E11").await;
    let r = app.about(&ctx(ALICE)).await.unwrap();
    assert_eq!(
        r.title.as_deref(),
        Some(&*format!("cliffhanger {}", env!("CARGO_PKG_VERSION")))
    );
    // 25 questions generated from the facts (one a sentence, and none
    // from those in the writer's voice, about "he" or "she" alone, naming
    // nobody, a name in a list of three, beside the word for its part,
    // "Julia's son", beside a relative, or one the others named point to,
    // nor one going on from a sentence before it that would give it away),
    // 3 written in the seeds.
    assert_eq!(
        r.lines,
        vec![
            "Smash: 2 episodes, 48 facts from 2 recaps (English, German), 28 trivia questions"
                .to_string()
        ]
    );
    let mut de = ctx(ALICE);
    de.locale = Language::De;
    let r = app.about(&de).await.unwrap();
    assert_eq!(
        r.lines,
        vec![
            "Smash: 2 Folgen, 48 Fakten aus 2 Zusammenfassungen (Englisch, Deutsch), 28 Quizfragen"
                .to_string()
        ]
    );
    let shows = app
        .suggest(&ctx(ALICE), SuggestKind::Show, "sma", None)
        .await
        .unwrap();
    assert_eq!(shows.len(), 1);
    assert_eq!(
        (shows[0].label.as_str(), shows[0].value.as_str()),
        ("Smash", "smash")
    );
    assert!(
        app.suggest(&ctx(ALICE), SuggestKind::Show, "Lost", None)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_remembered_reply_follows_every_change_of_gate_and_catalog() {
    let (tmp, seeds) = support::scratch();
    let (_db_dir, app) = app_over(&seeds).await;
    horizon(&app, "S01E12").await;
    progress(&app, ALICE, "S01E12").await;
    let first = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert_eq!(first.notes, vec![LATER.to_string()]);
    // Asked again: the same reply.
    let again = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert_eq!(again, first);
    // Further along: the German recap's facts are no longer hidden.
    progress(&app, ALICE, "S02E11").await;
    let later = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert!(later.notes.is_empty());
    assert!(all_text(&later).contains("Jimmy"));
    // Back again (a rewatch): hidden again, and another member at S01E12
    // in the same channel sees what their own progress allows.
    progress(&app, ALICE, "S01E12").await;
    let back = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert_eq!(back, first);
    progress(&app, BOB, "S01E12").await;
    let bob = app
        .character(&ctx(BOB), "Karen", None, false)
        .await
        .unwrap();
    assert_eq!(bob, first);
    // A narrower horizon changes a public reply too.
    horizon(&app, "S01E11").await;
    let narrower = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert_ne!(narrower, first);
    horizon(&app, "S01E12").await;
    // The catalog changes: the reply is made anew from it.
    support::edit(
        &seeds.join("smash/episodes/s01e12.en.md"),
        "accepts a standing ovation",
        "accepts a thunderous standing ovation",
    );
    import_dir(app.db(), &seeds).await.unwrap();
    app.reload().await.unwrap();
    let edited = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert!(
        all_text(&edited).contains("thunderous"),
        "{}",
        all_text(&edited)
    );
    drop(tmp);
}

#[tokio::test]
async fn roster_text_is_the_latest_entry_within_progress_in_the_members_language() {
    let (_tmp, app) = app().await;
    horizon(&app, "S02E11").await;
    let about = |r: &Reply| r.lines.get(1).cloned().unwrap_or_default();
    // At S01E12: the pilot's entry, which knows nothing of season 2.
    progress(&app, ALICE, "S01E12").await;
    let r = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert!(
        about(&r).starts_with("A newcomer from Iowa, waiting tables"),
        "{r:?}"
    );
    let text = all_text(&r);
    for later in ["Hit List", "Jimmy", "Kyle", "Boston", "Bombshell"] {
        assert!(!text.contains(later), "{later}: {text}");
    }
    // The same member in German reads the German entry.
    let mut de = ctx(ALICE);
    de.locale = Language::De;
    let r = app.character(&de, "Karen", None, false).await.unwrap();
    assert!(
        about(&r).starts_with("Eine Newcomerin aus Iowa, die in New York kellnert"),
        "{r:?}"
    );
    // Further along, the season-2 entry, in each language.
    progress(&app, ALICE, "S02E11").await;
    let r = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert!(about(&r).contains("Hit List"), "{r:?}");
    let r = app.character(&de, "Karen", None, false).await.unwrap();
    assert!(about(&r).contains("Hauptrolle in Hit List"), "{r:?}");
    // A reveal reads the latest entry, privately and wrapped.
    progress(&app, ALICE, "S01E12").await;
    let r = app
        .character(&ctx(ALICE), "Karen", None, true)
        .await
        .unwrap();
    assert!(r.private);
    assert!(
        r.lines
            .iter()
            .any(|l| l.starts_with("||") && l.contains("Hit List")),
        "{r:?}"
    );
    // Past the horizon but within progress, roster text is wrapped.
    horizon(&app, "S01E01").await;
    progress(&app, ALICE, "S02E11").await;
    // The channel reads who she is as far as it may discuss; the member,
    // who has watched further, reads more below, wrapped.
    let r = app
        .character(&ctx(ALICE), "Karen", None, false)
        .await
        .unwrap();
    assert!(
        about(&r).starts_with("A newcomer from Iowa, waiting tables"),
        "{r:?}"
    );
    let further = r.lines.get(2).cloned().unwrap_or_default();
    assert!(
        further.starts_with("||") && further.ends_with("||") && further.contains("Hit List"),
        "{r:?}"
    );
}
