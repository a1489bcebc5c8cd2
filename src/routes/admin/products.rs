//! Products, for administrators: the list (search by SKU or name, pages of 50), the form to add
//! or change a product with its list price on every price list and its stock at every store,
//! and the CSV import of products, prices and stock (`/admin/products/import`).
//!
//! The form carries the product's lock_version: a save based on an out-of-date form is refused
//! with a 409 that shows the product as it is now beside what was sent, so nothing is silently
//! overwritten. The import is synchronous (product catalogs are small) and all or nothing.

use crate::routes::prelude::*;
use crate::{
    i18n::L10n,
    import::{
        FileReport,
        products::{self as products_import, ProductImportError},
    },
    models::{
        catalogs::product::{
            self, FieldDifference, Product, ProductCustomer, ProductForm, ProductRow,
        },
        reference::Reference,
    },
    routes::layout::{Layout, Pager, SearchPage},
    routes::respond::{
        self, see_other,
        upload::{UploadForm, field_error},
    },
};
use actix_multipart::Multipart;

/// Products per page of the list.
const PER_PAGE: i64 = 50;

/// The most one product upload may hold, all files together. Product files are small (5,000
/// products with their prices are well under a megabyte); once received they are read into
/// memory.
pub const UPLOAD_MAX: u64 = 32 * 1024 * 1024;

// The list ------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "admin/products/index.html")]
pub struct ProductsPage {
    layout: Layout,
    rows: Vec<ProductRow>,
    search: String,
    pager: Pager,
}

impl ProductsPage {
    /// "1,234 products", or how many match the search.
    fn count_text(&self) -> String {
        let (count, n) = (self.pager.total, self.layout.l.number(self.pager.total));
        if self.search.is_empty() {
            self.layout
                .t2("admin-catalog-product-count", ("count", count), ("n", n))
        } else {
            self.layout.msg(
                &Msg::new("admin-products-match")
                    .arg("count", count)
                    .arg("n", n)
                    .arg("search", &self.search),
            )
        }
    }
}

pub async fn index(desk: StaffDesk, query: web::Query<SearchPage>) -> Reply {
    let (search, page) = (query.search(), query.page());
    let (term, offset) = (search.clone(), (page - 1).saturating_mul(PER_PAGE));
    let (rows, total) = desk
        .run(move |conn| Ok(product::list(conn, Some(&term), offset, PER_PAGE)?))
        .await?;
    desk.show(Msg::new("admin-products-title"), "admin", |layout| {
        ProductsPage {
            layout,
            rows,
            pager: Pager::new("/admin/products", &search, page, PER_PAGE, total),
            search,
        }
    })
}

// The form ------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "admin/products/form.html")]
pub struct ProductFormPage {
    layout: Layout,
    heading: String,
    action: String,
    form: ProductForm,
    refs: Reference,
    errors: FormErrors,
    problem: Option<String>,
    /// After a refused stale save: what was sent and what is saved now, field by field.
    stale: Option<Vec<FieldDifference>>,
    product: Option<Product>,
    catalog_names: Vec<String>,
    customers: Vec<ProductCustomer>,
}

impl ProductFormPage {
    fn price_error(&self, price_list_id: &i64) -> Option<&crate::i18n::Msg> {
        self.errors.get(&format!("price-{price_list_id}"))
    }

    fn stock_error(&self, store_id: &i64) -> Option<&crate::i18n::Msg> {
        self.errors.get(&format!("stock-{store_id}"))
    }
}

/// Everything the form page shows around the form.
struct Around {
    refs: Reference,
    product: Option<Product>,
    catalog_names: Vec<String>,
    customers: Vec<ProductCustomer>,
}

async fn around(desk: &StaffDesk, id: Option<i64>) -> AppResult<(Around, Option<ProductForm>)> {
    desk.run(move |conn| {
        let refs = Reference::load(conn)?;
        let Some(id) = id else {
            return Ok((
                Around {
                    refs,
                    product: None,
                    catalog_names: Vec::new(),
                    customers: Vec::new(),
                },
                None,
            ));
        };
        let (product, form) = ProductForm::load(conn, id)?;
        Ok((
            Around {
                refs,
                catalog_names: Product::catalog_names(conn, id)?,
                customers: Product::customers(conn, id)?,
                product: Some(product),
            },
            Some(form),
        ))
    })
    .await
}

