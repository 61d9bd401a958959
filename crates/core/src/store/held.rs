//! How a held file is written in the `media` table's `error` column (`held:<why>`): read by
//! [`super::media`]'s view and written by [`super::media_hold`], which both depend on this alone.

use crate::views::MediaHold;

/// What `error` holds for a held file: this, then the reason.
pub const HELD_PREFIX: &str = "held:";

/// The reason a stored `error` holds, if the file was held.
pub fn hold_of(error: Option<&str>) -> Option<MediaHold> {
    error?.strip_prefix(HELD_PREFIX).and_then(MediaHold::parse)
}
