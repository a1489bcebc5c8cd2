//! Every state-changing request needs the session's CSRF token and a same-site origin.

use crate::helpers::{PASSWORD, spawn_app};
use actix_web::http::StatusCode;
use clientele::models::access::staff::{Role, Staff};

#[actix_web::test]
async fn a_post_without_the_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;

    let res = app.post_form("/logout", &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(
        res.text("main").contains("did not come from this portal"),
        "{}",
        res.body
    );
    assert_eq!(app.get("/").await.status, StatusCode::OK, "still signed in");
}

#[actix_web::test]
async fn a_post_with_a_wrong_token_is_refused() {
    let app = spawn_app().await;
    let ada = app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    let bob = app.create_staff("bob@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ada@example.com", PASSWORD).await;
    let res = app
        .post_form(
            &format!("/admin/staff/{}/active", bob.id),
            &[("csrf_token", "0000"), ("active", "false")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(Staff::find(&mut app.conn(), bob.id).unwrap().active);
    let _ = ada;
}

#[actix_web::test]
async fn a_token_from_another_session_is_refused() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    let attacker = app.new_client();
    let their_token = attacker.csrf_token().await;
    app.sign_in("ann@example.com", PASSWORD).await;
    let res = app
        .post_form("/logout", &[("csrf_token", &their_token)])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn sign_in_itself_needs_the_token() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    let res = app
        .post_form(
            "/login",
            &[("email", "ann@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    app.get("/").await.assert_redirect_to("/login");
}

#[actix_web::test]
async fn a_foreign_origin_is_refused_even_with_the_right_token() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    let token = app.csrf_token().await;
    let body = format!("csrf_token={token}");
    for headers in [
        vec![("Origin", "https://evil.example")],
        vec![("Origin", "null")],
        vec![("Referer", "https://evil.example/page")],
        vec![("Sec-Fetch-Site", "cross-site")],
    ] {
        let res = app.post_raw("/logout", body.clone(), &headers).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{headers:?}");
    }
    assert_eq!(app.get("/").await.status, StatusCode::OK, "still signed in");
    // The portal's own origin passes.
    let own = app.address.clone();
    let res = app
        .post_raw("/logout", body, &[("Origin", own.as_str())])
        .await;
    res.assert_redirect_to("/login?signed_out=1");
}

#[actix_web::test]
async fn no_get_changes_state() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    assert_eq!(app.get("/logout").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/").await.status, StatusCode::OK, "still signed in");
}
