//! Staff accounts: the vendor's people who sign in to the staff side.

use crate::models::lower;
use crate::{auth::store, mail::messages::Recipient, schema::staff};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use std::{fmt, str::FromStr};

/// What a staff member may do beyond finding and keeping customer records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Every staff member: customers, notes, watch list, orders.
    Staff,
    /// Approves or rejects customers' access and integration requests.
    DigitalAdmin,
    /// Staff accounts, reference data, imports, merges, maintenance.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Staff, Role::DigitalAdmin, Role::Admin];

    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::DigitalAdmin => "digital_admin",
            Role::Admin => "admin",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Role::Staff => "Staff",
            Role::DigitalAdmin => "Digital administrator",
            Role::Admin => "Administrator",
        }
    }

    /// The label's message id, for the reader's language.
    pub fn label_id(&self) -> &'static str {
        match self {
            Role::Staff => "account-role-staff",
            Role::DigitalAdmin => "account-role-digital-admin",
            Role::Admin => "account-role-admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| format!("unknown role `{s}` (expected staff, digital_admin or admin)"))
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = staff)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct Staff {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// None while invited: the account cannot sign in until its holder chooses a password.
    pub password_hash: Option<String>,
    roles: Vec<Option<String>>,
    pub is_salesperson: bool,
    pub active: bool,
    pub password_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The language and time zone they chose on their account page (None: not chosen).
    pub language: Option<String>,
    pub time_zone: Option<String>,
    /// Sees only its own customers (see `staff_scope::StaffScope`).
    pub limited_to_own_customers: bool,
}

/// Where a staff account stands: invited (no password yet), active, or deactivated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffStatus {
    Invited,
    Active,
    Deactivated,
}

impl StaffStatus {
    /// The label's message id, for the reader's language.
    pub fn label_id(&self) -> &'static str {
        match self {
            StaffStatus::Invited => "admin-status-invited",
            StaffStatus::Active => "admin-status-active",
            StaffStatus::Deactivated => "admin-status-deactivated",
        }
    }

    /// The badge's modifier class.
    pub fn badge(&self) -> &'static str {
        match self {
            StaffStatus::Invited => "badge--pending",
            StaffStatus::Active => "badge--ok",
            StaffStatus::Deactivated => "badge--muted",
        }
    }
}

impl Staff {
    pub fn status(&self) -> StaffStatus {
        match (self.active, &self.password_hash) {
            (false, _) => StaffStatus::Deactivated,
            (true, None) => StaffStatus::Invited,
            (true, Some(_)) => StaffStatus::Active,
        }
    }

    /// The role codes as stored (`staff` first), for the record of changes.
    pub fn role_codes(&self) -> String {
        self.roles_joined(Role::as_str)
    }

    /// The roles, each in `word`, joined by commas.
    fn roles_joined(&self, word: fn(&Role) -> &'static str) -> String {
        let words: Vec<&str> = self.roles().iter().map(word).collect();
        words.join(", ")
    }

