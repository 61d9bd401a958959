import { describe, expect, test } from "vitest";
import { fakeBackend, settle, TEMPLATES } from "../../test/fakeBackend";
import { TemplatesStore } from "./templates.svelte";

describe("TemplatesStore", () => {
  test("loads the templates; only approved ones are sendable", async () => {
    const backend = fakeBackend();
    const store = new TemplatesStore();
    await store.load();
    expect(backend.callsTo("list_templates")).toEqual([{}]);
    expect(store.all).toHaveLength(3);
    expect(store.sendable.map((t) => t.name)).toEqual(["order_ready", "hello_world"]);
  });

  test("Sync fetches them from Meta; a failure is kept", async () => {
    const backend = fakeBackend({ sync_templates: () => [...TEMPLATES, { ...TEMPLATES[1]!, name: "new_one" }] });
    const store = new TemplatesStore();
    await store.load();
    await store.sync();
    expect(backend.callsTo("sync_templates")).toEqual([{}]);
    expect(store.sendable.map((t) => t.name)).toContain("new_one");
    backend.on("sync_templates", () => {
      throw { code: "auth_expired", message: "Reconnect the account." };
    });
    await store.sync();
    expect(store.error?.code).toBe("auth_expired");
    expect(store.syncing).toBe(false);
  });

  test("templates://synced reloads the list", async () => {
    const backend = fakeBackend();
    const store = new TemplatesStore();
    const stop = store.connect();
    await store.load();
    backend.on("list_templates", () => []);
    await backend.emit("templates://synced", { type: "templates_synced", count: 0 });
    await settle();
    expect(store.all).toEqual([]);
    stop();
  });

  test("template://updated keeps the list current: approved becomes sendable, deleted goes", async () => {
    const backend = fakeBackend();
    const store = new TemplatesStore();
    const stop = store.connect();
    await store.load();
    await settle();
    await backend.emit("template://updated", { type: "template_updated", template: { ...TEMPLATES[2]!, status: "APPROVED" }, previous_status: null });
    expect(store.sendable.map((t) => t.name)).toEqual(["order_ready", "hello_world", "spring_sale"]);
    await backend.emit("template://updated", { type: "template_updated", template: { ...TEMPLATES[1]!, status: "DELETED" }, previous_status: null });
    expect(store.all.map((t) => t.name)).toEqual(["order_ready", "spring_sale"]);
    // A delete made elsewhere (the CLI, another language of it here) comes as template://deleted.
    await backend.emit("template://deleted", { type: "template_deleted", name: "spring_sale", language: null });
    expect(store.all.map((t) => t.name)).toEqual(["order_ready"]);
    stop();
  });
});
