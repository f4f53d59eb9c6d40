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
