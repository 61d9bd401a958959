//! What the document tests share: a realistic invoice, and reading the files back.

#![allow(dead_code)] // Each test file uses its own part.

use shopchat_documents::{Customer, Document, Kind, Lang, Line, Shop};

/// A 16×16 PNG (a blue dot on cream).
pub const LOGO_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x91, 0x68,
    0x36, 0x00, 0x00, 0x00, 0x37, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xfa, 0xfa, 0x3a,
    0x49, 0x88, 0x81, 0x0a, 0x1a, 0x34, 0xa2, 0x4e, 0xc0, 0x11, 0x01, 0x0d, 0xc8, 0x4a, 0x71, 0x69,
    0x63, 0x20, 0xa8, 0x1a, 0x4d, 0x0f, 0xb9, 0x1a, 0xf0, 0xab, 0x46, 0xd6, 0x33, 0x78, 0x35, 0xd0,
    0x3e, 0x94, 0xc8, 0x89, 0x38, 0x72, 0x92, 0x06, 0x4d, 0x52, 0x2b, 0x00, 0xb0, 0x6d, 0x17, 0x6f,
    0x29, 0xef, 0xc7, 0xdc, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

pub fn line(description: &str, qty: &str, price: &str, tax: &str) -> Line {
    Line {
        description: description.into(),
        quantity: qty.into(),
        unit: None,
        unit_price: price.into(),
        discount: "0".into(),
        tax_rate: tax.into(),
    }
}

/// An invoice of Blue Mug Ceramics to Chloé, with `lines`.
pub fn invoice(lang: Lang, lines: Vec<Line>) -> Document {
    Document {
        kind: Kind::Invoice,
        number: "INV-2026-0042".into(),
        issue_date: time::macros::date!(2026 - 12 - 05),
        due_date: Some(time::macros::date!(2027 - 01 - 04)),
        shop: Shop {
            name: "Blue Mug Ceramics".into(),
            address: Some("12 Harbour Street\nSpringfield".into()),
            tax_id: Some("ES-B12345678".into()),
            phone: Some("+1 555-010-0000".into()),
            email: Some("hello@bluemug.example".into()),
            logo: Some(LOGO_PNG.to_vec()),
        },
        customer: Customer {
            name: "Chloé Martin".into(),
            whatsapp: "15550100003".into(),
            address: Some("3 Rue des Lilas, Lyon".into()),
            tax_id: None,
        },
        lines,
        notes: Some("Thank you for your order! Handle with care: ñ, €, ü.".into()),
        payment_terms: Some("Payment within 30 days.".into()),
        bank_details: Some("IBAN ES12 3456 7890 1234 5678 9012".into()),
        currency: "EUR".into(),
        lang,
        cancels: None,
    }
}

/// Three lines at two rates.
pub fn small(lang: Lang) -> Document {
    invoice(
        lang,
        vec![
            line("Blue ceramic mug", "3", "19.99", "21"),
            line("Gift wrapping", "1", "2.50", "21"),
            line("Recipe book: slow mornings", "1", "12.00", "4"),
        ],
    )
}

/// `count` lines: many pages.
pub fn long(count: usize) -> Document {
    invoice(
        Lang::En,
        (1..=count)
            .map(|i| line(&format!("Handmade bowl, glaze no. {i}, with a longer description that wraps onto a second line"), "2", "14.95", "21"))
            .collect(),
    )
}

/// The text of a PDF, by poppler's pdftotext, or `None` (with why) when it is not installed.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write");
    match std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(_) => {
            eprintln!("skipped: pdftotext (poppler-utils) is not installed");
            None
        }
    }
}

/// A file inside a DOCX (a zip).
pub fn docx_part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut part = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the docx"));
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).expect("utf-8 xml");
    text
}
