//! The receivables ledger: balances derived per currency (and the kept ones equal to them after
//! every kind of posting), allocation oldest first or as chosen, nothing posted ever changing,
//! payments on account only where allowed, one payment allocated from two tabs at once, and the
//! credit check reading the ledger.

use crate::helpers::{TestApp, spawn_app};
use chrono::NaiveDate;
use clientele::models::accounts::ledger::{
    self, Account, Allocation, Entry, InvoiceFor, NotPosted, PaidBy, PaymentIn, Poster,
};
use clientele::models::orders::NotDone;
use clientele::schema::{customer_balances, customers, ledger_allocations, ledger_entries};
use diesel::{Connection, PgConnection, prelude::*};

fn account(customer_id: i64, currency: &str) -> Account {
    Account {
        customer_id,
        currency: currency.into(),
    }
}

fn clerk() -> Poster {
    Poster {
        staff_id: None,
        name: "Test Clerk".into(),
    }
}

/// Brings customer `customer_id`'s EUR balance to `cents` with an opening entry of the
/// difference (a test's way to say "owes so much", through the ledger like any balance).
pub fn owe(app: &TestApp, customer_id: i64, cents: i64) {
    let conn = &mut *app.conn();
    let now: i64 = customer_balances::table
        .find((customer_id, "EUR"))
        .select(customer_balances::balance_cents)
        .first(conn)
        .optional()
        .unwrap()
        .unwrap_or(0);
    if now != cents {
        let day = ledger::today(conn).unwrap();
        ledger::post_opening(
            conn,
            &account(customer_id, "EUR"),
            cents - now,
            (day, day),
            &clerk(),
        )
        .unwrap();
    }
}

/// A posting that must go through, in a transaction of its own.
fn posted(
    conn: &mut PgConnection,
    f: impl FnOnce(&mut PgConnection) -> Result<Entry, NotPosted>,
) -> Entry {
    conn.transaction(f).expect("posted")
}

/// A posting that must be refused: the sentence's id, and nothing of it written.
fn refused(
    conn: &mut PgConnection,
    f: impl FnOnce(&mut PgConnection) -> Result<Entry, NotPosted>,
) -> String {
    let before = entries(conn);
    let Err(NotDone::Refused(why)) = conn.transaction(f) else {
        panic!("not refused");
    };
    assert_eq!(entries(conn), before, "a refusal writes nothing");
    format!("{why:?}")
}

fn entries(conn: &mut PgConnection) -> (i64, i64) {
    let e = ledger_entries::table.count().get_result(conn).unwrap();
    let a = ledger_allocations::table.count().get_result(conn).unwrap();
    (e, a)
}

fn invoice(conn: &mut PgConnection, customer_id: i64, currency: &str, cents: i64) -> Entry {
    let what = InvoiceFor {
        account: account(customer_id, currency),
        amount_cents: cents,
        order_id: None,
        reason: Some("Consulting".into()),
        due_days: None,
    };
    posted(conn, |c| what.post(c, &clerk()))
}

fn payment(customer_id: i64, cents: i64, allocation: Allocation) -> PaymentIn {
    PaymentIn {
        account: account(customer_id, "EUR"),
        amount_cents: cents,
        method: PaidBy::BankTransfer,
        reference: Some("Remittance 42".into()),
        received_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        allocation,
    }
}

/// What is open on an entry: its amount less its allocations.
fn open(conn: &mut PgConnection, id: i64) -> i64 {
    diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(&format!(
        "(SELECT abs(amount_cents) FROM ledger_entries WHERE id = {id})
         - coalesce((SELECT sum(amount_cents) FROM ledger_allocations
                      WHERE credit_id = {id} OR debit_id = {id}), 0)::bigint"
    )))
    .get_result(conn)
    .unwrap()
}

/// The balances kept beside the ledger equal the ledger's sums, per currency, and the customer
/// row carries the one currency's balance (0 and none with several).
fn assert_kept_balances_match(conn: &mut PgConnection, customer_id: i64) {
    let summed = ledger::balances(conn, customer_id).unwrap();
    let kept: Vec<(String, i64)> = customer_balances::table
        .filter(customer_balances::customer_id.eq(customer_id))
        .order(customer_balances::currency)
        .select((
            customer_balances::currency,
            customer_balances::balance_cents,
        ))
        .load(conn)
        .unwrap();
    assert_eq!(kept, summed, "kept per currency");
    let row: (i64, Option<String>) = customers::table
        .find(customer_id)
        .select((customers::balance_cents, customers::balance_currency))
        .first(conn)
        .unwrap();
    let expected = match &summed[..] {
        [(currency, cents)] => (*cents, Some(currency.clone())),
        _ => (0, None),
    };
    assert_eq!(row, expected, "the customer row");
    assert_open_items_match(conn);
}

