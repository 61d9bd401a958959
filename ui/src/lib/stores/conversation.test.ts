import { describe, expect, test } from "vitest";
import type { MessageStatusChanged } from "../../api";
import { fakeBackend, settle, type Args } from "../../test/fakeBackend";
import { history, message, NOW_S, last } from "../../test/fixtures";
import { ConversationStore } from "./conversation.svelte";

const ANA = "15550100001";
const ids = (list: { id: number }[]) => list.map((m) => m.id);

/** A backend holding `all` messages of Ana, paging like Rust: `limit` before `beforeId`, oldest first. */
function pagedBackend(all = history(250)) {
  return fakeBackend({
    list_messages: (args: Args) => {
      const before = args.beforeId as number | null;
      const limit = args.limit as number;
      const older = all.filter((m) => before === null || m.id < before);
      return older.slice(Math.max(0, older.length - limit));
    },
    mark_read: () => null,
    send_text: (args: Args) =>
      message({ id: 9000, contact: args.to as string, direction: "out", status: "queued", text: args.text as string }),
  });
}

describe("opening a chat", () => {
  test("loads the latest page and marks the chat read", async () => {
    const backend = pagedBackend();
    const store = new ConversationStore({ isFocused: () => true });
    await store.open(ANA);
    expect(backend.callsTo("list_messages")).toEqual([{ contact: ANA, beforeId: null, limit: 100 }]);
    expect(backend.callsTo("mark_read")).toEqual([{ contact: ANA }]);
    expect(store.status).toBe("ready");
    expect(store.messages).toHaveLength(100);
    expect(store.messages[0]?.id).toBe(151);
    expect(last(store.messages)?.id).toBe(250);
    expect(store.hasMore).toBe(true);
  });

  test("a short history has nothing more to load", async () => {
    pagedBackend(history(3));
    const store = new ConversationStore();
    await store.open(ANA);
    expect(store.hasMore).toBe(false);
  });

  test("an error is kept and Retry loads again", async () => {
    const backend = pagedBackend();
    backend.on("list_messages", () => {
      throw { code: "storage", message: "The database could not be read." };
    });
    const store = new ConversationStore();
    await store.open(ANA);
    expect(store.status).toBe("error");
    expect(store.error?.message).toBe("The database could not be read.");
    backend.on("list_messages", () => history(2));
    await store.retry();
    expect(store.status).toBe("ready");
    expect(store.messages).toHaveLength(2);
  });

  test("a slow answer for a chat no longer open is dropped", async () => {
    let answerAna: (value: unknown) => void = () => {};
    const backend = pagedBackend();
    backend.on("list_messages", (args) =>
      args.contact === ANA ? new Promise((resolve) => (answerAna = resolve)) : history(2, 500, "15550100002"),
    );
    const store = new ConversationStore();
    const first = store.open(ANA);
    await settle();
    await store.open("15550100002");
    answerAna(history(5));
    await first;
    expect(store.contact).toBe("15550100002");
    expect(ids(store.messages)).toEqual([500, 501]);
  });
});

describe("paging back", () => {
  test("asks for the page before the oldest loaded message and puts it in front", async () => {
    const backend = pagedBackend();
    const store = new ConversationStore();
    await store.open(ANA);
    await store.loadOlder();
    expect(backend.callsTo("list_messages")[1]).toEqual({ contact: ANA, beforeId: 151, limit: 100 });
    expect(store.messages).toHaveLength(200);
    expect(store.messages[0]?.id).toBe(51);
    expect(store.hasMore).toBe(true);

    await store.loadOlder();
    expect(backend.callsTo("list_messages")[2]).toEqual({ contact: ANA, beforeId: 51, limit: 100 });
    expect(store.messages).toHaveLength(250);
    expect(store.messages[0]?.id).toBe(1);
    expect(store.hasMore).toBe(false);

    await store.loadOlder();
    expect(backend.callsTo("list_messages")).toHaveLength(3);
  });

  test("only one page is requested at a time", async () => {
    const backend = pagedBackend();
    const store = new ConversationStore();
    await store.open(ANA);
    const a = store.loadOlder();
    const b = store.loadOlder();
    await Promise.all([a, b]);
    expect(backend.callsTo("list_messages")).toHaveLength(2);
  });

  test("a failed page shows an error and can be tried again", async () => {
    const backend = pagedBackend();
    const store = new ConversationStore();
    await store.open(ANA);
    backend.on("list_messages", () => {
      throw { code: "internal", message: "Could not load older messages." };
    });
    await store.loadOlder();
    expect(store.olderError?.message).toBe("Could not load older messages.");
    expect(store.loadingOlder).toBe(false);
    expect(store.messages).toHaveLength(100);
  });
});

