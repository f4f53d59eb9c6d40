import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/startEmulator.js';
import type { EmulatorOptions } from '../emulator/EmulatorOptions.js';
import type { RunningEmulator } from '../emulator/RunningEmulator.js';
import type { LiveAdapter } from '../adapters/live/createLiveAdapter.js';
import { openLiveTenant, type OpenOptions } from '../adapters/live/openLiveTenant.js';

/** A live adapter pointed at a fresh tenant emulator, as `photosync emulator --config-out` and `--adapter live` make it. */
export type LiveOnEmulator = {
  readonly emulator: RunningEmulator;
  /** the config file the adapter was opened with */
  readonly configPath: string;
  readonly adapter: LiveAdapter;
  /** what the adapter logged, a line each */
  readonly log: string[];
  close(): Promise<void>;
};

/** An emulator, its config written out (changed by `edit`), and a live adapter opened on it: for the tests and the benchmarks of the live path. */
export async function liveOnEmulator(
  emulatorOptions: EmulatorOptions,
  edit: (config: Record<string, unknown>) => void = () => {},
  open: OpenOptions = {},
): Promise<LiveOnEmulator> {
  const emulator = await startEmulator(emulatorOptions);
  const dir = await mkdtemp(join(tmpdir(), 'photosync-live-'));
  const configPath = join(dir, 'live.json');
  await emulator.writeConfig(configPath);
  const config = JSON.parse(await readFile(configPath, 'utf8')) as Record<string, unknown>;
  // tests and benchmarks spend more requests than a day on a real tenant would allow
  config.budget = { requests: 1_000_000, hours: 10_000 };
  edit(config);
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const log: string[] = [];
  const adapter = await openLiveTenant(configPath, { log: (line) => log.push(line), ...open });
  return {
    emulator,
    configPath,
    adapter,
    log,
    async close() {
      await adapter.close();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
