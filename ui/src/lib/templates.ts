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

export interface BodyPart {
  text: string;
  /** The parameter this part stands for (its value, or the placeholder when still empty). */
  parameter: string | null;
}

/** The body split into text and parameters, values filled in where given (`{{1}}` stays when empty). */
export function bodyParts(body: string, parameters: readonly string[], values: readonly string[]): BodyPart[] {
  const parts: BodyPart[] = [];
  const pattern = /\{\{\s*([^{}\s]+)\s*\}\}/g;
  let at = 0;
  for (const match of body.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > at) parts.push({ text: body.slice(at, index), parameter: null });
    const name = match[1] ?? "";
    const position = parameters.indexOf(name);
    const value = position >= 0 ? (values[position] ?? "").trim() : "";
    parts.push({ text: value || match[0], parameter: name });
    at = index + match[0].length;
  }
  if (at < body.length) parts.push({ text: body.slice(at), parameter: null });
  return parts;
}

/** The body as the customer will read it. */
export function fillTemplate(body: string, parameters: readonly string[], values: readonly string[]): string {
  return bodyParts(body, parameters, values)
    .map((p) => p.text)
    .join("");
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