/// What is kept open per entry (`ledger_open`) equals what the allocations leave open, for
/// every entry of the ledger: a row exactly for each entry with something open.
pub fn assert_open_items_match(conn: &mut PgConnection) {
    #[derive(QueryableByName, Debug, PartialEq)]
    struct Open {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        open: i64,
    }
    let recomputed: Vec<Open> = diesel::sql_query(
        "SELECT e.id, (abs(e.amount_cents) - coalesce((SELECT sum(a.amount_cents)
                         FROM ledger_allocations a WHERE a.debit_id = e.id OR a.credit_id = e.id), 0))::bigint AS open
           FROM ledger_entries e
          WHERE abs(e.amount_cents) > coalesce((SELECT sum(a.amount_cents) FROM ledger_allocations a
                                               WHERE a.debit_id = e.id OR a.credit_id = e.id), 0)
          ORDER BY e.id",
    )
    .load(conn)
    .unwrap();
    let kept: Vec<Open> = diesel::sql_query(
        "SELECT o.entry_id AS id, o.open_cents AS open FROM ledger_open o
           JOIN ledger_entries e ON e.id = o.entry_id
                AND e.customer_id = o.customer_id AND e.currency = o.currency
                AND o.debit = (e.amount_cents > 0) AND o.posted_on = e.posted_on
                AND o.due_on IS NOT DISTINCT FROM e.due_on
          ORDER BY o.entry_id",
    )
    .load(conn)
    .unwrap();
    assert_eq!(kept, recomputed, "what is kept open per entry");
}

#[actix_web::test]
async fn balances_are_derived_per_currency_and_the_kept_ones_match_after_every_kind_of_posting() {
    let app = spawn_app().await;
    let c = app.create_customer("Ledger GmbH", Some("L-1")).id;
    let conn = &mut *app.conn();
    diesel::update(customers::table.find(c))
        .set(customers::allow_payments_on_account.eq(true))
        .execute(conn)
        .unwrap();
    assert_kept_balances_match(conn, c);

    let a = invoice(conn, c, "EUR", 10_000);
    assert_kept_balances_match(conn, c);
    let p = posted(conn, |x| {
        payment(c, 30_00, Allocation::OldestFirst).record(x, &clerk())
    });
    assert_kept_balances_match(conn, c);
    assert_eq!(open(conn, a.id), 70_00, "the payment went to the invoice");
    posted(conn, |x| {
        ledger::post_credit_note(
            x,
            &account(c, "EUR"),
            (10_00, Some(a.id)),
            "Damaged in transit",
            &clerk(),
        )
    });
    assert_kept_balances_match(conn, c);
    assert_eq!(open(conn, a.id), 60_00);
    posted(conn, |x| {
        ledger::reverse(x, p.id, "Cheque bounced", &clerk())
    });
    assert_kept_balances_match(conn, c);
    let day = ledger::today(conn).unwrap();
    ledger::post_opening(conn, &account(c, "EUR"), -5_00, (day, day), &clerk()).unwrap();
    assert_kept_balances_match(conn, c);
    assert_eq!(
        ledger::balances(conn, c).unwrap(),
        [("EUR".to_string(), 10_000 - 30_00 - 10_00 + 30_00 - 5_00)]
    );

    // A second currency is never added to the first.
    invoice(conn, c, "USD", 50_00);
    assert_kept_balances_match(conn, c);
    assert_eq!(
        ledger::balances(conn, c).unwrap(),
        [("EUR".to_string(), 85_00), ("USD".to_string(), 50_00)]
    );

    // Every posting is in the customer's history, signed.
    let history: Vec<(Option<String>, Option<String>, Option<String>)> =
        diesel::sql_query(format!(
            "SELECT field, new_value, actor_label FROM customer_history
          WHERE customer_id = {c} AND entity = 'posting' ORDER BY id"
        ))
        .load::<HistoryRow>(conn)
        .unwrap()
        .into_iter()
        .map(|r| (r.field, r.new_value, r.actor_label))
        .collect();
    let fields: Vec<&str> = history.iter().filter_map(|h| h.0.as_deref()).collect();
    assert_eq!(
        fields,
        [
            "Invoice",
            "Payment",
            "Credit note",
            "Reversal",
            "Opening balance",
            "Invoice"
        ]
    );
    assert_eq!(
        history[0].1.as_deref(),
        Some(format!("{} · 100.00 EUR", a.number).as_str())
    );
    assert!(history.iter().all(|h| h.2.as_deref() == Some("Test Clerk")));
}

