//! Placing orders through the one door (`models::orders::placing`), on a real database: prices
//! fixed on the lines, numbers from the sequence, refusals that write nothing, the customer's
//! counts, and two orders at once against one credit limit.

use crate::helpers::{TestApp, spawn_app};
use clientele::{
    domain::{OrderStatus, PaymentMethod},
    models::orders::{
        placing::{self, Checkout, LinesFrom, NotPlaced, Placed, Placer, Wanted},
        terms::{Choice, Delivery, Refusal},
    },
    schema::{
        catalog_products, catalogs, customer_addresses, customer_catalogs, customer_services,
        customers, order_lines, orders, payment_terms, price_lists, product_prices, products,
        sales_channels, staff, stores,
    },
};
use diesel::prelude::*;

/// A customer that may order on invoice (Net 30, a 100.00 limit, blocking over it) or cash on
/// delivery through the
/// Trade counter (Trade price list, EUR) at 10 % off, with the Standard catalog enabled, one
/// shipping address, and a product VLV-1 at 12.34 on the Trade list.
pub struct Shop {
    pub customer_id: i64,
    pub address_id: i64,
    pub product_id: i64,
    pub trade: i64,
    /// The staff member who made the customer, who places the orders on its behalf.
    pub staff_id: i64,
}

pub fn shop(app: &TestApp, name: &str) -> Shop {
    let c = app.create_customer(name, None);
    let mut conn = app.conn();
    let trade: i64 = price_lists::table
        .filter(price_lists::name.eq("Trade"))
        .select(price_lists::id)
        .first(&mut conn)
        .unwrap();
    let channel: i64 = sales_channels::table
        .filter(sales_channels::name.eq("Trade counter"))
        .select(sales_channels::id)
        .first(&mut conn)
        .unwrap();
    let net30: i64 = payment_terms::table
        .filter(payment_terms::name.eq("Net 30"))
        .select(payment_terms::id)
        .first(&mut conn)
        .unwrap();
    diesel::update(customers::table.find(c.id))
        .set((
            customers::sales_channel_id.eq(channel),
            customers::discount_bp.eq(1000),
            customers::term_customer.eq(true),
            customers::payment_terms_id.eq(net30),
            customers::credit_limit_cents.eq(10_000),
            customers::over_limit_policy.eq("block"),
            customers::allow_cod.eq(true),
        ))
        .execute(&mut conn)
        .unwrap();
    diesel::insert_into(customer_services::table)
        .values((
            customer_services::customer_id.eq(c.id),
            customer_services::service.eq("ordering"),
            customer_services::status.eq("active"),
        ))
        .execute(&mut conn)
        .unwrap();
    let standard: i64 = catalogs::table
        .filter(catalogs::name.eq("Standard catalog"))
        .select(catalogs::id)
        .first(&mut conn)
        .unwrap();
    diesel::insert_into(customer_catalogs::table)
        .values((
            customer_catalogs::customer_id.eq(c.id),
            customer_catalogs::catalog_id.eq(standard),
        ))
        .execute(&mut conn)
        .unwrap();
    let sku = format!("VLV-{}", c.id);
    let product_id: i64 = diesel::insert_into(products::table)
        .values((
            products::sku.eq(&sku),
            products::name.eq("Valve"),
            products::unit.eq("each"),
        ))
        .returning(products::id)
        .get_result(&mut conn)
        .unwrap();
    diesel::insert_into(product_prices::table)
        .values((
            product_prices::product_id.eq(product_id),
            product_prices::price_list_id.eq(trade),
            product_prices::price_cents.eq(1234),
        ))
        .execute(&mut conn)
        .unwrap();
    diesel::insert_into(catalog_products::table)
        .values((
            catalog_products::catalog_id.eq(standard),
            catalog_products::product_id.eq(product_id),
        ))
        .execute(&mut conn)
        .unwrap();
    let address_id: i64 = diesel::insert_into(customer_addresses::table)
        .values((
            customer_addresses::customer_id.eq(c.id),
            customer_addresses::kind.eq("shipping"),
            customer_addresses::line1.eq("1 Dock Road"),
            customer_addresses::city.eq("Hamburg"),
            customer_addresses::postcode.eq("20457"),
            customer_addresses::country.eq("DE"),
            customer_addresses::is_default_shipping.eq(true),
            customer_addresses::is_primary.eq(true),
        ))
        .returning(customer_addresses::id)
        .get_result(&mut conn)
        .unwrap();
    let staff_id: i64 = staff::table
        .filter(staff::email.eq("creator@example.com"))
        .select(staff::id)
        .first(&mut conn)
        .unwrap();
    Shop {
        customer_id: c.id,
        address_id,
        product_id,
        trade,
        staff_id,
    }
}

