//! A day in a JSON body as RFC 3339 writes it: `2027-01-15`, four digits of year. chrono alone
//! also reads `+262000-01-01`, which the API would then answer in a body that breaks the
//! document's `format: date`; such a day is refused as any other unreadable value is (422).
//! For `#[serde(deserialize_with = "day::exact")]` (`day::optional` for an `Option`).

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de::Error};

/// `YYYY-MM-DD`, a day that exists.
fn parse(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    (shaped && digits(0..4) && digits(5..7) && digits(8..10))
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

fn read<E: Error>(text: &str) -> Result<NaiveDate, E> {
    parse(text).ok_or_else(|| {
        E::custom(format!(
            "`{text}` is not a day written as YYYY-MM-DD, such as 2027-01-15"
        ))
    })
}

pub fn exact<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    read(&String::deserialize(d)?)
}

pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|text| read(&text))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn only_four_digits_of_year_and_a_day_that_exists() {
        assert_eq!(
            parse("2027-01-15").map(|d| d.to_string()).as_deref(),
            Some("2027-01-15")
        );
        assert_eq!(
            parse("0001-01-01").map(|d| d.to_string()).as_deref(),
            Some("0001-01-01")
        );
        for wrong in [
            "+262000-01-01",
            "-0001-01-01",
            "2027-1-15",
            "2027-02-30",
            "15.01.2027",
            "",
            "2027-01-15 ",
        ] {
            assert_eq!(parse(wrong), None, "{wrong}");
        }
    }
}
