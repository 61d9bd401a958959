// Pure helpers of the Statistics section: the default range, durations, percentages, the
// heatmap's shades, weekday and month names in the app's language.
import { formatAmount } from "../documents";

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

/** `80%` / `80 %`, as the language writes percentages. */
export function formatRate(rate: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

/** An exact decimal string as money, without going through a float for the digits. */
export function formatMoney(total: string, currency: string, locale?: string): string {
  return formatAmount(total, currency, locale);
}

/** 0..4: how busy an hour is against the busiest one (0 for none). */
export function shade(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.ceil((value / max) * 4));
}

/** The short weekday names, Monday first: `Mon`… in English, `lun`… in Spanish. */
export function weekdayNames(locale?: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: "short" });
  // 1 January 2024 was a Monday.
  return Array.from({ length: 7 }, (_, d) => format.format(new Date(2024, 0, 1 + d)));
}

/** `YYYY-MM` as a month and year (`November 2026`, `noviembre de 2026`); as given when it is not one. */
export function monthName(month: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric" }).format(new Date(Number(match[1]), Number(match[2]) - 1, 1));
}

/** `YYYY-MM-DD` as a short day (`Nov 2`, `2 nov`); as given when it is not one. */
export function dayName(day: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" }).format(date);
}
