//! Backups: one zip archive holding a consistent copy of the database (`VACUUM INTO`, taken
//! while the engine runs), the media and the documents, and a manifest with each file's size
//! and sha256. [`restore`] checks every checksum before it touches anything, refuses while an
//! engine holds the store, and keeps the current data aside instead of overwriting it.
//!
//! The webhook spool is not in the archive: a backup taken by the engine first waits until the
//! spool's acknowledged webhooks are in the database (see `Engine::backup`), and a restored store
//! starts an empty spool after the restored cursor.

mod create;
mod restore;
pub mod schedule;
pub(crate) mod texts;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::i18n::say;
use texts::TEXTS;

pub use create::{create, snapshot_database};
pub use restore::{RestoreReport, restore};
pub use schedule::BackupStatus;

/// The manifest's name inside an archive.
pub const MANIFEST: &str = "manifest.json";
/// The format of the archive this build writes and reads.
pub const FORMAT: u32 = 1;
/// The folders of a store dir that a backup carries, besides the database.
pub const FOLDERS: [&str; 2] = ["media", "documents"];

/// What an archive holds: written last into it, read first from it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: u32,
    /// The Shopchat version that wrote it.
    pub app_version: String,
    /// The database's schema version (migrations applied).
    pub schema_version: u32,
    /// When the database copy was taken, ms since the epoch.
    pub created_ms: i64,
    pub files: Vec<ManifestFile>,
}

/// One file of an archive: its path inside it (`/`-separated), size and hex sha256.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ManifestFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// What a finished backup reports.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BackupReport {
    pub path: PathBuf,
    /// The archive's size in bytes.
    pub bytes: u64,
    /// Files in the archive, the database included (the manifest not).
    pub files: usize,
    pub created_ms: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("{}", say(TEXTS, "backup.database", &[("error", &.0.to_string())]))]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}", say(TEXTS, "backup.archive", &[("error", .0)]))]
    Archive(String),
    #[error("{}", say(TEXTS, "backup.checksum", &[("detail", .0)]))]
    Checksum(String),
    #[error("{}", say(TEXTS, "backup.engine_running", &[("path", &.0.display().to_string())]))]
    EngineRunning(PathBuf),
    #[error("{}", say(TEXTS, "backup.no_database", &[("path", &.0.display().to_string())]))]
    NoDatabase(PathBuf),
    #[error("{}", say(TEXTS, "backup.too_new", &[("found", &.found.to_string()), ("schema", &.schema.to_string())]))]
    TooNew { found: u32, schema: u32 },
    #[error("{}", say(TEXTS, "backup.catch_up", &[("detail", .0)]))]
    CatchUp(String),
}

impl BackupError {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let context = context.into();
        move |source| Self::Io { context, source }
    }
}

impl From<zip::result::ZipError> for BackupError {
    fn from(e: zip::result::ZipError) -> Self {
        Self::Archive(e.to_string())
    }
}
