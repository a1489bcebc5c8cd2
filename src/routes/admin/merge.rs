//! Merging duplicate customers (role `admin`): choose the survivor and the duplicate, see both
//! side by side, choose per field, merge. Everything of the duplicate moves in one transaction.

use crate::models::{
    access::staff_scope::Owned,
    customers::customer::{Customer, SaveError},
    customers::history::HistoryEntry,
    customers::merge::{self, Comparison, MergeField, Moved},
    customers::note::WatchNote,
};
use crate::routes::prelude::*;

#[derive(Template)]
#[template(path = "admin/merge.html")]
pub struct MergePage {
    layout: Layout,
    survivor_input: String,
    duplicate_input: String,
    pair: Option<(Customer, Customer)>,
    /// The watch-list warnings of either customer, with its name: shown before anything else.
    warnings: Vec<(String, WatchNote)>,
    fields: Vec<MergeField>,
    chosen: Vec<String>,
    errors: FormErrors,
    /// A record changed after the comparison was shown; `changed_meanwhile` says how, if known.
    stale: bool,
    changed_meanwhile: Vec<HistoryEntry>,
}

impl MergePage {
    fn takes(&self, key: &&str) -> bool {
        self.chosen.iter().any(|c| c == key)
    }

    /// The page comparing `compared`, with the inputs as they are to be shown.
    fn new(
        layout: Layout,
        survivor_input: String,
        duplicate_input: String,
        compared: Comparison,
    ) -> MergePage {
        MergePage {
            layout: layout
                .titled(Msg::new("admin-merge-title"))
                .in_section("admin"),
            survivor_input,
            duplicate_input,
            pair: compared.pair,
            warnings: compared.warnings,
            fields: compared.fields,
            chosen: Vec::new(),
            errors: compared.errors,
            stale: false,
            changed_meanwhile: Vec::new(),
        }
    }

    /// A merge that was refused, shown again with the choices made: 422 with its messages, or
    /// 409 with what changed meanwhile.
    fn refused(layout: Layout, compared: Comparison, chosen: Vec<String>, why: SaveError) -> Reply {
        let (survivor, duplicate) = match &compared.pair {
            Some((s, d)) => (s.account_or_id(), d.account_or_id()),
            None => Default::default(),
        };
        let mut page = MergePage::new(layout, survivor, duplicate, compared);
        page.chosen = chosen;
        match why {
            SaveError::Invalid(errors) => {
                page.errors = errors;
                respond::again(&page)
            }
            SaveError::Stale(changes) => {
                page.stale = true;
                page.changed_meanwhile = *changes;
                respond::page(StatusCode::CONFLICT, &page)
            }
            SaveError::Failed(e) => Err(e),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PairQuery {
    survivor: String,
    duplicate: String,
}

pub async fn show(desk: StaffDesk, query: web::Query<PairQuery>) -> Reply {
    let PairQuery {
        survivor,
        duplicate,
    } = query.into_inner();
    let (s, d, scope) = (survivor.clone(), duplicate.clone(), desk.scope());
    let compared = desk
        .run(move |conn| Comparison::load(conn, &scope, &s, &d))
        .await?;
    // A survivor given by id (from its page's link) is shown by account number when it has one.
    let survivor_input = compared
        .pair
        .as_ref()
        .and_then(|(s, _)| s.account_number.clone())
        .unwrap_or(survivor);
    let page = MergePage::new(desk.layout()?, survivor_input, duplicate, compared);
    respond::form(&page, &page.errors)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MergeForm {
    survivor_id: String,
    survivor_version: String,
    duplicate_id: String,
    duplicate_version: String,
    /// The fields whose duplicate value wins.
    take: Vec<String>,
}

impl MergeForm {
    /// The survivor's and the duplicate's ids, each with the version that was compared.
    fn pair(&self) -> AppResult<((i64, i32), (i64, i32))> {
        let number = |v: &str| {
            v.trim()
                .parse::<i64>()
                .map_err(|_| AppError::BadRequest(Msg::new("admin-merge-incomplete")))
        };
        Ok((
            (
                number(&self.survivor_id)?,
                number(&self.survivor_version)? as i32,
            ),
            (
                number(&self.duplicate_id)?,
                number(&self.duplicate_version)? as i32,
            ),
        ))
    }
}

/// What the confirmation says a merge moved.
fn merged_message(merged: &Customer, moved: &Moved) -> Msg {
    Msg::new("admin-merge-done")
        .arg("customer", &merged.legal_name)
        .arg("addresses", moved.addresses as i64)
        .arg("contacts", moved.contacts as i64)
        .arg("notes", moved.notes as i64)
        .arg("history", moved.history as i64)
        .arg("dependents", moved.dependents as i64)
}

pub async fn create(desk: StaffDesk, form: HtmlForm<MergeForm>) -> Reply {
    // The frame first, as when it was an extractor: it takes the messages waiting, which a
    // redirect drops (the redirect's page shows this action's message alone).
    let layout = desk.layout()?;
    let ((sid, sv), (did, dv)) = form.pair()?;
    let (take, staff_id, scope) = (form.take.clone(), desk.who.id, desk.scope());
    let outcome = desk
        .run(move |conn| {
            // A customer outside the scope is one that does not exist.
            for id in [sid, did] {
                if !scope.sees(conn, Owned::Customer, id)? {
                    return Err(AppError::NotFound);
                }
            }
            match merge::merge(conn, sid, sv, did, dv, &take, staff_id) {
                Ok(done) => Ok(Ok(done)),
                Err(SaveError::Failed(e)) => Err(e),
                Err(refused) => {
                    let (s, d) = (Customer::find(conn, sid)?, Customer::find(conn, did)?);
                    Ok(Err((refused, Comparison::of(conn, s, d)?)))
                }
            }
        })
        .await?;
    match outcome {
        Ok((merged, moved)) => {
            log::info!("staff {staff_id} merged customer {did} into {sid}");
            let location = format!("/customers/{}", merged.id);
            desk.done(merged_message(&merged, &moved), &location)
        }
        Err((why, compared)) => {
            let take = form.into_inner().take;
            MergePage::refused(layout, compared, take, why)
        }
    }
}
