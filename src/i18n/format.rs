//! Dates, times, numbers and money as a reader of a language expects them, in their time zone.
//!
//! The patterns are messages of each language (`format-date`, `format-time`, `format-money`,
//! `format-locale`); month names come from chrono's locale data, digit grouping from
//! `num-format`'s, currency symbols from ISO 4217 data (`iso_currency`). Each language's
//! formats are read once and kept.

use super::{L10n, Lang, Msg};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use num_format::{Locale as Digits, ToFormattedString};
use std::borrow::Borrow;
use std::{collections::HashMap, sync::LazyLock};

/// A time zone from the IANA database (`Europe/Berlin`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone(pub Tz);

impl Zone {
    pub fn utc() -> Zone {
        Zone(Tz::UTC)
    }

    /// The zone an IANA name (`Europe/Berlin`, `UTC`) names.
    pub fn parse(name: &str) -> Option<Zone> {
        name.trim().parse::<Tz>().ok().map(Zone)
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

/// One language's formats, read from its messages once.
struct Formats {
    date: String,
    time: String,
    clock: String,
    chrono: chrono::Locale,
    digits: Digits,
    /// `format-money` with the amount as \u{1}, the symbol as \u{2} and the code as \u{3}.
    money: String,
}

static FORMATS: LazyLock<HashMap<String, Formats>> = LazyLock::new(|| {
    Lang::all()
        .iter()
        .map(|lang| {
            let l = L10n::new(lang.clone(), Zone::utc());
            let locale = l.t("format-locale");
            let formats = Formats {
                date: l.t("format-date"),
                time: l.t("format-time"),
                clock: l.t("format-clock"),
                chrono: chrono::Locale::try_from(locale.as_str()).unwrap_or(chrono::Locale::POSIX),
                digits: Digits::from_name(locale.replace('_', "-"))
                    .or_else(|_| Digits::from_name(lang.code()))
                    .unwrap_or(Digits::en),
                money: l.msg(
                    &Msg::new("format-money")
                        .arg("amount", "\u{1}")
                        .arg("symbol", "\u{2}")
                        .arg("code", "\u{3}"),
                ),
            };
            (lang.code().to_string(), formats)
        })
        .collect()
});

impl L10n {
    fn formats(&self) -> &'static Formats {
        FORMATS
            .get(self.lang.code())
            .or_else(|| FORMATS.get("en"))
            .expect("English formats")
    }

    /// A calendar day: `2 Mar 2026`, `2. März 2026`.
    pub fn day(&self, day: &NaiveDate) -> String {
        let f = self.formats();
        day.format_localized(&f.date, f.chrono).to_string()
    }

    /// The day of a moment, in the reader's time zone.
    pub fn date(&self, at: &DateTime<Utc>) -> String {
        self.day(&at.with_timezone(&self.zone.0).date_naive())
    }

    /// A moment with its zone: `2 Mar 2026, 09:00 CET`.
    pub fn time(&self, at: &DateTime<Utc>) -> String {
        let f = self.formats();
        at.with_timezone(&self.zone.0)
            .format_localized(&f.time, f.chrono)
            .to_string()
    }

    /// The time of day of a moment, with its zone: `09:00 CET`.
    pub fn clock(&self, at: &DateTime<Utc>) -> String {
        let f = self.formats();
        at.with_timezone(&self.zone.0)
            .format_localized(&f.clock, f.chrono)
            .to_string()
    }

    /// Today in the reader's (or the vendor's) time zone, not UTC's.
    pub fn today(&self) -> NaiveDate {
        Utc::now().with_timezone(&self.zone.0).date_naive()
    }

    /// A whole number with the language's grouping: `38,155`, `38.155`.
    pub fn number(&self, n: impl Borrow<i64>) -> String {
        n.borrow().to_formatted_string(&self.formats().digits)
    }

    /// Hundredths with two decimals: `1,234.50`, `1.234,50` (amounts in forms and tables).
    pub fn amount(&self, hundredths: impl Borrow<i64>) -> String {
        let hundredths = *hundredths.borrow();
        let digits = &self.formats().digits;
        let sign = if hundredths < 0 {
            digits.minus_sign()
        } else {
            ""
        };
        let abs = hundredths.unsigned_abs();
        format!(
            "{sign}{}{}{:02}",
            (abs / 100).to_formatted_string(digits),
            digits.decimal(),
            abs % 100
        )
    }

    /// An amount of a currency: `€1,234.50`, `1.234,50 €`.
    pub fn money(&self, cents: impl Borrow<i64>, currency: impl AsRef<str>) -> String {
        let currency = currency.as_ref();
        let symbol = iso_currency::Currency::from_code(currency)
            .map(|c| c.symbol().symbol)
            .unwrap_or_else(|| currency.to_string());
        self.formats()
            .money
            .replace('\u{1}', &self.amount(*cents.borrow()))
            .replace('\u{2}', &symbol)
            .replace('\u{3}', currency)
    }

    /// A percentage in hundredths, without trailing zeros: `12.5 %`, `12,5 %`.
    pub fn percent(&self, hundredths: impl Borrow<i32>) -> String {
        let hundredths = *hundredths.borrow();
        let whole = hundredths / 100;
        let decimal = self.formats().digits.decimal();
        let n = match hundredths % 100 {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}{decimal}{}", f / 10),
            f => format!("{whole}{decimal}{f:02}"),
        };
        self.t1("format-percent", "n", n)
    }

