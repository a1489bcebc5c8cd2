//! Webhooks, for administrators (`/admin/webhooks`): the endpoints that are told of events, each
//! with the events it takes, and a form for a new one. A new endpoint's signing secret is shown
//! once, in the message after the form (a sealed one-time cookie). An endpoint's page changes
//! its URL, events and whether it is active, lists its latest deliveries with their status,
//! response codes and attempts, and sends one again by hand. See `crate::webhooks`.

use crate::config::{Config, Mode};
use crate::routes::prelude::*;
use crate::webhooks::{self, Attempt, Delivery, EVENTS, Endpoint, EndpointForm};

const INDEX: &str = "/admin/webhooks";

#[derive(Template)]
#[template(path = "admin/webhooks/index.html")]
pub struct WebhooksPage {
    layout: Layout,
    endpoints: Vec<Endpoint>,
    form: EndpointForm,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "admin/webhooks/show.html")]
pub struct EndpointPage {
    layout: Layout,
    endpoint: Endpoint,
    form: EndpointForm,
    errors: FormErrors,
    deliveries: Vec<Delivery>,
    attempts: Vec<Attempt>,
}

/// The events, for the forms' check boxes.
pub fn events() -> [&'static str; 11] {
    EVENTS
}

impl EndpointPage {
    fn attempts_of(&self, delivery: &Delivery) -> Vec<&Attempt> {
        self.attempts
            .iter()
            .filter(|a| a.delivery_id == delivery.id)
            .collect()
    }
}

/// Whether internal addresses are refused: in production.
fn private_refused(config: &Config) -> bool {
    config.mode == Mode::Production
}

/// The admin frame of a webhook page titled `title`.
fn framed(desk: &StaffDesk, title: Msg) -> AppResult<Layout> {
    Ok(desk.layout()?.titled(title).in_section("admin"))
}

async fn list_page(desk: &StaffDesk, form: EndpointForm, errors: FormErrors) -> Reply {
    let page = WebhooksPage {
        endpoints: desk.run(|conn| Ok(Endpoint::all(conn)?)).await?,
        layout: framed(desk, Msg::new("admin-webhooks-title"))?,
        form,
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn index(desk: StaffDesk) -> Reply {
    list_page(&desk, EndpointForm::default(), FormErrors::new()).await
}

/// `POST /admin/webhooks`: makes an endpoint and shows its secret once.
pub async fn create(
    desk: StaffDesk,
    config: web::Data<Config>,
    form: HtmlForm<EndpointForm>,
    submission: Submission,
) -> Reply {
    let sent = form.into_inner();
    let (form, refused) = (sent.clone(), private_refused(&config));
    let errors = web::block(move || form.check(refused)).await?;
    if !errors.is_empty() {
        return list_page(&desk, sent, errors).await;
    }
    let (form, staff_id) = (sent.clone(), desk.who.id);
    let work = move |conn: &mut _| webhooks::create(conn, &form, staff_id);
    let at = |(e, _): &(Endpoint, String)| format!("{INDEX}/{}", e.id);
    match submission.create(desk.pool(), work, at).await? {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok((endpoint, secret))) => {
            log::info!("staff {staff_id} made webhook endpoint {}", endpoint.id);
            let text = Msg::new("admin-webhook-made")
                .arg("url", &endpoint.url)
                .arg("secret", &secret);
            desk.done(text, &format!("{INDEX}/{}", endpoint.id))
        }
        Once::First(Err(e)) => Err(e.into()),
    }
}

async fn endpoint_page(
    desk: &StaffDesk,
    id: i64,
    form: Option<EndpointForm>,
    errors: FormErrors,
) -> Reply {
    let (endpoint, deliveries, attempts) = desk
        .run(move |conn| {
            let endpoint = Endpoint::find(conn, id)?;
            let deliveries = webhooks::deliveries(conn, id)?;
            let ids: Vec<i64> = deliveries.iter().map(|d| d.id).collect();
            Ok((endpoint, deliveries, webhooks::attempts(conn, &ids)?))
        })
        .await?;
    let page = EndpointPage {
        layout: framed(desk, Msg::verbatim(endpoint.url.clone()))?,
        form: form.unwrap_or_else(|| EndpointForm::of(&endpoint)),
        endpoint,
        errors,
        deliveries,
        attempts,
    };
    respond::form(&page, &page.errors)
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    endpoint_page(&desk, path.into_inner(), None, FormErrors::new()).await
}

/// `POST /admin/webhooks/{id}`: its URL, description, events and whether it is active.
pub async fn update(
    desk: StaffDesk,
    config: web::Data<Config>,
    path: web::Path<i64>,
    form: HtmlForm<EndpointForm>,
) -> Reply {
    let (id, sent) = (path.into_inner(), form.into_inner());
    let (form, refused) = (sent.clone(), private_refused(&config));
    let errors = web::block(move || form.check(refused)).await?;
    if !errors.is_empty() {
        return endpoint_page(&desk, id, Some(sent), errors).await;
    }
    let endpoint = desk
        .run(move |conn| Ok(webhooks::update(conn, id, &sent)?))
        .await?;
    let text = Msg::new("admin-webhook-saved").arg("url", &endpoint.url);
    desk.done(text, &format!("{INDEX}/{id}"))
}

/// `DELETE /admin/webhooks/{id}`: the endpoint and its deliveries.
pub async fn delete(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let url = desk
        .run(move |conn| Ok(webhooks::delete(conn, id)?))
        .await?;
    let url = url.ok_or(AppError::NotFound)?;
    desk.done(Msg::new("admin-webhook-deleted").arg("url", url), INDEX)
}

/// `POST /admin/webhooks/{id}/deliveries/{delivery_id}/redelivery`: sent again soon.
pub async fn redeliver(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    let (id, delivery_id) = path.into_inner();
    let again = desk
        .run(move |conn| Ok(webhooks::redeliver(conn, id, delivery_id)?))
        .await?;
    let text = match again {
        true => "admin-webhook-redelivery",
        false => "admin-webhook-redelivery-busy",
    };
    desk.done(Msg::new(text), &format!("{INDEX}/{id}"))
}
