import type { Rule } from '../Rule.js';

export const dirSync: Rule = {
  id: 'DIRSYNC',
  statement: 'A photo written to on-premises AD reaches Exchange within dirSyncInterval + exoLag, as a change made outside SharePoint.',
  source: 'TW14',
  params: ['dirSyncInterval', 'exoLag'],
  reading: 'The change counts as made at the time of the AD write, and only once DirSync carries it is it an outside change.',
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'on-prem-ad') return false;
    const w = ctx.world;
    w.ad = a.photo;
    const stoppedBy = ctx.stopsDirSync(a);
    if (stoppedBy !== undefined) {
      w.stoppedBy.set(a.photo, stoppedBy);
      return true;
    }
    w.exchange.write(ctx.at, [a.photo], ctx.at + ctx.param('dirSyncInterval') + ctx.param('exoLag'), ['DIRSYNC']);
    w.adSynced = true;
    ctx.outsideChange(a.photo, ['DIRSYNC']);
    return true;
  },
};
