//! The fixed vocabularies of the customer record.

use crate::text_enum;

text_enum!(
    /// A customer proper, or an organization that groups customers.
    CustomerKind { Customer => ("customer", "Customer"), Organization => ("organization", "Organization") }
);

text_enum!(CustomerType { Business => ("business", "Business"), Individual => ("individual", "Individual") });

text_enum!(
    /// What happens to an order that would take the balance over the credit limit.
    OverLimitPolicy {
        Block => ("block", "Block the order"),
        Warn => ("warn", "Warn, then allow"),
        Allow => ("allow", "Allow"),
    }
);

text_enum!(
    SalesTaxType {
        Taxable => ("taxable", "Taxable"),
        Government => ("government", "Government"),
        Wholesale => ("wholesale", "Wholesale"),
        Other => ("other", "Other"),
    }
);

text_enum!(
    /// A flag for records that need a look: a colour, or CHK for "needs checking".
    ReviewFlag {
        Red => ("red", "Red"),
        Orange => ("orange", "Orange"),
        Yellow => ("yellow", "Yellow"),
        Green => ("green", "Green"),
        Blue => ("blue", "Blue"),
        Purple => ("purple", "Purple"),
        Check => ("CHK", "CHK (needs checking)"),
    }
);

text_enum!(
    /// The business relationship; changed only by the approvals workflow.
    RelationshipStatus {
        Pending => ("pending", "Pending request"),
        Active => ("active", "Active"),
        Rejected => ("rejected", "Rejected"),
        Blocked => ("blocked", "Blocked"),
        Inactive => ("inactive", "Inactive"),
    }
);

text_enum!(
    AddressKind {
        Billing => ("billing", "Billing"),
        Shipping => ("shipping", "Shipping (ship-to)"),
        Admin => ("admin", "Admin"),
    }
);

text_enum!(
    /// What a contact can be notified of. The two sell-to events apply to bill-to customers only.
    ContactEvent {
        OrderConfirmation => ("order_confirmation", "Order confirmation"),
        InvoicePosted => ("invoice_posted", "Invoice posted"),
        InvoiceDue => ("invoice_due", "Invoice due"),
        ShipmentNotification => ("shipment_notification", "Shipment notification"),
        Statements => ("statements", "Statements"),
        SuggestedOrder => ("suggested_order", "Suggested order"),
        SellToOrderConfirmation => ("sell_to_order_confirmation", "Sell-to order confirmation"),
        SellToInvoicePosted => ("sell_to_invoice_posted", "Sell-to invoice posted"),
    }
);

impl ContactEvent {
    pub fn bill_to_only(&self) -> bool {
        matches!(
            self,
            ContactEvent::SellToOrderConfirmation | ContactEvent::SellToInvoicePosted
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_through_their_database_spelling() {
        for f in ReviewFlag::ALL {
            assert_eq!(f.as_str().parse::<ReviewFlag>().unwrap(), *f);
        }
        assert_eq!("CHK".parse::<ReviewFlag>().unwrap(), ReviewFlag::Check);
        assert!("pink".parse::<ReviewFlag>().is_err());
    }
}

text_enum!(
    /// Where an order stands. Paid-before-despatch orders wait for their payment and orders over
    /// the credit limit under "warn" wait for a release; the rest of the dispatch queue is
    /// unallocated (ready), allocated, then dispatched, or cancelled on the way.
    OrderStatus {
        AwaitingPayment => ("awaiting_payment", "Awaiting payment"),
        CreditHold => ("credit_hold", "Credit hold"),
        Unallocated => ("unallocated", "Unallocated"),
        Allocated => ("allocated", "Allocated"),
        Dispatched => ("dispatched", "Dispatched"),
        Cancelled => ("cancelled", "Cancelled"),
    }
);

text_enum!(
    /// How an order is paid: on invoice (a term customer, net its payment terms' days), cash on
    /// delivery or at pickup, or before despatch.
    PaymentMethod {
        Invoice => ("invoice", "Send invoice"),
        Cod => ("cod", "Cash on delivery"),
        Prepay => ("prepay", "Pay before despatch"),
    }
);

text_enum!(
    /// Where an order came from.
    OrderChannel {
        Web => ("web", "Web"),
        Edi => ("edi", "EDI"),
        Ebay => ("ebay", "eBay"),
        Amazon => ("amazon", "Amazon"),
    }
);
