//! `GET /{media-id}`, then the file itself from the address it gives, checked against what Meta
//! declared: never more than the caller's cap, exactly `file_size` bytes, the same SHA-256, and
//! not a JSON error posing as the file.

use sha2::{Digest, Sha256};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tracing::debug;

use super::{DownloadedMedia, MediaId, MediaInfo, StreamError, StreamedMedia, canonical_mime};
use crate::client::{GraphClient, retry_after};
use crate::error::{ErrorKind, GraphError};
use crate::observe::Endpoint;

/// How much of an error answer is read to find the Graph error in it.
const ERROR_BODY_CAP: usize = 64 * 1024;

impl GraphClient {
    /// Where to download a file and what it must be: `GET /{media-id}`.
    pub async fn media_info(&self, media_id: &MediaId) -> Result<MediaInfo, GraphError> {
        self.get_json(Endpoint::Media, media_id.as_str(), &[])
            .await
            .map_err(|e| e.without_secret(self.token()))
    }

    /// Downloads a file in two steps ([`GraphClient::media_info`], then
    /// [`GraphClient::download_media_from`]). Do it soon after the webhook: the address lasts
    /// minutes and the id days.
    pub async fn download_media(
        &self,
        media_id: &MediaId,
        max_bytes: u64,
    ) -> Result<DownloadedMedia, GraphError> {
        let info = self.media_info(media_id).await?;
        self.download_media_from(&info, max_bytes).await
    }

    /// Downloads the file `info` describes, with the access token.
    ///
    /// Refused, with the error's kind:
    /// * a declared size or a body over `max_bytes`: [`ErrorKind::MediaLimit`], before or while
    ///   reading (no more than `max_bytes` are ever held);
    /// * an address that is neither `https` nor the configured Graph origin (the token is never
    ///   sent in clear to anyone else): [`ErrorKind::InvalidParameter`];
    /// * an error status, or a JSON body (content type `application/json` or `text/javascript`
    ///   for a file that is not JSON, or any body that is a Graph error envelope where the file
    ///   was expected): the [`GraphError`] it holds (e.g. [`ErrorKind::Auth`]), or
    ///   [`ErrorKind::Decode`] when it holds none;
    /// * more or fewer bytes than `file_size`, or another SHA-256: [`ErrorKind::Integrity`]
    ///   (retryable: fetch a fresh address and download again).
    ///
    /// Every error is scrubbed of the access token (a media server that echoes the
    /// `Authorization` header into its error text does not get it into our logs).
    pub async fn download_media_from(
        &self,
        info: &MediaInfo,
        max_bytes: u64,
    ) -> Result<DownloadedMedia, GraphError> {
        self.timed(
            Endpoint::MediaDownload,
            self.download_unscrubbed(info, max_bytes),
        )
        .await
        .map_err(|e| e.without_secret(self.token()))
    }

    /// Streams the file `info` describes into `out`, chunk by chunk, hashing as it goes: never
    /// more than [`ERROR_BODY_CAP`] bytes of it are held in memory (the start, to recognise a
    /// Graph error posing as the file). The same checks as [`GraphClient::download_media_from`];
    /// on any error, what was written to `out` is not the file (the caller discards it).
    /// `out` is flushed before this returns; syncing it to disk is the caller's.
    pub async fn stream_media_to<W>(
        &self,
        info: &MediaInfo,
        max_bytes: u64,
        out: &mut W,
    ) -> Result<StreamedMedia, StreamError>
    where
        W: AsyncWrite + Unpin + Send,
    {
        self.timed(
            Endpoint::MediaDownload,
            self.stream_unscrubbed(info, max_bytes, out),
        )
        .await
        .map_err(|e| match e {
            StreamError::Graph(g) => StreamError::Graph(g.without_secret(self.token())),
            other => other,
        })
    }

    async fn download_unscrubbed(
        &self,
        info: &MediaInfo,
        max_bytes: u64,
    ) -> Result<DownloadedMedia, GraphError> {
        let mut bytes = Vec::new();
        let streamed = self
            .stream_unscrubbed(info, max_bytes, &mut bytes)
            .await
            .map_err(|e| match e {
                StreamError::Graph(g) => g,
                // Writing to memory does not fail.
                StreamError::Write(e) => GraphError::local(ErrorKind::Other, e.to_string()),
            })?;
        Ok(DownloadedMedia {
            bytes,
            mime_type: streamed.mime_type,
            sha256: streamed.sha256,
            file_size: streamed.file_size,
        })
    }

