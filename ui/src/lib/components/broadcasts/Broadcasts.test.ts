import { fireEvent, render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { BroadcastDetail } from "../../../bindings/BroadcastDetail";
import type { BroadcastView } from "../../../bindings/BroadcastView";
import type { Created } from "../../../bindings/Created";
import type { RecipientCounts } from "../../../bindings/RecipientCounts";
import { fakeBackend, settle } from "../../../test/fakeBackend";
import { actionsFor, funnelOf, progressOf, rateFor } from "../../broadcasts";
import { i18n } from "../../i18n/index.svelte";
import BroadcastList from "./BroadcastList.svelte";
import BroadcastPane from "./BroadcastPane.svelte";
import BroadcastWizard from "./BroadcastWizard.svelte";
import { BroadcastsStore } from "./store.svelte";

const START = Date.UTC(2026, 11, 5, 10, 0);

function counts(fields: Partial<RecipientCounts> = {}): RecipientCounts {
  const c = { pending: 0, queued: 0, sent: 0, delivered: 0, read: 0, replied: 0, failed: 0, skipped: 0, ...fields };
  const total = c.pending + c.queued + c.sent + c.delivered + c.read + c.replied + c.failed + c.skipped;
  return { total, ...c };
}

function view(fields: Partial<BroadcastView> & { id: number }): BroadcastView {
  return {
    name: `Broadcast ${fields.id}`,
    template: "order_ready",
    lang: "en_US",
    category: "UTILITY",
    state: "running",
    reason: null,
    start_at: START,
    needs_confirmation: false,
    rate: 80,
    current_rate: 0,
    eta_secs: null,
    counts: counts({ pending: 10 }),
    created_at: START,
    finished_at: null,
    ...fields,
  };
}

function detail(b: BroadcastView, failures: { key: string; count: number }[] = []): BroadcastDetail {
  return {
    broadcast: b,
    report: { counts: b.counts, funnel: funnelOf(b.counts), failures, skipped: [], reply_classes: [] },
  };
}

const cells = (id: string) => [...screen.getByTestId(id).querySelectorAll("tbody td, li > span")].map((c) => c.textContent?.trim());
const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, " ").trim() ?? "";

afterEach(() => i18n.choose(null));

describe("the rules", () => {
  test("progress, funnel, actions and rate", () => {
    const c = counts({ pending: 2, queued: 2, sent: 1, delivered: 2, read: 1, replied: 1, failed: 1 });
    expect(progressOf(c)).toBeCloseTo(6 / 10);
    expect(funnelOf(c)).toEqual({ sent: 5, delivered: 4, read: 2, replied: 1 });
    expect(actionsFor({ state: "running", needs_confirmation: false })).toEqual({ pause: true, resume: false, confirm: false, cancel: true });
    expect(actionsFor({ state: "paused", needs_confirmation: false })).toEqual({ pause: false, resume: true, confirm: false, cancel: true });
    expect(actionsFor({ state: "scheduled", needs_confirmation: true })).toEqual({ pause: false, resume: false, confirm: true, cancel: true });
    expect(actionsFor({ state: "completed", needs_confirmation: false })).toEqual({ pause: false, resume: false, confirm: false, cancel: false });
    expect(rateFor(null, false, 20)).toBeNull();
    expect(rateFor(50, false, 20)).toBe(50);
    expect(rateFor(null, true, 20)).toBe(20);
    expect(rateFor(80, true, 20)).toBe(20);
  });
});

