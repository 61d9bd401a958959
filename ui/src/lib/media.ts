// Files: which media kind a file is sent as, whether the Cloud API takes it (checked before
// any upload), and how sizes and file types read. Pure functions.
import { filesize } from "filesize";
import mime from "mime/lite";
import type { MediaKindView } from "../bindings/MediaKindView";
import type { MediaLimitView } from "../bindings/MediaLimitView";
import { i18n, t, type MessageKey } from "./i18n/index.svelte";
import { appLocale } from "./i18n/locale";

/** A size as people read it, in binary units with familiar names: `16 MB`, `17.2 MB` (`17,2 MB`), `500 B`. */
export function formatBytes(bytes: number): string {
  return filesize(bytes, { base: 2, standard: "jedec", round: 1, locale: appLocale() });
}

/** The file's MIME type: the browser's guess, else one from its extension, else a generic one. */
export function fileMimeType(file: { name: string; type: string }): string {
  const type = file.type.split(";")[0]?.trim().toLowerCase() ?? "";
  return type || mime.getType(file.name) || "application/octet-stream";
}

/** The kind a file of this MIME type is sent as; anything WhatsApp does not play or show inline is a document. */
export function kindForMime(mimeType: string): MediaKindView {
  if (mimeType === "image/jpeg" || mimeType === "image/png") return "image";
  if (mimeType === "image/webp") return "sticker";
  if (mimeType === "video/mp4" || mimeType === "video/3gpp") return "video";
  if (mimeType.startsWith("audio/")) return "audio";
  return "document";
}

/** The kinds as people name them, plural: "Photos", "Videos"… (the refusals' subject). */
const KIND_PLURAL: Record<MediaKindView, MessageKey> = {
  image: "media.kinds_image",
  video: "media.kinds_video",
  audio: "media.kinds_audio",
  document: "media.kinds_document",
  sticker: "media.kinds_sticker",
};

/** Familiar names for the types WhatsApp takes (a MIME type is no word for a shop owner). */
const TYPE_NAMES: Record<string, string> = {
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/webp": "WebP",
  "video/mp4": "MP4",
  "video/3gpp": "3GP",
  "audio/aac": "AAC",
  "audio/amr": "AMR",
  "audio/mpeg": "MP3",
  "audio/mp4": "M4A",
  "audio/ogg": "OGG",
  "audio/opus": "Opus",
};

/** A file type in words: `MP3`, `WAV`, `EXE` (its extension when the type says nothing), or null. */
function typeName(mimeType: string, filename: string): string | null {
  const known = TYPE_NAMES[mimeType];
  if (known) return known;
  const fromName = filename.match(/\.([a-z0-9]{1,5})$/i)?.[1];
  const fromMime = mimeType === "application/octet-stream" ? null : mime.getExtension(mimeType);
  return (fromName ?? fromMime)?.toUpperCase() ?? null;
}

const KIND_NAME: Record<MediaKindView, MessageKey> = {
  image: "media.kind_image",
  video: "media.kind_video",
  audio: "media.kind_audio",
  document: "media.kind_document",
  sticker: "media.kind_sticker",
};

/** "Photo", "Video", "Audio", "Document", "Sticker" (a voice note: "Voice message"), in the app's language. */
export function kindName(kind: MediaKindView, voice = false): string {
  return t(kind === "audio" && voice ? "media.kind_voice" : KIND_NAME[kind]);
}

export type AttachmentCheck =
  | { ok: true; kind: MediaKindView; mimeType: string }
  | { ok: false; kind: MediaKindView; mimeType: string; message: string; asDocument: boolean };

function orList(items: readonly string[]): string {
  return new Intl.ListFormat(i18n.lang, { type: "disjunction" }).format(items);
}

/**
 * Whether the Cloud API takes this file as `kind` (by default, the kind its MIME type suggests).
 * A refusal names the limit ("Videos can be at most 16 MB; this file is 17.2 MB.") and says
 * whether the file could go as a document instead.
 */
export function checkAttachment(
  file: { name: string; size: number; type: string },
  limits: readonly MediaLimitView[],
  kind?: MediaKindView,
): AttachmentCheck {
  const mimeType = fileMimeType(file);
  const as = kind ?? kindForMime(mimeType);
  const fitsAsDocument = (): boolean => {
    const document = limits.find((l) => l.kind === "document");
    return as !== "document" && (!document || file.size <= document.max_bytes);
  };
  if (file.size === 0) return { ok: false, kind: as, mimeType, message: t("media.empty"), asDocument: false };
  const limit = limits.find((l) => l.kind === as);
  if (!limit) return { ok: true, kind: as, mimeType };
  if (limit.mime_types.length > 0 && !limit.mime_types.includes(mimeType)) {
    const type = typeName(mimeType, file.name) ?? "";
    if (as === "document") {
      // Nothing WhatsApp takes: say what it does take, in words.
      const max = formatBytes(Math.max(...limits.map((l) => l.max_bytes)));
      return { ok: false, kind: as, mimeType, message: t("media.unsupported", { type: type || "none", max }), asDocument: false };
    }
    const names = [...new Set(limit.mime_types.map((m) => TYPE_NAMES[m] ?? typeName(m, "") ?? m))];
    const message = t("media.wrong_type", { kinds: t(KIND_PLURAL[as]), types: orList(names), type: type || "none" });
    return { ok: false, kind: as, mimeType, message, asDocument: fitsAsDocument() };
  }
  if (file.size > limit.max_bytes) {
    const message = t("media.too_big", { kinds: t(KIND_PLURAL[as]), max: formatBytes(limit.max_bytes), size: formatBytes(file.size) });
    return { ok: false, kind: as, mimeType, message, asDocument: fitsAsDocument() };
  }
  return { ok: true, kind: as, mimeType };
}

/** A short label for a document's type, from its name or MIME type: `PDF`, `DOCX`, `ZIP`, `FILE`. */
export function fileBadge(filename: string | null, mimeType: string | null): string {
  const extension = filename?.match(/\.([a-z0-9]{1,5})$/i)?.[1];
  const fromMime = mimeType ? mime.getExtension(mimeType) : null;
  return (extension ?? fromMime ?? "file").toUpperCase();
}

export type FileFamily = "pdf" | "text" | "sheet" | "slides" | "archive" | "image" | "audio" | "video" | "other";

/** The family of a document, for its icon's colour. */
export function fileFamily(filename: string | null, mimeType: string | null): FileFamily {
  const badge = fileBadge(filename, mimeType);
  const type = mimeType ?? "";
  if (badge === "PDF" || type === "application/pdf") return "pdf";
  if (["XLS", "XLSX", "CSV", "ODS"].includes(badge) || type.includes("spreadsheet")) return "sheet";
  if (["PPT", "PPTX", "ODP", "KEY"].includes(badge) || type.includes("presentation")) return "slides";
  if (["ZIP", "RAR", "7Z", "GZ", "TAR"].includes(badge) || type.includes("zip")) return "archive";
  if (["DOC", "DOCX", "ODT", "RTF", "TXT", "MD"].includes(badge) || type.startsWith("text/")) return "text";
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("audio/")) return "audio";
  if (type.startsWith("video/")) return "video";
  return "other";
}
