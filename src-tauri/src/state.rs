//! What the commands share: the running engine, or why it could not start.

use std::path::PathBuf;
use std::sync::Arc;

use shopchat_core::Engine;

use crate::error::{ApiError, ApiErrorCode};

pub struct AppState {
    engine: Result<Arc<Engine>, String>,
    pub data_dir: PathBuf,
}

impl AppState {
    pub fn new(engine: Result<Arc<Engine>, String>, data_dir: PathBuf) -> Self {
        Self { engine, data_dir }
    }

    /// The engine, or an error the UI shows when it could not start.
    pub fn engine(&self) -> Result<&Arc<Engine>, ApiError> {
        self.engine.as_ref().map_err(|reason| {
            ApiError::new(
                ApiErrorCode::Internal,
                format!("Shopchat could not start: {reason}"),
            )
        })
    }

    pub fn running(&self) -> Option<Arc<Engine>> {
        self.engine.as_ref().ok().cloned()
    }
}
