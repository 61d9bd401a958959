// What a conversation tells its document bubbles: which document a message carries, and how to
// open its record (Svelte context, so the bubbles need no props threaded through the list).
import type { DocumentSummary } from "../../../bindings/DocumentSummary";

export const CHAT_DOCUMENTS = Symbol("chat-documents");

export interface ChatDocuments {
  find(messageId: number): DocumentSummary | undefined;
  open(id: number): void;
  /** This customer's documents that can be sent, newest first. */
  list(): DocumentSummary[];
}
