import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUser, type TraceEvent } from '../model/vocabulary.js';
import { readTrace } from '../trace/readTrace.js';
import { freshTracePath, recordingSinks } from './traceFiles.js';

const start = { start: Date.UTC(2014, 3, 1, 9), users: [{ ...defaultUser('alice'), photo: 'p0' }] };
const events: TraceEvent[] = [
  { at: start.start, do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph', result: 'ok' },
  { at: start.start + 60_000, see: 'graph', user: 'alice', viewer: 'bob', photo: 'p1' },
];

describe('freshTracePath', () => {
  it('never hands out a file that exists: a trace is never appended to another', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'photosync-files-')), 'new', 'dir');
    const first = freshTracePath(dir, 'cx');
    expect(first).toBe(join(dir, 'cx.jsonl'));
    writeFileSync(first, 'taken\n');
    const second = freshTracePath(dir, 'cx');
    expect(second).toBe(join(dir, 'cx-2.jsonl'));
    writeFileSync(second, 'taken\n');
    expect(freshTracePath(dir, 'cx')).toBe(join(dir, 'cx-3.jsonl'));
    expect(readFileSync(first, 'utf8')).toBe('taken\n');
  });
});

describe('recordingSinks', () => {
  it('writes each run as a valid trace, a line as each event comes, with the run and its seed in the header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'photosync-record-'));
    const sink = recordingSinks(dir, { adapter: 'sim', profile: 'threewill-2014' })(7, { users: start.users, steps: [], seed: 42 });
    sink.start(start);
    sink.event(events[0]!);
    const path = join(dir, 'run-00007.jsonl');
    // the first event is on disk before the run goes on: a crash would lose at most the next line
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
    sink.event(events[1]!);
    sink.close();
    expect(readdirSync(dir)).toEqual(['run-00007.jsonl']);
    const headers: unknown[] = [];
    const read: TraceEvent[] = [];
    await readTrace(path, { header: (h) => void headers.push(h), event: (e) => void read.push(e) });
    expect(headers).toEqual([
      expect.objectContaining({ adapter: 'sim', profile: 'threewill-2014', run: 7, tenantSeed: 42, users: start.users }),
    ]);
    expect(read).toEqual(events);
  });
});
