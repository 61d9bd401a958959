//! Media files on disk: under `<store dir>/media/`, each at `<2 hex>/<sha256>/<sanitised name>`,
//! so the same file received twice is kept once and a name from the network never chooses a
//! path. Files are written aside, synced and renamed: a crash leaves no half file under its name.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Where downloads are written while they stream, inside the media dir (same disk: a finished
/// file is renamed into place).
pub fn incoming_dir(media_dir: &Path) -> PathBuf {
    media_dir.join(".incoming")
}

/// Deletes what downloads cut short by a crash left in [`incoming_dir`] (best effort).
pub fn clear_incoming(media_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(incoming_dir(media_dir)) else {
        return;
    };
    for entry in entries.flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
}

/// The media dir inside a store dir.
pub fn media_dir(store_dir: &Path) -> PathBuf {
    store_dir.join("media")
}

/// The hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A name safe on every desktop OS: no path separators, no reserved names or characters, at
/// most 120 characters, never empty, with an extension matching `mime` when it has none.
pub fn safe_filename(name: Option<&str>, mime: &str, fallback_stem: &str) -> String {
    let options = sanitize_filename::Options {
        truncate: true,
        windows: true,
        replacement: "_",
    };
    let cleaned = name
        .map(|n| {
            // Format characters first (a U+202E makes `Invoice\u{202e}fdp.desktop` look like a
            // PDF), then only the last component of whatever path the sender typed.
            let n = crate::inert::strip_format(n);
            let base = n.rsplit(['/', '\\']).next().unwrap_or(&n);
            sanitize_filename::sanitize_with_options(base.trim(), options.clone())
        })
        .map(|n| n.trim_start_matches('.').trim().to_owned())
        // A name made only of replacements (a reserved name like `CON`) says nothing.
        .filter(|n| n.chars().any(|c| c != '_' && c != '.'));
    let mut name = cleaned.unwrap_or_else(|| fallback_stem.to_owned());
    if Path::new(&name).extension().is_none()
        && let Some(ext) = extension_for(mime)
    {
        name = format!("{name}.{ext}");
    }
    if name.chars().count() > 120 {
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned());
        let stem: String = name.chars().take(100).collect();
        name = match ext {
            Some(ext) if ext.len() <= 10 => format!("{stem}.{ext}"),
            _ => stem,
        };
    }
    name
}

/// The usual extension for a MIME type (parameters ignored).
pub fn extension_for(mime: &str) -> Option<&'static str> {
    let essence = crate::store::media::essence(mime).to_ascii_lowercase();
    Some(match essence.as_str() {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/3gpp" => "3gp",
        "audio/ogg" => "ogg",
        "audio/mpeg" => "mp3",
        "audio/mp4" => "m4a",
        "audio/aac" => "aac",
        "audio/amr" => "amr",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
        "application/msword" => "doc",
        "application/vnd.ms-excel" => "xls",
        other => {
            return mime_guess::get_mime_extensions_str(other).and_then(|e| e.first().copied());
        }
    })
}

/// The MIME type a file name suggests.
pub fn mime_for_name(name: &str) -> String {
    match Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("ogg" | "opus") => "audio/ogg".to_owned(),
        Some("docx") => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document".to_owned()
        }
        _ => mime_guess::from_path(name)
            .first_or_octet_stream()
            .essence_str()
            .to_owned(),
    }
}

/// Writes `bytes` (whose hex sha256 is `sha256`) under the media dir as `name`; returns the path
/// relative to the media dir. Writing the same content again is a no-op.
pub fn store(media_dir: &Path, sha256: &str, name: &str, bytes: &[u8]) -> std::io::Result<String> {
    debug_assert!(sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit()));
    let relative = format!("{}/{sha256}/{name}", &sha256[..2]);
    let target = media_dir.join(&relative);
    if target
        .metadata()
        .is_ok_and(|m| m.len() == bytes.len() as u64)
    {
        return Ok(relative);
    }
    let dir = target.parent().expect("a file under the media dir");
    std::fs::create_dir_all(dir)?;
    let partial = dir.join(format!(".{name}.partial"));
    {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&partial, &target)?;
    if let Ok(d) = std::fs::File::open(dir) {
        // The rename itself is durable once the directory is synced (best effort).
        let _ = d.sync_all();
    }
    Ok(relative)
}

