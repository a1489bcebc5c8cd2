//! Documents as PDF: the invoice (`invoice`) and the statement of account (`statement`).
//!
//! They are drawn with `pdf-writer`, the typst project's low-level PDF writer: a small crate
//! (four tiny dependencies), maintained, and it keeps nothing between documents: each one is a
//! buffer of its own, dropped once written, so a run of thousands of statements does not grow
//! the process. Text is set in the PDF's standard Helvetica (no font embedded or fetched, no
//! script), encoded as WinAnsi so German reads right (ä, ß, €). `Sheet` lays out lines of
//! cells on A4 pages, breaks pages itself (repeating a table's heading) and numbers them.

pub mod invoice;
pub mod statement;

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
pub const LEFT: f32 = 50.0;
pub const RIGHT: f32 = WIDTH - 50.0;
const TOP: f32 = HEIGHT - 50.0;
const BOTTOM: f32 = 60.0;

/// How a cell's text sits in its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One piece of text on a line: where its column starts and how wide it is.
#[derive(Clone, Debug)]
pub struct Cell {
    pub x: f32,
    pub width: f32,
    pub align: Align,
    pub text: String,
    pub bold: bool,
}

impl Cell {
    pub fn left(x: f32, width: f32, text: impl Into<String>) -> Cell {
        Cell {
            x,
            width,
            align: Align::Left,
            text: text.into(),
            bold: false,
        }
    }

    pub fn right(x: f32, width: f32, text: impl Into<String>) -> Cell {
        Cell {
            align: Align::Right,
            ..Cell::left(x, width, text)
        }
    }

    pub fn bold(self) -> Cell {
        Cell { bold: true, ..self }
    }
}

/// A row of a table: each text in its column (`x`, width), the first `left` of them flush
/// left and the rest (amounts) flush right.
pub fn row<const N: usize>(
    texts: [String; N],
    columns: &[(f32, f32); N],
    left: usize,
    bold: bool,
) -> Vec<Cell> {
    let cells = texts.into_iter().zip(columns).enumerate();
    cells
        .map(|(i, (text, &(x, width)))| {
            let cell = match i < left {
                true => Cell::left(x, width, text),
                false => Cell::right(x, width, text),
            };
            if bold { cell.bold() } else { cell }
        })
        .collect()
}

/// A document being laid out, page by page.
pub struct Sheet {
    pages: Vec<Content>,
    y: f32,
    /// A table's heading, drawn again at the top of each page it continues on.
    header: Option<(Vec<Cell>, f32)>,
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet::new()
    }
}

impl Sheet {
    pub fn new() -> Sheet {
        Sheet {
            pages: vec![Content::new()],
            y: TOP,
            header: None,
        }
    }

    fn page(&mut self) -> &mut Content {
        self.pages.last_mut().expect("a sheet has a page")
    }

    /// Room for `height` more points on this page, or a new page (with the table heading).
    fn room(&mut self, height: f32) {
        if self.y - height >= BOTTOM {
            return;
        }
        self.pages.push(Content::new());
        self.y = TOP;
        if let Some((cells, size)) = self.header.clone() {
            self.draw(&cells, size);
            self.rule();
        }
    }

    /// One line of cells as one text object: the font is set when it changes, and each cell
    /// is placed by a move from the one before (a statement of 20,000 lines stays small).
    fn draw(&mut self, cells: &[Cell], size: f32) {
        self.room(size * 1.5);
        let y = self.y - size;
        let page = self.page();
        page.begin_text();
        let (mut font, mut at) = (None, (0.0, 0.0));
        for cell in cells {
            let shown = fit(&cell.text, cell.width, size, cell.bold);
            let x = match cell.align {
                Align::Left => cell.x,
                Align::Right => cell.x + cell.width - width(&shown, size, cell.bold),
            };
            if font != Some(cell.bold) {
                let name: &[u8] = if cell.bold { b"F2" } else { b"F1" };
                page.set_font(Name(name), size);
                font = Some(cell.bold);
            }
            page.next_line(x - at.0, y - at.1);
            at = (x, y);
            page.show(Str(&win_ansi(&shown)));
        }
        page.end_text();
        self.y -= size * 1.5;
    }

    /// A line of cells in `size` point type.
    pub fn line(&mut self, cells: &[Cell], size: f32) {
        self.draw(cells, size);
    }

