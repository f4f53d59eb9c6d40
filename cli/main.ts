import { Command, CommanderError } from 'commander';
import { PROFILES } from '../model/profiles.js';
import { toProfilesReport } from '../reports/ProfilesReport.js';
import { renderers } from '../reports/renderers.js';
import { toRulesReport } from '../reports/RulesReport.js';
import { toMutantsReport } from '../reports/MutantsReport.js';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { TraceError } from '../trace/TraceError.js';
import { checkCommand, type CheckOptions } from './checkCommand.js';
import { ExitCode } from './ExitCode.js';
import { processIo, type Io } from './Io.js';
import { formatOption, profileOption, selectProfiles, type Format } from './options.js';
import { UsageError } from './UsageError.js';

const VERSION = '0.1.0';

/** Runs photosync with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = ExitCode.ok;
  const program = new Command('photosync')
    .description('Checks how a Microsoft 365 tenant synchronizes user photos against cited hypotheses of its rules.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run photosync help for usage)');

  program
    .command('check')
    .description('check a recorded trace offline against the model (exit 0 conforms, 1 diverges, 2 bad input)')
    .argument('<trace>', 'trace file (JSON Lines, SPEC section 2)')
    .addOption(profileOption('profile to check against', 'all'))
    .addOption(formatOption())
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
      io.out(renderers.rules[options.format](toRulesReport(PROFILES, only)));
    });

  program
    .command('profiles')
    .description("list the profiles: each hypothesis's rules and parameters")
    .addOption(formatOption())
    .action((options: { format: Format }) => {
      io.out(renderers.profiles[options.format](toProfilesReport(PROFILES)));
    });

  program
    .command('mutants')
    .description('list the catalog of broken simulated tenants: the rule each breaks and its minimal revealing sequence')
    .option('--list', 'list the catalog and the rules of each profile it covers')
    .addOption(formatOption())
    .action((options: { list?: boolean; format: Format }) => {
      if (options.list !== true)
        throw new UsageError('photosync mutants runs with the harness, which is not built yet: use --list to see the catalog');
      io.out(renderers.mutants[options.format](toMutantsReport(MUTANTS, PROFILES)));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    if (e instanceof UsageError || e instanceof TraceError) {
      io.err(`photosync: ${e.message}\n`);
      return ExitCode.badInput;
    }
    throw e;
  }
  return code;
}
