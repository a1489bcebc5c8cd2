//! Customer users: the portal sign-in accounts of a customer's people, and their single-use
//! links. Staff invite a user by name and email; the user sets a password through the emailed
//! link (72 hours, once); staff can send a new link (the old one dies) or revoke the account.
//! No password is ever sent by email or shown to staff. Only digests of link tokens are stored.

use super::token::{self, Holder, INVITATION_HOURS, RESET_MINUTES, VIEW_AS_SECONDS};
pub use super::token::{RESETS_PER_HOUR, TokenPurpose};
use crate::models::{
    cached_sql::Kept,
    customers::customer::Customer,
    customers::history::{self, Author, Entity, FieldChange},
    lower,
};
use crate::{
    error::{AppError, AppResult},
    i18n::{L10n, Lang, Msg},
    mail::{self, messages},
    schema::{customer_users, sessions, user_tokens},
    text_enum,
};
use chrono::{DateTime, Duration, Utc};
use diesel::{
    prelude::*,
    sql_types::{BigInt, Nullable, Text},
};

text_enum!(
    UserStatus {
        Pending => ("pending", "Invited"),
        Active => ("active", "Active"),
        Revoked => ("revoked", "Revoked"),
    }
);

text_enum!(
    /// What a customer user is to its customer: `admin` manages its users, contacts and
    /// ship-to proposals and does everything else; `buyer` orders; `accounts` reads invoices and
    /// statements; `viewer` reads products and orders. See `may`.
    CustomerRole {
        Admin => ("admin", "Customer admin"),
        Buyer => ("buyer", "Buyer"),
        Accounts => ("accounts", "Accounts"),
        Viewer => ("viewer", "Viewer"),
    }
);

/// What a portal page asks of its user beyond reading products and orders (every role may).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ability {
    /// The cart, the checkout, ordering again.
    Order,
    /// Invoices and statements.
    Accounts,
    /// Requests to the vendor: asking for services, answering, seeing their outcome.
    Requests,
    /// The ship-to addresses, and proposing changes to them.
    ShipTo,
    /// The customer's users.
    ManageUsers,
    /// The customer's contacts and what each is notified of.
    Contacts,
}

impl CustomerRole {
    /// Whether this role may do `ability`: the one table of what each role may.
    pub fn may(self, ability: Ability) -> bool {
        use Ability as A;
        match self {
            CustomerRole::Admin => true,
            CustomerRole::Buyer => matches!(ability, A::Order | A::Requests | A::ShipTo),
            CustomerRole::Accounts => matches!(ability, A::Accounts | A::Requests),
            CustomerRole::Viewer => false,
        }
    }
}

/// Whether someone at the customer may `ability` in the portal: a user not revoked (active, or
/// invited and so soon) whose role allows it. A request's outcome links to the portal only then,
/// and only then can staff ask the customer a question there.
pub fn someone_may(
    conn: &mut PgConnection,
    customer_id: i64,
    ability: Ability,
) -> QueryResult<bool> {
    let roles: Vec<CustomerRole> = CustomerRole::ALL
        .iter()
        .copied()
        .filter(|r| r.may(ability))
        .collect();
    diesel::select(diesel::dsl::exists(
        customer_users::table
            .filter(customer_users::customer_id.eq(customer_id))
            .filter(customer_users::status.ne(UserStatus::Revoked))
            .filter(customer_users::role.eq_any(roles)),
    ))
    .get_result(conn)
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = customer_users, check_for_backend(diesel::pg::Pg))]
pub struct CustomerUser {
    pub id: i64,
    pub customer_id: i64,
    pub name: String,
    pub email: String,
    pub password_hash: Option<String>,
    pub status: UserStatus,
    pub password_changed_at: Option<DateTime<Utc>>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The language and time zone they chose on their account page (None: not chosen).
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub role: CustomerRole,
}

/// What staff see of a user's state: an invited user whose link has run out is `Expired`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShownStatus {
    Pending,
    Active,
    Revoked,
    Expired,
}

