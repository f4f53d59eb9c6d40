import { describe, expect, it } from 'vitest';
import { HOUR } from '../../model/Params.js';
import { deviated } from './Deviations.js';
import { createSimTenant } from './SimTenant.js';
import { tenantBehaviour } from './TenantBehaviour.js';

describe('deviated', () => {
  it('switches off the mechanisms a mutant ignores, and nothing else', () => {
    const b = deviated(tenantBehaviour('microsoft-2024'), { ignores: ['PHOTO-POLICY'] });
    expect([b.has('PHOTO-POLICY'), b.has('CMDLET-RETIRED'), b.has('LYNC-PRESENCE')]).toEqual([false, true, false]);
    expect(b.param('exoLag')).toBe(HOUR);
  });

  it('is the profile itself without deviations', () => {
    const b = tenantBehaviour('threewill-2014');
    expect(deviated(b, {})).toBe(b);
  });
});

describe('createSimTenant with a mutant', () => {
  it('is named after it and offers what its profile offers', () => {
    const plain = createSimTenant({ profile: 'threewill-2014', seed: 1 });
    const mutated = createSimTenant({
      profile: 'threewill-2014',
      seed: 1,
      mutant: { id: 'lync-gone', deviation: { ignores: ['LYNC-PRESENCE'] } },
    });
    expect(mutated.name).toBe('sim:threewill-2014~lync-gone');
    expect(mutated.capabilities).toEqual(plain.capabilities);
  });
});
