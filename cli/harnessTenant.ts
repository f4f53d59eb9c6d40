import { findProfile, PROFILE_IDS } from '../model/profiles.js';
import type { Profile } from '../model/Profile.js';
import { findMutant, MUTANTS } from '../adapters/sim/mutants/catalog.js';
import type { Mutant } from '../adapters/sim/mutants/Mutant.js';
import { simTenantFactory, type TenantFactory } from '../harness/TenantFactory.js';
import { liveTenantFactory } from '../harness/liveTenantFactory.js';
import type { TenantOptions } from './harnessOptions.js';
import type { Io } from './Io.js';
import { checkOutputDir } from './outputDir.js';
import { UsageError } from './UsageError.js';

/**
 * The tenant the options name. A live one is opened here (config read, signed in, tenant checked)
 * and must be closed with `close`, which puts the test users' original photos back.
 */
export async function tenantFrom(options: TenantOptions, io: Io): Promise<TenantFactory> {
  if (options.adapter === 'live') return liveTenant(options, io);
  return simTenant(options);
}

/** Opens the tenant the options name, runs `body` on it, and closes it whatever happens (a live one's originals put back). */
export async function withTenant<T>(options: TenantOptions, io: Io, body: (tenant: TenantFactory) => Promise<T>): Promise<T> {
  const tenant = await tenantFrom(options, io);
  try {
    return await body(tenant);
  } finally {
    for (const line of (await tenant.close?.()) ?? []) io.err(`${line}\n`);
  }
}

async function liveTenant(options: TenantOptions, io: Io): Promise<TenantFactory> {
  if (options.config === undefined) throw new UsageError('--adapter live needs --config FILE (see docs/live-config.example.jsonc)');
  if (options.mutant !== undefined)
    throw new UsageError('--mutant breaks the simulated tenant; for a broken emulator, start it with photosync emulator --mutant');
  if (options.asIs === true) throw new UsageError('--as-is is for the simulated tenant: a live tenant is always taken as it is');
  const { openLiveTenant } = await import('../adapters/live/openLiveTenant.js');
  const adapter = await openLiveTenant(options.config, { operator: options.operator !== false, log: (line) => io.err(`${line}\n`) });
  return liveTenantFactory(adapter, options.config);
}

/** Checks the tenant options that need no tenant (the simulator's profile and mutant), before anything else is. */
export function checkTenantOptions(options: TenantOptions): void {
  if (options.adapter === 'live') return;
  if (findProfile(options.simProfile) === undefined) {
    throw new UsageError(`unknown --sim-profile "${options.simProfile}": expected one of ${PROFILE_IDS.join(', ')}`);
  }
  if (options.mutant !== undefined) checkMutantApplies(mutantNamed(options.mutant), options.simProfile, '--sim-profile');
  if (options.config !== undefined) throw new UsageError('--config is for --adapter live');
  // commander's --no-operator sets operator to false; the simulated tenant has no operator to leave out
  if (options.operator === false) throw new UsageError('--no-operator is for --adapter live: the simulated tenant takes every step itself');
}

/**
 * Refuses a mutant as a tenant of a profile whose rule it does not break: it would break nothing
 * there, or not what the catalog says. `flag` names the option that chose the profile.
 */
export function checkMutantApplies(mutant: Mutant, profile: string, flag: string): void {
  if (mutant.profiles.includes(profile)) return;
  throw new UsageError(
    `--mutant ${mutant.id} breaks ${mutant.breaks} as ${mutant.profiles.join(', ')} only, not as ${flag} ${profile} (photosync mutants --list)`,
  );
}

function simTenant(options: TenantOptions): TenantFactory {
  checkTenantOptions(options);
  const asIs = options.asIs === true ? { asIs: true } : {};
  if (options.mutant === undefined) return simTenantFactory({ profile: options.simProfile, ...asIs });
  return simTenantFactory({ profile: options.simProfile, mutant: mutantNamed(options.mutant), ...asIs });
}

/** The mutant of the catalog a `--mutant` names. */
export function mutantNamed(id: string): Mutant {
  const mutant = findMutant(id);
  if (mutant === undefined) throw new UsageError(`unknown --mutant "${id}": expected one of ${MUTANTS.map((m) => m.id).join(', ')}`);
  return mutant;
}

/** Checks, before anything runs, the directories a harness command will write to. */
export function checkOutputDirs(options: { out: string; record?: string }): void {
  checkOutputDir(options.out, '--out');
  if (options.record !== undefined) checkOutputDir(options.record, '--record');
}

/** The one profile a `--profile` names. */
export function oneProfile(id: string): Profile {
  const profile = findProfile(id);
  if (profile === undefined) throw new UsageError(`unknown --profile "${id}": expected one of ${PROFILE_IDS.join(', ')}`);
  return profile;
}

/** The flags that name this tenant again. */
function tenantFlags(tenant: TenantFactory): string[] {
  const parts = [`--adapter ${tenant.describe.adapter}`];
  if (tenant.describe.config !== undefined) parts.push(`--config ${tenant.describe.config}`);
  if (tenant.describe.operator === 'none') parts.push('--no-operator');
  if (tenant.describe.simProfile !== undefined) parts.push(`--sim-profile ${tenant.describe.simProfile}`);
  if (tenant.describe.mutant !== undefined) parts.push(`--mutant ${tenant.describe.mutant}`);
  if (tenant.describe.history === 'as-is') parts.push('--as-is');
  return parts;
}

/** The command line that repeats a run exactly. */
export function replayCommand(
  tenant: TenantFactory,
  profile: string,
  seed: number,
  path: string | undefined,
  maxActions: number,
  runs: number,
): string {
  const parts = ['photosync run', ...tenantFlags(tenant)];
  // a conforming result is its runs: the same seed with more runs goes further
  parts.push(`--profile ${profile}`, `--runs ${runs}`, `--max-actions ${maxActions}`, `--seed ${seed}`);
  if (path !== undefined) parts.push(`--path ${path}`);
  return parts.join(' ');
}

/** The command line that repeats a matrix: every profile explored from the one seed. */
export function matrixReplayCommand(tenant: TenantFactory, seed: number, maxActions: number, runs: number): string {
  return ['photosync matrix', ...tenantFlags(tenant), `--runs ${runs}`, `--max-actions ${maxActions}`, `--seed ${seed}`].join(' ');
}
