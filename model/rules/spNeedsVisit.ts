import { at } from '../Span.js';
import type { Rule } from '../Rule.js';
import { SURFACE_STORE } from '../vocabulary.js';

export const spNeedsVisit: Rule = {
  id: 'SP-NEEDS-VISIT',
  statement: 'A change made outside SharePoint reaches it only after the subject next visits their My Site, within spPickup of the push.',
  source: 'TW14 SP rule 2',
  params: ['spPickup'],
  reading:
    'The visit that counts is the first after the oldest change not yet pushed; the push takes whatever Exchange may hold then, and SharePoint keeps the one it took: a read that shows one, once the push has landed, tells which, whatever changes the push may have missed. Where a change waiting may not have reached Exchange by the push, the sources do not say whether it is then settled or still waits for a later push: the model allows both, and follows each apart (SharePointSide.rewait, Rewait.pushes). Where the change waiting is the newest and the only one that may not have reached Exchange by the push, and no other change carries its photo, the photo the push took tells between the two: a read that tells the push took it says nothing waits, and where the change still waits the push took another (Rewait.proof). Where it still waits, it needs, as any change, a visit after it: the visit that made the push counts for it where it came after the change, and the next push is then at the end of the throttle window the push opened, taking whatever Exchange holds then, a change made since too; whether that visit counts again the sources do not say either, so where no visit came after the push by then, the change may instead wait for the first one (Rewait.revisit); a change made after that visit waits for a visit of its own (or, under SP-MYSITE-ONCE, for a push of its own without one), as the contract says; where the push may have missed changes made before that visit and after it, it may have missed those after it alone, which then wait so (Rewait.alone). An upload that sticks (SP-ORIGIN) may leave the changes waiting in the same way, and a visit after them counts. The push takes its photo when it is made: SharePoint seen while the push still lands (within spPickup) with a photo only the push may show says which it took: SharePoint never shows the others it might have taken (the photo before it may still show until it has landed), and once it has landed it shows that one. A push that may have taken a photo the header gives as unknown (SPEC section 6) is never told: that photo may show as any. The subject reading their own My Site sees what SharePoint holds at that instant, and only then does the view count as a visit (contract 1.1).',
  onVisit(ctx) {
    const sp = ctx.sp;
    // every visit comes after every change made so far; the first one after the oldest is the one that counts
    if (sp.pending !== null) {
      if (sp.visitAt === null) sp.visitAt = ctx.at;
      sp.pending.visited = sp.pending.reachedBy;
      sp.fresh = null;
    }
    // and for an upload that did not stick, should a copy miss it (SharePointSide.updated)
    if (sp.unstuck !== null) sp.unstuck.visited = true;
    // where the changes an update passed over still wait, this visit counts for them
    if (sp.rewait !== null) {
      const r = sp.rewait;
      const alone = r.alone === null || r.alone.visitAt !== null ? r.alone : { ...r.alone, visitAt: ctx.at };
      sp.rewait = {
        ...r,
        visitAt: r.visitAt ?? ctx.at,
        pending: { ...r.pending, visited: r.pending.reachedBy },
        alone,
        revisit: r.revisit ?? ctx.at,
      };
    }
  },
  pushTrigger(ctx) {
    const v = ctx.sp.visitAt;
    return v === null ? undefined : at(v);
  },
  explains(photo, surface, ctx) {
    // a change waiting with no visit that counts for it, one a copy may have missed too
    return SURFACE_STORE[surface] === 'sharepoint' && ctx.sp.waits(photo, true);
  },
};
