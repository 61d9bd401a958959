// The outbox counts shown in the status bar: fetched once, then refetched whenever a
// `message://queued` or `message://status` event arrives (never polled).
import * as api from "../../api";
import type { ApiError, Unsubscribe } from "../../api";
import type { OutboxCounts } from "../../bindings/OutboxCounts";
import type { OutboxHealth } from "../../bindings/OutboxHealth";
import { t } from "../i18n/index.svelte";
import type { LoadStatus } from "./types";

/** "Outbox: idle", or what is going on: "Outbox: 2 sending, 1 failed", "Outbox: paused, 2 waiting". */
export function describeOutbox(counts: OutboxCounts, health: OutboxHealth = { state: "running" }): string {
  const waiting = counts.pending + counts.in_flight;
  if (health.state !== "running") {
    const why = health.state === "needs_reconnect" ? "paused" : "cooling";
    return t("outbox.bar_stopped", { why, waiting });
  }
  const parts: string[] = [];
  if (waiting > 0) parts.push(t("outbox.bar_sending", { count: waiting }));
  if (counts.failed > 0) parts.push(t("outbox.bar_failed", { count: counts.failed }));
  if (counts.unknown > 0) parts.push(t("outbox.bar_unknown", { count: counts.unknown }));
  return parts.length === 0 ? t("outbox.bar_idle") : t("outbox.bar", { parts: parts.join(", ") });
}

export class OutboxStore {
  counts = $state<OutboxCounts | null>(null);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);
  /** Sending, paused for a refused token, or cooling down; from `outbox_health` and its event. */
  health = $state<OutboxHealth>({ state: "running" });
  resuming = $state(false);
  resumeError = $state<ApiError | null>(null);

  async loadHealth(): Promise<void> {
    try {
      this.health = await api.outboxHealth();
    } catch {
      // The counts' error already tells the owner the outbox cannot be read.
    }
  }

  /** Tries sending again after a pause. */
  async resume(): Promise<void> {
    this.resuming = true;
    this.resumeError = null;
    try {
      this.health = await api.resumeOutbox();
    } catch (error) {
      this.resumeError = api.toApiError(error);
    } finally {
      this.resuming = false;
    }
  }

  #fetching = false;
  #again = false;

  /** Fetches the counts; calls made while a fetch runs are folded into one more fetch. */
  async refresh(): Promise<void> {
    if (this.#fetching) {
      this.#again = true;
      return;
    }
    this.#fetching = true;
    if (!this.counts) this.status = "loading";
    try {
      do {
        this.#again = false;
        this.counts = await api.outboxCounts();
        this.error = null;
        this.status = "ready";
      } while (this.#again);
    } catch (error) {
      this.error = api.toApiError(error);
      this.status = "error";
    } finally {
      this.#fetching = false;
    }
  }

  /** Refetches on outbox events until the returned function is called. */
  connect(): Unsubscribe {
    return api.onEvents({
      "message://queued": () => void this.refresh(),
      "message://status": () => void this.refresh(),
      "outbox://health": (event) => {
        this.health = event.health;
      },
      "app://resync": () => {
        void this.refresh();
        void this.loadHealth();
      },
    });
  }
}
