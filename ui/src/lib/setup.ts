// The "Go live" wizard's model, without Svelte: its steps and fields, the checks each step makes
// before Next (the same rules the Rust side applies, so most mistakes are caught while typing),
// the `GoLive` request built from the form, and where the Rust side's field problems belong.
import type { FieldProblem } from "../bindings/FieldProblem";
import type { GoLive } from "../bindings/GoLive";
import type { SecretStatus } from "../bindings/SecretStatus";
import type { Settings } from "../bindings/Settings";
import type { TunnelChoice } from "../bindings/TunnelChoice";
import { t, type MessageKey } from "./i18n/index.svelte";

export type Step = 1 | 2 | 3 | 4 | 5;

/** The steps; each title is read in the app's language when shown. */
export const STEPS: readonly { readonly step: Step; readonly title: string }[] = ([1, 2, 3, 4, 5] as const).map((step) => ({
  step,
  get title() {
    return t(`setup.step_${step}`);
  },
}));

export function stepTitle(step: Step): string {
  return STEPS[step - 1]?.title ?? "";
}

/** The fields the wizard asks for, by the names the Rust side uses in `FieldProblem.field`. */
export type SetupField =
  | "access_token"
  | "phone_number_id"
  | "business_account_id"
  | "app_id"
  | "business_name"
  | "app_secret"
  | "verify_token"
  | "ngrok_authtoken"
  | "ngrok_domain"
  | "own_url";

export const FIELD_STEP: Record<SetupField, Step> = {
  access_token: 2,
  phone_number_id: 2,
  business_account_id: 2,
  app_id: 2,
  business_name: 2,
  app_secret: 3,
  verify_token: 3,
  ngrok_authtoken: 4,
  ngrok_domain: 4,
  own_url: 4,
};

/** A field's name as the owner reads it, in the app's language. */
export function fieldLabel(field: SetupField): string {
  return t(`setup.field_${field}` satisfies MessageKey);
}

/** The wizard's field a Rust field name refers to (`public_url` is how the own URL is saved); null when none. */
export function fieldOf(name: string): SetupField | null {
  if (name === "public_url") return "own_url";
  return Object.prototype.hasOwnProperty.call(FIELD_STEP, name) ? (name as SetupField) : null;
}

// ---------------------------------------------------------------------------------------------
// Secrets and the form

/** The keystore entries, by the names `SetupState.secrets` uses. */
export const SECRET_NAMES = {
  accessToken: "whatsapp-access-token",
  appSecret: "whatsapp-app-secret",
  verifyToken: "whatsapp-verify-token",
  ngrokAuthtoken: "ngrok-authtoken",
} as const;

/** Which secrets the keystore already holds (a field left empty keeps it). */
export type SavedSecrets = Record<keyof typeof SECRET_NAMES, boolean>;

export function savedSecrets(statuses: readonly SecretStatus[]): SavedSecrets {
  const isSet = (name: string): boolean => statuses.some((s) => s.name === name && s.set);
  return {
    accessToken: isSet(SECRET_NAMES.accessToken),
    appSecret: isSet(SECRET_NAMES.appSecret),
    verifyToken: isSet(SECRET_NAMES.verifyToken),
    ngrokAuthtoken: isSet(SECRET_NAMES.ngrokAuthtoken),
  };
}

export const NO_SECRETS: SavedSecrets = { accessToken: false, appSecret: false, verifyToken: false, ngrokAuthtoken: false };

/** What the owner typed. Secrets are never prefilled: empty means "keep the saved one". */
export interface SetupForm {
  accessToken: string;
  phoneNumberId: string;
  businessAccountId: string;
  appId: string;
  businessName: string;
  appSecret: string;
  verifyToken: string;
  tunnel: TunnelChoice;
  ngrokAuthtoken: string;
  ngrokDomain: string;
  ownUrl: string;
  repointCallback: boolean;
}

/** Which wizard field each form key is. */
export const FORM_FIELD: Record<Exclude<keyof SetupForm, "tunnel" | "repointCallback">, SetupField> = {
  accessToken: "access_token",
  phoneNumberId: "phone_number_id",
  businessAccountId: "business_account_id",
  appId: "app_id",
  businessName: "business_name",
  appSecret: "app_secret",
  verifyToken: "verify_token",
  ngrokAuthtoken: "ngrok_authtoken",
  ngrokDomain: "ngrok_domain",
  ownUrl: "own_url",
};

export function emptyForm(): SetupForm {
  return {
    accessToken: "",
    phoneNumberId: "",
    businessAccountId: "",
    appId: "",
    businessName: "",
    appSecret: "",
    verifyToken: "",
    tunnel: "ngrok",
    ngrokAuthtoken: "",
    ngrokDomain: "",
    ownUrl: "",
    repointCallback: true,
  };
}

