// Broadcasts in the app: the typed commands, and the pure rules the section follows (tested
// without a window). Names, CSV values and reasons are data: Svelte escapes them where shown.
import { call } from "../api";
import type { BroadcastDetail } from "../bindings/BroadcastDetail";
import type { BroadcastView } from "../bindings/BroadcastView";
import type { Created } from "../bindings/Created";
import type { Funnel } from "../bindings/Funnel";
import type { NewBroadcast } from "../bindings/NewBroadcast";
import type { RecipientCounts } from "../bindings/RecipientCounts";
import { t, type MessageKey } from "./i18n/index.svelte";

export const broadcastsApi = {
  list: () => call<BroadcastView[]>("list_broadcasts"),
  show: (id: number) => call<BroadcastDetail>("show_broadcast", { id }),
  /** The wizard's check and preview (`dry_run: true`), then the broadcast itself. */
  create: (request: NewBroadcast) => call<Created>("create_broadcast", { request }),
  pause: (id: number) => call<BroadcastDetail>("pause_broadcast", { id }),
  /** Resumes a paused broadcast, or confirms one whose time passed while the app was closed. */
  resume: (id: number) => call<BroadcastDetail>("resume_broadcast", { id }),
  cancel: (id: number) => call<BroadcastDetail>("cancel_broadcast", { id }),
  /** Saves the results as CSV where the owner chooses; null when they cancelled. */
  export: (id: number) => call<string | null>("export_broadcast", { id }),
  /** The OS file dialog for the audience's CSV file; null when cancelled. */
  chooseCsv: () => call<string | null>("choose_broadcast_csv"),
};

/** The contact fields a template parameter can be filled from. */
export const CONTACT_FIELDS = ["name", "customer_name", "customer_ref", "phone"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const STATES = ["scheduled", "running", "paused", "completed", "cancelled"] as const;
export type BroadcastState = (typeof STATES)[number];

/** The catalogue key of a broadcast's state word (a state the app does not know reads as itself). */
export function stateKey(state: string): MessageKey | null {
  return (STATES as readonly string[]).includes(state) ? (`broadcasts.state_${state}` as MessageKey) : null;
}

/** Whether the owner can still pause, resume or cancel it. */
export function actionsFor(b: Pick<BroadcastView, "state" | "needs_confirmation">): {
  pause: boolean;
  resume: boolean;
  confirm: boolean;
  cancel: boolean;
} {
  const open = b.state === "running" || b.state === "scheduled" || b.state === "paused";
  return {
    pause: (b.state === "running" || b.state === "scheduled") && !b.needs_confirmation,
    resume: b.state === "paused",
    confirm: b.state === "scheduled" && b.needs_confirmation,
    cancel: open,
  };
}

/** Recipients done (sent, failed or skipped) out of all of them, 0 to 1. */
export function progressOf(c: RecipientCounts): number {
  if (c.total === 0) return 0;
  return (c.total - c.pending - c.queued) / c.total;
}

/** Reached at least this far: each step counts the later ones too (as the engine's report). */
export function funnelOf(c: RecipientCounts): Funnel {
  return {
    replied: c.replied,
    read: c.read + c.replied,
    delivered: c.delivered + c.read + c.replied,
    sent: c.sent + c.delivered + c.read + c.replied,
  };
}

/** The engine's fixed reasons the catalogue says in the app's language; others are shown as given. */
const KNOWN_REASONS: Record<string, MessageKey> = {
  "paused by the owner": "broadcasts.reason_paused_by_owner",
  "cancelled by the owner": "broadcasts.reason_cancelled_by_owner",
  "its time passed while Shopchat was closed: confirm to send it": "broadcasts.reason_missed",
  "waiting for the messaging limit (rolling 24 hours)": "broadcasts.reason_waiting_limit",
  "opted out": "broadcasts.reason_opted_out",
  cancelled: "broadcasts.reason_cancelled",
  "Meta does not deliver marketing templates to US (+1) numbers": "broadcasts.reason_us_marketing",
};

export function reasonKey(reason: string): MessageKey | null {
  return KNOWN_REASONS[reason] ?? null;
}

/** A reason the engine gave, in the app's language when the catalogue knows it. */
export function sayReason(reason: string): string {
  const key = reasonKey(reason);
  return key ? t(key) : reason;
}

/** The datetime-local value's moment (unix ms), or null when empty or not a date. */
export function parseLocal(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** The messages per second a broadcast is sent at: the settings' rate, at most 20 for a number on the Business app. */
export function rateFor(outboxRate: number | null, onBusinessApp: boolean, coexistenceRate: number): number | null {
  if (onBusinessApp) return Math.min(outboxRate ?? coexistenceRate, coexistenceRate);
  return outboxRate;
}
