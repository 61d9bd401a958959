//! Before a file message is sent, its file is uploaded (`POST /{phone-number-id}/media`) and the
//! queued payload gets the media id. The id is recorded with the row, so a retry of the send
//! does not upload again. Uploading twice is harmless (Meta keeps an unused file a few weeks), so
//! an upload cut off mid-way is simply tried again, unlike a send.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;
use wacloud::send::MediaKind;
use wacloud::{ErrorKind, GraphClient, GraphError, PhoneNumberId};

use super::texts::TEXTS;
use crate::compose::PENDING_UPLOAD_ID;
use crate::events::DomainEvent;
use crate::i18n::say;
use crate::media::files;
use crate::store::media::{self, PendingUpload};
use crate::store::{Store, StoreError, messages, now_ms, outbox};

/// The payload to send: `payload` itself, or with the uploaded file's id once it is uploaded.
pub(super) async fn prepare(
    store: &Store,
    graph: &GraphClient,
    phone_number_id: &PhoneNumberId,
    media_dir: &Path,
    id: i64,
    contact: &str,
    payload: String,
) -> Result<String, GraphError> {
    let pending = store
        .read(move |c| media::pending_upload(c, id))
        .await
        .map_err(store_error)?;
    let Some(upload) = pending else {
        return Ok(payload);
    };
    let media_id = upload_file(
        store,
        graph,
        phone_number_id,
        media_dir,
        id,
        contact,
        &upload,
    )
    .await?;
    let patched = with_media_id(&payload, upload.kind.as_str(), &media_id)?;
    let (stored, mid) = (patched.clone(), media_id.clone());
    store
        .writer()
        .call(move |ctx| {
            media::set_uploaded(ctx.conn, id, &mid, now_ms())?;
            outbox::set_payload(ctx.conn, id, &stored)?;
            let message = messages::get(ctx.conn, id)?;
            ctx.emit(DomainEvent::MessageUpdated { message });
            Ok::<_, StoreError>(())
        })
        .await
        .map_err(store_error)?;
    Ok(patched)
}

async fn upload_file(
    store: &Store,
    graph: &GraphClient,
    phone_number_id: &PhoneNumberId,
    media_dir: &Path,
    id: i64,
    contact: &str,
    upload: &PendingUpload,
) -> Result<String, GraphError> {
    let path = files::resolve(media_dir, &upload.path).ok_or_else(|| {
        GraphError::local(
            ErrorKind::InvalidParameter,
            say(
                TEXTS,
                "outbox.file_path_invalid",
                &[("path", &crate::compose::texts::quoted(&upload.path))],
            ),
        )
    })?;
    let bytes = tokio::fs::read(&path).await.map_err(|e| {
        GraphError::local(
            ErrorKind::InvalidParameter,
            say(
                TEXTS,
                "outbox.file_unreadable",
                &[
                    ("path", &path.display().to_string()),
                    ("error", &e.to_string()),
                ],
            ),
        )
    })?;
    let kind = MediaKind::ALL
        .into_iter()
        .find(|k| k.as_str() == upload.kind.as_str())
        .expect("the five media kinds");
    // Progress for the GUI's bar: at most every 5% (and the last piece).
    let total = bytes.len() as u64;
    let last = Arc::new(AtomicU64::new(0));
    let (events, contact) = (store.clone(), contact.to_owned());
    let on_progress = move |sent: u64, total: u64| {
        let step = (total / 20).max(1);
        let before = last.load(Ordering::Relaxed);
        if sent == total || sent >= before + step {
            last.store(sent, Ordering::Relaxed);
            events.publish(DomainEvent::UploadProgress {
                id,
                contact: contact.clone(),
                sent,
                total,
            });
        }
    };
    let result = graph
        .upload_media_with_progress(
            phone_number_id,
            kind,
            bytes,
            &upload.mime_type,
            &upload.filename,
            on_progress,
        )
        .await;
    match result {
        Ok(media_id) => Ok(media_id.as_str().to_owned()),
        Err(mut e) => {
            tracing::warn!(message = id, total, error = %e, "outbox: upload failed");
            // An upload that may have reached Meta is not a send that may have: upload again.
            if e.may_have_been_delivered() {
                e.kind = ErrorKind::Network;
            }
            if !e.kind.is_retryable() && e.kind != ErrorKind::Auth {
                let reason = e.to_string();
                let _ = store
                    .writer()
                    .call(move |ctx| media::set_upload_failed(ctx.conn, id, &reason, now_ms()))
                    .await;
            }
            Err(e)
        }
    }
}

/// `payload` with the file's `id` in its media object (`{"image": {"id": ...}}`).
fn with_media_id(payload: &str, kind: &str, media_id: &str) -> Result<String, GraphError> {
    let bad = |what: &str| {
        GraphError::local(
            ErrorKind::Decode,
            say(TEXTS, "outbox.queued_unreadable", &[("reason", what)]),
        )
    };
    let mut v: Value = serde_json::from_str(payload).map_err(|e| bad(&e.to_string()))?;
    // A template carries its file in its header's parameter.
    let object = if v["type"] == "template" {
        v.get_mut("template")
            .and_then(|t| t.get_mut("components"))
            .and_then(Value::as_array_mut)
            .and_then(|cs| cs.iter_mut().find(|c| c["type"] == "header"))
            .and_then(|h| h.get_mut("parameters"))
            .and_then(Value::as_array_mut)
            .and_then(|ps| ps.first_mut())
            .and_then(|p| p.get_mut(kind))
    } else {
        v.get_mut(kind)
    }
    .and_then(Value::as_object_mut)
    .ok_or_else(|| bad(&format!("no {kind} object")))?;
    if object.get("id").and_then(Value::as_str) != Some(PENDING_UPLOAD_ID) {
        return Err(bad("its file is not waiting for an upload"));
    }
    object.insert("id".into(), Value::String(media_id.to_owned()));
    serde_json::to_string(&v).map_err(|e| bad(&e.to_string()))
}

fn store_error(e: StoreError) -> GraphError {
    GraphError::local(
        ErrorKind::Server,
        say(TEXTS, "outbox.database", &[("error", &e.to_string())]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uploaded_id_replaces_the_placeholder() {
        let payload = format!(
            r#"{{"messaging_product":"whatsapp","to":"1555","type":"image","image":{{"id":"{PENDING_UPLOAD_ID}","caption":"c"}}}}"#
        );
        let out: Value =
            serde_json::from_str(&with_media_id(&payload, "image", "987").unwrap()).unwrap();
        assert_eq!(out["image"]["id"], "987");
        assert_eq!(out["image"]["caption"], "c");
        assert!(
            with_media_id(&out.to_string(), "image", "1").is_err(),
            "only a placeholder is replaced"
        );
        assert!(with_media_id(&payload, "video", "1").is_err());
    }

    #[test]
    fn a_template_gets_the_id_in_its_header() {
        let payload = format!(
            r#"{{"messaging_product":"whatsapp","to":"1555","type":"template","template":{{"name":"document_ready","language":{{"code":"en"}},"components":[{{"type":"header","parameters":[{{"type":"document","document":{{"id":"{PENDING_UPLOAD_ID}","filename":"INV-2026-0001.pdf"}}}}]}},{{"type":"body","parameters":[{{"type":"text","text":"Ana"}}]}}]}}}}"#
        );
        let out: Value =
            serde_json::from_str(&with_media_id(&payload, "document", "555").unwrap()).unwrap();
        let header = &out["template"]["components"][0]["parameters"][0]["document"];
        assert_eq!(header["id"], "555");
        assert_eq!(header["filename"], "INV-2026-0001.pdf");
    }
}
