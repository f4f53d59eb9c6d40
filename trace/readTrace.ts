import { subjectOf, type TraceEvent } from '../model/vocabulary.js';
import { isJsonPrefix } from './isJsonPrefix.js';
import { parseUtcTime } from './isoTime.js';
import { LineClaim, shardOf } from './LineClaim.js';
import { parseEvent, parseHeader, parseJsonLine } from './parseTraceLine.js';
import { isBlankLine, readLines, type LineHandler } from './readLines.js';
import { ShardMismatchError } from './ShardMismatchError.js';
import { TraceError } from './TraceError.js';
import type { TraceHeader } from './TraceHeader.js';

/** What a reader hands on, in file order. */
export type TraceVisitor = {
  header(header: TraceHeader): void;
  event(event: TraceEvent, line: number, raw: Record<string, unknown>): void;
  /** between chunks of the file: a promise to wait for before reading on (back pressure), or undefined */
  pause?(): Promise<void> | undefined;
};

/** One of `count` readers of a trace, each visiting the events of its own subjects (shardOf) and every event of no subject. */
export type TraceShard = { readonly index: number; readonly count: number };

/** What a reader did: the event lines it read, and of them those it passed over without parsing them (another shard's). */
export type ReadCounts = { readonly events: number; readonly passed: number };

/**
 * Streams a trace file (SPEC section 2) to `visitor`, validating every line. A byte order mark and
 * lines holding only whitespace are skipped; line numbers count every line of the file, and the
 * header is the first line that is not blank.
 * With `shard`, it visits only the events of its share, and passes over the lines another shard
 * claims (LineClaim) without parsing them, keeping only their time; it parses the rest, and checks
 * each of its own claims once parsed (ShardMismatchError when one is off).
 * Invariant: it rejects with a TraceError naming file, line and field at the first bad line; for a
 * torn last line (a writer stopped mid-line) every line before it has been visited first. Shards
 * together: the first error among them, at the least line, is that of a reader of the whole trace,
 * since a line passed over is parsed by its own shard, which sees the time of every line before it.
 */
export async function readTrace(path: string, visitor: TraceVisitor, shard?: TraceShard): Promise<ReadCounts> {
  let last = -Infinity;
  let events = 0;
  let passed = 0;
  let header = false;
  let headerLine = 0;
  let start = -Infinity;
  const mine = shard?.index ?? 0;
  const count = shard?.count ?? 1;
  // from the header on, where there are other shards
  let claims: LineClaim | undefined;
  try {
    const onLine: LineHandler = (line, n, terminated) => {
      const text = n === 1 && line.charCodeAt(0) === BOM ? line.slice(1) : line;
      // a line of an event starts with `{`; anything else may be blank
      if (text.charCodeAt(0) !== 123 /* { */ && isBlankLine(text)) return;
      let claimed = false;
      if (claims !== undefined && claims.read(text)) {
        if (claims.shard === mine) claimed = true;
        else {
          const at = parseUtcTime(text, claims.atFrom, claims.atTo);
          if (!Number.isNaN(at)) {
            // its own shard checks the line, and its time against the same times as here
            if (at > last) last = at;
            events++;
            passed++;
            return;
          }
        }
      }
      let raw: Record<string, unknown>;
      try {
        raw = parseJsonLine(text, path, n);
      } catch (e) {
        // what no writer could have begun (binary, UTF-16, lines ending in CR alone) is bad, not torn
        if (!terminated && e instanceof TraceError && isJsonPrefix(text)) {
          throw new TraceError(
            'PHOTOSYNC_TORN_TRACE',
            path,
            n,
            '',
            header
              ? 'torn last line: the file ends mid-line (was its writer stopped?); the lines before it were checked'
              : 'torn header: the file ends in the middle of its first line (was its writer stopped?); nothing was checked',
          );
        }
        throw e;
      }
      if (!header) {
        const h = parseHeader(raw, path, n);
        header = true;
        headerLine = n;
        start = last = h.start;
        if (count > 1) claims = new LineClaim(count);
        visitor.header(h);
        return;
      }
      let event: TraceEvent;
      try {
        event = parseEvent(raw, path, n);
      } catch (e) {
        // told on the way out, to cost the lines that are events nothing
        if (raw.format === 'photosync-trace' && !('do' in raw) && !('see' in raw)) {
          const detail = `a trace header, but only line ${headerLine} may be one (were two traces joined?)`;
          throw new TraceError('PHOTOSYNC_BAD_TRACE', path, n, 'format', detail);
        }
        throw e;
      }
      const subject = subjectOf(event);
      if (claimed && !claims!.confirms(text, subject, raw.at)) throw new ShardMismatchError(path, n);
      if (event.at < last) {
        // told by the time alone, not by the lines before: a shard that passed over some says the same
        const detail =
          event.at < start
            ? `before the start of the trace: ${iso(event.at)} is before the header's start, ${iso(start)}`
            : `time goes backwards: ${iso(event.at)} is before ${iso(last)}`;
        throw new TraceError('PHOTOSYNC_BAD_TRACE', path, n, 'at', detail);
      }
      last = event.at;
      events++;
      // parsed here to be validated, checked by the shard of its subject
      if (claims !== undefined && subject !== undefined && !claimed && shardOf(subject, count) !== mine) return;
      visitor.event(event, n, raw);
    };
    await readLines(path, onLine, visitor.pause === undefined ? undefined : () => visitor.pause!());
  } catch (e) {
    // the file system's failures are the file's; any other (a visitor's) is the caller's own
    const err = e as NodeJS.ErrnoException;
    if (e instanceof TraceError || e instanceof ShardMismatchError || typeof err.syscall !== 'string') throw e;
    throw new TraceError('PHOTOSYNC_TRACE_UNREADABLE', path, 0, '', `cannot read the trace: ${whyUnreadable(err)}`);
  }
  if (!header) throw new TraceError('PHOTOSYNC_BAD_TRACE', path, 1, 'format', 'empty file: line 1 must be the trace header');
  return { events, passed };
}

const BOM = 0xfeff;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const ERRNO: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

/** The file system's reason in words, with its code for scripts. */
function whyUnreadable(err: NodeJS.ErrnoException): string {
  const words = err.code === undefined ? undefined : ERRNO[err.code];
  return words === undefined ? (err.code ?? err.message) : `${words} (${err.code})`;
}
