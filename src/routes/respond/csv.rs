//! CSV downloads as people open them: UTF-8 with a byte-order mark (what Excel calls "CSV
//! UTF-8", without which it shows `MÃ¼ller`), CR LF line ends and RFC 4180 quoting. The formula
//! guard applies only to what a person typed: amounts and counts stay numbers, and a phone
//! number keeps its `+`.
//!
//! A download for a person follows their spreadsheet: with a decimal comma (German) the cells
//! are split by `;` and amounts carry the comma, so German Excel opens the file in columns
//! (`Sheet::for_reader`). The machine formats of the imports do not change.

use crate::i18n::L10n;
use actix_web::HttpResponse;

/// How a reader's spreadsheet splits a line and writes amounts.
#[derive(Clone, Debug)]
pub struct Sheet {
    separator: char,
    l: L10n,
}

impl Sheet {
    /// `,` and `1234.50` where the decimal mark is a point; `;` and `1234,50` where it is a comma.
    pub fn for_reader(l: &L10n) -> Sheet {
        Sheet {
            separator: l.csv_separator() as char,
            l: l.clone(),
        }
    }

    /// One line in this sheet's dialect.
    pub fn line(&self, cells: &[Cell]) -> String {
        line_split_by(self.separator, cells)
    }

    /// The header line, after the byte-order mark: each column's name in the reader's words
    /// (message `csv-<file>-<column>`; English keeps the column names tools read).
    pub fn header(&self, file: &str, columns: &[&str]) -> String {
        let names: Vec<String> = columns
            .iter()
            .map(|c| {
                self.l
                    .try_t(format!("csv-{file}-{c}"))
                    .unwrap_or_else(|| c.to_string())
            })
            .collect();
        let cells: Vec<Cell> = names.iter().map(|c| Cell::Value(c)).collect();
        format!("{BOM}{}", self.line(&cells))
    }

    /// An amount in hundredths without grouping, with the reader's decimal mark: `-12,50`.
    pub fn amount(&self, hundredths: i64) -> String {
        let sign = if hundredths < 0 { "-" } else { "" };
        let abs = hundredths.unsigned_abs();
        format!(
            "{sign}{}{}{:02}",
            abs / 100,
            self.l.decimal_mark(),
            abs % 100
        )
    }
}

/// The byte-order mark every download starts with.
pub const BOM: &str = "\u{feff}";

/// One cell, by where its value comes from.
#[derive(Clone, Copy, Debug)]
pub enum Cell<'a> {
    /// Free text a person typed (names, addresses, emails, labels): a leading `=`, `+`, `-`,
    /// `@`, tab or carriage return gets an apostrophe in front, so no spreadsheet runs it as a
    /// formula.
    Text(&'a str),
    /// A phone number: `+49 30 …` stays as typed; only a leading `=`, `@`, tab or carriage
    /// return is guarded.
    Phone(&'a str),
    /// A value the program wrote (a number, an amount such as `-12.50`, a code, yes/no): as it is.
    Value(&'a str),
}

impl Cell<'_> {
    fn write(self, out: &mut String, separator: char) {
        let (value, guard): (&str, &[char]) = match self {
            Cell::Text(v) => (v, &['=', '+', '-', '@', '\t', '\r']),
            Cell::Phone(v) => (v, &['=', '@', '\t', '\r']),
            Cell::Value(v) => (v, &[]),
        };
        let guarded = value.starts_with(guard);
        if value.contains([separator, '"', '\n', '\r']) {
            out.push('"');
            if guarded {
                out.push('\'');
            }
            out.push_str(&value.replace('"', "\"\""));
            out.push('"');
        } else {
            if guarded {
                out.push('\'');
            }
            out.push_str(value);
        }
    }
}

/// One line: the cells, comma-separated, ending in CR LF.
pub fn line(cells: &[Cell]) -> String {
    line_split_by(',', cells)
}

fn line_split_by(separator: char, cells: &[Cell]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        cell.write(&mut out, separator);
    }
    out.push_str("\r\n");
    out
}

/// The header line of column names, after the byte-order mark.
pub fn header(columns: &[&str]) -> String {
    let cells: Vec<Cell> = columns.iter().map(|c| Cell::Value(c)).collect();
    format!("{BOM}{}", line(&cells))
}

