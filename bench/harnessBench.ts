import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import type { Adapter } from '../adapters/Adapter.js';
import { isWait } from '../adapters/RunStep.js';
import { tapAdapter } from '../adapters/tapAdapter.js';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { knownMinimalLength } from '../adapters/sim/mutants/Mutant.js';
import { DEFAULT_BUDGET, DEFAULT_MAX_ACTIONS } from '../cli/harnessOptions.js';
import { explore } from '../harness/explore.js';
import { generationScope } from '../harness/GenerationScope.js';
import { planLength, type Plan } from '../harness/Plan.js';
import { planArbitrary } from '../harness/planArbitrary.js';
import { playBare } from '../harness/playPlan.js';
import { simTenantFactory, type TenantFactory } from '../harness/TenantFactory.js';
import type { Profile } from '../model/Profile.js';
import { findProfile, PROFILES } from '../model/profiles.js';
import { toMutantRun, toMutantRunsReport, type MutantRun, type MutantRunsReport } from '../reports/MutantRunsReport.js';
import { announce, median, pct, positive, say } from './benchKit.js';

/**
 * `node dist/bench/harnessBench.js` (the second half of `npm run bench`): the harness's throughput
 * on the simulated tenant against a bare fast-check run of the same plans with no model, and how
 * well `photosync mutants` detects the catalog over several seeds. A measurement, not a test: it
 * asserts nothing and exits 0 whatever the figures.
 */

const TARGET_ACTIONS_PER_SECOND = 5000;
const TARGET_RATIO = 2;
const TARGET_AT_MINIMAL = 0.9;
const TARGET_WORST_RATIO = 2;

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const OUT = join(ROOT, 'bench', 'out');

/** wall time, and CPU time of this process (all its threads): less disturbed by others on a shared machine */
type Timed = { ms: number; cpuMs: number; actions: number };
type ProfileThroughput = {
  profile: string;
  runs: number;
  actions: { harness: number; bare: number; executedBare: number; equal: boolean };
  undecided: number;
  harness: Side;
  bare: Side;
  ratio: number;
  cpuRatio: number;
  /** harness / bare within each repetition, whose two runs are next to each other: robust to a machine that drifts */
  repRatios: number[];
  medianRepRatio: number;
  /** for reference: fast-check generating the same plans, none of them played */
  generateOnly: Side;
};
type Side = { medianMs: number; runsMs: number[]; medianCpuMs: number; runsCpuMs: number[]; actionsPerSecond: number };
type SeedDetection = { seed: number; summary: MutantRunsReport['summary']; mutantsAllAtMinimal: number; mutants: number };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      runs: { type: 'string', default: '10000' },
      reps: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      seeds: { type: 'string', default: '1,2,3,4,5,6,7,8,9,10' },
      budget: { type: 'string', default: String(DEFAULT_BUDGET) },
      'max-actions': { type: 'string', default: String(DEFAULT_MAX_ACTIONS) },
    },
  });
  const only = values.only;
  if (only !== undefined && only !== 'throughput' && only !== 'detection') {
    throw new Error(`--only takes throughput or detection, not ${JSON.stringify(only)}`);
  }
  const runs = positive('runs', values.runs);
  const reps = positive('reps', values.reps);
  const seed = positive('seed', values.seed);
  const seeds = values.seeds.split(',').map((s) => positive('seeds', s.trim()));
  const budget = positive('budget', values.budget);
  const maxActions = positive('max-actions', values['max-actions']);

  const setting = announce('the harness on the simulated tenant', ROOT);

  const throughput = only === 'detection' ? undefined : await measureThroughput(runs, reps, seed, maxActions);
  const detection = only === 'throughput' ? undefined : await measureDetection(seeds, budget, maxActions);

  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, 'harness-results.json');
  const results = {
    date: new Date().toISOString(),
    ...setting,
    maxActions,
    throughput: throughput === undefined ? null : { runs, reps, seed, profiles: throughput },
    detection: detection ?? null,
    targets: {
      actionsPerSecond: TARGET_ACTIONS_PER_SECOND,
      ratio: TARGET_RATIO,
      atMinimal: TARGET_AT_MINIMAL,
      worstRatio: TARGET_WORST_RATIO,
    },
  };
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  say(`\nwritten: ${relative(ROOT, path)}`);
}

