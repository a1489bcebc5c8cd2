//! The products a signed-in customer user may see, with their prices and stock: pure queries
//! for the customer portal, no HTTP.
//!
//! The caller passes the user's `PortalScope`, the customers it may see (its own customer, plus
//! the associated customers of a master or bill-to user); everything else about visibility is
//! decided here and nowhere else:
//!
//! - a product is visible **for** a customer when it is active and either in an active catalog
//!   enabled for that customer, or a customer-specific product linked to that customer;
//! - a customer-specific product is never reachable through a catalog (the database refuses
//!   the link), so another customer's specific product is never visible;
//! - a product visible for several of the given customers is listed once per customer (each
//!   with that customer's price and stock), labelled with the customer it is shown for.
//!
//! Prices: the list price is the product's price on the customer's price list, which is the
//! price list of the customer's sales channel (or, when it has none, of its organization's, as
//! on the customer's page), in that price list's currency. No price list or no price there is
//! "price on request" (`list_price` None), not an error. "Your price" is the list price less the
//! customer's individual discount, rounded half up to the cent (see [`discounted`]), unless a
//! contract price of the customer holds for the quantity today ([`super::contract_prices`]):
//! then that is "your price". The portal's lists price one piece; an order, a cart and a quick
//! order price each line at its quantity.
//!
//! Stock: only at the active stores the customer may see (`customer_stock_locations`), each
//! with its quantity (0 where none is recorded).

use crate::i18n::L10n;
use crate::{
    domain::{Cents, Service},
    models::{approvals::approval, cached_sql::Kept, portal::PortalScope},
};
use diesel::{
    prelude::*,
    sql_types::{Array, BigInt, Int4, Nullable, Text},
};
use std::collections::HashMap;

/// Most rows one page may hold.
pub const PER_PAGE_MAX: i64 = 200;

/// A product as one customer's users see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisibleProduct {
    pub product_id: i64,
    pub sku: String,
    pub name: String,
    pub description: Option<String>,
    pub unit: String,
    /// True for a product made for this customer; false for one from its catalogs.
    pub specific: bool,
    /// Whether `your_price` is a contract price.
    pub contract: bool,
    /// The customer it is shown for (one of the ids passed in).
    pub customer_id: i64,
    /// That customer's name: its trading name when it has one, else its legal name.
    pub customer_name: String,
    /// The price on the customer's price list, in cents; None: price on request.
    pub list_price: Option<Cents>,
    /// The price list's currency (ISO 4217); None without a price list.
    pub currency: Option<String>,
    /// The customer's individual discount in basis points (1250 = 12.5 %).
    pub discount_bp: i32,
    /// The customer's contract price when one holds for the quantity today, else the list
    /// price less the discount, rounded half up to the cent; None: price on request.
    pub your_price: Option<Cents>,
    /// Stock at each store the customer may see, by store name.
    pub stock: Vec<StockLevel>,
}

impl VisibleProduct {
    /// "12.50 EUR" ("12,50 €"), or "Price on request", in the reader's language.
    pub fn list_price_in(&self, l: &L10n) -> String {
        money_text(l, self.list_price, self.currency.as_deref())
    }

    pub fn your_price_in(&self, l: &L10n) -> String {
        money_text(l, self.your_price, self.currency.as_deref())
    }

    /// The list price in English ("12.50 EUR", or "Price on request").
    pub fn list_price_text(&self) -> String {
        self.list_price_in(&L10n::english())
    }

    /// "Your price" in English.
    pub fn your_price_text(&self) -> String {
        self.your_price_in(&L10n::english())
    }

    /// Stock at every visible store together.
    pub fn total_stock(&self) -> i64 {
        self.stock.iter().map(|s| s.quantity as i64).sum()
    }
}

fn money_text(l: &L10n, amount: Option<Cents>, currency: Option<&str>) -> String {
    match (amount, currency) {
        (Some(a), Some(c)) => l.money(a.0, c),
        _ => l.t("portal-price-on-request"),
    }
}

