import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ExitCode } from './ExitCode.js';
import type { Io } from './Io.js';
import { nearestExisting } from './outputDir.js';
import { UsageError } from './UsageError.js';

export type EmulatorCommandOptions = {
  port: number;
  profile?: string;
  mutant?: string;
  seed?: number;
  asIs?: boolean;
  faultRate: number;
  latency: number;
  users?: string;
  configOut?: string;
  log?: boolean;
};

/** Until SIGINT or SIGTERM: how `photosync emulator` waits in the foreground. */
export function untilSignalled(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

// a path that cannot be written is bad input; a full disk or an I/O error is not
const PATH_ERRORS = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS']);

/** What is at `path`, or undefined when nothing is (or a file stands where a folder of it would be). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Checks, before the server starts, that --config-out names a file that can be written: not a
 * folder, in a folder that is or can become a writable one (created then, as --out's is: the
 * config, its two PEM files and its state folder belong together). Creates nothing.
 */
export function checkConfigOut(file: string): void {
  const full = resolve(file);
  if (statOf(full)?.isDirectory() === true)
    throw new UsageError(`--config-out ${file}: ${full} is a folder; name the config file to write, such as ${join(file, 'live.json')}`);
  const found = nearestExisting(dirname(full));
  if (found === undefined) throw new UsageError(`--config-out ${file}: no existing folder to create ${dirname(full)} in`);
  if (!found.stat.isDirectory()) throw new UsageError(`--config-out ${file}: ${found.at} is not a folder`);
  try {
    accessSync(found.at, constants.W_OK);
  } catch {
    throw new UsageError(`--config-out ${file}: ${found.at} is not writable`);
  }
}

/**
 * `photosync emulator`: serves the tenant emulator on loopback until `stopped` resolves, writing
 * the live config that points at it with --config-out. Exit 0 when stopped, 2 on bad options
 * (a --config-out that cannot be written among them, found before the server starts).
 */
export async function emulatorCommand(
  options: EmulatorCommandOptions,
  io: Io,
  stopped: Promise<void> = untilSignalled(),
): Promise<ExitCode> {
  const { startEmulator } = await import('../emulator/startEmulator.js');
  const { EmulatorOptions } = await import('../emulator/EmulatorOptions.js');
  const parsed = EmulatorOptions.safeParse({
    port: options.port,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.mutant === undefined ? {} : { mutant: options.mutant }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    asIs: options.asIs === true,
    faultRate: options.faultRate,
    latencyMs: options.latency,
    ...(options.users === undefined ? {} : { users: options.users.split(',').map((u) => u.trim()) }),
    ...(options.log === true ? { log: (line: string) => io.err(`${line}\n`) } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`emulator: ${issue.path.join('.') || 'options'}: ${issue.message}`);
  }
  if (options.configOut !== undefined) checkConfigOut(options.configOut);
  const emulator = await startEmulator(parsed.data);
  try {
    // the config first: the emulator is announced only once it can be used
    const path = options.configOut === undefined ? undefined : resolve(options.configOut);
    if (path !== undefined) {
      await emulator.writeConfig(path).catch((e: unknown) => {
        // what the check before the start could not foresee: a PEM file beside it that is a folder, or read-only
        if (PATH_ERRORS.has((e as NodeJS.ErrnoException).code ?? ''))
          throw new UsageError(`--config-out ${options.configOut}: cannot write it: ${(e as Error).message}`);
        throw e;
      });
    }
    io.err(`photosync: tenant emulator on ${emulator.url} (tenant ${emulator.config.tenantId}); Ctrl-C stops it\n`);
    if (path !== undefined) io.err(`photosync: wrote ${path}; try: photosync matrix --adapter live --config ${options.configOut}\n`);
    await stopped;
  } finally {
    await emulator.close();
  }
  return ExitCode.ok;
}
