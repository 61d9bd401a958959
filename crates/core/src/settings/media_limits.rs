//! How much of the disk inbound files may take: the free space always left, and each
//! customer's daily budget. Part of [`Settings`](super::Settings), flattened into the same file.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::why;

/// Inbound files are held when less than this is free (MB, 2^20 bytes): 1 GB.
pub const DEFAULT_FREE_SPACE_FLOOR_MB: u32 = 1024;
/// A customer's files past this many MB in a day are held: 200 MB (two of the largest
/// documents WhatsApp carries).
pub const DEFAULT_DAILY_BUDGET_MB: u32 = 200;
/// The largest value either setting takes (1 TB).
pub const MAX_MEDIA_LIMIT_MB: u32 = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MediaLimits {
    /// Files customers send are held (not downloaded) when the disk would have less than this
    /// many MB free; the owner can download one anyway.
    pub media_free_space_floor_mb: u32,
    /// The MB of files one customer may send in a day (a rolling 24 hours) before the next are
    /// held; the owner can download one anyway.
    pub media_daily_budget_mb: u32,
}

impl Default for MediaLimits {
    fn default() -> Self {
        Self {
            media_free_space_floor_mb: DEFAULT_FREE_SPACE_FLOOR_MB,
            media_daily_budget_mb: DEFAULT_DAILY_BUDGET_MB,
        }
    }
}

impl MediaLimits {
    pub fn free_space_floor_bytes(&self) -> u64 {
        u64::from(self.media_free_space_floor_mb) << 20
    }

    pub fn daily_budget_bytes(&self) -> u64 {
        u64::from(self.media_daily_budget_mb) << 20
    }

    pub(super) fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if self.media_free_space_floor_mb > MAX_MEDIA_LIMIT_MB {
            problems.push((
                "media_free_space_floor_mb",
                why(
                    "settings.megabytes",
                    &[("min", "0"), ("max", &MAX_MEDIA_LIMIT_MB.to_string())],
                ),
            ));
        }
        if !(1..=MAX_MEDIA_LIMIT_MB).contains(&self.media_daily_budget_mb) {
            problems.push((
                "media_daily_budget_mb",
                why(
                    "settings.megabytes",
                    &[("min", "1"), ("max", &MAX_MEDIA_LIMIT_MB.to_string())],
                ),
            ));
        }
        problems
    }
}
