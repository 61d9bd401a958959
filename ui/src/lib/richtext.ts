/**
 * A message's text as WhatsApp shows it: `*bold*`, `_italic_`, `~strike~`, ```monospace``` and
 * web links. The result is plain data (segments of text with flags), rendered by Svelte as text
 * nodes: whatever a customer writes can never become HTML.
 */

export interface Segment {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  mono?: boolean;
  /** A web address to open in the system's browser (http or https only). */
  href?: string;
}

type Flags = Omit<Segment, "text" | "href">;

// Links end before trailing punctuation; a marker needs a non-space just inside it and no word
// character just outside it, as in WhatsApp ("2*3*4" stays as typed).
const INLINE =
  /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'"]|www\.[^\s<>"]*[^\s<>".,;:!?)\]'"])|(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]*?\S)\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}~])~(?=\S)([^~\n]*?\S)~(?![\p{L}\p{N}~])/gu;

/** Splits `text` into segments; concatenating their `text` gives back what a person reads. */
export function richText(text: string): Segment[] {
  const out: Segment[] = [];
  const parts = text.split(/```([\s\S]+?)```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) push(out, { text: part, mono: true });
    else inline(part, {}, out);
  });
  return out;
}

function inline(text: string, flags: Flags, out: Segment[]): void {
  let at = 0;
  for (const m of text.matchAll(new RegExp(INLINE.source, INLINE.flags))) {
    const index = m.index ?? 0;
    if (index > at) push(out, { ...flags, text: text.slice(at, index) });
    const [whole, link, bold, italic, strike] = m;
    if (link !== undefined) {
      push(out, { ...flags, text: link, href: link.startsWith("www.") ? `https://${link}` : link });
    } else if (bold !== undefined) inline(bold, { ...flags, bold: true }, out);
    else if (italic !== undefined) inline(italic, { ...flags, italic: true }, out);
    else if (strike !== undefined) inline(strike, { ...flags, strike: true }, out);
    at = index + whole.length;
  }
  if (at < text.length) push(out, { ...flags, text: text.slice(at) });
}

function push(out: Segment[], segment: Segment): void {
  if (segment.text !== "") out.push(segment);
}
