//! What an order of one customer may use, decided in one place from the customer as it stands:
//! whether it may order at all, where the order may go, how it may be paid, its extended order
//! settings (a customer reference required, a minimum order value), and what its credit allows.
//! Every door that places an order (the portal's checkout, staff ordering on a customer's behalf,
//! and later the API) asks [`Standing::decide`]; the choices a form offers come from the same
//! [`Standing`], so a form never offers what the decision would refuse.
//!
//! The decision is pure. `placing` reads the [`Standing`] inside the order's transaction with the
//! customer's row locked, so two orders of one customer are decided one after the other and can
//! never together pass a credit limit that each alone would not.

use crate::domain::{
    OrderStatus, OverLimitPolicy, PaymentMethod, RelationshipStatus, forms::FormErrors,
};
use crate::i18n::Msg;
use diesel::{
    QueryableByName,
    sql_types::{BigInt, Bool, Int4, Nullable, Text},
};

/// A customer's payment terms, as far as ordering cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Terms {
    /// No payment terms chosen.
    None,
    /// Terms without days ("Full payment before despatch"): it pays before its orders leave.
    BeforeDespatch,
    /// Net so many days.
    Net(i32),
}

/// The customer's terms as its row and its payment terms hold them (read by
/// `placing::standing` in one query).
#[derive(Clone, Debug, QueryableByName)]
pub struct CustomerTerms {
    #[diesel(sql_type = BigInt)]
    pub customer_id: i64,
    /// Its trading name, else its legal name, for the sentences that refuse.
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Text)]
    pub relationship: RelationshipStatus,
    /// Whether its ordering service is active.
    #[diesel(sql_type = Bool)]
    pub ordering: bool,
    /// The customer's own "active" flag.
    #[diesel(sql_type = Bool)]
    pub active: bool,
    /// Merged into another customer.
    #[diesel(sql_type = Bool)]
    pub merged: bool,
    #[diesel(sql_type = Bool)]
    pub term_customer: bool,
    /// Whether it has payment terms, and their days (none: full payment before despatch).
    #[diesel(sql_type = Bool)]
    pub has_terms: bool,
    #[diesel(sql_type = Nullable<Int4>)]
    pub days: Option<i32>,
    #[diesel(sql_type = Bool)]
    pub allow_store_pickup: bool,
    #[diesel(sql_type = Bool)]
    pub allow_cod: bool,
    #[diesel(sql_type = BigInt)]
    pub default_store_id: i64,
    #[diesel(sql_type = Bool)]
    pub reference_required: bool,
    /// The currency of its price list: its orders', its minimum order value's and its credit's
    /// ("" without a price list, when nothing has a price anyway).
    #[diesel(sql_type = Text)]
    pub currency: String,
    #[diesel(sql_type = BigInt)]
    pub minimum_order_cents: i64,
    #[diesel(sql_type = BigInt)]
    pub credit_limit_cents: i64,
    #[diesel(sql_type = BigInt)]
    pub balance_cents: i64,
    /// Its orders on invoice that are not invoiced yet: placed, neither dispatched nor cancelled.
    #[diesel(sql_type = BigInt)]
    pub open_on_invoice_cents: i64,
    #[diesel(sql_type = Text)]
    pub over_limit_policy: OverLimitPolicy,
    /// What of its debts (in its currency) is overdue by more than the settings' days, and how
    /// much of that puts new orders on invoice on hold: the overdue hold, by days and amount.
    #[diesel(sql_type = BigInt)]
    pub overdue_cents: i64,
    #[diesel(sql_type = BigInt)]
    pub overdue_hold_cents: i64,
}

/// The customer as it stands, read in the order's transaction: its terms, and where its orders
/// may go.
#[derive(Clone, Debug)]
pub struct Standing {
    pub customer: CustomerTerms,
    /// The active stores whose stock it may see: the stores it may pick up from.
    pub pickup_stores: Vec<i64>,
    /// Its shipping addresses, the default one first.
    pub ship_to: Vec<i64>,
    /// Each of them as it reads on an order, in one line (line 1, line 2, postcode and city,
    /// country; blank parts left out).
    pub ship_to_lines: Vec<String>,
}

