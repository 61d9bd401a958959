import { describe, expect, test } from "vitest";
import { liveSetupState, settings } from "../test/fixtures";
import {
  buildGoLive,
  connectionKey,
  describeTier,
  emptyForm,
  fieldOf,
  formFromSettings,
  NO_SECRETS,
  numericIdProblem,
  ownUrlProblem,
  placeProblems,
  problemsByField,
  qualityTone,
  savedSecrets,
  stepProblems,
  verifyTokenProblem,
  webhookUrl,
  type SetupForm,
} from "./setup";

const ALL_SAVED = { accessToken: true, appSecret: true, verifyToken: true, ngrokAuthtoken: true };

function form(fields: Partial<SetupForm> = {}): SetupForm {
  return {
    ...emptyForm(),
    accessToken: "EAAGtoken",
    phoneNumberId: "106540352242922",
    businessAccountId: "102290129340398",
    appSecret: "0123456789abcdef",
    verifyToken: "A".repeat(32),
    ngrokAuthtoken: "2abcNgrok",
    ...fields,
  };
}

describe("checks", () => {
  test("ids are digits only; optional ones may be empty", () => {
    expect(numericIdProblem("106540352242922", "phone number ID", true)).toBeNull();
    expect(numericIdProblem(" 106540352242922 ", "phone number ID", true)).toBeNull();
    expect(numericIdProblem("", "phone number ID", true)).toBe("Paste the phone number ID.");
    expect(numericIdProblem("", "app ID", false)).toBeNull();
    expect(numericIdProblem("10654-0352", "phone number ID", true)).toBe("The phone number ID is digits only.");
    expect(numericIdProblem("+15550100000", "phone number ID", true)).toBe("The phone number ID is digits only.");
    expect(numericIdProblem("1".repeat(33), "app ID", false)).toBe("The app ID is at most 32 digits.");
  });

  test("the own URL must be a public https:// address", () => {
    expect(ownUrlProblem("https://shop.example.com")).toBeNull();
    expect(ownUrlProblem("https://shop.example.com/whatsapp/")).toBeNull();
    expect(ownUrlProblem("")).toMatch(/Give your public HTTPS address/);
    expect(ownUrlProblem("http://shop.example.com")).toMatch(/only delivers to HTTPS/);
    expect(ownUrlProblem("shop.example.com")).toMatch(/like https:\/\/shop.example.com/);
    expect(ownUrlProblem("https://localhost")).toMatch(/like https:\/\/shop.example.com/);
    expect(ownUrlProblem("https://shop example.com")).toMatch(/like https:\/\/shop.example.com/);
    expect(ownUrlProblem(`https://shop.example.com/${"a".repeat(200)}`)).toMatch(/at most 200 characters/);
  });

  test("the verify token has at least 16 printable characters, or is saved", () => {
    expect(verifyTokenProblem("abcdefghijklmnop", false)).toBeNull();
    expect(verifyTokenProblem("abcdefghijklmno", false)).toMatch(/at least 16/);
    expect(verifyTokenProblem("abcdefgh ijklmnopq", false)).toMatch(/no spaces/);
    expect(verifyTokenProblem("abcdefghijklmnopé", false)).toMatch(/at least 16/);
    expect(verifyTokenProblem("", false)).toBe("Generate a verify token.");
    expect(verifyTokenProblem("", true)).toBeNull();
  });

  test("each step checks its own fields; saved secrets may stay empty", () => {
    expect(stepProblems(1, emptyForm(), NO_SECRETS)).toEqual({});
    expect(stepProblems(2, form(), NO_SECRETS)).toEqual({});
    expect(Object.keys(stepProblems(2, emptyForm(), NO_SECRETS)).sort()).toEqual([
      "access_token",
      "business_account_id",
      "phone_number_id",
    ]);
    expect(stepProblems(2, form({ accessToken: "" }), ALL_SAVED)).toEqual({});
    expect(stepProblems(2, form({ appId: "abc" }), NO_SECRETS)).toEqual({ app_id: "The app ID is digits only." });

    expect(stepProblems(3, form(), NO_SECRETS)).toEqual({});
    expect(stepProblems(3, form({ appSecret: "", verifyToken: "" }), NO_SECRETS)).toEqual({
      app_secret: "Paste the app secret (App settings → Basic → App secret).",
      verify_token: "Generate a verify token.",
    });
    expect(stepProblems(3, form({ appSecret: "", verifyToken: "" }), ALL_SAVED)).toEqual({});
    expect(stepProblems(3, form({ appSecret: "abc def" }), ALL_SAVED)).toEqual({
      app_secret: "The app secret has no spaces.",
    });

    expect(stepProblems(4, form(), NO_SECRETS)).toEqual({});
    expect(stepProblems(4, form({ ngrokAuthtoken: "" }), NO_SECRETS)).toHaveProperty("ngrok_authtoken");
    expect(stepProblems(4, form({ ngrokAuthtoken: "" }), ALL_SAVED)).toEqual({});
    expect(stepProblems(4, form({ ngrokDomain: "https://shop.ngrok.app" }), NO_SECRETS)).toHaveProperty("ngrok_domain");
    expect(stepProblems(4, form({ ngrokDomain: "shop.ngrok.app" }), NO_SECRETS)).toEqual({});
    // With an own URL the ngrok fields do not matter, the URL does.
    expect(stepProblems(4, form({ tunnel: "none", ngrokAuthtoken: "", ownUrl: "" }), NO_SECRETS)).toEqual({
      own_url: "Give your public HTTPS address, or choose the ngrok tunnel.",
    });
    expect(stepProblems(4, form({ tunnel: "none", ownUrl: "https://shop.example.com" }), NO_SECRETS)).toEqual({});
  });
});

