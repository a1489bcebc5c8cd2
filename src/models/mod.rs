//! One module per table or aggregate: its row struct, what inserts and changes it, and its queries.

pub mod access;
pub mod accounts;
pub mod approvals;
pub mod cached_sql;
pub mod catalogs;
pub mod customers;
pub mod import_run;
pub mod orders;
pub mod portal;
pub mod reference;
pub mod submission;

use diesel::{
    Expression, PgConnection, QueryResult, RunQueryDsl,
    dsl::{CountStar, GroupBy, Select, count_star},
    query_dsl::{
        LoadQuery,
        methods::{GroupByDsl, SelectDsl},
    },
};
use std::collections::HashMap;

/// A database error as the caller's error: a unique violation (an insert that raced past the
/// caller's own check for the same name or address) as `taken()`, anything else as it is.
pub fn unique_as<E: From<diesel::result::Error>>(
    e: diesel::result::Error,
    taken: impl FnOnce() -> E,
) -> E {
    use diesel::result::{DatabaseErrorKind::UniqueViolation, Error::DatabaseError};
    match e {
        DatabaseError(UniqueViolation, _) => taken(),
        other => other.into(),
    }
}

// `lower(text)`, for the case-blind comparisons of names, SKUs and email addresses.
diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// How many rows name each id; rows without an id are left out, and an id that no row names
/// counts 0.
pub struct Counts(HashMap<i64, i64>);

impl Counts {
    /// The rows of `query` counted per value of `column` (`GROUP BY column`).
    pub fn per<'q, Q, C>(conn: &mut PgConnection, query: Q, column: C) -> QueryResult<Counts>
    where
        C: Expression + Copy,
        Q: GroupByDsl<C>,
        GroupBy<Q, C>: SelectDsl<(C, CountStar)>,
        Select<GroupBy<Q, C>, (C, CountStar)>:
            RunQueryDsl<PgConnection> + LoadQuery<'q, PgConnection, (i64, i64)>,
    {
        let rows = query
            .group_by(column)
            .select((column, count_star()))
            .load::<(i64, i64)>(conn)?;
        Ok(rows.into_iter().collect())
    }

    pub fn of(&self, id: i64) -> i64 {
        self.0.get(&id).copied().unwrap_or(0)
    }
}

impl<K: Into<Option<i64>>> FromIterator<(K, i64)> for Counts {
    fn from_iter<I: IntoIterator<Item = (K, i64)>>(rows: I) -> Counts {
        Counts(
            rows.into_iter()
                .filter_map(|(id, n)| id.into().map(|id| (id, n)))
                .collect(),
        )
    }
}
