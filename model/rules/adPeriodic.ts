import type { Rule } from '../Rule.js';

export const adPeriodic: Rule = {
  id: 'AD-PERIODIC',
  statement:
    'Every on-premises AD photo reaches Exchange as DIRSYNC says; an AD write and the latest change made elsewhere less than dirSyncInterval before or after it race, and Exchange may keep either.',
  source: 'azure-docs PR 106906 (2023); MSDOC Entra Connect attributes',
  params: ['dirSyncInterval', 'exoLag'],
  reading:
    'The two racing photos may each show, in any order, until both have surely reached Exchange; after that Exchange keeps one of them until a later change: the model does not guess which, but once a read with no cache reaching back before then has shown one, every later such read must show the same, and so must what SharePoint or Viva Engage copy from Exchange from then on (the checker follows each photo Exchange may have kept apart). Two AD writes do not race: DirSync carries the current value. An AD write DirSync does not carry (too large, or stopped by PHOTO-SOURCE) races with nothing.',
  racesWith(source, photo, ctx) {
    const core = ctx.core;
    const other = source === 'ad' ? core.lastCloud : core.lastAd;
    const made = { at: ctx.at, photos: [photo] };
    if (source === 'ad') core.lastAd = made;
    else core.lastCloud = made;
    // several photos where two sides were joined (ExchangeSide.joinMissed)
    return other !== null && ctx.at - other.at < ctx.param('dirSyncInterval') ? { photos: other.photos, mayNotCarry: false } : undefined;
  },
};
