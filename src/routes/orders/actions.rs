//! The desk's actions on one order, each a small resource under `/orders/{id}`: its payment,
//! its hold (released by DELETE), its allocation, its invoice, its priority, its shipment, its
//! cancellation and its notes. Each is taken once per form (a double click takes it once), goes through
//! `models::orders::desk::act`, which checks the order's state, and lands in the order's
//! timeline. A state that does not allow it answers 409 with the reason on the order's page; a
//! wrong field 422 with the message beside it.

use super::{ActionForm, order_page};
use crate::domain::{Note, Text, forms::Fields};
use crate::models::orders::{
    desk::{self, Action, NotTaken, Refused},
    placing::Placer,
};
use crate::routes::prelude::*;

/// Takes `action` (or shows what is wrong with the form) and answers.
async fn take(
    desk: StaffDesk,
    id: i64,
    form: ActionForm,
    action: Result<Action, FormErrors>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let action = match action {
        Ok(action) => action,
        Err(errors) => return again(&desk, id, form, Refused::Fields(errors)).await,
    };
    let staff = Placer::Staff {
        id: desk.who.id,
        name: desk.who.name.clone(),
    };
    let base_url = desk.base_url();
    let done = action.words().1;
    let work =
        move |conn: &mut diesel::PgConnection| desk::act(conn, id, &staff, &action, &base_url);
    let location = format!("/orders/{id}");
    let at = location.clone();
    match submission.create(desk.pool(), work, move |_| at).await? {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(_)) => desk.done(Msg::new(done), &location),
        Once::First(Err(NotTaken::Failed(e))) => Err(e),
        Once::First(Err(NotTaken::Refused(why))) => again(&desk, id, form, why).await,
    }
}

/// The order's page again, with why the action was not taken.
async fn again(desk: &StaffDesk, id: i64, form: ActionForm, why: Refused) -> Reply {
    let status = match why {
        Refused::State(_) => StatusCode::CONFLICT,
        Refused::Fields(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let page = order_page(desk, id, form, Some(why)).await?;
    respond::page(status, &page)
}

type ActionRequest = (StaffDesk, web::Path<i64>, HtmlForm<ActionForm>, Submission);

/// `POST /orders/{id}/payment` (administrators): a prepaid order's payment, with an optional
/// reference.
pub async fn payment((desk, path, HtmlForm(form), submission): ActionRequest) -> Reply {
    let mut f = Fields::new();
    let reference = f.optional("reference", &form.reference, Text::<60>::parse);
    let action = f.finish(|| Action::Payment {
        reference: reference.map(Text::into_string).unwrap_or_default(),
    });
    take(desk, path.into_inner(), form, action, submission).await
}

/// `DELETE /orders/{id}/hold` (administrators): releases a credit hold; "over the limit" on
/// purpose when the credit still does not cover it.
pub async fn release((desk, path, HtmlForm(form), submission): ActionRequest) -> Reply {
    let over_limit = form.over_limit.is_some();
    let action = Ok(Action::Release { over_limit });
    take(desk, path.into_inner(), form, action, submission).await
}

/// `POST /orders/{id}/allocation`: stock set aside.
pub async fn allocate((desk, path, HtmlForm(form), submission): ActionRequest) -> Reply {
    take(
        desk,
        path.into_inner(),
        form,
        Ok(Action::Allocate { expected: None }),
        submission,
    )
    .await
}

/// `POST /orders/{id}/invoice`: an order on invoice invoiced now, not when it is dispatched.
pub async fn invoice((desk, path, HtmlForm(form), submission): ActionRequest) -> Reply {
    let action = Ok(Action::Invoice);
    take(desk, path.into_inner(), form, action, submission).await
}

/// `POST /orders/{id}/priority`: to the front of its tab.
pub async fn prioritise((desk, path, HtmlForm(form), submission): ActionRequest) -> Reply {
    let action = Ok(Action::Priority(true));
    take(desk, path.into_inner(), form, action, submission).await
}

/// `DELETE /orders/{id}/priority`: back among the others.
pub async fn unprioritise((desk, path, HtmlForm(form), submission): ActionRequest) -> Reply {
    let action = Ok(Action::Priority(false));
    take(desk, path.into_inner(), form, action, submission).await
}

/// `POST /orders/{id}/shipment`: carrier and tracking number; the order is dispatched.
pub async fn ship((desk, path, HtmlForm(form), submission): ActionRequest) -> Reply {
    let action = shipment_of(&form.carrier, &form.tracking_number);
    take(desk, path.into_inner(), form, action, submission).await
}

/// A shipment as the desk's form and the API send it: a carrier and a tracking number, each
/// required and at most 60 characters.
pub(crate) fn shipment_of(carrier: &str, tracking: &str) -> Result<Action, FormErrors> {
    let mut f = Fields::new();
    let missing = "order-desk-field-required";
    let carrier = f.required("carrier", carrier, missing, Text::<60>::parse);
    let tracking = f.required("tracking_number", tracking, missing, Text::<60>::parse);
    f.finish(|| Action::Shipment {
        carrier: carrier.map(Text::into_string).unwrap_or_default(),
        tracking: tracking.map(Text::into_string).unwrap_or_default(),
    })
}

/// A required text of at most `MAX` characters, or the message beside it.
pub(crate) fn written<const MAX: usize>(
    name: &str,
    raw: &str,
    missing: &'static str,
) -> Result<String, FormErrors> {
    let mut f = Fields::new();
    let text = f.required(name, raw, missing, Note::<MAX>::parse);
    f.finish(|| text.map(Note::into_string).unwrap_or_default())
}

/// `POST /orders/{id}/cancellation`: cancelled, for a reason the customer is told.
pub async fn cancel((desk, path, HtmlForm(form), submission): ActionRequest) -> Reply {
    let reason = written::<500>("reason", &form.reason, "order-desk-reason-required");
    let action = reason.map(|reason| Action::Cancel { reason });
    take(desk, path.into_inner(), form, action, submission).await
}

/// `POST /orders/{id}/notes`: a remark in the timeline, signed by its author.
pub async fn note((desk, path, HtmlForm(form), submission): ActionRequest) -> Reply {
    let body = written::<2000>("body", &form.body, "order-desk-note-required");
    let action = body.map(|body| Action::Note { body });
    take(desk, path.into_inner(), form, action, submission).await
}
