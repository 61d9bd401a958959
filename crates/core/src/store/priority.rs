//! The database threads run at the lowest normal priority.
//!
//! What must be fast is the webhook's acknowledgement (Meta waits for it, and retries what is
//! slow): the HTTP server and the spool. Copying into the database and applying events can trail
//! behind for a while without losing anything. Under a flood the two compete for the same cores;
//! `scripts/bench-inbound`'s load on 2 cores, each run next to a run of the ceiling server: at
//! normal priority 45,505 and 50,394 webhooks/s (25% and 30% of the ceiling), at niceness 19
//! 60,839 and 64,428/s (37% and 34%). When the machine is not saturated, which is nearly always,
//! the priority changes nothing: the threads get all the CPU they ask for.
//!
//! What it costs: on a machine whose every core is busy with other programs, the app's own
//! writes (a reply sent, an event applied) get a small share of the CPU and take longer. They are
//! short; nothing is lost meanwhile.

use tracing::debug;

/// Lowers the calling thread's priority to the lowest of the normal policy: niceness 19 on
/// Linux, "lowest" on Windows, the bottom of the default policy's range on macOS. A failure is
/// not an error: the thread runs as it was.
pub fn lower_current_thread() {
    if let Err(e) =
        thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min)
    {
        debug!(error = ?e, "could not lower a database thread's priority");
    }
}

/// The calling thread's niceness, from `/proc/thread-self/stat` (tests).
#[cfg(all(test, target_os = "linux"))]
pub(crate) fn current_thread_niceness() -> Option<String> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Field 19 is the niceness; the command name (field 2) ends with ')'.
    let after = &stat[stat.rfind(')')? + 2..];
    after.split(' ').nth(16).map(str::to_owned)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn a_lowered_thread_runs_at_niceness_19() {
        let nice = std::thread::spawn(|| {
            super::lower_current_thread();
            super::current_thread_niceness()
        })
        .join()
        .expect("thread");
        assert_eq!(nice.as_deref(), Some("19"));
    }
}
