import { afterEach, describe, expect, test, vi } from "vitest";
import * as api from "./api";
import type { GoLive } from "./bindings/GoLive";
import type { TemplateDraft } from "./bindings/TemplateDraft";
import { fakeBackend, settle, template } from "./test/fakeBackend";
import { contactsApi } from "./lib/contacts";
import { contact, message } from "./test/fixtures";

const GO_LIVE: GoLive = {
  accessToken: null,
  phoneNumberId: "106540352242922",
  businessAccountId: "102290129340398",
  appId: null,
  businessName: "Lima Ceramics",
  appSecret: "0123abcd",
  verifyToken: "abcdefghijklmnopqrstuvwxyz012345",
  tunnel: "ngrok",
  ngrokAuthtoken: null,
  ngrokDomain: null,
  ownUrl: null,
  repointCallback: true,
};

const DRAFT: TemplateDraft = {
  name: "order_ready",
  language: "en",
  category: "utility",
  header: { kind: "text", text: "Order {{1}}", example: "1042" },
  body: "Hi {{1}}, your order is ready.",
  body_examples: ["Ana"],
  footer: null,
  buttons: [{ kind: "url", text: "Track", url: "https://shop.example/o/{{1}}", example: "1042" }],
};

describe("commands", () => {
  const cases: [string, () => Promise<unknown>, string, Record<string, unknown>][] = [
    ["appInfo", () => api.appInfo(), "app_info", {}],
    ["listChats", () => api.listChats(), "list_chats", {}],
    [
      "listMessages (latest)",
      () => api.listMessages("15550100001", null, 100),
      "list_messages",
      { contact: "15550100001", beforeId: null, limit: 100 },
    ],
    [
      "listMessages (older)",
      () => api.listMessages("15550100001", 42, 50),
      "list_messages",
      { contact: "15550100001", beforeId: 42, limit: 50 },
    ],
    ["markRead", () => api.markRead("15550100001"), "mark_read", { contact: "15550100001" }],
    [
      "sendText",
      () => api.sendText("15550100001", "Yes, 12 left!"),
      "send_text",
      { to: "15550100001", text: "Yes, 12 left!", replyTo: null },
    ],
    [
      "sendText (reply)",
      () => api.sendText("15550100001", "ok", 9),
      "send_text",
      { to: "15550100001", text: "ok", replyTo: 9 },
    ],
    ["sendReaction", () => api.sendReaction(9, "👍"), "send_reaction", { messageId: 9, emoji: "👍" }],
    ["sendReaction (remove)", () => api.sendReaction(9, ""), "send_reaction", { messageId: 9, emoji: "" }],
    ["mediaLimits", () => api.mediaLimits(), "media_limits", {}],
    ["retryMedia", () => api.retryMedia(5), "retry_media", { messageId: 5 }],
    ["downloadAnyway", () => api.downloadAnyway(5), "download_anyway", { messageId: 5 }],
    ["openMedia", () => api.openMedia(5), "open_media", { messageId: 5 }],
    ["saveMedia", () => api.saveMedia(5), "save_media", { messageId: 5 }],
    ["openUrl", () => api.openUrl("https://maps.example/?q=1,2"), "open_url", { url: "https://maps.example/?q=1,2" }],
    ["listTemplates", () => api.listTemplates(), "list_templates", {}],
    ["syncTemplates", () => api.syncTemplates(), "sync_templates", {}],
    [
      "sendTemplate",
      () => api.sendTemplate("15550100001", "order_ready", "en_US", ["Ana", "#12"]),
      "send_template",
      { to: "15550100001", name: "order_ready", language: "en_US", parameters: ["Ana", "#12"] },
    ],
    ["checkTemplate", () => api.checkTemplate(DRAFT), "check_template", { draft: DRAFT }],
    ["createTemplate", () => api.createTemplate(DRAFT), "create_template", { draft: DRAFT }],
    [
      "editTemplate",
      () => api.editTemplate("order_ready", "en", DRAFT),
      "edit_template",
      { name: "order_ready", language: "en", draft: DRAFT },
    ],
    ["deleteTemplate (one language)", () => api.deleteTemplate("order_ready", "es_MX"), "delete_template", { name: "order_ready", language: "es_MX" }],
    ["deleteTemplate (all)", () => api.deleteTemplate("order_ready", null), "delete_template", { name: "order_ready", language: null }],
    ["templateDraft", () => api.templateDraft("order_ready", "en"), "template_draft", { name: "order_ready", language: "en" }],
    ["templateLibrary", () => api.templateLibrary("Lima Ceramics", "es"), "template_library", { shopName: "Lima Ceramics", language: "es" }],
    ["outboxCounts", () => api.outboxCounts(), "outbox_counts", {}],
    ["sandboxCustomers", () => api.sandboxCustomers(), "sandbox_customers", {}],
    [
      "sandboxSay",
      () => api.sandboxSay("15550100002", "Hi", "Ben"),
      "sandbox_say",
      { from: "15550100002", text: "Hi", name: "Ben" },
    ],
    [
      "sandboxSay (no name)",
      () => api.sandboxSay("15550100009", "Hi"),
      "sandbox_say",
      { from: "15550100009", text: "Hi", name: null },
    ],
    ["setupState", () => api.setupState(), "setup_state", {}],
    [
      "testConnection",
      () => api.testConnection("EAAG-token", "106540352242922", "102290129340398"),
      "test_connection",
      { accessToken: "EAAG-token", phoneNumberId: "106540352242922", businessAccountId: "102290129340398" },
    ],
    [
      "testConnection (saved token, no account)",
      () => api.testConnection(null, "106540352242922", null),
      "test_connection",
      { accessToken: null, phoneNumberId: "106540352242922", businessAccountId: null },
    ],
    ["generateVerifyToken", () => api.generateVerifyToken(), "generate_verify_token", {}],
    ["goLive", () => api.goLive(GO_LIVE), "go_live", { request: GO_LIVE }],
    ["tunnelState", () => api.tunnelState(), "tunnel_state", {}],
    ["pointMeta (tunnel)", () => api.pointMeta(null), "point_meta", { ownUrl: null }],
    [
      "pointMeta (own URL)",
      () => api.pointMeta("https://shop.example.com"),
      "point_meta",
      { ownUrl: "https://shop.example.com" },
    ],
    ["disconnect", () => api.disconnect(), "disconnect", {}],
    ["diagnostics", () => api.diagnostics(), "diagnostics", {}],
    ["diagnosticsReport", () => api.diagnosticsReport(), "diagnostics_report", {}],
    [
      "contactsApi.setOptedOut",
      () => contactsApi.setOptedOut("15550100001", true),
      "set_opted_out",
      { contact: "15550100001", optedOut: true },
    ],
  ];

  test.each(cases)("%s invokes %s with its args", async (_label, run, command, args) => {
    const backend = fakeBackend({ [command]: () => "answer" });
    await run();
    expect(backend.calls.map((c) => ({ cmd: c.cmd, args: c.args }))).toEqual([{ cmd: command, args }]);
  });

  test("sendAttachment sends the bytes as the body and the meta as a URI-encoded JSON header", async () => {
    const backend = fakeBackend({ send_attachment: () => "answer" });
    const bytes = new Uint8Array([1, 2, 3]);
    const meta = {
      contact: "15550100001",
      filename: "Prix été.pdf",
      mime_type: "application/pdf",
      caption: "Voilà",
      kind: "document",
      reply_to: 7,
    } as const;
    await api.sendAttachment(bytes, meta);
    const [call] = backend.fullCallsTo("send_attachment");
    expect(call?.body).toEqual(bytes);
    const header = call?.headers["x-shopchat-meta"] ?? "";
    expect(header).not.toMatch(/[^\x20-\x7e]/);
    expect(JSON.parse(decodeURIComponent(header))).toEqual(meta);
  });

  test("uploadTemplateSample sends the file as the body and its name and type as a URI-encoded JSON header", async () => {
    const backend = fakeBackend({ upload_template_sample: () => ({ handle: "4::aW1n", media: "image" }) });
    const bytes = new Uint8Array([137, 80, 78, 71]);
    await expect(api.uploadTemplateSample(bytes, { filename: "Vitrina é.png", mime_type: "image/png" })).resolves.toEqual({
      handle: "4::aW1n",
      media: "image",
    });
    const [call] = backend.fullCallsTo("upload_template_sample");
    expect(call?.body).toEqual(bytes);
    const header = call?.headers["x-shopchat-meta"] ?? "";
    expect(header).not.toMatch(/[^\x20-\x7e]/);
    expect(JSON.parse(decodeURIComponent(header))).toEqual({ filename: "Vitrina é.png", mime_type: "image/png" });
  });

  test("an invalid template is an ApiError the UI can branch on", async () => {
    fakeBackend({
      create_template: () => {
        throw { code: "invalid_template", message: "Write the message." };
      },
    });
    await expect(api.createTemplate(DRAFT)).rejects.toEqual({ code: "invalid_template", message: "Write the message." });
  });

  test("mediaUrl points at the shopchat-media scheme", () => {
    fakeBackend();
    expect(api.mediaUrl(42)).toBe("shopchat-media://localhost/42");
  });

  test("returns what Rust answers", async () => {
    const m = message({ id: 7, direction: "out", status: "queued" });
    fakeBackend({ send_text: () => m, mark_read: () => null });
    await expect(api.sendText("15550100001", "hi")).resolves.toEqual(m);
    await expect(api.markRead("15550100001")).resolves.toBeUndefined();
  });
});