/**
 * Each profile's simulated tenant checked against that profile, so every run conforms and plays to
 * its end: the harness (`explore`) and the bare run see the same plans, from the same arbitrary
 * and seed, and must count the same actions. In this process: both sides warm up first, and they
 * alternate, so a JIT still tiering up or a machine that slows down does not favour either.
 */
async function measureThroughput(runs: number, reps: number, seed: number, maxActions: number): Promise<ProfileThroughput[]> {
  say(`\nthroughput: ${runs} runs of at most ${maxActions} actions, fast-check seed ${seed}, ${reps} repetitions each, alternating`);
  const out: ProfileThroughput[] = [];
  for (const profile of PROFILES) {
    const tenants = simTenantFactory({ profile: profile.id });
    // warm-up, not counted: both sides once, the bare one counting what the adapter really executed
    const executedBare = await bareRun(tenants, profile, runs, maxActions, seed, 'count');
    const warm = await harnessRun(tenants, profile, runs, maxActions, seed);
    const harness: Timed[] = [];
    const bare: Timed[] = [];
    const generate: Timed[] = [];
    for (let i = 0; i < reps; i++) {
      const order = i % 2 === 0 ? (['bare', 'harness'] as const) : (['harness', 'bare'] as const);
      for (const which of order) {
        if (which === 'bare') bare.push(await bareRun(tenants, profile, runs, maxActions, seed, 'play'));
        else harness.push(await harnessRun(tenants, profile, runs, maxActions, seed));
      }
      generate.push(await bareRun(tenants, profile, runs, maxActions, seed, 'generate'));
    }
    const counts = new Set([executedBare, warm, ...harness, ...bare, ...generate].map((t) => t.actions));
    const harnessSide = side(harness, warm.actions);
    const bareSide = side(bare, bare[0]!.actions);
    const generateSide = side(generate, generate[0]!.actions);
    const repRatios = harness.map((h, i) => h.ms / bare[i]!.ms);
    const row: ProfileThroughput = {
      profile: profile.id,
      runs,
      actions: { harness: warm.actions, bare: bare[0]!.actions, executedBare: executedBare.actions, equal: counts.size === 1 },
      undecided: warm.undecided,
      harness: harnessSide,
      bare: bareSide,
      ratio: harnessSide.medianMs / bareSide.medianMs,
      cpuRatio: harnessSide.medianCpuMs / bareSide.medianCpuMs,
      repRatios,
      medianRepRatio: median(repRatios),
      generateOnly: generateSide,
    };
    out.push(row);
    say(
      `  ${profile.id.padEnd(16)} actions: harness ${row.actions.harness}, bare ${row.actions.bare}, executed by the bare adapter ` +
        `${row.actions.executedBare} (${row.actions.equal ? 'equal' : 'NOT EQUAL: the ratio compares different work'})` +
        (row.undecided > 0 ? `; ${row.undecided} runs undecided` : ''),
    );
    say(
      `  ${''.padEnd(16)} harness ${seconds(harnessSide.medianMs)} s (${runsOf(harness)}) ${rate(harnessSide.actionsPerSecond)}/s   ` +
        `bare ${seconds(bareSide.medianMs)} s (${runsOf(bare)}) ${rate(bareSide.actionsPerSecond)}/s   ratio ${row.ratio.toFixed(2)}`,
    );
    say(
      `  ${''.padEnd(16)} CPU time: harness ${seconds(harnessSide.medianCpuMs)} s, bare ${seconds(bareSide.medianCpuMs)} s, ratio ${row.cpuRatio.toFixed(2)}` +
        `; ratio within each repetition ${repRatios.map((r) => r.toFixed(2)).join(', ')} (median ${row.medianRepRatio.toFixed(2)})`,
    );
    say(
      `  ${''.padEnd(16)} for reference: generating the plans alone ${seconds(generateSide.medianMs).trim()} s (${runsOf(generate)}), ` +
        `${pct(generateSide.medianMs, bareSide.medianMs)} of the bare run`,
    );
  }
  const slowest = Math.min(...out.map((r) => r.harness.actionsPerSecond));
  const worst = Math.max(...out.map((r) => r.ratio));
  say(
    `  slowest profile ${rate(slowest)} actions/s (target >= ${TARGET_ACTIONS_PER_SECOND}: ${met(slowest >= TARGET_ACTIONS_PER_SECOND)})`,
  );
  const worstPaired = Math.max(...out.map((r) => r.medianRepRatio));
  say(
    `  highest ratio ${worst.toFixed(2)} (target <= ${TARGET_RATIO}: ${met(worst <= TARGET_RATIO)}; ` +
      `highest median of the ratios within a repetition ${worstPaired.toFixed(2)})`,
  );
  return out;
}