describe("the list", () => {
  test("explains what a broadcast is when there is none", async () => {
    fakeBackend({ list_broadcasts: () => [] });
    const store = new BroadcastsStore();
    render(BroadcastList, { broadcasts: store });
    await store.load();
    await settle();
    expect(screen.getByTestId("empty-state")).toHaveTextContent("one approved template to many customers");
  });

  test("shows each broadcast's state and progress, and follows the progress events", async () => {
    const backend = fakeBackend({
      list_broadcasts: () => [
        view({ id: 2, name: "<b>Sale</b>", counts: counts({ pending: 6, sent: 2, delivered: 1, read: 1 }) }),
        view({ id: 1, state: "completed", counts: counts({ read: 3, failed: 1 }) }),
      ],
    });
    const store = new BroadcastsStore();
    const stop = store.connect();
    render(BroadcastList, { broadcasts: store });
    await store.load();
    await settle();
    const rows = screen.getAllByTestId("broadcast-row");
    expect(rows.map((r) => r.dataset.id)).toEqual(["2", "1"]);
    // A name is text, never markup.
    expect(within(rows[0]!).getByText("<b>Sale</b>")).toBeInTheDocument();
    expect(rows[0]!.querySelector("b")).toBeNull();
    expect(within(rows[0]!).getByTestId("broadcast-state")).toHaveTextContent("Sending");
    expect(within(rows[0]!).getByTestId("broadcast-counts")).toHaveTextContent("4 sent · 2 delivered · 1 read · 0 failed — of 10");
    expect(within(rows[1]!).getByTestId("broadcast-state")).toHaveTextContent("Completed");

    await backend.emit("broadcast://progress", {
      type: "broadcast_progress",
      broadcast: view({
        id: 2,
        name: "<b>Sale</b>",
        state: "paused",
        reason: "the template is paused for low quality (132015)",
        counts: counts({ pending: 3, sent: 3, delivered: 2, read: 1, failed: 1 }),
      }),
    });
    const row = screen.getAllByTestId("broadcast-row")[0]!;
    expect(within(row).getByTestId("broadcast-state")).toHaveTextContent("Paused");
    expect(row).toHaveTextContent("the template is paused for low quality (132015)");
    expect(within(row).getByTestId("broadcast-counts")).toHaveTextContent("6 sent · 3 delivered · 1 read · 1 failed — of 10");

    // A broadcast made elsewhere (the CLI) appears at the top.
    await backend.emit("broadcast://progress", { type: "broadcast_progress", broadcast: view({ id: 3, name: "From the CLI" }) });
    expect(screen.getAllByTestId("broadcast-row").map((r) => r.dataset.id)).toEqual(["3", "2", "1"]);
    stop();
  });

  test("speaks Spanish", async () => {
    i18n.choose("es");
    fakeBackend({ list_broadcasts: () => [view({ id: 1, state: "scheduled", needs_confirmation: true }), view({ id: 2, state: "paused", reason: "paused by the owner" })] });
    const store = new BroadcastsStore();
    render(BroadcastList, { broadcasts: store });
    await store.load();
    await settle();
    expect(screen.getByTestId("new-broadcast")).toHaveTextContent("Nueva difusión");
    const [first, second] = screen.getAllByTestId("broadcast-row");
    expect(within(first!).getByTestId("broadcast-state")).toHaveTextContent("Falta confirmar");
    expect(within(second!).getByTestId("broadcast-state")).toHaveTextContent("En pausa");
    expect(second).toHaveTextContent("La pausaste tú");
    expect(within(second!).getByTestId("broadcast-counts")).toHaveTextContent("0 enviados · 0 entregados · 0 leídos · 0 fallidos — de 10");
  });
});

const CHECKED: Created = {
  id: null,
  category: "MARKETING",
  check: {
    recipients: 3,
    invalid: [{ row: 4, value: "1.5E+11", reason: "scientific notation from a spreadsheet", first_row: null }],
    duplicates: [{ row: 6, value: "5215512345678", reason: "the same customer as row 2", first_row: 2 }],
    opted_out: 1,
    us_numbers: 2,
    stripped_prefix: 1,
    business_initiated: 3,
  },
  budget: { limit: 250, used: 40, left: 210, known: true },
  preview: [{ wa_id: "5215512345678", params: ["Ana <i>", "R-7"], body: "Hi Ana <i>, your order R-7 is ready for pickup." }],
};

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
    await fireEvent.input(screen.getByTestId("broadcast-at"), { target: { value: "2026-12-24T09:30" } });
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
        start_at: new Date("2026-12-24T09:30").getTime(),
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

