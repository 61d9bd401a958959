// Builders for the DTOs the Rust side sends.
import type { ChatSummary } from "../bindings/ChatSummary";
import type { ContactView } from "../bindings/ContactView";
import type { MediaView } from "../bindings/MediaView";
import type { MessageView } from "../bindings/MessageView";

/** 2025-03-05 14:05:00 UTC, a Wednesday. Tests run with TZ=UTC. */
export const NOW = new Date(Date.UTC(2025, 2, 5, 14, 5, 0));
export const NOW_S = Math.floor(NOW.getTime() / 1000);
export const HOUR = 3600;
export const DAY = 24 * HOUR;

let nextId = 1000;

export function message(fields: Partial<MessageView> = {}): MessageView {
  const id = fields.id ?? nextId++;
  const direction = fields.direction ?? "in";
  return {
    id,
    wamid: `wamid.${id}`,
    contact: "15550100001",
    direction,
    type: "text",
    text: `message ${id}`,
    status: direction === "in" ? "received" : "sent",
    timestamp: NOW_S,
    error: null,
    media: null,
    content: null,
    reply_to: null,
    reactions: [],
    forwarded: false,
    ...fields,
  };
}

export function chat(fields: Partial<ChatSummary> = {}): ChatSummary {
  return {
    wa_id: "15550100001",
    name: "Ana Lima",
    unread: 0,
    // The customer wrote an hour ago: the 24-hour window is open.
    last_inbound_at: NOW_S - 3600,
    last_message: null,
    ...fields,
  };
}

export function contact(fields: Partial<ContactView> = {}): ContactView {
  return { wa_id: "15550100001", name: "Ana Lima", unread: 0, last_inbound_at: null, ...fields };
}

/** `count` messages with ids `firstId..`, alternating direction, one minute apart. */
export function history(count: number, firstId = 1, contactId = "15550100001"): MessageView[] {
  return Array.from({ length: count }, (_, i) =>
    message({
      id: firstId + i,
      contact: contactId,
      direction: i % 2 === 0 ? "in" : "out",
      status: i % 2 === 0 ? "received" : "read",
      text: `line ${firstId + i}`,
      timestamp: NOW_S - (count - i) * 60,
    }),
  );
}

/** The last element (the app targets ES2021, without `Array.prototype.at`). */
export function last<T>(list: readonly T[]): T | undefined {
  return list[list.length - 1];
}

/** A message's file, ready to show unless `fields` say otherwise. */
export function media(fields: Partial<MediaView> = {}): MediaView {
  return {
    kind: "image",
    mime_type: "image/jpeg",
    filename: "photo.jpg",
    size: 123_456,
    state: "ready",
    error: null,
    voice: false,
    animated: false,
    ...fields,
  };
}
