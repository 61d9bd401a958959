// The chats' catalogue files are spread into `en.ts` / `es.ts` with the others: a key another file
// also defines would silently win or lose. Every chats' word must reach the app as written.
import { expect, test } from "vitest";
import { chatEn } from "./messages/chat.en";
import { chatEs } from "./messages/chat.es";
import { chatbarEn } from "./messages/chatbar.en";
import { chatbarEs } from "./messages/chatbar.es";
import { CATALOGUES } from "./index.svelte";

test("the chats' words are the app's, in both languages, and no other catalogue overrides them", () => {
  const parts = [
    [chatEn, chatEs],
    [chatbarEn, chatbarEs],
  ] as const;
  const seen = new Set<string>();
  for (const [en, es] of parts) {
    for (const [key, text] of Object.entries(en)) {
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(CATALOGUES.en[key as keyof typeof CATALOGUES.en], key).toBe(text);
      expect(CATALOGUES.es[key as keyof typeof CATALOGUES.es], key).toBe(es[key as keyof typeof es]);
    }
  }
});
