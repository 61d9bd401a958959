// The keyboard across the window: from the chat list to the text box in one Tab, search from
// anywhere, and what the diagnostics count on screen.
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import App from "./App.svelte";
import { fakeBackend, settle, type Args } from "./test/fakeBackend";
import { chat, diagnostics, history, message, NOW_S, setupState } from "./test/fixtures";

const ANA = "15550100001";
const BEN = "15550100002";

function backend(messages = history(3)) {
  return fakeBackend({
    app_info: () => ({ mode: "sandbox", listen: "127.0.0.1:8787", webhook_url: "http://127.0.0.1:8787/webhook", version: "0.1.0", data_dir: "/tmp/x" }),
    list_chats: () => [
      chat({ wa_id: ANA, name: "Ana", last_inbound_at: NOW_S - 60, last_message: message({ id: 3, contact: ANA, timestamp: NOW_S }) }),
      chat({ wa_id: BEN, name: "Ben", last_inbound_at: NOW_S - 60, last_message: message({ id: 7, contact: BEN, timestamp: NOW_S - 100 }) }),
    ],
    list_messages: (args: Args) => (args.contact === ANA ? messages : []),
    mark_read: () => null,
    outbox_counts: () => ({ pending: 0, in_flight: 0, failed: 0, unknown: 0 }),
    sandbox_customers: () => [{ wa_id: ANA, name: "Ana" }],
    setup_state: () => setupState(),
    diagnostics: () => diagnostics({ mode: "sandbox" }),
    diagnostics_report: () => "report",
    search_messages: () => [],
  });
}

async function openAna() {
  const user = userEvent.setup();
  const view = render(App);
  await settle();
  await user.click(screen.getAllByTestId("chat-row")[0] as HTMLElement);
  await settle();
  return { user, view };
}

describe("the keyboard", () => {
  test("from the chat list's row the text box is one Tab away, past the panel and the header's buttons", async () => {
    backend();
    const { user, view } = await openAna();
    const rows = screen.getAllByTestId("chat-row");
    // The list is one Tab stop: the open chat's row.
    expect(rows.map((r) => r.getAttribute("tabindex"))).toEqual(["0", "-1"]);
    (rows[0] as HTMLElement).focus();
    await user.keyboard("{ArrowDown}");
    expect(rows[1]).toHaveFocus();
    expect(rows.map((r) => r.getAttribute("tabindex"))).toEqual(["-1", "0"]);
    await user.tab();
    expect(screen.getByTestId("composer-input")).toHaveFocus();
    // Shift+Tab goes back through the conversation as usual (nothing becomes unreachable).
    await user.tab({ shift: true });
    expect(screen.getByTestId("composer-input")).not.toHaveFocus();
    view.unmount();
  });

  test("while messages found are listed under the rows, Tab from a row goes on to them", async () => {
    backend();
    const { user, view } = await openAna();
    await user.type(screen.getByTestId("chat-search"), "An");
    await settle();
    const row = screen.getAllByTestId("chat-row")[0] as HTMLElement;
    row.focus();
    await user.tab();
    expect(screen.getByTestId("composer-input")).not.toHaveFocus();
    expect(row).not.toHaveFocus();
    view.unmount();
  });

  test("with no chat open, Tab from a row goes on as usual", async () => {
    backend();
    const user = userEvent.setup();
    const view = render(App);
    await settle();
    const rows = screen.getAllByTestId("chat-row");
    (rows[0] as HTMLElement).focus();
    await user.tab();
    expect(document.activeElement).not.toBe(rows[1]);
    expect(screen.queryByTestId("composer-input")).toBeNull();
    expect(document.activeElement).not.toBe(document.body);
    view.unmount();
  });

  test("/ outside a text box and Ctrl+K focus the search; / in the text box is typed", async () => {
    backend();
    const { user, view } = await openAna();
    const search = screen.getByTestId("chat-search");
    const input = screen.getByTestId("composer-input") as HTMLTextAreaElement;
    await user.type(input, "a/b");
    expect(input.value).toBe("a/b");
    expect(search).not.toHaveFocus();
    (screen.getAllByTestId("chat-row")[0] as HTMLElement).focus();
    await user.keyboard("/");
    expect(search).toHaveFocus();
    expect((search as HTMLInputElement).value).toBe("");
    input.focus();
    await user.keyboard("{Control>}k{/Control}");
    expect(search).toHaveFocus();
    view.unmount();
  });

  test("Ctrl+K from another section goes back to the chats, in the search box", async () => {
    backend();
    const user = userEvent.setup();
    const view = render(App);
    await settle();
    await user.click(screen.getByTestId("nav-statistics"));
    await settle();
    expect(screen.queryByTestId("chat-search")).toBeNull();
    await user.keyboard("{Control>}k{/Control}");
    await settle();
    expect(screen.getByTestId("nav-chats")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("chat-search")).toHaveFocus();
    view.unmount();
  });

  test("the diagnostics count the failed messages in the open chat", async () => {
    const messages = [
      message({ id: 1, contact: ANA, direction: "out", status: "failed", text: "one" }),
      message({ id: 2, contact: ANA, direction: "out", status: "delivered", text: "two" }),
      message({ id: 3, contact: ANA, direction: "out", status: "failed", text: "three" }),
    ];
    backend(messages);
    const { user, view } = await openAna();
    await user.click(screen.getByTestId("open-diagnostics"));
    await settle();
    const dialog = screen.getByTestId("diagnostics");
    expect(within(dialog).getByTestId("diagnostics-failed-on-screen")).toHaveTextContent(/^2 messages in the chat with Ana/);
    // Behind a modal dialog, / is not a shortcut.
    await user.keyboard("/");
    expect(screen.getByTestId("chat-search")).not.toHaveFocus();
    view.unmount();
  });
});