fn form_page(
    layout: Layout,
    around: Around,
    form: ProductForm,
    errors: FormErrors,
    stale: Option<Vec<FieldDifference>>,
) -> Reply {
    let (heading, action) = match &around.product {
        Some(p) => (
            Msg::new("admin-product-edit-title").arg("sku", &p.sku),
            product_path(p),
        ),
        None => (
            Msg::new("admin-product-new-title"),
            "/admin/products".to_string(),
        ),
    };
    let problem = problem(&errors, stale.is_some()).map(|m| layout.msg(&m));
    let layout = layout.titled(heading).in_section("admin");
    let page = ProductFormPage {
        heading: layout.title.clone(),
        layout,
        action,
        form,
        refs: around.refs,
        problem,
        errors,
        stale,
        product: around.product,
        catalog_names: around.catalog_names,
        customers: around.customers,
    };
    let status = if page.stale.is_some() {
        StatusCode::CONFLICT
    } else if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    respond::page(status, &page)
}

/// What the top of the form says when it came back: stale, or with `errors`.
fn problem(errors: &FormErrors, stale: bool) -> Option<Msg> {
    if stale {
        Some(Msg::new("admin-product-stale-problem"))
    } else if !errors.is_empty() {
        Some(Msg::new("admin-product-not-saved").arg("count", errors.len()))
    } else {
        None
    }
}

/// A product's page: its form.
fn product_path(p: &Product) -> String {
    format!("/admin/products/{}", p.id)
}

pub async fn new(desk: StaffDesk) -> Reply {
    let (around, _) = around(&desk, None).await?;
    let blank = ProductForm::blank();
    form_page(desk.layout()?, around, blank, FormErrors::new(), None)
}

pub async fn edit(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let (around, form) = around(&desk, Some(path.into_inner())).await?;
    let layout = desk.layout()?;
    let mut form = form.unwrap_or_default();
    form.show_prices(|cents| layout.l.amount(cents));
    form_page(layout, around, form, FormErrors::new(), None)
}

/// The form as sent, with its prices read in the reader's own style (`1.234,50` in German):
/// what the page shows again, and what is checked and saved.
fn read(l: &L10n, body: &[u8]) -> AppResult<(ProductForm, ProductForm)> {
    let form = ProductForm::from_pairs(&pairs(body)?);
    let mut sent = form.clone();
    sent.read_prices(|raw| l.parse_amount(raw));
    Ok((form, sent))
}

/// The form's fields from an urlencoded body.
fn pairs(body: &[u8]) -> AppResult<Vec<(String, String)>> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).map_err(|e| {
        log::info!("unreadable product form: {e}");
        respond::unreadable()
    })
}

pub async fn create(desk: StaffDesk, body: web::Bytes, submission: Submission) -> Reply {
    // The frame first, as when it was an extractor: it takes the messages waiting, which a
    // redirect drops (the redirect's page shows this action's message alone).
    let layout = desk.layout()?;
    let (form, sent) = read(&layout.l, &body)?;
    let work = move |conn: &mut _| product::create(conn, &sent);
    let created = submission.create(desk.pool(), work, product_path).await?;
    match created {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(p)) => saved(&desk, &p, "created", "admin-product-created"),
        Once::First(Err(product::SaveError::Invalid(errors))) => {
            let (around, _) = around(&desk, None).await?;
            form_page(layout, around, form, errors, None)
        }
        Once::First(Err(product::SaveError::Stale(_))) => {
            Err(AppError::internal("a new product cannot be stale"))
        }
        Once::First(Err(product::SaveError::Failed(e))) => Err(e),
    }
}

/// After a product was saved (`did` for the log, `was` the flash's message): to its page.
fn saved(desk: &StaffDesk, p: &Product, did: &str, was: &'static str) -> Reply {
    log::info!("staff {} {did} product {}", desk.who.id, p.id);
    let text = Msg::new(was).arg("product", p.label());
    desk.done(text, &product_path(p))
}

