/** Where a piece of state loaded from Rust stands. */
export type LoadStatus = "idle" | "loading" | "ready" | "error";
