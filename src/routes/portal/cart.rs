//! The portal's cart and checkout. A user orders for one customer it sees at a time (`?for=`,
//! its own by default; a master or bill-to user chooses among its customers); each rule is that
//! customer's. The cart takes products from the product pages and from a quick-order box; the
//! checkout offers only the deliveries and payments the customer may use, and the order is placed
//! through `models::orders::placing`, which decides again (a crafted POST gains nothing). The same
//! checkout sent twice places one order.

use crate::routes::prelude::*;
use crate::routes::submission::Once;
use crate::{
    domain::{
        Note, PaymentMethod, Text,
        forms::{Fields, FormErrors},
    },
    models::orders::{
        cart::{self, BadLine, Cart},
        placing::{self, Checkout, Choices, NotPlaced, Placer, Wanted},
        terms::{Choice, Delivery, Refusal},
    },
    models::portal::{self, InScope},
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
    let layout = desk
        .layout()?
        .titled(Msg::new("portal-cart-title"))
        .in_section("cart");
    Ok(CartPage {
        layout,
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

#[derive(Deserialize)]
pub struct AddForm {
    product_id: i64,
    #[serde(default)]
    quantity: String,
    #[serde(rename = "for", default)]
    for_id: Option<i64>,
}

/// `POST /portal/cart`: a product from its page, once per form (a double click adds it once).
pub async fn add(
    desk: PortalDesk,
    HtmlForm(form): HtmlForm<AddForm>,
    submission: Submission,
) -> Reply {
    let customer = customer_for(&desk, form.for_id)?;
    let owner = (desk.who.user.id, customer);
    let quantity = form.quantity.trim().parse::<i32>().unwrap_or(0);
    let wanted = Wanted {
        product_id: form.product_id,
        quantity,
    };
    let back = cart_path(customer);
    let location = back.clone();
    let sent = submission
        .once(desk.pool(), move |conn| {
            Ok(match cart::add(conn, owner, wanted)? {
                Ok(()) => (None, Some(location)),
                Err(why) => (Some(why), None),
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
    let (pasted, location) = (text.clone(), cart_path(customer));
    let sent = submission
        .once(desk.pool(), move |conn| {
            Ok((cart::quick(conn, owner, &pasted)?, Some(location)))
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

#[derive(Deserialize)]
pub struct QuantityForm {
    #[serde(default)]
    quantity: String,
    #[serde(rename = "for", default)]
    for_id: Option<i64>,
}

/// `POST /portal/cart/{product_id}`: a line's new quantity (0 or "remove" takes it out).
pub async fn update(
    desk: PortalDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<QuantityForm>,
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

/// What the checkout form sends.
#[derive(Deserialize, Default, Clone)]
pub struct CheckoutForm {
    #[serde(rename = "for", default)]
    for_id: Option<i64>,
    /// `ship:{address id}` or `pickup:{store id}`.
    #[serde(default)]
    delivery: String,
    #[serde(default)]
    payment: String,
    #[serde(default)]
    customer_reference: String,
    #[serde(default)]
    requested_delivery: String,
    #[serde(default)]
    note: String,
}

impl CheckoutForm {
    fn delivery(&self) -> Option<Delivery> {
        let (kind, id) = self.delivery.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "ship" => Some(Delivery::Ship(id)),
            "pickup" => Some(Delivery::Pickup(id)),
            _ => None,
        }
    }

    fn payment(&self) -> Option<PaymentMethod> {
        self.payment.parse().ok()
    }

    /// The order as sent (its lines are the cart's, read when it is placed), or the messages
    /// beside the reference, the date and the note. Delivery and payment are the decision's to
    /// judge.
    fn checkout(&self, customer_id: i64, placer: Placer) -> Result<Checkout, FormErrors> {
        let mut f = Fields::new();
        let reference = f.optional(
            "customer_reference",
            &self.customer_reference,
            Text::<60>::parse,
        );
        let requested_delivery =
            f.optional("requested_delivery", &self.requested_delivery, |day| {
                chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                    .ok()
                    .filter(|d| *d >= chrono::Utc::now().date_naive())
                    .ok_or(Msg::new("portal-checkout-date-invalid"))
            });
        let note = f.optional("note", &self.note, Note::<2000>::parse);
        f.finish(|| Checkout {
            customer_id,
            lines: Vec::new(),
            choice: Choice {
                delivery: self.delivery(),
                payment: self.payment(),
                reference: reference.map(Text::into_string).unwrap_or_default(),
                requested_delivery,
                note: note.map(Note::into_string),
            },
            placer,
        })
    }
}

#[derive(Template)]
#[template(path = "portal/checkout.html")]
pub struct CheckoutPage {
    layout: PortalLayout,
    cart: Cart,
    choices: Choices,
    form: CheckoutForm,
    errors: FormErrors,
    refusal: Option<Msg>,
}

impl CheckoutPage {
    fn is_delivery(&self, value: &str) -> bool {
        self.form.delivery == value
    }

    fn is_payment(&self, method: &PaymentMethod) -> bool {
        self.form.payment == method.as_str()
    }

    /// The reference field's label: "(required)" when the customer's orders need one.
    fn reference_label(&self) -> String {
        self.layout
            .t(if self.choices.standing.customer.reference_required {
                "portal-checkout-reference-required"
            } else {
                "portal-checkout-reference"
            })
    }

    /// Paying on invoice is offered: the credit situation is shown beside it.
    fn offers_invoice(&self) -> bool {
        self.choices.payments().contains(&PaymentMethod::Invoice)
    }
}

async fn checkout_page(
    desk: &PortalDesk,
    customer: InScope,
    form: CheckoutForm,
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
    let layout = desk
        .layout()?
        .titled(Msg::new("portal-checkout-title"))
        .in_section("cart");
    let mut form = form;
    // As the form first appears: the default shipping address, and the first way to pay the
    // customer may use (on invoice for a term customer).
    if form.delivery.is_empty() {
        form.delivery = choices.first_delivery();
    }
    if form.payment.is_empty() {
        form.payment = choices
            .payments()
            .first()
            .map_or("", |p| p.as_str())
            .to_string();
    }
    Ok(CheckoutPage {
        layout,
        cart,
        choices,
        form,
        errors,
        refusal,
    })
}

pub async fn checkout(desk: PortalDesk, query: web::Query<For>) -> Reply {
    let customer = customer_for(&desk, query.for_id)?;
    let page = checkout_page(&desk, customer, CheckoutForm::default(), FormErrors::new()).await?;
    if page.cart.is_empty() {
        return desk.refused(Msg::new("portal-checkout-empty"), &cart_path(customer));
    }
    respond::page(StatusCode::OK, &page)
}

/// `POST /portal/checkout`: places the order of the cart, or shows the checkout again with
/// the reasons (422; a customer that may not order at all: 409).
pub async fn place(
    desk: PortalDesk,
    HtmlForm(form): HtmlForm<CheckoutForm>,
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
    let work = move |conn: &mut diesel::PgConnection| {
        let lines = cart::load(conn, user_id, customer)?.wanted();
        let placed = placing::place(conn, &Checkout { lines, ..checkout })?;
        cart::clear(conn, user_id, customer)?;
        Ok(placed)
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
async fn answer(desk: &PortalDesk, form: CheckoutForm, refused: Refusal) -> Reply {
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