pub async fn update(desk: StaffDesk, path: web::Path<i64>, body: web::Bytes) -> Reply {
    let layout = desk.layout()?; // first, as in `create`
    let id = path.into_inner();
    let (form, sent) = read(&layout.l, &body)?;
    if form.lock_version.is_none() {
        return Err(respond::unreadable());
    }
    let checked = sent.clone();
    match desk
        .run(move |conn| Ok(product::update(conn, id, &checked)))
        .await?
    {
        Ok(p) => saved(&desk, &p, "saved", "admin-product-saved"),
        Err(product::SaveError::Invalid(errors)) => {
            let (around, _) = around(&desk, Some(id)).await?;
            form_page(layout, around, form, errors, None)
        }
        Err(product::SaveError::Stale(now)) => {
            let (around, _) = around(&desk, Some(id)).await?;
            let (_, mut stored) = *now;
            let differences = sent.differences(&stored, &around.refs, &layout.l);
            stored.show_prices(|cents| layout.l.amount(cents));
            form_page(layout, around, stored, FormErrors::new(), Some(differences))
        }
        Err(product::SaveError::Failed(e)) => Err(e),
    }
}

// The import ----------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "admin/products/import.html")]
pub struct ImportPage {
    layout: Layout,
    errors: FormErrors,
    max_upload: String,
}

/// The import's page, where the upload is sent and where a done import leads back to.
const IMPORT_PATH: &str = "/admin/products/import";

/// The upload: the product import's files, up to [`UPLOAD_MAX`] together.
const UPLOAD: UploadForm = UploadForm {
    files: &products_import::FILES,
    max: UPLOAD_MAX,
    format: "products",
    too_large_advice: None,
    any_name: None,
};

/// The upload form, keeping the submission `key` the upload carried, with `errors` beside it.
fn import_page(layout: Layout, key: Option<&str>, status: StatusCode, errors: FormErrors) -> Reply {
    let page = ImportPage {
        layout: UPLOAD.frame(layout, key, "admin-products-import-title"),
        errors,
        max_upload: UPLOAD.max_upload(),
    };
    respond::page(status, &page)
}

pub async fn import_form(desk: StaffDesk) -> Reply {
    import_page(desk.layout()?, None, StatusCode::OK, FormErrors::new())
}

/// `POST /admin/products/import`: multipart, with the CSRF token in the query string.
pub async fn import(desk: StaffDesk, mut payload: Multipart, submission: Submission) -> Reply {
    let layout = desk.layout()?; // first, as in `create`
    let received = UPLOAD.receive(desk.request(), &mut payload).await?;
    let submission = submission.with_key(received.submission_key.as_deref());
    let upload = match received.upload {
        Ok(upload) => upload,
        Err(refusal) => {
            let errors = refusal.errors(&layout.l);
            return import_page(layout, submission.key(), refusal.status, errors);
        }
    };
    let staff_id = desk.who.id;
    log::info!("staff {staff_id} imports products from {:?}", upload.files);
    let files = upload.contents().await?;
    let result = submission
        .once(desk.pool(), move |conn| {
            let result = products_import::import(conn, &files, Some(staff_id));
            let location = result.is_ok().then(|| IMPORT_PATH.to_string());
            Ok((result, location))
        })
        .await?;
    match result {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(reports)) => {
            let text = imported(&layout.l, &reports);
            desk.done(text, IMPORT_PATH)
        }
        Once::First(Err(e)) => import_failed(layout, submission.key(), e),
    }
}

/// The upload form again, with why nothing was imported; or the error page.
fn import_failed(layout: Layout, key: Option<&str>, e: ProductImportError) -> Reply {
    match e {
        ProductImportError::Invalid { file, line, reason } => {
            let message = Msg::new("admin-products-import-failed")
                .arg("file", file)
                .arg("line", line.to_string())
                .arg(
                    "reason",
                    crate::import::reasons::reason_in(&layout.l, &reason),
                );
            let errors = field_error(message);
            import_page(layout, key, StatusCode::UNPROCESSABLE_ENTITY, errors)
        }
        ProductImportError::Database(e) => Err(e.into()),
    }
}

/// The flash after an import: each file's counts.
fn imported(l: &L10n, reports: &[FileReport]) -> Msg {
    let lines: Vec<String> = reports
        .iter()
        .map(|r| {
            let n = |v: u64| l.number(v as i64);
            l.msg(
                &Msg::new("admin-products-imported-file")
                    .arg("file", r.file)
                    .arg("rows", n(r.rows))
                    .arg("inserted", n(r.inserted))
                    .arg("updated", n(r.updated))
                    .arg("unchanged", n(r.unchanged)),
            )
        })
        .collect();
    Msg::new("admin-products-imported").arg("files", lines.join("; "))
}
