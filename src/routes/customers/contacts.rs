//! What a customer's contact pages add to the sub-record skeleton (`sub_records`): what each
//! contact is notified of. The sell-to events are offered, and accepted, only for a customer
//! that other customers bill to.

use crate::{domain::ContactEvent, routes::customers::sub_records::ContactFormPage};

impl ContactFormPage {
    /// Whether other customers bill to this one: only then are the sell-to events offered.
    pub(crate) fn is_bill_to(&self) -> bool {
        self.context
    }

    /// The edited contact has sell-to events that this customer is no longer offered (saving
    /// drops them).
    pub(crate) fn unoffered(&self) -> bool {
        self.record_id.is_some()
            && !self.errors.has("subscriptions")
            && self.fields.has_unoffered(self.context)
    }

    /// The events this customer's contacts may be notified of.
    pub(crate) fn events(&self) -> Vec<ContactEvent> {
        ContactEvent::ALL
            .iter()
            .copied()
            .filter(|e| self.context || !e.bill_to_only())
            .collect()
    }
}