describe("the connection test's key", () => {
  test("changes with a tested field, not with the others", () => {
    const base = form();
    expect(connectionKey({ ...base })).toBe(connectionKey(base));
    expect(connectionKey({ ...base, phoneNumberId: "106540352242923" })).not.toBe(connectionKey(base));
    expect(connectionKey({ ...base, businessAccountId: "1" })).not.toBe(connectionKey(base));
    expect(connectionKey({ ...base, accessToken: "other" })).not.toBe(connectionKey(base));
    expect(connectionKey({ ...base, appId: "42", businessName: "X", appSecret: "s" })).toBe(connectionKey(base));
    // Surrounding spaces are not a different value.
    expect(connectionKey({ ...base, phoneNumberId: " 106540352242922 " })).toBe(connectionKey(base));
  });
});

describe("the GoLive request", () => {
  test("empty secrets and optional fields become null; values are trimmed", () => {
    expect(
      buildGoLive(
        form({
          accessToken: "",
          phoneNumberId: " 106540352242922 ",
          appSecret: "  ",
          verifyToken: "",
          ngrokAuthtoken: "",
          businessName: " Lima Ceramics ",
        }),
      ),
    ).toEqual({
      accessToken: null,
      phoneNumberId: "106540352242922",
      businessAccountId: "102290129340398",
      appId: null,
      businessName: "Lima Ceramics",
      appSecret: null,
      verifyToken: null,
      tunnel: "ngrok",
      ngrokAuthtoken: null,
      ngrokDomain: null,
      ownUrl: null,
      repointCallback: true,
    });
  });

  test("carries the secrets typed, and only the chosen address's fields", () => {
    const ngrok = buildGoLive(form({ ngrokDomain: "lima.ngrok.app", ownUrl: "https://old.example.com", appId: "77" }));
    expect(ngrok).toMatchObject({
      accessToken: "EAAGtoken",
      appSecret: "0123456789abcdef",
      verifyToken: "A".repeat(32),
      appId: "77",
      tunnel: "ngrok",
      ngrokAuthtoken: "2abcNgrok",
      ngrokDomain: "lima.ngrok.app",
      ownUrl: null,
    });
    const own = buildGoLive(
      form({ tunnel: "none", ownUrl: " https://shop.example.com ", ngrokDomain: "lima.ngrok.app", repointCallback: false }),
    );
    expect(own).toMatchObject({
      tunnel: "none",
      ngrokAuthtoken: null,
      ngrokDomain: null,
      ownUrl: "https://shop.example.com",
      repointCallback: false,
    });
  });
});

