// The diagnostics view's wording: masked ids, "2 minutes ago", the outbox in a sentence.
import type { OutboxCounts } from "../bindings/OutboxCounts";
import type { OutboxHealth } from "../bindings/OutboxHealth";
import { formatClockTime } from "./tunnel";

/** An id with all but its last four characters hidden (`••••••••2922`), as the report shows it. */
export function maskId(id: string): string {
  const chars = Array.from(id);
  const keep = Math.max(chars.length - 4, 0);
  return chars.map((c, i) => (i < keep ? "•" : c)).join("");
}

/** How long ago a unix-milliseconds time was, in words ("just now", "2 minutes ago", "3 hours ago"). */
export function formatAgo(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 10) return "just now";
  const unit = (count: number, name: string): string => `${count} ${name}${count === 1 ? "" : "s"} ago`;
  if (seconds < 60) return unit(seconds, "second");
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return unit(hours, "hour");
  return unit(Math.floor(hours / 24), "day");
}

/** Whether the outbox is sending, in a sentence. */
export function describeOutboxHealth(health: OutboxHealth, locale?: string): string {
  switch (health.state) {
    case "running":
      return "Running";
    case "needs_reconnect":
      return `Paused: the account needs reconnecting (${health.reason})`;
    case "cooling_down":
      return `Cooling down until ${formatClockTime(health.until * 1000, locale)} (${health.reason})`;
  }
}

export function describeOutboxCounts(counts: OutboxCounts): string {
  return (
    `${counts.pending} pending, ${counts.in_flight} in flight, ` +
    `${counts.failed} failed (24 h), ${counts.unknown} unknown (24 h)`
  );
}
