import type { Capabilities } from '../adapters/Adapter.js';
import { isWait, type RunStep } from '../adapters/RunStep.js';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { checkedRun } from '../harness/checkedRun.js';
import { explore } from '../harness/explore.js';
import { DAY, HOUR, MINUTE } from '../model/Params.js';
import { simTenantFactory, type TenantFactory } from '../harness/TenantFactory.js';
import type { Profile } from '../model/Profile.js';
import { defaultUser, type TraceStart } from '../model/vocabulary.js';
import { renamed, SUBJECT, VIEWER, waitOf, type CampaignStory } from './CampaignStory.js';
import { takes } from './_internals/takes.js';
import { decisionFloor } from './decisionFloor.js';
import { witnessStories } from './floorWitness.js';

/** How hard the simulator is searched for each story. */
export const LIBRARY_RUNS = 300;
export const LIBRARY_MAX_ACTIONS = 12;

/** The simulator behaving as `tenant`, doing and showing only what the live tenant can, with one subject and one viewer. */
function simLike(tenant: Profile, capabilities: Capabilities, asIs = true): TenantFactory {
  const sim = simTenantFactory({ profile: tenant.id, asIs });
  const has = <T>(mine: readonly T[], theirs: readonly T[]) => mine.filter((x) => theirs.includes(x));
  return {
    ...sim,
    capabilities: {
      actions: has(sim.capabilities.actions, capabilities.actions),
      vias: has(sim.capabilities.vias, capabilities.vias),
      surfaces: has(sim.capabilities.surfaces, capabilities.surfaces),
      users: [SUBJECT, VIEWER],
    },
  };
}

/**
 * For each ordered pair of profiles (tenant, refuted), the shortest story the simulator finds that
 * refutes the second on a tenant of the first, from a tenant with a history (as a live one is),
 * using only what `capabilities` allow, preferring one that refutes it from every one of HISTORIES
 * histories. A story written to refute at decisionFloor's floor is taken first when it is robust;
 * else the simulator is searched, a fragile story is searched again (ATTEMPTS), then tried after
 * PREFIXES, then the catalog's minimal sequences are tried in its place; the waits of the one kept
 * are made short.
 * Invariant: deterministic for a seed; a pair with no story found within the search is left out.
 */
export async function storyLibrary(profiles: readonly Profile[], capabilities: Capabilities, seed: number): Promise<CampaignStory[]> {
  const stories: CampaignStory[] = [];
  for (const tenant of profiles) {
    const sim = simLike(tenant, capabilities);
    // a tenant with no history: the shrinker keeps the steps that set up what a history may have set
    const fresh = simLike(tenant, capabilities, false);
    for (const refuted of profiles) {
      if (refuted.id === tenant.id) continue;
      // a story written to refute as soon as any can be sure to is taken before any search
      const witness = await witnessFor(sim, tenant, refuted, capabilities);
      if (witness !== undefined) {
        stories.push({ id: `${tenant.id}/${refuted.id}`, tenant: tenant.id, refutes: refuted.id, steps: witness, robust: HISTORIES });
        continue;
      }
      // a story found from one history may hold only for it: others are sought while it is not robust
      let best: { steps: RunStep[]; robust: number } | undefined;
      for (let attempt = 0; attempt < ATTEMPTS && (best === undefined || best.robust < HISTORIES); attempt++) {
        const e = await explore(attempt % 2 === 0 ? sim : fresh, refuted, {
          runs: LIBRARY_RUNS,
          maxActions: LIBRARY_MAX_ACTIONS,
          seed: seed + attempt,
        });
        if (e.outcome !== 'diverges') continue;
        const steps = e.counterexample.plan.steps;
        const robust = await robustness(sim, refuted, steps);
        if (best === undefined || robust > best.robust) best = { steps: [...steps], robust };
      }
      if (best === undefined) continue;
      if (best.robust < HISTORIES) best = await withPrefix(sim, refuted, best, capabilities);
      if (best.robust < HISTORIES) best = await fromProbes(sim, refuted, best, probesFor(capabilities));
      // a story that refutes from no other history is still worth a try on the tenant, as it was found; its waits are kept
      const steps = best.robust === 0 ? best.steps : await shortenWaits(sim, refuted, best.steps, best.robust);
      stories.push({ id: `${tenant.id}/${refuted.id}`, tenant: tenant.id, refutes: refuted.id, steps, robust: best.robust });
    }
  }
  return stories;
}

/** A tenant as the library imagines it before the survey: a subject whose last SharePoint update is not known, the throttle window open. */
const UNSURVEYED: TraceStart = { start: 0, users: [{ ...defaultUser(SUBJECT), spUpdated: 'unknown' }] };

/**
 * Of the stories written to tell the two profiles apart at decisionFloor's floor (floorWitness.ts),
 * the one with the least waiting that refutes `refuted` from every one of HISTORIES histories, with
 * only steps the tenant takes; undefined when none does. Kept as written: waiting less cannot be sure.
 */
