import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunStep } from '../adapters/RunStep.js';
import { traceEvent } from '../harness/TraceRecorder.js';
import { traceHeader, traceLine } from '../harness/traceFiles.js';
import { checkEvents } from '../model/checkEvents.js';
import { findProfile } from '../model/profiles.js';
import { defaultUser } from '../model/vocabulary.js';
import { campaignPaths } from './CampaignFile.js';
import { readCampaignState, stepId } from './CampaignState.js';
import { repairJournal } from './repairJournal.js';

const T0 = Date.parse('2026-06-01T08:00:00Z');
const STEPS: RunStep[] = [
  { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' },
  { see: 'graph', user: 'alice', viewer: 'bob' },
  { do: 'removePhoto', user: 'alice', via: 'graph' },
  { see: 'graph', user: 'alice', viewer: 'bob' },
];
const SEEN = ['p1', 'none'];

/** A campaign folder of one lane that took STEPS and journaled each (a look made twice: begun, killed, begun again). */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'photosync-repair-'));
  const start = { start: T0, users: [defaultUser('alice'), defaultUser('bob')] };
  const lines = [JSON.stringify(traceHeader(start, { campaign: true }))];
  const begun: object[] = [];
  let seen = 0;
  STEPS.forEach((step, k) => {
    const at = T0 + (k + 1) * 60_000;
    const id = stepId('alice', 0, k);
    begun.push({ step: id, kind: 'see' in step ? 'look' : 'act', begun: new Date(at).toISOString() });
    if (k === 1) begun.push({ step: id, kind: 'look', begun: new Date(at + 1).toISOString() });
    const outcome = 'see' in step ? { status: 'seen' as const, photo: SEEN[seen++]! } : { status: 'ok' as const };
    lines.push(JSON.stringify({ ...traceLine(traceEvent(step, at, outcome)), step: id }));
  });
  const paths = campaignPaths(dir);
  writeFileSync(paths.journal, `${lines.join('\n')}\n`);
  writeFileSync(paths.steps, `${begun.map((b) => JSON.stringify(b)).join('\n')}\n`);
  writeFileSync(
    paths.plan,
    `${JSON.stringify({ lane: 'alice', n: 0, story: 'k', assigned: new Date(T0).toISOString(), pairs: [], steps: STEPS })}\n`,
  );
  return dir;
}

const damage = (dir: string, ...lineNumbers: number[]) => {
  const path = campaignPaths(dir).journal;
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const n of lineNumbers) lines[n - 1] = lines[n - 1]!.slice(0, 25);
  writeFileSync(path, lines.join('\n'));
};

describe('repairJournal', () => {
  it('changes nothing in a sound journal', async () => {
    const dir = folder();
    const before = readFileSync(campaignPaths(dir).journal, 'utf8');
    expect(await repairJournal(dir)).toBeUndefined();
    expect(readFileSync(campaignPaths(dir).journal, 'utf8')).toBe(before);
  });

  it('puts a damaged action right as one of unknown result, and a damaged look as one that saw nothing, keeping every line and its number', async () => {
    for (const [line, expected] of [
      [2, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph', result: 'unknown', step: 'alice#0#0' }],
      [3, { see: 'graph', user: 'alice', viewer: 'bob', photo: 'unknown', step: 'alice#0#1' }],
    ] as const) {
      const dir = folder();
      const sound = readFileSync(campaignPaths(dir).journal, 'utf8').split('\n');
      damage(dir, line);
      const repair = (await repairJournal(dir))!;
      expect(repair).toMatchObject({ line, step: expected.step });
      expect(readFileSync(repair.savedTo, 'utf8')).toBe(sound[line - 1]!.slice(0, 25));
      const now = readFileSync(campaignPaths(dir).journal, 'utf8').split('\n');
      expect(now.length).toBe(sound.length);
      expect(now.filter((_, i) => i !== line - 1)).toEqual(sound.filter((_, i) => i !== line - 1));
      expect(JSON.parse(now[line - 1]!)).toMatchObject(expected);
      // the journal reads again, and the model keeps every possibility the lost line leaves open: no cry of wolf
      const state = readCampaignState(dir);
      expect(state.events).toHaveLength(STEPS.length);
      expect(
        checkEvents(
          findProfile('microsoft-2026')!,
          state.start!,
          state.events.map((e) => e.event),
        ).verdict,
      ).not.toBe('diverges');
    }
  });

  it('refuses, naming the file and the line, a damaged header, two damaged lines, or a line the steps log cannot name', async () => {
    const header = folder();
    damage(header, 1);
    await expect(repairJournal(header)).rejects.toThrow(/journal\.jsonl:1: .*header/);
    const two = folder();
    damage(two, 2, 4);
    await expect(repairJournal(two)).rejects.toThrow(/journal\.jsonl:2: .*damaged too/);
    const unnamed = folder();
    damage(unnamed, 3);
    writeFileSync(campaignPaths(unnamed).steps, '');
    await expect(repairJournal(unnamed)).rejects.toThrow(/journal\.jsonl:3: .*names 0 steps/);
    expect(existsSync(`${campaignPaths(unnamed).journal}.bad-line-3`)).toBe(false);
  });
});