pub fn checkout(shop: &Shop, quantity: i32, payment: PaymentMethod) -> Checkout {
    Checkout {
        customer_id: shop.customer_id,
        lines: vec![Wanted {
            product_id: shop.product_id,
            quantity,
        }],
        lines_from: LinesFrom::Typed,
        choice: Choice {
            delivery: Some(Delivery::Ship(shop.address_id)),
            payment: Some(payment),
            reference: "PO-77".into(),
            requested_delivery: None,
            note: None,
        },
        placer: Placer::Staff {
            id: shop.staff_id,
            name: "Cora Creator".into(),
        },
        source: placing::Source::default(),
    }
}

pub fn place(app: &TestApp, c: &Checkout) -> Result<Placed, NotPlaced> {
    placing::place(&mut app.conn(), c, "http://localhost")
}

fn order_count(app: &TestApp, customer_id: i64) -> i64 {
    orders::table
        .filter(orders::customer_id.eq(customer_id))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn the_price_is_fixed_on_the_line_and_a_later_change_leaves_the_order_alone() {
    let app = spawn_app().await;
    let shop = shop(&app, "Fixed Prices GmbH");
    let placed = place(&app, &checkout(&shop, 3, PaymentMethod::Invoice)).unwrap();
    assert_eq!(placed.status, OrderStatus::Unallocated);
    // 12.34 less 10 % is 11.106, rounded to 11.11; three of them.
    let line: (String, i32, i64, i64) = order_lines::table
        .filter(order_lines::order_id.eq(placed.id))
        .select((
            order_lines::sku,
            order_lines::quantity,
            order_lines::unit_cents,
            order_lines::line_cents,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(line, (format!("VLV-{}", shop.customer_id), 3, 1111, 3333));
    diesel::update(product_prices::table.filter(product_prices::product_id.eq(shop.product_id)))
        .set(product_prices::price_cents.eq(9999))
        .execute(&mut app.conn())
        .unwrap();
    let (total, currency, ship_to, reference): (i64, String, Option<String>, Option<String>) =
        orders::table
            .find(placed.id)
            .select((
                orders::total_cents,
                orders::currency,
                orders::ship_to,
                orders::customer_reference,
            ))
            .first(&mut app.conn())
            .unwrap();
    assert_eq!((total, currency.as_str()), (3333, "EUR"));
    assert_eq!(ship_to.as_deref(), Some("1 Dock Road, 20457 Hamburg, DE"));
    assert_eq!(reference.as_deref(), Some("PO-77"));
    // The customer's number and value of orders follow.
    let (count, value): (i32, i64) = customers::table
        .find(shop.customer_id)
        .select((customers::order_count, customers::order_value_cents))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((count, value), (1, 3333));
    let _ = shop.trade;
}

#[actix_web::test]
async fn numbers_come_from_the_sequence_and_skip_one_already_taken() {
    let app = spawn_app().await;
    let shop = shop(&app, "Numbers Ltd");
    let first = place(&app, &checkout(&shop, 1, PaymentMethod::Prepay)).unwrap();
    assert!(
        first.number.starts_with("SO-") && first.number.len() == 10,
        "{}",
        first.number
    );
    let n: i64 = first.number[3..].parse().unwrap();
    // An imported order took the next number meanwhile: it is skipped, never reused.
    let taken = format!("SO-{:07}", n + 1);
    diesel::insert_into(orders::table)
        .values((
            orders::order_number.eq(&taken),
            orders::customer_id.eq(shop.customer_id),
            orders::placed_at.eq(chrono::Utc::now()),
            orders::status.eq("unallocated"),
            orders::total_cents.eq(0),
            orders::currency.eq("EUR"),
            orders::channel.eq("edi"),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let second = place(&app, &checkout(&shop, 1, PaymentMethod::Prepay)).unwrap();
    assert_eq!(second.number, format!("SO-{:07}", n + 2));
    assert_eq!(
        second.status,
        OrderStatus::AwaitingPayment,
        "prepaid waits for its payment"
    );
}

#[actix_web::test]
async fn a_refused_order_writes_nothing() {
    let app = spawn_app().await;
    let shop = shop(&app, "Refused AG");
    // Over the limit under "block": 10 × 11.11 > 100.00.
    match place(&app, &checkout(&shop, 10, PaymentMethod::Invoice)) {
        Err(NotPlaced::Refused(Refusal::Fields(e))) => {
            assert_eq!(e.get("payment").unwrap().id, "order-credit-blocked")
        }
        other => panic!("{other:?}"),
    }
    // A customer whose relationship is blocked cannot order at all.
    diesel::update(customers::table.find(shop.customer_id))
        .set(customers::relationship_status.eq("blocked"))
        .execute(&mut app.conn())
        .unwrap();
    match place(&app, &checkout(&shop, 1, PaymentMethod::Prepay)) {
        Err(NotPlaced::Refused(Refusal::CannotOrder(m))) => {
            assert_eq!(m.id, "order-refused-relationship")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(order_count(&app, shop.customer_id), 0);
    let lines: i64 = order_lines::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(lines, 0);
}

#[actix_web::test]
async fn only_products_the_customer_may_see_at_a_price_can_be_ordered() {
    let app = spawn_app().await;
    let shop = shop(&app, "Visible Only SE");
    let other = shop_product(&app, "HIDDEN-1", None);
    let mut c = checkout(&shop, 1, PaymentMethod::Prepay);
    c.lines = vec![Wanted {
        product_id: other,
        quantity: 1,
    }];
    let refused_line = |r: Result<Placed, NotPlaced>| match r {
        Err(NotPlaced::Refused(Refusal::Fields(e))) => e.get("lines").unwrap().id.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(refused_line(place(&app, &c)), "order-product-not-orderable");
    // In its catalog but without a price on its list: price on request.
    let standard: i64 = catalogs::table
        .filter(catalogs::name.eq("Standard catalog"))
        .select(catalogs::id)
        .first(&mut app.conn())
        .unwrap();
    diesel::insert_into(catalog_products::table)
        .values((
            catalog_products::catalog_id.eq(standard),
            catalog_products::product_id.eq(other),
        ))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(refused_line(place(&app, &c)), "order-product-on-request");
    c.lines.clear();
    assert_eq!(refused_line(place(&app, &c)), "order-lines-empty");
    // Another customer's shipping address is not one it may use.
    let stranger = self::shop(&app, "Stranger GmbH");
    let mut c = checkout(&shop, 1, PaymentMethod::Prepay);
    c.choice.delivery = Some(Delivery::Ship(stranger.address_id));
    match place(&app, &c) {
        Err(NotPlaced::Refused(Refusal::Fields(e))) => assert!(e.has("delivery")),
        other => panic!("{other:?}"),
    }
    // A store it cannot see is no pickup store.
    let main: i64 = stores::table
        .filter(stores::code.eq("MAIN"))
        .select(stores::id)
        .first(&mut app.conn())
        .unwrap();
    c.choice.delivery = Some(Delivery::Pickup(main));
    match place(&app, &c) {
        Err(NotPlaced::Refused(Refusal::Fields(e))) => assert!(e.has("delivery")),
        other => panic!("{other:?}"),
    }
    assert_eq!(order_count(&app, shop.customer_id), 0);
}

fn shop_product(app: &TestApp, sku: &str, price: Option<(i64, i64)>) -> i64 {
    let id: i64 = diesel::insert_into(products::table)
        .values((
            products::sku.eq(sku),
            products::name.eq(sku),
            products::unit.eq("each"),
        ))
        .returning(products::id)
        .get_result(&mut app.conn())
        .unwrap();
    if let Some((list, cents)) = price {
        diesel::insert_into(product_prices::table)
            .values((
                product_prices::product_id.eq(id),
                product_prices::price_list_id.eq(list),
                product_prices::price_cents.eq(cents),
            ))
            .execute(&mut app.conn())
            .unwrap();
    }
    id
}

#[actix_web::test]
async fn two_orders_at_once_never_pass_a_limit_together_that_each_alone_would_not() {
    let app = spawn_app().await;
    let shop = shop(&app, "Concurrent KG");
    // 100.00 limit; each order is 5 × 11.11 = 55.55: one fits, two do not.
    let c = checkout(&shop, 5, PaymentMethod::Invoice);
    let mut handles = Vec::new();
    for _ in 0..2 {
        let c = c.clone();
        let pool = app.pool.clone();
        handles.push(std::thread::spawn(move || {
            placing::place(&mut pool.get().unwrap(), &c, "http://localhost").is_ok()
        }));
    }
    let placed = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .filter(|ok| *ok)
        .count();
    assert_eq!(placed, 1);
    assert_eq!(order_count(&app, shop.customer_id), 1);
}

#[actix_web::test]
async fn over_the_limit_under_warn_the_order_is_held_with_its_reason() {
    let app = spawn_app().await;
    let shop = shop(&app, "Held Holdings");
    diesel::update(customers::table.find(shop.customer_id))
        .set(customers::over_limit_policy.eq("warn"))
        .execute(&mut app.conn())
        .unwrap();
    let placed = place(&app, &checkout(&shop, 10, PaymentMethod::Invoice)).unwrap();
    assert_eq!(placed.status, OrderStatus::CreditHold);
    assert_eq!(placed.notice.unwrap().id, "order-credit-held");
    let (reason, over, days): (Option<String>, bool, Option<i32>) = orders::table
        .find(placed.id)
        .select((
            orders::hold_reason,
            orders::over_limit,
            orders::payment_days,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        (reason.as_deref(), over, days),
        (Some("credit_limit"), true, Some(30))
    );
    // The held order uses credit: a second order on invoice finds none left, even a small one.
    diesel::update(customers::table.find(shop.customer_id))
        .set(customers::over_limit_policy.eq("block"))
        .execute(&mut app.conn())
        .unwrap();
    assert!(place(&app, &checkout(&shop, 1, PaymentMethod::Invoice)).is_err());
    // Cash on delivery uses no credit.
    assert!(place(&app, &checkout(&shop, 1, PaymentMethod::Cod)).is_ok());
}

#[actix_web::test]
async fn the_extended_order_settings_of_the_customer_are_obeyed() {
    let app = spawn_app().await;
    let shop = shop(&app, "Strict Orders GmbH");
    diesel::update(customers::table.find(shop.customer_id))
        .set((
            customers::reference_required.eq(true),
            customers::minimum_order_cents.eq(5_000),
        ))
        .execute(&mut app.conn())
        .unwrap();
    // 2 × 11.11 is below 50.00, and no reference.
    let mut c = checkout(&shop, 2, PaymentMethod::Prepay);
    c.choice.reference = String::new();
    match place(&app, &c) {
        Err(NotPlaced::Refused(Refusal::Fields(e))) => {
            assert_eq!(
                e.fields().collect::<Vec<_>>(),
                ["customer_reference", "lines"]
            );
            let minimum = e.get("lines").unwrap();
            assert_eq!(minimum.to_string(), "The minimum order value is 50.00 EUR.");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(order_count(&app, shop.customer_id), 0);
    // 5 × 11.11 with a reference passes.
    assert!(place(&app, &checkout(&shop, 5, PaymentMethod::Prepay)).is_ok());
}

#[actix_web::test]
async fn placing_keeps_its_written_out_statements_prepared_on_the_connection() {
    // Planning the catalog's visibility query afresh on every order was most of the database's
    // work at checkout; its text is fixed, so the connection keeps it prepared.
    #[derive(QueryableByName)]
    struct Kept {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let app = spawn_app().await;
    let shop = shop(&app, "Prepared Statements GmbH");
    let mut conn = app.db.connect();
    // Two orders, of one line and of two: the lines' insert is one statement whatever their
    // number (diesel plans a many-row insert afresh each time, its text growing with the rows).
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    let second = diesel::sql_query(
        "WITH p AS (INSERT INTO products (sku, name, unit) VALUES ('PREP-2', 'Pipe', 'm') RETURNING id),
              price AS (INSERT INTO product_prices (product_id, price_list_id, price_cents)
                        SELECT p.id, l.id, 400 FROM p, price_lists l WHERE l.name = 'Trade'),
              listed AS (INSERT INTO catalog_products (catalog_id, product_id)
                         SELECT c.id, p.id FROM p, catalogs c WHERE c.name = 'Standard catalog')
         SELECT id FROM p",
    )
    .get_result::<Id>(&mut conn)
    .unwrap()
    .id;
    for lines in [1, 2] {
        let mut order = checkout(&shop, 1, PaymentMethod::Invoice);
        if lines == 2 {
            order.lines.push(Wanted {
                product_id: second,
                quantity: 1,
            });
        }
        placing::place(&mut conn, &order, "http://x").unwrap();
    }
    // Pricing an order reads no stock.
    for (fragment, what, prepared) in [
        (
            "customer_catalogs",
            "which products the customer may see",
            1,
        ),
        ("product_stock", "their stock", 0),
        ("open_on_invoice_cents", "the customer's standing", 1),
        ("nextval('order_numbers')", "the next number", 1),
        ("INSERT INTO order_lines", "the lines", 1),
    ] {
        let kept: Kept = diesel::sql_query(
            "SELECT count(*) AS n FROM pg_prepared_statements WHERE strpos(statement, $1) > 0",
        )
        .bind::<diesel::sql_types::Text, _>(fragment)
        .get_result(&mut conn)
        .unwrap();
        assert_eq!(kept.n, prepared, "{what}: prepared statements");
    }
}

#[actix_web::test]
async fn an_address_is_written_on_the_order_in_one_line_without_its_blank_parts() {
    let app = spawn_app().await;
    let shop = shop(&app, "Blank Parts KG");
    diesel::update(customer_addresses::table.find(shop.address_id))
        .set((
            customer_addresses::line2.eq(Some(" \t")),
            customer_addresses::postcode.eq(None::<String>),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let placed = place(&app, &checkout(&shop, 1, PaymentMethod::Invoice)).unwrap();
    let ship_to: Option<String> = orders::table
        .find(placed.id)
        .select(orders::ship_to)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(ship_to.as_deref(), Some("1 Dock Road, Hamburg, DE"));
}
