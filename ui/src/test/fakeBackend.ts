// A fake Rust side for tests: answers commands from a table (recording every call) and
// delivers events through Tauri's own event mock (`mockIPC(..., { shouldMockEvents: true })`).
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { tick } from "svelte";
import type { Channel, EventMap } from "../api";

export type Args = Record<string, unknown>;
export type Handler = (args: Args) => unknown;

export interface Call {
  cmd: string;
  args: Args;
}

export interface FakeBackend {
  calls: Call[];
  /** The args of every call to `cmd`, in order. */
  callsTo(cmd: string): Args[];
  /** Replaces or adds the answer to a command. */
  on(cmd: string, handler: Handler): void;
  /** Delivers an event to the UI's listeners and lets Svelte update the DOM. */
  emit<C extends Channel>(channel: C, payload: EventMap[C]): Promise<void>;
}

/** Installs the fake. A handler may return a value, a promise, or throw (the command rejects). */
export function fakeBackend(handlers: Record<string, Handler> = {}): FakeBackend {
  const table = new Map<string, Handler>(Object.entries(handlers));
  const calls: Call[] = [];
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Args;
      calls.push({ cmd, args });
      const handler = table.get(cmd);
      if (!handler) throw { code: "internal", message: `the fake backend has no ${cmd}` };
      return handler(args);
    },
    { shouldMockEvents: true },
  );
  return {
    calls,
    callsTo: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
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
