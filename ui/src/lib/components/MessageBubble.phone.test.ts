import { render, screen, within } from "@testing-library/svelte";
import { describe, expect, test } from "vitest";
import type { MessageView } from "../../bindings/MessageView";
import { fakeBackend } from "../../test/fakeBackend";
import { message } from "../../test/fixtures";
import MessageBubble from "./MessageBubble.svelte";

function show(fields: Partial<MessageView>) {
  fakeBackend();
  render(MessageBubble, { message: message({ id: 7, ...fields }) });
  return screen.getByTestId("message");
}

describe("who sent a shop's message", () => {
  test("a message the owner sent from the phone says so", () => {
    const bubble = show({ direction: "out", origin: "phone", text: "On my way" });
    const tag = within(bubble).getByTestId("phone-tag");
    expect(tag).toHaveTextContent("sent from the phone");
    expect(tag).toHaveAttribute("title", "Sent from the WhatsApp Business app on the phone");
    expect(within(bubble).queryByTestId("auto-tag")).toBeNull();
  });

  test("a message sent from Shopchat, by the bot, or by the customer has no phone marker", () => {
    for (const fields of [
      { direction: "out", origin: "app" },
      { direction: "out", origin: "automation", auto: true },
      { direction: "in", origin: null },
    ] as Partial<MessageView>[]) {
      const bubble = show(fields);
      expect(within(bubble).queryByTestId("phone-tag")).toBeNull();
      bubble.parentElement?.remove();
      document.body.innerHTML = "";
    }
  });
});
