//! Addresses.

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use crate::sub_records::{edit_version, has_change, history_of, signed_in_with_customer};
use actix_web::http::StatusCode;
use clientele::{
    models::{
        access::staff::Role,
        customers::address::{self, Address},
    },
    schema::customer_addresses,
};
use diesel::prelude::*;

/// A complete, valid address form; `extra` overrides or adds fields.
fn form<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("kind", "billing"),
        ("label", ""),
        ("line1", "Hauptstraße 1"),
        ("line2", ""),
        ("city", "Berlin"),
        ("region", ""),
        ("postcode", "10115"),
        ("country", "DE"),
        ("phone", ""),
    ];
    for (k, v) in extra {
        fields.retain(|(f, _)| f != k);
        fields.push((k, v));
    }
    fields
}

fn addresses(app: &TestApp, customer_id: i64) -> Vec<Address> {
    customer_addresses::table
        .filter(customer_addresses::customer_id.eq(customer_id))
        .order(customer_addresses::id)
        .select(Address::as_select())
        .load(&mut app.conn())
        .unwrap()
}

async fn add(app: &TestApp, customer_id: i64, extra: &[(&str, &str)]) -> Address {
    let path = format!("/customers/{customer_id}/addresses");
    let res = app.post(&path, &form(extra)).await;
    res.assert_redirect_to(&path);
    addresses(app, customer_id).pop().unwrap()
}

#[actix_web::test]
async fn staff_add_change_and_delete_an_address_through_the_pages_and_history_records_each_step() {
    let (app, customer) = signed_in_with_customer(Some("ACC-1")).await;
    let list = format!("/customers/{}/addresses", customer.id);

    let page = app.get(&list).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("main h1"), "Müller GmbH");
    assert_eq!(page.text("main h2"), "Addresses");
    assert_eq!(
        page.attr(".tabs a[aria-current=page]", "href"),
        Some(list.clone())
    );
    assert_eq!(
        page.attr("a[href$='/addresses/new']", "href"),
        Some(format!("{list}/new"))
    );
    assert_eq!(
        page.text(&format!("a[href='/customers/{}/ship-to.csv']", customer.id)),
        "Download ship-to locations (CSV)"
    );

    let new = app.get(&format!("{list}/new")).await;
    assert_eq!(new.status, StatusCode::OK);
    assert_eq!(
        new.attr("main form[method=post]", "action"),
        Some(list.clone())
    );

    // Lower-case country codes are accepted and stored upper-case.
    let res = app
        .post(
            &list,
            &form(&[
                ("kind", "shipping"),
                ("label", "Dock 4"),
                ("country", "de"),
                ("phone", "+49 (30) 123-45.6"),
            ]),
        )
        .await;
    res.assert_redirect_to(&list);
    let rows = addresses(&app, customer.id);
    assert_eq!(rows.len(), 1);
    let a = &rows[0];
    assert_eq!(
        (a.country.as_str(), a.label.as_deref(), a.is_primary),
        ("DE", Some("Dock 4"), true)
    );
    let page = app.get(&list).await;
    assert!(page.text(".flash--success").contains("Dock 4"));
    let row = format!("#address-{}", a.id);
    assert_eq!(
        page.text(&format!("{row} td[data-label=Address]")),
        "Hauptstraße 1, 10115 Berlin, DE"
    );
    assert_eq!(
        page.text(&format!("{row} td[data-label=Kind]")),
        "Shipping (ship-to)"
    );
    assert_eq!(page.text(&format!("{row} .badge")), "Primary");
    assert_eq!(
        page.text(&format!("{row} button")),
        "Delete address Dock 4",
        "the delete button names its row for screen readers"
    );
    let history = history_of(&app, "address", customer.id);
    assert!(has_change(
        &history,
        a.id,
        "create",
        "Address line 1",
        None,
        Some("Hauptstraße 1")
    ));
    assert!(has_change(
        &history,
        a.id,
        "create",
        "Country",
        None,
        Some("DE")
    ));

    // Change the city.
    let version = edit_version(&app, "addresses", customer.id, a.id).await;
    let res = app
        .post(
            &format!("{list}/{}", a.id),
            &form(&[
                ("kind", "shipping"),
                ("label", "Dock 4"),
                ("city", "Potsdam"),
                ("phone", "+49 (30) 123-45.6"),
                ("is_primary", "on"),
                ("version", &version),
            ]),
        )
        .await;
    res.assert_redirect_to(&list);
    let saved = &addresses(&app, customer.id)[0];
    assert_eq!(saved.city, "Potsdam");
    assert!(saved.updated_at > a.updated_at);
    let history = history_of(&app, "address", customer.id);
    let updates: Vec<_> = history.iter().filter(|h| h.1 == "update").collect();
    assert_eq!(updates.len(), 1, "only the changed field: {history:?}");
    assert!(has_change(
        &history,
        a.id,
        "update",
        "Town or city",
        Some("Berlin"),
        Some("Potsdam")
    ));

    // Delete it.
    let res = app.delete(&format!("{list}/{}", a.id), &[]).await;
    res.assert_redirect_to(&list);
    assert!(addresses(&app, customer.id).is_empty());
    let history = history_of(&app, "address", customer.id);
    assert!(has_change(
        &history,
        a.id,
        "delete",
        "Town or city",
        Some("Potsdam"),
        None
    ));
    let page = app.get(&list).await;
    assert!(
        page.texts(".flash--success")
            .iter()
            .any(|f| f == "Address “Dock 4” deleted.")
    );
    assert!(page.text(".empty").contains("No addresses yet"));
}

