import type { ExchangeWrite, Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';
import type { Photo } from '../vocabulary.js';
import { isOutcome, UNTIED, type OutcomeTie } from '../WindowStore.js';

const DIRSYNC: readonly RuleId[] = ['DIRSYNC'];

export const dirSync: Rule = {
  id: 'DIRSYNC',
  statement: 'A photo written to on-premises AD reaches Exchange within dirSyncInterval + exoLag, as a change made outside SharePoint.',
  source: 'TW14',
  params: ['dirSyncInterval', 'exoLag'],
  reading:
    'The change counts as made at the time of the AD write, and only once DirSync carries it is it an outside change. DirSync exports the current value at each run, so two AD writes within one interval may collapse into the last: the window reading already lets a value in flight never show. Under SP-SYNC-WINDOW the photo of the first then never travels to SharePoint, which may show what it held until the window of the last closes. Under SP-NEEDS-VISIT a visit whose only changes waiting are AD writes a later one may still collapse (made less than one interval after the first of them) may have had nothing to push: it then opens no throttle window, and the later write waits for a visit of its own (ProfileChecker.splitCollapse); with no AD write by the first one + dirSyncInterval, the visit made its push, and so it did where a read of Exchange showed a photo only one of those writes can have shown (DirSync exported it alone: ProfileChecker.refuteCollapse), or where Exchange kept the photo of one that may never have landed, or a read showed that it landed (exportedAlone); a read made before the later write that shows the photo of one waiting says it too, since a write made after it cannot collapse one already exported (ProfileChecker.refuteCollapse). With no visit between them, the writes collapsed into the later one wait as that one alone: under SP-MYSITE-ONCE its push comes spSync after it, not after the first, and where it never reaches Exchange (AD-SIZE, PHOTO-SOURCE) nothing waits (ProfileChecker.collapseTells). Where the last never reaches Exchange (AD-SIZE, PHOTO-SOURCE), every write DirSync carried less than one interval before it may never reach it either: once its window has closed, Exchange keeps it or what it held before (from then on, and not where a newer change landed first: a read or a copy of Exchange sees it only so), and so does SharePoint (where such a write travels on past an Edit-Cancel, what it held before is the copy). A collapsed write was never exported, so it never showed: a read of Exchange that shows its photo while it lands, where nothing else may have shown that photo, says it landed (WindowStore.keepSeen), and what travelled from it to SharePoint landed too; where it did not land, no read, even through a cache reaching back, can have seen it (WindowStore.narrowTo), and no copy of Exchange (a push, Edit-Cancel, a Viva Engage sync) made while it landed can have taken it (WindowStore.copyOutcome): SharePoint or Viva Engage showing its photo while it lands, where only such a copy can have taken that photo in every state of a branch, says it landed (ProfileChecker.landByCopies). A read of Exchange that shows the photo of a write DirSync carried, where nothing else may have shown it, says DirSync exported it by then: a later write never carried (too large, stopped) cannot collapse it, nor one before it (ProfileChecker.exportedAd; under AD-ONE-TIME, exportFirst). Being slower than a change made in the cloud, it may also land after a newer one of those, and show until its own window closes; after that only the newer change (without AD-PERIODIC, the latest photo wins).',
  acts: ['setPhoto'],
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'on-prem-ad') return false;
    const core = ctx.core;
    // a state awaiting a write to collapse those waiting into has it (`ProfileChecker.splitCollapse`)
    ctx.sp.collapseBy = Infinity;
    const stoppedBy = ctx.stopsDirSync(a);
    // DirSync exports the current value at each run: each write it carried less than one interval
    // before this one may have been collapsed into it, and then never reached Exchange; nor did its
    // photo travel to SharePoint (SP-SYNC-WINDOW), which waits for this one, if any
    const interval = ctx.param('dirSyncInterval');
    const carried = core.carriedWithin(ctx.at, interval);
    // when a write DirSync carried had surely reached Exchange (no closure: it would cost every setPhoto a context object)
    const toExchange = interval + ctx.param('exoLag');
    if (stoppedBy !== undefined) {
      core.stoppedBy.set(a.photo, stoppedBy);
      // this one never reaches Exchange: neither may those collapsed into it
      const cited: RuleId[] = ['DIRSYNC', stoppedBy];
      for (const at of carried) {
        // nor what travelled from it: it lands where Exchange keeps its photo, where that tells
        // (a cloud write made in the same instant is not it)
        const own = ctx.has('SP-SYNC-WINDOW') ? core.exchange.keptTellsLanded(at, at, 'DIRSYNC') : undefined;
        core.exchange.mayNotLand(at, at, cited, undefined, 'DIRSYNC');
        // one made in this very instant too: this one sends SharePoint nothing, so the changes of
        // that instant citing DIRSYNC are those of the writes before it (a cloud write is not one)
        if (ctx.has('SP-SYNC-WINDOW'))
          ctx.sp.sharepoint.mayNotLand(at, at + toExchange, cited, own === undefined ? UNTIED : landsIfKept(own, at), 'DIRSYNC');
        // AD-ONE-TIME: nor may it have used up the one-time sync
        if (core.syncedFirst === at && core.adSynced === true) core.adSynced = 'either';
      }
      // AD-ONE-TIME: whether a photo too large for Exchange was synced all the same, and so used up
      // the one-time sync, the sources do not say: it may have, even where a write collapsed into it
      // was the first carried (review of 2026-12-06)
      if (stoppedBy === 'AD-SIZE' && ctx.has('AD-ONE-TIME')) {
        if (core.adSynced === false) core.adSynced = 'either';
        else if (core.adSynced === 'either') core.usedBefore = true;
      }
      return true;
    }
    // the first AD photo was surely synced before this one (AD-ONE-TIME): one of those carried is it
    const synced = core.adSynced === true;
    const reached = ctx.at + toExchange;
    // where it raced, what travels on is whichever photo Exchange kept
    const kept = ctx.writeExchange(a.photo, reached, DIRSYNC, 'ad');
    // this one reaches Exchange within the windows of those collapsed into it (a run comes within
    // each interval), but what travels to SharePoint comes with this one's own window
    if (ctx.has('SP-SYNC-WINDOW')) {
      const tie = kept.carried === 'surely' ? undefined : collapsedTie(kept, a.photo, ctx.at, synced && carried.length === 1);
      // one made in this very instant too: this one's change is not written yet, so the changes of
      // that instant citing DIRSYNC are those of the writes before it (a cloud write is not one)
      for (const at of new Set(carried)) ctx.sp.sharepoint.mayNotLand(at, at + toExchange, DIRSYNC, tie, 'DIRSYNC');
    }
    core.adSynced = true;
    // every write carried less than one interval ago stays collapsible: no run need have come
    // between them and a later write (three writes within one interval may all become the last)
    core.carriedAd = [...carried, ctx.at];
    ctx.outsideChange(kept, reached, DIRSYNC, 'ad');
    return true;
  },
};

/** A change that lands where Exchange keeps `own` of its write made at `at`, and never where it keeps another photo. */
function landsIfKept(own: Photo, at: number): OutcomeTie {
  return { at, outcome: (until) => ({ racer: own, ifCarried: until, ifNot: 'never' }) };
}

/**
 * How a write DirSync may have collapsed into this one, which AD-ONE-TIME may never have carried,
 * lands by this one's outcome: never where this one was carried (exported in its place); where
 * it was not, as it would have without this one: by the outcome of an earlier racing write it was
 * tied to, or, where it is surely the first AD photo synced (the one write left, `alone`), it lands;
 * else the outcome does not tell which of those landed.
 */
function collapsedTie(kept: ExchangeWrite, racer: Photo, at: number, alone: boolean): OutcomeTie {
  if (kept.carried !== 'tells') return UNTIED;
  // an earlier outcome still says what it carries where this one was not carried
  return { at, outcome: (until) => ({ racer, ifCarried: 'never', ifNot: alone || isOutcome(until) ? until : 'either' }) };
}
