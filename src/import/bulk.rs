//! Loading a table as a restore does: when a file adds more rows than the table holds (a first
//! import, above all), inserting through every index row by row costs several times what
//! building each index once from the loaded rows costs (a million orders: 22 s through eight
//! indexes and the foreign key, against 3.4 s for the rows and about 1 s per index after).
//!
//! The table is taken for the transaction (`ACCESS EXCLUSIVE`: pages that read it wait until
//! the file is in), its secondary indexes (and, where asked, its foreign keys; or only the
//! indexes on the columns a load updates, see [`Aside::IndexesOn`]) are dropped, and
//! [`SetAside::restore`] builds them again from their own definitions before the transaction
//! commits. It is all in the file's transaction: a file that fails leaves the table, its indexes
//! and keys as they were. The primary key stays (unless [`Keys::DropAll`] says otherwise), as do
//! the indexes behind constraints and the triggers (unless [`SetAside::drop_trigger`] drops one).
//!
//! An empty table set aside whole that no foreign key points at is also given a fresh file
//! (`TRUNCATE` of no rows): with `wal_level = minimal`, as the private cluster runs, rows written
//! to a file made in the same transaction are synced to disk at commit instead of going through
//! the WAL a second time. Nothing changes for a reader: the table was empty and stays locked until commit.

use diesel::{PgConnection, QueryableByName, RunQueryDsl, sql_types::Text};

/// What was dropped, as the statements that make it again.
pub(crate) struct SetAside {
    rebuild: Vec<String>,
}

/// Whether a table's own foreign keys go too. Keys are dropped where the load inserts the rows
/// they check (one join when added again beats a lookup per row); a table whose loaded columns
/// do not touch its keys keeps them (adding them again would check every row for nothing).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keys {
    Drop,
    Keep,
    /// The foreign keys and the primary key too, where no foreign key points at the table: for
    /// a load of plain inserts (an `ON CONFLICT` needs the key's index), whose ids come from a
    /// sequence; the key's index is then built once, and checked by the build.
    DropAll,
}

/// What of a table is set aside.
#[derive(Clone, Copy)]
pub(crate) enum Aside {
    /// Every secondary index, and with [`Keys::Drop`] the foreign keys too.
    All(Keys),
    /// Only the indexes that hold one of these columns (as a key, an included column, or in an
    /// expression or predicate). An update that changes nothing else is then heap-only (HOT)
    /// wherever the row's page has room for the new version: it writes no other index, and
    /// those need no rebuilding.
    IndexesOn(&'static [&'static str]),
}

#[derive(QueryableByName)]
struct Definition {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    definition: String,
}

#[derive(QueryableByName)]
struct Flag {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    yes: bool,
}

/// Takes `tables` (all of them first, in the order given) and drops what [`Aside`] says of each,
/// keeping the definitions.
pub(crate) fn set_aside(
    conn: &mut PgConnection,
    tables: &[(&str, Aside)],
) -> diesel::QueryResult<SetAside> {
    let names: Vec<&str> = tables.iter().map(|(table, _)| *table).collect();
    diesel::sql_query(format!(
        "LOCK TABLE {} IN ACCESS EXCLUSIVE MODE",
        names.join(", ")
    ))
    .execute(conn)?;
    let mut indexes_again = Vec::new();
    let mut keys_again = Vec::new();
    for &(table, aside) in tables {
        let (keys, only): (Keys, &[&str]) = match aside {
            Aside::All(keys) => (keys, &[]),
            Aside::IndexesOn(columns) => (Keys::Keep, columns),
        };
        if only.is_empty() {
            fresh_file_if_empty(conn, table)?;
        }
        let indexes = secondary_indexes(conn, table, only)?;
        if keys != Keys::Keep {
            keys_again.extend(drop_keys(conn, table, keys)?);
        }
        for index in indexes {
            diesel::sql_query(format!("DROP INDEX {}", index.name)).execute(conn)?;
            indexes_again.push(index.definition);
        }
    }
    indexes_again.extend(keys_again);
    Ok(SetAside {
        rebuild: indexes_again,
    })
}

