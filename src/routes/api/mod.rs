//! The JSON API under `/api/v1`, the door of the vendor's ERP and other systems.
//!
//! Every request carries `Authorization: Bearer <token>` of an API client in use (401
//! otherwise), is counted against the vendor's limit per client and minute (429 with
//! `Retry-After` past it; the count is in the database, so it holds across instances), and each
//! route asks for its scope (403 without it). Answers are JSON; every error is a problem
//! document (`problem`). No session, cookie or CSRF token takes part.
//!
//! Lists page by cursor: `limit` (1-200, 50 when not given) and `after` (the `next_after` of the
//! page before, an id), in id order, so rows never repeat or go missing between pages however
//! their other values tie. A record read alone answers with an `ETag`, its version.

pub mod customer_parts;
pub mod customer_writes;
pub mod customers;
pub mod day;
pub mod doc;
pub mod idempotency;
pub mod order_intake;
pub mod orders;
pub mod postings;
pub mod prices;
pub mod problem;
pub mod reference;
pub mod stock;

use crate::db::{self, DbPool};
use crate::error::AppResult;
use crate::models::access::api_client::{ApiClient, Rate};
use actix_web::{
    FromRequest, HttpMessage, HttpRequest, HttpResponse,
    dev::Payload,
    error::{JsonPayloadError, QueryPayloadError},
    http::{StatusCode, header},
    web,
};
use diesel::PgConnection;
pub use problem::Problem;
use serde::Serialize;
use std::{future::Future, pin::Pin};

/// An API handler's answer.
pub type Answer = Result<HttpResponse, Problem>;

/// The client a request came from: authenticated, counted, and with the database.
pub struct Caller {
    pub client: ApiClient,
    pool: web::Data<DbPool>,
    config: Option<web::Data<crate::config::Config>>,
}

impl Caller {
    /// Nothing, when the client has `scope`; else the 403 that names it.
    pub fn require(&self, scope: &str) -> Result<(), Problem> {
        match self.client.allows(scope) {
            true => Ok(()),
            false => Err(Problem::missing_scope(scope)),
        }
    }

    /// The portal's public address (`PUBLIC_URL`), for the links in the emails a write sends.
    pub fn base_url(&self) -> String {
        self.config
            .as_ref()
            .map(|c| c.public_url.clone())
            .unwrap_or_default()
    }

    /// The domain of the customers' price-list addresses (`PRICE_LIST_EMAIL_DOMAIN`).
    pub fn price_list_domain(&self) -> String {
        self.config
            .as_ref()
            .map(|c| c.price_list_email_domain.clone())
            .unwrap_or_default()
    }

    /// Who the client is in an order's timeline and the ledger.
    pub fn placer(&self) -> crate::models::orders::placing::Placer {
        crate::models::orders::placing::Placer::Client {
            name: self.client.name.clone(),
        }
    }

    /// Does the work of a POST (`body`, as read) once for its `Idempotency-Key`, in one
    /// transaction, and answers its reply (`idempotency`).
    pub async fn once<B, F>(&self, req: &HttpRequest, body: &B, work: F) -> Answer
    where
        B: Serialize,
        F: FnOnce(&mut PgConnection) -> Result<idempotency::Reply, Problem> + Send + 'static,
    {
        let once = idempotency::Once::of(req, body)?;
        let client_id = self.client.id;
        let (reply, replayed) = self
            .run(move |conn| Ok(once.run(conn, client_id, work)))
            .await??;
        Ok(reply.respond(replayed))
    }

    /// `run` where this client's list reads go (`db::replica`): the read replica when it is
    /// fresh enough and holds the client's own writes, else the primary.
    pub async fn read<T, F>(&self, req: &HttpRequest, f: F) -> Result<T, Problem>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<T> + Clone + Send + 'static,
        T: Send + 'static,
    {
        let source = crate::routes::reads::source(req, &self.pool).await?;
        source.run(f).await.map_err(Problem::from)
    }

    /// `db::run` on the application's pool, its errors as problems.
    pub async fn run<T, F>(&self, f: F) -> Result<T, Problem>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        db::run(&self.pool, f).await.map_err(Problem::from)
    }
}

/// The token of `Authorization: Bearer <token>`, if the request has one.
fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

