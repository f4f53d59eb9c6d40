/**
 * An instant the model knows only to lie in [lo, hi] (SPEC section 6: the header's `spUpdated`
 * "unknown", a push whose time depends on it). Invariant: lo <= hi; a known instant has lo = hi.
 */
export type Span = { readonly lo: number; readonly hi: number };

/** A known instant. */
export function at(t: number): Span {
  return { lo: t, hi: t };
}

/** The span of `s` shifted by `d`. */
export function plus(s: Span, d: number): Span {
  return { lo: s.lo + d, hi: s.hi + d };
}

/** The later of two instants, each known only to a span. */
export function later(a: Span, b: Span): Span {
  return { lo: Math.max(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

export const NEVER: Span = { lo: -Infinity, hi: -Infinity };
