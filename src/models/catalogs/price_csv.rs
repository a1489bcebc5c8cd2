//! A price file as staff upload it: CSV with a header naming its columns, `sku` and `price`
//! and, where wanted, `min_quantity`, `valid_from` and `valid_to` (in any order, any case).
//! Prices are amounts with up to two decimals ("8.50"); days are `YYYY-MM-DD`. A file whose
//! header is separated by semicolons (as a spreadsheet in German saves it) is read with `;`
//! between fields and a decimal comma ("8,50"). Empty lines are skipped; quoted fields lose
//! their quotes.

use super::contract_prices::PriceLine;
use crate::i18n::Msg;
use chrono::NaiveDate;

/// A file read: its prices, and the number of each one's line in the file (the header is 1).
#[derive(Debug, Default)]
pub struct Parsed {
    pub lines: Vec<PriceLine>,
    pub numbers: Vec<usize>,
}

/// A line that could not be read: its number in the file and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadLine {
    pub number: usize,
    pub reason: Msg,
}

const COLUMNS: [&str; 5] = ["sku", "price", "min_quantity", "valid_from", "valid_to"];

/// Reads a price file, or says which lines cannot be read (at most `named` of them).
pub fn parse(text: &str, named: usize) -> Result<Parsed, Vec<BadLine>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = rows.next() else {
        return Err(vec![bad(1, Msg::new("prices-csv-empty"))]);
    };
    let (separator, decimal) = match header.contains(';') && !header.contains(',') {
        true => (';', ','),
        false => (',', '.'),
    };
    let columns = columns(header, separator)?;
    let mut parsed = Parsed::default();
    let mut errors = Vec::new();
    for (i, row) in rows {
        let number = i + 1;
        match line(row, separator, decimal, &columns) {
            Ok(l) => {
                parsed.lines.push(l);
                parsed.numbers.push(number);
            }
            Err(reason) if errors.len() < named => errors.push(bad(number, reason)),
            Err(_) => break,
        }
    }
    match errors.is_empty() {
        true => Ok(parsed),
        false => Err(errors),
    }
}

fn bad(number: usize, reason: Msg) -> BadLine {
    BadLine { number, reason }
}

/// Which of [`COLUMNS`] each field of a line is.
fn columns(header: &str, separator: char) -> Result<Vec<usize>, Vec<BadLine>> {
    let mut found = Vec::new();
    for name in fields(header, separator) {
        let name = name.to_lowercase();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(c) if !found.contains(&c) => found.push(c),
            _ => {
                let unknown = Msg::new("prices-csv-column").arg("column", name);
                return Err(vec![bad(1, unknown)]);
            }
        }
    }
    for needed in [0, 1] {
        if !found.contains(&needed) {
            let missing = Msg::new("prices-csv-column-missing").arg("column", COLUMNS[needed]);
            return Err(vec![bad(1, missing)]);
        }
    }
    Ok(found)
}

/// The fields of a line: quoted fields may hold the separator and read `""` as one quote;
/// each field is trimmed.
fn fields(row: &str, separator: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (c, false) if c == separator => out.push(std::mem::take(&mut field).trim().to_string()),
            (c, _) => field.push(c),
        }
    }
    out.push(field.trim().to_string());
    out
}

/// One line's price, or why it cannot be read.
fn line(row: &str, separator: char, decimal: char, columns: &[usize]) -> Result<PriceLine, Msg> {
    let fields = fields(row, separator);
    if fields.len() != columns.len() {
        return Err(Msg::new("prices-csv-fields")
            .arg("expected", columns.len())
            .arg("found", fields.len()));
    }
    let mut l = PriceLine {
        sku: String::new(),
        price_cents: 0,
        min_quantity: 1,
        valid: (None, None),
    };
    for (value, column) in fields.iter().zip(columns) {
        match *column {
            0 => l.sku = value.clone(),
            1 => l.price_cents = cents(value, decimal).ok_or_else(|| not_a("price", value))?,
            2 if value.is_empty() => {}
            2 => l.min_quantity = value.parse().map_err(|_| not_a("min_quantity", value))?,
            _ if value.is_empty() => {}
            c => {
                let day = NaiveDate::parse_from_str(value, "%Y-%m-%d")
                    .map_err(|_| not_a(COLUMNS[c], value))?;
                match c {
                    3 => l.valid.0 = Some(day),
                    _ => l.valid.1 = Some(day),
                }
            }
        }
    }
    Ok(l)
}

fn not_a(column: &'static str, value: &str) -> Msg {
    Msg::new("prices-csv-value")
        .arg("column", column)
        .arg("value", value.to_string())
}

/// "8.50", "8.5" or "8" (with `decimal` as the decimal mark) in cents; None for anything else,
/// a sign included.
pub fn cents(value: &str, decimal: char) -> Option<i64> {
    let (whole, fraction) = match value.split_once(decimal) {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (value, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 13
        || fraction.len() > 2
        || !digits(whole)
        || !digits(fraction)
    {
        return None;
    }
    let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
    Some(whole.parse::<i64>().ok()? * 100 + cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_read_to_the_cent() {
        assert_eq!(cents("8.50", '.'), Some(850));
        assert_eq!(cents("8.5", '.'), Some(850));
        assert_eq!(cents("8", '.'), Some(800));
        assert_eq!(cents("0.07", '.'), Some(7));
        assert_eq!(cents("8,50", ','), Some(850));
        for wrong in ["", "-1", "8.505", "8,50", "1e3", ".5", "8."] {
            assert_eq!(cents(wrong, '.'), None, "{wrong}");
        }
    }

    #[test]
    fn a_file_is_read_by_its_header() {
        let p = parse(
            "\u{feff}SKU,Price,valid_to,min_quantity\nA-1,8.50,,\n\n\"B,2\",1.00,2026-12-31,10\n",
            10,
        )
        .unwrap();
        assert_eq!(p.numbers, vec![2, 4]);
        assert_eq!(p.lines[0].sku, "A-1");
        assert_eq!(p.lines[0].min_quantity, 1);
        assert_eq!(p.lines[1].price_cents, 100);
        assert_eq!(p.lines[1].min_quantity, 10);
        assert_eq!(p.lines[1].valid.1, NaiveDate::from_ymd_opt(2026, 12, 31));
    }

    #[test]
    fn a_german_spreadsheet_file_is_read_with_semicolons_and_decimal_commas() {
        let p = parse("sku;price\nA-1;8,50\n", 10).unwrap();
        assert_eq!(p.lines[0].price_cents, 850);
    }

    #[test]
    fn wrong_lines_are_named_by_their_number() {
        let errors = parse("sku,price\nA-1,x\nA-2,1.00\nA-3\n", 10).unwrap_err();
        let numbers: Vec<usize> = errors.iter().map(|e| e.number).collect();
        assert_eq!(numbers, vec![2, 4]);
        assert_eq!(parse("sku,cost\n", 10).unwrap_err()[0].number, 1);
        assert_eq!(parse("price\n", 10).unwrap_err()[0].number, 1);
        assert_eq!(parse("", 10).unwrap_err()[0].number, 1);
    }
}
