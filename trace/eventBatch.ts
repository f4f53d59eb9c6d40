import { ACTION_KINDS, RESULTS, SURFACES, type ActionKind, type Surface } from '../model/vocabulary.js';

/**
 * A run of events encoded for the check workers: numbers in a shared buffer (for each event, its
 * line, kind and flags and up to five string ids as Int32, its `at` and one other number as
 * Float64), strings by id in a table that grows as new ones appear, and the rare fields that are
 * neither (`allowedRoles`, fields the schemas do not declare) as values, in event order.
 */
export type EventBatch = {
  readonly buffer: SharedArrayBuffer;
  readonly count: number;
  /** strings that enter the table with this batch, ids from the table's size on */
  readonly fresh: readonly string[];
  /** strings past the table's cap, used by this batch alone: id -1 is the first */
  readonly local: readonly string[];
  readonly values: readonly unknown[];
};

/** Int32 slots of one event. */
export const INTS = 8;
/** Float64 slots of one event. */
export const FLOATS = 2;

export const LINE = 0;
export const KIND = 1;
export const FLAGS = 2;
/** the string slots: subject or viewer, then the kind's other strings in its schema's order */
export const S1 = 3;
export const S2 = 4;
export const S3 = 5;
export const S4 = 6;
export const REASON = 7;

export const AT = 0;
/** `bytes` of setPhoto, `ms` of wait */
export const NUM = 1;

/** FLAGS: bits 0-1 hold the index of `result` in RESULTS. */
export const RESULT_MASK = 3;
export const HAS_REASON = 1 << 2;
export const HAS_BY = 1 << 3;
export const HAS_BYTES = 1 << 4;
export const HAS_ROLES = 1 << 5;
export const HAS_EXTRAS = 1 << 6;
export const ENABLED = 1 << 7;

/** KIND: an observation's surface is its index in SURFACES; an action's kind is ACTION_BASE plus its index in ACTION_KINDS. */
export const ACTION_BASE = 32;

/** The most strings the table holds; later new strings travel with their batch alone, so that memory stays bounded. */
export const TABLE_CAP = 1 << 16;

export function batchBytes(capacity: number): number {
  return capacity * (FLOATS * 8 + INTS * 4);
}

/** The two views of a batch's buffer: floats first, for alignment. */
export function batchViews(buffer: SharedArrayBuffer, capacity: number): { floats: Float64Array; ints: Int32Array } {
  return { floats: new Float64Array(buffer, 0, capacity * FLOATS), ints: new Int32Array(buffer, capacity * FLOATS * 8, capacity * INTS) };
}

export const SURFACE_CODE: ReadonlyMap<unknown, number> = new Map(SURFACES.map((s, i) => [s, i]));
export const ACTION_CODE: ReadonlyMap<unknown, number> = new Map(ACTION_KINDS.map((k, i) => [k, ACTION_BASE + i]));
export const RESULT_CODE: ReadonlyMap<unknown, number> = new Map(RESULTS.map((r, i) => [r, i]));

export function surfaceOf(kind: number): Surface {
  return SURFACES[kind]!;
}

export function actionOf(kind: number): ActionKind {
  return ACTION_KINDS[kind - ACTION_BASE]!;
}
