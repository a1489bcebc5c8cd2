//! One posting of the ledger as staff see it (`/invoices/{id}`: an invoice, and as well a
//! credit note, payment, opening balance or reversal): its facts, the order it invoices, what
//! it paid or was paid by, and for administrators the two corrections a ledger allows, its
//! reversal (`POST …/reversal`, with a reason) and, for a credit with something open, paying
//! a chosen open item (`POST …/allocations`). Nothing here edits a posting: none can be edited.

use crate::domain::forms::Fields;
use crate::models::access::staff::Role;
use crate::models::accounts::{
    entry::{self, EntryPage},
    ledger::{self, Allocation, NotPosted, Poster},
};
use crate::models::orders::NotDone;
use crate::routes::prelude::*;

#[derive(Template)]
#[template(path = "invoices/show.html")]
pub struct PostingPage {
    layout: Layout,
    header: CustomerHeader,
    entry: EntryPage,
    admin: bool,
    form: CorrectionForm,
    errors: FormErrors,
}

impl PostingPage {
    fn method_id(&self, method: &str) -> String {
        format!("ledger-method-{}", method.replace('_', "-"))
    }

    fn reversible(&self) -> bool {
        let p = &self.entry.posting;
        p.item.kind != "reversal" && p.reversed_by_id.is_none()
    }
}

/// What the correction forms send (each its own fields).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CorrectionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    debit: String,
    #[serde(default)]
    amount: String,
}

async fn page(
    desk: &StaffDesk,
    id: i64,
    (form, errors): (CorrectionForm, FormErrors),
) -> AppResult<PostingPage> {
    let layout = desk.layout()?;
    let (entry, header) = desk
        .run(move |conn| {
            let entry = entry::find(conn, id)?;
            let header = CustomerHeader::load(conn, entry.posting.customer_id, "accounts")?;
            Ok((entry, header))
        })
        .await?;
    let title = Msg::new("ledger-entry-title").arg("number", &entry.posting.item.number);
    Ok(PostingPage {
        layout: layout.titled(title).in_section("customers"),
        header,
        entry,
        admin: desk.who.has_role(Role::Admin),
        form,
        errors,
    })
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let blank = (CorrectionForm::default(), FormErrors::new());
    respond::page(
        StatusCode::OK,
        &page(&desk, path.into_inner(), blank).await?,
    )
}

type CorrectionRequest = (
    StaffDesk,
    web::Path<i64>,
    HtmlForm<CorrectionForm>,
    Submission,
);

/// A ledger form's work, once however often the form is sent (`work`, or the messages beside
/// its fields): on success to `location` with `done`'s message about what was posted; the
/// messages, or a refusal beside `field`, on the form's page again (`again`).
pub(crate) async fn post_once<T, W, A, Fut>(
    (desk, submission): (&StaffDesk, Submission),
    (location, field): (String, &'static str),
    (work, done): (Result<W, FormErrors>, impl FnOnce(&T) -> Msg),
    again: A,
) -> Reply
where
    T: Send + 'static,
    W: FnOnce(&mut diesel::PgConnection, &Poster) -> Result<T, NotPosted> + Send + 'static,
    A: FnOnce(FormErrors) -> Fut,
    Fut: std::future::Future<Output = Reply>,
{
    let work = match work {
        Ok(work) => work,
        Err(errors) => return again(errors).await,
    };
    let by = Poster {
        staff_id: Some(desk.who.id),
        name: desk.who.name.clone(),
    };
    let back = location.clone();
    let work = move |conn: &mut diesel::PgConnection| work(conn, &by);
    match submission.create(desk.pool(), work, move |_| back).await? {
        Once::Repeat(first) => Ok(see_other(&first)),
        Once::First(Ok(posted)) => desk.done(done(&posted), &location),
        Once::First(Err(NotDone::Failed(e))) => Err(e),
        Once::First(Err(NotDone::Refused(why))) => again(FormErrors::one(field, why)).await,
    }
}

/// A correction of posting `id`, once per form; the page again with its messages.
async fn correct<T: Send + 'static>(
    (desk, id, form, submission): (StaffDesk, i64, CorrectionForm, Submission),
    (field, done): (&'static str, &'static str),
    work: Result<
        impl FnOnce(&mut diesel::PgConnection, &Poster) -> Result<T, NotPosted> + Send + 'static,
        FormErrors,
    >,
) -> Reply {
    desk.frame_first()?;
    let again = |errors| async { respond::again(&page(&desk, id, (form, errors)).await?) };
    let said = (work, |_: &T| Msg::new(done));
    post_once(
        (&desk, submission),
        (format!("/invoices/{id}"), field),
        said,
        again,
    )
    .await
}

/// `POST /invoices/{id}/reversal` (administrators): the posting reversed, for a reason.
pub async fn reverse((desk, path, HtmlForm(form), submission): CorrectionRequest) -> Reply {
    let id = path.into_inner();
    let work = crate::routes::orders::actions::written::<500>(
        "reason",
        &form.reason,
        "ledger-reason-missing",
    );
    let work = work.map(|reason| {
        move |conn: &mut diesel::PgConnection, by: &Poster| ledger::reverse(conn, id, &reason, by)
    });
    let request = (desk, id, form, submission);
    correct(request, ("reason", "ledger-reversed"), work).await
}

/// `POST /invoices/{id}/allocations` (administrators): what is open on this credit pays the
/// open item chosen, as much as given.
pub async fn allocate((desk, path, HtmlForm(form), submission): CorrectionRequest) -> Reply {
    let id = path.into_inner();
    let l = desk.reader();
    let mut f = Fields::new();
    let debit = f.required("debit", &form.debit, "ledger-debit-missing", |d| {
        d.trim()
            .parse::<i64>()
            .map_err(|_| Msg::new("ledger-debit-missing"))
    });
    let amount = f.required("amount", &form.amount, "ledger-amount-missing", |v| {
        l.parse_amount(v)
            .ok()
            .filter(|c| *c > 0)
            .ok_or(Msg::new("ledger-amount-invalid"))
    });
    let work = f.finish(|| (debit.unwrap_or_default(), amount.unwrap_or_default()));
    let work = work.map(|chosen| {
        move |conn: &mut diesel::PgConnection, _: &Poster| {
            let Some(credit) = ledger::entry(conn, id)? else {
                return Err(NotDone::Refused(Msg::new("ledger-entry-not-found")));
            };
            ledger::allocate(conn, &credit, Allocation::Chosen(vec![chosen]))
        }
    });
    let request = (desk, id, form, submission);
    correct(request, ("amount", "ledger-allocated"), work).await
}

/// `GET /invoices/{id}/pdf`: the posting as the customer receives it, in the customer's
/// language.
pub async fn pdf(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let (number, bytes) = desk
        .run(move |conn| {
            let doc = crate::models::accounts::documents::invoice(conn, id)?;
            let customer = doc.entry.posting.customer_id;
            let l = crate::models::access::customer_user::reader_for(conn, None, None, customer)?;
            Ok((
                doc.entry.posting.item.number.clone(),
                crate::pdf::invoice::render(&doc, &l),
            ))
        })
        .await?;
    Ok(respond::pdf(&format!("{number}.pdf"), bytes))
}
