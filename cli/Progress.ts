import type { Progress } from '../harness/explore.js';
import type { Io } from './Io.js';

const EVERY_MS = 200;

/**
 * A progress line on stderr (runs done, divergences, time left), rewritten in place, when stderr
 * is a terminal; nothing otherwise, so that logs and pipes stay clean.
 */
export class ProgressLine {
  private last = 0;
  private shown = false;

  constructor(private readonly io: Io) {}

  show(label: string, p: Progress): void {
    if (this.io.errIsTerminal !== true) return;
    const now = Date.now();
    if (now - this.last < EVERY_MS) return;
    this.last = now;
    const left = p.runs === 0 || p.diverged ? '' : `, ${Math.ceil(((p.of - p.runs) * p.elapsedMs) / p.runs / 1000)} s left`;
    const state = p.diverged ? 'diverged, shrinking' : '0 divergences';
    this.io.err(`\r\x1b[K${label}: ${p.runs}/${p.of} runs, ${state}${left}`);
    this.shown = true;
  }

  /** Clears the line before the result is printed. */
  done(): void {
    if (!this.shown) return;
    this.io.err('\r\x1b[K');
    this.shown = false;
  }
}
