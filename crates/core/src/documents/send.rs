//! Sending a document in its customer's chat: its PDF as a WhatsApp document, or, outside the
//! 24-hour window, as the DOCUMENT header of an approved template.

use std::path::Path;

use shopchat_documents::{self as engine, Kind, Lang};

use super::texts::TEXTS;
use super::{
    DocumentStatus, DocumentsError, check_files, files, records, requests, show, write_files,
};
use crate::compose::{Attachment, Compose, SendRequest};
use crate::i18n::say;
use crate::store::Store;
use crate::views::MessageView;

/// An approved template with a DOCUMENT header to carry a document outside the customer's
/// 24-hour window: its name and language code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateChoice {
    pub name: String,
    pub language: String,
    /// The body's values as the owner typed them; `None` fills them from the document.
    pub parameters: Option<Vec<String>>,
}

/// Sends a document's PDF in the chat (a WhatsApp document with its number as the file name
/// and a caption) through the outbox; the document then follows the message's status. A
/// missing or altered file is made again from the record first. Outside the customer's
/// 24-hour window it is refused (`outside_window`) before any request, unless it goes as the
/// DOCUMENT header of an approved `template` (whose body, if it takes any, gets the customer's
/// name, the document's title and its number, in that order).
pub async fn send(
    store: &Store,
    store_dir: &Path,
    media_dir: &Path,
    id_or_number: &str,
    caption: Option<String>,
    template: Option<TemplateChoice>,
) -> Result<MessageView, DocumentsError> {
    let doc = show(store, store_dir, id_or_number).await?;
    if !doc.summary.status_sendable() && doc.summary.status != DocumentStatus::Issuing {
        return Err(DocumentsError::Invalid(say(
            TEXTS,
            "documents.send_cancelled",
            &[("number", &doc.summary.number)],
        )));
    }
    if matches!(doc.summary.status, DocumentStatus::Issuing) {
        write_files(store, store_dir, doc.summary.id).await?;
    }
    let [_, (pdf, state)] = check_files(store, store_dir, &doc.summary.id.to_string()).await?;
    if state != files::FileCheck::Ok {
        write_files(store, store_dir, doc.summary.id).await?;
    }
    let bytes = tokio::fs::read(store_dir.join(&pdf)).await?;
    let labels = engine::Labels::for_lang(Lang::parse(&doc.summary.lang).unwrap_or_default());
    let kind = Kind::parse(&doc.summary.kind).unwrap_or(Kind::Invoice);
    let title = labels.title(kind);
    let caption = caption.unwrap_or_else(|| format!("{title} {}", doc.summary.number));
    let file = Attachment {
        kind: Some(wacloud::MediaKind::Document),
        filename: format!("{}.pdf", engine::file_stem(&doc.summary.number)),
        mime_type: Some("application/pdf".into()),
        bytes,
        caption: Some(caption),
    };
    let (id, contact, kind) = (
        doc.summary.id,
        doc.summary.contact.clone(),
        doc.summary.kind.clone(),
    );
    let noted = move |ctx: &mut crate::store::WriteCtx<'_>, message: &MessageView| {
        records::set_message(ctx.conn, id, message.id)?;
        requests::resolve(ctx.conn, &contact, Some(&kind))?;
        Ok(())
    };
    if let Some(t) = template {
        let customer = doc
            .summary
            .contact_name
            .clone()
            .unwrap_or_else(|| format!("+{}", doc.summary.contact));
        let values = [customer, title.to_lowercase(), doc.summary.number.clone()];
        let (n, l) = (t.name.clone(), t.language.clone());
        let takes = store
            .read(move |c| crate::store::templates::get(c, &n, &l))
            .await?
            .map(|stored| crate::templates::view(&stored).parameters.len())
            .unwrap_or(0);
        if takes > values.len() && t.parameters.is_none() {
            return Err(DocumentsError::Invalid(say(
                TEXTS,
                "documents.template_params",
                &[("name", &t.name), ("takes", &takes.to_string())],
            )));
        }
        let parameters = match &t.parameters {
            Some(given) => given.clone(),
            None => values[..takes].to_vec(),
        };
        let file = Attachment {
            caption: None,
            ..file
        };
        return Ok(crate::compose::queue_template_with_file(
            store,
            media_dir,
            &doc.summary.contact,
            &t.name,
            &t.language,
            &parameters,
            file,
            noted,
        )
        .await?);
    }
    let request = SendRequest {
        to: doc.summary.contact.clone(),
        what: Compose::File(file),
        reply_to: None,
    };
    Ok(crate::compose::queue_then(store, media_dir, request, noted).await?)
}
