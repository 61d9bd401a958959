//! The DOCX: read back as a zip of XML parts and with docx-rs itself.

mod support;

use shopchat_documents::{DocumentError, Lang, render_docx};
use support::*;

#[test]
fn the_docx_holds_the_layout_texts_grid_and_page_fields() {
    let docx = render_docx(&small(Lang::En)).expect("rendered");
    let body = docx_part(&docx, "word/document.xml");
    for text in [
        "Blue Mug Ceramics",
        "Invoice",
        "INV-2026-0042",
        "5 Dec 2026",
        "4 Jan 2027",
        "Bill to",
        "Chloé Martin",
        "Blue ceramic mug",
        "€19.99",
        "€59.97",
        "21%",
        "Tax breakdown",
        "Total: €88.07",
        "IBAN ES12 3456 7890 1234 5678 9012",
    ] {
        assert!(body.contains(text), "{text:?} is not in the document");
    }
    // The lines table has its set column widths.
    assert!(body.contains("<w:tblGrid>"), "no table grid");
    for width in ["3638", "1000", "1400", "1600"] {
        assert!(
            body.contains(&format!("<w:gridCol w:w=\"{width}\"")),
            "no {width} column"
        );
    }
    assert!(body.contains("<w:drawing>"), "no logo");
    // "Page X of Y" as PAGE and NUMPAGES fields in the footer.
    let footer = docx_part(&docx, "word/footer1.xml");
    assert!(footer.contains("PAGE"), "{footer}");
    assert!(footer.contains("NUMPAGES"), "{footer}");
    assert!(footer.contains("Page "), "{footer}");
    let core = docx_part(&docx, "docProps/core.xml");
    assert!(core.contains("2026-12-05T00:00:00Z"), "{core}");
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(
        styles.contains("Heading2") && styles.contains("Title"),
        "styles"
    );
}

#[test]
fn docx_rs_reads_it_back() {
    let docx = render_docx(&small(Lang::Es)).expect("rendered");
    let read = docx_rs::read_docx(&docx).expect("docx-rs reads its own file");
    let json = read.json();
    for text in ["Factura", "Facturar a", "59,97 €", "88,07 €", "Página "] {
        assert!(json.contains(text), "{text:?} not read back");
    }
}

#[test]
fn hostile_text_is_escaped_and_stripped() {
    let mut doc = small(Lang::En);
    doc.customer.name = "<w:p>Ana & \"Bob\"\u{202E}gpj.exe\u{0007}".into();
    doc.lines[0].description = "]]><script>alert(1)</script>".into();
    let docx = render_docx(&doc).expect("rendered");
    let body = docx_part(&docx, "word/document.xml");
    assert!(body.contains("&lt;w:p&gt;Ana &amp;"), "not escaped");
    assert!(body.contains("&lt;script&gt;"), "not escaped");
    assert!(
        !body.contains('\u{202E}') && !body.contains('\u{0007}'),
        "controls kept"
    );
    docx_rs::read_docx(&docx).expect("still a valid docx");
}

/// What a reader sees: every text run and the table grids, in order.
fn content(docx: &[u8]) -> String {
    let body = docx_part(docx, "word/document.xml");
    let mut out = String::new();
    for piece in body.split("<w:t").skip(1) {
        if let Some(text) = piece
            .split_once('>')
            .and_then(|(_, rest)| rest.split_once("</w:t>"))
        {
            out.push_str(text.0);
            out.push('|');
        }
    }
    for piece in body.split("<w:gridCol").skip(1) {
        out.push_str(piece.split("/>").next().unwrap_or_default());
    }
    out
}

#[test]
fn the_same_document_gives_the_same_content() {
    let doc = small(Lang::En);
    let (a, b) = (render_docx(&doc).unwrap(), render_docx(&doc).unwrap());
    assert_eq!(content(&a), content(&b));
    assert!(content(&a).contains("Blue ceramic mug|"));
    assert_eq!(
        docx_part(&a, "docProps/core.xml"),
        docx_part(&b, "docProps/core.xml")
    );
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = small(Lang::En);
    let first = render_docx(&doc).unwrap();
    // Another document in between (docx-rs keeps counters across documents).
    render_docx(&long(30)).unwrap();
    assert!(
        render_docx(&doc).unwrap() == first,
        "the DOCX bytes differ after another document"
    );
    // On another thread, after docx-rs made paragraphs there without writing a file (reading
    // a DOCX does), which moves its per-thread paragraph counter.
    let other = render_docx(&small(Lang::Es)).unwrap();
    let again = std::thread::spawn(move || {
        docx_rs::read_docx(&other).expect("read back");
        let _stray = docx_rs::Paragraph::new();
        render_docx(&small(Lang::En)).unwrap()
    })
    .join()
    .unwrap();
    assert!(first == again, "the DOCX bytes differ between two threads");
}

#[test]
fn every_paragraph_has_its_own_id_counted_from_one() {
    let docx = render_docx(&small(Lang::En)).unwrap();
    let mut ids: Vec<String> = ["word/document.xml", "word/footer1.xml"]
        .iter()
        .flat_map(|part| {
            let xml = docx_part(&docx, part);
            xml.split("w14:paraId=\"")
                .skip(1)
                .map(|s| s.split('"').next().unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let count = ids.len();
    assert!(count > 20, "{count} paragraphs");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "a paragraph id is used twice");
    assert_eq!(ids[0], "00000001");
    assert_eq!(ids[count - 1], format!("{count:08x}"));
}

#[test]
fn the_lines_header_row_repeats_on_every_page() {
    let body = docx_part(&render_docx(&small(Lang::En)).unwrap(), "word/document.xml");
    assert_eq!(
        body.matches("<w:tblHeader />").count(),
        1,
        "one repeating header row"
    );
    let header_row = body.split("<w:tblHeader />").next().unwrap();
    let row_start = header_row
        .rfind("<w:tr>")
        .or_else(|| header_row.rfind("<w:tr "))
        .unwrap();
    let rest = &body[row_start..];
    let row = &rest[..rest.find("</w:tr>").unwrap()];
    assert!(
        row.contains("Description"),
        "the marked row is the lines' header: {row}"
    );
}

#[test]
fn its_dates_are_the_issue_date() {
    let docx = render_docx(&small(Lang::En)).unwrap();
    let core = docx_part(&docx, "docProps/core.xml");
    for element in ["dcterms:created", "dcterms:modified"] {
        assert!(
            core.contains(&format!(">2026-12-05T00:00:00Z</{element}>")),
            "{element}: {core}"
        );
    }
    assert!(!core.contains("1970"), "{core}");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).expect("a zip");
    assert!(zip.len() > 5, "{} entries", zip.len());
    for i in 0..zip.len() {
        let entry = zip.by_index(i).expect("an entry");
        let t = entry.last_modified().expect("a time");
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (2026, 12, 5),
            "{} is stamped {t:?}",
            entry.name()
        );
    }
}

#[test]
fn a_logo_that_is_not_an_image_is_refused_without_a_panic() {
    let mut doc = small(Lang::En);
    for bad in [
        b"not an image".to_vec(),
        LOGO_PNG[..40].to_vec(),
        b"GIF89a\x01\x00\x01\x00".to_vec(),
    ] {
        doc.shop.logo = Some(bad);
        assert!(matches!(render_docx(&doc), Err(DocumentError::Logo(_))));
    }
}
