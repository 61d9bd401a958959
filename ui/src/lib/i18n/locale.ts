// The locale dates and numbers are written in: the system's own (es-MX, en-GB…) when it speaks
// the app's language, else the app's language itself, so a date never mixes two languages.
import { i18n } from "./index.svelte";

function systemLocale(): string | undefined {
  if (typeof navigator === "undefined") return undefined;
  return navigator.languages?.[0] ?? navigator.language;
}

/** The explicit `locale` (tests pass one), else the app's locale. */
export function appLocale(locale?: string): string {
  if (locale) return locale;
  const system = systemLocale();
  if (system) {
    const base = system.toLowerCase().split(/[-_]/)[0];
    if (base === i18n.lang) {
      try {
        return Intl.getCanonicalLocales(system.replace(/_/g, "-").split(".")[0] ?? system)[0] ?? i18n.lang;
      } catch {
        return i18n.lang;
      }
    }
  }
  return i18n.lang;
}
