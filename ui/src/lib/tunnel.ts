// The tunnel's state and Meta's webhook in words, for the status bar, the wizard and diagnostics.
import type { CallbackStatus } from "../bindings/CallbackStatus";
import type { TunnelState } from "../bindings/TunnelState";

type Locale = string | undefined;

/** A unix-milliseconds time of day with seconds (`14:05:30`). */
export function formatClockTime(ms: number, locale?: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "medium" }).format(new Date(ms));
}

/** The host of a URL (`https://a1b2.ngrok.app` → `a1b2.ngrok.app`), or the text itself when it is none. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** Whether Meta's webhook follows the tunnel, in a sentence. */
export function describeCallback(callback: CallbackStatus): string {
  switch (callback.status) {
    case "disabled":
      return "Meta is not re-pointed automatically.";
    case "pending":
      return "Telling Meta the new address…";
    case "repointed":
      return "Meta sends webhooks to this address.";
    case "failed":
      return `Meta could not be told the new address: ${callback.error}`;
  }
}

/** The tunnel's state in a few words (`Online at https://…`, `Offline: … Next try at 14:05:30.`). */
export function describeTunnel(state: TunnelState, locale?: Locale): string {
  switch (state.state) {
    case "off":
      return "Off";
    case "connecting":
      return state.attempt > 1 ? `Connecting (attempt ${state.attempt})…` : "Connecting…";
    case "online":
      return `Online at ${state.url}`;
    case "offline":
      return `Offline: ${state.error}. Next try at ${formatClockTime(state.retry_at, locale)}.`;
  }
}

/** The status bar's short text; null when there is no tunnel to show. */
export function tunnelStatusText(state: TunnelState): string | null {
  switch (state.state) {
    case "off":
      return null;
    case "connecting":
      return "Tunnel connecting…";
    case "online":
      return `Online: ${hostOf(state.url)}`;
    case "offline":
      return `Tunnel offline: ${state.error}`;
  }
}
