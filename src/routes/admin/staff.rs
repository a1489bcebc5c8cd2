//! Staff accounts, for administrators: who can sign in, with which roles; a form invites a
//! colleague (who chooses a password through the emailed link). A member's page changes roles
//! and flags, sends a password-reset link and lists every change to the account. Deactivation
//! ends an account's sessions at once; a role change ends none (each request reads the
//! account's roles afresh). The last active administrator is neither demoted nor deactivated.

use crate::config::Config;
use crate::models::access::{
    staff::{Role, Staff},
    staff_account::{self, Access, Actor, Invitation, StaffChange, StaffChangeAction},
};
use crate::routes::prelude::*;
use actix_web::HttpResponse;

const INDEX: &str = "/admin/staff";

/// The roles an administrator can grant (every account is `staff`).
const GRANTED: [&str; 2] = ["digital_admin", "admin"];

/// The member's roles in the reader's language.
fn role_names(layout: &Layout, s: &Staff) -> String {
    let labels: Vec<String> = s
        .roles()
        .iter()
        .map(|r| layout.t(format!("admin-role-{}", r.as_str())))
        .collect();
    labels.join(", ")
}

/// The roles and flags as a form sends them (checkboxes: present when ticked).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct AccessForm {
    #[serde(default)]
    roles: Vec<String>,
    salesperson: Option<String>,
    limited: Option<String>,
}

impl AccessForm {
    fn of(s: &Staff) -> AccessForm {
        AccessForm {
            roles: s.roles().iter().map(|r| r.as_str().to_string()).collect(),
            salesperson: s.is_salesperson.then(String::new),
            limited: s.limited_to_own_customers.then(String::new),
        }
    }

