//! A postal code: letters, digits, spaces and hyphens, as every country writes them.

crate::parsed_text! {
    /// A trimmed postal code of at most 12 characters: letters, digits, spaces and hyphens, with at
    /// least one letter or digit (EH24 9AA, 10115, 00-950, SE-113 56).
    pub struct PostalCode;
}

impl PostalCode {
    pub const MAX: usize = 12;

    pub fn parse(raw: &str) -> Result<Self, crate::i18n::Msg> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == ' ' || c == '-';
        let ok = |value: &str| {
            value.chars().count() <= Self::MAX
                && value.chars().all(allowed)
                && value.chars().any(|c| c.is_ascii_alphanumeric())
        };
        super::trimmed_if(raw, ok, || {
            crate::i18n::Msg::new("field-postcode-invalid").arg("max", Self::MAX)
        })
        .map(PostalCode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_of_several_countries_pass() {
        for ok in [
            "EH24 9AA",
            "10115",
            "00-950",
            "SE-113 56",
            "75008",
            " 2100 ",
        ] {
            assert!(PostalCode::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn punctuation_lines_and_long_text_are_refused() {
        for bad in ["EH24\n9AA", "10115!", "-", "1234567890123"] {
            assert!(PostalCode::parse(bad).is_err(), "{bad:?}");
        }
    }
}
