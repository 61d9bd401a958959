//! A small page layout for documents: text measured with the embedded font's own metrics,
//! wrapped to a width, placed on A4 pages that break before what does not fit. The result is a
//! list of pages of drawing operations; [`super`] turns them into PDF.

use std::sync::LazyLock;

/// A4, in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
/// 2 cm.
pub const MARGIN: f32 = 56.69;
/// What the footer takes at the bottom of each page.
pub const FOOTER: f32 = 24.0;

pub static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
pub static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// The fonts' horizontal advances, read once.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

static METRICS: LazyLock<Option<Metrics>> = LazyLock::new(|| {
    Some(Metrics {
        regular: ttf_parser::Face::parse(REGULAR, 0).ok()?,
        bold: ttf_parser::Face::parse(BOLD, 0).ok()?,
    })
});

/// The width of `text` at `size` points.
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let Some(m) = METRICS.as_ref() else {
        // Unreachable with the fonts shipped; a generous estimate keeps text inside its box.
        return text.chars().count() as f32 * size * 0.6;
    };
    let face = if bold { &m.bold } else { &m.regular };
    let per_unit = size / f32::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(f32::from(face.units_per_em()) * 0.6, f32::from)
        })
        .sum::<f32>()
        * per_unit
}

/// `text` broken into lines no wider than `max` (words kept whole unless one alone is wider).
pub fn wrap(text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, size, bold) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut where it must be.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if width(&piece, size, bold) > max && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

/// Where text is anchored on its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// One drawing operation, in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text whose baseline starts (or ends, or is centred) at `x`, `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        align: Align,
        text: String,
    },
    /// A thin grey line.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32 },
    /// A light grey box (a table's header row).
    Shade { x: f32, y: f32, w: f32, h: f32 },
    /// The logo, in the box given.
    Logo { x: f32, y: f32, w: f32, h: f32 },
}

/// Pages being filled from the top down.
pub struct Pages {
    pub pages: Vec<Vec<Op>>,
    /// The next free height on the current page.
    pub y: f32,
}

impl Pages {
    pub fn new() -> Self {
        Pages {
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    /// The lowest a block may reach.
    pub fn bottom() -> f32 {
        PAGE_H - MARGIN - FOOTER
    }

    /// Room for `height` more on this page, else a new page.
    pub fn need(&mut self, height: f32) -> bool {
        if self.y + height <= Self::bottom() {
            return false;
        }
        self.pages.push(Vec::new());
        self.y = MARGIN;
        true
    }

    pub fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// A line of text at the current height, then down by its leading.
    pub fn line(&mut self, x: f32, size: f32, bold: bool, align: Align, text: &str) {
        let leading = size * 1.35;
        self.need(leading);
        self.push(Op::Text {
            x,
            y: self.y + size,
            size,
            bold,
            align,
            text: text.to_owned(),
        });
        self.y += leading;
    }

    /// Every page's "Page X of Y" footer, once the count is known.
    pub fn number(&mut self, page: &str, of: &str) {
        let count = self.pages.len();
        for (i, ops) in self.pages.iter_mut().enumerate() {
            ops.push(Op::Text {
                x: PAGE_W / 2.0,
                y: PAGE_H - MARGIN + 4.0,
                size: 8.0,
                bold: false,
                align: Align::Center,
                text: format!("{page} {} {of} {count}", i + 1),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_measured_and_wrapped_to_the_width() {
        assert!(width("WWW", 10.0, false) > width("iii", 10.0, false));
        assert!(width("Total", 10.0, true) > width("Total", 10.0, false));
        let lines = wrap("a blue ceramic mug with a handle", 10.0, false, 60.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(
            lines.iter().all(|l| width(l, 10.0, false) <= 60.0),
            "{lines:?}"
        );
        let long = wrap(&"x".repeat(200), 10.0, false, 50.0);
        assert!(long.len() > 3 && long.iter().all(|l| width(l, 10.0, false) <= 50.0));
        assert_eq!(wrap("one\ntwo", 10.0, false, 500.0), ["one", "two"]);
    }
}
