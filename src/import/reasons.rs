//! The import's reasons in the reader's language. The imports store and report why a line or a
//! file was refused in English (the customer import's run keeps it as text; some reasons are
//! written by SQL). What is stored stays as it is: a reason of a fixed shape is recognised when
//! it is shown and put into the reader's words, its values (columns, lines, what the file held)
//! as placeholders; any other text is shown as stored.

use crate::i18n::{L10n, Lang, Msg};

/// A fixed shape of an English text (`{name}` marks a value) and the message that says it.
type Shape = (&'static str, &'static str);

/// Why a whole file or run was refused (what `ImportError` and `public_message` write).
const RUN: &[Shape] = &[
    (
        "{file} line {line}: {reason} (nothing of {file2} was imported)",
        "history-import-invalid",
    ),
    (
        "{dir} holds none of customers.csv, addresses.csv, orders.csv",
        "history-import-no-files",
    ),
    (
        "{file} is not a file of the format",
        "history-import-not-format",
    ),
    (
        "there is no store for new customers",
        "history-import-no-store",
    ),
    (
        "there is no sales channel named {name}",
        "history-import-no-channel",
    ),
    (
        "there are no payment terms for {code}",
        "history-import-no-terms",
    ),
    (
        "orders.csv: orders arrived while the file was read; nothing of orders.csv was imported, import it again",
        "history-import-orders-arrived",
    ),
    (
        "{file}: the file would give two orders the same value ({constraint}); nothing of {file2} was imported",
        "history-import-same-value",
    ),
    (
        "{file}: the database stopped the import; the cause has been logged. Nothing of {file2} was imported.",
        "history-import-database-file",
    ),
    (
        "The database stopped the import; the cause has been logged.",
        "history-import-database",
    ),
    (
        "The uploaded files could not be read back; the cause has been logged.",
        "history-import-unreadable",
    ),
];

/// Why a line was refused (the customer and the product import).
const LINE: &[Shape] = &[
    // The product import (before the general shapes, which would take these too).
    (
        "{col} has {count} characters; at most {max} are allowed",
        "history-import-too-long",
    ),
    (
        "catalog {value} does not exist",
        "history-import-no-catalog",
    ),
    (
        "customer account number {value} does not exist",
        "history-import-no-customer",
    ),
    (
        "sku {value} is not a known product (add it with products.csv first)",
        "history-import-unknown-product",
    ),
    (
        "sku {value} appears twice (first on line {first}; SKUs differing only in case are the same)",
        "history-import-sku-twice",
    ),
    (
        "a product is offered either through catalogs or to specific customers, not both: leave catalogs or customers empty",
        "history-import-catalogs-or-customers",
    ),
    (
        "price {value} is not an amount like 12.50 (no currency, at most two decimals, not negative; empty for no price)",
        "history-import-not-price",
    ),
    (
        "quantity {value} is not a whole number from 0 to 999999999 (empty for none recorded)",
        "history-import-not-quantity",
    ),
    ("{col} {value} is not a store", "history-import-not-store"),
    (
        "{col} {value} does not exist",
        "history-import-does-not-exist",
    ),
    (
        "the price of {sku} on {list} is given twice (first on line {first})",
        "history-import-price-twice",
    ),
    (
        "the stock of {sku} at {store} is given twice (first on line {first})",
        "history-import-stock-twice",
    ),
    // The customer import.
    ("{col} is missing", "history-import-missing"),
    (
        "{col} {value} is not one of {list}",
        "history-import-not-one-of",
    ),
    (
        "{col} {value} is not a known customer",
        "history-import-not-known-customer",
    ),
    (
        "{col} {value} is not a known status",
        "history-import-not-known-status",
    ),
    (
        "{col} {value} is not an order number",
        "history-import-not-order-number",
    ),
    (
        "{col} {value} is not a two-letter country code",
        "history-import-not-country",
    ),
    (
        "{col} {value} is not C followed by at least 6 digits",
        "history-import-not-account-number",
    ),
    (
        "{col} {value} is not SO- followed by at least 7 digits",
        "history-import-not-order-id",
    ),
    (
        "{col} {value} is not money with two decimals (like 1213.89)",
        "history-import-not-money",
    ),
    (
        "{col} {value} is not a SKU (1 to 40 letters, digits, . _ / -, starting with a letter or digit)",
        "history-import-not-sku",
    ),
    (
        "{col} {value} appears twice (first on line {first})",
        "history-import-twice",
    ),
    (
        "a carriage return (CR) stands alone inside the line",
        "history-import-cr-inside",
    ),
    (
        "a carriage return (CR) stands alone at the end",
        "history-import-cr-end",
    ),
    (
        "a quoted field is not closed on its line (fields hold no line breaks)",
        "history-import-quote-open",
    ),
    (
        "the header line ends with CR LF, so every line must (this one ends with LF alone)",
        "history-import-crlf-expected",
    ),
    (
        "the header line ends with LF, so every line must (this one ends with CR LF)",
        "history-import-lf-expected",
    ),
    (
        "{fields} fields where the header has {expected}",
        "history-import-field-count",
    ),
    (
        "a second default {kind} address for {account} (the first is on line {first})",
        "history-import-second-default",
    ),
    (
        "{account} has no default billing address in the file",
        "history-import-no-billing",
    ),
    ("invalid row", "history-import-invalid-row"),
];

