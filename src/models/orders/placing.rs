//! Placing an order: the one door every orderer goes through (a customer user at the portal's
//! checkout, a staff member on the customer's behalf, later the API).
//!
//! In one transaction: the customer's row is locked (two orders of one customer are placed one
//! after the other, so together they never pass a credit limit that each alone would not), the
//! customer's [`Standing`] is read as it is now, the lines are priced at the customer's price (its
//! list price less its individual discount, as the portal shows it) and fixed on the order, the
//! [`Standing::decide`] decides, and the order and its lines are written with the next number.
//! A refusal writes nothing.

use super::terms::{Choice, CustomerTerms, Decision, Delivery, Proposed, Refusal, Standing, Terms};
use super::{
    announcements, desk,
    order::{Order, Placement},
};
use crate::{
    domain::forms::FormErrors,
    domain::{OrderChannel, OrderStatus, PaymentMethod},
    i18n::Msg,
    mail::messages::MailLine,
    models::{cached_sql::Kept, catalogs::portal_catalog, customers::customer::Customer},
    schema::{orders, stores},
};
use chrono::Utc;
use diesel::{
    connection::TransactionManager,
    prelude::*,
    sql_types::{Array, BigInt, Bool, Int4, Text},
};

/// Most lines one order may have.
pub const LINES_MAX: usize = 200;
/// Most of one product one line may order.
pub const QUANTITY_MAX: i32 = 1_000_000;

/// One line as the orderer asked for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wanted {
    pub product_id: i64,
    pub quantity: i32,
}

/// Who places an order or takes a step on one: a customer user, a staff member on the
/// customer's behalf, or an API client (the ERP, another channel).
#[derive(Clone, Debug)]
pub enum Placer {
    User { id: i64, name: String },
    Staff { id: i64, name: String },
    Client { name: String },
}

impl Placer {
    /// The staff member's id, the user's id, and the name the order and its timeline are
    /// signed with (an API client's as "API: <name>", as in the customer's history).
    pub fn signature(&self) -> (Option<i64>, Option<i64>, String) {
        match self {
            Placer::Staff { id, name } => (Some(*id), None, name.clone()),
            Placer::User { id, name } => (None, Some(*id), name.clone()),
            Placer::Client { name } => (None, None, format!("API: {name}")),
        }
    }
}

/// Where an order's lines come from, which decides what becomes of a line whose product the
/// customer may no longer see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinesFrom {
    /// Typed in or pasted: such a line refuses the order.
    Typed,
    /// The buyer's cart: such a line is left out, as the cart no longer shows it.
    Cart,
}

/// An order as the checkout sends it.
#[derive(Clone, Debug)]
pub struct Checkout {
    pub customer_id: i64,
    pub lines: Vec<Wanted>,
    pub lines_from: LinesFrom,
    pub choice: Choice,
    pub placer: Placer,
    pub source: Source,
}

/// Where an order comes from: the portal (and the desk), or another channel through the API,
/// with its id there and its buyer's (a marketplace's).
#[derive(Clone, Debug)]
pub struct Source {
    pub channel: OrderChannel,
    pub order_id: Option<String>,
    pub buyer_id: Option<String>,
}

impl Default for Source {
    fn default() -> Source {
        Source {
            channel: OrderChannel::Web,
            order_id: None,
            buyer_id: None,
        }
    }
}

/// A placed order: its id and number, and what the buyer is told (a credit hold).
#[derive(Clone, Debug)]
pub struct Placed {
    pub id: i64,
    pub number: String,
    pub status: OrderStatus,
    pub notice: Option<Msg>,
}

/// Why no order was written.
pub type NotPlaced = super::NotDone<Refusal>;

/// Places `checkout`'s order, or says why not (and writes nothing). The order's timeline starts
/// with who placed it (and its hold), and its confirmation is queued (`base_url` for its link).
///
/// Inside a transaction of the caller's (a form's one-time key), the order is placed in it and
/// the caller's rollback takes back a failure; a refusal is decided before anything is written.
/// Otherwise the order has a transaction of its own.
pub fn place(
    conn: &mut PgConnection,
    checkout: &Checkout,
    base_url: &str,
) -> Result<Placed, NotPlaced> {
    let depth =
        <PgConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
            .transaction_depth()?;
    match depth {
        Some(_) => place_within(conn, checkout, base_url),
        None => conn.transaction(|conn| place_within(conn, checkout, base_url)),
    }
}

