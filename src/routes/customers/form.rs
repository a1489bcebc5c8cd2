//! The customer form: what it posts (strings, exactly as typed, so a failed submission comes
//! back unchanged) and how that becomes a checked `CustomerInput`.

use crate::{
    domain::{
        Cents, CustomerKind, CustomerType, OverLimitPolicy, Percent, ReviewFlag, SalesTaxType,
    },
    models::{
        customers::customer::{Customer, CustomerFields, CustomerInput},
        reference::Reference,
    },
    routes::forms::{FormErrors, optional},
};
use serde::Deserialize;
use validator::ValidateEmail;

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
    pub payment_terms_id: String,
    pub credit_limit: String,
    pub balance: String,
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
    pub fn blank(kind: CustomerKind, refs: &Reference) -> CustomerForm {
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
            credit_limit: "0.00".into(),
            balance: "0.00".into(),
            discount: "0".into(),
            ..CustomerForm::default()
        }
    }

    /// The form filled from a saved customer, for editing.
    pub fn from_customer(
        c: &Customer,
        tag_ids: &[i64],
        bill_to: Option<&Customer>,
        master: Option<&Customer>,
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
            payment_terms_id: id_text(c.payment_terms_id),
            credit_limit: c.credit_limit().plain(),
            balance: c.balance().plain(),
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
        }
    }

    pub fn kind(&self) -> CustomerKind {
        self.kind.parse().unwrap_or(CustomerKind::Customer)
    }

    pub fn has_tag(&self, id: &i64) -> bool {
        self.tags.iter().any(|t| t == &id.to_string())
    }

    /// Checks every field; on success the typed input, otherwise a message per wrong field.
    pub fn parse(&self, refs: &Reference) -> Result<CustomerInput, FormErrors> {
        let mut e = FormErrors::new();
        let mut text = |field: &str, value: &str, max: usize| -> Option<String> {
            let v = optional(value);
            if let Some(v) = &v {
                if v.chars().count() > max {
                    e.add(field, format!("Use at most {max} characters."));
                } else if v
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
                {
                    e.add(field, "This contains characters that cannot be stored.");
                }
            }
            v
        };
        let account_number = text("account_number", &self.account_number, 40);
        let legal_name = text("legal_name", &self.legal_name, 200);
        let trading_name = text("trading_name", &self.trading_name, 200);
        let phone = text("phone", &self.phone, 40);
        let alt_phone = text("alt_phone", &self.alt_phone, 40);
        let email = text("email", &self.email, 254);
        let website = text("website", &self.website, 200);
        let tax_id = text("tax_id", &self.tax_id, 60);
        let accounts_id = text("accounts_id", &self.accounts_id, 60);
        let default_bank_account = text("default_bank_account", &self.default_bank_account, 60);
        let forecast_code = text("forecast_code", &self.forecast_code, 60);
        let internal_remark = text("internal_remark", &self.internal_remark, 5000);
        let bill_to_account = text("bill_to_account", &self.bill_to_account, 40);
        let master_account = text("master_account", &self.master_account, 40);

        if legal_name.is_none() {
            e.add("legal_name", "Enter the customer's legal name.");
        }
        if let Some(n) = &account_number {
            let ok = n.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c));
            if !ok {
                e.add(
                    "account_number",
                    "Use letters, digits and . _ / - only, starting with a letter or digit.",
                );
            }
        }
        for (field, value) in [("phone", &phone), ("alt_phone", &alt_phone)] {
            if let Some(p) = value {
                let ok = p
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c))
                    && p.chars().filter(char::is_ascii_digit).count() >= 3;
                if !ok {
                    e.add(
                        field,
                        "Use digits, spaces and + - ( ) . only, e.g. +44 161 241 8744.",
                    );
                }
            }
        }
        if let Some(m) = &email
            && !m.validate_email()
        {
            e.add(
                "email",
                "Enter an email address such as orders@example.com.",
            );
        }
        let website = website.map(|w| {
            if w.contains("://") {
                w
            } else {
                format!("https://{w}")
            }
        });
        if let Some(w) = &website {
            let ok = (w.starts_with("https://") || w.starts_with("http://"))
                && w.len() > "https://".len()
                && !w.contains(char::is_whitespace);
            if !ok {
                e.add("website", "Enter a web address such as www.example.com.");
            }
        }

        let mut choose = |field: &str,
                          value: &str,
                          exists: &dyn Fn(i64) -> bool,
                          message: &str|
         -> Option<i64> {
            let v = value.trim();
            if v.is_empty() {
                return None;
            }
            match v.parse::<i64>() {
                Ok(id) if exists(id) => Some(id),
                _ => {
                    e.add(field, message);
                    None
                }
            }
        };
        let customer_group_id = choose(
            "customer_group_id",
            &self.customer_group_id,
            &|id| refs.group(id).is_some(),
            "Choose a group from the list.",
        );
        let sales_channel_id = choose(
            "sales_channel_id",
            &self.sales_channel_id,
            &|id| refs.channel(id).is_some(),
            "Choose a sales channel from the list.",
        );
        let default_store_id = choose(
            "default_store_id",
            &self.default_store_id,
            &|id| refs.store(id).is_some(),
            "Choose a store from the list.",
        );
        let payment_terms_id = choose(
            "payment_terms_id",
            &self.payment_terms_id,
            &|id| refs.term(id).is_some(),
            "Choose payment terms from the list.",
        );
        let salesperson_id = choose(
            "salesperson_id",
            &self.salesperson_id,
            &|id| refs.salesperson(id).is_some(),
            "Choose a salesperson from the list.",
        );
        // Whether it is an organization is checked in the transaction.
        let organization_id = choose(
            "organization_id",
            &self.organization_id,
            &|_| true,
            "Choose an organization from the list.",
        );
        if default_store_id.is_none() && !e.has("default_store_id") {
            e.add(
                "default_store_id",
                "Every customer needs a default store: choose one.",
            );
        }
        let mut tag_ids = Vec::new();
        for t in &self.tags {
            match t.parse::<i64>() {
                Ok(id) if refs.tag(id).is_some() => tag_ids.push(id),
                _ => e.add("tags", "Choose tags from the list."),
            }
        }
        tag_ids.sort_unstable();
        tag_ids.dedup();

        let mut pick = |field: &str, value: &str| -> Option<String> {
            match value.trim() {
                "" => None,
                v => Some(v.to_string()),
            }
            .or_else(|| {
                e.add(field, "Choose one of the options.");
                None
            })
        };
        let customer_type =
            pick("customer_type", &self.customer_type).and_then(|v| v.parse::<CustomerType>().ok());
        let over_limit_policy = pick("over_limit_policy", &self.over_limit_policy)
            .and_then(|v| v.parse::<OverLimitPolicy>().ok());
        let sales_tax_type = pick("sales_tax_type", &self.sales_tax_type)
            .and_then(|v| v.parse::<SalesTaxType>().ok());
        if customer_type.is_none() && !e.has("customer_type") {
            e.add("customer_type", "Choose business or individual.");
        }
        if over_limit_policy.is_none() && !e.has("over_limit_policy") {
            e.add("over_limit_policy", "Choose one of the options.");
        }
        if sales_tax_type.is_none() && !e.has("sales_tax_type") {
            e.add("sales_tax_type", "Choose one of the options.");
        }
        let review_flag = match self.review_flag.trim() {
            "" => None,
            v => match v.parse::<ReviewFlag>() {
                Ok(f) => Some(f),
                Err(_) => {
                    e.add("review_flag", "Choose a colour or CHK from the list.");
                    None
                }
            },
        };
        let kind = self
            .kind
            .parse::<CustomerKind>()
            .unwrap_or(CustomerKind::Customer);

        let credit_limit = Cents::parse(&self.credit_limit).unwrap_or_else(|m| {
            e.add("credit_limit", m);
            Cents(0)
        });
        if credit_limit.0 < 0 {
            e.add("credit_limit", "A credit limit cannot be negative.");
        }
        let balance = Cents::parse(&self.balance).unwrap_or_else(|m| {
            e.add("balance", m);
            Cents(0)
        });
        let discount = Percent::parse(&self.discount).unwrap_or_else(|m| {
            e.add("discount", m);
            Percent(0)
        });

        let mut exempt = Vec::new();
        for code in self
            .exempt_jurisdictions
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        {
            let code = code.trim().to_uppercase();
            if code.is_empty() {
                continue;
            }
            if code.len() > 10 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                e.add(
                    "exempt_jurisdictions",
                    format!("`{code}` is not a region code such as CA or US-NY."),
                );
            } else if !exempt.contains(&code) {
                exempt.push(code);
            }
        }
        if !exempt.is_empty() && sales_tax_type.is_some_and(|t| t != SalesTaxType::Taxable) {
            e.add(
                "exempt_jurisdictions",
                "Only taxable customers have exempt jurisdictions: clear these or choose Taxable.",
            );
        }

        if !e.is_empty() {
            return Err(e);
        }
        Ok(CustomerInput {
            fields: CustomerFields {
                account_number,
                legal_name: legal_name.unwrap_or_default(),
                trading_name,
                kind,
                customer_type: customer_type.unwrap_or(CustomerType::Business),
                customer_group_id,
                sales_channel_id,
                default_store_id: default_store_id.unwrap_or_default(),
                phone,
                alt_phone,
                email,
                website,
                salesperson_id,
                tax_id,
                accounts_id,
                default_bank_account,
                forecast_code,
                active: self.active.is_some(),
                test_record: self.test_record.is_some(),
                term_customer: self.term_customer.is_some(),
                allow_store_pickup: self.allow_store_pickup.is_some(),
                allow_cod: self.allow_cod.is_some(),
                allow_payments_on_account: self.allow_payments_on_account.is_some(),
                payment_terms_id,
                credit_limit_cents: credit_limit.0,
                balance_cents: balance.0,
                over_limit_policy: over_limit_policy.unwrap_or(OverLimitPolicy::Warn),
                discount_bp: discount.0,
                sales_tax_type: sales_tax_type.unwrap_or(SalesTaxType::Taxable),
                exempt_jurisdictions: exempt,
                review_flag,
                internal_remark,
                organization_id,
                bill_to_id: None,
                master_id: None,
            },
            bill_to_account,
            master_account,
            tag_ids,
        })
    }
}
