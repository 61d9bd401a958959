import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import type { TunnelState } from "../../bindings/TunnelState";
import type { OutboxCounts } from "../../bindings/OutboxCounts";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { message, NOW } from "../../test/fixtures";
import { AppInfoStore } from "../stores/appInfo.svelte";
import { OutboxStore } from "../stores/outbox.svelte";
import { TunnelStore } from "../stores/tunnel.svelte";
import StatusBar from "./StatusBar.svelte";

const info = (mode: string) => ({
  mode,
  listen: "127.0.0.1:8787",
  webhook_url: "http://127.0.0.1:8787/webhook",
  version: "0.1.0",
  data_dir: "/tmp/shopchat",
});

async function setup(mode: string, counts: OutboxCounts) {
  let answer = counts;
  const backend = fakeBackend({ app_info: () => info(mode), outbox_counts: () => answer });
  const app = new AppInfoStore();
  const outbox = new OutboxStore();
  const stop = outbox.connect();
  render(StatusBar, { app, outbox });
  await Promise.all([app.load(), outbox.refresh()]);
  await settle();
  return { backend, stop, setCounts: (next: OutboxCounts) => (answer = next) };
}

const idle = { pending: 0, in_flight: 0, failed: 0, unknown: 0 };

describe("StatusBar", () => {
  test("shows the mode, the webhook server's address and the outbox", async () => {
    const { stop } = await setup("sandbox", idle);
    expect(screen.getByTestId("status-bar")).toBeInTheDocument();
    expect(screen.getByTestId("status-mode")).toHaveTextContent("Sandbox");
    expect(screen.getByTestId("status-address")).toHaveTextContent("127.0.0.1:8787");
    expect(screen.getByTestId("status-outbox")).toHaveTextContent("Outbox: idle");
    stop();
  });

  test("live mode", async () => {
    const { stop } = await setup("live", { pending: 1, in_flight: 1, failed: 1, unknown: 0 });
    expect(screen.getByTestId("status-mode")).toHaveTextContent("Live");
    expect(screen.getByTestId("status-outbox")).toHaveTextContent("Outbox: 2 sending, 1 failed");
    stop();
  });

  test("the outbox text is refetched when a queued or status event arrives", async () => {
    const { backend, setCounts, stop } = await setup("sandbox", idle);
    setCounts({ pending: 1, in_flight: 0, failed: 0, unknown: 0 });
    await backend.emit("message://queued", {
      type: "message_queued",
      message: message({ direction: "out", status: "queued" }),
    });
    expect(screen.getByTestId("status-outbox")).toHaveTextContent("Outbox: 1 sending");

    setCounts({ pending: 0, in_flight: 0, failed: 1, unknown: 0 });
    await backend.emit("message://status", {
      type: "message_status",
      id: 1,
      contact: "15550100004",
      wamid: null,
      status: "failed",
      error: null,
    });
    expect(screen.getByTestId("status-outbox")).toHaveTextContent("Outbox: 1 failed");
    expect(backend.callsTo("outbox_counts")).toHaveLength(3);
    stop();
  });

  test("no tunnel item without a tunnel store, nor while the tunnel is off", async () => {
    const { stop } = await setup("live", idle);
    expect(screen.queryByTestId("status-tunnel")).toBeNull();
    expect(screen.queryByTestId("open-diagnostics")).toBeNull();
    stop();
  });
});

describe("StatusBar: the tunnel", () => {
  async function withTunnel(initial: TunnelState) {
    const backend = fakeBackend({ app_info: () => info("live"), outbox_counts: () => idle, tunnel_state: () => initial });
    const app = new AppInfoStore();
    const outbox = new OutboxStore();
    const tunnel = new TunnelStore();
    const stop = tunnel.connect();
    const ondiagnostics = vi.fn();
    render(StatusBar, { app, outbox, tunnel, ondiagnostics });
    await Promise.all([app.load(), outbox.refresh(), tunnel.load()]);
    await settle();
    return { backend, stop, ondiagnostics };
  }

  test("hidden while off; connecting, online and offline as events arrive", async () => {
    const { backend, stop } = await withTunnel({ state: "off" });
    expect(screen.queryByTestId("status-tunnel")).toBeNull();

    await backend.emit("tunnel://state", { type: "tunnel", state: { state: "connecting", attempt: 1 } });
    expect(screen.getByTestId("status-tunnel")).toHaveTextContent("Tunnel connecting…");

    await backend.emit("tunnel://state", {
      type: "tunnel",
      state: { state: "online", url: "https://a1b2.ngrok.app", callback: { status: "repointed" } },
    });
    const item = screen.getByTestId("status-tunnel");
    expect(item).toHaveTextContent("Online: a1b2.ngrok.app");
    expect(item).toHaveAttribute("data-state", "online");
    expect(item.querySelector(".dot")).toHaveClass("online");
    expect(item).toHaveAttribute("title", "Online at https://a1b2.ngrok.app. Meta sends webhooks to this address.");

    const error = "the tunnel service refused: ERR_NGROK_105 The authtoken you specified is invalid";
    await backend.emit("tunnel://state", {
      type: "tunnel",
      state: { state: "offline", error, retry_at: NOW.getTime() + 30_000 },
    });
    expect(screen.getByTestId("status-tunnel")).toHaveTextContent(`Tunnel offline: ${error}`);
    expect(screen.getByTestId("status-tunnel").getAttribute("title")).toMatch(
      new RegExp(`^Offline: ${error}\\. Next try at `),
    );
    expect(screen.getByTestId("status-tunnel").querySelector(".dot")).toHaveClass("offline");

    await backend.emit("tunnel://state", { type: "tunnel", state: { state: "off" } });
    expect(screen.queryByTestId("status-tunnel")).toBeNull();
    // The other items are still there.
    expect(screen.getByTestId("status-mode")).toHaveTextContent("Live");
    expect(screen.getByTestId("status-outbox")).toHaveTextContent("Outbox: idle");
    stop();
  });

  test("the state at load is shown", async () => {
    const { stop } = await withTunnel({ state: "connecting", attempt: 4 });
    expect(screen.getByTestId("status-tunnel")).toHaveTextContent("Tunnel connecting…");
    stop();
  });

  test("the Diagnostics button", async () => {
    const user = userEvent.setup();
    const { stop, ondiagnostics } = await withTunnel({ state: "off" });
    await user.click(screen.getByTestId("open-diagnostics"));
    expect(ondiagnostics).toHaveBeenCalledTimes(1);
    stop();
  });
});
