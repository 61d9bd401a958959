// The contacts workspace in the app: the typed commands, and the pure rules the chat list and
// the composer's `/` picker follow (tested without a window). A customer's text stays data:
// Svelte escapes it where it is shown.
import { call } from "../api";
import type { ChatSummary } from "../bindings/ChatSummary";
import type { ContactEntry } from "../bindings/ContactEntry";
import type { ContactFilter } from "../bindings/ContactFilter";
import type { ContactPanel } from "../bindings/ContactPanel";
import type { LabelView } from "../bindings/LabelView";
import type { NoteView } from "../bindings/NoteView";
import type { QuickReplyView } from "../bindings/QuickReplyView";

export type ContactFlag = "pinned" | "archived" | "unread";

export const contactsApi = {
  entries: (filter: ContactFilter = { label: null, archived: null }) =>
    call<ContactEntry[]>("contact_entries", { filter }),
  panel: (contact: string) => call<ContactPanel>("contact_panel", { contact }),
  labels: () => call<LabelView[]>("labels"),
  saveLabel: (name: string, color: string | null = null) => call<LabelView[]>("save_label", { name, color }),
  editLabel: (id: number, name: string, color: string) => call<LabelView[]>("edit_label", { id, name, color }),
  deleteLabel: (id: number) => call<LabelView[]>("delete_label", { id }),
  setLabel: (contacts: string[], label: string, on: boolean) => call<number>("set_label", { contacts, label, on }),
  addNote: (contact: string, text: string) => call<NoteView>("add_note", { contact, text }),
  editNote: (id: number, text: string) => call<void>("edit_note", { id, text }),
  deleteNote: (id: number) => call<void>("delete_note", { id }),
  setName: (contact: string, name: string | null) => call<void>("set_contact_name", { contact, name }),
  setFlag: (contacts: string[], flag: ContactFlag, on: boolean) => call<void>("set_contact_flag", { contacts, flag, on }),
  setBlocked: (contact: string, on: boolean) => call<ContactEntry>("set_blocked", { contact, on }),
  setOptedOut: (contact: string, optedOut: boolean) => call<ContactPanel>("set_opted_out", { contact, optedOut }),
  quickReplies: () => call<QuickReplyView[]>("quick_replies"),
  saveQuickReply: (shortcut: string, text: string, file: string | null = null, replace = false) =>
    call<QuickReplyView>("save_quick_reply", { shortcut, text, file, dropFile: false, replace }),
  removeQuickReply: (shortcut: string) => call<void>("remove_quick_reply", { shortcut }),
  renderQuickReply: (shortcut: string, contact: string) =>
    call<QuickReplyView>("render_quick_reply", { shortcut, contact }),
};

/** Which chats the list shows: a label (`""`: any) and the normal or the archived view. */
export interface ChatView {
  label: string;
  archived: boolean;
}

/**
 * The chats `view` keeps, in the list's order: pinned first (as `sorted` had them), then the
 * rest. An archived chat is only in the archived view; a label keeps the chats that carry it.
 * A chat with no entry yet (a brand new customer) is neither pinned, archived nor labelled.
 */
export function viewChats(
  sorted: readonly ChatSummary[],
  entries: ReadonlyMap<string, ContactEntry>,
  view: ChatView,
): ChatSummary[] {
  const label = view.label.trim().toLowerCase();
  const kept = sorted.filter((chat) => {
    const e = entries.get(chat.wa_id);
    if ((e?.archived ?? false) !== view.archived) return false;
    return label === "" || (e?.labels ?? []).some((l) => l.toLowerCase() === label);
  });
  const pinned = kept.filter((c) => entries.get(c.wa_id)?.pinned);
  return [...pinned, ...kept.filter((c) => !entries.get(c.wa_id)?.pinned)];
}

/** The name the list shows: the owner's name for the contact, else the profile name. */
export function shownName(chat: { wa_id: string; name: string | null }, entry: ContactEntry | undefined): string | null {
  return entry?.custom_name ?? chat.name;
}

/** The `/word` being typed at the end of the composer's text, if any (`null`: no picker). */
export function slashQuery(text: string): string | null {
  const m = /(?:^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(text);
  return m ? m[1]!.toLowerCase() : null;
}

/** The picker's replies: shortcuts starting with the query first, then those containing it. */
export function filterQuickReplies(list: readonly QuickReplyView[], query: string): QuickReplyView[] {
  const q = query.trim().replace(/^\//, "").toLowerCase();
  const starts = list.filter((r) => r.shortcut.startsWith(q));
  const contains = list.filter(
    (r) => !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || r.text.toLowerCase().includes(q)),
  );
  return [...starts, ...contains];
}

/** `text` with its trailing `/word` replaced by `reply`. */
export function insertReply(text: string, reply: string): string {
  return text.replace(/(^|\s)\/[\p{L}\p{N}_-]*$/u, (_, space: string) => `${space}${reply}`);
}

/** Black or white text on a label's colour, whichever reads better. */
export function labelInk(color: string): string {
  const n = Number.parseInt(color.replace("#", ""), 16);
  if (Number.isNaN(n)) return "#000";
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#111" : "#fff";
}
