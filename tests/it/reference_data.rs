//! Reference data: stores, price lists, sales channels, customer groups, payment terms and tags,
//! kept by administrators.

use crate::helpers::{PASSWORD, TestApp, TestResponse, spawn_app};
use actix_web::http::StatusCode;
use clientele::{
    models::access::staff::Role,
    schema::{
        customer_groups, customer_tags, customers, payment_terms, price_lists, sales_channels,
        stores, tags,
    },
};
use diesel::{connection::SimpleConnection, prelude::*, sql_types::BigInt};
use scraper::{ElementRef, Selector};

const KINDS: [&str; 6] = [
    "stores",
    "price-lists",
    "sales-channels",
    "customer-groups",
    "payment-terms",
    "tags",
];

async fn signed_in_admin() -> TestApp {
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    app.sign_in("ada@example.com", PASSWORD)
        .await
        .assert_redirect_to("/");
    app
}

/// Rows in a table (the name comes from this file, never from a request).
fn count(app: &TestApp, table: &str) -> i64 {
    diesel::select(diesel::dsl::sql::<BigInt>(&format!(
        "(SELECT count(*) FROM {table})"
    )))
    .get_result(&mut app.conn())
    .unwrap()
}

fn store_id(app: &TestApp, code: &str) -> i64 {
    stores::table
        .filter(stores::code.eq(code))
        .select(stores::id)
        .first(&mut app.conn())
        .unwrap()
}

fn price_list_id(app: &TestApp, name: &str) -> i64 {
    price_lists::table
        .filter(price_lists::name.eq(name))
        .select(price_lists::id)
        .first(&mut app.conn())
        .unwrap()
}

fn channel_id(app: &TestApp, name: &str) -> i64 {
    sales_channels::table
        .filter(sales_channels::name.eq(name))
        .select(sales_channels::id)
        .first(&mut app.conn())
        .unwrap()
}

fn group_id(app: &TestApp, name: &str) -> i64 {
    customer_groups::table
        .filter(customer_groups::name.eq(name))
        .select(customer_groups::id)
        .first(&mut app.conn())
        .unwrap()
}

fn term_id(app: &TestApp, name: &str) -> i64 {
    payment_terms::table
        .filter(payment_terms::name.eq(name))
        .select(payment_terms::id)
        .first(&mut app.conn())
        .unwrap()
}

fn tag_id(app: &TestApp, name: &str) -> i64 {
    tags::table
        .filter(tags::name.eq(name))
        .select(tags::id)
        .first(&mut app.conn())
        .unwrap()
}

/// The id of a seeded row of each kind, and a form that would be valid for it.
fn seeded_row_and_valid_form(app: &TestApp, kind: &str) -> (i64, Vec<(&'static str, String)>) {
    let retail = price_list_id(app, "Retail").to_string();
    match kind {
        "stores" => (
            store_id(app, "SOUTH"),
            vec![("code", "EAST".into()), ("name", "East branch".into())],
        ),
        "price-lists" => (
            price_list_id(app, "Trade"),
            vec![("name", "Export".into()), ("currency", "USD".into())],
        ),
        "sales-channels" => (
            channel_id(app, "Marketplace"),
            vec![("name", "Telephone".into()), ("price_list_id", retail)],
        ),
        "customer-groups" => (group_id(app, "Agent"), vec![("name", "Distributor".into())]),
        "payment-terms" => (
            term_id(app, "Net 60"),
            vec![("name", "Net 90".into()), ("days", "90".into())],
        ),
        "tags" => (tag_id(app, "Seasonal"), vec![("name", "Dormant".into())]),
        other => panic!("no kind {other}"),
    }
}

fn table_of(kind: &str) -> &'static str {
    match kind {
        "stores" => "stores",
        "price-lists" => "price_lists",
        "sales-channels" => "sales_channels",
        "customer-groups" => "customer_groups",
        "payment-terms" => "payment_terms",
        "tags" => "tags",
        other => panic!("no kind {other}"),
    }
}

fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A 422 with `message` beside `field`: in the field's own box, linked to the control with
/// aria-describedby, the control marked invalid and still holding what was sent.
#[track_caller]
fn assert_field_error(res: &TestResponse, field: &str, message: &str, sent: &str) {
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "expected 422 for {field}; body:\n{}",
        res.body
    );
    let error_id = format!("{field}-error");
    let shown = res.text(&format!("#{error_id}"));
    assert!(
        shown.contains(message),
        "the message beside {field} is {shown:?}, expected it to contain {message:?}"
    );
    let html = res.html();
    let error = html
        .select(&Selector::parse(&format!("#{error_id}")).unwrap())
        .next()
        .unwrap();
    let field_box = ElementRef::wrap(error.parent().unwrap()).unwrap();
    assert!(
        field_box.value().classes().any(|c| c == "field--invalid"),
        "the message sits in the field's box, marked invalid"
    );
    let control = field_box
        .select(&Selector::parse(&format!("#{field}")).unwrap())
        .next()
        .unwrap_or_else(|| panic!("#{field} is in the same box as its message"));
    assert_eq!(control.value().attr("aria-invalid"), Some("true"));
    let described = control.value().attr("aria-describedby").unwrap_or_default();
    assert!(
        described.split(' ').any(|id| id == error_id),
        "#{field} is described by its message (aria-describedby={described:?})"
    );
    let label = res.attr(&format!("label[for={field}]"), "for");
    assert_eq!(label.as_deref(), Some(field), "#{field} has a label");
    if control.value().name() == "input" {
        assert_eq!(
            control.value().attr("value"),
            Some(sent),
            "what was sent is kept"
        );
    }
    assert!(
        res.text(".form-problem").contains("was not saved"),
        "the form says it was not saved"
    );
}

