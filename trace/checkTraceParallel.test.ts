import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTrace } from '../bench/generateTrace.js';
import { Prng } from '../bench/Prng.js';
import type { Profile } from '../model/Profile.js';
import { PROFILES } from '../model/profiles.js';
import type * as CheckTrace from './checkTrace.js';
import type * as CheckTraceFile from './checkTraceFile.js';
import type * as CheckTraceParallel from './checkTraceParallel.js';
import { shardOf } from './LineClaim.js';
import type * as ReadLines from './readLines.js';
import { randomTraceLines } from './randomTrace.testkit.js';
import { HEADER, lines, traceFile } from './traceFile.testkit.js';

// Worker threads run compiled JavaScript: these tests check the build in dist/ (`npm test` makes it
// first), both ways from the same build.
async function fromDist<T>(file: string): Promise<T> {
  return (await import(new URL(`../dist/trace/${file}`, import.meta.url).href)) as T;
}
const { checkTraceFile } = await fromDist<typeof CheckTraceFile>('checkTraceFile.js');
const { checkTraceFileParallel, CheckWorkerError } = await fromDist<typeof CheckTraceParallel>('checkTraceParallel.js');
const { checkTrace, checkWay, DEFAULT_MAX_WORKERS, PARALLEL_MIN_BYTES } = await fromDist<typeof CheckTrace>('checkTrace.js');
const { MAX_LINE_BYTES } = await fromDist<typeof ReadLines>('readLines.js');

type Options = CheckTraceParallel.ParallelOptions;

/** An outcome or an error as plain data: what the CLI shows of either. */
async function settle(run: () => Promise<CheckTraceFile.CheckOutcome>): Promise<unknown> {
  try {
    const { trace, results, torn } = await run();
    return torn === undefined ? { trace, results } : { trace, results, torn: errorData(torn) };
  } catch (e) {
    return { error: errorData(e) };
  }
}

function errorData(e: unknown): unknown {
  const { name, message, code, file, line, field, detail } = e as Record<string, unknown>;
  return { name, message, code, file, line, field, detail };
}

/** Checks `path` both ways and expects the same, to the order of fields; returns the in-process answer. */
async function same(path: string, profiles: readonly Profile[] = PROFILES, options: Options = {}): Promise<unknown> {
  const reference = await settle(() => checkTraceFile(path, profiles));
  const parallel = await settle(() => checkTraceFileParallel(path, profiles, options));
  expect(parallel).toStrictEqual(reference);
  expect(JSON.stringify(parallel)).toBe(JSON.stringify(reference));
  return reference;
}

/** A number of shards, varied by `i`. */
function small(i: number): Options {
  return { workers: [2, 3, 5, 1][i % 4]! };
}

function generated(seed: number, events: number, conform: readonly Profile[], faults: 'guarded' | 'every-kind' = 'every-kind'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'photosync-')), 't.jsonl');
  generateTrace({ path, events, users: 6, seed, conform, faults });
  return path;
}

const SET = '{"at":"2014-04-01T09:00:00Z","do":"setPhoto","user":"alice","via":"graph","photo":"p1"}';
const SEE = '{"at":"2014-04-01T09:02:00Z","see":"owa-contact-card","user":"alice","viewer":"bob","photo":"p1"}';

