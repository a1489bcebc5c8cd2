//! What a staff member may see: every customer, or (for an account limited to its own
//! customers) only its own.
//!
//! A `StaffScope` is worked out from the signed-in staff row alone (`StaffScope::of`, which the
//! staff desk hands out as `desk.scope()`, and which `require_in_scope` in the route table asks on
//! every request for a customer, order, invoice or request by id) and cannot be built from ids:
//! every staff query that reads customers across the book (the list and its searches, the
//! export, the dashboard's counts, the approval queue, the watch list, the dispatch queue, the
//! merge) takes one and filters by it in SQL.
//!
//! "Own customers" has one definition, in SQL: `clientele_customers_of(salesperson)` (the
//! staff_scope migration): the customers whose salesperson the account is, and those whose
//! master (members) or bill-to customer (sell-to customers) is one of them, as the portal's scope
//! associates customers. The customer list's "My customers" and salesperson filters use the same
//! function, so what a limited account sees is exactly what "My customers" shows it.

use crate::models::{access::staff::Staff, cached_sql::Sql, cached_sql::sql};
use crate::schema::{customers, ledger_entries, orders, requests};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};

/// The customers a staff member may see. The fields are private: a scope comes from `of` (a
/// staff row), so neither a salesperson's id nor a list of ids stands in for one:
///
/// ```compile_fail
/// let scope = clientele::models::access::staff_scope::StaffScope { me: 1, reach: todo!() };
/// ```
///
/// ```compile_fail
/// let scope = clientele::models::access::staff_scope::StaffScope::Own { salesperson: 1 };
/// ```
///
/// ```compile_fail
/// # fn f(conn: &mut diesel::PgConnection) {
/// clientele::models::access::staff_scope::StaffScope::default();
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffScope {
    /// The staff member it was worked out for ("My customers" are theirs).
    me: i64,
    reach: Reach,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    All,
    Own { salesperson: i64 },
}

/// What a staff route names by its `{id}`: `require_in_scope` answers 404 for one whose
/// customer is outside the scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owned {
    Customer,
    Order,
    /// A ledger entry (an invoice, a credit note, a payment).
    Posting,
    /// A request in the approval queue.
    Request,
}

/// The row `id` of `$table`, when the customer in `$column` is one of `salesperson`'s.
macro_rules! own_row {
    ($table:ident, $column:literal, $conn:expr, $id:expr, $salesperson:expr) => {
        $table::table
            .filter($table::id.eq($id))
            .filter(customers_of($column, $salesperson))
            .select($table::id)
            .first::<i64>($conn)
    };
}

impl StaffScope {
    /// The scope of a signed-in staff member: every customer, or only their own when their
    /// account is limited to them.
    pub(crate) fn of(staff: &Staff) -> StaffScope {
        StaffScope {
            me: staff.id,
            reach: if staff.limited_to_own_customers {
                Reach::Own {
                    salesperson: staff.id,
                }
            } else {
                Reach::All
            },
        }
    }

    /// The staff member the scope is theirs.
    pub fn me(&self) -> i64 {
        self.me
    }

    /// Limited to the staff member's own customers.
    pub fn is_limited(&self) -> bool {
        matches!(self.reach, Reach::Own { .. })
    }

    /// The salesperson whose customers a limited scope holds: for a statement written out, to
    /// bind to `clientele_customers_of`. None when the scope is every customer.
    pub(crate) fn salesperson(&self) -> Option<i64> {
        match self.reach {
            Reach::All => None,
            Reach::Own { salesperson } => Some(salesperson),
        }
    }

    /// The salesperson of a customer made by this scope's staff member, who chose `chosen`: a
    /// limited account's new customer is its own (else it could not open what it just made).
    pub fn salesperson_of_new(&self, chosen: Option<i64>) -> Option<i64> {
        self.salesperson().or(chosen)
    }

    /// The condition that the customer id in `column` is in the scope, for a query to filter
    /// by; None when the scope is every customer.
    pub(crate) fn restriction(&self, column: &'static str) -> Option<Sql<Bool>> {
        match self.reach {
            Reach::All => None,
            Reach::Own { salesperson } => Some(customers_of(column, salesperson)),
        }
    }

    /// `restriction`, as a condition always: TRUE for every customer.
    pub(crate) fn admits(&self, column: &'static str) -> Sql<Bool> {
        self.restriction(column).unwrap_or_else(|| sql("TRUE"))
    }

    /// Those of `ids` in the scope, in their order.
    pub fn keep(&self, conn: &mut PgConnection, ids: Vec<i64>) -> QueryResult<Vec<i64>> {
        let Some(restriction) = self.restriction("customers.id") else {
            return Ok(ids);
        };
        let kept: std::collections::HashSet<i64> = customers::table
            .filter(customers::id.eq_any(&ids))
            .filter(restriction)
            .select(customers::id)
            .load(conn)?
            .into_iter()
            .collect();
        Ok(ids.into_iter().filter(|id| kept.contains(id)).collect())
    }

    /// Whether the customer, order, posting or request `id` is one the scope sees (false for
    /// one that does not exist, when the scope is limited; true for any id when it is not).
    pub fn sees(&self, conn: &mut PgConnection, owned: Owned, id: i64) -> QueryResult<bool> {
        let Reach::Own { salesperson } = self.reach else {
            return Ok(true);
        };
        let found = match owned {
            Owned::Customer => own_row!(customers, "customers.id", conn, id, salesperson),
            Owned::Order => own_row!(orders, "orders.customer_id", conn, id, salesperson),
            Owned::Posting => {
                own_row!(
                    ledger_entries,
                    "ledger_entries.customer_id",
                    conn,
                    id,
                    salesperson
                )
            }
            Owned::Request => own_row!(requests, "requests.customer_id", conn, id, salesperson),
        };
        Ok(found.optional()?.is_some())
    }
}

/// The condition that the customer id in `column` is one of `salesperson`'s customers (the
/// one definition: `clientele_customers_of`), for the scope and the list's filters alike.
pub(crate) fn customers_of(column: &'static str, salesperson: i64) -> Sql<Bool> {
    sql(column)
        .sql(" IN (SELECT clientele_customers_of(")
        .bind::<BigInt, _>(salesperson)
        .sql("))")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limited_account_reaches_its_own_customers_and_others_every_one() {
        let own = StaffScope {
            me: 7,
            reach: Reach::Own { salesperson: 7 },
        };
        let all = StaffScope {
            me: 8,
            reach: Reach::All,
        };
        assert!(own.is_limited() && !all.is_limited());
        assert!(all.restriction("customers.id").is_none());
        assert!(own.restriction("customers.id").is_some());
        assert_eq!((own.me(), all.me()), (7, 8));
    }
}
