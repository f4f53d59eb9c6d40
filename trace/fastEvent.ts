import { CLIENTS, PHOTO_SOURCES, REMOVE_VIAS, RESULTS, SURFACES, VIAS, type ActionKind, type TraceEvent } from '../model/vocabulary.js';
import { parseUtcTime } from './isoTime.js';
import { ACTION_SCHEMAS, ObservationLine } from './TraceEvent.js';

type Line = Record<string, unknown>;
/** Reads the fields of one action kind from `raw` into `out`, in its schema's order; false when one is off. */
type Fields = (raw: Line, out: Line) => boolean;

const SURFACE_SET: ReadonlySet<unknown> = new Set(SURFACES);
const VIA_SET: ReadonlySet<unknown> = new Set(VIAS);
const REMOVE_VIA_SET: ReadonlySet<unknown> = new Set(REMOVE_VIAS);
const CLIENT_SET: ReadonlySet<unknown> = new Set(CLIENTS);
const RESULT_SET: ReadonlySet<unknown> = new Set(RESULTS);
const SOURCE_SET: ReadonlySet<unknown> = new Set(PHOTO_SOURCES);

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

const user: Fields = (raw, out) => {
  const u = raw.user;
  if (!isId(u)) return false;
  out.user = u;
  return true;
};
const viewer: Fields = (raw, out) => {
  const v = raw.viewer;
  if (!isId(v)) return false;
  out.viewer = v;
  return true;
};

// the schemas of trace/TraceEvent.ts, by hand; keyed by kind so that a new kind is a compile error here
const FIELDS: { readonly [K in ActionKind]: Fields } = {
  setPhoto(raw, out) {
    const { user: u, photo, via, by, bytes } = raw;
    if (!isId(u) || !isId(photo) || !VIA_SET.has(via)) return false;
    out.user = u;
    out.photo = photo;
    out.via = via;
    if (by !== undefined) {
      if (!isId(by)) return false;
      out.by = by;
    }
    if (bytes !== undefined) {
      if (!Number.isSafeInteger(bytes) || (bytes as number) < 0) return false;
      out.bytes = bytes;
    }
    return true;
  },
  removePhoto(raw, out) {
    const { user: u, via } = raw;
    if (!isId(u) || !REMOVE_VIA_SET.has(via)) return false;
    out.user = u;
    out.via = via;
    return true;
  },
  visitMySite: user,
  editCancel: user,
  lyncSignIn: user,
  lyncSignOut: user,
  restartClient(raw, out) {
    const { viewer: v, client } = raw;
    if (!isId(v) || !CLIENT_SET.has(client)) return false;
    out.viewer = v;
    out.client = client;
    return true;
  },
  clearBrowserCache: viewer,
  openYammer: user,
  setPolicy(raw, out) {
    const { user: u, setPhotoEnabled } = raw;
    if (!isId(u) || typeof setPhotoEnabled !== 'boolean') return false;
    out.user = u;
    out.setPhotoEnabled = setPhotoEnabled;
    return true;
  },
  wait(raw, out) {
    const ms = raw.ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return false;
    out.ms = ms;
    return true;
  },
  setPhotoSettings(raw, out) {
    const { source, allowedRoles } = raw;
    if (!SOURCE_SET.has(source)) return false;
    out.source = source;
    if (allowedRoles !== undefined) {
      if (!Array.isArray(allowedRoles) || !allowedRoles.every(isId)) return false;
      out.allowedRoles = allowedRoles.slice();
    }
    return true;
  },
};

// the fields each schema declares: every other field of a line is kept as it is
const ACTION_KEYS: ReadonlyMap<unknown, { fields: Fields; known: ReadonlySet<string> }> = new Map(
  [...ACTION_SCHEMAS].map(([kind, schema]) => [kind, { fields: FIELDS[kind as ActionKind], known: new Set(Object.keys(schema.shape)) }]),
);
const OBSERVATION_KEYS: ReadonlySet<string> = new Set(Object.keys(ObservationLine.shape));

/**
 * The event of a line of a common shape, validated and built by hand; undefined for anything off
 * or unusual (a missing or mistyped field, an unknown `do` or `see`, a time not in the
 * `2014-04-01T09:00:00Z` form), which the caller then hands to the zod schemas, so that their
 * errors stay the only ones.
 * Invariant: when it returns an event, the zod path accepts the line and returns an equal event,
 * its fields in the same order.
 */
export function fastEvent(raw: Line): TraceEvent | undefined {
  if ('see' in raw) return 'do' in raw ? undefined : observation(raw);
  return 'do' in raw ? action(raw) : undefined;
}

function observation(raw: Line): TraceEvent | undefined {
  const { at: text, see, user: u, viewer: v, photo } = raw;
  const at = typeof text === 'string' ? parseUtcTime(text) : NaN;
  if (Number.isNaN(at) || !SURFACE_SET.has(see) || !isId(u) || !isId(v) || !isId(photo)) return undefined;
  const out: Line = { at, see, user: u, viewer: v, photo };
  copyExtras(raw, out, OBSERVATION_KEYS);
  return out as TraceEvent;
}

function action(raw: Line): TraceEvent | undefined {
  const kind = ACTION_KEYS.get(raw.do);
  if (kind === undefined) return undefined;
  const { at: text, result = 'ok', reason } = raw;
  const at = typeof text === 'string' ? parseUtcTime(text) : NaN;
  if (Number.isNaN(at) || !RESULT_SET.has(result)) return undefined;
  let out: Line;
  if (reason === undefined) out = { at, result, do: raw.do };
  else if (typeof reason === 'string') out = { at, result, reason, do: raw.do };
  else return undefined;
  if (!kind.fields(raw, out)) return undefined;
  copyExtras(raw, out, kind.known);
  return out as TraceEvent;
}

// as zod's loose objects do: in the line's order, never `__proto__` (it would replace the prototype)
function copyExtras(raw: Line, out: Line, known: ReadonlySet<string>): void {
  for (const key in raw) {
    if (!known.has(key) && key !== '__proto__') out[key] = raw[key];
  }
}
