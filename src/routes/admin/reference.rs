//! Reference data kept by administrators: stores, price lists, sales channels, customer groups,
//! payment terms and tags.
//!
//! Six kinds, one set of screens: for each, a list (with how much uses every row), a form to add
//! one, a form to change one, and deletion while nothing uses it. What differs between the kinds
//! (columns, fields, wording) is a `Kind`; the handlers are generic over it. Checking (format and
//! uniqueness) and writing happen together in one call to `models::reference`.

use crate::models::reference::{
    ChannelRow, CustomerGroup, CustomerGroupInput, NAME_MAX, PaymentTerm, PaymentTermInput,
    PriceList, PriceListInput, Removal, STORE_CODE_MAX, SalesChannel, SalesChannelInput, SaveError,
    Store, StoreInput, TAG_NAME_MAX, Tag, TagInput, Usage,
};
use crate::routes::prelude::*;
use diesel::{PgConnection, QueryResult};
use serde::de::DeserializeOwned;

/// GET /admin/<kind>, …/new, …/{id}/edit; POST …, …/{id}; DELETE …/{id}.
pub(crate) fn routes<K: Kind>(cfg: &mut web::ServiceConfig) {
    let base = format!("/{}", K::PATH);
    cfg.route(&base, web::get().to(index::<K>))
        .route(&base, web::post().to(create::<K>))
        .route(&format!("{base}/new"), web::get().to(new::<K>))
        .route(&format!("{base}/{{id}}/edit"), web::get().to(edit::<K>))
        .route(&format!("{base}/{{id}}"), web::post().to(update::<K>))
        .route(&format!("{base}/{{id}}"), web::delete().to(delete::<K>));
}

/// One kind of reference data, as its screens show it.
pub(crate) trait Kind: Sized + Send + 'static {
    /// Below /admin: "stores". Also the variant of the `admin-ref-…` messages that name the
    /// kind ("Stores", "New store").
    const PATH: &'static str;
    /// The list's column headings (message ids), in the order `list_row` gives the cells.
    const COLUMNS: &'static [&'static str];

    /// The form as sent; `Default` is a new row's form.
    type Input: DeserializeOwned + Default + Clone + Send + 'static;
    /// A row of the list.
    type Listed: Send + 'static;

    fn list(conn: &mut PgConnection) -> QueryResult<Vec<(Self::Listed, Usage)>>;
    fn list_row(row: &Self::Listed, usage: &Usage) -> ListRow;
    fn with_usage(conn: &mut PgConnection, id: i64) -> QueryResult<(Self, Usage)>;
    fn create(conn: &mut PgConnection, input: &Self::Input) -> Result<Self, SaveError>;
    fn update(conn: &mut PgConnection, id: i64, input: &Self::Input) -> Result<Self, SaveError>;
    fn delete(conn: &mut PgConnection, id: i64) -> AppResult<Removal<Self>>;
    /// The form filled in with this row.
    fn input(&self) -> Self::Input;
    /// How messages name the row.
    fn label(&self) -> String;
    /// The form's fields, filled in with `input`.
    fn fields(input: &Self::Input, options: &[Choice]) -> Vec<Field>;
    /// What the form's select offers, if it has one.
    fn options(_conn: &mut PgConnection) -> QueryResult<Vec<Choice>> {
        Ok(Vec::new())
    }
}

// The kinds --------------------------------------------------------------------------------------

/// The part of `Kind` that is the model's own calls, the same for every kind: `models::reference`
/// gives each row type `list`, `with_usage`, `create`, `update` and `delete`, and its form input
/// a `From<&row>`.
macro_rules! model_calls {
    ($row:ident, $input:ty, $listed:ty) => {
        type Input = $input;
        type Listed = $listed;

        fn list(conn: &mut PgConnection) -> QueryResult<Vec<($listed, Usage)>> {
            $row::list(conn)
        }
        fn with_usage(conn: &mut PgConnection, id: i64) -> QueryResult<(Self, Usage)> {
            $row::with_usage(conn, id)
        }
        fn create(conn: &mut PgConnection, input: &$input) -> Result<Self, SaveError> {
            $row::create(conn, input)
        }
        fn update(conn: &mut PgConnection, id: i64, input: &$input) -> Result<Self, SaveError> {
            $row::update(conn, id, input)
        }
        fn delete(conn: &mut PgConnection, id: i64) -> AppResult<Removal<Self>> {
            $row::delete(conn, id)
        }
        fn input(&self) -> $input {
            self.into()
        }
    };
}

