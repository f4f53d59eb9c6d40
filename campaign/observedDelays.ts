import { isObservation, NO_PHOTO, UNKNOWN, type Surface, type TraceEvent } from '../model/vocabulary.js';

/**
 * How long one surface took to show one change, as the journal's looks bound it: the new photo was
 * not yet shown `after` ms after the change (the last look that still showed another; 0 when none
 * did), and was shown by `by` ms (the first look that showed it; null when no look did before the
 * subject's next change). No model is asked: these are the tenant's own times.
 */
export type ObservedDelay = {
  readonly user: string;
  /** the journal line of the change (the header is line 1) */
  readonly line: number;
  readonly change: string;
  readonly photo: string;
  readonly surface: Surface;
  readonly after: number;
  readonly by: number | null;
  /** how many looks at the surface the bounds come from */
  readonly looks: number;
};

/**
 * For each change of a photo the tenant took (a `setPhoto` or `removePhoto` answered ok) and each
 * surface looked at for that user before their next change, the bounds the looks put on when the
 * surface showed it. A surface that showed the new photo just before the change tells nothing and
 * is left out, as are looks that saw nothing (`unknown`). Invariant: pure; `events[i]` is on line i + 2.
 */
export function observedDelays(events: readonly TraceEvent[]): ObservedDelay[] {
  const out: ObservedDelay[] = [];
  // what each surface last showed of each user, as the events pass
  const lastSeen = new Map<string, Map<Surface, string>>();
  events.forEach((e, i) => {
    if (isObservation(e)) {
      if (e.photo !== UNKNOWN) lastSeen.set(e.user, (lastSeen.get(e.user) ?? new Map<Surface, string>()).set(e.see, e.photo));
      return;
    }
    if ((e.do !== 'setPhoto' && e.do !== 'removePhoto') || e.result !== 'ok') return;
    const photo = e.do === 'setPhoto' ? e.photo : NO_PHOTO;
    const change = e.do === 'setPhoto' ? `setPhoto ${e.photo} via ${e.via}` : `removePhoto via ${e.via}`;
    const seenBefore = lastSeen.get(e.user) ?? new Map<Surface, string>();
    const bounds = new Map<Surface, { after: number; by: number | null; looks: number }>();
    for (const o of events.slice(i + 1)) {
      if (!isObservation(o)) {
        // the subject's photo changes again (or may have): what follows is another change's
        if ('user' in o && o.user === e.user && (o.do === 'setPhoto' || o.do === 'removePhoto' || o.do === 'editCancel')) break;
        continue;
      }
      if (o.user !== e.user || o.photo === UNKNOWN || seenBefore.get(o.see) === photo) continue;
      const b = bounds.get(o.see) ?? { after: 0, by: null, looks: 0 };
      if (b.by !== null) continue;
      b.looks++;
      if (o.photo === photo) b.by = o.at - e.at;
      else b.after = o.at - e.at;
      bounds.set(o.see, b);
    }
    for (const [surface, b] of bounds) out.push({ user: e.user, line: i + 2, change, photo, surface, ...b });
  });
  return out;
}