#[actix_web::test]
async fn the_first_address_becomes_primary_and_choosing_another_moves_the_flag() {
    let (app, customer) = signed_in_with_customer(None).await;
    let first = add(&app, customer.id, &[("label", "Head office")]).await;
    assert!(first.is_primary, "the first address is primary unasked");

    let second = add(&app, customer.id, &[("label", "Branch")]).await;
    assert!(!second.is_primary);
    assert!(addresses(&app, customer.id)[0].is_primary);

    let third = add(
        &app,
        customer.id,
        &[("label", "New head office"), ("is_primary", "on")],
    )
    .await;
    let rows = addresses(&app, customer.id);
    let primaries: Vec<_> = rows.iter().filter(|a| a.is_primary).map(|a| a.id).collect();
    assert_eq!(primaries, vec![third.id]);
    let history = history_of(&app, "address", customer.id);
    assert!(has_change(
        &history,
        first.id,
        "update",
        "Primary",
        Some("Yes"),
        Some("No")
    ));

    // Editing the second one to primary moves it again; the list puts the primary first.
    let version = edit_version(&app, "addresses", customer.id, second.id).await;
    let res = app
        .post(
            &format!("/customers/{}/addresses/{}", customer.id, second.id),
            &form(&[
                ("label", "Branch"),
                ("is_primary", "on"),
                ("version", &version),
            ]),
        )
        .await;
    res.assert_redirect_to(&format!("/customers/{}/addresses", customer.id));
    let rows = addresses(&app, customer.id);
    let primaries: Vec<_> = rows.iter().filter(|a| a.is_primary).map(|a| a.id).collect();
    assert_eq!(primaries, vec![second.id]);
    let page = app
        .get(&format!("/customers/{}/addresses", customer.id))
        .await;
    assert_eq!(page.text("tbody td[data-label=Label]"), "Branch");

    // The primary flag cannot simply be unticked: there must always be one.
    let version = edit_version(&app, "addresses", customer.id, second.id).await;
    let res = app
        .post(
            &format!("/customers/{}/addresses/{}", customer.id, second.id),
            &form(&[("label", "Branch"), ("version", &version)]),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text("#is_primary-error")
            .contains("make another address primary")
    );
    assert!(addresses(&app, customer.id)[1].is_primary);
}

#[actix_web::test]
async fn deleting_the_primary_address_promotes_the_oldest_remaining_one() {
    let (app, customer) = signed_in_with_customer(None).await;
    let oldest = add(&app, customer.id, &[("label", "One")]).await;
    let _middle = add(&app, customer.id, &[("label", "Two")]).await;
    let primary = add(
        &app,
        customer.id,
        &[("label", "Three"), ("is_primary", "on")],
    )
    .await;
    assert!(primary.is_primary);

    let list = format!("/customers/{}/addresses", customer.id);
    app.delete(&format!("{list}/{}", primary.id), &[])
        .await
        .assert_redirect_to(&list);
    let rows = addresses(&app, customer.id);
    assert_eq!(rows.len(), 2);
    let primaries: Vec<_> = rows.iter().filter(|a| a.is_primary).map(|a| a.id).collect();
    assert_eq!(primaries, vec![oldest.id]);
    let page = app.get(&list).await;
    assert!(
        page.texts(".flash--success")
            .iter()
            .any(|f| f.contains("“One” is now the primary address")),
        "{}",
        page.body
    );
    let history = history_of(&app, "address", customer.id);
    assert!(has_change(
        &history,
        oldest.id,
        "update",
        "Primary",
        Some("No"),
        Some("Yes")
    ));
}

