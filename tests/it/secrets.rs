//! Secrets stay secret: single-use links and searched values never reach the log, and every
//! password hash has its own salt.

use crate::{
    helpers::{LogCapture, PASSWORD, TestDb, app_mailing_to},
    smtp_sink::SmtpSink,
};
use actix_web::http::StatusCode;
use clientele::{
    models::access::staff::Role,
    schema::{customer_users, staff},
};
use diesel::prelude::*;

#[actix_web::test]
async fn following_an_invitation_link_leaves_no_working_token_in_the_log() {
    let capture = LogCapture::start();
    let sink = SmtpSink::start();
    let app = app_mailing_to(&sink.url(), &[]).await;
    app.create_staff("stan@vendor.test", PASSWORD, &[Role::Staff]);
    app.sign_in("stan@vendor.test", PASSWORD).await;
    let customer = app.create_customer("Harbour Foods Ltd", Some("C-700"));
    app.post(
        &format!("/customers/{}/users", customer.id),
        &[("name", "Ann Buyer"), ("email", "ann@harbour.test")],
    )
    .await
    .assert_redirect_to(&format!("/customers/{}/users", customer.id));
    let mail = loop {
        if let Some(m) = sink.to("ann@harbour.test").pop() {
            break m;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let text = mail.text();
    let word = text
        .split_whitespace()
        .find(|w| w.contains("/portal/invitation/"))
        .expect("an invitation link");
    let link = &word[word.find("/portal/invitation/").unwrap()..];
    let token = link.rsplit('/').next().unwrap().to_string();
    assert!(token.len() >= 20, "{token}");

    // The invited person follows the link (and someone searches for the address).
    let person = app.new_client();
    person.use_portal();
    assert_eq!(person.get(link).await.status, StatusCode::OK);
    app.get("/customers?q=ann%40harbour.test&field=email").await;

    let lines = capture.lines();
    let requests: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("actix_web::middleware::logger"))
        .collect();
    assert!(
        requests
            .iter()
            .any(|l| l.contains("GET /portal/invitation/[redacted]")),
        "the request is logged, without its token: {requests:#?}"
    );
    assert!(
        requests.iter().any(|l| l.contains("GET /customers?q=…")),
        "{requests:#?}"
    );
    for line in &lines {
        assert!(!line.contains(&token), "a live token in the log: {line}");
    }
    for line in &requests {
        assert!(
            !line.contains("harbour.test"),
            "a searched address in the log: {line}"
        );
    }
}

#[test]
fn every_password_hash_of_the_demo_accounts_has_its_own_salt() {
    // The demo's accounts share one password; each must still get its own salt.
    let db = TestDb::new();
    let mut conn = db.connect();
    clientele::tools::demo::load(&mut conn, "http://127.0.0.1:8080").unwrap();
    let staff_hashes: Vec<Option<String>> = staff::table
        .select(staff::password_hash)
        .load(&mut conn)
        .unwrap();
    let mut hashes: Vec<String> = staff_hashes
        .into_iter()
        .map(|h| h.expect("every demo account has a password"))
        .collect();
    let users: Vec<Option<String>> = customer_users::table
        .select(customer_users::password_hash)
        .load(&mut conn)
        .unwrap();
    hashes.extend(users.into_iter().flatten());
    assert!(hashes.len() >= 5, "{hashes:?}");
    assert_salts_differ(&hashes);
}

/// The salt is the fourth `$`-separated field of a PHC string.
pub fn assert_salts_differ(hashes: &[String]) {
    let mut salts: Vec<&str> = hashes
        .iter()
        .map(|h| h.split('$').nth(4).expect("a PHC string"))
        .collect();
    let all = salts.len();
    salts.sort();
    salts.dedup();
    assert_eq!(salts.len(), all, "duplicate salts among {hashes:#?}");
}
