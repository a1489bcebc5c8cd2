//! Contacts.

use crate::helpers::TestApp;
use crate::sub_records::{edit_version, has_change, history_of, signed_in_with_customer};
use actix_web::http::StatusCode;
use clientele::{
    domain::ContactEvent,
    models::{
        customers::contact::{self, Contact},
        customers::customer::Customer,
    },
    schema::{customer_contacts, customers},
};
use diesel::prelude::*;

fn contacts(app: &TestApp, customer_id: i64) -> Vec<Contact> {
    customer_contacts::table
        .filter(customer_contacts::customer_id.eq(customer_id))
        .order(customer_contacts::id)
        .select(Contact::as_select())
        .load(&mut app.conn())
        .unwrap()
}

async fn add(app: &TestApp, customer_id: i64, fields: &[(&str, &str)]) -> Contact {
    let path = format!("/customers/{customer_id}/contacts");
    let res = app.post(&path, fields).await;
    res.assert_redirect_to(&path);
    contacts(app, customer_id).pop().unwrap()
}

/// Makes `customer` a bill-to: another customer bills to it.
fn make_bill_to(app: &TestApp, customer: &Customer) {
    let sell_to = app.create_customer("Sell-to Filiale", Some("S-1"));
    diesel::update(customers::table.find(sell_to.id))
        .set(customers::bill_to_id.eq(customer.id))
        .execute(&mut app.conn())
        .unwrap();
}

const SELL_TO: [&str; 2] = ["sell_to_order_confirmation", "sell_to_invoice_posted"];

#[actix_web::test]
async fn staff_add_change_and_delete_a_contact_through_the_pages_and_history_records_each_step() {
    let (app, customer) = signed_in_with_customer(Some("M-1")).await;
    let list = format!("/customers/{}/contacts", customer.id);
    let page = app.get(&list).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("main h2"), "Contacts");
    assert_eq!(
        page.attr(".tabs a[aria-current=page]", "href"),
        Some(list.clone())
    );
    assert_eq!(page.text(&format!("a[href='{list}/new']")), "Add contact");

    let new = app.get(&format!("{list}/new")).await;
    assert_eq!(new.status, StatusCode::OK);
    assert_eq!(new.text("fieldset legend"), "Notify this contact of");

    let res = app
        .post(
            &list,
            &[
                ("name", "  Ann Lee "),
                ("job_title", "Buyer"),
                ("email", "ann@example.com"),
                ("phone", "+49 (30) 555-01"),
                ("subscriptions", "invoice_posted"),
                ("subscriptions", "order_confirmation"),
            ],
        )
        .await;
    res.assert_redirect_to(&list);
    let c = contacts(&app, customer.id).pop().unwrap();
    assert_eq!(c.name, "Ann Lee");
    assert!(c.is_primary, "the first contact is primary unasked");
    assert_eq!(
        c.events(),
        vec![ContactEvent::OrderConfirmation, ContactEvent::InvoicePosted]
    );
    let page = app.get(&list).await;
    let row = format!("#contact-{}", c.id);
    assert_eq!(page.text(&format!("{row} td[data-label=Name]")), "Ann Lee");
    assert_eq!(
        page.texts(&format!("{row} td[data-label='Notified of'] li")),
        vec!["Order confirmation", "Invoice posted"]
    );
    assert_eq!(page.text(&format!("{row} .badge")), "Primary");
    assert_eq!(
        page.text(&format!("{row} button")),
        "Delete contact Ann Lee"
    );
    let history = history_of(&app, "contact", customer.id);
    assert!(has_change(
        &history,
        c.id,
        "create",
        "Name",
        None,
        Some("Ann Lee")
    ));
    assert!(has_change(
        &history,
        c.id,
        "create",
        "Notifications",
        None,
        Some("Order confirmation, Invoice posted")
    ));

    // The edit form shows what is saved, the subscriptions ticked.
    let edit = app.get(&format!("{list}/{}/edit", c.id)).await;
    assert_eq!(
        edit.attr("#email", "value").as_deref(),
        Some("ann@example.com")
    );
    assert!(
        edit.attr("#subscriptions-invoice_posted", "checked")
            .is_some()
    );
    assert!(edit.attr("#subscriptions-statements", "checked").is_none());
    let version = edit.attr("input[name=version]", "value").unwrap();
    let res = app
        .post(
            &format!("{list}/{}", c.id),
            &[
                ("name", "Ann Lee"),
                ("job_title", "Head buyer"),
                ("email", "ann@example.com"),
                ("phone", ""),
                ("is_primary", "on"),
                ("subscriptions", "statements"),
                ("version", &version),
            ],
        )
        .await;
    res.assert_redirect_to(&list);
    let saved = contacts(&app, customer.id).pop().unwrap();
    assert_eq!(saved.job_title.as_deref(), Some("Head buyer"));
    assert_eq!(saved.phone, None);
    assert_eq!(saved.events(), vec![ContactEvent::Statements]);
    let history = history_of(&app, "contact", customer.id);
    assert!(has_change(
        &history,
        c.id,
        "update",
        "Job title",
        Some("Buyer"),
        Some("Head buyer")
    ));
    assert!(has_change(
        &history,
        c.id,
        "update",
        "Phone",
        Some("+49 (30) 555-01"),
        None
    ));
    assert!(has_change(
        &history,
        c.id,
        "update",
        "Notifications",
        Some("Order confirmation, Invoice posted"),
        Some("Statements")
    ));

    app.delete(&format!("{list}/{}", c.id), &[])
        .await
        .assert_redirect_to(&list);
    assert!(contacts(&app, customer.id).is_empty());
    assert!(has_change(
        &history_of(&app, "contact", customer.id),
        c.id,
        "delete",
        "Name",
        Some("Ann Lee"),
        None
    ));
}

