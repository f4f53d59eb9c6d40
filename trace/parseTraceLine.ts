import type { z } from 'zod';
import { ACTION_KINDS, SURFACES, type TraceEvent } from '../model/vocabulary.js';
import { fastEvent } from './fastEvent.js';
import { looksLikeUtf16, UTF16_HINT } from './utf16.js';
import { TraceError, formatPath } from './TraceError.js';
import { ACTION_SCHEMAS, ActionLine, ObservationLine } from './TraceEvent.js';
import { TraceHeader } from './TraceHeader.js';

/** One line as JSON, or the TraceError that says why it is not. */
export function parseJsonLine(text: string, file: string, line: number): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new TraceError('PHOTOSYNC_BAD_TRACE', file, line, '', `not valid JSON (${printable((e as Error).message)})${whyNotJson(text)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TraceError('PHOTOSYNC_BAD_TRACE', file, line, '', 'not a JSON object');
  }
  return raw as Record<string, unknown>;
}

/** JSON.parse's message quotes the line: its control characters escaped, a CR does not overwrite the message on a terminal. */
function printable(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * What a JSON error message does not show: a file in UTF-16 (readLines names one with a byte order
 * mark), or a character outside the strings that looks like white space but is not JSON's, a byte
 * that is not UTF-8, or a CR that ends no line (lines that end in CR alone are one line to a reader).
 */
function whyNotJson(text: string): string {
  if (looksLikeUtf16(text)) return `: ${UTF16_HINT}`;
  // a CR after the last character that is not blank ends the line (as in a CR CR LF)
  let lastText = text.length - 1;
  while (lastText >= 0 && isJsonBlank(text.charCodeAt(lastText))) lastText--;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 13 /* \r */ && i < lastText)
      return `: it holds a CR at column ${i + 1} that ends no line; line ends must be \\n or \\r\\n`;
    else if (c === 0xfffd) return `: it holds bytes at column ${i + 1} that are not UTF-8 text (is the file a trace?)`;
    else if (ODD_SPACE.test(text[i]!)) {
      const code = c.toString(16).toUpperCase().padStart(4, '0');
      return `: it holds U+${code} at column ${i + 1}, a character JSON does not allow there`;
    }
  }
  return '';
}

function isJsonBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

// control characters but JSON's white space, and the Unicode spaces and marks that print as nothing
const ODD_SPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** The first line that is not blank (line 1, but for blank lines before it): the header. */
export function parseHeader(raw: Record<string, unknown>, file: string, line: number): TraceHeader {
  if (raw.format !== 'photosync-trace') {
    const detail =
      'format' in raw ? `unknown format ${JSON.stringify(raw.format)}` : 'missing field: the first line must be the trace header';
    throw new TraceError('PHOTOSYNC_BAD_TRACE', file, line, 'format', `${detail} (expected "photosync-trace")`);
  }
  if (raw.version !== 1) {
    const detail = 'version' in raw ? `unsupported version ${JSON.stringify(raw.version)}` : 'missing field';
    throw new TraceError('PHOTOSYNC_BAD_TRACE', file, line, 'version', `${detail} (this photosync reads version 1)`);
  }
  return checked(TraceHeader, raw, file, line);
}

/** Any other line: an action (`do`) or an observation (`see`); the common shapes skip zod (see fastEvent). */
export function parseEvent(raw: Record<string, unknown>, file: string, line: number): TraceEvent {
  return fastEvent(raw) ?? checkedEvent(raw, file, line);
}

/** parseEvent through the zod schemas alone: the reference the fast path is held to. */
export function checkedEvent(raw: Record<string, unknown>, file: string, line: number): TraceEvent {
  const isAction = 'do' in raw;
  const isObservation = 'see' in raw;
  if (isAction && isObservation) {
    throw new TraceError('PHOTOSYNC_BAD_TRACE', file, line, 'see', 'a line is an action ("do") or an observation ("see"), not both');
  }
  if (isAction) {
    if (!(ACTION_KINDS as readonly unknown[]).includes(raw.do)) {
      throw new TraceError(
        'PHOTOSYNC_BAD_TRACE',
        file,
        line,
        'do',
        `unknown action ${JSON.stringify(raw.do)} (expected one of ${ACTION_KINDS.join(', ')})`,
      );
    }
    return checked(ACTION_SCHEMAS.get(raw.do as string) ?? ActionLine, raw, file, line) as ActionLine;
  }
  if (isObservation) {
    if (!(SURFACES as readonly unknown[]).includes(raw.see)) {
      throw new TraceError(
        'PHOTOSYNC_BAD_TRACE',
        file,
        line,
        'see',
        `unknown surface ${JSON.stringify(raw.see)} (expected one of ${SURFACES.join(', ')})`,
      );
    }
    return checked(ObservationLine, raw, file, line);
  }
  throw new TraceError('PHOTOSYNC_BAD_TRACE', file, line, 'do', 'missing field: an event has "do" (an action) or "see" (an observation)');
}

function checked<S extends z.ZodType>(schema: S, raw: Record<string, unknown>, file: string, line: number): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new TraceError('PHOTOSYNC_BAD_TRACE', file, line, formatPath([...issue.path, issue.keys[0]!]), issue.message);
  }
  const field = formatPath(issue.path);
  const value = valueAt(raw, issue.path);
  const detail = value === undefined ? 'missing field' : `invalid value ${shown(value)}: ${issue.message.replace(/^Invalid input: /, '')}`;
  throw new TraceError('PHOTOSYNC_BAD_TRACE', file, line, field, detail);
}

// JSON.stringify writes a number JSON.parse read as Infinity (1e400) as null: not what the file says
function shown(value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value) ? `${value} (the number is too large)` : JSON.stringify(value);
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
