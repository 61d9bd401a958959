// The customers side of the fake backend: records, link requests, codes, the trail and the
// bot's settings, with working add / update / import / code / approve / unlink.
import type { AuditEntry } from "../bindings/AuditEntry";
import type { BotConfig } from "../bindings/BotConfig";
import type { CustomerInput } from "../bindings/CustomerInput";
import type { CustomerView } from "../bindings/CustomerView";
import type { LinkRequestView } from "../bindings/LinkRequestView";
import type { Handler } from "./fakeBackend";

export function customer(fields: Partial<CustomerView> = {}): CustomerView {
  return {
    id: 1,
    name: "Ana Lima",
    ref: "C-0001",
    email: null,
    phone: null,
    notes: null,
    wa_id: null,
    linked_at: null,
    contact_name: null,
    created_at: 0,
    ...fields,
  };
}

export const BOT: BotConfig = {
  enabled: true,
  texts: {},
  hours: { time_zone: "", week: [["09:00-18:00"], ["09:00-18:00"], ["09:00-18:00"], ["09:00-18:00"], ["09:00-18:00"], [], []], holidays: [] },
  greeting: false,
  away: false,
  keywords: [],
  rate_limit_minutes: 3,
  takeover_minutes: 30,
  stale_minutes: 60,
};

export interface FakeCustomers {
  customers: CustomerView[];
  requests: LinkRequestView[];
  trail: AuditEntry[];
  bot: BotConfig;
  handlers: Record<string, Handler>;
}

export function fakeCustomers(customers: CustomerView[] = [], requests: LinkRequestView[] = []): FakeCustomers {
  const state: FakeCustomers = { customers, requests, trail: [], bot: structuredClone(BOT), handlers: {} };
  let nextId = 50;
  const find = (key: unknown): CustomerView => {
    const c = state.customers.find((x) => String(x.id) === String(key) || x.ref === key);
    if (!c) throw { code: "not_found", message: `there is no customer "${String(key)}"` };
    return c;
  };
  const check = (input: CustomerInput): void => {
    if (!input.name.trim()) throw { code: "invalid_input", message: "a customer needs a name of 1 to 200 characters" };
  };
  state.handlers = {
    list_customers: () => state.customers.slice(),
    link_requests: () => state.requests.slice(),
    show_customer: (args) => find(args.customer),
    customer_of_contact: (args) => state.customers.find((c) => c.wa_id === args.contact) ?? null,
    add_customer: (args) => {
      const input = args.input as CustomerInput;
      check(input);
      const c = customer({ ...input, id: nextId++ });
      state.customers.push(c);
      return c;
    },
    update_customer: (args) => {
      const input = args.input as CustomerInput;
      check(input);
      const c = find(args.id);
      Object.assign(c, input);
      return { ...c };
    },
    import_customers: () => ({ added: 2, refused: [{ line: 3, reason: "a customer needs a name of 1 to 200 characters" }] }),
    link_code: (args) => {
      find(args.customer);
      return { code: "7K3M9QRT2X", expires_at: Date.now() + 15 * 60_000, wa_me_url: "https://wa.me/15550100000?text=LINK%207K3M9QRT2X", qr_svg: "<svg xmlns='http://www.w3.org/2000/svg'/>" };
    },
    unlink_customer: (args) => {
      const c = find(args.customer);
      c.wa_id = null;
      c.linked_at = null;
      return { ...c };
    },
    approve_link_request: (args) => {
      const r = state.requests.find((x) => x.id === args.request);
      const c = find(args.customer);
      c.wa_id = r?.wa_id ?? null;
      c.linked_at = Date.now();
      state.requests = state.requests.filter((x) => x.id !== args.request);
      return { ...c };
    },
    dismiss_link_request: (args) => {
      state.requests = state.requests.filter((x) => x.id !== args.request);
      return null;
    },
    link_audit: () => state.trail.slice(),
    bot_config: () => structuredClone(state.bot),
    save_bot_config: (args) => {
      const c = args.config as BotConfig;
      if (c.hours.week.some((d) => d.some((s) => !/^\d\d:\d\d-\d\d:\d\d$/.test(s)))) {
        throw { code: "invalid_input", message: 'day 1: "9-5" is not a span like 09:00-13:30' };
      }
      state.bot = c;
      return c;
    },
    try_bot: (args) =>
      String(args.text).trim().toLowerCase() === "hola"
        ? { by: "command", rule: "the command start", reply: "¡Hola! Soy el asistente de la tienda." }
        : { by: "nothing", rule: "nothing: the owner answers", reply: null },
  };
  return state;
}
