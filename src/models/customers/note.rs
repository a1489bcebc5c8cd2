//! Notes written against a customer, signed by their author, and the watch-list warning: one
//! highlighted note per customer that every screen showing the customer puts at the top.

use crate::i18n::L10n;
use crate::models::{
    access::staff_scope::StaffScope,
    customers::customer::Customer,
    customers::history::{self, Entity, FieldChange},
};
use crate::schema::{customer_notes, customers, staff, watch_notes};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// Who signed a note or warning, as the pages name them (their account may be gone).
fn signer(name: &Option<String>) -> &str {
    name.as_deref().unwrap_or("a former colleague")
}

/// `signer`, in the reader's language.
fn signer_text(name: &Option<String>, l: &L10n) -> String {
    match name {
        Some(name) => name.clone(),
        None => l.t("customer-parts-notes-former-colleague"),
    }
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = customer_notes, check_for_backend(diesel::pg::Pg))]
pub struct Note {
    pub id: i64,
    pub body: String,
    pub created_at: DateTime<Utc>,
    #[diesel(select_expression = staff::name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<staff::name>)]
    pub author: Option<String>,
}

impl Note {
    /// Up to 120 characters, cut at a word, for lists; the full text goes in a title.
    pub fn short(&self) -> String {
        shorten(&self.body, 120)
    }

    pub fn is_long(&self) -> bool {
        self.body.chars().count() > 120
    }

    pub fn author_name(&self) -> &str {
        signer(&self.author)
    }

    /// Who wrote it, in the reader's language when their account is gone.
    pub fn author_text(&self, l: &L10n) -> String {
        signer_text(&self.author, l)
    }

    /// Newest first, a page at a time, and how many there are.
    pub fn for_customer(
        conn: &mut PgConnection,
        customer_id: i64,
        offset: i64,
        limit: i64,
    ) -> QueryResult<(Vec<Note>, i64)> {
        let rows = Self::newest(conn, customer_id, (offset, limit))?;
        let total = customer_notes::table
            .filter(customer_notes::customer_id.eq(customer_id))
            .count()
            .get_result(conn)?;
        Ok((rows, total))
    }

    /// The newest `limit` notes (the detail page; its count comes with the page's facts).
    pub fn latest(conn: &mut PgConnection, customer_id: i64, limit: i64) -> QueryResult<Vec<Note>> {
        Self::newest(conn, customer_id, (0, limit))
    }

    /// The customer's notes, newest first, `limit` of them after the first `offset`.
    fn newest(
        conn: &mut PgConnection,
        customer_id: i64,
        (offset, limit): (i64, i64),
    ) -> QueryResult<Vec<Note>> {
        customer_notes::table
            .left_join(staff::table)
            .filter(customer_notes::customer_id.eq(customer_id))
            .order((customer_notes::created_at.desc(), customer_notes::id.desc()))
            .offset(offset)
            .limit(limit)
            .select(Note::as_select())
            .load(conn)
    }

    /// Adds a note signed by `staff_id`, with its history entry.
    pub fn add(
        conn: &mut PgConnection,
        customer_id: i64,
        staff_id: i64,
        body: &str,
    ) -> QueryResult<i64> {
        conn.transaction(|conn| {
            let customer = Customer::find(conn, customer_id)?;
            let id: i64 = diesel::insert_into(customer_notes::table)
                .values((
                    customer_notes::customer_id.eq(customer_id),
                    customer_notes::staff_id.eq(staff_id),
                    customer_notes::body.eq(body),
                ))
                .returning(customer_notes::id)
                .get_result(conn)?;
            let change = FieldChange {
                field: "Note",
                old: None,
                new: Some(body.to_string()),
            };
            history::record(
                conn,
                &customer,
                Some(staff_id),
                Entity::Note,
                Some(id),
                "create",
                &[change],
            )?;
            Ok(id)
        })
    }
}

pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end())
}

/// The watch-list warning of a customer.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = watch_notes, check_for_backend(diesel::pg::Pg))]
pub struct WatchNote {
    pub customer_id: i64,
    #[diesel(select_expression = staff::name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<staff::name>)]
    pub set_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub body: String,
}

