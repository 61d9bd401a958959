// A fake Rust side for tests: answers commands from a table (recording every call, with a raw
// body and the headers when a command sends bytes) and delivers events through Tauri's own
// event mock (`mockIPC(..., { shouldMockEvents: true })`). The media, reaction and template
// commands (the studio's too: `fakeTemplates.ts`) have working defaults (see `defaultHandlers`)
// that a test may replace.
import type { InvokeArgs, InvokeOptions } from "@tauri-apps/api/core";
import { emit } from "@tauri-apps/api/event";
import { mockConvertFileSrc, mockIPC } from "@tauri-apps/api/mocks";
import { tick } from "svelte";
import { ATTACHMENT_META_HEADER, type Channel, type EventMap } from "../api";
import type { AttachmentMeta } from "../bindings/AttachmentMeta";
import type { MediaLimitView } from "../bindings/MediaLimitView";
import type { MessageView } from "../bindings/MessageView";
import { fakeCustomers } from "./fakeCustomers";
import { fakeDocuments } from "./fakeDocuments";
import { fakeTemplates } from "./fakeTemplates";
import { message, NOW_S } from "./fixtures";

export { template, TEMPLATES } from "./fakeTemplates";

export type Args = Record<string, unknown>;
export type Handler = (args: Args, call: Call) => unknown;

export interface Call {
  cmd: string;
  /** The named args; `{}` when the command was sent raw bytes. */
  args: Args;
  /** The raw body, for commands that take bytes (`send_attachment`). */
  body: Uint8Array | null;
  headers: Record<string, string>;
}

export interface FakeBackend {
  calls: Call[];
  /** The args of every call to `cmd`, in order. */
  callsTo(cmd: string): Args[];
  /** Every call to `cmd` with its body and headers. */
  fullCallsTo(cmd: string): Call[];
  /** Replaces or adds the answer to a command. */
  on(cmd: string, handler: Handler): void;
  /** Delivers an event to the UI's listeners and lets Svelte update the DOM. */
  emit<C extends Channel>(channel: C, payload: EventMap[C]): Promise<void>;
}

/** The Cloud API's limits, as `media_limits` gives them. */
export const MEDIA_LIMITS: MediaLimitView[] = [
  { kind: "image", mime_types: ["image/jpeg", "image/png"], max_bytes: 5 * 1024 * 1024 },
  { kind: "video", mime_types: ["video/mp4", "video/3gpp"], max_bytes: 16 * 1024 * 1024 },
  {
    kind: "audio",
    mime_types: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
    max_bytes: 16 * 1024 * 1024,
  },
  { kind: "document", mime_types: [], max_bytes: 100 * 1024 * 1024 },
  { kind: "sticker", mime_types: ["image/webp"], max_bytes: 500 * 1024 },
];

function isMessage(value: unknown): value is MessageView {
  return typeof value === "object" && value !== null && "id" in value && "contact" in value && "direction" in value;
}

/** Working answers for the media, reaction and template commands, over the messages the fake has handed out. */
function defaultHandlers(known: Map<number, MessageView>): Record<string, Handler> {
  let nextId = 20_000;
  return {
    ...fakeDocuments().handlers,
    ...fakeCustomers().handlers,
    ...fakeTemplates().handlers,
    media_limits: () => MEDIA_LIMITS,
    retry_media: () => null,
    open_media: () => null,
    save_media: () => "/home/shop/Downloads/file",
    open_url: () => null,
    tunnel_state: () => ({ state: "off" }),
    send_template: (args) =>
      message({
        id: nextId++,
        contact: args.to as string,
        direction: "out",
        status: "queued",
        type: "template",
        text: null,
        content: {
          kind: "template",
          name: args.name as string,
          language: args.language as string,
          parameters: args.parameters as string[],
        },
      }),
    send_reaction: (args) => {
      const target = known.get(args.messageId as number);
      if (!target) throw { code: "not_found", message: "No such message." };
      const emoji = args.emoji as string;
      const others = target.reactions.filter((r) => r.direction !== "out");
      return { ...target, reactions: emoji ? [...others, { emoji, direction: "out" }] : others };
    },
    send_attachment: (_args, call) => {
      const raw = call.headers[ATTACHMENT_META_HEADER];
      if (!raw || !call.body) throw { code: "invalid_input", message: "No file." };
      const meta = JSON.parse(decodeURIComponent(raw)) as AttachmentMeta;
      return message({
        id: nextId++,
        contact: meta.contact,
        direction: "out",
        status: "queued",
        type: meta.kind ?? "document",
        text: meta.caption,
        timestamp: NOW_S,
        media: {
          kind: meta.kind ?? "document",
          mime_type: meta.mime_type,
          filename: meta.filename,
          size: call.body.length,
          state: "uploading",
          error: null,
          hold: null,
          voice: false,
          animated: false,
        },
      });
    },
  };
}

type InvokeFn = (cmd: string, args?: InvokeArgs, options?: InvokeOptions) => Promise<unknown>;

/** Installs the fake. A handler may return a value, a promise, or throw (the command rejects). */
export function fakeBackend(handlers: Record<string, Handler> = {}): FakeBackend {
  const known = new Map<number, MessageView>();
  const table = new Map<string, Handler>(Object.entries({ ...defaultHandlers(known), ...handlers }));
  const calls: Call[] = [];
  /** The call being answered: `mockIPC` hands the handler neither the raw body's options nor the headers. */
  let current: Call | null = null;
  const remember = (value: unknown): void => {
    for (const item of Array.isArray(value) ? value : [value]) if (isMessage(item)) known.set(item.id, item);
  };
  mockIPC(
    async (cmd) => {
      const call = current ?? { cmd, args: {}, body: null, headers: {} };
      current = null;
      calls.push(call);
      const handler = table.get(cmd);
      if (!handler) throw { code: "internal", message: `the fake backend has no ${cmd}` };
      const answer: unknown = await handler(call.args, call);
      remember(answer);
      return answer;
    },
    { shouldMockEvents: true },
  );
  mockConvertFileSrc("linux");
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: InvokeFn } }).__TAURI_INTERNALS__;
  const mocked = internals.invoke;
  internals.invoke = (cmd, args, options) => {
    if (!cmd.startsWith("plugin:")) {
      const raw = args instanceof Uint8Array ? args : null;
      const headers = Object.fromEntries(new Headers(options?.headers ?? {}).entries());
      current = { cmd, args: raw || !args ? {} : (args as Args), body: raw, headers };
    }
    return mocked(cmd, args, options);
  };
  return {
    calls,
    callsTo: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    fullCallsTo: (cmd) => calls.filter((c) => c.cmd === cmd),
    on: (cmd, handler) => void table.set(cmd, handler),
    emit: async (channel, payload) => {
      await emit(channel, payload);
      await settle();
    },
  };
}

/** Lets pending promises (fake commands answer asynchronously) and Svelte updates run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await tick();
  }
}
