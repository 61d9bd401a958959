// The conversation's richer flows against the fake backend: replies, reactions, quotes, files
// (checked before upload, with progress), updates of shown messages, and templates.
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import type { MessageView } from "../../bindings/MessageView";
import { fakeBackend, settle, type Args } from "../../test/fakeBackend";
import { chat, HOUR, history, media, message, NOW_S } from "../../test/fixtures";
import { ConversationStore } from "../stores/conversation.svelte";
import Conversation from "./Conversation.svelte";

const ANA = "15550100001";
const MB = 1024 * 1024;

async function setup(
  messages: MessageView[],
  options: { extra?: Record<string, (args: Args) => unknown>; lastInboundAt?: number | null } = {},
) {
  const backend = fakeBackend({
    list_messages: () => messages,
    mark_read: () => null,
    send_text: (args) =>
      message({ id: 9000, contact: ANA, direction: "out", status: "queued", text: args.text as string, timestamp: NOW_S }),
    ...options.extra,
  });
  const conversation = new ConversationStore({ isFocused: () => true });
  const stop = conversation.connect();
  const sent: MessageView[] = [];
  render(Conversation, {
    conversation,
    chat: chat({ wa_id: ANA, name: "Ana Lima", last_inbound_at: options.lastInboundAt === undefined ? NOW_S - HOUR : options.lastInboundAt }),
    onsend: (text: string) => conversation.send(text),
    onmessage: (m: MessageView) => void sent.push(m),
  });
  await conversation.open(ANA);
  await settle();
  return { backend, conversation, stop, sent, user: userEvent.setup() };
}

const bubble = (id: number) => {
  const found = document.querySelector<HTMLElement>(`[data-testid="message"][data-id="${id}"]`);
  if (!found) throw new Error(`no bubble ${id}`);
  return found;
};
/** The row around a bubble (actions and reactions sit beside and under it). */
const row = (id: number) => bubble(id).closest<HTMLElement>(".wrap")!;

function sized(name: string, type: string, size: number, bytes = new Uint8Array([1, 2, 3, 4])): File {
  const file = new File([bytes], name, { type });
  Object.defineProperty(file, "size", { value: size });
  return file;
}

describe("replies", () => {
  test("Reply shows 'Replying to' in the composer; sending passes the message's id; the bar goes", async () => {
    const { backend, user, stop } = await setup([message({ id: 1, contact: ANA, text: "Do you have blue mugs?" })]);
    await user.click(within(row(1)).getByRole("button", { name: "Reply" }));
    const bar = screen.getByTestId("reply-bar");
    expect(bar).toHaveTextContent("Replying to the customer");
    expect(bar).toHaveTextContent("Do you have blue mugs?");
    expect(screen.getByTestId("composer-input")).toHaveFocus();

    await user.type(screen.getByTestId("composer-input"), "Yes, 12 left!{Enter}");
    await settle();
    expect(backend.callsTo("send_text")).toEqual([{ to: ANA, text: "Yes, 12 left!", replyTo: 1 }]);
    expect(screen.queryByTestId("reply-bar")).toBeNull();
    stop();
  });

  test("× cancels the reply: the next text is not a reply", async () => {
    const { backend, user, stop } = await setup([message({ id: 1, contact: ANA })]);
    await user.click(within(row(1)).getByRole("button", { name: "Reply" }));
    await user.click(screen.getByRole("button", { name: "Cancel the reply" }));
    expect(screen.queryByTestId("reply-bar")).toBeNull();
    await user.type(screen.getByTestId("composer-input"), "Hello{Enter}");
    await settle();
    expect(backend.callsTo("send_text")).toEqual([{ to: ANA, text: "Hello", replyTo: null }]);
    stop();
  });

  test("clicking a quote brings the quoted message into view", async () => {
    const all = [
      ...history(40, 1, ANA),
      message({
        id: 41,
        contact: ANA,
        text: "Yes please",
        reply_to: { wamid: "wamid.5", id: 5, direction: "in", kind: "text", text: "line 5" },
      }),
    ];
    const { user, stop } = await setup(all);
    document.querySelector('[role="log"]')!.dispatchEvent(new Event("scroll"));
    await settle();
    await user.click(within(bubble(41)).getByTestId("quote"));
    await settle();
    // jsdom does not scroll by itself: tell the virtualiser where the list was scrolled to.
    document.querySelector('[role="log"]')!.dispatchEvent(new Event("scroll"));
    await settle();
    const marked = document.querySelector('[data-found="true"]');
    expect(marked?.querySelector('[data-testid="message"]')).toHaveAttribute("data-id", "5");
    stop();
  });
});