impl FromRequest for Caller {
    type Error = Problem;
    type Future = Pin<Box<dyn Future<Output = Result<Caller, Problem>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer(req);
        let pool = req.app_data::<web::Data<DbPool>>().cloned();
        let config = req.app_data::<web::Data<crate::config::Config>>().cloned();
        let req = req.clone();
        Box::pin(async move {
            let (Some(token), Some(pool)) = (token, pool) else {
                return Err(Problem::unauthorized());
            };
            let known = db::run(&pool, move |conn| {
                let Some(client) = ApiClient::authenticate(conn, &token)? else {
                    return Ok(None);
                };
                let rate = client.count_request(conn)?;
                Ok(Some((client, rate)))
            })
            .await
            .map_err(Problem::from)?;
            match known {
                None => Err(Problem::unauthorized()),
                Some((_, Rate::Exceeded { retry_after })) => Err(Problem::too_many(retry_after)),
                Some((client, Rate::Within)) => {
                    // The client is the person whose writes its reads wait for.
                    req.extensions_mut()
                        .insert(crate::routes::reads::ApiPerson(client.id));
                    Ok(Caller {
                        client,
                        pool,
                        config,
                    })
                }
            }
        })
    }
}

/// The most rows a page may have, and how many when `limit` is not given.
pub const LIMIT_MAX: i64 = 200;
pub const LIMIT_DEFAULT: i64 = 50;

/// A list's paging: how many rows (`limit`), after which id (`after`).
pub struct Paging;

impl Paging {
    /// The page's size and the id it starts after, or a 422 naming `limit`. (Each list's query
    /// has both fields itself: a flattened struct would read numbers as text.)
    pub fn read((limit, after): (Option<i64>, Option<i64>)) -> Result<(i64, i64), Problem> {
        let limit = limit.unwrap_or(LIMIT_DEFAULT);
        if !(1..=LIMIT_MAX).contains(&limit) {
            return Err(Problem::field(
                "limit",
                format!("must be from 1 to {LIMIT_MAX}"),
            ));
        }
        Ok((limit, after.unwrap_or(0)))
    }
}

/// One page of a list: its rows, and the `after` of the next page when there may be one.
#[derive(Debug, Serialize)]
pub struct Page<T: Serialize> {
    pub data: Vec<T>,
    pub next_after: Option<i64>,
}

impl<T: Serialize> Page<T> {
    /// The page of `rows` (read `limit` of them) whose ids `id` gives.
    pub fn of(data: Vec<T>, limit: i64, id: impl Fn(&T) -> i64) -> Page<T> {
        let next_after = match data.len() as i64 == limit {
            true => data.last().map(id),
            false => None,
        };
        Page { data, next_after }
    }
}

/// A JSON answer (200).
pub fn json<T: Serialize>(body: &T) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

/// A record's answer with its version as a strong `ETag`.
pub fn versioned<T: Serialize>(body: &T, version: i32) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::ETAG, format!("\"{version}\"")))
        .json(body)
}

/// A query string that does not fit its route (`after=abc`): a 400 problem saying what.
pub fn unreadable_query(err: QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    unreadable(StatusCode::BAD_REQUEST, "query string", err)
}

/// A JSON body that does not fit its route (a field the route does not take, a value of the
/// wrong type): a 422 problem saying what.
pub fn unreadable_json(err: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    unreadable(StatusCode::UNPROCESSABLE_ENTITY, "JSON body", err)
}

fn unreadable(status: StatusCode, what: &str, err: impl std::fmt::Display) -> actix_web::Error {
    Problem::new(status, format!("The {what} could not be read: {err}")).into()
}

/// Whether the request has a body: a `Content-Length` above 0, or one sent in chunks.
pub fn has_body(req: &HttpRequest) -> bool {
    let headers = req.headers();
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    length.is_some_and(|n| n > 0) || headers.contains_key(header::TRANSFER_ENCODING)
}

/// What answers a method a path does not take: a 405 problem, with the methods it takes.
pub async fn method_not_allowed(allow: String) -> Answer {
    Err(Problem {
        allow: Some(allow.into()),
        ..Problem::of_status(StatusCode::METHOD_NOT_ALLOWED)
    })
}

/// What answers a path under `/api` that names nothing: a 404 problem.
pub async fn no_such_route() -> Answer {
    Err(Problem::not_found())
}