async function witnessFor(
  sim: TenantFactory,
  tenant: Profile,
  refuted: Profile,
  capabilities: Capabilities,
): Promise<RunStep[] | undefined> {
  const floor = decisionFloor(tenant, refuted, capabilities, UNSURVEYED).ms;
  if (!Number.isFinite(floor)) return undefined;
  const candidates = witnessStories(floor)
    .filter((steps) => steps.every((s) => takes(capabilities, s) && takes(sim.capabilities, s)))
    .sort((a, b) => waitOf(a) - waitOf(b));
  for (const steps of candidates) if ((await robustness(sim, refuted, steps)) === HISTORIES) return steps;
  return undefined;
}

/** The tenants with other histories a shortened story must still refute its profile on. */
export const HISTORIES = 8;
/** The searches made for a pair whose story is not robust. */
export const ATTEMPTS = 10;
const SHORTER: readonly number[] = [0, MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 3 * DAY, 3 * DAY + HOUR];

/** How many of HISTORIES simulated histories a story refutes `refuted` from. */
async function robustness(sim: TenantFactory, refuted: Profile, steps: readonly RunStep[]): Promise<number> {
  let n = 0;
  for (let seed = 1; seed <= HISTORIES; seed++) {
    const run = await checkedRun(sim.create(seed), refuted, { users: [], steps, seed });
    if (run.verdict.verdict === 'diverges') n++;
  }
  return n;
}

/**
 * A story's waits made as short as they can be while the story still refutes `refuted` from as
 * many histories as before: the shrinker shortens stories in steps, not in time, and a campaign
 * waits in real days.
 */
async function shortenWaits(sim: TenantFactory, refuted: Profile, found: readonly RunStep[], robust: number): Promise<RunStep[]> {
  const steps = [...found];
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (!isWait(s)) continue;
    for (const ms of SHORTER.filter((m) => m < s.ms)) {
      const tried = [...steps];
      tried[i] = { do: 'wait', ms };
      if ((await robustness(sim, refuted, tried)) >= robust) {
        steps[i] = tried[i]!;
        break;
      }
    }
  }
  return steps.filter((s) => !(isWait(s) && s.ms === 0));
}

/**
 * Steps that put the subject in a known state, whatever its history: a story found from one
 * history often relies on a state that history had (a policy switched off, a My Site visited, a
 * change long settled). Tried before a fragile story; the steps the tenant cannot take are skipped.
 */
const PREFIXES: readonly (readonly RunStep[])[] = [
  [{ do: 'setPolicy', user: SUBJECT, setPhotoEnabled: false }],
  [{ do: 'setPolicy', user: SUBJECT, setPhotoEnabled: true }],
  [{ do: 'visitMySite', user: SUBJECT }],
  [{ do: 'wait', ms: 3 * DAY + HOUR }],
  [
    { do: 'visitMySite', user: SUBJECT },
    { do: 'wait', ms: 3 * DAY + HOUR },
  ],
];

/** The story, or the story after the prefix that makes it refute from the most histories (the shorter first). */
async function withPrefix(
  sim: TenantFactory,
  refuted: Profile,
  found: { steps: RunStep[]; robust: number },
  capabilities: Capabilities,
): Promise<{ steps: RunStep[]; robust: number }> {
  let best = found;
  for (const prefix of PREFIXES) {
    if (!prefix.every((s) => takes(capabilities, s))) continue;
    const steps = [...prefix, ...found.steps];
    const robust = await robustness(sim, refuted, steps);
    if (robust > best.robust) best = { steps, robust };
    if (best.robust === HISTORIES) break;
  }
  return best;
}

/**
 * The catalog's minimal sequences (each written to reveal one rule's deviation) as stories of a
 * subject (alice) and a viewer (bob), where they use only what the tenant lets photosync do: tried
 * for a pair whose searched story is fragile, as designed probes are often robust where a story
 * shrunk from one history is not.
 */
function probesFor(capabilities: Capabilities): RunStep[][] {
  const roles: Readonly<Record<string, string>> = { alice: SUBJECT, bob: VIEWER };
  return MUTANTS.flatMap((m) => {
    const steps = renamed(m.minimal.steps, (id) => roles[id]);
    return steps !== undefined && steps.every((s) => takes(capabilities, s)) ? [steps] : [];
  });
}

async function fromProbes(
  sim: TenantFactory,
  refuted: Profile,
  found: { steps: RunStep[]; robust: number },
  probes: readonly RunStep[][],
): Promise<{ steps: RunStep[]; robust: number }> {
  let best = found;
  for (const steps of probes) {
    const robust = await robustness(sim, refuted, steps);
    if (robust > best.robust) best = { steps, robust };
    if (best.robust === HISTORIES) break;
  }
  return best;
}