impl Kind for Store {
    const PATH: &'static str = "stores";
    const COLUMNS: &'static [&'static str] = &[
        "admin-ref-col-code",
        "admin-col-name",
        "admin-col-status",
        "admin-col-customers",
    ];
    model_calls!(Store, StoreInput, Store);

    fn list_row(s: &Store, usage: &Usage) -> ListRow {
        let status = if s.active {
            Cell::badge("admin-col-status", "admin-status-active", "ok")
        } else {
            Cell::badge("admin-col-status", "admin-status-deactivated", "muted")
        };
        ListRow {
            id: s.id,
            label: s.label(),
            cells: vec![
                Cell::text("admin-ref-col-code", &s.code),
                Cell::text("admin-col-name", &s.name),
                status,
                Cell::customers(usage),
            ],
        }
    }
    fn label(&self) -> String {
        Store::label(self)
    }
    fn fields(input: &StoreInput, _: &[Choice]) -> Vec<Field> {
        vec![
            Field::new("code", "admin-ref-col-code", Control::Caps, &input.code)
                .hint(Msg::new("admin-ref-code-hint").arg("max", STORE_CODE_MAX as i64)),
            Field::name(&input.name, NAME_MAX),
            Field::new(
                "active",
                "admin-status-active",
                Control::Checkbox,
                bool_value(input.active),
            )
            .optional()
            .hint(Msg::new("admin-ref-store-active-hint")),
        ]
    }
}

impl Kind for PriceList {
    const PATH: &'static str = "price-lists";
    const COLUMNS: &'static [&'static str] = &[
        "admin-col-name",
        "admin-ref-col-currency",
        "admin-ref-col-sales-channels",
        "admin-col-customers",
    ];
    model_calls!(PriceList, PriceListInput, PriceList);

    fn list_row(p: &PriceList, usage: &Usage) -> ListRow {
        let channels = usage.channels.to_string();
        let cells = vec![
            Cell::text("admin-ref-col-currency", &p.currency),
            Cell::text("admin-ref-col-sales-channels", &channels),
        ];
        ListRow::named(p.id, &p.name, cells, usage)
    }
    fn label(&self) -> String {
        self.name.clone()
    }
    fn fields(input: &PriceListInput, _: &[Choice]) -> Vec<Field> {
        vec![
            Field::name(&input.name, NAME_MAX),
            Field::new(
                "currency",
                "admin-ref-col-currency",
                Control::Caps,
                &input.currency,
            )
            .hint(Msg::new("admin-ref-currency-hint")),
        ]
    }
}

impl Kind for SalesChannel {
    const PATH: &'static str = "sales-channels";
    const COLUMNS: &'static [&'static str] = &[
        "admin-col-name",
        "admin-ref-col-price-list",
        "admin-col-customers",
    ];
    model_calls!(SalesChannel, SalesChannelInput, ChannelRow);

    fn list_row(r: &ChannelRow, usage: &Usage) -> ListRow {
        let cells = vec![Cell::text(
            "admin-ref-col-price-list",
            &r.price_list.label(),
        )];
        ListRow::named(r.channel.id, &r.channel.name, cells, usage)
    }
    fn label(&self) -> String {
        self.name.clone()
    }
    fn fields(input: &SalesChannelInput, options: &[Choice]) -> Vec<Field> {
        vec![
            Field::name(&input.name, NAME_MAX),
            Field::new(
                "price_list_id",
                "admin-ref-col-price-list",
                Control::Select,
                &input.price_list_id,
            )
            .choices(options.to_vec())
            .hint(Msg::new("admin-ref-channel-price-list-hint")),
        ]
    }
    fn options(conn: &mut PgConnection) -> QueryResult<Vec<Choice>> {
        Ok(PriceList::all(conn)?
            .into_iter()
            .map(|p| Choice {
                value: p.id.to_string(),
                label: p.label(),
            })
            .collect())
    }
}

impl Kind for CustomerGroup {
    const PATH: &'static str = "customer-groups";
    const COLUMNS: &'static [&'static str] = &["admin-col-name", "admin-col-customers"];
    model_calls!(CustomerGroup, CustomerGroupInput, CustomerGroup);

    fn list_row(g: &CustomerGroup, usage: &Usage) -> ListRow {
        ListRow::named(g.id, &g.name, Vec::new(), usage)
    }
    fn label(&self) -> String {
        self.name.clone()
    }
    fn fields(input: &CustomerGroupInput, _: &[Choice]) -> Vec<Field> {
        vec![Field::name(&input.name, NAME_MAX)]
    }
}

