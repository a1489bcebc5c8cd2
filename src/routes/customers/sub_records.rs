//! One skeleton for the screens of a customer's sub-records (addresses, contacts): the list, the
//! add and edit forms, saving, deleting. The handlers take the kind as a type parameter and the
//! route table names each instance; each kind has its two pages here (declared by `pages!`),
//! and its own module (`addresses`, `contacts`) adds only what its templates need beyond them.
//!
//! Every query is scoped by the customer in the path: a record id of another customer is a 404
//! whatever the method, and nothing is written. Edits carry the row's `lock_version`; a save
//! over someone else's newer save is a 409 that shows the form again with the row as it is now.

use crate::routes::prelude::*;
use crate::{
    domain::CustomerId,
    domain::forms::SaveError,
    models::customers::history,
    models::customers::sub_record::{self, Deleted, LIST_LIMIT, Meanwhile, SubRecord},
    models::customers::{address::Address, contact::Contact},
};
use diesel::PgConnection;

/// A kind of sub-record as its screens show it: its two pages.
pub trait Screen: SubRecord {
    type ListPage: Template + From<List<Self>>;
    type FormPage: Template + From<Form<Self>>;
}

/// Each kind's two pages: its own templates over the shared page data (`List`, `Form`), which
/// they read through `Deref`. A kind's module adds what its templates need beyond that.
macro_rules! pages {
    ($($record:ty: $list:ident = $list_path:tt, $form:ident = $form_path:tt;)*) => {$(
        #[derive(Template)]
        #[template(path = $list_path)]
        pub struct $list(pub List<$record>);

        #[derive(Template)]
        #[template(path = $form_path)]
        pub struct $form(pub Form<$record>);

        impl Screen for $record {
            type ListPage = $list;
            type FormPage = $form;
        }

        pages!(@wrap $list, List<$record>);
        pages!(@wrap $form, Form<$record>);
    )*};
    (@wrap $page:ident, $data:ident<$record:ty>) => {
        impl std::ops::Deref for $page {
            type Target = $data<$record>;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl From<$data<$record>> for $page {
            fn from(data: $data<$record>) -> Self {
                $page(data)
            }
        }
    };
}

pages! {
    Address: AddressesPage = "customers/addresses/index.html",
        AddressFormPage = "customers/addresses/form.html";
    Contact: ContactsPage = "customers/contacts/index.html",
        ContactFormPage = "customers/contacts/form.html";
}

fn list_path<R: SubRecord>(customer_id: i64) -> String {
    format!("/customers/{customer_id}/{}", R::PLURAL)
}

/// A message about a kind of record: `$kind` is its noun ("address", "contact"), which the
/// messages choose their words by.
fn about<R: SubRecord>(id: &'static str) -> Msg {
    Msg::new(id).arg("kind", R::NOUN)
}

// The list ------------------------------------------------------------------------------------

/// The list page's data.
pub struct List<R> {
    pub layout: Layout,
    pub header: CustomerHeader,
    pub rows: Vec<R>,
    pub total: i64,
}

impl<R: SubRecord> List<R> {
    pub fn noun(&self) -> &'static str {
        R::NOUN
    }

    pub fn plural(&self) -> &'static str {
        R::PLURAL
    }

    pub fn title(&self) -> String {
        self.layout.msg(&about::<R>("customer-parts-list-title"))
    }

    /// "Showing 1000 of 1200 addresses."
    pub fn showing(&self) -> String {
        let msg = about::<R>("customer-parts-list-showing")
            .arg("shown", self.rows.len())
            .arg("total", self.total);
        self.layout.msg(&msg)
    }

    pub fn list_path(&self) -> String {
        list_path::<R>(self.header.customer.id)
    }

    pub fn table_class(&self) -> String {
        format!("{}-table", R::PLURAL)
    }
}