function side(ts: readonly Timed[], actions: number): Side {
  const medianMs = median(ts.map((t) => t.ms));
  return {
    medianMs,
    runsMs: ts.map((t) => t.ms),
    medianCpuMs: median(ts.map((t) => t.cpuMs)),
    runsCpuMs: ts.map((t) => t.cpuMs),
    actionsPerSecond: actions / (medianMs / 1000),
  };
}

async function harnessRun(
  tenants: TenantFactory,
  profile: Profile,
  runs: number,
  maxActions: number,
  seed: number,
): Promise<Timed & { undecided: number }> {
  const began = performance.now();
  const cpu = process.cpuUsage();
  const e = await explore(tenants, profile, { runs, maxActions, seed });
  const cpuMs = cpuSince(cpu);
  const ms = performance.now() - began;
  if (e.outcome !== 'conforms' || e.runs !== runs) {
    throw new Error(`${profile.id}: the unmutated tenant ${e.outcome} after ${e.runs} runs: the throughput needs conforming runs`);
  }
  return { ms, cpuMs, actions: e.actions, undecided: e.undecided };
}

/**
 * The baseline (`play`): the same arbitrary and seed through `fc.check`, each plan played on a
 * fresh tenant with nothing recorded or checked, its actions counted as `explore` counts them.
 * `count` has the adapter count what it really carried out instead; `generate` plays nothing.
 */
async function bareRun(
  tenants: TenantFactory,
  profile: Profile,
  runs: number,
  maxActions: number,
  seed: number,
  mode: 'play' | 'count' | 'generate',
): Promise<Timed> {
  const began = performance.now();
  const cpu = process.cpuUsage();
  const arbitrary = planArbitrary(generationScope(tenants.capabilities, profile), maxActions);
  const executed = { n: 0 };
  let actions = 0;
  const property = fc.asyncProperty(arbitrary, async (plan: Plan) => {
    if (mode !== 'generate') {
      const adapter = tenants.create(plan.seed);
      await playBare(mode === 'count' ? counting(adapter, executed) : adapter, plan);
    }
    actions += planLength(plan.steps);
    return true;
  });
  const details = await fc.check(property, { numRuns: runs, seed });
  const cpuMs = cpuSince(cpu);
  const ms = performance.now() - began;
  if (details.failed || details.numRuns !== runs) throw new Error(`${profile.id}: the bare run stopped after ${details.numRuns} runs`);
  return { ms, cpuMs, actions: mode === 'count' ? executed.n : actions };
}

/** The adapter, counting the actions and observations it carries out (waits do not count). */
function counting(adapter: Adapter, executed: { n: number }): Adapter {
  return tapAdapter(adapter, (step) => {
    if (!isWait(step)) executed.n++;
  });
}