fn place_within(
    conn: &mut PgConnection,
    checkout: &Checkout,
    base_url: &str,
) -> Result<Placed, NotPlaced> {
    let customer = Customer::lock(conn, checkout.customer_id)?;
    let standing = standing(conn, checkout.customer_id)?;
    standing
        .may_order()
        .map_err(|m| NotPlaced::Refused(Refusal::CannotOrder(m)))?;
    let lines = priced(conn, &standing, checkout)?;
    let proposed = Proposed {
        choice: checkout.choice.clone(),
        total_cents: lines.iter().map(|l| l.line_cents).sum(),
    };
    let decision = standing.decide(&proposed).map_err(NotPlaced::Refused)?;
    let number = next_number(conn)?;
    let (order, placement) = insert(conn, checkout, &number, (&standing, &decision), &lines)?;
    desk::record(conn, order.id, &checkout.placer, "placed", None)?;
    super::erp::enter(conn, order.id)?;
    if decision.status == OrderStatus::CreditHold {
        let why = Some(hold_reason(&decision));
        desk::record(conn, order.id, &checkout.placer, "held", why)?;
    }
    let confirmed = announcements::JustPlaced {
        order: &order,
        placement: &placement,
        customer: &customer,
        lines: lines.iter().map(PricedLine::mail_line).collect(),
    };
    announcements::placed(conn, confirmed, base_url).map_err(NotPlaced::Failed)?;
    Ok(Placed {
        id: order.id,
        number,
        status: decision.status,
        notice: decision.notice,
    })
}

/// Why a held order is held: over the credit limit, or overdue debts.
fn hold_reason(decision: &Decision) -> &'static str {
    match decision.over_limit {
        true => "credit_limit",
        false => "overdue",
    }
}

/// Writes the decided order and its lines; the order as written.
fn insert(
    conn: &mut PgConnection,
    checkout: &Checkout,
    number: &str,
    (standing, decision): (&Standing, &Decision),
    lines: &[PricedLine],
) -> QueryResult<(Order, Placement)> {
    let (address, store) = match checkout.choice.delivery {
        Some(Delivery::Ship(address)) => (Some(address), None),
        Some(Delivery::Pickup(store)) => (None, Some(store)),
        None => (None, None),
    };
    let ship_to = address.and_then(|a| standing.ship_to_line(a).map(str::to_string));
    let (staff_id, user_id, placer_name) = checkout.placer.signature();
    let held = decision.status == OrderStatus::CreditHold;
    let (order, placement): (Order, Placement) = diesel::insert_into(orders::table)
        .values((
            (
                orders::order_number.eq(number),
                orders::customer_id.eq(checkout.customer_id),
                orders::placed_at.eq(Utc::now()),
                orders::status.eq(decision.status),
                orders::total_cents.eq(lines.iter().map(|l| l.line_cents).sum::<i64>()),
                orders::currency.eq(&standing.customer.currency),
                orders::channel.eq(checkout.source.channel),
                orders::channel_order_id.eq(&checkout.source.order_id),
                orders::channel_user_id.eq(&checkout.source.buyer_id),
            ),
            (
                orders::customer_reference
                    .eq(Some(&checkout.choice.reference).filter(|r| !r.is_empty())),
                orders::placed_by_user_id.eq(user_id),
                orders::placed_by_staff_id.eq(staff_id),
                orders::placed_by_name.eq(placer_name),
                orders::ship_to_address_id.eq(address),
                orders::ship_to.eq(ship_to),
                orders::pickup_store_id.eq(store),
            ),
            (
                orders::payment_method.eq(checkout.choice.payment.map(|p| p.as_str())),
                orders::payment_days.eq(decision.payment_days),
                orders::fulfilling_store_id.eq(decision.fulfilling_store_id),
                orders::hold_reason.eq(held.then_some(hold_reason(decision))),
                orders::over_limit.eq(decision.over_limit),
                orders::requested_delivery.eq(checkout.choice.requested_delivery),
                orders::note.eq(&checkout.choice.note),
            ),
        ))
        .returning((Order::as_returning(), Placement::as_returning()))
        .get_result(conn)?;
    // One statement text for any number of lines, so it is kept prepared.
    let numbers: Vec<i32> = (1..=lines.len() as i32).collect();
    Kept(
        diesel::sql_query(
            "INSERT INTO order_lines (order_id, line_no, product_id, sku, name, quantity,
                                      unit_cents, line_cents)
             SELECT $1, l.line_no, l.product_id, l.sku, l.name, l.quantity, l.unit_cents,
                    l.line_cents
               FROM unnest($2::integer[], $3::bigint[], $4::text[], $5::text[], $6::integer[],
                           $7::bigint[], $8::bigint[])
                    AS l (line_no, product_id, sku, name, quantity, unit_cents, line_cents)
             RETURNING 1 AS changed",
        )
        .bind::<BigInt, _>(order.id)
        .bind::<Array<Int4>, _>(numbers)
        .bind::<Array<BigInt>, _>(lines.iter().map(|l| l.product_id).collect::<Vec<_>>())
        .bind::<Array<Text>, _>(lines.iter().map(|l| l.sku.as_str()).collect::<Vec<_>>())
        .bind::<Array<Text>, _>(lines.iter().map(|l| l.name.as_str()).collect::<Vec<_>>())
        .bind::<Array<Int4>, _>(lines.iter().map(|l| l.quantity).collect::<Vec<_>>())
        .bind::<Array<BigInt>, _>(lines.iter().map(|l| l.unit_cents).collect::<Vec<_>>())
        .bind::<Array<BigInt>, _>(lines.iter().map(|l| l.line_cents).collect::<Vec<_>>()),
    )
    .changed(conn)?;
    Ok((order, placement))
}

