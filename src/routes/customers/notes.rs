//! Notes on a customer, the watch-list warning, the watch list, and the history page.

use crate::routes::layout::CustomerHeader;
use crate::{
    auth::CurrentStaff,
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
    routes::submission::Submission,
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

impl NotesPage {
    /// Page `page` of the customer's notes, with an empty form.
    async fn load(pool: &DbPool, layout: Layout, id: i64, page: i64) -> AppResult<NotesPage> {
        let (header, (notes, total)) = db::run(pool, move |conn| {
            Ok((
                CustomerHeader::load(conn, id, "notes")?,
                Note::for_customer(conn, id, (page - 1) * PAGE_SIZE, PAGE_SIZE)?,
            ))
        })
        .await?;
        Ok(NotesPage {
            layout: header.frame(layout, "Notes"),
            header,
            notes,
            total,
            page,
            body: String::new(),
            errors: FormErrors::new(),
        })
    }
}

pub async fn index(
    layout: Layout,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let page = query.page.unwrap_or(1).max(1);
    let page = NotesPage::load(&pool, layout, path.into_inner(), page).await?;
    respond::page(StatusCode::OK, &page)
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
    let text = match check_text::<NOTE_MAX>(&body, "note") {
        Ok(text) => text,
        Err(message) => {
            // Shown on the notes page, where the form and the message sit together.
            let mut page = NotesPage::load(&pool, layout, id, 1).await?;
            page.body = body;
            page.errors = FormErrors::one("body", message);
            return respond::again(&page);
        }
    };
    let (staff_id, location) = (staff.id, back_to(id, &back));
    let added = submission
        .once(&pool, move |conn| {
            Note::add(conn, id, staff_id, &text)?;
            Ok(((), Some(location)))
        })
        .await?;
    respond::done_once(
        added,
        &session,
        "Your note has been added.",
        &back_to(id, &back),
    )
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
    let text = match check_text::<WATCH_MAX>(&body, "warning") {
        Ok(text) => text,
        Err(message) => {
            let header = db::run(&pool, move |conn| {
                CustomerHeader::load(conn, id, "overview")
            })
            .await?;
            let layout = header.frame(layout, "Watch list");
            let errors = FormErrors::one("watch_body", message);
            return respond::again(&WatchFormPage {
                layout,
                header,
                body,
                errors,
            });
        }
    };
    let staff_id = staff.id;
    db::run(&pool, move |conn| {
        Ok(WatchNote::set(conn, id, staff_id, &text)?)
    })
    .await?;
    let location = format!("/customers/{id}");
    respond::done(&session, "The customer is on the watch list.", &location)
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
    let location = format!("/customers/{id}");
    if removed {
        return respond::done(&session, "The customer is off the watch list.", &location);
    }
    Ok(see_other(&location))
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
        layout: header.frame(layout, "History"),
        header,
        entries,
        total,
        page,
    })
}
