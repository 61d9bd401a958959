//! Writing an archive: the database copy first, then the folders, then the manifest; all into a
//! file beside the target, synced and renamed, so a failed backup never leaves a half archive
//! under the name asked for.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::texts::TEXTS;
use super::{BackupError, BackupReport, FOLDERS, FORMAT, MANIFEST, Manifest, ManifestFile};
use crate::i18n::say;
use crate::store::DB_FILE;

/// Copies the database at `db` into a new file `to` with `VACUUM INTO`: one read transaction, so
/// a consistent snapshot however busy the writer is. Returns the copy's schema version.
pub fn snapshot_database(db: &Path, to: &Path) -> Result<u32, BackupError> {
    if !db.exists() {
        return Err(BackupError::NoDatabase(db.to_owned()));
    }
    let _ = std::fs::remove_file(to);
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(30))?;
    let target = to.to_str().ok_or_else(|| {
        BackupError::Archive(say(
            TEXTS,
            "backup.not_utf8",
            &[("path", &to.display().to_string())],
        ))
    })?;
    conn.execute("VACUUM INTO ?1", [target])?;
    drop(conn);
    let copy = Connection::open_with_flags(to, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(copy.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Backs the store in `store_dir` up into the archive `out` (overwritten when it exists).
/// Safe while an engine runs on the store.
pub fn create(store_dir: &Path, out: &Path) -> Result<BackupReport, BackupError> {
    let created_ms = crate::clock::now_ms();
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(failed(|| {
        say(
            TEXTS,
            "backup.cannot_create",
            &[("path", &parent.display().to_string())],
        )
    }))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    let partial = parent.join(format!(".{name}.partial"));
    let db_copy = parent.join(format!(".{name}.db.partial"));
    let written = write_archive(store_dir, &partial, &db_copy, created_ms);
    let _ = std::fs::remove_file(&db_copy);
    let files = match written {
        Ok(files) => files,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, out).map_err(failed(|| {
        say(
            TEXTS,
            "backup.cannot_write",
            &[("path", &out.display().to_string())],
        )
    }))?;
    if let Ok(dir) = File::open(parent) {
        let _ = dir.sync_all();
    }
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(BackupReport {
        path: out.to_owned(),
        bytes,
        files,
        created_ms,
    })
}

fn write_archive(
    store_dir: &Path,
    partial: &Path,
    db_copy: &Path,
    created_ms: i64,
) -> Result<usize, BackupError> {
    let schema_version = snapshot_database(&store_dir.join(DB_FILE), db_copy)?;
    let file = File::create(partial).map_err(failed(|| {
        say(
            TEXTS,
            "backup.cannot_create",
            &[("path", &partial.display().to_string())],
        )
    }))?;
    let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, file));
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    // Media and documents are compressed already (images, video, PDF, DOCX).
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(true);
    let mut files = vec![add_file(&mut zip, DB_FILE, db_copy, deflated)?];
    for folder in FOLDERS {
        for (rel, path) in walk(&store_dir.join(folder), folder)? {
            files.push(add_file(&mut zip, &rel, &path, stored)?);
        }
    }
    let manifest = Manifest {
        format: FORMAT,
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version,
        created_ms,
        files,
    };
    zip.start_file(MANIFEST, deflated)?;
    let json =
        serde_json::to_vec_pretty(&manifest).map_err(|e| BackupError::Archive(e.to_string()))?;
    zip.write_all(&json)
        .map_err(failed(|| say(TEXTS, "backup.cannot_write_manifest", &[])))?;
    let out = zip.finish()?;
    let file = out.into_inner().map_err(|e| BackupError::Io {
        context: say(TEXTS, "backup.cannot_write_archive", &[]),
        source: e.into_error(),
    })?;
    file.sync_all()
        .map_err(failed(|| say(TEXTS, "backup.cannot_sync_archive", &[])))?;
    Ok(manifest.files.len())
}

/// Streams `path` into the archive as `name`, hashing it on the way.
fn add_file<W: Write + std::io::Seek>(
    zip: &mut ZipWriter<W>,
    name: &str,
    path: &Path,
    options: SimpleFileOptions,
) -> Result<ManifestFile, BackupError> {
    let mut file = File::open(path).map_err(failed(|| {
        say(
            TEXTS,
            "backup.cannot_read",
            &[("path", &path.display().to_string())],
        )
    }))?;
    zip.start_file(name, options)?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(failed(|| {
            say(
                TEXTS,
                "backup.cannot_read",
                &[("path", &path.display().to_string())],
            )
        }))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        zip.write_all(&buf[..n])
            .map_err(failed(|| say(TEXTS, "backup.cannot_write_archive", &[])))?;
        size += n as u64;
    }
    Ok(ManifestFile {
        path: name.to_owned(),
        size,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// Every regular file below `dir`, with its archive path under `prefix`; temporary files (a
/// download or a document being written, `.`-prefixed) are left out. Sorted, for stable archives.
fn walk(dir: &Path, prefix: &str) -> Result<Vec<(String, PathBuf)>, BackupError> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_owned(), prefix.to_owned())];
    while let Some((dir, rel)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                return Err(failed(|| {
                    say(
                        TEXTS,
                        "backup.cannot_read",
                        &[("path", &dir.display().to_string())],
                    )
                })(e));
            }
        };
        for entry in entries {
            let entry = entry.map_err(failed(|| {
                say(
                    TEXTS,
                    "backup.cannot_read",
                    &[("path", &dir.display().to_string())],
                )
            }))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let kind = entry.file_type().map_err(failed(|| {
                say(
                    TEXTS,
                    "backup.cannot_read",
                    &[("path", &dir.display().to_string())],
                )
            }))?;
            let child = format!("{rel}/{name}");
            if kind.is_dir() {
                stack.push((entry.path(), child));
            } else if kind.is_file() {
                out.push((child, entry.path()));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// An I/O failure with its context, said (in the owner's language) only when it happens.
fn failed(context: impl FnOnce() -> String) -> impl FnOnce(std::io::Error) -> BackupError {
    move |source| BackupError::Io {
        context: context(),
        source,
    }
}
