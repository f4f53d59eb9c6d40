import type { Capabilities } from '../adapters/Adapter.js';
import type { RunStep } from '../adapters/RunStep.js';
import { checkedRun } from '../harness/checkedRun.js';
import { simTenantFactory } from '../harness/TenantFactory.js';
import { MINUTE } from '../model/Params.js';
import type { Profile } from '../model/Profile.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import { cast, SUBJECT, VIEWER, waitOf } from './CampaignStory.js';
import { takes } from './_internals/takes.js';

/** The simulated tenants (each drawing its own hidden state where the header says `unknown`) a witness must refute from. */
export const WITNESS_SEEDS = 8;

/**
 * Stories written to tell profiles apart as soon as decisionFloor says they can be: each answer
 * that differs at once (a retired cmdlet, a size limit, Viva Engage uploads, the OWA policy with
 * the photo settings as they are), and for SP-MYSITE-ONCE an Edit-Cancel (which settles what
 * waits for SharePoint and restarts the throttle at a known instant) then a change looked at
 * `floorMs` and a minute later, without a visit.
 */
export function witnessStories(floorMs: number): RunStep[][] {
  const [s, v] = [SUBJECT, VIEWER];
  return [
    [{ do: 'removePhoto', user: s, via: 'admin-cmdlet' }],
    [{ do: 'setPhoto', user: s, photo: 'p1', via: 'admin-cmdlet', bytes: 4_194_304 }],
    [{ do: 'setPhoto', user: s, photo: 'p1', via: 'graph', bytes: 4_194_305 }],
    [{ do: 'setPhoto', user: s, photo: 'p1', via: 'yammer' }],
    [{ do: 'setPhoto', user: s, photo: 'p1', via: 'teams' }],
    [
      { do: 'setPolicy', user: s, setPhotoEnabled: false },
      { do: 'setPhoto', user: s, photo: 'p1', via: 'outlook-web' },
    ],
    // with the policy off, 2024 refuses the desktop client and 2026 takes it, unless its photo settings refuse Graph too
    [
      { do: 'setPolicy', user: s, setPhotoEnabled: false },
      { do: 'setPhoto', user: s, photo: 'p1', via: 'outlook-desktop' },
      { do: 'setPhoto', user: s, photo: 'p2', via: 'graph' },
    ],
    [
      { do: 'editCancel', user: s },
      { do: 'setPhoto', user: s, photo: 'p1', via: 'graph' },
      { do: 'wait', ms: floorMs + MINUTE },
      { see: 'sp-people-picker', user: s, viewer: v },
    ],
  ];
}

/**
 * Of `candidates` (stories of SUBJECT and VIEWER), the one with the least waiting that refutes
 * `refuted` on the simulator of `tenant` started as `start` says, from every one of `seeds`
 * hidden states; undefined when none does. What it waits bounds decisionFloor's floor from above:
 * when the two meet, the floor is exact. Only steps the tenant lets photosync take are tried.
 */
export async function floorWitness(
  tenant: Profile,
  refuted: Profile,
  candidates: readonly (readonly RunStep[])[],
  capabilities: Capabilities,
  start: TraceStart,
  seeds = WITNESS_SEEDS,
): Promise<{ readonly steps: readonly RunStep[]; readonly ms: number } | undefined> {
  const [subject, viewer] = start.users;
  if (subject === undefined || viewer === undefined) return undefined;
  const sim = simTenantFactory({ profile: tenant.id });
  const ordered = [...candidates].sort((a, b) => waitOf(a) - waitOf(b));
  for (const story of ordered) {
    if (!story.every((s) => takes(capabilities, s) && takes(sim.capabilities, s))) continue;
    const steps = cast(story, subject.id, viewer.id);
    let sure = true;
    for (let seed = 1; seed <= seeds && sure; seed++) {
      const run = await checkedRun(sim.create(seed), refuted, { users: start.users, photoSettings: start.photoSettings, steps, seed });
      sure = run.verdict.verdict === 'diverges';
    }
    if (sure) return { steps, ms: waitOf(story) };
  }
  return undefined;
}