describe("live updates", () => {
  const status = (fields: Partial<MessageStatusChanged>): MessageStatusChanged => ({
    type: "message_status",
    id: 9000,
    contact: ANA,
    wamid: "wamid.sent",
    status: "sent",
    error: null,
    ...fields,
  });

  test("a sent message appears once although the result and the queued event both carry it", async () => {
    const backend = pagedBackend(history(3));
    const store = new ConversationStore();
    const stop = store.connect();
    await store.open(ANA);
    const sent = await store.send("Yes, 12 left!");
    expect(backend.callsTo("send_text")).toEqual([{ to: ANA, text: "Yes, 12 left!", replyTo: null }]);
    await backend.emit("message://queued", { type: "message_queued", message: sent });
    expect(store.messages.filter((m) => m.id === 9000)).toHaveLength(1);
    expect(last(store.messages)).toMatchObject({ text: "Yes, 12 left!", status: "queued", direction: "out" });
    stop();
  });

  test("status events move the message on; a late queued copy does not move it back", async () => {
    const backend = pagedBackend(history(3));
    const store = new ConversationStore();
    const stop = store.connect();
    await store.open(ANA);
    const sent = await store.send("hi");
    await backend.emit("message://status", status({ status: "sent" }));
    expect(last(store.messages)?.status).toBe("sent");
    await backend.emit("message://queued", { type: "message_queued", message: sent });
    expect(last(store.messages)?.status).toBe("sent");
    await backend.emit("message://status", status({ status: "delivered" }));
    await backend.emit("message://status", status({ status: "read" }));
    expect(last(store.messages)?.status).toBe("read");
    stop();
  });

  test("a reaction either way is never a bubble (it shows under its message)", async () => {
    const backend = pagedBackend(history(3));
    const store = new ConversationStore({ isFocused: () => true });
    const stop = store.connect();
    await store.open(ANA);
    const content = { kind: "reaction" as const, emoji: "👍", target_wamid: "wamid.2", target_text: "hi", target_kind: "text" };
    await backend.emit("message://queued", {
      type: "message_queued",
      message: message({ id: 50, contact: ANA, type: "reaction", direction: "out", text: null, content }),
    });
    await backend.emit("message://received", {
      type: "message_received",
      message: message({ id: 51, contact: ANA, type: "reaction", text: null, content: { ...content, emoji: "❤️" } }),
    });
    expect(ids(store.messages)).toEqual([1, 2, 3]);
    stop();
  });

  test("another contact's events are ignored", async () => {
    const backend = pagedBackend(history(3));
    const store = new ConversationStore();
    const stop = store.connect();
    await store.open(ANA);
    await backend.emit("message://received", {
      type: "message_received",
      message: message({ id: 77, contact: "15550100002" }),
    });
    expect(ids(store.messages)).toEqual([1, 2, 3]);
    stop();
  });

  test("a message received while the window is focused is appended and marked read", async () => {
    const backend = pagedBackend(history(3));
    const store = new ConversationStore({ isFocused: () => true });
    const stop = store.connect();
    await store.open(ANA);
    await backend.emit("message://received", {
      type: "message_received",
      message: message({ id: 40, contact: ANA, timestamp: NOW_S }),
    });
    expect(last(store.messages)?.id).toBe(40);
    expect(backend.callsTo("mark_read")).toHaveLength(2);
    stop();
  });

  test("in the background it is marked read only when the window comes back", async () => {
    let focused = false;
    const backend = pagedBackend(history(3));
    const store = new ConversationStore({ isFocused: () => focused });
    const stop = store.connect();
    await store.open(ANA);
    await backend.emit("message://received", { type: "message_received", message: message({ id: 41, contact: ANA }) });
    expect(backend.callsTo("mark_read")).toHaveLength(1);
    focused = true;
    window.dispatchEvent(new Event("focus"));
    await settle();
    expect(backend.callsTo("mark_read")).toHaveLength(2);
    window.dispatchEvent(new Event("focus"));
    await settle();
    expect(backend.callsTo("mark_read")).toHaveLength(2);
    stop();
  });

  test("events during the first load are replayed onto its result", async () => {
    let answer: (value: unknown) => void = () => {};
    const backend = pagedBackend();
    backend.on("list_messages", () => new Promise((resolve) => (answer = resolve)));
    const store = new ConversationStore();
    const stop = store.connect();
    const opening = store.open(ANA);
    await settle();
    await backend.emit("message://received", { type: "message_received", message: message({ id: 5, contact: ANA }) });
    answer(history(4));
    await opening;
    expect(ids(store.messages)).toEqual([1, 2, 3, 4, 5]);
    stop();
  });

  test("after unsubscribing nothing changes", async () => {
    const backend = pagedBackend(history(3));
    const store = new ConversationStore();
    const stop = store.connect();
    await store.open(ANA);
    stop();
    await backend.emit("message://received", { type: "message_received", message: message({ id: 42, contact: ANA }) });
    expect(ids(store.messages)).toEqual([1, 2, 3]);
  });
});