describe("prefilling", () => {
  test("from the saved settings; secrets never", () => {
    const state = liveSetupState();
    expect(formFromSettings(state.settings)).toEqual({
      ...emptyForm(),
      phoneNumberId: "106540352242922",
      businessAccountId: "102290129340398",
      appId: "1234567890",
      businessName: "Lima Ceramics",
      tunnel: "ngrok",
      ngrokDomain: "lima.ngrok.app",
      repointCallback: false,
    });
    expect(savedSecrets(state.secrets)).toEqual(ALL_SAVED);
  });

  test("an own URL is kept; without one the ngrok tunnel is proposed", () => {
    expect(formFromSettings(settings({ tunnel: "none", public_url: "https://shop.example.com" }))).toMatchObject({
      tunnel: "none",
      ownUrl: "https://shop.example.com",
    });
    expect(formFromSettings(settings())).toMatchObject({ tunnel: "ngrok", repointCallback: true });
  });

  test("only the secrets marked set count as saved", () => {
    expect(
      savedSecrets([
        { name: "whatsapp-access-token", set: true },
        { name: "whatsapp-app-secret", set: false },
        { name: "ngrok-authtoken", set: true },
      ]),
    ).toEqual({ accessToken: true, appSecret: false, verifyToken: false, ngrokAuthtoken: true });
  });
});

describe("the Rust side's problems", () => {
  test("are placed at their field and step; unknown fields stay general", () => {
    const placed = placeProblems([
      { field: "app_secret", message: "The app secret has no spaces." },
      { field: "public_url", message: "Not HTTPS." },
      { field: "phone_number_id", message: "Digits only." },
      { field: "listen_port", message: "Use a port from 1 to 65535." },
    ]);
    expect(placed).toEqual([
      { field: "app_secret", step: 3, label: "App secret", message: "The app secret has no spaces." },
      { field: "own_url", step: 4, label: "Public HTTPS URL", message: "Not HTTPS." },
      { field: "phone_number_id", step: 2, label: "Phone number ID", message: "Digits only." },
      { field: null, step: null, label: "listen_port", message: "Use a port from 1 to 65535." },
    ]);
    expect(problemsByField(placed)).toEqual({
      app_secret: "The app secret has no spaces.",
      own_url: "Not HTTPS.",
      phone_number_id: "Digits only.",
    });
    expect(fieldOf("toString")).toBeNull();
  });
});

describe("wording", () => {
  test("webhook URLs", () => {
    expect(webhookUrl("https://a1b2.ngrok.app")).toBe("https://a1b2.ngrok.app/webhook");
    expect(webhookUrl("https://shop.example.com/")).toBe("https://shop.example.com/webhook");
    expect(webhookUrl("https://shop.example.com/webhook")).toBe("https://shop.example.com/webhook");
  });

  test("quality and tier", () => {
    expect(qualityTone("GREEN")).toBe("green");
    expect(qualityTone("yellow")).toBe("yellow");
    expect(qualityTone("RED")).toBe("red");
    expect(qualityTone(null)).toBe("unknown");
    expect(describeTier("TIER_1K")).toBe("1,000 customers a day");
    expect(describeTier("TIER_250")).toBe("250 customers a day");
    expect(describeTier("TIER_UNLIMITED")).toBe("Unlimited customers a day");
    expect(describeTier("TIER_NEW")).toBe("TIER_NEW");
    expect(describeTier(null)).toBeNull();
  });
});
