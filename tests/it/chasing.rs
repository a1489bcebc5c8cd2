//! Messages that chase what is owed: an invoice posted reaches the contacts subscribed to it
//! (and the bill-to customer's to "sell-to invoice posted") over a real SMTP conversation with
//! the invoice as PDF; reminders go once per level, also with two senders at once; monthly
//! statements once per customer and month; and a customer overdue by days and amount has new
//! orders on invoice held, whatever the number of invoices.

use crate::checkout::{buyer, count};
use crate::helpers::{PASSWORD, TestApp, spawn_app};
use crate::mail::app_sending_to;
use crate::order_mail::run;
use crate::smtp_sink::SmtpSink;
use chrono::NaiveDate;
use clientele::models::access::staff::Role;
use clientele::models::accounts::{
    chasing,
    ledger::{self, Account, Poster},
};
use diesel::{Connection, PgConnection};

/// A contact of `customer` at `email` subscribed to `subscriptions` (not the primary one).
fn contact(app: &TestApp, customer: i64, email: &str, subscriptions: &str) {
    crate::order_mail::contact(app, customer, email, false, subscriptions);
}

/// Posts an opening entry of `cents` EUR to `customer`, posted on `posted` and due `due_days`
/// before today; its id.
fn owed(
    conn: &mut PgConnection,
    customer: i64,
    cents: i64,
    (posted, due_days): (NaiveDate, u64),
) -> i64 {
    let today = ledger::today(conn).unwrap();
    let account = Account {
        customer_id: customer,
        currency: "EUR".into(),
    };
    let by = Poster {
        staff_id: None,
        name: "Test Clerk".into(),
    };
    let due = today - chrono::Days::new(due_days);
    conn.transaction(|c| ledger::post_opening(c, &account, cents, (posted.min(due), due), &by))
        .unwrap()
        .id
}

#[actix_web::test]
async fn a_posted_invoice_reaches_its_subscribers_and_the_bill_to_customer_with_its_pdf() {
    let sink = SmtpSink::start();
    let app = app_sending_to(&sink.url(), &[]).await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff, Role::Admin]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    let (customer, _ann) = buyer(&app).await;
    run(
        &app,
        &format!("UPDATE customers SET language = 'de' WHERE id = {customer}"),
    );
    let payer = app.create_customer("Alpha Holding", Some("B-1")).id;
    run(
        &app,
        &format!("UPDATE customers SET bill_to_id = {payer} WHERE id = {customer}"),
    );
    contact(&app, customer, "invoices@alpha.test", "invoice_posted");
    contact(&app, customer, "nobody@alpha.test", "shipment_notification");
    contact(&app, payer, "ap@holding.test", "sell_to_invoice_posted");
    contact(&app, payer, "own@holding.test", "invoice_posted");

    // A manual invoice from the Accounts tab.
    app.post(
        &format!("/customers/{customer}/accounts/postings"),
        &[
            ("post_kind", "invoice"),
            ("post_amount", "250.00"),
            ("post_currency", "EUR"),
            ("post_text", "Installation"),
            ("submission_key", &crate::helpers::submission_key()),
        ],
    )
    .await
    .assert_redirect_to(&format!("/customers/{customer}/accounts"));
    let got = sink.wait_for(2).await;
    assert_eq!(
        got.len(),
        2,
        "the customer's and the bill-to customer's subscribers only"
    );
    let own = &sink.to("invoices@alpha.test")[0];
    assert!(
        own.subject().starts_with("Rechnung INV-"),
        "{}",
        own.subject()
    );
    assert!(own.text().contains("250,00"), "{}", own.text());
    let (name, pdf) = own.attachment().expect("the invoice is attached");
    assert!(name.starts_with("INV-") && name.ends_with(".pdf"), "{name}");
    assert!(pdf.starts_with(b"%PDF-"));
    let payer_copy = &sink.to("ap@holding.test")[0];
    assert!(
        payer_copy.subject().contains("Alpha Plumbing"),
        "{}",
        payer_copy.subject()
    );
    assert!(payer_copy.attachment().is_some());
    assert!(
        sink.to("own@holding.test").is_empty(),
        "the bill-to's own invoices are not these"
    );
}