    pub fn roles(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = self
            .roles
            .iter()
            .flatten()
            .filter_map(|r| r.parse().ok())
            .collect();
        roles.sort();
        roles
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    pub fn role_labels(&self) -> String {
        self.roles_joined(Role::label)
    }

    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<Staff> {
        staff::table.find(id).select(Staff::as_select()).first(conn)
    }

    /// The account for a sign-in email, whatever its case.
    pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<Staff>> {
        staff::table
            .filter(lower(staff::email).eq(email.trim().to_lowercase()))
            .select(Staff::as_select())
            .first(conn)
            .optional()
    }

    pub fn all(conn: &mut PgConnection) -> QueryResult<Vec<Staff>> {
        staff::table
            .order((staff::active.desc(), staff::name.asc()))
            .select(Staff::as_select())
            .load(conn)
    }

    /// Switches an account on or off; switching off ends every one of its sessions at once.
    pub fn set_active(conn: &mut PgConnection, id: i64, active: bool) -> QueryResult<Staff> {
        conn.transaction(|conn| {
            let staff = diesel::update(staff::table.find(id))
                .set((
                    staff::active.eq(active),
                    staff::updated_at.eq(diesel::dsl::now),
                ))
                .returning(Staff::as_returning())
                .get_result(conn)?;
            if !active {
                store::end_sessions_of_staff(conn, id)?;
            }
            Ok(staff)
        })
    }

    /// Stores a new password hash and ends every session of the account (the caller renews its
    /// own session afterwards, so the person who changed it stays signed in).
    pub fn change_password(conn: &mut PgConnection, id: i64, new_hash: &str) -> QueryResult<()> {
        conn.transaction(|conn| {
            diesel::update(staff::table.find(id))
                .set((
                    staff::password_hash.eq(new_hash),
                    staff::password_changed_at.eq(diesel::dsl::now),
                    staff::updated_at.eq(diesel::dsl::now),
                ))
                .execute(conn)?;
            store::end_sessions_of_staff(conn, id)?;
            Ok(())
        })
    }

    /// Saves the language and time zone a staff member chose on their account page (None:
    /// automatic, the company's).
    pub fn set_preferences(
        conn: &mut PgConnection,
        id: i64,
        chosen: &crate::i18n::Choice,
    ) -> QueryResult<()> {
        diesel::update(staff::table.find(id))
            .set((
                staff::language.eq(&chosen.language),
                staff::time_zone.eq(&chosen.time_zone),
                staff::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .map(|_| ())
    }

    pub fn count(conn: &mut PgConnection) -> QueryResult<i64> {
        staff::table.count().get_result(conn)
    }

    /// The active salespeople, by name, as (id, name): what a "salesperson" choice offers.
    pub fn salespeople(conn: &mut PgConnection) -> QueryResult<Vec<(i64, String)>> {
        staff::table
            .filter(staff::is_salesperson.eq(true))
            .filter(staff::active.eq(true))
            .order(staff::name)
            .select((staff::id, staff::name))
            .load(conn)
    }

    /// Whom a request's news goes to: the salesperson (if still active) first, then every
    /// active digital administrator, by name.
    pub fn salesperson_and_digital_admins(
        conn: &mut PgConnection,
        salesperson_id: Option<i64>,
    ) -> QueryResult<Vec<Recipient>> {
        type Row = (String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = staff::table
            .filter(staff::active.eq(true))
            .filter(
                staff::id
                    .nullable()
                    .eq(salesperson_id)
                    .or(staff::roles.contains(vec![Some("digital_admin".to_string())])),
            )
            .order((staff::id.nullable().eq(salesperson_id).desc(), staff::name))
            .select((staff::name, staff::email, staff::language, staff::time_zone))
            .load(conn)?;
        // Staff read in their own language, else the vendor's.
        rows.into_iter()
            .map(|(name, address, language, zone)| {
                Ok(Recipient {
                    name: Some(name),
                    address,
                    l: crate::mail::reader(conn, language.as_deref(), zone.as_deref(), None)?,
                })
            })
            .collect()
    }

    /// A staff member's name, active or not (None for no such staff member).
    pub fn name_of(conn: &mut PgConnection, id: i64) -> QueryResult<Option<String>> {
        staff::table
            .find(id)
            .select(staff::name)
            .first(conn)
            .optional()
    }

    /// An active staff member's name and email, to show a customer whom to contact.
    pub fn contact(conn: &mut PgConnection, id: i64) -> QueryResult<Option<(String, String)>> {
        staff::table
            .find(id)
            .filter(staff::active.eq(true))
            .select((staff::name, staff::email))
            .first(conn)
            .optional()
    }
}

/// The codes stored for `roles`: every account is also `staff`; sorted, once each.
pub fn role_codes(roles: &[Role]) -> Vec<String> {
    let mut roles: Vec<Role> = roles.to_vec();
    if !roles.contains(&Role::Staff) {
        roles.push(Role::Staff);
    }
    roles.sort();
    roles.dedup();
    roles.iter().map(|r| r.as_str().to_string()).collect()
}

#[derive(Debug, Insertable)]
#[diesel(table_name = staff)]
pub struct NewStaff {
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub roles: Vec<String>,
    pub is_salesperson: bool,
}

impl NewStaff {
    pub fn new(
        email: &str,
        name: &str,
        password_hash: String,
        roles: &[Role],
        is_salesperson: bool,
    ) -> Self {
        NewStaff {
            email: email.trim().to_string(),
            name: name.trim().to_string(),
            password_hash: Some(password_hash),
            roles: role_codes(roles),
            is_salesperson,
        }
    }

    /// An invited account: no password until its holder chooses one through the emailed link.
    pub fn invited(email: &str, name: &str, roles: &[Role], is_salesperson: bool) -> Self {
        NewStaff {
            password_hash: None,
            ..NewStaff::new(email, name, String::new(), roles, is_salesperson)
        }
    }

    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Staff> {
        diesel::insert_into(staff::table)
            .values(self)
            .returning(Staff::as_returning())
            .get_result(conn)
    }
}
