//! What a person sees, in a real browser: headless Chromium driven by playwright-core, with
//! axe-core checking every page visited. Skipped, saying so, where Chromium or the npm
//! packages are missing (`.ci/run` installs both, so CI always runs it).

use crate::helpers::{PASSWORD, spawn_app};
use clientele::{
    domain::{RequestStatus, Service, ServiceStatus},
    models::{
        approval::{self, Request},
        staff::Role,
    },
    schema::staff,
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
use std::path::Path;

/// Why the browser tests cannot run here, if they cannot.
pub fn unavailable() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "no Chromium at {chromium} (apt-get install chromium)"
        ));
    }
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules");
    if !modules.join("playwright-core").exists() || !modules.join("axe-core").exists() {
        return Some("no playwright-core/axe-core (cd tests/browser && npm ci)".into());
    }
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        return Some("no node on PATH".into());
    }
    None
}

/// True (after saying why) when this browser test should skip; panics instead when
/// CLIENTELE_REQUIRE_BROWSER is set.
fn skip() -> bool {
    let Some(why) = unavailable() else {
        return false;
    };
    assert!(
        std::env::var_os("CLIENTELE_REQUIRE_BROWSER").is_none(),
        "browser tests required but {why}"
    );
    eprintln!("SKIPPED browser test: {why}");
    true
}

/// Runs one script of tests/browser against `base_url`; panics with its output if it fails.
pub async fn run_script(script: &str, base_url: &str, env: &[(&str, &str)]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut cmd = tokio::process::Command::new("node");
    cmd.arg(dir.join(script))
        .current_dir(&dir)
        .env("BASE_URL", base_url)
        .env("OUT_DIR", &out_dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().await.expect("node runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{log}");
    assert!(
        out.status.success(),
        "browser script {script} failed:\n{log}"
    );
}

#[actix_web::test]
async fn staff_sign_in_through_the_real_form_and_every_page_passes_axe() {
    if let Some(why) = unavailable() {
        assert!(
            std::env::var_os("CLIENTELE_REQUIRE_BROWSER").is_none(),
            "browser tests required but {why}"
        );
        eprintln!("SKIPPED browser test: {why}");
        return;
    }
    let app = spawn_app().await;
    app.create_staff(
        "ada@example.com",
        PASSWORD,
        &[Role::Admin, Role::DigitalAdmin],
    );
    run_script(
        "sign_in.mjs",
        &app.address,
        &[("EMAIL", "ada@example.com"), ("PASSWORD", PASSWORD)],
    )
    .await;
}

const USER_PASSWORD: &str = "a long and happy customer password";

#[actix_web::test]
async fn a_customer_user_asks_for_ordering_in_the_portal_and_sees_it_approved_in_a_browser() {
    if skip() {
        return;
    }
    let app = spawn_app().await;
    let sales = app.create_staff("sam.seller@example.com", PASSWORD, &[Role::Staff]);
    diesel::update(staff::table.find(sales.id))
        .set(staff::is_salesperson.eq(true))
        .execute(&mut app.conn())
        .unwrap();
    app.create_staff("dana@example.com", PASSWORD, &[Role::DigitalAdmin]);
    let customer = app.create_customer("Portal Browser Buyers Ltd", Some("C-950"));
    app.create_customer_user(customer.id, "pia@buyer.test", USER_PASSWORD);
    run_script(
        "portal_request.mjs",
        &app.address,
        &[
            ("USER_EMAIL", "pia@buyer.test"),
            ("USER_PASSWORD", USER_PASSWORD),
            ("ADMIN_EMAIL", "dana@example.com"),
            ("ADMIN_PASSWORD", PASSWORD),
            ("SALESPERSON", "sam seller"),
            ("CATALOG", "Standard catalog"),
        ],
    )
    .await;
    // What the browser saw is what was stored: the user's request, approved, ordering active.
    let requests = Request::for_customer(&mut app.conn(), customer.id).unwrap();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].requested_by_user_id.is_some());
    assert_eq!(requests[0].status, RequestStatus::Approved);
    let ordering = approval::services_of(&mut app.conn(), customer.id)
        .unwrap()
        .into_iter()
        .find(|s| s.service == Service::Ordering)
        .unwrap();
    assert_eq!(ordering.status, ServiceStatus::Active);
}