#[actix_web::test]
async fn each_reminder_level_goes_once_also_with_two_senders_at_once() {
    let app = spawn_app().await;
    let c = app.create_customer("Slow Payer GmbH", Some("SP-1")).id;
    let test = app.create_customer("Test Account", Some("T-1")).id;
    run(
        &app,
        &format!("UPDATE customers SET test_record = true WHERE id = {test}"),
    );
    contact(&app, c, "ap@slow.test", "invoice_due");
    let conn = &mut app.db.connect();
    let long_ago = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let level_one = owed(conn, c, 10_000, (long_ago, 8));
    owed(conn, c, 20_000, (long_ago, 22));
    owed(conn, c, 30_000, (long_ago, 40));
    let recent = owed(conn, c, 40_000, (long_ago, 3));
    owed(conn, test, 50_000, (long_ago, 40));
    // Paid: nothing to remind.
    let paid = owed(conn, c, 5_000, (long_ago, 40));
    let by = Poster {
        staff_id: None,
        name: "Test Clerk".into(),
    };
    let payment = ledger::PaymentIn {
        account: Account {
            customer_id: c,
            currency: "EUR".into(),
        },
        amount_cents: 5_000,
        method: ledger::PaidBy::BankTransfer,
        reference: None,
        received_on: ledger::today(conn).unwrap(),
        allocation: ledger::Allocation::Chosen(vec![(paid, 5_000)]),
    };
    conn.transaction(|c| payment.record(c, &by)).unwrap();
    assert_eq!(chasing::reminders_due(conn).unwrap(), 3);

    // Two senders at once, each claiming what it can: three reminders in all, one each.
    let url = app.db.url.clone();
    let senders: Vec<_> = (0..2)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut conn = PgConnection::establish(&url).unwrap();
                let mut sent = 0;
                while let n @ 1.. =
                    chasing::send_reminders(&mut conn, "http://portal.test", 1).unwrap()
                {
                    sent += n;
                }
                sent
            })
        })
        .collect();
    let sent: usize = senders.into_iter().map(|s| s.join().unwrap()).sum();
    assert_eq!(sent, 3);
    assert_eq!(count(&app, "SELECT count(*) FROM invoice_reminders"), 3);
    assert_eq!(
        count(&app, "SELECT count(DISTINCT level) FROM invoice_reminders"),
        3
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE kind = 'invoice_due' AND attachment IS NOT NULL"
        ),
        3
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE subject LIKE 'Final notice%'"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) FROM customer_history WHERE customer_id = {c} AND action = 'remind'"
            )
        ),
        3
    );
    // Asked again: nothing more.
    assert_eq!(
        chasing::send_reminders(conn, "http://portal.test", 100).unwrap(),
        0
    );

    // The levels move closer (as days passing would): the first invoice is due its second
    // reminder and the one 3 days overdue its first, each once.
    run(
        &app,
        "UPDATE vendor_settings SET reminder_days = '{1,5,30}'",
    );
    assert_eq!(chasing::reminders_due(conn).unwrap(), 2);
    assert_eq!(
        chasing::send_reminders(conn, "http://portal.test", 100).unwrap(),
        2
    );
    let level = |id: i64| {
        count(
            &app,
            &format!("SELECT max(level) FROM invoice_reminders WHERE entry_id = {id}"),
        )
    };
    assert_eq!((level(level_one), level(recent)), (2, 1));
    assert_eq!(
        chasing::send_reminders(conn, "http://portal.test", 100).unwrap(),
        0
    );
}

#[actix_web::test]
async fn last_months_statement_goes_once_to_the_statements_contacts_with_its_pdf() {
    let app = spawn_app().await;
    let c = app
        .create_customer("Monthly Statement Ltd", Some("MS-1"))
        .id;
    contact(&app, c, "books@monthly.test", "statements");
    let conn = &mut app.db.connect();
    let today = ledger::today(conn).unwrap();
    let (from, to) = chasing::last_month(today);
    owed(conn, c, 12_345, (from, (today - to).num_days() as u64));
    assert_eq!(chasing::statements_due(conn).unwrap(), 1);
    assert_eq!(
        chasing::send_statements(conn, "http://portal.test", 100).unwrap(),
        1
    );
    assert_eq!(
        chasing::send_statements(conn, "http://portal.test", 100).unwrap(),
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE kind = 'statements' OR kind = 'statement'"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE to_address = 'books@monthly.test' AND attachment_name LIKE 'statement-%.pdf'"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) FROM customer_history WHERE customer_id = {c} AND action = 'statement'"
            )
        ),
        1
    );
}

#[actix_web::test]
async fn a_customer_overdue_by_days_and_amount_has_new_orders_on_invoice_held() {
    use crate::placing::{checkout, place, shop};
    use clientele::domain::{OrderStatus, PaymentMethod};
    let app = spawn_app().await;
    let s = shop(&app, "Overdue Trading");
    run(&app, "UPDATE customers SET credit_limit_cents = 10000000");
    run(
        &app,
        "UPDATE vendor_settings SET hold_overdue_days = 45, hold_overdue_cents = 10000",
    );
    let conn = &mut app.db.connect();
    let long_ago = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    // Many small invoices long overdue, under the amount together; one large one overdue, but
    // not for long enough: no hold (it is neither their number nor a recent debt that holds).
    for _ in 0..5 {
        owed(conn, s.customer_id, 1_000, (long_ago, 60));
    }
    owed(conn, s.customer_id, 500_000, (long_ago, 30));
    let status = |app: &TestApp, id: i64| {
        count(
            app,
            &format!(
                "SELECT CASE status WHEN 'credit_hold' THEN 1 ELSE 0 END FROM orders WHERE id = {id}"
            ),
        )
    };
    let first = place(&app, &checkout(&s, 1, PaymentMethod::Invoice)).unwrap();
    assert_eq!(first.status, OrderStatus::Unallocated);
    // 100.00 overdue by more than 45 days: held, and the timeline says why.
    owed(conn, s.customer_id, 5_000, (long_ago, 46));
    let held = place(&app, &checkout(&s, 1, PaymentMethod::Invoice)).unwrap();
    assert_eq!(held.status, OrderStatus::CreditHold);
    assert_eq!(status(&app, held.id), 1);
    assert_eq!(held.notice.unwrap().id, "order-overdue-held");
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) FROM orders WHERE id = {} AND hold_reason = 'overdue'",
                held.id
            )
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) FROM order_events WHERE order_id = {} AND kind = 'held' AND detail = 'overdue'",
                held.id
            )
        ),
        1
    );
    // Paid up front, an order is not held.
    let prepaid = place(&app, &checkout(&s, 1, PaymentMethod::Prepay)).unwrap();
    assert_eq!(prepaid.status, OrderStatus::AwaitingPayment);
}
