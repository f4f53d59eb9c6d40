// The options of the harness commands, apart from what they open (harnessTenant.ts): `photosync`
// defines every command at start, and loads a command's adapters only when it runs.
import { InvalidArgumentError, Option } from 'commander';
import { PROFILE_IDS } from '../model/profiles.js';

/** The adapters `--adapter` accepts: the simulated tenant on this machine, or a live one (or the emulator) named by `--config`. */
export const ADAPTERS = ['sim', 'live'] as const;
export const DEFAULT_SIM_PROFILE = 'threewill-2014';
export const DEFAULT_RUNS = 200;
export const DEFAULT_MAX_ACTIONS = 30;
export const MAX_MAX_ACTIONS = 1000;
export const DEFAULT_OUT = 'photosync-traces';
/** How many runs each mutant gets by default: every mutant of the catalog dies well within it. */
export const DEFAULT_BUDGET = 10_000;

/** Parses an integer flag within [min, max]; anything else is a usage error naming `what` was expected. */
export function integer(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected ${what}`);
    return n;
  };
}

/** The options every harness command shares: which tenant, how many actions per run, and the seed. */
export function tenantOptions(): Option[] {
  return [
    new Option('--adapter <name>', 'the tenant to drive').choices(ADAPTERS).default('sim'),
    new Option('--sim-profile <id>', `the profile the simulated tenant behaves as (${PROFILE_IDS.join(', ')})`).default(
      DEFAULT_SIM_PROFILE,
    ),
    new Option('--mutant <id>', 'break the simulated tenant with a mutant of the catalog (photosync mutants --list)'),
    new Option('--config <file>', 'the live config (--adapter live): tenant, app, test users, endpoints (docs/live-config.example.jsonc)'),
    new Option(
      '--no-operator',
      'with --adapter live: leave out the steps no API takes (Outlook, Teams, visits...), whatever the config says',
    ),
    new Option('--max-actions <k>', 'most actions and observations in one run')
      .argParser(integer(1, MAX_MAX_ACTIONS, `an integer from 1 to ${MAX_MAX_ACTIONS}`))
      .default(DEFAULT_MAX_ACTIONS),
    new Option('--seed <n>', 'the seed of the random runs (printed with every result)').argParser(
      integer(-(2 ** 31), 2 ** 31 - 1, 'a 32-bit integer'),
    ),
  ];
}

/** Parses a count given on the command line: 1 to ten million. */
export const positiveInteger = integer(1, 10_000_000, 'a positive integer');

export function runsOption(description: string, fallback: number): Option {
  return new Option('--runs <n>', description).argParser(positiveInteger).default(fallback);
}

/** `--out` or `--record`: a directory; an empty one (a shell variable left unset) is a usage error naming the flag. */
export function dirOption(flags: string, description: string): Option {
  return new Option(flags, description).argParser((value) => {
    if (value.trim() === '') throw new InvalidArgumentError('expected a directory, got an empty string (a shell variable left unset?)');
    return value;
  });
}

export function pathOption(): Option {
  return new Option(
    '--path <path>',
    'replay the counterexample at this path, with the --seed and every other option of the replay line printed with it (a path that replays no divergence: exit 2; on a live tenant, whose run may conform this time: exit 0, said on stderr)',
  ).argParser((value) => {
    if (!/^\d+(:\d+)*$/.test(value)) throw new InvalidArgumentError('expected a path as printed with a result, such as 12:3:0');
    return value;
  });
}

export type TenantOptions = {
  adapter: string;
  simProfile: string;
  mutant?: string;
  maxActions: number;
  seed?: number;
  asIs?: boolean;
  config?: string;
  /** false with --no-operator */
  operator?: boolean;
};

/** `--as-is`: for `run` and `matrix`, a tenant with a history, surveyed rather than set up. */
export function asIsOption(): Option {
  return new Option(
    '--as-is',
    'take each simulated tenant as it is: a random history first, then a run from the header a survey of it gives (stores as read, the rest unknown)',
  );
}
