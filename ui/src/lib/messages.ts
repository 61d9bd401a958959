// Pure operations on a conversation's messages (kept sorted by id, oldest first, as
// `list_messages` returns them). They never mutate: they return a new array, or the same one
// when nothing changed, so a `$state.raw` array stays cheap even with 100,000 messages.
import type { MessageView } from "../bindings/MessageView";
import type { MessageStatusChanged } from "../api";

/**
 * The newer of two copies of the same message. The `send_text` result and the
 * `message://queued` event both carry the message as `queued`, and either can arrive after a
 * status event has moved it on: a `queued` copy never overwrites a later status.
 */
export function newerCopy(existing: MessageView, incoming: MessageView): MessageView {
  if (incoming.status === "queued" && existing.status !== "queued") return existing;
  return incoming;
}

/** Index of the message with `id`, searching from the end (recent messages change most). */
export function findIndexById(messages: readonly MessageView[], id: number): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.id === id) return i;
  }
  return -1;
}

/** Adds or updates one message, keeping the order by id. */
export function upsertMessage(messages: readonly MessageView[], message: MessageView): MessageView[] {
  const at = findIndexById(messages, message.id);
  if (at >= 0) {
    const existing = messages[at]!;
    const next = newerCopy(existing, message);
    if (next === existing) return messages as MessageView[];
    const copy = messages.slice();
    copy[at] = next;
    return copy;
  }
  const last = messages[messages.length - 1];
  if (!last || last.id < message.id) return [...messages, message];
  // Out of order (rare): insert where it belongs.
  let lo = 0;
  let hi = messages.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (messages[mid]!.id < message.id) lo = mid + 1;
    else hi = mid;
  }
  const copy = messages.slice();
  copy.splice(lo, 0, message);
  return copy;
}

/** Puts an older page in front, dropping any message already loaded. */
export function prependPage(messages: readonly MessageView[], older: readonly MessageView[]): MessageView[] {
  const firstId = messages[0]?.id;
  const fresh = firstId === undefined ? older.slice() : older.filter((m) => m.id < firstId);
  fresh.sort((a, b) => a.id - b.id);
  return fresh.length === 0 ? (messages as MessageView[]) : [...fresh, ...messages];
}

/** A message after a status event. */
export function withStatus(message: MessageView, event: MessageStatusChanged): MessageView {
  return { ...message, status: event.status, error: event.error, wamid: event.wamid ?? message.wamid };
}

/** Applies a status event to the message it names, if loaded. */
export function applyStatus(messages: readonly MessageView[], event: MessageStatusChanged): MessageView[] {
  const at = findIndexById(messages, event.id);
  if (at < 0) return messages as MessageView[];
  const copy = messages.slice();
  copy[at] = withStatus(messages[at]!, event);
  return copy;
}

/** Replaces a loaded message with a newer copy of it (`message://updated`); unknown ones are ignored. */
export function replaceMessage(messages: readonly MessageView[], message: MessageView): MessageView[] {
  const at = findIndexById(messages, message.id);
  if (at < 0) return messages as MessageView[];
  const copy = messages.slice();
  copy[at] = message;
  return copy;
}
