//! `/healthz`, and what people see while the database is away.

use crate::helpers::{PASSWORD, spawn_app, spawn_app_with};
use actix_web::http::StatusCode;
use clientele::models::access::staff::Role;
use diesel::RunQueryDsl;
use std::time::Duration;

#[actix_web::test]
async fn healthz_answers_200_while_the_database_answers() {
    let app = spawn_app().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, "ok\n");
}

/// `/livez` answers while the process does; `/readyz` (and `/healthz`) only while the database
/// answers and holds every migration this build knows.
#[actix_web::test]
async fn the_probes_say_live_and_ready_and_ready_waits_for_the_migrations() {
    let app = spawn_app().await;
    for path in ["/livez", "/readyz", "/healthz"] {
        let res = app.get(path).await;
        assert_eq!(
            (res.status, res.body.as_str()),
            (StatusCode::OK, "ok\n"),
            "{path}"
        );
    }
    // As if an older instance's database met a newer build: a migration it lacks.
    diesel::sql_query(
        "DELETE FROM __diesel_schema_migrations
          WHERE version = (SELECT max(version) FROM __diesel_schema_migrations)",
    )
    .execute(&mut app.conn())
    .unwrap();
    for path in ["/readyz", "/healthz"] {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
    }
    assert_eq!(app.get("/livez").await.status, StatusCode::OK);
}

/// Told to stop (SIGTERM in the binary), an instance keeps serving for DRAIN_SECONDS while
/// `/readyz` says it is draining and every answer asks the proxy to close the connection; then
/// it stops accepting connections.
#[actix_web::test]
async fn a_draining_instance_says_so_on_readyz_keeps_serving_and_then_stops() {
    let app = spawn_app_with(&[("DRAIN_SECONDS", "2")], |_| {}).await;
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    assert_eq!(app.get("/login").await.header("connection"), None);
    app.begin_draining();
    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    for path in ["/readyz", "/healthz"] {
        assert_eq!(
            app.get(path).await.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{path}"
        );
    }
    assert_eq!(app.get("/livez").await.status, StatusCode::OK);
    let page = app.new_client().get("/login").await;
    assert_eq!(page.status, StatusCode::OK, "still serving while draining");
    assert_eq!(page.header("connection").as_deref(), Some("close"));
    actix_web::rt::time::sleep(Duration::from_secs(3)).await;
    let gone = std::net::TcpStream::connect(app.address.trim_start_matches("http://"));
    assert!(gone.is_err(), "no longer accepting after the drain period");
}

#[actix_web::test]
async fn without_a_database_pages_are_fast_503s() {
    // Nothing listens on this socket: as if the database had been stopped.
    let app = spawn_app_with(
        &[
            (
                "DATABASE_URL",
                "postgresql:///gone?host=/nonexistent-clientele-socket",
            ),
            ("DB_POOL_TIMEOUT_SECONDS", "2"),
        ],
        |_| {},
    )
    .await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        app.get("/readyz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        app.get("/livez").await.status,
        StatusCode::OK,
        "the process itself is fine"
    );
    assert!(
        health.elapsed < Duration::from_secs(5),
        "{:?}",
        health.elapsed
    );

    let page = app.get("/login").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.text("main h1"), "Temporarily unavailable");
    assert!(page.elapsed < Duration::from_secs(5), "{:?}", page.elapsed);
    assert!(
        !page.body.to_lowercase().contains("r2d2") && !page.body.contains("socket"),
        "{}",
        page.body
    );
    assert!(page.header("content-security-policy").is_some());
}

/// Once a request found the database away, the next ones do not each wait the whole
/// DB_POOL_TIMEOUT_SECONDS for it (a page doing two pieces of database work waited twice as
/// long); the first connection had again ends that.
#[actix_web::test]
async fn with_the_database_known_away_pages_answer_503_at_once() {
    let app = spawn_app_with(
        &[
            (
                "DATABASE_URL",
                "postgresql:///gone?host=/nonexistent-clientele-socket",
            ),
            ("DB_POOL_TIMEOUT_SECONDS", "3"),
        ],
        |_| {},
    )
    .await;
    let first = app.get("/login").await;
    assert_eq!(first.status, StatusCode::SERVICE_UNAVAILABLE);
    for _ in 0..3 {
        let next = app.new_client().get("/login").await;
        assert_eq!(next.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            next.elapsed < Duration::from_millis(1500),
            "{:?}: the whole timeout waited again",
            next.elapsed
        );
    }
}

#[actix_web::test]
async fn the_portal_recovers_by_itself_when_the_database_comes_back() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    assert_eq!(app.get("/").await.status, StatusCode::OK);

    // Take this test's database away: refuse new connections and end the open ones.
    let mut admin = app.db.admin();
    let name = app.db.name.clone();
    diesel::sql_query(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
        .execute(&mut admin)
        .unwrap();
    diesel::sql_query(format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    ))
    .execute(&mut admin)
    .unwrap();
    let down = app.get("/").await;
    assert_eq!(
        down.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        down.body
    );
    assert_eq!(
        app.get("/healthz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );

    diesel::sql_query(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
        .execute(&mut admin)
        .unwrap();
    let mut back = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..20 {
        back = app.get("/").await.status;
        if back == StatusCode::OK {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(
        back,
        StatusCode::OK,
        "the same session works again once the database is back"
    );
}

fn stuck_query(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.route(
        "/test/stuck",
        actix_web::web::get().to(
            |pool: actix_web::web::Data<clientele::db::DbPool>| async move {
                clientele::db::run(&pool, |conn| {
                    diesel::sql_query("SELECT pg_sleep(30)").execute(conn)?;
                    Ok("finished")
                })
                .await
            },
        ),
    );
}

#[actix_web::test]
async fn a_stuck_query_is_cancelled_by_the_statement_timeout_and_answered_with_503() {
    let app = spawn_app_with(&[("DB_STATEMENT_TIMEOUT_SECONDS", "1")], stuck_query).await;
    let res = app.get("/test/stuck").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
    assert!(res.elapsed < Duration::from_secs(5), "{:?}", res.elapsed);
    assert!(!res.body.contains("statement timeout"), "{}", res.body);
    assert_eq!(
        app.get("/healthz").await.status,
        StatusCode::OK,
        "the connection is fine afterwards"
    );
}

#[derive(diesel::QueryableByName)]
struct Setting {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

#[actix_web::test]
async fn a_pooled_connection_runs_each_query_in_one_process_without_compiling_it() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let show = |conn: &mut clientele::db::DbConn, name: &str| {
        diesel::sql_query(format!("SELECT current_setting('{name}') AS value"))
            .get_result::<Setting>(conn)
            .unwrap()
            .value
    };
    assert_eq!(show(&mut conn, "max_parallel_workers_per_gather"), "0");
    assert_eq!(show(&mut conn, "jit"), "off");
}