describe("a broadcast's view", () => {
  async function shown(b: BroadcastView, handlers: Parameters<typeof fakeBackend>[0] = {}) {
    let current = b;
    const backend = fakeBackend({
      list_broadcasts: () => [current],
      show_broadcast: () => detail(current, [{ key: "not on WhatsApp, or cannot receive this message (131026)", count: 2 }]),
      pause_broadcast: () => detail((current = { ...current, state: "paused", reason: "paused by the owner" })),
      resume_broadcast: () => detail((current = { ...current, state: "running", reason: null, needs_confirmation: false })),
      cancel_broadcast: () => detail((current = { ...current, state: "cancelled", reason: "cancelled by the owner" })),
      ...handlers,
    });
    const store = new BroadcastsStore();
    // Listening ends with the test: the mocks are cleared after each one.
    store.connect();
    render(BroadcastPane, { broadcasts: store });
    await store.load();
    await store.open(b.id);
    await settle();
    return { backend, store };
  }

  test("the report, then pause, resume and a confirmed cancel call their commands", async () => {
    const b = view({ id: 5, counts: counts({ pending: 4, sent: 2, delivered: 1, read: 1, replied: 1, failed: 2 }) });
    const { backend } = await shown(b);
    const user = userEvent.setup();
    expect(text("broadcast-funnel")).toContain("Sent 5 (45%)");
    expect(text("broadcast-funnel")).toContain("Replied 1 (9%)");
    expect(text("broadcast-funnel")).toContain("Failed 2 (18%)");
    expect(cells("broadcast-failures")).toEqual(["not on WhatsApp, or cannot receive this message (131026)", "2"]);

    await user.click(screen.getByTestId("broadcast-pause"));
    await settle();
    expect(backend.callsTo("pause_broadcast")).toEqual([{ id: 5 }]);
    expect(screen.getByTestId("broadcast-state")).toHaveTextContent("Paused");
    expect(screen.getByTestId("broadcast-reason")).toHaveTextContent("Paused by you");

    await user.click(screen.getByTestId("broadcast-resume"));
    await settle();
    expect(backend.callsTo("resume_broadcast")).toEqual([{ id: 5 }]);
    expect(screen.getByTestId("broadcast-state")).toHaveTextContent("Sending");

    // Cancel asks first; keeping it calls nothing.
    await user.click(screen.getByTestId("broadcast-cancel"));
    expect(screen.getByTestId("broadcast-cancel-confirm")).toHaveTextContent("4 customers have not got it yet");
    expect(screen.getByTestId("broadcast-cancel-no")).toHaveFocus();
    await user.click(screen.getByTestId("broadcast-cancel-no"));
    expect(backend.callsTo("cancel_broadcast")).toEqual([]);
    await user.click(screen.getByTestId("broadcast-cancel"));
    await user.click(screen.getByTestId("broadcast-cancel-yes"));
    await settle();
    expect(backend.callsTo("cancel_broadcast")).toEqual([{ id: 5 }]);
    expect(screen.getByTestId("broadcast-state")).toHaveTextContent("Cancelled");
    expect(screen.queryByTestId("broadcast-pause")).toBeNull();
    expect(screen.queryByTestId("broadcast-cancel")).toBeNull();
  }, 30_000);

  test("a progress event updates the funnel; a new failure refetches the report", async () => {
    const { backend } = await shown(view({ id: 6, counts: counts({ pending: 10 }) }));
    const before = backend.callsTo("show_broadcast").length;
    await backend.emit("broadcast://progress", { type: "broadcast_progress", broadcast: view({ id: 6, counts: counts({ pending: 6, delivered: 4 }) }) });
    expect(text("broadcast-funnel")).toContain("Delivered 4 (40%)");
    expect(backend.callsTo("show_broadcast")).toHaveLength(before);
    await backend.emit("broadcast://progress", { type: "broadcast_progress", broadcast: view({ id: 6, counts: counts({ pending: 5, delivered: 4, failed: 1 }) }) });
    expect(backend.callsTo("show_broadcast")).toHaveLength(before + 1);
  });

  test("a schedule missed while the app was closed waits for the owner's confirmation", async () => {
    const missed = view({ id: 7, state: "scheduled", needs_confirmation: true, reason: "its time passed while Shopchat was closed: confirm to send it" });
    const { backend } = await shown(missed);
    const user = userEvent.setup();
    expect(screen.getByTestId("broadcast-needs-confirmation")).toHaveTextContent("Shopchat was closed then. Nothing has been sent");
    expect(screen.queryByTestId("broadcast-pause")).toBeNull();
    await user.click(screen.getByTestId("broadcast-confirm"));
    await settle();
    expect(backend.callsTo("resume_broadcast")).toEqual([{ id: 7 }]);
    expect(screen.queryByTestId("broadcast-needs-confirmation")).toBeNull();
  });

  test("exports the results where the owner chooses; an error's message is shown", async () => {
    const { backend } = await shown(view({ id: 8, state: "completed", counts: counts({ read: 2 }) }), {
      export_broadcast: () => "/home/shop/broadcast-8.csv",
    });
    const user = userEvent.setup();
    await user.click(screen.getByTestId("broadcast-export"));
    await settle();
    expect(backend.callsTo("export_broadcast")).toEqual([{ id: 8 }]);
    expect(screen.getByTestId("broadcast-exported")).toHaveTextContent("Saved to /home/shop/broadcast-8.csv.");
    backend.on("pause_broadcast", () => {
      throw { code: "invalid_input", message: "broadcast 8 is completed" };
    });
    backend.on("export_broadcast", () => {
      throw { code: "storage", message: "that place cannot be written to" };
    });
    await user.click(screen.getByTestId("broadcast-export"));
    await settle();
    expect(screen.getByRole("alert")).toHaveTextContent("that place cannot be written to");
  });
});
