//! Money in cents and percentages in hundredths, parsed from what people type.

use crate::i18n::Msg;
use std::fmt;

/// An amount in cents of the vendor's currency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cents(pub i64);

/// A whole number with thousands separators: 38155 is "38,155".
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

impl Cents {
    /// Reads `1234`, `1234.5`, `1,234.56`, `1 234,56` or `-20`; at most two decimals.
    pub fn parse(input: &str) -> Result<Cents, Msg> {
        let hundredths = parse_hundredths(input, "amount-invalid-plain")?;
        Ok(Cents(hundredths))
    }

    /// `1,234.56`, for display and for putting back in a form field.
    pub fn plain(&self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", group_digits(abs / 100), abs % 100)
    }
}

impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain())
    }
}

/// A percentage in hundredths of a percent (1250 = 12.50 %), 0 to 100 %.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Percent(pub i32);

impl Percent {
    pub fn parse(input: &str) -> Result<Percent, Msg> {
        let v = parse_hundredths(input.trim().trim_end_matches('%'), "percent-invalid")?;
        if !(0..=10_000).contains(&v) {
            return Err(Msg::new("percent-range"));
        }
        Ok(Percent(v as i32))
    }

    /// `12.5`, without trailing zeros, for forms and display.
    pub fn plain(&self) -> String {
        let whole = self.0 / 100;
        match self.0 % 100 {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}.{}", f / 10),
            f => format!("{whole}.{f:02}"),
        }
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} %", self.plain())
    }
}

fn parse_hundredths(input: &str, wrong: &'static str) -> Result<i64, Msg> {
    let mut s: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    if s.is_empty() {
        return Ok(0);
    }
    if s.contains('.') {
        s = s.replace(',', "");
    } else if s.matches(',').count() == 1 && s.rsplit(',').next().is_some_and(|d| d.len() <= 2) {
        s = s.replace(',', ".");
    } else {
        s = s.replace(',', "");
    }
    let wrong = || Msg::new(wrong);
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (units, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if units.is_empty() && frac.is_empty()
        || !units.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(wrong());
    }
    if frac.len() > 2 {
        return Err(Msg::new("amount-decimals"));
    }
    if units.len() > 13 {
        return Err(Msg::new("amount-too-large"));
    }
    let units: i64 = if units.is_empty() {
        0
    } else {
        units.parse().map_err(|_| wrong())?
    };
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| wrong())?;
    let v = units * 100 + frac;
    Ok(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_as_people_write_them() {
        assert_eq!(Cents::parse("1234").unwrap(), Cents(123_400));
        assert_eq!(Cents::parse("1,234.5").unwrap(), Cents(123_450));
        assert_eq!(Cents::parse("1 234,56").unwrap(), Cents(123_456));
        assert_eq!(Cents::parse("-20").unwrap(), Cents(-2000));
        assert_eq!(Cents::parse("").unwrap(), Cents(0));
        assert!(Cents::parse("12.345").is_err());
        assert!(Cents::parse("abc").is_err());
        assert!(Cents::parse("1e9").is_err());
        assert_eq!(Cents(123_456_789).plain(), "1,234,567.89");
        assert_eq!(Cents(-5).plain(), "-0.05");
    }

    #[test]
    fn percentages_stay_between_0_and_100() {
        assert_eq!(Percent::parse("12.5").unwrap(), Percent(1250));
        assert_eq!(Percent::parse("7 %").unwrap(), Percent(700));
        assert!(Percent::parse("101").is_err());
        assert!(Percent::parse("-1").is_err());
        assert_eq!(Percent(1250).plain(), "12.5");
        assert_eq!(Percent(1205).plain(), "12.05");
    }
}
