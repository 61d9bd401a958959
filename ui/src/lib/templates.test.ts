import { describe, expect, test } from "vitest";
import { TEMPLATES } from "../test/fakeBackend";
import { bodyParts, fillTemplate, sendableTemplates, templateKey } from "./templates";

describe("templates", () => {
  test("only approved templates can be sent", () => {
    expect(sendableTemplates(TEMPLATES).map(templateKey)).toEqual(["order_ready:en_US", "hello_world:en_US"]);
  });

  test("values fill the placeholders; empty ones stay as placeholders", () => {
    const body = "Hi {{1}}, your order {{2}} is ready.";
    expect(fillTemplate(body, ["1", "2"], ["Ana", "#12"])).toBe("Hi Ana, your order #12 is ready.");
    expect(fillTemplate(body, ["1", "2"], ["Ana", " "])).toBe("Hi Ana, your order {{2}} is ready.");
    expect(fillTemplate("Sale starts {{ date }}!", ["date"], ["Monday"])).toBe("Sale starts Monday!");
  });

  test("bodyParts marks the parameters", () => {
    expect(bodyParts("Hi {{1}}!", ["1"], ["Ana"])).toEqual([
      { text: "Hi ", parameter: null },
      { text: "Ana", parameter: "1" },
      { text: "!", parameter: null },
    ]);
  });
});