#[derive(diesel::QueryableByName)]
struct HistoryRow {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    field: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    new_value: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    actor_label: Option<String>,
}

#[actix_web::test]
async fn a_payment_goes_to_the_oldest_open_items_first_or_where_it_is_told() {
    let app = spawn_app().await;
    let c = app.create_customer("Oldest First KG", None).id;
    let conn = &mut *app.conn();
    let day = ledger::today(conn).unwrap();
    let long_ago = (day - chrono::Days::new(90), day - chrono::Days::new(60));
    let old = ledger::post_opening(conn, &account(c, "EUR"), 20_00, long_ago, &clerk()).unwrap();
    let a = invoice(conn, c, "EUR", 50_00);
    let b = invoice(conn, c, "EUR", 40_00);

    posted(conn, |x| {
        payment(c, 60_00, Allocation::OldestFirst).record(x, &clerk())
    });
    assert_eq!(
        (open(conn, old.id), open(conn, a.id), open(conn, b.id)),
        (0, 10_00, 40_00),
        "the opening balance (due 60 days ago) first, then the invoices in order"
    );

    let chosen = Allocation::Chosen(vec![(b.id, 30_00)]);
    posted(conn, |x| payment(c, 30_00, chosen).record(x, &clerk()));
    assert_eq!((open(conn, a.id), open(conn, b.id)), (10_00, 10_00));

    // Told to pay more than is open, or what is not an open item of the customer: refused.
    let other = app.create_customer("Someone Else", None).id;
    let theirs = invoice(conn, other, "EUR", 10_00);
    let too_much = Allocation::Chosen(vec![(a.id, 20_00)]);
    let why = refused(conn, |x| payment(c, 20_00, too_much).record(x, &clerk()));
    assert!(why.contains("ledger-allocation-too-much"), "{why}");
    let not_theirs = Allocation::Chosen(vec![(theirs.id, 5_00)]);
    let why = refused(conn, |x| payment(c, 5_00, not_theirs).record(x, &clerk()));
    assert!(why.contains("ledger-not-an-open-item"), "{why}");
}

#[actix_web::test]
async fn nothing_posted_changes_and_a_reversal_corrects_it() {
    let app = spawn_app().await;
    let c = app.create_customer("Immutable SA", None).id;
    let conn = &mut *app.conn();
    let a = invoice(conn, c, "EUR", 25_00);
    let p = posted(conn, |x| {
        payment(c, 10_00, Allocation::OldestFirst).record(x, &clerk())
    });

    for sql in [
        format!(
            "UPDATE ledger_entries SET amount_cents = 1 WHERE id = {}",
            a.id
        ),
        format!("DELETE FROM ledger_entries WHERE id = {}", p.id),
        "UPDATE ledger_allocations SET amount_cents = 1".to_string(),
        "DELETE FROM ledger_allocations".to_string(),
        "TRUNCATE ledger_allocations".to_string(),
    ] {
        let err = conn
            .transaction(|x| diesel::sql_query(&sql).execute(x))
            .expect_err(&sql);
        assert!(err.to_string().contains("immutable"), "{sql}: {err}");
    }

    // The invoice was wrong: reversed, the balance is back to what the payment left.
    let r = posted(conn, |x| {
        ledger::reverse(x, a.id, "Invoiced twice", &clerk())
    });
    assert_eq!(r.amount_cents, -25_00);
    assert_eq!(r.number, format!("REV-{}", a.number));
    assert_eq!(open(conn, a.id), 0, "nothing is owed on it any more");
    assert_eq!(ledger::balances(conn, c).unwrap(), [("EUR".into(), -10_00)]);
    let why = refused(conn, |x| ledger::reverse(x, a.id, "Again", &clerk()));
    assert!(why.contains("ledger-already-reversed"), "{why}");
    let why = refused(conn, |x| ledger::reverse(x, r.id, "Undo", &clerk()));
    assert!(why.contains("ledger-reversal-not-reversible"), "{why}");
}

