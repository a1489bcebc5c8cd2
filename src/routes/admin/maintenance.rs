//! Maintenance actions for administrators. "Invite every user without a password" is the
//! modern form of the old "set empty passwords": instead of setting passwords, it sends each
//! customer user who has none a fresh invitation (their earlier link dies). "Send reminders and
//! statements now" sends at once what the background job would send next (it says how many
//! first), each still only once.

use crate::routes::prelude::*;
use crate::{
    config::Config,
    models::{access::customer_user, accounts::chasing},
};

#[derive(Template)]
#[template(path = "admin/maintenance.html")]
pub struct MaintenancePage {
    layout: Layout,
    without_password: i64,
    /// The reminders and last month's statements due now.
    chasing: (i64, i64),
}

pub async fn show(desk: StaffDesk) -> Reply {
    let (without_password, chasing) = desk
        .run(|conn| {
            let reminders = chasing::reminders_due(conn)?;
            let due = (reminders, chasing::statements_due(conn)?);
            Ok((customer_user::count_without_password(conn)?, due))
        })
        .await?;
    let page = |layout| MaintenancePage {
        layout,
        without_password,
        chasing,
    };
    desk.show(Msg::new("admin-maintenance-title"), "admin", page)
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

/// `POST /admin/maintenance/chasing`: sends the reminders and statements due now.
pub async fn chase_now(desk: StaffDesk, config: web::Data<Config>) -> Reply {
    let base = config.public_url.clone();
    let (reminders, statements) = desk
        .run(move |conn| {
            let mut sent = (0, 0);
            while let n @ 1.. = chasing::send_reminders(conn, &base, 100)? {
                sent.0 += n as i64;
            }
            while let n @ 1.. = chasing::send_statements(conn, &base, 100)? {
                sent.1 += n as i64;
            }
            Ok(sent)
        })
        .await?;
    log::info!(
        "staff {} sent {reminders} reminders and {statements} statements",
        desk.who.id
    );
    let text = Msg::new("admin-maintenance-chased")
        .arg("reminders", reminders)
        .arg("statements", statements);
    desk.done(text, "/admin/maintenance")
}