pub async fn index<R: Screen>(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let (header, (rows, total)) = desk
        .run(move |conn| {
            let header = CustomerHeader::load(conn, id, R::PLURAL)?;
            Ok((header, sub_record::for_customer::<R>(conn, id, LIST_LIMIT)?))
        })
        .await?;
    let title = about::<R>("customer-parts-list-page-title")
        .arg("customer", header.customer.display_name());
    let list = List {
        layout: desk.layout()?.titled(title),
        header,
        rows,
        total,
    };
    respond::page(StatusCode::OK, &R::ListPage::from(list))
}

// The form ------------------------------------------------------------------------------------

/// The form page's data.
pub struct Form<R: SubRecord> {
    pub layout: Layout,
    pub header: CustomerHeader,
    /// None for a new record.
    pub record_id: Option<i64>,
    /// The edited row's version, for the hidden field.
    pub version: i32,
    /// The edited row is the primary one (its flag cannot simply be unticked).
    pub was_primary: bool,
    /// A new record that will be the customer's first, and so its primary one.
    pub is_first: bool,
    pub fields: R::Fields,
    pub errors: FormErrors,
    /// Set when someone else saved the row after the form was loaded.
    pub changed: Option<Vec<Meanwhile>>,
    /// What the kind's checks know about the customer.
    pub context: R::Context,
}

impl<R: SubRecord> Form<R> {
    fn blank(layout: Layout, header: CustomerHeader, context: R::Context) -> Self {
        Form {
            layout,
            header,
            record_id: None,
            version: 0,
            was_primary: false,
            is_first: false,
            fields: R::blank(),
            errors: FormErrors::new(),
            changed: None,
            context,
        }
    }

    fn new(layout: Layout, header: CustomerHeader, context: R::Context) -> Self {
        let title = about::<R>("customer-parts-add-page-title")
            .arg("customer", header.customer.display_name());
        Form::blank(layout.titled(title), header, context)
    }

    fn editing(layout: Layout, header: CustomerHeader, context: R::Context, row: &R) -> Self {
        let title = about::<R>("customer-parts-edit-page-title")
            .arg("customer", header.customer.display_name());
        Form {
            record_id: Some(row.id()),
            version: row.lock_version(),
            was_primary: row.is_primary(),
            fields: R::Fields::from(row),
            ..Form::blank(layout.titled(title), header, context)
        }
    }

    /// The form opened again on the row as it is now, beside the person's input: it now
    /// carries the current version, so saving again, after a look at what changed, is a
    /// deliberate choice to replace it.
    fn stale(mut self, now: &R, fields: R::Fields) -> Self {
        self.changed = Some(sub_record::changed_meanwhile(now, &fields));
        self.fields = fields;
        self
    }

    /// The page with the person's input and its messages.
    fn with_input(mut self, fields: R::Fields, errors: FormErrors) -> Self {
        self.fields = fields;
        self.errors = errors;
        self
    }

    pub fn noun(&self) -> &'static str {
        R::NOUN
    }

    pub fn heading(&self) -> String {
        let id = match self.record_id {
            Some(_) => "customer-parts-edit-heading",
            None => "customer-parts-add-heading",
        };
        self.layout.msg(&about::<R>(id))
    }

    pub fn list_path(&self) -> String {
        list_path::<R>(self.header.customer.id)
    }

    pub fn action(&self) -> String {
        match self.record_id {
            Some(r) => format!("{}/{r}", self.list_path()),
            None => self.list_path(),
        }
    }

    pub fn primary_label(&self) -> String {
        self.layout.msg(&about::<R>("customer-parts-primary-label"))
    }

    pub fn primary_hint(&self) -> String {
        let id = if self.was_primary {
            "customer-parts-primary-hint-kept"
        } else {
            "customer-parts-primary-hint-takes-over"
        };
        self.layout.msg(&about::<R>(id))
    }

    /// A field's name in "changed meanwhile", in the reader's language.
    pub fn field_text(&self, field: &str) -> String {
        history::field_text(&self.layout.l, field)
    }

    /// A field's value in "changed meanwhile": its fixed words in the reader's language.
    pub fn value_text(&self, field: &str, value: &str) -> String {
        history::value_text(&self.layout.l, field, value)
    }
}

