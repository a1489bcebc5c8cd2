//! Catalogs as administrators keep them: named groups of public products that are enabled for
//! customers. Created, renamed, switched on and off (with optimistic locking), and filled with
//! products by SKU. A customer-specific product never goes into a catalog (the database refuses
//! it too).

use crate::i18n::{L10n, Msg};
use crate::models::{Counts, lower};
use crate::models::{
    catalogs::product::{Product, search_page, split_skus},
    reference::SaveError,
};
use crate::{
    domain::forms::FormErrors,
    domain::{Service, ServiceStatus},
    error::{AppError, AppResult},
    schema::{
        catalog_products, catalogs, customer_catalogs, customer_services, customers, products,
    },
};
use chrono::{DateTime, Utc};
use diesel::{
    pg::Pg,
    prelude::*,
    query_builder::QueryFragment,
    result::{DatabaseErrorKind, Error as DbError},
};
use std::collections::HashMap;

/// Longest catalog name.
pub const NAME_MAX: usize = 120;
/// Most SKUs one submission may add.
pub const SKUS_MAX: usize = 500;

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = catalogs, check_for_backend(diesel::pg::Pg))]
pub struct CatalogRecord {
    pub id: i64,
    pub name: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub lock_version: i32,
}

/// A row of the catalog list.
#[derive(Clone, Debug)]
pub struct CatalogRow {
    pub catalog: CatalogRecord,
    pub products: i64,
    pub customers: i64,
}

fn check_name(raw: &str, errors: &mut FormErrors) -> String {
    let name = raw.trim();
    let length = name.chars().count();
    if name.is_empty() {
        errors.add("name", Msg::new("admin-ref-enter-name"));
    } else if name.chars().any(char::is_control) {
        errors.add("name", Msg::new("admin-ref-name-one-line"));
    } else if length > NAME_MAX {
        errors.add(
            "name",
            Msg::new("admin-ref-name-too-long")
                .arg("max", NAME_MAX)
                .arg("length", length),
        );
    }
    name.to_string()
}

fn taken_message(existing: &str) -> Msg {
    Msg::new("admin-catalog-name-taken").arg("name", existing)
}

fn unique_name(e: DbError, name: &str) -> SaveError {
    match e {
        DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, ref info)
            if matches!(
                info.constraint_name(),
                Some("catalogs_name_lower_key" | "catalogs_name_key")
            ) =>
        {
            let mut errors = FormErrors::new();
            errors.add("name", taken_message(name));
            SaveError::Invalid(errors)
        }
        other => SaveError::Failed(other.into()),
    }
}

/// The name, checked for form and uniqueness (against every catalog but `except`).
fn checked_name(
    conn: &mut PgConnection,
    raw: &str,
    except: Option<i64>,
) -> Result<String, SaveError> {
    let mut errors = FormErrors::new();
    let name = check_name(raw, &mut errors);
    if errors.is_empty()
        && let Some(existing) = catalogs::table
            .filter(lower(catalogs::name).eq(name.to_lowercase()))
            .filter(catalogs::id.ne(except.unwrap_or(0)))
            .select(catalogs::name)
            .first::<String>(conn)
            .optional()?
    {
        errors.add("name", taken_message(&existing));
    }
    if errors.is_empty() {
        Ok(name)
    } else {
        Err(SaveError::Invalid(errors))
    }
}

/// The message, in `l`'s words, for a form that was loaded before someone else changed the
/// catalog.
fn stale(current: &CatalogRecord, l: &L10n) -> AppError {
    AppError::Conflict(
        l.msg(
            &Msg::new("admin-catalog-stale")
                .arg("name", &current.name)
                .arg("active", if current.active { "yes" } else { "no" })
                .arg("time", l.time(&current.updated_at)),
        )
        .into(),
    )
}

impl CatalogRecord {
    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<CatalogRecord> {
        catalogs::table
            .find(id)
            .select(CatalogRecord::as_select())
            .first(conn)
    }

    fn lock(conn: &mut PgConnection, id: i64) -> QueryResult<CatalogRecord> {
        catalogs::table
            .find(id)
            .for_update()
            .select(CatalogRecord::as_select())
            .first(conn)
    }

    /// The catalog, locked, if nobody has changed it since `version` (else a 409 that says so
    /// in `l`'s words).
    fn lock_unchanged(
        conn: &mut PgConnection,
        id: i64,
        version: i32,
        l: &L10n,
    ) -> AppResult<CatalogRecord> {
        let current = Self::lock(conn, id)?;
        if current.lock_version != version {
            return Err(stale(&current, l));
        }
        Ok(current)
    }

