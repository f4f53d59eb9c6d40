import { Prng } from '../bench/Prng.js';
import { ACTION_KINDS, CLIENTS, PHOTO_SOURCES, REMOVE_VIAS, SURFACES, VIAS } from '../model/vocabulary.js';

/**
 * Test helper: the lines of a random trace (header first), valid but not made to conform: every
 * kind of action and surface, `unknown` results and photos, reasons, `by` and `bytes`, fields the
 * schemas do not know, times in other ISO forms, and now and then the header fields of SPEC section 6.
 */
export function randomTraceLines(seed: number, events: number): string[] {
  const rng = new Prng(seed);
  const ids = ['alice', 'bob', 'carol', 'dave', 'erin'].slice(0, rng.between(2, 5));
  const photos = ['p0', 'p1', 'p2', 'p3'];
  const asIs = rng.chance(0.4);
  const users = ids.map((id) => {
    const u: Record<string, unknown> = { id };
    if (rng.chance(0.6)) u.photo = rng.pick(photos);
    if (rng.chance(0.5)) u.mySite = rng.chance(0.5);
    if (rng.chance(0.3)) u.lync = rng.pick(['online', 'offline']);
    if (rng.chance(0.2)) u.setPhotoEnabled = rng.chance(0.7);
    if (rng.chance(0.2)) u.adSynced = rng.chance(0.5);
    if (asIs) {
      if (rng.chance(0.5)) u.stores = { exchange: rng.pick([...photos, 'unknown']), yammer: rng.pick(photos) };
      if (rng.chance(0.3)) u.spUpdated = rng.pick(['unknown', '2014-03-30T09:00:00Z']);
      if (rng.chance(0.3)) u.pending = rng.pick([true, false, 'unknown']);
      if (rng.chance(0.3)) u.roles = ['helpdesk'];
      if (rng.chance(0.3)) u.caches = rng.pick(['start', 'unknown']);
    }
    return u;
  });
  const header: Record<string, unknown> = { format: 'photosync-trace', version: 1, start: '2014-04-01T09:00:00Z', users, tenant: 'test' };
  if (asIs && rng.chance(0.6))
    header.photoSettings = { source: rng.pick(PHOTO_SOURCES), allowedRoles: rng.chance(0.5) ? ['helpdesk'] : [] };
  const out = [JSON.stringify(header)];
  let at = Date.parse('2014-04-01T09:00:00Z');
  for (let i = 0; i < events; i++) {
    at += rng.pick([0, 1000, 30_000, 60_000, 600_000, 3_600_000, 86_400_000]);
    const e: Record<string, unknown> = { at: time(rng, at) };
    if (rng.chance(0.55)) {
      e.see = rng.pick(SURFACES);
      e.user = rng.pick(ids);
      e.viewer = rng.pick(ids);
      e.photo = rng.chance(0.4) ? 'unknown' : rng.pick([...photos, 'none']);
    } else {
      action(rng, e, ids, photos);
    }
    if (rng.chance(0.05)) e.note = rng.pick(['kept', 7, { nested: [1, 'x'] }, null]);
    out.push(JSON.stringify(e));
  }
  return out;
}

function action(rng: Prng, e: Record<string, unknown>, ids: readonly string[], photos: readonly string[]): void {
  const kind = rng.pick(ACTION_KINDS);
  if (rng.chance(0.3)) e.result = rng.pick(['ok', 'rejected', 'unknown']);
  if (rng.chance(0.05)) e.reason = rng.pick(['timeout', 'HTTP 503']);
  e.do = kind;
  switch (kind) {
    case 'setPhoto':
      e.user = rng.pick(ids);
      e.via = rng.pick(VIAS);
      e.photo = rng.pick(photos);
      if (rng.chance(0.2)) e.by = rng.pick([...ids, 'admin']);
      if (rng.chance(0.2)) e.bytes = rng.pick([1000, 150_000, 5_000_000]);
      break;
    case 'removePhoto':
      e.user = rng.pick(ids);
      e.via = rng.pick(REMOVE_VIAS);
      // not in the schema: kept as it is, and read by PHOTO-SOURCE
      if (rng.chance(0.3)) e.by = rng.pick([...ids, 'admin']);
      break;
    case 'restartClient':
      e.viewer = rng.pick(ids);
      e.client = rng.pick(CLIENTS);
      break;
    case 'clearBrowserCache':
      e.viewer = rng.pick(ids);
      break;
    case 'setPolicy':
      e.user = rng.pick(ids);
      e.setPhotoEnabled = rng.chance(0.5);
      break;
    case 'wait':
      e.ms = rng.pick([0, 1.5, 60_000]);
      if (rng.chance(0.2)) e.user = rng.pick(ids);
      break;
    case 'setPhotoSettings':
      e.source = rng.pick(PHOTO_SOURCES);
      if (rng.chance(0.5)) e.allowedRoles = rng.chance(0.5) ? ['helpdesk'] : [];
      break;
    default:
      e.user = rng.pick(ids);
  }
}

/** `at` mostly as `2014-04-01T09:00:00Z`, sometimes with milliseconds or an offset (zod's path). */
function time(rng: Prng, at: number): string {
  const iso = new Date(at).toISOString();
  const r = rng.next();
  if (r < 0.85) return iso.replace('.000Z', 'Z');
  if (r < 0.95) return iso;
  return new Date(at + 3_600_000).toISOString().replace('.000Z', '+01:00');
}
