//! The PDF: its text extracted by poppler, its fonts embedded, its pages numbered.

mod support;

use shopchat_documents::{DocumentError, Lang, render_pdf};
use support::*;

#[test]
fn the_pdf_shows_the_same_content_as_the_docx() {
    let pdf = render_pdf(&small(Lang::Es)).expect("rendered");
    assert!(pdf.starts_with(b"%PDF-"));
    let Some(text) = pdf_text(&pdf) else { return };
    for expected in [
        "Blue Mug Ceramics",
        "Factura",
        "INV-2026-0042",
        "5 dic 2026",
        "FACTURAR A",
        "Chloé Martin",
        "Blue ceramic mug",
        "19,99 €",
        "59,97 €",
        "21 %",
        "Base imponible",
        "88,07 €",
        "ñ, €, ü",
        "Página 1 de 1",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

#[test]
fn the_fonts_are_embedded() {
    let pdf = render_pdf(&small(Lang::En)).expect("rendered");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let Ok(out) = std::process::Command::new("pdffonts").arg(&path).output() else {
        eprintln!("skipped: pdffonts (poppler-utils) is not installed");
        return;
    };
    let listing = String::from_utf8_lossy(&out.stdout);
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(fonts.len() >= 2, "{listing}");
    // Columns: name, type, encoding, emb, sub, uni, ...: every font embedded.
    for font in fonts {
        assert!(font.contains("DejaVu"), "{font}");
        assert!(
            font.split_whitespace().filter(|c| *c == "yes").count() >= 2,
            "{font}"
        );
    }
}

#[test]
fn a_hundred_lines_flow_over_numbered_pages() {
    let pdf = render_pdf(&long(100)).expect("rendered");
    let Some(text) = pdf_text(&pdf) else { return };
    let pages = text.matches('\u{c}').count() + usize::from(!text.ends_with('\u{c}'));
    assert!(pages >= 4, "{pages} pages");
    assert!(text.contains(&format!("Page 1 of {pages}")), "{text}");
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    // The header row on every page of the table.
    assert!(text.matches("Description").count() >= pages - 1);
    assert!(text.contains("glaze no. 100"));
    // 100 × 2 × 14.95 = 2,990.00; 21 % = 627.90; total 3,617.90.
    assert!(text.contains("€3,617.90"), "{text}");
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = long(30);
    let (a, b) = (render_pdf(&doc).unwrap(), render_pdf(&doc).unwrap());
    assert!(a == b, "two renders of one document differ");
}

#[test]
fn hostile_text_cannot_break_the_pdf() {
    let mut doc = small(Lang::En);
    doc.customer.name = "Ana\u{202E}gpj.exe (\\) <b>".into();
    doc.lines[0].description = format!("{} 😀", "W".repeat(300));
    let pdf = render_pdf(&doc).expect("rendered");
    let Some(text) = pdf_text(&pdf) else { return };
    assert!(text.contains("Anagpj.exe (\\) <b>"), "{text}");
    assert!(!text.contains('\u{202E}'));
}

#[test]
fn a_bad_logo_is_refused() {
    let mut doc = small(Lang::En);
    doc.shop.logo = Some(b"\x89PNG\r\n\x1a\n broken".to_vec());
    assert!(matches!(render_pdf(&doc), Err(DocumentError::Logo(_))));
}
