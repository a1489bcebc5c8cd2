//! Signing in and out, throttling, and who may open what.

use crate::helpers::{PASSWORD, spawn_app, spawn_app_with};
use actix_web::http::StatusCode;
use clientele::models::access::staff::Role;
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

#[actix_web::test]
async fn an_anonymous_visitor_is_sent_to_the_sign_in_page() {
    let app = spawn_app().await;
    app.get("/").await.assert_redirect_to("/login");
    app.get("/admin/staff")
        .await
        .assert_redirect_to("/login?next=%2Fadmin%2Fstaff");
    let page = app.get("/login").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("h1"), "Sign in to Clientele");
    assert_eq!(
        page.attr("label[for=email] + input", "id").as_deref(),
        Some("email")
    );
}

#[actix_web::test]
async fn staff_sign_in_with_the_right_password_and_see_the_dashboard() {
    let app = spawn_app().await;
    app.create_staff("ann.lee@example.com", PASSWORD, &[Role::Staff]);

    // Email case does not matter.
    let res = app.sign_in("Ann.Lee@Example.com", PASSWORD).await;
    res.assert_redirect_to("/");
    let dashboard = app.get("/").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert_eq!(dashboard.text("main h1"), "Dashboard");
    assert_eq!(
        dashboard.text(".account-menu__name"),
        "ann lee (your account)"
    );
}

