//! Products: what the vendor sells, with a list price per price list and stock per store. A
//! product is public (offered through catalogs) or specific (offered only to the customers it
//! was made for, never through a catalog); the database enforces which links each kind may have.
//!
//! The administrators' form is checked here (all of it, uniqueness included, before anything is
//! written) and saved in one transaction together with its prices and stock. A save based on an
//! out-of-date form (its `lock_version`) is refused and nothing is written.

use crate::i18n::Msg;
use crate::models::reference::Reference;
use crate::models::{Counts, lower};
use crate::{
    domain::forms::{Fields, FormErrors},
    domain::{Cents, Note, Sku, Text},
    error::AppError,
    schema::{
        catalog_products, catalogs, customer_products, customers, product_prices, product_stock,
        products,
    },
};
use chrono::{DateTime, Utc};
use diesel::{
    prelude::*,
    result::{DatabaseErrorKind, Error as DbError},
};
use std::collections::{BTreeMap, HashMap};

/// Why a product's save did not happen (`Stale`: the product and its form as they are now).
pub type SaveError = crate::domain::forms::SaveError<(Product, ProductForm)>;

/// "VLV-100, VLV-200 and 3 more".
pub fn sku_list(products: &[Product]) -> String {
    let shown: Vec<&str> = products.iter().take(5).map(|p| p.sku.as_str()).collect();
    match products.len() {
        n if n > 5 => format!("{} and {} more", shown.join(", "), n - 5),
        _ => shown.join(", "),
    }
}

/// What adding products by SKU (to a catalog, or to a customer) did, in words: "Nothing was
/// added.", "Added VLV-100.", "Added 3 products: …", then what `had` says of the SKUs that were
/// there already, if any.
pub fn added_text(
    added: &[Product],
    already: &[Product],
    had: impl FnOnce(String) -> String,
) -> String {
    let mut text = match added.len() {
        0 => "Nothing was added.".to_string(),
        1 => format!("Added {}.", sku_list(added)),
        n => format!("Added {n} products: {}.", sku_list(added)),
    };
    if !already.is_empty() {
        text.push_str(&had(sku_list(already)));
    }
    text
}

/// The same as a message to translate: `id` when none of the SKUs were there already, else
/// `id` + `-already` (with the SKUs that were, as `already`); `count` and `skus` are the added.
pub fn added_msg(id: &'static str, added: &[Product], already: &[Product]) -> Msg {
    let msg = if already.is_empty() {
        Msg::new(id)
    } else {
        Msg::new(format!("{id}-already")).arg("already", sku_list(already))
    };
    msg.arg("count", added.len()).arg("skus", sku_list(added))
}

/// Longest SKU.
pub const SKU_MAX: usize = Sku::MAX;
/// Longest product name.
pub const NAME_MAX: usize = 200;
/// Longest description.
pub const DESCRIPTION_MAX: usize = 4000;
/// Longest unit ("each", "box of 12").
pub const UNIT_MAX: usize = 40;
/// Most stock one store may hold of one product.
pub const QUANTITY_MAX: i32 = 999_999_999;

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = products, check_for_backend(diesel::pg::Pg))]
pub struct Product {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub description: Option<String>,
    pub unit: String,
    pub active: bool,
    /// Offered only to the customers linked in customer_products, never through a catalog.
    pub specific: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub lock_version: i32,
}

/// Whether `sku` is well formed (see `domain::Sku`; the database checks the same).
pub fn is_valid_sku(sku: &str) -> bool {
    sku == sku.trim() && Sku::parse(sku).is_ok()
}

/// The SKUs in what someone typed: separated by spaces, commas, semicolons or line breaks,
/// each once (whatever its case), in the order given.
pub fn split_skus(raw: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    raw.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|s| !s.is_empty())
        .filter(|s| seen.insert(s.to_ascii_lowercase()))
        .map(str::to_string)
        .collect()
}

impl Product {
    /// "ABC-100 Brass valve".
    pub fn label(&self) -> String {
        format!("{} {}", self.sku, self.name)
    }

