// Words for a message's status, shared by the ticks, the bubbles and the chat list.
import type { ErrorView } from "../bindings/ErrorView";
import type { MessageStatus } from "../bindings/MessageStatus";
import { t } from "./i18n/index.svelte";

/** The failure as one line: "Title: details" (or just the title). */
export function describeError(error: ErrorView | null | undefined): string {
  if (!error) return t("ticks.not_sent_sentence");
  const title = error.title.trim() || t("ticks.not_sent_title");
  const details = error.details?.trim();
  return details && details !== title ? `${title}: ${details}` : title;
}

/** What a status tick says to a screen reader and in its tooltip. */
export function statusLabel(status: MessageStatus, error?: ErrorView | null): string {
  switch (status) {
    case "queued":
      return t("ticks.queued");
    case "sending":
      return t("ticks.sending");
    case "sent":
      return t("ticks.sent");
    case "delivered":
      return t("ticks.delivered");
    case "read":
      return t("ticks.read");
    case "played":
      return t("ticks.played");
    case "failed":
      return t("ticks.failed", { reason: describeError(error) });
    case "unknown":
      return t("ticks.unknown");
    case "received":
      return t("ticks.received");
  }
}
