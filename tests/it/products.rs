//! Products, catalogs, prices and stock: the administrators' pages, the CSV import, a
//! customer's Catalogs and products tab, and the model the customer portal reads
//! (`portal_catalog`): what a customer may see, at what price, with what stock.

use crate::helpers::{PASSWORD, TestApp, TestClient, TestResponse, spawn_app};
use actix_web::http::StatusCode;
use clientele::{
    models::{
        access::staff::Role,
        catalogs::assortment,
        catalogs::portal_catalog::{self, VisibleProduct},
        catalogs::product::{self, Product, ProductForm},
        customers::customer::Customer,
        portal::PortalScope,
    },
    schema::{
        catalog_products, catalogs, customer_catalogs, customer_history, customer_products,
        customer_services, customer_stock_locations, customers, price_lists, product_prices,
        product_stock, products, sales_channels, stores,
    },
};
use diesel::{PgConnection, prelude::*, sql_types::BigInt};

// Helpers -----------------------------------------------------------------------------------------

async fn signed_in(roles: &[Role]) -> TestApp {
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, roles);
    app.sign_in("ada@example.com", PASSWORD)
        .await
        .assert_redirect_to("/");
    app
}

async fn signed_in_admin() -> TestApp {
    signed_in(&[Role::Admin]).await
}

/// Another browser, signed in as a new staff member with `roles`.
async fn other(app: &TestApp, email: &str, roles: &[Role]) -> TestClient {
    app.create_staff(email, PASSWORD, roles);
    let client = app.new_client();
    client
        .sign_in(email, PASSWORD)
        .await
        .assert_redirect_to("/");
    client
}

fn count(app: &TestApp, table: &str) -> i64 {
    diesel::select(diesel::dsl::sql::<BigInt>(&format!(
        "(SELECT count(*) FROM {table})"
    )))
    .get_result(&mut app.conn())
    .unwrap()
}

fn price_list(app: &TestApp, name: &str) -> i64 {
    price_lists::table
        .filter(price_lists::name.eq(name))
        .select(price_lists::id)
        .first(&mut app.conn())
        .unwrap()
}

fn store(app: &TestApp, code: &str) -> i64 {
    stores::table
        .filter(stores::code.eq(code))
        .select(stores::id)
        .first(&mut app.conn())
        .unwrap()
}

fn catalog(app: &TestApp, name: &str) -> i64 {
    catalogs::table
        .filter(catalogs::name.eq(name))
        .select(catalogs::id)
        .first(&mut app.conn())
        .unwrap()
}

fn channel(app: &TestApp, name: &str) -> i64 {
    sales_channels::table
        .filter(sales_channels::name.eq(name))
        .select(sales_channels::id)
        .first(&mut app.conn())
        .unwrap()
}

/// A product made through the model, with prices (price list id, text) and stock.
fn make_product(
    app: &TestApp,
    sku: &str,
    name: &str,
    specific: bool,
    prices: &[(i64, &str)],
    stock: &[(i64, &str)],
) -> Product {
    let mut form = ProductForm::blank();
    form.sku = sku.into();
    form.name = name.into();
    form.specific = specific;
    for (pl, p) in prices {
        form.prices.insert(*pl, p.to_string());
    }
    for (s, q) in stock {
        form.stock.insert(*s, q.to_string());
    }
    product::create(&mut app.conn(), &form).unwrap_or_else(|e| panic!("{e:?}"))
}

