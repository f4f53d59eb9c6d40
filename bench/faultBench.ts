import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { ProfileChecker, type CapCount, type Part } from '../model/ProfileChecker.js';
import type { Profile } from '../model/Profile.js';
import { PROFILES } from '../model/profiles.js';
import type { Verdict } from '../model/Verdict.js';
import { isObservation, type TraceEvent } from '../model/vocabulary.js';
import { describeTrace, ensureTrace, loadTrace, TRACE_FLAGS, traceFlags, type LoadedTrace } from './benchTrace.js';
import { announce, positive, say } from './benchKit.js';
import type { PlantWork } from './plantWorker.js';
import { choosePlantings, PLANTED_PHOTO, type Outcome, type Planting, type PlantingResult } from './planting.js';

/**
 * `node dist/bench/faultBench.js` (the last part of `npm run bench`): whether faults blind the
 * checker. On a trace with 1% of actions of unknown outcome, of every kind, it checks that every
 * profile conforms and counts how often the cap on open states was reached; then it plants a
 * divergence (a photo never set anywhere) at random lines and counts, per profile, the plantings
 * reported `diverges` at the planted line. A measurement, not a test: it asserts nothing and exits 0
 * whatever the figures.
 */

const TARGET_AT_LINE = 0.99;
const PARTS: readonly Part[] = ['exchange', 'sharepoint', 'yammer'];
/** cap events listed in full, per profile: enough to see which subjects and parts pile states up */
const CAP_EVENTS_KEPT = 50;

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const OUT = join(ROOT, 'bench', 'out');

