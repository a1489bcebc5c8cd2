//! What a customer's sub-records (addresses and contacts) share: the customer-row lock every
//! change takes, the longest text a field takes, how a flag reads in history, and the
//! "changed meanwhile" comparison a stale edit shows.

use crate::{models::customers::customer::Customer, schema::customers};
use diesel::prelude::*;

/// The longest text any address or contact field takes.
pub const MAX_LEN: usize = 200;

/// A flag as history and the "changed meanwhile" list write it.
pub fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_string()
}

/// Locks the customer row against concurrent changes to its addresses and contacts (FOR NO KEY
/// UPDATE: inserts of child rows elsewhere still pass their foreign-key checks).
pub fn lock_customer(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Customer> {
    customers::table
        .find(customer_id)
        .for_no_key_update()
        .select(Customer::as_select())
        .first(conn)
}

/// One line of "changed meanwhile": a field of the row as it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meanwhile {
    pub field: &'static str,
    pub value: String,
    /// The person's input says something else.
    pub differs: bool,
}

/// The row as it is now (`theirs`) beside the person's input (`mine`), both described in form
/// order, field by field.
pub fn meanwhile(
    theirs: Vec<(&'static str, String)>,
    mine: Vec<(&'static str, String)>,
) -> Vec<Meanwhile> {
    theirs
        .into_iter()
        .zip(mine)
        .map(|((field, value), (_, my))| Meanwhile {
            field,
            differs: value != my,
            value,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meanwhile_marks_the_fields_that_differ_from_the_input() {
        let theirs = vec![("City", "Hamburg".to_string()), ("Phone", String::new())];
        let mine = vec![("City", "München".to_string()), ("Phone", String::new())];
        let rows = meanwhile(theirs, mine);
        assert_eq!(
            rows.iter()
                .map(|r| (r.field, r.differs))
                .collect::<Vec<_>>(),
            vec![("City", true), ("Phone", false)]
        );
        assert_eq!(rows[0].value, "Hamburg");
    }
}
