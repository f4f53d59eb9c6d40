import { statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROFILES } from '../model/profiles.js';
import { CheckReport } from '../reports/CheckReport.js';
import { describeTrace, ensureTrace, TRACE_FLAGS, traceFlags } from './benchTrace.js';
import { announce, median, positive, say } from './benchKit.js';
import { maxRssSource, runNode, type ChildRun } from './runChild.js';

/**
 * `npm run bench`: generates (or reuses) a trace, then times in fresh child processes, alternately,
 * `photosync check --profile all` and a bare streaming read + JSON.parse of the same file, and
 * prints both medians, their ratio and the checker's peak memory. A measurement, not a test: it
 * asserts nothing and exits 0 whatever the figures.
 */

const TARGET_RATIO = 3;
const TARGET_RSS_MIB = 256;

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const OUT = join(ROOT, 'bench', 'out');

type ProfileLines = { profile: string; verdict: string; lines: number; share: number };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...TRACE_FLAGS,
      reps: { type: 'string', default: '3' },
      'per-profile': { type: 'boolean', default: false },
      shards: { type: 'string', default: '4' },
    },
  });
  const { request, mode } = traceFlags(values);
  const reps = positive('reps', values.reps);
  const shardCounts = values.shards === 'none' ? [] : values.shards.split(',').map((n) => positive('shards', n));

  const setting = announce('check --profile all vs. a bare streaming read + JSON.parse', ROOT);
  const { path, stats, generated, note } = ensureTrace(ROOT, OUT, request, mode);
  const file = relative(ROOT, path);
  const size = statSync(path).size;
  say(
    `trace: ${file} (${mib(size)} MiB, ${stats.lines} lines, ${stats.users} users, seed ${stats.seed}, ` +
      `${generated ? `generated in ${stats.seconds.toFixed(1)} s` : note})`,
  );
  describeTrace(stats);

  const check = ['bin/photosync.js', 'check', file, '--profile', 'all', '--format', 'json'];
  const bare = ['dist/bench/bareRead.js', file];
  const validate = ['dist/bench/validateRead.js', file];
  say('\nwarm-up (page cache, not counted): bare read');
  await measured(bare);

  const commands = { bare, check, validate };
  const runs: { [K in keyof typeof commands]: ChildRun[] } = { bare: [], check: [], validate: [] };
  for (let i = 0; i < reps; i++) {
    const order = i % 2 === 0 ? (['bare', 'check', 'validate'] as const) : (['check', 'bare', 'validate'] as const);
    for (const which of order) {
      const run = await measured(commands[which]);
      runs[which].push(run);
      say(`  rep ${i + 1} ${which.padEnd(8)} ${seconds(run.ms)} s  CPU ${seconds(run.cpuMs)} s  max RSS ${mib(run.maxRssKiB * 1024)} MiB`);
    }
  }
  const { check: checkRuns, bare: bareRuns, validate: validateRuns } = runs;
  const validateMs = median(validateRuns.map((r) => r.ms));

  const verdicts = linesProcessed(checkRuns[0]!, stats.lines);
  const checkFigures = figures(checkRuns);
  const bareFigures = figures(bareRuns);
  const { medianMs: checkMs, medianCpuMs: checkCpuMs, maxRssMiB: checkRss } = checkFigures;
  const { medianMs: bareMs, medianCpuMs: bareCpuMs, maxRssMiB: bareRss } = bareFigures;
  const ratio = checkMs / bareMs;
  // CPU time bounds what the wall time can be: on N cores, no less than the CPU time over N
  const cpuRatio = checkCpuMs / bareCpuMs;

  say(`\nverdicts of check --profile all (lines processed before the verdict, of ${stats.lines}):`);
  for (const v of verdicts) {
    const note = v.share < 1 ? `  <- stopped early: the ratio does not measure this profile over the whole file` : '';
    say(`  ${v.profile.padEnd(16)} ${v.verdict.padEnd(10)} ${String(v.lines).padStart(9)} lines (${(100 * v.share).toFixed(1)}%)${note}`);
  }

  say(`\nresults (median of ${reps}, wall time of a fresh node process, startup included):`);
  say(`  check --profile all  ${seconds(checkMs)} s  (${Math.round(stats.events / (checkMs / 1000)).toLocaleString('en-US')} events/s)`);
  say(`  bare read + parse    ${seconds(bareMs)} s  (${Math.round(stats.events / (bareMs / 1000)).toLocaleString('en-US')} events/s)`);
  say(`  ratio                ${ratio.toFixed(2)}  (target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'})`);
  say(
    `  CPU time             check ${seconds(checkCpuMs).trim()} s, bare read ${seconds(bareCpuMs).trim()} s, ratio ${cpuRatio.toFixed(2)} (user and system, every thread: on N cores the check's wall time is at least its CPU time over N)`,
  );
  say(
    `  for reference: the trace reader alone (readTrace: split, JSON.parse, the checked fast path and zod for the rest, no model) ${seconds(validateMs).trim()} s, ratio ${(validateMs / bareMs).toFixed(2)}`,
  );
  say(
    `  checker peak memory  ${checkRss.toFixed(0)} MiB max RSS  (target < ${TARGET_RSS_MIB} MiB: ${checkRss < TARGET_RSS_MIB ? 'met' : 'MISSED'}; bare read: ${bareRss.toFixed(0)} MiB)`,
  );
  say(`  memory measured by ${maxRssSource}`);

  const perProfile: { profile: string; ms: number; maxRssMiB: number }[] = [];
  if (values['per-profile']) {
    say('\neach profile alone (one run each):');
    for (const p of PROFILES) {
      const run = await measured(['bin/photosync.js', 'check', file, '--profile', p.id, '--format', 'json']);
      perProfile.push({ profile: p.id, ms: run.ms, maxRssMiB: run.maxRssKiB / 1024 });
      say(`  ${p.id.padEnd(16)} ${seconds(run.ms)} s  ratio ${(run.ms / bareMs).toFixed(2)}  max RSS ${mib(run.maxRssKiB * 1024)} MiB`);
    }
  }

  // On more cores the check has more shards: each alone takes about what it would with a core of
  // its own (no other thread to share a core with), so the slowest says what such a machine does.
  const projections: { shards: number; slowestMs: number; ratio: number; shardMs: number[] }[] = [];
  for (const count of shardCounts) {
    const shardMs: number[] = [];
    for (let index = 0; index < count; index++) {
      const run = await measured(['dist/bench/shardRun.js', file, String(index), String(count)]);
      shardMs.push(run.ms);
    }
    const slowestMs = Math.max(...shardMs);
    projections.push({ shards: count, slowestMs, ratio: slowestMs / bareMs, shardMs });
  }
  if (projections.length > 0) {
    say(`
projection: each of N shards alone (one run each, a fresh process), as N workers on N free cores would run:`);
    for (const p of projections) {
      say(
        `  ${String(p.shards).padStart(2)} shards   slowest ${seconds(p.slowestMs)} s  ratio ${p.ratio.toFixed(2)}  (each: ${p.shardMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s)`,
      );
    }
  }

  const results = {
    date: new Date().toISOString(),
    ...setting,
    trace: { file, bytes: size, stats },
    reps,
    check: { ...checkFigures, verdicts },
    bare: bareFigures,
    validate: { medianMs: validateMs, runsMs: validateRuns.map((r) => r.ms) },
    ratio,
    cpuRatio,
    targets: { ratio: TARGET_RATIO, rssMiB: TARGET_RSS_MIB, ratioMet: ratio <= TARGET_RATIO, rssMet: checkRss < TARGET_RSS_MIB },
    perProfile,
    projections,
  };
  writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  say(`\nwritten: ${relative(ROOT, join(OUT, 'results.json'))}`);
}

