import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import App from "./App.svelte";
import { fakeBackend, settle, type Args } from "./test/fakeBackend";
import { chat, history, message, NOW_S } from "./test/fixtures";

const ANA = "15550100001";

function backendFor(mode: "sandbox" | "live") {
  return fakeBackend({
    app_info: () => ({
      mode,
      listen: "127.0.0.1:8787",
      webhook_url: "http://127.0.0.1:8787/webhook",
      version: "0.1.0",
      data_dir: "/tmp/x",
    }),
    list_chats: () => [
      chat({ wa_id: ANA, name: "Ana", unread: 1, last_message: message({ id: 3, contact: ANA, timestamp: NOW_S }) }),
    ],
    list_messages: (args: Args) => (args.contact === ANA ? history(3) : []),
    mark_read: () => null,
    outbox_counts: () => ({ pending: 0, in_flight: 0, failed: 0, unknown: 0 }),
    sandbox_customers: () => (mode === "sandbox" ? [{ wa_id: ANA, name: "Ana" }] : []),
    send_text: (args: Args) =>
      message({ id: 10, contact: args.to as string, direction: "out", status: "queued", text: args.text as string }),
  });
}

describe("App", () => {
  test("sandbox: banner, simulated customer panel and a hint; opening a chat marks it read", async () => {
    const user = userEvent.setup();
    const backend = backendFor("sandbox");
    const { unmount } = render(App);
    await settle();
    expect(screen.getByTestId("sandbox-banner")).toHaveTextContent(
      "Sandbox — simulated customers, nothing is sent to WhatsApp",
    );
    expect(screen.getByTestId("sandbox-panel")).toBeInTheDocument();
    expect(screen.getByText("Choose a chat")).toBeInTheDocument();
    expect(screen.getByTestId("status-mode")).toHaveTextContent("Sandbox");

    await user.click(screen.getByTestId("chat-row"));
    await settle();
    expect(backend.callsTo("mark_read")).toEqual([{ contact: ANA }]);
    expect(within(screen.getByTestId("chat-row")).queryByTestId("chat-unread")).toBeNull();
    const conversation = screen.getByTestId("conversation");
    expect(conversation).toHaveAttribute("data-wa-id", ANA);
    expect(within(conversation).getAllByTestId("message")).toHaveLength(3);

    await user.type(screen.getByTestId("composer-input"), "On its way{Enter}");
    await settle();
    expect(within(screen.getByTestId("chat-row")).getByTestId("chat-preview")).toHaveTextContent("You: On its way");
    unmount();
  });

  test("live: no banner and no simulated customer panel", async () => {
    backendFor("live");
    const { unmount } = render(App);
    await settle();
    expect(screen.queryByTestId("sandbox-banner")).toBeNull();
    expect(screen.queryByTestId("sandbox-panel")).toBeNull();
    expect(screen.getByTestId("status-mode")).toHaveTextContent("Live");
    unmount();
  });

  test("unmounting stops listening", async () => {
    const backend = backendFor("live");
    const { unmount } = render(App);
    await settle();
    unmount();
    await settle();
    await backend.emit("message://queued", { type: "message_queued", message: message({ direction: "out" }) });
    expect(backend.callsTo("outbox_counts")).toHaveLength(1);
  });
});
