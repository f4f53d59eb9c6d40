import type { TraceStart } from '../model/vocabulary.js';
import type { TraceHeader } from './TraceHeader.js';

/** What a parsed header tells the checker (SPEC sections 2 and 6); `photoSettings` stays absent when the header has none. */
export function traceStart(header: TraceHeader): TraceStart {
  const { start, users, photoSettings } = header;
  return photoSettings === undefined ? { start, users } : { start, users, photoSettings };
}
