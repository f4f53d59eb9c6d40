import { describe, expect, it, vi } from 'vitest';
import type { TraceStart } from '../model/vocabulary.js';
import { checkTraceFile } from './checkTraceFile.js';
import { HEADER, lines, traceFile } from './traceFile.testkit.js';

// a stand-in checker that records what it was made with and conforms to everything
const made: TraceStart[] = [];
vi.mock('../model/ProfileChecker.js', () => ({
  ProfileChecker: class {
    constructor(
      readonly profile: { id: string },
      start: TraceStart,
    ) {
      made.push(start);
    }
    readonly verdict = undefined;
    feed() {
      return undefined;
    }
    finish() {
      return { profile: this.profile.id, verdict: 'conforms' };
    }
  },
}));

const PROFILE = { id: 'p' } as never;
const SET = '{"at":"2014-04-01T09:00:00Z","do":"setPhoto","user":"alice","via":"graph","photo":"p1"}';

describe('checkTraceFile', () => {
  it('hands every checker the photo settings of the header', async () => {
    made.length = 0;
    const header = HEADER.replace(/}$/, ',"photoSettings":{"source":"onPremises"}}');
    await checkTraceFile(traceFile(lines(header, SET)), [PROFILE, PROFILE]);
    expect(made).toHaveLength(2);
    expect(made[0]!.photoSettings).toStrictEqual({ source: 'onPremises', allowedRoles: [] });
    expect(made[0]!.start).toBe(Date.parse('2014-04-01T09:00:00Z'));
    expect(made[1]).toBe(made[0]);
  });

  it('returns a torn last line beside the verdicts when the header came after blank lines', async () => {
    const outcome = await checkTraceFile(traceFile(lines('', ' ', HEADER, SET) + SET.slice(0, 20)), [PROFILE]);
    expect(outcome.results).toEqual([{ profile: 'p', verdict: 'conforms' }]);
    expect([outcome.torn?.code, outcome.torn?.line]).toEqual(['PHOTOSYNC_TORN_TRACE', 5]);
  });

  it('rejects a torn header, after blank lines or not: there is nothing to check', async () => {
    for (const text of [HEADER.slice(0, 40), `\n\n${HEADER.slice(0, 40)}`]) {
      await expect(checkTraceFile(traceFile(text), [PROFILE])).rejects.toMatchObject({ code: 'PHOTOSYNC_TORN_TRACE' });
    }
  });

  it('stops reading when its signal is aborted, and rejects with the reason', async () => {
    const path = traceFile(lines(HEADER, ...Array<string>(20_000).fill(SET)));
    const stop = new AbortController();
    const run = checkTraceFile(path, [PROFILE], { signal: stop.signal });
    stop.abort(new Error('stop!'));
    await expect(run).rejects.toThrow('stop!');
    await expect(checkTraceFile(path, [PROFILE], { signal: new AbortController().signal })).resolves.toMatchObject({
      results: [{ verdict: 'conforms' }],
    });
  });
});
