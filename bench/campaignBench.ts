import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveCapabilities } from '../adapters/live/liveCapabilities.js';
import { campaignPaths, readCampaignFile } from '../campaign/CampaignFile.js';
import { tenantFloor } from '../campaign/decisionFloor.js';
import { floorWitness, witnessStories } from '../campaign/floorWitness.js';
import type { StoryGroup } from '../campaign/planStories.js';
import { readJournal } from '../campaign/readJournal.js';
import { main } from '../cli/main.js';
import { startEmulator } from '../emulator/startEmulator.js';
import { DAY, HOUR, MINUTE } from '../model/Params.js';
import { findProfile, PROFILE_IDS } from '../model/profiles.js';
import { CampaignReport } from '../reports/CampaignReport.js';
import { announce, positive, say } from './benchKit.js';

/**
 * `node dist/bench/campaignBench.js [--seeds 1,5]` (part of `npm run bench`): a campaign on the
 * tenant emulator with 4 test users for a tenant of each profile: the virtual time until it decided
 * every profile (its own holding, every other refuted), against the floor no campaign can beat on
 * that tenant (campaign/decisionFloor.ts, with the least waited story found that meets it). Goals:
 * within 7 virtual days, and within 1.5× the floor. A measurement: it asserts nothing.
 */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const START = Date.parse('2026-06-01T08:00:00Z');
const GOAL_DAYS = 7;
const GOAL_RATIO = 1.5;
/** the floor counts waits only: the steps take time too (a millisecond each on the emulator's clock, seconds on a tenant) */
const STEP_ALLOWANCE = MINUTE;

type Row = {
  seed: number;
  tenant: string;
  /** ms from the start to the last refutation; null when some profile was left standing */
  decided: number | null;
  undecided: string[];
  journalEnds: number;
  ended: string;
  own: 'conforms' | 'diverges' | 'unknown';
  events: number;
  requests: number;
  seconds: number;
  /** the floor and the profile whose refutation sets it */
  floor: number;
  floorBy: string;
  floors: { refutes: string; ms: number; because: string; witness: number | null }[];
  ratio: number | null;
  withinDays: boolean;
  withinRatio: boolean;
};

const days = (ms: number) => `${(ms / DAY).toFixed(2)} d`;
const hours = (ms: number) =>
  ms === 0 ? '0' : `${Math.floor(ms / HOUR)} h${ms % HOUR === 0 ? '' : ` ${Math.round((ms % HOUR) / MINUTE)} min`}`;

