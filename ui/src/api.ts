// The one module the UI talks to Rust through: a typed function per command (the templates' and
// the documents' in api/*.ts, re-exported here), the typed event listeners (events.ts) and the
// ApiError normaliser (invoke.ts), so components never see raw `invoke` strings or raw errors.
import { convertFileSrc } from "@tauri-apps/api/core";
import type { ApiError } from "./bindings/ApiError";
import type { ApiErrorCode } from "./bindings/ApiErrorCode";
import type { AppInfo } from "./bindings/AppInfo";
import type { AttachmentMeta } from "./bindings/AttachmentMeta";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { BotConfig } from "./bindings/BotConfig";
import type { CustomerInput } from "./bindings/CustomerInput";
import type { CustomerView } from "./bindings/CustomerView";
import type { Explanation } from "./bindings/Explanation";
import type { ImportReport } from "./bindings/ImportReport";
import type { LinkCodeView } from "./bindings/LinkCodeView";
import type { LinkRequestView } from "./bindings/LinkRequestView";
import type { ChatSummary } from "./bindings/ChatSummary";
import type { ConnectionResult } from "./bindings/ConnectionResult";
import type { Diagnostics } from "./bindings/Diagnostics";
import type { BackupStatus } from "./bindings/BackupStatus";
import type { GoLive } from "./bindings/GoLive";
import type { GoLiveOutcome } from "./bindings/GoLiveOutcome";
import type { MediaLimitView } from "./bindings/MediaLimitView";
import type { MessageView } from "./bindings/MessageView";
import type { OutboxCounts } from "./bindings/OutboxCounts";
import type { OutboxHealth } from "./bindings/OutboxHealth";
import type { PointedAt } from "./bindings/PointedAt";
import type { SandboxCustomer } from "./bindings/SandboxCustomer";
import type { SandboxPhone } from "./bindings/SandboxPhone";
import type { HistoryStatus } from "./bindings/HistoryStatus";
import type { SearchHit } from "./bindings/SearchHit";
import type { SetupState } from "./bindings/SetupState";
import type { TunnelState } from "./bindings/TunnelState";

export type { ApiError, ApiErrorCode };
export * from "./events";
export * from "./api/templates";
export * from "./api/documents";
export { ATTACHMENT_META_HEADER, call, isApiError, toApiError } from "./invoke";
import { ATTACHMENT_META_HEADER, call } from "./invoke";

// ---------------------------------------------------------------------------------------------
// Commands (JS args are camelCase; Tauri maps them to the Rust snake_case parameters)

export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

export function listChats(): Promise<ChatSummary[]> {
  return call<ChatSummary[]>("list_chats");
}

/** The `limit` messages older than `beforeId` (the latest when null), oldest first. */
export function listMessages(
  contact: string,
  beforeId: number | null,
  limit: number,
): Promise<MessageView[]> {
  return call<MessageView[]>("list_messages", { contact, beforeId, limit });
}

export async function markRead(contact: string): Promise<void> {
  await call<null>("mark_read", { contact });
}

/** Queues a text (a reply to the message with id `replyTo`, if any); resolves with it (status `queued`). */
export function sendText(to: string, text: string, replyTo: number | null = null): Promise<MessageView> {
  return call<MessageView>("send_text", { to, text, replyTo });
}

/** Sends a failed message again, as it was; resolves with it (status `queued`). */
export function retryMessage(id: number): Promise<MessageView> {
  return call<MessageView>("retry_message", { id });
}

/** Deletes a failed message from its chat. */
export async function deleteMessage(id: number): Promise<void> {
  await call<null>("delete_message", { id });
}

/** Reacts to a message as the shop (`""` removes the shop's reaction); resolves with that message, updated. */
export function sendReaction(messageId: number, emoji: string): Promise<MessageView> {
  return call<MessageView>("send_reaction", { messageId, emoji });
}

/**
 * Queues a file: the bytes travel as the raw request body, the meta as a URI-encoded JSON header.
 * Resolves with the queued message (its `media.state` is `uploading`; `message://upload` follows).
 */
export function sendAttachment(bytes: Uint8Array, meta: AttachmentMeta): Promise<MessageView> {
  return call<MessageView>("send_attachment", bytes, {
    headers: { [ATTACHMENT_META_HEADER]: encodeURIComponent(JSON.stringify(meta)) },
  });
}

