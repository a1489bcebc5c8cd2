//! Catalogs, for administrators: the list (with how many products and customers each has), a
//! new catalog, and one catalog's page to rename it, switch it on or off, and add or remove
//! products by SKU. Renames and switches carry the catalog's lock_version: a form loaded before
//! someone else's change is refused with a 409 that says so.

use crate::routes::layout::Pager;
use crate::{
    auth::CurrentStaff,
    db::{self, DbPool},
    error::AppResult,
    models::{
        catalogs::catalog::{CatalogRecord, CatalogRow, NAME_MAX, SKUS_MAX},
        catalogs::product::{self, Product},
    },
    routes::forms::{FormErrors, HtmlForm},
    routes::layout::Layout,
    routes::respond::{self, see_other},
    routes::submission::{Once, Submission},
};
use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// Products per page of a catalog.
const PER_PAGE: i64 = 50;

#[derive(Template)]
#[template(path = "admin/catalogs/index.html")]
pub struct CatalogsPage {
    layout: Layout,
    rows: Vec<CatalogRow>,
    /// The new-catalog form's value.
    name_value: String,
    errors: FormErrors,
}

impl CatalogsPage {
    fn name_hint(&self) -> String {
        format!("Up to {NAME_MAX} characters; it must differ from every other catalog's name.")
    }
}

#[derive(Template)]
#[template(path = "admin/catalogs/show.html")]
pub struct CatalogPage {
    layout: Layout,
    catalog: CatalogRecord,
    customers: i64,
    products: Vec<Product>,
    pager: Pager,
    search: String,
    /// The rename form's value.
    name_value: String,
    /// The add form's value.
    skus: String,
    errors: FormErrors,
}

impl CatalogPage {
    fn name_hint(&self) -> String {
        format!("Up to {NAME_MAX} characters.")
    }

    fn skus_hint(&self) -> String {
        format!(
            "One SKU or several (up to {SKUS_MAX}), separated by spaces, commas or lines. Only public products go into catalogs."
        )
    }
}

async fn list_page(
    layout: Layout,
    pool: &DbPool,
    name: String,
    errors: FormErrors,
) -> AppResult<HttpResponse> {
    let rows = db::run(pool, |conn| Ok(CatalogRecord::list(conn)?)).await?;
    let page = CatalogsPage {
        layout: layout.titled("Catalogs").in_section("admin"),
        rows,
        name_value: name,
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn index(layout: Layout, pool: web::Data<DbPool>) -> AppResult<HttpResponse> {
    list_page(layout, &pool, String::new(), FormErrors::new()).await
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    lock_version: Option<i32>,
}

pub async fn create(
    layout: Layout,
    staff: CurrentStaff,
    HtmlForm(form): HtmlForm<NameForm>,
    pool: web::Data<DbPool>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let name = form.name.clone();
    let created = submission
        .create(
            &pool,
            move |conn| CatalogRecord::create(conn, &name),
            |c| format!("/admin/catalogs/{}", c.id),
        )
        .await?;
    match created {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(catalog)) => {
            log::info!("staff {} created catalog {}", staff.id, catalog.id);
            let text = format!(
                "The catalog “{}” was added. Add its products below.",
                catalog.name
            );
            respond::done(&session, text, &format!("/admin/catalogs/{}", catalog.id))
        }
        Once::First(Err(e)) => list_page(layout, &pool, form.name, e.into_invalid()?).await,
    }
}

#[derive(Deserialize, Default)]
pub struct ProductsQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
}

/// Values of the page's forms as sent, when one of them came back with messages.
#[derive(Default)]
struct Sent {
    name: Option<String>,
    skus: String,
    errors: FormErrors,
}

/// What a catalog's page shows: the catalog and one page of its products.
struct Shown {
    catalog: CatalogRecord,
    /// How many customers have it enabled.
    customers: i64,
    products: Vec<Product>,
    /// How many of its products match the search.
    total: i64,
}

impl Shown {
    async fn load(pool: &DbPool, id: i64, search: &str, page_number: i64) -> AppResult<Shown> {
        let term = search.to_string();
        db::run(pool, move |conn| {
            let catalog = CatalogRecord::find(conn, id)?;
            let customers = CatalogRecord::customer_count(conn, id)?;
            let offset = (page_number - 1) * PER_PAGE;
            let (products, total) =
                CatalogRecord::products(conn, id, Some(&term), offset, PER_PAGE)?;
            Ok(Shown {
                catalog,
                customers,
                products,
                total,
            })
        })
        .await
    }
}

