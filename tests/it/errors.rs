//! Errors are pages with the right status, and say nothing about the internals.

use crate::helpers::{PASSWORD, spawn_app, spawn_app_with};
use actix_web::{http::StatusCode, web};
use clientele::models::access::staff::Role;

fn failing_routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/test/panic",
        web::get().to(|| async {
            if true {
                panic!("boom: secret internals");
            }
            ""
        }),
    )
    .route(
        "/test/conflict",
        web::get().to(|| async {
            Err::<&str, _>(clientele::error::AppError::Conflict(
                "Someone else changed this record meanwhile.".into(),
            ))
        }),
    )
    .route(
        "/test/internal",
        web::get().to(|| async {
            Err::<&str, _>(clientele::error::AppError::internal(
                "connection to 10.0.0.7 refused: secret detail",
            ))
        }),
    )
    .route(
        "/test/slow",
        web::get().to(|| async {
            actix_web::rt::time::sleep(std::time::Duration::from_millis(1500)).await;
            "finished"
        }),
    );
}

#[actix_web::test]
async fn a_missing_page_is_a_404_page() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    let res = app.get("/no/such/page").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(res.text("main h1"), "Page not found");
    assert_eq!(res.text(".error-page__code"), "Error 404");
    let missing_static = app.get("/static/nope.css").await;
    assert_eq!(missing_static.status, StatusCode::NOT_FOUND);
    assert_eq!(missing_static.text("main h1"), "Page not found");
}

#[actix_web::test]
async fn a_panicking_handler_gives_a_500_page_and_the_server_keeps_serving() {
    let app = spawn_app_with(&[], failing_routes).await;
    for _ in 0..2 {
        let res = app.get("/test/panic").await;
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(res.text("main h1"), "Something went wrong");
        assert!(
            !res.body.contains("boom") && !res.body.contains("secret"),
            "{}",
            res.body
        );
        assert!(res.header("content-security-policy").is_some());
    }
    assert_eq!(app.get("/login").await.status, StatusCode::OK);
}

#[actix_web::test]
async fn a_conflict_is_a_409_page_with_its_message() {
    let app = spawn_app_with(&[], failing_routes).await;
    let res = app.get("/test/conflict").await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(res.text("main h1"), "Changed meanwhile");
    assert!(
        res.text("main")
            .contains("Someone else changed this record meanwhile.")
    );
}

#[actix_web::test]
async fn an_internal_error_is_a_500_page_that_keeps_the_cause_to_the_log() {
    let app = spawn_app_with(&[], failing_routes).await;
    let res = app.get("/test/internal").await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.text("main h1"), "Something went wrong");
    assert!(
        !res.body.contains("10.0.0.7") && !res.body.contains("secret"),
        "{}",
        res.body
    );
}

#[actix_web::test]
async fn a_form_larger_than_64_kib_is_refused_with_413() {
    let app = spawn_app().await;
    let token = app.csrf_token().await;
    let big = format!(
        "csrf_token={token}&email={}&password=x",
        "a".repeat(70 * 1024)
    );
    let res = app.post_raw("/login", big, &[]).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(res.text("main h1"), "Too large");
    let huge = format!("csrf_token={token}&email={}", "a".repeat(2 * 1024 * 1024));
    assert_eq!(
        app.post_raw("/login", huge, &[]).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[actix_web::test]
async fn a_malformed_form_is_a_400_page_that_names_no_internals() {
    let app = spawn_app().await;
    let ada = app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    app.sign_in("ada@example.com", PASSWORD).await;
    let res = app
        .post(
            &format!("/admin/staff/{}/active", ada.id),
            &[("active", "perhaps")],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.text("main h1"), "That request did not make sense");
    assert!(
        !res.body.contains("ActiveForm") && !res.body.contains("invalid type"),
        "{}",
        res.body
    );
    let res = app.get("/admin/staff/not-a-number/active").await;
    assert!(res.status.is_client_error());
}

#[actix_web::test]
async fn an_unknown_staff_id_is_a_404() {
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    app.sign_in("ada@example.com", PASSWORD).await;
    let res = app
        .post("/admin/staff/999999/active", &[("active", "false")])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_stop_lets_requests_in_flight_finish() {
    let app = spawn_app_with(&[], failing_routes).await;
    let address = app.address.clone();
    let slow = actix_web::rt::spawn(async move {
        let client = crate::helpers::TestClient::new(&address);
        client.get("/test/slow").await
    });
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    // The same graceful stop that SIGTERM triggers.
    let stopped = app.stop_gracefully();
    let res = slow.await.unwrap();
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, "finished");
    stopped.await;
}
