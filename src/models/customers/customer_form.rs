//! The customer form: what it posts (strings, exactly as typed, so a failed submission comes
//! back unchanged) and how that becomes a checked `CustomerInput`, one field parse a line.

use crate::{
    domain::forms::{Fields, FormErrors},
    domain::{
        AccountNumber, CustomerKind, CustomerType, EmailAddress, Note, OverLimitPolicy, Percent,
        Phone, SalesTaxType, Text,
    },
    i18n::{L10n, Lang, Msg},
    models::{
        customers::customer::{Customer, CustomerFields, CustomerInput},
        reference::Reference,
    },
};
use diesel::{PgConnection, QueryResult};
use serde::Deserialize;
use std::str::FromStr;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CustomerForm {
    pub lock_version: String,
    pub kind: String,
    pub account_number: String,
    pub legal_name: String,
    pub trading_name: String,
    pub customer_type: String,
    pub customer_group_id: String,
    pub sales_channel_id: String,
    pub default_store_id: String,
    pub phone: String,
    pub alt_phone: String,
    pub email: String,
    pub website: String,
    pub salesperson_id: String,
    pub tax_id: String,
    pub accounts_id: String,
    pub default_bank_account: String,
    pub forecast_code: String,
    pub active: Option<String>,
    pub test_record: Option<String>,
    pub term_customer: Option<String>,
    pub allow_store_pickup: Option<String>,
    pub allow_cod: Option<String>,
    pub allow_payments_on_account: Option<String>,
    pub reference_required: Option<String>,
    pub minimum_order: String,
    pub payment_terms_id: String,
    pub credit_limit: String,
    /// Why the limit changes (required when it does).
    pub credit_limit_reason: String,
    pub over_limit_policy: String,
    pub discount: String,
    pub sales_tax_type: String,
    pub exempt_jurisdictions: String,
    pub review_flag: String,
    pub internal_remark: String,
    pub organization_id: String,
    pub bill_to_account: String,
    pub master_account: String,
    pub tags: Vec<String>,
    /// The language for emails: a code of `Lang::all()`, or empty for its country's.
    pub language: String,
    /// On create only: `pending` makes the relationship wait for approval, with a request for
    /// `services` in the queue; anything else is an active relationship.
    pub relationship: String,
    pub services: Vec<String>,
}

const ON: Option<String> = None;

fn on(b: bool) -> Option<String> {
    b.then(|| "on".to_string())
}