    /// "Public" or "Customer-specific".
    /// The message id of `visibility_label`.
    pub fn visibility_label_id(&self) -> &'static str {
        if self.specific {
            "admin-product-specific"
        } else {
            "admin-product-public"
        }
    }

    pub fn visibility_label(&self) -> &'static str {
        if self.specific {
            "Customer-specific"
        } else {
            "Public"
        }
    }

    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<Product> {
        products::table
            .find(id)
            .select(Product::as_select())
            .first(conn)
    }

    /// The products with these SKUs, whatever their case.
    pub fn find_by_skus(conn: &mut PgConnection, skus: &[String]) -> QueryResult<Vec<Product>> {
        let lowered: Vec<String> = skus.iter().map(|s| s.to_lowercase()).collect();
        products::table
            .filter(lower(products::sku).eq_any(lowered))
            .select(Product::as_select())
            .load(conn)
    }

    /// List prices by price list id, in cents.
    pub fn prices(conn: &mut PgConnection, id: i64) -> QueryResult<Vec<(i64, i64)>> {
        product_prices::table
            .filter(product_prices::product_id.eq(id))
            .select((product_prices::price_list_id, product_prices::price_cents))
            .load(conn)
    }

    /// Stock by store id.
    pub fn stock(conn: &mut PgConnection, id: i64) -> QueryResult<Vec<(i64, i32)>> {
        product_stock::table
            .filter(product_stock::product_id.eq(id))
            .select((product_stock::store_id, product_stock::quantity))
            .load(conn)
    }

    /// The names of the catalogs the product is in.
    pub fn catalog_names(conn: &mut PgConnection, id: i64) -> QueryResult<Vec<String>> {
        catalog_products::table
            .inner_join(catalogs::table)
            .filter(catalog_products::product_id.eq(id))
            .order(catalogs::name)
            .select(catalogs::name)
            .load(conn)
    }

    /// The customers a specific product is for, as (id, label), by name.
    pub fn customers(conn: &mut PgConnection, id: i64) -> QueryResult<Vec<ProductCustomer>> {
        let rows: Vec<(i64, String, Option<String>)> = customer_products::table
            .inner_join(customers::table)
            .filter(customer_products::product_id.eq(id))
            .order((customers::legal_name, customers::id))
            .select((
                customers::id,
                customers::legal_name,
                customers::account_number,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(id, name, number)| ProductCustomer {
                id,
                label: crate::models::customers::customer::label(&name, number.as_deref()),
            })
            .collect())
    }
}

/// A row of the administrators' product list.
#[derive(Clone, Debug)]
pub struct ProductRow {
    pub product: Product,
    /// Catalogs it is in (public products).
    pub catalogs: i64,
    /// Customers it is for (specific products).
    pub customers: i64,
}

impl ProductRow {
    /// "Public · 2 catalogs", "Customer-specific · 1 customer".
    /// `reach` as a message to translate.
    pub fn reach_msg(&self) -> Msg {
        if self.product.specific {
            Msg::new("admin-product-reach-specific").arg("count", self.customers)
        } else {
            Msg::new("admin-product-reach-public").arg("count", self.catalogs)
        }
    }

    /// `reach` in the reader's language.
    pub fn reach_in(&self, l: &crate::i18n::L10n) -> String {
        l.msg(&self.reach_msg())
    }

    pub fn reach(&self) -> String {
        let plural = |n: i64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        if self.product.specific {
            format!("Customer-specific · {}", plural(self.customers, "customer"))
        } else {
            format!("Public · {}", plural(self.catalogs, "catalog"))
        }
    }
}

