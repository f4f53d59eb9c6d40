import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../model/Params.js';
import { tenantBehaviour } from './TenantBehaviour.js';

describe('tenantBehaviour', () => {
  it("reads a profile's rules and durations", () => {
    const b = tenantBehaviour('microsoft-2024');
    expect(b.profile).toBe('microsoft-2024');
    expect([b.has('TEAMS-CACHE'), b.has('LYNC-PRESENCE')]).toEqual([true, false]);
    expect([b.param('exoLag'), b.param('dirSyncInterval')]).toEqual([HOUR, 30 * MINUTE]);
  });

  it('refuses an unknown profile and a parameter the profile does not have', () => {
    expect(() => tenantBehaviour('contoso-2030')).toThrow(RangeError);
    expect(() => tenantBehaviour('threewill-2014').param('teamsCache')).toThrow(RangeError);
  });

  it('reads a parameter the profile may not have, with a fallback', () => {
    expect(tenantBehaviour('microsoft-2026').paramOr('teamsServiceCache', 0)).toBe(3 * 24 * HOUR);
    expect(tenantBehaviour('microsoft-2024').paramOr('teamsServiceCache', 0)).toBe(0);
  });
});
