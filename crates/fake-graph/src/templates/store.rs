//! The business account's templates, as the fake keeps them.

use serde_json::Value;

use crate::payloads;

/// The business account's templates, in creation order.
pub(crate) struct TemplateStore {
    pub(crate) templates: Vec<Value>,
    /// Resumable upload sessions not finished yet.
    pub(crate) uploads: std::collections::HashMap<String, Session>,
}

impl TemplateStore {
    /// The templates every sandbox starts with.
    pub(crate) fn seeded() -> Self {
        Self {
            templates: super::seed::templates(),
            uploads: std::collections::HashMap::new(),
        }
    }

    /// The template `name` in `language`, if there is one.
    pub(crate) fn find(&self, name: &str, language: &str) -> Option<&Value> {
        self.templates
            .iter()
            .find(|t| t["name"] == name && t["language"] == language)
    }

    pub(crate) fn position_of_cursor(&self, cursor: &str) -> Option<usize> {
        self.templates.iter().position(|t| cursor_for(t) == cursor)
    }
}

/// A template's paging cursor: its id, made opaque as Meta's are.
pub(crate) fn cursor_for(template: &Value) -> String {
    payloads::base64(template["id"].as_str().unwrap_or_default().as_bytes())
}

/// An upload session of the Resumable Upload API: the length its start declared.
pub(crate) struct Session {
    pub(crate) length: u64,
}
