//! What a person sees, in a real browser: headless Chromium driven by playwright-core, with
//! axe-core checking every page visited. Skipped, saying so, where Chromium or the npm
//! packages are missing (`.ci/run` installs both, so CI always runs it).

use crate::{
    helpers::{PASSWORD, app_mailing_to, spawn_app},
    smtp_sink::SmtpSink,
};
use clientele::{
    domain::{RequestStatus, Service, ServiceStatus},
    models::{
        access::staff::Role,
        approvals::approval::{self, Request},
    },
    schema::customer_users,
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl, sql_query};
use std::path::Path;

/// Why the browser tests cannot run here, if they cannot.
fn unavailable() -> Option<String> {
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
/// CLIENTELE_REQUIRE_BROWSER is set. Every browser test starts with it.
pub fn skip() -> bool {
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
    if skip() {
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
    app.create_salesperson("sam.seller@example.com");
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

#[actix_web::test]
async fn an_invited_customer_user_accepts_by_email_and_sees_products_at_its_price_in_a_browser() {
    if skip() {
        return;
    }
    let sink = SmtpSink::start();
    let app = app_mailing_to(&sink.url(), &[]).await;
    app.create_staff("stan@example.com", PASSWORD, &[Role::Staff]);
    let customer = app.create_customer("Harbour Browser Foods Ltd", Some("C-960"));
    let id = customer.id.to_string();
    let (name, email) = ("Ann Buyer", "ann@harbour.test");

    // (a) Staff invite the person through the "Portal users" tab.
    run_script(
        "portal_invite.mjs",
        &app.address,
        &[
            ("STEP", "invite"),
            ("EMAIL", "stan@example.com"),
            ("PASSWORD", PASSWORD),
            ("CUSTOMER_ID", &id),
            ("USER_NAME", name),
            ("USER_EMAIL", email),
        ],
    )
    .await;
    sink.wait_for(1).await;
    let mails = sink.to(email);
    assert_eq!(mails.len(), 1, "one invitation to {email}");
    let text = mails[0].text();
    // Links are built from PUBLIC_URL (not the test server's address): keep the path.
    let word = text
        .split_whitespace()
        .find(|w| w.contains("/portal/invitation/"))
        .unwrap_or_else(|| panic!("no invitation link in {text}"));
    let link = format!("{}{}", app.address, &word[word.find("/portal/").unwrap()..]);

    // The customer buys on the Trade list at 12.5 % off, from the Standard catalog.
    let mut conn = app.conn();
    for sql in [
        format!(
            "UPDATE customers SET discount_bp = 1250, sales_channel_id = \
             (SELECT id FROM sales_channels WHERE price_list_id = (SELECT id FROM price_lists WHERE name = 'Trade') LIMIT 1) \
             WHERE id = {id}"
        ),
        "INSERT INTO products (sku, name, unit) VALUES ('VALVE-1', 'Ball valve', 'each')".into(),
        "INSERT INTO product_prices (product_id, price_list_id, price_cents) \
         SELECT p.id, l.id, 999 FROM products p, price_lists l WHERE l.name = 'Trade' AND p.sku = 'VALVE-1'".into(),
        "INSERT INTO catalog_products (catalog_id, product_id) SELECT c.id, p.id FROM catalogs c, products p \
         WHERE c.name = 'Standard catalog' AND p.sku = 'VALVE-1'".into(),
        format!("INSERT INTO customer_catalogs (customer_id, catalog_id) SELECT {id}, id FROM catalogs WHERE name = 'Standard catalog'"),
        // Ordering approved: products are offered only while it is active.
        format!("INSERT INTO customer_services (customer_id, service, status) VALUES ({id}, 'ordering', 'active')"),
    ] {
        sql_query(sql).execute(&mut conn).unwrap();
    }

    // (b) The person follows the link, chooses a password and sees the products.
    run_script(
        "portal_invite.mjs",
        &app.address,
        &[
            ("STEP", "accept"),
            ("LINK", &link),
            ("USER_NAME", name),
            ("USER_EMAIL", email),
            ("USER_PASSWORD", USER_PASSWORD),
            ("PRODUCT", "Ball valve"),
            // 9.99 less 12.5 % is 8.74125: 8.74.
            ("LIST_PRICE", "9.99 EUR"),
            ("PRICE", "8.74 EUR"),
        ],
    )
    .await;
    let status: String = customer_users::table
        .filter(customer_users::email.eq(email))
        .select(customer_users::status)
        .first(&mut conn)
        .unwrap();
    assert_eq!(status, "active");
    // The link worked once.
    let again = app.new_client().get(&link[app.address.len()..]).await;
    assert_eq!(again.status, actix_web::http::StatusCode::GONE);
}

#[actix_web::test]
async fn in_german_an_administrator_approves_and_the_customer_sees_its_price_as_german_writes_it() {
    if skip() {
        return;
    }
    let app = spawn_app().await;
    app.create_salesperson("sam.seller@example.com");
    app.create_staff("dana@example.com", PASSWORD, &[Role::DigitalAdmin]);
    let customer = app.create_customer("Müller Haustechnik GmbH", Some("C-970"));
    app.create_customer_user(customer.id, "jana@mueller.test", USER_PASSWORD);
    let id = customer.id;
    let mut conn = app.conn();
    for sql in [
        format!(
            "UPDATE customers SET sales_channel_id = \
             (SELECT id FROM sales_channels WHERE price_list_id = (SELECT id FROM price_lists WHERE name = 'Trade') LIMIT 1) \
             WHERE id = {id}"
        ),
        "INSERT INTO products (sku, name, unit) VALUES ('ROHR-15', 'Kupferrohr 15 mm', 'each')".into(),
        "INSERT INTO product_prices (product_id, price_list_id, price_cents) \
         SELECT p.id, l.id, 123450 FROM products p, price_lists l WHERE l.name = 'Trade' AND p.sku = 'ROHR-15'".into(),
        "INSERT INTO catalog_products (catalog_id, product_id) SELECT c.id, p.id FROM catalogs c, products p \
         WHERE c.name = 'Standard catalog' AND p.sku = 'ROHR-15'".into(),
    ] {
        sql_query(sql).execute(&mut conn).unwrap();
    }
    run_script(
        "german.mjs",
        &app.address,
        &[
            ("USER_EMAIL", "jana@mueller.test"),
            ("USER_PASSWORD", USER_PASSWORD),
            ("ADMIN_EMAIL", "dana@example.com"),
            ("ADMIN_PASSWORD", PASSWORD),
            ("SALESPERSON", "sam seller"),
            ("CATALOG", "Standard catalog"),
            ("PRODUCT", "Kupferrohr 15 mm"),
            ("PRICE", "1.234,50 €"),
        ],
    )
    .await;
    let ordering = approval::services_of(&mut app.conn(), id)
        .unwrap()
        .into_iter()
        .find(|s| s.service == Service::Ordering)
        .unwrap();
    assert_eq!(ordering.status, ServiceStatus::Active);
}

#[actix_web::test]
async fn a_quick_order_on_invoice_is_shipped_by_the_desk_and_the_contact_gets_the_tracking_number()
{
    if skip() {
        return;
    }
    let sink = SmtpSink::start();
    let app = crate::mail::app_sending_to(&sink.url(), &[]).await;
    app.create_staff("dora@vendor.test", PASSWORD, &[Role::Staff]);
    let (customer, _) = crate::checkout::buyer(&app).await;
    for sql in [
        "INSERT INTO products (sku, name, unit) VALUES ('FIT-3', 'Press fitting', 'each')".to_string(),
        "INSERT INTO product_prices (product_id, price_list_id, price_cents) SELECT p.id, l.id, 120 \
         FROM products p, price_lists l WHERE l.name = 'Trade' AND p.sku = 'FIT-3'"
            .into(),
        "INSERT INTO catalog_products (catalog_id, product_id) SELECT c.id, p.id FROM catalogs c, products p \
         WHERE c.name = 'Standard catalog' AND p.sku = 'FIT-3'"
            .into(),
        format!(
            "INSERT INTO customer_contacts (customer_id, name, email, subscriptions) \
             VALUES ({customer}, 'Dock office', 'dock@alpha.test', '{{shipment_notification}}')"
        ),
    ] {
        sql_query(sql).execute(&mut app.conn()).unwrap();
    }
    run_script(
        "order_story.mjs",
        &app.address,
        &[
            ("USER_EMAIL", "ann@alpha.test"),
            ("USER_PASSWORD", PASSWORD),
            ("LINES", "VALVE-1, 2|PIPE-2, 5|FIT-3, 10"),
            ("REFERENCE", "PO-2026-117"),
            ("EMAIL", "dora@vendor.test"),
            ("PASSWORD", PASSWORD),
            ("TRACKING", "JD0146000062811"),
        ],
    )
    .await;
    // The confirmation to the buyer, the shipment notification to the dock office.
    sink.wait_for(2).await;
    let shipped = sink.to("dock@alpha.test");
    assert_eq!(shipped.len(), 1);
    assert!(shipped[0].subject().contains("JD0146000062811"));
    assert!(shipped[0].text().contains("JD0146000062811") && shipped[0].text().contains("DHL"));
    let confirmation = sink.to("ann@alpha.test");
    assert_eq!(confirmation.len(), 1);
    assert!(confirmation[0].text().contains("PO-2026-117"));
}

#[actix_web::test]
async fn staff_record_a_payment_the_balance_and_bar_move_and_the_customer_downloads_its_statement()
{
    if skip() {
        return;
    }
    let app = spawn_app().await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff, Role::Admin]);
    let s = crate::placing::shop(&app, "Ledger Story GmbH");
    app.create_customer_user(s.customer_id, "lea@story.test", PASSWORD);
    crate::portal_pages::post_invoice(&app, s.customer_id, 6_000, "Installation");
    run_script(
        "accounts_story.mjs",
        &app.address,
        &[
            ("EMAIL", "ada@vendor.test"),
            ("PASSWORD", PASSWORD),
            ("CUSTOMER_ID", &s.customer_id.to_string()),
            ("AMOUNT", "25.00"),
            ("USER_EMAIL", "lea@story.test"),
            ("USER_PASSWORD", PASSWORD),
        ],
    )
    .await;
    // The payment is in the ledger, and the balance the tab showed is the ledger's.
    assert_eq!(
        clientele::models::accounts::ledger::balances(&mut app.conn(), s.customer_id).unwrap(),
        vec![("EUR".to_string(), 3_500)]
    );
}

/// The path of the link in `text` that goes to `prefix` (links are built from PUBLIC_URL, not
/// the test server's address), on `app`'s address.
fn link_in(app: &crate::helpers::TestApp, text: &str, prefix: &str) -> String {
    let word = text
        .split_whitespace()
        .find(|w| w.contains(prefix))
        .unwrap_or_else(|| panic!("no {prefix} link in {text}"));
    format!("{}{}", app.address, &word[word.find(prefix).unwrap()..])
}

/// The link to `prefix` in the first email to `to` that has one, waited for up to 20 s.
async fn link_mailed(
    app: &crate::helpers::TestApp,
    sink: &SmtpSink,
    to: &str,
    prefix: &str,
) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(text) = sink
            .to(to)
            .iter()
            .map(|m| m.text())
            .find(|t| t.contains(prefix))
        {
            return link_in(app, &text, prefix);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {prefix} link mailed to {to}"
        );
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[actix_web::test]
async fn in_german_a_prospect_applies_is_approved_sets_a_password_and_invites_a_buyer() {
    if skip() {
        return;
    }
    let sink = SmtpSink::start();
    let app = app_mailing_to(&sink.url(), &[]).await;
    app.create_salesperson("sam.seller@example.com");
    app.create_staff("dana@example.com", PASSWORD, &[Role::DigitalAdmin]);
    let (company, email) = ("Hafenküche Nord GmbH", "greta@hafenkueche.test");
    let colleague = "piet@hafenkueche.test";
    let step = |step: &'static str, extra: Vec<(&'static str, String)>| {
        let mut env: Vec<(&str, String)> = vec![("STEP", step.to_string())];
        env.extend(extra);
        env
    };
    let go = |env: Vec<(&'static str, String)>| {
        let address = app.address.clone();
        async move {
            let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
            run_script("apply_story.mjs", &address, &pairs).await;
        }
    };

    go(step(
        "apply",
        vec![
            ("COMPANY", company.into()),
            ("POSTCODE", "20457".into()),
            ("CONTACT", "Greta Hansen".into()),
            ("EMAIL", email.into()),
            ("SALESPERSON", "sam seller".into()),
        ],
    ))
    .await;
    let confirm = link_mailed(&app, &sink, email, "/portal/apply/").await;
    go(step("confirm", vec![("LINK", confirm)])).await;

    go(step(
        "approve",
        vec![
            ("ADMIN_EMAIL", "dana@example.com".into()),
            ("ADMIN_PASSWORD", PASSWORD.into()),
            ("COMPANY", company.into()),
            ("CATALOG", "Standard catalog".into()),
        ],
    ))
    .await;
    let invitation = link_mailed(&app, &sink, email, "/portal/invitation/").await;
    go(step(
        "accept",
        vec![
            ("LINK", invitation),
            ("USER_PASSWORD", USER_PASSWORD.into()),
            ("COLLEAGUE_NAME", "Piet Jansen".into()),
            ("COLLEAGUE_EMAIL", colleague.into()),
        ],
    ))
    .await;

    let mut conn = app.conn();
    let users: Vec<(String, String, String)> = customer_users::table
        .order(customer_users::id)
        .select((
            customer_users::email,
            customer_users::status,
            customer_users::role,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        users,
        vec![
            (email.to_string(), "active".to_string(), "admin".to_string()),
            (
                colleague.to_string(),
                "pending".to_string(),
                "buyer".to_string()
            ),
        ],
        "the applicant is the active customer admin, the colleague an invited buyer"
    );
    let relationship: String = clientele::schema::customers::table
        .filter(clientele::schema::customers::legal_name.eq(company))
        .select(clientele::schema::customers::relationship_status)
        .first(&mut conn)
        .unwrap();
    assert_eq!(relationship, "active");
}