/// A line priced for the order.
#[derive(Clone, Debug)]
struct PricedLine {
    product_id: i64,
    sku: String,
    name: String,
    quantity: i32,
    unit_cents: i64,
    line_cents: i64,
}

impl PricedLine {
    /// The line as the order's confirmation lists it.
    fn mail_line(&self) -> MailLine {
        MailLine {
            sku: self.sku.clone(),
            name: self.name.clone(),
            quantity: self.quantity,
            line_cents: self.line_cents,
        }
    }
}

/// The lines at the customer's prices, one per product (quantities of a product asked for twice
/// add up); refused beside "lines" when there are none or too many, or when a product cannot be
/// ordered (not visible to the customer, inactive, or without a price: "price on request").
/// From a cart, a product the customer no longer sees is left out instead.
fn priced(
    conn: &mut PgConnection,
    standing: &Standing,
    checkout: &Checkout,
) -> Result<Vec<PricedLine>, NotPlaced> {
    let refuse = |m: Msg| NotPlaced::Refused(Refusal::Fields(FormErrors::one("lines", m)));
    let mut merged: Vec<Wanted> = Vec::new();
    for w in &checkout.lines {
        match merged.iter_mut().find(|m| m.product_id == w.product_id) {
            Some(m) => m.quantity = m.quantity.saturating_add(w.quantity),
            None => merged.push(*w),
        }
    }
    if merged.len() > LINES_MAX {
        return Err(refuse(
            Msg::new("order-lines-too-many").arg("max", LINES_MAX),
        ));
    }
    if merged
        .iter()
        .any(|w| !(1..=QUANTITY_MAX).contains(&w.quantity))
    {
        return Err(refuse(
            Msg::new("order-quantity-invalid").arg("max", QUANTITY_MAX),
        ));
    }
    let asked: Vec<(i64, i32)> = merged.iter().map(|w| (w.product_id, w.quantity)).collect();
    let visible = portal_catalog::for_order(conn, standing.customer.customer_id, (&asked, false))?;
    let mut lines = Vec::with_capacity(merged.len());
    for w in &merged {
        let Some(p) = visible.iter().find(|p| p.product_id == w.product_id) else {
            match checkout.lines_from {
                LinesFrom::Cart => continue,
                LinesFrom::Typed => return Err(refuse(Msg::new("order-product-not-orderable"))),
            }
        };
        let (Some(price), Some(currency)) = (p.your_price, p.currency.as_deref()) else {
            return Err(refuse(
                Msg::new("order-product-on-request").arg("sku", p.sku.as_str()),
            ));
        };
        if currency != standing.customer.currency {
            return Err(refuse(Msg::new("order-product-not-orderable")));
        }
        let line_cents = price
            .0
            .checked_mul(w.quantity as i64)
            .ok_or_else(|| refuse(Msg::new("order-quantity-invalid").arg("max", QUANTITY_MAX)))?;
        lines.push(PricedLine {
            product_id: p.product_id,
            sku: p.sku.clone(),
            name: p.name.clone(),
            quantity: w.quantity,
            unit_cents: price.0,
            line_cents,
        });
    }
    if lines.is_empty() {
        return Err(refuse(Msg::new("order-lines-empty")));
    }
    Ok(lines)
}

