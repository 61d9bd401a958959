// The chat list: loaded once with `list_chats`, then kept up to date by events only.
import * as api from "../../api";
import type { ApiError, MessageStatusChanged, Unsubscribe } from "../../api";
import type { ChatSummary } from "../../bindings/ChatSummary";
import type { ContactView } from "../../bindings/ContactView";
import type { MessageView } from "../../bindings/MessageView";
import { digitsOf, foldForSearch } from "../format";
import { newerCopy, withStatus } from "../messages";
import type { LoadStatus } from "./types";

/** When the conversation last moved (unix seconds). */
function activity(chat: ChatSummary): number {
  return Math.max(chat.last_message?.timestamp ?? 0, chat.last_inbound_at ?? 0);
}

/** Newest conversation first (ties: the later message first, then by number). */
export function sortChats(chats: readonly ChatSummary[]): ChatSummary[] {
  return chats.slice().sort(
    (a, b) =>
      activity(b) - activity(a) ||
      (b.last_message?.id ?? 0) - (a.last_message?.id ?? 0) ||
      a.wa_id.localeCompare(b.wa_id),
  );
}

/** Chats whose name (ignoring case and accents) or number contains the query. */
export function filterChats(chats: readonly ChatSummary[], query: string): ChatSummary[] {
  const q = query.trim();
  if (!q) return chats.slice();
  const folded = foldForSearch(q);
  const digits = /^[\d\s+().-]+$/.test(q) ? digitsOf(q) : "";
  return chats.filter(
    (chat) => foldForSearch(chat.name ?? "").includes(folded) || (digits !== "" && chat.wa_id.includes(digits)),
  );
}

function emptyChat(waId: string): ChatSummary {
  return { wa_id: waId, name: null, unread: 0, last_inbound_at: null, last_message: null, last_class: null };
}

export class ChatsStore {
  /** Every chat, in no particular order (see `sorted`). */
  chats = $state.raw<ChatSummary[]>([]);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);
  /** The search box's text. */
  query = $state("");
  /** Only chats whose latest classified reply is of this class (`""`: all). */
  replyClass = $state("");

  sorted = $derived(sortChats(this.chats));
  visible = $derived(
    filterChats(this.sorted, this.query).filter((c) => this.replyClass === "" || c.last_class === this.replyClass),
  );

  #generation = 0;
  /** Events applied while `list_chats` runs, replayed on its result (they are idempotent). */
  #replay: (() => void)[] | null = null;

  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.status = "loading";
    this.error = null;
    this.#replay = [];
    try {
      const rows = await api.listChats();
      if (generation !== this.#generation) return;
      this.chats = rows;
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

  /** The chat with this wa_id, if listed. */
  find(waId: string): ChatSummary | undefined {
    return this.chats.find((c) => c.wa_id === waId);
  }

  #update(waId: string, change: (chat: ChatSummary) => ChatSummary): void {
    const at = this.chats.findIndex((c) => c.wa_id === waId);
    const current = at >= 0 ? this.chats[at]! : emptyChat(waId);
    const next = change(current);
    if (next === current && at >= 0) return;
    const copy = this.chats.slice();
    if (at >= 0) copy[at] = next;
    else copy.push(next);
    this.chats = copy;
  }

  #apply(change: () => void): void {
    change();
    this.#replay?.push(change);
  }

  /** A message was received, queued or sent from here: it may be the chat's latest. */
  applyMessage(message: MessageView): void {
    this.#apply(() =>
      this.#update(message.contact, (chat) => {
        const last = chat.last_message;
        let lastMessage = last;
        if (!last || message.id > last.id) lastMessage = message;
        else if (message.id === last.id) lastMessage = newerCopy(last, message);
        const lastInbound =
          message.direction === "in" ? Math.max(chat.last_inbound_at ?? 0, message.timestamp) : chat.last_inbound_at;
        const lastClass = message.direction === "in" && message.class ? message.class : chat.last_class;
        if (lastMessage === last && lastInbound === chat.last_inbound_at && lastClass === chat.last_class) return chat;
        return { ...chat, last_message: lastMessage, last_inbound_at: lastInbound, last_class: lastClass };
      }),
    );
  }

  /** An outbound message moved on: update the preview's tick if it is the latest. */
  applyStatus(event: MessageStatusChanged): void {
    this.#apply(() => {
      const chat = this.find(event.contact);
      if (!chat || chat.last_message?.id !== event.id) return;
      const last = chat.last_message;
      this.#update(event.contact, (c) => ({ ...c, last_message: withStatus(last, event) }));
    });
  }

  /** A newer copy of a message (its file or reactions changed): the preview follows if it is the latest. */
  applyUpdated(message: MessageView): void {
    this.#apply(() => {
      const chat = this.find(message.contact);
      if (!chat || chat.last_message?.id !== message.id) return;
      this.#update(message.contact, (c) => ({ ...c, last_message: message }));
    });
  }

  /** A contact was created or changed (name, unread). */
  applyContact(contact: ContactView): void {
    this.#apply(() =>
      this.#update(contact.wa_id, (chat) => ({
        ...chat,
        name: contact.name,
        unread: contact.unread,
        last_inbound_at: contact.last_inbound_at,
      })),
    );
  }

  /** Clears the badge at once when a chat is opened (`contact://updated` confirms it). */
  markReadLocally(waId: string): void {
    const chat = this.find(waId);
    if (chat && chat.unread > 0) this.#update(waId, (c) => ({ ...c, unread: 0 }));
  }

  /** Applies events until the returned function is called. */
  connect(): Unsubscribe {
    return api.onEvents({
      "message://received": (e) => this.applyMessage(e.message),
      "message://queued": (e) => this.applyMessage(e.message),
      "message://status": (e) => this.applyStatus(e),
      "message://updated": (e) => this.applyUpdated(e.message),
      "contact://updated": (e) => this.applyContact(e.contact),
      // Events were missed: start again from the engine's state.
      "app://resync": () => void this.load(),
    });
  }
}
