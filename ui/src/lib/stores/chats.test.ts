import { describe, expect, test } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { chat, contact, message, NOW_S, last } from "../../test/fixtures";
import { ChatsStore, filterChats, sortChats } from "./chats.svelte";

const ANA = "15550100001";
const BEN = "15550100002";
const CHLOE = "15550100003";

const rows = () => [
  chat({ wa_id: ANA, name: "Ana Lima", last_message: message({ id: 1, contact: ANA, timestamp: NOW_S - 300 }) }),
  chat({ wa_id: BEN, name: "Ben", last_message: message({ id: 3, contact: BEN, timestamp: NOW_S - 100 }) }),
  chat({ wa_id: CHLOE, name: "Chloé", last_message: message({ id: 2, contact: CHLOE, timestamp: NOW_S - 200 }) }),
];

describe("sorting and filtering", () => {
  test("newest conversation first", () => {
    expect(sortChats(rows()).map((c) => c.wa_id)).toEqual([BEN, CHLOE, ANA]);
  });

  test("a chat with no messages goes last", () => {
    const sorted = sortChats([chat({ wa_id: "1999", last_message: null }), ...rows()]);
    expect(last(sorted)?.wa_id).toBe("1999");
  });

  test("filters by name, ignoring case and accents, or by number", () => {
    expect(filterChats(rows(), "chloe").map((c) => c.wa_id)).toEqual([CHLOE]);
    expect(filterChats(rows(), "LIMA").map((c) => c.wa_id)).toEqual([ANA]);
    expect(filterChats(rows(), "0100002").map((c) => c.wa_id)).toEqual([BEN]);
    expect(filterChats(rows(), "+1 555 010 0003").map((c) => c.wa_id)).toEqual([CHLOE]);
    expect(filterChats(rows(), "zed")).toEqual([]);
    expect(filterChats(rows(), "  ")).toHaveLength(3);
  });
});

describe("ChatsStore", () => {
  test("loads with list_chats", async () => {
    const backend = fakeBackend({ list_chats: () => rows() });
    const store = new ChatsStore();
    await store.load();
    expect(backend.callsTo("list_chats")).toHaveLength(1);
    expect(store.status).toBe("ready");
    expect(store.sorted.map((c) => c.wa_id)).toEqual([BEN, CHLOE, ANA]);
  });

  test("a failed load keeps the error for a retry", async () => {
    const backend = fakeBackend({
      list_chats: () => {
        throw { code: "storage", message: "The database could not be read." };
      },
    });
    const store = new ChatsStore();
    await store.load();
    expect(store.status).toBe("error");
    expect(store.error).toEqual({ code: "storage", message: "The database could not be read." });
    backend.on("list_chats", () => rows());
    await store.load();
    expect(store.status).toBe("ready");
    expect(store.error).toBeNull();
  });

  test("a received message moves its chat to the top and becomes the preview", async () => {
    const backend = fakeBackend({ list_chats: () => rows() });
    const store = new ChatsStore();
    const stop = store.connect();
    await store.load();
    const m = message({ id: 10, contact: ANA, text: "Still open?", timestamp: NOW_S });
    await backend.emit("message://received", { type: "message_received", message: m });
    expect(store.sorted[0]?.wa_id).toBe(ANA);
    expect(store.find(ANA)?.last_message).toEqual(m);
    expect(store.find(ANA)?.last_inbound_at).toBe(NOW_S);
    stop();
  });

  test("a message from a new number adds a chat", async () => {
    const backend = fakeBackend({ list_chats: () => rows() });
    const store = new ChatsStore();
    const stop = store.connect();
    await store.load();
    await backend.emit("message://received", {
      type: "message_received",
      message: message({ id: 11, contact: "15550100009", timestamp: NOW_S }),
    });
    expect(store.sorted[0]).toMatchObject({ wa_id: "15550100009", name: null });
    stop();
  });

  test("a status event updates the preview's message only when it is the latest", async () => {
    const latest = message({ id: 20, contact: BEN, direction: "out", status: "sent", timestamp: NOW_S });
    const backend = fakeBackend({ list_chats: () => [chat({ wa_id: BEN, last_message: latest })] });
    const store = new ChatsStore();
    const stop = store.connect();
    await store.load();
    const base = { type: "message_status", contact: BEN, wamid: null, error: null } as const;
    await backend.emit("message://status", { ...base, id: 19, status: "read" });
    expect(store.find(BEN)?.last_message?.status).toBe("sent");
    await backend.emit("message://status", { ...base, id: 20, status: "read" });
    expect(store.find(BEN)?.last_message?.status).toBe("read");
    stop();
  });

  test("contact://updated sets the name and unread count", async () => {
    const backend = fakeBackend({ list_chats: () => rows() });
    const store = new ChatsStore();
    const stop = store.connect();
    await store.load();
    await backend.emit("contact://updated", {
      type: "contact_updated",
      contact: contact({ wa_id: ANA, name: "Ana L.", unread: 3 }),
    });
    expect(store.find(ANA)).toMatchObject({ name: "Ana L.", unread: 3 });
    stop();
  });

  test("events that arrive while list_chats runs are not lost", async () => {
    let answer: (value: unknown) => void = () => {};
    const backend = fakeBackend({ list_chats: () => new Promise((resolve) => (answer = resolve)) });
    const store = new ChatsStore();
    const stop = store.connect();
    const loading = store.load();
    await settle();
    await backend.emit("message://received", {
      type: "message_received",
      message: message({ id: 50, contact: ANA, text: "during load", timestamp: NOW_S }),
    });
    answer(rows()); // an answer computed before that message was stored
    await loading;
    expect(store.find(ANA)?.last_message?.text).toBe("during load");
    expect(store.sorted[0]?.wa_id).toBe(ANA);
    stop();
  });
});

