import type { Rule } from '../Rule.js';

export const adOneTime: Rule = {
  id: 'AD-ONE-TIME',
  statement: 'Only the first on-premises AD photo ever synced reaches Exchange; later ones never do.',
  source: 'TW-c/kduff85; MSDOC Entra Connect',
  params: ['dirSyncInterval'],
  reading:
    'Whether an AD photo too large for Exchange (AD-SIZE) was synced all the same, and so used up the one-time sync, the sources do not say: it may have, or not, and the next AD write is then the first synced or never carried, as below. DirSync exports the current value at each run (SPEC section 4, readings), so an AD write made less than dirSyncInterval after the first one DirSync carries may be exported in its place, or never carried: until it has surely landed either may show, then Exchange keeps it or what it would hold without it. Under SP-SYNC-WINDOW the photo of the write travels to SharePoint where it was carried, and nothing where it was not: SharePoint then keeps what it would hold without it, which need not be the photo of Exchange (a change still travelling on after an Edit-Cancel may land after the copy). A first write so collapsed into a later one that never reached Exchange (DIRSYNC) may not have used up the sync: the next AD write is then the first synced, or never carried, until Exchange has kept one: keeping its photo says the sync was used, keeping the photo before it that it was not (unless an AD write before it may have used it). Where Exchange keeps what it would hold without it, the write was never carried, and its photo never showed, not even to a cache reaching back. A read of Exchange that shows the photo of the first one DirSync carries, where nothing else may have shown it (a later write only as what Exchange would hold without it), says DirSync had exported it by then: a later write, made before that read or after it, cannot be exported in its place, and is never carried, however soon after it came; and one that shows the photo of a later write while it lands, where nothing else may have shown it, says DirSync exported that one in place of the first, which then never showed (reviews of 2026-12-07). What Exchange would hold without such a later write shows through it only once its own window has closed: while it lands, the photo before it shows only as long as its own window says, and a later change replaces it then.',
  stopsDirSync(_a, ctx) {
    const core = ctx.core;
    if (core.adSynced !== true) return false;
    const first = core.syncedFirst;
    // within one interval of it, a write may have been exported in its place, unless a read showed
    // it had landed (`ExchangeSide.exportedFirst`): a run had come between them
    return first === null || core.firstExported || ctx.at - first >= ctx.param('dirSyncInterval');
  },
  racesWith(source, _photo, ctx) {
    if (source !== 'ad') return undefined;
    const core = ctx.core;
    // the first synced races with nothing; where the first one DirSync carried may have collapsed
    // into one that never reached Exchange (`either`), this one may be the first or never carried
    const first = core.adSynced !== true || core.syncedFirst === null;
    if (first) {
      core.syncedFirst = ctx.at;
      core.usedBefore = core.adSynced === 'either';
    }
    if (first && core.adSynced !== 'either') return undefined;
    // within one interval of the first: DirSync exported this one in its place, or never carries
    // it, and Exchange keeps what it would hold without it
    return { photos: core.exchange.newest().values, mayNotCarry: true };
  },
};
