//! The templates studio's engine side: check, create (and add a language), edit, delete, a
//! synced template as a draft, the ready-made library, and the header sample upload.

use serde::{Deserialize, Serialize};
use shopchat_template_rules::{Draft, Header, MediaKind, Problem};
use ts_rs::TS;
use wacloud::WabaId;
use wacloud::templates::{TemplateCategory, TemplateEdit};

use super::{Engine, EngineError};
use crate::events::DomainEvent;
use crate::i18n::say;
use crate::store::templates::{self as stored, StoredTemplate};
use crate::store::{StoreError, now_ms};
use crate::templates::library::{self, LibraryTemplate};
use crate::templates::texts::TEXTS;
use crate::templates::{studio, view};
use crate::views::TemplateView;

/// Why a studio request was refused; `code()` is what the UI branches on.
#[derive(Debug, thiserror::Error)]
pub enum StudioError {
    /// The draft breaks Meta's rules (or its name is taken): `invalid_template`.
    #[error("{}", studio::describe(.0))]
    Invalid(Vec<Problem>),
    /// Meta would refuse the edit: `template_not_editable` or `template_edit_limit`.
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    #[error("{}", say(TEXTS, "templates.not_found", &[("name", .name), ("language", .language)]))]
    NotFound { name: String, language: String },
    #[error("{}", say(TEXTS, "templates.no_app_id", &[]))]
    NoAppId,
    #[error("{0}")]
    BadSample(String),
    #[error("{}", say(TEXTS, "templates.refused", &[("error", &.0.to_string())]))]
    Graph(#[from] wacloud::GraphError),
}

impl StudioError {
    /// The stable code of the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid_template",
            Self::Refused { code, .. } => code,
            Self::NotFound { .. } => "not_found",
            Self::NoAppId => "no_app_id",
            Self::BadSample(_) => "invalid_input",
            Self::Graph(g) if g.kind == wacloud::ErrorKind::Auth => "auth_expired",
            Self::Graph(_) => "refused",
        }
    }
}

/// A header sample uploaded: its handle for the draft's media header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateSample {
    pub handle: String,
    pub media: MediaKind,
}

/// A one-page PDF, the sample of a document header when the owner gives none.
const SAMPLE_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

fn category(c: shopchat_template_rules::Category) -> TemplateCategory {
    use shopchat_template_rules::Category as C;
    match c {
        C::Marketing => TemplateCategory::Marketing,
        C::Utility => TemplateCategory::Utility,
        C::Authentication => TemplateCategory::Authentication,
    }
}

impl Engine {
    fn waba(&self) -> Result<WabaId, EngineError> {
        let waba = self.waba_id.clone().ok_or(EngineError::NoBusinessAccount)?;
        WabaId::parse(&waba).map_err(|e| {
            crate::templates::TemplateError::BadAccount(waba.clone(), e.to_string()).into()
        })
    }

    async fn stored_template(
        &self,
        name: &str,
        language: &str,
    ) -> Result<Option<StoredTemplate>, EngineError> {
        let (n, l) = (name.to_owned(), language.to_owned());
        Ok(self.store.read(move |c| stored::get(c, &n, &l)).await?)
    }

    /// Meta's rules on `draft`, and `name_taken` when that name and language exist.
    pub async fn check_template(&self, draft: &Draft) -> Result<Vec<Problem>, EngineError> {
        let taken = self
            .stored_template(&draft.name, &draft.language)
            .await?
            .is_some();
        Ok(studio::problems(draft, taken))
    }

