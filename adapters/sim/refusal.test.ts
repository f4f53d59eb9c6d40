import { describe, expect, it } from 'vitest';
import type { Action, SetPhoto, Via } from '../../model/vocabulary.js';
import { GRAPH_PHOTO_LIMIT, hasVia, refusal } from './refusal.js';
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
});
