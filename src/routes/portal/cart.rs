//! The portal's cart and checkout. A user orders for one customer it sees at a time (`?for=`,
//! its own by default; a master or bill-to user chooses among its customers); each rule is that
//! customer's. The cart takes products from the product pages and from a quick-order box; the
//! checkout offers only the deliveries and payments the customer may use, and the order is placed
//! through `models::orders::placing`, which decides again (a crafted POST gains nothing). The same
//! checkout sent twice places one order.

use crate::routes::prelude::*;
use crate::routes::submission::Once;
use crate::{
    models::orders::{
        cart::{self, BadLine, Cart},
        placing::{self, Checkout, Choices, LinesFrom, NotPlaced, Placer, Wanted},
        terms::Refusal,
    },
    models::portal::{self, InScope},
    routes::orders::form::OrderForm,
    routes::submission::Submission,
};

/// The customer a cart is for: `?for=` (one the user sees), else the user's own.
#[derive(Deserialize, Default)]
pub struct For {
    #[serde(rename = "for", default)]
    for_id: Option<i64>,
}

/// The customer a request is for, within the user's scope (another's is a 404).
fn customer_for(desk: &PortalDesk, chosen: Option<i64>) -> AppResult<InScope> {
    let scope = &desk.who.scope;
    match chosen {
        None => Ok(scope.own()),
        Some(id) => scope.pick(id).ok_or(AppError::NotFound),
    }
}

/// The frame of a page of the cart's section, titled `title`.
fn framed(desk: &PortalDesk, title: &'static str) -> AppResult<PortalLayout> {
    Ok(desk.layout()?.titled(Msg::new(title)).in_section("cart"))
}

fn cart_path(customer: InScope) -> String {
    format!("/portal/cart?for={}", customer.id())
}

#[derive(Template)]
#[template(path = "portal/cart.html")]
pub struct CartPage {
    layout: PortalLayout,
    cart: Cart,
    /// Why the customer may not order at all, if it may not.
    refusal: Option<Msg>,
    /// The quick-order box as sent, and its lines that went wrong.
    quick: String,
    bad: Vec<BadLine>,
}

async fn cart_page(
    desk: &PortalDesk,
    customer: InScope,
    quick: String,
    bad: Vec<BadLine>,
) -> AppResult<CartPage> {
    let user_id = desk.who.user.id;
    let (cart, refusal) = desk
        .run(move |conn| {
            let refusal = placing::standing(conn, customer.id())?.may_order().err();
            Ok((cart::load(conn, user_id, customer)?, refusal))
        })
        .await?;
    Ok(CartPage {
        layout: framed(desk, "portal-cart-title")?,
        cart,
        refusal,
        quick,
        bad,
    })
}

pub async fn show(desk: PortalDesk, query: web::Query<For>) -> Reply {
    let customer = customer_for(&desk, query.for_id)?;
    let page = cart_page(&desk, customer, String::new(), Vec::new()).await?;
    respond::page(StatusCode::OK, &page)
}

/// A cart line as its forms send it: the product (from the form when adding, from the path when
/// changing a line), the quantity as typed, and the customer it is for.
#[derive(Deserialize)]
pub struct LineForm {
    #[serde(default)]
    product_id: Option<i64>,
    #[serde(default)]
    quantity: String,
    #[serde(rename = "for", default)]
    for_id: Option<i64>,
}

/// `POST /portal/cart`: a product from its page, once per form (a double click adds it once).
pub async fn add(
    desk: PortalDesk,
    HtmlForm(form): HtmlForm<LineForm>,
    submission: Submission,
) -> Reply {
    // A product page's form always names its product; without one there is nothing to add.
    let product_id = form.product_id.ok_or(AppError::NotFound)?;
    let customer = customer_for(&desk, form.for_id)?;
    let owner = (desk.who.user.id, customer);
    let quantity = form.quantity.trim().parse::<i32>().unwrap_or(0);
    let wanted = Wanted {
        product_id,
        quantity,
    };
    let back = cart_path(customer);
    let sent = submission
        .once_at(desk.pool(), back.clone(), move |conn| {
            Ok(match cart::add(conn, owner, wanted)? {
                Ok(()) => (None, true),
                Err(why) => (Some(why), false),
            })
        })
        .await?;
    match sent {
        Once::Repeat(first) => Ok(respond::see_other(&first)),
        Once::First(None) => desk.done(Msg::new("portal-cart-added"), &back),
        Once::First(Some(why)) => {
            desk.refused(why, &format!("/portal/products/{}", wanted.product_id))
        }
    }
}

