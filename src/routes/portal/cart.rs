//! The portal's cart and checkout. A user orders for one customer it sees at a time (`?for=`,
//! its own by default; a master or bill-to user chooses among its customers); each rule is that
//! customer's. The cart takes products from the product pages and from a quick-order box; the
//! checkout offers only the deliveries and payments the customer may use, and the order is placed
//! through `models::orders::placing`, which decides again (a crafted POST gains nothing). The same
//! checkout sent twice places one order.

use crate::routes::prelude::*;
use crate::routes::submission::Once;
use crate::{
    domain::{PaymentMethod, forms::FormErrors},
    models::orders::{
        cart::{self, BadLine, Cart},
        placing::{self, Checkout, Choices, NotPlaced, Placer},
        terms::{Delivery, Refusal},
    },
    routes::submission::Submission,
};

/// The customer a cart is for: `?for=` (one the user sees), else the user's own.
#[derive(Deserialize, Default)]
pub struct For {
    #[serde(rename = "for", default)]
    for_id: Option<i64>,
}

/// The customer a request is for, within the user's scope (another's is a 404).
fn customer_for(desk: &PortalDesk, chosen: Option<i64>) -> AppResult<i64> {
    let own = desk.who.customer.id;
    match chosen {
        None => Ok(own),
        Some(id) if desk.who.scope.customers().iter().any(|c| c.id == id) => Ok(id),
        Some(_) => Err(AppError::NotFound),
    }
}

