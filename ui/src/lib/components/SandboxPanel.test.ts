import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { resizeWindow } from "../../test/viewport";
import SandboxPanel from "./SandboxPanel.svelte";

const CUSTOMERS = [
  { wa_id: "15550100001", name: "Ana" },
  { wa_id: "15550100002", name: "Ben" },
];

async function setup(sayHandler: () => unknown = () => null) {
  const backend = fakeBackend({ sandbox_customers: () => CUSTOMERS, sandbox_say: sayHandler });
  const user = userEvent.setup();
  render(SandboxPanel);
  await settle();
  return { backend, user };
}

describe("SandboxPanel", () => {
  test("on a 760×480 window it starts folded, with a toggle to open it; a tall window shows it open", async () => {
    resizeWindow(760, 480);
    const { user } = await setup();
    const toggle = screen.getByRole("button", { name: "Simulated customer" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByTestId("sandbox-text")).toBeNull();
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByTestId("sandbox-text")).toBeInTheDocument();
    // The owner's choice holds when the window changes.
    resizeWindow(1120, 740);
    await settle();
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    await user.click(toggle);
    resizeWindow(760, 480);
    await settle();
    expect(toggle).toHaveAttribute("aria-expanded", "false");
  });

  test("it folds when the window becomes short, until the owner opens it", async () => {
    await setup();
    const toggle = screen.getByRole("button", { name: "Simulated customer" });
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    resizeWindow(760, 480);
    await settle();
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByTestId("sandbox-text")).toBeNull();
    resizeWindow(1120, 740);
    await settle();
    expect(toggle).toHaveAttribute("aria-expanded", "true");
  });

  test("lists the simulated customers and sends as the one picked", async () => {
    const { backend, user } = await setup();
    expect(screen.getByTestId("sandbox-panel")).toBeInTheDocument();
    const from = screen.getByTestId("sandbox-from") as HTMLSelectElement;
    expect(Array.from(from.options).map((o) => o.value)).toEqual(["15550100001", "15550100002", "other"]);
    await user.selectOptions(from, "15550100002");
    await user.type(screen.getByTestId("sandbox-text"), "Do you have blue mugs?");
    await user.click(screen.getByTestId("sandbox-send"));
    await settle();
    expect(backend.callsTo("sandbox_say")).toEqual([
      { from: "15550100002", text: "Do you have blue mugs?", name: "Ben" },
    ]);
    expect((screen.getByTestId("sandbox-text") as HTMLTextAreaElement).value).toBe("");
    expect(screen.getByText("Sent as Ben")).toBeInTheDocument();
  });

  test("another number can be typed, with an optional name", async () => {
    const { backend, user } = await setup();
    await user.selectOptions(screen.getByTestId("sandbox-from"), "other");
    const send = screen.getByTestId("sandbox-send");
    await user.type(screen.getByTestId("sandbox-text"), "Hello");
    expect(send).toBeDisabled();
    await user.type(screen.getByTestId("sandbox-number"), "+1 555 010 0009");
    expect(send).toBeEnabled();
    await user.click(send);
    await settle();
    await user.type(screen.getByTestId("sandbox-name"), "Dan");
    await user.type(screen.getByTestId("sandbox-text"), "Me again{Enter}");
    await settle();
    expect(backend.callsTo("sandbox_say")).toEqual([
      { from: "15550100009", text: "Hello", name: null },
      { from: "15550100009", text: "Me again", name: "Dan" },
    ]);
  });

  test("a failure is shown", async () => {
    const { user } = await setup(() => {
      throw { code: "not_sandbox", message: "Simulated customers exist only in the sandbox." };
    });
    await user.type(screen.getByTestId("sandbox-text"), "Hi");
    await user.click(screen.getByTestId("sandbox-send"));
    await settle();
    expect(screen.getByTestId("sandbox-error")).toHaveTextContent("Simulated customers exist only in the sandbox.");
  });

  test("collapses and expands", async () => {
    const { user } = await setup();
    const toggle = screen.getByRole("button", { name: /simulated customer/i });
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByTestId("sandbox-from")).toBeNull();
    await user.click(toggle);
    expect(screen.getByTestId("sandbox-from")).toBeInTheDocument();
  });
});
