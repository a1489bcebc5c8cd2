//! The checks of an import file, run in Rust over its lines beside the file's COPY.
//!
//! The customer, address and order files use them (the product files keep their checks in SQL
//! over the staging table, as some need the products already stored or in the same upload).
//! Messages quote values as PostgreSQL's `%L` does, like the SQL checks'. On a million orders
//! they take well under a second where the SQL took seven: the four unique columns alone were
//! four hash aggregates over the staging table. A rule on what the database holds
//! ([`Rule::Known`]) asks the caller, who read those values from the database before the file;
//! a check over the whole file ([`Rule::Apart`]) is the caller's, merged by [`first_bad`].

use std::{
    borrow::Cow,
    collections::HashMap,
    hash::{BuildHasher, Hasher},
};

/// One check on one column, in the order the file format lists them.
pub(crate) enum Rule {
    /// Not empty once spaces are trimmed.
    Required(&'static str),
    /// One of the listed values exactly.
    OneOf(&'static str, &'static [&'static str]),
    /// A value the test accepts; the message says it "is not {what}".
    Shape(&'static str, fn(&str) -> bool, &'static str),
    /// An ISO 8601 UTC timestamp with whole seconds that is a real date.
    Timestamp(&'static str),
    /// No earlier line holds the same value (empty values aside).
    Unique(&'static str),
    /// No earlier line holds the same value once trimmed and in lower case (emails).
    UniqueFolded(&'static str),
    /// A value the test accepts; else the message, with `{value}` for the value quoted.
    Saying(&'static str, fn(&str) -> bool, &'static str),
    /// A value the caller knows (the customers' account numbers, read before the file); else
    /// "{col} {value} is not {what}".
    Known(&'static str, &'static str),
    /// A check the caller makes over the whole file (see `first_bad`); it holds its place in
    /// the order.
    Apart,
}

/// The first line that breaks a rule: its number, the index of the first rule it breaks, and why.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct BadLine {
    pub(crate) line: u64,
    pub(crate) rule: usize,
    pub(crate) reason: String,
}

/// Checks each line of `body` (the data after the header, already checked for its shape by
/// `check_shape`) against `rules`, whose columns are named in `header`; `known` answers
/// [`Rule::Known`].
pub(crate) fn first_bad_line(
    body: &[u8],
    header: &str,
    rules: &[Rule],
    known: &(dyn Fn(&str) -> bool + Sync),
) -> Option<BadLine> {
    let columns: Vec<&str> = header.split(',').collect();
    let plan = plan(&columns, rules);
    let mut seen = seen_values(body, rules);
    let mut bad = None;
    each_line(body, |line, fields| {
        for (i, (col, rule)) in plan.iter().enumerate() {
            let name = columns[*col];
            let reason = match rule {
                Rule::Unique(_) | Rule::UniqueFolded(_) => fields.get(*col).and_then(|field| {
                    let first = earlier(&mut seen[i], rule, field.clone(), line)?;
                    let value = quote_literal(field);
                    Some(format!(
                        "{name} {value} appears twice (first on line {first})"
                    ))
                }),
                _ => broken(
                    rule,
                    name,
                    fields.get(*col).map_or("", |v| v.as_ref()),
                    known,
                ),
            };
            if let Some(reason) = reason {
                bad = Some(BadLine {
                    line,
                    rule: i,
                    reason,
                });
                return false;
            }
        }
        true
    });
    bad
}

/// Each rule with the index of its column.
fn plan<'r>(columns: &[&str], rules: &'r [Rule]) -> Vec<(usize, &'r Rule)> {
    let index = |col: &str| {
        columns
            .iter()
            .position(|c| *c == col)
            .unwrap_or_else(|| panic!("{col} is not a column of {}", columns.join(",")))
    };
    rules
        .iter()
        .map(|rule| {
            let col = match rule {
                Rule::Required(c)
                | Rule::OneOf(c, _)
                | Rule::Shape(c, _, _)
                | Rule::Timestamp(c)
                | Rule::Unique(c)
                | Rule::UniqueFolded(c)
                | Rule::Saying(c, _, _)
                | Rule::Known(c, _) => index(c),
                Rule::Apart => 0,
            };
            (col, rule)
        })
        .collect()
}

/// The values each unique rule has seen, with their first line.
type Seen<'a> = HashMap<Cow<'a, str>, u64, FastSeed>;

/// Room for every line's value in each unique column from the start, and a fast hash: the
/// four unique columns of a million orders are four million insertions, which with the
/// standard hasher and growing tables took longer than the COPY beside them.
fn seen_values<'a>(body: &[u8], rules: &[Rule]) -> Vec<Seen<'a>> {
    let lines = body.iter().filter(|b| **b == b'\n').count() + 1;
    let seed = FastSeed::new();
    rules
        .iter()
        .map(|rule| match rule {
            Rule::Unique(_) | Rule::UniqueFolded(_) => {
                HashMap::with_capacity_and_hasher(lines, seed)
            }
            _ => HashMap::with_hasher(seed),
        })
        .collect()
}

/// The line on which a unique rule first saw `field` (empty values aside); a value not seen
/// yet is noted as seen on `line`.
fn earlier<'a>(seen: &mut Seen<'a>, rule: &Rule, field: Cow<'a, str>, line: u64) -> Option<u64> {
    let trimmed = field.trim_matches(' ');
    if trimmed.is_empty() {
        return None;
    }
    let key = if matches!(rule, Rule::UniqueFolded(_)) {
        Cow::Owned(trimmed.to_lowercase())
    } else {
        field
    };
    match seen.get(&key) {
        Some(first) => Some(*first),
        None => {
            seen.insert(key, line);
            None
        }
    }
}

/// Why `value` breaks a rule on one value (`name` is its column), if it does.
fn broken(
    rule: &Rule,
    name: &str,
    value: &str,
    known: &(dyn Fn(&str) -> bool + Sync),
) -> Option<String> {
    match rule {
        Rule::Known(_, what) => (!known(value)).then(|| not_a(name, value, what)),
        Rule::Apart | Rule::Unique(_) | Rule::UniqueFolded(_) => None,
        Rule::Required(_) => {
            (value.trim_matches(' ').is_empty()).then(|| format!("{name} is missing"))
        }
        Rule::OneOf(_, values) => (!values.contains(&value))
            .then(|| not_a(name, value, &format!("one of {}", values.join(", ")))),
        Rule::Shape(_, test, what) => (!test(value)).then(|| not_a(name, value, what)),
        Rule::Saying(_, test, message) => {
            (!test(value)).then(|| message.replace("{value}", &quote_literal(value)))
        }
        Rule::Timestamp(_) => (!is_timestamp(value))
            .then(|| not_a(name, value, "a timestamp like 2019-03-14T09:26:53Z")),
    }
}

/// Whichever of two bad lines comes first in the file, and on one line the rule first in the
/// order: a line check's and a check made apart over the whole file.
pub(crate) fn first_bad(a: Option<BadLine>, b: Option<BadLine>) -> Option<BadLine> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if (b.line, b.rule) < (a.line, a.rule) {
            b
        } else {
            a
        }),
        (a, b) => a.or(b),
    }
}

