import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { campaignPaths } from '../campaign/CampaignFile.js';
import { main } from '../cli/main.js';
import { startEmulator } from '../emulator/startEmulator.js';
import { PROFILE_IDS } from '../model/profiles.js';
import { CampaignReport } from '../reports/CampaignReport.js';
import { announce, say } from './benchKit.js';

/**
 * `node dist/bench/campaignBench.js` (part of `npm run bench`): a campaign on the tenant emulator
 * with 4 test users for a tenant of each profile: the virtual days until it decided every profile
 * (its own holding, every other refuted), or what it left undecided in its 7 days; the goal is 7
 * days. A measurement: it asserts nothing.
 */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const DAY = 86_400_000;
const START = Date.parse('2026-06-01T08:00:00Z');

async function campaignOn(profile: string, seed: number): Promise<void> {
  const emulator = await startEmulator({ seed, profile, start: START });
  const dir = await mkdtemp(join(tmpdir(), 'photosync-campaign-bench-'));
  try {
    const config = join(dir, 'live.json');
    await emulator.writeConfig(config);
    const began = performance.now();
    const quiet = { out: () => {}, err: () => {} };
    await main(['campaign', 'start', '--config', config, '--dir', join(dir, 'c'), '--seed', String(seed)], quiet);
    const ms = performance.now() - began;
    let out = '';
    await main(['campaign', 'report', join(dir, 'c'), '--format', 'json'], { out: (t) => void (out += t), err: () => {} });
    const report = CampaignReport.parse(JSON.parse(out));
    const journal = (await readFile(campaignPaths(join(dir, 'c')).journal, 'utf8')).trim().split('\n');
    const atLine = (line: number) =>
      Date.parse(String((JSON.parse(journal[line - 1]!) as { at?: string }).at ?? new Date(START).toISOString()));
    // decided when the last profile to fall fell; otherwise, as far as the journal went
    const lines = report.profiles.flatMap((p) => (p.verdict === 'diverges' && p.line !== undefined ? [p.line] : []));
    const last = atLine(lines.length === 0 ? 1 : Math.max(...lines));
    const end = atLine(journal.length);
    const refuted = report.profiles.filter((p) => p.verdict === 'diverges').map((p) => p.profile);
    const own = report.profiles.find((p) => p.profile === profile)!.verdict;
    const decided = own === 'conforms' && refuted.length === PROFILE_IDS.length - 1;
    const standing = report.profiles.filter((p) => p.verdict !== 'diverges' && p.profile !== profile).map((p) => p.profile);
    say(
      `seed ${seed}, ${profile}: ${decided ? 'every profile decided' : `undecided: ${standing.join(', ')}`} after ${((last - START) / DAY).toFixed(2)} virtual days (the journal runs to ${((end - START) / DAY).toFixed(2)})` +
        ` (${report.state === 'done' ? 'campaign over' : "the campaign's days ran out"}), own profile ${own === 'conforms' ? 'holds' : own.toUpperCase()},` +
        ` ${report.events} events, ${report.requests} requests, ${(ms / 1000).toFixed(1)} s`,
    );
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}

announce('campaigns on the tenant emulator, 4 test users: virtual days to decide every profile (goal 7)', ROOT);
for (const seed of [1, 5]) for (const profile of PROFILE_IDS) await campaignOn(profile, seed);