describe("message://updated", () => {
  test("replaces the preview when it is the chat's latest message, and only then", async () => {
    const backend = fakeBackend({ list_chats: () => rows() });
    const store = new ChatsStore();
    const stop = store.connect();
    await store.load();
    const media = { kind: "image", mime_type: "image/jpeg", filename: null, size: 1, state: "ready", error: null, hold: null, voice: false, animated: false } as const;
    await backend.emit("message://updated", { type: "message_updated", message: message({ id: 1, contact: ANA, type: "image", media }) });
    expect(store.find(ANA)?.last_message?.media?.state).toBe("ready");
    await backend.emit("message://updated", { type: "message_updated", message: message({ id: 99, contact: BEN }) });
    expect(store.find(BEN)?.last_message?.id).toBe(3);
    stop();
  });
});

describe("after missed events", () => {
  test("app://resync reloads the chats from the engine", async () => {
    let answer = [chat({ wa_id: "15550100001", name: "Ana" })];
    const backend = fakeBackend({ list_chats: () => answer });
    const store = new ChatsStore();
    const stop = store.connect();
    await store.load();
    answer = [chat({ wa_id: "15550100001", name: "Ana" }), chat({ wa_id: "15550100002", name: "Ben" })];
    await backend.emit("app://resync", { type: "resync", missed: 120 });
    await settle();
    expect(backend.callsTo("list_chats")).toHaveLength(2);
    expect(store.chats.map((c) => c.wa_id)).toEqual(["15550100001", "15550100002"]);
    stop();
  });
});

describe("the chat list's filter by reply", () => {
  test("keeps the chats whose latest classified reply is of the class, and follows new replies", () => {
    const store = new ChatsStore();
    store.chats = [
      chat({ wa_id: "1", last_class: "interested" }),
      chat({ wa_id: "2", last_class: "not_interested" }),
      chat({ wa_id: "3", last_class: null }),
    ];
    store.replyClass = "interested";
    expect(store.visible.map((c) => c.wa_id)).toEqual(["1"]);
    store.applyMessage(message({ id: 500, contact: "3", direction: "in", class: "interested" }));
    expect(store.visible.map((c) => c.wa_id).sort()).toEqual(["1", "3"]);
    store.replyClass = "";
    expect(store.visible).toHaveLength(3);
  });
});
