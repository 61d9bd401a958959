// Finding messages across all chats: the chat list's search box asks the engine's full-text
// search (SQLite FTS5) as the owner types, debounced, and keeps only the latest answer.
import * as api from "../../api";
import type { ApiError } from "../../api";
import type { SearchHit } from "../../bindings/SearchHit";
import type { LoadStatus } from "./types";

/** Shorter queries match too much to be useful; the chat filter covers them. */
export const MIN_QUERY = 2;
export const DEBOUNCE_MS = 200;
export const MAX_HITS = 30;

export class MessageSearch {
  hits = $state<SearchHit[]>([]);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);
  /** The query the hits answer. */
  answered = $state("");

  #timer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;
  readonly #debounceMs: number;

  constructor(options: { debounceMs?: number } = {}) {
    this.#debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  }

  /** The owner typed: search after a short pause, or clear when the query is too short. */
  update(query: string): void {
    const q = query.trim();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const generation = ++this.#generation;
    if (q.length < MIN_QUERY) {
      this.hits = [];
      this.answered = "";
      this.error = null;
      this.status = "idle";
      return;
    }
    this.status = "loading";
    this.#timer = setTimeout(() => void this.#run(q, generation), this.#debounceMs);
  }

  async #run(query: string, generation: number): Promise<void> {
    try {
      const hits = await api.searchMessages(query, MAX_HITS);
      if (generation !== this.#generation) return;
      this.hits = hits;
      this.answered = query;
      this.error = null;
      this.status = "ready";
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = api.toApiError(error);
      this.status = "error";
    }
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#generation++;
  }
}

/**
 * `text` cut into pieces, each marked when it starts one of the query's words (what FTS5 matched,
 * case and accents aside). For highlighting; Svelte escapes the pieces.
 */
export function highlight(text: string, query: string): { text: string; match: boolean }[] {
  const words = query
    .toLocaleLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((w) => w.length > 0);
  if (words.length === 0) return [{ text, match: false }];
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  const pieces: { text: string; match: boolean }[] = [];
  // Split into word and non-word runs, keeping both.
  for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
    if (part === "") continue;
    const folded = fold(part);
    const match = /[\p{L}\p{N}]/u.test(part) && words.some((w) => folded.startsWith(fold(w)));
    const last = pieces[pieces.length - 1];
    if (last && last.match === match) last.text += part;
    else pieces.push({ text: part, match });
  }
  return pieces;
}
