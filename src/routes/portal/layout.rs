//! What every portal page's template needs: the title, the signed-in user and customer for the
//! header, the CSRF token, the submission key of a create form, flash messages, and the banner of
//! a staff member's read-only view.

use super::guard::Portal;
use crate::models::access::customer_user::Ability;
use crate::routes::layout::{Frame, Viewer};
use actix_web::{HttpMessage, HttpRequest};

/// The portal's frame (see `crate::routes::layout::Frame`). Its viewer is the admitted
/// `Portal` itself: the header reads the user's and customer's names from it, and pages that
/// label rows by customer ask the frame.
pub type PortalLayout = Frame<Portal>;

impl PortalLayout {
    /// Whether the signed-in user's role may `ability`: what the navigation and the pages offer.
    fn may(&self, ability: Ability) -> bool {
        self.viewer.as_ref().is_some_and(|p| p.may(ability))
    }

    pub fn may_order(&self) -> bool {
        self.may(Ability::Order)
    }

    pub fn may_see_accounts(&self) -> bool {
        self.may(Ability::Accounts)
    }

    pub fn may_request(&self) -> bool {
        self.may(Ability::Requests)
    }

    pub fn may_ship_to(&self) -> bool {
        self.may(Ability::ShipTo)
    }

    pub fn may_manage_users(&self) -> bool {
        self.may(Ability::ManageUsers)
    }

    pub fn may_edit_contacts(&self) -> bool {
        self.may(Ability::Contacts)
    }

    pub fn read_only(&self) -> bool {
        self.viewer.as_ref().is_some_and(|p| p.read_only())
    }

    /// More than one customer in view: pages label rows by customer.
    pub fn sees_several(&self) -> bool {
        self.viewer.as_ref().is_some_and(|p| p.sees_several())
    }

    /// How many customers the user sees.
    pub fn customers_in_view(&self) -> usize {
        self.viewer
            .as_ref()
            .map_or(0, |p| p.scope.customers().len())
    }

    /// The services a request asks for, in the reader's language.
    pub fn services(&self, request: &crate::models::approvals::approval::Request) -> String {
        request.services_in(&self.l)
    }

    /// The customers in view, the user's own first: what a "customer" choice offers.
    pub fn scope_customers(&self) -> &[crate::models::portal::ScopeCustomer] {
        self.viewer.as_ref().map_or(&[], |p| p.scope.customers())
    }

    /// The name of a customer in view, for a row's label.
    pub fn customer_name(&self, id: i64) -> &str {
        self.viewer.as_ref().map_or("", |p| p.customer_name(id))
    }
}

impl Viewer for Portal {
    fn of(req: &HttpRequest) -> Option<Portal> {
        req.extensions().get::<Portal>().cloned()
    }

    fn chose(&self) -> (Option<&str>, Option<&str>) {
        (
            self.user.language.as_deref(),
            self.user.time_zone.as_deref(),
        )
    }
}

/// The error page inside the portal: its own look, and a way back to the portal's home.
#[derive(askama::Template)]
#[template(path = "portal/error.html")]
pub struct PortalErrorPage {
    pub layout: PortalLayout,
    pub status: u16,
    pub heading: String,
    pub message: String,
}
