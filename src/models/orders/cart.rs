//! A portal user's cart, one per customer it orders for, kept in the database (it survives
//! signing out) until the order is placed. Only products the customer may order go in; a line
//! whose product the customer can no longer order is left out when the cart is read (and the
//! checkout would refuse it anyway).

use super::placing::{QUANTITY_MAX, Wanted};
use crate::{
    i18n::Msg,
    models::{
        cached_sql::Kept,
        catalogs::portal_catalog::{self, VisibleProduct},
        portal::InScope,
    },
    schema::{cart_lines, products},
};
use diesel::{
    prelude::*,
    sql_types::{Array, BigInt, Int4},
};

/// Most lines a cart keeps (an order takes as many).
pub const LINES_MAX: i64 = super::placing::LINES_MAX as i64;

/// One line: the product as the customer sees it (its price, its stock) and how many.
#[derive(Clone, Debug)]
pub struct CartLine {
    pub product: VisibleProduct,
    pub quantity: i32,
}

impl CartLine {
    /// The line's value at the customer's price; None: price on request.
    pub fn line_cents(&self) -> Option<i64> {
        self.product
            .your_price
            .map(|p| p.0.saturating_mul(self.quantity as i64))
    }
}

/// A user's cart for one customer.
#[derive(Clone, Debug)]
pub struct Cart {
    pub customer_id: i64,
    pub lines: Vec<CartLine>,
    /// The SKUs of products in the cart that the customer may no longer order (taken out of its
    /// catalogs, made inactive, unpriced): not among the lines, and left out of the order.
    pub left_out: Vec<String>,
}

impl Cart {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The SKUs left out, as a sentence lists them.
    pub fn left_out_list(&self) -> String {
        self.left_out.join(", ")
    }

    /// The price list's currency of the lines (all the same customer's).
    pub fn currency(&self) -> Option<&str> {
        self.lines
            .iter()
            .find_map(|l| l.product.currency.as_deref())
    }

    /// An amount in the cart's currency, as `l`'s reader writes money.
    pub fn money(&self, l: &crate::i18n::L10n, cents: impl std::borrow::Borrow<i64>) -> String {
        l.money(cents, self.currency().unwrap_or("EUR"))
    }

    /// The value of the lines that have a price.
    pub fn total_cents(&self) -> i64 {
        self.lines.iter().filter_map(CartLine::line_cents).sum()
    }
}

/// The cart of `user_id` for `customer`, by product name, with the customer's prices and stock.
/// A product the customer may no longer order is not among its lines; its SKU is in `left_out`.
pub fn load(conn: &mut PgConnection, user_id: i64, customer: InScope) -> QueryResult<Cart> {
    let customer_id = customer.id();
    let kept: Vec<(i64, i32)> = cart_lines::table
        .filter(cart_lines::user_id.eq(user_id))
        .filter(cart_lines::customer_id.eq(customer_id))
        .select((cart_lines::product_id, cart_lines::quantity))
        .load(conn)?;
    let ids: Vec<i64> = kept.iter().map(|(id, _)| *id).collect();
    let mut products = portal_catalog::for_order(conn, customer_id, (&kept, true))?;
    products.sort_by(|a, b| a.name.cmp(&b.name).then(a.sku.cmp(&b.sku)));
    let gone: Vec<i64> = ids
        .into_iter()
        .filter(|id| !products.iter().any(|p| p.product_id == *id))
        .collect();
    // Rare (a product withdrawn while in a cart): only then a second read, for their SKUs.
    let left_out = match gone.is_empty() {
        true => Vec::new(),
        false => products::table
            .filter(products::id.eq_any(&gone))
            .order(products::sku)
            .select(products::sku)
            .load(conn)?,
    };
    let lines = products
        .into_iter()
        .filter_map(|product| {
            let quantity = kept.iter().find(|(id, _)| *id == product.product_id)?.1;
            Some(CartLine { product, quantity })
        })
        .collect();
    Ok(Cart {
        customer_id,
        lines,
        left_out,
    })
}

