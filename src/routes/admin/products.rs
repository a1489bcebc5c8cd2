//! Products, for administrators: the list (search by SKU or name, pages of 50), the form to add
//! or change a product with its list price on every price list and its stock at every store,
//! and the CSV import of products, prices and stock (`/admin/products/import`).
//!
//! The form carries the product's lock_version: a save based on an out-of-date form is refused
//! with a 409 that shows the product as it is now beside what was sent, so nothing is silently
//! overwritten. The import is synchronous (product catalogs are small) and all or nothing.

use crate::{
    auth::{CurrentStaff, session},
    db::{self, DbPool},
    domain::group_digits,
    error::{AppError, AppResult},
    import::products::ProductImportError,
    models::{
        catalogs::product::{
            self, DESCRIPTION_MAX, NAME_MAX, Product, ProductForm, ProductRow, SKU_MAX, UNIT_MAX,
        },
        reference::Reference,
    },
    routes::forms::FormErrors,
    routes::layout::{Layout, Pager},
    routes::respond::{self, see_other},
    routes::submission::{self, Once, Submission},
};
use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, http::header, web};
use askama::Template;
use futures_util::StreamExt;
use serde::Deserialize;

/// Products per page of the list.
const PER_PAGE: i64 = 50;

/// The most one product upload may hold, all files together. Product files are small (5,000
/// products with their prices are well under a megabyte); they are read into memory.
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
    /// After a refused stale save: (field, what was sent, what is saved now).
    stale: Option<Vec<(String, String, String)>>,
    product: Option<Product>,
    catalog_names: Vec<String>,
    customers: Vec<(i64, String)>,
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
    customers: Vec<(i64, String)>,
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
    stale: Option<Vec<(String, String, String)>>,
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
        .once(&pool, move |conn| {
            let created = product::create(conn, &sent);
            let location = created
                .as_ref()
                .ok()
                .map(|p| format!("/admin/products/{}", p.id));
            Ok((created, location))
        })
        .await?;
    let created = match created {
        Once::First(v) => v,
        Once::Repeat(location) => return Ok(see_other(&location)),
    };
    match created {
        Ok(p) => {
            log::info!("staff {} created product {}", staff.id, p.id);
            session::flash(
                &session,
                session::FlashLevel::Success,
                format!("The product {} was added.", p.label()),
            );
            Ok(see_other(&format!("/admin/products/{}", p.id)))
        }
        Err(product::SaveError::Invalid(errors)) => {
            let (around, _) = around(&pool, None).await?;
            form_page(layout, around, form, errors, None)
        }
        Err(product::SaveError::Stale(_)) => {
            Err(AppError::internal("a new product cannot be stale"))
        }
        Err(product::SaveError::Failed(e)) => Err(e),
    }
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
        Ok(p) => {
            log::info!("staff {} saved product {}", staff.id, p.id);
            session::flash(
                &session,
                session::FlashLevel::Success,
                format!("The product {} was saved.", p.label()),
            );
            Ok(see_other(&format!("/admin/products/{id}")))
        }
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

fn import_page(layout: Layout, status: StatusCode, errors: FormErrors) -> AppResult<HttpResponse> {
    let page = ImportPage {
        layout: layout.titled("Import products").in_section("admin"),
        errors,
        max_upload: format!("{} MB", UPLOAD_MAX / (1024 * 1024)),
    };
    respond::page(status, &page)
}

pub async fn import_form(layout: Layout) -> AppResult<HttpResponse> {
    import_page(layout, StatusCode::OK, FormErrors::new())
}

fn files_error(message: impl Into<String>) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add("files", message);
    errors
}

