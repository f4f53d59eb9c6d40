import type { Story } from './Story.js';

/** How a cell or a line reads at a glance: a verdict colours it in HTML and marks it in Markdown. */
export type Tone = 'good' | 'bad' | 'unknown' | 'plain';

/** A table cell: its text, and a tone where it states a verdict. */
export type Cell = string | { readonly text: string; readonly tone: Tone };

/**
 * One block of a report as a document: what the Markdown and HTML renderers share, so that both
 * show the same content. Text is plain (no markup); each renderer escapes it for its format.
 */
export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: Tone }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly Cell[])[] }
  /** a command line or a path to copy */
  | { readonly kind: 'code'; readonly text: string }
  /** a counterexample: Markdown shows its steps as a table, HTML as a timeline per subject */
  | { readonly kind: 'story'; readonly story: Story; readonly profile: string };

/** A report as a document: a title and its blocks. Invariant: it holds only what the report holds. */
export type Doc = { readonly title: string; readonly blocks: readonly Block[] };

export function cellText(c: Cell): string {
  return typeof c === 'string' ? c : c.text;
}

export function cellTone(c: Cell): Tone {
  return typeof c === 'string' ? 'plain' : c.tone;
}
