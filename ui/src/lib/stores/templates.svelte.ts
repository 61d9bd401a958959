// The message templates the picker offers: loaded once, synced from Meta on demand, reloaded
// when a `templates://synced` event says the stored list changed, and kept current by
// `template://updated` (a template approved while the picker is open can be sent at once).
import * as api from "../../api";
import type { ApiError, Unsubscribe } from "../../api";
import type { TemplateView } from "../../bindings/TemplateView";
import { sendableTemplates, withTemplate } from "../templates";
import type { LoadStatus } from "./types";

export class TemplatesStore {
  /** Every stored template, whatever its status. */
  all = $state.raw<TemplateView[]>([]);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);
  syncing = $state(false);

  /** The ones that can be sent (approved). */
  sendable = $derived(sendableTemplates(this.all));

  #generation = 0;

  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.status = "loading";
    this.error = null;
    try {
      const templates = await api.listTemplates();
      if (generation !== this.#generation) return;
      this.all = templates;
      this.status = "ready";
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = api.toApiError(error);
      this.status = "error";
    }
  }

  /** Fetches the templates from Meta again. */
  async sync(): Promise<void> {
    if (this.syncing) return;
    const generation = ++this.#generation;
    this.syncing = true;
    this.error = null;
    try {
      const templates = await api.syncTemplates();
      if (generation !== this.#generation) return;
      this.all = templates;
      this.status = "ready";
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = api.toApiError(error);
    } finally {
      this.syncing = false;
    }
  }

  /** Reloads when another sync (the CLI, a scheduled one) changed the stored list. */
  connect(): Unsubscribe {
    return api.onEvents({
      "templates://synced": () => {
        if (!this.syncing) void this.load();
      },
      "template://updated": (event) => {
        this.all = withTemplate(this.all, event.template);
      },
      "template://deleted": (event) => {
        this.all = this.all.filter((x) => x.name !== event.name || (event.language !== null && x.language !== event.language));
      },
    });
  }
}
