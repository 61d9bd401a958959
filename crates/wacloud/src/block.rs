//! Blocking and unblocking WhatsApp users: `POST` / `DELETE /{phone-number-id}/block_users` with
//! `{"messaging_product":"whatsapp","block_users":[{"user":WA_ID}]}`.
//!
//! Meta's limits: only users who wrote to the business in the last 24 hours can be blocked, at
//! most [`MAX_USERS_PER_REQUEST`] users a request, [`MAX_BLOCKLIST`] on the list. Errors come per
//! number (`failed_users`, each with `errors[]`), or, when the whole request is refused, as the
//! usual error envelope (code 139100 "failed to block/unblock users", 139101 "blocklist limit
//! reached", 139102 "blocklist concurrent update", 139103 "internal error").
//!
//! ```no_run
//! # async fn demo(client: wacloud::GraphClient) -> Result<(), wacloud::GraphError> {
//! use wacloud::{PhoneNumberId, WaId};
//! let phone = PhoneNumberId::parse("106540352242922").unwrap();
//! let outcome = client.block_users(&phone, &[WaId::parse("15550100001").unwrap()]).await?;
//! assert!(outcome.failed.is_empty());
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::client::GraphClient;
use crate::error::{ErrorKind, GraphError};
use crate::ids::{PhoneNumberId, WaId};
use crate::observe::Endpoint;

/// The most users one request may name.
pub const MAX_USERS_PER_REQUEST: usize = 1000;
/// The most users a business number's blocklist holds.
pub const MAX_BLOCKLIST: usize = 64_000;
/// "Failed to block/unblock users" (see the per-user errors).
pub const FAILED_TO_BLOCK: i64 = 139100;
/// The blocklist is full.
pub const BLOCKLIST_FULL: i64 = 139101;
/// Another change to the blocklist was in progress: try again.
pub const CONCURRENT_UPDATE: i64 = 139102;
/// Meta's internal error: try again.
pub const INTERNAL_ERROR: i64 = 139103;

#[derive(Serialize)]
struct Request<'a> {
    messaging_product: &'static str,
    block_users: Vec<User<'a>>,
}

#[derive(Serialize)]
struct User<'a> {
    user: &'a str,
}

#[derive(Deserialize)]
struct Answer {
    block_users: Lists,
}

#[derive(Deserialize, Default)]
struct Lists {
    #[serde(default)]
    added_users: Vec<Done>,
    #[serde(default)]
    removed_users: Vec<Done>,
    #[serde(default)]
    failed_users: Vec<Failed>,
}

#[derive(Deserialize)]
struct Done {
    input: String,
    #[serde(default)]
    wa_id: Option<String>,
}

#[derive(Deserialize)]
struct Failed {
    input: String,
    #[serde(default)]
    errors: Vec<FailedError>,
}

#[derive(Deserialize)]
struct FailedError {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    error_data: Option<FailedData>,
}

#[derive(Deserialize)]
struct FailedData {
    #[serde(default)]
    details: Option<String>,
}

/// What a block or unblock request did, per user.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BlockOutcome {
    /// The users blocked (or unblocked), as Meta names them (`wa_id`, else the input).
    pub done: Vec<String>,
    /// The users Meta refused, with why.
    pub failed: Vec<BlockFailure>,
}

/// One user Meta would not block or unblock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockFailure {
    pub user: String,
    pub code: Option<i64>,
    /// Meta's message, with its details when given.
    pub message: String,
}

impl GraphClient {
    /// Blocks `users` (at most [`MAX_USERS_PER_REQUEST`]).
    pub async fn block_users(
        &self,
        phone_number_id: &PhoneNumberId,
        users: &[WaId],
    ) -> Result<BlockOutcome, GraphError> {
        self.blocklist(phone_number_id, users, true).await
    }

    /// Unblocks `users` (at most [`MAX_USERS_PER_REQUEST`]).
    pub async fn unblock_users(
        &self,
        phone_number_id: &PhoneNumberId,
        users: &[WaId],
    ) -> Result<BlockOutcome, GraphError> {
        self.blocklist(phone_number_id, users, false).await
    }

    async fn blocklist(
        &self,
        phone_number_id: &PhoneNumberId,
        users: &[WaId],
        block: bool,
    ) -> Result<BlockOutcome, GraphError> {
        if users.is_empty() || users.len() > MAX_USERS_PER_REQUEST {
            return Err(GraphError::local(
                ErrorKind::InvalidParameter,
                format!(
                    "a block or unblock request names 1 to {MAX_USERS_PER_REQUEST} users (got {})",
                    users.len()
                ),
            ));
        }
        let body = Request {
            messaging_product: "whatsapp",
            block_users: users.iter().map(|u| User { user: u.as_str() }).collect(),
        };
        let url = self.url(&format!("{}/block_users", phone_number_id.as_str()));
        let request = if block {
            self.http().post(url)
        } else {
            self.http().delete(url)
        };
        let answer: Answer = self
            .execute(
                Endpoint::BlockUsers,
                request.bearer_auth(self.token()).json(&body),
            )
            .await?;
        let lists = answer.block_users;
        let done = if block {
            lists.added_users
        } else {
            lists.removed_users
        };
        Ok(BlockOutcome {
            done: done
                .into_iter()
                .map(|d| d.wa_id.unwrap_or(d.input))
                .collect(),
            failed: lists
                .failed_users
                .into_iter()
                .map(|f| {
                    let first = f.errors.into_iter().next();
                    let code = first.as_ref().and_then(|e| e.code);
                    let message = first
                        .map(|e| {
                            let m = e.message.unwrap_or_default();
                            match e.error_data.and_then(|d| d.details) {
                                Some(d) if !d.is_empty() => format!("{m}: {d}"),
                                _ => m,
                            }
                        })
                        .unwrap_or_else(|| "refused".to_owned());
                    BlockFailure {
                        user: f.input,
                        code,
                        message,
                    }
                })
                .collect(),
        })
    }
}
