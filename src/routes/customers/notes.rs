//! Notes on a customer, the watch-list warning, the watch list, and the history page.

use crate::routes::layout::CustomerHeader;
use crate::{
    auth::{CurrentStaff, session},
    db::{self, DbPool},
    error::AppResult,
    models::{
        customers::customer::Customer,
        customers::history::{self, HistoryEntry},
        customers::note::{Note, WatchNote},
    },
    routes::forms::FormErrors,
    routes::layout::Layout,
    routes::respond,
    routes::respond::see_other,
    routes::submission::{Once, Submission},
};
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

const PAGE_SIZE: i64 = 50;
pub const NOTE_MAX: usize = 10_000;
pub const WATCH_MAX: usize = 2_000;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "customers/notes.html")]
pub struct NotesPage {
    layout: Layout,
    header: CustomerHeader,
    notes: Vec<Note>,
    total: i64,
    page: i64,
    body: String,
    errors: FormErrors,
}

impl NotesPage {
    fn has_next(&self) -> bool {
        self.page * PAGE_SIZE < self.total
    }
}

async fn notes_page(
    pool: &DbPool,
    id: i64,
    page: i64,
) -> AppResult<(CustomerHeader, Vec<Note>, i64)> {
    db::run(pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "notes")?;
        let (notes, total) = Note::for_customer(conn, id, (page - 1) * PAGE_SIZE, PAGE_SIZE)?;
        Ok((header, notes, total))
    })
    .await
}

pub async fn index(
    layout: Layout,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let page = query.page.unwrap_or(1).max(1);
    let (header, notes, total) = notes_page(&pool, path.into_inner(), page).await?;
    let layout = layout
        .titled(format!("Notes · {}", header.customer.legal_name))
        .in_section("customers");
    respond::page(
        StatusCode::OK,
        &NotesPage {
            layout,
            header,
            notes,
            total,
            page,
            body: String::new(),
            errors: FormErrors::new(),
        },
    )
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    body: String,
    /// Where to go back to: the detail page or the notes page.
    #[serde(default)]
    back: String,
}

/// A note or warning: required, and a `Note` of at most MAX characters.
fn check_text<const MAX: usize>(body: &str, what: &str) -> Result<String, String> {
    if body.trim().is_empty() {
        return Err(format!("Write the {what} first."));
    }
    Ok(crate::domain::Note::<MAX>::parse(body)?.into_string())
}

fn back_to(id: i64, back: &str) -> String {
    match back {
        "notes" => format!("/customers/{id}/notes"),
        _ => format!("/customers/{id}#notes"),
    }
}

pub async fn create(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    form: web::Form<NoteForm>,
    pool: web::Data<DbPool>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let NoteForm { body, back } = form.into_inner();
    match check_text::<NOTE_MAX>(&body, "note") {
        Ok(text) => {
            let (staff_id, location) = (staff.id, back_to(id, &back));
            let added = submission
                .once(&pool, move |conn| {
                    Note::add(conn, id, staff_id, &text)?;
                    Ok(((), Some(location)))
                })
                .await?;
            if let Once::Repeat(location) = added {
                return Ok(see_other(&location));
            }
            session::flash(
                &session,
                session::FlashLevel::Success,
                "Your note has been added.",
            );
            Ok(see_other(&back_to(id, &back)))
        }
        Err(message) => {
            // Shown on the notes page, where the form and the message sit together.
            let (header, notes, total) = notes_page(&pool, id, 1).await?;
            let mut errors = FormErrors::new();
            errors.add("body", message);
            let layout = layout
                .titled(format!("Notes · {}", header.customer.legal_name))
                .in_section("customers");
            respond::page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &NotesPage {
                    layout,
                    header,
                    notes,
                    total,
                    page: 1,
                    body,
                    errors,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "customers/watch.html")]
pub struct WatchFormPage {
    layout: Layout,
    header: CustomerHeader,
    body: String,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct WatchForm {
    #[serde(default)]
    body: String,
}

/// Sets or replaces the watch-list warning.
pub async fn set_watch(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    form: web::Form<WatchForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let body = form.into_inner().body;
    match check_text::<WATCH_MAX>(&body, "warning") {
        Ok(text) => {
            let staff_id = staff.id;
            db::run(&pool, move |conn| {
                Ok(WatchNote::set(conn, id, staff_id, &text)?)
            })
            .await?;
            session::flash(
                &session,
                session::FlashLevel::Success,
                "The customer is on the watch list.",
            );
            Ok(see_other(&format!("/customers/{id}")))
        }
        Err(message) => {
            let header = db::run(&pool, move |conn| {
                CustomerHeader::load(conn, id, "overview")
            })
            .await?;
            let mut errors = FormErrors::new();
            errors.add("watch_body", message);
            let layout = layout
                .titled(format!("Watch list · {}", header.customer.legal_name))
                .in_section("customers");
            respond::page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &WatchFormPage {
                    layout,
                    header,
                    body,
                    errors,
                },
            )
        }
    }
}

pub async fn remove_watch(
    staff: CurrentStaff,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let staff_id = staff.id;
    let removed = db::run(&pool, move |conn| {
        Ok(WatchNote::remove(conn, id, staff_id)?)
    })
    .await?;
    if removed {
        session::flash(
            &session,
            session::FlashLevel::Success,
            "The customer is off the watch list.",
        );
    }
    Ok(see_other(&format!("/customers/{id}")))
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/watch_list.html")]
pub struct WatchListPage {
    layout: Layout,
    entries: Vec<(WatchNote, Customer)>,
}

pub async fn watch_list(layout: Layout, pool: web::Data<DbPool>) -> AppResult<WatchListPage> {
    let entries = db::run(&pool, |conn| Ok(WatchNote::watch_list(conn)?)).await?;
    Ok(WatchListPage {
        layout: layout.titled("Watch list").in_section("watch"),
        entries,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/history.html")]
pub struct HistoryPage {
    layout: Layout,
    header: CustomerHeader,
    entries: Vec<HistoryEntry>,
    total: i64,
    page: i64,
}

impl HistoryPage {
    fn has_next(&self) -> bool {
        self.page * PAGE_SIZE < self.total
    }
}

pub async fn history(
    layout: Layout,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
    pool: web::Data<DbPool>,
) -> AppResult<HistoryPage> {
    let id = path.into_inner();
    let page = query.page.unwrap_or(1).max(1);
    let (header, (entries, total)) = db::run(&pool, move |conn| {
        Ok((
            CustomerHeader::load(conn, id, "history")?,
            history::for_customer(conn, id, (page - 1) * PAGE_SIZE, PAGE_SIZE)?,
        ))
    })
    .await?;
    Ok(HistoryPage {
        layout: layout
            .titled(format!("History · {}", header.customer.legal_name))
            .in_section("customers"),
        header,
        entries,
        total,
        page,
    })
}