async fn catalog_page(
    layout: Layout,
    pool: &DbPool,
    id: i64,
    query: ProductsQuery,
    sent: Sent,
) -> AppResult<HttpResponse> {
    let page_number = query.page.unwrap_or(1).max(1);
    let search = query.q.trim().to_string();
    let shown = Shown::load(pool, id, &search, page_number).await?;
    let path = format!("/admin/catalogs/{id}");
    let page = CatalogPage {
        layout: (layout.titled(format!("{} · Catalogs", shown.catalog.name))).in_section("admin"),
        name_value: sent.name.unwrap_or_else(|| shown.catalog.name.clone()),
        customers: shown.customers,
        products: shown.products,
        pager: Pager::new(&path, &search, page_number, PER_PAGE, shown.total),
        search,
        skus: sent.skus,
        errors: sent.errors,
        catalog: shown.catalog,
    };
    respond::form(&page, &page.errors)
}

pub async fn show(
    layout: Layout,
    path: web::Path<i64>,
    query: web::Query<ProductsQuery>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    catalog_page(
        layout,
        &pool,
        path.into_inner(),
        query.into_inner(),
        Sent::default(),
    )
    .await
}

fn version(v: Option<i32>) -> AppResult<i32> {
    v.ok_or_else(respond::unreadable)
}

pub async fn rename(
    layout: Layout,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<NameForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let v = version(form.lock_version)?;
    let name = form.name.clone();
    match db::run(&pool, move |conn| {
        Ok(CatalogRecord::rename(conn, id, v, &name))
    })
    .await?
    {
        Ok(catalog) => {
            let text = format!("The catalog is now called “{}”.", catalog.name);
            respond::done(&session, text, &format!("/admin/catalogs/{id}"))
        }
        Err(e) => {
            let sent = Sent {
                name: Some(form.name),
                errors: e.into_invalid()?,
                ..Sent::default()
            };
            catalog_page(layout, &pool, id, ProductsQuery::default(), sent).await
        }
    }
}

#[derive(Deserialize)]
pub struct ActiveForm {
    #[serde(default)]
    active: String,
    #[serde(default)]
    lock_version: Option<i32>,
}

pub async fn set_active(
    staff: CurrentStaff,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<ActiveForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let v = version(form.lock_version)?;
    let active = match form.active.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(respond::unreadable()),
    };
    let catalog = db::run(&pool, move |conn| {
        CatalogRecord::set_active(conn, id, v, active)
    })
    .await?;
    log::info!(
        "staff {} set catalog {id} active={}",
        staff.id,
        catalog.active
    );
    let text = if catalog.active {
        format!(
            "“{}” is active: it can be enabled for customers, and its products show in their portal.",
            catalog.name
        )
    } else {
        format!(
            "“{}” is deactivated: its products no longer show to customers through it, and it cannot be enabled for more customers.",
            catalog.name
        )
    };
    respond::done(&session, text, &format!("/admin/catalogs/{id}"))
}

#[derive(Deserialize)]
pub struct SkusForm {
    #[serde(default)]
    skus: String,
}

pub async fn add_products(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<SkusForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (raw, staff_id) = (form.skus.clone(), staff.id);
    match db::run(&pool, move |conn| {
        Ok(CatalogRecord::add_products(conn, id, &raw, staff_id))
    })
    .await?
    {
        Ok((added, already)) => {
            let text = product::added_text(&added, &already, |skus| {
                format!(" Already in the catalog: {skus}.")
            });
            respond::done(&session, text, &format!("/admin/catalogs/{id}"))
        }
        Err(e) => {
            let sent = Sent {
                name: None,
                skus: form.skus,
                errors: e.into_invalid()?,
            };
            catalog_page(layout, &pool, id, ProductsQuery::default(), sent).await
        }
    }
}

pub async fn remove_product(
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let (id, product_id) = path.into_inner();
    let removed = db::run(&pool, move |conn| {
        CatalogRecord::remove_product(conn, id, product_id)
    })
    .await?;
    let text = match removed {
        Some(p) => format!("{} was taken out of the catalog.", p.label()),
        None => "That product was not in the catalog (any more).".to_string(),
    };
    respond::done(&session, text, &format!("/admin/catalogs/{id}"))
}
