//! A new order on a customer's behalf (`/customers/{id}/orders/new`): the lines typed as
//! `SKU, quantity`, and the same choices and rules as the portal's checkout, decided by the same
//! `placing::place` and signed by the staff member. Sent twice, it places one order.

use super::form::OrderForm;
use crate::models::orders::{
    cart::{self, BadLine},
    placing::{self, Checkout, Choices, NotPlaced, Placed, Placer},
    terms::Refusal,
};
use crate::routes::layout::CustomerHeader;
use crate::routes::prelude::*;

#[derive(Template)]
#[template(path = "orders/new.html")]
pub struct NewOrderPage {
    layout: Layout,
    header: CustomerHeader,
    choices: Choices,
    form: OrderForm,
    errors: FormErrors,
    /// The typed lines that went wrong, each with its number and reason.
    bad: Vec<BadLine>,
    /// Why the customer may not order at all, if it may not.
    refusal: Option<Msg>,
}

async fn new_page(
    desk: &StaffDesk,
    id: i64,
    mut form: OrderForm,
    (errors, bad): (FormErrors, Vec<BadLine>),
) -> AppResult<NewOrderPage> {
    let (header, choices) = desk
        .run(move |conn| {
            let header = CustomerHeader::load(conn, id, "orders")?;
            Ok((header, placing::choices(conn, id)?))
        })
        .await?;
    form.first_choices(&choices);
    let refusal = choices.standing.may_order().err();
    Ok(NewOrderPage {
        layout: header.frame(desk.layout()?, "orders-new-title"),
        header,
        choices,
        form,
        errors,
        bad,
        refusal,
    })
}

pub async fn new(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let none = (FormErrors::new(), Vec::new());
    let page = new_page(&desk, path.into_inner(), OrderForm::default(), none).await?;
    respond::page(StatusCode::OK, &page)
}

/// Why the order was not placed: typed lines that name nothing orderable, or the decision's
/// refusal.
enum Unplaced {
    Lines(Vec<BadLine>),
    Not(NotPlaced),
}

/// `POST /customers/{id}/orders`: places the order, or shows the form again with the reasons.
pub async fn create(
    desk: StaffDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<OrderForm>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let placer = Placer::Staff {
        id: desk.who.id,
        name: desk.who.name.clone(),
    };
    let checkout = match form.checkout(id, placer) {
        Ok(checkout) => checkout,
        Err(errors) => return answer(&desk, id, form, Unplaced::Not(refused(errors))).await,
    };
    let (text, base_url) = (form.lines.clone(), desk.base_url());
    let work = move |conn: &mut diesel::PgConnection| {
        let (good, bad) = cart::lines_of(conn, id, &text).map_err(|e| failed(e.into()))?;
        if !bad.is_empty() {
            return Err(Unplaced::Lines(bad));
        }
        let lines = good.into_iter().map(|l| l.wanted).collect();
        placing::place(conn, &Checkout { lines, ..checkout }, &base_url).map_err(Unplaced::Not)
    };
    let order_path = |p: &Placed| format!("/orders/{}", p.id);
    match submission.create(desk.pool(), work, order_path).await? {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(p)) => {
            let (location, placed) = (order_path(&p), Msg::new("orders-new-placed"));
            desk.done(
                p.notice.unwrap_or(placed.arg("number", p.number)),
                &location,
            )
        }
        Once::First(Err(Unplaced::Not(NotPlaced::Failed(e)))) => Err(e),
        Once::First(Err(why)) => answer(&desk, id, form, why).await,
    }
}

fn refused(errors: FormErrors) -> NotPlaced {
    NotPlaced::Refused(Refusal::Fields(errors))
}

fn failed(e: AppError) -> Unplaced {
    Unplaced::Not(NotPlaced::Failed(e))
}

/// The form again: 422 with a message beside each field (or each bad line), 409 when the
/// customer may not order at all.
async fn answer(desk: &StaffDesk, id: i64, form: OrderForm, why: Unplaced) -> Reply {
    let (errors, bad, cannot) = match why {
        Unplaced::Lines(bad) => (
            FormErrors::one("lines", Msg::new("orders-new-bad-lines")),
            bad,
            None,
        ),
        Unplaced::Not(NotPlaced::Refused(Refusal::Fields(errors))) => (errors, Vec::new(), None),
        Unplaced::Not(NotPlaced::Refused(Refusal::CannotOrder(m))) => {
            (FormErrors::new(), Vec::new(), Some(m))
        }
        Unplaced::Not(NotPlaced::Failed(e)) => return Err(e),
    };
    let status = match cannot {
        Some(_) => StatusCode::CONFLICT,
        None => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let mut page = new_page(desk, id, form, (errors, bad)).await?;
    page.refusal = cannot.or(page.refusal);
    respond::page(status, &page)
}
