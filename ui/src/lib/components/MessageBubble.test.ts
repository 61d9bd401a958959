import { fireEvent, render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import type { ContentView } from "../../bindings/ContentView";
import type { MessageView } from "../../bindings/MessageView";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { media, message } from "../../test/fixtures";
import MessageBubble from "./MessageBubble.svelte";

function show(fields: Partial<MessageView>, props: Partial<{ onjump: (id: number) => void }> = {}) {
  const backend = fakeBackend();
  const m = message({ id: 7, ...fields });
  render(MessageBubble, { message: m, ...props });
  return { backend, m, bubble: screen.getByTestId("message") };
}

const withContent = (content: ContentView, fields: Partial<MessageView> = {}) =>
  show({ type: content.kind, text: null, content, ...fields });

describe("a message that failed", () => {
  const failed = { direction: "out" as const, status: "failed" as const, text: "See you at 5", error: { code: 131047, title: "Re-engagement message", details: null } };

  test("says why and offers Retry and Delete, each for this message", async () => {
    fakeBackend();
    const onretry = vi.fn(async () => {});
    const ondelete = vi.fn(async () => {});
    const m = message({ id: 7, ...failed });
    render(MessageBubble, { message: m, onretry, ondelete });
    expect(screen.getByTestId("message-error")).toHaveTextContent("Not sent:");
    await userEvent.click(screen.getByTestId("message-retry"));
    expect(onretry).toHaveBeenCalledWith(m);
    await userEvent.click(screen.getByTestId("message-delete"));
    expect(ondelete).toHaveBeenCalledWith(m);
  });

  test("a refused retry (the 24-hour window closed) is explained in place", async () => {
    fakeBackend();
    const onretry = vi.fn(async () => {
      throw { code: "outside_window", message: "The customer last wrote more than 24 hours ago: send a template." };
    });
    render(MessageBubble, { message: message({ id: 7, ...failed }), onretry });
    await userEvent.click(screen.getByTestId("message-retry"));
    expect(await screen.findByTestId("message-retry-error")).toHaveTextContent("more than 24 hours ago");
    expect(screen.queryByTestId("message-delete")).toBeNull();
  });

  test("a customer's message never offers them", () => {
    show({ direction: "in", status: "failed", error: { code: 131051, title: "Unsupported", details: null } });
    expect(screen.queryByTestId("message-retry")).toBeNull();
  });
});

describe("media bubbles", () => {
  test("an image: a lazy thumbnail from the media scheme, the caption under it", () => {
    const { bubble } = show({ type: "image", text: "the blue one", media: media() });
    const img = within(bubble).getByRole("img", { name: "the blue one" });
    expect(img).toHaveAttribute("src", "shopchat-media://localhost/7");
    expect(img).toHaveAttribute("loading", "lazy");
    expect(within(bubble).getByTestId("message-text")).toHaveTextContent("the blue one");
  });

  test("a click enlarges the image in a dialog; Esc and Close close it", async () => {
    const user = userEvent.setup();
    const { bubble } = show({ type: "image", text: null, media: media({ filename: "mug.jpg" }) });
    const dialog = screen.getByTestId("lightbox") as HTMLDialogElement;
    expect(dialog.open).toBe(false);

    await user.click(within(bubble).getByRole("button", { name: "Enlarge image" }));
    expect(dialog.open).toBe(true);
    expect(within(dialog).getByRole("img", { name: "mug.jpg" })).toHaveAttribute("src", "shopchat-media://localhost/7");
    expect(within(dialog).getByRole("button", { name: "Close" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(dialog.open).toBe(false);

    await user.click(within(bubble).getByRole("button", { name: "Enlarge image" }));
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(dialog.open).toBe(false);
  });

  test("a sticker is a thumbnail too", () => {
    const { bubble } = show({ type: "sticker", text: null, media: media({ kind: "sticker", mime_type: "image/webp" }) });
    expect(within(bubble).getByTestId("media-sticker")).toBeInTheDocument();
    expect(within(bubble).getByRole("button", { name: "Enlarge sticker" })).toBeInTheDocument();
  });

  test("a video plays in place, loading only its metadata", () => {
    const { bubble } = show({ type: "video", text: null, media: media({ kind: "video", mime_type: "video/mp4" }) });
    const video = within(bubble).getByTestId("media-video");
    expect(video.tagName).toBe("VIDEO");
    expect(video).toHaveAttribute("controls");
    expect(video).toHaveAttribute("preload", "metadata");
    expect(video).toHaveAttribute("src", "shopchat-media://localhost/7");
  });

  test("a voice note has a player and says it is a voice message", () => {
    const { bubble } = show({ type: "audio", text: null, media: media({ kind: "audio", mime_type: "audio/ogg", voice: true }) });
    const audio = within(bubble).getByTestId("media-audio");
    expect(audio.querySelector("audio")).toHaveAttribute("controls");
    expect(audio.querySelector("audio")).toHaveAttribute("src", "shopchat-media://localhost/7");
    expect(within(bubble).getByTestId("voice-note")).toHaveTextContent("Voice message");
  });

  test("a document: name, size and type; Open and Save as call Rust", async () => {
    const user = userEvent.setup();
    const { backend, bubble } = show({
      type: "document",
      text: "This week's prices",
      media: media({ kind: "document", mime_type: "application/pdf", filename: "Prices.pdf", size: 123_456 }),
    });
    const chip = within(bubble).getByTestId("media-document");
    expect(chip).toHaveTextContent("Prices.pdf");
    expect(chip).toHaveTextContent("120.6 KB · PDF");
    expect(chip).toHaveAttribute("data-family", "pdf");

    await user.click(within(chip).getByRole("button", { name: "Open" }));
    expect(backend.callsTo("open_media")).toEqual([{ messageId: 7 }]);

    backend.on("save_media", () => "/home/shop/Prices.pdf");
    await user.click(within(chip).getByRole("button", { name: "Save as…" }));
    await settle();
    expect(backend.callsTo("save_media")).toEqual([{ messageId: 7 }]);
    expect(screen.getByTestId("document-saved")).toHaveTextContent("Saved to /home/shop/Prices.pdf");
  });

  test("a cancelled Save as says nothing; a failed Open says why", async () => {
    const user = userEvent.setup();
    const { backend } = show({ type: "document", media: media({ kind: "document", filename: "a.pdf" }) });
    backend.on("save_media", () => null);
    await user.click(screen.getByRole("button", { name: "Save as…" }));
    await settle();
    expect(screen.queryByTestId("document-saved")).toBeNull();
    backend.on("open_media", () => {
      throw { code: "not_found", message: "The file is no longer on this computer." };
    });
    await user.click(screen.getByRole("button", { name: "Open" }));
    await settle();
    expect(screen.getByRole("alert")).toHaveTextContent("The file is no longer on this computer.");
  });

  test("a file still downloading says so and shows no player or thumbnail", () => {
    const { bubble } = show({ type: "image", text: null, media: media({ state: "downloading" }) });
    expect(within(bubble).getByTestId("media-pending")).toHaveTextContent("Downloading…");
    expect(within(bubble).queryByTestId("media-image")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
  });

  test("a document still downloading has no Open or Save as", () => {
    const { bubble } = show({ type: "document", media: media({ kind: "document", state: "pending", filename: "a.pdf" }) });
    expect(within(bubble).getByTestId("media-document")).toHaveTextContent("a.pdf");
    expect(within(bubble).queryByRole("button", { name: "Open" })).toBeNull();
    expect(within(bubble).getByTestId("media-pending")).toBeInTheDocument();
  });

  test("a failed download shows the reason, and Try again asks Rust to retry", async () => {
    const user = userEvent.setup();
    const { backend, bubble } = show({
      type: "video",
      text: null,
      media: media({ kind: "video", state: "failed", error: "The media URL has expired." }),
    });
    const failed = within(bubble).getByTestId("media-failed");
    expect(failed).toHaveTextContent("Could not download the file: The media URL has expired.");
    await user.click(within(failed).getByRole("button", { name: "Try again" }));
    expect(backend.callsTo("retry_media")).toEqual([{ messageId: 7 }]);
  });

  test("an upload shows its progress", () => {
    fakeBackend();
    render(MessageBubble, {
      message: message({ id: 8, direction: "out", status: "queued", type: "image", media: media({ state: "uploading" }) }),
      progress: { sent: 512, total: 1024 },
    });
    const bar = screen.getByRole("progressbar", { name: "Uploading the file" });
    expect(bar).toHaveAttribute("aria-valuenow", "50");
    expect(screen.getByTestId("upload-progress")).toHaveTextContent("Uploading… 50%");
  });
});

describe("content bubbles", () => {
  test("WhatsApp formatting is drawn and links open in the browser, never in the window", async () => {
    const backend = fakeBackend({ open_url: () => null });
    const hostile = "*Sale* _today_ ~old~ ```SKU-1``` see https://shop.example/a <img src=x onerror=alert(1)>";
    render(MessageBubble, { message: message({ text: hostile }) });
    const text = screen.getByTestId("message-text");
    expect(text.querySelector("img")).toBeNull();
    expect(text.textContent).toBe("Sale today old SKU-1 see https://shop.example/a <img src=x onerror=alert(1)>");
    expect(within(text).getByText("Sale")).toHaveClass("b");
    expect(within(text).getByText("today")).toHaveClass("i");
    expect(within(text).getByText("old")).toHaveClass("s");
    expect(within(text).getByText("SKU-1").tagName).toBe("CODE");
    const link = within(text).getByTestId("message-link");
    const click = new MouseEvent("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await settle();
    expect(backend.callsTo("open_url")).toEqual([{ url: "https://shop.example/a" }]);
  });

  test("a kind the app cannot show reads in words, never as raw [type]", () => {
    for (const type of ["ephemeral", "image", "unsupported"]) {
      const { unmount } = render(MessageBubble, { message: message({ type, text: null }) });
      const text = screen.getByTestId("message-text").textContent ?? "";
      expect(text).not.toMatch(/\[\w+\]/);
      expect(text.trim()).not.toBe("");
      unmount();
    }
  });

  test("a location: name, address, coordinates to 5 decimals, and a map link opened by the system", async () => {
    const user = userEvent.setup();
    const { backend, bubble } = withContent({
      kind: "location",
      latitude: 38.7222524,
      longitude: -9.1393366,
      name: "Market Square",
      address: "Rua Augusta 1, Lisboa",
      map_url: "https://www.openstreetmap.org/?mlat=38.72225&mlon=-9.13934",
    });
    const location = within(bubble).getByTestId("location");
    expect(location).toHaveTextContent("Market Square");
    expect(location).toHaveTextContent("Rua Augusta 1, Lisboa");
    expect(within(location).getByTestId("coordinates")).toHaveTextContent("38.72225, -9.13934");
    const link = within(location).getByRole("link", { name: "Open map" });
    expect(link).toHaveAttribute("target", "_blank");
    expect(link.getAttribute("rel")).toContain("noopener");
    await user.click(link);
    expect(backend.callsTo("open_url")).toEqual([{ url: "https://www.openstreetmap.org/?mlat=38.72225&mlon=-9.13934" }]);
  });

  test("contact cards: name, organisation, phones and emails", () => {
    const { bubble } = withContent({
      kind: "contacts",
      cards: [
        { name: "Ben Okafor", phones: ["+1 555 010 0002"], emails: ["ben@example.com"], organization: "Okafor Imports" },
        { name: "Chloé", phones: [], emails: [], organization: null },
      ],
    });
    const cards = within(bubble).getAllByTestId("contact-card");
    expect(cards).toHaveLength(2);
    expect(cards[0]).toHaveTextContent("Ben Okafor");
    expect(cards[0]).toHaveTextContent("Okafor Imports");
    expect(within(cards[0]!).getByTestId("contact-phone")).toHaveTextContent("+1 555 010 0002");
    expect(within(cards[0]!).getByTestId("contact-email")).toHaveTextContent("ben@example.com");
    expect(cards[1]).toHaveTextContent("Chloé");
  });

  test("reply buttons: the body and the options as chips that are not buttons", () => {
    const { bubble } = withContent(
      {
        kind: "interactive",
        header: "Pickup",
        body: "Is tomorrow at 10 fine?",
        footer: "Reply below",
        button: null,
        options: [
          { id: "yes", title: "Yes", description: null },
          { id: "no", title: "No", description: null },
        ],
      },
      { direction: "out", status: "read" },
    );
    const block = within(bubble).getByTestId("interactive");
    expect(block).toHaveTextContent("Pickup");
    expect(block).toHaveTextContent("Is tomorrow at 10 fine?");
    expect(within(block).getAllByTestId("interactive-option").map((o) => o.textContent)).toEqual(["Yes", "No"]);
    expect(within(block).queryByRole("button")).toBeNull();
    expect(within(block).queryByTestId("interactive-button")).toBeNull();
  });

  test("a list shows its button label", () => {
    const { bubble } = withContent({
      kind: "interactive",
      header: null,
      body: "Choose a size",
      footer: null,
      button: "Sizes",
      options: [{ id: "s", title: "Small", description: "250 ml" }],
    });
    expect(within(bubble).getByTestId("interactive-button")).toHaveTextContent("Sizes");
  });

  test("the customer's answer reads as a reply", () => {
    const { bubble } = withContent({ kind: "interactive_reply", id: "yes", title: "Yes", description: null });
    expect(within(bubble).getByTestId("interactive-reply")).toHaveTextContent("↩ Answered: Yes");
  });

  test("a template sent now shows the text the customer read, with only its name as a tag", () => {
    const { bubble } = withContent(
      { kind: "template", name: "order_ready", language: "en_US", parameters: ["#12", "Ana", "#12"] },
      { direction: "out", status: "sent", text: "*Order #12*\n\nHi Ana, your order #12 is ready." },
    );
    expect(within(bubble).getByTestId("message-text")).toHaveTextContent("Order #12 Hi Ana, your order #12 is ready.");
    const template = within(bubble).getByTestId("template");
    expect(template).toHaveTextContent("Template order_ready");
    expect(within(template).queryAllByRole("listitem")).toHaveLength(0);
  });

  test("a template sent by an older version (its text is its name and values): its name and parameters", () => {
    const { bubble } = withContent(
      { kind: "template", name: "order_ready", language: "en_US", parameters: ["Ana", "#12"] },
      { direction: "out", status: "sent", text: "order_ready (Ana, #12)" },
    );
    expect(within(bubble).queryByTestId("message-text")).toBeNull();
    const template = within(bubble).getByTestId("template");
    expect(template).toHaveTextContent("Template order_ready");
    expect(within(template).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Ana", "#12"]);
  });

  test("orders, referrals, system and unsupported messages read as lines", () => {
    withContent({ kind: "order", items: 3, text: "For Friday" }, { id: 1 });
    expect(screen.getByTestId("order")).toHaveTextContent("Order: 3 items");
    document.body.innerHTML = "";
    withContent({ kind: "system", body: "Ana changed their number." });
    expect(screen.getByTestId("system-line")).toHaveTextContent("Ana changed their number.");
    document.body.innerHTML = "";
    withContent({ kind: "unsupported", reason: "Message type unknown" });
    expect(screen.getByTestId("unsupported")).toHaveTextContent("not supported: Message type unknown");
    document.body.innerHTML = "";
    show({ type: "text", text: "Is this still on sale?", content: { kind: "referral", headline: "Spring mugs", source_url: null } });
    expect(screen.getByTestId("referral")).toHaveTextContent("From an ad: Spring mugs");
    expect(screen.getByTestId("message-text")).toHaveTextContent("Is this still on sale?");
  });
});

describe("reactions, quotes and forwards", () => {
  test("reactions are badges under the bubble, the customer's and the shop's", () => {
    show({
      reactions: [
        { emoji: "❤️", direction: "in" },
        { emoji: "👍", direction: "out" },
      ],
    });
    const badges = screen.getAllByTestId("reaction");
    expect(badges.map((b) => [b.dataset.direction, b.textContent?.includes(b.dataset.direction === "in" ? "❤️" : "👍")])).toEqual([
      ["in", true],
      ["out", true],
    ]);
    expect(badges[0]).toHaveAttribute("title", "The customer reacted ❤️");
    expect(badges[1]).toHaveAttribute("title", "You reacted 👍");
  });

  test("a quote of the customer's message and their reaction name the contact", () => {
    render(MessageBubble, {
      message: message({
        direction: "out",
        text: "Yes, in blue",
        reply_to: { wamid: "wamid.3", id: 3, direction: "in", kind: "text", text: "Do you have mugs?" },
        reactions: [{ emoji: "❤️", direction: "in" }],
      }),
      contactName: "Ana Lima",
    });
    expect(screen.getByTestId("quote")).toHaveTextContent("Ana Lima");
    expect(screen.getByTestId("quote")).not.toHaveTextContent("Customer");
    expect(screen.getByTestId("reaction")).toHaveAttribute("title", "Ana Lima reacted ❤️");
  });

  test("a quote is shown above the text; a click jumps to the quoted message", async () => {
    const user = userEvent.setup();
    const onjump = vi.fn();
    const { bubble } = show(
      { text: "Yes please", reply_to: { wamid: "wamid.3", id: 3, direction: "out", kind: "text", text: "Want the blue one?" } },
      { onjump },
    );
    const quote = within(bubble).getByTestId("quote");
    expect(quote).toHaveTextContent("You");
    expect(quote).toHaveTextContent("Want the blue one?");
    expect(quote.compareDocumentPosition(within(bubble).getByTestId("message-text")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.click(quote);
    expect(onjump).toHaveBeenCalledWith(3);
  });

  test("a quote of a message not stored here is not a button", () => {
    const { bubble } = show({ reply_to: { wamid: "wamid.x", id: null, direction: null, kind: null, text: null } });
    const quote = within(bubble).getByTestId("quote");
    expect(quote.tagName).not.toBe("BUTTON");
    expect(quote).toHaveTextContent("The original message is not available.");
  });

  test("a forwarded message says so", () => {
    const { bubble } = show({ forwarded: true });
    expect(within(bubble).getByTestId("forwarded")).toHaveTextContent("Forwarded");
  });

  test("an unknown type without content says so in words", () => {
    const { bubble } = show({ type: "ephemeral", text: null });
    expect(within(bubble).getByTestId("message-text")).toHaveTextContent("Message");
  });
});

describe("message actions", () => {
  test("Reply and React; the picker offers six emojis and Remove when the shop has reacted; Esc closes it", async () => {
    const user = userEvent.setup();
    fakeBackend();
    const onreply = vi.fn();
    const onreact = vi.fn(async () => {});
    const m = message({ id: 9, reactions: [{ emoji: "👍", direction: "out" }] });
    render(MessageBubble, { message: m, onreply, onreact });

    await user.click(screen.getByRole("button", { name: "Reply" }));
    expect(onreply).toHaveBeenCalledWith(m);

    const react = screen.getByRole("button", { name: "React" });
    await user.click(react);
    const picker = screen.getByTestId("reaction-picker");
    expect(within(picker).getAllByRole("button", { name: /^React with/ })).toHaveLength(6);
    expect(within(picker).getByRole("button", { name: "React with 👍" })).toHaveAttribute("aria-pressed", "true");
    await user.click(within(picker).getByRole("button", { name: "React with ❤️" }));
    expect(onreact).toHaveBeenLastCalledWith(m, "❤️");
    expect(screen.queryByTestId("reaction-picker")).toBeNull();

    await user.click(react);
    await user.click(screen.getByRole("button", { name: "Remove" }));
    expect(onreact).toHaveBeenLastCalledWith(m, "");

    await user.click(react);
    await fireEvent.keyDown(screen.getByRole("button", { name: "React with 😂" }), { key: "Escape" });
    expect(screen.queryByTestId("reaction-picker")).toBeNull();
    expect(react).toHaveFocus();
  });
});
