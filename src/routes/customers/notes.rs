//! Notes on a customer, the watch-list warning, the watch list, and the history page.

use crate::models::{
    customers::customer::Customer,
    customers::history::{self, HistoryEntry},
    customers::note::{Note, WatchNote},
};
use crate::routes::prelude::*;

const PAGE_SIZE: i64 = 50;
pub const NOTE_MAX: usize = 10_000;
pub const WATCH_MAX: usize = 2_000;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

impl PageQuery {
    /// The page asked for: the first unless a later one is named.
    fn number(&self) -> i64 {
        self.page.unwrap_or(1).max(1)
    }
}

/// One page of a customer's notes or history, newest first, and how many there are in all.
pub struct Paged<T> {
    rows: Vec<T>,
    total: i64,
    page: i64,
}

impl<T> Paged<T> {
    /// Page `page` (from 1) of what `load(offset, limit)` finds, with its count.
    fn load(
        page: i64,
        load: impl FnOnce(i64, i64) -> diesel::QueryResult<(Vec<T>, i64)>,
    ) -> diesel::QueryResult<Self> {
        let (rows, total) = load((page - 1) * PAGE_SIZE, PAGE_SIZE)?;
        Ok(Paged { rows, total, page })
    }

    /// Whether a later page has rows.
    fn has_next(&self) -> bool {
        self.page * PAGE_SIZE < self.total
    }
}

#[derive(Template)]
#[template(path = "customers/notes.html")]
pub struct NotesPage {
    layout: Layout,
    header: CustomerHeader,
    notes: Paged<Note>,
    body: String,
    errors: FormErrors,
}

impl NotesPage {
    /// Page `page` of the customer's notes, with an empty form.
    async fn load(desk: &StaffDesk, id: i64, page: i64) -> AppResult<NotesPage> {
        let tab = ("notes", "customer-parts-notes-title");
        CustomerHeader::tab(desk, id, tab, move |conn, layout, header| {
            let notes = Paged::load(page, |at, limit| Note::for_customer(conn, id, at, limit))?;
            Ok(NotesPage {
                layout,
                header,
                notes,
                body: String::new(),
                errors: FormErrors::new(),
            })
        })
        .await
    }
}

pub async fn index(desk: StaffDesk, path: web::Path<i64>, query: web::Query<PageQuery>) -> Reply {
    let page = NotesPage::load(&desk, path.into_inner(), query.number()).await?;
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

/// A note or warning: required (`missing` says so), and a `Note` of at most MAX characters.
fn check_text<const MAX: usize>(body: &str, missing: &'static str) -> Result<String, Msg> {
    if body.trim().is_empty() {
        return Err(Msg::new(missing));
    }
    // Too long, or control characters in it: the one thing `Note` refuses.
    let too_long = |_| Msg::new("customer-parts-text-too-long").arg("max", MAX);
    Ok(crate::domain::Note::<MAX>::parse(body)
        .map_err(too_long)?
        .into_string())
}

fn back_to(id: i64, back: &str) -> String {
    match back {
        "notes" => format!("/customers/{id}/notes"),
        _ => format!("/customers/{id}#notes"),
    }
}

pub async fn create(
    desk: StaffDesk,
    path: web::Path<i64>,
    form: web::Form<NoteForm>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let NoteForm { body, back } = form.into_inner();
    let text = match check_text::<NOTE_MAX>(&body, "customer-parts-note-missing") {
        Ok(text) => text,
        Err(message) => {
            // Shown on the notes page, where the form and the message sit together.
            let mut page = NotesPage::load(&desk, id, 1).await?;
            page.body = body;
            page.errors = FormErrors::one("body", message);
            return respond::again(&page);
        }
    };
    let (staff_id, location) = (desk.who.id, back_to(id, &back));
    let added = submission
        .once(desk.pool(), move |conn| {
            Note::add(conn, id, staff_id, &text)?;
            Ok(((), Some(location)))
        })
        .await?;
    let text = Msg::new("customer-parts-note-added");
    respond::done_once(added, desk.request(), text, &back_to(id, &back))
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
pub async fn set_watch(desk: StaffDesk, path: web::Path<i64>, form: web::Form<WatchForm>) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let body = form.into_inner().body;
    let text = match check_text::<WATCH_MAX>(&body, "customer-parts-watch-missing") {
        Ok(text) => text,
        Err(message) => {
            let errors = FormErrors::one("watch_body", message);
            let page = CustomerHeader::tab(
                &desk,
                id,
                ("overview", "customer-parts-watch-title"),
                |_, layout, header| {
                    Ok(WatchFormPage {
                        layout,
                        header,
                        body,
                        errors,
                    })
                },
            )
            .await?;
            return respond::again(&page);
        }
    };
    let staff_id = desk.who.id;
    desk.run(move |conn| Ok(WatchNote::set(conn, id, staff_id, &text)?))
        .await?;
    desk.done(
        Msg::new("customer-parts-watch-on"),
        &format!("/customers/{id}"),
    )
}

pub async fn remove_watch(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let (id, staff_id) = (path.into_inner(), desk.who.id);
    let removed = desk
        .run(move |conn| Ok(WatchNote::remove(conn, id, staff_id)?))
        .await?;
    let location = format!("/customers/{id}");
    if removed {
        return desk.done(Msg::new("customer-parts-watch-off"), &location);
    }
    Ok(see_other(&location))
}

#[derive(Template)]
#[template(path = "customers/watch_list.html")]
pub struct WatchListPage {
    layout: Layout,
    entries: Vec<(WatchNote, Customer)>,
}

pub async fn watch_list(desk: StaffDesk) -> Reply {
    let scope = desk.scope();
    let entries = desk
        .run(move |conn| Ok(WatchNote::watch_list(conn, &scope)?))
        .await?;
    desk.show(
        Msg::new("customer-parts-watch-list-title"),
        "watch",
        |layout| WatchListPage { layout, entries },
    )
}

#[derive(Template)]
#[template(path = "customers/history.html")]
pub struct HistoryPage {
    layout: Layout,
    header: CustomerHeader,
    entries: Paged<HistoryEntry>,
}

pub async fn history(desk: StaffDesk, path: web::Path<i64>, query: web::Query<PageQuery>) -> Reply {
    let (id, page) = (path.into_inner(), query.number());
    let page = CustomerHeader::tab(
        &desk,
        id,
        ("history", "customer-parts-history-title"),
        move |conn, layout, header| {
            let entries = Paged::load(page, |at, n| history::for_customer(conn, id, at, n))?;
            Ok(HistoryPage {
                layout,
                header,
                entries,
            })
        },
    )
    .await?;
    respond::page(StatusCode::OK, &page)
}
