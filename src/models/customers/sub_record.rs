//! One skeleton for a customer's sub-records (addresses and contacts): listing them, adding,
//! saving an edit unless the form is stale, deleting, the primary flag (the first one is
//! primary, a claimed flag moves, the primary cannot be unticked, deleting it promotes the
//! oldest remaining one) and the history entry of every change. Each kind implements
//! `SubRecord` with only its fields, rules and labels, and gets its `Rows` (the columns every
//! sub-record table has, and the queries on them) from `shared_columns!` with its table and
//! list order.
//!
//! Every change runs in one transaction that locks the customer row first (so two people
//! adding a first record cannot both make it primary), and a flag is cleared on its old holder
//! before it is set on the new one: the partial unique indexes are checked at once, not at
//! commit.

use crate::i18n::Msg;
use crate::models::{
    customers::customer::Customer,
    customers::history::{self, Author, Entity},
};
use crate::{
    domain::CustomerId,
    domain::forms::{FormErrors, SaveError},
    schema::customers,
};
use diesel::{expression::BoxableExpression, pg::Pg, prelude::*, sql_types::Bool};

/// The longest text any address or contact field takes.
pub const MAX_LEN: usize = 200;

/// More than any real customer has; the list says so if there are ever more.
pub const LIST_LIMIT: i64 = 1000;

/// A flag as history and the "changed meanwhile" list write it.
pub fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_string()
}

/// A checkbox as a form posts it: present (whatever its value) or absent.
pub fn ticked<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    <Option<String> as serde::Deserialize>::deserialize(d).map(|v| v.is_some())
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

/// What a person sets on a sub-record, typed and trimmed: it names its record's kind, so that
/// `create(conn, customer, staff, input)` needs no turbofish.
pub trait Input: Clone + Send + 'static {
    type Record: SubRecord<Input = Self>;
}

/// A sub-record's row as every sub-record table has it (`id`, `customer_id`, `is_primary`,
/// `lock_version`, `created_at`, `updated_at`), and the queries on those columns: written once,
/// by `shared_columns!`.
pub trait Rows: Sized + Send + 'static {
    type Input: Input<Record = Self>;

    fn id(&self) -> i64;
    fn is_primary(&self) -> bool;
    /// Bumped by every change; an edit form carries it and a save from an older one is stale.
    fn lock_version(&self) -> i32;
    /// Whether the input claims the primary flag; `make_primary` makes it claim it.
    fn claims_primary(input: &Self::Input) -> bool;
    fn make_primary(input: &mut Self::Input);

    /// The customer's first `limit` records in the list's order, without counting the rest.
    fn listed(conn: &mut PgConnection, customer_id: i64, limit: i64) -> QueryResult<Vec<Self>>;
    /// How many the customer has.
    fn count(conn: &mut PgConnection, customer_id: i64) -> QueryResult<i64>;
    /// One record of one customer: NotFound when the id belongs to another customer.
    fn find(conn: &mut PgConnection, customer_id: CustomerId, id: i64) -> QueryResult<Self>;
    /// `find`, locking the row until the transaction ends.
    fn lock(conn: &mut PgConnection, customer_id: i64, id: i64) -> QueryResult<Self>;
    /// The customer's oldest record, if any.
    fn oldest(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Option<Self>>;
    /// The customer's records (other than `except`) that hold a flag `input` claims.
    fn flag_holders(
        conn: &mut PgConnection,
        customer_id: i64,
        except: Option<i64>,
        input: &Self::Input,
    ) -> QueryResult<Vec<Self>>;

    fn insert(conn: &mut PgConnection, customer_id: i64, input: &Self::Input) -> QueryResult<Self>;
    /// Writes the whole input over the row, bumping its version.
    fn save(conn: &mut PgConnection, id: i64, input: &Self::Input) -> QueryResult<Self>;
    /// Writes only the input's flags, bumping the version.
    fn set_flags(conn: &mut PgConnection, id: i64, input: &Self::Input) -> QueryResult<Self>;
    /// Deletes one record of one customer, returning it (NotFound when it is not one of them).
    fn remove(conn: &mut PgConnection, customer_id: i64, id: i64) -> QueryResult<Self>;
    /// Moves `from`'s records to the customer `to`, bumping their versions.
    fn reassign(conn: &mut PgConnection, from: i64, to: i64) -> QueryResult<usize>;
}

/// A kind of sub-record: its fields, its rules and its labels (its rows are `Rows`). The rest
/// of the flow is this module's.
pub trait SubRecord: Rows {
    /// What the form's fields show: the person's input as typed, or the row's values.
    type Fields: Clone
        + Default
        + Send
        + 'static
        + for<'a> From<&'a Self>
        + serde::de::DeserializeOwned;
    /// What the checks need to know about the customer (contacts: whether it is a bill-to).
    type Context: Copy + Send + 'static;

