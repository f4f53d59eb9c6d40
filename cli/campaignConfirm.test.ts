import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator/RunningEmulator.js';
import { startEmulator } from '../emulator/startEmulator.js';
import { runCli } from './cli.testkit.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'photosync-confirm-cli-'));
const run = (...argv: string[]) => runCli(argv);
/** threewill-2014 is refuted on a microsoft-2024 tenant by one step: a retired cmdlet that refuses */
const PROFILES = 'threewill-2014,microsoft-2024';

describe('photosync campaign report --confirm, from the command line', { timeout: 300_000 }, () => {
  let emulator: RunningEmulator;
  let config: string;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 5, profile: 'microsoft-2024', start: Date.parse('2026-06-01T08:00:00Z'), latencyMs: 0 });
    config = join(tmp(), 'live.json');
    await emulator.writeConfig(config);
  });
  afterAll(() => emulator.close());

  it('counts the steps it replays in plain words: one step, not "1 steps"', async () => {
    const dir = join(tmp(), 'campaign');
    const started = await run('campaign', 'start', '--config', config, '--dir', dir, '--seed', '1', '--profiles', PROFILES);
    expect(started.code, started.err).toBe(0);
    expect(started.err).not.toMatch(/\b1 stories\b/);
    const confirmed = await run('campaign', 'report', dir, '--confirm', 'threewill-2014');
    expect(confirmed.err).toContain('replaying the 1 step that refuted threewill-2014');
    expect(confirmed.err).not.toMatch(/\b1 steps\b/);
  });
});
