//! Paths name resources, not verbs; a form sends a DELETE as a POST with `_method=delete`, and
//! that POST still needs its CSRF token.

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use actix_web::http::StatusCode;
use clientele::models::{
    access::{
        customer_user::{CustomerUser, UserStatus},
        staff::Role,
    },
    customers::customer::Customer,
};

/// An administrator signed in, and a customer with one active portal user.
async fn admin_and_a_user() -> (TestApp, i64, i64) {
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    app.sign_in("ada@example.com", PASSWORD).await;
    let customer = app.create_customer("Override Ltd", None);
    let user = app.create_customer_user(customer.id, "una@override.test", PASSWORD);
    (app, customer.id, user)
}

fn status_of(app: &TestApp, customer: i64, user: i64) -> UserStatus {
    CustomerUser::find_for_customer(&mut app.conn(), customer, user)
        .unwrap()
        .status
}

#[actix_web::test]
async fn the_old_verb_urls_are_gone() {
    let (app, customer, user) = admin_and_a_user().await;
    for path in [
        format!("/customers/{customer}/users/{user}/revoke"),
        format!("/customers/{customer}/users/{user}/resend"),
        "/admin/maintenance/invite-all".to_string(),
        format!("/customers/{customer}/delete"),
    ] {
        assert_eq!(
            app.post(&path, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(status_of(&app, customer, user), UserStatus::Active);
    assert!(Customer::find(&mut app.conn(), customer).is_ok());
}

#[actix_web::test]
async fn a_form_deletes_with_a_hidden_method_field() {
    let (app, customer, user) = admin_and_a_user().await;
    let path = format!("/customers/{customer}/users/{user}");
    // A plain POST to the user is not a DELETE (and the app answers 404 for a method no route
    // takes).
    let res = app.post(&path, &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(status_of(&app, customer, user), UserStatus::Active);

    app.delete(&path, &[])
        .await
        .assert_redirect_to(&format!("/customers/{customer}/users"));
    assert_eq!(status_of(&app, customer, user), UserStatus::Revoked);
}

#[actix_web::test]
async fn the_method_field_does_not_skip_the_csrf_check() {
    let (app, customer, user) = admin_and_a_user().await;
    let path = format!("/customers/{customer}/users/{user}");
    for fields in [
        vec![("_method", "delete")],
        vec![("_method", "delete"), ("csrf_token", "0000")],
    ] {
        let res = app.post_form(&path, &fields).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{fields:?}");
    }
    assert_eq!(status_of(&app, customer, user), UserStatus::Active);
}

#[actix_web::test]
async fn only_an_urlencoded_form_body_names_the_method() {
    let (app, customer, user) = admin_and_a_user().await;
    let path = format!("/customers/{customer}/users/{user}");
    let token = app.csrf_token().await;
    // In the query string.
    let res = app
        .post_form(&format!("{path}?_method=delete"), &[("csrf_token", &token)])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // In a body of another type (the token in its header).
    let res = app
        .post_raw(
            &path,
            format!("_method=delete&csrf_token={token}"),
            &[("Content-Type", "text/plain"), ("X-CSRF-Token", &token)],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(status_of(&app, customer, user), UserStatus::Active);
}
