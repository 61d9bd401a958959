//! The DOCX opens in LibreOffice (headless, converted to PDF) with its text, its totals and its
//! page numbers as Writer lays them out: a file Writer could not read, or would have to repair,
//! gives no PDF or the wrong text. LibreOffice is a test tool here, never needed by the app
//! (`scripts/setup` installs `libreoffice-writer-nogui`; this test fails without it).

mod support;

use std::process::Command;

use shopchat_documents::{Lang, render_docx};
use support::*;

/// The text of the PDF LibreOffice makes of `docx`.
fn through_libreoffice(docx: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("invoice.docx");
    std::fs::write(&input, docx).expect("write");
    let profile = format!("file://{}", dir.path().join("profile").display());
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&input)
        .output()
        .expect("soffice (libreoffice-writer-nogui) must be installed: scripts/setup installs it");
    let pdf = std::fs::read(dir.path().join("invoice.pdf")).unwrap_or_else(|e| {
        panic!(
            "LibreOffice made no PDF ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    pdf_text(&pdf).expect("pdftotext (poppler-utils) must be installed")
}

#[test]
fn libreoffice_opens_the_docx_with_its_text_totals_and_pages() {
    let small = through_libreoffice(&render_docx(&small(Lang::Es)).expect("rendered"));
    for text in [
        "Factura",
        "INV-2026-0042",
        "Blue ceramic mug",
        "Subtotal: 74,47 €",
        "Total: 88,07 €",
        "Página 1 de 1",
    ] {
        assert!(
            small.contains(text),
            "{text:?} not in LibreOffice's rendering:\n{small}"
        );
    }
    // 400 lines of 2 × €14.95 at 21%: 20 pages as Writer lays them out here with DejaVu Sans
    // (another font could make a page more or less, so the count is only bounded below).
    let long = through_libreoffice(&render_docx(&long(400)).expect("rendered"));
    for text in [
        "INV-2026-0042",
        "glaze no. 400,",
        "Subtotal: €11,960.00",
        "Total: €14,471.60",
        "Page 2 of",
    ] {
        assert!(long.contains(text), "{text:?} not in the long invoice");
    }
    let pages: Vec<&str> = long
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let count = pages.len();
    assert!(count >= 10, "{count} pages");
    // Writer filled in the PAGE and NUMPAGES fields: the last page says it is the last.
    let last = format!("Page {count} of {count}");
    assert!(
        pages[count - 1].contains(&last),
        "no {last:?} on the last page"
    );
    // The lines' header row repeats at the top of the following pages.
    for (i, page) in pages.iter().enumerate() {
        if page.contains("Handmade bowl") {
            assert!(
                page.contains("Description"),
                "page {} has lines without their header",
                i + 1
            );
        }
    }
}
