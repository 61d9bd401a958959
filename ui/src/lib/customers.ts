// Customers in the app: the audit trail in words. Whatever a customer wrote stays data here
// (Svelte escapes it where it is shown).
import type { AuditEntry } from "../bindings/AuditEntry";
import { formatPhone } from "./format";
import { t, type MessageKey } from "./i18n/index.svelte";

const EVENTS: Record<string, MessageKey> = {
  created: "customers.event_created",
  requested: "customers.event_requested",
  code_issued: "customers.event_code_issued",
  linked: "customers.event_linked",
  failed_attempt: "customers.event_failed_attempt",
  locked: "customers.event_locked",
  approved: "customers.event_approved",
  unlinked: "customers.event_unlinked",
};

const ACTORS: Record<string, MessageKey> = {
  owner: "customers.actor_owner",
  cli: "customers.actor_cli",
  customer: "customers.actor_customer",
  bot: "customers.actor_bot",
};

const words = (key: MessageKey | undefined, raw: string): string => (key ? t(key) : raw);

/** "linked +34 600 111 222 from the chat" ("vinculado +34 600 111 222 desde el chat"). */
export function auditWords(e: AuditEntry): string {
  const what = words(EVENTS[e.event], e.event);
  const number = e.wa_id ? ` ${formatPhone(e.wa_id)}` : "";
  const who = words(ACTORS[e.actor], e.actor);
  const record = e.customer_name ? ` — ${e.customer_name}` : "";
  return `${what}${number} ${who}${record}${e.detail ? ` (${e.detail})` : ""}`;
}
