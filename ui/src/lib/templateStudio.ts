// The templates studio's pure rules (tested without a window): a draft's parameters and their
// examples, the preview's text, which problem belongs to which field and what it says in the
// app's language, and the words for a template's status and quality. The rules themselves are
// the engine's (`check_template`); nothing here decides whether Meta would accept a draft.
import type { TemplateDraft } from "../bindings/TemplateDraft";
import type { TemplateProblem } from "../bindings/TemplateProblem";
import type { TemplateView } from "../bindings/TemplateView";
import { t, type MessageKey } from "./i18n/index.svelte";

/** The distinct `{{...}}` names of a text in order of first use, as the engine reads them. */
export function placeholderNames(text: string): string[] {
  const names: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf("{{", from);
    if (open < 0) break;
    const close = text.indexOf("}}", open + 2);
    if (close < 0) break;
    const name = text.slice(open + 2, close).trim();
    if (!names.includes(name)) names.push(name);
    from = close + 2;
  }
  return names;
}

/** The examples for `names`: the one the owner gave each name, even if the body lost it a moment. */
export function examplesFor(names: readonly string[], remembered: ReadonlyMap<string, string>): string[] {
  return names.map((name) => remembered.get(name) ?? "");
}

/** A text with each parameter's example in its place (a parameter without one stays as typed). */
export function fillExamples(text: string, names: readonly string[], examples: readonly (string | null)[]): string {
  return text.replace(/\{\{([^{}]*)\}\}/g, (whole, inner: string) => {
    const example = (examples[names.indexOf(inner.trim())] ?? "").trim();
    return example || whole;
  });
}

/** A new, empty draft. */
export function emptyDraft(language: string): TemplateDraft {
  return { name: "", language, category: "utility", header: null, body: "", body_examples: [], footer: null, buttons: [] };
}

/** The draft as the engine wants it: blank optional texts are absent, not empty. */
export function cleanDraft(draft: TemplateDraft): TemplateDraft {
  const blank = (s: string | null | undefined): string | null => (s && s.trim() !== "" ? s : null);
  const header =
    draft.header?.kind === "text" ? { ...draft.header, example: blank(draft.header.example) } : draft.header;
  return {
    ...draft,
    name: draft.name.trim(),
    language: draft.language.trim(),
    header,
    footer: blank(draft.footer),
    buttons: draft.buttons.map((b) => (b.kind === "url" ? { ...b, example: blank(b.example) } : b)),
  };
}

/** The problems at exactly this field. */
export function problemsAt(problems: readonly TemplateProblem[], field: string): TemplateProblem[] {
  return problems.filter((p) => p.field === field);
}

/** The field an element of the form shows its problems for, as a DOM id. */
export function fieldId(field: string): string {
  return `tpl-${field.replace(/[^a-z0-9]+/gi, "-")}`;
}

