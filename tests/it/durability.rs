//! What a person was told is saved stays saved: the cluster `cargo run` starts commits durably,
//! so killing the database server outright loses no acknowledged write.

use crate::helpers::{PASSWORD, spawn_app_with};
use actix_web::http::StatusCode;
use clientele::{
    db, models::access::staff::Role, schema::customer_notes as notes, tools::pgcluster::Cluster,
};
use diesel::{Connection, PgConnection, prelude::*};
use std::{
    cell::Cell,
    rc::Rc,
    time::{Duration, Instant},
};

/// Kills the postmaster and every server process with SIGKILL, as a power cut or the OOM
/// killer would: nothing gets to flush.
fn kill_server(cluster: &Cluster) {
    let pid = cluster.postmaster_pid().expect("the server runs");
    let children = std::process::Command::new("pgrep")
        .args(["-P", &pid.to_string()])
        .output()
        .expect("pgrep runs");
    unsafe { libc::kill(pid, libc::SIGKILL) };
    for child in String::from_utf8_lossy(&children.stdout).split_whitespace() {
        if let Ok(child) = child.parse::<i32>() {
            unsafe { libc::kill(child, libc::SIGKILL) };
        }
    }
    // Wait until the old server is gone (its socket answers no more).
    let deadline = Instant::now() + Duration::from_secs(10);
    while unsafe { libc::kill(pid, 0) } == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[actix_web::test]
async fn every_acknowledged_save_survives_the_database_being_killed() {
    // A cluster of its own, made and started exactly as `cargo run` makes and starts it.
    let var = std::env::temp_dir().join(format!("clientele-durability-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&var);
    let mut cluster = Cluster::ensure_running(&var).expect("a private cluster starts");
    let url = cluster.url("clientele");
    db::migrate(&mut PgConnection::establish(&url).unwrap()).unwrap();
    let app = spawn_app_with(&[("DATABASE_URL", &url), ("DB_POOL_SIZE", "4")], |_| {}).await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    let customer = app.create_customer("Harbour Foods Ltd", Some("C-700"));
    let path = format!("/customers/{}/notes", customer.id);
    // The sign-in's token, read once, so saves need no page load while the server is down.
    let token = app.csrf_token().await;

    // Four writers save notes as fast as they can; the server is killed in the middle, three
    // times over (asynchronous commit loses the last fraction of a second's saves only when the
    // kill lands inside it, which one round may miss).
    let mut acknowledged = Vec::new();
    let mut stored: Vec<String> = Vec::new();
    for round in 0..3 {
        // Saves acknowledged in this round, and whether the server has been killed yet.
        let saved = Rc::new(Cell::new(0usize));
        let killed_at: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let client = app.new_client();
                client.set_cookies(app.cookies());
                let path = path.clone();
                let token = token.clone();
                let (saved, killed_at) = (saved.clone(), killed_at.clone());
                actix_web::rt::spawn(async move {
                    let mut acknowledged = Vec::new();
                    let mut i = 0;
                    // Until well after the kill: the saves in flight meet a dead server.
                    while killed_at
                        .get()
                        .is_none_or(|at| at.elapsed() < Duration::from_millis(700))
                    {
                        let body = format!("durable note {round}-{w}-{i}");
                        i += 1;
                        let key = crate::helpers::submission_key();
                        let res = client
                            .post_form(
                                &path,
                                &[
                                    ("csrf_token", &token),
                                    ("submission_key", &key),
                                    ("body", &body),
                                ],
                            )
                            .await;
                        if res.status == StatusCode::SEE_OTHER {
                            acknowledged.push(body);
                            saved.set(saved.get() + 1);
                        }
                    }
                    acknowledged
                })
            })
            .collect();
        // Kill it in the middle of the stream: once saves are being acknowledged.
        let started = Instant::now();
        while saved.get() < 10 && started.elapsed() < Duration::from_secs(20) {
            actix_web::rt::time::sleep(Duration::from_millis(10)).await;
        }
        kill_server(&cluster);
        killed_at.set(Some(Instant::now()));
        for w in writers {
            acknowledged.extend(w.await.unwrap());
        }
        // Start it again (crash recovery replays the WAL); the portal reconnects by itself.
        let restarted = Cluster::ensure_running(&var).expect("the cluster starts again");
        // The old handle's server is dead; dropping it must not stop the new one.
        std::mem::replace(&mut cluster, restarted).detach();
        let mut conn = PgConnection::establish(&url).unwrap();
        stored = notes::table
            .filter(notes::body.like("durable note %"))
            .select(notes::body)
            .load(&mut conn)
            .unwrap();
        let mut back = false;
        for _ in 0..40 {
            if app.get("/").await.status == StatusCode::OK {
                back = true;
                break;
            }
            actix_web::rt::time::sleep(Duration::from_millis(250)).await;
        }
        assert!(back, "the portal is back after round {round}");
    }
    assert!(
        acknowledged.len() >= 30,
        "the writers saved before the kills: {}",
        acknowledged.len()
    );
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|b| !stored.contains(b))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged saves were lost: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
    drop(app);
    cluster.stop();
    let _ = std::fs::remove_dir_all(&var);
}