/** The form prefilled from the saved settings (the ngrok tunnel unless an own URL is saved). */
export function formFromSettings(settings: Settings): SetupForm {
  const ownUrl = settings.public_url ?? "";
  return {
    ...emptyForm(),
    phoneNumberId: settings.phone_number_id ?? "",
    businessAccountId: settings.business_account_id ?? "",
    appId: settings.app_id ?? "",
    businessName: settings.business_name ?? "",
    tunnel: settings.tunnel === "none" && ownUrl !== "" ? "none" : "ngrok",
    ngrokDomain: settings.ngrok_domain ?? "",
    ownUrl,
    repointCallback: settings.repoint_callback,
  };
}

// ---------------------------------------------------------------------------------------------
// Checks: each returns what is wrong, in the owner's words, or null

const MAX_ID_DIGITS = 32;
export const MIN_VERIFY_TOKEN_LENGTH = 16;
const MAX_CALLBACK_URL_LENGTH = 200;
const MAX_BUSINESS_NAME_BYTES = 256;

/** A Meta id: digits only (`required` says whether an empty one is a problem). */
export function numericIdProblem(value: string, label: string, required: boolean): string | null {
  const id = value.trim();
  if (id === "") return required ? t("setup.paste_id", { label }) : null;
  if (!/^\d+$/.test(id)) return t("setup.id_digits", { label });
  if (id.length > MAX_ID_DIGITS) return t("setup.id_too_long", { label, max: MAX_ID_DIGITS });
  return null;
}

/** A secret: required unless one is saved; never with spaces. */
export function secretProblem(value: string, saved: boolean, missing: string, spaces: string): string | null {
  if (value.trim() === "") return saved ? null : missing;
  if (/\s/.test(value.trim())) return spaces;
  return null;
}

export function accessTokenProblem(value: string, saved: boolean): string | null {
  return secretProblem(value, saved, t("setup.paste_access_token"), t("setup.access_token_spaces"));
}

export function appSecretProblem(value: string, saved: boolean): string | null {
  return secretProblem(value, saved, t("setup.paste_app_secret"), t("setup.app_secret_spaces"));
}

export function ngrokAuthtokenProblem(value: string, saved: boolean): string | null {
  return secretProblem(value, saved, t("setup.paste_ngrok"), t("setup.ngrok_spaces"));
}

/** At least 16 printable characters without spaces; empty is fine when one is saved. */
export function verifyTokenProblem(value: string, saved: boolean): string | null {
  if (value === "") return saved ? null : t("setup.generate_token");
  if (value.length < MIN_VERIFY_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(value)) {
    return t("setup.token_short");
  }
  return null;
}

/** An optional reserved domain like `shop.ngrok.app`. */
export function ngrokDomainProblem(value: string): string | null {
  const domain = value.trim();
  if (domain === "") return null;
  const label = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
  const valid = domain.length <= 253 && domain.includes(".") && domain.split(".").every((part) => label.test(part));
  return valid ? null : t("setup.domain_only");
}

/** The owner's own public address: `https://` and a host name, short enough for Meta. */
export function ownUrlProblem(value: string): string | null {
  const url = value.trim();
  if (url === "") return t("setup.url_missing");
  if (/^http:\/\//i.test(url)) {
    return t("setup.url_http");
  }
  if (!/^https:\/\//i.test(url) || /\s/.test(url)) return t("setup.url_like");
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return t("setup.url_like");
  }
  if (!host.includes(".")) return t("setup.url_like");
  if (webhookUrl(url).length > MAX_CALLBACK_URL_LENGTH) {
    return t("setup.url_too_long", { max: MAX_CALLBACK_URL_LENGTH });
  }
  return null;
}

export function businessNameProblem(value: string): string | null {
  return new TextEncoder().encode(value.trim()).length > MAX_BUSINESS_NAME_BYTES
    ? t("setup.name_too_long")
    : null;
}

export type Problems = Partial<Record<SetupField, string>>;

function collect(entries: [SetupField, string | null][]): Problems {
  const problems: Problems = {};
  for (const [field, problem] of entries) if (problem !== null) problems[field] = problem;
  return problems;
}

/** The fields the connection test needs, checked. */
export function connectionProblems(form: SetupForm, saved: SavedSecrets): Problems {
  return collect([
    ["access_token", accessTokenProblem(form.accessToken, saved.accessToken)],
    ["phone_number_id", numericIdProblem(form.phoneNumberId, t("setup.id_phone"), true)],
    ["business_account_id", numericIdProblem(form.businessAccountId, t("setup.id_waba"), true)],
  ]);
}