#[actix_web::test]
async fn sign_in_returns_to_the_page_first_asked_for_but_never_off_site() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Admin]);
    app.get("/login?next=%2Fadmin%2Fstaff").await;
    let res = app
        .post(
            "/login",
            &[
                ("email", "ann@example.com"),
                ("password", PASSWORD),
                ("next", "/admin/staff"),
            ],
        )
        .await;
    res.assert_redirect_to("/admin/staff");

    let other = app.new_client();
    other.get("/login").await;
    let res = other
        .post(
            "/login",
            &[
                ("email", "ann@example.com"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    res.assert_redirect_to("/");
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer_in_similar_time() {
    // Ten failures from one address would otherwise trip the throttle this test is not about.
    let app = spawn_app_with(&[("LOGIN_MAX_FAILURES", "100")], |_| {}).await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    let mut wrong_times = Vec::new();
    let mut unknown_times = Vec::new();
    for _ in 0..5 {
        let wrong = app
            .new_client()
            .sign_in("ann@example.com", "not the password")
            .await;
        let unknown = app
            .new_client()
            .sign_in("nobody@example.com", "not the password")
            .await;
        assert_eq!(
            (wrong.status, unknown.status),
            (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
        );
        assert_eq!(
            wrong.text(".form-problem"),
            unknown.text(".form-problem"),
            "the two failures must read the same"
        );
        assert!(
            wrong
                .text(".form-problem")
                .contains("email address or password is not right")
        );
        wrong_times.push(wrong.elapsed);
        unknown_times.push(unknown.elapsed);
    }
    // An unknown email still pays for a password check (tens of milliseconds of argon2), so
    // the two cannot be told apart by timing. Without the decoy check the unknown email would
    // answer about twenty times faster; medians keep one slow moment on a busy machine out.
    let median = |mut v: Vec<std::time::Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (wrong, unknown) = (median(wrong_times), median(unknown_times));
    let ratio = unknown.as_secs_f64() / wrong.as_secs_f64();
    assert!(
        ratio > 0.4 && ratio < 2.5,
        "unknown {unknown:?} vs wrong {wrong:?}"
    );
}

#[actix_web::test]
async fn a_deactivated_account_cannot_sign_in_and_is_told_nothing_more() {
    let app = spawn_app().await;
    let ann = app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    clientele::models::access::staff::Staff::set_active(&mut app.conn(), ann.id, false).unwrap();
    let res = app.sign_in("ann@example.com", PASSWORD).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.text(".form-problem").contains("not right"));
}

#[actix_web::test]
async fn an_empty_form_gets_a_message_beside_each_field() {
    let app = spawn_app().await;
    app.get("/login").await;
    let res = app
        .post("/login", &[("email", " "), ("password", "")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.text("#email-error"), "Enter your email address.");
    assert_eq!(res.text("#password-error"), "Enter your password.");
    assert_eq!(res.attr("#email", "aria-invalid").as_deref(), Some("true"));
}

#[actix_web::test]
async fn five_failures_pause_sign_in_for_the_account_until_the_window_passes() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    for _ in 0..5 {
        let res = app.new_client().sign_in("ann@example.com", "guess").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused now, from anywhere.
    let res = app.new_client().sign_in("ann@example.com", PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        res.text(".form-problem")
            .contains("Too many failed sign-in attempts"),
        "{}",
        res.body
    );
    assert!(
        res.text(".form-problem").contains("15 minutes"),
        "{}",
        res.body
    );

    // Fifteen minutes later (the attempts are moved into the past) the real user gets in.
    use clientele::schema::login_attempts::dsl::*;
    diesel::update(login_attempts)
        .set(attempted_at.eq(attempted_at - diesel::dsl::IntervalDsl::minutes(16)))
        .execute(&mut app.conn())
        .unwrap();
    app.new_client()
        .sign_in("ann@example.com", PASSWORD)
        .await
        .assert_redirect_to("/");
}

#[actix_web::test]
async fn five_failures_from_one_address_pause_sign_in_for_every_account_from_it() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    for i in 0..5 {
        app.new_client()
            .sign_in(&format!("guess{i}@example.com"), "guess")
            .await;
    }
    let res = app.new_client().sign_in("ann@example.com", PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn every_attempt_is_recorded_without_the_password() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.new_client()
        .sign_in("ann@example.com", "wrong-secret-xyz")
        .await;
    app.new_client().sign_in("ann@example.com", PASSWORD).await;
    use clientele::schema::login_attempts::dsl::*;
    let rows: Vec<(String, String, bool)> = login_attempts
        .order(id.asc())
        .select((email, client_addr, succeeded))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        rows,
        vec![
            ("ann@example.com".into(), "127.0.0.1".into(), false),
            ("ann@example.com".into(), "127.0.0.1".into(), true)
        ]
    );
}

#[actix_web::test]
async fn a_staff_member_without_the_admin_role_gets_403_on_admin_pages_and_changes_nothing() {
    let app = spawn_app().await;
    let bob = app.create_staff(
        "bob@example.com",
        PASSWORD,
        &[Role::Staff, Role::DigitalAdmin],
    );
    app.sign_in("bob@example.com", PASSWORD).await;
    let page = app.get("/admin/staff").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(page.text("main h1"), "Not allowed");
    assert!(page.text("main").contains("for administrators"));
    // The navigation still knows who is signed in.
    assert!(page.text(".account-menu__name").starts_with("bob"));

    let other = app.create_staff("other@example.com", PASSWORD, &[Role::Staff]);
    let res = app
        .post(
            &format!("/admin/staff/{}/active", other.id),
            &[("active", "false")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let still = clientele::models::access::staff::Staff::find(&mut app.conn(), other.id).unwrap();
    assert!(still.active);
    assert!(
        !app.get("/").await.body.contains("/admin/staff"),
        "no admin link for {}",
        bob.email
    );
}

#[actix_web::test]
async fn an_admin_sees_the_staff_list() {
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    app.create_staff("bob@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ada@example.com", PASSWORD).await;
    let page = app.get("/admin/staff").await;
    assert_eq!(page.status, StatusCode::OK);
    let emails = page.texts("tbody td:nth-child(2)");
    assert_eq!(emails, vec!["ada@example.com", "bob@example.com"]);
    assert_eq!(
        page.texts("tbody td:nth-child(3)")[0],
        "Staff, Administrator"
    );
}

#[actix_web::test]
async fn control_characters_in_the_email_are_refused_beside_the_field() {
    let app = spawn_app().await;
    app.get("/login").await;
    let res = app
        .post(
            "/login",
            &[("email", "ann\0@example.com"), ("password", "x")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.text("#email-error"), "That is not an email address.");
}
