import type { Profile } from '../model/Profile.js';
import type { Verdict } from '../model/Verdict.js';
import type { TraceShard } from './readTrace.js';
import type { TraceErrorCode } from './TraceError.js';

/** What a check worker starts with: the trace, every profile asked, and its shard of the subjects. */
export type WorkerData = { readonly path: string; readonly profiles: readonly Profile[]; readonly shard: TraceShard };

/**
 * What a worker did, for the record: event lines read and, of them, passed over (another shard's;
 * both absent after a torn last line), events fed to its checkers, and the time its checkers took.
 */
export type WorkerStats = {
  readonly shard: number;
  readonly events?: number;
  readonly passed?: number;
  readonly checked: number;
  readonly checkMs: number;
};

/** A TraceError as data: errors do not cross threads as themselves. */
export type TraceErrorData = {
  readonly code: TraceErrorCode;
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly detail: string;
};

/**
 * The one message of a check worker: its verdicts (in the profiles' order; a torn last line beside
 * them), the first bad line it read, or the line whose claim was off (ShardMismatchError).
 */
export type FromWorker =
  | { readonly kind: 'done'; readonly verdicts: readonly Verdict[]; readonly torn?: TraceErrorData; readonly stats: WorkerStats }
  | { readonly kind: 'rejected'; readonly error: TraceErrorData }
  | { readonly kind: 'mismatch'; readonly line: number };