/// What an upload held: the format's files with their content, and what was wrong with it.
#[derive(Default)]
struct Upload {
    files: Vec<(&'static str, Vec<u8>)>,
    unknown: Vec<String>,
    duplicates: Vec<String>,
    too_large: bool,
    /// The form's one-time key (`crate::routes::submission`), a text part of the upload.
    submission_key: Option<String>,
}

impl Upload {
    fn problem(&self) -> Option<String> {
        let mut sentences = Vec::new();
        if !self.unknown.is_empty() {
            let names: Vec<String> = self.unknown.iter().map(|n| format!("“{n}”")).collect();
            sentences.push(format!(
                "{} {} of the product import: the files must be named products.csv, product_prices.csv or product_stock.csv, which says what each holds.",
                names.join(", "),
                if names.len() == 1 { "is not a file" } else { "are not files" }
            ));
        }
        for d in &self.duplicates {
            sentences.push(format!(
                "{d} was chosen more than once; choose each file once."
            ));
        }
        if sentences.is_empty() && self.files.is_empty() {
            sentences.push(
                "Choose the files to import: products.csv, product_prices.csv or product_stock.csv, or several of them."
                    .into(),
            );
        }
        (!sentences.is_empty()).then(|| sentences.join(" "))
    }
}

async fn receive(payload: &mut Multipart) -> AppResult<Upload> {
    let mut upload = Upload::default();
    let mut total: u64 = 0;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(respond::unreadable_upload)?;
        let name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string());
        let is_key = field.name() == Some(submission::FIELD);
        let target = match (field.name(), name) {
            (Some("files"), Some(name)) if !name.is_empty() => {
                match crate::import::products::file_named(&name) {
                    Some(file) if upload.files.iter().any(|(f, _)| *f == file) => {
                        if !upload.duplicates.contains(&name) {
                            upload.duplicates.push(name);
                        }
                        None
                    }
                    Some(file) => Some(file),
                    None => {
                        if !upload.unknown.contains(&name) {
                            upload.unknown.push(name);
                        }
                        None
                    }
                }
            }
            _ => None,
        };
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(respond::unreadable_upload)?;
            total += chunk.len() as u64;
            if total > UPLOAD_MAX {
                upload.too_large = true;
                return Ok(upload);
            }
            if target.is_some() || is_key {
                data.extend_from_slice(&chunk);
            }
        }
        if let Some(file) = target {
            upload.files.push((file, data));
        } else if is_key {
            upload.submission_key = Some(String::from_utf8_lossy(&data).into_owned());
        }
    }
    Ok(upload)
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
    let too_large = || {
        files_error(format!(
            "The files come to more than {} MB, the most one upload may hold.",
            UPLOAD_MAX / (1024 * 1024)
        ))
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > UPLOAD_MAX + 1024 * 1024) {
        return import_page(layout, StatusCode::PAYLOAD_TOO_LARGE, too_large());
    }
    let upload = receive(&mut payload).await?;
    let submission = submission.with_key(upload.submission_key.as_deref());
    let layout = layout.keeping(submission.key());
    if upload.too_large {
        return import_page(layout, StatusCode::PAYLOAD_TOO_LARGE, too_large());
    }
    if let Some(problem) = upload.problem() {
        return import_page(
            layout,
            StatusCode::UNPROCESSABLE_ENTITY,
            files_error(problem),
        );
    }
    let staff_id = staff.id;
    let files = upload.files;
    let names: Vec<&str> = files.iter().map(|(f, _)| *f).collect();
    log::info!("staff {staff_id} imports products from {names:?}");
    let result = submission
        .once(&pool, move |conn| {
            let result = crate::import::products::import(conn, &files, Some(staff_id));
            let location = result.is_ok().then(|| "/admin/products/import".to_string());
            Ok((result, location))
        })
        .await?;
    let result = match result {
        Once::First(result) => result,
        Once::Repeat(location) => return Ok(see_other(&location)),
    };
    match result {
        Ok(reports) => {
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
            session::flash(
                &session,
                session::FlashLevel::Success,
                format!("Imported. {}.", lines.join("; ")),
            );
            Ok(see_other("/admin/products/import"))
        }
        Err(ProductImportError::Invalid { file, line, reason }) => import_page(
            layout,
            StatusCode::UNPROCESSABLE_ENTITY,
            files_error(format!(
                "{file}, line {line}: {reason}. Nothing from this upload was imported."
            )),
        ),
        Err(ProductImportError::Database(e)) => Err(e.into()),
    }
}
