//! The guards of the staff side, applied once per scope in the route table.
//!
//! `require_staff` admits a request only with a session that names an active staff account; it
//! loads that account on every request (so a deactivated account is shut out at once, whatever
//! its cookie says) and hands it to handlers as `CurrentStaff`. `require_role` then refuses, with
//! a 403, staff who lack the scope's role.

use super::{csrf::CsrfToken, session};
use crate::i18n::Msg;
use crate::{
    db::{self, DbPool},
    error::AppError,
    models::access::{
        staff::{Role, Staff},
        staff_scope::{Owned, StaffScope},
    },
};
use actix_session::SessionExt;
use actix_web::{
    Error, FromRequest, HttpMessage, HttpRequest, HttpResponse,
    body::{BoxBody, MessageBody},
    dev::{Payload, ServiceRequest, ServiceResponse},
    http::{Method, header},
    middleware::Next,
    web,
};
use diesel::OptionalExtension;
use std::{future::Ready, rc::Rc};

/// Who a guard admitted, left on the request for its handlers and read through `Deref`:
/// `CurrentStaff` here, `Portal` behind the portal's guard.
#[derive(Clone, Debug)]
pub struct Admitted<T>(pub Rc<T>);

impl<T> Admitted<T> {
    pub fn new(who: T) -> Admitted<T> {
        Admitted(Rc::new(who))
    }
}

impl<T> std::ops::Deref for Admitted<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The signed-in staff member, for handlers behind `require_staff`.
pub type CurrentStaff = Admitted<Staff>;

impl FromRequest for CurrentStaff {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Only reachable without the guard through a mistake in the route table: fail closed.
        std::future::ready(
            req.extensions()
                .get::<CurrentStaff>()
                .cloned()
                .ok_or_else(|| {
                    AppError::internal("CurrentStaff used outside require_staff").into()
                }),
        )
    }
}

/// Middleware: only signed-in, active staff pass.
pub async fn require_staff(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let session = req.get_session();
    let staff_id = match session::staff_id(&session) {
        Ok(Some(id)) => id,
        Ok(None) => return Ok(to_sign_in(req)),
        Err(e) => return Ok(req.error_response(e)),
    };
    let Some(pool) = req.app_data::<web::Data<DbPool>>().cloned() else {
        return Ok(req.error_response(AppError::internal("no database pool registered")));
    };
    let staff = match db::run(&pool, move |conn| {
        Ok(Staff::find(conn, staff_id).optional()?)
    })
    .await
    {
        Ok(staff) => staff,
        Err(e) => return Ok(req.error_response(e)),
    };
    match staff {
        Some(staff) if staff.active => {
            let token = match session::csrf_token(&session) {
                Ok(token) => token,
                Err(e) => return Ok(req.error_response(e)),
            };
            req.extensions_mut().insert(CurrentStaff::new(staff));
            req.extensions_mut().insert(CsrfToken(token));
            next.call(req)
                .await
                .map(ServiceResponse::map_into_boxed_body)
        }
        _ => {
            session::sign_out(&session);
            Ok(to_sign_in(req))
        }
    }
}

type MiddlewareFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<ServiceResponse<BoxBody>, Error>>>>;

/// Middleware factory: only staff holding `role` pass; others get a 403 page.
pub fn require_role(
    role: Role,
) -> impl Fn(ServiceRequest, Next<BoxBody>) -> MiddlewareFuture + Clone {
    require(move |s| s.has_role(role), move || role_refusal(role))
}

/// Middleware factory: only staff holding at least one of `roles` pass; others get a 403 page.
pub fn require_any_role(
    roles: &'static [Role],
) -> impl Fn(ServiceRequest, Next<BoxBody>) -> MiddlewareFuture + Clone {
    require(
        move |s| roles.iter().any(|r| s.has_role(*r)),
        move || any_role_refusal(roles),
    )
}

/// Why someone without `role` may not open a page of it.
fn role_refusal(role: Role) -> Msg {
    Msg::new("refusal-role-page").arg("role", role.as_str())
}