impl Kind for PaymentTerm {
    const PATH: &'static str = "payment-terms";
    const COLUMNS: &'static [&'static str] = &[
        "admin-col-name",
        "admin-ref-col-days",
        "admin-col-customers",
    ];
    model_calls!(PaymentTerm, PaymentTermInput, PaymentTerm);

    fn list_row(t: &PaymentTerm, usage: &Usage) -> ListRow {
        let cells = vec![Cell::msg("admin-ref-col-days", t.days_msg())];
        ListRow::named(t.id, &t.name, cells, usage)
    }
    fn label(&self) -> String {
        self.name.clone()
    }
    fn fields(input: &PaymentTermInput, _: &[Choice]) -> Vec<Field> {
        vec![
            Field::name(&input.name, NAME_MAX),
            Field::new("days", "admin-ref-col-days", Control::Number, &input.days)
                .optional()
                .hint(Msg::new("admin-ref-days-hint")),
        ]
    }
}

impl Kind for Tag {
    const PATH: &'static str = "tags";
    const COLUMNS: &'static [&'static str] = &["admin-col-name", "admin-col-customers"];
    model_calls!(Tag, TagInput, Tag);

    fn list_row(t: &Tag, usage: &Usage) -> ListRow {
        ListRow::named(t.id, &t.name, Vec::new(), usage)
    }
    fn label(&self) -> String {
        self.name.clone()
    }
    fn fields(input: &TagInput, _: &[Choice]) -> Vec<Field> {
        vec![Field::name(&input.name, TAG_NAME_MAX)]
    }
}

// What the templates show -------------------------------------------------------------------------

/// A kind, for the templates: its path, which is also the variant of the `admin-ref-…`
/// messages that name it.
pub struct KindInfo {
    pub path: &'static str,
}

impl KindInfo {
    fn of<K: Kind>() -> KindInfo {
        KindInfo { path: K::PATH }
    }
}

pub struct ListRow {
    pub id: i64,
    /// Names the row for screen readers ("Edit" alone would read alike on every row).
    pub label: String,
    pub cells: Vec<Cell>,
}

impl ListRow {
    /// The row of a kind named by its name: the Name column, then `cells`, then how many
    /// customers use it.
    fn named(id: i64, name: &str, cells: Vec<Cell>, usage: &Usage) -> ListRow {
        let name_cell = Cell::text("admin-col-name", name);
        ListRow {
            id,
            label: name.to_string(),
            cells: std::iter::once(name_cell)
                .chain(cells)
                .chain([Cell::customers(usage)])
                .collect(),
        }
    }
}

pub struct Cell {
    /// The message id of its column heading, shown beside the value on a phone.
    pub label: &'static str,
    pub text: Msg,
    /// A badge modifier ("ok", "muted") to show the text as a badge.
    pub badge: Option<&'static str>,
}

impl Cell {
    /// A value as it is stored.
    fn text(label: &'static str, text: &str) -> Cell {
        Cell::msg(label, Msg::verbatim(text))
    }

    /// A value in words.
    fn msg(label: &'static str, text: Msg) -> Cell {
        Cell {
            label,
            text,
            badge: None,
        }
    }

    /// The message `text` as a badge.
    fn badge(label: &'static str, text: &'static str, badge: &'static str) -> Cell {
        Cell {
            label,
            text: Msg::new(text),
            badge: Some(badge),
        }
    }

