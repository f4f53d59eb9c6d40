import { describe, expect, it } from 'vitest';
import { findProfile, PROFILES } from './profiles.js';
import { missingFrom, profileScope } from './profileScope.js';
import { SURFACES, VIAS } from './vocabulary.js';

describe('profileScope', () => {
  it('leaves Lync out of microsoft-2024 and Teams out of the 2014 and 2015 profiles', () => {
    expect(profileScope(findProfile('microsoft-2024')!).surfaces).not.toContain('lync');
    expect(profileScope(findProfile('microsoft-2024')!).vias).toContain('teams');
    for (const id of ['threewill-2014', 'microsoft-2014', 'exchange-2015']) {
      const scope = profileScope(findProfile(id)!);
      expect(scope.surfaces).toEqual(SURFACES.filter((s) => s !== 'teams'));
      expect(scope.vias).toEqual(VIAS.filter((v) => v !== 'teams'));
    }
  });

  it.each(PROFILES.map((p) => [p.id, p] as const))('%s: has a surface or path exactly when the rule providing it is there', (_id, p) => {
    const scope = profileScope(p);
    expect(scope.surfaces.includes('lync')).toBe(p.rules.includes('LYNC-PRESENCE'));
    expect(scope.vias.includes('lync')).toBe(p.rules.includes('LYNC-PRESENCE'));
    expect(scope.surfaces.includes('teams')).toBe(p.rules.includes('TEAMS-CACHE'));
    expect(scope.vias.includes('teams')).toBe(p.rules.includes('TEAMS-CACHE'));
    expect(scope.surfaces.includes('delve')).toBe(!p.rules.includes('DELVE-RETIRED'));
  });

  it('retires Delve in microsoft-2026, citing DELVE-RETIRED for it', () => {
    expect(profileScope(findProfile('microsoft-2026')!).surfaces).toEqual(SURFACES.filter((s) => s !== 'lync' && s !== 'delve'));
    expect(missingFrom(new Set(findProfile('microsoft-2026')!.rules)).surfaces.get('delve')).toBe('DELVE-RETIRED');
  });
});
