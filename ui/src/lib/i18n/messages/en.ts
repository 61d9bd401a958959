// The app's words in English: the catalogue every other language must match key for key
// (ICU MessageFormat: `{name}`, `{count, plural, one {# file} other {# files}}`).
import { broadcastsEn } from "./broadcasts.en";
import { consentEn } from "./consent.en";
import { diskEn } from "./disk.en";
import { templatesEn } from "./templates.en";
import { chatEn } from "./chat.en";
import { chatbarEn } from "./chatbar.en";
import { documentsEn } from "./documents.en";
import { statsEn } from "./stats.en";
import { shopEn } from "./shop.en";
import { contactsEn } from "./contacts.en";
import { customersEn } from "./customers.en";
import { automationsEn } from "./automations.en";
import { setupEn } from "./setup.en";

export const en = {
  ...broadcastsEn,
  ...consentEn,
  ...diskEn,
  ...templatesEn,
  ...chatEn,
  ...chatbarEn,
  "language.label": "Language",
  "language.system": "As the system",
  "nav.sections": "Sections",
  "nav.chats": "Chats",
  "nav.documents": "Documents",
  "nav.customers": "Customers",
  "nav.templates": "Templates",
  "nav.statistics": "Statistics",
  "nav.with_badge": "{section}: {count} waiting",
  "nav.statistics_hint": "Choose the days on the right; each figure exports as CSV.",
  "tools.automations": "Automations",
  "tools.automations_hint": "Automations: the bot, business hours, greeting, away, keywords",
  "tools.shop": "Shop and documents settings",
  "tools.whatsapp": "WhatsApp settings",
  "common.close": "Close",
  "common.close_esc": "Close (Esc)",
  "chats.search_hint": "Search (Ctrl+K, or / outside a text box)",
  "media.kinds_image": "Photos",
  "media.kinds_video": "Videos",
  "media.kinds_audio": "Audio files",
  "media.kinds_document": "Documents",
  "media.kinds_sticker": "Stickers",
  "media.empty": "This file is empty.",
  "media.wrong_type": "{kinds} must be {types}; this file is {type, select, none {of another kind} other {{type}}}.",
  "media.too_big": "{kinds} can be at most {max}; this file is {size}.",
  "media.unsupported":
    "WhatsApp does not take {type, select, none {this kind of file} other {{type} files}}. It takes photos, videos, audio, PDF and Office documents (Word, Excel, PowerPoint) and plain text, up to {max}.",
  "diagnostics.copy_fallback": "This window cannot use the clipboard: the report is below, selected. Copy it with Ctrl+C.",
  "diagnostics.report_label": "The diagnostics report",
  "diagnostics.failed_on_screen": "Failed on screen",
  "diagnostics.failed_on_screen_count":
    "{count, plural, =0 {None} one {# message} other {# messages}} in the chat with {name}",
  "diagnostics.failed_on_screen_hint": "Counted from the messages loaded in the open chat; the outbox line counts sends refused in 24 hours.",
  "diagnostics.failed_no_chat": "No chat is open",
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
  "template.title": "Send a template",
  "template.sync": "Sync",
  "template.syncing": "Syncing templates",
  "template.loading": "Loading templates…",
  "template.none": "No approved templates yet. Create one in WhatsApp Manager; once Meta approves it, press Sync.",
  "template.which": "Template",
  "template.not_here": "cannot be sent from Shopchat",
  "template.unsendable": "This template cannot be sent from Shopchat: {reason}.",
  "template.field_header": "Title at the top",
  "template.field_value": "Value {n}",
  "template.field_url": "End of the link of “{button}”",
  "template.field_coupon": "Coupon code to copy",
  "template.field_passcode": "One-time passcode",
  "template.example": "e.g. {example}",
  "template.header_image": "The photo at the top",
  "template.header_video": "The video at the top",
  "template.header_document": "The document at the top",
  "template.generated": "A generated document",
  "template.from_computer": "A file from this computer…",
  "template.header_file": "The file at the top",
  "template.preview": "What the customer will read",
  "template.choose_header": "Choose the file for the top of the message to send it.",
  "template.fill_in": "Fill in: {fields}.",
  "template.send": "Send template",
  "template.sending": "Sending…",
  "failed.not_sent": "Not sent: {reason}",
  "failed.retry": "Retry",
  "failed.delete": "Delete",
  ...statsEn,
  ...documentsEn,
  ...shopEn,
  ...contactsEn,
  ...customersEn,
  ...automationsEn,
  ...setupEn,
} as const;

export type MessageKey = keyof typeof en;
