// The shop's customer records and the customers waiting to be linked. A link happens in the
// chat (the bot stores it with the customer's message), so a customer's message or the bot's
// answer reloads them a moment later.
import * as api from "../../api";
import type { ApiError, Unsubscribe } from "../../api";
import type { CustomerView } from "../../bindings/CustomerView";
import type { LinkRequestView } from "../../bindings/LinkRequestView";
import { digitsOf, foldForSearch } from "../format";
import type { LoadStatus } from "./types";

/** Records whose name, reference, email, phone or linked number contains `query`. */
export function filterCustomers(list: readonly CustomerView[], query: string): CustomerView[] {
  const q = foldForSearch(query.trim());
  if (!q) return list.slice();
  const digits = /^[\d\s+().-]+$/.test(query.trim()) ? digitsOf(query) : "";
  return list.filter(
    (c) =>
      foldForSearch(c.name).includes(q) ||
      foldForSearch(c.ref ?? "").includes(q) ||
      foldForSearch(c.email ?? "").includes(q) ||
      (digits !== "" && ((c.wa_id ?? "").includes(digits) || digitsOf(c.phone ?? "").includes(digits))),
  );
}

export class CustomersStore {
  customers = $state.raw<CustomerView[]>([]);
  requests = $state.raw<LinkRequestView[]>([]);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);
  query = $state("");
  /** Bumped whenever the records may have changed (a record page reloads its trail). */
  version = $state(0);

  visible = $derived(filterCustomers(this.customers, this.query));

  #timer: ReturnType<typeof setTimeout> | null = null;

  async load(): Promise<void> {
    if (this.status !== "ready") this.status = "loading";
    try {
      const [customers, requests] = await Promise.all([api.listCustomers(), api.linkRequests()]);
      this.customers = customers;
      this.requests = requests;
      this.status = "ready";
      this.error = null;
      this.version++;
    } catch (error) {
      this.error = api.toApiError(error);
      this.status = "error";
    }
  }

  /** The record linked to a contact, if loaded. */
  linkedTo(waId: string): CustomerView | undefined {
    return this.customers.find((c) => c.wa_id === waId);
  }

  upsert(record: CustomerView): void {
    const rest = this.customers.filter((c) => c.id !== record.id);
    this.customers = [...rest, record].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    this.version++;
  }

  connect(): Unsubscribe {
    const soon = (): void => {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.#timer = null;
        void this.load();
      }, 250);
    };
    const stop = api.onEvents({ "message://received": soon, "app://resync": soon });
    return () => {
      stop();
      if (this.#timer) clearTimeout(this.#timer);
    };
  }
}
