//! The email outbox, for administrators: every message the portal wrote, whether it was sent,
//! how many attempts it took and why the last one failed; failed messages can be retried. In
//! local mode (no SMTP_URL) nothing is sent and this is where messages are read.

use crate::{
    config::Config,
    db::{self, DbPool},
    error::{AppError, AppResult},
    mail::{OutboxFilter, OutboxMessage},
    routes::layout::Layout,
    routes::respond,
};
use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct IndexQuery {
    status: Option<String>,
    page: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/outbox/index.html")]
pub struct OutboxIndexPage {
    layout: Layout,
    filter: OutboxFilter,
    counts: Vec<(OutboxFilter, i64)>,
    messages: Vec<OutboxMessage>,
    page: i64,
    local_mode: bool,
}

impl OutboxIndexPage {
    fn has_next(&self) -> bool {
        self.messages.len() as i64 == OutboxMessage::PAGE_SIZE
    }
}

pub async fn index(
    layout: Layout,
    query: web::Query<IndexQuery>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
) -> AppResult<OutboxIndexPage> {
    let filter = OutboxFilter::parse(query.status.as_deref());
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let (messages, counts) = db::run(&pool, move |conn| {
        Ok(OutboxMessage::page(conn, filter, page)?)
    })
    .await?;
    Ok(OutboxIndexPage {
        layout: layout.titled("Email outbox").in_section("admin"),
        filter,
        counts,
        messages,
        page,
        local_mode: config.smtp_url.is_none(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/outbox/show.html")]
pub struct OutboxShowPage {
    layout: Layout,
    message: OutboxMessage,
    links: Vec<String>,
    local_mode: bool,
}

pub async fn show(
    layout: Layout,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
) -> AppResult<OutboxShowPage> {
    let id = path.into_inner();
    let message = db::run(&pool, move |conn| Ok(OutboxMessage::find(conn, id)?)).await?;
    Ok(OutboxShowPage {
        layout: layout
            .titled(format!("Message: {}", message.subject))
            .in_section("admin"),
        links: message.portal_links(&config.public_url),
        message,
        local_mode: config.smtp_url.is_none(),
    })
}

/// `POST /admin/outbox/{id}/retries`: puts a failed message back in the queue.
pub async fn retry(
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let retried = db::run(&pool, move |conn| {
        OutboxMessage::find(conn, id)?;
        Ok(OutboxMessage::retry(conn, id)?)
    })
    .await?;
    if !retried {
        return Err(AppError::Conflict(
            "This message is not failed any more: it was retried already or has been sent.".into(),
        ));
    }
    let text = "The message is back in the queue and will be sent shortly.";
    respond::done(&session, text, &format!("/admin/outbox/{id}"))
}
