//! `shopchat sandbox say`: a simulated customer writes to a running sandbox engine; `phone-echo`
//! and `history-import`: the WhatsApp Business app on the phone sends what it sends (coexistence).

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
    let url = engine_url(dir, url)?;
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

/// The running sandbox engine's webhook URL, unless given.
fn engine_url(dir: Option<PathBuf>, url: Option<String>) -> Result<String, String> {
    Ok(match url {
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
    })
}

/// `shopchat sandbox phone-echo`: the owner answers from the phone.
pub(crate) async fn phone_echo(
    dir: Option<PathBuf>,
    to: String,
    text: String,
    url: Option<String>,
) -> Result<(), String> {
    let to = wacloud::WaId::parse(&to).map_err(|e| e.to_string())?;
    if text.trim().is_empty() {
        return Err("--text cannot be empty".into());
    }
    let url = engine_url(dir, url)?;
    let status = sandbox::phone::echo(&reqwest::Client::new(), &url, to.as_str(), &text)
        .await
        .map_err(|e| format!("could not reach the engine at {url}: {e}"))?;
    if !status.is_success() {
        return Err(format!("the engine refused the echo: HTTP {status}"));
    }
    println!("sent from the phone to {to}: {text}");
    Ok(())
}

/// `shopchat sandbox history-import`: the phone's past chats arrive.
pub(crate) async fn history_import(
    dir: Option<PathBuf>,
    url: Option<String>,
) -> Result<(), String> {
    let url = engine_url(dir, url)?;
    let answers = sandbox::phone::history(&reqwest::Client::new(), &url)
        .await
        .map_err(|e| format!("could not reach the engine at {url}: {e}"))?;
    if let Some(bad) = answers.iter().find(|s| !s.is_success()) {
        return Err(format!("the engine refused a history chunk: HTTP {bad}"));
    }
    println!("history imported ({} chunks)", answers.len());
    Ok(())
}
