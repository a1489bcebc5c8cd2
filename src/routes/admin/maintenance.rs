//! Maintenance actions for administrators. "Invite every user without a password" is the
//! modern form of the old "set empty passwords": instead of setting passwords, it sends each
//! customer user who has none a fresh invitation (their earlier link dies).

use crate::routes::prelude::*;
use crate::{config::Config, models::access::customer_user};

#[derive(Template)]
#[template(path = "admin/maintenance.html")]
pub struct MaintenancePage {
    layout: Layout,
    without_password: i64,
}

pub async fn show(desk: StaffDesk) -> Reply {
    let without_password = desk
        .run(|conn| Ok(customer_user::count_without_password(conn)?))
        .await?;
    desk.show(Msg::new("admin-maintenance-title"), "admin", |layout| {
        MaintenancePage {
            layout,
            without_password,
        }
    })
}

/// `POST /admin/maintenance/invitations`: invites every user without a password.
pub async fn invite_all(desk: StaffDesk, config: web::Data<Config>) -> Reply {
    let (staff_id, base) = (desk.who.id, config.public_url.clone());
    let n = desk
        .transaction(move |conn| customer_user::invite_all_without_password(conn, staff_id, &base))
        .await?;
    log::info!("staff {staff_id} sent {n} invitations to users without a password");
    let text = Msg::new("admin-maintenance-invited").arg("count", n as i64);
    desk.done(text, "/admin/maintenance")
}
