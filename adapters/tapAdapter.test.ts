import { describe, expect, it } from 'vitest';
import { defaultUser } from '../model/vocabulary.js';
import { createSimTenant } from './sim/SimTenant.js';
import { perform } from './Adapter.js';
import type { RunStep } from './RunStep.js';
import { tapAdapter } from './tapAdapter.js';

describe('tapAdapter', () => {
  it('tells of every action and look before it is carried out, and answers as the adapter does', async () => {
    const heard: RunStep[] = [];
    const plain = createSimTenant({ profile: 'threewill-2014', seed: 3 });
    const tapped = tapAdapter(createSimTenant({ profile: 'threewill-2014', seed: 3 }), (s) => void heard.push(s));
    const users = [{ ...defaultUser('alice'), photo: 'p0' }];
    await plain.setup(users);
    await tapped.setup(users);
    const set = { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' } as const;
    const wait = { do: 'wait', ms: 120_000 } as const;
    for (const a of [set, wait]) expect(await perform(tapped, a)).toEqual(await perform(plain, a));
    expect(await tapped.observe('graph', 'alice', 'bob')).toEqual(await plain.observe('graph', 'alice', 'bob'));
    expect(heard).toEqual([set, wait, { see: 'graph', user: 'alice', viewer: 'bob' }]);
  });
});
