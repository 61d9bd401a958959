// Customers in the app: the audit trail in words. Whatever a customer wrote stays data here
// (Svelte escapes it where it is shown).
import type { AuditEntry } from "../bindings/AuditEntry";
import { formatPhone } from "./format";

const EVENTS: Record<string, string> = {
  created: "record added",
  requested: "asked to be linked",
  code_issued: "a one-time code was issued",
  linked: "linked",
  failed_attempt: "a code that did not work",
  locked: "locked out of linking for an hour",
  approved: "linked by the owner's approval",
  unlinked: "unlinked",
};

const ACTORS: Record<string, string> = {
  owner: "by the owner",
  cli: "from the command line",
  customer: "from the chat",
  bot: "by the bot",
};

/** "linked +34 600 111 222 from the chat". */
export function auditWords(e: AuditEntry): string {
  const what = EVENTS[e.event] ?? e.event;
  const number = e.wa_id ? ` ${formatPhone(e.wa_id)}` : "";
  const who = ACTORS[e.actor] ?? e.actor;
  const record = e.customer_name ? ` — ${e.customer_name}` : "";
  return `${what}${number} ${who}${record}${e.detail ? ` (${e.detail})` : ""}`;
}
