import type { Made } from '../ExchangeSide.js';
import { union } from '../photoLists.js';
import type { Rule } from '../Rule.js';
import type { Photo } from '../vocabulary.js';

export const adPeriodic: Rule = {
  id: 'AD-PERIODIC',
  statement:
    'Every on-premises AD photo reaches Exchange as DIRSYNC says; an AD write and the latest change made elsewhere less than dirSyncInterval before or after it race, and Exchange may keep either.',
  source: 'azure-docs PR 106906 (2023); MSDOC Entra Connect attributes',
  params: ['dirSyncInterval', 'exoLag'],
  reading:
    'The two racing photos may each show, in any order, until both have surely reached Exchange; after that Exchange keeps one of them until a later change: the model does not guess which, but once a read with no cache reaching back before then has shown one, every later such read must show the same, and so must what SharePoint or Viva Engage copy from Exchange from then on (the checker follows each photo Exchange may have kept apart). Two AD writes do not race: DirSync carries the current value. A change made elsewhere races with every AD write made less than dirSyncInterval before it, not only the last: it is the latest change made elsewhere for each of them (a superset where a later such change came within the interval of one and not of another). An AD write DirSync does not carry (too large, or stopped by PHOTO-SOURCE) races with nothing.',
  racesWith(source, photo, ctx) {
    const core = ctx.core;
    const interval = ctx.param('dirSyncInterval');
    const made = { at: ctx.at, photos: [photo] };
    const within = (m: Made) => ctx.at - m.at < interval;
    if (source === 'ad') {
      const other = core.lastCloud;
      core.recentAd = [...core.recentAd.filter(within), made];
      // several photos where two sides were joined (ExchangeSide.joinMissed)
      return other !== null && within(other) ? { photos: other.photos, mayNotCarry: false } : undefined;
    }
    core.lastCloud = made;
    // this change is the latest made elsewhere for every AD write less than one interval before it,
    // not only the last: each of them races with it (a later AD write is no change made elsewhere)
    let photos: readonly Photo[] = [];
    for (const m of core.recentAd) if (within(m)) photos = union(photos, m.photos);
    return photos.length > 0 ? { photos, mayNotCarry: false } : undefined;
  },
};
