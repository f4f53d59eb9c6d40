import type { Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';

const DIRSYNC: readonly RuleId[] = ['DIRSYNC'];

export const dirSync: Rule = {
  id: 'DIRSYNC',
  statement: 'A photo written to on-premises AD reaches Exchange within dirSyncInterval + exoLag, as a change made outside SharePoint.',
  source: 'TW14',
  params: ['dirSyncInterval', 'exoLag'],
  reading:
    'The change counts as made at the time of the AD write, and only once DirSync carries it is it an outside change. DirSync exports the current value at each run, so two AD writes within one interval may collapse into the last: the window reading already lets a value in flight never show. Where the last never reaches Exchange (AD-SIZE, PHOTO-SOURCE), the one DirSync carried less than one interval before it may never reach it either: once its window has closed, Exchange keeps it or what it held before, and so does SharePoint the photo that travels there under SP-SYNC-WINDOW. Being slower than a change made in the cloud, it may also land after a newer one of those, and show until its own window closes; after that only the newer change (without AD-PERIODIC, the latest photo wins).',
  acts: ['setPhoto'],
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'on-prem-ad') return false;
    const core = ctx.core;
    const stoppedBy = ctx.stopsDirSync(a);
    if (stoppedBy !== undefined) {
      core.stoppedBy.set(a.photo, stoppedBy);
      const carried = core.carriedAd;
      if (carried !== null && ctx.at - carried < ctx.param('dirSyncInterval')) {
        // DirSync exports the current value at each run: the write it carried may have been
        // collapsed into this one, which never reaches Exchange, and then never reached it either
        const cited: RuleId[] = ['DIRSYNC', stoppedBy];
        core.exchange.mayNotLand(carried, carried, cited);
        // the photo travelling to SharePoint (SP-SYNC-WINDOW) may then never have left
        ctx.sp.sharepoint.mayNotLand(carried, carried + ctx.param('dirSyncInterval') + ctx.param('exoLag'), cited);
        // AD-ONE-TIME: nor may it have used up the one-time sync
        if (core.syncedFirst === carried && core.adSynced === true) core.adSynced = 'either';
      }
      return true;
    }
    const reached = ctx.at + ctx.param('dirSyncInterval') + ctx.param('exoLag');
    // where it raced, what travels on is whichever photo Exchange kept
    const kept = ctx.writeExchange(a.photo, reached, DIRSYNC, 'ad');
    core.adSynced = true;
    core.carriedAd = ctx.at;
    ctx.outsideChange(kept, reached, DIRSYNC);
    return true;
  },
};
