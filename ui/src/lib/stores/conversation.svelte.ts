// The open conversation: its latest page of messages, older pages on demand, events applied live.
import { t } from "../i18n/index.svelte";
import * as api from "../../api";
import type { ApiError, MessageStatusChanged, Unsubscribe, UploadProgress } from "../../api";
import type { MediaKindView } from "../../bindings/MediaKindView";
import type { MessageView } from "../../bindings/MessageView";
import type { TemplateView } from "../../bindings/TemplateView";
import type { HeaderChoice } from "../templates";
import { applyStatus, prependPage, replaceMessage, upsertMessage } from "../messages";
import type { LoadStatus } from "./types";

/** How many messages one `list_messages` call asks for. */
export const PAGE_SIZE = 100;
/** Page size when paging back to a search hit. */
export const FOCUS_PAGE_SIZE = 500;

export interface ConversationOptions {
  pageSize?: number;
  /** Whether the owner can see the window (then an incoming message is read at once). */
  isFocused?: () => boolean;
}

/** Bytes of an attachment uploaded so far. */
export interface Upload {
  sent: number;
  total: number;
}

/** A request to bring a message into view; a new object each time, so the same message can be asked for twice. */
export interface FocusRequest {
  id: number;
}

function windowIsFocused(): boolean {
  return typeof document !== "undefined" && document.visibilityState !== "hidden" && document.hasFocus();
}

