// Message templates: which can be sent, and their body with the owner's values filled in.
import type { TemplateView } from "../bindings/TemplateView";

/** Only approved templates can be sent. */
export function sendableTemplates(templates: readonly TemplateView[]): TemplateView[] {
  return templates.filter((t) => t.status.toUpperCase() === "APPROVED");
}

/** A template's key: the same name exists once per language. */
export function templateKey(template: Pick<TemplateView, "name" | "language">): string {
  return `${template.name}:${template.language}`;
}

/** The list with a template's newer view in place (a new one added; a deleted one taken out). */
export function withTemplate(list: readonly TemplateView[], view: TemplateView): TemplateView[] {
  const same = (x: TemplateView) => x.name === view.name && x.language === view.language;
  if (view.status.toUpperCase() === "DELETED") return list.filter((x) => !same(x));
  return list.some(same) ? list.map((x) => (same(x) ? view : x)) : [...list, view];
}

export interface BodyPart {
  text: string;
  /** The parameter this part stands for (its value, or the example while it is still empty). */
  parameter: string | null;
  /** Not filled in yet: `text` is the template's example (or `…`). */
  empty: boolean;
}

/**
 * A text split into plain parts and parameters, the owner's values filled in; a parameter not
 * filled in yet shows its example from `examples` (same order as `parameters`), else `…`.
 */
export function bodyParts(
  body: string,
  parameters: readonly string[],
  values: readonly string[],
  examples: readonly string[] = [],
): BodyPart[] {
  const parts: BodyPart[] = [];
  const pattern = /\{\{\s*([^{}\s]+)\s*\}\}/g;
  let at = 0;
  for (const match of body.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > at) parts.push({ text: body.slice(at, index), parameter: null, empty: false });
    const name = match[1] ?? "";
    const position = parameters.indexOf(name);
    const value = position >= 0 ? (values[position] ?? "").trim() : "";
    const example = position >= 0 ? (examples[position] ?? "").trim() : "";
    parts.push({ text: value || example || "…", parameter: name, empty: value === "" });
    at = index + match[0].length;
  }
  if (at < body.length) parts.push({ text: body.slice(at), parameter: null, empty: false });
  return parts;
}

/** What fills a template's image, video or document header: a file, or a generated document (by id). */
export interface HeaderChoice {
  file?: File;
  document?: number;
}

/** Whether a template's header takes a file. */
export function headerTakesFile(format: string | null | undefined): boolean {
  return format === "IMAGE" || format === "VIDEO" || format === "DOCUMENT";
}