    /// The decimal separator people of this language type.
    pub fn decimal_mark(&self) -> &'static str {
        self.formats().digits.decimal()
    }

    /// `;` where a decimal comma would clash with CSV's comma (what German Excel expects).
    pub fn csv_separator(&self) -> u8 {
        if self.decimal_mark() == "," {
            b';'
        } else {
            b','
        }
    }

    /// Reads an amount as people of this language type it (`1.234,50` in German, `1,234.50` in
    /// English; a plain `1234` or `1234.5` either way), in hundredths; at most two decimals.
    pub fn parse_amount(&self, input: &str) -> Result<i64, Msg> {
        let digits = self.formats().digits;
        let (decimal, group) = (digits.decimal(), digits.separator());
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_' && *c != '\u{a0}' && *c != '\u{202f}')
            .collect();
        if s.is_empty() {
            return Ok(0);
        }
        // The reader's own style first; a lone other mark followed by one or two digits is a
        // decimal mark too (`12.5` typed in German means twelve and a half).
        let own = s.replace(group, "").replace(decimal, ".");
        let other = if decimal == "," { "." } else { "," };
        let normalised = if s.contains(decimal) || !s.contains(other) {
            own
        } else if s.matches(other).count() == 1
            && s.rsplit(other)
                .next()
                .is_some_and(|d| (1..=2).contains(&d.len()))
        {
            s.replace(other, ".")
        } else {
            s.replace(other, "")
        };
        parse_plain_hundredths(&normalised)
            .map_err(|id| Msg::new(id).arg("example", self.amount(125_000)))
    }
}

/// `-1234.5` in hundredths; the message id when it is not an amount.
fn parse_plain_hundredths(s: &str) -> Result<i64, &'static str> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (units, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if units.is_empty() && frac.is_empty() || !all_digits(units) || !all_digits(frac) {
        return Err("amount-invalid");
    }
    if frac.len() > 2 {
        return Err("amount-decimals");
    }
    if units.len() > 13 {
        return Err("amount-too-large");
    }
    let units: i64 = if units.is_empty() {
        0
    } else {
        units.parse().map_err(|_| "amount-invalid")?
    };
    let frac: i64 = format!("{frac:0<2}")
        .parse()
        .map_err(|_| "amount-invalid")?;
    let v = units * 100 + frac;
    Ok(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn en() -> L10n {
        L10n::new(Lang::english(), Zone::utc())
    }

    fn de() -> L10n {
        L10n::new(
            Lang::parse("de").unwrap(),
            Zone::parse("Europe/Berlin").unwrap(),
        )
    }

    #[test]
    fn numbers_and_money_read_as_each_language_writes_them() {
        assert_eq!(de().money(123_450, "EUR"), "1.234,50 €");
        assert_eq!(en().money(123_450, "EUR"), "1,234.50 EUR");
        assert_eq!(de().money(-5, "PLN"), "-0,05 zł");
        assert_eq!(de().number(38_155), "38.155");
        assert_eq!(en().number(38_155), "38,155");
        assert_eq!(de().amount(123_456_789), "1.234.567,89");
        assert_eq!(de().percent(1250), "12,5 %");
        assert_eq!(en().percent(1205), "12.05 %");
        assert_eq!(de().csv_separator(), b';');
        assert_eq!(en().csv_separator(), b',');
    }

    #[test]
    fn amounts_are_read_in_the_readers_own_style() {
        assert_eq!(de().parse_amount("1.234,50"), Ok(123_450));
        assert_eq!(de().parse_amount("1234,5"), Ok(123_450));
        assert_eq!(de().parse_amount("12.5"), Ok(1250));
        assert_eq!(de().parse_amount("1.234"), Ok(123_400));
        assert_eq!(en().parse_amount("1,234.50"), Ok(123_450));
        assert_eq!(en().parse_amount("1234.5"), Ok(123_450));
        assert_eq!(en().parse_amount("12,5"), Ok(1250));
        assert_eq!(en().parse_amount("1,234"), Ok(123_400));
        assert_eq!(en().parse_amount("-20"), Ok(-2000));
        assert_eq!(de().parse_amount(" 1 234,56 "), Ok(123_456));
        assert_eq!(
            de().parse_amount("12,345").unwrap_err().id,
            "amount-decimals"
        );
        let wrong = de().parse_amount("abc").unwrap_err();
        assert_eq!(de().msg(&wrong), "Geben Sie einen Betrag wie 1.250,00 ein.");
        assert_eq!(
            en().msg(&en().parse_amount("1e9").unwrap_err()),
            "Enter an amount such as 1,250.00."
        );
    }

    #[test]
    fn dates_use_the_languages_month_names() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(de().day(&day), "2. März 2026");
        assert_eq!(en().day(&day), "2 Mar 2026");
    }

    #[test]
    fn times_are_shown_in_the_zone_across_a_daylight_saving_change() {
        // Berlin moves from CET (UTC+1) to CEST (UTC+2) at 01:00 UTC on 29 March 2026.
        let before = Utc.with_ymd_and_hms(2026, 3, 29, 0, 30, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap();
        assert_eq!(de().time(&before), "29. März 2026, 01:30 CET");
        assert_eq!(de().time(&after), "29. März 2026, 03:30 CEST");
        assert_eq!(en().time(&after), "29 Mar 2026 01:30 UTC");
        // A note written at 23:30 UTC on 31 October is already 1 November in Berlin (CET).
        let late = Utc.with_ymd_and_hms(2026, 10, 31, 23, 30, 0).unwrap();
        assert_eq!(de().date(&late), "1. November 2026");
        assert_eq!(en().date(&late), "31 Oct 2026");
    }
}