    /// Submits `draft` for review (another language of a template: the same name, another
    /// language); the template is stored `PENDING` and watched until Meta decides.
    pub async fn create_template(&self, draft: &Draft) -> Result<TemplateView, EngineError> {
        let problems = self.check_template(draft).await?;
        if !problems.is_empty() {
            return Err(StudioError::Invalid(problems).into());
        }
        let waba = self.waba()?;
        let draft = if studio::needs_sample(draft) {
            let sample = self
                .upload_template_sample("sample.pdf", "application/pdf", SAMPLE_PDF.to_vec())
                .await?;
            studio::with_sample_handle(draft, &sample.handle)
        } else {
            draft.clone()
        };
        let request = draft.to_request().map_err(StudioError::Invalid)?;
        let created = self
            .graph
            .create_template(&waba, &request)
            .await
            .map_err(StudioError::Graph)?;
        let raw = serde_json::json!({
            "id": created.id, "name": request.name, "language": request.language,
            "status": created.status.as_str(), "category": created.category.as_str(),
            "parameter_format": request.parameter_format, "components": request.components,
        });
        let now = now_ms();
        let row = StoredTemplate {
            name: request.name.clone(),
            language: request.language.clone(),
            id: created.id.clone(),
            status: created.status.as_str().to_owned(),
            category: Some(created.category.as_str().to_owned()),
            raw: raw.to_string(),
            synced_at: now,
            updated_at: Some(now),
            ..StoredTemplate::default()
        };
        let template = self.save_template(None, row).await?;
        self.template_watch.wake();
        Ok(template)
    }

    /// Writes a template the app changed and announces it.
    async fn save_template(
        &self,
        before: Option<String>,
        row: StoredTemplate,
    ) -> Result<TemplateView, EngineError> {
        Ok(self
            .store
            .writer()
            .call(move |ctx| {
                stored::save(ctx.conn, None, &row)?;
                let template = view(&row);
                ctx.emit(DomainEvent::TemplateUpdated {
                    template: template.clone(),
                    previous_status: before,
                });
                Ok::<_, StoreError>(template)
            })
            .await?)
    }

    /// Meta's edit of the template `name` in `language` (`POST /{template-id}`), refused before
    /// asking where Meta would refuse it. An empty media handle keeps the current sample.
    pub async fn edit_template(
        &self,
        name: &str,
        language: &str,
        draft: &Draft,
    ) -> Result<TemplateView, EngineError> {
        let current =
            self.stored_template(name, language)
                .await?
                .ok_or_else(|| StudioError::NotFound {
                    name: name.to_owned(),
                    language: language.to_owned(),
                })?;
        let mut draft = draft.clone();
        draft.name = name.to_owned();
        draft.language = language.to_owned();
        if let Some(Header::Media { handle, .. }) = &mut draft.header
            && handle.trim().is_empty()
            && let Some(kept) = studio::stored_handle(&current)
        {
            *handle = kept;
        }
        let id = current.id.clone();
        let since = now_ms() - 30 * studio::DAY_MS;
        let edits = {
            let id = id.clone();
            self.store
                .read(move |c| stored::edits_since(c, &id, since))
                .await?
        };
        if let Some((code, message)) = studio::edit_refusal(&current, &draft, &edits, now_ms()) {
            return Err(StudioError::Refused { code, message }.into());
        }
        let problems = studio::problems(&draft, false);
        if !problems.is_empty() {
            return Err(StudioError::Invalid(problems).into());
        }
        let draft = if studio::needs_sample(&draft) {
            let sample = self
                .upload_template_sample("sample.pdf", "application/pdf", SAMPLE_PDF.to_vec())
                .await?;
            studio::with_sample_handle(&draft, &sample.handle)
        } else {
            draft
        };
        let request = draft.to_request().map_err(StudioError::Invalid)?;
        let new_category = category(draft.category);
        let changes_category = current.category.as_deref() != Some(new_category.as_str());
        let edit = TemplateEdit {
            category: changes_category.then_some(new_category.clone()),
            components: request.components.clone(),
        };
        self.graph
            .edit_template(&id, &edit)
            .await
            .map_err(StudioError::Graph)?;
        let was_approved = current.status == "APPROVED";
        let mut row = current.clone();
        let mut raw: serde_json::Value =
            serde_json::from_str(&row.raw).unwrap_or_else(|_| serde_json::json!({}));
        raw["components"] = serde_json::to_value(&request.components).unwrap_or_default();
        raw["status"] = "PENDING".into();
        raw["category"] = new_category.as_str().into();
        row.raw = raw.to_string();
        row.status = "PENDING".to_owned();
        row.category = Some(new_category.as_str().to_owned());
        row.rejected_reason = None;
        row.updated_at = Some(now_ms());
        let before = current.status.clone();
        let template = self
            .store
            .writer()
            .call(move |ctx| {
                if was_approved {
                    stored::record_edit(ctx.conn, &row.id, now_ms())?;
                }
                stored::save(ctx.conn, None, &row)?;
                let template = view(&row);
                ctx.emit(DomainEvent::TemplateUpdated {
                    template: template.clone(),
                    previous_status: Some(before),
                });
                Ok::<_, StoreError>(template)
            })
            .await?;
        self.template_watch.wake();
        Ok(template)
    }

