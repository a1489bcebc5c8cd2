//! Reference data kept by administrators: stores, price lists, sales channels, customer groups,
//! payment terms and tags. Small tables, loaded whole for forms and for naming things.

use crate::schema::{
    customer_groups, payment_terms, price_lists, sales_channels, staff, stores, tags,
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = stores, check_for_backend(diesel::pg::Pg))]
pub struct Store {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = price_lists, check_for_backend(diesel::pg::Pg))]
pub struct PriceList {
    pub id: i64,
    pub name: String,
    pub currency: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sales_channels, check_for_backend(diesel::pg::Pg))]
pub struct SalesChannel {
    pub id: i64,
    pub name: String,
    pub price_list_id: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customer_groups, check_for_backend(diesel::pg::Pg))]
pub struct CustomerGroup {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = payment_terms, check_for_backend(diesel::pg::Pg))]
pub struct PaymentTerm {
    pub id: i64,
    pub name: String,
    /// None: prepaid, full payment before despatch.
    pub days: Option<i32>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = tags, check_for_backend(diesel::pg::Pg))]
pub struct Tag {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// A staff member customers can be assigned to.
#[derive(Clone, Debug, Queryable)]
pub struct Salesperson {
    pub id: i64,
    pub name: String,
}

/// All reference data at once: what forms offer and what ids are called.
#[derive(Clone, Debug, Default)]
pub struct Reference {
    pub stores: Vec<Store>,
    pub price_lists: Vec<PriceList>,
    pub channels: Vec<SalesChannel>,
    pub groups: Vec<CustomerGroup>,
    pub terms: Vec<PaymentTerm>,
    pub tags: Vec<Tag>,
    pub salespeople: Vec<Salesperson>,
}

impl Reference {
    pub fn load(conn: &mut PgConnection) -> QueryResult<Reference> {
        Ok(Reference {
            stores: stores::table
                .order(stores::code)
                .select(Store::as_select())
                .load(conn)?,
            price_lists: price_lists::table
                .order(price_lists::name)
                .select(PriceList::as_select())
                .load(conn)?,
            channels: sales_channels::table
                .order(sales_channels::name)
                .select(SalesChannel::as_select())
                .load(conn)?,
            groups: customer_groups::table
                .order(customer_groups::name)
                .select(CustomerGroup::as_select())
                .load(conn)?,
            terms: payment_terms::table
                .order((payment_terms::days.asc().nulls_first(), payment_terms::name))
                .select(PaymentTerm::as_select())
                .load(conn)?,
            tags: tags::table
                .order(tags::name)
                .select(Tag::as_select())
                .load(conn)?,
            salespeople: staff::table
                .filter(staff::is_salesperson.eq(true))
                .filter(staff::active.eq(true))
                .order(staff::name)
                .select((staff::id, staff::name))
                .load(conn)?,
        })
    }

    pub fn store(&self, id: i64) -> Option<&Store> {
        self.stores.iter().find(|s| s.id == id)
    }

    pub fn channel(&self, id: i64) -> Option<&SalesChannel> {
        self.channels.iter().find(|c| c.id == id)
    }

    pub fn price_list(&self, id: i64) -> Option<&PriceList> {
        self.price_lists.iter().find(|p| p.id == id)
    }

    pub fn group(&self, id: i64) -> Option<&CustomerGroup> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn term(&self, id: i64) -> Option<&PaymentTerm> {
        self.terms.iter().find(|t| t.id == id)
    }

    pub fn tag(&self, id: i64) -> Option<&Tag> {
        self.tags.iter().find(|t| t.id == id)
    }

    pub fn salesperson(&self, id: i64) -> Option<&Salesperson> {
        self.salespeople.iter().find(|s| s.id == id)
    }

    pub fn store_label(&self, id: i64) -> String {
        self.store(id)
            .map(|s| format!("{} {}", s.code, s.name))
            .unwrap_or_else(|| format!("store #{id}"))
    }

    pub fn channel_label(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.channel(id))
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    pub fn group_label(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.group(id))
            .map(|g| g.name.clone())
            .unwrap_or_default()
    }

    pub fn term_label(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.term(id))
            .map(|t| t.name.clone())
            .unwrap_or_default()
    }

    /// The price list a sales channel decides.
    pub fn price_list_of_channel(&self, channel_id: Option<i64>) -> Option<&PriceList> {
        channel_id
            .and_then(|c| self.channel(c))
            .and_then(|c| self.price_list(c.price_list_id))
    }
}
