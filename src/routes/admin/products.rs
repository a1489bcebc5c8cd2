//! Products, for administrators: the list (search by SKU or name, pages of 50), the form to add
//! or change a product with its list price on every price list and its stock at every store,
//! and the CSV import of products, prices and stock (`/admin/products/import`).
//!
//! The form carries the product's lock_version: a save based on an out-of-date form is refused
//! with a 409 that shows the product as it is now beside what was sent, so nothing is silently
//! overwritten. The import is synchronous (product catalogs are small) and all or nothing.

use crate::{
    auth::CurrentStaff,
    db::{self, DbPool},
    domain::group_digits,
    error::{AppError, AppResult},
    import::{
        FileReport,
        products::{self as products_import, ProductImportError},
    },
    models::{
        catalogs::product::{
            self, DESCRIPTION_MAX, FieldDifference, NAME_MAX, Product, ProductCustomer,
            ProductForm, ProductRow, SKU_MAX, UNIT_MAX,
        },
        reference::Reference,
    },
    routes::forms::FormErrors,
    routes::layout::{Layout, Pager},
    routes::respond::{
        self, see_other,
        upload::{UploadForm, field_error},
    },
    routes::submission::{Once, Submission},
};
use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

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

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
}

pub async fn index(
    layout: Layout,
    query: web::Query<ListQuery>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let search = query.q.trim().to_string();
    let page = query.page.unwrap_or(1).max(1);
    let term = search.clone();
    let (rows, total) = db::run(&pool, move |conn| {
        Ok(product::list(
            conn,
            Some(&term),
            (page - 1).saturating_mul(PER_PAGE),
            PER_PAGE,
        )?)
    })
    .await?;
    let page = ProductsPage {
        layout: layout.titled("Products").in_section("admin"),
        rows,
        pager: Pager::new("/admin/products", &search, page, PER_PAGE, total),
        search,
    };
    respond::page(StatusCode::OK, &page)
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
    fn sku_hint(&self) -> String {
        format!(
            "Up to {SKU_MAX} letters, digits, and . _ / -, no spaces. Unique whatever the case: abc-1 and ABC-1 are the same SKU."
        )
    }

    fn name_hint(&self) -> String {
        format!("Up to {NAME_MAX} characters.")
    }

    fn description_hint(&self) -> String {
        format!("Optional; up to {DESCRIPTION_MAX} characters. Customers see it in the portal.")
    }

    fn unit_hint(&self) -> String {
        format!("What one is: each, box of 12, metre… Up to {UNIT_MAX} characters.")
    }

    fn price_error(&self, price_list_id: &i64) -> Option<&String> {
        self.errors.get(&format!("price-{price_list_id}"))
    }

    fn stock_error(&self, store_id: &i64) -> Option<&String> {
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

async fn around(pool: &DbPool, id: Option<i64>) -> AppResult<(Around, Option<ProductForm>)> {
    db::run(pool, move |conn| {
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
) -> AppResult<HttpResponse> {
    let (heading, action) = match &around.product {
        Some(p) => (
            format!("Edit {}", p.sku),
            format!("/admin/products/{}", p.id),
        ),
        None => ("New product".to_string(), "/admin/products".to_string()),
    };
    let problem = if stale.is_some() {
        Some(
            "Your changes were not saved: someone else changed this product (or an import did) after you opened it. \
             The form now shows the product as it is saved; what you had sent is listed below. Make your change again and save."
                .to_string(),
        )
    } else if !errors.is_empty() {
        let what = if errors.len() == 1 {
            "the field marked below".to_string()
        } else {
            format!("the {} fields marked below", errors.len())
        };
        Some(format!("The product was not saved. Please correct {what}."))
    } else {
        None
    };
    let status = if stale.is_some() {
        StatusCode::CONFLICT
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ProductFormPage {
        layout: layout.titled(heading.clone()).in_section("admin"),
        heading,
        action,
        form,
        refs: around.refs,
        errors,
        problem,
        stale,
        product: around.product,
        catalog_names: around.catalog_names,
        customers: around.customers,
    };
    respond::page(status, &page)
}

pub async fn new(layout: Layout, pool: web::Data<DbPool>) -> AppResult<HttpResponse> {
    let (around, _) = around(&pool, None).await?;
    form_page(
        layout,
        around,
        ProductForm::blank(),
        FormErrors::new(),
        None,
    )
}

pub async fn edit(
    layout: Layout,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let (around, form) = around(&pool, Some(path.into_inner())).await?;
    let form = form.unwrap_or_default();
    form_page(layout, around, form, FormErrors::new(), None)
}

/// The form's fields from an urlencoded body.
fn pairs(body: &[u8]) -> AppResult<Vec<(String, String)>> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).map_err(|e| {
        log::info!("unreadable product form: {e}");
        respond::unreadable()
    })
}

pub async fn create(
    layout: Layout,
    staff: CurrentStaff,
    body: web::Bytes,
    pool: web::Data<DbPool>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let form = ProductForm::from_pairs(&pairs(&body)?);
    let sent = form.clone();
    let created = submission
        .create(
            &pool,
            move |conn| product::create(conn, &sent),
            |p| format!("/admin/products/{}", p.id),
        )
        .await?;
    match created {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(p)) => saved(&staff, &session, &p, "created", "added"),
        Once::First(Err(product::SaveError::Invalid(errors))) => {
            let (around, _) = around(&pool, None).await?;
            form_page(layout, around, form, errors, None)
        }
        Once::First(Err(product::SaveError::Stale(_))) => {
            Err(AppError::internal("a new product cannot be stale"))
        }
        Once::First(Err(product::SaveError::Failed(e))) => Err(e),
    }
}

/// After a product was saved (`did` for the log, `was` for the flash): to its page.
fn saved(
    staff: &CurrentStaff,
    session: &Session,
    p: &Product,
    did: &str,
    was: &str,
) -> AppResult<HttpResponse> {
    log::info!("staff {} {did} product {}", staff.id, p.id);
    let text = format!("The product {} was {was}.", p.label());
    respond::done(session, text, &format!("/admin/products/{}", p.id))
}

pub async fn update(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    body: web::Bytes,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = ProductForm::from_pairs(&pairs(&body)?);
    if form.lock_version.is_none() {
        return Err(respond::unreadable());
    }
    let sent = form.clone();
    match db::run(&pool, move |conn| Ok(product::update(conn, id, &sent))).await? {
        Ok(p) => saved(&staff, &session, &p, "saved", "saved"),
        Err(product::SaveError::Invalid(errors)) => {
            let (around, _) = around(&pool, Some(id)).await?;
            form_page(layout, around, form, errors, None)
        }
        Err(product::SaveError::Stale(now)) => {
            let (around, _) = around(&pool, Some(id)).await?;
            let (_, stored) = *now;
            let differences = form.differences(&stored, &around.refs);
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
    format: "the product import",
    too_large_advice: None,
};

fn import_page(layout: Layout, status: StatusCode, errors: FormErrors) -> AppResult<HttpResponse> {
    let page = ImportPage {
        layout: layout.titled("Import products").in_section("admin"),
        errors,
        max_upload: UPLOAD.max_upload(),
    };
    respond::page(status, &page)
}

pub async fn import_form(layout: Layout) -> AppResult<HttpResponse> {
    import_page(layout, StatusCode::OK, FormErrors::new())
}

/// `POST /admin/products/import`: multipart, with the CSRF token in the query string.
pub async fn import(
    layout: Layout,
    staff: CurrentStaff,
    req: HttpRequest,
    mut payload: Multipart,
    pool: web::Data<DbPool>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let received = UPLOAD.receive(&req, &mut payload).await?;
    let submission = submission.with_key(received.submission_key.as_deref());
    let layout = layout.keeping(submission.key());
    let upload = match received.upload {
        Ok(upload) => upload,
        Err(refusal) => return import_page(layout, refusal.status, refusal.errors()),
    };
    let staff_id = staff.id;
    log::info!("staff {staff_id} imports products from {:?}", upload.files);
    let files = upload.contents().await?;
    let result = submission
        .once(&pool, move |conn| {
            let result = products_import::import(conn, &files, Some(staff_id));
            let location = result.is_ok().then(|| IMPORT_PATH.to_string());
            Ok((result, location))
        })
        .await?;
    match result {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(reports)) => respond::done(&session, imported(&reports), IMPORT_PATH),
        Once::First(Err(e)) => import_failed(layout, e),
    }
}

/// The upload form again, with why nothing was imported; or the error page.
fn import_failed(layout: Layout, e: ProductImportError) -> AppResult<HttpResponse> {
    match e {
        ProductImportError::Invalid { file, line, reason } => {
            let message =
                format!("{file}, line {line}: {reason}. Nothing from this upload was imported.");
            import_page(
                layout,
                StatusCode::UNPROCESSABLE_ENTITY,
                field_error(message),
            )
        }
        ProductImportError::Database(e) => Err(e.into()),
    }
}

/// The flash after an import: each file's counts.
fn imported(reports: &[FileReport]) -> String {
    let lines: Vec<String> = reports
        .iter()
        .map(|r| {
            format!(
                "{}: {} rows, {} added, {} changed, {} unchanged",
                r.file,
                group_digits(r.rows),
                group_digits(r.inserted),
                group_digits(r.updated),
                group_digits(r.unchanged)
            )
        })
        .collect();
    format!("Imported. {}.", lines.join("; "))
}
