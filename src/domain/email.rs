//! An email address, checked the same way wherever one is entered: a customer's, a contact's,
//! the address a portal invitation goes to.

use validator::ValidateEmail;

crate::parsed_text! {
    /// A trimmed email address of at most 254 characters (RFC 5321's path limit), in the form
    /// name@example.com. Its case is kept as typed.
    pub struct EmailAddress;
}

impl EmailAddress {
    /// The longest address accepted.
    pub const MAX: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, crate::i18n::Msg> {
        let ok = |value: &str| {
            value.chars().count() <= Self::MAX
                && !value.chars().any(char::is_control)
                && value.validate_email()
        };
        super::trimmed_if(raw, ok, || crate::i18n::Msg::new("field-email-invalid"))
            .map(EmailAddress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_and_keeps_its_case() {
        assert_eq!(
            EmailAddress::parse("  Ann.Lee@Example.com ")
                .unwrap()
                .as_str(),
            "Ann.Lee@Example.com"
        );
    }

    #[test]
    fn what_is_not_an_address_is_refused_with_one_message() {
        let long = format!("{}@example.com", "a".repeat(250));
        for bad in [
            "",
            "not-an-email",
            "ann@@example",
            "not an address",
            "ann\0@example.com",
            &long,
        ] {
            assert_eq!(
                EmailAddress::parse(bad).unwrap_err().to_string(),
                "Enter an email address in the form name@example.com.",
                "{bad:?}"
            );
        }
    }
}
