//! The customer's fields, written once: each with its form name, its label and how it reads
//! in words (history, "changed meanwhile", the merge's comparison), and which columns a merge
//! copies when the duplicate's value is chosen. A new field is a row here plus the form's
//! template.

use crate::{
    domain::{Cents, Percent},
    models::{
        customers::customer::{Customer, CustomerFields},
        reference::Reference,
    },
    schema::staff,
};
use diesel::prelude::*;

/// One field of the customer form.
pub struct Field {
    /// The form's name for it, which merges choose by.
    pub name: &'static str,
    pub label: &'static str,
    show: fn(&CustomerFields, &Names) -> String,
    /// Copies the field's columns; None for fields that merge by rule rather than by choice.
    take: Option<fn(&mut CustomerFields, &CustomerFields)>,
}

impl Field {
    /// The field's value in words.
    pub fn show(&self, fields: &CustomerFields, names: &Names) -> String {
        (self.show)(fields, names)
    }

    /// Whether a merge lets a person choose it.
    pub fn is_chosen(&self) -> bool {
        self.take.is_some()
    }

    /// Copies the field from `from` into `into`.
    pub fn take(&self, into: &mut CustomerFields, from: &CustomerFields) {
        if let Some(take) = self.take {
            take(into, from);
        }
    }

    pub fn named(name: &str) -> Option<&'static Field> {
        FIELDS.iter().find(|f| f.name == name)
    }
}

/// What the fields that refer to other rows are called: the related customers, the
/// salesperson and the tags, looked up once for a description.
pub struct Names<'a> {
    refs: &'a Reference,
    others: Vec<Customer>,
    salesperson: String,
    tags: String,
}

impl<'a> Names<'a> {
    pub fn load(
        conn: &mut PgConnection,
        f: &CustomerFields,
        tag_ids: &[i64],
        refs: &'a Reference,
    ) -> QueryResult<Names<'a>> {
        let related: Vec<i64> = [f.organization_id, f.bill_to_id, f.master_id]
            .into_iter()
            .flatten()
            .collect();
        let salesperson = match f.salesperson_id {
            Some(id) => staff::table
                .find(id)
                .select(staff::name)
                .first::<String>(conn)
                .optional()?
                .unwrap_or_default(),
            None => String::new(),
        };
        let mut tags: Vec<String> = tag_ids
            .iter()
            .filter_map(|t| refs.tag(*t))
            .map(|t| t.name.clone())
            .collect();
        tags.sort();
        Ok(Names {
            refs,
            others: Customer::find_many(conn, &related)?,
            salesperson,
            tags: tags.join(", "),
        })
    }

    /// A related customer's label, or its id when it is gone.
    fn other(&self, id: Option<i64>) -> String {
        id.map(|id| {
            (self.others.iter())
                .find(|c| c.id == id)
                .map(Customer::label)
                .unwrap_or_else(|| format!("#{id}"))
        })
        .unwrap_or_default()
    }
}

fn text(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_string()
}

/// A row of the table: form name, label, the columns a merge copies (none: not chosen), and
/// the value in words.
macro_rules! field {
    ($name:literal, $label:literal, [$($column:ident),*], $show:expr) => {
        Field {
            name: $name,
            label: $label,
            show: $show,
            take: field!(@take $($column),*),
        }
    };
    (@take) => { None };
    (@take $($column:ident),+) => {
        Some(|into: &mut CustomerFields, from: &CustomerFields| {
            $(into.$column = from.$column.clone();)+
        })
    };
}

