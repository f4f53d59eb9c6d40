import type { RuleId } from '../model/RuleId.js';
import type { Surface } from '../model/vocabulary.js';
import { citation } from './Citation.js';
import { Story, type StoryWindow } from './Story.js';
import { findProfile } from '../model/profiles.js';
import { findMutant } from '../adapters/sim/mutants/catalog.js';
import { checkedRun } from '../harness/checkedRun.js';
import { simTenantFactory } from '../harness/TenantFactory.js';

/** Test helper: a mutant whose minimal sequence makes a short story. */
export const mutant = findMutant('owa-caches-ten-minutes')!;
const profile = findProfile('threewill-2014')!;

/** The mutant's minimal sequence, on the mutant (it diverges) or on the tenant it breaks (it conforms), with what the model allowed. */
export const run = (mutated = true) =>
  checkedRun(
    simTenantFactory({ profile: profile.id, ...(mutated ? { mutant } : {}) }).create(5),
    profile,
    { ...mutant.minimal, seed: 5 },
    { annotate: true },
  );

/** Test helper: a short story by hand: alice sets p1 via Outlook on the web, bob then sees `seen` on `see` where the model allowed p1. */
export function shortStory(
  options: { seen?: string; rules?: RuleId[]; waits?: number; see?: Surface; offset?: number; windows?: StoryWindow[] } = {},
): Story {
  const { seen = 'p0', rules = ['OWA-CACHE'], waits = 0, see = 'owa-contact-card', offset = 120_000, windows = [] } = options;
  const start = Date.parse('2014-04-01T09:00:00.000Z');
  return Story.parse({
    length: 2,
    users: [{ id: 'alice', photo: 'p0' }, { id: 'bob' }],
    start: new Date(start).toISOString(),
    steps: [
      {
        n: 1,
        line: 2,
        at: new Date(start).toISOString(),
        offset: 0,
        event: { do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p1' },
        seen: 'ok',
      },
      ...Array.from({ length: waits }, (_, i) => ({
        n: i + 2,
        line: i + 3,
        at: new Date(start).toISOString(),
        offset: 0,
        event: { do: 'wait', ms: 60_000 },
        seen: 'ok',
      })),
      {
        n: waits + 2,
        line: waits + 3,
        at: new Date(start + offset).toISOString(),
        offset,
        event: { see, user: 'alice', viewer: 'bob', photo: seen },
        seen,
        allowed: ['p1'],
      },
    ],
    divergence: { line: waits + 3, allowed: ['p1'], rules: rules.map(citation), windows },
  });
}
