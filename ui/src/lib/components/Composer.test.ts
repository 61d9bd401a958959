import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { fakeBackend } from "../../test/fakeBackend";
import { message, NOW_S } from "../../test/fixtures";
import Composer from "./Composer.svelte";

function setup(onsend = vi.fn(async (_text: string) => {})) {
  const user = userEvent.setup();
  render(Composer, { onsend });
  const input = screen.getByTestId("composer-input") as HTMLTextAreaElement;
  const send = screen.getByTestId("composer-send") as HTMLButtonElement;
  return { user, input, send, onsend };
}

describe("Composer", () => {
  test("Send is disabled while the message is empty or blank", async () => {
    const { user, input, send } = setup();
    expect(send).toBeDisabled();
    await user.type(input, "   ");
    expect(send).toBeDisabled();
    await user.type(input, "hi");
    expect(send).toBeEnabled();
  });

  test("Enter sends the text and clears the box", async () => {
    const { user, input, onsend } = setup();
    await user.type(input, "Yes, 12 left!{Enter}");
    expect(onsend).toHaveBeenCalledTimes(1);
    expect(onsend).toHaveBeenCalledWith("Yes, 12 left!");
    expect(input.value).toBe("");
  });

  test("Shift+Enter starts a new line and does not send", async () => {
    const { user, input, onsend } = setup();
    await user.type(input, "Line one{Shift>}{Enter}{/Shift}Line two");
    expect(onsend).not.toHaveBeenCalled();
    expect(input.value).toBe("Line one\nLine two");
    await user.click(screen.getByTestId("composer-send"));
    expect(onsend).toHaveBeenCalledWith("Line one\nLine two");
  });

  test("Enter on an empty box sends nothing", async () => {
    const { user, input, onsend } = setup();
    await user.type(input, "{Enter}");
    expect(onsend).not.toHaveBeenCalled();
  });

  test("an error is shown inline and the text is kept", async () => {
    const onsend = vi.fn(async () => {
      throw { code: "outside_window", message: "It has been more than 24 hours since Ana wrote: send a template instead." };
    });
    const { user, input } = setup(onsend);
    await user.type(input, "Hello again{Enter}");
    const error = await screen.findByTestId("composer-error");
    expect(error).toHaveTextContent("It has been more than 24 hours since Ana wrote: send a template instead.");
    expect(error).toHaveAttribute("data-code", "outside_window");
    expect(input.value).toBe("Hello again");
    await user.type(input, "!");
    expect(screen.queryByTestId("composer-error")).toBeNull();
  });
});

describe("Composer and the 24-hour window", () => {
  const now = () => NOW_S;

  test("shows how long the window stays open", () => {
    render(Composer, { onsend: vi.fn(), lastInboundAt: now() - 3600 });
    expect(screen.getByTestId("window-left")).toHaveTextContent("Reply window: 23 h left");
    expect(screen.getByTestId("composer-input")).toBeInTheDocument();
  });

  test("a closed window replaces the text box with the reason", () => {
    render(Composer, { onsend: vi.fn(), lastInboundAt: now() - 25 * 3600 });
    expect(screen.getByTestId("window-closed")).toHaveTextContent("The 24-hour window is closed.");
    expect(screen.getByTestId("window-closed")).toHaveTextContent("more than 24 hours ago");
    expect(screen.queryByTestId("composer-input")).toBeNull();
    expect(screen.queryByTestId("composer-send")).toBeNull();
  });

  test("a customer who never wrote cannot be written to freely", () => {
    render(Composer, { onsend: vi.fn(), lastInboundAt: null });
    expect(screen.getByTestId("window-closed")).toHaveTextContent("has not written yet");
  });

  test("without a known window the composer is not gated", () => {
    render(Composer, { onsend: vi.fn() });
    expect(screen.queryByTestId("window-left")).toBeNull();
    expect(screen.queryByTestId("window-closed")).toBeNull();
    expect(screen.getByTestId("composer-input")).toBeInTheDocument();
  });
});

describe("Composer keyboard", () => {
  test("the text box has the focus as soon as the chat opens", () => {
    const { input } = setup();
    expect(document.activeElement).toBe(input);
  });

  test("Escape cancels the reply", async () => {
    const user = userEvent.setup();
    const oncancelreply = vi.fn();
    render(Composer, { onsend: vi.fn(async () => {}), replyTo: message({ id: 3, text: "Do you have mugs?" }), oncancelreply });
    await user.keyboard("{Escape}");
    expect(oncancelreply).toHaveBeenCalledTimes(1);
  });

  test("Escape closes the template picker first, then removes the attachment, keeping the reply", async () => {
    fakeBackend({ list_templates: () => [] });
    const user = userEvent.setup();
    const oncancelreply = vi.fn();
    render(Composer, {
      onsend: vi.fn(async () => {}),
      onattach: vi.fn(async () => {}),
      onsendtemplate: vi.fn(async () => {}),
      replyTo: message({ id: 3, text: "Do you have mugs?" }),
      oncancelreply,
    });
    await user.upload(screen.getByTestId("composer-file"), new File(["x"], "notes.pdf", { type: "application/pdf" }));
    await waitFor(() => expect(screen.getByTestId("attachment")).toBeInTheDocument());
    await user.click(screen.getByTestId("composer-templates"));
    expect(screen.getByTestId("composer-templates")).toHaveAttribute("aria-expanded", "true");
    await user.keyboard("{Escape}");
    expect(screen.getByTestId("composer-templates")).toHaveAttribute("aria-expanded", "false");
    expect(screen.getByTestId("attachment")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("attachment")).toBeNull();
    expect(oncancelreply).not.toHaveBeenCalled();
    await user.keyboard("{Escape}");
    expect(oncancelreply).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(screen.getByTestId("composer-input"));
  });
});