/// Every field, in form order.
#[rustfmt::skip]
pub static FIELDS: &[Field] = &[
    field!("account_number", "Account number", [account_number], |f, _| text(&f.account_number)),
    field!("legal_name", "Legal name", [legal_name], |f, _| f.legal_name.clone()),
    field!("trading_name", "Trading name", [trading_name], |f, _| text(&f.trading_name)),
    field!("kind", "Record kind", [], |f, _| f.kind.label().into()),
    field!("customer_type", "Type", [customer_type], |f, _| f.customer_type.label().into()),
    field!("customer_group_id", "Customer group", [customer_group_id], |f, n| n.refs.group_label(f.customer_group_id)),
    field!("sales_channel_id", "Sales channel", [sales_channel_id], |f, n| n.refs.channel_label(f.sales_channel_id)),
    field!("default_store_id", "Default store", [default_store_id], |f, n| n.refs.store_label(f.default_store_id)),
    field!("phone", "Primary phone", [phone], |f, _| text(&f.phone)),
    field!("alt_phone", "Alternate phone", [alt_phone], |f, _| text(&f.alt_phone)),
    field!("email", "Email", [email], |f, _| text(&f.email)),
    field!("website", "Website", [website], |f, _| text(&f.website)),
    field!("language", "Language for emails", [language], |f, _| language_name(&f.language)),
    field!("salesperson_id", "Salesperson", [salesperson_id], |_, n| n.salesperson.clone()),
    field!("tax_id", "Tax id", [tax_id], |f, _| text(&f.tax_id)),
    field!("accounts_id", "Accounts id", [accounts_id], |f, _| text(&f.accounts_id)),
    field!("default_bank_account", "Default bank account", [default_bank_account], |f, _| text(&f.default_bank_account)),
    field!("forecast_code", "Forecast code", [forecast_code], |f, _| text(&f.forecast_code)),
    field!("active", "Active", [active], |f, _| yes_no(f.active)),
    field!("test_record", "Test record", [test_record], |f, _| yes_no(f.test_record)),
    field!("term_customer", "Term customer", [term_customer], |f, _| yes_no(f.term_customer)),
    field!("allow_store_pickup", "Allow store pickup", [allow_store_pickup], |f, _| yes_no(f.allow_store_pickup)),
    field!("allow_cod", "Allow cash on delivery", [allow_cod], |f, _| yes_no(f.allow_cod)),
    field!("allow_payments_on_account", "Allow payments on account", [allow_payments_on_account], |f, _| yes_no(f.allow_payments_on_account)),
    field!("reference_required", "Customer reference required", [reference_required], |f, _| yes_no(f.reference_required)),
    field!("minimum_order", "Minimum order value", [minimum_order_cents], |f, _| Cents(f.minimum_order_cents).plain()),
    field!("payment_terms_id", "Payment terms", [payment_terms_id], |f, n| n.refs.term_label(f.payment_terms_id)),
    field!("credit_limit", "Credit limit", [credit_limit_cents], |f, _| Cents(f.credit_limit_cents).plain()),
    field!("over_limit_policy", "Over-limit policy", [over_limit_policy], |f, _| f.over_limit_policy.label().into()),
    field!("discount", "Discount", [discount_bp], |f, _| Percent(f.discount_bp).to_string()),
    // Exemptions belong to taxable customers: choosing the tax type takes its exemptions too.
    field!("sales_tax_type", "Sales tax type", [sales_tax_type, exempt_jurisdictions], |f, _| f.sales_tax_type.label().into()),
    field!("exempt_jurisdictions", "Exempt jurisdictions", [exempt_jurisdictions], |f, _| f.exempt_jurisdictions.join(", ")),
    field!("review_flag", "Review flag", [review_flag], |f, _| f.review_flag.map(|r| r.label().to_string()).unwrap_or_default()),
    field!("internal_remark", "Internal remark", [internal_remark], |f, _| text(&f.internal_remark)),
    field!("organization_id", "Organization", [organization_id], |f, n| n.other(f.organization_id)),
    field!("bill_to_account", "Bill-to customer", [bill_to_id], |f, n| n.other(f.bill_to_id)),
    field!("master_account", "Master customer", [master_id], |f, n| n.other(f.master_id)),
    field!("tags", "Tags", [], |_, n| n.tags.clone()),
];

/// A chosen language by its own name ("Deutsch"); empty when it is the country's.
fn language_name(code: &Option<String>) -> String {
    code.as_deref()
        .map(|c| crate::i18n::Lang::parse(c).map_or_else(|| c.to_string(), |l| l.own_name()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_names_are_unique() {
        let mut names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FIELDS.len());
    }

    #[test]
    fn kind_and_tags_merge_by_rule_everything_else_by_choice() {
        let by_rule: Vec<&str> = FIELDS
            .iter()
            .filter(|f| !f.is_chosen())
            .map(|f| f.name)
            .collect();
        assert_eq!(by_rule, ["kind", "tags"]);
    }

    #[test]
    fn choosing_the_tax_type_takes_its_exemptions() {
        let mut into = crate::models::customers::customer::CustomerInput::minimal("A", 1).fields;
        let mut from = into.clone();
        from.sales_tax_type = crate::domain::SalesTaxType::Wholesale;
        from.exempt_jurisdictions = vec!["CA".into()];
        from.email = Some("a@example.com".into());
        Field::named("sales_tax_type")
            .unwrap()
            .take(&mut into, &from);
        assert_eq!(into.sales_tax_type, from.sales_tax_type);
        assert_eq!(into.exempt_jurisdictions, ["CA"]);
        assert_eq!(into.email, None);
    }
}
