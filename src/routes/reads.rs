//! The request's side of the read replica (`db::replica`): who the person is, the mark their
//! writes leave, and where their long reads go.

use crate::{
    auth::CurrentStaff,
    db::{
        DbPool,
        replica::{Reads, Source},
    },
    error::AppResult,
    routes::portal::guard::Portal,
};
use actix_web::{
    Error, HttpMessage, HttpRequest,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
    web,
};

/// Left on the request by the API's `Caller`: the client is the person.
#[derive(Clone, Copy, Debug)]
pub struct ApiPerson(pub i64);

/// Who made the request, as `read_marks` names them: a signed-in staff member, customer user
/// (also while a staff member views the portal as them) or API client.
pub fn person(req: &HttpRequest) -> Option<String> {
    let ext = req.extensions();
    if let Some(staff) = ext.get::<CurrentStaff>() {
        return Some(format!("staff:{}", staff.id));
    }
    if let Some(portal) = ext.get::<Portal>() {
        return Some(format!("user:{}", portal.user.id));
    }
    ext.get::<ApiPerson>()
        .map(|client| format!("api:{}", client.0))
}

/// Where this request's long reads go (the primary when no replica is configured).
pub async fn source(req: &HttpRequest, primary: &DbPool) -> AppResult<Source> {
    match req.app_data::<web::Data<Reads>>() {
        Some(reads) => reads.source(person(req)).await,
        None => Ok(Source::Primary(primary.clone())),
    }
}

/// Middleware: after a request that may have written (any method but GET, HEAD, OPTIONS and
/// TRACE) by someone known, keeps the primary's WAL position as their last write, before they
/// get the answer, so that their next read, on whichever instance, waits for it.
pub async fn remember_writes(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let reads = req
        .app_data::<web::Data<Reads>>()
        .filter(|r| r.has_replica() && !req.method().is_safe())
        .cloned();
    let res = next.call(req).await?;
    if let Some(reads) = reads
        && let Some(who) = person(res.request())
        && let Err(e) = reads.remember_write(who).await
    {
        // Their next reads may then come from a replica that lacks this write, for at most
        // the lag bound.
        log::warn!("could not keep the position of a write for the read replica: {e}");
    }
    Ok(res)
}
