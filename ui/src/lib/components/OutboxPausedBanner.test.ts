import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { OutboxStore } from "../stores/outbox.svelte";
import OutboxPausedBanner from "./OutboxPausedBanner.svelte";

describe("OutboxPausedBanner", () => {
  test("hidden while sending runs", () => {
    render(OutboxPausedBanner, { outbox: new OutboxStore() });
    expect(screen.queryByTestId("reconnect-banner")).toBeNull();
  });

  test("says why sending is paused, and Try again resumes it", async () => {
    let refuse = true;
    const backend = fakeBackend({
      resume_outbox: () => {
        if (refuse) throw { code: "internal", message: "the engine is not running" };
        return { state: "running" };
      },
    });
    const outbox = new OutboxStore();
    outbox.health = { state: "needs_reconnect", reason: "Error validating access token: Session has expired", since: 1 };
    render(OutboxPausedBanner, { outbox });
    const banner = screen.getByTestId("reconnect-banner");
    expect(banner).toHaveTextContent("The WhatsApp account needs reconnecting.");
    expect(banner).toHaveTextContent("Nothing queued is lost");
    expect(banner).toHaveTextContent("Session has expired");

    const user = userEvent.setup();
    await user.click(screen.getByTestId("reconnect-retry"));
    await settle();
    expect(screen.getByTestId("reconnect-banner")).toHaveTextContent("the engine is not running");

    refuse = false;
    await user.click(screen.getByTestId("reconnect-retry"));
    await settle();
    expect(backend.callsTo("resume_outbox")).toHaveLength(2);
    expect(screen.queryByTestId("reconnect-banner")).toBeNull();
  });
});
