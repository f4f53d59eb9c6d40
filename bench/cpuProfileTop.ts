import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The parts of V8's `.cpuprofile` (what `node --cpu-prof` writes) that this reads. */
type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
};

export type HotFunction = { name: string; where: string; selfMs: number; selfShare: number; totalMs: number; totalShare: number };

/**
 * The functions of a CPU profile by self time (time on top of the stack), with their total time
 * (time anywhere on the stack, each sample counted once per function).
 */
export function hotFunctions(path: string): { totalMs: number; functions: HotFunction[] } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number): string => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'}\t${where(f.url, f.lineNumber)}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const id = profile.samples[i]!;
    all += dt;
    const top = keyOf(id);
    self.set(top, (self.get(top) ?? 0) + dt);
    const onStack = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) onStack.add(keyOf(n));
    for (const k of onStack) total.set(k, (total.get(k) ?? 0) + dt);
  }
  const functions = [...self].map(([key, ms]) => {
    const [name = '', place = ''] = key.split('\t');
    const t = total.get(key) ?? ms;
    return { name, where: place, selfMs: ms, selfShare: ms / all, totalMs: t, totalShare: t / all };
  });
  functions.sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs: all, functions };
}

function where(url: string, line: number): string {
  if (url === '') return '';
  const file = url.startsWith('file:') ? relative(process.cwd(), fileURLToPath(url)) : url;
  return `${file}:${line + 1}`;
}

/** `node dist/bench/cpuProfileTop.js FILE.cpuprofile [N]`: the N hottest functions by self time. */
function cli(): void {
  const [file, count = '25'] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: cpuProfileTop FILE.cpuprofile [N]');
  const { totalMs, functions } = hotFunctions(file);
  const pct = (x: number): string => `${(100 * x).toFixed(1).padStart(5)}%`;
  process.stdout.write(`profile ${file}: ${(totalMs / 1000).toFixed(2)} s sampled\n  self   total  function  (where)\n`);
  for (const f of functions.slice(0, Number(count))) {
    process.stdout.write(`${pct(f.selfShare)} ${pct(f.totalShare)}  ${f.name}  (${f.where})\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) cli();