/// Stock of a product at one store the customer may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StockLevel {
    pub store_id: i64,
    pub store_name: String,
    pub quantity: i32,
}

impl StockLevel {
    /// The quantity, as numbers are shown (`l.number`).
    pub fn count(&self) -> i64 {
        self.quantity as i64
    }
}

/// The list price less a discount of `discount_bp` basis points (hundredths of a percent),
/// rounded half up to the whole cent:
/// `your price = floor((list × (10000 − discount_bp) + 5000) / 10000)`.
///
/// For example 9.99 at 12.5 % is 8.74 (874.125 cents), and 1.00 at 12.5 % is 0.88 (87.5
/// cents, half rounds up). Prices are never negative, so "half up" and "half away from zero"
/// agree; the discount is clamped to 0 ..= 100 %.
pub fn discounted(list_cents: i64, discount_bp: i32) -> i64 {
    let bp = discount_bp.clamp(0, 10_000) as i128;
    let list = list_cents.max(0) as i128;
    ((list * (10_000 - bp) + 5_000) / 10_000) as i64
}

/// The (customer, product) pairs visible for the given customers: products of the active
/// catalogs enabled for them and their own customer-specific products, active products only.
/// `$1` is the array of customer ids, `$2` the search pattern (or NULL).
const VISIBLE: &str = "
    WITH visible AS (
        SELECT cc.customer_id, cp.product_id
          FROM customer_catalogs cc
          JOIN catalogs k ON k.id = cc.catalog_id AND k.active
          JOIN catalog_products cp ON cp.catalog_id = cc.catalog_id
         WHERE cc.customer_id = ANY($1)
        UNION
        SELECT cu.customer_id, cu.product_id
          FROM customer_products cu
         WHERE cu.customer_id = ANY($1))
    SELECT v.customer_id, p.id AS product_id
      FROM visible v
      JOIN products p ON p.id = v.product_id AND p.active
     WHERE ($2::text IS NULL OR p.sku ILIKE $2 OR p.name ILIKE $2)";

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    product_id: i64,
    #[diesel(sql_type = Text)]
    sku: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Nullable<Text>)]
    description: Option<String>,
    #[diesel(sql_type = Text)]
    unit: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    specific: bool,
    #[diesel(sql_type = BigInt)]
    customer_id: i64,
    #[diesel(sql_type = Text)]
    customer_name: String,
    #[diesel(sql_type = Int4)]
    discount_bp: i32,
    #[diesel(sql_type = Nullable<Text>)]
    currency: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    price_cents: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    contract_cents: Option<i64>,
}

#[derive(QueryableByName)]
struct Total {
    #[diesel(sql_type = BigInt)]
    total: i64,
}

#[derive(QueryableByName)]
struct StockRow {
    #[diesel(sql_type = BigInt)]
    customer_id: i64,
    #[diesel(sql_type = BigInt)]
    product_id: i64,
    #[diesel(sql_type = BigInt)]
    store_id: i64,
    #[diesel(sql_type = Text)]
    store_name: String,
    #[diesel(sql_type = Int4)]
    quantity: i32,
}

/// The product, customer and price columns for pairs (`pairs` has customer_id, product_id and
/// the quantity to price). The contract price is the one that holds for the quantity today with
/// the highest minimum quantity, then the latest start (the `customer_prices_key` index).
const DETAILS: &str = "
    SELECT p.id AS product_id, p.sku, p.name, p.description, p.unit, p.specific,
           c.id AS customer_id, coalesce(nullif(btrim(c.trading_name), ''), c.legal_name) AS customer_name,
           c.discount_bp, pl.currency, pp.price_cents, contract.price_cents AS contract_cents
      FROM pairs
      JOIN products p ON p.id = pairs.product_id
      JOIN customers c ON c.id = pairs.customer_id
      LEFT JOIN customers org ON org.id = c.organization_id
      LEFT JOIN sales_channels ch ON ch.id = coalesce(c.sales_channel_id, org.sales_channel_id)
      LEFT JOIN price_lists pl ON pl.id = ch.price_list_id
      LEFT JOIN product_prices pp ON pp.product_id = p.id AND pp.price_list_id = pl.id
      LEFT JOIN LATERAL (
           SELECT cp.price_cents FROM customer_prices cp
            WHERE cp.customer_id = c.id AND cp.product_id = p.id
              AND cp.min_quantity <= pairs.quantity
              AND coalesce(cp.valid_from, '-infinity') <= current_date
              AND current_date <= coalesce(cp.valid_to, 'infinity')
            ORDER BY cp.min_quantity DESC, coalesce(cp.valid_from, '-infinity') DESC
            LIMIT 1) contract ON true";

