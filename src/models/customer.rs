//! Customers: the businesses and individuals the vendor sells to. The foundation keeps the
//! identifying core; commercial terms, hierarchy and the rest arrive with the customer records.

use crate::schema::customers;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customers)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct Customer {
    pub id: i64,
    pub account_number: Option<String>,
    pub legal_name: String,
    pub trading_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = customers)]
pub struct NewCustomer<'a> {
    pub account_number: Option<&'a str>,
    pub legal_name: &'a str,
    pub trading_name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
}

impl Customer {
    pub fn count(conn: &mut PgConnection) -> QueryResult<i64> {
        customers::table.count().get_result(conn)
    }

    pub fn newest(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<Customer>> {
        customers::table
            .order((customers::created_at.desc(), customers::id.desc()))
            .limit(limit)
            .select(Customer::as_select())
            .load(conn)
    }
}

impl NewCustomer<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Customer> {
        diesel::insert_into(customers::table)
            .values(self)
            .returning(Customer::as_returning())
            .get_result(conn)
    }
}
