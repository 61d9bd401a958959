// The documents side of the fake backend: a few documents, requests, products and a shop
// profile, with working issue / send / cancel. Amounts here are worked out in cents, which is
// exact for the two-decimal figures the tests use (the real figures come from Rust).
import type { DocumentDraft } from "../bindings/DocumentDraft";
import type { DocumentRequest } from "../bindings/DocumentRequest";
import type { DocumentSummary } from "../bindings/DocumentSummary";
import type { DocumentView } from "../bindings/DocumentView";
import type { DraftTotals } from "../bindings/DraftTotals";
import type { Product } from "../bindings/Product";
import type { ShopProfileView } from "../bindings/ShopProfileView";
import type { Args, Handler } from "./fakeBackend";
import { message, NOW_S } from "./fixtures";

export const PRODUCTS: Product[] = [
  { id: 1, name: "Coffee beans 1kg", unit_price: "18.50", tax_rate: "10", unit: "bag" },
  { id: 2, name: "Espresso cup", unit_price: "6.00", tax_rate: "21", unit: null },
  { id: 3, name: "Cold brew kit", unit_price: "34.90", tax_rate: "21", unit: null },
];

export const SHOP: ShopProfileView = {
  business_name: "Café Lucía",
  profile: {
    shop_address: "Calle Mayor 1, Madrid",
    shop_tax_id: "B12345678",
    shop_phone: null,
    shop_email: null,
    shop_logo: null,
    currency: "EUR",
    default_tax_rate: "21",
    payment_terms: "Payment within 30 days",
    bank_details: null,
    document_language: "en",
    document_prefixes: {
      invoice: "INV",
      quote: "QUO",
      receipt: "REC",
      order: "ORD",
      delivery_note: "DN",
      credit_note: "CN",
    },
  },
};

export function documentSummary(overrides: Partial<DocumentSummary> = {}): DocumentSummary {
  return {
    id: 1,
    kind: "invoice",
    number: "INV-2026-0001",
    contact: "34600111222",
    contact_name: "Ana García",
    status: "issued",
    currency: "EUR",
    lang: "en",
    subtotal: "100.00",
    tax: "21.00",
    total: "121.00",
    files: { docx: "/data/documents/2026/INV-2026-0001.docx", pdf: "/data/documents/2026/INV-2026-0001.pdf" },
    message_id: null,
    error: null,
    created_at: NOW_S * 1000,
    cancels: null,
    cancelled_by: null,
    ...overrides,
  };
}

const cents = (s: string): number => Math.round(Number(s) * 100);
const money = (c: number): string => (c / 100).toFixed(2);

/** The figures of a draft, or the problem with its first bad line. */
export function fakeTotals(draft: DocumentDraft): DraftTotals {
  const lines: string[] = [];
  const bands = new Map<string, { base: number; tax: number }>();
  for (const [i, line] of draft.lines.entries()) {
    const q = Number(line.quantity);
    if (!(q > 0)) return problem(draft, `line ${i + 1}: the quantity must be more than 0`);
    if (!/^\d+(\.\d+)?$/.test(line.unit_price)) return problem(draft, `line ${i + 1}: "${line.unit_price}" is not a price`);
    const net = Math.round(q * cents(line.unit_price) * (1 - Number(line.discount || "0") / 100));
    lines.push(money(net));
    const band = bands.get(line.tax_rate) ?? { base: 0, tax: 0 };
    band.base += net;
    band.tax = Math.round((band.base * Number(line.tax_rate)) / 100);
    bands.set(line.tax_rate, band);
  }
  const subtotal = [...bands.values()].reduce((a, b) => a + b.base, 0);
  const tax = [...bands.values()].reduce((a, b) => a + b.tax, 0);
  return {
    currency: draft.currency ?? "EUR",
    lines,
    tax_bands: [...bands.entries()].map(([rate, b]) => ({ rate, base: money(b.base), tax: money(b.tax) })),
    subtotal: money(subtotal),
    tax: money(tax),
    total: money(subtotal + tax),
    problem: null,
  };
}

