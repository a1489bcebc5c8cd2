//! What one customer is offered, as staff keep it: the catalogs enabled for it, the products
//! made only for it (customer-specific products), and the stores whose stock its users may see.
//! Every change locks the customer's row, runs in one transaction and is written to the
//! customer's history (who enabled or disabled what). The customer portal reads the result
//! through `portal_catalog`.

use crate::models::{
    catalogs::catalog::products_for_skus,
    catalogs::product::Product,
    customers::customer::Customer,
    customers::history::{self, Entity, FieldChange},
    reference::{SaveError, Store},
};
use crate::{
    domain::forms::FormErrors,
    domain::{Service, ServiceStatus},
    error::{AppError, AppResult},
    i18n::Msg,
    schema::{
        catalogs, customer_catalogs, customer_products, customer_services,
        customer_stock_locations, products, staff, stores,
    },
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// A catalog as the customer's page offers it.
#[derive(Clone, Debug)]
pub struct CatalogChoice {
    pub id: i64,
    pub name: String,
    /// Offered at all (administrators switch catalogs off).
    pub active: bool,
    pub enabled: bool,
    pub enabled_by: Option<String>,
    pub enabled_at: Option<DateTime<Utc>>,
}

/// A customer-specific product of the customer.
#[derive(Clone, Debug)]
pub struct SpecificProduct {
    pub product: Product,
    pub enabled_by: Option<String>,
    pub enabled_at: DateTime<Utc>,
}

/// A store, and whether the customer may see its stock.
#[derive(Clone, Debug)]
pub struct LocationChoice {
    pub store: Store,
    pub enabled: bool,
}

/// Everything the customer's Catalogs and products tab shows.
#[derive(Clone, Debug)]
pub struct Assortment {
    /// Active catalogs, and inactive ones that are still enabled for the customer.
    pub catalogs: Vec<CatalogChoice>,
    pub products: Vec<SpecificProduct>,
    /// Active stores, and deactivated ones still enabled for the customer.
    pub locations: Vec<LocationChoice>,
    pub ordering_active: bool,
}

impl Assortment {
    pub fn load(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Assortment> {
        let enabled: Vec<(i64, Option<String>, DateTime<Utc>)> = customer_catalogs::table
            .left_join(staff::table)
            .filter(customer_catalogs::customer_id.eq(customer_id))
            .select((
                customer_catalogs::catalog_id,
                staff::name.nullable(),
                customer_catalogs::enabled_at,
            ))
            .load(conn)?;
        let all: Vec<(i64, String, bool)> = catalogs::table
            .order(catalogs::name)
            .select((catalogs::id, catalogs::name, catalogs::active))
            .load(conn)?;
        let catalogs = all
            .into_iter()
            .filter_map(|(id, name, active)| {
                let on = enabled.iter().find(|(c, _, _)| *c == id);
                (active || on.is_some()).then(|| CatalogChoice {
                    id,
                    name,
                    active,
                    enabled: on.is_some(),
                    enabled_by: on.and_then(|(_, by, _)| by.clone()),
                    enabled_at: on.map(|(_, _, at)| *at),
                })
            })
            .collect();
        let products = customer_products::table
            .inner_join(products::table)
            .left_join(staff::table)
            .filter(customer_products::customer_id.eq(customer_id))
            .order(products::sku)
            .select((
                Product::as_select(),
                staff::name.nullable(),
                customer_products::enabled_at,
            ))
            .load::<(Product, Option<String>, DateTime<Utc>)>(conn)?
            .into_iter()
            .map(|(product, enabled_by, enabled_at)| SpecificProduct {
                product,
                enabled_by,
                enabled_at,
            })
            .collect();
        let visible: Vec<i64> = customer_stock_locations::table
            .filter(customer_stock_locations::customer_id.eq(customer_id))
            .select(customer_stock_locations::store_id)
            .load(conn)?;
        let locations = stores::table
            .order(stores::code)
            .select(Store::as_select())
            .load::<Store>(conn)?
            .into_iter()
            .filter(|s| s.active || visible.contains(&s.id))
            .map(|store| LocationChoice {
                enabled: visible.contains(&store.id),
                store,
            })
            .collect();
        Ok(Assortment {
            catalogs,
            products,
            locations,
            ordering_active: ordering_active(conn, customer_id)?,
        })
    }

    pub fn enabled_catalogs(&self) -> Vec<&CatalogChoice> {
        self.catalogs.iter().filter(|c| c.enabled).collect()
    }

    pub fn visible_locations(&self) -> Vec<&LocationChoice> {
        self.locations.iter().filter(|l| l.enabled).collect()
    }
}

fn ordering_active(conn: &mut PgConnection, customer_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        customer_services::table
            .filter(customer_services::customer_id.eq(customer_id))
            .filter(customer_services::service.eq(Service::Ordering))
            .filter(customer_services::status.eq(ServiceStatus::Active)),
    ))
    .get_result(conn)
}

/// Writes what staff enable for or disable from a customer (a catalog, a specific product, a
/// store's stock) into the customer's history, one line per switch.
struct Switches {
    customer: Customer,
    staff_id: i64,
}

