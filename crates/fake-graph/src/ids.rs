//! Ids as Meta makes them.

/// A random id of 15 digits, like Meta's object ids.
pub(crate) fn new_object_id() -> u64 {
    use rand::RngExt;
    rand::rng().random_range(100_000_000_000_000..1_000_000_000_000_000)
}