/// Moves a verified file written aside (`temp`, in [`incoming_dir`], synced; its hex sha256 is
/// `sha256`) into place under the media dir as `name`; returns the path relative to the media
/// dir. When the same content is already there, `temp` is deleted.
pub fn store_file(
    media_dir: &Path,
    sha256: &str,
    name: &str,
    temp: tempfile::TempPath,
) -> std::io::Result<String> {
    debug_assert!(sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit()));
    let relative = format!("{}/{sha256}/{name}", &sha256[..2]);
    let target = media_dir.join(&relative);
    let size = std::fs::metadata(&temp)?.len();
    if target.metadata().is_ok_and(|m| m.len() == size) {
        return Ok(relative);
    }
    let dir = target.parent().expect("a file under the media dir");
    std::fs::create_dir_all(dir)?;
    temp.persist(&target).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(dir) {
        // The rename itself is durable once the directory is synced (best effort).
        let _ = d.sync_all();
    }
    Ok(relative)
}

/// The absolute path of a stored relative path, refusing anything that would leave the media
/// dir (the database is trusted, but not blindly).
pub fn resolve(media_dir: &Path, relative: &str) -> Option<PathBuf> {
    let rel = Path::new(relative);
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return None;
    }
    Some(media_dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_network_are_made_safe() {
        let pdf = "application/pdf";
        assert_eq!(
            safe_filename(Some("../../etc/passwd"), pdf, "f"),
            "passwd.pdf"
        );
        assert_eq!(safe_filename(Some("C:\\x\\inv.pdf"), pdf, "f"), "inv.pdf");
        assert_eq!(safe_filename(Some("a<b>:c?.pdf"), pdf, "f"), "a_b__c_.pdf");
        assert_eq!(safe_filename(Some("CON"), pdf, "doc"), "doc.pdf");
        assert_eq!(
            safe_filename(Some("   "), "image/jpeg", "photo"),
            "photo.jpg"
        );
        assert_eq!(
            safe_filename(None, "audio/ogg; codecs=opus", "voice"),
            "voice.ogg"
        );
        assert_eq!(
            safe_filename(Some(".hidden"), "text/plain", "f"),
            "hidden.txt"
        );
        let long = format!("{}.pdf", "x".repeat(300));
        let safe = safe_filename(Some(&long), pdf, "f");
        assert!(safe.len() <= 120 && safe.ends_with(".pdf"), "{safe}");
    }

    #[test]
    fn stored_by_hash_once_and_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = b"hello";
        let sha = sha256_hex(bytes);
        let rel = store(dir.path(), &sha, "a.txt", bytes).unwrap();
        assert_eq!(rel, format!("{}/{sha}/a.txt", &sha[..2]));
        assert_eq!(std::fs::read(dir.path().join(&rel)).unwrap(), bytes);
        assert_eq!(store(dir.path(), &sha, "a.txt", bytes).unwrap(), rel);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join(&sha[..2]).join(&sha))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["a.txt"]);
    }

    #[test]
    fn a_file_written_aside_is_moved_into_place_once() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = b"streamed";
        let sha = sha256_hex(bytes);
        let incoming = incoming_dir(dir.path());
        std::fs::create_dir_all(&incoming).unwrap();
        let write = || {
            let mut t = tempfile::NamedTempFile::new_in(&incoming).unwrap();
            t.write_all(bytes).unwrap();
            t.into_temp_path()
        };
        let rel = store_file(dir.path(), &sha, "a.txt", write()).unwrap();
        assert_eq!(std::fs::read(dir.path().join(&rel)).unwrap(), bytes);
        assert_eq!(store_file(dir.path(), &sha, "a.txt", write()).unwrap(), rel);
        assert_eq!(
            std::fs::read_dir(&incoming).unwrap().count(),
            0,
            "nothing left aside"
        );
        std::fs::write(incoming.join("download-x.partial"), b"cut short").unwrap();
        clear_incoming(dir.path());
        assert_eq!(std::fs::read_dir(&incoming).unwrap().count(), 0);
    }

    #[test]
    fn resolve_stays_inside() {
        let d = Path::new("/m");
        assert_eq!(
            resolve(d, "ab/x/y.pdf"),
            Some(PathBuf::from("/m/ab/x/y.pdf"))
        );
        assert_eq!(resolve(d, "../y"), None);
        assert_eq!(resolve(d, "/etc/passwd"), None);
    }

    #[test]
    fn mime_types_from_names() {
        assert_eq!(mime_for_name("a.JPG"), "image/jpeg");
        assert_eq!(mime_for_name("voice.opus"), "audio/ogg");
        assert_eq!(
            mime_for_name("Invoice.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(mime_for_name("x.unknownext"), "application/octet-stream");
    }
}
