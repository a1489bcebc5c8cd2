//! Merging duplicate customers (role `admin`): choose the survivor and the duplicate, see both
//! side by side, choose per field, merge. Everything of the duplicate moves in one transaction.

use crate::{
    auth::{CurrentStaff, session},
    db::{self, DbPool},
    error::{AppError, AppResult},
    models::{
        customers::customer::{Customer, SaveError},
        customers::history::HistoryEntry,
        customers::merge::{self, MergeField},
        customers::note::WatchNote,
    },
    routes::forms::{FormErrors, HtmlForm},
    routes::layout::Layout,
    routes::respond,
    routes::respond::see_other,
};
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use diesel::PgConnection;
use serde::Deserialize;

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
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PairQuery {
    survivor: String,
    duplicate: String,
}

/// The pair (when both were found), their fields side by side, and messages for what was not.
type Comparison = (Option<(Customer, Customer)>, Vec<MergeField>, FormErrors);

/// The warnings of the pair, if any.
fn warnings_of(
    conn: &mut PgConnection,
    pair: &Option<(Customer, Customer)>,
) -> AppResult<Vec<(String, WatchNote)>> {
    let mut out = Vec::new();
    if let Some((s, d)) = pair {
        for c in [s, d] {
            if let Some(w) = WatchNote::for_customer(conn, c.id)? {
                out.push((c.legal_name.clone(), w));
            }
        }
    }
    Ok(out)
}

/// A customer by id or account number, as typed.
fn find(conn: &mut PgConnection, input: &str) -> AppResult<Option<Customer>> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    if let Some(c) = Customer::find_by_account_number(conn, input)? {
        return Ok(Some(c));
    }
    match input.parse::<i64>() {
        Ok(id) => Ok(Customer::find(conn, id).ok()),
        Err(_) => Ok(None),
    }
}

/// The pair and its comparison, or messages saying which input found nobody.
fn load_pair(conn: &mut PgConnection, survivor: &str, duplicate: &str) -> AppResult<Comparison> {
    let mut errors = FormErrors::new();
    if survivor.trim().is_empty() || duplicate.trim().is_empty() {
        return Ok((None, Vec::new(), errors));
    }
    let s = find(conn, survivor)?;
    let d = find(conn, duplicate)?;
    if s.is_none() {
        errors.add(
            "survivor",
            format!(
                "No customer has the account number or id “{}”.",
                survivor.trim()
            ),
        );
    }
    if d.is_none() {
        errors.add(
            "duplicate",
            format!(
                "No customer has the account number or id “{}”.",
                duplicate.trim()
            ),
        );
    }
    match (s, d) {
        (Some(s), Some(d)) if s.id == d.id => {
            errors.add("duplicate", "Choose two different customers.");
            Ok((None, Vec::new(), errors))
        }
        (Some(s), Some(d)) => {
            let fields = merge::compare(conn, &s, &d)?;
            Ok((Some((s, d)), fields, errors))
        }
        _ => Ok((None, Vec::new(), errors)),
    }
}

pub async fn show(
    layout: Layout,
    query: web::Query<PairQuery>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let PairQuery {
        survivor,
        duplicate,
    } = query.into_inner();
    let (s, d) = (survivor.clone(), duplicate.clone());
    let ((pair, fields, errors), warnings) = db::run(&pool, move |conn| {
        let compared = load_pair(conn, &s, &d)?;
        let warnings = warnings_of(conn, &compared.0)?;
        Ok((compared, warnings))
    })
    .await?;
    // A survivor given by id (from its page's link) is shown by account number when it has one.
    let survivor_input = pair
        .as_ref()
        .and_then(|(s, _)| s.account_number.clone())
        .unwrap_or(survivor);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = MergePage {
        layout: layout.titled("Merge customers").in_section("admin"),
        survivor_input,
        duplicate_input: duplicate,
        pair,
        warnings,
        fields,
        chosen: Vec::new(),
        errors,
        stale: false,
        changed_meanwhile: Vec::new(),
    };
    respond::page(status, &page)
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

pub async fn create(
    layout: Layout,
    staff: CurrentStaff,
    form: HtmlForm<MergeForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let number = |v: &str| {
        v.trim()
            .parse::<i64>()
            .map_err(|_| AppError::BadRequest("The merge form is incomplete. Start again.".into()))
    };
    let (sid, sv, did, dv) = (
        number(&form.survivor_id)?,
        number(&form.survivor_version)?,
        number(&form.duplicate_id)?,
        number(&form.duplicate_version)?,
    );
    let take = form.take.clone();
    let staff_id = staff.id;
    let outcome = db::run(&pool, move |conn| {
        Ok(
            match merge::merge(conn, sid, sv as i32, did, dv as i32, &take, staff_id) {
                Ok(done) => Ok(done),
                Err(SaveError::Failed(e)) => return Err(e),
                Err(other) => {
                    let s = Customer::find(conn, sid)?;
                    let d = Customer::find(conn, did)?;
                    let fields = merge::compare(conn, &s, &d)?;
                    let warnings = warnings_of(conn, &Some((s.clone(), d.clone())))?;
                    Err((other, s, d, fields, warnings))
                }
            },
        )
    })
    .await?;
    match outcome {
        Ok((merged, moved)) => {
            log::info!("staff {staff_id} merged customer {did} into {sid}");
            session::flash(
                &session,
                session::FlashLevel::Success,
                format!(
                    "Merged. {} now holds {} addresses, {} contacts, {} notes and {} history entries from the duplicate; {} linked customers were repointed.",
                    merged.legal_name,
                    moved.addresses,
                    moved.contacts,
                    moved.notes,
                    moved.history,
                    moved.dependents
                ),
            );
            Ok(see_other(&format!("/customers/{}", merged.id)))
        }
        Err((failure, s, d, fields, warnings)) => {
            let (errors, changed_meanwhile, stale, status) = match failure {
                SaveError::Invalid(errors) => {
                    (errors, Vec::new(), false, StatusCode::UNPROCESSABLE_ENTITY)
                }
                SaveError::Stale(changes) => {
                    (FormErrors::new(), *changes, true, StatusCode::CONFLICT)
                }
                SaveError::Failed(_) => unreachable!("returned above"),
            };
            let page = MergePage {
                layout: layout.titled("Merge customers").in_section("admin"),
                survivor_input: s.account_number.clone().unwrap_or_else(|| s.id.to_string()),
                duplicate_input: d.account_number.clone().unwrap_or_else(|| d.id.to_string()),
                pair: Some((s, d)),
                warnings,
                fields,
                chosen: form.take,
                errors,
                stale,
                changed_meanwhile,
            };
            respond::page(status, &page)
        }
    }
}