fn flash(res: &TestResponse, level: &str) -> String {
    res.text(&format!(".flash--{level}"))
}

// Access ------------------------------------------------------------------------------------------

#[actix_web::test]
async fn staff_without_the_admin_role_are_refused_every_reference_screen_and_write_nothing() {
    let app = spawn_app().await;
    app.create_staff(
        "sam@example.com",
        PASSWORD,
        &[Role::Staff, Role::DigitalAdmin],
    );
    app.sign_in("sam@example.com", PASSWORD)
        .await
        .assert_redirect_to("/");
    for kind in KINDS {
        let (id, form) = seeded_row_and_valid_form(&app, kind);
        let table = table_of(kind);
        let before = count(&app, table);
        for path in [
            format!("/admin/{kind}"),
            format!("/admin/{kind}/new"),
            format!("/admin/{kind}/{id}/edit"),
        ] {
            assert_eq!(app.get(&path).await.status, StatusCode::FORBIDDEN, "{path}");
        }
        let res = app.post(&format!("/admin/{kind}"), &pairs(&form)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "creating {kind}");
        let res = app
            .post(&format!("/admin/{kind}/{id}"), &pairs(&form))
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "changing {kind}");
        let res = app.delete(&format!("/admin/{kind}/{id}"), &[]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "deleting {kind}");
        assert_eq!(
            count(&app, table),
            before,
            "nothing was added to or deleted from {table}"
        );
    }
    // Nothing was changed either.
    let south: (String, String) = stores::table
        .filter(stores::code.eq("SOUTH"))
        .select((stores::code, stores::name))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(south, ("SOUTH".to_string(), "South branch".to_string()));
    assert!(
        tags::table
            .filter(tags::name.eq("Dormant"))
            .count()
            .get_result::<i64>(&mut app.conn())
            .unwrap()
            == 0
    );
}

#[actix_web::test]
async fn the_administration_pages_share_a_navigation_that_marks_where_you_are() {
    let app = signed_in_admin().await;
    let staff = app.get("/admin/staff").await;
    assert_eq!(staff.status, StatusCode::OK);
    assert_eq!(
        staff.texts("nav[aria-label=Administration] a"),
        [
            "Staff accounts",
            "Stores",
            "Price lists",
            "Sales channels",
            "Customer groups",
            "Payment terms",
            "Tags",
            "Catalogs",
            "Products",
            "Import",
            "Email outbox",
            "API clients",
            "Webhooks",
            "Maintenance"
        ]
    );
    assert_eq!(
        staff.text("nav[aria-label=Administration] a[aria-current=page]"),
        "Staff accounts"
    );
    let stores = app.get("/admin/stores").await;
    assert_eq!(
        stores.text("nav[aria-label=Administration] a[aria-current=page]"),
        "Stores"
    );
    let new_tag = app.get("/admin/tags/new").await;
    assert_eq!(
        new_tag.text("nav[aria-label=Administration] a[aria-current]"),
        "Tags"
    );
    assert_eq!(
        new_tag
            .attr("nav[aria-label=Administration] a[aria-current]", "href")
            .as_deref(),
        Some("/admin/tags")
    );
}

// Lists -------------------------------------------------------------------------------------------

