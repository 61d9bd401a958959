// PDF pages drawn on canvases with pdf.js, loaded on first use (it is large) and kept out of
// the tests' way (jsdom has no canvas; components take `renderPdf` through this module).
import type { PDFDocumentProxy } from "pdfjs-dist";

let loaded: Promise<typeof import("pdfjs-dist")> | null = null;

async function pdfjs(): Promise<typeof import("pdfjs-dist")> {
  loaded ??= (async () => {
    const [lib, worker] = await Promise.all([import("pdfjs-dist"), import("pdfjs-dist/build/pdf.worker.min.mjs?url")]);
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  })();
  return loaded;
}

/**
 * Draws every page of `bytes` on a canvas of `width` CSS pixels; resolves with the canvases in
 * order. A PDF is only ever data here: no scripts, no links followed, no eval.
 */
export async function renderPdf(bytes: Uint8Array, width: number): Promise<HTMLCanvasElement[]> {
  const lib = await pdfjs();
  // pdf.js takes ownership of the buffer it is given.
  const task = lib.getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false });
  const doc: PDFDocumentProxy = await task.promise;
  try {
    const ratio = window.devicePixelRatio || 1;
    const canvases: HTMLCanvasElement[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (width / base.width) * ratio });
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      await page.render({ canvas, viewport }).promise;
      canvases.push(canvas);
    }
    return canvases;
  } finally {
    void doc.destroy();
  }
}