/// `%fragment%` for ILIKE, with the pattern characters in the fragment taken literally.
pub fn like_pattern(fragment: &str) -> String {
    let escaped = fragment
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Of the products `among` selects, those whose SKU or name contains `search` (any case), by
/// SKU, a page at a time; and how many match.
pub fn search_page(
    conn: &mut PgConnection,
    among: impl Fn() -> products::BoxedQuery<'static, diesel::pg::Pg>,
    search: Option<&str>,
    (offset, limit): (i64, i64),
) -> QueryResult<(Vec<Product>, i64)> {
    let filtered = || {
        let mut q = among();
        if let Some(s) = search.map(str::trim).filter(|s| !s.is_empty()) {
            let pattern = like_pattern(s);
            q = q.filter(
                products::sku
                    .ilike(pattern.clone())
                    .or(products::name.ilike(pattern)),
            );
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let found = filtered()
        .order(lower(products::sku))
        .offset(offset)
        .limit(limit)
        .select(Product::as_select())
        .load(conn)?;
    Ok((found, total))
}

/// Products whose SKU or name contains `search` (any case), by SKU, a page at a time; and how
/// many match.
pub fn list(
    conn: &mut PgConnection,
    search: Option<&str>,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<ProductRow>, i64)> {
    let all = || products::table.into_boxed();
    let (found, total) = search_page(conn, all, search, (offset, limit))?;
    let ids: Vec<i64> = found.iter().map(|p| p.id).collect();
    let in_catalogs = catalog_products::table.filter(catalog_products::product_id.eq_any(&ids));
    let in_catalogs = Counts::per(conn, in_catalogs, catalog_products::product_id)?;
    let for_customers = customer_products::table.filter(customer_products::product_id.eq_any(&ids));
    let for_customers = Counts::per(conn, for_customers, customer_products::product_id)?;
    let rows = found
        .into_iter()
        .map(|product| ProductRow {
            catalogs: in_catalogs.of(product.id),
            customers: for_customers.of(product.id),
            product,
        })
        .collect();
    Ok((rows, total))
}

// The form ------------------------------------------------------------------------------------

/// The product form as sent (or as filled in from a stored product). Prices and stock are text
/// keyed by price list and store id, as typed; empty means none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductForm {
    pub sku: String,
    pub name: String,
    pub description: String,
    pub unit: String,
    pub active: bool,
    pub specific: bool,
    pub prices: BTreeMap<i64, String>,
    pub stock: BTreeMap<i64, String>,
    /// The version the form was loaded at; None for a new product.
    pub lock_version: Option<i32>,
    /// Prices (by price list id) that could not be read in the style of whoever typed them,
    /// with why (see `read_prices`): the check gives these messages.
    pub price_errors: BTreeMap<i64, Msg>,
}

impl ProductForm {
    /// A new product: sold each, active, public.
    pub fn blank() -> ProductForm {
        ProductForm {
            unit: "each".into(),
            active: true,
            ..ProductForm::default()
        }
    }

    /// The form's fields from the request body's pairs: sku, name, description, unit, active,
    /// visibility (public or specific), lock_version, price-{price list id}, stock-{store id}.
    pub fn from_pairs(pairs: &[(String, String)]) -> ProductForm {
        let mut form = ProductForm::default();
        for (key, value) in pairs {
            match key.as_str() {
                "sku" => form.sku = value.clone(),
                "name" => form.name = value.clone(),
                "description" => form.description = value.clone(),
                "unit" => form.unit = value.clone(),
                "active" => form.active = !value.is_empty(),
                "visibility" => form.specific = value == "specific",
                "lock_version" => form.lock_version = value.trim().parse().ok(),
                other => {
                    if let Some(id) = other.strip_prefix("price-").and_then(|i| i.parse().ok()) {
                        form.prices.insert(id, value.clone());
                    } else if let Some(id) =
                        other.strip_prefix("stock-").and_then(|i| i.parse().ok())
                    {
                        form.stock.insert(id, value.clone());
                    }
                }
            }
        }
        form
    }

    /// The form filled in with a stored product, its prices and its stock.
    pub fn of(product: &Product, prices: &[(i64, i64)], stock: &[(i64, i32)]) -> ProductForm {
        ProductForm {
            sku: product.sku.clone(),
            name: product.name.clone(),
            description: product.description.clone().unwrap_or_default(),
            unit: product.unit.clone(),
            active: product.active,
            specific: product.specific,
            prices: prices
                .iter()
                .map(|(pl, cents)| (*pl, Cents(*cents).plain()))
                .collect(),
            stock: stock.iter().map(|(s, q)| (*s, q.to_string())).collect(),
            lock_version: Some(product.lock_version),
            price_errors: BTreeMap::new(),
        }
    }

    /// The prices as a person typed them, read with `parse` (their own style: `1.234,50` in
    /// German) and made plain for the check; a price `parse` cannot read keeps its message.
    pub fn read_prices(&mut self, parse: impl Fn(&str) -> Result<i64, Msg>) {
        for (id, raw) in self.prices.iter_mut() {
            if raw.trim().is_empty() {
                continue;
            }
            match parse(raw) {
                Ok(cents) => *raw = Cents(cents).plain(),
                Err(why) => {
                    self.price_errors.insert(*id, why);
                }
            }
        }
    }

    /// The (plain) prices written for a person to read and change: `amount` gives their style.
    pub fn show_prices(&mut self, amount: impl Fn(i64) -> String) {
        for raw in self.prices.values_mut() {
            if !raw.trim().is_empty()
                && let Ok(Cents(cents)) = Cents::parse(raw)
            {
                *raw = amount(cents);
            }
        }
    }

    /// Loads a stored product's form.
    pub fn load(conn: &mut PgConnection, id: i64) -> QueryResult<(Product, ProductForm)> {
        let product = Product::find(conn, id)?;
        let form = ProductForm::of(
            &product,
            &Product::prices(conn, id)?,
            &Product::stock(conn, id)?,
        );
        Ok((product, form))
    }

    pub fn price(&self, price_list_id: &i64) -> &str {
        self.prices
            .get(price_list_id)
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn quantity(&self, store_id: &i64) -> &str {
        self.stock.get(store_id).map(String::as_str).unwrap_or("")
    }

    /// What differs between this form (sent) and `other` (saved), field by field: for the page
    /// that refuses a stale save, in the words and style of `l`'s reader.
    pub fn differences(
        &self,
        other: &ProductForm,
        refs: &Reference,
        l: &crate::i18n::L10n,
    ) -> Vec<FieldDifference> {
        let yes_no = |b: bool| l.t(if b { "admin-yes" } else { "admin-no" });
        let visibility = |f: &ProductForm| {
            l.t(if f.specific {
                "admin-product-specific"
            } else {
                "admin-product-public"
            })
        };
        let normal_price = |s: &str| {
            Cents::parse(s)
                .ok()
                .filter(|_| !s.trim().is_empty())
                .map(|c| l.amount(c.0))
                .unwrap_or_else(|| s.trim().to_string())
        };
        let normal_quantity = |s: &str| s.trim().replace([',', ' '], "");
        let mut out = Vec::new();
        // The field, when what `shown` makes of it differs between the two forms.
        let mut compare = |field: String, shown: &dyn Fn(&ProductForm) -> String| {
            let (sent, saved) = (shown(self), shown(other));
            if sent != saved {
                out.push(FieldDifference { field, sent, saved });
            }
        };
        compare(l.t("admin-col-sku"), &|f| f.sku.trim().to_string());
        compare(l.t("admin-field-name"), &|f| f.name.trim().to_string());
        compare(l.t("admin-field-description"), &|f| {
            f.description.trim().to_string()
        });
        compare(l.t("admin-col-unit"), &|f| f.unit.trim().to_string());
        compare(l.t("admin-status-active"), &|f| yes_no(f.active));
        compare(l.t("admin-col-offered"), &visibility);
        for pl in &refs.price_lists {
            compare(l.t1("admin-product-price-of", "list", pl.label()), &|f| {
                normal_price(f.price(&pl.id))
            });
        }
        for store in &refs.stores {
            compare(
                l.t1("admin-product-stock-at", "store", store.label()),
                &|f| normal_quantity(f.quantity(&store.id)),
            );
        }
        out
    }
}

/// A field of a product that differs between a stale form and what is saved.
pub struct FieldDifference {
    /// The field's label ("Name", "Price, Retail").
    pub field: String,
    pub sent: String,
    pub saved: String,
}

/// A customer a customer-specific product is made for.
pub struct ProductCustomer {
    pub id: i64,
    /// The customer's name and account number.
    pub label: String,
}

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = products, treat_none_as_null = true)]
struct ProductFields {
    sku: String,
    name: String,
    description: Option<String>,
    unit: String,
    active: bool,
    specific: bool,
}

/// What a valid form holds.
struct Checked {
    fields: ProductFields,
    prices: Prices,
    stock: Stock,
}

/// Every price list: its price, or None for no price.
type Prices = Vec<(i64, Option<i64>)>;
/// Every store: its stock, or None for none recorded.
type Stock = Vec<(i64, Option<i32>)>;

/// A price as typed: None when empty; otherwise an amount of at most two decimals, not negative.
pub fn parse_price(raw: &str) -> Result<Option<i64>, Msg> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    match Cents::parse(raw) {
        Ok(Cents(c)) if c < 0 => Err(Msg::new("admin-product-price-negative")),
        Ok(Cents(c)) => Ok(Some(c)),
        Err(e) if e.id == "amount-decimals" => Err(Msg::new("refusal-price-decimals")),
        Err(_) => Err(Msg::new("refusal-price-invalid")),
    }
}