#[derive(Deserialize)]
pub struct QuickForm {
    #[serde(default)]
    lines: String,
    #[serde(rename = "for", default)]
    for_id: Option<i64>,
}

/// `POST /portal/cart/quick`: lines of `SKU, quantity`. Good lines go in; the bad ones are
/// shown again, each with its number and reason.
///
/// Once per form: the good lines are kept with the form's key, so the same paste sent again
/// leads to the cart instead of adding them twice.
pub async fn quick(
    desk: PortalDesk,
    HtmlForm(form): HtmlForm<QuickForm>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let customer = customer_for(&desk, form.for_id)?;
    let owner = (desk.who.user.id, customer);
    let text: String = form.lines.chars().take(20_000).collect();
    let pasted = text.clone();
    let sent = submission
        .once_at(desk.pool(), cart_path(customer), move |conn| {
            Ok((cart::quick(conn, owner, &pasted)?, true))
        })
        .await?;
    let (added, bad) = match sent {
        Once::Repeat(first) => return Ok(respond::see_other(&first)),
        Once::First(outcome) => outcome,
    };
    if bad.is_empty() {
        let done = Msg::new("portal-cart-quick-added").arg("count", added);
        return desk.done(done, &cart_path(customer));
    }
    let kept: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| bad.iter().any(|b| b.number == i + 1))
        .map(|(_, l)| l)
        .collect();
    let page = cart_page(&desk, customer, kept.join("\n"), bad).await?;
    respond::again(&page)
}

/// `POST /portal/orders/{number}/again`: the order's lines into the cart of its customer; what
/// can no longer be ordered is left out, and the message says which.
/// Once per form: a double click puts the lines in once.
pub async fn order_again(
    desk: PortalDesk,
    path: web::Path<String>,
    submission: Submission,
) -> Reply {
    let number = path.into_inner();
    let (user_id, scope) = (desk.who.user.id, desk.who.scope.clone());
    let sent = submission
        .once(desk.pool(), move |conn| {
            // Another customer's order answers as one that does not exist.
            let order =
                portal::order_by_number(conn, &scope, &number)?.ok_or(AppError::NotFound)?;
            let customer = scope.pick(order.customer_id).ok_or(AppError::NotFound)?;
            let lines = order.lines(conn)?;
            let (added, dropped) = cart::order_again(conn, (user_id, customer), &lines)?;
            Ok(((customer, added, dropped), Some(cart_path(customer))))
        })
        .await?;
    let (customer, added, dropped) = match sent {
        Once::Repeat(first) => return Ok(respond::see_other(&first)),
        Once::First(outcome) => outcome,
    };
    let back = cart_path(customer);
    match (added, dropped.is_empty()) {
        (_, true) => desk.done(
            Msg::new("portal-order-again-added").arg("count", added),
            &back,
        ),
        (0, false) => desk.refused(Msg::new("portal-order-again-none"), &back),
        (_, false) => {
            let left_out = Msg::new("portal-order-again-some")
                .arg("count", added)
                .arg("skus", dropped.join(", "));
            desk.refused(left_out, &back)
        }
    }
}

/// `POST /portal/cart/{product_id}`: a line's new quantity (0 or "remove" takes it out).
pub async fn update(
    desk: PortalDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<LineForm>,
) -> Reply {
    let customer = customer_for(&desk, form.for_id)?;
    let owner = (desk.who.user.id, customer);
    let product_id = path.into_inner();
    let quantity = form.quantity.trim().parse::<i32>().unwrap_or(-1);
    let set = desk
        .run(move |conn| Ok(cart::set(conn, owner, product_id, quantity)?))
        .await?;
    let back = cart_path(customer);
    match set {
        Ok(()) if quantity == 0 => desk.done(Msg::new("portal-cart-removed"), &back),
        Ok(()) => desk.done(Msg::new("portal-cart-updated"), &back),
        Err(why) => desk.refused(why, &back),
    }
}

