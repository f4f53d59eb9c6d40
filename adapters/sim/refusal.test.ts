import { describe, expect, it } from 'vitest';
import type { Action, PhotoSettings, SetPhoto, Via } from '../../model/vocabulary.js';
import { actingUser, GRAPH_PHOTO_LIMIT, hasVia, refusal } from './refusal.js';
import { tenantBehaviour } from './TenantBehaviour.js';

const refused = (profile: string, a: Action, setPhotoEnabled = true) => refusal(tenantBehaviour(profile), a, setPhotoEnabled) !== undefined;
const set = (via: Via, extra: Partial<SetPhoto> = {}): Action => ({ do: 'setPhoto', user: 'alice', photo: 'p1', via, ...extra });

describe('refusal', () => {
  it('refuses nothing in threewill-2014 but what it does not have', () => {
    for (const via of ['sharepoint', 'outlook-web', 'lync', 'yammer', 'admin-cmdlet', 'graph', 'on-prem-ad'] as const) {
      expect(refused('threewill-2014', set(via, { bytes: 50_000 }), false)).toBe(false);
    }
    expect(refused('threewill-2014', set('teams'))).toBe(true);
  });

  it('applies the OWA mailbox policy to the user paths only (PHOTO-POLICY)', () => {
    for (const via of ['outlook-web', 'outlook-desktop', 'lync', 'sharepoint'] as const)
      expect(refused('exchange-2015', set(via), false)).toBe(true);
    for (const via of ['admin-cmdlet', 'graph', 'yammer', 'on-prem-ad'] as const)
      expect(refused('exchange-2015', set(via), false)).toBe(false);
    expect(refused('exchange-2015', set('outlook-web'), true)).toBe(false);
  });

  it("refuses an admin's large photo of another user, not of themselves (ADMIN-SIZE)", () => {
    expect(refused('exchange-2015', set('admin-cmdlet', { bytes: 10_241 }))).toBe(true);
    expect(refused('exchange-2015', set('admin-cmdlet', { bytes: 10_240 }))).toBe(false);
    expect(refused('exchange-2015', set('admin-cmdlet', { bytes: 10_241, by: 'alice' }))).toBe(false);
  });

  it('refuses the retired cmdlets, large Graph uploads, Yammer uploads and Lync in microsoft-2024', () => {
    expect(refused('microsoft-2024', set('admin-cmdlet'))).toBe(true);
    expect(refused('microsoft-2024', { do: 'removePhoto', user: 'alice', via: 'admin-cmdlet' })).toBe(true);
    expect(refused('microsoft-2024', { do: 'removePhoto', user: 'alice', via: 'graph' })).toBe(false);
    expect(refused('microsoft-2024', set('graph', { bytes: GRAPH_PHOTO_LIMIT + 1 }))).toBe(true);
    expect(refused('microsoft-2024', set('graph', { bytes: GRAPH_PHOTO_LIMIT }))).toBe(false);
    expect(refused('microsoft-2024', set('yammer'))).toBe(true);
    expect(refused('microsoft-2024', set('lync'))).toBe(true);
    expect(refused('microsoft-2024', { do: 'lyncSignIn', user: 'alice' })).toBe(true);
    expect(refused('microsoft-2024', set('teams'))).toBe(false);
  });

  it('knows which paths a tenant has', () => {
    expect([hasVia(tenantBehaviour('threewill-2014'), 'lync'), hasVia(tenantBehaviour('threewill-2014'), 'teams')]).toEqual([true, false]);
    expect([hasVia(tenantBehaviour('microsoft-2024'), 'lync'), hasVia(tenantBehaviour('microsoft-2024'), 'teams')]).toEqual([false, true]);
  });

  it('applies the OWA mailbox policy to Outlook on the web and Teams only since 2026 (PHOTO-POLICY-OWA)', () => {
    for (const via of ['outlook-web', 'teams'] as const) expect(refused('microsoft-2026', set(via), false)).toBe(true);
    for (const via of ['outlook-desktop', 'sharepoint', 'graph', 'on-prem-ad'] as const)
      expect(refused('microsoft-2026', set(via), false)).toBe(false);
    expect(refused('microsoft-2026', set('outlook-web'), true)).toBe(false);
    expect(refused('microsoft-2026', { do: 'removePhoto', user: 'alice', via: 'graph' }, false)).toBe(false);
  });

  it('lets a mutant move the policy to other paths', () => {
    const b = tenantBehaviour('microsoft-2026');
    expect(refusal(b, set('sharepoint'), false, { policyPaths: ['sharepoint'] })).toBeDefined();
    expect(refusal(b, set('outlook-web'), false, { policyPaths: ['sharepoint'] })).toBeUndefined();
  });
});

