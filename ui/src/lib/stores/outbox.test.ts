import { describe, expect, test } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { message } from "../../test/fixtures";
import { describeOutbox, OutboxStore } from "./outbox.svelte";

describe("describeOutbox", () => {
  test("idle when nothing is going on", () => {
    expect(describeOutbox({ pending: 0, in_flight: 0, failed: 0, unknown: 0 })).toBe("Outbox: idle");
  });

  test("counts what is sending, failed and uncertain", () => {
    expect(describeOutbox({ pending: 1, in_flight: 1, failed: 1, unknown: 0 })).toBe("Outbox: 2 sending, 1 failed");
    expect(describeOutbox({ pending: 0, in_flight: 0, failed: 0, unknown: 2 })).toBe(
      "Outbox: 2 may not have been sent",
    );
    expect(describeOutbox({ pending: 3, in_flight: 0, failed: 0, unknown: 0 })).toBe("Outbox: 3 sending");
  });
});

describe("OutboxStore", () => {
  test("refetches on queued and status events, never otherwise", async () => {
    let answer = { pending: 0, in_flight: 0, failed: 0, unknown: 0 };
    const backend = fakeBackend({ outbox_counts: () => answer });
    const store = new OutboxStore();
    const stop = store.connect();
    await store.refresh();
    expect(backend.callsTo("outbox_counts")).toHaveLength(1);

    answer = { pending: 1, in_flight: 0, failed: 0, unknown: 0 };
    await backend.emit("message://queued", {
      type: "message_queued",
      message: message({ direction: "out", status: "queued" }),
    });
    expect(backend.callsTo("outbox_counts")).toHaveLength(2);
    expect(store.counts).toEqual(answer);

    answer = { pending: 0, in_flight: 0, failed: 1, unknown: 0 };
    await backend.emit("message://status", {
      type: "message_status",
      id: 1,
      contact: "1555",
      wamid: null,
      status: "failed",
      error: { code: 131026, title: "Message undeliverable", details: null },
    });
    expect(backend.callsTo("outbox_counts")).toHaveLength(3);
    expect(store.counts).toEqual(answer);

    await backend.emit("message://received", { type: "message_received", message: message() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settle();
    expect(backend.callsTo("outbox_counts")).toHaveLength(3);
    stop();
  });

  test("a burst of events while a fetch runs costs one more fetch", async () => {
    const answers: ((value: unknown) => void)[] = [];
    const backend = fakeBackend({ outbox_counts: () => new Promise((resolve) => answers.push(resolve)) });
    const store = new OutboxStore();
    const first = store.refresh();
    void store.refresh();
    void store.refresh();
    await settle();
    answers[0]?.({ pending: 1, in_flight: 0, failed: 0, unknown: 0 });
    await settle();
    answers[1]?.({ pending: 0, in_flight: 0, failed: 0, unknown: 0 });
    await first;
    expect(backend.callsTo("outbox_counts")).toHaveLength(2);
    expect(store.counts).toEqual({ pending: 0, in_flight: 0, failed: 0, unknown: 0 });
  });

  test("an error is shown", async () => {
    fakeBackend({
      outbox_counts: () => {
        throw { code: "storage", message: "The database could not be read." };
      },
    });
    const store = new OutboxStore();
    await store.refresh();
    expect(store.status).toBe("error");
    expect(store.error?.code).toBe("storage");
  });
});

describe("outbox health", () => {
  const paused = { state: "needs_reconnect", reason: "Error validating access token", since: 1 } as const;

  test("the status text says when sending is paused or waiting", () => {
    const counts = { pending: 2, in_flight: 0, failed: 0, unknown: 0 };
    expect(describeOutbox(counts, paused)).toBe("Outbox: paused, 2 waiting");
    expect(describeOutbox({ ...counts, pending: 0 }, paused)).toBe("Outbox: paused");
    expect(describeOutbox(counts, { state: "cooling_down", reason: "503", until: 2 })).toBe(
      "Outbox: waiting for WhatsApp, 2 waiting",
    );
  });

  test("follows outbox://health events and resumes on request", async () => {
    const backend = fakeBackend({
      outbox_health: () => paused,
      resume_outbox: () => ({ state: "running" }),
    });
    const store = new OutboxStore();
    const stop = store.connect();
    await store.loadHealth();
    expect(store.health).toEqual(paused);
    await backend.emit("outbox://health", { type: "outbox_health", health: { state: "running" } });
    expect(store.health).toEqual({ state: "running" });
    await backend.emit("outbox://health", { type: "outbox_health", health: paused });
    expect(store.health.state).toBe("needs_reconnect");
    await store.resume();
    expect(backend.callsTo("resume_outbox")).toHaveLength(1);
    expect(store.health).toEqual({ state: "running" });
    stop();
  });
});

describe("after missed events", () => {
  test("app://resync refetches the counts and the health", async () => {
    const backend = fakeBackend({
      outbox_counts: () => ({ pending: 0, in_flight: 0, failed: 0, unknown: 0 }),
      outbox_health: () => ({ state: "running" }),
    });
    const store = new OutboxStore();
    const stop = store.connect();
    await backend.emit("app://resync", { type: "resync", missed: 3 });
    await settle();
    expect(backend.callsTo("outbox_counts")).toHaveLength(1);
    expect(backend.callsTo("outbox_health")).toHaveLength(1);
    stop();
  });
});
