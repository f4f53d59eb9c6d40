import { parentPort, workerData } from 'node:worker_threads';
import { ProfileChecker } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { BatchDecoder } from './BatchDecoder.js';
import type { FromWorker, ToWorker, WorkerData } from './workerMessages.js';

/**
 * A check worker (see checkTraceParallel): feeds its share of the profiles' checkers the events
 * of the batches it is sent, acknowledging each batch with how many of them it decided. `raw`,
 * the line as parsed, is not here: a divergence carries the event, which the reading thread replaces.
 * Invariant: an exception thrown here ends the worker, and the reading thread reports it as an error.
 */
const { profiles } = workerData as WorkerData;
const port = parentPort!;
const decoder = new BatchDecoder();
let checkers: ProfileChecker[] = [];
let open: ProfileChecker[] = [];
let events = 0;
let busyMs = 0;

const post = (m: FromWorker) => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  switch (m.kind) {
    case 'start':
      checkers = profiles.map((p) => new ProfileChecker(p, m.start));
      open = [...checkers];
      break;
    case 'batch': {
      const began = performance.now();
      decoder.open(m.batch);
      const before = open.length;
      if (open.length > 0) {
        // one checker over the whole batch, then the next: each keeps its own state warm
        const { count } = m.batch;
        const batch: TraceEvent[] = new Array(count);
        const lines: number[] = new Array(count);
        for (let i = 0; i < count; i++) {
          batch[i] = decoder.event(i);
          lines[i] = decoder.line(i);
        }
        events += count;
        for (const c of open) for (let i = 0; i < count && c.feed(batch[i]!, lines[i]!, batch[i]) === undefined; i++);
        open = open.filter((c) => c.verdict === undefined);
      }
      busyMs += performance.now() - began;
      post({ kind: 'ack', seq: m.seq, decided: before - open.length });
      break;
    }
    case 'end':
      post({
        kind: 'done',
        verdicts: checkers.map((c) => c.finish()),
        stats: { profiles: profiles.map((p) => p.id), events, busyMs },
      });
      port.close();
      break;
  }
});
