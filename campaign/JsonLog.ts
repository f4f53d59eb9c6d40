import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { CampaignError } from './CampaignError.js';

/** One line of a log, parsed, with its 1-based line number. */
export type LogLine = { readonly line: number; readonly value: Record<string, unknown> };

/** A log as read back: its good lines, and the bad last line that was cut off, if any. */
export type LogRead = { readonly lines: readonly LogLine[]; readonly cut?: { readonly line: number; readonly savedTo: string } };

/**
 * An append-only JSON Lines file whose every line is on disk (fsync) before `append` returns: a
 * crash loses at most the line being written. Invariant: lines are only ever added at the end.
 */
export class JsonLog {
  private fd: number | undefined;

  private constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  static open(path: string): JsonLog {
    return new JsonLog(path);
  }

  append(value: object): void {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    writeSync(this.fd, `${JSON.stringify(value)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /**
   * Reads a log back. A last line that is torn (no newline: a crash mid-write) or not a JSON object
   * is cut off, after being saved beside the log, and named; a bad line before the last is an
   * error naming the file and the line, since what follows it was written after it and cannot be
   * dropped without losing what was done.
   */
  static read(path: string, options: { cut?: boolean } = {}): LogRead {
    if (!existsSync(path)) return { lines: [] };
    const text = readFileSync(path, 'utf8');
    const parts = text.split('\n');
    const torn = parts.at(-1) !== '';
    if (!torn) parts.pop();
    const lines: LogLine[] = [];
    let offset = 0;
    for (let i = 0; i < parts.length; i++) {
      const raw = parts[i]!;
      const last = i === parts.length - 1;
      const value = last && torn ? undefined : parseLogLine(raw);
      if (value === undefined) {
        if (!last)
          throw new CampaignError(
            'PHOTOSYNC_CAMPAIGN_BAD_FILE',
            `${path}:${i + 1}: not a JSON object, and lines follow it: the file was changed by hand or damaged (campaign resume puts a journal line right when the steps log tells which step it was)`,
          );
        const savedTo = `${path}.cut-line-${i + 1}`;
        if (options.cut !== false) {
          writeFileSync(savedTo, raw);
          truncateSync(path, offset);
        }
        return { lines, cut: { line: i + 1, savedTo } };
      }
      lines.push({ line: i + 1, value });
      offset += Buffer.byteLength(raw, 'utf8') + 1;
    }
    return { lines };
  }
}

/** A log line's JSON object; undefined for anything else (not JSON, or not an object). */
export function parseLogLine(raw: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
