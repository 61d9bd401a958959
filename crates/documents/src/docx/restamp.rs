//! Re-stamps every entry of the DOCX archive with the document's issue date, and marks the lines
//! table's header row as repeating at the top of each page.
//!
//! Whether the `zip` crate stamps entries with "now" depends on a cargo feature any crate in a
//! build can switch on; copying the entries raw with a fixed time makes the bytes depend on the
//! document alone, so a document made again from its record is the same file.
//!
//! docx-rs 0.4 cannot write `<w:tblHeader/>`; the header row carries a height no other row has
//! ([`HEADER_ROW_HEIGHT`]) and gets the element added here.

use std::io::{Cursor, Read, Write};

use time::Date;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::DocumentError;

/// The lines table's header row height (twips, at least).
pub(crate) const HEADER_ROW_HEIGHT: f32 = 301.0;
/// The `w:trHeight` docx-rs writes for a row of [`HEADER_ROW_HEIGHT`].
const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="301" w:hRule="atLeast" />"#;
const DOCUMENT_XML: &str = "word/document.xml";

pub(crate) fn with_date(archive: &[u8], date: Date) -> Result<Vec<u8>, DocumentError> {
    let err = |e: zip::result::ZipError| DocumentError::Render(e.to_string());
    let io = |e: std::io::Error| DocumentError::Render(e.to_string());
    // ZIP dates run from 1980 to 2107; clamp rather than fail for odd issue dates.
    let year = u16::try_from(date.year().clamp(1980, 2107)).unwrap_or(1980);
    let stamp = DateTime::from_date_and_time(year, u8::from(date.month()), date.day(), 12, 0, 0)
        .unwrap_or_default();
    let mut source = ZipArchive::new(Cursor::new(archive)).map_err(err)?;
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(archive.len())));
    for index in 0..source.len() {
        let entry = source.by_index_raw(index).map_err(err)?;
        if entry.name() != DOCUMENT_XML {
            let mode = entry.unix_mode();
            out.raw_copy_file_touch(entry, stamp, mode).map_err(err)?;
            continue;
        }
        drop(entry);
        let mut xml = String::new();
        source
            .by_index(index)
            .map_err(err)?
            .read_to_string(&mut xml)
            .map_err(io)?;
        let marked = format!("{HEADER_ROW_MARK}<w:tblHeader />");
        let xml = xml.replacen(HEADER_ROW_MARK, &marked, 1);
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(stamp)
            .unix_permissions(0o644);
        out.start_file(DOCUMENT_XML, options).map_err(err)?;
        out.write_all(xml.as_bytes()).map_err(io)?;
    }
    let mut cursor = out.finish().map_err(err)?;
    cursor.flush().map_err(io)?;
    Ok(cursor.into_inner())
}