describe("errors", () => {
  test("an ApiError from Rust passes through", async () => {
    fakeBackend({
      send_text: () => {
        throw { code: "outside_window", message: "More than 24 hours have passed since the customer wrote." };
      },
    });
    await expect(api.sendText("1555", "hi")).rejects.toEqual({
      code: "outside_window",
      message: "More than 24 hours have passed since the customer wrote.",
    });
  });

  test("a plain string rejection becomes an internal ApiError with that text", async () => {
    fakeBackend({
      list_chats: () => {
        throw "command list_chats not allowed by ACL";
      },
    });
    await expect(api.listChats()).rejects.toEqual({ code: "internal", message: "command list_chats not allowed by ACL" });
  });

  test("toApiError normalises anything", () => {
    expect(api.toApiError({ code: "rate_limited", message: "Slow down.", extra: 1 })).toEqual({
      code: "rate_limited",
      message: "Slow down.",
    });
    expect(api.toApiError({ code: "brand_new_code", message: "Something new." })).toEqual({
      code: "internal",
      message: "Something new.",
    });
    expect(api.toApiError(new Error("boom"))).toEqual({ code: "internal", message: "boom" });
    expect(api.toApiError(undefined)).toEqual({ code: "internal", message: "Something went wrong. Please try again." });
    expect(api.toApiError({ code: 5 })).toEqual({ code: "internal", message: "Something went wrong. Please try again." });
    expect(api.toApiError("")).toEqual({ code: "internal", message: "Something went wrong. Please try again." });
  });

  test("isApiError accepts only well-formed errors with known codes", () => {
    expect(api.isApiError({ code: "not_found", message: "No such contact." })).toBe(true);
    expect(api.isApiError({ code: "nope", message: "x" })).toBe(false);
    expect(api.isApiError({ code: "not_found" })).toBe(false);
    expect(api.isApiError("not_found")).toBe(false);
    expect(api.isApiError(null)).toBe(false);
  });
});

