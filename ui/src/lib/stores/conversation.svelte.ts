// The open conversation: its latest page of messages, older pages on demand, events applied live.
import * as api from "../../api";
import type { ApiError, MessageStatusChanged, Unsubscribe } from "../../api";
import type { MessageView } from "../../bindings/MessageView";
import { applyStatus, prependPage, upsertMessage } from "../messages";
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
  /** A message to bring into view (a search hit), once it is loaded. */
  focusId = $state<number | null>(null);
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
    this.focusId = null;
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
        // Pages of the largest size the engine serves, until the message is in.
        while (this.hasMore && (this.messages[0]?.id ?? 0) > focus) {
          const older = await api.listMessages(contact, this.messages[0]?.id ?? null, FOCUS_PAGE_SIZE);
          if (generation !== this.#generation) return;
          this.messages = prependPage(this.messages, older);
          this.hasMore = older.length >= FOCUS_PAGE_SIZE;
        }
        if (this.messages.some((m) => m.id === focus)) this.focusId = focus;
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

  /** Sends a text to the open chat; rejects with an `ApiError`. Resolves with the queued message. */
  async send(text: string): Promise<MessageView> {
    const contact = this.contact;
    if (!contact) throw { code: "invalid_input", message: "Open a chat first." } satisfies ApiError;
    const message = await api.sendText(contact, text, null);
    this.applyMessage(message);
    return message;
  }

  #apply(change: () => void): void {
    change();
    this.#replay?.push(change);
  }

  /** A message of any direction: added (or updated, de-duplicated by id) when it is this chat's. */
  applyMessage(message: MessageView): void {
    if (message.contact !== this.contact) return;
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