/// A stock quantity as typed: None when empty; otherwise a whole number from 0 to 999,999,999
/// (spaces and thousands commas allowed).
pub fn parse_quantity(raw: &str) -> Result<Option<i32>, String> {
    let digits: String = raw
        .trim()
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i32>() {
        Ok(q) if (0..=QUANTITY_MAX).contains(&q) && digits.chars().all(|c| c.is_ascii_digit()) => {
            Ok(Some(q))
        }
        _ => Err(
            "Enter a whole number from 0 to 999,999,999, or leave it empty for no stock recorded."
                .into(),
        ),
    }
}

fn check(
    conn: &mut PgConnection,
    form: &ProductForm,
    except: Option<i64>,
    refs: &Reference,
) -> Result<Checked, SaveError> {
    let mut f = Fields::new();
    let sku = f.required("sku", &form.sku, "admin-product-enter-sku", Sku::parse);
    let name = f.required(
        "name",
        &form.name,
        "admin-ref-enter-name",
        Text::<NAME_MAX>::parse,
    );
    let description = f.optional(
        "description",
        &form.description,
        Note::<DESCRIPTION_MAX>::parse,
    );
    let unit = f.required(
        "unit",
        &form.unit,
        "admin-product-enter-unit",
        Text::<UNIT_MAX>::parse,
    );
    let mut errors = f.into_errors();
    let sku = sku.map(Sku::into_string).unwrap_or_default();
    if !errors.has("sku")
        && let Some((id, taken, name)) = products::table
            .filter(lower(products::sku).eq(sku.to_lowercase()))
            .filter(products::id.ne(except.unwrap_or(0)))
            .select((products::id, products::sku, products::name))
            .first::<(i64, String, String)>(conn)
            .optional()?
    {
        log::debug!("sku {sku} taken by product {id}");
        errors.add("sku", taken_message(&taken, &name));
    }
    let (prices, stock) = prices_and_stock(form, refs, &mut errors);
    if !errors.is_empty() {
        return Err(SaveError::Invalid(errors));
    }
    Ok(Checked {
        fields: ProductFields {
            sku,
            name: name.map(Text::into_string).unwrap_or_default(),
            description: description.map(Note::into_string).filter(|d| !d.is_empty()),
            unit: unit.map(Text::into_string).unwrap_or_default(),
            active: form.active,
            specific: form.specific,
        },
        prices,
        stock,
    })
}

