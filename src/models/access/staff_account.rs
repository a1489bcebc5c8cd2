//! Staff accounts run from the browser and the command line: invitations (the colleague chooses
//! a password through a single-use link, the portal's machinery in `token`), roles and flags,
//! deactivation, password-reset links, and the record of every change (`staff_changes`).
//!
//! The last active administrator (an active account with a password and the `admin` role) can
//! be neither demoted nor deactivated: the rule locks every administrator's row first, so two
//! administrators demoting each other at once cannot both succeed.

use super::{
    staff::{NewStaff, Role, Staff, role_codes},
    token::{self, Holder, INVITATION_HOURS, RESET_MINUTES, TokenPurpose},
};
use crate::{
    domain::forms::FormErrors,
    domain::{EmailAddress, forms::SaveError},
    error::{AppError, AppResult},
    i18n::Msg,
    mail::{self, messages},
    schema::{staff, staff_changes},
    text_enum,
};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

/// The longest name accepted.
pub const NAME_MAX: usize = 200;

text_enum!(
    StaffChangeAction {
        Added => ("added", "Account added"),
        Invited => ("invited", "Invitation sent"),
        RolesChanged => ("roles_changed", "Roles changed"),
        Deactivated => ("deactivated", "Deactivated"),
        Reactivated => ("reactivated", "Reactivated"),
        ResetSent => ("reset_sent", "Password-reset link sent"),
        PasswordSet => ("password_set", "Password set"),
    }
);

/// Who changes a staff account: a staff member (the account itself when its holder uses a
/// link), or the command line on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Staff(i64),
    CommandLine,
}

/// One recorded change, with the name of the staff member who made it.
#[derive(Clone, Debug, Queryable)]
pub struct StaffChange {
    pub action: StaffChangeAction,
    pub detail: String,
    pub created_at: DateTime<Utc>,
    pub by_name: Option<String>,
    pub by_label: Option<String>,
}

impl StaffChange {
    /// Who did it: a staff member's name, else the message id of what did it.
    pub fn by(&self) -> Result<&str, &'static str> {
        match (&self.by_name, self.by_label.as_deref()) {
            (Some(name), _) => Ok(name),
            (None, Some("command_line")) => Err("admin-staff-by-command-line"),
            (None, _) => Err("admin-staff-by-nobody"),
        }
    }
}

