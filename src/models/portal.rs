//! What the customer portal may see, and what it reads about orders and ship-to addresses.
//!
//! A `PortalScope` is the customers whose data a portal user may see. It is worked out by one
//! lookup (`PortalScope::of_user`, which the portal's guard runs on every request) and can only be
//! narrowed afterwards, never built from ids: every portal query (here, in
//! `catalogs::portal_catalog` and among the approvals' requests) takes one and filters by it, so
//! no portal page can show a row of a customer outside its user's scope. An empty scope (one
//! narrowed to nothing) finds nothing.

use crate::models::{
    access::customer_user::CustomerUser,
    cached_sql::{Sql, sql},
    customers::{address::Address, customer::Customer},
    orders::order::Order,
};
use crate::{
    domain::{AddressKind, OrderStatus},
    schema::{customer_addresses, customer_users, customers, orders},
};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Nullable, Text};

/// A customer whose data the signed-in user may see.
#[derive(Clone, Debug)]
pub struct ScopeCustomer {
    pub id: i64,
    pub name: String,
    pub account_number: Option<String>,
}

/// The customers a portal user may see: its own customer first, then those associated with it
/// by name. The field is private: a scope comes from `of` (or is narrowed from one), so a list
/// of ids does not stand in for one:
///
/// ```compile_fail
/// # fn f(conn: &mut diesel::PgConnection) {
/// clientele::models::portal::ship_to(conn, &[1, 2]);
/// # }
/// ```
///
/// ```compile_fail
/// let scope = clientele::models::portal::PortalScope { customers: Vec::new() };
/// ```
/// One customer of a user's scope: what the portal's cart takes, so that a bare id does not
/// stand in for it. Only a scope hands one out (`own`, `pick`):
///
/// ```compile_fail
/// let customer = clientele::models::portal::InScope(7);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InScope(i64);

impl InScope {
    pub fn id(self) -> i64 {
        self.0
    }
}

#[derive(Clone, Debug)]
pub struct PortalScope {
    customers: Vec<ScopeCustomer>,
}

/// The customers associated with a customer (`customers` in the query): ids, names as shown and
/// account numbers, in one order.
type Associated = (Vec<i64>, Vec<String>, Vec<Option<String>>);

/// The columns that read `Associated` beside a customer's row: three arrays of one subquery's
/// rows (not merged away, by legal name), each kept prepared with the statement.
#[allow(clippy::type_complexity)]
fn associated() -> (
    Sql<Array<BigInt>>,
    Sql<Array<Text>>,
    Sql<Array<Nullable<Text>>>,
) {
    const ROWS: &str = " FROM customers a
         WHERE (a.master_id = customers.id OR a.bill_to_id = customers.id)
           AND a.id <> customers.id AND a.merged_into_id IS NULL
         ORDER BY a.legal_name, a.id)";
    (
        sql("ARRAY(SELECT a.id").sql(ROWS),
        sql("ARRAY(SELECT coalesce(nullif(a.trading_name, ''), a.legal_name)").sql(ROWS),
        sql("ARRAY(SELECT a.account_number").sql(ROWS),
    )
}

impl PortalScope {
    /// A portal user, its customer and its scope (the customer itself, then the customers
    /// whose master or bill-to customer it is, by name), read in one statement: the guard runs
    /// it on every portal request. None when there is no such user.
    pub(crate) fn of_user(
        conn: &mut PgConnection,
        user_id: i64,
    ) -> QueryResult<Option<(CustomerUser, Customer, PortalScope)>> {
        let found: Option<(CustomerUser, Customer, Associated)> = customer_users::table
            .inner_join(customers::table)
            .filter(customer_users::id.eq(user_id))
            .select((
                CustomerUser::as_select(),
                Customer::as_select(),
                associated(),
            ))
            .first(conn)
            .optional()?;
        Ok(found.map(|(user, customer, associated)| {
            let scope = PortalScope::of(&customer, associated);
            (user, customer, scope)
        }))
    }

    fn of(customer: &Customer, (ids, names, accounts): Associated) -> PortalScope {
        let mut scope = vec![ScopeCustomer {
            id: customer.id,
            name: customer.display_name().to_string(),
            account_number: customer.account_number.clone(),
        }];
        scope.extend(ids.into_iter().zip(names).zip(accounts).map(
            |((id, name), account_number)| ScopeCustomer {
                id,
                name,
                account_number,
            },
        ));
        PortalScope { customers: scope }
    }

