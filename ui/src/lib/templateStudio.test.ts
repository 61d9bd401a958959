import { afterEach, describe, expect, test } from "vitest";
import { i18n } from "./i18n/index.svelte";
import {
  canEdit,
  cleanDraft,
  copyName,
  emptyDraft,
  examplesFor,
  fieldRoot,
  fillExamples,
  groupTemplates,
  knownField,
  placeholderNames,
  problemText,
  quality,
  statusKey,
} from "./templateStudio";
import { template } from "../test/fakeBackend";

afterEach(() => i18n.choose(null));

describe("the templates studio's rules", () => {
  test("parameters are read as the engine reads them, examples kept by name and filled in", () => {
    expect(placeholderNames("Hi {{1}}, order {{ 2 }} for {{1}}; {{unclosed")).toEqual(["1", "2"]);
    expect(placeholderNames("{{first_name}} and {{code}}")).toEqual(["first_name", "code"]);
    const remembered = new Map([["1", "Ana"], ["2", "#12"]]);
    expect(examplesFor(["2", "3"], remembered)).toEqual(["#12", ""]);
    expect(fillExamples("Hi {{1}}, order {{2}}.", ["1", "2"], ["Ana", " "])).toBe("Hi Ana, order {{2}}.");
    expect(fillExamples("Hi {{ name }}!", ["name"], ["Ana"])).toBe("Hi Ana!");
  });

  test("a draft goes to the engine without blank optional texts", () => {
    const draft = {
      ...emptyDraft("en"),
      name: " sale ",
      header: { kind: "text" as const, text: "Hi {{1}}", example: "" },
      footer: "",
      buttons: [{ kind: "url" as const, text: "Go", url: "https://x.example", example: "" }],
    };
    expect(cleanDraft(draft)).toMatchObject({
      name: "sale",
      header: { kind: "text", text: "Hi {{1}}", example: null },
      footer: null,
      buttons: [{ kind: "url", text: "Go", url: "https://x.example", example: null }],
    });
  });

  test("fields: where each problem is shown, and in which language", () => {
    const draft = { ...emptyDraft("en"), body: "Hi {{name}}, see you.", buttons: [{ kind: "quick_reply" as const, text: "" }] };
    expect(fieldRoot("buttons[0].text")).toBe("buttons");
    expect(fieldRoot("body.examples[0]")).toBe("body");
    expect(knownField("body.examples[0]", draft)).toBe(true);
    expect(knownField("body.examples[1]", draft)).toBe(false);
    expect(knownField("buttons[0].text", draft)).toBe(true);
    expect(knownField("buttons[1].text", draft)).toBe(false);
    expect(knownField("header.format", draft)).toBe(false);
    const missing = { field: "body.examples[0]", code: "example_missing", message: "Give an example for {{name}}." };
    expect(problemText(missing, draft)).toBe("Give an example for {{name}}.");
    i18n.choose("es");
    expect(problemText(missing, draft)).toBe("Da un ejemplo para {{name}}.");
    expect(problemText({ field: "body", code: "param_at_end", message: "x" }, draft)).toContain("no puede terminar con un parámetro");
    // A code the catalogue does not know keeps the engine's words.
    expect(problemText({ field: "body", code: "brand_new_rule", message: "Meta says no." }, draft)).toBe("Meta says no.");
  });

  test("status, quality, editing, grouping and copies", () => {
    expect(statusKey("APPROVED")).toBe("templates.status_approved");
    expect(statusKey("LIMIT_EXCEEDED")).toBeNull();
    expect(quality("YELLOW")).toEqual({ tone: "wait", key: "templates.quality_medium" });
    expect(quality(null).tone).toBe("off");
    expect(["APPROVED", "REJECTED", "PAUSED", "PENDING", "DISABLED"].map(canEdit)).toEqual([true, true, true, false, false]);
    const groups = groupTemplates([
      template({ name: "b", body: "x", language: "es" }),
      template({ name: "a", body: "x" }),
      template({ name: "b", body: "x", language: "en" }),
    ]);
    expect(groups.map((g) => [g.name, g.languages.map((l) => l.language)])).toEqual([
      ["a", ["en_US"]],
      ["b", ["en", "es"]],
    ]);
    expect(copyName("sale", ["sale"])).toBe("sale_copy");
    expect(copyName("sale", ["sale", "sale_copy", "sale_copy_2"])).toBe("sale_copy_3");
    expect(copyName("sale_copy", ["sale", "sale_copy"])).toBe("sale_copy_2");
  });
});