    fn customers(usage: &Usage) -> Cell {
        Cell::text("admin-col-customers", &usage.customers.to_string())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Text,
    /// Text that is upper-cased: codes.
    Caps,
    /// A whole number, typed as text (an `<input type=number>` sends nothing for "abc").
    Number,
    Select,
    Checkbox,
}

pub struct Field {
    pub name: &'static str,
    /// The message id of its label.
    pub label: &'static str,
    pub control: Control,
    /// As sent, or as stored ("true"/"false" for a checkbox).
    pub value: String,
    pub required: bool,
    pub hint: Option<Msg>,
    pub choices: Vec<Choice>,
    pub error: Option<crate::i18n::Msg>,
}

#[derive(Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

fn bool_value(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

impl Field {
    fn new(name: &'static str, label: &'static str, control: Control, value: &str) -> Field {
        Field {
            name,
            label,
            control,
            value: value.to_string(),
            required: true,
            hint: None,
            choices: Vec::new(),
            error: None,
        }
    }

    /// The Name field of a kind, up to `max` characters.
    fn name(value: &str, max: usize) -> Field {
        Field::new("name", "admin-field-name", Control::Text, value)
            .hint(Msg::new("admin-ref-name-hint").arg("max", max as i64))
    }

    fn optional(mut self) -> Field {
        self.required = false;
        self
    }

    fn hint(mut self, hint: Msg) -> Field {
        self.hint = Some(hint);
        self
    }

    fn choices(mut self, choices: Vec<Choice>) -> Field {
        self.choices = choices;
        self
    }

    pub fn is(&self, control: Control) -> bool {
        self.control == control
    }

    /// Whether the value is one of the choices (else the select shows "Choose…").
    pub fn has_choice(&self) -> bool {
        self.choices.iter().any(|c| c.value == self.value)
    }

    pub fn checked(&self) -> bool {
        self.value == "true"
    }

    /// The ids of its hint and error message, for `aria-describedby`.
    pub fn described_by(&self) -> Option<String> {
        let ids: Vec<String> = [
            self.hint.as_ref().map(|_| format!("{}-hint", self.name)),
            self.error.as_ref().map(|_| format!("{}-error", self.name)),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[derive(Template)]
#[template(path = "admin/reference/index.html")]
pub struct ListPage {
    layout: Layout,
    kind: KindInfo,
    columns: &'static [&'static str],
    rows: Vec<ListRow>,
}

/// The delete button of an edit form, and what it will do.
pub struct DeleteBox {
    pub action: String,
    pub label: String,
    pub note: Msg,
}

#[derive(Template)]
#[template(path = "admin/reference/form.html")]
pub struct FormPage {
    layout: Layout,
    kind: KindInfo,
    heading: String,
    /// The row being changed, as it is stored.
    lead: Option<String>,
    action: String,
    submit: String,
    fields: Vec<Field>,
    /// Said at the top when the form came back with messages.
    problem: Option<Msg>,
    delete: Option<DeleteBox>,
}

fn list_path<K: Kind>() -> String {
    format!("/admin/{}", K::PATH)
}

/// The message `id` about a row of kind `K` and what uses it ("3 customers use it", "1 sales
/// channel (and through it 2 customers) uses this price list").
fn uses<K: Kind>(id: &'static str, usage: &Usage) -> Msg {
    Msg::new(id)
        .arg("kind", K::PATH)
        .arg("channels", usage.channels)
        .arg("customers", usage.customers)
}

// Handlers ---------------------------------------------------------------------------------------

async fn index<K: Kind>(desk: StaffDesk) -> Reply {
    let rows = desk.run(|conn| Ok(K::list(conn)?)).await?;
    desk.show(
        Msg::new("admin-ref-title").arg("kind", K::PATH),
        "admin",
        |layout| ListPage {
            layout,
            kind: KindInfo::of::<K>(),
            columns: K::COLUMNS,
            rows: rows
                .iter()
                .map(|(row, usage)| K::list_row(row, usage))
                .collect(),
        },
    )
}

async fn new<K: Kind>(desk: StaffDesk) -> Reply {
    form_page::<K>(&desk, desk.layout()?, None, None, FormErrors::new()).await
}

async fn edit<K: Kind>(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = Some(path.into_inner());
    form_page::<K>(&desk, desk.layout()?, id, None, FormErrors::new()).await
}

async fn create<K: Kind>(
    desk: StaffDesk,
    form: web::Form<K::Input>,
    submission: Submission,
) -> Reply {
    // The frame first, as when it was an extractor: it takes the messages waiting, which a
    // redirect drops (the redirect's page shows this action's message alone).
    let layout = desk.layout()?;
    let input = form.into_inner();
    let sent = input.clone();
    let work = move |conn: &mut _| K::create(conn, &sent);
    let created = submission
        .create(desk.pool(), work, |_| list_path::<K>())
        .await?;
    match created {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(row)) => saved(&desk, &row, "admin-ref-added"),
        Once::First(Err(e)) => {
            form_page::<K>(&desk, layout, None, Some(input), e.into_invalid()?).await
        }
    }
}

async fn update<K: Kind>(
    desk: StaffDesk,
    path: web::Path<i64>,
    form: web::Form<K::Input>,
) -> Reply {
    let layout = desk.layout()?; // first, as in `create`
    let (id, input) = (path.into_inner(), form.into_inner());
    let sent = input.clone();
    match desk.run(move |conn| Ok(K::update(conn, id, &sent))).await? {
        Ok(row) => saved(&desk, &row, "admin-ref-saved"),
        Err(e) => {
            let errors = e.into_invalid()?;
            form_page::<K>(&desk, layout, Some(id), Some(input), errors).await
        }
    }
}

/// Back to the list, saying (message `was`) that `row` was added, saved or deleted.
fn saved<K: Kind>(desk: &StaffDesk, row: &K, was: &'static str) -> Reply {
    let text = Msg::new(was).arg("kind", K::PATH).arg("name", row.label());
    desk.done(text, &list_path::<K>())
}

async fn delete<K: Kind>(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    match desk.run(move |conn| K::delete(conn, id)).await? {
        Removal::Deleted(row) => saved(&desk, &row, "admin-ref-deleted"),
        Removal::InUse(row, usage) => {
            let text = uses::<K>("admin-ref-not-deleted", &usage).arg("name", row.label());
            let location = format!("{}/{id}/edit", list_path::<K>());
            desk.refused(text, &location)
        }
    }
}

/// The new form (`id` None) or the edit form of row `id`, filled in with `input` or else with
/// the row, with `errors` beside their fields: 200 without errors, 422 with.
async fn form_page<K: Kind>(
    desk: &StaffDesk,
    layout: Layout,
    id: Option<i64>,
    input: Option<K::Input>,
    errors: FormErrors,
) -> Reply {
    let (current, options) = desk
        .run(move |conn| {
            let current = match id {
                Some(id) => Some(Current::<K>::load(conn, id)?),
                None => None,
            };
            Ok((current, K::options(conn)?))
        })
        .await?;
    let page = FormPage::of(layout, current, input, &options, &errors);
    respond::form(&page, &errors)
}

/// The row an edit form changes, with what uses it.
struct Current<K> {
    id: i64,
    row: K,
    usage: Usage,
}

impl<K: Kind> Current<K> {
    fn load(conn: &mut PgConnection, id: i64) -> QueryResult<Current<K>> {
        let (row, usage) = K::with_usage(conn, id)?;
        Ok(Current { id, row, usage })
    }
}

impl FormPage {
    /// The new form (no `current` row) or the edit form of `current`, filled in with `input` or
    /// else with the row, with `errors` beside their fields.
    fn of<K: Kind>(
        layout: Layout,
        current: Option<Current<K>>,
        input: Option<K::Input>,
        options: &[Choice],
        errors: &FormErrors,
    ) -> FormPage {
        let input = input
            .or_else(|| current.as_ref().map(|c| c.row.input()))
            .unwrap_or_default();
        let mut fields = K::fields(&input, options);
        for field in &mut fields {
            field.error = errors.get(field.name).cloned();
        }
        let kind = |id: &'static str| layout.msg(&Msg::new(id).arg("kind", K::PATH));
        let (heading, lead, action, submit, delete) = match &current {
            Some(Current { id, row, usage }) => (
                kind("admin-ref-edit"),
                Some(row.label()),
                format!("{}/{id}", list_path::<K>()),
                layout.t("admin-save-changes"),
                Some(DeleteBox::of(*id, row, usage)),
            ),
            None => (
                kind("admin-ref-new"),
                None,
                list_path::<K>(),
                kind("admin-ref-add"),
                None,
            ),
        };
        FormPage {
            layout: layout.titled(heading.clone()).in_section("admin"),
            kind: KindInfo::of::<K>(),
            heading,
            lead,
            action,
            submit,
            fields,
            problem: not_saved::<K>(errors),
            delete,
        }
    }
}

/// What the top of a form that came back with messages says.
fn not_saved<K: Kind>(errors: &FormErrors) -> Option<Msg> {
    (!errors.is_empty()).then(|| {
        Msg::new("admin-ref-not-saved")
            .arg("kind", K::PATH)
            .arg("count", errors.len())
    })
}

impl DeleteBox {
    /// The delete button of row `id`, saying whether what uses it lets it go.
    fn of<K: Kind>(id: i64, row: &K, usage: &Usage) -> DeleteBox {
        let note = if usage.is_unused() {
            Msg::new("admin-ref-unused").arg("kind", K::PATH)
        } else {
            uses::<K>("admin-ref-in-use", usage)
        };
        DeleteBox {
            action: format!("{}/{id}", list_path::<K>()),
            label: row.label(),
            note,
        }
    }
}