/// Gives an empty table a fresh file where that spares the WAL (see the module's note).
fn fresh_file_if_empty(conn: &mut PgConnection, table: &str) -> diesel::QueryResult<()> {
    let fresh_file = diesel::sql_query(
        "SELECT NOT EXISTS (SELECT 1 FROM pg_constraint WHERE confrelid = $1::regclass)
                AND current_setting('wal_level') = 'minimal' AS yes",
    )
    .bind::<Text, _>(table)
    .get_result::<Flag>(conn)?
    .yes;
    if fresh_file {
        let empty = diesel::sql_query(format!("SELECT NOT EXISTS (SELECT 1 FROM {table}) AS yes"))
            .get_result::<Flag>(conn)?
            .yes;
        if empty {
            diesel::sql_query(format!("TRUNCATE {table}")).execute(conn)?;
        }
    }
    Ok(())
}

/// The table's indexes that no constraint stands behind, or only those on `only`'s columns.
fn secondary_indexes(
    conn: &mut PgConnection,
    table: &str,
    only: &[&str],
) -> diesel::QueryResult<Vec<Definition>> {
    diesel::sql_query(
        "SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i
          WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            AND (cardinality($2::text[]) = 0
                 OR EXISTS (SELECT 1 FROM pg_depend d
                              JOIN pg_attribute a ON a.attrelid = d.refobjid
                                                 AND a.attnum = d.refobjsubid
                             WHERE d.classid = 'pg_class'::regclass
                               AND d.objid = i.indexrelid
                               AND d.refobjid = i.indrelid
                               AND a.attname = ANY ($2::text[])))
          ORDER BY 1",
    )
    .bind::<Text, _>(table)
    .bind::<diesel::sql_types::Array<Text>, _>(only)
    .load(conn)
}

/// Drops the table's foreign keys (and with [`Keys::DropAll`] its primary key): the statements
/// that add them again.
fn drop_keys(conn: &mut PgConnection, table: &str, keys: Keys) -> diesel::QueryResult<Vec<String>> {
    let foreign: Vec<Definition> = diesel::sql_query(
        "SELECT conname::text AS name, pg_get_constraintdef(oid) AS definition
           FROM pg_constraint
          WHERE conrelid = $1::regclass
            AND (contype = 'f'
                 OR contype = 'p' AND $2
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                     WHERE k.confrelid = $1::regclass))
          ORDER BY contype = 'f', 1",
    )
    .bind::<Text, _>(table)
    .bind::<diesel::sql_types::Bool, _>(keys == Keys::DropAll)
    .load(conn)?;
    let mut again = Vec::new();
    for key in foreign {
        diesel::sql_query(format!(
            "ALTER TABLE {table} DROP CONSTRAINT \"{}\"",
            key.name
        ))
        .execute(conn)?;
        // Adding a foreign key checks the existing rows in one join, not a lookup per row;
        // the primary key (first) builds its index once.
        again.push(format!(
            "ALTER TABLE {table} ADD CONSTRAINT \"{}\" {}",
            key.name, key.definition
        ));
    }
    Ok(again)
}

impl SetAside {
    /// Drops a trigger of a table set aside until [`SetAside::restore`] makes it again (after
    /// the indexes and keys): for a load that does the trigger's work once, set-based.
    pub(crate) fn drop_trigger(
        &mut self,
        conn: &mut PgConnection,
        table: &str,
        trigger: &str,
    ) -> diesel::QueryResult<()> {
        let definition = diesel::sql_query(
            "SELECT tgname::text AS name, pg_get_triggerdef(oid) AS definition
               FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2",
        )
        .bind::<Text, _>(table)
        .bind::<Text, _>(trigger)
        .get_result::<Definition>(conn)?;
        diesel::sql_query(format!("DROP TRIGGER \"{}\" ON {table}", definition.name))
            .execute(conn)?;
        self.rebuild.push(definition.definition);
        Ok(())
    }

    /// Builds the indexes and adds the keys again (an index that would not be unique now, or a
    /// key a row breaks, fails the file as the row's insert would have).
    pub(crate) fn restore(self, conn: &mut PgConnection) -> diesel::QueryResult<()> {
        diesel::sql_query("SET LOCAL maintenance_work_mem = '256MB'").execute(conn)?;
        diesel::sql_query(format!(
            "SET LOCAL max_parallel_maintenance_workers = {}",
            build_workers()
        ))
        .execute(conn)?;
        for statement in self.rebuild {
            diesel::sql_query(statement).execute(conn)?;
        }
        Ok(())
    }
}

/// Workers beside the leader for an index build: PostgreSQL's default (2) where the machine has
/// room for them, one fewer than its cores where it has not. On two cores, three processes
/// building one index took turns: a first import at 100k took 17.4-20.9 s with two workers and
/// 16.8-17.1 s with one (no workers at all: 18.7-18.9 s).
fn build_workers() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_sub(1).min(2)
}
