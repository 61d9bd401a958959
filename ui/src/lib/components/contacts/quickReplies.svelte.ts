// The composer's quick replies: the picker opens when the text ends with `/word` in a chat,
// the saved replies are loaded once, and a pick replaces the `/word` with the reply filled for
// the chat's contact (its file, if any, is attached like a chosen file).
import { convertFileSrc } from "@tauri-apps/api/core";
import { toApiError } from "../../../api";
import type { ApiError } from "../../../bindings/ApiError";
import type { QuickReplyView } from "../../../bindings/QuickReplyView";
import { contactsApi, insertReply, slashQuery } from "../../contacts";

export function useQuickReplies(
  contact: () => string | undefined,
  text: () => string,
  setText: (next: string) => void,
  attach: (file: File) => void,
) {
  let replies = $state.raw<QuickReplyView[]>([]);
  let loaded = false;
  let dismissedAt = $state<string | null>(null);
  let error = $state<ApiError | null>(null);
  let managing = $state(false);

  const query = $derived(contact() ? slashQuery(text()) : null);
  const open = $derived(query !== null && dismissedAt !== text());

  $effect(() => {
    if (query !== null && !loaded) {
      loaded = true;
      contactsApi
        .quickReplies()
        .then((list) => (replies = list))
        .catch((e: unknown) => {
          loaded = false;
          error = toApiError(e);
        });
    }
  });

  async function pick(reply: QuickReplyView): Promise<void> {
    const to = contact();
    if (!to) return;
    try {
      const filled = await contactsApi.renderQuickReply(reply.shortcut, to);
      setText(insertReply(text(), filled.text));
      if (filled.file) {
        const blob = await (await fetch(convertFileSrc(filled.file.path))).blob();
        attach(new File([blob], filled.file.name, { type: filled.file.mime_type }));
      }
    } catch (e) {
      error = toApiError(e);
    }
  }

  return {
    get replies() {
      return replies;
    },
    get query() {
      return query;
    },
    get open() {
      return open;
    },
    get error() {
      return error;
    },
    get managing() {
      return managing;
    },
    manage(on: boolean) {
      managing = on;
      if (on) dismissedAt = text();
    },
    setReplies(list: QuickReplyView[]) {
      replies = list;
      loaded = true;
    },
    pick,
    dismiss() {
      dismissedAt = text();
    },
  };
}