/// A form as posted: the kind's fields, and the version of the row an edit form was opened on.
/// Read as two views of one body, since the fields do not know the version.
pub(crate) struct Posted<F> {
    pub(crate) fields: F,
    pub(crate) version: Option<i32>,
}

#[derive(serde::Deserialize)]
struct Version {
    version: Option<i32>,
}

impl<F: serde::de::DeserializeOwned> Posted<F> {
    pub(crate) fn read(body: &[u8]) -> AppResult<Posted<F>> {
        let unreadable = |e: serde_html_form::de::Error| {
            log::info!("unreadable form: {e}");
            respond::unreadable()
        };
        let fields = serde_html_form::from_bytes(body).map_err(unreadable)?;
        let Version { version } = serde_html_form::from_bytes(body).map_err(unreadable)?;
        Ok(Posted { fields, version })
    }
}

/// The customer's header and what the kind's checks know about it: every form needs both.
fn form_parts<R: SubRecord>(
    conn: &mut PgConnection,
    id: i64,
) -> AppResult<(CustomerHeader, R::Context)> {
    Ok((
        CustomerHeader::load(conn, id, R::PLURAL)?,
        R::context(conn, id)?,
    ))
}

/// A kind's form page with a status of its choosing.
fn form_page<R: Screen>(status: StatusCode, page: Form<R>) -> Reply {
    respond::page(status, &R::FormPage::from(page))
}

/// Says `text` and goes back to the list.
fn to_list<R: SubRecord>(desk: &StaffDesk, customer_id: i64, text: Msg) -> Reply {
    desk.done(text, &list_path::<R>(customer_id))
}

pub async fn new<R: Screen>(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let ((header, context), count) = desk
        .run(move |conn| Ok((form_parts::<R>(conn, id)?, R::count(conn, id)?)))
        .await?;
    let mut page = Form::<R>::new(desk.layout()?, header, context);
    page.is_first = count == 0;
    form_page(StatusCode::OK, page)
}

/// What an add came to, with what its page needs when it is refused.
struct Added<R: SubRecord> {
    header: CustomerHeader,
    context: R::Context,
    result: Result<R, SaveError<R>>,
    /// Refused, and the customer has none yet.
    is_first: bool,
}

/// Adds the record unless the fields break a rule; the list's path when it was added.
fn add<R: Screen>(
    conn: &mut PgConnection,
    id: i64,
    staff_id: i64,
    fields: &R::Fields,
) -> AppResult<(Added<R>, Option<String>)> {
    let (header, context) = form_parts::<R>(conn, id)?;
    let result = R::parse(fields, context)
        .map_err(SaveError::Invalid)
        .and_then(|input| sub_record::create(conn, id, staff_id, input));
    let is_first = matches!(result, Err(SaveError::Invalid(_))) && R::count(conn, id)? == 0;
    let location = result.is_ok().then(|| list_path::<R>(id));
    let added = Added {
        header,
        context,
        result,
        is_first,
    };
    Ok((added, location))
}

