//! The statement of account as staff and customers ask for it: a currency and a period (by
//! default the customer's first currency, from the first of the month two months back to
//! today), checked with a message beside each field, and the PDF it makes.

use crate::domain::forms::Fields;
use crate::i18n::L10n;
use crate::models::accounts::documents;
use crate::routes::prelude::*;
use chrono::{Datelike, Months, NaiveDate};

/// The longest period one statement covers.
pub const MAX_DAYS: i64 = 732;

/// The statement form as typed (a GET form: what it asks is in the address).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct StatementForm {
    #[serde(default, rename = "statement_currency")]
    pub currency: String,
    #[serde(default, rename = "statement_from")]
    pub from: String,
    #[serde(default, rename = "statement_to")]
    pub to: String,
}

/// What a statement is of: a currency and the first and last day.
pub type Period = (String, NaiveDate, NaiveDate);

impl StatementForm {
    /// The form as it first appears on `today`, in the first of `currencies`.
    pub fn first(today: NaiveDate, currencies: &[String]) -> StatementForm {
        let start = today.with_day(1).unwrap_or(today) - Months::new(2);
        StatementForm {
            currency: currencies.first().cloned().unwrap_or_default(),
            from: start.to_string(),
            to: today.to_string(),
        }
    }

    /// The period asked for, or a message beside each wrong field; empty fields take the
    /// first form's values.
    pub fn read(&self, today: NaiveDate, currencies: &[String]) -> Result<Period, FormErrors> {
        let first = StatementForm::first(today, currencies);
        let or = |typed: &str, default: String| match typed.trim() {
            "" => default,
            t => t.to_string(),
        };
        let mut f = Fields::new();
        let currency = or(&self.currency, first.currency);
        if !currencies.contains(&currency) {
            f.add("statement_currency", Msg::new("statement-currency-unknown"));
        }
        let day = |d: &str| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| Msg::new("statement-date-invalid"))
        };
        let from = f.required(
            "statement_from",
            &or(&self.from, first.from),
            "statement-date-invalid",
            day,
        );
        let to = f.required(
            "statement_to",
            &or(&self.to, first.to),
            "statement-date-invalid",
            day,
        );
        if let (Some(from), Some(to)) = (from, to) {
            if to > today {
                f.add("statement_to", Msg::new("statement-date-future"));
            } else if from > to {
                f.add("statement_from", Msg::new("statement-from-after-to"));
            } else if (to - from).num_days() >= MAX_DAYS {
                f.add("statement_from", Msg::new("statement-too-long"));
            }
        }
        f.finish(|| (currency, from.unwrap_or(today), to.unwrap_or(today)))
    }

    /// The PDF's address for this form (after it was read).
    pub fn pdf_href(&self, base: &str) -> String {
        format!(
            "{base}?statement_currency={}&statement_from={}&statement_to={}",
            self.currency, self.from, self.to
        )
    }
}

/// Customer `customer_id`'s statement for `period` as PDF, in `l`'s language: its bytes and a
/// file name.
pub fn render(
    conn: &mut diesel::PgConnection,
    customer_id: i64,
    (currency, from, to): &Period,
    l: &L10n,
) -> AppResult<(String, Vec<u8>)> {
    let doc = documents::statement(conn, customer_id, currency, (*from, *to))?;
    let account = doc.parties.1.account_number.clone();
    let who = account.unwrap_or_else(|| customer_id.to_string());
    let name = format!("statement-{who}-{currency}-{from}-{to}.pdf");
    let bytes = crate::pdf::statement::render(&doc, l);
    drop(doc);
    crate::pdf::release_freed();
    Ok((name, bytes))
}
