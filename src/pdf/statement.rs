//! The statement of account as PDF: for one currency and period, the opening balance, every
//! entry with the balance after it, the closing balance, and what was open at the period's end
//! (partial payments taken off) aged in the same columns as the Accounts tab.

use super::{Cell, LEFT, RIGHT, Sheet, invoice};
use crate::i18n::L10n;
use crate::models::accounts::{
    documents::{StatementDocument, StatementLine},
    view::Ageing,
};

/// Columns of the entries: date, number, text, due, charges, credits, balance.
#[rustfmt::skip]
const COLUMNS: [(f32, f32); 7] = [
    (LEFT, 58.0), (110.0, 72.0), (184.0, 110.0), (296.0, 58.0), (356.0, 62.0), (420.0, 62.0), (484.0, 61.0),
];

fn columns(texts: [String; 7], bold: bool) -> Vec<Cell> {
    super::row(texts, &COLUMNS, 4, bold)
}

/// The statement's PDF in `l`'s language.
pub fn render(doc: &StatementDocument, l: &L10n) -> Vec<u8> {
    let mut sheet = Sheet::new();
    let period = format!("{} – {}", l.day(&doc.from), l.day(&doc.to));
    let mut facts = vec![
        (l.t("pdf-statement-period"), period),
        (l.t("pdf-statement-currency"), doc.currency.clone()),
    ];
    if let Some(account) = &doc.parties.1.account_number {
        facts.push((l.t("pdf-account-number"), account.clone()));
    }
    let title = l.t("pdf-title-statement");
    invoice::head(&mut sheet, &doc.parties, &title, &facts);
    let currency = &doc.currency;
    let balance = |sheet: &mut Sheet, (id, day), cents| {
        let label = l.t1(id, "date", l.day(day));
        invoice::total(sheet, &label, l.money(cents, currency), true);
    };
    balance(
        &mut sheet,
        ("pdf-statement-opening", &doc.from),
        doc.opening_cents,
    );
    sheet.gap(6.0);

    let heading = [
        "date", "number", "text", "due", "charges", "credits", "balance",
    ];
    let heading = heading.map(|c| l.t(format!("pdf-col-{c}")));
    sheet.table_header(columns(heading, true), 8.0);
    if doc.lines.is_empty() {
        sheet.line(
            &[Cell::left(LEFT, 300.0, l.t("pdf-statement-no-entries"))],
            8.0,
        );
    }
    for line in &doc.lines {
        sheet.line(&entry_row(line, l), 8.0);
    }
    sheet.end_table();
    sheet.rule();
    balance(
        &mut sheet,
        ("pdf-statement-closing", &doc.to),
        doc.closing_cents,
    );
    sheet.gap(14.0);
    ageing(&mut sheet, doc, l);
    let footer = format!(
        "{} · {} · {}",
        doc.parties.0.name, title, doc.parties.1.name
    );
    sheet.finish(
        &format!("{title} {}", doc.parties.1.name),
        &footer,
        |n, total| l.t2("pdf-page", ("page", n as i64), ("pages", total as i64)),
    )
}

/// One entry of the period: its date, number, kind and text, due date, charge or credit, and
/// the balance after it.
fn entry_row(line: &StatementLine, l: &L10n) -> Vec<Cell> {
    let i = &line.item;
    let kind = l.t(i.kind_id());
    let text = match &i.text {
        Some(t) => format!("{kind}: {t}"),
        None => kind,
    };
    let (charge, credit) = match i.amount_cents > 0 {
        true => (l.amount(i.amount_cents), String::new()),
        false => (String::new(), l.amount(-i.amount_cents)),
    };
    let due = i
        .due_on
        .filter(|_| i.is_debit())
        .map(|d| l.day(&d))
        .unwrap_or_default();
    let cells = [
        l.day(&i.posted_on),
        i.number.clone(),
        text,
        due,
        charge,
        credit,
        l.amount(line.balance_cents),
    ];
    columns(cells, false)
}

/// What was open at the period's end: the ageing columns (adding up to the closing balance)
/// and the open items, each with what is still open on it.
fn ageing(sheet: &mut Sheet, doc: &StatementDocument, l: &L10n) {
    let heading = l.t1("ledger-ageing-caption", "date", l.day(&doc.to));
    sheet.line(&[Cell::left(LEFT, RIGHT - LEFT, heading).bold()], 10.0);
    let width = (RIGHT - LEFT) / 7.0;
    let at = |i: usize| LEFT + width * i as f32;
    let mut labels: Vec<Cell> = Ageing::LABELS
        .iter()
        .enumerate()
        .map(|(i, id)| Cell::right(at(i), width - 4.0, l.t(id)).bold())
        .collect();
    labels.push(Cell::right(at(6), width - 4.0, l.t("ledger-age-total")).bold());
    sheet.line(&labels, 7.5);
    let mut amounts: Vec<Cell> = (doc.ageing.columns().iter())
        .enumerate()
        .map(|(i, cents)| Cell::right(at(i), width - 4.0, l.amount(*cents)))
        .collect();
    amounts.push(Cell::right(at(6), width - 4.0, l.amount(doc.ageing.total())).bold());
    sheet.line(&amounts, 8.0);
    sheet.gap(10.0);
    if doc.open.is_empty() {
        return;
    }
    sheet.line(
        &[Cell::left(LEFT, RIGHT - LEFT, l.t("ledger-open-items")).bold()],
        10.0,
    );
    let head = [
        "ledger-col-number",
        "ledger-col-kind",
        "ledger-col-due",
        "ledger-col-amount",
        "ledger-col-open",
    ];
    #[rustfmt::skip]
    const OPEN: [(f32, f32); 5] = [(LEFT, 90.0), (145.0, 110.0), (260.0, 90.0), (360.0, 90.0), (455.0, 90.0)];
    let cells = |texts, bold| super::row(texts, &OPEN, 3, bold);
    sheet.table_header(cells(head.map(|id| l.t(id)), true), 8.0);
    for i in &doc.open {
        let due = i.due_on.map(|d| l.day(&d)).unwrap_or_default();
        let open = if i.is_debit() {
            i.open_cents
        } else {
            -i.open_cents
        };
        let texts = [
            i.number.clone(),
            l.t(i.kind_id()),
            due,
            l.amount(i.amount_cents),
            l.amount(open),
        ];
        sheet.line(&cells(texts, false), 8.0);
    }
    sheet.end_table();
}
