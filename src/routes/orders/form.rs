//! The form an order is placed with, at the portal's checkout and on a customer's behalf: the
//! delivery and payment chosen, the customer's reference, a requested delivery date and a note
//! (and, on behalf, the lines typed as `SKU, quantity`). Both pages show its choices from the
//! same `templates/orders/_choices.html`.

use crate::{
    domain::{
        Note, PaymentMethod, Text,
        forms::{Fields, FormErrors},
    },
    i18n::Msg,
    models::orders::{
        placing::{Checkout, Choices, LinesFrom, Placer, Source},
        terms::{Choice, Delivery},
    },
};
use serde::Deserialize;

/// What the checkout form sends.
#[derive(Deserialize, Default, Clone)]
pub struct OrderForm {
    /// The lines, `SKU, quantity` one to a line (on a customer's behalf; the portal's come from
    /// the cart).
    #[serde(default)]
    pub lines: String,
    #[serde(rename = "for", default)]
    pub for_id: Option<i64>,
    /// `ship:{address id}` or `pickup:{store id}`.
    #[serde(default)]
    pub delivery: String,
    #[serde(default)]
    pub payment: String,
    #[serde(default)]
    pub customer_reference: String,
    #[serde(default)]
    pub requested_delivery: String,
    #[serde(default)]
    pub note: String,
}

impl OrderForm {
    fn delivery(&self) -> Option<Delivery> {
        let (kind, id) = self.delivery.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "ship" => Some(Delivery::Ship(id)),
            "pickup" => Some(Delivery::Pickup(id)),
            _ => None,
        }
    }

    fn payment(&self) -> Option<PaymentMethod> {
        self.payment.parse().ok()
    }

    /// The order as sent (its lines are the cart's, read when it is placed), or the messages
    /// beside the reference, the date and the note. Delivery and payment are the decision's to
    /// judge.
    pub fn checkout(&self, customer_id: i64, placer: Placer) -> Result<Checkout, FormErrors> {
        let mut f = Fields::new();
        let reference = f.optional(
            "customer_reference",
            &self.customer_reference,
            Text::<60>::parse,
        );
        let requested_delivery =
            f.optional("requested_delivery", &self.requested_delivery, |day| {
                chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                    .ok()
                    .filter(|d| *d >= chrono::Utc::now().date_naive())
                    .ok_or(Msg::new("portal-checkout-date-invalid"))
            });
        let note = f.optional("note", &self.note, Note::<2000>::parse);
        f.finish(|| Checkout {
            customer_id,
            lines: Vec::new(),
            lines_from: LinesFrom::Typed,
            choice: Choice {
                delivery: self.delivery(),
                payment: self.payment(),
                reference: reference.map(Text::into_string).unwrap_or_default(),
                requested_delivery,
                note: note.map(Note::into_string),
            },
            placer,
            source: Source::default(),
        })
    }
}

impl OrderForm {
    /// As the form first appears: the default shipping address, and the first way to pay the
    /// customer may use (on invoice for a term customer).
    pub fn first_choices(&mut self, choices: &Choices) {
        if self.delivery.is_empty() {
            self.delivery = choices.first_delivery();
        }
        if self.payment.is_empty() {
            self.payment = choices
                .payments()
                .first()
                .map_or("", |p| p.as_str())
                .to_string();
        }
    }

    pub fn is_delivery(&self, value: &str) -> bool {
        self.delivery == value
    }

    pub fn is_payment(&self, method: &PaymentMethod) -> bool {
        self.payment == method.as_str()
    }
}
