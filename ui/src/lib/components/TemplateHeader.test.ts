import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import type { TemplateView } from "../../bindings/TemplateView";
import { fakeBackend, settle, template } from "../../test/fakeBackend";
import { documentSummary } from "../../test/fakeDocuments";
import TemplatePicker from "./TemplatePicker.svelte";
import { CHAT_DOCUMENTS } from "./documents/context";

const DOCUMENT_READY: TemplateView = template({
  name: "document_ready",
  language: "en",
  header_format: "DOCUMENT",
  body: "Hello {{1}}, here is your {{2}} {{3}}.",
  parameters: ["1", "2", "3"],
});

async function picker() {
  fakeBackend({ list_templates: () => [DOCUMENT_READY] });
  const onsend = vi.fn(async () => {});
  const context = new Map<unknown, unknown>([
    [CHAT_DOCUMENTS, { find: () => undefined, open: () => {}, list: () => [documentSummary({ id: 4, number: "INV-2026-0004" })] }],
  ]);
  render(TemplatePicker, { props: { onsend }, context });
  await settle();
  return { onsend, user: userEvent.setup() };
}

describe("a template with a document header", () => {
  test("takes one of the customer's generated documents", async () => {
    const { onsend, user } = await picker();
    for (const [i, v] of ["Ana", "invoice", "INV-2026-0004"].entries()) {
      await user.type(screen.getAllByTestId("template-param")[i]!, v);
    }
    expect(screen.getByTestId("template-send")).toBeDisabled();
    expect(screen.getByTestId("template-missing")).toHaveTextContent("Choose the file for the top of the message to send it.");
    const docs = screen.getByTestId("template-header-document");
    expect(within(docs).getAllByRole("option").map((o) => o.textContent)).toEqual(["A file from this computer…", "Invoice INV-2026-0004"]);
    await user.selectOptions(docs, "4");
    await user.click(screen.getByTestId("template-send"));
    expect(onsend).toHaveBeenCalledWith(DOCUMENT_READY, ["Ana", "invoice", "INV-2026-0004"], { document: 4 });
  });

  test("or a file from this computer", async () => {
    const { onsend, user } = await picker();
    for (const [i, v] of ["Ana", "price list", "2026"].entries()) {
      await user.type(screen.getAllByTestId("template-param")[i]!, v);
    }
    const file = new File(["%PDF-1.7"], "prices.pdf", { type: "application/pdf" });
    await user.upload(screen.getByTestId("template-header-file"), file);
    await user.click(screen.getByTestId("template-send"));
    expect(onsend).toHaveBeenCalledWith(DOCUMENT_READY, ["Ana", "price list", "2026"], { file });
  });
});