/// Each line of `body` (the data after the header, UTF-8 as `check_shape` made sure) with its
/// number and its fields as COPY reads them, until `f` says to stop.
pub(crate) fn each_line<'a>(body: &'a [u8], mut f: impl FnMut(u64, &[Cow<'a, str>]) -> bool) {
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let mut fields = Vec::new();
    for (n, raw) in text.split_terminator('\n').enumerate() {
        split_fields(raw.strip_suffix('\r').unwrap_or(raw), &mut fields);
        if !f(n as u64 + 2, &fields) {
            return;
        }
    }
}

/// A multiply-rotate hash over 8-byte words (as FxHash does), seeded at random for each check,
/// so that no file can be written to make its values collide.
#[derive(Clone, Copy)]
struct FastSeed(u64);

impl FastSeed {
    fn new() -> FastSeed {
        FastSeed(std::collections::hash_map::RandomState::new().hash_one(0u8))
    }
}

impl BuildHasher for FastSeed {
    type Hasher = FastHash;
    fn build_hasher(&self) -> FastHash {
        FastHash(self.0)
    }
}

struct FastHash(u64);

impl FastHash {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHash {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        // The multiplication leaves its best bits at the top; the table indexes by the bottom.
        self.0.rotate_left(26)
    }
}

/// "{col} is missing" for an empty value, else "{col} {value} is not {what}".
fn not_a(col: &str, value: &str, what: &str) -> String {
    if value.is_empty() {
        format!("{col} is missing")
    } else {
        format!("{col} {} is not {what}", quote_literal(value))
    }
}

/// The fields of one CSV line as COPY reads them: quoted fields lose their quotes and read `""`
/// as one quote; nothing is trimmed.
fn split_fields<'a>(line: &'a str, out: &mut Vec<Cow<'a, str>>) {
    out.clear();
    let bytes = line.as_bytes();
    let mut start = 0;
    loop {
        if bytes.get(start) == Some(&b'"') {
            let mut value = String::new();
            let mut i = start + 1;
            let mut from = i;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    value.push_str(&line[from..i]);
                    if bytes.get(i + 1) == Some(&b'"') {
                        value.push('"');
                        i += 2;
                        from = i;
                        continue;
                    }
                    i += 1;
                    from = i;
                    break;
                }
                i += 1;
            }
            // Anything between the closing quote and the comma belongs to the field too.
            let end = line[i..].find(',').map_or(line.len(), |p| i + p);
            value.push_str(&line[from.min(end)..end]);
            out.push(Cow::Owned(value));
            if end >= line.len() {
                return;
            }
            start = end + 1;
        } else {
            match line[start..].find(',') {
                Some(p) => {
                    out.push(Cow::Borrowed(&line[start..start + p]));
                    start += p + 1;
                }
                None => {
                    out.push(Cow::Borrowed(&line[start..]));
                    return;
                }
            }
        }
    }
}

