// What the shop keeps about its contacts, for the chat list: labels, pin, archive, blocked,
// the owner's names. Loaded with `contact_entries` and reloaded (once, a moment later) when a
// contact changes; the list's label filter, the archived view and the multi-select live here.
import { toApiError, onEvents, type Unsubscribe } from "../../api";
import type { ApiError } from "../../bindings/ApiError";
import type { ChatSummary } from "../../bindings/ChatSummary";
import type { ContactEntry } from "../../bindings/ContactEntry";
import type { LabelView } from "../../bindings/LabelView";
import { contactsApi, viewChats, type ContactFlag } from "../contacts";

export class ContactsStore {
  entries = $state.raw<ReadonlyMap<string, ContactEntry>>(new Map());
  labels = $state.raw<LabelView[]>([]);
  error = $state<ApiError | null>(null);
  /** The chat list's label filter (`""`: all). */
  label = $state("");
  /** The archived chats instead of the others. */
  archived = $state(false);
  /** Chats picked for a change to many at once. */
  picked = $state.raw<ReadonlySet<string>>(new Set());

  #timer: ReturnType<typeof setTimeout> | null = null;

  /** `sorted` as the list shows it: see [`viewChats`]. */
  view(sorted: readonly ChatSummary[]): ChatSummary[] {
    return viewChats(sorted, this.entries, { label: this.label, archived: this.archived });
  }

  archivedCount = $derived([...this.entries.values()].filter((e) => e.archived).length);

  async load(): Promise<void> {
    try {
      const [entries, labels] = await Promise.all([contactsApi.entries(), contactsApi.labels()]);
      this.entries = new Map(entries.map((e) => [e.wa_id, e]));
      this.labels = labels;
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
    }
  }

  /** Reloads a moment later, once for a burst of changes. */
  soon(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.load();
    }, 150);
  }

  togglePick(waId: string): void {
    const next = new Set(this.picked);
    if (next.has(waId)) next.delete(waId);
    else next.add(waId);
    this.picked = next;
  }

  clearPicks(): void {
    this.picked = new Set();
  }

  async #run(change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      await this.load();
    }
  }

  /** Puts `label` on the chats (created when new), or takes it off. */
  setLabel(contacts: string[], label: string, on: boolean): Promise<void> {
    return this.#run(() => contactsApi.setLabel(contacts, label, on));
  }

  setFlag(contacts: string[], flag: ContactFlag, on: boolean): Promise<void> {
    return this.#run(() => contactsApi.setFlag(contacts, flag, on));
  }

  setBlocked(contact: string, on: boolean): Promise<void> {
    return this.#run(() => contactsApi.setBlocked(contact, on));
  }

  connect(): Unsubscribe {
    return onEvents({
      "contact://updated": () => this.soon(),
      "message://received": () => this.soon(),
      "app://resync": () => void this.load(),
    });
  }
}
