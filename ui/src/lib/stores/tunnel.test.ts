import { describe, expect, test } from "vitest";
import type { TunnelState } from "../../bindings/TunnelState";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { TunnelStore } from "./tunnel.svelte";

describe("TunnelStore", () => {
  test("loads the state, then follows the events", async () => {
    const backend = fakeBackend({ tunnel_state: () => ({ state: "connecting", attempt: 1 }) });
    const tunnel = new TunnelStore();
    const stop = tunnel.connect();
    expect(tunnel.known).toBe(false);
    await tunnel.load();
    expect(tunnel.state).toEqual({ state: "connecting", attempt: 1 });
    expect(tunnel.known).toBe(true);
    const online = { state: "online", url: "https://a1b2.ngrok.app", callback: { status: "disabled" } } as const;
    await backend.emit("tunnel://state", { type: "tunnel", state: online });
    expect(tunnel.state).toEqual(online);
    stop();
    await backend.emit("tunnel://state", { type: "tunnel", state: { state: "off" } });
    expect(tunnel.state).toEqual(online);
  });

  test("an event that arrives while the state is fetched wins over the older answer", async () => {
    let answer: (state: TunnelState) => void = () => {};
    const backend = fakeBackend({ tunnel_state: () => new Promise((resolve) => (answer = resolve)) });
    const tunnel = new TunnelStore();
    const stop = tunnel.connect();
    await settle();
    const loading = tunnel.load();
    await settle();
    await backend.emit("tunnel://state", { type: "tunnel", state: { state: "connecting", attempt: 2 } });
    answer({ state: "off" });
    await loading;
    expect(tunnel.state).toEqual({ state: "connecting", attempt: 2 });
    stop();
  });

  test("a failed fetch leaves it off", async () => {
    fakeBackend({
      tunnel_state: () => {
        throw { code: "internal", message: "no engine" };
      },
    });
    const tunnel = new TunnelStore();
    await tunnel.load();
    expect(tunnel.state).toEqual({ state: "off" });
    expect(tunnel.known).toBe(false);
  });
});
