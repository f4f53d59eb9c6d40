import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../trace/readLines.js';
import { campaignPaths } from './CampaignFile.js';
import { campaignFolder, folderBytes, STEPS, T0 } from './campaignFolder.testkit.js';
import { CampaignError } from './CampaignError.js';
import { readCampaignState } from './CampaignState.js';
import { readJournal } from './readJournal.js';

/** A campaign folder whose journal is `edit` of its sound text (its lines, the last newline left off). */
function edited(edit: (lines: string[]) => string | Buffer): { dir: string; journal: string } {
  const dir = campaignFolder();
  const journal = campaignPaths(dir).journal;
  writeFileSync(journal, edit(readFileSync(journal, 'utf8').trimEnd().split('\n')));
  return { dir, journal };
}

/** What reading refuses, with the files' bytes before and after. */
function refusal(dir: string, read: () => unknown) {
  const before = folderBytes(dir);
  let error: unknown;
  try {
    read();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CampaignError);
  expect(folderBytes(dir)).toEqual(before);
  return error as CampaignError;
}

const FIVE_MIB = `{"pad":"${'x'.repeat(5 * 2 ** 20)}"}`;

describe('readJournal', () => {
  it('reads a journal an editor saved with a byte order mark, CRLF and a blank last line, as check reads it, changing nothing', () => {
    for (const edit of [
      (lines: string[]) => `\ufeff${lines.join('\n')}\n\n`,
      (lines: string[]) => `\ufeff${lines.join('\r\n')}\r\n\r\n`,
      (lines: string[]) => `\n${lines.join('\n')}\n \n`,
    ]) {
      const { dir, journal } = edited(edit);
      const before = folderBytes(dir);
      const read = readJournal(journal);
      expect(read.start?.start).toBe(T0);
      expect(read.events.map((e) => e.step)).toEqual(STEPS.map((_, k) => `alice#0#${k}`));
      expect(read.cut).toBeUndefined();
      expect(readCampaignState(dir).events).toHaveLength(STEPS.length);
      expect(folderBytes(dir)).toEqual(before);
    }
  });

  it('still cuts a torn last line off, as README says, after a byte order mark and CRLF lines', () => {
    const { journal } = edited((lines) => `\ufeff${lines.join('\r\n')}\r\n{"at":"2026-06-`);
    const read = readJournal(journal);
    expect(read.cut).toEqual({ line: 6, savedTo: `${journal}.cut-line-6` });
    expect(read.events).toHaveLength(STEPS.length);
    expect(readFileSync(`${journal}.cut-line-6`, 'utf8')).toBe('{"at":"2026-06-');
    expect(readFileSync(journal, 'utf8').endsWith('\r\n')).toBe(true);
  });

  it('refuses a journal with another campaign’s appended (cat a b), at the second header, naming it so and changing nothing', () => {
    const other = readFileSync(campaignPaths(campaignFolder()).journal, 'utf8');
    // with the other's header alone, or its header last and whole: still no event of this campaign
    for (const tail of [other, `${other.split('\n')[0]}\n`]) {
      const { dir, journal } = edited((lines) => `${lines.join('\n')}\n${tail}`);
      const e = refusal(dir, () => readCampaignState(dir));
      expect(e).toMatchObject({ code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE', place: { file: journal, line: 6, field: 'format' } });
      expect(e.message).toBe(
        `${journal}:6: format: a journal's header, but only line 1 may be one (were two campaigns' journals joined?): keep each campaign's journal in its own folder; nothing was changed`,
      );
    }
  });

  it('refuses a journal whose first line is an event (its header taken out), naming it so', () => {
    for (const [edit, line] of [
      [(lines: string[]) => `${lines.slice(1).join('\n')}\n`, 1],
      [(lines: string[]) => `\n\n${lines.slice(1).join('\n')}\n`, 3],
    ] as const) {
      const { dir, journal } = edited(edit);
      const e = refusal(dir, () => readCampaignState(dir));
      expect(e).toMatchObject({ code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE', place: { line, field: 'format' } });
      expect(e.message).toMatch(new RegExp(`^${journal}:${line}: format: an event, but line ${line} must be the journal's header`));
    }
  });

  it('refuses a 5 MiB line, in the middle or torn at the end, naming its line, at once: not cut off, not a damaged line', () => {
    for (const [edit, line] of [
      [(lines: string[]) => `${[...lines.slice(0, 3), FIVE_MIB, ...lines.slice(3)].join('\n')}\n`, 4],
      [(lines: string[]) => `${lines.join('\n')}\n${FIVE_MIB.slice(0, -2)}`, 6],
    ] as const) {
      const { dir, journal } = edited(edit);
      const began = performance.now();
      const e = refusal(dir, () => readCampaignState(dir));
      expect(performance.now() - began).toBeLessThan(1_000);
      expect(e).toMatchObject({ code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE', place: { file: journal, line } });
      expect(e.message).toMatch(new RegExp(`^${journal}:${line}: a line longer than ${MAX_LINE_BYTES / 2 ** 20} MiB`));
    }
  });

  it('refuses a journal saved as UTF-16 or with CR line ends alone (Notepad), naming which, where it was a damaged header or a torn line', () => {
    for (const [edit, message] of [
      [
        (lines: string[]) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf16le')]),
        /UTF-16 byte order mark/,
      ],
      [(lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf16le'), /the file looks like UTF-16/],
      [(lines: string[]) => `${lines.join('\r')}\r`, /it holds a CR at column \d+ that ends no line/],
    ] as const) {
      const { dir, journal } = edited(edit);
      const e = refusal(dir, () => readCampaignState(dir));
      expect(e).toMatchObject({ code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE', place: { file: journal, line: 1 } });
      expect(e.message).toMatch(message);
    }
  });
});

describe('readCampaignState', () => {
  it('cuts no torn line off while another of the campaign’s files is refused: a refusal changes nothing', () => {
    const dir = campaignFolder();
    const paths = campaignPaths(dir);
    appendFileSync(paths.journal, '{"at":"2026-06-');
    for (const bad of [
      Buffer.from(readFileSync(paths.plan, 'utf8'), 'utf16le'),
      `${readFileSync(paths.plan, 'utf8').trimEnd()}\r{"lane":"bob"}\r`,
    ]) {
      writeFileSync(paths.plan, bad);
      const e = refusal(dir, () => readCampaignState(dir));
      expect(e).toMatchObject({ code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE', place: { file: paths.plan, line: 1 } });
    }
  });

  it('refuses a steps log with a 5 MiB line, naming it, and reads one with a byte order mark and blank lines', () => {
    const dir = campaignFolder();
    const paths = campaignPaths(dir);
    const steps = readFileSync(paths.steps, 'utf8');
    writeFileSync(paths.steps, `\ufeff\n${steps}\n\n`);
    expect(readCampaignState(dir).begun).toMatchObject({ step: 'alice#0#3' });
    writeFileSync(paths.steps, `${steps}${FIVE_MIB}\n`);
    expect(refusal(dir, () => readCampaignState(dir))).toMatchObject({
      code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE',
      place: { file: paths.steps, line: 6 },
    });
  });
});