/** What the Cloud API accepts per media kind (MIME types, largest size), to check files before sending. */
export function mediaLimits(): Promise<MediaLimitView[]> {
  return call<MediaLimitView[]>("media_limits");
}

/** Tries a failed media download again (a `message://updated` event follows). */
export async function retryMedia(messageId: number): Promise<void> {
  await call<null>("retry_media", { messageId });
}

/**
 * Downloads a file held to protect the disk (below the free-space floor, or past the customer's
 * daily budget) now, whatever the limits. `message://updated` events follow (downloading, then ready).
 */
export async function downloadAnyway(messageId: number): Promise<void> {
  await call<null>("download_anyway", { messageId });
}

/** Opens a message's file with the system's default app. */
export async function openMedia(messageId: number): Promise<void> {
  await call<null>("open_media", { messageId });
}

/** Asks where to save a message's file (a native dialog); the chosen path, or null when cancelled. */
export function saveMedia(messageId: number): Promise<string | null> {
  return call<string | null>("save_media", { messageId });
}

/** The URL the webview loads a message's file from (only once its `media.state` is `ready`). */
export function mediaUrl(messageId: number): string {
  return convertFileSrc(String(messageId), "shopchat-media");
}

/** Opens a web address (a map link, an ad) in the system's browser. */
export async function openUrl(url: string): Promise<void> {
  await call<null>("open_url", { url });
}


export function outboxCounts(): Promise<OutboxCounts> {
  return call<OutboxCounts>("outbox_counts");
}

/** Messages across all chats matching `query` (every word; the last as a prefix), newest first. */
export function searchMessages(query: string, limit = 30): Promise<SearchHit[]> {
  return call<SearchHit[]>("search_messages", { query, limit });
}

export function outboxHealth(): Promise<OutboxHealth> {
  return call<OutboxHealth>("outbox_health");
}

/** Tells the engine the language the window shows: its errors and notifications follow it. */
export function setLanguage(lang: "en" | "es"): Promise<void> {
  return call<void>("set_language", { lang });
}

/** Sends again after a pause (the account was reconnected, or the owner wants to try again). */
export function resumeOutbox(): Promise<OutboxHealth> {
  return call<OutboxHealth>("resume_outbox");
}

export function sandboxCustomers(): Promise<SandboxCustomer[]> {
  return call<SandboxCustomer[]>("sandbox_customers");
}

/** A simulated customer writes; the message comes back as a `message://received` event. */
export async function sandboxSay(from: string, text: string, name: string | null = null): Promise<void> {
  await call<null>("sandbox_say", { from, text, name });
}

/** Sandbox only: the shop's phone answers (an echo) or sends its past chats (the history import). */
export async function sandboxPhone(action: SandboxPhone): Promise<void> {
  await call<null>("sandbox_phone", { action });
}

/** How the import of the phone's past chats is going (empty before any arrived). */
export function historyStatus(): Promise<HistoryStatus[]> {
  return call<HistoryStatus[]>("history_status");
}

// ---------------------------------------------------------------------------------------------
// Documents: invoices, quotes, receipts, order confirmations, delivery notes, credit notes

// ---------------------------------------------------------------------------------------------
// Customers, their WhatsApp links, and the bot

/** The customer records whose details contain `query` (all when null), by name. */
export function listCustomers(query: string | null = null): Promise<CustomerView[]> {
  return call<CustomerView[]>("list_customers", { query });
}

/** One record by id or reference. */
export function showCustomer(customer: string | number): Promise<CustomerView> {
  return call<CustomerView>("show_customer", { customer: String(customer) });
}

/** The record linked to a chat's contact, if any. */
export function customerOfContact(contact: string): Promise<CustomerView | null> {
  return call<CustomerView | null>("customer_of_contact", { contact });
}

export function addCustomer(input: CustomerInput): Promise<CustomerView> {
  return call<CustomerView>("add_customer", { input });
}

export function updateCustomer(id: number, input: CustomerInput): Promise<CustomerView> {
  return call<CustomerView>("update_customer", { id, input });
}

/** Adds a record per row of a CSV file's text; the report says which rows were refused and why. */
export function importCustomers(csv: string): Promise<ImportReport> {
  return call<ImportReport>("import_customers", { csv });
}

