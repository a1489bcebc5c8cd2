//! `GET /metrics` (see `crate::metrics`): on the main address only with `METRICS_TOKEN` set, and
//! then only to a bearer of that token (401 otherwise); without it, a 404 as for any path that
//! names nothing. On `METRICS_ADDR`'s own server, to whoever reaches that address (`open`).

use crate::{
    config::Config,
    db::DbPool,
    domain::token::constant_time_eq,
    error::{AppError, AppResult},
    metrics::{self, Metrics},
};
use actix_web::{HttpRequest, HttpResponse, http::header, web};

pub async fn show(
    req: HttpRequest,
    config: web::Data<Config>,
    metrics: web::Data<Metrics>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let Some(token) = &config.metrics.token else {
        return Err(AppError::NotFound);
    };
    if !bears(&req, token.expose()) {
        return Ok(HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
            .finish());
    }
    metrics::answer(&metrics, &pool).await
}

/// On `METRICS_ADDR`: no token; the address is what keeps it private.
pub async fn open(metrics: web::Data<Metrics>, pool: web::Data<DbPool>) -> AppResult<HttpResponse> {
    metrics::answer(&metrics, &pool).await
}

/// Whether the request carries `Authorization: Bearer <token>`.
fn bears(req: &HttpRequest, token: &str) -> bool {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| constant_time_eq(given.trim().as_bytes(), token.as_bytes()))
}
