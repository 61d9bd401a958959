//! Restoring an archive into a store dir: under the engine's lock (so no engine runs on it),
//! every file extracted to a staging folder and checked against the manifest first; only then
//! is the current data moved aside (`before-restore-<time>/`) and the staged data moved in.

use std::collections::HashSet;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::ZipArchive;

use super::{BackupError, FOLDERS, FORMAT, MANIFEST, Manifest};
use crate::engine::{LOCK_FILE, RUNTIME_FILE};
use crate::store::DB_FILE;

/// What [`restore`] did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RestoreReport {
    /// Files restored, the database included.
    pub files: usize,
    /// When the restored backup was taken, ms since the epoch.
    pub backup_created_ms: i64,
    /// Where the data that was there before now is (none when there was none).
    pub kept_aside: Option<PathBuf>,
}

/// What a restore replaces in a store dir (each moved aside whole when present).
fn replaced() -> Vec<String> {
    let mut names: Vec<String> = [
        DB_FILE.to_owned(),
        format!("{DB_FILE}-wal"),
        format!("{DB_FILE}-shm"),
        crate::spool::dir(Path::new("")).display().to_string(),
        RUNTIME_FILE.to_owned(),
    ]
    .into();
    names.extend(FOLDERS.iter().map(|f| f.to_string()));
    names
}

/// Restores the archive `archive` into `store_dir`. Refused while an engine runs there.
pub fn restore(archive: &Path, store_dir: &Path) -> Result<RestoreReport, BackupError> {
    std::fs::create_dir_all(store_dir).map_err(BackupError::io(format!(
        "cannot create {}",
        store_dir.display()
    )))?;
    let lock = File::create(store_dir.join(LOCK_FILE))
        .map_err(BackupError::io("cannot open the engine lock"))?;
    if lock.try_lock().is_err() {
        return Err(BackupError::EngineRunning(store_dir.to_owned()));
    }
    let file = File::open(archive).map_err(BackupError::io(format!(
        "cannot open {}",
        archive.display()
    )))?;
    let mut zip = ZipArchive::new(file)?;
    let manifest = read_manifest(&mut zip)?;
    let stamp = stamp();
    let staging = store_dir.join(format!(".restore-{stamp}"));
    let staged = stage(&mut zip, &manifest, &staging);
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    // Two restores within one second must not share (and fail to fill) one aside folder.
    let aside = (0..)
        .map(|n| match n {
            0 => store_dir.join(format!("before-restore-{stamp}")),
            n => store_dir.join(format!("before-restore-{stamp}-{n}")),
        })
        .find(|p| !p.exists())
        .expect("an unused name");
    let kept = swap(store_dir, &staging, &aside)?;
    let _ = std::fs::remove_dir_all(&staging);
    if let Ok(dir) = File::open(store_dir) {
        let _ = dir.sync_all();
    }
    drop(lock);
    Ok(RestoreReport {
        files: manifest.files.len(),
        backup_created_ms: manifest.created_ms,
        kept_aside: kept.then_some(aside),
    })
}

fn read_manifest(zip: &mut ZipArchive<File>) -> Result<Manifest, BackupError> {
    let mut text = String::new();
    zip.by_name(MANIFEST)
        .map_err(|_| BackupError::Archive("no manifest: not a Shopchat backup".into()))?
        .read_to_string(&mut text)
        .map_err(BackupError::io("cannot read the manifest"))?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| BackupError::Archive(format!("the manifest is not valid: {e}")))?;
    if manifest.format > FORMAT || manifest.schema_version > crate::store::latest_version() {
        return Err(BackupError::TooNew {
            found: manifest.format,
            schema: manifest.schema_version,
        });
    }
    let mut seen = HashSet::new();
    for f in &manifest.files {
        if !allowed(&f.path) || !seen.insert(f.path.as_str()) {
            return Err(BackupError::Archive(format!(
                "the manifest names a file it may not: {:?}",
                f.path
            )));
        }
    }
    if !seen.contains(DB_FILE) {
        return Err(BackupError::Archive("the archive has no database".into()));
    }
    for name in zip.file_names() {
        if name != MANIFEST && !seen.contains(name) {
            return Err(BackupError::Checksum(format!(
                "{name:?} is in the archive but not in its manifest"
            )));
        }
    }
    Ok(manifest)
}