fn search_pattern(search: Option<&str>) -> Option<String> {
    search
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(crate::models::catalogs::product::like_pattern)
}

/// A page of the products a user's customers may order, as the portal's products page lists
/// them.
pub struct Shelf {
    pub products: Vec<VisibleProduct>,
    /// How many (customer, product) rows match in all.
    pub total: i64,
    /// Which page this is, from 1.
    pub page: i64,
    /// Whether any of the customers may order at all.
    pub ordering: bool,
}

/// The products the customers of `scope` may order: only customers whose ordering service is
/// active are offered anything (without one, nothing is visible and nothing is queried). See
/// [`visible_products`] for the rest.
pub fn shelf(
    conn: &mut PgConnection,
    scope: &PortalScope,
    search: Option<&str>,
    page: i64,
    per_page: i64,
) -> QueryResult<Shelf> {
    let ordering = approval::with_active_service(conn, scope, Service::Ordering)?;
    let (products, total) = visible_products(conn, &ordering, search, page, per_page)?;
    Ok(Shelf {
        products,
        total,
        page: page.max(1),
        ordering: !ordering.is_empty(),
    })
}

/// One product a customer of `scope` may order, as [`visible_product`] finds it among the
/// customers whose ordering service is active.
pub fn orderable_product(
    conn: &mut PgConnection,
    scope: &PortalScope,
    product_id: i64,
) -> QueryResult<Option<VisibleProduct>> {
    let ordering = approval::with_active_service(conn, scope, Service::Ordering)?;
    visible_product(conn, &ordering, product_id)
}

/// The products visible for the customers of `scope` whose SKU or name contains `search` (any case), a
/// page at a time (`page` from 1; `per_page` 1 to 200), by product name, SKU and customer name;
/// and how many (customer, product) rows there are in all. See the module's documentation for
/// what is visible, at what price and with what stock.
pub fn visible_products(
    conn: &mut PgConnection,
    scope: &PortalScope,
    search: Option<&str>,
    page: i64,
    per_page: i64,
) -> QueryResult<(Vec<VisibleProduct>, i64)> {
    if scope.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let customer_ids = scope.ids();
    let per_page = per_page.clamp(1, PER_PAGE_MAX);
    let offset = (page.max(1) - 1).saturating_mul(per_page);
    let pattern = search_pattern(search);
    let total = diesel::sql_query(format!("SELECT count(*) AS total FROM ({VISIBLE}) pairs"))
        .bind::<Array<BigInt>, _>(&customer_ids)
        .bind::<Nullable<Text>, _>(&pattern)
        .get_result::<Total>(conn)?
        .total;
    let rows: Vec<Row> = diesel::sql_query(format!(
        "WITH pairs AS (SELECT v.*, 1 AS quantity FROM ({VISIBLE}) v) {DETAILS}
          ORDER BY p.name, p.sku, customer_name, c.id
          LIMIT $3 OFFSET $4"
    ))
    .bind::<Array<BigInt>, _>(&customer_ids)
    .bind::<Nullable<Text>, _>(&pattern)
    .bind::<BigInt, _>(per_page)
    .bind::<BigInt, _>(offset)
    .load(conn)?;
    Ok((with_stock(conn, rows)?, total))
}

