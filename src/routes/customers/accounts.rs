//! The customer's Accounts tab (`/customers/{id}/accounts`): its balance per currency from the
//! ledger, the credit it has left as a bar against its limit, the ageing of what is open, the
//! open items and the newest entries.

use crate::models::accounts::view::{self, Accounts};
use crate::models::orders::{placing, terms::Credit};
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
}

impl AccountsPage {
    /// How much of the limit is used, for the bar (the limit when over it).
    pub fn used_cents(&self) -> i64 {
        (self.credit.limit_cents - self.credit.available_cents).clamp(0, self.credit.limit_cents)
    }
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let page = CustomerHeader::tab(
        &desk,
        id,
        ("accounts", "ledger-accounts-title"),
        move |conn, layout, header| {
            let accounts = view::for_customer(conn, id)?;
            let standing = placing::standing(conn, id)?;
            Ok(AccountsPage {
                layout,
                header,
                accounts,
                credit: standing.credit(),
                credit_currency: standing.customer.currency.clone(),
            })
        },
    )
    .await?;
    respond::page(StatusCode::OK, &page)
}