/** A one-time code (15 minutes, single use) with its wa.me address and QR code. */
export function linkCode(customer: string | number): Promise<LinkCodeView> {
  return call<LinkCodeView>("link_code", { customer: String(customer) });
}

export function unlinkCustomer(customer: string | number): Promise<CustomerView> {
  return call<CustomerView>("unlink_customer", { customer: String(customer) });
}

/** Customers who wrote "link" without a code, oldest first. */
export function linkRequests(): Promise<LinkRequestView[]> {
  return call<LinkRequestView[]>("link_requests");
}

export function approveLinkRequest(request: number, customer: number): Promise<CustomerView> {
  return call<CustomerView>("approve_link_request", { request, customer });
}

export async function dismissLinkRequest(request: number): Promise<void> {
  await call<null>("dismiss_link_request", { request });
}

/** The audit trail, newest first: one record's (`customer`), or everyone's (null). */
export function linkAudit(customer: number | null = null): Promise<AuditEntry[]> {
  return call<AuditEntry[]>("link_audit", { customer });
}

export function botConfig(): Promise<BotConfig> {
  return call<BotConfig>("bot_config");
}

export function saveBotConfig(config: BotConfig): Promise<BotConfig> {
  return call<BotConfig>("save_bot_config", { config });
}

/** Whether the bot is muted for a customer. */
export function botMuted(contact: string): Promise<boolean> {
  return call<boolean>("bot_muted", { contact });
}

/** Mutes or unmutes the bot for one customer. */
export async function setBotMuted(contact: string, muted: boolean): Promise<void> {
  await call<null>("set_bot_muted", { contact, muted });
}

/** Which command or rule would answer `text` now, and with what. */
export function tryBot(text: string): Promise<Explanation> {
  return call<Explanation>("try_bot", { text });
}

// ---------------------------------------------------------------------------------------------
// Going live: the settings wizard, the tunnel and diagnostics

/** What the settings wizard opens with: the mode, the saved settings and which secrets are set. */
export function setupState(): Promise<SetupState> {
  return call<SetupState>("setup_state");
}

/**
 * Asks Meta about the number with these credentials (nothing is saved). `accessToken` null uses
 * the token already in the keystore.
 */
export function testConnection(
  accessToken: string | null,
  phoneNumberId: string,
  businessAccountId: string | null,
): Promise<ConnectionResult> {
  return call<ConnectionResult>("test_connection", { accessToken, phoneNumberId, businessAccountId });
}

/** A fresh random verify token (32 letters and digits). */
export function generateVerifyToken(): Promise<string> {
  return call<string>("generate_verify_token");
}

/**
 * Validates and tests everything the wizard collected, then saves it and restarts the engine
 * live (only when the outcome is `saved`). Secrets left null keep the saved ones.
 */
export function goLive(request: GoLive): Promise<GoLiveOutcome> {
  return call<GoLiveOutcome>("go_live", { request });
}

/** The tunnel's state now (`off` when none is open). */
export function tunnelState(): Promise<TunnelState> {
  return call<TunnelState>("tunnel_state");
}

/** Points Meta's webhook at `ownUrl` (the owner's own HTTPS address), or at the tunnel when null. */
export function pointMeta(ownUrl: string | null): Promise<PointedAt> {
  return call<PointedAt>("point_meta", { ownUrl });
}

/** Removes every secret from the keystore and restarts in the sandbox. */
export function disconnect(): Promise<SetupState> {
  return call<SetupState>("disconnect");
}

export function diagnostics(): Promise<Diagnostics> {
  return call<Diagnostics>("diagnostics");
}

/** The diagnostics as plain text for a support request (ids shortened, no secrets). */
export function diagnosticsReport(): Promise<string> {
  return call<string>("diagnostics_report");
}

/**
 * Backs up now (the database, media and documents in one archive): into the settings' backup
 * folder, else where the owner chooses in a save dialog. Null when the owner cancelled.
 */
export function backupNow(): Promise<BackupStatus | null> {
  return call<BackupStatus | null>("backup_now", { path: null });
}

/** What the window itself does; an object so tests can replace its methods. */
export const windowControl = {
  reload(): void {
    window.location.reload();
  },
};

/** Reloads the window, after the engine changed (gone live, disconnected), to load its data afresh. */
export function reloadWindow(): void {
  windowControl.reload();
}