    /// Writes `change` to the catalog as its next version, and returns the catalog as saved.
    fn write<C>(conn: &mut PgConnection, id: i64, change: C) -> QueryResult<CatalogRecord>
    where
        C: AsChangeset<Target = catalogs::table>,
        C::Changeset: QueryFragment<Pg>,
    {
        diesel::update(catalogs::table.find(id))
            .set((
                change,
                catalogs::lock_version.eq(catalogs::lock_version + 1),
                catalogs::updated_at.eq(diesel::dsl::now),
            ))
            .returning(CatalogRecord::as_returning())
            .get_result(conn)
    }

    /// Every catalog by name, with how many products it holds and customers it is enabled for.
    pub fn list(conn: &mut PgConnection) -> QueryResult<Vec<CatalogRow>> {
        let rows: Vec<CatalogRecord> = catalogs::table
            .order(catalogs::name)
            .select(CatalogRecord::as_select())
            .load(conn)?;
        let products = Counts::per(conn, catalog_products::table, catalog_products::catalog_id)?;
        let customers = Counts::per(
            conn,
            customer_catalogs::table,
            customer_catalogs::catalog_id,
        )?;
        Ok(rows
            .into_iter()
            .map(|catalog| CatalogRow {
                products: products.of(catalog.id),
                customers: customers.of(catalog.id),
                catalog,
            })
            .collect())
    }

    /// How many customers have the catalog enabled.
    pub fn customer_count(conn: &mut PgConnection, id: i64) -> QueryResult<i64> {
        customer_catalogs::table
            .filter(customer_catalogs::catalog_id.eq(id))
            .count()
            .get_result(conn)
    }

