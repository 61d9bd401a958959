import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import SandboxPhone from "./SandboxPhone.svelte";

describe("the sandbox's phone", () => {
  test("answers the picked customer from the phone, then clears the text", async () => {
    const backend = fakeBackend({ sandbox_phone: () => null });
    const onsent = vi.fn();
    const user = userEvent.setup();
    render(SandboxPhone, { number: "15550100001", text: " On my way ", onsent });
    await user.click(screen.getByTestId("sandbox-phone-echo"));
    await settle();
    expect(backend.callsTo("sandbox_phone")).toEqual([{ action: { kind: "echo", to: "15550100001", text: "On my way" } }]);
    expect(onsent).toHaveBeenCalledOnce();
    expect(screen.getByTestId("sandbox-phone-done")).toHaveTextContent("Sent from the phone");
  });

  test("imports the past chats; no echo without a text", async () => {
    const backend = fakeBackend({ sandbox_phone: () => null });
    const user = userEvent.setup();
    render(SandboxPhone, { number: "15550100001", text: "  ", onsent: vi.fn() });
    expect(screen.getByTestId("sandbox-phone-echo")).toBeDisabled();
    await user.click(screen.getByTestId("sandbox-phone-history"));
    await settle();
    expect(backend.callsTo("sandbox_phone")).toEqual([{ action: { kind: "history" } }]);
    expect(screen.getByTestId("sandbox-phone-done")).toHaveTextContent("Past chats imported");
  });
});