/// Moves the order number sequence past every `SO-` number orders have (imported ones), so
/// the next number is free. One read of the order numbers: the import calls it once it has
/// written orders, and `next_number` when it meets a number taken anyway.
pub fn numbers_past_taken(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query(
        "SELECT setval('order_numbers', greatest(m, (SELECT last_value FROM order_numbers)))
           FROM (SELECT max(substring(order_number FROM 4)::bigint) AS m
                   FROM orders WHERE order_number ~ '^SO-[0-9]{1,18}$') s
          WHERE m IS NOT NULL",
    )
    .execute(conn)?;
    Ok(())
}

/// The next order number, `SO-` and at least seven digits, from the sequence; a number already
/// taken (an imported order) moves the sequence past all taken ones, so none is ever used twice
/// and a million imported numbers cost one read, not a million tries.
fn next_number(conn: &mut PgConnection) -> QueryResult<String> {
    #[derive(QueryableByName)]
    struct Next {
        #[diesel(sql_type = Text)]
        number: String,
        #[diesel(sql_type = Bool)]
        taken: bool,
    }
    loop {
        let next: Next = Kept(diesel::sql_query(
            "SELECT n.number, EXISTS (SELECT 1 FROM orders o WHERE o.order_number = n.number) AS taken
               FROM (SELECT 'SO-' || lpad(nextval('order_numbers')::text, 7, '0') AS number) n",
        ))
        .get_result(conn)?;
        if !next.taken {
            return Ok(next.number);
        }
        numbers_past_taken(conn)?;
    }
}

/// The customer as it stands, as far as ordering cares (a NotFound when there is none). In an
/// order's transaction the caller has locked the customer's row first.
pub fn standing(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Standing> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(embed)]
        customer: CustomerTerms,
        #[diesel(sql_type = Array<BigInt>)]
        pickup_stores: Vec<i64>,
        #[diesel(sql_type = Array<BigInt>)]
        ship_to: Vec<i64>,
        #[diesel(sql_type = Array<Text>)]
        ship_to_lines: Vec<String>,
    }
    let row: Row = Kept(
        diesel::sql_query(
            "SELECT c.id AS customer_id,
                coalesce(nullif(btrim(c.trading_name), ''), c.legal_name) AS name,
                c.relationship_status AS relationship,
                EXISTS (SELECT 1 FROM customer_services s
                         WHERE s.customer_id = c.id AND s.service = 'ordering'
                           AND s.status = 'active') AS ordering,
                c.active, c.merged_into_id IS NOT NULL AS merged, c.term_customer,
                pt.id IS NOT NULL AS has_terms, pt.days, c.allow_store_pickup, c.allow_cod,
                c.default_store_id, c.reference_required, coalesce(pl.currency, '') AS currency,
                c.minimum_order_cents,
                c.credit_limit_cents,
                coalesce((SELECT b.balance_cents FROM customer_balances b
                           WHERE b.customer_id = c.id AND b.currency = pl.currency), 0)::bigint
                    AS balance_cents,
                coalesce((SELECT sum(o.total_cents) FROM orders o
                           WHERE o.customer_id = c.id AND o.payment_method = 'invoice'
                             AND o.status NOT IN ('dispatched', 'cancelled')
                             AND o.invoice_number IS NULL), 0)::bigint
                    AS open_on_invoice_cents,
                c.over_limit_policy,
                coalesce((SELECT sum(o.open_cents) FROM ledger_open o
                           WHERE o.customer_id = c.id AND o.currency = pl.currency AND o.debit
                             AND o.due_on < vendor_today() - coalesce(
                                 (SELECT v.hold_overdue_days FROM vendor_settings v), 45)),
                         0)::bigint AS overdue_cents,
                coalesce((SELECT v.hold_overdue_cents FROM vendor_settings v), 1)::bigint
                    AS overdue_hold_cents,
                ARRAY(SELECT st.id FROM customer_stock_locations l
                        JOIN stores st ON st.id = l.store_id
                       WHERE l.customer_id = c.id AND st.active
                       ORDER BY st.code) AS pickup_stores,
                ARRAY(SELECT a.id FROM customer_addresses a
                       WHERE a.customer_id = c.id AND a.kind = 'shipping'
                       ORDER BY a.is_default_shipping DESC, a.id) AS ship_to,
                ARRAY(SELECT concat_ws(', ',
                               CASE WHEN a.line1 ~ '\\S' THEN a.line1 END,
                               CASE WHEN a.line2 ~ '\\S' THEN a.line2 END,
                               CASE WHEN concat_ws(' ', nullif(a.postcode, ''), nullif(a.city, '')) ~ '\\S'
                                    THEN concat_ws(' ', nullif(a.postcode, ''), nullif(a.city, '')) END,
                               CASE WHEN a.country ~ '\\S' THEN a.country END)
                        FROM customer_addresses a
                       WHERE a.customer_id = c.id AND a.kind = 'shipping'
                       ORDER BY a.is_default_shipping DESC, a.id) AS ship_to_lines
           FROM customers c
           LEFT JOIN payment_terms pt ON pt.id = c.payment_terms_id
           LEFT JOIN customers org ON org.id = c.organization_id
           LEFT JOIN sales_channels ch ON ch.id = coalesce(c.sales_channel_id, org.sales_channel_id)
           LEFT JOIN price_lists pl ON pl.id = ch.price_list_id
          WHERE c.id = $1",
        )
        .bind::<BigInt, _>(customer_id),
    )
    .get_result(conn)?;
    Ok(Standing {
        customer: row.customer,
        pickup_stores: row.pickup_stores,
        ship_to: row.ship_to,
        ship_to_lines: row.ship_to_lines,
    })
}