/// One product as the first customer of `scope` that may see it sees it (in the scope's
/// order: the user's own customer first); None when none of them may see it (or it is inactive or does not exist).
pub fn visible_product(
    conn: &mut PgConnection,
    scope: &PortalScope,
    product_id: i64,
) -> QueryResult<Option<VisibleProduct>> {
    if scope.is_empty() {
        return Ok(None);
    }
    let customer_ids = scope.ids();
    let rows: Vec<Row> = Kept(
        diesel::sql_query(format!(
            "WITH pairs AS (SELECT v.*, 1 AS quantity FROM ({VISIBLE}) v WHERE v.product_id = $3)
             {DETAILS}
              ORDER BY array_position($1, c.id)
              LIMIT 1"
        ))
        .bind::<Array<BigInt>, _>(&customer_ids)
        .bind::<Nullable<Text>, _>(None::<String>)
        .bind::<BigInt, _>(product_id),
    )
    .load(conn)?;
    Ok(with_stock(conn, rows)?.into_iter().next())
}

/// The products asked for (product id, quantity; each product once) that customer
/// `customer_id` may see, with its prices for those quantities, by SKU: what an order of that
/// customer prices its lines with (`stock`: false, their `stock` left empty), and what the cart
/// shows (`stock`: true). A product it may not see (or that is inactive, or does not exist) is
/// missing.
pub fn for_order(
    conn: &mut PgConnection,
    customer_id: i64,
    (asked, stock): (&[(i64, i32)], bool),
) -> QueryResult<Vec<VisibleProduct>> {
    let ids: Vec<String> = asked.iter().map(|(id, _)| id.to_string()).collect();
    let quantities: Vec<i32> = asked.iter().map(|(_, q)| *q).collect();
    let rows = orderable(conn, customer_id, (&ids, &quantities, Key::Id))?;
    match stock {
        true => with_stock(conn, rows),
        false => Ok(rows.into_iter().map(|r| visible(r, Vec::new())).collect()),
    }
}

/// [`for_order`] for the products of the given SKUs (in lower case) and quantities (a SKU
/// asked for twice is priced at both quantities together), found in the same trip: what a
/// quick order prices its lines with. An unknown SKU is missing, like a product the customer
/// may not see.
pub fn for_order_by_sku(
    conn: &mut PgConnection,
    customer_id: i64,
    (skus_lower, quantities): (&[String], &[i32]),
) -> QueryResult<Vec<VisibleProduct>> {
    let rows = orderable(conn, customer_id, (skus_lower, quantities, Key::Sku))?;
    Ok(rows.into_iter().map(|r| visible(r, Vec::new())).collect())
}

/// How the products asked for are named: by id (in decimal) or by SKU (in lower case).
#[derive(Clone, Copy)]
enum Key {
    Id,
    Sku,
}

/// The rows of [`for_order`] and [`for_order_by_sku`]: the pairs of `customer_id` and those of
/// the products asked for that it may see, with their product, customer and price columns at
/// the quantities asked (a product asked for twice, at both together).
fn orderable(
    conn: &mut PgConnection,
    customer_id: i64,
    (keys, quantities, key): (&[String], &[i32], Key),
) -> QueryResult<Vec<Row>> {
    let matches = match key {
        Key::Id => "pr.id = a.key::bigint",
        Key::Sku => "lower(pr.sku) = a.key",
    };
    Kept(
        diesel::sql_query(format!(
            "WITH asked AS (SELECT pr.id, least(sum(a.quantity), 2147483647)::int AS quantity
                              FROM unnest($3::text[], $4::int[]) AS a(key, quantity)
                              JOIN products pr ON {matches}
                             GROUP BY pr.id),
                  pairs AS (SELECT v.customer_id, v.product_id, a.quantity
                              FROM ({VISIBLE}) v JOIN asked a ON a.id = v.product_id
                             WHERE v.product_id = ANY (ARRAY(SELECT id FROM asked)))
             {DETAILS}
             ORDER BY p.sku"
        ))
        .bind::<Array<BigInt>, _>(vec![customer_id])
        .bind::<Nullable<Text>, _>(None::<String>)
        .bind::<Array<Text>, _>(keys)
        .bind::<Array<Int4>, _>(quantities),
    )
    .load(conn)
}

