// Documents in the app: kind and status words (in the app's language), exact amounts shown with
// the language's separators (decimal strings from Rust, never turned into floats), the editor's
// draft, the list's filter.
import type { DocumentDraft } from "../bindings/DocumentDraft";
import type { DocumentStatus } from "../bindings/DocumentStatus";
import type { DocumentSummary } from "../bindings/DocumentSummary";
import type { MessageStatus } from "../bindings/MessageStatus";
import type { Product } from "../bindings/Product";
import { foldForSearch } from "./format";
import { i18n, t, type MessageKey } from "./i18n/index.svelte";

/** The kinds the editor issues (a credit note is made by cancelling an invoice). */
export const ISSUABLE_KINDS = ["invoice", "quote", "receipt", "order", "delivery_note"] as const;
export type IssuableKind = (typeof ISSUABLE_KINDS)[number];

const KIND_NAMES: Record<string, MessageKey> = {
  invoice: "documents.kind_invoice",
  quote: "documents.kind_quote",
  receipt: "documents.kind_receipt",
  order: "documents.kind_order",
  delivery_note: "documents.kind_delivery_note",
  credit_note: "documents.kind_credit_note",
};

/** "Invoice", "Delivery note"... ("Factura", "Nota de remisión"... in Spanish). */
export function kindName(kind: string): string {
  return t(KIND_NAMES[kind] ?? "documents.kind_other");
}

/** Every kind a list can be filtered by. */
export const ALL_KINDS = Object.keys(KIND_NAMES);

const STATUS_NAMES: Record<DocumentStatus, MessageKey> = {
  issuing: "documents.status_issuing",
  issued: "documents.status_issued",
  cancelled: "documents.status_cancelled",
  queued: "documents.status_queued",
  sending: "documents.status_sending",
  sent: "documents.status_sent",
  delivered: "documents.status_delivered",
  read: "documents.status_read",
  failed: "documents.status_failed",
  unknown: "documents.status_unknown",
};

export function documentStatusName(status: DocumentStatus): string {
  return t(STATUS_NAMES[status]);
}

/** The message status whose ticks show a document's status, if it has been sent at all. */
export function ticksOf(status: DocumentStatus): MessageStatus | null {
  switch (status) {
    case "queued":
    case "sending":
    case "sent":
    case "delivered":
    case "read":
    case "failed":
    case "unknown":
      return status;
    default:
      return null;
  }
}

/** A document's status once the message that carries it moved to `status`. */
export function documentStatusOf(status: MessageStatus): DocumentStatus {
  switch (status) {
    case "played":
      return "read";
    case "received":
      return "unknown";
    default:
      return status;
  }
}

/**
 * An exact decimal string with the language's separators: `1234567.5` → `1,234,567.5` in English,
 * `1.234.567,5` in Spanish. The whole part is grouped by Intl as a BigInt and the fraction's
 * digits are kept as typed: never a float.
 */
