// The Broadcasts section's state: the list (live from `broadcast://progress`), which one is
// shown (or the wizard), and the shown one's report, refreshed when its failures change.
import * as api from "../../../api";
import type { ApiError, Unsubscribe } from "../../../api";
import type { BroadcastDetail } from "../../../bindings/BroadcastDetail";
import type { BroadcastView } from "../../../bindings/BroadcastView";
import { broadcastsApi, funnelOf } from "../../broadcasts";
import type { LoadStatus } from "../../stores/types";

export class BroadcastsStore {
  list = $state.raw<BroadcastView[]>([]);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);
  /** What the pane shows: a broadcast (by id), the wizard, or nothing chosen. */
  shown = $state<number | "new" | null>(null);
  detail = $state.raw<BroadcastDetail | null>(null);
  detailError = $state<ApiError | null>(null);

  async load(): Promise<void> {
    this.status = "loading";
    this.error = null;
    const before = new Map(this.list.map((b) => [b.id, b]));
    try {
      const list = await broadcastsApi.list();
      // Progress that arrived during the load is newer than what the load read (and only that:
      // after a resync, the list read now is newer than the one shown).
      const live = new Map(this.list.filter((b) => before.get(b.id) !== b).map((b) => [b.id, b]));
      this.list = list.map((b) => live.get(b.id) ?? b);
      this.status = "ready";
    } catch (error) {
      this.error = api.toApiError(error);
      this.status = "error";
    }
  }

  /** Puts a broadcast's newer view in the list (newest first) and in the shown detail. */
  apply(b: BroadcastView): void {
    const at = this.list.findIndex((x) => x.id === b.id);
    this.list = at >= 0 ? this.list.map((x) => (x.id === b.id ? b : x)) : [b, ...this.list].sort((x, y) => y.id - x.id);
    const d = this.detail;
    if (d && d.broadcast.id === b.id) {
      const before = d.report.counts;
      this.detail = { broadcast: b, report: { ...d.report, counts: b.counts, funnel: funnelOf(b.counts) } };
      // Failures and skips are grouped by reason: only the engine can regroup them.
      if (before.failed !== b.counts.failed || before.skipped !== b.counts.skipped) void this.#fetch(b.id);
    }
  }

  async open(id: number): Promise<void> {
    this.shown = id;
    if (this.detail?.broadcast.id !== id) this.detail = null;
    await this.#fetch(id);
  }

  async #fetch(id: number): Promise<void> {
    this.detailError = null;
    try {
      const detail = await broadcastsApi.show(id);
      if (this.shown !== id) return;
      this.detail = detail;
      this.apply(detail.broadcast);
    } catch (error) {
      if (this.shown === id) this.detailError = api.toApiError(error);
    }
  }

  /** Pause, resume (or confirm) or cancel the shown broadcast; the error is the caller's to show. */
  async act(action: "pause" | "resume" | "cancel", id: number): Promise<void> {
    const detail = await broadcastsApi[action](id);
    if (this.shown === id) this.detail = detail;
    this.apply(detail.broadcast);
  }

  /** After the wizard created one: the list again, and that broadcast shown. */
  async created(id: number): Promise<void> {
    await this.load();
    await this.open(id);
  }

  /** Follows the progress events; after missed events (`app://resync`), reads everything again. */
  connect(): Unsubscribe {
    return api.onEvents({
      "broadcast://progress": (event) => this.apply(event.broadcast),
      "app://resync": () => {
        void this.load();
        if (typeof this.shown === "number") void this.#fetch(this.shown);
      },
    });
  }
}
