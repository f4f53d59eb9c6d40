import type { RuleId } from './RuleId.js';
import type { WindowStore } from './WindowStore.js';

const UPLOAD_TRAVELS: readonly RuleId[] = ['SP-ORIGIN', 'SP-SYNC-WINDOW'];

/** An upload through SharePoint that travels on past a copy of Exchange: when it was made, and when it surely reached Exchange. */
export type TravellingUpload = { readonly at: number; readonly sourceBy: number };

/**
 * Under SP-SYNC-WINDOW, an upload through SharePoint (SP-ORIGIN) not yet surely in Exchange when a
 * copy of Exchange is made at `at` (Edit-Cancel, or the push at the end of an SP-NO-STICK window)
 * may be missed by the copy: as a change that may not yet have reached Exchange, it travels on
 * (SPEC section 4) and reaches `sharepoint` within `spSync`, as an outside change does. Only where
 * SharePoint holds no change made after it, so that it stays the newer. Written before the copy;
 * returns those that travel, for `settledByCopy` once the copy is made.
 */
export function travellingUploads(exchange: WindowStore, sharepoint: WindowStore, at: number, spSync: number): TravellingUpload[] {
  const out: TravellingUpload[] = [];
  for (const c of exchange.inFlight(at, at)) {
    if (c.deadline <= at || !c.rules.includes('SP-ORIGIN') || sharepoint.newest().at > c.at) continue;
    sharepoint.write(c.at, c.values, c.at + spSync, UPLOAD_TRAVELS, c.deadline);
    out.push({ at: c.at, sourceBy: c.deadline });
  }
  return out;
}

/**
 * Or the copy settled them, as the sources leave open: each may never land, and SharePoint then
 * holds what it would without it (the copy, or a change travelling on before it). Named by rule:
 * an outside change made in the upload's instant reaches Exchange by then too, and surely lands.
 */
export function settledByCopy(sharepoint: WindowStore, uploads: readonly TravellingUpload[]): void {
  for (const u of uploads) sharepoint.mayNotLand(u.at, u.sourceBy, UPLOAD_TRAVELS, undefined, 'SP-ORIGIN');
}
