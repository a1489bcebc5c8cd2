//! Prospects apply, signed out: the public form (`/portal/apply`), and the emailed link that
//! confirms it (`/portal/apply/{token}`: a page with a button, so that a mail scanner following
//! the link creates nothing). The rules live in `models::approvals::application`.

use crate::routes::prelude::*;
use crate::{
    config::Config,
    db::{self, DbPool},
    domain::Service,
    models::{
        access::staff::Staff,
        approvals::application::{self, Applied, ApplyForm, Confirmed, Place, Sender},
        reference::Reference,
    },
};
use actix_web::HttpRequest;

#[derive(Template)]
#[template(path = "portal/apply.html")]
struct ApplyPage {
    layout: PortalLayout,
    form: ApplyForm,
    salespeople: Vec<(i64, String)>,
    errors: FormErrors,
    /// Why nothing was sent (throttled), above the form.
    problem: Option<Msg>,
}

impl ApplyPage {
    fn services(&self) -> &'static [Service] {
        Service::ALL
    }
}

/// What the form page needs from the database: the salespeople to choose from.
async fn salespeople(pool: &DbPool) -> AppResult<Vec<(i64, String)>> {
    db::run(pool, |conn| Ok(Staff::salespeople(conn)?)).await
}

fn page(layout: PortalLayout, form: ApplyForm, salespeople: Vec<(i64, String)>) -> ApplyPage {
    ApplyPage {
        layout: layout.titled(Msg::new("apply-title")),
        form,
        salespeople,
        errors: FormErrors::new(),
        problem: None,
    }
}

pub async fn new(layout: PortalLayout, pool: web::Data<DbPool>) -> Reply {
    let people = salespeople(&pool).await?;
    let form = ApplyForm {
        customer_type: crate::domain::CustomerType::Business.as_str().into(),
        ..ApplyForm::default()
    };
    respond::page(StatusCode::OK, &page(layout, form, people))
}

#[derive(Template)]
#[template(path = "portal/apply_sent.html")]
struct SentPage {
    layout: PortalLayout,
    email: String,
}

fn sent(layout: PortalLayout, email: &str) -> Reply {
    let layout = layout.titled(Msg::new("apply-sent-title"));
    let email = email.trim().to_string();
    respond::page(StatusCode::OK, &SentPage { layout, email })
}

/// What `create` works with besides the form.
type Sending = (web::Data<DbPool>, web::Data<Config>, HttpRequest);

pub async fn create(
    layout: PortalLayout,
    (pool, config, req): Sending,
    HtmlForm(form): HtmlForm<ApplyForm>,
) -> Reply {
    if form.is_bot() {
        log::warn!("application with the hidden field filled in: answered, nothing kept");
        return sent(layout, &form.email);
    }
    let addr = respond::client_addr(&req, config.trust_proxy_headers);
    let once = Submission::signed_out(&req, &form.email);
    let outcome = check_and_keep(&pool, &config, &once, addr, form.clone(), layout.l.clone());
    match outcome.await? {
        Once::First(Ok(Applied::Sent)) | Once::Repeat(_) => sent(layout, &form.email),
        Once::First(Ok(Applied::Throttled(until))) => {
            let problem = Msg::new("apply-throttled").arg("time", layout.l.time(&until));
            again(layout, &pool, form, problem).await
        }
        Once::First(Err((errors, people))) => {
            let page = ApplyPage {
                errors,
                ..page(layout, form, people)
            };
            respond::form(&page, &page.errors)
        }
    }
}

/// A refused form's messages, with the salespeople to show it again with.
type Refused = (FormErrors, Vec<(i64, String)>);

/// Checks the form and, when it is right, keeps it and mails its link (the throttle
/// permitting), once for the page's submission key (a double click sends one email), in one
/// transaction.
async fn check_and_keep(
    pool: &DbPool,
    config: &Config,
    once: &Submission,
    addr: String,
    form: ApplyForm,
    l: crate::i18n::L10n,
) -> AppResult<Once<Result<Applied, Refused>>> {
    let (max, window) = (config.login_max_failures, config.login_throttle_window);
    let base_url = config.public_url.clone();
    once.once_at(pool, "/portal/apply".into(), move |conn| {
        let (refs, people) = (Reference::load(conn)?, Staff::salespeople(conn)?);
        if let Err(errors) = form.parse(&refs, &people, &l) {
            return Ok((Err((errors, people)), false));
        }
        let from = Sender {
            client_addr: &addr,
            max,
            window,
            base_url: &base_url,
        };
        let applied = application::submit(conn, &form, &l, &from)?;
        let kept = matches!(applied, Applied::Sent);
        Ok((Ok(applied), kept))
    })
    .await
}

/// The form again, as sent, with a problem above it: 429.
async fn again(layout: PortalLayout, pool: &DbPool, form: ApplyForm, problem: Msg) -> Reply {
    let people = salespeople(pool).await?;
    let page = ApplyPage {
        problem: Some(problem),
        ..page(layout, form, people)
    };
    respond::page(StatusCode::TOO_MANY_REQUESTS, &page)
}

#[derive(Template)]
#[template(path = "portal/apply_confirm.html")]
struct ConfirmPage {
    layout: PortalLayout,
    /// "ask" (the button), "created" or "already".
    state: &'static str,
    action: String,
}

#[derive(Template)]
#[template(path = "portal/link_dead.html")]
struct DeadPage {
    layout: PortalLayout,
}

fn confirm_page(layout: PortalLayout, state: &'static str, token: &str) -> Reply {
    let title = match state {
        "ask" => "apply-confirm-title",
        _ => "apply-confirmed-title",
    };
    let page = ConfirmPage {
        layout: layout.titled(Msg::new(title)),
        state,
        action: format!("/portal/apply/{token}"),
    };
    respond::page(StatusCode::OK, &page)
}

fn dead(layout: PortalLayout) -> Reply {
    let layout = layout.titled(Msg::new("portal-link-dead-title"));
    respond::page(StatusCode::GONE, &DeadPage { layout })
}

/// The link's page: a button that confirms, or what became of the application.
pub async fn show(
    layout: PortalLayout,
    pool: web::Data<DbPool>,
    token: web::Path<String>,
) -> Reply {
    let token = token.into_inner();
    let t = token.clone();
    let state = db::run(&pool, move |conn| Ok(application::state_of(conn, &t)?)).await?;
    match state {
        Some(state) => confirm_page(layout, state, &token),
        None => dead(layout),
    }
}

/// Confirms: the first time creates the customer and its request; later, says so.
pub async fn confirm(
    layout: PortalLayout,
    (pool, config, _): Sending,
    token: web::Path<String>,
) -> Reply {
    let token = token.into_inner();
    let at = Place {
        base_url: config.public_url.clone(),
        price_list_domain: config.price_list_email_domain.clone(),
    };
    let t = token.clone();
    let done = db::transaction(&pool, move |conn| application::confirm(conn, &t, &at)).await?;
    match done {
        Confirmed::Created { customer_id, .. } => {
            log::info!("application confirmed: pending customer {customer_id}");
            confirm_page(layout, "created", &token)
        }
        Confirmed::Already => confirm_page(layout, "already", &token),
        Confirmed::Dead => dead(layout),
    }
}
