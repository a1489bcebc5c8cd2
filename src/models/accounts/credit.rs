//! The credit history: every change of a customer's credit limit, who made it and why (a
//! change needs a reason; the limit a customer is created with may come without one).

use crate::models::customers::history::Author;
use crate::schema::{credit_limit_changes as c, staff};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// One change of the limit, as the Accounts tab lists it.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = c, check_for_backend(diesel::pg::Pg))]
pub struct LimitChange {
    /// None: the limit the customer was created with.
    #[diesel(column_name = old_cents)]
    pub from_cents: Option<i64>,
    #[diesel(column_name = new_cents)]
    pub to_cents: i64,
    pub reason: Option<String>,
    /// Who changed it: the staff member's name then.
    #[diesel(column_name = changed_by)]
    pub by: String,
    pub changed_at: DateTime<Utc>,
}

/// Writes that `by` set customer `customer_id`'s limit from `old` (None when it is created)
/// to `new`, for `reason`.
pub fn record(
    conn: &mut PgConnection,
    customer_id: i64,
    (old, new): (Option<i64>, i64),
    reason: Option<&str>,
    by: &Author,
) -> QueryResult<()> {
    let name: String = match by {
        Author::Staff(id) => staff::table.find(id).select(staff::name).first(conn)?,
        Author::Client(_) | Author::Applicant(_) => by.label().unwrap_or_default(),
    };
    let change = (
        c::old_cents.eq(old),
        c::new_cents.eq(new),
        c::reason.eq(reason),
    );
    let who = (c::staff_id.eq(by.staff_id()), c::changed_by.eq(name));
    let row = (c::customer_id.eq(customer_id), change, who);
    diesel::insert_into(c::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// How many changes the Accounts tab lists, newest first.
pub const SHOWN: i64 = 20;

/// Customer `customer_id`'s newest changes of its limit.
pub fn history(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Vec<LimitChange>> {
    let newest = c::table
        .order((c::changed_at.desc(), c::id.desc()))
        .limit(SHOWN);
    let theirs = newest.filter(c::customer_id.eq(customer_id));
    theirs.select(LimitChange::as_select()).load(conn)
}
