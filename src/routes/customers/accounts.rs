//! The customer's Accounts tab (`/customers/{id}/accounts`): its balance per currency from the
//! ledger, the credit it has left as a bar against its limit, the ageing of what is open, the
//! open items and the newest entries; and, for administrators, the forms that record a payment
//! (`POST /customers/{id}/accounts/payments`) and post a manual invoice or a credit note
//! (`POST /customers/{id}/accounts/postings`).

use crate::domain::{Note, Text, forms::Fields};
use crate::models::access::staff::Role;
use crate::models::accounts::{
    announcements, credit,
    ledger::{self, Account, Allocation, InvoiceFor, NotPosted, PaidBy, PaymentIn, Poster},
    view::{self, Accounts},
};
use crate::models::orders::{placing, terms::Credit};
use crate::routes::prelude::*;
use crate::routes::statements::StatementForm;

#[derive(Template)]
#[template(path = "customers/accounts.html")]
pub struct AccountsPage {
    layout: Layout,
    header: CustomerHeader,
    accounts: Accounts,
    /// The credit of orders on invoice, in the currency the customer is priced in (its limit's).
    credit: Credit,
    credit_currency: String,
    /// The newest changes of the credit limit.
    limits: Vec<credit::LimitChange>,
    /// The forms, as first shown or as sent; the messages belong to the form that was sent.
    /// Payments and postings are for administrators only.
    forms: Forms,
    admin: bool,
    no_errors: FormErrors,
}

/// The Accounts tab's two forms, and the messages of the one that was sent.
#[derive(Clone, Debug, Default)]
pub struct Forms {
    pub payment: PaymentForm,
    pub posting: PostingForm,
    pub statement: StatementForm,
    /// "payment", "posting" or "statement": which form the messages are for.
    pub sent: &'static str,
    pub errors: FormErrors,
}

impl Forms {
    fn sent(sent: &'static str, errors: FormErrors) -> Forms {
        Forms {
            sent,
            errors,
            ..Forms::default()
        }
    }
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

    /// The messages of form `which`: none unless it was the one sent.
    pub fn errors_of(&self, which: &str) -> &FormErrors {
        match &self.forms {
            f if f.sent == which => &f.errors,
            _ => &self.no_errors,
        }
    }

    /// The open invoices a credit note may be posted against, in any currency.
    pub fn open_invoices(&self) -> Vec<&view::Item> {
        let open = self.accounts.currencies.iter().flat_map(|c| &c.open);
        open.filter(|i| i.is_debit()).collect()
    }
}

/// The manual invoice and credit note form's fields as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PostingForm {
    /// "invoice" (the default) or "credit_note".
    #[serde(default)]
    pub post_kind: String,
    #[serde(default)]
    pub post_currency: String,
    #[serde(default)]
    pub post_amount: String,
    /// The invoice's text, or the credit note's reason.
    #[serde(default)]
    pub post_text: String,
    /// A credit note's invoice (its entry id), or empty: on account.
    #[serde(default)]
    pub post_against: String,
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

/// Loads the tab for customer `id`, with the forms as given.
async fn page(desk: &StaffDesk, id: i64, forms: Forms) -> AppResult<AccountsPage> {
    let admin = desk.who.has_role(Role::Admin);
    CustomerHeader::tab(
        desk,
        id,
        ("accounts", "ledger-accounts-title"),
        move |conn, layout, header| {
            let accounts = view::for_customer(conn, id)?;
            let standing = placing::standing(conn, id)?;
            let mut forms = forms;
            if forms.payment.received_on.is_empty() {
                forms.payment.received_on = accounts.today.to_string();
            }
            if forms.sent != "statement" {
                forms.statement = StatementForm::first(accounts.today, &accounts.currency_codes());
            }
            Ok(AccountsPage {
                layout,
                header,
                accounts,
                credit: standing.credit(),
                credit_currency: standing.customer.currency.clone(),
                limits: credit::history(conn, id)?,
                forms,
                admin,
                no_errors: FormErrors::new(),
            })
        },
    )
    .await
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let blank = Forms::default();
    respond::page(
        StatusCode::OK,
        &page(&desk, path.into_inner(), blank).await?,
    )
}

/// Posts what a form describes (`work`, or the messages beside its fields) once however often
/// it is sent, and says so with `done` and the number posted; a refusal stands beside `field`.
async fn post<W>(
    (desk, id, submission): (StaffDesk, i64, Submission),
    (forms, field, done): (Forms, &'static str, &'static str),
    work: Result<W, FormErrors>,
) -> Reply
where
    W: FnOnce(&mut diesel::PgConnection, &Poster) -> Result<ledger::Entry, NotPosted>
        + Send
        + 'static,
{
    let again = |errors| {
        let forms = Forms {
            sent: forms.sent,
            errors,
            ..forms.clone()
        };
        async { respond::again(&page(&desk, id, forms).await?) }
    };
    let done = |entry: &ledger::Entry| Msg::new(done).arg("number", entry.number.as_str());
    let location = format!("/customers/{id}/accounts");
    crate::routes::invoices::post_once((&desk, submission), (location, field), (work, done), again)
        .await
}

/// What the payment form's handler takes: who, whose, the form and its one-time key.
type PaymentRequest = (StaffDesk, web::Path<i64>, HtmlForm<PaymentForm>, Submission);