describe("reactions", () => {
  test("the picker sends the reaction, and the bubble shows the shop's badge", async () => {
    const { backend, user, sent, stop } = await setup([message({ id: 1, contact: ANA, text: "Thanks!" })]);
    await user.click(within(row(1)).getByRole("button", { name: "React" }));
    await user.click(screen.getByRole("button", { name: "React with 🙏" }));
    await settle();
    expect(backend.callsTo("send_reaction")).toEqual([{ messageId: 1, emoji: "🙏" }]);
    const badge = within(row(1)).getByTestId("reaction");
    expect(badge).toHaveAttribute("data-direction", "out");
    expect(badge).toHaveTextContent("🙏");
    expect(sent.map((m) => m.id)).toEqual([1]);

    await user.click(within(row(1)).getByRole("button", { name: "React" }));
    await user.click(screen.getByRole("button", { name: "Remove" }));
    await settle();
    expect(backend.callsTo("send_reaction")[1]).toEqual({ messageId: 1, emoji: "" });
    expect(within(row(1)).queryByTestId("reaction")).toBeNull();
    stop();
  });

  test("a customer's reaction arrives as an update", async () => {
    const { backend, stop } = await setup([message({ id: 1, contact: ANA, direction: "out", status: "read" })]);
    await backend.emit("message://updated", {
      type: "message_updated",
      message: message({ id: 1, contact: ANA, direction: "out", status: "read", reactions: [{ emoji: "❤️", direction: "in" }] }),
    });
    expect(within(row(1)).getByTestId("reaction")).toHaveAttribute("data-direction", "in");
    stop();
  });
});

describe("media updates", () => {
  test("a download that finishes replaces 'Downloading…' with the picture", async () => {
    const pending = message({ id: 1, contact: ANA, type: "image", text: null, media: media({ state: "pending" }) });
    const { backend, stop } = await setup([pending]);
    expect(within(bubble(1)).getByTestId("media-pending")).toBeInTheDocument();
    await backend.emit("message://updated", { type: "message_updated", message: { ...pending, media: media() } });
    expect(within(bubble(1)).queryByTestId("media-pending")).toBeNull();
    expect(within(bubble(1)).getByTestId("media-image")).toBeInTheDocument();
    stop();
  });
});

describe("attachments", () => {
  test("a file too large for its kind is refused with the limit, and nothing is sent", async () => {
    const { backend, user, stop } = await setup([]);
    await user.upload(screen.getByTestId("composer-file"), sized("clip.mp4", "video/mp4", Math.round(17.2 * MB)));
    await settle();
    expect(backend.callsTo("media_limits")).toHaveLength(1);
    expect(screen.getByTestId("attachment-error")).toHaveTextContent("Videos can be at most 16 MB; this file is 17.2 MB.");
    expect(screen.getByTestId("attachment-send")).toBeDisabled();
    await user.click(screen.getByTestId("attachment-send"));
    expect(backend.callsTo("send_attachment")).toEqual([]);
    stop();
  });

  test("a type its kind does not take is refused, and can go as a document instead", async () => {
    const { backend, user, stop } = await setup([]);
    await user.upload(screen.getByTestId("composer-file"), sized("note.wav", "audio/wav", 2000));
    await settle();
    expect(screen.getByTestId("attachment-error")).toHaveTextContent("Audio files must be");
    expect(screen.getByTestId("attachment-error")).toHaveTextContent("Audio files must be AAC, AMR, MP3, M4A, or OGG; this file is WAV.");
    expect(backend.callsTo("send_attachment")).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Send as a document instead" }));
    await settle();
    expect(screen.queryByTestId("attachment-error")).toBeNull();
    await user.click(screen.getByTestId("attachment-send"));
    await settle();
    const [call] = backend.fullCallsTo("send_attachment");
    expect(JSON.parse(decodeURIComponent(call!.headers["x-shopchat-meta"]!))).toMatchObject({ kind: "document", mime_type: "audio/wav" });
    stop();
  });

  test("a valid file is previewed, sent as bytes with its meta (caption, reply), and its upload shows progress", async () => {
    const original = message({ id: 1, contact: ANA, text: "Which colour?" });
    const { backend, user, sent, stop } = await setup([original]);
    await user.click(within(row(1)).getByRole("button", { name: "Reply" }));
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    await user.upload(screen.getByTestId("composer-file"), new File([bytes], "blue mug.png", { type: "image/png" }));
    await settle();
    expect(screen.getByTestId("attachment-name")).toHaveTextContent("blue mug.png");
    expect(screen.getByTestId("attachment-details")).toHaveTextContent("8 B · Photo");
    expect(screen.getByTestId("attachment-preview").getAttribute("src")).toMatch(/^data:image\/png;base64,/);

    await user.type(screen.getByTestId("attachment-caption"), "This one");
    await user.click(screen.getByTestId("attachment-send"));
    await settle();

    const [call] = backend.fullCallsTo("send_attachment");
    expect(call?.args).toEqual({});
    expect(Array.from(call!.body!)).toEqual(Array.from(bytes));
    expect(JSON.parse(decodeURIComponent(call!.headers["x-shopchat-meta"]!))).toEqual({
      contact: ANA,
      filename: "blue mug.png",
      mime_type: "image/png",
      caption: "This one",
      kind: "image",
      reply_to: 1,
    });
    expect(screen.queryByTestId("attachment")).toBeNull();
    expect(screen.queryByTestId("reply-bar")).toBeNull();

    const queued = sent[0]!;
    expect(queued.media?.state).toBe("uploading");
    const upload = () => within(bubble(queued.id)).getByRole("progressbar");
    expect(upload()).not.toHaveAttribute("aria-valuenow");

    await backend.emit("message://upload", { type: "upload_progress", id: queued.id, contact: ANA, sent: 2, total: 8 });
    expect(upload()).toHaveAttribute("aria-valuenow", "25");
    await backend.emit("message://upload", { type: "upload_progress", id: queued.id, contact: ANA, sent: 8, total: 8 });
    expect(upload()).toHaveAttribute("aria-valuenow", "100");

    await backend.emit("message://updated", {
      type: "message_updated",
      message: { ...queued, status: "sent", media: { ...queued.media!, state: "ready" } },
    });
    expect(within(bubble(queued.id)).queryByRole("progressbar")).toBeNull();
    expect(within(bubble(queued.id)).getByTestId("media-image")).toBeInTheDocument();
    stop();
  });

  test("a file dropped on the conversation, or a pasted picture, is attached", async () => {
    const { stop } = await setup([]);
    const root = screen.getByTestId("conversation");
    const dropped = new File(["%PDF-1.4"], "prices.pdf", { type: "application/pdf" });
    await fireEvent.dragOver(root, { dataTransfer: { types: ["Files"], files: [dropped] } });
    await fireEvent.drop(root, { dataTransfer: { types: ["Files"], files: [dropped] } });
    await settle();
    expect(screen.getByTestId("attachment")).toHaveAttribute("data-kind", "document");
    expect(screen.getByTestId("attachment-name")).toHaveTextContent("prices.pdf");

    const pasted = new File([new Uint8Array([1, 2])], "image.png", { type: "image/png" });
    await fireEvent.paste(screen.getByTestId("composer-input"), { clipboardData: { files: [pasted] } });
    await settle();
    expect(screen.getByTestId("attachment")).toHaveAttribute("data-kind", "image");
    stop();
  });
});