describe("events", () => {
  const stops: api.Unsubscribe[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  test("onEvent delivers the payload of its channel", async () => {
    const backend = fakeBackend();
    const handler = vi.fn();
    stops.push(api.onEvent("message://received", handler));
    await settle();
    const m = message({ id: 1 });
    await backend.emit("message://received", { type: "message_received", message: m });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({ type: "message_received", message: m });
  });

  test("a payload of another type on the channel is ignored", async () => {
    const backend = fakeBackend();
    const handler = vi.fn();
    stops.push(api.onEvent("contact://updated", handler));
    await settle();
    // @ts-expect-error deliberately the wrong payload for the channel
    await backend.emit("contact://updated", { type: "message_received", message: message() });
    expect(handler).not.toHaveBeenCalled();
    await backend.emit("contact://updated", { type: "contact_updated", contact: contact() });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test("unsubscribing stops delivery, even when done before the listener was registered", async () => {
    const backend = fakeBackend();
    const early = vi.fn();
    const late = vi.fn();
    api.onEvent("message://status", early)(); // unsubscribed at once
    const stop = api.onEvent("message://status", late);
    await settle();
    const payload = {
      type: "message_status",
      id: 1,
      contact: "1555",
      wamid: null,
      status: "sent",
      error: null,
    } as const;
    await backend.emit("message://status", payload);
    expect(late).toHaveBeenCalledTimes(1);
    stop();
    await backend.emit("message://status", payload);
    expect(late).toHaveBeenCalledTimes(1);
    expect(early).not.toHaveBeenCalled();
  });

  test("onEvents subscribes to several channels and stops them all", async () => {
    const backend = fakeBackend();
    const queued = vi.fn();
    const received = vi.fn();
    const stop = api.onEvents({ "message://queued": queued, "message://received": received });
    await settle();
    await backend.emit("message://queued", { type: "message_queued", message: message({ direction: "out" }) });
    await backend.emit("message://received", { type: "message_received", message: message() });
    expect(queued).toHaveBeenCalledTimes(1);
    expect(received).toHaveBeenCalledTimes(1);
    stop();
    await backend.emit("message://received", { type: "message_received", message: message() });
    expect(received).toHaveBeenCalledTimes(1);
  });

  test("tunnel://state delivers the tunnel's state", async () => {
    const backend = fakeBackend();
    const handler = vi.fn();
    stops.push(api.onEvent("tunnel://state", handler));
    await settle();
    const state = { state: "online", url: "https://a1b2.ngrok.app", callback: { status: "pending" } } as const;
    await backend.emit("tunnel://state", { type: "tunnel", state });
    expect(handler).toHaveBeenCalledWith({ type: "tunnel", state });
  });

  test("template://updated delivers the template's new status", async () => {
    const backend = fakeBackend();
    const handler = vi.fn();
    stops.push(api.onEvent("template://updated", handler));
    await settle();
    const tv = template({ name: "order_ready", body: "Hi", status: "REJECTED", rejected_reason: "INVALID_FORMAT" });
    await backend.emit("template://updated", { type: "template_updated", template: tv, previous_status: null });
    expect(handler).toHaveBeenCalledWith({ type: "template_updated", template: tv, previous_status: null });
  });
});

describe("window", () => {
  test("reloadWindow goes through windowControl, which tests can replace", () => {
    const reload = vi.spyOn(api.windowControl, "reload").mockImplementation(() => {});
    api.reloadWindow();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
