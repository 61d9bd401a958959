//! Backups and retention settings: where the automatic daily backups go and how many are kept,
//! and how long journaled webhook bodies and finished outbox rows are kept. Part of
//! [`Settings`](super::Settings), flattened into the same file.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::why;

use crate::backup::schedule::{DEFAULT_KEEP, MAX_KEEP};
use crate::retention::DEFAULT_RETENTION_DAYS;

/// The longest retention the settings accept (ten years).
pub const MAX_RETENTION_DAYS: u32 = 3650;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Maintenance {
    /// The folder the daily automatic backup is written to (another disk, a synced folder);
    /// `null`: no automatic backups.
    pub backup_folder: Option<String>,
    /// How many automatic backups are kept in that folder (the oldest are deleted).
    pub backup_keep: u32,
    /// Days journaled webhook bodies (once applied) and finished outbox rows are kept.
    pub retention_days: u32,
}

impl Default for Maintenance {
    fn default() -> Self {
        Self {
            backup_folder: None,
            backup_keep: DEFAULT_KEEP,
            retention_days: DEFAULT_RETENTION_DAYS,
        }
    }
}

impl Maintenance {
    pub(super) fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if !(1..=MAX_KEEP).contains(&self.backup_keep) {
            problems.push((
                "backup_keep",
                why("settings.backup_keep", &[("max", &MAX_KEEP.to_string())]),
            ));
        }
        if !(1..=MAX_RETENTION_DAYS).contains(&self.retention_days) {
            problems.push((
                "retention_days",
                why(
                    "settings.retention_days",
                    &[("max", &MAX_RETENTION_DAYS.to_string())],
                ),
            ));
        }
        if let Some(folder) = &self.backup_folder
            && !std::path::Path::new(folder).is_absolute()
        {
            problems.push((
                "backup_folder",
                why(
                    "settings.backup_folder",
                    &[("value", &format!("{folder:?}"))],
                ),
            ));
        }
        problems
    }
}
