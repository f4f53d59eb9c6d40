import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROFILES } from '../model/profiles.js';
import type { TraceEvent, TraceStart } from '../model/vocabulary.js';
import { readTrace } from '../trace/readTrace.js';
import { traceStart } from '../trace/traceStart.js';
import { pct, positive, say } from './benchKit.js';
import { generateTrace, traceFileName, type FaultMode, type GenerateStats } from './generateTrace.js';

/** What the benchmarks keep beside a generated trace: what it was made from, and its figures. */
type Meta = { key: Record<string, unknown>; stats: GenerateStats };

export type TraceRequest = { events: number; users: number; seed: number; faults?: FaultMode };

/** The flags of the trace a benchmark measures on, for `parseArgs`. */
export const TRACE_FLAGS = {
  events: { type: 'string', default: '1000000' },
  users: { type: 'string', default: '100' },
  seed: { type: 'string', default: '1' },
  regen: { type: 'boolean', default: false },
  reuse: { type: 'boolean', default: false },
} as const;

/** The trace the flags of TRACE_FLAGS ask for, and whether to generate it again or keep it. */
export function traceFlags(values: { events: string; users: string; seed: string; regen: boolean; reuse: boolean }): {
  request: TraceRequest;
  mode: 'auto' | 'regen' | 'reuse';
} {
  return {
    request: { events: positive('events', values.events), users: positive('users', values.users), seed: positive('seed', values.seed) },
    mode: values.regen ? 'regen' : values.reuse ? 'reuse' : 'auto',
  };
}
export type BenchTrace = { path: string; stats: GenerateStats; generated: boolean; note: string };

/**
 * The trace of these parameters in `out`, generated unless an identical one is there: same seed,
 * size and faults, and (the generator consults the model) same compiled model, unless `reuse`
 * says to keep it anyway, to compare two versions of the checker on one file.
 */
export function ensureTrace(root: string, out: string, request: TraceRequest, mode: 'auto' | 'regen' | 'reuse'): BenchTrace {
  mkdirSync(out, { recursive: true });
  const { events, users, seed } = request;
  const faults = request.faults ?? 'guarded';
  const conform = PROFILES.map((p) => p.id);
  const path = join(out, traceFileName({ events, users, seed, conform, faults }));
  const metaPath = `${path}.meta.json`;
  // the default trace's key stays what it was before there were fault modes
  const key = { events, users, seed, conform, ...(faults === 'guarded' ? {} : { faults }), code: codeHash(root) };
  if (mode !== 'regen' && existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
    const sameCode = JSON.stringify(meta.key) === JSON.stringify(key);
    if ((sameCode || mode === 'reuse') && statSync(path).size === meta.stats.bytes) {
      const note = sameCode ? 'reused: same seed, size and model' : 'reused with --reuse: the model changed since it was generated';
      return { path, stats: meta.stats, generated: false, note };
    }
  }
  say(`generating ${events.toLocaleString('en-US')} events for ${users} users (seed ${seed}, faults ${faults}) ...`);
  const stats = generateTrace({ path, events, users, seed, faults });
  const meta: Meta = { key, stats };
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  return { path, stats, generated: true, note: '' };
}

/** A hash of the compiled model and generator: a trace is reused only if they did not change. */
function codeHash(root: string): string {
  const hash = createHash('sha256');
  const files = [
    ...jsFiles(join(root, 'dist', 'model')),
    join(root, 'dist', 'bench', 'generateTrace.js'),
    join(root, 'dist', 'bench', 'Prng.js'),
  ];
  for (const f of files.sort()) hash.update(relative(root, f)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

/** What the trace holds: its mix of observations, actions and faults. */
export function describeTrace(s: GenerateStats): void {
  const unknownObs = s.unknownObservations.fault + s.unknownObservations.noCommonValue;
  const actions = s.events - s.observations;
  say(
    `  ${s.observations} observations (${pct(s.observations, s.events)}), ${unknownObs} of them photo "unknown" ` +
      `(${s.unknownObservations.fault} faults, ${s.unknownObservations.noCommonValue} where the profiles share no allowed photo)`,
  );
  say(
    `  ${actions} actions, ${s.results.unknown} of them result "unknown" (${pct(s.results.unknown, s.events)} of events; ` +
      `${s.disagreedResults} because the profiles disagree on a rejection), ${s.results.rejected} rejected`,
  );
  // a meta file written before there were fault modes has none
  if (s.faultMode !== undefined && s.faultMode !== 'guarded') {
    const faults = Object.values(s.faultedActions).reduce((a, b) => a + b, 0);
    say(
      `  faults (${s.faultMode}): ${faults} actions drawn as faults (${pct(faults, actions)} of actions; ` +
        `${s.faultsTookEffect} of them took effect): ` +
        Object.entries(s.faultedActions)
          .map(([k, n]) => `${k} ${n}`)
          .join(', '),
    );
  }
  say(
    `  actions: ${Object.entries(s.actions)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  say(
    `  setPhoto via: ${Object.entries(s.setPhotoVias)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  if (s.omitted.surfaces.length + s.omitted.vias.length > 0) {
    say(`  left out (not in every profile): surfaces ${s.omitted.surfaces.join(', ') || '-'}; vias ${s.omitted.vias.join(', ') || '-'}`);
  }
  say(`  time span ${s.span.start} .. ${s.span.end}`);
}

/** A trace held in memory: what the header tells the checker, and each event with its line. */
export type LoadedTrace = { start: TraceStart; events: TraceEvent[]; lines: Int32Array };

/** Reads and validates a whole trace file into memory, as `photosync check` reads it. */
export async function loadTrace(path: string): Promise<LoadedTrace> {
  let start: TraceStart | undefined;
  const events: TraceEvent[] = [];
  const lines: number[] = [];
  await readTrace(path, {
    header(h) {
      start = traceStart(h);
    },
    event(e, line) {
      events.push(e);
      lines.push(line);
    },
  });
  return { start: start!, events, lines: Int32Array.from(lines) };
}