describe('checkTraceFileParallel', () => {
  it('answers as checkTraceFile on generated traces that conform, with unknown results and photos', async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const path = generated(seed, 600, PROFILES);
      const answer = (await same(path, PROFILES, small(seed))) as { results: { verdict: string }[] };
      expect(answer.results.map((r) => r.verdict)).toEqual(PROFILES.map(() => 'conforms'));
      expect(readFileSync(path, 'utf8')).toMatch(/"unknown"/);
    }
  });

  it('answers as checkTraceFile where profiles diverge, at various lines, and sends the line as the trace wrote it', async () => {
    const verdicts = new Set<string>();
    const lines_ = new Set<number>();
    for (const [i, p] of PROFILES.entries()) {
      const path = generated(10 + i, 400, [p]);
      const answer = (await same(path, PROFILES, small(i))) as { results: { verdict: string; divergence?: { line: number } }[] };
      for (const r of answer.results) {
        verdicts.add(r.verdict);
        if (r.divergence !== undefined) lines_.add(r.divergence.line);
      }
    }
    expect(verdicts).toContain('diverges');
    expect(lines_.size).toBeGreaterThan(3);
  });

  it('answers as checkTraceFile on random traces: every kind of line, extra fields, section-6 headers', async () => {
    const verdicts = new Set<string>();
    for (let seed = 1; seed <= 16; seed++) {
      const answer = (await same(traceFile(lines(...randomTraceLines(seed, 150))), PROFILES, small(seed))) as {
        results: { verdict: string }[];
      };
      for (const r of answer.results) verdicts.add(r.verdict);
    }
    expect(verdicts).toContain('diverges');
  });

  it('diverges where an observation is changed, wherever it is', async () => {
    const base = readFileSync(generated(3, 500, PROFILES, 'guarded'), 'utf8').split('\n');
    const rng = new Prng(7);
    for (let k = 0; k < 6; k++) {
      const copy = [...base];
      const at = rng.between(2, copy.length - 60);
      const n = copy.findIndex((l, i) => i >= at && l.includes('"see"'));
      copy[n] = copy[n]!.replace(/"photo":"[^"]*"/, '"photo":"p-never"');
      const answer = (await same(traceFile(copy.join('\n')), PROFILES, small(k))) as { results: { verdict: string }[] };
      expect(answer.results.some((r) => r.verdict !== 'conforms')).toBe(true);
    }
    // on the last line
    const last = base.map((l) => l.includes('"see"')).lastIndexOf(true);
    const copy = [...base.slice(0, last), base[last]!.replace(/"photo":"[^"]*"/, '"photo":"p-never"')];
    for (const workers of [2, 3, 4]) {
      const answer = (await same(traceFile(lines(...copy)), PROFILES, { workers })) as { results: { verdict: string }[] };
      expect(answer.results.some((r) => r.verdict !== 'conforms')).toBe(true);
    }
  });

  it('rejects bad input anywhere with the same TraceError, even after every profile decided', async () => {
    const body = randomTraceLines(99, 120);
    const bad = [
      '{"at":"2014-04-01T09:00:00Z","do":"fly","user":"alice"}',
      '{"at":"2014-04-01T09:00:00Z","see":"owa-contact-card","user":"alice"}',
      'not json',
      '[1,2]',
      '{"at":"2000-01-01T00:00:00Z","do":"wait","ms":1}',
      '{"at":"2014-04-01T09:00:00Z","do":"setPhoto","see":"graph","user":"alice"}',
      // two traces joined
      HEADER,
    ];
    for (const [i, b] of bad.entries()) {
      for (const where of [2, 60, body.length]) {
        const text = [...body.slice(0, where), b, ...body.slice(where)];
        const answer = (await same(traceFile(lines(...text)), PROFILES, small(i + where))) as { error?: { code: string; line: number } };
        expect(answer.error?.code).toBe('PHOTOSYNC_BAD_TRACE');
        expect(answer.error?.line).toBe(where + 1);
      }
    }
    // every profile decided on line 2, the bad line is the last
    const early = lines(HEADER, SEE.replace('"photo":"p1"', '"photo":"p-never"'), ...Array(3000).fill(SEE), 'oops');
    expect(await same(traceFile(early), PROFILES, { workers: 2 })).toMatchObject({ error: { line: 3003 } });
  });

  it('returns a torn last line beside the verdicts of the lines before it, and rejects a torn header', async () => {
    const body = randomTraceLines(5, 80);
    for (const cut of [10, 30]) {
      const text = lines(...body) + body[40]!.slice(0, cut);
      const answer = (await same(traceFile(text), PROFILES, small(cut))) as { torn?: { code: string; line: number } };
      expect(answer.torn).toMatchObject({ code: 'PHOTOSYNC_TORN_TRACE', line: body.length + 1 });
    }
    expect(await same(traceFile(`\n${HEADER.slice(0, 50)}`))).toMatchObject({ error: { code: 'PHOTOSYNC_TORN_TRACE' } });
  });

  it('answers as checkTraceFile on a line too long, anywhere, and on one just short enough', async () => {
    const body = randomTraceLines(7, 60);
    const long = `{"at":"2014-04-01T09:00:00Z","see":"graph","user":"alice","viewer":"bob","photo":"p1","pad":"${'x'.repeat(MAX_LINE_BYTES)}"}`;
    const texts = [
      lines(long, ...body),
      lines(...body.slice(0, 30), long, ...body.slice(30)),
      lines(...body) + long,
      lines(...body, long.slice(0, MAX_LINE_BYTES - 1)),
    ];
    for (const [i, text] of texts.entries()) {
      const answer = (await same(traceFile(text), PROFILES, small(i))) as { error?: { code: string; line: number }; results?: unknown[] };
      // the last, a line of the bound, is read, and is bad for what it holds
      expect(answer.error).toMatchObject({ code: 'PHOTOSYNC_BAD_TRACE', line: [1, 31, body.length + 1, body.length + 1][i] });
      expect(answer.error).toMatchObject({
        detail: i < 3 ? expect.stringMatching(/^a line longer than/) : expect.stringMatching(/^not valid JSON/),
      });
    }
  });

  it('answers as checkTraceFile on files that are not UTF-8 JSON lines: UTF-16, NUL bytes, lines ending in CR alone', async () => {
    const text = lines(...randomTraceLines(8, 40));
    const files = [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.from(text, 'utf16le'),
      Buffer.from([0xff, 0xfe]),
      Buffer.alloc(3),
      Buffer.from(text.replaceAll('\n', '\r')),
      Buffer.from('H\rL2\r'),
    ];
    for (const [i, bytes] of files.entries()) {
      const answer = (await same(traceFile(bytes), PROFILES, small(i))) as { error?: { code: string; line: number } };
      expect(answer.error).toMatchObject({ code: 'PHOTOSYNC_BAD_TRACE', line: 1 });
    }
  });

  it('answers as checkTraceFile on empty traces, blank lines, a byte order mark and CRLF', async () => {
    const texts = [
      '',
      '\n\n',
      lines(HEADER),
      `\uFEFF${HEADER}\r\n\r\n${SET}\r\n  \r\n${SEE}\r\n`,
      lines('', HEADER, '', SET, ' ', SEE, ''),
      lines(HEADER, SET, SEE),
    ];
    for (const [i, text] of texts.entries()) await same(traceFile(text), PROFILES, small(i));
    expect(await same('/nonexistent/t.jsonl')).toMatchObject({ error: { code: 'PHOTOSYNC_TRACE_UNREADABLE' } });
  });

  it('answers as checkTraceFile for any set of profiles, in their order', async () => {
    const path = traceFile(lines(...randomTraceLines(21, 200)));
    await same(path, [PROFILES[3]!, PROFILES[0]!], { workers: 2 });
    await same(path, [PROFILES[4]!, PROFILES[1]!, PROFILES[2]!], { workers: 3 });
    await same(path, [PROFILES[2]!], { workers: 2 });
  });

  it('answers as checkTraceFile when a line is not what a quick look took it for, reading the trace whole again', async () => {
    const ids = ['alice', 'bob', 'carol', 'dave', 'erin'];
    const base = randomTraceLines(31, 200);
    // the first key named "user" is not the line's subject, nor of the subject's shard
    const n = base.findIndex((l, i) => i > 50 && l.includes('"see"'));
    const subject = (JSON.parse(base[n]!) as { user: string }).user;
    const other = ids.find((id) => shardOf(id, 2) !== shardOf(subject, 2))!;
    base[n] = base[n]!.replace('"see"', `"note":{"user":"${other}"},"see"`);
    const path = traceFile(lines(...base));
    await same(path, PROFILES, { workers: 2 });
    const run = await checkTraceFileParallel(path, PROFILES, { workers: 2 });
    expect(run.parallel.mismatch).toBe(n + 1);
    expect(run.parallel.workers).toHaveLength(1);
    // as the tools write it, every line is where a quick look puts it
    const plain = await checkTraceFileParallel(traceFile(lines(...randomTraceLines(31, 200))), PROFILES, { workers: 2 });
    expect(plain.parallel.mismatch).toBeUndefined();
    expect(plain.parallel.workers).toHaveLength(2);
  });

  it('fails with a CheckWorkerError, never a verdict, when a worker fails', async () => {
    const broken: Profile = { id: 'broken', summary: '', rules: ['PHOTO-SOURCE'], params: {} };
    const path = traceFile(lines(HEADER, SET, SEE));
    const failure = checkTraceFileParallel(path, [PROFILES[0]!, broken], { workers: 2 });
    await expect(failure).rejects.toBeInstanceOf(CheckWorkerError);
    await expect(failure).rejects.toThrow(/^check worker \d of 2 failed: .*broken/);
  });

  it('stops when its signal is aborted, and rejects with the reason', async () => {
    const stop = new AbortController();
    const path = generated(2, 1000, PROFILES);
    const run = checkTraceFileParallel(path, PROFILES, { signal: stop.signal, workers: 2 });
    stop.abort(new Error('stop!'));
    await expect(run).rejects.toThrow('stop!');
    const before = new AbortController();
    before.abort(new Error('before'));
    await expect(checkTraceFileParallel(path, PROFILES, { signal: before.signal })).rejects.toThrow('before');
  });
});

