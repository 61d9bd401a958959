//! `shopchat settings get|set|list`: the settings file the desktop app uses too, one key at a
//! time, validated by the same schema.

use clap::Subcommand;
use serde_json::Value;
use shopchat_core::settings::Settings;

use crate::{Common, data_dir};

/// What `shopchat settings` does.
#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Print one setting's value (text as it is, anything else as JSON).
    Get {
        /// The key, like `currency` or `document_prefixes.invoice`.
        key: String,
    },
    /// Change one setting; the whole file is checked before it is written.
    Set {
        /// The key, like `currency` or `document_prefixes.invoice`.
        key: String,
        /// The value: JSON (`80`, `null`, `true`) or text.
        value: String,
    },
    /// Every setting and its value.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: SettingsCommand, common: &Common) -> Result<(), String> {
    let file = Settings::file(&data_dir(common.data_dir.clone())?);
    let settings = Settings::load(&file).map_err(|e| e.to_string())?;
    match command {
        SettingsCommand::Get { key } => {
            let value = settings.get_key(&key).ok_or_else(|| {
                format!("{key}: there is no such setting (see `shopchat settings list`)")
            })?;
            println!("{}", show(&value));
        }
        SettingsCommand::Set { key, value } => {
            // Read again under the write lock: the app may have saved since.
            let updated = Settings::update(&file, |current| current.with_key(&key, &value))
                .map_err(|e| e.to_string())?;
            let now = updated.get_key(&key).unwrap_or(Value::Null);
            println!("{key} = {}", show(&now));
        }
        SettingsCommand::List { json } => {
            let entries = settings.entries();
            if json {
                let text = serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                for (key, value) in entries {
                    println!("{key} = {}", show(&value));
                }
            }
        }
    }
    Ok(())
}

/// Text as it is; anything else as JSON.
fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