#[actix_web::test]
async fn one_contact_is_primary_another_can_take_over_and_deleting_the_primary_promotes_the_oldest()
{
    let (app, customer) = signed_in_with_customer(Some("M-1")).await;
    let ann = add(&app, customer.id, &[("name", "Ann")]).await;
    let bob = add(&app, customer.id, &[("name", "Bob")]).await;
    assert!(ann.is_primary && !bob.is_primary);
    let cy = add(&app, customer.id, &[("name", "Cy"), ("is_primary", "on")]).await;
    let primaries = |app: &TestApp| -> Vec<String> {
        contacts(app, customer.id)
            .into_iter()
            .filter(|c| c.is_primary)
            .map(|c| c.name)
            .collect()
    };
    assert_eq!(primaries(&app), vec!["Cy"]);
    assert!(has_change(
        &history_of(&app, "contact", customer.id),
        ann.id,
        "update",
        "Primary",
        Some("Yes"),
        Some("No")
    ));
    // The list: primary first, then by name.
    let list = format!("/customers/{}/contacts", customer.id);
    let page = app.get(&list).await;
    assert_eq!(
        page.texts("tbody td[data-label=Name]"),
        vec!["Cy", "Ann", "Bob"]
    );

    // Unticking the primary is refused: another contact is made primary instead.
    let version = edit_version(&app, "contacts", customer.id, cy.id).await;
    let res = app
        .post(
            &format!("{list}/{}", cy.id),
            &[("name", "Cy"), ("version", &version)],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text("#is_primary-error")
            .contains("make another contact primary")
    );
    assert_eq!(primaries(&app), vec!["Cy"]);

    app.delete(&format!("{list}/{}", cy.id), &[])
        .await
        .assert_redirect_to(&list);
    assert_eq!(primaries(&app), vec!["Ann"]);
    assert!(has_change(
        &history_of(&app, "contact", customer.id),
        ann.id,
        "update",
        "Primary",
        Some("No"),
        Some("Yes")
    ));
}

#[actix_web::test]
async fn the_database_itself_refuses_a_second_primary_contact() {
    let (app, customer) = signed_in_with_customer(Some("M-1")).await;
    add(&app, customer.id, &[("name", "Ann")]).await;
    let insert = diesel::insert_into(customer_contacts::table)
        .values((
            customer_contacts::customer_id.eq(customer.id),
            customer_contacts::name.eq("Bob"),
            customer_contacts::is_primary.eq(true),
        ))
        .execute(&mut app.conn());
    assert!(insert.is_err());
    assert_eq!(contacts(&app, customer.id).len(), 1);
}

