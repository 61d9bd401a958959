import { fireEvent, render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { chat, message, NOW_S } from "../../test/fixtures";
import { ChatsStore } from "../stores/chats.svelte";
import ChatList from "./ChatList.svelte";

const ANA = "15550100001";
const BEN = "15550100002";
const UMA = "15550100004";

function rows() {
  return [
    chat({
      wa_id: ANA,
      name: "Ana Lima",
      unread: 2,
      last_message: message({ id: 1, contact: ANA, text: "Do you have blue mugs?", timestamp: NOW_S - 600 }),
    }),
    chat({
      wa_id: BEN,
      name: "Ben",
      last_message: message({
        id: 3,
        contact: BEN,
        direction: "out",
        status: "delivered",
        text: "Yes, 12 left!",
        timestamp: NOW_S - 60,
      }),
    }),
    chat({
      wa_id: UMA,
      name: null,
      last_message: message({ id: 2, contact: UMA, type: "image", text: "this one", timestamp: NOW_S - 300 }),
    }),
  ];
}

async function setup(list = rows(), props: { selected?: string | null; sandbox?: boolean } = {}) {
  const backend = fakeBackend({ list_chats: () => list });
  const chats = new ChatsStore();
  const stop = chats.connect();
  const onselect = vi.fn();
  render(ChatList, { chats, selected: props.selected ?? null, onselect, sandbox: props.sandbox ?? false });
  await chats.load();
  await settle();
  return { backend, chats, onselect, stop };
}

const order = () => screen.getAllByTestId("chat-row").map((row) => row.dataset.waId);
const row = (waId: string) => {
  const found = document.querySelector<HTMLElement>(`[data-testid="chat-row"][data-wa-id="${waId}"]`);
  if (!found) throw new Error(`no row for ${waId}`);
  return found;
};

describe("ChatList", () => {
  test("rows are sorted newest first, with name, preview and unread badge", async () => {
    const { stop } = await setup();
    expect(screen.getByTestId("chat-list")).toBeInTheDocument();
    expect(order()).toEqual([BEN, UMA, ANA]);

    const ana = within(row(ANA));
    expect(ana.getByTestId("chat-name")).toHaveTextContent("Ana Lima");
    expect(ana.getByTestId("chat-preview")).toHaveTextContent("Do you have blue mugs?");
    expect(ana.getByTestId("chat-unread")).toHaveTextContent("2");

    const ben = within(row(BEN));
    expect(ben.getByTestId("chat-preview")).toHaveTextContent("You: Yes, 12 left!");
    expect(ben.getByRole("img", { name: "Delivered" })).toBeInTheDocument();
    expect(ben.queryByTestId("chat-unread")).toBeNull();

    const uma = within(row(UMA));
    expect(uma.getByTestId("chat-name")).toHaveTextContent("+1 555 010 0004");
    expect(uma.getByTestId("chat-preview")).toHaveTextContent("📷 Photo: this one");
    stop();
  });

  test("the search box filters by name or number as you type", async () => {
    const user = userEvent.setup();
    const { stop } = await setup();
    const search = screen.getByTestId("chat-search");
    await user.type(search, "ana");
    expect(order()).toEqual([ANA]);
    await user.clear(search);
    await user.type(search, "0100004");
    expect(order()).toEqual([UMA]);
    await user.clear(search);
    await user.type(search, "nobody");
    expect(screen.queryAllByTestId("chat-row")).toHaveLength(0);
    expect(screen.getByText("No chats found")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(order()).toEqual([BEN, UMA, ANA]);
    stop();
  });

  test("a received message re-sorts the list live and updates the row", async () => {
    const { backend, stop } = await setup();
    await backend.emit("message://received", {
      type: "message_received",
      message: message({ id: 9, contact: ANA, text: "Are you open today?", timestamp: NOW_S }),
    });
    expect(order()).toEqual([ANA, BEN, UMA]);
    expect(within(row(ANA)).getByTestId("chat-preview")).toHaveTextContent("Are you open today?");
    stop();
  });

  test("a reaction reads as a sentence in the list, never as [reaction] or with ticks", async () => {
    const { backend, stop } = await setup();
    const content = { kind: "reaction" as const, emoji: "👍", target_wamid: "wamid.1", target_text: "Do you have blue mugs?", target_kind: "text" };
    await backend.emit("message://queued", {
      type: "message_queued",
      message: message({ id: 10, contact: ANA, type: "reaction", direction: "out", status: "queued", text: null, content, timestamp: NOW_S }),
    });
    expect(order()[0]).toBe(ANA);
    const ana = within(row(ANA)).getByTestId("chat-preview");
    expect(ana.textContent?.replace(/\s+/g, " ").trim()).toBe("You reacted 👍 to “Do you have blue mugs?”");
    expect(ana.querySelector(".ticks, [data-testid='ticks']")).toBeNull();
    await backend.emit("message://received", {
      type: "message_received",
      message: message({ id: 11, contact: BEN, type: "reaction", text: null, content: { ...content, emoji: "❤️", target_text: "Yes, 12 left!" }, timestamp: NOW_S + 1 }),
    });
    expect(order()[0]).toBe(BEN);
    expect(within(row(BEN)).getByTestId("chat-preview").textContent?.trim()).toBe("Ben reacted ❤️ to “Yes, 12 left!”");
    expect(document.body.textContent).not.toContain("[reaction]");
    stop();
  });

  test("Ctrl+K or Ctrl+F focuses the search box from anywhere", async () => {
    const { stop } = await setup();
    const user = userEvent.setup();
    const search = screen.getByTestId("chat-search");
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard("{Control>}k{/Control}");
    expect(document.activeElement).toBe(search);
    search.blur();
    await user.keyboard("{Control>}f{/Control}");
    expect(document.activeElement).toBe(search);
    stop();
  });

  test("unread badge follows contact://updated", async () => {
    const { backend, stop } = await setup();
    await backend.emit("contact://updated", {
      type: "contact_updated",
      contact: { wa_id: BEN, name: "Ben Okafor", unread: 4, last_inbound_at: NOW_S - 60, opted_out: false },
    });
    expect(within(row(BEN)).getByTestId("chat-unread")).toHaveTextContent("4");
    expect(within(row(BEN)).getByTestId("chat-name")).toHaveTextContent("Ben Okafor");
    await backend.emit("contact://updated", {
      type: "contact_updated",
      contact: { wa_id: BEN, name: "Ben Okafor", unread: 0, last_inbound_at: NOW_S - 60, opted_out: false },
    });
    expect(within(row(BEN)).queryByTestId("chat-unread")).toBeNull();
    stop();
  });

  test("a status event moves the preview's tick", async () => {
    const { backend, stop } = await setup();
    await backend.emit("message://status", {
      type: "message_status",
      id: 3,
      contact: BEN,
      wamid: "wamid.3",
      status: "read",
      error: null,
    });
    expect(within(row(BEN)).getByRole("img", { name: "Read" })).toBeInTheDocument();
    stop();
  });

  test("clicking or pressing Enter on a row selects it; arrows move between rows", async () => {
    const user = userEvent.setup();
    const { onselect, stop } = await setup(rows(), { selected: UMA });
    expect(row(UMA)).toHaveAttribute("aria-current", "true");
    await user.click(row(ANA));
    expect(onselect).toHaveBeenLastCalledWith(ANA);
    row(BEN).focus();
    await fireEvent.keyDown(row(BEN), { key: "ArrowDown" });
    expect(document.activeElement).toBe(row(UMA));
    await user.keyboard("{Enter}");
    expect(onselect).toHaveBeenLastCalledWith(UMA);
    stop();
  });

  test("empty and error states", async () => {
    const { stop } = await setup([], { sandbox: true });
    expect(screen.getByText("No chats yet")).toBeInTheDocument();
    expect(screen.getByText(/simulated customer/i)).toBeInTheDocument();
    stop();
  });

  test("a failed load shows the message and Retry loads again", async () => {
    const user = userEvent.setup();
    const backend = fakeBackend({
      list_chats: () => {
        throw { code: "storage", message: "The chats could not be read." };
      },
    });
    const chats = new ChatsStore();
    render(ChatList, { chats, selected: null, onselect: () => {} });
    await chats.load();
    await settle();
    expect(screen.getByRole("alert")).toHaveTextContent("The chats could not be read.");
    backend.on("list_chats", () => rows());
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await settle();
    expect(order()).toEqual([BEN, UMA, ANA]);
  });
});

describe("ChatList and message search", () => {
  test("lists messages found across chats and opens one at its message", async () => {
    const { MessageSearch } = await import("../stores/search.svelte");
    const backend = fakeBackend({
      search_messages: () => [
        {
          message: message({ id: 42, contact: BEN, text: "The blue scarf is back", timestamp: NOW_S - 120 }),
          contact_name: "Ben",
        },
      ],
    });
    const store = new ChatsStore();
    store.chats = rows();
    store.status = "ready";
    const search = new MessageSearch({ debounceMs: 1 });
    const onjump = vi.fn();
    render(ChatList, { chats: store, selected: null, onselect: vi.fn(), search, onjump });
    store.query = "scarf";
    search.update(store.query);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await settle();
    const hits = screen.getByTestId("message-hits");
    // No chat is called "scarf", but its message is found.
    expect(screen.queryAllByTestId("chat-row")).toHaveLength(0);
    const hit = within(hits).getByTestId("message-hit");
    expect(hit).toHaveTextContent("Ben");
    expect(hit.querySelector("mark")).toHaveTextContent("scarf");
    await userEvent.setup().click(hit);
    expect(onjump).toHaveBeenCalledWith(BEN, 42);
    expect(backend.callsTo("search_messages")).toEqual([{ query: "scarf", limit: 30 }]);
  });
});
