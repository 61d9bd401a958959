// The app's words in English: the catalogue every other language must match key for key
// (ICU MessageFormat: `{name}`, `{count, plural, one {# file} other {# files}}`).
import { broadcastsEn } from "./broadcasts.en";

export const en = {
  ...broadcastsEn,
  "language.label": "Language",
  "language.system": "As the system",
  "nav.sections": "Sections",
  "nav.chats": "Chats",
  "nav.documents": "Documents",
  "nav.customers": "Customers",
  "common.close": "Close",
  "common.close_esc": "Close (Esc)",
  "export.open": "Export and import",
  "export.open_hint": "Export conversations and contacts, import contacts",
  "export.title_all": "Export and import",
  "export.title_one": "Export this conversation",
  "export.conversation_button": "Export this conversation",
  "export.conversations": "Conversations",
  "export.which": "Which conversations",
  "export.only_with": "Only with {name}",
  "export.all": "All conversations",
  "export.as": "As",
  "export.format_html": "Readable transcript",
  "export.format_html_hint": "Web pages with the photos and files, in one .zip",
  "export.format_csv": "Spreadsheet",
  "export.format_csv_hint": "A .csv file, one row per message",
  "export.format_json": "Data for other programs",
  "export.format_json_hint": "A .json file with every detail",
  "export.transcript_lang": "Words of the transcript in",
  "export.export": "Export…",
  "export.exporting": "Exporting",
  "export.contacts": "Contacts",
  "export.contacts_csv": "Export as spreadsheet (.csv)…",
  "export.contacts_vcard": "Export as vCard (.vcf)…",
  "export.import_hint":
    "Import a spreadsheet saved as CSV with a phone column (and optionally name). Numbers without a country code are read as numbers of:",
  "export.country_label": "Country for numbers without a country code (two letters, such as MX or ES)",
  "export.import": "Import contacts…",
  "export.importing": "Importing",
  "export.saved":
    "Saved {conversations, plural, one {# conversation} other {# conversations}}{messages, plural, =0 {} one {, # message} other {, # messages}}{files, plural, =0 {} one {, # file} other {, # files}} to {path}.",
  "export.imported":
    "{added, plural, one {# contact added} other {# contacts added}}, {updated} named, {unchanged} already known.",
  "export.refused_row": "Line {line}: “{value}” was not taken: {reason}.",
  "export.duplicate_row": "Line {line} repeats line {first} (+{wa_id}).",
} as const;

export type MessageKey = keyof typeof en;