    /// A table's heading: drawn now, ruled, and again on each page the table continues on.
    pub fn table_header(&mut self, cells: Vec<Cell>, size: f32) {
        self.room(size * 6.0);
        self.draw(&cells, size);
        self.rule();
        self.header = Some((cells, size));
    }

    /// The table is over: its heading is not repeated any more.
    pub fn end_table(&mut self) {
        self.header = None;
    }

    /// Text that may be longer than a line, wrapped at words within `width`.
    pub fn paragraph(&mut self, (x, width): (f32, f32), text: &str, size: f32) {
        for line in wrap(text, width, size) {
            self.draw(&[Cell::left(x, width, line)], size);
        }
    }

    /// A thin line across the page.
    pub fn rule(&mut self) {
        self.room(6.0);
        let y = self.y - 2.0;
        self.page()
            .set_line_width(0.5)
            .set_stroke_gray(0.6)
            .move_to(LEFT, y)
            .line_to(RIGHT, y)
            .stroke();
        self.y -= 6.0;
    }

    pub fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    /// Where the next line goes (points from the bottom), and moving there: for two columns
    /// of text side by side.
    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn set_y(&mut self, y: f32) {
        self.y = y;
    }

    /// The document's bytes, every page footed with `footer` and its number (`page_of(n,
    /// total)`), titled `title` in its properties.
    pub fn finish(
        mut self,
        title: &str,
        footer: &str,
        page_of: impl Fn(usize, usize) -> String,
    ) -> Vec<u8> {
        let total = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let number = win_ansi(&page_of(i + 1, total));
            let at = RIGHT - width(&page_of(i + 1, total), 8.0, false);
            page.begin_text()
                .set_font(Name(b"F1"), 8.0)
                .next_line(LEFT, 36.0)
                .show(Str(&win_ansi(&fit(footer, 380.0, 8.0, false))))
                .end_text()
                .begin_text()
                .set_font(Name(b"F1"), 8.0)
                .next_line(at, 36.0)
                .show(Str(&number))
                .end_text();
        }
        let mut pdf = Pdf::new();
        let (catalog, tree, info, regular, bold) = (
            Ref::new(1),
            Ref::new(2),
            Ref::new(3),
            Ref::new(4),
            Ref::new(5),
        );
        let ids: Vec<(Ref, Ref)> = (0..total as i32)
            .map(|i| (Ref::new(6 + 2 * i), Ref::new(7 + 2 * i)))
            .collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(ids.iter().map(|(page, _)| *page))
            .count(total as i32);
        pdf.document_info(info)
            .title(TextStr(title))
            .producer(TextStr("Clientele"));
        for (id, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
            pdf.type1_font(id)
                .base_font(Name(name.as_bytes()))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        for ((page_id, content_id), content) in ids.into_iter().zip(self.pages) {
            let mut page = pdf.page(page_id);
            page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
                .parent(tree)
                .contents(content_id);
            page.resources()
                .fonts()
                .pair(Name(b"F1"), regular)
                .pair(Name(b"F2"), bold);
            page.finish();
            // Deflated: a year's statement is a tenth of its plain size, cheaply.
            let packed = miniz_oxide::deflate::compress_to_vec_zlib(&content.finish(), 6);
            pdf.stream(content_id, &packed).filter(Filter::FlateDecode);
        }
        pdf.finish()
    }
}

/// Hands the memory a large document freed back to the system. The writer keeps nothing
/// between documents, but the C allocator keeps what a thread freed in that thread's arena for
/// its next use, so a server whose threads each once built a year's statement would stay as
/// large as the largest; trimming after each statement keeps a run of them flat (measured in
/// `bench/accounts`). Nothing to do where the allocator is not glibc's.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator's arenas to the system;
    // it takes no pointers and touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Words of `text` in lines no wider than `width`.
pub fn wrap(text: &str, max: f32, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let longer = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(&longer, size, false) > max && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = longer;
            }
        }
        lines.push(line);
    }
    lines
}

/// `text`, shortened with an ellipsis to fit `max` points.
fn fit(text: &str, max: f32, size: f32, bold: bool) -> String {
    if width(text, size, bold) <= max {
        return text.to_string();
    }
    // The longest start of the text that fits with the ellipsis after it.
    let room = max * 1000.0 / size - glyph_width('…', bold) as f32;
    let mut used = 0.0;
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            used += glyph_width(c, bold) as f32;
            used > room
        })
        .map_or(text.len(), |(i, _)| i);
    format!("{}…", text[..end].trim_end())
}