#[actix_web::test]
async fn a_payment_stays_on_account_only_where_the_customer_allows_it() {
    let app = spawn_app().await;
    let c = app.create_customer("Strict Ltd", None).id;
    let conn = &mut *app.conn();
    invoice(conn, c, "EUR", 60_00);

    let why = refused(conn, |x| {
        payment(c, 10_000, Allocation::OldestFirst).record(x, &clerk())
    });
    assert!(why.contains("ledger-payment-not-on-account"), "{why}");
    assert_eq!(ledger::balances(conn, c).unwrap(), [("EUR".into(), 60_00)]);

    diesel::update(customers::table.find(c))
        .set(customers::allow_payments_on_account.eq(true))
        .execute(conn)
        .unwrap();
    let p = posted(conn, |x| {
        payment(c, 10_000, Allocation::OldestFirst).record(x, &clerk())
    });
    assert_eq!(open(conn, p.id), 40_00, "40.00 on account");
    assert_eq!(ledger::balances(conn, c).unwrap(), [("EUR".into(), -40_00)]);
}

#[actix_web::test]
async fn one_payment_allocated_from_two_tabs_at_once_pays_no_more_than_its_amount() {
    let app = spawn_app().await;
    let c = app.create_customer("Two Tabs BV", None).id;
    let (p, a, b) = {
        let conn = &mut *app.conn();
        diesel::update(customers::table.find(c))
            .set(customers::allow_payments_on_account.eq(true))
            .execute(conn)
            .unwrap();
        let a = invoice(conn, c, "EUR", 80_00);
        let b = invoice(conn, c, "EUR", 80_00);
        let none = Allocation::Chosen(Vec::new());
        let p = posted(conn, |x| payment(c, 10_000, none).record(x, &clerk()));
        (p, a, b)
    };
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let tabs: Vec<_> = [a.id, b.id]
        .into_iter()
        .map(|invoice| {
            let (barrier, p, mut conn) = (barrier.clone(), p.clone(), app.db.connect());
            std::thread::spawn(move || {
                conn.transaction::<_, NotPosted, _>(|x| {
                    barrier.wait();
                    let done = ledger::allocate(x, &p, Allocation::Chosen(vec![(invoice, 80_00)]))?;
                    // Held open a moment, so that the other tab is surely waiting.
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    Ok(done)
                })
            })
        })
        .collect();
    let answers: Vec<_> = tabs.into_iter().map(|t| t.join().unwrap()).collect();
    let went = answers.iter().filter(|a| a.is_ok()).count();
    assert_eq!(
        went, 1,
        "one tab's allocation, the other refused: {answers:?}"
    );
    let conn = &mut *app.conn();
    assert_eq!(open(conn, p.id), 20_00);

    // And whoever writes an allocation by hand, the database refuses one that does not fit.
    let err = diesel::sql_query(format!(
        "INSERT INTO ledger_allocations (credit_id, debit_id, amount_cents) VALUES ({}, {}, 30000)",
        p.id, b.id
    ))
    .execute(conn)
    .expect_err("too much");
    assert!(err.to_string().contains("exceeds"), "{err}");
}

fn table_exists(conn: &mut PgConnection, name: &str) -> bool {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        found: bool,
    }
    diesel::sql_query(format!("SELECT to_regclass('{name}') IS NOT NULL AS found"))
        .get_result::<Found>(conn)
        .unwrap()
        .found
}

#[actix_web::test]
async fn the_balance_typed_before_the_ledger_becomes_an_opening_entry_in_its_currency() {
    use diesel_migrations::MigrationHarness;
    let app = spawn_app().await;
    let c = app.create_customer("Typed Balance AG", None).id;
    let quiet = app.create_customer("Owes Nothing", None).id;
    let conn = &mut app.db.connect();
    // The database as it was before the ledger (the migrations after it reverted too), with a
    // typed balance on a trade customer.
    while table_exists(conn, "ledger_entries") {
        conn.revert_last_migration(clientele::db::MIGRATIONS)
            .unwrap();
    }
    diesel::sql_query(format!(
        "UPDATE customers SET balance_cents = 123456,
                sales_channel_id = (SELECT id FROM sales_channels WHERE name = 'Trade counter')
          WHERE id = {c}"
    ))
    .execute(conn)
    .unwrap();

    clientele::db::migrate(conn).unwrap();
    let opening: Vec<(String, String, i64)> = ledger_entries::table
        .filter(ledger_entries::customer_id.eq_any([c, quiet]))
        .select((
            ledger_entries::kind,
            ledger_entries::currency,
            ledger_entries::amount_cents,
        ))
        .load(conn)
        .unwrap();
    assert_eq!(opening, [("opening".into(), "EUR".into(), 123_456)]);
    let told: Vec<HistoryRow> = diesel::sql_query(format!(
        "SELECT field, new_value, actor_label FROM customer_history
          WHERE customer_id = {c} AND entity = 'posting'"
    ))
    .load(conn)
    .unwrap();
    assert_eq!(
        told.len(),
        1,
        "the opening entry is in the customer's history"
    );
    assert!(
        told[0]
            .new_value
            .as_deref()
            .unwrap()
            .ends_with(" · 1234.56 EUR")
    );
    assert_kept_balances_match(conn, c);
    assert_kept_balances_match(conn, quiet);
}

