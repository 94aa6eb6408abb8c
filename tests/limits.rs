//! Every reply fits Discord's limits, whatever the catalog holds: here an
//! episode title of 5,000 characters (`/progress` once answered a 1 MB
//! title with a 1 MB reply).

mod support;

use cliffhanger::app::{
    App, Choice, Ctx, HorizonScope, ProgressAction, SpoilersAction, SuggestKind,
};
use cliffhanger::catalog::Language;
use cliffhanger::import::import_dir;
use cliffhanger::reply::Reply;
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
    let ctx = Ctx {
        user: 1,
        channel: 2,
        guild: Some(3),
        locale: Language::En,
        can_manage_channel: true,
        can_manage_guild: true,
        thread_of: None,
    };
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
