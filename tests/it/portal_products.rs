//! The portal's products page: what a customer user sees (its catalogs' products and its own
//! specific ones, never another customer's), at its price (list price less its discount,
//! rounded half up to the cent) and with stock only at the locations it may see.

use crate::helpers::{PASSWORD, spawn_app};
use actix_web::http::StatusCode;
use diesel::{RunQueryDsl, sql_query};

#[actix_web::test]
async fn a_customer_user_sees_its_products_at_its_prices_with_stock_where_it_may_see_it() {
    let app = spawn_app().await;
    let a = app.create_customer("Alpha Plumbing", Some("A-1"));
    let b = app.create_customer("Beta Heating", Some("B-1"));
    app.create_customer_user(a.id, "ann@alpha.test", PASSWORD);
    let mut conn = app.conn();
    for sql in [
        // A buys on the Trade list at 12.5 % off, from the Standard catalog, seeing MAIN's stock.
        format!(
            "UPDATE customers SET discount_bp = 1250, sales_channel_id = \
             (SELECT id FROM sales_channels WHERE price_list_id = (SELECT id FROM price_lists WHERE name = 'Trade') LIMIT 1) \
             WHERE id IN ({}, {})",
            a.id, b.id
        ),
        "INSERT INTO products (sku, name, unit) VALUES ('VALVE-1', 'Ball valve', 'each'), ('HIDDEN-1', 'Off-catalog valve', 'each')".into(),
        "INSERT INTO products (sku, name, specific) VALUES ('A-SPECIAL', 'Alpha manifold', true), ('B-SPECIAL', 'Beta manifold', true)".into(),
        "INSERT INTO product_prices (product_id, price_list_id, price_cents) \
         SELECT p.id, l.id, 999 FROM products p, price_lists l WHERE l.name = 'Trade' AND p.sku IN ('VALVE-1', 'A-SPECIAL', 'B-SPECIAL')".into(),
        "INSERT INTO catalog_products (catalog_id, product_id) SELECT c.id, p.id FROM catalogs c, products p \
         WHERE c.name = 'Standard catalog' AND p.sku = 'VALVE-1'".into(),
        "INSERT INTO catalog_products (catalog_id, product_id) SELECT c.id, p.id FROM catalogs c, products p \
         WHERE c.name = 'Trade catalog' AND p.sku = 'HIDDEN-1'".into(),
        format!("INSERT INTO customer_catalogs (customer_id, catalog_id) SELECT {}, id FROM catalogs WHERE name = 'Standard catalog'", a.id),
        format!("INSERT INTO customer_products (customer_id, product_id) SELECT {}, id FROM products WHERE sku = 'A-SPECIAL'", a.id),
        format!("INSERT INTO customer_products (customer_id, product_id) SELECT {}, id FROM products WHERE sku = 'B-SPECIAL'", b.id),
        "INSERT INTO product_stock (product_id, store_id, quantity) SELECT p.id, s.id, 7 FROM products p, stores s WHERE p.sku = 'VALVE-1'".into(),
        format!("INSERT INTO customer_stock_locations (customer_id, store_id) SELECT {}, id FROM stores WHERE code = 'MAIN'", a.id),
        // Ordering approved for both.
        format!("INSERT INTO customer_services (customer_id, service, status) VALUES ({}, 'ordering', 'active'), ({}, 'ordering', 'active')", a.id, b.id),
    ] {
        sql_query(sql).execute(&mut conn).unwrap();
    }

    let ann = app.new_client();
    ann.portal_sign_in("ann@alpha.test", PASSWORD).await;
    let page = ann.get("/portal/products").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.texts("table.products td[data-label=SKU]"),
        ["A-SPECIAL", "VALVE-1"],
        "its catalog's product and its own specific one, nothing else"
    );
    // 9.99 less 12.5 % is 8.74125: 8.74.
    assert_eq!(
        page.texts("table.products td[data-label='Your price']"),
        ["8.74 EUR", "8.74 EUR"]
    );
    assert_eq!(
        page.texts("table.products td[data-label='List price']"),
        ["9.99 EUR", "9.99 EUR"]
    );
    let stock = page.texts("table.products td[data-label='In stock']");
    assert_eq!(
        stock[1], "Main warehouse: 7",
        "only the location it may see"
    );
    assert!(!page.body.contains("B-SPECIAL") && !page.body.contains("HIDDEN-1"));

    // Search, and the product page; another customer's product is a 404.
    let found = ann.get("/portal/products?q=valve").await;
    assert_eq!(
        found.texts("table.products td[data-label=SKU]"),
        ["VALVE-1"]
    );
    let href = found
        .attr("table.products td[data-label=Product] a", "href")
        .unwrap();
    let product = ann.get(&href).await;
    assert_eq!(product.text("h1"), "Ball valve");
    assert!(product.text(".your-price").contains("8.74 EUR"));
    let b_special: (i64,) = {
        #[derive(diesel::QueryableByName)]
        struct Id {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            id: i64,
        }
        let rows: Vec<Id> = sql_query("SELECT id FROM products WHERE sku = 'B-SPECIAL'")
            .load(&mut conn)
            .unwrap();
        (rows[0].id,)
    };
    let res = ann.get(&format!("/portal/products/{}", b_special.0)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // The portal's own error page: its navigation, and a way back to the portal.
    assert_eq!(
        res.attr(".error-page a.button", "href").as_deref(),
        Some("/portal")
    );
    assert!(res.text("nav[aria-label=Portal]").contains("Products"));

    // Ordering switched off (checked on every request): nothing is offered any more.
    sql_query(format!(
        "UPDATE customer_services SET status = 'inactive' WHERE customer_id = {}",
        a.id
    ))
    .execute(&mut conn)
    .unwrap();
    let page = ann.get("/portal/products").await;
    assert!(page.texts("table.products tbody tr").is_empty());
    assert!(page.text(".empty").contains("Ordering is not active"));
    assert_eq!(ann.get(&href).await.status, StatusCode::NOT_FOUND);
}