fn put_in_catalog(app: &TestApp, catalog_id: i64, product_id: i64) {
    diesel::insert_into(catalog_products::table)
        .values((
            catalog_products::catalog_id.eq(catalog_id),
            catalog_products::product_id.eq(product_id),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

fn enable_catalog(app: &TestApp, customer_id: i64, catalog_id: i64) {
    diesel::insert_into(customer_catalogs::table)
        .values((
            customer_catalogs::customer_id.eq(customer_id),
            customer_catalogs::catalog_id.eq(catalog_id),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

fn give_specific(app: &TestApp, customer_id: i64, product_id: i64) {
    diesel::insert_into(customer_products::table)
        .values((
            customer_products::customer_id.eq(customer_id),
            customer_products::product_id.eq(product_id),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

fn show_stock_at(app: &TestApp, customer_id: i64, store_id: i64) {
    diesel::insert_into(customer_stock_locations::table)
        .values((
            customer_stock_locations::customer_id.eq(customer_id),
            customer_stock_locations::store_id.eq(store_id),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

fn ordering_active(app: &TestApp, customer_id: i64) {
    diesel::insert_into(customer_services::table)
        .values((
            customer_services::customer_id.eq(customer_id),
            customer_services::service.eq("ordering"),
            customer_services::status.eq("active"),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

fn product_by_sku(app: &TestApp, sku: &str) -> Option<Product> {
    products::table
        .filter(products::sku.eq(sku))
        .select(Product::as_select())
        .first(&mut app.conn())
        .optional()
        .unwrap()
}

fn prices_of(app: &TestApp, product_id: i64) -> Vec<(i64, i64)> {
    product_prices::table
        .filter(product_prices::product_id.eq(product_id))
        .order(product_prices::price_list_id)
        .select((product_prices::price_list_id, product_prices::price_cents))
        .load(&mut app.conn())
        .unwrap()
}

fn stock_of(app: &TestApp, product_id: i64) -> Vec<(i64, i32)> {
    product_stock::table
        .filter(product_stock::product_id.eq(product_id))
        .order(product_stock::store_id)
        .select((product_stock::store_id, product_stock::quantity))
        .load(&mut app.conn())
        .unwrap()
}

/// History rows of a customer as (entity, action, field, old, new), oldest first.
type HistoryRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

fn history(app: &TestApp, customer_id: i64, entity: &str) -> Vec<HistoryRow> {
    customer_history::table
        .filter(customer_history::customer_id.eq(customer_id))
        .filter(customer_history::entity.eq(entity))
        .order(customer_history::id)
        .select((
            customer_history::entity,
            customer_history::action,
            customer_history::field,
            customer_history::old_value,
            customer_history::new_value,
            customer_history::staff_id,
        ))
        .load(&mut app.conn())
        .unwrap()
}

fn flash(res: &TestResponse) -> String {
    res.text(".flash")
}

/// A 422 with `message` beside `field` (inside the field's box, linked to its control).
#[track_caller]
fn assert_field_error(res: &TestResponse, field: &str, message: &str) {
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "expected 422 for {field}; body:\n{}",
        res.body
    );
    let shown = res.text(&format!("#{field}-error"));
    assert!(
        shown.contains(message),
        "the message beside {field} is {shown:?}, expected it to contain {message:?}"
    );
    let described = res
        .attr(&format!("#{field}"), "aria-describedby")
        .unwrap_or_default();
    assert!(
        described
            .split(' ')
            .any(|id| id == format!("{field}-error")),
        "#{field} is described by its message ({described:?})"
    );
}

/// The product form's fields for a POST.
fn product_fields(sku: &str, name: &str, extra: &[(String, String)]) -> Vec<(String, String)> {
    let mut fields = vec![
        ("sku".to_string(), sku.to_string()),
        ("name".into(), name.to_string()),
        ("description".into(), String::new()),
        ("unit".into(), "each".into()),
        ("active".into(), "true".into()),
        ("visibility".into(), "public".into()),
    ];
    fields.extend_from_slice(extra);
    fields
}

async fn post_pairs(client: &TestClient, path: &str, fields: &[(String, String)]) -> TestResponse {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client.post(path, &pairs).await
}

const BOUNDARY: &str = "----clientele-products-5fQ9xW2pLk";

/// Uploads files (name, content) as the import page's form does, the token in the query.
async fn upload(client: &TestClient, files: &[(&str, &str)]) -> TestResponse {
    let token = client.csrf_token().await;
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"submission_key\"\r\n\r\n{}\r\n",
        crate::helpers::submission_key()
    );
    for (name, content) in files {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n"
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    client
        .post_raw(
            "/admin/products/import",
            body,
            &[("Content-Type", &content_type)],
        )
        .await
}

// Roles -------------------------------------------------------------------------------------------

#[actix_web::test]
async fn only_administrators_reach_the_product_and_catalog_pages_and_nothing_is_written_by_others()
{
    let app = signed_in_admin().await;
    let standard = catalog(&app, "Standard catalog");
    let p = make_product(&app, "VLV-100", "Brass valve", false, &[], &[]);
    let others: [&[Role]; 3] = [
        &[Role::Staff],
        &[Role::DigitalAdmin],
        &[Role::Staff, Role::DigitalAdmin],
    ];
    for (i, roles) in others.into_iter().enumerate() {
        let email = format!("user{i}@example.com");
        let client = other(&app, &email, roles).await;
        for path in [
            "/admin/catalogs".to_string(),
            format!("/admin/catalogs/{standard}"),
            "/admin/products".into(),
            "/admin/products/new".into(),
            format!("/admin/products/{}", p.id),
            "/admin/products/import".into(),
        ] {
            let res = client.get(&path).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{roles:?} {path}");
            assert!(res.text("main").contains("administrators"), "{}", res.body);
        }
        let before = (count(&app, "products"), count(&app, "catalogs"));
        let res = post_pairs(
            &client,
            "/admin/products",
            &product_fields("NEW-1", "New", &[]),
        )
        .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = client.post("/admin/catalogs", &[("name", "Sneaky")]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = client
            .post(
                &format!("/admin/catalogs/{standard}/products"),
                &[("skus", "VLV-100")],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = upload(
            &client,
            &[(
                "products.csv",
                "sku,name,description,unit,active,catalogs,customers\nX-1,X,,,true,,\n",
            )],
        )
        .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert_eq!((count(&app, "products"), count(&app, "catalogs")), before);
        assert_eq!(count(&app, "catalog_products"), 0);
    }
    // The administrator reaches every one, and the navigation leads there.
    for path in [
        "/admin/catalogs".to_string(),
        format!("/admin/catalogs/{standard}"),
        "/admin/products".into(),
        "/admin/products/new".into(),
        format!("/admin/products/{}", p.id),
        "/admin/products/import".into(),
    ] {
        let res = app.get(&path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
    }
    let page = app.get("/admin/products").await;
    assert_eq!(
        page.attr("nav[aria-label=Administration] a[aria-current]", "href")
            .as_deref(),
        Some("/admin/products")
    );
}

#[actix_web::test]
async fn staff_read_a_customers_catalogs_and_products_but_only_editors_change_them() {
    let app = signed_in(&[Role::Staff]).await;
    let c = app.create_customer("Readonly Ltd", Some("C-900001"));
    let standard = catalog(&app, "Standard catalog");
    let spec = make_product(&app, "SP-1", "Special", true, &[], &[]);
    let page = app.get(&format!("/customers/{}/catalogs", c.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.attr(".tabs a[aria-current=page]", "href"),
        Some(format!("/customers/{}/catalogs", c.id))
    );
    assert!(
        page.text(".notice")
            .contains("administrators and digital administrators")
    );
    assert!(page.texts("main form").is_empty(), "no forms for staff");
    for (path, fields) in [
        (
            format!("/customers/{}/catalogs/{standard}/enabled", c.id),
            vec![],
        ),
        (
            format!("/customers/{}/products", c.id),
            vec![("skus", "SP-1")],
        ),
        (
            format!("/customers/{}/stock-locations", c.id),
            vec![("stores", "1")],
        ),
    ] {
        let res = app.post(&path, &fields).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    give_specific(&app, c.id, spec.id);
    let res = app
        .delete(&format!("/customers/{}/products/{}", c.id, spec.id), &[])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "customer_catalogs"), 0);
    assert_eq!(count(&app, "customer_products"), 1);
    assert_eq!(count(&app, "customer_stock_locations"), 0);

    // A digital administrator and an administrator may.
    for (email, role) in [
        ("dana@example.com", Role::DigitalAdmin),
        ("adam@example.com", Role::Admin),
    ] {
        let editor = other(&app, email, &[role]).await;
        let page = editor.get(&format!("/customers/{}/catalogs", c.id)).await;
        assert!(!page.texts("main form").is_empty());
        let res = editor
            .post(
                &format!("/customers/{}/catalogs/{standard}/enabled", c.id),
                &[],
            )
            .await;
        res.assert_redirect_to(&format!("/customers/{}/catalogs", c.id));
        let res = editor
            .delete(
                &format!("/customers/{}/catalogs/{standard}/enabled", c.id),
                &[],
            )
            .await;
        res.assert_redirect_to(&format!("/customers/{}/catalogs", c.id));
    }
}

// Products ----------------------------------------------------------------------------------------

#[actix_web::test]
async fn a_product_is_added_with_prices_and_stock_found_by_sku_or_name_and_changed() {
    let app = signed_in_admin().await;
    let (retail, trade) = (price_list(&app, "Retail"), price_list(&app, "Trade"));
    let (main, north) = (store(&app, "MAIN"), store(&app, "NORTH"));
    let form = app.get("/admin/products/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.attr("#unit", "value").as_deref(), Some("each"));
    assert!(form.attr(&format!("#price-{retail}"), "name").is_some());
    assert!(form.attr(&format!("#stock-{north}"), "name").is_some());
    let res = post_pairs(
        &app,
        "/admin/products",
        &product_fields(
            "vlv-100",
            "Brass ball valve ½″",
            &[
                ("description".into(), "Lead-free brass.\nPN 25.".into()),
                ("unit".into(), "box of 12".into()),
                (format!("price-{retail}"), "1,234.5".into()),
                (format!("price-{trade}"), "999".into()),
                (format!("stock-{main}"), "1,200".into()),
                (format!("stock-{north}"), "0".into()),
            ],
        ),
    )
    .await;
    let p = product_by_sku(&app, "vlv-100").expect("the product was added");
    res.assert_redirect_to(&format!("/admin/products/{}", p.id));
    assert_eq!(p.unit, "box of 12");
    assert_eq!(p.description.as_deref(), Some("Lead-free brass.\nPN 25."));
    assert!(p.active && !p.specific);
    assert_eq!(
        prices_of(&app, p.id),
        vec![(retail, 123450), (trade, 99900)]
    );
    assert_eq!(stock_of(&app, p.id), vec![(main, 1200), (north, 0)]);

    // Found by a fragment of the SKU or of the name, in any case.
    make_product(&app, "PMP-7", "Circulation pump", false, &[], &[]);
    for q in ["VLV", "ball VALVE", "lv-1"] {
        let list = app
            .get(&format!("/admin/products?q={}", q.replace(' ', "+")))
            .await;
        assert_eq!(list.texts("tbody td[data-label=SKU]"), ["vlv-100"], "{q}");
    }
    let list = app.get("/admin/products").await;
    assert_eq!(list.texts("tbody td[data-label=SKU]"), ["PMP-7", "vlv-100"]);
    assert_eq!(
        list.text("tbody tr:nth-child(2) td[data-label=Offered]"),
        "Public · 0 catalogs"
    );

    // Changed: a new price, a price removed, stock cleared, deactivated.
    let edit = app.get(&format!("/admin/products/{}", p.id)).await;
    assert_eq!(
        edit.attr(&format!("#price-{retail}"), "value").as_deref(),
        Some("1,234.50")
    );
    let version = edit.attr("input[name=lock_version]", "value").unwrap();
    let res = post_pairs(
        &app,
        &format!("/admin/products/{}", p.id),
        &[
            ("lock_version".to_string(), version.clone()),
            ("sku".into(), "VLV-100".into()),
            ("name".into(), "Brass ball valve".into()),
            ("unit".into(), "box of 12".into()),
            ("visibility".into(), "public".into()),
            (format!("price-{retail}"), "10.00".into()),
            (format!("price-{trade}"), "".into()),
            (format!("stock-{main}"), "5".into()),
            (format!("stock-{north}"), "".into()),
        ],
    )
    .await;
    res.assert_redirect_to(&format!("/admin/products/{}", p.id));
    let now = Product::find(&mut app.conn(), p.id).unwrap();
    assert_eq!(now.sku, "VLV-100");
    assert!(!now.active, "an unticked box deactivates");
    assert_eq!(now.description, None);
    assert_eq!(now.lock_version, p.lock_version + 1);
    assert_eq!(prices_of(&app, p.id), vec![(retail, 1000)]);
    assert_eq!(stock_of(&app, p.id), vec![(main, 5)]);
    assert!(flash(&app.get(&format!("/admin/products/{}", p.id)).await).contains("was saved"));
}

#[actix_web::test]
async fn bad_product_input_is_named_beside_each_field_and_nothing_is_written() {
    let app = signed_in_admin().await;
    let retail = price_list(&app, "Retail");
    let main = store(&app, "MAIN");
    make_product(&app, "TAKEN-1", "Existing", false, &[(retail, "5")], &[]);
    let before = (
        count(&app, "products"),
        count(&app, "product_prices"),
        count(&app, "product_stock"),
    );
    let res = post_pairs(
        &app,
        "/admin/products",
        &[
            ("sku".to_string(), "bad sku".to_string()),
            ("name".into(), "  ".into()),
            ("unit".into(), "".into()),
            ("visibility".into(), "public".into()),
            (format!("price-{retail}"), "-3".into()),
            (format!("stock-{main}"), "2.5".into()),
        ],
    )
    .await;
    assert_field_error(&res, "sku", "letters, digits");
    assert_field_error(&res, "name", "Enter a name");
    assert_field_error(&res, "unit", "Enter the unit");
    assert_field_error(&res, &format!("price-{retail}"), "cannot be negative");
    assert_field_error(&res, &format!("stock-{main}"), "whole number");
    assert!(res.text(".form-problem").contains("was not saved"));
    assert_eq!(
        res.attr(&format!("#price-{retail}"), "value").as_deref(),
        Some("-3"),
        "what was sent is kept"
    );

    // A SKU is unique whatever its case; a price has at most two decimals.
    let res = post_pairs(
        &app,
        "/admin/products",
        &product_fields(
            "taken-1",
            "Again",
            &[(format!("price-{retail}"), "1.234".into())],
        ),
    )
    .await;
    assert_field_error(&res, "sku", "already used by “Existing”");
    assert_field_error(&res, &format!("price-{retail}"), "two decimals");
    assert_eq!(
        (
            count(&app, "products"),
            count(&app, "product_prices"),
            count(&app, "product_stock")
        ),
        before,
        "nothing half-written"
    );
}

#[actix_web::test]
async fn a_save_from_an_out_of_date_product_form_is_a_409_and_overwrites_nothing() {
    let app = signed_in_admin().await;
    let retail = price_list(&app, "Retail");
    let p = make_product(
        &app,
        "OLD-1",
        "Original name",
        false,
        &[(retail, "10")],
        &[],
    );
    let mine = app.get(&format!("/admin/products/{}", p.id)).await;
    let my_version = mine.attr("input[name=lock_version]", "value").unwrap();

    // Someone else saves first.
    let colleague = other(&app, "cole@example.com", &[Role::Admin]).await;
    let theirs = colleague.get(&format!("/admin/products/{}", p.id)).await;
    let their_version = theirs.attr("input[name=lock_version]", "value").unwrap();
    assert_eq!(my_version, their_version);
    post_pairs(
        &colleague,
        &format!("/admin/products/{}", p.id),
        &[
            ("lock_version".to_string(), their_version),
            ("sku".into(), "OLD-1".into()),
            ("name".into(), "Their name".into()),
            ("unit".into(), "each".into()),
            ("active".into(), "true".into()),
            ("visibility".into(), "public".into()),
            (format!("price-{retail}"), "12".into()),
        ],
    )
    .await
    .assert_redirect_to(&format!("/admin/products/{}", p.id));

    // My save, from the form loaded before theirs, is refused.
    let res = post_pairs(
        &app,
        &format!("/admin/products/{}", p.id),
        &[
            ("lock_version".to_string(), my_version),
            ("sku".into(), "OLD-1".into()),
            ("name".into(), "My name".into()),
            ("unit".into(), "each".into()),
            ("active".into(), "true".into()),
            ("visibility".into(), "public".into()),
            (format!("price-{retail}"), "10".into()),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(
        res.text(".form-problem")
            .contains("someone else changed this product")
    );
    let rows = res.texts(".changed-meanwhile tbody tr");
    assert!(
        rows.contains(&"Name My name Their name".to_string()),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Price, Retail") && r.ends_with("10.00 12.00")),
        "{rows:?}"
    );
    // The form now holds what is saved, with the new version.
    assert_eq!(res.attr("#name", "value").as_deref(), Some("Their name"));
    let now = Product::find(&mut app.conn(), p.id).unwrap();
    assert_eq!(now.name, "Their name");
    assert_eq!(
        res.attr("input[name=lock_version]", "value"),
        Some(now.lock_version.to_string())
    );
    assert_eq!(prices_of(&app, p.id), vec![(retail, 1200)]);

    // A form without its version cannot be read.
    let res = post_pairs(
        &app,
        &format!("/admin/products/{}", p.id),
        &product_fields("OLD-1", "X", &[]),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn a_product_changes_kind_only_once_its_links_of_the_other_kind_are_gone() {
    let app = signed_in_admin().await;
    let standard = catalog(&app, "Standard catalog");
    let p = make_product(&app, "KIND-1", "Public now", false, &[], &[]);
    put_in_catalog(&app, standard, p.id);
    let save = |specific: bool, version: i32| {
        let fields = vec![
            ("lock_version".to_string(), version.to_string()),
            ("sku".into(), "KIND-1".into()),
            ("name".into(), "Public now".into()),
            ("unit".into(), "each".into()),
            ("active".into(), "true".into()),
            (
                "visibility".into(),
                if specific { "specific" } else { "public" }.into(),
            ),
        ];
        let app = &app;
        async move { post_pairs(app, &format!("/admin/products/{}", p.id), &fields).await }
    };
    let res = save(true, 0).await;
    assert_field_error(
        &res,
        "visibility",
        "in the catalog “Standard catalog”. Remove it from it first",
    );
    assert!(!Product::find(&mut app.conn(), p.id).unwrap().specific);

    // Out of the catalog, it can become specific; given to a customer, it cannot go back.
    app.delete(
        &format!("/admin/catalogs/{standard}/products/{}", p.id),
        &[],
    )
    .await
    .assert_redirect_to(&format!("/admin/catalogs/{standard}"));
    save(true, 0)
        .await
        .assert_redirect_to(&format!("/admin/products/{}", p.id));
    assert!(Product::find(&mut app.conn(), p.id).unwrap().specific);
    let c = app.create_customer("Kind Customer", Some("C-900002"));
    give_specific(&app, c.id, p.id);
    let res = save(false, 1).await;
    assert_field_error(&res, "visibility", "is made for “Kind Customer (C-900002)”");
    // And the database itself refuses a specific product in a catalog.
    let direct = diesel::insert_into(catalog_products::table)
        .values((
            catalog_products::catalog_id.eq(standard),
            catalog_products::product_id.eq(p.id),
        ))
        .execute(&mut app.conn());
    assert!(direct.is_err(), "a specific product cannot be in a catalog");
}

#[actix_web::test]
async fn missing_products_and_catalogs_are_404_pages() {
    let app = signed_in_admin().await;
    for path in [
        "/admin/products/987654",
        "/admin/catalogs/987654",
        "/admin/products/abc",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(res.text(".error-page").contains("nothing at this address"));
    }
    let res = post_pairs(
        &app,
        "/admin/products/987654",
        &[("lock_version".to_string(), "0".to_string())],
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post(
            "/admin/catalogs/987654",
            &[("name", "X"), ("lock_version", "0")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post("/admin/catalogs/987654/products", &[("skus", "A")])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let c = app.create_customer("Four Oh Four", None);
    let res = app
        .post(&format!("/customers/{}/catalogs/987654/enabled", c.id), &[])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/customers/987654/catalogs").await.status,
        StatusCode::NOT_FOUND
    );
}

// Catalogs ----------------------------------------------------------------------------------------

#[actix_web::test]
async fn catalogs_are_added_renamed_switched_and_filled_by_sku() {
    let app = signed_in_admin().await;
    let list = app.get("/admin/catalogs").await;
    assert_eq!(
        list.texts("tbody td[data-label=Name]"),
        ["Clearance catalog", "Standard catalog", "Trade catalog"]
    );
    let res = app
        .post("/admin/catalogs", &[("name", "standard CATALOG")])
        .await;
    assert_field_error(&res, "name", "already a catalog called “Standard catalog”");
    let res = app.post("/admin/catalogs", &[("name", " ")]).await;
    assert_field_error(&res, "name", "Enter a name");
    let res = app
        .post("/admin/catalogs", &[("name", "Spring 2027")])
        .await;
    let id = catalog(&app, "Spring 2027");
    res.assert_redirect_to(&format!("/admin/catalogs/{id}"));

    // Filled by SKU, in any case and separated any way; unknown or specific SKUs add nothing.
    make_product(&app, "A-1", "Alpha", false, &[], &[]);
    make_product(&app, "B-2", "Beta", false, &[], &[]);
    make_product(&app, "S-3", "Special", true, &[], &[]);
    let res = app
        .post(
            &format!("/admin/catalogs/{id}/products"),
            &[("skus", "a-1, NOPE-9 b-2")],
        )
        .await;
    assert_field_error(&res, "skus", "No product has the SKU NOPE-9");
    assert_eq!(
        res.text("#skus"),
        "a-1, NOPE-9 b-2",
        "what was typed is kept"
    );
    let res = app
        .post(
            &format!("/admin/catalogs/{id}/products"),
            &[("skus", "a-1 S-3")],
        )
        .await;
    assert_field_error(&res, "skus", "S-3 is a customer-specific product");
    assert_eq!(count(&app, "catalog_products"), 0);
    app.post(
        &format!("/admin/catalogs/{id}/products"),
        &[("skus", "a-1\nb-2")],
    )
    .await
    .assert_redirect_to(&format!("/admin/catalogs/{id}"));
    let page = app.get(&format!("/admin/catalogs/{id}")).await;
    assert!(flash(&page).contains("Added 2 products: A-1, B-2"));
    assert_eq!(page.texts("tbody td[data-label=SKU]"), ["A-1", "B-2"]);
    app.post(
        &format!("/admin/catalogs/{id}/products"),
        &[("skus", "A-1")],
    )
    .await;
    assert!(
        flash(&app.get(&format!("/admin/catalogs/{id}")).await)
            .contains("Already in the catalog: A-1")
    );
    let list = app.get("/admin/catalogs").await;
    assert!(
        list.texts("tbody tr")
            .contains(&"Spring 2027 Active 2 0".to_string()),
        "{:?}",
        list.texts("tbody tr")
    );
    let found = app.get(&format!("/admin/catalogs/{id}?q=bet")).await;
    assert_eq!(found.texts("tbody td[data-label=SKU]"), ["B-2"]);

    // Renamed and switched off with the version the page was loaded at.
    let page = app.get(&format!("/admin/catalogs/{id}")).await;
    let version = page.attr("input[name=lock_version]", "value").unwrap();
    app.post(
        &format!("/admin/catalogs/{id}"),
        &[("name", "Spring range"), ("lock_version", &version)],
    )
    .await
    .assert_redirect_to(&format!("/admin/catalogs/{id}"));
    let res = app
        .post(
            &format!("/admin/catalogs/{id}/active"),
            &[("active", "false"), ("lock_version", &version)],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "a stale form");
    assert!(
        res.text(".error-page")
            .contains("Someone else changed this catalog")
    );
    assert!(res.text(".error-page").contains("“Spring range”"));
    let fresh = app.get(&format!("/admin/catalogs/{id}")).await;
    let version = fresh.attr("input[name=lock_version]", "value").unwrap();
    app.post(
        &format!("/admin/catalogs/{id}/active"),
        &[("active", "false"), ("lock_version", &version)],
    )
    .await
    .assert_redirect_to(&format!("/admin/catalogs/{id}"));
    let (name, active): (String, bool) = catalogs::table
        .find(id)
        .select((catalogs::name, catalogs::active))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((name.as_str(), active), ("Spring range", false));
    let res = app
        .post(
            &format!("/admin/catalogs/{id}"),
            &[("name", "Trade Catalog"), ("lock_version", "2")],
        )
        .await;
    assert_field_error(&res, "name", "already a catalog called “Trade catalog”");

    // Taken out again.
    let a = product_by_sku(&app, "A-1").unwrap();
    app.delete(&format!("/admin/catalogs/{id}/products/{}", a.id), &[])
        .await;
    assert_eq!(count(&app, "catalog_products"), 1);
}

#[actix_web::test]
async fn a_catalog_that_a_customer_with_ordering_relies_on_stays_active() {
    let app = signed_in_admin().await;
    let trade = catalog(&app, "Trade catalog");
    let standard = catalog(&app, "Standard catalog");
    let c = app.create_customer("Orders Daily GmbH", Some("C-900003"));
    enable_catalog(&app, c.id, trade);
    ordering_active(&app, c.id);
    let res = app
        .post(
            &format!("/admin/catalogs/{trade}/active"),
            &[("active", "false"), ("lock_version", "0")],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.text(".error-page").contains(
        "only active catalog of 1 customer with ordering active: Orders Daily GmbH (C-900003)"
    ));
    assert!(
        catalogs::table
            .find(trade)
            .select(catalogs::active)
            .first::<bool>(&mut app.conn())
            .unwrap()
    );
    // With another active catalog it can go.
    enable_catalog(&app, c.id, standard);
    app.post(
        &format!("/admin/catalogs/{trade}/active"),
        &[("active", "false"), ("lock_version", "0")],
    )
    .await
    .assert_redirect_to(&format!("/admin/catalogs/{trade}"));
}

// The import --------------------------------------------------------------------------------------

const PRODUCTS_CSV: &str = "sku,name,description,unit,active,catalogs,customers
VLV-100,Brass valve,\"Lead-free, PN 25\",each,true,Standard catalog|trade CATALOG,
PMP-7,Circulation pump,,,true,Trade catalog,
OLD-9,Retired fitting,,box of 10,false,,
SPC-1,Custom manifold,Made to order,each,true,,C-900010|C-900011
";

const PRICES_CSV: &str = "sku,price_list,price
VLV-100,Retail,12.50
vlv-100,Trade,9.99
PMP-7,Retail,249
SPC-1,trade,1000.00
";

const STOCK_CSV: &str = "sku,store_code,quantity
VLV-100,MAIN,120
VLV-100,north,0
PMP-7,SOUTH,7
";

#[actix_web::test]
async fn the_import_writes_products_prices_and_stock_and_a_second_run_changes_nothing() {
    let app = signed_in_admin().await;
    let a = app.create_customer("First Special", Some("C-900010"));
    let b = app.create_customer("Second Special", Some("C-900011"));
    let page = app.get("/admin/products/import").await;
    assert!(
        page.text("#format-heading + p + ul")
            .contains("sku,name,description,unit,active,catalogs,customers")
    );
    let res = upload(
        &app,
        &[
            ("product_stock.csv", STOCK_CSV),
            ("products.csv", PRODUCTS_CSV),
            ("product_prices.csv", PRICES_CSV),
        ],
    )
    .await;
    res.assert_redirect_to("/admin/products/import");
    let done = app.get("/admin/products/import").await;
    assert_eq!(
        flash(&done),
        "Imported. products.csv: 4 rows, 4 added, 0 changed, 0 unchanged; product_prices.csv: 4 rows, 4 added, 0 changed, 0 unchanged; product_stock.csv: 3 rows, 3 added, 0 changed, 0 unchanged."
    );
    let valve = product_by_sku(&app, "VLV-100").unwrap();
    assert_eq!(valve.description.as_deref(), Some("Lead-free, PN 25"));
    let retired = product_by_sku(&app, "OLD-9").unwrap();
    assert!(!retired.active);
    assert_eq!(retired.unit, "box of 10");
    assert_eq!(
        product_by_sku(&app, "PMP-7").unwrap().unit,
        "each",
        "an empty unit is each"
    );
    let special = product_by_sku(&app, "SPC-1").unwrap();
    assert!(special.specific);
    assert_eq!(
        Product::catalog_names(&mut app.conn(), valve.id).unwrap(),
        ["Standard catalog", "Trade catalog"]
    );
    assert_eq!(
        Product::customers(&mut app.conn(), special.id)
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [a.id, b.id]
    );
    let (retail, trade) = (price_list(&app, "Retail"), price_list(&app, "Trade"));
    assert_eq!(
        prices_of(&app, valve.id),
        vec![(retail, 1250), (trade, 999)]
    );
    assert_eq!(prices_of(&app, special.id), vec![(trade, 100000)]);
    assert_eq!(
        stock_of(&app, valve.id),
        vec![(store(&app, "MAIN"), 120), (store(&app, "NORTH"), 0)]
    );
    let specific_history = history(&app, a.id, "product");
    assert_eq!(specific_history.len(), 1);
    assert_eq!(specific_history[0].1, "enable");
    assert_eq!(
        specific_history[0].4.as_deref(),
        Some("SPC-1 Custom manifold")
    );

    // Again: nothing changes, not even a version.
    let versions = |app: &TestApp| -> Vec<(String, i32)> {
        products::table
            .order(products::sku)
            .select((products::sku, products::lock_version))
            .load(&mut app.conn())
            .unwrap()
    };
    let before = versions(&app);
    upload(
        &app,
        &[
            ("products.csv", PRODUCTS_CSV),
            ("product_prices.csv", PRICES_CSV),
            ("product_stock.csv", STOCK_CSV),
        ],
    )
    .await
    .assert_redirect_to("/admin/products/import");
    assert_eq!(
        flash(&app.get("/admin/products/import").await),
        "Imported. products.csv: 4 rows, 0 added, 0 changed, 4 unchanged; product_prices.csv: 4 rows, 0 added, 0 changed, 4 unchanged; product_stock.csv: 3 rows, 0 added, 0 changed, 3 unchanged."
    );
    assert_eq!(versions(&app), before);
    assert_eq!(history(&app, a.id, "product").len(), 1);

    // A change: a new price, an emptied price and stock, a product moved between catalogs and
    // made specific to one customer only.
    let products2 = "sku,name,description,unit,active,catalogs,customers
VLV-100,Brass valve,\"Lead-free, PN 25\",each,true,Trade catalog,
SPC-1,Custom manifold,Made to order,each,true,,C-900011
";
    let prices2 = "sku,price_list,price\nVLV-100,Retail,13.00\nVLV-100,Trade,\n";
    let stock2 = "sku,store_code,quantity\nVLV-100,NORTH,\n";
    upload(
        &app,
        &[
            ("products.csv", products2),
            ("product_prices.csv", prices2),
            ("product_stock.csv", stock2),
        ],
    )
    .await
    .assert_redirect_to("/admin/products/import");
    assert_eq!(
        flash(&app.get("/admin/products/import").await),
        "Imported. products.csv: 2 rows, 0 added, 2 changed, 0 unchanged; product_prices.csv: 2 rows, 0 added, 2 changed, 0 unchanged; product_stock.csv: 1 rows, 0 added, 1 changed, 0 unchanged."
    );
    assert_eq!(
        Product::catalog_names(&mut app.conn(), valve.id).unwrap(),
        ["Trade catalog"]
    );
    assert_eq!(prices_of(&app, valve.id), vec![(retail, 1300)]);
    assert_eq!(stock_of(&app, valve.id), vec![(store(&app, "MAIN"), 120)]);
    assert_eq!(
        Product::customers(&mut app.conn(), special.id)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(history(&app, a.id, "product").last().unwrap().1, "disable");
    assert!(
        Product::find(&mut app.conn(), valve.id)
            .unwrap()
            .lock_version
            > valve.lock_version,
        "an open form of it goes stale"
    );
}

#[actix_web::test]
async fn a_bad_line_stops_the_whole_upload_with_its_file_and_line_and_writes_nothing() {
    let app = signed_in_admin().await;
    app.create_customer("First Special", Some("C-900010"));
    app.create_customer("Second Special", Some("C-900011"));
    let bad_prices = "sku,price_list,price\nVLV-100,Retail,12.50\nPMP-7,Retail,12,50\n";
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![
                ("products.csv", PRODUCTS_CSV),
                (
                    "product_prices.csv",
                    "sku,price_list,price\nVLV-100,Retail,12.50\nPMP-7,Export,3\n",
                ),
            ],
            "product_prices.csv, line 3: price_list 'Export' does not exist",
        ),
        (
            vec![
                ("products.csv", PRODUCTS_CSV),
                ("product_prices.csv", bad_prices),
            ],
            "product_prices.csv, line 3: 4 fields where the header has 3",
        ),
        (
            vec![(
                "products.csv",
                "sku,name,description,unit,active,catalogs,customers\nA-1,Alpha,,,true,,\nBAD SKU,Beta,,,true,,\n",
            )],
            "products.csv, line 3: sku 'BAD SKU' is not a SKU",
        ),
        (
            vec![(
                "products.csv",
                "sku,name,description,unit,active,catalogs,customers\nA-1,Alpha,,,true,,\na-1,Alpha again,,,true,,\n",
            )],
            "products.csv, line 3: sku 'a-1' appears twice (first on line 2",
        ),
        (
            vec![(
                "products.csv",
                "sku,name,description,unit,active,catalogs,customers\nA-1,Alpha,,,yes,,\n",
            )],
            "products.csv, line 2: active 'yes' is not one of true, false",
        ),
        (
            vec![(
                "products.csv",
                "sku,name,description,unit,active,catalogs,customers\nA-1,Alpha,,,true,Standard catalog|Summer,\n",
            )],
            "products.csv, line 2: catalog 'Summer' does not exist",
        ),
        (
            vec![(
                "products.csv",
                "sku,name,description,unit,active,catalogs,customers\nA-1,Alpha,,,true,,C-900010|C-404\n",
            )],
            "products.csv, line 2: customer account number 'C-404' does not exist",
        ),
        (
            vec![(
                "products.csv",
                "sku,name,description,unit,active,catalogs,customers\nA-1,Alpha,,,true,Trade catalog,C-900010\n",
            )],
            "products.csv, line 2: a product is offered either through catalogs or to specific customers",
        ),
        (
            vec![
                ("products.csv", PRODUCTS_CSV),
                (
                    "product_stock.csv",
                    "sku,store_code,quantity\nVLV-100,MAIN,1\nNOPE-1,MAIN,2\n",
                ),
            ],
            "product_stock.csv, line 3: sku 'NOPE-1' is not a known product",
        ),
        (
            vec![
                ("products.csv", PRODUCTS_CSV),
                (
                    "product_stock.csv",
                    "sku,store_code,quantity\nVLV-100,MAIN,1\nVLV-100,EAST,2\n",
                ),
            ],
            "product_stock.csv, line 3: store_code 'EAST' is not a store",
        ),
        (
            vec![
                ("products.csv", PRODUCTS_CSV),
                (
                    "product_stock.csv",
                    "sku,store_code,quantity\nVLV-100,MAIN,-1\n",
                ),
            ],
            "product_stock.csv, line 2: quantity '-1' is not a whole number",
        ),
        (
            vec![
                ("products.csv", PRODUCTS_CSV),
                (
                    "product_stock.csv",
                    "sku,store_code,quantity\nVLV-100,MAIN,1\nvlv-100,main,2\n",
                ),
            ],
            "product_stock.csv, line 3: the stock of vlv-100 at main is given twice (first on line 2)",
        ),
        (
            vec![("products.csv", "sku,name,unit\nA-1,Alpha,each\n")],
            "products.csv, line 1: the header must be exactly: sku,name,description,unit,active,catalogs,customers",
        ),
        (
            vec![("prices.csv", "sku,price_list,price\n")],
            "“prices.csv” is not a file of the product import",
        ),
    ];
    for (files, message) in cases {
        let res = upload(&app, &files).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}: {}",
            res.body
        );
        let shown = res.text("#files-error");
        assert!(
            shown.contains(message),
            "{shown:?} should contain {message:?}"
        );
        if message.contains("line") {
            assert!(
                shown.ends_with("Nothing from this upload was imported."),
                "{shown}"
            );
        }
        for table in [
            "products",
            "product_prices",
            "product_stock",
            "catalog_products",
            "customer_products",
        ] {
            assert_eq!(count(&app, table), 0, "{table} after {message}");
        }
    }
}

#[actix_web::test]
async fn five_thousand_products_with_prices_and_stock_import_in_one_upload() {
    let app = signed_in_admin().await;
    let mut products = String::from("sku,name,description,unit,active,catalogs,customers\n");
    let mut prices = String::from("sku,price_list,price\n");
    let mut stock = String::from("sku,store_code,quantity\n");
    for i in 0..5000 {
        let catalog = [
            "Standard catalog",
            "Trade catalog",
            "Clearance catalog|Standard catalog",
        ][i % 3];
        products.push_str(&format!(
            "P-{i:05},Product number {i},\"A product, number {i}\",each,true,{catalog},\n"
        ));
        prices.push_str(&format!(
            "P-{i:05},Retail,{}.{:02}\nP-{i:05},Trade,{}.00\n",
            i,
            i % 100,
            i / 2
        ));
        stock.push_str(&format!("P-{i:05},MAIN,{}\n", i % 50));
    }
    let started = std::time::Instant::now();
    let res = upload(
        &app,
        &[
            ("products.csv", &products),
            ("product_prices.csv", &prices),
            ("product_stock.csv", &stock),
        ],
    )
    .await;
    let first = started.elapsed();
    res.assert_redirect_to("/admin/products/import");
    assert_eq!(count(&app, "products"), 5000);
    assert_eq!(count(&app, "product_prices"), 10000);
    assert_eq!(count(&app, "product_stock"), 5000);
    assert_eq!(count(&app, "catalog_products"), 5000 + 5000 / 3);
    let started = std::time::Instant::now();
    upload(
        &app,
        &[
            ("products.csv", &products),
            ("product_prices.csv", &prices),
            ("product_stock.csv", &stock),
        ],
    )
    .await
    .assert_redirect_to("/admin/products/import");
    let again = started.elapsed();
    assert!(
        flash(&app.get("/admin/products/import").await)
            .contains("products.csv: 5,000 rows, 0 added, 0 changed, 5,000 unchanged")
    );
    println!("5,000 products: first import {first:?}, again {again:?}");
    let list = app.get("/admin/products?q=number+4999").await;
    assert_eq!(list.texts("tbody td[data-label=SKU]"), ["P-04999"]);
    let page2 = app.get("/admin/products?page=2").await;
    assert_eq!(page2.texts("tbody tr").len(), 50);
    assert_eq!(page2.text("tbody td[data-label=SKU]"), "P-00050");
    assert_eq!(
        page2.attr(".pager a[rel=next]", "href").as_deref(),
        Some("/admin/products?page=3")
    );
}

// A customer's Catalogs and products tab --------------------------------------------------------

#[actix_web::test]
async fn a_customers_catalogs_specific_products_and_stock_locations_are_kept_with_their_history() {
    let app = signed_in(&[Role::DigitalAdmin]).await;
    let me =
        clientele::models::access::staff::Staff::find_by_email(&mut app.conn(), "ada@example.com")
            .unwrap()
            .unwrap();
    let c = app.create_customer("Tabbed Traders", Some("C-900020"));
    let (standard, clearance) = (
        catalog(&app, "Standard catalog"),
        catalog(&app, "Clearance catalog"),
    );
    let tab = format!("/customers/{}/catalogs", c.id);
    let page = app.get(&tab).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.texts("table.catalog-choices tbody th"),
        ["Clearance catalog", "Standard catalog", "Trade catalog"]
    );
    assert!(
        page.attr("main form input[name=csrf_token]", "value")
            .is_some_and(|t| !t.is_empty())
    );

    app.post(&format!("{tab}/{standard}/enabled"), &[])
        .await
        .assert_redirect_to(&tab);
    app.post(
        &format!("/customers/{}/catalogs/{clearance}/enabled", c.id),
        &[],
    )
    .await
    .assert_redirect_to(&tab);
    let page = app.get(&tab).await;
    assert!(
        page.texts(".flash")
            .iter()
            .any(|f| f.contains("“Clearance catalog” is enabled"))
    );
    assert_eq!(
        page.texts("table.catalog-choices td[data-label='For this customer'] .badge"),
        ["Enabled", "Enabled", "Not enabled"]
    );
    app.delete(
        &format!("/customers/{}/catalogs/{clearance}/enabled", c.id),
        &[],
    )
    .await
    .assert_redirect_to(&tab);
    let enabled: Vec<i64> = customer_catalogs::table
        .filter(customer_catalogs::customer_id.eq(c.id))
        .select(customer_catalogs::catalog_id)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(enabled, [standard]);
    let catalog_history = history(&app, c.id, "catalog");
    assert_eq!(
        catalog_history
            .iter()
            .map(|h| (h.1.as_str(), h.3.clone().or(h.4.clone()).unwrap()))
            .collect::<Vec<_>>(),
        [
            ("enable", "Standard catalog".to_string()),
            ("enable", "Clearance catalog".into()),
            ("disable", "Clearance catalog".into())
        ]
    );
    assert!(
        catalog_history.iter().all(|h| h.5 == Some(me.id)),
        "signed by who did it"
    );

    // A deactivated catalog cannot be enabled.
    diesel::update(catalogs::table.find(clearance))
        .set(catalogs::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    let res = app
        .post(
            &format!("/customers/{}/catalogs/{clearance}/enabled", c.id),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.text(".error-page").contains("deactivated"));

    // Specific products by SKU.
    let s1 = make_product(&app, "CUST-1", "Custom one", true, &[], &[]);
    make_product(&app, "CUST-2", "Custom two", true, &[], &[]);
    make_product(&app, "PUB-1", "Public one", false, &[], &[]);
    let res = app
        .post(
            &format!("/customers/{}/products", c.id),
            &[("skus", "cust-1 PUB-1")],
        )
        .await;
    assert_field_error(&res, "skus", "PUB-1 is a public product");
    assert_eq!(res.attr("#skus", "value").as_deref(), Some("cust-1 PUB-1"));
    let res = app
        .post(&format!("/customers/{}/products", c.id), &[("skus", "")])
        .await;
    assert_field_error(&res, "skus", "Enter one SKU or several");
    assert_eq!(count(&app, "customer_products"), 0);
    app.post(
        &format!("/customers/{}/products", c.id),
        &[("skus", "cust-1, CUST-2")],
    )
    .await
    .assert_redirect_to(&tab);
    let page = app.get(&tab).await;
    assert!(flash(&page).contains("Added 2 products: CUST-1, CUST-2"));
    assert_eq!(
        page.text("#specific-heading"),
        "Customer-specific products (2)"
    );
    app.delete(&format!("/customers/{}/products/{}", c.id, s1.id), &[])
        .await
        .assert_redirect_to(&tab);
    let product_history = history(&app, c.id, "product");
    assert_eq!(product_history.len(), 3);
    assert_eq!(product_history[2].1, "disable");
    assert_eq!(product_history[2].3.as_deref(), Some("CUST-1 Custom one"));

    // Stock locations: exactly the ticked stores.
    let (main, north, south) = (
        store(&app, "MAIN"),
        store(&app, "NORTH"),
        store(&app, "SOUTH"),
    );
    app.post_form(
        &format!("/customers/{}/stock-locations", c.id),
        &[
            ("csrf_token", &app.csrf_token().await),
            ("stores", &main.to_string()),
            ("stores", &north.to_string()),
        ],
    )
    .await
    .assert_redirect_to(&tab);
    app.post(
        &format!("/customers/{}/stock-locations", c.id),
        &[
            ("stores", &south.to_string()),
            ("stores", &north.to_string()),
        ],
    )
    .await
    .assert_redirect_to(&tab);
    let page = app.get(&tab).await;
    assert_eq!(
        page.texts(".flash"),
        [
            "CUST-1 Custom one is no longer offered to this customer.",
            "Stock now shows at Main warehouse, North branch.",
            "Stock now shows at South branch. Stock no longer shows at Main warehouse."
        ]
    );
    let mut visible: Vec<i64> = customer_stock_locations::table
        .filter(customer_stock_locations::customer_id.eq(c.id))
        .select(customer_stock_locations::store_id)
        .load(&mut app.conn())
        .unwrap();
    visible.sort();
    assert_eq!(visible, {
        let mut v = vec![north, south];
        v.sort();
        v
    });
    assert_eq!(
        page.attr(&format!("#store-{south}"), "checked").as_deref(),
        Some("")
    );
    assert!(page.attr(&format!("#store-{main}"), "checked").is_none());
    assert_eq!(history(&app, c.id, "stock_location").len(), 4);
    let res = app
        .post(
            &format!("/customers/{}/stock-locations", c.id),
            &[("stores", "987654")],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);

    // The overview card and the history page say the same.
    let overview = app.get(&format!("/customers/{}", c.id)).await;
    assert_eq!(
        overview.texts("#assortment-heading + .facts dt"),
        ["Catalogs", "Specific products", "Stock shown at"]
    );
    assert_eq!(
        overview.texts("#assortment-heading + .facts dd"),
        ["Standard catalog", "1", "North branch, South branch"]
    );
    let all = app.get(&format!("/customers/{}/history", c.id)).await;
    assert!(all.body.contains("Catalog enabled"));
    assert!(all.body.contains("Specific product disabled"));
    assert!(all.body.contains("Stock location enabled"));
}

#[actix_web::test]
async fn the_last_catalog_cannot_be_disabled_while_ordering_is_active() {
    let app = signed_in(&[Role::DigitalAdmin]).await;
    let c = app.create_customer("Busy Buyer AG", Some("C-900030"));
    let (standard, trade) = (
        catalog(&app, "Standard catalog"),
        catalog(&app, "Trade catalog"),
    );
    enable_catalog(&app, c.id, standard);
    enable_catalog(&app, c.id, trade);
    ordering_active(&app, c.id);
    let tab = format!("/customers/{}/catalogs", c.id);
    assert!(
        app.get(&tab)
            .await
            .text("#catalogs-heading + p")
            .contains("Ordering is active")
    );
    app.delete(
        &format!("/customers/{}/catalogs/{trade}/enabled", c.id),
        &[],
    )
    .await
    .assert_redirect_to(&tab);
    let res = app
        .delete(
            &format!("/customers/{}/catalogs/{standard}/enabled", c.id),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    let message = res.text(".error-page");
    assert!(
        message.contains(
            "“Standard catalog” is the last catalog of Busy Buyer AG and ordering is active"
        ),
        "{message}"
    );
    assert!(message.contains("Switch ordering off first"), "{message}");
    let left: i64 = customer_catalogs::table
        .filter(customer_catalogs::customer_id.eq(c.id))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(left, 1, "nothing was changed");
    assert_eq!(
        history(&app, c.id, "catalog").len(),
        1,
        "only the first disable is in the history"
    );
    // With ordering off, it can go.
    diesel::update(customer_services::table.filter(customer_services::customer_id.eq(c.id)))
        .set(customer_services::status.eq("inactive"))
        .execute(&mut app.conn())
        .unwrap();
    app.delete(
        &format!("/customers/{}/catalogs/{standard}/enabled", c.id),
        &[],
    )
    .await
    .assert_redirect_to(&tab);
}

// The portal's model ------------------------------------------------------------------------------

/// A customer buying through `channel` with `discount_bp`.
fn buyer(
    app: &TestApp,
    name: &str,
    account: &str,
    channel_name: Option<&str>,
    discount_bp: i32,
) -> Customer {
    let c = app.create_customer(name, Some(account));
    diesel::update(customers::table.find(c.id))
        .set((
            customers::sales_channel_id.eq(channel_name.map(|n| channel(app, n))),
            customers::discount_bp.eq(discount_bp),
        ))
        .execute(&mut app.conn())
        .unwrap();
    Customer::find(&mut app.conn(), c.id).unwrap()
}

fn skus(rows: &[VisibleProduct]) -> Vec<(String, i64)> {
    rows.iter()
        .map(|r| (r.sku.clone(), r.customer_id))
        .collect()
}

fn visible(conn: &mut PgConnection, scope: &PortalScope) -> Vec<VisibleProduct> {
    portal_catalog::visible_products(conn, scope, None, 1, 200)
        .unwrap()
        .0
}

/// The portal scope of a user of `customer_id`, by the portal guard's own lookup.
fn scope(conn: &mut PgConnection, customer_id: i64) -> PortalScope {
    PortalScope::for_customer(conn, customer_id).unwrap()
}

#[actix_web::test]
async fn a_customer_sees_its_catalogs_active_products_and_its_own_specific_products_only() {
    let app = spawn_app().await;
    let (standard, trade, clearance) = (
        catalog(&app, "Standard catalog"),
        catalog(&app, "Trade catalog"),
        catalog(&app, "Clearance catalog"),
    );
    let a = buyer(&app, "Alpha Buyer", "C-900040", Some("Trade counter"), 0);
    let b = buyer(&app, "Beta Buyer", "C-900041", Some("Web shop"), 0);
    let in_standard = make_product(&app, "STD-1", "Standard thing", false, &[], &[]);
    let in_trade = make_product(&app, "TRD-1", "Trade thing", false, &[], &[]);
    let in_both = make_product(&app, "BTH-1", "Both thing", false, &[], &[]);
    let in_clearance = make_product(&app, "CLR-1", "Clearance thing", false, &[], &[]);
    let inactive = make_product(&app, "OFF-1", "Inactive thing", false, &[], &[]);
    diesel::update(products::table.find(inactive.id))
        .set(products::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    let for_a = make_product(&app, "SPA-1", "For Alpha", true, &[], &[]);
    let for_b = make_product(&app, "SPB-1", "For Beta", true, &[], &[]);
    put_in_catalog(&app, standard, in_standard.id);
    put_in_catalog(&app, standard, in_both.id);
    put_in_catalog(&app, standard, inactive.id);
    put_in_catalog(&app, trade, in_trade.id);
    put_in_catalog(&app, trade, in_both.id);
    put_in_catalog(&app, clearance, in_clearance.id);
    enable_catalog(&app, a.id, standard);
    enable_catalog(&app, a.id, trade);
    enable_catalog(&app, a.id, clearance);
    enable_catalog(&app, b.id, trade);
    give_specific(&app, a.id, for_a.id);
    give_specific(&app, b.id, for_b.id);
    // Clearance is switched off: its products show to nobody through it.
    diesel::update(catalogs::table.find(clearance))
        .set(catalogs::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();

    // A master customer of both, whose users see the two (and nothing of its own).
    let master = app.create_customer("Master Buyer", None);
    diesel::update(customers::table.filter(customers::id.eq_any([a.id, b.id])))
        .set(customers::master_id.eq(master.id))
        .execute(&mut app.conn())
        .unwrap();

    let mut pooled = app.conn();
    let conn: &mut PgConnection = &mut pooled;
    let (of_a, of_b, of_master) = (scope(conn, a.id), scope(conn, b.id), scope(conn, master.id));
    let (rows, total) = portal_catalog::visible_products(conn, &of_a, None, 1, 50).unwrap();
    assert_eq!(
        skus(&rows),
        [
            ("BTH-1".to_string(), a.id),
            ("SPA-1".into(), a.id),
            ("STD-1".into(), a.id),
            ("TRD-1".into(), a.id)
        ],
        "by name; a product in two catalogs once; the inactive product and the switched-off catalog's not at all"
    );
    assert_eq!(total, 4);
    assert!(rows.iter().all(|r| r.customer_name == "Alpha Buyer"));
    assert!(rows.iter().find(|r| r.sku == "SPA-1").unwrap().specific);
    assert!(
        !skus(&rows).iter().any(|(s, _)| s == "SPB-1"),
        "never another customer's specific product"
    );
    assert_eq!(
        skus(&visible(conn, &of_b)),
        [
            ("BTH-1".to_string(), b.id),
            ("SPB-1".into(), b.id),
            ("TRD-1".into(), b.id)
        ]
    );
    assert!(
        portal_catalog::visible_product(conn, &of_a, for_b.id)
            .unwrap()
            .is_none()
    );
    assert!(
        portal_catalog::visible_product(conn, &of_a, in_clearance.id)
            .unwrap()
            .is_none()
    );
    assert!(
        portal_catalog::visible_product(conn, &of_a, inactive.id)
            .unwrap()
            .is_none()
    );
    assert!(
        portal_catalog::visible_product(conn, &of_b, in_standard.id)
            .unwrap()
            .is_none()
    );
    assert!(
        portal_catalog::visible_product(conn, &of_master.only(&[]), in_standard.id)
            .unwrap()
            .is_none()
    );
    assert_eq!(
        portal_catalog::visible_products(conn, &of_master.only(&[]), None, 1, 50).unwrap(),
        (vec![], 0)
    );

    // A master user sees each customer's products, labelled with the customer they are for.
    let both = visible(conn, &of_master.only(&[a.id, b.id]));
    assert_eq!(both.len(), 7);
    let spb = both.iter().find(|r| r.sku == "SPB-1").unwrap();
    assert_eq!(
        (spb.customer_id, spb.customer_name.as_str()),
        (b.id, "Beta Buyer")
    );
    // One product, for the first of the customers passed that may see it.
    assert_eq!(
        portal_catalog::visible_product(conn, &of_master.only(&[b.id, a.id]), in_both.id)
            .unwrap()
            .unwrap()
            .customer_id,
        b.id
    );
    assert_eq!(
        portal_catalog::visible_product(conn, &of_master.only(&[a.id, b.id]), in_both.id)
            .unwrap()
            .unwrap()
            .customer_id,
        a.id
    );
    assert_eq!(
        portal_catalog::visible_product(conn, &of_master.only(&[b.id, a.id]), in_standard.id)
            .unwrap()
            .unwrap()
            .customer_id,
        a.id
    );

    // Disabling the catalog for the customer hides its products.
    diesel::delete(customer_catalogs::table.find((a.id, standard)))
        .execute(conn)
        .unwrap();
    assert_eq!(
        skus(&visible(conn, &of_a)),
        [
            ("BTH-1".to_string(), a.id),
            ("SPA-1".into(), a.id),
            ("TRD-1".into(), a.id)
        ]
    );
    assert!(
        portal_catalog::visible_product(conn, &of_a, in_trade.id)
            .unwrap()
            .is_some()
    );
}

#[actix_web::test]
async fn the_price_is_the_customers_list_price_less_its_discount_rounded_half_up() {
    let app = spawn_app().await;
    let (retail, trade) = (price_list(&app, "Retail"), price_list(&app, "Trade"));
    let standard = catalog(&app, "Standard catalog");
    // 9.99 on the trade list, 1.00 on retail; nothing on wholesale.
    let valve = make_product(
        &app,
        "PRC-1",
        "Priced valve",
        false,
        &[(trade, "9.99"), (retail, "1.00")],
        &[],
    );
    put_in_catalog(&app, standard, valve.id);
    let trade_buyer = buyer(&app, "Trade Buyer", "C-900050", Some("Trade counter"), 1250);
    let retail_buyer = buyer(&app, "Retail Buyer", "C-900051", Some("Web shop"), 1250);
    let wholesale_buyer = buyer(&app, "Wholesale Buyer", "C-900052", Some("Distribution"), 0);
    let no_channel = buyer(&app, "No Channel", "C-900053", None, 500);
    for c in [&trade_buyer, &retail_buyer, &wholesale_buyer, &no_channel] {
        enable_catalog(&app, c.id, standard);
    }
    let mut pooled = app.conn();
    let conn: &mut PgConnection = &mut pooled;
    let seen = |conn: &mut PgConnection, id: i64| {
        let of_id = scope(conn, id);
        portal_catalog::visible_product(conn, &of_id, valve.id)
            .unwrap()
            .unwrap()
    };

    // 999 cents at 12.5 % off: 874.125 cents, so 8.74.
    let t = seen(conn, trade_buyer.id);
    assert_eq!(t.list_price.map(|c| c.0), Some(999));
    assert_eq!(t.your_price.map(|c| c.0), Some(874));
    assert_eq!(t.currency.as_deref(), Some("EUR"));
    assert_eq!(
        (t.list_price_text(), t.your_price_text()),
        ("9.99 EUR".to_string(), "8.74 EUR".to_string())
    );
    // 100 cents at 12.5 % off: 87.5 cents, half rounds up to 0.88.
    let r = seen(conn, retail_buyer.id);
    assert_eq!(
        (r.list_price.map(|c| c.0), r.your_price.map(|c| c.0)),
        (Some(100), Some(88))
    );
    // No price on the customer's list, or no price list at all: price on request.
    let w = seen(conn, wholesale_buyer.id);
    assert_eq!(
        (w.list_price, w.your_price, w.currency.as_deref()),
        (None, None, Some("EUR"))
    );
    assert_eq!(w.your_price_text(), "Price on request");
    let n = seen(conn, no_channel.id);
    assert_eq!((n.list_price, n.currency.clone()), (None, None));
    assert_eq!(n.list_price_text(), "Price on request");

    // A member without a channel of its own buys on its organization's price list.
    let first_store: i64 = stores::table.select(stores::id).first(conn).unwrap();
    let mut org =
        clientele::models::customers::customer::CustomerInput::minimal("Buying Group", first_store);
    org.fields.kind = clientele::domain::CustomerKind::Organization;
    org.fields.sales_channel_id = Some(channel(&app, "Trade counter"));
    let author = app.create_staff("org@example.com", PASSWORD, &[Role::Staff]);
    let org = clientele::models::customers::customer::create(
        conn,
        org,
        &clientele::models::customers::history::Author::Staff(author.id),
        "prices.example.com",
    )
    .unwrap();
    diesel::update(customers::table.find(no_channel.id))
        .set(customers::organization_id.eq(org.id))
        .execute(conn)
        .unwrap();
    let m = seen(conn, no_channel.id);
    assert_eq!(
        (m.list_price.map(|c| c.0), m.your_price.map(|c| c.0)),
        (Some(999), Some(949)),
        "999 cents less 5 % is 949.05 cents, so 9.49"
    );
}

#[actix_web::test]
async fn stock_shows_only_at_the_stores_the_customer_may_see() {
    let app = spawn_app().await;
    let standard = catalog(&app, "Standard catalog");
    let (main, north, south) = (
        store(&app, "MAIN"),
        store(&app, "NORTH"),
        store(&app, "SOUTH"),
    );
    let p = make_product(
        &app,
        "STK-1",
        "Stocked",
        false,
        &[],
        &[(main, "120"), (north, "7"), (south, "3")],
    );
    let q = make_product(&app, "STK-2", "Unstocked", false, &[], &[]);
    put_in_catalog(&app, standard, p.id);
    put_in_catalog(&app, standard, q.id);
    let a = buyer(&app, "Sees North", "C-900060", None, 0);
    let b = buyer(&app, "Sees Nothing", "C-900061", None, 0);
    enable_catalog(&app, a.id, standard);
    enable_catalog(&app, b.id, standard);
    show_stock_at(&app, a.id, north);
    show_stock_at(&app, a.id, main);
    // A deactivated store shows nothing, even when ticked.
    show_stock_at(&app, a.id, south);
    diesel::update(stores::table.find(south))
        .set(stores::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    // A master customer of both, whose users see the two.
    let master = app.create_customer("Master of Stock", None);
    diesel::update(customers::table.filter(customers::id.eq_any([a.id, b.id])))
        .set(customers::master_id.eq(master.id))
        .execute(&mut app.conn())
        .unwrap();
    let mut pooled = app.conn();
    let conn: &mut PgConnection = &mut pooled;
    let of_master = scope(conn, master.id);
    let rows = visible(conn, &of_master.only(&[a.id, b.id]));
    let of = |sku: &str, customer: i64| {
        rows.iter()
            .find(|r| r.sku == sku && r.customer_id == customer)
            .unwrap()
    };
    let levels = |r: &VisibleProduct| {
        r.stock
            .iter()
            .map(|s| (s.store_name.clone(), s.quantity))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        levels(of("STK-1", a.id)),
        [
            ("Main warehouse".to_string(), 120),
            ("North branch".into(), 7)
        ]
    );
    assert_eq!(of("STK-1", a.id).total_stock(), 127);
    assert_eq!(
        levels(of("STK-2", a.id)),
        [
            ("Main warehouse".to_string(), 0),
            ("North branch".into(), 0)
        ],
        "none recorded is 0"
    );
    assert!(
        of("STK-1", b.id).stock.is_empty(),
        "no stock where the customer may see none"
    );
}

#[actix_web::test]
async fn the_portal_searches_sku_and_name_in_any_case_and_pages() {
    let app = spawn_app().await;
    let standard = catalog(&app, "Standard catalog");
    let a = buyer(&app, "Searcher", "C-900070", None, 0);
    enable_catalog(&app, a.id, standard);
    for i in 1..=25 {
        let p = make_product(
            &app,
            &format!("ABC-{i:03}"),
            &format!("Hinge model {i:03}"),
            false,
            &[],
            &[],
        );
        put_in_catalog(&app, standard, p.id);
    }
    let p = make_product(&app, "XYZ_9", "Müller 100% valve", false, &[], &[]);
    put_in_catalog(&app, standard, p.id);
    let mut pooled = app.conn();
    let conn: &mut PgConnection = &mut pooled;
    let of_a = scope(conn, a.id);
    let search = |conn: &mut PgConnection, q: &str, page: i64, per: i64| {
        portal_catalog::visible_products(conn, &of_a, Some(q), page, per).unwrap()
    };
    let (rows, total) = search(conn, "hinge", 2, 10);
    assert_eq!(total, 25);
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0].sku, "ABC-011");
    let (rows, total) = search(conn, "hinge", 3, 10);
    assert_eq!((rows.len(), total), (5, 25));
    assert_eq!(
        search(conn, "hinge", 9, 10),
        (vec![], 25),
        "past the end: nothing, but the count"
    );
    assert_eq!(search(conn, "abc-02", 1, 50).1, 6);
    assert_eq!(
        skus(&search(conn, "MüLLER", 1, 50).0),
        [("XYZ_9".to_string(), a.id)]
    );
    assert_eq!(
        search(conn, "100%", 1, 50).1,
        1,
        "% is a character, not a wildcard"
    );
    assert_eq!(search(conn, "z_", 1, 50).1, 1);
    assert_eq!(
        search(conn, "c_0", 1, 50).1,
        0,
        "_ is a character, not a wildcard"
    );
    assert_eq!(
        search(conn, "  ", 1, 50).1,
        26,
        "a blank search is no search"
    );
}

#[actix_web::test]
async fn assortment_changes_through_the_model_lock_and_report() {
    let app = spawn_app().await;
    let c = app.create_customer("Model Customer", None);
    let author = app.create_staff("m@example.com", PASSWORD, &[Role::Admin]);
    let trade = catalog(&app, "Trade catalog");
    let mut pooled = app.conn();
    let conn: &mut PgConnection = &mut pooled;
    assert_eq!(
        assortment::switch_catalog(conn, c.id, trade, author.id, true).unwrap(),
        ("Trade catalog".to_string(), true)
    );
    assert_eq!(
        assortment::switch_catalog(conn, c.id, trade, author.id, true).unwrap(),
        ("Trade catalog".to_string(), false),
        "twice is once"
    );
    assert_eq!(
        assortment::switch_catalog(conn, c.id, trade, author.id, false).unwrap(),
        ("Trade catalog".to_string(), true)
    );
    assert!(
        !assortment::switch_catalog(conn, c.id, trade, author.id, false)
            .unwrap()
            .1,
        "disabling twice is once"
    );
    assert_eq!(history(&app, c.id, "catalog").len(), 2);
}

#[actix_web::test]
async fn the_demo_data_gives_customers_with_ordering_products_to_see() {
    let app = spawn_app().await;
    let mut pooled = app.conn();
    let conn: &mut PgConnection = &mut pooled;
    clientele::tools::demo::load(conn, "http://127.0.0.1:8080").unwrap();
    assert!(count(&app, "products") >= 30);
    let mueller = Customer::find_by_account_number(conn, "C-10001")
        .unwrap()
        .unwrap();
    let akesson = Customer::find_by_account_number(conn, "C-10004")
        .unwrap()
        .unwrap();
    // Each customer on its own (Müller's users also see the customer it is bill-to for).
    let of_mueller = scope(conn, mueller.id).only(&[mueller.id]);
    let of_akesson = scope(conn, akesson.id).only(&[akesson.id]);
    let (rows, total) = portal_catalog::visible_products(conn, &of_mueller, None, 1, 100).unwrap();
    assert!(total >= 20, "{total}");
    assert!(rows.iter().any(|r| r.sku == "MH-MANIFOLD-8" && r.specific));
    assert!(
        !rows.iter().any(|r| r.sku == "AK-PUMPSET-N"),
        "not Åkesson's product"
    );
    let valve = rows.iter().find(|r| r.sku == "VLV-100").unwrap();
    // Trade price list, 7.5 % off: 10.00 → 9.25.
    assert_eq!(
        (valve.list_price_text(), valve.your_price_text()),
        ("10.00 EUR".to_string(), "9.25 EUR".to_string())
    );
    assert_eq!(
        valve
            .stock
            .iter()
            .map(|s| s.store_name.as_str())
            .collect::<Vec<_>>(),
        ["Main warehouse", "North branch"]
    );
    // Åkesson buys through its organization's channel (wholesale); old models are on request.
    let old = portal_catalog::visible_products(conn, &of_akesson, Some("old model"), 1, 100)
        .unwrap()
        .0;
    assert!(!old.is_empty());
    assert!(
        old.iter().all(|r| r.list_price.is_none()),
        "no wholesale price for old models"
    );
    let services = clientele::models::approvals::approval::services_of(conn, mueller.id).unwrap();
    assert!(
        services
            .iter()
            .any(|s| s.service == clientele::domain::Service::Ordering
                && s.status == clientele::domain::ServiceStatus::Active)
    );
}

#[actix_web::test]
async fn product_files_as_excel_saves_them_import_like_plain_ones() {
    let app = signed_in_admin().await;
    app.create_customer("First Special", Some("C-900010"));
    app.create_customer("Second Special", Some("C-900011"));
    let excel = |text: &str| format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let (products, prices, stock) = (excel(PRODUCTS_CSV), excel(PRICES_CSV), excel(STOCK_CSV));
    let res = upload(
        &app,
        &[
            ("products.csv", &products),
            ("product_prices.csv", &prices),
            ("product_stock.csv", &stock),
        ],
    )
    .await;
    res.assert_redirect_to("/admin/products/import");
    let done = app.get("/admin/products/import").await;
    assert_eq!(
        flash(&done),
        "Imported. products.csv: 4 rows, 4 added, 0 changed, 0 unchanged; product_prices.csv: 4 rows, 4 added, 0 changed, 0 unchanged; product_stock.csv: 3 rows, 3 added, 0 changed, 0 unchanged."
    );
    let valve = product_by_sku(&app, "VLV-100").unwrap();
    assert_eq!(valve.description.as_deref(), Some("Lead-free, PN 25"));
    assert_eq!(
        product_by_sku(&app, "SPC-1").unwrap().unit,
        "each",
        "the last field of a line carries no carriage return"
    );
    assert_eq!(
        stock_of(&app, valve.id),
        vec![(store(&app, "MAIN"), 120), (store(&app, "NORTH"), 0)]
    );
}

#[actix_web::test]
async fn in_german_the_product_pages_speak_german_and_prices_are_read_and_shown_in_german_style() {
    let app = signed_in_admin().await;
    let retail = price_list(&app, "Retail");
    let form = app.get("/admin/products/new?lang=de").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.text("h1"), "Neues Produkt");
    assert!(
        form.text("main").contains("etwa 1.234,50"),
        "the price hint says which style is expected"
    );
    let res = post_pairs(
        &app,
        "/admin/products",
        &product_fields(
            "DE-1",
            "Kugelhahn",
            &[(format!("price-{retail}"), "1.234,5".into())],
        ),
    )
    .await;
    let p = product_by_sku(&app, "DE-1").expect("the product was added");
    res.assert_redirect_to(&format!("/admin/products/{}", p.id));
    assert_eq!(prices_of(&app, p.id), vec![(retail, 123450)]);
    let edit = app.get(&format!("/admin/products/{}", p.id)).await;
    assert!(flash(&edit).contains("wurde angelegt"), "{}", flash(&edit));
    assert_eq!(
        edit.attr(&format!("#price-{retail}"), "value").as_deref(),
        Some("1.234,50")
    );
    // A price that is not an amount is named in German, in the German style.
    let res = post_pairs(
        &app,
        "/admin/products",
        &product_fields(
            "DE-2",
            "Pumpe",
            &[(format!("price-{retail}"), "zwölf".into())],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text(&format!("#price-{retail}-error"))
            .contains("1.250,00"),
        "{}",
        res.text(&format!("#price-{retail}-error"))
    );
    assert_eq!(
        res.attr(&format!("#price-{retail}"), "value").as_deref(),
        Some("zwölf")
    );
}
