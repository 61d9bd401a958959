import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test } from "vitest";
import type { BroadcastView } from "../../../bindings/BroadcastView";
import { fakeBackend, settle } from "../../../test/fakeBackend";
import { actionsFor, funnelOf, progressOf, rateFor } from "../../broadcasts";
import { i18n } from "../../i18n/index.svelte";
import App from "../../../App.svelte";
import BroadcastList from "./BroadcastList.svelte";
import BroadcastPane from "./BroadcastPane.svelte";
import { BroadcastsStore } from "./store.svelte";
import { counts, detail, view } from "./testData";

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
  test("after missed events the list read again wins over the one shown", async () => {
    let served = view({ id: 3, counts: counts({ pending: 3 }) });
    const backend = fakeBackend({ list_broadcasts: () => [served] });
    const store = new BroadcastsStore();
    const stop = store.connect();
    render(BroadcastList, { broadcasts: store });
    await store.load();
    await settle();
    expect(text("broadcast-counts")).toContain("0 sent");
    served = view({ id: 3, state: "completed", counts: counts({ sent: 3 }) });
    await backend.emit("app://resync", { type: "resync", missed: 12 });
    await settle();
    expect(text("broadcast-counts")).toContain("3 sent");
    stop();
  });

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
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("broadcast-cancel-confirm")).toBeNull();
    await user.click(screen.getByTestId("broadcast-cancel"));
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
    // Missed events: everything is read again.
    const lists = backend.callsTo("list_broadcasts").length;
    await backend.emit("app://resync", { type: "resync", missed: 40 });
    expect(backend.callsTo("list_broadcasts")).toHaveLength(lists + 1);
    expect(backend.callsTo("show_broadcast")).toHaveLength(before + 2);
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

describe("in the window", () => {
  test("the navigation opens the section: the list on the left, a broadcast on the right", async () => {
    fakeBackend({
      app_info: () => ({ mode: "sandbox", listen: "127.0.0.1:8787", webhook_url: "", version: "0.1.0", data_dir: "/tmp/x" }),
      list_chats: () => [],
      outbox_counts: () => ({ pending: 0, in_flight: 0, failed: 0, unknown: 0 }),
      sandbox_customers: () => [],
      list_broadcasts: () => [view({ id: 4, name: "Black Friday" })],
      show_broadcast: () => detail(view({ id: 4, name: "Black Friday" })),
    });
    const user = userEvent.setup();
    render(App);
    await settle();
    await user.click(screen.getByTestId("nav-broadcasts"));
    expect(screen.getByTestId("nav-broadcasts")).toHaveAttribute("aria-current", "page");
    await user.click(screen.getByTestId("broadcast-row"));
    await settle();
    expect(screen.getByTestId("broadcast-detail")).toHaveTextContent("Black Friday");
    await user.click(screen.getByTestId("new-broadcast"));
    expect(screen.getByTestId("broadcast-wizard")).toBeInTheDocument();
  }, 30_000);
});
