import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import type { Diagnostics as DiagnosticsData } from "../../bindings/Diagnostics";
import { fakeBackend, settle, type Handler } from "../../test/fakeBackend";
import { diagnostics, NOW } from "../../test/fixtures";
import Diagnostics from "./Diagnostics.svelte";

const REPORT = "Shopchat diagnostics\napp version:        0.2.0\nphone number id:    •••••••••••2922\n";

async function setup(data: () => DiagnosticsData = () => diagnostics(), handlers: Record<string, Handler> = {}, refreshMs = 60_000) {
  const backend = fakeBackend({ diagnostics: data, diagnostics_report: () => REPORT, ...handlers });
  const user = userEvent.setup();
  const onclose = vi.fn();
  const view = render(Diagnostics, { onclose, refreshMs, now: () => NOW.getTime() });
  await settle();
  return { backend, user, onclose, view };
}

const text = (testid: string) => screen.getByTestId(testid).textContent?.replace(/\s+/g, " ").trim();

describe("Diagnostics", () => {
  test("shows what runs where, with the ids masked", async () => {
    await setup();
    expect(screen.getByRole("dialog", { name: "Diagnostics" })).toHaveAttribute("aria-modal", "true");
    expect(text("diagnostics-mode")).toBe("Live");
    expect(text("diagnostics-version")).toBe("0.2.0");
    expect(text("diagnostics-api-version")).toBe("v24.0");
    expect(text("diagnostics-platform")).toBe("linux x86_64");
    expect(text("diagnostics-local-webhook")).toBe("http://127.0.0.1:8787/webhook");
    expect(text("diagnostics-public-webhook")).toBe("https://lima.ngrok.app/webhook");
    expect(text("diagnostics-tunnel")).toBe("Online at https://lima.ngrok.app Meta sends webhooks to this address.");
    expect(text("diagnostics-last-webhook")).toBe("2 minutes ago");
    expect(text("diagnostics-webhooks")).toBe("42");
    expect(text("diagnostics-bad-signatures")).toBe("0");
    expect(text("diagnostics-outbox")).toBe("Running 1 pending, 0 in flight, 2 failed (24 h), 0 unknown (24 h)");
    expect(text("diagnostics-phone-number-id")).toBe("•••••••••••2922");
    expect(text("diagnostics-waba-id")).toBe("•••••••••••0398");
    expect(screen.getByTestId("diagnostics")).not.toHaveTextContent("106540352242922");
  });

  test("the sandbox, no webhook yet, a tunnel offline and a paused outbox", async () => {
    await setup(() =>
      diagnostics({
        mode: "sandbox",
        public_webhook_url: null,
        last_webhook_at: null,
        tunnel: { state: "offline", error: "the tunnel was lost: EOF", retry_at: NOW.getTime() + 10_000 },
        outbox: { state: "needs_reconnect", reason: "Error validating access token", since: 0 },
        business_account_id: null,
      }),
    );
    expect(text("diagnostics-mode")).toBe("Sandbox");
    expect(text("diagnostics-public-webhook")).toBe("None");
    expect(text("diagnostics-last-webhook")).toBe("None since start");
    expect(text("diagnostics-tunnel")).toMatch(/^Offline: the tunnel was lost: EOF\. Next try at /);
    expect(text("diagnostics-outbox")).toMatch(
      /^Paused: the account needs reconnecting \(Error validating access token\)/,
    );
    expect(text("diagnostics-waba-id")).toBe("Not set");
  });

  test("webhooks refused for their signature point at the app secret", async () => {
    await setup(() => diagnostics({ webhooks_refused_signature: 3 }));
    expect(text("diagnostics-bad-signatures")).toBe(
      "3 Webhooks were refused: check that the saved app secret is this app's (App settings → Basic).",
    );
    expect(screen.getByTestId("diagnostics-bad-signatures")).toHaveClass("warn");
  });

  test("Copy report copies the report's text", async () => {
    const { backend, user } = await setup();
    const copy = screen.getByTestId("diagnostics-copy");
    expect(copy).toHaveTextContent("Copy report");
    await user.click(copy);
    await settle();
    expect(backend.callsTo("diagnostics_report")).toHaveLength(1);
    expect(await navigator.clipboard.readText()).toBe(REPORT);
    expect(copy).toHaveTextContent("Copied");
  });

  test("when the clipboard refuses, the report shows selected in a focused text box to copy by hand", async () => {
    const { user } = await setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new DOMException("denied", "NotAllowedError"));
    await user.click(screen.getByTestId("diagnostics-copy"));
    await settle();
    expect(writeText).toHaveBeenCalledWith(REPORT);
    const area = screen.getByRole("textbox", { name: "The diagnostics report" }) as HTMLTextAreaElement;
    expect(area.value).toBe(REPORT);
    expect(area).toHaveAttribute("readonly");
    expect(area).toHaveFocus();
    expect([area.selectionStart, area.selectionEnd]).toEqual([0, REPORT.length]);
    expect(screen.getByTestId("diagnostics-copy-fallback")).toHaveTextContent("the report is below, selected. Copy it with Ctrl+C.");
    expect(screen.getByTestId("diagnostics-copy")).toHaveTextContent("Copy report");
    writeText.mockRestore();
  });

  test("without a clipboard at all the report shows to copy by hand", async () => {
    const { user } = await setup();
    const clipboard = Object.getOwnPropertyDescriptor(globalThis.navigator, "clipboard");
    Object.defineProperty(globalThis.navigator, "clipboard", { value: undefined, configurable: true });
    try {
      await user.click(screen.getByTestId("diagnostics-copy"));
      await settle();
      expect((screen.getByTestId("diagnostics-report-text") as HTMLTextAreaElement).value).toBe(REPORT);
    } finally {
      if (clipboard) Object.defineProperty(globalThis.navigator, "clipboard", clipboard);
    }
  });

  test("counts the failed messages on screen, in the open chat", async () => {
    const onclose = vi.fn();
    fakeBackend({ diagnostics: () => diagnostics(), diagnostics_report: () => REPORT });
    const view = render(Diagnostics, { onclose, refreshMs: 60_000, now: () => NOW.getTime(), failedOnScreen: { name: "Ana", count: 2 } });
    await settle();
    expect(text("diagnostics-failed-on-screen")).toMatch(/^2 messages in the chat with Ana Counted from the messages loaded in the open chat/);
    expect(screen.getByTestId("diagnostics-failed-on-screen")).toHaveClass("warn");
    await view.rerender({ failedOnScreen: { name: "Ana", count: 0 } });
    expect(text("diagnostics-failed-on-screen")).toMatch(/^None in the chat with Ana/);
    await view.rerender({ failedOnScreen: null });
    expect(text("diagnostics-failed-on-screen")).toMatch(/^No chat is open/);
  });

  test("a failed report is said", async () => {
    const { user } = await setup(undefined, {
      diagnostics_report: () => {
        throw { code: "internal", message: "The report could not be made." };
      },
    });
    await user.click(screen.getByTestId("diagnostics-copy"));
    await settle();
    expect(screen.getByTestId("diagnostics-copy-error")).toHaveTextContent("The report could not be made.");
    expect(screen.getByTestId("diagnostics-copy")).toHaveTextContent("Copy report");
  });

  test("refreshes on demand and by itself while open, not after closing", async () => {
    let received = 42;
    const { backend, user, view } = await setup(() => diagnostics({ webhooks_received: received }), {}, 40);
    expect(backend.callsTo("diagnostics").length).toBeGreaterThanOrEqual(1);
    received = 43;
    await user.click(screen.getByTestId("diagnostics-refresh"));
    await settle();
    expect(text("diagnostics-webhooks")).toBe("43");

    const before = backend.callsTo("diagnostics").length;
    received = 44;
    await new Promise((resolve) => setTimeout(resolve, 120));
    await settle();
    expect(backend.callsTo("diagnostics").length).toBeGreaterThan(before);
    expect(text("diagnostics-webhooks")).toBe("44");

    view.unmount();
    const after = backend.callsTo("diagnostics").length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(backend.callsTo("diagnostics")).toHaveLength(after);
  });

  test("an error is shown with a retry; Escape and the Close button close", async () => {
    let fail = true;
    const { user, onclose } = await setup(() => {
      if (fail) throw { code: "internal", message: "The engine is restarting." };
      return diagnostics();
    });
    expect(screen.getByTestId("diagnostics-close")).toHaveFocus();
    expect(screen.getByTestId("error-notice")).toHaveTextContent("The engine is restarting.");
    fail = false;
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await settle();
    expect(screen.queryByTestId("error-notice")).toBeNull();
    expect(text("diagnostics-mode")).toBe("Live");
    await user.keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  test("the Close button closes", async () => {
    const { user, onclose } = await setup();
    await user.click(screen.getByTestId("diagnostics-close"));
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  test("the last backup: none, a failure shown with why, and Back up now", async () => {
    const worked = {
      at_ms: NOW.getTime() - 60_000,
      ok: true,
      path: "/media/usb/shopchat-backup-20261205-101500.zip",
      bytes: 1234,
      error: null,
      automatic: false,
      last_automatic_ok_ms: null,
    };
    let current: DiagnosticsData = diagnostics({
      last_backup: {
        at_ms: NOW.getTime() - 2 * 60 * 1000,
        ok: false,
        path: null,
        bytes: null,
        error: "cannot write /media/usb/x.zip: No space left on device",
        automatic: true,
        last_automatic_ok_ms: null,
      },
    });
    const { backend, user } = await setup(() => current, {
      backup_now: () => {
        current = diagnostics({ last_backup: worked });
        return worked;
      },
    });
    expect(text("diagnostics-backup")).toBe("Failed 2 minutes ago");
    expect(screen.getByTestId("diagnostics-backup")).toHaveAttribute("data-ok", "false");
    expect(text("diagnostics-backup-error")).toBe("cannot write /media/usb/x.zip: No space left on device");
    await user.click(screen.getByTestId("backup-now"));
    await settle();
    expect(backend.callsTo("backup_now")).toEqual([{ path: null }]);
    expect(text("diagnostics-backup")).toBe("1 minute ago");
    expect(text("diagnostics-backup-path")).toBe(worked.path);
  });

  test("shows the disk's free space and the spool's backlog, warning below the floor", async () => {
    await setup();
    expect(text("diagnostics-disk")).toContain("52 GB free");
    expect(text("diagnostics-disk")).toContain("held below 1 GB free, and past 200 MB per customer a day");
    expect(screen.getByTestId("diagnostics-disk")).not.toHaveClass("warn");
    expect(text("diagnostics-spool")).toContain("3 webhooks waiting (8 MB of 256 MB)");
  });

  test("a disk below the floor and a full spool are warnings", async () => {
    const base = diagnostics();
    await setup(() => ({
      ...base,
      disk: { ...base.disk, free_bytes: 300 * 2 ** 20, spool_backlog_bytes: 256 * 2 ** 20 },
    }));
    expect(text("diagnostics-disk")).toContain("300 MB free");
    expect(screen.getByTestId("diagnostics-disk")).toHaveClass("warn");
    expect(screen.getByTestId("diagnostics-spool")).toHaveClass("warn");
  });
});