impl ShownStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            ShownStatus::Pending => "pending",
            ShownStatus::Active => "active",
            ShownStatus::Revoked => "revoked",
            ShownStatus::Expired => "expired",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            ShownStatus::Pending => "Invited",
            ShownStatus::Active => "Active",
            ShownStatus::Revoked => "Revoked",
            ShownStatus::Expired => "Invitation expired",
        }
    }

    /// The label's message id, for the reader's language.
    pub fn label_id(&self) -> &'static str {
        match self {
            ShownStatus::Pending => "UserStatus-pending",
            ShownStatus::Active => "UserStatus-active",
            ShownStatus::Revoked => "UserStatus-revoked",
            ShownStatus::Expired => "portal-user-status-expired",
        }
    }
}

/// A user as the customer's Users tab lists it.
#[derive(Clone, Debug)]
pub struct UserRow {
    pub user: CustomerUser,
    /// When the newest unused invitation runs out (or ran out).
    pub invitation_expires_at: Option<DateTime<Utc>>,
}

impl UserRow {
    pub fn status(&self) -> ShownStatus {
        match self.user.status {
            UserStatus::Active => ShownStatus::Active,
            UserStatus::Revoked => ShownStatus::Revoked,
            UserStatus::Pending => match self.invitation_expires_at {
                Some(t) if t > Utc::now() => ShownStatus::Pending,
                _ => ShownStatus::Expired,
            },
        }
    }
}

impl CustomerUser {
    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<CustomerUser> {
        customer_users::table
            .find(id)
            .select(CustomerUser::as_select())
            .first(conn)
    }

    /// A user of this customer (a user of another customer is not found).
    pub fn find_for_customer(
        conn: &mut PgConnection,
        customer_id: i64,
        id: i64,
    ) -> QueryResult<CustomerUser> {
        customer_users::table
            .find(id)
            .filter(customer_users::customer_id.eq(customer_id))
            .select(CustomerUser::as_select())
            .first(conn)
    }

    pub fn find_by_email(
        conn: &mut PgConnection,
        email: &str,
    ) -> QueryResult<Option<CustomerUser>> {
        customer_users::table
            .filter(lower(customer_users::email).eq(email.trim().to_lowercase()))
            .select(CustomerUser::as_select())
            .first(conn)
            .optional()
    }

