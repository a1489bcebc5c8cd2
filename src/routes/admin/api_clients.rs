//! API clients, for administrators (`/admin/api-clients`): the systems that use the API, with
//! their scopes, when each was last used, and a button to revoke one; a form makes a new one.
//! A new client's token is shown once, in the message after the form (a sealed one-time
//! cookie, not the database): the portal keeps only its digest.

use crate::models::access::api_client::{ApiClient, SCOPES};
use crate::routes::prelude::*;

#[derive(Template)]
#[template(path = "admin/api_clients.html")]
pub struct ApiClientsPage {
    layout: Layout,
    clients: Vec<ApiClient>,
    /// The new-client form as sent, when it came back with messages.
    form: ClientForm,
    errors: FormErrors,
}

impl ApiClientsPage {
    pub fn scopes(&self) -> [&'static str; 7] {
        SCOPES
    }
}

/// The new-client form: a name and the scopes ticked.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ClientForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scopes: Vec<String>,
}

const INDEX: &str = "/admin/api-clients";

async fn list_page(
    desk: &StaffDesk,
    layout: Layout,
    form: ClientForm,
    errors: FormErrors,
) -> Reply {
    let page = ApiClientsPage {
        clients: desk.run(|conn| Ok(ApiClient::all(conn)?)).await?,
        layout: layout
            .titled(Msg::new("admin-api-clients-title"))
            .in_section("admin"),
        form,
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn index(desk: StaffDesk) -> Reply {
    let blank = ClientForm::default();
    list_page(&desk, desk.layout()?, blank, FormErrors::new()).await
}

/// `POST /admin/api-clients`: makes a client and shows its token once.
pub async fn create(desk: StaffDesk, form: HtmlForm<ClientForm>, submission: Submission) -> Reply {
    // The page's frame (which takes the messages waiting) only when the form comes back: a
    // second click must not take the message with the token before the first one's page.
    let sent = form.into_inner();
    let (name, scopes) = (sent.name.clone(), sent.scopes.clone());
    let by = (desk.who.id, desk.who.name.clone());
    let work = move |conn: &mut _| ApiClient::create(conn, (&name, &scopes), (by.0, &by.1));
    let created = submission
        .create(desk.pool(), work, |_| INDEX.to_string())
        .await?;
    match created {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok((client, token))) => {
            log::info!("staff {} made API client {}", desk.who.id, client.id);
            let text = Msg::new("admin-api-client-made")
                .arg("name", &client.name)
                .arg("token", &token);
            desk.done(text, INDEX)
        }
        Once::First(Err(e)) => {
            let errors = e.into_invalid()?;
            list_page(&desk, desk.layout()?, sent, errors).await
        }
    }
}

/// `POST /admin/api-clients/{id}/revocation`: its token stops working at once.
pub async fn revoke(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let (id, by) = (path.into_inner(), desk.who.name.clone());
    let client = desk
        .run(move |conn| Ok(ApiClient::revoke(conn, id, &by)?))
        .await?;
    log::info!("staff {} revoked API client {}", desk.who.id, client.id);
    let text = Msg::new("admin-api-client-revoked").arg("name", &client.name);
    desk.done(text, INDEX)
}
