import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test } from "vitest";
import type { MessageView } from "../../bindings/MessageView";
import { fakeBackend, settle, type Args } from "../../test/fakeBackend";
import { chat, DAY, history, message, NOW, NOW_S, last } from "../../test/fixtures";
import { clock } from "../stores/clock.svelte";
import { ConversationStore } from "../stores/conversation.svelte";
import Conversation from "./Conversation.svelte";

const ANA = "15550100001";

beforeEach(() => {
  clock.now = NOW;
});

async function setup(messages: MessageView[], backendExtra: Record<string, (args: Args) => unknown> = {}) {
  const backend = fakeBackend({
    list_messages: () => messages,
    mark_read: () => null,
    send_text: (args) =>
      message({ id: 9000, contact: ANA, direction: "out", status: "queued", text: args.text as string, timestamp: NOW_S }),
    ...backendExtra,
  });
  const conversation = new ConversationStore({ isFocused: () => true });
  const stop = conversation.connect();
  const result = render(Conversation, {
    conversation,
    chat: chat({ wa_id: ANA, name: "Ana Lima" }),
    onsend: (text: string) => conversation.send(text),
  });
  await conversation.open(ANA);
  await settle();
  return { backend, conversation, stop, ...result };
}

const bubbles = () => screen.queryAllByTestId("message");
const bubble = (id: number) => {
  const found = document.querySelector<HTMLElement>(`[data-testid="message"][data-id="${id}"]`);
  if (!found) throw new Error(`no bubble ${id}`);
  return found;
};

describe("Conversation", () => {
  test("header and bubbles in and out, with their text", async () => {
    const { stop } = await setup([
      message({ id: 1, direction: "in", text: "Do you have blue mugs?" }),
      message({ id: 2, direction: "out", status: "read", text: "Yes, 12 left!" }),
    ]);
    const root = screen.getByTestId("conversation");
    expect(root).toHaveAttribute("data-wa-id", ANA);
    expect(within(root).getByRole("heading", { name: "Ana Lima" })).toBeInTheDocument();
    expect(within(root).getByText("+1 555 010 0001")).toBeInTheDocument();

    expect(bubbles()).toHaveLength(2);
    expect(bubble(1)).toHaveAttribute("data-direction", "in");
    expect(bubble(1)).toHaveAttribute("data-status", "received");
    expect(within(bubble(1)).getByTestId("message-text")).toHaveTextContent("Do you have blue mugs?");
    expect(bubble(2)).toHaveAttribute("data-direction", "out");
    expect(within(bubble(2)).getByTestId("message-text")).toHaveTextContent("Yes, 12 left!");
    stop();
  });

  test("each outbound status has its tick", async () => {
    const statuses = ["queued", "sending", "sent", "delivered", "read", "played", "unknown"] as const;
    const { stop } = await setup(
      statuses.map((status, i) => message({ id: i + 1, direction: "out", status, text: status })),
    );
    const label = (id: number) => within(bubble(id)).getByRole("img").getAttribute("aria-label");
    const icon = (id: number) => within(bubble(id)).getByRole("img").dataset.statusIcon;
    expect([1, 2, 3, 4, 5, 6, 7].map(icon)).toEqual(["clock", "clock", "single", "double", "read", "read", "unknown"]);
    expect(label(3)).toBe("Sent");
    expect(label(4)).toBe("Delivered");
    expect(label(5)).toBe("Read");
    expect(label(7)).toBe("May not have been sent");
    expect(screen.getByTestId("message-warning")).toHaveTextContent("may not have been sent");
    stop();
  });

  test("a failed message shows the error's title and details on the mark and below the bubble", async () => {
    const { stop } = await setup([
      message({
        id: 1,
        direction: "out",
        status: "failed",
        text: "Hello Uma",
        error: { code: 131026, title: "Message undeliverable", details: "The number is not on WhatsApp." },
      }),
    ]);
    const mark = within(bubble(1)).getByRole("img");
    expect(mark.dataset.statusIcon).toBe("failed");
    expect(mark).toHaveAttribute("title", "Not sent. Message undeliverable: The number is not on WhatsApp.");
    expect(screen.getByTestId("message-error")).toHaveTextContent(
      "Not sent: Message undeliverable: The number is not on WhatsApp.",
    );
    stop();
  });

  test("inbound messages have no tick; other types show a placeholder", async () => {
    const { stop } = await setup([
      message({ id: 1, type: "image", text: "the blue one" }),
      message({ id: 2, type: "sticker", text: null }),
    ]);
    expect(within(bubble(1)).queryByRole("img")).toBeNull();
    expect(within(bubble(1)).getByTestId("message-text")).toHaveTextContent("📷 Photo the blue one");
    expect(within(bubble(2)).getByTestId("message-text")).toHaveTextContent("💟 Sticker");
    stop();
  });

  test("day separators between days: a date, Yesterday, Today", async () => {
    const { stop } = await setup([
      message({ id: 1, timestamp: NOW_S - 3 * DAY }),
      message({ id: 2, timestamp: NOW_S - 3 * DAY + 60 }),
      message({ id: 3, timestamp: NOW_S - DAY }),
      message({ id: 4, timestamp: NOW_S - 60 }),
      message({ id: 5, timestamp: NOW_S }),
    ]);
    const labels = screen.getAllByTestId("day-separator").map((el) => el.textContent?.trim());
    expect(labels).toHaveLength(3);
    expect(labels.slice(1)).toEqual(["Yesterday", "Today"]);
    expect(labels[0]).not.toMatch(/Today|Yesterday/);
    stop();
  });

  test("a sent message appears at once, once, and its tick moves with status events", async () => {
    const user = userEvent.setup();
    const { backend, stop } = await setup(history(3));
    await user.type(screen.getByTestId("composer-input"), "Yes, 12 left!{Enter}");
    await settle();
    expect(bubble(9000)).toHaveAttribute("data-status", "queued");
    expect(within(bubble(9000)).getByTestId("message-text")).toHaveTextContent("Yes, 12 left!");

    await backend.emit("message://queued", {
      type: "message_queued",
      message: message({ id: 9000, contact: ANA, direction: "out", status: "queued", text: "Yes, 12 left!" }),
    });
    expect(document.querySelectorAll('[data-testid="message"][data-id="9000"]')).toHaveLength(1);

    const base = { type: "message_status", id: 9000, contact: ANA, wamid: "wamid.9000", error: null } as const;
    await backend.emit("message://status", { ...base, status: "sent" });
    expect(bubble(9000)).toHaveAttribute("data-status", "sent");
    await backend.emit("message://status", { ...base, status: "delivered" });
    expect(within(bubble(9000)).getByRole("img")).toHaveAccessibleName("Delivered");
    await backend.emit("message://status", { ...base, status: "read" });
    expect(bubble(9000)).toHaveAttribute("data-status", "read");
    stop();
  });

  test("a received message for this chat is appended", async () => {
    const { backend, stop } = await setup(history(2));
    await backend.emit("message://received", {
      type: "message_received",
      message: message({ id: 50, contact: ANA, text: "Thanks!", timestamp: NOW_S }),
    });
    expect(within(bubble(50)).getByTestId("message-text")).toHaveTextContent("Thanks!");
    stop();
  });

  test("an error loading messages shows Retry", async () => {
    const user = userEvent.setup();
    let fail = true;
    const { stop } = await setup([], {
      list_messages: () => {
        if (fail) throw { code: "storage", message: "The messages could not be read." };
        return history(2);
      },
    });
    expect(screen.getByRole("alert")).toHaveTextContent("The messages could not be read.");
    fail = false;
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await settle();
    expect(bubbles()).toHaveLength(2);
    stop();
  });

  test("an empty chat says so", async () => {
    const { stop } = await setup([]);
    expect(screen.getByText("No messages yet")).toBeInTheDocument();
    stop();
  });
});

