//! The invoice as PDF: the vendor's letterhead, the customer addressed, the invoice's number,
//! dates and order, its lines (the order's, or the manual invoice's text), the total, what has
//! paid it and what is still open, in the reader's language.

use super::{Cell, LEFT, RIGHT, Sheet};
use crate::i18n::L10n;
use crate::models::accounts::documents::{InvoiceDocument, Parties};

/// The letterhead on the left and the document's title and facts on the right, then the
/// customer addressed: what both documents open with.
pub(super) fn head(
    sheet: &mut Sheet,
    (vendor, customer): &Parties,
    title: &str,
    facts: &[(String, String)],
) {
    let top = sheet.y();
    sheet.line(&[Cell::left(LEFT, 280.0, &vendor.name).bold()], 14.0);
    for line in &vendor.address {
        sheet.line(&[Cell::left(LEFT, 280.0, line)], 9.0);
    }
    let left_end = sheet.y();
    sheet.set_y(top);
    sheet.line(&[Cell::right(RIGHT - 220.0, 220.0, title).bold()], 18.0);
    for (label, value) in facts {
        let label = Cell::left(RIGHT - 220.0, 90.0, label);
        sheet.line(&[label, Cell::right(RIGHT - 130.0, 130.0, value)], 9.0);
    }
    sheet.set_y(sheet.y().min(left_end));
    sheet.gap(24.0);
    sheet.line(&[Cell::left(LEFT, 300.0, &customer.name).bold()], 11.0);
    for line in &customer.address {
        sheet.line(&[Cell::left(LEFT, 300.0, line)], 10.0);
    }
    sheet.gap(18.0);
}

/// Columns of the lines: SKU, description, quantity, unit price, amount.
#[rustfmt::skip]
const COLUMNS: [(f32, f32); 5] = [(LEFT, 70.0), (125.0, 210.0), (340.0, 45.0), (390.0, 70.0), (465.0, 80.0)];

fn columns(texts: [String; 5], bold: bool) -> Vec<Cell> {
    super::row(texts, &COLUMNS, 2, bold)
}

/// A total line: its label and amount on the right.
pub(super) fn total(sheet: &mut Sheet, label: &str, amount: String, bold: bool) {
    let cells = [
        Cell::left(265.0, 180.0, label),
        Cell::right(445.0, 100.0, amount),
    ];
    let cells = cells.map(|c| if bold { c.bold() } else { c });
    sheet.line(&cells, 10.0);
}

/// What the invoice says beside its title: number, dates, account, order and reference.
fn facts(doc: &InvoiceDocument, l: &L10n) -> Vec<(String, String)> {
    let (p, item) = (&doc.entry.posting, &doc.entry.posting.item);
    let mut facts = vec![
        (l.t("pdf-invoice-number"), item.number.clone()),
        (l.t("pdf-invoice-date"), l.day(&item.posted_on)),
    ];
    let optional = [
        ("pdf-invoice-due", item.due_on.map(|d| l.day(&d))),
        ("pdf-account-number", doc.parties.1.account_number.clone()),
        ("pdf-invoice-order", p.order_number.clone()),
        ("pdf-invoice-your-reference", doc.order.1.clone()),
    ];
    for (label, value) in optional {
        if let Some(value) = value {
            facts.push((l.t(label), value));
        }
    }
    facts
}

/// The invoice's PDF in `l`'s language.
pub fn render(doc: &InvoiceDocument, l: &L10n) -> Vec<u8> {
    let p = &doc.entry.posting;
    let item = &p.item;
    let mut sheet = Sheet::new();
    let facts = facts(doc, l);
    let title = l.t(format!("pdf-title-{}", item.kind.replace('_', "-")));
    head(&mut sheet, &doc.parties, &title, &facts);
    if p.test_record {
        sheet.line(
            &[Cell::left(LEFT, 400.0, l.t("pdf-test-record")).bold()],
            10.0,
        );
        sheet.gap(6.0);
    }

    let heading = ["sku", "description", "quantity", "unit", "amount"];
    let heading = heading.map(|c| l.t(format!("pdf-col-{c}")));
    sheet.table_header(columns(heading, true), 9.0);
    if doc.order.0.is_empty() {
        let text = item.text.clone().unwrap_or_else(|| title.clone());
        let amount = l.amount(item.amount_cents);
        sheet.line(
            &columns(
                [String::new(), text, String::new(), String::new(), amount],
                false,
            ),
            9.0,
        );
    }
    for line in &doc.order.0 {
        let cells = [
            line.sku.clone(),
            line.name.clone(),
            line.quantity.to_string(),
            l.amount(line.unit_cents),
            l.amount(line.line_cents),
        ];
        sheet.line(&columns(cells, false), 9.0);
    }
    sheet.end_table();
    sheet.rule();
    let currency = &item.currency;
    total(
        &mut sheet,
        &l.t("pdf-total"),
        l.money(item.amount_cents, currency),
        true,
    );
    let paid = item.amount_cents.abs() - item.open_cents;
    if paid > 0 {
        total(
            &mut sheet,
            &l.t("pdf-paid"),
            l.money(-paid, currency),
            false,
        );
        total(
            &mut sheet,
            &l.t("pdf-open"),
            l.money(item.open_cents, currency),
            true,
        );
    }
    sheet.gap(16.0);
    if let Some(due) = item.due_on.filter(|_| item.open_cents > 0) {
        let say = l.t1("pdf-invoice-pay-by", "date", l.day(&due));
        sheet.paragraph((LEFT, RIGHT - LEFT), &say, 10.0);
    }
    if item.open_cents == 0 {
        sheet.paragraph((LEFT, RIGHT - LEFT), &l.t("pdf-invoice-settled"), 10.0);
    }
    let footer = format!("{} · {}", doc.parties.0.name, item.number);
    sheet.finish(&format!("{title} {}", item.number), &footer, |n, total| {
        l.t2("pdf-page", ("page", n as i64), ("pages", total as i64))
    })
}