/** How far each profile got: a verdict stops a profile's checking at its line. */
function linesProcessed(run: ChildRun, lines: number): ProfileLines[] {
  const report = CheckReport.parse(JSON.parse(run.stdout));
  return report.results.map((r) => {
    const at = r.verdict === 'diverges' ? r.divergence.line : r.verdict === 'unknown' ? r.line : lines;
    return { profile: r.profile, verdict: r.verdict, lines: at, share: at / lines };
  });
}

/** One command's runs: the median and each run of wall and CPU time, and the peak memory of any. */
function figures(runs: readonly ChildRun[]): {
  medianMs: number;
  runsMs: number[];
  medianCpuMs: number;
  runsCpuMs: number[];
  maxRssMiB: number;
} {
  return {
    medianMs: median(runs.map((r) => r.ms)),
    runsMs: runs.map((r) => r.ms),
    medianCpuMs: median(runs.map((r) => r.cpuMs)),
    runsCpuMs: runs.map((r) => r.cpuMs),
    maxRssMiB: Math.max(...runs.map((r) => r.maxRssKiB)) / 1024,
  };
}

async function measured(args: readonly string[]): Promise<ChildRun> {
  const run = await runNode(args, ROOT);
  if (run.code !== 0 && run.code !== 1) {
    throw new Error(`node ${args.join(' ')} exited with ${run.code}:\n${run.stderr}`);
  }
  return run;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2).padStart(7);
const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

await main();