#[actix_web::test]
async fn default_billing_on_a_shipping_address_is_refused_beside_the_field_and_nothing_is_written()
{
    let (app, customer) = signed_in_with_customer(None).await;
    let list = format!("/customers/{}/addresses", customer.id);
    let res = app
        .post(
            &list,
            &form(&[
                ("kind", "shipping"),
                ("label", "Dock <4>"),
                ("is_default_billing", "on"),
            ]),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text("#is_default_billing-error"),
        "Only a billing address can be the default billing address."
    );
    assert_eq!(
        res.attr("#is_default_billing", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(
        res.attr("#is_default_billing", "aria-describedby")
            .unwrap()
            .contains("is_default_billing-error")
    );
    // The input is kept (and escaped).
    assert_eq!(res.attr("#label", "value").as_deref(), Some("Dock <4>"));
    assert!(!res.body.contains("Dock <4>"), "askama escapes the input");
    assert_eq!(
        res.attr("#kind option[selected]", "value").as_deref(),
        Some("shipping")
    );
    assert!(res.attr("#is_default_billing", "checked").is_some());
    assert!(addresses(&app, customer.id).is_empty());
    assert!(history_of(&app, "address", customer.id).is_empty());

    // Default shipping on a shipping address is fine.
    let a = add(
        &app,
        customer.id,
        &[("kind", "shipping"), ("is_default_shipping", "on")],
    )
    .await;
    assert!(a.is_default_shipping);
}

#[actix_web::test]
async fn only_assigned_country_codes_are_accepted() {
    let (app, customer) = signed_in_with_customer(None).await;
    let list = format!("/customers/{}/addresses", customer.id);
    for code in ["UK", "XX"] {
        let res = app.post(&list, &form(&[("country", code)])).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{code}");
        assert!(res.text("#country-error").contains("ISO 3166"), "{code}");
        assert_eq!(res.attr("#country", "value").as_deref(), Some(code));
    }
    assert!(addresses(&app, customer.id).is_empty());
    for code in ["GB", "DE", "FR", "PL", "DK"] {
        assert_eq!(
            add(&app, customer.id, &[("country", code)]).await.country,
            code
        );
    }
}

#[actix_web::test]
async fn an_empty_address_form_comes_back_with_a_message_beside_each_required_field() {
    let (app, customer) = signed_in_with_customer(None).await;
    let list = format!("/customers/{}/addresses", customer.id);
    let res = app
        .post(
            &list,
            &[
                ("kind", "admin"),
                ("line1", " "),
                ("city", ""),
                ("country", "Germany"),
                ("phone", "call me"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["line1", "city", "country", "phone"] {
        assert!(
            res.texts(&format!("#{field}-error")).len() == 1,
            "a message beside {field}"
        );
        assert_eq!(
            res.attr(&format!("#{field}"), "aria-invalid").as_deref(),
            Some("true")
        );
        assert!(
            res.attr(&format!("#{field}"), "aria-describedby")
                .unwrap()
                .split(' ')
                .any(|id| id == format!("{field}-error"))
        );
    }
    assert!(res.texts("#label-error").is_empty());
    assert_eq!(res.attr("#country", "value").as_deref(), Some("Germany"));
    assert!(addresses(&app, customer.id).is_empty());

    // Too long is refused too.
    let long = "x".repeat(201);
    let res = app.post(&list, &form(&[("line2", &long)])).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text("#line2-error").contains("200 characters"));
    assert!(addresses(&app, customer.id).is_empty());
}

#[actix_web::test]
async fn the_database_itself_refuses_a_second_primary_address() {
    let (app, customer) = signed_in_with_customer(None).await;
    let first = add(&app, customer.id, &[]).await;
    let second = add(&app, customer.id, &[("label", "Second")]).await;
    let mut conn = app.conn();
    let insert = diesel::insert_into(customer_addresses::table)
        .values((
            customer_addresses::customer_id.eq(customer.id),
            customer_addresses::kind.eq("billing"),
            customer_addresses::line1.eq("Elsewhere 2"),
            customer_addresses::city.eq("Bonn"),
            customer_addresses::country.eq("DE"),
            customer_addresses::is_primary.eq(true),
        ))
        .execute(&mut conn);
    assert!(insert.is_err(), "a second primary row is refused");
    let update = diesel::update(customer_addresses::table.find(second.id))
        .set(customer_addresses::is_primary.eq(true))
        .execute(&mut conn);
    assert!(update.is_err(), "making a second row primary is refused");
    let primaries: Vec<i64> = addresses(&app, customer.id)
        .iter()
        .filter(|a| a.is_primary)
        .map(|a| a.id)
        .collect();
    assert_eq!(primaries, vec![first.id]);
}

#[actix_web::test]
async fn the_database_refuses_to_commit_addresses_without_a_primary() {
    let (app, customer) = signed_in_with_customer(None).await;
    let first = add(&app, customer.id, &[]).await;
    let mut conn = app.conn();
    let result = conn.transaction::<_, diesel::result::Error, _>(|conn| {
        // Inside the transaction the change is allowed (the check is deferred) ...
        diesel::update(customer_addresses::table.find(first.id))
            .set(customer_addresses::is_primary.eq(false))
            .execute(conn)?;
        Ok(())
    });
    // ... but the commit is not.
    let err = result.expect_err("the commit fails");
    assert!(
        err.to_string().contains("no primary address"),
        "unexpected error: {err}"
    );
    assert!(addresses(&app, customer.id)[0].is_primary);
}

#[actix_web::test]
async fn the_ship_to_csv_has_only_shipping_addresses_with_their_ids_quoted_and_formula_safe() {
    let (app, customer) = signed_in_with_customer(Some("C-100")).await;
    add(&app, customer.id, &[("label", "Head office")]).await;
    let quoted = add(
        &app,
        customer.id,
        &[
            ("kind", "shipping"),
            ("label", "Dock 4, \"North\""),
            ("line2", "Gate B"),
            ("is_default_shipping", "on"),
        ],
    )
    .await;
    let formula = add(
        &app,
        customer.id,
        &[
            ("kind", "shipping"),
            ("label", "=HYPERLINK(\"http://evil.example\")"),
            ("city", "Köln"),
            ("phone", "+49 221 1"),
        ],
    )
    .await;
    add(&app, customer.id, &[("kind", "admin"), ("label", "Legal")]).await;

    let res = app
        .get(&format!("/customers/{}/ship-to.csv", customer.id))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(
        res.header("content-disposition").as_deref(),
        Some("attachment; filename=\"ship-to-C-100.csv\"")
    );
    // Excel's "CSV UTF-8": a byte-order mark first.
    let body = res
        .body
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark");
    let lines: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(
        lines,
        vec![
            "id,label,line1,line2,city,region,postcode,country,phone,default_shipping",
            &format!(
                "{},\"Dock 4, \"\"North\"\"\",Hauptstraße 1,Gate B,Berlin,,10115,DE,,true",
                quoted.id
            ),
            &format!(
                "{},\"'=HYPERLINK(\"\"http://evil.example\"\")\",Hauptstraße 1,,Köln,,10115,DE,+49 221 1,false",
                formula.id
            ),
            "",
        ]
    );

    // Without an account number, the file is named by id.
    let other = app.create_customer("No Number Ltd", None);
    let res = app
        .get(&format!("/customers/{}/ship-to.csv", other.id))
        .await;
    assert_eq!(
        res.header("content-disposition"),
        Some(format!("attachment; filename=\"ship-to-{}.csv\"", other.id))
    );
    assert_eq!(
        res.body,
        "\u{feff}id,label,line1,line2,city,region,postcode,country,phone,default_shipping\r\n"
    );
    assert_eq!(
        app.get("/customers/999999/ship-to.csv").await.status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn another_customers_address_is_not_found_and_nothing_changes() {
    let (app, mine) = signed_in_with_customer(Some("A-1")).await;
    let theirs = app.create_customer("Other AG", Some("B-1"));
    let a = add(&app, theirs.id, &[("label", "Theirs")]).await;
    let version = edit_version(&app, "addresses", theirs.id, a.id).await;
    let history_before = history_of(&app, "address", theirs.id).len();

    let wrong = format!("/customers/{}/addresses/{}", mine.id, a.id);
    assert_eq!(
        app.get(&format!("{wrong}/edit")).await.status,
        StatusCode::NOT_FOUND
    );
    let res = app
        .post(
            &wrong,
            &form(&[
                ("label", "Hijacked"),
                ("is_primary", "on"),
                ("version", &version),
            ]),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app.delete(&wrong, &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    assert_eq!(addresses(&app, theirs.id), vec![a]);
    assert!(addresses(&app, mine.id).is_empty());
    assert_eq!(history_of(&app, "address", theirs.id).len(), history_before);
    assert!(history_of(&app, "address", mine.id).is_empty());
    // A customer that does not exist, and an id that is not a number.
    assert_eq!(
        app.get("/customers/999999/addresses").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/customers/{}/addresses/x/edit", mine.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn a_save_over_someone_elses_newer_save_is_a_409_that_shows_what_changed_meanwhile() {
    let (app, customer) = signed_in_with_customer(None).await;
    let a = add(&app, customer.id, &[("label", "Dock")]).await;
    let version = edit_version(&app, "addresses", customer.id, a.id).await;

    // Someone else saves the address meanwhile.
    diesel::update(customer_addresses::table.find(a.id))
        .set((
            customer_addresses::city.eq("Hamburg"),
            customer_addresses::updated_at.eq(diesel::dsl::now),
            customer_addresses::lock_version.eq(customer_addresses::lock_version + 1),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let history_before = history_of(&app, "address", customer.id).len();

    let path = format!("/customers/{}/addresses/{}", customer.id, a.id);
    let mine = form(&[
        ("label", "Dock"),
        ("city", "München"),
        ("is_primary", "on"),
        ("version", &version),
    ]);
    let res = app.post(&path, &mine).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.text("#changed-heading").contains("Changed meanwhile"));
    assert!(
        res.texts(".changed-meanwhile__row--differs")
            .iter()
            .any(|t| t.contains("Town or city") && t.contains("Hamburg")),
        "{}",
        res.body
    );
    assert_eq!(res.attr("#city", "value").as_deref(), Some("München"));
    let now = &addresses(&app, customer.id)[0];
    assert_eq!(now.city, "Hamburg");
    assert_eq!(
        history_of(&app, "address", customer.id).len(),
        history_before
    );

    // The page now carries the current version: saving again is a deliberate overwrite.
    let new_version = res.attr("input[name=version]", "value").unwrap();
    assert_ne!(new_version, version);
    let mut again = mine.clone();
    again.retain(|(k, _)| *k != "version");
    again.push(("version", &new_version));
    app.post(&path, &again)
        .await
        .assert_redirect_to(&format!("/customers/{}/addresses", customer.id));
    assert_eq!(addresses(&app, customer.id)[0].city, "München");
}

#[actix_web::test]
async fn merging_moves_every_address_and_keeps_only_the_flags_the_target_lacks() {
    let (app, from) = signed_in_with_customer(Some("F-1")).await;
    let to = app.create_customer("Target AG", Some("T-1"));
    let dock = add(
        &app,
        from.id,
        &[("kind", "shipping"), ("is_default_shipping", "on")],
    )
    .await;
    let office = add(&app, from.id, &[("is_default_billing", "on")]).await;
    let target = add(&app, to.id, &[("is_default_billing", "on")]).await;
    assert!(dock.is_primary && target.is_primary);

    let moved = app
        .conn()
        .transaction(|conn| address::move_to(conn, from.id, to.id))
        .expect("the move commits: the target keeps exactly one primary");
    assert_eq!(moved, 2);
    assert!(addresses(&app, from.id).is_empty());
    let rows = addresses(&app, to.id);
    let with = |flag: fn(&Address) -> bool| -> Vec<i64> {
        rows.iter().filter(|a| flag(a)).map(|a| a.id).collect()
    };
    assert_eq!(with(|a| a.is_primary), vec![target.id]);
    assert_eq!(with(|a| a.is_default_billing), vec![target.id]);
    assert_eq!(
        with(|a| a.is_default_shipping),
        vec![dock.id],
        "the target had no default shipping address, so the moved one stays default"
    );
    assert!(rows.iter().any(|a| a.id == office.id));
}

#[actix_web::test]
async fn addresses_pages_pass_axe_and_fit_a_phone_in_a_real_browser() {
    if crate::browser::skip() {
        return;
    }
    let app = spawn_app().await;
    app.create_staff("bea@example.com", PASSWORD, &[Role::Staff]);
    let customer = app.create_customer("Browser & Sons", Some("BR-1"));
    let id = customer.id.to_string();
    crate::browser::run_script(
        "customer_parts.mjs",
        &app.address,
        &[
            ("EMAIL", "bea@example.com"),
            ("PASSWORD", PASSWORD),
            ("CUSTOMER_ID", &id),
        ],
    )
    .await;
}

#[actix_web::test]
async fn a_form_opened_before_another_address_took_the_primary_flag_is_stale() {
    let (app, customer) = signed_in_with_customer(None).await;
    let first = add(&app, customer.id, &[("label", "Head office")]).await;
    let version = edit_version(&app, "addresses", customer.id, first.id).await;
    add(
        &app,
        customer.id,
        &[("label", "Branch"), ("is_primary", "on")],
    )
    .await;

    // Saving the old form would quietly take the flag back.
    let res = app
        .post(
            &format!("/customers/{}/addresses/{}", customer.id, first.id),
            &form(&[
                ("label", "Head office"),
                ("is_primary", "on"),
                ("version", &version),
            ]),
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
}
