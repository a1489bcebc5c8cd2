//! The probes a load balancer and an orchestrator ask:
//! - `GET /livez`: 200 while the process answers at all (restart it when this fails);
//! - `GET /readyz`: 200 when the database answers and holds every migration this build
//!   knows, 503 otherwise (send it no traffic until then), and 503 "draining" once the instance
//!   has been told to stop (see `drain`);
//! - `GET /healthz`: the same as `/readyz`, kept for what already asks it.

use crate::{
    db::{self, DbPool},
    drain::Drain,
};
use actix_web::{HttpResponse, web};
use std::time::Duration;

fn plain(mut res: actix_web::HttpResponseBuilder, text: &str) -> HttpResponse {
    res.content_type("text/plain; charset=utf-8")
        .body(text.to_string())
}

pub async fn live() -> HttpResponse {
    plain(HttpResponse::Ok(), "ok\n")
}

pub async fn show(pool: web::Data<DbPool>, drain: web::Data<Drain>) -> HttpResponse {
    if drain.is_draining() {
        return plain(HttpResponse::ServiceUnavailable(), "draining\n");
    }
    match db::readiness(&pool, Duration::from_secs(2)).await {
        db::Readiness::Ready => plain(HttpResponse::Ok(), "ok\n"),
        db::Readiness::Unreachable => {
            plain(HttpResponse::ServiceUnavailable(), "database unavailable\n")
        }
        db::Readiness::Behind(n) => plain(
            HttpResponse::ServiceUnavailable(),
            &format!("database lacks {n} migration(s)\n"),
        ),
    }
}
