// The one module that talks to Rust: a typed function per command, the typed event listeners
// (from `events.ts`, re-exported here) and the ApiError normaliser, so components never see raw
// `invoke` strings or raw errors.
import { convertFileSrc, invoke, type InvokeArgs, type InvokeOptions } from "@tauri-apps/api/core";
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
import type { DocumentDraft } from "./bindings/DocumentDraft";
import type { DocumentRequest } from "./bindings/DocumentRequest";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { DocumentView } from "./bindings/DocumentView";
import type { DraftTotals } from "./bindings/DraftTotals";
import type { GoLive } from "./bindings/GoLive";
import type { GoLiveOutcome } from "./bindings/GoLiveOutcome";
import type { MediaLimitView } from "./bindings/MediaLimitView";
import type { MessageView } from "./bindings/MessageView";
import type { OutboxCounts } from "./bindings/OutboxCounts";
import type { OutboxHealth } from "./bindings/OutboxHealth";
import type { PointedAt } from "./bindings/PointedAt";
import type { Product } from "./bindings/Product";
import type { SandboxCustomer } from "./bindings/SandboxCustomer";
import type { SandboxPhone } from "./bindings/SandboxPhone";
import type { HistoryStatus } from "./bindings/HistoryStatus";
import type { SearchHit } from "./bindings/SearchHit";
import type { SetupState } from "./bindings/SetupState";
import type { ShopProfile } from "./bindings/ShopProfile";
import type { ShopProfileView } from "./bindings/ShopProfileView";
import type { LibraryTemplate } from "./bindings/LibraryTemplate";
import type { TemplateDraft } from "./bindings/TemplateDraft";
import type { TemplateFileMeta } from "./bindings/TemplateFileMeta";
import type { TemplateProblem } from "./bindings/TemplateProblem";
import type { TemplateSample } from "./bindings/TemplateSample";
import type { TemplateView } from "./bindings/TemplateView";
import type { Figure } from "./bindings/Figure";
import type { Stats } from "./bindings/Stats";
import type { TunnelState } from "./bindings/TunnelState";

export type { ApiError, ApiErrorCode };
export * from "./events";
import { isRecord } from "./events";
import { t } from "./lib/i18n/index.svelte";

// ---------------------------------------------------------------------------------------------
// Errors

const API_ERROR_CODES: readonly ApiErrorCode[] = [
  "invalid_input",
  "not_sandbox",
  "not_found",
  "storage",
  "outside_window",
  "auth_expired",
  "rate_limited",
  "not_recent",
  "refused",
  "invalid_template",
  "template_not_editable",
  "template_edit_limit",
  "no_app_id",
  "internal",
];


/** True for a well-formed `ApiError` with a code the UI knows. */
export function isApiError(value: unknown): value is ApiError {
  return (
    isRecord(value) &&
    typeof value.code === "string" &&
    (API_ERROR_CODES as readonly string[]).includes(value.code) &&
    typeof value.message === "string"
  );
}

/**
 * Turns whatever a rejected command (or anything else) threw into an `ApiError`:
 * a well-formed one passes through; an unknown code becomes `internal` but keeps its message;
 * a string (Tauri's own errors, e.g. a missing permission) or an `Error` keeps its text.
 */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return { code: value.code, message: value.message };
  if (isRecord(value) && typeof value.message === "string" && value.message.trim() !== "") {
    return { code: "internal", message: value.message };
  }
  if (typeof value === "string" && value.trim() !== "") {
    return { code: "internal", message: value };
  }
  return { code: "internal", message: t("error.fallback") };
}

/** Calls a command; a rejection is always a normalised `ApiError`. */
export async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (error) {
    throw toApiError(error);
  }
}

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

/** The header that carries an attachment's `AttachmentMeta` beside its raw bytes. */
export const ATTACHMENT_META_HEADER = "x-shopchat-meta";

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

