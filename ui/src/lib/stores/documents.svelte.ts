// The documents: loaded with `list_documents`, kept up to date as the messages that carry them
// move on (`message://status`), and the customers' waiting requests.
import * as api from "../../api";
import type { ApiError, Unsubscribe } from "../../api";
import type { DocumentRequest } from "../../bindings/DocumentRequest";
import type { DocumentSummary } from "../../bindings/DocumentSummary";
import { documentStatusOf, filterDocuments, type DocumentListFilter } from "../documents";
import type { LoadStatus } from "./types";

export class DocumentsStore {
  /** Every document, newest first. */
  documents = $state.raw<DocumentSummary[]>([]);
  requests = $state.raw<DocumentRequest[]>([]);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);
  filter = $state<DocumentListFilter>({ kind: "", status: "", contact: "", query: "" });

  visible = $derived(filterDocuments(this.documents, this.filter));

  #generation = 0;
  #requestsTimer: ReturnType<typeof setTimeout> | null = null;

  async load(): Promise<void> {
    const generation = ++this.#generation;
    if (this.status !== "ready") this.status = "loading";
    this.error = null;
    try {
      const rows = await api.listDocuments();
      if (generation !== this.#generation) return;
      this.documents = rows;
      this.status = "ready";
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = api.toApiError(error);
      this.status = "error";
    }
  }

  async loadRequests(): Promise<void> {
    try {
      this.requests = await api.documentRequests();
    } catch (error) {
      console.error("document requests", error);
    }
  }

  /** Requests waiting from one customer. */
  requestsOf(contact: string): DocumentRequest[] {
    return this.requests.filter((r) => r.contact === contact);
  }

  /** The documents carried by a chat's messages, by message id. */
  byMessage(contact: string): Map<number, DocumentSummary> {
    const map = new Map<number, DocumentSummary>();
    for (const d of this.documents) {
      if (d.contact === contact && d.message_id !== null) map.set(d.message_id, d);
    }
    return map;
  }

  /** Adds or replaces one (after it was issued, sent or cancelled). */
  upsert(doc: DocumentSummary): void {
    const rest = this.documents.filter((d) => d.id !== doc.id);
    this.documents = [doc, ...rest].sort((a, b) => b.id - a.id);
  }

  /** Reads one document again (its status, its cancellation) and puts it in the list. */
  async refresh(id: number): Promise<void> {
    try {
      this.upsert(await api.showDocument(id));
    } catch (error) {
      console.error("document refresh", error);
    }
  }

  async dismissRequests(contact: string): Promise<void> {
    await api.dismissDocumentRequests(contact);
    this.requests = this.requests.filter((r) => r.contact !== contact);
  }

  /** Follows the messages that carry documents; a customer's message may be a new request. */
  connect(): Unsubscribe {
    const stop = api.onEvents({
      "message://status": (event) => {
        const doc = this.documents.find((d) => d.message_id === event.id);
        if (!doc || doc.status === "cancelled") return;
        this.upsert({ ...doc, status: documentStatusOf(event.status), error: event.error });
      },
      "message://queued": (event) => {
        // A document sent from elsewhere (the chat's answer to a customer, the CLI).
        if (event.message.media?.kind === "document" && !this.documents.some((d) => d.message_id === event.message.id)) {
          void this.load();
        }
      },
      "message://received": () => this.#requestsSoon(),
      "app://resync": () => {
        void this.load();
        void this.loadRequests();
      },
    });
    return () => {
      stop();
      if (this.#requestsTimer) clearTimeout(this.#requestsTimer);
    };
  }

  /** The chat's answer and any request are written with the message; read them a moment later. */
  #requestsSoon(): void {
    if (this.#requestsTimer) clearTimeout(this.#requestsTimer);
    this.#requestsTimer = setTimeout(() => {
      this.#requestsTimer = null;
      void this.loadRequests();
    }, 250);
  }
}
