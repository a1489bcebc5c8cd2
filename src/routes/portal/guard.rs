//! The one place that decides what a portal request may see.
//!
//! `require_customer_user` admits a request only with a portal session naming an active user of
//! a customer whose relationship allows the portal (not blocked, not rejected, not merged away).
//! It checks on every request, not only at sign-in: a user revoked, or a customer blocked,
//! mid-session is signed out on the next request. It then works out the `PortalScope`: the
//! customers whose data this user may see (its own, and for a master or bill-to customer the
//! customers associated with it), and hands handlers a `Portal` value. Every portal query takes
//! `Portal::scope`; no handler decides visibility on its own, and a scope cannot be made out of
//! a list of ids (only by the guard's lookup, `PortalScope::of_user`).
//! A staff member's "view as customer" session is read-only: anything but GET/HEAD is a 403.
//!
//! What a user may do beyond reading products and orders is its role's (`CustomerRole::may`):
//! the route table wraps each resource that needs more in `require_ability`, which answers
//! the portal's 403 page to a role without it.

use crate::{
    auth::{csrf::CsrfToken, guard::Admitted, session},
    db::{self, DbPool},
    domain::RelationshipStatus,
    error::AppError,
    i18n::Msg,
    models::{
        access::customer_user::{Ability, CustomerUser, UserStatus},
        access::staff::{Role, Staff},
        customers::customer::Customer,
        portal::PortalScope,
    },
};
use actix_session::{Session, SessionExt};
use actix_web::{
    Error, HttpMessage, HttpResponse,
    body::{BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::{Method, header},
    middleware::Next,
    web,
};
use diesel::prelude::*;

/// The signed-in customer user, its customer and what it may see.
#[derive(Clone, Debug)]
pub struct PortalUser {
    pub user: CustomerUser,
    pub customer: Customer,
    /// The customers it may see: the only scope portal queries take.
    pub scope: PortalScope,
    /// Set when a staff member is viewing as this user (read-only).
    pub viewing_staff: Option<String>,
}

/// The admitted customer user, for handlers behind `require_customer_user`.
pub type Portal = Admitted<PortalUser>;

impl PortalUser {
    /// More than one customer: pages label rows by customer.
    pub fn sees_several(&self) -> bool {
        self.scope.sees_several()
    }

    pub fn customer_name(&self, id: i64) -> &str {
        self.scope.customer_name(id)
    }

    pub fn read_only(&self) -> bool {
        self.viewing_staff.is_some()
    }

    /// Whether the user's role may `ability`.
    pub fn may(&self, ability: Ability) -> bool {
        self.user.may(ability)
    }
}

type MiddlewareFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<ServiceResponse<BoxBody>, Error>>>>;

/// Middleware factory, inside `require_customer_user`: only users whose role may `ability`
/// pass; others get the portal's 403 page.
pub fn require_ability(
    ability: Ability,
) -> impl Fn(ServiceRequest, Next<BoxBody>) -> MiddlewareFuture + Clone {
    move |req: ServiceRequest, next: Next<BoxBody>| {
        Box::pin(async move {
            let allowed = req
                .extensions()
                .get::<Portal>()
                .is_some_and(|p| p.may(ability));
            if !allowed {
                let refusal = Msg::new("refusal-portal-role");
                return Ok(req.error_response(AppError::Forbidden(refusal)));
            }
            next.call(req).await
        })
    }
}

/// Whether a customer's users may use the portal at all.
pub fn portal_allowed(customer: &Customer) -> bool {
    customer.merged_into_id.is_none()
        && !matches!(
            customer.relationship_status,
            RelationshipStatus::Blocked | RelationshipStatus::Rejected
        )
}

enum Outcome {
    Admitted(Box<PortalUser>),
    /// Signed out: why, for the sign-in page.
    Refused(&'static str),
}

fn load(conn: &mut PgConnection, user_id: i64, viewing_staff: Option<i64>) -> QueryResult<Outcome> {
    let Some((user, customer, scope)) = PortalScope::of_user(conn, user_id)? else {
        return Ok(Outcome::Refused("ended"));
    };
    if user.status != UserStatus::Active && viewing_staff.is_none() {
        return Ok(Outcome::Refused("ended"));
    }
    if !portal_allowed(&customer) {
        return Ok(Outcome::Refused("withdrawn"));
    }
    let viewing_staff = match viewing_staff {
        Some(id) => match Staff::find(conn, id).optional()? {
            Some(s) if s.active && (s.has_role(Role::Admin) || s.has_role(Role::DigitalAdmin)) => {
                Some(s.name)
            }
            _ => return Ok(Outcome::Refused("ended")),
        },
        None => None,
    };
    Ok(Outcome::Admitted(Box::new(PortalUser {
        user,
        customer,
        scope,
        viewing_staff,
    })))
}

/// Middleware: only active users of customers that may use the portal pass.
pub async fn require_customer_user(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let session = req.get_session();
    let (user_id, viewing) = match (
        session::customer_user_id(&session),
        session::view_as_staff_id(&session),
    ) {
        (Ok(Some(id)), Ok(viewing)) => (id, viewing),
        (Ok(None), _) => return Ok(to_sign_in(req, None)),
        (Err(e), _) | (_, Err(e)) => return Ok(req.error_response(e)),
    };
    match check(&req, user_id, viewing).await {
        Ok(Outcome::Admitted(portal)) => match admit(&req, &session, *portal) {
            Ok(()) => next
                .call(req)
                .await
                .map(ServiceResponse::map_into_boxed_body),
            Err(e) => Ok(req.error_response(e)),
        },
        Ok(Outcome::Refused(why)) => {
            log::info!("portal session of customer user {user_id} ended: {why}");
            session::sign_out(&session);
            Ok(to_sign_in(req, Some(why)))
        }
        Err(e) => Ok(req.error_response(e)),
    }
}

/// Whether the session's user (and the staff member viewing as them) may still use the portal.
async fn check(
    req: &ServiceRequest,
    user_id: i64,
    viewing: Option<i64>,
) -> Result<Outcome, AppError> {
    let pool = req
        .app_data::<web::Data<DbPool>>()
        .cloned()
        .ok_or_else(|| AppError::internal("no database pool registered"))?;
    db::run(&pool, move |conn| Ok(load(conn, user_id, viewing)?)).await
}

/// Lets an admitted user's request through to the portal's handlers, with its `Portal` and CSRF
/// token; a read-only view lets nothing but GET and HEAD through.
fn admit(req: &ServiceRequest, session: &Session, portal: PortalUser) -> Result<(), AppError> {
    if portal.read_only() && !matches!(*req.method(), Method::GET | Method::HEAD) {
        return Err(AppError::Forbidden(Msg::new("refusal-portal-read-only")));
    }
    let token = session::csrf_token(session)?;
    req.extensions_mut().insert(Portal::new(portal));
    req.extensions_mut().insert(CsrfToken(token));
    Ok(())
}

fn to_sign_in(req: ServiceRequest, why: Option<&str>) -> ServiceResponse<BoxBody> {
    let location = match why {
        Some(why) => format!("/portal/login?signed_out={why}"),
        None => "/portal/login".to_string(),
    };
    let res = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish();
    req.into_response(res)
}
