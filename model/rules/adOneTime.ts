import type { Rule } from '../Rule.js';
import { SURFACE_STORE, type Photo } from '../vocabulary.js';

const NONE: readonly Photo[] = [];

export const adOneTime: Rule = {
  id: 'AD-ONE-TIME',
  statement: 'Only the first on-premises AD photo ever synced reaches Exchange; later ones never do.',
  source: 'TW-c/kduff85; MSDOC Entra Connect',
  params: ['dirSyncInterval'],
  reading:
    'An AD photo that never reached Exchange (too large, say) does not use up the one-time sync. DirSync exports the current value at each run (SPEC section 4, readings), so an AD write made less than dirSyncInterval after the first one DirSync carries may be exported in its place: either may be the photo that reaches Exchange, and the other never does.',
  stopsDirSync(_a, ctx) {
    const core = ctx.core;
    if (!core.adSynced) return false;
    const first = core.syncedFirst;
    return first === null || ctx.at - first.at >= ctx.param('dirSyncInterval');
  },
  racesWith(source, photo, ctx) {
    if (source !== 'ad') return NONE;
    const core = ctx.core;
    const first = core.syncedFirst;
    if (!core.adSynced || first === null) {
      core.syncedFirst = { at: ctx.at, photos: [photo] };
      return NONE;
    }
    // within one interval of the first: DirSync may have exported this one, or the first
    if (!first.photos.includes(photo)) core.syncedFirst = { at: first.at, photos: [...first.photos, photo] };
    return first.photos.filter((p) => p !== photo);
  },
  explains(photo, surface, ctx) {
    return SURFACE_STORE[surface] === 'exchange' && ctx.core.stoppedBy.get(photo) === 'AD-ONE-TIME';
  },
};
