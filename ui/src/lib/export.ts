// The export and import commands: each asks the OS where (a save or open dialog) and answers
// null when the owner cancelled.
import { call } from "../api";
import type { ContactImport } from "../bindings/ContactImport";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ExportSummary } from "../bindings/ExportSummary";

/** One conversation (`contact`) or all of them, where the owner chooses. */
export function exportChats(contact: string | null, format: ExportFormat, lang = "en"): Promise<ExportSummary | null> {
  return call<ExportSummary | null>("export_chats", { contact, format, lang });
}

/** Every contact as CSV or vCard, where the owner chooses. */
export function exportContacts(vcard: boolean): Promise<ExportSummary | null> {
  return call<ExportSummary | null>("export_contacts", { vcard });
}

/** Contacts from a CSV file the owner picks. */
export function importContacts(country: string | null): Promise<ContactImport | null> {
  return call<ContactImport | null>("import_contacts", { country });
}