/// Why someone holding none of `roles` (one to three of them) may not have something.
fn any_role_refusal(roles: &[Role]) -> Msg {
    let id = match roles.len() {
        1 => "refusal-any-role-one",
        2 => "refusal-any-role-two",
        _ => "refusal-any-role-three",
    };
    roles
        .iter()
        .zip(["first", "second", "third"])
        .fold(Msg::new(id), |m, (r, name)| {
            m.label(name, format!("refusal-roles-{}", r.as_str()))
        })
}

/// The one shape of the role guards: signed-in staff that `allows` passes; everyone else gets a
/// 403 page saying `refusal`.
fn require(
    allows: impl Fn(&CurrentStaff) -> bool + Clone + 'static,
    refusal: impl Fn() -> Msg + Clone + 'static,
) -> impl Fn(ServiceRequest, Next<BoxBody>) -> MiddlewareFuture + Clone {
    move |req: ServiceRequest, next: Next<BoxBody>| {
        let allows = allows.clone();
        let refusal = refusal.clone();
        Box::pin(async move {
            let allowed = req.extensions().get::<CurrentStaff>().is_some_and(allows);
            if !allowed {
                return Ok(req.error_response(AppError::Forbidden(refusal())));
            }
            next.call(req).await
        })
    }
}

/// Middleware factory for a scope whose path names a customer, order, posting or request by
/// `{id}`: the signed-in staff member's `StaffScope` must see it, else a 404 page exactly as for
/// one that does not exist, before any handler reads or writes. The one check for every page
/// under such a path: a route added below it is covered without a word of its own.
pub fn require_in_scope(
    owned: Owned,
) -> impl Fn(ServiceRequest, Next<BoxBody>) -> MiddlewareFuture + Clone {
    move |req: ServiceRequest, next: Next<BoxBody>| {
        Box::pin(async move {
            let scope = req
                .extensions()
                .get::<CurrentStaff>()
                .map(|s| StaffScope::of(s));
            let Some(scope) = scope else {
                return Ok(req.error_response(AppError::internal("a scope outside its guard")));
            };
            if scope.is_limited() {
                let id = req
                    .match_info()
                    .get("id")
                    .and_then(|id| id.parse::<i64>().ok());
                let pool = req.app_data::<web::Data<DbPool>>().cloned();
                let (Some(id), Some(pool)) = (id, pool) else {
                    return Ok(req.error_response(AppError::NotFound));
                };
                match db::run(&pool, move |conn| Ok(scope.sees(conn, owned, id)?)).await {
                    Ok(true) => {}
                    Ok(false) => return Ok(req.error_response(AppError::NotFound)),
                    Err(e) => return Ok(req.error_response(e)),
                }
            }
            next.call(req).await
        })
    }
}

/// 303 to the sign-in page, remembering where a GET was headed.
fn to_sign_in(req: ServiceRequest) -> ServiceResponse<BoxBody> {
    let location = if req.method() == Method::GET && req.path() != "/" {
        let target = match req.query_string() {
            "" => req.path().to_string(),
            q => format!("{}?{q}", req.path()),
        };
        format!("/login?next={}", urlencode(&target))
    } else {
        "/login".to_string()
    };
    let res = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish();
    req.into_response(res)
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e[1..].to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{L10n, Lang, Zone};

    #[test]
    fn role_refusals_name_the_roles_in_the_readers_words() {
        let (en, de) = (
            L10n::english(),
            L10n::new(Lang::parse("de").unwrap(), Zone::utc()),
        );
        let both = [Role::Admin, Role::DigitalAdmin];
        for (l, refusal, expected) in [
            (
                &en,
                role_refusal(Role::DigitalAdmin),
                "This page is for digital administrators. Ask an administrator if you need it.",
            ),
            (
                &en,
                any_role_refusal(&both),
                "This is for administrators and digital administrators. Ask an administrator if you need it.",
            ),
            (
                &de,
                role_refusal(Role::Admin),
                "Diese Seite ist Administratoren vorbehalten. Wenden Sie sich an einen Administrator, wenn Sie sie benötigen.",
            ),
            (
                &de,
                any_role_refusal(&both),
                "Dies ist Administratoren und Digital-Administratoren vorbehalten. Wenden Sie sich an einen Administrator, wenn Sie es benötigen.",
            ),
        ] {
            assert_eq!(l.msg(&refusal), expected);
        }
    }
}