export function groupDecimal(value: string, locale: string = i18n.lang): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign = "", whole = "", fraction] = match;
  const grouped = new Intl.NumberFormat(locale).format(BigInt(whole));
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}${decimalSeparator(locale)}${fraction}`;
}

function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
}

/** `1,234.50 EUR` (`1234,50 EUR` in Spanish). */
export function formatAmount(value: string, currency: string, locale: string = i18n.lang): string {
  return `${groupDecimal(value, locale)} ${currency}`;
}

/** A document's date (unix ms) as a short date in the app's language. */
export function formatDocumentDate(unixMs: number, locale: string = i18n.lang): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(unixMs));
}

/** The list's filter: kind, status, a customer, and text in the number or the customer's name. */
export interface DocumentListFilter {
  kind: string;
  status: string;
  contact: string;
  query: string;
}

export function filterDocuments(documents: readonly DocumentSummary[], f: DocumentListFilter): DocumentSummary[] {
  const q = foldForSearch(f.query.trim());
  const digits = /^[\d\s+().-]+$/.test(f.query.trim()) ? f.query.replace(/\D/g, "") : "";
  return documents.filter(
    (d) =>
      (!f.kind || d.kind === f.kind) &&
      (!f.status || statusGroup(d.status) === f.status) &&
      (!f.contact || d.contact === f.contact) &&
      (!q ||
        foldForSearch(d.number).includes(q) ||
        foldForSearch(d.contact_name ?? "").includes(q) ||
        (digits !== "" && d.contact.includes(digits))),
  );
}

/** The statuses the list's filter offers, each a group of document statuses. */
export const STATUS_GROUPS = ["unsent", "pending", "sent", "delivered", "read", "failed", "cancelled"] as const;

/** A status group's name: "Not sent", "Sending"... */
export function statusGroupName(group: (typeof STATUS_GROUPS)[number]): string {
  return t(`documents.group_${group}`);
}

export function statusGroup(status: DocumentStatus): string {
  switch (status) {
    case "issuing":
    case "issued":
      return "unsent";
    case "queued":
    case "sending":
      return "pending";
    case "unknown":
      return "failed";
    default:
      return status;
  }
}

/** One line as the editor holds it (strings as typed). */
export interface EditorLine {
  key: number;
  description: string;
  quantity: string;
  unit: string;
  unit_price: string;
  discount: string;
  tax_rate: string;
}

let nextKey = 1;

export function emptyLine(taxRate = ""): EditorLine {
  return { key: nextKey++, description: "", quantity: "1", unit: "", unit_price: "", discount: "", tax_rate: taxRate };
}

/** A line filled from a product (its name, price, tax rate and unit), keeping the quantity. */
export function lineFromProduct(line: EditorLine, product: Product): EditorLine {
  return {
    ...line,
    description: product.name,
    unit_price: product.unit_price,
    tax_rate: product.tax_rate,
    unit: product.unit ?? "",
  };
}

/** The products whose name contains what is typed (ignoring case and accents), best first. */
export function matchProducts(products: readonly Product[], typed: string, limit = 8): Product[] {
  const q = foldForSearch(typed.trim());
  if (!q) return [];
  const starts: Product[] = [];
  const contains: Product[] = [];
  for (const p of products) {
    const name = foldForSearch(p.name);
    if (name === q) continue;
    if (name.startsWith(q)) starts.push(p);
    else if (name.includes(q)) contains.push(p);
  }
  return [...starts, ...contains].slice(0, limit);
}

/** What the editor holds. */
export interface EditorState {
  kind: IssuableKind;
  contact: string;
  lang: string;
  currency: string;
  notes: string;
  dueDate: string;
  customerAddress: string;
  customerTaxId: string;
  lines: EditorLine[];
}

/** Lines the owner has not started are left out. */
function started(line: EditorLine): boolean {
  return line.description.trim() !== "" || line.unit_price.trim() !== "";
}

/** The draft Rust previews and issues. */
export function toDraft(s: EditorState): DocumentDraft {
  const blank = (v: string): string | null => (v.trim() === "" ? null : v.trim());
  return {
    kind: s.kind,
    contact: s.contact,
    lines: s.lines.filter(started).map((l) => ({
      description: l.description.trim(),
      quantity: l.quantity.trim(),
      unit: blank(l.unit),
      unit_price: l.unit_price.trim(),
      discount: l.discount.trim(),
      tax_rate: l.tax_rate.trim(),
    })),
    currency: blank(s.currency),
    lang: blank(s.lang),
    notes: blank(s.notes),
    due_date: blank(s.dueDate),
    customer_address: blank(s.customerAddress),
    customer_tax_id: blank(s.customerTaxId),
  };
}

/** The index, among the lines sent in the draft, of each editor line (null when left out). */
export function draftIndexes(lines: readonly EditorLine[]): (number | null)[] {
  let i = 0;
  return lines.map((l) => (started(l) ? i++ : null));
}
