import type { Profile } from '../model/Profile.js';
import type { Verdict } from '../model/Verdict.js';
import type { TraceStart } from '../model/vocabulary.js';
import type { EventBatch } from './eventBatch.js';

/** What a check worker starts with: its share of the profiles. */
export type WorkerData = { readonly profiles: readonly Profile[] };

/** From the reading thread to a check worker, in this order: start, batches, end. */
export type ToWorker =
  | { readonly kind: 'start'; readonly start: TraceStart }
  | { readonly kind: 'batch'; readonly seq: number; readonly batch: EventBatch }
  | { readonly kind: 'end' };

/** What a worker did, for the record: events fed and milliseconds spent on batches. */
export type WorkerStats = { readonly profiles: readonly string[]; readonly events: number; readonly busyMs: number };

/** From a check worker: a batch done (with how many profiles it decided), then, after `end`, every verdict. */
export type FromWorker =
  | { readonly kind: 'ack'; readonly seq: number; readonly decided: number }
  | { readonly kind: 'done'; readonly verdicts: readonly Verdict[]; readonly stats: WorkerStats };
