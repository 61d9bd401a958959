// Las palabras del disco en español: las mismas claves que `disk.en.ts`.
import type { diskEn } from "./disk.en";

export const diskEs: Record<keyof typeof diskEn, string> = {
  "disk.held_disk_space":
    "No se descargó: el disco está casi lleno. Libera espacio o descárgalo de todos modos.",
  "disk.held_daily_budget":
    "No se descargó: este cliente envió hoy más archivos de los que permite el límite diario. Descárgalo de todos modos si lo esperas.",
  "disk.held_size": "Archivo de {size}.",
  "disk.download_anyway": "Descargar de todos modos",
  "disk.downloading_anyway": "Empezando…",
  "disk.diagnostics_disk": "Disco",
  "disk.diagnostics_free": "{free} libres",
  "disk.diagnostics_free_unknown": "Espacio libre desconocido",
  "disk.diagnostics_floor":
    "Los archivos que envían los clientes se retienen con menos de {floor} libres, y pasados {budget} por cliente al día.",
  "disk.diagnostics_spool": "Webhooks pendientes",
  "disk.diagnostics_spool_value":
    "{records, plural, =0 {Nada en espera} one {# webhook en espera} other {# webhooks en espera}} ({bytes} de {cap})",
  "disk.diagnostics_spool_hint":
    "Webhooks en el disco que aún no están en la base de datos; pasado el límite se pide a Meta que los reenvíe más tarde.",
};
