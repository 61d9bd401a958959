// Escape and the focus around the composer: what closes, and where the focus goes after.
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { chat, history, message, NOW_S } from "../../test/fixtures";
import { ConversationStore } from "../stores/conversation.svelte";
import Composer from "./Composer.svelte";
import Conversation from "./Conversation.svelte";

const ANA = "15550100001";

describe("the composer's keyboard", () => {
  test("Remove takes the file away and gives the focus back to the text box", async () => {
    fakeBackend({});
    const user = userEvent.setup();
    render(Composer, { onsend: vi.fn(async () => {}), onattach: vi.fn(async () => {}) });
    await user.upload(screen.getByTestId("composer-file"), new File(["x"], "notes.pdf", { type: "application/pdf" }));
    await waitFor(() => expect(screen.getByTestId("attachment")).toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Remove" }));
    expect(screen.queryByTestId("attachment")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("composer-input")).toHaveFocus());
  });

  test("× on the reply cancels it and gives the focus back to the text box", async () => {
    const user = userEvent.setup();
    const oncancelreply = vi.fn();
    render(Composer, { onsend: vi.fn(async () => {}), replyTo: message({ id: 3, text: "Mugs?" }), oncancelreply });
    await user.click(screen.getByRole("button", { name: "Cancel the reply" }));
    expect(oncancelreply).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId("composer-input")).toHaveFocus());
  });

  test("Escape in the message list cancels the reply, then nothing more", async () => {
    fakeBackend({ list_messages: () => history(3), mark_read: () => null });
    const conversation = new ConversationStore({ isFocused: () => true });
    const stop = conversation.connect();
    render(Conversation, { conversation, chat: chat({ wa_id: ANA, name: "Ana" }), onsend: vi.fn(async () => {}) });
    await conversation.open(ANA);
    await settle();
    const user = userEvent.setup();
    conversation.reply(conversation.messages[1]!);
    await settle();
    expect(screen.getByTestId("reply-bar")).toBeInTheDocument();
    screen.getByRole("log", { name: "Messages" }).focus();
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("reply-bar")).toBeNull();
    expect(conversation.replyingTo).toBeNull();
    await waitFor(() => expect(screen.getByTestId("composer-input")).toHaveFocus());
    stop();
  });

  test("focus() reaches the template picker once the 24-hour window has closed", async () => {
    fakeBackend({ list_templates: () => [] });
    const view = render(Composer, { onsend: vi.fn(async () => {}), onsendtemplate: vi.fn(async () => {}), lastInboundAt: NOW_S - 2 * 86_400 });
    await settle();
    (document.activeElement as HTMLElement | null)?.blur();
    expect(screen.queryByTestId("composer-input")).toBeNull();
    expect(view.component.focus()).toBe(true);
    expect(screen.getByTestId("composer").contains(document.activeElement)).toBe(true);
  });

  test("what is open above the text box is in its own scrolling part, never the text box's row", async () => {
    fakeBackend({ list_templates: () => [] });
    const user = userEvent.setup();
    render(Composer, { onsend: vi.fn(async () => {}), onattach: vi.fn(async () => {}), onsendtemplate: vi.fn(async () => {}) });
    await user.upload(screen.getByTestId("composer-file"), new File(["x"], "notes.pdf", { type: "application/pdf" }));
    await waitFor(() => expect(screen.getByTestId("attachment")).toBeInTheDocument());
    await user.click(screen.getByTestId("composer-templates"));
    const extras = screen.getByTestId("composer-extras");
    expect(extras).toContainElement(screen.getByTestId("attachment"));
    expect(extras).toContainElement(screen.getByTestId("template-picker"));
    expect(extras).not.toContainElement(screen.getByTestId("composer-input"));
    expect(extras.compareDocumentPosition(screen.getByTestId("composer-input")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
