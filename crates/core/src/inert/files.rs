//! File names and types from a customer.

/// The `Content-Security-Policy` every served file carries: no script, no plugin, no form, no
/// same origin, even if a browser engine were persuaded to render it.
pub const MEDIA_CSP: &str = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'";

/// Whether `c` is a format or control character that could disguise a name: the bidirectional
/// controls (U+202E, which reverses what follows, and the others), the zero-width ones, the
/// soft hyphen, the BOM, the C0/C1 controls.
pub fn is_disguise(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// `text` without format and control characters (done first, before anything else looks at a
/// name or a text).
pub fn strip_format(text: &str) -> String {
    text.chars().filter(|c| !is_disguise(*c)).collect()
}

/// A customer's file name as it may be shown and saved: format characters dropped first, then
/// path separators replaced, leading dots and spaces trimmed, at most 120 characters (the
/// extension kept); `file` when nothing is left.
pub fn clean_file_name(raw: &str) -> String {
    let stripped = strip_format(raw);
    let replaced: String = stripped
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = replaced
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    if trimmed.is_empty() {
        return "file".to_owned();
    }
    const MAX: usize = 120;
    if trimmed.chars().count() <= MAX {
        return trimmed.to_owned();
    }
    let ext = extension(trimmed)
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    let keep = MAX.saturating_sub(ext.chars().count());
    let stem: String = trimmed.chars().take(keep).collect();
    format!("{stem}{ext}")
}

/// A file's real extension, lower-case, from its cleaned name (never from the declared type).
pub fn extension(name: &str) -> Option<String> {
    let clean = strip_format(name);
    let (stem, ext) = clean.rsplit_once('.')?;
    let ok = !stem.is_empty()
        && !ext.is_empty()
        && ext.len() <= 10
        && ext.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then(|| ext.to_ascii_lowercase())
}

/// The badge shown on a file: its real extension in capitals (`FILE` without one).
pub fn badge(name: &str) -> String {
    extension(name).map_or_else(|| "FILE".to_owned(), |e| e.to_ascii_uppercase())
}

/// The extensions **Open** hands to the OS: documents, images, audio, video and archives (an
/// archive opens in the archive manager, shown as such). Anything else (`.desktop`, `.exe`,
/// `.sh`, `.html`, `.svg`, `.js`, `.jar`, `.lnk`...) is offered as **Save as…** with a warning.
const OPENABLE: &[&str] = &[
    // documents
    "pdf", "txt", "csv", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "odp",
    // images
    "jpg", "jpeg", "png", "gif", "webp", "heic", "bmp", "tif", "tiff", // audio
    "mp3", "ogg", "opus", "oga", "m4a", "aac", "amr", "wav", "flac", // video
    "mp4", "m4v", "3gp", "mov", "webm", "mkv", "avi", // archives
    "zip", "7z", "rar", "tar", "gz",
];

/// Whether **Open** may hand the file named `name` to the OS (decided by its real extension).
pub fn may_open(name: &str) -> bool {
    extension(name).is_some_and(|e| OPENABLE.contains(&e.as_str()))
}

/// How the media protocol serves a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The `Content-Type` sent.
    pub content_type: String,
    /// Whether it goes out with `Content-Disposition: attachment` (never rendered).
    pub attachment: bool,
}

/// Images, video and audio are served as themselves (the chat shows them); everything else,
/// SVG included (it can hold script), as `application/octet-stream`, an attachment.
pub fn served_as(declared_mime: &str) -> Served {
    let essence = declared_mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let media = essence.split_once('/').is_some_and(|(top, sub)| {
        matches!(top, "image" | "video" | "audio")
            && !sub.is_empty()
            && sub
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-+.".contains(&b))
            && !sub.contains("svg")
            && !sub.contains("xml")
    });
    if media {
        Served {
            content_type: essence,
            attachment: false,
        }
    } else {
        Served {
            content_type: "application/octet-stream".to_owned(),
            attachment: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_that_is_a_desktop_file_shows_its_true_name_and_is_not_opened() {
        let raw = "Invoice\u{202e}fdp.desktop";
        let name = clean_file_name(raw);
        assert_eq!(name, "Invoicefdp.desktop");
        assert_eq!(badge(raw), "DESKTOP");
        assert!(!may_open(raw));
        // Declared as a PDF, it is still served as inert data.
        assert_eq!(
            served_as("application/pdf"),
            Served {
                content_type: "application/octet-stream".into(),
                attachment: true
            }
        );
    }

    #[test]
    fn format_characters_go_first() {
        for raw in [
            "a\u{200b}b.pdf",
            "a\u{2066}b\u{2069}.pdf",
            "\u{feff}ab.pdf",
            "a\u{00ad}b.pdf",
        ] {
            assert_eq!(clean_file_name(raw), "ab.pdf", "{raw:?}");
        }
        // An extension hidden behind a zero-width space is found.
        assert_eq!(extension("photo.\u{200b}exe"), Some("exe".into()));
        assert!(!may_open("photo.jpg\u{200b}.exe"));
    }

    #[test]
    fn names_cannot_climb_or_hide() {
        assert_eq!(clean_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(clean_file_name(".bashrc"), "bashrc");
        assert_eq!(clean_file_name("\u{202e}"), "file");
        let long = format!("{}.pdf", "a".repeat(500));
        let cut = clean_file_name(&long);
        assert_eq!(cut.chars().count(), 120);
        assert!(cut.ends_with(".pdf"));
    }

    #[test]
    fn only_allow_listed_types_open() {
        for ok in ["a.pdf", "B.DOCX", "c.jpg", "d.mp4", "e.opus", "f.zip"] {
            assert!(may_open(ok), "{ok}");
        }
        for no in [
            "a.desktop",
            "b.exe",
            "c.sh",
            "d.html",
            "e.svg",
            "f.js",
            "g",
            "h.pdf.lnk",
        ] {
            assert!(!may_open(no), "{no}");
        }
    }

    #[test]
    fn only_media_is_served_as_itself() {
        assert!(!served_as("image/jpeg").attachment);
        assert_eq!(
            served_as("audio/ogg; codecs=opus").content_type,
            "audio/ogg"
        );
        assert!(!served_as("video/mp4").attachment);
        for inert in [
            "image/svg+xml",
            "text/html",
            "application/pdf",
            "application/javascript",
            "text/plain",
            "",
            "image/",
            "image/jpeg\r\nX-Evil: 1",
        ] {
            let s = served_as(inert);
            assert!(s.attachment, "{inert}");
            assert_eq!(s.content_type, "application/octet-stream");
        }
    }
}
