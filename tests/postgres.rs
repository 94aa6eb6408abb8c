//! What only PostgreSQL has: the listener that tells a process of other
//! processes' commits, and what happens when its connection is lost.

mod support;

use std::time::{Duration, Instant};

use cliffhanger::store::Db;
use cliffhanger::store::versions;

/// Waits up to five seconds for `done`.
async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !done() {
        assert!(Instant::now() < deadline, "{what} did not happen");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_listener_reconnects_and_what_it_missed_is_read_again() {
    let Some(server) = support::postgres_for("a_lost_listener_reconnects") else {
        return;
    };
    let url = support::fresh_postgres(&server, "listener");
    let ours = Db::connect(&url).await.unwrap();
    let theirs = Db::connect(&url).await.unwrap();
    let first = ours.stamp().expect("listening once connected");
    assert_eq!(ours.stamp(), Some(first), "nothing committed");

    // A commit of another process is heard.
    versions::gates_changed(&theirs).await.unwrap();
    eventually("hearing another process's commit", || {
        ours.stamp().is_some_and(|s| s != first)
    })
    .await;
    let heard = ours.stamp().unwrap();

    // The listener's connection is cut; a commit made meanwhile is not
    // heard, but the reconnect moves the stamp on, so the next request
    // reads the versions and finds it.
    let before = versions::read(&ours).await.unwrap();
    let cut: i64 = support::on_db!(theirs, |pool| sqlx::query_scalar(
        "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE 'LISTEN%'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(cut, 2, "each process listens on a connection of its own");
    versions::gates_changed(&theirs).await.unwrap();
    eventually("listening again", || {
        ours.stamp().is_some_and(|s| s != heard)
    })
    .await;
    let after = versions::read(&ours).await.unwrap();
    assert!(after.gates > before.gates, "{before:?} {after:?}");
    // And it hears again.
    let again = ours.stamp().unwrap();
    versions::gates_changed(&theirs).await.unwrap();
    eventually("hearing after the reconnect", || {
        ours.stamp().is_some_and(|s| s != again)
    })
    .await;
    ours.close().await;
    theirs.close().await;
}
