// The window's shape, for what CSS alone cannot decide (whether a panel starts folded).

/**
 * A short window (760×480 and the like): the simulated-customer panel starts folded, so the chat
 * list keeps several rows in view. The same height as the `@media` rules that tighten the layout.
 */
export const SHORT_WINDOW = "(max-height: 600px)";
