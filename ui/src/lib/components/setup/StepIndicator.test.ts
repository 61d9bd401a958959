import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { STEPS } from "../../setup";
import StepIndicator from "./StepIndicator.svelte";

describe("StepIndicator", () => {
  test("every step keeps its whole name (tooltip and text) even when only the numbers show", () => {
    render(StepIndicator, { current: 2, reached: 3, ongo: vi.fn() });
    const items = within(screen.getByRole("list", { name: "Steps" })).getAllByRole("listitem");
    expect(items.map((li) => li.getAttribute("title"))).toEqual(STEPS.map(({ step, title }) => `${step}. ${title}`));
    expect(items.map((li) => li.textContent?.trim())).toEqual(STEPS.map(({ step, title }) => `${step}${title}`));
    expect(items[1]).toHaveAttribute("aria-current", "step");
  });

  test("the reached steps can be gone back to; the others cannot", async () => {
    const ongo = vi.fn();
    render(StepIndicator, { current: 3, reached: 3, ongo });
    const steps = screen.getByRole("list", { name: "Steps" });
    await userEvent.setup().click(within(steps).getByRole("button", { name: /What you need/ }));
    expect(ongo).toHaveBeenCalledWith(1);
    expect(within(steps).queryByRole("button", { name: /Public address/ })).toBeNull();
    expect(within(steps).queryByRole("button", { name: /Webhook security/ })).toBeNull();
  });
});
