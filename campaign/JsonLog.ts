import { closeSync, existsSync, fsyncSync, openSync, readSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { parseJsonLine } from '../trace/parseTraceLine.js';
import { isBlankLine, MAX_LINE_BYTES, readLinesSync } from '../trace/readLines.js';
import { TraceError } from '../trace/TraceError.js';
import { looksLikeUtf16 } from '../trace/utf16.js';
import { CampaignError } from './CampaignError.js';

/** One line of a log, parsed, with its 1-based line number. */
export type LogLine = { readonly line: number; readonly value: Record<string, unknown> };

/** The bad last line of a log, to be cut off: its line, and where its text is kept. */
export type LogCut = { readonly line: number; readonly savedTo: string };

/** A log as read back: its good lines, and the bad last line that was cut off, if any. */
export type LogRead = { readonly lines: readonly LogLine[]; readonly cut?: LogCut };

/** A log as scanned, nothing changed: its good lines, the damaged lines that others follow, and the bad last line. */
export type LogScan = LogRead & { readonly damaged: readonly { readonly line: number }[] };

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
   * dropped without losing what was done. Refuses, changing nothing, what is no log photosync
   * wrote (see `scan`). `cut: false` changes no file.
   */
  static read(path: string, options: { cut?: boolean } = {}): LogRead {
    const scan = JsonLog.scan(path);
    const damaged = scan.damaged[0];
    if (damaged !== undefined) throw damagedLine(path, damaged.line);
    if (scan.cut !== undefined && options.cut !== false) JsonLog.cutOff(path, scan.cut);
    return { lines: scan.lines, ...(scan.cut === undefined ? {} : { cut: scan.cut }) };
  }

  /**
   * Reads a log with the line splitting of `photosync check` (readLines), changing nothing: a byte
   * order mark at the start and blank lines are passed over (line numbers count every line). A line
   * that is not a JSON object is damaged where lines follow it, else the bad last line to cut.
   * Throws a CampaignError `UNREADABLE` naming the file and line at what no crash leaves and no
   * repair can put right, since the file is no longer as photosync wrote it: a line over
   * MAX_LINE_BYTES, UTF-16, a CR that ends no line (a file saved with CR line ends reads as one line:
   * cut off as torn, the whole log would go).
   */
  static scan(path: string): LogScan {
    const lines: LogLine[] = [];
    const damaged: { line: number }[] = [];
    // a bad line is the last one until a line that is not blank follows it
    let bad: { line: number } | undefined;
    if (!existsSync(path)) return { lines, damaged };
    const onLine = (raw: string, line: number) => {
      const text = line === 1 && raw.charCodeAt(0) === BOM ? raw.slice(1) : raw;
      if (isBlankLine(text)) return;
      if (bad !== undefined) damaged.push(bad);
      bad = undefined;
      const value = parseLogLine(text);
      if (value !== undefined) lines.push({ line, value });
      else if (isForeign(text)) throw unreadable(whyNotJson(text, path, line));
      else bad = { line };
    };
    try {
      readLinesSync(path, onLine, tooLong);
    } catch (e) {
      // the shared reader's own refusal (a UTF-16 byte order mark) made the campaign's
      throw e instanceof TraceError ? unreadable(e) : e;
    }
    return { lines, damaged, ...(bad === undefined ? {} : { cut: { line: bad.line, savedTo: `${path}.cut-line-${bad.line}` } }) };
  }

  /** Cuts off the bad last line that `scan` found, after keeping its bytes as they are in `cut.savedTo`. */
  static cutOff(path: string, cut: LogCut): void {
    const start = lineStart(path, cut.line);
    writeFileSync(cut.savedTo, lineBytes(path, start));
    truncateSync(path, start);
  }
}

const BOM = 0xfeff;

/** A log line's JSON object; undefined for anything else (not JSON, or not an object). */
export function parseLogLine(raw: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a line that is no JSON object was made so by an editor, not by a crash or damage: UTF-16,
 * or a CR with more after it (photosync writes CR only escaped, and ends lines with \n).
 */
function isForeign(text: string): boolean {
  return looksLikeUtf16(text) || CR_WITHIN.test(text);
}
const CR_WITHIN = /\r[ \t\r]*[^ \t\r]/;

/** Why a line is not JSON, as `check` says it (the CR's column, UTF-16). */
function whyNotJson(text: string, path: string, line: number): TraceError {
  try {
    parseJsonLine(text, path, line);
  } catch (e) {
    if (e instanceof TraceError) return e;
    throw e;
  }
  return new TraceError('PHOTOSYNC_BAD_TRACE', path, line, '', 'not a JSON object');
}

/** A refusal of the shared trace reader, or a line it rejects, as a campaign's: the same place and words, nothing changed. */
export function unreadable(e: TraceError): CampaignError {
  return new CampaignError('PHOTOSYNC_CAMPAIGN_UNREADABLE', `${e.message}; nothing was changed`, {
    file: e.file,
    line: e.line,
    field: e.field,
  });
}

/** The error of a damaged line that lines follow: `resume` puts a journal's right where it can. */
export function damagedLine(path: string, line: number): CampaignError {
  return new CampaignError(
    'PHOTOSYNC_CAMPAIGN_BAD_FILE',
    `${path}:${line}: not a JSON object, and lines follow it: the file was changed by hand or damaged (campaign resume puts a journal line right when the steps log tells which step it was)`,
    { file: path, line, field: '' },
  );
}

function tooLong(path: string, line: number): CampaignError {
  const mib = MAX_LINE_BYTES / 2 ** 20;
  return new CampaignError(
    'PHOTOSYNC_CAMPAIGN_UNREADABLE',
    `${path}:${line}: a line longer than ${mib} MiB: photosync writes no line near that long in a campaign's files (was the file damaged, or another put in its place?); the rest of it was not read, and nothing was changed`,
    { file: path, line, field: '' },
  );
}

/** The byte offset where 1-based line `line` starts: after the newline of the line before, as readLines counts lines. */
export function lineStart(path: string, line: number): number {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 16);
    let newlines = 0;
    let offset = 0;
    for (;;) {
      if (newlines === line - 1) return offset;
      const n = readSync(fd, chunk, 0, chunk.length, offset);
      if (n === 0) throw new Error(`${path} has no line ${line}`);
      let at = -1;
      while (newlines < line - 1 && (at = chunk.subarray(0, n).indexOf(10, at + 1)) !== -1) newlines++;
      offset = newlines === line - 1 ? offset + at + 1 : offset + n;
    }
  } finally {
    closeSync(fd);
  }
}

/** The bytes of the line that starts at `start`, up to its line end (\n or \r\n), as readLines hands it out (a scan found it no longer than MAX_LINE_BYTES). */
export function lineBytes(path: string, start: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(MAX_LINE_BYTES + 1);
    const n = readSync(fd, buffer, 0, buffer.length, start);
    const nl = buffer.subarray(0, n).indexOf(10);
    const end = nl === -1 ? n : nl;
    return buffer.subarray(0, end > 0 && buffer[end - 1] === 13 && nl !== -1 ? end - 1 : end);
  } finally {
    closeSync(fd);
  }
}
