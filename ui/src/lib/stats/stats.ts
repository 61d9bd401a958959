// Pure helpers of the Statistics section: the default range, durations, percentages, the
// heatmap's shades.

/** `YYYY-MM-DD` of a local date. */
export function isoDay(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** The last 30 days, today included. */
export function last30Days(now: Date = new Date()): { from: string; to: string } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29);
  return { from: isoDay(from), to: isoDay(now) };
}

/** `42 s`, `7 min`, `3 h 5 min`, or `–` when there is none. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

export function formatRate(rate: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

/** An exact decimal string as money, without going through a float for the digits. */
export function formatMoney(total: string, currency: string): string {
  return `${total} ${currency}`;
}

/** 0..4: how busy an hour is against the busiest one (0 for none). */
export function shade(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.ceil((value / max) * 4));
}

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