/** Every mutant of the catalog on each of its profiles, as `photosync mutants` runs them, once per seed. */
async function measureDetection(seeds: readonly number[], budget: number, maxActions: number) {
  const pairs = MUTANTS.reduce((n, m) => n + m.profiles.length, 0);
  say(
    `\ndetection: ${MUTANTS.length} mutants, ${pairs} (mutant, profile) pairs, budget ${budget} runs, ` +
      `at most ${maxActions} actions, fast-check seeds ${seeds.join(', ')}`,
  );
  const perSeed: SeedDetection[] = [];
  const all: (MutantRun & { fcSeed: number })[] = [];
  let totalMs = 0;
  for (const seed of seeds) {
    const began = performance.now();
    const rows: MutantRun[] = [];
    for (const mutant of MUTANTS) {
      for (const profileId of mutant.profiles) {
        const profile = findProfile(profileId);
        if (profile === undefined) throw new Error(`mutant ${mutant.id} names an unknown profile ${profileId}`);
        const e = await explore(simTenantFactory({ profile: profileId, mutant }), profile, { runs: budget, maxActions, seed });
        // compared like with like: the shortest story known on this profile, as photosync mutants does
        rows.push(toMutantRun({ ...mutant, minimalLength: knownMinimalLength(mutant, profileId) }, e));
      }
    }
    const ms = performance.now() - began;
    totalMs += ms;
    const report = toMutantRunsReport(budget, rows, false, ms);
    const s = report.summary;
    const mutantsAllAtMinimal = MUTANTS.filter((m) =>
      rows.filter((r) => r.id === m.id).every((r) => r.killed && r.shrunkLength! <= r.minimalLength),
    ).length;
    perSeed.push({ seed, summary: s, mutantsAllAtMinimal, mutants: MUTANTS.length });
    all.push(...rows.map((r) => ({ ...r, fcSeed: seed })));
    say(
      `  seed ${String(seed).padStart(3)}  killed ${s.killed}/${s.runs}  at minimal ${s.atMinimal}/${s.runs} (${pct(s.atMinimal, s.runs)}; ` +
        `mutants with every profile at minimal ${mutantsAllAtMinimal}/${MUTANTS.length})  worst ratio ${s.worstRatio?.toFixed(2) ?? '-'}  ` +
        `median runs to failure ${s.medianRunsToFailure ?? '-'}  ${seconds(ms).trim()} s`,
    );
  }
  const overall = toMutantRunsReport(budget, all, false, totalMs).summary;
  const byMutant = new Map<string, { atMinimal: number; runs: number }>();
  for (const r of all) {
    const m = byMutant.get(r.id) ?? { atMinimal: 0, runs: 0 };
    m.runs++;
    if (r.killed && r.shrunkLength! <= r.minimalLength) m.atMinimal++;
    byMutant.set(r.id, m);
  }
  const longer = all.filter((r) => !r.killed || r.shrunkLength! > r.minimalLength);
  const share = overall.atMinimal / overall.runs;
  say(
    `  overall   killed ${overall.killed}/${overall.runs}  at minimal ${overall.atMinimal}/${overall.runs} (${pct(overall.atMinimal, overall.runs)})  ` +
      `worst ratio ${overall.worstRatio?.toFixed(2) ?? '-'}  median runs to failure ${overall.medianRunsToFailure ?? '-'}  ${seconds(totalMs).trim()} s`,
  );
  say(`  every mutant killed within the budget: ${met(overall.killed === overall.runs)}`);
  say(
    `  share at minimal ${pct(overall.atMinimal, overall.runs)} (target >= ${100 * TARGET_AT_MINIMAL}%: ${met(share >= TARGET_AT_MINIMAL)})`,
  );
  say(
    `  worst ratio ${overall.worstRatio?.toFixed(2) ?? '-'} (target <= ${TARGET_WORST_RATIO}: ${met((overall.worstRatio ?? 0) <= TARGET_WORST_RATIO)})`,
  );
  if (longer.length > 0) {
    say('  survived or longer than minimal (mutant, profile: shrunk / minimal, runs to failure, seed):');
    const grouped = new Map<string, (MutantRun & { fcSeed: number })[]>();
    for (const r of longer) grouped.set(`${r.id} ${r.profile}`, [...(grouped.get(`${r.id} ${r.profile}`) ?? []), r]);
    for (const [key, rs] of grouped) {
      const cases = rs.map((r) =>
        r.killed ? `${r.shrunkLength}/${r.minimalLength} after ${r.runsToFailure} (seed ${r.fcSeed})` : `SURVIVED (seed ${r.fcSeed})`,
      );
      say(`    ${key.padEnd(48)} ${cases.join('; ')}`);
    }
  }
  return {
    budget,
    seeds,
    pairs,
    perSeed,
    overall,
    byMutant: Object.fromEntries(byMutant),
    longerThanMinimal: longer.map((r) => ({
      id: r.id,
      profile: r.profile,
      seed: r.fcSeed,
      killed: r.killed,
      shrunkLength: r.shrunkLength,
      minimalLength: r.minimalLength,
      runsToFailure: r.runsToFailure,
      path: r.path,
    })),
    rows: all,
  };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2).padStart(6);
const runsOf = (ts: readonly Timed[]): string => ts.map((t) => (t.ms / 1000).toFixed(2)).join(', ');
const rate = (perSecond: number): string => Math.round(perSecond).toLocaleString('en-US').padStart(7);
const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');

await main();
