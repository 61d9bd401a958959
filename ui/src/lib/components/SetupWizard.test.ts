import { render, screen, within } from "@testing-library/svelte";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import * as api from "../../api";
import type { SetupState } from "../../bindings/SetupState";
import { fakeBackend, settle, type Handler } from "../../test/fakeBackend";
import { connectionCheck, liveSetupState, NOW, setupState } from "../../test/fixtures";
import SetupWizard from "./SetupWizard.svelte";

const PHONE = "106540352242922";
const WABA = "102290129340398";
const TOKEN = "Vt0k3nVt0k3nVt0k3nVt0k3nVt0k3n12";

async function setup(handlers: Record<string, Handler> = {}, state: SetupState = setupState()) {
  const backend = fakeBackend({
    setup_state: () => state,
    test_connection: () => ({ result: "ok", check: connectionCheck() }),
    generate_verify_token: () => TOKEN,
    go_live: () => ({ result: "saved", check: connectionCheck() }),
    tunnel_state: () => ({ state: "connecting", attempt: 1 }),
    point_meta: () => ({ callback_url: "https://a1b2.ngrok.app/webhook", app_name: "Lima Shop" }),
    disconnect: () => setupState(),
    ...handlers,
  });
  const reload = vi.spyOn(api.windowControl, "reload").mockImplementation(() => {});
  const onclose = vi.fn();
  const user = userEvent.setup();
  render(SetupWizard, { onclose });
  await settle();
  return { backend, user, onclose, reload };
}

const next = () => screen.getByTestId("setup-next");
const stepOf = () => screen.getByTestId("setup-wizard").getAttribute("data-step");

async function click(user: UserEvent, testid: string): Promise<void> {
  await user.click(screen.getByTestId(testid));
  await settle();
}

async function fillNumber(user: UserEvent): Promise<void> {
  await user.type(screen.getByTestId("setup-access-token"), "EAAGtoken");
  await user.type(screen.getByTestId("setup-phone-number-id"), PHONE);
  await user.type(screen.getByTestId("setup-waba-id"), WABA);
}

/** From step 1 to step 4 with everything valid and a passing test. */
async function toStep4(user: UserEvent): Promise<void> {
  await click(user, "setup-next");
  await fillNumber(user);
  await click(user, "setup-test-connection");
  await click(user, "setup-next");
  await user.type(screen.getByTestId("setup-app-secret"), "0123abcd");
  await click(user, "setup-next");
  expect(stepOf()).toBe("4");
}