    /// For tests of the portal's queries: the scope of a user of customer `customer_id`, by the
    /// guard's own lookup.
    #[doc(hidden)]
    pub fn for_customer(conn: &mut PgConnection, customer_id: i64) -> QueryResult<PortalScope> {
        let (customer, associated): (Customer, Associated) = customers::table
            .find(customer_id)
            .select((Customer::as_select(), associated()))
            .first(conn)?;
        Ok(Self::of(&customer, associated))
    }

    /// For tests of the portal's queries: those of `ids` that are in this scope, in the order
    /// of `ids` (a narrower scope, never a wider one).
    #[doc(hidden)]
    pub fn only(&self, ids: &[i64]) -> PortalScope {
        PortalScope {
            customers: ids
                .iter()
                .filter_map(|id| self.customers.iter().find(|c| c.id == *id).cloned())
                .collect(),
        }
    }

    /// Those customers of the scope that `keep` keeps, in the scope's order.
    pub(crate) fn retain(&self, keep: impl Fn(i64) -> bool) -> PortalScope {
        PortalScope {
            customers: self
                .customers
                .iter()
                .filter(|c| keep(c.id))
                .cloned()
                .collect(),
        }
    }

    /// The user's own customer, as one of the scope.
    pub fn own(&self) -> InScope {
        InScope(self.customers[0].id)
    }

    /// Customer `id` when it is in the scope.
    pub fn pick(&self, id: i64) -> Option<InScope> {
        self.customers
            .iter()
            .any(|c| c.id == id)
            .then_some(InScope(id))
    }

    /// The customers, the user's own first.
    pub fn customers(&self) -> &[ScopeCustomer] {
        &self.customers
    }

    /// Their ids, in the scope's order: for the queries that filter by them.
    pub fn ids(&self) -> Vec<i64> {
        self.customers.iter().map(|c| c.id).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    /// More than one customer: pages label rows by customer.
    pub fn sees_several(&self) -> bool {
        self.customers.len() > 1
    }

    /// The display name of a customer in scope ("" for any other).
    pub fn customer_name(&self, id: i64) -> &str {
        self.customers
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.as_str())
            .unwrap_or("")
    }
}

/// Orders of the customers in scope, newest first: at most `limit` from `offset`, optionally of
/// one status.
pub fn orders(
    conn: &mut PgConnection,
    scope: &PortalScope,
    status: Option<OrderStatus>,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<Order>> {
    let mut query = orders::table
        .filter(orders::customer_id.eq_any(scope.ids()))
        .order((orders::placed_at.desc(), orders::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(Order::as_select())
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(orders::status.eq(status));
    }
    query.load(conn)
}

/// One order by its number, only if it belongs to a customer in scope (None otherwise, whether
/// or not the number exists elsewhere).
pub fn order_by_number(
    conn: &mut PgConnection,
    scope: &PortalScope,
    order_number: &str,
) -> QueryResult<Option<Order>> {
    orders::table
        .filter(orders::customer_id.eq_any(scope.ids()))
        .filter(orders::order_number.eq(order_number))
        .select(Order::as_select())
        .first(conn)
        .optional()
}

/// The shipping (ship-to) addresses of the customers in scope: by customer, the default one
/// first, then oldest first.
pub fn ship_to(conn: &mut PgConnection, scope: &PortalScope) -> QueryResult<Vec<Address>> {
    customer_addresses::table
        .filter(customer_addresses::customer_id.eq_any(scope.ids()))
        .filter(customer_addresses::kind.eq(AddressKind::Shipping))
        .order((
            customer_addresses::customer_id,
            customer_addresses::is_default_shipping.desc(),
            customer_addresses::id,
        ))
        .select(Address::as_select())
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope_of(ids: &[i64]) -> PortalScope {
        PortalScope {
            customers: ids
                .iter()
                .map(|id| ScopeCustomer {
                    id: *id,
                    name: format!("Customer {id}"),
                    account_number: None,
                })
                .collect(),
        }
    }

    #[test]
    fn a_scope_narrows_and_never_widens() {
        let scope = scope_of(&[1, 2, 3]);
        assert_eq!(scope.only(&[3, 9, 1]).ids(), [3, 1], "9 was never in it");
        assert!(scope.only(&[]).is_empty());
        assert_eq!(scope.retain(|id| id != 2).ids(), [1, 3]);
        assert!(scope.sees_several());
        assert!(!scope.only(&[2]).sees_several());
        assert_eq!(scope.customer_name(2), "Customer 2");
        assert_eq!(scope.customer_name(9), "");
    }
}
