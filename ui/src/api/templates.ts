// The message templates: synced, sent, and made in the studio (check, create, edit, delete, drafts,
// the library, a media header's sample). Re-exported by api.ts.
import type { MessageView } from "../bindings/MessageView";
import type { LibraryTemplate } from "../bindings/LibraryTemplate";
import type { TemplateDraft } from "../bindings/TemplateDraft";
import type { TemplateFileMeta } from "../bindings/TemplateFileMeta";
import type { TemplateProblem } from "../bindings/TemplateProblem";
import type { TemplateView } from "../bindings/TemplateView";
import type { TemplateSample } from "../bindings/TemplateSample";
import { ATTACHMENT_META_HEADER, call } from "../invoke";

/** The message templates stored here (synced from Meta). */
export function listTemplates(): Promise<TemplateView[]> {
  return call<TemplateView[]>("list_templates");
}

/** Fetches the templates from Meta again; resolves with the stored list. */
export function syncTemplates(): Promise<TemplateView[]> {
  return call<TemplateView[]>("sync_templates");
}

/**
 * Queues an approved template whose image, video or document header is `bytes` (the raw body;
 * the rest rides URI-encoded in a header, as for an attachment); resolves with the queued message.
 */
export function sendTemplateFile(bytes: Uint8Array, meta: TemplateFileMeta): Promise<MessageView> {
  return call<MessageView>("send_template_file", bytes, {
    headers: { [ATTACHMENT_META_HEADER]: encodeURIComponent(JSON.stringify(meta)) },
  });
}

/** Queues an approved template with its body parameters in order; resolves with the queued message. */
export function sendTemplate(to: string, name: string, language: string, parameters: string[]): Promise<MessageView> {
  return call<MessageView>("send_template", { to, name, language, parameters });
}

// ---------------------------------------------------------------------------------------------
// The templates studio: templates made, edited and deleted in the app

/** Every Meta rule the draft breaks, each named at its field; empty when it can be submitted. */
export function checkTemplate(draft: TemplateDraft): Promise<TemplateProblem[]> {
  return call<TemplateProblem[]>("check_template", { draft });
}

/** Submits a new template (or a new language of one) to Meta; resolves with it (status `PENDING`). */
export function createTemplate(draft: TemplateDraft): Promise<TemplateView> {
  return call<TemplateView>("create_template", { draft });
}

/** Submits a changed template (where Meta allows editing); resolves with it as stored. */
export function editTemplate(name: string, language: string, draft: TemplateDraft): Promise<TemplateView> {
  return call<TemplateView>("edit_template", { name, language, draft });
}

/** Deletes one language of a template, or every language (`language` null); resolves with the list left. */
export function deleteTemplate(name: string, language: string | null): Promise<TemplateView[]> {
  return call<TemplateView[]>("delete_template", { name, language });
}

/** A stored template as a draft: to edit it, duplicate it, or add a language to it. */
export function templateDraft(name: string, language: string): Promise<TemplateDraft> {
  return call<TemplateDraft>("template_draft", { name, language });
}

/** The ready shop templates in a language, with the shop's name filled in. */
export function templateLibrary(shopName: string, language: string): Promise<LibraryTemplate[]> {
  return call<LibraryTemplate[]>("template_library", { shopName, language });
}

/** What travels beside a media header's sample file (URI-encoded JSON in a header). */
export interface TemplateSampleMeta {
  filename: string;
  mime_type: string | null;
}

/** Uploads a media header's sample file (the raw body) to Meta; resolves with its handle for the draft. */
export function uploadTemplateSample(bytes: Uint8Array, meta: TemplateSampleMeta): Promise<TemplateSample> {
  return call<TemplateSample>("upload_template_sample", bytes, {
    headers: { [ATTACHMENT_META_HEADER]: encodeURIComponent(JSON.stringify(meta)) },
  });
}
