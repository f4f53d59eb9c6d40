import { describe, expect, it } from 'vitest';
import { findProfile } from '../model/profiles.js';
import { ACTION_KINDS, SURFACES, VIAS } from '../model/vocabulary.js';
import { generationScope, type GenerationScope } from './GenerationScope.js';
import { simTenantFactory } from './TenantFactory.js';

const scopeOf = (sim: string, profile: string) => generationScope(simTenantFactory({ profile: sim }).capabilities, findProfile(profile)!);

describe('generationScope', () => {
  it('is what both the tenant and the profile have: no Lync for microsoft-2024 on a tenant of 2014, no Teams the other way', () => {
    const judgedBy2024: GenerationScope = scopeOf('threewill-2014', 'microsoft-2024');
    expect(judgedBy2024.surfaces).not.toContain('lync');
    expect(judgedBy2024.vias).not.toContain('lync');
    expect(judgedBy2024.actions).not.toContain('lyncSignIn');
    expect(judgedBy2024.surfaces).not.toContain('teams');
    const judgedBy2014 = scopeOf('microsoft-2024', 'threewill-2014');
    expect(judgedBy2014.surfaces).not.toContain('teams');
    expect(judgedBy2014.surfaces).not.toContain('lync');
    const own = scopeOf('threewill-2014', 'threewill-2014');
    expect(own.surfaces).toEqual(SURFACES.filter((s) => s !== 'teams'));
    expect(own.vias).toEqual(VIAS.filter((v) => v !== 'teams'));
    // the tenant's photo settings change nothing threewill-2014 can judge
    expect(own.actions).toEqual(ACTION_KINDS.filter((k) => k !== 'wait' && k !== 'setPhotoSettings'));
  });

  it('looks at a surface the profile says is retired where the tenant still shows it, and changes the settings only under PHOTO-SOURCE', () => {
    expect(scopeOf('microsoft-2024', 'microsoft-2026').surfaces).toContain('delve');
    expect(scopeOf('microsoft-2026', 'microsoft-2026').surfaces).not.toContain('delve');
    expect(scopeOf('microsoft-2026', 'microsoft-2026').actions).toContain('setPhotoSettings');
    expect(scopeOf('microsoft-2026', 'microsoft-2024').actions).not.toContain('setPhotoSettings');
  });

  it("has the profile's windows, sorted, the sums the SPEC's windows are made of among them", () => {
    const p = findProfile('threewill-2014')!;
    const { windows } = scopeOf('threewill-2014', 'threewill-2014');
    expect([...windows].sort((a, b) => a - b)).toEqual(windows);
    expect(new Set(windows).size).toBe(windows.length);
    expect(windows).toContain(p.params.exoLag! + p.params.owaCache!);
    expect(windows).toContain(p.params.dirSyncInterval! + p.params.exoLag!);
    expect(windows).toContain(p.params.spThrottle!);
  });
});
