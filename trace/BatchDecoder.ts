import { RESULTS, type TraceEvent } from '../model/vocabulary.js';
import {
  ACTION_BASE,
  actionOf,
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
  RESULT_MASK,
  S1,
  S2,
  S3,
  S4,
  surfaceOf,
  type EventBatch,
} from './eventBatch.js';

type Line = Record<string, unknown>;

/**
 * Rebuilds the events of EventBatches, on a check worker: the batches of one trace, every one of
 * them, in order (the string table grows with each).
 */
export class BatchDecoder {
  private readonly table: string[] = [];
  private local: readonly string[] = [];
  private values: readonly unknown[] = [];
  private next = 0;
  private ints: Int32Array = new Int32Array(0);
  private floats: Float64Array = new Float64Array(0);

  /** Takes the next batch; its events are then read with `line` and `event`, in order. */
  open(batch: EventBatch): void {
    for (const s of batch.fresh) this.table.push(s);
    this.local = batch.local;
    this.values = batch.values;
    this.next = 0;
    ({ ints: this.ints, floats: this.floats } = batchViews(batch.buffer, batch.buffer.byteLength / batchBytes(1)));
  }

  line(i: number): number {
    return this.ints[i * INTS + LINE]!;
  }

  /** The event `i` of the open batch, equal to the one encoded; call it for each event once, in order. */
  event(i: number): TraceEvent {
    const ints = this.ints;
    const o = i * INTS;
    const at = this.floats[i * FLOATS + AT]!;
    const kind = ints[o + KIND]!;
    const flags = ints[o + FLAGS]!;
    let out: Line;
    if (kind < ACTION_BASE) {
      out = { at, see: surfaceOf(kind), user: this.str(ints[o + S1]!), viewer: this.str(ints[o + S2]!), photo: this.str(ints[o + S3]!) };
    } else {
      const kindName = actionOf(kind);
      const result = RESULTS[flags & RESULT_MASK];
      out = flags & HAS_REASON ? { at, result, reason: this.str(ints[o + REASON]!), do: kindName } : { at, result, do: kindName };
      switch (kindName) {
        case 'setPhoto':
          out.user = this.str(ints[o + S1]!);
          out.photo = this.str(ints[o + S2]!);
          out.via = this.str(ints[o + S3]!);
          if (flags & HAS_BY) out.by = this.str(ints[o + S4]!);
          if (flags & HAS_BYTES) out.bytes = this.floats[i * FLOATS + NUM]!;
          break;
        case 'removePhoto':
          out.user = this.str(ints[o + S1]!);
          out.via = this.str(ints[o + S2]!);
          break;
        case 'visitMySite':
        case 'editCancel':
        case 'lyncSignIn':
        case 'lyncSignOut':
        case 'openYammer':
          out.user = this.str(ints[o + S1]!);
          break;
        case 'restartClient':
          out.viewer = this.str(ints[o + S1]!);
          out.client = this.str(ints[o + S2]!);
          break;
        case 'clearBrowserCache':
          out.viewer = this.str(ints[o + S1]!);
          break;
        case 'setPolicy':
          out.user = this.str(ints[o + S1]!);
          out.setPhotoEnabled = (flags & ENABLED) !== 0;
          break;
        case 'wait':
          out.ms = this.floats[i * FLOATS + NUM]!;
          break;
        case 'setPhotoSettings':
          out.source = this.str(ints[o + S1]!);
          if (flags & HAS_ROLES) out.allowedRoles = this.values[this.next++];
          break;
        default: {
          const never: never = kindName;
          throw new Error(`no decoding for ${String(never)}`);
        }
      }
    }
    if (flags & HAS_EXTRAS) {
      for (const [k, v] of this.values[this.next++] as [string, unknown][]) {
        // a key `__proto__` as JSON.parse makes it: an own field, not the prototype
        if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        else out[k] = v;
      }
    }
    return out as TraceEvent;
  }

  private str(id: number): string {
    return id >= 0 ? this.table[id]! : this.local[-1 - id]!;
  }
}
