//! Game leases in the store: judged by the database's clock, renewed only
//! for the games a process holds.

use cliffhanger::store::Db;
use cliffhanger::store::games::{NewGame, create, game_status, interrupt_abandoned, renew_leases};

async fn with_a_show() -> (Db, i64) {
    let db = cliffhanger::store::scratch().await;
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    cliffhanger::import::import_dir(&db, &seeds).await.unwrap();
    let show = cliffhanger::store::lookup::snapshot(&db)
        .await
        .unwrap()
        .shows[0]
        .id;
    (db, show)
}

fn new_game(show_id: i64, channel: u64) -> NewGame {
    NewGame {
        guild: Some(1),
        channel,
        show_id,
        starter: 2,
        mode: "choices",
        questions: 3,
        seconds: 20,
        up_to: 20_011,
        spoilers: false,
        language: None,
        // The game's own clock may be anything (the console's is
        // virtual): leases do not read it.
        started_at: 1_000,
    }
}

/// Leases are judged by the database's clock: a process whose clock
/// runs far ahead does not end another's live game; a lease that ran
/// out is ended whatever that process's clock says.
#[tokio::test]
async fn leases_run_on_the_databases_clock() {
    let (db, show) = with_a_show().await;
    let live = create(&db, &new_game(show, 10), 7, 60_000)
        .await
        .unwrap()
        .unwrap();
    let far_ahead = i64::MAX / 2;
    assert!(
        interrupt_abandoned(&db, far_ahead)
            .await
            .unwrap()
            .is_empty()
    );
    let short = create(&db, &new_game(show, 11), 7, 1)
        .await
        .unwrap()
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let ended = interrupt_abandoned(&db, 0).await.unwrap();
    assert_eq!(ended, vec![(short, 11, None)]);
    assert_eq!(game_status(&db, live).await.unwrap().0, "running");
    db.close().await;
}

/// Only the games a process holds are renewed: a row it lost hold of
/// (a start that failed half-way) runs out, and frees its channel.
#[tokio::test]
async fn only_held_games_are_renewed() {
    let (db, show) = with_a_show().await;
    let held = create(&db, &new_game(show, 20), 7, 50)
        .await
        .unwrap()
        .unwrap();
    let lost = create(&db, &new_game(show, 21), 7, 50)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(create(&db, &new_game(show, 21), 8, 50).await.unwrap(), None);
    renew_leases(&db, 7, &[held], 60_000).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(80)).await;
    let ended = interrupt_abandoned(&db, 0).await.unwrap();
    assert_eq!(ended, vec![(lost, 21, None)]);
    assert_eq!(game_status(&db, held).await.unwrap().0, "running");
    assert!(
        create(&db, &new_game(show, 21), 8, 50)
            .await
            .unwrap()
            .is_some()
    );
    db.close().await;
}