    async fn stream_unscrubbed<W>(
        &self,
        info: &MediaInfo,
        max_bytes: u64,
        out: &mut W,
    ) -> Result<StreamedMedia, StreamError>
    where
        W: AsyncWrite + Unpin + Send,
    {
        if info.file_size > max_bytes {
            return Err(too_large(info.file_size, max_bytes).into());
        }
        let url = self.download_url(&info.url)?;
        debug!(media_id = %info.id, bytes = info.file_size, "downloading media");
        let mut response = self
            .http()
            .get(url)
            .bearer_auth(self.token())
            .timeout(self.transfer_timeout(info.file_size))
            .send()
            .await
            .map_err(|e| GraphError::from_reqwest(&e))?;
        let status = response.status().as_u16();
        if !response.status().is_success() {
            let wait = retry_after(response.headers());
            let body = read_capped(response, ERROR_BODY_CAP).await;
            return Err(GraphError::from_response(status, wait, &body).into());
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(canonical_mime);
        if content_type.as_deref().is_some_and(is_json) && !declared_json(&info.mime_type) {
            let body = read_capped(response, ERROR_BODY_CAP).await;
            return Err(GraphError::from_error_body(status, &body)
                .unwrap_or_else(|| not_the_file(status, "JSON"))
                .into());
        }
        if let Some(length) = response.content_length() {
            if length > max_bytes {
                return Err(too_large(length, max_bytes).into());
            }
            if length > info.file_size {
                return Err(mismatch(
                    status,
                    format!(
                        "the download announces {length} bytes; Meta declared {}",
                        info.file_size
                    ),
                )
                .into());
            }
        }
        // The start of the body, kept to find a Graph error posing as the file.
        let mut head = Vec::new();
        let mut hasher = Sha256::new();
        let mut received: u64 = 0;
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| GraphError::from_reqwest(&e))?
        {
            received += chunk.len() as u64;
            let room = ERROR_BODY_CAP.saturating_sub(head.len());
            head.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if received > max_bytes {
                return Err(too_large(received, max_bytes).into());
            }
            if received > info.file_size {
                return Err(envelope_or(
                    &head,
                    received,
                    status,
                    format!(
                        "the download holds more than the {} bytes Meta declared",
                        info.file_size
                    ),
                )
                .into());
            }
            hasher.update(&chunk);
            out.write_all(&chunk).await.map_err(StreamError::Write)?;
        }
        out.flush().await.map_err(StreamError::Write)?;
        if received != info.file_size {
            return Err(envelope_or(
                &head,
                received,
                status,
                format!(
                    "the download holds {received} bytes; Meta declared {}",
                    info.file_size
                ),
            )
            .into());
        }
        let digest = hasher.finalize();
        if !same_digest(&info.sha256, &digest) {
            return Err(envelope_or(
                &head,
                received,
                status,
                format!(
                    "the download's SHA-256 is {}; Meta declared {}",
                    hex::encode(digest),
                    info.sha256.trim()
                ),
            )
            .into());
        }
        Ok(StreamedMedia {
            file_size: received,
            mime_type: info.mime_type.clone(),
            sha256: hex::encode(digest),
        })
    }

    /// The download address, if the token may be sent there.
    fn download_url(&self, raw: &str) -> Result<url::Url, GraphError> {
        let refused = |why: &str| {
            GraphError::local(
                ErrorKind::InvalidParameter,
                format!("the media download address {why}"),
            )
        };
        let url = url::Url::parse(raw).map_err(|_| refused("is not a URL"))?;
        match url.scheme() {
            "https" => Ok(url),
            "http" if self.is_graph_origin(&url) => Ok(url),
            _ => Err(refused(
                "is not https; the access token is not sent over it",
            )),
        }
    }
}

/// Reads at most `cap` bytes of a body; a body that breaks off yields what came.
async fn read_capped(mut response: reqwest::Response, cap: usize) -> Vec<u8> {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        let room = cap - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() == cap {
            break;
        }
    }
    body
}

fn is_json(essence: &str) -> bool {
    matches!(essence, "application/json" | "text/javascript") || essence.ends_with("+json")
}

/// Whether the file itself is JSON (a customer can send a `.json` document).
fn declared_json(mime: &str) -> bool {
    canonical_mime(mime).is_some_and(|m| is_json(&m))
}

fn too_large(size: u64, max_bytes: u64) -> GraphError {
    GraphError::local(
        ErrorKind::MediaLimit,
        format!("the file is {size} bytes; at most {max_bytes} bytes are downloaded"),
    )
}

fn not_the_file(status: u16, what: &str) -> GraphError {
    let mut err = GraphError::local(
        ErrorKind::Decode,
        format!("the media server answered {what} instead of the file"),
    );
    err.http_status = Some(status);
    err
}

fn mismatch(status: u16, message: String) -> GraphError {
    let mut err = GraphError::local(ErrorKind::Integrity, message);
    err.http_status = Some(status);
    err
}

/// The Graph error a wrong body holds (a JSON error posing as the file), else an integrity error.
/// `head` is the body's start; `total` its whole length.
fn envelope_or(head: &[u8], total: u64, status: u16, message: String) -> GraphError {
    if total <= ERROR_BODY_CAP as u64
        && let Some(err) = GraphError::from_error_body(status, head)
    {
        return err;
    }
    mismatch(status, message)
}

/// Compares a declared SHA-256 (hex, as `GET /{media-id}` gives it; or base64, as webhooks do)
/// with the computed one.
fn same_digest(declared: &str, digest: &[u8]) -> bool {
    let declared = declared.trim();
    if declared.len() == 64 && declared.bytes().all(|b| b.is_ascii_hexdigit()) {
        return declared.eq_ignore_ascii_case(&hex::encode(digest));
    }
    let ours = base64(digest);
    let normalised: String = declared
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    normalised == ours.trim_end_matches('=')
}

/// Standard base64 with padding (how Meta may write a file's SHA-256).
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_compare_in_hex_and_base64() {
        let digest = Sha256::digest(b"hello");
        let hex_form = hex::encode(digest);
        assert!(same_digest(&hex_form, &digest));
        assert!(same_digest(&hex_form.to_uppercase(), &digest));
        assert!(same_digest(&base64(&digest), &digest));
        assert!(same_digest(base64(&digest).trim_end_matches('='), &digest));
        assert!(!same_digest(
            &hex::encode(Sha256::digest(b"other")),
            &digest
        ));
        assert!(!same_digest("", &digest));
    }

    #[test]
    fn json_content_types() {
        assert!(is_json("application/json"));
        assert!(is_json("text/javascript"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("image/jpeg"));
        assert!(declared_json("application/json; charset=utf-8"));
        assert!(!declared_json("application/pdf"));
    }
}
