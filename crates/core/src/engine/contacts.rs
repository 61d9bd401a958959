//! The engine's contacts workspace and quick replies, for the app: labels, notes, the owner's
//! name, pin / archive / unread, block through the Cloud API, the contact panel, saved replies.

use super::{Engine, EngineError};
use crate::contacts::store::Flag;
use crate::contacts::{
    ContactEntry, ContactFilter, LabelView, NoteView, block, ops, panel::ContactPanel,
};
use crate::quick_replies::{QuickReplyView, store as replies};

impl Engine {
    pub async fn contact_entries(
        &self,
        filter: ContactFilter,
    ) -> Result<Vec<ContactEntry>, EngineError> {
        Ok(ops::entries(&self.store, filter).await?)
    }

    pub async fn contact_panel(&self, wa_id: String) -> Result<ContactPanel, EngineError> {
        Ok(ops::panel(&self.store, wa_id).await?)
    }

    pub async fn labels(&self) -> Result<Vec<LabelView>, EngineError> {
        Ok(ops::labels(&self.store).await?)
    }

    pub async fn save_label(
        &self,
        name: String,
        color: Option<String>,
    ) -> Result<Vec<LabelView>, EngineError> {
        Ok(ops::save_label(&self.store, name, color).await?)
    }

    pub async fn edit_label(
        &self,
        id: i64,
        name: String,
        color: String,
    ) -> Result<Vec<LabelView>, EngineError> {
        Ok(ops::edit_label(&self.store, id, name, color).await?)
    }

    pub async fn delete_label(&self, id: i64) -> Result<Vec<LabelView>, EngineError> {
        Ok(ops::delete_label(&self.store, id).await?)
    }

    /// Puts `label` on every chat of `contacts` (or takes it off).
    pub async fn set_label(
        &self,
        contacts: Vec<String>,
        label: String,
        on: bool,
    ) -> Result<usize, EngineError> {
        Ok(ops::set_label(&self.store, contacts, label, on).await?)
    }

    pub async fn add_note(&self, wa_id: String, text: String) -> Result<NoteView, EngineError> {
        Ok(ops::add_note(&self.store, wa_id, text).await?)
    }

    pub async fn edit_note(&self, id: i64, text: String) -> Result<(), EngineError> {
        Ok(ops::edit_note(&self.store, id, text).await?)
    }

    pub async fn delete_note(&self, id: i64) -> Result<(), EngineError> {
        Ok(ops::delete_note(&self.store, id).await?)
    }

    pub async fn set_custom_name(
        &self,
        wa_id: String,
        name: Option<String>,
    ) -> Result<(), EngineError> {
        Ok(ops::set_custom_name(&self.store, wa_id, name).await?)
    }

    /// Pins, archives or marks unread each of `contacts` (or the reverse).
    pub async fn set_contact_flag(
        &self,
        contacts: Vec<String>,
        flag: Flag,
        on: bool,
    ) -> Result<(), EngineError> {
        for wa_id in contacts {
            ops::set_flag(&self.store, &wa_id, flag, on).await?;
        }
        Ok(())
    }

    /// Blocks or unblocks `wa_id` on WhatsApp, then marks the contact.
    pub async fn set_blocked(&self, wa_id: String, on: bool) -> Result<ContactEntry, EngineError> {
        Ok(block::set_blocked(&self.store, &self.graph, &self.phone_number_id, &wa_id, on).await?)
    }

    pub async fn quick_replies(&self) -> Result<Vec<QuickReplyView>, EngineError> {
        Ok(replies::list(&self.store, self.media_dir.clone()).await?)
    }

    /// Saves a reply; `file` is a path on this computer (copied in), `Some(None)` drops the file.
    pub async fn save_quick_reply(
        &self,
        shortcut: String,
        text: String,
        file: Option<Option<std::path::PathBuf>>,
        replace: bool,
    ) -> Result<QuickReplyView, EngineError> {
        let file = match file {
            Some(Some(path)) => {
                let bytes = tokio::fs::read(&path).await?;
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "file".to_owned());
                Some(Some(replies::NewFile { name, bytes }))
            }
            Some(None) => Some(None),
            None => None,
        };
        Ok(replies::save(
            &self.store,
            self.media_dir.clone(),
            &shortcut,
            &text,
            file,
            replace,
        )
        .await?)
    }

    pub async fn remove_quick_reply(&self, shortcut: String) -> Result<(), EngineError> {
        Ok(replies::remove(&self.store, &shortcut).await?)
    }

    /// The reply `/shortcut` with its variables filled for the chat with `wa_id`.
    pub async fn render_quick_reply(
        &self,
        shortcut: String,
        wa_id: String,
    ) -> Result<QuickReplyView, EngineError> {
        Ok(replies::render_for(&self.store, self.media_dir.clone(), &shortcut, &wa_id).await?)
    }
}
