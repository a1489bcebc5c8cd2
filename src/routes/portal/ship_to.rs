//! The portal's ship-to locations: the shipping addresses of every customer the user may see,
//! as a page and as a CSV download made like the staff one (formula-safe, RFC 4180 quoting);
//! and proposals to change one of the user's own customer's ship-to addresses, or to add one,
//! which wait for the vendor's approval in its approval queue (`models::approvals::ship_to`).

use crate::routes::prelude::*;
use crate::{
    models::{
        approvals::{announcements, ship_to},
        customers::address::{Address, AddressFields},
        customers::history::Author,
        portal,
    },
    routes::respond::csv,
};
use diesel::PgConnection;

/// The ship-to addresses in scope, the user's own customer's first (the scope's order).
async fn load(desk: &PortalDesk) -> AppResult<Vec<Address>> {
    let order = desk.who.scope.ids();
    let mut rows = desk
        .in_scope(|conn, scope| Ok(portal::ship_to(conn, scope)?))
        .await?;
    rows.sort_by_key(|a| order.iter().position(|id| *id == a.customer_id));
    Ok(rows)
}

#[derive(Template)]
#[template(path = "portal/ship_to.html")]
pub struct ShipToPage {
    layout: PortalLayout,
    addresses: Vec<Address>,
    /// The user's own customer: its addresses can be proposed changes to.
    own_customer: i64,
}

pub async fn index(desk: PortalDesk) -> Reply {
    let addresses = load(&desk).await?;
    let own_customer = desk.who.customer.id;
    desk.show(Msg::new("portal-ship-to-title"), "ship-to", |layout| {
        ShipToPage {
            layout,
            addresses,
            own_customer,
        }
    })
}

pub async fn csv(desk: PortalDesk) -> Reply {
    let rows = load(&desk).await?;
    let name = desk.who.customer.account_or_id();
    Ok(csv::download(
        &csv::file_name(&format!("ship-to-{name}.csv")),
        csv_text(&csv::Sheet::for_reader(&desk.layout()?.l), &desk.who, &rows),
    ))
}

pub const CSV_HEADER: &str = "id,customer_account_number,customer_name,label,line1,line2,postcode,city,region,country,phone,default_shipping";

/// The byte-order mark and a header row, then one row per address; CR LF line ends; typed
/// text guarded against formulas, phones keeping their `+` (see `routes::respond::csv`).
pub fn csv_text(sheet: &csv::Sheet, portal: &Portal, rows: &[Address]) -> String {
    use csv::Cell::{Phone, Text, Value};
    let mut out = sheet.header("portal-ship-to", &CSV_HEADER.split(',').collect::<Vec<_>>());
    for a in rows {
        let customer = portal
            .scope
            .customers()
            .iter()
            .find(|c| c.id == a.customer_id);
        let account_number = customer
            .and_then(|c| c.account_number.clone())
            .unwrap_or_default();
        let customer_name = customer.map(|c| c.name.clone()).unwrap_or_default();
        let t = a.text();
        out.push_str(&sheet.line(&[
            Value(&a.id.to_string()),
            Text(&account_number),
            Text(&customer_name),
            Text(t.label),
            Text(t.line1),
            Text(t.line2),
            Text(t.postcode),
            Text(t.city),
            Text(t.region),
            Value(t.country),
            Phone(t.phone),
            Value(if a.is_default_shipping { "yes" } else { "no" }),
        ]));
    }
    out
}

/// The proposal form: the address it changes (empty: a new one) and its lines, as the address
/// form's fields (its kind and flags are neither sent nor taken: see `ship_to::proposed`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProposalForm {
    address: String,
    #[serde(flatten)]
    lines: AddressFields,
}

impl ProposalForm {
    /// The address it changes; a form no page sends (not a number) is a 400.
    fn address_id(&self) -> AppResult<Option<i64>> {
        match self.address.trim() {
            "" => Ok(None),
            id => id.parse().map(Some).map_err(|_| respond::unreadable()),
        }
    }

