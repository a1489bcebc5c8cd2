//! `GET /healthz`: 200 when the database answers, 503 when it does not.

use crate::db::{self, DbPool};
use actix_web::{HttpResponse, web};
use std::time::Duration;

pub async fn show(pool: web::Data<DbPool>) -> HttpResponse {
    if db::healthy(&pool, Duration::from_secs(2)).await {
        HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ok\n")
    } else {
        HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body("database unavailable\n")
    }
}
