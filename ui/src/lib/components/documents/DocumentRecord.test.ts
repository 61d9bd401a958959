import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { fakeBackend, settle, template } from "../../../test/fakeBackend";
import { documentSummary, fakeDocuments } from "../../../test/fakeDocuments";
import { chat, last, media, message } from "../../../test/fixtures";
import { ConversationStore } from "../../stores/conversation.svelte";
import { DocumentsStore } from "../../stores/documents.svelte";
import Conversation from "../Conversation.svelte";
import DocumentRecord from "./DocumentRecord.svelte";

vi.mock("../../pdf", () => ({
  renderPdf: vi.fn(async () => [document.createElement("canvas")]),
}));

const ANA = "34600111222";

async function record(doc = documentSummary({ id: 1 })) {
  const docs = fakeDocuments([doc]);
  const backend = fakeBackend(docs.handlers);
  const onchanged = vi.fn();
  const onopen = vi.fn();
  const onchat = vi.fn();
  render(DocumentRecord, { id: doc.id, onchanged, onopen, onchat });
  await settle();
  return { backend, docs, onchanged, onopen, onchat, user: userEvent.setup() };
}

describe("DocumentRecord", () => {
  test("shows the document and its own file; sends it, then offers Resend", async () => {
    const { backend, onchanged, user } = await record();
    const root = screen.getByTestId("document-record");
    expect(within(root).getByTestId("document-number")).toHaveTextContent("INV-2026-0001");
    expect(within(root).getByTestId("document-status")).toHaveTextContent("Not sent");
    expect(root).toHaveTextContent("121.00 EUR");
    await waitFor(() => expect(screen.getByTestId("pdf-preview")).toHaveAttribute("data-pages", "1"));
    expect(backend.callsTo("document_pdf")).toEqual([{ document: "1" }]);

    await user.click(screen.getByTestId("send-document"));
    await settle();
    expect(backend.callsTo("send_document")).toEqual([{ document: "1", caption: null, template: null, language: null, parameters: null }]);
    expect(onchanged).toHaveBeenCalledWith(expect.objectContaining({ id: 1, status: "queued" }));
    expect(screen.getByTestId("send-document")).toHaveTextContent("Resend");
  });

  test("outside the 24-hour window it goes as the document of an approved template", async () => {
    const { backend, user } = await record();
    backend.on("send_document", (args) => {
      if (!args.template) throw { code: "outside_window", message: "closed" };
      return { id: 777 };
    });
    backend.on("list_templates", () => [
      template({ name: "order_ready", body: "" }),
      template({ name: "document_ready", language: "en", header_format: "DOCUMENT", body: "", parameters: ["1", "2", "3"] }),
      template({ name: "document_ready", language: "es", status: "PENDING", header_format: "DOCUMENT", body: "" }),
    ]);
    await user.click(screen.getByTestId("send-document"));
    await settle();
    expect(screen.getByTestId("record-problem")).toHaveTextContent("24-hour window is closed");
    const options = within(screen.getByTestId("document-template")).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["document_ready (en)"]);
    await user.click(screen.getByTestId("send-with-template"));
    await settle();
    expect(last(backend.callsTo("send_document"))).toEqual({ document: "1", caption: null, template: "document_ready", language: "en", parameters: null });
    expect(screen.getByRole("status")).toHaveTextContent("Queued in the chat as the template document_ready.");
  });

  test("Cancel with a credit note asks first, then opens the credit note", async () => {
    const { backend, onopen, onchanged, user } = await record();
    await user.click(screen.getByTestId("cancel-document"));
    expect(backend.callsTo("cancel_document")).toEqual([]);
    await user.click(screen.getByTestId("confirm-cancel"));
    await settle();
    expect(backend.callsTo("cancel_document")).toEqual([{ document: "1" }]);
    expect(onopen).toHaveBeenCalledWith(100);
    expect(onchanged).toHaveBeenCalledWith(expect.objectContaining({ id: 1, status: "cancelled", cancelled_by: "CN-2026-100" }));
  });

  test("Save as asks for a place for the PDF or the DOCX", async () => {
    const { backend, user } = await record();
    await user.click(screen.getByRole("button", { name: "Save as DOCX…" }));
    await settle();
    expect(backend.callsTo("save_document_as")).toEqual([{ document: "1", format: "docx" }]);
    expect(screen.getByRole("status")).toHaveTextContent("Saved to /home/shop/1.docx");
  });
});

describe("documents in a conversation", () => {
  test("Create document, the customer's waiting request, and the document bubble opening its record", async () => {
    const sent = message({
      id: 501,
      contact: ANA,
      direction: "out",
      status: "read",
      type: "document",
      text: "Invoice INV-2026-0001",
      media: media({ kind: "document", filename: "INV-2026-0001.pdf", mime_type: "application/pdf", state: "ready" }),
    });
    const docs = fakeDocuments(
      [documentSummary({ id: 1, contact: ANA, message_id: 501, status: "read" })],
      [{ id: 1, contact: ANA, contact_name: "Ana García", kind: "receipt", message_id: 77, created_at: 0 }],
    );
    const backend = fakeBackend({ ...docs.handlers, list_messages: () => [sent], mark_read: () => null });
    const documents = new DocumentsStore();
    await documents.load();
    await documents.loadRequests();
    const conversation = new ConversationStore({ isFocused: () => true });
    const oncreatedocument = vi.fn();
    const onopendocument = vi.fn();
    render(Conversation, {
      conversation,
      chat: chat({ wa_id: ANA, name: "Ana García" }),
      onsend: async () => {},
      documents,
      oncreatedocument,
      onopendocument,
    });
    await conversation.open(ANA);
    await settle();
    const user = userEvent.setup();

    await user.click(screen.getByTestId("create-document"));
    expect(oncreatedocument).toHaveBeenCalledWith(ANA);

    expect(screen.getByTestId("chat-document-requests")).toHaveTextContent("Ana García asked for a receipt");
    await user.click(within(screen.getByTestId("chat-document-requests")).getByRole("button", { name: "Dismiss" }));
    await settle();
    expect(screen.queryByTestId("chat-document-requests")).toBeNull();
    expect(backend.callsTo("dismiss_document_requests")).toEqual([{ contact: ANA }]);

    await user.click(screen.getByTestId("open-document-record"));
    expect(onopendocument).toHaveBeenCalledWith(1);
  });
});
