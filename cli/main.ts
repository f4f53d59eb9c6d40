import { reportMeta, VERSION } from './reportMeta.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../adapters/live/ConfigError.js';
import { StateFolderBusyError } from '../adapters/live/StateFolderBusyError.js';
import { CampaignError } from '../campaign/CampaignError.js';
import { DiffError } from '../diff/DiffError.js';
import type { CampaignStartOptions } from './campaignCommand.js';
import type { EmulatorCommandOptions } from './emulatorCommand.js';
import { PROFILE_IDS, PROFILES } from '../model/profiles.js';
import { toProfilesReport } from '../reports/ProfilesReport.js';
import { renderers } from '../reports/renderers.js';
import { toRulesReport } from '../reports/RulesReport.js';
import { TraceError } from '../trace/TraceError.js';
import { checkCommand, MAX_THREADS, type CheckOptions } from './checkCommand.js';
import { DEFAULT_MAX_WORKERS, PARALLEL_MIN_BYTES, PARALLEL_MIN_WORK } from '../trace/checkTrace.js';
import { ExitCode } from './ExitCode.js';
import { processIo, type Io } from './Io.js';
import { formatOption, profileOption, selectProfiles, type Format } from './options.js';
import { UsageError } from './UsageError.js';
import {
  asIsOption,
  DEFAULT_BUDGET,
  dirOption,
  DEFAULT_OUT,
  DEFAULT_RUNS,
  integer,
  pathOption,
  positiveInteger,
  runsOption,
  tenantOptions,
} from './harnessOptions.js';
// a command's own modules load when it runs: `check` need not wait for the adapters and the harness
import type { MatrixOptions } from './matrixCommand.js';
import type { MutantsOptions } from './mutantsCommand.js';
import type { RunOptions } from './runCommand.js';
import type { DiffOptions } from './diffCommand.js';
import { DIFF_KINDS } from '../reports/DiffReport.js';