type CapEvent = { line: number; user: string; event: string; parts: Part[] };
type Conformance = { profile: string; verdict: Verdict; ms: number; caps: CapCount; cappedUsers: string[]; capEvents: CapEvent[] };
type Tally = { profile: string; atLine: number; elsewhere: number; unknown: number; conforms: number };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...TRACE_FLAGS,
      plantings: { type: 'string', default: '100' },
      'plant-seed': { type: 'string', default: '1' },
      workers: { type: 'string', default: String(os.availableParallelism()) },
    },
  });
  const { request, mode } = traceFlags(values);
  const count = positive('plantings', values.plantings);
  const plantSeed = positive('plant-seed', values['plant-seed']);
  const workers = Math.min(positive('workers', values.workers), count);
  const began = performance.now();

  const setting = announce('faults that never blind the checker (1% of actions of unknown outcome, planted divergences)', ROOT);
  const { path, stats, generated, note } = ensureTrace(ROOT, OUT, { ...request, faults: 'every-kind' }, mode);
  const file = relative(ROOT, path);
  say(
    `trace: ${file} (${(stats.bytes / 2 ** 20).toFixed(0)} MiB, ${stats.lines} lines, ${stats.users} users, seed ${stats.seed}, ` +
      `${generated ? `generated in ${stats.seconds.toFixed(1)} s` : note})`,
  );
  describeTrace(stats);

  const { loadMs, conformance, plantings } = await wholeTrace(path, count, plantSeed);
  say(
    `\n${plantings.length} plantings (seed ${plantSeed}): the first fit observation at or after a random line shows ${PLANTED_PHOTO}; ` +
      `each profile checks the trace up to it (${workers} worker threads)`,
  );
  const t = performance.now();
  const results = await runPlantings(path, plantings, workers, (r, done) => {
    const p = r.planting;
    const mark = (o: Outcome): string => (o.kind === 'at-line' ? 'ok' : o.kind === 'elsewhere' ? `elsewhere:${o.line}` : o.kind);
    const all = r.outcomes.every((o) => o.outcome.kind === 'at-line');
    const ms = r.outcomes.reduce((s, o) => s + o.ms, 0);
    say(
      `  [${String(done).padStart(3)}/${plantings.length}] line ${String(p.line).padStart(7)} ${p.see} (${p.store}) of ${p.user} seen by ${p.viewer}, was ${p.was}: ` +
        `${all ? 'diverges at the line for every profile' : r.outcomes.map((o) => `${o.profile} ${mark(o.outcome)}`).join(', ')}  (${sec(ms)})`,
    );
  });
  const plantMs = performance.now() - t;
  results.sort((a, b) => a.planting.line - b.planting.line);

  const tallies: Tally[] = PROFILES.map((p) => {
    const tally: Tally = { profile: p.id, atLine: 0, elsewhere: 0, unknown: 0, conforms: 0 };
    for (const r of results) {
      const kind = r.outcomes.find((o) => o.profile === p.id)!.outcome.kind;
      if (kind === 'at-line') tally.atLine++;
      else if (kind === 'elsewhere') tally.elsewhere++;
      else if (kind === 'unknown') tally.unknown++;
      else tally.conforms++;
    }
    return tally;
  });

  const n = results.length;
  const need = Math.ceil(TARGET_AT_LINE * n);
  say(`\nresults (${n} plantings; goal: at least ${need} at the planted line, none unknown, caps almost never reached):`);
  say(
    `  ${'profile'.padEnd(16)} ${'at the line'.padStart(11)} ${'elsewhere'.padStart(9)} ${'unknown'.padStart(7)} ${'conforms'.padStart(8)}   caps reached (exchange/sharepoint/yammer)`,
  );
  for (const [i, tally] of tallies.entries()) {
    const caps = conformance[i]!.caps;
    const met = tally.atLine >= need && tally.unknown === 0;
    say(
      `  ${tally.profile.padEnd(16)} ${String(tally.atLine).padStart(11)} ${String(tally.elsewhere).padStart(9)} ${String(tally.unknown).padStart(7)} ${String(tally.conforms).padStart(8)}   ` +
        `${PARTS.map((part) => caps[part]).join('/')}  ${met ? 'met' : 'MISSED'}`,
    );
  }
  const missed = results.flatMap((r) =>
    r.outcomes.filter((o) => o.outcome.kind !== 'at-line').map((o) => ({ planting: r.planting, profile: o.profile, outcome: o.outcome })),
  );
  if (missed.length > 0) {
    say('\nnot reported at the planted line:');
    for (const m of missed) {
      const o = m.outcome;
      const why =
        o.kind === 'unknown'
          ? `unknown at line ${o.line}: ${o.reason}`
          : o.kind === 'elsewhere'
            ? `diverges at line ${o.line}, allowed ${o.allowed.join(' ')}`
            : 'conforms';
      say(`  ${m.profile} line ${m.planting.line} (${m.planting.see} of ${m.planting.user}): ${why}`);
    }
  }
  const totalMs = performance.now() - began;
  say(
    `\ntime: load ${sec(loadMs)}, whole trace ${sec(conformance.reduce((s, c) => s + c.ms, 0))}, plantings ${sec(plantMs)} (wall, ${workers} workers); total ${sec(totalMs)}`,
  );

  const out = {
    date: new Date().toISOString(),
    ...setting,
    trace: { file, stats },
    loadMs,
    conformance,
    plantings: { seed: plantSeed, count: n, photo: PLANTED_PHOTO, workers, ms: plantMs, tallies, missed, results },
    goal: {
      atLine: need,
      met: tallies.every((tally) => tally.atLine >= need && tally.unknown === 0),
      capsReached: Object.fromEntries(conformance.map((c) => [c.profile, c.caps])),
    },
    totalMs,
  };
  writeFileSync(join(OUT, 'faults.json'), `${JSON.stringify(out, null, 2)}\n`);
  say(`\nwritten: ${relative(ROOT, join(OUT, 'faults.json'))}`);
}

/**
 * The trace in memory, checked whole by each profile, and the plantings chosen in it. The trace is
 * let go on return: each worker reads its own copy.
 */