/// What an order of the cart asks for, taken out of the cart in one statement: its lines as
/// held, in the order [`load`] shows them (by product name). Only in the order's transaction,
/// whose rollback puts them back when no order is placed. The order itself leaves out a product
/// the customer may no longer see (`placing::LinesFrom::Cart`), as [`load`] does, and prices the
/// rest.
pub fn take(conn: &mut PgConnection, user_id: i64, customer: InScope) -> QueryResult<Vec<Wanted>> {
    #[derive(QueryableByName)]
    struct Held {
        #[diesel(sql_type = BigInt)]
        product_id: i64,
        #[diesel(sql_type = Int4)]
        quantity: i32,
    }
    let held: Vec<Held> = Kept(
        diesel::sql_query(
            "WITH taken AS (DELETE FROM cart_lines WHERE user_id = $1 AND customer_id = $2
                            RETURNING product_id, quantity)
             SELECT t.product_id, t.quantity
               FROM taken t JOIN products p ON p.id = t.product_id
              ORDER BY p.name, p.sku",
        )
        .bind::<BigInt, _>(user_id)
        .bind::<BigInt, _>(customer.id()),
    )
    .load(conn)?;
    Ok(held
        .into_iter()
        .map(|h| Wanted {
            product_id: h.product_id,
            quantity: h.quantity,
        })
        .collect())
}

/// Puts `quantity` more of a product in the cart (up to the most one line takes). Refused,
/// with the sentence that says why, when the customer may not order the product or the cart
/// is full.
pub fn add(
    conn: &mut PgConnection,
    (user_id, customer): (i64, InScope),
    Wanted {
        product_id,
        quantity,
    }: Wanted,
) -> QueryResult<Result<(), Msg>> {
    let customer_id = customer.id();
    if !(1..=QUANTITY_MAX).contains(&quantity) {
        return Ok(Err(
            Msg::new("order-quantity-invalid").arg("max", QUANTITY_MAX)
        ));
    }
    let found = portal_catalog::for_order(conn, customer_id, (&[(product_id, quantity)], false))?;
    let Some(product) = found.first() else {
        return Ok(Err(Msg::new("cart-product-not-orderable")));
    };
    if product.your_price.is_none() {
        return Ok(Err(
            Msg::new("order-product-on-request").arg("sku", product.sku.as_str())
        ));
    }
    let mut answers = put(
        conn,
        (user_id, customer),
        &[Wanted {
            product_id,
            quantity,
        }],
    )?;
    Ok(answers.pop().unwrap_or(Ok(())))
}

/// Puts each of `wanted` (products the customer may order: its caller has checked) in the cart,
/// its quantity added to what the cart has, up to the most one line takes; a product not yet in
/// it is refused once the cart is full. One answer per line, in order; one write for them all.
fn put(
    conn: &mut PgConnection,
    (user_id, customer): (i64, InScope),
    wanted: &[Wanted],
) -> QueryResult<Vec<Result<(), Msg>>> {
    let customer_id = customer.id();
    let mut held: Vec<i64> = cart_lines::table
        .filter(cart_lines::user_id.eq(user_id))
        .filter(cart_lines::customer_id.eq(customer_id))
        .select(cart_lines::product_id)
        .load(conn)?;
    let mut answers = Vec::with_capacity(wanted.len());
    // One row per product: a statement may not change a row twice.
    let mut rows: Vec<Wanted> = Vec::new();
    for w in wanted {
        if !held.contains(&w.product_id) {
            if held.len() as i64 >= LINES_MAX {
                answers.push(Err(Msg::new("order-lines-too-many").arg("max", LINES_MAX)));
                continue;
            }
            held.push(w.product_id);
        }
        match rows.iter_mut().find(|r| r.product_id == w.product_id) {
            Some(r) => r.quantity = r.quantity.saturating_add(w.quantity).min(QUANTITY_MAX),
            None => rows.push(*w),
        }
        answers.push(Ok(()));
    }
    if rows.is_empty() {
        return Ok(answers);
    }
    // One statement text for any number of rows, so it is kept prepared.
    let (ids, quantities): (Vec<i64>, Vec<i32>) =
        rows.iter().map(|r| (r.product_id, r.quantity)).unzip();
    Kept(
        diesel::sql_query(
            "INSERT INTO cart_lines (user_id, customer_id, product_id, quantity)
             SELECT $1, $2, w.product_id, w.quantity
               FROM unnest($3::bigint[], $4::integer[]) AS w (product_id, quantity)
             ON CONFLICT (user_id, customer_id, product_id) DO UPDATE
                SET quantity = least(cart_lines.quantity + excluded.quantity, $5)
             RETURNING 1 AS changed",
        )
        .bind::<BigInt, _>(user_id)
        .bind::<BigInt, _>(customer_id)
        .bind::<Array<BigInt>, _>(ids)
        .bind::<Array<Int4>, _>(quantities)
        .bind::<Int4, _>(QUANTITY_MAX),
    )
    .changed(conn)?;
    Ok(answers)
}

