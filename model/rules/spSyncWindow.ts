import type { Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';
import { UNTIED } from '../WindowStore.js';

export const spSyncWindow: Rule = {
  id: 'SP-SYNC-WINDOW',
  statement:
    'A change made outside SharePoint reaches it within spSync, visit or not; a visit brings every earlier change that had reached Exchange within spPickup.',
  source: 'TW-c/kduff85; MSDOC support note',
  params: ['spSync', 'spPickup'],
  reading:
    "The photo that travels is the changed photo itself. Whether its arrival is a SharePoint update that opens a throttle window the sources do not say: where it may have arrived less than spThrottle before an upload through SharePoint (SP-ORIGIN), the upload may stick or not (ProfileChecker.splitThrottle); one that may have arrived since the last update, before an upload that does not stick or while it did not stick, before the push ending that window, may likewise have opened a window of its own, and that push then comes spThrottle after the arrival (ProfileChecker.splitWindowEnded and movedByArrival; so may one that may never land, an AD write DirSync may have collapsed or an upload a copy may have settled, which then landed; where the last update was itself an arrival, one made before it, which may have been that arrival, is not followed so, unless it travels on past it or several changes may have been that arrival and it was made after its first instant (another was it); after a push, an Edit-Cancel or an upload that sticks, no change's arrival, every change still landing is). An arrival is the change landing: where several may have been it, each is a possibility of its own, and a visit that brings them brings it no later (SharePointSide.arrivedByLanding). Exchange is SharePoint's source (contract 1.1): a visit brings within spPickup only the changes that had surely reached Exchange by the visit (exoLag after the change, dirSyncInterval + exoLag through DirSync); the others keep their own window. Every change reaches SharePoint within spSync, whatever else brings it: where a copy that lands within spPickup (the push ending an SP-NO-STICK window) ends its travel, that copy or the change itself shows by the change's own deadline, and the photo from before the change no longer shows after it, even while the copy may still be landing.",
  onOutsideChange(change, ctx) {
    const made = change.madeAt.hi;
    const lands = made + ctx.param('spSync');
    const rules: readonly RuleId[] = ['SP-SYNC-WINDOW', ...change.because];
    const store = ctx.sp.sharepoint;
    if (change.carried === 'surely') {
      // several photos where the write raced: the one Exchange kept travels, and SharePoint keeps it
      store.write(
        made,
        change.photos,
        lands,
        rules,
        change.reachedBy,
        change.photos.length > 1 ? { from: lands, tie: made } : { from: lands },
      );
      return;
    }
    // a write that may never have been carried (AD-ONE-TIME): its photo travels, or nothing does
    // and SharePoint keeps its own, tied to what Exchange kept where that tells which
    const racer = change.photos[0]!;
    store.write(made, [racer], lands, rules, change.reachedBy);
    // this write's own change: not another written in the same instant (three AD writes of one second)
    store.newestMayNotLand(
      change.raced,
      change.carried === 'tells' ? { at: made, outcome: (until) => ({ racer, ifCarried: until, ifNot: 'never' }) } : UNTIED,
    );
  },
  onVisit(ctx) {
    ctx.sp.sharepoint.hasten(ctx.at, ctx.at + ctx.param('spPickup'), 'SP-SYNC-WINDOW');
    // an arrival that moved a push is one of those changes landing: brought, it came by then too
    ctx.sp.arrivedByLanding('SP-SYNC-WINDOW');
  },
};
