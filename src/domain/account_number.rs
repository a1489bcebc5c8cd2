//! A customer's account number, as the accounting system knows it.

crate::parsed_text! {
    /// A trimmed account number of at most 40 characters: letters, digits and . _ / -, starting
    /// with a letter or digit (C-100234, 4711/02).
    pub struct AccountNumber;
}

impl AccountNumber {
    pub const MAX: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, crate::i18n::Msg> {
        super::parse_code(raw, Self::MAX, "field-code-invalid").map(AccountNumber)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_numbers_pass_trimmed() {
        for ok in ["C-100234", "4711/02", "a.b_c", "C000001"] {
            assert_eq!(
                AccountNumber::parse(&format!(" {ok} ")).unwrap().as_str(),
                ok
            );
        }
    }

    #[test]
    fn spaces_punctuation_a_leading_mark_and_length_are_refused() {
        for bad in ["bad number!", "-C1", "", "C 1", &"C".repeat(41)] {
            assert!(
                AccountNumber::parse(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("letters, digits"),
                "{bad}"
            );
        }
    }
}
