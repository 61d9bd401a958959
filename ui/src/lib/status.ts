// Words for a message's status, shared by the ticks, the bubbles and the chat list.
import type { ErrorView } from "../bindings/ErrorView";
import type { MessageStatus } from "../bindings/MessageStatus";

/** The failure as one line: "Title: details" (or just the title). */
export function describeError(error: ErrorView | null | undefined): string {
  if (!error) return "The message could not be sent.";
  const title = error.title.trim() || "The message could not be sent";
  const details = error.details?.trim();
  return details && details !== title ? `${title}: ${details}` : title;
}

/** What a status tick says to a screen reader and in its tooltip. */
export function statusLabel(status: MessageStatus, error?: ErrorView | null): string {
  switch (status) {
    case "queued":
      return "Waiting to send";
    case "sending":
      return "Sending";
    case "sent":
      return "Sent";
    case "delivered":
      return "Delivered";
    case "read":
      return "Read";
    case "played":
      return "Played";
    case "failed":
      return `Not sent. ${describeError(error)}`;
    case "unknown":
      return "May not have been sent";
    case "received":
      return "Received";
  }
}