/// Every price list's price and every store's stock as the form gives them; what cannot be
/// read is a message beside its field.
fn prices_and_stock(
    form: &ProductForm,
    refs: &Reference,
    errors: &mut FormErrors,
) -> (Prices, Stock) {
    let mut prices = Vec::new();
    for pl in &refs.price_lists {
        let field = format!("price-{}", pl.id);
        if let Some(why) = form.price_errors.get(&pl.id) {
            errors.add(&field, why.clone());
            continue;
        }
        match parse_price(form.price(&pl.id)) {
            Ok(p) => prices.push((pl.id, p)),
            Err(_) if Cents::parse(form.price(&pl.id)).is_ok_and(|c| c.0 < 0) => {
                errors.add(&field, Msg::new("admin-product-price-negative"))
            }
            Err(e) => errors.add(&field, e),
        }
    }
    let mut stock = Vec::new();
    for store in &refs.stores {
        match parse_quantity(form.quantity(&store.id)) {
            Ok(q) => stock.push((store.id, q)),
            Err(_) => errors.add(
                &format!("stock-{}", store.id),
                Msg::new("admin-product-quantity-invalid"),
            ),
        }
    }
    (prices, stock)
}

fn taken_message(sku: &str, name: &str) -> Msg {
    Msg::new("admin-product-sku-taken")
        .arg("sku", sku)
        .arg("name", name)
}