#[actix_web::test]
async fn the_credit_check_reads_the_ledger_in_the_orders_currency() {
    use crate::placing::{checkout, place, shop};
    use clientele::domain::PaymentMethod;
    let app = spawn_app().await;
    // 100.00 limit, blocking; each valve 12.34 less 10 %.
    let s = shop(&app, "Ledger Credit GmbH");
    owe(&app, s.customer_id, 95_00);
    // A US invoice as well: the customer row keeps no single balance any more (two currencies),
    // so only the ledger's euros say what is owed.
    let conn = &mut *app.conn();
    invoice(conn, s.customer_id, "USD", 1_00);
    let kept: i64 = customers::table
        .find(s.customer_id)
        .select(customers::balance_cents)
        .first(conn)
        .unwrap();
    assert_eq!(kept, 0);
    assert!(
        place(&app, &checkout(&s, 1, PaymentMethod::Invoice)).is_err(),
        "95.00 owed: an order of 11.11 is over the 100.00 limit"
    );

    // A payment of the euros comes in: the order goes through.
    let eur = payment(s.customer_id, 95_00, Allocation::OldestFirst);
    posted(conn, |x| eur.record(x, &clerk()));
    assert!(place(&app, &checkout(&s, 1, PaymentMethod::Invoice)).is_ok());
}

/// An amount as the page writes it ("1,234.50", "-40.00") in cents.
fn cents(text: &str) -> i64 {
    let t = text.trim().replace(',', "");
    let negative = t.starts_with('-') || t.starts_with('−');
    let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    let n: i64 = digits
        .parse()
        .unwrap_or_else(|_| panic!("an amount: {text}"));
    if negative { -n } else { n }
}

#[actix_web::test]
async fn the_accounts_tab_ages_what_is_open_on_the_vendors_date_and_its_columns_add_up_to_the_balance()
 {
    use crate::helpers::PASSWORD;
    use chrono::Timelike;
    use clientele::models::access::staff::Role;
    let app = spawn_app().await;
    // A vendor whose date is not UTC's today: a day ahead late in the UTC day, behind early in it.
    let zone = match chrono::Utc::now().hour() {
        12.. => "Pacific/Kiritimati",
        _ => "Pacific/Pago_Pago",
    };
    diesel::sql_query(format!("UPDATE vendor_settings SET time_zone = '{zone}'"))
        .execute(&mut app.conn())
        .unwrap();
    let c = app.create_customer("Ageing Oy", None).id;
    let conn = &mut *app.conn();
    diesel::update(customers::table.find(c))
        .set(customers::allow_payments_on_account.eq(true))
        .execute(conn)
        .unwrap();
    let today = ledger::today(conn).unwrap();
    assert_ne!(
        today,
        chrono::Utc::now().date_naive(),
        "the vendor's date, not UTC's"
    );
    let eur = account(c, "EUR");
    let opening = |conn: &mut PgConnection, cents: i64, due_days_ago: u64| {
        let due = today - chrono::Days::new(due_days_ago);
        ledger::post_opening(
            conn,
            &eur,
            cents,
            (due - chrono::Days::new(30), due),
            &clerk(),
        )
        .unwrap()
    };
    opening(conn, 10_000, 0); // due today: not due
    opening(conn, 20_000, 1); // due yesterday on the vendor's date: 1–30
    opening(conn, 30_000, 45); // 31–60
    opening(conn, 40_000, 75); // 61–90
    opening(conn, 50_000, 120); // over 90, of which 150.00 are paid below
    posted(conn, |x| {
        payment(c, 15_000, Allocation::OldestFirst).record(x, &clerk())
    });
    // 20.00 on account, unallocated (nothing chosen).
    posted(conn, |x| {
        payment(c, 20_00, Allocation::Chosen(Vec::new())).record(x, &clerk())
    });
    invoice(conn, c, "USD", 7_00);

    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    let page = app.get(&format!("/customers/{c}/accounts")).await;
    assert_eq!(page.status, actix_web::http::StatusCode::OK);
    let sections = page.texts("section .balance");
    assert_eq!(sections.len(), 2, "one balance per currency: {sections:?}");
    let eur_balance = cents(&page.text(".balance[data-currency=EUR]"));
    assert_eq!(eur_balance, 150_000 - 15_000 - 20_00);
    let columns: Vec<i64> = page
        .texts("section[data-currency=EUR] table.ageing td")
        .iter()
        .map(|t| cents(t))
        .collect();
    assert_eq!(
        columns,
        [10_000, 20_000, 30_000, 40_000, 35_000, -20_00, 133_000],
        "not due, 1–30, 31–60, 61–90, over 90, unallocated, balance"
    );
    assert_eq!(
        columns[..6].iter().sum::<i64>(),
        eur_balance,
        "the columns add up"
    );
    assert_eq!(cents(&page.text(".balance[data-currency=USD]")), 7_00);
}

