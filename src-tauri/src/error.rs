//! Errors as the UI sees them: `{ code, message }`, with codes the UI branches on.

use serde::Serialize;
use shopchat_core::broadcasts::BroadcastError;
use shopchat_core::documents::DocumentsError;
use shopchat_core::export::ExportError;
use shopchat_core::links::LinksError;
use shopchat_core::outbox::SendError;
use shopchat_core::{EngineError, StoreError};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorCode {
    InvalidInput,
    NotSandbox,
    NotFound,
    Storage,
    OutsideWindow,
    AuthExpired,
    RateLimited,
    /// WhatsApp blocks only someone who wrote in the last 24 hours.
    NotRecent,
    /// WhatsApp refused the request (a block or unblock, a template).
    Refused,
    Internal,
    /// A template draft breaks Meta's rules; the message lists the problems.
    InvalidTemplate,
    /// Meta does not let this template be edited (its status, an approved one's category).
    TemplateNotEditable,
    /// An approved template was edited in the last 24 hours, or 10 times in 30 days.
    TemplateEditLimit,
    /// The Meta app id is not set (a header sample is uploaded to the app).
    NoAppId,
}

/// A failed command. `message` is a sentence for the shop owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ApiErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ApiErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<EngineError> for ApiError {
    fn from(e: EngineError) -> Self {
        let code = match &e {
            EngineError::Send(SendError::Invalid(_)) => ApiErrorCode::InvalidInput,
            EngineError::Send(SendError::OutsideWindow { .. }) => ApiErrorCode::OutsideWindow,
            EngineError::NotSandbox => ApiErrorCode::NotSandbox,
            EngineError::Store(StoreError::NotFound(_))
            | EngineError::Send(SendError::Store(StoreError::NotFound(_))) => {
                ApiErrorCode::NotFound
            }
            EngineError::Store(_) | EngineError::Send(SendError::Store(_)) => ApiErrorCode::Storage,
            EngineError::Documents(d) => match d {
                DocumentsError::Invalid(_) | DocumentsError::Document(_) => {
                    ApiErrorCode::InvalidInput
                }
                DocumentsError::NotFound(_) | DocumentsError::Store(StoreError::NotFound(_)) => {
                    ApiErrorCode::NotFound
                }
                DocumentsError::Send(SendError::OutsideWindow { .. }) => {
                    ApiErrorCode::OutsideWindow
                }
                DocumentsError::Send(SendError::Invalid(_)) => ApiErrorCode::InvalidInput,
                DocumentsError::Store(_) | DocumentsError::Io(_) => ApiErrorCode::Storage,
                DocumentsError::Send(_) => ApiErrorCode::Internal,
            },
            EngineError::Links(l) => match l {
                LinksError::Invalid(_) => ApiErrorCode::InvalidInput,
                LinksError::NotFound(_) | LinksError::Store(StoreError::NotFound(_)) => {
                    ApiErrorCode::NotFound
                }
                LinksError::Store(_) => ApiErrorCode::Storage,
            },
            EngineError::Export(x) => match x {
                ExportError::UnknownContact(_) => ApiErrorCode::NotFound,
                ExportError::Invalid(_) => ApiErrorCode::InvalidInput,
                ExportError::Store(_) | ExportError::Io { .. } | ExportError::Format(_) => {
                    ApiErrorCode::Storage
                }
            },
            EngineError::Contacts(c) => {
                use shopchat_core::contacts::ContactsError as C;
                match c {
                    C::NoContact(_) | C::NoLabel(_) | C::NoNote(_) => ApiErrorCode::NotFound,
                    C::Invalid(_) => ApiErrorCode::InvalidInput,
                    C::NotRecent(..) => ApiErrorCode::NotRecent,
                    C::Graph(_) => ApiErrorCode::Refused,
                    C::Store(_) => ApiErrorCode::Storage,
                }
            }
            EngineError::QuickReplies(q) => {
                use shopchat_core::quick_replies::QuickReplyError as Q;
                match q {
                    Q::Invalid(_) | Q::Exists(_) | Q::File(_) => ApiErrorCode::InvalidInput,
                    Q::NotFound(_) => ApiErrorCode::NotFound,
                    Q::Store(_) => ApiErrorCode::Storage,
                }
            }
            EngineError::Studio(s) => match s.code() {
                "invalid_template" => ApiErrorCode::InvalidTemplate,
                "template_not_editable" => ApiErrorCode::TemplateNotEditable,
                "template_edit_limit" => ApiErrorCode::TemplateEditLimit,
                "not_found" => ApiErrorCode::NotFound,
                "no_app_id" => ApiErrorCode::NoAppId,
                "invalid_input" => ApiErrorCode::InvalidInput,
                "auth_expired" => ApiErrorCode::AuthExpired,
                _ => ApiErrorCode::Refused,
            },
            EngineError::Broadcasts(b) => match b {
                BroadcastError::Invalid(_) | BroadcastError::OverBudget { .. } => {
                    ApiErrorCode::InvalidInput
                }
                BroadcastError::NotFound(_) => ApiErrorCode::NotFound,
                BroadcastError::Store(_) => ApiErrorCode::Storage,
            },
            _ => ApiErrorCode::Internal,
        };
        Self::new(code, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_is_pinned() {
        let e = ApiError::new(ApiErrorCode::OutsideWindow, "Use a template");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "outside_window", "message": "Use a template"})
        );
        let codes = [
            (ApiErrorCode::InvalidInput, "invalid_input"),
            (ApiErrorCode::NotSandbox, "not_sandbox"),
            (ApiErrorCode::NotFound, "not_found"),
            (ApiErrorCode::Storage, "storage"),
            (ApiErrorCode::AuthExpired, "auth_expired"),
            (ApiErrorCode::RateLimited, "rate_limited"),
            (ApiErrorCode::NotRecent, "not_recent"),
            (ApiErrorCode::Refused, "refused"),
            (ApiErrorCode::Internal, "internal"),
            (ApiErrorCode::InvalidTemplate, "invalid_template"),
            (ApiErrorCode::TemplateNotEditable, "template_not_editable"),
            (ApiErrorCode::TemplateEditLimit, "template_edit_limit"),
            (ApiErrorCode::NoAppId, "no_app_id"),
        ];
        for (code, name) in codes {
            assert_eq!(serde_json::to_value(code).unwrap(), name);
        }
    }

    #[test]
    fn contact_errors_map_to_codes() {
        use shopchat_core::contacts::ContactsError;
        let old: ApiError = EngineError::Contacts(ContactsError::NotRecent(
            "15550100001".into(),
            "never".into(),
        ))
        .into();
        assert_eq!(old.code, ApiErrorCode::NotRecent);
        assert!(old.message.contains("24 hours"), "{}", old.message);
        let refused: ApiError =
            EngineError::Contacts(ContactsError::Graph("Blocklist limit reached".into())).into();
        assert_eq!(refused.code, ApiErrorCode::Refused);
        let none: ApiError = EngineError::Contacts(ContactsError::NoLabel("VIP".into())).into();
        assert_eq!(none.code, ApiErrorCode::NotFound);
    }

    #[test]
    fn engine_errors_map_to_codes() {
        let invalid: ApiError = EngineError::Send(SendError::Invalid("bad number".into())).into();
        assert_eq!(invalid.code, ApiErrorCode::InvalidInput);
        assert_eq!(invalid.message, "bad number");
        let closed: ApiError = EngineError::Send(SendError::OutsideWindow {
            last_inbound_at: None,
        })
        .into();
        assert_eq!(closed.code, ApiErrorCode::OutsideWindow);
        assert!(closed.message.contains("template"), "{}", closed.message);
        let not_sandbox: ApiError = EngineError::NotSandbox.into();
        assert_eq!(not_sandbox.code, ApiErrorCode::NotSandbox);
        let closed: ApiError = EngineError::Store(StoreError::Closed).into();
        assert_eq!(closed.code, ApiErrorCode::Storage);
        let over: ApiError = EngineError::Broadcasts(BroadcastError::OverBudget {
            needed: 300,
            left: 250,
            limit: 250,
        })
        .into();
        assert_eq!(over.code, ApiErrorCode::InvalidInput);
        assert!(over.message.contains("only 250 more"), "{}", over.message);
        let missing: ApiError = EngineError::Broadcasts(BroadcastError::NotFound(7)).into();
        assert_eq!(missing.code, ApiErrorCode::NotFound);
    }

    #[test]
    fn messages_follow_the_owner_language() {
        use shopchat_core::engine::texts::TEXTS;
        use shopchat_core::i18n::{Lang, say, with_lang};
        let (not_sandbox, restarting) = with_lang(Lang::Es, || {
            let not_sandbox = ApiError::from(EngineError::NotSandbox);
            let state = crate::state::AppState::new(
                Err(say(TEXTS, "app.restarting", &[])),
                std::path::PathBuf::new(),
            );
            (not_sandbox, state.engine().err().unwrap())
        });
        assert_eq!(not_sandbox.code, ApiErrorCode::NotSandbox);
        assert_eq!(
            not_sandbox.message,
            "esto solo funciona en el modo de prueba"
        );
        assert_eq!(
            restarting.message,
            "Shopchat no se pudo iniciar: Shopchat se está reiniciando; vuelve a intentarlo en un momento"
        );
        assert_eq!(
            ApiError::from(EngineError::NotSandbox).message,
            "this only works in the sandbox"
        );
    }

    #[test]
    fn document_errors_map_to_codes() {
        let code = |e: DocumentsError| ApiError::from(EngineError::Documents(e)).code;
        assert_eq!(
            code(DocumentsError::Invalid("a quantity of 0".into())),
            ApiErrorCode::InvalidInput
        );
        assert_eq!(
            code(DocumentsError::Document(
                shopchat_documents::DocumentError::NoLines
            )),
            ApiErrorCode::InvalidInput
        );
        assert_eq!(
            code(DocumentsError::NotFound("INV-2026-0009".into())),
            ApiErrorCode::NotFound
        );
        assert_eq!(
            code(DocumentsError::Send(SendError::OutsideWindow {
                last_inbound_at: None
            })),
            ApiErrorCode::OutsideWindow
        );
        assert_eq!(
            code(DocumentsError::Store(StoreError::Closed)),
            ApiErrorCode::Storage
        );
    }
}
