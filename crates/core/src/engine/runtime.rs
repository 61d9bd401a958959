//! `runtime.json`: where a running engine listens, for the CLI's other verbs.

use std::fs::File;
use std::net::SocketAddr;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{LOCK_FILE, RUNTIME_FILE};

/// What a running engine tells other processes (`runtime.json` in the store dir).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuntimeInfo {
    pub pid: u32,
    pub listen: SocketAddr,
    pub mode: String,
    pub webhook_url: String,
}

impl RuntimeInfo {
    /// The running engine's info for a store dir, if one is running there. A file left behind by
    /// an engine that was killed is ignored: a running engine holds the lock.
    pub fn read(store_dir: &Path) -> Option<Self> {
        let lock = File::open(store_dir.join(LOCK_FILE)).ok()?;
        if lock.try_lock_shared().is_ok() {
            return None;
        }
        let text = std::fs::read_to_string(store_dir.join(RUNTIME_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }
}
