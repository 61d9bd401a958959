// The tunnel's state: fetched with `tunnel_state`, then kept current by `tunnel://state` events.
import * as api from "../../api";
import type { Unsubscribe } from "../../api";
import type { TunnelState } from "../../bindings/TunnelState";

export class TunnelStore {
  state = $state<TunnelState>({ state: "off" });
  /** Whether a state has arrived (fetched or from an event). */
  known = $state(false);

  /** An event that arrives while a fetch runs is newer than the fetch's answer. */
  #generation = 0;

  async load(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const state = await api.tunnelState();
      if (generation === this.#generation) {
        this.state = state;
        this.known = true;
      }
    } catch {
      // Without an answer the tunnel is shown as off; events still update it.
    }
  }

  /** Follows the tunnel's events until the returned function is called. */
  connect(): Unsubscribe {
    return api.onEvents({
      "tunnel://state": (event) => {
        this.#generation++;
        this.state = event.state;
        this.known = true;
      },
      "app://resync": () => void this.load(),
    });
  }
}
