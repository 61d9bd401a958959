import { describe, expect, test } from "vitest";
import { NOW } from "../test/fixtures";
import { describeCallback, describeTunnel, hostOf, tunnelStatusText } from "./tunnel";

describe("tunnel wording", () => {
  test("the status bar's text, hidden when off", () => {
    expect(tunnelStatusText({ state: "off" })).toBeNull();
    expect(tunnelStatusText({ state: "connecting", attempt: 3 })).toBe("Tunnel connecting…");
    expect(
      tunnelStatusText({ state: "online", url: "https://a1b2.ngrok.app", callback: { status: "repointed" } }),
    ).toBe("Online: a1b2.ngrok.app");
    expect(tunnelStatusText({ state: "offline", error: "the tunnel service refused: bad authtoken", retry_at: 0 })).toBe(
      "Tunnel offline: the tunnel service refused: bad authtoken",
    );
  });

  test("the long form", () => {
    expect(describeTunnel({ state: "connecting", attempt: 1 })).toBe("Connecting…");
    expect(describeTunnel({ state: "connecting", attempt: 2 })).toBe("Connecting (attempt 2)…");
    expect(describeTunnel({ state: "online", url: "https://a1b2.ngrok.app", callback: { status: "pending" } })).toBe(
      "Online at https://a1b2.ngrok.app",
    );
    expect(describeTunnel({ state: "offline", error: "lost", retry_at: NOW.getTime() + 30_000 }, "en-GB")).toBe(
      "Offline: lost. Next try at 14:05:30.",
    );
    expect(describeCallback({ status: "failed", error: "(#100) bad" })).toBe(
      "Meta could not be told the new address: (#100) bad",
    );
    expect(describeCallback({ status: "repointed" })).toBe("Meta sends webhooks to this address.");
    expect(hostOf("not a url")).toBe("not a url");
  });
});
