//! Every reply fits Discord's limits, whatever the catalog holds: here an
//! episode title of 5,000 characters (`/progress` once answered a 1 MB
//! title with a 1 MB reply).

mod support;

use cliffhanger::app::{
    App, Choice, Ctx, HorizonScope, ProgressAction, SpoilersAction, SuggestKind,
};
use cliffhanger::import::import_dir;
use cliffhanger::reply::Reply;
use cliffhanger::seeds::Language;
use cliffhanger::trivia::StartOptions;

#[tokio::test]
async fn every_reply_fits_even_with_an_absurdly_long_title() {
    let (tmp, seeds) = support::scratch();
    let title = "Publicity ".repeat(500);
    support::edit(
        &seeds.join("smash/episodes/s01e12.en.md"),
        "title = \"Publicity\"",
        &format!("title = \"{}\"", title.trim()),
    );
    let db = support::open(tmp.path()).await;
    import_dir(&db, &seeds).await.unwrap();
    let app = App::with_seed(db, 3).await.unwrap();
    let ctx = support::moderator(1);
    let mut replies: Vec<(String, Reply)> = Vec::new();
    let set = |e: &str| ProgressAction::Set(e.to_string());
    for (what, action) in [
        ("progress set", set("S01E12")),
        ("progress set again", set("S01E12")),
        ("progress show", ProgressAction::Show),
    ] {
        replies.push((what.into(), app.progress(&ctx, action, None).await.unwrap()));
    }
    for (what, action) in [
        ("spoilers set", SpoilersAction::Set("S01E12".into())),
        ("spoilers show", SpoilersAction::Show),
    ] {
        replies.push((
            what.into(),
            app.spoilers(&ctx, action, HorizonScope::Channel, None)
                .await
                .unwrap(),
        ));
    }
    replies.push((
        "episode".into(),
        app.episode(&ctx, "S01E12", None, false).await.unwrap(),
    ));
    replies.push((
        "episode by title".into(),
        app.episode(&ctx, &title, None, false).await.unwrap(),
    ));
    replies.push((
        "character".into(),
        app.character(&ctx, "Karen", None, false).await.unwrap(),
    ));
    replies.push((
        "search".into(),
        app.search(&ctx, "Publicity Leo", None, false)
            .await
            .unwrap(),
    ));
    replies.push(("about".into(), app.about(&ctx).await.unwrap()));
    let opts = StartOptions {
        questions: Some(3),
        ..StartOptions::default()
    };
    for r in app.trivia_start(&ctx, opts, 0).await.unwrap() {
        replies.push(("trivia start".into(), r));
    }
    for r in app.trivia_skip(&ctx, true, 1).await.unwrap() {
        replies.push(("trivia skip".into(), r));
    }
    replies.push((
        "trivia stats".into(),
        app.trivia_stats(&ctx, None).await.unwrap(),
    ));
    for (what, r) in &replies {
        assert!(r.within_limits(), "{what}: {} characters", r.total());
    }
    let progress_set = &replies[1].1;
    assert!(
        progress_set.cut,
        "the long title was shortened, and said so"
    );
    for kind in [
        SuggestKind::Episode,
        SuggestKind::ProgressEpisode,
        SuggestKind::Character,
        SuggestKind::Show,
    ] {
        for c in app.suggest(&ctx, kind, "", None).await.unwrap() {
            assert!(
                c.label.chars().count() <= Choice::LIMIT
                    && c.value.chars().count() <= Choice::LIMIT,
                "{c:?}"
            );
        }
    }
}

/// A character of a long-running show: "Appears in" lists runs of episodes
/// and stays short whatever the count, so the timeline below it is never
/// dropped for want of room.
/// A member in a direct message, who may manage everything.
fn member() -> Ctx {
    Ctx {
        user: 1,
        channel: 2,
        guild: None,
        locale: Language::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    }
}

