import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SettingsTimeline } from './SettingsTimeline.js';
import type { PhotoSettings } from './vocabulary.js';

const UNSET: PhotoSettings = { source: 'unset', allowedRoles: [] };
const CLOUD: PhotoSettings = { source: 'cloud', allowedRoles: ['helpdesk'] };
const ON_PREMISES: PhotoSettings = { source: 'onPremises', allowedRoles: [] };
const LAG = 100;

// PHOTO-SOURCE: a change takes effect within settingsLag; an action meanwhile may meet either
describe('SettingsTimeline', () => {
  it('judges by the old or the new settings within the lag, by the new one after it', () => {
    const t = new SettingsTimeline(UNSET, LAG);
    t.record(10, CLOUD, true);
    expect(t.at(5)).toEqual([UNSET]);
    expect(t.at(10)).toEqual([UNSET, CLOUD]);
    expect(t.at(109)).toEqual([UNSET, CLOUD]);
    expect(t.at(110)).toEqual([CLOUD]);
  });

  it('keeps every settings still possible when changes overlap', () => {
    const t = new SettingsTimeline(UNSET, LAG);
    t.record(10, CLOUD, true);
    t.record(50, ON_PREMISES, true);
    expect(t.at(60)).toEqual([UNSET, CLOUD, ON_PREMISES]);
    expect(t.at(120)).toEqual([CLOUD, ON_PREMISES]);
    expect(t.at(150)).toEqual([ON_PREMISES]);
  });

  it('leaves both possible for good after a change of unknown outcome, until a known one settles', () => {
    const t = new SettingsTimeline(UNSET, LAG);
    t.record(10, CLOUD, false);
    expect(t.at(10_000)).toEqual([UNSET, CLOUD]);
    t.record(10_000, ON_PREMISES, true);
    expect(t.at(10_100)).toEqual([ON_PREMISES]);
  });
});

// the settings possible at t, worked out from every change at once: the base, or the last certain
// change in effect, then every later change already made
function possibleAt(initial: PhotoSettings, changes: readonly { at: number; settings: PhotoSettings; certain: boolean }[], t: number) {
  let out = [initial];
  for (const c of changes) {
    if (c.at > t) continue;
    if (c.certain && t >= c.at + LAG) out = [c.settings];
    else if (!out.some((p) => JSON.stringify(p) === JSON.stringify(c.settings))) out = [...out, c.settings];
  }
  return out;
}

describe('SettingsTimeline, against every change worked out at once', () => {
  const settings = fc.constantFrom(UNSET, CLOUD, ON_PREMISES, { ...UNSET });
  it('gives the same settings, in order, for times that never decrease', () => {
    fc.assert(
      fc.property(
        settings,
        fc.array(fc.record({ gap: fc.nat(150), settings, certain: fc.boolean(), asks: fc.array(fc.nat(150), { maxLength: 3 }) }), {
          maxLength: 12,
        }),
        (initial, steps) => {
          const t = new SettingsTimeline(initial, LAG);
          const changes: { at: number; settings: PhotoSettings; certain: boolean }[] = [];
          let now = 0;
          for (const s of steps) {
            now += s.gap;
            t.record(now, s.settings, s.certain);
            changes.push({ at: now, settings: s.settings, certain: s.certain });
            for (const ask of s.asks) {
              now += ask;
              expect(t.at(now)).toEqual(possibleAt(initial, changes, now));
            }
          }
        },
      ),
    );
  });
});

describe('SettingsTimeline.learn, against the outcomes that really were', () => {
  const settings = fc.constantFrom(UNSET, CLOUD, ON_PREMISES);
  const same = (a: PhotoSettings, b: PhotoSettings) => JSON.stringify(a) === JSON.stringify(b);
  it('never rules out the settings in force, however often it learns, and never adds any', () => {
    fc.assert(
      fc.property(
        settings,
        fc.array(fc.record({ gap: fc.nat(150), settings, certain: fc.boolean(), happened: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(settings, { maxLength: 2 }), { minLength: 1, maxLength: 3 }),
        fc.nat(300),
        (initial, steps, extras, after) => {
          const t = new SettingsTimeline(initial, LAG);
          let now = 0;
          let inForce = initial;
          for (const s of steps) {
            now += s.gap;
            t.record(now, s.settings, s.certain);
            if (s.certain || s.happened) inForce = s.settings;
          }
          // past every change's lag, the settings in force are those of the last change that happened
          const when = now + LAG + after;
          const options = t.at(when);
          let facts: ReturnType<SettingsTimeline['learn']>;
          for (const extra of extras) {
            const possible = facts === undefined ? options : t.knowing(when, facts);
            expect(possible.some((p) => same(p, inForce))).toBe(true);
            // an action judged by the settings in force, and by some others the checker could not tell from them
            const kept = possible.filter((p) => same(p, inForce) || extra.some((e) => same(e, p)));
            facts = t.learn(when, kept, facts) ?? facts;
            const told = facts === undefined ? options : t.knowing(when, facts);
            expect(told.some((p) => same(p, inForce))).toBe(true);
            expect(told.every((p) => possible.some((q) => same(p, q)))).toBe(true);
          }
        },
      ),
    );
  });

  it('tells a single change of unknown outcome apart both ways, and nothing within the lag', () => {
    const t = new SettingsTimeline(UNSET, LAG);
    t.record(10, CLOUD, false);
    expect(t.learn(50, [UNSET], undefined)).toBeUndefined();
    t.at(200);
    const notMade = t.learn(200, [UNSET], undefined)!;
    expect(t.knowing(300, notMade)).toEqual([UNSET]);
    const made = t.learn(200, [CLOUD], undefined)!;
    expect(t.knowing(300, made)).toEqual([CLOUD]);
    expect(t.learn(200, [UNSET, CLOUD], undefined)).toBeUndefined();
  });
});