/** The message templates stored here (synced from Meta). */
export function listTemplates(): Promise<TemplateView[]> {
  return call<TemplateView[]>("list_templates");
}

/** Fetches the templates from Meta again; resolves with the stored list. */
export function syncTemplates(): Promise<TemplateView[]> {
  return call<TemplateView[]>("sync_templates");
}

/**
 * Queues an approved template whose image, video or document header is `bytes` (the raw body;
 * the rest rides URI-encoded in a header, as for an attachment); resolves with the queued message.
 */
export function sendTemplateFile(bytes: Uint8Array, meta: TemplateFileMeta): Promise<MessageView> {
  return call<MessageView>("send_template_file", bytes, {
    headers: { [ATTACHMENT_META_HEADER]: encodeURIComponent(JSON.stringify(meta)) },
  });
}

/** Queues an approved template with its body parameters in order; resolves with the queued message. */
export function sendTemplate(to: string, name: string, language: string, parameters: string[]): Promise<MessageView> {
  return call<MessageView>("send_template", { to, name, language, parameters });
}

// ---------------------------------------------------------------------------------------------
// The templates studio: templates made, edited and deleted in the app

/** Every Meta rule the draft breaks, each named at its field; empty when it can be submitted. */
export function checkTemplate(draft: TemplateDraft): Promise<TemplateProblem[]> {
  return call<TemplateProblem[]>("check_template", { draft });
}

/** Submits a new template (or a new language of one) to Meta; resolves with it (status `PENDING`). */
export function createTemplate(draft: TemplateDraft): Promise<TemplateView> {
  return call<TemplateView>("create_template", { draft });
}

/** Submits a changed template (where Meta allows editing); resolves with it as stored. */
export function editTemplate(name: string, language: string, draft: TemplateDraft): Promise<TemplateView> {
  return call<TemplateView>("edit_template", { name, language, draft });
}

/** Deletes one language of a template, or every language (`language` null); resolves with the list left. */
export function deleteTemplate(name: string, language: string | null): Promise<TemplateView[]> {
  return call<TemplateView[]>("delete_template", { name, language });
}

/** A stored template as a draft: to edit it, duplicate it, or add a language to it. */
export function templateDraft(name: string, language: string): Promise<TemplateDraft> {
  return call<TemplateDraft>("template_draft", { name, language });
}

/** The ready shop templates in a language, with the shop's name filled in. */
export function templateLibrary(shopName: string, language: string): Promise<LibraryTemplate[]> {
  return call<LibraryTemplate[]>("template_library", { shopName, language });
}

/** What travels beside a media header's sample file (URI-encoded JSON in a header). */
export interface TemplateSampleMeta {
  filename: string;
  mime_type: string | null;
}