describe("SetupWizard", () => {
  test("is a labelled modal dialog that starts with what is needed, with links that open in the browser", async () => {
    const { backend, user } = await setup();
    const dialog = screen.getByRole("dialog", { name: "Go live with WhatsApp" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveAttribute("open");
    expect(screen.getByRole("heading", { level: 3 })).toHaveTextContent("Step 1 of 5: What you need");
    expect(screen.getByRole("heading", { level: 3 })).toHaveFocus();
    expect(within(dialog).getByText(/permanent access token/)).toBeInTheDocument();

    await click(user, "setup-link-system-users");
    await click(user, "setup-link-ngrok");
    expect(backend.callsTo("open_url")).toEqual([
      { url: "https://business.facebook.com/settings/system-users" },
      { url: "https://dashboard.ngrok.com/get-started/your-authtoken" },
    ]);
    for (const href of ["https://developers.facebook.com/apps/", "https://developers.facebook.com/docs/whatsapp/cloud-api/get-started"]) {
      expect(dialog.querySelector(`a[href="${href}"]`)).not.toBeNull();
    }
    expect(screen.queryByTestId("setup-back")).toBeNull();
    expect(screen.queryByTestId("setup-disconnect")).toBeNull();
  });

  test("step 2: Next only after a passing test with the current values; the result shows the number", async () => {
    const { backend, user } = await setup();
    await click(user, "setup-next");
    expect(stepOf()).toBe("2");
    expect(next()).toBeDisabled();
    expect(screen.getByTestId("setup-connection-result")).toHaveTextContent("Test the connection to continue.");

    await fillNumber(user);
    await click(user, "setup-test-connection");
    expect(backend.callsTo("test_connection")).toEqual([
      { accessToken: "EAAGtoken", phoneNumberId: PHONE, businessAccountId: WABA },
    ]);
    const result = screen.getByTestId("setup-connection-result");
    expect(result).toHaveAttribute("data-result", "ok");
    expect(within(result).getByTestId("setup-verified-name")).toHaveTextContent("Lima Ceramics");
    expect(within(result).getByTestId("setup-display-number")).toHaveTextContent("+1 555-010-0000");
    expect(within(result).getByTestId("setup-quality")).toHaveTextContent("GREEN");
    expect(within(result).getByTestId("setup-quality")).toHaveClass("green");
    expect(within(result).getByTestId("setup-tier")).toHaveTextContent("1,000 customers a day");
    expect(next()).toBeEnabled();

    // Editing a tested field invalidates the test.
    await user.type(screen.getByTestId("setup-phone-number-id"), "9");
    expect(next()).toBeDisabled();
    expect(screen.getByTestId("setup-connection-result")).toHaveTextContent("You changed the details: test the connection again.");
    await user.type(screen.getByTestId("setup-phone-number-id"), "{Backspace}");
    expect(next()).toBeEnabled();
    await click(user, "setup-next");
    expect(stepOf()).toBe("3");
  });

  test("step 2: invalid ids are marked at their field and the test is not run", async () => {
    const { backend, user } = await setup();
    await click(user, "setup-next");
    const phone = screen.getByTestId("setup-phone-number-id");
    await user.type(phone, "+1 555");
    await user.tab();
    expect(phone).toHaveAttribute("aria-invalid", "true");
    const error = screen.getByTestId("setup-phone-number-id-error");
    expect(error).toHaveTextContent("The phone number ID is digits only.");
    expect(phone.getAttribute("aria-describedby")?.split(" ")).toContain(error.id);
    // The other fields were not visited yet: no problem shown until the test is tried.
    expect(screen.getByTestId("setup-waba-id")).not.toHaveAttribute("aria-invalid");
    await click(user, "setup-test-connection");
    expect(screen.getByTestId("setup-waba-id")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("setup-access-token-error")).toHaveTextContent("Paste the access token.");
    expect(backend.callsTo("test_connection")).toHaveLength(0);
  });

  test("step 2: Meta's problem shows at the field it names, or in general", async () => {
    let answer: unknown = {
      result: "problem",
      problem: { kind: "token_rejected", message: "Meta refused the access token.", field: "access_token" },
    };
    let fails = false;
    const { user } = await setup({
      test_connection: () => {
        if (fails) throw { code: "internal", message: "The test could not run." };
        return answer;
      },
    });
    await click(user, "setup-next");
    await fillNumber(user);
    await click(user, "setup-test-connection");
    const token = screen.getByTestId("setup-access-token");
    expect(token).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("setup-access-token-error")).toHaveTextContent("Meta refused the access token.");
    expect(screen.getByTestId("setup-phone-number-id")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByTestId("setup-connection-result")).toHaveAttribute("data-result", "problem");
    expect(next()).toBeDisabled();

    answer = { result: "problem", problem: { kind: "no_network", message: "No internet connection.", field: null } };
    await click(user, "setup-test-connection");
    expect(token).not.toHaveAttribute("aria-invalid");
    expect(screen.getByTestId("setup-connection-result")).toHaveTextContent("No internet connection.");

    fails = true;
    await click(user, "setup-test-connection");
    expect(screen.getByTestId("setup-connection-result")).toHaveTextContent("The test could not run.");
    expect(next()).toBeDisabled();
  });

  test("step 3: a verify token is generated on the first visit, copied, and the app secret is required", async () => {
    const { backend, user } = await setup();
    await click(user, "setup-next");
    await fillNumber(user);
    await click(user, "setup-test-connection");
    await click(user, "setup-next");
    expect(backend.callsTo("generate_verify_token")).toHaveLength(1);
    const token = screen.getByTestId("setup-verify-token") as HTMLInputElement;
    expect(token.value).toBe(TOKEN);
    expect(token).toHaveAttribute("readonly");

    await click(user, "setup-copy-verify-token");
    expect(await navigator.clipboard.readText()).toBe(TOKEN);
    expect(screen.getByTestId("setup-copy-verify-token")).toHaveTextContent("Copied");

    backend.on("generate_verify_token", () => "N".repeat(32));
    await click(user, "setup-generate-token");
    expect(token.value).toBe("N".repeat(32));
    expect(screen.getByTestId("setup-copy-verify-token")).toHaveTextContent("Copy");

    // Next shows the missing secret next to its field and moves the focus there.
    await click(user, "setup-next");
    expect(stepOf()).toBe("3");
    const secret = screen.getByTestId("setup-app-secret");
    expect(secret).toHaveAttribute("type", "password");
    expect(secret).toHaveAttribute("aria-invalid", "true");
    expect(secret).toHaveFocus();
    expect(screen.getByTestId("setup-app-secret-error")).toHaveTextContent(/Paste the app secret/);
    await user.type(secret, "has space");
    expect(screen.getByTestId("setup-app-secret-error")).toHaveTextContent("The app secret has no spaces.");
    await user.clear(secret);
    await user.type(secret, "0123abcd");
    await click(user, "setup-next");
    expect(stepOf()).toBe("4");
  });

  test("step 4: Connect sends everything; problems land at their fields, earlier steps get a link", async () => {
    const { backend, user } = await setup({
      go_live: () => ({
        result: "invalid",
        problems: [
          { field: "app_secret", message: "That app secret is not this app's." },
          { field: "ngrok_domain", message: "Not a domain reserved by this account." },
        ],
      }),
    });
    await toStep4(user);
    expect(next()).toBeDisabled();
    expect(screen.getByTestId("setup-tunnel-ngrok")).toBeChecked();
    await user.type(screen.getByTestId("setup-ngrok-authtoken"), "2abcNgrok");
    await user.type(screen.getByRole("textbox", { name: /Reserved domain/ }), "lima.ngrok.app");
    await click(user, "setup-connect");
    expect(backend.callsTo("go_live")).toEqual([
      {
        request: {
          accessToken: "EAAGtoken",
          phoneNumberId: PHONE,
          businessAccountId: WABA,
          appId: null,
          businessName: null,
          appSecret: "0123abcd",
          verifyToken: TOKEN,
          tunnel: "ngrok",
          ngrokAuthtoken: "2abcNgrok",
          ngrokDomain: "lima.ngrok.app",
          ownUrl: null,
          repointCallback: true,
        },
      },
    ]);
    expect(screen.getByRole("textbox", { name: /Reserved domain/ })).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Not a domain reserved by this account.")).toBeInTheDocument();
    const summary = screen.getByTestId("setup-problems");
    expect(summary).toHaveTextContent("App secret: That app secret is not this app's.");
    expect(next()).toBeDisabled();

    await user.click(within(summary).getByRole("button", { name: /Go to step 3/ }));
    await settle();
    expect(stepOf()).toBe("3");
    expect(screen.getByTestId("setup-app-secret")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("setup-app-secret-error")).toHaveTextContent("That app secret is not this app's.");
  });

  test("step 4: a connection problem is shown and nothing is live", async () => {
    const { user, onclose, reload } = await setup({
      go_live: () => ({
        result: "connection",
        problem: { kind: "no_network", message: "Meta could not be reached.", field: null },
      }),
    });
    await toStep4(user);
    await user.type(screen.getByTestId("setup-ngrok-authtoken"), "2abcNgrok");
    await click(user, "setup-connect");
    expect(screen.getByTestId("setup-connection-problem")).toHaveTextContent("Nothing was saved: Meta could not be reached.");
    expect(screen.queryByTestId("setup-tunnel-state")).toBeNull();
    expect(next()).toBeDisabled();
    await user.keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(reload).not.toHaveBeenCalled();
  });

  test("saved: the tunnel's state, the webhook URL to copy, pointing Meta, then done", async () => {
    const { backend, user, reload } = await setup();
    await toStep4(user);
    await user.type(screen.getByTestId("setup-ngrok-authtoken"), "2abcNgrok");
    await click(user, "setup-connect");
    expect(backend.callsTo("tunnel_state").length).toBeGreaterThanOrEqual(1);
    const state = screen.getByTestId("setup-tunnel-state");
    expect(state).toHaveTextContent("Opening the tunnel…");
    expect(screen.queryByTestId("setup-webhook-url")).toBeNull();
    expect(screen.getByTestId("setup-point-meta")).toBeDisabled();

    await backend.emit("tunnel://state", { type: "tunnel", state: { state: "connecting", attempt: 2 } });
    expect(state).toHaveTextContent("Opening the tunnel (attempt 2)…");
    await backend.emit("tunnel://state", {
      type: "tunnel",
      state: { state: "offline", error: "the tunnel service refused: bad authtoken", retry_at: NOW.getTime() + 30_000 },
    });
    expect(state).toHaveTextContent("The tunnel is offline: the tunnel service refused: bad authtoken. Next try at");
    await backend.emit("tunnel://state", {
      type: "tunnel",
      state: { state: "online", url: "https://a1b2.ngrok.app", callback: { status: "failed", error: "(#100) no" } },
    });
    expect(state).toHaveTextContent("The tunnel is online.");
    expect(screen.getByTestId("setup-webhook-url")).toHaveTextContent("https://a1b2.ngrok.app/webhook");
    expect(screen.getByTestId("setup-callback-status")).toHaveTextContent("Meta could not be told the new address: (#100) no");

    await click(user, "setup-copy-webhook-url");
    expect(await navigator.clipboard.readText()).toBe("https://a1b2.ngrok.app/webhook");
    expect(screen.getByTestId("setup-copy-webhook-url")).toHaveTextContent("Copied");

    backend.on("point_meta", () => {
      throw { code: "internal", message: "Meta refused the callback: (#2200) Callback verification failed" };
    });
    await click(user, "setup-point-meta");
    expect(screen.getByTestId("setup-point-result")).toHaveTextContent("Meta refused the callback: (#2200) Callback verification failed");
    backend.on("point_meta", () => ({ callback_url: "https://a1b2.ngrok.app/webhook", app_name: "Lima Shop" }));
    await click(user, "setup-point-meta");
    expect(backend.callsTo("point_meta")).toEqual([{ ownUrl: null }, { ownUrl: null }]);
    expect(screen.getByTestId("setup-point-result")).toHaveTextContent(
      "Meta now sends webhooks to https://a1b2.ngrok.app/webhook (Lima Shop).",
    );

    await click(user, "setup-next");
    expect(stepOf()).toBe("5");
    expect(screen.getByTestId("setup-done")).toHaveTextContent("Shopchat is live");
    expect(screen.getByTestId("setup-done-name")).toHaveTextContent("Lima Ceramics");
    expect(screen.getByTestId("setup-done-number")).toHaveTextContent("+1 555-010-0000");
    expect(screen.getByTestId("setup-done-webhook")).toHaveTextContent("https://a1b2.ngrok.app/webhook");
    expect(reload).not.toHaveBeenCalled();
    await click(user, "setup-open-chats");
    expect(reload).toHaveBeenCalledTimes(1);
  });

  test("with an own URL: no tunnel, the webhook is that URL's, and Meta is pointed at it", async () => {
    const { backend, user, reload, onclose } = await setup();
    await toStep4(user);
    await user.click(screen.getByTestId("setup-tunnel-own"));
    expect(screen.queryByTestId("setup-ngrok-authtoken")).toBeNull();
    const url = screen.getByTestId("setup-own-url");
    await user.type(url, "http://shop.example.com");
    await click(user, "setup-connect");
    expect(backend.callsTo("go_live")).toHaveLength(0);
    expect(url).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("setup-own-url-error")).toHaveTextContent(/only delivers to HTTPS/);

    await user.clear(url);
    await user.type(url, "https://shop.example.com/");
    await user.click(screen.getByTestId("setup-repoint"));
    await click(user, "setup-connect");
    expect(backend.callsTo("go_live")[0]).toMatchObject({
      request: { tunnel: "none", ownUrl: "https://shop.example.com/", ngrokAuthtoken: null, repointCallback: false },
    });
    expect(screen.queryByTestId("setup-tunnel-state")).toBeNull();
    expect(screen.getByTestId("setup-webhook-url")).toHaveTextContent("https://shop.example.com/webhook");
    await click(user, "setup-point-meta");
    expect(backend.callsTo("point_meta")).toEqual([{ ownUrl: "https://shop.example.com/" }]);

    // The engine changed: closing reloads the window instead of just closing.
    await user.click(screen.getByTestId("setup-close"));
    expect(reload).toHaveBeenCalledTimes(1);
    expect(onclose).not.toHaveBeenCalled();
  });

  test("reopened live: prefilled, secrets saved, and Disconnect after a confirmation", async () => {
    const { backend, user, reload } = await setup({}, liveSetupState());
    expect(screen.getByRole("dialog", { name: "WhatsApp settings" })).toBeInTheDocument();
    await click(user, "setup-next");
    expect(screen.getByTestId("setup-phone-number-id")).toHaveValue(PHONE);
    expect(screen.getByTestId("setup-waba-id")).toHaveValue(WABA);
    expect(screen.getByRole("textbox", { name: /App ID/ })).toHaveValue("1234567890");
    expect(screen.getByRole("textbox", { name: /Business name/ })).toHaveValue("Lima Ceramics");
    const token = screen.getByTestId("setup-access-token");
    expect(token).toHaveValue("");
    expect(token).toHaveAttribute("placeholder", "Saved — leave empty to keep");

    await click(user, "setup-test-connection");
    expect(backend.callsTo("test_connection")).toEqual([{ accessToken: null, phoneNumberId: PHONE, businessAccountId: WABA }]);
    await click(user, "setup-next");
    expect(screen.getByTestId("setup-app-secret")).toHaveAttribute("placeholder", "Saved — leave empty to keep");
    expect(backend.callsTo("generate_verify_token")).toHaveLength(0);
    await click(user, "setup-next");
    expect(screen.getByTestId("setup-ngrok-authtoken")).toHaveAttribute("placeholder", "Saved — leave empty to keep");
    expect(screen.getByRole("textbox", { name: /Reserved domain/ })).toHaveValue("lima.ngrok.app");
    expect(screen.getByTestId("setup-repoint")).not.toBeChecked();

    await click(user, "setup-disconnect");
    expect(screen.getByText("Remove the credentials from this computer's keystore and go back to the sandbox?")).toBeInTheDocument();
    expect(backend.callsTo("disconnect")).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByTestId("setup-disconnect-confirm")).toBeNull();
    await click(user, "setup-disconnect");
    await click(user, "setup-disconnect-confirm");
    expect(backend.callsTo("disconnect")).toHaveLength(1);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  test("a keystore that does not work is shown and Connect is off; rehearsal and a failed start are noted", async () => {
    const { user } = await setup(
      {},
      setupState({
        keystoreError: "no Secret Service provider",
        rehearsal: true,
        liveError: "Meta refused the access token.",
      }),
    );
    expect(screen.getByTestId("setup-keystore-error")).toHaveTextContent("no Secret Service provider");
    expect(screen.getByTestId("setup-rehearsal")).toHaveTextContent(
      "Rehearsal: Meta and the tunnel are simulated on this computer",
    );
    expect(screen.getByTestId("setup-live-error")).toHaveTextContent("Meta refused the access token.");
    await toStep4(user);
    await user.type(screen.getByTestId("setup-ngrok-authtoken"), "2abcNgrok");
    expect(screen.getByTestId("setup-connect")).toBeDisabled();
  });

  test("Escape closes; Back goes back; the step indicator returns to reached steps", async () => {
    const { user, onclose } = await setup();
    await click(user, "setup-next");
    await fillNumber(user);
    await click(user, "setup-test-connection");
    await click(user, "setup-next");
    expect(stepOf()).toBe("3");
    await click(user, "setup-back");
    expect(stepOf()).toBe("2");
    expect(screen.getByTestId("setup-phone-number-id")).toHaveValue(PHONE);
    const steps = screen.getByRole("list", { name: "Steps" });
    expect(within(steps).getByText("Your WhatsApp number").closest("li")).toHaveAttribute("aria-current", "step");
    await user.click(within(steps).getByRole("button", { name: /Webhook security/ }));
    expect(stepOf()).toBe("3");
    expect(within(steps).queryByRole("button", { name: /Public address/ })).toBeNull();
    await user.keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  test("a failed load can be retried", async () => {
    let fail = true;
    const { user } = await setup({
      setup_state: () => {
        if (fail) throw { code: "storage", message: "The settings could not be read." };
        return setupState();
      },
    });
    expect(screen.getByTestId("error-notice")).toHaveTextContent("The settings could not be read.");
    expect(next()).toBeDisabled();
    fail = false;
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await settle();
    expect(screen.getByRole("heading", { level: 3 })).toHaveTextContent("What you need");
    expect(next()).toBeEnabled();
  });
});
