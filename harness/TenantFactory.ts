import type { Adapter, Capabilities } from '../adapters/Adapter.js';
import { capabilitiesOf, createSimTenant, DEFAULT_START } from '../adapters/sim/SimTenant.js';
import { tenantBehaviour } from '../adapters/sim/TenantBehaviour.js';
import type { Mutant } from '../adapters/sim/mutants/Mutant.js';

/**
 * Where runs happen: a fresh adapter for each run. Invariant: `create(seed)` with the same seed
 * gives a tenant that answers the same calls the same way (a live tenant cannot promise it).
 */
export type TenantFactory = {
  /** what trace headers say of the tenant: `adapter`, and for the simulator its profile and mutant */
  readonly describe: { readonly adapter: string; readonly [key: string]: string };
  readonly capabilities: Capabilities;
  create(seed: number): Adapter;
  /** false for a tenant whose chance no seed fixes (a live one): the same plan may run differently */
  readonly seeded?: boolean;
  /** the test photos among `photos` as small images (data: URIs), where the tenant uses real images (a live one) */
  images?(photos: readonly string[]): Promise<Record<string, string>>;
  /** ends the tenant's use: a live one puts its test users' original photos back; answers what it did, a line each */
  close?(): Promise<readonly string[]>;
};

/** `asIs`: each tenant has a random history before the run, and is surveyed rather than set up (SPEC section 6). */
export type SimTenantChoice = { readonly profile: string; readonly mutant?: Mutant; readonly faults?: number; readonly asIs?: boolean };

/** Simulated tenants behaving as `profile`, broken by `mutant` when given. */
export function simTenantFactory(choice: SimTenantChoice): TenantFactory {
  const { profile, mutant, faults, asIs } = choice;
  return {
    describe: {
      adapter: 'sim',
      simProfile: profile,
      ...(mutant === undefined ? {} : { mutant: mutant.id }),
      ...(asIs === true ? { history: 'as-is' } : {}),
    },
    capabilities: capabilitiesOf(tenantBehaviour(profile), mutant?.deviation),
    create: (seed) =>
      createSimTenant({
        profile,
        seed,
        start: DEFAULT_START,
        ...(mutant === undefined ? {} : { mutant }),
        ...(faults === undefined ? {} : { faults }),
        ...(asIs === true ? { asIs } : {}),
      }),
  };
}