#[actix_web::test]
async fn an_admin_sees_each_list_with_its_fields_and_how_many_customers_use_each_row() {
    let app = signed_in_admin().await;
    let acme = app.create_customer("Acme", Some("ACC-1"));
    app.create_customer("Bolt", Some("ACC-2"));
    diesel::update(customers::table.find(acme.id))
        .set((
            customers::sales_channel_id.eq(channel_id(&app, "Web shop")),
            customers::customer_group_id.eq(group_id(&app, "Retailer")),
            customers::payment_terms_id.eq(term_id(&app, "Net 30")),
        ))
        .execute(&mut app.conn())
        .unwrap();
    diesel::insert_into(customer_tags::table)
        .values((
            customer_tags::customer_id.eq(acme.id),
            customer_tags::tag_id.eq(tag_id(&app, "Export")),
        ))
        .execute(&mut app.conn())
        .unwrap();

    let res = app.get("/admin/stores").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.text("main h1"), "Stores");
    assert_eq!(
        res.texts("table.table--stack thead th"),
        ["Code", "Name", "Status", "Customers", "Actions"]
    );
    assert_eq!(
        res.texts("tbody td[data-label=Code]"),
        ["MAIN", "NORTH", "SOUTH"]
    );
    assert_eq!(res.texts("tbody td[data-label=Customers]"), ["2", "0", "0"]);
    assert_eq!(res.texts("tbody td[data-label=Status]"), ["Active"; 3]);
    assert_eq!(
        res.texts("tbody td.table__actions a"),
        [
            "Edit MAIN Main warehouse",
            "Edit NORTH North branch",
            "Edit SOUTH South branch"
        ]
    );
    let main = store_id(&app, "MAIN");
    assert_eq!(
        res.attr("tbody td.table__actions a", "href"),
        Some(format!("/admin/stores/{main}/edit"))
    );
    assert_eq!(
        res.attr("main a.button--primary", "href").as_deref(),
        Some("/admin/stores/new")
    );

    let res = app.get("/admin/price-lists").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.texts("tbody td[data-label=Name]"),
        ["Retail", "Trade", "Wholesale"]
    );
    assert_eq!(res.texts("tbody td[data-label=Currency]"), ["EUR"; 3]);
    assert_eq!(
        res.texts("tbody td[data-label='Sales channels']"),
        ["2", "2", "1"]
    );
    assert_eq!(res.texts("tbody td[data-label=Customers]"), ["1", "0", "0"]);

    let res = app.get("/admin/sales-channels").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.texts("tbody td[data-label=Name]"),
        [
            "Distribution",
            "Field sales",
            "Marketplace",
            "Trade counter",
            "Web shop"
        ]
    );
    assert_eq!(
        res.texts("tbody td[data-label='Price list']"),
        [
            "Wholesale (EUR)",
            "Trade (EUR)",
            "Retail (EUR)",
            "Trade (EUR)",
            "Retail (EUR)"
        ]
    );
    assert_eq!(
        res.texts("tbody td[data-label=Customers]"),
        ["0", "0", "0", "0", "1"]
    );

    let res = app.get("/admin/customer-groups").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.texts("tbody td[data-label=Name]"),
        ["Agent", "Public", "Retailer", "Wholesale"]
    );
    assert_eq!(
        res.texts("tbody td[data-label=Customers]"),
        ["0", "0", "1", "0"]
    );

    let res = app.get("/admin/payment-terms").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.texts("tbody td[data-label=Name]"),
        ["Full payment before despatch", "Net 15", "Net 30", "Net 60"]
    );
    assert_eq!(
        res.texts("tbody td[data-label='Days to pay']"),
        [
            "Prepaid: full payment before despatch",
            "15 days",
            "30 days",
            "60 days"
        ]
    );
    assert_eq!(
        res.texts("tbody td[data-label=Customers]"),
        ["0", "0", "1", "0"]
    );

    let res = app.get("/admin/tags").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.texts("tbody td[data-label=Name]"),
        ["Export", "Key account", "Seasonal"]
    );
    assert_eq!(res.texts("tbody td[data-label=Customers]"), ["1", "0", "0"]);
}

// Creating and changing ---------------------------------------------------------------------------

