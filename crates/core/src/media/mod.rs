//! Media files: where they live on disk, the inbound downloader, and attaching files to send.

pub mod download;
mod fetch;
pub mod files;

pub use download::{DownloadSignal, Downloader};
