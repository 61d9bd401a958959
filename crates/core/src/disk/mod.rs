//! Keeping the disk safe from what strangers send: the free space left (read through a
//! [`DiskProbe`], which tests replace), the floor below which inbound files are held, each
//! customer's daily budget of bytes, and the figures the diagnostics show.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::settings::MediaLimits;
use crate::views::MediaHold;

/// A customer's daily budget is counted over this window (a rolling day).
pub const BUDGET_WINDOW_MS: i64 = 24 * 60 * 60 * 1000;

/// A reading of the free bytes on the disk holding a path.
type ReadFree = dyn Fn(&Path) -> std::io::Result<u64> + Send + Sync;

/// Reads the free space available to this process on the disk holding a path.
#[derive(Clone)]
pub struct DiskProbe(Arc<ReadFree>);

impl DiskProbe {
    /// The operating system's figure (`statvfs`'s available blocks, or `GetDiskFreeSpaceExW`).
    pub fn system() -> Self {
        Self(Arc::new(|path: &Path| fs4::available_space(path)))
    }

    /// Any reading (tests: a disk that is nearly full).
    pub fn from_fn(read: impl Fn(&Path) -> std::io::Result<u64> + Send + Sync + 'static) -> Self {
        Self(Arc::new(read))
    }

    /// The bytes free for this process on the disk of `path`.
    pub fn available(&self, path: &Path) -> std::io::Result<u64> {
        (self.0)(path)
    }
}

impl Default for DiskProbe {
    fn default() -> Self {
        Self::system()
    }
}

impl fmt::Debug for DiskProbe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DiskProbe")
    }
}

/// What is known when deciding whether to fetch an inbound file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Free bytes on the media dir's disk; `None` when they could not be read.
    pub free: Option<u64>,
    /// The file's size, as Meta declared it.
    pub size: u64,
    /// What this customer's files weighed over the last day, those downloading now included.
    pub used_today: u64,
}

/// Why a file must be held, or `None` to fetch it: held when it would leave less than the
/// floor free, or take the customer past the daily budget. A free space that cannot be read
/// holds nothing (the write itself then fails if the disk is really full).
pub fn hold_for(b: Budget, limits: &MediaLimits) -> Option<MediaHold> {
    if let Some(free) = b.free
        && free.saturating_sub(b.size) < limits.free_space_floor_bytes()
    {
        return Some(MediaHold::DiskSpace);
    }
    if b.used_today.saturating_add(b.size) > limits.daily_budget_bytes() {
        return Some(MediaHold::DailyBudget);
    }
    None
}

/// The disk, as the diagnostics show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiskReport {
    /// Free bytes on the data dir's disk; `None` when they could not be read.
    pub free_bytes: Option<u64>,
    /// Inbound files are held below this many free bytes.
    pub free_space_floor_bytes: u64,
    /// Each customer's files are held past this many bytes a day.
    pub daily_budget_bytes: u64,
    /// Webhooks on disk not yet copied into the database: bytes of the spool's segments.
    pub spool_backlog_bytes: u64,
    /// The same backlog in webhooks.
    pub spool_backlog_records: u64,
    /// Past this backlog, webhooks are refused with 503 (Meta delivers them again later).
    pub spool_cap_bytes: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1 << 20;

    fn limits(floor_mb: u32, budget_mb: u32) -> MediaLimits {
        MediaLimits {
            media_free_space_floor_mb: floor_mb,
            media_daily_budget_mb: budget_mb,
        }
    }

    #[test]
    fn a_file_is_held_below_the_floor_or_past_the_budget() {
        let l = limits(1024, 200);
        let fetch = Budget {
            free: Some(10_000 * MB),
            size: 50 * MB,
            used_today: 150 * MB,
        };
        assert_eq!(hold_for(fetch, &l), None, "exactly the budget is allowed");
        assert_eq!(
            hold_for(
                Budget {
                    used_today: 150 * MB + 1,
                    ..fetch
                },
                &l
            ),
            Some(MediaHold::DailyBudget)
        );
        assert_eq!(
            hold_for(
                Budget {
                    free: Some(1060 * MB),
                    ..fetch
                },
                &l
            ),
            Some(MediaHold::DiskSpace),
            "it would leave less than the floor"
        );
        assert_eq!(
            hold_for(
                Budget {
                    free: Some(1074 * MB),
                    ..fetch
                },
                &l
            ),
            None
        );
        assert_eq!(
            hold_for(
                Budget {
                    free: None,
                    ..fetch
                },
                &l
            ),
            None,
            "an unreadable figure holds nothing"
        );
    }

    #[test]
    fn the_system_probe_reads_a_real_figure() {
        let dir = tempfile::tempdir().unwrap();
        assert!(DiskProbe::system().available(dir.path()).unwrap() > 0);
        let nearly_full = DiskProbe::from_fn(|_| Ok(5));
        assert_eq!(nearly_full.available(dir.path()).unwrap(), 5);
    }
}