    /// The catalog's products whose SKU or name contains `search`, by SKU, a page at a time;
    /// and how many match.
    pub fn products(
        conn: &mut PgConnection,
        id: i64,
        search: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> QueryResult<(Vec<Product>, i64)> {
        let in_catalog = || {
            products::table
                .filter(
                    products::id.eq_any(
                        catalog_products::table
                            .filter(catalog_products::catalog_id.eq(id))
                            .select(catalog_products::product_id),
                    ),
                )
                .into_boxed()
        };
        search_page(conn, in_catalog, search, (offset, limit))
    }

    pub fn create(conn: &mut PgConnection, name: &str) -> Result<CatalogRecord, SaveError> {
        conn.transaction(|conn| {
            let name = checked_name(conn, name, None)?;
            diesel::insert_into(catalogs::table)
                .values(catalogs::name.eq(&name))
                .returning(CatalogRecord::as_returning())
                .get_result(conn)
                .map_err(|e| unique_name(e, &name))
        })
    }

    /// Renames the catalog if nobody has changed it since `version` (else a 409 that says so,
    /// in `l`'s words).
    pub fn rename(
        conn: &mut PgConnection,
        id: i64,
        version: i32,
        name: &str,
        l: &L10n,
    ) -> Result<CatalogRecord, SaveError> {
        conn.transaction(|conn| {
            let current = Self::lock_unchanged(conn, id, version, l)?;
            let name = checked_name(conn, name, Some(id))?;
            if name == current.name {
                return Ok(current);
            }
            Self::write(conn, id, catalogs::name.eq(&name)).map_err(|e| unique_name(e, &name))
        })
    }

    /// Switches the catalog on or off if nobody has changed it since `version`. Switching it off
    /// is refused (409) while a customer with ordering active would be left without any active
    /// catalog: those customers are named. The refusals are in `l`'s words.
    pub fn set_active(
        conn: &mut PgConnection,
        id: i64,
        version: i32,
        active: bool,
        l: &L10n,
    ) -> AppResult<CatalogRecord> {
        conn.transaction(|conn| {
            // Customers first, then the catalog: the order a customer's catalog change locks in.
            let affected: Vec<i64> = customers::table
                .filter(
                    customers::id.eq_any(
                        customer_catalogs::table
                            .filter(customer_catalogs::catalog_id.eq(id))
                            .select(customer_catalogs::customer_id),
                    ),
                )
                .order(customers::id)
                .for_update()
                .select(customers::id)
                .load(conn)?;
            let current = Self::lock_unchanged(conn, id, version, l)?;
            if current.active == active {
                return Ok(current);
            }
            if !active {
                let stranded = stranded_customers(conn, id, &affected)?;
                if !stranded.is_empty() {
                    let shown: Vec<String> = stranded.iter().take(3).cloned().collect();
                    return Err(AppError::Conflict(
                        l.msg(
                            &Msg::new("admin-catalog-stranded")
                                .arg("name", &current.name)
                                .arg("count", stranded.len())
                                .arg("customers", shown.join(", "))
                                .arg("more", stranded.len().saturating_sub(3)),
                        )
                        .into(),
                    ));
                }
            }
            Ok(Self::write(conn, id, catalogs::active.eq(active))?)
        })
    }

    /// Adds the products with the SKUs typed in `raw`. Nothing is added when any SKU is unknown
    /// or names a customer-specific product (the message beside the field says which). Returns
    /// the products added and those that were in the catalog already.
    pub fn add_products(
        conn: &mut PgConnection,
        id: i64,
        raw: &str,
        staff_id: i64,
    ) -> Result<(Vec<Product>, Vec<Product>), SaveError> {
        conn.transaction(|conn| {
            Self::lock(conn, id)?;
            let found = products_for_skus(conn, raw, "skus")?;
            if let Some(specific) = found.iter().find(|p| p.specific) {
                let mut errors = FormErrors::new();
                errors.add(
                    "skus",
                    Msg::new("admin-catalog-specific-product").arg("sku", &specific.sku),
                );
                return Err(SaveError::Invalid(errors));
            }
            let ids: Vec<i64> = found.iter().map(|p| p.id).collect();
            let added: Vec<i64> = diesel::insert_into(catalog_products::table)
                .values(
                    ids.iter()
                        .map(|p| {
                            (
                                catalog_products::catalog_id.eq(id),
                                catalog_products::product_id.eq(*p),
                                catalog_products::added_by.eq(staff_id),
                            )
                        })
                        .collect::<Vec<_>>(),
                )
                .on_conflict_do_nothing()
                .returning(catalog_products::product_id)
                .get_results(conn)?;
            Ok(found.into_iter().partition(|p| added.contains(&p.id)))
        })
    }

    /// Takes a product out of the catalog; returns it, or None when it was not in it.
    pub fn remove_product(
        conn: &mut PgConnection,
        id: i64,
        product_id: i64,
    ) -> AppResult<Option<Product>> {
        conn.transaction(|conn| {
            Self::lock(conn, id)?;
            let n = diesel::delete(catalog_products::table.find((id, product_id))).execute(conn)?;
            if n == 0 {
                return Ok(None);
            }
            Ok(Some(Product::find(conn, product_id)?))
        })
    }
}

/// The products for the SKUs typed in `raw`, in the order typed; a message on `field` (and
/// nothing found) when there are none, too many, or unknown ones.
pub fn products_for_skus(
    conn: &mut PgConnection,
    raw: &str,
    field: &str,
) -> Result<Vec<Product>, SaveError> {
    let skus = split_skus(raw);
    let mut errors = FormErrors::new();
    if skus.is_empty() {
        errors.add(field, Msg::new("admin-catalog-enter-skus"));
    } else if skus.len() > SKUS_MAX {
        errors.add(
            field,
            Msg::new("admin-catalog-too-many-skus")
                .arg("max", SKUS_MAX)
                .arg("count", skus.len()),
        );
    }
    if !errors.is_empty() {
        return Err(SaveError::Invalid(errors));
    }
    let found = Product::find_by_skus(conn, &skus)?;
    let by_sku: HashMap<String, Product> = found
        .into_iter()
        .map(|p| (p.sku.to_lowercase(), p))
        .collect();
    let unknown: Vec<&str> = skus
        .iter()
        .filter(|s| !by_sku.contains_key(&s.to_lowercase()))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        let list = unknown
            .iter()
            .take(10)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let message = if unknown.len() > 10 {
            Msg::new("admin-catalog-unknown-skus-more").arg("more", unknown.len() - 10)
        } else {
            Msg::new("admin-catalog-unknown-skus")
        };
        errors.add(field, message.arg("skus", list));
        return Err(SaveError::Invalid(errors));
    }
    Ok(skus
        .iter()
        .filter_map(|s| by_sku.get(&s.to_lowercase()).cloned())
        .collect())
}

/// Of `customer_ids` (which have catalog `catalog_id` enabled), the labels of those with
/// ordering active and no other active catalog.
fn stranded_customers(
    conn: &mut PgConnection,
    catalog_id: i64,
    customer_ids: &[i64],
) -> QueryResult<Vec<String>> {
    let ordering: Vec<i64> = customer_services::table
        .filter(customer_services::customer_id.eq_any(customer_ids))
        .filter(customer_services::service.eq(Service::Ordering))
        .filter(customer_services::status.eq(ServiceStatus::Active))
        .select(customer_services::customer_id)
        .load(conn)?;
    let covered: Vec<i64> = customer_catalogs::table
        .inner_join(catalogs::table)
        .filter(customer_catalogs::customer_id.eq_any(&ordering))
        .filter(customer_catalogs::catalog_id.ne(catalog_id))
        .filter(catalogs::active.eq(true))
        .select(customer_catalogs::customer_id)
        .load(conn)?;
    let stranded: Vec<i64> = ordering
        .into_iter()
        .filter(|c| !covered.contains(c))
        .collect();
    let rows: Vec<(String, Option<String>)> = customers::table
        .filter(customers::id.eq_any(&stranded))
        .order((customers::legal_name, customers::id))
        .select((customers::legal_name, customers::account_number))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(n, a)| crate::models::customers::customer::label(&n, a.as_deref()))
        .collect())
}
