//! Ids that are easy to mix up, as their own types: a function that takes a customer's id next
//! to the id of one of its addresses or contacts cannot be called with the two swapped.

use diesel::{pg::Pg, serialize::ToSql, sql_types::BigInt};
use std::fmt;

/// A customer's id (`customers.id`), as it comes from a path such as `/customers/{id}/…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, diesel::AsExpression)]
#[diesel(sql_type = BigInt)]
pub struct CustomerId(pub i64);

impl CustomerId {
    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for CustomerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl ToSql<BigInt, Pg> for CustomerId {
    fn to_sql<'b>(
        &'b self,
        out: &mut diesel::serialize::Output<'b, '_, Pg>,
    ) -> diesel::serialize::Result {
        <i64 as ToSql<BigInt, Pg>>::to_sql(&self.0, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_id_shows_as_its_number() {
        assert_eq!(CustomerId(42).to_string(), "42");
        assert_eq!(CustomerId(42).get(), 42);
    }
}