    /// The access asked for, or the message for the roles when one is unknown.
    fn access(&self) -> Result<Access, FormErrors> {
        let roles: Result<Vec<Role>, _> = self
            .roles
            .iter()
            .filter(|r| r.as_str() != Role::Staff.as_str())
            .map(|r| match GRANTED.contains(&r.as_str()) {
                true => r.parse::<Role>(),
                false => Err(r.clone()),
            })
            .collect();
        let unknown = |_| FormErrors::one("roles", Msg::new("admin-staff-role-unknown"));
        let access = Access {
            roles: roles.map_err(unknown)?,
            salesperson: self.salesperson.is_some(),
            limited: self.limited.is_some(),
        };
        match access.refusal() {
            Some(refusal) => Err(FormErrors::one("roles", refusal)),
            None => Ok(access),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/staff/index.html")]
pub struct StaffIndexPage {
    layout: Layout,
    staff: Vec<Staff>,
    me: i64,
    /// The invitation form as sent, when it came back with messages.
    form: InviteForm,
    errors: FormErrors,
}

impl StaffIndexPage {
    fn roles(&self, s: &Staff) -> String {
        role_names(&self.layout, s)
    }

    fn granted(&self) -> [&'static str; 2] {
        GRANTED
    }

    /// How long an invitation link works.
    fn hours(&self) -> i64 {
        crate::models::access::token::INVITATION_HOURS
    }
}

/// The invitation form: name, email, roles and flags (what is not sent is empty).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    name: String,
    email: String,
    roles: Vec<String>,
    salesperson: Option<String>,
    limited: Option<String>,
}

impl InviteForm {
    fn access(&self) -> Result<Access, FormErrors> {
        AccessForm {
            roles: self.roles.clone(),
            salesperson: self.salesperson.clone(),
            limited: self.limited.clone(),
        }
        .access()
    }
}

pub async fn redirect_to_index() -> HttpResponse {
    respond::see_other(INDEX)
}

async fn index_page(desk: &StaffDesk, form: InviteForm, errors: FormErrors) -> Reply {
    let page = StaffIndexPage {
        staff: desk.run(|conn| Ok(Staff::all(conn)?)).await?,
        layout: desk
            .layout()?
            .titled(Msg::new("admin-staff-title"))
            .in_section("admin"),
        me: desk.who.id,
        form,
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn index(desk: StaffDesk) -> Reply {
    index_page(&desk, InviteForm::default(), FormErrors::new()).await
}

/// `POST /admin/staff`: adds the invited account and mails its link.
pub async fn invite(
    desk: StaffDesk,
    form: HtmlForm<InviteForm>,
    submission: Submission,
    config: web::Data<Config>,
) -> Reply {
    let sent = form.into_inner();
    let access = match sent.access() {
        Ok(access) => access,
        Err(errors) => return index_page(&desk, sent, errors).await,
    };
    let invitation = Invitation {
        name: sent.name.clone(),
        email: sent.email.clone(),
        access,
    };
    let (by, base) = (desk.who.id, config.public_url.clone());
    let work = move |conn: &mut _| staff_account::invite(conn, &invitation, by, &base);
    let location = |s: &Staff| format!("{INDEX}/{}", s.id);
    match submission.create(desk.pool(), work, location).await? {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(s)) => {
            log::info!("staff {by} invited staff {} ({:?})", s.id, s.email);
            let text = Msg::new("admin-staff-invited").arg("email", &s.email);
            desk.done(text, &format!("{INDEX}/{}", s.id))
        }
        Once::First(Err(e)) => index_page(&desk, sent, e.into_invalid()?).await,
    }
}

#[derive(Template)]
#[template(path = "admin/staff/show.html")]
pub struct StaffMemberPage {
    layout: Layout,
    member: Staff,
    changes: Vec<StaffChange>,
    me: i64,
    form: AccessForm,
    errors: FormErrors,
}

impl StaffMemberPage {
    fn roles(&self) -> String {
        role_names(&self.layout, &self.member)
    }

    fn granted(&self) -> [&'static str; 2] {
        GRANTED
    }

    /// What a change recorded, in the reader's language: each access it names (its roles, and
    /// the flags set), before and after a change of roles.
    fn detail(&self, c: &StaffChange) -> String {
        let say = |code: &str| match Access::parse(code) {
            Some(access) => {
                let mut words: Vec<String> = access
                    .roles
                    .iter()
                    .map(|r| self.layout.t(format!("admin-role-{}", r.as_str())))
                    .collect();
                for (set, id) in [
                    (access.salesperson, "admin-col-salesperson"),
                    (access.limited, "admin-staff-field-limited"),
                ] {
                    if set {
                        words.push(self.layout.t(id));
                    }
                }
                words.join(", ")
            }
            None => code.to_string(),
        };
        c.detail
            .split(" → ")
            .map(say)
            .collect::<Vec<_>>()
            .join(" → ")
    }

    /// Who made a change, in the reader's language.
    fn by(&self, c: &StaffChange) -> String {
        match c.by() {
            Ok(name) => name.to_string(),
            Err(id) => self.layout.t(id),
        }
    }

    /// The "send a link" button's words: an invited account is invited again.
    fn link_words(&self) -> &'static str {
        match self.member.password_hash {
            None => "admin-staff-invite-again",
            Some(_) => "admin-staff-send-reset",
        }
    }
}

async fn member_page(
    desk: &StaffDesk,
    id: i64,
    form: Option<AccessForm>,
    errors: FormErrors,
) -> Reply {
    let (member, changes) = desk
        .run(move |conn| {
            let member = Staff::find(conn, id)?;
            Ok((member, staff_account::changes_of(conn, id)?))
        })
        .await?;
    let page = StaffMemberPage {
        form: form.unwrap_or_else(|| AccessForm::of(&member)),
        layout: desk
            .layout()?
            .titled(member.name.clone())
            .in_section("admin"),
        member,
        changes,
        me: desk.who.id,
        errors,
    };
    respond::form(&page, &page.errors)
}

/// `GET /admin/staff/{id}`.
pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    member_page(&desk, path.into_inner(), None, FormErrors::new()).await
}

/// The member's page again with `refusal` as an error message when the work was refused (409),
/// else `done` there.
fn after(desk: &StaffDesk, id: i64, outcome: AppResult<Msg>) -> Reply {
    let location = format!("{INDEX}/{id}");
    match outcome {
        Ok(text) => desk.done(text, &location),
        Err(AppError::Conflict(refusal)) => desk.refused(refusal, &location),
        Err(e) => Err(e),
    }
}

/// `POST /admin/staff/{id}/access`: roles and flags.
pub async fn update_access(
    desk: StaffDesk,
    path: web::Path<i64>,
    form: HtmlForm<AccessForm>,
) -> Reply {
    let (id, sent) = (path.into_inner(), form.into_inner());
    let access = match sent.access() {
        Ok(access) => access,
        Err(errors) => return member_page(&desk, id, Some(sent), errors).await,
    };
    let me = desk.who.id;
    let outcome = desk
        .transaction(move |conn| staff_account::change_access(conn, id, &access, Actor::Staff(me)))
        .await
        .map(|s| {
            log::info!(
                "staff {me} set the roles of staff {id} to {}",
                s.role_codes()
            );
            Msg::new("admin-staff-access-saved").arg("name", &s.name)
        });
    after(&desk, id, outcome)
}

/// `POST /admin/staff/{id}/link`: a password-reset link (an invitation again for an account
/// still invited), by email.
pub async fn send_link(desk: StaffDesk, path: web::Path<i64>, config: web::Data<Config>) -> Reply {
    let (id, me, base) = (path.into_inner(), desk.who.id, config.public_url.clone());
    let outcome = desk
        .transaction(move |conn| staff_account::send_link(conn, id, me, &base))
        .await
        .map(|(s, action)| {
            log::info!("staff {me} sent staff {id} a link ({})", action.as_str());
            let id = match action {
                StaffChangeAction::Invited => "admin-staff-invitation-sent",
                _ => "admin-staff-reset-sent",
            };
            Msg::new(id).arg("email", &s.email)
        });
    after(&desk, id, outcome)
}

#[derive(Deserialize)]
pub struct ActiveForm {
    active: bool,
}

/// `POST /admin/staff/{id}/active`: deactivating ends the account's sessions at once.
pub async fn set_active(
    desk: StaffDesk,
    path: web::Path<i64>,
    form: web::Form<ActiveForm>,
) -> Reply {
    let (id, active, me) = (path.into_inner(), form.active, desk.who.id);
    if id == me {
        return desk.refused(Msg::new("admin-staff-not-yourself"), INDEX);
    }
    let outcome = desk
        .transaction(move |conn| staff_account::set_active(conn, id, active, Actor::Staff(me)))
        .await;
    let changed = match outcome {
        Ok(changed) => changed,
        Err(AppError::Conflict(refusal)) => return desk.refused(refusal, INDEX),
        Err(e) => return Err(e),
    };
    log::info!("staff {me} set staff {id} active={}", changed.active);
    let text = if changed.active {
        Msg::new("admin-staff-reactivated").arg("name", &changed.name)
    } else {
        Msg::new("admin-staff-deactivated").arg("name", &changed.name)
    };
    desk.done(text, INDEX)
}
