import { describe, expect, test } from "vitest";
import { fakeBackend, settle, type Args } from "../../test/fakeBackend";
import { message } from "../../test/fixtures";
import { highlight, MessageSearch } from "./search.svelte";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("MessageSearch", () => {
  test("searches after a pause, once for a burst of keystrokes, keeping the latest answer", async () => {
    const backend = fakeBackend({
      search_messages: (args: Args) => [
        { message: message({ id: 7, text: `found ${args.query as string}` }), contact_name: "Ana" },
      ],
    });
    const search = new MessageSearch({ debounceMs: 20 });
    for (const q of ["s", "sc", "sca", "scar", "scarf"]) search.update(q);
    expect(search.status).toBe("loading");
    await wait(40);
    await settle();
    expect(backend.callsTo("search_messages")).toEqual([{ query: "scarf", limit: 30 }]);
    expect(search.status).toBe("ready");
    expect(search.answered).toBe("scarf");
    expect(search.hits[0]?.message.text).toBe("found scarf");
    search.dispose();
  });

  test("a query under two characters clears the hits without asking", async () => {
    const backend = fakeBackend({ search_messages: () => [] });
    const search = new MessageSearch({ debounceMs: 10 });
    search.update(" a ");
    await wait(30);
    expect(backend.callsTo("search_messages")).toHaveLength(0);
    expect(search.status).toBe("idle");
    expect(search.hits).toEqual([]);
  });

  test("an error is kept for the owner to see", async () => {
    fakeBackend({
      search_messages: () => {
        throw { code: "storage", message: "the database is busy" };
      },
    });
    const search = new MessageSearch({ debounceMs: 5 });
    search.update("mugs");
    await wait(20);
    await settle();
    expect(search.status).toBe("error");
    expect(search.error?.message).toBe("the database is busy");
  });
});

describe("highlight", () => {
  test("marks the words that start with a query word, accents and case aside", () => {
    expect(highlight("Do you have the blue Café mugs?", "CAFE mu")).toEqual([
      { text: "Do you have the blue ", match: false },
      { text: "Café", match: true },
      { text: " ", match: false },
      { text: "mugs", match: true },
      { text: "?", match: false },
    ]);
    expect(highlight("nothing here", "")).toEqual([{ text: "nothing here", match: false }]);
    expect(highlight("<b>not html</b>", "b")[1]).toEqual({ text: "b", match: true });
  });
});
