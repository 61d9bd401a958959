// Las palabras de alta / baja del panel del contacto en español (las mismas claves que
// `consent.en.ts`).
import type { consentEn } from "./consent.en";

export const consentEs: Record<keyof typeof consentEn, string> = {
  "consent.title": "Alta / baja de difusiones",
  "consent.in": "Recibe las difusiones de la tienda.",
  "consent.out":
    "Se dio de baja de las difusiones el {date}: {how, select, keyword {pidió no recibirlas (BAJA, STOP…)} meta {WhatsApp rechazó un mensaje de marketing para este contacto} owner {lo marcaste tú} other {registrado}}.",
  "consent.hint": "Quien se dio de baja queda fuera de las difusiones de marketing; puede seguir escribiéndote y puedes responderle.",
  "consent.opt_out": "Dar de baja de las difusiones",
  "consent.opt_in": "Volver a dar de alta",
};
