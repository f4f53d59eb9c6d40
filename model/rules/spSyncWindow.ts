import type { Rule } from '../Rule.js';

export const spSyncWindow: Rule = {
  id: 'SP-SYNC-WINDOW',
  statement:
    'A change made outside SharePoint reaches it within spSync, visit or not; a visit brings every earlier change within spPickup.',
  source: 'TW-c/kduff85; MSDOC support note',
  params: ['spSync', 'spPickup'],
  reading: 'The photo that travels is the changed photo itself; its arrival is not a SharePoint update that opens a throttle window.',
  onOutsideChange(photo, ctx) {
    ctx.world.sharepoint.write(ctx.at, [photo], ctx.at + ctx.param('spSync'), ['SP-SYNC-WINDOW', ...ctx.outsideBecause]);
  },
  onVisit(ctx) {
    ctx.world.sharepoint.hasten(ctx.at, ctx.at + ctx.param('spPickup'), 'SP-SYNC-WINDOW');
  },
};
