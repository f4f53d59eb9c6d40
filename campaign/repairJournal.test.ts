import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEvents } from '../model/checkEvents.js';
import { findProfile } from '../model/profiles.js';
import { campaignPaths } from './CampaignFile.js';
import { campaignFolder, folderBytes, STEPS } from './campaignFolder.testkit.js';
import { readCampaignState } from './CampaignState.js';
import { repairJournal } from './repairJournal.js';

const damage = (dir: string, ...lineNumbers: number[]) => {
  const path = campaignPaths(dir).journal;
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const n of lineNumbers) lines[n - 1] = lines[n - 1]!.slice(0, 25);
  writeFileSync(path, lines.join('\n'));
};

describe('repairJournal', () => {
  it('changes nothing in a sound journal', async () => {
    const dir = campaignFolder();
    const before = readFileSync(campaignPaths(dir).journal, 'utf8');
    expect(await repairJournal(dir)).toBeUndefined();
    expect(readFileSync(campaignPaths(dir).journal, 'utf8')).toBe(before);
  });

  it('puts a damaged action right as one of unknown result, and a damaged look as one that saw nothing, keeping every line and its number', async () => {
    for (const [line, expected] of [
      [2, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph', result: 'unknown', step: 'alice#0#0' }],
      [3, { see: 'graph', user: 'alice', viewer: 'bob', photo: 'unknown', step: 'alice#0#1' }],
    ] as const) {
      const dir = campaignFolder();
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
    const header = campaignFolder();
    damage(header, 1);
    await expect(repairJournal(header)).rejects.toThrow(/journal\.jsonl:1: .*header/);
    const two = campaignFolder();
    damage(two, 2, 4);
    await expect(repairJournal(two)).rejects.toThrow(/journal\.jsonl:2: .*damaged too/);
    const unnamed = campaignFolder();
    damage(unnamed, 3);
    writeFileSync(campaignPaths(unnamed).steps, '');
    await expect(repairJournal(unnamed)).rejects.toThrow(/journal\.jsonl:3: .*names 0 steps/);
    expect(existsSync(`${campaignPaths(unnamed).journal}.bad-line-3`)).toBe(false);
  });

  it('puts a damaged line right in a journal an editor saved with a byte order mark and CRLF, every other byte as it was', async () => {
    const dir = campaignFolder();
    const path = campaignPaths(dir).journal;
    const sound = readFileSync(path, 'utf8').trimEnd().split('\n');
    const edited = [...sound];
    edited[2] = sound[2]!.slice(0, 25);
    writeFileSync(path, `\ufeff${edited.join('\r\n')}\r\n`);
    const repair = (await repairJournal(dir))!;
    expect(repair).toMatchObject({ line: 3, step: 'alice#0#1' });
    expect(readFileSync(repair.savedTo, 'utf8')).toBe(sound[2]!.slice(0, 25));
    const now = readFileSync(path, 'utf8').split('\r\n');
    expect(now).toEqual([`\ufeff${edited[0]}`, edited[1], now[2], edited[3], edited[4], '']);
    expect(JSON.parse(now[2]!)).toMatchObject({ see: 'graph', photo: 'unknown', step: 'alice#0#1' });
    expect(readCampaignState(dir).events).toHaveLength(STEPS.length);
  });

  it('refuses, changing nothing, a journal no repair applies to, though a line of it is damaged: another campaign’s header after it, UTF-16, CR line ends', async () => {
    const joined = campaignFolder();
    const journal = readFileSync(campaignPaths(joined).journal, 'utf8');
    damage(joined, 3);
    writeFileSync(campaignPaths(joined).journal, readFileSync(campaignPaths(joined).journal, 'utf8') + journal);
    const utf16 = campaignFolder();
    damage(utf16, 3);
    writeFileSync(campaignPaths(utf16).journal, Buffer.from(readFileSync(campaignPaths(utf16).journal, 'utf8'), 'utf16le'));
    const cr = campaignFolder();
    damage(cr, 3);
    writeFileSync(campaignPaths(cr).journal, readFileSync(campaignPaths(cr).journal, 'utf8').replaceAll('\n', '\r'));
    for (const [dir, line, message] of [
      [joined, 6, /journal\.jsonl:6: format: a journal's header, but only line 1 may be one \(were two campaigns' journals joined\?\)/],
      [utf16, 1, /journal\.jsonl:1: not valid JSON .*the file looks like UTF-16/],
      [cr, 1, /journal\.jsonl:1: not valid JSON .*it holds a CR at column \d+ that ends no line/],
    ] as const) {
      const before = folderBytes(dir);
      const refused = await repairJournal(dir).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE', place: { line } });
      expect((refused as Error).message).toMatch(message);
      expect(folderBytes(dir)).toEqual(before);
    }
  });
});