/// Where an order goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// To one of the customer's shipping addresses.
    Ship(i64),
    /// Picked up at a store.
    Pickup(i64),
}

/// What the buyer chose at the checkout.
#[derive(Clone, Debug, Default)]
pub struct Choice {
    pub delivery: Option<Delivery>,
    pub payment: Option<PaymentMethod>,
    /// The customer's reference (PO number), trimmed; empty for none.
    pub reference: String,
    pub requested_delivery: Option<chrono::NaiveDate>,
    pub note: Option<String>,
}

/// An order as proposed: the buyer's choice and the value of its lines, in the price list's
/// currency.
#[derive(Clone, Debug)]
pub struct Proposed {
    pub choice: Choice,
    pub total_cents: i64,
}

/// How an order that may be placed is placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub status: OrderStatus,
    pub fulfilling_store_id: i64,
    /// The payment terms' days, for an order on invoice.
    pub payment_days: Option<i32>,
    /// Placed over the credit limit (held under "warn", marked under "allow").
    pub over_limit: bool,
    /// What the buyer is told beside the confirmation (the hold), if anything.
    pub notice: Option<Msg>,
}

/// Why an order is not placed: the customer may not order at all (one sentence), or a choice is
/// not allowed (a message beside each field).
#[derive(Clone, Debug)]
pub enum Refusal {
    CannotOrder(Msg),
    Fields(FormErrors),
}

/// The credit an order on invoice would use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credit {
    pub limit_cents: i64,
    /// Limit − balance − open orders on invoice (negative when already over).
    pub available_cents: i64,
}

impl Standing {
    /// Shipping address `id` of the customer's as it reads on an order.
    pub fn ship_to_line(&self, id: i64) -> Option<&str> {
        let i = self.ship_to.iter().position(|a| *a == id)?;
        self.ship_to_lines.get(i).map(String::as_str)
    }

    /// Its payment terms.
    pub fn terms(&self) -> Terms {
        match (self.customer.has_terms, self.customer.days) {
            (false, _) => Terms::None,
            (true, None) => Terms::BeforeDespatch,
            (true, Some(days)) => Terms::Net(days),
        }
    }

    /// Whether the customer may order at all: an active relationship, its ordering service
    /// active, its "active" flag on, not merged away. Otherwise the sentence that says why.
    pub fn may_order(&self) -> Result<(), Msg> {
        let name = self.customer.name.as_str();
        if self.customer.merged {
            return Err(Msg::new("order-refused-merged").arg("customer", name));
        }
        if self.customer.relationship != RelationshipStatus::Active {
            return Err(Msg::new("order-refused-relationship").arg("customer", name));
        }
        if !self.customer.ordering {
            return Err(Msg::new("order-refused-service").arg("customer", name));
        }
        if !self.customer.active {
            return Err(Msg::new("order-refused-inactive").arg("customer", name));
        }
        Ok(())
    }

    /// The payment methods it may use, in the order a form offers them: on invoice only for a
    /// term customer whose payment terms have days; cash on delivery (or at pickup) only when
    /// allowed; paying before despatch always, and alone under terms without days.
    pub fn payments(&self) -> Vec<PaymentMethod> {
        if self.terms() == Terms::BeforeDespatch {
            return vec![PaymentMethod::Prepay];
        }
        let mut methods = Vec::new();
        if self.customer.term_customer && matches!(self.terms(), Terms::Net(_)) {
            methods.push(PaymentMethod::Invoice);
        }
        if self.customer.allow_cod {
            methods.push(PaymentMethod::Cod);
        }
        methods.push(PaymentMethod::Prepay);
        methods
    }

