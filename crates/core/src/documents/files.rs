//! A document's files under the data dir (`documents/<year>/<number>.pdf|.docx`): written
//! aside, flushed, then renamed into place, so a reader never sees half a file and a crash never
//! leaves one; checked against the sha256 recorded when they were written.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder of the documents' files in a data dir.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("documents")
}

/// `documents/<year>/<file name>`, relative to the data dir (as the database keeps it).
pub fn relative(year: i32, file_name: &str) -> String {
    format!("documents/{year}/{file_name}")
}

/// Writes `bytes` to `data_dir/relative` durably: a temporary file beside it, flushed to disk,
/// renamed over the target, and the folder flushed.
pub fn write(data_dir: &Path, relative: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = data_dir.join(relative);
    let folder = target
        .parent()
        .ok_or_else(|| std::io::Error::other("a document path has a folder"))?;
    std::fs::create_dir_all(folder)?;
    let partial = target.with_extension(format!(
        "{}.partial",
        target
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("file")
    ));
    {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&partial, &target)?;
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    Ok(())
}

/// What is wrong with a document's file, if anything.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FileCheck {
    Ok,
    Missing,
    /// On disk, but not the bytes that were written.
    Altered,
}

/// Whether `data_dir/relative` is there with the sha256 recorded for it.
pub fn check(data_dir: &Path, relative: &str, sha256: &str) -> FileCheck {
    match std::fs::read(data_dir.join(relative)) {
        Err(_) => FileCheck::Missing,
        Ok(bytes) if crate::media::files::sha256_hex(&bytes) == sha256 => FileCheck::Ok,
        Ok(_) => FileCheck::Altered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_aside_then_renamed_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let rel = relative(2026, "INV-2026-0001.pdf");
        assert_eq!(rel, "documents/2026/INV-2026-0001.pdf");
        write(dir.path(), &rel, b"%PDF-1.7 one").unwrap();
        let sha = crate::media::files::sha256_hex(b"%PDF-1.7 one");
        assert_eq!(check(dir.path(), &rel, &sha), FileCheck::Ok);
        let folder = dir.path().join("documents/2026");
        let names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, ["INV-2026-0001.pdf"], "no partial file is left");
        std::fs::write(dir.path().join(&rel), b"%PDF-1.7 two").unwrap();
        assert_eq!(check(dir.path(), &rel, &sha), FileCheck::Altered);
        std::fs::remove_file(dir.path().join(&rel)).unwrap();
        assert_eq!(check(dir.path(), &rel, &sha), FileCheck::Missing);
    }
}
