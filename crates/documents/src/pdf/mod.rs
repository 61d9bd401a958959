//! The PDF file, written in-process with krilla: the same content as the DOCX, laid out on A4
//! pages ([`layout`]) with the lines table breaking across pages under a repeated header row,
//! "Page X of Y" on each page, the fonts embedded (subset) so the text is selectable and the
//! file needs nothing installed to be read.

mod content;
mod layout;

use krilla::Document as Pdf;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use crate::DocumentError;
use crate::logo::Logo;
use crate::model::Document;
use crate::money::Totals;
use layout::{Align, Op, PAGE_H, PAGE_W};

pub fn render(doc: &Document, totals: &Totals) -> Result<Vec<u8>, DocumentError> {
    let pages = content::lay_out(doc, totals)?;
    let font = |bytes: &'static [u8]| {
        Font::new(krilla::Data::from(bytes), 0)
            .ok_or_else(|| DocumentError::Render("the embedded font does not load".into()))
    };
    let (regular, bold) = (font(layout::REGULAR)?, font(layout::BOLD)?);
    let logo = match &doc.shop.logo {
        Some(bytes) => {
            let l = Logo::read(bytes)?;
            let data = krilla::Data::from(l.bytes.to_vec());
            let image = if l.png {
                krilla::image::Image::from_png(data, true)
            } else {
                krilla::image::Image::from_jpeg(data, true)
            };
            Some(image.map_err(DocumentError::Logo)?)
        }
        None => None,
    };

    let mut pdf = Pdf::new();
    let date = doc.issue_date;
    pdf.set_metadata(
        Metadata::new()
            .title(format!(
                "{} {}",
                crate::Labels::for_lang(doc.lang).title(doc.kind),
                doc.number
            ))
            .creator("Shopchat".to_owned())
            .language(doc.lang.as_str().to_owned())
            .creation_date(
                DateTime::new(date.year() as u16)
                    .month(u8::from(date.month()))
                    .day(date.day()),
            ),
    );
    let settings = || {
        PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| DocumentError::Render("A4 is a page size".into()))
    };
    for ops in &pages {
        let mut page = pdf.start_page_with(settings()?);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: strong,
                    align,
                    text,
                } => {
                    let w = layout::width(text, *size, *strong);
                    let x = match align {
                        Align::Left => *x,
                        Align::Right => x - w,
                        Align::Center => x - w / 2.0,
                    };
                    let f = if *strong {
                        bold.clone()
                    } else {
                        regular.clone()
                    };
                    surface.set_fill(Some(fill(0x22)));
                    surface.draw_text(
                        Point::from_xy(x, *y),
                        f,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rule { x1, y1, x2, y2 } => {
                    let mut path = PathBuilder::new();
                    path.move_to(*x1, *y1);
                    path.line_to(*x2, *y2);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(0x99, 0x99, 0x99).into(),
                            width: 0.5,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Shade { x, y, w, h } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(fill(0xEE)));
                        surface.draw_path(&path);
                    }
                }
                Op::Logo { x, y, w, h } => {
                    if let (Some(image), Some(size)) = (&logo, Size::from_wh(*w, *h)) {
                        surface.push_transform(&krilla::geom::Transform::from_translate(*x, *y));
                        surface.draw_image(image.clone(), size);
                        surface.pop();
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    pdf.finish()
        .map_err(|e| DocumentError::Render(format!("{e:?}")))
}

/// A grey of `level` (0 black, 255 white).
fn fill(level: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(level, level, level).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}