/// Why a run failed (as stored), in the reader's language where its shape is known.
pub fn run_error_in(l: &L10n, error: &str) -> String {
    in_words(l, RUN, error).unwrap_or_else(|| reason_in(l, error))
}

/// Why a line was refused, in the reader's language where its shape is known; else as given.
pub fn reason_in(l: &L10n, reason: &str) -> String {
    in_words(l, LINE, reason).unwrap_or_else(|| reason.to_string())
}

fn in_words(l: &L10n, shapes: &[Shape], text: &str) -> Option<String> {
    // English reads as the import wrote it, to the letter.
    if l.lang == Lang::english() {
        return None;
    }
    shapes.iter().find_map(|(shape, id)| {
        let values = capture(shape, text)?;
        // The same value named twice (the file in "nothing of {file} was imported") must agree.
        let same = |a: &str, b: &str| {
            let get = |n: &str| values.iter().find(|(k, _)| *k == n).map(|(_, v)| v);
            get(a).is_none() || get(a) == get(b)
        };
        if !same("file2", "file") {
            return None;
        }
        let msg = values.iter().filter(|(name, _)| *name != "file2").fold(
            Msg::new(*id),
            |m, (name, value)| {
                let value = match *name {
                    "reason" => reason_in(l, value),
                    _ => value.clone(),
                };
                m.arg(name, value)
            },
        );
        Some(l.msg(&msg))
    })
}

/// The values of `text` for the `{name}`s of `shape`, if `text` has that shape. A value is
/// never empty; where a value could end at more than one place, every place is tried.
fn capture(shape: &'static str, text: &str) -> Option<Vec<(&'static str, String)>> {
    enum Part {
        Text(&'static str),
        Value(&'static str),
    }
    let mut parts = Vec::new();
    let mut rest = shape;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(Part::Text(&rest[..open]));
        }
        let close = open + rest[open..].find('}')?;
        parts.push(Part::Value(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest));
    }
    fn go(parts: &[Part], text: &str, out: &mut Vec<(&'static str, String)>) -> bool {
        match parts.split_first() {
            None => text.is_empty(),
            Some((Part::Text(t), more)) => text
                .strip_prefix(t)
                .is_some_and(|after| go(more, after, out)),
            Some((Part::Value(name), more)) => {
                let ends: Vec<usize> = match more.first() {
                    None => vec![text.len()],
                    Some(Part::Text(t)) => text.match_indices(t).map(|(i, _)| i).collect(),
                    Some(Part::Value(_)) => text.char_indices().map(|(i, _)| i).skip(1).collect(),
                };
                for end in ends.into_iter().filter(|&e| e > 0) {
                    out.push((name, text[..end].to_string()));
                    if go(more, &text[end..], out) {
                        return true;
                    }
                    out.pop();
                }
                false
            }
        }
    }
    let mut out = Vec::new();
    go(&parts, text, &mut out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Zone;

    fn de() -> L10n {
        L10n::new(Lang::parse("de").unwrap(), Zone::utc())
    }

    #[test]
    fn a_reason_of_a_known_shape_reads_in_german_and_english_stays() {
        let en = L10n::new(Lang::english(), Zone::utc());
        let stored = "customers.csv line 7: country 'Deutschland' is not a two-letter country code (nothing of customers.csv was imported)";
        assert_eq!(run_error_in(&en, stored), stored);
        let german = run_error_in(&de(), stored);
        assert!(german.contains("customers.csv") && german.contains("'Deutschland'"));
        assert!(
            german.contains('7') && !german.contains("nothing of"),
            "{german}"
        );
        assert!(!german.contains("two-letter"), "{german}");
    }

    #[test]
    fn other_text_is_shown_as_stored() {
        assert_eq!(reason_in(&de(), "bad total"), "bad total");
        assert_eq!(run_error_in(&de(), "something else"), "something else");
    }

    #[test]
    fn every_shape_is_recognised_and_has_a_german_message() {
        for (shape, id) in RUN.iter().chain(LINE) {
            let mut sample = shape.replace("{file2}", "f.csv").replace("{file}", "f.csv");
            sample = sample.replace("{reason}", "invalid row");
            while let Some(open) = sample.find('{') {
                let close = open + sample[open..].find('}').unwrap();
                sample.replace_range(open..=close, "x1");
            }
            let shapes = if RUN.iter().any(|(_, i)| i == id) {
                RUN
            } else {
                LINE
            };
            let first = shapes.iter().find(|(s, _)| capture(s, &sample).is_some());
            assert_eq!(first.map(|(_, i)| *i), Some(*id), "{sample}");
            let german = in_words(&de(), shapes, &sample);
            let german = german.unwrap_or_else(|| panic!("{id}: {sample}"));
            assert!(german != sample && !german.contains(id), "{id}: {german}");
        }
    }
}
