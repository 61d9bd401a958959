import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import type { TemplateView } from "../../bindings/TemplateView";
import { fakeBackend, settle, template } from "../../test/fakeBackend";
import { i18n } from "../i18n/index.svelte";
import TemplatePicker from "./TemplatePicker.svelte";

// The sandbox's templates, as the engine describes them (issue 21: each one sendable or
// explained before the owner starts filling it).
const ORDER_READY = template({
  name: "order_ready",
  header_text: "Order {{1}}",
  header_format: "TEXT",
  body: "Hi {{1}}, your order {{2}} is ready for pick-up.",
  footer: "Shopchat Sandbox Shop",
  buttons: ["I'm on my way", "Deliver instead"],
  parameters: ["header", "1", "2"],
  fields: [
    { name: "header", kind: "header", example: "#1042", button: null },
    { name: "1", kind: "body", example: "Ana", button: null },
    { name: "2", kind: "body", example: "#1042", button: null },
  ],
});
const SHIPPING = template({
  name: "shipping_update",
  body: "Good news, {{1}}! Order {{2}} has shipped.",
  buttons: ["Track parcel"],
  parameters: ["1", "2", "button_1"],
  fields: [
    { name: "1", kind: "body", example: "Ana", button: null },
    { name: "2", kind: "body", example: "#1042", button: null },
    { name: "button_1", kind: "url_suffix", example: "1042", button: "Track parcel" },
  ],
});
const WELCOME = template({
  name: "welcome_offer",
  language: "en",
  category: "MARKETING",
  header_format: "IMAGE",
  body: "Welcome, {{1}}! Enjoy {{2}} off.",
  parameters: ["1", "2", "button_1"],
  fields: [
    { name: "1", kind: "body", example: "Chloé", button: null },
    { name: "2", kind: "body", example: "15%", button: null },
    { name: "button_1", kind: "coupon_code", example: "WELCOME15", button: null },
  ],
});
const LOCATION = template({
  name: "visit_us",
  header_format: "LOCATION",
  body: "See you soon!",
  unsendable: "it has a location header, which Shopchat cannot fill yet: send it from WhatsApp Manager",
});

async function picker(templates: TemplateView[], onclose?: () => void) {
  fakeBackend({ list_templates: () => templates });
  const onsend = vi.fn(async () => {});
  render(TemplatePicker, { props: { onsend, onclose } });
  await settle();
  return { onsend, user: userEvent.setup() };
}

const labels = () => screen.getAllByTestId("template-param").map((input) => input.closest("label")?.textContent?.trim() ?? "");

describe("the template picker", () => {
  test("labels say what to type, with the template's example; never {{1}}", async () => {
    await picker([ORDER_READY]);
    expect(labels()).toEqual(["Title at the top", "Value 1", "Value 2"]);
    expect(labels().join(" ")).not.toContain("{{");
    const inputs = screen.getAllByTestId("template-param");
    expect(inputs.map((i) => i.getAttribute("placeholder"))).toEqual(["e.g. #1042", "e.g. Ana", "e.g. #1042"]);
    // Before anything is typed the preview reads like a real message, the examples standing in.
    const preview = screen.getByTestId("template-preview");
    expect(preview).toHaveTextContent("Order #1042");
    expect(preview).toHaveTextContent("Hi Ana, your order #1042 is ready for pick-up.");
    expect(preview).toHaveTextContent("Shopchat Sandbox Shop");
    expect(preview).toHaveTextContent("I'm on my way");
    expect(preview.textContent).not.toContain("{{");
  });

  test("a URL button's end and a coupon code are asked for, named by their button, and sent in order", async () => {
    const { onsend, user } = await picker([SHIPPING]);
    expect(labels()).toEqual(["Value 1", "Value 2", "End of the link of “Track parcel”"]);
    const inputs = screen.getAllByTestId("template-param");
    await user.type(inputs[0]!, "Ben");
    await user.type(inputs[1]!, "#77");
    expect(screen.getByTestId("template-missing")).toHaveTextContent("Fill in: End of the link of “Track parcel”.");
    expect(screen.getByTestId("template-send")).toBeDisabled();
    await user.type(inputs[2]!, "77");
    await user.click(screen.getByTestId("template-send"));
    expect(onsend).toHaveBeenCalledWith(SHIPPING, ["Ben", "#77", "77"], null);
  });

  test("an image header and a coupon code: nothing is refused after the owner filled it all", async () => {
    const { onsend, user } = await picker([WELCOME]);
    expect(labels()).toEqual(["Value 1", "Value 2", "Coupon code to copy"]);
    const inputs = screen.getAllByTestId("template-param");
    for (const [i, v] of ["Chloé", "10%", "HELLO10"].entries()) await user.type(inputs[i]!, v);
    expect(screen.getByTestId("template-send")).toBeDisabled();
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], "offer.jpg", { type: "image/jpeg" });
    await user.upload(screen.getByTestId("template-header-file"), photo);
    await user.click(screen.getByTestId("template-send"));
    expect(onsend).toHaveBeenCalledWith(WELCOME, ["Chloé", "10%", "HELLO10"], { file: photo });
  });

  test("a template Shopchat cannot send says why before anything is filled, and cannot be sent", async () => {
    await picker([LOCATION, SHIPPING]);
    expect(screen.getByTestId("template-unsendable")).toHaveTextContent("This template cannot be sent from Shopchat: it has a location header");
    expect(screen.queryAllByTestId("template-param")).toHaveLength(0);
    expect(screen.getByTestId("template-send")).toBeDisabled();
    expect(screen.getByRole("option", { name: /visit_us/ })).toHaveTextContent("cannot be sent from Shopchat");
  });

  test("Escape closes it", async () => {
    const onclose = vi.fn();
    const { user } = await picker([SHIPPING], onclose);
    await user.click(screen.getAllByTestId("template-param")[0]!);
    await user.keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledOnce();
  });

  test("in Spanish", async () => {
    i18n.choose("es");
    try {
      await picker([SHIPPING]);
      expect(labels()).toEqual(["Valor 1", "Valor 2", "Final del enlace de «Track parcel»"]);
      expect(screen.getByTestId("template-send")).toHaveTextContent("Enviar plantilla");
    } finally {
      i18n.choose(null);
    }
  });
});
