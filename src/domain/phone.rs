//! A phone number as people write it: digits with spaces and + - ( ) . between them.

crate::parsed_text! {
    /// A trimmed phone number of at most 40 characters: digits, spaces and + - ( ) . only, with
    /// at least three digits.
    pub struct Phone;
}

impl Phone {
    pub const MAX: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, crate::i18n::Msg> {
        let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
        let ok = |value: &str| {
            value.chars().count() <= Self::MAX
                && value.chars().all(allowed)
                && value.chars().filter(char::is_ascii_digit).count() >= 3
        };
        super::trimmed_if(raw, ok, || crate::i18n::Msg::new("field-phone-invalid")).map(Phone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_write_them_pass() {
        for ok in ["+44 161 241 8744", "(030) 1234-56.78", " 112 "] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(Phone::parse(" 112 ").unwrap().as_str(), "112");
    }

    #[test]
    fn words_too_few_digits_and_too_long_are_refused() {
        crate::domain::assert_refused(
            Phone::parse,
            &["call me", "ring ring", "12", "+1 x 555", &"1".repeat(41)],
            "digits",
        );
    }
}
