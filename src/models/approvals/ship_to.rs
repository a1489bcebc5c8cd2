//! Ship-to address proposals: a customer user proposes a change to one of its customer's
//! ship-to addresses (or a new one); the proposal is a request of kind `ship_to` in the approval
//! queue, beside the requests for services, so it is routed, listed, counted, scoped and decided
//! as they are. Approving applies it through the addresses' own skeleton (`sub_record`: its
//! rules, its flags, its history, signed by the deciding staff member); rejecting leaves the
//! address as it is. The proposal itself is in the customer's history, signed as the user.

use crate::models::{
    approvals::approval::Request,
    customers::address::{Address, AddressFields, AddressInput},
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
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = ship_to_proposals, check_for_backend(diesel::pg::Pg))]
pub struct Proposal {
    pub request_id: i64,
    pub address_id: Option<i64>,
    pub new_address: bool,
    pub label: Option<String>,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postcode: Option<String>,
    pub country: String,
    pub phone: Option<String>,
}

/// The proposal's lines as `ship_to_proposals` stores them.
#[derive(Insertable)]
#[diesel(table_name = ship_to_proposals)]
struct ProposalRow<'a> {
    request_id: i64,
    address_id: Option<i64>,
    new_address: bool,
    label: Option<&'a str>,
    line1: &'a str,
    line2: Option<&'a str>,
    city: &'a str,
    region: Option<&'a str>,
    postcode: Option<&'a str>,
    country: &'a str,
    phone: Option<&'a str>,
}

impl Proposal {
    /// The address as it would be: `now`'s kind and flags (a new one: a plain ship-to address),
    /// the proposal's lines.
    pub fn fields(&self, now: Option<&Address>) -> AddressFields {
        let base = now.map(AddressFields::from).unwrap_or_default();
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        AddressFields {
            kind: AddressKind::Shipping.as_str().to_string(),
            label: text(&self.label),
            line1: self.line1.clone(),
            line2: text(&self.line2),
            city: self.city.clone(),
            region: text(&self.region),
            postcode: text(&self.postcode),
            country: self.country.clone(),
            phone: text(&self.phone),
            ..base
        }
    }

    /// "line1, line2, postcode city, region, country", as an address says it.
    pub fn one_line(&self, now: Option<&Address>) -> String {
        let input = Address::read(&self.fields(now));
        address_line(&input)
    }

    /// The proposal of request `request_id`, if it is one.
    pub fn of(conn: &mut PgConnection, request_id: i64) -> QueryResult<Option<Proposal>> {
        ship_to_proposals::table
            .find(request_id)
            .select(Proposal::as_select())
            .first(conn)
            .optional()
    }
}

fn address_line(input: &AddressInput) -> String {
    [
        Some(input.line1.clone()),
        input.line2.clone(),
        Some(
            [
                input.postcode.clone().unwrap_or_default(),
                input.city.clone(),
            ]
            .join(" ")
            .trim()
            .to_string(),
        ),
        input.region.clone(),
        Some(input.country.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join(", ")
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
    diesel::insert_into(ship_to_proposals::table)
        .values(ProposalRow {
            request_id: request.id,
            address_id,
            new_address: address_id.is_none(),
            label: input.label.as_deref(),
            line1: &input.line1,
            line2: input.line2.as_deref(),
            city: &input.city,
            region: input.region.as_deref(),
            postcode: input.postcode.as_deref(),
            country: &input.country,
            phone: input.phone.as_deref(),
        })
        .execute(conn)?;
    let change = FieldChange {
        field: "Ship-to address",
        old: now.as_ref().map(Address::one_line),
        new: Some(address_line(input)),
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
