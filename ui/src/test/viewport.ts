// jsdom has no `matchMedia`: this one answers width and height queries (`(max-height: 600px)`,
// `(min-width: 40em)`, joined with `and`) against a window size tests set with `resizeWindow`,
// and tells listeners when a resize changes the answer. Other features never match.
const DEFAULT = { width: 1120, height: 740 };
let size = { ...DEFAULT };
const lists = new Set<{ list: MediaQueryList & EventTarget; matches: boolean }>();

function px(value: string): number {
  const number = parseFloat(value);
  return value.endsWith("em") ? number * 16 : number;
}

function evaluate(query: string): boolean {
  return query.split(/\s+and\s+/).every((part) => {
    const m = part.trim().match(/^\((min|max)-(width|height):\s*([\d.]+(?:px|em|rem)?)\)$/);
    if (!m) return false;
    const actual = m[2] === "width" ? size.width : size.height;
    const limit = px(m[3] ?? "0");
    return m[1] === "min" ? actual >= limit : actual <= limit;
  });
}

function matchMedia(query: string): MediaQueryList {
  // A real EventTarget, so listeners run as the browser runs them (`this`, propagation).
  const list = Object.assign(new EventTarget(), {
    media: query,
    onchange: null,
    addListener(listener: EventListener) {
      list.addEventListener("change", listener);
    },
    removeListener(listener: EventListener) {
      list.removeEventListener("change", listener);
    },
  });
  Object.defineProperty(list, "matches", { get: () => evaluate(query) });
  const typed = list as unknown as MediaQueryList & EventTarget;
  lists.add({ list: typed, matches: evaluate(query) });
  return typed;
}

/** Sets the window's size (as the media queries see it) and tells the queries whose answer changed. */
export function resizeWindow(width: number, height: number): void {
  size = { width, height };
  Object.defineProperty(window, "innerWidth", { configurable: true, value: width });
  Object.defineProperty(window, "innerHeight", { configurable: true, value: height });
  for (const entry of lists) {
    const matches = evaluate(entry.list.media);
    if (matches === entry.matches) continue;
    entry.matches = matches;
    const event = Object.assign(new Event("change"), { matches, media: entry.list.media });
    entry.list.dispatchEvent(event);
  }
  window.dispatchEvent(new Event("resize"));
}

export function installMatchMedia(): void {
  if (typeof window.matchMedia !== "function") window.matchMedia = matchMedia;
}

/** Back to the default window (1120×740) between tests. */
export function resetWindow(): void {
  resizeWindow(DEFAULT.width, DEFAULT.height);
  lists.clear();
}