/// `POST /customers/{id}/accounts/payments` (administrators): records a payment, allocated to
/// the oldest open items or left on account; once however often the form is sent.
pub async fn record((desk, path, HtmlForm(form), submission): PaymentRequest) -> Reply {
    let id = path.into_inner();
    let work = form.read(&desk.reader(), id).map(|payment| {
        move |conn: &mut diesel::PgConnection, by: &Poster| payment.record(conn, by)
    });
    let forms = Forms {
        payment: form,
        ..Forms::sent("payment", FormErrors::new())
    };
    let said = (forms, "amount", "ledger-payment-recorded");
    post((desk, id, submission), said, work).await
}

/// What the posting form's handler takes.
type PostingRequest = (StaffDesk, web::Path<i64>, HtmlForm<PostingForm>, Submission);

/// `POST /customers/{id}/accounts/postings` (administrators): a manual invoice (an amount and
/// its text, due after the customer's payment terms) or a credit note (an amount and its
/// reason, against an open invoice or on account).
pub async fn posting((desk, path, HtmlForm(form), submission): PostingRequest) -> Reply {
    let id = path.into_inner();
    let work = form.read(&desk.reader(), (id, desk.base_url()));
    let forms = Forms {
        posting: form,
        ..Forms::sent("posting", FormErrors::new())
    };
    let said = (forms, "post_amount", "ledger-posted");
    post((desk, id, submission), said, work).await
}

/// A posting as the form describes it, ready to be posted.
type Posting =
    Box<dyn FnOnce(&mut diesel::PgConnection, &Poster) -> Result<ledger::Entry, NotPosted> + Send>;

/// The manual invoice or credit note the form describes, or a message beside each wrong field.
impl PostingForm {
    /// The posting, for customer `customer_id`; `base_url` for the links of its emails.
    fn read(
        &self,
        l: &crate::i18n::L10n,
        (customer_id, base_url): (i64, String),
    ) -> Result<Posting, FormErrors> {
        let form = self;
        let mut f = Fields::new();
        let (amount, currency) =
            money(&mut f, l, (&form.post_amount, &form.post_currency), "post_");
        let text = f.required(
            "post_text",
            &form.post_text,
            "ledger-reason-missing",
            Note::<500>::parse,
        );
        let against = match form.post_against.trim() {
            "" => None,
            id => Some(f.required("post_against", id, "ledger-debit-missing", |v| {
                v.parse::<i64>()
                    .map_err(|_| Msg::new("ledger-debit-missing"))
            })),
        };
        let credit_note = form.post_kind == "credit_note";
        f.finish(move || -> Posting {
            let account = Account {
                customer_id,
                currency: currency.unwrap_or_default(),
            };
            let (cents, text) = (
                amount.unwrap_or_default(),
                text.map(Note::into_string).unwrap_or_default(),
            );
            match credit_note {
                true => {
                    let against = against.flatten();
                    Box::new(move |conn, by| {
                        ledger::post_credit_note(conn, &account, (cents, against), &text, by)
                    })
                }
                false => {
                    let what = InvoiceFor {
                        account,
                        amount_cents: cents,
                        order_id: None,
                        reason: Some(text),
                        due_days: None,
                    };
                    Box::new(move |conn, by| {
                        let invoice = what.post(conn, by)?;
                        announcements::invoice_posted(conn, invoice.id, &base_url)?;
                        Ok(invoice)
                    })
                }
            }
        })
    }
}

/// An amount greater than zero and a currency code from the form's `(amount, currency)` fields
/// named with `prefix`.
fn money(
    f: &mut Fields,
    l: &crate::i18n::L10n,
    (amount, currency): (&str, &str),
    prefix: &str,
) -> (Option<i64>, Option<String>) {
    let (amount_field, currency_field) = (format!("{prefix}amount"), format!("{prefix}currency"));
    let amount = f.required(&amount_field, amount, "ledger-amount-missing", |v| {
        l.parse_amount(v)
            .ok()
            .filter(|c| *c > 0)
            .ok_or(Msg::new("ledger-amount-invalid"))
    });
    let currency = f.required(&currency_field, currency, "ledger-currency-invalid", |c| {
        let c = c.trim();
        let code = c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase());
        code.then(|| c.to_string())
            .ok_or(Msg::new("ledger-currency-invalid"))
    });
    (amount, currency)
}

/// The payment the form describes, or a message beside each field that is wrong.
impl PaymentForm {
    fn read(&self, l: &crate::i18n::L10n, customer_id: i64) -> Result<PaymentIn, FormErrors> {
        let form = self;
        let mut f = Fields::new();
        let (amount, currency) = money(&mut f, l, (&form.amount, &form.currency), "");
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
}

/// `GET /customers/{id}/accounts/statement.pdf`: the customer's statement of account for the
/// currency and period asked (the form's messages on the tab when they are wrong), in the
/// customer's language, as the customer would receive it.
pub async fn statement(
    desk: StaffDesk,
    path: web::Path<i64>,
    query: web::Query<StatementForm>,
) -> Reply {
    let (id, form) = (path.into_inner(), query.into_inner());
    let asked = form.clone();
    let made = desk
        .read(move |conn| {
            let accounts = view::for_customer(conn, id)?;
            let period = asked.read(accounts.today, &accounts.currency_codes());
            let Ok(period) = period else {
                return Ok(period.map(|_| (String::new(), Vec::new())));
            };
            let l = crate::models::access::customer_user::reader_for(conn, None, None, id)?;
            Ok(Ok(crate::routes::statements::render(
                conn, id, &period, &l,
            )?))
        })
        .await?;
    match made {
        Ok((name, bytes)) => Ok(respond::pdf(&name, bytes)),
        Err(errors) => {
            let forms = Forms {
                statement: form,
                ..Forms::sent("statement", errors)
            };
            respond::again(&page(&desk, id, forms).await?)
        }
    }
}
