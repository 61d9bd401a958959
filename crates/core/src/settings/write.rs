//! Writing `settings.json`: one writer at a time across processes (the app and the CLI take an
//! exclusive lock on `settings.json.lock`), written aside, flushed to disk and renamed over the
//! old file, so a reader or a crash never sees half a file and no update is lost.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// An exclusive hold on the settings file; released when dropped.
pub(super) struct WriteLock {
    _file: File,
}

/// Waits for, then takes, the exclusive lock that guards the settings at `path`.
pub(super) fn lock(path: &Path) -> std::io::Result<WriteLock> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path.with_extension("json.lock"))?;
    file.lock()?;
    Ok(WriteLock { _file: file })
}

/// Writes `bytes` to `path` atomically and durably: a temp file beside it (named for this
/// process), fsynced, renamed over `path`, then the directory fsynced. Call with the lock held.
pub(super) fn replace(path: &Path, bytes: &[u8], _held: &WriteLock) -> std::io::Result<()> {
    let partial = path.with_extension(format!("json.{}.tmp", std::process::id()));
    if let Err(e) = write_synced(&partial, bytes) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, path)?;
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