/** Uploads a media header's sample file (the raw body) to Meta; resolves with its handle for the draft. */
export function uploadTemplateSample(bytes: Uint8Array, meta: TemplateSampleMeta): Promise<TemplateSample> {
  return call<TemplateSample>("upload_template_sample", bytes, {
    headers: { [ATTACHMENT_META_HEADER]: encodeURIComponent(JSON.stringify(meta)) },
  });
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

/** Which documents to list; blanks list them all. */
export interface DocumentFilter {
  kind?: string | null;
  contact?: string | null;
  query?: string | null;
}

/** The documents, newest first. */
export function listDocuments(filter: DocumentFilter = {}): Promise<DocumentSummary[]> {
  return call<DocumentSummary[]>("list_documents", {
    kind: filter.kind ?? null,
    contact: filter.contact ?? null,
    query: filter.query ?? null,
  });
}

/** One document (by id or number) with its lines and figures. */
export function showDocument(document: string | number): Promise<DocumentView> {
  return call<DocumentView>("show_document", { document: String(document) });
}

/** A draft's exact figures (the editor's live totals), or the problem with its lines. */
export function documentTotals(draft: DocumentDraft): Promise<DraftTotals> {
  return call<DraftTotals>("document_totals", { draft });
}

/** The PDF a draft would be issued as, for the preview. */
export async function previewDocument(draft: DocumentDraft): Promise<Uint8Array> {
  return new Uint8Array(await call<ArrayBuffer>("preview_document", { draft }));
}

/** An issued document's PDF, as it was sent. */
export async function documentPdf(document: string | number): Promise<Uint8Array> {
  return new Uint8Array(await call<ArrayBuffer>("document_pdf", { document: String(document) }));
}

/** Takes the draft's number and writes its files. */
export function issueDocument(draft: DocumentDraft): Promise<DocumentView> {
  return call<DocumentView>("issue_document", { draft });
}

/** An approved template with a DOCUMENT header, to carry a document outside the 24-hour window. */
export interface TemplateChoice {
  name: string;
  language: string;
  /** The body's values; null fills them from the document (customer, kind, number). */
  parameters?: string[] | null;
}

/** Sends a document's PDF in its customer's chat (as a template's header when given); resolves with the queued message. */
export function sendDocument(
  document: string | number,
  caption: string | null = null,
  template: TemplateChoice | null = null,
): Promise<MessageView> {
  return call<MessageView>("send_document", {
    document: String(document),
    caption,
    template: template?.name ?? null,
    language: template?.language ?? null,
    parameters: template?.parameters ?? null,
  });
}

/** Cancels an invoice with a credit note; resolves with the credit note. */
export function cancelDocument(document: string | number): Promise<DocumentView> {
  return call<DocumentView>("cancel_document", { document: String(document) });
}

export type DocumentFormat = "pdf" | "docx";

/** Opens a document's file with the computer's default app. */
export async function openDocument(document: string | number, format: DocumentFormat): Promise<void> {
  await call<null>("open_document", { document: String(document), format });
}

/** Asks where to save a document's file; the chosen path, or null when cancelled. */
export function saveDocumentAs(document: string | number, format: DocumentFormat): Promise<string | null> {
  return call<string | null>("save_document_as", { document: String(document), format });
}

/** Every statistic from `from` to `to` (`YYYY-MM-DD`, both included). */
export function statistics(from: string, to: string): Promise<Stats> {
  return call<Stats>("statistics", { from, to });
}

/** Saves one figure as CSV where the owner chooses; the path, or null when cancelled. */
export function saveStatisticsCsv(from: string, to: string, figure: Figure): Promise<string | null> {
  return call<string | null>("save_statistics_csv", { from, to, figure });
}

/** The document a message carries, if any. */
export function documentOfMessage(messageId: number): Promise<DocumentSummary | null> {
  return call<DocumentSummary | null>("document_of_message", { messageId });
}

/** Customers' requests for a document the shop did not have, oldest first. */
export function documentRequests(): Promise<DocumentRequest[]> {
  return call<DocumentRequest[]>("document_requests");
}

/** The owner has dealt with what this customer asked for. */
export async function dismissDocumentRequests(contact: string): Promise<void> {
  await call<null>("dismiss_document_requests", { contact });
}

export function listProducts(): Promise<Product[]> {
  return call<Product[]>("list_products");
}

/** Adds (`id` null) or changes a product; resolves with it as stored. */
export function saveProduct(product: Product): Promise<Product> {
  return call<Product>("save_product", { product });
}

export async function deleteProduct(id: number): Promise<void> {
  await call<null>("delete_product", { id });
}

export function shopProfile(): Promise<ShopProfileView> {
  return call<ShopProfileView>("shop_profile");
}

export function saveShopProfile(businessName: string | null, profile: ShopProfile): Promise<ShopProfileView> {
  return call<ShopProfileView>("save_shop_profile", { businessName, profile });
}

/** Asks for the logo file (PNG or JPEG); its path, or null when cancelled. */
export function chooseLogo(): Promise<string | null> {
  return call<string | null>("choose_logo");
}

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
