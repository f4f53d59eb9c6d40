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
