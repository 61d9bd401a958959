import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test } from "vitest";
import type { TemplateDraft } from "../../../bindings/TemplateDraft";
import { fakeBackend, settle, template, TEMPLATES } from "../../../test/fakeBackend";
import { i18n } from "../../i18n/index.svelte";
import TemplatesSection from "./TemplatesSection.svelte";

afterEach(() => i18n.choose(null));

/** Puts `text` in a box as a paste would (user-event reads braces in typed text as keys). */
async function fill(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, text: string): Promise<void> {
  await user.clear(box);
  await user.click(box);
  await user.paste(text);
}

const row = (name: string, language = "en_US") =>
  screen.getAllByTestId("template-row").find((r) => r.dataset.name === name && r.dataset.language === language)!;

async function open() {
  const user = userEvent.setup();
  render(TemplatesSection, { delay: 5 });
  await settle();
  return user;
}

async function newTemplate(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByTestId("templates-new"));
  return screen.getByTestId("template-editor");
}

describe("the list", () => {
  test("shows each template's status, its reason when rejected, and its quality", async () => {
    fakeBackend({
      list_templates: () => [
        template({ name: "order_ready", body: "Ready", quality: "GREEN" }),
        template({ name: "sale", body: "<b>Sale</b>", status: "REJECTED", rejected_reason: "INVALID_FORMAT", quality: null }),
        template({ name: "weekly", body: "Hi", status: "PAUSED", quality: "RED" }),
      ],
    });
    await open();
    expect(within(row("order_ready")).getByTestId("template-status")).toHaveTextContent("Approved");
    expect(within(row("order_ready")).getByTestId("template-quality")).toHaveTextContent("High quality");
    expect(within(row("sale")).getByTestId("template-status")).toHaveTextContent("Rejected");
    expect(within(row("sale")).getByTestId("template-rejected-reason")).toHaveTextContent("Rejected: INVALID_FORMAT");
    expect(row("sale").querySelector("b")).toBeNull();
    expect(within(row("weekly")).getByTestId("template-status")).toHaveTextContent("Paused");
    expect(within(row("weekly")).getByTestId("template-quality")).toHaveTextContent("Low quality");
  });

  test("editing a rejected template says why Meta rejected it", async () => {
    fakeBackend({
      list_templates: () => [template({ name: "sale", body: "Big sale today.", status: "REJECTED", rejected_reason: "PROMOTIONAL" })],
      template_draft: () => ({ name: "sale", language: "en_US", category: "marketing", header: null, body: "Big sale today.", body_examples: [], footer: null, buttons: [] }),
    });
    const user = await open();
    await user.click(within(row("sale")).getByTestId("template-edit"));
    await settle();
    expect(screen.getByTestId("template-editor-reason")).toHaveTextContent("Rejected: PROMOTIONAL");
    expect(screen.getByTestId("template-name")).toHaveAttribute("readonly");
    expect(screen.getByTestId("template-body")).toHaveFocus();
  });

  test("a template_updated event turns a PENDING row into APPROVED", async () => {
    const backend = fakeBackend();
    await open();
    expect(row("spring_sale").dataset.status).toBe("PENDING");
    expect(within(row("spring_sale")).getByTestId("template-status")).toHaveTextContent("In review");
    expect(within(row("spring_sale")).getByTestId("template-edit")).toBeDisabled();
    const approved = { ...TEMPLATES[2]!, status: "APPROVED", quality: "GREEN", updated_at: 1_765_000_000 };
    await backend.emit("template://updated", { type: "template_updated", template: approved, previous_status: null });
    expect(row("spring_sale").dataset.status).toBe("APPROVED");
    expect(within(row("spring_sale")).getByTestId("template-status")).toHaveTextContent("Approved");
    expect(within(row("spring_sale")).getByTestId("template-quality")).toHaveTextContent("High quality");
    expect(within(row("spring_sale")).getByTestId("template-edit")).toBeEnabled();
    expect(screen.getAllByTestId("template-row")).toHaveLength(3);
  });

  test("deletes one language, or all of them, each after a question; Escape keeps it", async () => {
    const backend = fakeBackend();
    let list = [...TEMPLATES, template({ name: "order_ready", language: "es_MX", body: "Hola {{1}}", parameters: ["1"] })];
    backend.on("list_templates", () => list);
    backend.on("delete_template", (args) => {
      list = list.filter((tv) => tv.name !== args.name || (args.language !== null && tv.language !== args.language));
      return list;
    });
    const user = await open();

    await user.click(within(row("order_ready", "es_MX")).getByTestId("template-delete-language"));
    const dialog = screen.getByTestId("template-delete-confirm");
    expect(dialog).toHaveTextContent("Delete order_ready in es_MX?");
    expect(within(dialog).getByTestId("template-delete-no")).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("template-delete-confirm")).toBeNull();
    expect(backend.callsTo("delete_template")).toEqual([]);

    await user.click(within(row("order_ready", "es_MX")).getByTestId("template-delete-language"));
    await user.click(screen.getByTestId("template-delete-yes"));
    await settle();
    expect(backend.callsTo("delete_template")).toEqual([{ name: "order_ready", language: "es_MX" }]);
    expect(screen.getAllByTestId("template-row").map((r) => `${r.dataset.name}:${r.dataset.language}`)).not.toContain("order_ready:es_MX");

    // All languages: asked from the group of a template with several.
    list = [...list, template({ name: "order_ready", language: "es_MX", body: "Hola" })];
    await backend.emit("templates://synced", { type: "templates_synced", count: 4 });
    const group = screen.getAllByTestId("template-group").find((g) => g.dataset.name === "order_ready")!;
    await user.click(within(group).getByTestId("template-delete-all"));
    expect(screen.getByTestId("template-delete-confirm")).toHaveTextContent("Delete order_ready in all 2 languages?");
    await user.click(screen.getByTestId("template-delete-yes"));
    await settle();
    expect(backend.callsTo("delete_template")[1]).toEqual({ name: "order_ready", language: null });
    expect(screen.getAllByTestId("template-group").map((g) => g.dataset.name)).toEqual(["hello_world", "spring_sale"]);
  });
});

