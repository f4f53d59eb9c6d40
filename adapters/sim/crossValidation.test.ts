import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findProfile, PROFILES } from '../../model/profiles.js';
import type { Verdict } from '../../model/Verdict.js';
import { checkTraceFile } from '../../trace/checkTraceFile.js';
import { TraceWriter } from '../../trace/TraceWriter.js';
import type { Plan } from '../../harness/Plan.js';
import { traceHeader, traceLine } from '../../harness/traceFiles.js';
import { checkEvents } from '../../model/checkEvents.js';
import { describeRun, planArb, record } from './crossValidation.testkit.js';

// SPEC sections 2, 4 and 5, from the other side: the simulated tenant, written as mechanics, is
// driven at random and recorded as a trace; the reference model must find that trace conforms to
// the profile the tenant was built from. Where they disagree, one of them misreads the SPEC.

const RUNS = Number(process.env.PHOTOSYNC_RUNS ?? 2000);
const MAX_STEPS = 40;
// long runs reach states short ones rarely do: writes days apart, windows opened by earlier windows
const LONG_RUNS = Number(process.env.PHOTOSYNC_LONG_RUNS ?? 300);
const MAX_LONG_STEPS = 150;
const AS_IS_RUNS = Number(process.env.PHOTOSYNC_AS_IS_RUNS ?? 1000);

const alice = { id: 'alice', photo: 'p0', mySite: false, lync: 'online' as const, setPhotoEnabled: true, adSynced: false };

/** Disagreements the property found (shrunk), replayed first on every run and for every profile. */
const FOUND = {
  // exchange-2015: Edit-Cancel copies p2, uploaded in SharePoint after p3 came from Graph; p3 still
  // travels to SharePoint. The model made SharePoint go back to p3 once p3's window closed; it was
  // wrong (SPEC 4, "Time windows": after that only the newer one) and now lets p2 stay.
  olderChangeAfterEditCancel: {
    users: [alice],
    steps: [
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { do: 'setPhoto', user: 'alice', photo: 'p3', via: 'graph' },
      { do: 'setPhoto', user: 'alice', photo: 'p2', via: 'sharepoint' },
      { do: 'wait', ms: 3 * 3600_000 },
      { do: 'editCancel', user: 'alice' },
      { do: 'wait', ms: 3 * 3600_000 },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
    ],
    seed: 0,
  },
  // threewill-2014: a browser cache filled with p0 in the same millisecond as the upload of p5 that
  // replaced it at once. The SPEC closes p0's window at that instant ("a value whose window ends
  // exactly at t is no longer allowed at t"), which no tenant can honour within one instant: the
  // recorder now lets a millisecond pass after every event.
  cacheFilledInTheSameInstant: {
    users: [{ ...alice, id: 'bob' }],
    steps: [
      { see: 'sp-search', user: 'bob', viewer: 'dave' },
      { do: 'setPhoto', user: 'bob', photo: 'p5', via: 'sharepoint' },
      { see: 'sp-search', user: 'bob', viewer: 'dave' },
    ],
    seed: 664223851,
  },
  // exchange-2015, in runs of up to 150 steps: the first AD write set the photo Exchange held and may
  // have used the one-time sync before a write too large to sync came; the model took Exchange
  // keeping that photo as the sync unused, and required a later AD photo (ExchangeSide.usedBefore)
  firstAdWriteOfTheHeldPhoto: {
    users: [{ ...alice, photo: 'p5', lync: 'offline' }],
    steps: [
      { do: 'setPhoto', user: 'alice', photo: 'p5', via: 'on-prem-ad' },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'on-prem-ad', bytes: 4194304 },
      { do: 'wait', ms: 345600000 },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'on-prem-ad' },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'on-prem-ad', bytes: 10241 },
      { do: 'wait', ms: 86400000 },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'on-prem-ad' },
      { do: 'wait', ms: 259200000 },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
    ],
    seed: 1534758288,
  },
  // microsoft-2026, in runs of up to 150 and 300 steps: a push at the throttle's end may have missed
  // the change made after the visit alone, which then waits for a visit of its own (Rewait.alone);
  // the model had the visit count for it, and the tenant showed p2 (p4) only after a later visit
  changeAfterTheVisitMissedAlone: {
    users: [{ ...alice, photo: 'none', lync: 'offline' }],
    steps: [
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
      { do: 'wait', ms: 82800000 },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { do: 'editCancel', user: 'alice' },
      { do: 'setPhoto', user: 'alice', photo: 'p2', via: 'sharepoint' },
      { do: 'wait', ms: 259200000 },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
      { do: 'wait', ms: 5270400000 },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
    ],
    seed: 206672066,
  },
  changeAfterAVisitMissedAlone: {
    users: [{ ...alice, photo: 'none', lync: 'offline' }],
    steps: [
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { do: 'editCancel', user: 'alice' },
      { do: 'wait', ms: 72000000 },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { do: 'wait', ms: 60000 },
      { do: 'visitMySite', user: 'alice' },
      { do: 'setPhoto', user: 'alice', photo: 'p4', via: 'sharepoint' },
      { do: 'wait', ms: 5184000000 },
      { see: 'sp-people-picker', user: 'alice', viewer: 'alice' },
      { do: 'visitMySite', user: 'alice' },
      { do: 'wait', ms: 5184000000 },
      { see: 'sp-people-picker', user: 'alice', viewer: 'alice' },
    ],
    seed: 1248990524,
  },
  // exchange-2015, in runs of up to 200 steps: p3, the first AD photo synced, travels on past an
  // Edit-Cancel that copied the upload (p0, newer); the model had SharePoint keep p0 after p3 landed
  // only where p3 was never carried, so SharePoint showing p0 required the later AD write
  copyNewerThanTheFirstAdPhoto: {
    users: [{ ...alice, lync: 'offline' }],
    steps: [
      { do: 'setPhoto', user: 'alice', photo: 'p3', via: 'on-prem-ad' },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'on-prem-ad', bytes: 4194304 },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { do: 'editCancel', user: 'alice' },
      { do: 'wait', ms: 345600000 },
      { do: 'removePhoto', user: 'alice', via: 'admin-cmdlet' },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'on-prem-ad' },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
      { do: 'wait', ms: 86400000 },
      { see: 'sp-search-hover', user: 'alice', viewer: 'alice' },
    ],
    seed: 1595493107,
  },
} satisfies Record<string, Plan>;

