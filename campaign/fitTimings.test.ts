import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SECOND } from '../model/Params.js';
import { findProfile } from '../model/profiles.js';
import { events, see, setPhoto, T0, users } from '../model/scenario.testkit.js';
import { fitTimings } from './fitTimings.js';

const start = { start: T0, users: users({ id: 'alice', photo: 'p0' }, { id: 'bob' }) };
const fit = (profile: string, steps: Parameters<typeof events>[0], param: string) =>
  fitTimings(findProfile(profile)!, start, events(steps)).find((f) => f.param === param)!;

describe('fitTimings', () => {
  it("bounds Exchange's lag from below when an old photo still showed", () => {
    // the old photo in Graph 30 minutes after the change: exoLag is over 30 minutes
    const late = fit('threewill-2014', [setPhoto('+0s', 'outlook-web', 'p1', 'ok'), see('+30m', 'graph', 'p0')], 'exoLag');
    expect(late.consistent!.lo).toBeGreaterThan(30 * MINUTE);
    // sought to the second between the values tried (the grid has 10 min and 1 h): the look's own time
    expect(late.consistent!.lo).toBeLessThanOrEqual(30 * MINUTE + 2 * SECOND);
    expect(late.consistent!.hi).toBeGreaterThanOrEqual(late.consistent!.lo);
    // the profile's own value is refuted by it, as the checker says
    expect(late.value).toBeLessThan(late.consistent!.lo);
  });

  it("keeps the profile's own value when the journal conforms; a new photo seen early bounds no lag (it may land at any instant of its window)", () => {
    const f = fit('threewill-2014', [setPhoto('+0s', 'outlook-web', 'p1', 'ok'), see('+2h', 'graph', 'p1')], 'exoLag');
    expect(f.consistent!.lo).toBeLessThanOrEqual(f.value);
    expect(f.consistent!.hi).toBeGreaterThan(2 * HOUR);
    expect(f.contiguous).toBe(true);
  });

  it('says no value fits when the journal refutes the profile for another reason', () => {
    const steps = [setPhoto('+0s', 'admin-cmdlet', 'p1', 'ok')];
    const f = fitTimings(findProfile('microsoft-2026')!, start, events(steps));
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) expect(x.consistent).toBeNull();
  });
});