/// Records `action` on account `staff_id` with `detail` (what changed, in codes).
pub fn record(
    conn: &mut PgConnection,
    staff_id: i64,
    actor: Actor,
    action: StaffChangeAction,
    detail: &str,
) -> QueryResult<()> {
    let (by, label) = match actor {
        Actor::Staff(id) => (Some(id), None),
        Actor::CommandLine => (None, Some("command_line")),
    };
    diesel::insert_into(staff_changes::table)
        .values((
            staff_changes::staff_id.eq(staff_id),
            staff_changes::changed_by.eq(by),
            staff_changes::by_label.eq(label),
            staff_changes::action.eq(action),
            staff_changes::detail.eq(detail),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The changes to an account, newest first.
pub fn changes_of(conn: &mut PgConnection, staff_id: i64) -> QueryResult<Vec<StaffChange>> {
    let doer = diesel::alias!(staff as doer);
    staff_changes::table
        .left_join(doer.on(staff_changes::changed_by.eq(doer.field(staff::id).nullable())))
        .filter(staff_changes::staff_id.eq(staff_id))
        .order((staff_changes::created_at.desc(), staff_changes::id.desc()))
        .select((
            staff_changes::action,
            staff_changes::detail,
            staff_changes::created_at,
            doer.field(staff::name).nullable(),
            staff_changes::by_label,
        ))
        .load(conn)
}

/// What an administrator grants: roles beyond `staff`, and the two flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Access {
    pub roles: Vec<Role>,
    pub salesperson: bool,
    pub limited: bool,
}

impl Access {
    pub fn of(s: &Staff) -> Access {
        Access {
            roles: s.roles(),
            salesperson: s.is_salesperson,
            limited: s.limited_to_own_customers,
        }
    }

    /// The codes stored for the roles (`staff` always among them).
    fn codes(&self) -> Vec<String> {
        role_codes(&self.roles)
    }

    fn has_admin(&self) -> bool {
        self.roles.contains(&Role::Admin)
    }

    /// Why this access cannot be granted, if it cannot: an administrator's powers reach every
    /// customer (the staff's accounts, including its own limit, API tokens and webhooks), so an
    /// account limited to its own customers is never one.
    pub fn refusal(&self) -> Option<Msg> {
        (self.limited && self.has_admin()).then(|| Msg::new("admin-staff-admin-not-limited"))
    }

    /// The access in codes, for the record (`Access::parse` reads it back, for the page to say
    /// it in the reader's language): "staff,admin;salesperson=yes;limited=no".
    pub fn code(&self) -> String {
        let yes = |b: bool| if b { "yes" } else { "no" };
        format!(
            "{};salesperson={};limited={}",
            self.codes().join(","),
            yes(self.salesperson),
            yes(self.limited)
        )
    }

    /// An access from its `code`, if it is one.
    pub fn parse(code: &str) -> Option<Access> {
        let mut parts = code.split(';');
        let roles = parts
            .next()?
            .split(',')
            .map(|r| r.parse::<Role>().ok())
            .collect::<Option<Vec<Role>>>()?;
        let flag = |part: Option<&str>, name: &str| match part?.strip_prefix(name)? {
            "=yes" => Some(true),
            "=no" => Some(false),
            _ => None,
        };
        let salesperson = flag(parts.next(), "salesperson")?;
        let limited = flag(parts.next(), "limited")?;
        Some(Access {
            roles,
            salesperson,
            limited,
        })
    }
}

/// An account locked for a change (or 404), with the ids of the active administrators, whose
/// rows are locked first and always in id order: two changes at once wait for each other
/// instead of deadlocking, and the second sees what the first left.
fn lock(conn: &mut PgConnection, id: i64) -> AppResult<(Staff, Vec<i64>)> {
    let admins: Vec<i64> = staff::table
        .filter(staff::active.eq(true))
        .filter(staff::password_hash.is_not_null())
        .filter(staff::roles.contains(vec![Some(Role::Admin.as_str().to_string())]))
        .order(staff::id)
        .for_update()
        .select(staff::id)
        .load(conn)?;
    let target = staff::table
        .find(id)
        .for_update()
        .select(Staff::as_select())
        .first(conn)?;
    Ok((target, admins))
}

/// Refuses (409) a change that takes `target` out of `admins` when it is the only one left.
fn keep_an_administrator(target: &Staff, admins: &[i64]) -> AppResult<()> {
    if admins == [target.id] {
        return Err(AppError::conflict_named(
            "refusal-staff-last-admin",
            &target.name,
        ));
    }
    Ok(())
}

/// Changes an account's roles and flags, in the caller's transaction. Sessions stay: every
/// staff request reads its account's row, so the new roles apply from the next page on.
pub fn change_access(
    conn: &mut PgConnection,
    id: i64,
    access: &Access,
    actor: Actor,
) -> AppResult<Staff> {
    if let Some(refusal) = access.refusal() {
        return Err(AppError::Conflict(refusal));
    }
    let (before, admins) = lock(conn, id)?;
    if !access.has_admin() {
        keep_an_administrator(&before, &admins)?;
    }
    let old = Access::of(&before);
    let after: Staff = diesel::update(staff::table.find(id))
        .set((
            staff::roles.eq(access.codes()),
            staff::is_salesperson.eq(access.salesperson),
            staff::limited_to_own_customers.eq(access.limited),
            staff::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Staff::as_returning())
        .get_result(conn)?;
    let new = Access::of(&after);
    if new != old {
        let detail = format!("{} → {}", old.code(), new.code());
        record(conn, id, actor, StaffChangeAction::RolesChanged, &detail)?;
    }
    Ok(after)
}

/// Deactivates (ending every session of the account at once) or reactivates an account, in the
/// caller's transaction; nobody deactivates the last administrator.
pub fn set_active(
    conn: &mut PgConnection,
    id: i64,
    active: bool,
    actor: Actor,
) -> AppResult<Staff> {
    let (before, admins) = lock(conn, id)?;
    if !active {
        keep_an_administrator(&before, &admins)?;
    }
    let after = Staff::set_active(conn, id, active)?;
    if before.active != active {
        let action = match active {
            true => StaffChangeAction::Reactivated,
            false => StaffChangeAction::Deactivated,
        };
        record(conn, id, actor, action, "")?;
    }
    Ok(after)
}

/// An administrator's invitation: the colleague's name, email and access.
#[derive(Clone, Debug, Default)]
pub struct Invitation {
    pub name: String,
    pub email: String,
    pub access: Access,
}

impl Invitation {
    /// The name and address, checked; messages beside the fields otherwise.
    fn checked(&self) -> Result<(String, EmailAddress), FormErrors> {
        let mut errors = FormErrors::new();
        let name = self.name.trim();
        let words = ("admin-staff-name-missing", "admin-staff-name-too-long");
        errors.require_text(("name", name), NAME_MAX, words);
        let email = EmailAddress::parse(&self.email).map_err(|m| errors.add("email", m));
        match (email, errors.is_empty()) {
            (Ok(email), true) => Ok((name.to_string(), email)),
            _ => Err(errors),
        }
    }
}

/// Adds an invited account (no password: it cannot sign in yet) and mails its invitation, in
/// the caller's transaction.
pub fn invite(
    conn: &mut PgConnection,
    invitation: &Invitation,
    by: i64,
    base_url: &str,
) -> Result<Staff, SaveError> {
    let (name, email) = invitation.checked().map_err(SaveError::Invalid)?;
    if let Some(refusal) = invitation.access.refusal() {
        return Err(SaveError::Invalid(FormErrors::one("roles", refusal)));
    }
    let taken = || {
        SaveError::Invalid(FormErrors::one(
            "email",
            Msg::new("admin-staff-email-taken"),
        ))
    };
    if Staff::find_by_email(conn, email.as_str())?.is_some() {
        return Err(taken());
    }
    let access = &invitation.access;
    let new = NewStaff::invited(email.as_str(), &name, &access.roles, access.salesperson);
    let added: Staff = diesel::insert_into(staff::table)
        .values((&new, staff::limited_to_own_customers.eq(access.limited)))
        .returning(Staff::as_returning())
        .get_result(conn)
        .map_err(|e| crate::models::unique_as(e, taken))?;
    send_invitation(conn, &added, by, base_url)?;
    record(
        conn,
        added.id,
        Actor::Staff(by),
        StaffChangeAction::Invited,
        &Access::of(&added).code(),
    )?;
    Ok(added)
}

/// The account as an email's recipient, in its language, else the vendor's.
fn recipient(conn: &mut PgConnection, s: &Staff) -> QueryResult<messages::Recipient> {
    Ok(messages::Recipient {
        name: Some(s.name.clone()),
        address: s.email.clone(),
        l: mail::reader(conn, s.language.as_deref(), s.time_zone.as_deref(), None)?,
    })
}

/// A fresh invitation link for an invited account (earlier ones die), mailed.
fn send_invitation(conn: &mut PgConnection, s: &Staff, by: i64, base_url: &str) -> AppResult<()> {
    let holder = Holder::Staff(s.id);
    token::use_up(conn, holder, &[TokenPurpose::Invitation])?;
    let lifetime = Duration::hours(INVITATION_HOURS);
    let link = token::issue(conn, holder, TokenPurpose::Invitation, lifetime, None)?;
    let invited_by = Staff::name_of(conn, by)?.unwrap_or_default();
    let to = recipient(conn, s)?;
    let roles = messages::Labels(s.roles().iter().map(Role::label_id).collect());
    let email = messages::staff_invitation(
        &to,
        messages::StaffInvitation {
            name: s.name.clone(),
            invited_by,
            roles,
            link: format!("{base_url}/login/invitation/{link}"),
            expires: Utc::now() + lifetime,
        },
    )?;
    mail::enqueue(conn, &[email])?;
    Ok(())
}

/// A password-reset link for an account that has a password, mailed.
fn send_reset(conn: &mut PgConnection, s: &Staff, base_url: &str) -> AppResult<()> {
    let lifetime = Duration::minutes(RESET_MINUTES);
    let link = token::issue(
        conn,
        Holder::Staff(s.id),
        TokenPurpose::PasswordReset,
        lifetime,
        None,
    )?;
    let to = recipient(conn, s)?;
    let email = messages::password_reset(
        &to,
        messages::PasswordReset {
            name: s.name.clone(),
            customer_id: None,
            link: format!("{base_url}/login/reset/{link}"),
            minutes: RESET_MINUTES,
        },
    )?;
    mail::enqueue(conn, &[email])?;
    Ok(())
}

/// An administrator's "send a link": a password-reset link, or for an account still invited a
/// new invitation (the old link dies). A deactivated account gets none (409).
pub fn send_link(
    conn: &mut PgConnection,
    id: i64,
    by: i64,
    base_url: &str,
) -> AppResult<(Staff, StaffChangeAction)> {
    let (s, _) = lock(conn, id)?;
    let action = match s.status() {
        super::staff::StaffStatus::Deactivated => {
            return Err(AppError::conflict_named(
                "refusal-staff-deactivated-link",
                &s.name,
            ));
        }
        super::staff::StaffStatus::Invited => {
            send_invitation(conn, &s, by, base_url)?;
            StaffChangeAction::Invited
        }
        super::staff::StaffStatus::Active => {
            send_reset(conn, &s, base_url)?;
            StaffChangeAction::ResetSent
        }
    };
    record(conn, id, Actor::Staff(by), action, "")?;
    Ok((s, action))
}

/// The "forgotten password" form: mails a reset link to an active account with a password and
/// this address, at most `token::RESETS_PER_HOUR` an hour (the portal's throttle). Says nothing
/// about whether there is one: the page answers the same either way.
pub fn request_password_reset(
    conn: &mut PgConnection,
    email: &str,
    base_url: &str,
) -> AppResult<bool> {
    let Some(s) = Staff::find_by_email(conn, email)? else {
        return Ok(false);
    };
    if s.status() != super::staff::StaffStatus::Active
        || !token::reset_allowed(conn, Holder::Staff(s.id))?
    {
        return Ok(false);
    }
    send_reset(conn, &s, base_url)?;
    record(
        conn,
        s.id,
        Actor::Staff(s.id),
        StaffChangeAction::ResetSent,
        "",
    )?;
    Ok(true)
}

/// The account a staff link (invitation or reset) belongs to, if the link still works and the
/// account is active (see `token::find` for `consume`).
pub fn check_link(
    conn: &mut PgConnection,
    link: &str,
    purpose: TokenPurpose,
    consume: bool,
) -> QueryResult<Option<Staff>> {
    let Some((Holder::Staff(id), _)) = token::find(conn, link, purpose, consume)? else {
        return Ok(None);
    };
    let s = Staff::find(conn, id)?;
    Ok(s.active.then_some(s))
}

/// Sets an account's password (through a link, or on the command line): its other links die,
/// every session of it ends, and the change is recorded.
pub fn set_password(
    conn: &mut PgConnection,
    id: i64,
    password_hash: &str,
    actor: Actor,
) -> QueryResult<()> {
    Staff::change_password(conn, id, password_hash)?;
    token::use_up(conn, Holder::Staff(id), &token::password_links())?;
    record(conn, id, actor, StaffChangeAction::PasswordSet, "")
}

/// `staff add` on the command line: an account with a password, recorded.
pub fn add(conn: &mut PgConnection, new: &NewStaff) -> QueryResult<Staff> {
    conn.transaction(|conn| {
        let added = new.insert(conn)?;
        let detail = Access::of(&added).code();
        record(
            conn,
            added.id,
            Actor::CommandLine,
            StaffChangeAction::Added,
            &detail,
        )?;
        Ok(added)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_access_reads_back_from_its_code_and_nothing_else_does() {
        let access = Access {
            roles: vec![Role::Staff, Role::DigitalAdmin],
            salesperson: true,
            limited: false,
        };
        assert_eq!(
            access.code(),
            "staff,digital_admin;salesperson=yes;limited=no"
        );
        assert_eq!(Access::parse(&access.code()), Some(access));
        for other in [
            "",
            "staff",
            "owner;salesperson=yes;limited=no",
            "staff;limited=no",
        ] {
            assert_eq!(Access::parse(other), None, "{other}");
        }
    }
}
