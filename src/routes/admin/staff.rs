//! Staff accounts, for administrators: who can sign in, with which roles; deactivation ends an
//! account's sessions at once.

use crate::{
    auth::CurrentStaff,
    db::{self, DbPool},
    error::AppResult,
    models::access::staff::Staff,
    routes::layout::Layout,
    routes::respond,
};
use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "admin/staff/index.html")]
pub struct StaffIndexPage {
    layout: Layout,
    staff: Vec<Staff>,
    me: i64,
}

pub async fn redirect_to_index() -> HttpResponse {
    respond::see_other("/admin/staff")
}

pub async fn index(
    layout: Layout,
    me: CurrentStaff,
    pool: web::Data<DbPool>,
) -> AppResult<StaffIndexPage> {
    let staff = db::run(&pool, |conn| Ok(Staff::all(conn)?)).await?;
    Ok(StaffIndexPage {
        layout: layout.titled("Staff accounts").in_section("admin"),
        staff,
        me: me.id,
    })
}

#[derive(Deserialize)]
pub struct ActiveForm {
    active: bool,
}

pub async fn set_active(
    me: CurrentStaff,
    path: web::Path<i64>,
    form: web::Form<ActiveForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let active = form.active;
    if id == me.id {
        let text = "You cannot deactivate your own account.";
        return respond::refused(&session, text, "/admin/staff");
    }
    let changed = db::run(&pool, move |conn| Ok(Staff::set_active(conn, id, active)?)).await?;
    log::info!(
        "staff {} set staff {} active={}",
        me.id,
        changed.id,
        changed.active
    );
    let text = if changed.active {
        format!("{} can sign in again.", changed.name)
    } else {
        format!(
            "{} has been deactivated and signed out everywhere.",
            changed.name
        )
    };
    respond::done(&session, text, "/admin/staff")
}