    /// The stores it may pick up from: none unless "allow store pickup" is on.
    pub fn pickup_stores(&self) -> &[i64] {
        if self.customer.allow_store_pickup {
            &self.pickup_stores
        } else {
            &[]
        }
    }

    /// Whether `delivery` is one it may use.
    pub fn allows(&self, delivery: Delivery) -> bool {
        match delivery {
            Delivery::Ship(address) => self.ship_to.contains(&address),
            Delivery::Pickup(store) => self.pickup_stores().contains(&store),
        }
    }

    /// The credit situation before an order: what is available under its limit.
    pub fn credit(&self) -> Credit {
        let used = self
            .customer
            .balance_cents
            .saturating_add(self.customer.open_on_invoice_cents);
        Credit {
            limit_cents: self.customer.credit_limit_cents,
            available_cents: self.customer.credit_limit_cents.saturating_sub(used),
        }
    }

    /// Whether its credit now covers a held order of `total_cents` on invoice (itself among the
    /// open orders the credit counts): releasing a hold grows the exposure the hold kept out of
    /// the dispatch queue, so it asks again. Otherwise the sentence with what is available.
    pub fn covers_held(&self, total_cents: i64) -> Result<(), Msg> {
        self.not_overdue()?;
        let available = self.credit().available_cents.saturating_add(total_cents);
        if total_cents <= available {
            return Ok(());
        }
        Err(Msg::new("order-desk-release-over-limit").money(
            "available",
            available.max(0),
            &self.customer.currency,
        ))
    }

    /// Err (saying how much) when more is overdue, for longer, than the settings allow: new
    /// orders on invoice are held until it is paid.
    pub fn not_overdue(&self) -> Result<(), Msg> {
        let c = &self.customer;
        if c.overdue_cents > 0 && c.overdue_cents >= c.overdue_hold_cents {
            let why = Msg::new("order-overdue-held").money("overdue", c.overdue_cents, &c.currency);
            return Err(why);
        }
        Ok(())
    }

    /// Decides an order: refused (and why), or how it is placed. Every rule of ordering is here.
    pub fn decide(&self, order: &Proposed) -> Result<Decision, Refusal> {
        self.may_order().map_err(Refusal::CannotOrder)?;
        let mut errors = FormErrors::new();
        match order.choice.delivery {
            None => errors.add("delivery", Msg::new("order-delivery-missing")),
            Some(d) if !self.allows(d) => {
                errors.add("delivery", Msg::new("order-delivery-not-allowed"))
            }
            Some(_) => {}
        }
        match order.choice.payment {
            None => errors.add("payment", Msg::new("order-payment-missing")),
            Some(p) if !self.payments().contains(&p) => {
                errors.add("payment", Msg::new("order-payment-not-allowed"))
            }
            Some(_) => {}
        }
        if self.customer.reference_required && order.choice.reference.trim().is_empty() {
            errors.add("customer_reference", Msg::new("order-reference-required"));
        }
        if order.total_cents < self.customer.minimum_order_cents {
            errors.add(
                "lines",
                Msg::new("order-below-minimum").money(
                    "minimum",
                    self.customer.minimum_order_cents,
                    &self.customer.currency,
                ),
            );
        }
        let (Some(delivery), Some(payment), true) = (
            order.choice.delivery,
            order.choice.payment,
            errors.is_empty(),
        ) else {
            return Err(Refusal::Fields(errors));
        };
        let fulfilling_store_id = match delivery {
            Delivery::Pickup(store) => store,
            Delivery::Ship(_) => self.customer.default_store_id,
        };
        let placed = |status| Decision {
            status,
            fulfilling_store_id,
            payment_days: None,
            over_limit: false,
            notice: None,
        };
        match payment {
            PaymentMethod::Prepay => Ok(placed(OrderStatus::AwaitingPayment)),
            PaymentMethod::Cod => Ok(placed(OrderStatus::Unallocated)),
            PaymentMethod::Invoice => {
                self.on_credit(order.total_cents, placed(OrderStatus::Unallocated))
            }
        }
    }

