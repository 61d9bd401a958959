import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import type { DocumentDraft } from "../../../bindings/DocumentDraft";
import { fakeBackend, settle } from "../../../test/fakeBackend";
import { fakeDocuments } from "../../../test/fakeDocuments";
import { chat, last } from "../../../test/fixtures";
import DocumentEditor from "./DocumentEditor.svelte";

// jsdom has no canvas: pdf.js is replaced by pages that say what they were given.
vi.mock("../../pdf", () => ({
  renderPdf: vi.fn(async (bytes: Uint8Array) => {
    const page = document.createElement("canvas");
    page.dataset.bytes = String(bytes.length);
    return [page, document.createElement("canvas")];
  }),
}));

const ANA = "34600111222";
const customers = [chat({ wa_id: ANA, name: "Ana García" }), chat({ wa_id: "34600999888", name: "Luis" })];

async function setup(props: Partial<{ contact: string | null }> = {}) {
  const docs = fakeDocuments();
  const backend = fakeBackend(docs.handlers);
  const onissued = vi.fn();
  const oncancel = vi.fn();
  render(DocumentEditor, { customers, contact: props.contact ?? null, onissued, oncancel });
  await settle();
  return { backend, docs, onissued, oncancel, user: userEvent.setup() };
}

describe("DocumentEditor", () => {
  test("lines typed from the keyboard, completed from the products, with exact totals from Rust", async () => {
    const { backend, user } = await setup({ contact: ANA });
    expect(screen.getByTestId("document-customer")).toHaveValue(ANA);
    // The settings' default tax rate on a new line.
    expect(screen.getByLabelText("Line 1 tax %")).toHaveValue("21");

    await user.type(screen.getByLabelText("Line 1 description"), "cof");
    const options = within(screen.getByRole("listbox", { name: "Products" })).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining("Coffee beans 1kg")]);
    await user.keyboard("{Enter}");
    expect(screen.getByLabelText("Line 1 description")).toHaveValue("Coffee beans 1kg");
    expect(screen.getByLabelText("Line 1 unit price")).toHaveValue("18.50");
    expect(screen.getByLabelText("Line 1 tax %")).toHaveValue("10");

    await user.clear(screen.getByLabelText("Line 1 quantity"));
    await user.type(screen.getByLabelText("Line 1 quantity"), "3");
    // Enter on the last field of a line adds a line and puts the cursor in it.
    await user.click(screen.getByLabelText("Line 1 tax %"));
    await user.keyboard("{Enter}");
    expect(screen.getByLabelText("Line 2 description")).toHaveFocus();
    await user.keyboard("Repair");
    await user.type(screen.getByLabelText("Line 2 unit price"), "19.99");
    await settle();

    await waitFor(() => expect(screen.getByTestId("document-total")).toHaveTextContent("85.24 EUR"));
    const amounts = screen.getAllByTestId("line-amount").map((a) => a.textContent);
    expect(amounts).toEqual(["55.50", "19.99"]);
    const totalsAsked = last(backend.callsTo("document_totals"))?.draft as DocumentDraft;
    expect(totalsAsked.lines).toEqual([
      { description: "Coffee beans 1kg", quantity: "3", unit: "bag", unit_price: "18.50", discount: "", tax_rate: "10" },
      { description: "Repair", quantity: "1", unit: null, unit_price: "19.99", discount: "", tax_rate: "21" },
    ]);
  });

  test("a bad line is named and nothing can be issued", async () => {
    const { user } = await setup({ contact: ANA });
    await user.type(screen.getByLabelText("Line 1 description"), "Mug");
    await user.type(screen.getByLabelText("Line 1 unit price"), "12,5x");
    await waitFor(() => expect(screen.getByTestId("totals-problem")).toHaveTextContent('line 1: "12,5x" is not a price'));
    expect(screen.getByTestId("issue")).toBeDisabled();
    expect(screen.getByTestId("issue-and-send")).toBeDisabled();
  });

  test("the preview shows the PDF Rust makes of the draft, page by page", async () => {
    const { backend, user } = await setup({ contact: ANA });
    await user.type(screen.getByLabelText("Line 1 description"), "Mug");
    await user.type(screen.getByLabelText("Line 1 unit price"), "12.50");
    await waitFor(() => expect(screen.getByTestId("pdf-preview")).toHaveAttribute("data-pages", "2"), { timeout: 2000 });
    expect(screen.getByText("2 pages")).toBeInTheDocument();
    const previewed = last(backend.callsTo("preview_document"))?.draft as DocumentDraft;
    expect(previewed).toMatchObject({ kind: "invoice", contact: ANA, lines: [{ description: "Mug", unit_price: "12.50" }] });
  });

  test("Issue and send issues, then queues it in the chat", async () => {
    const { backend, user, onissued } = await setup({ contact: ANA });
    await user.type(screen.getByLabelText("Line 1 description"), "Mug");
    await user.type(screen.getByLabelText("Line 1 unit price"), "12.50");
    await waitFor(() => expect(screen.getByTestId("issue-and-send")).toBeEnabled());
    await user.click(screen.getByTestId("issue-and-send"));
    await waitFor(() => expect(onissued).toHaveBeenCalledTimes(1));
    expect(backend.callsTo("issue_document")).toHaveLength(1);
    expect(backend.callsTo("send_document")).toEqual([{ document: "100", caption: null, template: null, language: null, parameters: null }]);
    const [doc, sendError] = onissued.mock.calls[0]!;
    expect(doc).toMatchObject({ number: "INV-2026-0100", status: "queued" });
    expect(sendError).toBeNull();
  });

  test("a send refused after issuing still reports the issued document, with why", async () => {
    const { backend, user, onissued } = await setup({ contact: ANA });
    backend.on("send_document", () => {
      throw { code: "outside_window", message: "the customer's 24-hour window is closed" };
    });
    await user.type(screen.getByLabelText("Line 1 description"), "Mug");
    await user.type(screen.getByLabelText("Line 1 unit price"), "12.50");
    await waitFor(() => expect(screen.getByTestId("issue-and-send")).toBeEnabled());
    await user.click(screen.getByTestId("issue-and-send"));
    await waitFor(() => expect(onissued).toHaveBeenCalledTimes(1));
    const [doc, sendError] = onissued.mock.calls[0]!;
    expect(doc).toMatchObject({ number: "INV-2026-0100", status: "issued" });
    expect(sendError).toMatchObject({ code: "outside_window" });
  });

  test("Escape leaves the editor", async () => {
    const { user, oncancel } = await setup();
    await user.keyboard("{Escape}");
    expect(oncancel).toHaveBeenCalled();
  });
});
