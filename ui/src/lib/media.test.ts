import { describe, expect, test } from "vitest";
import { MEDIA_LIMITS } from "../test/fakeBackend";
import { i18n } from "./i18n/index.svelte";
import { checkAttachment, fileBadge, fileFamily, fileMimeType, formatBytes, kindForMime } from "./media";

const MB = 1024 * 1024;
/** The live limits: documents only of the types WhatsApp takes (wacloud's DOCUMENT_TYPES). */
const REAL_LIMITS = MEDIA_LIMITS.map((l) =>
  l.kind === "document"
    ? {
        ...l,
        mime_types: [
          "application/pdf",
          "text/plain",
          "application/msword",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.ms-excel",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.ms-powerpoint",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ],
      }
    : l,
);

describe("kindForMime", () => {
  test.each([
    ["image/jpeg", "image"],
    ["image/png", "image"],
    ["image/webp", "sticker"],
    ["video/mp4", "video"],
    ["video/3gpp", "video"],
    ["audio/ogg", "audio"],
    ["audio/wav", "audio"],
    ["image/gif", "document"],
    ["video/quicktime", "document"],
    ["application/pdf", "document"],
  ])("%s is sent as %s", (mimeType, kind) => {
    expect(kindForMime(mimeType)).toBe(kind);
  });
});

describe("checkAttachment", () => {
  test("a file within its kind's limits passes", () => {
    expect(checkAttachment({ name: "mug.jpg", size: 2 * MB, type: "image/jpeg" }, MEDIA_LIMITS)).toEqual({
      ok: true,
      kind: "image",
      mimeType: "image/jpeg",
    });
  });

  test("a file over the limit is refused, naming the limit and the file's size", () => {
    const check = checkAttachment({ name: "clip.mp4", size: Math.round(17.2 * MB), type: "video/mp4" }, MEDIA_LIMITS);
    expect(check).toMatchObject({ ok: false, kind: "video", message: "Videos can be at most 16 MB; this file is 17.2 MB." });
    // It would still fit as a document (100 MB).
    expect(check.ok || check.asDocument).toBe(true);
  });

  test("a type the kind does not take is refused, and may go as a document", () => {
    const check = checkAttachment({ name: "note.wav", size: 1000, type: "audio/wav" }, MEDIA_LIMITS);
    expect(check).toMatchObject({
      ok: false,
      kind: "audio",
      message: "Audio files must be AAC, AMR, MP3, M4A, or OGG; this file is WAV.",
      asDocument: true,
    });
    expect(checkAttachment({ name: "note.wav", size: 1000, type: "audio/wav" }, MEDIA_LIMITS, "document").ok).toBe(true);
  });

  test("a file WhatsApp does not take says in words what it takes, never a list of MIME types", () => {
    const check = checkAttachment({ name: "setup.exe", size: 1000, type: "application/x-msdownload" }, REAL_LIMITS);
    expect(check).toMatchObject({
      ok: false,
      kind: "document",
      asDocument: false,
      message:
        "WhatsApp does not take EXE files. It takes photos, videos, audio, PDF and Office documents (Word, Excel, PowerPoint) and plain text, up to 100 MB.",
    });
    expect(check.ok || check.message).not.toMatch(/application\/|image\/|video\/|audio\//);
    const nameless = checkAttachment({ name: "blob", size: 1000, type: "application/octet-stream" }, REAL_LIMITS);
    expect(nameless.ok || nameless.message).toMatch(/^WhatsApp does not take this kind of file\. It takes photos/);
    i18n.choose("es");
    const es = checkAttachment({ name: "setup.exe", size: 1000, type: "application/x-msdownload" }, REAL_LIMITS);
    expect(es.ok || es.message).toMatch(/^WhatsApp no acepta archivos EXE\. Acepta fotos, vídeos, audio, documentos PDF y de Office/);
    const video = checkAttachment({ name: "clip.mov", size: 1000, type: "video/quicktime" }, REAL_LIMITS, "video");
    expect(video.ok || video.message).toBe("Los vídeos deben ser MP4 o 3GP; este archivo es MOV.");
    i18n.choose(null);
  });

  test("a sticker over 500 KB is refused", () => {
    const check = checkAttachment({ name: "s.webp", size: 600 * 1024, type: "image/webp" }, MEDIA_LIMITS);
    expect(check).toMatchObject({ ok: false, message: "Stickers can be at most 500 KB; this file is 600 KB." });
  });

  test("any file goes as a document up to the document limit", () => {
    expect(checkAttachment({ name: "a.zip", size: 99 * MB, type: "application/zip" }, MEDIA_LIMITS).ok).toBe(true);
    const big = checkAttachment({ name: "a.zip", size: 101 * MB, type: "application/zip" }, MEDIA_LIMITS);
    expect(big).toMatchObject({ ok: false, asDocument: false, message: "Documents can be at most 100 MB; this file is 101 MB." });
  });

  test("an empty file is refused", () => {
    expect(checkAttachment({ name: "a.txt", size: 0, type: "text/plain" }, MEDIA_LIMITS)).toMatchObject({
      ok: false,
      message: "This file is empty.",
    });
  });

  test("without a browser type, the extension decides", () => {
    expect(fileMimeType({ name: "voice.ogg", type: "" })).toBe("audio/ogg");
    expect(fileMimeType({ name: "README", type: "" })).toBe("application/octet-stream");
    expect(fileMimeType({ name: "x", type: "audio/ogg; codecs=opus" })).toBe("audio/ogg");
  });
});

describe("sizes and file types", () => {
  test("formatBytes", () => {
    expect(formatBytes(500)).toBe("500 B");
    expect(formatBytes(16 * MB)).toBe("16 MB");
    expect(formatBytes(123_456)).toBe("120.6 KB");
  });

  test("fileBadge and fileFamily", () => {
    expect(fileBadge("Price list.pdf", "application/pdf")).toBe("PDF");
    expect(fileBadge(null, "application/pdf")).toBe("PDF");
    expect(fileBadge(null, null)).toBe("FILE");
    expect(fileFamily("stock.xlsx", null)).toBe("sheet");
    expect(fileFamily("a.pdf", null)).toBe("pdf");
    expect(fileFamily("a.bin", "application/octet-stream")).toBe("other");
  });
});