function problem(draft: DocumentDraft, text: string): DraftTotals {
  return { currency: draft.currency ?? "EUR", lines: [], tax_bands: [], subtotal: "0", tax: "0", total: "0", problem: text };
}

/** A stand-in PDF: only its bytes travel; the tests replace pdf.js. */
export const PDF_BYTES = new TextEncoder().encode("%PDF-1.7 fake");

export interface FakeDocuments {
  documents: DocumentSummary[];
  requests: DocumentRequest[];
  products: Product[];
  handlers: Record<string, Handler>;
}

/** Working document commands over `documents` and `requests`. */
export function fakeDocuments(documents: DocumentSummary[] = [], requests: DocumentRequest[] = []): FakeDocuments {
  const state: FakeDocuments = { documents, requests, products: PRODUCTS.slice(), handlers: {} };
  let nextId = 100;
  let nextMessage = 30_000;
  const find = (key: unknown): DocumentSummary => {
    const d = state.documents.find((x) => String(x.id) === String(key) || x.number === key);
    if (!d) throw { code: "not_found", message: `there is no document "${String(key)}"` };
    return d;
  };
  const view = (d: DocumentSummary): DocumentView => ({
    ...d,
    lines: [{ description: "Coffee beans 1kg", quantity: "2", unit: "bag", unit_price: "18.50", discount: "0", tax_rate: "10", amount: "37.00" }],
    tax_bands: [{ rate: "10", base: d.subtotal, tax: d.tax }],
    notes: null,
    issue_date: "2026-12-05",
    due_date: null,
  });
  const issue = (args: Args): DocumentView => {
    const draft = args.draft as DocumentDraft;
    const totals = fakeTotals(draft);
    if (totals.problem) throw { code: "invalid_input", message: totals.problem };
    if (draft.lines.length === 0) throw { code: "invalid_input", message: "a document needs at least one line" };
    const id = nextId++;
    const doc = documentSummary({
      id,
      kind: draft.kind,
      number: `INV-2026-${String(id).padStart(4, "0")}`,
      contact: draft.contact,
      contact_name: null,
      subtotal: totals.subtotal,
      tax: totals.tax,
      total: totals.total,
    });
    state.documents.unshift(doc);
    return view(doc);
  };
  state.handlers = {
    list_documents: () => state.documents.slice(),
    document_requests: () => state.requests.slice(),
    dismiss_document_requests: (args) => {
      state.requests = state.requests.filter((r) => r.contact !== args.contact);
      return null;
    },
    show_document: (args) => view(find(args.document)),
    document_totals: (args) => fakeTotals(args.draft as DocumentDraft),
    preview_document: () => PDF_BYTES.buffer.slice(0),
    document_pdf: () => PDF_BYTES.buffer.slice(0),
    issue_document: issue,
    send_document: (args) => {
      const doc = find(args.document);
      doc.message_id = nextMessage++;
      doc.status = "queued";
      return message({ id: doc.message_id, contact: doc.contact, direction: "out", status: "queued", type: "document" });
    },
    cancel_document: (args) => {
      const invoice = find(args.document);
      const id = nextId++;
      const credit = documentSummary({ ...invoice, id, kind: "credit_note", number: `CN-2026-${id}`, status: "issued", cancels: invoice.number });
      invoice.status = "cancelled";
      invoice.cancelled_by = credit.number;
      state.documents.unshift(credit);
      return view(credit);
    },
    open_document: () => null,
    save_document_as: (args) => `/home/shop/${String(args.document)}.${String(args.format)}`,
    list_products: () => state.products.slice(),
    save_product: (args) => {
      const p = args.product as Product;
      if (!p.name.trim()) throw { code: "invalid_input", message: "a product needs a name of 1 to 200 characters" };
      const stored = { ...p, id: p.id ?? nextId++ };
      state.products = [...state.products.filter((x) => x.id !== stored.id), stored];
      return stored;
    },
    delete_product: (args) => {
      state.products = state.products.filter((x) => x.id !== args.id);
      return null;
    },
    shop_profile: () => structuredClone(SHOP),
    save_shop_profile: (args) => ({ business_name: args.businessName as string | null, profile: args.profile }),
    choose_logo: () => null,
  };
  return state;
}