/// The database, or a plain relative path inside one of [`FOLDERS`].
fn allowed(path: &str) -> bool {
    if path == DB_FILE {
        return true;
    }
    let p = Path::new(path);
    let mut parts = p.components();
    let top_ok =
        matches!(parts.next(), Some(Component::Normal(top)) if FOLDERS.iter().any(|f| top == *f));
    top_ok
        && p.components().count() > 1
        && p.components().all(|c| matches!(c, Component::Normal(_)))
        && !path.contains('\\')
}

/// Extracts every file of the manifest below `staging`, checking its size and sha256.
fn stage(
    zip: &mut ZipArchive<File>,
    manifest: &Manifest,
    staging: &Path,
) -> Result<(), BackupError> {
    std::fs::create_dir_all(staging).map_err(BackupError::io(format!(
        "cannot create {}",
        staging.display()
    )))?;
    let mut buf = vec![0u8; 1 << 16];
    for f in &manifest.files {
        let mut entry = zip
            .by_name(&f.path)
            .map_err(|_| BackupError::Checksum(format!("{} is missing", f.path)))?;
        let target = staging.join(&f.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(BackupError::io(format!(
                "cannot create {}",
                parent.display()
            )))?;
        }
        let mut out = File::create(&target).map_err(BackupError::io(format!(
            "cannot write {}",
            target.display()
        )))?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        loop {
            let n = match entry.read(&mut buf) {
                Ok(n) => n,
                Err(e) => return Err(BackupError::Checksum(format!("{}: {e}", f.path))),
            };
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n]).map_err(BackupError::io(format!(
                "cannot write {}",
                target.display()
            )))?;
            size += n as u64;
        }
        if size != f.size || hex::encode(hasher.finalize()) != f.sha256 {
            return Err(BackupError::Checksum(format!(
                "{} does not match its checksum",
                f.path
            )));
        }
        out.sync_all().map_err(BackupError::io(format!(
            "cannot write {}",
            target.display()
        )))?;
    }
    Ok(())
}

/// Moves what a restore replaces from `store_dir` into `aside`, then the staged data in. Undoes
/// the moves done so far when one fails. Returns whether anything was moved aside.
fn swap(store_dir: &Path, staging: &Path, aside: &Path) -> Result<bool, BackupError> {
    // Each move done, as (from, to).
    let mut done: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| -> Result<bool, BackupError> {
        for name in replaced() {
            let current = store_dir.join(&name);
            if current.symlink_metadata().is_ok() {
                std::fs::create_dir_all(aside).map_err(BackupError::io(format!(
                    "cannot create {}",
                    aside.display()
                )))?;
                let to = aside.join(&name);
                std::fs::rename(&current, &to).map_err(BackupError::io(format!(
                    "cannot move {} aside",
                    current.display()
                )))?;
                done.push((current, to));
            }
        }
        let moved_aside = !done.is_empty();
        for name in replaced() {
            let from = staging.join(&name);
            if from.exists() {
                let to = store_dir.join(&name);
                std::fs::rename(&from, &to)
                    .map_err(BackupError::io(format!("cannot move {} in", to.display())))?;
                done.push((from, to));
            }
        }
        Ok(moved_aside)
    })();
    if result.is_err() {
        for (from, to) in done.into_iter().rev() {
            let _ = std::fs::rename(&to, &from);
        }
    }
    result
}

/// The current UTC time as `YYYYMMDD-HHMMSS`, for folder names.
fn stamp() -> String {
    let t = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}
