//! Staff accounts, for administrators: who can sign in, with which roles; deactivation ends an
//! account's sessions at once.

use crate::models::access::staff::Staff;
use crate::routes::prelude::*;
use actix_web::{HttpResponse, web};

#[derive(Template)]
#[template(path = "admin/staff/index.html")]
pub struct StaffIndexPage {
    layout: Layout,
    staff: Vec<Staff>,
    me: i64,
}

impl StaffIndexPage {
    /// The member's roles in the reader's language.
    fn roles(&self, s: &Staff) -> String {
        let labels: Vec<String> = s
            .roles()
            .iter()
            .map(|r| self.layout.t(format!("admin-role-{}", r.as_str())))
            .collect();
        labels.join(", ")
    }
}

pub async fn redirect_to_index() -> HttpResponse {
    respond::see_other("/admin/staff")
}

pub async fn index(desk: StaffDesk) -> Reply {
    let staff = desk.run(|conn| Ok(Staff::all(conn)?)).await?;
    desk.show(Msg::new("admin-staff-title"), "admin", |layout| {
        StaffIndexPage {
            layout,
            staff,
            me: desk.who.id,
        }
    })
}

#[derive(Deserialize)]
pub struct ActiveForm {
    active: bool,
}

pub async fn set_active(
    desk: StaffDesk,
    path: web::Path<i64>,
    form: web::Form<ActiveForm>,
) -> Reply {
    let (id, active, me) = (path.into_inner(), form.active, desk.who.id);
    if id == me {
        return desk.refused(Msg::new("admin-staff-not-yourself"), "/admin/staff");
    }
    let changed = desk
        .run(move |conn| Ok(Staff::set_active(conn, id, active)?))
        .await?;
    log::info!(
        "staff {me} set staff {} active={}",
        changed.id,
        changed.active
    );
    let text = if changed.active {
        Msg::new("admin-staff-reactivated").arg("name", &changed.name)
    } else {
        Msg::new("admin-staff-deactivated").arg("name", &changed.name)
    };
    desk.done(text, "/admin/staff")
}