/** The part of the form a field belongs to (`buttons[2].url` → `buttons`), for "touched". */
export function fieldRoot(field: string): string {
  return field.split(/[.[]/)[0] ?? field;
}

/** The fields the form shows problems at; anything else is listed above the form. */
export function knownField(field: string, draft: TemplateDraft): boolean {
  if (["name", "language", "category", "header", "header.example", "header.handle", "body", "footer", "buttons"].includes(field)) {
    return true;
  }
  const example = /^body\.examples\[(\d+)\]$/.exec(field);
  if (example) return Number(example[1]) < placeholderNames(draft.body).length;
  const button = /^buttons\[(\d+)\](\.(text|url|example|number))?$/.exec(field);
  return button !== null && Number(button[1]) < draft.buttons.length;
}

const PROBLEM_KEYS: Record<string, MessageKey> = {
  name_empty: "templates.problem_name_empty",
  name_too_long: "templates.problem_name_too_long",
  name_charset: "templates.problem_name_charset",
  language_invalid: "templates.problem_language_invalid",
  header_not_allowed: "templates.problem_header_not_allowed",
  header_empty: "templates.problem_header_empty",
  header_too_long: "templates.problem_header_too_long",
  header_too_many_params: "templates.problem_header_too_many_params",
  header_handle_missing: "templates.problem_header_handle_missing",
  body_preset: "templates.problem_body_preset",
  body_empty: "templates.problem_body_empty",
  body_too_long: "templates.problem_body_too_long",
  param_malformed: "templates.problem_param_malformed",
  params_mixed: "templates.problem_params_mixed",
  params_not_in_order: "templates.problem_params_not_in_order",
  param_name_invalid: "templates.problem_param_name_invalid",
  param_at_start: "templates.problem_param_at_start",
  param_at_end: "templates.problem_param_at_end",
  params_adjacent: "templates.problem_params_adjacent",
  examples_extra: "templates.problem_examples_extra",
  footer_not_allowed: "templates.problem_footer_not_allowed",
  footer_too_long: "templates.problem_footer_too_long",
  footer_has_param: "templates.problem_footer_has_param",
  auth_buttons: "templates.problem_auth_buttons",
  buttons_too_many: "templates.problem_buttons_too_many",
  quick_reply_too_many: "templates.problem_quick_reply_too_many",
  url_too_many: "templates.problem_url_too_many",
  phone_too_many: "templates.problem_phone_too_many",
  copy_code_too_many: "templates.problem_copy_code_too_many",
  buttons_not_grouped: "templates.problem_buttons_not_grouped",
  button_text_empty: "templates.problem_button_text_empty",
  button_text_too_long: "templates.problem_button_text_too_long",
  button_text_has_param: "templates.problem_button_text_has_param",
  url_invalid: "templates.problem_url_invalid",
  url_too_long: "templates.problem_url_too_long",
  url_param_not_at_end: "templates.problem_url_param_not_at_end",
  phone_invalid: "templates.problem_phone_invalid",
  copy_code_not_allowed: "templates.problem_copy_code_not_allowed",
  copy_code_invalid: "templates.problem_copy_code_invalid",
};

/** What a problem says, in the app's language when the catalogue knows its code (else the engine's words). */
export function problemText(problem: TemplateProblem, draft: TemplateDraft): string {
  if (problem.code === "example_missing") {
    if (problem.field === "header.example") return t("templates.problem_example_missing_header");
    const body = /^body\.examples\[(\d+)\]$/.exec(problem.field);
    if (body) {
      const name = placeholderNames(draft.body)[Number(body[1])];
      if (name !== undefined) return t("templates.problem_example_missing_body", { param: `{{${name}}}` });
    }
    if (/^buttons\[\d+\]\.example$/.test(problem.field)) return t("templates.problem_example_missing_url");
    return problem.message;
  }
  const key = PROBLEM_KEYS[problem.code];
  return key ? t(key) : problem.message;
}

export const STATUSES = ["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED", "IN_APPEAL", "DELETED"] as const;

/** The catalogue key of a status word; a status the app does not know reads as Meta wrote it. */
export function statusKey(status: string): MessageKey | null {
  const s = status.toUpperCase();
  return (STATUSES as readonly string[]).includes(s) ? (`templates.status_${s.toLowerCase()}` as MessageKey) : null;
}

export type Tone = "good" | "wait" | "bad" | "off";

/** The colour a status shows in. */
export function statusTone(status: string): Tone {
  switch (status.toUpperCase()) {
    case "APPROVED":
      return "good";
    case "PENDING":
    case "IN_APPEAL":
      return "wait";
    case "REJECTED":
    case "DISABLED":
      return "bad";
    default:
      return "off";
  }
}

/** The quality rating's colour and words (`GREEN`, `YELLOW`, `RED`; anything else: not rated yet). */
export function quality(rating: string | null): { tone: Tone; key: MessageKey } {
  switch ((rating ?? "").toUpperCase()) {
    case "GREEN":
      return { tone: "good", key: "templates.quality_high" };
    case "YELLOW":
      return { tone: "wait", key: "templates.quality_medium" };
    case "RED":
      return { tone: "bad", key: "templates.quality_low" };
    default:
      return { tone: "off", key: "templates.quality_unknown" };
  }
}

/** Meta lets an approved, rejected or paused template be edited (not one in review, nor a disabled one). */
export function canEdit(status: string): boolean {
  return ["APPROVED", "REJECTED", "PAUSED"].includes(status.toUpperCase());
}

/** A template's languages under its name, names in order. */
export interface TemplateGroup {
  name: string;
  languages: TemplateView[];
}

export function groupTemplates(list: readonly TemplateView[]): TemplateGroup[] {
  const groups = new Map<string, TemplateView[]>();
  for (const tv of list) groups.set(tv.name, [...(groups.get(tv.name) ?? []), tv]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, languages]) => ({ name, languages: languages.sort((a, b) => a.language.localeCompare(b.language)) }));
}

/** A name for a copy that no stored template has: `name_copy`, `name_copy_2`... */
export function copyName(name: string, taken: readonly string[]): string {
  const base = `${name.replace(/_copy(_\d+)?$/, "")}_copy`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}_${n}`)) return `${base}_${n}`;
}

/** The MIME types a media header's sample can be, for the file picker. */
export const SAMPLE_ACCEPT = {
  image: "image/jpeg,image/png",
  video: "video/mp4",
  document: "application/pdf,.pdf",
} as const;
