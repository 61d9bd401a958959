import { describe, expect, test } from "vitest";
import { TEMPLATES } from "../test/fakeBackend";
import { bodyParts, sendableTemplates, templateKey } from "./templates";

describe("templates", () => {
  test("only approved templates can be sent", () => {
    expect(sendableTemplates(TEMPLATES).map(templateKey)).toEqual(["order_ready:en_US", "hello_world:en_US"]);
  });

  test("bodyParts marks the parameters", () => {
    expect(bodyParts("Hi {{1}}!", ["1"], ["Ana"])).toEqual([
      { text: "Hi ", parameter: null, empty: false },
      { text: "Ana", parameter: "1", empty: false },
      { text: "!", parameter: null, empty: false },
    ]);
  });

  test("a parameter not filled in yet shows the template's example, never {{1}}", () => {
    const body = "Hi {{1}}, your order {{ 2 }} is ready. {{date}}";
    const parts = bodyParts(body, ["1", "2", "date"], ["Ana", " ", ""], ["Ben", "#1042", ""]);
    expect(parts.map((p) => p.text).join("")).toBe("Hi Ana, your order #1042 is ready. …");
    expect(parts.filter((p) => p.empty).map((p) => p.parameter)).toEqual(["2", "date"]);
  });
});
