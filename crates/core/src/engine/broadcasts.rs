//! The engine's broadcasts, for the app: check and create, list, show with the report, pause,
//! resume, cancel, export. The runner itself is started with the engine.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Engine, EngineError};
use crate::broadcasts::report::{self, Report};
use crate::broadcasts::{self, BroadcastError, BroadcastView, Created, NewBroadcast};
use crate::settings::Settings;

/// A broadcast with its report (the running view and the report view).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BroadcastDetail {
    pub broadcast: BroadcastView,
    pub report: Report,
}

impl Engine {
    pub async fn broadcasts(&self) -> Result<Vec<BroadcastView>, EngineError> {
        Ok(self.store.read(broadcasts::list).await?)
    }

    pub async fn broadcast(&self, id: i64) -> Result<BroadcastDetail, EngineError> {
        let found = self
            .store
            .read(move |c| Ok(broadcasts::get(c, id).map(|b| (b, report::report(c, id)))))
            .await??;
        let (b, r) = found;
        let broadcast = b.ok_or(BroadcastError::NotFound(id))?;
        Ok(BroadcastDetail {
            broadcast,
            report: r?,
        })
    }

    /// Checks (`dry_run`) or creates a broadcast; a missing default country comes from the
    /// settings.
    pub async fn create_broadcast(&self, mut req: NewBroadcast) -> Result<Created, EngineError> {
        if req.default_country.is_none() {
            req.default_country = Settings::load(&Settings::file(&self.data_dir))
                .ok()
                .and_then(|s| s.default_country);
        }
        // The owner is about to decide: the budget from Meta's latest figure.
        broadcasts::runner::refresh_limit(&self.graph, &self.phone_number_id, &self.store).await;
        let created = self
            .store
            .writer()
            .call(move |ctx| Ok(broadcasts::create::create(ctx, &req)))
            .await??;
        Ok(created)
    }

    pub async fn pause_broadcast(&self, id: i64) -> Result<BroadcastDetail, EngineError> {
        self.store
            .writer()
            .call(move |ctx| Ok(broadcasts::pause(ctx, id)))
            .await??;
        self.broadcast(id).await
    }

    pub async fn resume_broadcast(&self, id: i64) -> Result<BroadcastDetail, EngineError> {
        self.store
            .writer()
            .call(move |ctx| Ok(broadcasts::resume(ctx, id)))
            .await??;
        self.broadcast(id).await
    }

    pub async fn cancel_broadcast(&self, id: i64) -> Result<BroadcastDetail, EngineError> {
        self.store
            .writer()
            .call(move |ctx| Ok(broadcasts::cancel(ctx, id)))
            .await??;
        self.broadcast(id).await
    }

    /// Writes the recipients and their results to `path` as CSV; returns the rows written.
    pub async fn export_broadcast(&self, id: i64, path: PathBuf) -> Result<usize, EngineError> {
        Ok(self
            .store
            .read(move |c| Ok(report::export_csv(c, id, &path)))
            .await??)
    }
}
