//! Email, the real thing: messages go to the outbox in the transaction of the change that
//! causes them, and the background sender delivers them to a real SMTP server on loopback
//! (the sink in smtp_sink.rs). Who gets what, what it says, that names cannot inject headers,
//! that a mail server that is down loses nothing and sends each message once when it is back,
//! that refusals end up failed for an administrator to retry, and local mode.

use crate::{
    helpers::{PASSWORD, TestApp, TestClient, app_mailing_to, spawn_app},
    smtp_sink::{SmtpSink, unused_port},
};
use actix_web::http::StatusCode;
use clientele::{
    mail::OutboxStatus,
    models::{access::staff::Role, approvals::approval::Request, customers::customer::Customer},
    schema::{catalogs, customer_contacts, customers, outbox, staff},
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
use std::time::Duration;

pub async fn app_sending_to(smtp_url: &str, extra: &[(&str, &str)]) -> TestApp {
    let from = [("MAIL_FROM", "Clientele <portal@vendor.test>")];
    app_mailing_to(smtp_url, &[&from[..], extra].concat()).await
}

/// Staff for the approval story: a salesperson, two digital administrators (one of them
/// deactivated), a plain staff member who records requests (signed in on `app`), and a digital
/// administrator who decides (signed in on the returned client).
struct People {
    salesperson: i64,
    decider: TestClient,
}

async fn people(app: &TestApp) -> People {
    let sales = app.create_salesperson("sam.seller@vendor.test");
    app.create_staff("stan@vendor.test", PASSWORD, &[Role::Staff]);
    app.create_staff("dana@vendor.test", PASSWORD, &[Role::DigitalAdmin]);
    app.create_staff(
        "dirk@vendor.test",
        PASSWORD,
        &[Role::DigitalAdmin, Role::Admin],
    );
    let gone = app.create_staff("gone@vendor.test", PASSWORD, &[Role::DigitalAdmin]);
    diesel::update(staff::table.find(gone.id))
        .set(staff::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    app.sign_in("stan@vendor.test", PASSWORD).await;
    let decider = app.new_client();
    decider.sign_in("dana@vendor.test", PASSWORD).await;
    People {
        salesperson: sales.id,
        decider,
    }
}

fn primary_contact(app: &TestApp, customer_id: i64, name: &str, email: &str) {
    diesel::insert_into(customer_contacts::table)
        .values((
            customer_contacts::customer_id.eq(customer_id),
            customer_contacts::name.eq(name),
            customer_contacts::email.eq(email),
            customer_contacts::is_primary.eq(true),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

async fn record_request(app: &TestApp, p: &People, customer_id: i64, services: &[&str]) -> Request {
    let sp = p.salesperson.to_string();
    let mut fields: Vec<(&str, &str)> = services.iter().map(|s| ("services", *s)).collect();
    fields.push(("salesperson", &sp));
    fields.push(("message", "Please switch these on."));
    app.post(&format!("/customers/{customer_id}/requests"), &fields)
        .await
        .assert_redirect_to(&format!("/customers/{customer_id}/requests"));
    Request::for_customer(&mut app.conn(), customer_id)
        .unwrap()
        .remove(0)
}

fn outbox_rows(app: &TestApp) -> Vec<(String, OutboxStatus, i32, Option<String>)> {
    outbox::table
        .order(outbox::id)
        .select((
            outbox::to_address,
            outbox::status,
            outbox::attempts,
            outbox::last_error,
        ))
        .load(&mut app.conn())
        .unwrap()
}

/// Waits (at most 20 s) until every outbox row satisfies `done`.
async fn until_outbox(
    app: &TestApp,
    what: &str,
    done: impl Fn(&[(String, OutboxStatus, i32, Option<String>)]) -> bool,
) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let rows = outbox_rows(app);
        if done(&rows) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "waited for {what}: {rows:#?}"
        );
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

fn catalog(app: &TestApp, name: &str) -> String {
    catalogs::table
        .filter(catalogs::name.eq(name))
        .select(catalogs::id)
        .first::<i64>(&mut app.conn())
        .unwrap()
        .to_string()
}

#[actix_web::test]
async fn a_new_request_emails_the_salesperson_and_every_active_digital_administrator() {
    let sink = SmtpSink::start();
    let app = app_sending_to(&sink.url(), &[]).await;
    let p = people(&app).await;
    let customer = app.create_customer("Brightwater Supplies Ltd", Some("C-501"));
    let request = record_request(&app, &p, customer.id, &["ordering", "invoices"]).await;

    let got = sink.wait_for(3).await;
    let mut to: Vec<String> = got.iter().flat_map(|m| m.rcpt_to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "dana@vendor.test",
            "dirk@vendor.test",
            "sam.seller@vendor.test"
        ],
        "one message each, to the salesperson and the active digital administrators only"
    );
    for m in &got {
        assert_eq!(m.rcpt_to.len(), 1, "recipients never see each other");
        assert_eq!(m.mail_from, "portal@vendor.test");
        assert_eq!(
            m.subject(),
            "New request from Brightwater Supplies Ltd: Ordering, Invoices"
        );
        let text = m.text();
        assert!(text.contains("Brightwater Supplies Ltd (C-501)"), "{text}");
        assert!(
            text.contains("stan (staff, on the customer's behalf)"),
            "{text}"
        );
        assert!(text.contains("Please switch these on."), "{text}");
        // Links use PUBLIC_URL (here the default, from BIND_ADDR).
        let link = format!("http://127.0.0.1:0/approvals/{}", request.id);
        assert!(text.contains(&link), "{text}");
        assert!(
            m.html().contains(&format!("href=\"{link}\"")),
            "{}",
            m.html()
        );
    }
    until_outbox(&app, "all sent", |rows| {
        rows.len() == 3 && rows.iter().all(|r| r.1 == OutboxStatus::Sent && r.2 == 1)
    })
    .await;
}

#[actix_web::test]
async fn decisions_email_the_primary_contact_with_what_was_decided() {
    let sink = SmtpSink::start();
    let app = app_sending_to(&sink.url(), &[]).await;
    let p = people(&app).await;
    let approved = app.create_customer("Approved Co", None);
    primary_contact(&app, approved.id, "Alice Buyer", "alice@approved.test");
    let rejected = app.create_customer("Rejected Co", None);
    primary_contact(&app, rejected.id, "Rob Buyer", "rob@rejected.test");
    let asked = app.create_customer("Asked Co", None);
    // No primary contact: the customer's own address is used.
    diesel::update(customers::table.find(asked.id))
        .set(customers::email.eq("office@asked.test"))
        .execute(&mut app.conn())
        .unwrap();

    let r1 = record_request(&app, &p, approved.id, &["ordering"]).await;
    let r2 = record_request(&app, &p, rejected.id, &["price_files"]).await;
    let r3 = record_request(&app, &p, asked.id, &["orders"]).await;
    let standard = catalog(&app, "Standard catalog");
    for (r, fields) in [
        (
            &r1,
            vec![("decision", "approve"), ("catalogs", standard.as_str())],
        ),
        (
            &r2,
            vec![
                ("decision", "reject"),
                ("reason", "We only send price files to wholesale customers."),
            ],
        ),
        (
            &r3,
            vec![
                ("decision", "ask_info"),
                ("message", "Which EDI standard do you use?"),
            ],
        ),
    ] {
        let mut all = vec![("version", "0")];
        all.extend(fields);
        let res = p
            .decider
            .post(&format!("/approvals/{}/decision", r.id), &all)
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    }

    // 3 requests × 3 staff, then one message per decision.
    sink.wait_for(12).await;
    let alice = sink.to("alice@approved.test");
    assert_eq!(alice.len(), 1);
    assert_eq!(
        alice[0].subject(),
        "Your request has been approved: Ordering"
    );
    assert!(
        alice[0]
            .text()
            .contains("Catalogs you can order from: Standard catalog"),
        "{}",
        alice[0].text()
    );
    let to_alice = alice[0].header("To").unwrap();
    assert!(
        to_alice.contains("Alice Buyer") && to_alice.contains("alice@approved.test"),
        "{to_alice}"
    );

    let rob = sink.to("rob@rejected.test");
    assert_eq!(rob.len(), 1);
    assert_eq!(
        rob[0].subject(),
        "Your request was not approved: Price files"
    );
    assert!(
        rob[0]
            .text()
            .contains("We only send price files to wholesale customers.")
    );

    let office = sink.to("office@asked.test");
    assert_eq!(office.len(), 1);
    assert_eq!(
        office[0].subject(),
        "We need more information about your request: Orders"
    );
    let text = office[0].text();
    assert!(text.contains("Which EDI standard do you use?"), "{text}");
    assert!(
        text.contains(&format!("http://127.0.0.1:0/portal/requests/{}", r3.id)),
        "{text}"
    );
}

#[actix_web::test]
async fn names_with_line_breaks_cannot_add_headers_or_recipients() {
    let sink = SmtpSink::start();
    let app = app_sending_to(&sink.url(), &[]).await;
    let p = people(&app).await;
    let evil = app.create_customer("Placeholder", None);
    diesel::update(customers::table.find(evil.id))
        .set(customers::legal_name.eq("Evil Corp\r\nBcc: victim@elsewhere.test\r\nX-Injected: yes"))
        .execute(&mut app.conn())
        .unwrap();
    diesel::update(staff::table.find(p.salesperson))
        .set(staff::name.eq("Sam\r\nBcc: victim2@elsewhere.test"))
        .execute(&mut app.conn())
        .unwrap();
    primary_contact(
        &app,
        evil.id,
        "Eve\nCc: victim3@elsewhere.test",
        "eve@evil.test",
    );
    let r = record_request(&app, &p, evil.id, &["invoices"]).await;
    let res = p
        .decider
        .post(
            &format!("/approvals/{}/decision", r.id),
            &[
                ("version", "0"),
                ("decision", "reject"),
                ("reason", "No.\r\nBcc: victim4@elsewhere.test"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);

    let got = sink.wait_for(4).await;
    for m in &got {
        assert_eq!(m.rcpt_to.len(), 1);
        assert!(
            !m.rcpt_to[0].contains("elsewhere"),
            "an injected recipient got mail: {:?}",
            m.rcpt_to
        );
        let names = m.header_names();
        for forbidden in ["bcc", "cc", "x-injected"] {
            assert!(
                !names.contains(&forbidden.to_string()),
                "{forbidden} header in {}",
                m.data
            );
        }
        assert!(!m.subject().contains('\n') && !m.subject().contains('\r'));
    }
    let to_sam = sink.to("sam.seller@vendor.test");
    assert_eq!(
        to_sam[0].subject(),
        "New request from Evil Corp Bcc: victim@elsewhere.test X-Injected: yes: Invoices"
    );
    let eve = sink.to("eve@evil.test");
    assert_eq!(eve.len(), 1);
    assert!(
        eve[0]
            .header("To")
            .unwrap()
            .contains("Eve Cc: victim3@elsewhere.test")
    );
}

#[actix_web::test]
async fn with_the_mail_server_down_actions_succeed_and_each_message_is_sent_once_when_it_is_back() {
    let port = unused_port();
    let app = app_sending_to(&format!("smtp://127.0.0.1:{port}"), &[]).await;
    let p = people(&app).await;
    let customer = app.create_customer("Patient Customer", None);
    // The action succeeds although no mail server answers.
    record_request(&app, &p, customer.id, &["ship_notices"]).await;
    until_outbox(&app, "failed attempts to be recorded", |rows| {
        rows.len() == 3
            && rows.iter().all(|r| {
                r.1 == OutboxStatus::Pending
                    && r.2 >= 1
                    && r.3.as_deref().is_some_and(|e| !e.is_empty())
            })
    })
    .await;

    let sink = SmtpSink::start_on(port);
    let got = sink.wait_for(3).await;
    until_outbox(&app, "all sent", |rows| {
        rows.iter().all(|r| r.1 == OutboxStatus::Sent)
    })
    .await;
    // Time for any duplicate to show up.
    actix_web::rt::time::sleep(Duration::from_secs(2)).await;
    let again = sink.received();
    assert_eq!(again.len(), 3, "each message exactly once: {again:#?}");
    let mut to: Vec<String> = got.iter().flat_map(|m| m.rcpt_to.clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 3);
}

#[actix_web::test]
async fn a_message_claimed_by_a_sender_that_died_is_sent_when_its_lease_runs_out() {
    let sink = SmtpSink::start();
    let app = app_sending_to(&sink.url(), &[]).await;
    // As a portal stopped mid-send leaves it: claimed, attempt counted, lease expired.
    diesel::sql_query(
        "INSERT INTO outbox (kind, to_address, subject, body_text, body_html, status, attempts, lease_until) \
         VALUES ('test', 'left@behind.test', 'Left behind', 'Still here.', '<p>Still here.</p>', 'sending', 1, now() - interval '1 second')",
    )
    .execute(&mut app.conn())
    .unwrap();
    let got = sink.wait_for(1).await;
    assert_eq!(got[0].rcpt_to, ["left@behind.test"]);
    assert_eq!(got[0].text().trim(), "Still here.");
    until_outbox(&app, "sent", |rows| {
        rows[0].1 == OutboxStatus::Sent && rows[0].2 == 2
    })
    .await;
}

/// A sender works through its batch one message after another: once the batch's lease has run
/// out and another sender has claimed a message, the first must leave it (it renews each
/// message's lease just before sending it, and only while the claim is still its own).
#[actix_web::test]
async fn a_message_another_sender_claimed_after_the_lease_ran_out_is_not_sent_twice() {
    use clientele::mail::sender::{Sender, claim, renew};
    // No SMTP for the app: nothing sends in the background; the claims are made here.
    let app = spawn_app().await;
    let sink = SmtpSink::start();
    let mut conn = app.conn();
    diesel::sql_query(
        "INSERT INTO outbox (kind, to_address, subject, body_text, body_html) \
         SELECT 'test', 'n' || n || '@batch.test', 'Batch', 'x', '<p>x</p>' FROM generate_series(1, 3) n",
    )
    .execute(&mut conn)
    .unwrap();
    let first = claim(&mut conn).unwrap();
    assert_eq!(first.len(), 3);
    let (one, two) = (&first[0], &first[1]);
    assert!(
        renew(&mut conn, one.id, one.attempts).unwrap(),
        "its own, in time"
    );
    // The first sender is slow: its lease runs out, and a second sender claims what is left.
    diesel::sql_query("UPDATE outbox SET lease_until = now() - interval '1 second'")
        .execute(&mut conn)
        .unwrap();
    let second = claim(&mut conn).unwrap();
    assert_eq!(second.len(), 3);
    assert!(
        !renew(&mut conn, two.id, two.attempts).unwrap(),
        "the first sender must leave it"
    );
    let taken = second.iter().find(|m| m.id == two.id).unwrap();
    assert!(renew(&mut conn, taken.id, taken.attempts).unwrap());

    // The first sender's turn comes at last: it sends none of the three, the second all.
    let sender = Sender::new(
        &sink.url(),
        "Clientele <crm@vendor.test>",
        5,
        Duration::from_secs(30),
        Duration::from_secs(1),
    )
    .unwrap();
    sender.send_claimed(&app.pool, first).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.received().len(), 0, "nothing sent by the first sender");
    sender.send_claimed(&app.pool, second).await.unwrap();
    assert_eq!(sink.wait_for(3).await.len(), 3);
    assert!(
        outbox_rows(&app)
            .iter()
            .all(|r| r.1 == OutboxStatus::Sent && r.2 == 2)
    );
}

#[actix_web::test]
async fn a_refused_message_is_failed_shown_to_admins_and_can_be_retried() {
    let sink = SmtpSink::start();
    sink.refuse("dana@vendor.test");
    let app = app_sending_to(&sink.url(), &[]).await;
    let p = people(&app).await;
    let customer = app.create_customer("Refused Mail Ltd", None);
    record_request(&app, &p, customer.id, &["orders"]).await;
    until_outbox(&app, "the refused message to fail", |rows| {
        rows.iter()
            .any(|r| r.0 == "dana@vendor.test" && r.1 == OutboxStatus::Failed)
            && rows.iter().filter(|r| r.1 == OutboxStatus::Sent).count() == 2
    })
    .await;
    let failed = outbox_rows(&app)
        .into_iter()
        .find(|r| r.0 == "dana@vendor.test")
        .unwrap();
    assert_eq!(failed.2, 1, "a permanent refusal is not retried on its own");
    assert!(
        failed.3.unwrap().contains("No such user"),
        "the server's reason is kept"
    );

    // Only administrators see the outbox.
    let res = app.get("/admin/outbox").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let admin = app.new_client();
    admin.sign_in("dirk@vendor.test", PASSWORD).await;
    let res = admin.get("/admin/outbox?status=failed").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.texts("tbody tr td[data-label=To]"),
        ["dana <dana@vendor.test>"]
    );
    assert!(res.text("tbody").contains("No such user"));
    let id: i64 = outbox::table
        .filter(outbox::to_address.eq("dana@vendor.test"))
        .select(outbox::id)
        .first(&mut app.conn())
        .unwrap();
    let res = admin.get(&format!("/admin/outbox/{id}")).await;
    assert!(res.text("pre.email-body").contains("Refused Mail Ltd"));

    sink.accept_all();
    let res = admin
        .post(&format!("/admin/outbox/{id}/retries"), &[])
        .await;
    res.assert_redirect_to(&format!("/admin/outbox/{id}"));
    let dana = loop {
        let m = sink.to("dana@vendor.test");
        if !m.is_empty() {
            break m;
        }
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(dana.len(), 1);
    // Retrying what is no longer failed says so.
    until_outbox(&app, "sent", |rows| {
        rows.iter().all(|r| r.1 == OutboxStatus::Sent)
    })
    .await;
    let res = admin
        .post(&format!("/admin/outbox/{id}/retries"), &[])
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    let res = admin.get("/admin/outbox/999999").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn after_the_last_attempt_a_message_is_failed() {
    let port = unused_port();
    let app = app_sending_to(
        &format!("smtp://127.0.0.1:{port}"),
        &[("OUTBOX_MAX_ATTEMPTS", "2")],
    )
    .await;
    diesel::sql_query(
        "INSERT INTO outbox (kind, to_address, subject, body_text, body_html) \
         VALUES ('test', 'nobody@home.test', 'Hello', 'Hello.', '<p>Hello.</p>')",
    )
    .execute(&mut app.conn())
    .unwrap();
    until_outbox(&app, "the message to fail after 2 attempts", |rows| {
        rows[0].1 == OutboxStatus::Failed && rows[0].2 == 2
    })
    .await;
}

#[actix_web::test]
async fn in_local_mode_messages_are_kept_readable_in_the_outbox() {
    let app = spawn_app().await;
    let p = people(&app).await;
    let customer = app.create_customer("Local Mode GmbH", None);
    record_request(&app, &p, customer.id, &["invoices"]).await;
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    let rows = outbox_rows(&app);
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .all(|r| r.1 == OutboxStatus::Pending && r.2 == 0),
        "{rows:?}"
    );

    let admin = app.new_client();
    admin.sign_in("dirk@vendor.test", PASSWORD).await;
    let res = admin.get("/admin/outbox").await;
    assert!(res.text(".notice").contains("Local mode"));
    assert_eq!(res.texts("tbody tr").len(), 3);
    let href = res
        .attr("tbody tr td[data-label=Subject] a", "href")
        .unwrap();
    let res = admin.get(&href).await;
    assert_eq!(res.text("h1"), "New request from Local Mode GmbH: Invoices");
    let body = res.text("pre.email-body");
    assert!(body.contains("Local Mode GmbH"), "{body}");
    assert!(body.contains("/approvals/"), "{body}");
    let _ = Customer::find(&mut app.conn(), customer.id).unwrap();
}
