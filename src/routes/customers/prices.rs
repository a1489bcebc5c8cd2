//! A customer's contract prices on its Catalogs and products tab: staff upload the customer's
//! price file (the same prices the ERP sends to `PUT /api/v1/customers/{id}/prices`, as CSV;
//! see `models::catalogs::price_csv`) and download the prices it holds in the same format.
//! Administrators and digital administrators upload (guarded in the route table); every staff
//! member downloads. A file replaces all of the customer's contract prices, all or nothing;
//! what is wrong in it is said beside the file field, line by line.

use super::assortment;
use crate::routes::prelude::*;
use crate::{
    i18n::L10n,
    models::{
        catalogs::{
            contract_prices::{self, NotApplied},
            price_csv,
        },
        customers::history::Author,
    },
    routes::respond::{
        csv,
        upload::{UploadForm, field_error},
    },
};
use actix_multipart::Multipart;
use diesel::PgConnection;

/// The most a price file may weigh: 100,000 lines of about 40 bytes take 4 MB.
const UPLOAD: UploadForm = UploadForm {
    files: &["prices.csv"],
    max: 32 * 1024 * 1024,
    format: "prices",
    too_large_advice: None,
    any_name: Some("customer-parts-prices-choose"),
};

/// The most wrong lines the form names.
const NAMED: usize = 20;

/// What went wrong with a file, in the reader's language, one sentence per line.
fn lines_text(l: &L10n, lines: impl Iterator<Item = (usize, Msg)>) -> Msg {
    let sentences: Vec<String> = lines
        .take(NAMED)
        .map(|(number, reason)| {
            l.t2(
                "customer-parts-prices-line",
                ("line", number as i64),
                ("reason", l.msg(&reason)),
            )
        })
        .collect();
    Msg::verbatim(sentences.join(" "))
}

/// Reads and applies a price file; what to say beside the field when it cannot be.
fn apply(
    conn: &mut PgConnection,
    (id, bytes): (i64, &[u8]),
    l: &L10n,
    by: &Author,
) -> AppResult<Result<contract_prices::Applied, Msg>> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(Err(Msg::new("customer-parts-prices-not-utf8")));
    };
    let parsed = match price_csv::parse(text, NAMED) {
        Ok(parsed) => parsed,
        Err(bad) => {
            return Ok(Err(lines_text(
                l,
                bad.into_iter().map(|b| (b.number, b.reason)),
            )));
        }
    };
    let number = |index: usize| parsed.numbers.get(index).copied().unwrap_or(index + 2);
    let errors = contract_prices::checked(&parsed.lines);
    if !errors.is_empty() {
        return Ok(Err(lines_text(
            l,
            errors.into_iter().map(|e| (number(e.index), e.reason)),
        )));
    }
    Ok(
        match contract_prices::replace(conn, id, &parsed.lines, by)? {
            Ok(applied) => Ok(applied),
            Err(NotApplied::NoPriceList) => Err(Msg::new("prices-no-price-list")),
            Err(NotApplied::Lines(errors)) => Err(lines_text(
                l,
                errors.into_iter().map(|e| (number(e.index), e.reason)),
            )),
        },
    )
}

/// `POST /customers/{id}/prices`: multipart, the price file and the form's one-time key.
pub async fn upload(
    desk: StaffDesk,
    path: web::Path<i64>,
    mut payload: Multipart,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let received = UPLOAD.receive(desk.request(), &mut payload).await?;
    let submission = submission.with_key(received.submission_key.as_deref());
    let (l, by) = (desk.reader(), Author::Staff(desk.who.id));
    let file = match received.upload {
        Ok(upload) => upload.contents().await?.pop().map(|(_, bytes)| bytes),
        Err(refusal) => return assortment::with_errors(&desk, id, refusal.errors(&l)).await,
    };
    let bytes = file.unwrap_or_default();
    let back = format!("/customers/{id}/catalogs");
    let result = submission
        .once(desk.pool(), move |conn| {
            let result = apply(conn, (id, &bytes), &l, &by)?;
            let location = result.is_ok().then_some(back);
            Ok((result.map_err(|m| l.msg(&m)), location))
        })
        .await?;
    match result {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(applied)) => {
            let done = Msg::new("customer-parts-prices-done")
                .arg("count", applied.prices)
                .arg("currency", applied.currency);
            desk.done(done, &format!("/customers/{id}/catalogs"))
        }
        Once::First(Err(text)) => {
            assortment::with_errors(&desk, id, field_error(Msg::verbatim(text))).await
        }
    }
}

/// `GET /customers/{id}/prices.csv`: the customer's contract prices as a price file.
pub async fn download(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let text = |conn: &mut PgConnection, id| Ok(contract_prices::as_csv(conn, id)?);
    csv::of_customer(&desk, (path.into_inner(), "prices"), text).await
}
