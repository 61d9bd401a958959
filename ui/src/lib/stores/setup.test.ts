import { describe, expect, test, vi } from "vitest";
import * as api from "../../api";
import { fakeBackend, settle, type Handler } from "../../test/fakeBackend";
import { connectionCheck, liveSetupState, setupState } from "../../test/fixtures";
import { SetupWizardStore } from "./setup.svelte";

const PHONE = "106540352242922";
const WABA = "102290129340398";
const TOKEN = "B".repeat(32);

async function setup(handlers: Record<string, Handler> = {}, state = setupState()) {
  const backend = fakeBackend({
    setup_state: () => state,
    test_connection: () => ({ result: "ok", check: connectionCheck() }),
    generate_verify_token: () => TOKEN,
    go_live: () => ({ result: "saved", check: connectionCheck() }),
    ...handlers,
  });
  const wizard = new SetupWizardStore();
  const stop = wizard.connect();
  await wizard.load();
  return { backend, wizard, stop };
}

/** Fills step 2 and passes the connection test. */
async function throughStep2(wizard: SetupWizardStore): Promise<void> {
  await wizard.next();
  wizard.set("accessToken", "EAAGtoken");
  wizard.set("phoneNumberId", PHONE);
  wizard.set("businessAccountId", WABA);
  await wizard.testConnection();
}

