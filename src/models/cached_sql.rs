//! `sql::<T>(…)`, but a statement PostgreSQL may keep prepared.
//!
//! diesel keeps a prepared statement per connection for each query whose SQL text decides it,
//! except where a raw fragment (`dsl::sql`) takes part: it cannot know such a fragment is fixed
//! text, so the whole query is parsed and planned again on every run. Built here, a fragment's
//! text is fixed by the code and every value is a bound parameter, so the statement's text is
//! all there is to it and it may be kept. On the customer list, planning afresh each time was a
//! quarter of the database's work (24 indexes on customers to weigh for every query).
//!
//! Where the value decides the plan (a LIKE pattern, which tag), a query should still be planned
//! with it: use diesel's `dsl::sql` there on purpose. A call site names which one it means.
//!
//! The same holds for a whole statement written out (`diesel::sql_query`): diesel plans it
//! afresh every time, though its text is as fixed as any. [`Kept`] keeps one prepared. Only a
//! statement whose text the code fixes may be kept (values bound, never formatted in): each
//! distinct text is a statement kept on every connection.

use diesel::{
    QueryResult, RunQueryDsl,
    expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping, is_aggregate},
    pg::Pg,
    query_builder::{AstPass, Query, QueryFragment, QueryId},
    serialize::ToSql,
    sql_types::{HasSqlType, SqlType},
};
use std::marker::PhantomData;

enum Piece {
    Text(&'static str),
    Value(Box<dyn QueryFragment<Pg> + Send>),
}

/// SQL text and bound values, in order, as an expression of type `ST`.
pub struct Sql<ST> {
    pieces: Vec<Piece>,
    _type: PhantomData<fn() -> ST>,
}

/// Starts a fragment with fixed text.
pub fn sql<ST>(text: &'static str) -> Sql<ST> {
    Sql {
        pieces: vec![Piece::Text(text)],
        _type: PhantomData,
    }
}

/// One bound value.
struct Bound<T, V> {
    value: V,
    _type: PhantomData<fn() -> T>,
}

impl<T, V> QueryFragment<Pg> for Bound<T, V>
where
    Pg: HasSqlType<T>,
    V: ToSql<T, Pg>,
    T: SqlType,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_bind_param::<T, V>(&self.value)
    }
}

impl<ST> Sql<ST> {
    /// Appends a bound value of SQL type `T`.
    pub fn bind<T, V>(mut self, value: V) -> Self
    where
        Pg: HasSqlType<T>,
        V: ToSql<T, Pg> + Send + 'static,
        T: SqlType + 'static,
    {
        self.pieces.push(Piece::Value(Box::new(Bound::<T, V> {
            value,
            _type: PhantomData,
        })));
        self
    }

    /// Appends fixed text.
    pub fn sql(mut self, text: &'static str) -> Self {
        self.pieces.push(Piece::Text(text));
        self
    }
}

impl<ST> QueryFragment<Pg> for Sql<ST> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_sql(text),
                Piece::Value(value) => value.walk_ast(out.reborrow())?,
            }
        }
        Ok(())
    }
}

impl<ST> QueryId for Sql<ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<ST: diesel::expression::TypedExpressionType> Expression for Sql<ST> {
    type SqlType = ST;
}

impl<ST, QS> AppearsOnTable<QS> for Sql<ST> where Self: Expression {}

impl<ST, QS> SelectableExpression<QS> for Sql<ST> where Self: Expression {}

impl<ST, GB> ValidGrouping<GB> for Sql<ST> {
    type IsAggregate = is_aggregate::Never;
}

/// A whole statement of fixed text and bound values (`diesel::sql_query(…).bind(…)`), kept
/// prepared on its connection: `Kept(diesel::sql_query("…").bind::<BigInt, _>(id)).load(conn)`.
/// The text must not be built from values (see the module's documentation). Run it through
/// the rows' path (`load`, `get_result`, or [`Kept::changed`]), never `execute`, which would
/// plan it afresh every time.
pub struct Kept<Q>(pub Q);

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for Kept<Q> {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.0.walk_ast(out)
    }

    /// diesel asks the whole statement whether it may be kept, and a raw statement always
    /// answers no, as it cannot know its text is fixed; this one is, by its contract.
    fn is_safe_to_cache_prepared(&self, _: &Pg) -> QueryResult<bool> {
        Ok(true)
    }
}

impl<Q> QueryId for Kept<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Kept<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, Conn> RunQueryDsl<Conn> for Kept<Q> {}

/// A row of a kept statement that changes rows and ends in `RETURNING 1 AS changed`.
#[derive(diesel::QueryableByName)]
pub struct Changed {
    #[diesel(sql_type = diesel::sql_types::Int4)]
    #[allow(dead_code)]
    changed: i32,
}

impl<Q> Kept<Q> {
    /// Runs a written-out INSERT, UPDATE or DELETE whose text ends in `RETURNING 1 AS changed`;
    /// the number of rows it changed. Not `execute`: diesel asks a reference to the statement
    /// whether it may be kept, and a reference answers for what it wraps (no); the rows' path
    /// asks the statement itself.
    pub fn changed<'q>(self, conn: &mut diesel::PgConnection) -> QueryResult<usize>
    where
        Self: diesel::query_dsl::LoadQuery<'q, diesel::PgConnection, Changed>,
    {
        self.load::<Changed>(conn).map(|rows| rows.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::customers;
    use diesel::{
        dsl,
        prelude::*,
        sql_types::{BigInt, Bool},
    };

    #[test]
    fn a_query_with_these_fragments_may_be_kept_prepared_and_one_with_diesels_may_not() {
        let kept = customers::table
            .filter(
                sql::<Bool>("customers.tag_ids @> ARRAY[")
                    .bind::<BigInt, _>(7_i64)
                    .sql("]"),
            )
            .select(customers::id)
            .into_boxed::<Pg>();
        assert!(QueryFragment::<Pg>::is_safe_to_cache_prepared(&kept, &Pg).unwrap());
        let planned = customers::table
            .filter(
                dsl::sql::<Bool>("customers.tag_ids @> ARRAY[")
                    .bind::<BigInt, _>(7_i64)
                    .sql("]"),
            )
            .select(customers::id)
            .into_boxed::<Pg>();
        assert!(!QueryFragment::<Pg>::is_safe_to_cache_prepared(&planned, &Pg).unwrap());
        assert_eq!(
            diesel::debug_query::<Pg, _>(&kept).to_string(),
            diesel::debug_query::<Pg, _>(&planned).to_string(),
            "the same SQL and binds either way"
        );
    }

    #[test]
    fn a_kept_statement_may_be_kept_prepared_and_a_raw_one_may_not() {
        let raw = || diesel::sql_query("SELECT $1::bigint AS n").bind::<BigInt, _>(7_i64);
        assert!(!QueryFragment::<Pg>::is_safe_to_cache_prepared(&raw(), &Pg).unwrap());
        let kept = Kept(raw());
        assert!(QueryFragment::<Pg>::is_safe_to_cache_prepared(&kept, &Pg).unwrap());
        assert_eq!(
            diesel::debug_query::<Pg, _>(&kept).to_string(),
            diesel::debug_query::<Pg, _>(&raw()).to_string(),
        );
    }
}
