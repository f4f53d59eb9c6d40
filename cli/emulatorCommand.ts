import { resolve } from 'node:path';
import { ExitCode } from './ExitCode.js';
import type { Io } from './Io.js';
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

/**
 * `photosync emulator`: serves the tenant emulator on loopback until `stopped` resolves, writing
 * the live config that points at it with --config-out. Exit 0 when stopped, 2 on bad options.
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
  const emulator = await startEmulator(parsed.data);
  try {
    io.err(`photosync: tenant emulator on ${emulator.url} (tenant ${emulator.config.tenantId}); Ctrl-C stops it\n`);
    if (options.configOut !== undefined) {
      const path = resolve(options.configOut);
      await emulator.writeConfig(path);
      io.err(`photosync: wrote ${path}; try: photosync matrix --adapter live --config ${options.configOut}\n`);
    }
    await stopped;
  } finally {
    await emulator.close();
  }
  return ExitCode.ok;
}