fn id_text(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

impl CustomerForm {
    /// A blank form for a new customer or organization, with the usual defaults.
    /// Amounts are written as the reader `l` writes them.
    pub fn blank(kind: CustomerKind, refs: &Reference, l: &L10n) -> CustomerForm {
        CustomerForm {
            kind: kind.as_str().into(),
            customer_type: CustomerType::Business.as_str().into(),
            default_store_id: refs
                .stores
                .iter()
                .find(|s| s.active)
                .map(|s| s.id.to_string())
                .unwrap_or_default(),
            active: on(true),
            test_record: ON,
            over_limit_policy: OverLimitPolicy::Warn.as_str().into(),
            sales_tax_type: SalesTaxType::Taxable.as_str().into(),
            credit_limit: l.amount(0),
            minimum_order: l.amount(0),
            discount: "0".into(),
            ..CustomerForm::default()
        }
    }

    /// The form filled from customer `c` as stored, with its tags and the customers its bill-to
    /// and master fields point at, for editing.
    pub fn load(conn: &mut PgConnection, c: &Customer, l: &L10n) -> QueryResult<CustomerForm> {
        let pointed_at: Vec<i64> = [c.bill_to_id, c.master_id].into_iter().flatten().collect();
        let related = Customer::find_many(conn, &pointed_at)?;
        let find = |id: Option<i64>| id.and_then(|id| related.iter().find(|r| r.id == id));
        Ok(CustomerForm::from_customer(
            c,
            &Customer::tag_ids(conn, c.id)?,
            find(c.bill_to_id),
            find(c.master_id),
            l,
        ))
    }

    /// The form filled from a saved customer, for editing.
    pub fn from_customer(
        c: &Customer,
        tag_ids: &[i64],
        bill_to: Option<&Customer>,
        master: Option<&Customer>,
        l: &L10n,
    ) -> CustomerForm {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        CustomerForm {
            lock_version: c.lock_version.to_string(),
            kind: c.kind.as_str().into(),
            account_number: text(&c.account_number),
            legal_name: c.legal_name.clone(),
            trading_name: text(&c.trading_name),
            customer_type: c.customer_type.as_str().into(),
            customer_group_id: id_text(c.customer_group_id),
            sales_channel_id: id_text(c.sales_channel_id),
            default_store_id: c.default_store_id.to_string(),
            phone: text(&c.phone),
            alt_phone: text(&c.alt_phone),
            email: text(&c.email),
            website: text(&c.website),
            salesperson_id: id_text(c.salesperson_id),
            tax_id: text(&c.tax_id),
            accounts_id: text(&c.accounts_id),
            default_bank_account: text(&c.default_bank_account),
            forecast_code: text(&c.forecast_code),
            active: on(c.active),
            test_record: on(c.test_record),
            term_customer: on(c.term_customer),
            allow_store_pickup: on(c.allow_store_pickup),
            allow_cod: on(c.allow_cod),
            allow_payments_on_account: on(c.allow_payments_on_account),
            reference_required: on(c.reference_required),
            minimum_order: l.amount(c.minimum_order_cents),
            payment_terms_id: id_text(c.payment_terms_id),
            credit_limit: l.amount(c.credit_limit_cents),
            credit_limit_reason: String::new(),
            over_limit_policy: c.over_limit_policy.as_str().into(),
            discount: c.discount().plain(),
            sales_tax_type: c.sales_tax_type.as_str().into(),
            exempt_jurisdictions: c.exempt_list().join(", "),
            review_flag: c
                .review_flag
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
            internal_remark: text(&c.internal_remark),
            organization_id: id_text(c.organization_id),
            bill_to_account: bill_to
                .and_then(|b| b.account_number.clone())
                .unwrap_or_default(),
            master_account: master
                .and_then(|m| m.account_number.clone())
                .unwrap_or_default(),
            tags: tag_ids.iter().map(i64::to_string).collect(),
            language: text(&c.language),
            relationship: String::new(),
            services: Vec::new(),
        }
    }

    pub fn kind(&self) -> CustomerKind {
        self.kind.parse().unwrap_or(CustomerKind::Customer)
    }

    /// A new customer whose relationship waits for approval.
    pub fn is_pending(&self) -> bool {
        self.relationship == "pending"
    }

    pub fn asks_for(&self, service: &crate::domain::Service) -> bool {
        self.services.iter().any(|s| s == service.as_str())
    }

    pub fn has_tag(&self, id: &i64) -> bool {
        self.tags.iter().any(|t| t == &id.to_string())
    }
}

/// `$f.optional("field", &$form.field, parse)`: the field's name written once.
macro_rules! opt {
    ($f:ident, $form:ident . $field:ident, $parse:expr) => {
        $f.optional(stringify!($field), &$form.$field, $parse)
    };
}

/// `$f.required("field", &$form.field, missing, parse)`.
macro_rules! req {
    ($f:ident, $form:ident . $field:ident, $missing:expr, $parse:expr) => {
        $f.required(stringify!($field), &$form.$field, $missing, $parse)
    };
}

/// `$f.parse("field", &$form.field, parse)`: empty or not, as `parse` sees it.
macro_rules! any {
    ($f:ident, $form:ident . $field:ident, $parse:expr) => {
        $f.parse(stringify!($field), &$form.$field, $parse)
    };
}

impl CustomerInput {
    /// Checks every field of `form`; on success the typed input, otherwise a message per wrong
    /// field. Amounts are read as the reader `l` types them.
    pub fn parse(
        form: &CustomerForm,
        refs: &Reference,
        l: &L10n,
    ) -> Result<CustomerInput, FormErrors> {
        let f = &mut Fields::new();
        let group = listed(|id| refs.group(id).is_some(), GROUP);
        let channel = listed(|id| refs.channel(id).is_some(), CHANNEL);
        let store = listed(|id| refs.store(id).is_some(), STORE);
        let terms = listed(|id| refs.term(id).is_some(), TERMS);
        let person = listed(|id| refs.salesperson(id).is_some(), PERSON);
        // Whether it is an organization is checked in the transaction.
        let organization = listed(|_| true, ORGANIZATION);
        let fields = CustomerFields {
            account_number: s(opt!(f, form.account_number, AccountNumber::parse)),
            legal_name: s(req!(f, form.legal_name, NAME_MISSING, Name::parse)).unwrap_or_default(),
            trading_name: s(opt!(f, form.trading_name, Name::parse)),
            kind: form.kind(),
            customer_type: req!(f, form.customer_type, CHOOSE, one_of(TYPE))
                .unwrap_or(CustomerType::Business),
            customer_group_id: opt!(f, form.customer_group_id, group),
            sales_channel_id: opt!(f, form.sales_channel_id, channel),
            default_store_id: req!(f, form.default_store_id, STORE_MISSING, store).unwrap_or(0),
            phone: s(opt!(f, form.phone, Phone::parse)),
            alt_phone: s(opt!(f, form.alt_phone, Phone::parse)),
            email: s(opt!(f, form.email, EmailAddress::parse)),
            website: opt!(f, form.website, website),
            salesperson_id: opt!(f, form.salesperson_id, person),
            tax_id: s(opt!(f, form.tax_id, Code::parse)),
            accounts_id: s(opt!(f, form.accounts_id, Code::parse)),
            default_bank_account: s(opt!(f, form.default_bank_account, Code::parse)),
            forecast_code: s(opt!(f, form.forecast_code, Code::parse)),
            active: form.active.is_some(),
            test_record: form.test_record.is_some(),
            term_customer: form.term_customer.is_some(),
            allow_store_pickup: form.allow_store_pickup.is_some(),
            allow_cod: form.allow_cod.is_some(),
            allow_payments_on_account: form.allow_payments_on_account.is_some(),
            reference_required: form.reference_required.is_some(),
            minimum_order_cents: any!(f, form.minimum_order, |v| not_negative(l, v)).unwrap_or(0),
            payment_terms_id: opt!(f, form.payment_terms_id, terms),
            credit_limit_cents: any!(f, form.credit_limit, |v| not_negative(l, v)).unwrap_or(0),
            over_limit_policy: req!(f, form.over_limit_policy, CHOOSE, one_of(CHOOSE))
                .unwrap_or(OverLimitPolicy::Warn),
            discount_bp: any!(f, form.discount, Percent::parse).map_or(0, |p| p.0),
            sales_tax_type: req!(f, form.sales_tax_type, CHOOSE, one_of(CHOOSE))
                .unwrap_or(SalesTaxType::Taxable),
            exempt_jurisdictions: any!(f, form.exempt_jurisdictions, regions).unwrap_or_default(),
            review_flag: opt!(f, form.review_flag, one_of(FLAG)),
            internal_remark: s(opt!(f, form.internal_remark, Note::<5000>::parse)),
            organization_id: opt!(f, form.organization_id, organization),
            bill_to_id: None,
            master_id: None,
            language: opt!(f, form.language, language),
        };
        let bill_to_account = s(opt!(f, form.bill_to_account, Text::<40>::parse));
        let master_account = s(opt!(f, form.master_account, Text::<40>::parse));
        let tag_ids = tag_ids(f, form, refs);
        let credit_limit_reason = s(opt!(f, form.credit_limit_reason, Note::<500>::parse));
        if !fields.exempt_jurisdictions.is_empty()
            && fields.sales_tax_type != SalesTaxType::Taxable
            && !f.has("sales_tax_type")
        {
            f.add("exempt_jurisdictions", Msg::new(EXEMPT_TAXABLE));
        }
        std::mem::take(f).finish(|| CustomerInput {
            fields,
            bill_to_account,
            master_account,
            tag_ids,
            credit_limit_reason,
        })
    }
}

/// The tags ticked, each one that exists, once.
fn tag_ids(f: &mut Fields, form: &CustomerForm, refs: &Reference) -> Vec<i64> {
    let tag = |id| refs.tag(id).is_some();
    let mut ids: Vec<i64> = (form.tags.iter())
        .filter_map(|t| f.parse("tags", t, listed(tag, TAGS)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A name of the customer's.
type Name = Text<200>;
/// An identifier in another system.
type Code = Text<60>;

const GROUP: &str = "customer-form-choose-group";
const CHANNEL: &str = "customer-form-choose-channel";
const STORE: &str = "customer-form-choose-store";
const TERMS: &str = "customer-form-choose-terms";
const PERSON: &str = "customer-form-choose-salesperson";
const ORGANIZATION: &str = "customer-form-choose-organization";
const TAGS: &str = "customer-form-choose-tags";
const NAME_MISSING: &str = "customer-form-name-missing";
const STORE_MISSING: &str = "customer-form-store-missing";
const TYPE: &str = "customer-form-choose-type";
const FLAG: &str = "customer-form-choose-flag";
const EXEMPT_TAXABLE: &str = "customer-form-exempt-taxable-only";

/// The message for a choice left empty.
const CHOOSE: &str = "customer-form-choose-option";

/// The text of a parsed value, for the row.
fn s<T: Into<String>>(value: Option<T>) -> Option<String> {
    value.map(Into::into)
}

/// One of an enum's values, or the message `message`.
fn one_of<T: FromStr>(message: &'static str) -> impl FnOnce(&str) -> Result<T, Msg> {
    move |v| v.trim().parse::<T>().map_err(|_| Msg::new(message))
}

/// The id of a row that `exists`, or the message `message`.
fn listed<'a>(
    exists: impl Fn(i64) -> bool + 'a,
    message: &'static str,
) -> impl FnOnce(&str) -> Result<i64, Msg> + 'a {
    move |v| {
        v.trim()
            .parse::<i64>()
            .ok()
            .filter(|id| exists(*id))
            .ok_or_else(|| Msg::new(message))
    }
}

/// An amount of at least zero (a credit limit, a minimum order value), as `l`'s reader types it.
fn not_negative(l: &L10n, raw: &str) -> Result<i64, Msg> {
    match l.parse_amount(raw)? {
        c if c < 0 => Err(Msg::new("customer-form-amount-negative")),
        c => Ok(c),
    }
}

/// A supported language's code, as the select sends it.
fn language(raw: &str) -> Result<String, Msg> {
    Lang::all()
        .iter()
        .find(|l| l.code() == raw.trim())
        .map(|l| l.code().to_string())
        .ok_or_else(|| Msg::new("customer-form-language-unknown"))
}

/// A web address, https:// added when no scheme is given.
fn website(raw: &str) -> Result<String, Msg> {
    let w = Text::<200>::parse(raw)?.into_string();
    let w = if w.contains("://") {
        w
    } else {
        format!("https://{w}")
    };
    let ok = (w.starts_with("https://") || w.starts_with("http://"))
        && w.len() > "https://".len()
        && !w.contains(char::is_whitespace);
    if ok {
        Ok(w)
    } else {
        Err(Msg::new("customer-form-website-invalid"))
    }
}

/// Region codes such as CA or US-NY, separated by commas, semicolons or spaces: in capitals,
/// without duplicates.
fn regions(raw: &str) -> Result<Vec<String>, Msg> {
    let mut exempt = Vec::new();
    let codes = raw.split(|c: char| c == ',' || c == ';' || c.is_whitespace());
    for code in codes
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
    {
        if code.len() > 10 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(Msg::new("customer-form-region-invalid").arg("code", &code));
        } else if !exempt.contains(&code) {
            exempt.push(code);
        }
    }
    Ok(exempt)
}
