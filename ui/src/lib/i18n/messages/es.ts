// Las palabras de la app en español: las mismas claves que `en.ts` (el tipo lo exige).
import { broadcastsEs } from "./broadcasts.es";
import type { MessageKey } from "./en";

export const es: Record<MessageKey, string> = {
  ...broadcastsEs,
  "language.label": "Idioma",
  "language.system": "Como el sistema",
  "nav.sections": "Secciones",
  "nav.chats": "Chats",
  "nav.documents": "Documentos",
  "nav.customers": "Clientes",
  "common.close": "Cerrar",
  "common.close_esc": "Cerrar (Esc)",
  "export.open": "Exportar e importar",
  "export.open_hint": "Exportar conversaciones y contactos, importar contactos",
  "export.title_all": "Exportar e importar",
  "export.title_one": "Exportar esta conversación",
  "export.conversation_button": "Exportar esta conversación",
  "export.conversations": "Conversaciones",
  "export.which": "Qué conversaciones",
  "export.only_with": "Solo con {name}",
  "export.all": "Todas las conversaciones",
  "export.as": "Como",
  "export.format_html": "Transcripción legible",
  "export.format_html_hint": "Páginas web con las fotos y los archivos, en un .zip",
  "export.format_csv": "Hoja de cálculo",
  "export.format_csv_hint": "Un archivo .csv, una fila por mensaje",
  "export.format_json": "Datos para otros programas",
  "export.format_json_hint": "Un archivo .json con todos los detalles",
  "export.transcript_lang": "Palabras de la transcripción en",
  "export.export": "Exportar…",
  "export.exporting": "Exportando",
  "export.contacts": "Contactos",
  "export.contacts_csv": "Exportar como hoja de cálculo (.csv)…",
  "export.contacts_vcard": "Exportar como vCard (.vcf)…",
  "export.import_hint":
    "Importa una hoja de cálculo guardada como CSV con una columna de teléfono (y, si quieres, de nombre). Los números sin código de país se leen como números de:",
  "export.country_label": "País de los números sin código de país (dos letras, como MX o ES)",
  "export.import": "Importar contactos…",
  "export.importing": "Importando",
  "export.saved":
    "{conversations, plural, one {# conversación guardada} other {# conversaciones guardadas}}{messages, plural, =0 {} one {, # mensaje} other {, # mensajes}}{files, plural, =0 {} one {, # archivo} other {, # archivos}} en {path}.",
  "export.imported":
    "{added, plural, one {# contacto añadido} other {# contactos añadidos}}, {updated} con nombre, {unchanged} ya conocidos.",
  "export.refused_row": "Línea {line}: «{value}» no se tomó: {reason}.",
  "export.duplicate_row": "La línea {line} repite la línea {first} (+{wa_id}).",
};
