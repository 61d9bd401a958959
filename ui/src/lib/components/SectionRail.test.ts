import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import { i18n } from "../i18n/index.svelte";
import SectionRail from "./SectionRail.svelte";

describe("SectionRail", () => {
  afterEach(() => i18n.choose(null));

  test("names each section, marks the open one and counts what waits", () => {
    render(SectionRail, { section: "documents", badges: { documents: 2 }, onsection: vi.fn(), ontool: vi.fn() });
    const nav = screen.getByRole("navigation", { name: "Sections" });
    expect(nav).toBeTruthy();
    expect(screen.getByTestId("nav-documents").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("nav-chats").getAttribute("aria-current")).toBeNull();
    expect(screen.getByRole("button", { name: "Documents: 2 waiting" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Templates" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Statistics" })).toBeTruthy();
  });

  test("a click opens a section or a tool; arrows move between the buttons", async () => {
    const onsection = vi.fn();
    const ontool = vi.fn();
    render(SectionRail, { section: "chats", sections: ["chats", "broadcasts"], onsection, ontool });
    expect(screen.queryByTestId("nav-templates")).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("nav-broadcasts"));
    expect(onsection).toHaveBeenCalledWith("broadcasts");
    await user.click(screen.getByTestId("open-automations"));
    expect(ontool).toHaveBeenCalledWith("automations");
    screen.getByTestId("nav-chats").focus();
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(screen.getByTestId("nav-broadcasts"));
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(document.activeElement).toBe(screen.getByTestId("open-settings"));
  });

  test("speaks Spanish", () => {
    i18n.choose("es");
    render(SectionRail, { section: "chats", onsection: vi.fn(), ontool: vi.fn() });
    expect(screen.getByRole("button", { name: "Plantillas" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Estadísticas" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Ajustes de WhatsApp" })).toBeTruthy();
  });
});