/// Adds each row's prices and its stock at the stores its customer may see.
fn with_stock(conn: &mut PgConnection, rows: Vec<Row>) -> QueryResult<Vec<VisibleProduct>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let customers: Vec<i64> = rows.iter().map(|r| r.customer_id).collect();
    let products: Vec<i64> = rows.iter().map(|r| r.product_id).collect();
    let levels: Vec<StockRow> = Kept(
        diesel::sql_query(
            "SELECT l.customer_id, p.id AS product_id, s.id AS store_id, s.name AS store_name,
                coalesce(ps.quantity, 0) AS quantity
           FROM customer_stock_locations l
           JOIN stores s ON s.id = l.store_id AND s.active
           CROSS JOIN (SELECT DISTINCT unnest($2::bigint[]) AS id) p
           LEFT JOIN product_stock ps ON ps.product_id = p.id AND ps.store_id = s.id
          WHERE l.customer_id = ANY($1)
          ORDER BY s.name, s.id",
        )
        .bind::<Array<BigInt>, _>(&customers)
        .bind::<Array<BigInt>, _>(&products),
    )
    .load(conn)?;
    let mut stock: HashMap<(i64, i64), Vec<StockLevel>> = HashMap::new();
    for l in levels {
        stock
            .entry((l.customer_id, l.product_id))
            .or_default()
            .push(StockLevel {
                store_id: l.store_id,
                store_name: l.store_name,
                quantity: l.quantity,
            });
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let levels = stock.get(&(r.customer_id, r.product_id)).cloned();
            visible(r, levels.unwrap_or_default())
        })
        .collect())
}

/// A row with its prices, and the stock given.
fn visible(r: Row, stock: Vec<StockLevel>) -> VisibleProduct {
    let price = r.price_cents.filter(|_| r.currency.is_some());
    let contract = r.contract_cents.filter(|_| r.currency.is_some());
    VisibleProduct {
        stock,
        product_id: r.product_id,
        sku: r.sku,
        name: r.name,
        description: r.description,
        unit: r.unit,
        specific: r.specific,
        customer_id: r.customer_id,
        customer_name: r.customer_name,
        list_price: price.map(Cents),
        your_price: contract
            .or(price.map(|c| discounted(c, r.discount_bp)))
            .map(Cents),
        contract: contract.is_some(),
        currency: r.currency,
        discount_bp: r.discount_bp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn your_price_rounds_half_up_to_the_cent() {
        // 999 × 0.875 = 874.125 → 874
        assert_eq!(discounted(999, 1250), 874);
        // 100 × 0.875 = 87.5 → 88 (half up)
        assert_eq!(discounted(100, 1250), 88);
        // 1 × 0.5 = 0.5 → 1
        assert_eq!(discounted(1, 5000), 1);
        assert_eq!(discounted(1999, 0), 1999);
        assert_eq!(discounted(1999, 10_000), 0);
        assert_eq!(discounted(i64::MAX, 1), 9_222_449_699_651_090_329);
    }

    #[test]
    fn prices_read_with_their_currency_or_on_request() {
        let en = L10n::english();
        assert_eq!(
            money_text(&en, Some(Cents(123456)), Some("EUR")),
            "1,234.56 EUR"
        );
        assert_eq!(money_text(&en, None, Some("EUR")), "Price on request");
        assert_eq!(money_text(&en, Some(Cents(5)), None), "Price on request");
        let de = L10n::new(
            crate::i18n::Lang::parse("de").unwrap(),
            crate::i18n::Zone::utc(),
        );
        assert_eq!(
            money_text(&de, Some(Cents(123450)), Some("EUR")),
            "1.234,50 €"
        );
        assert_eq!(money_text(&de, None, Some("EUR")), "Preis auf Anfrage");
    }
}
