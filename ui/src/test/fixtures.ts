// Builders for the DTOs the Rust side sends.
import type { ChatSummary } from "../bindings/ChatSummary";
import type { ConnectionCheck } from "../bindings/ConnectionCheck";
import type { ContactView } from "../bindings/ContactView";
import type { Diagnostics } from "../bindings/Diagnostics";
import type { MediaView } from "../bindings/MediaView";
import type { MessageView } from "../bindings/MessageView";
import type { Settings } from "../bindings/Settings";
import type { SetupState } from "../bindings/SetupState";

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
    origin: direction === "in" ? null : "app",
    auto: false,
    class: null,
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
    last_class: null,
    ...fields,
  };
}

export function contact(fields: Partial<ContactView> = {}): ContactView {
  return { wa_id: "15550100001", name: "Ana Lima", unread: 0, last_inbound_at: null, opted_out: false, ...fields };
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
    hold: null,
    voice: false,
    animated: false,
    ...fields,
  };
}

/** The settings file's defaults (nothing set up yet) with `fields` on top. */
export function settings(fields: Partial<Settings> = {}): Settings {
  return {
    default_country: null,
    phone_number_id: null,
    business_account_id: null,
    app_id: null,
    api_version: "v24.0",
    business_name: null,
    listen_port: 8787,
    tunnel: "none",
    ngrok_domain: null,
    public_url: null,
    repoint_callback: true,
    outbox_rate: null,
    on_business_app: false,
    display_phone_number: null,
    shop_address: null,
    shop_tax_id: null,
    shop_phone: null,
    shop_email: null,
    shop_logo: null,
    currency: "EUR",
    default_tax_rate: "0",
    payment_terms: null,
    bank_details: null,
    document_language: "en",
    document_prefixes: {
      invoice: "INV",
      quote: "QUO",
      receipt: "REC",
      order: "ORD",
      delivery_note: "DEL",
      credit_note: "CRN",
    },
    backup_folder: null,
    backup_keep: 7,
    retention_days: 30,
    media_free_space_floor_mb: 1024,
    media_daily_budget_mb: 200,
    ...fields,
  };
}

export const SECRET_NAMES = [
  "whatsapp-access-token",
  "whatsapp-app-secret",
  "whatsapp-verify-token",
  "ngrok-authtoken",
] as const;

/** What `setup_state` answers: the sandbox with nothing saved, unless `fields` say otherwise. */
export function setupState(fields: Partial<SetupState> = {}, savedSecrets: readonly string[] = []): SetupState {
  return {
    mode: "sandbox",
    settings: settings(),
    secrets: SECRET_NAMES.map((name) => ({ name, set: savedSecrets.includes(name) })),
    keystoreError: null,
    rehearsal: false,
    liveError: null,
    ...fields,
  };
}

/** A live setup: the settings saved and every secret in the keystore. */
export function liveSetupState(fields: Partial<SetupState> = {}): SetupState {
  return setupState(
    {
      mode: "live",
      settings: settings({
        phone_number_id: "106540352242922",
        business_account_id: "102290129340398",
        app_id: "1234567890",
        business_name: "Lima Ceramics",
        tunnel: "ngrok",
        ngrok_domain: "lima.ngrok.app",
        repoint_callback: false,
      }),
      ...fields,
    },
    SECRET_NAMES,
  );
}

export function connectionCheck(fields: Partial<ConnectionCheck> = {}): ConnectionCheck {
  return {
    phone_number_id: "106540352242922",
    verified_name: "Lima Ceramics",
    display_phone_number: "+1 555-010-0000",
    quality_rating: "GREEN",
    messaging_limit_tier: "TIER_1K",
    business_account_id: "102290129340398",
    on_business_app: false,
    ...fields,
  };
}

export function diagnostics(fields: Partial<Diagnostics> = {}): Diagnostics {
  return {
    app_version: "0.2.0",
    api_version: "v24.0",
    mode: "live",
    listen: "127.0.0.1:8787",
    local_webhook_url: "http://127.0.0.1:8787/webhook",
    public_webhook_url: "https://lima.ngrok.app/webhook",
    tunnel: { state: "online", url: "https://lima.ngrok.app", callback: { status: "repointed" } },
    last_webhook_at: NOW.getTime() - 2 * 60 * 1000,
    webhooks_received: 42,
    webhooks_refused_signature: 0,
    outbox: { state: "running" },
    outbox_counts: { pending: 1, in_flight: 0, failed: 2, unknown: 0 },
    phone_number_id: "106540352242922",
    business_account_id: "102290129340398",
    platform: "linux x86_64",
    last_backup: null,
    disk: {
      free_bytes: 52 * 2 ** 30,
      free_space_floor_bytes: 2 ** 30,
      daily_budget_bytes: 200 * 2 ** 20,
      spool_backlog_bytes: 8 * 2 ** 20,
      spool_backlog_records: 3,
      spool_cap_bytes: 256 * 2 ** 20,
    },
    ...fields,
  };
}