describe("opening a chat at a search hit", () => {
  test("pages back until the message is in, then asks for it to be shown", async () => {
    const backend = pagedBackend(history(2000));
    const store = new ConversationStore({ isFocused: () => true });
    await store.open(ANA, 300);
    expect(store.messages.some((m) => m.id === 300)).toBe(true);
    expect(store.focusId).toBe(300);
    // The latest page, then pages of 500 back to the hit: 1901, 1401, 901, 401, then 1.
    expect(backend.callsTo("list_messages").map((a) => a.limit)).toEqual([100, 500, 500, 500, 500]);
    expect(last(store.messages)?.id).toBe(2000);
    expect(store.status).toBe("ready");
  });

  test("a hit in the latest page needs no more pages", async () => {
    const backend = pagedBackend(history(250));
    const store = new ConversationStore({ isFocused: () => true });
    await store.open(ANA, 240);
    expect(backend.callsTo("list_messages")).toHaveLength(1);
    expect(store.focusId).toBe(240);
  });

  test("a hit that is gone is not focused", async () => {
    pagedBackend(history(50));
    const store = new ConversationStore({ isFocused: () => true });
    await store.open(ANA, 999_999);
    expect(store.focusId).toBeNull();
    expect(store.status).toBe("ready");
  });
});

describe("after missed events", () => {
  test("app://resync reloads the open chat", async () => {
    const backend = pagedBackend(history(30));
    const store = new ConversationStore({ isFocused: () => true });
    const stop = store.connect();
    await store.open(ANA);
    await backend.emit("app://resync", { type: "resync", missed: 5 });
    await settle();
    expect(backend.callsTo("list_messages")).toHaveLength(2);
    expect(store.status).toBe("ready");
    expect(store.messages).toHaveLength(30);
    stop();
  });
});