export class ConversationStore {
  /** The open chat's wa_id, or null when none is open. */
  contact = $state<string | null>(null);
  /** Oldest first, sorted by id. Replaced (never mutated) on every change. */
  messages = $state.raw<MessageView[]>([]);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);
  /** Whether older messages may exist beyond the first loaded one. */
  hasMore = $state(false);
  /** A message to bring into view (a search hit, a quoted message), once it is loaded. */
  focus = $state.raw<FocusRequest | null>(null);
  /** The message the next text or file answers (the composer's "Replying to" bar). */
  replyingTo = $state.raw<MessageView | null>(null);
  /** Upload progress of outgoing attachments, by message id, until their file is ready or failed. */
  uploads = $state.raw<ReadonlyMap<number, Upload>>(new Map());
  loadingOlder = $state(false);
  olderError = $state<ApiError | null>(null);

  readonly pageSize: number;
  #isFocused: () => boolean;
  #generation = 0;
  #replay: (() => void)[] | null = null;
  /** A message arrived while the window was in the background: read it on focus. */
  #unseen = false;

  constructor(options: ConversationOptions = {}) {
    this.pageSize = options.pageSize ?? PAGE_SIZE;
    this.#isFocused = options.isFocused ?? windowIsFocused;
  }

  /**
   * Opens a chat: loads its latest page and marks it read. With `focus` (a search hit), older
   * pages are loaded until that message is in, and it is brought into view.
   */
  async open(contact: string, focus: number | null = null): Promise<void> {
    const generation = ++this.#generation;
    this.contact = contact;
    this.messages = [];
    this.focus = null;
    this.replyingTo = null;
    this.hasMore = false;
    this.loadingOlder = false;
    this.olderError = null;
    this.error = null;
    this.status = "loading";
    this.#unseen = false;
    this.#replay = [];
    this.#markRead(contact);
    try {
      const page = await api.listMessages(contact, null, this.pageSize);
      if (generation !== this.#generation) return;
      this.messages = prependPage([], page);
      this.hasMore = page.length >= this.pageSize;
      if (focus !== null) {
        if (!(await this.#loadBackTo(contact, focus, generation))) return;
        if (this.messages.some((m) => m.id === focus)) this.focus = { id: focus };
      }
      const replay = this.#replay ?? [];
      this.#replay = null;
      for (const apply of replay) apply();
      this.status = "ready";
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#replay = null;
      this.error = api.toApiError(error);
      this.status = "error";
    }
  }

  /** The id of the message to bring into view, if any. */
  get focusId(): number | null {
    return this.focus?.id ?? null;
  }

  /** Pages back (the largest pages the engine serves) until `id` is loaded; false when another chat was opened meanwhile. */
  async #loadBackTo(contact: string, id: number, generation: number): Promise<boolean> {
    while (this.hasMore && (this.messages[0]?.id ?? 0) > id) {
      const older = await api.listMessages(contact, this.messages[0]?.id ?? null, FOCUS_PAGE_SIZE);
      if (generation !== this.#generation) return false;
      this.messages = prependPage(this.messages, older);
      this.hasMore = older.length >= FOCUS_PAGE_SIZE;
    }
    return true;
  }

  /** Brings a message of the open chat into view (a quote was clicked), loading older pages if needed. */
  async jumpTo(id: number): Promise<void> {
    const contact = this.contact;
    if (!contact || this.status !== "ready") return;
    const generation = this.#generation;
    try {
      if (!(await this.#loadBackTo(contact, id, generation))) return;
    } catch (error) {
      this.olderError = api.toApiError(error);
      return;
    }
    if (this.messages.some((m) => m.id === id)) this.focus = { id };
  }

  /** Loads the open chat again (after an error). */
  retry(): Promise<void> {
    return this.contact ? this.open(this.contact) : Promise.resolve();
  }

  close(): void {
    this.#generation++;
    this.contact = null;
    this.messages = [];
    this.status = "idle";
    this.error = null;
    this.hasMore = false;
    this.loadingOlder = false;
    this.olderError = null;
    this.replyingTo = null;
    this.#replay = null;
  }

  /** Loads the page before the oldest loaded message (when scrolled near the top). */
  async loadOlder(): Promise<void> {
    const contact = this.contact;
    const oldest = this.messages[0];
    if (!contact || this.status !== "ready" || !this.hasMore || this.loadingOlder) return;
    if (!oldest) {
      this.hasMore = false;
      return;
    }
    const generation = this.#generation;
    this.loadingOlder = true;
    this.olderError = null;
    try {
      const page = await api.listMessages(contact, oldest.id, this.pageSize);
      if (generation !== this.#generation) return;
      this.messages = prependPage(this.messages, page);
      this.hasMore = page.length >= this.pageSize;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.olderError = api.toApiError(error);
    } finally {
      if (generation === this.#generation) this.loadingOlder = false;
    }
  }

  #openContact(): string {
    const contact = this.contact;
    if (!contact) throw { code: "invalid_input", message: t("conv.open_first") } satisfies ApiError;
    return contact;
  }

  /** The next text or file answers this message. */
  reply(message: MessageView): void {
    if (message.contact === this.contact) this.replyingTo = message;
  }

  cancelReply(): void {
    this.replyingTo = null;
  }

  /** Shows a message the engine sent back, and ends the reply it answered. */
  #sent(message: MessageView, replyTo: MessageView | null): MessageView {
    if (replyTo && this.replyingTo === replyTo) this.replyingTo = null;
    this.applyMessage(message);
    return message;
  }

  /**
   * Sends a text to the open chat (as a reply to `replyingTo`, if set); rejects with an `ApiError`.
   * Resolves with the queued message.
   */
  async send(text: string): Promise<MessageView> {
    const contact = this.#openContact();
    const replyTo = this.replyingTo;
    const message = await api.sendText(contact, text, replyTo?.id ?? null);
    return this.#sent(message, replyTo);
  }

  /** Sends a file (already checked against the limits) as `kind`, with an optional caption. */
  async sendAttachment(file: File, kind: MediaKindView, mimeType: string, caption: string | null): Promise<MessageView> {
    const contact = this.#openContact();
    const replyTo = this.replyingTo;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const message = await api.sendAttachment(bytes, {
      contact,
      filename: file.name,
      mime_type: mimeType,
      caption: caption?.trim() || null,
      kind,
      reply_to: replyTo?.id ?? null,
    });
    return this.#sent(message, replyTo);
  }

  /**
   * Sends an approved template with its body parameters, in order; an image, video or document
   * header gets a file, or one of the shop's generated documents.
   */
  async sendTemplate(template: TemplateView, parameters: string[], header: HeaderChoice | null = null): Promise<MessageView> {
    const contact = this.#openContact();
    let message: MessageView;
    if (header?.file) {
      const bytes = new Uint8Array(await header.file.arrayBuffer());
      message = await api.sendTemplateFile(bytes, {
        contact,
        name: template.name,
        language: template.language,
        parameters,
        filename: header.file.name,
        mime_type: header.file.type || null,
      });
    } else if (header?.document !== undefined) {
      message = await api.sendDocument(header.document, null, { name: template.name, language: template.language, parameters });
    } else {
      message = await api.sendTemplate(contact, template.name, template.language, parameters);
    }
    return this.#sent(message, null);
  }

  /** Reacts to a message as the shop (`""` removes the reaction). Resolves with the message, updated. */
  async react(messageId: number, emoji: string): Promise<MessageView> {
    const message = await api.sendReaction(messageId, emoji);
    this.applyUpdated(message);
    return message;
  }

  /** Sends a failed message again; it shows as queued at once. */
  async retryFailed(id: number): Promise<MessageView> {
    const message = await api.retryMessage(id);
    this.applyUpdated(message);
    return message;
  }

  /** Deletes a failed message from the chat. */
  async deleteFailed(id: number): Promise<void> {
    await api.deleteMessage(id);
    this.applyDeleted(id, this.contact ?? "");
  }

  /** A message deleted from this chat. */
  applyDeleted(id: number, contact: string): void {
    if (contact !== this.contact) return;
    this.#apply(() => {
      this.messages = this.messages.filter((m) => m.id !== id);
      if (this.replyingTo?.id === id) this.replyingTo = null;
    });
  }

  #apply(change: () => void): void {
    change();
    this.#replay?.push(change);
  }

  /** A message of any direction: added (or updated, de-duplicated by id) when it is this chat's. */
  applyMessage(message: MessageView): void {
    if (message.contact !== this.contact) return;
    // A reaction is shown under the message it reacts to (`message://updated`), never as a bubble.
    if (message.type === "reaction") return;
    this.#apply(() => {
      this.messages = upsertMessage(this.messages, message);
    });
  }

  /** A customer's message: shown, and marked read when the owner is looking. */
  applyReceived(message: MessageView): void {
    if (message.contact !== this.contact) return;
    this.applyMessage(message);
    if (this.#isFocused()) this.#markRead(message.contact);
    else this.#unseen = true;
  }

  applyStatus(event: MessageStatusChanged): void {
    if (event.contact !== this.contact) return;
    this.#apply(() => {
      this.messages = applyStatus(this.messages, event);
    });
  }

  /** A newer copy of a loaded message (its file, reactions or quote changed). */
  applyUpdated(message: MessageView): void {
    if (message.contact !== this.contact) return;
    this.#apply(() => {
      this.messages = replaceMessage(this.messages, message);
      if (this.replyingTo?.id === message.id) this.replyingTo = message;
    });
    if (message.media?.state !== "uploading" && this.uploads.has(message.id)) {
      const uploads = new Map(this.uploads);
      uploads.delete(message.id);
      this.uploads = uploads;
    }
  }

  /** Bytes of an attachment sent so far. */
  applyUpload(event: UploadProgress): void {
    if (event.contact !== this.contact) return;
    const uploads = new Map(this.uploads);
    uploads.set(event.id, { sent: event.sent, total: event.total });
    this.uploads = uploads;
  }

  /** The window came back to the front: read what arrived meanwhile. */
  windowFocused(): void {
    if (this.#unseen && this.contact) {
      this.#unseen = false;
      this.#markRead(this.contact);
    }
  }

  #markRead(contact: string): void {
    api.markRead(contact).catch((error: unknown) => {
      console.warn("mark_read failed", api.toApiError(error).message);
    });
  }

  /** Applies events (and window focus) until the returned function is called. */
  connect(): Unsubscribe {
    const stop = api.onEvents({
      "message://received": (e) => this.applyReceived(e.message),
      "message://queued": (e) => this.applyMessage(e.message),
      "message://status": (e) => this.applyStatus(e),
      "message://updated": (e) => this.applyUpdated(e.message),
      "message://deleted": (e) => this.applyDeleted(Number(e.id), e.contact),
      "message://upload": (e) => this.applyUpload(e),
      // Events were missed: reload the open chat.
      "app://resync": () => void this.retry(),
    });
    const onFocus = (): void => this.windowFocused();
    window.addEventListener("focus", onFocus);
    return () => {
      stop();
      window.removeEventListener("focus", onFocus);
    };
  }
}
