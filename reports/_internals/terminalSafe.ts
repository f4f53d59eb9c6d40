// C0, DEL, C1, and the bidi embeddings, overrides and isolates: what a terminal obeys instead of showing
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A text as a terminal should show it: each control character and bidi override as its escape, `\u001b`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A report with every string in it, keys too, made terminal safe: what the text renderers are given,
 * so that no value from a trace or a report file reaches the terminal raw, whichever renderer prints it.
 */
export function terminalSafeReport<R>(report: R): R {
  return safe(report) as R;
}

function safe(value: unknown): unknown {
  if (typeof value === 'string') return terminalSafe(value);
  if (Array.isArray(value)) return value.map(safe);
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  // a report is plain data; anything else is passed as it is rather than taken apart
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [terminalSafe(k), safe(v)]));
}
