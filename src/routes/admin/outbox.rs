//! The email outbox, for administrators: every message the portal wrote, whether it was sent,
//! how many attempts it took and why the last one failed; failed messages can be retried. In
//! local mode (no SMTP_URL) nothing is sent and this is where messages are read.

use crate::routes::prelude::*;
use crate::{
    config::Config,
    mail::{OutboxFilter, OutboxMessage},
};

#[derive(Deserialize)]
pub struct IndexQuery {
    status: Option<String>,
    page: Option<i64>,
}

#[derive(Template)]
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

    /// A tab's name in the reader's language.
    fn filter_label(&self, f: &OutboxFilter) -> String {
        self.layout.t(format!("admin-outbox-filter-{}", f.as_str()))
    }
}

pub async fn index(
    desk: StaffDesk,
    query: web::Query<IndexQuery>,
    config: web::Data<Config>,
) -> Reply {
    let filter = OutboxFilter::parse(query.status.as_deref());
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let (messages, counts) = desk
        .run(move |conn| Ok(OutboxMessage::page(conn, filter, page)?))
        .await?;
    desk.show(Msg::new("admin-outbox-title"), "admin", |layout| {
        OutboxIndexPage {
            layout,
            filter,
            counts,
            messages,
            page,
            local_mode: config.smtp_url.is_none(),
        }
    })
}

#[derive(Template)]
#[template(path = "admin/outbox/show.html")]
pub struct OutboxShowPage {
    layout: Layout,
    message: OutboxMessage,
    links: Vec<String>,
    local_mode: bool,
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>, config: web::Data<Config>) -> Reply {
    let id = path.into_inner();
    let message = desk
        .run(move |conn| Ok(OutboxMessage::find(conn, id)?))
        .await?;
    let title = Msg::new("admin-outbox-message-title").arg("subject", &message.subject);
    let page = OutboxShowPage {
        layout: desk.layout()?.titled(title).in_section("admin"),
        links: message.portal_links(&config.public_url),
        message,
        local_mode: config.smtp_url.is_none(),
    };
    respond::page(StatusCode::OK, &page)
}

/// `POST /admin/outbox/{id}/retries`: puts a failed message back in the queue.
pub async fn retry(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let retried = desk
        .run(move |conn| {
            OutboxMessage::find(conn, id)?;
            Ok(OutboxMessage::retry(conn, id)?)
        })
        .await?;
    if !retried {
        return Err(AppError::Conflict(Msg::new("admin-outbox-not-failed")));
    }
    let text = Msg::new("admin-outbox-retried");
    desk.done(text, &format!("/admin/outbox/{id}"))
}
