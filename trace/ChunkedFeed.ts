import type { ProfileChecker } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';

/**
 * How many events the checkers are fed at a time, one checker over all of them, then the next:
 * the profiles' states are too large together for the caches, and a checker run over thousands
 * of events at a time keeps its own warm (BENCHMARKS.md: five profiles in one thread took 11.15 and
 * 12.35 s fed line by line, 7.54 and 7.35 s fed 16,384 events at a time, on the bench's trace).
 */
export const CHUNK_EVENTS = 16_384;

/**
 * Feeds the events of a trace to checkers a chunk at a time, holding at most `size` of them.
 * Invariant: every checker is fed every event in file order until it has a verdict, as where each
 * event went to every checker at once; the verdicts are read after `flush`.
 */
export class ChunkedFeed {
  private open: ProfileChecker[];
  private events: TraceEvent[] = [];
  private lines: number[] = [];
  /** the lines as parsed, for a divergence's `event`; undefined where the caller reads them again */
  private raws: unknown[] | undefined;
  private readonly size: number;
  /** events fed to the checkers so far (each counted once, whatever the checkers) */
  checked = 0;
  /** milliseconds spent checking */
  checkMs = 0;

  constructor(checkers: readonly ProfileChecker[], options: { readonly keepRaw?: boolean; readonly size?: number } = {}) {
    this.open = [...checkers];
    this.raws = options.keepRaw === true ? [] : undefined;
    this.size = options.size ?? CHUNK_EVENTS;
  }

  /** Whether every checker has its verdict: nothing more needs reading. */
  get done(): boolean {
    return this.open.length === 0;
  }

  /** Holds an event for the checkers, feeding them all held once `size` are. */
  add(event: TraceEvent, line: number, raw?: unknown): void {
    if (this.open.length === 0) return;
    this.events.push(event);
    this.lines.push(line);
    this.raws?.push(raw);
    if (this.events.length >= this.size) this.flush();
  }

  /** Feeds every event held to each checker still open, one checker after the other. */
  flush(): void {
    const { events, lines, raws } = this;
    if (events.length === 0) return;
    const began = performance.now();
    for (const c of this.open) {
      // without `raws`, `feed` takes the event itself for the line as parsed
      for (let i = 0; i < events.length && c.feed(events[i]!, lines[i]!, raws?.[i]) === undefined; i++);
    }
    this.open = this.open.filter((c) => c.verdict === undefined);
    this.checked += events.length;
    this.events = [];
    this.lines = [];
    if (raws !== undefined) this.raws = [];
    this.checkMs += performance.now() - began;
  }
}