/// What a checkout offers a customer: its standing (payments, credit, extended settings), its
/// shipping addresses as they read, and the stores it may pick up from.
#[derive(Clone, Debug)]
pub struct Choices {
    pub standing: Standing,
    pub addresses: Vec<(i64, String)>,
    pub stores: Vec<(i64, String)>,
}

impl Choices {
    /// The payment methods offered: those the decision accepts.
    pub fn payments(&self) -> Vec<PaymentMethod> {
        self.standing.payments()
    }

    /// The payment terms' days, for "send invoice, net N days".
    pub fn net_days(&self) -> i32 {
        match self.standing.terms() {
            Terms::Net(days) => days,
            _ => 0,
        }
    }

    pub fn credit(&self) -> super::terms::Credit {
        self.standing.credit()
    }

    /// Paying on invoice is offered: the credit situation is shown beside it.
    pub fn offers_invoice(&self) -> bool {
        self.payments().contains(&PaymentMethod::Invoice)
    }

    /// The reference field's label: "(required)" when the customer's orders need one.
    pub fn reference_label_id(&self) -> &'static str {
        if self.standing.customer.reference_required {
            "portal-checkout-reference-required"
        } else {
            "portal-checkout-reference"
        }
    }

    /// An amount in the customer's currency, as `l`'s reader writes money.
    pub fn money(&self, l: &crate::i18n::L10n, cents: impl std::borrow::Borrow<i64>) -> String {
        l.money(cents, &self.standing.customer.currency)
    }

    /// The delivery chosen when the form first appears: the default shipping address, else the
    /// first pickup store.
    pub fn first_delivery(&self) -> String {
        match (self.addresses.first(), self.stores.first()) {
            (Some((id, _)), _) => format!("ship:{id}"),
            (None, Some((id, _))) => format!("pickup:{id}"),
            (None, None) => String::new(),
        }
    }
}

/// The checkout's choices for customer `customer_id`.
pub fn choices(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Choices> {
    let standing = standing(conn, customer_id)?;
    let addresses = standing
        .ship_to
        .iter()
        .copied()
        .zip(standing.ship_to_lines.iter().cloned())
        .collect();
    let pickup = standing.pickup_stores().to_vec();
    let stores = stores::table
        .filter(stores::id.eq_any(&pickup))
        .order(stores::name)
        .select((stores::id, stores::name))
        .load(conn)?;
    Ok(Choices {
        standing,
        addresses,
        stores,
    })
}
