// Display helpers: times, day labels, phone numbers, initials, previews. Pure functions; the
// `locale` and `now` parameters exist so tests are deterministic (the app uses the defaults).
import type { MediaKindView } from "../bindings/MediaKindView";
import type { MessageView } from "../bindings/MessageView";
import { t, type MessageKey } from "./i18n/index.svelte";
import { appLocale } from "./i18n/locale";
import { kindName } from "./media";

type Locale = string | undefined;

const DAY_MS = 24 * 60 * 60 * 1000;

function toDate(unixSeconds: number): Date {
  return new Date(unixSeconds * 1000);
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Whole calendar days between the local days of `date` and `now` (0 = same day, 1 = yesterday). */
export function daysAgo(date: Date, now: Date): number {
  return Math.round((startOfDay(now).getTime() - startOfDay(date).getTime()) / DAY_MS);
}

/** A key identifying the local calendar day of a unix timestamp, e.g. `2025-03-04`. */
export function dayKey(unixSeconds: number): string {
  const d = toDate(unixSeconds);
  const month = String(d.getMonth() + 1).padStart(2, "0");
  const day = String(d.getDate()).padStart(2, "0");
  return `${d.getFullYear()}-${month}-${day}`;
}

/** The time of day in the user's locale: `14:05` (or `2:05 PM`). */
export function formatTime(unixSeconds: number, locale?: Locale): string {
  return new Intl.DateTimeFormat(appLocale(locale), { timeStyle: "short" }).format(toDate(unixSeconds));
}

/** The chat list's time: the time today, "Yesterday", a weekday this week, else a short date. */
export function formatChatTime(unixSeconds: number, now: Date = new Date(), locale?: Locale): string {
  const date = toDate(unixSeconds);
  const ago = daysAgo(date, now);
  if (ago <= 0) return formatTime(unixSeconds, locale);
  if (ago === 1) return t("day.yesterday");
  if (ago < 7) return capitalize(new Intl.DateTimeFormat(appLocale(locale), { weekday: "long" }).format(date));
  return new Intl.DateTimeFormat(appLocale(locale), { day: "numeric", month: "numeric", year: "numeric" }).format(date);
}

/** A day separator's label: "Today", "Yesterday", or a date ("Monday, 3 March"; with the year when not this year). */
export function formatDayLabel(unixSeconds: number, now: Date = new Date(), locale?: Locale): string {
  const date = toDate(unixSeconds);
  const ago = daysAgo(date, now);
  if (ago === 0) return t("day.today");
  if (ago === 1) return t("day.yesterday");
  const sameYear = date.getFullYear() === now.getFullYear();
  return capitalize(new Intl.DateTimeFormat(appLocale(locale), {
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(date));
}

/** A label's first letter in capitals ("lunes" → "Lunes"), as a label starts in any language. */
function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** A full date and time for tooltips. */
export function formatFullDateTime(unixSeconds: number, locale?: Locale): string {
  return new Intl.DateTimeFormat(appLocale(locale), { dateStyle: "full", timeStyle: "short" }).format(toDate(unixSeconds));
}

// Country calling codes by length (ITU-T E.164): 1 and 7 are one digit; these are two; the rest three.
const TWO_DIGIT_CODES = new Set([
  "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
  "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
  "86", "90", "91", "92", "93", "94", "95", "98",
]);

function countryCodeLength(digits: string): number {
  if (digits.startsWith("1") || digits.startsWith("7")) return 1;
  if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return 2;
  return 3;
}

// How a national number of each length is grouped for reading (a readable approximation:
// real national formats differ by country).
const GROUPINGS: Record<number, number[]> = {
  5: [5],
  6: [3, 3],
  7: [3, 4],
  8: [4, 4],
  9: [3, 3, 3],
  10: [3, 3, 4],
  11: [3, 4, 4],
  12: [4, 4, 4],
};

/** Groups a national number for reading: `5550100001` → `555 010 0001`. */
function groupNational(national: string): string {
  const sizes = GROUPINGS[national.length];
  if (!sizes) return national.replace(/(\d{3})(?=\d{4,})/g, "$1 ");
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    groups.push(national.slice(at, at + size));
    at += size;
  }
  return groups.join(" ");
}

/**
 * A WhatsApp id (the number in international form, digits only) for display:
 * `15550100001` → `+1 555 010 0001`, `447700900123` → `+44 770 090 0123`. Anything that is not a
 * plausible number is returned unchanged.
 */
export function formatPhone(waId: string): string {
  const digits = waId.trim().replace(/^\+/, "");
  if (!/^\d{6,15}$/.test(digits)) return waId;
  const ccLength = countryCodeLength(digits);
  return `+${digits.slice(0, ccLength)} ${groupNational(digits.slice(ccLength))}`;
}

/** Digits only, for matching a typed number against wa_ids. */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, "");
}

/** The name to show for a contact: its profile name, else its formatted number. */
export function displayName(name: string | null | undefined, waId: string): string {
  const trimmed = name?.trim();
  return trimmed ? trimmed : formatPhone(waId);
}

/** Up to two initials from a name ("Ana Lima" → "AL", "chloé" → "C"); null without a name. */
export function initials(name: string | null | undefined): string | null {
  const words = (name ?? "")
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+/u, ""))
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  const first = Array.from(words[0] ?? "")[0] ?? "";
  const last = words.length > 1 ? (Array.from(words[words.length - 1] ?? "")[0] ?? "") : "";
  const result = (first + last).toLocaleUpperCase();
  return result || null;
}

