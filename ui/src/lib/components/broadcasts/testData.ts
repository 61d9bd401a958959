// Broadcasts as the engine gives them, for the section's tests.
import type { BroadcastDetail } from "../../../bindings/BroadcastDetail";
import type { BroadcastView } from "../../../bindings/BroadcastView";
import type { Created } from "../../../bindings/Created";
import type { RecipientCounts } from "../../../bindings/RecipientCounts";
import { funnelOf } from "../../broadcasts";

export const START = Date.UTC(2026, 11, 5, 10, 0);

export function counts(fields: Partial<RecipientCounts> = {}): RecipientCounts {
  const c = { pending: 0, queued: 0, sent: 0, delivered: 0, read: 0, replied: 0, failed: 0, skipped: 0, ...fields };
  const total = c.pending + c.queued + c.sent + c.delivered + c.read + c.replied + c.failed + c.skipped;
  return { total, ...c };
}

export function view(fields: Partial<BroadcastView> & { id: number }): BroadcastView {
  return {
    name: `Broadcast ${fields.id}`,
    template: "order_ready",
    lang: "en_US",
    category: "UTILITY",
    state: "running",
    reason: null,
    start_at: START,
    needs_confirmation: false,
    rate: 80,
    current_rate: 0,
    eta_secs: null,
    counts: counts({ pending: 10 }),
    created_at: START,
    finished_at: null,
    ...fields,
  };
}

export function detail(b: BroadcastView, failures: { key: string; count: number }[] = []): BroadcastDetail {
  return {
    broadcast: b,
    report: { counts: b.counts, funnel: funnelOf(b.counts), failures, skipped: [], reply_classes: [] },
  };
}

export const CHECKED: Created = {
  id: null,
  category: "MARKETING",
  check: {
    recipients: 3,
    invalid: [{ row: 4, value: "1.5E+11", reason: "scientific notation from a spreadsheet", first_row: null }],
    duplicates: [{ row: 6, value: "5215512345678", reason: "the same customer as row 2", first_row: 2 }],
    opted_out: 1,
    us_numbers: 2,
    stripped_prefix: 1,
    business_initiated: 3,
  },
  budget: { limit: 250, used: 40, left: 210, known: true },
  preview: [{ wa_id: "5215512345678", params: ["Ana <i>", "R-7"], body: "Hi Ana <i>, your order R-7 is ready for pickup." }],
};

