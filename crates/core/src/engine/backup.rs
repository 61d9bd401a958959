//! Backups taken by a running engine: **Back up now**, and the daily automatic backup.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::Engine;
use super::texts::TEXTS;
use crate::backup::schedule::{self, BackupStatus};
use crate::backup::{self, BackupError, BackupReport};
use crate::i18n::say;
use crate::settings::Settings;
use crate::spool::Spool;
use crate::store::Store;

/// How long a backup waits for the webhooks acknowledged before it to reach the database.
const CATCH_UP: Duration = Duration::from_secs(60);
/// How often the schedule looks whether a daily backup is due.
const CHECK_EVERY: Duration = Duration::from_secs(10 * 60);
/// How long after the start the schedule first looks (the app's start is not slowed).
const FIRST_CHECK: Duration = Duration::from_secs(2 * 60);

impl Engine {
    /// Backs the store up into the archive `out` while the engine runs, and records the result
    /// for the diagnostics. Every webhook acknowledged before the call is in the copy.
    pub async fn backup(&self, out: &Path) -> Result<BackupReport, BackupError> {
        let result = take(&self.spool, &self.store, &self.store_dir, out).await;
        record(&self.store_dir, &result, false);
        result
    }

    /// The last backup's time and result, if one was taken.
    pub fn last_backup(&self) -> Option<BackupStatus> {
        schedule::read_status(&self.store_dir)
    }
}

/// A backup of a running engine's store: first waits until the spool's mover has copied every
/// webhook acknowledged so far into the database, then copies it.
async fn take(
    spool: &Spool,
    store: &Store,
    store_dir: &Path,
    out: &Path,
) -> Result<BackupReport, BackupError> {
    let acknowledged = spool.durable();
    let caught_up = tokio::time::timeout(CATCH_UP, async {
        loop {
            let cursor = store
                .read(crate::spool::mover_cursor)
                .await
                .map_err(|e| BackupError::CatchUp(e.to_string()))?;
            if cursor >= acknowledged {
                return Ok::<_, BackupError>(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    caught_up.map_err(|_| {
        BackupError::CatchUp(say(
            TEXTS,
            "engine.still_copying",
            &[("seconds", &CATCH_UP.as_secs().to_string())],
        ))
    })??;
    let (store_dir, out) = (store_dir.to_owned(), out.to_owned());
    tokio::task::spawn_blocking(move || backup::create(&store_dir, &out))
        .await
        .map_err(|e| {
            BackupError::Archive(say(
                TEXTS,
                "engine.backup_task",
                &[("error", &e.to_string())],
            ))
        })?
}

fn record(store_dir: &Path, result: &Result<BackupReport, BackupError>, automatic: bool) {
    let previous = schedule::read_status(store_dir);
    let status = BackupStatus::after(previous.as_ref(), result, automatic, crate::clock::now_ms());
    if let Err(e) = schedule::write_status(store_dir, &status) {
        warn!(error = %e, "could not record the backup's result");
    }
}

/// The engine's upkeep tasks: the daily backup and retention.
pub(super) fn maintenance(
    spool: &Spool,
    store: &Store,
    store_dir: &Path,
    data_dir: &Path,
    sandbox: bool,
    stop: &CancellationToken,
) -> [tokio::task::JoinHandle<()>; 2] {
    [
        tokio::spawn(daily(
            spool.clone(),
            store.clone(),
            store_dir.to_owned(),
            data_dir.to_owned(),
            sandbox,
            stop.clone(),
        )),
        tokio::spawn(crate::retention::run(
            store.clone(),
            data_dir.to_owned(),
            stop.clone(),
        )),
    ]
}

/// The daily automatic backup: while the engine runs, a backup into the settings'
/// `backup_folder` once a day (retried an hour after a failure), keeping the last `backup_keep`.
async fn daily(
    spool: Spool,
    store: Store,
    store_dir: PathBuf,
    data_dir: PathBuf,
    sandbox: bool,
    stop: CancellationToken,
) {
    let mut wait = FIRST_CHECK;
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(wait) => {}
        }
        wait = CHECK_EVERY;
        let Ok(settings) = Settings::load(&Settings::file(&data_dir)) else {
            continue;
        };
        let Some(folder) = settings.maintenance.backup_folder.map(PathBuf::from) else {
            continue;
        };
        if !schedule::due(
            schedule::read_status(&store_dir).as_ref(),
            crate::clock::now_ms(),
        ) {
            continue;
        }
        let out = schedule::file_in(&folder, sandbox, time::OffsetDateTime::now_utc());
        let result = take(&spool, &store, &store_dir, &out).await;
        record(&store_dir, &result, true);
        match &result {
            Ok(report) => {
                info!(path = %report.path.display(), bytes = report.bytes, "daily backup written");
                match schedule::prune(&folder, sandbox, settings.maintenance.backup_keep) {
                    Ok(old) if !old.is_empty() => info!(deleted = old.len(), "old backups deleted"),
                    Ok(_) => {}
                    Err(e) => warn!(error = %e, "could not delete the old backups"),
                }
            }
            Err(e) => warn!(error = %e, folder = %folder.display(), "the daily backup failed"),
        }
    }
}
