//! What goes on the PDF's pages, in order, with the same sections as the DOCX.

use rust_decimal::Decimal;

use super::layout::{Align, MARGIN, Op, PAGE_W, Pages, wrap};
use crate::DocumentError;
use crate::blocks::{self, customer_lines, shop_lines};
use crate::clean;
use crate::format;
use crate::i18n::Labels;
use crate::logo::Logo;
use crate::model::Document;
use crate::money::Totals;

const RIGHT: f32 = PAGE_W - MARGIN;
const TEXT: f32 = 9.0;
/// The lines table's columns as (width, align): description, quantity, unit price, discount,
/// tax, amount. They add up to the text width.
const COLUMNS: [(f32, Align); 6] = [
    (190.0, Align::Left),
    (52.0, Align::Right),
    (72.0, Align::Right),
    (52.0, Align::Right),
    (40.0, Align::Right),
    (75.9, Align::Right),
];
const PAD: f32 = 4.0;

/// Every page's operations, numbered.
pub fn lay_out(doc: &Document, totals: &Totals) -> Result<Vec<Vec<Op>>, DocumentError> {
    let l = Labels::for_lang(doc.lang);
    let money = |d: Decimal| format::money(d, &totals.currency, doc.lang);
    let mut p = Pages::new();

    // The logo on the left, the shop on the right.
    let top = p.y;
    let mut logo_bottom = top;
    if let Some(bytes) = &doc.shop.logo {
        let logo = Logo::read(bytes)?;
        let scale = (113.0 / logo.width as f32).min(57.0 / logo.height as f32);
        let (w, h) = (logo.width as f32 * scale, logo.height as f32 * scale);
        p.push(Op::Logo {
            x: MARGIN,
            y: top,
            w,
            h,
        });
        logo_bottom = top + h;
    }
    p.line(
        RIGHT,
        13.0,
        true,
        Align::Right,
        &clean::text(&doc.shop.name, false),
    );
    for line in shop_lines(doc, l) {
        for part in wrap(&line, 8.0, false, 250.0) {
            p.line(RIGHT, 8.0, false, Align::Right, &part);
        }
    }
    p.y = p.y.max(logo_bottom) + 18.0;

    // Title on the left; number and dates on the right.
    let title_top = p.y;
    p.line(MARGIN, 20.0, true, Align::Left, l.title(doc.kind));
    if let Some(cancelled) = &doc.cancels {
        p.line(
            MARGIN,
            TEXT,
            false,
            Align::Left,
            &format!("{} {}", l.cancels, clean::text(cancelled, false)),
        );
    }
    let left_bottom = p.y;
    p.y = title_top;
    p.line(
        RIGHT,
        TEXT,
        true,
        Align::Right,
        &format!("{}: {}", l.number, doc.number),
    );
    p.line(
        RIGHT,
        TEXT,
        false,
        Align::Right,
        &format!(
            "{}: {}",
            l.issue_date,
            format::date(doc.issue_date, doc.lang)
        ),
    );
    if let Some(due) = doc.due_date {
        let text = format!(
            "{}: {}",
            l.second_date(doc.kind),
            format::date(due, doc.lang)
        );
        p.line(RIGHT, TEXT, false, Align::Right, &text);
    }
    p.y = p.y.max(left_bottom) + 12.0;

    // The customer.
    p.line(MARGIN, 8.0, true, Align::Left, &l.bill_to.to_uppercase());
    for part in wrap(&clean::text(&doc.customer.name, false), 11.0, true, 300.0) {
        p.line(MARGIN, 11.0, true, Align::Left, &part);
    }
    for line in customer_lines(doc, l) {
        for part in wrap(&line, TEXT, false, 300.0) {
            p.line(MARGIN, TEXT, false, Align::Left, &part);
        }
    }
    p.y += 14.0;

    // The lines, their header repeated on every page they reach.
    let header = [
        l.description,
        l.quantity,
        l.unit_price,
        l.discount,
        l.tax,
        l.amount,
    ];
    table_header(&mut p, &header);
    for cells in blocks::line_rows(doc, totals) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(COLUMNS)
            .map(|(text, (w, _))| wrap(text, TEXT, false, w - 2.0 * PAD))
            .collect();
        let rows = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32;
        let height = rows * TEXT * 1.3 + 2.0 * PAD;
        if p.need(height) {
            table_header(&mut p, &header);
        }
        let top = p.y;
        let mut x = MARGIN;
        for (lines, (w, align)) in wrapped.iter().zip(COLUMNS) {
            for (i, text) in lines.iter().enumerate() {
                let tx = if align == Align::Right {
                    x + w - PAD
                } else {
                    x + PAD
                };
                p.push(Op::Text {
                    x: tx,
                    y: top + PAD + TEXT + i as f32 * TEXT * 1.3,
                    size: TEXT,
                    bold: false,
                    align,
                    text: text.clone(),
                });
            }
            x += w;
        }
        grid(&mut p, top, height);
        p.y = top + height;
    }
    p.y += 16.0;

    // The tax breakdown (left) and the totals (right).
    let rows = totals.bands.len() as f32 + 1.0;
    p.need((rows + 3.0) * TEXT * 1.6 + 20.0);
    let top = p.y;
    p.line(
        MARGIN,
        8.0,
        true,
        Align::Left,
        &l.tax_breakdown.to_uppercase(),
    );
    let columns = [
        (MARGIN, Align::Left),
        (MARGIN + 160.0, Align::Right),
        (MARGIN + 240.0, Align::Right),
    ];
    let band_row = |p: &mut Pages, texts: [String; 3], bold: bool| {
        let y = p.y + TEXT;
        for (text, (x, align)) in texts.into_iter().zip(columns) {
            p.push(Op::Text {
                x,
                y,
                size: TEXT,
                bold,
                align,
                text,
            });
        }
        p.y += TEXT * 1.5;
    };
    band_row(
        &mut p,
        [
            l.tax_rate.to_owned(),
            l.tax_base.to_owned(),
            l.tax.to_owned(),
        ],
        true,
    );
    for b in &totals.bands {
        band_row(
            &mut p,
            [
                format::percent(b.rate, doc.lang),
                money(b.base),
                money(b.tax),
            ],
            false,
        );
    }
    let left_bottom = p.y;
    p.y = top;
    for (label, value, strong) in [
        (l.subtotal, money(totals.subtotal), false),
        (l.tax, money(totals.tax), false),
        (l.total, money(totals.total), true),
    ] {
        let size = if strong { 12.0 } else { TEXT + 1.0 };
        if strong {
            p.push(Op::Rule {
                x1: RIGHT - 200.0,
                y1: p.y + 2.0,
                x2: RIGHT,
                y2: p.y + 2.0,
            });
            p.y += 4.0;
        }
        let y = p.y + size;
        p.push(Op::Text {
            x: RIGHT - 200.0,
            y,
            size,
            bold: strong,
            align: Align::Left,
            text: label.to_owned(),
        });
        p.push(Op::Text {
            x: RIGHT,
            y,
            size,
            bold: strong,
            align: Align::Right,
            text: value,
        });
        p.y += size * 1.6;
    }
    p.y = p.y.max(left_bottom) + 14.0;

    // Notes, payment terms, bank details.
    for (label, text) in [
        (l.notes, &doc.notes),
        (l.payment_terms, &doc.payment_terms),
        (l.bank_details, &doc.bank_details),
    ] {
        let Some(text) = text
            .as_deref()
            .map(|t| clean::text(t, true))
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        p.need(40.0);
        p.line(MARGIN, 8.0, true, Align::Left, &label.to_uppercase());
        for part in wrap(&text, TEXT, false, RIGHT - MARGIN) {
            p.line(MARGIN, TEXT, false, Align::Left, &part);
        }
        p.y += 8.0;
    }

    p.number(l.page, l.of);
    Ok(p.pages)
}

