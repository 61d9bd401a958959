import { describe, expect, test } from "vitest";
import { NOW } from "../test/fixtures";
import { describeOutboxCounts, describeOutboxHealth, formatAgo, maskId } from "./diagnostics";

describe("diagnostics wording", () => {
  test("ids keep their last four digits", () => {
    expect(maskId("106540352242922")).toBe("•••••••••••2922");
    expect(maskId("123")).toBe("123");
  });

  test("how long ago", () => {
    const now = NOW.getTime();
    expect(formatAgo(now - 3_000, now)).toBe("just now");
    expect(formatAgo(now - 30_000, now)).toBe("30 seconds ago");
    expect(formatAgo(now - 60_000, now)).toBe("1 minute ago");
    expect(formatAgo(now - 2 * 60_000 - 5_000, now)).toBe("2 minutes ago");
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe("3 hours ago");
    expect(formatAgo(now - 2 * 86_400_000, now)).toBe("2 days ago");
  });

  test("the outbox", () => {
    expect(describeOutboxHealth({ state: "running" })).toBe("Running");
    expect(describeOutboxHealth({ state: "needs_reconnect", reason: "token expired", since: 0 })).toBe(
      "Paused: the account needs reconnecting (token expired)",
    );
    expect(
      describeOutboxHealth({ state: "cooling_down", reason: "rate limit", until: Math.floor(NOW.getTime() / 1000) + 60 }, "en-GB"),
    ).toBe("Cooling down until 14:06:00 (rate limit)");
    expect(describeOutboxCounts({ pending: 1, in_flight: 2, failed: 3, unknown: 4 })).toBe(
      "1 pending, 2 in flight, 3 failed (24 h), 4 unknown (24 h)",
    );
  });
});