fn cart_path(customer_id: i64) -> String {
    format!("/portal/cart?for={customer_id}")
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

impl CartPage {
    fn for_id(&self) -> i64 {
        self.cart.customer_id
    }

    fn money(&self, cents: impl std::borrow::Borrow<i64>) -> String {
        self.layout
            .l
            .money(cents, self.cart.currency().unwrap_or("EUR"))
    }
}

async fn cart_page(
    desk: &PortalDesk,
    customer_id: i64,
    quick: String,
    bad: Vec<BadLine>,
) -> AppResult<CartPage> {
    let user_id = desk.who.user.id;
    let (cart, refusal) = desk
        .run(move |conn| {
            let refusal = placing::standing(conn, customer_id)?.may_order().err();
            Ok((cart::load(conn, user_id, customer_id)?, refusal))
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
    let customer_id = customer_for(&desk, query.for_id)?;
    let page = cart_page(&desk, customer_id, String::new(), Vec::new()).await?;
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

/// `POST /portal/cart`: a product from its page.
pub async fn add(desk: PortalDesk, HtmlForm(form): HtmlForm<AddForm>) -> Reply {
    let customer_id = customer_for(&desk, form.for_id)?;
    let owner = (desk.who.user.id, customer_id);
    let quantity = form.quantity.trim().parse::<i32>().unwrap_or(0);
    let product_id = form.product_id;
    let added = desk
        .run(move |conn| Ok(cart::add(conn, owner, product_id, quantity)?))
        .await?;
    match added {
        Ok(()) => desk.done(Msg::new("portal-cart-added"), &cart_path(customer_id)),
        Err(why) => desk.refused(why, &format!("/portal/products/{product_id}")),
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
pub async fn quick(desk: PortalDesk, HtmlForm(form): HtmlForm<QuickForm>) -> Reply {
    desk.frame_first()?;
    let customer_id = customer_for(&desk, form.for_id)?;
    let owner = (desk.who.user.id, customer_id);
    let text: String = form.lines.chars().take(20_000).collect();
    let pasted = text.clone();
    let (added, bad) = desk
        .run(move |conn| Ok(cart::quick(conn, owner, &pasted)?))
        .await?;
    if bad.is_empty() {
        let done = Msg::new("portal-cart-quick-added").arg("count", added);
        return desk.done(done, &cart_path(customer_id));
    }
    let kept: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| bad.iter().any(|b| b.number == i + 1))
        .map(|(_, l)| l)
        .collect();
    let page = cart_page(&desk, customer_id, kept.join("\n"), bad).await?;
    respond::again(&page)
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
    let customer_id = customer_for(&desk, form.for_id)?;
    let owner = (desk.who.user.id, customer_id);
    let product_id = path.into_inner();
    let quantity = form.quantity.trim().parse::<i32>().unwrap_or(-1);
    let set = desk
        .run(move |conn| Ok(cart::set(conn, owner, product_id, quantity)?))
        .await?;
    let back = cart_path(customer_id);
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
    fn for_id(&self) -> i64 {
        self.cart.customer_id
    }

    fn money(&self, cents: impl std::borrow::Borrow<i64>) -> String {
        self.layout.l.money(cents, &self.choices.standing.currency)
    }

    fn is_delivery(&self, value: &str) -> bool {
        self.form.delivery == value
    }

    fn is_payment(&self, method: &PaymentMethod) -> bool {
        self.form.payment == method.as_str()
    }

    /// The reference field's label: "(required)" when the customer's orders need one.
    fn reference_label(&self) -> String {
        self.layout.t(if self.choices.standing.reference_required {
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
    customer_id: i64,
    form: CheckoutForm,
    errors: FormErrors,
) -> AppResult<CheckoutPage> {
    let user_id = desk.who.user.id;
    let (cart, choices) = desk
        .run(move |conn| {
            let choices = placing::choices(conn, customer_id)?;
            Ok((cart::load(conn, user_id, customer_id)?, choices))
        })
        .await?;
    let refusal = choices.standing.may_order().err();
    let layout = desk
        .layout()?
        .titled(Msg::new("portal-checkout-title"))
        .in_section("cart");
    let mut form = form;
    if form.delivery.is_empty() {
        form.delivery = choices.first_delivery();
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
    let customer_id = customer_for(&desk, query.for_id)?;
    let page = checkout_page(
        &desk,
        customer_id,
        CheckoutForm::default(),
        FormErrors::new(),
    )
    .await?;
    if page.cart.is_empty() {
        return desk.refused(Msg::new("portal-checkout-empty"), &cart_path(customer_id));
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
    let customer_id = customer_for(&desk, form.for_id)?;
    let user = &desk.who.user;
    let user_id = user.id;
    let mut errors = FormErrors::new();
    let reference = form.customer_reference.trim().to_string();
    if reference.chars().count() > 60 {
        errors.add(
            "customer_reference",
            Msg::new("portal-checkout-reference-long"),
        );
    }
    let requested_delivery = match form.requested_delivery.trim() {
        "" => None,
        day => match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            Ok(d) if d >= chrono::Utc::now().date_naive() => Some(d),
            _ => {
                errors.add(
                    "requested_delivery",
                    Msg::new("portal-checkout-date-invalid"),
                );
                None
            }
        },
    };
    let note = Some(form.note.trim().to_string()).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > 2000) {
        errors.add("note", Msg::new("portal-checkout-note-long"));
    }
    if !errors.is_empty() {
        let page = checkout_page(&desk, customer_id, form, errors).await?;
        return respond::again(&page);
    }
    let (delivery, payment) = (form.delivery(), form.payment());
    let placer = Placer::User {
        id: user_id,
        name: user.name.clone(),
    };
    let work = move |conn: &mut diesel::PgConnection| {
        let lines = cart::load(conn, user_id, customer_id)?.wanted();
        let checkout = Checkout {
            customer_id,
            lines,
            delivery,
            payment,
            reference,
            requested_delivery,
            note,
            placer,
        };
        let placed = placing::place(conn, &checkout)?;
        cart::clear(conn, user_id, customer_id)?;
        Ok(placed)
    };
    let created = submission
        .create(desk.pool(), work, |p: &placing::Placed| {
            format!("/portal/orders/{}", p.number)
        })
        .await?;
    let placed = match created {
        Once::Repeat(location) => return Ok(respond::see_other(&location)),
        Once::First(result) => result,
    };
    match placed {
        Ok(p) => {
            let location = format!("/portal/orders/{}", p.number);
            let text = match p.notice {
                Some(notice) => notice,
                None => Msg::new("portal-checkout-placed").arg("number", p.number.as_str()),
            };
            desk.done(text, &location)
        }
        Err(NotPlaced::Failed(e)) => Err(e),
        Err(NotPlaced::Refused(Refusal::CannotOrder(why))) => {
            let mut page = checkout_page(&desk, customer_id, form, FormErrors::new()).await?;
            page.refusal = Some(why);
            respond::page(StatusCode::CONFLICT, &page)
        }
        Err(NotPlaced::Refused(Refusal::Fields(errors))) => {
            let page = checkout_page(&desk, customer_id, form, errors).await?;
            respond::again(&page)
        }
    }
}