    /// An order on invoice against the credit available: within it, placed as it is; over it,
    /// as the over-limit policy says.
    fn on_credit(&self, total_cents: i64, within: Decision) -> Result<Decision, Refusal> {
        let days = match self.terms() {
            Terms::Net(days) => Some(days),
            _ => None,
        };
        if let Err(why) = self.not_overdue() {
            return Ok(Decision {
                status: OrderStatus::CreditHold,
                payment_days: days,
                notice: Some(why),
                ..within
            });
        }
        let available = self.credit().available_cents;
        if total_cents <= available {
            return Ok(Decision {
                payment_days: days,
                ..within
            });
        }
        let over = Decision {
            payment_days: days,
            over_limit: true,
            ..within
        };
        match self.customer.over_limit_policy {
            OverLimitPolicy::Block => Err(Refusal::Fields(FormErrors::one(
                "payment",
                Msg::new("order-credit-blocked").money(
                    "available",
                    available.max(0),
                    &self.customer.currency,
                ),
            ))),
            OverLimitPolicy::Warn => Ok(Decision {
                status: OrderStatus::CreditHold,
                notice: Some(Msg::new("order-credit-held").money(
                    "available",
                    available.max(0),
                    &self.customer.currency,
                )),
                ..over
            }),
            OverLimitPolicy::Allow => Ok(over),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A term customer in good standing: Net 30, 1,000.00 limit, nothing owed, ships to
    /// addresses 10 and 11, picks up at stores 1 and 2 (default store 1).
    fn good() -> Standing {
        Standing {
            customer: CustomerTerms {
                customer_id: 7,
                name: "Acme".into(),
                relationship: RelationshipStatus::Active,
                ordering: true,
                active: true,
                merged: false,
                term_customer: true,
                has_terms: true,
                days: Some(30),
                allow_store_pickup: true,
                allow_cod: true,
                default_store_id: 1,
                reference_required: false,
                currency: "EUR".into(),
                minimum_order_cents: 0,
                credit_limit_cents: 100_000,
                balance_cents: 0,
                open_on_invoice_cents: 0,
                over_limit_policy: OverLimitPolicy::Block,
                overdue_cents: 0,
                overdue_hold_cents: 1,
            },
            pickup_stores: vec![1, 2],
            ship_to: vec![10, 11],
            ship_to_lines: vec!["1 Dock Road".into(), "2 Quay".into()],
        }
    }

    fn order(payment: PaymentMethod, total_cents: i64) -> Proposed {
        Proposed {
            choice: Choice {
                delivery: Some(Delivery::Ship(10)),
                payment: Some(payment),
                ..Choice::default()
            },
            total_cents,
        }
    }

    fn field_errors(result: Result<Decision, Refusal>) -> Vec<String> {
        match result {
            Err(Refusal::Fields(errors)) => errors.fields().map(str::to_string).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    fn cannot(result: Result<Decision, Refusal>) -> String {
        match result {
            Err(Refusal::CannotOrder(m)) => m.id.to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn only_an_active_unmerged_customer_with_ordering_on_may_order() {
        let o = order(PaymentMethod::Prepay, 100);
        assert!(good().decide(&o).is_ok());
        type Change = fn(&mut Standing);
        let cases: [(Change, &str); 5] = [
            (|s| s.customer.merged = true, "order-refused-merged"),
            (
                |s| s.customer.relationship = RelationshipStatus::Blocked,
                "order-refused-relationship",
            ),
            (
                |s| s.customer.relationship = RelationshipStatus::Pending,
                "order-refused-relationship",
            ),
            (|s| s.customer.ordering = false, "order-refused-service"),
            (|s| s.customer.active = false, "order-refused-inactive"),
        ];
        for (change, why) in cases {
            let mut s = good();
            change(&mut s);
            assert_eq!(cannot(s.decide(&o)), why);
        }
    }

    #[test]
    fn payments_follow_the_terms() {
        use PaymentMethod::*;
        assert_eq!(good().payments(), [Invoice, Cod, Prepay]);
        let mut s = good();
        s.customer.term_customer = false;
        assert_eq!(
            s.payments(),
            [Cod, Prepay],
            "not a term customer: no invoice"
        );
        let mut s = good();
        s.customer.has_terms = false;
        assert_eq!(s.payments(), [Cod, Prepay], "terms without any: no invoice");
        let mut s = good();
        s.customer.allow_cod = false;
        assert_eq!(s.payments(), [Invoice, Prepay]);
        let mut s = good();
        s.customer.days = None;
        assert_eq!(
            s.payments(),
            [Prepay],
            "full payment before despatch: only that"
        );
    }

    #[test]
    fn a_payment_method_it_may_not_use_is_refused_beside_the_field() {
        let mut s = good();
        s.customer.allow_cod = false;
        assert_eq!(
            field_errors(s.decide(&order(PaymentMethod::Cod, 100))),
            ["payment"]
        );
        let mut s = good();
        s.customer.term_customer = false;
        assert_eq!(
            field_errors(s.decide(&order(PaymentMethod::Invoice, 100))),
            ["payment"]
        );
        let mut o = order(PaymentMethod::Prepay, 100);
        o.choice.payment = None;
        assert_eq!(field_errors(good().decide(&o)), ["payment"]);
    }

    #[test]
    fn delivery_is_one_of_its_addresses_or_pickup_where_allowed() {
        let s = good();
        let mut o = order(PaymentMethod::Prepay, 100);
        o.choice.delivery = Some(Delivery::Ship(99));
        assert_eq!(
            field_errors(s.decide(&o)),
            ["delivery"],
            "another's address"
        );
        o.choice.delivery = Some(Delivery::Pickup(3));
        assert_eq!(
            field_errors(s.decide(&o)),
            ["delivery"],
            "a store it cannot see"
        );
        o.choice.delivery = None;
        assert_eq!(field_errors(s.decide(&o)), ["delivery"]);
        o.choice.delivery = Some(Delivery::Pickup(2));
        assert_eq!(
            s.decide(&o).unwrap().fulfilling_store_id,
            2,
            "the pickup store fulfils"
        );
        let mut no_pickup = good();
        no_pickup.customer.allow_store_pickup = false;
        assert_eq!(field_errors(no_pickup.decide(&o)), ["delivery"]);
        assert!(no_pickup.pickup_stores().is_empty());
        o.choice.delivery = Some(Delivery::Ship(11));
        assert_eq!(
            s.decide(&o).unwrap().fulfilling_store_id,
            1,
            "else the default store"
        );
    }

    #[test]
    fn a_required_reference_and_the_minimum_order_value_are_checked() {
        let mut s = good();
        s.customer.reference_required = true;
        s.customer.minimum_order_cents = 5_000;
        let mut o = order(PaymentMethod::Prepay, 4_999);
        o.choice.reference = "  ".into();
        assert_eq!(field_errors(s.decide(&o)), ["customer_reference", "lines"]);
        o.choice.reference = "PO-1".into();
        o.total_cents = 5_000;
        assert!(s.decide(&o).is_ok());
    }

    #[test]
    fn statuses_follow_the_payment() {
        let s = good();
        let status = |p| s.decide(&order(p, 100)).unwrap().status;
        assert_eq!(status(PaymentMethod::Prepay), OrderStatus::AwaitingPayment);
        assert_eq!(status(PaymentMethod::Cod), OrderStatus::Unallocated);
        assert_eq!(status(PaymentMethod::Invoice), OrderStatus::Unallocated);
        let invoice = s.decide(&order(PaymentMethod::Invoice, 100)).unwrap();
        assert_eq!(invoice.payment_days, Some(30));
        assert!(!invoice.over_limit);
    }

    #[test]
    fn available_credit_is_the_limit_less_the_balance_and_open_orders_on_invoice() {
        let mut s = good();
        s.customer.balance_cents = 30_000;
        s.customer.open_on_invoice_cents = 20_000;
        assert_eq!(s.credit().available_cents, 50_000);
        // Exactly the available amount passes; a cent more does not.
        assert!(s.decide(&order(PaymentMethod::Invoice, 50_000)).is_ok());
        assert_eq!(
            field_errors(s.decide(&order(PaymentMethod::Invoice, 50_001))),
            ["payment"]
        );
        // Credit is not used by other payments.
        assert!(s.decide(&order(PaymentMethod::Cod, 900_000)).is_ok());
    }

    #[test]
    fn over_the_limit_the_policy_blocks_holds_or_marks() {
        let mut s = good();
        s.customer.balance_cents = 100_000;
        let o = order(PaymentMethod::Invoice, 1);
        s.customer.over_limit_policy = OverLimitPolicy::Block;
        match s.decide(&o) {
            Err(Refusal::Fields(e)) => {
                let m = e.get("payment").unwrap();
                assert_eq!(m.id, "order-credit-blocked");
            }
            other => panic!("{other:?}"),
        }
        s.customer.over_limit_policy = OverLimitPolicy::Warn;
        let held = s.decide(&o).unwrap();
        assert_eq!(held.status, OrderStatus::CreditHold);
        assert!(held.over_limit && held.notice.is_some());
        s.customer.over_limit_policy = OverLimitPolicy::Allow;
        let marked = s.decide(&o).unwrap();
        assert_eq!(marked.status, OrderStatus::Unallocated);
        assert!(marked.over_limit && marked.notice.is_none());
    }

    #[test]
    fn a_hold_is_released_only_when_the_credit_covers_the_held_order_itself_counted_once() {
        let mut s = good();
        // A held order of 300.00 is among the open orders on invoice: 1,000.00 limit,
        // 600.00 owed, so 400.00 is free besides it and it fits.
        s.customer.balance_cents = 60_000;
        s.customer.open_on_invoice_cents = 30_000;
        assert!(s.covers_held(30_000).is_ok());
        // Owing 800.00 leaves 200.00: the order does not fit, and the sentence says what is
        // available.
        s.customer.balance_cents = 80_000;
        let why = s.covers_held(30_000).unwrap_err();
        assert_eq!(why.id, "order-desk-release-over-limit");
    }

    #[test]
    fn an_overdue_debt_holds_a_new_order_on_invoice_by_days_and_amount_not_by_count() {
        let mut s = good();
        let order = |payment| Proposed {
            choice: Choice {
                delivery: Some(Delivery::Ship(10)),
                payment: Some(payment),
                ..Choice::default()
            },
            total_cents: 10_000,
        };
        // Overdue, but less than the amount that holds: placed as it is.
        s.customer.overdue_hold_cents = 5_000;
        s.customer.overdue_cents = 4_999;
        assert_eq!(
            s.decide(&order(PaymentMethod::Invoice)).unwrap().status,
            OrderStatus::Unallocated
        );
        // That much overdue for longer than the days: held, and the buyer is told why.
        s.customer.overdue_cents = 5_000;
        let held = s.decide(&order(PaymentMethod::Invoice)).unwrap();
        assert_eq!(held.status, OrderStatus::CreditHold);
        assert!(
            !held.over_limit,
            "held for what is overdue, not over the limit"
        );
        assert_eq!(held.notice.unwrap().id, "order-overdue-held");
        // Paid up front, it goes through; and a held order is not released while it is overdue.
        assert_ne!(
            s.decide(&order(PaymentMethod::Prepay)).unwrap().status,
            OrderStatus::CreditHold
        );
        assert_eq!(s.covers_held(10_000).unwrap_err().id, "order-overdue-held");
    }
}