describe("the editor", () => {
  test("a problem shows at its field, once the owner typed there", async () => {
    fakeBackend();
    const user = await open();
    await newTemplate(user);
    const body = screen.getByTestId("template-body");
    await fill(user, body, "{{1}} is ready");
    await waitFor(() =>
      expect(screen.getAllByTestId("template-problem").find((p) => p.dataset.field === "body")).toHaveTextContent("The message cannot start with a parameter"),
    );
    const problems = screen.getAllByTestId("template-problem");
    const atBody = problems.find((p) => p.dataset.field === "body")!;
    expect(atBody).toHaveTextContent("The message cannot start with a parameter");
    expect(body).toHaveAttribute("aria-invalid", "true");
    expect(body.getAttribute("aria-describedby")).toBe(atBody.id);
    expect(problems.find((p) => p.dataset.field === "body.examples[0]")).toHaveTextContent("Give an example for {{1}}.");
    // Untouched fields keep quiet until a submit.
    expect(problems.map((p) => p.dataset.field)).not.toContain("name");
    await user.click(screen.getByTestId("template-submit"));
    await waitFor(() => expect(screen.getByTestId("template-name")).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByTestId("template-name")).toHaveFocus();
  });

  test("problems are said in Spanish too", async () => {
    i18n.choose("es");
    fakeBackend();
    const user = await open();
    await newTemplate(user);
    await fill(user, screen.getByTestId("template-body"), "Hola {{1}}");
    await waitFor(() =>
      expect(screen.getAllByTestId("template-problem").find((p) => p.dataset.field === "body")).toHaveTextContent(
        "El mensaje no puede terminar con un parámetro",
      ),
    );
  });

  test("the preview fills in the examples, with WhatsApp's formatting", async () => {
    fakeBackend();
    const user = await open();
    await newTemplate(user);
    await fill(user, screen.getByTestId("template-body"), "Hi {{1}}, your *order* {{2}} is ready.");
    const examples = screen.getAllByTestId("template-example");
    expect(examples.map((e) => e.dataset.param)).toEqual(["1", "2"]);
    await fill(user, examples[0]!, "Ana");
    const preview = screen.getByTestId("template-preview-body");
    expect(preview).toHaveTextContent("Hi Ana, your order {{2}} is ready.");
    await fill(user, examples[1]!, "<i>#1042</i>");
    expect(preview).toHaveTextContent("Hi Ana, your order <i>#1042</i> is ready.");
    expect(preview.querySelector("i")).toBeNull();
    expect(within(preview).getByText("order")).toHaveClass("b");
    await fill(user, screen.getByTestId("template-footer"), "Lima Ceramics");
    expect(screen.getByTestId("template-preview-footer")).toHaveTextContent("Lima Ceramics");
  });

  test("create calls create_template with the draft, and the list shows it in review", async () => {
    const backend = fakeBackend();
    const user = await open();
    await newTemplate(user);
    await fill(user, screen.getByTestId("template-name"), "pickup_ready");
    await user.selectOptions(screen.getByTestId("template-category"), "utility");
    await user.selectOptions(screen.getByTestId("template-header-kind"), "text");
    await fill(user, screen.getByTestId("template-header-text"), "Order ready");
    await fill(user, screen.getByTestId("template-body"), "Hi {{name}}, come by today.");
    await fill(user, screen.getByTestId("template-example"), "Ana");
    await user.click(screen.getByTestId("template-add-button"));
    await fill(user, screen.getByLabelText(/Label of button 1/), "On my way");
    await user.click(screen.getByTestId("template-submit"));
    await waitFor(() => expect(backend.callsTo("create_template")).toHaveLength(1));
    const expected: TemplateDraft = {
      name: "pickup_ready",
      language: "en",
      category: "utility",
      header: { kind: "text", text: "Order ready", example: null },
      body: "Hi {{name}}, come by today.",
      body_examples: ["Ana"],
      footer: null,
      buttons: [{ kind: "quick_reply", text: "On my way" }],
    };
    expect(backend.callsTo("create_template")[0]).toEqual({ draft: expected });
    await settle();
    expect(screen.getByTestId("templates-notice")).toHaveTextContent("pickup_ready (en) was submitted");
    expect(row("pickup_ready", "en").dataset.status).toBe("PENDING");
  });

  test("a media header uploads its sample and keeps the handle in the draft", async () => {
    const backend = fakeBackend();
    const user = await open();
    await newTemplate(user);
    await user.selectOptions(screen.getByTestId("template-header-kind"), "image");
    const file = new File([new Uint8Array([137, 80, 78, 71])], "Vitrina é.png", { type: "image/png" });
    await user.upload(screen.getByTestId("template-sample"), file);
    await waitFor(() => expect(screen.getByTestId("template-sample-ready")).toHaveTextContent("Vitrina é.png"));
    const [upload] = backend.fullCallsTo("upload_template_sample");
    expect(upload?.body).toEqual(new Uint8Array([137, 80, 78, 71]));
    expect(JSON.parse(decodeURIComponent(upload?.headers["x-shopchat-meta"] ?? ""))).toEqual({ filename: "Vitrina é.png", mime_type: "image/png" });
    expect(screen.getByTestId("template-preview-media").dataset.media).toBe("image");
    await fill(user, screen.getByTestId("template-name"), "new_arrivals");
    await fill(user, screen.getByTestId("template-body"), "New pieces are in the shop.");
    await user.click(screen.getByTestId("template-submit"));
    await waitFor(() => expect(backend.callsTo("create_template")).toHaveLength(1));
    expect((backend.callsTo("create_template")[0]!.draft as TemplateDraft).header).toEqual({ kind: "media", media: "image", handle: "4::image:4" });
  });

  test("duplicate opens the editor with the copy under a new name", async () => {
    const backend = fakeBackend();
    const user = await open();
    await user.click(within(row("order_ready")).getByTestId("template-duplicate"));
    await settle();
    expect(backend.callsTo("template_draft")).toEqual([{ name: "order_ready", language: "en_US" }]);
    const editor = screen.getByTestId("template-editor");
    expect(editor.dataset.mode).toBe("copy");
    expect(editor).toHaveTextContent("Copy of order_ready");
    expect(screen.getByTestId("template-name")).toHaveValue("order_ready_copy");
    expect(screen.getByTestId("template-body")).toHaveValue("Hi {{1}}, your order {{2}} is ready for pickup.");
    expect(screen.getAllByTestId("template-example").map((e) => (e as HTMLInputElement).value)).toEqual(["Ana", "#1042"]);
    await user.click(screen.getByTestId("template-submit"));
    await waitFor(() => expect(backend.callsTo("create_template")).toHaveLength(1));
    expect((backend.callsTo("create_template")[0]!.draft as TemplateDraft).name).toBe("order_ready_copy");
  });

  test("add a language keeps the name; edit sends edit_template; Escape goes back", async () => {
    const backend = fakeBackend();
    const user = await open();
    await user.click(within(row("order_ready")).getByTestId("template-add-language"));
    await settle();
    expect(screen.getByTestId("template-name")).toHaveAttribute("readonly");
    expect(screen.getByTestId("template-language")).toHaveValue("");
    expect(screen.getByTestId("template-language")).toHaveFocus();
    await fill(user, screen.getByTestId("template-language"), "es_MX");
    await fill(user, screen.getByTestId("template-body"), "Hola {{1}}, tu pedido {{2}} está listo.");
    await user.click(screen.getByTestId("template-submit"));
    await waitFor(() => expect(backend.callsTo("create_template")).toHaveLength(1));
    expect(backend.callsTo("create_template")[0]!.draft).toMatchObject({ name: "order_ready", language: "es_MX", body_examples: ["Ana", "#1042"] });
    await settle();
    expect(row("order_ready", "es_MX").dataset.status).toBe("PENDING");

    await user.click(within(row("hello_world")).getByTestId("template-edit"));
    await settle();
    expect(screen.getByTestId("template-editor").dataset.mode).toBe("edit");
    await fill(user, screen.getByTestId("template-body"), "Hello there, world.");
    await user.click(screen.getByTestId("template-submit"));
    await waitFor(() => expect(backend.callsTo("edit_template")).toHaveLength(1));
    expect(backend.callsTo("edit_template")[0]).toMatchObject({ name: "hello_world", language: "en_US", draft: { body: "Hello there, world." } });

    await user.click(screen.getByTestId("templates-new"));
    await user.click(screen.getByTestId("template-body"));
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("template-editor")).toBeNull();
    expect(screen.getByTestId("templates-list")).toBeInTheDocument();
    await settle();
    expect(screen.getByTestId("templates-new")).toHaveFocus();
  });
});

