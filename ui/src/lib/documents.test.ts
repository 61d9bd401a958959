import { describe, expect, it } from "vitest";
import { documentSummary, PRODUCTS } from "../test/fakeDocuments";
import {
  documentStatusOf,
  draftIndexes,
  emptyLine,
  filterDocuments,
  formatAmount,
  groupDecimal,
  lineFromProduct,
  matchProducts,
  ticksOf,
  toDraft,
  type EditorState,
} from "./documents";

describe("documents", () => {
  it("groups exact decimals by thousands without turning them into floats", () => {
    expect(groupDecimal("1234567.50")).toBe("1,234,567.50");
    expect(groupDecimal("999.99")).toBe("999.99");
    expect(groupDecimal("-1000")).toBe("-1,000");
    // Past what a float holds exactly.
    expect(groupDecimal("12345678901234567.89")).toBe("12,345,678,901,234,567.89");
    expect(groupDecimal("not a number")).toBe("not a number");
    expect(formatAmount("1234.5", "EUR")).toBe("1,234.5 EUR");
  });

  it("filters by kind, status group, customer, and number or name ignoring case and accents", () => {
    const docs = [
      documentSummary({ id: 1, number: "INV-2026-0001", contact_name: "Ana García", status: "read" }),
      documentSummary({ id: 2, number: "QUO-2026-0001", kind: "quote", contact: "34600999888", contact_name: "Luis", status: "issued" }),
      documentSummary({ id: 3, number: "INV-2026-0002", contact_name: "Ana García", status: "cancelled" }),
    ];
    const f = { kind: "", status: "", contact: "", query: "" };
    expect(filterDocuments(docs, { ...f, kind: "quote" }).map((d) => d.id)).toEqual([2]);
    expect(filterDocuments(docs, { ...f, status: "unsent" }).map((d) => d.id)).toEqual([2]);
    expect(filterDocuments(docs, { ...f, query: "garcia" }).map((d) => d.id)).toEqual([1, 3]);
    expect(filterDocuments(docs, { ...f, query: "inv-2026-0002" }).map((d) => d.id)).toEqual([3]);
    expect(filterDocuments(docs, { ...f, query: "600 999" }).map((d) => d.id)).toEqual([2]);
    expect(filterDocuments(docs, { ...f, contact: "34600999888" }).map((d) => d.id)).toEqual([2]);
  });

  it("maps message statuses to document statuses and back to ticks", () => {
    expect(documentStatusOf("played")).toBe("read");
    expect(documentStatusOf("delivered")).toBe("delivered");
    expect(ticksOf("issued")).toBeNull();
    expect(ticksOf("cancelled")).toBeNull();
    expect(ticksOf("read")).toBe("read");
  });

  it("completes from products whose name starts with, then contains, what is typed", () => {
    expect(matchProducts(PRODUCTS, "co").map((p) => p.name)).toEqual(["Coffee beans 1kg", "Cold brew kit"]);
    expect(matchProducts(PRODUCTS, "CUP").map((p) => p.name)).toEqual(["Espresso cup"]);
    expect(matchProducts(PRODUCTS, "  ")).toEqual([]);
    const line = lineFromProduct({ ...emptyLine("21"), quantity: "3" }, PRODUCTS[0]!);
    expect(line).toMatchObject({ description: "Coffee beans 1kg", quantity: "3", unit_price: "18.50", tax_rate: "10", unit: "bag" });
  });

  it("makes the draft from what is typed, leaving out lines not started", () => {
    const state: EditorState = {
      kind: "invoice",
      contact: "34600111222",
      lang: "es",
      currency: " EUR ",
      notes: "  ",
      dueDate: "2026-12-31",
      customerAddress: "",
      customerTaxId: "",
      lines: [
        { ...emptyLine("21"), description: " Espresso cup ", unit_price: "6.00" },
        emptyLine("21"),
        { ...emptyLine("10"), description: "Beans", unit_price: "18.50", discount: "5" },
      ],
    };
    const draft = toDraft(state);
    expect(draft.lines).toEqual([
      { description: "Espresso cup", quantity: "1", unit: null, unit_price: "6.00", discount: "", tax_rate: "21" },
      { description: "Beans", quantity: "1", unit: null, unit_price: "18.50", discount: "5", tax_rate: "10" },
    ]);
    expect(draft).toMatchObject({ currency: "EUR", notes: null, due_date: "2026-12-31", lang: "es" });
    expect(draftIndexes(state.lines)).toEqual([0, null, 1]);
  });
});
