import { Worker } from 'node:worker_threads';
import type { Profile } from '../model/Profile.js';
import type { Verdict } from '../model/Verdict.js';
import type { TraceStart } from '../model/vocabulary.js';
import { CheckWorkerError } from './CheckWorkerError.js';
import type { EventBatch } from './eventBatch.js';
import type { FromWorker, ToWorker, WorkerData, WorkerStats } from './workerMessages.js';

const YOUNG_GENERATION_MB = 16;

type Member = {
  readonly worker: Worker;
  /** the indices of its profiles in the crew's list */
  readonly share: readonly number[];
  /** how many of them are still undecided */
  undecided: number;
  done?: Extract<FromWorker, { kind: 'done' }>;
  /** resolves when `done` arrives */
  readonly finished: Promise<void>;
};

/**
 * The check workers of one trace, seen from the reading thread: each gets its share of the
 * profiles, and every batch while it has a profile undecided.
 * Invariants: at most `maxInFlight` batches wait for an acknowledgement before `pause` holds the
 * reader (a chunk of the file may add one or two more); after the first failure (a worker's, or
 * `abort`) every wait rejects with it; `close` terminates every worker.
 */
export class CheckCrew {
  private readonly members: Member[];
  private readonly pending = new Map<number, { left: number; buffer: SharedArrayBuffer }>();
  private readonly pool: SharedArrayBuffer[] = [];
  private seq = 0;
  private undecided: number;
  private closing = false;
  private drained: (() => void) | undefined;
  private failure: Error | undefined;
  private fail!: (e: Error) => void;
  private readonly failed: Promise<never>;

  constructor(
    url: URL,
    profiles: readonly Profile[],
    shares: readonly (readonly number[])[],
    private readonly maxInFlight: number,
  ) {
    this.undecided = profiles.length;
    this.failed = new Promise<never>((_, reject) => {
      this.fail = (e) => {
        if (this.failure !== undefined) return;
        this.failure = e;
        reject(e);
        this.drained?.();
      };
    });
    this.failed.catch(() => {});
    this.members = shares.map((share) => this.spawn(url, profiles, share));
  }

  /** The first failure, if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Whether some profile is still undecided: until then every event is worth sending. */
  get open(): boolean {
    return this.undecided > 0;
  }

  start(start: TraceStart): void {
    for (const m of this.members) this.post(m, { kind: 'start', start });
  }

  /** A buffer for the next batch: one the workers are done with, or a new one. */
  buffer(bytes: number): SharedArrayBuffer {
    return this.pool.pop() ?? new SharedArrayBuffer(bytes);
  }

  send(batch: EventBatch): void {
    const seq = this.seq++;
    let left = 0;
    for (const m of this.members) {
      if (m.undecided === 0) continue;
      this.post(m, { kind: 'batch', seq, batch });
      left++;
    }
    if (left === 0) this.pool.push(batch.buffer);
    else this.pending.set(seq, { left, buffer: batch.buffer });
  }

  /** Between chunks of the file: a promise to wait for while too many batches are in flight; rejected after a failure. */
  pause(): Promise<void> | undefined {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.pending.size < this.maxInFlight) return undefined;
    return new Promise<void>((resolve, reject) => {
      this.drained = () => {
        this.drained = undefined;
        if (this.failure !== undefined) reject(this.failure);
        else resolve();
      };
    });
  }

  /** Ends the trace; resolves with the verdicts in the profiles' order, and what each worker did. */
  async finish(): Promise<{ verdicts: Verdict[]; workers: WorkerStats[] }> {
    for (const m of this.members) this.post(m, { kind: 'end' });
    await Promise.race([Promise.all(this.members.map((m) => m.finished)), this.failed]);
    const verdicts: Verdict[] = [];
    for (const m of this.members) m.share.forEach((p, j) => (verdicts[p] = m.done!.verdicts[j]!));
    return { verdicts, workers: this.members.map((m) => m.done!.stats) };
  }

  /** Stops everything: every wait rejects with `reason`, every worker is terminated. */
  abort(reason: Error): void {
    this.fail(reason);
    void this.close();
  }

  /** Terminates every worker; idempotent. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.members.map((m) => m.worker.terminate()));
  }

  private spawn(url: URL, profiles: readonly Profile[], share: readonly number[]): Member {
    const data: WorkerData = { profiles: share.map((i) => profiles[i]!) };
    // a worker's young generation may grow to 48 MB by default: 16 took the peak memory of
    // `check --profile all` on the bench's trace from about 240 to 215 MB at no measurable cost in
    // time (8 saved 10 MB more, but some runs then took half as long again)
    const worker = new Worker(url, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const ids = data.profiles.map((p) => p.id).join(', ');
    let arrived!: () => void;
    const member: Member = { worker, share, undecided: share.length, finished: new Promise<void>((resolve) => (arrived = resolve)) };
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'done') {
        member.done = m;
        arrived();
      } else {
        member.undecided -= m.decided;
        this.undecided -= m.decided;
        this.acknowledged(m.seq);
      }
    });
    worker.on('error', (e) => this.fail(new CheckWorkerError(`the check worker of ${ids} failed: ${e.message}`, { cause: e })));
    worker.on('messageerror', (e) =>
      this.fail(new CheckWorkerError(`the check worker of ${ids} sent a message that could not be read`, { cause: e })),
    );
    worker.on('exit', (code) => {
      if (!this.closing && member.done === undefined) {
        this.fail(new CheckWorkerError(`the check worker of ${ids} exited with code ${code} before its verdicts`));
      }
    });
    return member;
  }

  private acknowledged(seq: number): void {
    const p = this.pending.get(seq);
    if (p === undefined) return;
    if (--p.left > 0) return;
    this.pending.delete(seq);
    this.pool.push(p.buffer);
    if (this.pending.size < this.maxInFlight) this.drained?.();
  }

  private post(m: Member, message: ToWorker): void {
    m.worker.postMessage(message);
  }
}
