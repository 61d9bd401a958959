// The engine's events as the UI receives them: a type per channel, and listeners that
// unsubscribe safely even before Tauri has registered them. Re-exported by `api.ts`.
import { listen } from "@tauri-apps/api/event";
import type { DomainEvent } from "./bindings/DomainEvent";

/** Whether `value` is a plain object (an event's payload, an error from Rust). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export type MessageReceived = Extract<DomainEvent, { type: "message_received" }>;
export type MessageQueued = Extract<DomainEvent, { type: "message_queued" }>;
export type MessageStatusChanged = Extract<DomainEvent, { type: "message_status" }>;
export type MessageUpdated = Extract<DomainEvent, { type: "message_updated" }>;
export type MessageDeleted = Extract<DomainEvent, { type: "message_deleted" }>;
export type UploadProgress = Extract<DomainEvent, { type: "upload_progress" }>;
export type TemplatesSynced = Extract<DomainEvent, { type: "templates_synced" }>;
export type TemplateUpdated = Extract<DomainEvent, { type: "template_updated" }>;
export type TemplateDeleted = Extract<DomainEvent, { type: "template_deleted" }>;
export type ContactUpdated = Extract<DomainEvent, { type: "contact_updated" }>;
export type OutboxHealthChanged = Extract<DomainEvent, { type: "outbox_health" }>;
export type Resync = Extract<DomainEvent, { type: "resync" }>;
export type TunnelChanged = Extract<DomainEvent, { type: "tunnel" }>;
export type BroadcastProgress = Extract<DomainEvent, { type: "broadcast_progress" }>;

/** Each channel and the payload it carries. */
export interface EventMap {
  "message://received": MessageReceived;
  "message://queued": MessageQueued;
  "message://status": MessageStatusChanged;
  "message://updated": MessageUpdated;
  "message://deleted": MessageDeleted;
  "message://upload": UploadProgress;
  "templates://synced": TemplatesSynced;
  "template://updated": TemplateUpdated;
  "template://deleted": TemplateDeleted;
  "contact://updated": ContactUpdated;
  "outbox://health": OutboxHealthChanged;
  "app://resync": Resync;
  "tunnel://state": TunnelChanged;
  "broadcast://progress": BroadcastProgress;
}

export type Channel = keyof EventMap;

const PAYLOAD_TYPE: { [C in Channel]: EventMap[C]["type"] } = {
  "message://received": "message_received",
  "message://queued": "message_queued",
  "message://status": "message_status",
  "message://updated": "message_updated",
  "message://deleted": "message_deleted",
  "message://upload": "upload_progress",
  "templates://synced": "templates_synced",
  "template://updated": "template_updated",
  "template://deleted": "template_deleted",
  "contact://updated": "contact_updated",
  "outbox://health": "outbox_health",
  "app://resync": "resync",
  "tunnel://state": "tunnel",
  "broadcast://progress": "broadcast_progress",
};

export type Unsubscribe = () => void;

/**
 * Listens to one channel. Returns a synchronous unsubscribe that is safe to call at any time,
 * even before Tauri has finished registering the listener (it is then removed as soon as it is).
 * Payloads of another type than the channel's are ignored.
 */
export function onEvent<C extends Channel>(channel: C, handler: (payload: EventMap[C]) => void): Unsubscribe {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  listen<unknown>(channel, (event) => {
    if (stopped) return;
    const payload = event.payload;
    if (isRecord(payload) && payload.type === PAYLOAD_TYPE[channel]) {
      handler(payload as unknown as EventMap[C]);
    }
  })
    .then((fn) => {
      if (stopped) fn();
      else unlisten = fn;
    })
    .catch((error: unknown) => {
      console.error(`listening to ${channel} failed`, error);
    });
  return () => {
    stopped = true;
    if (unlisten) {
      unlisten();
      unlisten = null;
    }
  };
}

/** Listens to several channels at once; the returned function unsubscribes them all. */
export function onEvents(handlers: { [C in Channel]?: (payload: EventMap[C]) => void }): Unsubscribe {
  const stops: Unsubscribe[] = [];
  for (const channel of Object.keys(handlers) as Channel[]) {
    const handler = handlers[channel];
    if (handler) stops.push(onEvent(channel, handler as (payload: EventMap[typeof channel]) => void));
  }
  return () => {
    for (const stop of stops) stop();
  };
}