describe("SetupWizardStore", () => {
  test("prefills from the saved settings and knows which secrets are saved", async () => {
    const { wizard, stop } = await setup({}, liveSetupState());
    expect(wizard.isLive).toBe(true);
    expect(wizard.form.phoneNumberId).toBe(PHONE);
    expect(wizard.form.businessAccountId).toBe(WABA);
    expect(wizard.form.ngrokDomain).toBe("lima.ngrok.app");
    expect(wizard.form.repointCallback).toBe(false);
    expect(wizard.form.accessToken).toBe("");
    expect(wizard.saved).toEqual({ accessToken: true, appSecret: true, verifyToken: true, ngrokAuthtoken: true });
    stop();
  });

  test("the connection test counts only for the values it tested", async () => {
    const { backend, wizard, stop } = await setup();
    await throughStep2(wizard);
    expect(backend.callsTo("test_connection")).toEqual([
      { accessToken: "EAAGtoken", phoneNumberId: PHONE, businessAccountId: WABA },
    ]);
    expect(wizard.testPassed).toBe(true);
    expect(wizard.canAdvance).toBe(true);

    wizard.set("phoneNumberId", "106540352242923");
    expect(wizard.testPassed).toBe(false);
    expect(wizard.testOutdated).toBe(true);
    expect(wizard.canAdvance).toBe(false);
    expect(await wizard.next()).toBe(false);
    expect(wizard.step).toBe(2);

    // Fields the test does not use leave it valid.
    wizard.set("phoneNumberId", PHONE);
    wizard.set("businessName", "Lima Ceramics");
    wizard.set("appId", "123");
    expect(wizard.testPassed).toBe(true);
    stop();
  });

  test("the test is not run with invalid ids, and then their problems show", async () => {
    const { backend, wizard, stop } = await setup();
    await wizard.next();
    wizard.set("phoneNumberId", "+1 555 0100");
    expect(wizard.errorFor("phone_number_id")).toBeUndefined();
    await wizard.testConnection();
    expect(backend.callsTo("test_connection")).toHaveLength(0);
    expect(wizard.errorFor("phone_number_id")).toBe("The phone number ID is digits only.");
    expect(wizard.errorFor("access_token")).toBe("Paste the access token.");
    stop();
  });

  test("a saved token is used when the field is left empty", async () => {
    const { backend, wizard, stop } = await setup({}, liveSetupState());
    await wizard.next();
    await wizard.testConnection();
    expect(backend.callsTo("test_connection")).toEqual([
      { accessToken: null, phoneNumberId: PHONE, businessAccountId: WABA },
    ]);
    stop();
  });

  test("a problem from the test shows at its field, or in general", async () => {
    let answer: unknown = {
      result: "problem",
      problem: { kind: "wrong_phone_number_id", message: "Meta knows no number with this id.", field: "phone_number_id" },
    };
    const { wizard, stop } = await setup({ test_connection: () => answer });
    await throughStep2(wizard);
    expect(wizard.testPassed).toBe(false);
    expect(wizard.errorFor("phone_number_id")).toBe("Meta knows no number with this id.");
    expect(wizard.generalTestProblem).toBeNull();

    answer = { result: "problem", problem: { kind: "no_network", message: "No internet connection.", field: null } };
    await wizard.testConnection();
    expect(wizard.errorFor("phone_number_id")).toBeUndefined();
    expect(wizard.generalTestProblem?.message).toBe("No internet connection.");
    stop();
  });

  test("Next checks the step; the first visit to step 3 generates a verify token", async () => {
    const { backend, wizard, stop } = await setup();
    await throughStep2(wizard);
    expect(await wizard.next()).toBe(true);
    expect(wizard.step).toBe(3);
    expect(wizard.form.verifyToken).toBe(TOKEN);
    expect(backend.callsTo("generate_verify_token")).toHaveLength(1);

    // The app secret is missing.
    expect(await wizard.next()).toBe(false);
    expect(wizard.errorFor("app_secret")).toMatch(/Paste the app secret/);
    wizard.set("appSecret", "0123abcd");
    expect(await wizard.next()).toBe(true);
    expect(wizard.step).toBe(4);

    // Back and forth keeps the token.
    wizard.back();
    await wizard.next();
    expect(backend.callsTo("generate_verify_token")).toHaveLength(1);
    stop();
  });

  test("no token is generated when one is saved", async () => {
    const { backend, wizard, stop } = await setup({}, liveSetupState());
    await wizard.next();
    await wizard.testConnection();
    await wizard.next();
    expect(wizard.step).toBe(3);
    expect(wizard.form.verifyToken).toBe("");
    expect(backend.callsTo("generate_verify_token")).toHaveLength(0);
    expect(await wizard.next()).toBe(true);
    stop();
  });

  test("Connect: invalid fields are placed at their steps, until edited", async () => {
    const { backend, wizard, stop } = await setup({
      go_live: () => ({
        result: "invalid",
        problems: [
          { field: "app_secret", message: "The app secret has no spaces." },
          { field: "ngrok_domain", message: "Not a domain." },
        ],
      }),
    });
    await throughStep2(wizard);
    await wizard.next();
    wizard.set("appSecret", "0123abcd");
    await wizard.next();
    wizard.set("ngrokAuthtoken", "2abcNgrok");
    await wizard.goLive();
    expect(backend.callsTo("go_live")).toHaveLength(1);
    expect(wizard.live).toBe(false);
    expect(wizard.elsewhere).toEqual([
      { field: "app_secret", step: 3, label: "App secret", message: "The app secret has no spaces." },
    ]);
    expect(wizard.errorFor("ngrok_domain")).toBe("Not a domain.");
    expect(wizard.errorFor("app_secret")).toBe("The app secret has no spaces.");

    wizard.goTo(3);
    expect(wizard.step).toBe(3);
    expect(await wizard.next()).toBe(false);
    wizard.set("appSecret", "0123abce");
    expect(wizard.errorFor("app_secret")).toBeUndefined();
    expect(await wizard.next()).toBe(true);
    stop();
  });

  test("Connect: a connection problem is shown, nothing is live", async () => {
    const { wizard, stop } = await setup({
      go_live: () => ({
        result: "connection",
        problem: { kind: "token_rejected", message: "Meta refused the access token.", field: "access_token" },
      }),
    });
    await throughStep2(wizard);
    await wizard.next();
    wizard.set("appSecret", "0123abcd");
    await wizard.next();
    wizard.set("ngrokAuthtoken", "2abcNgrok");
    await wizard.goLive();
    expect(wizard.connectionProblem?.message).toBe("Meta refused the access token.");
    expect(wizard.errorFor("access_token")).toBe("Meta refused the access token.");
    expect(wizard.elsewhere.map((p) => p.step)).toEqual([2]);
    expect(wizard.live).toBe(false);
    expect(wizard.canAdvance).toBe(false);
    stop();
  });

  test("Connect is not sent while step 4 is incomplete or the keystore does not work", async () => {
    const { backend, wizard, stop } = await setup({}, setupState({ keystoreError: "no Secret Service" }));
    expect(wizard.canSave).toBe(false);
    await wizard.goLive();
    wizard.set("ngrokAuthtoken", "2abcNgrok");
    await wizard.goLive();
    expect(backend.callsTo("go_live")).toHaveLength(0);
    stop();

    const second = await setup();
    second.wizard.setTunnel("none");
    second.wizard.set("ownUrl", "http://shop.example.com");
    await second.wizard.goLive();
    expect(second.backend.callsTo("go_live")).toHaveLength(0);
    expect(second.wizard.errorFor("own_url")).toMatch(/only delivers to HTTPS/);
    second.stop();
  });

  test("Connect saved: the tunnel is followed and the webhook URL is its URL", async () => {
    const { backend, wizard, stop } = await setup({
      tunnel_state: () => ({ state: "connecting", attempt: 1 }),
    });
    await throughStep2(wizard);
    await wizard.next();
    wizard.set("appSecret", "0123abcd");
    await wizard.next();
    wizard.set("ngrokAuthtoken", "2abcNgrok");
    await wizard.goLive();
    expect(backend.callsTo("go_live")[0]).toEqual({
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
        ngrokDomain: null,
        ownUrl: null,
        repointCallback: true,
      },
    });
    expect(wizard.live).toBe(true);
    expect(wizard.canAdvance).toBe(true);
    expect(wizard.tunnel.state).toEqual({ state: "connecting", attempt: 1 });
    expect(wizard.webhookUrl).toBeNull();
    await backend.emit("tunnel://state", {
      type: "tunnel",
      state: { state: "online", url: "https://a1b2.ngrok.app", callback: { status: "pending" } },
    });
    expect(wizard.webhookUrl).toBe("https://a1b2.ngrok.app/webhook");
    expect(await wizard.next()).toBe(true);
    expect(wizard.step).toBe(5);
    stop();
  });

  test("pointing Meta: at the own URL that was connected, even if the field was edited since", async () => {
    const { backend, wizard, stop } = await setup(
      { point_meta: () => ({ callback_url: "https://shop.example.com/webhook", app_name: "Lima Shop" }) },
      liveSetupState(),
    );
    expect(wizard.webhookUrl).toBeNull();
    wizard.setTunnel("none");
    wizard.set("ownUrl", " https://shop.example.com/ ");
    await wizard.goLive();
    expect(wizard.live).toBe(true);
    expect(wizard.webhookUrl).toBe("https://shop.example.com/webhook");
    wizard.set("ownUrl", "https://elsewhere.example.com");
    expect(wizard.webhookUrl).toBe("https://shop.example.com/webhook");
    await wizard.pointMeta();
    expect(backend.callsTo("point_meta")).toEqual([{ ownUrl: "https://shop.example.com/" }]);
    expect(wizard.pointed?.app_name).toBe("Lima Shop");
    stop();
  });

  test("pointing Meta at the tunnel sends null", async () => {
    const { backend, wizard, stop } = await setup(
      { point_meta: () => ({ callback_url: "https://a1b2.ngrok.app/webhook", app_name: "Lima Shop" }) },
      liveSetupState(),
    );
    await wizard.goLive();
    await wizard.pointMeta();
    expect(backend.callsTo("point_meta")).toEqual([{ ownUrl: null }]);
    stop();
  });

  test("disconnect reloads the window once the credentials are gone", async () => {
    const reload = vi.spyOn(api.windowControl, "reload").mockImplementation(() => {});
    let fail = true;
    const { backend, wizard, stop } = await setup(
      {
        disconnect: () => {
          if (fail) throw { code: "storage", message: "The keystore is locked." };
          return setupState();
        },
      },
      liveSetupState(),
    );
    await wizard.disconnect();
    expect(wizard.disconnectError?.message).toBe("The keystore is locked.");
    expect(reload).not.toHaveBeenCalled();
    fail = false;
    await wizard.disconnect();
    await settle();
    expect(backend.callsTo("disconnect")).toHaveLength(2);
    expect(reload).toHaveBeenCalledTimes(1);
    stop();
  });
});