#[tokio::test]
async fn a_character_in_a_thousand_episodes_keeps_a_timeline() {
    let tmp = tempfile::tempdir().unwrap();
    let show = tmp.path().join("seeds/long-show");
    std::fs::create_dir_all(show.join("episodes")).unwrap();
    std::fs::write(
        show.join("show.toml"),
        "title = \"Long Show\"\n\n\
         [[characters]]\nname = \"Nora Vance\"\naliases = [\"Nora\"]\nkind = \"person\"\n\n\
         [[characters]]\nname = \"Otto Brisk\"\naliases = [\"Otto\"]\nkind = \"person\"\n",
    )
    .unwrap();
    // 20 seasons of 50: Nora in all but every tenth episode (runs of
    // nine), Otto in every other one (500 runs of one).
    for n in 0..1000 {
        let (season, episode) = (n / 50 + 1, n % 50 + 1);
        let mut body = String::from("The diner was quiet that week.");
        if n % 10 != 9 {
            body.push_str(" Nora argues with the landlord about the rent.");
        }
        if n % 2 == 0 {
            body.push_str(" Otto fixes the neon sign again.");
        }
        std::fs::write(
            show.join(format!("episodes/s{season:02}e{episode:02}.en.md")),
            format!(
                "+++\nseason = {season}\nepisode = {episode}\ntitle = \"Week {n}\"\nlanguage = \"en\"\n+++\n\n{body}\n"
            ),
        )
        .unwrap();
    }
    let db = support::open(tmp.path()).await;
    import_dir(&db, &tmp.path().join("seeds")).await.unwrap();
    let app = App::with_seed(db, 3).await.unwrap();
    let ctx = member();
    app.progress(&ctx, ProgressAction::Set("S20E50".into()), None)
        .await
        .unwrap();
    let nora = app.character(&ctx, "Nora", None, false).await.unwrap();
    let text = nora.description();
    let appears = text
        .lines()
        .find(|l| l.starts_with("Appears in: "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        appears.starts_with("Appears in: S01E01–S01E09, S01E11–S01E19, "),
        "{appears}"
    );
    assert!(appears.ends_with("S20E41–S20E49"), "{appears}");
    assert!(text.contains("**Timeline**"), "{text}");
    assert!(text.contains("Nora argues with the landlord"), "{text}");
    assert!(!nora.cut, "{text}");
    let otto = app.character(&ctx, "Otto", None, false).await.unwrap();
    let text = otto.description();
    let appears = text
        .lines()
        .find(|l| l.starts_with("Appears in: "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(appears.chars().count() < 700, "{appears}");
    assert!(
        appears.starts_with("Appears in: S01E01, S01E03, ") && appears.ends_with("S20E47, S20E49"),
        "{appears}"
    );
    assert!(appears.contains(" … "), "{appears}");
    assert!(text.contains("Otto fixes the neon sign"), "{text}");
    assert!(text.chars().count() <= 4096);
}

/// The worst inputs found by fuzzing, answered at once: a 100 KB alias is
/// refused with its place (it once held up `check`, `import` and so the
/// start for minutes), a search of 6,000 characters of one word answers,
/// and the console holds text options to Discord's length.
#[tokio::test]
async fn absurd_names_and_queries_are_bounded() {
    let (tmp, seeds) = support::scratch();
    let huge = "Ka".repeat(50_000);
    support::edit(
        &seeds.join("smash/show.toml"),
        "aliases = [\"Karen\", \"Cartwright\"]",
        &format!("aliases = [\"Karen\", \"Cartwright\", \"{huge}\"]"),
    );
    let errors = cliffhanger::seeds::seed::load_seeds(&seeds).unwrap_err();
    let message = errors.to_string();
    assert!(
        message.contains("show.toml:")
            && message.contains("is 100000 characters long; a name has at most 100"),
        "{message}"
    );

    let db = support::open(tmp.path()).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    let app = App::with_seed(db, 3).await.unwrap();
    let ctx = member();
    app.progress(&ctx, ProgressAction::Set("S02E11".into()), None)
        .await
        .unwrap();
    let query = "Karen ".repeat(1000);
    let r = app.search(&ctx, &query, None, false).await.unwrap();
    assert!(r.description().contains("**Karen**"), "{r:?}");

    let long = "x".repeat(201);
    let (fresh, _) = support::scratch();
    let (out, _, _) = support::console(
        fresh.path(),
        &[],
        &format!(
            "/search query:{long}\n/character name:{}\n",
            "y".repeat(200)
        ),
    );
    assert!(out.contains("query takes at most 200 characters."), "{out}");
    assert!(
        out.contains("Nothing can be shown yet"),
        "200 characters are taken: {out}"
    );
}
