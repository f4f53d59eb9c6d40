import { checkEvents } from '../model/checkEvents.js';
import type { Profile } from '../model/Profile.js';
import type { Verdict } from '../model/Verdict.js';
import { subjectOf, type TraceEvent, type TraceStart } from '../model/vocabulary.js';
import { ddmin, oneMinimal } from './_internals/ddmin.js';
import { StoryParts, type Scope } from './_internals/storyParts.js';

/** The smallest story of a trace that a profile cannot explain: what goes to Microsoft support. */
export type Explanation = {
  /** the events kept, in their original order, each with its line in the original trace */
  readonly events: readonly { readonly line: number; readonly event: TraceEvent }[];
  /** the verdict of the kept events alone (a divergence, with its line numbered within the explanation from 2) */
  readonly verdict: Verdict & { verdict: 'diverges' };
  /** actions and observations kept (waits do not count) */
  readonly length: number;
  /** how many times the model was asked */
  readonly checks: number;
};

type Divergent = Verdict & { verdict: 'diverges' };

/*
 * Why an explanation never cries wolf.
 *
 * The checker keeps, for each subject, every state the events so far leave open (ProfileChecker).
 * An action maps each open state to its successors; an observation keeps the states that allow
 * what was seen and drops the others (a Lync look that settles presence only drops states too).
 * So leaving an observation out keeps a superset of the states open at that point, and since each
 * later action maps states one by one, a superset at every later point: the model allows more,
 * never less, after it. Hence if the events of a story, all of which happened in this order, are
 * already more than every state the profile leaves open can show, so are all the events of the
 * trace: the story's divergence is one of the tenant's, not one made by cutting. The widening the
 * checker does beyond its cap only allows more, and a cap reached makes the verdict `unknown`,
 * which is never taken as a divergence here.
 *
 * That holds only for events that learn and do nothing. Hence:
 * - every action of a subject told is kept up to the story's last event: without it the model
 *   would judge the observations as if it had not happened (a rejected or `unknown` action too: its
 *   outcome is what happened);
 * - one's own `sp-mysite` seen is a visit (SPEC section 4) and is kept as an action, even with photo
 *   `unknown`: the checker keeps open that it may have counted, and leaving it out would assume it
 *   did not, which allows less; another `unknown` observation learns nothing and is left out;
 * - subjects evolve apart (`subjectOf`: the checker keeps one state per subject, changed only by
 *   that subject's events), but for the tenant's photo settings (`setPhotoSettings`), which judge
 *   every subject's actions: always kept;
 * - a viewer's cache resets (`restartClient`, `clearBrowserCache`) belong to no subject: only that
 *   viewer's reads consult them (ViewerState), each the viewer's last reset of its cache. Leaving a
 *   reset out only widens too: a cache not emptied allows every value an emptied one does (the
 *   checker keeps a reset of unknown outcome open just so). A story keeps, for each of its reads,
 *   the viewer's last reset of each cache before it, so that each read is judged against the
 *   cache the trace says; the other resets, replaced before any read of the story, are left out
 *   (the checker's Anchors, which hold each viewer's last reset to merge equal states, are then
 *   those of the story's own events, as for any trace);
 * - a wait changes nothing (SPEC section 1: time is in `at`) and is left out.
 * Should the story of the divergent subject alone not diverge (it must, by that independence),
 * every reset is kept; then every subject's events are; failing all, the trace up to its
 * divergence is the explanation. Every story handed on is one the model was seen to refuse, at
 * the very event where it refused the trace.
 */

/**
 * The smallest story of `events` (events numbered from line 2, as in a trace file) that `profile`
 * cannot explain, from the same header `start`, found offline with the model as oracle: the
 * divergent event, the actions of its subject before it, and as few of that subject's
 * observations as still make the model refuse it (1-minimal, by delta debugging); undefined when
 * the trace does not diverge (or the model cannot decide). Pure: it reads nothing and writes nothing.
 */
export function minimalExplanation(profile: Profile, start: TraceStart, events: readonly TraceEvent[]): Explanation | undefined {
  const full = checkEvents(profile, start, events);
  let checks = 1;
  if (full.verdict !== 'diverges') return undefined;
  const cut = events.slice(0, full.divergence.line - 1);
  const known = new Map<string, Divergent | undefined>();
  /** the story of these events of `cut` when the model refuses it at its last event, else undefined */
  const refused = (indices: readonly number[]): Divergent | undefined => {
    const key = indices.join(',');
    if (known.has(key)) return known.get(key);
    checks++;
    const v = checkEvents(
      profile,
      start,
      indices.map((i) => cut[i]!),
    );
    const found = v.verdict === 'diverges' && v.divergence.line === indices.length + 1 ? v : undefined;
    known.set(key, found);
    return found;
  };

  const subject = subjectOf(cut[cut.length - 1]!);
  const told = new Set(subject === undefined ? [] : [subject]);
  const scopes: readonly Scope[] = [
    { subjects: told, resets: 'of-viewers' },
    { subjects: told, resets: 'every' },
    { subjects: 'every', resets: 'every' },
  ];
  for (const scope of scopes) {
    const parts = new StoryParts(cut, scope);
    const story = (kept: readonly number[]) => refused(parts.compose(kept)) !== undefined;
    if (!story(parts.removable)) continue;
    const kept = story([]) ? [] : oneMinimal(ddmin(parts.removable, story), story);
    const indices = parts.compose(kept);
    return explanation(cut, indices, refused(indices)!, checks);
  }
  // never expected: the trace up to its divergence, which the model refuses as it refused the trace
  return explanation(
    cut,
    cut.map((_, i) => i),
    full,
    checks,
  );
}

function explanation(cut: readonly TraceEvent[], indices: readonly number[], verdict: Divergent, checks: number): Explanation {
  const events = indices.map((i) => ({ line: i + 2, event: cut[i]! }));
  const length = events.filter(({ event }) => !('do' in event && event.do === 'wait')).length;
  return { events, verdict, length, checks };
}