describe("templates", () => {
  test("a closed window offers the template picker instead of the text box", async () => {
    const { stop } = await setup([], { lastInboundAt: NOW_S - 30 * HOUR });
    expect(screen.getByTestId("window-closed")).toBeInTheDocument();
    expect(screen.queryByTestId("composer-input")).toBeNull();
    expect(screen.queryByTestId("composer-attach")).toBeNull();
    expect(screen.getByTestId("template-picker")).toBeInTheDocument();
    stop();
  });

  test("fill in the parameters, see the preview, send; the queued template shows in the chat", async () => {
    const { backend, user, stop } = await setup([], { lastInboundAt: null });
    await settle();
    const send = screen.getByTestId("template-send");
    const params = screen.getAllByTestId("template-param");
    expect(params).toHaveLength(2);
    expect(send).toBeDisabled();
    // Before anything is typed, the template's examples stand in.
    expect(screen.getByTestId("template-preview")).toHaveTextContent("Hi Ana, your order #1042 is ready for pickup.");

    await user.type(params[0]!, "Ana");
    expect(send).toBeDisabled();
    expect(screen.getByTestId("template-missing")).toHaveTextContent("Fill in: Value 2.");
    await user.click(send);
    expect(backend.callsTo("send_template")).toEqual([]);

    await user.type(params[1]!, "#12");
    expect(screen.getByTestId("template-preview")).toHaveTextContent("Hi Ana, your order #12 is ready for pickup.");
    await user.click(send);
    await settle();
    expect(backend.callsTo("send_template")).toEqual([{ to: ANA, name: "order_ready", language: "en_US", parameters: ["Ana", "#12"] }]);
    expect(screen.getByTestId("template")).toHaveTextContent("Template order_ready");
    stop();
  });

  test("while the window is open, the picker is a button away", async () => {
    const { user, stop } = await setup([]);
    expect(screen.queryByTestId("template-picker")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Send a template" }));
    expect(screen.getByTestId("template-picker")).toBeInTheDocument();
    expect(screen.getByTestId("composer-input")).toBeInTheDocument();
    await user.click(within(screen.getByTestId("template-picker")).getByRole("button", { name: "Close" }));
    expect(screen.queryByTestId("template-picker")).toBeNull();
    stop();
  });
});