impl WatchNote {
    pub fn set_by_name(&self) -> &str {
        signer(&self.set_by)
    }

    /// Who set it, in the reader's language when their account is gone.
    pub fn set_by_text(&self, l: &L10n) -> String {
        signer_text(&self.set_by, l)
    }

    pub fn for_customer(
        conn: &mut PgConnection,
        customer_id: i64,
    ) -> QueryResult<Option<WatchNote>> {
        watch_notes::table
            .left_join(staff::table)
            .filter(watch_notes::customer_id.eq(customer_id))
            .select(WatchNote::as_select())
            .first(conn)
            .optional()
    }

    /// Sets or replaces the warning; history records the old and new text.
    pub fn set(
        conn: &mut PgConnection,
        customer_id: i64,
        staff_id: i64,
        body: &str,
    ) -> QueryResult<()> {
        conn.transaction(|conn| {
            let customer = Customer::find(conn, customer_id)?;
            let old = Self::for_customer(conn, customer_id)?.map(|w| w.body);
            diesel::insert_into(watch_notes::table)
                .values((
                    watch_notes::customer_id.eq(customer_id),
                    watch_notes::body.eq(body),
                    watch_notes::staff_id.eq(staff_id),
                ))
                .on_conflict(watch_notes::customer_id)
                .do_update()
                .set((
                    watch_notes::body.eq(body),
                    watch_notes::staff_id.eq(staff_id),
                    watch_notes::created_at.eq(diesel::dsl::now),
                ))
                .execute(conn)?;
            let action = if old.is_some() { "update" } else { "create" };
            watch_history(
                conn,
                (&customer, staff_id),
                action,
                (old, Some(body.to_string())),
            )
        })
    }

    /// Takes the customer off the watch list. False when it was not on it.
    pub fn remove(conn: &mut PgConnection, customer_id: i64, staff_id: i64) -> QueryResult<bool> {
        conn.transaction(|conn| {
            let customer = Customer::find(conn, customer_id)?;
            let Some(old) = Self::for_customer(conn, customer_id)? else {
                return Ok(false);
            };
            diesel::delete(watch_notes::table.find(customer_id)).execute(conn)?;
            watch_history(
                conn,
                (&customer, staff_id),
                "delete",
                (Some(old.body), None),
            )?;
            Ok(true)
        })
    }

    /// Every watched customer with its warning, newest warning first.
    /// The customers on the watch list that a staff member's scope sees, newest first.
    pub fn watch_list(
        conn: &mut PgConnection,
        scope: &StaffScope,
    ) -> QueryResult<Vec<(WatchNote, Customer)>> {
        let rows: Vec<(WatchNote, Customer)> = watch_notes::table
            .inner_join(customers::table)
            .left_join(staff::table)
            .filter(scope.admits("watch_notes.customer_id"))
            .order(watch_notes::created_at.desc())
            .select((WatchNote::as_select(), Customer::as_select()))
            .load(conn)?;
        Ok(rows)
    }

    /// How many of them there are.
    pub fn count(conn: &mut PgConnection, scope: &StaffScope) -> QueryResult<i64> {
        watch_notes::table
            .filter(scope.admits("watch_notes.customer_id"))
            .count()
            .get_result(conn)
    }
}

/// The customer's history of its watch-list warning: `action` by staff member `staff_id`, from
/// one text to another.
fn watch_history(
    conn: &mut PgConnection,
    (customer, staff_id): (&Customer, i64),
    action: &str,
    (old, new): (Option<String>, Option<String>),
) -> QueryResult<()> {
    let change = FieldChange {
        field: "Watch-list warning",
        old,
        new,
    };
    let (entity, id) = (Entity::Watch, Some(customer.id));
    history::record(
        conn,
        customer,
        Some(staff_id),
        entity,
        id,
        action,
        &[change],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_a_word() {
        let long = "word ".repeat(40);
        let short = shorten(&long, 20);
        assert!(
            short.ends_with('…') && short.chars().count() <= 21,
            "{short}"
        );
        assert_eq!(shorten("brief", 20), "brief");
    }
}
