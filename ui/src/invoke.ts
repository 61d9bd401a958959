// Calling the Rust commands: `call` wraps Tauri's `invoke` and turns every rejection into an
// `ApiError` `{code, message}` the UI knows. The command wrappers (api.ts and api/*.ts) use it.
import { invoke, type InvokeArgs, type InvokeOptions } from "@tauri-apps/api/core";
import type { ApiError } from "./bindings/ApiError";
import type { ApiErrorCode } from "./bindings/ApiErrorCode";
import { isRecord } from "./events";
import { t } from "./lib/i18n/index.svelte";

const API_ERROR_CODES: readonly ApiErrorCode[] = [
  "invalid_input",
  "not_sandbox",
  "not_found",
  "storage",
  "outside_window",
  "auth_expired",
  "rate_limited",
  "not_recent",
  "refused",
  "invalid_template",
  "template_not_editable",
  "template_edit_limit",
  "no_app_id",
  "internal",
];


/** True for a well-formed `ApiError` with a code the UI knows. */
export function isApiError(value: unknown): value is ApiError {
  return (
    isRecord(value) &&
    typeof value.code === "string" &&
    (API_ERROR_CODES as readonly string[]).includes(value.code) &&
    typeof value.message === "string"
  );
}

/**
 * Turns whatever a rejected command (or anything else) threw into an `ApiError`:
 * a well-formed one passes through; an unknown code becomes `internal` but keeps its message;
 * a string (Tauri's own errors, e.g. a missing permission) or an `Error` keeps its text.
 */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return { code: value.code, message: value.message };
  if (isRecord(value) && typeof value.message === "string" && value.message.trim() !== "") {
    return { code: "internal", message: value.message };
  }
  if (typeof value === "string" && value.trim() !== "") {
    return { code: "internal", message: value };
  }
  return { code: "internal", message: t("error.fallback") };
}

/** Calls a command; a rejection is always a normalised `ApiError`. */
export async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (error) {
    throw toApiError(error);
  }
}

/** The header that carries an attachment's `AttachmentMeta` beside its raw bytes. */
export const ATTACHMENT_META_HEADER = "x-shopchat-meta";
