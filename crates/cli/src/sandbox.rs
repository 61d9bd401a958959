//! `shopchat sandbox say`: a simulated customer writes to a running sandbox engine.

use std::path::PathBuf;

use shopchat_core::{RuntimeInfo, config, sandbox};

use crate::data_dir;

pub(crate) async fn say(
    dir: Option<PathBuf>,
    from: String,
    text: String,
    name: Option<String>,
    url: Option<String>,
) -> Result<(), String> {
    let from = wacloud::WaId::parse(&from).map_err(|e| e.to_string())?;
    if text.trim().is_empty() {
        return Err("--text cannot be empty".into());
    }
    let url = match url {
        Some(u) => u,
        None => {
            let store_dir = config::store_dir(&data_dir(dir)?, true);
            RuntimeInfo::read(&store_dir)
                .filter(|r| r.mode == "sandbox")
                .map(|r| r.webhook_url)
                .ok_or_else(|| {
                    format!(
                        "no sandbox engine is running on {} (start one with `shopchat serve --sandbox`, or pass --url)",
                        store_dir.display()
                    )
                })?
        }
    };
    let http = reqwest::Client::new();
    let status = sandbox::say(&http, &url, from.as_str(), name.as_deref(), &text)
        .await
        .map_err(|e| format!("could not reach the engine at {url}: {e}"))?;
    if !status.is_success() {
        return Err(format!("the engine refused the message: HTTP {status}"));
    }
    println!("{} said: {text}", from);
    Ok(())
}