impl Switches {
    /// Locks the customer's row for the change `staff_id` is making (inside its transaction).
    fn lock(conn: &mut PgConnection, customer_id: i64, staff_id: i64) -> QueryResult<Switches> {
        let customer = Customer::lock(conn, customer_id)?;
        Ok(Switches { customer, staff_id })
    }

    /// `label` (under `field`) switched on for the customer when `on`, else off.
    fn record(
        &self,
        conn: &mut PgConnection,
        (entity, id): (Entity, i64),
        field: &'static str,
        label: String,
        on: bool,
    ) -> QueryResult<()> {
        let (action, old, new) = match on {
            true => ("enable", None, Some(label)),
            false => ("disable", Some(label), None),
        };
        let change = FieldChange { field, old, new };
        let staff_id = Some(self.staff_id);
        history::record(
            conn,
            &self.customer,
            staff_id,
            entity,
            Some(id),
            action,
            &[change],
        )
    }
}

/// Enables (`on`) or disables a catalog for the customer, and says whether that changed
/// anything. Returns the catalog's name too.
///
/// Only an active catalog can be enabled. Disabling is refused with a 409 when ordering is
/// active and this is the customer's last active catalog: ordering needs one.
pub fn switch_catalog(
    conn: &mut PgConnection,
    customer_id: i64,
    catalog_id: i64,
    staff_id: i64,
    on: bool,
) -> AppResult<(String, bool)> {
    conn.transaction(|conn| {
        let switches = Switches::lock(conn, customer_id, staff_id)?;
        // Shared: the catalog cannot be switched off meanwhile.
        let (name, active): (String, bool) = catalogs::table
            .find(catalog_id)
            .for_share()
            .select((catalogs::name, catalogs::active))
            .first(conn)?;
        let catalog = Switched {
            id: catalog_id,
            name: &name,
            active,
        };
        let changed = match on {
            true => switches.enable(conn, catalog)?,
            false => switches.disable(conn, catalog)?,
        };
        if changed {
            let what = (Entity::Catalog, catalog_id);
            switches.record(conn, what, "Catalog", name.clone(), on)?;
        }
        Ok((name, changed))
    })
}

