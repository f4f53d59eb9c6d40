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
/** events decoded and not yet fed: acknowledged at once, so the reader goes on while they wait */
let held: TraceEvent[] = [];
let heldLines: number[] = [];
/** how many events the checkers are fed at a time */
const CHUNK = 16_384;
/** how many decided checkers the acknowledgements have reported so far */
let reported = 0;
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
      if (open.length > 0) {
        const { count } = m.batch;
        for (let i = 0; i < count; i++) {
          held.push(decoder.event(i));
          heldLines.push(decoder.line(i));
        }
        events += count;
        if (held.length >= CHUNK) run();
      }
      busyMs += performance.now() - began;
      // how many it decided since the last acknowledgement
      const decided = checkers.length - open.length - reported;
      reported += decided;
      post({ kind: 'ack', seq: m.seq, decided });
      break;
    }
    case 'end': {
      const began = performance.now();
      run();
      busyMs += performance.now() - began;
      post({
        kind: 'done',
        verdicts: checkers.map((c) => c.finish()),
        stats: { profiles: profiles.map((p) => p.id), events, busyMs },
      });
      port.close();
      break;
    }
  }
});

/**
 * Feeds the events held to each checker still open, one checker over all of them, then the next:
 * the profiles' states are too large together for the caches, and a checker run over thousands
 * of events at a time keeps its own warm (BENCHMARKS.md: a sixth less work than 2,048 at a time;
 * more held events cost memory, which the 256 MB limit bounds).
 */
function run(): void {
  for (const c of open) for (let i = 0; i < held.length && c.feed(held[i]!, heldLines[i]!, held[i]) === undefined; i++);
  open = open.filter((c) => c.verdict === undefined);
  held = [];
  heldLines = [];
}