describe("long histories", () => {
  test("100,000 messages: only the rows in view are in the DOM, and it opens at the bottom", async () => {
    const all = history(100_000);
    const { stop, container } = await setup(all, {
      list_messages: (args) => {
        const before = args.beforeId as number | null;
        const end = before === null ? all.length : before - 1;
        return all.slice(Math.max(0, end - (args.limit as number)), end);
      },
    });
    const scroller = container.querySelector<HTMLElement>('[role="log"]')!;
    scroller.dispatchEvent(new Event("scroll"));
    await settle();
    const rendered = bubbles().map((b) => Number(b.dataset.id));
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered).toContain(100_000);
    stop();
  });

  test("scrolling near the top asks for the older page", async () => {
    const all = history(300);
    const { backend, conversation, stop, container } = await setup(all, {
      list_messages: (args) => {
        const before = args.beforeId as number | null;
        const older = all.filter((m) => before === null || m.id < before);
        return older.slice(Math.max(0, older.length - (args.limit as number)));
      },
    });
    expect(conversation.messages).toHaveLength(100);
    const scroller = container.querySelector<HTMLElement>('[role="log"]')!;
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event("scroll"));
    await settle();
    expect(last(backend.callsTo("list_messages"))).toEqual({ contact: ANA, beforeId: 201, limit: 100 });
    expect(conversation.messages).toHaveLength(200);
    stop();
  });
});

describe("Conversation at a search hit", () => {
  test("the found message is shown and marked", async () => {
    const all = history(40);
    fakeBackend({ list_messages: () => all, mark_read: () => null });
    const conversation = new ConversationStore({ isFocused: () => true });
    render(Conversation, {
      conversation,
      chat: chat({ wa_id: ANA, name: "Ana Lima" }),
      onsend: (text: string) => conversation.send(text),
    });
    await conversation.open(ANA, 5);
    await settle();
    const marked = document.querySelector('[data-found="true"]');
    expect(marked).not.toBeNull();
    expect(marked?.querySelector('[data-testid="message"]')).toHaveAttribute("data-id", "5");
  });
});
