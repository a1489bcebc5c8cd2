//! The customer's Accounts tab (`/customers/{id}/accounts`): its balance per currency from the
//! ledger, the credit it has left as a bar against its limit, the ageing of what is open, the
//! open items and the newest entries; and, for administrators, the form that records a payment
//! (`POST /customers/{id}/accounts/payments`).

use crate::domain::{Text, forms::Fields};
use crate::models::access::staff::Role;
use crate::models::accounts::{
    ledger::{Account, Allocation, PaidBy, PaymentIn, Poster},
    view::{self, Accounts},
};
use crate::models::orders::{NotDone, placing, terms::Credit};
use crate::routes::prelude::*;

#[derive(Template)]
#[template(path = "customers/accounts.html")]
pub struct AccountsPage {
    layout: Layout,
    header: CustomerHeader,
    accounts: Accounts,
    /// The credit of orders on invoice, in the currency the customer is priced in (its limit's).
    credit: Credit,
    credit_currency: String,
    /// The payment form, as first shown or as sent with its messages; administrators only.
    payment: Option<(PaymentForm, FormErrors)>,
}

impl AccountsPage {
    /// How much of the limit is used, for the bar (the limit when over it).
    pub fn used_cents(&self) -> i64 {
        (self.credit.limit_cents - self.credit.available_cents).clamp(0, self.credit.limit_cents)
    }

    /// The currencies a payment may be in: the customer's own, then those of its entries.
    pub fn currencies(&self) -> Vec<&str> {
        let mut all = vec![self.credit_currency.as_str()];
        for c in &self.accounts.currencies {
            if !all.contains(&c.currency.as_str()) {
                all.push(&c.currency);
            }
        }
        all.retain(|c| !c.is_empty());
        all
    }

    pub fn methods(&self) -> [PaidBy; 6] {
        PaidBy::ALL
    }
}

/// The payment form's fields as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PaymentForm {
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub received_on: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub reference: String,
    /// "oldest" (the default) or "none" (on account).
    #[serde(default)]
    pub allocation: String,
}

/// Loads the tab for customer `id`, with the payment form (`payment`) for administrators.
async fn page(
    desk: &StaffDesk,
    id: i64,
    payment: Option<(PaymentForm, FormErrors)>,
) -> AppResult<AccountsPage> {
    let payment = payment.filter(|_| desk.who.has_role(Role::Admin));
    CustomerHeader::tab(
        desk,
        id,
        ("accounts", "ledger-accounts-title"),
        move |conn, layout, header| {
            let accounts = view::for_customer(conn, id)?;
            let standing = placing::standing(conn, id)?;
            let payment = payment.map(|(mut form, errors)| {
                if form.received_on.is_empty() {
                    form.received_on = accounts.today.format("%Y-%m-%d").to_string();
                }
                (form, errors)
            });
            Ok(AccountsPage {
                layout,
                header,
                accounts,
                credit: standing.credit(),
                credit_currency: standing.customer.currency.clone(),
                payment,
            })
        },
    )
    .await
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let blank = Some((PaymentForm::default(), FormErrors::new()));
    respond::page(
        StatusCode::OK,
        &page(&desk, path.into_inner(), blank).await?,
    )
}

/// What the payment form's handler takes: who, whose, the form and its one-time key.
type PaymentRequest = (StaffDesk, web::Path<i64>, HtmlForm<PaymentForm>, Submission);

/// `POST /customers/{id}/accounts/payments` (administrators): records a payment, allocated to
/// the oldest open items or left on account; once however often the form is sent.
pub async fn record((desk, path, HtmlForm(form), submission): PaymentRequest) -> Reply {
    let id = path.into_inner();
    let payment = match read(&desk.reader(), id, &form) {
        Ok(payment) => payment,
        Err(errors) => return respond::again(&page(&desk, id, Some((form, errors))).await?),
    };
    let by = Poster {
        staff_id: Some(desk.who.id),
        name: desk.who.name.clone(),
    };
    let location = format!("/customers/{id}/accounts");
    let back = location.clone();
    let work = move |conn: &mut diesel::PgConnection| payment.record(conn, &by);
    match submission.create(desk.pool(), work, move |_| back).await? {
        Once::Repeat(first) => Ok(see_other(&first)),
        Once::First(Ok(entry)) => {
            let done = Msg::new("ledger-payment-recorded").arg("number", entry.number.as_str());
            desk.done(done, &location)
        }
        Once::First(Err(NotDone::Failed(e))) => Err(e),
        Once::First(Err(NotDone::Refused(why))) => {
            let errors = FormErrors::one("amount", why);
            respond::again(&page(&desk, id, Some((form, errors))).await?)
        }
    }
}

/// The payment the form describes, or a message beside each field that is wrong.
fn read(
    l: &crate::i18n::L10n,
    customer_id: i64,
    form: &PaymentForm,
) -> Result<PaymentIn, FormErrors> {
    let mut f = Fields::new();
    let amount = f.required("amount", &form.amount, "ledger-amount-missing", |v| {
        l.parse_amount(v)
            .ok()
            .filter(|c| *c > 0)
            .ok_or(Msg::new("ledger-amount-invalid"))
    });
    let currency = f.required("currency", &form.currency, "ledger-currency-invalid", |c| {
        let c = c.trim();
        let code = c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase());
        code.then(|| c.to_string())
            .ok_or(Msg::new("ledger-currency-invalid"))
    });
    // Not after today (the reader's, with a day's leeway for the vendor's zone): a mistyped year.
    let latest = l.today() + chrono::Days::new(1);
    let day = |d: &str| match chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d") {
        Ok(day) if day > latest => Err(Msg::new("ledger-date-future")),
        Ok(day) => Ok(day),
        Err(_) => Err(Msg::new("ledger-date-invalid")),
    };
    let received_on = f.required("received_on", &form.received_on, "ledger-date-invalid", day);
    let method = f.required("method", &form.method, "ledger-method-missing", |m| {
        PaidBy::parse(m.trim()).ok_or(Msg::new("ledger-method-missing"))
    });
    let reference = f.optional("reference", &form.reference, Text::<60>::parse);
    let allocation = match form.allocation.as_str() {
        "none" => Allocation::Chosen(Vec::new()),
        _ => Allocation::OldestFirst,
    };
    f.finish(|| PaymentIn {
        account: Account {
            customer_id,
            currency: currency.unwrap_or_default(),
        },
        amount_cents: amount.unwrap_or_default(),
        method: method.unwrap_or(PaidBy::Other),
        reference: reference.map(Text::into_string),
        received_on: received_on.unwrap_or_default(),
        allocation,
    })
}