/// A unique violation that raced past the check becomes the message on the SKU.
fn unique_sku(e: DbError, sku: &str) -> SaveError {
    match e {
        DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, ref info)
            if info.constraint_name() == Some("products_sku_key") =>
        {
            let mut errors = FormErrors::new();
            errors.add(
                "sku",
                Msg::new("admin-product-sku-taken-other").arg("sku", sku),
            );
            SaveError::Invalid(errors)
        }
        other => SaveError::Failed(other.into()),
    }
}

/// Brings one product's rows of a (product, key) → value table (its prices, its stock) to what
/// the form asks: each given value inserted or changed (when it differs), each empty one deleted.
/// True when anything changed. A macro because the two tables differ only in their columns.
macro_rules! write_rows {
    ($conn:ident, $table:ident, $product_id:expr, $key:ident, $value:ident, $old:expr, $wanted:expr) => {{
        let mut changed = false;
        for (key, wanted) in $wanted {
            let row = $table::table.find(($product_id, *key));
            match ($old.get(key), wanted) {
                (Some(old), Some(new)) if old == new => {}
                (Some(_), Some(new)) => {
                    diesel::update(row)
                        .set((
                            $table::$value.eq(new),
                            $table::updated_at.eq(diesel::dsl::now),
                        ))
                        .execute($conn)?;
                    changed = true;
                }
                (None, Some(new)) => {
                    diesel::insert_into($table::table)
                        .values((
                            $table::product_id.eq($product_id),
                            $table::$key.eq(key),
                            $table::$value.eq(new),
                        ))
                        .execute($conn)?;
                    changed = true;
                }
                (Some(_), None) => {
                    diesel::delete(row).execute($conn)?;
                    changed = true;
                }
                (None, None) => {}
            }
        }
        changed
    }};
}

/// Writes the prices and the stock of the form (see `write_rows!`). True when anything changed.
fn write_prices_and_stock(
    conn: &mut PgConnection,
    product_id: i64,
    checked: &Checked,
) -> QueryResult<bool> {
    let prices: HashMap<i64, i64> = Product::prices(conn, product_id)?.into_iter().collect();
    let stock: HashMap<i64, i32> = Product::stock(conn, product_id)?.into_iter().collect();
    let prices_changed = write_rows!(
        conn,
        product_prices,
        product_id,
        price_list_id,
        price_cents,
        prices,
        &checked.prices
    );
    let stock_changed = write_rows!(
        conn,
        product_stock,
        product_id,
        store_id,
        quantity,
        stock,
        &checked.stock
    );
    let changed = prices_changed | stock_changed;
    Ok(changed)
}

/// Adds a product with its prices and stock.
pub fn create(conn: &mut PgConnection, form: &ProductForm) -> Result<Product, SaveError> {
    conn.transaction(|conn| {
        let refs = Reference::load(conn)?;
        let checked = check(conn, form, None, &refs)?;
        let product: Product = diesel::insert_into(products::table)
            .values(&checked.fields)
            .returning(Product::as_returning())
            .get_result(conn)
            .map_err(|e| unique_sku(e, &checked.fields.sku))?;
        write_prices_and_stock(conn, product.id, &checked)?;
        Ok(product)
    })
}

/// "“Trade catalog”, “Clearance catalog” and 3 more".
/// The first three of `names`, quoted, and how many more there are: the `names` and `more` of
/// a message.
fn some_names(msg: Msg, names: &[String]) -> Msg {
    let shown: Vec<String> = names.iter().take(3).map(|n| format!("“{n}”")).collect();
    msg.arg("names", shown.join(", "))
        .arg("more", names.len().saturating_sub(3))
}

