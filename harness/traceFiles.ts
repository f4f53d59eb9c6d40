import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { TraceWriter } from '../trace/TraceWriter.js';
import type { CheckedRun } from './checkedRun.js';
import type { RunSink } from './explore.js';
import type { Plan } from './Plan.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Line 1 of a trace (SPEC section 2) for a run, with what makes it replayable (adapter, profile, seed, path). */
export function traceHeader(start: TraceStart, extras: Readonly<Record<string, unknown>>): object {
  const users = start.users.map((u) => (typeof u.spUpdated === 'number' ? { ...u, spUpdated: iso(u.spUpdated) } : u));
  const settings = start.photoSettings === undefined ? {} : { photoSettings: start.photoSettings };
  return { format: 'photosync-trace', version: 1, start: iso(start.start), users, ...settings, ...extras };
}

/** An event as a trace line: its time in ISO 8601 UTC. */
export function traceLine(event: TraceEvent): object {
  return { ...event, at: iso(event.at) };
}

/** `dir/name.jsonl`, or `dir/name-2.jsonl` and on if it exists: a trace is never appended to another. */
export function freshTracePath(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  for (let i = 1; ; i++) {
    const path = join(dir, i === 1 ? `${name}.jsonl` : `${name}-${i}.jsonl`);
    if (!existsSync(path)) return path;
  }
}

/** Writes a run as a trace file in `dir`; returns its path. */
export function writeTrace(dir: string, name: string, run: CheckedRun, extras: Readonly<Record<string, unknown>>): string {
  const path = freshTracePath(dir, name);
  const writer = TraceWriter.open(path);
  try {
    writer.append(traceHeader(run.start, extras));
    for (const e of run.events) writer.append(traceLine(e));
  } finally {
    writer.close();
  }
  return path;
}

/** Sinks that write each run to `dir/run-NNNNN.jsonl` as it happens (`--record`), each line as it comes. */
export function recordingSinks(dir: string, extras: Readonly<Record<string, unknown>>): (index: number, plan: Plan) => RunSink {
  return (index, plan) => {
    let writer: TraceWriter | undefined;
    return {
      start(start) {
        writer = TraceWriter.open(freshTracePath(dir, `run-${String(index).padStart(5, '0')}`));
        writer.append(traceHeader(start, { ...extras, run: index, tenantSeed: plan.seed }));
      },
      event(event) {
        writer?.append(traceLine(event));
      },
      close() {
        writer?.close();
      },
    };
  };
}
