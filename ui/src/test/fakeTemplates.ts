// The templates side of the fake backend: the stored templates (the picker's and the studio's),
// a few of Meta's rules for `check_template`, working create / edit / delete, drafts of the
// stored ones, the ready-made library and the sample upload. The real rules are the engine's.
import type { LibraryTemplate } from "../bindings/LibraryTemplate";
import type { TemplateDraft } from "../bindings/TemplateDraft";
import type { TemplateProblem } from "../bindings/TemplateProblem";
import type { TemplateView } from "../bindings/TemplateView";
import type { Handler } from "./fakeBackend";
import { NOW_S } from "./fixtures";

/** A template as the engine shows it: no header, footer or buttons unless given. */
export function template(fields: Partial<TemplateView> & Pick<TemplateView, "name" | "body">): TemplateView {
  const parameters = fields.parameters ?? [];
  return {
    id: null,
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    header_format: null,
    header_text: null,
    footer: null,
    buttons: [],
    fields: parameters.map((name) => ({ name, kind: "body" as const, example: null, button: null })),
    unsendable: null,
    rejected_reason: null,
    quality: null,
    updated_at: null,
    ...fields,
    parameters,
  };
}

export const TEMPLATES: TemplateView[] = [
  template({
    name: "order_ready",
    body: "Hi {{1}}, your order {{2}} is ready for pickup.",
    parameters: ["1", "2"],
    fields: [
      { name: "1", kind: "body", example: "Ana", button: null },
      { name: "2", kind: "body", example: "#1042", button: null },
    ],
  }),
  template({ name: "hello_world", body: "Hello World" }),
  template({
    name: "spring_sale",
    status: "PENDING",
    category: "MARKETING",
    body: "Our spring sale starts {{date}}!",
    parameters: ["date"],
  }),
];

function names(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) if (!found.includes(m[1] ?? "")) found.push(m[1] ?? "");
  return found;
}

/** Some of Meta's rules, enough for the UI's tests (the engine checks them all). */
export function fakeCheck(d: TemplateDraft): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });
  if (d.name === "") add("name", "name_empty", "Give the template a name.");
  else if (!/^[a-z0-9_]+$/.test(d.name)) add("name", "name_charset", "A name has only lowercase letters, digits and underscores.");
  if (!/^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/.test(d.language)) add("language", "language_invalid", "The language is a code like en or es_MX.");
  if (d.header?.kind === "media" && d.header.handle.trim() === "") add("header.handle", "header_handle_missing", "Upload a sample file for the header.");
  if (d.category !== "authentication") {
    const body = d.body.trim();
    if (body === "") add("body", "body_empty", "Write the message.");
    if (body.startsWith("{{")) add("body", "param_at_start", "The message cannot start with a parameter.");
    if (body !== "" && body.endsWith("}}")) add("body", "param_at_end", "The message cannot end with a parameter.");
    names(d.body).forEach((name, i) => {
      if (!(d.body_examples[i] ?? "").trim()) add(`body.examples[${i}]`, "example_missing", `Give an example for {{${name}}}.`);
    });
  }
  if (d.footer !== null && d.footer.length > 60) add("footer", "footer_too_long", "A footer has at most 60 characters.");
  d.buttons.forEach((b, i) => {
    if (b.kind !== "copy_code" && b.text.trim() === "") add(`buttons[${i}].text`, "button_text_empty", "Give the button a label.");
    if (b.kind === "url" && !/^https?:\/\/\S+$/.test(b.url)) add(`buttons[${i}].url`, "url_invalid", "A link starts with https://.");
  });
  return out;
}

/** What the engine stores for a submitted draft. */
export function viewOf(d: TemplateDraft, id: string, status = "PENDING"): TemplateView {
  const params = names(d.body);
  return template({
    id,
    name: d.name,
    language: d.language,
    status,
    category: d.category.toUpperCase(),
    header_format: d.header?.kind === "media" ? d.header.media.toUpperCase() : null,
    header_text: d.header?.kind === "text" ? d.header.text : null,
    body: d.body,
    footer: d.footer,
    buttons: d.buttons.map((b) => (b.kind === "copy_code" ? "Copy code" : b.text)),
    parameters: params,
    fields: params.map((name, i) => ({ name, kind: "body", example: d.body_examples[i] ?? null, button: null })),
    updated_at: NOW_S,
  });
}

