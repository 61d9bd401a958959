//! Automatic daily backups into the folder the owner chose (settings `backup_folder`), keeping
//! the last `backup_keep`; and the last backup's time and result, kept in `last-backup.json` in
//! the store dir for the diagnostics (a failed backup shows there until one succeeds).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::BackupError;

/// How many automatic backups are kept by default, and at most.
pub const DEFAULT_KEEP: u32 = 7;
pub const MAX_KEEP: u32 = 365;
/// The status file, in the store dir.
pub const STATUS_FILE: &str = "last-backup.json";
/// A day, and how long after a failed automatic backup the next attempt is.
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;
pub const RETRY_MS: i64 = 60 * 60 * 1000;

/// The last backup's time and result, as the diagnostics show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupStatus {
    /// When it finished, unix milliseconds.
    #[ts(type = "number")]
    pub at_ms: i64,
    pub ok: bool,
    /// The archive written (when it worked).
    pub path: Option<String>,
    /// The archive's size in bytes (when it worked).
    #[ts(type = "number | null")]
    pub bytes: Option<u64>,
    /// Why it failed (when it did).
    pub error: Option<String>,
    /// Taken by the daily schedule (else by the owner, **Back up now** or `shopchat backup`).
    pub automatic: bool,
    /// When the last automatic backup that worked finished, unix milliseconds.
    #[ts(type = "number | null")]
    pub last_automatic_ok_ms: Option<i64>,
}

impl BackupStatus {
    /// The status after a backup that ended with `result`, given the one before.
    pub fn after(
        previous: Option<&BackupStatus>,
        result: &Result<super::BackupReport, BackupError>,
        automatic: bool,
        at_ms: i64,
    ) -> Self {
        let mut last_automatic_ok_ms = previous.and_then(|p| p.last_automatic_ok_ms);
        if automatic && result.is_ok() {
            last_automatic_ok_ms = Some(at_ms);
        }
        Self {
            at_ms,
            ok: result.is_ok(),
            path: result.as_ref().ok().map(|r| r.path.display().to_string()),
            bytes: result.as_ref().ok().map(|r| r.bytes),
            error: result.as_ref().err().map(ToString::to_string),
            automatic,
            last_automatic_ok_ms,
        }
    }
}

/// The last backup's status in `store_dir`, if any was taken.
pub fn read_status(store_dir: &Path) -> Option<BackupStatus> {
    let text = std::fs::read_to_string(store_dir.join(STATUS_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Records `status` (written aside and renamed).
pub fn write_status(store_dir: &Path, status: &BackupStatus) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(status).map_err(std::io::Error::other)?;
    let partial = store_dir.join(format!(".{STATUS_FILE}.partial"));
    std::fs::write(&partial, json)?;
    std::fs::rename(&partial, store_dir.join(STATUS_FILE))
}

/// Whether an automatic backup is due at `now_ms`: none worked in the last day, and the last
/// attempt (when it failed) is more than [`RETRY_MS`] ago.
pub fn due(last: Option<&BackupStatus>, now_ms: i64) -> bool {
    let Some(last) = last else { return true };
    let fresh = last
        .last_automatic_ok_ms
        .is_some_and(|ok| now_ms - ok < DAY_MS);
    let failed_recently = !last.ok && last.automatic && now_ms - last.at_ms < RETRY_MS;
    !fresh && !failed_recently
}

/// The automatic backups' name prefix (the sandbox's are apart: the same folder may take both).
fn prefix(sandbox: bool) -> &'static str {
    if sandbox {
        "shopchat-sandbox-backup-"
    } else {
        "shopchat-backup-"
    }
}

/// The file an automatic backup at `now` is written to in `folder`.
pub fn file_in(folder: &Path, sandbox: bool, now: time::OffsetDateTime) -> PathBuf {
    folder.join(format!(
        "{}{:04}{:02}{:02}-{:02}{:02}{:02}.zip",
        prefix(sandbox),
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    ))
}

/// The file a backup taken now is written to in `folder`.
pub fn file_now(folder: &Path, sandbox: bool) -> PathBuf {
    file_in(folder, sandbox, time::OffsetDateTime::now_utc())
}

/// Deletes the oldest automatic backups in `folder` past the newest `keep`; returns those
/// deleted. Only files with the automatic backups' names are touched.
pub fn prune(folder: &Path, sandbox: bool, keep: u32) -> std::io::Result<Vec<PathBuf>> {
    let mut ours: Vec<PathBuf> = std::fs::read_dir(folder)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix(sandbox)) && n.ends_with(".zip"))
        })
        .collect();
    // The names hold the time: newest last.
    ours.sort();
    let excess = ours.len().saturating_sub(keep as usize);
    let old: Vec<PathBuf> = ours.into_iter().take(excess).collect();
    for p in &old {
        std::fs::remove_file(p)?;
    }
    Ok(old)
}