#[actix_web::test]
async fn an_admin_adds_a_store_with_a_lower_case_code_and_then_deactivates_it() {
    let app = signed_in_admin().await;
    let form = app.get("/admin/stores/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.text("main h1"), "New store");
    assert_eq!(form.attr("#active", "checked").as_deref(), Some(""));
    for field in ["code", "name", "active"] {
        assert_eq!(
            form.attr(&format!("label[for={field}]"), "for").as_deref(),
            Some(field)
        );
    }
    assert!(form.attr("main form", "novalidate").is_some());

    let res = app
        .post(
            "/admin/stores",
            &[
                ("code", " east-1 "),
                ("name", "  East branch "),
                ("active", "true"),
            ],
        )
        .await;
    res.assert_redirect_to("/admin/stores");
    let list = app.get("/admin/stores").await;
    assert_eq!(
        flash(&list, "success"),
        "The store “EAST-1 East branch” was added."
    );
    assert!(
        list.texts("td[data-label=Code]")
            .contains(&"EAST-1".to_string())
    );
    let id = store_id(&app, "EAST-1");
    let (name, active): (String, bool) = stores::table
        .find(id)
        .select((stores::name, stores::active))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((name.as_str(), active), ("East branch", true));

    let edit = app.get(&format!("/admin/stores/{id}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(edit.text("main h1"), "Edit store");
    assert_eq!(edit.attr("#code", "value").as_deref(), Some("EAST-1"));
    assert_eq!(edit.attr("#name", "value").as_deref(), Some("East branch"));
    assert_eq!(
        edit.attr("main form", "action"),
        Some(format!("/admin/stores/{id}"))
    );

    // An unticked checkbox is not sent: the store is deactivated.
    let res = app
        .post(
            &format!("/admin/stores/{id}"),
            &[("code", "EAST_1"), ("name", "East depot")],
        )
        .await;
    res.assert_redirect_to("/admin/stores");
    let list = app.get("/admin/stores").await;
    assert_eq!(
        flash(&list, "success"),
        "The store “EAST_1 East depot” was saved."
    );
    let row: (String, String, bool) = stores::table
        .find(id)
        .select((stores::code, stores::name, stores::active))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(row, ("EAST_1".into(), "East depot".into(), false));
    assert!(
        list.texts("td[data-label=Status]")
            .contains(&"Deactivated".to_string())
    );
    let edit = app.get(&format!("/admin/stores/{id}/edit")).await;
    assert_eq!(edit.attr("#active", "checked"), None);
}

#[actix_web::test]
async fn an_admin_adds_and_changes_a_price_list() {
    let app = signed_in_admin().await;
    let form = app.get("/admin/price-lists/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.text("main h1"), "New price list");
    let res = app
        .post(
            "/admin/price-lists",
            &[("name", "Export"), ("currency", "usd")],
        )
        .await;
    res.assert_redirect_to("/admin/price-lists");
    assert_eq!(
        flash(&app.get("/admin/price-lists").await, "success"),
        "The price list “Export” was added."
    );
    let id = price_list_id(&app, "Export");
    let currency: String = price_lists::table
        .find(id)
        .select(price_lists::currency)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(currency, "USD");

    let edit = app.get(&format!("/admin/price-lists/{id}/edit")).await;
    assert_eq!(edit.attr("#currency", "value").as_deref(), Some("USD"));
    let res = app
        .post(
            &format!("/admin/price-lists/{id}"),
            &[("name", "Export GBP"), ("currency", "GBP")],
        )
        .await;
    res.assert_redirect_to("/admin/price-lists");
    let row: (String, String) = price_lists::table
        .find(id)
        .select((price_lists::name, price_lists::currency))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(row, ("Export GBP".into(), "GBP".into()));

    // A row keeps its own name in another case: it does not clash with itself.
    let retail = price_list_id(&app, "Retail");
    let res = app
        .post(
            &format!("/admin/price-lists/{retail}"),
            &[("name", "RETAIL"), ("currency", "EUR")],
        )
        .await;
    res.assert_redirect_to("/admin/price-lists");
    assert_eq!(price_list_id(&app, "RETAIL"), retail);
}

#[actix_web::test]
async fn an_admin_adds_a_sales_channel_on_a_price_list_and_moves_it_to_another() {
    let app = signed_in_admin().await;
    let retail = price_list_id(&app, "Retail");
    let trade = price_list_id(&app, "Trade");
    let form = app.get("/admin/sales-channels/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.text("main h1"), "New sales channel");
    assert_eq!(
        form.texts("select#price_list_id option"),
        ["Choose…", "Retail (EUR)", "Trade (EUR)", "Wholesale (EUR)"]
    );
    let res = app
        .post(
            "/admin/sales-channels",
            &[
                ("name", "Telephone"),
                ("price_list_id", &retail.to_string()),
            ],
        )
        .await;
    res.assert_redirect_to("/admin/sales-channels");
    assert_eq!(
        flash(&app.get("/admin/sales-channels").await, "success"),
        "The sales channel “Telephone” was added."
    );
    let id = channel_id(&app, "Telephone");
    let edit = app.get(&format!("/admin/sales-channels/{id}/edit")).await;
    assert_eq!(
        edit.text("select#price_list_id option[selected]"),
        "Retail (EUR)"
    );
    let res = app
        .post(
            &format!("/admin/sales-channels/{id}"),
            &[
                ("name", "Telephone orders"),
                ("price_list_id", &trade.to_string()),
            ],
        )
        .await;
    res.assert_redirect_to("/admin/sales-channels");
    let row: (String, i64) = sales_channels::table
        .find(id)
        .select((sales_channels::name, sales_channels::price_list_id))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(row, ("Telephone orders".into(), trade));
}

#[actix_web::test]
async fn an_admin_adds_and_renames_a_customer_group() {
    let app = signed_in_admin().await;
    assert_eq!(
        app.get("/admin/customer-groups/new").await.text("main h1"),
        "New customer group"
    );
    app.post("/admin/customer-groups", &[("name", " Distributor ")])
        .await
        .assert_redirect_to("/admin/customer-groups");
    assert_eq!(
        flash(&app.get("/admin/customer-groups").await, "success"),
        "The customer group “Distributor” was added."
    );
    let id = group_id(&app, "Distributor");
    let edit = app.get(&format!("/admin/customer-groups/{id}/edit")).await;
    assert_eq!(edit.attr("#name", "value").as_deref(), Some("Distributor"));
    app.post(
        &format!("/admin/customer-groups/{id}"),
        &[("name", "Distributors")],
    )
    .await
    .assert_redirect_to("/admin/customer-groups");
    assert_eq!(group_id(&app, "Distributors"), id);
}

#[actix_web::test]
async fn an_admin_adds_payment_terms_with_days_or_prepaid_and_changes_them() {
    let app = signed_in_admin().await;
    assert_eq!(
        app.get("/admin/payment-terms/new").await.text("main h1"),
        "New payment term"
    );
    app.post(
        "/admin/payment-terms",
        &[("name", "Net 90"), ("days", " 90 ")],
    )
    .await
    .assert_redirect_to("/admin/payment-terms");
    app.post(
        "/admin/payment-terms",
        &[("name", "Cash with order"), ("days", "")],
    )
    .await
    .assert_redirect_to("/admin/payment-terms");
    app.post(
        "/admin/payment-terms",
        &[("name", "Due on receipt"), ("days", "0")],
    )
    .await
    .assert_redirect_to("/admin/payment-terms");
    let days = |name: &str| -> Option<i32> {
        payment_terms::table
            .filter(payment_terms::name.eq(name))
            .select(payment_terms::days)
            .first(&mut app.conn())
            .unwrap()
    };
    assert_eq!(days("Net 90"), Some(90));
    assert_eq!(days("Cash with order"), None);
    assert_eq!(days("Due on receipt"), Some(0));

    let id = term_id(&app, "Net 90");
    let edit = app.get(&format!("/admin/payment-terms/{id}/edit")).await;
    assert_eq!(edit.attr("#days", "value").as_deref(), Some("90"));
    assert_eq!(edit.attr("#days", "inputmode").as_deref(), Some("numeric"));
    app.post(
        &format!("/admin/payment-terms/{id}"),
        &[("name", "Net 365"), ("days", "365")],
    )
    .await
    .assert_redirect_to("/admin/payment-terms");
    assert_eq!(days("Net 365"), Some(365));
    // Emptying the days makes the term prepaid.
    app.post(
        &format!("/admin/payment-terms/{id}"),
        &[("name", "Net 365"), ("days", "")],
    )
    .await
    .assert_redirect_to("/admin/payment-terms");
    assert_eq!(days("Net 365"), None);
    let list = app.get("/admin/payment-terms").await;
    assert_eq!(
        flash(&list, "success"),
        "The payment term “Net 365” was saved."
    );
}

#[actix_web::test]
async fn an_admin_adds_and_renames_a_tag_and_markup_in_a_name_is_shown_as_text() {
    let app = signed_in_admin().await;
    assert_eq!(app.get("/admin/tags/new").await.text("main h1"), "New tag");
    let sixty = "x".repeat(60);
    app.post("/admin/tags", &[("name", &sixty)])
        .await
        .assert_redirect_to("/admin/tags");
    app.post("/admin/tags", &[("name", "<b>VIP</b> & co")])
        .await
        .assert_redirect_to("/admin/tags");
    let list = app.get("/admin/tags").await;
    assert_eq!(
        flash(&list, "success"),
        "The tag “<b>VIP</b> & co” was added."
    );
    assert!(
        list.texts("td[data-label=Name]")
            .contains(&"<b>VIP</b> & co".to_string())
    );
    assert!(!list.body.contains("<b>VIP</b>"), "the name is escaped");
    let id = tag_id(&app, &sixty);
    app.post(&format!("/admin/tags/{id}"), &[("name", "Dormant")])
        .await
        .assert_redirect_to("/admin/tags");
    assert_eq!(tag_id(&app, "Dormant"), id);
}

// Validation --------------------------------------------------------------------------------------

/// A form, the field it gets wrong, and (part of) the message shown beside that field.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);

/// Posts each form to `path`; each must come back 422 with its message beside its field and
/// leave `table` as it was.
async fn assert_refused(app: &TestApp, path: &str, table: &str, cases: &[Case<'_>]) {
    let before = count(app, table);
    for (form, field, message) in cases {
        let res = app.post(path, form).await;
        let sent = form
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| *v)
            .unwrap_or("");
        assert_field_error(&res, field, message, sent);
        assert_eq!(count(app, table), before, "nothing written for {form:?}");
    }
}

#[actix_web::test]
async fn a_store_with_a_bad_or_taken_code_or_a_bad_name_is_refused_beside_the_field() {
    let app = signed_in_admin().await;
    let long_name = "n".repeat(121);
    assert_refused(
        &app,
        "/admin/stores",
        "stores",
        &[
            (&[("code", ""), ("name", "Depot")], "code", "Enter a code"),
            (
                &[("code", "   "), ("name", "Depot")],
                "code",
                "Enter a code",
            ),
            (
                &[("code", "east wing"), ("name", "Depot")],
                "code",
                "Use only letters A to Z, digits, - and _",
            ),
            (
                &[("code", "-EAST"), ("name", "Depot")],
                "code",
                "starting with a letter or digit",
            ),
            (
                &[("code", "ÉCOLE"), ("name", "Depot")],
                "code",
                "Use only letters A to Z",
            ),
            (
                &[("code", &"A".repeat(21)), ("name", "Depot")],
                "code",
                "Use at most 20 characters; this code has 21.",
            ),
            (
                &[("code", "north"), ("name", "Depot")],
                "code",
                "The code NORTH is already used by North branch.",
            ),
            (&[("code", "DEPOT"), ("name", "")], "name", "Enter a name."),
            (
                &[("code", "DEPOT"), ("name", "  ")],
                "name",
                "Enter a name.",
            ),
            (
                &[("code", "DEPOT"), ("name", &long_name)],
                "name",
                "Use at most 120 characters; this name has 121.",
            ),
            (
                &[("code", "DEPOT"), ("name", "Two\nlines")],
                "name",
                "Use a name on one line",
            ),
        ],
    )
    .await;
    // Both wrong at once: both messages, and the summary counts them.
    let res = app
        .post("/admin/stores", &[("code", ""), ("name", "")])
        .await;
    assert_field_error(&res, "code", "Enter a code", "");
    assert_field_error(&res, "name", "Enter a name", "");
    assert_eq!(
        res.text(".form-problem"),
        "The store was not saved. Please correct the 2 fields marked below."
    );
    // Exactly 20 characters is fine.
    app.post(
        "/admin/stores",
        &[("code", &"B".repeat(20)), ("name", "Twenty")],
    )
    .await
    .assert_redirect_to("/admin/stores");
}

#[actix_web::test]
async fn a_price_list_with_a_bad_currency_or_a_taken_name_is_refused_beside_the_field() {
    let app = signed_in_admin().await;
    assert_refused(
        &app,
        "/admin/price-lists",
        "price_lists",
        &[
            (
                &[("name", ""), ("currency", "EUR")],
                "name",
                "Enter a name.",
            ),
            (
                &[("name", "retail"), ("currency", "EUR")],
                "name",
                "There is already a price list called “Retail”.",
            ),
            (
                &[("name", "Export"), ("currency", "")],
                "currency",
                "Enter a currency",
            ),
            (
                &[("name", "Export"), ("currency", "EU")],
                "currency",
                "three-letter ISO 4217 code",
            ),
            (
                &[("name", "Export"), ("currency", "EURO")],
                "currency",
                "three-letter ISO 4217 code",
            ),
            (
                &[("name", "Export"), ("currency", "E1R")],
                "currency",
                "three-letter ISO 4217 code",
            ),
        ],
    )
    .await;
}

#[actix_web::test]
async fn a_sales_channel_without_an_existing_price_list_or_with_a_taken_name_is_refused() {
    let app = signed_in_admin().await;
    let retail = price_list_id(&app, "Retail").to_string();
    let res = app
        .post(
            "/admin/sales-channels",
            &[("name", "Telephone"), ("price_list_id", "")],
        )
        .await;
    assert_field_error(&res, "price_list_id", "Choose the price list", "");
    assert_eq!(
        res.text("select#price_list_id option[selected]"),
        "Choose…",
        "no price list was chosen"
    );
    assert_eq!(res.attr("#name", "value").as_deref(), Some("Telephone"));
    assert_refused(
        &app,
        "/admin/sales-channels",
        "sales_channels",
        &[
            (
                &[("name", "Telephone"), ("price_list_id", "999999")],
                "price_list_id",
                "That price list does not exist",
            ),
            (
                &[("name", "Telephone"), ("price_list_id", "abc")],
                "price_list_id",
                "That price list does not exist",
            ),
            (
                &[("name", "WEB shop"), ("price_list_id", &retail)],
                "name",
                "There is already a sales channel called “Web shop”.",
            ),
            (
                &[("name", ""), ("price_list_id", &retail)],
                "name",
                "Enter a name.",
            ),
        ],
    )
    .await;
    // The choice made is kept when another field is wrong.
    let res = app
        .post(
            "/admin/sales-channels",
            &[("name", ""), ("price_list_id", &retail)],
        )
        .await;
    assert_eq!(
        res.text("select#price_list_id option[selected]"),
        "Retail (EUR)"
    );
}

#[actix_web::test]
async fn a_customer_group_with_an_empty_long_or_taken_name_is_refused_beside_the_field() {
    let app = signed_in_admin().await;
    let long_name = "g".repeat(121);
    assert_refused(
        &app,
        "/admin/customer-groups",
        "customer_groups",
        &[
            (&[("name", "")], "name", "Enter a name."),
            (&[("name", "\t ")], "name", "Enter a name."),
            (
                &[("name", &long_name)],
                "name",
                "Use at most 120 characters; this name has 121.",
            ),
            (
                &[("name", "PUBLIC")],
                "name",
                "There is already a customer group called “Public”.",
            ),
        ],
    )
    .await;
}

#[actix_web::test]
async fn payment_terms_with_days_outside_0_to_365_or_a_taken_name_are_refused() {
    let app = signed_in_admin().await;
    let days_message = "Enter a whole number of days from 0 to 365";
    assert_refused(
        &app,
        "/admin/payment-terms",
        "payment_terms",
        &[
            (&[("name", "Net 90"), ("days", "366")], "days", days_message),
            (&[("name", "Net 90"), ("days", "-1")], "days", days_message),
            (
                &[("name", "Net 90"), ("days", "ninety")],
                "days",
                days_message,
            ),
            (&[("name", "Net 90"), ("days", "1.5")], "days", days_message),
            (
                &[("name", "Net 90"), ("days", "99999999999")],
                "days",
                days_message,
            ),
            (&[("name", ""), ("days", "90")], "name", "Enter a name."),
            (
                &[("name", "NET 30"), ("days", "30")],
                "name",
                "There is already a payment term called “Net 30”.",
            ),
        ],
    )
    .await;
}

#[actix_web::test]
async fn a_tag_with_an_empty_overlong_or_taken_name_is_refused_beside_the_field() {
    let app = signed_in_admin().await;
    let long_name = "t".repeat(61);
    assert_refused(
        &app,
        "/admin/tags",
        "tags",
        &[
            (&[("name", "")], "name", "Enter a name."),
            (
                &[("name", &long_name)],
                "name",
                "Use at most 60 characters; this name has 61.",
            ),
            (
                &[("name", "export")],
                "name",
                "There is already a tag called “Export”.",
            ),
        ],
    )
    .await;
}

#[actix_web::test]
async fn an_invalid_edit_is_refused_beside_the_field_and_changes_nothing() {
    let app = signed_in_admin().await;
    let main = store_id(&app, "MAIN");
    let res = app
        .post(
            &format!("/admin/stores/{main}"),
            &[("code", "south"), ("name", "Renamed"), ("active", "true")],
        )
        .await;
    assert_field_error(
        &res,
        "code",
        "The code SOUTH is already used by South branch.",
        "south",
    );
    assert_eq!(res.text("main h1"), "Edit store");
    assert_eq!(res.text(".page-heading__lead"), "MAIN Main warehouse");
    assert_eq!(res.attr("#name", "value").as_deref(), Some("Renamed"));
    let row: (String, String) = stores::table
        .find(main)
        .select((stores::code, stores::name))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(row, ("MAIN".into(), "Main warehouse".into()));

    let export = tag_id(&app, "Export");
    let res = app
        .post(&format!("/admin/tags/{export}"), &[("name", "key ACCOUNT")])
        .await;
    assert_field_error(
        &res,
        "name",
        "There is already a tag called “Key account”.",
        "key ACCOUNT",
    );
    assert_eq!(tag_id(&app, "Export"), export);

    let net30 = term_id(&app, "Net 30");
    let res = app
        .post(
            &format!("/admin/payment-terms/{net30}"),
            &[("name", "Net 30"), ("days", "400")],
        )
        .await;
    assert_field_error(&res, "days", "from 0 to 365", "400");
    let days: Option<i32> = payment_terms::table
        .find(net30)
        .select(payment_terms::days)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(days, Some(30));
}

/// Holds an uncommitted row in another transaction while the app saves a clashing one: the
/// app's check cannot see it, its insert waits on the unique index, and fails once the other
/// transaction commits.
async fn race(
    app: &TestApp,
    other_insert: &str,
    path: &str,
    form: &[(&str, &str)],
) -> TestResponse {
    let mut other = app.db.connect();
    other
        .batch_execute(&format!("BEGIN; {other_insert}"))
        .unwrap();
    let release = async {
        let mut watcher = app.db.connect();
        let mut seen_waiting = false;
        for _ in 0..400 {
            let waiting: i64 = diesel::select(diesel::dsl::sql::<BigInt>(
                "(SELECT count(*) FROM pg_stat_activity \
                  WHERE datname = current_database() AND wait_event_type = 'Lock')",
            ))
            .get_result(&mut watcher)
            .unwrap();
            if waiting > 0 {
                seen_waiting = true;
                break;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        other.batch_execute("COMMIT").unwrap();
        seen_waiting
    };
    let (res, seen_waiting) = futures_util::future::join(app.post(path, form), release).await;
    assert!(
        seen_waiting,
        "the app's insert waited for the other transaction"
    );
    res
}

#[actix_web::test]
async fn a_duplicate_that_races_past_the_check_still_becomes_the_message_beside_the_field() {
    let app = signed_in_admin().await;
    let res = race(
        &app,
        "INSERT INTO tags (name) VALUES ('Racing')",
        "/admin/tags",
        &[("name", "racing")],
    )
    .await;
    assert_field_error(
        &res,
        "name",
        "There is already a tag called “racing”.",
        "racing",
    );
    assert_eq!(
        tags::table
            .filter(tags::name.eq("racing"))
            .count()
            .get_result::<i64>(&mut app.conn())
            .unwrap(),
        0
    );

    let res = race(
        &app,
        "INSERT INTO stores (code, name) VALUES ('WEST', 'West branch')",
        "/admin/stores",
        &[
            ("code", "west"),
            ("name", "Another west"),
            ("active", "true"),
        ],
    )
    .await;
    assert_field_error(&res, "code", "The code WEST is already in use.", "west");
    assert_eq!(count(&app, "stores"), 4);
}

// Deleting ----------------------------------------------------------------------------------------

#[actix_web::test]
async fn an_admin_deletes_a_row_of_each_kind_that_nothing_uses() {
    let app = signed_in_admin().await;
    app.post(
        "/admin/price-lists",
        &[("name", "Spare"), ("currency", "EUR")],
    )
    .await
    .assert_redirect_to("/admin/price-lists");
    let rows = [
        (
            "stores",
            store_id(&app, "SOUTH"),
            "store",
            "SOUTH South branch",
        ),
        (
            "price-lists",
            price_list_id(&app, "Spare"),
            "price list",
            "Spare",
        ),
        (
            "sales-channels",
            channel_id(&app, "Marketplace"),
            "sales channel",
            "Marketplace",
        ),
        (
            "customer-groups",
            group_id(&app, "Agent"),
            "customer group",
            "Agent",
        ),
        (
            "payment-terms",
            term_id(&app, "Net 60"),
            "payment term",
            "Net 60",
        ),
        ("tags", tag_id(&app, "Seasonal"), "tag", "Seasonal"),
    ];
    for (kind, id, one, label) in rows {
        let table = table_of(kind);
        let before = count(&app, table);
        let edit = app.get(&format!("/admin/{kind}/{id}/edit")).await;
        assert_eq!(
            edit.attr(".danger-zone form", "action"),
            Some(format!("/admin/{kind}/{id}"))
        );
        assert_eq!(
            edit.text(".danger-zone form button"),
            format!("Delete {one} {label}")
        );
        assert!(edit.text(".danger-zone").contains("Nothing uses this"));
        let res = app.delete(&format!("/admin/{kind}/{id}"), &[]).await;
        res.assert_redirect_to(&format!("/admin/{kind}"));
        let list = app.get(&format!("/admin/{kind}")).await;
        assert_eq!(
            flash(&list, "success"),
            format!("The {one} “{label}” was deleted.")
        );
        assert_eq!(count(&app, table), before - 1, "{kind} {id} was deleted");
        assert_eq!(
            app.get(&format!("/admin/{kind}/{id}/edit")).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[actix_web::test]
async fn deleting_a_row_in_use_is_refused_with_how_many_use_it_and_deletes_nothing() {
    let app = signed_in_admin().await;
    let acme = app.create_customer("Acme", Some("ACC-1"));
    app.create_customer("Bolt", Some("ACC-2"));
    diesel::update(customers::table.find(acme.id))
        .set((
            customers::sales_channel_id.eq(channel_id(&app, "Web shop")),
            customers::customer_group_id.eq(group_id(&app, "Retailer")),
            customers::payment_terms_id.eq(term_id(&app, "Net 30")),
        ))
        .execute(&mut app.conn())
        .unwrap();
    diesel::insert_into(customer_tags::table)
        .values((
            customer_tags::customer_id.eq(acme.id),
            customer_tags::tag_id.eq(tag_id(&app, "Export")),
        ))
        .execute(&mut app.conn())
        .unwrap();

    let cases = [
        (
            "stores",
            store_id(&app, "MAIN"),
            "The store “MAIN Main warehouse” was not deleted: 2 customers use it. \
             Untick Active to stop offering it instead.",
        ),
        (
            "price-lists",
            price_list_id(&app, "Retail"),
            "The price list “Retail” was not deleted: \
             2 sales channels (and through them 1 customer) use it.",
        ),
        (
            "price-lists",
            price_list_id(&app, "Wholesale"),
            "The price list “Wholesale” was not deleted: 1 sales channel uses it.",
        ),
        (
            "sales-channels",
            channel_id(&app, "Web shop"),
            "The sales channel “Web shop” was not deleted: 1 customer uses it.",
        ),
        (
            "customer-groups",
            group_id(&app, "Retailer"),
            "The customer group “Retailer” was not deleted: 1 customer uses it.",
        ),
        (
            "payment-terms",
            term_id(&app, "Net 30"),
            "The payment term “Net 30” was not deleted: 1 customer uses it.",
        ),
        (
            "tags",
            tag_id(&app, "Export"),
            "The tag “Export” was not deleted: 1 customer uses it.",
        ),
    ];
    for (kind, id, message) in cases {
        let table = table_of(kind);
        let before = count(&app, table);
        let res = app.delete(&format!("/admin/{kind}/{id}"), &[]).await;
        res.assert_redirect_to(&format!("/admin/{kind}/{id}/edit"));
        let edit = app.get(&format!("/admin/{kind}/{id}/edit")).await;
        assert_eq!(edit.status, StatusCode::OK);
        assert_eq!(flash(&edit, "error"), message);
        assert_eq!(count(&app, table), before, "nothing deleted from {table}");
    }
    // The tag is still on the customer (the database would have quietly removed it).
    assert_eq!(
        customer_tags::table
            .filter(customer_tags::customer_id.eq(acme.id))
            .count()
            .get_result::<i64>(&mut app.conn())
            .unwrap(),
        1
    );
    // The edit page says so before anyone tries.
    let main = store_id(&app, "MAIN");
    let edit = app.get(&format!("/admin/stores/{main}/edit")).await;
    assert_eq!(
        edit.text(".danger-zone p"),
        "2 customers use this store, so it cannot be deleted. \
         Untick Active to stop offering it instead."
    );
    // A store in use can be deactivated instead.
    app.post(
        &format!("/admin/stores/{main}"),
        &[("code", "MAIN"), ("name", "Main warehouse")],
    )
    .await
    .assert_redirect_to("/admin/stores");
    let active: bool = stores::table
        .find(main)
        .select(stores::active)
        .first(&mut app.conn())
        .unwrap();
    assert!(!active);
}

// Unknown rows ------------------------------------------------------------------------------------

#[actix_web::test]
async fn an_unknown_or_malformed_id_is_a_404_page_and_writes_nothing() {
    let app = signed_in_admin().await;
    for kind in KINDS {
        let (_, form) = seeded_row_and_valid_form(&app, kind);
        let table = table_of(kind);
        let before = count(&app, table);
        for path in [
            format!("/admin/{kind}/999999/edit"),
            format!("/admin/{kind}/abc/edit"),
        ] {
            let res = app.get(&path).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
            assert!(
                res.text("main")
                    .contains("There is nothing at this address")
            );
        }
        let res = app
            .post(&format!("/admin/{kind}/999999"), &pairs(&form))
            .await;
        assert_eq!(
            res.status,
            StatusCode::NOT_FOUND,
            "changing an unknown {kind}"
        );
        let res = app.delete(&format!("/admin/{kind}/999999"), &[]).await;
        assert_eq!(
            res.status,
            StatusCode::NOT_FOUND,
            "deleting an unknown {kind}"
        );
        assert_eq!(count(&app, table), before);
    }
}

// In a browser ------------------------------------------------------------------------------------

#[actix_web::test]
async fn every_reference_list_and_form_passes_axe_and_the_store_list_fits_a_phone() {
    if crate::browser::skip() {
        return;
    }
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    crate::browser::run_script(
        "admin_reference.mjs",
        &app.address,
        &[("EMAIL", "ada@example.com"), ("PASSWORD", PASSWORD)],
    )
    .await;
}

#[actix_web::test]
async fn in_german_every_kind_is_named_in_german_and_its_messages_too() {
    let app = signed_in_admin().await;
    let list = app.get("/admin/stores?lang=de").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.text("h1"), "Filialen");
    assert_eq!(list.text(".page-heading .button"), "Neue Filiale");
    let form = app.get("/admin/payment-terms/new").await;
    assert_eq!(form.text("h1"), "Neue Zahlungsbedingung");
    assert_eq!(form.text("label[for=days]"), "Zahlungsziel (Tage)");
    let res = app
        .post("/admin/payment-terms", &[("name", ""), ("days", "x")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text(".form-problem"),
        "Die Zahlungsbedingung wurde nicht gespeichert. Bitte korrigieren Sie die 2 unten markierten Felder."
    );
    assert_eq!(res.text("#name-error"), "Bitte geben Sie einen Namen ein.");
}