/// How wide `text` is in Helvetica (or its bold) at `size` points.
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let units: u32 = text.chars().map(|c| glyph_width(c, bold)).sum();
    units as f32 * size / 1000.0
}

/// Helvetica's and Helvetica-Bold's advance widths for ASCII 32–126 (thousandths of the size),
/// from their AFM files: one line each in `helvetica.widths`.
static WIDTHS: std::sync::LazyLock<[[u16; 95]; 2]> = std::sync::LazyLock::new(|| {
    let mut tables = [[0; 95]; 2];
    let lines = include_str!("helvetica.widths")
        .lines()
        .filter(|l| !l.starts_with('#'));
    for (table, line) in tables.iter_mut().zip(lines) {
        for (slot, width) in table.iter_mut().zip(line.split_whitespace()) {
            *slot = width.parse().expect("a width is a number");
        }
    }
    tables
});

fn glyph_width(c: char, bold: bool) -> u32 {
    let table = &WIDTHS[bold as usize];
    match c as u32 {
        code @ 32..=126 => table[(code - 32) as usize] as u32,
        // Letters with accents are as wide as their base letters, near enough.
        _ if c.is_alphabetic() => 600,
        _ => match c {
            '—' | '…' => 1000,
            '·' | '\u{a0}' | '\u{202f}' => 278,
            _ => 556,
        },
    }
}

/// `text` in the WinAnsi encoding the standard fonts read; what it cannot say becomes "?".
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            code @ (0x20..=0x7e | 0xa0..=0xff) => code as u8,
            0x202f | 0x2009 | 0x2007 => b' ',
            _ => match c {
                '€' => 0x80,
                '‚' => 0x82,
                '„' => 0x84,
                '…' => 0x85,
                '‘' => 0x91,
                '’' => 0x92,
                '“' => 0x93,
                '”' => 0x94,
                '•' => 0x95,
                '–' => 0x96,
                '—' => 0x97,
                '™' => 0x99,
                'Š' => 0x8a,
                'š' => 0x9a,
                'Œ' => 0x8c,
                'œ' => 0x9c,
                'Ž' => 0x8e,
                'ž' => 0x9e,
                'Ÿ' => 0x9f,
                _ => b'?',
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_and_the_euro_are_said_in_win_ansi() {
        assert_eq!(win_ansi("Müller · 5 €"), b"M\xfcller \xb7 5 \x80".to_vec());
        assert_eq!(win_ansi("Straße – 1"), b"Stra\xdfe \x96 1".to_vec());
        assert_eq!(win_ansi("日本"), b"??".to_vec());
    }

    #[test]
    fn text_too_long_for_its_column_is_shortened_and_a_paragraph_wraps() {
        let long = "A description far too long for a narrow column of an invoice";
        let short = fit(long, 100.0, 9.0, false);
        assert!(
            short.ends_with('…') && width(&short, 9.0, false) <= 100.0,
            "{short}"
        );
        assert_eq!(fit("Short", 100.0, 9.0, false), "Short");
        let lines = wrap(long, 120.0, 9.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 9.0, false) <= 120.0));
        assert_eq!(lines.join(" "), long);
    }

    #[test]
    fn a_long_table_breaks_onto_numbered_pages() {
        let mut sheet = Sheet::new();
        sheet.table_header(vec![Cell::left(LEFT, 100.0, "Number").bold()], 9.0);
        for i in 0..200 {
            sheet.line(&[Cell::left(LEFT, 100.0, format!("INV-{i:06}"))], 9.0);
        }
        let bytes = sheet.finish("Test", "Footer", |n, total| format!("Page {n} of {total}"));
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("/Count 4"),
            "200 lines of 13.5 pt are four pages"
        );
        assert!(text.contains("/FlateDecode"), "the pages are deflated");
        assert!(inflated(&bytes).contains("(Page 4 of 4)"));
    }

    /// The text of every deflated stream of a PDF.
    fn inflated(pdf: &[u8]) -> String {
        let mut out = String::new();
        let mut rest = pdf;
        while let Some(at) = find(rest, b"\nstream\n") {
            let body = &rest[at + 8..];
            let end = find(body, b"\nendstream").expect("a stream ends");
            let plain = miniz_oxide::inflate::decompress_to_vec_zlib(&body[..end])
                .expect("a deflated stream");
            out.push_str(&String::from_utf8_lossy(&plain));
            rest = &body[end..];
        }
        out
    }

    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }
}