#[actix_web::test]
async fn administrators_record_a_payment_once_and_mistakes_are_named_beside_their_fields() {
    use crate::helpers::{PASSWORD, submission_key};
    use actix_web::http::StatusCode;
    use clientele::models::access::staff::Role;
    let app = spawn_app().await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff, Role::Admin]);
    app.create_staff("carl@vendor.test", PASSWORD, &[Role::Staff]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    let c = app.create_customer("Payer GmbH", None).id;
    owe(&app, c, 10_000);
    let tab_path = format!("/customers/{c}/accounts");
    let path = format!("/customers/{c}/accounts/payments");

    // The form as it first appears: today's date (the vendor's), the account's currency, and
    // the oldest open items first.
    let tab = app.get(&tab_path).await;
    let today = ledger::today(&mut app.conn()).unwrap().to_string();
    assert_eq!(tab.attr("#received_on", "value"), Some(today.clone()));
    assert_eq!(
        tab.attr("#currency option", "value").as_deref(),
        Some("EUR")
    );
    assert_eq!(
        tab.attr("input[name=allocation][checked]", "value")
            .as_deref(),
        Some("oldest")
    );
    let key = submission_key();
    let form = |amount: &'static str, key: &str| {
        vec![
            ("amount", amount.to_string()),
            ("currency", "EUR".to_string()),
            ("received_on", today.clone()),
            ("method", "bank_transfer".to_string()),
            ("reference", "Remittance 7".to_string()),
            ("allocation", "oldest".to_string()),
            ("submission_key", key.to_string()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let path = path.clone();
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(&path, &pairs).await
        }
    };
    let payments = |app: &TestApp| -> i64 {
        ledger_entries::table
            .filter(ledger_entries::customer_id.eq(c))
            .filter(ledger_entries::kind.eq("payment"))
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };

    // Mistakes: a 422 with the message beside the field, and nothing written.
    let bad = send(form("ten euros", &key)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!bad.text("#amount-error").is_empty(), "{}", bad.body);
    assert_eq!(
        bad.attr("#amount", "value").as_deref(),
        Some("ten euros"),
        "what was typed is kept"
    );
    // More than is open, for a customer without payments on account: refused beside the amount.
    let over = send(form("150.00", &key)).await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        over.text("#amount-error").contains("on account"),
        "{}",
        over.text("#amount-error")
    );
    assert_eq!(payments(&app), 0);

    // A date after today (a mistyped year): beside the date, nothing written.
    let mut future = form("40.00", &key);
    future[2].1 = "2099-01-31".into();
    let later = send(future).await;
    assert_eq!(later.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        later.text("#received_on-error").contains("after today"),
        "{}",
        later.body
    );
    assert_eq!(payments(&app), 0);

    // Recorded: to the tab, which names it and shows what is left.
    let done = send(form("40.00", &key)).await;
    done.assert_redirect_to(&tab_path);
    // Sent again (a double click): the same answer, and still one payment.
    send(form("40.00", &key))
        .await
        .assert_redirect_to(&tab_path);
    assert_eq!(payments(&app), 1);
    let tab = app.get(&tab_path).await;
    assert!(
        tab.text(".flash").contains("PAY-"),
        "{}",
        tab.text(".flash")
    );
    assert_eq!(cents(&tab.text(".balance[data-currency=EUR]")), 60_00);

    // Staff without the administrator role see no form, and may not post one.
    let clerk = app.new_client();
    clerk.sign_in("carl@vendor.test", PASSWORD).await;
    assert!(
        clerk
            .get(&tab_path)
            .await
            .texts("#payment-heading")
            .is_empty()
    );
    let pairs = form("1.00", &submission_key());
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        clerk.post(&path, &pairs).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(payments(&app), 1);
}

