//! Single-use links, for customer users and staff accounts alike (one implementation for both):
//! invitations (choose a first password), password resets and the staff's view-as ticket. Only
//! a digest of a token is stored; the token itself exists in the email (or the redirect) alone.

use crate::{auth::store::key_hash, domain::token, schema::user_tokens, text_enum};
use chrono::{Duration, Utc};
use diesel::prelude::*;

/// How long an invitation link works (customer user or staff).
pub const INVITATION_HOURS: i64 = 72;
/// How long a password-reset link works (customer user or staff).
pub const RESET_MINUTES: i64 = 60;
/// How long the ticket that opens a staff member's view as a customer user works.
pub const VIEW_AS_SECONDS: i64 = 60;
/// The most password-reset links one account is sent in an hour (customer user or staff).
pub const RESETS_PER_HOUR: i64 = 3;

text_enum!(
    TokenPurpose {
        Invitation => ("invitation", "Invitation"),
        PasswordReset => ("password_reset", "Password reset"),
        ViewAs => ("view_as", "View as customer"),
    }
);

/// Whose link it is: a customer user's or a staff account's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    User(i64),
    Staff(i64),
}

impl Holder {
    /// The `user_id` and `staff_account_id` columns of the holder's links.
    fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            Holder::User(id) => (Some(id), None),
            Holder::Staff(id) => (None, Some(id)),
        }
    }
}

/// The holder's links, as a filterable query.
macro_rules! links_of {
    ($holder:expr) => {{
        let q = user_tokens::table.into_boxed();
        match $holder {
            Holder::User(id) => q.filter(user_tokens::user_id.eq(id)),
            Holder::Staff(id) => q.filter(user_tokens::staff_account_id.eq(id)),
        }
    }};
}

/// A new single-use token for `holder`; returns the token itself (only its digest is stored).
/// `staff_id` is who is looking, for a view-as ticket.
pub fn issue(
    conn: &mut PgConnection,
    holder: Holder,
    purpose: TokenPurpose,
    lifetime: Duration,
    staff_id: Option<i64>,
) -> QueryResult<String> {
    let token = token::random_hex(32);
    let (user_id, staff_account_id) = holder.columns();
    diesel::insert_into(user_tokens::table)
        .values((
            user_tokens::token_hash.eq(key_hash(&token)),
            user_tokens::user_id.eq(user_id),
            user_tokens::staff_account_id.eq(staff_account_id),
            user_tokens::purpose.eq(purpose),
            user_tokens::staff_id.eq(staff_id),
            user_tokens::expires_at.eq(Utc::now() + lifetime),
        ))
        .execute(conn)?;
    Ok(token)
}

/// A token that is still good (right purpose, unused, not expired): its holder, and who is
/// looking for a view-as ticket. With `consume`, locks it and marks it used, so of two uses at
/// once exactly one succeeds. The caller checks that the holder may still use it.
pub fn find(
    conn: &mut PgConnection,
    token: &str,
    purpose: TokenPurpose,
    consume: bool,
) -> QueryResult<Option<(Holder, Option<i64>)>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = key_hash(token);
    let query = user_tokens::table
        .filter(user_tokens::token_hash.eq(&hash))
        .filter(user_tokens::purpose.eq(purpose))
        .filter(user_tokens::used_at.is_null())
        .filter(user_tokens::expires_at.gt(diesel::dsl::now))
        .select((
            user_tokens::user_id,
            user_tokens::staff_account_id,
            user_tokens::staff_id,
        ));
    type Row = (Option<i64>, Option<i64>, Option<i64>);
    let found: Option<Row> = if consume {
        query.for_update().first(conn).optional()?
    } else {
        query.first(conn).optional()?
    };
    let holder = match found {
        Some((Some(user), _, looking)) => (Holder::User(user), looking),
        Some((None, Some(staff), looking)) => (Holder::Staff(staff), looking),
        _ => return Ok(None),
    };
    if consume {
        diesel::update(user_tokens::table.filter(user_tokens::token_hash.eq(&hash)))
            .set(user_tokens::used_at.eq(Some(Utc::now())))
            .execute(conn)?;
    }
    Ok(Some(holder))
}

/// Marks the holder's unused links for `purposes` used, so they stop working.
pub fn use_up(
    conn: &mut PgConnection,
    holder: Holder,
    purposes: &[TokenPurpose],
) -> QueryResult<usize> {
    let ids: Vec<Vec<u8>> = links_of!(holder)
        .filter(user_tokens::purpose.eq_any(purposes))
        .filter(user_tokens::used_at.is_null())
        .select(user_tokens::token_hash)
        .load(conn)?;
    diesel::update(user_tokens::table.filter(user_tokens::token_hash.eq_any(ids)))
        .set(user_tokens::used_at.eq(Some(Utc::now())))
        .execute(conn)
}

/// Every link but a view-as ticket: what dies when a password is set.
pub fn password_links() -> Vec<TokenPurpose> {
    TokenPurpose::ALL
        .iter()
        .copied()
        .filter(|p| *p != TokenPurpose::ViewAs)
        .collect()
}

/// Deletes every link of the holder (an account revoked).
pub fn delete_all(conn: &mut PgConnection, holder: Holder) -> QueryResult<usize> {
    let ids: Vec<Vec<u8>> = links_of!(holder)
        .select(user_tokens::token_hash)
        .load(conn)?;
    diesel::delete(user_tokens::table.filter(user_tokens::token_hash.eq_any(ids))).execute(conn)
}

/// Whether the holder may be sent another password-reset link: nobody's inbox can be flooded
/// from a forgotten-password form, a few links an hour, then silence.
pub fn reset_allowed(conn: &mut PgConnection, holder: Holder) -> QueryResult<bool> {
    let recent: i64 = links_of!(holder)
        .filter(user_tokens::purpose.eq(TokenPurpose::PasswordReset))
        .filter(user_tokens::created_at.gt(Utc::now() - Duration::hours(1)))
        .count()
        .get_result(conn)?;
    if recent >= RESETS_PER_HOUR {
        log::warn!("password reset for {holder:?} not sent: {recent} in the last hour");
        return Ok(false);
    }
    Ok(true)
}

/// When the holder's newest unused invitation runs out (or ran out).
pub fn invitation_expiry(
    conn: &mut PgConnection,
    holder: Holder,
) -> QueryResult<Option<chrono::DateTime<Utc>>> {
    links_of!(holder)
        .filter(user_tokens::purpose.eq(TokenPurpose::Invitation))
        .filter(user_tokens::used_at.is_null())
        .select(diesel::dsl::max(user_tokens::expires_at))
        .first(conn)
}
