import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { afterEach, describe, expect, test } from "vitest";
import { CATALOGUES, i18n, LANGS, systemLang, t } from "./index.svelte";

/** Every argument a message takes (`{name}`, `{count, plural, ...}`), nested ones included. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    found.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

afterEach(() => i18n.choose(null));

describe("the catalogues", () => {
  test("every language has every key, and no other", () => {
    const reference = Object.keys(CATALOGUES.en).sort();
    for (const lang of LANGS) {
      expect(Object.keys(CATALOGUES[lang]).sort(), lang).toEqual(reference);
      for (const [key, text] of Object.entries(CATALOGUES[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe("");
      }
    }
  });

  test("every message parses and takes the same arguments in every language", () => {
    for (const [key, english] of Object.entries(CATALOGUES.en)) {
      const expected = [...argumentsOf(parse(english))].sort();
      for (const lang of LANGS) {
        const text = CATALOGUES[lang][key as keyof typeof CATALOGUES.en];
        expect([...argumentsOf(parse(text))].sort(), `${lang} ${key}`).toEqual(expected);
      }
    }
  });
});

describe("the language", () => {
  test("follows the system, English when it speaks neither", () => {
    expect(systemLang(["es-MX", "en-US"])).toBe("es");
    expect(systemLang(["fr-FR", "en-GB"])).toBe("en");
    expect(systemLang(["de"])).toBe("en");
    expect(systemLang(["es_ES.UTF-8"])).toBe("es");
  });

  test("the owner's choice wins, is kept, and can go back to the system's", () => {
    i18n.setSystem(["en-US"]);
    expect(t("nav.customers")).toBe("Customers");
    i18n.choose("es");
    expect(t("nav.customers")).toBe("Clientes");
    expect(localStorage.getItem("shopchat.language")).toBe("es");
    expect(document.documentElement.lang).toBe("es");
    i18n.choose(null);
    expect(localStorage.getItem("shopchat.language")).toBeNull();
    expect(i18n.lang).toBe("en");
  });

  test("plurals and values are filled in per language", () => {
    const values = { conversations: 1, messages: 0, files: 2, path: "/x.zip" };
    expect(t("export.saved", values)).toBe("Saved 1 conversation, 2 files to /x.zip.");
    i18n.choose("es");
    expect(t("export.saved", { ...values, conversations: 3, messages: 1 })).toBe(
      "3 conversaciones guardadas, 1 mensaje, 2 archivos en /x.zip.",
    );
  });
});
