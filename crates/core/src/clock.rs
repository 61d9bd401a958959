//! The wall clock, in the units the database keeps.

/// Now, in unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Now, in unix seconds.
pub fn now_secs() -> i64 {
    now_ms() / 1000
}
