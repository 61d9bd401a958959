// The Templates section's state: the stored templates (live from `template://updated`, read
// again after a sync elsewhere or missed events), and what the section shows: the list, the
// editor (new, edit, a new language, a copy) or the library of ready templates.
import * as api from "../../../api";
import type { ApiError, Unsubscribe } from "../../../api";
import type { TemplateDraft } from "../../../bindings/TemplateDraft";
import type { TemplateView } from "../../../bindings/TemplateView";
import { i18n } from "../../i18n/index.svelte";
import type { LoadStatus } from "../../stores/types";
import { withTemplate } from "../../templates";
import { copyName, emptyDraft } from "../../templateStudio";

/** What the editor is doing with its draft. */
export type EditorMode =
  | { kind: "new" }
  | { kind: "edit"; name: string; language: string; status: string; reason: string | null }
  | { kind: "language"; name: string }
  | { kind: "copy"; from: string };

export type Shown =
  | { kind: "list" }
  | { kind: "library" }
  | { kind: "editor"; mode: EditorMode; draft: TemplateDraft; key: number };

export class TemplateStudioStore {
  list = $state.raw<TemplateView[]>([]);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);
  syncing = $state(false);
  shown = $state.raw<Shown>({ kind: "list" });
  /** Said once after a submit, above the list. */
  notice = $state<string | null>(null);
  /** Opening a stored template's draft failed. */
  openError = $state<ApiError | null>(null);

  #generation = 0;
  #editorKey = 0;
  /** Views that arrived while a load was on its way: newer than what the load read. */
  #live = new Map<string, TemplateView>();
  #loading = false;

  async load(): Promise<void> {
    const generation = ++this.#generation;
    if (this.status !== "ready") this.status = "loading";
    this.error = null;
    this.#loading = true;
    try {
      const list = await api.listTemplates();
      if (generation === this.#generation) this.#loaded(list);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = api.toApiError(error);
      this.status = "error";
    } finally {
      if (generation === this.#generation) this.#loading = false;
    }
  }

  /** Fetches every template from Meta again. */
  async sync(): Promise<void> {
    if (this.syncing) return;
    const generation = ++this.#generation;
    this.syncing = true;
    this.error = null;
    this.#loading = true;
    try {
      const list = await api.syncTemplates();
      if (generation === this.#generation) this.#loaded(list);
    } catch (error) {
      if (generation === this.#generation) this.error = api.toApiError(error);
    } finally {
      this.syncing = false;
      if (generation === this.#generation) this.#loading = false;
    }
  }

  #loaded(list: TemplateView[]): void {
    this.list = list;
    this.status = "ready";
    for (const view of this.#live.values()) this.apply(view);
    this.#live.clear();
  }

  /** Puts a template's newer view in the list (a new one is added, a deleted one taken out). */
  apply(view: TemplateView): void {
    this.list = withTemplate(this.list, view);
    if (this.#loading) this.#live.set(`${view.name}:${view.language}`, view);
  }

  /** Deletes one language, or all of them (`language` null); the error is the caller's to show. */
  async remove(name: string, language: string | null): Promise<void> {
    ++this.#generation;
    this.list = await api.deleteTemplate(name, language);
    this.status = "ready";
  }

  showList(notice: string | null = null): void {
    this.shown = { kind: "list" };
    this.notice = notice;
  }

  showLibrary(): void {
    this.notice = null;
    this.shown = { kind: "library" };
  }

  /** Opens the editor on a draft: a new one when none is given. */
  edit(mode: EditorMode, draft: TemplateDraft = emptyDraft(i18n.lang)): void {
    this.notice = null;
    this.openError = null;
    this.shown = { kind: "editor", mode, draft, key: ++this.#editorKey };
  }

  /** Opens a stored template in the editor: to edit it, add a language, or copy it under a new name. */
  async open(action: "edit" | "language" | "copy", template: TemplateView): Promise<void> {
    this.openError = null;
    try {
      const draft = await api.templateDraft(template.name, template.language);
      if (action === "edit") {
        const reason = template.status.toUpperCase() === "REJECTED" ? template.rejected_reason : null;
        this.edit({ kind: "edit", name: template.name, language: template.language, status: template.status, reason }, draft);
      } else if (action === "language") {
        this.edit({ kind: "language", name: template.name }, { ...draft, language: "" });
      } else {
        const taken = this.list.map((x) => x.name);
        this.edit({ kind: "copy", from: template.name }, { ...draft, name: copyName(template.name, taken) });
      }
    } catch (error) {
      this.openError = api.toApiError(error);
    }
  }

  /** Follows the engine: a template's status or quality changed, a sync happened, events were missed. */
  connect(): Unsubscribe {
    return api.onEvents({
      "template://updated": (event) => this.apply(event.template),
      "template://deleted": (event) => {
        this.list = this.list.filter((x) => x.name !== event.name || (event.language !== null && x.language !== event.language));
      },
      "templates://synced": () => {
        if (!this.syncing) void this.load();
      },
      "app://resync": () => void this.load(),
    });
  }
}
