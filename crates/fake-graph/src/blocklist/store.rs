//! The fake's blocklist: the numbers the business has blocked.

use std::collections::BTreeSet;

/// The blocked users' numbers.
#[derive(Default)]
pub(crate) struct Blocklist {
    pub(crate) users: BTreeSet<String>,
}
