// The app's language: English or Spanish, following the system until the owner chooses one
// (kept on this computer). `t` gives a catalogue's text with ICU MessageFormat (FormatJS's
// `@formatjs/intl`: plurals, numbers, dates) and re-renders whatever read it when the language
// changes. Catalogues: `messages/en.ts` (the reference) and `messages/es.ts` (same keys, by type).
import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
import { en, type MessageKey } from "./messages/en";
import { es } from "./messages/es";

export type Lang = "en" | "es";
export type { MessageKey };

export const LANGS: readonly Lang[] = ["en", "es"];
export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, es };
const STORAGE_KEY = "shopchat.language";

/** The first of the system's languages that the app speaks, English otherwise. */
export function systemLang(languages: readonly string[] = navigatorLanguages()): Lang {
  for (const tag of languages) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === "en" || base === "es") return base;
  }
  return "en";
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

function savedChoice(): Lang | null {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return saved === "en" || saved === "es" ? saved : null;
  } catch {
    return null;
  }
}

const cache = createIntlCache();
const intls = new Map<Lang, IntlShape<string>>();

function intlFor(lang: Lang): IntlShape<string> {
  let intl = intls.get(lang);
  if (!intl) {
    intl = createIntl({ locale: lang, messages: CATALOGUES[lang], onError: reportMissing }, cache);
    intls.set(lang, intl);
  }
  return intl;
}

function reportMissing(error: { code?: string; message: string }): void {
  // A missing key is a bug the catalogue test catches; never show a stack to the owner.
  console.warn(`i18n: ${error.message}`);
}

let chosen = $state<Lang | null>(savedChoice());
let system = $state<Lang>(systemLang());

/** The language the app speaks now, and the owner's choice (null: as the system). */
export const i18n = {
  get lang(): Lang {
    return chosen ?? system;
  },
  get choice(): Lang | null {
    return chosen;
  },
  /** The owner's choice, kept on this computer; null follows the system again. */
  choose(lang: Lang | null): void {
    chosen = lang;
    try {
      if (lang) globalThis.localStorage?.setItem(STORAGE_KEY, lang);
      else globalThis.localStorage?.removeItem(STORAGE_KEY);
    } catch {
      // Storage refused (a locked-down profile): the choice lasts until the app closes.
    }
    if (typeof document !== "undefined") document.documentElement.lang = i18n.lang;
  },
  /** For tests: the system's languages changed. */
  setSystem(languages: readonly string[]): void {
    system = systemLang(languages);
  },
};

/** The text of `key` in the app's language, with `values` filled in. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return intlFor(i18n.lang).formatMessage({ id: key }, values) as string;
}

/** A number as the app's language writes it (`1,234.5` / `1234,5`). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return intlFor(i18n.lang).formatNumber(value, options);
}

/** A date (unix seconds) as the app's language writes it. */
export function formatDate(unixSeconds: number, options?: Intl.DateTimeFormatOptions): string {
  return intlFor(i18n.lang).formatDate(unixSeconds * 1000, options);
}
