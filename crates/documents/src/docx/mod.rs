//! The DOCX file, written with docx-rs: the logo and the shop, the title with the number and
//! dates, the customer, the lines in a table of set column widths with a grid, the tax
//! breakdown, the totals, notes, payment terms and bank details, and a footer with
//! "Page X of Y" as real PAGE / NUMPAGES fields. Styles are defined, the created date is the
//! issue date.
//!
//! The same document gives the same bytes: every paragraph and the logo get ids from the
//! document itself ([`Ids`], `rIdImage1`) rather than from docx-rs's counters, and the archive
//! is re-stamped with the issue date ([`restamp`]).

mod restamp;

use docx_rs::{
    AlignmentType, Docx, Footer, NumPages, PageNum, Paragraph, Pic, Run, RunFonts, Style,
    StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};
use rust_decimal::Decimal;

use crate::DocumentError;
use crate::blocks::{self, customer_lines, shop_lines};
use crate::clean;
use crate::format;
use crate::i18n::Labels;
use crate::logo::Logo;
use crate::model::Document;
use crate::money::Totals;

/// A4 in twentieths of a point, and the text width inside 2 cm margins.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
const MARGIN: i32 = 1_134;
const TEXT_W: usize = (PAGE_W as usize) - 2 * (MARGIN as usize);
/// The lines table's columns: description, quantity, unit price, discount, tax, amount.
const COLUMNS: [usize; 6] = [3_638, 1_000, 1_400, 1_000, 1_000, 1_600];
const FONT: &str = "DejaVu Sans";

/// Paragraph ids (`w14:paraId`) counted from 1 in each document. docx-rs hands them out from a
/// per-thread counter that it resets only when a file is built, so anything else that makes
/// docx-rs paragraphs on the same thread (reading a DOCX, a render stopped half-way) would
/// shift every id of the next document made there.
struct Ids(u32);

impl Ids {
    /// A new paragraph with the next id.
    fn p(&mut self) -> Paragraph {
        self.0 += 1;
        Paragraph::new().id(format!("{:08x}", self.0))
    }
}