#[actix_web::test]
async fn administrators_post_manual_invoices_and_credit_notes_and_correct_a_posting_only_by_a_reversal()
 {
    use crate::helpers::{PASSWORD, submission_key};
    use actix_web::http::StatusCode;
    use clientele::models::access::staff::Role;
    let app = spawn_app().await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff, Role::Admin]);
    app.create_staff("carl@vendor.test", PASSWORD, &[Role::Staff]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    let c = app.create_customer("Postings SARL", None).id;
    let tab_path = format!("/customers/{c}/accounts");
    let path = format!("/customers/{c}/accounts/postings");
    let send = |fields: [(&'static str, String); 5]| {
        let (app, path) = (&app, path.clone());
        async move {
            let mut pairs: Vec<(&str, &str)> =
                fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let key = submission_key();
            pairs.push(("submission_key", &key));
            app.post(&path, &pairs).await
        }
    };
    let posting = |kind: &str, amount: &str, text: &str, against: String| {
        [
            ("post_kind", kind.to_string()),
            ("post_amount", amount.to_string()),
            ("post_currency", "EUR".to_string()),
            ("post_text", text.to_string()),
            ("post_against", against),
        ]
    };

    // The form as it first appears: an invoice, on account.
    let tab = app.get(&tab_path).await;
    assert_eq!(
        tab.attr("input[name=post_kind][checked]", "value")
            .as_deref(),
        Some("invoice")
    );
    assert_eq!(tab.attr("#post_against option[selected]", "value"), None);

    // A manual invoice needs its text: the message beside it, nothing written.
    let bad = send(posting("invoice", "120.00", " ", String::new())).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!bad.text("#post_text-error").is_empty(), "{}", bad.body);
    assert!(
        bad.texts("#amount-error").is_empty(),
        "the payment form keeps no message"
    );
    assert_eq!(entries(&mut app.conn()).0, 0);
    send(posting(
        "invoice",
        "120.00",
        "Installation, 3 hours",
        String::new(),
    ))
    .await
    .assert_redirect_to(&tab_path);
    let invoice: (i64, String, i64) = ledger_entries::table
        .filter(ledger_entries::customer_id.eq(c))
        .select((
            ledger_entries::id,
            ledger_entries::kind,
            ledger_entries::amount_cents,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((invoice.1.as_str(), invoice.2), ("invoice", 12_000));

    // A credit note against it: it pays part of it, and the invoice page shows what paid it.
    send(posting(
        "credit_note",
        "20.00",
        "Damaged on arrival",
        invoice.0.to_string(),
    ))
    .await
    .assert_redirect_to(&tab_path);
    assert_eq!(open(&mut app.conn(), invoice.0), 10_000);
    let page = app.get(&format!("/invoices/{}", invoice.0)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text(".settlements").contains("CN-"), "{}", page.body);
    assert_eq!(cents(&page.text("#open-amount")), 10_000);

    // A credit note on account, then allocated to the invoice as chosen, from its own page.
    send(posting("credit_note", "30.00", "Goodwill", String::new()))
        .await
        .assert_redirect_to(&tab_path);
    let note: i64 = ledger_entries::table
        .filter(ledger_entries::reason.eq("Goodwill"))
        .select(ledger_entries::id)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(open(&mut app.conn(), note), 30_00);
    let note_page = app.get(&format!("/invoices/{note}")).await;
    assert_eq!(
        note_page.attr("#debit option", "value"),
        Some(invoice.0.to_string())
    );
    let allocate = format!("/invoices/{note}/allocations");
    let too_much = app
        .post(
            &allocate,
            &[
                ("debit", &invoice.0.to_string()),
                ("amount", "31.00"),
                ("submission_key", &submission_key()),
            ],
        )
        .await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!too_much.text("#amount-error").is_empty());
    app.post(
        &allocate,
        &[
            ("debit", &invoice.0.to_string()),
            ("amount", "25.00"),
            ("submission_key", &submission_key()),
        ],
    )
    .await
    .assert_redirect_to(&format!("/invoices/{note}"));
    assert_eq!(
        (
            open(&mut app.conn(), note),
            open(&mut app.conn(), invoice.0)
        ),
        (5_00, 75_00)
    );
    assert_kept_balances_match(&mut app.conn(), c);

    // No route edits a posting; a reversal needs a reason, and a second one is refused.
    assert_eq!(
        app.get(&format!("/invoices/{}/edit", invoice.0))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let reverse = format!("/invoices/{}/reversal", invoice.0);
    let bare = app
        .post(
            &reverse,
            &[("reason", ""), ("submission_key", &submission_key())],
        )
        .await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!bare.text("#reason-error").is_empty());
    app.post(
        &reverse,
        &[
            ("reason", "Invoiced the wrong customer"),
            ("submission_key", &submission_key()),
        ],
    )
    .await
    .assert_redirect_to(&format!("/invoices/{}", invoice.0));
    let twice = app
        .post(
            &reverse,
            &[("reason", "Again"), ("submission_key", &submission_key())],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        twice.text(".form-problem").contains("already"),
        "{}",
        twice.body
    );
    let page = app.get(&format!("/invoices/{}", invoice.0)).await;
    assert!(
        page.text(".facts").contains("REV-"),
        "{}",
        page.text(".facts")
    );
    // The invoice is settled; what paid it stays so, and the reversal's rest (45.00) and the
    // goodwill's (5.00) are the customer's credit.
    assert_eq!(
        ledger::balances(&mut app.conn(), c).unwrap(),
        vec![("EUR".to_string(), -50_00)]
    );
    assert_kept_balances_match(&mut app.conn(), c);

    // Staff without the administrator role read the page but see no form and may not post.
    let clerk = app.new_client();
    clerk.sign_in("carl@vendor.test", PASSWORD).await;
    let seen = clerk.get(&format!("/invoices/{note}")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.texts("form[action$='/reversal']").is_empty());
    assert!(
        clerk
            .get(&tab_path)
            .await
            .texts("#posting-heading")
            .is_empty()
    );
    let refused = clerk
        .post(
            &format!("/invoices/{note}/reversal"),
            &[("reason", "x"), ("submission_key", &submission_key())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let pairs = [
        ("post_kind", "invoice"),
        ("post_amount", "1.00"),
        ("post_currency", "EUR"),
        ("post_text", "x"),
    ];
    assert_eq!(
        clerk.post(&path, &pairs).await.status,
        StatusCode::FORBIDDEN
    );
    // A posting that does not exist is a 404 page, for reading and for correcting.
    assert_eq!(
        app.get("/invoices/999999").await.status,
        StatusCode::NOT_FOUND
    );
    let missing = app
        .post(
            "/invoices/999999/reversal",
            &[("reason", "x"), ("submission_key", &submission_key())],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_customer_with_hundreds_of_open_items_gets_the_oldest_listed_and_every_one_aged() {
    use crate::helpers::PASSWORD;
    use clientele::models::access::staff::Role;
    let app = spawn_app().await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    let c = app.create_customer("Many Items AG", None).id;
    let conn = &mut app.db.connect();
    let today = ledger::today(conn).unwrap();
    for i in 0..205u64 {
        let due = today - chrono::Days::new(i);
        let opening = |c2: &mut PgConnection| {
            ledger::post_opening(c2, &account(c, "EUR"), 100, (due, due), &clerk())
        };
        conn.transaction(opening).unwrap();
    }
    let tab = app.get(&format!("/customers/{c}/accounts")).await;
    let rows = tab.texts(".open-items tbody tr");
    assert_eq!(rows.len(), 200, "the 200 oldest are listed");
    assert!(
        rows[0].contains("204 days"),
        "the oldest first: {}",
        rows[0]
    );
    assert!(
        tab.text(".hint").contains("200") || tab.body.contains("of 205"),
        "{}",
        tab.body
    );
    // Every one is aged: the columns add up to the balance, 205 items of 1.00.
    let total = cents(&tab.text(".ageing tbody td:last-child"));
    assert_eq!(total, 20_500);
    assert_eq!(cents(&tab.text(".balance[data-currency=EUR]")), 20_500);
}
