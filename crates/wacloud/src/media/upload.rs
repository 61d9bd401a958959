//! `POST /{phone-number-id}/media` (multipart: `messaging_product`, `type`, `file`) and
//! `DELETE /{media-id}`.

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use tracing::debug;

use super::MediaId;
use super::limits::check_media_file;
use crate::client::{GraphClient, Success};
use crate::error::{ErrorKind, GraphError};
use crate::ids::PhoneNumberId;
use crate::observe::Endpoint;
use crate::send::MediaKind;

/// The size of the pieces a file is handed to the connection in, when progress is reported.
const CHUNK: usize = 64 * 1024;

/// A progress callback: bytes of the file sent so far, and the file's size.
type Progress = Arc<dyn Fn(u64, u64) + Send + Sync>;

#[derive(Deserialize)]
struct UploadAnswer {
    id: String,
}

impl GraphClient {
    /// Uploads a file to send as `kind` media: `POST /{phone-number-id}/media`. The file is
    /// checked against the Cloud API limits first ([`check_media_file`]); a file that breaks
    /// them fails with [`ErrorKind::MediaLimit`] and no request is made. The `type` declared to
    /// Meta is the MIME type without parameters, aliases replaced (`video/3gp` → `video/3gpp`).
    /// `file_name` is sent without any directory part.
    pub async fn upload_media(
        &self,
        phone_number_id: &PhoneNumberId,
        kind: MediaKind,
        bytes: Vec<u8>,
        mime: &str,
        file_name: &str,
    ) -> Result<MediaId, GraphError> {
        self.upload(phone_number_id, kind, bytes, mime, file_name, None)
            .await
    }

    /// [`GraphClient::upload_media`], calling `on_progress(sent, total)` as the file's bytes are
    /// handed to the connection (in 64 KiB pieces; the last call has `sent == total`). `total`
    /// is the file's size; the multipart framing around it is not counted.
    pub async fn upload_media_with_progress(
        &self,
        phone_number_id: &PhoneNumberId,
        kind: MediaKind,
        bytes: Vec<u8>,
        mime: &str,
        file_name: &str,
        on_progress: impl Fn(u64, u64) + Send + Sync + 'static,
    ) -> Result<MediaId, GraphError> {
        let progress: Progress = Arc::new(on_progress);
        self.upload(
            phone_number_id,
            kind,
            bytes,
            mime,
            file_name,
            Some(progress),
        )
        .await
    }

    /// Deletes an uploaded file: `DELETE /{media-id}`.
    pub async fn delete_media(&self, media_id: &MediaId) -> Result<(), GraphError> {
        let answer: Success = self
            .delete_json(Endpoint::Media, media_id.as_str(), &[])
            .await?;
        answer.into_result("the media deletion")
    }

    async fn upload(
        &self,
        phone_number_id: &PhoneNumberId,
        kind: MediaKind,
        bytes: Vec<u8>,
        mime: &str,
        file_name: &str,
        progress: Option<Progress>,
    ) -> Result<MediaId, GraphError> {
        let wire_mime = check_media_file(kind, mime, &bytes)?;
        let total = bytes.len() as u64;
        let part = match progress {
            None => Part::bytes(bytes),
            Some(progress) => Part::stream_with_length(progress_body(bytes, progress), total),
        };
        let part = part
            .file_name(base_name(file_name))
            .mime_str(&wire_mime)
            .map_err(|e| GraphError::from_reqwest(&e))?;
        let form = Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", wire_mime.clone())
            .part("file", part);
        debug!(%kind, mime = %wire_mime, bytes = total, "uploading media");
        let request = self
            .http()
            .post(self.url(&format!("{phone_number_id}/media")))
            .bearer_auth(self.token())
            .timeout(self.transfer_timeout(total))
            .multipart(form);
        let answer: UploadAnswer = self.execute(Endpoint::Media, request).await?;
        MediaId::parse(&answer.id).map_err(|e| {
            let mut err = GraphError::local(
                ErrorKind::Decode,
                format!("the upload answered an unusable media id: {e}"),
            );
            err.http_status = Some(200);
            err
        })
    }
}

/// The file as a body handed out in [`CHUNK`]s, reporting each one as it is taken.
fn progress_body(bytes: Vec<u8>, progress: Progress) -> reqwest::Body {
    let bytes = Bytes::from(bytes);
    let total = bytes.len() as u64;
    let mut sent = 0u64;
    let chunks = (0..bytes.len()).step_by(CHUNK).map(move |start| {
        let chunk = bytes.slice(start..bytes.len().min(start + CHUNK));
        sent += chunk.len() as u64;
        progress(sent, total);
        Ok::<_, Infallible>(chunk)
    });
    reqwest::Body::wrap_stream(futures_util::stream::iter(chunks))
}

/// The last component of a path (`C:\scans\bill.pdf` → `bill.pdf`); `file` when nothing is left.
fn base_name(file_name: &str) -> String {
    let name = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim();
    if name.is_empty() {
        "file".to_owned()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_names() {
        assert_eq!(base_name("C:\\scans\\bill.pdf"), "bill.pdf");
        assert_eq!(base_name("/tmp/a b.jpg"), "a b.jpg");
        assert_eq!(base_name("photo.png"), "photo.png");
        assert_eq!(base_name("dir/"), "file");
        assert_eq!(base_name(""), "file");
    }
}