pub fn render(doc: &Document, totals: &Totals) -> Result<Vec<u8>, DocumentError> {
    let mut ids = Ids(0);
    let ids = &mut ids;
    let l = Labels::for_lang(doc.lang);
    let money = |d: Decimal| format::money(d, &totals.currency, doc.lang);
    let created = format!("{}T00:00:00Z", doc.issue_date);
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
        .default_size(19)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(36)
                .bold(),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(22)
                .bold(),
        )
        .add_style(
            Style::new("Small", StyleType::Paragraph)
                .name("Small")
                .size(16),
        )
        .created_at(&created)
        .updated_at(&created)
        .footer(footer(ids, l));

    // The shop: logo, name, details.
    if let Some(bytes) = &doc.shop.logo {
        let logo = Logo::read(bytes)?;
        // At most 4 cm wide and 2 cm high, in EMU (914,400 an inch).
        let (max_w, max_h) = (1_440_000f64, 720_000f64);
        let scale = (max_w / f64::from(logo.width)).min(max_h / f64::from(logo.height));
        // Its own id: docx-rs numbers pictures with a counter shared by every document made in
        // the process, which would make the same document differ from one run to the next.
        let pic = Pic::new_with_dimensions(logo.bytes.to_vec(), logo.width, logo.height)
            .id("rIdImage1")
            .size(
                (f64::from(logo.width) * scale) as u32,
                (f64::from(logo.height) * scale) as u32,
            );
        docx = docx.add_paragraph(ids.p().add_run(Run::new().add_image(pic)));
    }
    docx = docx.add_paragraph(bold(ids, &clean::text(&doc.shop.name, false), 24));
    for line in shop_lines(doc, l) {
        docx = docx.add_paragraph(plain(ids, &line).style("Small"));
    }

    // Title, number, dates.
    docx = docx.add_paragraph(
        ids.p()
            .style("Title")
            .add_run(Run::new().add_text(l.title(doc.kind))),
    );
    docx = docx.add_paragraph(plain(ids, &format!("{}: {}", l.number, doc.number)));
    docx = docx.add_paragraph(plain(
        ids,
        &format!(
            "{}: {}",
            l.issue_date,
            format::date(doc.issue_date, doc.lang)
        ),
    ));
    if let Some(due) = doc.due_date {
        docx = docx.add_paragraph(plain(
            ids,
            &format!(
                "{}: {}",
                l.second_date(doc.kind),
                format::date(due, doc.lang)
            ),
        ));
    }
    if let Some(cancelled) = &doc.cancels {
        docx = docx.add_paragraph(plain(
            ids,
            &format!("{} {}", l.cancels, clean::text(cancelled, false)),
        ));
    }

    // The customer.
    docx = docx.add_paragraph(heading(ids, l.bill_to));
    docx = docx.add_paragraph(bold(ids, &clean::text(&doc.customer.name, false), 19));
    for line in customer_lines(doc, l) {
        docx = docx.add_paragraph(plain(ids, &line));
    }

    // The lines.
    let header = [
        l.description,
        l.quantity,
        l.unit_price,
        l.discount,
        l.tax,
        l.amount,
    ];
    let mut rows = vec![
        TableRow::new(
            header
                .iter()
                .enumerate()
                .map(|(i, h)| cell(ids, h, i, true))
                .collect(),
        )
        .cant_split()
        .row_height(restamp::HEADER_ROW_HEIGHT)
        .height_rule(docx_rs::HeightRule::AtLeast),
    ];
    for texts in blocks::line_rows(doc, totals) {
        rows.push(
            TableRow::new(
                texts
                    .iter()
                    .enumerate()
                    .map(|(i, s)| cell(ids, s, i, false))
                    .collect(),
            )
            .cant_split(),
        );
    }
    docx = docx.add_table(grid_table(rows, COLUMNS.to_vec()));

    // The tax breakdown and the totals.
    docx = docx.add_paragraph(heading(ids, l.tax_breakdown));
    let mut bands = vec![TableRow::new(vec![
        cell(ids, l.tax_rate, 0, true),
        cell(ids, l.tax_base, 5, true),
        cell(ids, l.tax, 5, true),
    ])];
    for b in &totals.bands {
        bands.push(TableRow::new(vec![
            cell(ids, &format::percent(b.rate, doc.lang), 0, false),
            cell(ids, &money(b.base), 5, false),
            cell(ids, &money(b.tax), 5, false),
        ]));
    }
    docx = docx.add_table(grid_table(bands, vec![2_000, 2_400, 2_400]));
    let sums = [
        (l.subtotal, money(totals.subtotal), false),
        (l.tax, money(totals.tax), false),
        (l.total, money(totals.total), true),
    ];
    for (label, value, strong) in sums {
        let run = Run::new().add_text(format!("{label}: {value}"));
        let run = if strong { run.bold().size(24) } else { run };
        docx = docx.add_paragraph(ids.p().align(AlignmentType::Right).add_run(run));
    }

    // Notes, terms, bank details.
    for (label, text) in [
        (l.notes, &doc.notes),
        (l.payment_terms, &doc.payment_terms),
        (l.bank_details, &doc.bank_details),
    ] {
        if let Some(text) = text
            .as_deref()
            .map(|t| clean::text(t, true))
            .filter(|t| !t.is_empty())
        {
            docx = docx.add_paragraph(heading(ids, label));
            for line in text.lines() {
                docx = docx.add_paragraph(plain(ids, line));
            }
        }
    }

    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| DocumentError::Render(e.to_string()))?;
    restamp::with_date(&out.into_inner(), doc.issue_date)
}

fn footer(ids: &mut Ids, l: &Labels) -> Footer {
    Footer::new().add_paragraph(
        ids.p()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(format!("{} ", l.page)).size(16))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(format!(" {} ", l.of)).size(16))
            .add_num_pages(NumPages::new()),
    )
}

fn grid_table(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    let width = grid.iter().sum::<usize>().min(TEXT_W);
    Table::new(rows)
        .set_grid(grid)
        .layout(TableLayoutType::Fixed)
        .width(width, WidthType::Dxa)
}

/// A table cell: text columns left, figures right; header cells bold.
fn cell(ids: &mut Ids, text: &str, column: usize, header: bool) -> TableCell {
    let width = COLUMNS.get(column).copied().unwrap_or(1_000);
    let mut p = ids.p();
    if column > 0 {
        p = p.align(AlignmentType::Right);
    }
    for (i, line) in text.split('\n').enumerate() {
        let mut run = Run::new();
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
        if header {
            run = run.bold();
        }
        p = p.add_run(run);
    }
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(p)
}

fn plain(ids: &mut Ids, text: &str) -> Paragraph {
    ids.p().add_run(Run::new().add_text(text))
}

fn bold(ids: &mut Ids, text: &str, size: usize) -> Paragraph {
    ids.p().add_run(Run::new().add_text(text).bold().size(size))
}

fn heading(ids: &mut Ids, text: &str) -> Paragraph {
    ids.p().style("Heading2").add_run(Run::new().add_text(text))
}