/// Sets a line's quantity; 0 removes it. Refused when the quantity is not one an order takes.
pub fn set(
    conn: &mut PgConnection,
    (user_id, customer): (i64, InScope),
    product_id: i64,
    quantity: i32,
) -> QueryResult<Result<(), Msg>> {
    let line = cart_lines::table.find((user_id, customer.id(), product_id));
    if quantity == 0 {
        diesel::delete(line).execute(conn)?;
        return Ok(Ok(()));
    }
    if !(1..=QUANTITY_MAX).contains(&quantity) {
        return Ok(Err(
            Msg::new("order-quantity-invalid").arg("max", QUANTITY_MAX)
        ));
    }
    diesel::update(line)
        .set(cart_lines::quantity.eq(quantity))
        .execute(conn)?;
    Ok(Ok(()))
}

/// Puts the lines of a past order into the cart ("order again"), at today's prices: a product
/// the customer can no longer order (gone, inactive, no longer visible, or without a price) is
/// left out. Returns how many lines went in and the SKUs left out.
pub fn order_again(
    conn: &mut PgConnection,
    owner: (i64, InScope),
    lines: &[crate::models::orders::order::OrderLine],
) -> QueryResult<(usize, Vec<String>)> {
    let (mut added, mut dropped) = (0, Vec::new());
    for line in lines {
        let outcome = match line.product_id {
            Some(product_id) => {
                let wanted = Wanted {
                    product_id,
                    quantity: line.quantity,
                };
                add(conn, owner, wanted)?
            }
            None => Err(Msg::new("cart-product-not-orderable")),
        };
        match outcome {
            Ok(()) => added += 1,
            Err(_) => dropped.push(line.sku.clone()),
        }
    }
    Ok((added, dropped))
}

/// A quick order's line that went wrong: its number (from 1) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct BadLine {
    pub number: usize,
    pub text: String,
    pub reason: Msg,
}

/// Most lines one paste takes.
pub const QUICK_LINES_MAX: usize = 200;

/// A pasted line that names a product the customer may order: its number (from 1), its text,
/// and what it asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pasted {
    pub number: usize,
    pub text: String,
    pub wanted: Wanted,
}

