import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND } from './Params.js';
import { PROFILES, findProfile, validateProfile } from './profiles.js';
import { ProfileError } from './ProfileError.js';
import { RULE_IDS } from './RuleId.js';
import { RULES } from './rules/index.js';

describe('the rule catalog', () => {
  it.each(RULE_IDS.map((id) => [id]))('%s is registered under its own id, with a statement and a source', (id) => {
    expect(RULES[id].id).toBe(id);
    expect(RULES[id].statement.length).toBeGreaterThan(20);
    expect(RULES[id].source).toMatch(/^(TW14|TW-c\/|MSDOC|MC\d+|azure-docs PR \d+)/);
  });

  it('puts every rule in at least one profile', () => {
    for (const id of RULE_IDS)
      expect(
        PROFILES.some((p) => p.rules.includes(id)),
        id,
      ).toBe(true);
  });
});

describe('the profiles of SPEC section 5', () => {
  it('are the five hypotheses, in order', () => {
    expect(PROFILES.map((p) => p.id)).toEqual(['threewill-2014', 'microsoft-2014', 'exchange-2015', 'microsoft-2024', 'microsoft-2026']);
  });

  it('microsoft-2014 is threewill-2014 plus SP-MYSITE-ONCE with spSync 24 h', () => {
    const tw = findProfile('threewill-2014')!;
    const ms = findProfile('microsoft-2014')!;
    expect(ms.rules.filter((r) => !tw.rules.includes(r))).toEqual(['SP-MYSITE-ONCE']);
    expect(tw.rules.every((r) => ms.rules.includes(r))).toBe(true);
    expect(ms.params).toEqual({ ...tw.params, spSync: 24 * HOUR });
  });

  it('exchange-2015 swaps the visit rules for SP-SYNC-WINDOW and adds the directory and policy rules', () => {
    const tw = findProfile('threewill-2014')!;
    const ex = findProfile('exchange-2015')!;
    expect(ex.rules).not.toContain('SP-NEEDS-VISIT');
    expect(ex.rules).not.toContain('SP-THROTTLE');
    expect(ex.rules).not.toContain('SP-FIRST-LAST');
    expect(ex.rules.filter((r) => !tw.rules.includes(r))).toEqual([
      'SP-SYNC-WINDOW',
      'AD-ONE-TIME',
      'AD-SIZE',
      'ADMIN-SIZE',
      'PHOTO-POLICY',
    ]);
    expect(ex.params.spSync).toBe(72 * HOUR);
    expect(ex.params.exoLag).toBe(60 * SECOND);
  });

  it('microsoft-2024 has no Lync and its own durations', () => {
    const m = findProfile('microsoft-2024')!;
    expect(m.rules).not.toContain('LYNC-PRESENCE');
    expect(m.rules).toContain('TEAMS-CACHE');
    expect(m.params).toMatchObject({ exoLag: HOUR, owaCache: HOUR, spPickup: HOUR, yammerSync: 6 * HOUR, dirSyncInterval: 30 * MINUTE });
  });

  it('microsoft-2026 is what Microsoft documents today, as SPEC section 5 lists it', () => {
    const m = findProfile('microsoft-2026')!;
    expect(m.rules).toEqual([
      'EXO-FAST',
      'OWA-CACHE',
      'OUTLOOK-CACHE',
      'TEAMS-CACHE',
      'HOVER-FROM-OWA',
      'SP-NEEDS-VISIT',
      'SP-THROTTLE',
      'SP-BROWSER-CACHE',
      'YAMMER-FROM-ENTRA',
      'DIRSYNC',
      'AD-SIZE',
      'CMDLET-RETIRED',
      'GRAPH-SIZE',
      'SP-UPLOAD-REDIRECT',
      'AD-PERIODIC',
      'PHOTO-SOURCE',
      'PHOTO-POLICY-OWA',
      'DELVE-RETIRED',
    ]);
    // SharePoint's own photo editor is gone: Edit-Cancel is only a visit
    expect(m.rules).not.toContain('EDIT-CANCEL');
    expect(m.params).toEqual({
      exoLag: 4 * HOUR,
      owaCache: HOUR,
      teamsCache: 60 * DAY,
      teamsServiceCache: 3 * DAY,
      spThrottle: 24 * HOUR,
      spPickup: 24 * HOUR,
      yammerSync: 6 * HOUR,
      dirSyncInterval: 30 * MINUTE,
      settingsLag: 24 * HOUR,
    });
  });

  it('rejects at load a profile with an unknown rule or a missing parameter', () => {
    expect(() => validateProfile({ id: 'x', summary: '', rules: ['NOPE' as never], params: {} })).toThrow(ProfileError);
    expect(() => validateProfile({ id: 'x', summary: '', rules: ['OWA-CACHE'], params: { exoLag: 1 } })).toThrow(/owaCache/);
  });

  it('orders a valid profile by the contract', () => {
    expect(validateProfile({ id: 'x', summary: '', rules: ['GRAPH-SIZE', 'EXO-FAST'], params: { exoLag: 1 } }).rules).toEqual([
      'EXO-FAST',
      'GRAPH-SIZE',
    ]);
  });
});
