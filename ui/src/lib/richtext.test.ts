import { describe, expect, test } from "vitest";
import { richText } from "./richtext";

describe("richText", () => {
  test("WhatsApp's formatting becomes flags, the markers go", () => {
    expect(richText("*Sale* _today_ ~not~ ```code```")).toEqual([
      { text: "Sale", bold: true },
      { text: " " },
      { text: "today", italic: true },
      { text: " " },
      { text: "not", strike: true },
      { text: " " },
      { text: "code", mono: true },
    ]);
    expect(richText("*bold _and italic_*")).toEqual([
      { text: "bold ", bold: true },
      { text: "and italic", bold: true, italic: true },
    ]);
  });

  test("markers that are not formatting stay as typed", () => {
    for (const s of ["2*3*4", "a * b * c", "snake_case_name", "*", "** ", "~ ~"]) {
      expect(richText(s)).toEqual([{ text: s }]);
    }
  });

  test("links are found, without trailing punctuation; www gets https", () => {
    expect(richText("See https://shop.example/mugs?id=3. Or www.example.org!")).toEqual([
      { text: "See " },
      { text: "https://shop.example/mugs?id=3", href: "https://shop.example/mugs?id=3" },
      { text: ". Or " },
      { text: "www.example.org", href: "https://www.example.org" },
      { text: "!" },
    ]);
    expect(richText("javascript:alert(1) file:///etc/passwd")).toEqual([{ text: "javascript:alert(1) file:///etc/passwd" }]);
  });

  test("hostile text stays text", () => {
    const hostile = '<img src=x onerror=alert(1)> *<b>hi</b>*';
    const segments = richText(hostile);
    expect(segments.map((s) => s.text).join("")).toBe('<img src=x onerror=alert(1)> <b>hi</b>');
  });
});
