//! The settings one key at a time, as `shopchat settings get|set|list` reads and writes them:
//! every key of the file's JSON object, with `document_prefixes.invoice` reaching into an
//! object. A value is read as JSON when it is JSON (`80`, `null`, `true`), else as a string.

use serde_json::{Map, Value};

use super::{Settings, SettingsError};

impl Settings {
    /// Every key and its value, in the file's order.
    pub fn entries(&self) -> Map<String, Value> {
        match serde_json::to_value(self) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        }
    }

    /// The value of `key` (`currency`, `document_prefixes.invoice`), if the schema has it.
    pub fn get_key(&self, key: &str) -> Option<Value> {
        let entries = self.entries();
        match key.split_once('.') {
            None => entries.get(key).cloned(),
            Some((outer, inner)) => entries.get(outer)?.get(inner).cloned(),
        }
    }

    /// These settings with `key` set to `raw`, validated as a whole; an unknown key or a value
    /// of the wrong kind is refused, naming the key.
    pub fn with_key(&self, key: &str, raw: &str) -> Result<Settings, SettingsError> {
        let invalid = |reason: String| SettingsError::Key {
            key: key.to_owned(),
            reason,
        };
        let value =
            serde_json::from_str::<Value>(raw).unwrap_or_else(|_| Value::String(raw.to_owned()));
        let mut entries = self.entries();
        let slot = match key.split_once('.') {
            None => entries.get_mut(key),
            Some((outer, inner)) => entries
                .get_mut(outer)
                .and_then(Value::as_object_mut)
                .and_then(|o| o.get_mut(inner)),
        }
        .ok_or_else(|| invalid("there is no such setting (see `shopchat settings list`)".into()))?;
        // A string setting keeps a value that looks like a number as text (`"0021"`).
        *slot = match (&*slot, value) {
            (Value::String(_) | Value::Null, Value::Number(n)) if key_is_text(key) => {
                Value::String(n.to_string())
            }
            (_, v) => v,
        };
        let updated: Settings = serde_json::from_value(Value::Object(entries))
            .map_err(|e| invalid(format!("{raw:?} is not a value for it: {e}")))?;
        updated.validate()?;
        Ok(updated)
    }
}

/// The keys whose values are text even when they look like numbers.
fn key_is_text(key: &str) -> bool {
    !matches!(key, "listen_port" | "outbox_rate" | "repoint_callback")
}
