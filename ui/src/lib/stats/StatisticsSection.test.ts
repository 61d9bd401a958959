import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import type { Stats } from "../../bindings/Stats";
import { fakeBackend, settle } from "../../test/fakeBackend";
import StatisticsSection from "./StatisticsSection.svelte";
import { formatDuration, last30Days, shade } from "./stats";

// jsdom has no canvas: the chart is checked in the real window, here only what it is given.
const charted: unknown[] = [];
vi.mock("chart.js", () => {
  class Chart {
    static register() {}
    constructor(_canvas: unknown, config: unknown) {
      charted.push(config);
    }
    destroy() {}
  }
  return { Chart, BarController: {}, BarElement: {}, CategoryScale: {}, LinearScale: {}, Legend: {}, Tooltip: {} };
});

const heat = Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => (d === 0 && h === 9 ? 2 : d === 1 && h === 11 ? 1 : 0)));
const last = <T,>(list: T[]): T | undefined => list[list.length - 1];

const STATS: Stats = {
  from: "2026-11-02",
  to: "2026-11-03",
  per_day: [
    { date: "2026-11-02", received: 4, sent: 3 },
    { date: "2026-11-03", received: 1, sent: 2 },
  ],
  first_response: { answered: 3, median_seconds: 600, p90_seconds: 1800, business_hours: true },
  unanswered_chats: 1,
  rates: { sent: 5, delivered: 4, read: 2, failed: 1, delivery_rate: 0.8, read_rate: 0.4, failure_rate: 0.2 },
  busiest_hours: heat,
  templates: [{ name: "<b>promo</b>", sent: 1, delivered: 1, read: 1, replied: 1 }],
  broadcasts: [
    { id: 7, name: "<i>Autumn</i>", template: "promo", state: "completed", started_at: 0, recipients: 5, sent: 3, delivered: 3, read: 2, replied: 1, failed: 1 },
  ],
  documents: [{ month: "2026-11", kind: "invoice", currency: "EUR", count: 2, total: "10.30" }],
  top_labels: [
    { name: "VIP", color: "#d97706", chats: 4, contacts: 9 },
    { name: "Wholesale", color: "url(javascript:alert(1))", chats: 1, contacts: 1 },
  ],
};

const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, " ").trim();

describe("StatisticsSection", () => {
  test("shows every figure for the last 30 days, then for the chosen days", async () => {
    const backend = fakeBackend({ statistics: () => STATS });
    const user = userEvent.setup();
    render(StatisticsSection, { now: () => new Date(2026, 10, 30, 12) });
    await settle();
    expect(backend.calls.filter((c) => c.cmd === "statistics").map((c) => c.args)).toEqual([{ from: "2026-11-01", to: "2026-11-30" }]);
    expect(text("stats-per-day")).toContain("5 received, 5 sent");
    expect(last(charted)).toMatchObject({ data: { labels: ["2026-11-02", "2026-11-03"] } });
    expect(text("stats-first-response")).toContain("Median 10 min");
    expect(text("stats-first-response")).toContain("90% within 30 min");
    expect(text("stats-first-response")).toContain("business hours only");
    expect(text("stats-unanswered")).toContain("1");
    expect(text("stats-rates")).toContain("Delivered 80%");
    expect(text("stats-rates")).toContain("Failed 20%");
    const monday9 = screen.getByTitle("Mon 9:00 – 2");
    expect(monday9).toHaveClass("s4");
    expect(screen.getByTitle("Tue 11:00 – 1")).toHaveClass("s2");
    // A template name is text, never markup.
    expect(text("stats-templates")).toContain("<b>promo</b>");
    expect(screen.getByTestId("stats-templates").querySelector("b")).toBeNull();
    expect(text("stats-documents")).toContain("10.30 EUR");
    // Broadcasts step by step, the name shown as text; the top labels with their share of chats.
    expect(text("stats-broadcasts")).toContain("<i>Autumn</i>");
    expect(text("stats-broadcasts")).toContain("Completed");
    expect(screen.getByTestId("stats-broadcasts").querySelector("i")).toBeNull();
    const labelRows = screen.getByTestId("stats-top-labels").querySelectorAll("tbody tr");
    expect([...labelRows].map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent?.trim()))).toEqual([
      ["VIP", "4", "9"],
      ["Wholesale", "1", "1"],
    ]);
    const bars = screen.getByTestId("stats-top-labels").querySelectorAll<HTMLElement>(".bar");
    expect([...bars].map((b) => b.style.width)).toEqual(["100%", "25%"]);
    // A colour that is not #rrggbb is not put in a style.
    const swatches = screen.getByTestId("stats-top-labels").querySelectorAll<HTMLElement>(".swatch");
    expect(swatches[1]?.style.background).toBe("transparent");

    await user.clear(screen.getByTestId("stats-from"));
    await user.type(screen.getByTestId("stats-from"), "2026-11-02");
    await user.click(screen.getByTestId("stats-apply"));
    await settle();
    expect(last(backend.calls.filter((c) => c.cmd === "statistics"))?.args).toEqual({ from: "2026-11-02", to: "2026-11-30" });
  }, 30_000);

  test("each figure exports through the save dialog, and errors are shown", async () => {
    const backend = fakeBackend({
      statistics: () => STATS,
      save_statistics_csv: (args) => (args.figure === "documents" ? null : "/home/shop/figure.csv"),
    });
    const user = userEvent.setup();
    render(StatisticsSection, { now: () => new Date(2026, 10, 30, 12) });
    await settle();
    for (const figure of ["per_day", "first_response", "unanswered", "rates", "busiest_hours", "templates", "broadcasts", "top_labels"]) {
      await user.click(screen.getByTestId(`export-${figure}`));
      await settle();
      expect(last(backend.calls)).toMatchObject({ cmd: "save_statistics_csv", args: { from: "2026-11-01", to: "2026-11-30", figure, lang: "en" } });
      expect(text("stats-saved")).toBe("Saved to /home/shop/figure.csv");
    }
    await user.click(screen.getByTestId("export-documents"));
    await settle();
    expect(screen.queryByTestId("stats-saved")).toBeNull();

    fakeBackend({
      statistics: () => {
        throw { code: "invalid_input", message: "--from 2026-12-01 is after --to 2026-11-30" };
      },
    });
    await user.click(screen.getByTestId("stats-apply"));
    await settle();
    expect(text("stats-error")).toBe("--from 2026-12-01 is after --to 2026-11-30");
  }, 30_000);

  test("helpers", () => {
    expect(last30Days(new Date(2026, 2, 1))).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect([formatDuration(null), formatDuration(42), formatDuration(600), formatDuration(3900)]).toEqual(["–", "42 s", "10 min", "1 h 5 min"]);
    expect([shade(0, 10), shade(1, 10), shade(10, 10), shade(5, 0)]).toEqual([0, 1, 4, 0]);
  });
});
