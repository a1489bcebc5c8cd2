//! Server-side sessions: sign-out, replayed cookies, fixation, timeouts, deactivation and
//! password changes ending sessions at once.

use crate::helpers::{PASSWORD, spawn_app, spawn_app_with};
use actix_web::http::StatusCode;
use clientele::{models::access::staff::Role, schema::sessions};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

#[actix_web::test]
async fn a_cookie_replayed_after_sign_out_gets_the_sign_in_page() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    let signed_in_cookies = app.cookies();
    assert_eq!(app.get("/").await.status, StatusCode::OK);

    let out = app.post("/logout", &[]).await;
    out.assert_redirect_to("/login?signed_out=1");
    assert_eq!(
        app.get("/login?signed_out=1").await.text(".notice"),
        "You have signed out."
    );

    // An attacker who copied the cookie earlier gets nothing.
    let thief = app.new_client();
    thief.set_cookies(signed_in_cookies);
    let res = thief.get("/").await;
    res.assert_redirect_to("/login");
    assert!(!res.body.contains("Dashboard"));
}

#[actix_web::test]
async fn signing_in_issues_a_new_session_key() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.get("/login").await;
    let before = app.cookies();
    assert!(
        before.contains_key("clientele_staff"),
        "the sign-in page starts a session for its CSRF token"
    );
    app.post(
        "/login",
        &[("email", "ann@example.com"), ("password", PASSWORD)],
    )
    .await
    .assert_redirect_to("/");
    let after = app.cookies();
    assert_ne!(before.get("clientele_staff"), after.get("clientele_staff"));

    // A key planted before sign-in (session fixation) is not signed in.
    let planted = app.new_client();
    planted.set_cookies(before);
    planted.get("/").await.assert_redirect_to("/login");
}

#[actix_web::test]
async fn session_cookies_are_http_only_and_same_site_lax_and_secure_behind_https() {
    let app = spawn_app().await;
    let cookie = app.get("/login").await.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http on a developer machine: {cookie}"
    );

    let app = spawn_app_with(&[("PUBLIC_URL", "https://crm.example.com")], |_| {}).await;
    let cookie = app.get("/login").await.header("set-cookie").unwrap();
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
}

#[actix_web::test]
async fn an_idle_session_expires() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    // 30 minutes without a request: the row's expiry has passed.
    diesel::update(sessions::table)
        .set(sessions::expires_at.eq(chrono::Utc::now() - chrono::Duration::seconds(1)))
        .execute(&mut app.conn())
        .unwrap();
    app.get("/").await.assert_redirect_to("/login");
}

#[actix_web::test]
async fn a_busy_session_still_ends_twelve_hours_after_sign_in() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    diesel::update(sessions::table)
        .set(sessions::created_at.eq(chrono::Utc::now() - chrono::Duration::hours(12)))
        .execute(&mut app.conn())
        .unwrap();
    app.get("/").await.assert_redirect_to("/login");
}

#[actix_web::test]
async fn activity_keeps_a_session_alive() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    // Nearly idle for the full 30 minutes: the next request pushes the expiry forward.
    diesel::update(sessions::table)
        .set(sessions::expires_at.eq(chrono::Utc::now() + chrono::Duration::seconds(5)))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    let expires: chrono::DateTime<chrono::Utc> = sessions::table
        .select(sessions::expires_at)
        .first(&mut app.conn())
        .unwrap();
    assert!(expires > chrono::Utc::now() + chrono::Duration::minutes(29));
}

#[actix_web::test]
async fn deactivating_an_account_ends_its_sessions_at_once() {
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    let bob = app.create_staff("bob@example.com", PASSWORD, &[Role::Staff]);
    let bobs_browser = app.new_client();
    bobs_browser.sign_in("bob@example.com", PASSWORD).await;
    assert_eq!(bobs_browser.get("/").await.status, StatusCode::OK);

    app.sign_in("ada@example.com", PASSWORD).await;
    let res = app
        .post(
            &format!("/admin/staff/{}/active", bob.id),
            &[("active", "false")],
        )
        .await;
    res.assert_redirect_to("/admin/staff");
    assert!(
        app.get("/admin/staff")
            .await
            .text(".flash--success")
            .contains("deactivated")
    );

    bobs_browser.get("/").await.assert_redirect_to("/login");
    let left: i64 = sessions::table
        .filter(sessions::staff_id.eq(bob.id))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(left, 0);
}