/** A stable small number for a string, e.g. to pick an avatar colour. */
export function hashIndex(text: string, buckets: number): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash % buckets;
}

/** What a message holds beyond its text, in a few words ("Photo", "📍 Market Square", "↩ Yes"); null for plain text. */
export function contentSummary(message: Partial<Pick<MessageView, "media" | "content">>): string | null {
  const { media, content } = message;
  if (media) {
    const name = kindName(media.kind, media.voice);
    return media.kind === "document" && media.filename ? `📄 ${media.filename}` : `${MEDIA_ICON[media.kind]} ${name}`;
  }
  if (!content) return null;
  switch (content.kind) {
    case "location":
      return `📍 ${content.name ?? t("summary.location")}`;
    case "contacts":
      return `👤 ${content.cards.map((c) => c.name).join(", ") || t("summary.contact")}`;
    case "interactive":
      return content.body;
    case "interactive_reply":
      return `↩ ${content.title}`;
    case "template":
      return `📄 ${t("summary.template", { name: content.name })}`;
    case "order":
      return `🛒 ${t("summary.order", { items: content.items })}`;
    case "referral":
      return content.headline ? t("summary.from_ad_headline", { headline: content.headline }) : t("summary.from_ad");
    case "system":
      return content.body;
    case "unsupported":
      return content.reason;
    case "reaction":
      return reactionSummary(content, null);
  }
}

type ReactionContent = Extract<NonNullable<MessageView["content"]>, { kind: "reaction" }>;

/**
 * A reaction in words, as the chat list shows it: "You reacted 👍 to “See you at 5”",
 * "Ana reacted ❤️ to “Do you have mugs?”". `who` is null when the sentence needs no subject; `mine`: the shop's own ("You reacted").
 */
export function reactionSummary(content: ReactionContent, who: string | null, mine = false): string {
  const target = content.target_text
    ? shorten(content.target_text, 40)
    : content.target_kind
      ? readableType(content.target_kind)
      : "";
  const values = { emoji: content.emoji, target, quoted: target ? "yes" : "no", who: who ?? "", mine: mine ? "yes" : "no" };
  const subject = who !== null || mine;
  if (content.emoji) return t(subject ? "summary.reacted" : "summary.reacted_nobody", values);
  return t(subject ? "summary.unreacted" : "summary.unreacted_nobody", values);
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}

/** A message type in a few words, for a message the app cannot show otherwise. Never `[type]`. */
export function readableType(type: string): string {
  const known = READABLE_TYPE[type];
  return known ? `${known[0]}${t(known[1])}` : t("msgtype.message");
}

const READABLE_TYPE: Record<string, [string, MessageKey]> = {
  image: ["📷 ", "msgtype.image"],
  video: ["🎥 ", "msgtype.video"],
  audio: ["🎵 ", "msgtype.audio"],
  document: ["📄 ", "msgtype.document"],
  sticker: ["💟 ", "msgtype.sticker"],
  location: ["📍 ", "msgtype.location"],
  contacts: ["👤 ", "msgtype.contacts"],
  interactive: ["", "msgtype.interactive"],
  button: ["", "msgtype.button"],
  template: ["📄 ", "msgtype.template"],
  order: ["🛒 ", "msgtype.order"],
  reaction: ["", "msgtype.reaction"],
  system: ["", "msgtype.system"],
  unsupported: ["", "msgtype.unsupported"],
};

const MEDIA_ICON: Record<MediaKindView, string> = {
  image: "📷",
  video: "🎥",
  audio: "🎵",
  document: "📄",
  sticker: "💟",
};

/**
 * What a message says, in one line: its text; for media or other content a few words and the
 * caption ("📷 Photo the blue one"); for a type the app does not know, a few words too ("Message").
 */
export function messageSummary(message: Pick<MessageView, "type" | "text"> & Partial<Pick<MessageView, "media" | "content">>): string {
  const text = message.text?.trim() ?? "";
  if (message.type === "text" && !message.content) return text;
  const described = contentSummary(message);
  if (described !== null) {
    const showText = message.media || message.content?.kind === "referral";
    return showText && text ? `${described} ${text}` : described;
  }
  const readable = readableType(message.type);
  return text ? t("summary.type_text", { type: readable, text }) : readable;
}

/** Folds case and accents so "chloe" finds "Chloé". */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLocaleLowerCase();
}

/** WhatsApp lets a shop write freely for 24 hours after the customer's last message. */
export const WINDOW_SECONDS = 24 * 60 * 60;

/** Seconds left in a customer's 24-hour window: 0 when it has closed or they never wrote. */
export function windowSecondsLeft(lastInboundAt: number | null, now: Date = new Date()): number {
  if (lastInboundAt === null) return 0;
  return Math.max(0, lastInboundAt + WINDOW_SECONDS - Math.floor(now.getTime() / 1000));
}

/** How long a window stays open, roughly: "23 h left", "45 min left", "under a minute left". */
export function formatWindowLeft(seconds: number): string {
  if (seconds >= 3600) return t("window.hours_left", { hours: Math.floor(seconds / 3600) });
  if (seconds >= 60) return t("window.minutes_left", { minutes: Math.floor(seconds / 60) });
  return t("window.under_minute");
}
