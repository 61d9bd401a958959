import { describe, expect, it } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { documentSummary, fakeDocuments } from "../../test/fakeDocuments";
import { DocumentsStore } from "./documents.svelte";

describe("DocumentsStore", () => {
  it("loads the documents and follows the ticks of the messages that carry them", async () => {
    const docs = fakeDocuments([documentSummary({ id: 8, number: "INV-2026-0002" }), documentSummary({ id: 7, message_id: 501, status: "sent" })]);
    const backend = fakeBackend(docs.handlers);
    const store = new DocumentsStore();
    const stop = store.connect();
    await store.load();
    expect(store.documents.map((d) => d.id)).toEqual([8, 7]);

    await backend.emit("message://status", { type: "message_status", id: 501, contact: "34600111222", wamid: "wamid.1", status: "delivered", error: null });
    expect(store.documents.find((d) => d.id === 7)?.status).toBe("delivered");
    await backend.emit("message://status", { type: "message_status", id: 501, contact: "34600111222", wamid: "wamid.1", status: "read", error: null });
    expect(store.documents.find((d) => d.id === 7)?.status).toBe("read");
    // A status for a message that carries no document changes nothing.
    await backend.emit("message://status", { type: "message_status", id: 999, contact: "34600111222", wamid: "wamid.2", status: "failed", error: null });
    expect(store.documents.map((d) => d.status)).toEqual(["issued", "read"]);
    stop();
  });

  it("reads the requests again after a customer writes, and dismisses them", async () => {
    const docs = fakeDocuments([], []);
    const backend = fakeBackend(docs.handlers);
    const store = new DocumentsStore();
    const stop = store.connect();
    await store.loadRequests();
    expect(store.requests).toEqual([]);
    docs.requests = [{ id: 1, contact: "34600111222", contact_name: "Ana", kind: "invoice", message_id: 9, created_at: 0 }];
    await backend.emit("message://received", {
      type: "message_received",
      message: (await import("../../test/fixtures")).message({ id: 9, contact: "34600111222", text: "factura" }),
    });
    await new Promise((r) => setTimeout(r, 300));
    await settle();
    expect(store.requestsOf("34600111222")).toHaveLength(1);
    await store.dismissRequests("34600111222");
    expect(store.requests).toEqual([]);
    expect(backend.callsTo("dismiss_document_requests")).toEqual([{ contact: "34600111222" }]);
    stop();
  });
});