#[actix_web::test]
async fn an_admin_cannot_deactivate_themselves() {
    let app = spawn_app().await;
    let ada = app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    app.sign_in("ada@example.com", PASSWORD).await;
    app.post(
        &format!("/admin/staff/{}/active", ada.id),
        &[("active", "false")],
    )
    .await;
    assert_eq!(
        app.get("/admin/staff").await.text(".flash--error"),
        "You cannot deactivate your own account."
    );
    assert_eq!(app.get("/").await.status, StatusCode::OK);
}

#[actix_web::test]
async fn changing_the_password_ends_every_other_session() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    let laptop = app.new_client();
    laptop.sign_in("ann@example.com", PASSWORD).await;
    app.sign_in("ann@example.com", PASSWORD).await;

    let new_password = "a much better passphrase";
    let res = app
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
                ("confirm_password", new_password),
            ],
        )
        .await;
    res.assert_redirect_to("/");
    assert_eq!(
        app.get("/").await.status,
        StatusCode::OK,
        "the person who changed it stays signed in"
    );
    laptop.get("/").await.assert_redirect_to("/login");
    assert_eq!(
        app.new_client()
            .sign_in("ann@example.com", PASSWORD)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    app.new_client()
        .sign_in("ann@example.com", new_password)
        .await
        .assert_redirect_to("/");
}

#[actix_web::test]
async fn a_bad_password_change_says_what_is_wrong_and_changes_nothing() {
    let app = spawn_app().await;
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("ann@example.com", PASSWORD).await;
    let res = app
        .post(
            "/account/password",
            &[
                ("current_password", "wrong"),
                ("new_password", "short"),
                ("confirm_password", "other"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text("#current_password-error"),
        "This is not your current password."
    );
    assert!(
        res.text("#new_password-error")
            .contains("at least 12 characters")
    );
    assert_eq!(
        res.text("#confirm_password-error"),
        "This does not match the new password."
    );
    app.new_client()
        .sign_in("ann@example.com", PASSWORD)
        .await
        .assert_redirect_to("/");
}

#[actix_web::test]
async fn a_forms_message_travels_in_a_sealed_cookie_and_leaves_the_session_row_alone() {
    let app = spawn_app().await;
    let (customer, ann) = crate::checkout::buyer(&app).await;
    let state_before: Vec<serde_json::Value> = sessions::table
        .select(sessions::state)
        .load(&mut app.conn())
        .unwrap();
    let valve = crate::checkout::count(&app, "SELECT id FROM products WHERE sku = 'VALVE-1'");
    let added = ann
        .post(
            "/portal/cart",
            &[
                ("product_id", &valve.to_string()),
                ("quantity", "1"),
                ("for", &customer.to_string()),
            ],
        )
        .await;
    added.assert_redirect_to(&format!("/portal/cart?for={customer}"));

    // The session rows are as they were: the message is not written there.
    let state_after: Vec<serde_json::Value> = sessions::table
        .select(sessions::state)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(state_before, state_after);
    // It is in a cookie of the portal's, HttpOnly, that does not show it in the clear.
    let cookie = added
        .headers_all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("clientele_portal_flash="))
        .expect("a flash cookie");
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Path=/portal"),
        "{cookie}"
    );
    assert!(!cookie.contains("cart"), "sealed: {cookie}");

    // The next page shows it once, and clears the cookie.
    let cart = ann.get(&format!("/portal/cart?for={customer}")).await;
    assert_eq!(cart.text(".flash"), "Added to the cart.");
    assert!(!ann.cookies().contains_key("clientele_portal_flash"));
    let again = ann.get(&format!("/portal/cart?for={customer}")).await;
    assert!(again.texts(".flash").is_empty());

    // A cookie sealed with another key, or tampered with, is no message at all.
    let mut forged = ann.cookies();
    forged.insert(
        "clientele_portal_flash".into(),
        "bm90IGEgbWVzc2FnZQ==".into(),
    );
    ann.set_cookies(forged);
    let page = ann.get(&format!("/portal/cart?for={customer}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.texts(".flash").is_empty());
}
