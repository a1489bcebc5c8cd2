//! The two status axes of the approvals workflow, as state machines: the business relationship
//! of a customer, and the status of each service it may use. Only the transitions listed here
//! are allowed; everything else is refused with a sentence a person can read (a 409 over HTTP).

use super::RelationshipStatus;
use crate::i18n::Msg;
use crate::text_enum;

text_enum!(
    /// What a customer can ask for: ordering (enabled with catalogs) and the integration
    /// transaction types.
    Service {
        Ordering => ("ordering", "Ordering"),
        Orders => ("orders", "Orders"),
        OrderAcknowledgements => ("order_acknowledgements", "Order acknowledgements"),
        ShipNotices => ("ship_notices", "Ship notices"),
        Invoices => ("invoices", "Invoices"),
        PriceFiles => ("price_files", "Price files"),
    }
);

impl Service {
    /// The integration transaction types: every service but ordering.
    pub const INTEGRATIONS: &'static [Service] = &[
        Service::Orders,
        Service::OrderAcknowledgements,
        Service::ShipNotices,
        Service::Invoices,
        Service::PriceFiles,
    ];
}

text_enum!(
    /// Where one service of one customer stands.
    ServiceStatus {
        NotRequested => ("not_requested", "Not requested"),
        Requested => ("requested", "Requested"),
        Active => ("active", "Active"),
        Inactive => ("inactive", "Inactive"),
    }
);

text_enum!(
    /// What a request in the approval queue is: services asked for, or a proposed change to a
    /// ship-to address (`models::approvals::ship_to`).
    RequestKind {
        Services => ("services", "Services"),
        ShipTo => ("ship_to", "Ship-to address change"),
    }
);

text_enum!(
    /// Where a request stands in the approval queue.
    RequestStatus {
        Open => ("open", "Open"),
        Approved => ("approved", "Approved"),
        Rejected => ("rejected", "Rejected"),
        WaitingOnCustomer => ("waiting_on_customer", "Waiting on the customer"),
    }
);

impl RequestStatus {
    /// Still waiting for a decision (waiting on the customer can still be decided).
    pub fn is_undecided(&self) -> bool {
        matches!(self, RequestStatus::Open | RequestStatus::WaitingOnCustomer)
    }
}

impl RelationshipStatus {
    /// pending → active | rejected; active → blocked | inactive; blocked → active;
    /// inactive → active. Rejected is final: no relationship was ever made.
    pub fn can_become(self, to: RelationshipStatus) -> bool {
        use RelationshipStatus::*;
        matches!(
            (self, to),
            (Pending, Active)
                | (Pending, Rejected)
                | (Active, Blocked)
                | (Active, Inactive)
                | (Blocked, Active)
                | (Inactive, Active)
        )
    }

    /// The new status, or why it cannot be reached from this one.
    pub fn transition(self, to: RelationshipStatus) -> Result<RelationshipStatus, Msg> {
        if self.can_become(to) {
            Ok(to)
        } else {
            Err(Msg::new("relationship-cannot-become")
                .label("from", self.inline_id())
                .label("to", to.inline_id()))
        }
    }

    /// The label's id as it reads inside a sentence ("is blocked").
    pub fn inline_id(&self) -> String {
        format!("{}.inline", self.label_id())
    }
}

impl ServiceStatus {
    /// not_requested → requested; requested → active | inactive; active → inactive;
    /// inactive → requested (a declined or switched-off service can be asked for again).
    pub fn can_become(self, to: ServiceStatus) -> bool {
        use ServiceStatus::*;
        matches!(
            (self, to),
            (NotRequested, Requested)
                | (Requested, Active)
                | (Requested, Inactive)
                | (Active, Inactive)
                | (Inactive, Requested)
        )
    }

    /// The new status of `service`, or why not. Becoming active also needs an active relationship.
    pub fn transition(
        self,
        to: ServiceStatus,
        service: Service,
        relationship: RelationshipStatus,
    ) -> Result<ServiceStatus, Msg> {
        if !self.can_become(to) {
            return Err(Msg::new("service-cannot-become")
                .label("service", service.label_id())
                .label("from", self.inline_id())
                .label("to", to.inline_id()));
        }
        if to == ServiceStatus::Active && relationship != RelationshipStatus::Active {
            return Err(Msg::new("service-needs-active-relationship")
                .label("service", service.label_id())
                .label("relationship", relationship.inline_id()));
        }
        Ok(to)
    }