#[actix_web::test]
async fn sell_to_events_are_neither_offered_nor_accepted_for_a_customer_nobody_bills_to() {
    let (app, customer) = signed_in_with_customer(Some("M-1")).await;
    let list = format!("/customers/{}/contacts", customer.id);
    let page = app.get(&format!("{list}/new")).await;
    let offered: Vec<String> = page
        .html()
        .select(&scraper::Selector::parse("input[name=subscriptions]").unwrap())
        .map(|e| e.value().attr("value").unwrap().to_string())
        .collect();
    assert_eq!(offered.len(), ContactEvent::ALL.len() - 2);
    for e in SELL_TO {
        assert!(!offered.iter().any(|o| o == e), "{e} is not offered");
    }

    let res = app
        .post(
            &list,
            &[
                ("name", "Ann"),
                ("subscriptions", "invoice_posted"),
                ("subscriptions", SELL_TO[1]),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text("#subscriptions-error")
            .contains("only for a customer that other customers bill to")
    );
    assert!(
        res.attr("fieldset", "aria-describedby")
            .unwrap()
            .contains("subscriptions-error")
    );
    assert_eq!(res.attr("#name", "value").as_deref(), Some("Ann"));
    assert!(contacts(&app, customer.id).is_empty());
    assert!(history_of(&app, "contact", customer.id).is_empty());
}

#[actix_web::test]
async fn sell_to_events_are_offered_and_accepted_for_a_bill_to_customer() {
    let (app, customer) = signed_in_with_customer(Some("M-1")).await;
    make_bill_to(&app, &customer);
    let list = format!("/customers/{}/contacts", customer.id);
    let page = app.get(&format!("{list}/new")).await;
    for e in SELL_TO {
        assert_eq!(
            page.attr(&format!("#subscriptions-{e}"), "name").as_deref(),
            Some("subscriptions"),
            "{e} is offered"
        );
    }
    let c = add(
        &app,
        customer.id,
        &[
            ("name", "Ann"),
            ("subscriptions", SELL_TO[0]),
            ("subscriptions", SELL_TO[1]),
        ],
    )
    .await;
    assert_eq!(
        c.events(),
        vec![
            ContactEvent::SellToOrderConfirmation,
            ContactEvent::SellToInvoicePosted
        ]
    );
    let page = app.get(&list).await;
    assert_eq!(
        page.texts("td[data-label='Notified of'] li"),
        vec!["Sell-to order confirmation", "Sell-to invoice posted"]
    );
}

#[actix_web::test]
async fn invalid_contact_input_is_refused_with_a_message_beside_each_field_and_nothing_written() {
    let (app, customer) = signed_in_with_customer(Some("M-1")).await;
    let list = format!("/customers/{}/contacts", customer.id);
    let res = app
        .post(
            &list,
            &[
                ("name", ""),
                ("email", "ann@@example"),
                ("phone", "ring ring"),
                ("subscriptions", "telepathy"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["name", "email", "phone"] {
        assert_eq!(res.texts(&format!("#{field}-error")).len(), 1, "{field}");
        assert_eq!(
            res.attr(&format!("#{field}"), "aria-invalid").as_deref(),
            Some("true")
        );
        assert!(
            res.attr(&format!("#{field}"), "aria-describedby")
                .unwrap()
                .contains(&format!("{field}-error"))
        );
    }
    assert!(res.text("#email-error").contains("name@example.com"));
    assert!(res.texts("#subscriptions-error").len() == 1);
    assert_eq!(res.attr("#email", "value").as_deref(), Some("ann@@example"));
    assert!(contacts(&app, customer.id).is_empty());

    // An invalid email alone is enough.
    let res = app
        .post(&list, &[("name", "Ann"), ("email", "not-an-email")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.texts(".field__error").len(), 1);
    assert!(contacts(&app, customer.id).is_empty());
    assert!(history_of(&app, "contact", customer.id).is_empty());
}

#[actix_web::test]
async fn another_customers_contact_is_not_found_and_nothing_changes() {
    let (app, mine) = signed_in_with_customer(Some("M-1")).await;
    let theirs = app.create_customer("Other AG", Some("O-1"));
    let c = add(&app, theirs.id, &[("name", "Theirs")]).await;
    let version = edit_version(&app, "contacts", theirs.id, c.id).await;
    let history_before = history_of(&app, "contact", theirs.id).len();

    let wrong = format!("/customers/{}/contacts/{}", mine.id, c.id);
    assert_eq!(
        app.get(&format!("{wrong}/edit")).await.status,
        StatusCode::NOT_FOUND
    );
    let res = app
        .post(
            &wrong,
            &[
                ("name", "Hijacked"),
                ("is_primary", "on"),
                ("version", &version),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(app.delete(&wrong, &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(contacts(&app, theirs.id), vec![c]);
    assert!(contacts(&app, mine.id).is_empty());
    assert_eq!(history_of(&app, "contact", theirs.id).len(), history_before);
    assert!(history_of(&app, "contact", mine.id).is_empty());
}

#[actix_web::test]
async fn a_contact_saved_by_someone_else_meanwhile_is_a_409_and_nothing_is_written() {
    let (app, customer) = signed_in_with_customer(Some("M-1")).await;
    let c = add(
        &app,
        customer.id,
        &[("name", "Ann"), ("email", "ann@example.com")],
    )
    .await;
    let version = edit_version(&app, "contacts", customer.id, c.id).await;
    diesel::update(customer_contacts::table.find(c.id))
        .set((
            customer_contacts::email.eq("ann.lee@example.com"),
            customer_contacts::updated_at.eq(diesel::dsl::now),
            customer_contacts::lock_version.eq(customer_contacts::lock_version + 1),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let history_before = history_of(&app, "contact", customer.id).len();

    let res = app
        .post(
            &format!("/customers/{}/contacts/{}", customer.id, c.id),
            &[
                ("name", "Ann"),
                ("email", "a.lee@example.com"),
                ("is_primary", "on"),
                ("version", &version),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.text("#changed-heading").contains("Changed meanwhile"));
    assert!(
        res.texts(".changed-meanwhile__row--differs")
            .iter()
            .any(|t| t.contains("ann.lee@example.com"))
    );
    assert_eq!(
        res.attr("#email", "value").as_deref(),
        Some("a.lee@example.com")
    );
    let now = contacts(&app, customer.id).pop().unwrap();
    assert_eq!(now.email.as_deref(), Some("ann.lee@example.com"));
    assert_eq!(
        history_of(&app, "contact", customer.id).len(),
        history_before
    );
}

#[actix_web::test]
async fn merging_moves_every_contact_and_the_target_keeps_its_primary() {
    let (app, from) = signed_in_with_customer(Some("M-1")).await;
    let to = app.create_customer("Target AG", Some("T-1"));
    add(&app, from.id, &[("name", "Ann")]).await;
    add(&app, from.id, &[("name", "Bob")]).await;
    let moved = app
        .conn()
        .transaction(|conn| contact::move_to(conn, from.id, to.id))
        .unwrap();
    assert_eq!(moved, 2);
    let rows = contacts(&app, to.id);
    assert_eq!(
        rows.iter().filter(|c| c.is_primary).count(),
        1,
        "Ann stays primary: the target had none"
    );

    // Into a target that has a primary: the moved primary gives way.
    let third = app.create_customer("Third GmbH", Some("T-3"));
    let cy = add(&app, third.id, &[("name", "Cy")]).await;
    app.conn()
        .transaction(|conn| contact::move_to(conn, to.id, third.id))
        .unwrap();
    let rows = contacts(&app, third.id);
    assert_eq!(rows.len(), 3);
    let primaries: Vec<i64> = rows.iter().filter(|c| c.is_primary).map(|c| c.id).collect();
    assert_eq!(primaries, vec![cy.id]);
}

#[actix_web::test]
async fn a_form_opened_before_another_contact_took_the_primary_flag_is_stale() {
    let (app, customer) = signed_in_with_customer(Some("M-1")).await;
    let ann = add(&app, customer.id, &[("name", "Ann")]).await;
    let version = edit_version(&app, "contacts", customer.id, ann.id).await;
    add(&app, customer.id, &[("name", "Bo"), ("is_primary", "on")]).await;

    // Saving the old form would quietly take the flag back.
    let res = app
        .post(
            &format!("/customers/{}/contacts/{}", customer.id, ann.id),
            &[("name", "Ann"), ("is_primary", "on"), ("version", &version)],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
}
