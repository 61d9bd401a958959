import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { media } from "../../test/fixtures";
import { i18n } from "../i18n/index.svelte";
import MediaStatus from "./MediaStatus.svelte";

afterEach(() => i18n.choose(null));

describe("a file held to protect the disk", () => {
  test("says why in words, and Download anyway asks Rust for this message's file", async () => {
    const backend = fakeBackend({ download_anyway: () => null });
    const user = userEvent.setup();
    render(MediaStatus, {
      messageId: 12,
      direction: "in",
      media: media({ kind: "document", state: "held", hold: "daily_budget", size: 24 * 2 ** 20, filename: "big.pdf" }),
    });
    const held = screen.getByTestId("media-held");
    expect(held).toHaveTextContent("this customer sent more files today than the daily limit allows");
    expect(held).toHaveTextContent("24 MB file.");
    expect(held).not.toHaveTextContent("held:");
    await user.click(within(held).getByRole("button", { name: "Download anyway" }));
    await settle();
    expect(backend.callsTo("download_anyway")).toEqual([{ messageId: 12 }]);
  });

  test("a nearly full disk is named as such, in Spanish too", () => {
    fakeBackend();
    i18n.choose("es");
    render(MediaStatus, { messageId: 3, direction: "in", media: media({ state: "held", hold: "disk_space", size: null }) });
    const held = screen.getByTestId("media-held");
    expect(held).toHaveTextContent("el disco está casi lleno");
    expect(within(held).getByRole("button", { name: "Descargar de todos modos" })).toBeEnabled();
  });

  test("a refused Download anyway says why in place", async () => {
    fakeBackend({
      download_anyway: () => {
        throw { code: "invalid_input", message: "this message has no held file to download" };
      },
    });
    render(MediaStatus, { messageId: 4, direction: "in", media: media({ state: "held", hold: "disk_space" }) });
    await userEvent.click(screen.getByTestId("media-download-anyway"));
    await settle();
    expect(screen.getByRole("alert")).toHaveTextContent("this message has no held file to download");
  });
});