/// Reads pasted lines for customer `customer_id`, `SKU, quantity` one to a line (a comma,
/// semicolon, tab or spaces between; no quantity is 1; blank lines are skipped): the lines it
/// may order, and each bad one with its number and reason. A SKU the customer may not see reads
/// as unknown (the box tells nobody which SKUs others may order); one without a price is "price
/// on request". One query, however many lines.
pub fn lines_of(
    conn: &mut PgConnection,
    customer_id: i64,
    text: &str,
) -> QueryResult<(Vec<Pasted>, Vec<BadLine>)> {
    let mut bad = Vec::new();
    let mut parsed = Vec::new();
    for (i, raw) in text.lines().enumerate().take(QUICK_LINES_MAX) {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let shown: String = line.chars().take(80).collect();
        match split_line(line) {
            Ok((sku, quantity)) => parsed.push((i + 1, shown, sku.to_string(), quantity)),
            Err(reason) => bad.push(BadLine {
                number: i + 1,
                text: shown,
                reason,
            }),
        }
    }
    if text.lines().count() > QUICK_LINES_MAX {
        bad.push(BadLine {
            number: QUICK_LINES_MAX + 1,
            text: String::new(),
            reason: Msg::new("cart-quick-too-many").arg("max", QUICK_LINES_MAX),
        });
    }
    let skus: Vec<String> = parsed
        .iter()
        .map(|(_, _, sku, _)| sku.to_lowercase())
        .collect();
    let quantities: Vec<i32> = parsed.iter().map(|(_, _, _, q)| *q).collect();
    let visible = portal_catalog::for_order_by_sku(conn, customer_id, (&skus, &quantities))?;
    let mut good = Vec::new();
    for (number, text, sku, quantity) in parsed {
        let sku_lower = sku.to_lowercase();
        let product = visible.iter().find(|v| v.sku.to_lowercase() == sku_lower);
        let reason = match product {
            None => Msg::new("cart-quick-unknown-sku").arg("sku", sku),
            Some(p) if p.your_price.is_none() => {
                Msg::new("order-product-on-request").arg("sku", p.sku.as_str())
            }
            Some(p) => {
                let wanted = Wanted {
                    product_id: p.product_id,
                    quantity,
                };
                good.push(Pasted {
                    number,
                    text,
                    wanted,
                });
                continue;
            }
        };
        bad.push(BadLine {
            number,
            text,
            reason,
        });
    }
    bad.sort_by_key(|b| b.number);
    Ok((good, bad))
}

/// Adds the lines of a quick order (as [`lines_of`] reads them) to the cart. Good lines go in;
/// each bad one is named with its number and reason. Returns how many lines were added.
pub fn quick(
    conn: &mut PgConnection,
    owner: (i64, InScope),
    text: &str,
) -> QueryResult<(usize, Vec<BadLine>)> {
    let (good, mut bad) = lines_of(conn, owner.1.id(), text)?;
    let mut added = 0;
    // `lines_of` found each product orderable, priced, with a quantity an order takes.
    let wanted: Vec<Wanted> = good.iter().map(|line| line.wanted).collect();
    let answers = put(conn, owner, &wanted)?;
    for (line, answer) in good.into_iter().zip(answers) {
        match answer {
            Ok(()) => added += 1,
            Err(reason) => bad.push(BadLine {
                number: line.number,
                text: line.text,
                reason,
            }),
        }
    }
    bad.sort_by_key(|b| b.number);
    Ok((added, bad))
}

/// A quick-order line's SKU and quantity.
fn split_line(line: &str) -> Result<(&str, i32), Msg> {
    let mut parts = line
        .split(|c: char| c == ',' || c == ';' || c == '\t' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let sku = parts.next().unwrap_or_default();
    let quantity = match parts.next() {
        None => 1,
        Some(q) => match q.parse::<i32>() {
            Ok(n) if (1..=QUANTITY_MAX).contains(&n) => n,
            _ => return Err(Msg::new("order-quantity-invalid").arg("max", QUANTITY_MAX)),
        },
    };
    if parts.next().is_some() {
        return Err(Msg::new("cart-quick-shape"));
    }
    Ok((sku, quantity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_order_lines_are_a_sku_and_a_quantity() {
        for (line, sku, quantity) in [
            ("VLV-100, 3", "VLV-100", 3),
            ("VLV-100;3", "VLV-100", 3),
            ("VLV-100\t12", "VLV-100", 12),
            ("VLV-100   2", "VLV-100", 2),
            ("VLV-100", "VLV-100", 1),
        ] {
            assert_eq!(split_line(line).unwrap(), (sku, quantity), "{line}");
        }
        for (line, why) in [
            ("VLV-100, 0", "order-quantity-invalid"),
            ("VLV-100, two", "order-quantity-invalid"),
            ("VLV-100, -1", "order-quantity-invalid"),
            ("VLV-100, 2, 3", "cart-quick-shape"),
        ] {
            assert_eq!(split_line(line).unwrap_err().id, why, "{line}");
        }
    }
}