/** Found by the property of a tenant with a history (shrunk), replayed first on every run and for every profile. */
const FOUND_AS_IS = {
  // threewill-2014, from a header with `spUpdated` and `pending` unknown: uploads through SharePoint
  // every few minutes split the time of the last update into spans, each a state equal to the next
  // but for that span, the update that changes it may have left waiting and how long a photo set
  // in its throttle window may show. No fault at all, yet more than 32 states were open by line
  // 26 and the verdict was `unknown`; past the cap they are now joined (SharePointSide.joinUpdated).
  uploadsEveryFewMinutes: {
    users: [{ id: 'alice', photo: 'p0', mySite: false, lync: 'offline', setPhotoEnabled: true, adSynced: false }],
    steps: [
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { do: 'wait', ms: 1551768 },
      { do: 'lyncSignIn', user: 'alice' },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
      { do: 'wait', ms: 10079996 },
      { see: 'sp-search-hover', user: 'alice', viewer: 'alice' },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { see: 'sp-search-hover', user: 'alice', viewer: 'alice' },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'sharepoint' },
      { see: 'sp-mysite', user: 'alice', viewer: 'dave' },
      { back: 2, waitUntil: 10800000, delta: 60000 },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
      { see: 'outlook-desktop', user: 'alice', viewer: 'alice' },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'sharepoint' },
      { see: 'outlook-desktop', user: 'alice', viewer: 'alice' },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
      { see: 'lync', user: 'alice', viewer: 'alice' },
      { do: 'setPolicy', user: 'alice', setPhotoEnabled: false },
      { see: 'lync', user: 'alice', viewer: 'alice' },
      { do: 'openYammer', user: 'alice' },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
      { do: 'setPhoto', user: 'alice', photo: 'p3', via: 'sharepoint' },
      { see: 'sp-search-hover', user: 'alice', viewer: 'alice' },
      { back: 0, waitUntil: 10800000, delta: -60000 },
      { do: 'visitMySite', user: 'alice' },
      { do: 'removePhoto', user: 'alice', via: 'admin-cmdlet' },
      { see: 'sp-mysite', user: 'alice', viewer: 'dave' },
      { do: 'setPhoto', user: 'alice', photo: 'p0', via: 'on-prem-ad' },
      { do: 'wait', ms: 259140000 },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
      { see: 'sp-mysite', user: 'alice', viewer: 'alice' },
    ],
    seed: 200875015,
  },
} satisfies Record<string, Plan>;

