//! Ship-to address proposals: a customer user proposes a change to one of its customer's
//! ship-to addresses (or a new one); the proposal is a request of kind `ship_to` in the approval
//! queue, beside the requests for services, so it is routed, listed, counted, scoped and decided
//! as they are. Approving applies it through the addresses' own skeleton (`sub_record`: its
//! rules, its flags, its history, signed by the deciding staff member); rejecting leaves the
//! address as it is. The proposal itself is in the customer's history, signed as the user.

use crate::models::{
    approvals::approval::Request,
    customers::address::{Address, AddressFields, AddressInput, AddressLines},
    customers::customer::Customer,
    customers::history::{self, Author, Entity, FieldChange},
    customers::sub_record::{self, Rows, SubRecord},
};
use crate::{
    domain::forms::{FormErrors, SaveError},
    domain::{AddressKind, CustomerId, RequestKind},
    error::{AppError, AppResult},
    i18n::Msg,
    schema::{requests, ship_to_proposals},
};
use diesel::prelude::*;

/// What a proposal says: the address it changes (none for a new one) and its lines.
#[derive(Clone, Debug, Queryable)]
pub struct Proposal {
    pub request_id: i64,
    pub address_id: Option<i64>,
    pub new_address: bool,
    pub lines: AddressLines,
}

impl Proposal {
    /// The address as it would be: `now`'s kind and flags (a new one: a plain ship-to address),
    /// the proposal's lines.
    pub fn fields(&self, now: Option<&Address>) -> AddressFields {
        proposed(now, &self.lines.in_fields(AddressFields::default()))
    }

    /// "line1, line2, postcode city, region, country", as an address says it.
    pub fn one_line(&self, now: Option<&Address>) -> String {
        Address::read(&self.fields(now)).one_line()
    }

    /// The proposal of request `request_id`, if it is one.
    pub fn of(conn: &mut PgConnection, request_id: i64) -> QueryResult<Option<Proposal>> {
        use ship_to_proposals as p;
        let lines = (
            p::label,
            p::line1,
            p::line2,
            p::city,
            p::region,
            p::postcode,
            p::country,
            p::phone,
        );
        p::table
            .find(request_id)
            .select((p::request_id, p::address_id, p::new_address, lines))
            .first(conn)
            .optional()
    }
}

/// The address a proposal of `lines` (an address form's lines) would make: a ship-to address
/// with `now`'s flags (a new one: none).
pub fn proposed(now: Option<&Address>, lines: &AddressFields) -> AddressFields {
    let base = now.map(AddressFields::from).unwrap_or_default();
    AddressFields {
        kind: AddressKind::Shipping.as_str().to_string(),
        is_primary: base.is_primary,
        is_default_billing: base.is_default_billing,
        is_default_shipping: base.is_default_shipping,
        ..lines.clone()
    }
}

/// The ship-to address `id` of the customer (another customer's, or a billing address, is not
/// found).
pub fn ship_to_of(conn: &mut PgConnection, customer_id: i64, id: i64) -> AppResult<Address> {
    let address = Address::find(conn, CustomerId(customer_id), id)?;
    if address.kind != AddressKind::Shipping {
        return Err(AppError::NotFound);
    }
    Ok(address)
}

/// Reads a proposal's form: the address as it would be (its kind and flags as they are), or
/// the messages beside the fields.
pub fn read(fields: &AddressFields) -> Result<AddressInput, FormErrors> {
    Address::parse(fields, ())
}

/// Records a user's proposal for the customer's ship-to address `address_id` (None: a new one)
/// as a request in the approval queue, routed to the customer's salesperson, in the caller's
/// transaction and the customer's history (signed as the user).
pub fn propose(
    conn: &mut PgConnection,
    customer_id: i64,
    address_id: Option<i64>,
    input: &AddressInput,
    (user_id, by): (i64, &Author),
) -> AppResult<Request> {
    let customer = Customer::lock(conn, customer_id)?;
    let now = match address_id {
        Some(id) => Some(ship_to_of(conn, customer.id, id)?),
        None => None,
    };
    let request: Request = diesel::insert_into(requests::table)
        .values((
            requests::customer_id.eq(customer.id),
            requests::kind.eq(RequestKind::ShipTo),
            requests::services.eq(Vec::<Option<String>>::new()),
            requests::salesperson_id.eq(customer.salesperson_id),
            requests::requested_by_user_id.eq(user_id),
        ))
        .returning(Request::as_returning())
        .get_result(conn)?;
    use ship_to_proposals as p;
    let l = &input.lines;
    diesel::insert_into(p::table)
        .values((
            p::request_id.eq(request.id),
            p::address_id.eq(address_id),
            p::new_address.eq(address_id.is_none()),
            p::label.eq(&l.label),
            p::line1.eq(&l.line1),
            p::line2.eq(&l.line2),
            p::city.eq(&l.city),
            p::region.eq(&l.region),
            p::postcode.eq(&l.postcode),
            p::country.eq(&l.country),
            p::phone.eq(&l.phone),
        ))
        .execute(conn)?;
    let change = FieldChange {
        field: "Ship-to address",
        old: now.as_ref().map(|a| a.one_line()),
        new: Some(input.one_line()),
    };
    let entity = (Entity::Request, Some(request.id));
    history::record_by(conn, &customer, by, entity, "create", &[change])?;
    Ok(request)
}

/// Applies an approved proposal: the address changes (or is added) through the addresses'
/// skeleton, as the deciding staff member. An address deleted meanwhile cannot be changed.
pub fn apply(conn: &mut PgConnection, request: &Request, staff_id: i64) -> AppResult<()> {
    let proposal = Proposal::of(conn, request.id)?.ok_or(AppError::NotFound)?;
    let customer_id = request.customer_id;
    let invalid = |_| AppError::Conflict(Msg::new("refusal-ship-to-proposal-invalid"));
    match (proposal.new_address, proposal.address_id) {
        (true, _) => {
            let input = read(&proposal.fields(None)).map_err(invalid)?;
            sub_record::create(conn, customer_id, staff_id, input).map_err(failed)?;
        }
        (false, Some(id)) => {
            let now = ship_to_of(conn, customer_id, id)?;
            let fields = proposal.fields(Some(&now));
            let version = now.lock_version();
            sub_record::update::<Address>(
                conn,
                CustomerId(customer_id),
                id,
                staff_id,
                version,
                &fields,
            )
            .map_err(failed)?;
        }
        (false, None) => {
            return Err(AppError::Conflict(Msg::new("refusal-ship-to-address-gone")));
        }
    }
    Ok(())
}

/// A save of the proposal that did not go through, as the decision's refusal.
fn failed<S>(e: SaveError<S>) -> AppError {
    match e {
        SaveError::Failed(e) => e,
        SaveError::Invalid(_) | SaveError::Stale(_) => {
            AppError::Conflict(Msg::new("refusal-ship-to-proposal-invalid"))
        }
    }
}
