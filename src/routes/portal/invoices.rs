//! The portal's invoices and statement. `/portal/invoices` lists the invoices of every customer
//! the user may see (a bill-to or master customer's users see their sell-to customers' too,
//! labelled), open or paid, each downloadable as PDF; `/portal/statement` shows a customer's
//! statement of account for a currency and period, and downloads it as PDF. An invoice number
//! or a customer outside the user's scope is a 404, exactly like one that does not exist.

use crate::models::accounts::{
    documents::{self, StatementDocument},
    portal::{self, PortalInvoice, Showing},
    view,
};
use crate::routes::prelude::*;
use crate::routes::statements::{self, StatementForm};

pub const PAGE_SIZE: i64 = 50;

#[derive(Deserialize)]
pub struct InvoicesQuery {
    page: Option<i64>,
    show: Option<String>,
}

#[derive(Template)]
#[template(path = "portal/invoices.html")]
pub struct InvoicesPage {
    layout: PortalLayout,
    /// The page's invoices, and the first of the next page if there is one.
    invoices: Vec<PortalInvoice>,
    showing: Showing,
    page: i64,
    today: chrono::NaiveDate,
}

impl InvoicesPage {
    fn page_href(&self, page: i64) -> String {
        format!(
            "/portal/invoices?show={}&page={page}",
            self.showing.as_str()
        )
    }

    /// A page's invoices (one more was read, to know whether a next page exists).
    fn shown(&self) -> &[PortalInvoice] {
        &self.invoices[..self.invoices.len().min(PAGE_SIZE as usize)]
    }

    fn has_next(&self) -> bool {
        self.invoices.len() as i64 > PAGE_SIZE
    }

    fn choices(&self) -> [Showing; 3] {
        Showing::ALL
    }
}

pub async fn index(desk: PortalDesk, query: web::Query<InvoicesQuery>) -> Reply {
    let showing = Showing::parse(query.show.as_deref().unwrap_or(""));
    let page = query.page.unwrap_or(1).clamp(1, 1_000_000);
    let window = ((page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
    let (invoices, today) = desk
        .in_scope(move |conn, scope| {
            let today = crate::models::accounts::ledger::today(conn)?;
            Ok((portal::invoices(conn, scope, showing, window)?, today))
        })
        .await?;
    let title = Msg::new("portal-invoices-title");
    desk.show(title, "invoices", |layout| InvoicesPage {
        today,
        showing,
        page,
        invoices,
        layout,
    })
}

/// `GET /portal/invoices/{number}/pdf`: one invoice as PDF, in the user's language.
pub async fn pdf(desk: PortalDesk, path: web::Path<String>) -> Reply {
    let number = path.into_inner();
    let l = desk.reader();
    let (number, bytes) = desk
        .one_in_scope(move |conn, scope| {
            let Some(id) = portal::invoice_by_number(conn, scope, &number)? else {
                return Ok(None);
            };
            let bytes = crate::pdf::invoice::render(&documents::invoice(conn, id)?, &l);
            Ok(Some((number, bytes)))
        })
        .await?;
    Ok(respond::pdf(&format!("{number}.pdf"), bytes))
}

/// The statement form with the customer it is for (one of the user's scope).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct StatementQuery {
    /// A customer's id (text: a flattened query reads every value as text).
    #[serde(default)]
    customer: Option<String>,
    #[serde(flatten)]
    form: StatementForm,
}

#[derive(Template)]
#[template(path = "portal/statement.html")]
pub struct StatementPage {
    layout: PortalLayout,
    customer_id: i64,
    currencies: Vec<String>,
    form: StatementForm,
    errors: FormErrors,
    /// The statement the form asks for, when it is right.
    statement: Option<StatementDocument>,
}

impl StatementPage {
    fn pdf_href(&self) -> String {
        let href = self.form.pdf_href("/portal/statement.pdf");
        format!("{href}&customer={}", self.customer_id)
    }
}

/// The statement asked for: the customer (the user's own unless it names another in scope),
/// its currencies, the form as read, and the period or its messages.
type Asked = (
    i64,
    Vec<String>,
    StatementForm,
    Result<statements::Period, FormErrors>,
);

async fn asked(desk: &PortalDesk, query: StatementQuery) -> AppResult<Asked> {
    desk.one_in_scope(move |conn, scope| ask(conn, scope, query))
        .await
}

/// `asked`, on a connection: None when the customer named is not in the user's scope.
fn ask(
    conn: &mut diesel::PgConnection,
    scope: &crate::models::portal::PortalScope,
    query: StatementQuery,
) -> AppResult<Option<Asked>> {
    let picked = query.customer.as_deref().filter(|c| !c.is_empty());
    let picked = picked.map(|id| id.parse().ok().and_then(|id| scope.pick(id)));
    let Some(customer) = picked.unwrap_or(Some(scope.own())) else {
        return Ok(None);
    };
    let accounts = view::for_customer(conn, customer.id())?;
    let currencies = accounts.currency_codes();
    let mut form = query.form;
    let read = form.read(accounts.today, &currencies);
    if let Ok((currency, from, to)) = &read {
        form = StatementForm {
            currency: currency.clone(),
            from: from.to_string(),
            to: to.to_string(),
        };
    }
    Ok(Some((customer.id(), currencies, form, read)))
}

/// `GET /portal/statement`: the statement on screen, with its form and its PDF's link.
pub async fn statement(desk: PortalDesk, query: web::Query<StatementQuery>) -> Reply {
    let (customer_id, currencies, form, read) = asked(&desk, query.into_inner()).await?;
    let (statement, errors) = match read {
        Ok((currency, from, to)) if !currencies.is_empty() => {
            let doc = desk
                .run(move |conn| {
                    Ok(documents::statement(
                        conn,
                        customer_id,
                        &currency,
                        (from, to),
                    )?)
                })
                .await?;
            (Some(doc), FormErrors::new())
        }
        Ok(_) => (None, FormErrors::new()),
        Err(errors) => (None, errors),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = desk.show(Msg::new("portal-statement-title"), "statement", |layout| {
        StatementPage {
            layout,
            customer_id,
            currencies,
            form,
            errors,
            statement,
        }
    })?;
    Ok(with_status(page, status))
}

fn with_status(mut page: actix_web::HttpResponse, status: StatusCode) -> actix_web::HttpResponse {
    *page.status_mut() = status;
    page
}

/// `GET /portal/statement.pdf`: the statement as PDF, in the user's language (the page with
/// its messages when the form is wrong).
/// Read where the user's long reads go (`db::replica`), the form's check with the rest.
pub async fn statement_pdf(desk: PortalDesk, query: web::Query<StatementQuery>) -> Reply {
    let (asking, l) = (query.clone().into_inner(), desk.reader());
    let made = desk
        .read_in_scope(move |conn, scope| {
            let (customer_id, currencies, _, read) =
                ask(conn, scope, asking)?.ok_or(AppError::NotFound)?;
            match read {
                Ok(period) if !currencies.is_empty() => {
                    Ok(Some(statements::render(conn, customer_id, &period, &l)?))
                }
                _ => Ok(None),
            }
        })
        .await?;
    match made {
        Some((name, bytes)) => Ok(respond::pdf(&name, bytes)),
        None => statement(desk, query).await,
    }
}