async function wholeTrace(
  path: string,
  count: number,
  plantSeed: number,
): Promise<{ loadMs: number; conformance: Conformance[]; plantings: Planting[] }> {
  const t = performance.now();
  const trace = await loadTrace(path);
  const loadMs = performance.now() - t;
  say(`\nloaded into memory (readTrace, as photosync check reads it) in ${sec(loadMs)}`);

  say('\nthe whole trace, one fresh checker per profile:');
  const conformance = PROFILES.map((p) => {
    const c = checkWhole(p, trace);
    const caps = PARTS.map((part) => `${part} ${c.caps[part]}`).join(', ');
    const where =
      c.verdict.verdict === 'diverges'
        ? ` at line ${c.verdict.divergence.line}`
        : c.verdict.verdict === 'unknown'
          ? ` at line ${c.verdict.line}`
          : '';
    say(
      `  ${p.id.padEnd(16)} ${c.verdict.verdict}${where}  ${sec(c.ms)}  caps reached: ${caps}` +
        (c.cappedUsers.length > 0 ? ` (users ${c.cappedUsers.join(', ')})` : ''),
    );
    return c;
  });
  for (const c of conformance) {
    for (const e of c.capEvents.slice(0, 5)) say(`    ${c.profile}: cap of ${e.parts.join('+')} at line ${e.line} (${e.user}, ${e.event})`);
  }
  return { loadMs, conformance, plantings: choosePlantings(trace, PROFILES, count, plantSeed) };
}

/** One checker of `profile` over the whole trace, in memory: its verdict, and each time it reached the cap. */
function checkWhole(profile: Profile, trace: LoadedTrace): Conformance {
  const began = performance.now();
  const checker = new ProfileChecker(profile, trace.start);
  const { events, lines } = trace;
  const capEvents: CapEvent[] = [];
  const capped = new Set<string>();
  let caps = checker.caps;
  let total = 0;
  let verdict: Verdict | undefined;
  for (let i = 0; i < events.length && verdict === undefined; i++) {
    const e = events[i]!;
    verdict = checker.feed(e, lines[i]!);
    const now = checker.caps;
    const sum = now.exchange + now.sharepoint + now.yammer;
    if (sum === total) continue;
    const user = subjectOf(e);
    capped.add(user);
    if (capEvents.length < CAP_EVENTS_KEPT) {
      capEvents.push({ line: lines[i]!, user, event: describe(e), parts: PARTS.filter((part) => now[part] > caps[part]) });
    }
    caps = now;
    total = sum;
  }
  return {
    profile: profile.id,
    verdict: verdict ?? checker.finish(),
    ms: performance.now() - began,
    caps,
    cappedUsers: [...capped].sort(),
    capEvents,
  };
}

function subjectOf(e: TraceEvent): string {
  if (isObservation(e)) return e.user;
  return 'user' in e ? e.user : 'viewer' in e ? e.viewer : '-';
}

function describe(e: TraceEvent): string {
  if (isObservation(e)) return `see ${e.see} by ${e.viewer}: ${e.photo}`;
  const via = 'via' in e ? ` via ${e.via}` : '';
  return `${e.do}${via} ${e.result}`;
}

/**
 * Deals the plantings to `workers` threads, the longest prefixes first to the least loaded (a
 * planting costs about its line), and calls `progress` as each result arrives.
 */
function runPlantings(
  path: string,
  plantings: readonly Planting[],
  workers: number,
  progress: (r: PlantingResult, done: number) => void,
): Promise<PlantingResult[]> {
  const shares: Planting[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  for (const p of [...plantings].sort((a, b) => b.index - a.index)) {
    const w = load.indexOf(Math.min(...load));
    shares[w]!.push(p);
    load[w]! += p.index;
  }
  const results: PlantingResult[] = [];
  const url = new URL('./plantWorker.js', import.meta.url);
  return new Promise((resolvePromise, reject) => {
    let running = 0;
    for (const share of shares) {
      if (share.length === 0) continue;
      running++;
      const work: PlantWork = { path, plantings: share };
      const worker = new Worker(url, { workerData: work });
      worker.on('message', (r: PlantingResult) => {
        results.push(r);
        progress(r, results.length);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`a planting worker exited with ${code}`));
        else if (--running === 0) resolvePromise(results);
      });
    }
    if (running === 0) resolvePromise(results);
  });
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

await main();
