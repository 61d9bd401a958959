import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import * as api from "./api";
import App from "./App.svelte";
import { fakeBackend, settle, type Args } from "./test/fakeBackend";
import { chat, diagnostics, history, liveSetupState, message, NOW_S, setupState } from "./test/fixtures";

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
    setup_state: () => (mode === "live" ? liveSetupState() : setupState()),
    diagnostics: () => diagnostics({ mode }),
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

  test("sandbox: Go live… opens the settings wizard; closing it leaves the window as it was", async () => {
    const user = userEvent.setup();
    const reload = vi.spyOn(api.windowControl, "reload").mockImplementation(() => {});
    backendFor("sandbox");
    const { unmount } = render(App);
    await settle();
    expect(screen.queryByTestId("setup-wizard")).toBeNull();
    await user.click(screen.getByTestId("go-live"));
    await settle();
    expect(screen.getByRole("dialog", { name: "Go live with WhatsApp" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await settle();
    expect(screen.queryByTestId("setup-wizard")).toBeNull();
    expect(reload).not.toHaveBeenCalled();
    expect(screen.getByTestId("sandbox-banner")).toBeInTheDocument();
    unmount();
  });

  test("live: the settings button opens the wizard as settings; Diagnostics opens from the status bar", async () => {
    const user = userEvent.setup();
    const backend = backendFor("live");
    const { unmount } = render(App);
    await settle();
    expect(screen.queryByTestId("go-live")).toBeNull();
    await user.click(screen.getByTestId("open-settings"));
    await settle();
    expect(screen.getByRole("dialog", { name: "WhatsApp settings" })).toBeInTheDocument();
    expect(screen.getByTestId("setup-disconnect")).toBeInTheDocument();
    await user.click(screen.getByTestId("setup-close"));
    await settle();
    expect(screen.queryByTestId("setup-wizard")).toBeNull();

    await user.click(screen.getByTestId("open-diagnostics"));
    await settle();
    expect(screen.getByRole("dialog", { name: "Diagnostics" })).toBeInTheDocument();
    expect(backend.callsTo("diagnostics").length).toBeGreaterThanOrEqual(1);
    await user.click(screen.getByTestId("diagnostics-close"));
    await settle();
    expect(screen.queryByTestId("diagnostics")).toBeNull();
    unmount();
  });

  test("the tunnel's state shows in the status bar", async () => {
    const backend = backendFor("live");
    backend.on("tunnel_state", () => ({ state: "online", url: "https://lima.ngrok.app", callback: { status: "repointed" } }));
    const { unmount } = render(App);
    await settle();
    expect(screen.getByTestId("status-tunnel")).toHaveTextContent("Online: lima.ngrok.app");
    await backend.emit("tunnel://state", { type: "tunnel", state: { state: "connecting", attempt: 1 } });
    expect(screen.getByTestId("status-tunnel")).toHaveTextContent("Tunnel connecting…");
    unmount();
  });
});
