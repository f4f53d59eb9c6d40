import type { ActionEvent, ActionKind, ObservationEvent, TraceEvent } from '../model/vocabulary.js';
import {
  ACTION_CODE,
  AT,
  batchBytes,
  batchViews,
  ENABLED,
  FLAGS,
  FLOATS,
  HAS_BY,
  HAS_BYTES,
  HAS_EXTRAS,
  HAS_REASON,
  HAS_ROLES,
  INTS,
  KIND,
  LINE,
  NUM,
  REASON,
  RESULT_CODE,
  S1,
  S2,
  S3,
  S4,
  SURFACE_CODE,
  TABLE_CAP,
  type EventBatch,
} from './eventBatch.js';

/** The fields of each action kind that have slots, in its schema's order; any other field of an event travels as an extra. */
export const ENCODED_FIELDS: { readonly [K in ActionKind]: readonly string[] } = {
  setPhoto: ['user', 'photo', 'via', 'by', 'bytes'],
  removePhoto: ['user', 'via'],
  visitMySite: ['user'],
  editCancel: ['user'],
  lyncSignIn: ['user'],
  lyncSignOut: ['user'],
  restartClient: ['viewer', 'client'],
  clearBrowserCache: ['viewer'],
  openYammer: ['user'],
  setPolicy: ['user', 'setPhotoEnabled'],
  wait: ['ms'],
  setPhotoSettings: ['source', 'allowedRoles'],
};
export const ENCODED_OBSERVATION: readonly string[] = ['at', 'see', 'user', 'viewer', 'photo'];
const COMMON = ['at', 'result', 'reason', 'do'];
const OK = RESULT_CODE.get('ok')!;

const KNOWN_ACTION: ReadonlyMap<unknown, ReadonlySet<string>> = new Map(
  Object.entries(ENCODED_FIELDS).map(([kind, fields]) => [kind, new Set([...COMMON, ...fields])]),
);
const KNOWN_OBSERVATION: ReadonlySet<string> = new Set(ENCODED_OBSERVATION);

/**
 * Packs parsed events into EventBatches, on the reading thread. Strings get ids in one table for
 * the whole trace, each sent once, with the batch where it first appears.
 * Invariant: BatchDecoder, fed the batches in order, rebuilds each event equal to the one added,
 * its fields in the same order.
 */
export class BatchEncoder {
  private readonly table = new Map<string, number>();
  private fresh: string[] = [];
  private local: string[] = [];
  private values: unknown[] = [];
  private buffer: SharedArrayBuffer;
  private ints: Int32Array;
  private floats: Float64Array;
  private count = 0;

  /** `take` hands a new batch's buffer (of batchBytes(capacity)), recycled or made. */
  constructor(
    readonly capacity: number,
    private readonly nextBuffer: () => SharedArrayBuffer = () => new SharedArrayBuffer(batchBytes(capacity)),
  ) {
    this.buffer = nextBuffer();
    ({ ints: this.ints, floats: this.floats } = batchViews(this.buffer, capacity));
  }

  get size(): number {
    return this.count;
  }

  /** Adds an event of line `line`; true when the batch is then full. */
  add(e: TraceEvent, line: number): boolean {
    const i = this.count++;
    const o = i * INTS;
    const ints = this.ints;
    ints[o + LINE] = line;
    this.floats[i * FLOATS + AT] = e.at;
    if ('see' in e) {
      if (this.observation(e, o) !== keyCount(e)) this.extras(e, o, KNOWN_OBSERVATION);
    } else if (this.action(e, o, i * FLOATS) !== keyCount(e)) {
      this.extras(e, o, KNOWN_ACTION.get(e.do)!);
    }
    return this.count === this.capacity;
  }

  /** The batch so far (a fresh one begins). */
  take(): EventBatch {
    const batch: EventBatch = { buffer: this.buffer, count: this.count, fresh: this.fresh, local: this.local, values: this.values };
    this.buffer = this.nextBuffer();
    ({ ints: this.ints, floats: this.floats } = batchViews(this.buffer, this.capacity));
    this.count = 0;
    this.fresh = [];
    this.local = [];
    this.values = [];
    return batch;
  }

  private observation(e: ObservationEvent, o: number): number {
    const ints = this.ints;
    ints[o + KIND] = SURFACE_CODE.get(e.see)!;
    ints[o + FLAGS] = 0;
    ints[o + S1] = this.id(e.user);
    ints[o + S2] = this.id(e.viewer);
    ints[o + S3] = this.id(e.photo);
    return 5;
  }

  /** Fills the slots of an action; returns how many of its fields it encoded. */
  private action(e: ActionEvent, o: number, f: number): number {
    const ints = this.ints;
    ints[o + KIND] = ACTION_CODE.get(e.do)!;
    let flags = e.result === 'ok' ? OK : RESULT_CODE.get(e.result)!;
    let n = 3;
    const reason = (e as { reason?: unknown }).reason;
    if (reason !== undefined) {
      flags |= HAS_REASON;
      ints[o + REASON] = this.id(reason as string);
      n++;
    }
    switch (e.do) {
      case 'setPhoto':
        ints[o + S1] = this.id(e.user);
        ints[o + S2] = this.id(e.photo);
        ints[o + S3] = this.id(e.via);
        n += 3;
        if (e.by !== undefined) {
          flags |= HAS_BY;
          ints[o + S4] = this.id(e.by);
          n++;
        }
        if (e.bytes !== undefined) {
          flags |= HAS_BYTES;
          this.floats[f + NUM] = e.bytes;
          n++;
        }
        break;
      case 'removePhoto':
        ints[o + S1] = this.id(e.user);
        ints[o + S2] = this.id(e.via);
        n += 2;
        break;
      case 'visitMySite':
      case 'editCancel':
      case 'lyncSignIn':
      case 'lyncSignOut':
      case 'openYammer':
        ints[o + S1] = this.id(e.user);
        n++;
        break;
      case 'restartClient':
        ints[o + S1] = this.id(e.viewer);
        ints[o + S2] = this.id(e.client);
        n += 2;
        break;
      case 'clearBrowserCache':
        ints[o + S1] = this.id(e.viewer);
        n++;
        break;
      case 'setPolicy':
        ints[o + S1] = this.id(e.user);
        if (e.setPhotoEnabled) flags |= ENABLED;
        n += 2;
        break;
      case 'wait':
        this.floats[f + NUM] = e.ms;
        n++;
        break;
      case 'setPhotoSettings':
        ints[o + S1] = this.id(e.source);
        n++;
        if (e.allowedRoles !== undefined) {
          flags |= HAS_ROLES;
          this.values.push(e.allowedRoles);
          n++;
        }
        break;
      default: {
        const never: never = e;
        throw new Error(`no encoding for ${JSON.stringify(never)}`);
      }
    }
    ints[o + FLAGS] = flags;
    return n;
  }

  /** The fields of `e` without a slot, in its order, as key-value pairs. */
  private extras(e: object, o: number, known: ReadonlySet<string>): void {
    const out: [string, unknown][] = [];
    for (const [k, v] of Object.entries(e)) if (!known.has(k)) out.push([k, v]);
    this.ints[o + FLAGS]! |= HAS_EXTRAS;
    this.values.push(out);
  }

  private id(s: string): number {
    const known = this.table.get(s);
    if (known !== undefined) return known;
    if (this.table.size < TABLE_CAP) {
      const id = this.table.size;
      this.table.set(s, id);
      this.fresh.push(s);
      return id;
    }
    this.local.push(s);
    return -this.local.length;
  }
}

function keyCount(e: object): number {
  let n = 0;
  for (const _ in e) n++;
  return n;
}