describe("the library", () => {
  test("a ready template is submitted with one click, with the shop's name filled in", async () => {
    const backend = fakeBackend();
    const user = await open();
    await user.click(screen.getByTestId("templates-library"));
    const shop = screen.getByTestId("library-shop-name");
    // The shop's settings give its name to start with.
    await waitFor(() => expect(shop).toHaveValue("Café Lucía"));
    await fill(user, shop, "Lima Ceramics");
    await user.selectOptions(screen.getByTestId("library-language"), "es");
    await waitFor(() => expect(backend.callsTo("template_library").slice(-1)[0]).toEqual({ shopName: "Lima Ceramics", language: "es" }));
    await waitFor(() => expect(screen.getAllByTestId("library-submit")[0]).toBeEnabled());
    const item = screen.getAllByTestId("library-item").find((i) => i.dataset.key === "order_ready")!;
    expect(within(item).getByTestId("template-preview-body")).toHaveTextContent("Hola Ana, tu pedido 1042 está listo en Lima Ceramics.");
    await user.click(within(item).getByTestId("library-submit"));
    await waitFor(() => expect(within(item).getByTestId("library-done")).toBeInTheDocument());
    const draft = backend.callsTo("create_template")[0]!.draft as TemplateDraft;
    expect(draft).toMatchObject({ name: "order_ready", language: "es" });
    expect(draft.body).toContain("Lima Ceramics");
  });

  test("nothing is submitted without the shop's name", async () => {
    fakeBackend({ shop_profile: () => ({ business_name: null, profile: {} }) });
    const user = await open();
    await user.click(screen.getByTestId("templates-library"));
    await waitFor(() => expect(screen.getAllByTestId("library-item").length).toBeGreaterThan(0));
    expect(screen.getByTestId("library-need-name")).toBeInTheDocument();
    for (const button of screen.getAllByTestId("library-submit")) expect(button).toBeDisabled();
  });

  test("a ready template with a media header is changed first, to upload its sample", async () => {
    fakeBackend({
      template_library: () => [
        {
          key: "document_attached",
          title: "Your document",
          description: "Sends a generated document",
          draft: { name: "document_attached", language: "en", category: "utility", header: { kind: "media", media: "document", handle: "" }, body: "Here is your document from Lima.", body_examples: [], footer: null, buttons: [] },
        },
      ],
    });
    const user = await open();
    await user.click(screen.getByTestId("templates-library"));
    await waitFor(() => expect(screen.getByTestId("library-needs-sample")).toBeInTheDocument());
    expect(screen.queryByTestId("library-submit")).toBeNull();
    await user.click(screen.getByTestId("library-customize"));
    expect(screen.getByTestId("template-editor").dataset.mode).toBe("new");
    expect(screen.getByTestId("template-header-kind")).toHaveValue("document");
    expect(screen.getByTestId("template-name")).toHaveValue("document_attached");
  });
});