describe('refusal by the photo update settings (PHOTO-SOURCE)', () => {
  const judged = (profile: string, a: Action, settings: PhotoSettings, roles: Record<string, string[]> = {}) =>
    refusal(tenantBehaviour(profile), a, true, { settings: () => settings, rolesOf: (u) => roles[u] ?? [] }) !== undefined;
  const onPremises: PhotoSettings = { source: 'onPremises', allowedRoles: [] };
  const cloud = (...allowedRoles: string[]): PhotoSettings => ({ source: 'cloud', allowedRoles });

  it('refuses every photo change but an AD write while photos are managed on premises', () => {
    for (const via of ['outlook-web', 'outlook-desktop', 'teams', 'sharepoint', 'graph'] as const) {
      expect(judged('microsoft-2026', set(via), onPremises)).toBe(true);
    }
    expect(judged('microsoft-2026', { do: 'removePhoto', user: 'alice', via: 'graph' }, onPremises)).toBe(true);
    expect(judged('microsoft-2026', set('on-prem-ad'), onPremises)).toBe(false);
    expect(judged('microsoft-2026', { do: 'visitMySite', user: 'alice' }, onPremises)).toBe(false);
  });

  it('refuses, in the cloud with allowed roles, a change whose acting user holds none of them; admin holds every role', () => {
    const roles = { alice: ['Reader'], bob: ['PhotoAdmin'] };
    expect(judged('microsoft-2026', set('graph'), cloud('PhotoAdmin'), roles)).toBe(true);
    expect(judged('microsoft-2026', set('graph', { by: 'bob' }), cloud('PhotoAdmin', 'Other'), roles)).toBe(false);
    expect(judged('microsoft-2026', set('graph', { by: 'admin' }), cloud('PhotoAdmin'), roles)).toBe(false);
    expect(judged('microsoft-2026', set('graph', { by: 'carol' }), cloud('PhotoAdmin'), roles)).toBe(true);
    expect(judged('microsoft-2026', { do: 'removePhoto', user: 'alice', via: 'graph' }, cloud('PhotoAdmin'), roles)).toBe(true);
    expect(judged('microsoft-2026', set('graph'), cloud(), roles)).toBe(false);
    expect(judged('microsoft-2026', set('on-prem-ad'), cloud('PhotoAdmin'), roles)).toBe(false);
  });

  it('changes nothing in a profile without PHOTO-SOURCE', () => {
    for (const profile of ['threewill-2014', 'microsoft-2014', 'exchange-2015', 'microsoft-2024']) {
      expect(judged(profile, set('graph'), onPremises)).toBe(false);
      expect(judged(profile, set('graph'), cloud('PhotoAdmin'))).toBe(false);
    }
  });

  it('reads the settings only for a photo change that nothing else refuses, so that a settled tenant draws no dice', () => {
    let asked = 0;
    const judge = { settings: () => (asked++, onPremises) };
    const b = tenantBehaviour('microsoft-2026');
    refusal(b, set('admin-cmdlet'), true, judge);
    refusal(b, set('on-prem-ad'), true, judge);
    refusal(b, { do: 'openYammer', user: 'alice' }, true, judge);
    refusal(tenantBehaviour('microsoft-2024'), set('graph'), true, judge);
    expect(asked).toBe(0);
    refusal(b, set('graph'), true, judge);
    expect(asked).toBe(1);
  });

  it('knows who acts: by, else the subject, else admin for Set-UserPhoto', () => {
    expect(actingUser({ do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' })).toBe('alice');
    expect(actingUser({ do: 'setPhoto', user: 'alice', photo: 'p1', via: 'admin-cmdlet' })).toBe('admin');
    expect(actingUser({ do: 'removePhoto', user: 'alice', via: 'admin-cmdlet' })).toBe('admin');
    expect(actingUser({ do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph', by: 'bob' })).toBe('bob');
  });
});