/// Enables catalog `catalog_id` for the customer, as `staff_id` chose; whether it was newly
/// enabled. The catalog's being active is the caller's to check.
pub fn link_catalog(
    conn: &mut PgConnection,
    customer_id: i64,
    catalog_id: i64,
    staff_id: i64,
) -> QueryResult<bool> {
    let n = diesel::insert_into(customer_catalogs::table)
        .values((
            customer_catalogs::customer_id.eq(customer_id),
            customer_catalogs::catalog_id.eq(catalog_id),
            customer_catalogs::enabled_by.eq(staff_id),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(n > 0)
}

/// The catalog being switched on or off, as it stands.
#[derive(Clone, Copy)]
struct Switched<'a> {
    id: i64,
    name: &'a str,
    active: bool,
}

impl Switches {
    /// Enables an active catalog; whether it was newly enabled.
    fn enable(&self, conn: &mut PgConnection, catalog: Switched) -> AppResult<bool> {
        if !catalog.active {
            let refusal = Msg::new("refusal-catalog-deactivated").arg("name", catalog.name);
            return Err(AppError::Conflict(refusal));
        }
        Ok(link_catalog(
            conn,
            self.customer.id,
            catalog.id,
            self.staff_id,
        )?)
    }

    /// Disables a catalog; whether it was enabled. Never the last active one while ordering is.
    fn disable(&self, conn: &mut PgConnection, catalog: Switched) -> AppResult<bool> {
        let (customer_id, catalog_id) = (self.customer.id, catalog.id);
        let enabled: Vec<(i64, bool)> = customer_catalogs::table
            .inner_join(catalogs::table)
            .filter(customer_catalogs::customer_id.eq(customer_id))
            .for_share()
            .select((catalogs::id, catalogs::active))
            .load(conn)?;
        if !enabled.iter().any(|(id, _)| *id == catalog_id) {
            return Ok(false);
        }
        let others_active = enabled.iter().any(|(id, on)| *id != catalog_id && *on);
        if catalog.active && !others_active && ordering_active(conn, customer_id)? {
            return Err(AppError::Conflict(
                Msg::new("refusal-catalog-last")
                    .arg("name", catalog.name)
                    .arg("customer", self.customer.display_name()),
            ));
        }
        diesel::delete(customer_catalogs::table.find((customer_id, catalog_id))).execute(conn)?;
        Ok(true)
    }
}

/// Makes the customer-specific products with the SKUs typed in `raw` available to the customer.
/// Nothing is added when any SKU is unknown or names a public product (the message says which).
/// Returns the products newly added and those the customer had already.
pub fn add_specific_products(
    conn: &mut PgConnection,
    customer_id: i64,
    raw: &str,
    staff_id: i64,
) -> Result<(Vec<Product>, Vec<Product>), SaveError> {
    conn.transaction(|conn| {
        let switches = Switches::lock(conn, customer_id, staff_id).map_err(AppError::from)?;
        let found = products_for_skus(conn, raw, "skus")?;
        if let Some(public) = found.iter().find(|p| !p.specific) {
            let mut errors = FormErrors::new();
            errors.add(
                "skus",
                Msg::new("customer-parts-specific-public").arg("sku", public.sku.as_str()),
            );
            return Err(SaveError::Invalid(errors));
        }
        let added: Vec<i64> = diesel::insert_into(customer_products::table)
            .values(
                found
                    .iter()
                    .map(|p| {
                        (
                            customer_products::customer_id.eq(customer_id),
                            customer_products::product_id.eq(p.id),
                            customer_products::enabled_by.eq(staff_id),
                        )
                    })
                    .collect::<Vec<_>>(),
            )
            .on_conflict_do_nothing()
            .returning(customer_products::product_id)
            .get_results(conn)?;
        for p in found.iter().filter(|p| added.contains(&p.id)) {
            switches.record(
                conn,
                (Entity::Product, p.id),
                "Specific product",
                p.label(),
                true,
            )?;
        }
        Ok(found.into_iter().partition(|p| added.contains(&p.id)))
    })
}

/// Takes a customer-specific product away from the customer; returns it, or None when the
/// customer did not have it.
pub fn remove_specific_product(
    conn: &mut PgConnection,
    customer_id: i64,
    product_id: i64,
    staff_id: i64,
) -> AppResult<Option<Product>> {
    conn.transaction(|conn| {
        let switches = Switches::lock(conn, customer_id, staff_id)?;
        let n = diesel::delete(customer_products::table.find((customer_id, product_id)))
            .execute(conn)?;
        if n == 0 {
            return Ok(None);
        }
        let product = Product::find(conn, product_id)?;
        switches.record(
            conn,
            (Entity::Product, product_id),
            "Specific product",
            product.label(),
            false,
        )?;
        Ok(Some(product))
    })
}

/// Sets the stores whose stock the customer may see to exactly `store_ids` (unknown ids are a
/// 400). Returns the stores newly enabled and those disabled.
pub fn set_stock_locations(
    conn: &mut PgConnection,
    customer_id: i64,
    store_ids: &[i64],
    staff_id: i64,
) -> AppResult<(Vec<Store>, Vec<Store>)> {
    conn.transaction(|conn| {
        let switches = Switches::lock(conn, customer_id, staff_id)?;
        let all: Vec<Store> = stores::table
            .order(stores::code)
            .select(Store::as_select())
            .load(conn)?;
        if store_ids.iter().any(|id| !all.iter().any(|s| s.id == *id)) {
            return Err(AppError::BadRequest(Msg::new("refusal-store-gone")));
        }
        let before: Vec<i64> = customer_stock_locations::table
            .filter(customer_stock_locations::customer_id.eq(customer_id))
            .select(customer_stock_locations::store_id)
            .load(conn)?;
        let added: Vec<Store> = all
            .iter()
            .filter(|s| store_ids.contains(&s.id) && !before.contains(&s.id))
            .cloned()
            .collect();
        let removed: Vec<Store> = all
            .iter()
            .filter(|s| !store_ids.contains(&s.id) && before.contains(&s.id))
            .cloned()
            .collect();
        let switched = (added.iter().map(|s| (s, true))).chain(removed.iter().map(|s| (s, false)));
        for (store, on) in switched {
            if on {
                diesel::insert_into(customer_stock_locations::table)
                    .values((
                        customer_stock_locations::customer_id.eq(customer_id),
                        customer_stock_locations::store_id.eq(store.id),
                        customer_stock_locations::enabled_by.eq(staff_id),
                    ))
                    .on_conflict_do_nothing()
                    .execute(conn)?;
            } else {
                diesel::delete(customer_stock_locations::table.find((customer_id, store.id)))
                    .execute(conn)?;
            }
            let what = (Entity::StockLocation, store.id);
            switches.record(conn, what, "Stock visible at", store.label(), on)?;
        }
        Ok((added, removed))
    })
}

/// The overview card's few facts, in one query: enabled catalogs (by name, deactivated ones
/// marked), how many specific products, and the stores whose stock the customer sees.
#[derive(Clone, Debug, Default, QueryableByName)]
pub struct Summary {
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Text>)]
    pub catalogs: Vec<String>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub specific_products: i64,
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Text>)]
    pub locations: Vec<String>,
}

impl Summary {
    pub fn load(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Summary> {
        diesel::sql_query(
            "SELECT ARRAY(SELECT k.name || CASE WHEN k.active THEN '' ELSE ' (deactivated)' END
                            FROM customer_catalogs cc JOIN catalogs k ON k.id = cc.catalog_id
                           WHERE cc.customer_id = $1 ORDER BY k.name) AS catalogs,
                    (SELECT count(*) FROM customer_products WHERE customer_id = $1) AS specific_products,
                    ARRAY(SELECT s.name FROM customer_stock_locations l JOIN stores s ON s.id = l.store_id
                           WHERE l.customer_id = $1 ORDER BY s.name) AS locations",
        )
        .bind::<diesel::sql_types::BigInt, _>(customer_id)
        .get_result(conn)
    }
}