    /// Deletes `name` in `language` (every language when `None`) at Meta and here; returns the
    /// templates left.
    pub async fn delete_template(
        &self,
        name: &str,
        language: Option<&str>,
    ) -> Result<Vec<TemplateView>, EngineError> {
        let waba = self.waba()?;
        let hsm_id = match language {
            Some(l) => Some(
                self.stored_template(name, l)
                    .await?
                    .ok_or_else(|| StudioError::NotFound {
                        name: name.to_owned(),
                        language: l.to_owned(),
                    })?
                    .id,
            ),
            None => None,
        };
        self.graph
            .delete_template(&waba, name, hsm_id.as_deref())
            .await
            .map_err(StudioError::Graph)?;
        let (n, l) = (name.to_owned(), language.map(str::to_owned));
        self.store
            .writer()
            .call(move |ctx| {
                stored::remove(ctx.conn, &n, l.as_deref())?;
                ctx.emit(DomainEvent::TemplateDeleted {
                    name: n,
                    language: l,
                });
                Ok::<_, StoreError>(())
            })
            .await?;
        self.templates().await
    }

    /// A synced template as an editable draft (edit, duplicate, add a language).
    pub async fn template_draft(&self, name: &str, language: &str) -> Result<Draft, EngineError> {
        let stored =
            self.stored_template(name, language)
                .await?
                .ok_or_else(|| StudioError::NotFound {
                    name: name.to_owned(),
                    language: language.to_owned(),
                })?;
        Ok(studio::draft_of(&stored))
    }

    /// The ready shop templates in `language` with `shop_name` filled in.
    pub fn template_library(&self, shop_name: &str, language: &str) -> Vec<LibraryTemplate> {
        library::library(shop_name, language)
    }

    /// Uploads a media header's sample through the Resumable Upload API.
    pub async fn upload_template_sample(
        &self,
        filename: &str,
        mime_type: &str,
        bytes: Vec<u8>,
    ) -> Result<TemplateSample, EngineError> {
        let mime = crate::store::media::essence(mime_type).to_ascii_lowercase();
        let media = match mime.as_str() {
            "application/pdf" => MediaKind::Document,
            "image/jpeg" | "image/jpg" | "image/png" => MediaKind::Image,
            "video/mp4" => MediaKind::Video,
            other => {
                return Err(StudioError::BadSample(say(
                    TEXTS,
                    "templates.bad_sample",
                    &[("mime", other)],
                ))
                .into());
            }
        };
        let app_id = self.app_id().ok_or(StudioError::NoAppId)?;
        let name = crate::inert::clean_file_name(filename);
        let handle = self
            .graph
            .upload_sample(&app_id, &name, &mime, bytes)
            .await
            .map_err(StudioError::Graph)?;
        Ok(TemplateSample { handle, media })
    }

    /// The Meta app's id: the sandbox's, else `app_id` in the settings.
    fn app_id(&self) -> Option<String> {
        if let Some(id) = super::sandbox_mode::app_id(self.sandbox.as_ref()) {
            return Some(id.to_owned());
        }
        crate::settings::Settings::load(&crate::settings::Settings::file(&self.data_dir))
            .ok()?
            .app_id
            .filter(|a| !a.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::StudioError;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn a_studio_refusal_is_said_in_the_owners_language() {
        let missing = StudioError::NotFound {
            name: "order_ready".into(),
            language: "es".into(),
        };
        assert_eq!(
            missing.to_string(),
            "there is no template \"order_ready\" in es"
        );
        assert_eq!(
            with_lang(Lang::Es, || missing.to_string()),
            "no hay ninguna plantilla “order_ready” en es"
        );
        assert!(
            with_lang(Lang::Es, || StudioError::NoAppId.to_string())
                .starts_with("falta el ID de la app de Meta")
        );
    }
}
