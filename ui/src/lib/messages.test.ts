import { describe, expect, test } from "vitest";
import type { MessageStatusChanged } from "../api";
import { message } from "../test/fixtures";
import { applyStatus, prependPage, upsertMessage } from "./messages";

const ids = (list: { id: number }[]) => list.map((m) => m.id);

describe("upsertMessage", () => {
  test("appends a newer message", () => {
    const list = [message({ id: 1 }), message({ id: 2 })];
    expect(ids(upsertMessage(list, message({ id: 3 })))).toEqual([1, 2, 3]);
  });

  test("de-duplicates by id (the send result and the queued event are the same message)", () => {
    const queued = message({ id: 5, direction: "out", status: "queued", text: "hi" });
    const once = upsertMessage([], queued);
    const twice = upsertMessage(once, { ...queued });
    expect(twice).toHaveLength(1);
  });

  test("a late queued copy never undoes a later status", () => {
    const sent = message({ id: 5, direction: "out", status: "sent" });
    const list = [sent];
    const after = upsertMessage(list, { ...sent, status: "queued" });
    expect(after[0]?.status).toBe("sent");
    expect(after).toBe(list);
  });

  test("inserts an out-of-order message where it belongs", () => {
    const list = [message({ id: 1 }), message({ id: 4 }), message({ id: 9 })];
    expect(ids(upsertMessage(list, message({ id: 6 })))).toEqual([1, 4, 6, 9]);
    expect(ids(list)).toEqual([1, 4, 9]);
  });
});

describe("prependPage", () => {
  test("puts older messages in front and drops those already loaded", () => {
    const list = [message({ id: 10 }), message({ id: 11 })];
    const older = [message({ id: 8 }), message({ id: 9 }), message({ id: 10 })];
    expect(ids(prependPage(list, older))).toEqual([8, 9, 10, 11]);
  });

  test("an empty page changes nothing", () => {
    const list = [message({ id: 10 })];
    expect(prependPage(list, [])).toBe(list);
  });
});

describe("applyStatus", () => {
  const event = (fields: Partial<MessageStatusChanged>): MessageStatusChanged => ({
    type: "message_status",
    id: 2,
    contact: "15550100001",
    wamid: "wamid.X",
    status: "delivered",
    error: null,
    ...fields,
  });

  test("moves the named message on and records its wamid", () => {
    const list = [message({ id: 1 }), message({ id: 2, direction: "out", status: "sent", wamid: null })];
    const next = applyStatus(list, event({}));
    expect(next[1]).toMatchObject({ status: "delivered", wamid: "wamid.X" });
    expect(list[1]?.status).toBe("sent");
  });

  test("records the failure", () => {
    const list = [message({ id: 2, direction: "out", status: "sending" })];
    const error = { code: 131026, title: "Message undeliverable", details: "The number is not on WhatsApp." };
    expect(applyStatus(list, event({ status: "failed", error }))[0]).toMatchObject({ status: "failed", error });
  });

  test("an unknown id changes nothing", () => {
    const list = [message({ id: 1 })];
    expect(applyStatus(list, event({ id: 99 }))).toBe(list);
  });
});