/** What is wrong on one step (nothing on the first and last). */
export function stepProblems(step: Step, form: SetupForm, saved: SavedSecrets): Problems {
  switch (step) {
    case 2:
      return {
        ...connectionProblems(form, saved),
        ...collect([
          ["app_id", numericIdProblem(form.appId, t("setup.id_app"), false)],
          ["business_name", businessNameProblem(form.businessName)],
        ]),
      };
    case 3:
      return collect([
        ["app_secret", appSecretProblem(form.appSecret, saved.appSecret)],
        ["verify_token", verifyTokenProblem(form.verifyToken, saved.verifyToken)],
      ]);
    case 4:
      return form.tunnel === "ngrok"
        ? collect([
            ["ngrok_authtoken", ngrokAuthtokenProblem(form.ngrokAuthtoken, saved.ngrokAuthtoken)],
            ["ngrok_domain", ngrokDomainProblem(form.ngrokDomain)],
          ])
        : collect([["own_url", ownUrlProblem(form.ownUrl)]]);
    default:
      return {};
  }
}

/** The fields a connection test depends on: a test passed with other values no longer counts. */
export function connectionKey(form: SetupForm): string {
  return JSON.stringify([form.accessToken.trim(), form.phoneNumberId.trim(), form.businessAccountId.trim()]);
}

// ---------------------------------------------------------------------------------------------
// The request

const orNull = (value: string): string | null => {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
};

/**
 * The `GoLive` request for the form: empty secrets become null (keep the saved one), empty
 * optional fields null; only the chosen public address's fields are sent.
 */
export function buildGoLive(form: SetupForm): GoLive {
  const ngrok = form.tunnel === "ngrok";
  return {
    accessToken: orNull(form.accessToken),
    phoneNumberId: form.phoneNumberId.trim(),
    businessAccountId: form.businessAccountId.trim(),
    appId: orNull(form.appId),
    businessName: orNull(form.businessName),
    appSecret: orNull(form.appSecret),
    verifyToken: form.verifyToken === "" ? null : form.verifyToken,
    tunnel: form.tunnel,
    ngrokAuthtoken: ngrok ? orNull(form.ngrokAuthtoken) : null,
    ngrokDomain: ngrok ? orNull(form.ngrokDomain) : null,
    ownUrl: ngrok ? null : orNull(form.ownUrl),
    repointCallback: form.repointCallback,
  };
}

/** The webhook address for a public base URL (`https://x.ngrok.app` → `https://x.ngrok.app/webhook`). */
export function webhookUrl(base: string): string {
  const trimmed = base.trim().replace(/\/+$/, "").replace(/\/webhook$/, "");
  return `${trimmed}/webhook`;
}

// ---------------------------------------------------------------------------------------------
// The Rust side's problems

export interface PlacedProblem {
  /** The wizard's field, or null for one it does not show. */
  field: SetupField | null;
  /** The step the field is on, or null. */
  step: Step | null;
  label: string;
  message: string;
}

/** Each problem with the field and step it belongs to (in the order given). */
export function placeProblems(problems: readonly FieldProblem[]): PlacedProblem[] {
  return problems.map((p) => {
    const field = fieldOf(p.field);
    return {
      field,
      step: field ? FIELD_STEP[field] : null,
      label: field ? fieldLabel(field) : p.field,
      message: p.message,
    };
  });
}

/** The messages by field (the first one for a field wins). */
export function problemsByField(placed: readonly PlacedProblem[]): Problems {
  const byField: Problems = {};
  for (const p of placed) if (p.field && byField[p.field] === undefined) byField[p.field] = p.message;
  return byField;
}

// ---------------------------------------------------------------------------------------------
// The connection test's answer in words

/** `GREEN`/`YELLOW`/`RED` as a pill's tone; anything else is unknown. */
export function qualityTone(rating: string | null): "green" | "yellow" | "red" | "unknown" {
  switch (rating?.toUpperCase()) {
    case "GREEN":
      return "green";
    case "YELLOW":
      return "yellow";
    case "RED":
      return "red";
    default:
      return "unknown";
  }
}

/** A messaging tier (`TIER_1K`) as the owner reads it ("1,000 customers a day"); null when unknown. */
export function describeTier(tier: string | null): string | null {
  if (!tier) return null;
  if (/^TIER_UNLIMITED$/i.test(tier)) return t("setup.tier_unlimited");
  const match = /^TIER_(\d+)(K?)$/i.exec(tier);
  if (!match) return tier;
  const count = Number(match[1]) * (match[2] ? 1000 : 1);
  return t("setup.tier", { count });
}