describe("replies, reactions, files and updates", () => {
  test("a reply is sent with the replied message's id and ends the reply; opening another chat drops it", async () => {
    const backend = pagedBackend(history(5));
    const store = new ConversationStore({ isFocused: () => true });
    await store.open(ANA);
    store.reply(store.messages[1]!);
    expect(store.replyingTo?.id).toBe(2);
    await store.send("Yes");
    expect(backend.callsTo("send_text")).toEqual([{ to: ANA, text: "Yes", replyTo: 2 }]);
    expect(store.replyingTo).toBeNull();

    store.reply(store.messages[0]!);
    await store.open("15550100002");
    expect(store.replyingTo).toBeNull();
  });

  test("message://updated replaces a loaded message and ignores others", async () => {
    const backend = pagedBackend(history(3));
    const store = new ConversationStore({ isFocused: () => true });
    const stop = store.connect();
    await store.open(ANA);
    const updated = { ...store.messages[0]!, reactions: [{ emoji: "👍", direction: "in" as const }] };
    await backend.emit("message://updated", { type: "message_updated", message: updated });
    expect(store.messages[0]?.reactions).toEqual([{ emoji: "👍", direction: "in" }]);
    await backend.emit("message://updated", { type: "message_updated", message: message({ id: 77, contact: ANA }) });
    expect(ids(store.messages)).toEqual([1, 2, 3]);
    stop();
  });

  test("a failed message is sent again or deleted; a deletion from elsewhere removes it too", async () => {
    const all = history(3).map((m) =>
      m.id === 2 ? { ...m, direction: "out" as const, status: "failed" as const, error: { code: 131026, title: "Undeliverable", details: null } } : m,
    );
    const backend = pagedBackend(all);
    backend.on("retry_message", (args) => ({ ...all[1]!, status: "queued", error: null, id: args.id as number }));
    backend.on("delete_message", () => null);
    const store = new ConversationStore({ isFocused: () => true });
    const stop = store.connect();
    await store.open(ANA);
    await store.retryFailed(2);
    expect(backend.callsTo("retry_message")).toEqual([{ id: 2 }]);
    expect(store.messages[1]?.status).toBe("queued");
    await store.deleteFailed(2);
    expect(backend.callsTo("delete_message")).toEqual([{ id: 2 }]);
    expect(ids(store.messages)).toEqual([1, 3]);
    await backend.emit("message://deleted", { type: "message_deleted", id: 3, contact: "15550100002" });
    expect(ids(store.messages)).toEqual([1, 3]);
    await backend.emit("message://deleted", { type: "message_deleted", id: 3, contact: ANA });
    expect(ids(store.messages)).toEqual([1]);
    stop();
  });

  test("upload progress is kept per message until its file is ready or failed", async () => {
    const uploading = message({
      id: 4,
      contact: ANA,
      direction: "out",
      status: "queued",
      type: "document",
      media: { kind: "document", mime_type: "application/pdf", filename: "a.pdf", size: 10, state: "uploading", error: null, hold: null, voice: false, animated: false },
    });
    const backend = pagedBackend([...history(3), uploading]);
    const store = new ConversationStore({ isFocused: () => true });
    const stop = store.connect();
    await store.open(ANA);
    await backend.emit("message://upload", { type: "upload_progress", id: 4, contact: ANA, sent: 5, total: 10 });
    await backend.emit("message://upload", { type: "upload_progress", id: 4, contact: "15550100002", sent: 9, total: 10 });
    expect(store.uploads.get(4)).toEqual({ sent: 5, total: 10 });
    await backend.emit("message://updated", {
      type: "message_updated",
      message: { ...uploading, media: { ...uploading.media!, state: "failed", error: "Too large" } },
    });
    expect(store.uploads.has(4)).toBe(false);
    expect(store.messages[3]?.media?.state).toBe("failed");
    stop();
  });

  test("react sends the reaction and shows the updated message", async () => {
    const backend = pagedBackend(history(3));
    const store = new ConversationStore({ isFocused: () => true });
    await store.open(ANA);
    await store.react(2, "❤️");
    expect(backend.callsTo("send_reaction")).toEqual([{ messageId: 2, emoji: "❤️" }]);
    expect(store.messages[1]?.reactions).toEqual([{ emoji: "❤️", direction: "out" }]);
  });

  test("jumpTo pages back until the message is loaded, then focuses it (again on a second click)", async () => {
    pagedBackend(history(250));
    const store = new ConversationStore({ isFocused: () => true });
    await store.open(ANA);
    await store.jumpTo(20);
    expect(store.messages[0]!.id).toBeLessThanOrEqual(20);
    const first = store.focus;
    expect(first).toEqual({ id: 20 });
    await store.jumpTo(20);
    expect(store.focus).toEqual({ id: 20 });
    expect(store.focus).not.toBe(first);
  });
});
