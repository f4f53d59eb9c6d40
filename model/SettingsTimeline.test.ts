import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SettingsTimeline, type SettingsChange } from './SettingsTimeline.js';
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
function possibleAt(initial: PhotoSettings, changes: readonly SettingsChange[], t: number) {
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
          const changes: SettingsChange[] = [];
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
  it('never rules out what the changes that happened allow, however often it learns, and never adds any', () => {
    fc.assert(
      fc.property(
        settings,
        fc.array(fc.record({ gap: fc.nat(150), settings, certain: fc.boolean(), happened: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.record({ after: fc.nat(150), judgedBy: fc.nat(), extra: fc.array(settings, { maxLength: 2 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        (initial, steps, actions) => {
          const t = new SettingsTimeline(initial, LAG);
          const happened: SettingsChange[] = [];
          let now = 0;
          for (const s of steps) {
            now += s.gap;
            t.record(now, s.settings, s.certain);
            if (s.certain || s.happened) happened.push({ at: now, settings: s.settings, certain: true });
          }
          let facts: ReturnType<SettingsTimeline['learn']>;
          for (const a of actions) {
            // actions of the subject at times that never decrease, within the lag of the last change or past it
            now += a.after;
            const options = t.at(now);
            const possible = facts === undefined ? options : t.knowing(now, facts);
            const real = possibleAt(initial, happened, now);
            expect(real.every((r) => possible.some((p) => same(p, r)))).toBe(true);
            // judged by one of the settings the world that was allows, and others the checker could not tell from it
            const by = real[a.judgedBy % real.length]!;
            const kept = possible.filter((p) => same(p, by) || a.extra.some((e) => same(e, p)));
            facts = t.learn(now, kept, facts) ?? facts;
            const told = facts === undefined ? options : t.knowing(now, facts);
            expect(real.every((r) => told.some((p) => same(p, r)))).toBe(true);
            expect(told.every((p) => possible.some((q) => same(p, q)))).toBe(true);
          }
        },
      ),
    );
  });

  it('tells a single change of unknown outcome apart both ways past the lag, and within it only that it happened', () => {
    const t = new SettingsTimeline(UNSET, LAG);
    t.record(10, CLOUD, false);
    expect(t.learn(50, [UNSET], undefined)).toBeUndefined();
    const madeEarly = t.learn(50, [CLOUD], undefined)!;
    expect(t.knowing(200, madeEarly)).toEqual([CLOUD]);
    t.at(200);
    const notMade = t.learn(200, [UNSET], undefined)!;
    expect(t.knowing(300, notMade)).toEqual([UNSET]);
    const made = t.learn(200, [CLOUD], undefined)!;
    expect(t.knowing(300, made)).toEqual([CLOUD]);
    expect(t.learn(200, [UNSET, CLOUD], undefined)).toBeUndefined();
  });
});
