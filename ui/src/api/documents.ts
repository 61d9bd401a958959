// Documents (invoices, quotes, receipts), products, the shop's profile and the statistics.
// Re-exported by api.ts.
import type { DocumentDraft } from "../bindings/DocumentDraft";
import type { DocumentRequest } from "../bindings/DocumentRequest";
import type { DocumentSummary } from "../bindings/DocumentSummary";
import type { DocumentView } from "../bindings/DocumentView";
import type { DraftTotals } from "../bindings/DraftTotals";
import type { MessageView } from "../bindings/MessageView";
import type { Product } from "../bindings/Product";
import type { ShopProfile } from "../bindings/ShopProfile";
import type { ShopProfileView } from "../bindings/ShopProfileView";
import type { Figure } from "../bindings/Figure";
import type { Stats } from "../bindings/Stats";
import { call } from "../invoke";

/** Which documents to list; blanks list them all. */
export interface DocumentFilter {
  kind?: string | null;
  contact?: string | null;
  query?: string | null;
}

/** The documents, newest first. */
export function listDocuments(filter: DocumentFilter = {}): Promise<DocumentSummary[]> {
  return call<DocumentSummary[]>("list_documents", {
    kind: filter.kind ?? null,
    contact: filter.contact ?? null,
    query: filter.query ?? null,
  });
}

/** One document (by id or number) with its lines and figures. */
export function showDocument(document: string | number): Promise<DocumentView> {
  return call<DocumentView>("show_document", { document: String(document) });
}

/** A draft's exact figures (the editor's live totals), or the problem with its lines. */
export function documentTotals(draft: DocumentDraft): Promise<DraftTotals> {
  return call<DraftTotals>("document_totals", { draft });
}

/** The PDF a draft would be issued as, for the preview. */
export async function previewDocument(draft: DocumentDraft): Promise<Uint8Array> {
  return new Uint8Array(await call<ArrayBuffer>("preview_document", { draft }));
}

/** An issued document's PDF, as it was sent. */
export async function documentPdf(document: string | number): Promise<Uint8Array> {
  return new Uint8Array(await call<ArrayBuffer>("document_pdf", { document: String(document) }));
}

/** Takes the draft's number and writes its files. */
export function issueDocument(draft: DocumentDraft): Promise<DocumentView> {
  return call<DocumentView>("issue_document", { draft });
}

/** An approved template with a DOCUMENT header, to carry a document outside the 24-hour window. */
export interface TemplateChoice {
  name: string;
  language: string;
  /** The body's values; null fills them from the document (customer, kind, number). */
  parameters?: string[] | null;
}

/** Sends a document's PDF in its customer's chat (as a template's header when given); resolves with the queued message. */
export function sendDocument(
  document: string | number,
  caption: string | null = null,
  template: TemplateChoice | null = null,
): Promise<MessageView> {
  return call<MessageView>("send_document", {
    document: String(document),
    caption,
    template: template?.name ?? null,
    language: template?.language ?? null,
    parameters: template?.parameters ?? null,
  });
}

/** Cancels an invoice with a credit note; resolves with the credit note. */
export function cancelDocument(document: string | number): Promise<DocumentView> {
  return call<DocumentView>("cancel_document", { document: String(document) });
}

export type DocumentFormat = "pdf" | "docx";

/** Opens a document's file with the computer's default app. */
export async function openDocument(document: string | number, format: DocumentFormat): Promise<void> {
  await call<null>("open_document", { document: String(document), format });
}

/** Asks where to save a document's file; the chosen path, or null when cancelled. */
export function saveDocumentAs(document: string | number, format: DocumentFormat): Promise<string | null> {
  return call<string | null>("save_document_as", { document: String(document), format });
}

/** Every statistic from `from` to `to` (`YYYY-MM-DD`, both included). */
export function statistics(from: string, to: string): Promise<Stats> {
  return call<Stats>("statistics", { from, to });
}

/** Saves one figure as CSV where the owner chooses; the path, or null when cancelled. */
export function saveStatisticsCsv(from: string, to: string, figure: Figure, lang: string): Promise<string | null> {
  return call<string | null>("save_statistics_csv", { from, to, figure, lang });
}

/** The document a message carries, if any. */
export function documentOfMessage(messageId: number): Promise<DocumentSummary | null> {
  return call<DocumentSummary | null>("document_of_message", { messageId });
}

/** Customers' requests for a document the shop did not have, oldest first. */
export function documentRequests(): Promise<DocumentRequest[]> {
  return call<DocumentRequest[]>("document_requests");
}

/** The owner has dealt with what this customer asked for. */
export async function dismissDocumentRequests(contact: string): Promise<void> {
  await call<null>("dismiss_document_requests", { contact });
}

export function listProducts(): Promise<Product[]> {
  return call<Product[]>("list_products");
}

/** Adds (`id` null) or changes a product; resolves with it as stored. */
export function saveProduct(product: Product): Promise<Product> {
  return call<Product>("save_product", { product });
}

export async function deleteProduct(id: number): Promise<void> {
  await call<null>("delete_product", { id });
}

export function shopProfile(): Promise<ShopProfileView> {
  return call<ShopProfileView>("shop_profile");
}

export function saveShopProfile(businessName: string | null, profile: ShopProfile): Promise<ShopProfileView> {
  return call<ShopProfileView>("save_shop_profile", { businessName, profile });
}

/** Asks for the logo file (PNG or JPEG); its path, or null when cancelled. */
export function chooseLogo(): Promise<string | null> {
  return call<string | null>("choose_logo");
}