pub async fn create<R: Screen>(
    desk: StaffDesk,
    path: web::Path<i64>,
    body: web::Bytes,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let (fields, staff_id) = (Posted::<R::Fields>::read(&body)?.fields, desk.who.id);
    let to_save = fields.clone();
    let work = move |conn: &mut PgConnection| add::<R>(conn, id, staff_id, &to_save);
    let added = match submission.once(desk.pool(), work).await? {
        Once::First(added) => added,
        Once::Repeat(location) => return Ok(see_other(&location)),
    };
    match added.result {
        Ok(saved) => to_list::<R>(&desk, id, added_text(&saved)),
        Err(SaveError::Invalid(errors)) => {
            let page = Form::<R>::new(desk.layout()?, added.header, added.context);
            let mut page = page.with_input(fields, errors);
            page.is_first = added.is_first;
            form_page(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(SaveError::Stale(_)) => Err(AppError::internal(format!(
            "a new {} cannot be stale",
            R::NOUN
        ))),
        Err(SaveError::Failed(e)) => Err(e),
    }
}

pub(crate) fn added_text<R: Screen>(saved: &R) -> Msg {
    let id = if saved.is_primary() {
        "customer-parts-added-primary"
    } else {
        "customer-parts-added"
    };
    about::<R>(id).arg("name", saved.name())
}

pub async fn edit<R: Screen>(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    let (id, record_id) = path.into_inner();
    let ((header, context), row) = desk
        .run(move |conn| {
            let parts = form_parts::<R>(conn, id)?;
            Ok((parts, R::find(conn, CustomerId(id), record_id)?))
        })
        .await?;
    let page = Form::<R>::editing(desk.layout()?, header, context, &row);
    form_page(StatusCode::OK, page)
}

/// What an edit came to: the page's parts, the row as the form was checked against, and the
/// save's result.
type Edited<R> = (
    CustomerHeader,
    <R as SubRecord>::Context,
    R,
    Result<R, SaveError<R>>,
);

/// Saves the edit unless it is stale or breaks a rule (404 when the record is not the
/// customer's).
fn edit_on<R: Screen>(
    conn: &mut PgConnection,
    (id, record_id): (i64, i64),
    staff_id: i64,
    expected: i32,
    fields: &R::Fields,
) -> AppResult<Edited<R>> {
    let (header, context) = form_parts::<R>(conn, id)?;
    let current = R::find(conn, CustomerId(id), record_id)?;
    let result =
        sub_record::update::<R>(conn, CustomerId(id), record_id, staff_id, expected, fields);
    Ok((header, context, current, result))
}

pub async fn update<R: Screen>(
    desk: StaffDesk,
    path: web::Path<(i64, i64)>,
    body: web::Bytes,
) -> Reply {
    desk.frame_first()?;
    let (id, record_id) = path.into_inner();
    let Posted { fields, version } = Posted::<R::Fields>::read(&body)?;
    let (expected, staff_id) = (version.ok_or_else(respond::unreadable)?, desk.who.id);
    let to_save = fields.clone();
    let work = move |conn: &mut PgConnection| {
        edit_on::<R>(conn, (id, record_id), staff_id, expected, &to_save)
    };
    let (header, context, current, result) = desk.run(work).await?;
    let editing = |row: &R| -> AppResult<Form<R>> {
        Ok(Form::<R>::editing(desk.layout()?, header, context, row))
    };
    match result {
        Ok(saved) => {
            let text = about::<R>("customer-parts-saved").arg("name", saved.name());
            to_list::<R>(&desk, id, text)
        }
        Err(SaveError::Invalid(errors)) => form_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            editing(&current)?.with_input(fields, errors),
        ),
        Err(SaveError::Stale(now)) => {
            let noun = R::NOUN;
            log::info!(
                "staff {staff_id}: stale edit of {noun} {record_id} of customer {id} refused"
            );
            form_page(StatusCode::CONFLICT, editing(&now)?.stale(&now, fields))
        }
        Err(SaveError::Failed(e)) => Err(e),
    }
}

pub async fn delete<R: Screen>(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    let ((id, record_id), staff_id) = (path.into_inner(), desk.who.id);
    let deleted = desk
        .run(move |conn| {
            Ok(sub_record::delete::<R>(
                conn,
                CustomerId(id),
                record_id,
                staff_id,
            )?)
        })
        .await?;
    to_list::<R>(&desk, id, deleted_text(&deleted))
}

pub(crate) fn deleted_text<R: Screen>(deleted: &Deleted<R>) -> Msg {
    let name = deleted.record.name();
    match &deleted.promoted {
        Some(p) => about::<R>("customer-parts-deleted-promoted")
            .arg("name", name)
            .arg("promoted", p.name()),
        None => about::<R>("customer-parts-deleted").arg("name", name),
    }
}