#[derive(Template)]
#[template(path = "portal/checkout.html")]
pub struct CheckoutPage {
    layout: PortalLayout,
    cart: Cart,
    choices: Choices,
    form: OrderForm,
    errors: FormErrors,
    refusal: Option<Msg>,
}

async fn checkout_page(
    desk: &PortalDesk,
    customer: InScope,
    mut form: OrderForm,
    errors: FormErrors,
) -> AppResult<CheckoutPage> {
    let user_id = desk.who.user.id;
    let (cart, choices) = desk
        .run(move |conn| {
            let choices = placing::choices(conn, customer.id())?;
            Ok((cart::load(conn, user_id, customer)?, choices))
        })
        .await?;
    let refusal = choices.standing.may_order().err();
    form.first_choices(&choices);
    Ok(CheckoutPage {
        layout: framed(desk, "portal-checkout-title")?,
        cart,
        choices,
        form,
        errors,
        refusal,
    })
}

pub async fn checkout(desk: PortalDesk, query: web::Query<For>) -> Reply {
    let customer = customer_for(&desk, query.for_id)?;
    let page = checkout_page(&desk, customer, OrderForm::default(), FormErrors::new()).await?;
    if page.cart.is_empty() {
        return desk.refused(Msg::new("portal-checkout-empty"), &cart_path(customer));
    }
    respond::page(StatusCode::OK, &page)
}

/// `POST /portal/checkout`: places the order of the cart, or shows the checkout again with
/// the reasons (422; a customer that may not order at all: 409).
pub async fn place(
    desk: PortalDesk,
    HtmlForm(form): HtmlForm<OrderForm>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let customer = customer_for(&desk, form.for_id)?;
    let user = &desk.who.user;
    let (user_id, name) = (user.id, user.name.clone());
    let checkout = match form.checkout(customer.id(), Placer::User { id: user_id, name }) {
        Ok(checkout) => checkout,
        Err(errors) => return answer(&desk, form, Refusal::Fields(errors)).await,
    };
    let base_url = desk.base_url();
    let work = move |conn: &mut diesel::PgConnection| {
        // Out of the cart as the order takes them: a refusal rolls back and puts them back.
        let lines = cart::take(conn, user_id, customer)?;
        let from_cart = Checkout {
            lines,
            lines_from: LinesFrom::Cart,
            ..checkout
        };
        placing::place(conn, &from_cart, &base_url)
    };
    let order_path = |p: &placing::Placed| format!("/portal/orders/{}", p.number);
    match submission.create(desk.pool(), work, order_path).await? {
        Once::Repeat(location) => Ok(respond::see_other(&location)),
        Once::First(Ok(p)) => {
            let location = order_path(&p);
            let placed = Msg::new("portal-checkout-placed").arg("number", p.number.as_str());
            desk.done(p.notice.unwrap_or(placed), &location)
        }
        Once::First(Err(NotPlaced::Failed(e))) => Err(e),
        Once::First(Err(NotPlaced::Refused(why))) => answer(&desk, form, why).await,
    }
}

/// The checkout again, with why the order was not placed: a 409 when the customer may not
/// order at all, else a 422 with a message beside each field.
async fn answer(desk: &PortalDesk, form: OrderForm, refused: Refusal) -> Reply {
    let customer = customer_for(desk, form.for_id)?;
    let (errors, refusal) = match refused {
        Refusal::Fields(errors) => (errors, None),
        Refusal::CannotOrder(why) => (FormErrors::new(), Some(why)),
    };
    let status = match refusal {
        Some(_) => StatusCode::CONFLICT,
        None => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let mut page = checkout_page(desk, customer, form, errors).await?;
    page.refusal = refusal.or(page.refusal);
    respond::page(status, &page)
}
