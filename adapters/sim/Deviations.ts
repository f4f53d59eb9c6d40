import type { RuleId } from '../../model/RuleId.js';
import type { Via } from '../../model/vocabulary.js';
import type { TenantBehaviour } from './TenantBehaviour.js';

/**
 * Ways a simulated tenant may depart from its profile, one optional field per kind of deviation,
 * each consulted at the one place its mechanism lives (the catalog of mutants is made of these).
 * Invariant: an empty object is the unmutated tenant. A cache that deviates serves what it holds
 * every time, so that the deviation shows on every seed.
 */
export type Deviations = {
  /** mechanisms switched off though the profile has their rule: a policy ignored, a retired cmdlet that works */
  readonly ignores?: readonly RuleId[];
  /** the mailbox takes every write exactly this long after it is made (EXO-FAST) */
  readonly exoDelayMs?: number;
  /** Outlook on the web keeps a photo this long (OWA-CACHE) */
  readonly owaCacheMs?: number;
  /** Teams keeps a photo this long, restarts aside (TEAMS-CACHE) */
  readonly teamsCacheMs?: number;
  /** restarting Outlook desktop keeps its photo cache (OUTLOOK-CACHE) */
  readonly outlookSurvivesRestart?: boolean;
  /** clearing the browser cache keeps SharePoint's pictures (SP-BROWSER-CACHE) */
  readonly browserSurvivesClear?: boolean;
  /** Lync shows the photo whatever the subject's presence (LYNC-PRESENCE) */
  readonly lyncIgnoresPresence?: boolean;
  /** the search hover panel shows SharePoint's picture from the browser cache, not OWA's card (HOVER-FROM-OWA) */
  readonly hoverReadsSharePoint?: boolean;
  /** the people picker's URL has no timestamp: the browser caches it like search results */
  readonly pickerCached?: boolean;
  /** a SharePoint upload reaches Exchange only: SharePoint keeps its old photo (SP-ORIGIN, SP-UPLOAD-REDIRECT) */
  readonly spUploadLost?: boolean;
  /** SharePoint's timer job pushes an outside change this long after it, visit or not (SP-NEEDS-VISIT) */
  readonly spPushWithoutVisitMs?: number;
  /** SharePoint's push carries the oldest waiting change instead of Exchange's photo (SP-FIRST-LAST) */
  readonly spPushTakesOldest?: boolean;
  /** the people system brings an outside change to SharePoint exactly this long after it (SP-SYNC-WINDOW) */
  readonly spSyncMs?: number;
  /**
   * Edit-then-Cancel does nothing at all, or clears SharePoint's photo (EDIT-CANCEL), or still copies
   * Exchange's photo at once where the profile has no EDIT-CANCEL (the photo editor not retired:
   * inside the throttle window it should be a visit only, so this breaks SP-THROTTLE there)
   */
  readonly editCancel?: 'noop' | 'clears' | 'copies';
  /** Yammer copies every photo Exchange takes (YAMMER-ISOLATED) */
  readonly yammerFromExchange?: boolean;
  /** Teams' service keeps a photo this long, whatever the viewer restarts (TEAMS-CACHE's teamsServiceCache) */
  readonly teamsServiceCacheMs?: number;
  /** DirSync still carries only the first AD photo ever, though the profile syncs them periodically (AD-PERIODIC) */
  readonly adOneTime?: boolean;
  /** an AD photo and a cloud photo that race leave the mailbox with the photo it held before either: it keeps neither (AD-PERIODIC) */
  readonly adRaceKeepsNeither?: boolean;
  /** a change of the photo update settings takes effect on every front end exactly this long after it (PHOTO-SOURCE's settingsLag) */
  readonly settingsLagMs?: number;
  /** Delve is still there, showing SharePoint's large thumbnail (DELVE-RETIRED) */
  readonly delvePresent?: boolean;
  /** the OWA mailbox policy governs these paths instead of Outlook on the web and Teams (PHOTO-POLICY-OWA) */
  readonly photoPolicyPaths?: readonly Via[];
};

/** The behaviour of a tenant whose mechanisms named in `ignores` are switched off; the rest as `behaviour`. */
export function deviated(behaviour: TenantBehaviour, deviations: Deviations): TenantBehaviour {
  const ignored = new Set(deviations.ignores ?? []);
  if (ignored.size === 0) return behaviour;
  return {
    profile: behaviour.profile,
    has: (rule) => !ignored.has(rule) && behaviour.has(rule),
    param: (name) => behaviour.param(name),
    paramOr: (name, fallback) => behaviour.paramOr(name, fallback),
  };
}
