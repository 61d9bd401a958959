import { render, screen } from "@testing-library/svelte";
import { describe, expect, test } from "vitest";
import type { OutboxCounts } from "../../bindings/OutboxCounts";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { message } from "../../test/fixtures";
import { AppInfoStore } from "../stores/appInfo.svelte";
import { OutboxStore } from "../stores/outbox.svelte";
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
});