    /// The label's id as it reads inside a sentence ("is active").
    pub fn inline_id(&self) -> String {
        format!("{}.inline", self.label_id())
    }

    /// Switching back on a service that blocking (or deactivating) switched off: allowed only for
    /// the services remembered then, and only once the relationship is active again.
    pub fn restore(
        self,
        remembered: bool,
        service: Service,
        relationship: RelationshipStatus,
    ) -> Result<ServiceStatus, Msg> {
        if self != ServiceStatus::Inactive || !remembered {
            return Err(Msg::new("service-nothing-to-restore").label("service", service.label_id()));
        }
        if relationship != RelationshipStatus::Active {
            return Err(Msg::new("service-restore-needs-active-relationship")
                .label("service", service.label_id())
                .label("relationship", relationship.inline_id()));
        }
        Ok(ServiceStatus::Active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelationshipStatus as R;
    use ServiceStatus as S;

    #[test]
    fn relationship_allows_exactly_its_transitions() {
        let allowed = [
            (R::Pending, R::Active),
            (R::Pending, R::Rejected),
            (R::Active, R::Blocked),
            (R::Active, R::Inactive),
            (R::Blocked, R::Active),
            (R::Inactive, R::Active),
        ];
        for from in R::ALL {
            for to in R::ALL {
                let ok = allowed.contains(&(*from, *to));
                assert_eq!(from.transition(*to).is_ok(), ok, "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn a_refused_relationship_transition_says_why() {
        assert_eq!(
            R::Rejected.transition(R::Active).unwrap_err().to_string(),
            "The relationship is rejected; it cannot become active."
        );
    }

    #[test]
    fn services_allow_exactly_their_transitions_while_the_relationship_is_active() {
        let allowed = [
            (S::NotRequested, S::Requested),
            (S::Requested, S::Active),
            (S::Requested, S::Inactive),
            (S::Active, S::Inactive),
            (S::Inactive, S::Requested),
        ];
        for from in S::ALL {
            for to in S::ALL {
                let ok = allowed.contains(&(*from, *to));
                assert_eq!(
                    from.transition(*to, Service::Invoices, R::Active).is_ok(),
                    ok,
                    "{from:?} → {to:?}"
                );
            }
        }
    }

    #[test]
    fn a_service_becomes_active_only_while_the_relationship_is_active() {
        for rel in R::ALL {
            let result = S::Requested.transition(S::Active, Service::Ordering, *rel);
            assert_eq!(result.is_ok(), *rel == R::Active, "{rel:?}");
        }
        assert_eq!(
            S::Requested
                .transition(S::Active, Service::Orders, R::Blocked)
                .unwrap_err()
                .to_string(),
            "Orders cannot be active while the relationship is blocked."
        );
        // Switching off and asking are not tied to the relationship.
        assert!(
            S::Active
                .transition(S::Inactive, Service::Orders, R::Blocked)
                .is_ok()
        );
        assert!(
            S::NotRequested
                .transition(S::Requested, Service::Orders, R::Pending)
                .is_ok()
        );
    }

    #[test]
    fn only_remembered_services_are_restored_and_only_into_an_active_relationship() {
        assert_eq!(
            S::Inactive.restore(true, Service::Invoices, R::Active),
            Ok(S::Active)
        );
        assert!(
            S::Inactive
                .restore(false, Service::Invoices, R::Active)
                .is_err()
        );
        assert!(
            S::Inactive
                .restore(true, Service::Invoices, R::Blocked)
                .is_err()
        );
        for from in [S::NotRequested, S::Requested, S::Active] {
            assert!(from.restore(true, Service::Invoices, R::Active).is_err());
        }
    }

    #[test]
    fn request_statuses_know_whether_they_are_decided() {
        assert!(RequestStatus::Open.is_undecided());
        assert!(RequestStatus::WaitingOnCustomer.is_undecided());
        assert!(!RequestStatus::Approved.is_undecided());
        assert!(!RequestStatus::Rejected.is_undecided());
    }
}