describe.each(PROFILES.map((p) => [p.id, p] as const))('%s: the simulated tenant conforms to its own profile', (id, profile) => {
  it(`in ${RUNS} random runs of up to ${MAX_STEPS} steps`, async () => {
    await fc.assert(
      fc.asyncProperty(planArb(profile, MAX_STEPS), async (plan) => {
        const run = await record(profile, plan);
        const verdict = run.verdict;
        if (verdict.verdict !== 'conforms') expect.fail(`${JSON.stringify(verdict)}\n${describeRun(run)}`);
        expect(verdict).toEqual({ profile: id, verdict: 'conforms' });
      }),
      { numRuns: RUNS, examples: Object.values(FOUND).map((plan): [Plan] => [plan]) },
    );
  });

  it(`in ${LONG_RUNS} random runs of up to ${MAX_LONG_STEPS} steps`, async () => {
    await fc.assert(
      fc.asyncProperty(planArb(profile, MAX_LONG_STEPS), async (plan) => {
        const run = await record(profile, plan);
        if (run.verdict.verdict !== 'conforms') expect.fail(`${JSON.stringify(run.verdict)}\n${describeRun(run)}`);
        expect(run.verdict).toEqual({ profile: id, verdict: 'conforms' });
      }),
      { numRuns: LONG_RUNS },
    );
  });

  it('with faults injected: actions of unknown outcome and failed looks never make it diverge', async () => {
    let unknowns = 0;
    await fc.assert(
      fc.asyncProperty(planArb(profile, MAX_STEPS), async (plan) => {
        const run = await record(profile, plan, { faults: 0.1 });
        unknowns += run.events.filter((e) => ('see' in e ? e.photo === 'unknown' : e.result === 'unknown')).length;
        const verdict = run.verdict;
        // unknown is the checker giving up on too many possibilities, never a failure
        if (verdict.verdict === 'diverges') expect.fail(`${JSON.stringify(verdict)}\n${describeRun(run)}`);
        expect(verdict.verdict).not.toBe('diverges');
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
    expect(unknowns).toBeGreaterThan(0);
  });
});

describe.each(PROFILES.map((p) => [p.id, p] as const))('%s: a simulated tenant with a history conforms from its survey', (id, profile) => {
  // SPEC section 6: a live tenant is surveyed, not reset; the simulated one plays a random history
  // first and gives the header a careful survey would (stores as read, the rest unknown)
  it(`in ${AS_IS_RUNS} random runs`, async () => {
    let unknownHeaders = 0;
    await fc.assert(
      fc.asyncProperty(planArb(profile, MAX_STEPS), async (plan) => {
        const run = await record(profile, plan, { asIs: true });
        unknownHeaders += run.start.users.filter((u) => u.spUpdated === 'unknown' && u.caches === 'unknown').length;
        if (run.verdict.verdict !== 'conforms') expect.fail(`${JSON.stringify(run.verdict)}\n${describeRun(run)}`);
      }),
      { numRuns: AS_IS_RUNS, examples: Object.values(FOUND_AS_IS).map((plan): [Plan] => [plan]) },
    );
    expect(unknownHeaders).toBeGreaterThan(0);
  });

  it('with faults injected, never diverges', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(profile, MAX_STEPS), async (plan) => {
        const run = await record(profile, plan, { asIs: true, faults: 0.1 });
        if (run.verdict.verdict === 'diverges') expect.fail(`${JSON.stringify(run.verdict)}\n${describeRun(run)}`);
      }),
      { numRuns: Math.ceil(AS_IS_RUNS / 4) },
    );
  });

  it('diverges from every other profile within a few hundred runs', async () => {
    for (const other of PROFILES.filter((p) => p.id !== id)) {
      const plans = fc.sample(planArb(other, MAX_STEPS), { numRuns: 400, seed: 2026 });
      let found = false;
      for (const plan of plans) {
        if ((await record(profile, plan, { asIs: true, judge: other })).verdict.verdict === 'diverges') {
          found = true;
          break;
        }
      }
      expect(found, `a tenant of ${id} with a history never diverged from ${other.id}`).toBe(true);
    }
  });
});

describe('a simulated run written to a trace file', () => {
  it.each(PROFILES.map((p) => p.id))('gets the same verdict from checkTraceFile as in memory (%s)', async (id) => {
    const profile = findProfile(id)!;
    const [plan] = fc.sample(planArb(profile, MAX_STEPS), { numRuns: 1, seed: 2014 });
    const run = await record(profile, plan!, { faults: 0.05 });
    const path = join(mkdtempSync(join(tmpdir(), 'photosync-sim-')), 'run.jsonl');
    const w = TraceWriter.open(path);
    w.append(traceHeader(run.start, { adapter: 'sim', simProfile: id, seed: plan!.seed }));
    for (const e of run.events) w.append(traceLine(e));
    w.close();
    const offline = await checkTraceFile(path, PROFILES);
    expect(offline.torn).toBeUndefined();
    // a divergence quotes the event as read: the file's ISO time, the memory's milliseconds
    const comparable = (v: Verdict) => (v.verdict === 'diverges' ? { ...v, divergence: { ...v.divergence, event: undefined } } : v);
    expect(offline.results.map(comparable)).toEqual(PROFILES.map((p) => comparable(checkEvents(p, run.start, run.events))));
    expect(offline.results.find((r) => r.profile === id)?.verdict).not.toBe('diverges');
  });
});
