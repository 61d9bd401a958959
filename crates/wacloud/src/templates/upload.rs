//! The sample file of a media header: Meta's Resumable Upload API, then the edit of a template.
//!
//! 1. `POST /{app-id}/uploads?file_name=&file_length=&file_type=` (Bearer token) → `{"id":
//!    "upload:…"}`, an upload session.
//! 2. `POST /{upload-id}` with `Authorization: OAuth {token}`, `file_offset: 0` and the file's
//!    bytes as the body → `{"h": "…"}`, the handle a template's `header_handle` example takes.
//!
//! And `POST /{template-id}` with the new components (and category): Meta's edit of a template.

use serde::{Deserialize, Serialize};

use super::{Component, TemplateCategory};
use crate::client::{GraphClient, Success};
use crate::error::{ErrorKind, GraphError};
use crate::observe::Endpoint;

/// The MIME types the Resumable Upload API takes.
pub const SAMPLE_TYPES: [&str; 5] = [
    "application/pdf",
    "image/jpeg",
    "image/jpg",
    "image/png",
    "video/mp4",
];

#[derive(Deserialize)]
struct Session {
    id: String,
}

#[derive(Deserialize)]
struct Handle {
    h: String,
}

/// A template's new content: `POST /{template-id}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateEdit {
    /// Only when it changes (Meta keeps an approved template's category).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<TemplateCategory>,
    /// Every component, as when creating it.
    pub components: Vec<Component>,
}

impl GraphClient {
    /// Uploads a header sample through the Resumable Upload API (two requests, the whole file at
    /// offset 0) and returns its handle. `app_id` is the Meta app's id (digits).
    pub async fn upload_sample(
        &self,
        app_id: &str,
        file_name: &str,
        mime_type: &str,
        bytes: Vec<u8>,
    ) -> Result<String, GraphError> {
        if app_id.is_empty() || !app_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(GraphError::local(
                ErrorKind::InvalidParameter,
                format!("the Meta app id is digits only (got {app_id:?})"),
            ));
        }
        if !SAMPLE_TYPES.contains(&mime_type) {
            return Err(GraphError::local(
                ErrorKind::InvalidParameter,
                format!("a header sample is a PDF, JPEG, PNG or MP4 file (got {mime_type:?})"),
            ));
        }
        if bytes.is_empty() {
            return Err(GraphError::local(
                ErrorKind::InvalidParameter,
                "the sample file is empty",
            ));
        }
        let length = bytes.len().to_string();
        let session: Session = self
            .execute(
                Endpoint::Uploads,
                self.http()
                    .post(self.url(&format!("{app_id}/uploads")))
                    .query(&[
                        ("file_name", file_name),
                        ("file_length", length.as_str()),
                        ("file_type", mime_type),
                    ])
                    .bearer_auth(self.token()),
            )
            .await?;
        if !session.id.starts_with("upload:") {
            return Err(GraphError::local(
                ErrorKind::Decode,
                format!("the upload session id {:?} is not an upload", session.id),
            ));
        }
        let timeout = self.transfer_timeout(bytes.len() as u64);
        let handle: Handle = self
            .execute(
                Endpoint::Uploads,
                self.http()
                    .post(self.url(&session.id))
                    .header("Authorization", format!("OAuth {}", self.token()))
                    .header("file_offset", "0")
                    .timeout(timeout)
                    .body(bytes),
            )
            .await?;
        Ok(handle.h)
    }

    /// Edits a template: `POST /{template-id}` with its new components (and category).
    pub async fn edit_template(
        &self,
        template_id: &str,
        edit: &TemplateEdit,
    ) -> Result<(), GraphError> {
        if template_id.is_empty() || !template_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(GraphError::local(
                ErrorKind::InvalidParameter,
                format!("a template id is digits only (got {template_id:?})"),
            ));
        }
        let answer: Success = self
            .post_json(Endpoint::Templates, template_id, Some(edit))
            .await?;
        answer.into_result("the template edit")
    }
}
