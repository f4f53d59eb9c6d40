import type { Capabilities } from '../adapters/Adapter.js';
import type { RunStep } from '../adapters/RunStep.js';
import { DAY, HOUR, MINUTE, SECOND } from '../model/Params.js';
import type { Surface, Via } from '../model/vocabulary.js';
import { SUBJECT, VIEWER, waitOf } from './CampaignStory.js';
import type { StoryGroup } from './planStories.js';

/** What a story key starts with when the story measures timings rather than refutes a profile. */
export const MEASURE = 'measure:';

/**
 * When each look of a ladder comes, after the change: about a factor of three apart from seconds
 * to days, then around the longest SharePoint window (72 h) of every profile, so that each window a
 * profile names is straddled by two looks.
 */
export const RUNGS: readonly number[] = [
  10 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  3 * HOUR,
  9 * HOUR,
  DAY,
  2 * DAY,
  3 * DAY,
  3 * DAY + HOUR,
];

/** Surfaces a live tenant answers through an API: a ladder of looks at them costs requests, not a person's time. */
const BY_API: readonly Surface[] = ['graph', 'sp-people-picker', 'sp-newsfeed', 'yammer'];

/** The paths a ladder's change takes, one ladder each: photos no run sets (runs set p0 to p5), so the change is always seen as one. */
const LADDERS: readonly { readonly via: Via; readonly photo: string }[] = [
  { via: 'graph', photo: 'p6' },
  { via: 'sharepoint', photo: 'p7' },
];

/**
 * Stories that measure the tenant's timings once its profile is decided: a photo set through one
 * path, then at each of RUNGS a look at every surface the tenant shows through an API. The
 * journal's looks then bound how long each surface took to show it (observedDelays), and the fit
 * of each profile's parameters tightens (fitTimings). Invariant: deterministic for capabilities;
 * only steps the tenant takes; none when no surface can be read through an API.
 */
export function measurementStories(capabilities: Capabilities): StoryGroup[] {
  const surfaces = BY_API.filter((s) => capabilities.surfaces.includes(s));
  if (surfaces.length === 0 || !capabilities.actions.includes('setPhoto')) return [];
  return LADDERS.filter((l) => capabilities.vias.includes(l.via)).map(({ via, photo }) => {
    const steps: RunStep[] = [{ do: 'setPhoto', user: SUBJECT, photo, via }];
    let at = 0;
    for (const rung of RUNGS) {
      steps.push({ do: 'wait', ms: rung - at });
      at = rung;
      for (const see of surfaces) steps.push({ see, user: SUBJECT, viewer: VIEWER });
    }
    // a ladder tells no profiles apart: it measures
    return { key: `${MEASURE}${via}`, steps, pairs: [], duration: waitOf(steps) };
  });
}
