import { fireEvent, render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { fakeBackend, settle } from "../../../test/fakeBackend";
import BroadcastWizard from "./BroadcastWizard.svelte";
import { CHECKED } from "./testData";

const cells = (id: string) => [...screen.getByTestId(id).querySelectorAll("tbody td")].map((c) => c.textContent?.trim());
const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, " ").trim() ?? "";

describe("the wizard", () => {
  test("checks with a dry run, shows the problems, the budget and the preview, then sends", async () => {
    const backend = fakeBackend({
      labels: () => [{ id: 1, name: "VIP", color: "#e74c3c", count: 4 }],
      setup_state: () => ({ settings: { outbox_rate: null, on_business_app: true } }),
      create_broadcast: (args) => {
        const request = args.request as { dry_run: boolean };
        return request.dry_run ? CHECKED : { ...CHECKED, id: 9 };
      },
    });
    const oncreated = vi.fn();
    const user = userEvent.setup();
    render(BroadcastWizard, { oncreated, oncancel: vi.fn() });
    await settle();
    expect(screen.getByTestId("broadcast-check")).toBeDisabled();
    await user.type(screen.getByTestId("broadcast-name"), "Pickup reminder");
    // Only approved templates are offered.
    const template = screen.getByTestId("broadcast-template");
    expect(within(template).queryByText(/spring_sale/)).toBeNull();
    await user.selectOptions(template, "order_ready:en_US");
    await user.selectOptions(screen.getByTestId("audience-filter"), "label");
    await user.selectOptions(screen.getByTestId("audience-label"), "VIP");
    expect(screen.getByTestId("param-0")).toHaveValue("name");
    await user.selectOptions(screen.getByTestId("param-1"), "customer_ref");
    await user.click(screen.getByTestId("broadcast-check"));
    await settle();

    expect(backend.callsTo("create_broadcast")).toEqual([
      {
        request: {
          name: "Pickup reminder",
          template: "order_ready",
          lang: "en_US",
          audience: { kind: "contacts", filter: { kind: "label", label: "VIP" } },
          params: ["name", "customer_ref"],
          start_at: null,
          rate: 20,
          default_country: null,
          spread: false,
          dry_run: true,
        },
      },
    ]);
    expect(text("check-recipients")).toBe("3 customers will get it");
    expect(cells("check-invalid")).toEqual(["4", "1.5E+11", "scientific notation from a spreadsheet"]);
    expect(cells("check-duplicates")).toEqual(["6", "5215512345678", "row 2"]);
    expect(text("check-opted-out")).toContain("1 customer opted out");
    expect(text("check-us")).toBe("2 US (+1) numbers skipped: Meta does not deliver marketing templates to +1 numbers.");
    expect(text("check-stripped")).toContain("1 number looks stripped of a leading + or 0");
    expect(text("check-budget")).toContain("250 customers per 24 hours · 40 used · 210 left");
    const preview = screen.getByTestId("check-preview");
    expect(preview).toHaveTextContent("Hi Ana <i>, your order R-7 is ready for pickup.");
    expect(preview.querySelector("i")).toBeNull();

    await user.click(screen.getByTestId("broadcast-send"));
    await settle();
    const sent = backend.callsTo("create_broadcast");
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ request: { ...(sent[0]!.request as object), dry_run: false } });
    expect(oncreated).toHaveBeenCalledWith(9);
  }, 30_000);

  test("a CSV list with its columns, at a date and time; a change asks for a new check", async () => {
    const backend = fakeBackend({
      setup_state: () => {
        throw { code: "internal", message: "no settings" };
      },
      labels: () => [],
      choose_broadcast_csv: () => "/home/shop/list.csv",
      create_broadcast: () => ({ ...CHECKED, budget: { limit: null, used: 0, left: null, known: true } }),
    });
    const user = userEvent.setup();
    render(BroadcastWizard, { oncreated: vi.fn(), oncancel: vi.fn() });
    await settle();
    await user.type(screen.getByTestId("broadcast-name"), "List");
    await user.selectOptions(screen.getByTestId("broadcast-template"), "order_ready:en_US");
    await user.click(screen.getByTestId("audience-csv"));
    await user.click(screen.getByTestId("choose-csv"));
    await settle();
    expect(screen.getByTestId("csv-path")).toHaveTextContent("/home/shop/list.csv");
    await user.type(screen.getByTestId("phone-column"), "Móvil");
    await user.type(screen.getByTestId("param-0"), "Nombre");
    await user.type(screen.getByTestId("param-1"), "Pedido");
    await user.click(screen.getByTestId("when-later"));
    await fireEvent.input(screen.getByTestId("broadcast-at"), { target: { value: "2001-01-01T09:30" } });
    expect(screen.getByTestId("broadcast-at-past")).toHaveTextContent("already passed");
    await fireEvent.input(screen.getByTestId("broadcast-at"), { target: { value: "2099-12-24T09:30" } });
    expect(screen.queryByTestId("broadcast-at-past")).toBeNull();
    await user.click(screen.getByTestId("broadcast-spread"));
    await user.click(screen.getByTestId("broadcast-check"));
    await settle();
    expect(backend.callsTo("create_broadcast")[0]).toEqual({
      request: {
        name: "List",
        template: "order_ready",
        lang: "en_US",
        audience: { kind: "csv", path: "/home/shop/list.csv", phone_column: "Móvil" },
        params: ["Nombre", "Pedido"],
        start_at: new Date("2099-12-24T09:30").getTime(),
        rate: null,
        default_country: null,
        spread: true,
        dry_run: true,
      },
    });
    expect(text("check-budget")).toContain("Unlimited");
    expect(screen.getByTestId("broadcast-send")).toHaveTextContent("Schedule for 3 customers");
    await user.type(screen.getByTestId("param-1"), "s");
    await settle();
    expect(screen.queryByTestId("broadcast-send")).toBeNull();
  }, 30_000);

  test("a refusal's message is shown", async () => {
    const refusal = "this broadcast would reach 300 customers outside their 24-hour window, but only 210 more are allowed";
    fakeBackend({
      labels: () => [],
      create_broadcast: () => {
        throw { code: "invalid_input", message: refusal };
      },
    });
    const user = userEvent.setup();
    render(BroadcastWizard, { oncreated: vi.fn(), oncancel: vi.fn() });
    await settle();
    await user.type(screen.getByTestId("broadcast-name"), "Too many");
    await user.selectOptions(screen.getByTestId("broadcast-template"), "hello_world:en_US");
    await user.click(screen.getByTestId("broadcast-check"));
    await settle();
    expect(screen.getByRole("alert")).toHaveTextContent(refusal);
    expect(screen.queryByTestId("broadcast-send")).toBeNull();
  }, 30_000);
});
