//! Maintenance actions for administrators. "Invite every user without a password" is the
//! modern form of the old "set empty passwords": instead of setting passwords, it sends each
//! customer user who has none a fresh invitation (their earlier link dies).

use crate::{
    auth::CurrentStaff,
    config::Config,
    db::{self, DbPool},
    error::AppResult,
    routes::layout::Layout,
    routes::respond,
};
use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;

#[derive(Template, WebTemplate)]
#[template(path = "admin/maintenance.html")]
pub struct MaintenancePage {
    layout: Layout,
    without_password: i64,
}

pub async fn show(layout: Layout, pool: web::Data<DbPool>) -> AppResult<MaintenancePage> {
    let without_password = db::run(&pool, |conn| {
        Ok(crate::models::access::customer_user::count_without_password(conn)?)
    })
    .await?;
    Ok(MaintenancePage {
        layout: layout.titled("Maintenance").in_section("admin"),
        without_password,
    })
}

/// `POST /admin/maintenance/invitations`: invites every user without a password.
pub async fn invite_all(
    staff: CurrentStaff,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    session: Session,
) -> AppResult<HttpResponse> {
    let (staff_id, base) = (staff.id, config.public_url.clone());
    let n = db::transaction(&pool, move |conn| {
        crate::models::access::customer_user::invite_all_without_password(conn, staff_id, &base)
    })
    .await?;
    log::info!("staff {staff_id} sent {n} invitations to users without a password");
    let text = match n {
        0 => "Every customer user already has a password: nobody was invited.".to_string(),
        1 => "1 customer user without a password has been sent a new invitation.".to_string(),
        n => format!("{n} customer users without a password have been sent a new invitation."),
    };
    respond::done(&session, text, "/admin/maintenance")
}
