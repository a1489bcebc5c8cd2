//! A product's SKU, its stock-keeping code: unique among products whatever the case.

crate::parsed_text! {
    /// A trimmed SKU of at most 40 characters: letters, digits and . _ / -, starting with a letter
    /// or digit, no spaces (the same pattern as the column's CHECK).
    pub struct Sku;
}

impl Sku {
    pub const MAX: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, crate::i18n::Msg> {
        super::parse_code(raw, Self::MAX, "field-sku-invalid").map(Sku)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skus_pass_trimmed() {
        assert_eq!(Sku::parse(" VLV-100 ").unwrap().as_str(), "VLV-100");
        assert!(Sku::parse("a1.b_c/d-e").is_ok());
        assert!(Sku::parse(&"S".repeat(40)).is_ok());
    }

    #[test]
    fn empty_leading_marks_spaces_and_length_are_refused() {
        for bad in ["", "-VLV", "VLV 100", "VLV#1", &"S".repeat(41)] {
            assert!(
                Sku::parse(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("letters, digits"),
                "{bad}"
            );
        }
    }
}
