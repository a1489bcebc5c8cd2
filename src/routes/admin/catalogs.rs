//! Catalogs, for administrators: the list (with how many products and customers each has), a
//! new catalog, and one catalog's page to rename it, switch it on or off, and add or remove
//! products by SKU. Renames and switches carry the catalog's lock_version: a form loaded before
//! someone else's change is refused with a 409 that says so.

use crate::routes::prelude::*;
use crate::{
    domain::forms::SaveError,
    models::{
        catalogs::catalog::{CatalogRecord, CatalogRow},
        catalogs::product::{self, Product},
    },
    routes::layout::{Layout, Pager, SearchPage},
};

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

async fn list_page(desk: &StaffDesk, layout: Layout, name: String, errors: FormErrors) -> Reply {
    let rows = desk.run(|conn| Ok(CatalogRecord::list(conn)?)).await?;
    let page = CatalogsPage {
        layout: layout
            .titled(Msg::new("admin-catalogs-title"))
            .in_section("admin"),
        rows,
        name_value: name,
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn index(desk: StaffDesk) -> Reply {
    list_page(&desk, desk.layout()?, String::new(), FormErrors::new()).await
}

/// What the catalog pages' forms send, each the fields it has: the new-catalog and rename forms
/// a name, the switch `active` ("true" or "false"), the add form SKUs; the rename and the switch
/// carry the lock_version of the catalog as the page showed it.
#[derive(Deserialize)]
pub struct CatalogForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    active: String,
    #[serde(default)]
    skus: String,
    #[serde(default)]
    lock_version: Option<i32>,
}

/// A catalog's page.
fn catalog_path(id: i64) -> String {
    format!("/admin/catalogs/{id}")
}

pub async fn create(desk: StaffDesk, form: HtmlForm<CatalogForm>, submission: Submission) -> Reply {
    // The frame first, as when it was an extractor: it takes the messages waiting, which a
    // redirect drops (the redirect's page shows this action's message alone).
    let layout = desk.layout()?;
    let name = form.name.clone();
    let work = move |conn: &mut _| CatalogRecord::create(conn, &name);
    let created = submission
        .create(desk.pool(), work, |c| catalog_path(c.id))
        .await?;
    match created {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(catalog)) => {
            log::info!("staff {} created catalog {}", desk.who.id, catalog.id);
            let text = Msg::new("admin-catalog-added").arg("name", &catalog.name);
            desk.done(text, &catalog_path(catalog.id))
        }
        Once::First(Err(e)) => {
            list_page(&desk, layout, form.into_inner().name, e.into_invalid()?).await
        }
    }
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
    async fn load(desk: &StaffDesk, id: i64, search: &str, page_number: i64) -> AppResult<Shown> {
        let term = search.to_string();
        desk.run(move |conn| {
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
    desk: &StaffDesk,
    layout: Layout,
    id: i64,
    query: &SearchPage,
    sent: Sent,
) -> Reply {
    let (page_number, search) = (query.page(), query.search());
    let shown = Shown::load(desk, id, &search, page_number).await?;
    let title = Msg::new("admin-catalog-page-title").arg("catalog", &shown.catalog.name);
    let page = CatalogPage {
        layout: layout.titled(title).in_section("admin"),
        name_value: sent.name.unwrap_or_else(|| shown.catalog.name.clone()),
        customers: shown.customers,
        products: shown.products,
        pager: Pager::new(
            &catalog_path(id),
            &search,
            page_number,
            PER_PAGE,
            shown.total,
        ),
        search,
        skus: sent.skus,
        errors: sent.errors,
        catalog: shown.catalog,
    };
    respond::form(&page, &page.errors)
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>, query: web::Query<SearchPage>) -> Reply {
    catalog_page(
        &desk,
        desk.layout()?,
        path.into_inner(),
        &query,
        Sent::default(),
    )
    .await
}

fn version(v: Option<i32>) -> AppResult<i32> {
    v.ok_or_else(respond::unreadable)
}

/// A change sent from catalog `id`'s page: done, back to the page saying `text` of it; refused,
/// the page again with the messages beside what was `sent`.
async fn change<T, F>(
    desk: &StaffDesk,
    layout: Layout,
    id: i64,
    work: F,
    text: impl FnOnce(T) -> Msg,
    sent: Sent,
) -> Reply
where
    F: FnOnce(&mut diesel::PgConnection) -> Result<T, SaveError> + Send + 'static,
    T: Send + 'static,
{
    match desk.run(move |conn| Ok(work(conn))).await? {
        Ok(changed) => desk.done(text(changed), &catalog_path(id)),
        Err(e) => {
            let sent = Sent {
                errors: e.into_invalid()?,
                ..sent
            };
            catalog_page(desk, layout, id, &SearchPage::default(), sent).await
        }
    }
}

pub async fn rename(desk: StaffDesk, path: web::Path<i64>, form: HtmlForm<CatalogForm>) -> Reply {
    // The frame first, as when it was an extractor: it takes the messages waiting, which a
    // redirect drops (the redirect's page shows this action's message alone).
    let layout = desk.layout()?;
    let (id, form) = (path.into_inner(), form.into_inner());
    let v = version(form.lock_version)?;
    let (name, l) = (form.name.clone(), layout.l.clone());
    let work = move |conn: &mut _| CatalogRecord::rename(conn, id, v, &name, &l);
    let text = |c: CatalogRecord| Msg::new("admin-catalog-renamed").arg("name", &c.name);
    let sent = Sent {
        name: Some(form.name),
        ..Sent::default()
    };
    change(&desk, layout, id, work, text, sent).await
}

pub async fn set_active(
    desk: StaffDesk,
    path: web::Path<i64>,
    form: HtmlForm<CatalogForm>,
) -> Reply {
    let id = path.into_inner();
    let v = version(form.lock_version)?;
    let active = match form.active.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(respond::unreadable()),
    };
    let l = crate::routes::layout::reader(
        desk.request(),
        (desk.who.language.as_deref(), desk.who.time_zone.as_deref()),
    );
    let catalog = desk
        .run(move |conn| CatalogRecord::set_active(conn, id, v, active, &l))
        .await?;
    log::info!(
        "staff {} set catalog {id} active={}",
        desk.who.id,
        catalog.active
    );
    let text = if catalog.active {
        Msg::new("admin-catalog-now-active").arg("name", &catalog.name)
    } else {
        Msg::new("admin-catalog-now-inactive").arg("name", &catalog.name)
    };
    desk.done(text, &catalog_path(id))
}

pub async fn add_products(
    desk: StaffDesk,
    path: web::Path<i64>,
    form: HtmlForm<CatalogForm>,
) -> Reply {
    let layout = desk.layout()?; // first, as in `rename`
    let (id, skus, staff_id) = (path.into_inner(), form.into_inner().skus, desk.who.id);
    let raw = skus.clone();
    let work = move |conn: &mut _| CatalogRecord::add_products(conn, id, &raw, staff_id);
    let text = |(added, already): (Vec<Product>, Vec<Product>)| {
        product::added_msg("admin-catalog-added-skus", &added, &already)
    };
    let sent = Sent {
        skus,
        ..Sent::default()
    };
    change(&desk, layout, id, work, text, sent).await
}

pub async fn remove_product(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    let (id, product_id) = path.into_inner();
    let removed = desk
        .run(move |conn| CatalogRecord::remove_product(conn, id, product_id))
        .await?;
    let text = match removed {
        Some(p) => Msg::new("admin-catalog-taken-out").arg("product", p.label()),
        None => Msg::new("admin-catalog-not-in"),
    };
    desk.done(text, &catalog_path(id))
}