describe('checkTrace', () => {
  it('uses the workers for a large trace and more than one profile, where there is more than one core: one per core, at most two unless asked', async () => {
    // an observation every profile allows, made long by a field the schema does not know
    const line = SEE.replace('"photo":"p1"}', `"photo":"p0","pad":"${'x'.repeat(4000)}"}`);
    const text = lines(HEADER) + `${line}\n`.repeat(Math.ceil(PARALLEL_MIN_BYTES / line.length) + 10);
    const path = traceFile(text);
    const events = text.split('\n').length - 2;
    // each worker reads the whole file: a few profiles pay on many workers only, and more workers only cost memory
    expect(checkWay(path, 1, 2)).toEqual({ workers: 0, why: 'one profile for 2 workers' });
    expect(checkWay(path, 3, 2)).toEqual({ workers: 0, why: '3 profiles for 2 workers' });
    expect(checkWay(path, 4, 2)).toEqual({ workers: 2 });
    expect(checkWay(path, 5, 8)).toEqual({ workers: DEFAULT_MAX_WORKERS });
    expect(checkWay(path, 1, 8)).toEqual({ workers: 0, why: `one profile for ${DEFAULT_MAX_WORKERS} workers` });
    expect(checkWay(path, 5, 1)).toEqual({ workers: 0, why: 'one core' });
    // threads asked for are given, whatever the cores and profiles; one is this thread
    expect(checkWay(path, 1, 1, 4)).toEqual({ workers: 4 });
    expect(checkWay(path, 5, 8, 1)).toEqual({ workers: 0, why: 'one thread asked' });
    if (availableParallelism() < 2) {
      expect(checkWay(path, PROFILES.length)).toEqual({ workers: 0, why: 'one core' });
      return;
    }
    const workers = Math.min(availableParallelism(), DEFAULT_MAX_WORKERS);
    expect(checkWay(path, PROFILES.length)).toEqual({ workers });
    const run = await checkTrace(path, PROFILES);
    expect(run.way).toEqual({ workers });
    // each worker reads every line; alice's shard checks them all, the others pass over them
    const stats = run.parallel!.workers;
    expect(stats.map((w) => w.events)).toEqual(Array(workers).fill(events));
    expect(stats.map((w) => w.checked).sort((a, b) => b - a)).toEqual([events, ...Array(workers - 1).fill(0)]);
    expect(stats.map((w) => w.passed).sort()).toEqual([0, ...Array(workers - 1).fill(events)]);
    const { way: _w, parallel: _p, ...outcome } = run;
    expect(outcome).toStrictEqual(await checkTraceFile(path, PROFILES));
  });

  it('checks in as many threads as asked, with the same outcome', async () => {
    // bob never set p7: every profile diverges at line 4
    const path = traceFile(lines(HEADER, SET, SEE, SEE.replace('"user":"alice"', '"user":"bob"').replace('"p1"', '"p7"')));
    const three = await checkTrace(path, PROFILES, { threads: 3 });
    expect(three.way).toEqual({ workers: 3 });
    expect(three.parallel!.workers).toHaveLength(3);
    const one = await checkTrace(path, PROFILES, { threads: 1 });
    expect(one.way).toEqual({ workers: 0, why: 'one thread asked' });
    const { way: _w, parallel: _p, ...outcome } = three;
    const { way: _o, ...alone } = one;
    expect(outcome).toStrictEqual(alone);
    expect(outcome.results.map((r) => (r.verdict === 'diverges' ? r.divergence.line : r.verdict))).toEqual(PROFILES.map(() => 4));
  });

  it('checks in this thread a small trace, or from the TypeScript sources', async () => {
    const path = traceFile(lines(HEADER, SET, SEE));
    expect(checkWay(path, PROFILES.length, 2)).toEqual({ workers: 0, why: 'a small trace' });
    const run = await checkTrace(path, PROFILES);
    expect(run.way.workers).toBe(0);
    expect(run.parallel).toBeUndefined();
    const sources = await import('./checkTrace.js');
    const large = traceFile(lines(HEADER) + `${SEE}\n`.repeat(Math.ceil(PARALLEL_MIN_BYTES / SEE.length) + 10));
    expect(sources.checkWay(large, PROFILES.length, 2)).toEqual({ workers: 0, why: 'no compiled worker script' });
  });
});
