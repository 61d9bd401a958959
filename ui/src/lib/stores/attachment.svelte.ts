// The file the composer is about to send: checked against the Cloud API's limits (fetched with
// `media_limits` when a file is chosen) before anything is uploaded, with a preview for pictures.
import * as api from "../../api";
import type { MediaKindView } from "../../bindings/MediaKindView";
import { checkAttachment } from "../media";

/** Reads a picture as a `data:` URL for the preview (the window's content policy allows those). */
function readAsDataUrl(file: File): Promise<string | null> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(file);
  });
}

/** Largest picture previewed in the composer. */
const PREVIEW_MAX_BYTES = 8 * 1024 * 1024;

export class AttachmentDraft {
  /** The chosen file (kept when refused, to name it). */
  file = $state.raw<File | null>(null);
  kind = $state<MediaKindView>("document");
  mimeType = $state("");
  /** Whether the file passed the checks and can be sent. */
  ok = $state(false);
  /** Why it cannot be sent, naming the limit. */
  error = $state<string | null>(null);
  /** A refused file could go as a document instead. */
  canSendAsDocument = $state(false);
  checking = $state(false);
  preview = $state<string | null>(null);
  caption = $state("");

  #generation = 0;

  /** Checks a file (as `kind`, else the kind its type suggests) against the current limits. */
  async choose(file: File, kind?: MediaKindView): Promise<void> {
    const generation = ++this.#generation;
    this.file = file;
    this.ok = false;
    this.error = null;
    this.canSendAsDocument = false;
    this.preview = null;
    this.checking = true;
    try {
      const limits = await api.mediaLimits();
      if (generation !== this.#generation) return;
      const check = checkAttachment(file, limits, kind);
      this.kind = check.kind;
      this.mimeType = check.mimeType;
      if (!check.ok) {
        this.error = check.message;
        this.canSendAsDocument = check.asDocument;
        return;
      }
      this.ok = true;
      if ((check.kind === "image" || check.kind === "sticker") && file.size <= PREVIEW_MAX_BYTES) {
        const preview = await readAsDataUrl(file);
        if (generation === this.#generation) this.preview = preview;
      }
    } catch (error) {
      if (generation === this.#generation) this.error = api.toApiError(error).message;
    } finally {
      if (generation === this.#generation) this.checking = false;
    }
  }

  /** Sends the refused file as a document (any type goes as a document). */
  sendAsDocument(): Promise<void> {
    return this.file ? this.choose(this.file, "document") : Promise.resolve();
  }

  clear(): void {
    this.#generation++;
    this.file = null;
    this.ok = false;
    this.error = null;
    this.canSendAsDocument = false;
    this.checking = false;
    this.preview = null;
    this.caption = "";
  }
}