    /// The form showing `now` (blank for a new address).
    fn of(now: Option<&Address>) -> ProposalForm {
        ProposalForm {
            address: now.map(|a| a.id.to_string()).unwrap_or_default(),
            lines: now.map(AddressFields::from).unwrap_or_default(),
        }
    }

    /// The address as it would be: `now`'s flags, these lines, a ship-to address.
    fn fields(&self, now: Option<&Address>) -> AddressFields {
        ship_to::proposed(now, &self.lines)
    }
}

#[derive(Template)]
#[template(path = "portal/ship_to_proposal.html")]
pub struct ProposalPage {
    layout: PortalLayout,
    /// The address it changes, as it is now (none: a new one).
    now: Option<Address>,
    form: ProposalForm,
    errors: FormErrors,
}

/// The proposal page for the own customer's ship-to address `address` (another's is a 404).
async fn proposal_page(
    desk: &PortalDesk,
    address: Option<i64>,
    entry: Option<(ProposalForm, FormErrors)>,
) -> AppResult<ProposalPage> {
    let customer_id = desk.who.customer.id;
    let now = match address {
        Some(id) => Some(
            desk.run(move |conn| ship_to::ship_to_of(conn, customer_id, id))
                .await?,
        ),
        None => None,
    };
    let (form, errors) =
        entry.unwrap_or_else(|| (ProposalForm::of(now.as_ref()), FormErrors::new()));
    let layout = desk
        .layout()?
        .titled(Msg::new("portal-ship-to-propose-title"));
    Ok(ProposalPage {
        layout: layout.in_section("ship-to"),
        now,
        form,
        errors,
    })
}

#[derive(Deserialize, Default)]
pub struct ProposalQuery {
    address: Option<i64>,
}

/// `GET /portal/ship-to/proposals/new[?address=ID]`: the form, filled in from the address.
pub async fn new_proposal(desk: PortalDesk, query: web::Query<ProposalQuery>) -> Reply {
    let page = proposal_page(&desk, query.address, None).await?;
    respond::page(StatusCode::OK, &page)
}

/// Who proposes: what the proposal's record and its announcement say of the user.
struct Proposer {
    customer_id: i64,
    user_id: i64,
    by: Author,
    /// "Name (customer user)", in each recipient's words.
    asked_by: Msg,
    base_url: String,
}

/// Sends the proposal to the approval queue, announced, unless the form breaks a rule (then
/// its messages, and nothing written); the requests list's path when it was sent.
fn send(
    conn: &mut PgConnection,
    who: &Proposer,
    address: Option<i64>,
    form: &ProposalForm,
) -> AppResult<(Result<(), FormErrors>, Option<String>)> {
    let now = match address {
        Some(id) => Some(ship_to::ship_to_of(conn, who.customer_id, id)?),
        None => None,
    };
    let input = match ship_to::read(&form.fields(now.as_ref())) {
        Ok(input) => input,
        Err(errors) => return Ok((Err(errors), None)),
    };
    announcements::record_proposal(
        conn,
        who.customer_id,
        address,
        &input,
        (who.user_id, &who.by),
        &who.asked_by,
        &who.base_url,
    )?;
    Ok((Ok(()), Some("/portal/requests".to_string())))
}

/// `POST /portal/ship-to/proposals`: the proposal goes to the approval queue, announced as
/// every request is, once per form.
pub async fn propose(
    desk: PortalDesk,
    HtmlForm(form): HtmlForm<ProposalForm>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let address = form.address_id()?;
    let user = &desk.who.user;
    let who = Proposer {
        customer_id: desk.who.customer.id,
        user_id: user.id,
        by: user.author(),
        asked_by: Msg::new("refusal-requested-by-user").arg("name", user.name.as_str()),
        base_url: desk.base_url(),
    };
    let sent_form = form.clone();
    let sent = submission
        .once(desk.pool(), move |conn| {
            send(conn, &who, address, &sent_form)
        })
        .await?;
    match sent {
        Once::First(Ok(())) => desk.done(Msg::new("portal-ship-to-proposed"), "/portal/requests"),
        Once::Repeat(first) => Ok(see_other(&first)),
        Once::First(Err(errors)) => {
            respond::again(&proposal_page(&desk, address, Some((form, errors))).await?)
        }
    }
}