/// A file name safe in a `Content-Disposition` header: letters, digits, `-`, `_` and `.`.
pub fn file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The headers of a CSV download named `file_name` (already made safe), never cached.
fn attachment(file_name: &str) -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{file_name}\""),
        ))
        .insert_header(("Cache-Control", "no-store"));
    response
}

/// A CSV download named `file_name` (already made safe).
pub fn download(file_name: &str, body: String) -> HttpResponse {
    attachment(file_name).body(body)
}

/// A file of customer `id` as a CSV download named `<what>-<account number or id>.csv`, its
/// text written by `text` (a 404 for a customer that does not exist).
pub async fn of_customer<F>(
    desk: &crate::routes::desk::StaffDesk,
    (id, what): (i64, &str),
    text: F,
) -> crate::routes::desk::Reply
where
    F: FnOnce(&mut diesel::PgConnection, i64) -> crate::error::AppResult<String> + Send + 'static,
{
    use crate::models::customers::customer::Customer;
    let (customer, body) = desk
        .run(move |conn| Ok((Customer::find(conn, id)?, text(conn, id)?)))
        .await?;
    let name = format!("{what}-{}.csv", customer.account_or_id());
    Ok(download(&file_name(&name), body))
}

/// A CSV download streamed as `body` yields its lines, after the `header` line.
pub fn stream<S>(file_name: &str, header: String, body: S) -> HttpResponse
where
    S: futures_util::Stream<Item = Result<String, crate::error::AppError>> + 'static,
{
    use futures_util::StreamExt;
    let header = futures_util::stream::once(std::future::ready(Ok(header)));
    attachment(file_name).streaming(
        header
            .chain(body)
            .map(|r| r.map(actix_web::web::Bytes::from)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(cell: Cell) -> String {
        line(&[cell]).trim_end_matches("\r\n").to_string()
    }

    #[test]
    fn typed_text_is_quoted_and_neutralised() {
        assert_eq!(one(Cell::Text("plain")), "plain");
        assert_eq!(one(Cell::Text("a, \"b\"")), "\"a, \"\"b\"\"\"");
        assert_eq!(one(Cell::Text("=1+1")), "'=1+1");
        assert_eq!(one(Cell::Text("-2,3")), "\"'-2,3\"");
        assert_eq!(one(Cell::Text("\tx")), "'\tx");
        assert_eq!(one(Cell::Text("two\nlines")), "\"two\nlines\"");
        assert_eq!(one(Cell::Text("Müller")), "Müller");
    }

    #[test]
    fn a_reader_with_a_decimal_comma_gets_semicolons_and_comma_amounts() {
        use crate::i18n::{Lang, Zone};
        let de = Sheet::for_reader(&L10n::new(Lang::parse("de").unwrap(), Zone::utc()));
        let amount = de.amount(-123_450);
        assert_eq!(amount, "-1234,50");
        assert_eq!(
            de.line(&[
                Cell::Text("Müller; Söhne"),
                Cell::Value(&amount),
                Cell::Text("a,b")
            ]),
            "\"Müller; Söhne\";-1234,50;a,b\r\n"
        );
        let en = Sheet::for_reader(&L10n::english());
        assert_eq!(
            en.line(&[Cell::Value(&en.amount(5)), Cell::Text("a,b")]),
            "0.05,\"a,b\"\r\n"
        );
    }

    #[test]
    fn numbers_stay_numbers_and_phones_keep_their_plus() {
        assert_eq!(one(Cell::Value("-12.50")), "-12.50");
        assert_eq!(one(Cell::Phone("+49 30 1234567")), "+49 30 1234567");
        assert_eq!(one(Cell::Phone("-5")), "-5");
        assert_eq!(one(Cell::Phone("=HYPERLINK(1)")), "'=HYPERLINK(1)");
        assert_eq!(one(Cell::Phone("@x")), "'@x");
    }

    #[test]
    fn lines_end_in_crlf_and_the_header_carries_the_mark() {
        assert_eq!(
            line(&[Cell::Value("1"), Cell::Text("a")]),
            "1,a\r\n".to_string()
        );
        assert_eq!(header(&["id", "name"]), "\u{feff}id,name\r\n");
        assert_eq!(file_name("ship-to C/1.csv"), "ship-to_C_1.csv");
    }
}
