//! Invoices and statements as PDF, read back as a person would read them (`pdftotext`): the
//! invoice of a dispatched order with its lines and totals in the customer's language, a
//! statement that counts a partial payment, its form's messages, and the portal's invoices and
//! statement for a bill-to customer's users, labelled by customer.

use crate::helpers::{PASSWORD, TestApp, spawn_app, submission_key};
use crate::placing::{checkout, place, shop};
use crate::portal_pages::{portal_client, post_invoice};
use actix_web::http::StatusCode;
use clientele::domain::PaymentMethod;
use clientele::models::access::staff::Role;
use clientele::schema::{customers, ledger_entries, orders};
use diesel::prelude::*;

/// The PDF's text as `pdftotext -layout` reads it; None (the test is skipped) where the tool is
/// missing, unless CLIENTELE_REQUIRE_PDFTOTEXT is set (as CI sets it).
fn pdf_text(bytes: &[u8]) -> Option<String> {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let raw = String::from_utf8_lossy(bytes);
    for forbidden in ["/JavaScript", "/JS ", "/URI", "/FontFile", "/Launch"] {
        assert!(!raw.contains(forbidden), "the PDF carries {forbidden}");
    }
    let dir = std::env::temp_dir().join(format!("clientele-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{:x}.pdf", rand_name(bytes)));
    std::fs::write(&file, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output();
    let _ = std::fs::remove_file(&file);
    match out {
        Ok(out) if out.status.success() => Some(String::from_utf8(out.stdout).unwrap()),
        Ok(out) => panic!(
            "pdftotext refused the PDF: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) if std::env::var_os("CLIENTELE_REQUIRE_PDFTOTEXT").is_some() => {
            panic!("pdftotext is required here (poppler-utils): {e}")
        }
        Err(_) => {
            eprintln!("SKIPPED PDF read-back: pdftotext is not installed (poppler-utils)");
            None
        }
    }
}

fn rand_name(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100000001b3)
    })
}

fn set_language(app: &TestApp, customer_id: i64, language: &str) {
    diesel::update(customers::table.find(customer_id))
        .set(customers::language.eq(language))
        .execute(&mut app.conn())
        .unwrap();
}

