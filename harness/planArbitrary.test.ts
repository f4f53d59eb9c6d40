import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findProfile, PROFILES } from '../model/profiles.js';
import { isLook } from '../adapters/RunStep.js';
import { generationScope, SUBJECTS } from './GenerationScope.js';
import { isWaitUntil, namedUsers, planLength } from './Plan.js';
import { planArbitrary } from './planArbitrary.js';
import { simTenantFactory } from './TenantFactory.js';

const scopeOf = (sim: string, profile: string) => generationScope(simTenantFactory({ profile: sim }).capabilities, findProfile(profile)!);

describe('planArbitrary', () => {
  it.each(PROFILES.map((p) => [p.id] as const))('keeps every plan within the scope and the length asked (%s)', (id) => {
    // a tenant of 2014 (with Lync) judged by each profile: the scope is what both have
    const scope = scopeOf('threewill-2014', id);
    fc.assert(
      fc.property(planArbitrary(scope, 12), (plan) => {
        expect(planLength(plan.steps)).toBeLessThanOrEqual(12);
        expect(plan.users.length).toBeGreaterThanOrEqual(1);
        expect(plan.users.length).toBeLessThanOrEqual(3);
        const subjects = plan.users.map((u) => u.id);
        for (const s of plan.steps) {
          if (isWaitUntil(s)) {
            expect(scope.windows).toContain(s.waitUntil);
            continue;
          }
          if (isLook(s)) {
            expect(scope.surfaces).toContain(s.see);
            expect(subjects).toContain(s.user);
            continue;
          }
          if (s.do === 'wait') {
            expect(s.ms).toBeGreaterThanOrEqual(0);
            continue;
          }
          expect(scope.actions).toContain(s.do);
          if ('via' in s) expect(scope.vias).toContain(s.via);
          if ('user' in s) expect(subjects).toContain(s.user);
          if (s.do === 'restartClient' && s.client !== 'outlook-desktop') expect(scope.surfaces).toContain(s.client);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('uses all of a wide scope across runs: every action kind, path and surface shows up', () => {
    const scope = scopeOf('threewill-2014', 'threewill-2014');
    const seen = new Set<string>();
    for (const plan of fc.sample(planArbitrary(scope, 30), { numRuns: 300, seed: 7 })) {
      for (const s of plan.steps) {
        if (isWaitUntil(s)) seen.add('waitUntil');
        else if (isLook(s)) seen.add(`see:${s.see}`);
        else {
          seen.add(`do:${s.do}`);
          if ('via' in s) seen.add(`via:${s.via}`);
        }
      }
      for (const u of plan.users) seen.add(`user:${u.id}`);
    }
    for (const k of scope.actions) expect(seen).toContain(`do:${k}`);
    for (const v of scope.vias) expect(seen).toContain(`via:${v}`);
    for (const s of scope.surfaces) expect(seen).toContain(`see:${s}`);
    for (const u of SUBJECTS) expect(seen).toContain(`user:${u}`);
    expect(seen).toContain('waitUntil');
    expect(seen).toContain('do:wait');
  });

  it("names only a tenant's own users where it lists them: its first ones change, the last one only looks", () => {
    const own = scopeOf('microsoft-2026', 'microsoft-2026');
    const scope = generationScope(
      { ...simTenantFactory({ profile: 'microsoft-2026' }).capabilities, users: ['ann', 'ben', 'cy', 'di'] },
      findProfile('microsoft-2026')!,
    );
    expect(scope.subjects).toEqual(['ann', 'ben', 'cy']);
    expect(scope.outsiders).toEqual(['di']);
    expect(own.subjects).toEqual(SUBJECTS);
    const named = new Set<string>();
    for (const plan of fc.sample(planArbitrary(scope, 30), { numRuns: 200, seed: 11 })) for (const u of namedUsers(plan)) named.add(u);
    expect([...named].filter((u) => u !== 'admin').sort()).toEqual(['ann', 'ben', 'cy', 'di']);
    const alone = generationScope(
      { ...simTenantFactory({ profile: 'microsoft-2026' }).capabilities, users: ['solo'] },
      findProfile('microsoft-2026')!,
    );
    expect(alone).toMatchObject({ subjects: ['solo'], outsiders: [] });
    for (const plan of fc.sample(planArbitrary(alone, 10), { numRuns: 50, seed: 5 }))
      expect(namedUsers(plan).filter((u) => u !== 'admin')).toEqual(['solo']);
  });

  it('puts a good share of its waits just inside or just outside a window of the profile', () => {
    const scope = scopeOf('microsoft-2024', 'microsoft-2024');
    const waits = fc
      .sample(planArbitrary(scope, 30), { numRuns: 200, seed: 3 })
      .flatMap((p) => p.steps.flatMap((s) => (!isWaitUntil(s) && !isLook(s) && s.do === 'wait' ? [s.ms] : [])));
    const nearAWindow = waits.filter((ms) => scope.windows.some((w) => Math.abs(ms - w) <= 60_000));
    expect(waits.length).toBeGreaterThan(100);
    expect(nearAWindow.length / waits.length).toBeGreaterThan(0.25);
  });

  it('gives the same plans for the same seed', () => {
    const scope = scopeOf('exchange-2015', 'exchange-2015');
    expect(fc.sample(planArbitrary(scope, 20), { numRuns: 20, seed: 42 })).toEqual(
      fc.sample(planArbitrary(scope, 20), { numRuns: 20, seed: 42 }),
    );
  });
});
