use std::io::Read;

use rusqlite::{Connection, params};

use super::contacts::{self, export_csv, export_vcard, import_csv};
use super::*;
use crate::media::files;
use crate::store::{Store, media};
use crate::views::MediaKindView;

const ANA: &str = "15550100001";
const BEN: &str = "15550100002";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n fake png bytes";
const PDF: &[u8] = b"%PDF-1.7 not really";

fn message(
    conn: &Connection,
    contact: &str,
    dir: &str,
    kind: &str,
    text: Option<&str>,
    raw: &str,
    ts: i64,
) -> i64 {
    let status = if dir == "in" { "received" } else { "read" };
    conn.query_row(
        "INSERT INTO messages (wamid, contact, direction, type, text, raw, status, timestamp)
         VALUES ('wamid.' || abs(random()), ?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        params![contact, dir, kind, text, raw, status, ts],
        |r| r.get(0),
    )
    .unwrap()
}

fn file(
    conn: &Connection,
    store_dir: &Path,
    id: i64,
    kind: MediaKindView,
    mime: &str,
    name: &str,
    bytes: &[u8],
) {
    let sha = files::sha256_hex(bytes);
    let path = files::store(
        &files::media_dir(store_dir),
        &sha,
        &format!("{id}.bin"),
        bytes,
    )
    .unwrap();
    media::insert_inbound(
        conn,
        id,
        &media::NewInboundMedia {
            kind,
            media_id: &format!("media{id}"),
            mime_type: Some(mime),
            sha256: None,
            filename: Some(name),
            voice: false,
            animated: false,
        },
        0,
    )
    .unwrap();
    media::mark_ready(
        conn,
        id,
        &media::StoredFile {
            path: &path,
            sha256: &sha,
            size: bytes.len() as i64,
            mime_type: mime,
            filename: name,
        },
        0,
    )
    .unwrap();
}

/// Two conversations: Ana's with hostile text, a document with a reversed extension, a photo and
/// a location; Ben's with a spreadsheet formula.
fn shop() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let conn = Connection::open(dir.path().join(crate::store::DB_FILE)).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO contacts (wa_id, name, created_at, updated_at, last_message_at) VALUES
           ('{ANA}', 'Ana <b>Pérez</b>', 0, 0, 1700000400), ('{BEN}', NULL, 0, 0, 1700000000);"
    ))
    .unwrap();
    message(
        &conn,
        ANA,
        "in",
        "text",
        Some("<script>alert(1)</script> hi"),
        "{}",
        1_700_000_100,
    );
    message(
        &conn,
        ANA,
        "out",
        "text",
        Some("Hello Ana"),
        "{}",
        1_700_000_200,
    );
    let doc = message(
        &conn,
        ANA,
        "in",
        "document",
        None,
        r#"{"type":"document","document":{"id":"m1"}}"#,
        1_700_000_300,
    );
    file(
        &conn,
        dir.path(),
        doc,
        MediaKindView::Document,
        "application/pdf",
        "Invoice\u{202E}fdp.desktop",
        PDF,
    );
    let photo = message(
        &conn,
        ANA,
        "in",
        "image",
        Some("the blue one"),
        r#"{"type":"image","image":{"id":"m2"}}"#,
        1_700_000_350,
    );
    file(
        &conn,
        dir.path(),
        photo,
        MediaKindView::Image,
        "image/png",
        "blue.png",
        PNG,
    );
    message(
        &conn,
        ANA,
        "in",
        "location",
        None,
        r#"{"type":"location","location":{"latitude":19.4,"longitude":-99.1,"name":"Shop","address":"Calle 1"}}"#,
        1_700_000_400,
    );
    message(
        &conn,
        BEN,
        "in",
        "text",
        Some("=HYPERLINK(\"http://evil\",\"x\")"),
        "{}",
        1_700_000_000,
    );
    (dir, store)
}

async fn export(
    store: &Store,
    dir: &Path,
    contact: Option<&str>,
    format: Format,
    lang: Lang,
    name: &str,
) -> (ExportSummary, PathBuf) {
    let out = dir.join(name);
    let (store_dir, contact, o) = (dir.to_path_buf(), contact.map(str::to_owned), out.clone());
    let summary = store
        .read(move |conn| {
            Ok(export_conversations(
                conn,
                &store_dir,
                contact.as_deref(),
                format,
                lang,
                &o,
            ))
        })
        .await
        .unwrap()
        .unwrap();
    (summary, out)
}