/// The lines table's header row: shaded, bold.
fn table_header(p: &mut Pages, header: &[&str; 6]) {
    let height = TEXT * 1.3 + 2.0 * PAD;
    p.need(height * 2.0);
    let top = p.y;
    p.push(Op::Shade {
        x: MARGIN,
        y: top,
        w: RIGHT - MARGIN,
        h: height,
    });
    let mut x = MARGIN;
    for (text, (w, align)) in header.iter().zip(COLUMNS) {
        let tx = if align == Align::Right {
            x + w - PAD
        } else {
            x + PAD
        };
        p.push(Op::Text {
            x: tx,
            y: top + PAD + TEXT,
            size: TEXT,
            bold: true,
            align,
            text: (*text).to_owned(),
        });
        x += w;
    }
    grid(p, top, height);
    p.y = top + height;
}

/// A row's box and its column dividers.
fn grid(p: &mut Pages, top: f32, height: f32) {
    let bottom = top + height;
    p.push(Op::Rule {
        x1: MARGIN,
        y1: top,
        x2: RIGHT,
        y2: top,
    });
    p.push(Op::Rule {
        x1: MARGIN,
        y1: bottom,
        x2: RIGHT,
        y2: bottom,
    });
    let mut x = MARGIN;
    p.push(Op::Rule {
        x1: x,
        y1: top,
        x2: x,
        y2: bottom,
    });
    for (w, _) in COLUMNS {
        x += w;
        p.push(Op::Rule {
            x1: x,
            y1: top,
            x2: x,
            y2: bottom,
        });
    }
}