async function campaignOn(profile: string, seed: number): Promise<Row> {
  const emulator = await startEmulator({ seed, profile, start: START });
  const dir = await mkdtemp(join(tmpdir(), 'photosync-campaign-bench-'));
  const c = join(dir, 'c');
  try {
    const config = join(dir, 'live.json');
    await emulator.writeConfig(config);
    const began = performance.now();
    const quiet = { out: () => {}, err: () => {} };
    await main(['campaign', 'start', '--config', config, '--dir', c, '--seed', String(seed)], quiet);
    const seconds = (performance.now() - began) / 1000;
    let out = '';
    await main(['campaign', 'report', c, '--format', 'json'], { out: (t) => void (out += t), err: () => {} });
    const report = CampaignReport.parse(JSON.parse(out));
    const journal = (await readFile(campaignPaths(c).journal, 'utf8')).trim().split('\n');
    const atLine = (line: number) =>
      Date.parse(String((JSON.parse(journal[line - 1]!) as { at?: string }).at ?? new Date(START).toISOString()));
    // decided when the last profile to fall fell
    const lines = report.profiles.flatMap((p) => (p.verdict === 'diverges' && p.line !== undefined ? [p.line] : []));
    const own = report.profiles.find((p) => p.profile === profile)!.verdict;
    const undecided = report.profiles.filter((p) => p.verdict !== 'diverges' && p.profile !== profile).map((p) => p.profile);
    const decided = own === 'conforms' && undecided.length === 0 ? atLine(Math.max(1, ...lines)) - START : null;

    // the floor on this tenant as its survey found it, each pair with the least waited sure story found on the simulator
    const file = readCampaignFile(c);
    const start = readJournal(campaignPaths(c).journal, { cut: false }).start!;
    const capabilities = liveCapabilities(file.users, file.operator);
    const tenant = findProfile(profile)!;
    const profiles = file.profiles.map((id) => findProfile(id)!);
    const floor = tenantFloor(tenant, profiles, capabilities, start);
    const library = (JSON.parse(await readFile(campaignPaths(c).stories, 'utf8')) as StoryGroup[]).map((g) => g.steps);
    const floors: Row['floors'] = [];
    for (const f of floor.floors) {
      const w = await floorWitness(tenant, findProfile(f.refutes)!, [...witnessStories(f.ms), ...library], capabilities, start);
      floors.push({ refutes: f.refutes, ms: f.ms, because: f.because, witness: w?.ms ?? null });
    }
    const by = floors.reduce((a, b) => (b.ms > a.ms ? b : a));
    const ratio = decided === null || floor.ms === 0 ? null : decided / floor.ms;
    return {
      seed,
      tenant: profile,
      decided,
      undecided,
      journalEnds: atLine(journal.length) - START,
      ended: report.state === 'done' ? 'decided' : 'its days ran out',
      own,
      events: report.events,
      requests: report.requests,
      seconds,
      floor: floor.ms,
      floorBy: by.refutes,
      floors,
      ratio,
      withinDays: decided !== null && decided <= GOAL_DAYS * DAY,
      withinRatio: decided !== null && decided <= GOAL_RATIO * floor.ms + STEP_ALLOWANCE,
    };
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const at = args.indexOf('--seeds');
const seeds = at === -1 ? [1, 5] : (args[at + 1] ?? '').split(',').map((s) => positive('seeds', s));
const setting = announce(
  `campaigns on the tenant emulator, 4 test users: virtual time to decide every profile (goals: ${GOAL_DAYS} days, ${GOAL_RATIO}× the floor)`,
  ROOT,
);
const rows: Row[] = [];
for (const seed of seeds)
  for (const profile of PROFILE_IDS) {
    const r = await campaignOn(profile, seed);
    rows.push(r);
    const ratio = r.ratio !== null ? `${r.ratio.toFixed(2)}×` : r.decided === null ? '-' : r.withinRatio ? '- (both at once)' : '∞';
    say(
      `seed ${seed}, ${profile}: ${r.decided !== null ? `every profile decided after ${days(r.decided)}` : `undecided: ${r.undecided.join(', ')}`}` +
        ` (the journal runs to ${days(r.journalEnds)}, ${r.ended}), own profile ${r.own === 'conforms' ? 'holds' : r.own === 'diverges' ? 'REFUTED' : 'unknown'};` +
        ` floor ${r.floor === 0 ? '0' : `${days(r.floor)} (${hours(r.floor)}, refuting ${r.floorBy})`}, ratio ${ratio};` +
        ` ${GOAL_DAYS} days ${r.withinDays ? 'met' : 'MISSED'}, ${GOAL_RATIO}× ${r.withinRatio ? 'met' : 'MISSED'};` +
        ` ${r.events} events, ${r.requests} requests, ${r.seconds.toFixed(1)} s`,
    );
  }
say("\nfloors on each tenant as the first seed's survey found it, and the least waited story found that refutes from every hidden state:");
for (const profile of PROFILE_IDS) {
  const r = rows.find((x) => x.tenant === profile)!;
  for (const f of r.floors)
    say(
      `  ${profile} refuting ${f.refutes}: floor ${hours(f.ms)}, least found ${f.witness === null ? 'none' : hours(f.witness)} (${f.because})`,
    );
}
say(
  `\ngoals met: ${GOAL_DAYS} days in ${rows.filter((r) => r.withinDays).length} of ${rows.length} campaigns, ${GOAL_RATIO}× the floor in ${rows.filter((r) => r.withinRatio).length} of ${rows.length}`,
);
await mkdir(join(ROOT, 'bench/out'), { recursive: true });
await writeFile(join(ROOT, 'bench/out/campaign-results.json'), `${JSON.stringify({ setting, rows }, null, 2)}\n`);