fn unzip(path: &Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut entry = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the zip"));
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes).unwrap();
    bytes
}

#[tokio::test]
async fn csv_reads_back_with_every_message_and_no_formula() {
    let (dir, store) = shop();
    let (summary, out) = export(&store, dir.path(), None, Format::Csv, Lang::En, "all.csv").await;
    assert_eq!((summary.conversations, summary.messages), (2, 6));
    let mut reader = csv::Reader::from_path(&out).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        table::CSV_HEADER
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(&rows[0][7], "<script>alert(1)</script> hi");
    assert_eq!(&rows[1][4], "out");
    assert_eq!(&rows[1][9], "read");
    assert_eq!(
        &rows[2][8], "Document Invoicefdp.desktop",
        "the override character is gone"
    );
    assert_eq!(&rows[4][8], "Location: Shop, Calle 1");
    assert_eq!(&rows[0][5], "2023-11-14T22:15:00Z");
    let ben = rows.iter().find(|r| &r[0] == BEN).unwrap();
    assert_eq!(
        &ben[7], "'=HYPERLINK(\"http://evil\",\"x\")",
        "a formula is shown as text"
    );
}

#[tokio::test]
async fn json_holds_the_messages_as_the_cli_prints_them() {
    let (dir, store) = shop();
    let (_, out) = export(
        &store,
        dir.path(),
        Some(ANA),
        Format::Json,
        Lang::En,
        "ana.json",
    )
    .await;
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap();
    assert_eq!(doc["format"], "shopchat-conversations");
    let conversations = doc["conversations"].as_array().unwrap();
    assert_eq!(conversations.len(), 1);
    assert_eq!(conversations[0]["contact"]["wa_id"], ANA);
    let messages = conversations[0]["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 5);
    assert_eq!(messages[0]["text"], "<script>alert(1)</script> hi");
    assert_eq!(messages[2]["media"]["kind"], "document");
}

#[tokio::test]
async fn html_transcript_escapes_everything_and_carries_its_files() {
    let (dir, store) = shop();
    let (summary, out) = export(
        &store,
        dir.path(),
        None,
        Format::Html,
        Lang::En,
        "chats.zip",
    )
    .await;
    assert_eq!(
        (summary.conversations, summary.messages, summary.files),
        (2, 6, 2)
    );
    let page = String::from_utf8(unzip(&out, &format!("chats/{ANA}.html"))).unwrap();
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62; hi")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt; hi"),
        "{page}"
    );
    assert!(!page.contains("<script"), "no customer markup survives");
    assert!(!page.contains("<b>"), "the name is escaped too");
    assert!(page.contains("Content-Security-Policy"));
    // The document: its true name, a download link, never inline.
    assert!(
        page.contains(&format!(
            r#"<a href="../files/{}-Invoicefdp.desktop" download>Invoicefdp.desktop</a>"#,
            3
        )),
        "{page}"
    );
    assert!(!page.contains('\u{202E}'));
    // The photo inline.
    assert!(page.contains(r#"<img src="../files/4-blue.png""#), "{page}");
    assert_eq!(unzip(&out, "files/3-Invoicefdp.desktop"), PDF);
    assert_eq!(unzip(&out, "files/4-blue.png"), PNG);
    assert!(page.contains("Location: Shop, Calle 1"));
    assert!(page.contains("You") && page.contains("read"));
    let index = String::from_utf8(unzip(&out, "index.html")).unwrap();
    assert!(index.contains(&format!(r#"href="chats/{BEN}.html""#)));
    assert!(
        index.contains(&format!("+{BEN}")),
        "a contact without a name shows its number"
    );
}

#[tokio::test]
async fn the_transcript_speaks_spanish_when_asked() {
    let (dir, store) = shop();
    let (_, out) = export(
        &store,
        dir.path(),
        Some(BEN),
        Format::Html,
        Lang::Es,
        "ben.zip",
    )
    .await;
    let page = String::from_utf8(unzip(&out, &format!("chats/{BEN}.html"))).unwrap();
    assert!(page.contains("Conversación con +15550100002"), "{page}");
    assert!(page.contains("lang=\"es\""));
    assert!(page.contains("Todas las conversaciones"));
}

#[tokio::test]
async fn an_unknown_contact_is_refused_and_leaves_no_file() {
    let (dir, store) = shop();
    let out = dir.path().join("nobody.csv");
    let (store_dir, o) = (dir.path().to_path_buf(), out.clone());
    let result = store
        .read(move |conn| {
            Ok(export_conversations(
                conn,
                &store_dir,
                Some("15550109999"),
                Format::Csv,
                Lang::En,
                &o,
            ))
        })
        .await
        .unwrap();
    assert!(matches!(result, Err(ExportError::UnknownContact(_))));
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".shopchat-export")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[tokio::test]
async fn contacts_export_as_csv_and_vcard() {
    let (dir, store) = shop();
    let (csv_out, vcf_out) = (dir.path().join("c.csv"), dir.path().join("c.vcf"));
    let (a, b) = (csv_out.clone(), vcf_out.clone());
    store
        .read(move |conn| {
            export_csv(conn, &a).unwrap();
            export_vcard(conn, &b).unwrap();
            Ok(())
        })
        .await
        .unwrap();
    let mut reader = csv::Reader::from_path(&csv_out).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], ANA);
    assert_eq!(&rows[0][2], "Ana <b>Pérez</b>");
    assert_eq!(&rows[0][3], "5");
    let vcf = std::fs::read_to_string(&vcf_out).unwrap();
    assert_eq!(vcf.matches("BEGIN:VCARD\r\n").count(), 2);
    assert!(vcf.contains(&format!("TEL;TYPE=CELL:+{ANA}\r\n")));
    assert!(vcf.contains(&format!("FN:+{BEN}\r\n")));
}

#[test]
fn vcard_values_are_escaped_and_long_lines_folded() {
    let card = contacts::vcard("15550100001", Some("Ana; \"Shop\", x\nline\\"));
    assert!(
        card.contains("FN:Ana\\; \"Shop\"\\, xline\\\\\r\n"),
        "{card}"
    );
    let long = contacts::vcard("15550100001", Some(&"ñ".repeat(60)));
    for line in long.split("\r\n") {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    assert!(long.contains("\r\n ñ"), "folded with a leading space");
}

#[test]
fn numbers_are_normalised_to_whatsapp_ids() {
    assert_eq!(
        contacts::normalise("+1 (555) 010-0001", None).unwrap(),
        "15550100001"
    );
    assert_eq!(
        contacts::normalise("0044 20 7946 0958", None).unwrap(),
        "442079460958"
    );
    assert_eq!(
        contacts::normalise("020 7946 0958", Some("gb")).unwrap(),
        "442079460958"
    );
    assert_eq!(
        contacts::normalise("55 1234 5678", Some("MX")).unwrap(),
        "525512345678"
    );
    assert!(contacts::normalise("12", None).is_err());
    assert!(contacts::normalise("hello", Some("MX")).is_err());
    assert!(contacts::normalise("55 1234 5678", Some("XX")).is_err());
}

#[tokio::test]
async fn an_import_reports_each_row_it_did_not_take() {
    let (dir, _store) = shop();
    let conn = Connection::open(dir.path().join(crate::store::DB_FILE)).unwrap();
    let csv = "\u{feff}Nombre,Teléfono\n\
               Carla,+44 20 7946 0958\n\
               Ben Two,+1 555 010 0002\n\
               Ana Again,+1 555 010 0001\n\
               Nobody,12\n\
               Carla twice,0044 20 7946 0958\n\
               No name,+1 555 010 0009\n";
    let (report, changed) = import_csv(&conn, csv, None).unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (2, 1, 1));
    assert_eq!(report.refused.len(), 1);
    assert_eq!(
        (report.refused[0].line, report.refused[0].value.as_str()),
        (5, "12")
    );
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(
        (report.duplicates[0].line, report.duplicates[0].first_line),
        (6, 2)
    );
    assert_eq!(changed, ["442079460958", BEN, "15550100009"]);
    let name = |wa: &str| -> Option<String> {
        conn.query_row("SELECT name FROM contacts WHERE wa_id = ?1", [wa], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_eq!(
        name(BEN).as_deref(),
        Some("Ben Two"),
        "a contact without a name takes the file's"
    );
    assert_eq!(
        name(ANA).as_deref(),
        Some("Ana <b>Pérez</b>"),
        "a known name is kept"
    );
    assert_eq!(name("442079460958").as_deref(), Some("Carla"));
    assert!(matches!(
        import_csv(&conn, "name,email\nA,a@b\n", None),
        Err(ExportError::Invalid(_))
    ));
}