/** An error of the live tenant's own (sign-in, tenant, budget, survey, backup): stable code, clean message, no verdict. */
function isTenantFailure(e: unknown): e is Error & { code: string } {
  if (!(e instanceof Error)) return false;
  const code: unknown = (e as Error & { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('PHOTOSYNC_');
}

function rate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('expected a share from 0 to 1, such as 0.1');
  return n;
}

/** A path argument: an empty one (a shell variable left unset) is a usage error, not a file to look for. */
function filePath(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a file path, got an empty string');
  return value;
}

/** Runs photosync with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = ExitCode.ok;
  const program = new Command('photosync')
    .description('Checks how a Microsoft 365 tenant synchronizes user photos against cited hypotheses of its rules.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run photosync help for usage)')
    .addHelpText('after', "\nEvery command exits 3 on an error of photosync's own (printed with its stack): no verdict is given.");

  program
    .command('check')
    .description(
      'check a recorded trace offline against the model (exit 0 conforms or unknown, 1 diverges, 2 bad input, also a torn last line after the lines before it are checked, 3 checking failed, 130 interrupted)',
    )
    .argument('<trace>', 'trace file (JSON Lines, SPEC section 2)', filePath)
    .addOption(profileOption('profile to check against', 'all'))
    .addOption(formatOption())
    .addOption(
      new Option(
        '--threads <n>',
        `threads that check (1: this one); by default one per core, at most ${DEFAULT_MAX_WORKERS}, for a trace of ${PARALLEL_MIN_BYTES / 2 ** 20} MiB or more where profiles × threads is at least ${PARALLEL_MIN_WORK}: each reads the whole file and adds its own memory`,
      ).argParser(integer(1, MAX_THREADS, `an integer from 1 to ${MAX_THREADS}`)),
    )
    .action(async (trace: string, options: CheckOptions) => {
      code = await checkCommand(trace, options, io);
    });

  program
    .command('rules')
    .description('list the rules of the model: id, statement, source and the profiles that hold it')
    .addOption(profileOption('only the rules of this profile'))
    .addOption(formatOption())
    .action((options: { profile?: string; format: Format }) => {
      const only = options.profile === undefined || options.profile === 'all' ? undefined : selectProfiles(options.profile)[0];
      io.out(renderers.rules[options.format](toRulesReport(PROFILES, only), reportMeta()));
    });

  program
    .command('profiles')
    .description("list the profiles: each hypothesis's rules and parameters")
    .addOption(formatOption())
    .action((options: { format: Format }) => {
      io.out(renderers.profiles[options.format](toProfilesReport(PROFILES), reportMeta()));
    });

  program
    .command('diff')
    .description(
      `compare two JSON reports of one kind (${DIFF_KINDS.join(', ')}) to see what changed: each profile's verdict, each rule cited, each mutant, each measured timing; changes nothing (exit 0 no regression, 1 regression, 2 bad input)`,
    )
    .argument('<base>', 'the earlier report (written with --format json)', filePath)
    .argument('<new>', 'the later report (written with --format json)', filePath)
    .option('--all', 'also list what stayed the same')
    .addOption(formatOption())
    .action(async (base: string, next: string, options: DiffOptions) => {
      const { diffCommand } = await import('./diffCommand.js');
      code = await diffCommand(base, next, options, io, reportMeta());
    });

  program
    .command('run')
    .description(
      'generate random runs on a tenant, check every observation against a profile and shrink the first divergence to a minimal counterexample (exit 0 conforms, 1 diverges, 2 bad input, 4 a live tenant could not be used, 75 another photosync is changing it through the same state folder, 130 stopped by Ctrl-C with nothing found)',
    )
    .addOption(
      new Option(
        '--profile <id>',
        `the profile to check against (${PROFILE_IDS.join(', ')}; default: the --sim-profile; required with --adapter live)`,
      ),
    )
    .addOption(runsOption('how many random runs', DEFAULT_RUNS))
    .addOption(pathOption())
    .addOption(dirOption('--out <dir>', 'where the trace of a divergence is written').default(DEFAULT_OUT))
    .addOption(dirOption('--record <dir>', 'also write every run as a trace in this directory'))
    .addOption(asIsOption())
    .addOption(formatOption());
  for (const o of tenantOptions()) program.commands.at(-1)!.addOption(o);
  program.commands.at(-1)!.action(async (options: RunOptions) => {
    const { runCommand } = await import('./runCommand.js');
    code = await runCommand(options, io);
  });

  program
    .command('matrix')
    .description(
      'check one tenant against every profile: which hypothesis holds, and the minimal story that refutes each other (exit 0 some profile holds, 1 none does, 2 bad input, 4 a live tenant could not be used, 75 another photosync is changing it through the same state folder, 130 stopped by Ctrl-C before every profile was explored)',
    )
    .addOption(runsOption('how many random runs per profile', DEFAULT_RUNS))
    .addOption(dirOption('--out <dir>', 'where the traces of divergences are written').default(DEFAULT_OUT))
    .addOption(dirOption('--record <dir>', 'also write every run as a trace, in a directory per profile'))
    .addOption(asIsOption())
    .addOption(formatOption());
  for (const o of tenantOptions()) program.commands.at(-1)!.addOption(o);
  program.commands.at(-1)!.action(async (options: MatrixOptions) => {
    const { matrixCommand } = await import('./matrixCommand.js');
    code = await matrixCommand(options, io);
  });

  program
    .command('mutants')
    .description(
      'run the harness on every broken simulated tenant of the catalog: killed or not, how soon, how short the counterexample (exit 0 all killed, 1 one survives, 2 bad input, 130 stopped by Ctrl-C before every mutant was run)',
    )
    .option(
      '--list',
      'only list the catalog and the rules of each profile it covers; with --profile or --mutant, that part of it; runs nothing (no --budget, --seed, --max-actions)',
    )
    .addOption(new Option('--budget <n>', 'most runs per mutant and profile').argParser(positiveInteger).default(DEFAULT_BUDGET))
    .addOption(profileOption('only the mutants of this profile'))
    .addOption(new Option('--mutant <id>', 'only this mutant'))
    .addOption(tenantOptions().find((o) => o.long === '--max-actions')!)
    .addOption(tenantOptions().find((o) => o.long === '--seed')!)
    .addOption(formatOption())
    .action(async (options: MutantsOptions & { list?: boolean }, command: Command) => {
      const { mutantsCommand, mutantsListCommand } = await import('./mutantsCommand.js');
      if (options.list === true) {
        const given = command.options.filter((o) => command.getOptionValueSource(o.attributeName()) === 'cli').map((o) => o.long ?? '');
        code = mutantsListCommand(options, given, io);
      } else {
        code = await mutantsCommand(options, io);
      }
    });

  program
    .command('emulator')
    .description(
      'serve the tenant emulator on loopback (Graph, SharePoint, Viva Engage and sign-in, backed by the simulated tenant) until Ctrl-C; --config-out writes the live config that points at it',
    )
    .addOption(
      new Option('--port <p>', 'the port on 127.0.0.1 (0: any free one)').argParser(integer(0, 65535, 'a port from 0 to 65535')).default(0),
    )
    .addOption(
      new Option('--profile <id>', `the profile the emulated tenant behaves as (${PROFILE_IDS.join(', ')}; default microsoft-2026)`),
    )
    .addOption(new Option('--mutant <id>', 'break the emulated tenant with a mutant of the catalog (photosync mutants --list)'))
    .addOption(
      new Option('--seed <n>', "the seed of the tenant's choices, ids and faults").argParser(
        integer(0, 0xffff_ffff, 'an integer from 0 to 4294967295'),
      ),
    )
    .addOption(new Option('--as-is', 'a tenant with a history, to be surveyed'))
    .addOption(
      new Option('--fault-rate <r>', 'the share of service requests that fail (429, 503, dropped connections)').argParser(rate).default(0),
    )
    .addOption(
      new Option('--latency <ms>', 'a delay before every answer').argParser(integer(0, 60_000, 'milliseconds from 0 to 60000')).default(0),
    )
    .addOption(new Option('--users <ids>', 'the test users, comma-separated (default alice,bob,carol,dave)'))
    .addOption(new Option('--config-out <file>', 'write the live config that points at this emulator (certificates beside it)'))
    .addOption(new Option('--log', 'one line per request on stderr'))
    .action(async (options: EmulatorCommandOptions) => {
      const { emulatorCommand } = await import('./emulatorCommand.js');
      code = await emulatorCommand(options, io);
    });

  program
    .command('doctor')
    .description(
      "check a live config: sign-in, tenant, test users, each service's permissions and reachability, in an administrator's words; changes nothing (exit 0 ready, 1 something missing, 2 bad config, 4 the tenant did not answer)",
    )
    .requiredOption('--config <file>', 'the live config (docs/live-config.example.jsonc)')
    .addOption(formatOption())
    .action(async (options: { config: string; format: Format }) => {
      const { doctorCommand } = await import('./liveCommands.js');
      code = await doctorCommand(options, io);
    });

  program
    .command('restore')
    .description(
      "put back what a live run backed up and could not restore: the test users' original photos and OWA policies, the tenant's photo update settings (exit 0 done, 4 one could not be put back, 75 another photosync is changing the tenant through the same state folder: nothing done)",
    )
    .requiredOption('--config <file>', 'the live config of the run')
    .action(async (options: { config: string }) => {
      const { restoreCommand } = await import('./liveCommands.js');
      code = await restoreCommand(options, io);
    });

  const campaign = program
    .command('campaign')
    .description('a conformance run that lives on disk for days on a live tenant: start, resume, status, report');
  campaign
    .command('start')
    .description(
      'plan stories that tell the profiles apart, survey the tenant and run them, one test user each, journaling every step; exits when the next step is far off (then resume it) (exit 0 started, waiting or over, 2 bad input, 4 the tenant could not be used, 75 another photosync is changing it through the same state folder: nothing done, 130 stopped by Ctrl-C)',
    )
    .requiredOption('--config <file>', 'the live config (docs/live-config.example.jsonc)')
    .addOption(
      new Option('--profiles <ids>', `the profiles to tell apart: all, or ids separated by commas (${PROFILE_IDS.join(', ')})`).default(
        'all',
      ),
    )
    .addOption(
      new Option('--days <d>', 'the days the campaign may last').argParser(integer(1, 366, 'a number of days from 1 to 366')).default(7),
    )
    .addOption(new Option('--budget-requests <n>', 'the requests to the services the whole campaign may make').argParser(positiveInteger))
    .addOption(new Option('--dir <dir>', 'the campaign folder (default photosync-campaigns/<start time>)'))
    .addOption(new Option('--seed <n>', 'the seed of the stories').argParser(integer(0, 0x7fff_ffff, 'an integer from 0 to 2147483647')))
    .addOption(new Option('--no-operator', 'leave out the steps no API takes (no one at the terminal)'))
    .addOption(
      new Option('--max-sleep <minutes>', 'wait in this process for a step due within this many minutes; past it, exit to be resumed')
        .argParser(integer(0, 24 * 60, 'minutes from 0 to 1440'))
        .default(15),
    )
    .action(async (options: CampaignStartOptions) => {
      const { campaignStart } = await import('./campaignCommand.js');
      code = await campaignStart(options, io);
    });
  campaign
    .command('resume')
    .description(
      'go on from the journal after a stop, a crash or a reboot, making no action twice (from cron or a systemd timer) (exit 0 went on, over, or another process is at work on it, 2 bad input, 4 the tenant could not be used, 75 another photosync is changing it through the same state folder: no step made, 130 stopped by Ctrl-C)',
    )
    .argument('<dir>', 'the campaign folder')
    .addOption(
      new Option('--max-sleep <minutes>', 'wait in this process for a step due within this many minutes; past it, exit to be resumed')
        .argParser(integer(0, 24 * 60, 'minutes from 0 to 1440'))
        .default(15),
    )
    .action(async (dir: string, options: { maxSleep: number }) => {
      const { campaignResume } = await import('./campaignCommand.js');
      code = await campaignResume(dir, options, io);
    });
  campaign
    .command('status')
    .description(
      "each profile's verdict so far, each test user's story, next step and requests spent; reads the folder, changes nothing (exit 0 shown, 2 no campaign there)",
    )
    .argument('<dir>', 'the campaign folder')
    .addOption(formatOption())
    .action(async (dir: string, options: { format: Format }) => {
      const { campaignStatus } = await import('./campaignCommand.js');
      code = campaignStatus(dir, options, io);
    });
  campaign
    .command('report')
    .description(
      "the verdict of every profile from the journal, for each profile refuted the smallest part of the journal it cannot explain, and the tenant's timings: when each surface showed each change, and the values of each profile's parameters the journal allows (exit 0 some profile holds, 1 none does; with --against 0 no regression, 1 a regression; 2 bad input)",
    )
    .argument('<dir>', 'the campaign folder')
    .addOption(formatOption())
    .addOption(
      new Option(
        '--against <base.json>',
        'an earlier campaign report (--format json): exit 1 when a profile or rule that held fails now, or a measured timing moved',
      ),
    )
    .addOption(
      new Option(
        '--on-change <command>',
        'with --against, run this command with the path of the diff when something changed for the worse',
      ),
    )
    .addOption(
      new Option(
        '--confirm <profile>',
        'replay on the tenant, as a new short campaign, the smallest part of the journal that refuted this profile (exit 1 refuted again, 0 not)',
      ),
    )
    .action(async (dir: string, options: { format: Format; against?: string; onChange?: string; confirm?: string }) => {
      const { campaignReportCommand } = await import('./campaignCommand.js');
      code = await campaignReportCommand(dir, options, io);
    });

  try {
    pointUsageErrorsAtHelp(program, []);
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    if (
      e instanceof UsageError ||
      e instanceof TraceError ||
      e instanceof ConfigError ||
      e instanceof CampaignError ||
      e instanceof DiffError
    ) {
      io.err(`photosync: ${e.message}\n`);
      return ExitCode.badInput;
    }
    // another process at work on the tenant: nothing was done, and trying again later is all there is to do
    if (e instanceof StateFolderBusyError) {
      io.err(`photosync: ${e.message}\n`);
      return ExitCode.busy;
    }
    if (isTenantFailure(e)) {
      io.err(`photosync: ${e.message}\n`);
      return ExitCode.tenantFailed;
    }
    // an error of photosync's own: left to Node it would exit 1, which says "diverges"
    io.err(`photosync: failed, no verdict: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return ExitCode.failed;
  }
  return io.outFailed?.() === true ? ExitCode.failed : code;
}

/** Each command's usage errors end with the command that shows its own help: `photosync help run`, `photosync campaign help start`. */
function pointUsageErrorsAtHelp(command: Command, path: readonly string[]): void {
  for (const sub of command.commands) {
    const words = path.length === 0 ? ['photosync', 'help', sub.name()] : ['photosync', ...path, 'help', sub.name()];
    sub.showHelpAfterError(`(run ${words.join(' ')} for usage)`);
    pointUsageErrorsAtHelp(sub, [...path, sub.name()]);
  }
}
