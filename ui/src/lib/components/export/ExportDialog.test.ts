import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import { i18n } from "../../i18n/index.svelte";
import { fakeBackend, settle, type Handler } from "../../../test/fakeBackend";
import ExportDialog from "./ExportDialog.svelte";

const SUMMARY = { path: "/home/ana/shopchat-chats-all.zip", conversations: 3, messages: 120, files: 4, bytes: 5000 };

async function setup(props: { contact?: string | null; name?: string | null }, handlers: Record<string, Handler> = {}) {
  const backend = fakeBackend({
    export_chats: () => SUMMARY,
    export_contacts: () => ({ ...SUMMARY, path: "/home/ana/contacts.vcf", messages: 0, files: 0 }),
    import_contacts: () => null,
    ...handlers,
  });
  const user = userEvent.setup();
  const onclose = vi.fn();
  render(ExportDialog, { ...props, onclose });
  await settle();
  return { backend, user, onclose };
}

describe("ExportDialog", () => {
  afterEach(() => i18n.choose(null));

  test("exports every conversation as a transcript by default, in the chosen language", async () => {
    const { backend, user } = await setup({});
    expect(screen.getByRole("dialog", { name: "Export and import" })).toBeInTheDocument();
    await user.selectOptions(screen.getByTestId("export-lang"), "es");
    await user.click(screen.getByTestId("export-chats"));
    await settle();
    expect(backend.callsTo("export_chats")).toEqual([{ contact: null, format: "html", lang: "es" }]);
    expect(screen.getByTestId("export-done")).toHaveTextContent(
      "Saved 3 conversations, 120 messages, 4 files to /home/ana/shopchat-chats-all.zip.",
    );
  });

  test("from a chat it exports that conversation, as a spreadsheet when asked", async () => {
    const { backend, user } = await setup({ contact: "15550100001", name: "Ana" });
    expect(screen.getByRole("dialog", { name: "Export this conversation" })).toBeInTheDocument();
    expect(screen.getByTestId("export-scope-one")).toBeChecked();
    expect(screen.queryByTestId("import-contacts")).toBeNull();
    await user.click(screen.getByTestId("export-format-csv"));
    expect(screen.queryByTestId("export-lang")).toBeNull();
    await user.click(screen.getByTestId("export-chats"));
    await settle();
    expect(backend.callsTo("export_chats")).toEqual([{ contact: "15550100001", format: "csv", lang: "en" }]);
  });

  test("a cancelled save dialog says nothing", async () => {
    const { user } = await setup({}, { export_chats: () => null });
    await user.click(screen.getByTestId("export-chats"));
    await settle();
    expect(screen.queryByTestId("export-done")).toBeNull();
  });

  test("contacts export as vCard", async () => {
    const { backend, user } = await setup({});
    await user.click(screen.getByTestId("export-contacts-vcard"));
    await settle();
    expect(backend.callsTo("export_contacts")).toEqual([{ vcard: true }]);
    expect(screen.getByTestId("export-done")).toHaveTextContent("Saved 3 conversations to /home/ana/contacts.vcf.");
  });

  test("an import reports each row it did not take, the customer's text as text", async () => {
    const { backend, user } = await setup(
      {},
      {
        import_contacts: () => ({
          added: 2,
          updated: 1,
          unchanged: 0,
          refused: [{ line: 5, value: "<img src=x onerror=alert(1)>", reason: "not a phone number" }],
          duplicates: [{ line: 6, wa_id: "442079460958", first_line: 2 }],
        }),
      },
    );
    await user.type(screen.getByTestId("import-country"), "mx");
    await user.click(screen.getByTestId("import-contacts"));
    await settle();
    expect(backend.callsTo("import_contacts")).toEqual([{ country: "MX" }]);
    expect(screen.getByTestId("import-done")).toHaveTextContent("2 contacts added, 1 named, 0 already known.");
    const problems = screen.getByTestId("import-problems");
    expect(problems).toHaveTextContent("Line 5: “<img src=x onerror=alert(1)>” was not taken: not a phone number.");
    expect(problems).toHaveTextContent("Line 6 repeats line 2 (+442079460958).");
    expect(problems.querySelector("img")).toBeNull();
  });

  test("an error is shown and the buttons come back", async () => {
    const { user } = await setup(
      {},
      {
        export_chats: () => {
          throw { code: "storage", message: "cannot write /x: permission denied" };
        },
      },
    );
    await user.click(screen.getByTestId("export-chats"));
    await settle();
    expect(screen.getByRole("alert")).toHaveTextContent("permission denied");
    expect(screen.getByTestId("export-chats")).toBeEnabled();
  });

  test("speaks Spanish when the app does, the transcript in Spanish by default", async () => {
    i18n.choose("es");
    const { backend, user } = await setup({});
    expect(screen.getByRole("dialog", { name: "Exportar e importar" })).toBeInTheDocument();
    expect(screen.getByTestId("export-lang")).toHaveValue("es");
    await user.click(screen.getByTestId("export-chats"));
    await settle();
    expect(backend.callsTo("export_chats")).toEqual([{ contact: null, format: "html", lang: "es" }]);
    expect(screen.getByTestId("export-done")).toHaveTextContent(
      "3 conversaciones guardadas, 120 mensajes, 4 archivos en /home/ana/shopchat-chats-all.zip.",
    );
  });
});
