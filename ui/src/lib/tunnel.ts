// The tunnel's state and Meta's webhook in words, for the status bar, the wizard and diagnostics.
import type { CallbackStatus } from "../bindings/CallbackStatus";
import type { TunnelState } from "../bindings/TunnelState";
import { t } from "./i18n/index.svelte";
import { appLocale } from "./i18n/locale";

type Locale = string | undefined;

/** A unix-milliseconds time of day with seconds (`14:05:30`). */
export function formatClockTime(ms: number, locale?: Locale): string {
  return new Intl.DateTimeFormat(appLocale(locale), { timeStyle: "medium" }).format(new Date(ms));
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
      return t("tunnel.cb_disabled");
    case "pending":
      return t("tunnel.cb_pending");
    case "repointed":
      return t("tunnel.cb_repointed");
    case "failed":
      return t("tunnel.cb_failed", { error: callback.error });
  }
}

/** The tunnel's state in a few words (`Online at https://…`, `Offline: … Next try at 14:05:30.`). */
export function describeTunnel(state: TunnelState, locale?: Locale): string {
  switch (state.state) {
    case "off":
      return t("tunnel.off");
    case "connecting":
      return state.attempt > 1 ? t("tunnel.connecting_attempt", { attempt: state.attempt }) : t("tunnel.connecting");
    case "online":
      return t("tunnel.online_at", { url: state.url });
    case "offline":
      return t("tunnel.offline", { error: state.error, at: formatClockTime(state.retry_at, locale) });
  }
}

/** The status bar's short text; null when there is no tunnel to show. */
export function tunnelStatusText(state: TunnelState): string | null {
  switch (state.state) {
    case "off":
      return null;
    case "connecting":
      return t("tunnel.bar_connecting");
    case "online":
      return t("tunnel.bar_online", { host: hostOf(state.url) });
    case "offline":
      return t("tunnel.bar_offline", { error: state.error });
  }
}