    /// The history's entity.
    const ENTITY: Entity;
    /// "address": how messages name one, and the `$kind` their words are chosen by.
    const NOUN: &'static str;
    /// "addresses": the path segment, the customer tab, and how messages name several.
    const PLURAL: &'static str;

    /// How messages and buttons name it (the messages put an address's name in quotation
    /// marks: a label or street does not read as a name; a contact's name reads as one).
    fn name(&self) -> &str;
    /// The fields a person sets, as they are now.
    fn input(&self) -> Self::Input;

    /// The input in words, in form order, for history and "changed meanwhile".
    fn describe(input: &Self::Input) -> Vec<(&'static str, String)>;
    /// A holder's flags once `claimed` has taken the flags it claims.
    fn give_way(holder: Self::Input, claimed: &Self::Input) -> Self::Input;
    /// Clears, on `from`'s records, the flags that the customer `to`'s records hold already,
    /// before they move there.
    fn yield_flags(conn: &mut PgConnection, from: i64, to: i64) -> QueryResult<()>;
    /// The form's fields blank, for a new record.
    fn blank() -> Self::Fields {
        Self::Fields::default()
    }

    /// The fields as typed, trimmed (empty optional text is None), whether valid or not: what
    /// "changed meanwhile" compares.
    fn read(fields: &Self::Fields) -> Self::Input;
    /// Messages for what `read` could not type (a kind or notification not on offer).
    fn check_untyped(fields: &Self::Fields, errors: &mut FormErrors);
    /// Messages for every field of the input that breaks a rule, keyed by the form's names.
    fn check(input: &Self::Input, context: Self::Context) -> FormErrors;
    fn context(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Self::Context>;

    /// The typed input, or a message beside every field that breaks a rule.
    fn parse(fields: &Self::Fields, context: Self::Context) -> Result<Self::Input, FormErrors> {
        let input = Self::read(fields);
        let mut errors = Self::check(&input, context);
        Self::check_untyped(fields, &mut errors);
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

/// Writes `Rows` (and `Input`) for a sub-record: `$record` is its row type, `$input` what a
/// person sets, `$table` its schema module and `$order` the order of its list (also its
/// `first`, for the overview). The input provides `row()` (what is written on create and
/// save), `flags()` (the flags alone) and `claimed()` (a filter for the rows holding a flag
/// it claims, None when it claims none).
macro_rules! shared_columns {
    ($record:ident, $input:ty, $table:ident, order: $order:expr) => {
        impl sub_record::Input for $input {
            type Record = $record;
        }

        impl $record {
            /// The customer's first `limit` records in the list's order.
            pub fn first(
                conn: &mut PgConnection,
                customer_id: i64,
                limit: i64,
            ) -> QueryResult<Vec<$record>> {
                $table::table
                    .filter($table::customer_id.eq(customer_id))
                    .order($order)
                    .limit(limit)
                    .select($record::as_select())
                    .load(conn)
            }
        }

        impl sub_record::Rows for $record {
            type Input = $input;

            fn id(&self) -> i64 {
                self.id
            }

            fn is_primary(&self) -> bool {
                self.is_primary
            }

            fn lock_version(&self) -> i32 {
                self.lock_version
            }

            fn claims_primary(input: &$input) -> bool {
                input.is_primary
            }

            fn make_primary(input: &mut $input) {
                input.is_primary = true;
            }

            fn listed(
                conn: &mut PgConnection,
                customer_id: i64,
                limit: i64,
            ) -> QueryResult<Vec<Self>> {
                $record::first(conn, customer_id, limit)
            }

            fn count(conn: &mut PgConnection, customer_id: i64) -> QueryResult<i64> {
                $table::table
                    .filter($table::customer_id.eq(customer_id))
                    .count()
                    .get_result(conn)
            }

            fn find(
                conn: &mut PgConnection,
                customer_id: CustomerId,
                id: i64,
            ) -> QueryResult<Self> {
                $table::table
                    .filter($table::id.eq(id))
                    .filter($table::customer_id.eq(customer_id))
                    .select(Self::as_select())
                    .first(conn)
            }

            fn lock(conn: &mut PgConnection, customer_id: i64, id: i64) -> QueryResult<Self> {
                $table::table
                    .filter($table::id.eq(id))
                    .filter($table::customer_id.eq(customer_id))
                    .for_update()
                    .select(Self::as_select())
                    .first(conn)
            }

            fn oldest(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Option<Self>> {
                $table::table
                    .filter($table::customer_id.eq(customer_id))
                    .order(($table::created_at, $table::id))
                    .select(Self::as_select())
                    .first(conn)
                    .optional()
            }

            fn flag_holders(
                conn: &mut PgConnection,
                customer_id: i64,
                except: Option<i64>,
                input: &$input,
            ) -> QueryResult<Vec<Self>> {
                let Some(claimed) = input.claimed() else {
                    return Ok(Vec::new());
                };
                let mut query = $table::table
                    .filter($table::customer_id.eq(customer_id))
                    .filter(claimed)
                    .select(Self::as_select())
                    .into_boxed();
                if let Some(id) = except {
                    query = query.filter($table::id.ne(id));
                }
                query.load(conn)
            }

            fn insert(
                conn: &mut PgConnection,
                customer_id: i64,
                input: &$input,
            ) -> QueryResult<Self> {
                diesel::insert_into($table::table)
                    .values(($table::customer_id.eq(customer_id), input.row()))
                    .returning(Self::as_returning())
                    .get_result(conn)
            }

            fn save(conn: &mut PgConnection, id: i64, input: &$input) -> QueryResult<Self> {
                shared_columns!(@bumped $table, conn, id, input.row())
            }

            fn set_flags(conn: &mut PgConnection, id: i64, input: &$input) -> QueryResult<Self> {
                shared_columns!(@bumped $table, conn, id, input.flags())
            }

            fn remove(conn: &mut PgConnection, customer_id: i64, id: i64) -> QueryResult<Self> {
                diesel::delete(
                    $table::table
                        .filter($table::id.eq(id))
                        .filter($table::customer_id.eq(customer_id)),
                )
                .returning(Self::as_returning())
                .get_result(conn)
            }

            fn reassign(conn: &mut PgConnection, from: i64, to: i64) -> QueryResult<usize> {
                diesel::update($table::table.filter($table::customer_id.eq(from)))
                    .set((
                        $table::customer_id.eq(to),
                        $table::lock_version.eq($table::lock_version + 1),
                        $table::updated_at.eq(diesel::dsl::now),
                    ))
                    .execute(conn)
            }
        }
    };
    // Writes `$changes` over the row `$id`, bumping its version.
    (@bumped $table:ident, $conn:ident, $id:ident, $changes:expr) => {
        diesel::update($table::table.find($id))
            .set((
                $changes,
                $table::lock_version.eq($table::lock_version + 1),
                $table::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Self::as_returning())
            .get_result($conn)
    };
}
pub(crate) use shared_columns;

/// A filter on a sub-record table's rows (which hold a claimed flag).
pub type Claimed<T> = Box<dyn BoxableExpression<T, Pg, SqlType = Bool>>;

/// The customer's records in the list's order: at most `limit`, and how many there are in all
/// (no second query when fewer than `limit` came back).
pub fn for_customer<R: SubRecord>(
    conn: &mut PgConnection,
    customer_id: i64,
    limit: i64,
) -> QueryResult<(Vec<R>, i64)> {
    let rows = R::listed(conn, customer_id, limit)?;
    let total = if (rows.len() as i64) < limit {
        rows.len() as i64
    } else {
        R::count(conn, customer_id)?
    };
    Ok((rows, total))
}

/// Moves every record of `from_customer` to `to_customer` (merging customers). A moved record
/// keeps a flag only where the target has no record with it yet; the flag is cleared before
/// the move so the unique indexes never see two. Returns how many moved. The caller owns the
/// transaction and the history.
pub fn move_all<R: SubRecord>(
    conn: &mut PgConnection,
    from_customer: i64,
    to_customer: i64,
) -> QueryResult<usize> {
    if from_customer == to_customer {
        return Ok(0);
    }
    R::yield_flags(conn, from_customer, to_customer)?;
    R::reassign(conn, from_customer, to_customer)
}

/// Optional text as a field shows it: empty for None.
pub fn text(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

/// Writes one history entry of the customer's record `id`, signed by `by`.
fn record<R: SubRecord>(
    conn: &mut PgConnection,
    customer: &Customer,
    by: &Author,
    id: i64,
    action: &str,
    changes: &[history::FieldChange],
) -> QueryResult<()> {
    history::record_by(conn, customer, by, (R::ENTITY, Some(id)), action, changes)
}

/// Clears, on the customer's other records, the flags `input` claims, with a history entry for
/// each record changed. Run before the claiming row is written.
fn take_flags<R: SubRecord>(
    conn: &mut PgConnection,
    customer: &Customer,
    by: &Author,
    except: Option<i64>,
    input: &R::Input,
) -> QueryResult<()> {
    for holder in R::flag_holders(conn, customer.id, except, input)? {
        let before = holder.input();
        let after = R::give_way(before.clone(), input);
        R::set_flags(conn, holder.id(), &after)?;
        let changes = history::diff(&R::describe(&before), &R::describe(&after));
        record::<R>(conn, customer, by, holder.id(), "update", &changes)?;
    }
    Ok(())
}

/// Adds a record, as `by` (a staff member's id, or an `Author`). The customer's first one
/// becomes primary whatever the form said; a flag claimed here moves from the record that had it.
pub fn create<I: Input>(
    conn: &mut PgConnection,
    customer_id: i64,
    by: impl Into<Author>,
    mut input: I,
) -> Result<I::Record, SaveError<I::Record>> {
    type R<I> = <I as Input>::Record;
    let by = &by.into();
    conn.transaction(|conn| {
        let customer = lock_customer(conn, customer_id)?;
        let errors = R::<I>::check(&input, R::<I>::context(conn, customer_id)?);
        if !errors.is_empty() {
            return Err(SaveError::Invalid(errors));
        }
        if R::<I>::count(conn, customer_id)? == 0 {
            R::<I>::make_primary(&mut input);
        }
        take_flags::<R<I>>(conn, &customer, by, None, &input)?;
        let created = R::<I>::insert(conn, customer_id, &input)?;
        let changes = history::whole(&R::<I>::describe(&input), true);
        record::<R<I>>(conn, &customer, by, created.id(), "create", &changes)?;
        Ok(created)
    })
}

/// Saves a changed record, if nobody has changed it since the form's `expected_version`;
/// otherwise `Stale` with the row as it is now (checked before the fields, so a stale form is
/// a conflict even when it is also invalid). The primary flag cannot be taken off: another
/// record is made primary instead.
pub fn update<R: SubRecord>(
    conn: &mut PgConnection,
    customer_id: CustomerId,
    id: i64,
    by: impl Into<Author>,
    expected_version: i32,
    fields: &R::Fields,
) -> Result<R, SaveError<R>> {
    let customer_id = customer_id.get();
    let by = &by.into();
    conn.transaction(|conn| {
        let customer = lock_customer(conn, customer_id)?;
        let current = R::lock(conn, customer_id, id)?;
        if current.lock_version() != expected_version {
            return Err(SaveError::Stale(Box::new(current)));
        }
        let context = R::context(conn, customer_id)?;
        let input = R::parse(fields, context).map_err(SaveError::Invalid)?;
        if current.is_primary() && !R::claims_primary(&input) {
            let mut errors = FormErrors::new();
            errors.add("is_primary", primary_kept::<R>());
            return Err(SaveError::Invalid(errors));
        }
        let changes = history::diff(&R::describe(&current.input()), &R::describe(&input));
        if changes.is_empty() {
            return Ok(current);
        }
        take_flags::<R>(conn, &customer, by, Some(id), &input)?;
        let saved = R::save(conn, id, &input)?;
        record::<R>(conn, &customer, by, id, "update", &changes)?;
        Ok(saved)
    })
}

/// Why the primary flag cannot be unticked.
fn primary_kept<R: SubRecord>() -> Msg {
    Msg::new("customer-parts-primary-kept").arg("kind", R::NOUN)
}

/// What a delete did.
#[derive(Clone, Debug)]
pub struct Deleted<R> {
    pub record: R,
    /// The record that became primary because the primary one was deleted.
    pub promoted: Option<R>,
}

/// Deletes one of the customer's records (NotFound when it is not one of them). When it was
/// the primary, the oldest remaining one becomes primary.
pub fn delete<R: SubRecord>(
    conn: &mut PgConnection,
    customer_id: CustomerId,
    id: i64,
    by: impl Into<Author>,
) -> QueryResult<Deleted<R>> {
    let customer_id = customer_id.get();
    let by = &by.into();
    conn.transaction(|conn| {
        let customer = lock_customer(conn, customer_id)?;
        let deleted = R::remove(conn, customer_id, id)?;
        let changes = history::whole(&R::describe(&deleted.input()), false);
        record::<R>(conn, &customer, by, id, "delete", &changes)?;
        let mut promoted = None;
        if deleted.is_primary()
            && let Some(next) = R::oldest(conn, customer_id)?
        {
            let before = next.input();
            let mut after = before.clone();
            R::make_primary(&mut after);
            let now_primary = R::set_flags(conn, next.id(), &after)?;
            let changes = history::diff(&R::describe(&before), &R::describe(&after));
            record::<R>(conn, &customer, by, next.id(), "update", &changes)?;
            promoted = Some(now_primary);
        }
        Ok(Deleted {
            record: deleted,
            promoted,
        })
    })
}

/// One line of "changed meanwhile": a field of the row as it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meanwhile {
    pub field: &'static str,
    pub value: String,
    /// The person's input says something else.
    pub differs: bool,
}

/// The row as it is now beside the person's input as typed, field by field.
pub fn changed_meanwhile<R: SubRecord>(now: &R, fields: &R::Fields) -> Vec<Meanwhile> {
    meanwhile(R::describe(&now.input()), R::describe(&R::read(fields)))
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