/// Saves a changed product if nobody has changed it since the form's `lock_version`. Turning a
/// public product specific (or back) is refused while it still has links of the old kind.
pub fn update(conn: &mut PgConnection, id: i64, form: &ProductForm) -> Result<Product, SaveError> {
    conn.transaction(|conn| {
        let current: Product = products::table
            .find(id)
            .for_update()
            .select(Product::as_select())
            .first(conn)
            .map_err(AppError::from)?;
        if form.lock_version != Some(current.lock_version) {
            let stored = ProductForm::of(
                &current,
                &Product::prices(conn, id)?,
                &Product::stock(conn, id)?,
            );
            return Err(SaveError::Stale(Box::new((current, stored))));
        }
        let refs = Reference::load(conn)?;
        let checked = check(conn, form, Some(id), &refs)?;
        if checked.fields.specific != current.specific {
            visibility_change_allowed(conn, id, checked.fields.specific)?;
        }
        let fields_changed = (
            &checked.fields.sku,
            &checked.fields.name,
            &checked.fields.description,
            &checked.fields.unit,
            checked.fields.active,
            checked.fields.specific,
        ) != (
            &current.sku,
            &current.name,
            &current.description,
            &current.unit,
            current.active,
            current.specific,
        );
        if fields_changed {
            diesel::update(products::table.find(id))
                .set(&checked.fields)
                .execute(conn)
                .map_err(|e| unique_sku(e, &checked.fields.sku))?;
        }
        let others_changed = write_prices_and_stock(conn, id, &checked)?;
        if !fields_changed && !others_changed {
            return Ok(current);
        }
        Ok(diesel::update(products::table.find(id))
            .set((
                products::lock_version.eq(products::lock_version + 1),
                products::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Product::as_returning())
            .get_result(conn)?)
    })
}

/// A product may become customer-specific only once it is in no catalog, and general only
/// once no customer has it made for them.
fn visibility_change_allowed(
    conn: &mut PgConnection,
    id: i64,
    specific: bool,
) -> Result<(), SaveError> {
    let mut errors = FormErrors::new();
    if specific {
        let names = Product::catalog_names(conn, id)?;
        if !names.is_empty() {
            errors.add(
                "visibility",
                some_names(Msg::new("admin-product-in-catalogs-first"), &names)
                    .arg("count", names.len()),
            );
        }
    } else {
        let names: Vec<String> = Product::customers(conn, id)?
            .into_iter()
            .map(|c| c.label)
            .collect();
        if !names.is_empty() {
            errors.add(
                "visibility",
                some_names(Msg::new("admin-product-made-for-first"), &names)
                    .arg("count", names.len()),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(SaveError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skus_are_letters_digits_and_a_few_marks() {
        assert!(is_valid_sku("VLV-100"));
        assert!(is_valid_sku("a1.b_c/d-e"));
        assert!(!is_valid_sku(""));
        assert!(!is_valid_sku("-VLV"));
        assert!(!is_valid_sku("VLV 100"));
        assert!(!is_valid_sku("VLVÄ"));
        assert!(!is_valid_sku(&"X".repeat(41)));
    }

    #[test]
    fn typed_skus_split_on_spaces_commas_and_lines_once_each() {
        assert_eq!(
            split_skus("a-1, B-2;c-3\nA-1  b-2"),
            vec!["a-1".to_string(), "B-2".into(), "c-3".into()]
        );
        assert!(split_skus(" , ").is_empty());
    }

    #[test]
    fn prices_and_quantities_as_typed() {
        let prices = [
            ("", Some(None)),
            ("12.5", Some(Some(1250))),
            ("1,234.56", Some(Some(123456))),
        ];
        for (typed, read) in prices
            .into_iter()
            .chain(["-1", "1.234", "abc"].map(|t| (t, None)))
        {
            assert_eq!(parse_price(typed).ok(), read, "{typed:?}");
        }
        let quantities = [
            (" ", Some(None)),
            ("1,200", Some(Some(1200))),
            ("0", Some(Some(0))),
        ];
        let wrong = ["-3", "2.5", "1000000000"].map(|t| (t, None));
        for (typed, read) in quantities.into_iter().chain(wrong) {
            assert_eq!(parse_quantity(typed).ok(), read, "{typed:?}");
        }
    }

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(like_pattern("50%_off"), "%50\\%\\_off%");
    }
}