    /// The customer's users, by name, with their invitations' expiry.
    pub fn for_customer(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Vec<UserRow>> {
        let users: Vec<CustomerUser> = customer_users::table
            .filter(customer_users::customer_id.eq(customer_id))
            .order((customer_users::name, customer_users::id))
            .select(CustomerUser::as_select())
            .load(conn)?;
        let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
        let expiries: Vec<(Option<i64>, Option<DateTime<Utc>>)> = user_tokens::table
            .filter(user_tokens::user_id.eq_any(&ids))
            .filter(user_tokens::purpose.eq(TokenPurpose::Invitation))
            .filter(user_tokens::used_at.is_null())
            .group_by(user_tokens::user_id)
            .select((
                user_tokens::user_id,
                diesel::dsl::max(user_tokens::expires_at),
            ))
            .load(conn)?;
        Ok(users
            .into_iter()
            .map(|user| UserRow {
                invitation_expires_at: expiries
                    .iter()
                    .find(|(id, _)| *id == Some(user.id))
                    .and_then(|(_, t)| *t),
                user,
            })
            .collect())
    }

    /// "Ann Buyer (customer user)": who did it, in the customer's history.
    pub fn actor_label(&self) -> String {
        format!("{} (customer user)", self.name)
    }

    /// This user as the author of a change, signed with `actor_label`.
    pub fn author(&self) -> Author {
        Author::User {
            id: self.id,
            label: self.actor_label(),
        }
    }

    pub fn may(&self, ability: Ability) -> bool {
        self.role.may(ability)
    }
}

/// A new single-use token for a user; returns the token itself (see `token::issue`).
pub fn issue_token(
    conn: &mut PgConnection,
    user_id: i64,
    purpose: TokenPurpose,
    lifetime: Duration,
    staff_id: Option<i64>,
) -> QueryResult<String> {
    token::issue(conn, Holder::User(user_id), purpose, lifetime, staff_id)
}

/// A token that is still good: right purpose, unused, not expired, its user not revoked.
#[derive(Clone, Debug)]
pub struct ValidToken {
    pub user: CustomerUser,
    pub staff_id: Option<i64>,
}

/// Looks a token up without using it (to show the form it opens). With `consume`, locks it and
/// marks it used, so of two uses at once exactly one succeeds (see `token::find`). A staff
/// account's link is no customer user's.
pub fn check_token(
    conn: &mut PgConnection,
    token: &str,
    purpose: TokenPurpose,
    consume: bool,
) -> QueryResult<Option<ValidToken>> {
    let Some((Holder::User(user_id), staff_id)) = token::find(conn, token, purpose, consume)?
    else {
        return Ok(None);
    };
    let user = CustomerUser::find(conn, user_id)?;
    if user.status == UserStatus::Revoked {
        return Ok(None);
    }
    Ok(Some(ValidToken { user, staff_id }))
}

/// Ends every portal session of a user (password set or changed, revoked, customer blocked),
/// except `keep` (the session that changed its own password).
pub fn end_sessions(
    conn: &mut PgConnection,
    user_id: i64,
    keep: Option<&[u8]>,
) -> QueryResult<usize> {
    let mine = sessions::table.filter(sessions::customer_user_id.eq(user_id));
    match keep {
        Some(hash) => diesel::delete(mine.filter(sessions::key_hash.ne(hash))).execute(conn),
        None => diesel::delete(mine).execute(conn),
    }
}

/// Ends the portal sessions of every user of a customer.
pub fn end_sessions_of_customer(conn: &mut PgConnection, customer_id: i64) -> QueryResult<usize> {
    let users = customer_users::table
        .filter(customer_users::customer_id.eq(customer_id))
        .select(customer_users::id.nullable());
    diesel::delete(sessions::table.filter(sessions::customer_user_id.eq_any(users))).execute(conn)
}

/// Sets a user's password (from an invitation, a reset or the account page): the user becomes
/// active, and every other session of theirs ends.
pub fn set_password(
    conn: &mut PgConnection,
    user_id: i64,
    password_hash: &str,
    keep_session: Option<&[u8]>,
) -> QueryResult<()> {
    diesel::update(customer_users::table.find(user_id))
        .set((
            customer_users::password_hash.eq(password_hash),
            customer_users::status.eq(UserStatus::Active),
            customer_users::password_changed_at.eq(Some(Utc::now())),
            customer_users::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    // Any other reset link dies with the change (every link but a view-as ticket).
    token::use_up(conn, Holder::User(user_id), &token::password_links())?;
    end_sessions(conn, user_id, keep_session)?;
    Ok(())
}

pub fn record_sign_in(conn: &mut PgConnection, user_id: i64) -> QueryResult<()> {
    diesel::update(customer_users::table.find(user_id))
        .set(customer_users::last_sign_in_at.eq(Some(Utc::now())))
        .execute(conn)
        .map(|_| ())
}

/// The columns that read `Fallbacks` for the customer `$customer` names (a parameter or a
/// column), with the vendor's settings joined as `v` ([`vendor_join!`]).
macro_rules! fallback_columns {
    ($customer:literal) => {
        concat!(
            "(SELECT c.language FROM customers c WHERE c.id = ",
            $customer,
            ") AS own,
             (SELECT a.country FROM customer_addresses a WHERE a.customer_id = ",
            $customer,
            " ORDER BY a.is_default_billing DESC, a.is_primary DESC, a.id LIMIT 1) AS country,
             v.default_locale AS vendor_locale, v.time_zone AS vendor_zone"
        )
    };
}

/// The vendor's settings, as [`fallback_columns!`] reads them.
macro_rules! vendor_join {
    () => {
        " LEFT JOIN LATERAL (SELECT default_locale, time_zone FROM vendor_settings LIMIT 1) v
            ON true"
    };
}

/// What a reader's choice falls back on, read in one statement: the customer's language, its
/// billing country, and the vendor's locale and time zone.
#[derive(QueryableByName)]
struct Fallbacks {
    #[diesel(sql_type = Nullable<Text>)]
    own: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    country: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    vendor_locale: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    vendor_zone: Option<String>,
}

impl Fallbacks {
    fn of(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Fallbacks> {
        Kept(
            diesel::sql_query(concat!(
                "SELECT ",
                fallback_columns!("$1"),
                " FROM (SELECT 1) one",
                vendor_join!()
            ))
            .bind::<BigInt, _>(customer_id),
        )
        .get_result(conn)
    }

    /// The customer's own language, else the one of its country (the default billing
    /// address's, else the primary one's, else the first address's), if the portal speaks it.
    fn language(&self) -> Option<Lang> {
        self.own
            .as_deref()
            .and_then(Lang::parse)
            .or_else(|| self.country.as_deref().and_then(Lang::of_country))
    }
}

/// The language a customer is written to in when its people chose none: the customer's own,
/// else the one of its country, if the portal speaks it.
pub fn customer_language(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Option<Lang>> {
    Ok(Fallbacks::of(conn, customer_id)?.language())
}

/// The language and time zone to write to someone of customer `customer_id` in: what they
/// chose (`language`, `time_zone`), else the customer's language (`customer_language`), else
/// the vendor's (as `mail::reader`), all read in one statement.
pub fn reader_for(
    conn: &mut PgConnection,
    language: Option<&str>,
    time_zone: Option<&str>,
    customer_id: i64,
) -> QueryResult<L10n> {
    let known = Fallbacks::of(conn, customer_id)?;
    Ok(mail::reader_of(
        (language, time_zone, known.language()),
        (known.vendor_locale.as_deref(), known.vendor_zone.as_deref()),
    ))
}

/// The user as an email's recipient, in their language and time zone.
pub fn recipient(conn: &mut PgConnection, user: &CustomerUser) -> QueryResult<messages::Recipient> {
    Ok(messages::Recipient {
        name: Some(user.name.clone()),
        address: user.email.clone(),
        l: reader_for(
            conn,
            user.language.as_deref(),
            user.time_zone.as_deref(),
            user.customer_id,
        )?,
    })
}

/// The user who placed order `order_id` in the portal as an email's recipient (in their
/// language and time zone), unless their access was revoked; one statement.
pub fn placed_order(
    conn: &mut PgConnection,
    order_id: i64,
) -> QueryResult<Option<messages::Recipient>> {
    #[derive(QueryableByName)]
    struct Placer {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Text)]
        email: String,
        #[diesel(sql_type = Nullable<Text>)]
        language: Option<String>,
        #[diesel(sql_type = Nullable<Text>)]
        time_zone: Option<String>,
        #[diesel(embed)]
        known: Fallbacks,
    }
    let placer: Option<Placer> = Kept(
        diesel::sql_query(concat!(
            "SELECT u.name, u.email, u.language, u.time_zone, ",
            fallback_columns!("u.customer_id"),
            " FROM orders o JOIN customer_users u ON u.id = o.placed_by_user_id",
            vendor_join!(),
            " WHERE o.id = $1 AND u.status <> 'revoked'"
        ))
        .bind::<BigInt, _>(order_id),
    )
    .get_result(conn)
    .optional()?;
    Ok(placer.map(|p| messages::Recipient {
        l: mail::reader_of(
            (
                p.language.as_deref(),
                p.time_zone.as_deref(),
                p.known.language(),
            ),
            (
                p.known.vendor_locale.as_deref(),
                p.known.vendor_zone.as_deref(),
            ),
        ),
        name: Some(p.name),
        address: p.email,
    }))
}

/// Saves the language and time zone a user chose on their account page (None: automatic).
pub fn set_preferences(
    conn: &mut PgConnection,
    user_id: i64,
    chosen: &crate::i18n::Choice,
) -> QueryResult<()> {
    diesel::update(customer_users::table.find(user_id))
        .set((
            customer_users::language.eq(&chosen.language),
            customer_users::time_zone.eq(&chosen.time_zone),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Writes `by`'s `action` on one of the customer's users into the customer's history.
fn record_user(
    conn: &mut PgConnection,
    (customer, by): (&Customer, &Author),
    user_id: i64,
    action: &str,
    changes: &[FieldChange],
) -> QueryResult<()> {
    history::record_by(
        conn,
        customer,
        by,
        (Entity::User, Some(user_id)),
        action,
        changes,
    )
}

/// A fresh invitation for `user`: earlier unused invitation links die, a new one is mailed, and
/// the customer's history says so with `changes`.
fn send_invitation(
    conn: &mut PgConnection,
    user: &CustomerUser,
    (customer, by): (&Customer, &Author),
    base_url: &str,
    changes: &[FieldChange],
) -> AppResult<()> {
    token::use_up(conn, Holder::User(user.id), &[TokenPurpose::Invitation])?;
    let lifetime = Duration::hours(INVITATION_HOURS);
    let token = issue_token(conn, user.id, TokenPurpose::Invitation, lifetime, None)?;
    let expires = Utc::now() + lifetime;
    let to = recipient(conn, user)?;
    let email = messages::invitation(
        &to,
        messages::Invitation {
            name: user.name.clone(),
            customer: customer.display_name().to_string(),
            customer_id: customer.id,
            invited_by: by.name(conn)?,
            link: format!("{base_url}/portal/invitation/{token}"),
            expires,
        },
    )?;
    mail::enqueue(conn, &[email])?;
    record_user(conn, (customer, by), user.id, "invite", changes)?;
    Ok(())
}

/// A new invitation for a user who has one already (the old link dies), in the history.
fn invite_again(
    conn: &mut PgConnection,
    user: &CustomerUser,
    by: (&Customer, &Author),
    base_url: &str,
) -> AppResult<()> {
    let again = FieldChange {
        field: "Invitation sent again to",
        old: None,
        new: Some(user.email.clone()),
    };
    send_invitation(conn, user, by, base_url, &[again])
}

/// Who is invited: a name, an address, and the role they are to have.
#[derive(Clone, Copy, Debug)]
pub struct Invitee<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub role: CustomerRole,
}

/// Adds a user to a customer as a buyer (its admin when it has none) and mails the invitation,
/// in the caller's transaction: `invite_as` with the role staff give when they choose none.
pub fn invite(
    conn: &mut PgConnection,
    customer_id: i64,
    name: &str,
    email: &str,
    by: impl Into<Author>,
    base_url: &str,
) -> AppResult<CustomerUser> {
    let role = CustomerRole::Buyer;
    let invitee = Invitee { name, email, role };
    invite_as(conn, customer_id, invitee, &by.into(), base_url)
}

/// Adds a user to a customer and mails the invitation, in the caller's transaction. A customer
/// that has no admin (none invited or active) gets the invitee as its admin, whatever role was
/// asked for: every customer's first user manages the others.
pub fn invite_as(
    conn: &mut PgConnection,
    customer_id: i64,
    invitee: Invitee<'_>,
    by: &Author,
    base_url: &str,
) -> AppResult<CustomerUser> {
    let customer = Customer::lock(conn, customer_id)?;
    let taken = || AppError::Conflict(Msg::new("refusal-user-email-taken"));
    if CustomerUser::find_by_email(conn, invitee.email)?.is_some() {
        return Err(taken());
    }
    let role = if admins(conn, customer.id, None, false)? == 0 {
        CustomerRole::Admin
    } else {
        invitee.role
    };
    // The unique index decides between two invitations of one address made at once.
    let user: CustomerUser = diesel::insert_into(customer_users::table)
        .values((
            customer_users::customer_id.eq(customer.id),
            customer_users::name.eq(invitee.name),
            customer_users::email.eq(invitee.email),
            customer_users::role.eq(role),
            customer_users::created_by.eq(by.staff_id()),
        ))
        .returning(CustomerUser::as_returning())
        .get_result(conn)
        .map_err(|e| crate::models::unique_as(e, taken))?;
    let created = |field, new: &str| FieldChange {
        field,
        old: None,
        new: Some(new.to_string()),
    };
    let changes = [
        created("Name", &user.name),
        created("Email", &user.email),
        created("Role", role.label()),
    ];
    send_invitation(conn, &user, (&customer, by), base_url, &changes)?;
    Ok(user)
}

/// How many of the customer's users are admins, other than `except`: active ones only when
/// `active_only`, else invited ones too (revoked users never count).
fn admins(
    conn: &mut PgConnection,
    customer_id: i64,
    except: Option<i64>,
    active_only: bool,
) -> QueryResult<i64> {
    let mut query = customer_users::table
        .filter(customer_users::customer_id.eq(customer_id))
        .filter(customer_users::role.eq(CustomerRole::Admin))
        .filter(customer_users::status.ne(UserStatus::Revoked))
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(customer_users::id.ne(id));
    }
    if active_only {
        query = query.filter(customer_users::status.eq(UserStatus::Active));
    }
    query.count().get_result(conn)
}

/// Refuses to take `user` out of the customer's admins when it is the last one (no other
/// active admin would be left): a customer is never left without someone to manage it.
fn keep_last_admin(conn: &mut PgConnection, user: &CustomerUser) -> AppResult<()> {
    let is_admin = user.role == CustomerRole::Admin && user.status != UserStatus::Revoked;
    if is_admin && admins(conn, user.customer_id, Some(user.id), true)? == 0 {
        return Err(AppError::conflict_named(
            "refusal-user-last-admin",
            &user.name,
        ));
    }
    Ok(())
}

/// Gives one of the customer's users another role, in the caller's transaction and the
/// customer's history. The last active admin keeps its role (whoever asks); a revoked user has
/// none to change.
pub fn set_role(
    conn: &mut PgConnection,
    customer_id: i64,
    user_id: i64,
    role: CustomerRole,
    by: &Author,
) -> AppResult<CustomerUser> {
    let (customer, user) = customer_and_user(
        conn,
        (customer_id, user_id),
        UserStatus::Revoked,
        "refusal-user-revoked-role",
    )?;
    if user.role == role {
        return Ok(user);
    }
    if role != CustomerRole::Admin {
        keep_last_admin(conn, &user)?;
    }
    let changed: CustomerUser = diesel::update(customer_users::table.find(user.id))
        .set((
            customer_users::role.eq(role),
            customer_users::updated_at.eq(diesel::dsl::now),
        ))
        .returning(CustomerUser::as_returning())
        .get_result(conn)?;
    let change = FieldChange {
        field: "Role",
        old: Some(user.role.label().to_string()),
        new: Some(role.label().to_string()),
    };
    record_user(conn, (&customer, by), user.id, "update", &[change])?;
    Ok(changed)
}

/// The customer (locked) and one of its users, unless the user already stands at `refused`:
/// then a 409 with the message `refusal`, naming the user.
fn customer_and_user(
    conn: &mut PgConnection,
    (customer_id, user_id): (i64, i64),
    refused: UserStatus,
    refusal: &'static str,
) -> AppResult<(Customer, CustomerUser)> {
    let customer = Customer::lock(conn, customer_id)?;
    let user = CustomerUser::find_for_customer(conn, customer_id, user_id)?;
    if user.status == refused {
        return Err(AppError::conflict_named(refusal, &user.name));
    }
    Ok((customer, user))
}

/// A user's new status; `password_hash` is left alone when None, else set (to NULL by
/// `Some(None)`).
#[derive(AsChangeset)]
#[diesel(table_name = customer_users)]
struct StatusChange {
    status: UserStatus,
    password_hash: Option<Option<String>>,
}

/// Moves a user to `status` (see `StatusChange` for the password).
fn set_status(
    conn: &mut PgConnection,
    user_id: i64,
    status: UserStatus,
    password_hash: Option<Option<String>>,
) -> QueryResult<CustomerUser> {
    diesel::update(customer_users::table.find(user_id))
        .set((
            StatusChange {
                status,
                password_hash,
            },
            customer_users::updated_at.eq(diesel::dsl::now),
        ))
        .returning(CustomerUser::as_returning())
        .get_result(conn)
}

/// Sends a user a new invitation (the old link dies). A revoked user is invited afresh (without
/// the old password); an active one needs none: they can reset their password.
pub fn resend(
    conn: &mut PgConnection,
    customer_id: i64,
    user_id: i64,
    by: &Author,
    base_url: &str,
) -> AppResult<CustomerUser> {
    let (customer, user) = customer_and_user(
        conn,
        (customer_id, user_id),
        UserStatus::Active,
        "refusal-user-has-password",
    )?;
    let user = set_status(conn, user.id, UserStatus::Pending, Some(None))?;
    invite_again(conn, &user, (&customer, by), base_url)?;
    Ok(user)
}

/// Revokes a user: no sign-in, no links, every session ended. A customer's own admin cannot
/// revoke its last active admin; staff can (ending the customer's access: the next user they
/// invite becomes its admin).
pub fn revoke(
    conn: &mut PgConnection,
    customer_id: i64,
    user_id: i64,
    by: &Author,
) -> AppResult<CustomerUser> {
    let (customer, user) = customer_and_user(
        conn,
        (customer_id, user_id),
        UserStatus::Revoked,
        "refusal-user-already-revoked",
    )?;
    if by.staff_id().is_none() {
        keep_last_admin(conn, &user)?;
    }
    let revoked = set_status(conn, user.id, UserStatus::Revoked, None)?;
    token::delete_all(conn, Holder::User(user.id))?;
    end_sessions(conn, user.id, None)?;
    record_user(
        conn,
        (&customer, by),
        user.id,
        "revoke",
        &[FieldChange {
            field: "Status",
            old: Some(user.status.label().to_string()),
            new: Some(UserStatus::Revoked.label().to_string()),
        }],
    )?;
    Ok(revoked)
}

/// A staff member's read-only view of the portal as user `user_id`, in the caller's
/// transaction: recorded in the customer's history, and opened by the one-minute, single-use
/// ticket this returns. A revoked user has no portal to view.
pub fn view_as(
    conn: &mut PgConnection,
    customer_id: i64,
    user_id: i64,
    staff_id: i64,
) -> AppResult<String> {
    let customer = Customer::find(conn, customer_id)?;
    let user = CustomerUser::find_for_customer(conn, customer_id, user_id)?;
    if user.status == UserStatus::Revoked {
        return Err(AppError::conflict_named(
            "refusal-user-revoked-view-as",
            &user.name,
        ));
    }
    record_user(
        conn,
        (&customer, &Author::Staff(staff_id)),
        user.id,
        "view_as",
        &[FieldChange {
            field: "Viewed the portal as",
            old: None,
            new: Some(format!("{} <{}>", user.name, user.email)),
        }],
    )?;
    Ok(issue_token(
        conn,
        user.id,
        TokenPurpose::ViewAs,
        Duration::seconds(VIEW_AS_SECONDS),
        Some(staff_id),
    )?)
}

/// How many users have no password yet (invited; revoked users do not count).
pub fn count_without_password(conn: &mut PgConnection) -> QueryResult<i64> {
    customer_users::table
        .filter(customer_users::password_hash.is_null())
        .filter(customer_users::status.eq(UserStatus::Pending))
        .count()
        .get_result(conn)
}

/// The maintenance action: a fresh invitation for every user without a password (invited,
/// whether or not the invitation has run out; revoked users are left alone). Returns how many.
pub fn invite_all_without_password(
    conn: &mut PgConnection,
    staff_id: i64,
    base_url: &str,
) -> AppResult<usize> {
    let users: Vec<CustomerUser> = customer_users::table
        .filter(customer_users::password_hash.is_null())
        .filter(customer_users::status.eq(UserStatus::Pending))
        .order(customer_users::id)
        .select(CustomerUser::as_select())
        .load(conn)?;
    let customer_ids: Vec<i64> = users.iter().map(|u| u.customer_id).collect();
    let customers = Customer::find_many(conn, &customer_ids)?;
    for user in &users {
        let customer = customers
            .iter()
            .find(|c| c.id == user.customer_id)
            .ok_or(AppError::NotFound)?;
        invite_again(conn, user, (customer, &Author::Staff(staff_id)), base_url)?;
    }
    Ok(users.len())
}

/// Mails a password-reset link to an active user with this address. Says nothing about
/// whether there is one: the page answers the same either way.
pub fn request_password_reset(
    conn: &mut PgConnection,
    email: &str,
    base_url: &str,
) -> AppResult<bool> {
    let Some(user) = CustomerUser::find_by_email(conn, email)? else {
        return Ok(false);
    };
    if user.status != UserStatus::Active {
        return Ok(false);
    }
    if !token::reset_allowed(conn, Holder::User(user.id))? {
        return Ok(false);
    }
    let token = issue_token(
        conn,
        user.id,
        TokenPurpose::PasswordReset,
        Duration::minutes(RESET_MINUTES),
        None,
    )?;
    let to = recipient(conn, &user)?;
    let email = messages::password_reset(
        &to,
        messages::PasswordReset {
            name: user.name.clone(),
            customer_id: Some(user.customer_id),
            link: format!("{base_url}/portal/password/reset/{token}"),
            minutes: RESET_MINUTES,
        },
    )?;
    mail::enqueue(conn, &[email])?;
    Ok(true)
}
