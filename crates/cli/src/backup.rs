//! `shopchat backup FILE` and `shopchat restore FILE`.

use std::path::PathBuf;

use shopchat_core::backup::{self, BackupReport, RestoreReport};

use crate::output::print_json;
use crate::{Common, store_dir_of};

pub(crate) async fn backup(common: Common, file: PathBuf, json: bool) -> Result<(), String> {
    let store_dir = store_dir_of(&common)?;
    let report: BackupReport =
        tokio::task::spawn_blocking(move || backup::create(&store_dir, &file))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
    if json {
        return print_json(&report);
    }
    println!(
        "Backed up {} files ({}) to {}",
        report.files,
        megabytes(report.bytes),
        report.path.display()
    );
    Ok(())
}

pub(crate) async fn restore(common: Common, file: PathBuf, json: bool) -> Result<(), String> {
    let store_dir = store_dir_of(&common)?;
    let report: RestoreReport =
        tokio::task::spawn_blocking(move || backup::restore(&file, &store_dir))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
    if json {
        return print_json(&report);
    }
    println!("Restored {} files.", report.files);
    if let Some(aside) = &report.kept_aside {
        println!(
            "The data that was there before is kept in {}",
            aside.display()
        );
    }
    Ok(())
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}
