import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from './Params.js';
import { check, see, setPhoto, T0, users, visit } from './scenario.testkit.js';
import type { Verdict } from './Verdict.js';
import type { Window } from './Window.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });

function windowsOf(v: Verdict): Window[] {
  if (v.verdict !== 'diverges') throw new Error(`expected a divergence, got ${v.verdict}`);
  return [...(v.divergence.windows ?? [])];
}

// the windows a divergence carries are the model's own spans, for a timeline to draw
describe('the windows of a divergence', () => {
  it('carries the 72-hour sync window of a change that should have reached SharePoint', () => {
    const v = check('exchange-2015', people, [setPhoto('+0s', 'outlook-web', 'p1', 'ok'), see('+3d1m', 'sp-newsfeed', 'p0')]);
    expect(windowsOf(v)).toContainEqual({
      lane: 'sharepoint',
      kind: 'in-flight',
      from: T0,
      to: T0 + 72 * HOUR,
      photos: ['p1'],
      rules: ['SP-SYNC-WINDOW'],
    });
  });

  it('carries the pickup window after a visit, which ends spPickup after it', () => {
    const v = check('exchange-2015', people, [
      setPhoto('+0s', 'outlook-web', 'p1', 'ok'),
      visit('+1h'),
      see('+1h10m', 'sp-newsfeed', 'p0'),
    ]);
    expect(windowsOf(v)).toContainEqual(
      expect.objectContaining({ lane: 'sharepoint', kind: 'in-flight', to: T0 + HOUR + 10 * MINUTE, photos: ['p1'] }),
    );
  });

  it('carries the throttle holding a second change back, from the last update', () => {
    const v = check('threewill-2014', people, [
      setPhoto('+0s', 'outlook-web', 'p1', 'ok'),
      visit('+1h'),
      setPhoto('+2h', 'outlook-web', 'p2', 'ok'),
      visit('+3h'),
      see('+4h', 'sp-newsfeed', 'p2'),
    ]);
    const windows = windowsOf(v);
    const held = windows.find((w) => w.kind === 'held-back');
    expect(held).toMatchObject({ lane: 'sharepoint', photos: ['p2'], rules: ['SP-THROTTLE'], to: T0 + 73 * HOUR });
    expect(windows.find((w) => w.kind === 'waiting')).toMatchObject({ from: T0 + 2 * HOUR, photos: ['p2'] });
  });

  it('carries how far back a cached surface reads', () => {
    const v = check('threewill-2014', people, [setPhoto('+0s', 'outlook-web', 'p1', 'ok'), see('+1h', 'outlook-desktop', 'p2')]);
    const back = windowsOf(v).filter((w) => w.kind === 'reads-back');
    expect(back.length).toBeGreaterThan(0);
    for (const w of back) expect(w).toMatchObject({ lane: 'outlook-desktop', to: T0 + HOUR });
  });

  it('keeps every window within the trace: no instant before its start, none ending before it begins', () => {
    const v = check('microsoft-2024', people, [setPhoto('+0s', 'outlook-web', 'p1', 'ok'), see('+5d', 'sp-newsfeed', 'p0')]);
    for (const w of windowsOf(v)) {
      expect(w.from).toBeGreaterThanOrEqual(T0);
      expect(w.to).toBeGreaterThanOrEqual(w.from);
    }
  });
});