/// The value quoted as PostgreSQL's `quote_literal` (and `format('%L')`) quotes it.
pub(crate) fn quote_literal(value: &str) -> String {
    let quoted = value.replace('\'', "''");
    if value.contains('\\') {
        format!("E'{}'", quoted.replace('\\', "\\\\"))
    } else {
        format!("'{quoted}'")
    }
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `SO-` followed by at least seven digits.
pub(crate) fn is_order_number(s: &str) -> bool {
    s.strip_prefix("SO-")
        .is_some_and(|d| d.len() >= 7 && digits(d))
}

/// `C` followed by at least six digits.
pub(crate) fn is_account_number(s: &str) -> bool {
    s.strip_prefix('C')
        .is_some_and(|d| d.len() >= 6 && digits(d))
}

/// Two capital letters (A to Z).
pub(crate) fn is_country_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Nothing, or names of 1 to 60 characters without spaces, separated by `;`.
pub(crate) fn is_tag_list(s: &str) -> bool {
    s.is_empty()
        || s.split(';')
            .all(|t| (1..=60).contains(&t.chars().count()) && !t.chars().any(char::is_whitespace))
}

/// Money with two decimals: 1 to 15 digits, a point, two digits.
pub(crate) fn is_money(s: &str) -> bool {
    match s.split_once('.') {
        Some((whole, cents)) => {
            (1..=15).contains(&whole.len()) && digits(whole) && cents.len() == 2 && digits(cents)
        }
        None => false,
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`, a year from 1000 to 2999, and a day the month has.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20
        || !matches!(b[0], b'1' | b'2')
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        digits(&s[r.clone()])
            .then(|| s[r].parse::<u32>().ok())
            .flatten()
    };
    match (
        num(0..4),
        num(5..7),
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    ) {
        (Some(y), Some(m), Some(d), Some(h), Some(min), Some(sec)) => {
            h <= 23
                && min <= 59
                && sec <= 59
                && chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_some()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_as_copy_reads_csv() {
        let mut out = Vec::new();
        split_fields(r#"a,"b,c",,"say ""hi""","""",x"#, &mut out);
        assert_eq!(out, vec!["a", "b,c", "", r#"say "hi""#, "\"", "x"]);
        split_fields("", &mut out);
        assert_eq!(out, vec![""]);
        split_fields("a,", &mut out);
        assert_eq!(out, vec!["a", ""]);
    }

    #[test]
    fn values_are_quoted_as_postgresql_quotes_them() {
        assert_eq!(quote_literal("O'Brien"), "'O''Brien'");
        assert_eq!(quote_literal(r"a\b"), r"E'a\\b'");
    }

    #[test]
    fn shapes() {
        assert!(is_order_number("SO-0000001") && !is_order_number("SO-123456"));
        assert!(!is_order_number(" SO-0000001") && !is_order_number("SO-00000a1"));
        assert!(is_account_number("C000001") && !is_account_number("C00001"));
        assert!(!is_account_number("c000001") && !is_account_number("C00000x1"));
        assert!(is_country_code("DE") && !is_country_code("de") && !is_country_code("DEU"));
        assert!(is_tag_list("") && is_tag_list("vip;key-account") && !is_tag_list("vip;"));
        assert!(!is_tag_list("key account") && !is_tag_list(&"x".repeat(61)));
        assert!(is_money("0.00") && is_money("123456789012345.99"));
        assert!(!is_money("1234567890123456.99") && !is_money("1.5") && !is_money(".50"));
        assert!(!is_money("-1.00") && !is_money("1,00"));
        assert!(is_timestamp("2024-02-29T23:59:59Z") && !is_timestamp("2023-02-29T10:00:00Z"));
        assert!(!is_timestamp("2024-04-31T10:00:00Z") && !is_timestamp("2024-01-01T24:00:00Z"));
        assert!(!is_timestamp("2024-01-01 10:00:00Z") && !is_timestamp("3024-01-01T10:00:00Z"));
        assert!(!is_timestamp("2024-13-01T10:00:00Z") && !is_timestamp("2024-00-01T10:00:00Z"));
    }

    #[test]
    fn the_first_bad_line_and_the_first_rule_it_breaks() {
        const RULES: [Rule; 4] = [
            Rule::Shape("id", is_order_number, "an order number"),
            Rule::Unique("id"),
            Rule::Known("status", "a known status"),
            Rule::OneOf("status", &["open", "shut"]),
        ];
        let body = b"SO-0000001,open\nSO-0000002,shut\nSO-0000001,ajar\n";
        assert_eq!(
            first_bad_line(body, "id,status", &RULES, &|_| true),
            Some(BadLine {
                line: 4,
                rule: 1,
                reason: "id 'SO-0000001' appears twice (first on line 2)".into()
            })
        );
        let body = b"SO-0000001,open\r\nSO-0000002,\r\n";
        assert_eq!(
            first_bad_line(body, "id,status", &RULES, &|_| true)
                .map(|b| (b.line, b.rule, b.reason)),
            Some((3, 3, "status is missing".into()))
        );
        assert_eq!(
            first_bad_line(b"SO-0000001,open\n", "id,status", &RULES, &|_| true),
            None
        );
        // A value the caller does not know, before the rules after it.
        let shut = |status: &str| status == "shut";
        assert_eq!(
            first_bad_line(
                b"SO-0000001,shut\nSO-0000002,ajar\n",
                "id,status",
                &RULES,
                &shut
            ),
            Some(BadLine {
                line: 3,
                rule: 2,
                reason: "status 'ajar' is not a known status".into()
            })
        );
    }
}
