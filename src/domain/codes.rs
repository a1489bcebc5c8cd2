//! Codes as accounting and stock systems write them: a customer's account number and a product's
//! SKU. Both are at most 40 letters, digits and . _ / -, starting with a letter or digit (the
//! pattern of their columns' CHECKs); each says so in its own words.

use super::trimmed_if;
use crate::i18n::Msg;

crate::parsed_text! {
    /// A customer's account number, as the accounting system knows it (C-100234, 4711/02).
    pub struct AccountNumber;
}

crate::parsed_text! {
    /// A product's SKU, its stock-keeping code: unique among products whatever the case.
    pub struct Sku;
}

impl AccountNumber {
    pub const MAX: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, Msg> {
        parse_code(raw, Self::MAX, "field-code-invalid").map(AccountNumber)
    }
}

impl Sku {
    pub const MAX: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, Msg> {
        parse_code(raw, Self::MAX, "field-sku-invalid").map(Sku)
    }
}

/// The trimmed code when it is at most `max` letters, digits and . _ / -, starting with a letter
/// or digit; else the message `rule` (which is told `max`).
fn parse_code(raw: &str, max: usize, rule: &'static str) -> Result<String, Msg> {
    let is_code = |value: &str| {
        value.len() <= max
            && value
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c))
    };
    trimmed_if(raw, is_code, || Msg::new(rule).arg("max", max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_pass_trimmed() {
        for ok in ["C-100234", "4711/02", "a.b_c", "C000001", "VLV-100"] {
            let padded = format!(" {ok} ");
            assert_eq!(AccountNumber::parse(&padded).unwrap().as_str(), ok);
            assert_eq!(Sku::parse(&padded).unwrap().as_str(), ok);
        }
        assert!(Sku::parse(&"S".repeat(40)).is_ok());
    }

    #[test]
    fn spaces_punctuation_a_leading_mark_and_length_are_refused() {
        let bad = ["bad number!", "-C1", "", "C 1", "VLV#1", &"C".repeat(41)];
        crate::domain::assert_refused(AccountNumber::parse, &bad, "letters, digits");
        crate::domain::assert_refused(Sku::parse, &bad, "letters, digits");
    }
}
