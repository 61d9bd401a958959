// The diagnostics view's wording: masked ids, "2 minutes ago", the outbox in a sentence.
import type { OutboxCounts } from "../bindings/OutboxCounts";
import type { OutboxHealth } from "../bindings/OutboxHealth";
import { t } from "./i18n/index.svelte";
import { appLocale } from "./i18n/locale";
import { formatClockTime } from "./tunnel";

/** An id with all but its last four characters hidden (`••••••••2922`), as the report shows it. */
export function maskId(id: string): string {
  const chars = Array.from(id);
  const keep = Math.max(chars.length - 4, 0);
  return chars.map((c, i) => (i < keep ? "•" : c)).join("");
}

/** How long ago a unix-milliseconds time was, in words ("just now", "2 minutes ago", "hace 3 horas"). */
export function formatAgo(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 10) return t("ago.just_now");
  const ago = new Intl.RelativeTimeFormat(appLocale(), { numeric: "always" });
  const unit = (count: number, name: Intl.RelativeTimeFormatUnit): string => ago.format(-count, name);
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
      return t("outbox.running");
    case "needs_reconnect":
      return t("outbox.needs_reconnect", { reason: health.reason });
    case "cooling_down":
      return t("outbox.cooling_down", { until: formatClockTime(health.until * 1000, appLocale(locale)), reason: health.reason });
  }
}

export function describeOutboxCounts(counts: OutboxCounts): string {
  const { pending, in_flight, failed, unknown } = counts;
  return t("outbox.counts", { pending, in_flight, failed, unknown });
}
