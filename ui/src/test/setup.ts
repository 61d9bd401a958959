// Vitest setup: jest-dom matchers, and the browser APIs jsdom lacks that the UI uses.
import "@testing-library/jest-dom/vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/svelte";
import { afterEach, beforeEach } from "vitest";
import { clock } from "../lib/stores/clock.svelte";
import { NOW } from "./fixtures";
import { installMatchMedia, resetWindow } from "./viewport";

/**
 * jsdom has no layout. This ResizeObserver reports sizes soon after an element is observed: the
 * virtualiser's rows (absolutely positioned) as ROW, anything else (the scrolling viewport) as
 * VIEWPORT, so the virtualised message list renders, measures and shows the rows in view.
 */
export const VIEWPORT = { width: 800, height: 600 };
export const ROW = { width: 800, height: 48 };

function sizeOf(target: Element): { width: number; height: number } {
  return target.getAttribute("style")?.includes("position: absolute") ? ROW : VIEWPORT;
}

class TestResizeObserver implements ResizeObserver {
  #callback: ResizeObserverCallback;
  #observed = new Set<Element>();

  constructor(callback: ResizeObserverCallback) {
    this.#callback = callback;
  }

  observe(target: Element): void {
    this.#observed.add(target);
    queueMicrotask(() => {
      if (!this.#observed.has(target)) return;
      const { width, height } = sizeOf(target);
      const size = [{ inlineSize: width, blockSize: height }];
      const entry = {
        target,
        contentRect: { x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, width, height },
        borderBoxSize: size,
        contentBoxSize: size,
        devicePixelContentBoxSize: size,
      } as unknown as ResizeObserverEntry;
      this.#callback([entry], this);
    });
  }

  unobserve(target: Element): void {
    this.#observed.delete(target);
  }

  disconnect(): void {
    this.#observed.clear();
  }
}
globalThis.ResizeObserver = TestResizeObserver;

// Svelte's `animate:` and transitions use the Web Animations API.
if (!Element.prototype.animate) {
  Element.prototype.animate = function animate(): Animation {
    const animation = {
      cancel() {},
      finish() {},
      play() {},
      pause() {},
      onfinish: null as (() => void) | null,
      finished: Promise.resolve(),
    };
    return animation as unknown as Animation;
  };
}

if (!Element.prototype.getAnimations) {
  Element.prototype.getAnimations = () => [];
}

// The virtualiser measures only elements that are laid out (have an offsetParent).
Object.defineProperty(HTMLElement.prototype, "offsetParent", {
  configurable: true,
  get(this: HTMLElement) {
    return this.isConnected ? this.parentElement : null;
  },
});

Element.prototype.scrollBy ??= function scrollBy(this: Element, options?: ScrollToOptions | number, y?: number) {
  const top = typeof options === "number" ? y : options?.top;
  if (typeof top === "number") this.scrollTop += top;
};

Element.prototype.scrollTo ??= function scrollTo(this: Element, options?: ScrollToOptions | number, y?: number) {
  const top = typeof options === "number" ? y : options?.top;
  if (typeof top === "number") this.scrollTop = top;
};

// jsdom has <dialog> but not its modal API: open and close it as a browser would (without the top layer).
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.show = HTMLDialogElement.prototype.showModal;
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}

// Media queries (a short window folds the sandbox panel) answer for a size tests choose.
installMatchMedia();

beforeEach(() => {
  resetWindow();
  // Labels and the 24-hour window are computed against the fixtures' fixed "now".
  clock.now = NOW;
});

afterEach(() => {
  // Unmount first: components that listen to events unlisten through the mocks.
  cleanup();
  clearMocks();
});