/** The ready templates, with `{shop}` where the shop's name goes. */
const LIBRARY: Record<string, { key: string; title: string; body: string; examples: string[] }[]> = {
  en: [
    { key: "order_ready", title: "Order ready for pick-up", body: "Hi {{1}}, your order {{2}} is ready at {shop}.", examples: ["Ana", "1042"] },
    { key: "thank_you", title: "Thank you", body: "Thank you for shopping at {shop}!", examples: [] },
  ],
  es: [
    { key: "order_ready", title: "Pedido listo para recoger", body: "Hola {{1}}, tu pedido {{2}} está listo en {shop}.", examples: ["Ana", "1042"] },
    { key: "thank_you", title: "Gracias", body: "¡Gracias por comprar en {shop}!", examples: [] },
  ],
};

export function fakeTemplates(): { handlers: Record<string, Handler>; stored: () => TemplateView[] } {
  let list = structuredClone(TEMPLATES);
  const drafts = new Map<string, TemplateDraft>();
  let nextId = 900;
  const keyOf = (name: string, language: string) => `${name}:${language}`;
  const submit = (d: TemplateDraft): TemplateDraft => {
    const problems = fakeCheck(d);
    if (problems.length > 0) throw { code: "invalid_template", message: problems.map((p) => p.message).join(" ") };
    return d;
  };
  return {
    stored: () => list,
    handlers: {
      list_templates: () => structuredClone(list),
      sync_templates: () => structuredClone(list),
      check_template: (args) => fakeCheck(args.draft as TemplateDraft),
      create_template: (args) => {
        const d = submit(args.draft as TemplateDraft);
        if (list.some((tv) => tv.name === d.name && tv.language === d.language)) {
          throw { code: "invalid_template", message: "A template with this name and language exists." };
        }
        const view = viewOf(d, String(nextId++));
        list = [...list, view];
        drafts.set(keyOf(d.name, d.language), d);
        return view;
      },
      edit_template: (args) => {
        const [name, language] = [args.name as string, args.language as string];
        const d = submit({ ...(args.draft as TemplateDraft), name, language });
        const old = list.find((tv) => tv.name === name && tv.language === language);
        if (!old) throw { code: "not_found", message: "No such template." };
        const view = viewOf(d, old.id ?? String(nextId++));
        list = list.map((tv) => (tv === old ? view : tv));
        drafts.set(keyOf(name, language), d);
        return view;
      },
      delete_template: (args) => {
        const [name, language] = [args.name as string, args.language as string | null];
        list = list.filter((tv) => tv.name !== name || (language !== null && tv.language !== language));
        return structuredClone(list);
      },
      template_draft: (args) => {
        const [name, language] = [args.name as string, args.language as string];
        const saved = drafts.get(keyOf(name, language));
        if (saved) return structuredClone(saved);
        const tv = list.find((x) => x.name === name && x.language === language);
        if (!tv) throw { code: "not_found", message: "No such template." };
        return {
          name,
          language,
          category: (tv.category ?? "utility").toLowerCase() as TemplateDraft["category"],
          header: tv.header_text ? { kind: "text", text: tv.header_text, example: null } : null,
          body: tv.body ?? "",
          body_examples: tv.fields.filter((f) => f.kind === "body").map((f) => f.example ?? ""),
          footer: tv.footer,
          buttons: tv.buttons.map((text) => ({ kind: "quick_reply", text })),
        } satisfies TemplateDraft;
      },
      template_library: (args) => {
        const [shop, language] = [args.shopName as string, args.language as string];
        return (LIBRARY[language] ?? LIBRARY.en ?? []).map(
          (item): LibraryTemplate => ({
            key: item.key,
            title: item.title,
            description: item.title,
            draft: {
              name: item.key,
              language,
              category: "utility",
              header: null,
              body: item.body.replace("{shop}", shop),
              body_examples: item.examples,
              footer: null,
              buttons: [],
            },
          }),
        );
      },
      upload_template_sample: (_args, call) => {
        if (!call.body || call.body.length === 0) throw { code: "invalid_input", message: "The file is empty." };
        const meta = JSON.parse(decodeURIComponent(call.headers["x-shopchat-meta"] ?? "{}")) as { mime_type?: string | null };
        const mime = meta.mime_type ?? "";
        const media = mime.startsWith("image/") ? "image" : mime.startsWith("video/") ? "video" : "document";
        return { handle: `4::${media}:${call.body.length}`, media };
      },
    },
  };
}
