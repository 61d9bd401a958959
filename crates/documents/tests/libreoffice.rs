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
        "88,07 €",
        "Página 1 de 1",
    ] {
        assert!(
            small.contains(text),
            "{text:?} not in LibreOffice's rendering:\n{small}"
        );
    }
    let long = through_libreoffice(&render_docx(&long(120)).expect("rendered"));
    assert!(long.contains("Page 2 of"), "no second page:\n{long}");
    // The lines' header row repeats at the top of the following pages.
    let pages: Vec<&str> = long
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 2, "{} pages", pages.len());
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
