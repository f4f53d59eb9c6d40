import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../model/Params.js';
import { defaultUser, type Action, type Surface } from '../../model/vocabulary.js';
import { perform } from '../Adapter.js';
import type { Deviations } from './Deviations.js';
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

describe('deviations of the mechanisms of contract 1.1 (microsoft-2026)', () => {
  const alice = { ...defaultUser('alice'), photo: 'p0', mySite: true };
  async function mutated(deviation: Deviations, steps: (Action | { see: Surface })[], seed = 1) {
    const a = createSimTenant({ profile: 'microsoft-2026', seed, mutant: { id: 'm', deviation } });
    await a.setup([{ ...alice, setPhotoEnabled: false, adSynced: false }]);
    const out: string[] = [];
    for (const s of steps) {
      if ('see' in s) {
        const o = await a.observe(s.see, 'alice', 'bob');
        out.push(o.status === 'seen' ? o.photo : 'unknown');
      } else out.push((await perform(a, s)).status);
    }
    return out;
  }

  it("serves Teams' service photo for teamsServiceCacheMs, every time, whatever the viewer restarted", async () => {
    const steps = [
      { see: 'teams' as const },
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' } as const,
      { do: 'wait', ms: 4 * DAY } as const,
      { do: 'restartClient', viewer: 'bob', client: 'teams' } as const,
      { see: 'teams' as const },
    ];
    for (const seed of [1, 2, 3]) {
      expect((await mutated({ teamsServiceCacheMs: 5 * DAY }, steps, seed)).at(-1)).toBe('p0');
      expect((await mutated({}, steps, seed)).at(-1)).toBe('p1');
    }
  });

  it('keeps AD-ONE-TIME in effect: a second AD photo never reaches Exchange', async () => {
    const steps = [
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'on-prem-ad' } as const,
      { do: 'wait', ms: 5 * HOUR } as const,
      { do: 'setPhoto', user: 'alice', photo: 'p2', via: 'on-prem-ad' } as const,
      { do: 'wait', ms: 5 * HOUR } as const,
      { see: 'graph' as const },
    ];
    expect((await mutated({ adOneTime: true }, steps)).at(-1)).toBe('p1');
    expect((await mutated({}, steps)).at(-1)).toBe('p2');
  });

  it('moves the OWA policy to other paths', async () => {
    const steps = [
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'outlook-desktop' } as const,
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'outlook-web' } as const,
    ];
    expect(await mutated({ photoPolicyPaths: ['outlook-desktop'] }, steps)).toEqual(['rejected', 'ok']);
    expect(await mutated({}, steps)).toEqual(['ok', 'rejected']);
  });

  it("still copies Exchange's photo at once on Edit-Cancel where the editor is gone", async () => {
    const steps = [
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' } as const,
      { do: 'wait', ms: 4 * HOUR } as const,
      { do: 'editCancel', user: 'alice' } as const,
      { see: 'sp-newsfeed' as const },
    ];
    expect((await mutated({ editCancel: 'copies' }, steps)).at(-1)).toBe('p1');
    expect((await mutated({}, steps)).at(-1)).toBe('p0');
  });

  it('takes a settings change late', async () => {
    const steps = [
      { do: 'setPhotoSettings', source: 'onPremises' } as const,
      { do: 'wait', ms: 2 * DAY } as const,
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' } as const,
    ];
    expect((await mutated({ settingsLagMs: 3 * DAY }, steps)).at(-1)).toBe('ok');
    expect((await mutated({}, steps)).at(-1)).toBe('rejected');
  });

  it('pushes without the throttle when SP-THROTTLE is ignored', async () => {
    const steps = [
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' } as const,
      { do: 'wait', ms: 5 * HOUR } as const,
      { do: 'visitMySite', user: 'alice' } as const,
      { do: 'wait', ms: HOUR } as const,
      { do: 'setPhoto', user: 'alice', photo: 'p2', via: 'graph' } as const,
      { do: 'wait', ms: 5 * HOUR } as const,
      { do: 'visitMySite', user: 'alice' } as const,
      { do: 'wait', ms: 24 * HOUR - MINUTE } as const,
      { see: 'sp-newsfeed' as const },
    ];
    // the second visit (11 h) is within a day of the first push (5 h): the throttle holds it until
    // 29 h, and it lands within spPickup (24 h) after that; without the throttle it lands by 35 h
    const held = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      expect((await mutated({ ignores: ['SP-THROTTLE'] }, steps, seed)).at(-1)).toBe('p2');
      held.add((await mutated({}, steps, seed)).at(-1)!);
    }
    expect(held).toContain('p1');
  });
});