#[actix_web::test]
async fn an_orders_invoice_reads_back_its_lines_and_totals_in_the_customers_language() {
    let app = spawn_app().await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff, Role::Admin]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    let s = shop(&app, "Müller Armaturen GmbH");
    let id = place(&app, &checkout(&s, 3, PaymentMethod::Invoice))
        .unwrap()
        .id;
    app.post(
        &format!("/orders/{id}/shipment"),
        &[("carrier", "DHL"), ("tracking_number", "PDF-1")],
    )
    .await
    .assert_redirect_to(&format!("/orders/{id}"));
    let (number, total): (Option<String>, i64) = orders::table
        .find(id)
        .select((orders::invoice_number, orders::total_cents))
        .first(&mut app.conn())
        .unwrap();
    let number = number.expect("invoiced on dispatch");
    let entry: i64 = ledger_entries::table
        .filter(ledger_entries::number.eq(&number))
        .select(ledger_entries::id)
        .first(&mut app.conn())
        .unwrap();

    // The customer (in Germany, so German by default) chose English. The invoice page offers
    // the PDF; it is a download, never cached.
    set_language(&app, s.customer_id, "en");
    let page = app.get(&format!("/invoices/{entry}")).await;
    assert_eq!(
        page.attr("a[href$='/pdf']", "href"),
        Some(format!("/invoices/{entry}/pdf"))
    );
    let english = app.get(&format!("/invoices/{entry}/pdf")).await;
    assert_eq!(english.status, StatusCode::OK);
    assert_eq!(
        english.headers.get("content-type").unwrap(),
        "application/pdf"
    );
    assert!(
        english
            .headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .contains(&number)
    );
    assert_eq!(
        english.headers.get("cache-control").unwrap(),
        "private, no-store"
    );
    let Some(text) = pdf_text(&english.bytes) else {
        return;
    };
    let sku = format!("VLV-{}", s.customer_id);
    let amount = format!("{}.{:02}", total / 100, total % 100);
    for expected in [
        "Invoice",
        number.as_str(),
        "Müller Armaturen GmbH",
        sku.as_str(),
        "Total",
        amount.as_str(),
        "PO-77",
        "Please pay",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }

    // The customer writes German: the same invoice in German, with German amounts.
    set_language(&app, s.customer_id, "de");
    let german = app.get(&format!("/invoices/{entry}/pdf")).await;
    let text = pdf_text(&german.bytes).unwrap();
    let amount = format!("{},{:02}", total / 100, total % 100);
    for expected in [
        "Rechnung",
        "Summe",
        "Fällig",
        amount.as_str(),
        "Bitte zahlen Sie",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // A posting that does not exist is a 404.
    assert_eq!(
        app.get("/invoices/999999/pdf").await.status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn a_statement_counts_a_partial_payment_and_its_ageing_adds_up_to_the_closing_balance() {
    let app = spawn_app().await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff, Role::Admin]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    let c = app.create_customer("Statement Partner SA", Some("ST-1")).id;
    let number = post_invoice(&app, c, 10_000, "Spare parts");
    let today = clientele::models::accounts::ledger::today(&mut app.conn())
        .unwrap()
        .to_string();
    app.post(
        &format!("/customers/{c}/accounts/payments"),
        &[
            ("amount", "40.00"),
            ("currency", "EUR"),
            ("received_on", &today),
            ("method", "bank_transfer"),
            ("reference", "Part payment"),
            ("allocation", "oldest"),
            ("submission_key", &submission_key()),
        ],
    )
    .await
    .assert_redirect_to(&format!("/customers/{c}/accounts"));

    // The form as it first appears: the account's currency, to today.
    let tab = app.get(&format!("/customers/{c}/accounts")).await;
    assert_eq!(tab.attr("#statement_to", "value"), Some(today.clone()));
    assert_eq!(
        tab.attr("#statement_currency option[selected]", "value")
            .as_deref(),
        Some("EUR")
    );
    let from = tab.attr("#statement_from", "value").unwrap();
    let path = format!("/customers/{c}/accounts/statement.pdf");

    // A period that ends after today, or starts after it ends: the message beside the field.
    let late = app
        .get(&format!(
            "{path}?statement_currency=EUR&statement_from={from}&statement_to=2999-01-01"
        ))
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !late.text("#statement_to-error").is_empty(),
        "{}",
        late.body
    );
    let backwards = app
        .get(&format!(
            "{path}?statement_currency=EUR&statement_from={today}&statement_to={from}"
        ))
        .await;
    assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = app
        .get(&format!(
            "{path}?statement_currency=USD&statement_from={from}&statement_to={today}"
        ))
        .await;
    assert!(!unknown.text("#statement_currency-error").is_empty());

    let pdf = app
        .get(&format!(
            "{path}?statement_currency=EUR&statement_from={from}&statement_to={today}"
        ))
        .await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
    let Some(text) = pdf_text(&pdf.bytes) else {
        return;
    };
    for expected in [
        "Statement of account",
        "ST-1",
        number.as_str(),
        "PAY-",
        "Spare parts",
        "Part payment",
        "100.00",
        "40.00",
        "60.00",
        "Open items",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // The closing balance line and the ageing total both say 60.00: the partial payment counts.
    let closing = text
        .lines()
        .find(|l| l.contains("Balance at the end"))
        .expect("closing line");
    assert!(closing.contains("60.00"), "{closing}");
    assert!(
        text.matches("60.00").count() >= 3,
        "closing, ageing and the open item:\n{text}"
    );
}

#[actix_web::test]
async fn a_bill_to_customers_users_see_their_sell_to_customers_invoices_labelled() {
    let app = spawn_app().await;
    let payer = app.create_customer("Head Office Holdings", Some("HO-1"));
    let branch = app.create_customer("Branch Office North", Some("BR-1"));
    let stranger = app.create_customer("Unrelated Buyer", Some("UN-1"));
    diesel::update(customers::table.find(branch.id))
        .set(customers::bill_to_id.eq(payer.id))
        .execute(&mut app.conn())
        .unwrap();
    let own = post_invoice(&app, payer.id, 10_00, "Head office fee");
    let theirs = post_invoice(&app, branch.id, 20_00, "Branch delivery");
    let foreign = post_invoice(&app, stranger.id, 30_00, "Not yours");
    app.create_customer_user(payer.id, "pat@head.example", PASSWORD);
    let pat = portal_client(&app, "pat@head.example", PASSWORD).await;

    let list = pat.get("/portal/invoices").await;
    assert_eq!(list.status, StatusCode::OK);
    let rows = list.texts("table.invoices tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.contains(&theirs) && r.contains("Branch Office North")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(&own) && r.contains("Head Office Holdings")),
        "{rows:?}"
    );
    assert!(!list.body.contains(&foreign));
    let pdf = pat.get(&format!("/portal/invoices/{theirs}/pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(
        pat.get(&format!("/portal/invoices/{foreign}/pdf"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    if let Some(text) = pdf_text(&pdf.bytes) {
        assert!(
            text.contains("Branch Office North") && text.contains("20.00"),
            "{text}"
        );
    }
    // Paid and open: nothing is paid yet, so "paid" lists none.
    assert!(
        pat.get("/portal/invoices?show=paid")
            .await
            .texts("table.invoices tbody tr")
            .is_empty()
    );

    // The statement of the branch, chosen among the customers in view; a stranger's is a 404.
    let statement = pat
        .get(&format!("/portal/statement?customer={}", branch.id))
        .await;
    assert_eq!(statement.status, StatusCode::OK);
    assert!(statement.text(".statement-lines").contains(&theirs));
    assert!(
        !statement.body.contains(&own),
        "the branch's statement shows only the branch"
    );
    let href = statement
        .attr("a[href^='/portal/statement.pdf']", "href")
        .unwrap();
    let pdf = pat.get(&href).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(
        pat.get(&format!("/portal/statement?customer={}", stranger.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let wrong = pat.get("/portal/statement?statement_from=someday").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!wrong.text("#statement_from-error").is_empty());
}
